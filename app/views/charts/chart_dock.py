"""The Grafieken dock of the main window: the charts beside the editors.

The dock itself is cheap; the ChartsPanel (and pyqtgraph with it) is built the first time
the dock is shown, after the window has been drawn, so start-up does not pay for charts a
user has not opened. The dock follows the plan looked at, and ties the charts to the
editors: hovering a bar marks its row in the editor on screen, clicking goes to it.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QLabel

from app.views.shell.navigation import Node

# Which navigation page holds the row a chart's bar stands for.
PAGE_OF = {"budget_group": "budget", "municipality": "key", "person": "staffing"}


class ChartDock(QDockWidget):
    def __init__(self, window) -> None:
        super().__init__(self.tr("Charts"), window)
        self.main_window = window
        self.setObjectName("chartsDock")  # its place and visibility are kept with the window's
        self.panel = None
        self._plan_id: int | None = None
        self._marked = None  # the table whose row is marked
        placeholder = QLabel(self.tr("Loading charts…"))
        placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWidget(placeholder)
        self.visibilityChanged.connect(self._on_visibility)
        self.toggle_action: QAction = self.toggleViewAction()
        self.toggle_action.setText(self.tr("&Charts"))
        self.toggle_action.setShortcut(QKeySequence("Ctrl+G"))

    def _on_visibility(self, _visible: bool) -> None:
        self._build_soon()

    def _build_soon(self) -> None:
        # Built once it is on screen and has a plan to show (a dock restored open at start-up
        # waits for the file), after the window and the dock have been drawn.
        if self.panel is None and self.isVisible() and self._plan_id is not None:
            QTimer.singleShot(0, self._build_if_still_needed)

    def _build_if_still_needed(self) -> None:
        if self.panel is None and self.isVisible():
            self.ensure_panel()

    def ensure_panel(self):
        """The charts panel, built on first use."""
        if self.panel is None:
            from app.views.charts import ChartsPanel

            self.panel = ChartsPanel(self.main_window.context, self)
            self.panel.item_hovered.connect(self._hovered)
            self.panel.item_activated.connect(self._activated)
            self.setWidget(self.panel)
            if self._plan_id is not None:
                self.panel.set_plan(self._plan_id)
        return self.panel

    def follow(self, plan_id: int | None) -> None:
        """The window looks at ``plan_id`` now."""
        self._plan_id = plan_id
        if self.panel is not None:
            self.panel.set_plan(plan_id)
        else:
            self._build_soon()

    # --- charts and editors ----------------------------------------------------------------

    def _target(self, kind: str, key):
        editor = self.main_window.current_editor()
        find = getattr(editor, "chart_target", None)
        return find(kind, key) if find is not None else None

    def _hovered(self, kind: str, key) -> None:
        target = self._target(kind, key) if kind else None
        table, row = target if target is not None else (None, None)
        if self._marked is not None and self._marked is not table:
            self._marked.set_highlighted_row(None)
        if table is not None:
            table.set_highlighted_row(row)
        self._marked = table

    def _activated(self, kind: str, key) -> None:
        """Go to what the bar stands for: its row on the page on screen if it has one, else
        its own page (a project, a chapter) or the page that lists it."""
        plan_id = self._plan_id
        if plan_id is None:
            return
        target = self._target(kind, key)
        if target is None:
            if kind in ("project", "chapter"):
                self.main_window.show_node(Node(kind, key, plan_id))
                return
            if kind in PAGE_OF:
                self.main_window.show_node(Node(PAGE_OF[kind], plan_id, plan_id))
                target = self._target(kind, key)
        if target is not None:
            table, row = target
            table.setCurrentIndex(table.model().index(row, 0))
            table.setFocus()
