"""Layout of the annexes over many pages, user text, fonts, progress, cancelling and wrong choices."""
from __future__ import annotations

import re
from decimal import Decimal

import pytest
from pypdf import PdfReader

from app.formatting import format_amount
from app.models import BudgetCell, BudgetGroup, BudgetLine, FundingSource, Plan, Project
from app.reports import BuildCancelled, ReportError, build_pdf
from app.reports.fonts import has_glyph
from app.services.budget import budget_figures
from app.services.plans import find_plan
from app.services.workspace import open_workspace


def plan_id(workspace, year: int = 2022) -> int:
    with workspace.session() as session:
        return find_plan(session, year).id


def page_lines(path) -> list[list[str]]:
    return [[" ".join(line.split()) for line in page.extract_text().splitlines()]
            for page in PdfReader(path).pages]


# --- the large plan: 2,000 lines over about 50 pages -------------------------------------------

@pytest.fixture(scope="module")
def large_annex(tmp_path_factory):
    from benchmarks.generate import LAST_PLAN_YEAR, build_large_workspace

    folder = tmp_path_factory.mktemp("large")
    build_large_workspace(folder / "large.planbord")
    workspace = open_workspace(folder / "large.planbord", read_only=True)
    pid = plan_id(workspace, LAST_PLAN_YEAR)
    out = folder / "begroting.pdf"
    result = build_pdf(workspace, pid, "begroting", out)
    with workspace.session() as session:
        figures = budget_figures(session, session.get(Plan, pid))
    workspace.close()
    return out, result, figures


def test_large_budget_every_page_has_its_headers_and_number(large_annex):
    out, result, _figures = large_annex
    pages = page_lines(out)
    assert 40 <= len(pages) == result.pages <= 60
    for number, lines in enumerate(pages, start=1):
        assert lines[0] == "Regio Groot"
        assert re.search(rf"Pagina {number}\s*$", " ".join(lines)) or f"Pagina {number}" in lines
        assert f"van {len(pages)}" in lines
        if number <= len(pages) - 1:  # every page of the budget table repeats the column headings
            assert "Omschrijving 2025 2026 2027" in lines


def test_large_budget_prints_every_line_once(large_annex):
    out, _result, _figures = large_annex
    lines = [line for page in page_lines(out) for line in page]
    posts = [line for line in lines if line.startswith("Begrotingspost ")]
    assert len(posts) == 2000
    assert len({line.split()[1] for line in posts}) == 2000


def test_large_budget_no_subtotal_without_its_group_heading_on_the_page(large_annex):
    out, _result, figures = large_annex
    continued = 0
    for lines in page_lines(out):
        body = lines[lines.index("Omschrijving 2025 2026 2027") + 1:] if "Omschrijving 2025 2026 2027" in lines else []
        if not body:
            continue
        assert not body[0].startswith("Subtotaal")
        for index, line in enumerate(body):
            if line.startswith("Subtotaal "):
                name = line[len("Subtotaal "):].split(" † ")[0]
                name = re.sub(r"( -?[\d.]+(,\d\d)?)+$", "", name)
                assert any(name in earlier for earlier in body[:index]), (name, body[:index])
        continued += sum(1 for line in body if line.endswith("(vervolg)"))
    assert continued > 20  # groups run over pages and get their heading again there
    total = "Totaal begroting 2026 " + " ".join(
        (f"† {format_amount(figures.total[y])}" if figures.markers_left_out[y]
         else format_amount(figures.total[y])) for y in figures.years)
    assert total in [line for page in page_lines(out) for line in page]


# --- notes over several pages ---------------------------------------------------------------------

def test_each_note_is_on_the_page_of_the_line_that_refers_to_it(demo_workspace, tmp_path):
    with open_workspace(demo_workspace) as workspace:
        with workspace.transaction() as session:
            group = session.query(BudgetGroup).filter_by(name="Samen leren").one()
            for n in range(1, 121):
                line = BudgetLine(group_id=group.id, position=100 + n, name=f"Extra post {n}",
                                  note=f"Toelichting bij post {n}." if n % 3 == 0 else "")
                line.cells = [BudgetCell(year=2022, amount=Decimal(1000 * n),
                                         note=f"Celtoelichting {n}." if n % 7 == 0 else "")]
                session.add(line)
        out = tmp_path / "notes.pdf"
        build_pdf(workspace, plan_id(workspace), "begroting", out)
    pages = page_lines(out)
    assert len(pages) >= 4
    checked = 0
    for n in range(1, 121):
        if n % 3 and n % 7:
            continue
        refer = [i for i, lines in enumerate(pages)
                 if any(re.match(rf"Extra post {n}( \d+)? [\d.]+", line) for line in lines)]
        texts = ([f"Toelichting bij post {n}."] if n % 3 == 0 else []) + (
            [f"Celtoelichting {n}."] if n % 7 == 0 else [])
        for text in texts:
            where = [i for i, lines in enumerate(pages) if text in lines]
            assert where == refer, (n, text, where, refer)
            checked += 1
    assert checked == 40 + 17
    # Notes are numbered in the order of the document.
    numbers = [int(line.split()[2]) for lines in pages for line in lines
               if re.match(r"Extra post \d+ \d+ [\d.]+", line)]
    assert numbers == sorted(numbers) and len(numbers) == len(set(numbers))


# --- user text ------------------------------------------------------------------------------------

TRICKY_NAME = "Zorg & welzijn <b>niet vet</b> > 5 < 6 😀"
TRICKY_NOTE = "Let op: <i>geen tag</i> & <img src='http://192.0.2.1/x.png'/> blijft tekst"


def test_user_text_prints_as_typed(demo_workspace, tmp_path):
    with open_workspace(demo_workspace) as workspace:
        with workspace.transaction() as session:
            line = session.query(BudgetLine).filter_by(name="onderzoeksbudget").one()
            line.name = TRICKY_NAME
            line.note = TRICKY_NOTE
            session.query(FundingSource).filter_by(name="reguliere regiobegroting").one().name = \
                "Rijk & regio <br/> samen"
            project = session.query(Project).filter_by(number="3.2.3").one()
            project.description = "Beschrijving met <a href='http://example.org'>link</a> & <para>"
            project.title = "Samen leren & <ontwikkelen>"
        out = tmp_path / "tricky.pdf"
        build_pdf(workspace, plan_id(workspace), "begroting,projecten", out)
    text = "\n".join(" ".join(line.split()) for page in PdfReader(out).pages
                     for line in page.extract_text().splitlines())
    assert "Zorg & welzijn <b>niet vet</b> > 5 < 6 😀" in text
    assert TRICKY_NOTE in text
    assert "Rijk & regio <br/> samen 1.037.500" in text
    assert "Beschrijving met <a href='http://example.org'>link</a> & <para>" in text
    assert "3.2.3 Samen leren & <ontwikkelen>" in text


def test_every_character_of_the_2022_annex_has_a_glyph_in_the_embedded_font(demo_workspace,
                                                                              tmp_path):
    out = tmp_path / "all.pdf"
    with open_workspace(demo_workspace, read_only=True) as workspace:
        build_pdf(workspace, plan_id(workspace), "begroting,bijdragen,formatie,projecten,voortgang",
                  out)
    reader = PdfReader(out)
    text = "".join(page.extract_text() for page in reader.pages)
    assert "€ 50.000" in text and "cliëntervaringsonderzoek" in text and "Coördinatie" in text
    missing = {c for c in text if not c.isspace() and not has_glyph(c)}
    assert not missing  # no empty boxes: Vera (shipped with ReportLab) has them all
    for page in reader.pages:  # every font is embedded (a subset of a TrueType font)
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            assert font["/Subtype"] == "/TrueType"
            assert "/FontFile2" in font["/FontDescriptor"].get_object()


# --- progress, cancelling, choices ---------------------------------------------------------------

@pytest.fixture
def demo(demo_workspace):
    workspace = open_workspace(demo_workspace, read_only=True)
    yield workspace
    workspace.close()


def test_progress_is_reported_up_to_done(demo, tmp_path):
    seen = []
    build_pdf(demo, plan_id(demo), "begroting,projecten", tmp_path / "p.pdf",
              progress=lambda fraction, message: seen.append((fraction, message)))
    fractions = [f for f, _ in seen]
    assert len(seen) > 10
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert seen[-1][1] == "Klaar" and any(m == "Pagina's opmaken" for _, m in seen)


def test_cancelling_leaves_the_earlier_file_untouched_and_no_half_file(demo, tmp_path):
    folder = tmp_path / "uit"
    folder.mkdir()
    out = folder / "bijlage.pdf"
    out.write_bytes(b"earlier export")
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 5

    with pytest.raises(BuildCancelled):
        build_pdf(demo, plan_id(demo), "begroting,projecten,voortgang", out, cancelled=cancelled)
    assert out.read_bytes() == b"earlier export"
    assert sorted(p.name for p in folder.iterdir()) == ["bijlage.pdf"]


@pytest.mark.parametrize("sections, kwargs, message", [
    ("begroting,overzicht", {}, "Onbekend onderdeel: overzicht. Kies uit: wijzigingen, begroting, bijdragen, "
                                "realisatie, afrekening, formatie, projecten, voortgang, monitor, grafieken."),
    ("", {}, "Kies ten minste één onderdeel"),
    ("begroting", {"years": [2022, 2030]}, "2030 is geen jaar van deze begroting; kies uit 2021, "
                                            "2022, 2023."),
    ("begroting", {"years": []}, "Kies ten minste één jaar."),
    ("projecten", {"chapters": [99999]}, "Een gekozen hoofdstuk hoort niet (meer) bij dit plan"),
])
def test_wrong_choices_are_refused_in_dutch(demo, tmp_path, sections, kwargs, message):
    with pytest.raises(ReportError) as caught:
        build_pdf(demo, plan_id(demo), sections, tmp_path / "x.pdf", **kwargs)
    assert caught.value.message.startswith(message)
    assert not (tmp_path / "x.pdf").exists()


def test_a_missing_output_folder_is_refused_in_dutch(demo, tmp_path):
    with pytest.raises(ReportError) as caught:
        build_pdf(demo, plan_id(demo), "begroting", tmp_path / "nergens" / "x.pdf")
    assert caught.value.message == (f"De map “{tmp_path / 'nergens'}” bestaat niet; kies een andere "
                                    "plek voor de PDF.")


def test_a_plan_that_is_gone_is_refused_in_dutch(demo, tmp_path):
    with pytest.raises(ReportError) as caught:
        build_pdf(demo, 987654, "begroting", tmp_path / "x.pdf")
    assert caught.value.message == "Dit plan bestaat niet meer; kies een ander plan."
