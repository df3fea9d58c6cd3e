"""Undo commands of the region editor: one per user action, each a service call of
app.services.region_edit or key_edit and its inverse. A removed row comes back from its
snapshot with its own id, so the steps after it on the stack still find it.

Every command announces ``Change(None, ChangeKind.REGION)``: a name, a member or a share of
the region feeds every plan of it. Choosing a plan's key is that plan's KEY change.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.services import key_edit, region_edit
from app.views.changes import Change, ChangeKind
from app.views.commands import AddRowCommand, CallCommand, CompoundCommand, FieldsCommand

REGION = ChangeKind.REGION


def _call(context, text: str, do, undo_with) -> CallCommand:
    return CallCommand(context, None, REGION, text, do=do, undo_with=undo_with)


def _fields(context, text: str, write, values, seen) -> FieldsCommand:
    """``write(expected, values)`` checked against what was seen (undo and redo: what the step
    before wrote), as FieldsCommand does."""
    return FieldsCommand(context, None, REGION, text, write, values, seen)


def compound(context, children, text: str) -> CompoundCommand:
    return CompoundCommand(context, children, text)


def rename_region(context, region_id: int, name: str, text: str, seen: str | None = None) -> FieldsCommand:
    """``seen``: the name shown (refused when someone else changed it meanwhile)."""
    ws = context.workspace
    return _fields(context, text, lambda expected, value: region_edit.rename_region(ws, region_id, value, expected),
                   name, seen)


# --- municipalities -------------------------------------------------------------------------

def add_municipality(context, region_id: int, name: str, index: int | None, text: str) -> AddRowCommand:
    ws = context.workspace
    return AddRowCommand(context, text, Change(None, REGION),
                         add=lambda: region_edit.add_municipality(ws, region_id, name, index),
                         delete=lambda new_id: region_edit.delete_municipality(ws, new_id),
                         restore=lambda snapshot: region_edit.restore_municipality(ws, snapshot))


def rename_municipality(context, municipality_id: int, name: str, was: str) -> FieldsCommand:
    """``was``: the name shown, in the undo text and expected (refused when it changed meanwhile)."""
    ws = context.workspace
    text = QCoreApplication.translate("RegionCommands", "Rename {name}").format(name=was)
    return _fields(context, text,
                   lambda expected, value: region_edit.rename_municipality(ws, municipality_id, value, expected),
                   name, was)


def move_municipality(context, municipality_id: int, index: int, text: str) -> CallCommand:
    ws = context.workspace
    return _call(context, text, do=lambda: region_edit.move_municipality(ws, municipality_id, index),
                 undo_with=lambda old: region_edit.move_municipality(ws, municipality_id, old))


def delete_municipality(context, municipality_id: int, text: str) -> CallCommand:
    ws = context.workspace
    return _call(context, text, do=lambda: region_edit.delete_municipality(ws, municipality_id),
                 undo_with=lambda snapshot: region_edit.restore_municipality(ws, snapshot))


# --- municipality sets ----------------------------------------------------------------------

def add_municipality_set(context, region_id: int, code: str, name: str, member_ids, text: str) -> AddRowCommand:
    ws = context.workspace
    return AddRowCommand(context, text, Change(None, REGION),
                         add=lambda: region_edit.add_municipality_set(ws, region_id, code, name, member_ids),
                         delete=lambda new_id: region_edit.delete_municipality_set(ws, new_id),
                         restore=lambda snapshot: region_edit.restore_municipality_set(ws, snapshot))


def set_municipality_set(context, set_id: int, code: str, name: str, member_ids, text: str,
                         seen: region_edit.SetState | None = None) -> FieldsCommand:
    """``seen``: the set as shown (refused when someone else changed it meanwhile)."""
    ws = context.workspace

    def write(expected, state):
        return region_edit.set_municipality_set(ws, set_id, state.code, state.name, state.member_ids, expected)

    return _fields(context, text, write, region_edit.SetState(code, name, tuple(member_ids)), seen)


def delete_municipality_set(context, set_id: int, text: str) -> CallCommand:
    ws = context.workspace
    return _call(context, text, do=lambda: region_edit.delete_municipality_set(ws, set_id),
                 undo_with=lambda snapshot: region_edit.restore_municipality_set(ws, snapshot))


# --- allocation keys ------------------------------------------------------------------------

def add_key(context, region_id: int, name: str, method, text: str) -> AddRowCommand:
    ws = context.workspace
    return AddRowCommand(context, text, Change(None, REGION),
                         add=lambda: key_edit.add_key(ws, region_id, name, method),
                         delete=lambda new_id: key_edit.delete_key(ws, new_id),
                         restore=lambda snapshot: key_edit.restore_key(ws, snapshot))


def duplicate_key(context, key_id: int, name: str, text: str) -> AddRowCommand:
    ws = context.workspace
    return AddRowCommand(context, text, Change(None, REGION),
                         add=lambda: key_edit.duplicate_key(ws, key_id, name),
                         delete=lambda new_id: key_edit.delete_key(ws, new_id),
                         restore=lambda snapshot: key_edit.restore_key(ws, snapshot))


def rename_key(context, key_id: int, name: str, text: str, seen: str | None = None) -> FieldsCommand:
    """``seen``: the name shown (refused when someone else changed it meanwhile)."""
    ws = context.workspace
    return _fields(context, text, lambda expected, value: key_edit.rename_key(ws, key_id, value, expected),
                   name, seen)


def key_fields(context, key_id: int, text: str, seen: dict | None = None, **fields) -> FieldsCommand:
    """A key's fields; ``seen``: the values shown (refused when they changed meanwhile)."""
    ws = context.workspace
    return _fields(context, text, lambda expected, values: key_edit.set_key_fields(ws, key_id, expected, **values),
                   fields, seen)


def delete_key(context, key_id: int, text: str) -> CallCommand:
    ws = context.workspace
    return _call(context, text, do=lambda: key_edit.delete_key(ws, key_id),
                 undo_with=lambda snapshot: key_edit.restore_key(ws, snapshot))


def set_plan_key(context, plan_id: int, key_id: int | None, text: str, seen: dict | None = None) -> FieldsCommand:
    """The plan's key; ``seen``: {"allocation_key_id": the key shown} (refused when it changed meanwhile)."""
    ws = context.workspace

    def write(expected, values):
        return {"allocation_key_id": key_edit.set_plan_key(ws, plan_id, values["allocation_key_id"], expected)}

    return FieldsCommand(context, plan_id, ChangeKind.KEY, text, write, {"allocation_key_id": key_id}, seen)
