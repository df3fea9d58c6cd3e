"""The budget as a sheet: the rows of the budget table in display order.

Group headings, their lines (and subgroups) in the order the user gave them,
a subtotal under each group and the grand total at the end. The budget
editor shows this sheet; the PDF annex prints it. Figures come from
:mod:`app.services.budget`; nothing here adds money up by itself.
"""
from __future__ import annotations

import enum
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import BigInteger, String, select, type_coerce
from sqlalchemy.orm import Session

from app.models import BudgetCell, BudgetGroup, BudgetLine, Marker, MunicipalitySet, Plan, Project
from app.models.numbers import from_scaled
from app.services.budget import BudgetFigures, budget_figures
from app.services.cell_input import EMPTY, CellValue, marker_spelling
from app.services.gc_pause import gc_paused
from app.services.plain_read import plain_columns

# A footnote number the source gave a note is kept within this range; outside it (a damaged
# or hostile file) the note is numbered as if it had none.
MAX_NOTE_NUMBER = 9999


def note_number(value) -> int | None:
    """A note's given footnote number as read from the file, or None."""
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_NOTE_NUMBER:
        return value
    return None


class RowKind(enum.Enum):
    GROUP = "group"
    LINE = "line"
    SUBTOTAL = "subtotal"
    TOTAL = "total"


@dataclass
class SheetRow:
    kind: RowKind
    id: int | None  # group id (GROUP, SUBTOTAL), line id (LINE), None (TOTAL)
    level: int
    label: str
    number: str = ""
    parent_id: int | None = None  # the group a line or subgroup sits in
    cells: dict[int, CellValue] = field(default_factory=dict)  # LINE only
    cell_notes: dict[int, str] = field(default_factory=dict)  # LINE only
    note: str = ""  # the line's own toelichting
    note_number: int | None = None  # the footnote number the source gave the line's note
    cell_note_numbers: dict[int, int] = field(default_factory=dict)  # LINE only: as for a cell note
    project_number: str = ""
    set_code: str = ""  # municipality set the line or group is shared by, if not all
    shows_subtotal: bool = False  # GROUP/SUBTOTAL: the published plan prints this subtotal


@dataclass
class RowPlaces:
    """Where each line, group heading and subtotal sits in the sheet, and each group's parent."""

    line_row: dict[int, int] = field(default_factory=dict)
    subtotal_row: dict[int, int] = field(default_factory=dict)
    group_row: dict[int, int] = field(default_factory=dict)  # in display order
    parent: dict[int, int | None] = field(default_factory=dict)

    @classmethod
    def of(cls, rows) -> RowPlaces:
        places = cls()
        index_of = {RowKind.LINE: places.line_row, RowKind.SUBTOTAL: places.subtotal_row,
                    RowKind.GROUP: places.group_row}
        for i, row in enumerate(rows):
            if row.kind is not RowKind.TOTAL:
                index_of[row.kind][row.id] = i
            if row.kind is RowKind.GROUP:
                places.parent[row.id] = row.parent_id
        return places


class SheetRows(Sequence[SheetRow]):
    """The sheet's rows in display order, read like a list; a line's row is built the first time
    it is asked for, so opening a 20,000-line budget builds only the rows on screen. A row once
    built is kept: a change made to it (the editor updates edited cells in place) stays."""

    def __init__(self, items: list, build, places: RowPlaces) -> None:
        self._items = items  # a SheetRow, or a line's number that ``build`` makes its row of
        self._build = build
        self._all_built = False
        self.places = places  # known without building a row

    def __len__(self) -> int:
        return len(self._items)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self._items)))]
        item = self._items[index]
        if type(item) is not int:
            return item
        row = self._items[index] = self._build(item)
        return row

    def __iter__(self) -> Iterator[SheetRow]:
        self._build_all()
        return iter(self._items)

    def _build_all(self) -> None:
        """Every row, for a reader that goes through them all (the annex, the export, a
        comparison): built in one go, the collector paused as in the read."""
        if self._all_built:
            return
        items, build = self._items, self._build
        with gc_paused():
            for index, item in enumerate(items):
                if type(item) is int:
                    items[index] = build(item)
        self._all_built = True

    def __eq__(self, other) -> bool:
        if isinstance(other, (SheetRows, list)):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # compared by content, like a list

    def __repr__(self) -> str:
        return f"SheetRows({list(self)!r})"


@dataclass
class BudgetSheet:
    plan_id: int
    years: list[int]
    rows: Sequence[SheetRow]  # a list, or SheetRows as read from the file
    figures: BudgetFigures
    read_only: bool

    def __post_init__(self) -> None:
        places = self.rows.places if isinstance(self.rows, SheetRows) else RowPlaces.of(self.rows)
        self.line_row = places.line_row
        self.subtotal_row = places.subtotal_row
        self.group_row = places.group_row
        self.parent = places.parent

    def last_group(self) -> int | None:
        """The last group heading's id (the group a line added below everything goes into)."""
        return next(reversed(self.group_row), None)

    def ancestors(self, group_id: int | None) -> list[int]:
        """The group and every group above it."""
        chain = []
        while group_id is not None:
            chain.append(group_id)
            group_id = self.parent.get(group_id)
        return chain

    def computed(self, row: SheetRow, year: int) -> Decimal | None:
        """The figure of a subtotal or total row."""
        if row.kind is RowKind.SUBTOTAL:
            return self.figures.group(row.id).totals[year]
        if row.kind is RowKind.TOTAL:
            return self.figures.total[year]
        return None

    def markers_left_out(self, row: SheetRow, year: int) -> int:
        if row.kind is RowKind.SUBTOTAL:
            return self.figures.group(row.id).markers_left_out[year]
        if row.kind is RowKind.TOTAL:
            return self.figures.markers_left_out[year]
        return 0

    def amount_years(self) -> dict[int | None, set[int]]:
        """Per group (None: the whole budget), the years in which a line in it or below it holds
        an amount (0 included; a marker is not an amount). A subtotal or total in another
        year has nothing to add up: printed empty, as the published plan leaves it."""
        years: dict[int | None, set[int]] = defaultdict(set)
        for row in self.rows:
            if row.kind is not RowKind.LINE:
                continue
            filled = {y for y, value in row.cells.items() if value.amount is not None}
            if filled:
                for group_id in [None, *self.ancestors(row.parent_id)]:
                    years[group_id] |= filled
        return years


def budget_sheet(session: Session, plan: Plan, figures: BudgetFigures | None = None) -> BudgetSheet:
    figures = figures or budget_figures(session, plan)
    # The collector paused while the tuples pile up (at 20,000 lines its passes over them took a
    # third of the time); none of them is in a cycle.
    with gc_paused():
        return _read_sheet(session, plan, figures)


# A line and its cells as read: a tuple per column, in these columns' order.
_LINE = (BudgetLine.id, BudgetLine.group_id, BudgetLine.position, BudgetLine.name, BudgetLine.note,
         BudgetLine.note_number, Project.number, BudgetLine.municipality_set_id)
# Cents and the marker's word as stored (the file's values were checked when it was opened):
# made Decimal and Marker when the line's row is built.
_CELL = (BudgetCell.line_id, BudgetCell.year, type_coerce(BudgetCell.amount, BigInteger),
         type_coerce(BudgetCell.marker, String), BudgetCell.marker_text, BudgetCell.note,
         BudgetCell.note_number)


def _read_sheet(session: Session, plan: Plan, figures: BudgetFigures) -> BudgetSheet:
    connection = session.connection()
    groups = connection.execute(
        select(BudgetGroup.id, BudgetGroup.parent_id, BudgetGroup.position, BudgetGroup.number,
               BudgetGroup.name, BudgetGroup.shows_subtotal, BudgetGroup.municipality_set_id)
        .where(BudgetGroup.plan_id == plan.id)).all()
    lines = plain_columns(connection, select(*_LINE).join(BudgetLine.group)
                          .outerjoin(Project, Project.id == BudgetLine.project_id)
                          .where(BudgetGroup.plan_id == plan.id), packed=(0, 1, 2))
    plan_lines = select(BudgetLine.id).join(BudgetLine.group).where(BudgetGroup.plan_id == plan.id)
    cells = plain_columns(connection, select(*_CELL)
                          .where(BudgetCell.line_id.in_(plan_lines), BudgetCell.year.in_(plan.years))
                          .order_by(BudgetCell.line_id, BudgetCell.year), packed=(0, 1))
    set_codes = dict(connection.execute(
        select(MunicipalitySet.id, MunicipalitySet.code)
        .where(MunicipalitySet.region_id == plan.region_id)).all())

    # Each group's children in the order the user gave: position, groups before lines, then id;
    # a line by its number (its index in the columns read).
    children: dict[int | None, list] = defaultdict(list)
    for g in groups:
        children[g.parent_id].append((g.position, 0, g.id, g))
    line_ids, line_groups, positions = lines[0], lines[1], lines[2]
    for number in range(len(line_ids)):
        children[line_groups[number]].append((positions[number], 1, line_ids[number], number))
    items: list = []  # a SheetRow, or the number of a line whose row is not built yet
    places = RowPlaces()
    levels: dict[int, int] = {}
    # Depth first, a subtotal after the group's children; a stack, not a recursive closure (whose
    # cycle would keep all of this alive until the collector came by).
    stack = [(None, -1, iter(sorted(children[None])))]
    while stack:
        group, level, entries = stack[-1]
        entry = next(entries, None)
        if entry is None:
            stack.pop()
            if group is not None:
                places.subtotal_row[group.id] = len(items)
                items.append(SheetRow(RowKind.SUBTOTAL, group.id, level, f"Subtotaal {group.name}",
                                      group.number, parent_id=group.parent_id,
                                      shows_subtotal=group.shows_subtotal))
            continue
        _position, is_line, item_id, item = entry
        if is_line:
            places.line_row[item_id] = len(items)
            items.append(item)
            continue
        places.group_row[item_id] = len(items)
        places.parent[item_id] = item.parent_id
        levels[item_id] = level + 1
        items.append(SheetRow(RowKind.GROUP, item_id, level + 1, item.name, item.number,
                              parent_id=item.parent_id, set_code=set_codes.get(item.municipality_set_id, ""),
                              shows_subtotal=item.shows_subtotal))
        stack.append((item, level + 1, iter(sorted(children[item_id]))))
    items.append(SheetRow(RowKind.TOTAL, None, 0, plan.total_label.strip() or "Totaal"))
    build = _LineBuilder(plan.years, lines, levels, cells, set_codes)
    return BudgetSheet(plan.id, plan.years, SheetRows(items, build, places), figures, plan.is_read_only)


class _LineBuilder:
    """Makes a line's SheetRow from the columns read for the sheet."""

    def __init__(self, years: list[int], lines: list[tuple], levels: dict[int, int],
                 cells: list[tuple], set_codes: dict[int, str]) -> None:
        self.years = years
        (self.ids, self.groups, _positions, self.names, self.notes, self.note_numbers,
         self.project_numbers, self.sets) = lines
        self.levels = levels  # of each group
        (self.cell_lines, self.cell_years, self.cents, self.words, self.word_texts, self.cell_notes,
         self.cell_note_numbers) = cells  # sorted by line
        self.set_codes = set_codes

    def __call__(self, number: int) -> SheetRow:
        line_id, group_id, note = self.ids[number], self.groups[number], self.notes[number]
        values = dict.fromkeys(self.years, EMPTY)
        notes = {}
        numbers = {}
        first = bisect_left(self.cell_lines, line_id)
        for i in range(first, bisect_right(self.cell_lines, line_id, first)):
            year, cents, word = self.cell_years[i], self.cents[i], self.words[i]
            marker = None if word is None else Marker(word)
            values[year] = CellValue(None if cents is None else from_scaled(cents, 2), marker,
                                     marker_spelling(marker, self.word_texts[i]))
            if self.cell_notes[i]:
                notes[year] = self.cell_notes[i]
                if note_number(self.cell_note_numbers[i]) is not None:
                    numbers[year] = self.cell_note_numbers[i]
        return SheetRow(
            RowKind.LINE, line_id, self.levels[group_id] + 1, self.names[number], parent_id=group_id,
            cells=values, cell_notes=notes, note=note,
            note_number=note_number(self.note_numbers[number]) if note else None,
            cell_note_numbers=numbers, project_number=self.project_numbers[number] or "",
            set_code=self.set_codes.get(self.sets[number], ""))


def load_sheet(workspace, plan_id: int, figures: BudgetFigures | None = None) -> BudgetSheet | None:
    """The sheet of a plan, read in its own session; None when the plan is gone."""
    with workspace.session() as session:
        plan = session.get(Plan, plan_id)
        return budget_sheet(session, plan, figures) if plan is not None else None
