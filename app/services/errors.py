"""Errors about a workspace file, each with a plain Dutch ``message`` for the user.

A GUI shows ``error.message`` in a dialog and a command line prints it; neither
needs a traceback. ``path`` names the file the error is about (or None).
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from app.errors import UserError

if TYPE_CHECKING:
    from app.services.filelock import LockInfo


class WorkspaceError(UserError):
    """A workspace that cannot be opened or written; ``path`` is the file concerned."""

    def __init__(self, message: str, path: Path | None = None) -> None:
        super().__init__(message)
        self.path = path


class MissingFileError(WorkspaceError):
    """The file does not exist (any more)."""


class NotSqliteError(WorkspaceError):
    """The file is not a database at all (a text file, a picture, an empty file)."""


class NotPlanbordError(WorkspaceError):
    """A SQLite database of another program."""


class CorruptFileError(WorkspaceError):
    """A Planbord file that SQLite reports as damaged, truncated or incomplete."""


class NewerVersionError(WorkspaceError):
    """The file was written by a newer Planbord whose schema this program does not know."""


class NeedsUpgradeError(WorkspaceError):
    """An older file that must be upgraded, but cannot be written now (read-only)."""


class LockedError(WorkspaceError):
    """Another Planbord (here or on another computer) has the file open.

    ``holder`` is the :class:`~app.services.filelock.LockInfo` read from the lock
    file; ``stale`` is True when that holder is certainly gone (same computer,
    process no longer running or its id reused, or a lock naming nobody), None when that
    cannot be known (another computer). ``can_lift``: the user may be offered to lift
    it (with a warning naming holder and time unless it is stale); False only for a
    holder that runs on this computer.
    """

    def __init__(self, message: str, path: Path | None, holder: LockInfo, stale: bool | None,
                 *, can_lift: bool = False) -> None:
        super().__init__(message, path)
        self.holder = holder
        self.stale = stale
        self.can_lift = can_lift


class ReadOnlyError(WorkspaceError):
    """A write was attempted on a workspace opened read-only."""


class LockLostError(ReadOnlyError):
    """A write refused because another Planbord lifted this one's lock and took the file
    over; ``taker`` is who (a LockInfo, or None when unknown). The workspace is read-only
    from then on."""

    def __init__(self, message: str, path: Path | None, taker: LockInfo | None) -> None:
        super().__init__(message, path)
        self.taker = taker


class WriteError(WorkspaceError):
    """SQLite could not write (disk full, file busy, device gone); nothing was saved."""


class BackupError(WorkspaceError):
    """A backup could not be made, failed its integrity check, or cannot be restored."""


class _RefusedContentsError(WorkspaceError):
    """A file refused for what it holds; a clean copy (app.services.clean_copy) can still be made.

    ``problems`` lists every part or value found (Dutch, one per line); the message names the
    first few. ``can_clean_copy`` tells a caller to offer "Schone kopie maken…".
    """

    can_clean_copy = True

    def __init__(self, message: str, path: Path | None, problems: list[str]) -> None:
        super().__init__(message, path)
        self.problems = list(problems)


class UntrustedFileError(_RefusedContentsError):
    """The schema holds parts this Planbord does not know (a trigger, a view, a table, a column,
    an index) or lacks some it needs: the file is not opened, so nothing in it can run."""


class DamagedDataError(_RefusedContentsError):
    """Values the schema does not expect (a wrong type, out of range, a missing reference, a
    cycle): the file is not opened, so no figure is computed from them."""
