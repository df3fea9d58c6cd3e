"""Validation messages a user would see, and figures that react to edits."""
from decimal import Decimal

import pytest
from sqlalchemy import select

from app.models import (
    Allocation,
    BudgetCell,
    BudgetGroup,
    BudgetLine,
    KeyMethod,
    Marker,
    Person,
    Plan,
    Project,
    Role,
)
from app.services.budget import budget_figures
from app.services.contributions import AllocationKeyProblem, budget_contributions, key_percentages
from app.services.plans import find_plan
from app.services.staffing import staffing_figures
from app.services.summary import plan_summary
from app.services.validation import plan_problems


@pytest.fixture
def workspace(ws):
    """The demo workspace, as a file and on the PostgreSQL test server (conftest ``ws``)."""
    return ws


def codes(workspace):
    with workspace.session() as s:
        return [p.code for p in plan_problems(s, find_plan(s, 2022))]


def test_demo_has_only_the_published_inconsistencies(workspace):
    """Samen leren and chapter 4 name other dagdelen than the staffing table; 2021 is a comparison
    column, so its unfunded budget is no saldo."""
    assert sorted(codes(workspace)) == ["chapter_stated_half_days", "stated_half_days"]


def test_percentage_key_not_100_is_an_error_and_never_normalised(workspace):
    with workspace.transaction() as s:
        key = find_plan(s, 2022).allocation_key
        key.method = KeyMethod.PERCENTAGE
        for share in key.shares:
            share.percentage = Decimal("9.95")  # 10 x 9,95 = 99,50 %
    with workspace.session() as s:
        plan = find_plan(s, 2022)
        problems = plan_problems(s, plan)
        with pytest.raises(AllocationKeyProblem):
            budget_contributions(s, plan)
    message = next(p.message for p in problems if p.code == "key")
    assert "99,50 %" in message and "100,00 %" in message
    summary = plan_summary(workspace, 2022)
    assert summary["contributions"] is None
    assert any("99,50 %" in p for p in summary["problems"])


def test_percentage_key_of_exactly_100_splits_by_percentage(workspace):
    with workspace.transaction() as s:
        key = find_plan(s, 2022).allocation_key
        key.method = KeyMethod.PERCENTAGE
        for share in key.shares:
            share.percentage = Decimal("10.00")
    with workspace.session() as s:
        result = budget_contributions(s, find_plan(s, 2022))
    # Ten times 10 % of what the municipalities fund: 1.280.000 minus 242.500 other funding.
    assert set(result.by_year[2022].values()) == {Decimal("103750.00")}


def test_key_percentages_shown_add_up_to_100(workspace):
    with workspace.session() as s:
        shares = key_percentages(find_plan(s, 2022).allocation_key)
    assert sum(shares.values()) == Decimal("100.00")


def test_over_allocation_is_named(workspace):
    with workspace.transaction() as s:
        plan = find_plan(s, 2022)
        project = s.scalars(select(Project).where(Project.title == "Big 5")).one()
        s.add(Allocation(plan_id=plan.id, project_id=project.id, half_days=Decimal("2.5")))
    with workspace.session() as s:
        plan = find_plan(s, 2022)
        staffing = staffing_figures(s, plan)
        messages = [p.message for p in plan_problems(s, plan)]
    assert staffing.allocated_half_days == Decimal("24.5")
    assert staffing.over_allocated
    assert any("24,5 dagdelen" in m and "(22)" in m for m in messages)


def test_person_over_availability_is_named(workspace):
    with workspace.transaction() as s:
        plan = find_plan(s, 2022)
        role = s.scalars(select(Role).where(Role.plan_id == plan.id)).first()
        person = Person(plan_id=plan.id, name="Anna de Vries", capacity_id=role.id,
                        available_half_days=Decimal("4.0"))
        s.add(person)
        s.flush()
        project = s.scalars(select(Project).where(Project.title == "Big 5")).one()
        s.add(Allocation(plan_id=plan.id, project_id=project.id, person_id=person.id,
                         half_days=Decimal("6.0")))
    messages = [m for m in plan_summary(workspace, 2022)["problems"]]
    assert any("Anna de Vries is ingezet voor 6 dagdelen per week, beschikbaar 4" in m for m in messages)


def test_subtotal_group_without_lines(workspace):
    with workspace.transaction() as s:
        plan = find_plan(s, 2022)
        s.add(BudgetGroup(plan_id=plan.id, position=9, number="4", name="Nieuwe groep",
                          shows_subtotal=True))
    assert "empty_group" in codes(workspace)


def test_markers_where_amounts_are_needed(workspace):
    with workspace.transaction() as s:
        line = s.scalars(select(BudgetLine).where(BudgetLine.name == "onderzoeksbudget")).one()
        cell_2022 = next(c for c in line.cells if c.year == 2022)
        cell_2022.amount, cell_2022.marker = None, Marker.PM
        conf = s.scalars(select(BudgetLine).where(BudgetLine.name.like("Jaarlijkse%"))).one()
        conf.cells.append(BudgetCell(year=2021, marker=Marker.IDEM))
    with workspace.session() as s:
        plan = find_plan(s, 2022)
        problems = plan_problems(s, plan)
        figures = budget_figures(s, plan)
    found = {p.code for p in problems}
    assert {"marker_in_plan_year", "idem_without_previous"} <= found
    # the PM is left out of the total, and the total says so
    assert figures.total[2022] == Decimal("1180000.00")
    assert figures.markers_left_out[2022] == 1


def test_amount_edit_moves_totals_balance_and_contributions(workspace):
    with workspace.transaction() as s:
        line = s.scalars(select(BudgetLine).where(
            BudgetLine.name == "externe projectleiding (toegevoegd aan programmateam)")).one()
        next(c for c in line.cells if c.year == 2022).amount = Decimal("75000.00")
    summary = plan_summary(workspace, 2022)
    assert summary["budget"]["total"]["2022"] == "1255000.00"
    assert summary["balance"]["2022"] == "25000.00"
    assert summary["contributions_basis"]["2022"] == {
        "budget": "1255000.00", "other_funding": "242500.00", "to_split": "1012500.00"}
    assert sum(Decimal(v) for v in summary["contributions"]["2022"].values()) == Decimal("1012500")


def test_only_plans_of_the_file_are_found(workspace):
    from app.services.plans import PlanNotFound

    with workspace.session() as s:
        with pytest.raises(PlanNotFound, match="Wel voor: 2022"):
            find_plan(s, 2030)
        assert isinstance(find_plan(s), Plan)


def test_marker_problems_are_listed_line_by_line_then_year_by_year(workspace):
    """The problems list reads like the budget: per line (in the order they were made), and
    within a line from the earliest year on: not all 2022 problems first."""
    with workspace.transaction() as s:
        plan = find_plan(s, 2022)
        group = s.scalars(select(BudgetGroup).where(BudgetGroup.plan_id == plan.id)
                          .order_by(BudgetGroup.position)).first()
        first = BudgetLine(group=group, position=90, name="Eerste post")
        second = BudgetLine(group=group, position=91, name="Tweede post")
        s.add_all([first, second])
        s.flush()
        s.add(BudgetCell(line_id=second.id, year=2022, marker=Marker.PM))
        s.add(BudgetCell(line_id=first.id, year=2023, marker=Marker.IDEM))  # 2022 of this line is empty
    with workspace.session() as s:
        problems = [p for p in plan_problems(s, find_plan(s, 2022))
                    if p.code in ("marker_in_plan_year", "idem_without_previous")]
    assert [p.message.split(":")[0] for p in problems] == [
        "'id.' in 2023 bij 'Eerste post'",
        "'PM' in 2022 bij 'Tweede post'",
    ]


def test_marker_problems_of_one_line_come_year_by_year(workspace):
    with workspace.transaction() as s:
        plan = find_plan(s, 2022)
        group = s.scalars(select(BudgetGroup).where(BudgetGroup.plan_id == plan.id)
                          .order_by(BudgetGroup.position)).first()
        line = BudgetLine(group=group, position=90, name="Nieuwe post")
        s.add(line)
        s.flush()
        s.add(BudgetCell(line_id=line.id, year=2023, marker=Marker.IDEM))  # the later year typed first
        s.flush()
        s.add(BudgetCell(line_id=line.id, year=2022, marker=Marker.PM))
        s.flush()
        s.add(BudgetCell(line_id=line.id, year=2021, marker=Marker.IDEM))
    with workspace.session() as s:
        problems = [p.message.split(":")[0] for p in plan_problems(s, find_plan(s, 2022))
                    if p.code in ("marker_in_plan_year", "idem_without_previous")]
    assert problems == ["'id.' in 2021 bij 'Nieuwe post'", "'PM' in 2022 bij 'Nieuwe post'"]


def test_the_summary_of_a_year_is_that_years_plan_even_with_a_newer_one_in_the_file(workspace):
    with workspace.transaction() as s:
        plan = find_plan(s, 2022)
        s.add(Plan(region_id=plan.region_id, year=2023, title="Uitvoeringsplan 2023", first_year=2023,
                   last_year=2025))
    assert plan_summary(workspace, 2022)["plan"]["year"] == 2022
    assert plan_summary(workspace, 2022)["budget"]["total"]["2022"] == "1280000.00"
    newest = plan_summary(workspace)
    assert (newest["plan"]["year"], newest["plan"]["title"]) == (2023, "Uitvoeringsplan 2023")
