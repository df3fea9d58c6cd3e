"""Two plans of a region side by side: which budget lines changed, by how much, and what that
does to the totals, the funding and each municipality's contribution.

Any two plans compare (an amendment with its adopted plan, a scenario with its base, 2023 with
2022). A line is the same line in both when one was copied from the other (``copied_from_id``,
kept through amendments, scenarios and next year's copy), or else when it has the same
description in the same group (or, moved without a link, the same description found once in
each plan). Markers compare as markers: "PM → 25.000" is a change whose difference in money is
25.000, since a marker is never an amount.

Nothing here reads the database except :func:`load_plan_lines` and :func:`compare_plans`; the
comparison view keeps the loaded lines and updates only the lines an edit touched
(:meth:`PlanLines.with_cells`, :func:`compare_line`), so the difference follows typing.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal

from sqlalchemy import BigInteger, String, select, type_coerce
from sqlalchemy.orm import Session

from app.models import BudgetCell, BudgetGroup, BudgetLine, Marker, Plan
from app.models.numbers import from_scaled
from app.services.budget import ZERO, BudgetFigures, CellSum
from app.services.cell_input import EMPTY, CellValue, marker_spelling
from app.services.contributions import Contributions
from app.services.gc_pause import gc_paused
from app.services.plain_read import each_plain_row, plain_rows

ADDED = "toegevoegd"
REMOVED = "verwijderd"
MOVED = "verplaatst"
RENAMED = "hernoemd"
CHANGED = "gewijzigd"  # a year's amount or marker
KIND_ORDER = (ADDED, REMOVED, MOVED, RENAMED, CHANGED)


# --- a plan's lines -------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class GroupState:
    id: int
    origin_id: int | None
    parent_id: int | None
    label: str  # "1. Regionale netwerksamenwerking": number and name
    path: tuple[str, ...]  # the labels from the top group down to this one


class Cells(Mapping):
    """A line's year cells as a mapping of year -> CellValue, kept compact: the plan's years (one
    tuple shared by all its lines) and per year None (empty), whole cents (an amount) or a
    CellValue (a marker, or an amount typed since). A CellValue and a Decimal per amount would be
    10 MB at 60,000 cells; they are made when a cell is asked for."""

    __slots__ = ("_years", "_values")

    def __init__(self, years: tuple[int, ...], values: tuple) -> None:
        self._years = years
        self._values = values

    def __getitem__(self, year: int) -> CellValue:
        try:
            value = self._values[self._years.index(year)]
        except ValueError:
            raise KeyError(year) from None
        if value is None:
            raise KeyError(year)
        return value if isinstance(value, CellValue) else CellValue(from_scaled(value, 2))

    def __iter__(self):
        return (year for year, value in zip(self._years, self._values) if value is not None)

    def __len__(self) -> int:
        return sum(value is not None for value in self._values)

    def __eq__(self, other) -> bool:
        if isinstance(other, Cells) and other._years == self._years and other._values == self._values:
            return True  # (the common case, without making a CellValue)
        return Mapping.__eq__(self, other)  # the same content held otherwise: cents or typed

    __hash__ = None  # a mapping: compared by content, as a dict

    def raw(self):
        """(year, cents or CellValue) of the filled years: sums without a Decimal per cell."""
        return ((year, value) for year, value in zip(self._years, self._values) if value is not None)

    def with_value(self, year: int, value: CellValue) -> Cells:
        """These cells with ``year`` set to ``value`` (EMPTY: emptied)."""
        stored = None if value.is_empty else value
        if year not in self._years:
            return Cells((*self._years, year), (*self._values, stored))
        values = list(self._values)
        values[self._years.index(year)] = stored
        return Cells(self._years, tuple(values))

    def __repr__(self) -> str:
        return f"Cells({dict(self.items())!r})"


@dataclass(frozen=True, slots=True)
class LineState:
    id: int
    origin_id: int | None
    group_id: int
    name: str
    cells: Mapping[int, CellValue]  # only the years that hold something (Cells, read from a file)
    set_id: int | None = None  # the line's own municipality set (None: its group's)

    def cell(self, year: int) -> CellValue:
        return self.cells.get(year, EMPTY)


@dataclass(frozen=True)
class PlanLines:
    """A plan's budget lines and groups as a comparison reads them, in the budget's order."""

    plan_id: int
    title: str
    years: tuple[int, ...]
    own_years: tuple[int, ...]
    groups: Mapping[int, GroupState]
    lines: Mapping[int, LineState]
    order: tuple[int, ...]  # line ids, depth first as the budget shows them

    def with_cells(self, changes: Iterable) -> PlanLines:
        """These lines after cell edits (CellDelta: line id, year, new value); no database."""
        lines = dict(self.lines)
        for change in changes:
            line = lines.get(change.line_id)
            if line is None:
                continue
            cells = line.cells
            if isinstance(cells, Cells):
                cells = cells.with_value(change.year, change.new)
            else:
                cells = {year: value for year, value in cells.items() if year != change.year}
                if not change.new.is_empty:
                    cells[change.year] = change.new
            lines[line.id] = replace(line, cells=cells)
        return replace(self, lines=lines)

    def group_path(self, group_id: int | None) -> tuple[str, ...]:
        group = self.groups.get(group_id) if group_id is not None else None
        return group.path if group is not None else ()


def group_label(number: str, name: str) -> str:
    """A group as the budget shows it: "1. Regionale netwerksamenwerking"."""
    number, name = number.strip(), name.strip()
    if not number:
        return name
    return f"{number} {name}" if number.endswith(".") else f"{number}. {name}"


def load_plan_lines(session: Session, plan: Plan) -> PlanLines:
    """The plan's groups, lines and filled cells in three queries of the driver's plain rows
    (no Row or ORM object per row; money read as cents, markers as their text), sorted as tuples:
    attribute access per row would double the time of a 2,000-line plan, and objects per row
    the memory of a 20,000-line one."""
    connection = session.connection()
    group_rows = plain_rows(connection, select(
        BudgetGroup.position, BudgetGroup.id, BudgetGroup.copied_from_id, BudgetGroup.parent_id,
        BudgetGroup.number, BudgetGroup.name).where(BudgetGroup.plan_id == plan.id))
    line_rows = plain_rows(connection, select(
        BudgetLine.group_id, BudgetLine.position, BudgetLine.id, BudgetLine.copied_from_id,
        BudgetLine.name, BudgetLine.municipality_set_id)
        .join(BudgetLine.group).where(BudgetGroup.plan_id == plan.id))
    years = tuple(plan.years)
    column = {year: index for index, year in enumerate(years)}
    # The cells in line order, a line's values made a tuple when its last cell is read: neither
    # the rows nor a list per line stay.
    cells: dict[int, tuple] = {}
    current, values = None, None
    for line_id, year, cents, word, word_text in each_plain_row(connection, select(
            BudgetCell.line_id, BudgetCell.year, type_coerce(BudgetCell.amount, BigInteger),
            type_coerce(BudgetCell.marker, String), BudgetCell.marker_text)
            .join(BudgetCell.line).join(BudgetLine.group)
            .where(BudgetGroup.plan_id == plan.id, BudgetCell.year.between(plan.first_year, plan.last_year))
            .order_by(BudgetCell.line_id)):
        if word is not None:
            marker = Marker(word)
            value = CellValue(None, marker, marker_spelling(marker, word_text))
        elif cents is not None:
            value = cents
        else:
            continue
        if line_id != current:
            if current is not None:
                cells[current] = tuple(values)
            current, values = line_id, [None] * len(years)
        values[column[year]] = value
    if current is not None:
        cells[current] = tuple(values)

    children: dict[int | None, list] = defaultdict(list)
    for row in group_rows:
        children[row[3]].append(row)
    lines_of: dict[int, list] = defaultdict(list)
    for row in line_rows:
        lines_of[row[0]].append(row)
    groups: dict[int, GroupState] = {}
    lines: dict[int, LineState] = {}
    order: list[int] = []
    no_cells = Cells(years, (None,) * len(years))

    def walk(parent_id: int | None, path: tuple[str, ...]) -> None:
        for _position, group_id, origin, parent, number, name in sorted(children[parent_id]):
            label = group_label(number, name)
            groups[group_id] = GroupState(group_id, origin, parent, label, (*path, label))
            for _group, _place, line_id, line_origin, line_name, set_id in sorted(lines_of[group_id]):
                values = cells.get(line_id)
                lines[line_id] = LineState(line_id, line_origin, group_id, line_name,
                                           no_cells if values is None else Cells(years, values), set_id)
                order.append(line_id)
            walk(group_id, (*path, label))

    walk(None, ())
    return PlanLines(plan.id, plan.title, years, tuple(plan.own_years), groups, lines, tuple(order))


def cell_sums_of(lines: PlanLines) -> list[CellSum]:
    """The cell sums (app.services.budget.cell_sums) from lines already read: the cells are not
    read a second time for the totals and contributions. Amounts still in cents are added as
    whole numbers, and made a Decimal once per sum."""
    table: dict[tuple[int, int | None, int], list] = {}
    for line in lines.lines.values():
        cells = line.cells
        for year, value in (cells.raw() if isinstance(cells, Cells) else cells.items()):
            entry = table.setdefault((line.group_id, line.set_id, year), [ZERO, 0, 0])
            if type(value) is int:
                entry[2] += value
                continue
            if value.amount is not None:
                entry[0] += value.amount
            if value.marker is not None:
                entry[1] += 1
    return [CellSum(group, set_id, year, amount + from_scaled(cents, 2), markers)
            for (group, set_id, year), (amount, markers, cents) in table.items()]


# --- matching -------------------------------------------------------------------------------------

def text_key(text: str) -> str:
    return " ".join(text.split()).casefold()


def match_by_identity(before: Mapping[int, object], after: Mapping[int, object]) -> dict[int, int]:
    """after id -> before id for the rows one was copied from the other (either way, so a plan
    compares with its amendment in both directions) or both from the same row (two scenarios)."""
    matched: dict[int, int] = {}
    taken: set[int] = set()
    by_origin = {row.origin_id: row.id for row in before.values() if row.origin_id is not None}
    for row in after.values():
        candidate = None
        if row.origin_id is not None and row.origin_id in before:
            candidate = row.origin_id
        elif row.id in by_origin:
            candidate = by_origin[row.id]
        elif row.origin_id is not None and row.origin_id in by_origin:
            candidate = by_origin[row.origin_id]
        if candidate is not None and candidate not in taken:
            matched[row.id] = candidate
            taken.add(candidate)
    return matched


def match_groups(before: PlanLines, after: PlanLines) -> dict[int, int]:
    """after group id -> before group id: by identity, then by the same path of labels, then by a
    label found once in each plan."""
    matched = match_by_identity(before.groups, after.groups)
    taken = set(matched.values())
    by_path = {tuple(map(text_key, g.path)): g.id for g in before.groups.values()}
    for group in after.groups.values():
        if group.id in matched:
            continue
        candidate = by_path.get(tuple(map(text_key, group.path)))
        if candidate is not None and candidate not in taken:
            matched[group.id] = candidate
            taken.add(candidate)
    match_unique(matched, taken, before.groups, after.groups, lambda g: text_key(g.label))
    return matched


def match_unique(matched: dict[int, int], taken: set[int], before: Mapping, after: Mapping, key) -> None:
    """Match what is left by a key that occurs once among the unmatched rows of each side."""
    left_before: dict[str, list[int]] = defaultdict(list)
    for row in before.values():
        if row.id not in taken:
            left_before[key(row)].append(row.id)
    left_after: dict[str, list[int]] = defaultdict(list)
    for row in after.values():
        if row.id not in matched:
            left_after[key(row)].append(row.id)
    for name, ids in left_after.items():
        candidates = left_before.get(name, [])
        if len(ids) == 1 and len(candidates) == 1:
            matched[ids[0]] = candidates[0]
            taken.add(candidates[0])


def match_lines(before: PlanLines, after: PlanLines, groups: dict[int, int] | None = None) -> dict[int, int]:
    """after line id -> before line id: by identity, then by description within the matching group,
    then by a description found once among the lines left on each side (a line moved without a link)."""
    groups = match_groups(before, after) if groups is None else groups
    matched = match_by_identity(before.lines, after.lines)
    taken = set(matched.values())
    by_group_name: dict[tuple[int, str], list[int]] = defaultdict(list)
    for line in before.lines.values():
        if line.id not in taken:
            by_group_name[(line.group_id, text_key(line.name))].append(line.id)
    for line_id in after.order:
        if line_id in matched:
            continue
        line = after.lines[line_id]
        group = groups.get(line.group_id)
        candidates = [c for c in by_group_name.get((group, text_key(line.name)), []) if c not in taken]
        if candidates:
            matched[line_id] = candidates[0]
            taken.add(candidates[0])
    match_unique(matched, taken, before.lines, after.lines, lambda line: text_key(line.name))
    return matched


# --- one line -------------------------------------------------------------------------------------

def cell_text(value: CellValue | None) -> str:
    """A cell as the comparison shows it: an amount, a marker, "" when empty, "—" for no such year."""
    if value is None:
        return "—"
    return "" if value.is_empty else value.text()


@dataclass(frozen=True, slots=True)
class YearChange:
    year: int
    before: CellValue | None  # None: the plan has no such year column
    after: CellValue | None

    @property
    def difference(self) -> Decimal:
        """The difference in money; a marker counts as nothing, and so does a year only one plan
        has (2021 is not gone from 2023's plan, it is no column of it)."""
        if self.before is None or self.after is None:
            return ZERO
        return _amount(self.after) - _amount(self.before)

    @property
    def changed(self) -> bool:
        """The value differs (an amount, or a marker for another; "id" and "id." are one marker).
        A year only one plan has is no change (2022's first column is no longer in 2023's plan)."""
        if self.before is None or self.after is None:
            return False
        return (self.before.amount, self.before.marker) != (self.after.amount, self.after.marker)

    def text(self) -> str:
        """"PM → 25.000", "10.000 → 20.000"; the value alone when it did not change."""
        if not self.changed:
            return cell_text(self.after if self.after is not None else self.before)
        return f"{cell_text(self.before) or 'leeg'} → {cell_text(self.after) or 'leeg'}"


def _amount(value: CellValue | None) -> Decimal:
    return value.amount if value is not None and value.amount is not None else ZERO


@dataclass(frozen=True, slots=True)
class LineComparison:
    """One line of either plan or both. Its year cells are made when asked for (:attr:`cells`):
    a comparison of two 20,000-line plans keeps no 80,000 cell pairs it may never show."""

    before: LineState | None  # None: added
    after: LineState | None  # None: removed
    before_group: tuple[str, ...]
    after_group: tuple[str, ...]
    columns: tuple[tuple[int, bool, bool], ...]  # (year, in the older plan, in the newer): shared
    kinds: tuple[str, ...]  # in KIND_ORDER; empty: unchanged

    @property
    def name(self) -> str:
        return (self.after or self.before).name

    @property
    def group(self) -> tuple[str, ...]:
        """Where the line is now (where it was, for a removed line)."""
        return self.after_group if self.after is not None else self.before_group

    @property
    def changed(self) -> bool:
        return bool(self.kinds)

    @property
    def cells(self) -> tuple[YearChange, ...]:
        return tuple(self._change(*column) for column in self.columns)

    def _change(self, year: int, in_before: bool, in_after: bool) -> YearChange:
        before = (self.before.cells.get(year, EMPTY) if self.before is not None else EMPTY) if in_before else None
        after = (self.after.cells.get(year, EMPTY) if self.after is not None else EMPTY) if in_after else None
        return YearChange(year, before, after)

    def difference(self, year: int) -> Decimal:
        change = self.cell(year)
        return change.difference if change is not None else ZERO

    def cell(self, year: int) -> YearChange | None:
        return next((self._change(*column) for column in self.columns if column[0] == year), None)

    def description(self) -> str:
        """What happened to the line, in Dutch: "verplaatst van 1. … naar 2. …; hernoemd (was …)"."""
        parts = []
        for kind in self.kinds:
            if kind == MOVED:
                parts.append(f"verplaatst van {' › '.join(self.before_group)} naar {' › '.join(self.after_group)}")
            elif kind == RENAMED:
                parts.append(f"hernoemd (was “{self.before.name}”)")
            elif kind == CHANGED:
                years = [str(c.year) for c in self.cells if c.changed]
                parts.append(f"gewijzigd in {', '.join(years)}")
            else:
                parts.append(kind)
        return "; ".join(parts)


def year_columns(before: PlanLines, after: PlanLines) -> tuple[tuple[int, bool, bool], ...]:
    """Every year of either plan, and which plans have it: shared by all lines of a comparison."""
    return tuple((year, year in before.years, year in after.years)
                 for year in sorted(set(before.years) | set(after.years)))


def _same(a: CellValue, b: CellValue) -> bool:
    return a.amount == b.amount and a.marker is b.marker  # "id" and "id." are one marker


def compare_line(before: LineState | None, after: LineState | None, before_lines: PlanLines,
                 after_lines: PlanLines, columns: tuple[tuple[int, bool, bool], ...],
                 group_match: Mapping[int, int]) -> LineComparison:
    kinds = []
    if before is None:
        kinds.append(ADDED)
    elif after is None:
        kinds.append(REMOVED)
    else:
        if group_match.get(after.group_id) != before.group_id:
            kinds.append(MOVED)
        if text_key(after.name) != text_key(before.name):
            kinds.append(RENAMED)
        old, new = before.cells, after.cells
        if old != new and any(not _same(old.get(year, EMPTY), new.get(year, EMPTY))
                              for year, in_before, in_after in columns if in_before and in_after):
            kinds.append(CHANGED)
    return LineComparison(before, after,
                          before_lines.group_path(before.group_id) if before is not None else (),
                          after_lines.group_path(after.group_id) if after is not None else (),
                          columns, _KINDS.setdefault(tuple(kinds), tuple(kinds)))


# The few combinations of kinds, each one tuple shared by every line that has it.
_KINDS: dict[tuple[str, ...], tuple[str, ...]] = {}


# --- totals and contributions ---------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Pair:
    """A figure before and after; None where that plan has no such year (or group)."""

    before: Decimal | None
    after: Decimal | None
    in_both: bool = True  # False: a year only one plan has, which makes no difference

    @property
    def difference(self) -> Decimal:
        # A removed or added group differs by all it holds; a year one plan lacks by nothing.
        if not self.in_both:
            return ZERO
        return (self.after or ZERO) - (self.before or ZERO)

    @property
    def changed(self) -> bool:
        """The figure differs; a group that is gone (or new) differs by what it held, a year only
        one plan has does not."""
        return bool(self.difference) if (self.before is None or self.after is None) else self.before != self.after


@dataclass(frozen=True, slots=True)
class FigureRow:
    label: str
    level: int  # 0: a top group, a total or a municipality
    values: Mapping[int, Pair]

    @property
    def changed(self) -> bool:
        return any(p.changed for p in self.values.values())


@dataclass(frozen=True)
class TotalsComparison:
    years: tuple[int, ...]
    groups: tuple[FigureRow, ...]  # every group of either plan, subtotal before and after
    total: FigureRow
    funding: FigureRow
    saldo: FigureRow
    to_split: FigureRow  # what the key splits (the budget minus other funding), own years
    contribution_years: tuple[int, ...]
    contributions: tuple[FigureRow, ...]  # per municipality, whole euros
    contribution_problem: str = ""  # why contributions are missing, in Dutch


def _pairs(years, before: Mapping[int, Decimal] | None, after: Mapping[int, Decimal] | None,
           both: set[int]) -> dict[int, Pair]:
    """``both``: the years both plans have (a year only one has is shown, never a difference)."""
    before, after = before or {}, after or {}
    return {y: Pair(before.get(y), after.get(y), y in both) for y in years}


def _own(figures: BudgetFigures, values: Mapping[int, Decimal]) -> dict[int, Decimal]:
    """Only the plan's own years: a comparison column is never funded, so it has no saldo."""
    return {year: value for year, value in values.items() if year in figures.own_years}


def compare_totals(before_lines: PlanLines, after_lines: PlanLines, group_match: Mapping[int, int],
                   before: BudgetFigures, after: BudgetFigures,
                   before_split: Contributions | None, after_split: Contributions | None,
                   problem: str = "") -> TotalsComparison:
    """The figures of two plans side by side; no database (the view passes its cached figures)."""
    years = tuple(sorted(set(before.years) | set(after.years)))
    both = set(before.years) & set(after.years)
    split_both = set(before.own_years) & set(after.own_years)
    before_groups = {g.id: g for g in before.groups}
    rows: list[FigureRow] = []
    seen: set[int] = set()
    for group in after.groups:
        old = before_groups.get(group_match.get(group.id))
        if old is not None:
            seen.add(old.id)
        label = after_lines.groups[group.id].label if group.id in after_lines.groups else group.name
        rows.append(FigureRow(label, group.level, _pairs(years, old.totals if old else None, group.totals, both)))
    for group in before.groups:  # groups that are gone, after the ones that stayed
        if group.id not in seen:
            label = before_lines.groups[group.id].label if group.id in before_lines.groups else group.name
            rows.append(FigureRow(f"{label} (verwijderd)", group.level, _pairs(years, group.totals, None, both)))
    split_years = tuple(sorted(set(before.own_years) | set(after.own_years)))
    contributions = []
    if before_split is not None and after_split is not None:
        names = list(after_split.municipalities)
        names += [n for n in before_split.municipalities if n not in names]
        for name in names:
            contributions.append(FigureRow(name, 0, {
                y: Pair(before_split.by_year.get(y, {}).get(name) if y in before.own_years else None,
                        after_split.by_year.get(y, {}).get(name) if y in after.own_years else None,
                        y in split_both)
                for y in split_years}))
    elif not problem:
        problem = "De bijdragen per gemeente zijn niet te berekenen: de verdeelsleutel is niet compleet."
    return TotalsComparison(
        years, tuple(rows),
        FigureRow("Totaal", 0, _pairs(years, before.total, after.total, both)),
        FigureRow("Dekking", 0, _pairs(years, _own(before, before.funding), _own(after, after.funding), both)),
        FigureRow("Saldo", 0, _pairs(years, _own(before, before.balance), _own(after, after.balance), both)),
        FigureRow("Te verdelen over de gemeenten", 0,
                  _pairs(split_years, before.to_split, after.to_split, split_both)),
        split_years, tuple(contributions), problem)


# --- the whole comparison -------------------------------------------------------------------------

@dataclass
class BudgetComparison:
    """The budget lines of two plans side by side, in the newer plan's order (a removed line
    where it stood)."""

    before: PlanLines
    after: PlanLines
    years: tuple[int, ...]
    group_match: dict[int, int]
    line_match: dict[int, int]  # after line id -> before line id
    lines: list[LineComparison] = field(default_factory=list)

    def changed_lines(self) -> list[LineComparison]:
        return [line for line in self.lines if line.changed]

    def count(self, kind: str) -> int:
        return self.counts()[kind]

    def counts(self) -> dict[str, int]:
        """How many lines of each kind (KIND_ORDER), in one pass: the view asks on every typed cell."""
        tally = dict.fromkeys(KIND_ORDER, 0)
        for line in self.lines:
            for kind in line.kinds:
                tally[kind] += 1
        return tally

    def refresh(self, after: PlanLines, line_ids: Iterable[int]) -> list[int]:
        """Follow cell edits of the newer plan's lines: ``after`` holds them; returns the rows
        of ``lines`` that were compared again. The matching stays (cells do not move lines)."""
        self.after = after
        wanted = set(line_ids)
        rows = []
        for row, line in enumerate(self.lines):
            if line.after is not None and line.after.id in wanted:
                self.lines[row] = compare_line(line.before, after.lines[line.after.id], self.before, after,
                                               line.columns, self.group_match)
                rows.append(row)
        return rows


def compare_budget(before: PlanLines, after: PlanLines) -> BudgetComparison:
    years = tuple(sorted(set(before.years) | set(after.years)))
    columns = year_columns(before, after)
    groups = match_groups(before, after)
    matched = match_lines(before, after, groups)
    result = BudgetComparison(before, after, years, groups, matched)
    kept = set(matched.values())
    # A removed line goes after the last line of the newer plan that came before it in the older.
    removed_after: dict[int | None, list[int]] = defaultdict(list)
    previous: int | None = None
    reverse = {b: a for a, b in matched.items()}
    for line_id in before.order:
        if line_id in kept:
            previous = reverse[line_id]
        else:
            removed_after[previous].append(line_id)

    def add_removed(anchor: int | None) -> None:
        for line_id in removed_after.get(anchor, ()):
            result.lines.append(compare_line(before.lines[line_id], None, before, after, columns, groups))

    add_removed(None)
    for line_id in after.order:
        old = matched.get(line_id)
        result.lines.append(compare_line(before.lines[old] if old is not None else None, after.lines[line_id],
                                         before, after, columns, groups))
        add_removed(line_id)
    return result


@dataclass
class PlanComparison:
    """Everything that differs between two plans: the budget, the figures, staffing and outline."""

    before_title: str
    after_title: str
    budget: BudgetComparison
    totals: TotalsComparison
    staffing: list = field(default_factory=list)  # comparison_outline.StaffingChange
    outline: list = field(default_factory=list)  # comparison_outline.OutlineChange


PLAN_GONE = "Een van de twee plannen bestaat niet meer. Kies een ander plan om mee te vergelijken."
OTHER_REGION = ("Alleen plannen van dezelfde regio zijn te vergelijken. Kies een plan van dezelfde regio "
                "om mee te vergelijken.")


def comparable_plans(session: Session, before_id: int, after_id: int) -> tuple[Plan, Plan]:
    """The two plans, or EditError (in Dutch) when one is gone or they are of different regions."""
    from app.services.edit_errors import EditError

    before, after = session.get(Plan, before_id), session.get(Plan, after_id)
    if before is None or after is None:
        raise EditError(PLAN_GONE)
    if before.region_id != after.region_id:
        raise EditError(OTHER_REGION)
    return before, after


def compare_plans(workspace, before_id: int, after_id: int) -> PlanComparison:
    """Compare plan ``after_id`` with plan ``before_id`` (the command line, the PDF and Excel): one
    session, each plan's cells read once, the collector paused (thousands of small objects, no
    cycles)."""
    from app.services.budget import budget_structure, funding_parts
    from app.services.comparison_outline import compare_outline, compare_staffing, load_outline
    from app.services.contributions import split_basis
    from app.services.figures import budget_and_contributions
    from app.services.staffing import staffing_figures

    with gc_paused(), workspace.session() as session:
        plans = comparable_plans(session, before_id, after_id)
        lines = tuple(load_plan_lines(session, plan) for plan in plans)
        outlines = tuple(load_outline(session, plan) for plan in plans)
        parts = [budget_and_contributions(budget_structure(session, plan), cell_sums_of(read),
                                          funding_parts(session, plan), split_basis(session, plan))
                 for plan, read in zip(plans, lines)]
        staffing = [staffing_figures(session, plan) for plan in plans]
        titles = plans[0].title, plans[1].title
        budget = compare_budget(*lines)
        (before_figures, before_split, before_problem), (after_figures, after_split, after_problem) = parts
        totals = compare_totals(lines[0], lines[1], budget.group_match, before_figures, after_figures,
                                before_split, after_split, after_problem or before_problem)
        project_match = outlines[1].match(outlines[0])
        return PlanComparison(titles[0], titles[1], budget, totals,
                              compare_staffing(staffing[0], staffing[1], project_match),
                              compare_outline(outlines[0], outlines[1], project_match))
