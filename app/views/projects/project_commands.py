"""Undo commands for the plan's content: chapters, projects, goals, actions and ambitions.

Each command is one service call of app.services.project_edit (one transaction)
and its inverse; a delete keeps the Snapshot the service returns and puts the
rows back with their own ids. Every command announces ChangeKind.PROJECTS, which
makes the context's staffing figures stale (a deleted project takes its allocations
along); the ambitions announce ChangeKind.AMBITIONS, which no figure uses.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

from app.services import ambitions, project_edit
from app.services.project_edit import Place
from app.views.changes import Change, ChangeKind
from app.views.commands import AddRowCommand, CallCommand, FieldsCommand, ServiceCommand

WHAT = ChangeKind.PROJECTS

_DELETE = {
    "chapter": project_edit.delete_chapter,
    "project": project_edit.delete_project,
    "goal": project_edit.delete_goal,
    "action": project_edit.delete_action,
}


class AddItemCommand(AddRowCommand):
    """Add a chapter, project, goal or action; undo deletes it, redo restores it with the same id."""

    def __init__(self, context, plan_id: int, kind: str, add: Callable[[], int], text: str) -> None:
        workspace = context.workspace
        super().__init__(context, text, Change(plan_id, WHAT), add,
                         delete=lambda item_id: _DELETE[kind](workspace, item_id),
                         restore=lambda snapshot: project_edit.restore(workspace, snapshot))
        self.plan_id = plan_id
        self.kind = kind


def add_chapter_command(context, plan_id: int, parent_id: int | None, index: int | None,
                        title: str, text: str) -> AddItemCommand:
    workspace = context.workspace
    return AddItemCommand(context, plan_id, "chapter",
                          lambda: project_edit.add_chapter(workspace, plan_id, parent_id, index, title),
                          text)


def add_project_command(context, plan_id: int, chapter_id: int, index: int | None, title: str,
                        text: str) -> AddItemCommand:
    workspace = context.workspace
    return AddItemCommand(context, plan_id, "project",
                          lambda: project_edit.add_project(workspace, chapter_id, index, title), text)


def add_goal_command(context, plan_id: int, project_id: int, goal_text: str, index: int | None,
                     text: str) -> AddItemCommand:
    workspace = context.workspace
    return AddItemCommand(context, plan_id, "goal",
                          lambda: project_edit.add_goal(workspace, project_id, goal_text, index), text)


def add_action_command(context, plan_id: int, project_id: int, description: str,
                       index: int | None, text: str, **fields) -> AddItemCommand:
    workspace = context.workspace
    return AddItemCommand(
        context, plan_id, "action",
        lambda: project_edit.add_action(workspace, project_id, description, index, **fields), text)


class AddActionsCommand(ServiceCommand):
    """A block of actions appended to a project (pasted from Excel), one undo step: the undo deletes
    exactly them, the redo puts them back with their ids."""

    def __init__(self, context, plan_id: int, project_id: int, rows: Sequence[dict], text: str) -> None:
        super().__init__(context, text)
        self.plan_id, self.project_id, self.rows = plan_id, project_id, list(rows)
        self.new_ids: list[int] = []
        self._deleted: list[dict] | None = None

    def apply(self) -> None:
        if self._deleted is None:
            self.new_ids = project_edit.add_actions(self.context.workspace, self.project_id, self.rows)
        else:
            project_edit.restore_actions(self.context.workspace, self._deleted)

    def revert(self) -> None:
        self._deleted = project_edit.delete_actions(self.context.workspace, self.new_ids)

    def change(self) -> Change:
        return Change(self.plan_id, WHAT)


def delete_item_command(context, plan_id: int, kind: str, item_id: int, text: str) -> CallCommand:
    """Delete a chapter, project, goal or action; undo restores exactly (ids, place, links)."""
    workspace = context.workspace
    delete = _DELETE[kind]
    return CallCommand(context, plan_id, WHAT, text,
                       do=lambda: delete(workspace, item_id),
                       undo_with=lambda snapshot: project_edit.restore(workspace, snapshot))


def move_item_command(context, plan_id: int, kind: str, item_id: int, to, text: str) -> CallCommand:
    """Move a chapter or project to a Place, or a goal or action to an index in its list."""
    workspace = context.workspace
    move = {"chapter": project_edit.move_chapter, "project": project_edit.move_project,
            "goal": project_edit.move_goal, "action": project_edit.move_action}[kind]
    return CallCommand(context, plan_id, WHAT, text,
                       do=lambda: move(workspace, item_id, to),
                       undo_with=lambda was: move(workspace, item_id, was))


def project_fields_command(context, plan_id: int, project_id: int, text: str, seen: dict | None = None,
                           **fields) -> FieldsCommand:
    """A project's fields; ``seen``: the values the form showed (refused when they changed meanwhile)."""
    workspace = context.workspace
    return FieldsCommand(context, plan_id, WHAT, text,
                         lambda expected, values: project_edit.set_project_fields(workspace, project_id, expected,
                                                                                  **values),
                         fields, seen)


def chapter_fields_command(context, plan_id: int, chapter_id: int, label: str, /, seen: dict | None = None,
                           **fields) -> FieldsCommand:
    """A chapter's title or text; ``seen`` as for :func:`project_fields_command`."""
    # ``label`` (the undo text) is positional-only: a chapter has a field named ``text``.
    workspace = context.workspace
    return FieldsCommand(context, plan_id, WHAT, label,
                         lambda expected, values: project_edit.set_chapter_fields(workspace, chapter_id, expected,
                                                                                  **values),
                         fields, seen)


def goal_texts_command(context, plan_id: int, texts: Sequence[tuple[int, str]], text: str,
                       seen: Sequence[tuple[int, str]] | None = None) -> FieldsCommand:
    """New texts for goals: ((goal id, text), ...), written in one transaction. ``seen``: (goal id,
    the text shown), refused when it changed meanwhile."""
    workspace = context.workspace

    def write(expected, values):
        # The old texts come back in the order written: an undo writes them the other way round.
        return project_edit.set_goal_texts(workspace, values, expected)[::-1]

    return FieldsCommand(context, plan_id, WHAT, text, write, list(texts), list(seen) if seen else None)


def action_fields_command(context, plan_id: int, changes: Sequence[tuple[int, dict]], text: str,
                          today=None, seen: Sequence[tuple[int, dict]] | None = None) -> FieldsCommand:
    """New field values for actions: ((action id, {field: value}), ...), in one transaction;
    the undo puts back the old values including the date of last update. ``seen``: (action id,
    the values shown), refused when they changed meanwhile."""
    workspace = context.workspace

    def write(expected, values):
        # The old values come back in the order written: an undo writes them the other way round.
        return project_edit.set_actions_fields(workspace, values, today, expected)[::-1]

    return FieldsCommand(context, plan_id, WHAT, text, write, list(changes), list(seen) if seen else None)


__all__ = ["AddActionsCommand", "AddItemCommand", "Place", "WHAT", "action_fields_command", "add_action_command",
           "add_chapter_command", "add_goal_command", "add_project_command", "chapter_fields_command",
           "delete_item_command", "goal_texts_command", "move_item_command", "project_fields_command"]


# --- ambitions ------------------------------------------------------------------------------

AMBITIONS = ChangeKind.AMBITIONS  # no figure depends on them: the context keeps its cached figures


def project_ambitions_command(context, plan_id: int, project_id: int, ambition_ids, text: str) -> CallCommand:
    """The ambitions a project serves become ``ambition_ids``; undo puts the old set back."""
    workspace = context.workspace
    wanted = sorted(ambition_ids)
    return CallCommand(context, plan_id, AMBITIONS, text,
                       do=lambda: ambitions.set_project_ambitions(workspace, project_id, wanted),
                       undo_with=lambda old: ambitions.set_project_ambitions(workspace, project_id, old))


class AddAmbitionCommand(AddRowCommand):
    """A new ambition in the region's list; undo deletes it, redo restores it with the same id."""

    def __init__(self, context, region_id: int, ambition_text: str, index: int | None, text: str) -> None:
        workspace = context.workspace
        super().__init__(
            context, text, Change(None, AMBITIONS),
            add=lambda: ambitions.add_ambition(workspace, region_id, ambition_text, index),
            delete=lambda ambition_id: ambitions.delete_ambition(workspace, ambition_id),
            restore=lambda snapshot: ambitions.restore_ambition(workspace, snapshot))


def rename_ambition_command(context, ambition_id: int, new_text: str, text: str,
                            seen: str | None = None) -> FieldsCommand:
    """Rename an ambition; ``seen``: the text the list showed (refused when someone changed it
    meanwhile); undo and redo check the same way."""
    workspace = context.workspace
    return FieldsCommand(context, None, AMBITIONS, text,
                         lambda expected, value: ambitions.rename_ambition(workspace, ambition_id, value, expected),
                         new_text, seen)


def move_ambition_command(context, ambition_id: int, index: int, text: str) -> CallCommand:
    workspace = context.workspace
    return CallCommand(context, None, AMBITIONS, text,
                       do=lambda: ambitions.move_ambition(workspace, ambition_id, index),
                       undo_with=lambda old: ambitions.move_ambition(workspace, ambition_id, old))


def delete_ambition_command(context, ambition_id: int, text: str) -> CallCommand:
    workspace = context.workspace
    return CallCommand(context, None, AMBITIONS, text,
                       do=lambda: ambitions.delete_ambition(workspace, ambition_id),
                       undo_with=lambda snapshot: ambitions.restore_ambition(workspace, snapshot))
