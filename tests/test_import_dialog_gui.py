"""File > Import a budget (issue 15): a workbook as an office keeps it goes through the mapping
and the preview (the typed subtotal that is off by 35 is named before anything is written),
lands in the plan's empty budget as one undo step, and one undo takes it all out again."""
from __future__ import annotations

from decimal import Decimal

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from app.models import BudgetCell, BudgetGroup, BudgetLine, KeyMethod, PrintedTotal
from app.services.new_workspace import KeySetup, PlanSetup, create_region_workspace
from app.views.shell.navigation import Node

D = Decimal


@pytest.fixture
def window(open_window, tmp_path):
    made = create_region_workspace(
        tmp_path / "proef.planbord", "Regio Proefland", ["Aadorp", "Beekdorp"],
        key=KeySetup("Sleutel", KeyMethod.PERCENTAGE, ["60", "40"]), plan=PlanSetup(2027, last_year=2028))
    window = open_window(made.path)
    assert window.show_node(Node("budget", made.plan_id, made.plan_id))
    window.plan_id = made.plan_id
    return window


@pytest.fixture
def workbook(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.title = "Begroting"
    rows = [
        ("Omschrijving", "2027", "2028"),
        ("Bureau", None, None),
        ("Programmamanager", 120000, "doorlopend"),
        ("Secretariaat", "30.000", "id."),
        ("Subtotaal Bureau", 150035, None),  # typed 35 more than its lines
        ("Projecten", None, None),
        ("Wachtlijsten", 80000, 40000),
        ("Subtotaal Projecten", 80000, 40000),
        ("Totaal", 230035, 40000),
    ]
    for row in rows:
        sheet.append(row)
    path = tmp_path / "begroting.xlsx"
    book.save(path)
    return path


def counts(window) -> tuple[int, int, int, int]:
    with window.context.workspace.session() as s:
        return tuple(s.scalar(select(func.count(model.id))) for model in
                     (BudgetGroup, BudgetLine, BudgetCell, PrintedTotal))


def test_a_budget_workbook_through_the_mapping_and_preview_and_undone_in_one_step(window, workbook, monkeypatch):
    assert counts(window) == (0, 0, 0, 0)
    seen = {}

    def run_dialog(dialog):
        seen["problems"] = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
        seen["kinds"] = [dialog.rows.cellWidget(r, 0).currentData() for r in range(dialog.rows.rowCount())]
        seen["summary"] = dialog.summary.text()
        return True

    monkeypatch.setattr(window, "ask_import_path", lambda: workbook)
    monkeypatch.setattr(window, "run_import_dialog", run_dialog)
    window.import_action.trigger()
    assert seen["kinds"] == ["group", "line", "line", "subtotal", "group", "line", "subtotal", "total"]
    assert len(seen["problems"]) == 2  # the subtotal and the grand total, each 35 more than the lines
    assert any("B5" in p and "150.035" in p and "35" in p for p in seen["problems"])
    assert seen["summary"].startswith("2 groepen en 3 posten voor de jaren 2027, 2028")

    groups, lines, cells, printed = counts(window)
    assert (groups, lines, cells) == (2, 3, 6)
    assert printed >= 1  # the typed subtotals kept beside the computed ones
    figures = window.context.budget_figures(window.plan_id)
    assert figures.total[2027] == D("230000.00")  # computed from the lines, not the typed 230.035
    assert window.context.undo_stack.count() == 1
    assert window.context.undo_stack.undoText() == "Begroting importeren uit begroting.xlsx"
    model = window.current_editor().model
    labels = [model.index(r, 0).data().strip() for r in range(model.rowCount())]
    assert "Programmamanager" in labels and "Wachtlijsten" in labels

    window.context.undo_stack.undo()
    assert counts(window) == (0, 0, 0, 0)
    window.context.undo_stack.redo()
    assert counts(window)[:3] == (2, 3, 6)


def test_a_plan_whose_budget_is_not_empty_is_refused_in_dutch_and_nothing_written(window, workbook, monkeypatch):
    monkeypatch.setattr(window, "ask_import_path", lambda: workbook)
    monkeypatch.setattr(window, "run_import_dialog", lambda dialog: True)
    window.import_action.trigger()
    before = counts(window)
    errors = []
    monkeypatch.setattr("app.views.shell.opening.show_error", lambda parent, message, title=None: errors.append(message))
    window.import_action.trigger()
    assert len(errors) == 1 and "begroting" in errors[0].lower()
    assert counts(window) == before and window.context.undo_stack.count() == 1


def test_a_file_that_is_not_a_workbook_gets_a_dutch_message(window, tmp_path, monkeypatch):
    junk = tmp_path / "brief.xlsx"
    junk.write_text("geen werkboek", encoding="utf-8")
    errors = []
    monkeypatch.setattr("app.views.shell.opening.show_error", lambda parent, message, title=None: errors.append(message))
    monkeypatch.setattr(window, "ask_import_path", lambda: junk)
    window.import_action.trigger()
    assert len(errors) == 1 and "brief.xlsx" in errors[0]
    assert counts(window) == (0, 0, 0, 0)
