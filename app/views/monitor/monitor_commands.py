"""Undo commands of the Monitor page: one per user action, each a service call of
app.services.indicators and its inverse. A pasted block writes its values with one
``set_values`` (one transaction); with targets in it, a CompoundCommand of that and the targets.

An indicator belongs to the region, not to a plan: every command announces
``Change(None, KIND)``. KIND is ChangeKind.INDICATORS once app/views/changes.py has it (then only
the Monitor page follows an edit); until then REGION, which every view follows."""
from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QCoreApplication

from app.services import indicators
from app.views.changes import Change, ChangeKind, Part
from app.views.commands import AddRowCommand, CallCommand, CompoundCommand, FieldsCommand

KIND = getattr(ChangeKind, "INDICATORS", ChangeKind.REGION)
PART = getattr(Part, "MONITOR", None)

translate = QCoreApplication.translate


def concerns_monitor(change) -> bool:
    """Whether the Monitor page must read its indicators again after ``change``."""
    if change is None:
        return True
    if PART is not None:
        return change.affects(PART)
    return change.kind in (KIND, ChangeKind.REGION, ChangeKind.PLAN)


def add_indicator(context, region_id: int, text: str, **fields) -> AddRowCommand:
    ws = context.workspace
    return AddRowCommand(context, text, Change(None, KIND),
                         add=lambda: indicators.add_indicator(ws, region_id, **fields),
                         delete=lambda new_id: indicators.delete_indicator(ws, new_id),
                         restore=lambda snapshot: indicators.restore_indicator(ws, snapshot))


def delete_indicator(context, indicator_id: int, text: str) -> CallCommand:
    ws = context.workspace
    return CallCommand(context, None, KIND, text,
                       do=lambda: indicators.delete_indicator(ws, indicator_id),
                       undo_with=lambda snapshot: indicators.restore_indicator(ws, snapshot))


def set_value(context, indicator_id: int, year: int, value: Decimal | None, member: str, text: str,
              note: str | None = None, seen: dict | None = None) -> FieldsCommand:
    """A value of the whole (member "") or of a member; None removes it. ``seen``: what the page
    showed, ``{"value": ..., "note": ...}`` (refused when someone changed it meanwhile); undo and
    redo check the same way."""
    ws = context.workspace

    def write(expected, new):
        old = indicators.set_value(ws, indicator_id, year, new["value"], member, new.get("note"), expected)
        return {"value": None, "note": ""} if old is None else {"value": old[0], "note": old[1]}

    return FieldsCommand(context, None, KIND, text, write, {"value": value, "note": note}, seen)


def set_values(context, changes: list, text: str) -> CallCommand:
    """Several values (app.services.indicators.ValueChange) in ONE transaction: a pasted block,
    an organisation renamed; undone in one transaction too."""
    ws = context.workspace
    changes = list(changes)
    return CallCommand(context, None, KIND, text,
                       do=lambda: indicators.set_values(ws, changes),
                       undo_with=lambda olds: indicators.restore_values(ws, olds))


def import_values(context, preview, text: str) -> CallCommand:
    """An imported file's values (app.io.indicator_import): one transaction, one undo step."""
    from app.io.indicator_import import apply_indicators, undo_indicators

    ws = context.workspace
    return CallCommand(context, None, KIND, text,
                       do=lambda: apply_indicators(ws, preview),
                       undo_with=lambda olds: undo_indicators(ws, olds))


def set_target(context, indicator_id: int, year: int, value: Decimal | None, text: str,
               seen: object = None, checked: bool = False) -> FieldsCommand:
    """The target of a year (None: none). ``checked``: ``seen`` is the target the page showed (None:
    none), refused when someone changed it meanwhile; undo and redo check the same way."""
    ws = context.workspace

    def write(expected, new):
        return {"value": indicators.set_target(ws, indicator_id, year, new["value"], expected)}

    return FieldsCommand(context, None, KIND, text, write, {"value": value}, {"value": seen} if checked else None)


def one_step(context, commands: list, text: str):
    """One command as it is; several as one undo step (all written, or none)."""
    if len(commands) == 1:
        return commands[0]
    return CompoundCommand(context, commands, text)
