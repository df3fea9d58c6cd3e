"""Shared test set-up: no screen, no user folders, no user settings.

- Qt runs on the offscreen platform (set before anything imports Qt).
- Every test gets its own PLANBORD_DATA_DIR under tmp_path, so the demo
  workspace, backups, logs and settings never touch the user's real folders.
- GUI fixtures (``settings_store``, ``main_window``) import Qt only when used,
  so the non-GUI tests do not pay for it.
"""
from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def planbord_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh data folder per test (app.services.paths.data_dir() honours it)."""
    folder = tmp_path / "planbord-data"
    monkeypatch.setenv("PLANBORD_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def demo_workspace(tmp_path: Path) -> Path:
    """The demo workspace (Uitvoeringsplan 2022 Haaglanden) as a closed file."""
    from db.demo import build_demo

    path = tmp_path / "demo.planbord"
    build_demo(path).close()
    return path


@pytest.fixture(scope="session")
def planbord_qapp(qapp):
    """The test QApplication set up like the real one: names, style sheet, Dutch translation."""
    from app import resources
    from app.views.application import create_application

    app = create_application()
    translators = resources.install_translations(app, "nl")
    yield app
    for translator in translators:
        app.removeTranslator(translator)


@pytest.fixture
def settings_store(tmp_path: Path):
    """Settings in an INI file of this test only."""
    from app.views.settings import SettingsStore

    return SettingsStore.at(tmp_path / "settings" / "planbord.ini")


@pytest.fixture
def open_window(qtbot, planbord_qapp, settings_store):
    """A factory: the real main window over the workspace at ``path``, closed after the test."""
    from app.services.workspace import open_workspace
    from app.views.context import ApplicationContext
    from app.views.main_window import MainWindow

    contexts = []

    def make(path: Path, *, read_only: bool = False, store=None):
        workspace = open_workspace(path, read_only=read_only)
        context = ApplicationContext(workspace, store or settings_store)
        contexts.append(context)
        window = MainWindow(context)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def main_window(open_window, demo_workspace):
    """The main window on the demo workspace, with isolated settings."""
    return open_window(demo_workspace)
