"""The charts' series (app.services.chart_data) against the services, on the demo plan.

What a chart shows must be what the services compute: the stacked bars are the budget's
group totals, the contributions add up to the total, the dagdelen are the staffing
figures, the action counts the progress overview's, and a comparison's differences are
the two budgets' totals subtracted. No Qt here.
"""
from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from app.models import ActionStatus, BudgetGroup, BudgetLine, Plan, PlanKind
from app.services import budget_edit, chart_data
from app.services.budget import budget_figures
from app.services.cell_input import parse_cell
from app.services.contributions import budget_contributions
from app.services.figures import load_budget_figures, load_staffing_figures
from app.services.plan_copy import create_amendment
from app.services.progress import progress_overview
from app.services.staffing import PersonStaffing, StaffingFigures

D = Decimal


@pytest.fixture
def workspace(demo_workspace):
    from app.services.workspace import open_workspace

    ws = open_workspace(demo_workspace)
    yield ws
    ws.close()


@pytest.fixture
def adopted(workspace) -> int:
    with workspace.session() as s:
        return s.scalars(select(Plan.id).where(Plan.kind == PlanKind.PLAN)).one()


def test_budget_series_stacks_the_top_level_groups(workspace, adopted):
    figures = load_budget_figures(workspace, adopted)
    series = chart_data.budget_series(figures, 2022)
    tops = [g for g in figures.groups if g.parent_id is None]
    assert [g.key for g in series.groups] == [g.id for g in tops]
    assert [g.label for g in series.groups] == [
        "1 Regionale netwerksamenwerking", "2 Prioritaire activiteiten",
        "3 Lopende projecten en ad-hoc ondersteuning"]
    for year in series.years:
        for group, top in zip(series.groups, tops):
            assert group.values[year] == top.totals[year]
        # The stack is as high as the budget's total: the top-level groups add up to it.
        assert sum(g.values[year] for g in series.groups) == series.totals[year] == figures.total[year]
        assert series.funding[year] == figures.funding[year]
        assert series.balance[year] == figures.balance[year]
    assert series.totals[2022] == D("1280000.00")
    assert series.balance[2021] == D("-1062500.00")  # as published: 2021 has no funding
    assert series.markers_left_out[2023] == 12  # PM cells are not amounts, and the chart says so


def test_contributions_largest_first_adding_up_to_the_total(workspace, adopted):
    with workspace.session() as s:
        contributions = budget_contributions(s, s.get(Plan, adopted))
    series = chart_data.contribution_series(contributions, "", 2022)
    values = [b.value for b in series.bars]
    assert values == sorted(values, reverse=True)
    assert series.bars[0].label == "Den Haag"
    assert {b.key: b.value for b in series.bars} == contributions.by_year[2022]
    # What the municipalities fund: the budget of 1.280.000 minus 242.500 other funding.
    assert sum(values) == series.total == contributions.totals[2022] == D("1037500.00")


def test_contributions_with_a_broken_key_show_the_problem():
    series = chart_data.contribution_series(None, "De verdeelsleutel telt op tot 99,00 %.", 2022)
    assert series.bars == [] and series.problem.startswith("De verdeelsleutel")


def test_half_days_per_project_against_capacity(workspace, adopted):
    staffing = load_staffing_figures(workspace, adopted)
    series = chart_data.half_day_series(staffing, None)
    assert series.per == "project"
    assert series.capacity == staffing.capacity_half_days == D("22.0")
    assert series.allocated == staffing.allocated_half_days == D("22.0")
    assert series.over == 0
    shown = {b.key: b.allocated for b in series.bars}
    assert shown == {p.id: p.half_days for p in staffing.projects if p.half_days}
    assert sum(shown.values()) == series.allocated
    assert series.without == len(staffing.projects) - len(shown)
    # 3.2.3 Samen leren: 3 dagdelen in the staffing table, 2 in its chapter text.
    samen_leren = next(b for b in series.bars if b.label == "3.2.3 Samen leren")
    assert (samen_leren.allocated, samen_leren.stated) == (D("3.0"), D("2.0"))
    assert all(b.stated is None for b in series.bars if b is not samen_leren)


def test_half_days_per_chapter_when_there_are_many_projects(workspace, adopted):
    staffing = load_staffing_figures(workspace, adopted)
    with workspace.session() as s:
        progress = progress_overview(s, s.get(Plan, adopted))
    series = chart_data.half_day_series(staffing, progress, max_project_bars=3)
    assert series.per == "chapter"
    chapter_of = {r.project_id: r.chapter_id for r in progress}
    expected = {}
    for project in staffing.projects:
        if project.half_days:
            expected[chapter_of[project.id]] = expected.get(chapter_of[project.id], D(0)) + project.half_days
    assert {b.key: b.allocated for b in series.bars} == expected
    assert sum(b.allocated for b in series.bars) == series.allocated


def test_people_against_availability():
    people = [PersonStaffing(1, "Anna", D("4.0"), D("5.5")), PersonStaffing(2, "Bram", D("8.0"), D("3.0"))]
    staffing = StaffingFigures(D("10"), D("2"), D("2"), D("20.0"), D("8.5"), [], [], people)
    series = chart_data.half_day_series(staffing, None)
    assert [(p.label, p.allocated, p.limit, p.over) for p in series.people] == [
        ("Anna", D("5.5"), D("4.0"), D("1.5")), ("Bram", D("3.0"), D("8.0"), D("0.0"))]


def test_actions_per_status_per_chapter(workspace, adopted):
    with workspace.session() as s:
        progress = progress_overview(s, s.get(Plan, adopted))
    series = chart_data.action_series(progress)
    assert series.statuses[0] is ActionStatus.ACHIEVED and series.statuses[-1] is ActionStatus.UNKNOWN
    assert [c.label for c in series.chapters][:2] == [
        "3.1 Kinderen en gezinnen in de meest kwetsbare omstandigheden", "3.2 Lerend ontwikkelen"]
    for chapter in series.chapters:
        rows = [r for r in progress if r.chapter_id == chapter.key]
        for status in ActionStatus:
            assert chapter.counts[status] == sum(r.counts[status] for r in rows)
    assert sum(c.total for c in series.chapters) == sum(r.total for r in progress) == 47
    assert series.total(ActionStatus.UNKNOWN) == 47  # the demo plan's actions are all "onbekend"


def test_comparison_of_two_years_of_one_plan(workspace, adopted):
    figures = load_budget_figures(workspace, adopted)
    series = chart_data.comparison_series(figures, 2022, figures, 2021, same_plan=True)
    tops = [g for g in figures.groups if g.parent_id is None]
    assert [(d.key, d.difference) for d in series.groups] == [
        (g.id, g.totals[2022] - g.totals[2021]) for g in tops]
    assert [d.difference for d in series.groups] == [D("-11500.00"), D("433000.00"), D("-204000.00")]
    assert series.total.difference == figures.total[2022] - figures.total[2021] == D("217500.00")


def test_comparison_of_an_amendment_with_the_adopted_plan(workspace, adopted):
    draft = create_amendment(workspace, adopted)
    with workspace.session() as s:
        line = s.scalars(select(BudgetLine).join(BudgetLine.group).where(
            BudgetGroup.plan_id == draft, BudgetGroup.name == "Beter Samenspel")).first()
        top = s.scalars(select(BudgetGroup.id).where(
            BudgetGroup.plan_id == draft, BudgetGroup.number == "2")).one()
        old = next(c.amount for c in line.cells if c.year == 2022)
        line_id = line.id
    budget_edit.set_cells(workspace, [budget_edit.CellChange(line_id, 2022, parse_cell(str(old + 25000)))])
    mine, theirs = load_budget_figures(workspace, draft), load_budget_figures(workspace, adopted)
    series = chart_data.comparison_series(mine, 2022, theirs, 2022, same_plan=False)
    differences = {d.key: d.difference for d in series.groups}
    assert differences == {g.id: (D("25000.00") if g.id == top else D("0.00"))
                           for g in mine.groups if g.parent_id is None}
    assert series.total.difference == D("25000.00")


def test_comparison_pairs_groups_by_number_and_name(workspace, adopted):
    draft = create_amendment(workspace, adopted)
    with workspace.session() as s:
        group = s.scalars(select(BudgetGroup).where(BudgetGroup.plan_id == draft,
                                                    BudgetGroup.number == "3")).one()
        group_id = group.id
    budget_edit.set_group_fields(workspace, group_id, name="Lopende projecten")
    with workspace.session() as s:
        mine, theirs = (budget_figures(s, s.get(Plan, draft)), budget_figures(s, s.get(Plan, adopted)))
    series = chart_data.comparison_series(mine, 2022, theirs, 2022, same_plan=False)
    # The renamed group has no partner: it stands alone, and the old one appears as gone.
    assert [(d.label, d.difference) for d in series.groups][-2:] == [
        ("3 Lopende projecten", D("100000.00")),
        ("3 Lopende projecten en ad-hoc ondersteuning", D("-100000.00"))]
    assert series.groups[-1].key is None
    assert series.total.difference == 0



@pytest.mark.parametrize("name", ["LOPENDE PROJECTEN EN AD-HOC ONDERSTEUNING",
                                  "  Lopende   projecten en\tad-hoc ondersteuning "])
def test_comparison_pairs_groups_whatever_their_case_and_spaces(workspace, adopted, name):
    """Retyped in capitals or with extra spaces, a group is still the same group: no gone twin."""
    draft = create_amendment(workspace, adopted)
    with workspace.session() as s:
        group_id = s.scalars(select(BudgetGroup.id).where(BudgetGroup.plan_id == draft,
                                                          BudgetGroup.number == "3")).one()
    budget_edit.set_group_fields(workspace, group_id, name=name, number=" 3 ")
    with workspace.session() as s:
        mine, theirs = (budget_figures(s, s.get(Plan, draft)), budget_figures(s, s.get(Plan, adopted)))
    series = chart_data.comparison_series(mine, 2022, theirs, 2022, same_plan=False)
    assert len(series.groups) == len([g for g in mine.groups if g.parent_id is None])
    assert {d.key: d.difference for d in series.groups}[group_id] == D("0.00")


def test_comparison_pairs_names_by_their_case_folded_spelling():
    """"Straße" and "STRASSE" are one name to a reader: case folding, not lower case."""
    mine = SimpleNamespace(number="4", name="Straße en plein")
    theirs = SimpleNamespace(number="4", name="STRASSE EN PLEIN")
    assert chart_data._match_key(mine) == chart_data._match_key(theirs)
    assert chart_data._match_key(SimpleNamespace(number="4", name="Straat")) != chart_data._match_key(mine)
    assert chart_data._match_key(SimpleNamespace(number="5", name="Straße en plein")) != chart_data._match_key(mine)

def test_comparison_choices_and_default(workspace, adopted):
    own = chart_data.default_comparison(workspace, adopted)
    assert (own.plan_id, own.year, own.same_plan) == (adopted, 2021, True)  # no 2021 plan in the demo
    draft = create_amendment(workspace, adopted)
    choices = chart_data.comparison_choices(workspace, draft)
    assert [(c.plan_id, c.year, c.same_plan) for c in choices] == [(draft, 2021, True), (adopted, 2022, False)]
    default = chart_data.default_comparison(workspace, draft)
    assert (default.plan_id, default.year) == (adopted, 2022)  # an amendment: against what it amends
    assert chart_data.default_comparison(workspace, 9999) is None


def test_series_of_nothing_are_none():
    assert chart_data.budget_series(None, None) is None
    assert chart_data.half_day_series(None, None) is None
    assert chart_data.action_series(None) is None
    assert chart_data.comparison_series(None, 2022, None, 2021, True) is None
