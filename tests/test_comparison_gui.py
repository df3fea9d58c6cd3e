"""The Vergelijking dock in the real main window (issue 17, point 2): opened from an amendment's
banner and from Beeld > Vergelijken met…, following every edit of the amendment in the same
event-loop turn, filtering to the changes, and refusing what cannot be compared in Dutch.

What the dock shows is checked against the figures the services compute from the file.
"""
from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import select

from app.models import BudgetLine, Plan, PlanKind
from app.services.budget_edit import CellChange
from app.services.cell_input import CellValue
from app.services.comparison import PLAN_GONE, compare_plans
from app.views.commands import SetCellsCommand, execute
from app.views.shell.navigation import Node

DISPLAY = Qt.ItemDataRole.DisplayRole
PROGRAMME_MANAGER = "Programmamanager Jeugd (40% uitvoering)"


@pytest.fixture
def window(main_window, qtbot, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    main_window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main_window)
    return main_window


def adopted_id(window) -> int:
    with window.context.workspace.session() as s:
        return s.scalars(select(Plan.id).where(Plan.kind == PlanKind.PLAN)).one()


@pytest.fixture
def amendment(window) -> int:
    """A fresh amendment of the demo, made through the window; its budget page on screen."""
    window.make_amendment(adopted_id(window))
    window.context.undo_stack.clear()
    return window.current_editor().plan_id


def line_id(window, plan_id: int, name: str) -> int:
    with window.context.workspace.session() as s:
        return next(line.id for line in s.scalars(select(BudgetLine).where(BudgetLine.name == name))
                    if line.group.plan_id == plan_id)


def rows(model) -> list[list[str]]:
    return [[model.data(model.index(r, c), DISPLAY) for c in range(model.columnCount())]
            for r in range(model.rowCount())]


def column(model, header: str) -> int:
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    return headers.index(header)


def cell(model, row_label: str, header: str, label_column: int = 1) -> str:
    for row in range(model.rowCount()):
        if model.data(model.index(row, label_column), DISPLAY).strip() == row_label:
            return model.data(model.index(row, column(model, header)), DISPLAY)
    raise AssertionError(f"{row_label!r} not shown: {[r[label_column] for r in rows(model)]}")


def type_cell(window, plan_id: int, line: int, year: int, amount: str) -> None:
    """One typed cell as the budget editor pushes it: one undo command."""
    value = CellValue(Decimal(amount))
    assert execute(window.context, SetCellsCommand(window.context, plan_id, [CellChange(line, year, value)],
                                                   "bedrag wijzigen")) is None


def test_the_banner_of_an_amendment_compares_it_with_the_adopted_plan(window, amendment, qtbot):
    banner = window.current_editor().banner
    assert banner.isVisible() and "Concept-wijziging van" in banner.label.text()
    assert banner.compare_button.text() == "Vergelijk met vastgesteld"
    assert not banner.button.isVisible()  # a draft needs no "make an amendment"
    qtbot.mouseClick(banner.compare_button, Qt.MouseButton.LeftButton)
    dock = window.comparison
    assert dock.isVisible()
    assert dock.plans == (adopted_id(window), amendment)
    assert "vergeleken met" in dock.heading.text() and "vastgesteld" in dock.heading.text()
    # Nothing changed yet: no line rows, only the figures with their differences empty.
    model = dock.budget_model
    assert [r[2] for r in rows(model) if r[2]] == []
    assert cell(model, "Totaal", "2022 verschil") == ""
    assert "geen post gewijzigd" in dock.summary.text()


def test_the_difference_follows_an_edit_in_the_same_event_loop_turn(window, amendment):
    window.open_comparison(adopted_id(window), amendment)
    dock = window.comparison
    model, contributions = dock.budget_model, dock.contributions_model
    line = line_id(window, amendment, PROGRAMME_MANAGER)
    type_cell(window, amendment, line, 2022, "137500")  # 127.500 + 10.000
    # No event processing in between: the dock has followed the announcement itself.
    assert cell(model, PROGRAMME_MANAGER, "2022 voor") == "127.500"
    assert cell(model, PROGRAMME_MANAGER, "2022 na") == "137.500"
    assert cell(model, PROGRAMME_MANAGER, "2022 verschil") == "+10.000"
    assert cell(model, PROGRAMME_MANAGER, "Wat") == "gewijzigd"
    assert cell(model, "Totaal", "2022 verschil") == "+10.000"
    assert "1 gewijzigd" in dock.summary.text() and "2022: +10.000" in dock.summary.text()
    # Each municipality pays its share of the 10.000 more; the differences add up to it.
    expected = compare_plans(window.context.workspace, adopted_id(window), amendment).totals
    shown = {}
    for row in expected.contributions:
        text = cell(contributions, row.label, "2022 verschil", label_column=0)
        assert text == f"+{row.values[2022].difference:,.0f}".replace(",", ".")
        shown[row.label] = row.values[2022].difference
    assert sum(shown.values()) == Decimal("10000")
    assert cell(contributions, "Totaal", "2022 verschil", label_column=0) == "+10.000"

    window.context.undo_stack.undo()  # back: the line is no change any more, and leaves the filter
    assert all(PROGRAMME_MANAGER not in r for r in rows(model))
    assert cell(model, "Totaal", "2022 verschil") == ""


def test_typing_in_the_budget_table_updates_the_open_comparison(window, amendment, qtbot):
    window.open_comparison(adopted_id(window), amendment)
    budget = window.current_editor()
    table, model = budget.table, budget.model
    row = next(r for r in range(model.rowCount()) if model.data(model.index(r, 0), DISPLAY).strip() == PROGRAMME_MANAGER)
    year_column = next(c for c in range(model.columnCount())
                       if str(model.headerData(c, Qt.Orientation.Horizontal)) == "2022")
    table.setFocus()
    table.setCurrentIndex(model.index(row, year_column))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, "130000")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.context.undo_stack.count() == 1)
    assert cell(window.comparison.budget_model, PROGRAMME_MANAGER, "2022 verschil") == "+2.500"


def test_only_changes_filter_and_added_lines(window, amendment, qtbot):
    window.open_comparison(adopted_id(window), amendment)
    dock = window.comparison
    model = dock.budget_model
    type_cell(window, amendment, line_id(window, amendment, PROGRAMME_MANAGER), 2022, "137500")
    changed_rows = model.rowCount()
    dock.only_changes.setChecked(False)  # every line, changed or not
    with window.context.workspace.session() as s:
        lines = len([1 for line in s.scalars(select(BudgetLine)) if line.group.plan_id == amendment])
    assert sum(1 for r in rows(model) if model.line_at(rows(model).index(r)) is not None) == lines
    assert model.rowCount() > changed_rows
    dock.only_changes.setChecked(True)
    assert model.rowCount() == changed_rows


def test_structure_edits_are_matched_again_and_undone(window, amendment):
    """A line deleted and one renamed (structure edits, not cells) show as removed and renamed;
    undo takes them back out of the comparison."""
    from app.views.commands import delete_command, line_fields_command

    window.open_comparison(adopted_id(window), amendment)
    model = window.comparison.budget_model
    line = line_id(window, amendment, PROGRAMME_MANAGER)
    assert execute(window.context, delete_command(window.context, amendment, "line", line, "post verwijderen")) is None
    assert cell(model, PROGRAMME_MANAGER, "Wat") == "verwijderd"
    assert cell(model, PROGRAMME_MANAGER, "2022 verschil") == "-127.500"
    assert cell(model, "Totaal", "2022 verschil") == "-127.500"
    window.context.undo_stack.undo()
    assert all(PROGRAMME_MANAGER not in r for r in rows(model))
    assert execute(window.context, line_fields_command(window.context, amendment, line, "hernoemen",
                                                       name="Programmamanager")) is None
    assert cell(model, "Programmamanager", "Wat") == "hernoemd"
    assert cell(model, "Totaal", "2022 verschil") == ""  # a new name costs nothing


def test_view_compare_with_offers_the_other_plans_of_the_region(window, amendment, monkeypatch):
    asked = {}

    def answer(labels, default):
        asked.update(labels=labels, default=default)
        return default

    monkeypatch.setattr(window, "ask_comparison_plan", answer)
    window.compare_action.trigger()
    assert asked["labels"] == [window.plan_label(adopted_id(window))]
    assert window.comparison.plans == (adopted_id(window), amendment)


def test_compare_with_refuses_without_another_plan(window, monkeypatch):
    """The demo alone: one plan, nothing to compare with; a Dutch message, no dock."""
    shown = []
    monkeypatch.setattr("app.views.shell.main_window.show_error", lambda parent, message: shown.append(message))
    window.show_node(Node("budget", adopted_id(window), adopted_id(window)))
    window.compare_action.trigger()
    assert shown and "geen ander plan" in shown[0] and "Maak eerst een wijziging" in shown[0]
    assert window.comparison is None or not window.comparison.isVisible()


def test_deleting_a_compared_plan_stops_the_comparison_with_a_message(window, amendment):
    from app.views.shell.plan_commands import delete_plan_command

    window.open_comparison(adopted_id(window), amendment)
    dock = window.comparison
    assert execute(window.context, delete_plan_command(window.context, amendment, False, "plan verwijderen")) is None
    assert dock.plans is None
    assert dock.message.text() == PLAN_GONE and "Kies een ander plan" in PLAN_GONE
    assert dock.budget_model.rowCount() == 0


def test_by_keyboard_only(window, amendment, qtbot, monkeypatch):
    """Ctrl+Shift+V asks which plan (the adopted one offered first), the dock opens while the
    keyboard stays in the budget; F6 goes into the dock's table, Shift+F6 back to the page."""
    monkeypatch.setattr(window, "ask_comparison_plan", lambda labels, default: default)
    budget = window.current_editor()
    budget.table.setFocus()
    qtbot.keyClick(budget.table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dock = window.comparison
    assert dock is not None and dock.isVisible()
    assert QApplication.focusWidget() is budget.table  # the user goes on typing in the budget
    qtbot.keyClick(budget.table, Qt.Key.Key_F6)
    assert QApplication.focusWidget() is dock.budget_table
    qtbot.keyClick(dock.budget_table, Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is budget.table


def test_the_comparison_goes_to_excel_and_a_refusal_shows_in_the_dock(window, amendment, tmp_path, monkeypatch):
    import openpyxl

    window.open_comparison(adopted_id(window), amendment)
    type_cell(window, amendment, line_id(window, amendment, PROGRAMME_MANAGER), 2022, "137500")
    dock = window.comparison
    target = tmp_path / "vergelijking.xlsx"
    monkeypatch.setattr(window, "ask_excel_path", lambda suggestion: target)
    dock.excel_button.click()
    assert dock.message.text() == ""
    assert str(target) in dock.summary.text()
    sheet = openpyxl.load_workbook(target)["Vergelijking"]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    line = next(row for row in values if PROGRAMME_MANAGER in row)
    assert 127500 in line and 137500 in line
    # A name that is no workbook: refused in the dock, in Dutch, nothing written.
    monkeypatch.setattr(window, "ask_excel_path", lambda suggestion: tmp_path / "vergelijking.txt")
    dock.excel_button.click()
    assert ".xlsx" in dock.message.text() and dock.message.isVisibleTo(dock)
    assert not (tmp_path / "vergelijking.txt").exists()


def test_the_staffing_and_projects_tab_lists_the_outline_changes_and_a_typed_cell_leaves_it(window, amendment,
                                                                                           qtbot):
    from app.models import Chapter, Project
    from app.services import project_edit

    workspace = window.context.workspace
    with workspace.session() as s:
        chapter = s.scalars(select(Chapter.id).where(Chapter.plan_id == amendment, Chapter.number == "4")).one()
        removed = s.scalars(select(Project.id).join(Project.chapter)
                            .where(Chapter.plan_id == amendment, Project.number == "4.4")).one()
    project_edit.delete_project(workspace, removed)
    project_edit.add_project(workspace, chapter, title="Jeugdhulp en armoede")
    window.open_comparison(adopted_id(window), amendment)
    dock = window.comparison
    texts = dock.changes_model.texts()
    assert "Project toegevoegd: 4.4 Jeugdhulp en armoede (4 Lopende projecten en ad-hoc ondersteuning)" in texts
    assert any(t.startswith("Project verwijderd: 4.4 Scheiding en complexe relaties") for t in texts)
    assert dock.changes_list.model().rowCount() == len(texts) >= 3  # the project and its actions
    # A typed budget cell changes no project: the list is not made again.
    with qtbot.assertNotEmitted(dock.changes_model.modelReset):
        type_cell(window, amendment, line_id(window, amendment, PROGRAMME_MANAGER), 2022, "137500")
    assert dock.changes_model.texts() == texts
    # Nothing compared: an empty list; compared again without changes there: one line saying so.
    dock.clear()
    assert dock.changes_model.rowCount() == 0


def test_no_outline_changes_say_so_in_one_line(window, amendment):
    window.open_comparison(adopted_id(window), amendment)
    assert window.comparison.changes_model.texts() == ["Geen wijzigingen in formatie, projecten of acties."]
