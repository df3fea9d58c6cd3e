"""Keyboard all the way (issue 16, point 1): every menu item has a mnemonic of its own in its
menu, every toolbar action has a menu twin, F6 moves between the tree, the page and the docks,
Ctrl+Tab leaves a table, Escape goes back to the tree; and the task "make an amendment, raise a
line by 10.000, undo, redo" is done with keys only."""
from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMenu, QToolBar
from sqlalchemy import func, select

from app.models import BudgetCell, BudgetGroup, BudgetLine, Chapter, Plan, PlanKind, Project
from app.services.budget_sheet import RowKind
from app.views.budget.budget_model import FIRST_YEAR_COLUMN
from app.views.shell.navigation import Node

LINE = "externe projectleiding (toegevoegd aan programmateam)"


@pytest.fixture
def window(main_window, qtbot):
    main_window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main_window)
    return main_window


def adopted_id(window) -> int:
    with window.context.workspace.session() as s:
        return s.scalars(select(Plan.id).where(Plan.kind == PlanKind.PLAN)).one()


def pages(window) -> list[Node]:
    """One node of every kind of page: region, plan, its five pages, a chapter and a project."""
    plan = adopted_id(window)
    with window.context.workspace.session() as s:
        chapter = s.scalars(select(Chapter.id).where(Chapter.plan_id == plan)).first()
        project = s.scalars(select(Project.id).join(Project.chapter).where(Chapter.plan_id == plan)).first()
        region = s.get(Plan, plan).region_id
    return [Node("region", region, None), Node("plan", plan, plan), Node("chapter", chapter, plan),
            Node("project", project, plan)] + [Node(kind, plan, plan) for kind in
                                               ("budget", "funding", "key", "staffing", "progress")]


def mnemonic(text: str) -> str | None:
    """The letter after a single & (&& is a literal ampersand)."""
    i = 0
    while i < len(text) - 1:
        if text[i] == "&":
            if text[i + 1] != "&":
                return text[i + 1].lower()
            i += 1
        i += 1
    return None


def walk(menu: QMenu) -> list[QMenu]:
    menu.aboutToShow.emit()  # the menus that fill themselves when opened
    found = [menu]
    for action in menu.actions():
        if action.menu() is not None:
            found += walk(action.menu())
    return found


def test_every_menu_item_has_a_mnemonic_of_its_own(window):
    bar = window.menuBar()
    titles = [a.text() for a in bar.actions()]
    assert [mnemonic(t) for t in titles].count(None) == 0, titles
    assert len({mnemonic(t) for t in titles}) == len(titles), titles
    assert "&Plan" in titles and "Pa&gina" in titles
    for node in pages(window):
        assert window.show_node(node), node
        for top in bar.actions():
            for menu in walk(top.menu()):
                texts = [a.text() for a in menu.actions() if not a.isSeparator() and a.isVisible()]
                letters = [mnemonic(t) for t in texts]
                if texts == ["(geen recente bestanden)"] or texts == ["(deze pagina heeft geen acties)"]:
                    continue
                missing = [t for t, m in zip(texts, letters) if m is None]
                assert not missing, (node.kind, menu.title(), missing)
                twice = {m for m in letters if letters.count(m) > 1}
                assert not twice, (node.kind, menu.title(), [t for t in texts if mnemonic(t) in twice])


def test_undo_and_redo_have_mnemonics(window):
    assert window.undo_action.text().startswith("&Ongedaan maken")
    assert mnemonic(window.redo_action.text()) == "u"


def test_every_toolbar_action_has_a_twin_in_the_page_menu(window):
    checked = 0
    for node in pages(window):
        window.show_node(node)
        editor = window.current_editor()
        if editor is None:
            continue
        window.menus.page_menu.aboutToShow.emit()
        in_menu = set(window.menus.page_menu.actions())
        for toolbar in editor.findChildren(QToolBar):
            for action in toolbar.actions():
                if not action.isSeparator():
                    assert action in in_menu, (node.kind, action.text())
                    checked += 1
    assert checked >= 20  # budget (9), staffing (4), project (8)


def test_the_plan_menu_holds_the_trees_actions_and_the_amendment(window):
    plan = adopted_id(window)
    window.show_node(Node("plan", plan, plan))
    window.menus.plan_menu.aboutToShow.emit()
    texts = [a.text() for a in window.menus.plan_menu.actions() if not a.isSeparator()]
    assert texts[0] == "&Wijziging maken…" and window.menus.amend_action.isEnabled()
    assert window.menus.amend_action.shortcut().toString() == "Ctrl+Shift+W"
    assert "Nieuw &hoofdstuk…" in texts and "Plan van volgend &jaar…" in texts
    assert "Jaar&kolommen…" in texts


def test_staffing_actions_have_shortcuts_in_their_tables(window, qtbot, monkeypatch):
    from app.models import Role

    plan = adopted_id(window)
    window.make_amendment_silently = None
    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.question",
                        lambda *a, **k: __import__("PySide6.QtWidgets").QtWidgets.QMessageBox.StandardButton.Yes)
    window.show_node(Node("staffing", plan, plan))
    window.make_amendment(plan)
    draft = window.current_plan_id
    assert draft != plan
    window.show_node(Node("staffing", draft, draft))
    editor = window.current_editor()
    editor.roles.setFocus()
    editor.roles.setCurrentIndex(editor.roles_model.index(0, 0))

    def roles() -> int:
        with window.context.workspace.session() as s:
            return s.scalar(select(func.count(Role.id)).where(Role.plan_id == draft))

    before = roles()
    qtbot.keyClick(editor.roles, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert roles() == before + 1
    assert editor.add_role_action.shortcut().toString() == "Ctrl+Return"


def focused_region(window):
    return window.focus_regions.region_of(QApplication.focusWidget())


def test_f6_cycles_between_the_tree_the_page_and_the_open_docks(window, qtbot):
    plan = adopted_id(window)
    window.show_node(Node("budget", plan, plan))
    window.history.show()
    window.tree.setFocus()
    qtbot.waitUntil(lambda: window.tree.hasFocus())
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6)
    budget = window.current_editor()
    assert focused_region(window) is budget
    assert budget.isAncestorOf(QApplication.focusWidget())
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6)
    assert focused_region(window) is window.history
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6)
    assert QApplication.focusWidget() is window.tree  # round the circle
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
    assert focused_region(window) is window.history  # Shift+F6 back


def test_f6_returns_to_the_cell_the_user_was_in(window, qtbot):
    plan = adopted_id(window)
    window.show_node(Node("budget", plan, plan))
    table = window.current_editor().table
    table.setFocus()
    table.setCurrentIndex(table.model().index(5, FIRST_YEAR_COLUMN))
    qtbot.keyClick(table, Qt.Key.Key_F6)  # to the tree (no dock open)
    assert QApplication.focusWidget() is window.tree
    qtbot.keyClick(window.tree, Qt.Key.Key_F6)
    assert QApplication.focusWidget() is table
    assert (table.currentIndex().row(), table.currentIndex().column()) == (5, FIRST_YEAR_COLUMN)


def test_escape_in_a_table_goes_back_to_the_tree_and_ctrl_tab_leaves_it(window, qtbot):
    plan = adopted_id(window)
    window.show_node(Node("budget", plan, plan))
    editor = window.current_editor()
    editor.table.setFocus()
    qtbot.keyClick(editor.table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is editor.table  # Tab moves between cells
    qtbot.keyClick(editor.table, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is not editor.table  # Ctrl+Tab leaves the table
    editor.table.setFocus()
    qtbot.keyClick(editor.table, Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is window.tree
    assert window.current_editor() is editor  # the page stays


def test_escape_while_editing_cancels_the_edit_and_stays_in_the_table(window, qtbot, monkeypatch):
    from PySide6.QtWidgets import QLineEdit, QMessageBox

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    plan = adopted_id(window)
    window.show_node(Node("budget", plan, plan))
    window.make_amendment(plan)
    table = window.current_editor().table
    table.setFocus()
    table.setCurrentIndex(table.model().index(2, FIRST_YEAR_COLUMN))
    qtbot.keyClick(table, "7")
    assert isinstance(QApplication.focusWidget(), QLineEdit)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is table)
    assert window.context.undo_stack.count() == 1  # the amendment only: nothing typed was kept


# --- the task, keys only -----------------------------------------------------------------------

def stored(window, plan_id: int, year: int = 2022) -> Decimal | None:
    with window.context.workspace.session() as s:
        return s.scalar(select(BudgetCell.amount).join(BudgetCell.line).join(BudgetLine.group).where(
            BudgetGroup.plan_id == plan_id, BudgetLine.name == LINE, BudgetCell.year == year))


def key(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A key to whatever has the focus, as the keyboard would send it."""
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def answer_questions_with_enter(qtbot, most: int = 1) -> list[str]:
    """Press Enter on the next ``most`` modal questions as they appear (their default button);
    the titles seen. It gives up after two seconds, so no key lands in a later test's dialog."""
    seen, ticks = [], [0]

    def press():
        box = QApplication.activeModalWidget()
        if box is not None:
            seen.append(box.windowTitle())
            qtbot.keyClick(box, Qt.Key.Key_Return)
        ticks[0] += 1
        if len(seen) < most and ticks[0] < 40:
            QTimer.singleShot(50, press)

    QTimer.singleShot(0, press)
    return seen


def test_amendment_raise_a_line_undo_redo_with_the_keyboard_only(window, qtbot):
    plan = adopted_id(window)
    window.show_node(Node("budget", plan, plan))
    window.current_editor().table.setFocus()
    old = stored(window, plan)

    questions = answer_questions_with_enter(qtbot)
    key(qtbot, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: window.current_plan_id != plan)
    assert questions and questions[0] == "Wijziging maken"
    draft = window.current_plan_id
    budget = window.current_editor()
    assert budget.plan_id == draft
    assert window.focusWidget() is budget.table  # focus not lost: the new plan's table has it
    # The offscreen platform does not give the window back its activation when a modal closes
    # (a window manager does): as the desktop would.
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is budget.table)

    # To the line's 2022 cell: Ctrl+Home, then the arrows.
    model = budget.model
    row = next(i for i, r in enumerate(model.sheet.rows) if r.kind is RowKind.LINE and r.label == LINE)
    column = FIRST_YEAR_COLUMN + model.years.index(2022)
    key(qtbot, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert (budget.table.currentIndex().row(), budget.table.currentIndex().column()) == (0, 0)
    for _ in range(row):
        key(qtbot, Qt.Key.Key_Down)
    for _ in range(column):
        key(qtbot, Qt.Key.Key_Right)
    assert (budget.table.currentIndex().row(), budget.table.currentIndex().column()) == (row, column)
    raised = old + 10000
    for char in str(int(raised)):
        key(qtbot, char)
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: stored(window, draft) == raised)
    assert stored(window, plan) == old  # the adopted plan as it was

    key(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored(window, draft) == old
    key(qtbot, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert stored(window, draft) == raised
    assert QApplication.focusWidget() is budget.table
