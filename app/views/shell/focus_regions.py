"""F6 and Shift+F6 move the focus between the window's regions, as in Office: the navigation
tree, the page on show, and each open dock (history, charts) and bar (find); Escape on a page,
when nothing is being edited, goes back to the tree.

A region left by F6 or Escape remembers the widget that had the focus, so going back lands where
the user was (the cell in the budget, the field in the project form). (Not through
QApplication.focusChanged: that signal hands Python widgets that are being destroyed.)
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QDockWidget, QWidget
from shiboken6 import isValid


class FocusRegions(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self._last: dict[int, QWidget] = {}  # id(region) -> the widget last focused in it
        self.next_action = QAction(self.tr("Next region"), window)
        self.next_action.setShortcut(QKeySequence(Qt.Key.Key_F6))
        self.next_action.triggered.connect(lambda: self.cycle(+1))
        self.previous_action = QAction(self.tr("Previous region"), window)
        self.previous_action.setShortcut(QKeySequence("Shift+F6"))
        self.previous_action.triggered.connect(lambda: self.cycle(-1))
        for action in (self.next_action, self.previous_action):
            window.addAction(action)

    def regions(self) -> list[QWidget]:
        """The tree, the page on show, the open docks, in the order F6 visits them."""
        window = self.window
        found = [window.tree, window.pages.currentWidget()]
        found += [dock for dock in window.findChildren(QDockWidget) if dock.isVisible()]
        bar = getattr(window, "find_bar", None)
        if bar is not None and bar.isVisible():
            found.append(bar)
        return [r for r in found if r is not None and r.isVisible()]

    def region_of(self, widget: QWidget | None) -> QWidget | None:
        for region in self.regions():
            if widget is not None and (widget is region or region.isAncestorOf(widget)):
                return region
        return None

    def cycle(self, step: int) -> None:
        regions = self.regions()
        if not regions:
            return
        focus = QApplication.focusWidget()
        here = self.region_of(focus)
        self._remember(here, focus)
        at = regions.index(here) if here in regions else -1 if step > 0 else 0
        self.enter(regions[(at + step) % len(regions)])

    def enter(self, region: QWidget) -> None:
        """Focus the widget last used in ``region``, else its main widget."""
        last = self._last.get(id(region))
        if last is not None and isValid(last) and _focusable(last) and region.isAncestorOf(last):
            last.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        main = getattr(region, "focus_main", None)
        if callable(main):
            main()
            return
        target = region if _focusable(region) else _first_focusable(region)
        if target is not None:
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def back_to_tree(self) -> bool:
        """Escape on a page: the tree takes the focus (the page remembers where it was)."""
        focus = QApplication.focusWidget()
        here = self.region_of(focus)
        if here is None or here is self.window.tree:
            return False
        self._remember(here, focus)
        self.window.tree.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def _remember(self, region: QWidget | None, widget: QWidget | None) -> None:
        if region is not None and widget is not None:
            self._last[id(region)] = widget


def _focusable(widget: QWidget) -> bool:
    return (widget.isVisible() and widget.isEnabled()
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus == Qt.FocusPolicy.TabFocus)


def _first_focusable(region: QWidget) -> QWidget | None:
    """The first widget of ``region`` in the Tab order."""
    widget = region.nextInFocusChain()
    while widget is not None and widget is not region:
        if region.isAncestorOf(widget) and _focusable(widget):
            return widget
        widget = widget.nextInFocusChain()
    return None
