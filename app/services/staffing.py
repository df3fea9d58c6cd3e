"""Formatie en dagdelen: execution capacity against what is allocated.

One fte is ``plan.half_days_per_fte`` dagdelen per week (10 by default); the
execution capacity is the sum of the roles' "voor uitvoering" fte.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import Allocation, Capacity, Chapter, Person, Plan, Project
from app.models.numbers import round_fte, round_half_days

ZERO = Decimal("0.0")


@dataclass
class ProjectStaffing:
    id: int
    number: str
    title: str
    is_general: bool
    half_days: Decimal
    fte: Decimal
    stated_half_days: Decimal | None  # what the chapter text says, if anything


@dataclass
class RoleStaffing:
    id: int
    role: str
    fte: Decimal
    execution_fte: Decimal
    capacity_half_days: Decimal
    allocated_half_days: Decimal


@dataclass
class PersonStaffing:
    id: int
    name: str
    available_half_days: Decimal
    allocated_half_days: Decimal


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


def staffing_figures(session: Session, plan: Plan) -> StaffingFigures:
    factor = plan.half_days_per_fte
    roles = list(session.scalars(
        select(Capacity).where(Capacity.plan_id == plan.id).order_by(Capacity.position, Capacity.id)))
    people = list(session.scalars(
        select(Person).where(Person.plan_id == plan.id).order_by(Person.position, Person.id)))

    per_project: dict[int, Decimal] = defaultdict(Decimal)
    per_role: dict[int, Decimal] = defaultdict(Decimal)
    per_person: dict[int, Decimal] = defaultdict(Decimal)
    rows = session.execute(
        select(Allocation.project_id, Allocation.capacity_id, Allocation.person_id,
               func.sum(Allocation.half_days))
        .where(Allocation.plan_id == plan.id)
        .group_by(Allocation.project_id, Allocation.capacity_id, Allocation.person_id)
    )
    allocated = ZERO
    for project_id, capacity_id, person_id, amount in rows:
        per_project[project_id] += amount
        allocated += amount
        if person_id is not None:
            per_person[person_id] += amount
        if capacity_id is not None:
            per_role[capacity_id] += amount

    projects = session.execute(
        select(Project.id, Project.number, Project.title, Project.is_general,
               Project.stated_half_days)
        .join(Project.chapter).where(Chapter.plan_id == plan.id)
        .order_by(Project.is_general, Project.number, Project.position, Project.id)
    ).all()
    execution_fte = sum((r.execution_fte for r in roles), Decimal("0.00"))
    return StaffingFigures(
        half_days_per_fte=factor,
        total_fte=sum((r.fte for r in roles), Decimal("0.00")),
        execution_fte=execution_fte,
        capacity_half_days=round_half_days(execution_fte * factor),
        allocated_half_days=round_half_days(allocated),
        projects=[
            ProjectStaffing(p.id, p.number, p.title, p.is_general, per_project.get(p.id, ZERO),
                            to_fte(per_project.get(p.id, ZERO), factor), p.stated_half_days)
            for p in projects
        ],
        roles=[
            RoleStaffing(r.id, r.role, r.fte, r.execution_fte,
                         round_half_days(r.execution_fte * factor),
                         per_role.get(r.id, ZERO))
            for r in roles
        ],
        people=[
            PersonStaffing(p.id, p.name, p.available_half_days, per_person.get(p.id, ZERO))
            for p in people
        ],
    )


def adjusted_staffing(figures: StaffingFigures, cells) -> StaffingFigures | None:
    """``figures`` after allocation cells were written, without reading the file.

    ``cells``: (project id, column, value now, value before, exact) per cell, the column
    a ColumnKey (role, person, or the office when both ids are None). ``exact`` is False
    when the cell's rows also count for a role other than its column's (a person's rows
    that carry a role, from imported data); then None: read the figures again.
    """
    if any(not exact for *_rest, exact in cells):
        return None
    projects = {p.id: p for p in figures.projects}
    roles = {r.id: r for r in figures.roles}
    people = {p.id: p for p in figures.people}
    allocated = figures.allocated_half_days
    factor = figures.half_days_per_fte
    for project_id, column, now, before, _exact in cells:
        delta = (now or ZERO) - (before or ZERO)
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
