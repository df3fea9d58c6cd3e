"""Edit operations on the plan's content: chapters, projects, goals and actions.

Same habits as budget_edit: one transaction per user action, everything
validated before anything is written, Dutch messages, and a return value that
is exactly what the undo needs (old values, a Place, or a Snapshot that puts
deleted rows back with their own ids).

Numbers are derived, never typed: every structural change calls
``renumber``, so "3.1.3" moved into 3.2 becomes "3.2.4" and the rest close up.
Within a chapter, sub-chapters and projects share one order and one count
(the 2022 plan has paragraph 4.1 followed by projects 4.2-4.4); general work
("doorlopend algemeen") is not counted and keeps the number "".
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from app.models import (
    Action,
    ActionStatus,
    Allocation,
    Ambition,
    BudgetLine,
    Chapter,
    Goal,
    Project,
    ProjectAmbition,
    ProjectStatus,
)
from app.services import change_log
from app.services.edit_errors import EditError
from app.services.editing import (
    NAME_MOST,
    TEXT_MOST,
    TITLE_MOST,
    Place,
    clean_text,
    insert_at,
    locked,
    move_to,
    refuse_stale,
    row_values,
    set_positions,
    shown_value,
    stale_fields,
    writable_plan,
)
from app.services.kept_with import put_back, take
from app.services.staffing_edit import parse_half_days

_DATE = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")  # as some spreadsheets copy it
DATE_HINT = "Typ een datum als 31-12-2022."
SHOWS = "het plan toont nu de nieuwe waarden"  # what a refused edit leaves on the page


def due_fields(text, year: int) -> dict:
    """due_text and due_date of a date or period typed for an action of a plan of ``year``
    (app.services.periods): a date is its date; a period its text and its last day (overdue once
    it has ended); open-ended or ongoing, no day at all; a recurrence ("maandelijks") its text in
    full and its last day (its occurrences have statuses of their own: app.services.recurring).
    Blank: neither."""
    from app.services.periods import PeriodKind, is_recurrence, parse_period, parse_recurrence

    if is_recurrence(text):
        recurrence = parse_recurrence(text, year)
        return {"due_text": recurrence.text(), "due_date": recurrence.end}
    period = parse_period(text, year)
    if period is None:
        return {"due_text": "", "due_date": None}
    if period.kind is PeriodKind.DATE:
        return {"due_text": "", "due_date": period.start}
    return {"due_text": period.text(), "due_date": period.end}


def parse_date_nl(text) -> date | None:
    """A Dutch date ("31-12-2022", "31-12-22"); a date passes through; blank is None."""
    if text is None or isinstance(text, date):
        return text
    raw = str(text).strip()
    if not raw:
        return None
    match = _DATE.match(raw)
    if match:
        day, month, year = (int(g) for g in match.groups())
        year += 2000 if len(match.group(3)) == 2 else 0
    elif _ISO_DATE.match(raw):
        year, month, day = (int(g) for g in _ISO_DATE.match(raw).groups())
    else:
        raise EditError(f"'{raw}' is geen datum. {DATE_HINT}")
    try:
        return date(year, month, day)
    except ValueError:
        raise EditError(f"'{raw}' is geen bestaande datum. {DATE_HINT}") from None


# --- helpers --------------------------------------------------------------------------

def _get(session: Session, model, item_id: int):
    item = session.get(model, item_id)
    if item is None:
        word = {Chapter: "Dit hoofdstuk", Project: "Dit project", Goal: "Dit doel",
                Action: "Deze actie"}[model]
        raise EditError(f"{word} bestaat niet meer.")
    return item


def _plan_of(item) -> int:
    if isinstance(item, Chapter):
        return item.plan_id
    if isinstance(item, Project):
        return item.chapter.plan_id
    return item.project.chapter.plan_id


def _tree_siblings(session: Session, plan_id: int, parent_id: int | None) -> list:
    """Sub-chapters and projects of a chapter in their shared order (top level: chapters)."""
    where = Chapter.parent_id.is_(None) if parent_id is None else Chapter.parent_id == parent_id
    items = list(session.scalars(select(Chapter).where(Chapter.plan_id == plan_id, where)))
    if parent_id is not None:
        items += session.scalars(select(Project).where(Project.chapter_id == parent_id))
    return sorted(items, key=lambda o: (o.position, isinstance(o, Project), o.id))


def _list_siblings(session: Session, model, project_id: int) -> list:
    return list(session.scalars(select(model).where(model.project_id == project_id)
                                .order_by(model.position, model.id)))


def renumber(session: Session, plan_id: int) -> None:
    """Set every chapter's and project's number from the tree order; general work gets ""."""
    chapters = list(session.scalars(select(Chapter).where(Chapter.plan_id == plan_id)))
    projects = list(session.scalars(select(Project).join(Project.chapter)
                                    .where(Chapter.plan_id == plan_id)))
    children: dict[int | None, list] = {}
    for item in chapters:
        children.setdefault(item.parent_id, []).append(item)
    for item in projects:
        children.setdefault(item.chapter_id, []).append(item)

    def walk(parent_id: int | None, prefix: str) -> None:
        count = 0
        items = sorted(children.get(parent_id, []),
                       key=lambda o: (o.position, isinstance(o, Project), o.id))
        for item in items:
            if isinstance(item, Project) and item.is_general:
                number = ""
            else:
                count += 1
                number = f"{prefix}{count}"
            if item.number != number:  # untouched rows stay clean: no needless UPDATEs
                item.number = number
            if isinstance(item, Chapter):
                walk(item.id, f"{number}.")

    walk(None, "")


# --- snapshots of deleted rows -------------------------------------------------------------

@dataclass
class Snapshot:
    """Rows removed by a delete, as column dicts with their ids, for an exact restore."""

    kind: str  # "chapter", "project", "goal" or "action"
    place: Place
    chapters: list[dict] = field(default_factory=list)  # parents before children
    projects: list[dict] = field(default_factory=list)
    goals: list[dict] = field(default_factory=list)
    actions: list[dict] = field(default_factory=list)
    allocations: list[dict] = field(default_factory=list)
    ambition_links: list[tuple[int, int]] = field(default_factory=list)  # (project id, ambition id)
    budget_links: list[tuple[int, int]] = field(default_factory=list)  # (line id, project id)
    kept: list = field(default_factory=list)  # the actions' status records (app.services.kept_with)

    @property
    def root_id(self) -> int:
        return getattr(self, self.kind + "s")[0]["id"]


def _collect_projects(session: Session, snapshot: Snapshot, projects: list[Project]) -> None:
    ids = [p.id for p in projects]
    for project in projects:
        snapshot.projects.append(row_values(project))
        snapshot.goals += [row_values(g) for g in project.goals]
        snapshot.actions += [row_values(a) for a in project.actions]
    snapshot.allocations += [row_values(a) for a in session.scalars(
        select(Allocation).where(Allocation.project_id.in_(ids)).order_by(Allocation.id))]
    snapshot.ambition_links += session.execute(
        select(ProjectAmbition.project_id, ProjectAmbition.ambition_id)
        .where(ProjectAmbition.project_id.in_(ids))
        .order_by(ProjectAmbition.project_id, ProjectAmbition.ambition_id)).all()
    snapshot.budget_links += session.execute(
        select(BudgetLine.id, BudgetLine.project_id).where(BudgetLine.project_id.in_(ids))
        .order_by(BudgetLine.id)).all()


def _remove_projects(session: Session, projects: list[Project], snapshot: Snapshot, plan_id: int) -> None:
    """Delete ``projects`` (collected in ``snapshot``) with their allocations and ambition links."""
    # Explicit rather than left to ON DELETE: the session then holds no stale rows.
    ids = [p.id for p in projects]
    session.execute(delete(Allocation).where(Allocation.project_id.in_(ids)))
    session.execute(delete(ProjectAmbition).where(ProjectAmbition.project_id.in_(ids)))
    session.execute(update(BudgetLine).where(BudgetLine.project_id.in_(ids)).values(project_id=None))
    change_log.record(session, "allocation", snapshot.allocations, "verwijderd", plan_id)
    change_log.record(session, "budget_line", [{"id": line} for line, _p in snapshot.budget_links],
                      "gewijzigd: project", plan_id)
    for project in projects:
        session.delete(project)  # goals and actions go with it (ORM cascade)
    session.flush()


def restore(workspace, snapshot: Snapshot) -> None:
    """Undo a delete: rows back with their original ids, in the same place, numbers renewed."""
    with workspace.transaction() as session:
        if snapshot.kind == "chapter":
            plan_id = snapshot.chapters[0]["plan_id"]
        elif snapshot.kind == "project":
            plan_id = _get(session, Chapter, snapshot.place.parent_id).plan_id
        else:
            plan_id = _plan_of(_get(session, Project, snapshot.place.parent_id))
        writable_plan(session, plan_id)
        for row in snapshot.chapters:
            session.add(Chapter(**row))
            session.flush()  # parents first: a child's parent_id must exist
        session.add_all(Project(**row) for row in snapshot.projects)
        session.flush()
        session.add_all(Goal(**row) for row in snapshot.goals)
        session.add_all(Action(**row) for row in snapshot.actions)
        session.add_all(Allocation(**row) for row in snapshot.allocations)
        put_back(session, snapshot.kept)
        session.add_all(ProjectAmbition(project_id=p, ambition_id=a) for p, a in snapshot.ambition_links
                        if session.get(Ambition, a) is not None)  # an ambition deleted since stays gone
        for line_id, project_id in snapshot.budget_links:
            session.execute(update(BudgetLine).where(BudgetLine.id == line_id)
                            .values(project_id=project_id))
        change_log.record(session, "budget_line", [{"id": line} for line, _p in snapshot.budget_links],
                          "gewijzigd: project", plan_id)
        session.flush()
        model = {"chapter": Chapter, "project": Project, "goal": Goal, "action": Action}[snapshot.kind]
        root = session.get(model, snapshot.root_id)
        if snapshot.kind in ("chapter", "project"):
            siblings = _tree_siblings(session, plan_id, snapshot.place.parent_id)
        else:
            siblings = _list_siblings(session, model, snapshot.place.parent_id)
        siblings = [s for s in siblings if s is not root]
        insert_at(siblings, root, snapshot.place.index)
        renumber(session, plan_id)


# --- chapters ------------------------------------------------------------------------------

def _chapter_title(title, needed: bool = True) -> str:
    return clean_text(title, "De titel van het hoofdstuk", TITLE_MOST,
                      needed="Een hoofdstuk heeft een titel nodig." if needed else "")


def add_chapter(workspace, plan_id: int, parent_id: int | None = None, index: int | None = None,
                title: str = "Nieuw hoofdstuk") -> int:
    with workspace.transaction() as session:
        writable_plan(session, plan_id)
        if parent_id is not None and _get(session, Chapter, parent_id).plan_id != plan_id:
            raise EditError("Dit hoofdstuk hoort niet bij dit plan.")
        siblings = _tree_siblings(session, plan_id, parent_id)
        chapter = Chapter(plan_id=plan_id, parent_id=parent_id,
                          title=_chapter_title(title, needed=False) or "Nieuw hoofdstuk")
        session.add(chapter)
        insert_at(siblings, chapter, index)
        session.flush()
        renumber(session, plan_id)
        return chapter.id


def set_chapter_fields(workspace, chapter_id: int, expected: dict | None = None, **fields) -> dict:
    """Rename a chapter or change its text; returns the old values. ``expected``: the values the
    user saw (an undo: what it wrote); refused (ConflictError) where the chapter holds something
    else now, nothing written."""
    fields = _chapter_values(fields)
    expected = _chapter_values(expected) if expected else None
    with workspace.transaction() as session:
        chapter = _get(session, Chapter, chapter_id)
        writable_plan(session, chapter.plan_id)
        if expected:
            locked(session, chapter)
            refuse_stale(session, stale_fields(chapter, expected, "het hoofdstuk", "hoofdstuk " + _label(chapter)),
                         SHOWS)
        old = {name: getattr(chapter, name) for name in fields}
        for name, value in fields.items():
            setattr(chapter, name, value or "")
    return old


def _chapter_values(fields: dict) -> dict:
    unknown = set(fields) - {"title", "text"}
    if unknown:
        raise EditError(f"Onbekend veld: {', '.join(sorted(unknown))}")
    values = dict(fields)
    if "title" in values:
        values["title"] = _chapter_title(values["title"])
    if "text" in values:
        values["text"] = clean_text(values["text"], "De tekst van het hoofdstuk", TEXT_MOST, strip=False)
    return values


def _label(item) -> str:
    """A chapter or project as the outline shows it: "2.1 “Inkoop”"."""
    return " ".join(filter(None, [item.number, f"“{item.title}”"]))


def rename_chapter(workspace, chapter_id: int, title: str) -> str:
    return set_chapter_fields(workspace, chapter_id, title=title)["title"]


def _move_in_tree(session: Session, item, plan_id: int, to: Place) -> Place:
    old_parent = item.parent_id if isinstance(item, Chapter) else item.chapter_id
    old_siblings = _tree_siblings(session, plan_id, old_parent)
    old_index = old_siblings.index(item)
    old_siblings.remove(item)
    set_positions(old_siblings)
    if isinstance(item, Chapter):
        item.parent_id = to.parent_id
    else:
        item.chapter_id = to.parent_id
    session.flush()
    new_siblings = [s for s in _tree_siblings(session, plan_id, to.parent_id) if s is not item]
    insert_at(new_siblings, item, to.index)
    renumber(session, plan_id)
    return Place(old_parent, old_index)


def move_chapter(workspace, chapter_id: int, to: Place) -> Place:
    """Move a chapter (with all below it) to another place; returns where it was."""
    with workspace.transaction() as session:
        chapter = _get(session, Chapter, chapter_id)
        writable_plan(session, chapter.plan_id)
        if to.parent_id is not None:
            node = _get(session, Chapter, to.parent_id)
            if node.plan_id != chapter.plan_id:
                raise EditError("Een hoofdstuk kan niet naar een ander plan worden verplaatst.")
            while node is not None:
                if node.id == chapter.id:
                    raise EditError("Een hoofdstuk kan niet in zichzelf of in een eigen paragraaf "
                                    "worden gezet.")
                node = node.parent
        return _move_in_tree(session, chapter, chapter.plan_id, to)


def delete_chapter(workspace, chapter_id: int) -> Snapshot:
    """Delete a chapter with its paragraphs, projects, goals, actions and allocations."""
    with workspace.transaction() as session:
        chapter = _get(session, Chapter, chapter_id)
        plan_id = chapter.plan_id
        writable_plan(session, plan_id)
        siblings = _tree_siblings(session, plan_id, chapter.parent_id)
        snapshot = Snapshot("chapter", Place(chapter.parent_id, siblings.index(chapter)))
        tree, pending = [], [chapter]
        while pending:  # breadth first: parents before children, as restore needs
            node = pending.pop(0)
            tree.append(node)
            pending += sorted(node.children, key=lambda c: (c.position, c.id))
        snapshot.chapters = [row_values(c) for c in tree]
        projects = [p for c in tree for p in c.projects]
        _collect_projects(session, snapshot, projects)
        snapshot.kept = take(session, "action", [a["id"] for a in snapshot.actions])
        _remove_projects(session, projects, snapshot, plan_id)
        for node in tree:  # forget the deleted projects, or the ORM cascade deletes them again
            session.expire(node, ["projects", "children"])
        for node in reversed(tree):  # leaves first: no dangling parent
            session.delete(node)
            session.flush()
        siblings.remove(chapter)
        set_positions(siblings)
        renumber(session, plan_id)
    return snapshot


# --- projects ------------------------------------------------------------------------------

_PROJECT_FIELDS = {"title", "description", "sponsor_admin", "sponsor_official", "contractor",
                   "start_date", "end_date", "status", "stated_half_days", "staffing_label",
                   "is_general"}
# What each text field is called in a refusal, and how long it may be (its column's length).
_TEXT_FIELDS = {
    "description": ("De omschrijving van het project", TEXT_MOST),
    "sponsor_admin": ("De bestuurlijk opdrachtgever", NAME_MOST),
    "sponsor_official": ("De ambtelijk opdrachtgever", NAME_MOST),
    "contractor": ("De opdrachtnemer", NAME_MOST),
    "staffing_label": ("Het label in de formatie", NAME_MOST),
}


def _status(value, kind):
    if isinstance(value, kind):
        return value
    for member in kind:
        if str(value).strip().lower() in (member.value, member.name.lower()):
            return member
    choices = ", ".join(m.value for m in kind)
    raise EditError(f"'{value}' is geen status; kies uit {choices}.")


def _project_title(title, needed: bool = True) -> str:
    return clean_text(title, "De titel van het project", TITLE_MOST,
                      needed="Een project heeft een titel nodig; de titel mag niet leeg zijn."
                      if needed else "")


def _project_values(fields: dict) -> dict:
    unknown = set(fields) - _PROJECT_FIELDS
    if unknown:
        raise EditError(f"Onbekend veld: {', '.join(sorted(unknown))}")
    values = dict(fields)
    if "title" in values:
        values["title"] = _project_title(values["title"])
    for name in _TEXT_FIELDS.keys() & set(values):
        what, most = _TEXT_FIELDS[name]
        values[name] = clean_text(values[name], what, most)
    for name in {"start_date", "end_date"} & set(values):
        values[name] = parse_date_nl(values[name])
    if "status" in values:
        values["status"] = _status(values["status"], ProjectStatus)
    if "stated_half_days" in values:
        values["stated_half_days"] = parse_half_days(values["stated_half_days"])
    if "is_general" in values:
        values["is_general"] = bool(values["is_general"])
    return values


def add_project(workspace, chapter_id: int, index: int | None = None, title: str = "Nieuw project",
                is_general: bool = False) -> int:
    with workspace.transaction() as session:
        chapter = _get(session, Chapter, chapter_id)
        writable_plan(session, chapter.plan_id)
        siblings = _tree_siblings(session, chapter.plan_id, chapter_id)
        project = Project(chapter_id=chapter_id, title=_project_title(title, needed=False) or "Nieuw project",
                          is_general=is_general)
        session.add(project)
        insert_at(siblings, project, index)
        session.flush()
        renumber(session, chapter.plan_id)
        return project.id


def set_project_fields(workspace, project_id: int, expected: dict | None = None, **fields) -> dict:
    """Change a project's form fields; returns the old values. Dates may be Dutch text.
    ``expected``: the values the user saw (an undo: what it wrote); refused (ConflictError) where
    the project holds something else now, nothing written."""
    values = _project_values(fields)
    expected = _project_values(expected) if expected else None
    with workspace.transaction() as session:
        project = _get(session, Project, project_id)
        plan_id = project.chapter.plan_id
        writable_plan(session, plan_id)
        if expected:
            locked(session, project)
            refuse_stale(session, stale_fields(project, expected, "het project", "project " + _label(project)),
                         SHOWS)
        start = values.get("start_date", project.start_date)
        end = values.get("end_date", project.end_date)
        if start is not None and end is not None and end < start:
            raise EditError(f"De einddatum ({end:%d-%m-%Y}) ligt vóór de startdatum ({start:%d-%m-%Y}).")
        old = {name: getattr(project, name) for name in values}
        for name, value in values.items():
            setattr(project, name, value)
        if "is_general" in values:
            renumber(session, plan_id)
    return old


def move_project(workspace, project_id: int, to: Place) -> Place:
    """Move a project to a place in a chapter (also another chapter); returns where it was."""
    if to.parent_id is None:
        raise EditError("Een project hoort in een hoofdstuk; kies een hoofdstuk om het in te zetten.")
    with workspace.transaction() as session:
        project = _get(session, Project, project_id)
        plan_id = project.chapter.plan_id
        writable_plan(session, plan_id)
        if _get(session, Chapter, to.parent_id).plan_id != plan_id:
            raise EditError("Een project kan niet naar een ander plan worden verplaatst.")
        return _move_in_tree(session, project, plan_id, to)


def delete_project(workspace, project_id: int) -> Snapshot:
    """Delete a project with goals, actions and allocations; budget lines lose their link."""
    with workspace.transaction() as session:
        project = _get(session, Project, project_id)
        plan_id = project.chapter.plan_id
        writable_plan(session, plan_id)
        siblings = _tree_siblings(session, plan_id, project.chapter_id)
        snapshot = Snapshot("project", Place(project.chapter_id, siblings.index(project)))
        _collect_projects(session, snapshot, [project])
        snapshot.kept = take(session, "action", [a["id"] for a in snapshot.actions])
        _remove_projects(session, [project], snapshot, plan_id)
        siblings.remove(project)
        set_positions(siblings)
        renumber(session, plan_id)
    return snapshot


def place_of(workspace, kind: str, item_id: int) -> Place:
    """Where a chapter, project, goal or action stands now (for a move's redo)."""
    with workspace.session() as session:
        model = {"chapter": Chapter, "project": Project, "goal": Goal, "action": Action}[kind]
        item = _get(session, model, item_id)
        if kind in ("chapter", "project"):
            parent = item.parent_id if kind == "chapter" else item.chapter_id
            return Place(parent, _tree_siblings(session, _plan_of(item), parent).index(item))
        return Place(item.project_id, _list_siblings(session, model, item.project_id).index(item))


def chapter_title(workspace, chapter_id: int) -> str:
    """The chapter's title as typed (without its number); "" when it no longer exists."""
    with workspace.session() as session:
        chapter = session.get(Chapter, chapter_id)
        return chapter.title if chapter is not None else ""


def sibling_count(workspace, kind: str, item_id: int) -> int:
    """How many chapters and projects share the parent of this chapter or project (itself too)."""
    with workspace.session() as session:
        item = _get(session, Chapter if kind == "chapter" else Project, item_id)
        parent = item.parent_id if kind == "chapter" else item.chapter_id
        return len(_tree_siblings(session, _plan_of(item), parent))


# --- goals and actions ------------------------------------------------------------------------

def _text(value, message: str, what: str) -> str:
    return clean_text(value, what, TEXT_MOST, needed=message)


def add_goal(workspace, project_id: int, text: str = "Nieuw doel", index: int | None = None) -> int:
    text = _text(text, "Een doel heeft een tekst nodig.", "Het doel")
    with workspace.transaction() as session:
        project = _get(session, Project, project_id)
        writable_plan(session, _plan_of(project))
        goal = Goal(project_id=project_id, text=text)
        siblings = _list_siblings(session, Goal, project_id)  # before add: autoflush
        session.add(goal)
        insert_at(siblings, goal, index)
        session.flush()
        return goal.id


def set_goal_text(workspace, goal_id: int, text: str) -> str:
    """Change a goal's text; returns the old text."""
    return set_goal_texts(workspace, [(goal_id, text)])[0][1]


def set_goal_texts(workspace, texts: Sequence[tuple[int, str]],
                   expected: Sequence[tuple[int, str]] | None = None) -> list[tuple[int, str]]:
    """New texts for several goals as one action, in one transaction: one refused, none
    written. Returns (goal id, old text) in the same order; to undo, apply them reversed.
    ``expected``: (goal id, the text the user saw; an undo: what it wrote); where a goal holds
    another text now, the whole is refused (ConflictError), nothing written."""
    cleaned = [(goal_id, _goal_text(text)) for goal_id, text in texts]
    seen = {goal_id: _goal_text(text) for goal_id, text in expected or ()}
    with workspace.transaction() as session:
        goals = {}
        for goal_id, _new in cleaned:  # all checked before anything is written
            goals[goal_id] = _get(session, Goal, goal_id)
            writable_plan(session, _plan_of(goals[goal_id]))
        refuse_stale(session, [s for goal_id, text in seen.items() if goal_id in goals
                               for s in _stale_goal(session, goals[goal_id], text)], SHOWS)
        old = []
        for goal_id, text in cleaned:
            goal = goals[goal_id]
            old.append((goal_id, goal.text))
            goal.text = text
    return old


def _goal_text(text) -> str:
    return _text(text, "Een doel heeft een tekst nodig.", "Het doel")


def _stale_goal(session: Session, goal: Goal, seen: str) -> list:
    """The goal's text when it is not what was seen, naming it by its project ("een doel van
    project 2.1 “Inkoop”"): a goal has no name but its text."""
    locked(session, goal)
    return stale_fields(goal, {"text": seen}, "het doel", "een doel van project " + _label(goal.project))


def _move_in_list(workspace, model, item_id: int, index: int) -> int:
    with workspace.transaction() as session:
        item = _get(session, model, item_id)
        writable_plan(session, _plan_of(item))
        return move_to(_list_siblings(session, model, item.project_id), item, index)


def move_goal(workspace, goal_id: int, index: int) -> int:
    """Reorder a goal within its project; returns its old index."""
    return _move_in_list(workspace, Goal, goal_id, index)


def _delete_from_list(workspace, model, item_id: int) -> Snapshot:
    kind = "goal" if model is Goal else "action"
    with workspace.transaction() as session:
        item = _get(session, model, item_id)
        writable_plan(session, _plan_of(item))
        siblings = _list_siblings(session, model, item.project_id)
        snapshot = Snapshot(kind, Place(item.project_id, siblings.index(item)))
        getattr(snapshot, kind + "s").append(row_values(item))
        if kind == "action":
            snapshot.kept = take(session, "action", [item.id])
        session.delete(item)
        siblings.remove(item)
        set_positions(siblings)
    return snapshot


def delete_goal(workspace, goal_id: int) -> Snapshot:
    return _delete_from_list(workspace, Goal, goal_id)


# "due": a date or a period as typed (app.services.periods), read in the action's plan year and
# stored as due_text and due_date; "due_date" and "due_text" as stored (what an undo gives back).
_ACTION_FIELDS = {"description", "owner", "due", "due_date", "due_text", "status", "remark", "updated_on"}


def _action_values(fields: dict) -> dict:
    unknown = set(fields) - _ACTION_FIELDS
    if unknown:
        raise EditError(f"Onbekend veld: {', '.join(sorted(unknown))}")
    values = dict(fields)
    if "description" in values:
        values["description"] = _text(values["description"], "Een actie heeft een omschrijving nodig.",
                                      "De omschrijving van de actie")
    if "owner" in values:
        values["owner"] = clean_text(values["owner"], "De eigenaar van de actie", NAME_MOST)
    if "remark" in values:
        values["remark"] = clean_text(values["remark"], "De opmerking bij de actie", TEXT_MOST)
    if "due_date" in values:
        values["due_date"] = parse_date_nl(values["due_date"])
    if "due_text" in values:
        values["due_text"] = clean_text(values["due_text"], "De planning van de actie", 120, collapse=True)
    if "status" in values:
        values["status"] = _status(values["status"], ActionStatus)
    return values


def add_action(workspace, project_id: int, description: str = "Nieuwe actie",
               index: int | None = None, today: date | None = None, **fields) -> int:
    values = _action_values({"description": description, **fields})
    with workspace.transaction() as session:
        project = _get(session, Project, project_id)
        plan = writable_plan(session, _plan_of(project))
        if "due" in values:  # read in the plan's year: "Q4" is Q4 of it
            values = dict(values)
            values.update(due_fields(values.pop("due"), plan.year))
        action = Action(project_id=project_id, **{"updated_on": today or date.today(), **values})
        siblings = _list_siblings(session, Action, project_id)  # before add: autoflush
        session.add(action)
        insert_at(siblings, action, index)
        session.flush()
        return action.id


def add_actions(workspace, project_id: int, rows: Sequence[dict], today: date | None = None) -> list[int]:
    """Several actions appended to a project (a block pasted from Excel): all of them or none,
    the first problem refused naming its row ("Rij 3: ..."). Their ids, in order."""
    prepared = []
    for number, fields in enumerate(rows, start=1):
        try:
            values = _action_values(fields)
            if not values.get("description"):
                raise EditError("Een actie heeft een omschrijving nodig.")
        except EditError as exc:
            raise EditError(f"Rij {number}: {exc.message}") from None
        prepared.append(values)
    with workspace.transaction() as session:
        project = _get(session, Project, project_id)
        plan = writable_plan(session, _plan_of(project))
        position = len(_list_siblings(session, Action, project_id))
        made = []
        for number, values in enumerate(prepared, start=1):
            if "due" in values:
                values = dict(values)
                try:
                    values.update(due_fields(values.pop("due"), plan.year))
                except EditError as exc:
                    raise EditError(f"Rij {number}: {exc.message}") from None
            action = Action(project_id=project_id, position=position, **{"updated_on": today or date.today(), **values})
            position += 1
            session.add(action)
            made.append(action)
        session.flush()
        return [a.id for a in made]


def delete_actions(workspace, action_ids: Sequence[int]) -> list[dict]:
    """Delete actions appended together (the undo of :func:`add_actions`); their rows, with ids."""
    with workspace.transaction() as session:
        actions = [_get(session, Action, i) for i in action_ids]
        for action in actions:
            writable_plan(session, _plan_of(action))
        rows = [row_values(a) for a in actions]
        for action in actions:
            session.delete(action)
        return rows


def restore_actions(workspace, rows: Sequence[dict]) -> None:
    """Put actions deleted by :func:`delete_actions` back with their ids and places."""
    with workspace.transaction() as session:
        for row in rows:
            writable_plan(session, _plan_of(_get(session, Project, row["project_id"])))
        session.add_all(Action(**row) for row in rows)


def set_action_fields(workspace, action_id: int, today: date | None = None, **fields) -> dict:
    """Change an action; ``updated_on`` becomes today unless given (as the undo does).

    Returns the old values, ``updated_on`` included, so applying them undoes exactly.
    """
    return set_actions_fields(workspace, [(action_id, fields)], today)[0][1]


def set_actions_fields(workspace, changes: Sequence[tuple[int, dict]], today: date | None = None,
                       expected: Sequence[tuple[int, dict]] | None = None) -> list[tuple[int, dict]]:
    """Several actions' fields as one action, in one transaction: one refused, none written.
    Returns (action id, old values) in the same order; to undo, apply them reversed.
    ``expected``: (action id, the values the user saw; an undo: what it wrote); where an action
    holds something else now (its date of last update aside), the whole is refused (ConflictError)."""
    prepared = []
    for action_id, fields in changes:
        values = _action_values(fields)
        values.setdefault("updated_on", today or date.today())
        prepared.append((action_id, values))
    seen = {action_id: _action_values(fields) for action_id, fields in expected or ()}
    with workspace.transaction() as session:
        actions, years = {}, {}
        for action_id, _values in prepared:  # all checked before anything is written
            action = actions[action_id] = _get(session, Action, action_id)
            years[action_id] = writable_plan(session, _plan_of(action)).year
        refuse_stale(session, [s for action_id, fields in seen.items() if action_id in actions
                               for s in _stale_action(session, actions[action_id], fields, years[action_id])],
                     SHOWS)
        old = []
        for action_id, values in prepared:
            action = actions[action_id]
            if "due" in values:  # read in the plan's year: "Q4" is Q4 of it
                values = dict(values)
                values.update(due_fields(values.pop("due"), years[action_id]))
            old.append((action_id, {name: getattr(action, name) for name in values}))
            for name, value in values.items():
                setattr(action, name, value)
    return old


def _stale_action(session: Session, action: Action, seen: dict, year: int) -> list:
    """What of ``action`` differs from what was seen (its date of last update is bookkeeping, not
    something the user typed)."""
    if "due" in seen:
        seen = dict(seen)
        seen.update(due_fields(seen.pop("due"), year))
    locked(session, action)
    return stale_fields(action, seen, "de actie", f"actie {shown_value(action.description)}", ignore={"updated_on"})


def move_action(workspace, action_id: int, index: int) -> int:
    """Reorder an action within its project; returns its old index."""
    return _move_in_list(workspace, Action, action_id, index)


def delete_action(workspace, action_id: int) -> Snapshot:
    return _delete_from_list(workspace, Action, action_id)


# --- what a delete takes with it (for the confirmation) --------------------------------------

def deletion_summary(workspace, kind: str, item_id: int) -> str:
    """A Dutch sentence naming what a delete of this chapter or project takes with it."""
    with workspace.session() as session:
        if kind == "chapter":
            chapter = _get(session, Chapter, item_id)
            tree, pending = [], [chapter]
            while pending:
                node = pending.pop()
                tree.append(node)
                pending += node.children
            projects = [p for c in tree for p in c.projects]
            head = f"Hoofdstuk {chapter.number} {chapter.title}".replace("  ", " ")
            parts = [_count(len(tree) - 1, "paragraaf", "paragrafen"),
                     _count(len(projects), "project", "projecten")]
        else:
            project = _get(session, Project, item_id)
            projects = [project]
            head = f"Project {project.number} {project.title}".replace("  ", " ")
            parts = []
        ids = [p.id for p in projects]
        goals = sum(len(p.goals) for p in projects)
        actions = sum(len(p.actions) for p in projects)
        allocations = len(list(session.scalars(select(Allocation.id).where(
            Allocation.project_id.in_(ids)))))
        lines = len(list(session.scalars(select(BudgetLine.id).where(BudgetLine.project_id.in_(ids)))))
        parts += [_count(goals, "doel", "doelen"), _count(actions, "actie", "acties"),
                  _count(allocations, "inzetregel", "inzetregels")]
        parts = [p for p in parts if p]
        text = head + (" wordt verwijderd met " + _join(parts) if parts else " wordt verwijderd")
        if lines:
            text += (f"; {_count(lines, 'begrotingspost blijft', 'begrotingsposten blijven')} "
                     "bestaan, zonder koppeling")
        return text + "."


def _count(n: int, one: str, many: str) -> str:
    return "" if n == 0 else f"{n} {one if n == 1 else many}"


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " en " + parts[-1]
