"""Undo commands of whole plans: adopting one, and next year's plan from one."""
from __future__ import annotations

from app.views.changes import Change, ChangeKind
from app.views.commands import CallCommand, ServiceCommand


class NextYearCommand(ServiceCommand):
    """Next year's plan from ``plan_id``; undo removes it, redo makes it again."""

    def __init__(self, context, plan_id: int, fill, text: str) -> None:
        super().__init__(context, text)
        self.plan_id, self.fill = plan_id, fill
        self.summary = None

    def apply(self) -> None:
        from app.services.next_year import create_next_year

        self.summary = create_next_year(self.context.workspace, self.plan_id, self.fill)

    def revert(self) -> None:
        from app.services.plans import delete_plan

        delete_plan(self.context.workspace, self.summary.plan_id)

    def change(self) -> Change:
        return Change(None, ChangeKind.PLAN)


def adopt_command(context, plan_id: int, when: str, body: str, text: str) -> CallCommand:
    from app.services import adoption

    workspace = context.workspace
    return CallCommand(context, plan_id, ChangeKind.PLAN, text,
                       do=lambda: adoption.adopt_plan(workspace, plan_id, when, body),
                       undo_with=lambda old: adoption.restore_adoption(workspace, plan_id, old))
