"""The budget, funding and key editors in the real main window, driven with the keyboard.

pytest-qt on the offscreen platform, Dutch translation installed. The demo plan is adopted
(read-only), so most tests first make an amendment through the window and edit that. After
every step the tests compare what the screen shows (the item models' display text, the
status bar) with what the services compute from the file: the subtotals, the total, the
funding and saldo, and each municipality's contribution.
"""
from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QMessageBox
from sqlalchemy import select

from app.formatting import format_amount, format_money
from app.models import BudgetCell, BudgetGroup, BudgetLine, Plan, PlanKind
from app.services.budget import budget_figures
from app.services.budget_sheet import RowKind, load_sheet
from app.services.contributions import budget_contributions
from app.views.budget.budget_model import FIRST_YEAR_COLUMN, LABEL, PROJECT, SHARED_BY
from app.views.budget.funding_model import FIRST_YEAR_COLUMN as FUNDING_FIRST_YEAR
from app.views.shell.navigation import Node
from app.views.sheet_view import NOTE_ROLE

D = Decimal
BETER_SAMENSPEL_LINE = "externe projectleiding (toegevoegd aan programmateam)"
DISPLAY = Qt.ItemDataRole.DisplayRole


# --- set-up ----------------------------------------------------------------------------------


@pytest.fixture
def window(main_window, qtbot, monkeypatch):
    """The main window, active (shortcuts and focus as for a user), dialogs answered Yes."""
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    main_window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main_window)
    return main_window


def adopted_id(window) -> int:
    with window.context.workspace.session() as s:
        return s.scalars(select(Plan.id).where(Plan.kind == PlanKind.PLAN)).one()


def open_page(window, kind: str, plan_id: int):
    index = window.navigation_model.find(Node(kind, plan_id, plan_id))
    assert index.isValid(), (kind, plan_id)
    window.tree.setCurrentIndex(index)
    return window.current_editor()


@pytest.fixture
def editors(window):
    """(budget editor, key editor) of a fresh amendment, made through the window; the budget shown."""
    adopted = adopted_id(window)
    window.make_amendment(adopted)
    window.context.undo_stack.clear()  # the tests count their own steps from the amendment on
    budget = window.current_editor()
    assert budget is not None and budget.plan_id != adopted
    key = open_page(window, "key", budget.plan_id)
    assert open_page(window, "budget", budget.plan_id) is budget
    budget.table.setFocus()
    return budget, key


@pytest.fixture
def budget(editors):
    return editors[0]


# --- reading what the file holds, through the services ----------------------------------------


def figures(editor):
    with editor.context.workspace.session() as s:
        plan = s.get(Plan, editor.plan_id)
        return plan.year, budget_figures(s, plan), budget_contributions(s, plan)


def stored(editor, line_name: str, year: int):
    with editor.context.workspace.session() as s:
        cell = s.scalars(select(BudgetCell).join(BudgetCell.line).join(BudgetLine.group).where(
            BudgetGroup.plan_id == editor.plan_id, BudgetLine.name == line_name,
            BudgetCell.year == year)).one_or_none()
        return None if cell is None else (cell.marker.value if cell.marker else cell.amount)


def shown(model, row: int, column: int) -> str:
    return str(model.index(row, column).data(DISPLAY) or "")


def row_of(model, name: str) -> int:
    return next(i for i, r in enumerate(model.sheet.rows) if r.kind is RowKind.LINE and r.label == name)


def column_of(model, year: int) -> int:
    return FIRST_YEAR_COLUMN + model.years.index(year)


def assert_screen_matches_services(window, budget, key=None):
    """Every computed figure on screen equals what the services compute from the file."""
    year, fig, contributions = figures(budget)
    model = budget.model
    # Lines and the order of rows: as a fresh read of the budget sheet.
    fresh = load_sheet(budget.context.workspace, budget.plan_id)
    assert [(r.kind, r.id) for r in model.sheet.rows] == [(r.kind, r.id) for r in fresh.rows]
    for number, row in enumerate(fresh.rows):
        for y in fig.years:
            text = shown(model, number, column_of(model, y))
            if row.kind is RowKind.LINE:
                assert text == row.cells[y].text(), (row.label, y)
                continue
            if row.kind is RowKind.GROUP:
                continue
            amount = fig.total[y] if row.kind is RowKind.TOTAL else fig.group(row.id).totals[y]
            markers = (fig.markers_left_out[y] if row.kind is RowKind.TOTAL
                       else fig.group(row.id).markers_left_out[y])
            assert text == ("† " if markers else "") + format_amount(amount), (row.label, y)
    # The funding table's total, budget and saldo rows.
    funding = budget.funding_model
    n = len(funding.sheet.sources)
    for y in fig.years:
        column = FUNDING_FIRST_YEAR + fig.years.index(y)
        assert shown(funding, n, column) == format_amount(fig.funding[y])
        assert shown(funding, n + 1, column) == format_amount(fig.total[y])
        if y in fig.comparison_years:  # last year's budget: never funded, no saldo, greyed
            assert shown(funding, n + 2, column) == ""
            continue
        assert shown(funding, n + 2, column) == format_amount(fig.balance[y])
        red = funding.index(n + 2, column).data(Qt.ItemDataRole.ForegroundRole)
        assert (red is not None) == (fig.balance[y] != 0)
    # The status bar: the plan year's budget, funding and saldo, red when not zero.
    status = window.status
    assert status.budget_label.text() == f"Begroting {year}: {format_money(fig.total[year])}"
    assert status.funding_label.text() == f"Dekking: {format_money(fig.funding[year])}"
    word = "" if not fig.balance[year] else " tekort" if fig.balance[year] < 0 else " overschot"
    assert status.balance_label.text() == f"Saldo: {format_money(fig.balance[year])}{word}"
    assert status.balance_label.property("alert") is (fig.balance[year] != 0)
    # The contributions, whole euros adding up exactly to the total.
    if key is not None:
        cm = key.contributions_model
        names = contributions.municipalities
        assert cm.rowCount() == len(names) + 1
        assert cm.years == fig.own_years  # a comparison column is never split
        for y in fig.own_years:
            column = 1 + cm.years.index(y)
            assert contributions.totals[y] == round(fig.to_split[y])
            assert sum(contributions.by_year[y].values()) == contributions.totals[y]
            for r, name in enumerate(names):
                assert shown(cm, r, 0) == name
                assert shown(cm, r, column) == format_amount(contributions.by_year[y][name]), (name, y)
            assert shown(cm, len(names), column) == format_amount(contributions.totals[y])
    return fig, contributions


def den_haag(key, year=2022) -> str:
    cm = key.contributions_model
    row = [shown(cm, r, 0) for r in range(cm.rowCount())].index("Den Haag")
    return shown(cm, row, 1 + cm.years.index(year))


# --- the keyboard ----------------------------------------------------------------------------


def focus(table):
    return QApplication.focusWidget() or table


def type_text(qtbot, table, text: str) -> None:
    """Keys as a user types them: each to the widget with the focus (the cell editor once open)."""
    for char in text:
        qtbot.keyClicks(focus(table), char)


def press(qtbot, table, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(focus(table), key, modifier)


def enter(qtbot, table) -> None:
    """Enter in an open editor: the delegate commits through a queued call."""
    editing = isinstance(QApplication.focusWidget(), QLineEdit)
    press(qtbot, table, Qt.Key.Key_Return)
    if editing:
        qtbot.waitUntil(lambda: not isinstance(QApplication.focusWidget(), QLineEdit))


def go(table, row: int, column: int) -> None:
    table.setCurrentIndex(table.model().index(row, column))


def type_into(qtbot, table, row: int, column: int, text: str) -> None:
    """Go to a cell, F2 (the old text selected), type the new text over it, Enter.

    (Typing straight away also works: test_typing_starts_editing_and_replaces.)
    """
    go(table, row, column)
    press(qtbot, table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    if not text:
        editor.clear()
    type_text(qtbot, table, text)
    enter(qtbot, table)


def message(editor) -> str:
    """The editor's message bar, and for the key editor its standing problem line too."""
    texts = [bar.text() for bar in (editor.messages, getattr(editor, "problem", None))
             if bar is not None and bar.isVisibleTo(editor)]
    return " ".join(texts)


# --- typing ----------------------------------------------------------------------------------


@pytest.mark.parametrize("text, expected, total", [
    ("75000", D("75000.00"), "€ 1.255.000"),
    ("-5.000", D("-5000.00"), "€ 1.175.000"),
    ("pm", "PM", "€ 1.180.000"),
])
def test_typing_starts_editing_and_replaces(window, editors, qtbot, text, expected, total):
    budget, key = editors
    window.context.negative_amounts_confirmed = lambda n: True
    model, table = budget.model, budget.table
    row, column = row_of(model, BETER_SAMENSPEL_LINE), column_of(model, 2022)
    go(table, row, column)
    qtbot.keyClick(table, text[0])  # the first key goes to the table and opens the editor
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    qtbot.keyClicks(editor, text[1:])  # the others go where the focus is: the editor
    assert editor.text() == text
    enter(qtbot, table)
    assert stored(budget, BETER_SAMENSPEL_LINE, 2022) == expected
    assert window.status.budget_label.text() == f"Begroting 2022: {total}"
    assert_screen_matches_services(window, budget, key)


def test_typing_an_amount_updates_every_figure(window, editors, qtbot):
    budget, key = editors
    model, table = budget.model, budget.table
    assert_screen_matches_services(window, budget, key)
    assert window.status.budget_label.text() == "Begroting 2022: € 1.280.000"
    assert window.status.balance_label.property("alert") is False
    den_haag_before = den_haag(key)

    row, column = row_of(model, BETER_SAMENSPEL_LINE), column_of(model, 2022)
    type_into(qtbot, table, row, column, "75000")

    assert stored(budget, BETER_SAMENSPEL_LINE, 2022) == D("75000.00")
    assert shown(model, row, column) == "75.000"
    assert table.currentIndex().row() == row + 1 and table.currentIndex().column() == column  # Enter: down
    assert window.status.budget_label.text() == "Begroting 2022: € 1.255.000"
    assert window.status.balance_label.text() == "Saldo: € 25.000 overschot"
    assert window.status.balance_label.property("alert") is True
    subtotal = model.sheet.subtotal_row[model.sheet.rows[row].parent_id]
    assert shown(model, subtotal, column) == "100.000"  # Beter Samenspel: 75.000 + 25.000
    assert shown(model, model.rowCount() - 1, column) == "1.255.000"
    assert assert_screen_matches_services(window, budget, key)[0].balance[2022] == D("25000.00")
    assert den_haag(key) != den_haag_before
    assert window.context.undo_stack.count() == 1
    assert message(budget) == ""

    # The next line straight away: the cursor is already there.
    type_into(qtbot, table, table.currentIndex().row(), table.currentIndex().column(), "30.000")
    assert stored(budget, "projectkosten (monitoring etc.)", 2022) == D("30000.00")
    assert window.status.budget_label.text() == "Begroting 2022: € 1.260.000"
    assert_screen_matches_services(window, budget, key)
    assert window.context.undo_stack.count() == 2


def test_typing_a_marker_and_tab_moves_right(window, budget, qtbot):
    model, table = budget.model, budget.table
    row = row_of(model, "onderzoeksbudget")
    go(table, row, column_of(model, 2021))
    press(qtbot, table, Qt.Key.Key_F2)
    type_text(qtbot, table, "pm")
    press(qtbot, table, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: not isinstance(QApplication.focusWidget(), QLineEdit))
    assert stored(budget, "onderzoeksbudget", 2021) == "PM"
    assert shown(model, row, column_of(model, 2021)) == "PM"
    assert (table.currentIndex().row(), table.currentIndex().column()) == (row, column_of(model, 2022))
    assert_screen_matches_services(window, budget)
    # Shift+Tab commits and moves left.
    press(qtbot, table, Qt.Key.Key_F2)
    type_text(qtbot, table, "id.")
    press(qtbot, table, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: not isinstance(QApplication.focusWidget(), QLineEdit))
    assert stored(budget, "onderzoeksbudget", 2022) == "id."
    assert (table.currentIndex().row(), table.currentIndex().column()) == (row, column_of(model, 2021))
    # Arrows move without editing.
    press(qtbot, table, Qt.Key.Key_Up)
    assert table.currentIndex().row() == row - 1
    assert window.context.undo_stack.count() == 2


def test_f2_edits_in_place_and_escape_cancels(window, budget, qtbot):
    model, table = budget.model, budget.table
    row, column = row_of(model, "Secretariële ondersteuning"), column_of(model, 2022)
    go(table, row, column)
    press(qtbot, table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.text() == "70.000"
    qtbot.keyClicks(editor, "1")  # all text is selected: typing replaces it
    assert editor.text() == "1"
    press(qtbot, table, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not isinstance(QApplication.focusWidget(), QLineEdit))
    assert stored(budget, "Secretariële ondersteuning", 2022) == D("70000.00")
    assert window.context.undo_stack.count() == 0
    assert table.currentIndex().row() == row

    # F2, Home and one more digit: edits in place.
    press(qtbot, table, Qt.Key.Key_F2)
    press(qtbot, table, Qt.Key.Key_Home)
    type_text(qtbot, table, "1")
    assert QApplication.focusWidget().text() == "170.000"
    enter(qtbot, table)
    assert stored(budget, "Secretariële ondersteuning", 2022) == D("170000.00")
    assert_screen_matches_services(window, budget)

    # Typing into a cell and Escape: nothing written.
    go(table, row, column)
    type_text(qtbot, table, "12")
    press(qtbot, table, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not isinstance(QApplication.focusWidget(), QLineEdit))
    assert stored(budget, "Secretariële ondersteuning", 2022) == D("170000.00")
    assert window.context.undo_stack.count() == 1


# --- copy and paste --------------------------------------------------------------------------


def test_paste_a_block_from_the_clipboard_is_one_undo_step(window, editors, qtbot):
    budget, key = editors
    model, table = budget.model, budget.table
    top = row_of(model, "Programmamanager Jeugd (40% uitvoering)")
    go(table, top, column_of(model, 2022))
    QGuiApplication.clipboard().setText("100.000\tPM\r\n€ 200.000,00\t5000\r\n")  # as Excel puts it
    press(qtbot, table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert window.context.undo_stack.count() == 1
    assert window.context.undo_stack.undoText() == "4 cellen wijzigen"
    assert stored(budget, "Programmamanager Jeugd (40% uitvoering)", 2022) == D("100000.00")
    assert stored(budget, "Programmamanager Jeugd (40% uitvoering)", 2023) == "PM"
    assert stored(budget, "Beleidscapaciteit, project-/opgavemanagement", 2022) == D("200000.00")
    assert stored(budget, "Beleidscapaciteit, project-/opgavemanagement", 2023) == D("5000.00")
    fig, _ = assert_screen_matches_services(window, budget, key)
    assert fig.total[2022] == D("1280000") - D("127500") - D("211500") + D("300000")
    # The pasted block is selected.
    block = table.selection_block()
    assert block == (top, column_of(model, 2022), top + 1, column_of(model, 2023))

    # table.paste(text) does the same from a string, at the current cell.
    go(table, row_of(model, "onderzoeksbudget"), column_of(model, 2021))
    assert table.paste("1\t2\t3\n")
    assert window.context.undo_stack.count() == 2
    assert [stored(budget, "onderzoeksbudget", y) for y in (2021, 2022, 2023)] == [D("1.00"), D("2.00"),
                                                                                  D("3.00")]
    assert_screen_matches_services(window, budget, key)
    window.undo_action.trigger()
    assert stored(budget, "onderzoeksbudget", 2023) == "doorlopend"
    window.undo_action.trigger()
    assert stored(budget, "Programmamanager Jeugd (40% uitvoering)", 2022) == D("127500.00")
    assert_screen_matches_services(window, budget, key)
    assert window.status.budget_label.text() == "Begroting 2022: € 1.280.000"


def test_one_value_pasted_into_a_selection_fills_it(window, editors, qtbot):
    budget, key = editors
    model, table = budget.model, budget.table
    top = row_of(model, "inzet expertise werkplaats SAMEN t.b.v. regio")
    go(table, top, column_of(model, 2022))
    press(qtbot, table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    press(qtbot, table, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert table.paste("PM\n")
    assert window.context.undo_stack.count() == 1
    for name in ("inzet expertise werkplaats SAMEN t.b.v. regio", "cofinanciering Kenniswerkplaats SAMEN"):
        assert [stored(budget, name, y) for y in (2022, 2023)] == ["PM", "PM"]
    assert window.status.budget_label.text() == "Begroting 2022: € 1.200.000"
    assert_screen_matches_services(window, budget, key)


def test_copy_a_block_as_dutch_tab_separated_text(window, budget, qtbot):
    model, table = budget.model, budget.table
    top = row_of(model, "Programmamanager Jeugd (40% uitvoering)")
    left = column_of(model, 2022)
    go(table, top, left)
    press(qtbot, table, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    press(qtbot, table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert table.selection_block() == (top, left, top + 1, left + 1)
    QGuiApplication.clipboard().clear()
    press(qtbot, table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "127.500\tdoorlopend\n211.500\tid\n"  # as the plan prints it
    # ... and pasting it back elsewhere gives the same values there.
    go(table, row_of(model, "inzet expertise werkplaats SAMEN t.b.v. regio"), column_of(model, 2021))
    assert table.paste()
    assert [stored(budget, "inzet expertise werkplaats SAMEN t.b.v. regio", y) for y in (2021, 2022)] == [
        D("127500.00"), "doorlopend"]
    assert [stored(budget, "cofinanciering Kenniswerkplaats SAMEN", y) for y in (2021, 2022)] == [
        D("211500.00"), "id."]
    assert_screen_matches_services(window, budget)


def test_copy_a_subtotal_and_the_total(window, budget, qtbot):
    model, table = budget.model, budget.table
    total = model.rowCount() - 1
    go(table, total - 1, column_of(model, 2021))
    press(qtbot, table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    press(qtbot, table, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert table.copy_selection() == "304.000\t100.000\n1.062.500\t1.280.000\n"


# --- undo and redo ---------------------------------------------------------------------------


def test_undo_and_redo_from_the_menu_and_the_keyboard(window, editors, qtbot):
    budget, key = editors
    model, table = budget.model, budget.table
    stack = window.context.undo_stack
    start_den_haag = den_haag(key)
    type_into(qtbot, table, row_of(model, BETER_SAMENSPEL_LINE), column_of(model, 2022), "75.000")
    type_into(qtbot, table, row_of(model, "onderzoeksbudget"), column_of(model, 2022), "110.000")
    assert window.status.budget_label.text() == "Begroting 2022: € 1.265.000"
    assert window.undo_action.text() == "&Ongedaan maken onderzoeksbudget 2022 wijzigen"  # &: its mnemonic
    assert window.undo_action.isEnabled() and not window.redo_action.isEnabled()

    window.undo_action.trigger()  # Bewerken > Ongedaan maken
    assert stored(budget, "onderzoeksbudget", 2022) == D("100000.00")
    assert window.status.budget_label.text() == "Begroting 2022: € 1.255.000"
    assert window.redo_action.text() == "Opnie&uw onderzoeksbudget 2022 wijzigen"
    assert_screen_matches_services(window, budget, key)

    table.setFocus()
    press(qtbot, table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stack.index() == 0
    assert stored(budget, BETER_SAMENSPEL_LINE, 2022) == D("100000.00")
    assert window.status.budget_label.text() == "Begroting 2022: € 1.280.000"
    assert window.status.balance_label.text() == "Saldo: € 0"
    assert window.status.balance_label.property("alert") is False
    assert den_haag(key) == start_den_haag
    assert_screen_matches_services(window, budget, key)

    press(qtbot, table, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert stored(budget, BETER_SAMENSPEL_LINE, 2022) == D("75000.00")
    assert window.status.balance_label.text() == "Saldo: € 25.000 overschot"
    assert_screen_matches_services(window, budget, key)
    window.redo_action.trigger()
    assert stored(budget, "onderzoeksbudget", 2022) == D("110000.00")
    assert window.status.budget_label.text() == "Begroting 2022: € 1.265.000"
    assert_screen_matches_services(window, budget, key)
    assert stack.index() == stack.count() == 2
    # The history panel lists the actions by their description.
    history = window.history_view.model()
    assert [history.index(r, 0).data() for r in range(history.rowCount())] == [
        "<geopend>", f"{BETER_SAMENSPEL_LINE} 2022 wijzigen", "onderzoeksbudget 2022 wijzigen"]


def test_delete_clears_the_selection_in_one_step(window, editors, qtbot):
    budget, key = editors
    model, table = budget.model, budget.table
    top = row_of(model, "Programmamanager Jeugd (40% uitvoering)")
    go(table, top, column_of(model, 2021))
    press(qtbot, table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    press(qtbot, table, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    press(qtbot, table, Qt.Key.Key_Delete)
    assert window.context.undo_stack.count() == 1
    for name in ("Programmamanager Jeugd (40% uitvoering)", "Beleidscapaciteit, project-/opgavemanagement"):
        for y in (2021, 2022):
            assert stored(budget, name, y) is None
            assert shown(model, row_of(model, name), column_of(model, y)) == ""
    assert window.status.budget_label.text() == "Begroting 2022: € 941.000"
    assert_screen_matches_services(window, budget, key)
    # The note on the 2021 cell stays.
    assert "Transformatiefonds" in model.index(top, column_of(model, 2021)).data(NOTE_ROLE)
    window.undo_action.trigger()
    assert stored(budget, "Programmamanager Jeugd (40% uitvoering)", 2021) == D("77500.00")
    assert_screen_matches_services(window, budget, key)
    assert window.status.budget_label.text() == "Begroting 2022: € 1.280.000"


# --- refused input ---------------------------------------------------------------------------


@pytest.fixture
def refusals(window, editors):
    """Checks that an action was refused: a Dutch message, nothing written, the stack as it was."""
    budget, key = editors

    class Check:
        def __init__(self):
            self.stack = window.context.undo_stack
            self.count = self.stack.count()
            self.before = snapshot()

        def __call__(self, *fragments):
            text = message(budget)
            for fragment in fragments:
                assert fragment in text, (fragment, text)
            assert self.stack.count() == self.count
            assert snapshot() == self.before
            assert_screen_matches_services(window, budget, key)
            budget.messages.show_message("")

    def snapshot():
        with budget.context.workspace.session() as s:
            return sorted((c.line_id, c.year, c.amount, c.marker, c.note) for c in s.scalars(
                select(BudgetCell).join(BudgetCell.line).join(BudgetLine.group)
                .where(BudgetGroup.plan_id == budget.plan_id)))

    return Check()


def test_bad_typed_input_is_refused_with_a_dutch_message(window, budget, refusals, qtbot):
    model, table = budget.model, budget.table
    row, column = row_of(model, "onderzoeksbudget"), column_of(model, 2022)
    type_into(qtbot, table, row, column, "abc")
    refusals("'onderzoeksbudget' / 2022", "'abc' is geen bedrag", "127.500")
    type_into(qtbot, table, row, column, "12,345,67")
    refusals("'12,345,67' is geen bedrag")
    type_into(qtbot, table, row, column, "1.000.000.000.000")
    refusals("groter dan het maximum van € 999.999.999.999,99")
    type_into(qtbot, table, row, column, "12,345")
    refusals("meer dan twee decimalen")
    # The largest amount is accepted.
    type_into(qtbot, table, row, column, "999.999.999.999,99")
    assert stored(budget, "onderzoeksbudget", 2022) == D("999999999999.99")


def test_bad_pastes_are_refused_whole(window, budget, refusals, qtbot):
    model, table = budget.model, budget.table
    top = row_of(model, "onderzoeksbudget")
    go(table, top - 2, column_of(model, 2021))
    QGuiApplication.clipboard().setText("")
    press(qtbot, table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    refusals("Het klembord is leeg")
    assert not table.paste("\r\n")
    refusals("Het klembord is leeg")

    # Larger than the table: from the 2022 column only 2 year columns are left.
    go(table, top - 2, column_of(model, 2022))
    assert not table.paste("1\t2\t3\n")
    refusals("Het geplakte blok (1 × 3) past niet", "ruimte voor", "Er is niets geplakt")
    go(table, model.rowCount() - 3, column_of(model, 2021))
    assert not table.paste("\n".join(["1"] * 10))
    refusals("past niet")

    # One bad cell spoils the whole block, and the message names it.
    go(table, top - 2, column_of(model, 2021))
    assert not table.paste("1\t2\n3\tveel\n")
    refusals("'cliëntervaringsonderzoek en ondersteuning oudersraad' / 2022", "'veel' is geen bedrag")
    # A block over a subtotal row. (From the last line down, a taller block adds lines:
    # tests/test_clipboard_excel_gui.py.)
    go(table, top + 1, column_of(model, 2021))
    assert not table.paste("1\n2\n")
    refusals("Subtotaal Samen leren", "er is niets geplakt")


def test_typing_into_a_computed_row_is_refused(window, budget, refusals, qtbot):
    model, table = budget.model, budget.table
    subtotal = model.sheet.subtotal_row[model.sheet.rows[row_of(model, "onderzoeksbudget")].parent_id]
    go(table, subtotal, column_of(model, 2022))
    type_text(qtbot, table, "5")
    assert not isinstance(QApplication.focusWidget(), QLineEdit)
    refusals("Deze cel wordt berekend of is alleen-lezen.")
    go(table, model.rowCount() - 1, column_of(model, 2022))
    press(qtbot, table, Qt.Key.Key_Delete)
    refusals("Hier valt niets te wissen.")
    assert model.set_texts([(subtotal, column_of(model, 2022), "5")]).startswith("Cel 'Subtotaal Samen leren'")


def test_negative_amounts_need_a_confirmation(window, budget, refusals, qtbot):
    model, table = budget.model, budget.table
    asked = []
    window.context.negative_amounts_confirmed = lambda n: asked.append(n) or False
    row, column = row_of(model, "onderzoeksbudget"), column_of(model, 2022)
    type_into(qtbot, table, row, column, "-5.000")
    assert asked == [1]
    refusals("Negatieve bedragen niet bevestigd; er is niets gewijzigd.")

    window.context.negative_amounts_confirmed = lambda n: asked.append(n) or True
    type_into(qtbot, table, row, column, "-5.000")
    assert asked == [1, 1]
    assert stored(budget, "onderzoeksbudget", 2022) == D("-5000.00")
    assert shown(model, row, column) == "-5.000"
    assert model.index(row, column).data(Qt.ItemDataRole.ForegroundRole) is not None  # red
    assert window.status.budget_label.text() == "Begroting 2022: € 1.175.000"
    assert_screen_matches_services(window, budget)
    assert window.context.undo_stack.count() == 1


# --- the adopted plan ------------------------------------------------------------------------


def test_adopted_plan_is_read_only_with_a_banner_and_an_amendment_button(window, qtbot):
    adopted = adopted_id(window)
    budget = open_page(window, "budget", adopted)
    assert budget.banner.isVisible()
    assert "Vastgesteld" in budget.banner.label.text() and "BOJ 11-11-2021" in budget.banner.label.text()
    assert budget.banner.button.text() == "Wijziging maken"
    model, table = budget.model, budget.table
    row, column = row_of(model, BETER_SAMENSPEL_LINE), column_of(model, 2022)
    assert not model.flags(model.index(row, column)) & Qt.ItemFlag.ItemIsEditable
    table.setFocus()
    go(table, row, column)
    type_text(qtbot, table, "7")
    assert not isinstance(QApplication.focusWidget(), QLineEdit)
    assert "alleen-lezen" in message(budget)
    assert not table.paste("1\n")
    assert not budget.add_line_action.isEnabled() and not budget.delete_action.isEnabled()
    assert window.context.undo_stack.count() == 0
    assert stored(budget, BETER_SAMENSPEL_LINE, 2022) == D("100000.00")
    key = open_page(window, "key", adopted)
    assert key.banner.isVisible() and not key.method.isEnabled()

    open_page(window, "budget", adopted)
    qtbot.mouseClick(budget.banner.button, Qt.MouseButton.LeftButton)
    amendment = window.current_editor()
    assert amendment is not budget and amendment.plan_id != adopted
    # A draft: no read-only banner and no "make an amendment", but what it amends and the comparison.
    assert not amendment.banner.button.isVisible() and amendment.banner.compare_button.isVisible()
    assert "Concept-wijziging van" in amendment.banner.label.text()
    assert "(wijziging 1)" in amendment.title.text()
    model = amendment.model
    assert model.flags(model.index(row_of(model, BETER_SAMENSPEL_LINE), column)) & Qt.ItemFlag.ItemIsEditable
    amendment.table.setFocus()
    type_into(qtbot, amendment.table, row_of(model, BETER_SAMENSPEL_LINE), column, "75000")
    assert stored(amendment, BETER_SAMENSPEL_LINE, 2022) == D("75000.00")
    assert stored(budget, BETER_SAMENSPEL_LINE, 2022) == D("100000.00")  # the adopted plan unchanged


# --- structure -------------------------------------------------------------------------------


def line_names(model, group_name: str) -> list[str]:
    sheet = model.sheet
    group = next(r for r in sheet.rows if r.kind is RowKind.GROUP and r.label == group_name)
    return [r.label for r in sheet.rows if r.kind is RowKind.LINE and r.parent_id == group.id]


def test_add_move_indent_and_delete_lines_with_the_keyboard(window, editors, qtbot):
    budget, key = editors
    model, table = budget.model, budget.table
    stack = window.context.undo_stack
    go(table, row_of(model, "Programmamanager Jeugd (40% uitvoering)"), LABEL)
    press(qtbot, table, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)  # already the first
    assert message(budget) == "Verder die kant op kan niet."
    assert stack.count() == 0
    go(table, row_of(model, "Secretariële ondersteuning"), LABEL)
    press(qtbot, table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert stack.count() == 1
    names = line_names(model, "Regionale netwerksamenwerking")
    assert names[3] == "Nieuwe post" and names[2] == "Secretariële ondersteuning"
    assert model.sheet.rows[table.currentIndex().row()].label == "Nieuwe post"  # the cursor on it

    # Name it and give it an amount by typing.
    type_into(qtbot, table, table.currentIndex().row(), LABEL, "Communicatie")
    type_into(qtbot, table, row_of(model, "Communicatie"), column_of(model, 2022), "10.000")
    assert window.status.budget_label.text() == "Begroting 2022: € 1.290.000"
    go(table, row_of(model, "Communicatie"), LABEL)

    press(qtbot, table, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert line_names(model, "Regionale netwerksamenwerking")[4] == "Communicatie"
    assert model.sheet.rows[table.currentIndex().row()].label == "Communicatie"
    press(qtbot, table, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    press(qtbot, table, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert line_names(model, "Regionale netwerksamenwerking")[2] == "Communicatie"
    assert_screen_matches_services(window, budget, key)

    # Indent: into the group above. The last line of group 1 has none above it that is a group,
    # so use "Bijdrage Zuid-Holland programma JeugdzorgPlus", which follows "Beter Samenspel".
    go(table, row_of(model, "Bijdrage Zuid-Holland programma JeugdzorgPlus"), LABEL)
    press(qtbot, table, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert line_names(model, "Beter Samenspel")[-1] == "Bijdrage Zuid-Holland programma JeugdzorgPlus"
    beter = model.sheet.subtotal_row[model.sheet.rows[row_of(model, BETER_SAMENSPEL_LINE)].parent_id]
    assert shown(model, beter, column_of(model, 2022)) == "146.000"
    assert_screen_matches_services(window, budget, key)
    press(qtbot, table, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert "Bijdrage Zuid-Holland programma JeugdzorgPlus" in line_names(model, "Kwetsbare gezinnen")
    assert_screen_matches_services(window, budget, key)

    # Ctrl+Delete deletes the line under the cursor; undo brings it back with its cells.
    go(table, row_of(model, "Communicatie"), column_of(model, 2022))
    press(qtbot, table, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert "Communicatie" not in line_names(model, "Regionale netwerksamenwerking")
    assert window.status.budget_label.text() == "Begroting 2022: € 1.280.000"
    assert_screen_matches_services(window, budget, key)
    count = stack.count()
    window.undo_action.trigger()
    assert line_names(model, "Regionale netwerksamenwerking")[2] == "Communicatie"
    assert stored(budget, "Communicatie", 2022) == D("10000.00")
    assert_screen_matches_services(window, budget, key)
    # Undo everything: the plan as it was.
    for _ in range(count - 1):
        window.undo_action.trigger()
    assert stack.index() == 0
    assert "Nieuwe post" not in line_names(model, "Regionale netwerksamenwerking")
    assert "Communicatie" not in line_names(model, "Regionale netwerksamenwerking")
    assert window.status.budget_label.text() == "Begroting 2022: € 1.280.000"
    assert_screen_matches_services(window, budget, key)


def test_delete_a_group_asks_first(window, editors, qtbot, monkeypatch):
    budget, key = editors
    model, table = budget.model, budget.table
    answers = []

    def question(*args, **kwargs):
        answers.append(args[2])
        return answers_to_give.pop(0)

    answers_to_give = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    monkeypatch.setattr(QMessageBox, "question", question)
    group = model.sheet.group_row[model.sheet.rows[row_of(model, "onderzoeksbudget")].parent_id]
    go(table, group, LABEL)
    press(qtbot, table, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert "Samen leren" in answers[0]
    assert window.context.undo_stack.count() == 0
    press(qtbot, table, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert window.context.undo_stack.count() == 1
    assert not any(r.label == "Samen leren" for r in model.sheet.rows)
    assert window.status.budget_label.text() == "Begroting 2022: € 1.050.000"
    assert_screen_matches_services(window, budget, key)
    press(qtbot, table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert line_names(model, "Samen leren") == [
        "inzet expertise werkplaats SAMEN t.b.v. regio", "cofinanciering Kenniswerkplaats SAMEN",
        "cliëntervaringsonderzoek en ondersteuning oudersraad", "onderzoeksbudget"]
    assert_screen_matches_services(window, budget, key)


def test_note_with_shift_f2_is_shown_and_undoable(window, budget, qtbot, monkeypatch):
    model, table = budget.model, budget.table
    asked = []

    def ask(parent, title, label, text="", *args, **kwargs):
        asked.append((title, label, text))
        return "Inclusief btw", True

    monkeypatch.setattr(QInputDialog, "getMultiLineText", ask)
    row, column = row_of(model, "onderzoeksbudget"), column_of(model, 2022)
    go(table, row, column)
    press(qtbot, table, Qt.Key.Key_F2, Qt.KeyboardModifier.ShiftModifier)
    assert asked == [("Toelichting", "Toelichting bij onderzoeksbudget, 2022:", "")]
    assert not isinstance(QApplication.focusWidget(), QLineEdit)  # no cell editor opened
    assert model.index(row, column).data(NOTE_ROLE) == "Inclusief btw"
    assert "Toelichting: Inclusief btw" in model.index(row, column).data(Qt.ItemDataRole.ToolTipRole)
    assert window.context.undo_stack.undoText() == "Toelichting wijzigen"
    window.undo_action.trigger()
    assert model.index(row, column).data(NOTE_ROLE) == ""
    window.redo_action.trigger()
    assert model.index(row, column).data(NOTE_ROLE) == "Inclusief btw"
    # The existing 2021 note of the programme manager is offered for editing.
    go(table, row_of(model, "Programmamanager Jeugd (40% uitvoering)"), column_of(model, 2021))
    press(qtbot, table, Qt.Key.Key_F2, Qt.KeyboardModifier.ShiftModifier)
    assert "Transformatiefonds" in asked[-1][2]


def test_fill_right_copies_2022_into_2023(window, editors, qtbot):
    budget, key = editors
    model, table = budget.model, budget.table
    row = row_of(model, "Secretariële ondersteuning")
    go(table, row, column_of(model, 2022))
    press(qtbot, table, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert stored(budget, "Secretariële ondersteuning", 2023) == D("70000.00")
    assert shown(model, row, column_of(model, 2023)) == "70.000"
    assert shown(model, model.rowCount() - 1, column_of(model, 2023)) == "† 70.000"
    assert window.context.undo_stack.undoText() == "Naar rechts doorvoeren vanaf 2022"
    assert_screen_matches_services(window, budget, key)
    window.undo_action.trigger()
    assert stored(budget, "Secretariële ondersteuning", 2023) == "id."
    assert_screen_matches_services(window, budget, key)


def test_link_a_line_to_a_project_by_typing_its_number(window, budget, qtbot):
    model, table = budget.model, budget.table
    row = row_of(model, BETER_SAMENSPEL_LINE)
    type_into(qtbot, table, row, PROJECT, "3.1.1")
    assert shown(model, row_of(model, BETER_SAMENSPEL_LINE), PROJECT) == "3.1.1"
    type_into(qtbot, table, row_of(model, BETER_SAMENSPEL_LINE), PROJECT, "9.9")
    assert "Er is geen project 9.9 in dit plan" in message(budget)
    assert shown(model, row_of(model, BETER_SAMENSPEL_LINE), PROJECT) == "3.1.1"
    window.undo_action.trigger()
    assert shown(model, row_of(model, BETER_SAMENSPEL_LINE), PROJECT) == "3.1.3"


# --- municipality sets -----------------------------------------------------------------------


def test_typing_h8_into_gemeenten_lets_den_haag_pay_less(window, editors, qtbot):
    budget, key = editors
    model, table = budget.model, budget.table
    before = den_haag(key)
    row = row_of(model, BETER_SAMENSPEL_LINE)
    type_into(qtbot, table, row, SHARED_BY, "h8")
    row = row_of(model, BETER_SAMENSPEL_LINE)
    assert shown(model, row, SHARED_BY) == "H8"
    assert window.context.undo_stack.undoText() == "Gedeeld door H8"
    _, contributions = assert_screen_matches_services(window, budget, key)
    after = den_haag(key)
    assert D(after.replace(".", "")) < D(before.replace(".", ""))
    assert contributions.by_year[2022]["Den Haag"] == D(after.replace(".", ""))
    assert sum(contributions.by_year[2022].values()) == D("1037500")  # 1.280.000 minus other funding

    type_into(qtbot, table, row, SHARED_BY, "H9")
    assert "Er is geen groep gemeenten 'H9'; kies uit: H10, H8, of laat de cel leeg." in message(budget)
    assert shown(model, row_of(model, BETER_SAMENSPEL_LINE), SHARED_BY) == "H8"
    assert window.context.undo_stack.count() == 1

    window.undo_action.trigger()
    assert shown(model, row_of(model, BETER_SAMENSPEL_LINE), SHARED_BY) == ""
    assert den_haag(key) == before
    assert_screen_matches_services(window, budget, key)


@pytest.mark.parametrize("column, text", [(SHARED_BY, "H8"), (LABEL, "Externe projectleiding"),
                                          (PROJECT, "3.1.1")])
def test_enter_after_a_text_column_edit_moves_down(window, budget, qtbot, column, text):
    model, table = budget.model, budget.table
    row = row_of(model, BETER_SAMENSPEL_LINE)
    type_into(qtbot, table, row, column, text)
    assert shown(model, row, column).strip() == text
    assert (table.currentIndex().row(), table.currentIndex().column()) == (row + 1, column)


# --- funding ---------------------------------------------------------------------------------


def test_typing_funding_updates_total_funding_and_saldo(window, editors, qtbot):
    budget, key = editors
    funding, table = budget.funding_model, budget.funding_table
    table.setFocus()
    first = FUNDING_FIRST_YEAR  # 2021, last year's budget: shown for comparison, never funded
    n = len(funding.sheet.sources)
    assert funding.headerData(first, Qt.Orientation.Horizontal) == "2021 (vergelijking)"
    assert shown(funding, n + 2, first) == ""  # no saldo for a comparison column
    assert funding.index(n + 2, first).data(Qt.ItemDataRole.ForegroundRole) is not None  # greyed
    go(table, 0, first)
    type_text(qtbot, table, "1")
    assert window.context.undo_stack.count() == 0
    type_into(qtbot, table, 0, first + funding.sheet.years.index(2022), "1.000.000")
    assert window.context.undo_stack.count() == 1
    assert window.status.funding_label.text() == "Dekking: € 1.242.500"
    assert window.status.balance_label.text() == "Saldo: € -37.500 tekort"
    assert window.status.balance_label.property("alert") is True
    assert funding.index(n + 2, first + 1).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert_screen_matches_services(window, budget, key)

    # Renaming a source.
    type_into(qtbot, table, 1, 0, "Transformatiefonds")
    assert shown(funding, 1, 0) == "Transformatiefonds"
    assert window.context.undo_stack.undoText() == "Dekking onderbesteding Transformatiefonds 2021 hernoemen"
    type_into(qtbot, table, 1, 0, "   ")
    assert message(budget) == "Een dekkingsbron heeft een naam nodig."
    # A computed row cannot be typed into.
    go(table, n + 2, first + 1)
    type_text(qtbot, table, "1")
    assert "berekend" in message(budget)

    for _ in range(2):
        window.undo_action.trigger()
    assert shown(funding, 1, 0) == "onderbesteding Transformatiefonds 2021"
    assert window.status.balance_label.text() == "Saldo: € 0"
    assert_screen_matches_services(window, budget, key)


# --- the allocation key ----------------------------------------------------------------------


def test_percentages_that_do_not_make_100_are_an_error_until_fixed(window, editors, qtbot):
    budget, key = editors
    window.tree.setCurrentIndex(window.navigation_model.find(Node("key", key.plan_id, key.plan_id)))
    assert window.current_editor() is key
    model, table = key.model, key.table
    assert key.method.currentIndex() == 0  # derived from inhabitants
    assert model.rowCount() == 11

    key.method.setFocus()
    press(qtbot, key.method, Qt.Key.Key_Down)  # "Percentages"
    assert key.method.currentText() == "Percentages"
    assert window.context.undo_stack.undoText() == "Methode van de verdeelsleutel wijzigen"
    assert "geen percentage voor" in message(key)
    assert key.contributions_model.rowCount() == 0  # no contributions from an unusable key
    assert key.fixed_model.rowCount() == 0

    # Ten percentages that make 99,00 %.
    table.setFocus()
    go(table, 0, 2)
    assert table.paste("\n".join(["9,90"] * 10))
    total_row = model.rowCount() - 1
    assert shown(model, total_row, 2) == "99,00 %"
    assert model.index(total_row, 2).data(Qt.ItemDataRole.ForegroundRole) is not None  # red
    assert "telt op tot 99,00 % in plaats van 100,00 %" in model.index(total_row, 2).data(
        Qt.ItemDataRole.ToolTipRole)
    assert key.contributions_model.rowCount() == 0

    # One cell fixed by typing: 100,00 % and the contributions are back, adding up exactly.
    type_into(qtbot, table, 0, 2, "10,90")
    assert shown(model, total_row, 2) == "100,00 %"
    assert model.index(total_row, 2).data(Qt.ItemDataRole.ForegroundRole) is None
    assert message(key) == ""
    assert key.contributions_model.rowCount() == 11
    fixed = key.fixed_model
    assert fixed.rowCount() == 11
    for column in range(1, fixed.columnCount()):  # the fixed settlements add up exactly too
        parts = [D(shown(fixed, r, column).replace(".", "")) for r in range(10)]
        assert sum(parts) == D(shown(fixed, 10, column).replace(".", ""))
    fig, contributions = assert_screen_matches_services(window, budget, key)
    assert contributions.by_year[2022]["Den Haag"] == D("102713")  # 9,90 % of 1.037.500 (rounded up)
    assert sum(contributions.by_year[2022].values()) == fig.to_split[2022]

    # A share over 100 % or with three decimals is refused in place.
    type_into(qtbot, table, 1, 2, "101")
    assert "meer dan 100 %" in message(key)
    type_into(qtbot, table, 1, 2, "9,905")
    assert "twee decimalen" in message(key)
    assert shown(model, 1, 2) == "9,90 %"

    # Undo back to the basis figures.
    for _ in range(3):
        window.undo_action.trigger()
    assert key.method.currentIndex() == 0
    assert shown(model, 1, 2) == "46,16 %"
    assert_screen_matches_services(window, budget, key)


def test_the_key_problem_stays_visible_after_an_edit(window, editors, qtbot):
    budget, key = editors
    open_page(window, "key", key.plan_id)
    key.method.setFocus()
    press(qtbot, key.method, Qt.Key.Key_Down)  # "Percentages": no percentages yet
    key.table.setFocus()
    go(key.table, 0, 2)
    assert key.table.paste("\n".join(["9,90"] * 10))
    assert key.model.sheet.problem.startswith("Verdeelsleutel")
    assert "telt op tot 99,00 % in plaats van 100,00 %" in message(key)


# --- column widths ---------------------------------------------------------------------------


def test_column_widths_are_remembered(open_window, demo_workspace, settings_store, qtbot):
    first = open_window(demo_workspace)
    editor = open_page(first, "budget", adopted_id(first))
    editor.table.horizontalHeader().resizeSection(SHARED_BY, 133)
    editor.table.horizontalHeader().resizeSection(FIRST_YEAR_COLUMN, 155)
    first.close()
    first.context.close()

    second = open_window(demo_workspace, store=settings_store)
    editor = open_page(second, "budget", adopted_id(second))
    assert editor.table.columnWidth(SHARED_BY) == 133
    assert editor.table.columnWidth(FIRST_YEAR_COLUMN) == 155
    # The description takes the width that is left (app.views.column_fit), not a remembered one.
    header = editor.table.horizontalHeader()
    assert header.sectionSize(LABEL) >= 180  # never squeezed below its least width
    assert header.length() >= editor.table.viewport().width()  # filling the table, or scrolling


def test_the_project_column_width_is_remembered(open_window, demo_workspace, settings_store, qtbot):
    first = open_window(demo_workspace)
    editor = open_page(first, "budget", adopted_id(first))
    editor.table.horizontalHeader().resizeSection(PROJECT, 111)
    first.close()
    first.context.close()

    second = open_window(demo_workspace, store=settings_store)
    editor = open_page(second, "budget", adopted_id(second))
    assert editor.table.columnWidth(PROJECT) == 111
