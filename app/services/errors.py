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
    process no longer running), None when that cannot be known (another computer).
    """

    def __init__(self, message: str, path: Path | None, holder: LockInfo, stale: bool | None) -> None:
        super().__init__(message, path)
        self.holder = holder
        self.stale = stale


class ReadOnlyError(WorkspaceError):
    """A write was attempted on a workspace opened read-only."""


class WriteError(WorkspaceError):
    """SQLite could not write (disk full, file busy, device gone); nothing was saved."""


class BackupError(WorkspaceError):
    """A backup could not be made, failed its integrity check, or cannot be restored."""
