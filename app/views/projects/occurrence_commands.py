"""The undo command of a recurring action's status per occurrence (app.services.recurring):
progress bookkeeping, so it works on an adopted plan too."""
from __future__ import annotations

from datetime import date

from app.services import recurring
from app.views.changes import Change, ChangeKind
from app.views.commands import ServiceCommand


class RecordOccurrenceCommand(ServiceCommand):
    """An occurrence's status and remark recorded; undo puts the record back as it was (or none)."""

    def __init__(self, context, plan_id: int, action_id: int, period_start: date, status, remark: str | None,
                 text: str, today: date | None = None) -> None:
        super().__init__(context, text)
        self.plan_id, self.action_id, self.period_start = plan_id, action_id, period_start
        self.status, self.remark, self.today = status, remark, today
        self.old = None

    def apply(self) -> None:
        self.old = recurring.record_occurrence(self.context.workspace, self.action_id, self.period_start,
                                               self.status, self.remark, self.today)

    def revert(self) -> None:
        recurring.restore_occurrence(self.context.workspace, self.action_id, self.period_start, self.old)

    def attempted(self) -> str:
        return f"{self.text()} ({self.status.value})"

    def change(self) -> Change:
        return Change(self.plan_id, ChangeKind.PROJECTS)
