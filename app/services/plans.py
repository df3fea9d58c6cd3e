"""Finding plans in a workspace."""
from __future__ import annotations

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


def find_plan(session: Session, year: int | None = None) -> Plan:
    """The plan of ``year`` (or the newest year): its plan, not a draft amendment or scenario of
    it; once an amendment of it is adopted, that amendment, which supersedes it."""
    from app.services.adoption import current_plan

    plans = list_plans(session)
    if not plans:
        raise PlanNotFound("Dit bestand bevat nog geen uitvoeringsplan.")
    if year is None:
        newest = max(p.year for p in plans)
        candidates = [p for p in plans if p.year == newest]
    else:
        candidates = [p for p in plans if p.year == year]
        if not candidates:
            years = ", ".join(str(y) for y in sorted({p.year for p in plans}))
            raise PlanNotFound(f"Er is geen uitvoeringsplan voor {year}. Wel voor: {years}.")
    base = [p for p in candidates if p.kind is PlanKind.PLAN]
    return current_plan(session, (base or candidates)[0])


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
