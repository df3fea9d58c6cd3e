"""Formatie en dagdelen: the one read model of a plan's staffing, and its rules.

One fte is ``plan.half_days_per_fte`` dagdelen per week (10 by default); the
execution capacity is the sum of the roles' "voor uitvoering" fte. ``StaffingFigures``
carries every figure the formatie page, the status bar, the charts, validation and the
PDF show (per role, person, project and in all); the allocation matrix adds the cells.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import Integer, func, select, type_coerce
from sqlalchemy.orm import Session

from app.formatting import format_half_days
from app.models import Allocation, Chapter, Person, Plan, Project, Role
from app.models.numbers import from_scaled, round_fte, round_half_days
from app.services.plain_read import plain_rows

if TYPE_CHECKING:
    from app.services.staffing_edit import ColumnKey

ZERO = Decimal("0.0")


@dataclass(frozen=True)
class AllocationDelta:
    """An allocation cell as an edit wrote it. ``exact`` is False when the cell's rows also count
    for a role other than its column's (a person's rows that carry a role, from imported data):
    then the figures must be read again instead of adjusted."""

    project_id: int
    column: ColumnKey  # a role, a person, or the office (both ids None)
    old: Decimal | None
    new: Decimal | None
    exact: bool = True


@dataclass(slots=True)
class ProjectStaffing:
    id: int
    number: str
    title: str
    is_general: bool
    half_days: Decimal
    fte: Decimal
    stated_half_days: Decimal | None  # what the chapter text says, if anything


@dataclass(slots=True)
class RoleStaffing:
    id: int
    role: str
    fte: Decimal
    execution_fte: Decimal
    capacity_half_days: Decimal
    allocated_half_days: Decimal


@dataclass(slots=True)
class PersonStaffing:
    id: int
    name: str
    available_half_days: Decimal
    allocated_half_days: Decimal
    role_id: int | None = None  # the person's role, if named


@dataclass
class StaffingFigures:
    half_days_per_fte: Decimal
    total_fte: Decimal
    execution_fte: Decimal
    capacity_half_days: Decimal
    allocated_half_days: Decimal
    projects: list[ProjectStaffing]
    roles: list[RoleStaffing]
    people: list[PersonStaffing]
    plan_id: int = 0
    read_only: bool = False  # the plan is adopted: shown, not edited

    def role_name(self, role_id: int | None) -> str:
        return next((r.role for r in self.roles if r.id == role_id), "")

    @property
    def allocated_fte(self) -> Decimal:
        return to_fte(self.allocated_half_days, self.half_days_per_fte)

    @property
    def over_allocated(self) -> bool:
        return self.allocated_half_days > self.capacity_half_days

    @property
    def over_booked(self) -> list[str]:
        """The roles and people given more dagdelen than they have, by name."""
        return ([r.role for r in self.roles if r.allocated_half_days > r.capacity_half_days]
                + [p.name for p in self.people if p.allocated_half_days > p.available_half_days])


def to_fte(half_days: Decimal, per_fte: Decimal) -> Decimal:
    return round_fte(half_days / per_fte) if per_fte else Decimal("0.00")


# --- capacity and over-allocation: computed and worded here only ------------------------------

def role_capacity(execution_fte: Decimal, per_fte: Decimal) -> Decimal:
    """A role's dagdelen per week for execution: its execution fte times the plan's dagdelen
    per fte, rounded once to one decimal."""
    return round_half_days(execution_fte * per_fte)


def total_capacity(execution_ftes: Iterable[Decimal], per_fte: Decimal) -> Decimal:
    """The office's dagdelen for execution: all roles' execution fte times the factor, rounded
    once. Not the sum of the roles' rounded capacities: three roles of 0,25 fte at 9 dagdelen
    per fte are 2,3 each but 6,8 together (0,75 x 9 = 6,75), on every screen and on paper."""
    return round_half_days(sum(execution_ftes, Decimal("0.00")) * per_fte)


def total_over_message(allocated: Decimal, capacity: Decimal) -> str:
    return (f"Er zijn {format_half_days(allocated)} dagdelen per week ingezet, meer dan de "
            f"capaciteit voor uitvoering ({format_half_days(capacity)}).")


def role_over_message(role: str, allocated: Decimal, capacity: Decimal) -> str:
    return (f"{role}: {format_half_days(allocated)} dagdelen ingezet, capaciteit voor uitvoering "
            f"{format_half_days(capacity)}.")


def person_over_message(name: str, allocated: Decimal, available: Decimal) -> str:
    return (f"{name} is ingezet voor {format_half_days(allocated)} dagdelen per week, "
            f"beschikbaar {format_half_days(available)}.")


def _tenths_by_key(rows) -> dict:
    """(key, whole tenths) rows as key -> Decimal dagdelen; a value made once however many
    projects share it (at 2,000 projects most have one of a few dozen)."""
    made: dict[int, Decimal] = {}
    result = {}
    for key, tenths in rows:
        value = made.get(tenths)
        if value is None:
            value = made[tenths] = from_scaled(tenths, 1)
        result[key] = value
    return result


def _project_staffing(projects, per_project: dict[int, Decimal], factor: Decimal) -> list[ProjectStaffing]:
    """A project's dagdelen and fte; projects with the same dagdelen share one fte (at 2,000
    projects the division per project was a tenth of the summary's time)."""
    fte: dict[Decimal, Decimal] = {}
    result = []
    for project_id, number, title, is_general, stated in projects:
        half_days = per_project.get(project_id, ZERO)
        project_fte = fte.get(half_days)
        if project_fte is None:
            project_fte = fte[half_days] = to_fte(half_days, factor)
        result.append(ProjectStaffing(project_id, number, title, is_general, half_days, project_fte, stated))
    return result


def staffing_figures(session: Session, plan: Plan) -> StaffingFigures:
    factor = plan.half_days_per_fte
    roles = list(session.scalars(
        select(Role).where(Role.plan_id == plan.id).order_by(Role.position, Role.id)))
    people = list(session.scalars(
        select(Person).where(Person.plan_id == plan.id).order_by(Person.position, Person.id)))

    # The database adds the dagdelen (whole tenths) per project, per role and per person: a
    # row per project, not per project, role and person, is read and converted.
    mine = Allocation.plan_id == plan.id
    per_project = _tenths_by_key(plain_rows(session.connection(), (
        select(Allocation.project_id, type_coerce(func.sum(Allocation.half_days), Integer))
        .where(mine).group_by(Allocation.project_id))))
    per_role: dict[int, Decimal] = dict(session.execute(
        select(Allocation.capacity_id, func.sum(Allocation.half_days))
        .where(mine, Allocation.capacity_id.is_not(None)).group_by(Allocation.capacity_id)).all())
    per_person: dict[int, Decimal] = dict(session.execute(
        select(Allocation.person_id, func.sum(Allocation.half_days))
        .where(mine, Allocation.person_id.is_not(None)).group_by(Allocation.person_id)).all())
    allocated = sum(per_project.values(), ZERO)

    # The driver's tuples (the stated dagdelen as whole tenths, made Decimal where there is one):
    # at 2,000 projects the ORM's rows were a tenth of the summary's time.
    projects = [
        (project_id, number, title, bool(is_general), None if stated is None else from_scaled(stated, 1))
        for project_id, number, title, is_general, stated in plain_rows(session.connection(), (
            select(Project.id, Project.number, Project.title, Project.is_general,
                   type_coerce(Project.stated_half_days, Integer))
            .join(Project.chapter).where(Chapter.plan_id == plan.id)
            .order_by(Project.is_general, Project.number, Project.position, Project.id)))]
    execution_fte = sum((r.execution_fte for r in roles), Decimal("0.00"))
    return StaffingFigures(
        half_days_per_fte=factor,
        total_fte=sum((r.fte for r in roles), Decimal("0.00")),
        execution_fte=execution_fte,
        capacity_half_days=total_capacity((r.execution_fte for r in roles), factor),
        allocated_half_days=round_half_days(allocated),
        projects=_project_staffing(projects, per_project, factor),
        roles=[
            RoleStaffing(r.id, r.role, r.fte, r.execution_fte, role_capacity(r.execution_fte, factor),
                         per_role.get(r.id, ZERO))
            for r in roles
        ],
        people=[
            PersonStaffing(p.id, p.name, p.available_half_days, per_person.get(p.id, ZERO), p.capacity_id)
            for p in people
        ],
        plan_id=plan.id,
        read_only=plan.is_read_only,
    )


def adjusted_staffing(figures: StaffingFigures, cells) -> StaffingFigures | None:
    """``figures`` after allocation cells were written, without reading the file.

    ``cells``: AllocationDelta per cell; None when one is not exact: read the figures again.
    """
    if any(not delta.exact for delta in cells):
        return None
    projects = {p.id: p for p in figures.projects}
    roles = {r.id: r for r in figures.roles}
    people = {p.id: p for p in figures.people}
    allocated = figures.allocated_half_days
    factor = figures.half_days_per_fte
    for cell in cells:
        project_id, column = cell.project_id, cell.column
        delta = (cell.new or ZERO) - (cell.old or ZERO)
        if not delta:
            continue
        project = projects.get(project_id)
        if project is None:
            return None
        allocated += delta
        project.half_days += delta
        project.fte = to_fte(project.half_days, factor)
        if column.person_id is not None:
            if column.person_id not in people:
                return None
            people[column.person_id].allocated_half_days += delta
        elif column.capacity_id is not None:
            if column.capacity_id not in roles:
                return None
            roles[column.capacity_id].allocated_half_days += delta
    figures.allocated_half_days = round_half_days(allocated)
    return figures
