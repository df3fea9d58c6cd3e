"""Undo commands of whole plans: a new plan, a scenario, an amendment or next year's plan made
from one; renaming, changing the year columns, adopting and deleting one.

A plan that a command made is removed by its undo with a snapshot of every row, and its redo
puts that snapshot back with the same ids, so the edits made in it afterwards (further up the
stack) still find their rows. Every command announces ``ChangeKind.PLAN``: the window rebuilds
its tree and pages.
"""
from __future__ import annotations

from app.views.changes import Change, ChangeKind
from app.views.commands import AddRowCommand, CallCommand, FieldsCommand, ServiceCommand

PLAN = ChangeKind.PLAN


def _made_plan(context, text: str, make, copy: bool = False) -> AddRowCommand:
    """``make()`` makes a plan and returns its id; undo deletes it, redo restores it. A ``copy``
    (amendment, scenario) takes its copy of the key along (plan_edit.delete_copy)."""
    from app.services import plan_edit

    ws = context.workspace
    if copy:
        return AddRowCommand(context, text, Change(None, PLAN), add=make,
                             delete=lambda plan_id: plan_edit.delete_copy(ws, plan_id),
                             restore=lambda snapshot: plan_edit.restore_copy(ws, snapshot))
    return AddRowCommand(context, text, Change(None, PLAN), add=make,
                         delete=lambda plan_id: plan_edit.delete_plan(ws, plan_id),
                         restore=lambda snapshot: plan_edit.restore_plan(ws, snapshot))


def new_plan_command(context, region_id: int, setup, key_id: int | None, text: str) -> AddRowCommand:
    from app.services import plan_edit

    ws = context.workspace
    return _made_plan(context, text, lambda: plan_edit.create_plan(ws, region_id, setup, key_id))


def scenario_command(context, plan_id: int, text: str) -> AddRowCommand:
    from app.services import plan_edit

    ws = context.workspace
    return _made_plan(context, text, lambda: plan_edit.create_scenario(ws, plan_id), copy=True)


def amendment_command(context, plan_id: int, text: str) -> AddRowCommand:
    from app.services.plan_copy import create_amendment

    ws = context.workspace
    return _made_plan(context, text, lambda: create_amendment(ws, plan_id), copy=True)


class NextYearCommand(AddRowCommand):
    """Next year's plan from ``plan_id``; ``summary`` says what was copied and left out."""

    def __init__(self, context, plan_id: int, fill, text: str) -> None:
        from app.services import plan_edit

        ws = context.workspace
        self.summary = None

        def make() -> int:
            from app.services.next_year import create_next_year

            self.summary = create_next_year(ws, plan_id, fill)
            return self.summary.plan_id

        super().__init__(context, text, Change(None, PLAN), add=make,
                         delete=lambda new_id: plan_edit.delete_plan(ws, new_id),
                         restore=lambda snapshot: plan_edit.restore_plan(ws, snapshot))


def rename_plan_command(context, plan_id: int, title: str, text: str, seen: str | None = None) -> FieldsCommand:
    """The plan's title; ``seen``: the title shown (refused when it changed meanwhile)."""
    from app.services import plan_edit

    ws = context.workspace
    return FieldsCommand(context, plan_id, PLAN, text,
                         lambda expected, value: plan_edit.rename_plan(ws, plan_id, value, expected), title, seen)


class YearColumnsCommand(ServiceCommand):
    """The budget's year columns; undo puts back the old ones with the amounts that dropped off.
    Like FieldsCommand, each step expects what the one before wrote (the first: ``seen``, the
    columns the dialog showed), so a step over someone else's change meanwhile is refused."""

    def __init__(self, context, plan_id: int, first: int, last: int, comparison: int | None, text: str,
                 seen: tuple[int, int, int] | None = None) -> None:
        super().__init__(context, text)
        self.plan_id, self.wanted, self.seen = plan_id, (first, last, comparison), seen
        self.state = None  # plan_edit.YearColumns: what the last apply replaced and wrote

    def apply(self) -> None:
        from app.services import plan_edit

        expected = self.seen if self.state is None else self.state.before
        self.state = plan_edit.set_year_columns(self.context.workspace, self.plan_id, *self.wanted, expected)

    def revert(self) -> None:
        from app.services import plan_edit

        plan_edit.restore_year_columns(self.context.workspace, self.plan_id, self.state, self.state.written)

    def change(self) -> Change:
        return Change(self.plan_id, PLAN)

    def conflict_change(self) -> Change:
        return self.change()


def year_columns_command(context, plan_id: int, first: int, last: int, comparison: int | None,
                         text: str, seen: tuple[int, int, int] | None = None) -> YearColumnsCommand:
    """``seen``: (first, last, comparison) as the dialog showed them (refused when they changed meanwhile)."""
    return YearColumnsCommand(context, plan_id, first, last, comparison, text, seen)


def total_label_command(context, plan_id: int, label: str, text: str, seen: str | None = None) -> FieldsCommand:
    """The grand total's label (empty: "Totaal"); the budget sheet shows it in its total row.
    ``seen``: the label the sheet showed (refused when it changed meanwhile)."""
    from app.services import plan_edit

    ws = context.workspace
    return FieldsCommand(context, plan_id, ChangeKind.BUDGET_STRUCTURE, text,
                         lambda expected, value: plan_edit.set_total_label(ws, plan_id, value, expected), label, seen)


def delete_plan_command(context, plan_id: int, adopted_confirmed: bool, text: str) -> CallCommand:
    from app.services import plan_edit

    ws = context.workspace
    return CallCommand(context, plan_id, PLAN, text,
                       do=lambda: plan_edit.delete_plan(ws, plan_id, adopted_confirmed=adopted_confirmed),
                       undo_with=lambda snapshot: plan_edit.restore_plan(ws, snapshot))


def adopt_command(context, plan_id: int, when: str, body: str, text: str) -> CallCommand:
    from app.services import adoption

    workspace = context.workspace
    return CallCommand(context, plan_id, PLAN, text,
                       do=lambda: adoption.adopt_plan(workspace, plan_id, when, body),
                       undo_with=lambda old: adoption.restore_adoption(workspace, plan_id, old))
