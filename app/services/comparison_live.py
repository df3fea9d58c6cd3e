"""A comparison that follows the edits of the plans it compares, as the comparison view shows it.

Loaded once (both plans' lines, outlines); a cell edit of the newer plan compares only the lines
it touched again (no database: the edit carries its new values), and the totals and
contributions are made from the figures the editors already keep. Anything else (a line added or
moved, the key, the outline) loads the plan that changed again.
"""
from __future__ import annotations

from dataclasses import dataclass

from app.services.comparison import (
    BudgetComparison,
    PlanLines,
    TotalsComparison,
    comparable_plans,
    compare_budget,
    compare_totals,
    load_plan_lines,
)
from app.services.comparison_outline import Outline, compare_outline, compare_staffing, load_outline


@dataclass(frozen=True)
class PlanFigures:
    """A plan's figures as the editors keep them: budget figures, contributions (or None and the
    key's problem), staffing figures."""

    budget: object  # app.services.budget.BudgetFigures
    contributions: object | None  # app.services.contributions.Contributions
    problem: str
    staffing: object | None  # app.services.staffing.StaffingFigures


class LiveComparison:
    def __init__(self, before_id: int, after_id: int) -> None:
        self.before_id = before_id
        self.after_id = after_id
        self.budget: BudgetComparison | None = None
        self.totals: TotalsComparison | None = None
        self.staffing: list = []
        self.outline: list = []
        self._outlines: tuple[Outline, Outline] | None = None
        self._projects: dict[int, int] = {}

    # --- loading ------------------------------------------------------------------------------

    def load(self, workspace, before: PlanFigures, after: PlanFigures) -> None:
        """Everything from the file; raises EditError when a plan is gone or of another region."""
        with workspace.session() as session:
            plans = comparable_plans(session, self.before_id, self.after_id)
            lines = load_plan_lines(session, plans[0]), load_plan_lines(session, plans[1])
            self._outlines = load_outline(session, plans[0]), load_outline(session, plans[1])
        self.budget = compare_budget(*lines)
        self._compare_outline()
        self.update_figures(before, after)

    def reload_outline(self, workspace, before: PlanFigures, after: PlanFigures) -> None:
        """Projects, actions or staffing changed: the outline again, the budget lines as they are."""
        with workspace.session() as session:
            plans = comparable_plans(session, self.before_id, self.after_id)
            self._outlines = load_outline(session, plans[0]), load_outline(session, plans[1])
        self._compare_outline()
        self.update_figures(before, after)

    def _compare_outline(self) -> None:
        before, after = self._outlines
        self._projects = after.match(before)
        self.outline = compare_outline(before, after, self._projects)

    # --- following edits ------------------------------------------------------------------------

    def apply_cells(self, deltas) -> list[int]:
        """Cell edits of the newer plan (CellDelta): those lines compared again; returns the rows of
        ``budget.lines`` that changed. The totals follow through :meth:`update_figures`."""
        assert self.budget is not None
        after: PlanLines = self.budget.after.with_cells(deltas)
        return self.budget.refresh(after, {delta.line_id for delta in deltas})

    def update_figures(self, before: PlanFigures, after: PlanFigures, staffing: bool = True) -> None:
        """Totals, contributions and (unless ``staffing`` is False: a budget cell cannot change
        it) staffing from the figures the editors keep (no database)."""
        assert self.budget is not None
        self.totals = compare_totals(self.budget.before, self.budget.after, self.budget.group_match,
                                     before.budget, after.budget, before.contributions, after.contributions,
                                     after.problem or before.problem)
        if staffing:
            self.staffing = compare_staffing(before.staffing, after.staffing, self._projects)
