"""The ``.planbord`` file format: what makes a SQLite file ours, and how to check one.

Everything SQLite-specific (PRAGMAs, URI flags, header bytes) lives here and in
the other file-format modules (workspace, backups); the rest of the program
speaks plain SQLAlchemy so it also runs on PostgreSQL.

The checks (:func:`read_header`, :func:`check_contents`) never write: the header
is read as bytes, and SQLite is only opened (read-only) once the header says
the file is ours.
"""
from __future__ import annotations

import os
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePath, PureWindowsPath
from urllib.parse import quote

from app.services.errors import (
    CorruptFileError,
    MissingFileError,
    NotPlanbordError,
    NotSqliteError,
    WorkspaceError,
)

APPLICATION_ID = 0x506C4264  # "PlBd" in the SQLite header: marks a file as ours
FILE_SUFFIX = ".planbord"
# The newest Alembic revision this program knows. A file at this revision opens
# without importing Alembic (startup speed); a test keeps it equal to the real head.
HEAD_REVISION = "0010"

SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000

# Well-known file starts, to tell the user what the file is instead.
_SNIFF = [
    (b"\x89PNG", "een afbeelding (PNG)"),
    (b"\xff\xd8\xff", "een afbeelding (JPEG)"),
    (b"%PDF", "een PDF-document"),
    (b"PK\x03\x04", "een ZIP-bestand (bijvoorbeeld een Excel- of Word-document)"),
    (b"\xd0\xcf\x11\xe0", "een ouder Office-document"),
]

NETWORK_FS_TYPES = {"nfs", "nfs4", "cifs", "smbfs", "smb3", "9p", "fuse.sshfs", "sshfs",
                    "afs", "ncpfs", "glusterfs", "ceph", "fuse.rclone", "davfs", "fuse.davfs2"}


# ---------------------------------------------------------------------------
# Header
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Header:
    """The fields of SQLite's 100-byte file header that the checks use."""

    page_size: int
    wal: bool  # read/write version bytes say WAL
    change_counter: int
    page_count: int  # "in-header database size"; trusted only if size_valid
    size_valid: bool
    application_id: int


def parse_header(data: bytes) -> Header:
    page_size = int.from_bytes(data[16:18], "big")
    if page_size == 1:  # SQLite's encoding of 65536
        page_size = 65536
    change_counter = int.from_bytes(data[24:28], "big")
    return Header(
        page_size=page_size,
        wal=data[18] == 2 and data[19] == 2,
        change_counter=change_counter,
        page_count=int.from_bytes(data[28:32], "big"),
        size_valid=int.from_bytes(data[92:96], "big") == change_counter,
        application_id=int.from_bytes(data[68:72], "big"),
    )


def _what_is_it(head: bytes) -> str:
    for magic, what in _SNIFF:
        if head.startswith(magic):
            return what
    try:
        head.decode("utf-8")
        return "een tekstbestand"
    except UnicodeDecodeError:
        return "geen database"


def sidecar(path: Path, suffix: str) -> Path:
    """SQLite's companion file, e.g. ``x.planbord-wal``."""
    return path.with_name(path.name + suffix)


def _has_content(path: Path) -> bool:
    try:
        return path.stat().st_size > 0
    except OSError:
        return False


def read_header(path: Path) -> Header:
    """Check the bytes at the start of the file: SQLite, and ours. Reads only."""
    name = f"“{path.name}”"
    from app.services.output_paths import check_regular_file, os_error_text, read_head

    try:
        # Before any open(): a FIFO would block it forever, a device never ends.
        check_regular_file(path)
        head, size = read_head(path, 100)
    except FileNotFoundError:
        raise MissingFileError(
            f"Het bestand {name} bestaat niet (meer). Misschien is het verplaatst of hernoemd.",
            path) from None
    except PermissionError:
        raise WorkspaceError(f"U heeft geen rechten om {name} te lezen.", path) from None
    except OSError as e:
        raise WorkspaceError(f"{name} kan niet worden gelezen: {os_error_text(e)}.", path) from None

    if not head:
        raise NotSqliteError(f"{name} is leeg; het is geen Planbord-bestand.", path)
    if not head.startswith(SQLITE_MAGIC):
        raise NotSqliteError(
            f"{name} is geen Planbord-bestand: het is {_what_is_it(head)}.", path)
    if len(head) < 100:
        raise CorruptFileError(f"{name} is afgebroken of beschadigd en kan niet worden geopend.", path)
    header = parse_header(head)
    if header.application_id != APPLICATION_ID:
        raise NotPlanbordError(
            f"{name} is een database van een ander programma, geen Planbord-bestand.", path)
    valid_page_size = 512 <= header.page_size <= 65536 and header.page_size & (header.page_size - 1) == 0
    # With no -wal or -journal nobody is writing, so the file must hold every page
    # the header counts; less means it was cut short (copied halfway, disk full).
    quiet = not sidecar(path, "-wal").exists() and not sidecar(path, "-journal").exists()
    if not valid_page_size or (
        quiet and header.size_valid and size < header.page_count * header.page_size
    ):
        raise CorruptFileError(f"{name} is afgebroken of beschadigd en kan niet worden geopend.", path)
    return header


# ---------------------------------------------------------------------------
# Connections
# ---------------------------------------------------------------------------

def sqlite_uri(path: Path, **params: str) -> str:
    """A ``file:`` URI for sqlite3.connect(uri=True); quoting keeps '?' and '#' in names working."""
    posix = Path(path).absolute().as_posix()
    if not posix.startswith("/"):
        posix = "/" + posix  # Windows: file:///C:/...
    # An empty authority ("file://" + "/path"); a UNC path keeps its own "//server".
    uri = "file://" + quote(posix, safe="/:")
    if params:
        uri += "?" + "&".join(f"{k}={v}" for k, v in params.items())
    return uri


def needs_immutable(path: Path) -> bool:
    """True when a read-only connection must use ``immutable=1``.

    A WAL file in a folder we cannot write cannot get its -shm file, and SQLite
    then refuses even to read it. If there is no pending -wal or -journal, the
    file alone is the whole truth and nobody can be writing it (the folder is
    read-only), so immutable is safe. With a pending -wal or -journal immutable
    would show half-written data, so never then. A rollback-journal file (our
    choice on network shares, where others may write) needs no -shm: plain
    mode=ro, which still sees other people's commits.
    """
    if folder_writable(path):
        return False
    try:
        with open(path, "rb") as f:
            head = f.read(20)
    except OSError:
        return False
    if len(head) < 20 or head[18] != 2:  # not WAL
        return False
    return not _has_content(sidecar(path, "-wal")) and not sidecar(path, "-journal").exists()


def harden(conn: sqlite3.Connection) -> sqlite3.Connection:
    """A file is data, never code: settings every connection Planbord makes gets first.

    ``trusted_schema=OFF``: functions and virtual tables named in the file's schema (a
    view, a trigger, an index expression) may only be SQLite's harmless built-ins. The
    defensive flag (no writable_schema, no shadow-table writes) is set where Python exposes
    ``Connection.setconfig`` (3.12 and later; the 3.11 sqlite3 module does not).
    """
    conn.execute("PRAGMA trusted_schema=OFF")
    setconfig = getattr(conn, "setconfig", None)
    defensive = getattr(sqlite3, "SQLITE_DBCONFIG_DEFENSIVE", None)
    if setconfig is not None and defensive is not None:
        setconfig(defensive, True)
    return conn


def connect_readonly(path: Path) -> sqlite3.Connection:
    params = {"mode": "ro"}
    if needs_immutable(path):
        params["immutable"] = "1"
    conn = sqlite3.connect(sqlite_uri(path, **params), uri=True, timeout=BUSY_TIMEOUT_MS / 1000,
                           check_same_thread=False)
    return harden(conn)


def connect_readwrite(path: Path) -> sqlite3.Connection:
    # mode=rw: never create a missing file by accident.
    return harden(sqlite3.connect(sqlite_uri(path, mode="rw"), uri=True, timeout=BUSY_TIMEOUT_MS / 1000,
                                  check_same_thread=False))


def apply_connection_pragmas(conn: sqlite3.Connection, *, read_only: bool) -> None:
    """Per-connection settings: SQLite forgets these when a connection closes."""
    harden(conn)  # again, for a connection made elsewhere: cheap, and never forgotten
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    if read_only:
        conn.execute("PRAGMA query_only=ON")  # a second guard besides mode=ro
    else:
        # FULL: a commit that returned survives a power cut too, not just a crash.
        conn.execute("PRAGMA synchronous=FULL")


def wanted_journal_mode(path: Path) -> str:
    """WAL locally; the classic rollback journal on a network share.

    WAL needs shared memory between processes, which network file systems do
    not provide; there it can corrupt the file when two computers use it.
    """
    return "delete" if is_network_path(path) else "wal"


def check_contents(path: Path, *, can_recover: bool) -> str:
    """SQLite's own view of the file, read-only: intact, ours, and at which revision.

    Returns the stored Alembic revision. ``can_recover`` allows rolling back a
    hot journal left by a crash (only when we hold the lock and may write): a
    read-only connection cannot do that, and a hot journal is not damage.
    """
    name = f"“{path.name}”"
    try:
        try:
            return _check_contents(path)
        except sqlite3.OperationalError as e:
            if getattr(e, "sqlite_errorname", "") != "SQLITE_READONLY_ROLLBACK":
                raise
            if not can_recover:
                raise WorkspaceError(
                    f"{name} is bij een eerdere onderbreking niet netjes afgesloten. "
                    "Open het met schrijfrechten, dan herstelt Planbord het eerst.", path) from None
            recover = connect_readwrite(path)
            try:
                recover.execute("SELECT count(*) FROM sqlite_master").fetchall()
            finally:
                recover.close()
            return _check_contents(path)
    except sqlite3.DatabaseError as e:
        raise _translate(e, path) from None


@contextmanager
def no_trace_if_refused(path: Path) -> Iterator[None]:
    """Remove the empty -wal/-shm a read-only look at a WAL file leaves, if the file is refused.

    Only files that did not exist before, and only an empty -wal: never
    anything another program may be using.
    """
    wal, shm = sidecar(path, "-wal"), sidecar(path, "-shm")
    existed = wal.exists() or shm.exists()
    try:
        yield
    except BaseException:
        if not existed and not _has_content(wal):
            for p in (wal, shm):
                try:
                    p.unlink()
                except OSError:
                    pass
        raise


def _check_contents(path: Path) -> str:
    name = f"“{path.name}”"
    conn = connect_readonly(path)
    try:
        rows = conn.execute("PRAGMA quick_check").fetchall()
        if rows != [("ok",)] and not all(_value_finding(row[0]) for row in rows):
            raise CorruptFileError(f"{name} is beschadigd en kan niet worden geopend.", path)
        (app_id,) = conn.execute("PRAGMA application_id").fetchone()
        if app_id != APPLICATION_ID:
            raise NotPlanbordError(
                f"{name} is een database van een ander programma, geen Planbord-bestand.", path)
        has_version = conn.execute(
            "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='alembic_version'"
        ).fetchone()[0]
        versions = conn.execute("SELECT version_num FROM alembic_version").fetchall() if has_version else []
        if len(versions) != 1:
            raise CorruptFileError(
                f"{name} mist de gegevens over zijn versie; het is onvolledig of beschadigd.", path)
        return str(versions[0][0])
    finally:
        conn.close()


def _value_finding(finding: str) -> bool:
    """A quick_check finding about a value (a NULL in a NOT NULL column, a failed CHECK), not about
    the file's pages: the value checks of opening (app.services.verify_values) name it and offer a
    clean copy, instead of calling a sound file damaged."""
    return str(finding).startswith(("NULL value in ", "CHECK constraint failed in "))


def _translate(error: sqlite3.DatabaseError, path: Path) -> WorkspaceError:
    name = f"“{path.name}”"
    code = getattr(error, "sqlite_errorname", "") or ""
    if code.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return WorkspaceError(f"{name} is bezet door een ander programma. Probeer het zo opnieuw.", path)
    if code.startswith(("SQLITE_CANTOPEN", "SQLITE_IOERR", "SQLITE_READONLY", "SQLITE_PERM")):
        return WorkspaceError(
            f"{name} kan niet worden gelezen. Controleer of de schijf of netwerkmap bereikbaar is "
            "en of u er rechten op heeft.", path)
    return CorruptFileError(f"{name} is beschadigd en kan niet worden geopend.", path)


def publish_new_file(tmp: Path, target: Path) -> None:
    """Give the finished file ``tmp`` its real name, refusing to replace an existing file.

    Building under a temporary name means a crash never leaves a half-made
    file under the name the user chose.
    """
    try:
        os.link(tmp, target)  # atomic, and fails when target exists
    except FileExistsError:
        raise WorkspaceError(
            f"Het bestand “{target.name}” bestaat al; kies een andere naam.", target) from None
    except OSError:
        # No hard links on this file system (FAT, some shares): check, then rename.
        if target.exists():
            raise WorkspaceError(
                f"Het bestand “{target.name}” bestaat al; kies een andere naam.", target) from None
        os.replace(tmp, target)
        return
    tmp.unlink()


# ---------------------------------------------------------------------------
# File system facts (small functions so tests can replace them)
# ---------------------------------------------------------------------------

def file_writable(path: Path) -> bool:
    return os.access(path, os.W_OK)


def folder_writable(path: Path) -> bool:
    return os.access(Path(path).absolute().parent, os.W_OK | os.X_OK)


def _read_proc_mounts() -> str:
    try:
        with open("/proc/mounts", encoding="utf-8", errors="replace") as f:
            return f.read()
    except OSError:
        return ""


def _unescape_mount(field: str) -> str:
    # /proc/mounts writes space, tab, newline and backslash as octal escapes.
    for code, char in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        field = field.replace(code, char)
    return field


def linux_fs_type(path: PurePath, mounts_text: str) -> str:
    """The file system type of the mount that holds ``path`` (longest matching mount point)."""
    best, best_type = "", ""
    target = str(path)
    for line in mounts_text.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        mount_point, fs_type = _unescape_mount(parts[1]), parts[2]
        prefix = mount_point.rstrip("/") + "/"
        if (target == mount_point or target.startswith(prefix) or mount_point == "/") and \
                len(mount_point) >= len(best):
            best, best_type = mount_point, fs_type
    return best_type


def _windows_drive_type(root: str) -> int:
    import ctypes

    return ctypes.windll.kernel32.GetDriveTypeW(root)  # type: ignore[attr-defined]


DRIVE_REMOTE = 4


def windows_is_remote(path: PureWindowsPath, drive_type=_windows_drive_type) -> bool:
    if path.drive.startswith("\\\\"):  # UNC: \\server\share
        return True
    if not path.drive:
        return False
    return drive_type(path.drive + "\\") == DRIVE_REMOTE


def is_network_path(path: Path | str, *, platform: str | None = None) -> bool:
    """Whether ``path`` lies on a network share (NFS, SMB/CIFS, sshfs, 9p, a mapped drive)."""
    platform = platform or sys.platform
    try:
        if platform.startswith("win"):
            return windows_is_remote(PureWindowsPath(os.path.abspath(path)))
        if platform.startswith("linux"):
            real = Path(os.path.realpath(path))
            fs_type = linux_fs_type(real, _read_proc_mounts())
            return fs_type in NETWORK_FS_TYPES or fs_type.startswith("smb")
    except (OSError, ValueError, AttributeError):
        return False
    return False  # macOS and others: no cheap reliable test; WAL is the safe default locally
