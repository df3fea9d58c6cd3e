"""The dekking as a sheet: sources with an amount per year, their total and the saldo."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.models import BudgetGroup, BudgetLine, FundingKind, FundingSource, Plan
from app.services.budget import BudgetFigures, budget_figures


@dataclass
class SourceRow:
    id: int
    name: str
    note: str
    amounts: dict[int, Decimal | None]
    kind: FundingKind = FundingKind.MUNICIPAL
    earmark: str = ""  # the group or line other funding is for; "": every line


@dataclass
class FundingSheet:
    plan_id: int
    years: list[int]
    sources: list[SourceRow]
    figures: BudgetFigures  # funding total, budget total and balance per year
    read_only: bool
    comparison_years: list[int] = field(default_factory=list)  # shown, never funded


def load_funding_sheet(workspace, plan_id: int, figures: BudgetFigures | None = None) -> FundingSheet | None:
    with workspace.session() as session:
        plan = session.get(Plan, plan_id)
        if plan is None:
            return None
        sources = session.scalars(
            select(FundingSource).where(FundingSource.plan_id == plan_id)
            .options(selectinload(FundingSource.amounts))
            .order_by(FundingSource.position, FundingSource.id))
        rows = []
        for source in sources:
            amounts: dict[int, Decimal | None] = dict.fromkeys(plan.years)
            amounts.update({a.year: a.amount for a in source.amounts if a.year in amounts})
            rows.append(SourceRow(source.id, source.name, source.note, amounts, source.kind,
                                  _earmark_name(session, source)))
        return FundingSheet(plan_id, plan.years, rows, figures or budget_figures(session, plan),
                            plan.is_read_only, plan.comparison_years)


def _earmark_name(session, source: FundingSource) -> str:
    if source.earmark_group_id is not None:
        return session.get(BudgetGroup, source.earmark_group_id).name
    if source.earmark_line_id is not None:
        return session.get(BudgetLine, source.earmark_line_id).name
    return ""
