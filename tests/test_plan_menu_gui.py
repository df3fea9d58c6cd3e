"""The tree's plan menu on the demo (plan 2022, adopted), as a user works it (issue 12): a new plan
from the region, a scenario, renaming with F2, narrowing the year columns, deleting a draft and
the adopted plan with Delete, an amendment adopted in the original's place. Each step checked
on disk and in the tree, refusals in Dutch with nothing written, and every step undone until
the file is as it was.
"""
from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import func, select

from app.models import (
    AllocationKey,
    BudgetCell,
    BudgetGroup,
    BudgetLine,
    FixedSettlement,
    FixedSettlementAmount,
    FundingAmount,
    FundingSource,
    Plan,
    PlanKind,
    PlanStatus,
    Region,
)
from app.services.new_workspace import PlanSetup
from app.views.shell.navigation import Node
from tests.file_rows import workspace_rows as dump

D = Decimal
TITLE = "Uitvoeringsplan 2022 Regiovisie Jeugdzorg Haaglanden"
ADOPTED_LABEL = "2022 · vastgesteld 11-11-2021"


# --- the file -------------------------------------------------------------------------------

def plans(window) -> list[tuple]:
    with window.context.workspace.session() as s:
        return [(p.id, p.year, p.title, p.kind.value, p.status.value)
                for p in s.scalars(select(Plan).order_by(Plan.id))]


def year_totals(workspace, plan_id: int) -> dict[int, tuple]:
    """Per year: the budget cells' sum and count, the funding's and the fixed settlements' sums."""
    with workspace.session() as s:
        cells = dict((y, (total, n)) for y, total, n in s.execute(
            select(BudgetCell.year, func.sum(BudgetCell.amount), func.count(BudgetCell.id))
            .join(BudgetLine, BudgetLine.id == BudgetCell.line_id)
            .join(BudgetGroup, BudgetGroup.id == BudgetLine.group_id)
            .where(BudgetGroup.plan_id == plan_id).group_by(BudgetCell.year)))
        funding = dict(s.execute(
            select(FundingAmount.year, func.sum(FundingAmount.amount))
            .join(FundingSource, FundingSource.id == FundingAmount.source_id)
            .where(FundingSource.plan_id == plan_id).group_by(FundingAmount.year)).all())
        fixed = dict(s.execute(
            select(FixedSettlementAmount.year, func.sum(FixedSettlementAmount.amount))
            .join(FixedSettlement, FixedSettlement.id == FixedSettlementAmount.settlement_id)
            .where(FixedSettlement.plan_id == plan_id).group_by(FixedSettlementAmount.year)).all())
    return {y: (cells.get(y), funding.get(y), fixed.get(y)) for y in sorted(set(cells) | set(funding) | set(fixed))}


# --- the window -----------------------------------------------------------------------------

@pytest.fixture
def window(main_window):
    main_window.adopted_id = plan_id(main_window, PlanKind.PLAN, 2022)
    with main_window.context.workspace.session() as s:
        main_window.region_id = s.scalar(select(Region.id))
    return main_window


@pytest.fixture
def errors(monkeypatch):
    """The error dialogs the window shows, by their text."""
    shown = []
    monkeypatch.setattr("app.views.shell.opening.show_error",
                        lambda parent, message, title=None: shown.append(message))
    return shown


def plan_id(window, kind: PlanKind, year: int) -> int:
    with window.context.workspace.session() as s:
        return s.scalars(select(Plan.id).where(Plan.kind == kind, Plan.year == year).order_by(Plan.id)).first()


def plan_labels(window) -> list[str]:
    model = window.navigation_model
    return [model.data(i) for i in model.walk() if model.node(i).kind == "plan"]


def label_of(window, plan: int) -> str | None:
    index = window.navigation_model.find(Node("plan", plan, plan))
    return index.data() if index.isValid() else None


def select_node(window, node: Node) -> None:
    index = window.navigation_model.find(node)
    assert index.isValid(), node
    window.tree.setCurrentIndex(index)


def menu_texts(window, node: Node) -> dict[str, bool]:
    """The tree's context menu of ``node``: each action's text and whether it can be chosen."""
    select_node(window, node)
    menu = window.outline.context_menu(window.current_node)
    return {a.text().replace("&", ""): a.isEnabled() for a in menu.actions() if a.text()}  # without mnemonics


def in_tree(qtbot, window, plan: int) -> None:
    """The plan's item current and the keyboard in the tree."""
    select_node(window, Node("plan", plan, plan))
    window.tree.window().activateWindow()
    window.tree.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.tree)


def answer(monkeypatch, target, name: str, *answers):
    """``target.name`` answered in turn; returns what it was asked."""
    asked, answers = [], list(answers)

    def ask(*args):
        asked.append(args)
        return answers.pop(0)

    monkeypatch.setattr(target, name, ask)
    return asked


def undo(window) -> None:
    window.context.undo_stack.undo()


def redo(window) -> None:
    window.context.undo_stack.redo()


# --- a new plan -----------------------------------------------------------------------------

def test_a_new_plan_from_the_regions_menu_a_taken_year_refused_and_undo_and_redo(window, monkeypatch, errors):
    ws = window.context.workspace
    before = dump(ws)
    assert menu_texts(window, Node("region", window.region_id)) == {"Nieuw plan…": True}
    with ws.session() as s:
        key_id = s.scalar(select(AllocationKey.id))

    asked = answer(monkeypatch, window.plan_actions, "ask_new_plan",
                   (PlanSetup(2022, "Nog een plan 2022", 2022, 2024), key_id),
                   (PlanSetup(2024, "", 2024, 2026, "9"), key_id))
    window.plan_actions.new_plan_action.trigger()
    assert asked == [(window.region_id,)]
    assert errors == [f"Er is al een uitvoeringsplan voor 2022 in deze regio (“{TITLE}”). Kies een ander jaar, "
                      "of maak een scenario van dat plan."]
    assert dump(ws) == before and window.context.undo_stack.count() == 0
    assert plan_labels(window) == [ADOPTED_LABEL]

    window.plan_actions.new_plan_action.trigger()
    new = plan_id(window, PlanKind.PLAN, 2024)
    assert plans(window)[-1] == (new, 2024, "Uitvoeringsplan 2024", "plan", "draft")
    with ws.session() as s:
        made = s.get(Plan, new)
        assert (made.first_year, made.last_year, made.allocation_key_id) == (2024, 2026, key_id)
    assert plan_labels(window) == ["2024 · concept", ADOPTED_LABEL]  # newest first
    assert window.current_node == Node("plan", new, new)  # it opens
    assert window.tree.isExpanded(window.tree.currentIndex())
    assert window.context.undo_stack.undoText() == "Nieuw plan 2024"
    assert len(errors) == 1

    undo(window)
    assert dump(ws) == before
    assert plan_labels(window) == [ADOPTED_LABEL]
    redo(window)  # the same plan, with its own id
    assert plan_id(window, PlanKind.PLAN, 2024) == new
    assert plan_labels(window) == ["2024 · concept", ADOPTED_LABEL]
    undo(window)
    assert dump(ws) == before


# --- a scenario -----------------------------------------------------------------------------

def test_a_scenario_of_the_adopted_plan_is_a_draft_that_cannot_be_adopted_and_undo(window):
    ws = window.context.workspace
    before = dump(ws)
    menu = menu_texts(window, Node("plan", window.adopted_id, window.adopted_id))
    assert menu["Scenario maken"] and not menu["Vaststellen…"]
    window.plan_actions.scenario_action.trigger()

    scenario = plan_id(window, PlanKind.SCENARIO, 2022)
    assert plans(window)[-1] == (scenario, 2022, f"{TITLE} (scenario 1)", "scenario", "draft")
    assert label_of(window, scenario) == "2022 · scenario 1"
    assert label_of(window, window.adopted_id) == ADOPTED_LABEL  # a scenario replaces nothing
    assert window.current_node == Node("plan", scenario, scenario)
    assert window.context.undo_stack.undoText() == "Scenario maken"
    menu = menu_texts(window, Node("plan", scenario, scenario))
    assert not menu["Vaststellen…"]
    assert menu["Naam van plan wijzigen…"] and menu["Jaarkolommen…"] and menu["Plan verwijderen…"]

    undo(window)
    assert dump(ws) == before
    assert plan_labels(window) == [ADOPTED_LABEL]
    redo(window)
    assert plan_id(window, PlanKind.SCENARIO, 2022) == scenario
    undo(window)
    assert dump(ws) == before


# --- renaming -------------------------------------------------------------------------------

def test_f2_on_a_draft_plan_in_the_tree_renames_it_and_the_tree_follows_and_undo(window, qtbot, monkeypatch):
    ws = window.context.workspace
    before = dump(ws)
    select_node(window, Node("plan", window.adopted_id, window.adopted_id))
    window.plan_actions.scenario_action.trigger()
    scenario = plan_id(window, PlanKind.SCENARIO, 2022)
    after_scenario = dump(ws)

    asked = answer(monkeypatch, window.plan_actions, "ask_text", "  Scenario   zonder Jong doet mee ", None)
    in_tree(qtbot, window, scenario)
    qtbot.keyClick(window.tree, Qt.Key.Key_F2)
    assert asked == [("Naam van plan wijzigen", "Titel:", f"{TITLE} (scenario 1)")]
    assert plans(window)[-1][2] == "Scenario zonder Jong doet mee"
    assert label_of(window, scenario).startswith("2022 · scenario ‘zonder Jong doet")  # its name, cut to fit
    assert window.current_node == Node("plan", scenario, scenario)  # the tree keeps its place
    assert window.context.undo_stack.undoText() == "Naam van plan wijzigen"

    qtbot.keyClick(window.tree, Qt.Key.Key_F2)  # asked again, and cancelled: nothing happens
    assert len(asked) == 2 and window.context.undo_stack.count() == 2

    undo(window)
    assert dump(ws) == after_scenario
    assert label_of(window, scenario) == "2022 · scenario 1"
    redo(window)
    assert label_of(window, scenario).startswith("2022 · scenario ‘zonder Jong doet")  # its name, cut to fit
    undo(window)
    undo(window)
    assert dump(ws) == before


def test_the_adopted_plan_cannot_be_renamed(window, qtbot, monkeypatch, errors):
    ws = window.context.workspace
    before = dump(ws)
    menu = menu_texts(window, Node("plan", window.adopted_id, window.adopted_id))
    assert not menu["Naam van plan wijzigen…"] and not menu["Jaarkolommen…"]
    window.plan_actions.rename_action.trigger()  # greyed: does nothing

    asked = answer(monkeypatch, window.plan_actions, "ask_text", "Een andere titel")
    in_tree(qtbot, window, window.adopted_id)
    qtbot.keyClick(window.tree, Qt.Key.Key_F2)  # F2 on the adopted plan: no title asked
    assert asked == []
    assert window.statusBar().currentMessage() == (
        "Vastgesteld: BOJ 11-11-2021 — alleen-lezen. Maak een wijziging aan om het plan aan te passen.")
    assert errors == []
    assert dump(ws) == before and window.context.undo_stack.count() == 0
    assert label_of(window, window.adopted_id) == ADOPTED_LABEL


# --- year columns ---------------------------------------------------------------------------

def test_narrowing_a_draft_amendments_years_names_the_amounts_no_keeps_them_yes_removes_undo_brings_back(
        window, monkeypatch):
    ws = window.context.workspace
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    select_node(window, Node("budget", window.adopted_id, window.adopted_id))
    window.make_amendment(window.adopted_id)
    amendment = plan_id(window, PlanKind.AMENDMENT, 2022)
    assert window.current_node == Node("budget", amendment, amendment)  # on its budget page
    before = dump(ws)
    totals = year_totals(ws, amendment)
    # 2021: eleven budget cells and five fixed settlements (no funding) that narrowing would remove
    assert totals[2021] == ((D("1062500.00"), 11), None, D("316795.00"))
    assert sorted(totals) == [2021, 2022, 2023]

    budget = window.current_editor()
    headers = lambda: [budget.model.headerData(c, Qt.Orientation.Horizontal)  # noqa: E731
                       for c in range(budget.model.columnCount())]
    assert headers()[-3:] == ["2021 (vergelijking)", "2022", "2023"]
    total_row = budget.model.rowCount() - 1
    shown_2022 = budget.model.index(total_row, headers().index("2022")).data()

    menu = menu_texts(window, Node("plan", amendment, amendment))
    assert menu["Jaarkolommen…"]
    asked_years = answer(monkeypatch, window.plan_actions, "ask_year_columns", (2022, 2023, 0), (2022, 2023, 0))
    asked = answer(monkeypatch, window.plan_actions, "ask_confirm", False, True)
    window.plan_actions.years_action.trigger()
    assert asked_years == [(2021, 2023, 1)]  # 2021 is last year's budget, for comparison
    title, text = asked[0]
    assert title == "Jaarkolommen"
    lines = text.split("\n")
    assert lines[0] == "De jaren 2022–2023 laten deze bedragen weg; ze worden verwijderd:"
    assert "• Programmamanager Jeugd (40% uitvoering), 2021: € 77.500 (met toelichting)" in lines
    assert "• Secretariële ondersteuning, 2021: € 70.000" in lines
    named = [line for line in lines if line.startswith("• ")]
    assert len(named) == 12 and all(", 2021: € " in line for line in named)
    assert "… en nog 4" in lines  # the funding and fixed settlements of 2021 counted
    assert text.endswith("\n\nU kunt dit ongedaan maken met Ctrl+Z.")
    assert dump(ws) == before and window.context.undo_stack.count() == 1  # No: nothing written

    window.plan_actions.years_action.trigger()
    assert len(asked) == 2
    with ws.session() as s:
        assert (s.get(Plan, amendment).first_year, s.get(Plan, amendment).last_year) == (2022, 2023)
    assert sorted(year_totals(ws, amendment)) == [2022, 2023]
    assert year_totals(ws, amendment)[2022] == totals[2022]
    assert window.context.undo_stack.undoText() == "Jaarkolommen 2022–2023"
    # The budget page follows: no 2021 column, 2022 as it was.
    assert window.show_node(Node("budget", amendment, amendment))
    budget = window.current_editor()
    assert headers()[-2:] == ["2022", "2023"] and "2021 (vergelijking)" not in headers()
    with ws.session() as s:  # the comparison year dropped off: the plan's own years remain
        assert s.get(Plan, amendment).comparison_columns == 0
    assert budget.model.index(budget.model.rowCount() - 1, headers().index("2022")).data() == shown_2022
    # The adopted plan keeps its 2021.
    assert sorted(year_totals(ws, window.adopted_id)) == [2021, 2022, 2023]

    undo(window)
    assert dump(ws) == before
    assert year_totals(ws, amendment) == totals
    assert window.show_node(Node("budget", amendment, amendment))
    budget = window.current_editor()
    assert headers()[-3:] == ["2021 (vergelijking)", "2022", "2023"]
    redo(window)
    assert sorted(year_totals(ws, amendment)) == [2022, 2023]
    undo(window)
    assert dump(ws) == before


# --- deleting -------------------------------------------------------------------------------

def test_delete_on_a_draft_plan_in_the_tree_asks_once_deletes_and_undo_puts_it_back(
        window, qtbot, monkeypatch):
    ws = window.context.workspace
    select_node(window, Node("plan", window.adopted_id, window.adopted_id))
    window.plan_actions.scenario_action.trigger()
    scenario = plan_id(window, PlanKind.SCENARIO, 2022)
    before = dump(ws)

    asked = answer(monkeypatch, window.plan_actions, "ask_confirm", False, True)
    in_tree(qtbot, window, scenario)
    qtbot.keyClick(window.tree, Qt.Key.Key_Delete)
    assert asked == [("Plan verwijderen", f"“{TITLE} (scenario 1)” verwijderen, met de hoofdstukken, projecten, "
                                          "formatie, begroting en dekking? U kunt dit ongedaan maken met Ctrl+Z.")]
    assert dump(ws) == before

    qtbot.keyClick(window.tree, Qt.Key.Key_Delete)
    assert len(asked) == 2  # a draft: asked once
    assert [p[0] for p in plans(window)] == [window.adopted_id]
    assert plan_labels(window) == [ADOPTED_LABEL]
    assert window.current_node is not None and window.current_node.plan_id != scenario
    assert window.context.undo_stack.undoText() == f"Plan “{TITLE} (scenario 1)” verwijderen"

    undo(window)
    assert dump(ws) == before
    assert label_of(window, scenario) == "2022 · scenario 1"
    redo(window)
    assert label_of(window, scenario) is None
    undo(window)
    assert dump(ws) == before


def test_deleting_the_adopted_plan_asks_twice_no_keeps_it_yes_deletes_undo_restores_it_adopted(
        window, qtbot, monkeypatch):
    ws = window.context.workspace
    before = dump(ws)
    asked = answer(monkeypatch, window.plan_actions, "ask_confirm", True, False, True, True)
    in_tree(qtbot, window, window.adopted_id)
    qtbot.keyClick(window.tree, Qt.Key.Key_Delete)
    assert asked == [
        ("Plan verwijderen", f"“{TITLE}” verwijderen, met de hoofdstukken, projecten, formatie, begroting en "
                             "dekking? U kunt dit ongedaan maken met Ctrl+Z."),
        ("Een vastgesteld plan verwijderen", f"“{TITLE}” is vastgesteld: dit is wat de raden is voorgelegd. "
                                             "Weet u zeker dat u een vastgesteld plan wilt verwijderen?")]
    assert dump(ws) == before and window.context.undo_stack.count() == 0  # No to the second

    qtbot.keyClick(window.tree, Qt.Key.Key_Delete)
    assert len(asked) == 4
    assert plans(window) == []
    assert plan_labels(window) == []
    with ws.session() as s:  # the region, its municipalities and its key stay
        assert s.scalar(select(func.count(AllocationKey.id))) == 1
    assert window.context.undo_stack.undoText() == f"Plan “{TITLE}” verwijderen"

    undo(window)
    assert dump(ws) == before
    assert plans(window) == [(window.adopted_id, 2022, TITLE, "plan", "adopted")]
    assert plan_labels(window) == [ADOPTED_LABEL]
    redo(window)
    assert plans(window) == []
    undo(window)
    assert dump(ws) == before


# --- an amendment, adopted ------------------------------------------------------------------

def test_an_amendment_adopted_supersedes_the_original_in_the_tree_and_both_undone(window, monkeypatch):
    ws = window.context.workspace
    before = dump(ws)
    questions = []

    def question(parent, title, text, *args, **kwargs):
        questions.append((title, text))
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    select_node(window, Node("plan", window.adopted_id, window.adopted_id))
    window.make_amendment(window.adopted_id)
    assert questions == [("Wijziging maken", f"Een wijziging maken van “{TITLE}”? Het vastgestelde plan blijft "
                                             "zoals het is; u bewerkt een conceptkopie die ernaar verwijst.")]
    amendment = plan_id(window, PlanKind.AMENDMENT, 2022)
    assert plans(window)[-1] == (amendment, 2022, f"{TITLE} (wijziging 1)", "amendment", "draft")
    assert label_of(window, amendment) == "2022 · wijziging 1 · concept"
    assert window.current_node.plan_id == amendment
    after_amendment = dump(ws)

    menu = menu_texts(window, Node("plan", amendment, amendment))
    assert menu["Vaststellen…"]
    monkeypatch.setattr(window.plan_actions, "ask_adoption", lambda: ("10-03-2022", "BOJ"))
    window.plan_actions.adopt_action.trigger()
    with ws.session() as s:
        adopted = s.get(Plan, amendment)
        assert (adopted.status, adopted.adopted_by, str(adopted.adopted_on)) == (
            PlanStatus.ADOPTED, "BOJ", "2022-03-10")
        assert s.get(Plan, window.adopted_id).status is PlanStatus.ADOPTED  # the original stays adopted
    assert label_of(window, amendment) == "2022 · wijziging 1 · vastgesteld"
    assert label_of(window, window.adopted_id) == "2022 · vervallen"

    undo(window)  # the adoption
    assert dump(ws) == after_amendment
    assert label_of(window, window.adopted_id) == ADOPTED_LABEL
    assert label_of(window, amendment) == "2022 · wijziging 1 · concept"
    undo(window)  # the amendment
    assert dump(ws) == before
    assert plan_labels(window) == [ADOPTED_LABEL]
    redo(window)
    redo(window)
    assert label_of(window, window.adopted_id) == "2022 · vervallen"
    undo(window)
    undo(window)
    assert dump(ws) == before
