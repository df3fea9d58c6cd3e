"""Budget figures: totals per group and year, grand totals, funding and balance.

Sums are done by the database over integer cents; only the group roll-up is
done here. Markers (PM, id., doorlopend) are never amounts: every total says
how many marker cells it left out.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import BigInteger, func, select, type_coerce
from sqlalchemy.orm import Session

from app.models import BudgetCell, BudgetGroup, BudgetLine, FundingAmount, FundingKind, FundingSource, Plan
from app.models.numbers import from_scaled
from app.services.plain_read import plain_rows

if TYPE_CHECKING:
    from app.services.cell_input import CellValue

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class CellDelta:
    """A budget year cell as an edit wrote it: its value before and after."""

    line_id: int
    year: int
    old: CellValue
    new: CellValue
    # (group id, own set id) of the line, where its cells count in the cell sums, as read when the
    # edit was written (None: not known, looked up); see budget_edit.WrittenCells.
    sum_key: tuple[int, int | None] | None = None


@dataclass
class GroupFigures:
    id: int
    parent_id: int | None
    number: str
    name: str
    level: int
    shows_subtotal: bool
    totals: dict[int, Decimal] = field(default_factory=dict)
    markers_left_out: dict[int, int] = field(default_factory=dict)
    line_count: int = 0  # lines in this group and all groups below it


@dataclass
class BudgetFigures:
    """Never changed once made: an edit makes new figures (:func:`figures_after`) that share
    what it did not change, so a view can keep the figures it shows and compare."""

    years: list[int]  # every year column, comparison columns first
    groups: list[GroupFigures]  # depth first, in the order of the budget
    total: dict[int, Decimal]
    markers_left_out: dict[int, int]
    funding: dict[int, Decimal]  # every source
    own_years: list[int] = field(default_factory=list)  # what the plan budgets and must fund
    municipal_funding: dict[int, Decimal] = field(default_factory=dict)  # paid through the key
    other_funding: dict[int, Decimal] = field(default_factory=dict)  # all other sources
    comparison_realised: bool = False  # the comparison columns hold last year's realisatie
    # Each group's index in ``groups`` (made when first needed; shared by the figures an edit
    # makes from these, whose groups stay in the same order).
    _positions: dict[int, int] | None = field(default=None, repr=False, compare=False)

    @property
    def balance(self) -> dict[int, Decimal]:
        """Saldo: funding minus budget, per year."""
        return {y: self.funding[y] - self.total[y] for y in self.years}

    @property
    def to_split(self) -> dict[int, Decimal]:
        """What the key splits over the municipalities: the budget minus the other funding,
        per own year (te verdelen bedrag)."""
        return {y: self.total[y] - self.other_funding.get(y, ZERO) for y in self.own_years}

    @property
    def comparison_years(self) -> list[int]:
        return [y for y in self.years if y not in self.own_years]

    def positions(self) -> dict[int, int]:
        """Each group's index in ``groups``."""
        if self._positions is None:
            self._positions = {g.id: i for i, g in enumerate(self.groups)}
        return self._positions

    def group(self, group_id: int) -> GroupFigures:
        # Looked up, not searched: the budget sheet asks for every subtotal row it paints.
        index = self.positions().get(group_id)
        if index is None:
            return next(g for g in self.groups if g.id == group_id)  # (raises StopIteration, as it did)
        return self.groups[index]


@dataclass(frozen=True)
class CellSum:
    """The cells of one group's lines that one municipality set shares, in one year."""

    group_id: int
    set_id: int | None  # the lines' own set (None: the group's, or the whole region)
    year: int
    amount: Decimal
    markers: int


def cell_sums(session: Session, plan: Plan) -> list[CellSum]:
    """Every budget cell of the plan, summed by the database per group, line set and year.

    The one pass over the cells that both the totals and the contributions are made from. Read as
    the driver's tuples (cents as whole numbers): at 20,000 lines the ORM's rows and per-value
    conversions were a quarter of the time.
    """
    years = plan.years
    rows = plain_rows(session.connection(), (
        select(
            BudgetLine.group_id,
            BudgetLine.municipality_set_id,
            BudgetCell.year,
            type_coerce(func.sum(BudgetCell.amount), BigInteger),
            func.count(BudgetCell.marker),
        )
        .join(BudgetCell.line)
        .join(BudgetLine.group)
        .where(BudgetGroup.plan_id == plan.id, BudgetCell.year.between(years[0], years[-1]))
        .group_by(BudgetLine.group_id, BudgetLine.municipality_set_id, BudgetCell.year)))
    return [CellSum(g, s, y, ZERO if cents is None else from_scaled(cents, 2), markers)
            for g, s, y, cents, markers in rows]


def cell_sum_keys(session: Session, line_ids) -> dict[int, tuple[int, int | None]]:
    """(group id, line set id) of each line: where its cells count in the cell sums."""
    rows = session.execute(select(BudgetLine.id, BudgetLine.group_id, BudgetLine.municipality_set_id)
                           .where(BudgetLine.id.in_(list(line_ids))))
    return {line_id: (group_id, set_id) for line_id, group_id, set_id in rows}


@dataclass(frozen=True)
class SumChange:
    """One cell sum (group, line set, year) moved by a cell edit: by ``amount`` and ``markers``;
    ``created``: the sum did not exist before (a first cell of its group, set and year)."""

    group_id: int
    set_id: int | None
    year: int
    amount: Decimal
    markers: int
    created: bool = False


class CellSumTable:
    """The cell sums (:func:`cell_sums`) as a table that follows the cell edits in place: an edit
    moves the one sum its cell counts in by the exact difference (Decimal), so a cell edit costs
    the same in a budget of 20 or 20,000 lines. A sum emptied by an edit stays, as zero."""

    def __init__(self, sums: Iterable[CellSum]) -> None:
        self._entries: dict[tuple[int, int | None, int], list] = {
            (s.group_id, s.set_id, s.year): [s.amount, s.markers] for s in sums}
        # (group id, own set id) of the lines edited so far (cell_sum_keys): they stay while
        # the table does (a line moved or given another set changes the structure: a new table).
        self.line_keys: dict[int, tuple[int, int | None]] = {}

    def sums(self) -> list[CellSum]:
        return [CellSum(g, s, y, amount, markers) for (g, s, y), (amount, markers) in self._entries.items()]

    def apply(self, keys: dict[int, tuple[int, int | None]], changes) -> list[SumChange]:
        """Move the sums by the cell changes (CellDelta) just written; ``keys``: each line's
        (group id, own set id), see :func:`cell_sum_keys`. Returns what moved, per cell."""
        moved = []
        for delta in changes:
            group_id, set_id = keys[delta.line_id]
            amount = (delta.new.amount or ZERO) - (delta.old.amount or ZERO)
            markers = (delta.new.marker is not None) - (delta.old.marker is not None)
            entry = self._entries.get((group_id, set_id, delta.year))
            created = entry is None
            if created:
                entry = self._entries[(group_id, set_id, delta.year)] = [ZERO, 0]
            entry[0] += amount
            entry[1] += markers
            moved.append(SumChange(group_id, set_id, delta.year, amount, markers, created))
        return moved


@dataclass(frozen=True)
class BudgetStructure:
    """The budget's group tree with line counts: what the totals are rolled up through.

    Changes only when groups or lines are added, moved or deleted, so an editor keeps it
    while cells change."""

    years: list[int]
    groups: list[tuple]  # (id, parent_id, number, name, level, shows_subtotal, line_count), depth first
    own_years: list[int] = field(default_factory=list)  # the years after the comparison columns
    comparison_realised: bool = False


def budget_structure(session: Session, plan: Plan) -> BudgetStructure:
    tree = _group_tree(session, plan)
    by_id = {g.id: g for g in tree}
    line_counts = session.execute(
        select(BudgetLine.group_id, func.count(BudgetLine.id))
        .join(BudgetLine.group)
        .where(BudgetGroup.plan_id == plan.id)
        .group_by(BudgetLine.group_id))
    for group_id, count in line_counts:
        node = by_id.get(group_id)
        while node is not None:
            node.line_count += count
            node = by_id.get(node.parent_id)
    return BudgetStructure(plan.years, [(g.id, g.parent_id, g.number, g.name, g.level, g.shows_subtotal,
                                         g.line_count) for g in tree], plan.own_years, plan.comparison_realised)


def figures_from(structure: BudgetStructure, sums: list[CellSum],
                 funding: FundingParts) -> BudgetFigures:
    """The budget figures from the structure, the cell sums and the funding: no database."""
    years = structure.years
    groups = [GroupFigures(gid, parent, number, name, level, shows, {y: ZERO for y in years},
                           {y: 0 for y in years}, count)
              for gid, parent, number, name, level, shows, count in structure.groups]
    by_id = {g.id: g for g in groups}
    # Roll each group's own sums up through its ancestors.
    for cell_sum in sums:
        if cell_sum.year not in years:
            continue
        node = by_id.get(cell_sum.group_id)
        while node is not None:
            node.totals[cell_sum.year] += cell_sum.amount
            node.markers_left_out[cell_sum.year] += cell_sum.markers
            node = by_id.get(node.parent_id)
    roots = [g for g in groups if g.parent_id is None]
    total = {y: sum((g.totals[y] for g in roots), ZERO) for y in years}
    markers = {y: sum(g.markers_left_out[y] for g in roots) for y in years}
    return BudgetFigures(years, groups, total, markers, dict(funding.totals), list(structure.own_years),
                         dict(funding.municipal), funding.other_by_year(), structure.comparison_realised)


def figures_after(figures: BudgetFigures, changes: Iterable[SumChange]) -> BudgetFigures:
    """``figures`` after the cell sums moved by ``changes`` (:meth:`CellSumTable.apply`), equal to
    :func:`figures_from` of the moved sums: only each changed group and its ancestors are new
    (their totals moved by the exact difference), and the total of the year. The other groups
    are shared with ``figures``, which stays as it was (a view may still hold it)."""
    positions = figures.positions()
    years = set(figures.years)
    groups: list[GroupFigures] | None = None
    copied: dict[int, GroupFigures] = {}
    total, markers = figures.total, figures.markers_left_out
    for change in changes:
        if change.year not in years or (not change.amount and not change.markers):
            continue
        if groups is None:
            groups, total, markers = list(figures.groups), dict(total), dict(markers)
        year, node, index = change.year, None, positions.get(change.group_id)
        # Up the group's chain, as figures_from rolls a sum up through its ancestors.
        while index is not None:
            node = copied.get(index)
            if node is None:
                old = groups[index]
                node = copied[index] = groups[index] = replace(
                    old, totals=dict(old.totals), markers_left_out=dict(old.markers_left_out))
            node.totals[year] += change.amount
            node.markers_left_out[year] += change.markers
            index = positions.get(node.parent_id) if node.parent_id is not None else None
        if node is not None and node.parent_id is None:  # the chain reached a top-level group
            total[year] += change.amount
            markers[year] += change.markers
    if groups is None:
        return figures
    return replace(figures, groups=groups, total=total, markers_left_out=markers, _positions=positions)


def budget_figures(session: Session, plan: Plan, sums: list[CellSum] | None = None,
                   structure: BudgetStructure | None = None,
                   funding: FundingParts | None = None) -> BudgetFigures:
    """Totals per group and year, grand totals and funding; parts already known may be passed."""
    return figures_from(structure or budget_structure(session, plan),
                        cell_sums(session, plan) if sums is None else sums,
                        funding_parts(session, plan) if funding is None else funding)


@dataclass(frozen=True)
class Earmark:
    """Other funding for one group or one line in one year: it lowers that part only."""

    source: str
    year: int
    amount: Decimal
    group_id: int | None  # a group: its lines are lowered pro rata
    group_name: str = ""
    line_id: int | None = None  # a line: it is lowered by the amount
    line_name: str = ""
    line_group_id: int | None = None
    line_set_id: int | None = None  # the line's own set (None: its group's)
    line_amount: Decimal = ZERO  # the line's amount that year


@dataclass(frozen=True)
class FundingParts:
    """The dekking per year by who pays it: the municipalities through the key, or others
    (not earmarked: lowering every line pro rata; earmarked: lowering one group or line)."""

    totals: dict[int, Decimal]  # every source
    municipal: dict[int, Decimal]
    other: dict[int, Decimal]  # other sources without an earmark
    earmarks: tuple[Earmark, ...] = ()

    def other_by_year(self) -> dict[int, Decimal]:
        """All other funding per year, earmarked or not."""
        result = dict(self.other)
        for earmark in self.earmarks:
            result[earmark.year] = result.get(earmark.year, ZERO) + earmark.amount
        return result


def funding_parts(session: Session, plan: Plan) -> FundingParts:
    years = plan.years
    rows = session.execute(
        select(FundingSource.name, FundingSource.kind, FundingSource.earmark_group_id,
               FundingSource.earmark_line_id, FundingAmount.year, FundingAmount.amount)
        .join(FundingAmount.source)
        .where(FundingSource.plan_id == plan.id, FundingAmount.year.between(years[0], years[-1]))
    ).all()
    return funding_parts_from(session, plan, rows)


def funding_parts_from(session: Session, plan: Plan, rows,
                       line_amounts: dict[int, dict[int, Decimal]] | None = None) -> FundingParts:
    """FundingParts of ``rows`` (name, kind, earmark group and line, year, amount per source and
    year): the budgeted dekking, or what was received (the afrekening, with the lines' realised
    costs as ``line_amounts`` for an earmark on a line, instead of their budget)."""
    years = plan.years
    totals, municipal, other = ({y: ZERO for y in years} for _ in range(3))
    rows = [r for r in rows if r.year in totals]
    lines = _earmarked_lines(session, {r.earmark_line_id for r in rows
                                       if r.kind is FundingKind.OTHER and r.earmark_line_id})
    if line_amounts is not None:
        for line_id, (name, group_id, set_id, _budget) in list(lines.items()):
            lines[line_id] = (name, group_id, set_id, line_amounts.get(line_id, {}))
    earmarks = []
    for row in rows:
        totals[row.year] += row.amount
        if row.kind is FundingKind.MUNICIPAL:
            municipal[row.year] += row.amount
        elif row.earmark_line_id in lines:
            name, group_id, set_id, amounts = lines[row.earmark_line_id]
            earmarks.append(Earmark(row.name, row.year, row.amount, None, "", row.earmark_line_id, name,
                                    group_id, set_id, amounts.get(row.year, ZERO)))
        elif row.earmark_group_id is not None:
            earmarks.append(Earmark(row.name, row.year, row.amount, row.earmark_group_id,
                                    session.get(BudgetGroup, row.earmark_group_id).name))
        else:
            other[row.year] += row.amount
    return FundingParts(totals, municipal, other, tuple(earmarks))


def _earmarked_lines(session: Session, line_ids) -> dict[int, tuple]:
    """(name, group id, own set id, {year: amount}) of each earmarked line."""
    if not line_ids:
        return {}
    found = {line_id: (name, group_id, set_id, {}) for line_id, name, group_id, set_id in session.execute(
        select(BudgetLine.id, BudgetLine.name, BudgetLine.group_id, BudgetLine.municipality_set_id)
        .where(BudgetLine.id.in_(line_ids)))}
    for line_id, year, amount in session.execute(
            select(BudgetCell.line_id, BudgetCell.year, BudgetCell.amount)
            .where(BudgetCell.line_id.in_(line_ids), BudgetCell.amount.is_not(None))):
        found[line_id][3][year] = amount
    return found


def _group_tree(session: Session, plan: Plan) -> list[GroupFigures]:
    rows = session.execute(
        select(
            BudgetGroup.id, BudgetGroup.parent_id, BudgetGroup.position, BudgetGroup.number,
            BudgetGroup.name, BudgetGroup.shows_subtotal,
        ).where(BudgetGroup.plan_id == plan.id)
    ).all()
    children: dict[int | None, list] = defaultdict(list)
    for row in rows:
        children[row.parent_id].append(row)
    ordered: list[GroupFigures] = []

    def walk(parent_id: int | None, level: int) -> None:
        for row in sorted(children[parent_id], key=lambda r: (r.position, r.id)):
            ordered.append(GroupFigures(row.id, row.parent_id, row.number, row.name, level,
                                        row.shows_subtotal))
            walk(row.id, level + 1)

    walk(None, 0)
    return ordered
