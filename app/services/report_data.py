"""What the PDF annexes read besides the sheets the editors use: the plan's heading data,
its chapters, the projects of chosen chapters in reading order, and the municipality sets.

Read-only snapshots (no ORM objects leave the session); the figures themselves come
from the budget, contribution, staffing and progress services.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from app.models import BudgetCell, BudgetGroup, BudgetLine, MunicipalitySet, Plan, PlanKind, PlanStatus
from app.services.budget_sheet import MAX_NOTE_NUMBER, note_number
from app.services.progress import ActionRow, ProgressRow, progress_overview, project_actions
from app.services.project_form import ChapterChoice, ProjectForm, chapter_choices, project_form


@dataclass(frozen=True)
class ReportPlan:
    id: int
    region_id: int
    region: str
    year: int
    title: str
    kind: PlanKind
    status: PlanStatus
    adopted_on: date | None
    adopted_by: str
    years: list[int]
    half_days_per_fte: Decimal
    comparison_years: tuple[int, ...] = ()  # last year's budget, printed beside the plan's own
    total_label: str = ""  # the grand total's label; "": "Totaal begroting <year>"
    highest_note_number: int = 0  # of the footnote numbers the source gave; the rest follow it
    based_on_id: int | None = None  # the plan an amendment or scenario was copied from

    @property
    def adopted(self) -> bool:
        return self.status is PlanStatus.ADOPTED


@dataclass(frozen=True)
class SetMembers:
    code: str
    name: str
    members: list[str]


def load_report_plan(workspace, plan_id: int) -> ReportPlan | None:
    with workspace.session() as session:
        plan = session.get(Plan, plan_id)
        if plan is None:
            return None
        return ReportPlan(plan.id, plan.region_id, plan.region.name, plan.year, plan.title, plan.kind,
                          plan.status, plan.adopted_on, plan.adopted_by, list(plan.years),
                          plan.half_days_per_fte, tuple(plan.comparison_years),
                          plan.total_label.strip(), highest_note_number(session, plan.id),
                          plan.based_on_id)


def highest_note_number(session: Session, plan_id: int) -> int:
    """The highest footnote number the source gave a note of the plan's budget (0: none)."""
    numbers = [note_number(n) for n in session.scalars(
        select(func.max(BudgetLine.note_number)).join(BudgetLine.group)
        .where(BudgetGroup.plan_id == plan_id, BudgetLine.note_number <= MAX_NOTE_NUMBER,
               BudgetLine.note != "")
        .union_all(select(func.max(BudgetCell.note_number)).join(BudgetCell.line).join(BudgetLine.group)
                   .where(BudgetGroup.plan_id == plan_id, BudgetCell.note_number <= MAX_NOTE_NUMBER,
                          BudgetCell.note != "")))]
    return max((n for n in numbers if n is not None), default=0)


def load_chapters(workspace, plan_id: int) -> list[ChapterChoice]:
    """The plan's chapters in reading order with their depth (for choosing what to print)."""
    with workspace.session() as session:
        return chapter_choices(session, plan_id)


def chapter_subtree(chapters: list[ChapterChoice], chapter_id: int) -> set[int]:
    """A chapter and its paragraphs, from the reading-order list."""
    ids: set[int] = set()
    depth = None
    for choice in chapters:
        if depth is not None:
            if choice.depth <= depth:
                break
            ids.add(choice.id)
        elif choice.id == chapter_id:
            ids.add(choice.id)
            depth = choice.depth
    return ids


def projects_in_order(session: Session, plan: Plan, chapter_ids=None,
                      today: date | None = None) -> list[ProgressRow]:
    """The plan's projects in number order (general work last) with their action counts;
    with ``chapter_ids``, only those in the chapters (and their paragraphs) named."""
    rows = progress_overview(session, plan, today=today)
    if chapter_ids is None:
        return rows
    wanted: set[int] = set()
    for chapter_id in chapter_ids:
        wanted |= {r.project_id for r in progress_overview(session, plan, chapter_id=chapter_id,
                                                           today=today)}
    return [r for r in rows if r.project_id in wanted]


def load_set_members(workspace, region_id: int) -> list[SetMembers]:
    with workspace.session() as session:
        sets = session.scalars(
            select(MunicipalitySet).where(MunicipalitySet.region_id == region_id)
            .options(selectinload(MunicipalitySet.members))
            .order_by(MunicipalitySet.position, MunicipalitySet.id)).all()
        return [SetMembers(s.code, s.name, [m.name for m in s.members]) for s in sets]


def load_project_sheets(workspace, plan_id: int, chapter_ids=None,
                        today: date | None = None) -> list[tuple[ProjectForm, list[ActionRow]]]:
    """Per project (reading order, chosen chapters only): its form and its actions."""
    with workspace.session() as session:
        plan = session.get(Plan, plan_id)
        result = []
        for row in projects_in_order(session, plan, chapter_ids, today):
            form = project_form(session, row.project_id)
            if form is not None:
                result.append((form, project_actions(session, row.project_id, today)))
        return result


def load_progress(workspace, plan_id: int, chapter_ids=None,
                  today: date | None = None) -> list[tuple[ProgressRow, list[ActionRow]]]:
    """Per project (reading order, chosen chapters only): its counts per status and its actions."""
    with workspace.session() as session:
        plan = session.get(Plan, plan_id)
        return [(row, project_actions(session, row.project_id, today))
                for row in projects_in_order(session, plan, chapter_ids, today)]
