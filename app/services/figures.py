"""A plan's computed figures, each loaded in its own session: what the editors, the status
bar and the plan page show. The views cache them per change (ApplicationContext)."""
from __future__ import annotations

from app.models import Plan
from app.services.budget import (
    BudgetFigures,
    CellSum,
    adjusted_sums,
    budget_figures,
    cell_sum_keys,
    cell_sums,
)
from app.services.contributions import (
    AllocationKeyProblem,
    Contributions,
    budget_contributions,
    fixed_settlement_contributions,
)
from app.services.staffing import StaffingFigures, staffing_figures


def load_budget_figures(workspace, plan_id: int) -> BudgetFigures | None:
    with workspace.session() as session:
        plan = session.get(Plan, plan_id)
        return budget_figures(session, plan) if plan is not None else None


def load_staffing_figures(workspace, plan_id: int) -> StaffingFigures | None:
    with workspace.session() as session:
        plan = session.get(Plan, plan_id)
        return staffing_figures(session, plan) if plan is not None else None


def load_cell_sums(workspace, plan_id: int) -> list[CellSum] | None:
    with workspace.session() as session:
        plan = session.get(Plan, plan_id)
        return cell_sums(session, plan) if plan is not None else None


def apply_cell_changes(workspace, sums: list[CellSum], changes) -> list[CellSum]:
    """``sums`` after the cell changes (line_id, year, old, new) that were just written."""
    with workspace.session() as session:
        keys = cell_sum_keys(session, {change[0] for change in changes})
    return adjusted_sums(sums, keys, changes)


def load_budget_and_contributions(workspace, plan_id: int, sums: list[CellSum] | None = None):
    """Budget figures and the budget's contributions from one set of cell sums.

    Returns (BudgetFigures, Contributions or None, the key's problem or "")."""
    with workspace.session() as session:
        plan = session.get(Plan, plan_id)
        if plan is None:
            return None, None, ""
        sums = cell_sums(session, plan) if sums is None else sums
        figures = budget_figures(session, plan, sums)
        try:
            return figures, budget_contributions(session, plan, sums), ""
        except AllocationKeyProblem as exc:
            return figures, None, exc.message


def load_fixed_contributions(workspace, plan_id: int) -> Contributions | None:
    with workspace.session() as session:
        plan = session.get(Plan, plan_id)
        if plan is None:
            return None
        try:
            return fixed_settlement_contributions(session, plan)
        except AllocationKeyProblem:
            return None



def plan_year(workspace, plan_id: int) -> int | None:
    with workspace.session() as session:
        plan = session.get(Plan, plan_id)
        return plan.year if plan is not None else None
