"""The figures a user reads off the editors, the charts, the summary and the problems list.

Small hand-made plans whose every figure can be worked out on paper: the chart series
(which bars, in which order, with which label and which year), the budget's totals per
group and year with the markers they leave out, the funding and saldo, the staffing
figures and the allocation matrix (each boundary of over-allocation), the editors'
refusals in Dutch, the split of the costs over the municipalities and the problems list.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from app.models import (
    Allocation,
    AllocationKey,
    BudgetCell,
    BudgetGroup,
    BudgetLine,
    Chapter,
    FixedSettlement,
    FixedSettlementAmount,
    FundingAmount,
    FundingSource,
    KeyMethod,
    KeyShare,
    Marker,
    Municipality,
    MunicipalitySet,
    Person,
    Plan,
    PlanKind,
    PlanStatus,
    Project,
    ProjectStatus,
    Region,
    Role,
)
from app.services import budget_edit, chart_data
from app.services import staffing_edit as edit
from app.services.budget import BudgetStructure, CellDelta, CellSum, CellSumTable, FundingParts, figures_from
from app.services.budget_sheet import RowKind, load_sheet
from app.services.cell_input import EMPTY, CellValue, parse_cell
from app.services.contributions import Contributions
from app.services.edit_errors import EditError
from app.services.figures import (
    budget_and_contributions,
    load_budget_figures,
    load_cell_sum_keys,
    load_cell_sums,
    load_funding,
    load_split_basis,
    load_staffing_figures,
    load_structure,
)
from app.services.funding_sheet import load_funding_sheet
from app.services.key_sheet import load_fixed_settlements, load_key_sheet
from app.services.progress import ProgressRow
from app.services.staffing import (
    AllocationDelta,
    PersonStaffing,
    ProjectStaffing,
    StaffingFigures,
    adjusted_staffing,
    to_fte,
)
from app.services.staffing_edit import OFFICE, AllocationChange, ColumnKey
from app.services.allocation_matrix import load_matrix
from app.services.summary import plan_summary, summary_text
from app.services.validation import plan_problems

D = Decimal


# --- the charts: plain series -----------------------------------------------------------------

def contributions(**years) -> Contributions:
    """Contributions of Aadorp, Beekdorp and Cedorp (in that order) per year."""
    names = ["Aadorp", "Beekdorp", "Cedorp"]
    by_year = {int(y[1:]): {n: D(v) for n, v in zip(names, parts)} for y, parts in years.items()}
    return Contributions(names, by_year, {y: sum(p.values(), D("0.00")) for y, p in by_year.items()})


def test_contribution_chart_of_a_year_the_split_does_not_have_is_empty_for_that_year():
    """Choosing a year outside the plan's years: no bars, a total of 0,00, the year still named."""
    series = chart_data.contribution_series(contributions(y2022=("10", "20", "30")), "", 2030)
    assert series.year == 2030
    assert series.bars == []
    assert series.total == D("0.00")
    assert series.problem == ""


def test_contribution_chart_names_its_year_and_ranks_equal_amounts_in_the_regions_order():
    """Bars largest first; Aadorp and Cedorp pay the same, so Aadorp (first in the region) first."""
    series = chart_data.contribution_series(
        contributions(y2022=("30.00", "40.00", "30.00"), y2023=("1.00", "2.00", "3.00")), "", 2022)
    assert series.year == 2022
    assert [(b.key, b.label, b.value) for b in series.bars] == [
        ("Beekdorp", "Beekdorp", D("40.00")), ("Aadorp", "Aadorp", D("30.00")),
        ("Cedorp", "Cedorp", D("30.00"))]
    assert series.total == D("100.00")
    assert series.problem == ""


def test_contribution_chart_without_contributions_keeps_the_year_and_the_keys_problem():
    """A broken key: no bars, total 0,00, the year and the Dutch problem shown instead."""
    series = chart_data.contribution_series(None, "De verdeelsleutel telt op tot 99,00 %.", 2023)
    assert (series.year, series.bars, series.total) == (2023, [], D("0.00"))
    assert series.problem == "De verdeelsleutel telt op tot 99,00 %."


def staffing_of(projects, people=(), capacity="20.0") -> StaffingFigures:
    """Staffing figures at 10 dagdelen per fte with the given projects and people."""
    allocated = sum((p.half_days for p in projects), D("0.0"))
    return StaffingFigures(D("10.0"), D("2.00"), D("2.00"), D(capacity), allocated, list(projects), [],
                           list(people))


def project_of(project_id, number, title, half_days, stated=None) -> ProjectStaffing:
    return ProjectStaffing(project_id, number, title, False, D(half_days), D(half_days) / 10,
                           None if stated is None else D(stated))


def progress_of(project_id, chapter_id, chapter_number, chapter_title) -> ProgressRow:
    return ProgressRow(project_id, "", "", False, ProjectStatus.UNKNOWN, chapter_id, chapter_number,
                       chapter_title)


def test_dagdelen_chart_shows_projects_up_to_the_limit_even_when_chapters_are_known():
    """Exactly as many projects as the limit: one bar per project, people by their id."""
    staffing = staffing_of([project_of(11, "3.1", "Een", "2.0"), project_of(12, "3.2", "Twee", "1.5"),
                            project_of(13, "3.3", "Drie", "0.5", stated="0.5"),
                            project_of(14, "3.4", "Leeg", "0.0")],
                           [PersonStaffing(7, "Anna", D("4.0"), D("2.0"))])
    progress = [progress_of(p, 3, "3", "Projecten") for p in (11, 12, 13, 14)]
    series = chart_data.half_day_series(staffing, progress, max_project_bars=3)
    assert series.per == "project"
    assert [(b.key, b.label, b.allocated, b.stated) for b in series.bars] == [
        (11, "3.1 Een", D("2.0"), None), (12, "3.2 Twee", D("1.5"), None),
        (13, "3.3 Drie", D("0.5"), None)]  # the stated 0,5 agrees, so it is not shown
    assert series.without == 1
    assert [(p.key, p.label, p.allocated, p.limit) for p in series.people] == [
        (7, "Anna", D("2.0"), D("4.0"))]


def test_dagdelen_chart_per_chapter_adds_each_chapters_projects_in_plan_order():
    """Above the limit: one bar per chapter with dagdelen, labelled number and title; the
    chapters without dagdelen are counted, not shown; capacity and people stay."""
    staffing = staffing_of([project_of(11, "3.1", "Een", "2.0"), project_of(12, "3.2", "Twee", "1.5"),
                            project_of(21, "5.1", "Vijf", "4.0"), project_of(31, "", "Algemeen werk", "0.5"),
                            project_of(41, "4.1", "Stil", "0.0")],
                           [PersonStaffing(7, "Anna", D("4.0"), D("5.0"))], capacity="9.0")
    progress = [progress_of(11, 3, "3", "Projecten"), progress_of(12, 3, "3", "Projecten"),
                progress_of(41, 4, "4", "Stilstand"), progress_of(21, 5, "5", "Overig"),
                progress_of(51, 6, "6", "Nog leeg"), progress_of(31, 9, "", "Algemeen")]
    series = chart_data.half_day_series(staffing, progress, max_project_bars=3)
    assert series.per == "chapter"
    assert [(b.key, b.label, b.allocated, b.limit, b.stated) for b in series.bars] == [
        (3, "3 Projecten", D("3.5"), None, None), (5, "5 Overig", D("4.0"), None, None),
        (9, "Algemeen", D("0.5"), None, None)]
    assert series.without == 2  # chapters 4 and 6
    assert (series.capacity, series.allocated, series.over) == (D("9.0"), D("8.0"), D("0.0"))
    assert [(p.key, p.label, p.over) for p in series.people] == [(7, "Anna", D("1.0"))]


def test_dagdelen_chart_per_chapter_with_every_chapter_staffed_hides_none():
    """Every chapter has dagdelen: nothing is counted as left out."""
    staffing = staffing_of([project_of(11, "3.1", "Een", "2.0"), project_of(21, "5.1", "Vijf", "1.0")])
    progress = [progress_of(11, 3, "3", "Projecten"), progress_of(21, 5, "5", "Overig")]
    series = chart_data.half_day_series(staffing, progress, max_project_bars=1)
    assert series.per == "chapter"
    assert [b.key for b in series.bars] == [3, 5]
    assert series.without == 0


# --- a small office: three projects, general work, two roles, one person ------------------------

@dataclass
class Office:
    ws: object
    plan: int
    leren: int  # 3.1 Samen leren
    monitor: int  # 3.10 Jeugdhulpmonitor (after 3.2 in number order)
    inkoop: int  # 3.2 Inkoop
    general: int  # Doorlopend algemeen (general work, chapter 1 before chapter 3)
    adviser: int  # Beleidsadviseur: 1,00 fte, 0,50 for execution = 5 dagdelen
    lead: int  # Projectleider: 0,80 fte, 0,40 for execution = 4 dagdelen
    anna: int  # Anna de Vries, 4 dagdelen available, no role


def build_office(ws) -> Office:
    with ws.transaction() as s:
        plan = Plan(region=Region(name="Haaglanden"), year=2022, title="Uitvoeringsplan 2022",
                    first_year=2022, last_year=2022, half_days_per_fte=D("10.0"))
        s.add(plan)
        s.flush()
        general_chapter = Chapter(plan_id=plan.id, position=0, number="1", title="Algemeen")
        projects_chapter = Chapter(plan_id=plan.id, position=1, number="3", title="Projecten")
        s.add_all([general_chapter, projects_chapter])
        s.flush()
        monitor = Project(chapter_id=projects_chapter.id, position=0, number="3.10",
                          title="Jeugdhulpmonitor")
        leren = Project(chapter_id=projects_chapter.id, position=1, number="3.1", title="Samen leren")
        inkoop = Project(chapter_id=projects_chapter.id, position=2, number="3.2", title="Inkoop")
        general = Project(chapter_id=general_chapter.id, position=0, number="",
                          title="Doorlopend algemeen", is_general=True)
        adviser = Role(plan_id=plan.id, position=0, role="Beleidsadviseur",
                           fte=D("1.00"), execution_fte=D("0.50"))
        lead = Role(plan_id=plan.id, position=1, role="Projectleider",
                        fte=D("0.80"), execution_fte=D("0.40"))
        anna = Person(plan_id=plan.id, position=0, name="Anna de Vries", available_half_days=D("4.0"))
        s.add_all([monitor, leren, inkoop, general, adviser, lead, anna])
        s.flush()
        office = Office(ws, plan.id, leren.id, monitor.id, inkoop.id, general.id, adviser.id, lead.id,
                        anna.id)
    return office


def open_copy(template, folder):
    """A copy of a small plan built once per module (faster than building it per test): a file,
    and a database on the PostgreSQL test server (conftest ``workspace_template``); what the
    builder returned, with the copy as its ``ws``."""
    return dataclasses.replace(template.built, ws=template.open(folder))


@pytest.fixture(scope="module")
def office_file(workspace_template):
    return workspace_template(build_office)


@pytest.fixture
def office(office_file, tmp_path):
    made = open_copy(office_file, tmp_path)
    yield made
    made.ws.close()
    office_file.cleanup()


def allocate(office: Office, project: int, half_days: str, *, role=None, person=None) -> None:
    with office.ws.transaction() as s:
        s.add(Allocation(plan_id=office.plan, project_id=project, capacity_id=role, person_id=person,
                         half_days=D(half_days)))


def stored_role(office: Office, role_id: int):
    with office.ws.session() as s:
        role = s.get(Role, role_id)
        return role.role, role.fte, role.execution_fte


# --- the staffing editor's refusals ----------------------------------------------------------

@pytest.mark.parametrize("typed, message", [
    ("veel", "'veel' is geen getal. Typ voor fte bijvoorbeeld 0,4."),
    ("-0,5", "Fte kan niet negatief zijn: '-0,5'."),
    ("0,125", "'0,125' heeft te veel decimalen; fte gaat tot op 2 decimalen."),
    (D("-1"), "Fte kan niet negatief zijn: '-1'."),
    (True, "'True' is geen getal."),
])
def test_an_fte_typed_wrong_is_refused_in_dutch(typed, message):
    """The formatie's fte cells say what is wrong with what was typed, and give an example."""
    with pytest.raises(EditError) as refused:
        edit.parse_fte(typed)
    assert str(refused.value) == message


@pytest.mark.parametrize("typed, message", [
    ("veel", "'veel' is geen getal. Typ voor dagdelen bijvoorbeeld 2,5."),
    ("-2", "Dagdelen kan niet negatief zijn: '-2'."),
    ("2,55", "'2,55' heeft te veel decimalen; dagdelen gaat tot op één decimaal."),
])
def test_dagdelen_typed_wrong_are_refused_in_dutch(typed, message):
    """The allocation cells say what is wrong with what was typed, and give an example."""
    with pytest.raises(EditError) as refused:
        edit.parse_half_days(typed)
    assert str(refused.value) == message


@pytest.mark.parametrize("typed, value", [
    ("0,4", D("0.40")), (" 1 ", D("1.00")), ("0.25", D("0.25")), (D("0.5"), D("0.50")), ("", None),
    (None, None)])
def test_an_fte_is_read_with_two_decimals(typed, value):
    """0,4 typed is 0,40 fte; blank is no value."""
    assert edit.parse_fte(typed) == value
    assert value is None or str(edit.parse_fte(typed)) == str(value)


def test_a_factor_below_one_dagdeel_per_fte_is_allowed(office):
    """0,5 dagdeel per fte is odd but positive: accepted, and the old factor comes back for undo."""
    assert edit.set_half_days_per_fte(office.ws, office.plan, "0,5") == D("10.0")
    with office.ws.session() as s:
        assert s.get(Plan, office.plan).half_days_per_fte == D("0.5")


@pytest.mark.parametrize("typed", ["0", "", "0,0"])
def test_a_factor_of_zero_or_nothing_is_refused_in_dutch(office, typed):
    """No dagdelen per fte: refused with the Dutch message, the factor stays 10."""
    with pytest.raises(EditError) as refused:
        edit.set_half_days_per_fte(office.ws, office.plan, typed)
    assert str(refused.value) == "Het aantal dagdelen per fte moet groter zijn dan 0."
    with office.ws.session() as s:
        assert s.get(Plan, office.plan).half_days_per_fte == D("10.0")


def test_raising_only_the_execution_part_is_checked_against_the_roles_own_fte(office):
    """Beleidsadviseur has 1,00 fte: 0,80 for execution is accepted, 1,10 is refused naming both."""
    assert edit.set_role_fields(office.ws, office.adviser, execution_fte="0,8") == {
        "execution_fte": D("0.50")}
    assert stored_role(office, office.adviser) == ("Beleidsadviseur", D("1.00"), D("0.80"))
    with pytest.raises(EditError) as refused:
        edit.set_role_fields(office.ws, office.adviser, execution_fte="1,1")
    assert str(refused.value) == ("Het deel voor uitvoering (1,1 fte) kan niet groter zijn dan de "
                                  "formatie (1,0 fte).")
    assert stored_role(office, office.adviser) == ("Beleidsadviseur", D("1.00"), D("0.80"))


# --- a small budget: three municipalities, nested groups, markers, sets -------------------------

@dataclass
class Budget:
    ws: object
    plan: int
    bureau: int  # 1 Bureau (subtotal shown)
    personeel: int  # 1.1 Personeel, shared by AB, inside Bureau
    projecten: int  # 2 Projecten, shared by BC
    monitor_group: int  # 2.1 Monitor, no set of its own: BC from its parent
    leeg: int  # 3 Leeg (subtotal shown, no lines)
    coordinatie: int  # line in Bureau
    secretariaat: int  # line in Personeel
    inhuur: int  # line in Personeel, shared by BC itself
    reiskosten: int  # line in Bureau
    monitor: int  # line in 2.1 Monitor
    regiobegroting: int  # funding source
    rijk: int  # funding source
    ab: int  # the set Aadorp + Beekdorp
    bc: int  # the set Beekdorp + Cedorp


def build_budget(ws) -> Budget:
    """Plan 2023 (years 2022-2024) of Aadorp, Beekdorp and Cedorp (500 / 300 / 200 inhabitants).

    ==========================  =========  ==========  ============
    line (group, set)           2022       2023        2024
    ==========================  =========  ==========  ============
    Coördinatie (1, all)        1.000,00   1.200,00    doorlopend    (and 999 in 2021: not a plan year)
    Secretariaat (1.1, AB)        600,00   id.         -
    Inhuur (1.1, own set BC)    -          300,50      -
    Reiskosten (1, all)             0,50   -           -
    Monitor (2.1 in 2, BC; 3.4)   200,00   100,00      PM
    total                       1.800,50   1.600,50    0 (2 markers)
    funding                     1.800,50   1.600,50    -
    ==========================  =========  ==========  ============
    """
    with ws.transaction() as s:
        region = Region(name="Regio Proef")
        a, b, c = (Municipality(name=n, position=i) for i, n in enumerate(["Aadorp", "Beekdorp", "Cedorp"]))
        region.municipalities = [c, b, a]  # ids in the reverse of the region's order
        ab = MunicipalitySet(code="AB", name="Aadorp en Beekdorp", members=[a, b])
        bc = MunicipalitySet(code="BC", name="Beekdorp en Cedorp", members=[b, c], position=1)
        region.municipality_sets = [ab, bc]
        key = AllocationKey(name="Inwoners 2022", method=KeyMethod.BASIS, basis_label="inwoners")
        key.shares = [KeyShare(municipality=c, basis=200), KeyShare(municipality=a, basis=500),
                      KeyShare(municipality=b, basis=300)]
        region.allocation_keys = [key]
        s.add(region)
        plan = Plan(region=region, year=2023, title="Uitvoeringsplan 2023", first_year=2022,
                    last_year=2024, allocation_key=key)
        s.add(plan)
        s.flush()
        # Created out of order, so the ids do not follow the positions.
        projecten = BudgetGroup(plan_id=plan.id, position=1, number="2", name="Projecten",
                                municipality_set_id=bc.id)
        s.add(projecten)
        s.flush()
        monitor_group = BudgetGroup(plan_id=plan.id, parent_id=projecten.id, position=0, number="2.1",
                                    name="Monitor")
        leeg = BudgetGroup(plan_id=plan.id, position=2, number="3", name="Leeg", shows_subtotal=True)
        bureau = BudgetGroup(plan_id=plan.id, position=0, number="1", name="Bureau", shows_subtotal=True)
        s.add_all([monitor_group, leeg, bureau])
        s.flush()
        personeel = BudgetGroup(plan_id=plan.id, parent_id=bureau.id, position=0, number="1.1",
                                name="Personeel", municipality_set_id=ab.id, shows_subtotal=True)
        s.add(personeel)
        chapter = Chapter(plan_id=plan.id, position=0, number="3", title="Projecten")
        s.add(chapter)
        s.flush()
        project = Project(chapter_id=chapter.id, position=0, number="3.4", title="Jeugdhulpmonitor")
        s.add(project)
        s.flush()

        def line(group, position, name, cells, **extra):
            made = BudgetLine(group_id=group.id, position=position, name=name, **extra)
            made.cells = [BudgetCell(year=y, amount=D(v)) if isinstance(v, str) else BudgetCell(year=y, marker=v)
                          for y, v in cells.items()]
            s.add(made)
            return made

        reiskosten = line(bureau, 1, "Reiskosten", {2022: "0.50"})
        coordinatie = line(bureau, 0, "Coördinatie", {2021: "999.00", 2022: "1000.00", 2023: "1200.00",
                                                      2024: Marker.ONGOING}, note="vast contract")
        secretariaat = line(personeel, 0, "Secretariaat", {2022: "600.00", 2023: Marker.IDEM})
        inhuur = line(personeel, 1, "Inhuur", {2023: "300.50"}, municipality_set_id=bc.id)
        monitor = line(monitor_group, 0, "Monitor", {2022: "200.00", 2023: "100.00", 2024: Marker.PM},
                       project_id=project.id)
        s.flush()
        coordinatie.cells[1].note = "indexatie"
        regiobegroting = FundingSource(plan_id=plan.id, position=0, name="Regiobegroting")
        regiobegroting.amounts = [FundingAmount(year=2022, amount=D("1800.50")),
                                  FundingAmount(year=2023, amount=D("1600.00")),
                                  FundingAmount(year=2025, amount=D("5.00"))]  # not a plan year
        rijk = FundingSource(plan_id=plan.id, position=1, name="Rijk", note="decentralisatie-uitkering")
        rijk.amounts = [FundingAmount(year=2023, amount=D("0.50"))]
        s.add_all([rijk, regiobegroting])
        s.flush()
        made = Budget(ws, plan.id, bureau.id, personeel.id, projecten.id, monitor_group.id, leeg.id,
                      coordinatie.id, secretariaat.id, inhuur.id, reiskosten.id, monitor.id,
                      regiobegroting.id, rijk.id, ab.id, bc.id)
    return made


def adopt(made) -> None:
    with made.ws.transaction() as s:
        s.get(Plan, made.plan).status = PlanStatus.ADOPTED


@pytest.fixture(scope="module")
def budget_file(workspace_template):
    """The small budget built once; each test gets a copy."""
    return workspace_template(build_budget)


@pytest.fixture
def budget(budget_file, tmp_path):
    made = open_copy(budget_file, tmp_path)
    yield made
    made.ws.close()
    budget_file.cleanup()


def fund_2024(made, amount: str) -> None:
    with made.ws.transaction() as s:
        s.add(FundingAmount(source_id=made.rijk, year=2024, amount=D(amount)))


def group_rows(figures):
    return [(g.number, g.name, g.level, g.shows_subtotal, g.line_count) for g in figures.groups]


def test_budget_groups_in_budget_order_with_levels_and_lines_below_them(budget):
    """The tree as the editor and the annex show it: by position, subgroups under their group."""
    figures = load_budget_figures(budget.ws, budget.plan)
    assert figures.years == [2022, 2023, 2024]
    assert group_rows(figures) == [
        ("1", "Bureau", 0, True, 4), ("1.1", "Personeel", 1, True, 2),
        ("2", "Projecten", 0, False, 1), ("2.1", "Monitor", 1, False, 1), ("3", "Leeg", 0, True, 0)]
    assert [g.parent_id for g in figures.groups] == [
        None, budget.bureau, None, budget.projecten, None]
    assert figures.group(budget.personeel).name == "Personeel"


def test_group_totals_add_their_subgroups_per_year_and_leave_other_years_out(budget):
    """Bureau = Coördinatie + Personeel + Reiskosten; the 999 of 2021 is not a plan year."""
    figures = load_budget_figures(budget.ws, budget.plan)
    totals = {g.name: [str(g.totals[y]) for y in figures.years] for g in figures.groups}
    assert totals == {
        "Bureau": ["1600.50", "1500.50", "0.00"], "Personeel": ["600.00", "300.50", "0.00"],
        "Projecten": ["200.00", "100.00", "0.00"], "Monitor": ["200.00", "100.00", "0.00"],
        "Leeg": ["0.00", "0.00", "0.00"]}
    assert [str(figures.total[y]) for y in figures.years] == ["1800.50", "1600.50", "0.00"]


def test_markers_left_out_are_counted_per_group_and_in_the_total(budget):
    """id. in Personeel 2023, doorlopend in Bureau 2024 and PM in Monitor 2024 are not amounts."""
    figures = load_budget_figures(budget.ws, budget.plan)
    markers = {g.name: [g.markers_left_out[y] for y in figures.years] for g in figures.groups}
    assert markers == {"Bureau": [0, 1, 1], "Personeel": [0, 1, 0], "Projecten": [0, 0, 1],
                       "Monitor": [0, 0, 1], "Leeg": [0, 0, 0]}
    assert figures.markers_left_out == {2022: 0, 2023: 1, 2024: 2}


def test_funding_adds_the_sources_per_year_and_the_saldo_is_funding_minus_budget(budget):
    """2023: 1.600,00 + 0,50 funds 1.600,50 exactly; 2024: 100 funding and no budget is +100."""
    fund_2024(budget, "100.00")
    figures = load_budget_figures(budget.ws, budget.plan)
    assert [str(figures.funding[y]) for y in figures.years] == ["1800.50", "1600.50", "100.00"]
    assert [str(figures.balance[y]) for y in figures.years] == ["0.00", "0.00", "100.00"]
    assert load_funding(budget.ws, budget.plan).totals == figures.funding


def test_a_year_without_funding_has_zero_funding_and_the_whole_budget_as_negative_saldo(budget):
    """Taking all 2022 funding away: funding 0,00 and saldo -1.800,50 for 2022 only."""
    with budget.ws.transaction() as s:
        s.execute(FundingAmount.__table__.delete().where(FundingAmount.year == 2022))
    figures = load_budget_figures(budget.ws, budget.plan)
    assert figures.funding == {2022: D("0.00"), 2023: D("1600.50"), 2024: D("0.00")}
    assert figures.balance == {2022: D("-1800.50"), 2023: D("0.00"), 2024: D("0.00")}


# --- the budget editor's sheet, the funding sheet and the key sheet ------------------------------

def sheet_rows(sheet):
    return [(r.kind.value, r.label, r.number, r.level, r.set_code, r.shows_subtotal) for r in sheet.rows]


def test_budget_sheet_rows_heading_then_items_by_position_then_subtotal(budget):
    """A subgroup at the same position as a line comes first; every group ends with its subtotal;
    the sheet ends with the total. Sets show by code where a group or line has its own."""
    sheet = load_sheet(budget.ws, budget.plan)
    assert sheet_rows(sheet) == [
        ("group", "Bureau", "1", 0, "", True),
        ("group", "Personeel", "1.1", 1, "AB", True),
        ("line", "Secretariaat", "", 2, "", False),
        ("line", "Inhuur", "", 2, "BC", False),
        ("subtotal", "Subtotaal Personeel", "1.1", 1, "", True),
        ("line", "Coördinatie", "", 1, "", False),
        ("line", "Reiskosten", "", 1, "", False),
        ("subtotal", "Subtotaal Bureau", "1", 0, "", True),
        ("group", "Projecten", "2", 0, "BC", False),
        ("group", "Monitor", "2.1", 1, "", False),
        ("line", "Monitor", "", 2, "", False),
        ("subtotal", "Subtotaal Monitor", "2.1", 1, "", False),
        ("subtotal", "Subtotaal Projecten", "2", 0, "", False),
        ("group", "Leeg", "3", 0, "", True),
        ("subtotal", "Subtotaal Leeg", "3", 0, "", True),
        ("total", "Totaal", "", 0, "", False),
    ]
    assert sheet.years == [2022, 2023, 2024]
    assert sheet.read_only is False


def test_budget_sheet_lines_carry_their_cells_notes_project_and_place(budget):
    """Each plan year a cell (empty where nothing is typed, 2021 not shown), the cell notes,
    the line's note, its project's number and the group it sits in."""
    sheet = load_sheet(budget.ws, budget.plan)
    lines = {r.label: r for r in sheet.rows if r.kind is RowKind.LINE}
    coordinatie = lines["Coördinatie"]
    assert coordinatie.cells == {2022: CellValue(D("1000.00")), 2023: CellValue(D("1200.00")),
                                 2024: CellValue(None, Marker.ONGOING)}
    assert coordinatie.cell_notes == {2022: "indexatie"}
    assert coordinatie.note == "vast contract"
    assert (coordinatie.id, coordinatie.parent_id, coordinatie.project_number) == (
        budget.coordinatie, budget.bureau, "")
    assert lines["Secretariaat"].cells == {2022: CellValue(D("600.00")), 2023: CellValue(None, Marker.IDEM),
                                           2024: EMPTY}
    assert lines["Secretariaat"].cell_notes == {}
    assert lines["Monitor"].project_number == "3.4"
    assert lines["Monitor"].parent_id == budget.monitor_group
    groups = {r.label: r for r in sheet.rows if r.kind is RowKind.GROUP}
    assert groups["Monitor"].parent_id == budget.projecten and groups["Projecten"].parent_id is None
    subtotals = {r.label: r for r in sheet.rows if r.kind is RowKind.SUBTOTAL}
    assert subtotals["Subtotaal Personeel"].parent_id == budget.bureau
    assert subtotals["Subtotaal Personeel"].id == budget.personeel


def test_budget_sheet_finds_rows_by_what_they_stand_for(budget):
    """The editor finds a line, a group heading and its subtotal by id, and a group's parent."""
    sheet = load_sheet(budget.ws, budget.plan)
    assert sheet.rows[sheet.line_row[budget.inhuur]].label == "Inhuur"
    assert sheet.rows[sheet.group_row[budget.personeel]].label == "Personeel"
    assert sheet.rows[sheet.subtotal_row[budget.personeel]].label == "Subtotaal Personeel"
    assert sheet.parent == {budget.bureau: None, budget.personeel: budget.bureau, budget.projecten: None,
                            budget.monitor_group: budget.projecten, budget.leeg: None}
    assert set(sheet.line_row) == {budget.coordinatie, budget.secretariaat, budget.inhuur,
                                   budget.reiskosten, budget.monitor}


def test_budget_sheet_of_a_gone_plan_is_none(budget):
    """A plan deleted meanwhile: no sheet, no figures."""
    assert load_sheet(budget.ws, budget.plan + 99) is None
    assert load_budget_figures(budget.ws, budget.plan + 99) is None
    assert load_funding(budget.ws, budget.plan + 99) is None


def test_funding_sheet_lists_sources_in_order_with_an_empty_cell_per_year_without_amount(budget):
    """Regiobegroting then Rijk; 2025 is not a plan year; the figures carry the saldo."""
    sheet = load_funding_sheet(budget.ws, budget.plan)
    assert [(r.id, r.name, r.note, r.amounts) for r in sheet.sources] == [
        (budget.regiobegroting, "Regiobegroting", "",
         {2022: D("1800.50"), 2023: D("1600.00"), 2024: None}),
        (budget.rijk, "Rijk", "decentralisatie-uitkering", {2022: None, 2023: D("0.50"), 2024: None})]
    assert (sheet.plan_id, sheet.years, sheet.read_only) == (budget.plan, [2022, 2023, 2024], False)
    assert sheet.figures.funding == {2022: D("1800.50"), 2023: D("1600.50"), 2024: D("0.00")}
    assert load_funding_sheet(budget.ws, budget.plan + 99) is None


def test_funding_sheet_of_an_adopted_plan_is_read_only(budget):
    """Once vastgesteld, the dekking cannot be edited."""
    adopt(budget)
    assert load_funding_sheet(budget.ws, budget.plan).read_only is True


def set_key(made, *, method=None, basis=None, percentages=None) -> None:
    """Change the key's method and its shares (by municipality name) directly in the file."""
    with made.ws.transaction() as s:
        key = s.get(Plan, made.plan).allocation_key
        if method is not None:
            key.method = method
        for share in key.shares:
            name = share.municipality.name
            if basis is not None:
                share.basis = basis[name]
            if percentages is not None:
                share.percentage = None if percentages[name] is None else D(percentages[name])


def euros(aadorp, beekdorp, cedorp) -> dict[str, Decimal]:
    return {"Aadorp": D(f"{aadorp}.00"), "Beekdorp": D(f"{beekdorp}.00"), "Cedorp": D(f"{cedorp}.00")}


def test_key_sheet_shows_each_municipality_in_the_regions_order_with_its_share(budget):
    """500 / 300 / 200 inhabitants: 50 / 30 / 20 %, total 1.000 inhabitants and 100 %."""
    sheet = load_key_sheet(budget.ws, budget.plan)
    assert (sheet.name, sheet.method, sheet.basis_label, sheet.problem) == (
        "Inwoners 2022", KeyMethod.BASIS, "inwoners", "")
    assert [(r.municipality, r.basis, r.percentage, r.share) for r in sheet.rows] == [
        ("Aadorp", 500, None, D("50.00")), ("Beekdorp", 300, None, D("30.00")),
        ("Cedorp", 200, None, D("20.00"))]
    assert sheet.total_basis == 1000
    assert sheet.total_percentage == D("100.00")
    assert sheet.read_only is False


def test_contributions_share_each_line_by_its_own_set_else_its_groups_else_everyone(budget):
    """2022: Coördinatie and Reiskosten by all, Secretariaat by AB (its group), Monitor by BC
    (its parent group); 2023: Inhuur by BC (its own set, not its group's AB). The exact shares
    are added up first: 875,25 / 645,15 / 280,10 of 1.801 gives Aadorp the extra euro."""
    sheet = load_key_sheet(budget.ws, budget.plan)
    contributions = sheet.contributions
    assert contributions.municipalities == ["Aadorp", "Beekdorp", "Cedorp"]
    assert contributions.by_year == {2022: euros(876, 645, 280), 2023: euros(600, 601, 400),
                                     2024: euros(0, 0, 0)}
    assert contributions.totals == {2022: D("1801.00"), 2023: D("1601.00"), 2024: D("0.00")}
    assert sheet.fixed_settlements.by_year[2022] == euros(0, 0, 0)


def test_key_sheet_with_percentages_totals_what_was_typed(budget):
    """A percentage key of 50 / 30 / 20: the typed figures, their sum, and the same split."""
    set_key(budget, method=KeyMethod.PERCENTAGE, percentages={"Aadorp": "50", "Beekdorp": "30", "Cedorp": "20"})
    sheet = load_key_sheet(budget.ws, budget.plan)
    assert [(r.municipality, r.percentage, r.share) for r in sheet.rows] == [
        ("Aadorp", D("50.00"), D("50.00")), ("Beekdorp", D("30.00"), D("30.00")),
        ("Cedorp", D("20.00"), D("20.00"))]
    assert sheet.total_percentage == D("100.00")
    assert sheet.contributions.by_year[2022] == euros(876, 645, 280)


def test_key_sheet_of_percentages_missing_100_shows_the_problem_and_no_shares(budget):
    """49,99 + 30 + 20 = 99,99 %: the Dutch problem, no share, no contributions, the sum typed."""
    set_key(budget, method=KeyMethod.PERCENTAGE,
            percentages={"Aadorp": "49.99", "Beekdorp": "30", "Cedorp": "20"})
    sheet = load_key_sheet(budget.ws, budget.plan)
    assert sheet.problem == ("Verdeelsleutel 'Inwoners 2022' telt op tot 99,99 % in plaats van 100,00 %. "
                             "Pas de percentages aan; Planbord normaliseert ze niet.")
    assert [r.share for r in sheet.rows] == [None, None, None]
    assert sheet.total_percentage == D("99.99")
    assert (sheet.contributions, sheet.fixed_settlements) == (None, None)


@pytest.mark.parametrize("method, basis, percentages, message", [
    (KeyMethod.PERCENTAGE, None, {"Aadorp": "50", "Beekdorp": None, "Cedorp": "50"},
     "Verdeelsleutel 'Inwoners 2022': geen percentage voor Beekdorp."),
    (None, {"Aadorp": 500, "Beekdorp": None, "Cedorp": -1}, None,
     "Verdeelsleutel 'Inwoners 2022': geen geldig basisgetal voor Cedorp, Beekdorp."),
    (None, {"Aadorp": 0, "Beekdorp": 0, "Cedorp": 0}, None,
     "Verdeelsleutel 'Inwoners 2022': de basisgetallen tellen op tot nul."),
])
def test_an_unusable_key_is_named_in_dutch_in_the_key_sheet_and_the_problems(budget, method, basis,
                                                                              percentages, message):
    """A missing percentage, a missing or negative basis figure, or nothing to share by: no split."""
    set_key(budget, method=method, basis=basis, percentages=percentages)
    sheet = load_key_sheet(budget.ws, budget.plan)
    assert sheet.problem == message
    assert sheet.contributions is None
    with budget.ws.session() as s:
        problems = plan_problems(s, s.get(Plan, budget.plan))
    assert [(p.code, p.message, p.severity) for p in problems if p.code == "key"] == [
        ("key", message, "error")]


def test_a_basis_figure_of_zero_for_one_municipality_is_usable(budget):
    """Beekdorp at 0 inhabitants pays nothing; Aadorp and Cedorp share 5 : 2."""
    set_key(budget, basis={"Aadorp": 500, "Beekdorp": 0, "Cedorp": 200})
    sheet = load_key_sheet(budget.ws, budget.plan)
    assert sheet.problem == ""
    assert [r.share for r in sheet.rows] == [D("71.43"), D("0.00"), D("28.57")]


def test_a_set_whose_members_all_weigh_nothing_cannot_be_split(budget):
    """AB with Aadorp and Beekdorp at 0: the Secretariaat cannot be shared, said in Dutch."""
    set_key(budget, basis={"Aadorp": 0, "Beekdorp": 0, "Cedorp": 200})
    sheet = load_key_sheet(budget.ws, budget.plan)
    assert sheet.problem == ("De verdeelsleutel geeft de gemeenten van een groep samen een aandeel van "
                             "nul; controleer de sleutel en de groep.")
    assert sheet.contributions is None


def test_a_plan_without_a_key_says_so_everywhere(budget):
    """No key: the key sheet says so and cannot be edited; the problems list names it an error."""
    with budget.ws.transaction() as s:
        s.get(Plan, budget.plan).allocation_key_id = None
    sheet = load_key_sheet(budget.ws, budget.plan)
    assert (sheet.plan_id, sheet.key_id, sheet.name, sheet.method, sheet.basis_label, sheet.note) == (
        budget.plan, None, "", KeyMethod.BASIS, "", "")
    assert (sheet.rows, sheet.total_basis, sheet.total_percentage) == ([], 0, D("0.00"))
    assert sheet.problem == ("Dit plan heeft nog geen verdeelsleutel: kies er een hierboven, of maak er een "
                             "op de pagina van de regio.")
    assert sheet.read_only is True
    assert (sheet.contributions, sheet.fixed_settlements) == (None, None)
    with budget.ws.session() as s:
        problems = plan_problems(s, s.get(Plan, budget.plan))
    assert ("key", "Dit plan heeft geen verdeelsleutel; kies er een bij Verdeelsleutel.", "error") in [
        (p.code, p.message, p.severity) for p in problems]
    assert load_key_sheet(budget.ws, budget.plan + 99) is None


def test_the_key_of_an_adopted_plan_is_read_only(budget):
    """A key an adopted plan uses cannot change under it."""
    adopt(budget)
    assert load_key_sheet(budget.ws, budget.plan).read_only is True


def test_fixed_settlements_list_their_scope_note_and_amounts_per_plan_year(budget):
    """Each settlement with the code of its set (none: empty), its note and an amount per year."""
    with budget.ws.transaction() as s:
        shared = FixedSettlement(plan_id=budget.plan, position=1, name="Licentie", municipality_set_id=budget.ab,
                                 note="per gebruiker")
        shared.amounts = [FixedSettlementAmount(year=2022, amount=D("90.00")),
                          FixedSettlementAmount(year=2021, amount=D("7.00"))]
        everyone = FixedSettlement(plan_id=budget.plan, position=0, name="Website")
        everyone.amounts = [FixedSettlementAmount(year=2024, amount=D("10.00"))]
        s.add_all([shared, everyone])
    years, rows = load_fixed_settlements(budget.ws, budget.plan)
    assert years == [2022, 2023, 2024]
    assert [(r.name, r.scope, r.note, r.amounts) for r in rows] == [
        ("Website", "", "", {2022: None, 2023: None, 2024: D("10.00")}),
        ("Licentie", "AB", "per gebruiker", {2022: D("90.00"), 2023: None, 2024: None})]
    fixed = load_key_sheet(budget.ws, budget.plan).fixed_settlements
    assert fixed.by_year[2022] == euros(56, 34, 0)  # 90 as 5 : 3 = 56,25 / 33,75
    assert fixed.by_year[2024] == euros(5, 3, 2)
    assert load_fixed_settlements(budget.ws, budget.plan + 99) == ([], [])


# --- the problems list -------------------------------------------------------------------------

def problems_of(made):
    with made.ws.session() as s:
        return [(p.code, p.message, p.severity) for p in plan_problems(s, s.get(Plan, made.plan))]


def test_problems_of_the_small_budget_are_the_empty_group_and_the_marker_in_the_plan_year(budget):
    """Leeg shows a subtotal over nothing; Secretariaat has id. in 2023, the plan year. Markers in
    other years, a group with lines, an empty group without subtotal (Reserve) and a balanced
    saldo are not problems."""
    with budget.ws.transaction() as s:
        s.add(BudgetGroup(plan_id=budget.plan, position=3, number="4", name="Reserve"))
    assert problems_of(budget) == [
        ("empty_group", "Groep 'Leeg' heeft een subtotaal maar geen begrotingsposten.", "warning"),
        ("marker_in_plan_year", "'id.' in 2023 bij 'Secretariaat': voor het planjaar is een bedrag nodig; "
                                "totalen en bijdragen laten deze post weg.", "warning")]


def test_a_positive_saldo_is_named_with_funding_and_budget(budget):
    """€ 100 of funding in 2024 against no budget: a saldo of € 100, said in Dutch."""
    fund_2024(budget, "100.00")
    assert [p for p in problems_of(budget) if p[0] == "balance"] == [
        ("balance", "Saldo 2024 is € 100: dekking € 100 tegenover begroting € 0.", "warning")]


def set_cell(made, line_id, year, typed) -> None:
    budget_edit.set_cells(made.ws, [budget_edit.CellChange(line_id, year, parse_cell(typed))])


def test_id_without_a_previous_year_is_a_problem_but_after_any_filled_cell_it_is_not(budget):
    """id. in 2024 after an empty 2023 has nothing to repeat; after 300,50 or after a PM it has."""
    set_cell(budget, budget.reiskosten, 2024, "id.")
    set_cell(budget, budget.inhuur, 2024, "id.")
    set_cell(budget, budget.monitor, 2024, "id.")  # 2023 holds 100
    problems = [p for p in problems_of(budget) if p[0] == "idem_without_previous"]
    assert problems == [("idem_without_previous",
                         "'id.' in 2024 bij 'Reiskosten': er is geen voorgaand jaar om te herhalen.", "warning")]
    set_cell(budget, budget.reiskosten, 2023, "PM")
    assert [p for p in problems_of(budget) if p[0] == "idem_without_previous"] == []


def test_a_pm_or_doorlopend_in_the_plan_year_is_a_problem_naming_the_marker(budget):
    """The plan year needs amounts: PM and doorlopend there are named, as typed."""
    set_cell(budget, budget.secretariaat, 2023, "600")
    set_cell(budget, budget.reiskosten, 2023, "PM")
    set_cell(budget, budget.coordinatie, 2023, "doorlopend")
    assert sorted(p[1] for p in problems_of(budget) if p[0] == "marker_in_plan_year") == [
        "'PM' in 2023 bij 'Reiskosten': voor het planjaar is een bedrag nodig; "
        "totalen en bijdragen laten deze post weg.",
        "'doorlopend' in 2023 bij 'Coördinatie': voor het planjaar is een bedrag nodig; "
        "totalen en bijdragen laten deze post weg."]


def test_every_staffing_problem_is_named_with_its_figures(office):
    """Beleidsadviseur 6 of 5, Anna 4,5 of 4, the office 10,5 of 9, and Samen leren's text (5)
    against its dagdelen (6); Projectleider within its 4 and Inkoop's text agreeing are not named."""
    with office.ws.transaction() as s:
        s.get(Project, office.leren).stated_half_days = D("5.0")
        s.get(Project, office.inkoop).stated_half_days = D("0.0")
    allocate(office, office.leren, "6.0", role=office.adviser)
    allocate(office, office.monitor, "4.5", person=office.anna)
    allocate(office, office.general, "0.0", role=office.lead)
    assert problems_of(office) == [
        ("key", "Dit plan heeft geen verdeelsleutel; kies er een bij Verdeelsleutel.", "error"),
        ("over_allocated", "Er zijn 10,5 dagdelen per week ingezet, meer dan de capaciteit voor uitvoering (9).",
         "warning"),
        ("role_over_allocated", "Beleidsadviseur: 6 dagdelen ingezet, capaciteit voor uitvoering 5.", "warning"),
        ("person_over_allocated", "Anna de Vries is ingezet voor 4,5 dagdelen per week, beschikbaar 4.",
         "warning"),
        ("stated_half_days", "3.1 Samen leren: de hoofdstuktekst noemt 5 dagdelen per week, de formatie 6.",
         "warning"),
    ]


# --- staffing figures and the allocation matrix -------------------------------------------------

def staffed(office: Office) -> None:
    """Beleidsadviseur 3 on Samen leren and 2 on Jeugdhulpmonitor; Anna 1,5 on Inkoop (as
    Projectleider) and 1 on Samen leren; the office as a whole 0,5 on general work."""
    allocate(office, office.leren, "3.0", role=office.adviser)
    allocate(office, office.monitor, "2.0", role=office.adviser)
    allocate(office, office.inkoop, "1.5", person=office.anna, role=office.lead)
    allocate(office, office.leren, "1.0", person=office.anna)
    allocate(office, office.general, "0.5")


def test_staffing_figures_add_up_per_role_person_and_project(office):
    """Roles count their own rows and those of people in that role; fte at 10 dagdelen each."""
    staffed(office)
    figures = load_staffing_figures(office.ws, office.plan)
    assert (figures.total_fte, figures.execution_fte, figures.capacity_half_days) == (
        D("1.80"), D("0.90"), D("9.0"))
    assert (figures.allocated_half_days, figures.allocated_fte) == (D("8.0"), D("0.80"))
    assert [(r.role, r.fte, r.execution_fte, r.capacity_half_days, r.allocated_half_days)
            for r in figures.roles] == [
        ("Beleidsadviseur", D("1.00"), D("0.50"), D("5.0"), D("5.0")),
        ("Projectleider", D("0.80"), D("0.40"), D("4.0"), D("1.5"))]
    assert [(p.name, p.available_half_days, p.allocated_half_days) for p in figures.people] == [
        ("Anna de Vries", D("4.0"), D("2.5"))]
    projects = {p.title: (p.number, p.is_general, p.half_days, p.fte) for p in figures.projects}
    assert projects == {
        "Samen leren": ("3.1", False, D("4.0"), D("0.40")), "Inkoop": ("3.2", False, D("1.5"), D("0.15")),
        "Jeugdhulpmonitor": ("3.10", False, D("2.0"), D("0.20")),
        "Doorlopend algemeen": ("", True, D("0.5"), D("0.05"))}
    assert figures.projects[-1].title == "Doorlopend algemeen"  # general work last
    assert (figures.over_allocated, figures.over_booked) == (False, [])


def test_over_booked_names_the_roles_and_people_given_more_than_they_have(office):
    """Beleidsadviseur 5,5 of 5 and Anna 4,5 of 4 are named; the whole office (10 of 9) too."""
    allocate(office, office.leren, "5.5", role=office.adviser)
    allocate(office, office.monitor, "4.5", person=office.anna)
    figures = load_staffing_figures(office.ws, office.plan)
    assert figures.over_booked == ["Beleidsadviseur", "Anna de Vries"]
    assert figures.over_allocated is True
    assert figures.allocated_fte == D("1.00")


@pytest.mark.parametrize("half_days, factor, fte", [
    ("5.0", "0", "0.00"), ("1.0", "8.0", "0.13"), ("2.5", "10.0", "0.25"), ("0.1", "8.0", "0.01")])
def test_fte_beside_dagdelen_rounds_half_up_and_is_zero_without_a_factor(half_days, factor, fte):
    """1 dagdeel at 8 per fte is 0,125: shown as 0,13; no factor shows 0,00 fte, not an error."""
    assert str(to_fte(D(half_days), D(factor))) == fte


def cells_written(*cells):
    """(project, column, now, before) cells as exact writes for adjusted_staffing."""
    return tuple(AllocationDelta(p, c, old=None if b is None else D(b), new=None if n is None else D(n))
                 for p, c, n, b in cells)


def test_adjusted_staffing_moves_every_figure_by_the_difference(office):
    """3 -> 5 for Beleidsadviseur on Samen leren, 1 -> nothing for Anna, 0,5 -> 1 for the office:
    every figure moves as a fresh read shows it."""
    staffed(office)
    figures = load_staffing_figures(office.ws, office.plan)
    adviser, anna = ColumnKey(capacity_id=office.adviser), ColumnKey(person_id=office.anna)
    adjusted = adjusted_staffing(figures, cells_written(
        (office.leren, adviser, "5.0", "3.0"), (office.leren, anna, None, "1.0"),
        (office.general, OFFICE, "1.0", "0.5"), (office.monitor, adviser, "2.0", "2.0")))
    with office.ws.transaction() as s:
        s.execute(Allocation.__table__.delete())
    allocate(office, office.leren, "5.0", role=office.adviser)
    allocate(office, office.monitor, "2.0", role=office.adviser)
    allocate(office, office.inkoop, "1.5", person=office.anna, role=office.lead)
    allocate(office, office.general, "1.0")
    fresh = load_staffing_figures(office.ws, office.plan)
    assert adjusted.allocated_half_days == fresh.allocated_half_days == D("9.5")
    assert [(p.id, p.half_days, p.fte) for p in adjusted.projects] == [
        (p.id, p.half_days, p.fte) for p in fresh.projects]
    assert [(r.id, r.allocated_half_days) for r in adjusted.roles] == [
        (r.id, r.allocated_half_days) for r in fresh.roles]
    assert [(p.id, p.allocated_half_days) for p in adjusted.people] == [(office.anna, D("1.5"))]
    assert adjusted.over_allocated is True


def test_adjusted_staffing_skips_unchanged_cells_and_goes_on_with_the_rest(office):
    """An unchanged cell of a project the figures do not know does not stop the next cell."""
    figures = load_staffing_figures(office.ws, office.plan)
    adjusted = adjusted_staffing(figures, cells_written(
        (office.plan + 999, OFFICE, "2.0", "2.0"), (office.leren, ColumnKey(capacity_id=office.lead), "1.5", None)))
    assert adjusted is not None
    assert adjusted.allocated_half_days == D("1.5")
    assert [(r.role, r.allocated_half_days) for r in adjusted.roles] == [
        ("Beleidsadviseur", D("0.0")), ("Projectleider", D("1.5"))]


def test_adjusted_staffing_asks_for_a_fresh_read_when_it_cannot_know(office):
    """A project, person or role the figures lack, or a person's rows with a role: read again."""
    def after(cells):
        return adjusted_staffing(load_staffing_figures(office.ws, office.plan), cells)

    unknown = office.plan + 999
    assert after(cells_written((unknown, OFFICE, "1.0", None))) is None
    assert after(cells_written((office.leren, ColumnKey(person_id=unknown), "1.0", None))) is None
    assert after(cells_written((office.leren, ColumnKey(capacity_id=unknown), "1.0", None))) is None
    assert after((AllocationDelta(office.leren, ColumnKey(person_id=office.anna), old=None, new=D("1.0"),
                                  exact=False),)) is None
    assert after(cells_written((office.leren, ColumnKey(person_id=office.anna), "1.0", None))) is not None


def matrix_of(office: Office):
    found = load_matrix(office.ws, office.plan)
    assert found is not None
    matrix, read_only = found
    assert read_only is False
    return matrix


def test_matrix_columns_are_roles_then_people_then_the_office_when_it_has_dagdelen(office):
    """Programmabureau appears only once dagdelen without role or person exist."""
    assert [(c.kind, c.label, c.available) for c in matrix_of(office).columns] == [
        ("role", "Beleidsadviseur", D("5.0")), ("role", "Projectleider", D("4.0")),
        ("person", "Anna de Vries", D("4.0"))]
    staffed(office)
    matrix = matrix_of(office)
    assert [(c.kind, c.label, c.available) for c in matrix.columns][-1] == ("office", "Programmabureau", None)
    assert [c.key for c in matrix.columns] == [
        ColumnKey(capacity_id=office.adviser), ColumnKey(capacity_id=office.lead),
        ColumnKey(person_id=office.anna), OFFICE]


def test_matrix_rows_follow_the_project_numbers_with_general_work_last(office):
    """3.1, 3.2, 3.10 (numbers, not text), then the general work though its chapter comes first."""
    staffed(office)
    matrix = matrix_of(office)
    assert [(r.number, r.title, r.is_general) for r in matrix.rows] == [
        ("3.1", "Samen leren", False), ("3.2", "Inkoop", False), ("3.10", "Jeugdhulpmonitor", False),
        ("", "Doorlopend algemeen", True)]


def test_matrix_cells_and_totals_per_row_column_and_office(office):
    """A person's rows with a role count for the person; empty cells stay empty, not 0."""
    staffed(office)
    matrix = matrix_of(office)
    assert [r.cells for r in matrix.rows] == [
        [D("3.0"), None, D("1.0"), None], [None, None, D("1.5"), None], [D("2.0"), None, None, None],
        [None, None, None, D("0.5")]]
    assert [r.total for r in matrix.rows] == [D("4.0"), D("1.5"), D("2.0"), D("0.5")]
    assert matrix.column_totals == [D("5.0"), D("0.0"), D("2.5"), D("0.5")]
    assert (matrix.grand_total, matrix.capacity) == (D("8.0"), D("9.0"))
    assert matrix.over_allocated == [] and matrix.messages == []
    assert (matrix.fte(D("2.5")), matrix.fte(None)) == (D("0.25"), None)


def test_matrix_names_each_over_allocation_with_its_column(office):
    """Beleidsadviseur 6 of 5 (column 0), Anna 4,5 of 4 (column 2), the office 10,5 of 9."""
    allocate(office, office.leren, "6.0", role=office.adviser)
    allocate(office, office.monitor, "4.5", person=office.anna)
    matrix = matrix_of(office)
    assert [(o.column, o.message) for o in matrix.over_allocated] == [
        (0, "Beleidsadviseur: 6 dagdelen ingezet, capaciteit voor uitvoering 5."),
        (2, "Anna de Vries is ingezet voor 4,5 dagdelen per week, beschikbaar 4."),
        (None, "Er zijn 10,5 dagdelen per week ingezet, meer dan de capaciteit voor uitvoering (9).")]
    assert matrix.messages == [o.message for o in matrix.over_allocated]


def test_matrix_set_cell_moves_the_totals_and_the_warnings(office):
    """Anna 1 -> 5 on Samen leren: row, column and grand total move by 4 and she is over."""
    staffed(office)
    matrix = matrix_of(office)
    matrix.set_cell(office.leren, ColumnKey(person_id=office.anna), D("5.0"))
    assert matrix.rows[0].cells == [D("3.0"), None, D("5.0"), None]
    assert (matrix.rows[0].total, matrix.column_totals[2], matrix.grand_total) == (D("8.0"), D("6.5"), D("12.0"))
    assert matrix.messages == [
        "Anna de Vries is ingezet voor 6,5 dagdelen per week, beschikbaar 4.",
        "Er zijn 12 dagdelen per week ingezet, meer dan de capaciteit voor uitvoering (9)."]
    matrix.set_cell(office.leren, ColumnKey(person_id=office.anna), None)
    assert matrix.rows[0].cells == [D("3.0"), None, None, None]
    assert (matrix.rows[0].total, matrix.grand_total, matrix.messages) == (D("3.0"), D("7.0"), [])


def test_matrix_of_an_adopted_or_gone_plan(office):
    """An adopted plan's matrix is read-only; a gone plan has none."""
    adopt(office)
    assert load_matrix(office.ws, office.plan)[1] is True
    assert load_matrix(office.ws, office.plan + 99) is None


# --- the editor's cached parts -------------------------------------------------------------------

def test_cell_edits_move_the_cached_sums_exactly_as_a_fresh_read(budget):
    """Coördinatie 2022 +250,25, Secretariaat 2023 id. -> 400, Reiskosten 2023 -> PM, the PM of
    Monitor 2024 cleared, and Inhuur (shared by BC itself) 2022 -> 50 and 2023 -> 400: totals,
    markers and contributions follow without reading every cell."""
    sums = load_cell_sums(budget.ws, budget.plan)
    structure = load_structure(budget.ws, budget.plan)
    basis = load_split_basis(budget.ws, budget.plan)
    changes = [budget_edit.CellChange(budget.coordinatie, 2022, parse_cell("1.250,25")),
               budget_edit.CellChange(budget.secretariaat, 2023, parse_cell("400")),
               budget_edit.CellChange(budget.reiskosten, 2023, parse_cell("PM")),
               budget_edit.CellChange(budget.monitor, 2024, parse_cell("")),
               budget_edit.CellChange(budget.inhuur, 2022, parse_cell("50")),
               budget_edit.CellChange(budget.inhuur, 2023, parse_cell("400"))]
    old = budget_edit.set_cells(budget.ws, changes)
    cells = [CellDelta(c.line_id, c.year, old=o.value, new=c.value) for c, o in zip(changes, old)]
    table = CellSumTable(sums)  # as the editors keep it
    table.apply(load_cell_sum_keys(budget.ws, {c.line_id for c in cells}), cells)
    adjusted = table.sums()
    figures, contributions, problem = budget_and_contributions(
        structure, adjusted, load_funding(budget.ws, budget.plan), basis)
    assert [str(figures.total[y]) for y in figures.years] == ["2100.75", "2100.00", "0.00"]
    assert figures.markers_left_out == {2022: 0, 2023: 1, 2024: 1}
    assert figures.group(budget.personeel).totals[2023] == D("800.00")
    assert problem == ""
    # 2022: 1.000,375 / 750,225 / 350,15 of 2.101 (Inhuur's 50 as 30 / 20 between Beekdorp and
    # Cedorp): Aadorp's ,375 is the largest remainder.
    assert contributions.by_year[2022] == euros(1001, 750, 350)
    fresh = load_budget_figures(budget.ws, budget.plan)
    assert (figures.total, figures.markers_left_out) == (fresh.total, fresh.markers_left_out)
    assert [(g.id, g.totals, g.markers_left_out) for g in figures.groups] == [
        (g.id, g.totals, g.markers_left_out) for g in fresh.groups]
    assert nonzero(adjusted) == nonzero(load_cell_sums(budget.ws, budget.plan))
    assert contributions.by_year == load_key_sheet(budget.ws, budget.plan).contributions.by_year


def nonzero(sums):
    """The cell sums that hold an amount or a marker, in a fixed order (a sum emptied by an
    edit may stay behind as zero)."""
    return sorted(((s.group_id, s.set_id or 0, s.year, s.amount, s.markers) for s in sums
                   if s.amount or s.markers))


def test_cached_parts_with_a_broken_key_give_figures_and_the_keys_problem(budget):
    """The budget still adds up; the contributions are missing and the problem says why."""
    set_key(budget, basis={"Aadorp": 0, "Beekdorp": 0, "Cedorp": 0})
    figures, contributions, problem = budget_and_contributions(
        load_structure(budget.ws, budget.plan), load_cell_sums(budget.ws, budget.plan),
        load_funding(budget.ws, budget.plan), load_split_basis(budget.ws, budget.plan))
    assert figures.total[2022] == D("1800.50")
    assert contributions is None
    assert problem == "Verdeelsleutel 'Inwoners 2022': de basisgetallen tellen op tot nul."


def test_cached_parts_of_a_gone_plan_are_none(budget):
    """The editor closes a deleted plan instead of showing figures of nothing."""
    gone = budget.plan + 99
    assert [load(budget.ws, gone) for load in (load_cell_sums, load_structure, load_split_basis,
                                                load_funding, load_staffing_figures)] == [None] * 5


# --- the charts from the file: progress, plans to compare with --------------------------------

def test_budget_chart_names_the_plan_year_it_highlights(budget):
    """The stacked budget chart marks 2023, the year the plan is about."""
    series = chart_data.budget_series(load_budget_figures(budget.ws, budget.plan), 2023)
    assert series.plan_year == 2023
    assert [(g.key, g.label) for g in series.groups] == [
        (budget.bureau, "1 Bureau"), (budget.projecten, "2 Projecten"), (budget.leeg, "3 Leeg")]
    assert series.markers_left_out == {2022: 0, 2023: 1, 2024: 2}


def test_progress_for_the_charts_lists_the_projects_with_their_chapters(office):
    """Projects in number order with their chapter, general work last; a gone plan has none."""
    rows = chart_data.load_progress(office.ws, office.plan)
    assert [(r.number, r.chapter_number, r.chapter_title) for r in rows] == [
        ("3.1", "3", "Projecten"), ("3.2", "3", "Projecten"), ("3.10", "3", "Projecten"),
        ("", "1", "Algemeen")]
    assert chart_data.load_progress(office.ws, office.plan + 99) is None


def build_plans(ws):
    """A region with plans 2023 (2021-2024, the one compared), its amendment, 2022, a 2022
    scenario (2020-2022), a 2021 scenario and 2024, and another region with one plan."""
    with ws.transaction() as s:
        region, elsewhere = Region(name="Regio"), Region(name="Elders")
        s.add_all([region, elsewhere])

        def plan(year, title, first, last, kind=PlanKind.PLAN, status=PlanStatus.DRAFT, based_on=None,
                 of=region):
            made = Plan(region=of, year=year, title=title, first_year=first, last_year=last, kind=kind,
                        status=status, based_on=based_on)
            s.add(made)
            s.flush()
            return made

        main = plan(2023, "Uitvoeringsplan 2023", 2021, 2024)
        last_year = plan(2022, "Uitvoeringsplan 2022", 2022, 2022, status=PlanStatus.ADOPTED)
        scenario = plan(2022, "Scenario 2022", 2020, 2022, kind=PlanKind.SCENARIO)
        amendment = plan(2023, "Wijziging 2023", 2023, 2023, kind=PlanKind.AMENDMENT, based_on=main)
        next_year = plan(2024, "Uitvoeringsplan 2024", 2024, 2024)
        scenario_2021 = plan(2021, "Scenario 2021", 2021, 2021, kind=PlanKind.SCENARIO)
        alone = plan(2022, "Elders 2022", 2022, 2022, of=elsewhere)
        ids = SimpleNamespace(main=main.id, last_year=last_year.id, scenario=scenario.id,
                              amendment=amendment.id, next_year=next_year.id, scenario_2021=scenario_2021.id,
                              alone=alone.id)
    return ids


@pytest.fixture(scope="module")
def plans(workspace_template, tmp_path_factory):
    """Read only by the tests, so built once for them all (a file, and a database on the test server)."""
    template = workspace_template(build_plans)
    ws = template.open(tmp_path_factory.mktemp("plannen"))
    yield ws, template.built
    ws.close()


def choices_of(ws, plan_id):
    return [(c.plan_id, c.year, c.same_plan) for c in chart_data.comparison_choices(ws, plan_id)]


def test_plans_to_compare_with_are_own_earlier_years_then_the_regions_plans_newest_first(plans):
    """2023: its own 2022 and 2021, then 2024, the amendment, 2022, the 2022 scenario and the
    2021 scenario; never another region's plan."""
    ws, ids = plans
    assert choices_of(ws, ids.main) == [
        (ids.main, 2022, True), (ids.main, 2021, True), (ids.next_year, 2024, False),
        (ids.amendment, 2023, False), (ids.last_year, 2022, False), (ids.scenario, 2022, False),
        (ids.scenario_2021, 2021, False)]
    own = chart_data.comparison_choices(ws, ids.main)[0]
    assert (own.title, own.kind, own.status) == ("Uitvoeringsplan 2023", PlanKind.PLAN, PlanStatus.DRAFT)
    choice = next(c for c in chart_data.comparison_choices(ws, ids.last_year) if c.plan_id == ids.scenario)
    assert (choice.title, choice.kind, choice.status) == ("Scenario 2022", PlanKind.SCENARIO, PlanStatus.DRAFT)
    assert chart_data.comparison_choices(ws, ids.main + 99) == []


def test_an_amendment_is_compared_with_the_plan_it_amends_first(plans):
    """The amendment lists the plan it is based on before the others, and compares with it."""
    ws, ids = plans
    assert choices_of(ws, ids.amendment) == [
        (ids.main, 2023, False), (ids.next_year, 2024, False), (ids.last_year, 2022, False),
        (ids.scenario, 2022, False), (ids.scenario_2021, 2021, False)]
    default = chart_data.default_comparison(ws, ids.amendment)
    assert (default.plan_id, default.year, default.same_plan) == (ids.main, 2023, False)


def test_this_year_against_the_last_is_last_years_plan_not_a_scenario(plans):
    """2023 against the 2022 plan (not the 2022 scenario, not its own 2022 column)."""
    ws, ids = plans
    default = chart_data.default_comparison(ws, ids.main)
    assert (default.plan_id, default.year, default.same_plan) == (ids.last_year, 2022, False)
    assert default.title == "Uitvoeringsplan 2022" and default.status is PlanStatus.ADOPTED


def test_without_last_years_plan_the_plans_own_previous_year_is_compared(plans):
    """The 2022 scenario (2020-2022): no 2021 plan in the region (a 2021 scenario is not one),
    so its own 2021 column, not 2020."""
    ws, ids = plans
    default = chart_data.default_comparison(ws, ids.scenario)
    assert (default.plan_id, default.year, default.same_plan) == (ids.scenario, 2021, True)


def test_without_any_earlier_figure_the_newest_other_plan_is_compared(plans):
    """2022 (no 2021 plan, only a 2021 scenario, no earlier year of its own): the newest plan
    of the region."""
    ws, ids = plans
    default = chart_data.default_comparison(ws, ids.last_year)
    assert (default.plan_id, default.year) == (ids.next_year, 2024)


def test_a_plan_alone_in_its_region_has_nothing_to_compare_with(plans):
    """One plan, one year: no comparison offered; a gone plan neither."""
    ws, ids = plans
    assert chart_data.comparison_choices(ws, ids.alone) == []
    assert chart_data.default_comparison(ws, ids.alone) is None
    assert chart_data.default_comparison(ws, ids.main + 99) is None


def test_the_plan_shown_is_described_by_its_own_year_title_kind_and_status(plans):
    """Beside the comparison the chart names the plan itself."""
    ws, ids = plans
    shown = chart_data.describe_plan(ws, ids.amendment)
    assert (shown.plan_id, shown.year, shown.title, shown.kind, shown.status, shown.same_plan) == (
        ids.amendment, 2023, "Wijziging 2023", PlanKind.AMENDMENT, PlanStatus.DRAFT, False)
    assert chart_data.describe_plan(ws, ids.main + 99) is None


def figures_of(years, groups):
    """Budget figures from (id, parent id, number, name, {year: amount}) without a file."""
    structure = BudgetStructure(years, [(gid, parent, number, name, 0 if parent is None else 1, False, 1)
                                        for gid, parent, number, name, _ in groups])
    sums = [CellSum(gid, None, year, D(amount), 0) for gid, _, _, _, amounts in groups
            for year, amount in amounts.items()]
    nothing = dict.fromkeys(years, D("0.00"))
    return figures_from(structure, sums, FundingParts(nothing, nothing, nothing))


def test_comparing_two_plans_pairs_groups_by_number_and_name_ignoring_case_and_spaces():
    """' 1 ' / 'bureau' is Bureau; a second Projecten and Oud have no partner and stand alone."""
    mine = figures_of([2023], [(1, None, "1", "Bureau", {2023: "100"}), (2, None, "2", "Projecten", {2023: "50"}),
                               (3, None, "2", "Projecten", {2023: "7"}), (4, 1, "1.1", "Sub", {2023: "1"})])
    theirs = figures_of([2022], [(11, None, " 1 ", "bureau", {2022: "80"}),
                                 (12, None, "2", "Projecten  ", {2022: "60"}),
                                 (13, None, "4", "Oud", {2022: "5"}), (14, 11, "1.1", "Sub", {2022: "9"})])
    series = chart_data.comparison_series(mine, 2023, theirs, 2022, same_plan=False)
    assert (series.year, series.other_year, series.same_plan) == (2023, 2022, False)
    assert [(d.key, d.label, d.current, d.other, d.difference) for d in series.groups] == [
        (1, "1 Bureau", D("101.00"), D("89.00"), D("12.00")),
        (2, "2 Projecten", D("50.00"), D("60.00"), D("-10.00")),
        (3, "2 Projecten", D("7.00"), D("0.00"), D("7.00")),
        (None, "4 Oud", D("0.00"), D("5.00"), D("-5.00"))]
    assert (series.total.current, series.total.other, series.total.difference) == (
        D("158.00"), D("154.00"), D("4.00"))


def test_comparing_two_years_of_one_plan_pairs_groups_by_id():
    """Within one plan a group is itself in both years, whatever its name."""
    figures = figures_of([2022, 2023], [(1, None, "1", "Bureau", {2022: "80", 2023: "100"}),
                                        (2, None, "2", "Projecten", {2023: "50"})])
    series = chart_data.comparison_series(figures, 2023, figures, 2022, same_plan=True)
    assert [(d.key, d.label, d.current, d.other) for d in series.groups] == [
        (1, "1 Bureau", D("100.00"), D("80.00")), (2, "2 Projecten", D("50.00"), D("0.00"))]
    other = figures_of([2022], [(9, None, "1", "Bureau", {2022: "80"})])
    series = chart_data.comparison_series(figures, 2023, other, 2022, same_plan=True)
    assert [(d.key, d.other) for d in series.groups] == [(1, D("0.00")), (2, D("0.00"))]


def test_no_comparison_for_a_year_either_budget_lacks():
    """A year outside this plan or outside the other: no comparison chart."""
    figures = figures_of([2022, 2023], [(1, None, "1", "Bureau", {2023: "100"})])
    assert chart_data.comparison_series(figures, 2024, figures, 2022, same_plan=True) is None
    assert chart_data.comparison_series(figures, 2023, figures, 2021, same_plan=True) is None
    assert chart_data.comparison_series(figures, 2023, None, 2022, same_plan=True) is None


# --- the staffing editor's writes ----------------------------------------------------------------

def cell_rows(office: Office):
    """Every allocation row as (project, role, person, dagdelen), sorted."""
    with office.ws.session() as s:
        return sorted((a.project_id, a.capacity_id or 0, a.person_id or 0, a.half_days)
                      for a in s.scalars(select(Allocation)))


def change(project, column, value):
    return AllocationChange(project, column, value)


def test_writing_cells_stores_one_row_each_and_returns_what_was_there(office):
    """A new value, a changed value and a cleared cell; the old values say 'nothing' as None."""
    adviser, anna = ColumnKey(capacity_id=office.adviser), ColumnKey(person_id=office.anna)
    allocate(office, office.leren, "3.0", role=office.adviser)
    old = edit.set_allocations(office.ws, office.plan, [
        change(office.leren, adviser, "2,5"), change(office.monitor, anna, "1"),
        change(office.general, OFFICE, "0,5")])
    assert [(o.project_id, o.column, o.value) for o in old] == [
        (office.leren, adviser, D("3.0")), (office.monitor, anna, None), (office.general, OFFICE, None)]
    assert cell_rows(office) == sorted([(office.leren, office.adviser, 0, D("2.5")),
                                        (office.monitor, 0, office.anna, D("1.0")),
                                        (office.general, 0, 0, D("0.5"))])
    edit.set_allocations(office.ws, office.plan, [change(office.leren, adviser, "")])
    assert (office.leren, office.adviser, 0, D("2.5")) not in cell_rows(office)
    assert len(cell_rows(office)) == 2


def test_a_cell_of_several_rows_becomes_one_row_and_its_undo_puts_them_all_back(office):
    """Imported data with two rows in one cell: 1 + 2 shows as 3; typing 5 leaves one row of 5;
    the old value carries both rows, and writing it back restores them exactly."""
    adviser = ColumnKey(capacity_id=office.adviser)
    allocate(office, office.leren, "1.0", role=office.adviser)
    allocate(office, office.leren, "2.0", role=office.adviser)
    before = cell_rows(office)
    old = edit.set_allocations(office.ws, office.plan, [change(office.leren, adviser, "5")])
    assert old[0].value == D("3.0")
    assert [row["half_days"] for row in old[0].rows] == [D("1.0"), D("2.0")]
    assert cell_rows(office) == [(office.leren, office.adviser, 0, D("5.0"))]
    edit.set_allocations(office.ws, office.plan, old)
    assert cell_rows(office) == before


def test_a_block_naming_a_cell_twice_writes_the_last_value_once(office):
    """Pasting 2 then 4 into the same cell: 4 is written and the undo lists the cell once."""
    adviser = ColumnKey(capacity_id=office.adviser)
    old = edit.set_allocations(office.ws, office.plan, [change(office.leren, adviser, "2"),
                                                        change(office.leren, adviser, "4")])
    assert [(o.project_id, o.value) for o in old] == [(office.leren, None)]
    assert cell_rows(office) == [(office.leren, office.adviser, 0, D("4.0"))]


@pytest.mark.parametrize("column, project, message", [
    ("adviser", 999, "Dit project bestaat niet (meer) in dit plan."),
    ("unknown role", None, "Deze rol bestaat niet (meer) in dit plan."),
    ("unknown person", None, "Deze medewerker bestaat niet (meer) in dit plan."),
])
def test_a_cell_of_something_not_in_the_plan_is_refused_and_nothing_is_written(office, column, project,
                                                                                message):
    """A project, role or person deleted meanwhile: the whole block is refused, in Dutch."""
    columns = {"adviser": ColumnKey(capacity_id=office.adviser),
               "unknown role": ColumnKey(capacity_id=office.adviser + 99),
               "unknown person": ColumnKey(person_id=office.anna + 99)}
    block = [change(office.monitor, ColumnKey(capacity_id=office.lead), "1"),
             change(office.leren if project is None else office.plan + project, columns[column], "1")]
    with pytest.raises(EditError) as refused:
        edit.set_allocations(office.ws, office.plan, block)
    assert str(refused.value) == message
    assert cell_rows(office) == []


def test_an_empty_block_is_refused(office):
    """Nothing selected: nothing to change, said in Dutch."""
    with pytest.raises(EditError) as refused:
        edit.set_allocations(office.ws, office.plan, [])
    assert str(refused.value) == "Er is niets om te wijzigen."


def test_a_person_may_work_exactly_ten_dagdelen_a_week_over_all_projects(office):
    """Anna 6 on Samen leren and 4 on Inkoop is a full week: accepted (over her 4 available is a
    warning, not a refusal)."""
    anna = ColumnKey(person_id=office.anna)
    allocate(office, office.leren, "6.0", person=office.anna)
    edit.set_allocations(office.ws, office.plan, [change(office.inkoop, anna, "4")])
    assert sum(row[3] for row in cell_rows(office)) == D("10.0")


def test_more_than_ten_dagdelen_a_week_counts_every_project_and_replaces_the_cells_old_value(office):
    """Anna has 6 on Samen leren and 2 on Inkoop; Inkoop 2 -> 4,5 makes 10,5: refused naming it.
    Samen leren 6 -> 8 with Inkoop 2 makes exactly 10: accepted."""
    anna = ColumnKey(person_id=office.anna)
    allocate(office, office.leren, "6.0", person=office.anna)
    allocate(office, office.inkoop, "2.0", person=office.anna)
    with pytest.raises(EditError) as refused:
        edit.set_allocations(office.ws, office.plan, [change(office.inkoop, anna, "4,5")])
    assert str(refused.value) == ("Anna de Vries zou dan 10,5 dagdelen per week werken; "
                                  "een week heeft 10 dagdelen.")
    edit.set_allocations(office.ws, office.plan, [change(office.leren, anna, "8")])
    assert sorted(row[3] for row in cell_rows(office)) == [D("2.0"), D("8.0")]


def test_the_week_limit_names_the_person_who_goes_over(office):
    """Two people in one block: only Bram, at 11, is named."""
    bram = edit.add_person(office.ws, office.plan, "Bram", None, "10")
    edit.set_allocations(office.ws, office.plan, [change(office.leren, ColumnKey(person_id=office.anna), "3")])
    with pytest.raises(EditError) as refused:
        edit.set_allocations(office.ws, office.plan, [
            change(office.monitor, ColumnKey(person_id=office.anna), "7"),
            change(office.monitor, ColumnKey(person_id=bram), "6"),
            change(office.inkoop, ColumnKey(person_id=bram), "5")])
    assert str(refused.value) == "Bram zou dan 11 dagdelen per week werken; een week heeft 10 dagdelen."


def roles_in_order(office: Office):
    with office.ws.session() as s:
        return [(r.role, r.position) for r in s.scalars(
            select(Role).where(Role.plan_id == office.plan).order_by(Role.position, Role.id))]


def people_in_order(office: Office):
    with office.ws.session() as s:
        return [(p.name, p.position, p.capacity_id, p.available_half_days) for p in s.scalars(
            select(Person).where(Person.plan_id == office.plan).order_by(Person.position, Person.id))]


@pytest.mark.parametrize("index, order", [
    (None, ["Beleidsadviseur", "Projectleider", "Data-analist"]),
    (0, ["Data-analist", "Beleidsadviseur", "Projectleider"]),
    (1, ["Beleidsadviseur", "Data-analist", "Projectleider"]),
    (-1, ["Data-analist", "Beleidsadviseur", "Projectleider"]),
    (7, ["Beleidsadviseur", "Projectleider", "Data-analist"]),
])
def test_a_new_role_goes_where_it_was_inserted_and_the_positions_are_renumbered(office, index, order):
    """Inserted above a row, at the end, or clamped to the list; positions stay 0, 1, 2."""
    new = edit.add_role(office.ws, office.plan, "  Data-analist ", "0,8", "0,5", index=index)
    assert roles_in_order(office) == [(name, i) for i, name in enumerate(order)]
    assert stored_role(office, new) == ("Data-analist", D("0.80"), D("0.50"))


def test_a_new_role_without_figures_has_zero_fte(office):
    """The default new row: 'Nieuwe rol' with 0 fte, of which 0 for execution."""
    new = edit.add_role(office.ws, office.plan)
    assert stored_role(office, new) == ("Nieuwe rol", D("0.00"), D("0.00"))
    other = edit.add_role(office.ws, office.plan, "Stagiair", "", None)
    assert stored_role(office, other) == ("Stagiair", D("0.00"), D("0.00"))


@pytest.mark.parametrize("fields, message", [
    ({"role": "  "}, "Een rol heeft een naam nodig."),
    ({"role": None}, "Een rol heeft een naam nodig."),
    ({"naam": "x", "kleur": "rood"}, "Onbekend veld: kleur, naam"),
    ({"fte": "0,4"}, "Het deel voor uitvoering (0,5 fte) kan niet groter zijn dan de formatie (0,4 fte)."),
    ({"fte": "0,3", "execution_fte": "0,35"},
     "Het deel voor uitvoering (0,35 fte) kan niet groter zijn dan de formatie (0,3 fte)."),
])
def test_a_role_change_that_makes_no_sense_is_refused_in_dutch(office, fields, message):
    """No name, an unknown field, or more for execution than the role has: refused, unchanged."""
    with pytest.raises(EditError) as refused:
        edit.set_role_fields(office.ws, office.adviser, **fields)
    assert str(refused.value) == message
    assert stored_role(office, office.adviser) == ("Beleidsadviseur", D("1.00"), D("0.50"))


def test_a_role_change_returns_the_old_values_for_undo(office):
    """Renaming and lowering the role at once; the old values put it back."""
    old = edit.set_role_fields(office.ws, office.adviser, role=" Adviseur ", fte="0,5", execution_fte="0,5")
    assert old == {"role": "Beleidsadviseur", "fte": D("1.00"), "execution_fte": D("0.50")}
    assert stored_role(office, office.adviser) == ("Adviseur", D("0.50"), D("0.50"))
    edit.set_role_fields(office.ws, office.adviser, **old)
    assert stored_role(office, office.adviser) == ("Beleidsadviseur", D("1.00"), D("0.50"))


def test_a_role_or_person_deleted_meanwhile_is_named_in_dutch(office):
    """Editing a row another window deleted says so instead of failing."""
    gone_role, gone_person = office.lead + 99, office.anna + 99
    for attempt, message in [
            (lambda: edit.set_role_fields(office.ws, gone_role, role="x"), "Deze rol bestaat niet meer."),
            (lambda: edit.delete_role(office.ws, gone_role), "Deze rol bestaat niet meer."),
            (lambda: edit.set_person_fields(office.ws, gone_person, name="x"),
             "Deze medewerker bestaat niet meer."),
            (lambda: edit.delete_person(office.ws, gone_person), "Deze medewerker bestaat niet meer."),
            (lambda: edit.add_person(office.ws, office.plan, "Eva", gone_role), "Deze rol bestaat niet meer.")]:
        with pytest.raises(EditError) as refused:
            attempt()
        assert str(refused.value) == message


def test_deleting_a_role_takes_its_dagdelen_and_leaves_its_people_without_a_role(office):
    """Beleidsadviseur goes with its 3 dagdelen; Anna keeps her own row but loses the role; Bram
    keeps Projectleider and its dagdelen; undo restores all."""
    bram = edit.add_person(office.ws, office.plan, "Bram", office.lead, "5")
    with office.ws.transaction() as s:
        s.get(Person, office.anna).capacity_id = office.adviser
    allocate(office, office.leren, "3.0", role=office.adviser)
    allocate(office, office.monitor, "1.0", role=office.lead)
    allocate(office, office.inkoop, "2.0", person=office.anna)
    before = (roles_in_order(office), people_in_order(office), cell_rows(office))
    snapshot = edit.delete_role(office.ws, office.adviser)
    assert (snapshot.kind, snapshot.index, snapshot.people_of_role) == ("role", 0, [office.anna])
    assert [a["half_days"] for a in snapshot.allocations] == [D("3.0")]
    assert roles_in_order(office) == [("Projectleider", 0)]
    assert people_in_order(office) == [("Anna de Vries", 0, None, D("4.0")), ("Bram", 1, office.lead, D("5.0"))]
    assert bram != office.anna
    assert cell_rows(office) == sorted([(office.monitor, office.lead, 0, D("1.0")),
                                        (office.inkoop, 0, office.anna, D("2.0"))])
    edit.restore(office.ws, snapshot)
    assert (roles_in_order(office), people_in_order(office), cell_rows(office)) == before


def test_deleting_the_second_role_keeps_the_first_in_place_and_undo_puts_it_back_second(office):
    """Projectleider removed and restored: back at position 1, under Beleidsadviseur."""
    snapshot = edit.delete_role(office.ws, office.lead)
    assert snapshot.index == 1
    edit.add_role(office.ws, office.plan, "Nieuw")
    edit.restore(office.ws, snapshot)
    assert roles_in_order(office) == [("Beleidsadviseur", 0), ("Projectleider", 1), ("Nieuw", 2)]


def test_people_are_added_where_inserted_with_their_role_and_availability(office):
    """Bram above Anna with the Projectleider role and 8 dagdelen; the default new person after."""
    bram = edit.add_person(office.ws, office.plan, " Bram ", office.lead, "8", index=0)
    edit.add_person(office.ws, office.plan)
    assert people_in_order(office) == [("Bram", 0, office.lead, D("8.0")), ("Anna de Vries", 1, None, D("4.0")),
                                       ("Nieuwe medewerker", 2, None, D("0.0"))]
    assert bram != office.anna


@pytest.mark.parametrize("fields, message", [
    ({"name": " "}, "Een medewerker heeft een naam nodig."),
    ({"name": None}, "Een medewerker heeft een naam nodig."),
    ({"available_half_days": "10,5"},
     "Niemand is meer dan 10 dagdelen per week beschikbaar; '10,5' is te veel."),
    ({"rol": 1, "email": "a@b"}, "Onbekend veld: email, rol"),
])
def test_a_person_change_that_makes_no_sense_is_refused_in_dutch(office, fields, message):
    """No name, more than a week, or an unknown field: refused, Anna unchanged."""
    with pytest.raises(EditError) as refused:
        edit.set_person_fields(office.ws, office.anna, **fields)
    assert str(refused.value) == message
    assert people_in_order(office) == [("Anna de Vries", 0, None, D("4.0"))]


def test_a_person_can_be_available_a_full_week_and_changes_return_the_old_values(office):
    """10 dagdelen is a full week: accepted; the old values come back for undo."""
    old = edit.set_person_fields(office.ws, office.anna, name="Anna", available_half_days="10",
                                 capacity_id=office.lead)
    assert old == {"name": "Anna de Vries", "available_half_days": D("4.0"), "capacity_id": None}
    assert people_in_order(office) == [("Anna", 0, office.lead, D("10.0"))]
    edit.set_person_fields(office.ws, office.anna, available_half_days="")
    assert people_in_order(office)[0][3] == D("0.0")


def test_a_person_cannot_get_a_role_of_another_plan(office):
    """A role id of another plan is refused, for a new person and for a change."""
    with office.ws.transaction() as s:
        plan = Plan(region_id=s.get(Plan, office.plan).region_id, year=2023, title="Ander plan",
                    first_year=2023, last_year=2023)
        s.add(plan)
        s.flush()
        elsewhere = Role(plan_id=plan.id, role="Elders", fte=D("1.00"), execution_fte=D("1.00"))
        s.add(elsewhere)
        s.flush()
        elsewhere_id = elsewhere.id
    for attempt in (lambda: edit.add_person(office.ws, office.plan, "Eva", elsewhere_id),
                    lambda: edit.set_person_fields(office.ws, office.anna, capacity_id=elsewhere_id)):
        with pytest.raises(EditError) as refused:
            attempt()
        assert str(refused.value) == "Deze rol hoort niet bij dit plan."
    assert people_in_order(office) == [("Anna de Vries", 0, None, D("4.0"))]


def test_deleting_a_person_takes_their_dagdelen_and_undo_puts_them_back_in_place(office):
    """Anna (first of two) goes with her 2 dagdelen and comes back first; Bram's 1 and the
    role's 3 stay."""
    bram = edit.add_person(office.ws, office.plan, "Bram")
    allocate(office, office.leren, "2.0", person=office.anna)
    allocate(office, office.leren, "1.0", person=bram)
    allocate(office, office.leren, "3.0", role=office.adviser)
    before = (people_in_order(office), cell_rows(office))
    snapshot = edit.delete_person(office.ws, office.anna)
    assert (snapshot.kind, snapshot.index) == ("person", 0)
    assert people_in_order(office) == [("Bram", 0, None, D("0.0"))]
    assert cell_rows(office) == [(office.leren, 0, bram, D("1.0")), (office.leren, office.adviser, 0, D("3.0"))]
    edit.restore(office.ws, snapshot)
    assert (people_in_order(office), cell_rows(office)) == before


# --- the summary (python -m app summary) ---------------------------------------------------------

def test_summary_of_the_small_budget_as_data(budget):
    """The --json figures: groups with level and markers, a project with only a stated number,
    contributions per municipality and the problems in Dutch."""
    with budget.ws.transaction() as s:
        project = s.scalars(select(Project)).one()
        project.stated_half_days = D("2.0")
    summary = plan_summary(budget.ws, 2023)
    assert summary["plan"] == {"region": "Regio Proef", "year": 2023, "title": "Uitvoeringsplan 2023",
                               "kind": "plan", "status": "draft", "adopted_on": None, "adopted_by": None}
    assert summary["budget"]["years"] == ["2022", "2023", "2024"]
    assert summary["budget"]["groups"][:2] == [
        {"name": "Bureau", "number": "1", "level": 0,
         "totals": {"2022": "1600.50", "2023": "1500.50", "2024": "0.00"},
         "markers_left_out": {"2022": 0, "2023": 1, "2024": 1}},
        {"name": "Personeel", "number": "1.1", "level": 1,
         "totals": {"2022": "600.00", "2023": "300.50", "2024": "0.00"},
         "markers_left_out": {"2022": 0, "2023": 1, "2024": 0}}]
    assert summary["budget"]["total"] == {"2022": "1800.50", "2023": "1600.50", "2024": "0.00"}
    assert summary["budget"]["markers_left_out"] == {"2022": 0, "2023": 1, "2024": 2}
    assert summary["funding"] == {"total": {"2022": "1800.50", "2023": "1600.50", "2024": "0.00"}}
    assert summary["balance"] == {"2022": "0.00", "2023": "0.00", "2024": "0.00"}
    assert summary["staffing"]["projects"] == [
        {"number": "3.4", "title": "Jeugdhulpmonitor", "general": False, "half_days": "0.0", "fte": "0.00"}]
    assert summary["contributions"]["2022"] == {"Aadorp": "876.00", "Beekdorp": "645.00", "Cedorp": "280.00"}
    assert summary["fixed_settlements"]["2023"] == {"Aadorp": "0.00", "Beekdorp": "0.00", "Cedorp": "0.00"}
    assert summary["problems"] == [
        "3.4 Jeugdhulpmonitor: de hoofdstuktekst noemt 2 dagdelen per week, de formatie 0.",
        "Groep 'Leeg' heeft een subtotaal maar geen begrotingsposten.",
        "'id.' in 2023 bij 'Secretariaat': voor het planjaar is een bedrag nodig; "
        "totalen en bijdragen laten deze post weg."]


def test_summary_of_an_adopted_plan_names_when_and_by_whom(budget):
    """Vastgesteld on 10 November 2022 by the BOJ: in the data as an ISO date, in the text."""
    with budget.ws.transaction() as s:
        plan = s.get(Plan, budget.plan)
        plan.status, plan.adopted_on, plan.adopted_by = PlanStatus.ADOPTED, date(2022, 11, 10), "BOJ"
    summary = plan_summary(budget.ws, 2023)
    assert (summary["plan"]["status"], summary["plan"]["adopted_on"], summary["plan"]["adopted_by"]) == (
        "adopted", "2022-11-10", "BOJ")
    lines = summary_text(summary).split("\n")
    assert lines[0] == "Uitvoeringsplan 2023 (Regio Proef), vastgesteld"
    assert lines[2] == " " * 32 + "            2022            2023            2024"
    assert lines[3] == "Begroting" + " " * 23 + "         € 1.801         € 1.601             € 0"
    assert lines[5] == "Saldo" + " " * 27 + "             € 0             € 0             € 0"
    assert lines[7] == "Dagdelen: 0 van 0 per week"
    assert lines[8:] == ["", "Aandachtspunten:", "- Groep 'Leeg' heeft een subtotaal maar geen begrotingsposten.",
                         "- 'id.' in 2023 bij 'Secretariaat': voor het planjaar is een bedrag nodig; "
                         "totalen en bijdragen laten deze post weg."]


def test_staffing_sheet_gives_each_person_their_own_allocated_dagdelen(office):
    """Anna 1,5 + 1 and Bram 3 (his rows with a role too): each sees their own sum, not the other's."""
    bram = edit.add_person(office.ws, office.plan, "Bram", office.lead, "6")
    staffed(office)
    allocate(office, office.monitor, "3.0", person=bram, role=office.lead)
    sheet = load_staffing_figures(office.ws, office.plan)
    assert sheet.plan_id == office.plan
    assert [(p.name, p.role_id, p.available_half_days, p.allocated_half_days) for p in sheet.people] == [
        ("Anna de Vries", None, D("4.0"), D("2.5")), ("Bram", office.lead, D("6.0"), D("3.0"))]
