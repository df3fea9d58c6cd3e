"""Other people's changes on the shared database appear in the window (issue 22): a few times a
second the window asks the change listener (app/services/server_changes.py) whether another
workspace committed, and if so reads everything again, with a word in the status bar. While the
user is typing in a cell the reading waits, so no half-typed value is thrown away.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QAbstractItemView, QApplication

POLL_MS = 500  # changes by others appear within a second (the issue asks for two)


class ServerWatch(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.listener = None
        self._pending = False
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.check)
        window.context.workspace_changed.connect(self._follow)
        self._follow()

    def _follow(self) -> None:
        """Listen on the database the window shows now (nothing for a file)."""
        self.stop()
        workspace = self.window.context.workspace
        if workspace is not None and hasattr(workspace, "tag"):  # a ServerWorkspace
            from app.services.server_changes import ChangeListener

            self.listener = ChangeListener(workspace)
            self.listener.poll()  # connected (and listening) from now on
            self.timer.start()

    def check(self) -> None:
        if self.listener is None:
            return
        self._pending |= self.listener.poll()
        if not self._pending or _typing_in_a_cell():
            return
        self._pending = False
        self.window.context.invalidate()
        self.window.statusBar().showMessage(self.tr("Changed by someone else; the figures are up to date."), 5000)

    def stop(self) -> None:
        self.timer.stop()
        if self.listener is not None:
            self.listener.close()
            self.listener = None
        self._pending = False


def _typing_in_a_cell() -> bool:
    widget = QApplication.focusWidget()
    while widget is not None:
        if isinstance(widget, QAbstractItemView):
            return widget.state() == QAbstractItemView.State.EditingState
        widget = widget.parentWidget()
    return False
