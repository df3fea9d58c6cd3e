"""Formatie en dagdelen: the capacity, the dagdelen per project and per person, totals against capacity.

Figures from the staffing services (``staffing_figures``, the allocation matrix);
where the chapter text names other dagdelen than the staffing table, both are
printed, as Planbord shows differences instead of repairing them.
"""
from __future__ import annotations

from reportlab.platypus import Paragraph

from app.formatting import format_fte, format_half_days
from app.reports import styles
from app.reports.context import ReportContext
from app.reports.document import PORTRAIT, Heading, start_section, with_room
from app.reports.table import RIGHT, Cell, Column, GridTable, Row
from app.reports.text import NAME_LIMIT, escape
from app.services.figures import load_staffing_figures
from app.services.allocation_matrix import load_matrix

TITLE = "Formatie en dagdelen"
ALERT = styles.LIGHTS["red"]
MATRIX_MAX_COLUMNS = 6  # wider matrices are left to the per-person table


def orientation(ctx: ReportContext) -> str:
    return PORTRAIT


def story(ctx: ReportContext, first: bool) -> list:
    figures = load_staffing_figures(ctx.workspace, ctx.plan_id)
    matrix, _read_only = load_matrix(ctx.workspace, ctx.plan_id)
    flow = start_section(TITLE, orientation(ctx), first)
    flow.append(Heading(TITLE, styles.HEADING1, toc_level=0))
    flow.append(Paragraph(
        f"Eén fte is {format_half_days(figures.half_days_per_fte)} dagdelen per week. "
        f"Capaciteit voor uitvoering: {format_fte(figures.execution_fte)} fte = "
        f"{format_half_days(figures.capacity_half_days)} dagdelen per week; ingezet: "
        f"{format_half_days(figures.allocated_half_days)} dagdelen per week.", styles.BODY))

    flow += with_room(Heading("Formatie programmabureau", styles.HEADING2), _roles_table(figures))
    flow += with_room(Heading("Inzet per project", styles.HEADING2), _projects_table(figures))
    if any(p.stated_half_days is not None and p.stated_half_days != p.half_days
           for p in figures.projects):
        flow.append(Paragraph(
            "Volgens tekst: de dagdelen die de hoofdstuktekst van het plan noemt. Waar die afwijken "
            "van de formatie staan ze in rood.", styles.SMALL))
    if figures.people:
        flow += with_room(Heading("Inzet per persoon", styles.HEADING2), _people_table(figures))
    used = [i for i, total in enumerate(matrix.column_totals) if total]
    if 1 < len(used) <= MATRIX_MAX_COLUMNS:
        flow += with_room(Heading("Inzet per project en per rol of persoon", styles.HEADING2),
                          _matrix_table(matrix, used))
    if matrix.messages:
        items = [Paragraph(escape(message), styles.BULLET, bulletText="•") for message in matrix.messages]
        flow += with_room(Heading("Aandachtspunten", styles.HEADING3), items[0])
        flow += items[1:]
    return flow


def _roles_table(figures) -> GridTable:
    with_allocated = any(r.allocated_half_days for r in figures.roles)
    columns = [Column("Rol", most=NAME_LIMIT), Column("fte", RIGHT, fit=True),
               Column("voor uitvoering\n(fte)", RIGHT, fit=True),
               Column("capaciteit\n(dagdelen p/w)", RIGHT, fit=True)]
    if with_allocated:
        columns.append(Column("ingezet\n(dagdelen p/w)", RIGHT, fit=True))
    rows = []
    for role in figures.roles:
        cells = [role.role, format_fte(role.fte), format_fte(role.execution_fte),
                 format_half_days(role.capacity_half_days)]
        if with_allocated:
            over = role.allocated_half_days > role.capacity_half_days
            cells.append(Cell(format_half_days(role.allocated_half_days), color=ALERT if over else None))
        rows.append(Row(cells))
    if rows:
        rows[-1].keep_with_next = True
    total = ["Totaal", format_fte(figures.total_fte), format_fte(figures.execution_fte),
             format_half_days(figures.capacity_half_days)]
    if with_allocated:
        total.append("")
    rows.append(Row(total, bold=True, rule_above=0.8, rule_below=0.6, double_below=True))
    return GridTable(columns, rows)


def _projects_table(figures) -> GridTable:
    columns = [Column("Nr.", fit=True), Column("Project", most=NAME_LIMIT), Column("dagdelen\np/w", RIGHT, fit=True),
               Column("fte", RIGHT, fit=True), Column("volgens\ntekst", RIGHT, fit=True)]
    rows = []
    for project in figures.projects:
        if not project.half_days and project.stated_half_days is None:
            continue
        stated = project.stated_half_days
        differs = stated is not None and stated != project.half_days
        rows.append(Row([project.number, project.title, format_half_days(project.half_days),
                         format_fte(project.fte),
                         Cell(format_half_days(stated), color=ALERT if differs else None)]))
    if rows:
        rows[-1].keep_with_next = True
    over = figures.over_allocated
    rows.append(Row(["", "Totaal ingezet", Cell(format_half_days(figures.allocated_half_days),
                                                color=ALERT if over else None),
                     format_fte(figures.allocated_fte), ""], bold=True, rule_above=0.8))
    rows[-1].keep_with_next = True
    rows.append(Row(["", "Capaciteit voor uitvoering", format_half_days(figures.capacity_half_days),
                     format_fte(figures.execution_fte), ""], rule_below=0.6, double_below=True))
    return GridTable(columns, rows)


def _people_table(figures) -> GridTable:
    columns = [Column("Naam", most=NAME_LIMIT), Column("beschikbaar\n(dagdelen p/w)", RIGHT, fit=True),
               Column("ingezet\n(dagdelen p/w)", RIGHT, fit=True)]
    rows = []
    for person in figures.people:
        over = person.allocated_half_days > person.available_half_days
        rows.append(Row([person.name, format_half_days(person.available_half_days),
                         Cell(format_half_days(person.allocated_half_days),
                              color=ALERT if over else None)]))
    return GridTable(columns, rows)


def _matrix_table(matrix, used: list[int]) -> GridTable:
    """The allocation matrix, with the columns (roles, people, office) that have dagdelen."""
    columns = [Column("Nr.", fit=True), Column("Project", most=NAME_LIMIT)]
    columns += [Column(matrix.columns[i].label, RIGHT, fit=True) for i in used]
    columns.append(Column("Totaal", RIGHT, fit=True))
    rows = []
    for row in matrix.rows:
        if not row.total:
            continue
        rows.append(Row([row.number, row.title, *[format_half_days(row.cells[i]) for i in used],
                         format_half_days(row.total)]))
    if rows:
        rows[-1].keep_with_next = True
    rows.append(Row(["", "Totaal", *[format_half_days(matrix.column_totals[i]) for i in used],
                     format_half_days(matrix.grand_total)], bold=True, rule_above=0.8))
    rows[-1].keep_with_next = True
    rows.append(Row(["", "Beschikbaar", *[format_half_days(matrix.columns[i].available) for i in used],
                     format_half_days(matrix.capacity)], rule_below=0.6, double_below=True))
    return GridTable(columns, rows)
