"""A workspace of one's own: a new file with a region, its municipalities, optionally its first
allocation key and its first plan, as the wizard and ``python -m app new`` make it.

Everything is checked before the file is made: a refusal leaves no file behind. The file is
built by :func:`app.services.workspace.create_workspace` (under a temporary name, never over an
existing file) and filled in one transaction.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from app.errors import UserError
from app.models import AllocationKey, KeyMethod, KeyShare, Municipality, Plan, Region
from app.services import change_log

MAX_NAME = 200  # the columns' length: region and municipality names
MAX_TITLE = 300
YEARS = range(1900, 2201)
MAX_PLAN_YEARS = 10  # columns of a multi-year budget


class SetupError(UserError):
    """A new workspace that cannot be made as asked; nothing was written."""


@dataclass(frozen=True)
class KeySetup:
    """The first allocation key: a percentage or a basis figure (inhabitants, ...) per municipality,
    in the municipalities' order."""

    name: str
    method: KeyMethod
    values: Sequence[str | int | Decimal]
    basis_label: str = ""


@dataclass(frozen=True)
class PlanSetup:
    year: int
    title: str = ""  # empty: "Uitvoeringsplan <year>"
    first_year: int | None = None  # the budget's year columns; none: the plan year only
    last_year: int | None = None
    half_days_per_fte: str | int | Decimal = "10"


@dataclass
class NewWorkspace:
    path: Path
    region_id: int
    plan_id: int | None
    municipalities: list[str] = field(default_factory=list)


def municipality_names(text: str) -> list[str]:
    """Names typed one per line, or pasted as a column (or a row) from Excel: tabs and
    semicolons separate too; blank entries and surrounding spaces are dropped, order kept."""
    names = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        for part in line.replace("\t", ";").split(";"):
            if " ".join(part.split()):
                names.append(" ".join(part.split()))
    return names


def check_region_name(name: str) -> str:
    from app.services.editing import clean_text

    return clean_text(name, "De naam van de regio", MAX_NAME, collapse=True, error=SetupError,
                      needed="Geef de regio een naam.")


def check_region(name: str, municipalities: Sequence[str]) -> tuple[str, list[str]]:
    """The region's name and its municipalities, cleaned; a SetupError says what is wrong."""
    name = check_region_name(name)
    cleaned = [" ".join(str(m).split()) for m in municipalities]
    if any(not m for m in cleaned):
        raise SetupError("Een gemeente heeft een naam nodig; laat lege regels weg.")
    if not cleaned:
        raise SetupError("Geef de gemeenten van de regio, één per regel.")
    too_long = next((m for m in cleaned if len(m) > MAX_NAME), None)
    if too_long is not None:
        raise SetupError(f"De naam “{too_long[:40]}…” is langer dan {MAX_NAME} tekens.")
    seen: dict[str, str] = {}
    for m in cleaned:
        if m.casefold() in seen:
            raise SetupError(f"“{m}” staat twee keer in de lijst van gemeenten; elke gemeente komt één keer voor.")
        seen[m.casefold()] = m
    return name, cleaned


def check_key(key: KeySetup, municipalities: Sequence[str]) -> list[Decimal | int]:
    """The key's values, one per municipality, as stored: percentages with at most two decimals
    (their total is checked as a plan problem, never normalised), or whole basis figures, read
    by the key editor's own parsers, so the wizard takes what the key page takes."""
    from app.services.cell_input import InputError, parse_percentage, parse_whole_number

    from app.services.editing import clean_text

    clean_text(key.name, "De naam van de verdeelsleutel", MAX_NAME, collapse=True, error=SetupError,
               needed="Geef de verdeelsleutel een naam, bijvoorbeeld “Inwoners 1-1-2022”.")
    clean_text(key.basis_label, "Het basisgetal", MAX_NAME, error=SetupError)
    if len(key.values) != len(municipalities):
        raise SetupError(f"De verdeelsleutel heeft {len(key.values)} waarden voor {len(municipalities)} "
                         "gemeenten; geef er één per gemeente, in dezelfde volgorde.")
    values: list[Decimal | int] = []
    for name, raw in zip(municipalities, key.values, strict=True):
        try:
            parse = parse_percentage if key.method is KeyMethod.PERCENTAGE else parse_whole_number
            value = parse(str(raw))
            if value is None:
                raise InputError("leeg")
        except InputError:
            what = ("percentage tussen 0 en 100 met hoogstens twee decimalen"
                    if key.method is KeyMethod.PERCENTAGE else "heel getal van 0 of meer")
            raise SetupError(f"“{raw}” bij {name} is geen {what}.") from None
        values.append(value)
    return values


def check_year_columns(first: int, last: int, error: type[UserError] = SetupError) -> None:
    """A budget's year columns ``first``..``last``: within 1900–2200, in order, at most
    MAX_PLAN_YEARS; ``error`` (Dutch) says what is wrong. The wizard and the plan menu both ask."""
    for label, year in (("Het eerste begrotingsjaar", first), ("Het laatste begrotingsjaar", last)):
        if year not in YEARS:
            raise error(f"{label} {year} ligt niet tussen {YEARS[0]} en {YEARS[-1]}.")
    if last < first:
        raise error(f"Het laatste begrotingsjaar ({last}) ligt voor het eerste ({first}).")
    if last - first + 1 > MAX_PLAN_YEARS:
        raise error(f"Een begroting heeft hoogstens {MAX_PLAN_YEARS} jaren; {first}–{last} zijn er "
                    f"{last - first + 1}.")


def check_plan(plan: PlanSetup) -> PlanSetup:
    first = plan.year if plan.first_year is None else plan.first_year
    last = plan.year if plan.last_year is None else plan.last_year
    if plan.year not in YEARS:
        raise SetupError(f"Het planjaar {plan.year} ligt niet tussen {YEARS[0]} en {YEARS[-1]}.")
    check_year_columns(first, last)
    from app.services.editing import clean_text

    title = (clean_text(plan.title, "De titel", MAX_TITLE, collapse=True, error=SetupError)
             or f"Uitvoeringsplan {plan.year}")
    from app.services.edit_errors import EditError
    from app.services.staffing_edit import parse_half_days  # as the formatie page reads it

    try:
        factor = parse_half_days(str(plan.half_days_per_fte))
    except EditError:
        factor = None
    if factor is None or not 0 < factor <= 10:
        raise SetupError(f"“{plan.half_days_per_fte}” dagdelen per fte kan niet: een fte is meer dan 0 "
                         "en hoogstens 10 dagdelen per week, met hoogstens één decimaal.")
    return PlanSetup(plan.year, title, first, last, factor)


def create_region_workspace(path: Path | str, region: str, municipalities: Sequence[str], *,
                            key: KeySetup | None = None, plan: PlanSetup | None = None) -> NewWorkspace:
    """Make the file at ``path`` with the region, its municipalities (in this order), the key and
    the plan (which uses the key). Checked first: a SetupError (or WorkspaceError for the file
    itself) leaves nothing on disk."""
    from app.services.workspace import create_workspace

    checked = _check_setup(region, municipalities, key, plan)
    workspace = create_workspace(path)
    try:
        return _write_setup(workspace, *checked)
    finally:
        workspace.close()


def add_region(workspace, region: str, municipalities: Sequence[str], *,
               key: KeySetup | None = None, plan: PlanSetup | None = None) -> NewWorkspace:
    """What :func:`create_region_workspace` writes, into an open workspace (a new file's or a new
    server database's); checked first, one transaction."""
    return _write_setup(workspace, *_check_setup(region, municipalities, key, plan))


def _check_setup(region, municipalities, key, plan):
    name, names = check_region(region, municipalities)
    values = check_key(key, names) if key is not None else None
    plan = check_plan(plan) if plan is not None else None
    return name, names, key, values, plan


def _write_setup(workspace, name, names, key, values, plan) -> NewWorkspace:
    with workspace.transaction() as session:
        change_log.unrecorded(session)  # the set-up itself: nobody's edit to name
        made = Region(name=name)
        session.add(made)
        rows = [Municipality(region=made, name=m, position=i) for i, m in enumerate(names)]
        session.add_all(rows)
        allocation_key = None
        if key is not None:
            allocation_key = AllocationKey(region=made, name=" ".join(key.name.split()),
                                           method=key.method, basis_label=key.basis_label.strip())
            session.add(allocation_key)
            for municipality, value in zip(rows, values, strict=True):
                share = (KeyShare(key=allocation_key, municipality=municipality, percentage=value)
                         if key.method is KeyMethod.PERCENTAGE
                         else KeyShare(key=allocation_key, municipality=municipality, basis=value))
                session.add(share)
        plan_row = None
        if plan is not None:
            plan_row = Plan(region=made, year=plan.year, title=plan.title, first_year=plan.first_year,
                            last_year=plan.last_year, half_days_per_fte=plan.half_days_per_fte,
                            allocation_key=allocation_key)
            session.add(plan_row)
        session.flush()
        return NewWorkspace(workspace.path, made.id, plan_row.id if plan_row else None, names)
