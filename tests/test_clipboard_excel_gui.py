"""The clipboard the Excel way (issue 15, point 4), in the real main window.

A block pasted from a line down that is taller than the lines there adds the lines it needs
(descriptions from its first column) in ONE undo step and one transaction; one undo gives the
file back exactly. Copying puts an HTML table beside the tab-separated text, whose amount cells
carry the plain number (x:num for Excel, sdval for LibreOffice) so they arrive as numbers.
"""
from __future__ import annotations

import re
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from sqlalchemy import select

from app.models import BudgetCell, BudgetGroup, BudgetLine, Plan
from app.services.budget_sheet import RowKind
from app.views.budget.budget_model import LABEL
from tests.test_budget_editor_gui import (  # noqa: F401 - fixtures
    assert_screen_matches_services,
    budget,
    column_of,
    editors,
    go,
    message,
    press,
    row_of,
    shown,
    window,
)

D = Decimal


def dump(editor):
    """Every budget_line and budget_cell row of the editor's plan, all columns."""
    with editor.context.workspace.session() as s:
        lines = s.scalars(select(BudgetLine).join(BudgetLine.group)
                          .where(BudgetGroup.plan_id == editor.plan_id).order_by(BudgetLine.id))
        line_rows = [tuple(getattr(line, c.key) for c in BudgetLine.__mapper__.column_attrs)
                     for line in lines]
        groups = s.scalars(select(BudgetGroup).where(BudgetGroup.plan_id == editor.plan_id)
                           .order_by(BudgetGroup.id))
        group_rows = [(g.id, g.position) for g in groups]
        cells = s.scalars(select(BudgetCell).join(BudgetCell.line).join(BudgetLine.group)
                          .where(BudgetGroup.plan_id == editor.plan_id)
                          .order_by(BudgetCell.line_id, BudgetCell.year))
        cell_rows = [tuple(getattr(c, k.key) for k in BudgetCell.__mapper__.column_attrs) for c in cells]
        return line_rows, group_rows, cell_rows


def group_lines(editor, group_id):
    """(name, {year: amount or marker}) of the group's lines, in order, from the file."""
    with editor.context.workspace.session() as s:
        lines = s.scalars(select(BudgetLine).where(BudgetLine.group_id == group_id)
                          .order_by(BudgetLine.position))
        return [(line.name, {c.year: c.marker.value if c.marker else c.amount for c in line.cells})
                for line in lines]


def last_group_start(model):
    """(group id, row of the third-last line of the last group with three lines or more)."""
    rows = model.sheet.rows
    for group in reversed([r for r in rows if r.kind is RowKind.GROUP]):
        lines = [i for i, r in enumerate(rows) if r.kind is RowKind.LINE and r.parent_id == group.id]
        if len(lines) >= 3 and lines[-1] - lines[-3] == 2 and rows[lines[-1] + 1].kind is not RowKind.LINE:
            return group.id, lines[-3]
    raise AssertionError("no group with three lines in a row")


def test_a_tall_block_adds_the_lines_it_needs_in_one_undo_step(window, editors, qtbot):
    budget, key = editors
    model, table = budget.model, budget.table
    stack = window.context.undo_stack
    group_id, top = last_group_start(model)
    y1, y2 = model.years[0], model.years[1]
    before_rows = model.rowCount()
    before_group = group_lines(budget, group_id)
    before = dump(budget)
    # Description, project, shared by, two years: as the table's own columns, from Excel.
    block = [("Huur kantoor", "1.000", "2.000"), ("Reiskosten", "€ 1.500,50", "PM"),
             ("Opleiding", "300", ""), ("Licenties", "4.000", "id."), ("Catering", "250", "250")]
    text = "".join(f"{name}\t\t\t{a}\t{b}\r\n" for name, a, b in block)
    QGuiApplication.clipboard().setText(text)
    go(table, top, LABEL)
    press(qtbot, table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert message(budget) == ""

    # Three rows over the group's last three lines, two new lines after them: one step.
    assert stack.count() == 1
    assert stack.undoText() == "5 rijen plakken (2 nieuwe posten)"
    assert model.rowCount() == before_rows + 2
    after = group_lines(budget, group_id)
    assert len(after) == len(before_group) + 2
    expected = [(D("1000.00"), D("2000.00")), (D("1500.50"), "PM"), (D("300.00"), None),
                (D("4000.00"), "id."), (D("250.00"), D("250.00"))]
    assert [name for name, _ in after[-5:]] == [name for name, _, _ in block]
    assert [(cells.get(y1), cells.get(y2)) for _, cells in after[-5:]] == expected
    assert after[:-5] == before_group[:-3]
    # On screen: the same rows, descriptions and amounts, and every figure from the file.
    for offset, (name, a, b) in enumerate(block):
        assert shown(model, top + offset, LABEL).strip() == name
        assert shown(model, top + offset, column_of(model, y1)) == a.replace("€ ", "")
        assert shown(model, top + offset, column_of(model, y2)) == b
    assert model.sheet.rows[top + 5].kind is RowKind.SUBTOTAL
    assert table.selection_block() == (top, LABEL, top + 4, column_of(model, y2))
    assert_screen_matches_services(window, budget, key)

    # One undo gives the file back exactly; redo brings the same lines back (same ids).
    added = dump(budget)
    window.undo_action.trigger()
    assert dump(budget) == before
    assert model.rowCount() == before_rows
    assert_screen_matches_services(window, budget, key)
    window.redo_action.trigger()
    again = dump(budget)
    assert again[:2] == added[:2]  # the lines with the same ids: later steps still find them
    assert [c[1:] for c in again[2]] == [c[1:] for c in added[2]]  # cells: the same but their id
    assert_screen_matches_services(window, budget, key)


def test_a_block_from_a_year_column_adds_new_posts(window, budget, qtbot):
    model, table = budget.model, budget.table
    line = row_of(model, "onderzoeksbudget")  # the last line of Samen leren
    group_id = model.sheet.rows[line].parent_id
    y = model.years[1]
    go(table, line, column_of(model, y))
    assert table.paste("10\n20\n30\n")
    assert window.context.undo_stack.count() == 1
    lines = group_lines(budget, group_id)
    assert [(name, cells.get(y)) for name, cells in lines[-2:]] == [
        ("Nieuwe post", D("20.00")), ("Nieuwe post", D("30.00"))]
    assert lines[-3][0] == "onderzoeksbudget" and lines[-3][1][y] == D("10.00")
    assert_screen_matches_services(window, budget)


def test_descriptions_of_existing_lines_can_be_pasted(window, budget, qtbot):
    model, table = budget.model, budget.table
    top = row_of(model, "Programmamanager Jeugd (40% uitvoering)")
    go(table, top, LABEL)
    assert table.paste("Programmamanager\nBeleid\n")
    assert window.context.undo_stack.count() == 1
    assert shown(model, top, LABEL).strip() == "Programmamanager"
    assert shown(model, top + 1, LABEL).strip() == "Beleid"
    window.undo_action.trigger()
    assert shown(model, top, LABEL).strip() == "Programmamanager Jeugd (40% uitvoering)"


def test_a_bad_amount_or_a_read_only_plan_refuses_the_whole_block(window, editors, qtbot):
    budget, key = editors
    model, table = budget.model, budget.table
    stack = window.context.undo_stack
    group_id, top = last_group_start(model)
    before, rows = dump(budget), model.rowCount()
    go(table, top, LABEL)
    # The bad amount is in a row that would be a new line: still nothing is written.
    assert not table.paste("A\t\t\t1\t2\nB\t\t\t3\t4\nC\t\t\t5\t6\nD\t\t\t7\tveel\n")
    assert "'veel' is geen bedrag" in message(budget) and "nieuwe post 1" in message(budget)
    assert dump(budget) == before and stack.count() == 0 and model.rowCount() == rows
    # ... and in a row over an existing line.
    assert not table.paste("A\t\t\tveel\nB\t\t\t1\nC\t\t\t2\nD\t\t\t3\n")
    assert "'veel' is geen bedrag" in message(budget)
    assert dump(budget) == before and stack.count() == 0
    # A project in a pasted block is still changed one cell at a time.
    assert not table.paste("A\t999\nB\t\nC\t\nD\t\n")
    assert "één cel tegelijk" in message(budget)
    assert dump(budget) == before and stack.count() == 0
    assert_screen_matches_services(window, budget, key)

    # The adopted plan: read-only, refused in Dutch.
    with budget.context.workspace.session() as s:
        adopted = next(p.id for p in s.scalars(select(Plan)) if p.is_read_only)
    from tests.test_budget_editor_gui import open_page

    page = open_page(window, "budget", adopted)
    go(page.table, row_of(page.model, "onderzoeksbudget"), LABEL)
    assert not page.table.paste("A\t\t\t1\nB\t\t\t2\n")
    assert "alleen-lezen" in message(page) or "vastgesteld" in message(page).lower()
    assert stack.count() == 0


def test_copy_puts_html_with_numbers_beside_the_text(window, budget, qtbot):
    model, table = budget.model, budget.table
    top = row_of(model, "Programmamanager Jeugd (40% uitvoering)")
    left = column_of(model, 2022)
    go(table, top, left)
    press(qtbot, table, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    press(qtbot, table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    press(qtbot, table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    data = QGuiApplication.clipboard().mimeData()
    assert data.hasText() and data.hasHtml()
    assert data.text() == "127.500\tdoorlopend\n211.500\tid\n"  # as before
    html = data.html()
    assert 'xmlns:x="urn:schemas-microsoft-com:office:excel"' in html
    cells = re.findall(r"<td([^>]*)>([^<]*)</td>", html)
    assert len(cells) == 4
    (a1, t1), (a2, t2), (a3, t3), (a4, t4) = cells
    assert 'x:num="127500"' in a1 and 'sdval="127500"' in a1 and t1 == "127.500"
    assert "x:num" not in a2 and "x:str" in a2 and t2 == "doorlopend"
    assert 'x:num="211500"' in a3 and t3 == "211.500"
    assert "x:num" not in a4 and t4 == "id"
    # A subtotal copies as its number too.
    subtotal = model.sheet.subtotal_row[model.sheet.rows[top].parent_id]
    go(table, subtotal, left)
    table.copy_selection()
    number = model.copy_number(model.index(subtotal, left))
    assert f'x:num="{format(number.normalize(), "f")}"' in QGuiApplication.clipboard().mimeData().html()


@pytest.mark.parametrize("number, plain", [(D("127500.00"), "127500"), (D("127500.50"), "127500.5"),
                                           (D("-3.00"), "-3"), (D("0.00"), "0")])
def test_plain_numbers(number, plain):
    from app.views.sheet_view import plain_number

    assert plain_number(number) == plain
