"""Where Planbord writes what support needs: one log for the program and its command line.

``configure()`` is called once per process, by app.cli (the GUI and every command):

- ``planbord.log`` in the data folder (app.services.paths.data_dir), rotated at 1 MB with five
  older files kept (``planbord.log.1`` ... ``.5``): warnings and errors of every module (a failed
  backup, a failed write, an unexpected error with its traceback) and a line per start;
- stderr as well, for the GUI, when there is one to read: not for a bundled program started from
  the desktop (no terminal), and not for the command line, whose stderr carries its Dutch messages
  and nothing technical;
- ``planbord-crash.log`` beside it: Python's faulthandler writes the stack of every thread there
  when the process dies of a signal (a crash inside Qt), which no logging handler can.

No Qt here (app.cli configures it before deciding whether Qt is needed); ``logging.handlers`` is
imported only when configuring.
"""
from __future__ import annotations

import logging
import sys
from pathlib import Path

LOG_FILE_NAME = "planbord.log"
CRASH_FILE_NAME = "planbord-crash.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

_log_file: Path | None = None  # this process's log, once configured
_handlers: list[logging.Handler] = []
_crash_file = None  # kept open for the process's life: faulthandler writes to its descriptor


def program_version() -> str:
    """Planbord's version: the installed package's metadata, else the one in the source."""
    try:
        from importlib.metadata import version

        return version("planbord")
    except Exception:  # noqa: BLE001 - not installed (a bundle without metadata): the source's own
        from app import __version__

        return __version__


def log_file() -> Path | None:
    """The file this process logs to; None when logging was not configured (or could not be)."""
    return _log_file


def log_folder() -> Path:
    """The folder of the log (the data folder), configured or not."""
    if _log_file is not None:
        return _log_file.parent
    from app.services.paths import data_dir

    return data_dir()


def configure(*, gui: bool = False, folder: Path | None = None, crash_trace: bool = True) -> Path | None:
    """Log to the rotating file in ``folder`` (default the data folder) and, for the GUI, to
    stderr when there is one; turn on the crash trace. Once per process: a second call returns
    the file of the first. Returns the log file, or None when the folder cannot be written (the
    program runs on; what would have been logged goes to stderr as Python's last resort)."""
    global _log_file, _crash_file
    if _handlers:
        return _log_file
    from logging.handlers import RotatingFileHandler

    root = logging.getLogger()
    formatter = logging.Formatter(FORMAT)
    try:
        if folder is None:
            from app.services.paths import data_dir

            folder = data_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / LOG_FILE_NAME
        handler: logging.Handler = RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT,
                                                       encoding="utf-8", delay=True)
    except OSError:
        path = None
    else:
        handler.setLevel(logging.INFO)
        handler.setFormatter(formatter)
        _handlers.append(handler)
        _log_file = path
    if gui and _has_stderr():
        console = logging.StreamHandler(sys.stderr)
        console.setLevel(logging.WARNING)
        console.setFormatter(formatter)
        _handlers.append(console)
    for handler in _handlers:
        root.addHandler(handler)
    if root.level > logging.INFO or root.level == logging.NOTSET:
        root.setLevel(logging.INFO)
    if crash_trace and path is not None:
        _enable_crash_trace(path.parent / CRASH_FILE_NAME)
    from app import __version__

    logging.getLogger("app").info("Planbord %s started (Python %s, %s): %s", __version__,
                                  sys.version.split()[0], sys.platform, " ".join(sys.argv[1:]))
    return _log_file


def _has_stderr() -> bool:
    """Whether someone may read stderr: there is one (a windowed program on Windows has none),
    and, for the bundle, it is a terminal (started from the desktop, it goes nowhere useful)."""
    stream = sys.stderr
    if stream is None:
        return False
    if getattr(sys, "frozen", False):
        try:
            return stream.isatty()
        except (AttributeError, ValueError, OSError):
            return False
    return True


def _enable_crash_trace(path: Path) -> None:
    global _crash_file
    import faulthandler

    try:
        # Emptied at start once it has grown past the log's size; appended to otherwise.
        mode = "w" if path.exists() and path.stat().st_size > MAX_BYTES else "a"
        _crash_file = open(path, mode, encoding="utf-8")  # noqa: SIM115 - open as long as the process
        faulthandler.enable(file=_crash_file, all_threads=True)
    except (OSError, RuntimeError, ValueError):
        _crash_file = None


def crash_file() -> Path | None:
    return Path(_crash_file.name) if _crash_file is not None else None


def reset() -> None:
    """Undo configure() (tests): the handlers removed and closed, the crash trace off."""
    global _log_file, _crash_file
    root = logging.getLogger()
    for handler in _handlers:
        root.removeHandler(handler)
        handler.close()
    _handlers.clear()
    _log_file = None
    if _crash_file is not None:
        import faulthandler

        faulthandler.disable()
        _crash_file.close()
        _crash_file = None
