"""Dekking and verdeelsleutel edits: figures follow, bad input refused, undo exact."""
from decimal import Decimal

import pytest
from sqlalchemy import select

from app.models import FundingSource, KeyMethod, KeyShare, Plan, PlanKind
from app.services import funding_edit, key_edit
from app.services.budget import budget_figures
from app.services.contributions import budget_contributions
from app.services.edit_errors import EditError, PlanReadOnlyError
from app.services.plan_copy import create_amendment
from app.services.validation import plan_problems


@pytest.fixture
def workspace(ws):
    """The demo workspace, as a file and on the PostgreSQL test server (conftest ``ws``)."""
    return ws


@pytest.fixture
def draft(workspace):
    with workspace.session() as s:
        adopted = s.scalars(select(Plan)).one().id
    return create_amendment(workspace, adopted)


def figures(workspace, plan_id):
    with workspace.session() as s:
        return budget_figures(s, s.get(Plan, plan_id))


def first_source(workspace, plan_id):
    with workspace.session() as s:
        return s.scalars(select(FundingSource).where(FundingSource.plan_id == plan_id)
                         .order_by(FundingSource.position)).first().id


def test_funding_change_moves_the_balance_and_undoes(workspace, draft):
    source = first_source(workspace, draft)
    old = funding_edit.set_funding_amounts(
        workspace, [funding_edit.FundingChange(source, 2022, Decimal("1012500.00"))])
    assert figures(workspace, draft).balance[2022] == Decimal("-25000.00")
    funding_edit.set_funding_amounts(workspace, old)
    assert figures(workspace, draft).balance[2022] == Decimal("0.00")


def test_funding_of_the_adopted_plan_is_read_only(workspace):
    with workspace.session() as s:
        adopted = s.scalars(select(Plan).where(Plan.kind == PlanKind.PLAN)).one().id
    source = first_source(workspace, adopted)
    with pytest.raises(PlanReadOnlyError):
        funding_edit.set_funding_amounts(workspace, [funding_edit.FundingChange(source, 2022, None)])
    assert figures(workspace, adopted).funding[2022] == Decimal("1280000.00")


def test_delete_and_restore_a_source(workspace, draft):
    source = first_source(workspace, draft)
    snapshot = funding_edit.delete_source(workspace, source)
    assert figures(workspace, draft).funding[2022] == Decimal("242500.00")
    funding_edit.restore_source(workspace, snapshot)
    assert figures(workspace, draft).funding[2022] == Decimal("1280000.00")
    assert first_source(workspace, draft) == source


def test_source_needs_a_name(workspace, draft):
    with pytest.raises(EditError, match="naam"):
        funding_edit.set_source_fields(workspace, first_source(workspace, draft), name="  ")


def shares(workspace, plan_id):
    with workspace.session() as s:
        plan = s.get(Plan, plan_id)
        return plan.allocation_key_id, [sh.id for sh in plan.allocation_key.shares]


def test_amendment_has_its_own_key_and_the_adopted_key_is_read_only(workspace, draft):
    with workspace.session() as s:
        adopted = s.scalars(select(Plan).where(Plan.kind == PlanKind.PLAN)).one()
        adopted_share = adopted.allocation_key.shares[0].id
    key_id, _ = shares(workspace, draft)
    assert key_id != adopted.allocation_key_id
    with pytest.raises(PlanReadOnlyError, match="vastgesteld plan"):
        key_edit.set_shares(workspace, [key_edit.ShareChange(adopted_share, None, 1)])


def test_switching_to_percentages_that_do_not_make_100_shows_an_error(workspace, draft):
    key_id, share_ids = shares(workspace, draft)
    key_edit.set_key_fields(workspace, key_id, method=KeyMethod.PERCENTAGE)
    key_edit.set_shares(workspace, [key_edit.ShareChange(i, Decimal("10.00"), None) for i in share_ids[:9]]
                        + [key_edit.ShareChange(share_ids[9], Decimal("9.99"), None)])
    with workspace.session() as s:
        problems = [p.message for p in plan_problems(s, s.get(Plan, draft)) if p.code == "key"]
    assert problems and "99,99 %" in problems[0]
    key_edit.set_shares(workspace, [key_edit.ShareChange(share_ids[9], Decimal("10.00"), None)])
    with workspace.session() as s:
        parts = budget_contributions(s, s.get(Plan, draft)).by_year[2022]
    assert set(parts.values()) == {Decimal("103750.00")}  # 10 % of 1.280.000 minus 242.500 other funding


@pytest.mark.parametrize("value, fragment", [
    (Decimal("10.005"), "twee decimalen"), (Decimal("120"), "tussen 0 en 100"),
])
def test_bad_percentages_are_refused(workspace, draft, value, fragment):
    _, share_ids = shares(workspace, draft)
    with pytest.raises(EditError, match=fragment):
        key_edit.set_shares(workspace, [key_edit.ShareChange(share_ids[0], value, None)])
    with workspace.session() as s:
        assert s.get(KeyShare, share_ids[0]).percentage is None


def test_negative_basis_refused(workspace, draft):
    _, share_ids = shares(workspace, draft)
    with pytest.raises(EditError, match="negatief"):
        key_edit.set_shares(workspace, [key_edit.ShareChange(share_ids[0], None, -5)])
