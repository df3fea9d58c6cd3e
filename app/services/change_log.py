"""Who changed what (issue 22): the change log, written in ONE place for every edit.

Every transaction of a workspace carries its writer's name (``user@computer``, :func:`who_am_i`).
After each flush, :func:`_record_flush` writes one ``change_log`` row per row the flush inserted,
updated or deleted through the ORM, in the same transaction, with one executemany; a write that
goes around the ORM (a Core UPDATE or DELETE) says what it changed with :func:`record`.

A refused edit (app.services.edit_errors.ConflictError) asks :func:`last_changes` who last changed
the rows it ran into, and :func:`changed_by` words it: ", gewijzigd door jan@kantoor-pc om 14:05".
A row without an entry (edited before the log existed, or written in bulk) names nobody.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import event, func, insert, inspect, select
from sqlalchemy.orm import Session

from app.models import ChangeLog

WHO = "change_log.who"  # session.info: the writer; absent: nothing is logged (reads, bulk builds)
PLANS = "change_log.plans"  # session.info: the plans the transaction checked it may change

_table = ChangeLog.__table__
_MOST = {"who": 120, "description": 300, "row_key": 60}

# What the user calls a row of each table (the description's first word).
LABELS = {
    "plan": "Plan", "chapter": "Hoofdstuk", "project": "Project", "goal": "Doel", "action": "Actie",
    "budget_group": "Begrotingsgroep", "budget_line": "Begrotingspost", "budget_cell": "Begrotingscel",
    "funding_source": "Dekkingsbron", "funding_amount": "Dekkingsbedrag", "allocation": "Inzet",
    "capacity": "Rol", "person": "Medewerker", "allocation_key": "Verdeelsleutel", "key_share": "Aandeel",
    "region": "Regio", "municipality": "Gemeente", "municipality_set": "Groep gemeenten",
    "actual_entry": "Boeking", "line_forecast": "Prognose", "ambition": "Ambitie", "indicator": "Indicator",
    "indicator_value": "Indicatorwaarde", "indicator_target": "Streefwaarde",
}
# Field names in the description, where the column's own name would not tell a reader.
FIELDS = {
    "name": "naam", "title": "titel", "text": "tekst", "note": "toelichting", "status": "status",
    "amount": "bedrag", "marker": "markering", "half_days": "dagdelen", "percentage": "percentage",
    "basis": "basisgetal", "description": "omschrijving", "owner": "eigenaar", "remark": "opmerking",
    "due_date": "datum", "due_text": "planning", "position": "volgorde", "number": "nummer",
}


def who_am_i() -> str:
    """How this Planbord names its writer: user@computer (on a server, also to the others)."""
    import getpass
    import socket

    try:
        user = getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name to be had: still a name
        user = "?"
    return f"{user}@{socket.gethostname()}"


def now() -> datetime:
    """The moment an entry is written: UTC without a zone (a file and a server store it alike)."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


# --- writing ------------------------------------------------------------------------------------

def install(sessions) -> None:
    """Log the flushes of the sessions ``sessions`` (a workspace's sessionmaker) makes."""
    event.listen(sessions, "after_flush", _record_flush)


def start(session: Session, who: str) -> None:
    """The transaction in ``session`` is ``who``'s: what it writes is logged in their name."""
    session.info[WHO] = who[:_MOST["who"]]


def unrecorded(session: Session) -> None:
    """Log nothing of this transaction (a new workspace or the demo built: no one's edit)."""
    session.info.pop(WHO, None)


def note_plan(session: Session, plan_id: int) -> None:
    """The transaction checked it may change this plan (editing.writable_plan): rows that do not
    say their plan themselves (a cell, an action) are logged under it."""
    session.info.setdefault(PLANS, set()).add(plan_id)


def record(session: Session, table: str, rows: Iterable[dict], what: str, plan_id: int | None = None) -> None:
    """Log rows written around the ORM (a Core INSERT, UPDATE or DELETE), one entry per row:
    ``rows`` their column values (at least the id; a cell's line and year), ``what`` happened
    ("verwijderd"), ``plan_id`` the plan they belong to (None: none, or one that is gone)."""
    who = session.info.get(WHO)
    if who is None:
        return
    at = now()
    entries = [_entry(who, at, plan_id, table, row.get("id"), row_key(table, row), f"{LABELS.get(table, table)} {what}")
               for row in rows]
    if entries:
        session.execute(insert(_table), entries)


def _entry(who: str, at: datetime, plan_id, table: str, row_id, row_key: str, description: str) -> dict:
    return {"at": at, "who": who, "plan_id": plan_id, "table_name": table, "row_id": row_id,
            "row_key": row_key[:_MOST["row_key"]], "description": description[:_MOST["description"]]}


def _record_flush(session: Session, _flush_context) -> None:
    """One entry per row this flush wrote (the session still lists them, as before the flush)."""
    who = session.info.get(WHO)
    if who is None:
        return
    at = now()
    plans = session.info.get(PLANS) or ()
    plan = next(iter(plans)) if len(plans) == 1 else None
    gone_plans = {inspect(o).dict.get("id") for o in session.deleted if _table_of(o) == "plan"}
    rows = []
    for obj in session.new:
        rows.append(_row_entry(who, at, plan, gone_plans, obj, "nieuw"))
    for obj in session.dirty:
        changed = _changed_fields(obj)
        if changed:
            rows.append(_row_entry(who, at, plan, gone_plans, obj, "gewijzigd: " + ", ".join(changed)))
    for obj in session.deleted:
        rows.append(_row_entry(who, at, plan, gone_plans, obj, "verwijderd"))
    if rows:
        session.execute(insert(_table), rows)


def _table_of(obj) -> str:
    return obj.__table__.name


def _changed_fields(obj) -> list[str]:
    """The columns of ``obj`` whose value this flush changed (relationships do not count)."""
    state = inspect(obj)
    columns = state.mapper.column_attrs
    return [FIELDS.get(key, key) for key in state.committed_state
            if key in columns and state.attrs[key].history.has_changes()]


def _row_entry(who, at, plan, gone_plans, obj, what: str) -> dict:
    state = inspect(obj)
    values = state.dict
    table = _table_of(obj)
    row_id = values.get("id")
    plan_id = row_id if table == "plan" else values.get("plan_id", plan)
    if plan_id in gone_plans:  # its plan is deleted in this flush: the entry cannot refer to it
        plan_id = None
    if row_id is None:  # a link table (project_ambition): its key is its columns
        key = "/".join(str(values.get(state.mapper.get_property_by_column(c).key)) for c in state.mapper.primary_key)
    else:
        key = row_key(table, values)
    return _entry(who, at, plan_id, table, row_id, key, f"{LABELS.get(table, table)} {what}")


# The rows that are deleted when their value is cleared and made anew when it is typed again:
# found by what the user knows them as (their line or source and year, ...), not by their id.
KEYED_BY = {
    "budget_cell": ("line_id", "year"),
    "funding_amount": ("source_id", "year"),
    "line_forecast": ("line_id", "year"),
    "indicator_value": ("indicator_id", "member", "year"),
    "indicator_target": ("indicator_id", "year"),
}


def row_key(table: str, values: dict) -> str:
    """How the change log finds a row again: its id; a cell, an amount, a forecast, an indicator
    value or an allocation by what the user knows it as (KEYED_BY; an allocation by its project
    and column)."""
    columns = KEYED_BY.get(table)
    if columns is not None:
        return "/".join(str(values.get(column)) for column in columns)
    if table == "allocation":
        return allocation_key(values.get("project_id"), values.get("capacity_id"), values.get("person_id"))
    return str(values.get("id"))


def allocation_key(project_id, capacity_id, person_id) -> str:
    """An allocation cell's key: a person's rows are the person's cell, whatever their role
    (as the matrix shows them)."""
    if person_id is not None:
        return f"{project_id}/p{person_id}"
    if capacity_id is not None:
        return f"{project_id}/r{capacity_id}"
    return f"{project_id}/-"


# --- reading: who changed it -----------------------------------------------------------------

@dataclass(frozen=True)
class LastChange:
    who: str
    at: datetime  # UTC


def last_changes(session: Session, table: str, keys: Iterable[str]) -> dict[str, LastChange]:
    """The latest entry per row key of ``table`` (keys without one are left out)."""
    keys = sorted(set(keys))
    if not keys:
        return {}
    latest = (select(func.max(_table.c.id)).where(_table.c.table_name == table, _table.c.row_key.in_(keys))
              .group_by(_table.c.row_key))
    rows = session.execute(select(_table.c.row_key, _table.c.who, _table.c.at).where(_table.c.id.in_(latest)))
    return {key: LastChange(who, at) for key, who, at in rows}


def changed_by(change: LastChange | None, today: datetime | None = None) -> str:
    """", gewijzigd door jan@kantoor-pc om 14:05" (another day: "op 06-12-2026 om 14:05"), in the
    computer's own time; "" when nobody is known."""
    if change is None:
        return ""
    from app.formatting import format_date

    local = change.at.replace(tzinfo=timezone.utc).astimezone()
    today = (today or datetime.now().astimezone()).date()
    day = "" if local.date() == today else f" op {format_date(local.date())}"
    return f", gewijzigd door {change.who}{day} om {local:%H:%M}"
