"""The headline figures of one plan in one call: what the status bar and the plan page show."""
from __future__ import annotations

from dataclasses import dataclass

from app.models import Plan
from app.services.budget import BudgetFigures, budget_figures
from app.services.staffing import StaffingFigures, staffing_figures


@dataclass
class PlanFigures:
    plan_id: int
    year: int
    budget: BudgetFigures
    staffing: StaffingFigures


def plan_figures(workspace, plan_id: int) -> PlanFigures | None:
    """Budget, funding, saldo and dagdelen of a plan; None when the plan is gone."""
    with workspace.session() as session:
        plan = session.get(Plan, plan_id)
        if plan is None:
            return None
        return PlanFigures(plan.id, plan.year, budget_figures(session, plan), staffing_figures(session, plan))
