"""Other people on the shared database (issue 22). A few times a second the window asks the change
listener (app/services/server_changes.py) whether another workspace committed, and if so reads
everything again, with a word in the status bar; while the user is typing in a cell the reading
waits, so no half-typed value is thrown away. Every few seconds the status bar says who else has
the database open (user@computer).
"""
from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel

log = logging.getLogger(__name__)

POLL_MS = 500  # changes by others appear within a second (the issue asks for two)
PRESENCE_EVERY = 10  # polls between two looks at who else is there (5 s)


class ServerWatch(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.listener = None
        self._pending = False
        self._ticks = 0
        self.presence = QLabel()
        self.presence.setObjectName("presenceLabel")
        self.presence.hide()
        window.statusBar().addPermanentWidget(self.presence)
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.check)
        window.context.workspace_changed.connect(self._follow)
        self._follow()

    def _follow(self) -> None:
        """Listen on the database the window shows now (nothing for a file)."""
        self.stop()
        workspace = self.window.context.workspace
        if workspace is not None and workspace.on_server:
            from app.services.server_changes import ChangeListener

            self.listener = ChangeListener(workspace)
            self.listener.poll()  # connected (and listening) from now on
            self.show_presence()
            self.timer.start()

    def show_presence(self) -> None:
        """Who else has the database open, in the status bar (nothing when nobody)."""
        from app.services.server_workspace import others_present

        workspace = self.window.context.workspace
        try:
            others = others_present(workspace) if workspace is not None and workspace.on_server else []
        except Exception:  # noqa: BLE001 - the server away for a moment: say nothing rather than stale names
            log.warning("who else is there: not known", exc_info=True)
            others = []
        self.presence.setText(self.tr("Also open by: {names}").format(names=", ".join(others)))
        self.presence.setVisible(bool(others))

    def check(self) -> None:
        if self.listener is None:
            return
        self._ticks += 1
        if self._ticks % PRESENCE_EVERY == 0:
            self.show_presence()
        self._pending |= self.listener.poll()
        if not self._pending or _typing_in_a_cell():
            return
        self._pending = False
        self.window.context.invalidate()
        self.window.statusBar().showMessage(self.tr("Changed by someone else; the figures are up to date."), 5000)

    def stop(self) -> None:
        self.timer.stop()
        self.presence.hide()
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
