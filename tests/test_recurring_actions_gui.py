"""A recurring action on the project page (issue 21): "maandelijks" typed in the due cell, shown
with its next occurrence; Herhalingen… lists the occurrences, a status typed per occurrence is one
undo step, undone with Ctrl+Z in the dialog."""
from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from app.models import ActionOccurrence, ActionStatus
from app.views.projects.project_editor import DUE
from app.views.shell.navigation import Node


@pytest.fixture
def page(draft_file, open_window, qtbot):
    """The project page of a draft amendment's first project, its first action current."""
    path, plan, project, action = draft_file
    window = open_window(path)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.show_node(Node("project", project, plan))
    editor = window.current_editor()
    editor.actions_table.setFocus()
    editor.actions_table.setCurrentIndex(editor.actions_model.index(0, DUE))
    return window, editor, action


def type_in(qtbot, table, text: str) -> None:
    """As a user types into the current cell: the first key opens the editor, the rest go into it."""
    table.setFocus()
    for char in text:
        qtbot.keyClick(QApplication.focusWidget(), char)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)


def records(window):
    with window.context.workspace.session() as s:
        return [(r.period_start, r.status, r.remark) for r in s.scalars(select(ActionOccurrence))]


def test_typing_monthly_makes_the_action_recur_and_its_occurrences_take_a_status(page, qtbot):
    window, editor, action = page
    assert not editor.occurrences_action.isEnabled()  # not recurring yet
    type_in(qtbot, editor.actions_table, "maandelijks")
    index = editor.actions_model.index(0, DUE)
    qtbot.waitUntil(lambda: index.data() != "31-12-2022")
    assert index.data() == "maandelijks t/m 31-12-2022 · afgelopen"  # today is after 2022
    assert index.data(Qt.ItemDataRole.EditRole) == "maandelijks van 01-2022 t/m 12-2022"
    assert not editor.occurrences_action.isEnabled()  # Enter went down to the next action
    editor.actions_table.setCurrentIndex(index)
    assert editor.occurrences_action.isEnabled()

    dialogs = []
    editor.show_dialog = lambda dialog: (dialogs.append(dialog), dialog.show())
    editor.occurrences_action.trigger()
    dialog = dialogs[0]
    qtbot.addWidget(dialog)
    table = dialog.table
    assert dialog.model.rowCount() == 12
    assert table.model().index(0, 0).data() == "januari 2022"
    assert table.model().index(11, 0).data() == "december 2022"
    assert dialog.windowTitle().startswith("Herhalingen: ")
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)

    table.setCurrentIndex(dialog.model.index(1, 1))  # februari, status
    type_in(qtbot, table, "behaald")
    qtbot.waitUntil(lambda: records(window) != [])
    assert records(window) == [(date(2022, 2, 1), ActionStatus.ACHIEVED, "")]
    assert dialog.isVisible()  # Enter commits the cell; it does not close the dialog
    assert dialog.model.index(1, 1).data() == "behaald"
    assert dialog.model.index(1, 3).data() == date.today().strftime("%d-%m-%Y")
    assert window.context.undo_stack.undoText() == "Status van februari 2022"

    table.setCurrentIndex(dialog.model.index(2, 1))  # maart: not a status
    type_in(qtbot, table, "klaar")
    qtbot.waitUntil(dialog.message.isVisible)
    assert dialog.message.isVisible() and "'klaar' is geen status" in dialog.message.text()
    assert len(records(window)) == 1  # nothing written
    assert dialog.model.index(2, 0).data(Qt.ItemDataRole.ToolTipRole).startswith("Te laat")  # ended, unknown

    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo, in the dialog
    qtbot.waitUntil(lambda: records(window) == [])
    assert dialog.model.index(1, 1).data() == "onbekend"


def test_an_action_that_does_not_recur_says_how_to_make_it_recur(page):
    _window, editor, _action = page
    assert not editor.occurrences_action.isEnabled()
    editor.open_occurrences()
    assert "herhaalt zich niet" in editor.messages.text()
