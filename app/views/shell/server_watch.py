"""Other people on the shared database (issue 22). A few times a second the window asks the change
listener (app/services/server_changes.py) what others committed: a change of one plan is read again
in that plan's views, in place (the editors keep the user's place); a change of the region or of
the plans themselves, everything. A word in the status bar says so; while the user is typing in a
cell the reading waits, so no half-typed value is thrown away. The listener follows every plan of
the database and tells the others which one the user has open; every few seconds the status bar
says who else is in this plan, and who else has the database open (user@computer).
"""
from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel

from app.services.server_changes import Heard  # (a plain module: no database code with it)
from app.views.changes import Change, ChangeKind

log = logging.getLogger(__name__)


POLL_MS = 500  # changes by others appear within a second (the issue asks for two)
PRESENCE_EVERY = 10  # polls between two looks at who else is there (5 s)


class ServerWatch(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.listener = None
        self._pending = Heard()
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
            self.listener.follow_every_plan()
            self.listener.poll()  # connected (and listening) from now on
            self.show_presence()
            self.timer.start()

    def _follow_plans(self) -> None:
        """Every plan the window knows (a plan made by someone else is announced on the general
        channel, after which the window knows it), and the one the user looks at (for the
        others to see)."""
        self.listener.follow(self.window._plans, self.window.current_plan_id)

    def show_presence(self) -> None:
        """Who else is in this plan, and who else has the database open, in the status bar (nothing
        when nobody)."""
        from app.services.server_workspace import others_in_plan, others_present

        workspace = self.window.context.workspace
        plan_id = self.window.current_plan_id
        try:
            others = others_present(workspace) if workspace is not None and workspace.on_server else []
            here = others_in_plan(workspace, plan_id) if others and plan_id is not None else []
        except Exception:  # noqa: BLE001 - the server away for a moment: say nothing rather than stale names
            log.warning("who else is there: not known", exc_info=True)
            others = here = []
        elsewhere = [name for name in others if name not in here]
        parts = []
        if here:
            parts.append(self.tr("Also in this plan: {names}").format(names=", ".join(here)))
        if elsewhere:
            parts.append(self.tr("Also open by: {names}").format(names=", ".join(elsewhere)))
        self.presence.setText("; ".join(parts))
        self.presence.setVisible(bool(parts))

    def check(self) -> None:
        if self.listener is None:
            return
        self._ticks += 1
        self._follow_plans()
        if self._ticks % PRESENCE_EVERY == 0:
            self.show_presence()
        heard = self.listener.poll()
        self._pending = Heard(self._pending.everything or heard.everything, self._pending.plans | heard.plans)
        if not self._pending or _typing_in_a_cell():
            return
        heard, self._pending = self._pending, Heard()
        context = self.window.context
        if heard.everything:
            context.invalidate()
        else:
            for plan_id in sorted(heard.plans):
                context.announce(Change(plan_id, ChangeKind.BY_OTHERS))
        self.window.statusBar().showMessage(self.tr("Changed by someone else; the figures are up to date."), 5000)

    def stop(self) -> None:
        self.timer.stop()
        self.presence.hide()
        if self.listener is not None:
            self.listener.close()
            self.listener = None
        self._pending = Heard()


def _typing_in_a_cell() -> bool:
    widget = QApplication.focusWidget()
    while widget is not None:
        if isinstance(widget, QAbstractItemView):
            return widget.state() == QAbstractItemView.State.EditingState
        widget = widget.parentWidget()
    return False
