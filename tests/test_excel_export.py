"""Export to Excel and CSV (issue 15, point 1): the demo plan written and read back with openpyxl.

Every line's cells and markers, notes as comments, subtotals and the total as SUM formulas
whose ranges cover exactly the group's lines (evaluated here from the read-back cells and
compared with the services' figures), the dekking's saldo and the contributions; user text
that a spreadsheet would evaluate stays text; CSV with ';', a BOM and decimal commas; every
refusal in Dutch, from the service and from ``python -m app export``.
"""
from __future__ import annotations

import csv
import errno
import re
import shutil
import subprocess
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import column_index_from_string
from sqlalchemy import select

from app.cli import main
from app.io import xlsx_writer
from app.io.excel_export import TABLES, ExportError, export_csv, export_workbook, parse_sheets
from app.io.table_model import Area, Column, Row, Section, Sum, Table, Text
from app.models import Action, BudgetCell, BudgetLine, FundingSource, Plan, Project
from app.services.allocation_matrix import allocation_matrix
from app.services.budget import budget_figures
from app.services.budget_sheet import RowKind, budget_sheet
from app.services.contributions import budget_contributions
from app.services.output_paths import OutputPathError
from app.services.plans import find_plan
from app.services.progress import plan_actions, progress_overview
from app.services.workspace import open_workspace

HOSTILE = '=HYPERLINK("http://x")'
YEARS = [2021, 2022, 2023]
FIRST_YEAR_COLUMN = 5  # E: after Nr., Omschrijving, Project, Gemeenten


# --- reading back ------------------------------------------------------------------------------

_REF = re.compile(r"(?:'?([^'!]+)'?!)?\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?")


def covered(formula: str) -> list[tuple[int, int]]:
    """The (row, column) cells a =SUM(...) formula adds up, in order (nested sums included)."""
    assert formula.startswith("=SUM(") and formula.endswith(")"), formula
    cells = []
    for match in _REF.finditer(formula[1:].replace("SUM(", "(")):
        _sheet, left, top, right, bottom = match.groups()
        right, bottom = right or left, bottom or top
        for row in range(int(top), int(bottom) + 1):
            for column in range(column_index_from_string(left), column_index_from_string(right) + 1):
                cells.append((row, column))
    return cells


def evaluate(workbook, sheet_name: str, value) -> Decimal:
    """What Excel makes of a cell's content: numbers as they are, text as nothing in a sum,
    =SUM(...), =A1-B1 and ='Sheet'!A1 (the only formulas the export writes)."""
    if value is None or isinstance(value, str) and not value.startswith("="):
        return Decimal(0)
    if not isinstance(value, str):
        return Decimal(str(value))
    sheet = workbook[sheet_name]
    if value.startswith("=SUM("):
        return sum((evaluate(workbook, sheet_name, sheet.cell(r, c).value) for r, c in covered(value)),
                   Decimal(0))
    refs = list(_REF.finditer(value[1:]))
    parts = []
    for match in refs:
        other, column, row = match.group(1), match.group(2), int(match.group(3))
        name = other or sheet_name
        parts.append(evaluate(workbook, name, workbook[name][f"{column}{row}"].value))
    if "-" in value[1:] and len(parts) == 2:
        return parts[0] - parts[1]
    assert len(parts) == 1, value
    return parts[0]


@pytest.fixture(scope="module")
def exported(tmp_path_factory, demo_template):
    """The demo workspace, its plan and the workbook of all five tables, made once."""
    folder = tmp_path_factory.mktemp("excel-export")
    path = folder / "demo.planbord"
    shutil.copyfile(demo_template, path)
    out = folder / "demo-2022.xlsx"
    workspace = open_workspace(path, read_only=True)
    with workspace.session() as session:
        plan_id = find_plan(session, 2022).id
    result = export_workbook(workspace, plan_id, out)
    yield workspace, plan_id, out, result
    workspace.close()


@pytest.fixture(scope="module")
def book(exported):
    return openpyxl.load_workbook(exported[2])


def test_one_sheet_per_table_in_order(exported, book):
    assert exported[3].sheets == TABLES
    assert exported[3].path == exported[2]
    assert book.sheetnames == ["Begroting", "Dekking", "Bijdragen", "Formatie", "Acties"]
    assert not list(exported[2].parent.glob(".*.tmp"))  # no temporary file left beside it


def test_every_line_cell_and_marker(exported, book):
    workspace, plan_id, _, _ = exported
    sheet = book["Begroting"]
    assert [c.value for c in sheet[1]] == ["Nr.", "Omschrijving", "Project", "Gemeenten",
                                           "2021 (vergelijking)", "2022", "2023"]
    with workspace.session() as session:
        rows = budget_sheet(session, session.get(Plan, plan_id)).rows
    assert sheet.max_row == len(rows) + 1
    markers = amounts = 0
    for index, row in enumerate(rows, start=2):
        assert sheet.cell(index, 2).value == row.label
        if row.kind is not RowKind.LINE:
            continue
        assert sheet.cell(index, 3).value == (row.project_number or None)
        for offset, year in enumerate(YEARS):
            cell = sheet.cell(index, FIRST_YEAR_COLUMN + offset)
            value = row.cells[year]
            if value.marker is not None:
                assert (cell.value, cell.data_type) == (value.text(), "s")
                markers += 1
            elif value.amount is not None:
                assert cell.data_type == "n" and Decimal(str(cell.value)) == value.amount
                assert cell.number_format == "#,##0"
                amounts += 1
            else:
                assert cell.value is None
    assert markers > 10 and amounts > 20
    # id as the 2022 plan prints it, not "id."
    assert sheet.cell(4, 7).value == "id" and sheet.cell(3, 7).value == "doorlopend"


def test_notes_are_cell_comments(exported, book):
    sheet = book["Begroting"]
    note = sheet.cell(3, FIRST_YEAR_COLUMN).comment  # Programmamanager Jeugd, 2021
    assert note is not None and note.text.startswith("In 2020 en 2021 met jaarlijks met € 50.000")
    assert note.author == "Planbord"
    # A subtotal that left markers out says so.
    said = sheet.cell(8, FIRST_YEAR_COLUMN + 2).comment
    assert sheet.cell(8, 2).value == "Subtotaal Regionale netwerksamenwerking"
    assert said is not None and said.text == "Niet meegeteld: 4 cellen met PM, id. of doorlopend."


def test_subtotals_and_total_are_sums_over_exactly_their_lines(exported, book):
    workspace, plan_id, _, _ = exported
    sheet = book["Begroting"]
    with workspace.session() as session:
        plan = session.get(Plan, plan_id)
        figures = budget_figures(session, plan)
        rows = budget_sheet(session, plan, figures).rows
    lines_of: dict[int | None, set[int]] = {None: set()}
    open_groups: list[int] = []
    checked = 0
    for index, row in enumerate(rows, start=2):
        if row.kind is RowKind.GROUP:
            open_groups.append(row.id)
            lines_of[row.id] = set()
        elif row.kind is RowKind.LINE:
            for group in [None, *open_groups]:
                lines_of[group].add(index)
        else:
            group = open_groups.pop() if row.kind is RowKind.SUBTOTAL else None
            expected = figures.group(group).totals if group is not None else figures.total
            for offset, year in enumerate(YEARS):
                column = FIRST_YEAR_COLUMN + offset
                cell = sheet.cell(index, column)
                assert cell.data_type == "f", (row.label, year)
                cells = covered(cell.value)
                assert len(cells) == len(set(cells))  # no line counted twice
                assert set(cells) == {(r, column) for r in lines_of[group]}, (row.label, year)
                assert evaluate(book, "Begroting", cell.value) == expected[year], (row.label, year)
                checked += 1
    assert checked == 3 * (1 + sum(r.kind is RowKind.SUBTOTAL for r in rows))
    total = sheet.cell(len(rows) + 1, FIRST_YEAR_COLUMN + 1)
    assert evaluate(book, "Begroting", total.value) == Decimal("1280000")
    assert total.number_format == "#,##0"


def test_a_year_with_nothing_to_add_up_shows_empty(exported, book):
    sheet = book["Begroting"]
    cell = sheet.cell(8, FIRST_YEAR_COLUMN + 2)  # Subtotaal Regionale netwerksamenwerking, 2023
    assert cell.number_format == "#,##0;-#,##0;"  # zero shown as nothing, as in the editor
    assert sheet.cell(8, FIRST_YEAR_COLUMN + 1).number_format == "#,##0"


def test_dekking_with_who_pays_and_the_saldo_as_a_formula(exported, book):
    workspace, plan_id, _, _ = exported
    sheet = book["Dekking"]
    assert [c.value for c in sheet[1]] == ["Dekking", "Betaald door", "Bestemd voor", "2021 (vergelijking)",
                                           "2022", "2023"]
    assert [(r[0].value, r[1].value, r[2].value) for r in sheet.iter_rows(min_row=2, max_row=4)] == [
        ("reguliere regiobegroting", "gemeenten", None),
        ("onderbesteding Transformatiefonds 2021", "anderen", "alle posten"),
        ("Incidenteel aan te vullen uit overige onderbesteding 2021", "anderen", "alle posten")]
    assert [sheet.cell(r, 1).value for r in (5, 6, 7)] == ["Totaal dekking", "Totaal begroting",
                                                            "Saldo (dekking − begroting)"]
    with workspace.session() as session:
        figures = budget_figures(session, session.get(Plan, plan_id))
    for offset, year in enumerate(YEARS):
        column = 4 + offset
        assert evaluate(book, "Dekking", sheet.cell(5, column).value) == figures.funding[year]
        assert sheet.cell(6, column).value.startswith("='Begroting'!")  # live: follows the budget
        assert evaluate(book, "Dekking", sheet.cell(6, column).value) == figures.total[year]
        saldo = sheet.cell(7, column).value
        if year == 2021:  # a comparison column is never funded: no saldo
            assert saldo is None
        else:
            assert saldo == f"={sheet.cell(5, column).coordinate}-{sheet.cell(6, column).coordinate}"
            assert evaluate(book, "Dekking", saldo) == figures.balance[year]


def test_contributions_equal_the_services(exported, book):
    workspace, plan_id, _, _ = exported
    sheet = book["Bijdragen"]
    with workspace.session() as session:
        contributions = budget_contributions(session, session.get(Plan, plan_id))
    assert [c.value for c in sheet[1]][:3] == [
        "Gemeente", "Inwoners (indicatieve voorbeeldcijfers, vervangen door de afgesproken cijfers)",
        "Aandeel (%)"]
    assert [c.value for c in sheet[1]][3:] == ["Bijdrage 2022", "Bijdrage 2023"]
    names = contributions.municipalities
    assert [sheet.cell(r, 1).value for r in range(2, 2 + len(names))] == names
    for offset, year in enumerate([2022, 2023]):
        column = 4 + offset
        for row, name in enumerate(names, start=2):
            cell = sheet.cell(row, column)
            assert (cell.data_type, cell.number_format) == ("n", "#,##0")
            assert Decimal(cell.value) == contributions.by_year[year][name]
        total = sheet.cell(2 + len(names), column)
        assert evaluate(book, "Bijdragen", total.value) == contributions.totals[year]
    assert evaluate(book, "Bijdragen", sheet.cell(2 + len(names), 3).value) == Decimal("100.00")
    assert sheet.cell(2, 3).number_format == "#,##0.00"
    basis = {sheet.cell(r, 1).value: r for r in range(1, sheet.max_row + 1)}
    split = basis["Te verdelen (begroting − overige dekking)"]
    assert sheet.cell(basis["Begroting"], 4).value == 1280000
    assert sheet.cell(basis["Overige dekking (door anderen betaald)"], 4).value == 242500
    assert evaluate(book, "Bijdragen", sheet.cell(split, 4).value) == contributions.totals[2022] == 1037500
    assert any(str(sheet.cell(r, 1).value).startswith("Voorbeeldcijfers:") for r in range(1, sheet.max_row + 1))


def test_staffing_matrix_roles_and_people(exported, book):
    workspace, plan_id, _, _ = exported
    sheet = book["Formatie"]
    with workspace.session() as session:
        matrix = allocation_matrix(session, session.get(Plan, plan_id))
    header = [c.value for c in sheet[1]]
    assert header == ["Nr.", "Project", *[c.label for c in matrix.columns], "Totaal"]
    last = 3 + len(matrix.columns)
    for row_number, row in enumerate(matrix.rows, start=2):
        assert sheet.cell(row_number, 2).value == row.title
        for offset, value in enumerate(row.cells):
            cell = sheet.cell(row_number, 3 + offset)
            assert (Decimal(str(cell.value)) if cell.value is not None else None) == value
        assert evaluate(book, "Formatie", sheet.cell(row_number, last).value) == row.total
    total_row = 2 + len(matrix.rows)
    assert sheet.cell(total_row, 2).value == "Totaal (dagdelen per week)"
    assert evaluate(book, "Formatie", sheet.cell(total_row, last).value) == matrix.grand_total == 22
    assert sheet.cell(total_row, last).number_format == "#,##0.0"
    titles = [sheet.cell(r, 1).value for r in range(1, sheet.max_row + 1)]
    assert "Formatie (1 fte = 10 dagdelen per week)" in titles and "Personen" in titles
    roles = titles.index("Formatie (1 fte = 10 dagdelen per week)") + 1
    assert [c.value for c in sheet[roles + 1]][:5] == [
        "Rol", "Fte", "Fte voor uitvoering", "Capaciteit (dagdelen per week)",
        "Ingezet op de rol (dagdelen per week)"]


def test_projects_with_their_actions(exported, book):
    workspace, plan_id, _, _ = exported
    sheet = book["Acties"]
    with workspace.session() as session:
        actions = plan_actions(session, session.get(Plan, plan_id))
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    described = [r[3] for r in rows if r[3] is not None]
    assert sorted(described) == sorted(a.description for found in actions.values() for a in found)
    first = rows[0]
    assert first[:5] == ("3.1.1", "Aanpak wachtlijsten", "onbekend",
                         "Zicht op alle langwachtenden (> 3 maanden)", "Programmabureau")
    assert first[5].date().isoformat() == "2022-12-31" and first[6] == "onbekend"
    assert sheet.cell(2, 6).number_format == "dd-mm-yyyy"


def test_overdue_follows_today_and_a_project_without_actions_has_a_row(plan, tmp_path):
    workspace, plan_id = plan
    out = tmp_path / "acties.xlsx"
    export_workbook(workspace, plan_id, out, sheets="acties", today=date(2022, 1, 1))
    rows = list(openpyxl.load_workbook(out)["Acties"].iter_rows(min_row=2, values_only=True))
    assert not any(r[7] for r in rows)  # nothing was late on 1-1-2022
    export_workbook(workspace, plan_id, out, sheets="acties", today=date(2023, 1, 1))
    rows = list(openpyxl.load_workbook(out)["Acties"].iter_rows(min_row=2, values_only=True))
    assert {r[7] for r in rows if r[3] is not None} == {"ja"}  # none achieved, all due in 2022
    with workspace.session() as session:
        plan_row = session.get(Plan, plan_id)
        with_actions = plan_actions(session, plan_row)
        bare = [p.title for p in progress_overview(session, plan_row) if p.project_id not in with_actions]
    assert bare and [r[1] for r in rows if r[3] is None] == bare


def test_header_frozen_widths_print_titles_a4_landscape(book):
    for sheet in book:
        assert sheet.freeze_panes in ("B2", "C2"), sheet.title
        assert sheet.print_title_rows == "$1:$1"
        assert sheet.page_setup.orientation == "landscape"
        assert int(sheet.page_setup.paperSize) == 9  # A4
        assert sheet.column_dimensions["A"].width > 5 and sheet.column_dimensions["B"].width > 9
        assert "Uitvoeringsplan 2022" in sheet.oddHeader.center.text
        assert all(c.font.bold for c in sheet[1] if c.value is not None)
    assert book["Begroting"].freeze_panes == "C2"  # the header and Nr. + Omschrijving stay in view
    assert book["Begroting"].column_dimensions["B"].width == 60


# --- hostile text ---------------------------------------------------------------------------------

@pytest.fixture
def hostile(demo_workspace):
    """The demo with text a spreadsheet would evaluate in every kind of field, and more."""
    with open_workspace(demo_workspace) as workspace:
        with workspace.transaction() as session:
            plan = find_plan(session, 2022)
            plan.title = HOSTILE
            line = session.get(BudgetLine, 1)
            line.name = HOSTILE
            line.note = "+31 70 123 4567 bellen"
            line.municipality_set_id = 2  # H8
            session.get(BudgetLine, 2).name = "-korting\x01 met een stuurteken"
            session.get(FundingSource, 1).name = "@SUM(A1:A9)"
            session.scalars(select(Project).order_by(Project.id)).first().title = "\tinspringen"
            action = session.get(Action, 1)
            action.owner = "\r=1+1"
            action.description = "=cmd|' /C calc'!A0"
            cell = session.get(BudgetCell, 1)
            cell.amount = Decimal("77500.50")
        with workspace.session() as session:
            plan_id = find_plan(session, 2022).id
    return demo_workspace, plan_id


def test_formula_like_text_reads_back_as_text(hostile, tmp_path):
    path, plan_id = hostile
    out = tmp_path / "vijandig.xlsx"
    with open_workspace(path, read_only=True) as workspace:
        export_workbook(workspace, plan_id, out)
    book = openpyxl.load_workbook(out)
    begroting, dekking, acties = book["Begroting"], book["Dekking"], book["Acties"]
    for cell, text in [(begroting["B3"], HOSTILE), (begroting["B4"], "-korting met een stuurteken"),
                       (dekking["A2"], "@SUM(A1:A9)"), (acties["D2"], "=cmd|' /C calc'!A0"),
                       (acties["E2"], "\n=1+1")]:  # XML reads a carriage return as a line end
        assert (cell.value, cell.data_type) == (text, "s"), cell.coordinate
        assert cell.quotePrefix  # and Excel keeps it text when the cell is edited
    assert "\tinspringen" in [c.value for c in book["Formatie"]["B"]]
    assert begroting["D3"].value == "H8"
    assert begroting["B3"].comment.text == "+31 70 123 4567 bellen"
    assert HOSTILE in begroting.oddHeader.center.text
    with zipfile.ZipFile(out) as archive:  # no formula element holds any of it
        xml = "".join(archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith(".xml"))
    formulas = re.findall(r"<f>(.*?)</f>", xml)
    assert formulas and not any("HYPERLINK" in f or "cmd" in f or "A1:A9" in f for f in formulas)
    # An amount with cents: the whole budget sheet shows cents.
    assert begroting["E3"].value == 77500.5 and begroting["E3"].number_format == "#,##0.00"
    assert begroting["F3"].number_format == "#,##0.00"


def test_csv_puts_a_quote_before_formula_like_text(hostile, tmp_path):
    path, plan_id = hostile
    out = tmp_path / "begroting.csv"
    with open_workspace(path, read_only=True) as workspace:
        export_csv(workspace, plan_id, "begroting", out)
        export_csv(workspace, plan_id, "acties", tmp_path / "acties.csv")
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    assert rows[2][1] == "'" + HOSTILE
    assert rows[3][1] == "'-korting met een stuurteken"
    assert rows[2][4] == "77500,50" and rows[2][5] == "127500,00"  # cents: every amount with two
    total = rows[-1]
    assert total[1] == "Totaal Uitvoeringsprogramma 2022" and total[4:6] == ["1062500,50", "1280000,00"]
    actions = list(csv.reader((tmp_path / "acties.csv").read_bytes().decode("utf-8-sig").splitlines(),
                              delimiter=";"))
    assert actions[1][3] == "'=cmd|' /C calc'!A0"


# --- CSV ----------------------------------------------------------------------------------------

def test_csv_has_bom_semicolons_and_decimal_commas(demo_workspace, tmp_path):
    with open_workspace(demo_workspace, read_only=True) as workspace:
        with workspace.session() as session:
            plan_id = find_plan(session, 2022).id
        for table in TABLES:
            result = export_csv(workspace, plan_id, table, tmp_path / f"{table}.csv")
            assert result.sheets == (table,)
    raw = (tmp_path / "begroting.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf" + "Nr.;Omschrijving;Project;Gemeenten;2021 (vergelijking);2022;2023\r\n"
                          .encode("utf-8"))
    text = raw.decode("utf-8-sig")
    assert ";Programmamanager Jeugd (40% uitvoering);;;77500;127500;doorlopend\r\n" in text
    assert ";Totaal Uitvoeringsprogramma 2022;;;1062500;1280000;\r\n" in text  # 2023: nothing added up
    assert "Secretariële ondersteuning" in text  # UTF-8, not Windows-1252
    staffing = (tmp_path / "formatie.csv").read_bytes().decode("utf-8-sig")
    assert ";Totaal (dagdelen per week);0,0;0,0;0,0;22,0;22,0\r\n" in staffing
    assert "\r\n\r\nFormatie (1 fte = 10 dagdelen per week)\r\nRol;Fte;" in staffing
    assert "Programma-management;1,00;0,40;4,0;0,0\r\n" in staffing
    dekking = (tmp_path / "dekking.csv").read_bytes().decode("utf-8-sig")
    assert "Saldo (dekking − begroting);;;;0;0\r\n" in dekking
    key = (tmp_path / "bijdragen.csv").read_bytes().decode("utf-8-sig")
    assert "Delft;103700;8,73;90586;0\r\n" in key
    actions = (tmp_path / "acties.csv").read_bytes().decode("utf-8-sig")
    assert ";31-12-2022;onbekend;" in actions


# --- refusals -----------------------------------------------------------------------------------

@pytest.mark.parametrize("chosen, message", [
    ("begroting,overzicht", "Onbekende tabel: overzicht. Kies uit: begroting, dekking, bijdragen, formatie, "
                            "acties."),
    ("x,y", "Onbekende tabellen: x, y. Kies uit: begroting, dekking, bijdragen, formatie, acties."),
    (" , ", "Kies ten minste één tabel: begroting, dekking, bijdragen, formatie, acties."),
])
def test_unknown_tables_are_refused(chosen, message):
    with pytest.raises(ExportError) as caught:
        parse_sheets(chosen)
    assert caught.value.message == message


def test_tables_come_in_the_workbooks_order():
    assert parse_sheets(" Acties,BEGROTING ,acties") == ["begroting", "acties"]
    assert parse_sheets(["formatie", "dekking"]) == ["dekking", "formatie"]


def outputs(folder: Path) -> list[str]:
    """What is in ``folder`` besides the workspace (and its -wal and -shm)."""
    return sorted(p.name for p in folder.iterdir()
                  if not p.name.startswith("demo.planbord") and p.name != "planbord-data")


@pytest.fixture
def plan(demo_workspace):
    workspace = open_workspace(demo_workspace, read_only=True)
    with workspace.session() as session:
        plan_id = find_plan(session, 2022).id
    yield workspace, plan_id
    workspace.close()


@pytest.mark.parametrize("name, message", [
    ("plan.xls", "Geef een Excel-bestand op, bijvoorbeeld plan.xlsx."),
    ("plan", "Geef een Excel-bestand op, bijvoorbeeld plan.xlsx."),
])
def test_workbook_needs_xlsx(plan, tmp_path, name, message):
    with pytest.raises(ExportError) as caught:
        export_workbook(*plan, tmp_path / name)
    assert caught.value.message == message
    assert outputs(tmp_path) == []


def test_csv_is_one_table(plan, tmp_path):
    with pytest.raises(ExportError) as caught:
        export_csv(*plan, "begroting,dekking", tmp_path / "b.csv")
    assert caught.value.message == ("Een CSV-bestand bevat één tabel; kies er één: begroting, dekking, "
                                    "bijdragen, formatie, acties.")
    with pytest.raises(ExportError) as caught:
        export_csv(*plan, "begroting", tmp_path / "b.txt")
    assert caught.value.message == "Geef een CSV-bestand op, bijvoorbeeld b.csv."


def test_missing_folder(plan, tmp_path):
    out = tmp_path / "weg" / "b.xlsx"
    with pytest.raises(ExportError) as caught:
        export_workbook(*plan, out)
    assert caught.value.message == f"De map “{out.parent}” bestaat niet; kies een andere plek voor het bestand."


def test_never_over_the_workspace_or_another_one(plan, tmp_path, copy_demo):
    workspace, plan_id = plan
    link = tmp_path / "link.xlsx"
    link.symlink_to(workspace.path)
    before = workspace.path.read_bytes()
    with pytest.raises(OutputPathError) as caught:
        export_workbook(workspace, plan_id, link)
    assert "is het bestand zelf waaruit Planbord leest (“demo.planbord”)" in caught.value.message
    other = copy_demo(tmp_path / "ander.csv")
    with pytest.raises(OutputPathError) as caught:
        export_csv(workspace, plan_id, "begroting", other)
    assert caught.value.message == ("“ander.csv” is een Planbord-werkbestand; Planbord schrijft er niet "
                                    "overheen. Kies een andere naam.")
    assert workspace.path.read_bytes() == before


def test_a_gone_plan(plan, tmp_path):
    with pytest.raises(ExportError) as caught:
        export_workbook(plan[0], 9999, tmp_path / "b.xlsx")
    assert caught.value.message == "Dit plan bestaat niet meer; kies een ander plan."


def test_a_failed_write_leaves_the_old_file_and_no_temporary_one(plan, tmp_path, monkeypatch):
    out = tmp_path / "b.xlsx"
    out.write_bytes(b"oud")

    def full(tables, path, title=""):
        Path(path).write_bytes(b"half")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(xlsx_writer, "write_workbook", full)
    with pytest.raises(OutputPathError) as caught:
        export_workbook(*plan, out)
    assert caught.value.message == "Planbord kon “b.xlsx” niet opslaan: de schijf is vol."
    assert out.read_bytes() == b"oud"
    assert outputs(tmp_path) == ["b.xlsx"]


def test_an_existing_workbook_is_replaced(plan, tmp_path):
    out = tmp_path / "b.xlsx"
    out.write_bytes(b"oud")
    export_workbook(*plan, out, sheets="dekking")
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Dekking"]
    # Without the begroting sheet the budget total is the figure itself, not a link.
    assert book["Dekking"]["E6"].value == 1280000
    assert evaluate(book, "Dekking", book["Dekking"]["E7"].value) == 0


def test_a_plan_without_a_usable_key(demo_workspace, tmp_path):
    with open_workspace(demo_workspace) as workspace:
        with workspace.transaction() as session:
            plan = find_plan(session, 2022)
            plan.allocation_key_id = None
            plan_id = plan.id
        export_workbook(workspace, plan_id, tmp_path / "b.xlsx", sheets=["bijdragen"])
    sheet = openpyxl.load_workbook(tmp_path / "b.xlsx")["Bijdragen"]
    texts = [sheet.cell(r, 1).value for r in range(1, sheet.max_row + 1)]
    assert texts[:2] == ["Gemeente", "Totaal"]
    assert texts[-1].startswith("Dit plan heeft nog geen verdeelsleutel")


# --- the writer's limits ------------------------------------------------------------------------

def _one_column(areas: tuple[Area, ...], rows: int) -> Table:
    section = Section([Column("label", "Omschrijving", 20), Column(1, "Bedrag", 10, figures=True)])
    section.rows = [Row([Text(f"post {i}"), None]) for i in range(rows)]
    section.rows.append(Row([Text("Totaal"), Sum(areas, Decimal(12), 0)], "total"))
    return Table("t", "T", "Proef", [section])


def test_more_than_255_ranges_become_nested_sums(tmp_path):
    areas = tuple(Area(0, i, i, 1, 1) for i in range(0, 600, 2))  # 300 separate cells
    xlsx_writer.write_workbook([_one_column(areas, 600)], tmp_path / "t.xlsx")
    formula = openpyxl.load_workbook(tmp_path / "t.xlsx")["T"]["B602"].value
    assert formula.startswith("=SUM(SUM(B2,B4,") and formula.count("SUM(") == 3
    assert sorted(covered(formula)) == [(2 + i, 2) for i in range(0, 600, 2)]


def test_a_formula_too_long_for_excel_becomes_the_figure_with_a_note(tmp_path):
    areas = tuple(Area(0, i, i, 1, 1) for i in range(0, 4000, 2))  # 2,000 cells: > 8,000 characters
    xlsx_writer.write_workbook([_one_column(areas, 4000)], tmp_path / "t.xlsx")
    cell = openpyxl.load_workbook(tmp_path / "t.xlsx")["T"]["B4002"]
    assert (cell.value, cell.data_type) == (12, "n")
    assert cell.comment.text == xlsx_writer.TOO_LONG_NOTE


def test_text_a_workbook_cannot_hold_is_cleaned(tmp_path):
    section = Section([Column("label", "Omschrijving\x00", 20)],
                      [Row([Text("a\x02b" + "x" * 40_000)])])
    xlsx_writer.write_workbook([Table("t", "T", "Proef &", [section])], tmp_path / "t.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "t.xlsx")["T"]
    assert sheet["A1"].value == "Omschrijving"
    assert sheet["A2"].value.startswith("abxx") and len(sheet["A2"].value) == 32_767
    assert sheet["A2"].value.endswith("…")


# --- python -m app export ---------------------------------------------------------------------------

def run(capsys, *args) -> tuple[int, str, str]:
    code = main(["export", *map(str, args)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_cli_writes_the_workbook(demo_workspace, tmp_path, capsys):
    out = tmp_path / "plan.xlsx"
    code, stdout, stderr = run(capsys, demo_workspace, "--plan", 2022, "--out", out)
    assert (code, stderr) == (0, "")
    assert stdout == (f"Excel-bestand geschreven: {out} (tabbladen: begroting, dekking, bijdragen, "
                      "formatie, acties)\n")
    assert openpyxl.load_workbook(out).sheetnames == ["Begroting", "Dekking", "Bijdragen", "Formatie", "Acties"]


def test_cli_chosen_sheets_and_the_default_name(demo_workspace, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, stdout, _ = run(capsys, demo_workspace, "--sheets", "acties")
    assert (code, stdout) == (0, f"Excel-bestand geschreven: {Path('demo-2022.xlsx')} (tabblad: acties)\n")
    assert openpyxl.load_workbook(tmp_path / "demo-2022.xlsx").sheetnames == ["Acties"]


def test_cli_csv(demo_workspace, tmp_path, capsys):
    out = tmp_path / "b.csv"
    code, stdout, _ = run(capsys, demo_workspace, "--out", out, "--sheets", "begroting")
    assert (code, stdout) == (0, f"CSV-bestand geschreven: {out} (tabel begroting)\n")
    assert out.read_bytes().startswith(b"\xef\xbb\xbfNr.;")


@pytest.mark.parametrize("args, message", [
    (["--sheets", "begroting,overzicht"],
     "planbord: Onbekende tabel: overzicht. Kies uit: begroting, dekking, bijdragen, formatie, acties.\n"),
    (["--sheets", ","], "planbord: Kies ten minste één tabel: begroting, dekking, bijdragen, formatie, acties.\n"),
    (["--out", "b.csv"], "planbord: Een CSV-bestand bevat één tabel; kies er één met --sheets, bijvoorbeeld "
                         "--sheets begroting.\n"),
    (["--out", "b.ods"], "planbord: Geef een Excel-bestand (.xlsx) of een CSV-bestand (.csv) op, bijvoorbeeld "
                         "b.xlsx.\n"),
    (["--plan", "2025"], "planbord: Er is geen uitvoeringsplan voor 2025. Wel voor: 2022.\n"),
])
def test_cli_wrong_choices_are_refused_in_dutch(demo_workspace, tmp_path, capsys, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    code, stdout, stderr = run(capsys, demo_workspace, *args)
    assert (code, stdout, stderr) == (1, "", message)
    assert not list(tmp_path.glob("*.xlsx")) and not list(tmp_path.glob("*.csv"))


def test_cli_output_in_a_missing_folder(demo_workspace, tmp_path, capsys):
    out = tmp_path / "bestaat-niet" / "b.xlsx"
    code, stdout, stderr = run(capsys, demo_workspace, "--out", out)
    assert (code, stdout) == (1, "")
    assert stderr == f"planbord: De map “{out.parent}” bestaat niet; kies een andere plek voor het bestand.\n"


def test_cli_output_is_the_workspace_itself(copy_demo, tmp_path, capsys):
    workspace = copy_demo(tmp_path / "werk.xlsx")  # a workspace under a workbook's name
    before = workspace.read_bytes()
    code, stdout, stderr = run(capsys, workspace, "--out", workspace)
    assert (code, stdout) == (1, "")
    assert stderr == ("planbord: “werk.xlsx” is het bestand zelf waaruit Planbord leest (“werk.xlsx”); "
                      "Planbord schrijft er niet overheen. Kies een andere naam.\n")
    assert workspace.read_bytes() == before
    code, _, stderr = run(capsys, workspace, "--out", workspace.with_suffix(".planbord"))
    assert (code, stderr) == (1, "planbord: Geef een Excel-bestand (.xlsx) of een CSV-bestand (.csv) op, "
                                 "bijvoorbeeld werk.xlsx.\n")


def test_cli_missing_workspace(tmp_path, capsys):
    code, _, stderr = run(capsys, tmp_path / "weg.planbord", "--out", tmp_path / "b.xlsx")
    assert code == 1
    assert stderr == ("planbord: Het bestand “weg.planbord” bestaat niet (meer). Misschien is het "
                      "verplaatst of hernoemd.\n")


def test_cli_file_is_required(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["export"])
    assert caught.value.code == 2
    assert "planbord: deze gegevens ontbreken: BESTAND" in capsys.readouterr().err


# --- LibreOffice recalculates to Planbord's totals ------------------------------------------------

def test_libreoffice_recalculates_to_the_same_totals(exported, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed here; the recalculation check needs "
                    "`soffice --headless` (Debian: libreoffice-calc-nogui)")
    workspace, plan_id, source, _ = exported
    done = subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                           "--convert-to", "xlsx", "--outdir", str(tmp_path / "out"), str(source)],
                          capture_output=True, text=True, timeout=180)
    converted = tmp_path / "out" / source.name
    assert converted.exists(), done.stderr
    values = openpyxl.load_workbook(converted, data_only=True)  # what LibreOffice computed
    with workspace.session() as session:
        plan = session.get(Plan, plan_id)
        figures = budget_figures(session, plan)
        rows = budget_sheet(session, plan, figures).rows
        contributions = budget_contributions(session, plan)
    total_row = len(rows) + 1
    for offset, year in enumerate(YEARS):
        assert Decimal(str(values["Begroting"].cell(total_row, FIRST_YEAR_COLUMN + offset).value or 0)) \
            == figures.total[year]
        if year != 2021:
            assert Decimal(str(values["Dekking"].cell(7, 4 + offset).value)) == figures.balance[year]
    names = len(contributions.municipalities)
    assert Decimal(str(values["Bijdragen"].cell(2 + names, 4).value)) == contributions.totals[2022]
