"""Start-up of the desktop program: ``run_gui(path)``, called by ``python -m app [FILE]``.

Which file opens: the one given; else the last one used, if it still exists;
else the demo workspace (the real Uitvoeringsplan 2022 Haaglanden), made on
first run in the user's data folder. A file that cannot be opened is reported
in a Dutch dialog and the next candidate is tried, so a bad file never keeps
the program from starting.

Start-up speed matters (the program is opened during meetings): only Qt,
SQLAlchemy and the services the first page needs are imported here; no
ReportLab or pyqtgraph; the window is shown before the data layer
loads, and what can wait (the backup of the file as it was opened, the garbage
collector) waits until the first page is painted (after_first_page).
``PLANBORD_EXIT_WHEN=shown``, ``=ready`` or ``=live`` quits right after the window is
first painted, after its first page is painted and takes keys (a kept page, or the
file open and its page drawn), or after the file is open and its page drawn (the
start-up benchmarks; benchmarks/startup_breakdown.py shows where the time goes).

The application object also owns the clean-up at exit (tear_down): windows and
their charts are destroyed in order before the interpreter finalises, whoever
made them.
"""
from __future__ import annotations

import atexit
import gc
import linecache
import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QMessageBox

from app import resources
from app.errors import UserError
from app.views.settings import APPLICATION, ORGANIZATION, SettingsStore


def _skip_pyside_source_scan() -> None:
    """PySide reads the whole source of every module imported after it (``inspect.getsource``,
    in PySide6.support.feature._mod_uses_pyside) to find out whether the module uses PySide,
    which decides whether PySide's ``__feature__`` switches (snake_case, true_property) apply
    to its calls: about 0.1 s of start-up for SQLAlchemy and our own modules. The answer
    "uses PySide" means "no feature switched on for its calls", which is what Planbord wants
    for every module (it switches none on): so that answer is given without the reading.
    A module that does switch a feature on still does so with its own ``from __feature__``."""
    feature = sys.modules.get("PySide6.support.feature")
    if callable(getattr(feature, "_mod_uses_pyside", None)):  # another PySide: left as it is
        feature._mod_uses_pyside = lambda _module: True


_skip_pyside_source_scan()  # before the window's modules and the data layer are imported

translate = QCoreApplication.translate
log = logging.getLogger(__name__)

# Start-up benchmark: quit right after the window is first painted ("shown"), after its first
# page is painted and takes keys ("ready"), or after the file is open and its plan drawn ("live").
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
        app.aboutToQuit.connect(_clear_offscreen_clipboard)
    _tear_down_at_exit()
    # PySide6 reads some of its own source at import (inspect.getsource) and the line cache would
    # keep it for the whole session (1.4 MB); a traceback reads what it needs again.
    linecache.clearcache()
    return app


def _clear_offscreen_clipboard() -> None:
    # Qt's offscreen clipboard frees copied mime data (text and HTML) a second time when the
    # application goes: clear it first, so a quit after Ctrl+C does not crash.
    app = QApplication.instance()
    if app is not None and app.platformName() == "offscreen":
        QApplication.clipboard().clear()


_tear_down_registered = False


def _tear_down_at_exit() -> None:
    """Have tear_down() run when the interpreter exits, before PySide's own clean-up.

    atexit runs its functions last registered, first run: PySide registered its clean-up when
    QtCore was imported, before any application existed, so this one runs first, while every
    module is still whole."""
    global _tear_down_registered
    if not _tear_down_registered:
        atexit.register(tear_down)
        _tear_down_registered = True


def tear_down() -> None:
    """Close and destroy every window, in order, while the application and Python are whole.

    Left to the interpreter's exit, PySide deletes whatever Qt objects Python still holds in no
    particular order: a chart's graphics items after their scene or view, calling back into
    Python objects half gone (a segmentation fault, exit code 139). So whoever made a window
    and left it, it goes here: the visible ones closed (their closeEvent saves the window state,
    as at any quit), every window deleted with its children, the deletions done now, and with
    charts, pyqtgraph told its views are gone and what Python still held of them collected.
    Safe to call twice.
    """
    app = QApplication.instance()
    if app is None:
        return
    for widget in _windows():
        if widget.isVisible():
            _quietly(widget.close)
    windows = _windows()
    for widget in windows:
        _quietly(widget.deleteLater)
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    charts = sys.modules.get("pyqtgraph")
    if charts is not None:
        _quietly(charts.cleanup)  # its views are gone: no more callbacks into them at exit
        if windows:  # the charts' Python objects the windows held go now, not at random at exit
            gc.collect()
            app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    _clear_offscreen_clipboard()


def _windows() -> list:
    """The windows that belong to no other widget (a dialog with a parent goes with it): main
    windows, dialogs and whatever is on screen. Not the hidden helpers others own and delete
    (a chart's own menu and controls: deleted under pyqtgraph's plot, it crashes at exit)."""
    return [w for w in QApplication.topLevelWidgets()
            if w.parentWidget() is None and (w.isVisible() or isinstance(w, (QMainWindow, QDialog)))]


def _quietly(call) -> None:
    """One step of the tear-down; one that fails (a window already gone) does not stop the rest."""
    try:
        call()
    except Exception:  # noqa: BLE001 - at exit, logged; the other windows still go
        log.exception("tear-down step failed")


def candidate_paths(given: Path | None, last_file: str) -> list[Path | None]:
    """The files to try in order; None stands for the demo workspace."""
    candidates: list[Path | None] = []
    if given is not None:
        candidates.append(given)
    if last_file and Path(last_file).exists() and (given is None or Path(last_file) != given):
        candidates.append(Path(last_file))
    candidates.append(None)
    return candidates


def open_at_start(window, given: Path | None, last_file: str):
    """What the program opens when it starts, in ``window``: ``given``; else the shared database
    used last (its password from the keyring, else the server dialog asks, filled in); else the
    last file, else the demo. The workspace opened, or None."""
    from app.services.addresses import is_server_url

    if given is None and is_server_url(last_file):
        if window.open_server(last_file) and window.context.workspace is not None:
            return window.context.workspace
        log.info("the last server was not opened at start; the last file or the demo instead")
    workspace = open_first_workspace(given, last_file, backup_later=True)
    if workspace is not None:
        window.context.set_workspace(workspace)
    return workspace


def open_first_workspace(given: Path | None, last_file: str, *, backup_later: bool = False):
    """Open the first candidate that works (messages for the others); None if none does.

    ``backup_later``: the backup of the file as it was opened is left to the caller
    (``Workspace.backup_on_open``), so that it does not hold up the first page."""
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
        workspace = open_interactively(None, candidate, backup_later=backup_later)
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
        # To the log (app.logs: the rotating file, and stderr when there is one).
        log.error("unexpected error", exc_info=(exc_type, exc, tb))
        from app.logs import log_file

        log_path = log_file()
        if showing or QApplication.instance() is None:
            return
        if os.environ.get(EXIT_WHEN):
            # A measured or smoke-tested start (no one to close a dialog): the error ends it, non-zero.
            sys.stderr.write(f"planbord: onverwachte fout ({exc_type.__name__}); zie {log_path}\n")
            os._exit(70)
        showing = True
        try:
            message = exc.message if isinstance(exc, UserError) else translate(
                "Application", "Planbord ran into an unexpected error and has stopped what it was doing. "
                               "Everything that was saved before stays saved.")
            if log_path is not None:
                message += "\n\n" + translate("Application", "Technical details: {file}").format(file=log_path)
            QMessageBox.critical(None, translate("Application", "Unexpected error"), message)
        finally:
            showing = False

    sys.excepthook = hook


def run_gui(path: Path | None) -> int:
    """Start the desktop program on ``path`` (or the last file, or the demo). Returns the exit code.

    The window is shown first and the file opened right after, from the event
    loop: importing the data layer (SQLAlchemy) takes longer than drawing the
    window, and a user should see the program respond at once. When the file is
    exactly as it was last closed, the window shows the first page kept at that
    close at once, and the data layer loads on a thread behind it (the tree can
    be walked meanwhile); the live page then takes its place. What can wait for
    the first page to be painted does (after_first_page).
    """
    # Start-up makes some 100,000 objects that live as long as the program: no collection
    # walks them while they are made (a tenth of start-up); after_first_page turns it back on.
    gc.disable()
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
    kept = _kept_first_page(path, settings)
    preview = kept is not None and window.charts.isHidden() and window.show_kept_page(kept)
    if preview:
        log.info("first page drawn as kept at the last close; the file opens behind it")
    window.show()
    exit_when = os.environ.get(EXIT_WHEN)
    loader = None
    if exit_when == "shown" or (exit_when == "ready" and preview):
        app.processEvents()  # the first paint (with a kept page: the page, taking keys)
        QTimer.singleShot(0, app.quit)
    else:
        def open_file() -> None:
            try:
                workspace = open_at_start(window, path, settings.last_file)
                window.statusBar().clearMessage()
                if workspace is None and window.kept_page is not None:
                    window.reload()  # no file after all: the kept page goes
            except BaseException:
                _collector_on()  # start-up is over, however it ended
                raise
            if exit_when in ("ready", "live"):
                if window.charts.isVisible():  # restored open: ready means drawn too
                    window.charts.ensure_panel()
                app.processEvents()  # the plan drawn
                QTimer.singleShot(0, app.quit)  # what comes after ready is not start-up
                return
            # A zero timer fires once the events waiting now, the first page's paint among
            # them, are handled.
            QTimer.singleShot(0, lambda: after_first_page(window, workspace))

        if preview:
            from app.views.shell.background_load import DataLayerLoader

            loader = DataLayerLoader(app)
            loader.loaded.connect(open_file)
            loader.start()
        else:
            QTimer.singleShot(0, open_file)
    try:
        return app.exec()
    finally:
        if loader is not None:
            loader.join()  # no import left running while the interpreter finalises
        # The window closed (its state saved, its first page captured) and destroyed before the
        # file it shows is closed.
        tear_down()
        workspace = context.workspace
        opened = workspace.path if workspace is not None and not workspace.on_server else None
        context.close()
        # A start closed before its file opened keeps what was kept; a server database (several
        # people change it) never has a page kept.
        if opened is not None:
            _keep_first_page(opened, settings, context.first_page)
        # Nothing left that needs collecting: the interpreter's exit need not walk every object
        # of the session (its final collections took a fifth of a second).
        gc.freeze()


def _first_page_key(path: Path, settings):
    from datetime import date

    from app import __version__
    from app.services import first_page_cache

    return first_page_cache.identity(path, language=settings.language, today=date.today(),
                                     version=__version__)


def _first_page_file() -> Path:
    from app.services.first_page_cache import CACHE_NAME
    from app.services.paths import data_dir

    return data_dir() / CACHE_NAME


def _kept_first_page(given: Path | None, settings) -> dict | None:
    """The page kept at the last close, if the file this start opens first is still exactly the
    file it was kept for (the demo when no file is given or was used last)."""
    from app.services import first_page_cache
    from app.services.paths import default_demo_path

    try:
        first = candidate_paths(given, settings.last_file)[0] or default_demo_path()
        return first_page_cache.load(_first_page_file(), _first_page_key(first, settings))
    except OSError:  # no data folder: an ordinary start
        return None


def _keep_first_page(path: Path, settings, page: dict | None) -> None:
    """Keep ``page`` for the file as it is now, closed; without a page, forget what was kept."""
    from app.services import first_page_cache

    try:
        first_page_cache.save(_first_page_file(), _first_page_key(path, settings), page)
    except OSError:
        log.warning("no data folder for the kept first page", exc_info=True)


def after_first_page(window, workspace) -> None:
    """What start-up leaves until the first page is painted, one step per turn of the event
    loop so that keys typed meanwhile are handled in between.

    First the backup of the file as it was opened (snapshot and integrity check). It runs on
    this thread, between two events, so it can never run during a write: every write is a
    user action handled on this thread too, and the workspace makes the backup before its
    first write anyway (Workspace.transaction). A backup that fails is said on the status bar,
    as it was when it was made while opening. Then the garbage collector: what start-up left
    is collected once, what lives on is frozen (later collections skip it), and it is on again.
    """
    if workspace is not None and not workspace.closed:
        workspace.backup_on_open()
        error = workspace.backup_error
        if error is not None and window.context.workspace is workspace:
            window.statusBar().showMessage(error.message, 30000)
    QTimer.singleShot(0, _collector_on)


def _collector_on() -> None:
    if not gc.isenabled():
        gc.collect()
        gc.freeze()
        gc.enable()
