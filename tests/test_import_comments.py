"""Cell comments on import: app.io.readers reads an .xlsx sheet's comments part (through the
sheet's relationships, hardened like the rest of the workbook) and budget_import takes them as
the notes of lines (description column) and cells (year columns). The export's own remark on a
subtotal ("Niet meegeteld: ...") never becomes a note."""
from __future__ import annotations

import hashlib
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.comments import Comment
from sqlalchemy import select

from app.io.budget_import import apply_budget, detect_budget, preview_budget
from app.io.budget_tables import _markers_note
from app.io import readers
from app.io.readers import PROLOG_SCAN, ImportFileError, SourceCell, read_grid
from app.models import BudgetGroup, Plan
from app.services.budget_edit import delete_group
from app.services.budget_sheet import RowKind, budget_sheet
from app.services.editing import TEXT_MOST
from app.services.plan_edit import create_scenario
from app.services.plans import find_plan
from app.services.workspace import open_workspace

COMMENTS = "xl/comments/comment1.xml"  # where openpyxl writes a sheet's comments
RELS = "xl/worksheets/_rels/sheet1.xml.rels"


def budget_with_comments(path: Path, comments: dict[str, str | Comment]) -> Path:
    """A small begroting (two groups, a subtotal, a total) with a comment on each given cell."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Begroting"
    for row in (["Omschrijving", "2022", "2023"],       # 1
                ["Netwerk", None, None],                 # 2
                ["Programmamanager", 100000, "PM"],      # 3
                ["Secretariaat", 50000, 50000],          # 4
                ["Subtotaal netwerk", 150000, 50000],    # 5
                ["Projecten", None, None],               # 6
                ["Monitor", 127500, None],               # 7
                ["Totaal", None, None]):                 # 8
        ws.append(row)
    for ref, text in comments.items():
        ws[ref].comment = text if isinstance(text, Comment) else Comment(text, "Planbord")
    wb.save(path)
    return path


def rewritten(path: Path, out: Path, change: dict[str, bytes | None], rename: dict[str, str] = {}) -> Path:
    """A copy of the .xlsx with members replaced (bytes), dropped (None) or renamed."""
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename in change:
                data = change[info.filename]
                if data is None:
                    continue
            target.writestr(rename.get(info.filename, info.filename), data)
    return out


def member(path: Path, name: str) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return archive.read(name)


def comments_of(grid) -> dict[str, str]:
    return {c.ref: c.comment for row in grid.rows for c in row if c.comment is not None}


def preview_of(path: Path):
    grid = read_grid(path)
    mapping = detect_budget(grid)
    assert mapping.year_cols == {1: 2022, 2: 2023}
    return preview_budget(grid, mapping)


@pytest.fixture
def draft(demo_workspace):
    """The demo workspace open, with a draft of the 2022 plan whose budget is empty."""
    ws = open_workspace(demo_workspace)
    with ws.session() as s:
        plan_id = find_plan(s, 2022).id
    draft_id = create_scenario(ws, plan_id)
    with ws.session() as s:
        tops = list(s.scalars(select(BudgetGroup.id).where(BudgetGroup.plan_id == draft_id,
                                                           BudgetGroup.parent_id.is_(None))))
    for group_id in tops:
        delete_group(ws, group_id)
    yield ws, draft_id
    ws.close()


def stored_notes(ws, plan_id) -> dict[str, tuple[str, dict[int, str]]]:
    with ws.session() as s:
        sheet = budget_sheet(s, s.get(Plan, plan_id))
        return {r.label: (r.note, dict(r.cell_notes)) for r in sheet.rows if r.kind is RowKind.LINE}


# --- notes on lines and cells ------------------------------------------------------------------

def test_comments_become_notes_of_lines_and_cells(tmp_path, draft):
    path = budget_with_comments(tmp_path / "b.xlsx", {
        "A3": "Inhuur via de regio\nzie offerte", "B4": "Halve formatie", "C3": "Nog niet begroot",
        "A7": "  met spaties  "})
    grid = read_grid(path)
    assert grid.rows[2][0] == SourceCell("A3", "Programmamanager", comment="Inhuur via de regio\nzie offerte")
    assert grid.rows[3][1].comment == "Halve formatie" and grid.rows[3][1].value == 50000
    assert grid.rows[0][0].comment is None
    preview = preview_of(path)
    lines = {line.name: line for line in preview.lines}
    assert lines["Programmamanager"].note == "Inhuur via de regio\nzie offerte"
    assert lines["Programmamanager"].notes == {2023: "Nog niet begroot"}
    assert lines["Secretariaat"].note == "" and lines["Secretariaat"].notes == {2022: "Halve formatie"}
    assert lines["Monitor"].note == "met spaties"

    ws, draft_id = draft
    apply_budget(ws, draft_id, preview)
    notes = stored_notes(ws, draft_id)
    assert notes["Programmamanager"] == ("Inhuur via de regio\nzie offerte", {2023: "Nog niet begroot"})
    assert notes["Secretariaat"] == ("", {2022: "Halve formatie"})
    assert notes["Monitor"] == ("met spaties", {})


def test_a_comment_on_an_empty_cell_in_the_sheet_counts_one_outside_does_not(tmp_path):
    path = budget_with_comments(tmp_path / "b.xlsx", {"C7": "Volgt in 2023", "E3": "buiten", "A20": "eronder"})
    grid = read_grid(path)
    assert (grid.height, grid.width) == (8, 3)  # the comments outside do not grow the grid
    assert grid.rows[6][2] == SourceCell("C7", None, comment="Volgt in 2023")
    assert comments_of(grid) == {"C7": "Volgt in 2023"}
    monitor = next(line for line in preview_of(path).lines if line.name == "Monitor")
    assert monitor.cells.keys() == {2022} and monitor.notes == {2023: "Volgt in 2023"}


def test_a_sheet_without_comments_and_a_csv_have_none(tmp_path):
    grid = read_grid(budget_with_comments(tmp_path / "b.xlsx", {}))
    assert comments_of(grid) == {}
    csv = tmp_path / "b.csv"
    csv.write_text("Omschrijving;2022\nPost;10\n", encoding="utf-8")
    assert comments_of(read_grid(csv)) == {}


def test_excel_author_line_is_dropped(tmp_path):
    """Excel writes the author as a bold first run "Naam:" and the text after a line break."""
    path = budget_with_comments(tmp_path / "b.xlsx", {
        "A3": Comment("EXCEL-A3", "Jan de Vries"), "B3": Comment("EXCEL-B3", "Jan de Vries"),
        "A4": Comment("Jan de Vries: geen auteursregel", "Jan de Vries"),
        "B4": Comment("Piet:\nvan iemand anders", "Jan de Vries"), "A7": Comment("EXCEL-A7", "Jan de Vries")})
    xml = member(path, COMMENTS).decode("utf-8")

    def excel_runs(text: str, author: str = "Jan de Vries") -> str:
        return (f'<r><rPr><b/><sz val="9"/><rFont val="Tahoma"/></rPr><t>{author}:</t></r>'
                f'<r><rPr><sz val="9"/><rFont val="Tahoma"/></rPr><t xml:space="preserve">\n{text}</t></r>')

    xml = xml.replace("<t>EXCEL-A3</t>", excel_runs("Inhuur via de regio"))
    xml = xml.replace("<t>EXCEL-B3</t>", excel_runs("Eerste regel\ntweede regel"))
    xml = xml.replace("<t>EXCEL-A7</t>", excel_runs("") + '<rPh sb="0" eb="1"><t>fonetisch</t></rPh>')
    assert "EXCEL" not in xml
    path = rewritten(path, tmp_path / "excel.xlsx", {COMMENTS: xml.encode("utf-8")})
    assert comments_of(read_grid(path)) == {
        "A3": "Inhuur via de regio", "B3": "Eerste regel\ntweede regel",
        "A4": "Jan de Vries: geen auteursregel",  # no line break after the name: the text itself
        "B4": "Piet:\nvan iemand anders"}           # not the comment's author
    lines = {line.name: line for line in preview_of(path).lines}
    assert lines["Programmamanager"].note == "Inhuur via de regio"
    assert lines["Monitor"].note == ""  # only the author's name: no note


def test_relative_target_is_resolved(tmp_path):
    """Excel itself writes the comments as xl/comments1.xml, found as "../comments1.xml"."""
    path = budget_with_comments(tmp_path / "b.xlsx", {"B3": "Halve formatie"})
    rels = member(path, RELS).decode("utf-8")
    assert f'Target="/{COMMENTS}"' in rels
    rels = rels.replace(f'Target="/{COMMENTS}"', 'Target="../comments1.xml"')
    path = rewritten(path, tmp_path / "relative.xlsx", {RELS: rels.encode("utf-8")},
                     rename={COMMENTS: "xl/comments1.xml"})
    assert comments_of(read_grid(path)) == {"B3": "Halve formatie"}


# --- never a note ------------------------------------------------------------------------------

def test_subtotal_comments_and_the_exports_remark_are_no_notes(tmp_path, draft):
    remark_many, remark_one = _markers_note(4), _markers_note(1)
    assert remark_many == "Niet meegeteld: 4 cellen met PM, id. of doorlopend."
    path = budget_with_comments(tmp_path / "b.xlsx", {
        "A5": "Op een subtotaal", "C5": remark_many, "B5": "Ook op een subtotaal",
        "C3": remark_one, "A4": remark_many, "B4": f"{remark_one} En meer.", "B7": "Een echte"})
    grid = read_grid(path)
    assert comments_of(grid)["C5"] == remark_many  # the reader gives what the file holds
    preview = preview_of(path)
    assert [(line.name, line.note, line.notes) for line in preview.lines] == [
        ("Programmamanager", "", {}),
        ("Secretariaat", "", {2022: f"{remark_one} En meer."}),  # more than the remark: a person's note
        ("Monitor", "", {2022: "Een echte"})]
    ws, draft_id = draft
    apply_budget(ws, draft_id, preview)
    assert stored_notes(ws, draft_id) == {"Programmamanager": ("", {}),
                                          "Secretariaat": ("", {2022: f"{remark_one} En meer."}),
                                          "Monitor": ("", {2022: "Een echte"})}


def test_a_very_long_comment_is_cut_to_the_cap(tmp_path, draft):
    long = "x" * (TEXT_MOST - 1) + " " + "z" * 500
    path = budget_with_comments(tmp_path / "b.xlsx", {"A3": long, "B3": "k" * (TEXT_MOST + 1)})
    grid = read_grid(path)
    assert grid.rows[2][0].comment == "x" * (TEXT_MOST - 1)  # cut at the cap, the space at the cut dropped
    assert grid.rows[2][1].comment == "k" * TEXT_MOST
    preview = preview_of(path)
    assert len(preview.lines[0].note) <= TEXT_MOST and len(preview.lines[0].notes[2022]) == TEXT_MOST
    ws, draft_id = draft
    apply_budget(ws, draft_id, preview)
    note, cell_notes = stored_notes(ws, draft_id)["Programmamanager"]
    assert note == "x" * (TEXT_MOST - 1) and cell_notes == {2022: "k" * TEXT_MOST}


# --- hostile and broken comments parts ---------------------------------------------------------

BOMB = ('<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
        + "".join(f'<!ENTITY lol{n} "{("&lol%s;" % (n - 1 or "")) * 10}">' for n in range(1, 10))
        + ']>\n')


def bomb_comments(xml: str, padding: int = 0) -> bytes:
    """The comments part with a billion-laughs DTD in front and &lol9; in a comment's text."""
    body = xml.split("?>", 1)[1] if xml.startswith("<?xml") else xml
    body = re.sub(r"<t>[^<]*</t>", "<t>&lol9;</t>", body, count=1)
    head = BOMB.replace("<!DOCTYPE", "<!--" + " " * padding + "-->\n<!DOCTYPE") if padding else BOMB
    return (head + body).encode("utf-8")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_billion_laughs_in_the_comments_is_refused_nothing_written(tmp_path, demo_workspace):
    path = budget_with_comments(tmp_path / "b.xlsx", {"A3": "Inhuur", "B4": "Halve formatie"})
    hostile = rewritten(path, tmp_path / "bom.xlsx", {COMMENTS: bomb_comments(member(path, COMMENTS).decode())})
    before, files = digest(demo_workspace), sorted(tmp_path.rglob("*"))
    with pytest.raises(ImportFileError) as e:
        read_grid(hostile)
    assert e.value.message == (
        "“bom.xlsx” bevat onveilige XML (een DTD of entiteiten in “xl/comments/comment1.xml”, mogelijk "
        "een XML-bom); Planbord leest het niet.")
    assert digest(demo_workspace) == before and sorted(tmp_path.rglob("*")) == files


def test_billion_laughs_behind_the_prolog_scan_is_refused_by_the_parser(tmp_path):
    """A DTD after a comment longer than the scanned prolog: defusedxml refuses the entities."""
    path = budget_with_comments(tmp_path / "b.xlsx", {"A3": "Inhuur"})
    hostile = rewritten(path, tmp_path / "bom.xlsx",
                        {COMMENTS: bomb_comments(member(path, COMMENTS).decode(), padding=PROLOG_SCAN + 10)})
    with pytest.raises(ImportFileError) as e:
        read_grid(hostile)
    assert e.value.message == (
        "“bom.xlsx” bevat onveilige XML (een DTD of entiteiten in “xl/comments/comment1.xml”, mogelijk "
        "een XML-bom); Planbord leest het niet.")


def test_billion_laughs_in_a_comments_part_not_named_xml_is_refused(tmp_path):
    path = budget_with_comments(tmp_path / "b.xlsx", {"A3": "Inhuur"})
    rels = member(path, RELS).decode().replace(f'Target="/{COMMENTS}"', 'Target="../comments/notes.bin"')
    hostile = rewritten(path, tmp_path / "bom.xlsx",
                        {COMMENTS: bomb_comments(member(path, COMMENTS).decode()), RELS: rels.encode()},
                        rename={COMMENTS: "xl/comments/notes.bin"})
    with pytest.raises(ImportFileError) as e:
        read_grid(hostile)
    assert "onveilige XML" in e.value.message and "xl/comments/notes.bin" in e.value.message


def test_an_oversized_comments_part_is_refused(tmp_path, monkeypatch):
    """Over the cap for a part parsed whole (lowered here, so the file stays small)."""
    path = budget_with_comments(tmp_path / "b.xlsx", {"A3": "Inhuur"})
    with zipfile.ZipFile(path) as archive:
        largest = max(i.file_size for i in archive.infolist() if i.filename.endswith((".xml", ".rels"))
                      and i.filename != "xl/worksheets/sheet1.xml")
    monkeypatch.setattr(readers, "MAX_XML_PART", largest + 1)
    xml = member(path, COMMENTS).decode()
    padded = xml.replace("</comments>", "<!--" + " " * largest + "--></comments>")
    rels = member(path, RELS).decode().replace(f'Target="/{COMMENTS}"', 'Target="comments1.xml"')
    # in xl/worksheets/: a name the zip check takes for a streamed sheet, so the reader checks it
    hostile = rewritten(path, tmp_path / "groot.xlsx", {COMMENTS: padded.encode(), RELS: rels.encode()},
                        rename={COMMENTS: "xl/worksheets/comments1.xml"})
    with pytest.raises(ImportFileError) as e:
        read_grid(hostile)
    assert e.value.message.startswith("“groot.xlsx” bevat een onderdeel van meer dan ")
    assert "(“xl/worksheets/comments1.xml”); Planbord leest het niet." in e.value.message


def test_a_missing_comments_part_leaves_the_cells(tmp_path):
    path = budget_with_comments(tmp_path / "b.xlsx", {"A3": "Inhuur", "B4": "Halve formatie"})
    assert COMMENTS in member(path, RELS).decode()
    broken = rewritten(path, tmp_path / "zonder.xlsx", {COMMENTS: None})
    grid = read_grid(broken)
    assert comments_of(grid) == {}
    assert [c.value for c in grid.rows[2]] == ["Programmamanager", 100000, "PM"]
    preview = preview_of(broken)
    assert [line.name for line in preview.lines] == ["Programmamanager", "Secretariaat", "Monitor"]
    assert all(not line.note and not line.notes for line in preview.lines)


def test_a_broken_comments_part_is_a_damaged_workbook(tmp_path):
    path = budget_with_comments(tmp_path / "b.xlsx", {"A3": "Inhuur"})
    broken = rewritten(path, tmp_path / "kapot.xlsx", {COMMENTS: member(path, COMMENTS)[:-20]})
    with pytest.raises(ImportFileError) as e:
        read_grid(broken)
    assert "beschadigd" in e.value.message
