"""The region page as a user works it (issue 12): the region's name typed in, municipalities
added (Insert, the button), renamed in the table, moved and removed; groups ticked and coded;
keys made, copied, renamed and removed; and on a plan's key page the key chosen. Each step is
checked on disk and on the screen, refusals in Dutch with nothing written, and every step
undone until the file is as it was.
"""
from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from sqlalchemy import select

from app.models import (
    AllocationKey,
    BudgetLine,
    KeyMethod,
    KeyShare,
    Municipality,
    MunicipalitySet,
    Plan,
    PlanStatus,
    Region,
)
from app.services.new_workspace import KeySetup, PlanSetup, create_region_workspace
from app.views.shell.navigation import Node
from tests.file_rows import workspace_rows as dump

D = Decimal
SIX = ["Aadorp", "Beekdorp", "Cedorp", "Dijkstad", "Eemveen", "Fortmond"]
PERCENTAGES = ["30", "20", "15", "15", "10", "10"]
INHABITANTS = [10_000, 20_000, 30_000, 10_000, 20_000, 10_000]
KEY = "Meicirculaire 2027"
PLAN_TITLE = "Uitvoeringsplan 2027"


# --- the file -------------------------------------------------------------------------------

def municipality_names(workspace) -> list[str]:
    with workspace.session() as s:
        return list(s.scalars(select(Municipality.name).order_by(Municipality.position)))


def municipality_id(workspace, name: str) -> int:
    with workspace.session() as s:
        return s.scalars(select(Municipality.id).where(Municipality.name == name)).one()


def shares_of(workspace, name: str) -> dict[str, tuple]:
    """The key shares of one municipality: key name -> (percentage, basis)."""
    with workspace.session() as s:
        return {k: (p, b) for k, p, b in s.execute(
            select(AllocationKey.name, KeyShare.percentage, KeyShare.basis)
            .join(KeyShare.key).join(KeyShare.municipality).where(Municipality.name == name))}


def sets(workspace) -> list[tuple[str, str, list[str]]]:
    with workspace.session() as s:
        return [(found.code, found.name, [m.name for m in sorted(found.members, key=lambda m: m.position)])
                for found in s.scalars(select(MunicipalitySet).order_by(MunicipalitySet.position))]


def key_names(workspace) -> list[str]:
    with workspace.session() as s:
        return sorted(s.scalars(select(AllocationKey.name)))


def plan_key(workspace, plan_id: int) -> str | None:
    with workspace.session() as s:
        key = s.get(Plan, plan_id).allocation_key
        return key.name if key is not None else None


# --- the window -----------------------------------------------------------------------------

@pytest.fixture
def small(tmp_path, open_window):
    """Regio Proefland: six municipalities, a percentage key, a 2027 plan using it (with one budget
    line of 100.000 in 2027 and 2028) and a second key by inhabitants; the window on its page."""
    from app.services import budget_edit, key_edit
    from app.services.cell_input import CellValue
    from app.services.workspace import open_workspace

    made = create_region_workspace(
        tmp_path / "proefland.planbord", "Regio Proefland", SIX,
        key=KeySetup(KEY, KeyMethod.PERCENTAGE, PERCENTAGES), plan=PlanSetup(2027, "", 2027, 2028))
    with open_workspace(made.path) as ws:
        group = budget_edit.add_group(ws, made.plan_id, None, name="Regionale taken")
        line = budget_edit.add_line(ws, group, name="Voor allen")
        budget_edit.set_cells(ws, [budget_edit.CellChange(line, year, CellValue(D("100000"))) for year in (2027, 2028)])
        inhabitants = key_edit.add_key(ws, made.region_id, "Inwoners 1-1-2027", KeyMethod.BASIS, "inwoners")
        with ws.session() as s:
            share_ids = [share.id for share in sorted(s.get(AllocationKey, inhabitants).shares,
                                                       key=lambda share: share.municipality.position)]
        key_edit.set_shares(ws, [key_edit.ShareChange(i, None, n) for i, n in zip(share_ids, INHABITANTS, strict=True)])
    window = open_window(made.path)
    window.region_id, window.plan_id = made.region_id, made.plan_id
    return window


def region_page(window, region_id: int | None = None):
    """Click the region in the tree: its page, the RegionEditor."""
    if region_id is None:
        region_id = window.region_id
    assert window.show_node(Node("region", region_id))
    editor = window.current_editor()
    assert type(editor).__name__ == "RegionEditor"
    return editor


def key_page(window, plan_id: int):
    assert window.show_node(Node("key", plan_id, plan_id))
    editor = window.current_editor()
    assert type(editor).__name__ == "KeyEditor"
    return editor


def column(model, col: int = 0) -> list[str]:
    return [model.index(r, col).data() for r in range(model.rowCount())]


def region_label(window) -> str:
    model = window.navigation_model
    return next(model.data(i) for i in model.walk() if model.node(i).kind == "region")


def focus(qtbot, widget) -> None:
    widget.window().activateWindow()
    widget.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)


def go_to(qtbot, table, row: int, col: int = 0) -> None:
    table.setCurrentIndex(table.model().index(row, col))
    focus(qtbot, table)


def type_into(qtbot, table, row: int, col: int, text: str, *, keeps_focus: bool = True) -> None:
    """Go to a cell, F2, type over the text, Enter (as a user does); the region's tables keep the
    keyboard after it (``keeps_focus``)."""
    go_to(qtbot, table, row, col)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    if keeps_focus:
        qtbot.waitUntil(lambda: QApplication.focusWidget() is table)  # the keyboard stays in the table
    else:
        qtbot.waitUntil(lambda: not isinstance(QApplication.focusWidget(), QLineEdit))


def answer_text(monkeypatch, editor, *answers):
    """The name dialogs answered in turn; returns what they were asked (title, label, text)."""
    asked, answers = [], list(answers)

    def ask(title, label, text=""):
        asked.append((title, label, text))
        return answers.pop(0)

    monkeypatch.setattr(editor, "ask_text", ask)
    return asked


def answer_confirm(monkeypatch, editor, *answers):
    asked, answers = [], list(answers)

    def ask(title, text):
        asked.append((title, text))
        return answers.pop(0)

    monkeypatch.setattr(editor, "ask_confirm", ask)
    return asked


def undo(window) -> None:
    window.context.undo_stack.undo()


def redo(window) -> None:
    window.context.undo_stack.redo()


# --- the region's name ----------------------------------------------------------------------

def test_the_regions_name_typed_and_enter_renames_it_and_the_tree_follows_and_undo(small, qtbot):
    window, ws = small, small.context.workspace
    before = dump(ws)
    editor = region_page(window)
    assert editor.name.text() == "Regio Proefland"
    assert editor.title.text() == "Regio Proefland: gemeenten, groepen en verdeelsleutels"

    qtbot.mouseClick(editor.name, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(editor.name.hasFocus)
    qtbot.keyClick(editor.name, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor.name, "  Regio   Westerkwartier ")
    qtbot.keyClick(editor.name, Qt.Key.Key_Return)

    with ws.session() as s:
        assert s.scalars(select(Region.name)).all() == ["Regio Westerkwartier"]
    assert region_label(window) == "Regio Westerkwartier"
    assert editor.title.text() == "Regio Westerkwartier: gemeenten, groepen en verdeelsleutels"
    assert window.context.undo_stack.undoText() == "Naam van de regio wijzigen"
    assert window.context.undo_stack.count() == 1

    undo(window)  # from the Edit menu, the cursor still in the field
    assert dump(ws) == before
    assert region_label(window) == "Regio Proefland"
    assert editor.name.text() == "Regio Proefland"  # the field follows the file, not the last typing
    redo(window)
    assert region_label(window) == "Regio Westerkwartier" and editor.name.text() == "Regio Westerkwartier"
    undo(window)
    assert dump(ws) == before


def test_an_empty_region_name_is_refused_in_dutch_and_the_field_shows_the_name_again(small, qtbot):
    window, ws = small, small.context.workspace
    before = dump(ws)
    editor = region_page(window)
    qtbot.mouseClick(editor.name, Qt.MouseButton.LeftButton)
    qtbot.keyClick(editor.name, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(editor.name, Qt.Key.Key_Delete)
    qtbot.keyClick(editor.name, Qt.Key.Key_Return)
    assert editor.messages.text() == "Een regio heeft een naam nodig."
    assert editor.name.text() == "Regio Proefland"
    assert dump(ws) == before and window.context.undo_stack.count() == 0


# --- municipalities -------------------------------------------------------------------------

def test_insert_and_the_button_add_a_municipality_under_the_current_row_and_the_key_page_asks_its_share(
        small, qtbot, monkeypatch):
    window, ws = small, small.context.workspace
    before = dump(ws)
    editor = region_page(window)
    assert column(editor.municipalities_model) == SIX
    asked = answer_text(monkeypatch, editor, "  Gouddorp ", "Hoogeveen")

    go_to(qtbot, editor.municipalities, 1)  # on Beekdorp
    qtbot.keyClick(editor.municipalities, Qt.Key.Key_Insert)
    assert asked == [("Gemeente toevoegen", "Naam van de gemeente", "")]
    assert municipality_names(ws) == ["Aadorp", "Beekdorp", "Gouddorp", "Cedorp", "Dijkstad", "Eemveen", "Fortmond"]
    assert column(editor.municipalities_model) == municipality_names(ws)
    assert editor.municipalities.currentIndex().row() == 2  # the cursor on the new one
    assert window.context.undo_stack.undoText() == "Gemeente Gouddorp toevoegen"
    # Every key no adopted plan uses gets an empty share for it.
    assert shares_of(ws, "Gouddorp") == {KEY: (None, None), "Inwoners 1-1-2027": (None, None)}
    assert editor.keys_model.index(column(editor.keys_model).index(KEY), 2).data() == "6 van 7"

    go_to(qtbot, editor.municipalities, 6)  # the last row, then the button
    qtbot.mouseClick(editor.add_municipality_button, Qt.MouseButton.LeftButton)
    assert municipality_names(ws)[-1] == "Hoogeveen"
    assert editor.municipalities.currentIndex().row() == 7

    # The plan's key page shows the new municipalities' empty shares, and the key's problem names them.
    page = key_page(window, window.plan_id)
    rows = {page.model.index(r, 0).data(): page.model.index(r, 2).data() for r in range(page.model.rowCount())}
    assert rows["Gouddorp"] == "" and rows["Hoogeveen"] == "" and rows["Aadorp"] == "30,00 %"
    assert page.problem.text() == f"Verdeelsleutel '{KEY}': geen percentage voor Gouddorp, Hoogeveen."
    assert page.problem.isVisible()

    undo(window)
    undo(window)
    assert dump(ws) == before
    page = key_page(window, window.plan_id)
    assert "Gouddorp" not in column(page.model) and page.problem.text() == ""
    redo(window)  # the same municipality again, with its own id
    assert municipality_names(ws)[2] == "Gouddorp"
    assert "Gouddorp" in column(key_page(window, window.plan_id).model)
    undo(window)
    assert dump(ws) == before


def test_a_municipality_renamed_by_typing_in_the_table_and_a_duplicate_refused(small, qtbot):
    window, ws = small, small.context.workspace
    before = dump(ws)
    editor = region_page(window)
    table = editor.municipalities

    type_into(qtbot, table, 2, 0, "Cedorp-Zuid")
    assert municipality_names(ws)[2] == "Cedorp-Zuid"
    assert editor.municipalities_model.index(2, 0).data() == "Cedorp-Zuid"
    assert window.context.undo_stack.undoText() == "Naam van Cedorp wijzigen"
    assert editor.messages.text() == ""

    type_into(qtbot, table, 3, 0, "aadorp")  # the same name as another, whatever its capitals
    assert editor.messages.text() == "De regio heeft al een gemeente “Aadorp”."
    assert editor.messages.isVisible()
    assert municipality_names(ws)[3] == "Dijkstad"
    assert editor.municipalities_model.index(3, 0).data() == "Dijkstad"
    assert window.context.undo_stack.count() == 1

    undo(window)
    assert dump(ws) == before
    assert column(editor.municipalities_model) == SIX


def test_ctrl_down_and_ctrl_up_move_a_municipality_and_the_cursor_goes_along(small, qtbot):
    window, ws = small, small.context.workspace
    before = dump(ws)
    editor = region_page(window)
    table = editor.municipalities
    go_to(qtbot, table, 0)
    qtbot.keyClick(table, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(table, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert municipality_names(ws) == ["Beekdorp", "Cedorp", "Aadorp", "Dijkstad", "Eemveen", "Fortmond"]
    assert column(editor.municipalities_model) == municipality_names(ws)
    assert table.currentIndex().row() == 2
    assert window.context.undo_stack.undoText() == "Aadorp verplaatsen"
    qtbot.keyClick(table, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert municipality_names(ws)[:3] == ["Beekdorp", "Aadorp", "Cedorp"]
    assert table.currentIndex().row() == 1

    go_to(qtbot, table, 5)  # the last one goes no further down: nothing happens
    qtbot.keyClick(table, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert window.context.undo_stack.count() == 3

    for _ in range(3):
        undo(window)
    assert dump(ws) == before
    assert column(editor.municipalities_model) == SIX


def test_ctrl_delete_asks_naming_the_share_and_the_group_no_writes_nothing_yes_removes_undo_puts_all_back(
        small, qtbot, monkeypatch):
    window, ws = small, small.context.workspace
    editor = region_page(window)
    monkeypatch.setattr(editor, "ask_set", lambda *a, **k: ("N3", "Noordelijke drie", tuple(
        municipality_id(ws, n) for n in ("Aadorp", "Beekdorp", "Cedorp"))))
    qtbot.mouseClick(editor.add_set_button, Qt.MouseButton.LeftButton)
    before = dump(ws)
    assert column(editor.municipalities_model, 1) == ["N3", "N3", "N3", "", "", ""]  # its groups

    asked = answer_confirm(monkeypatch, editor, False, True)
    go_to(qtbot, editor.municipalities, 1)  # Beekdorp
    qtbot.keyClick(editor.municipalities, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert asked == [("Gemeente verwijderen",
                      "Beekdorp uit de regio verwijderen?\n\nDaarmee vervalt:\n"
                      "• aandeel in verdeelsleutel “Inwoners 1-1-2027”: 20.000 (inwoners)\n"
                      f"• aandeel in verdeelsleutel “{KEY}”: 20,00 %\n"
                      "• lid van N3 (Noordelijke drie)\n\n"
                      "U kunt dit ongedaan maken met Ctrl+Z.")]
    assert dump(ws) == before  # No: nothing written
    assert window.context.undo_stack.count() == 1

    qtbot.keyClick(editor.municipalities, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert municipality_names(ws) == ["Aadorp", "Cedorp", "Dijkstad", "Eemveen", "Fortmond"]
    assert shares_of(ws, "Beekdorp") == {}
    assert sets(ws) == [("N3", "Noordelijke drie", ["Aadorp", "Cedorp"])]
    assert column(editor.municipalities_model) == municipality_names(ws)
    assert editor.sets_model.index(0, 2).data() == "Aadorp, Cedorp"
    assert window.context.undo_stack.undoText() == "Beekdorp verwijderen"

    undo(window)  # the municipality back, with its shares (same ids and values) and its membership
    assert dump(ws) == before
    assert column(editor.municipalities_model) == SIX
    assert editor.sets_model.index(0, 2).data() == "Aadorp, Beekdorp, Cedorp"
    redo(window)
    assert "Beekdorp" not in municipality_names(ws)
    undo(window)
    assert dump(ws) == before


def test_a_municipality_with_a_share_in_the_adopted_plans_key_is_not_removed(main_window, qtbot, monkeypatch):
    window, ws = main_window, main_window.context.workspace
    before = dump(ws)
    with ws.session() as s:
        region_id = s.scalar(select(Region.id))
    editor = region_page(window, region_id)
    asked = answer_confirm(monkeypatch, editor, True)
    go_to(qtbot, editor.municipalities, 0)  # Delft
    qtbot.mouseClick(editor.remove_municipality_button, Qt.MouseButton.LeftButton)
    assert asked and asked[0][1].startswith("Delft uit de regio verwijderen?\n\nDaarmee vervalt:\n• aandeel in")
    assert editor.messages.text() == (
        "Delft kan niet worden verwijderd: het vastgestelde plan “Uitvoeringsplan 2022 Regiovisie Jeugdzorg "
        "Haaglanden” geeft Delft een aandeel in de verdeelsleutel “Verdeelsleutel naar gemeentegrootte”. "
        "Laat de gemeente staan: een vastgesteld plan blijft zoals het is vastgesteld.")
    assert dump(ws) == before and window.context.undo_stack.count() == 0
    assert column(editor.municipalities_model)[0] == "Delft"


# --- groups of municipalities ---------------------------------------------------------------

def test_a_group_added_its_members_ticked_with_enter_its_code_typed_a_duplicate_code_refused(
        small, qtbot, monkeypatch):
    window, ws = small, small.context.workspace
    before = dump(ws)
    editor = region_page(window)
    ids = {n: municipality_id(ws, n) for n in SIX}
    asked = []

    def ask_set(title, code="", name="", checked=()):
        asked.append((title, code, name, tuple(checked)))
        return answers.pop(0)

    answers = [("N3", "Noordelijke drie", (ids["Aadorp"], ids["Beekdorp"], ids["Cedorp"])),
               ("Z2", "Zuid", (ids["Eemveen"], ids["Fortmond"])),
               ("N3", "Noordelijke vier", (ids["Aadorp"], ids["Beekdorp"], ids["Cedorp"], ids["Dijkstad"]))]
    monkeypatch.setattr(editor, "ask_set", ask_set)
    qtbot.mouseClick(editor.add_set_button, Qt.MouseButton.LeftButton)
    go_to(qtbot, editor.sets, 0)
    qtbot.keyClick(editor.sets, Qt.Key.Key_Insert)
    assert asked[0] == ("Nieuwe groep gemeenten", "", "", ())
    assert sets(ws) == [("N3", "Noordelijke drie", ["Aadorp", "Beekdorp", "Cedorp"]),
                        ("Z2", "Zuid", ["Eemveen", "Fortmond"])]
    assert [column(editor.sets_model, c) for c in range(3)] == [
        ["N3", "Z2"], ["Noordelijke drie", "Zuid"], ["Aadorp, Beekdorp, Cedorp", "Eemveen, Fortmond"]]
    assert window.context.undo_stack.undoText() == "Groep Z2 toevoegen"

    # Enter on the Members column opens the ticks, with the group's own code, name and members.
    go_to(qtbot, editor.sets, 0, 2)
    qtbot.keyClick(editor.sets, Qt.Key.Key_Return)
    assert asked[-1] == ("Leden van N3", "N3", "Noordelijke drie",
                         (ids["Aadorp"], ids["Beekdorp"], ids["Cedorp"]))
    assert sets(ws)[0] == ("N3", "Noordelijke vier", ["Aadorp", "Beekdorp", "Cedorp", "Dijkstad"])
    assert editor.sets_model.index(0, 2).data() == "Aadorp, Beekdorp, Cedorp, Dijkstad"
    assert window.context.undo_stack.undoText() == "N3 wijzigen"

    type_into(qtbot, editor.sets, 0, 0, "N4")
    assert sets(ws)[0][0] == "N4" and editor.sets_model.index(0, 0).data() == "N4"
    type_into(qtbot, editor.sets, 1, 0, "n4")
    assert editor.messages.text() == "De regio heeft al een groep met de code n4; kies een andere code."
    assert [s[0] for s in sets(ws)] == ["N4", "Z2"] and editor.sets_model.index(1, 0).data() == "Z2"
    assert window.context.undo_stack.count() == 4

    # A group no budget line uses goes with Ctrl+Delete.
    go_to(qtbot, editor.sets, 1)
    qtbot.keyClick(editor.sets, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert [s[0] for s in sets(ws)] == ["N4"] and column(editor.sets_model) == ["N4"]
    assert window.context.undo_stack.undoText() == "Groep Z2 verwijderen"

    while window.context.undo_stack.canUndo():
        undo(window)
    assert dump(ws) == before
    assert editor.sets_model.rowCount() == 0


def test_a_group_a_budget_line_shares_by_cannot_be_removed(small, qtbot, monkeypatch):
    window, ws = small, small.context.workspace
    editor = region_page(window)
    monkeypatch.setattr(editor, "ask_set", lambda *a, **k: ("N3", "Noordelijke drie", tuple(
        municipality_id(ws, n) for n in ("Aadorp", "Beekdorp", "Cedorp"))))
    qtbot.mouseClick(editor.add_set_button, Qt.MouseButton.LeftButton)
    # The budget line "Voor allen" shared by N3 only, typed in on the budget page.
    assert window.show_node(Node("budget", window.plan_id, window.plan_id))
    budget = window.current_editor()
    line = next(r for r in range(budget.model.rowCount()) if budget.model.sheet.rows[r].kind.value == "line")
    type_into(qtbot, budget.table, line, 2, "N3", keeps_focus=False)
    with ws.session() as s:
        assert s.scalars(select(MunicipalitySet.code).join(
            BudgetLine, BudgetLine.municipality_set_id == MunicipalitySet.id)).all() == ["N3"]
    before = dump(ws)

    editor = region_page(window)
    go_to(qtbot, editor.sets, 0)
    qtbot.keyClick(editor.sets, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert editor.messages.text() == ("N3 wordt gedeeld door 1 begrotingsposten of groepen; kies daar eerst een "
                                      "andere verdeling.")
    assert editor.messages.isVisible()
    assert dump(ws) == before and window.context.undo_stack.count() == 2
    assert column(editor.sets_model) == ["N3"]

    while window.context.undo_stack.canUndo():
        undo(window)
    assert sets(ws) == []


def test_a_group_a_fixed_settlement_of_the_adopted_plan_uses_cannot_be_removed(main_window, qtbot):
    window, ws = main_window, main_window.context.workspace
    before = dump(ws)
    with ws.session() as s:
        region_id = s.scalar(select(Region.id))
    editor = region_page(window, region_id)
    assert column(editor.sets_model) == ["H10", "H8"]
    go_to(qtbot, editor.sets, 1)
    qtbot.mouseClick(editor.remove_set_button, Qt.MouseButton.LeftButton)
    assert editor.messages.text() == (
        "H8 verdeelt de vaste afrekening “Coördinatie H8 Integrale Vroeghulp Platform (MEE regio "
        "Delft/Zoetermeer)” van “Uitvoeringsplan 2022 Regiovisie Jeugdzorg Haaglanden”; een groep die in "
        "gebruik is, blijft bestaan.")
    assert dump(ws) == before and window.context.undo_stack.count() == 0
    assert column(editor.sets_model) == ["H10", "H8"]


# --- allocation keys ------------------------------------------------------------------------

def test_keys_made_copied_renamed_and_a_duplicate_name_refused(small, qtbot, monkeypatch):
    window, ws = small, small.context.workspace
    before = dump(ws)
    editor = region_page(window)
    assert column(editor.keys_model) == ["Inwoners 1-1-2027", KEY]
    assert column(editor.keys_model, 3) == ["geen plan", PLAN_TITLE]

    monkeypatch.setattr(editor, "ask_key", lambda: ("Gelijke delen", KeyMethod.PERCENTAGE))
    qtbot.mouseClick(editor.add_key_button, Qt.MouseButton.LeftButton)
    assert key_names(ws) == ["Gelijke delen", "Inwoners 1-1-2027", KEY]
    assert column(editor.keys_model) == key_names(ws)
    assert [editor.keys_model.index(0, c).data() for c in (1, 2, 3)] == ["Percentages", "0 van 6", "geen plan"]
    assert editor.keys.currentIndex().row() == 0
    assert window.context.undo_stack.undoText() == "Nieuwe verdeelsleutel Gelijke delen"

    go_to(qtbot, editor.keys, 2)  # the plan's key, copied
    asked = answer_text(monkeypatch, editor, "Meicirculaire 2027 bis", KEY)
    qtbot.mouseClick(editor.copy_key_button, Qt.MouseButton.LeftButton)
    assert asked == [("Verdeelsleutel kopiëren", "Naam van de kopie", f"{KEY} (kopie)")]
    assert key_names(ws) == ["Gelijke delen", "Inwoners 1-1-2027", KEY, "Meicirculaire 2027 bis"]
    assert editor.keys.currentIndex().row() == 3
    assert editor.keys_model.index(3, 2).data() == "6 van 6"
    assert shares_of(ws, "Aadorp")["Meicirculaire 2027 bis"] == (D("30.00"), None)

    qtbot.mouseClick(editor.copy_key_button, Qt.MouseButton.LeftButton)  # a copy named as the original
    assert editor.messages.text() == f"De regio heeft al een verdeelsleutel “{KEY}”; kies een andere naam."
    assert len(key_names(ws)) == 4 and window.context.undo_stack.count() == 2

    type_into(qtbot, editor.keys, 0, 0, "Gelijk verdeeld")
    assert key_names(ws)[0] == "Gelijk verdeeld" and editor.keys_model.index(0, 0).data() == "Gelijk verdeeld"
    assert window.context.undo_stack.undoText() == "Naam van verdeelsleutel wijzigen"
    type_into(qtbot, editor.keys, 0, 0, "inwoners 1-1-2027")
    assert editor.messages.text() == ("De regio heeft al een verdeelsleutel “Inwoners 1-1-2027”; kies een "
                                      "andere naam.")
    assert key_names(ws)[0] == "Gelijk verdeeld" and window.context.undo_stack.count() == 3

    while window.context.undo_stack.canUndo():
        undo(window)
    assert dump(ws) == before
    assert column(editor.keys_model) == ["Inwoners 1-1-2027", KEY]


def test_removing_the_draft_plans_key_asks_naming_the_plan_and_undo_gives_it_back(small, qtbot, monkeypatch):
    window, ws = small, small.context.workspace
    before = dump(ws)
    editor = region_page(window)
    asked = answer_confirm(monkeypatch, editor, False, True)
    go_to(qtbot, editor.keys, 1)
    qtbot.keyClick(editor.keys, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert asked == [("Verdeelsleutel verwijderen",
                      f"De verdeelsleutel “{KEY}” verwijderen?\n\nDeze plannen hebben dan geen sleutel tot u er "
                      f"een kiest: {PLAN_TITLE}.")]
    assert dump(ws) == before

    qtbot.mouseClick(editor.remove_key_button, Qt.MouseButton.LeftButton)
    assert key_names(ws) == ["Inwoners 1-1-2027"] and plan_key(ws, window.plan_id) is None
    assert column(editor.keys_model) == ["Inwoners 1-1-2027"]
    assert window.context.undo_stack.undoText() == f"Verdeelsleutel {KEY} verwijderen"
    page = key_page(window, window.plan_id)
    assert page.key_choice.currentText() == "(geen gekozen)"
    assert page.problem.text().startswith("Dit plan heeft nog geen verdeelsleutel")

    undo(window)
    assert dump(ws) == before
    assert plan_key(ws, window.plan_id) == KEY
    page = key_page(window, window.plan_id)
    assert page.key_choice.currentText() == KEY and page.problem.text() == ""
    redo(window)
    assert plan_key(ws, window.plan_id) is None
    undo(window)
    assert dump(ws) == before


def test_choosing_another_key_on_the_plans_key_page_changes_the_contributions(small, qtbot):
    window, ws = small, small.context.workspace
    before = dump(ws)
    page = key_page(window, window.plan_id)
    choice = page.key_choice
    assert choice.isEnabled()
    assert [choice.itemText(i) for i in range(choice.count())] == ["Inwoners 1-1-2027", KEY]
    assert choice.currentText() == KEY

    def contributions():
        model = page.contributions_model
        return {model.index(r, 0).data(): model.index(r, 1).data() for r in range(model.rowCount())}

    assert contributions()["Aadorp"] == "30.000" and contributions()["Cedorp"] == "15.000"
    assert contributions()["Totaal"] == "100.000"

    choice.setCurrentIndex(0)
    choice.activated.emit(0)
    assert plan_key(ws, window.plan_id) == "Inwoners 1-1-2027"
    assert contributions()["Aadorp"] == "10.000" and contributions()["Cedorp"] == "30.000"
    assert contributions()["Totaal"] == "100.000"
    assert column(page.model) == SIX + ["Totaal"]
    assert page.model.index(0, 1).data() == "10.000"
    assert window.context.undo_stack.undoText() == "Verdeelsleutel Inwoners 1-1-2027 kiezen"
    # The region page says which plan uses which key.
    editor = region_page(window)
    assert column(editor.keys_model, 3) == [PLAN_TITLE, "geen plan"]

    undo(window)
    assert dump(ws) == before
    page = key_page(window, window.plan_id)
    assert page.key_choice.currentText() == KEY
    assert contributions()["Aadorp"] == "30.000"


def test_a_read_only_plans_key_cannot_be_chosen(main_window, open_window, tmp_path):
    with main_window.context.workspace.session() as s:
        adopted = s.scalars(select(Plan.id).where(Plan.status == PlanStatus.ADOPTED)).one()
    page = key_page(main_window, adopted)
    assert not page.key_choice.isEnabled()
    assert page.key_choice.currentText() == "Verdeelsleutel naar gemeentegrootte"

    # A draft plan in a file opened read-only: the same.
    made = create_region_workspace(
        tmp_path / "alleen-lezen.planbord", "Regio Proefland", SIX,
        key=KeySetup(KEY, KeyMethod.PERCENTAGE, PERCENTAGES), plan=PlanSetup(2027, "", 2027, 2028))
    window = open_window(made.path, read_only=True)
    page = key_page(window, made.plan_id)
    assert not page.key_choice.isEnabled()
    editor = region_page(window, made.region_id)
    assert not editor.add_municipality_button.isEnabled() and not editor.name.isEnabled()


# --- by keyboard only -----------------------------------------------------------------------

def test_from_the_tree_to_a_new_municipality_with_the_keyboard_only(small, qtbot, monkeypatch):
    window, ws = small, small.context.workspace
    before = dump(ws)
    focus(qtbot, window.tree)
    assert window.current_node.kind in ("plan", "budget")  # it opens on the plan
    # Home: the first item of the tree, the region; its page opens.
    qtbot.keyClick(window.tree, Qt.Key.Key_Home)
    assert window.current_node == Node("region", window.region_id)
    editor = window.current_editor()
    assert type(editor).__name__ == "RegionEditor"
    from app.views.region.region_editor import RegionEditor

    monkeypatch.setattr(RegionEditor, "ask_text", lambda self, title, label, text="": "Gouddorp")
    # Tab from the tree: the region's name, Tab again: the municipalities.
    qtbot.keyClick(window.tree, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is editor.name
    qtbot.keyClick(editor.name, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is editor.municipalities
    qtbot.keyClick(editor.municipalities, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(editor.municipalities, Qt.Key.Key_Insert)
    assert municipality_names(ws) == SIX + ["Gouddorp"]
    assert editor.municipalities.currentIndex().row() == 6
    assert QApplication.focusWidget() is editor.municipalities  # the keyboard on the new row
    # Straight on typing the new name over: F2, the name, Enter.
    qtbot.keyClick(editor.municipalities, Qt.Key.Key_F2)
    line = QApplication.focusWidget()
    assert isinstance(line, QLineEdit)
    qtbot.keyClick(line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(line, "Gouda-dorp")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor.municipalities)  # the name is in
    assert municipality_names(ws)[-1] == "Gouda-dorp"
    assert window.context.undo_stack.count() == 2

    undo(window)
    undo(window)
    assert dump(ws) == before
