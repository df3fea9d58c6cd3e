"""What every edit operation shares: finding the row, checking its plan may change, and
setting plain fields with the old values returned for undo."""
from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Plan
from app.services import change_log
from app.services.edit_errors import EditError, PlanReadOnlyError, conflict_error, read_only_message

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


# session.info key: the plans a transaction changes (writable_plan), for telling the others.
CHANGED_PLANS = "changed_plans"


def writable_plan(session: Session, plan_id: int) -> Plan:
    """The plan, if it may be changed; an adopted plan refuses with a Dutch message.

    Read under a shared lock (SELECT ... FOR SHARE on a server; SQLite writes one at a time): an
    adoption committed meanwhile is seen here, and one under way waits until this edit is done,
    so no edit lands in a plan someone else has just adopted. Noted in the session as a plan this
    transaction changes: for the change log, and on a server the others hear of it on the plan's
    own channel (app/services/server_workspace.py), not as a change of everything."""
    # One read: the row locked and loaded afresh (populate_existing: a plan the session already
    # holds is read again, so an adoption since it was first read is seen).
    plan = session.scalars(select(Plan).where(Plan.id == plan_id).with_for_update(read=True)
                           .execution_options(populate_existing=True)).first()
    if plan is None:
        raise EditError("Dit plan bestaat niet meer.")
    if plan.is_read_only:
        raise PlanReadOnlyError(read_only_message(plan))
    session.info.setdefault(CHANGED_PLANS, set()).add(plan_id)
    change_log.note_plan(session, plan_id)
    return plan


def existing(session: Session, model, row_id: int, gone: str):
    """The row ``row_id`` of ``model``; ``gone`` (Dutch) when it was deleted meanwhile."""
    row = session.get(model, row_id)
    if row is None:
        raise EditError(gone)
    return row


def update_fields(workspace, load: Callable[[Session], tuple[object, int]], fields: dict,
                  allowed: set[str], needs_name: str = "", expected: dict | None = None,
                  the: str = "", named: Callable[[object], str] = str, shows: str = "",
                  shown: Callable[[Session], dict] | None = None) -> dict:
    """Set ``fields`` on the row ``load(session)`` returns with its plan id; returns the old values.

    ``needs_name``: the Dutch refusal for an empty ``name`` (names are stripped). ``expected``: the
    values the user saw (an undo: what it wrote), cleaned as ``fields`` are; where the row holds
    something else now, someone changed it meanwhile: ConflictError naming the row ``named(row)``
    ("begrotingspost “Inkoop”"; its own name changed: ``the``, "de begrotingspost"), ``shows``
    what the page shows now, ``shown(session)`` how some fields read (stale_fields); nothing is written.
    """
    unknown = set(fields) - allowed
    if unknown:
        raise EditError(f"Onbekend veld: {', '.join(sorted(unknown))}")
    fields = _cleaned_fields(fields, needs_name)
    if expected:
        expected = _cleaned_fields({k: v for k, v in expected.items() if k in allowed}, needs_name)
    with workspace.transaction() as session:
        row, plan_id = load(session)
        writable_plan(session, plan_id)
        if expected:
            locked(session, row)
            refuse_stale(session, stale_fields(row, expected, the, named(row),
                                               shown=shown(session) if shown else None), shows)
        old = {name: getattr(row, name) for name in fields}
        for name, value in fields.items():
            setattr(row, name, value)
    return old


def _cleaned_fields(fields: dict, needs_name: str) -> dict:
    fields = dict(fields)
    if "name" in fields:
        fields["name"] = clean_text(fields["name"], "De naam", TITLE_MOST, needed=needs_name)
    if "note" in fields:
        fields["note"] = clean_text(fields["note"], "De toelichting", TEXT_MOST, strip=False)
    if "number" in fields:
        fields["number"] = clean_text(fields["number"], "Het nummer", NUMBER_MOST, strip=False)
    return fields


# --- several editors at once: what the user saw, compared in the edit's transaction ---------------

@dataclass(frozen=True)
class Stale:
    """One thing that holds something else than the user saw: ``text`` says it in Dutch ("Dagdelen
    van Jan bij 2.1 Inkoop is nu 4,0 (u zag 2,0)"); ``table`` and ``key`` find who changed it in
    the change log (app.services.change_log.row_key)."""

    table: str
    key: str
    text: str


def refuse_stale(session: Session, stale: Sequence[Stale], shows: str) -> None:
    """ConflictError naming each stale thing and, where the change log knows, who changed it and
    when; nothing when ``stale`` is empty. ``shows``: what the page shows now."""
    if not stale:
        return
    last = {}
    for table in {s.table for s in stale}:
        found = change_log.last_changes(session, table, [s.key for s in stale if s.table == table])
        last.update({(table, key): change for key, change in found.items()})
    raise conflict_error([s.text + change_log.changed_by(last.get((s.table, s.key))) for s in stale], shows)


def locked(session: Session, row):
    """``row`` read again under a lock (SELECT ... FOR UPDATE; SQLite writes one at a time anyway):
    writers of the same row take turns, so a check against what was seen cannot pass for two at once."""
    session.refresh(row, with_for_update=True)
    return row


# What a field is called in a refusal ("De status van project 2.1 Inkoop is nu …").
FIELD_NAMES = {
    "name": "De naam", "title": "De titel", "text": "De tekst", "note": "De toelichting",
    "number": "Het nummer", "status": "De status", "description": "De omschrijving",
    "sponsor_admin": "De bestuurlijk opdrachtgever", "sponsor_official": "De ambtelijk opdrachtgever",
    "contractor": "De opdrachtnemer", "start_date": "De startdatum", "end_date": "De einddatum",
    "stated_half_days": "Het genoemde aantal dagdelen", "staffing_label": "Het label in de formatie",
    "is_general": "Algemeen werk", "owner": "De eigenaar", "remark": "De opmerking", "due_date": "De datum",
    "due_text": "De planning", "project_id": "Het gekoppelde project", "municipality_set_id": "De verdeling",
    "shows_subtotal": "Het subtotaal", "kind": "Wie betaalt", "earmark_group_id": "De bestemming",
    "earmark_line_id": "De bestemming",
    "role": "De naam", "fte": "Het aantal fte", "execution_fte": "Het aantal fte voor uitvoering",
    "available_half_days": "Het aantal beschikbare dagdelen", "capacity_id": "De rol",
    "half_days_per_fte": "Het aantal dagdelen per fte", "total_label": "Het label van het totaal",
    "code": "De code", "method": "De methode", "basis_label": "Het basisgetal",
    "allocation_key_id": "De verdeelsleutel",
}
# The field that is the row's own name: a refusal names the row by its kind only ("De naam van de
# begrotingspost is nu …"), not by a name that is itself in question.
OWN_NAME = {"name", "title", "description", "role", "code"}


def shown_value(value) -> str:
    """A value as a refusal shows it: text in quotes (long text cut), an amount or date Dutch."""
    import enum
    from datetime import date as day
    from decimal import Decimal

    from app.formatting import format_date, format_half_days

    if value is None or value == "":
        return "leeg"
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, day):
        return format_date(value)
    if isinstance(value, Decimal):
        return format_half_days(value)
    if isinstance(value, str):
        flat = " ".join(value.split())
        return f"“{flat[:40]}…”" if len(flat) > 40 else f"“{flat}”"
    return str(value)


def stale_fields(row, expected: dict, the: str, named: str, ignore: Iterable[str] = (),
                 shown: dict[str, Callable[[object], str]] | None = None,
                 names: dict[str, str] | None = None) -> list[Stale]:
    """The fields of ``row`` whose value differs from ``expected`` (cleaned as the edit cleans
    them). The row as the user knows it: ``named`` ("project 2.1 “Inkoop”"), or for its own name
    ``the`` ("het project"). ``shown``: how a field's value reads where :func:`shown_value` would
    not say it as the page does (an fte, a role by its name). ``names``: what a field is called where
    :data:`FIELD_NAMES` says it otherwise or not at all (a booking's "Het bedrag")."""
    stale = []
    table = row.__table__.name
    for name, was in expected.items():
        now = getattr(row, name)
        if name in ignore or now == was:
            continue
        whose = the if name in OWN_NAME else named
        what = (names or {}).get(name) or FIELD_NAMES.get(name, f"Het veld {name}")
        show = (shown or {}).get(name, shown_value)
        stale.append(Stale(table, str(row.id), f"{what} van {whose} is nu {show(now)} (u zag {show(was)})"))
    return stale


def refuse_changed(session: Session, row, expected: dict | None, the: str, named: Callable[[object], str],
                   shows: str, shown: dict[str, Callable[[object], str]] | None = None) -> None:
    """Lock ``row`` and refuse (ConflictError) where it holds something else than ``expected``
    (None: nothing to check); the wording as :func:`stale_fields`, ``named(row)`` read after the lock."""
    if expected is None:
        return
    locked(session, row)
    refuse_stale(session, stale_fields(row, expected, the, named(row), shown=shown), shows)
