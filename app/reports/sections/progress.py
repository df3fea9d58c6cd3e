"""Voortgangsrapportage: per project its actions with status (traffic light), agreed date and
remark, and the project's overall status; optionally only some chapters.

At a reporting moment (``ctx.moment_id``, a peilmoment of the plan): the statuses and remarks as
of that moment (app.services.moments.statuses_at), overdue on its day, the heading "Stand op
dd-mm-jjjj (naam)", and a column "Gewijzigd sinds <vorig peilmoment>" with per action its change
word (nieuw, verbeterd, verslechterd, behaald; empty when unchanged) and per project the counts."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph

from app.formatting import format_date
from app.models import ActionStatus, Plan
from app.reports import styles
from app.reports.context import ReportContext
from app.reports.document import PORTRAIT, Heading, start_section, with_room
from app.reports.sections.projects import action_status_cell, actions_table, project_label, status_cell
from app.reports.table import CENTER, Cell, Column, GridTable, Row
from app.reports.text import NAME_LIMIT, escape
from app.services.report_data import load_chapters, load_progress

TITLE = "Voortgangsrapportage"
COUNTED = [ActionStatus.ACHIEVED, ActionStatus.IN_PROGRESS, ActionStatus.NOT_ACHIEVED,
           ActionStatus.UNKNOWN]
# The change words printed, in the order a project's counts say them; "ongewijzigd" is left empty.
CHANGE_ORDER = ("verbeterd", "verslechterd", "behaald", "nieuw")
UNCHANGED = "ongewijzigd"


def orientation(ctx: ReportContext) -> str:
    return PORTRAIT


@dataclass
class AtMoment:
    """What the annex prints at a moment, read through app.services.moments."""

    name: str
    on: date
    previous: object | None  # app.services.moments.Moment before it, or None (the first)
    changes: dict[int, str] = field(default_factory=dict)  # action id -> change word

    @property
    def heading(self) -> str:
        """ "Stand op 01-07-2022 (Voortgangsrapportage 1 juli 2022)"; a moment named after its day
        ("Stand op 01-07-2022") without the name again."""
        stand = f"Stand op {format_date(self.on)}"
        return stand if self.name == stand else f"{stand} ({self.name})"

    @property
    def changed_title(self) -> str:
        """The column's title: since the previous moment's day (the text above names it in full)."""
        if self.previous is None:
            return "Gewijzigd\n(eerste peilmoment)"
        return f"Gewijzigd sinds\n{format_date(self.previous.on)}"


def change_counts(changes: dict[int, str], actions) -> str:
    """A project's changes counted: "1 verbeterd, 2 nieuw"; "–" when none."""
    counts = Counter(changes.get(a.id, "") for a in actions)
    return ", ".join(f"{counts[k]} {k}" for k in CHANGE_ORDER if counts[k]) or "–"


def moment_id(ctx: ReportContext) -> int | None:
    """The reporting moment build_pdf was given (``ctx.moment_id``); None: today's statuses."""
    return getattr(ctx, "moment_id", None)


def load_at_moment(ctx: ReportContext, projects) -> tuple[AtMoment | None, list]:
    """The moment and the projects with their actions as of it (status, remark, overdue on its
    day, counts recomputed); (None, projects) when the moment is not (or no longer) the plan's."""
    from app.services import moments as ms

    with ctx.workspace.session() as session:
        plan = session.get(Plan, ctx.plan_id)
        found = next((m for m in ms.plan_moments(session, plan) if m.id == moment_id(ctx)), None)
        if found is None:
            return None, projects
        statuses = ms.statuses_at(session, plan, found.id)
        changes = {c.action_id: c.kind for c in ms.changes_since_previous(session, plan, found.id)}
        at = AtMoment(found.name, found.on, ms.previous_moment(session, plan, found.id), changes)
    result = []
    for row, actions in projects:
        then = []
        for action in actions:
            status = statuses[action.id]
            then.append(replace(action, status=status.status, remark=status.remark,
                                overdue=action.due_date is not None and action.due_date < found.on
                                and status.status is not ActionStatus.ACHIEVED))
        counts = dict.fromkeys(ActionStatus, 0)
        for action in then:
            counts[action.status] += 1
        result.append((replace(row, counts=counts, overdue=sum(a.overdue for a in then)), then))
    return at, result


def story(ctx: ReportContext, first: bool) -> list:
    projects = load_progress(ctx.workspace, ctx.plan_id, ctx.chapters, ctx.today)
    at = None
    if moment_id(ctx) is not None:
        at, projects = load_at_moment(ctx, projects)
        if at is None:
            flow = start_section(TITLE, orientation(ctx), first)
            flow.append(Heading(TITLE, styles.HEADING1, toc_level=0))
            flow.append(Paragraph("Het gekozen peilmoment bestaat niet (meer) bij dit plan; kies een ander "
                                  "peilmoment of druk de stand van vandaag af.", styles.NOTICE))
            return flow
    if at is not None:
        return _story_at(ctx, first, at, projects)
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


def _story_at(ctx: ReportContext, first: bool, at: AtMoment, projects) -> list:
    flow = start_section(TITLE, orientation(ctx), first)
    flow.append(Heading(TITLE, styles.HEADING1, toc_level=0))
    flow.append(Heading(at.heading, styles.HEADING2))
    if at.previous is not None:
        intro = (f"De status van elke inspanning zoals vastgelegd voor dit peilmoment, of anders voor het "
                 f"laatste peilmoment ervoor. Gewijzigd sinds {escape(at.previous.name)} (stand op "
                 f"{format_date(at.previous.on)}): nieuw, verbeterd, verslechterd of behaald; leeg als er "
                 "niets veranderde. Te laat: afgesproken vóór de peildatum en toen niet behaald.")
    else:
        intro = ("De status van elke inspanning zoals vastgelegd voor dit peilmoment. Dit is het eerste "
                 "peilmoment: elke gemelde inspanning is nieuw. Te laat: afgesproken vóór de peildatum en "
                 "toen niet behaald.")
    if ctx.chapters is not None:
        labels = {c.id: c.label for c in load_chapters(ctx.workspace, ctx.plan_id)}
        intro += " Hoofdstukken: " + "; ".join(escape(labels[c]) for c in ctx.chapters) + "."
    flow.append(Paragraph(intro, styles.SMALL))
    if not projects:
        flow.append(Paragraph("Er zijn geen projecten in de gekozen hoofdstukken.", styles.NOTICE))
        return flow
    flow += with_room(Heading("Overzicht", styles.HEADING2), _overview_at(at, projects))
    for row, actions in projects:
        heading = Heading(project_label(row.number, row.title), styles.HEADING2, outline_level=1)
        status = Paragraph("Status van het project (nu): " + escape(status_cell(row.status).text)
                           + (f"; {row.overdue} inspanning(en) te laat op {format_date(at.on)}"
                              if row.overdue else ""), styles.SMALL)
        body = (_actions_at(at, actions) if actions
                else Paragraph("Geen inspanningen vastgelegd.", styles.NOTICE))
        flow += with_room(heading, status, body)
    return flow


def _overview_at(at: AtMoment, projects) -> GridTable:
    columns = [Column("Project", most=NAME_LIMIT, share=2)]
    columns += [Column(status.value.replace(" ", "\n"), CENTER, fit=True) for status in COUNTED]
    columns.append(Column("te laat", CENTER, fit=True))
    columns.append(Column(at.changed_title, share=1.1))
    rows = []
    for row, actions in projects:
        cells = [project_label(row.number, row.title)]
        for status in COUNTED:
            count = row.counts.get(status, 0)
            cells.append(str(count) if count else "–")
        cells.append(Cell(str(row.overdue), color=styles.LIGHTS["red"]) if row.overdue else "–")
        cells.append(change_counts(at.changes, actions))
        rows.append(Row(cells))
    return GridTable(columns, rows)


def _actions_at(at: AtMoment, actions) -> GridTable:
    # Shares kept small: each share asks 40 pt before the fit columns may shrink (table.py).
    columns = [Column("Inspanning", share=2),
               Column("Eigenaar", fit=True, max_width=30 * mm, most=NAME_LIMIT),
               Column("Afgesproken", fit=True), Column("Status", fit=True),
               Column("Opmerking", share=1.2), Column(at.changed_title, fit=True)]
    rows = []
    for action in actions:
        due = action.due
        due_cell = Cell(f"{due} (te laat)", color=styles.LIGHTS["red"]) if action.overdue else due
        change = at.changes.get(action.id, "")
        rows.append(Row([action.description, action.owner, due_cell, action_status_cell(action.status),
                         action.remark, change if change != UNCHANGED else ""]))
    return GridTable(columns, rows)


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
