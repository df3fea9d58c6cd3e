"""The budget annex (Begroting) of the 2022 plan, read back from the PDF as text.

What a reader of the printed annex checks: every line with its amounts in Dutch
notation, the subtotals and the total as the budget services compute them,
the dekking and saldo, the notes at the foot of the page, the running header
and "Pagina x van y" on every page.
"""
from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from app.formatting import format_amount
from app.reports import build_pdf
from app.services.budget import budget_figures
from app.services.budget_sheet import RowKind, load_sheet
from app.services.plans import find_plan
from app.services.workspace import open_workspace

TITLE = "Uitvoeringsplan 2022 Regiovisie Jeugdzorg Haaglanden"


@pytest.fixture
def demo(demo_workspace):
    workspace = open_workspace(demo_workspace, read_only=True)
    yield workspace
    workspace.close()


def plan_id(workspace, year: int = 2022) -> int:
    with workspace.session() as session:
        return find_plan(session, year).id


def page_texts(path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def text_lines(path) -> list[str]:
    return [" ".join(line.split()) for text in page_texts(path) for line in text.splitlines()]


def total(amount, markers: int, filled: bool = True) -> str:
    """A printed total: empty in a year in which none of its lines holds an amount."""
    if not filled:
        return ""
    text = format_amount(amount)
    return f"† {text}" if markers else text


@pytest.fixture
def annex(demo, tmp_path):
    out = tmp_path / "begroting.pdf"
    result = build_pdf(demo, plan_id(demo), "begroting", out)
    assert result.path == out and out.is_file()
    return out


def test_every_budget_line_is_printed_with_its_amounts_in_dutch_notation(demo, annex):
    lines = text_lines(annex)
    sheet = load_sheet(demo, plan_id(demo))
    note = 22  # the plan's own footnote number; notes without one follow it
    position = 0
    printed = 0
    for row in sheet.rows:
        if row.kind is not RowKind.LINE:
            continue
        expected = [row.label]
        if row.note:
            if row.note_number is None:
                note += 1
            expected.append(str(row.note_number or note))
        for year in sheet.years:
            value = row.cells[year]
            if value.marker is not None or value.amount is not None:
                expected.append(value.text())
            if row.cell_notes.get(year):
                if year not in row.cell_note_numbers:
                    note += 1
                expected.append(str(row.cell_note_numbers.get(year, note)))
        wanted = " ".join(expected)
        # In budget order: each line after the one before (two lines share a name).
        found = next(i for i in range(position, len(lines)) if lines[i] == wanted)
        position = found + 1
        printed += 1
    assert printed == 21  # every line of chapter 6
    # Footnote 22 keeps the plan's number; "id" as the plan prints it, without the dot.
    assert "Programmamanager Jeugd (40% uitvoering) 77.500 22 127.500 doorlopend" in lines
    assert "Beleidscapaciteit, project-/opgavemanagement 315.000 211.500 id" in lines


def test_subtotals_and_total_are_the_services_figures(demo, annex):
    lines = text_lines(annex)
    with demo.session() as session:
        plan = find_plan(session, 2022)
        figures = budget_figures(session, plan)
    sheet = load_sheet(demo, plan.id)
    filled = sheet.amount_years()
    subtotals = 0
    for row in sheet.rows:
        if row.kind is RowKind.SUBTOTAL and row.shows_subtotal:
            group = figures.group(row.id)
            wanted = " ".join([row.label] + [
                text for y in figures.years
                if (text := total(group.totals[y], group.markers_left_out[y], y in filled[row.id]))])
            assert wanted in lines
            subtotals += 1
    assert subtotals == 5
    wanted_total = " ".join(["Totaal Uitvoeringsprogramma 2022"] + [
        text for y in figures.years
        if (text := total(figures.total[y], figures.markers_left_out[y], y in filled[None]))])
    # 2023 holds markers only (doorlopend, id): no total of 0 there, as in the plan.
    assert wanted_total == "Totaal Uitvoeringsprogramma 2022 1.062.500 1.280.000"
    assert wanted_total in lines
    # The published annex: Regionale netwerksamenwerking 544.000, Samen leren 230.000.
    assert "Subtotaal Regionale netwerksamenwerking 555.500 544.000" in lines
    assert "Subtotaal Samen leren 230.000" in lines
    # No printed total left a marker out: no † and no note about it.
    assert not any(line.startswith("† Regels met PM, id. of doorlopend") for line in lines)


def test_funding_and_balance(annex):
    lines = text_lines(annex)
    assert "reguliere regiobegroting 1.037.500" in lines
    assert "onderbesteding Transformatiefonds 2021 200.000" in lines
    assert "Incidenteel aan te vullen uit overige onderbesteding 2021 42.500" in lines
    # 2021 is a comparison column (last year's budget): not funded, so no saldo; 2023 has no
    # amounts at all. Empty stays empty.
    assert "Totaal dekking 1.280.000" in lines
    assert "Totaal Uitvoeringsprogramma 2022 1.062.500 1.280.000" in lines
    assert "Saldo (dekking min begroting) 0" in lines
    assert "Kenniscentrum Kind en scheiding H8 24 H8 140.795 140.795" in lines


def test_header_footer_and_page_numbers_on_every_page(annex):
    texts = page_texts(annex)
    assert len(texts) == 2
    for number, text in enumerate(texts, start=1):
        assert text.startswith("Regio Haaglanden\n" + TITLE)
        assert re.search(rf"Pagina\s+{number}\s+van\s+{len(texts)}\b", text), text[-200:]
        assert "Vastgesteld: BOJ 11-11-2021" in text
    # The comparison column's heading is two lines: "Begroting" over "2021".
    assert "Omschrijving Begroting\n2021\n2022 2023" in texts[0]


def test_a_note_is_printed_at_the_foot_of_the_page_that_refers_to_it(annex):
    texts = page_texts(annex)
    first, second = texts
    assert "77.500 22" in first  # the number the plan gave the note
    assert "In 2020 en 2021 met jaarlijks met € 50.000 aangevuld vanuit Transformatiefonds" in first
    # The fixed settlements on page 2 carry notes 23 and 24 (after the plan's 22), printed there.
    assert "Delft/Zoetermeer) 23" in second and "Den Haag heeft andere infrastructuur" in second
    assert "Den Haag betaalt zelf een gelijk deel" in second
    assert "Den Haag heeft andere infrastructuur" not in first


def test_pdf_metadata(annex):
    info = PdfReader(annex).metadata
    assert info.title == f"{TITLE} – Begroting"
    assert info.author == "Regio Haaglanden"
    assert info.subject == "Bijlagen bij het uitvoeringsplan: begroting"
    assert info.creator == "Planbord"


def test_chosen_years_and_the_project_column(demo, tmp_path):
    out = tmp_path / "2022.pdf"
    build_pdf(demo, plan_id(demo), ["begroting"], out, years=[2022], project_column=True)
    lines = text_lines(out)
    assert "Omschrijving Project 2022" in lines
    assert "projectleiding 3.1.1 100.000" in lines
    assert "Programmamanager Jeugd (40% uitvoering) 127.500" in lines  # no 2021 column, no note
    assert "Totaal Uitvoeringsprogramma 2022 1.280.000" in lines
    assert not any("In 2020 en 2021 jaarlijks" in line for line in lines)


def test_a_concept_plan_says_so_in_the_footer(demo_workspace, tmp_path):
    from datetime import date

    from app.models import Plan, PlanStatus

    with open_workspace(demo_workspace) as workspace:
        with workspace.transaction() as session:
            session.get(Plan, plan_id(workspace)).status = PlanStatus.DRAFT
        out = tmp_path / "concept.pdf"
        build_pdf(workspace, plan_id(workspace), "begroting", out, today=date(2022, 3, 15))
    for text in page_texts(out):
        assert "Concept, afgedrukt op 15-03-2022" in text
        assert "Vastgesteld" not in text


def test_more_than_four_years_are_printed_on_landscape_pages(demo_workspace, tmp_path):
    from app.models import Plan

    with open_workspace(demo_workspace) as workspace:
        with workspace.transaction() as session:
            plan = session.get(Plan, plan_id(workspace))
            plan.first_year, plan.last_year = 2019, 2024
        out = tmp_path / "wide.pdf"
        build_pdf(workspace, plan_id(workspace), "begroting", out)
        narrow = tmp_path / "narrow.pdf"
        build_pdf(workspace, plan_id(workspace), "begroting", narrow, years=[2021, 2022, 2023, 2024])
    for page in PdfReader(out).pages:
        assert page.mediabox.width > page.mediabox.height
    lines = text_lines(out)
    # The first column is the comparison column: "Begroting" over its year.
    heading = lines.index("Omschrijving Begroting")
    assert lines[heading + 1:heading + 3] == ["2019", "2020 2021 2022 2023 2024"]
    for page in PdfReader(narrow).pages:
        assert page.mediabox.width < page.mediabox.height
