"""The PDF section Monitor (issue 21, point 3), read back with pypdf: per indicator its table as the
Monitor page shows it, every value in its unit (clients, a percentage, euros, days), the target,
the source and the definition; an additive indicator prints its Totaal (the service's sum), a
non-additive one never a sum (only a whole that was entered, as "Geheel (ingevoerd)"); a region
without indicators says so in Dutch.

The section is called through a ReportContext made here and laid out by the annex document, as
build_pdf does (the section is not registered in build_pdf yet)."""
from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from app.models import Plan, Region
from app.models.indicators import Breakdown, IndicatorUnit
from app.reports.context import ReportContext
from app.reports.document import AnnexDocument, PageDecor
from app.reports.fonts import register_fonts
from app.reports.sections import monitor
from app.services.indicators import add_indicator, indicator_table, set_target, set_value
from app.services.report_data import load_report_plan

D = Decimal
CLIENTS = "Unieke cliënten jeugdhulp met verblijf"
QUICK = "Jeugdigen binnen 6 weken geholpen"
SPENDING = "Uitgaven jeugdhulp per gemeente"
WAIT = "Gemiddelde wachttijd"


@pytest.fixture
def plan_id(ws) -> int:
    with ws.session() as s:
        return s.scalars(select(Plan.id).order_by(Plan.id)).first()


@pytest.fixture
def region(ws) -> int:
    with ws.session() as s:
        return s.scalars(select(Region.id)).one()


@pytest.fixture
def indicators(ws, region) -> dict[str, int]:
    clients = add_indicator(ws, region, CLIENTS, IndicatorUnit.CLIENTS, breakdown=Breakdown.ORGANISATION,
                            source="CBS Beleidsinformatie Jeugd",
                            definition="Jeugdigen met jeugdhulp met verblijf; wie bij twee aanbieders is, telt bij beide.")
    for organisation, values in (("Horizon", (1120, 1131)), ("Cardea", (880, 877)), ("Jeugdformaat", (445, 450))):
        for year, value in zip((2021, 2022), values):
            set_value(ws, clients, year, value, organisation)
    set_value(ws, clients, 2021, 2301, note="Geteld door het CBS, uniek over de aanbieders")  # entered: not 2445
    quick = add_indicator(ws, region, QUICK, IndicatorUnit.PERCENTAGE, source="Wachttijdenmonitor",
                          definition="Deel van de aanmeldingen met hulp binnen zes weken.")
    for year, value in ((2021, D("64")), (2022, D("71.25"))):
        set_value(ws, quick, year, value)
    for year, value in ((2022, D("75")), (2023, D("80.5"))):
        set_target(ws, quick, year, value)
    spending = add_indicator(ws, region, SPENDING, IndicatorUnit.EURO, additive=True,
                             breakdown=Breakdown.MUNICIPALITY, source="Jaarrekeningen")
    set_value(ws, spending, 2022, D("1000000.50"), "Zoetermeer")
    set_value(ws, spending, 2022, D("250000.25"), "Delft")
    wait = add_indicator(ws, region, WAIT, IndicatorUnit.DAYS)
    set_value(ws, wait, 2022, 14)
    return {CLIENTS: clients, QUICK: quick, SPENDING: spending, WAIT: wait}


def render(ws, plan_id, tmp_path) -> str:
    register_fonts()
    plan = load_report_plan(ws, plan_id)
    ctx = ReportContext(ws, plan, list(plan.years), None, date(2022, 7, 1))
    story = monitor.story(ctx, first=True)
    out = tmp_path / "monitor.pdf"
    AnnexDocument(str(out), PageDecor(plan.region, plan.title, ctx.status_line),
                  first=monitor.orientation(ctx)).build_story(story, with_contents=False)
    return "\n".join(page.extract_text() for page in PdfReader(out).pages)


def has(text: str, figure: str) -> bool:
    """``figure`` stands in ``text`` as a whole figure (not part of a larger one)."""
    return re.search(r"(?<![\d.,])" + re.escape(figure) + r"(?![\d,]|\.\d)", text) is not None


def section_of(text: str, name: str, following: str | None) -> str:
    start = text.index(name)
    return text[start:text.index(following, start)] if following else text[start:]


def test_every_value_is_printed_in_its_unit(ws, plan_id, indicators, tmp_path):
    text = render(ws, plan_id, tmp_path)
    assert "Monitor" in text
    with ws.session() as s:
        tables = {name: indicator_table(s, i) for name, i in indicators.items()}
    for name, table in tables.items():
        assert name in text
        for _member, values in table.members:
            for value in values.values():
                assert has(text, table.text(value)), (name, table.text(value))
        for value in table.targets.values():
            assert has(text, table.text(value)), (name, value)
    assert has(text, "71,25 %") and has(text, "64,0 %") and has(text, "80,5 %")  # percentages as percentages
    assert has(text, "€ 1.000.000,50") and has(text, "€ 250.000,25")
    assert "14 dagen" in text
    assert has(text, "1.131") and has(text, "2.301")


def test_an_additive_indicator_prints_its_total_a_non_additive_one_never_a_sum(ws, plan_id, indicators, tmp_path):
    text = render(ws, plan_id, tmp_path)
    clients = section_of(text, CLIENTS, QUICK)
    assert "Totaal" not in clients
    assert not has(clients, "2.445") and not has(clients, "2.458")  # the members' sums of 2021 and 2022
    assert "Geheel (ingevoerd)" in clients and has(clients, "2.301")  # the whole as entered
    assert "telt niet op (geen som)" in clients
    spending = section_of(text, SPENDING, WAIT)
    assert "Totaal" in spending and has(spending, "€ 1.250.000,75")
    # Every municipality of the region is a row, in the region's order (as on the page).
    assert spending.index("Delft") < spending.index("Den Haag") < spending.index("Zoetermeer")


def test_unit_source_definition_target_and_notes_are_printed(ws, plan_id, indicators, tmp_path):
    text = render(ws, plan_id, tmp_path)
    quick = section_of(text, QUICK, SPENDING)
    assert "Eenheid: percentage" in quick and "Doel" in quick
    assert "Bron: Wachttijdenmonitor" in quick
    assert "Definitie: Deel van de aanmeldingen met hulp binnen zes weken." in quick
    clients = section_of(text, CLIENTS, QUICK)
    assert "Eenheid: cliënten" in clients and "per organisatie" in clients
    assert "2021, geheel (ingevoerd): Geteld door het CBS, uniek over de aanbieders" in clients
    assert "Bron: CBS Beleidsinformatie Jeugd" in clients


def test_a_region_without_indicators_says_so(ws, plan_id, tmp_path):
    text = render(ws, plan_id, tmp_path)
    assert "Voor deze regio zijn nog geen indicatoren vastgelegd." in text
