"""The begroting annex of the demo against chapter 6 of the published Uitvoeringsplan 2022,
cell by cell.

The published table is held here as transcribed from the plan (row by row: the label and the
2021, 2022 and 2023 cells as printed; ``^22`` is footnote mark 22). Beside each row stands what
Planbord prints where it differs on purpose, with the reason; everything else must come out of
the PDF exactly as the plan prints it. The PDF is read back twice: with pypdf as text lines (what
a reader copies), and with pdfium as positioned pieces of text, so every figure is checked in
its own column, not just somewhere on the line.

Also here: footnote numbers (a number the source gave is kept, the others follow the highest),
the markers as typed ("id" without the dot, typed, stored, shown and printed) and the rule that
a year without amounts prints no subtotal or total of 0.
"""
from __future__ import annotations

import ctypes
from dataclasses import dataclass, field
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
import pytest
from pypdf import PdfReader
from sqlalchemy import select

from app.models import BudgetCell, BudgetLine, Marker, PlanStatus
from app.reports import build_pdf
from app.services import budget_edit
from app.services.budget_sheet import RowKind, load_sheet
from app.services.cell_input import parse_cell
from app.services.plans import find_plan
from app.services.workspace import open_workspace

SAME = "as published"
LEFT_OUT = "not printed"

# --- chapter 6 as published -------------------------------------------------------------------
#
# (published row, what Planbord prints: SAME, LEFT_OUT or its own row)

# The plan heads its first table "begroting 2021 | Begroting 2022 | 2023" and later ones
# "2021 | 2022 | 2023". Planbord heads every table alike: the comparison column (last year's
# budget) says what it is, the plan's own years are their number.
PUBLISHED_YEAR_HEADINGS = ("begroting 2021", "Begroting 2022", "2023")
PLANBORD_YEAR_HEADINGS = ("Begroting 2021", "2022", "2023")

BUDGET = [
    (("1. Regionale netwerksamenwerking", "", "", ""), SAME),
    (("Programmamanager Jeugd (40% uitvoering)", "77.500^22", "127.500", "doorlopend"), SAME),
    (("Beleidscapaciteit, project-/opgavemanagement", "315.000", "211.500", "id"), SAME),
    (("Secretariële ondersteuning", "70.000", "70.000", "id"), SAME),
    (("Representatie, onvoorzien", "93.000", "35.000", "id"), SAME),
    (("Jaarlijkse regioconferentie, bijeenkomst Tellen en Vertellen", "", "100.000", ""), SAME),
    # The plan prints its subtotals without a label and only for 2022. Planbord names the group
    # and prints the subtotal it computes in every year in which a line holds an amount.
    (("", "", "544.000", ""), ("Subtotaal Regionale netwerksamenwerking", "555.500", "544.000", "")),
    (("2. Prioritaire activiteiten", "", "", ""), SAME),
    (("Kwetsbare gezinnen", "", "", ""), SAME),
    (("Aanpak Wachtlijsten", "", "", ""), SAME),
    (("projectleiding", "50.000", "100.000", ""), SAME),
    (("ontwikkelen digitale instrumenten", "", "50.000", ""), SAME),
    (("", "", "150.000", ""), ("Subtotaal Aanpak Wachtlijsten", "50.000", "150.000", "")),
    (("Beter Samenspel", "", "", ""), SAME),
    (("externe projectleiding (toegevoegd aan programmateam)", "110.000", "100.000", "doorlopend"), SAME),
    (("projectkosten (monitoring etc.)", "18.000", "25.000", "doorlopend"), SAME),
    (("", "", "125.000", ""), ("Subtotaal Beter Samenspel", "128.000", "125.000", "")),
    (("Bijdrage Zuid-Holland programma JeugdzorgPlus", "25.000", "21.000", ""), SAME),
    # The plan's page ends here and its next page repeats the group's heading; Planbord's table
    # goes on (on a page break it repeats the heading too, marked "(vervolg)").
    (("2. Prioritaire activiteiten", "", "", ""), LEFT_OUT),
    (("Lerend ontwikkelen", "", "", ""), SAME),
    (("Ontwikkelen jeugdhulpmonitor", "", "", ""), SAME),
    (("onderzoek, rapportages", "", "85.000", "doorlopend"), SAME),
    (("Reikwijdte, normaliseren", "", "", ""), SAME),
    (("regionaal referentiekader o.b.v. landelijk (Juridisch)", "", "25.000", "id"), SAME),
    (("Samen leren", "", "", ""), SAME),
    (("inzet expertise werkplaats SAMEN t.b.v. regio", "", "25.000", "doorlopend"), SAME),
    (("cofinanciering Kenniswerkplaats SAMEN", "", "55.000", "doorlopend"), SAME),
    (("cliëntervaringsonderzoek en ondersteuning oudersraad", "", "50.000", "doorlopend"), SAME),
    (("onderzoeksbudget", "", "100.000", "doorlopend"), SAME),
    # No line of Samen leren has an amount in 2021 or 2023: empty there, not 0.
    (("", "", "230.000", ""), ("Subtotaal Samen leren", "", "230.000", "")),
    (("3. Lopende projecten en ad-hoc ondersteuning", "", "", ""), SAME),
    (("Jeugdhulpexpertise bij de huisarts", "", "", ""), SAME),
    (("trainingen en bijeenkomsten", "165.000", "25.000", ""), SAME),
    (("Jeugdhulp in gezinsvormen", "", "", ""), SAME),
    (("trainingen en bijeenkomsten", "0", "25.000", ""), SAME),
    (("Doorontwikkelen richtinggevend kader, bestedingsruimte", "", "", ""), SAME),
    (("(externe) projectleiding en beleidsmatige inzet", "139.000", "", ""), SAME),
    (("ontwikkelen ondersteunende materialen", "", "25.000", ""), SAME),
    (("ontwikkelen ondersteunende materialen en trainingen", "", "25.000", ""), SAME),
    # Printed beneath "Doorontwikkelen richtinggevend kader", but the subtotal of group 3.
    (("", "", "100.000", ""),
     ("Subtotaal Lopende projecten en ad-hoc ondersteuning", "304.000", "100.000", "")),
    # The label is the plan's own (a setting of the plan); Planbord adds the 2021 total.
    (("Totaal Uitvoeringsprogramma 2022", "", "1.280.000", ""),
     ("Totaal Uitvoeringsprogramma 2022", "1.062.500", "1.280.000", "")),
]

# Footnote 22 as the plan prints it ("met jaarlijks met" included); Planbord keeps its number.
PUBLISHED_NOTES = [(22, "In 2020 en 2021 met jaarlijks met € 50.000 aangevuld vanuit Transformatiefonds")]
PLANBORD_BUDGET_NOTES = PUBLISHED_NOTES

DEKKING = [
    (("reguliere regiobegroting", "", "1.037.500", ""), SAME),
    (("onderbesteding Transformatiefonds 2021", "", "200.000", ""), SAME),
    (("Incidenteel aan te vullen uit overige onderbesteding 2021", "", "42.500", ""), SAME),
]
# The plan prints the sources only. Planbord adds their total, the budget's total and the saldo,
# which is never hidden; the comparison column is not funded, so it has no saldo.
PLANBORD_DEKKING_TOTALS = [
    ("Totaal dekking", "", "1.280.000", ""),
    ("Totaal Uitvoeringsprogramma 2022", "1.062.500", "1.280.000", ""),
    ("Saldo (dekking min begroting)", "", "0", ""),
]

# The plan prints who shares a settlement in its name; Planbord has a column for that ("Gedeeld
# door", between the description and the years) and prints a remark as a footnote, numbered
# after footnote 22, the highest number the plan gave.
SETTLEMENTS = [
    (("GIZ licenties", "15.000", "15.000", ""), ("GIZ licenties", "H10", "15.000", "15.000", "")),
    (("Jong doet mee", "40.000", "40.000", ""), ("Jong doet mee", "H10", "40.000", "40.000", "")),
    (("Coördinatie H8 Integrale Vroeghulp Platform (MEE regio Delft/Zoetermeer); Den Haag heeft "
      "andere infrastructuur", "72.600", "72.600", ""),
     ("Coördinatie H8 Integrale Vroeghulp Platform (MEE regio Delft/Zoetermeer)^23", "H8",
      "72.600", "72.600", "")),
    (("Villa Pinedo H10 (o.a. buddy's voor kinderen/jongeren)", "48.400", "48.400", ""),
     ("Villa Pinedo H10 (o.a. buddy's voor kinderen/jongeren)", "H10", "48.400", "48.400", "")),
    (("Kenniscentrum Kind en scheiding H8 (Den Haag betaalt zelf een gelijk deel)", "140.795", "140.795", ""),
     ("Kenniscentrum Kind en scheiding H8^24", "H8", "140.795", "140.795", "")),
]
PLANBORD_SETTLEMENT_NOTES = [(23, "Den Haag heeft andere infrastructuur"),
                             (24, "Den Haag betaalt zelf een gelijk deel")]


def planbord(rows) -> list[tuple[str, ...]]:
    """What Planbord must print for the published rows."""
    return [published if printed == SAME else printed for published, printed in rows
            if printed != LEFT_OUT]


# --- reading the annex back ---------------------------------------------------------------------

TABLE_SIZE = 8.5  # table text (styles); the note marks are smaller, the notes 7 pt
NOTE_SIZE = 7.0
RUNNING_HEAD = 790.0  # the running header is drawn above this


@dataclass
class Piece:
    """Text on one baseline in one font and size, without a gap as wide as between two cells."""

    page: int
    left: float
    right: float
    y: float
    size: float
    font: str
    text: str = ""

    @property
    def bold(self) -> bool:
        return "Bold" in self.font


def pieces_of(path) -> list[Piece]:
    pieces: list[Piece] = []
    document = pdfium.PdfDocument(str(path))
    try:
        for number, page in enumerate(document):
            textpage = page.get_textpage()
            current = None
            for i in range(textpage.count_chars()):
                char = textpage.get_text_range(i, 1)
                if char in ("", "\r", "\n"):
                    current = None
                    continue
                if char == " ":
                    if current is not None:
                        current.text += " "
                    continue
                left, _bottom, right, _top = textpage.get_charbox(i)
                x, y = ctypes.c_double(), ctypes.c_double()
                pdfium_raw.FPDFText_GetCharOrigin(textpage.raw, i, x, y)
                name = ctypes.create_string_buffer(128)
                pdfium_raw.FPDFText_GetFontInfo(textpage.raw, i, name, 128, ctypes.c_int())
                font = name.value.decode("latin-1")
                size = round(pdfium_raw.FPDFText_GetFontSize(textpage.raw, i), 1)
                if (current is None or abs(current.y - y.value) > 0.5 or left - current.right > 6.0
                        or current.size != size or current.font != font):
                    current = Piece(number, left, right, y.value, size, font)
                    pieces.append(current)
                current.text += char
                current.right = right
    finally:
        document.close()
    for piece in pieces:
        piece.text = piece.text.strip()
    return pieces


def baselines(pieces: list[Piece]) -> list[list[Piece]]:
    """The pieces line by line, top to bottom and page by page, each line left to right; a note
    mark (smaller, raised) on the line it is raised above."""
    lines: dict[tuple[int, float], list[Piece]] = {}
    for piece in sorted(pieces, key=lambda p: p.size < NOTE_SIZE):  # the marks last
        raised = piece.size < NOTE_SIZE
        key = next((k for k in lines if k[0] == piece.page and (
            0 < piece.y - k[1] < 5 if raised else abs(k[1] - piece.y) < 1.0)), (piece.page, piece.y))
        lines.setdefault(key, []).append(piece)
    return [sorted(line, key=lambda p: p.left)
            for _key, line in sorted(lines.items(), key=lambda e: (e[0][0], -e[0][1]))]


@dataclass
class Column:
    title: str
    left: float
    right: float


@dataclass
class Table:
    page: int
    title: str  # the first column's heading
    columns: list[Column]
    rows: list[tuple[str, ...]] = field(default_factory=list)

    @property
    def headings(self) -> tuple[str, ...]:
        return tuple(c.title for c in self.columns)


def tables_of(path) -> list[Table]:
    """Every table of the annex: its column headings and its rows as (label, cell per column).

    A cell is the text drawn in its column (a right-aligned figure ends at the column's right
    edge, a left-aligned text starts at its left edge); a note mark is added to the cell before
    it as ``^n``. A label wrapped over two lines is joined (the figures stand on its last line).
    A table that goes on on the next page, under the same headings, is one table; its
    "(vervolg)" heading is not a row."""
    lines = [[p for p in line if (p.size == TABLE_SIZE or p.size < NOTE_SIZE) and p.y < RUNNING_HEAD]
             for line in baselines(pieces_of(path))]
    lines = [line for line in lines if line]
    tables: list[Table] = []
    table = None
    pending_label = ""
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        first = line[0]
        if first.bold and first.text in ("Omschrijving", "Dekking") and first.size == TABLE_SIZE:
            heads = line[1:]
            # A heading of two lines ("Begroting" over "2021"): the second line is the year alone.
            if index < len(lines) and all(p.bold and p.text.isdigit() for p in lines[index]):
                heads = heads + lines[index]
                index += 1
            columns: list[Column] = []
            for head in sorted(heads, key=lambda p: p.left):
                same = next((c for c in columns if abs(c.right - head.right) < 1.0), None)
                if same is not None:
                    same.title += f" {head.text}"
                else:
                    columns.append(Column(head.text, head.left, head.right))
            new = Table(first.page, first.text, columns)
            if table is not None and table.page < new.page and (table.title, table.headings) == (
                    new.title, new.headings):
                new = table  # the same table, on its next page
            elif new is not table:
                tables.append(new)
            table = new
            pending_label = ""
            continue
        if table is None:
            continue
        label_parts: list[str] = []
        cells = [""] * len(table.columns)
        last = None  # where the last piece went: -1 for the label, else the column
        for piece in line:
            if piece.size < NOTE_SIZE:  # a note mark: raised beside the text before it
                if last == -1:
                    label_parts[-1] += f"^{piece.text}"
                elif last is not None:
                    cells[last] += f"^{piece.text}"
                continue
            column = next((i for i, c in enumerate(table.columns)
                           if abs(c.right - piece.right) < 1.5 or abs(c.left - piece.left) < 1.5), None)
            if column is None:
                label_parts.append(piece.text)
                last = -1
            else:
                cells[column] = f"{cells[column]} {piece.text}".strip()
                last = column
        label = " ".join(label_parts)
        if not any(cells) and not first.bold:
            pending_label = f"{pending_label} {label}".strip()  # the label goes on on the next line
            continue
        label = f"{pending_label} {label}".strip()
        pending_label = ""
        if label.endswith(" (vervolg)"):
            continue
        table.rows.append((label, *cells))
    return tables


def notes_of(path) -> list[tuple[int, int, str]]:
    """The footnotes at the foot of the pages: (page, number, text)."""
    notes: list[list] = []
    for line in baselines(pieces_of(path)):
        line = [p for p in line if p.size == NOTE_SIZE]
        if not line:
            continue
        text = " ".join(p.text for p in line)
        number, _space, rest = text.partition(" ")
        if number.isdigit() and line[0].left < 60:  # the number hangs at the frame's left edge
            notes.append([line[0].page, int(number), rest])
        elif notes and notes[-1][0] == line[0].page:
            notes[-1][2] += " " + text
    return [tuple(n) for n in notes]


def text_lines(path) -> list[str]:
    """The annex as pypdf reads it: one string per line, spaces collapsed."""
    return [" ".join(line.split()) for page in PdfReader(path).pages
            for line in page.extract_text().splitlines()]


# --- fixtures -----------------------------------------------------------------------------------

@pytest.fixture
def demo(demo_workspace):
    workspace = open_workspace(demo_workspace)
    yield workspace
    workspace.close()


def plan_id(workspace) -> int:
    with workspace.session() as session:
        return find_plan(session, 2022).id


@pytest.fixture
def annex(demo, tmp_path):
    out = tmp_path / "begroting.pdf"
    build_pdf(demo, plan_id(demo), "begroting", out)
    return out


def draft(workspace) -> None:
    """The demo plan made editable (it is adopted), for edits through the services."""
    with workspace.transaction() as session:
        find_plan(session, 2022).status = PlanStatus.DRAFT


# --- chapter 6, cell by cell --------------------------------------------------------------------

def test_the_budget_table_is_chapter_6_cell_by_cell(annex):
    budget, dekking, settlements = tables_of(annex)
    assert budget.title == "Omschrijving" and budget.headings == PLANBORD_YEAR_HEADINGS
    expected = planbord(BUDGET)
    assert len(budget.rows) == len(expected)
    for number, (printed, wanted) in enumerate(zip(budget.rows, expected, strict=True)):
        assert printed == wanted, f"row {number + 1}"


def test_the_dekking_and_the_settlements_are_chapter_6_cell_by_cell(annex):
    _budget, dekking, settlements = tables_of(annex)
    assert dekking.title == "Dekking" and dekking.headings == PLANBORD_YEAR_HEADINGS
    assert dekking.rows == planbord(DEKKING) + PLANBORD_DEKKING_TOTALS
    assert settlements.headings == ("Gedeeld door", *PLANBORD_YEAR_HEADINGS)
    assert settlements.rows == planbord(SETTLEMENTS)


def test_the_footnote_keeps_its_number_and_the_others_follow_it(annex):
    notes = notes_of(annex)
    assert [(n, text) for _page, n, text in notes] == PLANBORD_BUDGET_NOTES + PLANBORD_SETTLEMENT_NOTES
    assert [n for n, _text in PUBLISHED_NOTES] == [n for n, _text in PLANBORD_BUDGET_NOTES]
    # Each note at the foot of the page that refers to it.
    budget_page = tables_of(annex)[0].page
    assert notes[0][0] == budget_page and all(page > budget_page for page, _n, _t in notes[1:])


def test_pypdf_reads_the_same_rows_in_the_same_order(annex):
    """The text a reader copies out of the PDF: each row's cells in order, a note mark after its
    figure, empty cells left out."""
    lines = text_lines(annex)
    position = 0
    for row in planbord(BUDGET) + planbord(DEKKING) + PLANBORD_DEKKING_TOTALS + planbord(SETTLEMENTS):
        wanted = " ".join(cell.replace("^", " ") for cell in row if cell)
        if "(MEE" in wanted or "Villa Pinedo" in wanted:
            continue  # wrapped over two lines in the PDF's text
        found = next((i for i in range(position, len(lines)) if lines[i] == wanted), None)
        assert found is not None, wanted
        position = found + 1
    heading = lines.index("Omschrijving Begroting")  # "Begroting" over "2021": two lines
    assert lines[heading + 1:heading + 3] == ["2021", "2022 2023"]
    note = lines.index(PLANBORD_BUDGET_NOTES[0][1])
    assert lines[note - 1] == "22"


def test_a_year_without_amounts_prints_no_subtotal_or_total(annex):
    """2023 holds only markers (doorlopend, id): no subtotal and no total there, and so no † and
    no note about markers left out, as in the plan."""
    budget, dekking, _settlements = tables_of(annex)
    totals = [row for row in budget.rows if row[0].startswith(("Subtotaal", "Totaal"))]
    assert totals and all(row[3] == "" for row in totals)
    assert not any("†" in line or "Regels met PM" in line for line in text_lines(annex))
    assert dekking.rows[-1] == ("Saldo (dekking min begroting)", "", "0", "")


def test_an_amount_of_zero_is_an_amount(demo, tmp_path):
    """A group whose only amount in a year is 0 prints a subtotal of 0; one with none prints none."""
    draft(demo)
    with demo.session() as session:
        lines = {line.name: line.id for line in session.scalars(select(BudgetLine))}
    budget_edit.set_cells(demo, [
        budget_edit.CellChange(lines["onderzoeksbudget"], 2021, parse_cell("0")),
        budget_edit.CellChange(lines["onderzoeksbudget"], 2023, parse_cell("1.000")),
    ])
    out = tmp_path / "nul.pdf"
    build_pdf(demo, plan_id(demo), "begroting", out)
    budget = tables_of(out)[0]
    rows = {row[0]: row[1:] for row in budget.rows}
    assert rows["Subtotaal Samen leren"] == ("0", "230.000", "† 1.000")
    assert rows["Totaal Uitvoeringsprogramma 2022"] == ("1.062.500", "1.280.000", "† 1.000")
    assert rows["Subtotaal Aanpak Wachtlijsten"] == ("50.000", "150.000", "")
    assert any(line.startswith("† Regels met PM, id. of doorlopend") for line in text_lines(out))


def test_the_total_label_is_a_setting_of_the_plan(demo, tmp_path):
    with demo.transaction() as session:
        find_plan(session, 2022).total_label = ""
    out = tmp_path / "label.pdf"
    build_pdf(demo, plan_id(demo), "begroting", out)
    budget, dekking, _settlements = tables_of(out)
    assert budget.rows[-1] == ("Totaal begroting 2022", "1.062.500", "1.280.000", "")
    assert dekking.rows[-2][0] == "Totaal begroting 2022"
    assert load_sheet(demo, plan_id(demo)).rows[-1].label == "Totaal"


# --- footnote numbers ---------------------------------------------------------------------------

def test_notes_without_a_number_follow_the_highest_number_given(demo, tmp_path):
    """A new note on a line and one on a cell, typed by the user (no number of their own): 23 and
    24, in the order they appear, after the 22 the plan gave; a given number later in the budget
    is kept too, and the ones after it follow the highest."""
    draft(demo)
    with demo.session() as session:
        lines = {line.name: line.id for line in session.scalars(select(BudgetLine))}
    budget_edit.set_line_fields(demo, lines["Secretariële ondersteuning"], note="Inclusief notulist")
    budget_edit.set_cell_note(demo, lines["projectleiding"], 2022, "Offerte volgt")
    budget_edit.set_cell_note(demo, lines["onderzoeksbudget"], 2022, "Zie bijlage 2")
    with demo.transaction() as session:
        cell = session.scalars(select(BudgetCell).where(
            BudgetCell.line_id == lines["onderzoeksbudget"], BudgetCell.year == 2022)).one()
        cell.note_number = 30
    out = tmp_path / "noten.pdf"
    build_pdf(demo, plan_id(demo), "begroting", out)
    rows = {row[0]: row[1:] for row in tables_of(out)[0].rows}
    assert rows["Programmamanager Jeugd (40% uitvoering)"][0] == "77.500^22"
    assert "Secretariële ondersteuning^31" in rows
    assert rows["projectleiding"] == ("50.000", "100.000^32", "")
    assert rows["onderzoeksbudget"] == ("", "100.000^30", "doorlopend")
    assert [(n, text) for _page, n, text in notes_of(out)] == [
        (22, PLANBORD_BUDGET_NOTES[0][1]), (31, "Inclusief notulist"), (32, "Offerte volgt"),
        (30, "Zie bijlage 2"), (33, "Den Haag heeft andere infrastructuur"),
        (34, "Den Haag betaalt zelf een gelijk deel")]


def test_a_number_out_of_range_in_a_file_is_not_used(demo, tmp_path):
    """A file may hold anything: a footnote number of 0, below zero or absurdly high is ignored
    and the note numbered as if it had none."""
    with demo.transaction() as session:
        cell = session.scalars(select(BudgetCell).where(BudgetCell.note_number == 22)).one()
        cell.note_number = 10**12
    out = tmp_path / "groot.pdf"
    build_pdf(demo, plan_id(demo), "begroting", out)
    assert [n for _page, n, _text in notes_of(out)] == [1, 2, 3]


# --- markers as typed ---------------------------------------------------------------------------

def test_id_typed_without_the_dot_is_stored_shown_and_printed_as_typed(demo, tmp_path):
    draft(demo)
    with demo.session() as session:
        lines = {line.name: line.id for line in session.scalars(select(BudgetLine))}
    line_id = lines["projectleiding"]
    old = budget_edit.set_cells(demo, [budget_edit.CellChange(line_id, 2023, parse_cell("id"))])
    with demo.session() as session:
        cell = session.scalars(select(BudgetCell).where(
            BudgetCell.line_id == line_id, BudgetCell.year == 2023)).one()
        assert (cell.marker, cell.marker_text, cell.amount) == (Marker.IDEM, "id", None)
    sheet = load_sheet(demo, plan_id(demo))
    value = sheet.rows[sheet.line_row[line_id]].cells[2023]
    assert value.marker is Marker.IDEM and value.text() == "id"
    # The same marker: left out of the totals like id.
    assert sheet.figures.markers_left_out[2023] == 13
    out = tmp_path / "id.pdf"
    build_pdf(demo, plan_id(demo), "begroting", out)
    rows = {row[0]: row[1:] for row in tables_of(out)[0].rows}
    assert rows["projectleiding"] == ("50.000", "100.000", "id")

    # "id." typed over it: the marker's own spelling, stored as "".
    budget_edit.set_cells(demo, [budget_edit.CellChange(line_id, 2023, parse_cell("id."))])
    with demo.session() as session:
        cell = session.scalars(select(BudgetCell).where(
            BudgetCell.line_id == line_id, BudgetCell.year == 2023)).one()
        assert (cell.marker, cell.marker_text) == (Marker.IDEM, "")
    sheet = load_sheet(demo, plan_id(demo))
    assert sheet.rows[sheet.line_row[line_id]].cells[2023].text() == "id."
    out = tmp_path / "id-punt.pdf"
    build_pdf(demo, plan_id(demo), "begroting", out)
    rows = {row[0]: row[1:] for row in tables_of(out)[0].rows}
    assert rows["projectleiding"] == ("50.000", "100.000", "id.")

    # Undo of the first edit: the cell as it was (empty).
    assert old == [budget_edit.CellChange(line_id, 2023, parse_cell(""))]


def test_undo_and_fill_right_keep_the_spelling(demo):
    draft(demo)
    with demo.session() as session:
        lines = {line.name: line.id for line in session.scalars(select(BudgetLine))}
    line_id = lines["Secretariële ondersteuning"]  # 2023 holds "id" as the plan prints it
    old = budget_edit.set_cells(demo, [budget_edit.CellChange(line_id, 2023, parse_cell("PM"))])
    assert old[0].value.marker is Marker.IDEM and old[0].value.text() == "id"
    budget_edit.set_cells(demo, old)
    sheet = load_sheet(demo, plan_id(demo))
    assert sheet.rows[sheet.line_row[line_id]].cells[2023].text() == "id"
    # Ctrl+R from a cell holding "id": the later years get "id" as well.
    line_id = lines["ontwikkelen digitale instrumenten"]
    budget_edit.set_cells(demo, [budget_edit.CellChange(line_id, 2021, parse_cell("id"))])
    changes = budget_edit.fill_right_changes(demo, [line_id], 2021)
    assert [(c.year, c.value.text()) for c in changes] == [(2022, "id"), (2023, "id")]
    budget_edit.set_cells(demo, changes)
    sheet = load_sheet(demo, plan_id(demo))
    assert [sheet.rows[sheet.line_row[line_id]].cells[y].text() for y in (2021, 2022, 2023)] == ["id"] * 3


def test_a_marker_text_in_a_file_that_is_no_spelling_of_its_marker_is_not_shown(demo, tmp_path):
    """A file cannot make a marker print as an amount: only a spelling of the cell's own marker
    is used; anything else shows and prints as the marker."""
    with demo.transaction() as session:
        for cell in session.scalars(select(BudgetCell).where(BudgetCell.marker_text == "id")):
            cell.marker_text = "1.000.000"
        ongoing = session.scalars(select(BudgetCell).where(BudgetCell.marker == Marker.ONGOING)).first()
        ongoing.marker_text = "id"  # a spelling, but of another marker
    sheet = load_sheet(demo, plan_id(demo))
    lines = [row for row in sheet.rows if row.kind is RowKind.LINE]
    texts = {row.cells[2023].text() for row in lines if row.cells[2023].marker is not None}
    assert texts == {"id.", "doorlopend"}
    out = tmp_path / "vreemd.pdf"
    build_pdf(demo, plan_id(demo), "begroting", out)
    assert not any("1.000.000" in line for line in text_lines(out) if "Beleidscapaciteit" in line)


def test_the_project_sheet_prints_the_marker_as_the_budget_annex_does(demo, tmp_path):
    """Project 3.2.2's budget line holds "id" in 2023, as the plan prints it: its project sheet
    says "id" too, not "id."."""
    out = tmp_path / "projecten.pdf"
    build_pdf(demo, plan_id(demo), "projecten", out)
    lines = text_lines(out)
    assert "regionaal referentiekader o.b.v. landelijk (Juridisch) 25.000 id" in lines
    assert not any(line.endswith(" id.") for line in lines)
