"""View > Zoom in / Zoom out / Actual size, and presentation mode (F11): readable on a projector.

The zoom is the application font: its size is the system's times the zoom, so every widget
that uses it (tables, the tree, headers, labels) grows; the style sheet and the overview CSS
are filled with sizes relative to it (app.views.theme), table rows grow with their letters
(app.views.sheet_view) and the charts multiply their letters by it (app.views.charts.style).
The zoom is remembered in the settings and applied when the window opens.

Presentation mode puts the window full screen and makes the charts' letters larger still.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu

from app.views import theme
from app.views.settings import ZOOM_PERCENT_RANGE
from app.views.sheet_view import refit_rows

STEPS = (80, 90, 100, 110, 125, 150, 175, 200)  # percent; within ZOOM_PERCENT_RANGE
MESSAGE_MS = 2500


def step_from(percent: int, direction: int) -> int:
    """The next step up (``direction`` 1) or down (-1) from ``percent``; the ends stay put."""
    if direction > 0:
        return next((s for s in STEPS if s > percent), STEPS[-1])
    return next((s for s in reversed(STEPS) if s < percent), STEPS[0])


def clamp(percent: int) -> int:
    low, high = ZOOM_PERCENT_RANGE
    return min(max(int(percent), low), high)


class ZoomController(QObject):
    """The zoom and presentation actions of a main window, in its View menu."""

    def __init__(self, window, menu: QMenu) -> None:
        super().__init__(window)
        self.window = window
        self.settings = window.context.settings
        self._restore_maximized = False

        self.zoom_in_action = self._action(self.tr("Zoom &in"), lambda: self.step(1),
                                           [QKeySequence("Ctrl++"), QKeySequence("Ctrl+=")])
        self.zoom_out_action = self._action(self.tr("Zoom &out"), lambda: self.step(-1),
                                            [QKeySequence("Ctrl+-")])
        self.actual_size_action = self._action(self.tr("&Actual size"), lambda: self.set_percent(100),
                                               [QKeySequence("Ctrl+0")])
        self.presentation_action = self._action(self.tr("&Presentation mode"), self.set_presenting,
                                                [QKeySequence("F11")])
        self.presentation_action.setCheckable(True)
        self.presentation_action.setStatusTip(self.tr(
            "Full screen with larger chart letters, for a projector (F11 again to return)"))
        menu.addSeparator()
        for action in (self.zoom_in_action, self.zoom_out_action, self.actual_size_action):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.presentation_action)

        theme.notifier().changed.connect(self._redraw_overview)
        theme.set_presenting(False)  # a new window is not full screen
        self._apply(clamp(self.settings.zoom_percent))
        self._redraw_overview()  # the overview's CSS in the theme's colours, also at 100 %

    def _action(self, text: str, slot, shortcuts: list[QKeySequence]) -> QAction:
        action = QAction(text, self.window)
        action.setShortcuts(shortcuts)
        action.triggered.connect(slot)
        self.window.addAction(action)  # shortcuts work even while the menu bar is hidden
        return action

    # --- the zoom -------------------------------------------------------------------------------

    @property
    def percent(self) -> int:
        return self.settings.zoom_percent

    def step(self, direction: int) -> None:
        self.set_percent(step_from(self.percent, direction))

    def set_percent(self, percent: int) -> None:
        """Zoom to ``percent`` (clamped), remember it, and say so in the status bar."""
        percent = clamp(percent)
        self.settings.zoom_percent = percent
        self.window.context.save_settings()
        self._apply(percent)
        self.window.statusBar().showMessage(self.tr("Zoom {percent} %").format(percent=percent), MESSAGE_MS)

    def _apply(self, percent: int) -> None:
        self.settings.zoom_percent = percent
        self.zoom_in_action.setEnabled(percent < STEPS[-1])
        self.zoom_out_action.setEnabled(percent > STEPS[0])
        app = QApplication.instance()
        points = round(theme.base_points() * percent / 100, 2)
        if abs(theme.application_points() - points) < 0.01:
            return
        font = QFont(app.font())
        font.setPointSizeF(points)
        keep = self._pane_widths() if self.window.isVisible() else None  # (at start: not laid out yet)
        app.setFont(font)  # every widget without a font of its own follows
        theme.notify_changed()  # the style sheet's sizes, the overview page, the charts
        refit_rows()  # table rows as tall as their letters
        if keep is not None:
            QTimer.singleShot(0, self, lambda: self._restore_pane_widths(keep))  # once laid out anew

    def _pane_widths(self) -> tuple[int, int | None]:
        window = self.window
        dock = window.charts
        return window.splitter.sizes()[0], dock.width() if dock.isVisible() and not dock.isFloating() else None

    def _restore_pane_widths(self, widths: tuple[int, int | None]) -> None:
        """The tree and the charts dock keep their widths: the dock would otherwise grow with its
        tabs' letters and squeeze the tree (the tables scroll instead)."""
        tree, dock = widths
        window = self.window
        if dock is not None and window.charts.isVisible():
            window.resizeDocks([window.charts], [dock], Qt.Orientation.Horizontal)
        sizes = window.splitter.sizes()
        if len(sizes) == 2 and sizes[0] != tree:
            window.splitter.setSizes([tree, max(sum(sizes) - tree, 0)])

    def _redraw_overview(self) -> None:
        """Set the overview's CSS for the current colours and font, and draw its page again."""
        window = self.window
        window.overview.document().setDefaultStyleSheet(theme.overview_css())
        if window.pages.currentWidget() is window.overview and window.current_node is not None:
            scroll = window.overview.verticalScrollBar().value()
            window._show_current()
            window.overview.verticalScrollBar().setValue(scroll)

    # --- presentation mode --------------------------------------------------------------------------

    def set_presenting(self, on: bool) -> None:
        """Full screen with large chart letters (F11), or back to the window as it was."""
        window = self.window
        if on == theme.presenting() and on == window.isFullScreen():
            return
        if on:
            self._restore_maximized = window.isMaximized()
            window.showFullScreen()
        elif self._restore_maximized:
            window.showMaximized()
        else:
            window.showNormal()
        theme.set_presenting(on)
        theme.notify_changed()
        self.presentation_action.setChecked(on)
        if on:
            self.window.statusBar().showMessage(self.tr("Presentation mode: F11 returns to the window"), MESSAGE_MS)
