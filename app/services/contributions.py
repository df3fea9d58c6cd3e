"""Bijdrage per gemeente: each municipality's share of what it funds, in whole euros.

What the key splits, per own year of the plan (never a comparison column), is the budget
minus the funding others pay (te verdelen bedrag). Other funding earmarked for a group or a
line lowers that part first; the rest lowers every line pro rata. Each line is then shared
by its own set of municipalities (the line's set, else its group's, else the whole region),
in proportion to the allocation key. The exact shares are summed per municipality and only
then rounded, with the largest-remainder method, so the parts add up exactly to the total.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
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
from app.services.budget import CellSum, CellSumTable, FundingParts, SumChange, cell_sums, funding_parts

HUNDRED = Decimal("100.00")
# Said wherever contributions are shown while the key holds example figures (the demo's).
EXAMPLE_NOTE = ("Voorbeeldcijfers: de verdeelsleutel rekent met voorbeeldcijfers, niet met de afgesproken "
                "cijfers; vervang de sleutel voordat de bijdragen worden gebruikt.")


class AllocationKeyProblem(UserError, ValueError):
    """The allocation key cannot be used; ``message`` says why, in Dutch."""


class ContributionBasisProblem(AllocationKeyProblem):
    """Other funding that cannot lower what it is meant for (more than it costs)."""


@dataclass
class Contributions:
    municipalities: list[str]  # in the region's order
    by_year: dict[int, dict[str, Decimal]]  # whole euros, adding up to the year's total
    totals: dict[int, Decimal]  # the rounded totals that were split
    # The arithmetic of a budget split, per year: budget minus other funding is what is split.
    budget: dict[int, Decimal] = field(default_factory=dict)
    other_funding: dict[int, Decimal] = field(default_factory=dict)
    example: bool = False  # the key holds example figures (the demo's inhabitants)


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

    years: list[int]  # the plan's own years: comparison columns are never split
    ids: list[int]  # municipality ids in the region's order
    names: dict[int, str]
    weights: dict[int, Fraction] | None  # None: the key cannot be used (see ``problem``)
    problem: str
    set_members: dict[int, list[int]]
    group_sets: dict[int, int | None]
    group_parents: dict[int, int | None] = field(default_factory=dict)
    example: bool = False


def split_basis(session: Session, plan: Plan) -> SplitBasis:
    municipalities = session.execute(
        select(Municipality.id, Municipality.name).where(Municipality.region_id == plan.region_id)
        .order_by(Municipality.position, Municipality.id)).all()
    try:
        weights, problem = key_weights(plan.allocation_key), ""
    except AllocationKeyProblem as exc:
        weights, problem = None, exc.message
    group_sets, group_parents = _group_sets(session, plan)
    example = plan.allocation_key is not None and plan.allocation_key.example
    return SplitBasis(plan.own_years, [m.id for m in municipalities], {m.id: m.name for m in municipalities},
                      weights, problem, _set_members(session, plan), group_sets, group_parents, example)


def budget_contributions(session: Session, plan: Plan, sums: list[CellSum] | None = None,
                         basis: SplitBasis | None = None, funding: FundingParts | None = None) -> Contributions:
    """Each municipality's share of what it funds per year; raises AllocationKeyProblem."""
    # The database sums per group, line set and year first (cell_sums): a large plan then
    # needs a handful of exact splits instead of one per cell.
    sums = cell_sums(session, plan) if sums is None else sums
    return split_budget(basis or split_basis(session, plan), sums,
                        funding_parts(session, plan) if funding is None else funding)


def split_budget(basis: SplitBasis, sums: list[CellSum], funding: FundingParts) -> Contributions:
    """Split the budget minus the other funding (earmarked first, the rest pro rata) over the
    municipalities; no database. Raises AllocationKeyProblem (the key or the basis)."""
    if basis.weights is None:
        raise AllocationKeyProblem(basis.problem)
    items: list[tuple[int, Fraction, int | None, int | None]] = [
        (s.year, Fraction(s.amount), s.set_id or basis.group_sets.get(s.group_id), s.group_id)
        for s in sums if s.year in basis.years]
    budget = {y: sum((s.amount for s in sums if s.year == y), Decimal(0)) for y in basis.years}
    for earmark in funding.earmarks:
        if earmark.year in basis.years:
            items = _earmarked(basis, items, earmark)
    for year in basis.years:
        items = _lowered_pro_rata(items, year, funding.other.get(year, Decimal(0)))
    other = funding.other_by_year()
    to_split = {y: budget[y] - other.get(y, Decimal(0)) for y in basis.years}
    result = split(basis, [(year, amount, set_id) for year, amount, set_id, _group in items], to_split)
    return replace(result, budget=budget, other_funding={y: other.get(y, Decimal(0)) for y in basis.years})


def _subtree(basis: SplitBasis, group_id: int, other: int | None) -> bool:
    """Whether group ``other`` is ``group_id`` or below it."""
    while other is not None:
        if other == group_id:
            return True
        other = basis.group_parents.get(other)
    return False


def _earmarked(basis: SplitBasis, items: list, earmark) -> list:
    """The items after other funding for one group (its lines lowered pro rata) or one line."""
    from app.formatting import format_money

    year, amount = earmark.year, Fraction(earmark.amount)
    if earmark.line_id is not None:
        if earmark.amount > earmark.line_amount:
            raise ContributionBasisProblem(
                f"De overige dekking “{earmark.source}” voor “{earmark.line_name}” is in {year} "
                f"{format_money(earmark.amount)}, meer dan die post kost ({format_money(earmark.line_amount)}).")
        set_id = earmark.line_set_id or basis.group_sets.get(earmark.line_group_id)
        return items + [(year, -amount, set_id, earmark.line_group_id)]
    inside = sum((a for y, a, _s, g in items if y == year and _subtree(basis, earmark.group_id, g)), Fraction(0))
    if amount > inside:
        raise ContributionBasisProblem(
            f"De overige dekking “{earmark.source}” voor “{earmark.group_name}” is in {year} "
            f"{format_money(earmark.amount)}, meer dan die groep kost "
            f"({format_money(Decimal(inside.numerator) / inside.denominator)}).")
    if amount == 0:
        return items
    factor = (inside - amount) / inside
    return [(y, a * factor, s, g) if y == year and _subtree(basis, earmark.group_id, g) else (y, a, s, g)
            for y, a, s, g in items]


def _lowered_pro_rata(items: list, year: int, other: Decimal) -> list:
    """Every line of ``year`` lowered by the same fraction, so together by ``other``."""
    from app.formatting import format_money

    if not other:
        return items
    whole = sum((a for y, a, _s, _g in items if y == year), Fraction(0))
    if whole == 0:
        raise ContributionBasisProblem(
            f"De overige dekking is in {year} {format_money(other)}, maar er is dat jaar niets begroot om "
            "ermee te verlagen. Controleer de dekking.")
    if Fraction(other) > whole:
        raise ContributionBasisProblem(
            f"De overige dekking is in {year} {format_money(other)}, meer dan er na bestemde dekking "
            f"te verdelen is ({format_money(Decimal(whole.numerator) / whole.denominator)}): de gemeenten "
            "zouden geld terugkrijgen. Controleer de dekking.")
    factor = (whole - Fraction(other)) / whole
    return [(y, a * factor, s, g) if y == year else (y, a, s, g) for y, a, s, g in items]


class LiveSplit:
    """The budget's contributions following its cell edits, each in O(change).

    :func:`split_budget` works line by line; what it computes per year depends only on the
    sums of the cells per municipality set and *earmark class* (the group earmarks of that
    year whose group holds the line: each lowers its lines by one factor). So those
    sums are kept, one per (year, set, class), a handful however large the budget: a cell
    edit moves one of them, and its year is split again from them, earmarks, the pro-rata
    lowering and the largest remainder over the municipalities included. Exact fractions
    throughout, so the result is the same as :func:`split_budget`'s, to the cent (tests
    compare them after random edits). When a year cannot be split (a problem), the full
    computation runs instead, so the problem and its message are the same too."""

    def __init__(self, basis: SplitBasis, funding: FundingParts, table: CellSumTable,
                 contributions: Contributions | None, problem: str) -> None:
        self.basis, self.funding, self.table = basis, funding, table
        self.contributions, self.problem = contributions, problem
        self.years = list(basis.years)
        self._other = funding.other_by_year()
        # Per own year: its earmarks in the order split_budget applies them.
        self._earmarks = {y: [e for e in funding.earmarks if e.year == y] for y in self.years}
        self._classes: dict[tuple[int, int | None], tuple[int, ...]] = {}  # (year, group) -> earmarks
        self._shares: dict[int | None, dict[int, Fraction] | None] = {}  # None: the set weighs nothing
        # Per own year: {(set, class): the amount of its cells}, one for each set and class that
        # has a cell sum (even of zero: split_budget shares it, so the set's weight must not be zero).
        self._sums: dict[int, dict[tuple, Decimal]] = {y: {} for y in self.years}
        self._budget = {y: Decimal(0) for y in self.years}
        if basis.weights is None:
            return  # nothing to split: the key's problem stands whatever the cells hold
        for s in table.sums():
            self._add(s.group_id, s.set_id, s.year, s.amount)

    def apply(self, changes: list[SumChange]) -> tuple[Contributions | None, str]:
        """The contributions (or None and the problem) after the cell sums moved by ``changes``."""
        if self.basis.weights is None:
            return self.contributions, self.problem
        touched = set()
        for change in changes:
            if change.year in self._sums and (change.amount or change.created):
                self._add(change.group_id, change.set_id, change.year, change.amount)
                touched.add(change.year)
        if not touched:
            return self.contributions, self.problem
        previous = self.contributions
        years = self.years if previous is None else [y for y in self.years if y in touched]
        parts = {year: self._split_year(year) for year in years}
        if any(p is None for p in parts.values()):
            self._split_all()
        else:
            by_year = dict(previous.by_year) if previous is not None else {}
            totals = dict(previous.totals) if previous is not None else {}
            for year, (shares, total) in parts.items():
                by_year[year], totals[year] = shares, total
            budget = dict(self._budget)
            self.contributions = Contributions(
                [self.basis.names[m] for m in self.basis.ids], {y: by_year[y] for y in self.years},
                {y: totals[y] for y in self.years}, budget,
                {y: self._other.get(y, Decimal(0)) for y in self.years}, example=self.basis.example)
            self.problem = ""
        return self.contributions, self.problem

    def _split_all(self) -> None:
        """The full computation (a problem: the same one, with the same message, or none)."""
        try:
            self.contributions, self.problem = split_budget(self.basis, self.table.sums(), self.funding), ""
        except AllocationKeyProblem as exc:
            self.contributions, self.problem = None, exc.message

    def _add(self, group_id: int, set_id: int | None, year: int, amount: Decimal) -> None:
        if year not in self._sums:
            return  # a comparison column: never split
        sums = self._sums[year]
        key = (set_id or self.basis.group_sets.get(group_id), self._class(year, group_id))
        sums[key] = sums.get(key, Decimal(0)) + amount
        self._budget[year] += amount

    def _class(self, year: int, group_id: int | None) -> tuple[int, ...]:
        """The group earmarks of ``year`` (their places in the year's list) whose group is
        ``group_id`` or above it: the factors a line of that group is lowered by."""
        found = self._classes.get((year, group_id))
        if found is None:
            found = self._classes[(year, group_id)] = tuple(
                k for k, e in enumerate(self._earmarks[year])
                if e.line_id is None and _subtree(self.basis, e.group_id, group_id))
        return found

    def _share(self, set_id: int | None) -> dict[int, Fraction] | None:
        if set_id not in self._shares:
            ids, weights = self.basis.ids, self.basis.weights
            members = self.basis.set_members.get(set_id, ids) if set_id is not None else ids
            whole = sum(weights.get(m, Fraction(0)) for m in members)
            self._shares[set_id] = {m: weights.get(m, Fraction(0)) / whole for m in members} if whole else None
        return self._shares[set_id]

    def _split_year(self, year: int) -> tuple[dict[str, Decimal], Decimal] | None:
        """One year's contributions from the kept sums, as split_budget computes them; None
        where split_budget raises (a problem)."""
        # [set, earmark class, amount so far]: the cells' sums, then the earmarked lines.
        parts = [[set_id, marks, Fraction(amount)] for (set_id, marks), amount in self._sums[year].items()]
        for k, earmark in enumerate(self._earmarks[year]):
            amount = Fraction(earmark.amount)
            if earmark.line_id is not None:
                if earmark.amount > earmark.line_amount:
                    return None
                set_id = earmark.line_set_id or self.basis.group_sets.get(earmark.line_group_id)
                # (Lowered only by the group earmarks after it: those before are done.)
                parts.append([set_id, self._class(year, earmark.line_group_id), -amount])
                continue
            inside = sum((p[2] for p in parts if k in p[1]), Fraction(0))
            if amount > inside or (amount and not inside):
                return None
            if amount:
                factor = (inside - amount) / inside
                for p in parts:
                    if k in p[1]:
                        p[2] *= factor
        other = self.funding.other.get(year, Decimal(0))
        if other:
            whole = sum((p[2] for p in parts), Fraction(0))
            if whole == 0 or Fraction(other) > whole:
                return None
            factor = (whole - Fraction(other)) / whole
            for p in parts:
                p[2] *= factor
        ids = self.basis.ids
        exact = dict.fromkeys(ids, Fraction(0))
        per_set: dict[int | None, Fraction] = defaultdict(Fraction)
        for set_id, _marks, amount in parts:
            per_set[set_id] += amount
        for set_id, amount in per_set.items():
            shares = self._share(set_id)
            if shares is None:
                return None
            for m, share in shares.items():
                exact[m] += amount * share
        total = round_to_euros(self._budget[year] - self._other.get(year, Decimal(0)))
        shares = largest_remainder(int(total), exact, ids)
        names = self.basis.names
        return {names[m]: round_money(Decimal(shares[m])) for m in ids}, round_money(total)


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


def _group_sets(session: Session, plan: Plan) -> tuple[dict[int, int | None], dict[int, int | None]]:
    """The set each group shares its lines by (its own, else the nearest ancestor's), and each
    group's parent."""
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
    return result, parent


def split(basis: SplitBasis, items, totals: dict[int, Decimal] | None = None) -> Contributions:
    """Split (year, amount, set id) items over the municipalities: whole euros per year,
    adding up exactly to the year's rounded total (``totals``: the exact totals, when the
    amounts are fractions of them). No database."""
    if basis.weights is None:
        raise AllocationKeyProblem(basis.problem)
    ids, names, weights = basis.ids, basis.names, basis.weights

    # Add the exact Decimal amounts per year and set first: the Fraction work is then
    # one split per set and year, however many lines and groups there are.
    per_set: dict[tuple[int, int | None], Fraction] = defaultdict(Fraction)
    for year, amount, set_id in items:
        per_set[(year, set_id)] += Fraction(amount)

    exact: dict[int, dict[int, Fraction]] = defaultdict(lambda: dict.fromkeys(ids, Fraction(0)))
    sums: dict[int, Fraction] = defaultdict(Fraction)
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
            exact[year][m] += amount * share
        sums[year] += amount

    by_year, rounded = {}, {}
    for year in basis.years:
        whole = sums.get(year, Fraction(0))
        total = round_to_euros(totals[year] if totals is not None else
                               Decimal(whole.numerator) / Decimal(whole.denominator))
        parts = largest_remainder(int(total), exact[year], ids)
        # Whole euros shown with cents; a total may pass the largest amount one cell may hold.
        by_year[year] = {names[m]: round_money(Decimal(parts[m])) for m in ids}
        rounded[year] = round_money(total)
    return Contributions([names[m] for m in ids], by_year, rounded, example=basis.example)


def _set_members(session: Session, plan: Plan) -> dict[int, list[int]]:
    rows = session.execute(
        select(municipality_set_member.c.set_id, municipality_set_member.c.municipality_id)
        .join(MunicipalitySet, MunicipalitySet.id == municipality_set_member.c.set_id)
        .where(MunicipalitySet.region_id == plan.region_id))
    members: dict[int, list[int]] = defaultdict(list)
    for set_id, municipality_id in rows:
        members[set_id].append(municipality_id)
    return members
