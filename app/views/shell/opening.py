"""Opening a workspace file with the user in the loop: errors as Dutch messages, lock choices.

Used at start-up and by File > Open / Open recent / restore. The workspace
module decides what is wrong with a file and says so in Dutch
(``WorkspaceError.message``); this module only shows that message, never a
traceback, and for a file someone else has open offers to open it read-only
or, when the lock may be lifted (``LockedError.can_lift``: a stale lock, a lock
from another computer, one that cannot be judged), to lift it, with a warning
naming the holder and the time unless the holder certainly no longer runs.
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
        warning = lift_warning(error)
        if warning:
            box.setInformativeText(warning)
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


def lift_warning(error: LockedError) -> str:
    """The warning shown beside "Lift the lock" for a holder that may still have the file open
    (another computer, or one that cannot be judged): it names the holder and the time. None
    needed for a holder that certainly no longer runs."""
    holder = error.holder
    if holder is None or lock_is_stale(error):
        return ""
    since = holder.since()
    if since:
        return translate("Opening", "Only lift the lock if you are sure {holder} no longer has the file "
                                    "open (opened {time}). If they still have it open, they can no "
                                    "longer save their changes in it.").format(holder=holder.who(),
                                                                               time=since)
    return translate("Opening", "Only lift the lock if you are sure {holder} no longer has the file "
                                "open. If they still have it open, they can no longer save their "
                                "changes in it.").format(holder=holder.who())


def open_interactively(parent: QWidget | None, path: Path | str, *, backup_later: bool = False):
    """Open ``path``; on failure tell the user why and return None. Never raises.

    ``backup_later``: the backup of the file as it was opened is not made while opening; the
    caller has it made once the first page is painted (``Workspace.backup_on_open``; the
    workspace makes it before its first write in any case). Start-up uses it."""
    from app.services import workspace as ws

    path = Path(path)
    try:
        try:
            return _checked(ws.open_workspace(path, backup_later=backup_later))
        except LockedError as exc:
            offer_break = getattr(exc, "can_lift", False) or lock_is_stale(exc) or _holder_unknown(exc)
            choice = ask_lock_choice(parent, exc, offer_break)
            if choice is LockChoice.READ_ONLY:
                return _checked(ws.open_workspace(path, read_only=True))
            if choice is LockChoice.BREAK_LOCK:
                return _checked(ws.open_workspace(path, break_lock=True, backup_later=backup_later))
            return None
    except UserError as exc:
        if getattr(exc, "can_clean_copy", False):  # refused for what it holds: its data can still be had
            return offer_clean_copy(parent, path, exc)
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
        from app.services.output_paths import os_error_text

        return translate("Opening", "“{name}” cannot be read ({reason}).").format(
            name=path.name, reason=os_error_text(exc))
    return translate("Opening", "“{name}” cannot be opened because of an unexpected error "
                                "({error}).").format(name=path.name, error=type(exc).__name__)


def file_filter() -> str:
    return translate("Opening", "Planbord files (*.planbord)")


def with_suffix(path: Path) -> Path:
    """``path`` with the .planbord extension (added when the user typed a bare name)."""
    from app.services.workspace import FILE_SUFFIX

    return path if path.suffix == FILE_SUFFIX else path.with_name(path.name + FILE_SUFFIX)


# --- a clean copy of a file refused for what it holds ------------------------------------------

def offer_clean_copy(parent: QWidget | None, path: Path, error: UserError):
    """``path`` was refused (a trigger, a view, values it cannot use): say why and offer a clean
    copy; make it where the user says, open it and show what was left out. Returns the open
    copy, or None. Never raises."""
    from app.services.clean_copy import default_target, make_clean_copy
    from app.services.workspace import open_workspace

    if not ask_clean_copy(parent, error):
        return None
    target = ask_clean_copy_target(parent, default_target(path))
    if target is None:
        return None
    target = with_suffix(target)
    try:
        report = make_clean_copy(path, target)
        workspace = _checked(open_workspace(target))
    except UserError as exc:
        show_error(parent, exc.message)
        return None
    except Exception as exc:  # noqa: BLE001 - a Dutch message, not a crash
        log.exception("clean copy of %s to %s failed", path, target)
        show_error(parent, _unexpected_message(path, exc))
        return None
    show_clean_copy_report(parent, report)
    return workspace


def clean_copy_question(parent: QWidget | None, error: UserError) -> tuple[QMessageBox, object]:
    """The dialog that says why a file was refused and offers a clean copy; returns it and its
    "Make a clean copy…" button."""
    box = QMessageBox(QMessageBox.Icon.Warning, translate("Opening", "File not opened"),
                      error.message, QMessageBox.StandardButton.NoButton, parent)
    box.setInformativeText(translate(
        "Opening", "A clean copy is a new file with only the data of this one, checked row by row: "
                   "rows that cannot be used are left out and listed. The file itself stays as it is."))
    make = box.addButton(translate("Opening", "Make a clean copy…"), QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(translate("Opening", "Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(make)
    box.setEscapeButton(cancel)
    return box, make


def ask_clean_copy(parent: QWidget | None, error: UserError) -> bool:
    """Whether the user wants a clean copy of the refused file. A seam tests replace."""
    box, make = clean_copy_question(parent, error)
    box.exec()
    return box.clickedButton() is make


def ask_clean_copy_target(parent: QWidget | None, default: Path) -> Path | None:
    """Where the clean copy goes (a new file); None when cancelled. A seam tests replace."""
    from PySide6.QtWidgets import QFileDialog

    name, _ = QFileDialog.getSaveFileName(parent, translate("Opening", "Save clean copy as"), str(default),
                                          file_filter(), options=QFileDialog.Option.DontConfirmOverwrite)
    return Path(name) if name else None


def clean_copy_report_box(parent: QWidget | None, report) -> QMessageBox:
    """What the clean copy holds: how many rows were copied and left out; the list in the details."""
    text = translate("Opening", "The clean copy “{name}” is open: {copied} rows copied, {left} left "
                                "out.").format(name=report.target.name, copied=report.copied_rows,
                                              left=report.left_out_rows)
    box = QMessageBox(QMessageBox.Icon.Information, translate("Opening", "Clean copy"), text,
                      QMessageBox.StandardButton.Ok, parent)
    if report.left_out:
        shown = [str(item) for item in report.left_out[:5]]
        if len(report.left_out) > 5:
            shown.append(translate("Opening", "and {count} more (see the details)").format(
                count=len(report.left_out) - 5))
        box.setInformativeText(translate("Opening", "Left out:") + "\n" + "\n".join(shown))
    else:
        box.setInformativeText(translate("Opening", "No rows were left out."))
    box.setDetailedText("\n".join(report.lines()))
    return box


def show_clean_copy_report(parent: QWidget | None, report) -> None:
    """Show the clean copy's report. A seam tests replace."""
    clean_copy_report_box(parent, report).exec()
