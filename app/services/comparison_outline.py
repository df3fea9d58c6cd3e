"""The outline and the staffing of two plans side by side: projects and actions added, removed,
moved or given another status; roles and the dagdelen per project that changed.

Projects and actions are matched as budget lines are (app.services.comparison): by the row they
were copied from, else by number and title (a project) or project and description (an action).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.formatting import format_fte, format_half_days
from app.models import Action, Chapter, Plan, Project
from app.services.comparison import ADDED, MOVED, REMOVED, RENAMED, match_by_identity, match_unique, text_key
from app.services.staffing import StaffingFigures

STATUS = "status"
ZERO = Decimal("0.0")


@dataclass(frozen=True, slots=True)
class ProjectRow:
    id: int
    origin_id: int | None
    chapter: str  # "3.1 Sturing"
    number: str
    title: str
    status: str

    @property
    def label(self) -> str:
        return " ".join(p for p in (self.number.strip(), self.title.strip()) if p)


@dataclass(frozen=True, slots=True)
class ActionRow:
    id: int
    origin_id: int | None
    project_id: int
    description: str
    status: str


@dataclass(frozen=True)
class Outline:
    projects: dict[int, ProjectRow]
    actions: dict[int, ActionRow]

    def match(self, before: Outline) -> dict[int, int]:
        """This (newer) plan's project id -> the older plan's: identity, number and title, a title
        found once on each side."""
        matched = match_by_identity(before.projects, self.projects)
        taken = set(matched.values())
        match_unique(matched, taken, before.projects, self.projects, lambda p: (p.number.strip(), text_key(p.title)))
        match_unique(matched, taken, before.projects, self.projects, lambda p: text_key(p.title))
        return matched


def load_outline(session: Session, plan: Plan) -> Outline:
    chapters = {c.id: " ".join(p for p in (c.number.strip(), c.title.strip()) if p) for c in session.execute(
        select(Chapter.id, Chapter.number, Chapter.title).where(Chapter.plan_id == plan.id))}
    projects = {row.id: ProjectRow(row.id, row.copied_from_id, chapters.get(row.chapter_id, ""), row.number,
                                   row.title, row.status.value)
                for row in session.execute(
                    select(Project.id, Project.copied_from_id, Project.chapter_id, Project.number, Project.title,
                           Project.status, Project.position)
                    .where(Project.chapter_id.in_(chapters)).order_by(Project.position, Project.id))}
    actions = {row.id: ActionRow(row.id, row.copied_from_id, row.project_id, row.description, row.status.value)
               for row in session.execute(
                   select(Action.id, Action.copied_from_id, Action.project_id, Action.description, Action.status)
                   .where(Action.project_id.in_(projects)).order_by(Action.project_id, Action.position, Action.id))}
    return Outline(projects, actions)


@dataclass(frozen=True, slots=True)
class OutlineChange:
    what: str  # "project" or "actie"
    kind: str  # ADDED, REMOVED, MOVED, RENAMED or STATUS
    label: str  # the project ("3.1.2 Aanpak wachtlijsten") or the action's description
    detail: str = ""  # Dutch: "van 3.1 Sturing naar 3.2 Inkoop", "op koers → achter"

    def text(self) -> str:
        word = {ADDED: "toegevoegd", REMOVED: "verwijderd", MOVED: "verplaatst", RENAMED: "hernoemd",
                STATUS: "status"}[self.kind]
        what = "Project" if self.what == "project" else "Actie"
        return f"{what} {word}: {self.label}" + (f" ({self.detail})" if self.detail else "")


def compare_outline(before: Outline, after: Outline, projects: dict[int, int]) -> list[OutlineChange]:
    changes: list[OutlineChange] = []
    for project in after.projects.values():
        old = before.projects.get(projects.get(project.id))
        if old is None:
            changes.append(OutlineChange("project", ADDED, project.label, project.chapter))
            continue
        if text_key(old.chapter) != text_key(project.chapter):
            changes.append(OutlineChange("project", MOVED, project.label, f"van {old.chapter} naar {project.chapter}"))
        # The title, not the number: a move renumbers the projects after it, which renames nothing.
        if text_key(old.title) != text_key(project.title):
            changes.append(OutlineChange("project", RENAMED, project.label, f"was {old.label}"))
        if old.status != project.status:
            changes.append(OutlineChange("project", STATUS, project.label, f"{old.status} → {project.status}"))
    kept = set(projects.values())
    changes += [OutlineChange("project", REMOVED, p.label, p.chapter)
                for p in before.projects.values() if p.id not in kept]
    changes += _compare_actions(before, after, projects)
    return changes


def _compare_actions(before: Outline, after: Outline, projects: dict[int, int]) -> list[OutlineChange]:
    matched = match_by_identity(before.actions, after.actions)
    taken = set(matched.values())
    by_project: dict[tuple[int, str], list[int]] = defaultdict(list)
    for action in before.actions.values():
        if action.id not in taken:
            by_project[(action.project_id, text_key(action.description))].append(action.id)
    for action in after.actions.values():
        if action.id in matched:
            continue
        candidates = [c for c in by_project.get((projects.get(action.project_id), text_key(action.description)), [])
                      if c not in taken]
        if candidates:
            matched[action.id] = candidates[0]
            taken.add(candidates[0])

    def project_label(outline: Outline, project_id: int) -> str:
        project = outline.projects.get(project_id)
        return project.label if project is not None else ""

    changes = []
    for action in after.actions.values():
        old = before.actions.get(matched.get(action.id))
        where = project_label(after, action.project_id)
        if old is None:
            changes.append(OutlineChange("actie", ADDED, action.description, where))
            continue
        if projects.get(action.project_id) != old.project_id:
            changes.append(OutlineChange("actie", MOVED, action.description,
                                         f"van {project_label(before, old.project_id)} naar {where}"))
        if old.status != action.status:
            changes.append(OutlineChange("actie", STATUS, action.description, f"{old.status} → {action.status}"))
    changes += [OutlineChange("actie", REMOVED, a.description, project_label(before, a.project_id))
                for a in before.actions.values() if a.id not in taken]
    return changes


@dataclass(frozen=True, slots=True)
class StaffingChange:
    what: str  # "rol", "project" or "totaal"
    label: str
    unit: str  # "fte" or "dagdelen"
    before: Decimal | None  # None: not in the older plan
    after: Decimal | None  # None: not in the newer plan

    @property
    def difference(self) -> Decimal:
        return (self.after or ZERO) - (self.before or ZERO)

    def text(self) -> str:
        show = format_fte if self.unit == "fte" else format_half_days
        before = show(self.before) if self.before is not None else "—"
        after = show(self.after) if self.after is not None else "—"
        return f"{self.label}: {before} → {after} {self.unit}"


def compare_staffing(before: StaffingFigures | None, after: StaffingFigures | None,
                     projects: dict[int, int]) -> list[StaffingChange]:
    """The roles whose fte changed, the projects whose dagdelen per week changed, and the office's
    dagdelen in all, when they did."""
    if before is None or after is None:
        return []
    changes = []
    old_roles = {text_key(r.role): r for r in before.roles}
    new_roles = {text_key(r.role) for r in after.roles}
    for role in after.roles:
        old = old_roles.get(text_key(role.role))
        if old is None or old.fte != role.fte:
            changes.append(StaffingChange("rol", role.role, "fte", old.fte if old else None, role.fte))
    changes += [StaffingChange("rol", r.role, "fte", r.fte, None) for r in before.roles
                if text_key(r.role) not in new_roles]
    old_projects = {p.id: p for p in before.projects}
    kept = set()
    for project in after.projects:
        old = old_projects.get(projects.get(project.id))
        label = " ".join(p for p in (project.number.strip(), project.title.strip()) if p)
        if old is not None:
            kept.add(old.id)
        if (old.half_days if old else ZERO) != project.half_days:
            changes.append(StaffingChange("project", label, "dagdelen", old.half_days if old else None,
                                          project.half_days))
    changes += [StaffingChange("project", " ".join(x for x in (p.number.strip(), p.title.strip()) if x),
                               "dagdelen", p.half_days, None)
                for p in before.projects if p.id not in kept and p.half_days]
    if before.allocated_half_days != after.allocated_half_days:
        changes.append(StaffingChange("totaal", "Ingezet in totaal", "dagdelen", before.allocated_half_days,
                                      after.allocated_half_days))
    return changes
