"""A lock file next to a workspace, so two Planbords never write the same file.

SQLite's own locks only guard single transactions, and over a network share
they are unreliable; a second program editing the same file would silently
overwrite the first one's work. So the writer leaves ``<name>.planbord.lock``
(JSON: host, user, pid, opened_at) next to the file while it has it open. It is
created with O_CREAT|O_EXCL, which is atomic locally and on NFSv3+/SMB, and is
removed only by the holder that wrote it (checked by a random token).

Whether a lock may be lifted: a lock of this computer whose process is gone, or whose
process id now belongs to a process that started after the lock was written (a reused
id), is stale; a lock that cannot be read (junk, half written, a folder) names nobody
and is stale too. A lock from another computer cannot be judged from here: it may be
lifted after a warning that names the holder and the time. Only a lock of a process
that runs here and is the one that wrote it is never offered to be lifted.

Whoever lifts a lock of a holder that may still run leaves a note
(``<name>.planbord.lock-broken``) naming themself, so that holder, at its next save,
can say who took the file over, even after the new holder closed it again.
"""
from __future__ import annotations

import getpass
import json
import os
import secrets
import socket
import sys
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

from app.services.errors import LockedError, WorkspaceError

LOCK_SUFFIX = ".lock"
BROKEN_SUFFIX = ".lock-broken"
MAX_LOCK_BYTES = 64 * 1024  # a lock is ~150 bytes; more is not ours, and is not read whole
MAX_NOTES = 20  # takeover notes kept (the newest)
# A process that started more than this after the lock was written cannot have written it
# (its id was reused). Generous: the lock's time is to the second, the boot time is
# derived from the clock, which may have been corrected since.
START_SLACK_SECONDS = 120.0


@dataclass(frozen=True)
class LockInfo:
    host: str = ""
    user: str = ""
    pid: int = 0
    opened_at: str = ""  # ISO 8601 with offset
    token: str = field(default="", repr=False)

    @property
    def opened(self) -> datetime | None:
        try:
            return datetime.fromisoformat(self.opened_at)
        except ValueError:
            return None

    def describe(self) -> str:
        """Dutch: "jan op laptop-3 (sinds 11-11-2021 14:03)"."""
        who = self.user or "een onbekende gebruiker"
        where = self.host or "een onbekende computer"
        text = f"{who} op {where}"
        opened = self.opened
        if opened is not None:
            text += f" (sinds {self.since()})"
        return text

    def who(self) -> str:
        """Dutch: "jan@laptop-3" (what is unknown is said so)."""
        if not self.user and not self.host:
            return "een onbekende"
        return f"{self.user or 'onbekend'}@{self.host or 'onbekende computer'}"

    def since(self) -> str:
        """The time the lock was written, "11-11-2021 14:03"; "" when unknown."""
        opened = self.opened
        return opened.astimezone().strftime("%d-%m-%Y %H:%M") if opened is not None else ""

    @property
    def names_nobody(self) -> bool:
        """A lock without host, user or process id: junk, half written, or unreadable."""
        return not self.host and not self.user and self.pid <= 0


def lock_path(path: Path | str) -> Path:
    path = Path(path)
    return path.with_name(path.name + LOCK_SUFFIX)


def _this_host() -> str:
    return socket.gethostname()


def _this_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in some service/container setups
        return os.environ.get("USERNAME") or os.environ.get("USER") or ""


def _read_small(path: Path) -> bytes:
    """A small file's bytes, never blocking on a FIFO (raises OSError, NotSqliteError)."""
    from app.services.output_paths import read_head

    data, _ = read_head(path, MAX_LOCK_BYTES)
    return data


def _lock_from(data: object) -> LockInfo:
    if not isinstance(data, dict):
        raise TypeError("not a lock")
    pid = int(data.get("pid", 0))
    if not 0 < pid < 2 ** 31:
        pid = 0
    return LockInfo(host=str(data.get("host", "")), user=str(data.get("user", "")), pid=pid,
                    opened_at=str(data.get("opened_at", "")), token=str(data.get("token", "")))


def read_lock(path: Path | str) -> LockInfo | None:
    """The lock on the workspace at ``path``; None when it is not locked.

    A lock that cannot be read (a folder, a FIFO, junk bytes, not UTF-8, bad JSON) is
    ``LockInfo()``: locked, naming nobody, which :func:`lock_is_stale` calls stale.
    """
    try:
        raw = _read_small(lock_path(path))
    except FileNotFoundError:
        return None
    except (OSError, WorkspaceError):
        return LockInfo()
    try:
        return _lock_from(json.loads(raw.decode("utf-8")))
    except (ValueError, TypeError, AttributeError, OverflowError, RecursionError):
        # Half-written or foreign content (UnicodeDecodeError is a ValueError): names nobody.
        return LockInfo()


def pid_alive(pid: int) -> bool:
    """Whether a process with this id runs on this computer (a reused id counts as alive)."""
    if pid <= 0:
        return False
    if sys.platform.startswith("win"):
        return _windows_pid_alive(pid)
    try:
        os.kill(pid, 0)  # signal 0: only checks existence and permission
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by someone else
    except OSError:
        return True
    return True


def _windows_pid_alive(pid: int) -> bool:
    # os.kill(pid, 0) would send CTRL_C on Windows, so ask the kernel instead.
    import ctypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    process_query_limited_information, still_active = 0x1000, 259
    handle = kernel32.OpenProcess(process_query_limited_information, False, pid)
    if not handle:
        return ctypes.get_last_error() == 5  # access denied: it exists
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == still_active
    finally:
        kernel32.CloseHandle(handle)


def _linux_boot_time() -> float | None:
    try:
        with open("/proc/stat", encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith("btime "):
                    return float(line.split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return None


def _linux_process_start(pid: int) -> float | None:
    """When process ``pid`` started (seconds since the epoch), from /proc; None if unknown."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            raw = f.read()
        # "pid (comm) state ppid ...": comm may hold spaces and ")"; field 22 is the start
        # time in clock ticks after boot, the 20th field after the last ")".
        ticks = int(raw[raw.rindex(b")") + 1:].split()[19])
        hertz = os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None
    boot = _linux_boot_time()
    if boot is None or hertz <= 0:
        return None
    return boot + ticks / hertz


FILETIME_EPOCH_OFFSET = 11644473600  # seconds from 1601-01-01 (Windows) to 1970-01-01


def filetime_to_epoch(value: int) -> float:
    """A Windows FILETIME (100 ns since 1601) as seconds since 1970."""
    return value / 10_000_000 - FILETIME_EPOCH_OFFSET


def _windows_process_start(pid: int) -> float | None:  # pragma: no cover - Windows only
    import ctypes
    from ctypes import wintypes

    try:
        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return None
        try:
            times = [wintypes.FILETIME() for _ in range(4)]
            if not kernel32.GetProcessTimes(handle, *(ctypes.byref(t) for t in times)):
                return None
            created = times[0]
            return filetime_to_epoch((created.dwHighDateTime << 32) | created.dwLowDateTime)
        finally:
            kernel32.CloseHandle(handle)
    except (OSError, AttributeError, ValueError):
        return None


def process_start_time(pid: int) -> float | None:
    """When the running process ``pid`` started, in seconds since the epoch; None if unknown.

    Linux: /proc/<pid>/stat (start in clock ticks after boot) and /proc/stat's boot time.
    Windows: GetProcessTimes (psutil is not a dependency). Elsewhere (macOS, BSD): unknown.
    """
    if sys.platform.startswith("linux"):
        return _linux_process_start(pid)
    if sys.platform.startswith("win"):
        return _windows_process_start(pid)
    return None


def lock_is_stale(info: LockInfo) -> bool | None:
    """True: the holder is certainly gone. False: the holder runs here. None: cannot tell.

    Stale: a lock naming nobody (unreadable, junk); a lock of this computer whose process
    no longer runs, or whose process id now belongs to a process that started after the
    lock was written. Running: a live process here that is (or may be) the one that wrote
    it, and always this very program's own process id unless it provably started later.
    Cannot tell: another computer, no process id, or (macOS) a live id whose start time
    is unknown; the user decides, after a warning.
    """
    if info.names_nobody:
        return True
    if not info.host or info.pid <= 0:
        return None
    if info.host.lower() != _this_host().lower():
        return None
    if not pid_alive(info.pid):
        return True
    opened = info.opened
    if opened is None:
        return False  # no time to compare with: the live process may be the holder
    started = process_start_time(info.pid)
    if started is None:
        return False if info.pid == os.getpid() else None
    return started > opened.timestamp() + START_SLACK_SECONDS


def can_lift(stale: bool | None) -> bool:
    """Whether the user may be offered to lift a lock (with a warning unless it is stale)."""
    return stale is not False


def locked_message(path: Path, holder: LockInfo, stale: bool | None) -> str:
    name = f"“{path.name}”"
    if holder.names_nobody:
        return (f"{name} is vergrendeld, maar niet te zien door wie: de vergrendeling is onleesbaar "
                "(beschadigd of half geschreven). U kunt de vergrendeling opheffen en het bestand "
                "openen, of het alleen-lezen openen.")
    if stale is not True and holder.host.lower() == _this_host().lower() and holder.pid == os.getpid():
        return f"{name} is in dit programma al geopend."
    if stale:
        return (f"{name} is nog vergrendeld door Planbord van {holder.describe()}, maar dat "
                "programma draait niet meer. U kunt de vergrendeling opheffen en het bestand openen.")
    if stale is None:
        return (f"{name} is al geopend door {holder.describe()}. U kunt het alleen-lezen openen, of "
                "de vergrendeling opheffen als u zeker weet dat het daar niet meer open is.")
    return (f"{name} is al geopend door {holder.describe()}. U kunt het alleen-lezen openen, "
            "of vragen het bestand eerst te sluiten.")


def acquire_lock(path: Path) -> LockInfo:
    """Create the lock file; raises LockedError when another holder has it."""
    info = LockInfo(host=_this_host(), user=_this_user(), pid=os.getpid(),
                    opened_at=datetime.now().astimezone().isoformat(timespec="seconds"),
                    token=secrets.token_hex(8))
    target = lock_path(path)
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        holder = read_lock(path) or LockInfo()
        stale = lock_is_stale(holder)
        raise LockedError(locked_message(path, holder, stale), path, holder, stale,
                          can_lift=can_lift(stale)) from None
    except OSError as e:
        from app.services.output_paths import os_error_text

        raise WorkspaceError(
            f"Planbord kan naast “{path.name}” geen vergrendeling aanmaken: {os_error_text(e)}.", path
        ) from None
    try:
        os.write(fd, json.dumps(asdict(info), indent=1).encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)
    return info


def break_lock(path: Path) -> LockInfo | None:
    """Remove someone else's lock: only after the user chose to (or it is stale).

    Returns the lock that was removed (None: there was none). A lock that is a folder
    (empty) is removed too; what cannot be removed raises WorkspaceError (Dutch).
    """
    target = lock_path(path)
    holder = read_lock(path)
    try:
        target.unlink()
    except FileNotFoundError:
        return None
    except OSError as e:
        if not target.is_dir():
            raise _cannot_lift(path, e) from None
        try:
            target.rmdir()
        except OSError as e2:
            raise _cannot_lift(path, e2) from None
    return holder


def _cannot_lift(path: Path, error: OSError) -> WorkspaceError:
    from app.services.output_paths import os_error_text

    return WorkspaceError(f"De vergrendeling van “{path.name}” kan niet worden opgeheven: "
                          f"{os_error_text(error)}.", path)


# --- who took a file over: a note for a holder that may still be running ---------------------

def broken_path(path: Path | str) -> Path:
    path = Path(path)
    return path.with_name(path.name + BROKEN_SUFFIX)


def _read_notes(path: Path) -> list[dict]:
    try:
        data = json.loads(_read_small(broken_path(path)).decode("utf-8"))
    except (OSError, WorkspaceError, ValueError, TypeError, RecursionError):
        return []
    if not isinstance(data, list):
        return []
    return [n for n in data if isinstance(n, dict) and isinstance(n.get("token"), str)]


def _write_notes(path: Path, notes: list[dict]) -> None:
    target = broken_path(path)
    if not notes:
        try:
            target.unlink()
        except OSError:
            pass
        return
    tmp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    try:
        tmp.write_text(json.dumps(notes[-MAX_NOTES:], indent=1), encoding="utf-8")
        os.replace(tmp, target)
    except OSError:
        try:
            tmp.unlink()
        except OSError:
            pass


def note_takeover(path: Path, broken: LockInfo | None, by: LockInfo) -> None:
    """Leave a note that ``by`` lifted the lock ``broken`` (best effort, never raises).

    Only for a holder that may still run: a stale holder will never read it."""
    if broken is None or not broken.token or lock_is_stale(broken) is True:
        return
    note = {"token": broken.token, "host": by.host, "user": by.user, "pid": by.pid,
            "at": datetime.now().astimezone().isoformat(timespec="seconds")}
    _write_notes(path, [n for n in _read_notes(path) if n.get("token") != broken.token] + [note])


def taken_over_by(path: Path, token: str) -> LockInfo | None:
    """Who lifted the lock with ``token`` (their user, host, and the time they did); the
    note is removed once read. None when nobody left one."""
    if not token:
        return None
    notes = _read_notes(path)
    mine = [n for n in notes if n.get("token") == token]
    if not mine:
        return None
    _write_notes(path, [n for n in notes if n.get("token") != token])
    try:
        return _lock_from({"host": mine[-1].get("host", ""), "user": mine[-1].get("user", ""),
                           "pid": mine[-1].get("pid", 0), "opened_at": mine[-1].get("at", "")})
    except (ValueError, TypeError, OverflowError):
        return LockInfo()


def lost_lock_message(path: Path, taker: LockInfo | None) -> str:
    """Dutch, for a holder whose lock was lifted: who took the file over, and that it is
    now read-only (the caller says nothing was saved)."""
    name = f"“{path.name}”"
    then = " Sluit het bestand en open het opnieuw om verder te werken."
    if taker is None:
        return (f"De vergrendeling van {name} is door een ander opgeheven: het bestand is "
                "overgenomen en kan intussen gewijzigd zijn. Planbord schrijft er niet meer in; het "
                "is nu alleen-lezen." + then)
    since = taker.since()
    when = f" (op {since})" if since else ""
    return (f"{name} is overgenomen door {taker.who()}{when}: die heeft de vergrendeling "
            "opgeheven. Planbord schrijft er niet meer in; het is nu alleen-lezen." + then)


def release_lock(path: Path, info: LockInfo) -> None:
    """Remove our own lock; leave it if someone broke ours and took the file over."""
    current = read_lock(path)
    if current is not None and current.token == info.token:
        try:
            lock_path(path).unlink()
        except FileNotFoundError:
            pass
