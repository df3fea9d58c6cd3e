"""The application shell on the demo plan: navigation, overview pages, status bar, files.

Runs on Qt's offscreen platform with the Dutch translation installed, as the
user sees it. Figures asserted here are the published ones of the 2022 plan.
"""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt

from app import resources
from app.views.shell.navigation import NODE_ROLE, TITLE_ROLE
from app.views.sheet_view import NOTE_ROLE

ROOT = Path(__file__).resolve().parents[1]


def select(window, predicate):
    """Select the first navigation item whose Node satisfies ``predicate``; returns its index."""
    for index in window.navigation_model.walk():
        if predicate(index.data(NODE_ROLE), index):
            window.tree.setCurrentIndex(index)
            return index
    raise AssertionError("no such navigation item")


def page_text(window) -> str:
    """What the right-hand side shows: the overview page, or an editor's title and tables."""
    editor = window.current_editor()
    if editor is None:
        return window.overview.toPlainText()
    from PySide6.QtWidgets import QLabel

    from app.views.sheet_view import SheetView

    parts = [label.text() for label in editor.findChildren(QLabel) if label.isVisibleTo(editor)]
    for view in editor.findChildren(SheetView):
        model = view.model()
        parts += [str(model.headerData(c, Qt.Orientation.Horizontal)) for c in range(model.columnCount())]
        parts += [str(model.index(r, c).data() or "") for r in range(model.rowCount())
                  for c in range(model.columnCount())]
    return "\n".join(parts)


def select_kind(window, kind):
    return select(window, lambda node, _i: node.kind == kind)


def select_label(window, text):
    return select(window, lambda _node, index: index.data() == text)


# --- start and navigation ----------------------------------------------------------------


def test_starts_on_the_plan_of_the_demo(main_window):
    assert main_window.windowTitle() == "Planbord — demo.planbord"
    assert main_window.current_node.kind == "plan"
    text = page_text(main_window)
    assert "Uitvoeringsplan 2022 Regiovisie Jeugdzorg Haaglanden" in text
    assert "Vastgesteld: BOJ 11-11-2021 — alleen-lezen" in text
    assert "Samen leren" in text and "2 dagdelen" in text  # problems from the validation service
    assert "4 Lopende projecten en ad-hoc ondersteuning: de hoofdstuktekst noemt 5 dagdelen" in text
    assert "Saldo 2021" not in text  # 2021 is last year's budget, for comparison: never flagged


def test_navigation_tree_shape(main_window):
    labels = [index.data() for index in main_window.navigation_model.walk()]
    assert labels[0] == "Regio Haaglanden"
    assert labels[1] == "2022 · vastgesteld 11-11-2021"
    for expected in ("3 Prioritaire activiteiten in 2022", "3.1 Kinderen en gezinnen in de meest "
                     "kwetsbare omstandigheden", "3.1.3 Intensiveren Beter Samenspel", "3.2.3 Samen leren",
                     "4.2 Jeugdhulp in gezinsvormen", "Doorlopend algemeen",
                     "Voortgang", "Formatie & dagdelen", "Begroting", "Dekking", "Verdeelsleutel"):
        assert expected in labels, expected
    # The progress overview, the four tables and the realisatie come right under the plan, after
    # its chapters.
    plan_index = main_window.navigation_model.index(0, 0, main_window.navigation_model.index(0, 0))
    model = main_window.navigation_model
    children = [model.index(r, 0, plan_index).data() for r in range(model.rowCount(plan_index))]
    assert children[-6:] == ["Voortgang", "Formatie & dagdelen", "Begroting", "Dekking", "Verdeelsleutel",
                             "Realisatie"]


def test_walk_every_item_with_the_keyboard(main_window, qtbot):
    tree = main_window.tree
    tree.expandAll()
    model = main_window.navigation_model
    everything = list(model.walk())
    tree.setFocus()
    tree.setCurrentIndex(model.index(0, 0))
    seen = []
    for _ in range(len(everything) + 1):
        index = tree.currentIndex()
        title = index.data(TITLE_ROLE)
        seen.append(index.data())
        # The page is the selected item's: its title is the page's heading (or the editor's).
        if main_window.current_editor() is None:
            assert main_window.overview.documentTitle() == title
        assert title in page_text(main_window)
        before = QModelIndex(index)
        qtbot.keyClick(tree, Qt.Key.Key_Down)
        if tree.currentIndex() == before:
            break
    # region, plan, 10 chapters, 18 projects, the progress overview, the 4 tables, the realisatie
    # and the region's monitor
    assert len(seen) == len(everything) == 37
    assert seen[-1] == "Monitor"
    assert "3.1.3 Intensiveren Beter Samenspel" in seen


def test_every_page_renders_without_error(main_window):
    main_window.tree.expandAll()
    for index in list(main_window.navigation_model.walk()):
        main_window.tree.setCurrentIndex(index)
        assert "kan niet worden getoond" not in page_text(main_window), index.data()


# --- status bar --------------------------------------------------------------------------


def test_status_bar_shows_the_plan_year(main_window):
    status = main_window.status
    assert status.budget_label.text() == "Begroting 2022: € 1.280.000"
    assert status.funding_label.text() == "Dekking: € 1.280.000"
    assert status.balance_label.text() == "Saldo: € 0"
    assert status.half_days_label.text() == "Dagdelen: 22 / 22"
    assert status.balance_label.property("alert") is False
    assert status.half_days_label.property("alert") is False
    assert all(label.isVisible() for label in status.labels())


def test_status_bar_follows_a_change(main_window):
    """After an edit (here written directly) and data_changed, the figures and the red saldo update."""
    from sqlalchemy import select as sql_select

    from app.models import BudgetCell, BudgetLine

    select_kind(main_window, "budget")
    workspace = main_window.context.workspace
    with workspace.transaction() as session:
        cell = session.scalars(sql_select(BudgetCell).join(BudgetCell.line).where(
            BudgetLine.name == "onderzoeksbudget", BudgetCell.year == 2022)).one()
        cell.amount = Decimal("100001.00")
    main_window.context.data_changed.emit()
    status = main_window.status
    assert status.budget_label.text() == "Begroting 2022: € 1.280.001"
    assert status.balance_label.text() == "Saldo: € -1 tekort"
    assert status.balance_label.property("alert") is True
    # The page stays where it was, recomputed.
    assert main_window.current_node.kind == "budget"
    assert "230.001" in page_text(main_window)  # the editor was rebuilt from the file


# --- pages -------------------------------------------------------------------------------


def test_budget_page_has_every_group_total_and_the_markers(main_window):
    select_kind(main_window, "budget")
    text = page_text(main_window)
    for amount in ("544.000", "150.000", "125.000", "230.000", "100.000", "1.280.000", "1.062.500"):
        assert amount in text, amount
    assert "doorlopend" in text and "\nid\n" in text  # "id" as the plan prints it
    assert "Totaal Uitvoeringsprogramma 2022" in text  # the total's label, as published
    assert "Subtotaal Samen leren" in text
    assert "† 0" in text  # 2023: only markers, none counted, and the sum says so
    model = main_window.current_editor().model
    notes = [model.index(r, c).data(NOTE_ROLE) for r in range(model.rowCount())
             for c in range(model.columnCount())]
    assert "In 2020 en 2021 met jaarlijks met € 50.000 aangevuld vanuit Transformatiefonds" in notes


def test_budget_amounts_are_right_aligned(main_window):
    select_kind(main_window, "budget")
    model = main_window.current_editor().model
    alignment = model.index(1, model.columnCount() - 1).data(Qt.ItemDataRole.TextAlignmentRole)
    assert Qt.AlignmentFlag(alignment) & Qt.AlignmentFlag.AlignRight


def test_funding_page(main_window):
    select_kind(main_window, "funding")
    text = page_text(main_window)
    for expected in ("reguliere regiobegroting", "gemeenten", "1.037.500", "200.000", "anderen", "42.500",
                     "Totaal dekking", "1.280.000", "Saldo (dekking − begroting)", "2021 (vergelijking)"):
        assert expected in text, expected
    assert "-1.062.500" not in text  # no saldo for the comparison column


def test_key_page_shares_and_contributions(main_window):
    select_kind(main_window, "key")
    text = page_text(main_window)
    assert "Verdeelsleutel naar gemeentegrootte" in text
    assert "indicatieve voorbeeldcijfers" in text
    assert "46,16 %" in text  # Den Haag
    assert "100,00 %" in text
    assert "Bijdrage per gemeente (begroting)" in text
    assert "478.960" in text  # Den Haag 2022: its share of 1.037.500, from the contributions service
    assert "te verdelen over de gemeenten € 1.037.500" in text
    assert "GIZ licenties" in text
    assert "316.795" in text  # the fixed settlements of 2022


def test_staffing_page(main_window):
    select_kind(main_window, "staffing")
    text = page_text(main_window)
    assert "Formatie & dagdelen — Uitvoeringsplan 2022" in text
    assert "Programma- en projectmanagement" in text
    assert "22 van 22" in text
    assert "3.1.3 Intensiveren Beter Samenspel" in text


def test_progress_page(main_window):
    select_kind(main_window, "progress")
    text = page_text(main_window)
    assert "Voortgang — Uitvoeringsplan 2022" in text
    assert "18 projecten, 47 acties" in text


def test_project_page(main_window):
    main_window.tree.expandAll()
    select_label(main_window, "3.2.3 Samen leren")
    editor = main_window.current_editor()
    text = page_text(main_window)
    assert "Project 3.2.3 Samen leren" in text
    assert editor.edits["sponsor_admin"].text() == "Bestuurlijk Overleg Jeugd (BOJ)"
    assert editor.edits["contractor"].text() == "Programmabureau"
    assert (editor.edits["start_date"].text(), editor.edits["end_date"].text()) == ("01-01-2022", "31-12-2022")
    # One number for the dagdelen, from the staffing table; the chapter text's other number in red.
    assert editor.half_days.text() == ('3 per week (0,3 fte) in de formatie; '
                                       '<span style="color: #b00020;">de hoofdstuktekst noemt 2</span>')
    assert editor.chapter.currentText().strip() == "3.2 Lerend ontwikkelen"
    assert not editor.chapter.isEnabled()  # adopted: read-only
    served = [editor.ambitions.item(r).text() for r in range(editor.ambitions.count())
              if editor.ambitions.item(r).checkState() == Qt.CheckState.Checked]
    assert served == ["Versterken van het gewone opvoeden en opgroeien",
                      "Kinderen en jongeren krijgen tijdig de best passende hulp"]
    for expected in ("Te bereiken doelen", "Acties", "onderzoeksbudget"):
        assert expected in text, expected


def test_region_and_chapter_pages(main_window):
    select_kind(main_window, "region")
    text = page_text(main_window)
    assert "Den Haag" in text and "H10" in text and "H8" in text
    main_window.tree.expandAll()
    select_label(main_window, "3.1 Kinderen en gezinnen in de meest kwetsbare omstandigheden")
    assert "Intensiveren Beter Samenspel" in page_text(main_window)


# --- read-only ---------------------------------------------------------------------------


def test_read_only_open_shows_the_banner(open_window, demo_workspace):
    window = open_window(demo_workspace, read_only=True)
    assert window.read_only_banner.isVisible()
    assert window.read_only_banner.text().startswith("Alleen-lezen: ")
    assert "alleen-lezen geopend" in window.read_only_banner.text()


def test_writable_file_has_no_banner(main_window):
    assert not main_window.read_only_banner.isVisible()


def test_read_only_file_shows_the_banner(open_window, demo_workspace, monkeypatch):
    demo_workspace.chmod(0o444)
    if os.geteuid() == 0:  # root may write anyway; let the file-format check see what a user would
        from app.services import fileformat

        monkeypatch.setattr(fileformat, "file_writable", lambda _path: False)
    try:
        window = open_window(demo_workspace)
        assert window.context.read_only
        assert window.read_only_banner.isVisible()
        assert window.read_only_banner.text().startswith("Alleen-lezen: ")
        assert "schrijfrechten" in window.read_only_banner.text()
    finally:
        demo_workspace.chmod(0o644)


# --- opening files -----------------------------------------------------------------------


def test_non_planbord_file_at_start_shows_a_dutch_message(tmp_path):
    """Starting on a bad file says so in Dutch and goes on with the demo plan.

    Run in its own process: once an application's exec() has quit, Qt's nested event
    loops return at once, and every later pytest-qt wait in this process would stall.
    """
    bad = tmp_path / "boodschappen.planbord"
    bad.write_text("melk, brood, kaas\n", encoding="utf-8")
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from PySide6.QtWidgets import QMessageBox\n"
        "shown = []\n"
        "def capture(parent, title, text, *a, **k):\n"
        "    shown.append(text)\n"
        "    return QMessageBox.StandardButton.Ok\n"
        "QMessageBox.warning = QMessageBox.critical = capture\n"
        "from app.views.shell import application\n"
        f"code = application.run_gui(Path({str(bad)!r}))\n"
        "print(code, len(shown))\n"
        "print(shown[0] if shown else '')\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT,
                            env=_env(tmp_path, PLANBORD_EXIT_WHEN="ready"),
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr[-800:]
    first, _, text = result.stdout.partition("\n")
    assert first.split() == ["0", "1"]  # exit code 0: it went on with the demo plan
    assert "boodschappen.planbord" in text
    assert "geen Planbord-bestand" in text
    assert "Traceback" not in text + result.stderr


def test_opening_a_non_planbord_file_in_the_window_keeps_the_current_one(main_window, tmp_path,
                                                                         message_boxes):
    picture = tmp_path / "foto.planbord"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 200)
    assert main_window.open_path(picture) is False
    assert "geen Planbord-bestand" in message_boxes[0][2]
    assert main_window.windowTitle() == "Planbord — demo.planbord"
    assert main_window.status.budget_label.text() == "Begroting 2022: € 1.280.000"


def test_open_another_file_switches_and_remembers_it(main_window, tmp_path):
    from db.demo import build_demo

    other = tmp_path / "tweede.planbord"
    build_demo(other).close()
    old = main_window.context.workspace
    assert main_window.open_path(other)
    assert main_window.windowTitle() == "Planbord — tweede.planbord"
    assert main_window.context.workspace is not old
    assert old.closed
    settings = main_window.context.settings_store.load()
    assert settings.last_file == str(other)
    assert settings.recent_files[:2] == [str(other), str(main_window.context.settings.recent_files[1])]
    main_window._fill_recent_menu()
    assert [a.text() for a in main_window.recent_menu.actions()][0] == "&1  tweede.planbord"


def test_locked_file_offers_read_only(main_window, demo_workspace, monkeypatch):
    from app.views.shell import opening

    asked = []

    def choose(parent, error, offer_break):
        asked.append((error.message, offer_break))
        return opening.LockChoice.READ_ONLY

    monkeypatch.setattr(opening, "ask_lock_choice", choose)
    # The window holds the demo; a second open of the same file meets the lock.
    workspace = opening.open_interactively(None, demo_workspace)
    try:
        assert workspace is not None and workspace.read_only
        assert asked and asked[0][1] is False  # our own lock is not stale: no "opheffen"
    finally:
        workspace.close()


def test_stale_lock_can_be_lifted(demo_workspace, planbord_qapp, monkeypatch):
    from app.services.filelock import lock_path
    from app.views.shell import opening

    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    lock_path(demo_workspace).write_text(json.dumps({
        "host": socket.gethostname(), "user": "jan", "pid": dead.pid,
        "opened_at": "2021-11-11T14:03:00+01:00", "token": "abc"}), encoding="utf-8")
    asked = []

    def choose(parent, error, offer_break):
        asked.append(offer_break)
        return opening.LockChoice.BREAK_LOCK

    monkeypatch.setattr(opening, "ask_lock_choice", choose)
    workspace = opening.open_interactively(None, demo_workspace)
    try:
        assert asked == [True]
        assert workspace is not None and not workspace.read_only
    finally:
        workspace.close()


# --- settings and window state -----------------------------------------------------------


def test_window_state_is_restored_in_a_new_window(open_window, demo_workspace, settings_store):
    first = open_window(demo_workspace)
    # Within the offscreen screen (800 x 600): restoreGeometry keeps a window on its screen.
    first.resize(790, 560)
    first.splitter.setSizes([240, 545])
    first.close()
    first.context.close()

    second = open_window(demo_workspace, store=settings_store)
    assert (second.width(), second.height()) == (790, 560)
    assert second.splitter.sizes()[0] == first.splitter.sizes()[0] != 380


def test_settings_fall_back_to_defaults_on_bad_values(tmp_path):
    from app.views.settings import MAX_RECENT_FILES, Settings, SettingsStore

    ini = tmp_path / "bad.ini"
    ini.write_text("[General]\nversion=99\nlast_plan_year=abc\nwindow_geometry=hallo\n"
                   "recent_files=@Invalid()\nunknown_key=1\n", encoding="utf-8")
    settings = SettingsStore.at(ini).load()
    assert settings.last_plan_year is None
    assert settings.window_geometry == b""
    assert settings.recent_files == []
    assert settings.version == Settings().version

    for n in range(12):
        settings.remember_file(tmp_path / f"f{n}.planbord")
    assert len(settings.recent_files) == MAX_RECENT_FILES
    assert settings.recent_files[0] == str(tmp_path / "f11.planbord")
    store = SettingsStore.at(tmp_path / "good.ini")
    settings.window_state = b"\x00\x01\xff"
    settings.last_plan_year = 2022
    store.save(settings)
    again = SettingsStore.at(tmp_path / "good.ini").load()
    assert again == settings


def test_default_settings_live_in_the_data_folder(planbord_data_dir):
    from app.views.settings import SettingsStore

    store = SettingsStore()
    assert Path(store.qsettings.fileName()).parent == planbord_data_dir


# --- menus, undo, backups ----------------------------------------------------------------


def test_menus_and_shortcuts(main_window):
    menus = [a.text() for a in main_window.menuBar().actions()]
    assert menus == ["&Bestand", "Be&werken", "&Plan", "Pa&gina", "Beel&d", "&Help"]
    assert main_window.quit_action.shortcut().toString() == "Ctrl+Q"
    assert main_window.pdf_action.shortcut().toString() == "Ctrl+P"
    assert main_window.charts.toggle_action.shortcut().toString() == "Ctrl+G"
    assert main_window.undo_action.shortcut().toString() == "Ctrl+Z"
    assert "Ctrl+Y" in [s.toString() for s in main_window.redo_action.shortcuts()]
    assert not main_window.undo_action.isEnabled()  # nothing to undo yet
    assert main_window.undo_action.text().startswith("&Ongedaan maken")


def test_undo_stack_drives_the_edit_menu(main_window):
    from PySide6.QtGui import QUndoCommand

    class Note(QUndoCommand):
        def __init__(self):
            super().__init__("bedrag wijzigen")
            self.done = 0

        def redo(self):
            self.done += 1

        def undo(self):
            self.done -= 1

    command = Note()
    main_window.context.undo_stack.push(command)
    assert main_window.undo_action.isEnabled()
    assert main_window.undo_action.text() == "&Ongedaan maken bedrag wijzigen"
    main_window.undo_action.trigger()
    assert command.done == 0
    assert main_window.redo_action.isEnabled()


def test_backup_timer_calls_the_workspace(main_window, monkeypatch):
    assert main_window.backup_timer.isActive()
    assert main_window.backup_timer.interval() == 10 * 60 * 1000
    calls = []
    monkeypatch.setattr(main_window.context.workspace, "backup_if_changed", lambda: calls.append(1),
                        raising=False)
    main_window.backup_timer.timeout.emit()
    assert calls == [1]


@pytest.mark.parametrize("fails", [False, True])
def test_start_up_backs_the_file_up_once_the_first_page_is_painted(qtbot, planbord_qapp, settings_store,
                                                                   demo_workspace, tmp_path, monkeypatch,
                                                                   fails):
    from app.services import backups
    from app.services.workspace import list_backups
    from app.views.context import ApplicationContext
    from app.views.shell import application
    from app.views.shell.main_window import MainWindow

    if fails:
        blocker = tmp_path / "not-a-folder"
        blocker.write_text("")
        monkeypatch.setattr(backups, "backups_dir", lambda: blocker)
    workspace = application.open_first_workspace(demo_workspace, "", backup_later=True)
    assert workspace.backup_error is None
    if not fails:
        assert list_backups(demo_workspace) == []  # opening leaves it until the first page is painted
    context = ApplicationContext(None, settings_store)
    window = MainWindow(context)
    qtbot.addWidget(window)
    try:
        context.set_workspace(workspace)
        application.after_first_page(window, workspace)
        if fails:  # said quietly, as when it was made while opening
            assert "geen reservekopie" in window.statusBar().currentMessage()
        else:
            assert len(list_backups(demo_workspace)) == 1
    finally:
        context.close()


def test_restore_backup_lists_totals_and_restores_into_a_new_file(main_window, tmp_path):
    from app.views.shell.backups import RestoreBackupDialog
    from app.services.workspace import list_backups

    assert list_backups(main_window.context.workspace.path), "opening the demo makes a backup"
    dialog = RestoreBackupDialog(main_window.context.workspace.path, 2022, main_window)
    assert dialog.table.rowCount() >= 1
    assert dialog.table.item(0, 1).text() == "€ 1.280.000"
    assert dialog.table.horizontalHeaderItem(1).text() == "Begroting 2022"
    target = tmp_path / "teruggezet.planbord"
    restored = dialog.restore(dialog.selected(), target)
    assert restored == target and target.exists()
    assert main_window.open_path(restored)
    assert main_window.windowTitle() == "Planbord — teruggezet.planbord"


def test_empty_workspace_shows_an_empty_state(open_window, tmp_path):
    from app.services.workspace import create_workspace

    path = tmp_path / "leeg.planbord"
    create_workspace(path).close()
    window = open_window(path)
    assert window.current_node.kind == "empty"
    assert "Dit bestand bevat nog geen regio of plan" in page_text(window)
    assert window.status.budget_label.text() == ""


def test_excepthook_shows_a_dutch_dialog(planbord_qapp, message_boxes, monkeypatch):
    from app.views.shell import application

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    application.install_excepthook()
    try:
        raise ValueError("kapot")
    except ValueError:
        sys.excepthook(*sys.exc_info())
    kind, title, text = message_boxes[0]
    assert (kind, title) == ("critical", "Onverwachte fout")
    assert "onverwachte fout" in text and "Traceback" not in text


def test_in_a_measured_start_an_unexpected_error_ends_the_program_instead_of_a_dialog(
        planbord_qapp, message_boxes, monkeypatch, capsys):
    """PLANBORD_EXIT_WHEN (the start-up benchmarks, the bundle's smoke test): nobody is there to
    close a dialog, so the error ends the process with exit code 70 and a line on stderr."""
    from app.views.shell import application

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setenv("PLANBORD_EXIT_WHEN", "ready")
    exits = []

    def fake_exit(code):
        exits.append(code)
        raise SystemExit(code)

    monkeypatch.setattr(application.os, "_exit", fake_exit)
    application.install_excepthook()
    with pytest.raises(SystemExit):
        try:
            raise ValueError("kapot")
        except ValueError:
            sys.excepthook(*sys.exc_info())
    assert exits == [70] and message_boxes == []
    assert "planbord: onverwachte fout (ValueError)" in capsys.readouterr().err


# --- translations ------------------------------------------------------------------------


def _tool(name: str) -> Path:
    tool = Path(sys.executable).parent / name
    if not tool.exists():
        pytest.skip(f"{name} not installed")
    return tool


def test_translation_is_complete():
    tree = ET.parse(resources.translation_source("nl"))
    messages = list(tree.getroot().iter("message"))
    assert len(messages) > 100
    for message in messages:
        translation = message.find("translation")
        source = message.findtext("source")
        assert translation.get("type") not in ("unfinished", "vanished", "obsolete"), source
        assert (translation.text or "").strip(), source


def test_translation_covers_every_source_string(tmp_path):
    """lupdate over app/views finds no string the committed .ts lacks."""
    copy = tmp_path / "planbord_nl.ts"
    copy.write_bytes(resources.translation_source("nl").read_bytes())
    sources = sorted(str(p) for p in (ROOT / "app" / "views").glob("*.py"))
    subprocess.run([str(_tool("pyside6-lupdate")), "-no-obsolete", "-locations", "none", *sources,
                    "-ts", str(copy)], check=True, capture_output=True, cwd=ROOT)
    unfinished = [m.findtext("source") for m in ET.parse(copy).getroot().iter("message")
                  if m.find("translation").get("type") == "unfinished"]
    assert unfinished == []


def test_compiled_translation_matches_the_source(tmp_path):
    fresh = tmp_path / "planbord_nl.qm"
    subprocess.run([str(_tool("pyside6-lrelease")), str(resources.translation_source("nl")),
                    "-qm", str(fresh)], check=True, capture_output=True)
    assert resources.translation_file("nl").read_bytes() == fresh.read_bytes()


# --- start-up as a process ---------------------------------------------------------------


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PLANBORD_DATA_DIR=str(tmp_path / "data"))
    env.update(extra)
    return env


@pytest.mark.parametrize("moment", ["shown", "ready", "live"])
def test_exit_when_shown_or_ready_returns_quickly(demo_workspace, tmp_path, moment):
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "app", str(demo_workspace)], cwd=ROOT,
                            env=_env(tmp_path, PLANBORD_EXIT_WHEN=moment),
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert time.monotonic() - started < 30
    assert "Traceback" not in result.stderr


def test_window_is_shown_before_the_data_layer_loads(tmp_path):
    """Start-up shows the window first; SQLAlchemy and the domain load with the file."""
    script = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from app.views.context import ApplicationContext\n"
        "from app.views.shell.main_window import MainWindow\n"
        "from app.views.settings import SettingsStore\n"
        "w = MainWindow(ApplicationContext(None, SettingsStore())); w.show(); app.processEvents()\n"
        "print(','.join(sorted(m for m in ('sqlalchemy', 'app.models', 'app.services.budget')\n"
        "                      if m in sys.modules)))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=_env(tmp_path),
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


def test_shell_does_not_import_heavy_libraries(demo_workspace, tmp_path):
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from app.services.workspace import open_workspace\n"
        "from app.views.context import ApplicationContext\n"
        "from app.views.shell.main_window import MainWindow\n"
        "from app.views.settings import SettingsStore\n"
        f"ctx = ApplicationContext(open_workspace({str(demo_workspace)!r}), SettingsStore())\n"
        "w = MainWindow(ctx); w.show(); app.processEvents()\n"
        "for n in w.navigation_model.walk(): w.tree.setCurrentIndex(n)\n"
        "heavy = sorted(m for m in ('pandas', 'reportlab', 'pyqtgraph', 'openpyxl') if m in sys.modules)\n"
        "ctx.close()\n"
        "print(','.join(heavy))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=_env(tmp_path),
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


def test_many_qt_calls_do_not_abort_the_interpreter(tmp_path):
    """PySide6-Essentials 6.12.0 on Python 3.11 drops a reference to None on every void call,
    and a large plan's navigation tree then ends in 'none_dealloc'; pyproject.toml keeps that
    release out. This fails if a release with the bug is installed again."""
    script = (
        "from PySide6.QtWidgets import QApplication, QLabel\n"
        "app = QApplication([])\n"
        "label = QLabel()\n"
        "for i in range(100_000):\n"
        "    label.setText(str(i))\n"
        "print('ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=_env(tmp_path),
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr[-500:]
    assert result.stdout.strip() == "ok"


SIX_TOWNS = "Aadorp\nBeekdorp\nCedorp\nDijkstad\nEemveen\nFortmond"


def through_the_wizard(qtbot, region="Regio Proefland", towns=SIX_TOWNS, key=("Meicirculaire 2027",
                       "30\n20\n15\n15\n10\n10"), year=2027):
    """What a user does in the wizard, page by page; returns a run_wizard stand-in."""
    from PySide6.QtWidgets import QDialog, QWizard

    def run(wizard) -> bool:
        qtbot.addWidget(wizard)
        wizard.show()
        qtbot.keyClicks(wizard.region_page.name, region)
        wizard.next()
        wizard.municipalities_page.text.setPlainText(towns)  # as pasted from Excel
        wizard.next()
        if key is None:
            wizard.key_page.later.setChecked(True)
        else:
            qtbot.keyClicks(wizard.key_page.name, key[0])
            wizard.key_page.values.setPlainText(key[1])
        wizard.next()
        wizard.plan_page.year.setValue(year)
        wizard.button(QWizard.WizardButton.FinishButton).click()
        return wizard.result() == QDialog.DialogCode.Accepted

    return run


def test_new_workspace_from_the_menu_goes_through_the_wizard(main_window, tmp_path, monkeypatch, qtbot):
    """File > New workspace: the wizard's region, six municipalities, a percentage key and a plan
    for 2027; the new file opens with the region and its plan in the tree."""
    from PySide6.QtWidgets import QFileDialog

    from app.services.read_models import load_navigation
    from app.services.region_admin import load_region_admin

    target = tmp_path / "nieuw"  # the extension is added
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(main_window, "run_wizard", through_the_wizard(qtbot))
    main_window.new_action.trigger()
    assert main_window.windowTitle() == "Planbord — nieuw.planbord"
    workspace = main_window.context.workspace
    (region,) = load_navigation(workspace)
    assert region.name == "Regio Proefland"
    assert [(p.year, p.title) for p in region.plans] == [(2027, "Uitvoeringsplan 2027")]
    info = load_region_admin(workspace, region.id)
    assert [m.name for m in info.municipalities] == SIX_TOWNS.split("\n")
    assert [k.name for k in info.keys] == ["Meicirculaire 2027"]
    labels = [main_window.navigation_model.data(i) for i in main_window.navigation_model.walk()]
    assert labels[:2] == ["Regio Proefland", "2027 · concept"]


@pytest.mark.parametrize("page, fill, message", [
    ("region_page", lambda w: None, "Geef de regio een naam."),
    ("municipalities_page", lambda w: w.municipalities_page.text.setPlainText("Aadorp\naadorp"),
     "“aadorp” staat twee keer in de lijst van gemeenten; elke gemeente komt één keer voor."),
    ("key_page", lambda w: (w.key_page.name.setText("K"), w.key_page.values.setPlainText("100")),
     "De verdeelsleutel heeft 1 waarden voor 2 gemeenten; geef er één per gemeente, in dezelfde volgorde."),
])
def test_the_wizard_shows_the_refusal_and_stays_on_the_page(tmp_path, qtbot, planbord_qapp, page, fill, message):
    from app.views.shell.new_workspace_wizard import NewWorkspaceWizard

    wizard = NewWorkspaceWizard(tmp_path / "w.planbord", 2027)
    qtbot.addWidget(wizard)
    wizard.show()
    if page != "region_page":
        wizard.region_page.name.setText("Regio")
        wizard.next()
    if page == "key_page":
        wizard.municipalities_page.text.setPlainText("Aadorp\nBeekdorp")
        wizard.next()
    fill(wizard)
    current = wizard.currentPage()
    wizard.next()
    assert wizard.currentPage() is current is getattr(wizard, page)
    assert current.problem.text() == message
    assert not (tmp_path / "w.planbord").exists()


def test_a_wizard_left_with_cancel_writes_nothing(main_window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "niet"), ""))
    monkeypatch.setattr(main_window, "run_wizard", lambda wizard: False)
    title = main_window.windowTitle()
    main_window.new_action.trigger()
    assert main_window.windowTitle() == title and not (tmp_path / "niet.planbord").exists()


def test_open_from_the_menu(main_window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from db.demo import build_demo

    other = tmp_path / "ander.planbord"
    build_demo(other).close()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(other), ""))
    main_window.open_action.trigger()
    assert main_window.windowTitle() == "Planbord — ander.planbord"


def test_save_a_copy(main_window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    target = tmp_path / "kopie.planbord"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    main_window.save_copy_action.trigger()
    assert target.exists()
    assert main_window.windowTitle() == "Planbord — demo.planbord"  # the copy is not opened


def tab_to_next_and_press(qtbot, wizard) -> None:
    """Tab along the page to the Next button and press Space, as a keyboard user does."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QWizard

    button = wizard.button(QWizard.WizardButton.NextButton)
    for _ in range(12):
        if QApplication.focusWidget() is button:
            break
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is button
    qtbot.keyClick(button, Qt.Key.Key_Space)


def test_the_wizard_by_keyboard_only(tmp_path, qtbot, planbord_qapp):
    """Typing and Enter/Tab only: a region, three municipalities, a key left for later, a plan."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from app.services.workspace import open_workspace
    from app.views.shell.new_workspace_wizard import NewWorkspaceWizard

    path = tmp_path / "toetsen.planbord"
    wizard = NewWorkspaceWizard(path, 2027)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    wizard.activateWindow()  # keys (and Alt+ shortcuts) go to the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard)
    wizard.region_page.name.setFocus()
    qtbot.keyClicks(wizard.region_page.name, "Regio Toetsenbord")
    qtbot.keyClick(wizard.region_page.name, Qt.Key.Key_Return)  # Enter: the default button, Next
    assert wizard.currentPage() is wizard.municipalities_page
    text = wizard.municipalities_page.text
    text.setFocus()
    for town in ("Aadorp", "Beekdorp", "Cedorp"):
        qtbot.keyClicks(text, town)
        qtbot.keyClick(text, Qt.Key.Key_Return)  # a new line in the list
    qtbot.keyClick(text, Qt.Key.Key_Tab)  # Tab leaves the list (it does not type a tab)
    assert "\t" not in text.toPlainText()
    tab_to_next_and_press(qtbot, wizard)
    assert wizard.currentPage() is wizard.key_page
    wizard.key_page.later.setFocus()
    qtbot.keyClick(wizard.key_page.later, Qt.Key.Key_Space)  # tick "later"
    assert wizard.key_page.later.isChecked() and not wizard.key_page.values.isEnabled()
    tab_to_next_and_press(qtbot, wizard)
    assert wizard.currentPage() is wizard.plan_page
    wizard.plan_page.year.setFocus()
    qtbot.keyClick(wizard.plan_page.year, Qt.Key.Key_Up)  # 2028
    qtbot.keyClick(wizard.plan_page.year, Qt.Key.Key_Return)  # Enter: Finish
    assert wizard.made is not None and path.exists()
    with open_workspace(path) as ws, ws.session() as s:
        from app.services.plans import find_plan

        plan = find_plan(s)
        assert (plan.year, plan.title, plan.years, plan.allocation_key) == (2028, "Uitvoeringsplan 2028", [2028], None)
        assert [m.name for m in plan.region.municipalities] == ["Aadorp", "Beekdorp", "Cedorp"]


def test_quitting_after_a_copy_does_not_crash(tmp_path):
    """Ctrl+C puts text and HTML on the clipboard; Qt's offscreen platform freed that data twice
    when the application went, a segmentation fault on quit. The application clears it first."""
    script = (
        "from PySide6.QtCore import QMimeData, QTimer\n"
        "from app.views.shell.application import create_application\n"
        "app = create_application()\n"
        "def copy():\n"
        "    data = QMimeData()\n"
        "    data.setText('127.500')\n"
        "    data.setHtml('<table><tr><td x:num=\"127500\">127.500</td></tr></table>')\n"
        "    app.clipboard().setMimeData(data)\n"
        "copy()\n"
        "QTimer.singleShot(0, app.quit)\n"
        "app.exec()\n"
        "print('ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=_env(tmp_path),
                            capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stdout.strip()) == (0, "ok"), result.stderr[-500:]
