"""A plan's computed figures, in parts that change at different moments.

The editors keep each part until an edit makes it stale (ApplicationContext):
the cell sums follow every cell edit by their exact difference, the budget
structure and the split basis change only with the tree or the key, the
funding only with the dekking. The figures on screen are made from these
parts without reading every cell again (:class:`LiveBudget`: a cell edit moves
only its group chain, its year's total and its year's split), and always equal
what the services compute from the file (tests/test_commands.py and
tests/test_figures_incremental.py check that after random edits).
"""
from __future__ import annotations

from decimal import Decimal

from app.models import Plan
from app.services.budget import (
    BudgetFigures,
    BudgetStructure,
    CellSum,
    CellSumTable,
    SumChange,
    budget_structure,
    cell_sum_keys,
    cell_sums,
    figures_after,
    figures_from,
    FundingParts,
    funding_parts,
)
from app.services.contributions import (
    AllocationKeyProblem,
    Contributions,
    LiveSplit,
    SplitBasis,
    fixed_settlement_contributions,
    split_basis,
    split_budget,
)
from app.services.staffing import StaffingFigures, staffing_figures


def _with_plan(workspace, plan_id: int, compute):
    with workspace.session() as session:
        plan = session.get(Plan, plan_id)
        return compute(session, plan) if plan is not None else None


def load_cell_sums(workspace, plan_id: int) -> list[CellSum] | None:
    return _with_plan(workspace, plan_id, cell_sums)


def load_cell_sum_table(workspace, plan_id: int) -> CellSumTable | None:
    sums = load_cell_sums(workspace, plan_id)
    return None if sums is None else CellSumTable(sums)


def load_cell_sum_keys(workspace, line_ids) -> dict[int, tuple[int, int | None]]:
    """(group id, own set id) of each line: where its cells count in the cell sums."""
    with workspace.session() as session:
        return cell_sum_keys(session, line_ids)


def load_structure(workspace, plan_id: int) -> BudgetStructure | None:
    return _with_plan(workspace, plan_id, budget_structure)


def load_split_basis(workspace, plan_id: int) -> SplitBasis | None:
    return _with_plan(workspace, plan_id, split_basis)


def load_funding(workspace, plan_id: int) -> FundingParts | None:
    return _with_plan(workspace, plan_id, funding_parts)


def load_staffing_figures(workspace, plan_id: int) -> StaffingFigures | None:
    return _with_plan(workspace, plan_id, staffing_figures)


def load_budget_figures(workspace, plan_id: int) -> BudgetFigures | None:
    return _with_plan(workspace, plan_id, lambda session, plan: figures_from(
        budget_structure(session, plan), cell_sums(session, plan), funding_parts(session, plan)))


def load_fixed_contributions(workspace, plan_id: int, basis: SplitBasis | None = None) -> Contributions | None:
    def compute(session, plan):
        try:
            return fixed_settlement_contributions(session, plan, basis)
        except AllocationKeyProblem:
            return None

    return _with_plan(workspace, plan_id, compute)


def plan_year(workspace, plan_id: int) -> int | None:
    return _with_plan(workspace, plan_id, lambda session, plan: plan.year)


def budget_and_contributions(structure: BudgetStructure, sums: list[CellSum], funding: FundingParts,
                             basis: SplitBasis) -> tuple[BudgetFigures, Contributions | None, str]:
    """Budget figures and the budget's contributions from the parts; no database.

    Returns (figures, contributions or None, the key's or the basis's problem in Dutch or "")."""
    figures = figures_from(structure, sums, funding)
    try:
        return figures, split_budget(basis, sums, funding), ""
    except AllocationKeyProblem as exc:
        return figures, None, exc.message


def load_year_total(workspace, year: int | None) -> tuple[int, Decimal | None]:
    """The plan of ``year`` (None: the newest): its year and its budget total in that year."""
    from app.services.budget import budget_figures
    from app.services.plans import find_plan

    with workspace.session() as session:
        plan = find_plan(session, year)
        return plan.year, budget_figures(session, plan).total.get(plan.year)


class LiveBudget:
    """A plan's budget figures and contributions, made once from the parts and then following
    each cell edit in O(change): :meth:`apply` moves the changed groups' chains and the year's
    total (:func:`figures_after`) and splits the year again from a handful of kept sums
    (:class:`LiveSplit`). ``figures`` and ``contributions`` are new objects after each edit
    (a view may hold the old ones), sharing what did not change; both always equal
    :func:`budget_and_contributions` of the moved sums."""

    def __init__(self, structure: BudgetStructure, sums: CellSumTable, funding: FundingParts,
                 basis: SplitBasis) -> None:
        self.sums = sums  # the table it follows
        self.figures, self.contributions, self.problem = budget_and_contributions(
            structure, sums.sums(), funding, basis)
        self._split = LiveSplit(basis, funding, sums, self.contributions, self.problem)

    def apply(self, changes: list[SumChange]) -> None:
        """Follow the cell sums moved by ``changes`` (:meth:`CellSumTable.apply` of the same
        table this was made from, already applied)."""
        self.figures = figures_after(self.figures, changes)
        self.contributions, self.problem = self._split.apply(changes)
