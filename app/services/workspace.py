"""A workspace: one ``.planbord`` SQLite file holding a region and its plans.

Opening checks, in this order, without writing anything until the file has
proven to be ours: the header bytes (SQLite? ours?), the lock (is another
Planbord writing it?), SQLite's quick_check, the schema revision, and that the
schema is exactly ours and (at the current revision) every value one we can use
(app.services.verify: UntrustedFileError, DamagedDataError). Then an older file
is backed up and upgraded (its values checked before the upgrade commits), the
journal mode is set for where the file lives (WAL locally, rollback journal on
a network share), and a backup is made if the content changed since the last one.

Every failure is a WorkspaceError subclass with a Dutch ``message``.
"""
from __future__ import annotations

import logging
import os
import secrets
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Column, MetaData, PrimaryKeyConstraint, String, Table, create_engine, insert
from sqlalchemy.engine import URL, Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, configure_mappers, sessionmaker

from app.models import Base
from app.services import change_log, fileformat, filelock
from app.services.backups import (
    BACKUP_INTERVAL_SECONDS,
    BackupEntry,
    copy_workspace,
    list_backups,
    make_backup,
    restore_backup,
)
from app.services.errors import (
    BackupError,
    CorruptFileError,
    LockedError,
    LockLostError,
    MissingFileError,
    NeedsUpgradeError,
    NewerVersionError,
    NotPlanbordError,
    NotSqliteError,
    ReadOnlyError,
    WorkspaceError,
    WriteError,
)
from app.services.fileformat import (
    APPLICATION_ID,
    FILE_SUFFIX,
    HEAD_REVISION,
    apply_connection_pragmas,
    check_contents,
    connect_readonly,
    connect_readwrite,
    no_trace_if_refused,
    publish_new_file,
    read_header,
    sidecar,
    wanted_journal_mode,
)
from app.services.filelock import LockInfo, lock_is_stale

__all__ = [
    "APPLICATION_ID", "BACKUP_INTERVAL_SECONDS", "FILE_SUFFIX", "HEAD_REVISION", "BackupEntry",
    "BackupError", "CorruptFileError", "copy_workspace",
    "LockInfo", "LockLostError", "LockedError", "MissingFileError", "NeedsUpgradeError", "NewerVersionError",
    "NotPlanbordError", "NotSqliteError", "ReadOnlyError", "Workspace", "WorkspaceError",
    "WriteError", "create_workspace", "list_backups", "lock_is_stale", "open_workspace",
    "restore_backup",
]

log = logging.getLogger(__name__)

# The table Alembic keeps its revision in, written directly on create so that
# creating a workspace needs no Alembic import. Same DDL Alembic itself uses.
_version_table = Table(
    "alembic_version", MetaData(),
    Column("version_num", String(32), nullable=False),
    PrimaryKeyConstraint("version_num", name="alembic_version_pkc"),
)


class Workspace:
    """An open workspace file. Use ``session()`` to read and ``transaction()`` to change."""

    on_server = False  # a shared database on a server (app/services/server_workspace.py) says True

    def __init__(self, path: Path, engine: Engine, *, read_only: bool = False,
                 read_only_reason: str = "", lock: LockInfo | None = None, who: str | None = None) -> None:
        self.path = path
        # The writer the change log names (user@computer): "gewijzigd door …" in another's refusal.
        self.who = who or change_log.who_am_i()
        self.engine = engine
        self.read_only = read_only
        self.read_only_reason = read_only_reason
        self._lock = lock
        self._closed = False
        # Who lifted our lock and took the file over (set when that is found out).
        self.lock_taken_by: LockInfo | None = None
        # Set when the backup made on opening failed: the GUI may tell the user.
        self.backup_error: BackupError | None = None
        self._backup_pending = False  # the backup of the file as opened, still to be made
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        change_log.install(self._sessions)
        # The mapped classes made ready once, at opening (the window's data layer does it ahead
        # of the first file): not inside the first read, which it would slow by some 30 ms.
        configure_mappers()

    def __repr__(self) -> str:
        mode = "read-only" if self.read_only else "read-write"
        return f"<Workspace {str(self.path)!r} {mode}{' closed' if self._closed else ''}>"

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def closed(self) -> bool:
        return self._closed

    def session(self) -> Session:
        """A session for reading. Close it when done (use ``with``)."""
        self._check_open()
        return self._sessions()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One user action: committed as a whole when the block ends, else rolled back.

        Raises ReadOnlyError on a read-only workspace (nothing is written), and
        WriteError when SQLite cannot write (disk full, file gone); in both
        cases the file holds exactly what it held before.
        """
        self._check_open()
        if self.read_only:
            raise ReadOnlyError(f"Er is niets opgeslagen. {self.read_only_reason}", self.path)
        self._check_lock_still_ours()  # before every write: is the file still ours?
        self.backup_on_open()  # the file as it was opened is backed up before its first change
        try:
            with self._sessions.begin() as session:
                change_log.start(session, self.who)
                yield session
                self._check_lock_still_ours()  # and again just before the commit
        except OperationalError as e:
            log.error("write to %s failed: %s", self.path, e)
            raise WriteError(_write_failure_message(self.path, e), self.path) from e

    def backup_if_changed(self) -> Path | None:
        """Back up the file if it changed since the newest backup; a GUI timer calls this.

        Returns the new backup, or None (unchanged, or read-only). Raises
        BackupError with a Dutch message when the backup fails.
        """
        self._check_open()
        if self.read_only:
            return None
        with self.engine.connect() as conn:
            return make_backup(conn.connection.driver_connection, self.path)

    def backup_on_open(self) -> None:
        """The backup of the file as opened, if still to be made (open_workspace(backup_later=True)
        leaves it to the caller, and to the first write). A failure goes to backup_error."""
        if not self._backup_pending or self._closed:
            return
        self._backup_pending = False
        try:
            self.backup_if_changed()
        except BackupError as e:  # the file itself is fine: work goes on
            log.warning("backup on open failed: %s", e.message)
            self.backup_error = e

    def close(self) -> None:
        """Close the file and give up the lock. Safe to call twice."""
        if self._closed:
            return
        self._closed = True
        # The last connection to close checkpoints the WAL into the file and removes it.
        self.engine.dispose()
        if self._lock is not None:
            filelock.release_lock(self.path, self._lock)
            self._lock = None

    def _check_open(self) -> None:
        if self._closed:
            raise WorkspaceError(f"“{self.path.name}” is al gesloten.", self.path)

    def _check_lock_still_ours(self) -> None:
        """Raise LockLostError (and stay read-only) when our lock is no longer ours.

        Someone who judged our lock stale or lifted it may have taken the file over, and
        may have closed it again since: writing on (or quietly taking the lock back) would
        overwrite their work. So stop writing, and say who took it: the note the lifter
        left, else whoever holds the lock now.
        """
        if self._lock is None:
            return
        current = filelock.read_lock(self.path)
        if current is not None and current.token == self._lock.token:
            return
        taker = filelock.taken_over_by(self.path, self._lock.token)
        if taker is None and current is not None and not current.names_nobody:
            taker = current
        self._lock = None  # not ours: closing must leave whatever lock is there alone
        self.read_only = True
        self.read_only_reason = filelock.lost_lock_message(self.path, taker)
        self.lock_taken_by = taker
        log.warning("lock of %s lost to %s", self.path, taker)
        raise LockLostError(f"Er is niets opgeslagen. {self.read_only_reason}", self.path, taker)


def _write_failure_message(path: Path, error: OperationalError) -> str:
    code = getattr(error.orig, "sqlite_errorname", "") or ""
    name = f"“{path.name}”"
    if code == "SQLITE_FULL":
        return f"De schijf is vol; de wijziging in {name} is niet opgeslagen."
    if code.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return f"{name} is bezet door een ander programma; de wijziging is niet opgeslagen. Probeer het opnieuw."
    if code.startswith("SQLITE_READONLY"):
        return f"{name} kan niet worden beschreven; de wijziging is niet opgeslagen."
    return (f"De wijziging in {name} kon niet worden opgeslagen. Controleer of de schijf of "
            "netwerkmap nog bereikbaar is.")


def _make_engine(path: Path, *, read_only: bool) -> Engine:
    connect = connect_readonly if read_only else connect_readwrite

    def creator() -> sqlite3.Connection:
        conn = connect(path)
        apply_connection_pragmas(conn, read_only=read_only)
        return conn

    # The URL only picks the dialect and a file-database pool; creator makes the connections.
    return create_engine(URL.create("sqlite", database=str(path)), creator=creator)


def _set_journal_mode(path: Path) -> None:
    want = wanted_journal_mode(path)
    conn = connect_readwrite(path)
    try:
        conn.execute("PRAGMA busy_timeout=300")  # a reader elsewhere: do not hold up opening
        (current,) = conn.execute("PRAGMA journal_mode").fetchone()
        if current.lower() != want:
            conn.execute(f"PRAGMA journal_mode={want}")
    except sqlite3.OperationalError as e:
        # Needs the file to ourselves; a reader elsewhere blocks it. Try next time.
        log.warning("could not switch %s to journal_mode=%s: %s", path, want, e)
    finally:
        conn.close()


def _build_new_file(path: Path) -> None:
    """Write an empty workspace at ``path`` (a new, temporary name)."""
    conn = fileformat.harden(sqlite3.connect(path))
    try:
        # First, before any table: from now on the file says it is ours.
        conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
        conn.execute(f"PRAGMA journal_mode={wanted_journal_mode(path)}")
        conn.commit()
    finally:
        conn.close()
    engine = _make_engine(path, read_only=False)
    try:
        # The models' schema plus Alembic's stamp: what Alembic's docs advise for a
        # new database, and a test checks that the migrations give the same schema.
        with engine.begin() as conn:
            Base.metadata.create_all(conn)
            _version_table.create(conn)
            conn.execute(insert(_version_table).values(version_num=HEAD_REVISION))
    finally:
        engine.dispose()


def create_workspace(path: Path | str) -> Workspace:
    """Create a new, empty workspace file and open it for writing.

    The file is built under a temporary name and then given its name, so a
    crash never leaves a half-made workspace; an existing file is never replaced.
    """
    path = Path(os.path.abspath(path))
    name = f"“{path.name}”"
    if path.exists():
        raise WorkspaceError(f"Het bestand {name} bestaat al; kies een andere naam.", path)
    if not path.parent.is_dir():
        raise WorkspaceError(f"De map “{path.parent}” bestaat niet.", path)
    if not fileformat.folder_writable(path):
        raise WorkspaceError(f"U mag in de map “{path.parent}” geen bestanden maken.", path)
    # A lock left by a crashed Planbord for a file that no longer exists means nothing.
    holder = filelock.read_lock(path)
    if holder is not None and lock_is_stale(holder):
        filelock.break_lock(path)
    lock = filelock.acquire_lock(path)
    tmp = path.with_name(f".{path.name}.new-{secrets.token_hex(6)}")
    try:
        try:
            _build_new_file(tmp)
        except (OSError, sqlite3.Error, OperationalError) as e:
            log.error("creating %s failed: %s", path, e)
            raise WorkspaceError(
                f"Planbord kon {name} niet aanmaken. Controleer of er ruimte op de schijf is.", path
            ) from None
        publish_new_file(tmp, path)
        return _open(path, read_only_reason="", lock=lock, backup=False)
    except BaseException:
        filelock.release_lock(path, lock)
        raise
    finally:
        for leftover in (tmp, sidecar(tmp, "-wal"), sidecar(tmp, "-shm"), sidecar(tmp, "-journal")):
            try:
                leftover.unlink()
            except OSError:
                pass


def open_workspace(path: Path | str, *, read_only: bool = False, break_lock: bool = False,
                   backup_later: bool = False, who: str | None = None) -> Workspace:
    """Open an existing workspace.

    Raises MissingFileError, NotSqliteError, NotPlanbordError, CorruptFileError,
    NewerVersionError, NeedsUpgradeError, LockedError or WorkspaceError, each
    with a Dutch ``message``; a refused file is left exactly as it was.

    ``read_only=True`` opens for reading only and leaves any lock alone (the way
    to look at a file someone else has open). ``break_lock=True`` removes another
    holder's lock first: offer it when ``LockedError.can_lift`` is True (with a warning
    naming the holder unless ``stale`` is True). A holder that may still run finds,
    at its next save, that the file was taken over, and goes read-only.
    ``backup_later=True``: the backup on open is left to Workspace.backup_on_open().
    ``who``: the writer the change log names (default user@computer).
    """
    path = Path(os.path.abspath(path))
    read_header(path)  # not ours: refused before SQLite or a lock file is involved
    reason = _read_only_reason(path, requested=read_only)
    lock = None
    if not reason:
        broken = filelock.break_lock(path) if break_lock else None
        lock = filelock.acquire_lock(path)
        # A holder that may still run learns from this note who took the file over.
        filelock.note_takeover(path, broken, lock)
    try:
        return _open(path, read_only_reason=reason, lock=lock, backup=True, backup_later=backup_later, who=who)
    except BaseException:
        if lock is not None:
            filelock.release_lock(path, lock)
        raise


def _read_only_reason(path: Path, *, requested: bool) -> str:
    name = f"“{path.name}”"
    if requested:
        reason = f"U heeft {name} alleen-lezen geopend."
        holder = filelock.read_lock(path)
        if holder is not None and lock_is_stale(holder) is not True:
            reason += f" Het is ook geopend door {holder.describe()}."
        return reason
    if not fileformat.file_writable(path):
        return f"{name} is alleen-lezen: u heeft geen schrijfrechten op het bestand."
    if not fileformat.folder_writable(path):
        return (f"De map van {name} is alleen-lezen, dus Planbord kan er niet in schrijven; "
                "u kunt het bestand alleen bekijken.")
    return ""


def _open(path: Path, *, read_only_reason: str, lock: LockInfo | None, backup: bool,
          backup_later: bool = False, who: str | None = None) -> Workspace:
    from app.services.verify import check_file

    writable = lock is not None
    with no_trace_if_refused(path):
        revision = check_contents(path, can_recover=writable)
        # Before any write, upgrade, journal change or backup: the schema is ours (no trigger,
        # no view, nothing unknown) and, at this revision, every value is one we can use.
        check_file(path, revision)
        _check_revision(path, revision, writable=writable, read_only_reason=read_only_reason)
    if writable:
        _set_journal_mode(path)
    engine = _make_engine(path, read_only=not writable)
    workspace = Workspace(path, engine, read_only=not writable,
                          read_only_reason=read_only_reason, lock=lock, who=who)
    if backup and writable:
        workspace._backup_pending = True
        if not backup_later:
            workspace.backup_on_open()
    return workspace


def _check_revision(path: Path, revision: str, *, writable: bool, read_only_reason: str) -> None:
    """Refuse a newer file; upgrade an older one (after a backup) when we may write."""
    name = f"“{path.name}”"
    if revision != HEAD_REVISION:
        from app.services import migrations  # Alembic only when needed: startup speed

        if not migrations.is_known_revision(revision):
            raise NewerVersionError(
                f"{name} is gemaakt met een nieuwere versie van Planbord. Werk Planbord bij om het "
                "te openen.", path)
        if not writable:
            raise NeedsUpgradeError(
                f"{name} is gemaakt met een oudere versie van Planbord en moet worden bijgewerkt, "
                f"maar dat kan nu niet. {read_only_reason}", path)
        _upgrade(path)


def _upgrade(path: Path) -> None:
    from app.services import migrations

    name = f"“{path.name}”"
    source = connect_readonly(path)
    try:
        make_backup(source, path)  # None: an identical backup already exists
    except BackupError as e:
        raise BackupError(f"{e.message} Daarom is {name} niet bijgewerkt naar deze versie van "
                          "Planbord.", path) from None
    finally:
        source.close()
    from app.services.verify import VALUE_PROBLEM_LIMIT, damaged_error
    from app.services.verify_values import value_problems

    try:
        # The upgraded values are checked before the upgrade is committed.
        migrations.upgrade(path, check=lambda conn: value_problems(conn, VALUE_PROBLEM_LIMIT))
    except migrations.ValuesRefused as e:  # rolled back: the file is as it was
        raise damaged_error(path, e.problems, limit_reached=len(e.problems) >= VALUE_PROBLEM_LIMIT) from None
    except Exception as e:  # the upgrade ran in one transaction: the file is as it was
        log.exception("upgrade of %s failed", path)
        raise WorkspaceError(
            f"{name} kon niet worden bijgewerkt naar deze versie van Planbord; het bestand is "
            "ongewijzigd en er is een reservekopie gemaakt.", path) from e
    check_contents(path, can_recover=True)
