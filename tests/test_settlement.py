"""De afrekening (issue 20): each municipality's advance (its contribution on the budget) against
its share of the realised costs under the same key and sets, less the other funding received;
whole euros that add up exactly, a set-shared line settled by its set only, and a key that cannot
be used said in Dutch."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from sqlalchemy import select

from app.models import BudgetGroup, BudgetLine, FundingKind, FundingSource, MunicipalitySet, Plan
from app.services import budget_edit
from app.services.actuals import EntryValues, add_entries
from app.services.contributions import budget_contributions, split_basis
from app.services.plan_copy import create_amendment
from app.services.plans import find_plan
from app.services.settlement import plan_settlement

D = Decimal
DEN_HAAG = "Den Haag"


@pytest.fixture
def amendment(ws) -> int:
    with ws.session() as s:
        adopted = find_plan(s, 2022).id
    return create_amendment(ws, adopted)


def line_ids(ws, pid: int) -> list[int]:
    with ws.session() as s:
        return list(s.scalars(select(BudgetLine.id).join(BudgetLine.group).where(BudgetGroup.plan_id == pid)
                              .order_by(BudgetLine.id)))


def h8(ws) -> int:
    with ws.session() as s:
        return s.scalars(select(MunicipalitySet.id).where(MunicipalitySet.code == "H8")).one()


def spent(line_id: int, amount: str, year: int = 2022) -> EntryValues:
    return EntryValues(year, date(year, 6, 1), D(amount), line_id=line_id)


def settle(ws, pid: int):
    with ws.session() as s:
        return plan_settlement(s, s.get(Plan, pid))


def test_the_settlement_adds_up_exactly_with_a_line_shared_by_eight(ws, amendment):
    lines = line_ids(ws, amendment)
    budget_edit.set_line_fields(ws, lines[1], municipality_set_id=h8(ws))
    with ws.session() as s:
        other = s.scalars(select(FundingSource.id).where(FundingSource.plan_id == amendment,
                                                         FundingSource.kind == FundingKind.OTHER)).first()
    add_entries(ws, amendment, [
        spent(lines[0], "100000.01"), spent(lines[1], "33333.33"), spent(lines[2], "250000.00"),
        spent(lines[3], "-1234.56"),  # a refund
        EntryValues(2022, date(2022, 4, 1), D("50000.00"), source_id=other),  # other funding received
    ])
    result = settle(ws, amendment)[2022]
    assert not result.problem
    assert result.realised == D("382098.78")
    assert result.other_income == D("50000.00")
    assert result.to_split == D("332099.00")  # 382.098,78 - 50.000, rounded to whole euros
    assert result.share_total == result.to_split  # the parts add up exactly
    with ws.session() as s:
        advances = budget_contributions(s, s.get(Plan, amendment))
    assert [r.advance for r in result.rows] == [advances.by_year[2022][m] for m in advances.municipalities]
    assert result.advance_total == advances.totals[2022]
    assert result.difference_total == result.share_total - result.advance_total  # to the euro
    assert all(r.difference == r.share - r.advance for r in result.rows)
    assert all(r.share == r.share.to_integral_value() for r in result.rows)  # whole euros


def test_den_haag_pays_nothing_of_a_line_shared_by_the_other_eight(ws, amendment):
    lines = line_ids(ws, amendment)
    budget_edit.set_line_fields(ws, lines[1], municipality_set_id=h8(ws))
    add_entries(ws, amendment, [spent(lines[0], "100000.00")])
    before = {r.municipality: r.share for r in settle(ws, amendment)[2022].rows}
    add_entries(ws, amendment, [spent(lines[1], "80000.00")])  # the H8 line
    after = {r.municipality: r.share for r in settle(ws, amendment)[2022].rows}
    assert after[DEN_HAAG] == before[DEN_HAAG]
    more = {m: after[m] - before[m] for m in after}
    assert sum(more.values()) == D("80000.00")
    assert sum(1 for m in more.values() if m > 0) == 8  # the eight of H8, no one else


def test_each_share_is_the_key_s_share_of_the_realised_costs(ws, amendment):
    lines = line_ids(ws, amendment)
    add_entries(ws, amendment, [spent(lines[0], "1000000.00")])
    result = settle(ws, amendment)[2022]
    with ws.session() as s:
        basis = split_basis(s, s.get(Plan, amendment))
    whole = sum(basis.weights.values())
    for row in result.rows:
        municipality = next(m for m, name in basis.names.items() if name == row.municipality)
        exact = Fraction(1000000) * basis.weights[municipality] / whole
        assert abs(Fraction(row.share) - exact) < 1, row.municipality  # largest remainder: within a euro


def test_nothing_spent_refunds_every_advance(ws, amendment):
    result = settle(ws, amendment)[2022]
    assert result.realised == 0 and result.share_total == 0
    assert all(r.difference == -r.advance for r in result.rows)


def test_a_key_that_cannot_be_used_is_said_in_dutch(ws, amendment):
    from app.models import AllocationKey

    with ws.transaction() as s:
        plan = s.get(Plan, amendment)
        key = s.get(AllocationKey, plan.allocation_key_id)
        key.shares[0].basis = None
    result = settle(ws, amendment)[2022]
    assert result.rows == [] and "geen geldig basisgetal" in result.problem
