"""Paths the program reads from and writes to, checked before anything is opened.

- In: only a regular file is opened. A FIFO would make ``open()`` wait forever for a
  writer, a device (``/dev/zero``) never ends, a folder is not a file: each is refused
  with a Dutch message, decided by ``os.stat`` *before* any ``open()``
  (:func:`check_regular_file`), and read with ``O_NONBLOCK`` and checked again with
  ``fstat`` in case the name changed in between (:func:`read_head`).
- Out: an output (a PDF, a chart, a new workspace, a copy) never goes over the file it
  is made from (same inode and device, also through a symbolic link) nor over any
  workspace or other SQLite database (:func:`check_output_path`); it is written under a
  temporary name beside the target and renamed over it only when complete, and the
  temporary file is removed when anything fails (:func:`write_atomically`).
- Every ``OSError`` becomes Dutch (:func:`os_error_text`, :func:`write_failed_message`).
"""
from __future__ import annotations

import errno
import os
import secrets
import stat
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from app.services.errors import NotSqliteError, WorkspaceError

T = TypeVar("T")

_SQLITE_MAGIC = b"SQLite format 3\x00"

# errno -> what went wrong, in Dutch (a phrase that fits after "Planbord kon ... niet opslaan: ").
_ERRNO_TEXT = {
    errno.ENOSPC: "de schijf is vol",
    errno.EACCES: "u heeft geen schrijfrechten (of het bestand is geopend in een ander programma)",
    errno.EPERM: "u heeft geen rechten om dit te doen",
    errno.EROFS: "de schijf of map is alleen-lezen",
    errno.ENAMETOOLONG: "de naam is te lang",
    errno.EISDIR: "het is een map, geen bestand",
    errno.ENOENT: "de map bestaat niet (meer)",
    errno.ENOTDIR: "een deel van het pad is geen map",
    errno.EEXIST: "er bestaat al een bestand met die naam",
    errno.EBUSY: "het bestand is in gebruik",
    errno.EIO: "de schijf gaf een lees- of schrijffout; controleer of de schijf of netwerkmap nog "
               "bereikbaar is",
    errno.EFBIG: "het bestand wordt te groot voor deze schijf",
    errno.EMFILE: "er zijn te veel bestanden tegelijk geopend",
    errno.ENFILE: "er zijn te veel bestanden tegelijk geopend",
    errno.EINVAL: "de naam bevat tekens die hier niet mogen",
    errno.ELOOP: "een koppeling (symbolic link) verwijst in een kring",
    errno.ENXIO: "het apparaat is er niet (meer)",
    errno.EXDEV: "het bestand kan niet naar een andere schijf worden verplaatst",
    errno.ENOTEMPTY: "de map is niet leeg",
}
for _name, _text in (("EDQUOT", "uw schijfruimte (quotum) is op"),
                     ("ETXTBSY", "het bestand is in gebruik"),
                     ("ESTALE", "de netwerkmap is niet meer bereikbaar"),
                     ("ETIMEDOUT", "de netwerkmap reageert niet"),
                     ("EHOSTDOWN", "de netwerkmap reageert niet"),
                     ("EHOSTUNREACH", "de netwerkmap is niet bereikbaar"),
                     ("ENETUNREACH", "het netwerk is niet bereikbaar"),
                     ("ENOTCONN", "de netwerkmap is niet verbonden")):
    if hasattr(errno, _name):
        _ERRNO_TEXT[getattr(errno, _name)] = _text


class OutputPathError(WorkspaceError):
    """An output that may not or could not be written; ``message`` says why, in Dutch."""


def os_error_text(error: OSError) -> str:
    """What ``error`` means, in Dutch (e.g. "de schijf is vol"); never a bare English text."""
    code = error.errno
    if code is None and isinstance(error, FileNotFoundError):
        code = errno.ENOENT
    if code is None and isinstance(error, PermissionError):
        code = errno.EACCES
    text = _ERRNO_TEXT.get(code)  # type: ignore[arg-type]
    if text is not None:
        return text
    detail = error.strerror or str(error) or type(error).__name__
    return f"een fout van het besturingssysteem ({detail})"


def write_failed_message(path: Path | str, error: OSError) -> str:
    return f"Planbord kon “{Path(path).name}” niet opslaan: {os_error_text(error)}."


def read_failed_message(path: Path | str, error: OSError) -> str:
    text = os_error_text(error)
    if isinstance(error, PermissionError) or error.errno == errno.EACCES:
        text = "u heeft geen rechten om het te lezen"
    return f"Planbord kon “{Path(path).name}” niet lezen: {text}."


def os_error_message(error: OSError) -> str:
    """A Dutch sentence for an OSError whose file may be unknown (the command line's last net)."""
    if error.filename:
        return f"“{Path(str(error.filename)).name}”: {os_error_text(error)}."
    text = os_error_text(error)
    return text[:1].upper() + text[1:] + "."


# ---------------------------------------------------------------------------
# In: regular files only
# ---------------------------------------------------------------------------

def kind_of(mode: int) -> str:
    """What a file of this mode is, in Dutch ("een map", "een FIFO (pijp)"); "" for a regular file."""
    if stat.S_ISREG(mode):
        return ""
    if stat.S_ISDIR(mode):
        return "een map"
    if stat.S_ISFIFO(mode):
        return "een FIFO (pijp)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "een apparaat"
    if stat.S_ISSOCK(mode):
        return "een socket"
    return "geen gewoon bestand"


def check_regular_file(path: Path | str) -> os.stat_result:
    """``os.stat(path)``, refusing anything but a regular file (NotSqliteError, Dutch).

    Decided before any ``open()``: opening a FIFO waits for a writer, forever. An OSError
    of ``os.stat`` itself (missing, no rights) is left to the caller.
    """
    result = os.stat(path)
    kind = kind_of(result.st_mode)
    if kind:
        raise NotSqliteError(f"“{Path(path).name}” is {kind}, geen Planbord-bestand.", Path(path))
    return result


def read_head(path: Path | str, size: int) -> tuple[bytes, int]:
    """The first ``size`` bytes of a regular file and its length, never blocking.

    ``O_NONBLOCK`` makes opening a FIFO return at once (where the platform has it), and
    ``fstat`` on what was opened refuses it even if the name was swapped after a check.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        kind = kind_of(info.st_mode)
        if kind:
            raise NotSqliteError(f"“{Path(path).name}” is {kind}, geen Planbord-bestand.", Path(path))
        chunks, wanted = [], size
        while wanted > 0:
            chunk = os.read(fd, wanted)
            if not chunk:
                break
            chunks.append(chunk)
            wanted -= len(chunk)
        return b"".join(chunks), info.st_size
    finally:
        os.close(fd)


# ---------------------------------------------------------------------------
# Out: never over the input or a workspace, always complete or not at all
# ---------------------------------------------------------------------------

def database_kind(path: Path | str) -> str:
    """"workspace" for a Planbord file, "database" for another SQLite file, else ""."""
    from app.services.fileformat import APPLICATION_ID

    try:
        head, _ = read_head(path, 100)
    except (OSError, WorkspaceError):
        return ""
    if not head.startswith(_SQLITE_MAGIC):
        return ""
    if len(head) >= 72 and int.from_bytes(head[68:72], "big") == APPLICATION_ID:
        return "workspace"
    return "database"


def _same_file(a: os.stat_result, b: os.stat_result) -> bool:
    return (a.st_ino, a.st_dev) == (b.st_ino, b.st_dev) and a.st_ino != 0


def check_output_path(target: Path | str, *, inputs: Iterable[Path | str | None] = ()) -> None:
    """Refuse an output path that must not be written (OutputPathError, Dutch).

    Refused: a folder, a FIFO or device, any of ``inputs`` (the same file, also reached
    through a symbolic link or a hard link), and any Planbord workspace or other SQLite
    database. A name that does not exist yet is fine (its folder is checked on writing).
    """
    target = Path(target)
    name = f"“{target.name}”"
    try:
        info = os.stat(target)  # follows a link: the file that would be written
    except FileNotFoundError:
        return
    except OSError as e:
        raise OutputPathError(write_failed_message(target, e), target) from None
    kind = kind_of(info.st_mode)
    if stat.S_ISDIR(info.st_mode):
        raise OutputPathError(f"{name} is een map; kies een bestandsnaam.", target)
    if kind:
        raise OutputPathError(f"{name} is {kind}, geen bestand; Planbord schrijft er niet in. "
                              "Kies een andere naam.", target)
    for source in inputs:
        if not isinstance(source, (str, os.PathLike)):
            continue  # none, or a server database (its ServerName): no file here to write over
        try:
            source_info = os.stat(source)
        except OSError:
            continue
        if _same_file(info, source_info):
            raise OutputPathError(
                f"{name} is het bestand zelf waaruit Planbord leest (“{Path(source).name}”); "
                "Planbord schrijft er niet overheen. Kies een andere naam.", target)
    found = database_kind(target)
    if found == "workspace":
        raise OutputPathError(f"{name} is een Planbord-werkbestand; Planbord schrijft er niet "
                              "overheen. Kies een andere naam.", target)
    if found == "database":
        raise OutputPathError(f"{name} is een database; Planbord schrijft er niet overheen. "
                              "Kies een andere naam.", target)


def temporary_name(final: Path) -> Path:
    """A hidden name beside ``final`` for writing it (short enough for a long final name)."""
    return final.with_name(f".{final.name[:120]}.{secrets.token_hex(4)}.tmp")


def _fsync(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # not every file system can; the rename below is still atomic
    finally:
        os.close(fd)


def write_atomically(target: Path | str, write: Callable[[Path], T], *,
                     inputs: Iterable[Path | str | None] = ()) -> T:
    """Write ``target`` through ``write(temporary_path)``, then rename it over ``target``.

    Checked first with :func:`check_output_path`. A target that is a symbolic link is
    written where the link points. Whatever fails (``write`` raising, a full disk, a
    cancel), the temporary file is removed and ``target`` is as it was; an OSError
    becomes an OutputPathError with a Dutch message. Returns what ``write`` returned.
    """
    target = Path(target)
    check_output_path(target, inputs=inputs)
    final = Path(os.path.realpath(target))
    if not final.parent.is_dir():
        raise OutputPathError(f"De map “{target.parent}” bestaat niet; kies een andere plek.", target)
    tmp = temporary_name(final)
    try:
        result = write(tmp)
        _fsync(tmp)
        os.replace(tmp, final)
    except OSError as e:
        _remove(tmp)
        raise OutputPathError(write_failed_message(target, e), target) from e
    except BaseException:
        _remove(tmp)
        raise
    return result


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        pass
    except OSError:
        pass  # nothing more to do; the name is hidden and recognisably temporary
