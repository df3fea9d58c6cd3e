"""The Formatie en dagdelen page driven as a user would: typing, pasting, undo, refusals.

pytest-qt on the offscreen platform with the Dutch translation. The demo plan is adopted
(read-only), so the tests make an amendment with the services and open the StaffingEditor
on it directly. After each step what the screen shows is compared with what the services
compute from the file.
"""
from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox
from sqlalchemy import select

from app.models import Plan, PlanKind
from app.services.allocation_matrix import allocation_matrix
from app.services.plan_copy import create_amendment
from app.views.staffing.staffing_editor import StaffingEditor
from app.views.staffing.staffing_models import PeopleModel
from test_project_edit import plan_dump

D = Decimal
DISPLAY = Qt.ItemDataRole.DisplayRole


@pytest.fixture
def context(demo_workspace, planbord_qapp, settings_store):
    from app.services.workspace import open_workspace
    from app.views.context import ApplicationContext

    context = ApplicationContext(open_workspace(demo_workspace), settings_store)
    yield context
    context.close()


def adopted_id(context) -> int:
    with context.workspace.session() as s:
        return s.scalars(select(Plan.id).where(Plan.kind == PlanKind.PLAN)).one()


@pytest.fixture
def editor(context, qtbot, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    plan_id = create_amendment(context.workspace, adopted_id(context))
    widget = StaffingEditor(context, plan_id, "", "Uitvoeringsplan 2022 (wijziging)")
    qtbot.addWidget(widget)
    widget.resize(1400, 900)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)
    return widget


def matrix(editor):
    with editor.context.workspace.session() as s:
        return allocation_matrix(s, s.get(Plan, editor.plan_id))


def shown(model, row, column) -> str:
    return str(model.index(row, column).data(DISPLAY) or "")


def row_of(model, label: str) -> int:
    return next(i for i in range(len(model.matrix.rows)) if shown(model, i, 0) == label)


def column_of(model, label: str) -> int:
    return next(c for c in range(model.columnCount())
                if model.headerData(c, Qt.Orientation.Horizontal) == label)


def assert_screen_matches_services(editor):
    model = editor.matrix_model
    fresh = matrix(editor)
    n = len(fresh.rows)
    for r, row in enumerate(fresh.rows):
        for c, value in enumerate(row.cells):
            assert shown(model, r, model.FIRST + c) == ("" if value is None else
                                                        shown_half_days(value)), (row.title, c)
    for c, total in enumerate(fresh.column_totals):
        assert shown(model, n, model.FIRST + c) == shown_half_days(total)
    assert shown(model, n, model.total_column) == (
        f"{shown_half_days(fresh.grand_total)} van {shown_half_days(fresh.capacity)}")
    assert editor.problem.text() == " ".join(fresh.messages)
    # The figures the status bar and the charts read were adjusted, not read again: still exact.
    from app.services.figures import load_staffing_figures

    context = editor.context
    assert context.staffing_figures(editor.plan_id) == load_staffing_figures(context.workspace, editor.plan_id)
    people = editor.people_model
    fresh_people = {p.id: p.allocated_half_days for p in
                    load_staffing_figures(context.workspace, editor.plan_id).people}
    assert {p.id: p.allocated_half_days for p in people.sheet.people} == fresh_people


def shown_half_days(value) -> str:
    from app.formatting import format_half_days

    return format_half_days(value)


def type_into(qtbot, view, index, text: str) -> None:
    """Go to a cell and type over it as a user does (the first key opens the editor), Enter."""
    view.setFocus()
    view.setCurrentIndex(index)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view)
    for char in text:
        qtbot.keyClicks(QApplication.focusWidget(), char)
    assert isinstance(QApplication.focusWidget(), QLineEdit)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not isinstance(QApplication.focusWidget(), QLineEdit))


# --- the demo ------------------------------------------------------------------------------

def test_the_demo_shows_22_of_22_and_the_adopted_plan_is_read_only(context, qtbot):
    plan_id = adopted_id(context)
    banner = "Vastgesteld: BOJ 11-11-2021 — alleen lezen."
    widget = StaffingEditor(context, plan_id, banner, "Uitvoeringsplan 2022")
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    model = widget.matrix_model
    total_row = len(model.matrix.rows)
    assert shown(model, total_row, model.total_column) == "22 van 22"
    assert shown(model, total_row + 2, model.total_column) == "22"  # beschikbaar
    assert shown(model, total_row, model.total_column + 1) == "2,2"  # fte beside dagdelen
    assert shown(model, row_of(model, "3.1.3 Intensiveren Beter Samenspel"), model.total_column) == "4"
    assert [shown(model, r, 0) for r in (total_row - 2, total_row - 1)] == [
        "Doorlopend algemeen", "Coördinatie, werkoverleg"]
    assert widget.problem.text() == "" and widget.problem.isHidden()
    assert widget.banner.isVisible() and banner in widget.banner.label.text()
    assert not widget.add_role_action.isEnabled() and widget.factor.isReadOnly()
    for m in (model, widget.roles_model, widget.people_model):
        assert all(not (m.flags(m.index(r, c)) & Qt.ItemFlag.ItemIsEditable)
                   for r in range(m.rowCount()) for c in range(m.columnCount()))
    before = plan_dump(context.workspace, plan_id)
    assert model.set_texts([(0, model.FIRST, "2")]) == (
        "Dit plan is alleen-lezen; maak een wijziging om het aan te passen.")
    assert plan_dump(context.workspace, plan_id) == before and context.undo_stack.count() == 0
    # The roles table: 3,8 fte, of which 2,2 for execution = 22 dagdelen.
    roles = widget.roles_model
    last = roles.rowCount() - 1
    assert [shown(roles, last, c) for c in range(4)] == ["Totaal", "3,8", "2,2", "22"]


# --- typing, pasting, over-allocating, undoing -------------------------------------------------

def test_type_paste_overallocate_and_undo_everything(editor, qtbot):
    context = editor.context
    before = plan_dump(context.workspace, editor.plan_id)
    model = editor.matrix_model
    stack = context.undo_stack

    # A person, through the toolbar, named and given 4 dagdelen by typing.
    editor.add_person_action.trigger()
    people = editor.people_model
    type_into(qtbot, editor.people, people.index(0, PeopleModel.NAME), "Fatima Bakker")
    type_into(qtbot, editor.people, people.index(0, PeopleModel.AVAILABLE), "4")
    type_into(qtbot, editor.people, people.index(0, PeopleModel.ROLE), "programma-management")
    assert [shown(people, 0, c) for c in range(5)] == [
        "Fatima Bakker", "Programma-management", "4", "0", "4"]
    assert stack.count() == 4

    # Typing one cell.
    samenspel = row_of(model, "3.1.3 Intensiveren Beter Samenspel")
    role = column_of(model, "Programma- en projectmanagement")
    type_into(qtbot, editor.matrix, model.index(samenspel, role), "2,5")
    assert shown(model, samenspel, role) == "2,5"
    assert shown(model, samenspel, model.total_column) == "6,5"
    assert_screen_matches_services(editor)
    assert stack.count() == 5

    # Pasting a 2 x 2 block from Excel: one undo step.
    top = row_of(model, "3.1.1 Aanpak wachtlijsten")
    editor.matrix.setCurrentIndex(model.index(top, role))
    assert editor.matrix.paste("1\t0,5\n1,5\t2\n")
    assert stack.count() == 6
    assert [shown(model, top, role), shown(model, top + 1, role + 1)] == ["1", "2"]
    assert_screen_matches_services(editor)

    # Over-allocating Fatima (6 of 4 available): red, named in the problem line.
    fatima = column_of(model, "Fatima Bakker")
    type_into(qtbot, editor.matrix, model.index(samenspel, fatima), "6")
    total_row = len(model.matrix.rows)
    assert "Fatima Bakker is ingezet voor 6 dagdelen per week, beschikbaar 4." in editor.problem.text()
    assert editor.problem.isVisible()
    assert model.index(total_row, fatima).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert "Fatima Bakker" in model.index(total_row, fatima).data(Qt.ItemDataRole.ToolTipRole)
    assert people.index(0, PeopleModel.FREE).data(DISPLAY) == "-2"
    assert people.index(0, PeopleModel.NAME).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert_screen_matches_services(editor)

    # Delete clears a cell; the factor changes through a command too.
    editor.matrix.setCurrentIndex(model.index(top, role))
    qtbot.keyClick(editor.matrix, Qt.Key.Key_Delete)
    assert shown(model, top, role) == ""
    editor.factor.setText("8")
    editor.factor.editingFinished.emit()
    assert shown(editor.roles_model, editor.roles_model.rowCount() - 1, 3) == "17,6"  # 2,2 x 8
    assert_screen_matches_services(editor)

    # Undo all of it: the plan is as before, and the screen agrees.
    while stack.canUndo():
        stack.undo()
    assert plan_dump(context.workspace, editor.plan_id) == before
    assert people.rowCount() == 0
    assert_screen_matches_services(editor)
    assert shown(model, len(model.matrix.rows), model.total_column) == "22 van 22"
    assert editor.factor.text() == "10"
    # ... and redo brings it back.
    while stack.canRedo():
        stack.redo()
    assert "Fatima Bakker" in editor.problem.text()
    assert_screen_matches_services(editor)


def test_deleting_a_role_and_undo_restores_it_exactly(editor):
    before = plan_dump(editor.context.workspace, editor.plan_id)
    roles = editor.roles_model
    editor.roles.setCurrentIndex(roles.index(1, 0))
    editor.delete_role_action.trigger()
    assert roles.rowCount() == 3  # two roles and the total
    assert "Programma- en projectmanagement" not in [
        editor.matrix_model.headerData(c, Qt.Orientation.Horizontal)
        for c in range(editor.matrix_model.columnCount())]
    editor.context.undo_stack.undo()
    assert plan_dump(editor.context.workspace, editor.plan_id) == before
    assert_screen_matches_services(editor)


# --- refusals: a Dutch message, nothing written, the undo stack unchanged ----------------------

@pytest.mark.parametrize("text, words", [
    ("-2", "niet negatief"),
    ("twee", "'twee' is geen getal"),
    ("2,55", "te veel decimalen"),
])
def test_bad_dagdelen_are_refused_in_dutch(editor, text, words):
    model = editor.matrix_model
    before = plan_dump(editor.context.workspace, editor.plan_id)
    count = editor.context.undo_stack.count()
    editor.matrix.setCurrentIndex(model.index(0, model.FIRST))
    assert not editor.matrix.paste(f"1\t{text}\n")  # the good cell is not written either
    assert words in editor.messages.text()
    assert "3.1.1 Aanpak wachtlijsten" in editor.messages.text()
    assert plan_dump(editor.context.workspace, editor.plan_id) == before
    assert editor.context.undo_stack.count() == count
    assert not model.setData(model.index(0, model.FIRST), text)
    assert plan_dump(editor.context.workspace, editor.plan_id) == before
    assert editor.context.undo_stack.count() == count


def test_more_than_ten_dagdelen_per_person_is_refused(editor):
    editor.add_person_action.trigger()
    people = editor.people_model
    assert people.setData(people.index(0, PeopleModel.NAME), "Bram de Vries")
    assert people.setData(people.index(0, PeopleModel.AVAILABLE), "10")
    model = editor.matrix_model
    bram = column_of(model, "Bram de Vries")
    assert model.setData(model.index(0, bram), "6")
    before = plan_dump(editor.context.workspace, editor.plan_id)
    count = editor.context.undo_stack.count()
    editor.matrix.setCurrentIndex(model.index(1, bram))
    assert not editor.matrix.paste("4,5\n")
    assert editor.messages.text() == ("Bram de Vries zou dan 10,5 dagdelen per week werken; "
                                      "een week heeft 10 dagdelen.")
    assert plan_dump(editor.context.workspace, editor.plan_id) == before
    assert editor.context.undo_stack.count() == count
    assert shown(model, 1, bram) == ""
    # Availability above a week is refused too.
    assert not people.setData(people.index(0, PeopleModel.AVAILABLE), "11")
    assert plan_dump(editor.context.workspace, editor.plan_id) == before


def test_totals_cannot_be_typed_into_and_the_factor_must_be_positive(editor):
    model = editor.matrix_model
    before = plan_dump(editor.context.workspace, editor.plan_id)
    total_row = len(model.matrix.rows)
    assert "wordt berekend" in model.set_texts([(total_row, model.FIRST, "3")])
    editor.factor.setText("0")
    editor.factor.editingFinished.emit()
    assert "groter zijn dan 0" in editor.messages.text()
    assert editor.factor.text() == "10"
    assert plan_dump(editor.context.workspace, editor.plan_id) == before
    assert editor.context.undo_stack.count() == 0
