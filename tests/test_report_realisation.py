"""The printed side of issue 20: the PDF sections Realisatie en uitputting and Afrekening per
gemeente, read back with pypdf. Bookings on several lines of an amendment of the 2022 plan (one over
budget, a marker line, a credit note, a line shared by H8 only), income on two funding sources; every
figure the services compute (app.services.depletion, app.services.settlement) must be in the PDF as
the other annexes print amounts; a plan without bookings says so in Dutch; the section names are
accepted and refused in Dutch."""
from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from app.formatting import format_date, format_percentage
from app.models import BudgetGroup, BudgetLine, FundingKind, FundingSource, MunicipalitySet, Plan
from app.models.actuals import ActualKind
from app.reports import SECTIONS, ReportError, build_pdf, parse_sections
from app.reports.context import amount_text
from app.services import budget_edit
from app.services.actuals import EntryValues, add_entries
from app.services.depletion import plan_depletion
from app.services.plan_copy import create_amendment
from app.services.plans import find_plan
from app.services.settlement import plan_settlement

D = Decimal
AS_OF = date(2022, 6, 30)
MANAGER = "Programmamanager Jeugd (40% uitvoering)"  # 2022: 127.500; 2023: doorlopend
CAPACITY = "Beleidscapaciteit, project-/opgavemanagement"  # 2022: 211.500; 2023: id.; made H8 here
SECRETARY = "Secretariële ondersteuning"  # 2022: 70.000: over budget here
REPRESENTATION = "Representatie, onvoorzien"  # 2022: 35.000: with a credit note


@pytest.fixture
def amendment(ws) -> int:
    with ws.session() as s:
        adopted = find_plan(s, 2022).id
    return create_amendment(ws, adopted)


def line_ids(ws, pid: int) -> dict[str, int]:
    with ws.session() as s:
        return {name: i for i, name in s.execute(
            select(BudgetLine.id, BudgetLine.name).join(BudgetLine.group).where(BudgetGroup.plan_id == pid))}


def source_ids(ws, pid: int) -> dict[FundingKind, int]:
    with ws.session() as s:
        found = {}
        for i, kind in s.execute(select(FundingSource.id, FundingSource.kind).where(FundingSource.plan_id == pid)
                                 .order_by(FundingSource.position, FundingSource.id)):
            found.setdefault(kind, i)
        return found


@pytest.fixture
def booked(ws, amendment) -> int:
    lines = line_ids(ws, amendment)
    with ws.session() as s:
        h8 = s.scalars(select(MunicipalitySet.id).where(MunicipalitySet.code == "H8")).one()
    budget_edit.set_line_fields(ws, lines[CAPACITY], municipality_set_id=h8)
    sources = source_ids(ws, amendment)

    def on(name, amount, when=date(2022, 5, 2), kind=ActualKind.REALISED, year=2022):
        return EntryValues(year, when, D(amount), line_id=lines[name], kind=kind, reference="F-1")

    add_entries(ws, amendment, [
        on(MANAGER, "100000.01"),
        on(CAPACITY, "50000.00"),
        on(SECRETARY, "65000.00"), on(SECRETARY, "12500.00", kind=ActualKind.COMMITTED),  # over budget
        on(REPRESENTATION, "10000.00"), on(REPRESENTATION, "-1234.56"),  # a credit note
        on(MANAGER, "12345.00", when=date(2023, 2, 1), year=2023),  # on a marker (doorlopend)
        EntryValues(2022, date(2022, 3, 1), D("150000.00"), source_id=sources[FundingKind.OTHER]),
        EntryValues(2022, date(2022, 2, 1), D("500000.00"), source_id=sources[FundingKind.MUNICIPAL]),
    ])
    return amendment


def figures(ws, pid: int):
    with ws.session() as s:
        plan = s.get(Plan, pid)
        return plan_depletion(s, plan, AS_OF), plan_settlement(s, plan)


def pdf_text(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def build(ws, pid: int, sections: str, tmp_path) -> str:
    out = tmp_path / f"{sections.replace(',', '-')}.pdf"
    build_pdf(ws, pid, sections, out, as_of=AS_OF, today=date(2022, 7, 1))
    return pdf_text(out)


def has(text: str, figure: str) -> bool:
    """``figure`` stands in ``text`` as a whole figure (not the tail of a larger one)."""
    return re.search(r"(?<![\d.,])" + re.escape(figure) + r"(?![\d,]|\.\d)", text) is not None


# --- Realisatie en uitputting --------------------------------------------------------------------


def test_every_realised_remaining_and_percentage_is_printed(ws, booked, tmp_path):
    text = build(ws, booked, "realisatie", tmp_path)
    depletion, _ = figures(ws, booked)
    assert f"Realisatie en uitputting, peildatum {format_date(AS_OF)}" in text
    lines = line_ids(ws, booked)
    spent_on = [lines[n] for n in (MANAGER, CAPACITY, SECRETARY, REPRESENTATION)]
    for line_id in spent_on:
        line = depletion.line(line_id)
        figures_2022 = line.years[2022]
        assert has(text, amount_text(figures_2022.realised)), (line.name, figures_2022.realised)
        assert has(text, amount_text(figures_2022.remaining)), (line.name, figures_2022.remaining)
        assert format_percentage(figures_2022.percentage, 1) in text, line.name
        assert has(text, amount_text(figures_2022.forecast)), (line.name, figures_2022.forecast)
    secretary = depletion.line(lines[SECRETARY]).years[2022]
    assert secretary.over and has(text, amount_text(secretary.committed)) and has(text, "-7.500")
    assert has(text, "8.765,44") and has(text, "27.499,99")  # the credit note counted; cents kept
    # The marker line of 2023: its word, what was spent, no percentage.
    marker = depletion.line(lines[MANAGER]).years[2023]
    assert marker.percentage is None and marker.marker is not None
    costs_2023 = text[text.index("Kosten 2023"):]
    assert "doorlopend" in costs_2023 and has(costs_2023, "12.345")
    manager_row = next(row for row in costs_2023.splitlines() if row.startswith(MANAGER))
    assert "%" not in manager_row[len(MANAGER):] and "doorlopend" in manager_row
    # Each top-level group's subtotal and the plan's total.
    for group in depletion.groups:
        if group.parent_id is None:
            assert f"Totaal {group.name}" in text
            assert has(text, amount_text(group.years[2022].realised)), group.name
    total = depletion.total[2022]
    for value in (total.budget, total.realised, total.committed, total.remaining, total.forecast):
        assert has(text, amount_text(value)), value
    assert format_percentage(total.percentage, 1) in text
    # Over budget: named under the table with the services' own message.
    flags = [f for f in depletion.flags if f.year == 2022 and f.kind == "over"]
    assert flags and "Aandachtspunten 2022" in text
    assert flags[0].message.split(":")[0] in text and "meer dan begroot" in text


def test_income_per_source_and_the_saldo(ws, booked, tmp_path):
    text = build(ws, booked, "realisatie", tmp_path)
    depletion, _ = figures(ws, booked)
    income = text[text.index("Inkomsten 2022"):text.index("Saldo 2022")]
    assert "onderbesteding Transformatiefonds 2021" in income
    assert has(income, "200.000") and has(income, "150.000") and has(income, "-50.000")
    assert has(income, "1.037.500") and has(income, "500.000") and has(income, "-537.500")
    assert has(income, amount_text(depletion.income[2022])) and has(income, "1.280.000")  # the totals
    saldo = text[text.index("Saldo 2022"):]
    received_minus_realised = depletion.income[2022] - depletion.total[2022].realised
    assert received_minus_realised == D("650000.00") - D("223765.45")
    assert has(saldo, amount_text(received_minus_realised))
    assert "Saldo (inkomsten min kosten)" in saldo and has(saldo, "0")  # the budget balances in 2022


def test_a_plan_without_bookings_says_so(ws, amendment, tmp_path):
    text = build(ws, amendment, "realisatie,afrekening", tmp_path)
    assert "Er is nog niets geboekt op dit plan" in text
    assert "Dit overzicht wordt gevuld zodra er boekingen zijn." in text
    assert "zonder gerealiseerde kosten is er nog geen afrekening" in text
    assert "Gerealiseerd" not in text and "Voorschot" not in text  # no empty tables


# --- Afrekening per gemeente ---------------------------------------------------------------------


def test_every_advance_share_and_difference_is_printed(ws, booked, tmp_path):
    text = build(ws, booked, "afrekening", tmp_path)
    _, settlements = figures(ws, booked)
    settlement = settlements[2022]
    assert not settlement.problem
    part = text[text.index("Afrekening 2022"):text.index("Afrekening 2023")]
    for value in (settlement.realised, settlement.other_income, settlement.to_split, settlement.budget_to_split):
        assert has(part, amount_text(value)), value
    assert "een negatief verschil" in part and "krijgt de gemeente terug" in part  # the sign explained
    rows = part.splitlines()
    for row in settlement.rows:
        line = next(r for r in rows if r.startswith(row.municipality + " "))
        printed = re.findall(r"-?\d{1,3}(?:\.\d{3})*(?:,\d\d)?", line[len(row.municipality):])
        assert printed == [amount_text(row.advance), amount_text(row.share), amount_text(row.difference)], line
        assert ("terug te ontvangen" in line) == (row.difference < 0)
    total = next(r for r in rows if r.startswith("Totaal "))
    assert re.findall(r"-?\d{1,3}(?:\.\d{3})*(?:,\d\d)?", total) == [
        amount_text(settlement.advance_total), amount_text(settlement.share_total),
        amount_text(settlement.difference_total)]
    assert settlement.difference_total == settlement.share_total - settlement.advance_total
    # Den Haag shares nothing of the H8 line: its share is its key share of the rest only.
    den_haag = next(r for r in settlement.rows if r.municipality == "Den Haag")
    assert den_haag.difference < 0


def test_a_settlement_that_cannot_be_made_prints_the_reason(ws, booked, tmp_path, monkeypatch):
    from app.reports.sections import settlement as section
    from app.services.settlement import Settlement

    def refused(session, plan):
        return {2022: Settlement(2022, problem="De verdeelsleutel telt niet op tot 100 %."),
                2023: Settlement(2023, problem="De verdeelsleutel telt niet op tot 100 %.")}

    monkeypatch.setattr(section, "plan_settlement", refused)
    text = build(ws, booked, "afrekening", tmp_path)
    assert text.count("De verdeelsleutel telt niet op tot 100 %.") == 2
    assert "Voorschot" not in text


# --- choosing the sections -------------------------------------------------------------------------


def test_the_sections_are_registered_in_printing_order():
    assert list(SECTIONS).index("realisatie") == list(SECTIONS).index("bijdragen") + 1
    assert list(SECTIONS).index("afrekening") == list(SECTIONS).index("realisatie") + 1
    assert parse_sections(" Afrekening, REALISATIE ,begroting") == ["begroting", "realisatie", "afrekening"]


def test_an_unknown_section_is_refused_in_dutch_naming_the_new_ones():
    with pytest.raises(ReportError) as caught:
        parse_sections("realisaties")
    assert caught.value.message == (
        "Onbekend onderdeel: realisaties. Kies uit: wijzigingen, begroting, bijdragen, realisatie, afrekening, "
        "formatie, projecten, voortgang, monitor, grafieken.")


def test_both_sections_in_one_annex_with_contents(ws, booked, tmp_path):
    out = tmp_path / "bijlagen.pdf"
    result = build_pdf(ws, booked, "begroting,realisatie,afrekening", out, as_of=AS_OF)
    assert result.sections == ["begroting", "realisatie", "afrekening"]
    first = PdfReader(out).pages[0].extract_text()
    assert "Realisatie en uitputting, peildatum 30-06-2022" in first and "Afrekening per gemeente" in first
    # Realisatie is printed on landscape pages, the afrekening on portrait ones.
    pages = PdfReader(out).pages
    sizes = {("Kosten 2022" in p.extract_text(), "Afrekening 2022" in p.extract_text()):
             float(p.mediabox.width) > float(p.mediabox.height) for p in pages}
    assert sizes.get((True, False)) is True and sizes.get((False, True)) is False


def test_only_a_comparison_year_chosen_is_said(ws, booked, tmp_path):
    out = tmp_path / "vergelijking.pdf"
    build_pdf(ws, booked, "realisatie,afrekening", out, years=[2021], as_of=AS_OF)
    text = pdf_text(out)
    assert text.count("Van de gekozen jaren begroot dit plan er geen zelf") == 2
    assert "kies ook 2022, 2023." in text and "Kosten 2021" not in text and "Afrekening 2021" not in text
