"""The Wijzigingsoverzicht of an amendment, and the marks in its budget annex, read back from the PDF.

The amendment of the demo plan (Uitvoeringsplan 2022 Haaglanden, adopted BOJ 11-11-2021):
Secretariële ondersteuning 2022 raised by 10.000 (70.000 -> 80.000), "Extra ondersteuning
wachtlijsten" added to group 1 with 40.000 in 2022, the regioconferentie (100.000 in 2022)
removed, "ontwikkelen digitale instrumenten" (50.000) moved from Aanpak Wachtlijsten to Beter
Samenspel, and the 2023 "id" of the regionaal referentiekader replaced by 25.000. So the 2022
total goes from 1.280.000 to 1.230.000 (-50.000) and the 2023 total, markers only before,
from 0 to 25.000.
"""
from __future__ import annotations

import ctypes
from decimal import Decimal

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
import pytest
from pypdf import PdfReader

from app.cli import main
from app.formatting import format_amount
from app.models import Plan, PlanKind
from app.reports import ReportError, build_pdf
from app.reports import styles
from app.reports.sections.budget import MARKED
from app.services.budget_edit import CellChange, add_line, delete_line, move, set_cells
from app.services.cell_input import CellValue
from app.services.comparison import load_plan_lines
from app.services.editing import Place
from app.services.key_sheet import load_key_sheet
from app.services.plan_copy import create_amendment
from app.services.plan_edit import set_year_columns
from app.services.plans import find_plan
from app.services.workspace import open_workspace

D = Decimal
BASE = "“Uitvoeringsplan 2022 Regiovisie Jeugdzorg Haaglanden” (vastgesteld BOJ 11-11-2021)"
NO_BASE = ("Het Wijzigingsoverzicht hoort bij een wijziging of scenario; dit plan is niet van een ander "
           "plan afgeleid. Kies een wijziging of scenario, of laat dit onderdeel weg.")
RAISED = "Secretariële ondersteuning"
ADDED = "Extra ondersteuning wachtlijsten"
REMOVED = "Jaarlijkse regioconferentie, bijeenkomst Tellen en Vertellen"
MOVED = "ontwikkelen digitale instrumenten"
MARKER = "regionaal referentiekader o.b.v. landelijk (Juridisch)"


# --- set-up ---------------------------------------------------------------------------------------

@pytest.fixture
def demo(demo_workspace):
    workspace = open_workspace(demo_workspace)
    yield workspace
    workspace.close()


def adopted_id(workspace) -> int:
    with workspace.session() as session:
        return find_plan(session, 2022).id


def plan_lines(workspace, plan_id: int):
    with workspace.session() as session:
        return load_plan_lines(session, session.get(Plan, plan_id))


def line_id(lines, name: str) -> int:
    return next(line.id for line in lines.lines.values() if line.name == name)


def group_id(lines, label: str) -> int:
    return next(group.id for group in lines.groups.values() if group.label.endswith(label))


def make_amendment(workspace, kind: PlanKind = PlanKind.AMENDMENT) -> int:
    """The amendment of the module docstring; returns its plan id."""
    plan_id = create_amendment(workspace, adopted_id(workspace), kind=kind)
    lines = plan_lines(workspace, plan_id)
    set_cells(workspace, [CellChange(line_id(lines, RAISED), 2022, CellValue(D("80000"))),
                          CellChange(line_id(lines, MARKER), 2023, CellValue(D("25000")))])
    added = add_line(workspace, group_id(lines, "Regionale netwerksamenwerking"), None, ADDED)
    set_cells(workspace, [CellChange(added, 2022, CellValue(D("40000")))])
    delete_line(workspace, line_id(lines, REMOVED))
    move(workspace, "line", line_id(lines, MOVED), Place(group_id(lines, "Beter Samenspel"), 0))
    return plan_id


@pytest.fixture
def amendment(demo) -> int:
    return make_amendment(demo)


def text_lines(path) -> list[str]:
    return [" ".join(line.split()) for page in PdfReader(path).pages
            for line in page.extract_text().splitlines()]


def whole_text(path) -> str:
    return " ".join(text_lines(path))


def page_sizes(path) -> set[str]:
    """"landscape" and/or "portrait", of the pages."""
    return {"landscape" if page.mediabox.width > page.mediabox.height else "portrait"
            for page in PdfReader(path).pages}


def chars(path):
    """(page number, character, left, right, bold) of every printed character."""
    document = pdfium.PdfDocument(str(path))
    found = []
    try:
        for number, page in enumerate(document):
            textpage = page.get_textpage()
            for i in range(textpage.count_chars()):
                char = textpage.get_text_range(i, 1)
                if char.strip() == "":
                    continue
                left, _bottom, right, _top = textpage.get_charbox(i)
                name = ctypes.create_string_buffer(128)
                pdfium_raw.FPDFText_GetFontInfo(textpage.raw, i, name, 128, ctypes.c_int())
                found.append((number, char, left, right, "Bold" in name.value.decode("latin-1")))
    finally:
        document.close()
    return found


def bold_words(path) -> set[str]:
    """The words printed wholly in a bold font (runs of bold characters)."""
    words, current, last = set(), "", None
    for number, char, left, _right, bold in chars(path):
        if bold and last is not None and last[0] == number and abs(left - last[1]) < 2.5:
            current += char
        else:
            if current:
                words.add(current)
            current = char if bold else ""
        last = (number, _right) if bold else None
    if current:
        words.add(current)
    return words


def filled_colours(path) -> set[tuple[int, int, int]]:
    """The fill colours of the rectangles drawn on the pages (row backgrounds)."""
    document = pdfium.PdfDocument(str(path))
    colours = set()
    try:
        for page in document:
            for obj in page.get_objects():
                if obj.type != pdfium_raw.FPDF_PAGEOBJ_PATH:
                    continue
                r, g, b, a = (ctypes.c_uint() for _ in range(4))
                pdfium_raw.FPDFPageObj_GetFillColor(obj.raw, r, g, b, a)
                colours.add((r.value, g.value, b.value))
    finally:
        document.close()
    return colours


MARKED_RGB = tuple(round(c * 255) for c in (MARKED.red, MARKED.green, MARKED.blue))


# --- the Wijzigingsoverzicht ------------------------------------------------------------------------

@pytest.fixture
def overview(demo, amendment, tmp_path):
    out = tmp_path / "wijzigingen.pdf"
    result = build_pdf(demo, amendment, "wijzigingen", out)
    assert result.sections == ["wijzigingen"]
    return out


def test_the_overview_says_what_it_compares_with(overview):
    text = whole_text(overview)
    assert ("Wat “Uitvoeringsplan 2022 Regiovisie Jeugdzorg Haaglanden (wijziging 1)” verandert ten "
            f"opzichte van {BASE}, het plan waarvan het is afgeleid.") in text
    assert "5 posten: 1 toegevoegd, 1 verwijderd, 1 verplaatst, 2 gewijzigd." in text
    assert "Geen wijzigingen in de formatie en in de projecten en acties." in text


def test_every_changed_line_with_was_wordt_and_verschil_per_year(overview):
    """Columns: post, wat, then 2022 was / wordt / verschil and 2023 was / wordt / verschil (the
    2021 comparison column did not change, so it is left out)."""
    lines = text_lines(overview)
    assert f"{RAISED} gewijzigd 70.000 80.000 +10.000 id id" in lines
    assert f"{ADDED} toegevoegd 40.000 +40.000" in lines
    text = whole_text(overview)
    assert f"{REMOVED} verwijderd 100.000 -100.000" in text  # its name wraps: over lines of text
    assert (f"{MOVED} verplaatst, was 2. Prioritaire activiteiten › Kwetsbare gezinnen › Aanpak "
            "Wachtlijsten 50.000 50.000") in text
    assert f"{MARKER} gewijzigd: id → 25.000 in 2023 25.000 25.000 id 25.000 +25.000" in lines
    assert "Begroting 2021" not in text
    # The moved line stands under the group it is in now.
    assert text.index("Kwetsbare gezinnen › Beter Samenspel") < text.index(MOVED)


def test_the_new_totals_before_after_and_difference(overview):
    lines = text_lines(overview)
    assert "Totaal Uitvoeringsprogramma 2022 1.280.000 1.230.000 -50.000 0 25.000 +25.000" in lines
    assert "Totaal dekking 1.280.000 1.280.000 0 0" in lines
    assert "Saldo (dekking min begroting) 0 50.000 +50.000 0 -25.000 -25.000" in lines
    assert "Te verdelen over de gemeenten 1.037.500 987.500 -50.000 0 25.000 +25.000" in lines
    # The groups whose subtotal moves: the raise, the addition and the removal in group 1, the move
    # from Aanpak Wachtlijsten to Beter Samenspel; an unchanged group is not listed.
    assert "1. Regionale netwerksamenwerking 544.000 494.000 -50.000 0 0" in lines
    assert "Aanpak Wachtlijsten 150.000 100.000 -50.000 0 0" in lines
    assert "Beter Samenspel 125.000 175.000 +50.000 0 0" in lines
    assert not any(line.startswith("3. Lopende projecten") for line in lines)


def test_every_municipality_before_and_after_adding_up_to_the_total_difference(demo, amendment, overview):
    """Before and after as the contributions service splits each plan; the differences add up to
    the difference of the te verdelen bedrag."""
    before = load_key_sheet(demo, adopted_id(demo)).contributions.by_year
    after = load_key_sheet(demo, amendment).contributions.by_year
    lines = text_lines(overview)
    differences = {2022: D(0), 2023: D(0)}
    assert len(after[2022]) == 10
    for name in after[2022]:
        cells = []
        for year in (2022, 2023):
            old, new = before.get(year, {}).get(name, D(0)), after[year][name]
            difference = new - old
            differences[year] += difference
            sign = "+" if difference > 0 else ""
            cells += [format_amount(old), format_amount(new),
                      f"{sign}{format_amount(difference)}" if difference else ""]
        assert " ".join([name, *filter(None, cells)]) in lines, name
    assert differences == {2022: D("-50000"), 2023: D("25000")}
    assert "Totaal 1.037.500 987.500 -50.000 0 25.000 +25.000" in lines


def test_changed_figures_are_bold_and_unchanged_ones_not(overview):
    bold = bold_words(overview)
    assert {"80.000", "+10.000", "+40.000", "-100.000", "1.230.000", "-50.000"} <= bold
    assert "70.000" not in bold  # the raised line's old amount
    assert "1.280.000" not in bold  # the old total, in the bold total row
    assert "1.037.500" not in bold  # the old te verdelen bedrag, in the bold total row


def test_the_overview_is_landscape_for_two_years_and_portrait_for_one(demo, amendment, overview, tmp_path):
    assert page_sizes(overview) == {"landscape"}
    one = tmp_path / "2022.pdf"
    build_pdf(demo, amendment, "wijzigingen", one, years=[2022])
    assert page_sizes(one) == {"portrait"}
    text = whole_text(one)
    assert f"{RAISED} gewijzigd 70.000 80.000 +10.000" in text
    assert MARKER not in text  # changed in 2023 only
    assert "Alleen 2022: wijzigingen in andere jaren staan hier niet." in text


def test_a_scenario_is_compared_with_its_base_too(demo, tmp_path):
    scenario = make_amendment(demo, PlanKind.SCENARIO)
    out = tmp_path / "scenario.pdf"
    build_pdf(demo, scenario, "wijzigingen", out)
    text = whole_text(out)
    assert f"verandert ten opzichte van {BASE}" in text
    assert "Totaal Uitvoeringsprogramma 2022 1.280.000 1.230.000 -50.000" in text


def test_an_amendment_without_changes_says_so(demo, tmp_path):
    plan_id = create_amendment(demo, adopted_id(demo))
    out = tmp_path / "leeg.pdf"
    build_pdf(demo, plan_id, "wijzigingen", out)
    text = whole_text(out)
    assert f"Geen wijzigingen ten opzichte van {BASE}." in text
    assert "Gewijzigde begrotingsposten" not in text and "Bijdragen per gemeente" not in text


def test_the_overview_comes_first_in_the_annexes(demo, amendment, tmp_path):
    out = tmp_path / "bijlagen.pdf"
    result = build_pdf(demo, amendment, "begroting,wijzigingen", out)
    assert result.sections == ["wijzigingen", "begroting"]
    pages = [page.extract_text() for page in PdfReader(out).pages]
    first = next(n for n, page in enumerate(pages) if "Gewijzigde begrotingsposten" in page)
    budget = next(n for n, page in enumerate(pages) if "Bijlage bij het" in page)
    assert 0 < first < budget  # after the contents


# --- refused for a plan based on no other plan ------------------------------------------------------

@pytest.mark.parametrize("sections", ["wijzigingen", "begroting,wijzigingen"])
def test_the_overview_of_a_plan_based_on_no_other_is_refused(demo, tmp_path, sections):
    out = tmp_path / "wijzigingen.pdf"
    with pytest.raises(ReportError) as caught:
        build_pdf(demo, adopted_id(demo), sections, out)
    assert caught.value.message == NO_BASE
    assert not list(tmp_path.glob("*.pdf"))


def test_the_command_line_refuses_it_with_the_same_message(demo_workspace, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code = main(["pdf", str(demo_workspace), "--plan", "2022", "--sections", "wijzigingen"])
    captured = capsys.readouterr()
    assert (code, captured.out, captured.err) == (1, "", f"planbord: {NO_BASE}\n")
    assert not list(tmp_path.glob("*.pdf"))


# --- the marked budget annex ------------------------------------------------------------------------

def test_the_budget_of_an_amendment_marks_what_changed(demo, amendment, tmp_path):
    out = tmp_path / "begroting.pdf"
    build_pdf(demo, amendment, "begroting", out)
    text = whole_text(out)
    assert (f"Gemarkeerd: gewijzigd ten opzichte van {BASE}. Een gewijzigde post staat op een licht "
            "vlak, met het gewijzigde bedrag vet; achter een nieuwe, verplaatste of hernoemde post staat "
            "dat tussen haakjes. 1 post is vervallen; zie het Wijzigingsoverzicht.") in text
    lines = text_lines(out)
    assert f"{ADDED} (nieuw) 40.000" in lines
    assert f"{MOVED} (verplaatst) 50.000" in lines
    assert f"{RAISED} 70.000 80.000 id" in lines  # no tag: only its amount changed
    bold = bold_words(out)
    assert {"80.000", "40.000"} <= bold
    assert "70.000" not in bold and "127.500" not in bold
    assert MARKED_RGB in filled_colours(out)


def test_the_marks_can_be_left_off(demo, amendment, tmp_path):
    out = tmp_path / "begroting.pdf"
    build_pdf(demo, amendment, "begroting", out, mark_changes=False)
    text = whole_text(out)
    assert "Gemarkeerd" not in text and "(nieuw)" not in text and "(verplaatst)" not in text
    assert f"{RAISED} 70.000 80.000 id" in text_lines(out)
    assert "80.000" not in bold_words(out)
    assert MARKED_RGB not in filled_colours(out)


def test_the_budget_of_an_amendment_without_changes_says_nothing_changed(demo, tmp_path):
    plan_id = create_amendment(demo, adopted_id(demo))
    out = tmp_path / "begroting.pdf"
    build_pdf(demo, plan_id, "begroting", out)
    text = whole_text(out)
    assert f"Geen post of bedrag gewijzigd ten opzichte van {BASE}." in text
    assert "Gemarkeerd" not in text
    assert MARKED_RGB not in filled_colours(out)


def test_the_budget_of_a_plan_without_base_has_no_marks(demo, tmp_path):
    out = tmp_path / "begroting.pdf"
    build_pdf(demo, adopted_id(demo), "begroting", out)
    assert "Gemarkeerd" not in whole_text(out)
    assert MARKED_RGB not in filled_colours(out)


def test_asking_marks_for_a_plan_without_base_is_refused(demo, tmp_path):
    with pytest.raises(ReportError) as caught:
        build_pdf(demo, adopted_id(demo), "begroting", tmp_path / "begroting.pdf", mark_changes=True)
    assert caught.value.message == (
        "Gewijzigde bedragen markeren kan alleen in de begroting van een wijziging of scenario; dit plan "
        "is niet van een ander plan afgeleid. Druk de begroting af zonder markering.")
    assert not list(tmp_path.glob("*.pdf"))


# --- six years, big amounts and a long name: nothing runs off the page ------------------------------

LONG = "Een heel lange begrotingspost met een omschrijving die nooit ophoudt " * 4


def test_six_years_are_spread_over_tables_that_fit_the_page(demo, tmp_path):
    """A base with the years 2021-2026 (an amendment of the demo) and an amendment of it that
    changes every year: each year's three columns are printed, and every character on the pages
    stands inside the margins."""
    base = create_amendment(demo, adopted_id(demo))
    set_year_columns(demo, base, 2021, 2026, 1)
    ids = list(plan_lines(demo, base).order)
    set_cells(demo, [CellChange(i, y, CellValue(D(100000 + 1000 * n)))
                     for n, i in enumerate(ids) for y in (2024, 2025, 2026)])
    plan_id = create_amendment(demo, base)
    lines = plan_lines(demo, plan_id)
    changed = line_id(lines, RAISED)
    set_cells(demo, [CellChange(changed, y, CellValue(D("1234567"))) for y in range(2021, 2027)])
    set_cells(demo, [CellChange(line_id(lines, MOVED), 2025, CellValue(D("-98765.43")))])
    long = add_line(demo, group_id(lines, "Regionale netwerksamenwerking"), None, LONG)
    set_cells(demo, [CellChange(long, y, CellValue(D(1000000 + y))) for y in range(2022, 2027)])
    out = tmp_path / "zes.pdf"
    build_pdf(demo, plan_id, "wijzigingen", out)

    assert page_sizes(out) == {"landscape"}
    width = styles.LANDSCAPE[0]
    printed = chars(out)
    assert all(styles.MARGIN_LEFT - 1 <= left and right <= width - styles.MARGIN_RIGHT + 1
               for _page, _char, left, right, _bold in printed)
    text = whole_text(out)
    for year in range(2022, 2027):
        assert text.count(f"{year} was {year} wordt {year} verschil") >= 3, year  # lines, totals, bijdragen
    assert text.count("Begroting 2021 was Begroting 2021 wordt Begroting 2021 verschil") == 2
    assert " ".join(LONG.split()) in text
    for year in range(2022, 2027):
        assert f"{format_amount(D(1000000 + year))} +{format_amount(D(1000000 + year))}" in text
    assert "-98.765,43" in text
    # The comparison column (2021, in the first table with 2022) is never funded or split: its
    # dekking, saldo and te verdelen stay empty, only its total is compared.
    lines = text_lines(out)
    assert "Totaal dekking 1.280.000 1.280.000" in lines
    assert "Saldo (dekking min begroting) 0 -2.166.589 -2.166.589" in lines
    assert ("Totaal Uitvoeringsprogramma 2022 1.062.500 2.227.067 +1.164.567 1.280.000 3.446.589 "
            "+2.166.589") in lines


def test_a_removed_group_shows_what_it_held_as_its_difference(demo, tmp_path):
    """Jeugdhulp in gezinsvormen (one line: 0 in 2021, 25.000 in 2022) deleted with its line."""
    from app.services.budget_edit import delete_group

    plan_id = create_amendment(demo, adopted_id(demo))
    delete_group(demo, group_id(plan_lines(demo, plan_id), "Jeugdhulp in gezinsvormen"))
    out = tmp_path / "groep.pdf"
    build_pdf(demo, plan_id, "wijzigingen", out)
    lines = text_lines(out)
    # 2022 and 2023; not the comparison column 2021, in which the removed line held 0.
    assert "Jeugdhulp in gezinsvormen (verwijderd) 25.000 — -25.000 0 —" in lines
    assert "Totaal Uitvoeringsprogramma 2022 1.280.000 1.255.000 -25.000 0 0" in lines
    assert "trainingen en bijeenkomsten verwijderd 25.000 -25.000" in lines


def test_staffing_and_outline_changes_are_listed(demo, tmp_path):
    from app.models import Chapter, Role
    from app.services.project_edit import add_project
    from app.services.staffing_edit import set_role_fields

    plan_id = create_amendment(demo, adopted_id(demo))
    with demo.session() as session:
        role = session.query(Role).filter(Role.plan_id == plan_id).order_by(Role.position, Role.id).first()
        role_id, role_name, fte = role.id, role.role, role.fte
        chapter = session.query(Chapter).filter(Chapter.plan_id == plan_id).order_by(Chapter.position).first()
        chapter_id = chapter.id
    assert fte == D("1.0")
    set_role_fields(demo, role_id, fte="3,5")
    add_project(demo, chapter_id, None, title="Nieuw project wachtlijsten")
    out = tmp_path / "formatie.pdf"
    build_pdf(demo, plan_id, "wijzigingen", out)
    lines = text_lines(out)
    assert f"Rol: {role_name} 1,0 3,5 +2,5 fte" in lines
    assert any(line.startswith("• Project toegevoegd: ") and "Nieuw project wachtlijsten" in line
               for line in lines)
    assert "Geen begrotingspost is gewijzigd." in lines
    assert "De totalen, de dekking en de bijdragen per gemeente veranderen niet." in lines
    assert "Bijdragen per gemeente" not in lines
    assert not any(line.startswith("Geen wijzigingen in") for line in lines)


def test_the_contributions_add_up_to_their_total_where_the_amount_to_split_has_cents(demo, tmp_path):
    """Raised by 1.234,56: the te verdelen bedrag keeps its cents, the contributions are whole
    euros and their column adds up to its Totaal, the amount the key split."""
    plan_id = create_amendment(demo, adopted_id(demo))
    lines = plan_lines(demo, plan_id)
    set_cells(demo, [CellChange(line_id(lines, RAISED), 2022, CellValue(D("71234.56")))])
    out = tmp_path / "centen.pdf"
    build_pdf(demo, plan_id, "wijzigingen", out)
    printed = text_lines(out)
    assert "Te verdelen over de gemeenten 1.037.500 1.038.734,56 +1.234,56 0 0" in printed
    after = load_key_sheet(demo, plan_id).contributions
    assert after.totals[2022] == D("1038735")
    assert sum(after.by_year[2022].values()) == D("1038735")
    assert "Totaal 1.037.500 1.038.735 +1.235 0 0" in printed
