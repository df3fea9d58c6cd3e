"""The first page kept at close and drawn at the next start before the data layer loads
(app/views/shell/first_page.py, MainWindow.show_kept_page, run_gui): the same window as the open
file, the tree walkable, the file's actions waiting, the live page taking over where the user is."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.views.shell import first_page
from app.views.shell.navigation import Node

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def empty_window(qtbot, planbord_qapp, settings_store):
    """A main window without a file, as run_gui builds it before the data layer has loaded."""
    from app.views.context import ApplicationContext
    from app.views.shell.main_window import MainWindow

    context = ApplicationContext(None, settings_store)
    window = MainWindow(context)
    qtbot.addWidget(window)
    yield window
    context.close()


def tree_of(window) -> list[dict]:
    return window.navigation_model.snapshot(window.tree.isExpanded)


def status_of(window) -> list[str]:
    return [label.text() for label in window.status.labels()]


def show_kept_page_of(main_window, empty_window, qtbot) -> None:
    """The start after ``main_window`` closed: its kept page in ``empty_window``, file not open."""
    page = first_page.capture(main_window)
    main_window.close()
    main_window.context.close()
    assert empty_window.show_kept_page(page)
    empty_window.show()
    qtbot.waitExposed(empty_window)


def test_the_kept_page_is_the_start_page_whatever_was_looked_at_last(main_window, qtbot):
    start = main_window.current_node
    assert start.kind == "plan"
    html_at_start = main_window.overview.toHtml()
    main_window.show_node(Node("budget", start.plan_id, start.plan_id))  # an editor at close
    page = first_page.capture(main_window)
    assert page["current"] == ["plan", start.id, start.plan_id]
    assert "Uitvoeringsplan 2022 Regiovisie Jeugdzorg Haaglanden" in page["html"]
    main_window.overview.setHtml(page["html"])
    assert main_window.overview.toHtml() == html_at_start
    assert page["status"][0][0] == "Begroting 2022: € 1.280.000"
    assert page["title"] == "Planbord — demo.planbord"
    region = page["navigation"][0]
    assert region["node"][0] == "region" and region["expanded"]
    plans = [row for row in region["children"] if row["node"][0] == "plan"]
    assert [p["expanded"] for p in plans if p["node"][1] == start.id] == [True]


def test_closing_the_window_keeps_its_page_in_the_context(main_window):
    main_window.close()
    assert main_window.context.first_page is not None
    assert main_window.context.first_page["current"][0] == "plan"


def test_no_page_is_kept_for_a_read_only_file_or_with_the_charts_open(open_window, demo_workspace, qtbot):
    window = open_window(demo_workspace, read_only=True)
    assert first_page.capture(window) is None
    window.close()
    writable = open_window(demo_workspace)
    writable.charts.show()
    qtbot.waitUntil(lambda: writable.charts.panel is not None)
    assert first_page.capture(writable) is None  # the next start restores the charts: ordinary


def test_a_kept_page_draws_the_window_the_open_file_draws(main_window, empty_window, demo_workspace):
    page = first_page.capture(main_window)
    live_tree, live_text = tree_of(main_window), main_window.overview.toPlainText()
    live_status = status_of(main_window)
    assert empty_window.show_kept_page(json.loads(json.dumps(page)))  # as read back from disk
    empty_window.show()
    assert tree_of(empty_window) == live_tree
    assert empty_window.overview.toPlainText() == live_text
    assert status_of(empty_window) == live_status
    assert empty_window.windowTitle() == main_window.windowTitle()
    assert empty_window.current_node == main_window.current_node


def test_the_file_actions_wait_until_the_file_is_open(main_window, empty_window, demo_workspace,
                                                      qtbot, message_boxes):
    show_kept_page_of(main_window, empty_window, qtbot)
    assert not empty_window.menuBar().isEnabled()
    assert not empty_window.pdf_action.isEnabled() and not empty_window.open_action.isEnabled()
    assert empty_window.quit_action.isEnabled()
    qtbot.keyClick(empty_window.tree, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert message_boxes == []  # not "open a plan first": nothing happens yet
    from app.services.workspace import open_workspace

    empty_window.context.set_workspace(open_workspace(demo_workspace))
    assert empty_window.kept_page is None
    assert empty_window.menuBar().isEnabled() and empty_window.pdf_action.isEnabled()
    assert empty_window.open_action.isEnabled()


def test_walking_the_kept_tree_lands_on_the_live_page_once_the_file_is_open(
        main_window, empty_window, demo_workspace, qtbot):
    show_kept_page_of(main_window, empty_window, qtbot)
    empty_window.tree.setFocus()
    qtbot.keyClick(empty_window.tree, Qt.Key.Key_Down)  # from the plan to its first chapter
    chapter = empty_window.current_node
    assert chapter.kind == "chapter"
    assert empty_window.overview.toPlainText() == "Het bestand wordt geopend…"
    assert status_of(empty_window)[0] == "Begroting 2022: € 1.280.000"  # the same plan's figures
    qtbot.keyClick(empty_window.tree, Qt.Key.Key_Up)  # back: the kept page again
    assert empty_window.current_node.kind == "plan"
    assert "Regiovisie Jeugdzorg Haaglanden" in empty_window.overview.toPlainText()
    qtbot.keyClick(empty_window.tree, Qt.Key.Key_Down)
    from app.services.workspace import open_workspace

    empty_window.context.set_workspace(open_workspace(demo_workspace))
    assert empty_window.current_node == chapter  # the user's place, not the start page
    assert "\n1 Inleiding\n" in empty_window.overview.toPlainText()
    assert empty_window.tree.currentIndex() == empty_window.navigation_model.find(chapter)


def test_a_damaged_kept_page_leaves_an_ordinary_empty_window(main_window, empty_window):
    page = first_page.capture(main_window)
    for damaged in ({k: v for k, v in page.items() if k != "current"},
                    {**page, "current": ["project", 99999, 1]},
                    {**page, "navigation": [{"text": "x"}]},
                    {**page, "status": [["too", "few"]]}):
        assert empty_window.show_kept_page(damaged) is False
        assert empty_window.kept_page is None
        assert empty_window.menuBar().isEnabled() and empty_window.pdf_action.isEnabled()
        assert empty_window.navigation_model.rowCount() == 0
        assert empty_window.overview.toPlainText() == ""


def test_a_file_that_does_not_open_after_all_ends_the_kept_page(main_window, empty_window):
    empty_window.show_kept_page(first_page.capture(main_window))
    empty_window.reload()  # run_gui: no workspace could be opened
    assert empty_window.kept_page is None
    assert empty_window.pdf_action.isEnabled()
    assert "Regiovisie" not in empty_window.overview.toPlainText()


# --- the whole program: python -m app, as a user starts it --------------------------------


def _start(path: Path, data: Path, moment: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PLANBORD_DATA_DIR=str(data),
               PLANBORD_EXIT_WHEN=moment)
    return subprocess.run([sys.executable, "-m", "app", str(path)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.slow
def test_the_second_start_draws_the_kept_page_and_a_changed_file_does_not(demo_workspace, tmp_path):
    data = tmp_path / "data"
    kept_file = data / "first-page.json"
    log = data / "planbord.log"
    first = _start(demo_workspace, data, "live")
    assert first.returncode == 0, first.stderr[-800:]
    kept = json.loads(kept_file.read_text(encoding="utf-8"))
    assert kept["identity"]["path"] == str(demo_workspace.resolve())
    assert "Regiovisie Jeugdzorg Haaglanden" in kept["page"]["html"]
    assert "kept at the last close" not in log.read_text(encoding="utf-8")

    second = _start(demo_workspace, data, "live")  # the kept page, then the file opened
    assert second.returncode == 0, second.stderr[-800:]
    assert log.read_text(encoding="utf-8").count("first page drawn as kept at the last close") == 1
    assert json.loads(kept_file.read_text(encoding="utf-8"))["page"] == kept["page"]

    stat = demo_workspace.stat()
    os.utime(demo_workspace, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))  # changed by someone
    third = _start(demo_workspace, data, "ready")
    assert third.returncode == 0, third.stderr[-800:]
    assert log.read_text(encoding="utf-8").count("first page drawn as kept at the last close") == 1
    assert "Traceback" not in first.stderr + second.stderr + third.stderr
