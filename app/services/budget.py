"""Budget figures: totals per group and year, grand totals, funding and balance.

Sums are done by the database over integer cents; only the group roll-up is
done here. Markers (PM, id., doorlopend) are never amounts: every total says
how many marker cells it left out.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import BudgetCell, BudgetGroup, BudgetLine, FundingAmount, FundingSource, Plan

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
    years: list[int]
    groups: list[GroupFigures]  # depth first, in the order of the budget
    total: dict[int, Decimal]
    markers_left_out: dict[int, int]
    funding: dict[int, Decimal]

    @property
    def balance(self) -> dict[int, Decimal]:
        """Saldo: funding minus budget, per year."""
        return {y: self.funding[y] - self.total[y] for y in self.years}

    def group(self, group_id: int) -> GroupFigures:
        return next(g for g in self.groups if g.id == group_id)


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

    The one pass over the cells that both the totals and the contributions are made from.
    """
    years = plan.years
    rows = session.execute(
        select(
            BudgetLine.group_id,
            BudgetLine.municipality_set_id,
            BudgetCell.year,
            func.sum(BudgetCell.amount),
            func.count(BudgetCell.marker),
        )
        .join(BudgetCell.line)
        .join(BudgetLine.group)
        .where(BudgetGroup.plan_id == plan.id, BudgetCell.year.between(years[0], years[-1]))
        .group_by(BudgetLine.group_id, BudgetLine.municipality_set_id, BudgetCell.year)
    )
    return [CellSum(g, s, y, amount if amount is not None else ZERO, markers)
            for g, s, y, amount, markers in rows]


def cell_sum_keys(session: Session, line_ids) -> dict[int, tuple[int, int | None]]:
    """(group id, line set id) of each line: where its cells count in the cell sums."""
    rows = session.execute(select(BudgetLine.id, BudgetLine.group_id, BudgetLine.municipality_set_id)
                           .where(BudgetLine.id.in_(list(line_ids))))
    return {line_id: (group_id, set_id) for line_id, group_id, set_id in rows}


def adjusted_sums(sums: list[CellSum], keys: dict[int, tuple[int, int | None]], changes) -> list[CellSum]:
    """The cell sums after cells changed (``changes``: CellDelta).

    Exact Decimal arithmetic on the affected sums only, so editing one cell of a large
    budget does not sum all its cells again; the result equals :func:`cell_sums` of the file.
    """
    table = {(s.group_id, s.set_id, s.year): [s.amount, s.markers] for s in sums}
    for delta in changes:
        group_id, set_id = keys[delta.line_id]
        entry = table.setdefault((group_id, set_id, delta.year), [ZERO, 0])
        entry[0] += (delta.new.amount or ZERO) - (delta.old.amount or ZERO)
        entry[1] += (delta.new.marker is not None) - (delta.old.marker is not None)
    return [CellSum(g, s, y, amount, markers) for (g, s, y), (amount, markers) in table.items()]


@dataclass(frozen=True)
class BudgetStructure:
    """The budget's group tree with line counts: what the totals are rolled up through.

    Changes only when groups or lines are added, moved or deleted, so an editor keeps it
    while cells change."""

    years: list[int]
    groups: list[tuple]  # (id, parent_id, number, name, level, shows_subtotal, line_count), depth first


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
                                         g.line_count) for g in tree])


def figures_from(structure: BudgetStructure, sums: list[CellSum],
                 funding: dict[int, Decimal]) -> BudgetFigures:
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
    return BudgetFigures(years, groups, total, markers, dict(funding))


def budget_figures(session: Session, plan: Plan, sums: list[CellSum] | None = None,
                   structure: BudgetStructure | None = None,
                   funding: dict[int, Decimal] | None = None) -> BudgetFigures:
    """Totals per group and year, grand totals and funding; parts already known may be passed."""
    return figures_from(structure or budget_structure(session, plan),
                        cell_sums(session, plan) if sums is None else sums,
                        funding_totals(session, plan) if funding is None else funding)


def funding_totals(session: Session, plan: Plan) -> dict[int, Decimal]:
    totals = {y: ZERO for y in plan.years}
    rows = session.execute(
        select(FundingAmount.year, func.sum(FundingAmount.amount))
        .join(FundingAmount.source)
        .where(FundingSource.plan_id == plan.id)
        .group_by(FundingAmount.year)
    )
    for year, amount in rows:
        if year in totals:
            totals[year] = amount or ZERO
    return totals


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
