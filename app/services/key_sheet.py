"""The verdeelsleutel as a sheet: each municipality's basis figure and share, and the sum."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select

from app.models import AllocationKey, KeyMethod, Plan, PlanStatus
from app.services.contributions import (
    AllocationKeyProblem,
    Contributions,
    budget_contributions,
    fixed_settlement_contributions,
    key_percentages,
)


@dataclass
class ShareRow:
    id: int
    municipality: str
    basis: int | None
    percentage: Decimal | None  # as typed (PERCENTAGE method)
    share: Decimal | None  # the effective share in %, two decimals (None: key unusable)


@dataclass
class KeySheet:
    plan_id: int
    key_id: int | None
    name: str
    method: KeyMethod
    basis_label: str
    note: str
    rows: list[ShareRow]
    total_basis: int
    total_percentage: Decimal  # sum of the typed percentages (PERCENTAGE) or of the shares
    problem: str  # "" when the key is usable; else a Dutch message
    read_only: bool  # used by an adopted plan
    contributions: Contributions | None
    fixed_settlements: Contributions | None
    # The region's keys the plan can choose from, (id, name) by name; whether the plan may choose.
    choices: tuple[tuple[int, str], ...] = ()
    plan_adopted: bool = False


def load_key_sheet(workspace, plan_id: int) -> KeySheet | None:
    with workspace.session() as session:
        plan = session.get(Plan, plan_id)
        if plan is None:
            return None
        choices = tuple((key_id, name) for key_id, name in session.execute(
            select(AllocationKey.id, AllocationKey.name).where(AllocationKey.region_id == plan.region_id)
            .order_by(AllocationKey.name, AllocationKey.id)))
        key = plan.allocation_key
        if key is None:
            return KeySheet(plan_id, None, "", KeyMethod.BASIS, "", "", [], 0, Decimal("0.00"),
                            "Dit plan heeft nog geen verdeelsleutel: kies er een hierboven, of maak er "
                            "een op de pagina van de regio.", True, None, None, choices, plan.is_read_only)
        problem = ""
        try:
            shares = key_percentages(key)
            contributions = budget_contributions(session, plan)
            fixed = fixed_settlement_contributions(session, plan)
        except AllocationKeyProblem as exc:
            shares, contributions, fixed, problem = {}, None, None, exc.message
        rows = [ShareRow(s.id, s.municipality.name, s.basis, s.percentage, shares.get(s.municipality_id))
                for s in sorted(key.shares, key=lambda s: (s.municipality.position, s.id))]
        if key.method is KeyMethod.PERCENTAGE:
            total_percentage = sum((r.percentage or Decimal(0) for r in rows), Decimal("0.00"))
        else:
            total_percentage = sum((r.share or Decimal(0) for r in rows), Decimal("0.00"))
        used_by_adopted = session.scalar(select(Plan.id).where(
            Plan.allocation_key_id == key.id, Plan.status == PlanStatus.ADOPTED).limit(1)) is not None
        return KeySheet(plan_id, key.id, key.name, key.method, key.basis_label, key.note, rows,
                        sum(r.basis or 0 for r in rows), total_percentage, problem,
                        used_by_adopted, contributions, fixed, choices, plan.is_read_only)


@dataclass
class SettlementRow:
    name: str
    scope: str  # the municipality set's code, e.g. "H8"
    note: str
    amounts: dict[int, Decimal | None]


def load_fixed_settlements(workspace, plan_id: int) -> tuple[list[int], list[SettlementRow]]:
    """The overige vaste regioverrekeningen of a plan with their scope, per year."""
    from sqlalchemy.orm import selectinload

    from app.models import FixedSettlement

    with workspace.session() as session:
        plan = session.get(Plan, plan_id)
        if plan is None:
            return [], []
        settlements = session.scalars(
            select(FixedSettlement).where(FixedSettlement.plan_id == plan_id)
            .options(selectinload(FixedSettlement.amounts), selectinload(FixedSettlement.municipality_set))
            .order_by(FixedSettlement.position, FixedSettlement.id))
        rows = []
        for s in settlements:
            amounts: dict[int, Decimal | None] = dict.fromkeys(plan.years)
            amounts.update({a.year: a.amount for a in s.amounts if a.year in amounts})
            rows.append(SettlementRow(s.name, s.municipality_set.code if s.municipality_set else "",
                                      s.note, amounts))
        return plan.years, rows
