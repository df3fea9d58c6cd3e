"""A region of one's own, as a user makes it (issue 12): the wizard, the region page with its
municipalities, groups and keys, a new plan from the region, two budget lines (one shared by a
group of four), the contributions in whole euros; and every step undone back to the wizard.
"""
from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QLineEdit, QWizard
from sqlalchemy import func, select

from app.models import (
    AllocationKey,
    BudgetCell,
    BudgetLine,
    KeyShare,
    Municipality,
    MunicipalitySet,
    Plan,
    Region,
)
from app.services.contributions import budget_contributions
from app.services.new_workspace import PlanSetup
from app.views.shell.navigation import Node

D = Decimal
SIX = ["Aadorp", "Beekdorp", "Cedorp", "Dijkstad", "Eemveen", "Fortmond"]
FOUR = ["Aadorp", "Beekdorp", "Cedorp", "Dijkstad"]


def wizard_without_plan(qtbot):
    """The wizard as a user fills it: a region, six municipalities pasted as a column, a
    percentage key, and the plan left for later."""
    def run(wizard) -> bool:
        qtbot.addWidget(wizard)
        wizard.show()
        qtbot.keyClicks(wizard.region_page.name, "Regio Proefland")
        wizard.next()
        wizard.municipalities_page.text.setPlainText("\n".join(SIX))
        wizard.next()
        qtbot.keyClicks(wizard.key_page.name, "Meicirculaire 2027")
        wizard.key_page.values.setPlainText("30\n20\n15\n15\n10\n10")
        wizard.next()
        wizard.plan_page.later.setChecked(True)
        wizard.button(QWizard.WizardButton.FinishButton).click()
        return wizard.result() == QDialog.DialogCode.Accepted

    return run


@pytest.fixture
def region_window(main_window, tmp_path, monkeypatch, qtbot):
    """The window after File > New workspace in an empty folder, on the region's page."""
    folder = tmp_path / "leeg"
    folder.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(folder / "proefland"), ""))
    monkeypatch.setattr(main_window, "run_wizard", wizard_without_plan(qtbot))
    main_window.new_action.trigger()
    assert main_window.windowTitle() == "Planbord — proefland.planbord"
    return main_window


def state(workspace) -> dict:
    """What the file holds, as a user would compare it."""
    with workspace.session() as s:
        return {
            "region": s.scalars(select(Region.name)).all(),
            "municipalities": s.scalars(select(Municipality.name).order_by(Municipality.position)).all(),
            "sets": s.execute(select(MunicipalitySet.code, MunicipalitySet.name)).all(),
            "keys": s.scalars(select(AllocationKey.name)).all(),
            "shares": sorted((m, str(p)) for m, p in s.execute(
                select(Municipality.name, KeyShare.percentage).join(KeyShare.municipality)).all()),
            "plans": s.execute(select(Plan.year, Plan.title)).all(),
            "lines": s.scalar(select(func.count(BudgetLine.id))),
            "cells": s.scalar(select(func.count(BudgetCell.id))),
        }


def ids(workspace, names) -> list[int]:
    with workspace.session() as s:
        found = dict(s.execute(select(Municipality.name, Municipality.id)).all())
    return [found[n] for n in names]


def region_editor(window):
    editor = window.current_editor()
    assert type(editor).__name__ == "RegionEditor"
    return editor


def test_wizard_then_a_group_a_plan_two_lines_and_contributions_and_undo_back(region_window, qtbot, monkeypatch):
    window = region_window
    ws = window.context.workspace
    after_wizard = state(ws)
    assert after_wizard["municipalities"] == SIX and after_wizard["plans"] == []

    # The region's page: the six municipalities, the key, no groups yet.
    editor = region_editor(window)
    shown = [editor.municipalities_model.index(r, 0).data() for r in range(editor.municipalities_model.rowCount())]
    assert shown == SIX
    assert editor.keys_model.index(0, 0).data() == "Meicirculaire 2027"
    assert editor.keys_model.index(0, 2).data() == "6 van 6"

    # A group of four, ticked in the dialog.
    monkeypatch.setattr(editor, "ask_set", lambda *a, **k: ("H4", "Noordelijke vier", tuple(ids(ws, FOUR))))
    qtbot.mouseClick(editor.add_set_button, Qt.MouseButton.LeftButton)
    assert editor.sets_model.rowCount() == 1
    assert [editor.sets_model.index(0, c).data() for c in range(3)] == [
        "H4", "Noordelijke vier", "Aadorp, Beekdorp, Cedorp, Dijkstad"]

    # A plan from the region's node, with the key.
    with ws.session() as s:
        key_id = s.scalar(select(AllocationKey.id))
    monkeypatch.setattr(window.plan_actions, "ask_new_plan",
                        lambda region_id: (PlanSetup(2027, "", 2027, 2028), key_id))
    window.plan_actions.new_plan_action.trigger()
    with ws.session() as s:
        plan_id = s.scalar(select(Plan.id))
    labels = [window.navigation_model.data(i) for i in window.navigation_model.walk()]
    assert labels[:2] == ["Regio Proefland", "2027 · concept"]

    # Two budget lines typed in: one for everyone, one shared by H4.
    assert window.show_node(Node("budget", plan_id, plan_id))
    budget = window.current_editor()
    budget.add_group_action.trigger()
    budget.add_line_action.trigger()
    budget.add_line_action.trigger()
    model, table = budget.model, budget.table
    lines = [r for r in range(model.rowCount()) if model.sheet.rows[r].kind.value == "line"]
    assert len(lines) == 2
    for row, texts in zip(lines, (("Voor allen", "", "100.000"), ("Voor de vier", "H4", "80.000")), strict=True):
        for column, text in zip((0, 2, 3), texts, strict=True):
            if text:
                type_into(qtbot, table, row, column, text)
    assert budget.messages.text() == "" or not budget.messages.isVisible()

    # The contributions: whole euros, adding up exactly, H4's line over its four only.
    with ws.session() as s:
        split = budget_contributions(s, s.get(Plan, plan_id)).by_year[2027]
    assert split == {"Aadorp": D("60000.00"), "Beekdorp": D("40000.00"), "Cedorp": D("30000.00"),
                     "Dijkstad": D("30000.00"), "Eemveen": D("10000.00"), "Fortmond": D("10000.00")}
    assert window.show_node(Node("key", plan_id, plan_id))
    contributions = window.current_editor().contributions_model
    on_screen = {contributions.index(r, 0).data(): contributions.index(r, 1).data()
                 for r in range(contributions.rowCount())}
    assert on_screen["Aadorp"] == "60.000" and on_screen["Eemveen"] == "10.000"
    assert on_screen["Totaal"] == "180.000"

    # Every step undone: the file is the wizard's result again.
    stack = window.context.undo_stack
    while stack.canUndo():
        stack.undo()
    assert state(ws) == after_wizard
    assert [window.navigation_model.data(i) for i in window.navigation_model.walk()] == ["Regio Proefland", "Monitor"]


def type_into(qtbot, table, row: int, column: int, text: str) -> None:
    """Go to a cell, F2, type over the text, Enter (as a user does)."""
    table.window().activateWindow()  # the wizard had the focus last
    table.setCurrentIndex(table.model().index(row, column))
    table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is table)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not isinstance(QApplication.focusWidget(), QLineEdit))


def test_a_draft_sharing_an_adopted_key_gets_a_copy_of_its_own_in_one_undo_step(main_window, qtbot):
    """Next year's plan keeps the adopted plan's key, which stays as adopted; on the key page one
    click gives the draft a copy whose shares it may change."""
    from app.services.next_year import NewYearFill, create_next_year
    from app.services.plans import find_plan

    window = main_window
    ws = window.context.workspace
    with ws.session() as s:
        adopted = find_plan(s, 2022)
        adopted_id, adopted_key = adopted.id, adopted.allocation_key_id
    draft = create_next_year(ws, adopted_id, NewYearFill.COPY).plan_id
    window.refresh()
    assert window.show_node(Node("key", draft, draft))
    page = window.current_editor()
    assert page.copy_key_button.isVisibleTo(page) and page.model.read_only
    keys_before = state(ws)["keys"]

    qtbot.mouseClick(page.copy_key_button, Qt.MouseButton.LeftButton)
    with ws.session() as s:
        key_id = s.get(Plan, draft).allocation_key_id
        name = s.get(AllocationKey, key_id).name
        assert s.get(Plan, adopted_id).allocation_key_id == adopted_key
    assert key_id != adopted_key and name == "Verdeelsleutel naar gemeentegrootte (2023)"
    assert page.key_choice.currentText() == name
    assert not page.model.read_only and not page.copy_key_button.isVisibleTo(page)
    assert window.context.undo_stack.undoText() == "Verdeelsleutel Verdeelsleutel naar gemeentegrootte kopiëren"

    window.context.undo_stack.undo()
    with ws.session() as s:
        assert s.get(Plan, draft).allocation_key_id == adopted_key
    assert state(ws)["keys"] == keys_before
    assert page.copy_key_button.isVisibleTo(page)
