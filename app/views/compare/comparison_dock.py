"""The Vergelijking dock: two plans side by side, under the page being edited.

Beeld > Vergelijken met… (or an amendment's banner) opens it for the plan looked at and the plan
it is compared with. It follows every edit of either plan: a typed cell compares only its line
again and takes the totals and contributions from the figures the editors keep, so in a meeting
the difference a proposal makes is on screen as it is typed (within the same event-loop turn).
"""
from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.views.changes import ChangeKind, Part
from app.views.compare.comparison_models import BudgetDiffModel, ChangesListModel, ContributionsDiffModel, signed
from app.views.editor_parts import MessageBar, accessible, sheet_table

log = logging.getLogger(__name__)


class ComparisonDock(QDockWidget):
    def __init__(self, window) -> None:
        super().__init__(self.tr("Comparison"), window)
        self.setObjectName("comparisonDock")  # its place and visibility are kept with the window's
        self.main_window = window
        self.context = window.context
        self.live = None
        self.titles = ("", "")

        self.heading = QLabel()
        self.heading.setObjectName("comparisonHeading")
        self.heading.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setObjectName("comparisonSummary")
        self.summary.setWordWrap(True)
        self.message = MessageBar()  # a refusal (a plan gone, a workbook not written), in red
        self.only_changes = QCheckBox(self.tr("&Only changes"))
        self.only_changes.setChecked(True)
        self.only_changes.toggled.connect(self._filter_changed)
        self.other_button = QPushButton(self.tr("Compare with &another plan…"))
        self.other_button.clicked.connect(lambda: window.compare_with())
        self.excel_button = QPushButton(self.tr("To E&xcel…"))
        self.excel_button.clicked.connect(self.export_excel)

        self.budget_model = BudgetDiffModel(self)
        self.budget_table = sheet_table(self.budget_model, "comparisonBudget", self.context,
                                        widths={0: 170, 1: 260, 2: 110}, elastic=1, least=160)
        accessible(self.budget_table, self.tr("Budget: before, after and difference per year"))
        self.contributions_model = ContributionsDiffModel(self)
        self.contributions_table = sheet_table(self.contributions_model, "comparisonContributions",
                                               self.context, widths={0: 200}, elastic=None)
        accessible(self.contributions_table, self.tr("Contribution per municipality: before, after and difference"))
        self.contribution_problem = QLabel()
        self.contribution_problem.setObjectName("messageBar")
        self.contribution_problem.setWordWrap(True)
        self.contribution_problem.hide()
        self.changes_model = ChangesListModel(self)
        self.changes_list = QListView()
        self.changes_list.setModel(self.changes_model)
        self.changes_list.setUniformItemSizes(True)
        accessible(self.changes_list, self.tr("Staffing and outline changes"))

        contributions = QWidget()
        box = QVBoxLayout(contributions)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.contribution_problem)
        box.addWidget(self.contributions_table, 1)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.budget_table, self.tr("Budget"))
        self.tabs.addTab(contributions, self.tr("Contributions"))
        self.tabs.addTab(self.changes_list, self.tr("Staffing and projects"))

        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.only_changes)
        top.addWidget(self.other_button)
        top.addWidget(self.excel_button)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)
        self.setWidget(body)

        self.toggle_action = self.toggleViewAction()
        self.toggle_action.setText(self.tr("Show co&mparison"))
        self.context.changed.connect(self._on_change)
        self.context.data_changed.connect(self.reload)
        self.context.workspace_changed.connect(self.clear)

    # --- what is compared ------------------------------------------------------------------------

    @property
    def plans(self) -> tuple[int, int] | None:
        """(older, newer) plan ids, or None when nothing is compared."""
        return (self.live.before_id, self.live.after_id) if self.live is not None else None

    def compare(self, before_id: int, after_id: int, titles: tuple[str, str]) -> str | None:
        """Compare plan ``after_id`` with ``before_id`` and show the dock; a refusal's Dutch text."""
        from app.services.comparison_live import LiveComparison

        live = LiveComparison(before_id, after_id)
        try:
            live.load(self.context.workspace, self._figures(before_id), self._figures(after_id))
        except UserError as exc:
            return exc.message
        self.live, self.titles = live, titles
        self.message.show_message("")
        self.heading.setText(self.tr("<b>{after}</b> compared with <b>{before}</b>").format(
            after=titles[1], before=titles[0]))
        self._show_all()
        self.show()
        self.raise_()
        return None

    def clear(self, message: str = "") -> None:
        """Nothing compared (another file was opened: its plans are other plans; or ``message``:
        why the comparison stopped, e.g. a plan was deleted)."""
        self.live = None
        self.message.show_message(message)
        self.budget_model.show(None)
        self.contributions_model.show(None)
        self.changes_model.show(None, None)
        self.heading.setText(self.tr("Choose View > Compare with… to compare the plan looked at with another."))
        self.summary.clear()
        if not message:
            self.hide()

    def reload(self) -> None:
        if self.live is None:
            return
        refusal = self.compare(self.live.before_id, self.live.after_id, self.titles)
        if refusal:
            self.clear(refusal)

    def _figures(self, plan_id: int):
        from app.services.comparison_live import PlanFigures

        contributions, problem = self.context.budget_contributions(plan_id)
        return PlanFigures(self.context.budget_figures(plan_id), contributions, problem,
                           self.context.staffing_figures(plan_id))

    # --- following edits ------------------------------------------------------------------------

    def _on_change(self, change) -> None:
        live = self.live
        if live is None:
            return
        if change is None or change.kind in (ChangeKind.PLAN, ChangeKind.REGION):
            self.reload()
            return
        if not (change.concerns(live.before_id) or change.concerns(live.after_id)):
            return
        if change.kind is ChangeKind.CELLS and change.plan_id == live.after_id and change.cells:
            rows = live.apply_cells(change.cells)
            live.update_figures(self._figures(live.before_id), self._figures(live.after_id), staffing=False)
            self.budget_model.lines_changed(rows)
            self._figures_shown()
        elif change.kind in (ChangeKind.FUNDING, ChangeKind.KEY, ChangeKind.STAFFING):
            live.update_figures(self._figures(live.before_id), self._figures(live.after_id))
            self.budget_model.lines_changed([])
            self._figures_shown()
        elif change.kind is ChangeKind.PROJECTS:
            try:
                live.reload_outline(self.context.workspace, self._figures(live.before_id),
                                    self._figures(live.after_id))
            except UserError as exc:
                self.clear(exc.message)
                return
            self._figures_shown()
        elif change.affects(Part.BUDGET_SHEET) or change.kind is ChangeKind.CELLS:
            self.reload()  # lines added, moved, renamed or deleted: matched again

    def _filter_changed(self, only: bool) -> None:
        if self.live is not None:
            self.budget_model.show(self.live, only)
        else:
            self.budget_model.only_changes = only

    # --- showing --------------------------------------------------------------------------------

    def _show_all(self) -> None:
        self.budget_model.show(self.live, self.only_changes.isChecked())
        self.contributions_model.show(self.live)
        self._figures_shown()

    def _figures_shown(self) -> None:
        """The parts made from the figures: contributions, summary, staffing and outline list."""
        live = self.live
        self.contributions_model.figures_changed()
        problem = live.totals.contribution_problem if live.totals is not None else ""
        self.contribution_problem.setText(problem)
        self.contribution_problem.setVisible(bool(problem))
        self.summary.setText(self._summary_text())
        self.changes_model.show(live.staffing, live.outline)

    def _summary_text(self) -> str:
        from app.services.comparison import ADDED, CHANGED, MOVED, REMOVED, RENAMED

        budget, totals = self.live.budget, self.live.totals
        tally = budget.counts()
        counts = [(tally[kind], word) for kind, word in (
            (CHANGED, self.tr("changed")), (ADDED, self.tr("added")), (REMOVED, self.tr("removed")),
            (MOVED, self.tr("moved")), (RENAMED, self.tr("renamed")))]
        parts = [f"{count} {word}" for count, word in counts if count]
        lines = ", ".join(parts) if parts else self.tr("no line changed")
        differences = [f"{year}: {signed(pair.difference)}" for year, pair in totals.total.values.items()
                       if pair.difference] if totals is not None else []
        total = (self.tr("total {differences}").format(differences="; ".join(differences)) if differences
                 else self.tr("the total is the same"))
        return self.tr("Budget lines: {lines}; {total}.").format(lines=lines, total=total)

    def focus_main(self) -> None:
        """F6 into the dock: the table of the tab on show."""
        widget = self.tabs.currentWidget()
        table = self.contributions_table if widget.isAncestorOf(self.contributions_table) else widget
        table.setFocus()

    # --- Excel ----------------------------------------------------------------------------------

    def export_excel(self) -> None:
        """The comparison as a workbook (Vergelijking, Bijdragen, Formatie en projecten)."""
        if self.live is None:
            return
        from app.services.comparison import PlanComparison

        suggestion = Path(self.main_window.start_dir()) / "Vergelijking.xlsx"
        path = self.main_window.ask_excel_path(suggestion)
        if path is None:
            return
        live = self.live
        comparison = PlanComparison(self.titles[0], self.titles[1], live.budget, live.totals,
                                    list(live.staffing), list(live.outline))
        try:
            from app.io.comparison_export import write_comparison_workbook

            write_comparison_workbook(comparison, path)
        except UserError as exc:
            self.message.show_message(exc.message)
            return
        except OSError as exc:
            log.warning("comparison export failed: %s", exc)
            self.message.show_message(
                self.tr("The workbook could not be written ({error}). Choose another folder or name.").format(
                    error=exc.strerror or type(exc).__name__))
            return
        self.message.show_message("")
        self.summary.setText(self.tr("Written: {path}").format(path=str(path)))

