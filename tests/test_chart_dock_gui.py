"""The Grafieken dock in the main window: built when first shown, follows the plan and the
edits, marks the editor's row under a hovered bar, goes to it on a click; File > Export
chart and File > Print / Export PDF on the plan looked at.
"""
from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.views.shell.navigation import Node
from app.views.projects.project_editor import ProjectEditor


@pytest.fixture
def window(main_window, monkeypatch, qtbot):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    main_window.make_amendment(main_window.current_plan_id)
    main_window.charts.show()
    qtbot.waitUntil(lambda: main_window.charts.panel is not None)
    return main_window


def test_the_dock_builds_its_panel_only_when_shown(main_window):
    assert main_window.charts.panel is None and not main_window.charts.isVisible()
    assert main_window.charts.toggle_action.text() == "&Grafieken"
    main_window.charts.toggle_action.trigger()
    assert main_window.charts.isVisible()


def test_the_charts_follow_the_plan_and_the_edits_and_undo(window, qtbot):
    panel = window.charts.panel
    plan_id = window.current_plan_id
    assert panel.plan_id == plan_id
    panel.show_chart("budget")
    chart = panel.chart("budget")
    figures = window.context.budget_figures(plan_id)
    heights = chart.stack_heights()
    before = sum(v for (key, year), v in heights.items() if year == 2022)
    assert before == pytest.approx(float(figures.total[2022]))

    window.show_node(Node("budget", plan_id, plan_id))
    editor = window.current_editor()
    line_row = next(r for r, row in enumerate(editor.model.sheet.rows) if row.label == "onderzoeksbudget")
    column = editor.model.year_column(2022) if hasattr(editor.model, "year_column") else \
        next(c for c in range(editor.model.columnCount())
             if editor.model.headerData(c, Qt.Orientation.Horizontal) == "2022")
    assert editor.model.setData(editor.model.index(line_row, column), "125.000")
    after = sum(v for (key, year), v in chart.stack_heights().items() if year == 2022)
    assert after == pytest.approx(before + 25000)
    assert window.context.budget_figures(plan_id).total[2022] == Decimal("1305000")
    window.context.undo_stack.undo()
    assert sum(v for (key, year), v in chart.stack_heights().items() if year == 2022) == pytest.approx(before)


def test_hovering_a_bar_marks_the_row_and_a_click_goes_to_it(window, qtbot):
    plan_id = window.current_plan_id
    window.show_node(Node("budget", plan_id, plan_id))
    editor = window.current_editor()
    group_id, row = [(r.id, i) for i, r in enumerate(editor.model.sheet.rows)
                     if r.kind.value == "group" and r.level == 0][2]  # 3. Lopende projecten
    panel = window.charts.panel
    panel.item_hovered.emit("budget_group", group_id)
    assert editor.table.highlighted_row == row
    panel.item_hovered.emit("", None)
    assert editor.table.highlighted_row is None
    panel.item_activated.emit("budget_group", group_id)
    assert editor.table.currentIndex().row() == row

    # A project's bar opens the project; a municipality's bar the allocation key.
    project_id = next(p.id for p in window.context.staffing_figures(plan_id).projects if p.number == "3.2.3")
    panel.item_activated.emit("project", project_id)
    assert isinstance(window.current_editor(), ProjectEditor)
    assert window.current_editor().project_id == project_id
    panel.item_activated.emit("municipality", "Delft")
    key = window.current_editor()
    assert key.model.sheet.rows[key.table.currentIndex().row()].municipality == "Delft"


def test_export_chart_from_the_file_menu(window, tmp_path, monkeypatch):
    target = tmp_path / "begroting.png"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.export_chart_png_action.trigger()
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = tmp_path / "begroting"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(svg), ""))
    window.export_chart_svg_action.trigger()
    assert "<svg" in (tmp_path / "begroting.svg").read_text(encoding="utf-8")[:500]


def test_print_export_pdf_opens_the_export_of_the_plan_looked_at(main_window, monkeypatch):
    import app.views.export.pdf_export as pdf_export

    calls = []
    monkeypatch.setattr(pdf_export, "open_pdf_export", lambda context, plan_id, parent: calls.append(plan_id))
    assert main_window.pdf_action.text() == "&Afdrukken / PDF exporteren…"
    main_window.pdf_action.trigger()
    assert calls == [main_window.current_plan_id]


def test_print_without_a_plan_says_what_to_do(open_window, tmp_path, monkeypatch):
    from app.services.workspace import create_workspace

    empty = tmp_path / "leeg.planbord"
    create_workspace(empty).close()
    window = open_window(empty)
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a, **k: shown.append(text))
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text, *a, **k: shown.append(text))
    window.pdf_action.trigger()
    window.export_chart_png_action.trigger()
    assert shown == ["Open eerst een plan: kies het in de boom links."] * 2
