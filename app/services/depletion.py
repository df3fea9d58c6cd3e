"""Uitputting: per line, group and plan and per year, the budget against what was spent
(realisatie) and ordered (verplichtingen), what is left, the depletion percentage and a forecast
for the year's end; and the lines to look at (over budget, nearly spent early in the year, spent
without a budget).

Depletion counts spent and ordered together: an order is money no longer free. A marker (PM, id.,
doorlopend) is no amount: its line shows what was spent, without a percentage. The forecast is
linear (what was spent so far, over the part of the year gone by, at least spent plus ordered),
unless the user typed one for the line (LineForecast). Nothing here writes.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.formatting import format_money, format_percentage
from app.models import BudgetCell, BudgetGroup, BudgetLine, FundingSource, Marker, Plan
from app.models.actuals import ActualEntry, ActualKind, LineForecast
from app.models.numbers import round_half_up, round_money

ZERO = Decimal("0.00")
HUNDRED = Decimal(100)
# Nearly spent: this share of the budget gone before this month of its year.
WARN_SHARE = Decimal(90)
WARN_BEFORE_MONTH = 10


@dataclass(frozen=True, slots=True)
class Depletion:
    """One line's, group's or the plan's figures in one year."""

    budget: Decimal | None  # None: no amount budgeted (an empty cell or a marker)
    realised: Decimal = ZERO
    committed: Decimal = ZERO
    forecast: Decimal | None = None  # the expected spending at the year's end
    marker: Marker | None = None  # a line's marker, shown instead of a budget
    typed_forecast: bool = False

    @property
    def spent(self) -> Decimal:
        """Spent and ordered: what is no longer free."""
        return self.realised + self.committed

    @property
    def remaining(self) -> Decimal | None:
        return None if self.budget is None else self.budget - self.spent

    @property
    def percentage(self) -> Decimal | None:
        """Spent and ordered as a percentage of the budget, one decimal; None without a budget."""
        if not self.budget or self.budget < 0:
            return None
        return round_half_up(self.spent * HUNDRED / self.budget, 1)

    @property
    def over(self) -> bool:
        return self.budget is not None and self.spent > self.budget


@dataclass
class LineDepletion:
    id: int
    group_id: int
    name: str
    years: dict[int, Depletion]
    label: str = ""  # the name, or "Groep › Post" where the plan has the name more than once

    def __post_init__(self) -> None:
        self.label = self.label or self.name


@dataclass
class GroupDepletion:
    id: int
    parent_id: int | None
    number: str
    name: str
    level: int
    years: dict[int, Depletion]


@dataclass(frozen=True, slots=True)
class DepletionFlag:
    """A line to look at, in Dutch."""

    line_id: int
    year: int
    kind: str  # "over", "early" (nearly spent early in the year), "unbudgeted"
    message: str


@dataclass
class PlanDepletion:
    plan_id: int
    years: tuple[int, ...]
    as_of: date
    lines: list[LineDepletion]  # in the budget's order
    groups: list[GroupDepletion]  # depth first
    total: dict[int, Depletion]
    income: dict[int, Decimal] = field(default_factory=dict)  # received from the funding sources
    income_by_source: dict[int, dict[int, Decimal]] = field(default_factory=dict)  # source -> year -> amount
    flags: list[DepletionFlag] = field(default_factory=list)
    entries: int = 0  # how many bookings there are
    # Per group its own lines with a marker (PM, id., doorlopend) per year: no amount, no percentage.
    group_markers: dict[int, dict[int, int]] = field(default_factory=dict)

    def line(self, line_id: int) -> LineDepletion:
        return next(line for line in self.lines if line.id == line_id)

    def group(self, group_id: int) -> GroupDepletion:
        return next(group for group in self.groups if group.id == group_id)


def has_entries(session: Session, plan: Plan) -> bool:
    """Whether the plan has any booking: two EXISTS that stop at the first (what a plan without
    realisatie costs the summary, the status bar and the problems list). Joined from the plan's
    lines, not a list of their ids: at 20,000 lines building that list was most of the time."""
    on_lines = (select(ActualEntry.id).join(BudgetLine, BudgetLine.id == ActualEntry.line_id)
                .join(BudgetLine.group).where(BudgetGroup.plan_id == plan.id).exists())
    on_sources = (select(ActualEntry.id).join(FundingSource, FundingSource.id == ActualEntry.source_id)
                  .where(FundingSource.plan_id == plan.id).exists())
    return bool(session.scalar(select(on_lines | on_sources)))


def load_depletion(workspace, plan_id: int, as_of: date | None = None,
                   only_with_entries: bool = False) -> PlanDepletion | None:
    """The plan's uitputting on ``as_of`` (today) in a session of its own; None when the plan is
    gone, or (``only_with_entries``) when it has no booking: one count, what a status bar pays."""
    with workspace.session() as session:
        plan = session.get(Plan, plan_id)
        if plan is None or (only_with_entries and not has_entries(session, plan)):
            return None
        return plan_depletion(session, plan, as_of)


def linear_forecast(realised: Decimal, committed: Decimal, year: int, as_of: date) -> Decimal | None:
    """What a year will have spent at its end if spending goes on as it went: the realised so far
    over the part of the year gone by (to the cent), at least spent plus ordered; the realised
    itself once the year is over; None before it started."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    if as_of < start:
        return None
    if as_of >= end:
        return realised + committed
    gone = (as_of - start).days + 1
    days = (end - start).days + 1
    linear = round_money(realised * days / gone)
    return max(linear, realised + committed)


def plan_depletion(session: Session, plan: Plan, as_of: date | None = None) -> PlanDepletion:
    """The plan's uitputting on ``as_of`` (today): every line, group and year."""
    as_of = as_of or date.today()
    years = tuple(plan.own_years)
    groups = _groups(session, plan)
    lines = session.execute(
        select(BudgetLine.id, BudgetLine.group_id, BudgetLine.name, BudgetLine.position)
        .join(BudgetLine.group).where(BudgetGroup.plan_id == plan.id)).all()
    budgets: dict[tuple[int, int], tuple[Decimal | None, Marker | None]] = {
        (line_id, year): (amount, marker) for line_id, year, amount, marker in session.execute(
            select(BudgetCell.line_id, BudgetCell.year, BudgetCell.amount, BudgetCell.marker)
            .join(BudgetCell.line).join(BudgetLine.group)
            .where(BudgetGroup.plan_id == plan.id, BudgetCell.year.in_(years)))}
    booked: dict[tuple[int, int], list[Decimal]] = defaultdict(lambda: [ZERO, ZERO])
    count = 0
    for line_id, year, kind, amount, number in _booked_on_lines(session, plan, ActualEntry.line_id):
        booked[(line_id, year)][0 if kind is ActualKind.REALISED else 1] += amount or ZERO
        count += number
    typed = {(line_id, year): amount for line_id, year, amount in session.execute(
        select(LineForecast.line_id, LineForecast.year, LineForecast.amount)
        .join(BudgetLine, BudgetLine.id == LineForecast.line_id).join(BudgetLine.group)
        .where(BudgetGroup.plan_id == plan.id))}
    income_by_source: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for source_id, year, amount, number in session.execute(
            select(ActualEntry.source_id, ActualEntry.year, func.sum(ActualEntry.amount), func.count(ActualEntry.id))
            .join(FundingSource, FundingSource.id == ActualEntry.source_id)
            .where(FundingSource.plan_id == plan.id).group_by(ActualEntry.source_id, ActualEntry.year)):
        income_by_source[source_id][year] = amount or ZERO
        count += number

    order = {g.id: index for index, g in enumerate(groups)}
    group_names = {g.id: g.name for g in groups}
    counts: dict[str, int] = defaultdict(int)
    for _line_id, _group_id, name, _position in lines:
        counts[name.casefold()] += 1
    result_lines: list[LineDepletion] = []
    for line_id, group_id, name, position in sorted(lines, key=lambda r: (order.get(r[1], 0), r[3], r[0])):
        figures = {}
        for year in years:
            amount, marker = budgets.get((line_id, year), (None, None))
            realised, committed = booked.get((line_id, year), (ZERO, ZERO))
            forecast = typed.get((line_id, year))
            figures[year] = Depletion(
                amount, realised, committed,
                forecast if forecast is not None else linear_forecast(realised, committed, year, as_of),
                marker, forecast is not None)
        label = f"{group_names.get(group_id, '')} › {name}" if counts[name.casefold()] > 1 else name
        result_lines.append(LineDepletion(line_id, group_id, name, figures, label))

    sums = _roll_up(groups, result_lines, years)
    total = {year: _added([sums[g.id][year] for g in groups if g.parent_id is None]) for year in years}
    depletion = PlanDepletion(plan.id, years, as_of, result_lines, groups, total,
                              {year: sum((by_year.get(year, ZERO) for by_year in income_by_source.values()), ZERO)
                               for year in years}, dict(income_by_source), entries=count)
    for group in groups:
        group.years = sums[group.id]
    for line in result_lines:
        for year, figures in line.years.items():
            if figures.marker is not None:
                counts_of = depletion.group_markers.setdefault(line.group_id, {})
                counts_of[year] = counts_of.get(year, 0) + 1
    depletion.flags = flags(depletion)
    return depletion


def group_depletion(session: Session, plan: Plan, as_of: date | None = None) -> PlanDepletion:
    """The uitputting per group and of the plan only, read by aggregates: no line, no forecast,
    no flags (those need the lines), what a chart of the groups shows; a 20,000-line plan makes no
    object per line here. The groups' and the plan's budget, spent and ordered are
    :func:`plan_depletion`'s."""
    from app.services.budget import cell_sums

    as_of = as_of or date.today()
    years = tuple(plan.own_years)
    groups = _groups(session, plan)
    own: dict[int, dict[int, list]] = defaultdict(lambda: {year: [ZERO, ZERO, ZERO] for year in years})
    markers: dict[int, dict[int, int]] = {}
    for cell_sum in cell_sums(session, plan):
        if cell_sum.year in years:
            own[cell_sum.group_id][cell_sum.year][0] += cell_sum.amount
            if cell_sum.markers:
                of_group = markers.setdefault(cell_sum.group_id, {})
                of_group[cell_sum.year] = of_group.get(cell_sum.year, 0) + cell_sum.markers
    count = 0
    for group_id, year, kind, amount, number in _booked_on_lines(session, plan, BudgetLine.group_id):
        count += number
        if year in years:
            own[group_id][year][1 if kind is ActualKind.REALISED else 2] += amount or ZERO
    income = {year: ZERO for year in years}
    for year, amount, number in session.execute(
            select(ActualEntry.year, func.sum(ActualEntry.amount), func.count(ActualEntry.id))
            .join(FundingSource, FundingSource.id == ActualEntry.source_id)
            .where(FundingSource.plan_id == plan.id).group_by(ActualEntry.year)):
        count += number
        if year in income:
            income[year] += amount or ZERO
    parts: dict[int, list] = defaultdict(list)
    for group in reversed(groups):  # children before parents
        figures = {year: Depletion(budget, realised, committed) for year, (budget, realised, committed)
                   in own[group.id].items()}
        group.years = {year: _added([figures[year], *(p[year] for p in parts[group.id])]) for year in years}
        if group.parent_id is not None:
            parts[group.parent_id].append(group.years)
    total = {year: _added([g.years[year] for g in groups if g.parent_id is None]) for year in years}
    return PlanDepletion(plan.id, years, as_of, [], groups, total, income, entries=count, group_markers=markers)


def _booked_on_lines(session: Session, plan: Plan, key):
    """The plan's expense bookings summed per ``key`` (a line's or its group's id), year and kind:
    rows of (key, year, kind, amount, count)."""
    return session.execute(
        select(key, ActualEntry.year, ActualEntry.kind, func.sum(ActualEntry.amount), func.count(ActualEntry.id))
        .join(BudgetLine, BudgetLine.id == ActualEntry.line_id).join(BudgetLine.group)
        .where(BudgetGroup.plan_id == plan.id)
        .group_by(key, ActualEntry.year, ActualEntry.kind))


def _groups(session: Session, plan: Plan) -> list[GroupDepletion]:
    rows = session.execute(select(BudgetGroup.id, BudgetGroup.parent_id, BudgetGroup.position, BudgetGroup.number,
                                  BudgetGroup.name).where(BudgetGroup.plan_id == plan.id)).all()
    children: dict[int | None, list] = defaultdict(list)
    for row in rows:
        children[row[1]].append(row)
    ordered: list[GroupDepletion] = []
    stack = [(None, -1)]
    while stack:  # depth first, in the user's order
        parent, level = stack.pop()
        if parent is not None:
            ordered.append(GroupDepletion(parent[0], parent[1], parent[3], parent[4], level, {}))
        for row in sorted(children[parent[0] if parent is not None else None],
                          key=lambda r: (r[2], r[0]), reverse=True):
            stack.append((row, level + 1))
    return ordered


def _added(parts: list[Depletion]) -> Depletion:
    """Figures of a group or the plan: the sums of its parts (a budget of the amounts only)."""
    forecasts = [p.forecast for p in parts if p.forecast is not None]
    return Depletion(sum((p.budget for p in parts if p.budget is not None), ZERO),
                     sum((p.realised for p in parts), ZERO), sum((p.committed for p in parts), ZERO),
                     sum(forecasts, ZERO) if forecasts else None)


def _roll_up(groups: list[GroupDepletion], lines: list[LineDepletion], years) -> dict[int, dict[int, Depletion]]:
    parts: dict[int, list] = defaultdict(list)  # group id -> its lines' and child groups' figures
    for line in lines:
        parts[line.group_id].append(line.years)
    sums: dict[int, dict[int, Depletion]] = {}
    for group in reversed(groups):  # children before parents
        sums[group.id] = {year: _added([p[year] for p in parts[group.id]]) for year in years}
        if group.parent_id is not None:
            parts[group.parent_id].append(sums[group.id])
    return sums


def flags(depletion: PlanDepletion) -> list[DepletionFlag]:
    """The lines to look at, per year: over budget; nearly spent (WARN_SHARE %) before October of
    their year; spent on without a budget (an empty cell: a marker has no amount to compare)."""
    found = []
    as_of = depletion.as_of
    for line in depletion.lines:
        for year, figures in line.years.items():
            if figures.over:
                found.append(DepletionFlag(line.id, year, "over", (
                    f"{line.label}: in {year} uitgegeven en verplicht {format_money(figures.spent)}, "
                    f"{format_money(figures.spent - figures.budget)} meer dan begroot ({format_money(figures.budget)}).")))
            elif (figures.percentage is not None and figures.percentage >= WARN_SHARE and as_of.year == year
                  and as_of.month < WARN_BEFORE_MONTH):
                found.append(DepletionFlag(line.id, year, "early", (
                    f"{line.label}: op {as_of:%d-%m-%Y} al {format_percentage(figures.percentage, 1)} van de "
                    f"begroting {year} uitgegeven of verplicht ({format_money(figures.spent)} van "
                    f"{format_money(figures.budget)}).")))
            elif figures.budget is None and figures.marker is None and figures.spent:
                found.append(DepletionFlag(line.id, year, "unbudgeted", (
                    f"{line.label}: in {year} {format_money(figures.spent)} uitgegeven of verplicht zonder "
                    "begroting.")))
    return found
