"""A comparison's lines read compactly (issue 18, memory): the cells read from the driver's rows
(cents, markers as text) are the cells the ORM reads, a cell edit applied in memory changes that
one line and cell, and the sums made from the lines are the database's sums, before and after
edits of every kind (an amount, a marker, emptied, a year that had nothing)."""
from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from app.models import BudgetCell, BudgetGroup, BudgetLine, Marker, Plan
from app.services.budget import CellDelta, cell_sums
from app.services.cell_input import EMPTY, CellValue, marker_spelling
from app.services.comparison import Cells, cell_sums_of, load_plan_lines
from app.services.plans import find_plan

D = Decimal


def orm_cells(session, plan) -> dict[int, dict[int, CellValue]]:
    """line id -> {year: CellValue} as the ORM reads them (the reference)."""
    cells: dict[int, dict[int, CellValue]] = {}
    for cell in session.scalars(select(BudgetCell).join(BudgetCell.line).join(BudgetLine.group)
                                .where(BudgetGroup.plan_id == plan.id)):
        if cell.year not in plan.years or (cell.amount is None and cell.marker is None):
            continue
        cells.setdefault(cell.line_id, {})[cell.year] = CellValue(
            cell.amount, cell.marker, marker_spelling(cell.marker, cell.marker_text))
    return cells


def by_key(sums) -> dict:
    return {(s.group_id, s.set_id, s.year): (s.amount, s.markers) for s in sums if s.amount or s.markers}


def test_the_cells_read_compactly_are_the_cells_the_orm_reads(ws):
    with ws.session() as s:
        plan = find_plan(s, 2022)
        lines = load_plan_lines(s, plan)
        reference = orm_cells(s, plan)
    assert len(lines.lines) >= 20
    markers = amounts = 0
    for line in lines.lines.values():
        assert isinstance(line.cells, Cells)
        assert dict(line.cells) == reference.get(line.id, {}), line.name
        for value in line.cells.values():
            markers += value.marker is not None
            amounts += value.amount is not None
    assert markers > 0 and amounts > 30  # both kinds were read
    a_marker_line = next(line for line in lines.lines.values()
                         if any(v.marker is Marker.IDEM for v in line.cells.values()))
    year = next(y for y, v in a_marker_line.cells.items() if v.marker is Marker.IDEM)
    assert a_marker_line.cell(year).text() in ("id.", "id")
    assert a_marker_line.cell(1999) is EMPTY  # no such year: empty, not an error
    assert a_marker_line.cells.get(1999) is None
    with pytest.raises(KeyError):
        a_marker_line.cells[1999]


def test_an_amount_reads_as_an_exact_decimal_in_euros(ws):
    with ws.session() as s:
        plan = find_plan(s, 2022)
        lines = load_plan_lines(s, plan)
        cell = s.scalars(select(BudgetCell).join(BudgetCell.line).join(BudgetLine.group)
                         .where(BudgetGroup.plan_id == plan.id, BudgetCell.amount.is_not(None))
                         .order_by(BudgetCell.id)).first()
        line_id, year, amount = cell.line_id, cell.year, cell.amount
    value = lines.lines[line_id].cell(year)
    assert value.amount == amount and value.amount.as_tuple().exponent == -2  # cents, as the ORM's
    assert value.marker is None and value.text() == CellValue(amount).text()


def test_cells_compare_by_content_whatever_they_hold(ws):
    years = (2021, 2022, 2023)
    a = Cells(years, (None, 1250000, CellValue(None, Marker.PM)))
    assert a == Cells(years, (None, 1250000, CellValue(None, Marker.PM)))
    assert a != Cells(years, (None, 1250001, CellValue(None, Marker.PM)))
    # the same content held otherwise (a typed CellValue, a dict) is equal too
    assert a == Cells(years, (None, CellValue(D("12500.00")), CellValue(None, Marker.PM)))
    assert a == {2022: CellValue(D("12500.00")), 2023: CellValue(None, Marker.PM)}
    assert len(a) == 2 and list(a) == [2022, 2023]


def test_an_edit_in_memory_changes_its_line_and_cell_only(ws):
    with ws.session() as s:
        plan = find_plan(s, 2022)
        lines = load_plan_lines(s, plan)
    filled = [line for line in lines.lines.values() if len(line.cells) == len(lines.years)]
    typed, emptied = filled[0], filled[1]
    empty_line = next(line for line in lines.lines.values() if len(line.cells) < len(lines.years))
    gap = next(y for y in lines.years if y not in empty_line.cells)
    deltas = [CellDelta(typed.id, 2022, typed.cell(2022), CellValue(D("1234.56"))),
              CellDelta(emptied.id, 2023, emptied.cell(2023), EMPTY),
              CellDelta(empty_line.id, gap, EMPTY, CellValue(None, Marker.PM))]
    after = lines.with_cells(deltas)
    assert after.lines[typed.id].cell(2022) == CellValue(D("1234.56"))
    assert after.lines[typed.id].cell(2021) == typed.cell(2021)  # the line's other years kept
    assert 2023 not in after.lines[emptied.id].cells and len(after.lines[emptied.id].cells) == len(lines.years) - 1
    assert after.lines[empty_line.id].cell(gap).marker is Marker.PM
    untouched = next(i for i in lines.lines if i not in (typed.id, emptied.id, empty_line.id))
    assert after.lines[untouched] is lines.lines[untouched]
    assert lines.lines[typed.id].cell(2022) == typed.cell(2022)  # the lines read stay as read


def test_the_sums_of_the_lines_are_the_database_s_before_and_after_edits(ws):
    with ws.session() as s:
        plan = find_plan(s, 2022)
        # amounts with cents in the file (the demo has whole euros): read as cents, summed as cents
        for cell, cents in zip(s.scalars(select(BudgetCell).join(BudgetCell.line).join(BudgetLine.group)
                                         .where(BudgetGroup.plan_id == plan.id, BudgetCell.year == 2022,
                                                BudgetCell.amount.is_not(None)).order_by(BudgetCell.id)),
                               ("0.55", "0.70", "-0.30")):
            cell.amount += D(cents)
        s.flush()
        lines = load_plan_lines(s, plan)
        assert by_key(cell_sums_of(lines)) == by_key(cell_sums(s, plan))
        filled = [line for line in lines.lines.values() if len(line.cells) == len(lines.years)]
        deltas = [CellDelta(filled[0].id, 2022, filled[0].cell(2022), CellValue(D("0.01"))),
                  CellDelta(filled[1].id, 2022, filled[1].cell(2022), CellValue(None, Marker.PM)),
                  CellDelta(filled[2].id, 2023, filled[2].cell(2023), EMPTY),
                  CellDelta(filled[3].id, 2021, filled[3].cell(2021), CellValue(D("-500.00")))]
        for delta in deltas:  # the same edits in the file, the reference
            cell = s.scalars(select(BudgetCell).where(BudgetCell.line_id == delta.line_id,
                                                      BudgetCell.year == delta.year)).first()
            if delta.new.is_empty:
                s.delete(cell)
            else:
                cell.amount, cell.marker, cell.marker_text = delta.new.amount, delta.new.marker, ""
        s.flush()
        expected = by_key(cell_sums(s, s.get(Plan, plan.id)))
        s.rollback()
    got = by_key(cell_sums_of(lines.with_cells(deltas)))
    assert got == expected
    assert any(amount.as_tuple().exponent == -2 and amount % 1 for amount, _ in got.values())  # cents kept
