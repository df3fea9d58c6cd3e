"""Realisatie entries of a plan: read, added (one or a whole import, validated as a whole),
changed, deleted and put back (the undo of a delete, with the same ids).

Entries are bookkeeping, not plan content: an adopted plan takes them too. Each operation is one
transaction and returns what its undo needs, as the other edit services do.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from app.models import BudgetGroup, BudgetLine, FundingSource, Plan
from app.models.actuals import ActualEntry, ActualKind
from app.models.numbers import money
from app.services.edit_errors import EditError
from app.services.editing import Stale, clean_text, existing, locked, refuse_stale, shown_value, stale_fields

PLAN_GONE = "Dit plan bestaat niet meer."
ENTRY_GONE = "Deze boeking bestaat niet meer; misschien is ze al verwijderd."
SHOWS = "de realisatie toont nu de nieuwe waarden"
# What a booking's fields are called in a refusal ("Het bedrag van boeking … is nu € 1.100 (u zag € 1.000)").
FIELD_NAMES = {"line_id": "De post", "source_id": "De bron van dekking", "kind": "De soort", "year": "Het jaar",
               "booked_on": "De datum", "amount": "Het bedrag", "description": "De omschrijving",
               "reference": "Het kenmerk"}
DESCRIPTION_MOST = 300
REFERENCE_MOST = 100
# How far from the budget year a booking's date may lie: a year's invoices are paid up to a
# year later, and advance payments made a year before (anything further is a typing error).
DATE_SLACK_YEARS = 1


@dataclass(frozen=True)
class EntryValues:
    """A booking as entered or imported, not yet in the file."""

    year: int
    booked_on: date
    amount: Decimal
    line_id: int | None = None
    source_id: int | None = None
    kind: ActualKind = ActualKind.REALISED
    description: str = ""
    reference: str = ""


@dataclass(frozen=True, slots=True)
class EntryRow:
    """A booking as a table shows it."""

    id: int
    line_id: int | None
    source_id: int | None
    target: str  # the line's name ("Groep › Post" where names repeat) or the funding source's
    kind: ActualKind
    year: int
    booked_on: date
    amount: Decimal
    description: str
    reference: str


@dataclass
class Targets:
    """What a plan's entries may book on: its lines and funding sources, and its years."""

    plan_id: int
    years: tuple[int, ...]
    lines: dict[int, str] = field(default_factory=dict)  # id -> label
    sources: dict[int, str] = field(default_factory=dict)


def targets(session: Session, plan: Plan) -> Targets:
    lines = session.execute(
        select(BudgetLine.id, BudgetLine.name, BudgetGroup.name)
        .join(BudgetLine.group).where(BudgetGroup.plan_id == plan.id)
        .order_by(BudgetGroup.position, BudgetLine.position, BudgetLine.id)).all()
    counts: dict[str, int] = {}
    for _id, name, _group in lines:
        counts[name.casefold()] = counts.get(name.casefold(), 0) + 1
    labels = {line_id: (f"{group} › {name}" if counts[name.casefold()] > 1 else name)
              for line_id, name, group in lines}
    sources = dict(session.execute(
        select(FundingSource.id, FundingSource.name).where(FundingSource.plan_id == plan.id)
        .order_by(FundingSource.position, FundingSource.id)).all())
    return Targets(plan.id, tuple(plan.own_years), labels, sources)


def plan_entries(session: Session, plan: Plan) -> list[EntryRow]:
    """Every booking of the plan, by date (then as entered)."""
    found = targets(session, plan)
    rows = session.scalars(_entries_of(plan.id).order_by(ActualEntry.booked_on, ActualEntry.id))
    return [EntryRow(e.id, e.line_id, e.source_id,
                     found.lines.get(e.line_id, "") if e.line_id is not None else found.sources.get(e.source_id, ""),
                     e.kind, e.year, e.booked_on, e.amount, e.description, e.reference) for e in rows]


def _entries_of(plan_id: int):
    """The select of a plan's entries (on its lines or on its sources)."""
    on_lines = select(BudgetLine.id).join(BudgetLine.group).where(BudgetGroup.plan_id == plan_id)
    on_sources = select(FundingSource.id).where(FundingSource.plan_id == plan_id)
    return select(ActualEntry).where(ActualEntry.line_id.in_(on_lines) | ActualEntry.source_id.in_(on_sources))


# --- checking ------------------------------------------------------------------------------------

def checked(values: EntryValues, found: Targets, where: str = "") -> EntryValues:
    """``values`` as stored, or EditError with a Dutch message (``where``: "Rij 12: " for an import)."""
    if (values.line_id is None) == (values.source_id is None):
        raise EditError(f"{where}Een boeking hoort bij één post of één bron van dekking.")
    if values.line_id is not None and values.line_id not in found.lines:
        raise EditError(f"{where}Die post hoort niet (meer) bij dit plan.")
    if values.source_id is not None and values.source_id not in found.sources:
        raise EditError(f"{where}Die bron van dekking hoort niet (meer) bij dit plan.")
    if values.source_id is not None and values.kind is not ActualKind.REALISED:
        raise EditError(f"{where}Een verplichting hoort bij een post, niet bij een bron van dekking: "
                        "bij een bron staat wat is ontvangen.")
    if values.year not in found.years:
        raise EditError(f"{where}{values.year} is geen begrotingsjaar van dit plan "
                        f"({found.years[0]}–{found.years[-1]}); boek op een van die jaren.")
    if not isinstance(values.booked_on, date):
        raise EditError(f"{where}Een boeking heeft een datum nodig, bijvoorbeeld 31-12-{values.year}.")
    if abs(values.booked_on.year - values.year) > DATE_SLACK_YEARS:
        raise EditError(f"{where}De datum {values.booked_on:%d-%m-%Y} ligt ver buiten {values.year}; "
                        "controleer de datum of het jaar waarop geboekt wordt.")
    if values.amount is None:
        raise EditError(f"{where}Een boeking heeft een bedrag nodig.")
    try:
        amount = money(values.amount)
    except (TypeError, ValueError) as exc:
        raise EditError(f"{where}{exc}") from None
    return replace(values, amount=amount,
                   description=clean_text(values.description, f"{where}De omschrijving", DESCRIPTION_MOST,
                                          collapse=True),
                   reference=clean_text(values.reference, f"{where}Het kenmerk", REFERENCE_MOST, collapse=True))


def _plan(session: Session, plan_id: int) -> Plan:
    return existing(session, Plan, plan_id, PLAN_GONE)


# --- edits -----------------------------------------------------------------------------------------

def add_entries(workspace, plan_id: int, entries: Sequence[EntryValues]) -> list[int]:
    """Add the bookings (all of them, or none: the first problem is refused with its row); their ids."""
    with workspace.transaction() as session:
        found = targets(session, _plan(session, plan_id))
        many = len(entries) > 1
        rows = [_row(checked(values, found, f"Rij {number}: " if many else ""))
                for number, values in enumerate(entries, start=1)]
        if not rows:
            return []
        from app.services.bulk_insert import insert_rows, new_ids

        table = ActualEntry.__table__
        ids = new_ids(session, table, len(rows))
        if ids is None:  # another database: it hands out the ids
            return list(session.scalars(insert(table).returning(table.c.id), rows))
        insert_rows(session, table, ("id", *FIELDS), [{**row, "id": i} for row, i in zip(rows, ids)])
        return list(ids)


def _row(values: EntryValues) -> dict:
    return {"line_id": values.line_id, "source_id": values.source_id, "kind": values.kind,
            "year": values.year, "booked_on": values.booked_on, "amount": values.amount,
            "description": values.description, "reference": values.reference}


FIELDS = ("line_id", "source_id", "kind", "year", "booked_on", "amount", "description", "reference")


def set_entry_fields(workspace, entry_id: int, expected: dict | None = None, **fields) -> dict:
    """Change fields of one booking; returns the old values (the undo).

    ``expected``: the fields as the user saw them (an undo: what the step wrote); where the booking
    holds something else now, someone changed it meanwhile: ConflictError naming the booking, what
    it is now, what was seen and who changed it when; nothing is written."""
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise ValueError(f"unknown fields {sorted(unknown)}")
    with workspace.transaction() as session:
        entry = existing(session, ActualEntry, entry_id, ENTRY_GONE)
        plan_id = _plan_of(session, entry)
        found = targets(session, _plan(session, plan_id))
        if expected:
            locked(session, entry)
            refuse_stale(session, _stale_entry(entry, _seen(expected), found), SHOWS)
        old = {name: getattr(entry, name) for name in fields}
        current = EntryValues(**{name: getattr(entry, name) for name in FIELDS})
        new = checked(replace(current, **fields), found)
        for name in fields:
            setattr(entry, name, getattr(new, name))
        return old


def _seen(expected: dict) -> dict:
    """What the user saw, cleaned as a booking is stored (so "  factuur " was seen as "factuur")."""
    seen = {name: value for name, value in expected.items() if name in FIELDS}
    if seen.get("amount") is not None:
        try:
            seen["amount"] = money(seen["amount"])
        except (TypeError, ValueError):
            pass
    for name in ("description", "reference"):
        if name in seen:
            seen[name] = " ".join(str(seen[name] or "").split())
    return seen


def entry_name(entry, found: Targets) -> str:
    """A booking as a refusal names it: "boeking van 01-03-2022 op “Inkoop”"."""
    from app.formatting import format_date

    target = found.lines.get(entry.line_id, "") if entry.line_id is not None else found.sources.get(entry.source_id, "")
    return f"boeking van {format_date(entry.booked_on)} op “{target}”"


def _stale_entry(entry: ActualEntry, seen: dict, found: Targets) -> list[Stale]:
    from app.formatting import format_money

    def target(labels):
        return lambda target_id: "geen" if target_id is None else f"“{labels.get(target_id, '?')}”"

    shown = {"amount": lambda amount: shown_value(None) if amount is None else format_money(amount),
             "line_id": target(found.lines), "source_id": target(found.sources)}
    return stale_fields(entry, seen, "de boeking", entry_name(entry, found), shown=shown, names=FIELD_NAMES)


def _plan_of(session: Session, entry: ActualEntry) -> int:
    if entry.line_id is not None:
        return session.scalar(select(BudgetGroup.plan_id).join(BudgetLine.group).where(BudgetLine.id == entry.line_id))
    return session.scalar(select(FundingSource.plan_id).where(FundingSource.id == entry.source_id))


def delete_entries(workspace, plan_id: int, entry_ids: Iterable[int]) -> list[dict]:
    """Delete bookings of the plan; returns their rows (with ids) for :func:`restore_entries`."""
    wanted = set(entry_ids)
    with workspace.transaction() as session:
        _plan(session, plan_id)
        table = ActualEntry.__table__
        rows = [dict(r._mapping) for r in session.execute(
            select(table).where(table.c.id.in_(wanted), table.c.id.in_(
                _entries_of(plan_id).with_only_columns(ActualEntry.id))))]
        if len(rows) != len(wanted):
            raise EditError(ENTRY_GONE)
        session.execute(delete(table).where(table.c.id.in_(wanted)))
        return rows


def restore_entries(workspace, plan_id: int, rows: Sequence[dict]) -> None:
    """Put deleted bookings back with their own ids (the undo of a delete)."""
    with workspace.transaction() as session:
        found = targets(session, _plan(session, plan_id))
        for row in rows:
            if row["line_id"] is not None and row["line_id"] not in found.lines \
                    or row["source_id"] is not None and row["source_id"] not in found.sources:
                raise EditError("De post of bron van deze boekingen bestaat niet meer; er is niets teruggezet.")
        if rows:
            session.execute(insert(ActualEntry.__table__), [dict(r) for r in rows])


def set_line_forecast(workspace, line_id: int, year: int, amount: Decimal | None,
                      expected: dict | None = None) -> Decimal | None:
    """Type a line's expected spending for a year (None: back to the linear forecast); returns
    the old typed forecast (the undo).

    ``expected``: ``{"amount": the typed forecast the user saw (None: none)}``, or None: nothing to
    check; where another forecast is typed now, ConflictError naming the line and year, what it is
    now, what was seen and who typed it when; nothing is written."""
    from app.models.actuals import LineForecast

    with workspace.transaction() as session:
        line = existing(session, BudgetLine, line_id, "Deze post bestaat niet meer.")
        plan = _plan(session, line.group.plan_id)
        if year not in plan.own_years:
            raise EditError(f"{year} is geen begrotingsjaar van dit plan; een prognose hoort bij een van de "
                            f"jaren {plan.own_years[0]}–{plan.own_years[-1]}.")
        query = select(LineForecast).where(LineForecast.line_id == line_id, LineForecast.year == year)
        if expected is not None:
            query = query.with_for_update()  # writers of the same forecast take turns
        typed = session.scalar(query.execution_options(populate_existing=True))
        old = typed.amount if typed is not None else None
        if expected is not None:
            _refuse_stale_forecast(session, line, year, old, expected.get("amount"))
        if amount is None:
            if typed is not None:
                session.delete(typed)
            return old
        try:
            amount = money(amount)
        except (TypeError, ValueError) as exc:
            raise EditError(str(exc)) from None
        if typed is None:
            session.add(LineForecast(line_id=line_id, year=year, amount=amount))
        else:
            typed.amount = amount
        return old


def _refuse_stale_forecast(session: Session, line: BudgetLine, year: int, now, seen) -> None:
    from app.formatting import format_money

    try:
        seen = None if seen is None else money(seen)
    except (TypeError, ValueError):
        pass
    if now == seen:
        return

    def show(amount):
        return "leeg" if amount is None else format_money(amount)

    refuse_stale(session, [Stale("line_forecast", f"{line.id}/{year}",
                                 f"De prognose van post “{line.name}” voor {year} is nu {show(now)} "
                                 f"(u zag {show(seen)})")], SHOWS)


def _read(workspace, plan_id: int, read):
    with workspace.session() as session:
        plan = session.get(Plan, plan_id)
        return None if plan is None else read(session, plan)


def load_targets(workspace, plan_id: int) -> Targets | None:
    """The plan's lines and funding sources a booking may go on, in a session of its own; None
    when the plan is gone."""
    return _read(workspace, plan_id, targets)


def load_entries(workspace, plan_id: int) -> tuple[Targets, list[EntryRow]] | None:
    """(Targets, the bookings by date) of the plan, in one session; None when the plan is gone."""
    return _read(workspace, plan_id, lambda session, plan: (targets(session, plan), plan_entries(session, plan)))
