"""What every edit operation shares: finding the row, checking its plan may change, and
setting plain fields with the old values returned for undo."""
from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy.orm import Session

from app.models import Plan
from app.services import change_log
from app.services.edit_errors import EditError, PlanReadOnlyError, read_only_message

T = TypeVar("T")

# How much text a field holds (issue 14): what is typed or pasted beyond this is refused, with a
# Dutch message, before anything is written. Titles and names: the length of their columns
# (a plan's or project's title, a budget line's name: 300; names of people, regions and
# municipalities: 200); descriptions, notes, remarks, goals and actions: 20.000 characters
# (about eight pages of print).
TITLE_MOST = 300
NAME_MOST = 200
TEXT_MOST = 20_000
NUMBER_MOST = 20  # a budget group's number as the plan prints it ("6.1")


def clean_text(text, what: str, most: int, *, needed: str = "", collapse: bool = False,
               strip: bool = True, error: type[Exception] = EditError,
               too_long: Callable[[str], str] | None = None) -> str:
    """``text`` as it is stored: stripped (unless not ``strip``: as given), or with all its runs
    of spaces and newlines made one space (``collapse``: names and titles, which are one line);
    refused with ``error``:

    - ``needed`` (Dutch) when it is empty and ``needed`` is given;
    - when it is longer than ``most`` characters: "<what> is 301 tekens; het maximum is 300."
      (``too_long(text)`` gives another wording, for the messages that had their own)."""
    text = str(text or "")
    text = " ".join(text.split()) if collapse else text.strip() if strip else text
    if not text and needed:
        raise error(needed)
    if len(text) > most:
        from app.formatting import format_number

        raise error(too_long(text) if too_long is not None else
                    f"{what} is {format_number(len(text))} tekens; het maximum is {format_number(most)}.")
    return text


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
    change_log.note_plan(session, plan_id)
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
        fields["name"] = clean_text(fields["name"], "De naam", TITLE_MOST, needed=needs_name)
    if "note" in fields:
        fields["note"] = clean_text(fields["note"], "De toelichting", TEXT_MOST, strip=False)
    if "number" in fields:
        fields["number"] = clean_text(fields["number"], "Het nummer", NUMBER_MOST, strip=False)
    with workspace.transaction() as session:
        row, plan_id = load(session)
        writable_plan(session, plan_id)
        old = {name: getattr(row, name) for name in fields}
        for name, value in fields.items():
            setattr(row, name, value)
    return old
