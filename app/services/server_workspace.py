"""A workspace on a PostgreSQL server (issue 22): the shared office database.

The same models and services as a ``.planbord`` file: a :class:`ServerWorkspace` is a
:class:`~app.services.workspace.Workspace` whose engine talks to PostgreSQL (15 or newer) through
psycopg 3. What only a file has (the lock file, SQLite's header and schema checks) it has not:
several people edit a server database at once. Its backups are a pg_dump (or a .planbord file of
it) in the user's data folder, made as a file's are (app/services/server_backups.py). A database
URL (``postgresql://user@host/db``) stands where a file name stands.

Several people at once: every edit of a value the user saw (budget cells, funding amounts,
allocations, key shares, the fields of lines, groups, sources, chapters, projects and actions)
compares it with what is there now, under a row lock, and a refusal names who changed it when
(app/services/editing.py ``refuse_stale``, app/services/change_log.py); every writing transaction
NOTIFYs the others on the channel of each plan it changed (app/services/server_changes.py listens);
each connection names its user@computer to the server (``others_present``, ``others_in_plan``). An
older database is upgraded on opening (app/services/server_upgrade.py); the laptop copy is
app/services/laptop_copy.py.
"""
from __future__ import annotations

import logging
import threading
import uuid
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, event, insert, inspect, select, text
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import ArgumentError, OperationalError

from app.models import Base
from app.services.addresses import is_server_url
from app.services.change_log import who_am_i
from app.services.editing import CHANGED_PLANS
from app.services.errors import BackupError, NewerVersionError, NotPlanbordError, WorkspaceError
from app.services.fileformat import HEAD_REVISION
from app.services.workspace import Workspace, _version_table

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_S = 10
CHANNEL = "planbord_changes"  # NOTIFY: a transaction of another workspace changed the database
PLAN_CHANNEL = "planbord_plan_{}"  # NOTIFY: ... changed this plan (and nothing outside it)
PLAN_MARK = " #plan "  # the listener's application_name ends so (ASCII: a server may store names as such)
PRESENCE_PREFIX = "Planbord "  # each connection's application_name: "Planbord user@computer"
DEFAULT_PORT = 5432


def plan_channel(plan_id: int) -> str:
    return PLAN_CHANNEL.format(int(plan_id))


def server_url(host: str, database: str, user: str, password: str = "", port: int = DEFAULT_PORT) -> str:
    """The address of a database from the fields of "Openen van server…" (every part escaped)."""
    return URL.create("postgresql", username=user.strip() or None, password=password or None,
                      host=host.strip(), port=port, database=database.strip()).render_as_string(
        hide_password=False)


class ServerName:
    """Where a file workspace has its path: the database's name as the user reads it
    (``planbord@kantoor/uitvoeringsplan``), never with a password."""

    def __init__(self, url) -> None:
        self.url = url
        # The address to give another process (the command line): without a password.
        # (URL.set(password=None) would keep the password: None there means "unchanged".)
        self.address = URL.create("postgresql", username=url.username, host=url.host, port=url.port,
                                  database=url.database, query=url.query).render_as_string(hide_password=False)
        self.name = f"{url.username + '@' if url.username else ''}{url.host or 'localhost'}/{url.database}"
        self.stem = url.database or "planbord"

    # What a file's path gives the windows (dialog folders, suggested names): a server workspace
    # exports into the user's home folder.
    suffix = ""

    @property
    def parent(self) -> Path:
        return Path.home()

    def with_name(self, name: str) -> Path:
        return Path.home() / name

    def __str__(self) -> str:
        return self.name

    def __repr__(self) -> str:
        return f"ServerName({self.name!r})"


class ServerWorkspace(Workspace):
    """An open server database. No lock file (the server serialises writes); backups by pg_dump
    on a thread of their own (``backup_on_open``, ``backup_in_background``).

    Every transaction that writes tells the others on the server (NOTIFY on ``CHANNEL``, sent
    when it commits, with this workspace's tag so it can tell its own from theirs):
    :class:`app.services.server_changes.ChangeListener` hears them."""

    on_server = True

    def __init__(self, name: ServerName, engine: Engine, *, read_only: bool = False,
                 read_only_reason: str = "", who: str | None = None) -> None:
        super().__init__(name, engine, read_only=read_only, read_only_reason=read_only_reason, who=who)
        self.tag = uuid.uuid4().hex
        self._backed_up: tuple | None = None  # the change mark at this Planbord's last backup
        self._backup_thread: threading.Thread | None = None
        event.listen(self._sessions, "before_commit", self._announce)

    def _announce(self, session) -> None:
        """On each changed plan's channel, or on the general one when the transaction did not say
        which plans it changed (the region, a plan made or deleted): then everything is read again."""
        if not (session.new or session.dirty or session.deleted or session.info.get("wrote")):
            return
        plans = session.info.get(CHANGED_PLANS)
        for channel in sorted(plan_channel(plan_id) for plan_id in plans) if plans else [CHANNEL]:
            session.execute(text("SELECT pg_notify(:channel, :tag)"), {"channel": channel, "tag": self.tag})

    @contextmanager
    def transaction(self):
        with super().transaction() as session:
            # Core statements leave the session's new/dirty/deleted empty: say it wrote anyway.
            session.info["wrote"] = True
            yield session

    def backup_if_changed(self):
        """A backup in the user's data folder when the database changed since the last one this
        Planbord made (app/services/server_backups.py): a pg_dump, or a .planbord file of it.
        Returns it, or None (unchanged, or read-only); BackupError (Dutch) when it fails."""
        from app.services.server_backups import back_up_server, change_mark

        self._check_open()
        if self.read_only:
            return None
        mark = change_mark(self)
        if mark == self._backed_up:
            return None
        made = back_up_server(self)
        self._backed_up = mark
        return made

    def backup_on_open(self) -> None:
        """The backup of the database as opened (when it was opened to be backed up: the window
        does, open_server_workspace(backup=True)), on a thread of its own. A failure goes to
        backup_error."""
        if self._backup_pending:
            self._backup_pending = False
            self.backup_in_background()

    def backup_in_background(self) -> None:
        """backup_if_changed on a thread of its own (a dump of a large database takes seconds; the
        window goes on); nothing when one is still running. A failure goes to backup_error."""
        if self.read_only or self.closed or (self._backup_thread is not None and self._backup_thread.is_alive()):
            return
        self._backup_thread = threading.Thread(target=self._backup_quietly, name="server-backup", daemon=True)
        self._backup_thread.start()

    def _backup_quietly(self) -> None:
        try:
            self.backup_if_changed()
        except BackupError as exc:
            log.warning("backup on open failed: %s", exc.message)
            self.backup_error = exc
        except Exception:  # noqa: BLE001 - a backup never takes the program down
            log.exception("backup on open failed")

    def wait_for_backup(self, timeout: float | None = None) -> None:
        """Until the backup on opening is done (closing waits for it; tests)."""
        thread = self._backup_thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)

    def close(self) -> None:
        self.wait_for_backup()  # not the engine pulled from under a running backup
        super().close()


def _engine(url: str, who: str | None = None) -> tuple[Engine, ServerName]:
    try:
        parsed = make_url(url.strip())
    except (ArgumentError, ValueError):  # ValueError: a port that is no number
        raise WorkspaceError(f"“{url}” is geen geldig databaseadres. Schrijf het als "
                             "postgresql://gebruiker@server/database.", url) from None
    if not parsed.drivername.startswith("postgres"):
        raise WorkspaceError(f"“{url}” is geen PostgreSQL-database. Schrijf het adres als "
                             "postgresql://gebruiker@server/database.", url)
    parsed = parsed.set(drivername="postgresql+psycopg")
    name = ServerName(parsed)
    try:
        # A server that does not answer is said within seconds, not after the system's minutes.
        # application_name tells the others who has the database open (others_present).
        engine = create_engine(parsed, pool_pre_ping=True, connect_args={
            "connect_timeout": CONNECT_TIMEOUT_S, "application_name": f"{PRESENCE_PREFIX}{who or who_am_i()}"[:63]})
    except ImportError:  # a build without the PostgreSQL driver
        raise WorkspaceError("Deze installatie van Planbord kan geen database op een server openen (psycopg "
                             "ontbreekt); open een .planbord-bestand of installeer Planbord opnieuw.", url) from None
    return engine, name


def _unreachable(name: ServerName, error: Exception) -> WorkspaceError:
    log.warning("server %s unreachable: %s", name, error)
    return WorkspaceError(f"Planbord kan de database {name} niet bereiken. Controleer het adres, de "
                          "gebruikersnaam en het wachtwoord, en of de server aan staat.", name)


@contextmanager
def _first_contact(engine: Engine, name: ServerName):
    """The first talk with the server: a refusal or an unreachable server leaves no engine behind,
    and the latter is said in Dutch."""
    try:
        yield
    except OperationalError as exc:
        engine.dispose()
        raise _unreachable(name, exc) from None
    except BaseException:
        engine.dispose()
        raise


def create_server_workspace(url: str) -> ServerWorkspace:
    """Planbord's tables in an empty database (made by the server's administrator)."""
    engine, name = _engine(url)
    with _first_contact(engine, name), engine.begin() as conn:
        if inspect(conn).get_table_names():
            raise WorkspaceError(f"De database {name} is niet leeg; Planbord maakt zijn tabellen "
                                 "alleen in een lege database. Kies een andere database.", name)
        Base.metadata.create_all(conn)
        _version_table.create(conn)
        conn.execute(insert(_version_table).values(version_num=HEAD_REVISION))
    return ServerWorkspace(name, engine)


def open_server_workspace(url: str, *, read_only: bool = False, who: str | None = None,
                          backup: bool = False) -> ServerWorkspace:
    """Open Planbord's database on a server; refused (Dutch) when it is not Planbord's or was made
    by a newer Planbord. ``who``: the name the others see (default user@computer); ``backup``: a
    backup of it as opened is made (in the background) before its first change, as the window's."""
    engine, name = _engine(url, who)
    with _first_contact(engine, name), engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
        if "alembic_version" not in tables:
            raise NotPlanbordError(f"De database {name} is geen Planbord-database"
                                   f"{' (ze is leeg)' if not tables else ''}.", name)
        revision = conn.execute(select(_version_table.c.version_num)).scalar()
    if revision != HEAD_REVISION:
        with _first_contact(engine, name):
            _upgrade(engine, name, revision, read_only)
    reason = f"U heeft {name} alleen-lezen geopend." if read_only else ""
    workspace = ServerWorkspace(name, engine, read_only=read_only, read_only_reason=reason, who=who)
    workspace._backup_pending = backup and not read_only
    return workspace



def open_any(target, *, read_only: bool = False):
    """Open the workspace ``target`` names: a server database for a URL, else a file."""
    if is_server_url(target):
        return open_server_workspace(str(target), read_only=read_only)
    from app.services.workspace import open_workspace

    return open_workspace(target, read_only=read_only)


def _upgrade(engine: Engine, name: ServerName, revision: str, read_only: bool) -> None:
    """An older database brought to this version (app/services/server_upgrade.py); a newer one, or
    one opened read-only, refused in Dutch."""
    from app.services import migrations

    if not migrations.is_known_revision(revision):
        raise NewerVersionError(f"De database {name} is gemaakt met een nieuwere versie van Planbord. "
                                "Werk Planbord bij om haar te openen.", name)
    if read_only:
        raise WorkspaceError(f"De database {name} is van een oudere versie van Planbord en moet worden "
                             "bijgewerkt, maar u opent haar alleen-lezen. Open haar gewoon om haar bij "
                             "te werken.", name)
    from app.services.server_upgrade import upgrade_server_database

    upgrade_server_database(engine, name, _others_on(engine))


def others_present(workspace: ServerWorkspace) -> list[str]:
    """Who else has this database open in Planbord now (user@computer), by name."""
    return sorted(_present_on(workspace.engine))


def others_in_plan(workspace: ServerWorkspace, plan_id: int) -> list[str]:
    """Who else has plan ``plan_id`` open now: their change listener says so (ChangeListener.show)."""
    return sorted(who for who, plans in _present_on(workspace.engine).items() if plan_id in plans)


def _others_on(engine: Engine) -> list[str]:
    return sorted(_present_on(engine))


def _present_on(engine: Engine) -> dict[str, set[int]]:
    """Each other Planbord on the database (user@computer) with the plans it has open."""
    with engine.connect() as conn:
        mine = conn.execute(text("SELECT current_setting('application_name')")).scalar()
        names = conn.execute(text(
            "SELECT DISTINCT application_name FROM pg_stat_activity WHERE datname = current_database() "
            "AND application_name LIKE :prefix"), {"prefix": f"{PRESENCE_PREFIX}%"}).scalars()
    present: dict[str, set[int]] = {}
    for name in names:
        who, _, plan = name[len(PRESENCE_PREFIX):].partition(PLAN_MARK)
        if f"{PRESENCE_PREFIX}{who}" == mine:
            continue
        plans = present.setdefault(who, set())
        if plan.isdigit():
            plans.add(int(plan))
    return present
