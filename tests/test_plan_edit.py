"""Editing whole plans (app.services.plan_edit): a new empty plan for a free year, a scenario of
the adopted plan with the same figures, the title, the budget's year columns with what they
remove named first and put back by the undo, and deleting a plan with everything in it and
putting it back exactly. Every refusal says what is wrong in Dutch and writes nothing."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from app.models import (
    Allocation,
    AllocationKey,
    Base,
    BudgetCell,
    BudgetLine,
    FundingAmount,
    KeyMethod,
    Person,
    Plan,
    PlanKind,
    PlanStatus,
    Region,
)
from app.services import budget_edit
from app.services.adoption import Adoption, adopt_plan, restore_adoption
from app.services.budget import budget_figures
from app.services.cell_input import parse_cell
from app.services.contributions import budget_contributions
from app.services.edit_errors import EditError, PlanReadOnlyError
from app.services.new_workspace import KeySetup, PlanSetup, add_region
from app.services.plan_copy import create_amendment
from app.services.plan_edit import (
    YearColumns,
    amounts_outside,
    create_plan,
    create_scenario,
    delete_plan,
    plan_years_taken,
    rename_plan,
    restore_plan,
    restore_year_columns,
    set_year_columns,
)
from app.services.plans import find_plan

D = Decimal
DEMO_TITLE = "Uitvoeringsplan 2022 Regiovisie Jeugdzorg Haaglanden"


# --- helpers ----------------------------------------------------------------------------


@pytest.fixture
def small(empty_ws):
    """A region of its own with a key and a draft plan for 2023 (2023–2025): a file, and a
    database on the PostgreSQL test server."""
    made = add_region(empty_ws, "Regio Klein", ["Aadorp", "Beekdorp"],
                      key=KeySetup("Inwoners", KeyMethod.BASIS, ["600", "400"]),
                      plan=PlanSetup(2023, first_year=2023, last_year=2025))
    return empty_ws, made.region_id


def demo_plan(ws) -> int:
    with ws.session() as s:
        return find_plan(s, 2022).id


def region_of(ws, plan_id: int) -> int:
    with ws.session() as s:
        return s.get(Plan, plan_id).region_id


def as_draft(ws, plan_id: int) -> int:
    """The demo plan made a draft again, so its own figures can be edited."""
    restore_adoption(ws, plan_id, Adoption(PlanStatus.DRAFT, None, ""))
    return plan_id


def everything(ws) -> dict[str, list[tuple]]:
    """Every row of every table, in key order: the whole file as a user's data."""
    with ws.session() as s:
        return {t.name: [tuple(r) for r in s.execute(select(t).order_by(*t.primary_key.columns))]
                for t in Base.metadata.sorted_tables}


def data(ws) -> dict[str, list[tuple]]:
    """Every row but the change log's: an edit and its undo log two changes, and leave the data as it was."""
    return {name: rows for name, rows in everything(ws).items() if name != "change_log"}


def counts(ws) -> dict[str, int]:
    return {name: len(rows) for name, rows in everything(ws).items()}


def figures(ws, plan_id: int) -> tuple:
    """What the budget page shows: totals and markers per year, funding, and each municipality's
    contribution."""
    with ws.session() as s:
        plan = s.get(Plan, plan_id)
        budget = budget_figures(s, plan)
        contributions = budget_contributions(s, plan)
        return (budget.years, budget.total, budget.markers_left_out, budget.funding,
                [(g.number, g.name, g.totals) for g in budget.groups], contributions.by_year)


def refused(call, *args, **kwargs) -> str:
    with pytest.raises(EditError) as error:
        call(*args, **kwargs)
    return error.value.message


# --- a new plan -------------------------------------------------------------------------


def test_a_new_plan_for_a_free_year_is_an_empty_draft_and_a_second_one_for_that_year_is_refused(small):
    workspace, region = small
    key_id = _key_of(workspace, region)
    plan_id = create_plan(workspace, region, PlanSetup(2024, "  Plan   2024 ", 2024, 2026, "9"), key_id)
    with workspace.session() as s:
        plan = s.get(Plan, plan_id)
        assert (plan.title, plan.year, plan.years, plan.kind, plan.status, plan.half_days_per_fte,
                plan.allocation_key_id) == ("Plan 2024", 2024, [2024, 2025, 2026], PlanKind.PLAN,
                                            PlanStatus.DRAFT, D("9.0"), key_id)
        assert budget_figures(s, plan).total == {2024: 0, 2025: 0, 2026: 0}
    assert plan_years_taken(workspace, region) == {2023, 2024}
    before = everything(workspace)
    message = refused(create_plan, workspace, region, PlanSetup(2024))
    assert message == ("Er is al een uitvoeringsplan voor 2024 in deze regio (“Plan 2024”). Kies een ander "
                       "jaar, of maak een scenario van dat plan.")
    assert everything(workspace) == before


def test_the_default_title_and_year_columns_are_the_plan_years(small):
    workspace, region = small
    plan_id = create_plan(workspace, region, PlanSetup(2030))
    with workspace.session() as s:
        plan = s.get(Plan, plan_id)
        assert (plan.title, plan.years, plan.half_days_per_fte, plan.allocation_key_id) == (
            "Uitvoeringsplan 2030", [2030], D("10.0"), None)


def test_a_scenario_or_amendment_does_not_take_the_year(ws):
    original = demo_plan(ws)
    create_scenario(ws, original)
    create_amendment(ws, original)
    assert plan_years_taken(ws, region_of(ws, original)) == {2022}


@pytest.mark.parametrize("year", [1900, 2200])
def test_the_first_and_last_possible_years_are_taken(small, year):
    workspace, region = small
    plan_id = create_plan(workspace, region, PlanSetup(year))
    with workspace.session() as s:
        assert s.get(Plan, plan_id).years == [year]


@pytest.mark.parametrize("setup, message", [
    (PlanSetup(1899), "Het planjaar 1899 ligt niet tussen 1900 en 2200."),
    (PlanSetup(2201), "Het planjaar 2201 ligt niet tussen 1900 en 2200."),
    (PlanSetup(2024, first_year=1899, last_year=2024),
     "Het eerste begrotingsjaar 1899 ligt niet tussen 1900 en 2200."),
    (PlanSetup(2024, first_year=2025, last_year=2024),
     "Het laatste begrotingsjaar (2024) ligt voor het eerste (2025)."),
    (PlanSetup(2024, first_year=2020, last_year=2030),
     "Een begroting heeft hoogstens 10 jaren; 2020–2030 zijn er 11."),
    (PlanSetup(2024, title="T" * 301), "De titel is 301 tekens; het maximum is 300."),
    (PlanSetup(2024, half_days_per_fte="11"),
     "“11” dagdelen per fte kan niet: een fte is meer dan 0 en hoogstens 10 dagdelen per week, met "
     "hoogstens één decimaal."),
])
def test_a_new_plan_that_cannot_be_is_refused_and_nothing_written(small, setup, message):
    workspace, region = small
    before = everything(workspace)
    assert refused(create_plan, workspace, region, setup) == message
    assert everything(workspace) == before


def test_a_key_of_another_region_or_a_missing_region_or_key_is_refused(small):
    workspace, region = small
    with workspace.transaction() as s:
        other = Region(name="Regio Ander")
        s.add(other)
        s.add(AllocationKey(region=other, name="Sleutel van elders"))
        s.flush()
        other_key = s.scalars(select(AllocationKey.id).where(AllocationKey.region_id == other.id)).one()
    before = everything(workspace)
    assert refused(create_plan, workspace, region, PlanSetup(2024), other_key) == (
        "De verdeelsleutel “Sleutel van elders” hoort bij een andere regio; kies een sleutel van deze regio.")
    assert refused(create_plan, workspace, region, PlanSetup(2024), other_key + 99) == (
        "Deze verdeelsleutel bestaat niet meer; kies een andere.")
    assert refused(create_plan, workspace, region + 99, PlanSetup(2024)) == "Deze regio bestaat niet meer."
    assert everything(workspace) == before


def test_the_undo_of_a_new_plan_deletes_it_and_the_redo_puts_it_back(small):
    workspace, region = small
    before = everything(workspace)
    plan_id = create_plan(workspace, region, PlanSetup(2024))
    after = everything(workspace)
    snapshot = delete_plan(workspace, plan_id)
    assert everything(workspace) == before
    restore_plan(workspace, snapshot)
    assert everything(workspace) == after


def _key_of(workspace, region: int) -> int:
    with workspace.session() as s:
        return s.scalars(select(AllocationKey.id).where(AllocationKey.region_id == region)).one()


# --- a scenario ---------------------------------------------------------------------------


def test_a_scenario_of_the_adopted_plan_is_a_draft_with_the_same_figures_that_is_never_adopted(ws):
    original = demo_plan(ws)
    scenario = create_scenario(ws, original)
    with ws.session() as s:
        plan = s.get(Plan, scenario)
        assert (plan.kind, plan.status, plan.based_on_id, plan.title) == (
            PlanKind.SCENARIO, PlanStatus.DRAFT, original, f"{DEMO_TITLE} (scenario 1)")
        assert s.get(Plan, original).status is PlanStatus.ADOPTED
    assert figures(ws, scenario) == figures(ws, original)
    assert figures(ws, scenario)[1][2022] == D("1280000.00")
    assert refused(adopt_plan, ws, scenario, "1-12-2022", "BOJ") == (
        f"“{DEMO_TITLE} (scenario 1)” is een scenario en wordt niet vastgesteld. Maak er een wijziging van "
        "en stel die vast.")
    with ws.session() as s:
        assert find_plan(s, 2022).id == original  # the year's plan is still the adopted one


def test_a_scenario_of_a_plan_that_is_gone_is_refused(ws):
    before = everything(ws)
    assert refused(create_scenario, ws, demo_plan(ws) + 99) == "Dit plan bestaat niet meer."
    assert everything(ws) == before


# --- the title -----------------------------------------------------------------------------


def test_rename_returns_the_old_title_and_its_undo_puts_it_back(ws):
    draft = create_amendment(ws, demo_plan(ws))
    old = rename_plan(ws, draft, "  Wijziging   voorjaar ")
    assert old == f"{DEMO_TITLE} (wijziging 1)"
    with ws.session() as s:
        assert s.get(Plan, draft).title == "Wijziging voorjaar"
    rename_plan(ws, draft, old)
    with ws.session() as s:
        assert s.get(Plan, draft).title == old


@pytest.mark.parametrize("title, message", [
    ("", "Een plan heeft een titel nodig, bijvoorbeeld “Uitvoeringsplan 2023”."),
    ("  \t ", "Een plan heeft een titel nodig, bijvoorbeeld “Uitvoeringsplan 2023”."),
    ("x" * 301, "De titel is 301 tekens; het maximum is 300."),
])
def test_a_title_that_cannot_be_is_refused(ws, title, message):
    draft = create_amendment(ws, demo_plan(ws))
    before = everything(ws)
    assert refused(rename_plan, ws, draft, title) == message
    assert everything(ws) == before


def test_the_adopted_plan_keeps_its_title(ws):
    before = everything(ws)
    with pytest.raises(PlanReadOnlyError) as error:
        rename_plan(ws, demo_plan(ws), "Iets anders")
    assert error.value.message == (f"{DEMO_TITLE} is vastgesteld (BOJ 11-11-2021) en kan niet meer worden "
                                   "gewijzigd. Maak een wijziging aan om verder te werken.")
    assert refused(rename_plan, ws, demo_plan(ws) + 99, "Iets") == "Dit plan bestaat niet meer."
    assert everything(ws) == before


# --- the year columns ----------------------------------------------------------------------


SETTLEMENTS_2021 = [
    "Vaste regioverrekening “GIZ licenties”, 2021: € 15.000",
    "Vaste regioverrekening “Jong doet mee”, 2021: € 40.000",
    "Vaste regioverrekening “Coördinatie H8 Integrale Vroeghulp Platform (MEE regio Delft/Zoetermeer)”, "
    "2021: € 72.600",
    "Vaste regioverrekening “Villa Pinedo H10 (o.a. buddy's voor kinderen/jongeren)”, 2021: € 48.400",
    "Vaste regioverrekening “Kenniscentrum Kind en scheiding H8”, 2021: € 140.795",
]


def cell_years(ws, plan_id: int) -> dict[int, int]:
    """How many budget cells (amounts and markers) the plan has per year."""
    with ws.session() as s:
        years = s.scalars(select(BudgetCell.year).join(BudgetCell.line).join(BudgetLine.group).where(
            BudgetLine.group.has(plan_id=plan_id))).all()
    return {y: years.count(y) for y in sorted(set(years))}


def test_dropping_2021_names_exactly_the_2021_amounts_removes_them_and_the_undo_brings_them_back(ws):
    plan_id = as_draft(ws, demo_plan(ws))
    before, all_before = figures(ws, plan_id), data(ws)
    lost = amounts_outside(ws, plan_id, 2022, 2023)
    assert lost[0] == "Programmamanager Jeugd (40% uitvoering), 2021: € 77.500 (met toelichting)"
    assert "Beleidscapaciteit, project-/opgavemanagement, 2021: € 315.000" in lost
    assert "trainingen en bijeenkomsten, 2021: € 0" in lost  # an amount, even if nothing
    assert lost[-5:] == SETTLEMENTS_2021
    assert len(lost) == 11 + 5 and all(", 2021: " in line for line in lost)
    assert cell_years(ws, plan_id)[2021] == 11

    state = set_year_columns(ws, plan_id, 2022, 2023)
    assert (state.first_year, state.last_year) == (2021, 2023)
    assert (len(state.cells), len(state.funding), len(state.settlements)) == (11, 0, 5)
    assert {c["year"] for c in state.cells} == {2021} and all("id" in c for c in state.cells)
    assert 2021 not in cell_years(ws, plan_id)
    after = figures(ws, plan_id)
    assert after[0] == [2022, 2023]
    assert {y: after[1][y] for y in after[0]} == {y: before[1][y] for y in after[0]}  # 2022 and 2023 untouched
    assert after[1][2022] == D("1280000.00")
    assert amounts_outside(ws, plan_id, 2022, 2023) == []

    restore_year_columns(ws, plan_id, state)
    assert figures(ws, plan_id) == before
    assert figures(ws, plan_id)[1][2021] == D("1062500.00")
    assert data(ws) == all_before  # the same rows with the same ids


def test_funding_and_markers_outside_the_years_are_named_too(ws):
    plan_id = as_draft(ws, demo_plan(ws))
    lost = amounts_outside(ws, plan_id, 2021, 2021)
    assert "Dekking “reguliere regiobegroting”, 2022: € 1.037.500" in lost
    assert "Programmamanager Jeugd (40% uitvoering), 2023: doorlopend" in lost
    assert "Beleidscapaciteit, project-/opgavemanagement, 2023: id." in lost
    state = set_year_columns(ws, plan_id, 2021, 2021)
    assert len(state.funding) == 3 and {a["year"] for a in state.funding} == {2022}
    with ws.session() as s:
        assert s.scalars(select(FundingAmount).join(FundingAmount.source).where(
            FundingAmount.source.has(plan_id=plan_id))).all() == []
    before = figures(ws, plan_id)
    restore_year_columns(ws, plan_id, state)
    assert figures(ws, plan_id)[3][2022] == D("1280000.00")
    assert before[3] == {2021: 0}


def test_a_later_year_starts_empty_and_nothing_is_removed(ws):
    plan_id = as_draft(ws, demo_plan(ws))
    before, cells_before = figures(ws, plan_id), cell_years(ws, plan_id)
    assert amounts_outside(ws, plan_id, 2021, 2024) == []
    state = set_year_columns(ws, plan_id, 2021, 2024)
    assert state == YearColumns(2021, 2023, comparison_columns=1)  # 2021 stays a comparison column
    after = figures(ws, plan_id)
    assert after[0] == [2021, 2022, 2023, 2024]
    assert (after[1][2024], after[2][2024], after[3][2024]) == (0, 0, 0)
    assert cell_years(ws, plan_id) == cells_before  # no rows added: an empty year has none
    assert all(v == 0 for v in after[5][2024].values())
    # the new year can be typed in; its undo comes first, then the columns go back
    line = _line(ws, plan_id, "onderzoeksbudget")
    old = budget_edit.set_cells(ws, [budget_edit.CellChange(line, 2024, parse_cell("10.000"))])
    assert figures(ws, plan_id)[1][2024] == D("10000.00")
    budget_edit.set_cells(ws, old)
    restore_year_columns(ws, plan_id, state)
    assert figures(ws, plan_id) == before


def test_the_years_need_not_hold_the_plan_year(ws):
    plan_id = as_draft(ws, demo_plan(ws))
    set_year_columns(ws, plan_id, 2023, 2025)
    with ws.session() as s:
        assert (s.get(Plan, plan_id).year, s.get(Plan, plan_id).years) == (2022, [2023, 2024, 2025])


@pytest.mark.parametrize("first, last, message", [
    (1899, 2023, "Het eerste begrotingsjaar 1899 ligt niet tussen 1900 en 2200."),
    (2021, 2201, "Het laatste begrotingsjaar 2201 ligt niet tussen 1900 en 2200."),
    (2023, 2022, "Het laatste begrotingsjaar (2022) ligt voor het eerste (2023)."),
    (2020, 2030, "Een begroting heeft hoogstens 10 jaren; 2020–2030 zijn er 11."),
])
def test_year_columns_that_cannot_be_are_refused_and_nothing_changes(ws, first, last, message):
    plan_id = as_draft(ws, demo_plan(ws))
    before = everything(ws)
    assert refused(amounts_outside, ws, plan_id, first, last) == message
    assert refused(set_year_columns, ws, plan_id, first, last) == message
    assert everything(ws) == before


def test_the_adopted_plan_keeps_its_year_columns(ws):
    plan_id = demo_plan(ws)
    before = everything(ws)
    with pytest.raises(PlanReadOnlyError) as error:
        set_year_columns(ws, plan_id, 2022, 2023)
    assert error.value.message.startswith(f"{DEMO_TITLE} is vastgesteld (BOJ 11-11-2021)")
    assert refused(set_year_columns, ws, plan_id + 99, 2022, 2023) == "Dit plan bestaat niet meer."
    assert refused(amounts_outside, ws, plan_id + 99, 2022, 2023) == "Dit plan bestaat niet meer."
    assert everything(ws) == before


def test_the_boundary_years_are_allowed(ws):
    plan_id = as_draft(ws, demo_plan(ws))
    set_year_columns(ws, plan_id, 1900, 1909)
    set_year_columns(ws, plan_id, 2191, 2200)
    with ws.session() as s:
        assert s.get(Plan, plan_id).years == list(range(2191, 2201))


def _line(ws, plan_id: int, name: str) -> int:
    with ws.session() as s:
        return s.scalars(select(BudgetLine.id).join(BudgetLine.group).where(
            BudgetLine.name == name, BudgetLine.group.has(plan_id=plan_id))).one()


# --- deleting a plan -------------------------------------------------------------------------


PLAN_TABLES = {"plan", "chapter", "project", "goal", "action", "project_ambition", "capacity", "person",
               "allocation", "budget_group", "budget_line", "budget_cell", "funding_source", "funding_amount",
               "fixed_settlement", "fixed_settlement_amount", "change_log"}  # its log goes with it


def with_a_person(ws, plan_id: int) -> None:
    """A named person with dagdelen on a project, so every table under a plan has rows."""
    with ws.transaction() as s:
        allocation = s.scalars(select(Allocation).where(Allocation.plan_id == plan_id)).first()
        person = Person(plan_id=plan_id, name="P. de Vries", capacity_id=allocation.capacity_id,
                        available_half_days=D("8"))
        s.add(person)
        s.flush()
        s.add(Allocation(plan_id=plan_id, project_id=allocation.project_id, person_id=person.id,
                         half_days=D("2")))


def test_a_deleted_draft_is_gone_entirely_and_the_undo_brings_back_every_row_and_figure(ws):
    original = demo_plan(ws)
    draft = create_amendment(ws, original)
    with_a_person(ws, draft)
    rows_before, figures_before, counts_before = everything(ws), figures(ws, draft), counts(ws)
    with ws.session() as s:
        key_id = s.get(Plan, draft).allocation_key_id
        assert key_id != s.get(Plan, original).allocation_key_id  # the amendment has a copy of the key

    snapshot = delete_plan(ws, draft)
    assert {name for name, _rows in snapshot.tables} == PLAN_TABLES  # everything under a plan
    after = counts(ws)
    assert {t: counts_before[t] - after[t] for t in after if counts_before[t] != after[t]} == {
        name: len(rows) for name, rows in snapshot.tables}
    assert after["plan"] == 1 and snapshot.based_on_cleared == ()
    with ws.session() as s:
        assert s.get(Plan, draft) is None
        assert s.get(AllocationKey, key_id) is not None  # the key stays in the region
    assert figures(ws, original) == figures_before  # the adopted plan is untouched

    restore_plan(ws, snapshot)
    assert counts(ws) == counts_before
    assert everything(ws) == rows_before  # the same rows with the same ids
    assert figures(ws, draft) == figures_before


def test_plans_based_on_a_deleted_plan_stay_and_the_undo_links_them_again(ws):
    original = demo_plan(ws)
    amendment = create_amendment(ws, original)
    scenario = create_scenario(ws, original)
    before = everything(ws)
    snapshot = delete_plan(ws, original, adopted_confirmed=True)
    assert sorted(snapshot.based_on_cleared) == sorted([amendment, scenario])
    with ws.session() as s:
        assert [s.get(Plan, p).based_on_id for p in (amendment, scenario)] == [None, None]
        assert find_plan(s, 2022).id == amendment  # the year's figures are still there, in the copy
    restore_plan(ws, snapshot)
    assert everything(ws) == before
    with ws.session() as s:
        assert [s.get(Plan, p).based_on_id for p in (amendment, scenario)] == [original, original]


def test_the_adopted_plan_is_deleted_only_when_confirmed_again(ws):
    original = demo_plan(ws)
    before = everything(ws)
    with pytest.raises(PlanReadOnlyError) as error:
        delete_plan(ws, original)
    assert error.value.message == (f"“{DEMO_TITLE}” is vastgesteld op 11-11-2021 door BOJ; bevestig nogmaals "
                                   "dat u een vastgesteld plan wilt verwijderen.")
    assert everything(ws) == before
    snapshot = delete_plan(ws, original, adopted_confirmed=True)
    with ws.session() as s:
        assert s.scalars(select(Plan)).all() == []
    restore_plan(ws, snapshot)
    assert everything(ws) == before
    with ws.session() as s:
        plan = s.get(Plan, original)
        assert (plan.status, plan.adopted_on, plan.adopted_by) == (PlanStatus.ADOPTED, date(2021, 11, 11), "BOJ")


def test_a_plan_that_is_gone_or_already_back_is_refused(ws):
    draft = create_amendment(ws, demo_plan(ws))
    snapshot = delete_plan(ws, draft)
    before = everything(ws)
    assert refused(delete_plan, ws, draft) == "Dit plan bestaat niet meer."
    restore_plan(ws, snapshot)
    restored = everything(ws)
    assert restored != before
    assert refused(restore_plan, ws, snapshot) == (
        f"“{DEMO_TITLE} (wijziging 1)” staat al in het bestand; er is niets teruggezet.")
    assert everything(ws) == restored


def test_a_deleted_plan_with_moved_chapters_and_groups_comes_back_parents_first(ws):
    """After moves, a child may have a lower id than its parent; the undo inserts by depth."""
    from app.models import BudgetGroup, Chapter

    draft = create_amendment(ws, demo_plan(ws))
    with ws.transaction() as s:
        top = Chapter(plan_id=draft, title="Nieuw hoofdstuk", position=99)
        group = BudgetGroup(plan_id=draft, name="Nieuwe groep", position=99)
        s.add_all([top, group])
        s.flush()
        older_chapter = s.scalars(select(Chapter).where(Chapter.plan_id == draft, Chapter.parent_id.is_(None))
                                  .order_by(Chapter.id)).first()
        older_chapter.parent_id = top.id
        older_group = s.scalars(select(BudgetGroup).where(BudgetGroup.plan_id == draft,
                                                          BudgetGroup.parent_id.is_(None))
                                .order_by(BudgetGroup.id)).first()
        older_group.parent_id = group.id
    before = everything(ws)
    snapshot = delete_plan(ws, draft)
    restore_plan(ws, snapshot)
    assert everything(ws) == before


def test_an_undone_scenario_takes_its_key_copy_along_and_comes_back_with_the_same_ids(ws):
    from app.models import AllocationKey
    from app.services.plan_edit import create_scenario, delete_copy, restore_copy

    def keys():
        with ws.session() as s:
            return sorted((k.id, k.name) for k in s.scalars(select(AllocationKey)))

    before = keys()
    scenario = create_scenario(ws, demo_plan(ws))
    made = keys()
    assert len(made) == len(before) + 1 and made[-1][1].endswith("(scenario 1)")
    snapshot = delete_copy(ws, scenario)
    assert keys() == before  # no key left behind in the region
    restore_copy(ws, snapshot)
    assert keys() == made
    with ws.session() as s:
        assert s.get(Plan, scenario).allocation_key_id == made[-1][0]
