"""The allocation matrix: dagdelen per week of each role or person on each project.

Rows are the plan's projects in number order and then general work; columns
are roles, named people, and "Programmabureau" (the office as a whole) when
allocations without role or person exist, as in the 2022 staffing table.
Built from a handful of column queries (no ORM objects per cell), so it opens
fast on a plan with hundreds of projects; ``set_cell`` updates the totals in
memory after an edit, so the view need not rebuild it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import Allocation, Chapter, Person, Plan, Project, Role
from app.services.staffing import (
    person_over_message,
    role_capacity,
    role_over_message,
    to_fte,
    total_capacity,
    total_over_message,
)
from app.services.staffing_edit import OFFICE, ColumnKey

ZERO = Decimal("0.0")
OFFICE_LABEL = "Programmabureau"


@dataclass(frozen=True)
class MatrixColumn:
    key: ColumnKey
    kind: str  # "role", "person" or "office"
    label: str
    available: Decimal | None  # dagdelen per week; None for the office as a whole


@dataclass
class MatrixRow:
    project_id: int
    number: str
    title: str
    is_general: bool
    cells: list[Decimal | None]  # one per column; None: no allocation
    total: Decimal = ZERO


@dataclass(frozen=True)
class OverAllocation:
    column: int | None  # index into columns; None: the grand total
    message: str  # Dutch, for the status bar


@dataclass
class Matrix:
    plan_id: int
    half_days_per_fte: Decimal
    columns: list[MatrixColumn]
    rows: list[MatrixRow]
    column_totals: list[Decimal]
    grand_total: Decimal
    capacity: Decimal  # execution capacity in dagdelen: sum of execution fte x factor
    over_allocated: list[OverAllocation] = field(default_factory=list)

    def fte(self, half_days: Decimal | None) -> Decimal | None:
        """Fte beside dagdelen, with the plan's factor."""
        return None if half_days is None else to_fte(half_days, self.half_days_per_fte)

    def row_index(self, project_id: int) -> int:
        return self._row_index[project_id]

    def column_index(self, key: ColumnKey) -> int:
        return self._column_index[key]

    def __post_init__(self) -> None:
        self._row_index = {r.project_id: i for i, r in enumerate(self.rows)}
        self._column_index = {c.key: i for i, c in enumerate(self.columns)}

    def set_cell(self, project_id: int, key: ColumnKey, value: Decimal | None) -> None:
        """Take a committed edit into the figures without a database pass."""
        row = self.rows[self.row_index(project_id)]
        column = self.column_index(key)
        delta = (value or ZERO) - (row.cells[column] or ZERO)
        row.cells[column] = value
        row.total += delta
        self.column_totals[column] += delta
        self.grand_total += delta
        self.over_allocated = _over_allocated(self)

    @property
    def messages(self) -> list[str]:
        return [o.message for o in self.over_allocated]


def _column_for(capacity_id: int | None, person_id: int | None) -> ColumnKey:
    # A person's rows belong to the person, whatever role is also set (as staffing_edit writes).
    if person_id is not None:
        return ColumnKey(person_id=person_id)
    if capacity_id is not None:
        return ColumnKey(capacity_id=capacity_id)
    return OFFICE


def _number_key(number: str) -> tuple:
    return tuple(int(p) if p.isdigit() else 0 for p in number.split(".")) if number else ()


def allocation_matrix(session: Session, plan: Plan) -> Matrix:
    factor = plan.half_days_per_fte
    roles = session.execute(select(Role.id, Role.role, Role.execution_fte)
                            .where(Role.plan_id == plan.id)
                            .order_by(Role.position, Role.id)).all()
    people = session.execute(select(Person.id, Person.name, Person.available_half_days)
                             .where(Person.plan_id == plan.id)
                             .order_by(Person.position, Person.id)).all()
    sums = session.execute(
        select(Allocation.project_id, Allocation.capacity_id, Allocation.person_id,
               func.sum(Allocation.half_days))
        .where(Allocation.plan_id == plan.id)
        .group_by(Allocation.project_id, Allocation.capacity_id, Allocation.person_id)).all()
    projects = session.execute(
        select(Project.id, Project.number, Project.title, Project.is_general, Project.position,
               Chapter.position.label("chapter_position"))
        .join(Project.chapter).where(Chapter.plan_id == plan.id)).all()

    columns = [MatrixColumn(ColumnKey(capacity_id=r.id), "role", r.role,
                            role_capacity(r.execution_fte, factor)) for r in roles]
    columns += [MatrixColumn(ColumnKey(person_id=p.id), "person", p.name, p.available_half_days)
                for p in people]
    cells: dict[tuple[int, ColumnKey], Decimal] = {}
    for project_id, capacity_id, person_id, amount in sums:
        key = (project_id, _column_for(capacity_id, person_id))
        # A person's rows with and without a role land in one cell: add, do not overwrite.
        cells[key] = cells.get(key, ZERO) + amount  # SUM keeps the column type: a Decimal
    if any(k[1] == OFFICE for k in cells):
        columns.append(MatrixColumn(OFFICE, "office", OFFICE_LABEL, None))

    order = sorted(projects, key=lambda p: (p.is_general, _number_key(p.number) if not p.is_general
                                            else (), p.chapter_position, p.position, p.id))
    rows = []
    for p in order:
        row_cells = [cells.get((p.id, c.key)) for c in columns]
        rows.append(MatrixRow(p.id, p.number, p.title, p.is_general, row_cells,
                              sum((v for v in row_cells if v is not None), ZERO)))
    column_totals = [sum((r.cells[i] or ZERO for r in rows), ZERO) for i in range(len(columns))]
    matrix = Matrix(
        plan_id=plan.id, half_days_per_fte=factor, columns=columns, rows=rows,
        column_totals=column_totals, grand_total=sum(column_totals, ZERO),
        capacity=total_capacity((r.execution_fte for r in roles), factor))
    matrix.over_allocated = _over_allocated(matrix)
    return matrix


def _over_allocated(matrix: Matrix) -> list[OverAllocation]:
    found = []
    for index, (column, total) in enumerate(zip(matrix.columns, matrix.column_totals)):
        if column.available is None or total <= column.available:
            continue
        over = person_over_message if column.kind == "person" else role_over_message
        found.append(OverAllocation(index, over(column.label, total, column.available)))
    if matrix.grand_total > matrix.capacity:
        found.append(OverAllocation(None, total_over_message(matrix.grand_total, matrix.capacity)))
    return found


def load_matrix(workspace, plan_id: int) -> tuple[Matrix, bool] | None:
    """The allocation matrix of the plan and whether the plan is read-only."""
    with workspace.session() as session:
        plan = session.get(Plan, plan_id)
        if plan is None:
            return None
        return allocation_matrix(session, plan), plan.is_read_only
