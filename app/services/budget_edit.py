"""Edit operations on the budget: cells, notes, lines and groups.

Each operation is one transaction (one user action, saved at once) and
returns what an undo needs: the old values, or a snapshot of what was
deleted. Restoring a snapshot reinserts rows with their original ids, so
later undo steps that refer to them stay valid. Everything is validated
before anything is written.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import BudgetCell, BudgetGroup, BudgetLine, MunicipalitySet, Plan, Project
from app.services.cell_input import EMPTY, CellValue, marker_spelling
from app.services.edit_errors import EditError
from app.services.editing import (
    TEXT_MOST,
    TITLE_MOST,
    Place,
    Stale,
    clean_text,
    existing,
    insert_at,
    last_per_cell,
    locked,
    refuse_stale,
    row_values,
    set_positions,
    shown_value,
    update_fields,
    writable_plan,
)
from app.services.kept_with import put_back, take


@dataclass(frozen=True)
class CellChange:
    line_id: int
    year: int
    value: CellValue


def merged_cell_changes(changes: Sequence[CellChange]) -> list[CellChange]:
    """The block as it is written: one change per cell, the last one given."""
    return last_per_cell(changes, lambda c: (c.line_id, c.year))


def _line(session: Session, line_id: int) -> BudgetLine:
    return existing(session, BudgetLine, line_id, "Deze begrotingspost bestaat niet meer.")


def _group(session: Session, group_id: int) -> BudgetGroup:
    return existing(session, BudgetGroup, group_id, "Deze groep bestaat niet meer.")


def _cell_value(cell: BudgetCell | None) -> CellValue:
    if cell is None:
        return EMPTY
    return CellValue(cell.amount, cell.marker, marker_spelling(cell.marker, cell.marker_text))


def set_cells(workspace, changes: Sequence[CellChange],
              expected: Sequence[CellChange] | None = None) -> list[CellChange]:
    """Write cell values as one action; returns the old values, one per cell, in the order of
    ``merged_cell_changes(changes)``. ``expected``: the values the user saw (an undo: the values it
    wrote); where a cell holds something else now, someone changed it meanwhile and the whole
    action is refused (ConflictError), nothing written."""
    changes = merged_cell_changes(changes)
    if not changes:
        raise EditError("Er is niets om te wijzigen.")
    with workspace.transaction() as session:
        places = _lock_lines(session, {c.line_id for c in changes})
        for plan_id in {plan_id for plan_id, _group, _set in places.values()}:
            plan = writable_plan(session, plan_id)
            for change in changes:
                if places[change.line_id][0] == plan_id and change.year not in plan.years:
                    raise EditError(f"{change.year} is geen jaar van dit plan.")
        old = _write_cells(session, changes, expected, locked=True)
    return WrittenCells(old, {line: (group, set_id) for line, (_plan, group, set_id) in places.items()})


class WrittenCells(list):
    """What set_cells returns: the old values, one per cell (a list of CellChange), and
    ``sum_keys``: where each written line counts in the cell sums, line id -> (group id, own set
    id), read in the same transaction, so the figures can follow the edit without asking."""

    def __init__(self, old, sum_keys: dict[int, tuple[int, int | None]]) -> None:
        super().__init__(old)
        self.sum_keys = sum_keys


def _lock_lines(session: Session, line_ids) -> dict[int, tuple[int, int, int | None]]:
    """Each line's (plan id, group id, own set id), the lines locked for this transaction; a line
    deleted meanwhile is refused. One query (not a line and its group loaded per cell): a cell
    edit's fixed cost.

    Writers of the same lines take turns (on a server; SQLite writes one at a time anyway): the
    cells read after this are then the last committed ones, so a check against what was seen
    cannot pass for two people at once, and a new cell is never inserted twice."""
    places = {line: (plan, group, set_id) for line, plan, group, set_id in session.execute(
        select(BudgetLine.id, BudgetGroup.plan_id, BudgetLine.group_id, BudgetLine.municipality_set_id)
        .join(BudgetLine.group).where(BudgetLine.id.in_(list(line_ids))).with_for_update(of=BudgetLine))}
    if len(places) != len(line_ids):
        raise EditError("Deze begrotingspost bestaat niet meer.")
    return places


def _write_cells(session: Session, changes: Sequence[CellChange],
                 expected: Sequence[CellChange] | None = None, locked: bool = False) -> list[CellChange]:
    """Write checked, merged cell changes in the open transaction; returns the old values.
    ``locked``: the lines were locked already (_lock_lines)."""
    line_ids = list({c.line_id for c in changes})
    if not locked:
        _lock_lines(session, line_ids)
    cells = {(c.line_id, c.year): c for c in session.scalars(
        select(BudgetCell).where(BudgetCell.line_id.in_(line_ids)))}
    if expected:
        _refuse_changed_meanwhile(session, changes, cells, expected)
    old = []
    for change in changes:
        cell = cells.get((change.line_id, change.year))
        old.append(CellChange(change.line_id, change.year, _cell_value(cell)))
        if change.value.is_empty and (cell is None or not cell.note):
            if cell is not None:
                session.delete(cell)
                del cells[(change.line_id, change.year)]
            continue
        if cell is None:
            cell = BudgetCell(line_id=change.line_id, year=change.year)
            session.add(cell)
            cells[(change.line_id, change.year)] = cell
        cell.amount, cell.marker = change.value.amount, change.value.marker
        # As typed ("id" without the dot), when that is a spelling of the marker.
        cell.marker_text = marker_spelling(change.value.marker, change.value.marker_text)
    return old


def _refuse_changed_meanwhile(session: Session, changes, cells, expected: Sequence[CellChange]) -> None:
    """ConflictError naming the cells that hold something else than the user saw (amount or
    marker; how a marker is spelled does not count)."""
    seen = {(c.line_id, c.year): c.value for c in expected}
    stale = []
    for change in changes:
        was = seen.get((change.line_id, change.year))
        if was is None:
            continue
        now = _cell_value(cells.get((change.line_id, change.year)))
        if (now.amount, now.marker) != (was.amount, was.marker):
            stale.append((change, now, was))
    if not stale:
        return
    names = dict(session.execute(select(BudgetLine.id, BudgetLine.name)
                                 .where(BudgetLine.id.in_({c.line_id for c, _n, _w in stale}))).all())
    refuse_stale(session, [Stale("budget_cell", f"{c.line_id}/{c.year}",
                                 f"“{names.get(c.line_id, '?')}” {c.year} is nu {now.text() or 'leeg'} "
                                 f"(u zag {was.text() or 'leeg'})") for c, now, was in stale],
                 "de begroting toont nu de nieuwe waarden")


def set_cell_note(workspace, line_id: int, year: int, note: str, expected: str | None = None) -> str:
    """Set the toelichting of one year cell; returns the old note. ``expected``: the note the user
    saw (an undo: what it wrote); refused (ConflictError) when the cell has another one now."""
    note = clean_text(note, "De toelichting", TEXT_MOST)
    seen = None if expected is None else clean_text(expected, "De toelichting", TEXT_MOST)
    with workspace.transaction() as session:
        line = _line(session, line_id)
        plan = writable_plan(session, line.group.plan_id)
        if year not in plan.years:
            raise EditError(f"{year} is geen jaar van dit plan.")
        if seen is not None:  # writers of the line's cells take turns (the cell may not exist yet)
            locked(session, line)
        cell = session.scalars(select(BudgetCell).where(
            BudgetCell.line_id == line_id, BudgetCell.year == year)).one_or_none()
        old = cell.note if cell is not None else ""
        if seen is not None:
            _refuse_other_note(session, line, year, old, seen)
        if cell is None:
            if not note:
                return old
            cell = BudgetCell(line_id=line_id, year=year)
            session.add(cell)
        cell.note = note
        if cell.amount is None and cell.marker is None and not note:
            session.delete(cell)
    return old


def _refuse_other_note(session: Session, line: BudgetLine, year: int, now: str, seen: str) -> None:
    """ConflictError when the cell's note is not the one seen."""
    if (now or "") != seen:
        refuse_stale(session, [Stale("budget_cell", f"{line.id}/{year}",
                                     f"De toelichting bij “{line.name}” {year} is nu {shown_value(now)} "
                                     f"(u zag {shown_value(seen)})")],
                     "de begroting toont nu de nieuwe waarden")


def set_line_fields(workspace, line_id: int, expected: dict | None = None, **fields) -> dict:
    """Change a line's name, note, project link or municipality set; returns the old values.
    ``expected``: the values the user saw (an undo: what it wrote); refused (ConflictError) where
    the line holds something else now."""
    def load(session):
        line = _line(session, line_id)
        return line, line.group.plan_id

    return update_fields(workspace, load, fields, {"name", "note", "project_id", "municipality_set_id"},
                         "Een begrotingspost heeft een naam nodig.", expected, "de begrotingspost",
                         lambda line: f"begrotingspost “{line.name}”", "de begroting toont nu de nieuwe waarden",
                         _links_shown)


def _links_shown(session: Session) -> dict:
    """A line's project and set as the sheet shows them (its number, its code), not their ids."""
    def project(project_id):
        found = session.get(Project, project_id) if project_id is not None else None
        return "geen" if found is None else " ".join(filter(None, [found.number, f"“{found.title}”"]))

    def municipality_set(set_id):
        found = session.get(MunicipalitySet, set_id) if set_id is not None else None
        return "alle gemeenten" if found is None else found.code

    return {"project_id": project, "municipality_set_id": municipality_set}


def set_group_fields(workspace, group_id: int, expected: dict | None = None, **fields) -> dict:
    """Change a group's name, number, subtotal flag or municipality set; returns the old values.
    ``expected``: as for :func:`set_line_fields`."""
    def load(session):
        group = _group(session, group_id)
        return group, group.plan_id

    return update_fields(workspace, load, fields, {"name", "number", "shows_subtotal", "municipality_set_id"},
                         "Een groep heeft een naam nodig.", expected, "de groep",
                         lambda group: " ".join(filter(None, ["groep", group.number, f"“{group.name}”"])),
                         "de begroting toont nu de nieuwe waarden", _links_shown)


# --- structure: add, delete (with snapshot), restore, move -------------------------

@dataclass
class Snapshot:
    """Rows removed by a delete, as column dicts with their ids, for an exact restore."""

    kind: str  # "group" or "line": what was deleted
    place: Place  # where it stood, so the restore puts it back in the same spot
    groups: list[dict] = field(default_factory=list)
    lines: list[dict] = field(default_factory=list)
    cells: list[dict] = field(default_factory=list)
    kept: list = field(default_factory=list)  # the lines' bookings and forecasts (app.services.kept_with)

    @property
    def root_id(self) -> int:
        return (self.groups if self.kind == "group" else self.lines)[0]["id"]


def _siblings(session: Session, plan_id: int, parent_id: int | None) -> list:
    """Child groups and lines of a parent in their shared order."""
    groups = list(session.scalars(select(BudgetGroup).where(
        BudgetGroup.plan_id == plan_id, BudgetGroup.parent_id.is_(None) if parent_id is None
        else BudgetGroup.parent_id == parent_id)))
    lines = [] if parent_id is None else list(session.scalars(
        select(BudgetLine).where(BudgetLine.group_id == parent_id)))
    return sorted(groups + lines, key=lambda o: (o.position, isinstance(o, BudgetLine), o.id))


def add_line(workspace, group_id: int, index: int | None = None, name: str = "Nieuwe post") -> int:
    with workspace.transaction() as session:
        group = _group(session, group_id)
        writable_plan(session, group.plan_id)
        siblings = _siblings(session, group.plan_id, group_id)
        line = BudgetLine(group_id=group_id, name=clean_text(name, "De naam", TITLE_MOST) or "Nieuwe post")
        session.add(line)
        insert_at(siblings, line, index)
        session.flush()
        return line.id


def add_group(workspace, plan_id: int, parent_id: int | None, index: int | None = None,
              name: str = "Nieuwe groep") -> int:
    with workspace.transaction() as session:
        writable_plan(session, plan_id)
        if parent_id is not None:
            _group(session, parent_id)
        siblings = _siblings(session, plan_id, parent_id)
        group = BudgetGroup(plan_id=plan_id, parent_id=parent_id,
                            name=clean_text(name, "De naam", TITLE_MOST) or "Nieuwe groep")
        session.add(group)
        insert_at(siblings, group, index)
        session.flush()
        return group.id


def delete_line(workspace, line_id: int) -> Snapshot:
    with workspace.transaction() as session:
        line = _line(session, line_id)
        writable_plan(session, line.group.plan_id)
        siblings = _siblings(session, line.group.plan_id, line.group_id)
        snapshot = Snapshot("line", Place(line.group_id, siblings.index(line)),
                            lines=[row_values(line)], cells=[row_values(c) for c in line.cells],
                            kept=take(session, "budget_line", [line.id]))
        session.delete(line)
        siblings.remove(line)
        set_positions(siblings)
    return snapshot


def delete_group(workspace, group_id: int) -> Snapshot:
    """Delete a group with everything below it; the snapshot restores all of it."""
    with workspace.transaction() as session:
        group = _group(session, group_id)
        writable_plan(session, group.plan_id)
        siblings = _siblings(session, group.plan_id, group.parent_id)
        snapshot = Snapshot("group", Place(group.parent_id, siblings.index(group)))

        def collect(node: BudgetGroup) -> None:
            snapshot.groups.append(row_values(node))
            for line in node.lines:
                snapshot.lines.append(row_values(line))
                snapshot.cells.extend(row_values(c) for c in line.cells)
            for child in node.children:
                collect(child)

        collect(group)
        snapshot.kept = take(session, "budget_line", [line["id"] for line in snapshot.lines])
        for child_group in reversed(snapshot.groups):  # leaves first: no dangling parent
            session.delete(session.get(BudgetGroup, child_group["id"]))
        siblings.remove(group)
        set_positions(siblings)
    return snapshot


def restore(workspace, snapshot: Snapshot) -> None:
    """Undo a delete: put the rows back with their original ids, in the same spot."""
    with workspace.transaction() as session:
        if snapshot.kind == "group":
            plan_id = snapshot.groups[0]["plan_id"]
        else:
            plan_id = _group(session, snapshot.place.parent_id).plan_id
        writable_plan(session, plan_id)
        for row in snapshot.groups:  # parents before children: collected top-down
            session.add(BudgetGroup(**row))
            session.flush()
        session.add_all(BudgetLine(**row) for row in snapshot.lines)
        session.flush()
        session.add_all(BudgetCell(**row) for row in snapshot.cells)
        put_back(session, snapshot.kept)
        session.flush()
        model = BudgetGroup if snapshot.kind == "group" else BudgetLine
        root = session.get(model, snapshot.root_id)
        siblings = [s for s in _siblings(session, plan_id, snapshot.place.parent_id) if s is not root]
        insert_at(siblings, root, snapshot.place.index)


def move(workspace, kind: str, item_id: int, to: Place) -> Place:
    """Move a group or line to another place in the tree; returns where it was."""
    with workspace.transaction() as session:
        item = _group(session, item_id) if kind == "group" else _line(session, item_id)
        plan_id = item.plan_id if kind == "group" else item.group.plan_id
        writable_plan(session, plan_id)
        old_parent = item.parent_id if kind == "group" else item.group_id
        if kind == "line" and to.parent_id is None:
            raise EditError("Een begrotingspost hoort in een groep; kies een groep om hem in te zetten.")
        if kind == "group" and to.parent_id is not None:
            node = _group(session, to.parent_id)
            while node is not None:
                if node.id == item.id:
                    raise EditError("Een groep kan niet in zichzelf of in een eigen subgroep worden gezet.")
                node = node.parent
        old_siblings = _siblings(session, plan_id, old_parent)
        old_index = old_siblings.index(item)
        old_siblings.remove(item)
        set_positions(old_siblings)
        if kind == "group":
            item.parent_id = to.parent_id
        else:
            item.group_id = to.parent_id
        session.flush()
        new_siblings = [s for s in _siblings(session, plan_id, to.parent_id) if s is not item]
        insert_at(new_siblings, item, to.index)
    return Place(old_parent, old_index)


def place_of(workspace, kind: str, item_id: int) -> Place:
    with workspace.session() as session:
        item = _group(session, item_id) if kind == "group" else _line(session, item_id)
        plan_id = item.plan_id if kind == "group" else item.group.plan_id
        parent = item.parent_id if kind == "group" else item.group_id
        return Place(parent, _siblings(session, plan_id, parent).index(item))


def shifted(workspace, kind: str, item_id: int, step: int) -> Place | None:
    """Where Alt+Up (-1) or Alt+Down (+1) takes an item among its siblings; None at the edge."""
    with workspace.session() as session:
        item = _group(session, item_id) if kind == "group" else _line(session, item_id)
        plan_id = item.plan_id if kind == "group" else item.group.plan_id
        parent = item.parent_id if kind == "group" else item.group_id
        siblings = _siblings(session, plan_id, parent)
        index = siblings.index(item) + step
        if not 0 <= index < len(siblings):
            return None
        return Place(parent, index)


def indented(workspace, kind: str, item_id: int) -> Place | None:
    """Indent: into the group just above it, at the end; None when there is none."""
    with workspace.session() as session:
        item = _group(session, item_id) if kind == "group" else _line(session, item_id)
        plan_id = item.plan_id if kind == "group" else item.group.plan_id
        parent = item.parent_id if kind == "group" else item.group_id
        siblings = _siblings(session, plan_id, parent)
        above = siblings[: siblings.index(item)]
        target = next((s for s in reversed(above) if isinstance(s, BudgetGroup)), None)
        if target is None:
            return None
        return Place(target.id, len(_siblings(session, plan_id, target.id)))


def outdented(workspace, kind: str, item_id: int) -> Place | None:
    """Outdent: out of its group, just below it; None at the top level (or a line's last level)."""
    with workspace.session() as session:
        item = _group(session, item_id) if kind == "group" else _line(session, item_id)
        plan_id = item.plan_id if kind == "group" else item.group.plan_id
        parent_id = item.parent_id if kind == "group" else item.group_id
        if parent_id is None:
            return None
        parent = _group(session, parent_id)
        if kind == "line" and parent.parent_id is None:
            return None  # a line cannot stand outside every group
        siblings = _siblings(session, plan_id, parent.parent_id)
        return Place(parent.parent_id, siblings.index(parent) + 1)


def fill_right_changes(workspace, line_ids: Sequence[int], from_year: int) -> list[CellChange]:
    """Ctrl+R: the changes that copy each line's ``from_year`` value into the later years."""
    with workspace.session() as session:
        changes = []
        for line_id in line_ids:
            line = _line(session, line_id)
            plan = session.get(Plan, line.group.plan_id)
            value = _cell_value(next((c for c in line.cells if c.year == from_year), None))
            changes += [CellChange(line_id, year, value) for year in plan.years if year > from_year]
    if not changes:
        raise EditError("Er zijn geen latere jaren om naar rechts te vullen.")
    return changes


# --- a pasted block: existing lines and the new lines it needs, in one transaction --------

@dataclass(frozen=True)
class PasteRow:
    """One row of a pasted block: an existing line (``line_id``) or a new one (None);
    ``name`` None leaves an existing line's description as it is (a new line: "Nieuwe post")."""

    line_id: int | None
    name: str | None
    cells: dict[int, CellValue]


@dataclass
class PasteResult:
    """What an undo of :func:`paste_block` needs."""

    plan_id: int
    added: list[int]  # the new lines' ids, in block order
    old_names: dict[int, str]  # existing lines whose description the block changed
    touched: list[tuple[int, int]]  # (line id, year) of the existing lines' pasted cells
    old_cells: list[dict]  # those cells as they were (with their ids): an exact undo
    old_positions: list[tuple[str, int, int]]  # ("group"|"line", id, position) of the siblings


def paste_block(workspace, plan_id: int, group_id: int, index: int | None, rows: Sequence[PasteRow],
                new_ids: Sequence[int] | None = None) -> PasteResult:
    """Write a pasted block as one action: the descriptions and cells of existing lines, and
    new lines for the rows below them, put in ``group_id`` at ``index`` (None: at the end).

    ``new_ids``: the ids the new lines had before an undo, so a redo gives them back.
    Everything is checked before anything is written; a refusal writes nothing.
    """
    new_rows = [r for r in rows if r.line_id is None]
    if not rows:
        raise EditError("Er is niets om te plakken.")
    names = {}
    for number, row in enumerate(rows):
        if row.name is not None:
            names[number] = clean_text(row.name, "De naam", TITLE_MOST, collapse=True,
                                       needed="Een begrotingspost heeft een naam nodig.")
    with workspace.transaction() as session:
        plan = writable_plan(session, plan_id)
        lines = {}
        for row in rows:
            if row.line_id is not None:
                line = _line(session, row.line_id)
                if line.group.plan_id != plan_id:
                    raise EditError("Deze begrotingspost hoort niet bij dit plan.")
                lines[row.line_id] = line
            for year in row.cells:
                if year not in plan.years:
                    raise EditError(f"{year} is geen jaar van dit plan.")
        old_positions: list[tuple[str, int, int]] = []
        added: list[int] = []
        if new_rows:
            group = _group(session, group_id)
            if group.plan_id != plan_id:
                raise EditError("Deze groep hoort niet bij dit plan.")
            siblings = _siblings(session, plan_id, group_id)
            old_positions = [("group" if isinstance(s, BudgetGroup) else "line", s.id, s.position)
                             for s in siblings]
            at = len(siblings) if index is None else max(0, min(index, len(siblings)))
            for k, row in enumerate(new_rows):
                line = BudgetLine(group_id=group_id, name="Nieuwe post")
                if new_ids is not None:
                    line.id = new_ids[k]
                session.add(line)
                siblings.insert(at + k, line)
            set_positions(siblings)
            session.flush()
            added = [line.id for line in siblings[at:at + len(new_rows)]]
        new_line_ids = iter(added)
        old_names: dict[int, str] = {}
        changes: list[CellChange] = []
        for number, row in enumerate(rows):
            line_id = row.line_id if row.line_id is not None else next(new_line_ids)
            line = lines.get(line_id) or session.get(BudgetLine, line_id)
            if number in names and names[number] != line.name:
                if row.line_id is not None:
                    old_names[line_id] = line.name
                line.name = names[number]
            changes += [CellChange(line_id, year, value) for year, value in row.cells.items()]
        changes = merged_cell_changes(changes)
        # Only the existing lines' old cells matter for an undo: the new lines go.
        touched = [(c.line_id, c.year) for c in changes if c.line_id in lines]
        wanted = set(touched)
        old_cells = [row_values(c) for line in lines.values() for c in line.cells
                     if (c.line_id, c.year) in wanted]
        if changes:
            _write_cells(session, changes)
    return PasteResult(plan_id, added, old_names, touched, old_cells, old_positions)


def unpaste(workspace, result: PasteResult) -> None:
    """Undo :func:`paste_block`: remove the new lines, put the old descriptions, cells and
    positions back."""
    with workspace.transaction() as session:
        writable_plan(session, result.plan_id)
        for line_id in result.added:
            session.delete(_line(session, line_id))
        session.flush()
        for line_id, name in result.old_names.items():
            _line(session, line_id).name = name
        touched = set(result.touched)
        line_ids = list({line_id for line_id, _ in touched})
        for cell in session.scalars(select(BudgetCell).where(BudgetCell.line_id.in_(line_ids))):
            if (cell.line_id, cell.year) in touched:
                session.delete(cell)
        session.flush()
        session.add_all(BudgetCell(**row) for row in result.old_cells)
        for kind, item_id, position in result.old_positions:
            item = session.get(BudgetGroup if kind == "group" else BudgetLine, item_id)
            if item is not None and item.position != position:
                item.position = position
