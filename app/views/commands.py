"""Undo commands: one QUndoCommand per user action, each calling a service operation.

A command is applied once *before* it is pushed (``execute``), so a refused
edit (read-only plan, bad value, disk full) never lands on the undo stack;
its first ``redo()`` from ``push()`` is then skipped. ``undo()`` writes the
inverse through the same services. Every apply announces a :class:`Change`
on the context, so models update just what changed.

A pasted block is ONE command that writes all its cells in one transaction:
atomic on disk and one undo step.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from app.errors import UserError
from app.services import budget_edit, funding_edit, key_edit
from app.services.budget import CellDelta
from app.services.errors import LockLostError
from app.services.edit_errors import ConflictError
from app.views.changes import Change, ChangeKind

log = logging.getLogger(__name__)


class ServiceCommand(QUndoCommand):
    def __init__(self, context, text: str) -> None:
        super().__init__(text)
        self.context = context
        self._skip_next_redo = False

    # Subclasses implement these two; each is one service call (one transaction).
    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    def change(self) -> Change:
        raise NotImplementedError

    def changes(self) -> tuple[Change, ...]:
        """What to announce after each step: the one change (a compound: each child's)."""
        return (self.change(),)

    def attempted(self) -> str:
        """What this command would have saved, for a message when it could not be (the user
        can type it again): its text; commands with values add them."""
        return self.text()

    def conflict_change(self) -> Change | None:
        """What to read again when the command was refused because someone else changed its
        rows meanwhile; None: everything (the open pages are rebuilt)."""
        return None

    def redo(self) -> None:
        if self._skip_next_redo:
            self._skip_next_redo = False
            return
        self._guarded(self.apply)

    def undo(self) -> None:
        self._guarded(self.revert)

    def _guarded(self, step: Callable[[], None]) -> None:
        # Exceptions cannot travel through QUndoStack's C++ frames: report them instead.
        try:
            step()
        except UserError as exc:
            self._failed(refusal_message(exc, self))
            return
        except Exception:  # noqa: BLE001 - the stack would move on while the file did not
            log.exception("undo/redo of %r failed", self.text())
            self._failed(QCoreApplication.translate(
                "Commands", "“{action}” could not be undone or redone; the file is unchanged.").format(
                action=self.text()))
            return
        try:
            for change in self.changes():
                self.context.announce(change)
        except Exception:  # noqa: BLE001 - the file took the step; the views read it again
            log.exception("announcing %r failed", self.text())
            self.context.invalidate()

    def _failed(self, message: str) -> None:
        # Obsolete: QUndoStack drops the command, so the stack never claims a step the file
        # did not take. The figures are read again from the file.
        self.setObsolete(True)
        self.context.report_error(message)
        self.context.invalidate()


class AddRowCommand(ServiceCommand):
    """Add a row; undo deletes it (keeping what the delete returns), and redo restores it
    from that, with the same id, rather than adding a new one."""

    def __init__(self, context, text: str, change: Change, add: Callable[[], int],
                 delete: Callable[[int], object], restore: Callable[[object], None]) -> None:
        super().__init__(context, text)
        self._change = change
        self._add, self._delete, self._restore = add, delete, restore
        self.new_id: int | None = None
        self._snapshot = None

    def apply(self) -> None:
        if self._snapshot is None:
            self.new_id = self._add()
        else:
            self._restore(self._snapshot)

    def revert(self) -> None:
        self._snapshot = self._delete(self.new_id)

    def change(self) -> Change:
        return self._change


class CompoundCommand(ServiceCommand):
    """One user action made of several commands (a pasted block of names): applied in order and
    undone in reverse, as one step; when a child is refused, the children already applied are
    undone again, so the file is as it was and nothing lands on the stack."""

    def __init__(self, context, children: Sequence[ServiceCommand], text: str) -> None:
        super().__init__(context, text)
        self.children = list(children)

    def apply(self) -> None:
        done = []
        try:
            for child in self.children:
                child.apply()
                done.append(child)
        except Exception:
            for child in reversed(done):
                child.revert()
            raise

    def revert(self) -> None:
        for child in reversed(self.children):
            child.revert()

    def change(self) -> Change:
        return self.children[0].change()

    def changes(self) -> tuple[Change, ...]:
        return tuple(dict.fromkeys(change for child in self.children for change in child.changes()))


def refusal_message(exc: UserError, command: ServiceCommand) -> str:
    """The Dutch message of a refused command; when the file was taken over by someone else
    (LockLostError), with what the user tried to save, so no edit is lost unseen."""
    if isinstance(exc, LockLostError):
        return QCoreApplication.translate("Commands", "{message} Not saved: {action}.").format(
            message=exc.message, action=command.attempted())
    return exc.message


def execute(context, command: ServiceCommand) -> str | None:
    """Apply ``command`` and push it; returns a Dutch message when it was refused (then the
    command is not on the undo stack)."""
    try:
        command.apply()
    except UserError as exc:
        message = refusal_message(exc, command)
        if isinstance(exc, LockLostError):
            # Once, when found out: a dialog (and the window shows it is read-only now).
            context.report_error(message)
        if isinstance(exc, ConflictError):  # someone else's change: shown now, instead of what was seen
            reread = command.conflict_change()
            if reread is None:
                context.invalidate()
            else:
                context.announce(reread)
        return message
    command._skip_next_redo = True
    context.undo_stack.push(command)
    for change in command.changes():
        context.announce(change)
    return None


# --- budget -----------------------------------------------------------------------------

class SetCellsCommand(ServiceCommand):
    """Typing, pasting, clearing or filling year cells of budget lines."""

    def __init__(self, context, plan_id: int, changes: Sequence[budget_edit.CellChange], text: str,
                 seen: Sequence[budget_edit.CellChange] | None = None):
        """``seen``: the cells as the user saw them; an edit of a cell someone else changed
        meanwhile is refused (a shared database). Undo and redo check the same way: each
        expects what the step before it wrote."""
        super().__init__(context, text)
        self.plan_id = plan_id
        self.new = budget_edit.merged_cell_changes(changes)
        self.seen = list(seen) if seen else None
        self.old: list[budget_edit.CellChange] | None = None
        self._forward = True  # the last step written: redo (old -> new) or undo (new -> old)
        self._sum_keys: dict = {}  # where the lines count in the cell sums, as last written

    def apply(self) -> None:
        expected = self.seen if self.old is None else self.old
        old = budget_edit.set_cells(self.context.workspace, self.new, expected)
        if self.old is None:
            self.old = list(old)
        self._sum_keys = old.sum_keys
        self._forward = True

    def revert(self) -> None:
        self._sum_keys = budget_edit.set_cells(self.context.workspace, self.old, self.new).sum_keys
        self._forward = False

    def conflict_change(self) -> Change:
        # The budget sheet and its figures read again; the page (and its message) stays.
        return Change(self.plan_id, ChangeKind.BUDGET_STRUCTURE)

    def attempted(self) -> str:
        empty = QCoreApplication.translate("Commands", "(empty)")
        shown = [f"{c.year}: {c.value.text() or empty}" for c in self.new[:10]]
        more = ", …" if len(self.new) > 10 else ""
        return f"{self.text()} ({', '.join(shown)}{more})"

    def change(self) -> Change:
        before, after = (self.old, self.new) if self._forward else (self.new, self.old)
        keys = self._sum_keys
        return Change(self.plan_id, ChangeKind.CELLS, tuple(
            CellDelta(a.line_id, a.year, old=b.value, new=a.value, sum_key=keys.get(a.line_id))
            for b, a in zip(before, after, strict=True)))


class PasteBlockCommand(ServiceCommand):
    """A pasted block that also adds lines (or sets descriptions): one transaction, one undo
    step. Undo removes the added lines and puts the old descriptions and cells back; redo
    adds the lines again with the same ids, so later steps that refer to them stay valid."""

    def __init__(self, context, plan_id: int, group_id: int, index: int | None,
                 rows: Sequence[budget_edit.PasteRow], text: str):
        super().__init__(context, text)
        self.plan_id, self.group_id, self.index = plan_id, group_id, index
        self.rows = list(rows)
        self.result: budget_edit.PasteResult | None = None

    def apply(self) -> None:
        new_ids = self.result.added if self.result is not None else None
        self.result = budget_edit.paste_block(self.context.workspace, self.plan_id, self.group_id,
                                              self.index, self.rows, new_ids)

    def revert(self) -> None:
        budget_edit.unpaste(self.context.workspace, self.result)

    def change(self) -> Change:
        return Change(self.plan_id, ChangeKind.BUDGET_STRUCTURE)


class CallCommand(ServiceCommand):
    """A command from two service calls: ``do()`` returns what ``undo_with(result)`` needs.

    Used for the structural edits (rename, add, delete, move, notes), whose inverse is
    another service call with the value the first one returned.
    """

    def __init__(self, context, plan_id: int | None, kind: ChangeKind, text: str,
                 do: Callable[[], object], undo_with: Callable[[object], object]) -> None:
        super().__init__(context, text)
        self.plan_id = plan_id
        self.kind = kind
        self._do = do
        self._undo_with = undo_with
        self.result = None

    def apply(self) -> None:
        self.result = self._do()

    def revert(self) -> None:
        self._undo_with(self.result)

    def change(self) -> Change:
        return Change(self.plan_id, self.kind)


class FieldsCommand(ServiceCommand):
    """Fields of a row (or of several rows: action fields) set through one service call that
    compares with what the user saw, like SetCellsCommand: ``write(expected, values)`` writes
    ``values`` and returns the old ones, refused (ConflictError) where the row holds something
    else than ``expected``. The first step expects ``seen`` (None: no check), an undo what the
    step wrote, a redo what the undo wrote."""

    def __init__(self, context, plan_id: int | None, kind: ChangeKind, text: str,
                 write: Callable[[object, object], object], values, seen=None) -> None:
        super().__init__(context, text)
        self.plan_id, self.kind = plan_id, kind
        self._write = write
        self.new, self.seen = values, seen
        self.old = None

    def apply(self) -> None:
        old = self._write(self.seen if self.old is None else self.old, self.new)
        if self.old is None:
            self.old = old

    def revert(self) -> None:
        self._write(self.new, self.old)

    def change(self) -> Change:
        return Change(self.plan_id, self.kind)

    def conflict_change(self) -> Change:
        return self.change()  # the page reads the row again; its message stays


def move_command(context, plan_id: int, kind: str, item_id: int, to: budget_edit.Place,
                 text: str) -> CallCommand:
    workspace = context.workspace
    return CallCommand(
        context, plan_id, ChangeKind.BUDGET_STRUCTURE, text,
        do=lambda: budget_edit.move(workspace, kind, item_id, to),
        undo_with=lambda was: budget_edit.move(workspace, kind, item_id, was))


def line_fields_command(context, plan_id: int, line_id: int, text: str, seen: dict | None = None,
                        **fields) -> FieldsCommand:
    """A line's fields; ``seen``: the values the page showed (refused when they changed meanwhile)."""
    workspace = context.workspace
    return FieldsCommand(context, plan_id, ChangeKind.BUDGET_STRUCTURE, text,
                         lambda expected, values: budget_edit.set_line_fields(workspace, line_id, expected, **values),
                         fields, seen)


def group_fields_command(context, plan_id: int, group_id: int, text: str, seen: dict | None = None,
                         **fields) -> FieldsCommand:
    """A group's fields; ``seen`` as for :func:`line_fields_command`."""
    workspace = context.workspace
    return FieldsCommand(context, plan_id, ChangeKind.BUDGET_STRUCTURE, text,
                         lambda expected, values: budget_edit.set_group_fields(workspace, group_id, expected, **values),
                         fields, seen)


def cell_note_command(context, plan_id: int, line_id: int, year: int, note: str,
                      seen: str | None = None) -> FieldsCommand:
    """A year cell's note; ``seen``: the note shown (refused when it changed meanwhile)."""
    workspace = context.workspace
    return FieldsCommand(context, plan_id, ChangeKind.BUDGET_STRUCTURE, "Toelichting wijzigen",
                         lambda expected, value: budget_edit.set_cell_note(workspace, line_id, year, value, expected),
                         note, seen)


class AddCommand(AddRowCommand):
    """Add a budget line or group; undo deletes it, redo restores it with the same id."""

    def __init__(self, context, plan_id: int, text: str, add: Callable[[], int], kind: str):
        workspace = context.workspace
        delete = budget_edit.delete_group if kind == "group" else budget_edit.delete_line
        super().__init__(context, text, Change(plan_id, ChangeKind.BUDGET_STRUCTURE), add,
                         delete=lambda item_id: delete(workspace, item_id),
                         restore=lambda snapshot: budget_edit.restore(workspace, snapshot))
        self.plan_id = plan_id
        self.kind = kind


def delete_command(context, plan_id: int, kind: str, item_id: int, text: str) -> CallCommand:
    workspace = context.workspace
    delete = budget_edit.delete_group if kind == "group" else budget_edit.delete_line
    return CallCommand(context, plan_id, ChangeKind.BUDGET_STRUCTURE, text,
                       do=lambda: delete(workspace, item_id),
                       undo_with=lambda snapshot: budget_edit.restore(workspace, snapshot))


# --- funding and key --------------------------------------------------------------------

class SetFundingCommand(ServiceCommand):
    """Funding amounts typed or pasted; like SetCellsCommand, refused over what someone else
    changed meanwhile (``seen``: the amounts as shown), undo and redo checked the same way."""

    def __init__(self, context, plan_id: int, changes: Sequence[funding_edit.FundingChange], text: str,
                 seen: Sequence[funding_edit.FundingChange] | None = None):
        super().__init__(context, text)
        self.plan_id = plan_id
        self.new = funding_edit.merged_funding_changes(changes)
        self.seen = list(seen) if seen else None
        self.old = None

    def apply(self) -> None:
        expected = self.seen if self.old is None else self.old
        old = funding_edit.set_funding_amounts(self.context.workspace, self.new, expected)
        if self.old is None:
            self.old = old

    def revert(self) -> None:
        funding_edit.set_funding_amounts(self.context.workspace, self.old, self.new)

    def change(self) -> Change:
        return Change(self.plan_id, ChangeKind.FUNDING)

    def conflict_change(self) -> Change:
        return self.change()  # the funding page reads again; its message stays


def source_fields_command(context, plan_id: int, source_id: int, text: str, seen: dict | None = None,
                          **fields) -> FieldsCommand:
    """A funding source's fields; ``seen`` as for :func:`line_fields_command`."""
    workspace = context.workspace

    def write(expected, values):
        return funding_edit.set_source_fields(workspace, source_id, expected, **values)

    return FieldsCommand(context, plan_id, ChangeKind.FUNDING, text, write, fields, seen)


class AddSourceCommand(ServiceCommand):
    """Add a funding source; undo deletes it, redo restores it with the same id."""

    def __init__(self, context, plan_id: int, index: int | None, name: str, text: str):
        super().__init__(context, text)
        self.plan_id, self.index, self.name = plan_id, index, name
        self.new_id: int | None = None
        self._snapshot = None

    def apply(self) -> None:
        if self._snapshot is None:
            self.new_id = funding_edit.add_source(self.context.workspace, self.plan_id, self.index, self.name)
        else:
            funding_edit.restore_source(self.context.workspace, self._snapshot)

    def revert(self) -> None:
        self._snapshot = funding_edit.delete_source(self.context.workspace, self.new_id)

    def change(self) -> Change:
        return Change(self.plan_id, ChangeKind.FUNDING)


def delete_source_command(context, plan_id: int, source_id: int, text: str) -> CallCommand:
    workspace = context.workspace
    return CallCommand(context, plan_id, ChangeKind.FUNDING, text,
                       do=lambda: funding_edit.delete_source(workspace, source_id),
                       undo_with=lambda snapshot: funding_edit.restore_source(workspace, snapshot))


class SetSharesCommand(ServiceCommand):
    """Shares typed or pasted; like SetCellsCommand, refused over what someone else changed
    meanwhile (``seen``: the shares as shown), undo and redo checked the same way."""

    def __init__(self, context, plan_id: int, changes: Sequence[key_edit.ShareChange], text: str,
                 seen: Sequence[key_edit.ShareChange] | None = None):
        super().__init__(context, text)
        self.plan_id = plan_id
        self.new = list(changes)
        self.seen = list(seen) if seen else None
        self.old = None

    def apply(self) -> None:
        expected = self.seen if self.old is None else self.old
        old = key_edit.set_shares(self.context.workspace, self.new, expected=expected)
        if self.old is None:
            self.old = old

    def revert(self) -> None:
        key_edit.set_shares(self.context.workspace, self.old, self.old.example_keys, expected=self.new)

    def change(self) -> Change:
        return Change(self.plan_id, ChangeKind.KEY)

    def conflict_change(self) -> Change:
        return self.change()
