"""The formatie page as sheets: roles, people and the allocation matrix of one plan.

A read model for the staffing editor (no Qt): one session, a handful of
column queries, so the page opens fast on a plan with hundreds of projects.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select

from app.models import Allocation, Person, Plan, Role
from app.services.allocation_matrix import Matrix, allocation_matrix
from app.services.staffing import role_capacity, total_capacity

ZERO = Decimal("0.0")


@dataclass
class RoleRow:
    id: int
    role: str
    fte: Decimal
    execution_fte: Decimal


@dataclass
class PersonRow:
    id: int
    name: str
    capacity_id: int | None
    available_half_days: Decimal
    allocated_half_days: Decimal


@dataclass
class StaffingSheet:
    plan_id: int
    read_only: bool
    half_days_per_fte: Decimal
    roles: list[RoleRow]
    people: list[PersonRow]

    def capacity(self, role: RoleRow) -> Decimal:
        """Dagdelen per week for execution of a role, with the plan's factor."""
        return role_capacity(role.execution_fte, self.half_days_per_fte)

    @property
    def total_capacity(self) -> Decimal:
        """All roles' dagdelen for execution, rounded once (as the matrix and the PDF)."""
        return total_capacity((r.execution_fte for r in self.roles), self.half_days_per_fte)

    def role_name(self, capacity_id: int | None) -> str:
        return next((r.role for r in self.roles if r.id == capacity_id), "")


def load_staffing_sheet(workspace, plan_id: int) -> StaffingSheet | None:
    with workspace.session() as session:
        plan = session.get(Plan, plan_id)
        if plan is None:
            return None
        roles = [RoleRow(*r) for r in session.execute(
            select(Role.id, Role.role, Role.fte, Role.execution_fte)
            .where(Role.plan_id == plan_id).order_by(Role.position, Role.id))]
        allocated = dict(session.execute(
            select(Allocation.person_id, func.sum(Allocation.half_days))
            .where(Allocation.plan_id == plan_id, Allocation.person_id.is_not(None))
            .group_by(Allocation.person_id)).all())
        people = [PersonRow(p.id, p.name, p.capacity_id, p.available_half_days,
                            Decimal(allocated.get(p.id) or ZERO))
                  for p in session.execute(
                      select(Person.id, Person.name, Person.capacity_id, Person.available_half_days)
                      .where(Person.plan_id == plan_id).order_by(Person.position, Person.id))]
        return StaffingSheet(plan_id, plan.is_read_only, plan.half_days_per_fte, roles, people)


def load_matrix(workspace, plan_id: int) -> tuple[Matrix, bool] | None:
    """The allocation matrix of the plan and whether the plan is read-only."""
    with workspace.session() as session:
        plan = session.get(Plan, plan_id)
        if plan is None:
            return None
        return allocation_matrix(session, plan), plan.is_read_only
