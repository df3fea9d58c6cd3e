"""The Grafieken panel: the charts of one plan, following every edit, undo and redo.

Each chart is created the first time it is shown and then kept: an edit moves its bars
(no plot is re-created). Only the chart on screen is redrawn at once; the others are
marked stale and redrawn when they are shown. The figures come from the
ApplicationContext's cache, which the edit has already brought up to date, so a cell edit
costs no database pass here.

For the main window: ``item_hovered(kind, key)`` and ``item_activated(kind, key)`` (kind
"budget_group", "municipality", "project", "person" or "chapter"; ``item_hovered("", None)``
when the mouse leaves the bars), ``set_plan(plan_id)``, ``highlight(kind, key)``, and the
actions ``export_png_action``, ``export_svg_action`` and ``full_screen_action`` for its menus.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QStackedWidget,
    QTabBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.services import chart_data
from app.services.output_paths import os_error_text
from app.views.charts import CHART_NAMES, export, source
from app.views.changes import AFFECTS, ChangeKind, Part, affects

# The part of app.views.changes each chart shows: a change that does not affect it leaves it.
SHOWS = {
    "budget": Part.CHART_BUDGET,
    "contributions": Part.CHART_CONTRIBUTIONS,
    "half_days": Part.CHART_HALF_DAYS,
    "people": Part.CHART_PEOPLE,
    "actions": Part.CHART_ACTIONS,
    "comparison": Part.CHART_COMPARISON,
    # The uitputting's part (a booking, a budget cell, a line or source renamed or deleted);
    # without one in app.views.changes, see ``_follows``.
    "realisation": getattr(Part, "CHART_REALISATION", None) or getattr(Part, "DEPLETION", None),
}
FULL_SCREEN_SCALE = 1.7  # fonts on a projector


def _follows(change, name: str) -> bool:
    """Whether ``change`` makes chart ``name`` stale. The realisation chart, while the table of
    changes has no part for it, follows what changes the budget and any booking (a kind of change
    the table does not know, or one named for the actuals)."""
    part = SHOWS[name]
    if part is not None:
        return affects(change, part)
    return (change is None or affects(change, Part.CHART_BUDGET)
            or change.kind.name.startswith("ACTUAL"))


# Charts kept alive, the one shown among them (ChartsPanel._drop_least_recent_charts): going
# back to the chart before is instant; an older one is drawn anew.
CHARTS_KEPT = 2


class ChartsPanel(QWidget):
    item_hovered = Signal(str, object)
    item_activated = Signal(str, object)

    def __init__(self, context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chartsPanel")
        self.context = context
        self.plan_id: int | None = None
        self.comparison: chart_data.ComparisonChoice | None = None
        self.realisation_year: int | None = None  # chosen by the user (None: the default year)
        self.choices: list[chart_data.ComparisonChoice] = []
        self.charts: dict[str, object] = {}
        self._stale: set[str] = set(CHART_NAMES)
        self._full_screen_window: QWidget | None = None

        # Everything but the placeholder lives in ``content``, which goes full screen as a whole.
        self.content = QWidget()
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 4, 4, 0)
        self.tabs = QTabBar()
        self.tabs.setExpanding(False)
        self.tabs.setDocumentMode(True)
        for name in CHART_NAMES:
            self.tabs.addTab(source.chart_title(name))
        bar.addWidget(self.tabs, 1)
        self.tabs.setAccessibleName(QCoreApplication.translate("Charts", "Chart"))
        self.tabs.setAccessibleDescription(QCoreApplication.translate(
            "Charts", "Which chart of the plan is shown; the arrow keys choose another"))
        self.compare_label = QLabel(QCoreApplication.translate("Charts", "Compare with:"))
        self.compare_box = QComboBox()
        self.compare_box.setMinimumContentsLength(18)
        self.compare_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.compare_label.setBuddy(self.compare_box)
        self.compare_box.setAccessibleName(QCoreApplication.translate("Charts", "Compare with"))
        bar.addWidget(self.compare_label)
        bar.addWidget(self.compare_box)
        self.year_label = QLabel(QCoreApplication.translate("Charts", "Year:"))
        self.year_box = QComboBox()
        self.year_label.setBuddy(self.year_box)
        self.year_box.setAccessibleName(QCoreApplication.translate("Charts", "Year of the actuals"))
        bar.addWidget(self.year_label)
        bar.addWidget(self.year_box)
        self.full_screen_button = QToolButton()
        bar.addWidget(self.full_screen_button)
        self.stack = QStackedWidget()
        content_layout = QVBoxLayout(self.content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.setSpacing(2)
        content_layout.addLayout(bar)
        content_layout.addWidget(self.stack, 1)

        self.placeholder = QLabel(QCoreApplication.translate(
            "Charts", "The charts are shown full screen. Press Esc to bring them back here."))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.content, 1)
        layout.addWidget(self.placeholder, 1)

        self._build_actions()
        self.full_screen_button.setDefaultAction(self.full_screen_action)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.compare_box.currentIndexChanged.connect(self._comparison_chosen)
        self.year_box.currentIndexChanged.connect(self._year_chosen)
        context.changed.connect(self._on_change)
        context.data_changed.connect(self._on_data_changed)
        context.workspace_changed.connect(self._on_workspace_changed)
        self._tab_changed(self.tabs.currentIndex())

    # --- actions ----------------------------------------------------------------------------------

    def _build_actions(self) -> None:
        self.export_png_action = QAction(QCoreApplication.translate("Charts", "Export chart as PNG…"), self)
        self.export_png_action.triggered.connect(lambda: self.export_dialog("png"))
        self.export_svg_action = QAction(QCoreApplication.translate("Charts", "Export chart as SVG…"), self)
        self.export_svg_action.triggered.connect(lambda: self.export_dialog("svg"))
        self.full_screen_action = QAction(QCoreApplication.translate("Charts", "Full screen"), self)
        self.full_screen_action.setCheckable(True)
        # Shift+F11: F11 alone is the window's presentation mode (View menu), which would make
        # the key ambiguous (and do nothing) while the focus is in the charts.
        self.full_screen_action.setShortcut(QKeySequence("Shift+F11"))
        self.full_screen_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.full_screen_action.setToolTip(QCoreApplication.translate(
            "Charts", "Show the charts alone full screen, with large letters, for a projector (Shift+F11; "
                      "Esc to return)"))
        self.full_screen_action.toggled.connect(self.set_full_screen)
        self.addAction(self.full_screen_action)

    # --- which plan, which chart -----------------------------------------------------------------

    def set_plan(self, plan_id: int | None) -> None:
        """Show the charts of this plan (None: none)."""
        if plan_id == self.plan_id:
            return  # its edits are followed already (context.changed)
        self.plan_id = plan_id
        self.realisation_year = None
        self._load_choices()
        self._stale = set(CHART_NAMES)
        self._refresh_current()

    def current_name(self) -> str:
        return CHART_NAMES[self.tabs.currentIndex()]

    def current_chart(self):
        return self.chart(self.current_name())

    def show_chart(self, name: str) -> None:
        self.tabs.setCurrentIndex(CHART_NAMES.index(name))

    def chart(self, name: str):
        """The chart widget of ``name``, created (once) when first asked for."""
        if name not in self.charts:
            chart = export.make_chart(name)
            chart.enable_cache()
            chart.set_scale(FULL_SCREEN_SCALE if self._full_screen_window is not None else 1.0)
            chart.hovered.connect(self.item_hovered)
            chart.activated.connect(self.item_activated)
            chart.menu_requested.connect(self._menu)
            chart.setAccessibleName(source.chart_title(name))
            chart.setAccessibleDescription(QCoreApplication.translate(
                "Charts", "A chart of the plan; its figures are in the tables of the pages"))
            self.stack.addWidget(chart)
            self.charts[name] = chart
            self._stale.add(name)
        return self.charts[name]

    def _drop_least_recent_charts(self) -> None:
        """Keep the charts last shown, not all seven: each holds its plots and their items (some
        3 MB at a large plan); one shown again is made anew from the figures (cached)."""
        while len(self.charts) > CHARTS_KEPT:
            name = next(iter(self.charts))
            chart = self.charts.pop(name)
            self.stack.removeWidget(chart)
            chart.deleteLater()
            self._stale.add(name)

    def highlight(self, kind: str, key) -> None:
        """Outline the bar of ``kind``/``key`` in the chart shown (e.g. the editor's current row)."""
        chart = self.charts.get(self.current_name())
        if chart is not None:
            chart.highlight(kind, key)

    def _tab_changed(self, index: int) -> None:
        if index < 0:
            return
        name = CHART_NAMES[index]
        chart = self.chart(name)
        self.charts[name] = self.charts.pop(name)  # the most recently shown last
        self.stack.setCurrentWidget(chart)
        self._drop_least_recent_charts()
        comparing = name == "comparison"
        self.compare_label.setVisible(comparing)
        self.compare_box.setVisible(comparing)
        self.year_label.setVisible(name == "realisation")
        self.year_box.setVisible(name == "realisation")
        self._refresh_current()

    # --- the comparison ----------------------------------------------------------------------------

    def _load_choices(self) -> None:
        workspace = self.context.workspace
        previous = self.comparison
        self.choices = (chart_data.comparison_choices(workspace, self.plan_id)
                        if self.plan_id is not None and workspace is not None else [])
        keep = next((c for c in self.choices if previous is not None
                     and (c.plan_id, c.year) == (previous.plan_id, previous.year)), None)
        if keep is None and self.plan_id is not None and workspace is not None:
            default = chart_data.default_comparison(workspace, self.plan_id)
            keep = next((c for c in self.choices if default is not None
                         and (c.plan_id, c.year) == (default.plan_id, default.year)), None)
        self.comparison = keep
        self.compare_box.blockSignals(True)
        self.compare_box.clear()
        for choice in self.choices:
            self.compare_box.addItem(source.choice_label(choice))
        self.compare_box.setCurrentIndex(self.choices.index(keep) if keep is not None else -1)
        self.compare_box.setEnabled(bool(self.choices))
        self.compare_box.blockSignals(False)

    def set_comparison(self, plan_id: int, year: int | None = None) -> None:
        """Compare with this plan (its plan year, or ``year``); the plan itself: an earlier year."""
        for index, choice in enumerate(self.choices):
            if choice.plan_id == plan_id and (year is None or choice.year == year):
                self.compare_box.setCurrentIndex(index)
                return
        raise ValueError(f"plan {plan_id} ({year}) is not a budget to compare with")

    def _comparison_chosen(self, index: int) -> None:
        self.comparison = self.choices[index] if 0 <= index < len(self.choices) else None
        self._stale.add("comparison")
        self._refresh_current()

    # --- following the edits -------------------------------------------------------------------------

    def _on_change(self, change) -> None:
        plan_id = getattr(change, "plan_id", None)
        mine = plan_id is None or plan_id == self.plan_id
        compared = self.comparison is not None and plan_id == self.comparison.plan_id
        if not (mine or compared):
            return
        for name in CHART_NAMES:
            if not _follows(change, name):
                continue
            if not mine and name != "comparison":
                continue
            self._stale.add(name)
        if change is None or change.kind is ChangeKind.PLAN or change.kind not in AFFECTS:
            self._load_choices()  # a plan renamed, added or removed
        self._refresh_current()

    def _on_data_changed(self) -> None:
        self._stale = set(CHART_NAMES)
        self._load_choices()
        self._refresh_current()

    def _on_workspace_changed(self) -> None:
        # Another file: its plan ids mean other plans. The main window sets the plan to show;
        # until it does, show this id only if the new file has such a plan.
        workspace = self.context.workspace
        if self.plan_id is not None and (workspace is None
                                         or chart_data.describe_plan(workspace, self.plan_id) is None):
            self.plan_id = None
        self.comparison = None
        self._on_data_changed()

    def _refresh_current(self) -> None:
        name = self.current_name()
        if name not in self.charts or name not in self._stale:
            return
        if not self.isVisible() and self._full_screen_window is None:
            return  # drawn when shown (showEvent)
        self.refresh(name)

    def refresh(self, name: str) -> None:
        """Draw chart ``name`` with the current figures (whether stale or not)."""
        chart = self.chart(name)
        workspace = self.context.workspace
        if name == "comparison":
            names = (source.comparison_names(workspace, self.plan_id, self.comparison)
                     if self.plan_id is not None and workspace is not None else ("", ""))
            chart.set_names(*names)
        plan_id = self.plan_id if workspace is not None else None
        chart.set_series(source.series_for(self.context, name, plan_id, self.comparison, chart.series,
                                           self.realisation_year))
        if name == "realisation":
            self._show_years(chart.series)
        self._stale.discard(name)

    # --- the year of the realisation chart ----------------------------------------------------------

    def _show_years(self, series) -> None:
        """The plan's own years to choose from, the one shown chosen."""
        years = list(series.years) if series is not None else []
        self.year_box.blockSignals(True)
        if [self.year_box.itemData(i) for i in range(self.year_box.count())] != years:
            self.year_box.clear()
            for year in years:
                self.year_box.addItem(str(year), year)
        self.year_box.setCurrentIndex(years.index(series.year) if series is not None and series.year in years
                                      else -1)
        self.year_box.setEnabled(len(years) > 1)
        self.year_box.blockSignals(False)

    def set_realisation_year(self, year: int | None) -> None:
        """Show the realisation of ``year`` (None: the default year)."""
        self.realisation_year = year
        self._stale.add("realisation")
        self._refresh_current()

    def _year_chosen(self, index: int) -> None:
        if index >= 0:
            self.set_realisation_year(self.year_box.itemData(index))

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        self._refresh_current()

    # --- export ---------------------------------------------------------------------------------------

    def _menu(self, where) -> None:
        menu = QMenu(self)
        menu.addAction(self.export_png_action)
        menu.addAction(self.export_svg_action)
        menu.addSeparator()
        menu.addAction(self.full_screen_action)
        menu.exec(where)

    def export_current(self, path: str | Path, width_px: int | None = None, height_px: int | None = None) -> Path:
        """Write the chart shown to ``path`` (PNG or SVG by its suffix) at print resolution.

        Drawn by a copy of the chart that is never shown, so the panel does not change size."""
        name = self.current_name()
        if name in self._stale:
            self.refresh(name)
        shown = self.chart(name)
        width, height = width_px or export.DEFAULT_SIZE[0], height_px or export.DEFAULT_SIZE[1]
        workspace = self.context.workspace
        return export.export_chart(name, shown.series, path, width, height,
                                   shown.names if name == "comparison" else None,
                                   inputs=[getattr(workspace, "path", None)])

    def default_file_name(self, suffix: str) -> str:
        year = self.context.plan_year(self.plan_id) if self.plan_id is not None else None
        stem = {"budget": "begroting", "contributions": "bijdragen", "half_days": "dagdelen", "people": "personen",
                "actions": "acties", "comparison": "vergelijking", "realisation": "realisatie"}[self.current_name()]
        return f"grafiek-{stem}{'-' + str(year) if year else ''}.{suffix}"

    def export_dialog(self, suffix: str) -> Path | None:
        """Ask where, then export the chart shown; returns the file written (None: cancelled)."""
        filters = {"png": QCoreApplication.translate("Charts", "PNG image (*.png)"),
                   "svg": QCoreApplication.translate("Charts", "SVG drawing (*.svg)")}
        workspace = self.context.workspace
        folder = workspace.path.parent if workspace is not None else Path.home()
        start = str(folder / self.default_file_name(suffix))
        path, _ = QFileDialog.getSaveFileName(
            self, QCoreApplication.translate("Charts", "Export chart"), start, filters[suffix])
        if not path:
            return None
        target = Path(path)
        if target.suffix.lower() != f".{suffix}":
            target = target.with_name(target.name + f".{suffix}")
        try:
            return self.export_current(target)
        except UserError as exc:  # the target refused, or the disk full, no rights ... (Dutch)
            self.context.report_error(exc.message)
            return None
        except OSError as exc:
            self.context.report_error(QCoreApplication.translate(
                "Charts", "The chart could not be saved: {reason}").format(reason=os_error_text(exc)))
            return None

    # --- full screen ---------------------------------------------------------------------------------

    def set_full_screen(self, on: bool) -> None:
        """Show the charts full screen with large letters (for a projector), or back in place."""
        if on == (self._full_screen_window is not None):
            return
        if on:
            window = _FullScreenWindow(self)
            self.layout().removeWidget(self.content)
            window.layout().addWidget(self.content)
            self.placeholder.show()
            self._full_screen_window = window
            self._scale_charts(FULL_SCREEN_SCALE)
            window.showFullScreen()
        else:
            window = self._full_screen_window
            self._full_screen_window = None
            window.layout().removeWidget(self.content)
            self.content.setParent(self)
            self.layout().insertWidget(0, self.content, 1)
            self.content.show()
            self.placeholder.hide()
            self._scale_charts(1.0)
            window.hide()
            window.deleteLater()
        self.full_screen_action.blockSignals(True)
        self.full_screen_action.setChecked(on)
        self.full_screen_action.blockSignals(False)
        self._refresh_current()

    @property
    def full_screen(self) -> bool:
        return self._full_screen_window is not None

    def _scale_charts(self, scale: float) -> None:
        for chart in self.charts.values():
            chart.set_scale(scale)


class _FullScreenWindow(QWidget):
    """The charts on a screen of their own; Esc (or F11) puts them back in the panel."""

    def __init__(self, panel: ChartsPanel) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.panel = panel
        self.setWindowTitle(QCoreApplication.translate("Charts", "Planbord — charts"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        self.addAction(panel.full_screen_action)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt API
        if event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_F11):
            self.panel.set_full_screen(False)
            event.accept()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt API
        if self.panel.full_screen:
            event.ignore()
            self.panel.set_full_screen(False)
            return
        super().closeEvent(event)
