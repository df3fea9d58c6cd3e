"""Logs a support desk can use (issue 19, point 4): warnings of every module in a rotating file in
the data folder, a crash trace beside it, the crash dialog pointing at the log."""
from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app import logs

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def configured(planbord_data_dir):
    path = logs.configure(crash_trace=False)
    yield path
    logs.reset()


def test_a_warning_of_a_service_reaches_the_log_in_the_data_folder(configured, planbord_data_dir):
    assert configured == planbord_data_dir / "planbord.log"
    logging.getLogger("app.services.backup").warning("backup failed: schijf vol")
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = configured.read_text(encoding="utf-8")
    assert "WARNING app.services.backup: backup failed: schijf vol" in text
    assert "INFO app: Planbord 0.1.0 started" in text  # which version, when: the first thing support asks


def test_the_log_rotates_at_a_megabyte_keeping_five(configured):
    log = logging.getLogger("app.services.workspace")
    line = "x" * 1000
    for _ in range(7 * 1100):  # some 7.7 MB
        log.warning(line)
    folder = configured.parent
    names = sorted(p.name for p in folder.iterdir() if p.name.startswith("planbord.log"))
    assert names == ["planbord.log"] + [f"planbord.log.{n}" for n in range(1, 6)]
    assert all((folder / name).stat().st_size <= logs.MAX_BYTES for name in names)


def test_configure_is_once_per_process(configured, tmp_path):
    assert logs.configure(folder=tmp_path / "elders") == configured
    assert not (tmp_path / "elders").exists()


def test_an_unwritable_folder_leaves_the_program_running(tmp_path):
    blocked = tmp_path / "bestand"
    blocked.write_text("geen map", encoding="utf-8")
    try:
        assert logs.configure(folder=blocked / "sub", crash_trace=False) is None
        assert logs.log_file() is None
    finally:
        logs.reset()


@pytest.fixture
def message_boxes(monkeypatch):
    """QMessageBox.critical captured instead of shown."""
    from PySide6.QtWidgets import QMessageBox

    shown = []

    def fake(parent, title, text, *args, **kwargs):
        shown.append(("critical", title, text))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "critical", fake)
    return shown


def test_the_crash_dialog_points_at_the_log_and_the_traceback_is_in_it(configured, planbord_qapp,
                                                                         message_boxes, monkeypatch):
    from app.views.shell import application

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    application.install_excepthook()
    try:
        raise ValueError("kapot door een test")
    except ValueError:
        sys.excepthook(*sys.exc_info())
    _kind, _title, text = message_boxes[0]
    assert text.endswith(f"Technische details: {configured}")
    for handler in logging.getLogger().handlers:
        handler.flush()
    logged = configured.read_text(encoding="utf-8")
    assert "ERROR app.views.shell.application: unexpected error" in logged
    assert "ValueError: kapot door een test" in logged and "Traceback" in logged
    assert not (configured.parent / "planbord-fouten.log").exists()  # the hand-appended file is gone


def test_a_hard_crash_leaves_its_trace_beside_the_log(tmp_path):
    """faulthandler: a crash no Python handler sees (a segmentation fault in Qt) still leaves the
    stack of every thread in planbord-crash.log."""
    env = dict(os.environ, PLANBORD_DATA_DIR=str(tmp_path))
    code = ("from app import logs\nlogs.configure()\n"
            "import faulthandler\nfaulthandler._sigsegv()\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode != 0
    trace = (tmp_path / "planbord-crash.log").read_text(encoding="utf-8")
    assert "Fatal Python error: Segmentation fault" in trace
    assert "<string>" in trace  # where it happened


def test_the_command_line_logs_to_the_file_and_keeps_its_output_clean(tmp_path):
    env = dict(os.environ, PLANBORD_DATA_DIR=str(tmp_path / "data"))
    done = subprocess.run([sys.executable, "-m", "app", "summary", str(tmp_path / "weg.planbord"), "--json"],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.startswith("planbord: Het bestand “weg.planbord” bestaat niet")
    assert "INFO" not in done.stderr  # nothing technical on the terminal
    assert "started" in (tmp_path / "data" / "planbord.log").read_text(encoding="utf-8")
