"""The undo steps of File > Import: one per import, whatever it brought in (a budget, a key, an
action list). Each calls app.io's apply and undo functions; no rules here."""
from __future__ import annotations

from app.views.changes import Change, ChangeKind
from app.views.commands import ServiceCommand


class ImportBudgetCommand(ServiceCommand):
    """The imported budget; undo removes every group, line and printed subtotal it added."""

    def __init__(self, context, plan_id: int, preview, text: str) -> None:
        super().__init__(context, text)
        self.plan_id, self.preview, self.done = plan_id, preview, None

    def apply(self) -> None:
        from app.io.budget_import import apply_budget

        self.done = apply_budget(self.context.workspace, self.plan_id, self.preview)

    def revert(self) -> None:
        from app.io.budget_import import undo_budget

        undo_budget(self.context.workspace, self.done)

    def change(self) -> Change:
        return Change(self.plan_id, ChangeKind.BUDGET_STRUCTURE)


class ImportKeyCommand(ServiceCommand):
    """A new key of the region with the imported shares, made the plan's key; undo gives the plan
    its old key back and removes the new one."""

    def __init__(self, context, plan_id: int, preview, text: str) -> None:
        super().__init__(context, text)
        self.plan_id, self.preview, self.done = plan_id, preview, None

    def apply(self) -> None:
        from app.io.key_import import apply_key

        self.done = apply_key(self.context.workspace, self.plan_id, self.preview)

    def revert(self) -> None:
        from app.io.key_import import undo_key

        undo_key(self.context.workspace, self.done)

    def change(self) -> Change:
        return Change(self.plan_id, ChangeKind.KEY)  # the plan's key (its region's keys included)


class ImportActionsCommand(ServiceCommand):
    """The imported actions, appended to their projects; undo removes exactly those."""

    def __init__(self, context, plan_id: int, preview, text: str) -> None:
        super().__init__(context, text)
        self.plan_id, self.preview, self.done = plan_id, preview, None

    def apply(self) -> None:
        from app.io.action_import import apply_actions

        self.done = apply_actions(self.context.workspace, self.plan_id, self.preview)

    def revert(self) -> None:
        from app.io.action_import import undo_actions

        undo_actions(self.context.workspace, self.done)

    def change(self) -> Change:
        return Change(self.plan_id, ChangeKind.PROJECTS)
