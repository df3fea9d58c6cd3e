"""Bestand > Openen van server… (issue 22): the window on the shared database, as on a file; the
password asked, or kept in the keyring when there is one; a server that cannot be reached said in
the dialog, the open file kept. Against the throwaway server of tests/pg_server.py."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from app.services import passwords


def fields_of(url: str, **changes) -> dict:
    parts = urlsplit(url.replace("postgresql+psycopg://", "postgresql://"))
    return {"host": parts.hostname, "port": parts.port, "database": parts.path.strip("/"),
            "user": parts.username, "password": "", "remember": False, **changes}


def fill(dialog, fields: dict) -> None:
    dialog.host.setText(fields["host"])
    dialog.port.setValue(fields["port"])
    dialog.database.setText(fields["database"])
    dialog.user.setText(fields["user"])
    dialog.password.setText(fields["password"])
    dialog.remember.setChecked(fields["remember"])


@pytest.fixture
def dialogs(main_window, monkeypatch):
    """The server dialog answered by the test: each entry of ``dialogs.answers`` fills it and
    presses Open once; the dialogs shown are kept."""
    class Answers:
        answers: list[dict] = []
        shown: list = []

    def run(dialog):
        Answers.shown.append(dialog)
        for fields in Answers.answers:
            fill(dialog, fields)
            dialog.accept()
            if dialog.result():
                return True
        return False

    monkeypatch.setattr(main_window, "run_server_dialog", run)
    return Answers


def test_the_window_opens_the_shared_database_as_it_opens_a_file(main_window, dialogs, pg_demo):
    file_status = [label.text() for label in main_window.status.labels()]
    dialogs.answers = [fields_of(pg_demo)]
    assert main_window.open_server() is True
    database = urlsplit(pg_demo).path.strip("/")
    assert main_window.windowTitle() == f"Planbord — planbord@127.0.0.1/{database}"
    assert main_window.current_node.kind == "plan"
    assert [label.text() for label in main_window.status.labels()] == file_status  # the same figures
    recent = main_window.context.settings.recent_files[0]
    assert recent == f"postgresql://planbord@127.0.0.1:{urlsplit(pg_demo).port}/{database}"
    assert not dialogs.shown[0].remember.isEnabled()  # no keyring on this machine: asked each time


def test_a_server_that_cannot_be_reached_is_said_in_the_dialog_and_the_file_stays(main_window, dialogs):
    before = main_window.context.workspace
    dialogs.answers = [fields_of("postgresql://planbord@127.0.0.1:1/nergens"), {**fields_of(
        "postgresql://planbord@127.0.0.1:1/nergens"), "host": ""}]
    assert main_window.open_server() is False
    dialog = dialogs.shown[0]
    assert dialog.error.text() == "Vul de server en de database in."  # the last answer's refusal
    assert main_window.context.workspace is before and not before.closed


def test_unreachable_says_why(main_window, dialogs):
    dialogs.answers = [fields_of("postgresql://planbord@127.0.0.1:1/nergens")]
    assert main_window.open_server() is False
    assert "kan de database planbord@127.0.0.1/nergens niet bereiken" in dialogs.shown[0].error.text()


def test_a_kept_password_opens_a_recent_database_without_asking(main_window, dialogs, pg_demo, monkeypatch):
    kept = {}

    class FakeKeyring:
        @staticmethod
        def get_password(service, address):
            return kept.get((service, address))

        @staticmethod
        def set_password(service, address, password):
            kept[(service, address)] = password

    monkeypatch.setattr(passwords, "_keyring", lambda: FakeKeyring)
    dialogs.answers = [fields_of(pg_demo, password="geheim", remember=True)]
    assert main_window.open_server() is True
    address = main_window.context.settings.recent_files[0]
    assert kept == {("Planbord", address): "geheim"} and "geheim" not in address
    main_window.open_path(Path(main_window.context.settings.recent_files[1]))  # back to the file
    assert main_window.windowTitle() == "Planbord — demo.planbord"
    dialogs.shown.clear()
    assert main_window.open_server(address) is True
    assert dialogs.shown == []  # not asked: the keyring had it
    assert main_window.windowTitle().startswith("Planbord — planbord@127.0.0.1/")


def test_a_server_database_has_no_file_backups_but_a_copy_can_be_saved(main_window, dialogs, pg_demo, tmp_path,
                                                                        monkeypatch, message_boxes):
    dialogs.answers = [fields_of(pg_demo)]
    main_window.open_server()
    main_window.restore_backup()
    assert "De server maakt zijn eigen reservekopieën" in message_boxes[-1][2]
    target = tmp_path / "meegenomen.planbord"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    main_window.save_copy()
    assert target.exists()
    from app.services.summary import plan_summary
    from app.services.workspace import open_workspace

    with open_workspace(target, read_only=True) as copy:
        assert plan_summary(copy, 2022) == plan_summary(main_window.context.workspace, 2022)


# --- at start: the shared database used last ----------------------------------------------------


@pytest.fixture
def starting_window(qtbot, planbord_qapp, settings_store, monkeypatch, tmp_path):
    """A main window without a file, as run_gui builds it; the server dialog answered by
    ``starting_window.answer`` (None: the user cancels)."""
    from app.views.context import ApplicationContext
    from app.views.shell.main_window import MainWindow

    monkeypatch.setenv("PLANBORD_DATA_DIR", str(tmp_path / "data"))
    context = ApplicationContext(None, settings_store)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.answer, window.dialogs = None, []

    def run(dialog):
        window.dialogs.append(dialog)
        if window.answer is None:
            return False
        fill(dialog, window.answer)
        dialog.accept()
        return bool(dialog.result())

    monkeypatch.setattr(window, "run_server_dialog", run)
    yield window
    context.close()


def _address(url: str) -> str:
    parts = urlsplit(url)
    return f"postgresql://{parts.username}@{parts.hostname}:{parts.port}{parts.path}"


def test_a_start_after_working_on_the_server_connects_to_it_again(starting_window, pg_demo, monkeypatch):
    from app.views.shell.application import open_at_start

    monkeypatch.setattr(passwords, "saved_password", lambda address: "")  # kept in the keyring
    workspace = open_at_start(starting_window, None, _address(pg_demo))
    assert workspace is not None and workspace.on_server
    assert starting_window.context.workspace is workspace and starting_window.dialogs == []
    assert starting_window.windowTitle().endswith(urlsplit(pg_demo).path.strip("/"))


def test_without_a_kept_password_the_dialog_asks_filled_in_and_a_cancel_opens_the_demo(
        starting_window, pg_demo, monkeypatch):
    from app.views.shell.application import open_at_start

    monkeypatch.setattr(passwords, "saved_password", lambda address: None)
    workspace = open_at_start(starting_window, None, _address(pg_demo))
    [dialog] = starting_window.dialogs
    assert dialog.database.text() == urlsplit(pg_demo).path.strip("/")  # filled in with the last server
    assert workspace is not None and not workspace.on_server  # cancelled: the demo plan
    assert workspace.path.name == "Uitvoeringsplan-2022-Haaglanden.planbord"


def test_a_given_file_wins_over_the_last_server(starting_window, pg_demo, demo_workspace, monkeypatch):
    from app.views.shell.application import open_at_start

    monkeypatch.setattr(passwords, "saved_password", lambda address: "")
    workspace = open_at_start(starting_window, demo_workspace, _address(pg_demo))
    assert workspace.path == demo_workspace and starting_window.dialogs == []


def test_a_last_server_that_does_not_answer_says_why_and_the_demo_opens(starting_window, monkeypatch):
    from app.views.shell.application import open_at_start

    monkeypatch.setattr(passwords, "saved_password", lambda address: "")
    workspace = open_at_start(starting_window, None, "postgresql://planbord@127.0.0.1:1/kantoor")
    [dialog] = starting_window.dialogs
    assert dialog.error.isVisibleTo(dialog)
    assert "kan de database planbord@127.0.0.1/kantoor niet bereiken" in dialog.error.text()
    assert workspace is not None and not workspace.on_server


# --- another process on the same database -------------------------------------------------------

_OTHER_PROCESS = """
import sys
from app.services.budget_edit import CellChange, set_cells
from app.services.cell_input import parse_cell
from app.services.server_workspace import open_server_workspace

url, line, text = sys.argv[1], int(sys.argv[2]), sys.argv[3]
with open_server_workspace(url, who="jan@kantoor-pc") as jan:
    set_cells(jan, [CellChange(line, 2022, parse_cell(text))])
"""


def _in_another_process(url: str, line: int, text: str, tmp_path) -> None:
    import os
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", _OTHER_PROCESS, url, str(line), text],
                          cwd=Path(__file__).resolve().parent.parent, capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PLANBORD_DATA_DIR": str(tmp_path / "jan")})
    assert done.returncode == 0, done.stderr


def test_another_processes_edit_appears_and_a_stale_edit_gets_the_conflict_message(
        qtbot, planbord_qapp, settings_store, pg_demo, tmp_path):
    """Jan works in a Planbord of his own (another process) on the same plan: his edit appears in
    this window within two seconds; an edit over a change of his this window has not heard of yet
    is refused naming him, and the page then shows his value."""
    from app.services.budget_sheet import RowKind
    from app.services.server_workspace import open_server_workspace
    from app.views.budget.budget_model import FIRST_YEAR_COLUMN
    from app.views.context import ApplicationContext
    from app.views.shell.main_window import MainWindow
    from app.views.shell.navigation import Node
    from conftest import make_draft_amendment
    from sqlalchemy import select

    from app.models import BudgetCell, BudgetGroup, BudgetLine

    context = ApplicationContext(open_server_workspace(pg_demo), settings_store)
    try:
        plan, _project, _action = make_draft_amendment(context.workspace)
        with context.workspace.session() as s:
            first, second = s.scalars(select(BudgetLine.id).join(BudgetLine.group).join(BudgetCell)
                                      .where(BudgetGroup.plan_id == plan, BudgetCell.year == 2022)
                                      .order_by(BudgetLine.id)).all()[:2]
        window = MainWindow(context)
        qtbot.addWidget(window)
        window.show()
        assert window.show_node(Node("budget", plan, plan))

        def shown(line):
            model = window.current_editor().model
            row = next(i for i, r in enumerate(model.sheet.rows) if r.kind is RowKind.LINE and r.id == line)
            return model, model.index(row, FIRST_YEAR_COLUMN + model.years.index(2022))

        _in_another_process(pg_demo, first, "77.777", tmp_path)
        qtbot.waitUntil(lambda: shown(first)[1].data() == "77.777", timeout=2000)

        window.server_watch.timer.stop()  # jan's next change is not heard yet when the user types
        _in_another_process(pg_demo, second, "88.888", tmp_path)
        model, index = shown(second)
        assert index.data() != "88.888"
        editor = window.current_editor()
        window.activateWindow()
        editor.table.setFocus()
        editor.table.setCurrentIndex(index)
        qtbot.keyClick(editor.table, "9")  # typed as a user types: the cell's editor opens
        qtbot.keyClicks(QApplication.focusWidget(), "9.999")
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: editor.messages.text() != "", timeout=2000)
        message = editor.messages.text()
        assert message.startswith("Iemand anders heeft dit intussen gewijzigd: ")
        assert "is nu 88.888" in message and "gewijzigd door jan@kantoor-pc" in message
        assert shown(second)[1].data() == "88.888"  # his value, on screen
        window.close()
    finally:
        context.close()
