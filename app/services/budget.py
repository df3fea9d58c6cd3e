"""Budget figures: totals per group and year, grand totals, funding and balance.

Sums are done by the database over integer cents; only the group roll-up is
done here. Markers (PM, id., doorlopend) are never amounts: every total says
how many marker cells it left out.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import BudgetCell, BudgetGroup, BudgetLine, FundingAmount, FundingSource, Plan

ZERO = Decimal("0.00")


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


def budget_figures(session: Session, plan: Plan) -> BudgetFigures:
    years = plan.years
    groups = _group_tree(session, plan)
    by_id = {g.id: g for g in groups}
    for g in groups:
        g.totals = {y: ZERO for y in years}
        g.markers_left_out = {y: 0 for y in years}

    sums = session.execute(
        select(
            BudgetLine.group_id,
            BudgetCell.year,
            func.sum(BudgetCell.amount),
            func.count(BudgetCell.marker),
        )
        .join(BudgetCell.line)
        .join(BudgetLine.group)
        .where(BudgetGroup.plan_id == plan.id, BudgetCell.year.between(years[0], years[-1]))
        .group_by(BudgetLine.group_id, BudgetCell.year)
    )
    line_counts = dict(
        session.execute(
            select(BudgetLine.group_id, func.count(BudgetLine.id))
            .join(BudgetLine.group)
            .where(BudgetGroup.plan_id == plan.id)
            .group_by(BudgetLine.group_id)
        ).all()
    )
    # Roll each group's own sums up through its ancestors.
    for group_id, year, amount, markers in sums:
        node = by_id.get(group_id)
        while node is not None:
            node.totals[year] += amount or ZERO
            node.markers_left_out[year] += markers
            node = by_id.get(node.parent_id)
    for group_id, count in line_counts.items():
        node = by_id.get(group_id)
        while node is not None:
            node.line_count += count
            node = by_id.get(node.parent_id)

    roots = [g for g in groups if g.parent_id is None]
    total = {y: sum((g.totals[y] for g in roots), ZERO) for y in years}
    markers = {y: sum(g.markers_left_out[y] for g in roots) for y in years}
    return BudgetFigures(years, groups, total, markers, funding_totals(session, plan))


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
