"""Edit operations on the formatie: allocation cells, roles, people and the fte factor.

Same habits as budget_edit: one transaction per user action, everything
validated before anything is written, Dutch messages, and a return value
that is exactly what the undo needs (old values or a Snapshot).

An allocation cell is (project, column); the column is a role, a person or
the office as a whole (neither set), as ``ColumnKey`` says. A new value is
written as one row (a cell holding several rows, as generated or imported data
may, is merged); the old values carry the cell's rows with their ids, so the
undo puts back exactly what was there.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from app.formatting import format_fte, format_half_days
from app.models import Allocation, Chapter, Person, Project, Role
from app.models.numbers import MAX_INTEGER_DIGITS, fixed, has_more_places
from app.services import change_log
from app.services.edit_errors import EditError
from app.services.editing import (
    NAME_MOST,
    Stale,
    clean_text,
    insert_at,
    refuse_changed,
    refuse_stale,
    row_values,
    set_positions,
    writable_plan,
)

SHOWS = "de formatie toont nu de nieuwe waarden"  # what a refused edit leaves on the page
# A working week has ten dagdelen, whatever the plan's fte factor says.
HALF_DAYS_PER_WEEK = Decimal("10")
# The most dagdelen (per week) or fte one figure may be: opening refuses a file with more
# (app.services.verify_values), so nothing typed may go beyond it.
MAX_STAFFING_VALUE = Decimal("1000")
_NUMBER = re.compile(r"^\d+([.,]\d+)?$")


@dataclass(frozen=True)
class ColumnKey:
    """A column of the allocation matrix: a role, a person, or the office (both None)."""

    capacity_id: int | None = None
    person_id: int | None = None


OFFICE = ColumnKey()


@dataclass(frozen=True)
class AllocationChange:
    """A cell's new content: a Decimal, Dutch text ("2,5") or None/"" to clear it."""

    project_id: int
    column: ColumnKey
    value: Decimal | str | None
    # Set in the old values set_allocations returns: the cell's rows with their ids,
    # so applying the old values puts back exactly those rows (an exact undo).
    rows: tuple[dict, ...] = ()


def _parse_decimal(text, places: int, what: str, example: str) -> Decimal | None:
    # Decimal passes straight through; text is Dutch ("2,5") or as Excel copies it ("2.5").
    if text is None:
        return None
    if isinstance(text, (int, Decimal)) and not isinstance(text, bool):
        value = Decimal(text)
        raw = format_half_days(value) if places == 1 else str(value)
    elif isinstance(text, str):
        raw = text.strip()
        if not raw:
            return None
        cleaned = raw.replace(" ", "").replace("\u00a0", "")
        if cleaned.startswith("-") and _NUMBER.match(cleaned[1:]):
            raise EditError(f"{what} kan niet negatief zijn: '{raw}'.")
        if not _NUMBER.match(cleaned):
            raise EditError(f"'{raw}' is geen getal. Typ voor {what.lower()} bijvoorbeeld {example}.")
        if len(re.split("[.,]", cleaned)[0].lstrip("0")) > MAX_INTEGER_DIGITS:
            shown = raw if len(raw) <= 40 else raw[:40] + "…"
            raise EditError(f"'{shown}' is te groot voor {what.lower()}.")
        value = Decimal(cleaned.replace(",", "."))
    else:
        raise EditError(f"'{text}' is geen getal.")
    if value < 0:
        raise EditError(f"{what} kan niet negatief zijn: '{raw}'.")
    if value > MAX_STAFFING_VALUE:
        raise EditError(f"{what} gaat tot hoogstens {MAX_STAFFING_VALUE}; '{raw}' is te veel.")
    if has_more_places(value, places):
        word = "één decimaal" if places == 1 else f"{places} decimalen"
        raise EditError(f"'{raw}' heeft te veel decimalen; {what.lower()} gaat tot op {word}.")
    return fixed(value, places)


def parse_half_days(text) -> Decimal | None:
    """Dagdelen per week from Dutch text ("2,5", "3"); blank is None. One decimal, not negative."""
    return _parse_decimal(text, 1, "Dagdelen", "2,5")


def parse_fte(text) -> Decimal | None:
    """An fte with at most two decimals ("0,4"); blank is None."""
    return _parse_decimal(text, 2, "Fte", "0,4")



def _cell_filter(project_id: int, column: ColumnKey):
    # The same mapping as the matrix: a person's rows go to the person, whatever their role.
    where = [Allocation.project_id == project_id]
    if column.person_id is not None:
        where.append(Allocation.person_id == column.person_id)
    elif column.capacity_id is not None:
        where += [Allocation.capacity_id == column.capacity_id, Allocation.person_id.is_(None)]
    else:
        where += [Allocation.capacity_id.is_(None), Allocation.person_id.is_(None)]
    return where


# --- allocation cells ---------------------------------------------------------------

def set_allocations(workspace, plan_id: int, changes: Sequence[AllocationChange],
                    expected: Sequence[AllocationChange] | None = None) -> list[AllocationChange]:
    """Write a block of cells as one action; returns the old values (Decimal or None).
    ``expected``: the cells as the user saw them (an undo: what it wrote); where a cell holds
    something else now, someone changed it meanwhile and the whole block is refused
    (ConflictError), nothing written."""
    if not changes:
        raise EditError("Er is niets om te wijzigen.")
    # A block naming a cell twice: the last one wins, and the undo lists each cell once.
    unique = list({(c.project_id, c.column): c for c in changes}.values())
    with workspace.transaction() as session:
        writable_plan(session, plan_id)
        values = [parse_half_days(c.value) for c in unique]
        _check_cells_belong(session, plan_id, unique)
        # Writers of the same projects' cells take turns (see budget_edit._write_cells).
        session.execute(select(Project.id).where(Project.id.in_({c.project_id for c in unique})).with_for_update())
        old_rows = {}
        for change in unique:
            old_rows[(change.project_id, change.column)] = list(session.scalars(
                select(Allocation).where(*_cell_filter(change.project_id, change.column))
                .order_by(Allocation.id)))
        if expected:
            _refuse_changed_meanwhile(session, unique, old_rows, expected)
        _check_week_limit(session, plan_id, unique, values, old_rows)
        old = []
        for change, value in zip(unique, values):
            rows = old_rows[(change.project_id, change.column)]
            before = sum((r.half_days for r in rows), Decimal("0.0")) if rows else None
            old.append(AllocationChange(change.project_id, change.column, before,
                                        tuple(row_values(r) for r in rows)))
            _write_cell(session, plan_id, change, value, rows)
    return old


def _refuse_changed_meanwhile(session: Session, changes: Sequence[AllocationChange], old_rows: dict,
                              expected: Sequence[AllocationChange]) -> None:
    """ConflictError naming the cells whose dagdelen are not what the user saw."""
    seen = {(c.project_id, c.column): parse_half_days(c.value) for c in expected}
    stale = []
    for change in changes:
        cell = (change.project_id, change.column)
        if cell not in seen:
            continue
        rows = old_rows[cell]
        now = sum((r.half_days for r in rows), Decimal("0.0")) if rows else None
        if now != seen[cell]:
            stale.append(Stale("allocation", change_log.allocation_key(change.project_id, change.column.capacity_id,
                                                                       change.column.person_id),
                               f"Dagdelen van {_column_name(session, change.column)} bij "
                               f"{_project_name(session, change.project_id)} is nu {_half_days_text(now)} "
                               f"(u zag {_half_days_text(seen[cell])})"))
    refuse_stale(session, stale, SHOWS)


def _half_days_text(value: Decimal | None) -> str:
    return "leeg" if value is None else format_half_days(value)


def _column_name(session: Session, column: ColumnKey) -> str:
    if column.person_id is not None:
        return session.get(Person, column.person_id).name
    if column.capacity_id is not None:
        return f"de rol {session.get(Role, column.capacity_id).role}"
    return "het bureau als geheel"


def _project_name(session: Session, project_id: int) -> str:
    project = session.get(Project, project_id)
    return " ".join(filter(None, [project.number, project.title]))


def _write_cell(session: Session, plan_id: int, change: AllocationChange, value: Decimal | None,
                rows: list[Allocation]) -> None:
    if change.rows:  # an undo: exactly the rows that were there, with their ids
        wanted = {row["id"]: row for row in change.rows}
        for row in rows:
            if row.id in wanted:
                row.half_days = wanted.pop(row.id)["half_days"]
            else:
                session.delete(row)
        session.add_all(Allocation(**row) for row in wanted.values())
    elif value is None:
        for row in rows:
            session.delete(row)
    elif rows:  # several rows (imported data) become one holding the value
        rows[0].half_days = value
        for extra in rows[1:]:
            session.delete(extra)
    else:
        session.add(Allocation(plan_id=plan_id, project_id=change.project_id,
                               capacity_id=change.column.capacity_id,
                               person_id=change.column.person_id, half_days=value))


def _check_cells_belong(session: Session, plan_id: int, changes: Sequence[AllocationChange]) -> None:
    project_ids = {c.project_id for c in changes}
    found = set(session.scalars(select(Project.id).join(Project.chapter).where(
        Project.id.in_(project_ids), Chapter.plan_id == plan_id)))
    if found != project_ids:
        raise EditError("Dit project bestaat niet (meer) in dit plan.")
    roles = {c.column.capacity_id for c in changes if c.column.capacity_id is not None}
    if roles and set(session.scalars(select(Role.id).where(
            Role.id.in_(roles), Role.plan_id == plan_id))) != roles:
        raise EditError("Deze rol bestaat niet (meer) in dit plan.")
    people = {c.column.person_id for c in changes if c.column.person_id is not None}
    if people and set(session.scalars(select(Person.id).where(
            Person.id.in_(people), Person.plan_id == plan_id))) != people:
        raise EditError("Deze medewerker bestaat niet (meer) in dit plan.")


def _check_week_limit(session, plan_id, changes, values, old_rows) -> None:
    """A person cannot work more than the ten dagdelen of a week, summed over all projects."""
    people = {c.column.person_id for c in changes if c.column.person_id is not None}
    if not people:
        return
    totals = dict(session.execute(
        select(Allocation.person_id, func.sum(Allocation.half_days))
        .where(Allocation.plan_id == plan_id, Allocation.person_id.in_(people))
        .group_by(Allocation.person_id)).all())
    totals = {p: Decimal(totals.get(p) or 0) for p in people}
    for change, value in zip(changes, values):
        person = change.column.person_id
        if person is None:
            continue
        rows = old_rows[(change.project_id, change.column)]
        totals[person] += (value or 0) - sum((r.half_days for r in rows), Decimal(0))
    for person, total in sorted(totals.items()):
        if total > HALF_DAYS_PER_WEEK:
            name = session.get(Person, person).name
            raise EditError(
                f"{name} zou dan {format_half_days(total)} dagdelen per week werken; "
                f"een week heeft {format_half_days(HALF_DAYS_PER_WEEK)} dagdelen.")


# --- the plan's factor ----------------------------------------------------------------

def set_half_days_per_fte(workspace, plan_id: int, value, expected=None) -> Decimal:
    """Set how many dagdelen one fte is (10 by default); returns the old factor. ``expected``:
    the factor the user saw (an undo: what it wrote); refused (ConflictError) when the plan has
    another one now, nothing written."""
    factor = parse_half_days(value)
    if factor is None or factor <= 0:
        raise EditError("Het aantal dagdelen per fte moet groter zijn dan 0.")
    seen = None if expected is None else {"half_days_per_fte": parse_half_days(expected)}
    with workspace.transaction() as session:
        plan = writable_plan(session, plan_id)
        refuse_changed(session, plan, seen, "het plan", lambda p: "het plan", SHOWS)
        old = plan.half_days_per_fte
        plan.half_days_per_fte = factor
    return old


# --- roles (formatie) and people ---------------------------------------------------------

@dataclass
class Snapshot:
    """Rows removed by deleting a role or person, with their ids, for an exact restore."""

    kind: str  # "role" or "person"
    index: int  # place in the list, so the restore puts it back there
    row: dict
    allocations: list[dict] = field(default_factory=list)
    people_of_role: list[int] = field(default_factory=list)  # whose capacity_id was cleared


def _ordered(session: Session, model, plan_id: int) -> list:
    return list(session.scalars(select(model).where(model.plan_id == plan_id)
                                .order_by(model.position, model.id)))


def _role(session: Session, capacity_id: int) -> Role:
    role = session.get(Role, capacity_id)
    if role is None:
        raise EditError("Deze rol bestaat niet meer.")
    return role


def _person(session: Session, person_id: int) -> Person:
    person = session.get(Person, person_id)
    if person is None:
        raise EditError("Deze medewerker bestaat niet meer.")
    return person


def _role_values(fields: dict, current: Role | None) -> dict:
    values = _role_fields(fields)
    fte = values.get("fte", current.fte if current else Decimal("0.00"))
    execution = values.get("execution_fte", current.execution_fte if current else Decimal("0.00"))
    if execution > fte:
        raise EditError(f"Het deel voor uitvoering ({format_fte(execution)} fte) kan niet groter "
                        f"zijn dan de formatie ({format_fte(fte)} fte).")
    return values


def _role_fields(fields: dict) -> dict:
    """A role's fields as stored (a name stripped, an fte a Decimal), each on its own."""
    unknown = set(fields) - {"role", "fte", "execution_fte"}
    if unknown:
        raise EditError(f"Onbekend veld: {', '.join(sorted(unknown))}")
    values = dict(fields)
    if "role" in values:
        values["role"] = clean_text(values["role"], "De naam van de rol", NAME_MOST,
                                    needed="Een rol heeft een naam nodig.")
    for name in ("fte", "execution_fte"):
        if name in values:
            values[name] = parse_fte(values[name]) or Decimal("0.00")
    return values


def add_role(workspace, plan_id: int, role: str = "Nieuwe rol", fte="0", execution_fte="0",
             index: int | None = None) -> int:
    values = _role_values({"role": role, "fte": fte, "execution_fte": execution_fte}, None)
    with workspace.transaction() as session:
        writable_plan(session, plan_id)
        item = Role(plan_id=plan_id, **values)
        items = _ordered(session, Role, plan_id)  # before add: autoflush would list it
        session.add(item)
        insert_at(items, item, index)
        session.flush()
        return item.id


_FTE_SHOWN = {"fte": format_fte, "execution_fte": format_fte}  # as the roles table shows them


def set_role_fields(workspace, capacity_id: int, expected: dict | None = None, **fields) -> dict:
    """Change role, fte or execution_fte (execution never above fte); returns the old values.
    ``expected``: the values the user saw (an undo: what it wrote); refused (ConflictError) where
    the role holds something else now, nothing written."""
    seen = _role_fields(expected) if expected is not None else None
    with workspace.transaction() as session:
        role = _role(session, capacity_id)
        writable_plan(session, role.plan_id)
        refuse_changed(session, role, seen, "de rol", lambda r: f"rol “{r.role}”", SHOWS, _FTE_SHOWN)
        values = _role_values(fields, role)
        old = {name: getattr(role, name) for name in values}
        for name, value in values.items():
            setattr(role, name, value)
    return old


def delete_role(workspace, capacity_id: int) -> Snapshot:
    """Delete a role with its allocations; its people keep working without a role."""
    with workspace.transaction() as session:
        role = _role(session, capacity_id)
        writable_plan(session, role.plan_id)
        roles = _ordered(session, Role, role.plan_id)
        snapshot = Snapshot("role", roles.index(role), row_values(role))
        snapshot.allocations = [row_values(a) for a in session.scalars(
            select(Allocation).where(Allocation.capacity_id == capacity_id).order_by(Allocation.id))]
        snapshot.people_of_role = list(session.scalars(
            select(Person.id).where(Person.capacity_id == capacity_id).order_by(Person.id)))
        session.execute(update(Person).where(Person.capacity_id == capacity_id).values(capacity_id=None))
        session.execute(delete(Allocation).where(Allocation.capacity_id == capacity_id))
        change_log.record(session, "person", [{"id": p} for p in snapshot.people_of_role], "gewijzigd: rol",
                          role.plan_id)
        change_log.record(session, "allocation", snapshot.allocations, "verwijderd", role.plan_id)
        session.delete(role)
        roles.remove(role)
        set_positions(roles)
    return snapshot


def add_person(workspace, plan_id: int, name: str = "Nieuwe medewerker", capacity_id: int | None = None,
               available_half_days="0", index: int | None = None) -> int:
    values = _person_values({"name": name, "capacity_id": capacity_id,
                             "available_half_days": available_half_days})
    with workspace.transaction() as session:
        writable_plan(session, plan_id)
        _check_role_of_plan(session, plan_id, values["capacity_id"])
        item = Person(plan_id=plan_id, **values)
        items = _ordered(session, Person, plan_id)  # before add: autoflush would list it
        session.add(item)
        insert_at(items, item, index)
        session.flush()
        return item.id


def _person_values(fields: dict) -> dict:
    unknown = set(fields) - {"name", "capacity_id", "available_half_days"}
    if unknown:
        raise EditError(f"Onbekend veld: {', '.join(sorted(unknown))}")
    values = dict(fields)
    if "name" in values:
        values["name"] = clean_text(values["name"], "De naam van de medewerker", NAME_MOST,
                                    needed="Een medewerker heeft een naam nodig.")
    if "available_half_days" in values:
        available = parse_half_days(values["available_half_days"]) or Decimal("0.0")
        if available > HALF_DAYS_PER_WEEK:
            raise EditError(f"Niemand is meer dan {format_half_days(HALF_DAYS_PER_WEEK)} dagdelen per "
                            f"week beschikbaar; '{format_half_days(available)}' is te veel.")
        values["available_half_days"] = available
    return values


def _role_shown(session: Session, capacity_id: int | None) -> str:
    """A person's role as the people table shows it: its name, or "geen" for none."""
    role = session.get(Role, capacity_id) if capacity_id is not None else None
    return f"“{role.role}”" if role is not None else "geen"


def _check_role_of_plan(session: Session, plan_id: int, capacity_id: int | None) -> None:
    if capacity_id is not None and _role(session, capacity_id).plan_id != plan_id:
        raise EditError("Deze rol hoort niet bij dit plan.")


def set_person_fields(workspace, person_id: int, expected: dict | None = None, **fields) -> dict:
    """Change name, role (capacity_id) or available dagdelen (at most 10); returns the old values.
    ``expected``: as for :func:`set_role_fields`."""
    values = _person_values(fields)
    seen = _person_values(expected) if expected is not None else None
    with workspace.transaction() as session:
        person = _person(session, person_id)
        writable_plan(session, person.plan_id)
        refuse_changed(session, person, seen, "de medewerker", lambda p: p.name, SHOWS,
                       {"capacity_id": lambda role_id: _role_shown(session, role_id)})
        if "capacity_id" in values:
            _check_role_of_plan(session, person.plan_id, values["capacity_id"])
        old = {name: getattr(person, name) for name in values}
        for name, value in values.items():
            setattr(person, name, value)
    return old


def delete_person(workspace, person_id: int) -> Snapshot:
    with workspace.transaction() as session:
        person = _person(session, person_id)
        writable_plan(session, person.plan_id)
        people = _ordered(session, Person, person.plan_id)
        snapshot = Snapshot("person", people.index(person), row_values(person))
        snapshot.allocations = [row_values(a) for a in session.scalars(
            select(Allocation).where(Allocation.person_id == person_id).order_by(Allocation.id))]
        session.execute(delete(Allocation).where(Allocation.person_id == person_id))
        change_log.record(session, "allocation", snapshot.allocations, "verwijderd", person.plan_id)
        session.delete(person)
        people.remove(person)
        set_positions(people)
    return snapshot


def restore(workspace, snapshot: Snapshot) -> None:
    """Undo a delete of a role or person: the rows come back with their own ids and place."""
    model = Role if snapshot.kind == "role" else Person
    with workspace.transaction() as session:
        plan_id = snapshot.row["plan_id"]
        writable_plan(session, plan_id)
        item = model(**snapshot.row)
        session.add(item)
        session.flush()
        session.add_all(Allocation(**row) for row in snapshot.allocations)
        if snapshot.people_of_role:
            session.execute(update(Person).where(Person.id.in_(snapshot.people_of_role))
                            .values(capacity_id=item.id))
            change_log.record(session, "person", [{"id": p} for p in snapshot.people_of_role], "gewijzigd: rol",
                              plan_id)
        items = [i for i in _ordered(session, model, plan_id) if i is not item]
        insert_at(items, item, snapshot.index)
