"""Import of a budget (issue 15, points 2 and 5): detection, preview with problems, writing
into a draft's empty budget as one undo step, and the round trip export -> import.

Decision on the export's SUM formulas (written without cached values, so a data-only read
gives None): a subtotal or total row whose cells are formulas without a value is a subtotal or
total row, not a problem; Planbord computes the figure anyway. A line cell that is a formula
without a value is a problem.
"""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from app.cli import main
from app.io.budget_import import (
    BudgetImportError,
    apply_budget,
    detect_budget,
    detect_kind,
    preview_budget,
    read_value,
    undo_budget,
)
from app.io.excel_export import export_workbook
from app.io.readers import read_grid
from app.models import BudgetGroup, Marker, Plan, PrintedTotal
from app.services.budget_edit import delete_group
from app.services.budget_sheet import RowKind, budget_sheet
from app.services.cell_input import CellValue
from app.services.contributions import budget_contributions
from app.services.edit_errors import PlanReadOnlyError
from app.services.new_workspace import PlanSetup
from app.services.plan_edit import create_plan, create_scenario
from app.services.plans import find_plan
from app.services.workspace import open_workspace
from tests.file_rows import data_rows
from tests.file_rows import file_rows as dump


@pytest.fixture
def demo(demo_workspace):
    ws = open_workspace(demo_workspace)
    yield ws
    ws.close()


def plan_id_of(ws, year=2022) -> int:
    with ws.session() as s:
        return find_plan(s, year).id


def empty_draft(ws, plan_id: int) -> int:
    """A scenario of the plan (a draft copy, same key and dekking) with its budget emptied."""
    draft = create_scenario(ws, plan_id)
    with ws.session() as s:
        tops = list(s.scalars(select(BudgetGroup.id).where(BudgetGroup.plan_id == draft,
                                                           BudgetGroup.parent_id.is_(None))))
    for group_id in tops:
        delete_group(ws, group_id)
    return draft


def sheet_rows(ws, plan_id, notes=True):
    """The budget as comparable rows: kind, level, label, number, set, cells, notes, computed figures."""
    with ws.session() as s:
        sheet = budget_sheet(s, s.get(Plan, plan_id))
        out = []
        for row in sheet.rows:
            figures = {y: sheet.computed(row, y) for y in sheet.years} if row.kind in (
                RowKind.SUBTOTAL, RowKind.TOTAL) else {}
            label = row.label if row.kind is not RowKind.TOTAL else "TOTAL"
            out.append((row.kind, row.level, label, row.number, row.set_code, dict(row.cells),
                        dict(row.cell_notes) if notes else {}, row.note if notes else "", figures))
        return out


def contributions(ws, plan_id):
    with ws.session() as s:
        result = budget_contributions(s, s.get(Plan, plan_id))
        assert result.by_year and any(result.totals.values())
        return result.municipalities, result.by_year, result.totals, result.budget, result.other_funding


# --- round trip (point 5) ----------------------------------------------------------------------

def round_trip(demo, tmp_path):
    original = plan_id_of(demo)
    out = tmp_path / "plan.xlsx"
    export_workbook(demo, original, out, sheets="begroting")
    draft = empty_draft(demo, original)

    grid = read_grid(out, "Begroting")
    assert detect_kind(grid) == "begroting"
    mapping = detect_budget(grid)
    preview = preview_budget(grid, mapping)
    assert preview.problems == []  # the SUM formulas without values are subtotal rows, no problem
    assert preview.years == [2021, 2022, 2023]
    apply_budget(demo, draft, preview)
    return original, draft


def test_round_trip_demo_plan(demo, tmp_path):
    """Lines, cells, markers, subtotals (computed), total and contributions come back."""
    original, draft = round_trip(demo, tmp_path)
    before, after = sheet_rows(demo, original, notes=False), sheet_rows(demo, draft, notes=False)
    assert len(before) == len(after)
    for a, b in zip(before, after):
        assert a == b
    markers = [v for row in after for v in row[5].values() if v.marker is not None]
    assert CellValue(marker=Marker.IDEM, marker_text="id") in markers  # "id" as the plan prints it
    assert contributions(demo, draft) == contributions(demo, original)


def test_round_trip_keeps_notes(demo, tmp_path):
    original, draft = round_trip(demo, tmp_path)
    assert sheet_rows(demo, draft) == sheet_rows(demo, original)


# --- problems in the preview -------------------------------------------------------------------

def budget_workbook(path: Path, subtotal_2022=150035, total=None, extra_rows=()) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Begroting 2022"
    ws.append(["Uitvoeringsplan regio"])
    ws.append([])
    ws.append(["Omschrijving", "Begroting 2022", "2023", "2021 (vergelijking)"])
    ws.append(["Netwerk", None, None, None])
    ws.append(["Programmamanager", 100000, "PM", 90000])
    ws.append(["Secretariaat", 50000, "id.", None])
    ws.append(["Subtotaal netwerk", subtotal_2022, None, 90000])
    ws.append(["Projecten", None, None, None])
    ws.append(["Monitor", "€ 127.500,-", "doorlopend", "-"])
    ws.append(["Onderzoek", "1.280.000,00", None, None])
    for row in extra_rows:
        ws.append(row)
    ws.append(["Totaal", total, None, None])
    wb.save(path)
    return path


def test_typed_subtotal_off_by_35_is_listed(tmp_path):
    path = budget_workbook(tmp_path / "b.xlsx")
    grid = read_grid(path)
    mapping = detect_budget(grid)
    assert mapping.header_row == 2 and mapping.description_col == 0
    assert mapping.year_cols == {1: 2022, 2: 2023, 3: 2021}
    kinds = {i + 1: k for i, k in mapping.row_kinds.items() if k != "skip"}
    assert kinds == {4: "group", 5: "line", 6: "line", 7: "subtotal", 8: "group", 9: "line", 10: "line",
                     11: "total"}
    preview = preview_budget(grid, mapping)
    assert [p.ref for p in preview.problems] == ["B7"]
    message = preview.problems[0].message
    assert "Begroting 2022" in message and "B7" in message
    assert "€ 150.035" in message and "€ 150.000" in message and "€ 35 meer" in message
    assert preview.groups[0].printed == {2022: Decimal("150035.00"), 2021: Decimal("90000.00")}
    monitor = preview.lines[2]
    assert monitor.cells == {2022: CellValue(amount=Decimal("127500.00")), 2023: CellValue(marker=Marker.ONGOING)}
    assert preview.lines[3].cells[2022].amount == Decimal("1280000.00")


def test_bad_cells_and_typed_total(tmp_path):
    path = budget_workbook(tmp_path / "b.xlsx", subtotal_2022=150000, total=1557500,
                           extra_rows=[["Vreemd", "veel", "31-12", None]])
    preview = preview_budget(grid := read_grid(path), detect_budget(grid))
    refs = [p.ref for p in preview.problems]
    assert refs == ["B11", "C11"], preview.problems
    assert "'veel' is geen bedrag" in preview.problems[0].message
    assert preview.printed_total == {2022: Decimal("1557500.00")}


def test_read_value_dutch_amounts():
    assert read_value("1.280.000").amount == Decimal("1280000.00")
    assert read_value("1.280.000,00").amount == Decimal("1280000.00")
    assert read_value("€ 127.500,-").amount == Decimal("127500.00")
    assert read_value(" - ").is_empty
    assert read_value("p.m.").marker is Marker.PM
    assert read_value(Decimal("12.5")).amount == Decimal("12.50")


def test_subtotal_detected_by_sum_without_label(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in (["Post", 2022], ["Groep", None], ["a", 10], ["b", 20], [None, 30], ["Groep 2", None], ["c", 5]):
        ws.append(row)
    wb.save(tmp_path / "s.xlsx")
    grid = read_grid(tmp_path / "s.xlsx")
    mapping = detect_budget(grid)
    assert [mapping.row_kinds[i] for i in range(1, 7)] == ["group", "line", "line", "subtotal", "group", "line"]


# --- writing, undo, refusals -------------------------------------------------------------------

def test_apply_then_undo_restores_the_file(demo_workspace, tmp_path):
    ws = open_workspace(demo_workspace)
    try:
        draft = empty_draft(ws, plan_id_of(ws))
    finally:
        ws.close()
    before = data_rows(demo_workspace)
    path = budget_workbook(tmp_path / "b.xlsx", total=1557500)
    grid = read_grid(path)
    preview = preview_budget(grid, detect_budget(grid))
    ws = open_workspace(demo_workspace)
    try:
        done = apply_budget(ws, draft, preview)
        with ws.session() as s:
            printed = {(t.group_id is None, t.year): t.amount
                       for t in s.scalars(select(PrintedTotal).where(PrintedTotal.plan_id == draft))}
        assert printed[(False, 2022)] == Decimal("150035.00")  # the typed subtotal, kept as printed
        assert printed[(True, 2022)] == Decimal("1557500.00")  # replaced the emptied budget's one
        rows = sheet_rows(ws, draft)
        assert [r[2] for r in rows if r[0] is RowKind.LINE] == ["Programmamanager", "Secretariaat", "Monitor",
                                                                 "Onderzoek"]
        undo_budget(ws, done)
    finally:
        ws.close()
    assert data_rows(demo_workspace) == before


def test_refusals_write_nothing(demo_workspace, tmp_path):
    path = budget_workbook(tmp_path / "b.xlsx")
    grid = read_grid(path)
    preview = preview_budget(grid, detect_budget(grid))
    ws = open_workspace(demo_workspace)
    try:
        adopted = plan_id_of(ws)
        draft = create_scenario(ws, adopted)  # a draft, its budget not empty
    finally:
        ws.close()
    before = dump(demo_workspace)
    ws = open_workspace(demo_workspace)
    try:
        with pytest.raises(PlanReadOnlyError) as e:
            apply_budget(ws, adopted, preview)
        assert "vastgesteld" in e.value.message
        with pytest.raises(BudgetImportError) as e:
            apply_budget(ws, draft, preview)
        assert "niet leeg" in e.value.message
    finally:
        ws.close()
    assert dump(demo_workspace) == before


def test_years_outside_the_plan_refused(demo, tmp_path):
    draft = empty_draft(demo, plan_id_of(demo))
    wb = openpyxl.Workbook()
    wb.active.append(["Omschrijving", 2022, 2030])
    wb.active.append(["Groep"])
    wb.active.append(["a", 1, 2])
    wb.save(tmp_path / "y.xlsx")
    grid = read_grid(tmp_path / "y.xlsx")
    with pytest.raises(BudgetImportError) as e:
        apply_budget(demo, draft, preview_budget(grid, detect_budget(grid)))
    assert "2030" in e.value.message


# --- CLI -------------------------------------------------------------------------------------

def test_cli_import_dry_run_and_write(demo_workspace, tmp_path, capsys):
    ws = open_workspace(demo_workspace)
    try:
        with ws.session() as s:
            region_id = find_plan(s, 2022).region_id
        new_plan = create_plan(ws, region_id, PlanSetup(2023, first_year=2021, last_year=2023))
    finally:
        ws.close()
    path = budget_workbook(tmp_path / "b.xlsx")
    before = dump(demo_workspace)
    assert main(["import", str(demo_workspace), "--plan", "2023", str(path), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "4 posten in 2 groepen" in out and "B7" in out and "€ 35 meer" in out and "niets geschreven" in out
    assert dump(demo_workspace) == before

    assert main(["import", str(demo_workspace), "--plan", "2022", str(path)]) == 1  # adopted
    assert "vastgesteld" in capsys.readouterr().err
    assert dump(demo_workspace) == before

    assert main(["import", str(demo_workspace), "--plan", "2023", str(path), "--as", "begroting"]) == 0
    assert "Geïmporteerd" in capsys.readouterr().out
    ws = open_workspace(demo_workspace)
    try:
        assert [r[2] for r in sheet_rows(ws, new_plan) if r[0] is RowKind.LINE] == [
            "Programmamanager", "Secretariaat", "Monitor", "Onderzoek"]
    finally:
        ws.close()
