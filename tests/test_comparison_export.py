"""The comparison of two plans as an Excel workbook (issue 17, point 5), read back with openpyxl.

An amendment of the demo with one line raised by 10.000, one added (named like a formula), a
marker replaced by 25.000, one removed and one moved and changed: every line's voor, na and
verschil on its row, markers as text, the subtotals, totals, dekking, saldo and what is split,
the contributions adding up per year to the difference in what is split, the staffing and
outline changes in columns, changed cells filled, formula-like text kept text, and every refusal
in Dutch without a half-written file.

The comparisons are made from the demo as a file and on the PostgreSQL test server (issue 22);
the refusals to write (a wrong name, a missing folder, the workspace itself, a locked file, a
write that fails halfway) are about files and run on SQLite only.
"""
from __future__ import annotations

import errno
import os
import re
import shutil
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from app.io import xlsx_writer
from app.io.comparison_export import (
    CHANGED_COLOUR,
    MARKERS_NOTE,
    NO_OUTLINE,
    NO_STAFFING,
    write_comparison_workbook,
)
from app.io.excel_export import ExportError
from app.models import Chapter, Plan, Project, ProjectStatus, Role
from app.services.budget_edit import CellChange, add_line, delete_line, move, set_cells
from app.services.cell_input import parse_cell
from app.services.comparison import compare_plans, load_plan_lines
from app.services.editing import Place
from app.services.next_year import create_next_year
from app.services.output_paths import OutputPathError
from app.services.plan_copy import create_amendment
from app.services.plan_edit import rename_plan
from app.services.plans import find_plan
from app.services.project_edit import add_action, set_project_fields
from app.services.staffing_edit import set_role_fields
from app.services.workspace import open_workspace

HOSTILE = '=HYPERLINK("http://x","klik")'
COMMAND = "+cmd|' /C calc'!A0"
TITLE = "@Wijziging 1"
RAISED = "Secretariële ondersteuning"
MARKER = "Beleidscapaciteit, project-/opgavemanagement"
REMOVED = "ontwikkelen digitale instrumenten"
MOVED = "onderzoeksbudget"
UNCHANGED = "Representatie, onvoorzien"
HEADER_ROW = 3  # Vergelijking: the title, an empty row, the header
YEARS = (2021, 2022, 2023)


# --- reading back -----------------------------------------------------------------------------

_SUBTRACTION = re.compile(r"^=([A-Z]+\d+)-([A-Z]+\d+)$")
_SUM = re.compile(r"^=SUM\(([A-Z]+\d+:[A-Z]+\d+)\)$")


def figure(sheet, address: str) -> Decimal | None:
    """What a spreadsheet shows in a cell holding a figure: a number, =A1-B1 or =SUM(A1:A9).
    Text in a subtraction is an error, as in Excel (#VALUE!)."""
    value = sheet[address].value
    if value is None:
        return None
    if isinstance(value, (int, float)):
        return Decimal(str(value))
    assert isinstance(value, str), (address, value)
    match = _SUBTRACTION.match(value)
    if match:
        parts = [sheet[a].value for a in match.groups()]
        assert not any(isinstance(p, str) and not p.startswith("=") for p in parts), f"{address}: text in {value}"
        left, right = (figure(sheet, a) or Decimal(0) for a in match.groups())
        return left - right
    match = _SUM.match(value)
    assert match, f"{address} holds {value!r}, not a figure"
    return sum((figure(sheet, c.coordinate) or Decimal(0) for row in sheet[match.group(1)] for c in row
                if not isinstance(c.value, str) or c.value.startswith("=")), Decimal(0))


def headers(sheet, row: int) -> dict[str, str]:
    """Header text -> column letter."""
    return {c.value: c.column_letter for c in sheet[row] if c.value is not None}


def row_of(sheet, column: str, text: str) -> int:
    rows = [c.row for c in sheet[column] if c.value == text]
    assert len(rows) == 1, (text, rows)
    return rows[0]


def filled(cell) -> bool:
    return cell.fill.fill_type == "solid" and cell.fill.fgColor.rgb.endswith(CHANGED_COLOUR)


def line_figures(sheet, post: str, year: int) -> tuple:
    row, columns = row_of(sheet, "B", post), headers(sheet, HEADER_ROW)
    return tuple(figure(sheet, f"{columns[f'{year} {part}']}{row}") if part == "verschil" else
                 sheet[f"{columns[f'{year} {part}']}{row}"].value for part in ("voor", "na", "verschil"))


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# --- the amendment ----------------------------------------------------------------------------

@pytest.fixture
def workspace(ws):
    """The demo, as a file and on the PostgreSQL test server (conftest ``ws``)."""
    return ws


@pytest.fixture
def file_workspace(demo_workspace):
    """The demo file: the refusals to write are about files and run on SQLite only."""
    workspace = open_workspace(demo_workspace)
    yield workspace
    workspace.close()


def amend(workspace) -> tuple[int, int]:
    """The demo's adopted plan and an amendment of it with the changes this file checks."""
    with workspace.session() as session:
        adopted = find_plan(session, 2022).id
    amendment = create_amendment(workspace, adopted)
    with workspace.session() as session:
        lines = load_plan_lines(session, session.get(Plan, amendment))
        role = session.scalars(select(Role).where(Role.plan_id == amendment).order_by(Role.position)).first()
        project = session.scalars(select(Project).join(Project.chapter).where(Chapter.plan_id == amendment)
                                  .order_by(Project.id)).first()
        role_id, project_id, role_fte, status = role.id, project.id, role.fte, project.status
    ids = {lines.lines[i].name: i for i in lines.order}
    group = lines.lines[ids[RAISED]].group_id
    added = add_line(workspace, group, name=HOSTILE)
    set_cells(workspace, [CellChange(ids[RAISED], 2022, parse_cell("80.000")),
                          CellChange(ids[MARKER], 2023, parse_cell("25.000")),
                          CellChange(added, 2022, parse_cell("15.000")),
                          CellChange(ids[MOVED], 2022, parse_cell("90.000"))])
    delete_line(workspace, ids[REMOVED])
    move(workspace, "line", ids[MOVED], Place(group, 0))
    set_role_fields(workspace, role_id, fte=str(role_fte + 1).replace(".", ","))
    add_action(workspace, project_id, description=COMMAND)
    set_project_fields(workspace, project_id,
                       status=ProjectStatus.AT_RISK if status is not ProjectStatus.AT_RISK else ProjectStatus.DONE)
    rename_plan(workspace, amendment, TITLE)
    return adopted, amendment


@pytest.fixture
def written(workspace, tmp_path):
    adopted, amendment = amend(workspace)
    comparison = compare_plans(workspace, adopted, amendment)
    out = tmp_path / "vergelijking.xlsx"
    write_comparison_workbook(comparison, out)
    return comparison, openpyxl.load_workbook(out), out


# --- Vergelijking -----------------------------------------------------------------------------

def test_sheets_title_and_header(written):
    comparison, book, out = written
    assert book.sheetnames == ["Vergelijking", "Bijdragen", "Formatie en projecten"]
    sheet = book["Vergelijking"]
    assert sheet["A1"].value == f"{TITLE} vergeleken met {comparison.before_title}"
    assert sheet["A1"].font.b and not sheet["A1"].alignment.wrap_text and sheet["A1"].fill.fill_type is None
    assert [c.value for c in sheet[HEADER_ROW]] == [
        "Groep", "Post", "Wat", "2021 voor", "2021 na", "2021 verschil", "2022 voor", "2022 na", "2022 verschil",
        "2023 voor", "2023 na", "2023 verschil", "Toelichting"]
    assert sheet.freeze_panes == "C4"  # the header, Groep and Post stay in view
    assert sheet.print_title_rows == "$3:$3"
    assert book["Bijdragen"].freeze_panes == "B2"
    assert leftovers(out.parent) == []


def test_every_line_on_its_row_with_before_after_and_difference(written):
    comparison, book, _ = written
    sheet = book["Vergelijking"]
    posts = [sheet.cell(r, 2).value for r in range(HEADER_ROW + 1, HEADER_ROW + 1 + len(comparison.budget.lines))]
    assert posts == [line.name for line in comparison.budget.lines]
    assert line_figures(sheet, RAISED, 2022) == (70000, 80000, Decimal(10000))
    assert line_figures(sheet, HOSTILE, 2022) == (None, 15000, Decimal(15000))
    assert line_figures(sheet, REMOVED, 2022) == (50000, None, Decimal(-50000))
    assert line_figures(sheet, MOVED, 2022) == (100000, 90000, Decimal(-10000))
    assert line_figures(sheet, UNCHANGED, 2022) == (35000, 35000, Decimal(0))
    # Markers are text; the money a marker replaced by an amount adds is the amount.
    assert line_figures(sheet, MARKER, 2023) == ("id", 25000, Decimal(25000))
    assert line_figures(sheet, RAISED, 2023) == ("id", "id", None)  # nothing to subtract
    assert line_figures(sheet, HOSTILE, 2021) == (None, None, None)
    assert sheet[f"D{row_of(sheet, 'B', RAISED)}"].number_format == "#,##0"
    kinds = {sheet[f"B{r}"].value: (sheet[f"A{r}"].value, sheet[f"C{r}"].value, sheet[f"M{r}"].value)
             for r in range(HEADER_ROW + 1, HEADER_ROW + 1 + len(comparison.budget.lines))}
    assert kinds[RAISED] == ("1. Regionale netwerksamenwerking", "gewijzigd", "gewijzigd in 2022")
    assert kinds[HOSTILE][1:] == ("toegevoegd", "toegevoegd")
    assert kinds[REMOVED] == ("2. Prioritaire activiteiten › Kwetsbare gezinnen › Aanpak Wachtlijsten",
                              "verwijderd", "verwijderd")
    assert kinds[MOVED][:2] == ("1. Regionale netwerksamenwerking", "verplaatst; gewijzigd")
    assert kinds[MOVED][2].startswith("verplaatst van 2. Prioritaire activiteiten › Lerend ontwikkelen")
    assert kinds[UNCHANGED] == ("1. Regionale netwerksamenwerking", None, None)
    assert sheet.cell(sheet.max_row, 1).value == MARKERS_NOTE


def test_subtotals_totals_funding_saldo_and_what_is_split(written):
    comparison, book, _ = written
    sheet = book["Vergelijking"]
    columns = headers(sheet, HEADER_ROW)
    totals = comparison.totals
    rows = [(f"Subtotaal {g.label}", g) for g in totals.groups]
    rows += [(r.label, r) for r in (totals.total, totals.funding, totals.to_split)]
    for label, source in rows:
        row = row_of(sheet, "A", label)
        for year in YEARS:
            pair = source.values.get(year)
            got = [sheet[f"{columns[f'{year} voor']}{row}"].value, sheet[f"{columns[f'{year} na']}{row}"].value]
            if pair is None or (pair.before is None and pair.after is None):  # no such year, or no
                # funding in a comparison column
                assert got == [None, None] and figure(sheet, f"{columns[f'{year} verschil']}{row}") is None
                continue
            assert got == [pair.before, pair.after], (label, year)
            assert figure(sheet, f"{columns[f'{year} verschil']}{row}") == pair.difference, (label, year)
    total = row_of(sheet, "A", "Totaal")
    # 80.000 − 70.000 + 15.000 − 50.000 + 90.000 − 100.000, and the PM-free 25.000 in 2023.
    assert figure(sheet, f"I{total}") == Decimal(-35000) and figure(sheet, f"L{total}") == Decimal(25000)
    # 2021 is the plans' comparison column: never funded, so no saldo.
    saldo = row_of(sheet, "A", "Saldo")
    assert [sheet[f"{c}{saldo}"].value for c in "DEF"] == [None, None, None]
    assert (sheet[f"G{saldo}"].value, sheet[f"H{saldo}"].value, figure(sheet, f"I{saldo}")) == (0, 35000, 35000)
    split = row_of(sheet, "A", "Te verdelen over de gemeenten")
    assert [sheet[f"{c}{split}"].value for c in "DEF"] == [None, None, None]  # not an own year
    assert figure(sheet, f"I{split}") == Decimal(-35000)
    assert sheet[f"A{row_of(sheet, 'A', 'Subtotaal Kwetsbare gezinnen')}"].alignment.indent == 1


def test_changed_cells_are_filled_and_nothing_else(written):
    comparison, book, _ = written
    sheet = book["Vergelijking"]
    marked = {c.coordinate for row in sheet.iter_rows() for c in row if filled(c)}
    raised, added, marker = (row_of(sheet, "B", n) for n in (RAISED, HOSTILE, MARKER))
    removed, moved = row_of(sheet, "B", REMOVED), row_of(sheet, "B", MOVED)
    assert {f"{c}{raised}" for c in "CGHIM"} == {c for c in marked if c[1:] == str(raised)}
    assert {f"{c}{marker}" for c in "CJKLM"} == {c for c in marked if c[1:] == str(marker)}
    assert {f"{c}{added}" for c in "BCGHIM"} == {c for c in marked if c[1:] == str(added)}
    assert {f"{c}{removed}" for c in "BCGHIM"} == {c for c in marked if c[1:] == str(removed)}
    assert {f"{c}{moved}" for c in "ACGHIM"} == {c for c in marked if c[1:] == str(moved)}
    lines = range(HEADER_ROW + 1, HEADER_ROW + 1 + len(comparison.budget.lines))
    assert {int(c[1:]) for c in marked if int(c[1:]) in lines} == {raised, added, marker, removed, moved}
    assert not {c for c in marked if int(c[1:]) <= HEADER_ROW}  # title and header
    total = row_of(sheet, "A", "Totaal")
    assert {c for c in marked if c[1:] == str(total)} == {f"{c}{total}" for c in "GHIJKL"}
    assert not {c for c in marked if c[1:] == str(row_of(sheet, "A", "Dekking"))}


# --- Bijdragen --------------------------------------------------------------------------------

def test_contributions_add_up_to_the_difference_in_what_is_split(written):
    comparison, book, _ = written
    sheet = book["Bijdragen"]
    assert [c.value for c in sheet[1]] == ["Gemeente", "2022 voor", "2022 na", "2022 verschil",
                                           "2023 voor", "2023 na", "2023 verschil"]
    contributions = comparison.totals.contributions
    assert [sheet.cell(r, 1).value for r in range(2, 2 + len(contributions))] == [m.label for m in contributions]
    total = row_of(sheet, "A", "Totaal")
    split = row_of(sheet, "A", "Te verdelen over de gemeenten")
    assert total == 2 + len(contributions)
    for offset, year in enumerate((2022, 2023)):
        before, after, difference = (chr(ord("B") + 3 * offset + i) for i in range(3))
        for row, municipality in enumerate(contributions, start=2):
            pair = municipality.values[year]
            assert (sheet[f"{before}{row}"].value, sheet[f"{after}{row}"].value) == (pair.before, pair.after)
            assert figure(sheet, f"{difference}{row}") == pair.difference
            assert filled(sheet[f"{difference}{row}"]) == pair.changed
        assert sheet[f"{difference}{total}"].value == f"=SUM({difference}2:{difference}{total - 1})"
        expected = comparison.totals.to_split.values[year].difference
        assert figure(sheet, f"{difference}{total}") == figure(sheet, f"{difference}{split}") == expected
        assert figure(sheet, f"{after}{total}") == figure(sheet, f"{after}{split}")
    assert figure(sheet, f"D{split}") == Decimal(-35000) and figure(sheet, f"G{split}") == Decimal(25000)
    assert sheet[f"B{total}"].number_format == "#,##0"


def test_missing_contributions_give_the_reason(workspace, tmp_path):
    adopted, amendment = amend(workspace)
    with workspace.transaction() as session:
        session.get(Plan, amendment).allocation_key_id = None
    comparison = compare_plans(workspace, adopted, amendment)
    assert comparison.totals.contribution_problem and not comparison.totals.contributions
    write_comparison_workbook(comparison, tmp_path / "v.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "v.xlsx")["Bijdragen"]
    assert sheet["A2"].value == comparison.totals.contribution_problem
    assert sheet["A2"].font.i  # a note, not a municipality
    assert sheet["A4"].value == "Te verdelen over de gemeenten" and figure(sheet, "D4") == Decimal(-35000)


# --- Formatie en projecten ----------------------------------------------------------------------

def test_staffing_and_outline_changes_in_columns(written):
    comparison, book, _ = written
    sheet = book["Formatie en projecten"]
    assert [c.value for c in sheet[1]] == ["Soort", "Naam", "Eenheid", "Voor", "Na", "Verschil"]
    role = next(c for c in comparison.staffing if c.what == "rol")
    row = row_of(sheet, "B", role.label)
    assert [sheet.cell(row, c).value for c in range(1, 6)] == ["rol", role.label, "fte", role.before, role.after]
    assert figure(sheet, f"F{row}") == Decimal(1) and sheet[f"D{row}"].number_format == "#,##0.00"
    start = row_of(sheet, "A", "Onderdeel")
    assert sheet.cell(start - 1, 1).value == "Projecten en acties"
    assert [c.value for c in sheet[start]] == ["Onderdeel", "Wijziging", "Omschrijving", "Toelichting", None, None]
    action = next(c for c in comparison.outline if c.label == COMMAND)
    row = row_of(sheet, "C", COMMAND)
    assert [sheet.cell(row, c).value for c in range(1, 5)] == ["Actie", "toegevoegd", COMMAND, action.detail]
    assert action.detail  # the project it was added to
    status = next(c for c in comparison.outline if c.kind == "status")
    row = row_of(sheet, "C", status.label)
    assert [sheet.cell(row, c).value for c in range(1, 5)] == ["Project", "andere status", status.label,
                                                               status.detail]
    assert " → " in status.detail


def test_unchanged_plans_mark_nothing_and_say_so(workspace, tmp_path):
    with workspace.session() as session:
        adopted = find_plan(session, 2022).id
    amendment = create_amendment(workspace, adopted)
    write_comparison_workbook(compare_plans(workspace, adopted, amendment), tmp_path / "v.xlsx")
    book = openpyxl.load_workbook(tmp_path / "v.xlsx")
    assert not [c.coordinate for sheet in book for row in sheet.iter_rows() for c in row if filled(c)]
    sheet = book["Vergelijking"]
    assert all(sheet.cell(r, 3).value is None for r in range(HEADER_ROW + 1, HEADER_ROW + 22))
    formatie = book["Formatie en projecten"]
    assert formatie["A2"].value == NO_STAFFING and formatie["A6"].value == NO_OUTLINE


def test_a_year_only_one_plan_has_is_left_empty(workspace, tmp_path):
    with workspace.session() as session:
        adopted = find_plan(session, 2022).id
    following = create_next_year(workspace, adopted).plan_id
    comparison = compare_plans(workspace, adopted, following)
    write_comparison_workbook(comparison, tmp_path / "v.xlsx")
    book = openpyxl.load_workbook(tmp_path / "v.xlsx")
    sheet = book["Vergelijking"]
    assert [c.value for c in sheet[HEADER_ROW]][3:-1:3] == ["2021 voor", "2022 voor", "2023 voor", "2024 voor"]
    name = "Programmamanager Jeugd (40% uitvoering)"
    assert line_figures(sheet, name, 2021) == (77500, None, None)  # 2023's plan has no 2021
    assert line_figures(sheet, name, 2022)[:2] == (127500, 127500)
    assert line_figures(sheet, name, 2024)[0] is None and line_figures(sheet, name, 2024)[2] is None
    total = row_of(sheet, "A", "Totaal")
    assert sheet[f"E{total}"].value is None and sheet[f"F{total}"].value is None
    bijdragen = book["Bijdragen"]
    assert [c.value for c in bijdragen[1]][1::3] == ["2022 voor", "2023 voor", "2024 voor"]
    assert bijdragen["C2"].value is None and bijdragen["D2"].value is None  # 2022: not the newer plan's year
    assert bijdragen["B2"].value == comparison.totals.contributions[0].values[2022].before


# --- formula-like text --------------------------------------------------------------------------

def test_formula_like_text_stays_text(written):
    _, book, out = written
    vergelijking, formatie = book["Vergelijking"], book["Formatie en projecten"]
    cells = [vergelijking[f"B{row_of(vergelijking, 'B', HOSTILE)}"], vergelijking["A1"],
             formatie[f"C{row_of(formatie, 'C', COMMAND)}"]]
    for cell in cells:
        assert cell.data_type == "s" and cell.quotePrefix, cell.coordinate
    assert TITLE in vergelijking.oddHeader.center.text
    with zipfile.ZipFile(out) as archive:
        xml = "".join(archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith(".xml"))
    formulas = re.findall(r"<f>(.*?)</f>", xml)
    assert formulas and not any("HYPERLINK" in f or "cmd" in f or "Wijziging" in f for f in formulas)


# --- writing and refusals -----------------------------------------------------------------------

def test_a_second_write_replaces_the_first(workspace, tmp_path):
    adopted, amendment = amend(workspace)
    out = tmp_path / "v.xlsx"
    write_comparison_workbook(compare_plans(workspace, adopted, amendment), out)
    with workspace.session() as session:
        lines = load_plan_lines(session, session.get(Plan, amendment))
    raised = next(i for i in lines.order if lines.lines[i].name == RAISED)
    set_cells(workspace, [CellChange(raised, 2022, parse_cell("95.000"))])
    write_comparison_workbook(compare_plans(workspace, adopted, amendment), out)
    sheet = openpyxl.load_workbook(out)["Vergelijking"]
    assert line_figures(sheet, RAISED, 2022) == (70000, 95000, Decimal(25000))
    assert leftovers(tmp_path) == []


@pytest.fixture
def comparison(file_workspace):
    return compare_plans(file_workspace, *amend(file_workspace))


@pytest.mark.parametrize("name", ["v.xls", "v", "v.csv"])
def test_only_an_excel_name(comparison, tmp_path, name):
    with pytest.raises(ExportError) as caught:
        write_comparison_workbook(comparison, tmp_path / name)
    assert caught.value.message == f"Geef een Excel-bestand op, bijvoorbeeld {Path(name).stem}.xlsx."
    assert not (tmp_path / name).exists() and leftovers(tmp_path) == []


def test_a_missing_folder(comparison, tmp_path):
    out = tmp_path / "weg" / "v.xlsx"
    with pytest.raises(ExportError) as caught:
        write_comparison_workbook(comparison, out)
    assert caught.value.message == f"De map “{out.parent}” bestaat niet; kies een andere plek voor het bestand."
    assert not out.parent.exists()


def test_never_over_the_workspace_itself(file_workspace, comparison, tmp_path):
    workspace = file_workspace
    link = tmp_path / "link.xlsx"
    link.symlink_to(workspace.path)
    before = workspace.path.read_bytes()
    with pytest.raises(OutputPathError) as caught:
        write_comparison_workbook(comparison, link)
    assert caught.value.message == ("“link.xlsx” is een Planbord-werkbestand; Planbord schrijft er niet "
                                    "overheen. Kies een andere naam.")
    assert workspace.path.read_bytes() == before and leftovers(workspace.path.parent) == []


def test_a_locked_file_is_left_as_it_was(comparison, tmp_path, monkeypatch):
    out = tmp_path / "v.xlsx"
    out.write_bytes(b"oud")
    real_replace = os.replace

    def locked(source, target):
        if Path(target) == out.resolve():
            raise PermissionError(errno.EACCES, "Permission denied", str(target))
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(OutputPathError) as caught:
        write_comparison_workbook(comparison, out)
    assert caught.value.message == ("Planbord kon “v.xlsx” niet opslaan: u heeft geen schrijfrechten (of het "
                                    "bestand is geopend in een ander programma).")
    assert out.read_bytes() == b"oud" and leftovers(tmp_path) == []


def test_a_write_that_fails_halfway_leaves_no_half_file(comparison, tmp_path, monkeypatch):
    out = tmp_path / "v.xlsx"

    def full(tables, path, title=""):
        Path(path).write_bytes(b"half")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(xlsx_writer, "write_workbook", full)
    with pytest.raises(OutputPathError) as caught:
        write_comparison_workbook(comparison, out)
    assert caught.value.message == "Planbord kon “v.xlsx” niet opslaan: de schijf is vol."
    assert not out.exists() and leftovers(tmp_path) == []


# --- LibreOffice computes the same differences ----------------------------------------------------

def test_libreoffice_computes_every_difference_to_planbords(written, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed here; the recalculation check needs "
                    "`soffice --headless` (Debian: libreoffice-calc-nogui)")
    _, book, source = written
    done = subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                           "--convert-to", "xlsx", "--outdir", str(tmp_path / "out"), str(source)],
                          capture_output=True, text=True, timeout=180)
    converted = tmp_path / "out" / source.name
    assert converted.exists(), done.stderr
    values = openpyxl.load_workbook(converted, data_only=True)
    checked = 0
    for sheet in book:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith("=") and cell.data_type == "f":
                    computed = values[sheet.title][cell.coordinate].value
                    assert isinstance(computed, (int, float)), (sheet.title, cell.coordinate, computed)
                    assert Decimal(str(computed)) == figure(sheet, cell.coordinate), (sheet.title, cell.coordinate)
                    checked += 1
    assert checked > 100
