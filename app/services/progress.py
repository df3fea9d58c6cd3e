"""The progress overview: per project its actions counted per traffic-light status.

An action is overdue when its due date lies before ``today`` and it is not
achieved ("behaald"). Filters on actions (status, owner) narrow the actions
counted and drop projects left without any; a chapter filter keeps the
projects of that chapter and its paragraphs. Two queries, whatever the plan's
size: one for the projects, one aggregate over the actions.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from app.models import Action, ActionStatus, Chapter, Plan, Project, ProjectStatus
from app.services.edit_errors import EditError
from app.services.periods import is_recurrence, parse_recurrence, recurrence_label

# The traffic light of each action status, for views and PDFs alike.
TRAFFIC_LIGHT = {
    ActionStatus.UNKNOWN: "grey",
    ActionStatus.IN_PROGRESS: "orange",
    ActionStatus.ACHIEVED: "green",
    ActionStatus.NOT_ACHIEVED: "red",
}


@dataclass(slots=True)
class ProgressRow:
    project_id: int
    number: str
    title: str
    is_general: bool
    status: ProjectStatus
    chapter_id: int
    chapter_number: str
    chapter_title: str
    counts: dict[ActionStatus, int] = field(default_factory=lambda: dict.fromkeys(ActionStatus, 0))
    overdue: int = 0

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True, slots=True)
class ActionRow:
    id: int
    description: str
    owner: str
    due_date: date | None
    status: ActionStatus
    remark: str
    updated_on: date | None
    overdue: bool
    due_text: str = ""  # a due period ("Q4 2021") or a recurrence; "": the due date itself
    due_shown: str = ""  # a recurrence as the table shows it ("maandelijks t/m … · volgende: …")

    @property
    def light(self) -> str:
        return TRAFFIC_LIGHT[self.status]

    @property
    def due(self) -> str:
        """When it is due, as typed and printed: the period or recurrence, or the date."""
        return self.due_text or (self.due_date.strftime("%d-%m-%Y") if self.due_date else "")

    @property
    def recurring(self) -> bool:
        return bool(self.due_shown)


def action_row(a, today: date) -> ActionRow:
    """An ActionRow of a result row with the action's columns (``ACTION_COLUMNS``), as of ``today``."""
    shown = ""
    if a.due_text and is_recurrence(a.due_text):
        try:
            shown = recurrence_label(parse_recurrence(a.due_text), today)
        except EditError:  # stored by hand or by an older version: shown as it is
            shown = ""
    return ActionRow(a.id, a.description, a.owner, a.due_date, a.status, a.remark, a.updated_on,
                     a.due_date is not None and a.due_date < today and a.status is not ActionStatus.ACHIEVED,
                     a.due_text, shown)


ACTION_COLUMNS = (Action.id, Action.description, Action.owner, Action.due_date, Action.status,
                  Action.remark, Action.updated_on, Action.due_text)


def _number_key(number: str) -> tuple:
    return tuple(int(p) if p.isdigit() else 0 for p in number.split(".")) if number else ()


def _chapter_ids(session: Session, plan_id: int, chapter_id: int) -> set[int]:
    parents = dict(session.execute(select(Chapter.id, Chapter.parent_id)
                                   .where(Chapter.plan_id == plan_id)).all())
    found, changed = {chapter_id}, True
    while changed:  # the chapter and everything below it
        new = {c for c, parent in parents.items() if parent in found} - found
        found |= new
        changed = bool(new)
    return found


def progress_overview(session: Session, plan: Plan, status: ActionStatus | ProjectStatus | None = None,
                      owner: str | None = None, chapter_id: int | None = None,
                      today: date | None = None) -> list[ProgressRow]:
    """One row per project (number order, general work last), with action counts per status."""
    today = today or date.today()
    query = (select(Project.id, Project.number, Project.title, Project.is_general, Project.status,
                    Project.position, Chapter.id.label("chapter_id"), Chapter.number.label("cnum"),
                    Chapter.title.label("ctitle"), Chapter.position.label("cpos"))
             .join(Project.chapter).where(Chapter.plan_id == plan.id))
    if chapter_id is not None:
        query = query.where(Chapter.id.in_(_chapter_ids(session, plan.id, chapter_id)))
    if isinstance(status, ProjectStatus):
        query = query.where(Project.status == status)
    rows = {p.id: ProgressRow(p.id, p.number, p.title, p.is_general, p.status, p.chapter_id,
                              p.cnum, p.ctitle)
            for p in sorted(session.execute(query).all(), key=lambda p: (
                p.is_general, _number_key(p.number) if not p.is_general else (), p.cpos,
                p.position, p.id))}

    narrow = []  # filters on actions
    if isinstance(status, ActionStatus):
        narrow.append(Action.status == status)
    if owner:
        narrow.append(func.lower(Action.owner) == owner.strip().lower())
    overdue = case((and_(Action.due_date < today, Action.status != ActionStatus.ACHIEVED), 1), else_=0)
    counts = session.execute(
        select(Action.project_id, Action.status, func.count(Action.id), func.sum(overdue))
        .join(Action.project).join(Project.chapter)
        .where(Chapter.plan_id == plan.id, *narrow)
        .group_by(Action.project_id, Action.status))
    for project_id, action_status, count, late in counts:
        row = rows.get(project_id)
        if row is not None:
            row.counts[action_status] = count
            row.overdue += int(late or 0)
    result = list(rows.values())
    if narrow:  # projects without a matching action are not what the user asked for
        result = [r for r in result if r.total]
    return result


def project_actions(session: Session, project_id: int, today: date | None = None) -> list[ActionRow]:
    """A project's actions in their order, for the traffic-light view."""
    today = today or date.today()
    actions = session.execute(
        select(*ACTION_COLUMNS).where(Action.project_id == project_id).order_by(Action.position, Action.id)).all()
    return [action_row(a, today) for a in actions]


def plan_actions(session: Session, plan: Plan, today: date | None = None) -> dict[int, list[ActionRow]]:
    """Every action of the plan by project id, each project's in their order: one query, for
    exports of the whole action list."""
    today = today or date.today()
    actions = session.execute(
        select(*ACTION_COLUMNS, Action.project_id)
        .join(Action.project).join(Project.chapter).where(Chapter.plan_id == plan.id)
        .order_by(Action.project_id, Action.position, Action.id)).all()
    found: dict[int, list[ActionRow]] = {}
    for a in actions:
        found.setdefault(a.project_id, []).append(action_row(a, today))
    return found


def owners(session: Session, plan: Plan) -> list[str]:
    """The owners named in the plan's actions, for the filter's choice list."""
    return sorted(set(session.scalars(
        select(Action.owner).join(Action.project).join(Project.chapter)
        .where(Chapter.plan_id == plan.id, Action.owner != "").distinct())), key=str.lower)


# --- in a session of their own, for the views ----------------------------------------------------

def load_progress_overview(workspace, plan_id: int, status: ActionStatus | ProjectStatus | None = None,
                           owner: str | None = None, chapter_id: int | None = None,
                           today: date | None = None) -> list[ProgressRow]:
    with workspace.session() as session:
        return progress_overview(session, session.get(Plan, plan_id), status=status, owner=owner,
                                 chapter_id=chapter_id, today=today)


def load_owners(workspace, plan_id: int) -> list[str]:
    with workspace.session() as session:
        return owners(session, session.get(Plan, plan_id))
