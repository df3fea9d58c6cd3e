"""The find bar (Ctrl+F, F3, Shift+F3, Escape) on the real main window over the demo plan:
what the user types and sees, which page and row the hit lands on, and where the focus is."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QWidget

from app.views.shell.navigation import Node

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def focus() -> object:
    return QApplication.focusWidget()


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A key as the user presses it: to the widget with the focus (window shortcuts included)."""
    qtbot.keyClick(focus(), key, modifier)


@pytest.fixture
def window(main_window, qtbot):
    main_window.activateWindow()  # keys (and shortcuts) go to the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main_window)
    main_window.tree.setFocus()
    return main_window


def open_bar(window, qtbot):
    press(qtbot, Qt.Key.Key_F, CTRL)
    bar = window.find_bar
    assert bar is not None and bar.isVisible()
    assert focus() is bar.field
    return bar


def test_ctrl_f_opens_the_bar_with_the_focus_in_the_field(window, qtbot):
    assert getattr(window, "find_bar", None) is None  # made when first asked for
    bar = open_bar(window, qtbot)
    assert bar.field.placeholderText() == "Zoeken in dit plan…"
    assert bar.field.accessibleName() == "Zoeken in dit plan"
    assert window.find_action.shortcut().toString() == "Ctrl+F"
    assert window.find_next_action.shortcut().toString() == "F3"
    assert window.find_previous_action.shortcut().toString() == "Shift+F3"
    edit_menu = window.menuBar().actions()[1].menu()
    assert window.find_action in edit_menu.actions()
    # Under the pages, in the page area beside the tree (not a dialog).
    assert bar.parentWidget() is window.pages.parentWidget()
    assert not bar.isWindow()
    # Everything the keyboard reaches in it has a name a screen reader says.
    reachable = [w for w in bar.findChildren(QWidget)
                 if w.isVisible() and w.focusPolicy() != Qt.FocusPolicy.NoFocus]
    assert len(reachable) == 4  # the field, previous, next, close
    assert all(w.accessibleName() for w in reachable)


def test_a_project_title_word_then_enter_shows_the_project(window, qtbot):
    bar = open_bar(window, qtbot)
    qtbot.keyClicks(bar.field, "wachtlijsten")
    press(qtbot, Qt.Key.Key_Return)  # before the pause in typing: searched now, first hit shown
    editor = window.current_editor()
    assert window.current_node == Node("project", 1, window.current_plan_id)
    assert type(editor).__name__ == "ProjectEditor" and editor.project_id == 1
    assert editor.title.text() == "Project 3.1.1 Aanpak wachtlijsten"
    assert bar.count.text() == "1 van 2"
    assert focus() is bar.field  # still typing: the focus stays in the field
    assert editor.edits["title"].cursorPosition() == len("Aanpak ")  # at the word found

    # F3: the next hit, the budget group "Aanpak Wachtlijsten", its row current.
    press(qtbot, Qt.Key.Key_F3)
    budget = window.current_editor()
    assert type(budget).__name__ == "BudgetEditor"
    row = budget.model.sheet.rows[budget.table.currentIndex().row()]
    assert (row.kind.value, row.label) == ("group", "Aanpak Wachtlijsten")
    assert bar.count.text() == "2 van 2"
    assert focus() is bar.field

    # F3 at the last hit: round to the first, and the status bar says so.
    press(qtbot, Qt.Key.Key_F3)
    assert bar.count.text() == "1 van 2"
    assert window.current_editor().project_id == 1
    assert window.statusBar().currentMessage() == "Terug bij het begin"
    # Shift+F3 at the first: round to the last.
    press(qtbot, Qt.Key.Key_F3, SHIFT)
    assert bar.count.text() == "2 van 2"
    assert window.statusBar().currentMessage() == "Terug bij het einde"
    # Shift+Enter in the field: the previous one.
    press(qtbot, Qt.Key.Key_Return, SHIFT)
    assert bar.count.text() == "1 van 2"


def test_typing_shows_the_first_hit_after_a_pause_and_keeps_the_focus(window, qtbot):
    bar = open_bar(window, qtbot)
    qtbot.keyClicks(bar.field, "bijeenkomsten")
    qtbot.waitUntil(lambda: bar.count.text() == "1 van 2")
    budget = window.current_editor()
    assert type(budget).__name__ == "BudgetEditor"
    line = budget.model.sheet.rows[budget.table.currentIndex().row()]
    assert (line.kind.value, line.label) == ("line", "trainingen en bijeenkomsten")
    assert focus() is bar.field  # the user can type on
    assert "Begrotingspost: trainingen en bijeenkomsten" in bar.where.toolTip()


def test_a_budget_line_word_lands_on_its_row_and_escape_leaves_the_focus_there(window, qtbot):
    bar = open_bar(window, qtbot)
    qtbot.keyClicks(bar.field, "onderzoeksbudget")
    press(qtbot, Qt.Key.Key_Return)
    budget = window.current_editor()
    assert window.current_node == Node("budget", window.current_plan_id, window.current_plan_id)
    index = budget.table.currentIndex()
    assert budget.model.sheet.rows[index.row()].label == "onderzoeksbudget"
    assert index.column() == 0
    assert budget.table.selectionModel().isSelected(index)

    press(qtbot, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    assert focus() is budget.table  # on the hit: typing goes into its cell
    assert budget.model.sheet.rows[budget.table.currentIndex().row()].label == "onderzoeksbudget"


def test_an_action_lands_on_its_row_in_the_project_page(window, qtbot):
    bar = open_bar(window, qtbot)
    qtbot.keyClicks(bar.field, "doorbraakaanpak werkende")
    press(qtbot, Qt.Key.Key_Return)
    editor = window.current_editor()
    assert editor.project_id == 1
    index = editor.actions_table.currentIndex()
    assert editor.actions_model.actions[index.row()].description == "Een werkende verbrede doorbraakaanpak"
    assert bar.where.toolTip().startswith("Actie bij 3.1.1: Een werkende verbrede doorbraakaanpak")
    press(qtbot, Qt.Key.Key_Escape)
    assert focus() is editor.actions_table


def test_accents_and_the_staffing_page(window, qtbot):
    bar = open_bar(window, qtbot)
    qtbot.keyClicks(bar.field, "SECRETARIELE")  # "Secretariële ondersteuning"
    press(qtbot, Qt.Key.Key_Return)
    staffing = window.current_editor()
    assert type(staffing).__name__ == "StaffingEditor"
    index = staffing.roles.currentIndex()
    assert staffing.roles_model.sheet.roles[index.row()].role == "Secretariële ondersteuning"
    assert bar.count.text() == "1 van 2"  # the role, then the budget line of the same name
    press(qtbot, Qt.Key.Key_F3)
    budget = window.current_editor()
    assert budget.model.sheet.rows[budget.table.currentIndex().row()].label == "Secretariële ondersteuning"


def test_nonsense_is_not_found_and_the_field_says_so(window, qtbot):
    bar = open_bar(window, qtbot)
    page = window.current_node
    normal = bar.field.palette().color(QPalette.ColorRole.Base)
    qtbot.keyClicks(bar.field, "xyzzyplugh")
    qtbot.waitUntil(lambda: bar.count.text() == "Niet gevonden")
    warning = bar.field.palette().color(QPalette.ColorRole.Base)
    assert warning != normal
    assert window.current_node == page  # nowhere to go
    press(qtbot, Qt.Key.Key_Return)  # nothing happens
    assert window.current_node == page and focus() is bar.field
    # Cleared: no message, the usual colour.
    bar.field.selectAll()
    press(qtbot, Qt.Key.Key_Backspace)
    qtbot.waitUntil(lambda: bar.count.text() == "")
    assert bar.field.palette().color(QPalette.ColorRole.Base) == normal
    # Escape with nothing shown: the focus goes back where it was (the tree).
    press(qtbot, Qt.Key.Key_Escape)
    assert not bar.isVisible() and focus() is window.tree


def test_f3_with_the_bar_closed_goes_on_and_focuses_the_hit(window, qtbot):
    bar = open_bar(window, qtbot)
    qtbot.keyClicks(bar.field, "bijeenkomsten")
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_Escape)
    budget = window.current_editor()
    assert focus() is budget.table
    first = budget.table.currentIndex().row()
    press(qtbot, Qt.Key.Key_F3)  # from the table: the next hit, the focus on it
    assert budget.table.currentIndex().row() > first
    assert budget.model.sheet.rows[budget.table.currentIndex().row()].label == "trainingen en bijeenkomsten"
    assert focus() is budget.table and not bar.isVisible()
    # Ctrl+F again: the bar with the last search selected, typing replaces it.
    press(qtbot, Qt.Key.Key_F, CTRL)
    assert focus() is bar.field and bar.field.selectedText() == "bijeenkomsten"


def test_f3_before_any_search_opens_the_bar(window, qtbot):
    press(qtbot, Qt.Key.Key_F3)
    bar = window.find_bar
    assert bar.isVisible() and focus() is bar.field


def test_the_count_follows_an_edit(open_window, tmp_path, copy_demo, qtbot):
    """A hit added by an edit is counted without searching again by hand."""
    from app.services.plan_copy import create_amendment
    from app.services.workspace import open_workspace

    path = copy_demo(tmp_path / "edit.planbord")
    with open_workspace(path) as workspace:
        draft = create_amendment(workspace, 1)
    window = open_window(path)
    window.activateWindow()
    window.show_node(Node("budget", draft, draft))
    bar = window.ensure_find_bar()
    bar.open()
    qtbot.keyClicks(bar.field, "bijeenkomsten")
    qtbot.waitUntil(lambda: bar.count.text() == "1 van 2")
    budget = window.current_editor()
    index = budget.model.index(budget.table.currentIndex().row(), 0)
    assert budget.model.setData(index, "trainingen")  # one "bijeenkomsten" less
    qtbot.waitUntil(lambda: bar.count.text() == "1 van 1")


def test_no_plan_says_so_in_the_bar(open_window, tmp_path, qtbot):
    from app.services.workspace import create_workspace

    create_workspace(tmp_path / "empty.planbord").close()
    window = open_window(tmp_path / "empty.planbord")
    assert window.current_plan_id is None
    bar = window.ensure_find_bar()
    bar.open()
    qtbot.keyClicks(bar.field, "overgang")
    qtbot.waitUntil(lambda: "Kies eerst een plan" in bar.where.toolTip())
    assert bar.hits == []
