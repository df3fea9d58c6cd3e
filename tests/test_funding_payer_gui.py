"""Issue 13 in the window: who pays each dekking source is typed in the funding table, other
funding can be earmarked by typing a group's name, the key page shows what is split, the
comparison column is greyed and never funded, and every step is undone."""
from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox
from sqlalchemy import select

from app.models import FundingKind, FundingSource, Plan, PlanKind
from app.views.budget.funding_model import EARMARK, FIRST_YEAR_COLUMN, PAID_BY
from app.views.shell.navigation import Node

D = Decimal


@pytest.fixture
def window(main_window, monkeypatch):
    """The demo's adopted plan copied into an amendment, its budget page open."""
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    with main_window.context.workspace.session() as s:
        adopted = s.scalars(select(Plan.id).where(Plan.kind == PlanKind.PLAN)).one()
    main_window.make_amendment(adopted)
    main_window.context.undo_stack.clear()
    main_window.activateWindow()
    return main_window


def type_into(qtbot, table, row: int, column: int, text: str) -> None:
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


def sources(window, plan_id):
    with window.context.workspace.session() as s:
        return [(f.name, f.kind, f.earmark_group_id) for f in s.scalars(
            select(FundingSource).where(FundingSource.plan_id == plan_id).order_by(FundingSource.position))]


def test_who_pays_is_typed_and_the_key_page_shows_what_is_split(window, qtbot):
    budget = window.current_editor()
    plan_id = budget.plan_id
    funding, table = budget.funding_model, budget.funding_table
    shown = lambda row, column: funding.index(row, column).data()  # noqa: E731
    assert [shown(r, PAID_BY) for r in range(3)] == ["gemeenten", "anderen", "anderen"]
    assert [shown(r, EARMARK) for r in range(3)] == ["", "alle posten", "alle posten"]

    assert window.show_node(Node("key", plan_id, plan_id))
    key = window.current_editor()
    note = key.split_note.text()
    assert note.startswith("2022: begroting € 1.280.000 − overige dekking € 242.500 = te verdelen over de "
                           "gemeenten € 1.037.500")
    assert "Voorbeeldcijfers" in note  # the demo's inhabitants are example figures
    total_row = key.contributions_model.rowCount() - 1
    assert key.contributions_model.index(total_row, 1).data() == "1.037.500"
    assert key.contributions_model.years == [2022, 2023]  # 2021 is never split

    # The Transformatiefonds underspend typed as the municipalities' own: they split it too.
    assert window.show_node(Node("budget", plan_id, plan_id))
    type_into(qtbot, table, 1, PAID_BY, "gem")
    assert sources(window, plan_id)[1][1] is FundingKind.MUNICIPAL
    assert window.context.undo_stack.undoText() == \
        "Dekking onderbesteding Transformatiefonds 2021 betaald door gemeenten"
    assert key.contributions_model.index(total_row, 1).data() == "1.237.500"
    # A word that is neither: refused in Dutch, nothing written.
    type_into(qtbot, table, 1, PAID_BY, "rijk")
    assert budget.messages.text() == ("“rijk”: typ ‘gemeenten’ (zij betalen via de verdeelsleutel) of "
                                      "‘anderen’ (een fonds, onderbesteding, een reserve).")
    assert window.context.undo_stack.count() == 1

    # The other underspend earmarked for Samen leren: typed by name.
    type_into(qtbot, table, 2, EARMARK, "samen leren")
    assert shown(2, EARMARK) == "Samen leren"
    assert sources(window, plan_id)[2][2] is not None
    assert key.contributions_model.index(total_row, 1).data() == "1.237.500"  # still budget − other
    type_into(qtbot, table, 2, EARMARK, "Reserve")
    assert budget.messages.text().startswith("“Reserve” is geen groep of post van deze begroting.")
    # A municipal source cannot be earmarked: its cell does not take typing.
    assert not funding.flags(funding.index(0, EARMARK)) & Qt.ItemFlag.ItemIsEditable

    window.context.undo_stack.undo()
    window.context.undo_stack.undo()
    assert sources(window, plan_id) == [
        ("reguliere regiobegroting", FundingKind.MUNICIPAL, None),
        ("onderbesteding Transformatiefonds 2021", FundingKind.OTHER, None),
        ("Incidenteel aan te vullen uit overige onderbesteding 2021", FundingKind.OTHER, None)]
    assert key.contributions_model.index(total_row, 1).data() == "1.037.500"


def test_the_comparison_column_is_greyed_labelled_and_not_funded(window):
    budget = window.current_editor()
    model, funding = budget.model, budget.funding_model
    first = model.columnCount() - 3
    assert model.headerData(first, Qt.Orientation.Horizontal) == "2021 (vergelijking)"
    total = model.rowCount() - 1
    assert model.index(total, first).data() == "1.062.500"  # shown, as printed
    from app.views import theme

    grey = model.index(total, first).data(Qt.ItemDataRole.ForegroundRole).color().name()
    assert grey == theme.LIGHT.grey  # the light palette's grey (app.views.theme)
    assert not funding.flags(funding.index(0, FIRST_YEAR_COLUMN)) & Qt.ItemFlag.ItemIsEditable
    assert funding.index(len(funding.sheet.sources) + 2, FIRST_YEAR_COLUMN).data() == ""  # no saldo
    assert "Saldo" in window.status.balance_label.text() and window.status.balance_label.property("alert") is False


def test_the_totals_label_is_typed_in_the_total_row_and_undone(window, qtbot):
    budget = window.current_editor()
    model, table = budget.model, budget.table
    total = model.rowCount() - 1
    assert model.index(total, 0).data() == "Totaal Uitvoeringsprogramma 2022"
    type_into(qtbot, table, total, 0, "Totaal regionale programmabegroting 2022")
    with window.context.workspace.session() as s:
        assert s.get(Plan, budget.plan_id).total_label == "Totaal regionale programmabegroting 2022"
    assert model.index(model.rowCount() - 1, 0).data() == "Totaal regionale programmabegroting 2022"
    assert window.context.undo_stack.undoText() == "Label van het totaal"
    # A computed amount of the total row does not take typing.
    assert not model.flags(model.index(total, model.columnCount() - 1)) & Qt.ItemFlag.ItemIsEditable
    window.context.undo_stack.undo()
    with window.context.workspace.session() as s:
        assert s.get(Plan, budget.plan_id).total_label == "Totaal Uitvoeringsprogramma 2022"
