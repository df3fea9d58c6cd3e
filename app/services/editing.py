"""What every edit operation shares: finding the row, checking its plan may change, and
setting plain fields with the old values returned for undo."""
from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy.orm import Session

from app.models import Plan
from app.services.edit_errors import EditError, PlanReadOnlyError, read_only_message

T = TypeVar("T")


@dataclass(frozen=True)
class Place:
    """Where an item sits in an ordered list: its parent (a chapter, a project, a budget group;
    None at the top) and its index among its siblings."""

    parent_id: int | None
    index: int


def set_positions(items: list) -> None:
    """Give ``items`` the positions 0, 1, 2, ... of their order in the list (only where that
    changes a row)."""
    for position, item in enumerate(items):
        if item.position != position:
            item.position = position


def insert_at(items: list, item, index: int | None) -> None:
    """Put ``item`` at ``index`` among ``items`` (None or beyond the end: last; below 0:
    first) and renumber them all."""
    items.insert(len(items) if index is None else max(0, min(index, len(items))), item)
    set_positions(items)


def move_to(items: list, item, index: int) -> int:
    """Move ``item`` to ``index`` among ``items`` and renumber them; returns its old index."""
    old = items.index(item)
    items.remove(item)
    insert_at(items, item, index)
    return old


def last_per_cell(changes: Iterable[T], cell: Callable[[T], Hashable]) -> list[T]:
    """One change per cell, the last one given, in the order the cells first appear.

    A pasted or filled block may name a cell twice; writing both would clear and re-add the
    same row in one flush, and an undo of the old values would end on the middle one.
    """
    last: dict[Hashable, T] = {}
    for change in changes:
        last[cell(change)] = change
    return list(last.values())


def row_values(obj) -> dict:
    """Every column of a mapped row, id included: what an undo needs to put it back exactly."""
    return {c.key: getattr(obj, c.key) for c in obj.__mapper__.column_attrs}


def writable_plan(session: Session, plan_id: int) -> Plan:
    """The plan, if it may be changed; an adopted plan refuses with a Dutch message."""
    plan = session.get(Plan, plan_id)
    if plan is None:
        raise EditError("Dit plan bestaat niet meer.")
    if plan.is_read_only:
        raise PlanReadOnlyError(read_only_message(plan))
    return plan


def existing(session: Session, model, row_id: int, gone: str):
    """The row ``row_id`` of ``model``; ``gone`` (Dutch) when it was deleted meanwhile."""
    row = session.get(model, row_id)
    if row is None:
        raise EditError(gone)
    return row


def update_fields(workspace, load: Callable[[Session], tuple[object, int]], fields: dict,
                  allowed: set[str], needs_name: str = "") -> dict:
    """Set ``fields`` on the row ``load(session)`` returns with its plan id; returns the old values.

    ``needs_name``: the Dutch refusal for an empty ``name`` (names are stripped).
    """
    unknown = set(fields) - allowed
    if unknown:
        raise EditError(f"Onbekend veld: {', '.join(sorted(unknown))}")
    if "name" in fields:
        fields["name"] = (fields["name"] or "").strip()
        if not fields["name"] and needs_name:
            raise EditError(needs_name)
    with workspace.transaction() as session:
        row, plan_id = load(session)
        writable_plan(session, plan_id)
        old = {name: getattr(row, name) for name in fields}
        for name, value in fields.items():
            setattr(row, name, value)
    return old
