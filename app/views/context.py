"""What every window and editor needs, passed in explicitly: no globals.

The context holds the open workspace, the settings and the undo stack, and
tells the views when to redraw:

- ``data_changed``: the figures changed. Emit it after every edit (undo
  commands emit it in their redo() and undo()), so the status bar, the
  overview and later the charts recompute from the services.
- ``changed``: the same moment, with a description of what changed (a
  ``Change`` from app.views.commands), for views that can update just that.
  ``announce(change)`` emits both.
- ``workspace_changed``: another file was opened (Open, New, restore); the
  views rebuild from scratch.
- ``error_reported``: a Dutch message for the user (an edit that was refused);
  the main window shows it.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from app.views.settings import Settings, SettingsStore


class ApplicationContext(QObject):
    data_changed = Signal()
    changed = Signal(object)
    workspace_changed = Signal()
    error_reported = Signal(str)

    def __init__(self, workspace, settings_store: SettingsStore, settings: Settings | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.settings_store = settings_store
        self.settings = settings if settings is not None else settings_store.load()
        self.undo_stack = QUndoStack(self)
        if workspace is not None:
            self._remember(workspace)

    @property
    def workspace(self):
        return self._workspace

    @property
    def read_only(self) -> bool:
        return bool(self._workspace is not None and self._workspace.read_only)

    def set_workspace(self, workspace) -> None:
        """Switch to another open workspace; the old one is closed (releasing its lock)."""
        old = self._workspace
        # Undo commands refer to rows of the old file; they must not run on the new one.
        self.undo_stack.clear()
        self._workspace = workspace
        if old is not None and old is not workspace:
            old.close()
        self._remember(workspace)
        self.workspace_changed.emit()
        self.data_changed.emit()

    def announce(self, change: object = None) -> None:
        """An edit was applied (or undone): tell every view."""
        self.changed.emit(change)
        self.data_changed.emit()

    def report_error(self, message: str) -> None:
        """Show ``message`` (Dutch) to the user; editors call this instead of raising."""
        self.error_reported.emit(message)

    def save_settings(self) -> None:
        self.settings_store.save(self.settings)

    def close(self) -> None:
        """Close the workspace (at quit). Safe to call twice."""
        self.undo_stack.clear()
        if self._workspace is not None:
            self._workspace.close()
            self._workspace = None

    def _remember(self, workspace) -> None:
        self.settings.remember_file(workspace.path)
        self.save_settings()
