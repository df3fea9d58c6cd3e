"""What `python -m app summary` prints: the plan's headline, totals, saldo, dagdelen, problems.

Called in-process (plan_summary, then summary_text) on the demo (the real 2022 Haaglanden
plan) and on a small draft plan whose figures are easy to check by hand, where one
edited amount must change exactly the figures that depend on it.
"""
import shutil
from decimal import Decimal
from fractions import Fraction

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
    Municipality,
    MunicipalitySet,
    Plan,
    PlanKind,
    Project,
    Region,
    Role,
)
from app.services.budget_edit import CellChange, set_cells
from app.services.cell_input import parse_cell
from app.services.key_edit import ShareChange, set_shares
from app.services.plan_copy import create_amendment
from app.services.summary import plan_summary, summary_text
from app.services.workspace import create_workspace, open_workspace
from db.demo import build_demo

DEMO_TITLE = "Uitvoeringsplan 2022 Regiovisie Jeugdzorg Haaglanden"
INHABITANTS = {"Delft": 103_700, "Den Haag": 548_300, "Lansingerland": 63_300,
               "Leidschendam-Voorburg": 76_800, "Midden-Delfland": 19_500,
               "Pijnacker-Nootdorp": 56_000, "Rijswijk": 55_300, "Wassenaar": 27_000,
               "Westland": 112_500, "Zoetermeer": 125_300}


def row(label: str, *cells: str) -> str:
    """A line of the figures table: the label in 32 columns, then each year right-aligned in 16."""
    return label.ljust(32) + "".join(cell.rjust(16) for cell in cells)


# --- the demo -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("summary") / "demo.planbord"
    build_demo(path).close()
    return path


@pytest.fixture
def demo(demo_file, tmp_path):
    path = tmp_path / "demo.planbord"
    shutil.copy(demo_file, path)  # a copy of the closed demo file per test
    workspace = open_workspace(path)
    yield workspace
    workspace.close()


def test_demo_summary_prints_the_published_figures_and_both_problems(demo):
    """Every line the user reads for the 2022 plan: totals, the 2021 gap, 22 of 22, two problems."""
    assert summary_text(plan_summary(demo, 2022)).split("\n") == [
        f"{DEMO_TITLE} (Regio Haaglanden), vastgesteld",
        "",
        row("", "2021", "2022", "2023"),
        row("", "(vergelijking)", "", ""),
        row("Begroting", "€ 1.062.500", "€ 1.280.000", "€ 0"),
        row("Dekking", "", "€ 1.280.000", "€ 0"),
        row("Saldo", "", "€ 0", "€ 0"),
        row("Overige dekking", "", "€ 242.500", "€ 0"),
        row("Te verdelen over de gemeenten", "", "€ 1.037.500", "€ 0"),
        "",
        "Voorbeeldcijfers: de verdeelsleutel rekent met voorbeeldcijfers, niet met de afgesproken cijfers; "
        "vervang de sleutel voordat de bijdragen worden gebruikt.",
        "",
        "Dagdelen: 22 van 22 per week",
        "",
        "Aandachtspunten:",
        "- 3.2.3 Samen leren: de hoofdstuktekst noemt 2 dagdelen per week, de formatie 3.",
        "- 4 Lopende projecten en ad-hoc ondersteuning: de hoofdstuktekst noemt 5 dagdelen per week, "
        "de formatie 0.",
    ]


def test_demo_summary_names_the_adopted_plan(demo):
    """The summary's plan block: region, year, title, kind, adopted by the BOJ on 11-11-2021."""
    assert plan_summary(demo, 2022)["plan"] == {
        "region": "Regio Haaglanden", "year": 2022, "title": DEMO_TITLE, "kind": "plan",
        "status": "adopted", "adopted_on": "2021-11-11", "adopted_by": "BOJ"}


def test_demo_summary_budget_groups_with_their_levels_and_subtotals(demo):
    """Each budget group of the plan, nested as printed, with its totals and left-out markers."""
    groups = plan_summary(demo, 2022)["budget"]["groups"]
    assert [(g["number"], g["name"], g["level"], g["totals"]["2021"], g["totals"]["2022"],
             g["totals"]["2023"], g["markers_left_out"]["2023"]) for g in groups] == [
        ("1", "Regionale netwerksamenwerking", 0, "555500.00", "544000.00", "0.00", 4),
        ("2", "Prioritaire activiteiten", 0, "203000.00", "636000.00", "0.00", 8),
        ("", "Kwetsbare gezinnen", 1, "203000.00", "296000.00", "0.00", 2),
        ("", "Aanpak Wachtlijsten", 2, "50000.00", "150000.00", "0.00", 0),
        ("", "Beter Samenspel", 2, "128000.00", "125000.00", "0.00", 2),
        ("", "Lerend ontwikkelen", 1, "0.00", "340000.00", "0.00", 6),
        ("", "Ontwikkelen jeugdhulpmonitor", 2, "0.00", "85000.00", "0.00", 1),
        ("", "Reikwijdte, normaliseren", 2, "0.00", "25000.00", "0.00", 1),
        ("", "Samen leren", 2, "0.00", "230000.00", "0.00", 4),
        ("3", "Lopende projecten en ad-hoc ondersteuning", 0, "304000.00", "100000.00", "0.00", 0),
        ("", "Jeugdhulpexpertise bij de huisarts", 1, "165000.00", "25000.00", "0.00", 0),
        ("", "Jeugdhulp in gezinsvormen", 1, "0.00", "25000.00", "0.00", 0),
        ("", "Doorontwikkelen richtinggevend kader, bestedingsruimte", 1, "139000.00", "50000.00",
         "0.00", 0),
    ]
    assert all(g["markers_left_out"]["2021"] == g["markers_left_out"]["2022"] == 0 for g in groups)


def test_demo_summary_staffing_lists_the_staffed_projects(demo):
    """Dagdelen per project as in the staffing table of chapter 5, with fte at 10 per fte."""
    staffing = plan_summary(demo, 2022)["staffing"]
    assert {k: v for k, v in staffing.items() if k != "projects"} == {
        "half_days_per_fte": "10.0", "capacity_fte": "2.20", "capacity_half_days": "22.0",
        "allocated_half_days": "22.0", "allocated_fte": "2.20"}
    assert sorted((p["number"], p["title"], p["general"], p["half_days"], p["fte"])
                  for p in staffing["projects"]) == sorted([
        ("3.1.3", "Intensiveren Beter Samenspel", False, "4.0", "0.40"),
        ("3.2.1", "Ontwikkeling jeugdhulpmonitor", False, "3.0", "0.30"),
        ("3.2.2", "Reikwijdte Jeugdwet, normaliseren", False, "2.0", "0.20"),
        ("3.2.3", "Samen leren", False, "3.0", "0.30"),
        ("3.3.2", "Kostenbeheersing: richtinggevend kader en bestedingsruimte", False, "4.0", "0.40"),
        ("", "Doorlopend algemeen", True, "4.0", "0.40"),
        ("", "Coördinatie, werkoverleg", True, "2.0", "0.20"),
    ])


def test_demo_contributions_follow_inhabitants_and_add_up(demo):
    """Each municipality pays its inhabitants' share of the budget, in whole euros adding up."""
    contributions = plan_summary(demo, 2022)["contributions"]
    assert list(contributions) == ["2022", "2023"]  # 2021 is a comparison column
    everyone = sum(INHABITANTS.values())
    for year, total in (("2022", 1_037_500), ("2023", 0)):
        parts = contributions[year]
        assert list(parts) == list(INHABITANTS)  # in the region's order
        assert sum(Decimal(v) for v in parts.values()) == total
        for name, value in parts.items():
            exact = Fraction(total * INHABITANTS[name], everyone)
            assert Decimal(value) in (Decimal(exact.numerator // exact.denominator),
                                      Decimal(-(-exact.numerator // exact.denominator)))
            assert value.endswith(".00")


def test_demo_fixed_settlements_leave_den_haag_and_lansingerland_out_of_h8(demo):
    """The H8 items (MEE coordination, KSS) are paid by the other eight; the H10 ones by all ten."""
    fixed = plan_summary(demo, 2022)["fixed_settlements"]
    h10 = 15_000 + 40_000 + 48_400
    h8 = 72_600 + 140_795
    h8_inhabitants = sum(v for k, v in INHABITANTS.items() if k not in ("Den Haag", "Lansingerland"))
    parts = fixed["2022"]
    assert sum(Decimal(v) for v in parts.values()) == h10 + h8
    for name, value in parts.items():
        exact = Fraction(h10 * INHABITANTS[name], sum(INHABITANTS.values()))
        if name not in ("Den Haag", "Lansingerland"):
            exact += Fraction(h8 * INHABITANTS[name], h8_inhabitants)
        assert abs(Fraction(Decimal(value)) - exact) < 1, name
    assert fixed["2023"] == {name: "0.00" for name in INHABITANTS}


def test_editing_an_amendment_leaves_the_summary_of_the_adopted_plan(demo):
    """`summary --plan 2022` reports the adopted plan, also after its amendment was changed."""
    with demo.session() as s:
        adopted = s.scalars(select(Plan.id)).one()
    before = summary_text(plan_summary(demo, 2022))
    amendment = create_amendment(demo, adopted)
    with demo.session() as s:
        line_id = s.scalars(select(BudgetLine.id).join(BudgetLine.group).where(
            BudgetGroup.plan_id == amendment, BudgetLine.name == "Secretariële ondersteuning")).one()
    set_cells(demo, [CellChange(line_id, 2022, parse_cell("80.000"))])
    assert summary_text(plan_summary(demo, 2022)) == before


# --- a small draft plan ----------------------------------------------------------------------


@pytest.fixture
def small(tmp_path):
    """Three municipalities (50/30/20 %), 2022-2023: one budget line, equal funding, 2,5 of 5 dagdelen."""
    workspace = create_workspace(tmp_path / "klein.planbord")
    with workspace.transaction() as s:
        region = Region(name="Regio Klein")
        region.municipalities = [Municipality(name=n, position=i)
                                 for i, n in enumerate(["Aadorp", "Beekdorp", "Cedorp"])]
        a, b, c = region.municipalities
        pair = MunicipalitySet(code="AB", name="Aadorp en Beekdorp", members=[a, b])
        region.municipality_sets = [pair]
        key = AllocationKey(name="Sleutel Klein", method=KeyMethod.PERCENTAGE)
        key.shares = [KeyShare(municipality=a, percentage=Decimal("50.00")),
                      KeyShare(municipality=b, percentage=Decimal("30.00")),
                      KeyShare(municipality=c, percentage=Decimal("20.00"))]
        region.allocation_keys = [key]
        s.add(region)
        plan = Plan(region=region, year=2022, title="Uitvoeringsplan 2022 Klein", first_year=2022,
                    last_year=2023, half_days_per_fte=Decimal("10.0"), allocation_key=key)
        s.add(plan)
        s.flush()
        chapter = Chapter(plan_id=plan.id, position=0, number="1", title="Projecten")
        s.add(chapter)
        s.flush()
        staffed = Project(chapter_id=chapter.id, position=0, number="1.1", title="Wachtlijsten")
        idle = Project(chapter_id=chapter.id, position=1, number="1.2", title="Nog niet bemenst")
        s.add_all([staffed, idle])
        s.add(Role(plan_id=plan.id, role="Projectleider", fte=Decimal("1.00"),
                       execution_fte=Decimal("0.50")))
        s.flush()
        s.add(Allocation(plan_id=plan.id, project_id=staffed.id, half_days=Decimal("2.5")))
        group = BudgetGroup(plan_id=plan.id, position=0, number="1", name="Bureau", shows_subtotal=True)
        s.add(group)
        s.flush()
        line = BudgetLine(group_id=group.id, position=0, name="Inzet")
        s.add(line)
        s.flush()
        s.add_all([BudgetCell(line_id=line.id, year=2022, amount=Decimal("10000.00")),
                   BudgetCell(line_id=line.id, year=2023, amount=Decimal("8000.00"))])
        source = FundingSource(plan_id=plan.id, position=0, name="regiobegroting")
        source.amounts = [FundingAmount(year=2022, amount=Decimal("10000.00")),
                          FundingAmount(year=2023, amount=Decimal("8000.00"))]
        settlement = FixedSettlement(plan_id=plan.id, position=0, name="Gedeelde licentie",
                                     municipality_set=pair)
        settlement.amounts = [FixedSettlementAmount(year=2022, amount=Decimal("1000.00"))]
        s.add_all([source, settlement])
        s.flush()
        workspace.ids = {"line": line.id, "plan": plan.id,
                         "shares": [sh.id for sh in key.shares]}
    yield workspace
    workspace.close()


SMALL_TEXT = [
    "Uitvoeringsplan 2022 Klein (Regio Klein), concept",
    "",
    row("", "2022", "2023"),
    row("Begroting", "€ 10.000", "€ 8.000"),
    row("Dekking", "€ 10.000", "€ 8.000"),
    row("Saldo", "€ 0", "€ 0"),
    "",
    "Dagdelen: 2,5 van 5 per week",
]


def small_text(workspace) -> list[str]:
    return summary_text(plan_summary(workspace, 2022)).split("\n")


def set_2022(workspace, typed: str) -> None:
    set_cells(workspace, [CellChange(workspace.ids["line"], 2022, parse_cell(typed))])


def test_balanced_draft_plan_prints_no_points_of_attention(small):
    """A draft whose funding meets its budget: 'concept', each year, no Aandachtspunten section."""
    assert small_text(small) == SMALL_TEXT


def test_one_euro_more_changes_only_the_2022_budget_and_saldo(small):
    """Typing 10.001 into the 2022 cell: Begroting and Saldo 2022 change, and the gap is named."""
    set_2022(small, "10.001")
    assert small_text(small) == [
        *SMALL_TEXT[:3],
        row("Begroting", "€ 10.001", "€ 8.000"),
        SMALL_TEXT[4],
        row("Saldo", "€ -1", "€ 0"),
        *SMALL_TEXT[6:],
        "",
        "Aandachtspunten:",
        "- Saldo 2022 is € -1: dekking € 10.000 tegenover begroting € 10.001.",
    ]


def test_less_budget_shows_a_positive_saldo(small):
    """A budget under its funding gives a positive saldo, also named as a point of attention."""
    set_2022(small, "7.500")
    lines = small_text(small)
    assert lines[3:6] == [row("Begroting", "€ 7.500", "€ 8.000"),
                          row("Dekking", "€ 10.000", "€ 8.000"),
                          row("Saldo", "€ 2.500", "€ 0")]
    assert lines[-2:] == ["Aandachtspunten:",
                          "- Saldo 2022 is € 2.500: dekking € 10.000 tegenover begroting € 7.500."]


def test_cents_show_as_whole_euros_in_the_table_but_exactly_in_the_problem(small):
    """The table rounds to whole euros (half up); the saldo message keeps the cents."""
    set_2022(small, "10.000,50")
    lines = small_text(small)
    assert lines[3] == row("Begroting", "€ 10.001", "€ 8.000")
    assert lines[5] == row("Saldo", "€ -1", "€ 0")
    assert lines[-1] == "- Saldo 2022 is € -0,50: dekking € 10.000 tegenover begroting € 10.000,50."
    summary = plan_summary(small, 2022)
    assert summary["budget"]["total"] == {"2022": "10000.50", "2023": "8000.00"}
    assert summary["balance"] == {"2022": "-0.50", "2023": "0.00"}


def test_small_plan_summary_data(small):
    """The --json figures of the small plan: plan block, totals, saldo and dagdelen as strings."""
    summary = plan_summary(small, 2022)
    assert summary["plan"] == {
        "region": "Regio Klein", "year": 2022, "title": "Uitvoeringsplan 2022 Klein", "kind": "plan",
        "status": "draft", "adopted_on": None, "adopted_by": None}
    assert summary["budget"]["years"] == ["2022", "2023"]
    assert summary["budget"]["groups"] == [
        {"name": "Bureau", "number": "1", "level": 0,
         "totals": {"2022": "10000.00", "2023": "8000.00"},
         "markers_left_out": {"2022": 0, "2023": 0}}]
    assert summary["budget"]["total"] == {"2022": "10000.00", "2023": "8000.00"}
    assert summary["budget"]["markers_left_out"] == {"2022": 0, "2023": 0}
    assert summary["funding"] == {"total": {"2022": "10000.00", "2023": "8000.00"}}
    assert summary["balance"] == {"2022": "0.00", "2023": "0.00"}
    assert summary["staffing"] == {
        "half_days_per_fte": "10.0", "capacity_fte": "0.50", "capacity_half_days": "5.0",
        "allocated_half_days": "2.5", "allocated_fte": "0.25",
        # the project without dagdelen and without a stated number is left out
        "projects": [{"number": "1.1", "title": "Wachtlijsten", "general": False,
                      "half_days": "2.5", "fte": "0.25"}]}
    assert summary["problems"] == []


def test_small_plan_contributions_per_municipality(small):
    """50/30/20 % of the budget per year; the AB item split 50:30 between Aadorp and Beekdorp."""
    summary = plan_summary(small, 2022)
    assert summary["contributions"] == {
        "2022": {"Aadorp": "5000.00", "Beekdorp": "3000.00", "Cedorp": "2000.00"},
        "2023": {"Aadorp": "4000.00", "Beekdorp": "2400.00", "Cedorp": "1600.00"}}
    assert summary["fixed_settlements"] == {
        "2022": {"Aadorp": "625.00", "Beekdorp": "375.00", "Cedorp": "0.00"},
        "2023": {"Aadorp": "0.00", "Beekdorp": "0.00", "Cedorp": "0.00"}}


def test_the_extra_euro_goes_to_the_largest_remainder(small):
    """With 10.001 the exact shares are 5.000,50 / 3.000,30 / 2.000,20: Aadorp pays the extra euro."""
    set_2022(small, "10.001")
    assert plan_summary(small, 2022)["contributions"]["2022"] == {
        "Aadorp": "5001.00", "Beekdorp": "3000.00", "Cedorp": "2000.00"}


def test_a_key_that_misses_100_percent_is_a_problem_and_no_contributions(small):
    """A key of 99 % is reported under Aandachtspunten and no contributions are computed."""
    shares = small.ids["shares"]
    set_shares(small, [ShareChange(shares[2], Decimal("19.00"), None)])
    summary = plan_summary(small, 2022)
    assert summary["contributions"] is None
    assert summary["fixed_settlements"] is None
    message = ("Verdeelsleutel 'Sleutel Klein' telt op tot 99,00 % in plaats van 100,00 %. "
               "Pas de percentages aan; Planbord normaliseert ze niet.")
    assert summary["problems"] == [message]
    assert small_text(small) == [*SMALL_TEXT, "", "Aandachtspunten:", f"- {message}"]


def test_a_year_with_only_a_scenario_reports_that_scenario(small):
    """`summary --plan 2024` with only a 2024 scenario reports that scenario, its year and kind."""
    with small.transaction() as s:
        plan = s.get(Plan, small.ids["plan"])
        plan.kind, plan.year = PlanKind.SCENARIO, 2024
    summary = plan_summary(small, 2024)
    assert (summary["plan"]["year"], summary["plan"]["kind"], summary["plan"]["status"]) == (
        2024, "scenario", "draft")
    assert summary_text(summary).split("\n") == SMALL_TEXT
