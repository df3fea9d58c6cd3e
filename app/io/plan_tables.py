"""The bijdragen, the formatie and the acties as export tables (see :mod:`app.io.table_model`).

- Bijdragen: the key (each municipality's basis figure or percentage and its share) and its
  contribution per own year of the plan, in whole euros as Planbord splits them (numbers,
  never formulas: the largest-remainder split is no spreadsheet formula), with the total,
  and the basis of the split: the budget, the other funding and what is split.
- Formatie: the allocation matrix (dagdelen per week per project and role or person, row
  and column totals as sums, what each can give), then the roles and the people.
- Acties: each project's actions with owner, due date and status; a project without
  actions has one row of its own, so every project is in the list.
"""
from __future__ import annotations

from decimal import Decimal

from app.formatting import format_half_days
from app.io.budget_tables import year_header
from app.io.table_model import (
    Amount,
    Area,
    Column,
    Day,
    Difference,
    Number,
    Ref,
    Row,
    Section,
    Sum,
    Table,
    Text,
)
from app.models import KeyMethod
from app.services.allocation_matrix import Matrix
from app.services.contributions import EXAMPLE_NOTE
from app.services.key_sheet import KeySheet
from app.services.progress import ActionRow, ProgressRow
from app.services.staffing import StaffingFigures

CONTRIBUTIONS = "bijdragen"
STAFFING = "formatie"
ACTIONS = "acties"
HALF_DAYS = 1  # places of dagdelen


def _note_row(width: int, text: str) -> Row:
    return Row([Text(text)] + [None] * (width - 1), "note")


def contributions_table(key: KeySheet, own_years: list[int], caption: str) -> Table:
    contributions = key.contributions
    percentage = key.method is KeyMethod.PERCENTAGE
    columns = [Column("municipality", "Gemeente", 26),
               Column("percentage", "Percentage", 12, figures=True) if percentage else
               Column("basis", key.basis_label.strip() or "Basisgetal", 16, figures=True),
               Column("share", "Aandeel (%)", 12, figures=True)]
    columns += [Column(y, f"Bijdrage {year_header(y, ())}", 16, figures=True) for y in own_years]
    first_year = 3
    shares = {r.municipality: r for r in key.rows}
    names = contributions.municipalities if contributions is not None else [r.municipality for r in key.rows]
    rows: list[Row] = []
    for name in names:
        share = shares.get(name)
        cells = [Text(name)]
        if share is None:
            cells += [None, None]
        else:
            figure = share.percentage if percentage else share.basis
            cells += [Number(figure, 2 if percentage else 0) if figure is not None else None,
                      Number(share.share, 2) if share.share is not None else None]
        for year in own_years:
            value = contributions.by_year[year][name] if contributions is not None else None
            cells.append(Amount(value, 0) if value is not None else None)
        rows.append(Row(cells))
    count = len(rows)
    total = Row([Text("Totaal")], "total")
    if count:
        total.cells.append(Sum((Area(0, 0, count - 1, 1, 1),),
                               Decimal(key.total_percentage if percentage else key.total_basis),
                               2 if percentage else 0, kind="number"))
        shared = sum((r.share for r in key.rows if r.share is not None), Decimal("0.00"))
        total.cells.append(Sum((Area(0, 0, count - 1, 2, 2),), shared, 2, kind="number")
                           if any(r.share is not None for r in key.rows) else None)
    else:
        total.cells += [None, None]
    for offset, year in enumerate(own_years):
        column = first_year + offset
        if contributions is None or not count:
            total.cells.append(None)
        else:
            total.cells.append(Sum((Area(0, 0, count - 1, column, column),), contributions.totals[year], 0))
    rows.append(total)
    if contributions is not None:
        rows.append(Row([None] * len(columns)))
        budget_row = len(rows)
        budget = Row([Text("Begroting"), None, None], "subtotal")
        other = Row([Text("Overige dekking (door anderen betaald)"), None, None], "subtotal")
        split = Row([Text("Te verdelen (begroting − overige dekking)"), None, None], "total")
        for offset, year in enumerate(own_years):
            column = first_year + offset
            budget.cells.append(Amount(contributions.budget.get(year, Decimal(0)), _places(contributions.budget)))
            other.cells.append(Amount(contributions.other_funding.get(year, Decimal(0)),
                                      _places(contributions.other_funding)))
            value = contributions.budget.get(year, Decimal(0)) - contributions.other_funding.get(year, Decimal(0))
            split.cells.append(Difference(Ref(0, budget_row, year), Ref(0, budget_row + 1, year), value,
                                          _places({0: value})))
        rows += [budget, other, split]
    width = len(columns)
    notes = [f"Verdeelsleutel: {key.name}" if key.name else ""]
    if key.problem:
        notes.append(key.problem)
    if contributions is not None and contributions.example:
        notes.append(EXAMPLE_NOTE)
    rows += [_note_row(width, text) for text in notes if text]
    return Table(CONTRIBUTIONS, "Bijdragen", caption, [Section(columns, rows)])


def _places(amounts: dict) -> int:
    return 2 if any(v != v.to_integral_value() for v in amounts.values()) else 0


def staffing_table(matrix: Matrix, staffing: StaffingFigures, caption: str) -> Table:
    return Table(STAFFING, "Formatie", caption,
                 [_matrix_section(matrix), _roles_section(staffing), _people_section(staffing)])


def _matrix_section(matrix: Matrix) -> Section:
    columns = [Column("number", "Nr.", 8), Column("project", "Project", 44)]
    columns += [Column(("column", i), c.label, 12, figures=True) for i, c in enumerate(matrix.columns)]
    columns.append(Column("total", "Totaal", 10, figures=True))
    first, last = 2, 1 + len(matrix.columns)
    total_column = last + 1
    rows = []
    for index, source in enumerate(matrix.rows):
        cells = [Text(source.number) if source.number else None, Text(source.title)]
        cells += [Number(v, HALF_DAYS) if v is not None else None for v in source.cells]
        cells.append(Sum((Area(0, index, index, first, last),) if matrix.columns else (),
                         source.total, HALF_DAYS, kind="number"))
        rows.append(Row(cells))
    count = len(rows)
    total = Row([None, Text("Totaal (dagdelen per week)")], "total")
    for column in range(first, total_column + 1):
        value = matrix.grand_total if column == total_column else matrix.column_totals[column - first]
        total.cells.append(Sum((Area(0, 0, count - 1, column, column),) if count else (), value,
                               HALF_DAYS, kind="number"))
    available = Row([None, Text("Beschikbaar voor uitvoering")], "subtotal")
    available.cells += [Number(c.available, HALF_DAYS) if c.available is not None else None
                        for c in matrix.columns]
    available.cells.append(Number(matrix.capacity, HALF_DAYS))
    rows += [total, available]
    return Section(columns, rows)


def _roles_section(staffing: StaffingFigures) -> Section:
    columns = [Column("role", "Rol", 30), Column("fte", "Fte", 10, figures=True),
               Column("execution", "Fte voor uitvoering", 12, figures=True),
               Column("capacity", "Capaciteit (dagdelen per week)", 14, figures=True),
               Column("allocated", "Ingezet op de rol (dagdelen per week)", 14, figures=True)]
    rows = [Row([Text(r.role), Number(r.fte, 2), Number(r.execution_fte, 2),
                 Number(r.capacity_half_days, HALF_DAYS), Number(r.allocated_half_days, HALF_DAYS)])
            for r in staffing.roles]
    count = len(rows)
    total = Row([Text("Totaal")], "total")
    for column, value in ((1, staffing.total_fte), (2, staffing.execution_fte)):
        total.cells.append(Sum((Area(0, 0, count - 1, column, column),) if count else (), value, 2,
                               kind="number"))
    # The office's capacity is its execution fte times the factor, rounded once: not the sum
    # of the roles' rounded capacities (see app.services.staffing.total_capacity).
    total.cells += [Number(staffing.capacity_half_days, HALF_DAYS), None]
    rows.append(total)
    return Section(columns, rows,
                   title=f"Formatie (1 fte = {format_half_days(staffing.half_days_per_fte)} dagdelen per week)")


def _people_section(staffing: StaffingFigures) -> Section:
    columns = [Column("name", "Naam", 30), Column("role", "Rol", 24),
               Column("available", "Beschikbaar (dagdelen per week)", 14, figures=True),
               Column("allocated", "Ingezet (dagdelen per week)", 14, figures=True)]
    rows = [Row([Text(p.name), Text(staffing.role_name(p.role_id)) if p.role_id else None,
                 Number(p.available_half_days, HALF_DAYS), Number(p.allocated_half_days, HALF_DAYS)])
            for p in staffing.people]
    return Section(columns, rows, title="Personen")


def actions_table(projects: list[ProgressRow], actions: dict[int, list[ActionRow]], caption: str) -> Table:
    columns = [Column("number", "Nr.", 8), Column("project", "Project", 40),
               Column("project_status", "Projectstatus", 13), Column("action", "Actie", 50),
               Column("owner", "Eigenaar", 22), Column("due", "Gereed op", 12, figures=True),
               Column("status", "Status", 14), Column("overdue", "Te laat", 8),
               Column("remark", "Opmerking", 40), Column("updated", "Bijgewerkt op", 12, figures=True)]
    rows = []
    for project in projects:
        head = [Text(project.number) if project.number else None, Text(project.title),
                Text(project.status.value)]
        found = actions.get(project.project_id, [])
        if not found:
            rows.append(Row(head + [None] * (len(columns) - len(head))))
        for action in found:
            rows.append(Row(head + [
                Text(action.description), Text(action.owner) if action.owner else None,
                (Text(action.due_text) if action.due_text else Day(action.due_date) if action.due_date else None),
                Text(action.status.value),
                Text("ja") if action.overdue else None,
                Text(action.remark) if action.remark else None,
                Day(action.updated_on) if action.updated_on else None]))
    return Table(ACTIONS, "Acties", caption, [Section(columns, rows)])
