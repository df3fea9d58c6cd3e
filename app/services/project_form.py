"""What the project form shows: the project's fields, its goals (with ids, for editing),
and its linked budget lines with their totals per year. The one read type of a project
(the editor, the overview and the project sheets of the PDF read it); read-only
snapshots, no ORM objects leave the session; the edits go through app.services.project_edit.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.models import BudgetLine, Chapter, Goal, Marker, Plan, Project, ProjectStatus
from app.services.ambitions import project_ambition_ids, region_ambitions
from app.services.cell_input import marker_spelling
from app.services.staffing import staffing_figures


@dataclass
class Cell:
    amount: Decimal | None = None
    marker: Marker | None = None
    note: str = ""
    marker_text: str = ""  # the marker as the source wrote it ("id"); "": as the marker


@dataclass
class LineRow:
    """A budget line linked to the project, with its cells by year."""

    id: int
    group_id: int
    name: str
    note: str
    cells: dict[int, Cell]


@dataclass(frozen=True)
class GoalRow:
    id: int
    text: str


@dataclass(frozen=True)
class AmbitionChoice:
    id: int
    text: str
    served: bool


@dataclass(frozen=True)
class ChapterChoice:
    id: int
    label: str
    depth: int


@dataclass
class ProjectForm:
    id: int
    plan_id: int
    chapter_label: str
    number: str
    title: str
    description: str
    sponsor_admin: str
    sponsor_official: str
    contractor: str
    start_date: date | None
    end_date: date | None
    status: ProjectStatus
    is_general: bool
    goals: list[GoalRow]
    years: list[int]
    budget_lines: list[LineRow]
    # Per year: the sum of the amounts of the linked lines, and how many cells hold a marker.
    totals: dict[int, Decimal] = field(default_factory=dict)
    markers: dict[int, int] = field(default_factory=dict)
    chapter_id: int = 0
    region_id: int = 0
    chapters: list[ChapterChoice] = field(default_factory=list)  # where the project may move to
    ambitions: list[AmbitionChoice] = field(default_factory=list)  # the region's, ticked if served
    # Dagdelen per week: allocated in the staffing table, and what the chapter text says.
    half_days: Decimal = Decimal("0.0")
    fte: Decimal = Decimal("0.00")
    stated_half_days: Decimal | None = None

    @property
    def label(self) -> str:
        return f"{self.number} {self.title}".strip()


def project_form(session: Session, project_id: int) -> ProjectForm | None:
    """The form of a project, or None when it no longer exists (deleted, undone add)."""
    project = session.get(Project, project_id)
    if project is None:
        return None
    chapter = project.chapter
    plan = session.get(Plan, chapter.plan_id)
    budget_lines = [
        LineRow(line.id, line.group_id, line.name, line.note,
                {c.year: Cell(c.amount, c.marker, c.note, marker_spelling(c.marker, c.marker_text))
                 for c in line.cells})
        for line in session.scalars(
            select(BudgetLine).where(BudgetLine.project_id == project_id)
            .options(selectinload(BudgetLine.cells))
            .order_by(BudgetLine.group_id, BudgetLine.position, BudgetLine.id))]
    goals = [GoalRow(g.id, g.text) for g in session.scalars(
        select(Goal).where(Goal.project_id == project_id).order_by(Goal.position, Goal.id))]
    years = list(plan.years)
    totals = dict.fromkeys(years, Decimal("0"))
    markers = dict.fromkeys(years, 0)
    for line in budget_lines:
        for year in years:
            cell = line.cells.get(year)
            if cell is None:
                continue
            if cell.marker is not None:
                markers[year] += 1
            elif cell.amount is not None:
                totals[year] += cell.amount
    served = project_ambition_ids(session, project_id)
    ambitions = [AmbitionChoice(a.id, a.text, a.id in served)
                 for a in region_ambitions(session, plan.region_id)]
    staffing = next((p for p in staffing_figures(session, plan).projects if p.id == project_id), None)
    return ProjectForm(
        id=project.id, plan_id=plan.id, chapter_label=f"{chapter.number} {chapter.title}".strip(),
        number=project.number, title=project.title, description=project.description,
        sponsor_admin=project.sponsor_admin, sponsor_official=project.sponsor_official,
        contractor=project.contractor, start_date=project.start_date, end_date=project.end_date,
        status=project.status, is_general=project.is_general, goals=goals, years=years,
        budget_lines=budget_lines,
        totals=totals, markers=markers, chapter_id=project.chapter_id,
        region_id=plan.region_id,
        chapters=chapter_choices(session, plan.id), ambitions=ambitions,
        half_days=staffing.half_days if staffing else Decimal("0.0"),
        fte=staffing.fte if staffing else Decimal("0.00"),
        stated_half_days=project.stated_half_days)


def load_project_page(workspace, project_id: int, today=None):
    """The project's form and its actions (the form None when the project is gone)."""
    from app.services.progress import project_actions

    with workspace.session() as session:
        form = project_form(session, project_id)
        return form, (project_actions(session, project_id, today) if form else [])


def chapter_choices(session: Session, plan_id: int) -> list[ChapterChoice]:
    """The plan's chapters in reading order, with their depth, e.g. to move a project to."""
    chapters = session.scalars(select(Chapter).where(Chapter.plan_id == plan_id)
                               .order_by(Chapter.position, Chapter.id)).all()
    children: dict[int | None, list[Chapter]] = {}
    for chapter in chapters:
        children.setdefault(chapter.parent_id, []).append(chapter)
    out: list[ChapterChoice] = []

    def walk(parent_id: int | None, depth: int) -> None:
        for chapter in children.get(parent_id, []):
            out.append(ChapterChoice(chapter.id, f"{chapter.number} {chapter.title}".strip(), depth))
            walk(chapter.id, depth + 1)

    walk(None, 0)
    return out
