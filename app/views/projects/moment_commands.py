"""Undo commands of the reporting moments (peilmomenten): add and delete a moment, record an
action's status for a moment. Each step is a service call of app.services.moments; progress is
bookkeeping, so each works on an adopted plan too.

A recorded status also becomes the action's own status (as the editors show it) when no later
moment has a record for it; the undo puts the action's own status, remark and day of last update
back as they were, not only the record."""
from __future__ import annotations

from datetime import date

from app.services import moments
from app.views.changes import Change, ChangeKind
from app.views.commands import AddRowCommand, CallCommand, ServiceCommand

# What a moment and a recorded status change: the actions' statuses (the progress overview, the
# project page, the actions chart follow).
KIND = ChangeKind.PROJECTS


def add_moment_command(context, plan_id: int, on: date, name: str, text: str) -> AddRowCommand:
    """A new moment; undo deletes it (with what was recorded for it meanwhile), redo puts it back
    with the same id."""
    workspace = context.workspace
    return AddRowCommand(context, text, Change(plan_id, KIND),
                         add=lambda: moments.add_moment(workspace, plan_id, on, name),
                         delete=lambda moment_id: moments.delete_moment(workspace, moment_id),
                         restore=lambda snapshot: moments.restore_moment(workspace, snapshot))


def delete_moment_command(context, plan_id: int, moment_id: int, text: str) -> CallCommand:
    """Delete a moment with its records; undo puts both back."""
    workspace = context.workspace
    return CallCommand(context, plan_id, KIND, text,
                       do=lambda: moments.delete_moment(workspace, moment_id),
                       undo_with=lambda snapshot: moments.restore_moment(workspace, snapshot))


class RecordStatusCommand(ServiceCommand):
    """An action's status (and remark, when given) recorded for a moment.

    Undo: the action's own fields back first (when the record changed them), then the record as
    it was (or none)."""

    def __init__(self, context, plan_id: int, project_id: int, action_id: int, moment_id: int,
                 status, remark: str | None, text: str, today: date | None = None) -> None:
        super().__init__(context, text)
        self.plan_id, self.project_id, self.action_id, self.moment_id = plan_id, project_id, action_id, moment_id
        self.status, self.remark, self.today = status, remark, today
        self.old_record = None
        self.action_before: tuple | None = None  # the action's (status, remark, updated_on) if changed

    def apply(self) -> None:
        workspace = self.context.workspace
        before = moments.action_state(workspace, self.action_id)
        self.old_record = moments.record_status(workspace, self.action_id, self.moment_id, self.status,
                                                self.remark, self.today)
        self.action_before = before if moments.action_state(workspace, self.action_id) != before else None

    def revert(self) -> None:
        # The record as it was, and the action's own fields when the record changed them: one
        # transaction, exact (an empty day of last update stays empty).
        moments.restore_record(self.context.workspace, self.action_id, self.moment_id, self.old_record,
                               action=self.action_before)

    def attempted(self) -> str:
        return f"{self.text()} ({self.status.value})"

    def change(self) -> Change:
        return Change(self.plan_id, KIND)


__all__ = ["KIND", "RecordStatusCommand", "add_moment_command", "delete_moment_command"]
