"""Finding plans in a workspace."""
from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import UserError
from app.models import Plan, PlanKind, PlanStatus


class PlanNotFound(UserError, LookupError):
    """No plan of the year asked for (or none at all) in the file."""


def check_readable(workspace) -> None:
    """A first read of a file the workspace module let through: a file SQLite cannot read
    after all is refused here, in Dutch, not later in a window."""
    from sqlalchemy.exc import DatabaseError

    from app.services.errors import CorruptFileError

    try:
        with workspace.session() as session:
            list_plans(session)
    except DatabaseError:
        raise CorruptFileError(f"“{workspace.path.name}” kan niet worden geopend: het is geen "
                               "Planbord-bestand, of het is beschadigd.", workspace.path) from None


def list_plans(session: Session) -> list[Plan]:
    return list(session.scalars(select(Plan).order_by(Plan.year, Plan.id)))


def draft_amendments(session: Session, plan_id: int) -> list[Plan]:
    """The amendments of the plan still in draft, oldest first: "make an amendment" offers to
    open one of these instead of silently starting a second."""
    return list(session.scalars(select(Plan).where(
        Plan.based_on_id == plan_id, Plan.kind == PlanKind.AMENDMENT, Plan.status == PlanStatus.DRAFT)
        .order_by(Plan.id)))


def load_draft_amendments(workspace, plan_id: int) -> list[int]:
    """The ids of :func:`draft_amendments`, for the window (plain data, no session)."""
    with workspace.session() as session:
        return [plan.id for plan in draft_amendments(session, plan_id)]


def find_plan(session: Session, year: int | str | None = None) -> Plan:
    """The plan of ``year`` (or the newest year): its plan, not a draft amendment or scenario of
    it; once an amendment of it is adopted, that amendment, which supersedes it. A string is a
    plan reference as the command line takes it (:func:`find_plan_by_reference`)."""
    from app.services.adoption import current_plan

    if isinstance(year, str):
        return find_plan_by_reference(session, year)
    plans = _plans_or_refuse(session)
    if year is None:
        year = max(p.year for p in plans)
    return current_plan(session, _year_plan(plans, year))


def _plans_or_refuse(session: Session) -> list[Plan]:
    plans = list_plans(session)
    if not plans:
        raise PlanNotFound("Dit bestand bevat nog geen uitvoeringsplan.")
    return plans


def _year_plan(plans: list[Plan], year: int) -> Plan:
    """The year's own plan as it was made, before any amendment: the first of kind plan (a year
    with only a scenario: that scenario)."""
    candidates = [p for p in plans if p.year == year]
    if not candidates:
        years = ", ".join(str(y) for y in sorted({p.year for p in plans}))
        hint = "" if year in _PLAN_YEARS else f" Bedoelt u het plan met id {year}? Schrijf dan id:{year}."
        raise PlanNotFound(f"Er is geen uitvoeringsplan voor {year}. Wel voor: {years}.{hint}")
    base = [p for p in candidates if p.kind is PlanKind.PLAN]
    return (base or candidates)[0]


# --- plan references: what --plan of the command line takes ---------------------------------------
#
#   2022               the plan of 2022 as find_plan(2022) gives it (once an amendment is adopted:
#                      that amendment)
#   2022/wijziging-2   the second amendment of the 2022 plan as it was made (before any adopted
#                      amendment), in order of creation; 2022/scenario-1 likewise; steps go on:
#                      2022/wijziging-1/scenario-1 is the first scenario of that amendment
#   id:7               the plan with id 7 (plain digits are always a year, so "7" can never be
#                      taken for an id by mistake); id:7/wijziging-1 likewise
REFERENCE_HELP = ("een jaar (2022), een wijziging of scenario van het plan van dat jaar "
                  "(2022/wijziging-1, 2022/scenario-1) of een plan-id (id:7)")
_PLAN_YEARS = range(1900, 2201)  # what a plan year can be (app.services.new_workspace.YEARS)
_YEAR = re.compile(r"[0-9]{1,9}")  # more digits are no year and no id (and overflow SQLite)
_ID = re.compile(r"id:\s*([0-9]{1,9})")
_STEP = re.compile(r"(wijziging|scenario)-?\s*([0-9]{1,9})")
_STEP_KINDS = {"wijziging": PlanKind.AMENDMENT, "scenario": PlanKind.SCENARIO}
_KIND_WORDS = {PlanKind.AMENDMENT: ("wijziging", "wijzigingen"), PlanKind.SCENARIO: ("scenario", "scenario's")}


def find_plan_by_reference(session: Session, reference: str | None) -> Plan:
    """The plan a reference names ("2022", "2022/wijziging-1", "id:7"; None: the newest year's
    plan); a reference that names no plan raises :class:`PlanNotFound` saying what exists."""
    if reference is None:
        return find_plan(session)
    plans = _plans_or_refuse(session)
    text = " ".join(reference.split())
    head, *steps = [part.strip() for part in text.casefold().split("/")]
    if _YEAR.fullmatch(head) and "" not in steps:
        if not steps:
            return find_plan(session, int(head))
        plan, where = _year_plan(plans, int(head)), head
    elif (found := _ID.fullmatch(head)) is not None and "" not in steps:
        plan, where = session.get(Plan, int(found.group(1))), f"id:{int(found.group(1))}"
        if plan is None:
            raise PlanNotFound(f"Er is geen plan met {where}. Wel: {_listing(session, plans)}.")
    else:
        shown = text if len(text) <= 40 else text[:40] + "…"  # a pasted page is no message of a page
        raise PlanNotFound(f"“{shown}” is geen plan; geef {REFERENCE_HELP}. Wel: {_listing(session, plans)}.")
    for step in steps:
        plan, where = _step(session, plan, where, step)
    return plan


def _step(session: Session, plan: Plan, where: str, step: str) -> tuple[Plan, str]:
    """The amendment or scenario ``step`` ("wijziging-2") of ``plan``, and its reference."""
    found = _STEP.fullmatch(step)
    if found is None:
        raise PlanNotFound(f"“{step}” is geen wijziging of scenario; schrijf bijvoorbeeld "
                           f"{where}/wijziging-1 of {where}/scenario-1.")
    kind, number = _STEP_KINDS[found.group(1)], int(found.group(2))
    children = _copies(session, plan.id)
    same = [p for p in children if p.kind is kind]
    if 1 <= number <= len(same):
        return same[number - 1], f"{where}/{found.group(1)}-{number}"
    word, words = _KIND_WORDS[kind]
    of = f"het plan van {where}" if _YEAR.fullmatch(where) else f"plan {where}" if "/" not in where else where
    refs = _child_references(children, where)
    if same:
        shown = [ref for child, ref in zip(children, refs) if child.kind is kind]
        raise PlanNotFound(f"Er is geen {word} {number} van {of}. Wel: {', '.join(shown)}.")
    if children:
        raise PlanNotFound(f"Er is geen {word} {number} van {of}: er zijn geen {words}. "
                           f"Wel: {', '.join(refs)}.")
    raise PlanNotFound(f"Er is geen {word} {number} van {of}: er zijn geen wijzigingen of scenario's.")


def _copies(session: Session, plan_id: int) -> list[Plan]:
    """The amendments and scenarios made from the plan, oldest first."""
    return list(session.scalars(select(Plan).where(
        Plan.based_on_id == plan_id, Plan.kind.in_((PlanKind.AMENDMENT, PlanKind.SCENARIO)))
        .order_by(Plan.id)))


def _child_references(children: list[Plan], where: str) -> list[str]:
    """"2022/wijziging-1", "2022/scenario-1", … for the copies of one plan, in their order."""
    counts: dict[PlanKind, int] = {}
    refs = []
    for child in children:
        counts[child.kind] = counts.get(child.kind, 0) + 1
        refs.append(f"{where}/{_KIND_WORDS[child.kind][0]}-{counts[child.kind]}")
    return refs


def plan_references(session: Session) -> dict[int, str]:
    """Plan id -> the reference that names it, for every plan: the year for the year's plan, the
    path of its amendments and scenarios, "id:7" for a plan no year or path reaches (an
    original superseded by its adopted amendment, a second plan in a year)."""
    from app.services.adoption import current_plan

    plans = list_plans(session)
    years = sorted({p.year for p in plans})
    refs = {current_plan(session, _year_plan(plans, year)).id: str(year) for year in years}
    pending = [(_year_plan(plans, year), str(year)) for year in years]
    seen = {plan.id for plan, _ in pending}
    while pending:
        plan, where = pending.pop(0)
        children = _copies(session, plan.id)
        for child, ref in zip(children, _child_references(children, where)):
            refs.setdefault(child.id, ref)  # an adopted amendment keeps its year
            if child.id not in seen:  # a file may hold a loop of copies
                seen.add(child.id)
                pending.append((child, ref))
    for plan in plans:
        refs.setdefault(plan.id, f"id:{plan.id}")
    return refs


def _listing(session: Session, plans: list[Plan]) -> str:
    refs = plan_references(session)
    return ", ".join(refs[p.id] for p in plans)


def municipality_set_codes(workspace, plan_id: int) -> dict[str, int]:
    """Code ("H8") to id of the municipality sets of the plan's region."""
    from app.models import MunicipalitySet, Plan

    with workspace.session() as session:
        region_id = session.scalar(select(Plan.region_id).where(Plan.id == plan_id))
        rows = session.execute(select(MunicipalitySet.code, MunicipalitySet.id)
                               .where(MunicipalitySet.region_id == region_id)).all()
    return {code: set_id for code, set_id in rows}


def project_numbers(workspace, plan_id: int) -> dict[str, int]:
    """Project number ("3.1.3") to id, for linking budget lines by typing the number."""
    from app.models import Chapter, Project

    with workspace.session() as session:
        rows = session.execute(select(Project.number, Project.id).join(Project.chapter)
                               .where(Chapter.plan_id == plan_id, Project.number != "")).all()
    return {number: project_id for number, project_id in rows}
