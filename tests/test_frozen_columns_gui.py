"""Frozen columns (app/views/frozen_columns.py) in the real main window: the budget's
description column stays in sight while the years scroll, and the keyboard and the mouse work
on it as on any cell.

The window is a 1366×768 laptop's with the charts dock open; the year columns are widened (as a
user drags their headings) so the budget must scroll sideways. The demo plan is adopted, so the
editing tests make an amendment first, through the window.
"""
from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent, QGuiApplication, QMouseEvent, QWheelEvent
from PySide6.QtWidgets import QApplication, QHeaderView, QLineEdit, QMenu, QMessageBox
from sqlalchemy import select

from app.models import BudgetLine, Plan, PlanKind
from app.services.budget_sheet import RowKind
from app.views.budget.budget_model import FIRST_YEAR_COLUMN, LABEL, PROJECT
from app.views.shell.navigation import Node

WIDE_YEAR = 260  # pixels: year columns a user widened, wider than the page leaves them


@pytest.fixture
def window(main_window, qtbot, monkeypatch):
    """The main window, active, at a laptop's size with the charts dock open; "make an
    amendment?" answered Yes."""
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    main_window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main_window)
    main_window.resize(1366, 768)
    main_window.charts.show()
    qtbot.waitUntil(lambda: main_window.charts.isVisible())
    return main_window


def adopted_id(window) -> int:
    with window.context.workspace.session() as s:
        return s.scalars(select(Plan.id).where(Plan.kind == PlanKind.PLAN)).one()


def scrolling(qtbot, budget):
    """The budget table with its year columns widened until it scrolls sideways."""
    table = budget.table
    for column in range(FIRST_YEAR_COLUMN, table.model().columnCount()):
        table.horizontalHeader().resizeSection(column, WIDE_YEAR)
    qtbot.waitUntil(lambda: table.horizontalScrollBar().maximum() > 0 and table.frozen.active)
    return table


@pytest.fixture
def adopted(window, qtbot):
    """The adopted demo plan's budget page (read-only), scrolling sideways."""
    plan_id = adopted_id(window)
    window.show_node(Node("budget", plan_id, plan_id))
    budget = window.current_editor()
    scrolling(qtbot, budget)
    budget.table.setFocus()
    return budget


@pytest.fixture
def amendment(window, qtbot):
    """The budget page of a fresh amendment (editable), scrolling sideways."""
    window.make_amendment(adopted_id(window))
    budget = window.current_editor()
    assert budget is not None and not budget.model.read_only
    scrolling(qtbot, budget)
    budget.table.setFocus()
    qtbot.waitUntil(budget.table.hasFocus)
    return budget


def last_column(table) -> int:
    return table.model().columnCount() - 1


def scroll_fully_right(qtbot, table) -> None:
    bar = table.horizontalScrollBar()
    # The table sets its scroll range after a change of widths, on the next turn of the loop.
    qtbot.waitUntil(lambda: bar.maximum() == table.horizontalHeader().length() - table.viewport().width())
    bar.setValue(bar.maximum())


def shown_beside_overlay(table, column: int) -> bool:
    """The column is wholly in sight right of the frozen columns."""
    left = table.columnViewportPosition(column)
    return left >= table.frozen.width and left + table.columnWidth(column) <= table.viewport().width()


def line_rows(budget) -> list[int]:
    return [i for i, r in enumerate(budget.model.sheet.rows) if r.kind is RowKind.LINE]


def line_name(budget, row: int) -> str:
    line_id = budget.model.sheet.rows[row].id
    with budget.context.workspace.session() as s:
        return s.get(BudgetLine, line_id).name


def focus():
    return QApplication.focusWidget()


def enter_editor(qtbot) -> None:
    qtbot.keyClick(focus(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not isinstance(focus(), QLineEdit))


# --- what the user sees ------------------------------------------------------------------------


def test_description_stays_at_the_left_while_the_years_scroll(adopted, qtbot):
    table = adopted.table
    overlay = table.frozen.overlay
    scroll_fully_right(qtbot, table)
    # The table's own description column has scrolled out on the left...
    assert table.columnViewportPosition(LABEL) < 0
    # ...and the overlay shows it at the viewport's left edge, as wide, under its own heading.
    assert overlay.isVisible() and table.frozen.line.isVisible()
    origin = overlay.viewport().mapTo(table, QPoint(0, 0))
    assert origin == table.viewport().mapTo(table, QPoint(0, 0))
    assert overlay.width() == table.columnWidth(LABEL) == overlay.columnWidth(LABEL) > 0
    assert overlay.viewport().height() == table.viewport().height()
    assert overlay.horizontalHeader().height() == table.horizontalHeader().height()
    assert overlay.model().headerData(LABEL, Qt.Orientation.Horizontal) == "Omschrijving"
    assert not overlay.isColumnHidden(LABEL)
    assert all(overlay.isColumnHidden(c) for c in range(PROJECT, table.model().columnCount()))
    # The last year column is wholly in sight beside it.
    assert shown_beside_overlay(table, last_column(table))
    # Same cells: the overlay's first row is the table's, with the same text.
    assert overlay.rowAt(0) == table.rowAt(0)
    assert overlay.indexAt(QPoint(5, 5)).data() == table.model().index(table.rowAt(5), LABEL).data()


def test_rows_scroll_together(adopted, qtbot):
    table = adopted.table
    overlay = table.frozen.overlay
    bar = table.verticalScrollBar()
    assert bar.maximum() > 3
    bar.setValue(3)
    qtbot.waitUntil(lambda: overlay.verticalScrollBar().value() == 3)
    assert overlay.rowAt(0) == table.rowAt(0) > 0
    # The wheel over the frozen column scrolls the table (and the overlay with it).
    before = bar.value()
    centre = QPointF(overlay.viewport().rect().center())
    wheel = QWheelEvent(centre, QPointF(overlay.viewport().mapToGlobal(centre.toPoint())),
                        QPoint(0, 0), QPoint(0, -120), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(overlay.viewport(), wheel)
    qtbot.waitUntil(lambda: bar.value() > before)
    qtbot.waitUntil(lambda: overlay.rowAt(0) == table.rowAt(0))


def test_overlay_stays_in_the_background_for_screen_readers_and_keyboard(adopted):
    overlay = adopted.table.frozen.overlay
    assert overlay.focusPolicy() == Qt.FocusPolicy.NoFocus
    assert overlay.accessibleName() == "Begroting — vaste kolommen"
    assert overlay.selectionModel() is adopted.table.selectionModel()


# --- the keyboard --------------------------------------------------------------------------------


def test_home_goes_to_the_description_without_scrolling_the_years_away(adopted, qtbot):
    table = adopted.table
    row = line_rows(adopted)[1]
    scroll_fully_right(qtbot, table)
    table.setCurrentIndex(table.model().index(row, last_column(table)))
    bar = table.horizontalScrollBar()
    right = bar.value()
    qtbot.keyClick(table, Qt.Key.Key_Home)
    assert (table.currentIndex().row(), table.currentIndex().column()) == (row, LABEL)
    assert bar.value() == right  # the years stay where they were
    assert shown_beside_overlay(table, last_column(table))
    assert table.frozen.overlay.isVisible() and table.hasFocus()


def test_left_arrow_walks_into_the_frozen_column_and_every_cell_shows(adopted, qtbot):
    table = adopted.table
    row = line_rows(adopted)[1]
    scroll_fully_right(qtbot, table)
    table.setCurrentIndex(table.model().index(row, last_column(table)))
    bar = table.horizontalScrollBar()
    for column in range(last_column(table) - 1, LABEL - 1, -1):
        qtbot.keyClick(table, Qt.Key.Key_Left)
        assert table.currentIndex().column() == column
        if column == LABEL:
            break
        # A scrolled column comes out from under the overlay, never stays beneath it.
        assert shown_beside_overlay(table, column), column
    beside = bar.value()
    assert table.columnViewportPosition(PROJECT) == table.frozen.width  # just right of it
    # Into the frozen column: no sideways scroll, the project and years stay in sight.
    assert bar.value() == beside
    assert shown_beside_overlay(table, FIRST_YEAR_COLUMN)
    # Shift+Tab from the project column goes there too.
    table.setCurrentIndex(table.model().index(row, PROJECT))
    qtbot.keyClick(table, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert table.currentIndex().column() == LABEL and bar.value() == beside


def test_typing_a_description_while_scrolled_right_renames_the_line(amendment, qtbot):
    table = amendment.table
    overlay = table.frozen.overlay
    row = line_rows(amendment)[2]
    scroll_fully_right(qtbot, table)
    table.setCurrentIndex(table.model().index(row, LABEL))
    right = table.horizontalScrollBar().value()
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = focus()
    assert isinstance(editor, QLineEdit) and editor.isVisible()
    # Over the overlay, where the cell is seen (the table's own cell is scrolled away).
    assert editor.parentWidget() is overlay.viewport()
    index = table.model().index(row, LABEL)
    assert editor.geometry().intersects(overlay.visualRect(index))
    # The rows scroll while it is open: it stays on its cell.
    table.verticalScrollBar().setValue(table.verticalScrollBar().value() + 1)
    qtbot.waitUntil(lambda: editor.geometry().top() == overlay.visualRect(index).top())
    editor.selectAll()
    qtbot.keyClicks(editor, "Vaste kolom")
    enter_editor(qtbot)
    assert line_name(amendment, row) == "Vaste kolom"
    assert table.model().index(row, LABEL).data(Qt.ItemDataRole.EditRole) == "Vaste kolom"
    assert table.hasFocus() and table.currentIndex().column() == LABEL
    assert table.currentIndex().row() == row + 1  # Enter moves down, as in Excel
    bar = table.horizontalScrollBar()  # still fully right (a write may change the page's width a little)
    assert bar.value() == bar.maximum() and right > 0


def test_refusal_tooltip_points_at_the_frozen_cell(adopted, qtbot):
    table = adopted.table
    scroll_fully_right(qtbot, table)
    index = table.model().index(line_rows(adopted)[0], LABEL)
    assert table.frozen.cell_rect(index).left() == 0  # where the overlay shows it
    assert table.visualRect(index).left() < 0  # the table's own cell, out of sight


# --- the mouse -----------------------------------------------------------------------------------


def test_click_and_double_click_on_the_frozen_column(amendment, qtbot):
    table = amendment.table
    overlay = table.frozen.overlay
    rows = line_rows(amendment)
    scroll_fully_right(qtbot, table)
    right = table.horizontalScrollBar().value()
    index = table.model().index(rows[0], LABEL)
    centre = overlay.visualRect(index).center()
    table.setCurrentIndex(table.model().index(rows[0], last_column(table)))
    qtbot.mouseClick(overlay.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert table.currentIndex() == index and table.hasFocus()
    assert table.selectionModel().selectedIndexes() == [index]
    assert table.horizontalScrollBar().value() == right
    # Shift+click on a year cell: one block across the frozen edge, copied as one.
    year = table.model().index(rows[1], last_column(table))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ShiftModifier,
                     table.visualRect(year).center())
    assert table.selection_block() == (rows[0], LABEL, rows[1], last_column(table))
    text = table.copy_selection()
    assert text.splitlines()[0].split("\t")[0] == index.data(Qt.ItemDataRole.EditRole)
    assert len(text.splitlines()[0].split("\t")) == table.model().columnCount()
    QGuiApplication.clipboard().clear()
    # A double-click edits the frozen cell in place (a user's double-click is a click first;
    # qtbot's sends the second half only).
    qtbot.mouseClick(overlay.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(overlay.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.waitUntil(lambda: isinstance(focus(), QLineEdit))
    editor = focus()
    assert editor.parentWidget() is overlay.viewport()
    editor.selectAll()
    qtbot.keyClicks(editor, "Met de muis")
    enter_editor(qtbot)
    assert line_name(amendment, rows[0]) == "Met de muis"
    bar = table.horizontalScrollBar()  # still fully right (a write may change the page's width a little)
    assert bar.value() == bar.maximum() and right > 0


def test_dragging_down_the_frozen_column_selects_descriptions_only(adopted, qtbot):
    table = adopted.table
    overlay = table.frozen.overlay
    rows = line_rows(adopted)
    scroll_fully_right(qtbot, table)
    right = table.horizontalScrollBar().value()
    start = overlay.visualRect(table.model().index(rows[0], LABEL)).center()
    end = overlay.visualRect(table.model().index(rows[1], LABEL)).center()
    qtbot.mousePress(overlay.viewport(), Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(overlay.viewport(), end)
    # qtbot.mouseMove moves the cursor; the drag itself is a move with the button held:
    move = QMouseEvent(QEvent.Type.MouseMove, QPointF(end), QPointF(overlay.viewport().mapToGlobal(end)),
                       Qt.MouseButton.NoButton, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(overlay.viewport(), move)
    qtbot.mouseRelease(overlay.viewport(), Qt.MouseButton.LeftButton, pos=end)
    assert table.selection_block() == (rows[0], LABEL, rows[1], LABEL)
    assert table.horizontalScrollBar().value() == right


def test_right_click_on_the_frozen_column_opens_the_table_menu_there(adopted, qtbot):
    table = adopted.table
    overlay = table.frozen.overlay
    scroll_fully_right(qtbot, table)
    index = table.model().index(line_rows(adopted)[1], LABEL)
    centre = overlay.visualRect(index).center()
    qtbot.mousePress(overlay.viewport(), Qt.MouseButton.RightButton, pos=centre)
    assert table.currentIndex() == index  # the right press chose the cell, as in the table
    menus = []

    def close_menu():
        menu = QApplication.activePopupWidget()
        menus.append(menu)
        menu.close()

    QTimer.singleShot(0, close_menu)
    with qtbot.waitSignal(table.customContextMenuRequested) as asked:
        event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, centre,
                                  overlay.viewport().mapToGlobal(centre))
        QApplication.sendEvent(overlay.viewport(), event)
    # The budget's menu, where the mouse is on screen.
    assert table.viewport().mapToGlobal(asked.args[0]) == overlay.viewport().mapToGlobal(centre)
    assert isinstance(menus[0], QMenu)
    qtbot.mouseRelease(overlay.viewport(), Qt.MouseButton.RightButton, pos=centre)


# --- widths --------------------------------------------------------------------------------------


def test_widths_follow_either_heading(adopted, qtbot):
    table = adopted.table
    overlay = table.frozen.overlay
    header = table.horizontalHeader()
    # However the page lays the description column out (it may stretch), the overlay follows.
    adopted.window().resize(1300, 768)
    qtbot.waitUntil(lambda: overlay.columnWidth(LABEL) == table.columnWidth(LABEL)
                    and overlay.width() == table.columnWidth(LABEL))
    # A column the user sizes: in the table's heading...
    header.setSectionResizeMode(LABEL, QHeaderView.ResizeMode.Interactive)
    header.resizeSection(LABEL, 250)
    qtbot.waitUntil(lambda: overlay.columnWidth(LABEL) == 250 and overlay.width() == 250)
    assert table.frozen.line.geometry().center().x() in (
        overlay.geometry().right(), overlay.geometry().right() + 1)
    # ...or in the overlay's, which is the one under the mouse.
    overlay.horizontalHeader().resizeSection(LABEL, 280)
    qtbot.waitUntil(lambda: table.columnWidth(LABEL) == 280 and overlay.width() == 280)
    scroll_fully_right(qtbot, table)
    assert shown_beside_overlay(table, last_column(table))


def test_rows_as_tall_as_the_table_after_a_zoom(adopted, window, qtbot):
    table = adopted.table
    overlay = table.frozen.overlay
    before = table.verticalHeader().defaultSectionSize()
    window.zoom.set_percent(150)
    try:
        qtbot.waitUntil(lambda: table.verticalHeader().defaultSectionSize() > before)
        qtbot.waitUntil(lambda: overlay.verticalHeader().defaultSectionSize()
                        == table.verticalHeader().defaultSectionSize())
        qtbot.waitUntil(lambda: overlay.horizontalHeader().height() == table.horizontalHeader().height())
        row = line_rows(adopted)[3]
        assert overlay.rowViewportPosition(row) == table.rowViewportPosition(row)
    finally:
        window.zoom.set_percent(100)


def test_no_room_no_overlay(amendment, qtbot):
    """A frozen column as wide as the page leaves no room for the years: the table scrolls
    as a whole, as without freezing (an editor open over the overlay is committed first)."""
    adopted = amendment
    table = adopted.table
    header = table.horizontalHeader()
    header.setSectionResizeMode(LABEL, QHeaderView.ResizeMode.Interactive)
    row = line_rows(adopted)[0]
    table.setCurrentIndex(table.model().index(row, LABEL))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    qtbot.keyClicks(focus(), "Nog even")
    header.resizeSection(LABEL, table.viewport().width() - 50)
    qtbot.waitUntil(lambda: not table.frozen.active)
    assert not table.frozen.overlay.isVisible()
    qtbot.waitUntil(lambda: line_name(adopted, row) == "Nog even")
    assert table.hasFocus()
    table.setCurrentIndex(table.model().index(line_rows(adopted)[0], last_column(table)))
    assert table.columnViewportPosition(last_column(table)) + table.columnWidth(last_column(table)) \
        <= table.viewport().width()
    header.resizeSection(LABEL, 200)
    qtbot.waitUntil(lambda: table.frozen.active and table.frozen.overlay.isVisible())


def test_funding_and_staffing_tables_freeze_their_first_column(window, qtbot):
    plan_id = adopted_id(window)
    window.show_node(Node("budget", plan_id, plan_id))
    funding = window.current_editor().funding_table
    assert funding.frozen is not None and funding.frozen.count == 1
    window.show_node(Node("staffing", plan_id, plan_id))
    matrix = window.current_editor().matrix
    assert matrix.frozen is not None and matrix.frozen.count == 1
    qtbot.waitUntil(lambda: matrix.frozen.overlay.columnWidth(0) == matrix.columnWidth(0))
    assert matrix.frozen.overlay.model().headerData(0, Qt.Orientation.Horizontal) == "Project"
