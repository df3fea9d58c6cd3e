"""The charts' figures as plain series: labels, exact values and the key of what each bar is.

Nothing here computes a business figure of its own: the budget totals, funding and
saldo come from :mod:`app.services.budget`, the contributions from
:mod:`app.services.contributions`, the dagdelen from :mod:`app.services.staffing`,
the action counts from :mod:`app.services.progress`, the realisatie and uitputting from
:mod:`app.services.depletion`. This module picks, orders and
labels them for a chart (which groups stack, the municipalities by size, the chapters
in plan order) and pairs the groups of two plans for a comparison. Values stay
Decimal (money, dagdelen) or int (counts); the views turn them into floats only to
plot them. No Qt.

Every bar carries a ``key``: the id of the budget group, project, person or chapter it
stands for (for a municipality, its name), so a view can find the row in an editor.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select

from app.models import ActionStatus, Plan, PlanKind, PlanStatus
from app.services.budget import BudgetFigures
from app.services.contributions import Contributions
from app.services.progress import ProgressRow, progress_overview
from app.services.staffing import StaffingFigures

ZERO = Decimal("0.00")
HALF_DAYS_ZERO = Decimal("0.0")

# The order the action statuses are stacked in: done first, then under way, then the
# problems, the unknown last (the traffic light read from left to right).
STATUS_ORDER = (ActionStatus.ACHIEVED, ActionStatus.IN_PROGRESS, ActionStatus.NOT_ACHIEVED,
                ActionStatus.UNKNOWN)

# Above this many projects with dagdelen, the dagdelen chart shows them per chapter (theme).
MAX_PROJECT_BARS = 25


def group_label(number: str, name: str) -> str:
    return f"{number} {name}".strip()


# --- budget per group per year ---------------------------------------------------------------


@dataclass(frozen=True)
class GroupSeries:
    key: int  # the budget group's id
    label: str  # "1 Regionale netwerksamenwerking"
    values: dict[int, Decimal]  # the group's total per year


@dataclass(frozen=True)
class BudgetSeries:
    """The budget's top-level groups stacked per year, with funding and saldo per year."""

    plan_year: int | None
    years: list[int]
    groups: list[GroupSeries]  # the top-level groups in budget order; they add up to ``totals``
    totals: dict[int, Decimal]
    funding: dict[int, Decimal]
    balance: dict[int, Decimal]  # funding minus budget
    markers_left_out: dict[int, int]  # PM / id. / doorlopend cells not in the totals


def budget_series(figures: BudgetFigures | None, plan_year: int | None,
                  previous: BudgetSeries | None = None) -> BudgetSeries | None:
    """``previous``: the series shown so far; its groups whose totals did not change are kept."""
    if figures is None:
        return None
    # The groups' own totals, not copies: figures never change once made (an edit makes new
    # totals for the groups it changes), so unchanged groups are known by their identity.
    kept = {s.key: s for s in previous.groups} if previous is not None else {}
    groups = []
    for g in figures.groups:
        if g.parent_id is None:
            old = kept.get(g.id)
            groups.append(old if old is not None and old.values is g.totals
                          else GroupSeries(g.id, group_label(g.number, g.name), g.totals))
    return BudgetSeries(plan_year, list(figures.years), groups, dict(figures.total),
                        dict(figures.funding), dict(figures.balance), dict(figures.markers_left_out))


# --- contributions per municipality ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Bar:
    key: object  # what the bar stands for: an id, or a municipality's name
    label: str
    value: Decimal


@dataclass(frozen=True)
class ContributionSeries:
    year: int | None
    bars: list[Bar]  # largest first; whole euros adding up exactly to ``total``
    total: Decimal
    problem: str  # the key's problem (Dutch), when there are no contributions


def contribution_series(contributions: Contributions | None, problem: str,
                        year: int | None) -> ContributionSeries:
    if contributions is None or year is None or year not in contributions.by_year:
        return ContributionSeries(year, [], ZERO, problem)
    parts = contributions.by_year[year]
    order = {name: i for i, name in enumerate(contributions.municipalities)}
    # Largest first; equal amounts keep the region's order.
    names = sorted(contributions.municipalities, key=lambda n: (-parts[n], order[n]))
    return ContributionSeries(year, [Bar(n, n, parts[n]) for n in names], contributions.totals[year],
                              problem)


# --- dagdelen ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HalfDayBar:
    key: int  # project id, chapter id or person id
    label: str
    allocated: Decimal
    limit: Decimal | None = None  # a person's availability (over it: over-allocated)
    stated: Decimal | None = None  # what the chapter text says, when it differs

    @property
    def over(self) -> Decimal:
        """How far the allocation goes over the limit (zero when within it or no limit)."""
        if self.limit is None or self.allocated <= self.limit:
            return HALF_DAYS_ZERO
        return self.allocated - self.limit


@dataclass(frozen=True)
class HalfDaySeries:
    capacity: Decimal  # the execution capacity in dagdelen per week
    allocated: Decimal  # all dagdelen allocated
    per: str  # "project" or "chapter": what the bars are
    bars: list[HalfDayBar]  # in plan order; projects/chapters with dagdelen
    without: int  # projects (or chapters) with no dagdelen, not shown
    people: list[HalfDayBar]  # named people against their availability (may be empty)

    @property
    def over(self) -> Decimal:
        return self.allocated - self.capacity if self.allocated > self.capacity else HALF_DAYS_ZERO


def half_day_series(staffing: StaffingFigures | None, progress: list[ProgressRow] | None,
                    max_project_bars: int = MAX_PROJECT_BARS) -> HalfDaySeries | None:
    """Dagdelen per project (or per chapter when there are too many projects to read), the
    execution capacity, and per named person against availability."""
    if staffing is None:
        return None
    projects = [p for p in staffing.projects if p.half_days]
    people = [HalfDayBar(p.id, p.name, p.allocated_half_days, p.available_half_days)
              for p in staffing.people]
    if len(projects) <= max_project_bars or not progress:
        bars = [HalfDayBar(p.id, group_label(p.number, p.title), p.half_days, None,
                           p.stated_half_days if p.stated_half_days is not None
                           and p.stated_half_days != p.half_days else None)
                for p in projects]
        return HalfDaySeries(staffing.capacity_half_days, staffing.allocated_half_days, "project",
                             bars, len(staffing.projects) - len(projects), people)
    # Per chapter: the projects' own dagdelen (staffing) added up per chapter (progress rows
    # give each project's chapter), in the plan's order.
    chapter_of = {row.project_id: row for row in progress}
    sums: dict[int, Decimal] = {}
    labels: dict[int, str] = {}
    for row in progress:
        labels.setdefault(row.chapter_id, group_label(row.chapter_number, row.chapter_title))
        sums.setdefault(row.chapter_id, HALF_DAYS_ZERO)
    for project in projects:
        row = chapter_of.get(project.id)
        if row is not None:
            sums[row.chapter_id] += project.half_days
    bars = [HalfDayBar(chapter_id, labels[chapter_id], amount)
            for chapter_id, amount in sums.items() if amount]
    return HalfDaySeries(staffing.capacity_half_days, staffing.allocated_half_days, "chapter", bars,
                         len(sums) - len(bars), people)


# --- actions per status per chapter -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ChapterCounts:
    key: int  # chapter id
    label: str
    counts: dict[ActionStatus, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class ActionSeries:
    statuses: tuple[ActionStatus, ...]
    chapters: list[ChapterCounts]  # in plan order, each chapter that has projects

    def total(self, status: ActionStatus) -> int:
        return sum(c.counts[status] for c in self.chapters)


def action_series(progress: list[ProgressRow] | None) -> ActionSeries | None:
    """The progress overview's counts per status, added up per chapter of the projects."""
    if progress is None:
        return None
    chapters: dict[int, ChapterCounts] = {}
    for row in progress:
        chapter = chapters.get(row.chapter_id)
        if chapter is None:
            chapter = chapters[row.chapter_id] = ChapterCounts(
                row.chapter_id, group_label(row.chapter_number, row.chapter_title),
                dict.fromkeys(STATUS_ORDER, 0))
        for status, count in row.counts.items():
            chapter.counts[status] += count
    return ActionSeries(STATUS_ORDER, list(chapters.values()))


def load_progress(workspace, plan_id: int) -> list[ProgressRow] | None:
    """The progress overview of the plan (its projects with their chapters and action counts)."""
    with workspace.session() as session:
        plan = session.get(Plan, plan_id)
        return None if plan is None else progress_overview(session, plan)


# --- comparison of two plans or two years -----------------------------------------------------


@dataclass(frozen=True)
class ComparisonChoice:
    """A budget to compare a plan's budget (of its plan year) with."""

    plan_id: int
    year: int
    title: str
    kind: PlanKind
    status: PlanStatus
    same_plan: bool  # an earlier year of the plan itself


def comparison_choices(workspace, plan_id: int) -> list[ComparisonChoice]:
    """Earlier years of the plan itself, then the other plans of its region (their plan year),
    the plan this one is based on first."""
    with workspace.session() as session:
        plan = session.get(Plan, plan_id)
        if plan is None:
            return []
        own = [ComparisonChoice(plan.id, y, plan.title, plan.kind, plan.status, True)
               for y in reversed(plan.years) if y < plan.year]
        others = [ComparisonChoice(p.id, p.year, p.title, p.kind, p.status, False)
                  for p in session.scalars(select(Plan).where(Plan.region_id == plan.region_id,
                                                              Plan.id != plan.id)
                                           .order_by(Plan.year.desc(), Plan.id))]
        based_on = plan.based_on_id
    others.sort(key=lambda c: c.plan_id != based_on)  # stable: the rest stays newest first
    return own + others


def default_comparison(workspace, plan_id: int) -> ComparisonChoice | None:
    """What "this year against the last" means for the plan: the plan an amendment is based
    on; else last year's plan of the region; else the plan's own previous year (the first
    choice, when it has one), else the region's newest other plan."""
    choices = comparison_choices(workspace, plan_id)
    with workspace.session() as session:
        plan = session.get(Plan, plan_id)
        if plan is None:
            return None
        based_on, year = plan.based_on_id, plan.year
    for choice in choices:
        if not choice.same_plan and choice.plan_id == based_on:
            return choice
    for choice in choices:
        if not choice.same_plan and choice.year == year - 1 and choice.kind is PlanKind.PLAN:
            return choice
    return choices[0] if choices else None


@dataclass(frozen=True, slots=True)
class Difference:
    key: int | None  # the group's id in the plan shown (None: only in the other budget)
    label: str
    current: Decimal
    other: Decimal

    @property
    def difference(self) -> Decimal:
        return self.current - self.other


@dataclass(frozen=True)
class ComparisonSeries:
    year: int
    other_year: int
    same_plan: bool
    groups: list[Difference]  # top-level groups: the plan's, then any only in the other budget
    total: Difference


def _match_key(group) -> tuple[str, tuple[str, ...]]:
    """Groups of two plans pair up by number and name, whatever the case and the spaces."""
    return group.number.strip().casefold(), tuple(group.name.casefold().split())


def comparison_series(figures: BudgetFigures | None, year: int | None, other: BudgetFigures | None,
                      other_year: int | None, same_plan: bool) -> ComparisonSeries | None:
    """Per top-level group the plan's total in ``year`` against the other budget's total in
    ``other_year``. Within one plan the groups are the same ones; between two plans they are
    paired by number and name (an amendment copies them), unpaired ones stand alone."""
    if figures is None or other is None or year not in figures.years or other_year not in other.years:
        return None
    mine = [g for g in figures.groups if g.parent_id is None]
    theirs = [g for g in other.groups if g.parent_id is None]
    if same_plan:
        pairs = {g.id: g for g in theirs}
        rows = [Difference(g.id, group_label(g.number, g.name), g.totals[year],
                           pairs[g.id].totals[other_year] if g.id in pairs else ZERO) for g in mine]
    else:
        unpaired = defaultdict(list)
        for g in theirs:
            unpaired[_match_key(g)].append(g)
        rows = []
        for g in mine:
            candidates = unpaired.get(_match_key(g))
            match = candidates.pop(0) if candidates else None
            rows.append(Difference(g.id, group_label(g.number, g.name), g.totals[year],
                                   match.totals[other_year] if match else ZERO))
        rows += [Difference(None, group_label(g.number, g.name), ZERO, g.totals[other_year])
                 for left in unpaired.values() for g in left]
    total = Difference(None, "", figures.total[year], other.total[other_year])
    return ComparisonSeries(year, other_year, same_plan, rows, total)



def describe_plan(workspace, plan_id: int) -> ComparisonChoice | None:
    """The plan itself as a choice (its plan year), for naming it beside the one compared with."""
    with workspace.session() as session:
        plan = session.get(Plan, plan_id)
        if plan is None:
            return None
        return ComparisonChoice(plan.id, plan.year, plan.title, plan.kind, plan.status, False)


# --- budget against realisatie per group -----------------------------------------------------


@dataclass(frozen=True, slots=True)
class RealisationBar:
    key: int | None  # the top-level budget group's id (None: the plan's total)
    label: str
    budget: Decimal  # the amounts budgeted (markers are no amount)
    realised: Decimal  # spent
    committed: Decimal  # ordered, not yet paid
    percentage: Decimal | None  # spent and ordered as a share of the budget (one decimal)
    markers: int = 0  # lines below it with a marker (PM, id., doorlopend) that year: no amount

    @property
    def spent(self) -> Decimal:
        return self.realised + self.committed

    @property
    def over(self) -> bool:
        return self.spent > self.budget


@dataclass(frozen=True)
class RealisationSeries:
    """Per top-level group the budget of one year against what was spent and ordered in it."""

    year: int | None
    years: tuple[int, ...]  # the plan's own years (the years that can be chosen)
    as_of: object  # the peildatum (a date)
    groups: list[RealisationBar]  # the top-level groups in budget order
    total: RealisationBar
    entries: int  # bookings in the plan (0: nothing booked yet)


def realisation_year(depletion, year: int | None = None) -> int | None:
    """The year a realisation chart shows: ``year`` when the plan has it, else the year of the
    peildatum when it is one of the plan's own years, else the plan's first own year."""
    if depletion is None or not depletion.years:
        return None
    if year in depletion.years:
        return year
    if depletion.as_of.year in depletion.years:
        return depletion.as_of.year
    return depletion.years[0]


def realisation_series(depletion, year: int | None = None) -> RealisationSeries | None:
    """The uitputting (app.services.depletion.PlanDepletion) of the plan's top-level groups in
    ``year`` (see :func:`realisation_year`), and of the whole plan."""
    chosen = realisation_year(depletion, year)
    if chosen is None:
        return None

    parents = {g.id: g.parent_id for g in depletion.groups}
    markers: dict[int | None, int] = defaultdict(int)  # top-level group (None: the plan) -> marker lines
    for group_id, by_year in depletion.group_markers.items():
        count = by_year.get(chosen, 0)
        if count:
            top = group_id
            while parents.get(top) is not None:
                top = parents[top]
            markers[top] += count
            markers[None] += count

    def bar(key, label, figures) -> RealisationBar:
        return RealisationBar(key, label, figures.budget if figures.budget is not None else ZERO,
                              figures.realised, figures.committed, figures.percentage, markers.get(key, 0))

    groups = [bar(g.id, group_label(g.number, g.name), g.years[chosen])
              for g in depletion.groups if g.parent_id is None]
    return RealisationSeries(chosen, tuple(depletion.years), depletion.as_of, groups,
                             bar(None, "", depletion.total[chosen]), depletion.entries)


def load_depletion(workspace, plan_id: int, as_of=None):
    """The plan's uitputting per group on ``as_of`` (today), what the chart shows (no object per
    line: app.services.depletion.group_depletion), or None when the plan is gone."""
    from app.services.depletion import group_depletion

    with workspace.session() as session:
        plan = session.get(Plan, plan_id)
        return None if plan is None else group_depletion(session, plan, as_of)


def has_bookings(workspace, plan_id: int) -> bool:
    """Whether anything was booked on the plan (its lines or its funding sources)."""
    from app.services.depletion import has_entries

    with workspace.session() as session:
        plan = session.get(Plan, plan_id)
        return plan is not None and has_entries(session, plan)
