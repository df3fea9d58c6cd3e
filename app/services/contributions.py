"""Bijdrage per gemeente: each municipality's share of the budget, in whole euros.

Each line is shared by its own set of municipalities (the line's set, else
its group's, else the whole region), in proportion to the allocation key.
The exact shares are summed per municipality and only then rounded, with the
largest-remainder method, so the parts add up exactly to the total.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import UserError
from app.formatting import format_percentage
from app.models import (
    AllocationKey,
    BudgetGroup,
    FixedSettlement,
    FixedSettlementAmount,
    KeyMethod,
    Municipality,
    MunicipalitySet,
    Plan,
)
from app.models.numbers import round_money, round_to_euros
from app.models.region import municipality_set_member
from app.services.apportion import largest_remainder
from app.services.budget import CellSum, cell_sums

HUNDRED = Decimal("100.00")


class AllocationKeyProblem(UserError, ValueError):
    """The allocation key cannot be used; ``message`` says why, in Dutch."""


@dataclass
class Contributions:
    municipalities: list[str]  # in the region's order
    by_year: dict[int, dict[str, Decimal]]  # whole euros, adding up to the year's total
    totals: dict[int, Decimal]  # the rounded totals that were split


def key_weights(key: AllocationKey | None) -> dict[int, Fraction]:
    """Exact weight per municipality id; raises AllocationKeyProblem when the key is unusable."""
    if key is None:
        raise AllocationKeyProblem("Dit plan heeft geen verdeelsleutel; kies er een bij Verdeelsleutel.")
    if key.method is KeyMethod.PERCENTAGE:
        missing = [s.municipality.name for s in key.shares if s.percentage is None]
        if missing:
            raise AllocationKeyProblem(f"Verdeelsleutel '{key.name}': geen percentage voor {', '.join(missing)}.")
        total = sum((s.percentage for s in key.shares), Decimal(0))
        if total != HUNDRED:
            raise AllocationKeyProblem(
                f"Verdeelsleutel '{key.name}' telt op tot {format_percentage(total)} in plaats van "
                f"100,00 %. Pas de percentages aan; Planbord normaliseert ze niet."
            )
        return {s.municipality_id: Fraction(s.percentage) for s in key.shares}
    missing = [s.municipality.name for s in key.shares if s.basis is None or s.basis < 0]
    if missing:
        raise AllocationKeyProblem(f"Verdeelsleutel '{key.name}': geen geldig basisgetal voor {', '.join(missing)}.")
    if sum(s.basis for s in key.shares) <= 0:
        raise AllocationKeyProblem(f"Verdeelsleutel '{key.name}': de basisgetallen tellen op tot nul.")
    return {s.municipality_id: Fraction(s.basis) for s in key.shares}


def key_percentages(key: AllocationKey) -> dict[int, Decimal]:
    """Each municipality's share in percent with two decimals (for display and print)."""
    weights = key_weights(key)
    whole = sum(weights.values())
    ids = [s.municipality_id for s in key.shares]
    exact = {m: weights[m] / whole * 10000 for m in ids}
    basis_points = largest_remainder(10000, exact, ids)  # shown shares add up to 100,00 %
    return {m: Decimal(basis_points[m]).scaleb(-2) for m in ids}


@dataclass(frozen=True)
class SplitBasis:
    """What a split needs besides the amounts: the municipalities, the key's exact weights,
    the sets' members and the set each budget group shares its lines by. Changes only with
    the key or the budget's structure, so an editor keeps it while cells change."""

    years: list[int]
    ids: list[int]  # municipality ids in the region's order
    names: dict[int, str]
    weights: dict[int, Fraction] | None  # None: the key cannot be used (see ``problem``)
    problem: str
    set_members: dict[int, list[int]]
    group_sets: dict[int, int | None]


def split_basis(session: Session, plan: Plan) -> SplitBasis:
    municipalities = session.execute(
        select(Municipality.id, Municipality.name).where(Municipality.region_id == plan.region_id)
        .order_by(Municipality.position, Municipality.id)).all()
    try:
        weights, problem = key_weights(plan.allocation_key), ""
    except AllocationKeyProblem as exc:
        weights, problem = None, exc.message
    return SplitBasis(plan.years, [m.id for m in municipalities], {m.id: m.name for m in municipalities},
                      weights, problem, _set_members(session, plan), _group_sets(session, plan))


def budget_contributions(session: Session, plan: Plan, sums: list[CellSum] | None = None,
                         basis: SplitBasis | None = None) -> Contributions:
    """Each municipality's share of the budget per year; raises AllocationKeyProblem."""
    # The database sums per group, line set and year first (cell_sums): a large plan then
    # needs a handful of exact splits instead of one per cell.
    sums = cell_sums(session, plan) if sums is None else sums
    basis = basis or split_basis(session, plan)
    return split(basis, [(s.year, s.amount, s.set_id or basis.group_sets.get(s.group_id)) for s in sums])


def fixed_settlement_contributions(session: Session, plan: Plan,
                                   basis: SplitBasis | None = None) -> Contributions:
    rows = session.execute(
        select(FixedSettlementAmount.year, func.sum(FixedSettlementAmount.amount),
               FixedSettlement.municipality_set_id)
        .join(FixedSettlementAmount.settlement)
        .where(FixedSettlement.plan_id == plan.id)
        .group_by(FixedSettlementAmount.year, FixedSettlement.municipality_set_id)
    ).all()
    return split(basis or split_basis(session, plan), rows)


def _group_sets(session: Session, plan: Plan) -> dict[int, int | None]:
    """The set each group shares its lines by: its own, else the nearest ancestor's."""
    rows = session.execute(
        select(BudgetGroup.id, BudgetGroup.parent_id, BudgetGroup.municipality_set_id)
        .where(BudgetGroup.plan_id == plan.id)
    ).all()
    parent = {r.id: r.parent_id for r in rows}
    own = {r.id: r.municipality_set_id for r in rows}
    result = {}
    for group_id in own:
        node = group_id
        while node is not None and own[node] is None:
            node = parent[node]
        result[group_id] = own[node] if node is not None else None
    return result


def split(basis: SplitBasis, items) -> Contributions:
    """Split (year, amount, set id) items over the municipalities: whole euros per year,
    adding up exactly to the year's rounded total. No database."""
    if basis.weights is None:
        raise AllocationKeyProblem(basis.problem)
    ids, names, weights = basis.ids, basis.names, basis.weights

    # Add the exact Decimal amounts per year and set first: the Fraction work is then
    # one split per set and year, however many lines and groups there are.
    per_set: dict[tuple[int, int | None], Decimal] = defaultdict(Decimal)
    for year, amount, set_id in items:
        per_set[(year, set_id)] += amount

    exact: dict[int, dict[int, Fraction]] = defaultdict(lambda: dict.fromkeys(ids, Fraction(0)))
    sums: dict[int, Decimal] = defaultdict(Decimal)
    shares_cache: dict[int | None, dict[int, Fraction]] = {}
    for (year, set_id), amount in per_set.items():
        if set_id not in shares_cache:
            members = basis.set_members.get(set_id, ids) if set_id is not None else ids
            whole = sum(weights.get(m, Fraction(0)) for m in members)
            if whole == 0:
                raise AllocationKeyProblem("De verdeelsleutel geeft de gemeenten van een groep samen "
                                           "een aandeel van nul; controleer de sleutel en de groep.")
            shares_cache[set_id] = {m: weights.get(m, Fraction(0)) / whole for m in members}
        for m, share in shares_cache[set_id].items():
            exact[year][m] += Fraction(amount) * share
        sums[year] += amount

    by_year, totals = {}, {}
    for year in basis.years:
        total = round_to_euros(sums.get(year, Decimal(0)))
        parts = largest_remainder(int(total), exact[year], ids)
        # Whole euros shown with cents; a total may pass the largest amount one cell may hold.
        by_year[year] = {names[m]: round_money(Decimal(parts[m])) for m in ids}
        totals[year] = round_money(total)
    return Contributions([names[m] for m in ids], by_year, totals)


def _set_members(session: Session, plan: Plan) -> dict[int, list[int]]:
    rows = session.execute(
        select(municipality_set_member.c.set_id, municipality_set_member.c.municipality_id)
        .join(MunicipalitySet, MunicipalitySet.id == municipality_set_member.c.set_id)
        .where(MunicipalitySet.region_id == plan.region_id))
    members: dict[int, list[int]] = defaultdict(list)
    for set_id, municipality_id in rows:
        members[set_id].append(municipality_id)
    return members
