"""A dock opened on a laptop screen takes only the width the page can spare: the page keeps the
width its tables need (app.views.column_fit), the tree narrows down to a least width first, the
dock gets the rest. Nothing ever asks for more than the window has, so the window never grows.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QDockWidget

TREE_LEAST = 180  # pixels: the navigation tree stays usable
TREE_DEFAULT = 320
DOCK_LEAST = 280
DOCK_MOST = 560
SPARE = 16  # splitter handle, dock separator and frames


class DockFit(QObject):
    def __init__(self, window, docks: list[QDockWidget]) -> None:
        super().__init__(window)
        self.window = window
        window.tree.setMinimumWidth(TREE_LEAST)
        for dock in docks:
            dock.setMinimumWidth(DOCK_LEAST)
            dock.visibilityChanged.connect(lambda visible, d=dock: visible and QTimer.singleShot(0, lambda: self.fit(d)))

    def fit(self, dock: QDockWidget) -> None:
        window = self.window
        if not dock.isVisible() or dock.isFloating():
            return
        page = window.pages.currentWidget().minimumSizeHint().width()
        width = window.width()
        tree = min(max(window.splitter.sizes()[0], TREE_LEAST), TREE_DEFAULT)
        room = width - tree - page - SPARE
        if room < DOCK_LEAST:  # the tree gives way first, down to its least width
            tree = max(TREE_LEAST, width - page - DOCK_LEAST - SPARE)
            room = width - tree - page - SPARE
        room = max(DOCK_LEAST, min(room, DOCK_MOST))
        window.resizeDocks([dock], [room], Qt.Orientation.Horizontal)
        content = max(window.splitter.width() - tree, 0)
        window.splitter.setSizes([tree, content])
