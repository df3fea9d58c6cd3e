"""De afrekening: what each municipality paid in advance (its contribution on the budget) against
its share of what was really spent, under the same key and sets, and the difference to be paid
(positive) or refunded (negative), in whole euros.

The share is the budget split done again on the realised costs (the bookings of kind realisatie
on the lines, per group, line set and year) less the other funding really received (the bookings
on the sources that are not the municipalities', earmarked ones lowering their own group or line),
so a line shared by a set (H8) is settled by that set only. Advances and shares each add up
exactly to their rounded totals (largest remainder), so the differences add up exactly to the
difference of the totals.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import UserError
from app.models import BudgetGroup, BudgetLine, FundingSource, Plan
from app.models.actuals import ActualEntry, ActualKind
from app.services.budget import CellSum, funding_parts_from
from app.services.contributions import budget_contributions, split_basis, split_budget

ZERO = Decimal("0.00")


@dataclass(frozen=True, slots=True)
class SettlementRow:
    municipality: str
    advance: Decimal  # its contribution on the budget
    share: Decimal  # its share of the realised costs
    difference: Decimal  # share - advance: to pay (> 0) or to get back (< 0)


@dataclass
class Settlement:
    year: int
    rows: list[SettlementRow] = field(default_factory=list)
    realised: Decimal = ZERO  # the realised costs
    other_income: Decimal = ZERO  # other funding received
    to_split: Decimal = ZERO  # realised costs less other funding received: what the shares add up to
    budget_to_split: Decimal = ZERO  # what the advances add up to
    problem: str = ""  # why there is no settlement (the key; other funding above the costs)

    @property
    def advance_total(self) -> Decimal:
        return sum((r.advance for r in self.rows), ZERO)

    @property
    def share_total(self) -> Decimal:
        return sum((r.share for r in self.rows), ZERO)

    @property
    def difference_total(self) -> Decimal:
        return sum((r.difference for r in self.rows), ZERO)


def realised_sums(session: Session, plan: Plan) -> list[CellSum]:
    """The realised costs per group, line set and year, as the budget's cell sums are."""
    rows = session.execute(
        select(BudgetLine.group_id, BudgetLine.municipality_set_id, ActualEntry.year, func.sum(ActualEntry.amount))
        .join(BudgetLine, BudgetLine.id == ActualEntry.line_id).join(BudgetLine.group)
        .where(BudgetGroup.plan_id == plan.id, ActualEntry.kind == ActualKind.REALISED)
        .group_by(BudgetLine.group_id, BudgetLine.municipality_set_id, ActualEntry.year))
    return [CellSum(group_id, set_id, year, amount or ZERO, 0) for group_id, set_id, year, amount in rows]


def received_funding(session: Session, plan: Plan, line_costs: dict[int, dict[int, Decimal]]):
    """The funding really received, by who pays it (FundingParts), from the bookings on the sources."""
    rows = session.execute(
        select(FundingSource.name, FundingSource.kind, FundingSource.earmark_group_id,
               FundingSource.earmark_line_id, ActualEntry.year, func.sum(ActualEntry.amount).label("amount"))
        .join(FundingSource, FundingSource.id == ActualEntry.source_id)
        .where(FundingSource.plan_id == plan.id)
        .group_by(FundingSource.id, ActualEntry.year)).all()
    return funding_parts_from(session, plan, rows, line_costs)


def _line_costs(session: Session, plan: Plan) -> dict[int, dict[int, Decimal]]:
    costs: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for line_id, year, amount in session.execute(
            select(ActualEntry.line_id, ActualEntry.year, func.sum(ActualEntry.amount))
            .join(BudgetLine, BudgetLine.id == ActualEntry.line_id).join(BudgetLine.group)
            .where(BudgetGroup.plan_id == plan.id, ActualEntry.kind == ActualKind.REALISED)
            .group_by(ActualEntry.line_id, ActualEntry.year)):
        costs[line_id][year] = amount or ZERO
    return costs


def plan_settlement(session: Session, plan: Plan) -> dict[int, Settlement]:
    """The afrekening of each of the plan's own years."""
    years = list(plan.own_years)
    basis = split_basis(session, plan)
    result = {year: Settlement(year) for year in years}
    try:
        advances = budget_contributions(session, plan, basis=basis)
        sums = realised_sums(session, plan)
        funding = received_funding(session, plan, _line_costs(session, plan))
        shares = split_budget(basis, sums, funding)
    except UserError as exc:
        for settlement in result.values():
            settlement.problem = exc.message
        return result
    other = funding.other_by_year()
    for year in years:
        settlement = result[year]
        settlement.realised = sum((s.amount for s in sums if s.year == year), ZERO)
        settlement.other_income = other.get(year, ZERO)
        settlement.to_split = shares.totals[year]
        settlement.budget_to_split = advances.totals[year]
        settlement.rows = [SettlementRow(name, advances.by_year[year][name], shares.by_year[year][name],
                                         shares.by_year[year][name] - advances.by_year[year][name])
                           for name in advances.municipalities]
    return result
