"""The laptop copy in the window (issue 22): Bestand > Meenemen voor offline gebruik… on the shared
database, work in the file, Bestand > Terugzetten naar server…: the review lists what was changed
offline and, side by side, what both changed; the user ticks a value per row (nothing is chosen for
them), and the server then holds exactly the chosen values. Against the PostgreSQL test server."""
from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox
from sqlalchemy import select

from app.models import BudgetCell, BudgetGroup, BudgetLine, Plan
from app.services.budget_edit import CellChange, set_cells
from app.services.cell_input import CellValue
from app.services.server_workspace import open_server_workspace
from app.views.shell.bring_back_dialog import MINE, THEIRS
from app.views.shell.navigation import Node
from conftest import make_draft_amendment


@pytest.fixture
def shared(pg_demo):
    """(url, draft plan id, year, two line ids with an amount that year) on the server."""
    with open_server_workspace(pg_demo) as ws:
        plan, _project, _action = make_draft_amendment(ws)
        with ws.session() as s:
            year = s.get(Plan, plan).years[1]
            lines = s.scalars(select(BudgetLine.id).join(BudgetLine.group).join(BudgetCell)
                              .where(BudgetGroup.plan_id == plan, BudgetCell.year == year,
                                     BudgetCell.amount.is_not(None)).order_by(BudgetLine.id)).all()
    return pg_demo, plan, year, lines[:2]


@pytest.fixture
def window(qtbot, planbord_qapp, settings_store, shared, monkeypatch, tmp_path):
    from app.views.context import ApplicationContext
    from app.views.shell.main_window import MainWindow

    monkeypatch.setenv("PLANBORD_DATA_DIR", str(tmp_path / "data"))
    context = ApplicationContext(open_server_workspace(shared[0]), settings_store)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    yield window
    context.close()


def amounts(url, year, lines) -> list[Decimal | None]:
    with open_server_workspace(url) as ws, ws.session() as s:
        found = dict(s.execute(select(BudgetCell.line_id, BudgetCell.amount)
                               .where(BudgetCell.year == year, BudgetCell.line_id.in_(lines))).all())
    return [found.get(line) for line in lines]


def type_in_budget(window, plan, line, year, text) -> None:
    from app.services.budget_sheet import RowKind
    from app.views.budget.budget_model import FIRST_YEAR_COLUMN

    assert window.show_node(Node("budget", plan, plan))
    model = window.current_editor().model
    row = next(i for i, r in enumerate(model.sheet.rows) if r.kind is RowKind.LINE and r.id == line)
    assert model.setData(model.index(row, FIRST_YEAR_COLUMN + model.years.index(year)), text)


def test_take_along_work_offline_and_bring_back_choosing_per_cell(window, shared, tmp_path, monkeypatch):
    url, plan, year, (shared_line, own_line) = shared
    actions = window.laptop_copy
    assert actions.take_along_action.isEnabled() and not actions.bring_back_action.isEnabled()
    # Dutch in the File menu, each with a letter of its own.
    assert actions.take_along_action.text() == "&Meenemen voor offline gebruik…"
    assert actions.bring_back_action.text() == "Ter&ugzetten naar server…"

    target = tmp_path / "vergadering.planbord"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    actions.take_along_action.trigger()
    assert target.exists() and window.context.workspace.path == target  # opened to work in
    assert actions.bring_back_action.isEnabled() and not actions.take_along_action.isEnabled()

    # In the meeting: two cells typed offline; meanwhile a colleague changes one of them on the server.
    type_in_budget(window, plan, shared_line, year, "11.111")
    type_in_budget(window, plan, own_line, year, "22.222")
    with open_server_workspace(url, who="jan@kantoor-pc") as jan:
        set_cells(jan, [CellChange(shared_line, year, CellValue(Decimal("33333")))])

    reviews = []

    def review(dialog):
        reviews.append(dialog)
        assert not dialog.bring_back_button.isEnabled()  # nothing is chosen for the user
        assert dialog.message.text() == "Nog te kiezen: 1 van 1."
        model = dialog.model
        assert model.rowCount() == 1
        assert [model.index(0, c).data() for c in (MINE, THEIRS)] == ["€ 11.111", "€ 33.333"]
        assert model.headerData(MINE, Qt.Orientation.Horizontal) == "Van u (offline)"
        # Ticking mine: the server's box goes off; the button comes on.
        assert model.setData(model.index(0, MINE), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
        assert model.index(0, THEIRS).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
        assert dialog.bring_back_button.isEnabled() and not dialog.message.isVisible()
        assert dialog.changes.model().rowCount() == 1  # the cell only I changed
        return True

    monkeypatch.setattr(actions, "run_dialog", review)
    assert actions.bring_back() is True
    assert len(reviews) == 1
    assert amounts(url, year, [shared_line, own_line]) == [Decimal("11111.00"), Decimal("22222.00")]
    assert window.statusBar().currentMessage().startswith("Teruggezet naar ")
    # The window shows the file again, now the server's data: nothing left to bring back.
    assert window.context.workspace.path == target and window.context.undo_stack.count() == 0
    messages = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: messages.append(a[2]))
    assert actions.bring_back() is False
    assert messages == ["In “vergadering.planbord” is offline niets gewijzigd; er is niets terug te zetten."]


def test_the_servers_value_kept_where_chosen_and_a_cancel_writes_nothing(window, shared, tmp_path, monkeypatch):
    url, plan, year, (shared_line, _own) = shared
    target = tmp_path / "vergadering.planbord"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.laptop_copy.take_along()
    type_in_budget(window, plan, shared_line, year, "11.111")
    with open_server_workspace(url) as other:
        set_cells(other, [CellChange(shared_line, year, CellValue(Decimal("33333")))])

    monkeypatch.setattr(window.laptop_copy, "run_dialog", lambda dialog: False)  # cancelled
    assert window.laptop_copy.bring_back() is False
    assert amounts(url, year, [shared_line]) == [Decimal("33333.00")]

    def all_theirs(dialog):
        dialog.model.choose_all("theirs")
        return dialog.bring_back_button.isEnabled()

    monkeypatch.setattr(window.laptop_copy, "run_dialog", all_theirs)
    assert window.laptop_copy.bring_back() is True
    assert amounts(url, year, [shared_line]) == [Decimal("33333.00")]
    # The file follows the server: it shows the colleague's value now.
    from app.services.budget_sheet import RowKind
    from app.views.budget.budget_model import FIRST_YEAR_COLUMN

    window.show_node(Node("budget", plan, plan))
    model = window.current_editor().model
    row = next(i for i, r in enumerate(model.sheet.rows) if r.kind is RowKind.LINE and r.id == shared_line)
    assert model.index(row, FIRST_YEAR_COLUMN + model.years.index(year)).data() == "33.333"


def test_an_existing_file_is_never_replaced_by_a_take_along(window, tmp_path, monkeypatch, message_boxes):
    target = tmp_path / "bestaat.planbord"
    target.write_bytes(b"iets")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.laptop_copy.take_along()
    assert message_boxes and "bestaat al; Planbord vervangt nooit een bestand" in message_boxes[0][2]
    assert target.read_bytes() == b"iets" and window.context.workspace.on_server


def test_the_review_is_used_by_keyboard_alone(qtbot, planbord_qapp):
    """Arrow to a value, Space ticks it; Enter brings back once every row has its choice."""
    from pathlib import Path

    from PySide6.QtWidgets import QDialog

    from app.services.laptop_copy import BringBack
    from app.services.three_way import Conflict
    from app.views.shell.bring_back_dialog import BringBackDialog

    conflicts = [Conflict(f"c{i}", "value", "budget_cell", (i,), "amount", label=f"“Post {i}” 2023, bedrag",
                          base_text="€ 1", mine_text="€ 2", theirs_text="€ 3") for i in range(2)]
    dialog = BringBackDialog(None, BringBack(Path("x.planbord"), "planbord@kantoor/db", [], conflicts, "f"))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    dialog.table.setFocus()
    dialog.table.setCurrentIndex(dialog.model.index(1, THEIRS))
    qtbot.keyClick(dialog.table, Qt.Key.Key_Space)
    assert dialog.choices() == {"c1": "theirs"} and not dialog.bring_back_button.isEnabled()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Up)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Left)  # to the first row's offline value
    qtbot.keyClick(dialog.table, Qt.Key.Key_Space)
    assert dialog.choices() == {"c0": "mine", "c1": "theirs"} and dialog.bring_back_button.isEnabled()
    assert not dialog.changes.isVisible() or dialog.changes.model().rowCount() == 0
    dialog.bring_back_button.setDefault(True)
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
