"""Undo commands for the formatie: allocation cells, roles, people and the fte factor.

Each command calls one service operation of app.services.staffing_edit (one
transaction) and announces ``Change(plan_id, ChangeKind.STAFFING)``; a block of
allocation cells is ONE command. For allocation cells the change carries the
cells as written (an AllocationDelta each), so the matrix, the people table and the cached staffing figures update just those
cells and their totals instead of being read again.
"""
from __future__ import annotations

from collections.abc import Sequence

from app.services import staffing_edit
from app.services.staffing import AllocationDelta
from app.services.staffing_edit import AllocationChange
from app.views.changes import Change, ChangeKind
from app.views.commands import AddRowCommand, CallCommand, FieldsCommand, ServiceCommand

STAFFING = ChangeKind.STAFFING


class SetAllocationsCommand(ServiceCommand):
    """Typing, pasting or clearing dagdelen in the allocation matrix: one step, one transaction.
    ``seen``: the cells as the user saw them; a cell someone else changed meanwhile refuses the
    step (a shared database). Undo and redo check the same way: each expects what the step
    before it wrote."""

    def __init__(self, context, plan_id: int, changes: Sequence[AllocationChange], text: str,
                 seen: Sequence[AllocationChange] | None = None) -> None:
        super().__init__(context, text)
        self.plan_id = plan_id
        # A cell named twice: the last one wins (as the service does), so undo lists each once.
        self.new = list({(c.project_id, c.column): c for c in changes}.values())
        self.seen = list(seen) if seen else None
        self.old: list[AllocationChange] | None = None
        self._forward = True

    def apply(self) -> None:
        expected = self.seen if self.old is None else self.old
        old = staffing_edit.set_allocations(self.context.workspace, self.plan_id, self.new, expected)
        if self.old is None:
            self.old = old
        self._forward = True

    def revert(self) -> None:
        staffing_edit.set_allocations(self.context.workspace, self.plan_id, self.old, self.new)
        self._forward = False

    def conflict_change(self) -> Change:
        # The staffing read again (not a delta: the cells hold someone else's values).
        return Change(self.plan_id, STAFFING)

    def change(self) -> Change:
        written, replaced = (self.new, self.old) if self._forward else (self.old, self.new)
        # A person's cell whose rows carry a role (imported data) also moves that role's
        # total: not "exact", so the cached figures are read again instead of adjusted.
        exact = {(c.project_id, c.column): c.column.person_id is None
                 or not any(row.get("capacity_id") for row in c.rows) for c in self.old}
        return Change(self.plan_id, STAFFING, tuple(
            AllocationDelta(c.project_id, c.column, old=staffing_edit.parse_half_days(r.value),
                            new=staffing_edit.parse_half_days(c.value), exact=exact[(c.project_id, c.column)])
            for c, r in zip(written, replaced, strict=True)))


class AddStaffingCommand(AddRowCommand):
    """Add a role or person; undo deletes it, redo restores it with the same id and place."""

    def __init__(self, context, plan_id: int, kind: str, text: str, **fields) -> None:
        workspace = context.workspace
        add = staffing_edit.add_role if kind == "role" else staffing_edit.add_person
        delete = staffing_edit.delete_role if kind == "role" else staffing_edit.delete_person
        super().__init__(context, text, Change(plan_id, STAFFING),
                         add=lambda: add(workspace, plan_id, **fields),
                         delete=lambda item_id: delete(workspace, item_id),
                         restore=lambda snapshot: staffing_edit.restore(workspace, snapshot))
        self.plan_id, self.kind, self.fields = plan_id, kind, fields


def delete_staffing_command(context, plan_id: int, kind: str, item_id: int, text: str) -> CallCommand:
    """Delete a role or person with its allocations; undo restores them exactly."""
    workspace = context.workspace
    delete = staffing_edit.delete_role if kind == "role" else staffing_edit.delete_person
    return CallCommand(context, plan_id, STAFFING, text,
                       do=lambda: delete(workspace, item_id),
                       undo_with=lambda snapshot: staffing_edit.restore(workspace, snapshot))


def role_fields_command(context, plan_id: int, capacity_id: int, text: str, seen: dict | None = None,
                        **fields) -> FieldsCommand:
    """A role's fields; ``seen``: the values the table showed (refused when they changed meanwhile)."""
    workspace = context.workspace
    return FieldsCommand(context, plan_id, STAFFING, text,
                         lambda expected, values: staffing_edit.set_role_fields(workspace, capacity_id, expected,
                                                                                **values),
                         fields, seen)


def person_fields_command(context, plan_id: int, person_id: int, text: str, seen: dict | None = None,
                          **fields) -> FieldsCommand:
    """A person's fields; ``seen`` as for :func:`role_fields_command`."""
    workspace = context.workspace
    return FieldsCommand(context, plan_id, STAFFING, text,
                         lambda expected, values: staffing_edit.set_person_fields(workspace, person_id, expected,
                                                                                  **values),
                         fields, seen)


def factor_command(context, plan_id: int, value, text: str, seen=None) -> FieldsCommand:
    """1 fte = ``value`` dagdelen per week for this plan; ``seen``: the factor shown."""
    workspace = context.workspace
    return FieldsCommand(context, plan_id, STAFFING, text,
                         lambda expected, factor: staffing_edit.set_half_days_per_fte(workspace, plan_id, factor,
                                                                                      expected),
                         value, seen)
