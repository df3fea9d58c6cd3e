"""Start-up of the desktop program: ``run_gui(path)``, called by ``python -m app [FILE]``.

Which file opens: the one given; else the last one used, if it still exists;
else the demo workspace (the real Uitvoeringsplan 2022 Haaglanden), made on
first run in the user's data folder. A file that cannot be opened is reported
in a Dutch dialog and the next candidate is tried, so a bad file never keeps
the program from starting.

Start-up speed matters (the program is opened during meetings): only Qt,
SQLAlchemy and the services the first page needs are imported here; no
ReportLab or pyqtgraph; the window is shown before the data layer
loads. ``PLANBORD_EXIT_WHEN=shown`` or ``=ready`` quits right after the window
is first painted, or after the file is open (the start-up benchmarks).
"""
from __future__ import annotations

import logging
import os
import sys
import traceback
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from app import resources
from app.errors import UserError
from app.views.settings import APPLICATION, ORGANIZATION, SettingsStore

translate = QCoreApplication.translate
log = logging.getLogger(__name__)

# Start-up benchmark: quit right after the window is first painted ("shown") or
# after the file is open and its plan drawn ("ready").
EXIT_WHEN = "PLANBORD_EXIT_WHEN"
_translators: list = []  # installed QTranslators, kept alive (Qt does not own them)


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication (the existing one in tests), named, styled and without translators."""
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(APPLICATION)
    app.setWindowIcon(resources.icon("planbord"))
    from app.views import theme

    theme.install(app)  # the style sheet in the palette's colours, following it from now on
    if app.platformName() == "offscreen":
        # Qt's offscreen clipboard frees copied mime data (text and HTML) a second time when the
        # application goes: clear it first, so a quit after Ctrl+C does not crash.
        app.aboutToQuit.connect(lambda: QApplication.clipboard().clear())
    return app


def candidate_paths(given: Path | None, last_file: str) -> list[Path | None]:
    """The files to try in order; None stands for the demo workspace."""
    candidates: list[Path | None] = []
    if given is not None:
        candidates.append(given)
    if last_file and Path(last_file).exists() and (given is None or Path(last_file) != given):
        candidates.append(Path(last_file))
    candidates.append(None)
    return candidates


def open_first_workspace(given: Path | None, last_file: str):
    """Open the first candidate that works (messages for the others); None if none does."""
    from app.views.shell.opening import open_interactively, show_error

    for candidate in candidate_paths(given, last_file):
        if candidate is None:
            try:
                candidate = ensure_demo()
            except Exception as exc:  # noqa: BLE001 - reported, then there is nothing left to try
                log.exception("demo workspace could not be made")
                show_error(None, translate("Application", "The demo plan cannot be created in {folder} "
                                                          "({error}).").format(
                    folder=_data_dir_text(), error=exc))
                return None
        workspace = open_interactively(None, candidate)
        if workspace is not None:
            return workspace
    return None


def ensure_demo() -> Path:
    """The demo workspace in the data folder; built from the seed when it is not there yet."""
    from app.services.paths import default_demo_path

    path = default_demo_path()
    if not path.exists():
        from db.demo import build_demo

        build_demo(path).close()
    return path


def _data_dir_text() -> str:
    from app.services.paths import data_dir

    try:
        return str(data_dir())
    except OSError:
        return "?"


def install_excepthook() -> None:
    """An unexpected error shows a Dutch dialog (details in the log file) instead of a crash."""
    showing = False

    def hook(exc_type, exc, tb) -> None:
        nonlocal showing
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        text = "".join(traceback.format_exception(exc_type, exc, tb))
        log.error("unexpected error\n%s", text)
        log_file = _write_error_log(text)
        sys.stderr.write(text)
        if showing or QApplication.instance() is None:
            return
        showing = True
        try:
            message = exc.message if isinstance(exc, UserError) else translate(
                "Application", "Planbord ran into an unexpected error and has stopped what it was doing. "
                               "Everything that was saved before stays saved.")
            if log_file is not None:
                message += "\n\n" + translate("Application", "Technical details: {file}").format(file=log_file)
            QMessageBox.critical(None, translate("Application", "Unexpected error"), message)
        finally:
            showing = False

    sys.excepthook = hook


def _write_error_log(text: str) -> Path | None:
    from datetime import datetime

    from app.services.paths import data_dir

    try:
        path = data_dir() / "planbord-fouten.log"
        with open(path, "a", encoding="utf-8") as f:
            f.write(f"--- {datetime.now().isoformat(timespec='seconds')}\n{text}\n")
        return path
    except OSError:
        return None


def run_gui(path: Path | None) -> int:
    """Start the desktop program on ``path`` (or the last file, or the demo). Returns the exit code.

    The window is shown first and the file opened right after, from the event
    loop: importing the data layer (SQLAlchemy) takes longer than drawing the
    window, and a user should see the program respond at once.
    """
    app = create_application()
    store = SettingsStore()
    settings = store.load()
    # Kept alive for the program's lifetime: Qt does not own installed translators.
    _translators[:] = resources.install_translations(app, settings.language)
    install_excepthook()

    from app.views.context import ApplicationContext
    from app.views.shell.main_window import MainWindow

    context = ApplicationContext(None, store, settings)
    window = MainWindow(context)
    window.statusBar().showMessage(translate("Application", "Opening…"))
    window.show()
    exit_when = os.environ.get(EXIT_WHEN)
    if exit_when == "shown":
        app.processEvents()  # the first paint
        QTimer.singleShot(0, app.quit)
    else:
        def open_file() -> None:
            workspace = open_first_workspace(path, settings.last_file)
            window.statusBar().clearMessage()
            if workspace is not None:
                context.set_workspace(workspace)
            if exit_when == "ready":
                if window.charts.isVisible():  # restored open: ready means drawn too
                    window.charts.ensure_panel()
                app.processEvents()  # the plan drawn
                QTimer.singleShot(0, app.quit)

        QTimer.singleShot(0, open_file)
    try:
        return app.exec()
    finally:
        window.save_window_state()
        window.close()
        context.close()
        # Destroy the window (and the charts' pyqtgraph items in it) while the application
        # still exists, not in whatever order the interpreter's exit would choose.
        window.deleteLater()
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
