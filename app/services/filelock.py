"""A lock file next to a workspace, so two Planbords never write the same file.

SQLite's own locks only guard single transactions, and over a network share
they are unreliable; a second program editing the same file would silently
overwrite the first one's work. So the writer leaves ``<name>.planbord.lock``
(JSON: host, user, pid, opened_at) next to the file while it has it open. It is
created with O_CREAT|O_EXCL, which is atomic locally and on NFSv3+/SMB, and is
removed only by the holder that wrote it (checked by a random token).
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
            text += f" (sinds {opened.astimezone().strftime('%d-%m-%Y %H:%M')})"
        return text


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


def read_lock(path: Path | str) -> LockInfo | None:
    """The lock on the workspace at ``path``; None when it is not locked."""
    try:
        raw = lock_path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError:
        return LockInfo()
    try:
        data = json.loads(raw)
        return LockInfo(host=str(data.get("host", "")), user=str(data.get("user", "")),
                        pid=int(data.get("pid", 0)), opened_at=str(data.get("opened_at", "")),
                        token=str(data.get("token", "")))
    except (ValueError, TypeError, AttributeError):
        # Half-written or foreign content: locked, holder unknown.
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


def lock_is_stale(info: LockInfo) -> bool | None:
    """True: the holder is certainly gone (this computer, process not running).

    False: the holder is running here. None: cannot tell (another computer, or a
    lock file without readable holder); the user has to decide.
    """
    if not info.host or info.pid <= 0:
        return None
    if info.host.lower() != _this_host().lower():
        return None
    return not pid_alive(info.pid)


def locked_message(path: Path, holder: LockInfo, stale: bool | None) -> str:
    name = f"“{path.name}”"
    if holder.host.lower() == _this_host().lower() and holder.pid == os.getpid():
        return f"{name} is in dit programma al geopend."
    if not holder.host and not holder.user:
        return (f"{name} is vergrendeld, maar niet te zien door wie. U kunt het alleen-lezen "
                "openen, of de vergrendeling opheffen als u zeker weet dat niemand het gebruikt.")
    if stale:
        return (f"{name} is nog vergrendeld door Planbord van {holder.describe()}, maar dat "
                "programma draait niet meer. U kunt de vergrendeling opheffen en het bestand openen.")
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
        raise LockedError(locked_message(path, holder, stale), path, holder, stale) from None
    except OSError as e:
        raise WorkspaceError(
            f"Planbord kan naast “{path.name}” geen vergrendeling aanmaken ({e.strerror}).", path
        ) from None
    try:
        os.write(fd, json.dumps(asdict(info), indent=1).encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)
    return info


def break_lock(path: Path) -> None:
    """Remove someone else's lock: only after the user chose to (or it is stale)."""
    try:
        lock_path(path).unlink()
    except FileNotFoundError:
        pass


def release_lock(path: Path, info: LockInfo) -> None:
    """Remove our own lock; leave it if someone broke ours and took the file over."""
    current = read_lock(path)
    if current is not None and current.token == info.token:
        try:
            lock_path(path).unlink()
        except FileNotFoundError:
            pass
