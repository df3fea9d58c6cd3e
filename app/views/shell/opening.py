"""Opening a workspace file with the user in the loop: errors as Dutch messages, lock choices.

Used at start-up and by File > Open / Open recent / restore. The workspace
module decides what is wrong with a file and says so in Dutch
(``WorkspaceError.message``); this module only shows that message, never a
traceback, and for a file someone else has open offers to open it read-only
or, when the lock is stale, to lift the lock.
"""
from __future__ import annotations

import logging
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from app.errors import UserError
from app.services.errors import LockedError

translate = QCoreApplication.translate
log = logging.getLogger(__name__)


class LockChoice(Enum):
    READ_ONLY = "read_only"
    BREAK_LOCK = "break_lock"
    CANCEL = "cancel"


def show_error(parent: QWidget | None, message: str, title: str | None = None) -> None:
    """A Dutch message in a dialog; the one way the shell reports a failed file operation."""
    QMessageBox.warning(parent, title or translate("Opening", "Planbord"), message)


def lock_is_stale(error: LockedError) -> bool:
    """Whether the holder of the lock is certainly gone (then lifting it is safe)."""
    from app.services.filelock import lock_is_stale as check

    stale = error.stale
    if stale is None and error.holder is not None:
        stale = check(error.holder)
    return bool(stale)


def _holder_unknown(error: LockedError) -> bool:
    holder = error.holder
    return holder is not None and not holder.host and not holder.user


def ask_lock_choice(parent: QWidget | None, error: LockedError, offer_break: bool) -> LockChoice:
    """Ask what to do with a file someone else has open. A seam tests replace."""
    box = QMessageBox(QMessageBox.Icon.Warning, translate("Opening", "File in use"),
                      error.message, QMessageBox.StandardButton.NoButton, parent)
    read_only = box.addButton(translate("Opening", "Open read-only"), QMessageBox.ButtonRole.AcceptRole)
    lift = None
    if offer_break:
        lift = box.addButton(translate("Opening", "Lift the lock"), QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(translate("Opening", "Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(read_only)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    if clicked is read_only:
        return LockChoice.READ_ONLY
    if lift is not None and clicked is lift:
        return LockChoice.BREAK_LOCK
    return LockChoice.CANCEL


def open_interactively(parent: QWidget | None, path: Path | str):
    """Open ``path``; on failure tell the user why and return None. Never raises."""
    from app.services import workspace as ws

    path = Path(path)
    try:
        try:
            return _checked(ws.open_workspace(path))
        except LockedError as exc:
            offer_break = lock_is_stale(exc) or _holder_unknown(exc)
            choice = ask_lock_choice(parent, exc, offer_break)
            if choice is LockChoice.READ_ONLY:
                return _checked(ws.open_workspace(path, read_only=True))
            if choice is LockChoice.BREAK_LOCK:
                return _checked(ws.open_workspace(path, break_lock=True))
            return None
    except UserError as exc:
        show_error(parent, exc.message)
    except Exception as exc:  # noqa: BLE001 - anything else still gets a Dutch message, not a crash
        log.exception("opening %s failed", path)
        show_error(parent, _unexpected_message(path, exc))
    return None


def _checked(workspace):
    """A first read, so a file the workspace module let through but SQLite cannot read
    is refused here, with a message, instead of failing later in the window."""
    from app.services.plans import check_readable

    try:
        check_readable(workspace)
    except Exception:
        workspace.close()
        raise
    return workspace


def _unexpected_message(path: Path, exc: Exception) -> str:
    if isinstance(exc, OSError):
        return translate("Opening", "“{name}” cannot be read ({reason}).").format(
            name=path.name, reason=exc.strerror or exc)
    return translate("Opening", "“{name}” cannot be opened because of an unexpected error "
                                "({error}).").format(name=path.name, error=type(exc).__name__)


def file_filter() -> str:
    return translate("Opening", "Planbord files (*.planbord)")


def with_suffix(path: Path) -> Path:
    """``path`` with the .planbord extension (added when the user typed a bare name)."""
    from app.services.workspace import FILE_SUFFIX

    return path if path.suffix == FILE_SUFFIX else path.with_name(path.name + FILE_SUFFIX)
