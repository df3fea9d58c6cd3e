"""Focus never lost (issue 16, point 2): the action table is typed by keys only (description,
Tab, owner, Tab, date, Tab, status) and every value is kept; after an add, the new row's first
cell has the focus."""
from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from sqlalchemy import select

from app.models import Action, ActionStatus, Chapter, Plan, PlanKind, Project
from app.services.plan_copy import create_amendment
from app.views.shell.navigation import Node


@pytest.fixture
def page(open_window, demo_workspace, qtbot):
    """The project page of project 1.1 in a draft amendment, in the real window, active."""
    from app.services.workspace import open_workspace

    with open_workspace(demo_workspace) as workspace:
        with workspace.session() as s:
            adopted = s.scalars(select(Plan.id).where(Plan.kind == PlanKind.PLAN)).one()
        draft = create_amendment(workspace, adopted)
        with workspace.session() as s:
            project = s.scalars(select(Project.id).join(Project.chapter).where(
                Chapter.plan_id == draft).order_by(Project.id)).first()
    window = open_window(demo_workspace)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    assert window.show_node(Node("project", project, draft))
    editor = window.current_editor()
    editor.today = date(2026, 12, 6)
    return window, editor, project


def key(qtbot, k, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(QApplication.focusWidget(), k, modifier)


def type_keys(qtbot, text: str) -> None:
    for char in text:
        qtbot.keyClick(QApplication.focusWidget(), char)


def actions(window, project_id):
    with window.context.workspace.session() as s:
        return [(a.description, a.owner, a.due_date, a.status) for a in
                s.scalars(select(Action).where(Action.project_id == project_id).order_by(Action.position))]


def test_a_new_action_typed_with_tab_between_its_fields_keeps_every_value(page, qtbot):
    window, editor, project = page
    table = editor.actions_table
    before = actions(window, project)
    table.setFocus()
    last = table.model().rowCount() - 1  # the empty row that adds an action
    table.setCurrentIndex(table.model().index(last, 0))

    type_keys(qtbot, "Evaluatie met de gemeenten")
    key(qtbot, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: len(actions(window, project)) == len(before) + 1)
    assert QApplication.focusWidget() is table
    assert (table.currentIndex().row(), table.currentIndex().column()) == (last, 1)  # the owner, same row
    type_keys(qtbot, "Programmamanager")
    key(qtbot, Qt.Key.Key_Tab)
    type_keys(qtbot, "31-12-2027")
    key(qtbot, Qt.Key.Key_Tab)
    type_keys(qtbot, "in behandeling")
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not isinstance(QApplication.focusWidget(), QLineEdit))

    assert actions(window, project)[-1] == ("Evaluatie met de gemeenten", "Programmamanager",
                                            date(2027, 12, 31), ActionStatus.IN_PROGRESS)
    assert actions(window, project)[:-1] == before
    model = table.model()
    assert [model.index(last, c).data() for c in range(3)] == [
        "Evaluatie met de gemeenten", "Programmamanager", "31-12-2027"]
    assert QApplication.focusWidget() is table  # still in the table, ready for the next


def test_ctrl_return_adds_an_action_and_its_first_cell_has_the_focus(page, qtbot):
    window, editor, project = page
    table = editor.actions_table
    before = actions(window, project)
    table.setFocus()
    table.setCurrentIndex(table.model().index(0, 2))
    key(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert len(actions(window, project)) == len(before) + 1
    assert QApplication.focusWidget() is table
    assert table.currentIndex().row() == 1 and table.currentIndex().column() == 0  # after the current one
    type_keys(qtbot, "Tussenrapportage")
    key(qtbot, Qt.Key.Key_Tab)
    type_keys(qtbot, "Beleidsadviseur")
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not isinstance(QApplication.focusWidget(), QLineEdit))
    assert actions(window, project)[1][:2] == ("Tussenrapportage", "Beleidsadviseur")


def test_a_wrong_date_typed_after_tab_is_said_and_nothing_else_is_lost(page, qtbot):
    window, editor, project = page
    table = editor.actions_table
    table.setFocus()
    table.setCurrentIndex(table.model().index(0, 2))
    before = actions(window, project)
    type_keys(qtbot, "31-02-2027")
    key(qtbot, Qt.Key.Key_Tab)
    assert actions(window, project) == before
    assert "geen bestaande datum" in editor.messages.text()
    assert QApplication.focusWidget() is not None and editor.isAncestorOf(QApplication.focusWidget())
