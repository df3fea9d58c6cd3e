"""Shared test set-up: no screen, no user folders, no user settings.

- Qt runs on the offscreen platform (set before anything imports Qt).
- Every test gets its own PLANBORD_DATA_DIR under tmp_path, so the demo
  workspace, backups, logs and settings never touch the user's real folders.
- GUI fixtures (``settings_store``, ``main_window``) import Qt only when used,
  so the non-GUI tests do not pay for it.
"""
from __future__ import annotations

import json
import os
import shutil

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from hypothesis import settings  # noqa: E402

# No time limit per example: timing belongs to benchmarks/, and a loaded CI machine (or a
# mutation run on both cores) would otherwise fail a correct test. Under mutation testing the
# examples are derandomized, so a mutant is judged the same way every run.
settings.register_profile("planbord", deadline=None)
settings.register_profile("mutation", deadline=None, derandomize=True, database=None)
settings.load_profile("mutation" if os.environ.get("MUTANT_UNDER_TEST") else "planbord")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Under mutation testing (make mutation), run the fastest tests first.

    mutmut runs each mutant's tests with -x, so a seeded bug is caught by the first test that
    fails; trying the quick ones first makes a full run hours shorter. Normal runs keep the
    file order."""
    stats = Path("mutmut-stats.json")  # mutmut runs the tests inside mutants/
    if not os.environ.get("MUTANT_UNDER_TEST") or not stats.exists():
        return
    durations = json.loads(stats.read_text(encoding="utf-8")).get("duration_by_test", {})
    items.sort(key=lambda item: durations.get(item.nodeid, 1.0))


def pytest_make_parametrize_id(config: pytest.Config, val: object, argname: str) -> str | None:
    """Plain-ASCII ids for string parameters ("één" -> "__n"): pytest escapes other characters
    in test ids, and a test asked for by an escaped id (as mutmut asks) is not found."""
    def plain(c: str) -> bool:
        return c.isascii() and c.isprintable() and c != "\\"

    if isinstance(val, str) and not all(plain(c) for c in val):
        return "".join(c if plain(c) else "_" for c in val)
    return None


@pytest.fixture(autouse=True)
def planbord_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh data folder per test (app.services.paths.data_dir() honours it)."""
    folder = tmp_path / "planbord-data"
    monkeypatch.setenv("PLANBORD_DATA_DIR", str(folder))
    return folder


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo workspace built once per test run (by the code under test, so a seeded bug
    in the builder or the file code still shows); tests get copies of it."""
    from db.demo import build_demo

    path = tmp_path_factory.mktemp("demo-template") / "demo.planbord"
    build_demo(path).close()
    return path


@pytest.fixture
def copy_demo(demo_template: Path):
    """A factory: ``copy_demo(path)`` puts a closed copy of the demo workspace at ``path``."""

    def make(path: Path) -> Path:
        if path.exists():
            raise FileExistsError(path)
        shutil.copyfile(demo_template, path)
        return path

    return make


@pytest.fixture
def demo_workspace(tmp_path: Path, copy_demo) -> Path:
    """The demo workspace (Uitvoeringsplan 2022 Haaglanden) as a closed file."""
    return copy_demo(tmp_path / "demo.planbord")


@pytest.fixture(scope="session")
def pg_server():
    """A throwaway PostgreSQL server for this test run (tests/pg_server.py); the tests that need
    it skip, with the reason, where none can be started."""
    import pg_server as servers

    try:
        server = servers.start()
    except servers.ServerUnavailable as exc:
        pytest.skip(f"PostgreSQL-tests overgeslagen: {exc}")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def pg_demo_template(pg_server) -> str:
    """A database on the test server holding the demo plan, built once; tests get copies."""
    from app.services.server_workspace import create_server_workspace
    from db.demo import populate_demo

    workspace = create_server_workspace(pg_server.create_database("demo_template"))
    with workspace.transaction() as session:
        populate_demo(session)
    workspace.close()
    return "demo_template"


@pytest.fixture
def pg_demo(pg_server, pg_demo_template) -> str:
    """The URL of a new database on the test server holding the demo plan (dropped after the test)."""
    import uuid

    name = f"demo_{uuid.uuid4().hex[:12]}"
    yield pg_server.create_database(name, template=pg_demo_template)
    pg_server.drop_database(name)


BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(params=BACKENDS)
def ws(request, demo_workspace: Path):
    """The demo workspace opened (services, no window), closed after the test: as a file, and
    on the PostgreSQL test server (issue 22: every service works on both)."""
    if request.param == "sqlite":
        from app.services.workspace import open_workspace

        workspace = open_workspace(demo_workspace)
    else:
        from app.services.server_workspace import open_server_workspace

        workspace = open_server_workspace(request.getfixturevalue("pg_demo"))
    yield workspace
    if not workspace.closed:
        workspace.close()


@pytest.fixture
def backend(ws) -> str:
    """"sqlite" or "postgresql": the backend ``ws`` runs on (for the few checks that differ)."""
    from app.services.server_workspace import ServerWorkspace

    return "postgresql" if isinstance(ws, ServerWorkspace) else "sqlite"


@pytest.fixture
def ws_target(request, ws, demo_workspace: Path) -> str:
    """What names the data of ``ws`` to open it again: the file's path, or the database's URL
    (for open_any and the command line)."""
    from app.services.server_workspace import ServerWorkspace

    return request.getfixturevalue("pg_demo") if isinstance(ws, ServerWorkspace) else str(demo_workspace)


@pytest.fixture
def reopen(ws_target):
    """A factory: ``reopen(read_only=False)`` opens another Workspace on the same data as ``ws``
    (the same file, or the same database), closed after the test: a second user, or the same
    user after closing and opening again."""
    from app.services.server_workspace import open_any

    opened = []

    def make(*, read_only: bool = False):
        opened.append(open_any(ws_target, read_only=read_only))
        return opened[-1]

    yield make
    for other in opened:
        if not other.closed:
            other.close()


class WorkspaceTemplate:
    """A workspace built once per module on one backend; :meth:`open` gives a test its own copy
    (a copied file, or a new database from the template database)."""

    def __init__(self, backend: str, source, server=None, built=None) -> None:
        self.backend, self.source, self.server = backend, source, server
        self.built = built  # what the module's fill() returned (e.g. the ids of what it made)
        self._made: list[str] = []

    def open(self, folder: Path, *, read_only: bool = False):
        import uuid

        if self.backend == "sqlite":
            from app.services.workspace import open_workspace

            path = folder / self.source.name
            shutil.copyfile(self.source, path)
            return open_workspace(path, read_only=read_only)
        from app.services.server_workspace import open_server_workspace

        name = f"{self.source}_{uuid.uuid4().hex[:8]}"
        self._made.append(name)
        return open_server_workspace(self.server.create_database(name, template=self.source),
                                     read_only=read_only)

    def cleanup(self) -> None:
        while self._made:
            self.server.drop_database(self._made.pop())


def _new_workspace(backend: str, request, folder: Path, name: str):
    """An empty workspace: a new file in ``folder``, or a new database on the test server;
    (workspace, what to pass to open it again)."""
    if backend == "sqlite":
        from app.services.workspace import create_workspace

        path = folder / f"{name}.planbord"
        return create_workspace(path), path
    from app.services.server_workspace import create_server_workspace

    server = request.getfixturevalue("pg_server")
    return create_server_workspace(server.create_database(name)), name


@pytest.fixture(scope="module", params=BACKENDS)
def workspace_template(request, tmp_path_factory):
    """A factory for a module's own starting data on both backends: ``workspace_template(fill)``
    runs ``fill(workspace)`` on a new empty workspace once (a file, or a database on the test
    server) and returns a :class:`WorkspaceTemplate` (``.built``: what fill returned); the
    module's tests run once per backend."""
    import uuid

    made = []

    def make(fill) -> WorkspaceTemplate:
        name = f"tpl_{uuid.uuid4().hex[:8]}"
        workspace, source = _new_workspace(request.param, request, tmp_path_factory.mktemp("template"), name)
        try:
            built = fill(workspace)
        finally:
            workspace.close()
        server = request.getfixturevalue("pg_server") if request.param == "postgresql" else None
        made.append(WorkspaceTemplate(request.param, source, server, built))
        return made[-1]

    yield make
    for template in made:
        if template.server is not None:
            template.cleanup()
            template.server.drop_database(template.source)


@pytest.fixture(params=BACKENDS)
def new_workspaces(request, tmp_path: Path):
    """A factory: ``new_workspaces()`` is a new, empty workspace (no region, no plan) each call,
    closed after the test: files, and databases on the PostgreSQL test server."""
    import uuid

    made = []

    def make():
        name = f"empty_{uuid.uuid4().hex[:12]}"
        workspace, _ = _new_workspace(request.param, request, tmp_path, name)
        made.append((workspace, name))
        return workspace

    yield make
    for workspace, name in made:
        if not workspace.closed:
            workspace.close()
        if request.param == "postgresql":
            request.getfixturevalue("pg_server").drop_database(name)


@pytest.fixture
def empty_ws(new_workspaces):
    """A new, empty workspace (no region, no plan), closed after the test: a file, and a database
    on the PostgreSQL test server."""
    return new_workspaces()


SERVER_EXAMPLE_SHARE = 5  # a property test over a workspace runs a fifth of its examples on the server


def examples(workspace, count: int) -> int:
    """How many examples a property test over ``workspace`` runs: ``count`` on a file, a fifth
    (at least 4) on the PostgreSQL test server, where every edit is a round trip to the server
    (the file runs catch the rare sequences; the server runs check the same properties there)."""
    from app.services.server_workspace import ServerWorkspace

    return max(4, count // SERVER_EXAMPLE_SHARE) if isinstance(workspace, ServerWorkspace) else count


def make_draft_amendment(workspace) -> tuple[int, int, int]:
    """(plan id, project id, action id): a draft amendment of the demo plan in ``workspace`` and
    its first action."""
    from sqlalchemy import select

    from app.models import Action, Chapter, Plan, PlanKind, Project
    from app.services.plan_copy import create_amendment

    with workspace.session() as s:
        adopted = s.scalars(select(Plan.id).where(Plan.kind == PlanKind.PLAN)).one()
    plan = create_amendment(workspace, adopted)
    with workspace.session() as s:
        action, project = s.execute(select(Action.id, Action.project_id).join(Action.project).join(Project.chapter)
                                    .where(Chapter.plan_id == plan).order_by(Action.id)).first()
    return plan, project, action


@pytest.fixture
def draft_file(demo_workspace):
    """(path, plan id, project id, action id): the demo file, closed, with a draft amendment of its
    plan; the amendment's first action (for a window to open the file)."""
    from app.services.workspace import open_workspace

    workspace = open_workspace(demo_workspace)
    try:
        return (demo_workspace, *make_draft_amendment(workspace))
    finally:
        workspace.close()


@pytest.fixture
def draft_action(ws):
    """(workspace, plan id, project id, action id): a draft amendment of the demo plan, opened,
    and its first action; closed after the test (a file, and a database on the test server)."""
    return (ws, *make_draft_amendment(ws))


@pytest.fixture(scope="session")
def planbord_qapp(qapp):
    """The test QApplication set up like the real one: names, style sheet, Dutch translation."""
    from app import resources
    from app.views.shell.application import create_application

    app = create_application()
    translators = resources.install_translations(app, "nl")
    watchdog = _ModalWatchdog(app)
    yield app
    watchdog.stop()
    for translator in translators:
        app.removeTranslator(translator)
    # Mime data a copy left on the clipboard must go before the application does: the offscreen
    # platform otherwise frees it a second time at exit (a segmentation fault after the last test).
    app.clipboard().clear()


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
    from app.views.shell.main_window import MainWindow

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
def message_boxes(monkeypatch):
    """Capture QMessageBox.warning/critical instead of showing a modal dialog: (kind, title, text)."""
    from PySide6.QtWidgets import QMessageBox

    shown = []

    def capture(kind):
        def fake(parent, title, text, *args, **kwargs):
            shown.append((kind, title, text))
            return QMessageBox.StandardButton.Ok
        return fake

    monkeypatch.setattr(QMessageBox, "warning", capture("warning"))
    monkeypatch.setattr(QMessageBox, "critical", capture("critical"))
    return shown


@pytest.fixture
def main_window(open_window, demo_workspace):
    """The main window on the demo workspace, with isolated settings."""
    return open_window(demo_workspace)


STUCK_MODAL_S = 20  # a modal dialog nobody answers for this long is a test waiting forever


class _ModalWatchdog:
    """A message box or dialog that a test forgot to answer would hang the whole run (CI gives up
    after 90 minutes): one left open for STUCK_MODAL_S seconds is closed, and the test that was
    running fails naming it (``_no_stuck_modal``)."""

    stuck: list[str] = []

    def __init__(self, app) -> None:
        from PySide6.QtCore import QTimer

        self.app, self.seen, self.since = app, None, 0.0
        self.timer = QTimer()
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def check(self) -> None:
        import time

        from PySide6.QtWidgets import QDialog

        modal = self.app.activeModalWidget()
        if modal is None or modal is not self.seen:
            self.seen, self.since = modal, time.monotonic()
            return
        if time.monotonic() - self.since >= STUCK_MODAL_S:
            _ModalWatchdog.stuck.append(f"{type(modal).__name__} “{modal.windowTitle()}”")
            if isinstance(modal, QDialog):
                modal.reject()
            else:
                modal.close()
            self.seen = None

    def stop(self) -> None:
        self.timer.stop()


@pytest.fixture(autouse=True)
def _no_stuck_modal():
    _ModalWatchdog.stuck.clear()
    yield
    if _ModalWatchdog.stuck:
        pytest.fail(f"a modal dialog was left waiting for an answer and closed after {STUCK_MODAL_S} s: "
                    f"{', '.join(_ModalWatchdog.stuck)}")
