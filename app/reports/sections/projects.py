"""Projectfiches: one sheet per project, with who answers for it, its description, goals,
actions with their status, dagdelen and the budget lines linked to it."""
from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph

from app.formatting import format_date, format_fte, format_half_days
from app.models import ProjectStatus
from app.reports import styles
from app.reports.context import YEAR_WIDTH, ReportContext, amount_text, marker_text, total_text
from app.reports.document import PORTRAIT, Heading, SectionStart, start_section, with_room
from app.reports.table import RIGHT, Cell, Column, GridTable, Row
from app.reports.text import NAME_LIMIT, TextBlock, escape
from app.services.progress import TRAFFIC_LIGHT
from app.services.report_data import load_project_sheets

TITLE = "Projectfiches"

PROJECT_LIGHT = {
    ProjectStatus.UNKNOWN: "grey",
    ProjectStatus.ON_TRACK: "green",
    ProjectStatus.AT_RISK: "orange",
    ProjectStatus.OFF_TRACK: "red",
    ProjectStatus.DONE: "green",
}
PROJECT_STATUS_TEXT = {
    ProjectStatus.UNKNOWN: "onbekend",
    ProjectStatus.ON_TRACK: "op koers",
    ProjectStatus.AT_RISK: "aandacht nodig",
    ProjectStatus.OFF_TRACK: "achter op schema",
    ProjectStatus.DONE: "afgerond",
}
SHEET_TITLE = styles.HEADING1.clone("AnnexSheetTitle", fontSize=13.5, leading=17, spaceAfter=2)


def orientation(ctx: ReportContext) -> str:
    return PORTRAIT


def project_label(number: str, title: str) -> str:
    return f"{number} {title}".strip()


def status_cell(status: ProjectStatus) -> Cell:
    return Cell(PROJECT_STATUS_TEXT[status], light=styles.LIGHTS[PROJECT_LIGHT[status]])


def action_status_cell(status) -> Cell:
    return Cell(status.value, light=styles.LIGHTS[TRAFFIC_LIGHT[status]])


def story(ctx: ReportContext, first: bool) -> list:
    sheets = load_project_sheets(ctx.workspace, ctx.plan_id, ctx.chapters, ctx.today)
    flow = start_section(TITLE, orientation(ctx), first)
    flow.append(Heading(TITLE, styles.HEADING1, toc_level=0))
    if not sheets:
        flow.append(Paragraph("Er zijn geen projecten in de gekozen hoofdstukken.", styles.NOTICE))
        return flow
    for index, (form, actions) in enumerate(sheets):
        if index:
            flow.append(PageBreak())
        # The footer names the project, also on a sheet's second page.
        flow.append(SectionStart(f"Projectfiche {project_label(form.number, form.title)}"))
        flow += _sheet(ctx, form, actions)
    return flow


def _sheet(ctx: ReportContext, form, actions) -> list:
    label = project_label(form.number, form.title)
    flow = [Heading(label, SHEET_TITLE, toc_level=1),
            Paragraph(f"Hoofdstuk {escape(form.chapter_label, most=NAME_LIMIT)}", styles.SMALL)]
    period = " t/m ".join(p for p in (format_date(form.start_date), format_date(form.end_date)) if p)
    half_days = f"{format_half_days(form.half_days)} ({format_fte(form.fte)} fte)"
    if form.stated_half_days is not None and form.stated_half_days != form.half_days:
        half_days += f"; de tekst van het plan noemt {format_half_days(form.stated_half_days)}"
    facts = [
        ("Bestuurlijk opdrachtgever", form.sponsor_admin),
        ("Ambtelijk opdrachtgever", form.sponsor_official),
        ("Opdrachtnemer", form.contractor),
        ("Looptijd", period),
        ("Status", status_cell(form.status)),
        ("Dagdelen per week", half_days),
    ]
    columns = [Column("", width=48 * mm), Column("", most=NAME_LIMIT)]
    flow.append(GridTable(columns, [Row([Cell(k, color=styles.MUTED), v]) for k, v in facts],
                          header=False))
    if form.description:
        flow += with_room(Heading("Omschrijving", styles.HEADING3), TextBlock(form.description, styles.BODY))
    if form.goals:
        flow += _bullets("Te bereiken doelen", [goal.text for goal in form.goals])
    served = [a.text for a in getattr(form, "ambitions", []) if a.served]
    if served:
        flow += _bullets("Draagt bij aan de ambities van de regiovisie", served)
    if actions:
        flow += with_room(Heading("Inspanningen", styles.HEADING3), actions_table(actions))
    if form.budget_lines:
        flow += with_room(Heading("Gekoppelde begrotingsposten", styles.HEADING3),
                          _lines_table(ctx, form))
    return flow


def _bullets(title: str, texts: list[str]) -> list:
    items = [TextBlock(text, styles.BULLET, bullet="•") for text in texts]
    return with_room(Heading(title, styles.HEADING3), items[0]) + items[1:]


def actions_table(actions, with_remark: bool = False) -> GridTable:
    columns = [Column("Inspanning", share=3),
               Column("Eigenaar", fit=True, max_width=30 * mm, most=NAME_LIMIT),
               Column("Afgesproken", fit=True), Column("Status", fit=True)]
    if with_remark:
        columns.append(Column("Opmerking", share=1.4))
    rows = []
    for action in actions:
        due = action.due
        due_cell = Cell(f"{due} (te laat)", color=styles.LIGHTS["red"]) if action.overdue else due
        cells = [action.description, action.owner, due_cell, action_status_cell(action.status)]
        if with_remark:
            cells.append(action.remark)
        rows.append(Row(cells))
    return GridTable(columns, rows)


def _lines_table(ctx: ReportContext, form) -> GridTable:
    years = [y for y in ctx.years if y in form.years]
    columns = [Column("Begrotingspost", most=NAME_LIMIT),
               *[Column(str(y), RIGHT, fit=True, min_width=YEAR_WIDTH) for y in years]]
    rows = []
    for line in form.budget_lines:
        cells = [line.name]
        for year in years:
            cell = line.cells.get(year)
            if cell is None:
                cells.append("")
            elif cell.marker is not None:
                cells.append(Cell(marker_text(cell.marker, cell.marker_text), italic=True))
            else:
                cells.append(amount_text(cell.amount))
        rows.append(Row(cells))
    rows[-1].keep_with_next = True
    rows.append(Row(["Totaal", *[total_text(form.totals[y], form.markers[y]) for y in years]],
                    bold=True, rule_above=0.8))
    return GridTable(columns, rows)
