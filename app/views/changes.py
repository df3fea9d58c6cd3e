"""What an edit changed, and what that makes stale: the one table the context and every view read.

An undo command announces a :class:`Change` (its plan, its :class:`ChangeKind` and, for typed
cells, the typed deltas) on every do, undo and redo. :data:`AFFECTS` says for each kind which
cached figures and which views must follow; a view asks ``change.affects(Part.X)`` instead of
naming kinds itself, so a new kind of edit is added in one place. An unknown change (None, or
a kind not in the table) affects everything.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, auto
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the window opens before the domain (and SQLAlchemy) is imported
    from app.services.budget import CellDelta
    from app.services.staffing import AllocationDelta


class ChangeKind(Enum):
    CELLS = auto()  # budget year cells typed, pasted, cleared (deltas: CellDelta)
    BUDGET_STRUCTURE = auto()  # budget groups and lines added, moved, renamed, deleted; notes
    FUNDING = auto()  # dekking sources and amounts
    KEY = auto()  # the allocation key's shares
    STAFFING = auto()  # roles, people, allocations, the plan's dagdelen per fte (deltas: AllocationDelta)
    PROJECTS = auto()  # chapters, projects, goals, actions (a deleted project takes its allocations)
    AMBITIONS = auto()  # the region's ambitions and which a project serves
    REGION = auto()  # the region's name, municipalities, sets and keys (every plan of it)
    PLAN = auto()  # the plan as a whole
    ACTUALS = auto()  # realisatie: bookings on lines and funding sources added, changed, deleted, imported
    INDICATORS = auto()  # the region's monitor: indicators, their values, notes and targets
    # Someone else on the shared database changed this plan (what exactly is not said): every
    # part of it is read again, in place (the open editors keep their place).
    BY_OTHERS = auto()


class Part(Enum):
    """A cached figure of the context, or what a view shows."""

    # figures (ApplicationContext's cache)
    BUDGET_FIGURES = auto()  # figures and contributions, made from the four below
    CELL_SUMS = auto()
    STRUCTURE = auto()
    FUNDING_FIGURES = auto()
    SPLIT_BASIS = auto()
    FIXED_CONTRIBUTIONS = auto()
    STAFFING_FIGURES = auto()
    PROGRESS_ROWS = auto()
    # views
    BUDGET_SHEET = auto()
    FUNDING_SHEET = auto()  # its sources; its budget total and saldo rows follow BUDGET_FIGURES
    KEY_SHEET = auto()
    CONTRIBUTIONS = auto()
    SETTLEMENTS = auto()  # fixed settlements per municipality
    STAFFING_SHEETS = auto()  # roles, people, allocation matrix
    NAVIGATION = auto()  # the tree of plans, chapters and projects
    PROGRESS = auto()
    PROJECT_FORM = auto()
    AMBITION_LIST = auto()
    REGION_SHEETS = auto()  # the region editor's municipalities, sets and keys
    CHART_BUDGET = auto()
    CHART_CONTRIBUTIONS = auto()
    CHART_HALF_DAYS = auto()
    CHART_PEOPLE = auto()
    CHART_ACTIONS = auto()
    CHART_COMPARISON = auto()
    ACTUALS_SHEET = auto()  # the Realisatie page's bookings (their lines' and sources' names)
    DEPLETION = auto()  # the uitputting: its table, its flags, the status bar's realisatie
    MONITOR = auto()  # the Monitor page of a region: its indicators, table and chart


P = Part
AFFECTS: dict[ChangeKind, frozenset[Part]] = {
    # The cell sums, budget figures and contributions follow a cell edit exactly, in O(change)
    # (ApplicationContext: figures.LiveBudget); the budget sheet writes the cells in place.
    ChangeKind.CELLS: frozenset({
        P.BUDGET_FIGURES, P.BUDGET_SHEET, P.CONTRIBUTIONS, P.PROJECT_FORM,
        P.CHART_BUDGET, P.CHART_CONTRIBUTIONS, P.CHART_COMPARISON, P.DEPLETION}),
    # A group or line other funding is earmarked for may be renamed or deleted: the dekking follows.
    ChangeKind.BUDGET_STRUCTURE: frozenset({
        P.BUDGET_FIGURES, P.CELL_SUMS, P.STRUCTURE, P.SPLIT_BASIS, P.FUNDING_FIGURES, P.FUNDING_SHEET,
        P.BUDGET_SHEET, P.CONTRIBUTIONS,
        P.PROJECT_FORM, P.CHART_BUDGET, P.CHART_CONTRIBUTIONS, P.CHART_COMPARISON,
        P.ACTUALS_SHEET, P.DEPLETION}),  # a line renamed or deleted (its bookings with it)
    # Other funding lowers what the key splits: the contributions follow the dekking.
    ChangeKind.FUNDING: frozenset({P.BUDGET_FIGURES, P.FUNDING_FIGURES, P.FUNDING_SHEET, P.CHART_BUDGET,
                                   P.CONTRIBUTIONS, P.CHART_CONTRIBUTIONS,
                                   P.ACTUALS_SHEET, P.DEPLETION}),  # a source renamed or deleted
    ChangeKind.KEY: frozenset({
        P.BUDGET_FIGURES, P.SPLIT_BASIS, P.FIXED_CONTRIBUTIONS, P.KEY_SHEET, P.CONTRIBUTIONS,
        P.SETTLEMENTS, P.CHART_CONTRIBUTIONS, P.REGION_SHEETS}),
    ChangeKind.STAFFING: frozenset({
        P.STAFFING_FIGURES, P.STAFFING_SHEETS, P.PROJECT_FORM, P.CHART_HALF_DAYS, P.CHART_PEOPLE}),
    # A deleted project takes its allocations along.
    ChangeKind.PROJECTS: frozenset({
        P.STAFFING_FIGURES, P.PROGRESS_ROWS, P.STAFFING_SHEETS, P.NAVIGATION, P.PROGRESS,
        P.PROJECT_FORM, P.CHART_HALF_DAYS, P.CHART_ACTIONS}),
    ChangeKind.AMBITIONS: frozenset({P.AMBITION_LIST, P.PROJECT_FORM}),
    # Names, members and shares feed every plan's figures and pages; the open editors follow
    # (the window does not rebuild them, as it does for a whole plan).
    ChangeKind.REGION: frozenset(Part),
    ChangeKind.PLAN: frozenset(Part),
    ChangeKind.BY_OTHERS: frozenset(Part),
    # A booking is bookkeeping, not plan content: the budget, funding and key stay as they are
    # (and so do every cached figure); the Realisatie page and the status bar follow.
    ChangeKind.ACTUALS: frozenset({P.ACTUALS_SHEET, P.DEPLETION}),
    ChangeKind.INDICATORS: frozenset({P.MONITOR}),  # not plan content: no figure, no other page
}
FIGURES = frozenset({P.BUDGET_FIGURES, P.CELL_SUMS, P.STRUCTURE, P.FUNDING_FIGURES, P.SPLIT_BASIS,
                     P.FIXED_CONTRIBUTIONS, P.STAFFING_FIGURES, P.PROGRESS_ROWS})
del P


@dataclass(frozen=True)
class Change:
    """What an applied (or undone) command changed, so each view updates only its part."""

    plan_id: int | None  # None: not one plan's (the region's ambitions)
    kind: ChangeKind
    # CELLS: the CellDelta of each cell as written; STAFFING: the AllocationDelta of each cell.
    cells: tuple[CellDelta, ...] | tuple[AllocationDelta, ...] = ()

    def affects(self, part: Part) -> bool:
        return part in AFFECTS.get(self.kind, frozenset(Part))

    def concerns(self, plan_id: int | None) -> bool:
        """Whether a view of plan ``plan_id`` should look at it (a change of no plan: all)."""
        return self.plan_id is None or self.plan_id == plan_id


def affects(change: Change | None, part: Part) -> bool:
    """``change.affects(part)``; an unknown change (None) affects everything."""
    return change is None or change.affects(part)
