"""Help > Over Planbord and Help > Logboek openen (issue 19, point 4): what support asks first, in
one dialog and on the clipboard; the log's folder in the file manager."""
from __future__ import annotations

import platform
import sys

import pytest
from PySide6.QtCore import QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox

from app import logs
from app.views.shell.about_dialog import AboutDialog


@pytest.fixture
def log_configured(planbord_data_dir):
    path = logs.configure(crash_trace=False)
    yield path
    logs.reset()


def test_about_shows_version_file_folders_and_versions(planbord_qapp, qtbot, demo_workspace, log_configured,
                                                      planbord_data_dir):
    dialog = AboutDialog(demo_workspace)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Over Planbord"
    shown = {label: value.text().replace("\u200b", "") for label, value in dialog.values.items()}
    assert shown["Versie"] == "0.1.0"
    assert shown["Bestand"] == str(demo_workspace)
    assert shown["Gegevensmap"] == str(planbord_data_dir)
    assert shown["Logboek"] == str(log_configured)
    assert shown["Python"] == sys.version.split()[0]
    assert shown["Systeem"] == platform.platform()
    assert shown["Qt"].startswith("6.") and shown["PySide"].startswith("6.")


def test_copy_puts_it_all_on_the_clipboard_as_plain_text(planbord_qapp, qtbot, demo_workspace, log_configured):
    dialog = AboutDialog(demo_workspace)
    qtbot.addWidget(dialog)
    dialog.copy_button.click()
    text = QApplication.clipboard().text()
    assert text.startswith("Planbord 0.1.0\n")
    assert f"\nBestand: {demo_workspace}\n" in text
    assert f"\nLogboek: {log_configured}\n" in text
    assert "\nPython: 3." in text and "\u200b" not in text
    assert dialog.copied.text().startswith("Gekopieerd")
    assert dialog.copy_button.text() == "&Kopiëren"


def test_without_a_file_it_says_so(planbord_qapp, qtbot):
    dialog = AboutDialog(None)
    qtbot.addWidget(dialog)
    assert dialog.values["Bestand"].text() == "(geen bestand open)"
    assert dialog.values["Logboek"].text() == "(niet geschreven)"  # logging not configured


def test_help_menu_opens_the_about_dialog_on_the_open_file(main_window, demo_workspace, qtbot):
    seen = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        seen.append(dialog.values["Bestand"].text().replace("\u200b", ""))
        dialog.reject()

    QTimer.singleShot(0, answer)
    main_window.about_action.trigger()
    assert seen == [str(demo_workspace)]
    help_menu = main_window.menuBar().actions()[-1].menu()
    assert [a.text() for a in help_menu.actions() if not a.isSeparator()] == ["&Logboek openen",
                                                                              "&Over Planbord"]


def test_open_log_opens_the_log_folder(main_window, monkeypatch, log_configured):
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    main_window.open_log_action.trigger()
    assert opened == [QUrl.fromLocalFile(str(log_configured.parent))]


def test_open_log_that_cannot_says_where_the_log_is(main_window, monkeypatch, log_configured):
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: False)
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: shown.append(text))
    main_window.open_log_action.trigger()
    assert shown == [f"De map van het logboek kon niet worden geopend. Het logboek is {log_configured}."]
