"""Issue 5 in the real main window: the outline edited from the navigation tree, the project
form (chapter, ambitions, dagdelen), the staffing matrix and the status bar, and undo of all.

pytest-qt on the offscreen platform with the Dutch translation; the demo's adopted plan is
copied into an amendment through the window's own action.
"""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox

from app.views.shell.navigation import Node
from app.views.projects.project_editor import ProjectEditor
from app.views.projects.progress_view import ProgressOverview
from app.views.staffing.staffing_editor import StaffingEditor
from test_project_edit import plan_dump


@pytest.fixture
def window(main_window, monkeypatch):
    """The main window on a fresh amendment of the demo plan."""
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    adopted = main_window.current_plan_id
    main_window.make_amendment(adopted)
    assert main_window.current_plan_id != adopted
    main_window.tree.expandAll()
    return main_window


def labels(window) -> list[str]:
    return [index.data() for index in window.navigation_model.walk()
            if window.navigation_model.node(index).plan_id == window.current_plan_id]


def go(window, label: str) -> Node:
    """Click the tree item of the amendment with this text."""
    model = window.navigation_model
    for index in model.walk():
        node = model.node(index)
        if index.data() == label and node.plan_id == window.current_plan_id:
            window.tree.setCurrentIndex(index)
            return node
    raise AssertionError(f"{label!r} is not in the tree: {labels(window)}")


def type_into(qtbot, view, index, text: str) -> None:
    view.setFocus()
    view.setCurrentIndex(index)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view)
    qtbot.keyClicks(view, text[0])
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    qtbot.keyClicks(editor, text[1:])
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not isinstance(QApplication.focusWidget(), QLineEdit))


def test_add_move_fill_overallocate_and_undo_all(window, qtbot, monkeypatch):
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    plan_id = window.current_plan_id
    before = plan_dump(window.context.workspace, plan_id)
    stack = window.context.undo_stack
    start = stack.index()  # the amendment made by the fixture is a step of its own

    # A new project in 3.2, from the tree: its form opens with the title ready to type over.
    go(window, "3.2 Lerend ontwikkelen")
    new_id = window.outline.new_project()
    editor = window.current_editor()
    assert isinstance(editor, ProjectEditor) and editor.project_id == new_id
    assert "3.2.4 Nieuw project" in labels(window)
    title = editor.edits["title"]
    assert title.hasFocus() and title.selectedText() == "Nieuw project"
    qtbot.keyClicks(title, "Jeugdhulp op school")
    qtbot.keyClick(title, Qt.Key.Key_Return)
    assert "3.2.4 Jeugdhulp op school" in labels(window)
    assert window.tree.currentIndex().data() == "3.2.4 Jeugdhulp op school"

    # Moved to 3.1 through the form's chapter box: the number follows, the tree too.
    box = editor.chapter
    box.setCurrentIndex(box.findData(_chapter_id(window, "3.1")))
    box.activated.emit(box.currentIndex())
    assert editor.number.text() == "<b>3.1.6</b>"
    assert "3.1.6 Jeugdhulp op school" in labels(window)
    assert "3.2.4 Jeugdhulp op school" not in labels(window)

    # Ambitions served: ticked on the form, one undo step each.
    ambitions = editor.ambitions
    ambitions.item(3).setCheckState(Qt.CheckState.Checked)
    assert editor.form.ambitions[3].served
    assert "Jeugdhulp en onderwijs" in editor.form.ambitions[3].text

    # Goals and actions, typed into the empty rows; a status changed.
    assert editor.goals_table.apply_texts([(0, 0, "Scholen doen mee")])
    assert editor.actions_table.apply_texts([(0, 0, "Gesprek met scholen"), (0, 2, "1-6-2022")])
    assert editor.actions_table.apply_texts([(0, 4, "behaald")])
    progress = window.show_node(Node("progress", plan_id, plan_id))
    assert progress and isinstance(window.current_editor(), ProgressOverview)

    # The chapter outline: a new chapter after 5, renamed, moved up, deleted with confirmation.
    monkeypatch.setattr(window.outline, "ask_text", lambda *a, **k: "Evaluatie")
    go(window, "5 Procesmatige ondersteuning")
    window.outline.new_chapter()
    assert "6 Evaluatie" in labels(window) and "7 Begroting" in labels(window)
    monkeypatch.setattr(window.outline, "ask_text", lambda *a, **k: "Evaluatie en monitoring")
    window.tree.setFocus()
    qtbot.keyClick(window.tree, Qt.Key.Key_F2)
    assert "6 Evaluatie en monitoring" in labels(window)
    qtbot.keyClick(window.tree, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert "5 Evaluatie en monitoring" in labels(window)
    assert "6 Procesmatige ondersteuning" in labels(window)
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda parent, title, text, *a, **k: asked.append(text) or QMessageBox.StandardButton.Yes)
    go(window, "3.1.6 Jeugdhulp op school")
    window.tree.setFocus()
    qtbot.keyClick(window.tree, Qt.Key.Key_Delete)
    assert asked and asked[-1].startswith(
        "Project 3.1.6 Jeugdhulp op school wordt verwijderd met 1 doel en 1 actie.")
    assert "3.1.6 Jeugdhulp op school" not in labels(window)
    assert window.current_node.kind == "plan"  # the deleted project's page gave way to its plan
    stack.undo()
    assert "3.1.6 Jeugdhulp op school" in labels(window)

    # Staffing: a matrix cell typed, a block pasted, a person over-allocated.
    go(window, "Formatie & dagdelen")
    staffing = window.current_editor()
    assert isinstance(staffing, StaffingEditor)
    staffing.add_person_action.trigger()
    assert staffing.people_model.set_texts([(0, 0, "Fatima Bakker")]) is None
    assert staffing.people_model.set_texts([(0, 2, "2")]) is None
    model = staffing.matrix_model
    fatima = next(c for c in range(model.columnCount())
                  if model.headerData(c, Qt.Orientation.Horizontal) == "Fatima Bakker")
    type_into(qtbot, staffing.matrix, model.index(0, fatima), "1,5")
    assert model.index(0, fatima).data() == "1,5"
    staffing.matrix.setCurrentIndex(model.index(1, fatima))
    assert staffing.matrix.paste("1\n1\n")
    assert window.status.half_days_label.text() == (
        "Dagdelen: 25,5 / 22 — te veel ingezet: Fatima Bakker")
    assert window.status.half_days_label.property("alert") is True
    assert "Fatima Bakker is ingezet voor 3,5 dagdelen per week, beschikbaar 2." in staffing.problem.text()

    # Undo everything: the plan is as it was, the tree and the status bar too.
    while stack.index() > start:
        stack.undo()
    assert plan_dump(window.context.workspace, plan_id) == before
    assert "3.2.4 Nieuw project" not in labels(window) and "6 Evaluatie" not in labels(window)
    assert window.status.half_days_label.text() == "Dagdelen: 22 / 22"
    assert window.status.half_days_label.property("alert") is False


def _chapter_id(window, number: str) -> int:
    for index in window.navigation_model.walk():
        node = window.navigation_model.node(index)
        if node.kind == "chapter" and node.plan_id == window.current_plan_id and \
                index.data().split(" ")[0] == number:
            return node.id
    raise AssertionError(number)


def test_the_outline_of_an_adopted_plan_cannot_change(main_window, qtbot):
    main_window.tree.expandAll()
    before = [index.data() for index in main_window.navigation_model.walk()]
    for label in ("3.2 Lerend ontwikkelen", "3.2.3 Samen leren"):
        index = next(i for i in main_window.navigation_model.walk() if i.data() == label)
        main_window.tree.setCurrentIndex(index)
        assert main_window.outline.new_project() is None
        assert main_window.outline.shift(1) is False
        assert main_window.outline.delete() is False
        assert "alleen-lezen" in main_window.statusBar().currentMessage()
    assert [index.data() for index in main_window.navigation_model.walk()] == before
    assert main_window.context.undo_stack.count() == 0


def test_moving_past_the_end_says_so_and_writes_nothing(window, qtbot):
    go(window, "6 Begroting")
    count = window.context.undo_stack.count()
    assert window.outline.shift(1) is False
    assert window.statusBar().currentMessage() == "Verder kan het niet die kant op."
    assert window.context.undo_stack.count() == count


def test_an_empty_chapter_title_is_refused_in_dutch(window, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a, **k: shown.append(text))
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text, *a, **k: shown.append(text))
    monkeypatch.setattr(window.outline, "ask_text", lambda *a, **k: "   ")
    go(window, "5 Procesmatige ondersteuning")
    before = labels(window)
    assert window.outline.rename() is False
    assert shown and "titel" in shown[-1].lower()
    assert labels(window) == before


def test_the_region_ambitions_dialog_edits_with_undo_and_refuses_an_empty_text(window, qtbot):
    from app.views.projects.ambitions import AmbitionsDialog

    go(window, "3.2.3 Samen leren")
    editor = window.current_editor()
    stack = window.context.undo_stack
    count = stack.count()
    dialog = AmbitionsDialog(window.context, editor.form.region_id, window)
    qtbot.addWidget(dialog)
    texts = lambda: [dialog.list.item(r).text() for r in range(dialog.list.count())]  # noqa: E731
    before = texts()

    # Bad input: an empty ambition is refused in Dutch, nothing written, no undo step.
    assert dialog.add("   ") is False
    assert "heeft een tekst nodig" in dialog.message.text() and not dialog.message.isHidden()
    assert texts() == before and stack.count() == count

    dialog.list.setCurrentRow(4)
    assert dialog.add("Minder uithuisplaatsingen")
    assert texts()[5] == "Minder uithuisplaatsingen"
    assert editor.ambitions.count() == 6  # the project form follows the region's list
    assert dialog.shift(-1) and texts()[4] == "Minder uithuisplaatsingen"
    assert dialog.rename("Minder uithuisplaatsingen & <sneller>")
    assert editor.ambitions.item(4).text() == "Minder uithuisplaatsingen & <sneller>"
    # An ambition the adopted plan uses cannot be deleted: the message says what to do.
    dialog.list.setCurrentRow(0)
    assert dialog.delete() is False
    assert "Pas de tekst aan" in dialog.message.text()
    dialog.list.setCurrentRow(4)
    assert dialog.delete() and texts() == before
    while stack.index() > count:
        stack.undo()
    assert texts() == before


def test_a_hidden_progress_overview_waits_until_shown_and_ignores_budget_edits(window, monkeypatch):
    plan_id = window.current_plan_id
    window.show_node(Node("progress", plan_id, plan_id))
    progress = window.current_editor()
    rebuilt = []
    monkeypatch.setattr(progress, "refresh", lambda: rebuilt.append(1))
    window.show_node(Node("budget", plan_id, plan_id))
    budget = window.current_editor()
    row = next(r for r, line in enumerate(budget.model.sheet.rows) if line.label == "onderzoeksbudget")
    column = next(c for c in range(budget.model.columnCount())
                  if budget.model.headerData(c, Qt.Orientation.Horizontal) == "2022")
    assert budget.model.setData(budget.model.index(row, column), "90.000")
    assert rebuilt == []  # a budget cell does not touch progress
    go(window, "3.2.3 Samen leren")
    assert window.current_editor().add_action("Nog een actie") is None
    assert rebuilt == []  # hidden: nothing read yet
    window.show_node(Node("progress", plan_id, plan_id))
    assert rebuilt == [1]  # read once, when shown


def test_a_file_open_read_only_offers_no_ambition_or_outline_edits(open_window, demo_workspace):
    window = open_window(demo_workspace, read_only=True)
    window.tree.expandAll()
    index = next(i for i in window.navigation_model.walk() if i.data() == "3.2.3 Samen leren")
    window.tree.setCurrentIndex(index)
    editor = window.current_editor()
    assert isinstance(editor, ProjectEditor)
    assert not editor.edit_ambitions_button.isEnabled()
    assert not editor.ambitions.item(0).flags() & Qt.ItemFlag.ItemIsUserCheckable
    assert window.outline.new_project() is None
    assert window.statusBar().currentMessage()  # says why


def test_a_project_page_shown_again_has_the_dagdelen_typed_meanwhile(window, qtbot):
    go(window, "3.2.3 Samen leren")
    project = window.current_editor()
    assert project.half_days.text().startswith("3 per week (0,3 fte)")
    go(window, "Formatie & dagdelen")
    staffing = window.current_editor()
    model = staffing.matrix_model
    row = next(r for r in range(len(model.matrix.rows)) if model.index(r, 0).data() == "3.2.3 Samen leren")
    office = next(c for c in range(model.columnCount())
                  if model.headerData(c, Qt.Orientation.Horizontal) == "Programmabureau")
    assert model.setData(model.index(row, office), "2")
    go(window, "3.2.3 Samen leren")
    assert window.current_editor() is project  # the same page, read again when shown
    assert project.half_days.text() == "2 per week (0,2 fte) in de formatie; de hoofdstuktekst noemt 2"


def test_the_context_menu_acts_on_the_item_clicked(window):
    go(window, "6 Begroting")
    model = window.navigation_model
    window.tree.expandAll()
    target = next(i for i in model.walk() if i.data() == "3.2.3 Samen leren"
                  and model.node(i).plan_id == window.current_plan_id)
    window.tree.scrollTo(target)
    point = window.tree.visualRect(target).center()
    # What a right-click does before the menu opens: the item clicked becomes current.
    index = window.tree.indexAt(point)
    assert index == target
    window.tree.setCurrentIndex(index)
    assert window.current_node == model.node(target)
    menu = window.outline.context_menu(model.node(target))
    enabled = {a.text().replace("&", ""): a.isEnabled() for a in menu.actions() if a.text()}  # without mnemonics
    assert enabled["Nieuw project"] and enabled["Verwijderen…"]
    assert not enabled["Nieuwe paragraaf…"]  # a project has no sub-chapters
