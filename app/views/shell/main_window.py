"""The main window: navigation tree on the left, overview of the selected item on the right,
the plan's figures in the status bar, and the File / Edit / Help menus.
"""
from __future__ import annotations

import html
import logging
from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QModelIndex, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QDockWidget,
    QSplitter,
    QStackedWidget,
    QUndoView,
    QTextBrowser,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.resources import icon
from app.services.addresses import is_server_url
from app.views.context import ApplicationContext
from app.views.shell.navigation import NavigationModel, Node
from app.views.shell.opening import (
    file_filter,
    open_interactively,
    show_error,
    with_suffix,
)
from app.views.shell.status import StatusPanel
from app.views.changes import ChangeKind, Part

log = logging.getLogger(__name__)

# Editors kept alive, the one shown among them (MainWindow._drop_least_recent_editors): going
# back and forth between two or three pages is instant; an older one is made again when shown.
EDITORS_KEPT = 3

# How often the open file is backed up while the window is open (the workspace
# skips the backup when nothing changed since the last one).
BACKUP_INTERVAL_MS = 10 * 60 * 1000

# Navigation pages that open an editor instead of an overview page.
EDITOR_PAGES = ("budget", "funding", "key", "staffing", "progress", "project", "region", "actuals", "monitor")
# Pages a new amendment opens on when the page looked at is not one of its own.
PLAN_EDITOR_PAGES = ("budget", "funding", "key", "staffing", "progress", "actuals")


class MainWindow(QMainWindow):
    def __init__(self, context: ApplicationContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.current_node: Node | None = None
        self.current_plan_id: int | None = None
        # A first page kept from the last close, shown until the data layer has loaded the file
        # (show_kept_page); the node it stands for.
        self.kept_page: dict | None = None
        self.kept_node: Node | None = None
        self._held_actions: list[QAction] = []
        self.shown_page: tuple[Node, str] | None = None  # the overview on show: its node and HTML
        self._plan_years: dict[int, int] = {}
        self._plans: dict = {}  # plan id -> PlanNode of the navigation tree
        self.setWindowIcon(icon("planbord"))

        self.navigation_model = NavigationModel(self)
        self.tree = QTreeView()
        self.tree.setObjectName("navigation")
        self.tree.setModel(self.navigation_model)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setAllColumnsShowFocus(True)
        self.tree.setAccessibleName(self.tr("Navigation: region, plans and pages"))
        self.tree.selectionModel().currentChanged.connect(self._on_current_changed)
        # Walking the tree with the keys keeps the keyboard there; a click goes to the page. Told
        # by the tree's own mouse state, not QApplication.mouseButtons() (global, and stale after a
        # press whose release went elsewhere).
        self._tree_pressed = False
        self.tree.viewport().installEventFilter(self)

        self.read_only_banner = QLabel()
        self.read_only_banner.setObjectName("readOnlyBanner")
        self.read_only_banner.setWordWrap(True)
        self.read_only_banner.hide()
        self.overview = QTextBrowser()
        self.overview.setObjectName("overview")
        self.overview.setAccessibleName(self.tr("Overview"))
        self.overview.setAccessibleDescription(self.tr("The page of the item chosen in the navigation; read-only"))
        self.overview.setOpenLinks(False)
        # (Its CSS, in the theme's colours and the zoom's sizes, is set by self.zoom: View menu.)
        self.overview.document().setDocumentMargin(18)
        # Pages wrap to the width; Qt's rounding of table borders would otherwise show a
        # one-pixel horizontal scroll bar under every page.
        self.overview.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.overview.setMinimumWidth(520)

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.read_only_banner)
        # The overview pages, or an editor (Begroting/Dekking, Verdeelsleutel) of the plan.
        self.pages = QStackedWidget()
        self.pages.addWidget(self.overview)
        self._editors: dict[tuple[str, int], QWidget] = {}
        layout.addWidget(self.pages, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(content)
        self.splitter.setStretchFactor(1, 1)
        from app.views.shell.dock_fit import TREE_DEFAULT

        self.splitter.setSizes([TREE_DEFAULT, 1080])  # the tree leaves room for the tables on a laptop
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)

        self.status = StatusPanel(self.statusBar(), context)
        self._build_menus()
        self.history_view.setAccessibleName(self.tr("History of changes"))
        self.history_view.setAccessibleDescription(self.tr("Choose a step to undo back to it"))
        from app.views.projects.outline_actions import OutlineActions

        self.outline = OutlineActions(self)
        from app.views.shell.plan_actions import PlanActions

        self.plan_actions = PlanActions(self)
        from app.views.shell.focus_regions import FocusRegions

        self.focus_regions = FocusRegions(self)  # F6 / Shift+F6 between tree, page and docks
        from app.views.shell.dock_fit import DockFit

        self.dock_fit = DockFit(self, [self.history, self.charts])  # docks leave the tables their width

        from app.views.shell.server_watch import ServerWatch

        self.server_watch = ServerWatch(self)  # others' changes on a shared database appear here

        self.backup_timer = QTimer(self)
        self.backup_timer.setInterval(BACKUP_INTERVAL_MS)
        self.backup_timer.timeout.connect(self.backup_now)
        self.backup_timer.start()

        context.data_changed.connect(self.refresh)
        context.changed.connect(self._on_change)
        context.workspace_changed.connect(self.reload)
        context.error_reported.connect(self._show_reported_error)
        self.resize(1400, 900)
        self._restore_window_state()
        self.reload()

    # --- menus ----------------------------------------------------------------------------

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.new_action = self._action(self.tr("&New workspace…"), self.new_workspace, QKeySequence.StandardKey.New)
        self.open_action = self._action(self.tr("&Open…"), self.open_file, QKeySequence.StandardKey.Open)
        self.open_server_action = self._action(self.tr("Open from &server…"), lambda: self.open_server())
        self.recent_menu = file_menu.addMenu(self.tr("Open &recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.save_copy_action = self._action(self.tr("Save a &copy as…"), self.save_copy,
                                             QKeySequence("Ctrl+Shift+S"))
        self.restore_action = self._action(self.tr("Restore a &backup…"), self.restore_backup)
        self.quit_action = self._action(self.tr("&Quit"), self.close, QKeySequence("Ctrl+Q"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        file_menu.insertAction(self.recent_menu.menuAction(), self.new_action)
        file_menu.insertAction(self.recent_menu.menuAction(), self.open_action)
        file_menu.insertAction(self.recent_menu.menuAction(), self.open_server_action)
        file_menu.addSeparator()
        file_menu.addAction(self.save_copy_action)
        file_menu.addAction(self.restore_action)
        from app.views.shell.laptop_copy_actions import LaptopCopyActions

        self.laptop_copy = LaptopCopyActions(self)
        file_menu.addAction(self.laptop_copy.take_along_action)
        file_menu.addAction(self.laptop_copy.bring_back_action)
        file_menu.addSeparator()
        self.pdf_action = self._action(self.tr("&Print / Export PDF…"), self.export_pdf, QKeySequence.StandardKey.Print)
        file_menu.addAction(self.pdf_action)
        self.excel_action = self._action(self.tr("Export to &Excel…"), self.export_excel)
        file_menu.addAction(self.excel_action)
        self.import_action = self._action(self.tr("&Import…"), self.import_file)
        file_menu.addAction(self.import_action)
        self.import_actuals_action = self._action(self.tr("Import ac&tuals…"), self.import_actuals)
        file_menu.addAction(self.import_actuals_action)
        self.export_chart_menu = file_menu.addMenu(self.tr("Export &chart"))
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        stack = self.context.undo_stack
        self.undo_action = stack.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setShortcut(QKeySequence("Ctrl+Z"))
        self.redo_action = stack.createRedoAction(self, self.tr("&Redo"))
        # Ctrl+Y as in Excel and Word; Ctrl+Shift+Z as on Linux and macOS.
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        # The history panel: every action by its description; clicking one undoes back to it.
        self.history = QDockWidget(self.tr("History"), self)
        self.history.setObjectName("historyDock")
        self.history_view = QUndoView(stack)
        self.history_view.setEmptyLabel(self.tr("<opened>"))
        self.history.setWidget(self.history_view)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.history)
        self.history.hide()
        self.history_action = self.history.toggleViewAction()
        self.history_action.setText(self.tr("&History"))
        self.history_action.setShortcut(QKeySequence("Ctrl+H"))
        edit_menu.addAction(self.history_action)
        # Find in the plan looked at: a bar under the page, made when first asked for.
        edit_menu.addSeparator()
        self.find_action = self._action(self.tr("&Find…"), lambda: self.ensure_find_bar().open(),
                                        QKeySequence.StandardKey.Find)
        self.find_next_action = self._action(self.tr("Find &next"),
                                             lambda: self.ensure_find_bar().step(1), QKeySequence("F3"))
        self.find_previous_action = self._action(self.tr("Find &previous"),
                                                 lambda: self.ensure_find_bar().step(-1),
                                                 QKeySequence("Shift+F3"))
        for action in (self.find_action, self.find_next_action, self.find_previous_action):
            edit_menu.addAction(action)

        from app.views.shell.menus import PlanMenus

        self.menus = PlanMenus(self)  # Plan and Page: the tree's and the toolbars' actions
        self.menuBar().addMenu(self.menus.plan_menu)
        self.menuBar().addMenu(self.menus.page_menu)

        view_menu = self.menuBar().addMenu(self.tr("&View"))
        from app.views.charts.chart_dock import ChartDock

        self.charts = ChartDock(self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.charts)
        self.charts.hide()
        view_menu.addAction(self.charts.toggle_action)
        self.comparison = None  # the Vergelijking dock, made when first asked for (start-up)
        # (The dock's module, and the domain with it, is imported when first asked for.)
        self.compare_action = self._action(self.tr("Co&mpare with…"), self.compare_with,
                                           QKeySequence("Ctrl+Shift+V"))
        view_menu.addAction(self.compare_action)
        from app.views.shell.zoom import ZoomController

        self.zoom = ZoomController(self, view_menu)  # Zoom in/out, Actual size, Presentation mode (F11)
        self.export_chart_png_action = self._action(self.tr("Export chart as &PNG…"),
                                                    lambda: self._export_chart("png"))
        self.export_chart_svg_action = self._action(self.tr("Export chart as &SVG…"),
                                                    lambda: self._export_chart("svg"))
        self.export_chart_menu.addAction(self.export_chart_png_action)
        self.export_chart_menu.addAction(self.export_chart_svg_action)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.open_log_action = self._action(self.tr("Open &log"), self.open_log)
        self.open_log_action.setStatusTip(self.tr("Open the folder with Planbord's log, for support"))
        help_menu.addAction(self.open_log_action)
        help_menu.addSeparator()
        self.about_action = self._action(self.tr("&About Planbord"), self.about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        help_menu.addAction(self.about_action)

    def export_pdf(self) -> None:
        """File > Print / Export PDF: the annexes of the plan looked at."""
        if self.context.workspace is None or self.current_plan_id is None:
            show_error(self, self.tr("Open a plan first: choose it in the tree on the left."))
            return
        from app.views.export.pdf_export import open_pdf_export

        open_pdf_export(self.context, self.current_plan_id, self)

    def export_excel(self) -> None:
        """File > Export to Excel: every table of the plan looked at, a sheet each."""
        if self.context.workspace is None or self.current_plan_id is None:
            show_error(self, self.tr("Open a plan first: choose it in the tree on the left."))
            return
        from app.views.export.excel_export import export_to_excel

        export_to_excel(self, self.current_plan_id, self._plan_years.get(self.current_plan_id))

    def import_file(self) -> None:
        """File > Import: a budget, key or action list from Excel or CSV into the plan looked at;
        on a Realisatie page, its bookings."""
        if self.current_node is not None and self.current_node.kind == "actuals":
            self.import_actuals()
            return
        from app.views.export.importing import import_file

        import_file(self)

    def import_actuals(self) -> None:
        """File > Import actuals: bookings into the plan looked at (an adopted one too), through
        its Realisatie page, which is shown."""
        if self.context.workspace is None or self.current_plan_id is None:
            show_error(self, self.tr("Open a plan first: choose it in the tree on the left."))
            return
        plan_id = self.current_plan_id
        if self.current_node is None or self.current_node.kind != "actuals":
            self.show_node(Node("actuals", plan_id, plan_id))
        from app.views.actuals.importing import import_actuals

        import_actuals(self, self.context, plan_id)

    def ask_import_path(self) -> Path | None:
        """Which file to import; None when cancelled (a seam tests replace)."""
        from app.views.export.importing import ask_import_path

        return ask_import_path(self)

    def ask_import_sheet(self, path: Path, names: list[str]) -> str | None:
        """Which sheet of a workbook of several; None when cancelled (a seam tests replace)."""
        from app.views.export.importing import ask_import_sheet

        return ask_import_sheet(self, path, names)

    def run_import_dialog(self, dialog) -> bool:
        """Show the mapping and preview; a seam tests replace."""
        return dialog.exec() == QDialog.DialogCode.Accepted

    def ask_excel_path(self, suggestion: Path) -> Path | None:
        """Where to save the workbook; None when cancelled (a seam tests replace)."""
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Export to Excel"), str(suggestion),
                                              self.tr("Excel workbook (*.xlsx)"))
        return Path(name) if name else None

    def _export_chart(self, kind: str) -> None:
        """File > Export chart: the chart on show in the Grafieken dock (opened if need be)."""
        if self.current_plan_id is None:
            show_error(self, self.tr("Open a plan first: choose it in the tree on the left."))
            return
        self.charts.show()
        self.charts.ensure_panel().export_dialog(kind)

    # --- comparison -------------------------------------------------------------------------

    def compare_with(self) -> None:
        """View > Compare with: the plan looked at against another plan of its region, offered as
        the comparison chart offers them (its base first; by default its base, else last year's)."""
        from app.services.chart_data import comparison_choices, default_comparison

        plan = self._plans.get(self.current_plan_id) if self.current_plan_id is not None else None
        if plan is None:
            show_error(self, self.tr("Open a plan first: choose it in the tree on the left."))
            return
        workspace = self.context.workspace
        others = [c for c in comparison_choices(workspace, plan.id) if not c.same_plan]
        if not others:
            show_error(self, self.tr("There is no other plan in this region to compare “{title}” with. "
                                     "Make an amendment or next year's plan first.").format(title=plan.title))
            return
        default = default_comparison(workspace, plan.id)
        index = next((i for i, c in enumerate(others)
                      if default is not None and not default.same_plan and c.plan_id == default.plan_id), 0)
        chosen = self.ask_comparison_plan([self.plan_label(c.plan_id) for c in others], index)
        if chosen is not None:
            self.open_comparison(others[chosen].plan_id, plan.id)

    def ask_comparison_plan(self, labels: list[str], default: int) -> int | None:
        """Which plan to compare with (an index of ``labels``); None when cancelled (a seam)."""
        label, ok = QInputDialog.getItem(self, self.tr("Compare with"), self.tr(
            "Compare the plan looked at with:"), labels, default, False)
        return labels.index(label) if ok and label in labels else None

    def open_comparison(self, before_id: int, after_id: int) -> None:
        """Show plan ``after_id`` against ``before_id`` in the Vergelijking dock."""
        dock = self.ensure_comparison_dock()
        refusal = dock.compare(before_id, after_id, (self.plan_label(before_id), self.plan_label(after_id)))
        if refusal:
            show_error(self, refusal)

    def ensure_comparison_dock(self):
        if self.comparison is None:
            from app.views.compare.comparison_dock import ComparisonDock

            self.comparison = ComparisonDock(self)
            self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.comparison)
            self.comparison.hide()
        return self.comparison

    def plan_label(self, plan_id: int) -> str:
        """A plan as the tree names it ("2022 · vastgesteld 11-11-2021"), else its title."""
        index = self.navigation_model.find(Node("plan", plan_id, plan_id))
        label = index.data() if index.isValid() else None
        plan = self._plans.get(plan_id)
        return str(label or (plan.title if plan is not None else ""))

    def _action(self, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        self.addAction(action)  # shortcuts work even while the menu bar is hidden
        return action

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = self.context.settings.recent_files
        if not files:
            empty = self.recent_menu.addAction(self.tr("(no recent files)"))
            empty.setEnabled(False)
            return
        for number, name in enumerate(files, start=1):
            if is_server_url(name):  # a server database: its user@host/database, never a password
                from urllib.parse import urlsplit

                parts = urlsplit(name)
                label = f"{parts.username + '@' if parts.username else ''}{parts.hostname}{parts.path}"
                slot = (lambda _checked=False, a=name: self.open_server(a))
            else:
                path = Path(name)
                label, slot = path.name, (lambda _checked=False, p=path: self.open_path(p))
            text = f"&{number}  {label}" if number < 10 else label
            action = self.recent_menu.addAction(text)
            action.setToolTip(name)
            action.setStatusTip(name)
            action.triggered.connect(slot)

    # --- the workspace ----------------------------------------------------------------------

    def _show_reported_error(self, message: str) -> None:
        show_error(self, message)
        self._show_read_only_banner()  # a save refused because the file was taken over

    def _show_read_only_banner(self) -> None:
        workspace = self.context.workspace
        if workspace is not None and workspace.read_only:
            reason = workspace.read_only_reason or self.tr("opened read-only")
            self.read_only_banner.setText(self.tr("Read-only: {reason}").format(reason=reason))
            self.read_only_banner.show()
        else:
            self.read_only_banner.hide()

    def show_kept_page(self, page: dict) -> bool:
        """Draw the first page kept from the last close, before the file is open: the tree can be
        walked, the page read; the menus wait for the file (their actions need it). False when
        the page is not whole (the window stays empty)."""
        from app.views.shell import first_page

        node = first_page.show(self, page)
        if node is None:
            return False
        self.kept_page, self.kept_node, self.current_node = page, node, node
        self._hold_actions()
        return True

    def _hold_actions(self) -> None:
        """Until the file is open, its actions wait: the menus greyed, their shortcuts (on the
        window and the tree) doing nothing. Quitting and moving between regions (F6) still work."""
        free = {self.quit_action, self.focus_regions.next_action, self.focus_regions.previous_action}
        self._held_actions = [a for a in self.actions() + self.tree.actions()
                              if a.isEnabled() and a not in free]
        for action in self._held_actions:
            action.setEnabled(False)
        self.menuBar().setEnabled(False)

    def _release_actions(self) -> None:
        for action in self._held_actions:
            action.setEnabled(True)
        self._held_actions = []
        self.menuBar().setEnabled(True)

    def _show_while_opening(self, node: Node | None) -> None:
        """The tree walked before the file is open: the kept page for its own item, else a word."""
        self.current_node = node
        self.pages.setCurrentWidget(self.overview)
        if node == self.kept_node:
            self.overview.setHtml(self.kept_page["html"])
        else:
            self.overview.setHtml("<p>{}</p>".format(html.escape(self.tr("Opening the file…"))))
        if node is not None and node.plan_id == self.kept_node.plan_id:  # the same plan's figures
            self.status.restore(self.kept_page["status"])
        else:
            self.status.clear()

    def reload(self) -> None:
        """Rebuild everything for the context's (new) workspace."""
        workspace = self.context.workspace
        keep_place = self.kept_page is not None and workspace is not None
        if self.kept_page is not None:  # the file is open (or failed to open): the page is live now
            self.kept_page = self.kept_node = None
            self._release_actions()
        name = workspace.path.name if workspace is not None else ""
        self.setWindowTitle(self.tr("Planbord — {name}").format(name=name))
        self._show_read_only_banner()
        backup_error = getattr(workspace, "backup_error", None)
        if backup_error is not None:  # the file opened fine; say so quietly, no dialog
            self.statusBar().showMessage(backup_error.message, 30000)
        self.charts.follow(None)  # a new file may reuse plan ids: the charts start afresh
        self._drop_editors()
        if keep_place:  # where the user went in the kept tree, and what they opened, stay
            self._refresh_tree()
            self._select(self.current_node)
            return
        self.current_node = None
        self.current_plan_id = None
        self._rebuild_navigation()
        start = self.start_index()
        self.tree.setExpanded(start, True)  # its chapters and tables in view, other plans closed
        self.tree.setCurrentIndex(start)  # shows its page and the plan's figures
        if not start.isValid():
            self._show_current()

    def refresh(self) -> None:
        """The figures changed: recompute the overview and the status bar, keep the place."""
        if self.context.workspace is None:
            return
        scroll = self.overview.verticalScrollBar().value()
        self._drop_editors()  # rebuilt from the file when shown again
        self._refresh_tree()
        self._select(self.current_node)
        self.overview.verticalScrollBar().setValue(scroll)

    def _refresh_tree(self) -> None:
        """Rebuild the navigation tree from the file, keeping what is open and the current item
        (or, when that item is gone, its plan)."""
        expanded = {self.navigation_model.node(i) for i in self.navigation_model.walk()
                    if self.tree.isExpanded(i)}
        current = self.current_node
        self._rebuild_navigation(expand=False)
        for index in self.navigation_model.walk():
            if self.navigation_model.node(index) in expanded:
                self.tree.setExpanded(index, True)
        index = self.navigation_model.find(current) if current is not None else QModelIndex()
        if not index.isValid() and current is not None and current.plan_id is not None:
            index = self.navigation_model.find(Node("plan", current.plan_id, current.plan_id))
        if not index.isValid():
            index = self.start_index()
        self.tree.selectionModel().blockSignals(True)
        self.tree.setCurrentIndex(index)
        self.tree.selectionModel().blockSignals(False)
        self.current_node = self.navigation_model.node(index)

    def _rebuild_navigation(self, expand: bool = True) -> None:
        workspace = self.context.workspace
        if workspace is None:
            self.navigation_model.rebuild([])
            return
        from app.services.read_models import load_navigation  # the domain loads with the first file

        regions = load_navigation(workspace)
        self._plan_years = {p.id: p.year for r in regions for p in r.plans}
        self._plans = {p.id: p for r in regions for p in r.plans}
        self.tree.selectionModel().blockSignals(True)
        self.navigation_model.rebuild(regions)
        self.tree.selectionModel().blockSignals(False)
        if expand:
            # Regions open, plans closed; reload() opens the plan it starts on.
            for index in self.navigation_model.walk():
                node = self.navigation_model.node(index)
                if node and node.kind == "region":
                    self.tree.setExpanded(index, True)

    def start_index(self) -> QModelIndex:
        """The plan of the year last looked at, else the newest plan, else the first item."""
        plans = [QModelIndex(i) for i in self.navigation_model.plan_indexes()]
        wanted = self.context.settings.last_plan_year
        for index in plans:
            if self._plan_years.get(self.navigation_model.node(index).id) == wanted:
                return index
        if plans:
            return max(plans, key=lambda i: self._plan_years.get(self.navigation_model.node(i).id, 0))
        return self.navigation_model.index(0, 0)

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._select(self.navigation_model.node(current))

    def _select(self, node: Node | None) -> None:
        if self.kept_page is not None:
            self._show_while_opening(node)
            return
        self.current_node = node
        if node is None or node.kind == "empty":
            self.current_plan_id = None
            self.charts.follow(None)
        elif node.plan_id is not None:
            self.current_plan_id = node.plan_id
            self.charts.follow(node.plan_id)
            year = self._plan_years.get(node.plan_id)
            if year is not None:
                self.context.settings.last_plan_year = year
        # A region page keeps the status bar on the plan looked at last.
        self._show_current()

    def _show_current(self) -> None:
        workspace = self.context.workspace
        node = self.current_node
        self.status.refresh(workspace, self.current_plan_id)
        if workspace is None or node is None:
            self.pages.setCurrentWidget(self.overview)
            self.overview.clear()
            return
        if node.kind in EDITOR_PAGES:
            self._show_editor(node)
            return
        self.pages.setCurrentWidget(self.overview)
        from app.views.shell import overview  # with the first file, not at start-up

        self.shown_page = None
        try:
            page = overview.render(self.context, node)
            self.overview.setHtml(page.html)
            self.shown_page = (node, page.html)  # redrawn at every change, so current
        except Exception as exc:  # noqa: BLE001 - a page that cannot be drawn must not take the window down
            log.exception("overview of %r failed", node)
            self.overview.setHtml(
                "<h1>{}</h1><p>{}</p>".format(
                    overview.esc(self.tr("This page cannot be shown")),
                    overview.esc(exc.message if isinstance(exc, UserError) else self.tr(
                        "An unexpected error occurred while reading the figures ({error}).").format(
                        error=type(exc).__name__))))

    # --- editors ---------------------------------------------------------------------------

    def _show_editor(self, node: Node) -> None:
        # Begroting and Dekking are one editor; a project has an editor of its own.
        if node.kind in ("project", "region", "monitor"):
            key = (node.kind, node.id)
        else:
            key = ("budget" if node.kind == "funding" else node.kind, node.plan_id)
        editor = self._editors.pop(key, None)
        if editor is None:
            editor = self._make_editor(key[0], node)
            if node.plan_id is not None:  # a plan's page: its banner offers an amendment
                editor.amend_requested.connect(lambda plan_id=node.plan_id: self.make_amendment(plan_id))
                self._offer_comparison(editor, node.plan_id)
            self.pages.addWidget(editor)
        self._editors[key] = editor  # the most recently shown last
        self.pages.setCurrentWidget(editor)
        self._drop_least_recent_editors()
        # The keyboard goes to the page, except while the user walks the tree with the arrow
        # keys: each step would otherwise take the focus out of the tree (F6 or a click enters).
        browsing = self.tree.hasFocus() and not self._tree_pressed
        if not browsing:
            self._focus_editor(editor, node.kind)

    def _offer_comparison(self, editor: QWidget, plan_id: int) -> None:
        """A draft amendment's or scenario's banner says what it is made from and compares with it."""
        plan = self._plans.get(plan_id)
        base = self._plans.get(plan.based_on_id) if plan is not None and plan.based_on_id else None
        if base is None or plan.status.value == "adopted" or not hasattr(editor, "show_base_banner"):
            return
        if plan.kind.value == "amendment":
            text = self.tr("Draft amendment of “{title}”.").format(title=base.title)
            button = self.tr("Compare with adopted plan")
        else:
            text = self.tr("Scenario of “{title}”: a “what if”, never adopted as such.").format(title=base.title)
            button = self.tr("Compare with base plan")
        editor.show_base_banner(text, button)
        editor.compare_requested.connect(lambda: self.open_comparison(base.id, plan.id))

    def _focus_editor(self, editor: QWidget, kind: str) -> None:
        """The page's main table (or field) takes the keyboard; else its first focusable widget."""
        if kind == "funding":
            editor.funding_table.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        main = getattr(editor, "focus_main", None)
        if callable(main):
            main()
            return
        widget = editor.nextInFocusChain()
        while widget is not None and widget is not editor:
            if (editor.isAncestorOf(widget) and widget.isEnabled() and widget.isVisibleTo(editor)
                    and widget.focusPolicy() & Qt.FocusPolicy.TabFocus):
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
                return
            widget = widget.nextInFocusChain()

    def _make_editor(self, kind: str, node: Node) -> QWidget:
        """The editor of a page, its module imported when first needed (fast start-up)."""
        if kind == "region":
            from app.views.region.region_editor import RegionEditor

            return RegionEditor(self.context, node.id)
        if kind == "monitor":  # the region's, not a plan's: no banner, no amendment
            from app.views.monitor.monitor_page import MonitorPage

            return MonitorPage(self.context, node.id)
        plan = self._plans.get(node.plan_id)
        args = (self.context, node.plan_id, self.read_only_text(node.plan_id), plan.title if plan else "")
        if kind == "project":
            from app.views.projects.project_editor import ProjectEditor

            return ProjectEditor(self.context, node.id, *args[1:])
        if kind == "progress":
            from app.views.projects.progress_view import ProgressOverview

            editor = ProgressOverview(*args)
            editor.project_activated.connect(
                lambda project_id, plan_id=node.plan_id: self.show_node(Node("project", project_id, plan_id)))
            return editor
        if kind == "staffing":
            from app.views.staffing.staffing_editor import StaffingEditor

            return StaffingEditor(*args)
        if kind == "key":
            from app.views.budget.key_editor import KeyEditor

            return KeyEditor(*args)
        if kind == "actuals":  # bookings are allowed on an adopted plan: no read-only banner
            from app.views.actuals.actuals_page import ActualsPage

            return ActualsPage(self.context, node.plan_id, "", args[3])
        from app.views.budget.budget_editor import BudgetEditor

        return BudgetEditor(*args)

    def show_node(self, node: Node) -> bool:
        """Go to the navigation item of ``node`` (as a click on it would); False if there is none."""
        index = self.navigation_model.find(node)
        if not index.isValid():
            return False
        self.tree.scrollTo(index)
        self.tree.setCurrentIndex(index)
        editor = self.current_editor()
        if editor is not None:  # a jump from elsewhere (a link, a chart, a question): into the page
            self._focus_editor(editor, node.kind)
        return True

    def ensure_find_bar(self):
        """The find bar under the pages (Edit > Find), made when first asked for; till then
        ``self.find_bar`` is None (or not there)."""
        if getattr(self, "find_bar", None) is None:
            from app.views.shell.find_bar import FindBar

            self.find_bar = FindBar(self)
        return self.find_bar

    def current_editor(self):
        widget = self.pages.currentWidget()
        return None if widget is self.overview else widget

    def _drop_least_recent_editors(self) -> None:
        """Keep the editors last shown, not every page ever opened: at a large plan each holds
        its table (the budget some 20 MB at 20,000 lines); one shown again is read anew."""
        while len(self._editors) > EDITORS_KEPT:
            key = next(iter(self._editors))
            editor = self._editors.pop(key)
            self.pages.removeWidget(editor)
            editor.deleteLater()

    def _drop_editors(self) -> None:
        for editor in self._editors.values():
            self.pages.removeWidget(editor)
            editor.deleteLater()
        self._editors.clear()

    def read_only_text(self, plan_id: int) -> str:
        """The banner over an adopted plan's editors; empty for a draft."""
        from app.formatting import format_date

        plan = self._plans.get(plan_id)
        if plan is None or plan.status.value != "adopted":
            return ""
        when = " ".join(x for x in (plan.adopted_by, format_date(plan.adopted_on)) if x)
        return self.tr("Adopted: {when} — read-only. To change it, make an amendment.").format(when=when)

    def _on_change(self, change) -> None:
        """An edit was applied or undone: the status bar always, the tree when plans, chapters
        or projects changed (the open editors stay; they follow the change themselves)."""
        self.status.refresh(self.context.workspace, self.current_plan_id)
        if change is not None and change.kind is ChangeKind.PLAN:
            self.refresh()
            return
        if change is not None and change.kind is ChangeKind.BY_OTHERS:
            # Someone else changed the plan: the editors read it again in place (the user keeps
            # their place), the tree below. Adopted meanwhile: its pages are made read-only anew.
            before, shown = self._plans.get(change.plan_id), self.current_node
            self._refresh_tree()
            after = self._plans.get(change.plan_id)
            if before is None or after is None or before.status != after.status:
                self.refresh()
            elif self.current_node != shown:  # the item looked at was deleted: show its plan
                self._select(self.current_node)
            elif self.pages.currentWidget() is self.overview:
                self._show_current()
            return
        if change is not None and change.affects(Part.NAVIGATION):
            shown = self.current_node
            self._refresh_tree()
            if self.current_node != shown:  # the item looked at was deleted: show its plan
                self._select(self.current_node)
                return
        if self.pages.currentWidget() is self.overview:
            self._show_current()

    def make_amendment(self, plan_id: int) -> None:
        """Copy an adopted plan into a draft amendment (one undo step) and open its page. When a
        draft amendment of it exists, ask first whether to open that one instead: a second
        amendment made by mistake would split the changes over two drafts."""
        from app.services.plans import load_draft_amendments

        drafts = load_draft_amendments(self.context.workspace, plan_id)
        if drafts:
            draft = drafts[-1]  # the newest: the one most likely being worked on
            label = self.navigation_model.find(Node("plan", draft, draft)).data() or ""
            choice = self.ask_existing_amendment(label)
            if choice == "open":
                self.show_node(self._same_page(draft))
            if choice != "new":
                return
        else:
            plan = self._plans.get(plan_id)
            answer = QMessageBox.question(self, self.tr("Make an amendment"), self.tr(
                "Make an amendment of “{title}”? The adopted plan stays as it is; you edit a draft "
                "copy that refers to it.").format(title=plan.title if plan else ""))
            if answer != QMessageBox.StandardButton.Yes:
                return
        from app.views.commands import execute
        from app.views.shell.plan_commands import amendment_command

        page = self._same_page(plan_id)  # before the command: the refresh may move the current item
        command = amendment_command(self.context, plan_id, self.tr("Make an amendment"))
        refusal = execute(self.context, command)  # the window refreshes with the new plan in its tree
        if refusal:
            show_error(self, refusal)
            return
        self.show_node(Node(page.kind, command.new_id, command.new_id))

    def _same_page(self, plan_id: int) -> Node:
        """The page of ``plan_id`` matching the one looked at (its budget when that is no table)."""
        kind = self.current_node.kind if self.current_node is not None else ""
        return Node(kind if kind in PLAN_EDITOR_PAGES else "budget", plan_id, plan_id)

    def ask_existing_amendment(self, label: str) -> str | None:
        """ "open" the draft amendment named ``label``, make a "new" one, or None (cancelled);
        a seam tests replace."""
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Make an amendment"), self.tr(
            "There is already a draft amendment of this plan: ‘{label}’. Open it, or make a new "
            "amendment?").format(label=label), QMessageBox.StandardButton.NoButton, self)
        open_button = box.addButton(self.tr("Open"), QMessageBox.ButtonRole.AcceptRole)
        new_button = box.addButton(self.tr("New amendment"), QMessageBox.ButtonRole.ActionRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(open_button)
        box.setEscapeButton(cancel)
        box.exec()
        clicked = box.clickedButton()
        return "open" if clicked is open_button else "new" if clicked is new_button else None

    # --- file actions -----------------------------------------------------------------------

    def start_dir(self) -> str:
        workspace = self.context.workspace
        return str(workspace.path.parent) if workspace is not None else str(Path.home())

    def open_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Open workspace"), self.start_dir(),
                                              file_filter())
        if name:
            self.open_path(Path(name))

    def open_path(self, path: Path) -> bool:
        """Open ``path`` in this window (the current file is closed once the new one is open)."""
        current = self.context.workspace
        if current is not None and _same_file(current.path, path):
            return True
        if not path.exists():
            show_error(self, self.tr("“{name}” no longer exists. It has been removed from the recent "
                                     "files.").format(name=path.name))
            self.context.settings.forget_file(path)
            self.context.save_settings()
            return False
        workspace = open_interactively(self, path)
        if workspace is None:
            return False
        self.context.set_workspace(workspace)
        return True

    def open_server(self, address: str = "") -> bool:
        """Bestand > Openen van server…: the shared database on PostgreSQL. ``address`` (from the
        recent files, without a password) opens at once when the keyring has its password; else
        the dialog asks, filled in with it (or with the last server used)."""
        from app.services import passwords
        from app.views.shell.server_dialog import ServerDialog

        refusal = None
        if address and passwords.saved_password(address) is not None:
            from urllib.parse import urlsplit

            parts = urlsplit(address)
            fields = {"host": parts.hostname or "", "port": parts.port or 5432, "database": parts.path.strip("/"),
                      "user": parts.username or "", "password": "", "remember": False}
            refusal = self._connect_server(fields)
            if refusal is None:
                return True
        last = address or next((f for f in self.context.settings.recent_files if is_server_url(f)), "")
        dialog = ServerDialog(self, self._connect_server, last, passwords.can_remember())
        if refusal:  # why the kept password did not open it (the server away, the password changed)
            dialog.refuse(refusal)
        return self.run_server_dialog(dialog)

    def run_server_dialog(self, dialog) -> bool:
        """Show the server dialog; a seam tests replace."""
        return dialog.exec() == QDialog.DialogCode.Accepted

    def _connect_server(self, fields: dict) -> str | None:
        """Open the database ``fields`` name in this window; a Dutch refusal, or None."""
        from app.services import passwords
        from app.services.server_workspace import open_server_workspace, server_url

        address = server_url(fields["host"], fields["database"], fields["user"], port=fields["port"])
        password = fields["password"] or passwords.saved_password(address) or ""
        try:
            workspace = open_server_workspace(server_url(fields["host"], fields["database"], fields["user"],
                                                         password, fields["port"]), backup=True)
        except UserError as exc:
            return exc.message
        if fields["remember"] and fields["password"] and not passwords.save_password(address, password):
            self.statusBar().showMessage(self.tr("The password could not be kept in the keyring; it is "
                                                 "asked again next time."), 10000)
        self.context.set_workspace(workspace)
        workspace.backup_on_open()  # the database as opened, on a thread of its own
        return None

    def new_workspace(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("New workspace"), str(Path(self.start_dir()) / self.tr("New region.planbord")),
            file_filter(), options=QFileDialog.Option.DontConfirmOverwrite)
        if not name:
            return
        path = with_suffix(Path(name))
        if path.exists():
            show_error(self, self.tr("“{name}” already exists; Planbord never replaces a file. Choose "
                                     "another name.").format(name=path.name))
            return
        from datetime import date

        from app.views.shell.new_workspace_wizard import NewWorkspaceWizard

        wizard = NewWorkspaceWizard(path, date.today().year + 1, self)
        if self.run_wizard(wizard) and wizard.made is not None:
            self.open_path(wizard.made.path)

    def run_wizard(self, wizard) -> bool:
        """Show the new-workspace wizard; a seam tests drive without a modal loop."""
        return wizard.exec() == wizard.DialogCode.Accepted

    def save_copy(self) -> None:
        from app.services.workspace import copy_workspace

        workspace = self.context.workspace
        if workspace is None:
            return
        server = workspace.on_server
        stem = workspace.path.stem if server else self.tr("{stem} (copy)").format(stem=workspace.path.stem)
        suggestion = with_suffix(workspace.path.with_name(stem))
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save a copy as"), str(suggestion),
                                              file_filter(), options=QFileDialog.Option.DontConfirmOverwrite)
        if not name:
            return
        target = with_suffix(Path(name))
        try:
            if server:  # a file of the server database, as python -m app copy makes it
                from app.services.workspace_copy import copy_workspace as copy_whole

                copy_whole(workspace.path.url.render_as_string(hide_password=False), target)
            else:
                copy_workspace(workspace.path, target)
        except UserError as exc:
            show_error(self, exc.message)
            return
        except OSError as exc:
            from app.services.output_paths import os_error_text

            show_error(self, self.tr("The copy cannot be saved ({reason}).").format(reason=os_error_text(exc)))
            return
        self.statusBar().showMessage(self.tr("Copy saved as “{name}”.").format(name=target.name), 8000)

    def restore_backup(self) -> None:
        from app.views.shell.backups import RestoreBackupDialog

        workspace = self.context.workspace
        if workspace is None:
            return
        if workspace.on_server:
            show_error(self, self.tr("The server keeps its own backups: ask its administrator to restore one. "
                                     "Save a copy as… makes a file of the database as it is now."))
            return
        year = self._plan_years.get(self.current_plan_id) if self.current_plan_id else None
        dialog = RestoreBackupDialog(workspace.path, year, self)
        restored = dialog.run()
        if restored is not None:
            self.open_path(restored)

    def backup_now(self) -> None:
        """Back the open file up if it changed; a failure is reported quietly (no dialog mid-meeting)."""
        workspace = self.context.workspace
        backup = getattr(workspace, "backup_if_changed", None)
        if backup is None or workspace.read_only:
            return
        if workspace.on_server:  # a dump takes seconds: on a thread of its own, failures logged
            workspace.backup_in_background()
            return
        try:
            backup()
        except UserError as exc:
            log.warning("backup failed: %s", exc)
            self.statusBar().showMessage(exc.message, 30000)

    def open_log(self) -> None:
        """Help > Open log: the folder that holds planbord.log (and the crash trace), in the file
        manager, so it can be attached to an e-mail."""
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        from app import logs

        try:
            folder = logs.log_folder()
        except OSError as exc:
            show_error(self, self.tr("The log folder cannot be found ({error}).").format(error=exc))
            return
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
            log_file = logs.log_file() or folder / logs.LOG_FILE_NAME
            show_error(self, self.tr("The log folder could not be opened. The log is {file}.").format(
                file=log_file))

    def about(self) -> None:
        """Help > About Planbord: version, file, folders and versions, copyable for support."""
        from app.views.shell.about_dialog import show_about

        workspace = self.context.workspace
        show_about(getattr(workspace, "path", None), self)

    # --- window state -----------------------------------------------------------------------

    def _restore_window_state(self) -> None:
        settings = self.context.settings
        if settings.window_geometry:
            self.restoreGeometry(QByteArray(settings.window_geometry))
        if settings.window_state:
            self.restoreState(QByteArray(settings.window_state))
        if settings.splitter_state:
            self.splitter.restoreState(QByteArray(settings.splitter_state))

    def save_window_state(self) -> None:
        settings = self.context.settings
        settings.window_geometry = bytes(self.saveGeometry().data())
        settings.window_state = bytes(self.saveState().data())
        settings.splitter_state = bytes(self.splitter.saveState().data())
        self.context.save_settings()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        if watched is self.tree.viewport():
            kind = event.type()
            if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick):
                self._tree_pressed = True
            elif kind == QEvent.Type.MouseButtonRelease:
                self._tree_pressed = False
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt API
        # Escape that no page widget took (no edit open, no popup): back to the navigation tree.
        if event.key() == Qt.Key.Key_Escape and not event.modifiers() and self.focus_regions.back_to_tree():
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        self.backup_timer.stop()
        self.server_watch.stop()
        self.save_window_state()
        if self.kept_page is None:  # closed before the file was open: what was kept still holds
            from app.views.shell import first_page

            self.context.first_page = first_page.capture(self)
        super().closeEvent(event)


def _same_file(a, b: Path) -> bool:
    if not isinstance(a, Path):  # a server database is never the file asked for
        return False
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False
