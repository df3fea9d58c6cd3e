"""Plain read-only snapshots of what the overview pages and the navigation show.

The figure services compute every total (budget, saldo, shares, contributions);
what is here copies rows into small dataclasses (the navigation tree, a
project's goals and actions, funding sources, key shares), so no view holds
ORM objects after its session closed and no view builds a query.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import (
    Chapter,
    Plan,
    PlanKind,
    PlanStatus,
    Project,
    Region,
)

# --- navigation --------------------------------------------------------------------------


@dataclass
class ProjectRef:
    id: int
    number: str
    title: str

    @property
    def label(self) -> str:
        return f"{self.number} {self.title}".strip()


@dataclass
class ChapterNode:
    id: int
    number: str
    title: str
    children: list[ChapterNode] = field(default_factory=list)
    projects: list[ProjectRef] = field(default_factory=list)
    # Sub-chapters and projects together in the order their numbers follow (a project may
    # stand above a section: 4.1 project, 4.2 section), for the tree.
    entries: list[ChapterNode | ProjectRef] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.number} {self.title}".strip()


@dataclass
class PlanNode:
    id: int
    year: int
    title: str
    kind: PlanKind
    status: PlanStatus
    adopted_on: date | None
    adopted_by: str
    chapters: list[ChapterNode] = field(default_factory=list)
    superseded: bool = False  # an adopted amendment of it holds the year's figures now
    region_id: int | None = None
    first_year: int | None = None  # the budget's year columns
    last_year: int | None = None
    comparison_columns: int = 0
    based_on_id: int | None = None  # the plan an amendment or scenario was copied from


@dataclass
class RegionNode:
    id: int
    name: str
    plans: list[PlanNode] = field(default_factory=list)


def load_navigation(workspace) -> list[RegionNode]:
    with workspace.session() as session:
        return navigation_tree(session)


def load_chapter_choices(workspace, plan_id: int) -> list[tuple[int, str]]:
    """The plan's chapters in reading order, as (id, label indented by depth), for a filter."""
    plan = next((p for r in load_navigation(workspace) for p in r.plans if p.id == plan_id), None)
    chapters: list[tuple[int, str]] = []
    pending = [(c, 0) for c in plan.chapters] if plan else []
    while pending:
        chapter, depth = pending.pop(0)
        chapters.append((chapter.id, "    " * depth + chapter.label))
        pending[0:0] = [(c, depth + 1) for c in chapter.children]
    return chapters


def navigation_tree(session: Session) -> list[RegionNode]:
    """Regions, their plans by year, and each plan's chapter tree with its projects.

    Four queries in all, whatever the size of the plans (start-up speed).
    """
    regions = {r.id: RegionNode(r.id, r.name)
               for r in session.scalars(select(Region).order_by(Region.id))}
    plans: dict[int, PlanNode] = {}
    all_plans = list(session.scalars(select(Plan).order_by(Plan.year, Plan.id)))
    superseded = {p.based_on_id for p in all_plans
                  if p.kind is PlanKind.AMENDMENT and p.status is PlanStatus.ADOPTED and p.based_on_id}
    for p in all_plans:
        node = PlanNode(p.id, p.year, p.title, p.kind, p.status, p.adopted_on, p.adopted_by,
                        superseded=p.id in superseded, region_id=p.region_id,
                        first_year=p.first_year, last_year=p.last_year,
                        comparison_columns=p.comparison_columns, based_on_id=p.based_on_id)
        plans[p.id] = node
        if p.region_id in regions:
            regions[p.region_id].plans.append(node)

    chapters: dict[int, ChapterNode] = {}
    chapter_rows = session.execute(
        select(Chapter.id, Chapter.plan_id, Chapter.parent_id, Chapter.number, Chapter.title,
               Chapter.position)
        .order_by(Chapter.position, Chapter.id)
    ).all()
    # (position, chapters before projects, id): the order project_edit.renumber numbers them in
    order: dict[int, list[tuple[tuple[int, int, int], ChapterNode | ProjectRef]]] = {}
    for row in chapter_rows:
        chapters[row.id] = ChapterNode(row.id, row.number, row.title)
    for row in chapter_rows:
        node = chapters[row.id]
        if row.parent_id is not None and row.parent_id in chapters:
            chapters[row.parent_id].children.append(node)
            order.setdefault(row.parent_id, []).append(((row.position, 0, row.id), node))
        elif row.plan_id in plans:
            plans[row.plan_id].chapters.append(node)

    for row in session.execute(
        select(Project.id, Project.chapter_id, Project.number, Project.title, Project.position)
        .order_by(Project.position, Project.id)
    ):
        if row.chapter_id in chapters:
            ref = ProjectRef(row.id, row.number, row.title)
            chapters[row.chapter_id].projects.append(ref)
            order.setdefault(row.chapter_id, []).append(((row.position, 1, row.id), ref))
    for chapter_id, entries in order.items():
        chapters[chapter_id].entries = [node for _, node in sorted(entries, key=lambda e: e[0])]
    return list(regions.values())


@dataclass(frozen=True)
class PlanInfo:
    """A plan's facts as the overview shows them; plain data, no ORM object."""

    id: int
    region_name: str
    title: str
    kind: PlanKind
    status: PlanStatus
    adopted_by: str
    adopted_on: date | None
    year: int
    first_year: int
    last_year: int
    half_days_per_fte: Decimal
    key_name: str | None


def load_plan_info(workspace, plan_id: int) -> PlanInfo:
    with workspace.session() as session:
        plan = get_plan(session, plan_id)
        return PlanInfo(plan.id, plan.region.name, plan.title, plan.kind, plan.status, plan.adopted_by or "",
                        plan.adopted_on, plan.year, plan.first_year, plan.last_year, plan.half_days_per_fte,
                        plan.allocation_key.name if plan.allocation_key is not None else None)


def load_chapter_info(workspace, chapter_id: int) -> ChapterInfo:
    with workspace.session() as session:
        return chapter_info(session, chapter_id)


def get_plan(session: Session, plan_id: int) -> Plan:
    """The plan as an ORM object, to hand to the services within the same session."""
    plan = session.get(Plan, plan_id)
    if plan is None:
        raise LookupError(f"plan {plan_id} not found")
    return plan


# --- chapter and project -----------------------------------------------------------------


@dataclass
class ChapterInfo:
    id: int
    plan_id: int
    number: str
    title: str
    text: str
    children: list[ProjectRef]  # sub-chapters, as number + title
    projects: list[ProjectRef]


def chapter_info(session: Session, chapter_id: int) -> ChapterInfo:
    chapter = session.get(Chapter, chapter_id)
    children = session.execute(
        select(Chapter.id, Chapter.number, Chapter.title).where(Chapter.parent_id == chapter_id)
        .order_by(Chapter.position, Chapter.id)).all()
    return ChapterInfo(
        chapter.id, chapter.plan_id, chapter.number, chapter.title, chapter.text,
        [ProjectRef(c.id, c.number, c.title) for c in children],
        [ProjectRef(p.id, p.number, p.title) for p in chapter.projects],
    )
