"""The undo steps of the Realisatie page: bookings added (typed, pasted or imported), changed
and deleted. Each calls app.services.actuals; undo of an add deletes exactly those bookings and
its redo puts them back with the same ids, so later steps that refer to them stay valid."""
from __future__ import annotations

from collections.abc import Sequence

from app.services import actuals
from app.views.changes import Change, ChangeKind
from app.views.commands import CallCommand, FieldsCommand, ServiceCommand


class AddEntriesCommand(ServiceCommand):
    """Bookings added in one transaction (one typed, a pasted block, an import): all or none."""

    def __init__(self, context, plan_id: int, entries: Sequence[actuals.EntryValues], text: str) -> None:
        super().__init__(context, text)
        self.plan_id = plan_id
        self.entries = list(entries)
        self.ids: list[int] = []
        self._rows: list[dict] | None = None  # what the undo deleted: the redo puts it back

    def apply(self) -> None:
        if self._rows is None:
            self.ids = actuals.add_entries(self.context.workspace, self.plan_id, self.entries)
        else:
            actuals.restore_entries(self.context.workspace, self.plan_id, self._rows)

    def revert(self) -> None:
        self._rows = actuals.delete_entries(self.context.workspace, self.plan_id, self.ids)

    def change(self) -> Change:
        return Change(self.plan_id, ChangeKind.ACTUALS)


def delete_entries_command(context, plan_id: int, entry_ids: Sequence[int], text: str) -> CallCommand:
    """Delete bookings; undo puts them back with their ids."""
    workspace, ids = context.workspace, list(entry_ids)
    return CallCommand(context, plan_id, ChangeKind.ACTUALS, text,
                       do=lambda: actuals.delete_entries(workspace, plan_id, ids),
                       undo_with=lambda rows: actuals.restore_entries(workspace, plan_id, rows))


def entry_fields_command(context, plan_id: int, entry_id: int, text: str, seen: dict | None = None,
                         **fields) -> FieldsCommand:
    """Change fields of one booking; undo writes the old values back. ``seen``: the fields as the
    page showed them (refused when someone changed them meanwhile); undo and redo check the same way."""
    workspace = context.workspace
    return FieldsCommand(context, plan_id, ChangeKind.ACTUALS, text,
                         lambda expected, values: actuals.set_entry_fields(workspace, entry_id, expected, **values),
                         fields, seen)


def forecast_command(context, plan_id: int, line_id: int, year: int, amount, text: str,
                     seen: object = None, checked: bool = False) -> FieldsCommand:
    """Type a line's forecast for a year (None: back to the linear one); undo puts the old one back.
    ``checked``: ``seen`` is the typed forecast the page showed (None: none), refused when someone
    typed another meanwhile; undo and redo check the same way."""
    workspace = context.workspace

    def write(expected, value):
        old = actuals.set_line_forecast(workspace, line_id, year, value["amount"], expected)
        return {"amount": old}

    return FieldsCommand(context, plan_id, ChangeKind.ACTUALS, text, write, {"amount": amount},
                         {"amount": seen} if checked else None)
