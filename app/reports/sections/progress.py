"""Voortgangsrapportage: per project its actions with status (traffic light), agreed date and
remark, and the project's overall status; optionally only some chapters."""
from __future__ import annotations

from reportlab.platypus import Paragraph

from app.formatting import format_date
from app.models import ActionStatus
from app.reports import styles
from app.reports.context import ReportContext
from app.reports.document import PORTRAIT, Heading, start_section, with_room
from app.reports.sections.projects import actions_table, project_label, status_cell
from app.reports.table import CENTER, Cell, Column, GridTable, Row
from app.reports.text import NAME_LIMIT, escape
from app.services.report_data import load_chapters, load_progress

TITLE = "Voortgangsrapportage"
COUNTED = [ActionStatus.ACHIEVED, ActionStatus.IN_PROGRESS, ActionStatus.NOT_ACHIEVED,
           ActionStatus.UNKNOWN]


def orientation(ctx: ReportContext) -> str:
    return PORTRAIT


def story(ctx: ReportContext, first: bool) -> list:
    projects = load_progress(ctx.workspace, ctx.plan_id, ctx.chapters, ctx.today)
    flow = start_section(TITLE, orientation(ctx), first)
    flow.append(Heading(TITLE, styles.HEADING1, toc_level=0))
    intro = f"Stand op {format_date(ctx.today)}."
    if ctx.chapters is not None:
        labels = {c.id: c.label for c in load_chapters(ctx.workspace, ctx.plan_id)}
        intro += " Hoofdstukken: " + "; ".join(escape(labels[c]) for c in ctx.chapters) + "."
    flow.append(Paragraph(intro, styles.BODY))
    if not projects:
        flow.append(Paragraph("Er zijn geen projecten in de gekozen hoofdstukken.", styles.NOTICE))
        return flow
    flow += with_room(Heading("Overzicht", styles.HEADING2), _overview(projects))
    for row, actions in projects:
        heading = Heading(project_label(row.number, row.title), styles.HEADING2, outline_level=1)
        status = Paragraph("Status van het project: " + escape(status_cell(row.status).text)
                           + (f"; {row.overdue} inspanning(en) te laat" if row.overdue else ""),
                           styles.SMALL)
        body = (actions_table(actions, with_remark=True) if actions
                else Paragraph("Geen inspanningen vastgelegd.", styles.NOTICE))
        flow += with_room(heading, status, body)
    return flow


def _overview(projects) -> GridTable:
    columns = [Column("Project", most=NAME_LIMIT), Column("Status", fit=True)]
    columns += [Column(status.value.replace(" ", "\n"), CENTER, fit=True) for status in COUNTED]
    columns.append(Column("te laat", CENTER, fit=True))
    rows = []
    for row, _actions in projects:
        cells = [project_label(row.number, row.title), status_cell(row.status)]
        for status in COUNTED:
            count = row.counts.get(status, 0)
            cells.append(str(count) if count else "–")
        cells.append(Cell(str(row.overdue), color=styles.LIGHTS["red"]) if row.overdue else "–")
        rows.append(Row(cells))
    return GridTable(columns, rows)
