"""What every window and editor needs, passed in explicitly: no globals.

The context holds the open workspace, the settings and the undo stack, and
tells the views when to redraw:

- ``changed``: an edit was applied or undone, with a description of what
  changed (a ``Change`` from app.views.changes), so each view updates just
  its part; undo commands call ``announce(change)``.
- ``data_changed``: the file changed as a whole (another file opened, or a
  change made outside the undo commands); every view recomputes everything.
- ``workspace_changed``: another file was opened (Open, New, restore); the
  views rebuild from scratch.
- ``error_reported``: a Dutch message for the user (an edit that was refused);
  the main window shows it.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from app.views.changes import AFFECTS, ChangeKind, Part
from app.views.settings import Settings, SettingsStore

# The part of app.views.changes each entry of the figure cache is ("year" is never made
# stale by an edit: only a change of the plan as a whole, or an unknown one, clears it).
_FIGURE_OF = {
    "budget": Part.BUDGET_FIGURES, "sums": Part.CELL_SUMS, "structure": Part.STRUCTURE,
    "funding": Part.FUNDING_FIGURES, "basis": Part.SPLIT_BASIS, "fixed": Part.FIXED_CONTRIBUTIONS,
    "staffing": Part.STAFFING_FIGURES, "progress": Part.PROGRESS_ROWS,
}


class ApplicationContext(QObject):
    data_changed = Signal()
    changed = Signal(object)
    workspace_changed = Signal()
    error_reported = Signal(str)

    def __init__(self, workspace, settings_store: SettingsStore, settings: Settings | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.settings_store = settings_store
        self.settings = settings if settings is not None else settings_store.load()
        self.undo_stack = QUndoStack(self)
        # Figures computed by the services, per plan, until the next change: the status bar,
        # the editors and the charts all read the same numbers, computed once.
        self._figures: dict[tuple[str, int], object] = {}
        # Connected first, so it runs before any view recomputes: a change from outside the
        # undo commands makes every cached figure stale.
        self.data_changed.connect(self._figures.clear)
        # Tests (and a future "don't ask again") set this to answer without a dialog.
        self.negative_amounts_confirmed = None
        # The first page the main window captured when it closed, for the next start to draw
        # before the data layer loads (app/views/shell/first_page.py); None: nothing to keep.
        self.first_page: dict | None = None
        if workspace is not None:
            self._remember(workspace)

    @property
    def workspace(self):
        return self._workspace

    @property
    def read_only(self) -> bool:
        return bool(self._workspace is not None and self._workspace.read_only)

    def set_workspace(self, workspace) -> None:
        """Switch to another open workspace; the old one is closed (releasing its lock)."""
        old = self._workspace
        # Undo commands refer to rows of the old file; they must not run on the new one.
        self.undo_stack.clear()
        self._workspace = workspace
        if old is not None and old is not workspace:
            old.close()
        self._remember(workspace)
        self._figures.clear()
        self.workspace_changed.emit()  # the views rebuild from scratch (no data_changed on top)

    def announce(self, change: object = None) -> None:
        """An edit was applied (or undone): tell every view what changed, so each updates
        only its part (a cell edit must not rebuild the navigation tree)."""
        self._forget(change)
        self.changed.emit(change)

    def invalidate(self) -> None:
        """The file changed outside the undo commands: recompute everything."""
        self.data_changed.emit()

    # --- figures, computed once per change -------------------------------------------------

    def _forget(self, change) -> None:
        """Drop the cached figures the change makes stale (app.views.changes.AFFECTS)."""
        if change is not None and change.kind is ChangeKind.CELLS:
            self._follow_cells(change)
            return  # (of the figures, a cell edit makes only the budget's stale: followed above)
        if change is not None and change.kind is ChangeKind.STAFFING and change.cells:
            # Allocation cells: the staffing figures follow the edit without a database pass.
            key = ("staffing", change.plan_id)
            if self._figures.get(key) is not None:
                from app.services.staffing import adjusted_staffing

                adjusted = adjusted_staffing(self._figures[key], change.cells)
                if adjusted is not None:
                    self._figures[key] = adjusted
                    return
        if change is None or change.kind not in AFFECTS or change.kind is ChangeKind.PLAN:
            self._figures.clear()
            return
        if change.kind is ChangeKind.BY_OTHERS:  # that plan's figures; the others' stay
            for key in [k for k in self._figures if len(k) > 1 and k[1] == change.plan_id]:
                del self._figures[key]
            return
        for key in [k for k in self._figures if _FIGURE_OF.get(k[0]) in AFFECTS[change.kind]]:
            del self._figures[key]

    def _follow_cells(self, change) -> None:
        """Budget cells were typed: the cell sums, the figures and the contributions follow the
        edit by its exact difference (old -> new), in O(change): no cell is summed again."""
        plan_id = change.plan_id
        lines = {delta.line_id for delta in change.cells}
        funding = self._figures.get(("funding", plan_id))
        if funding is not None and any(e.line_id in lines for e in funding.earmarks):
            # The funding holds the earmarked lines' amounts: read again, and the budget made anew.
            del self._figures[("funding", plan_id)]
            self._figures.pop(("budget", plan_id), None)
        sums = self._figures.get(("sums", plan_id))
        if sums is None or not change.cells:
            self._figures.pop(("budget", plan_id), None)
            return
        sums.line_keys.update((d.line_id, d.sum_key) for d in change.cells if d.sum_key is not None)
        missing = lines - sums.line_keys.keys()
        if missing:  # (an edit that did not say: read them)
            from app.services.figures import load_cell_sum_keys

            sums.line_keys.update(load_cell_sum_keys(self._workspace, missing))
        moved = sums.apply(sums.line_keys, change.cells)
        budget = self._figures.get(("budget", plan_id))
        if budget is not None and budget.sums is sums:
            budget.apply(moved)
        else:
            self._figures.pop(("budget", plan_id), None)

    def budget_figures(self, plan_id: int):
        budget = self._cached("budget", plan_id)
        return budget.figures if budget is not None else None

    def budget_contributions(self, plan_id: int):
        """(Contributions or None, the key's problem or "") of the plan's budget."""
        budget = self._cached("budget", plan_id)
        return (budget.contributions, budget.problem) if budget is not None else (None, "")

    def fixed_contributions(self, plan_id: int):
        return self._cached("fixed", plan_id)

    def staffing_figures(self, plan_id: int):
        return self._cached("staffing", plan_id)

    def plan_year(self, plan_id: int) -> int | None:
        return self._cached("year", plan_id)

    def progress_rows(self, plan_id: int):
        """The progress overview's rows (projects, their chapters, action counts per status);
        kept while budget cells, funding or the key change (the charts read it)."""
        return self._cached("progress", plan_id)

    def _cached(self, kind: str, plan_id: int):
        key = (kind, plan_id)
        if key not in self._figures:
            from app.services import figures

            if kind == "budget":  # followed edit by edit (_follow_cells)
                parts = [self._cached(part, plan_id) for part in ("structure", "sums", "funding", "basis")]
                self._figures[key] = None if any(p is None for p in parts) else figures.LiveBudget(*parts)
            elif kind == "fixed":
                self._figures[key] = figures.load_fixed_contributions(
                    self._workspace, plan_id, self._cached("basis", plan_id))
            elif kind == "progress":
                from app.services.chart_data import load_progress

                self._figures[key] = load_progress(self._workspace, plan_id)
            else:
                load = {"sums": figures.load_cell_sum_table, "structure": figures.load_structure,
                        "funding": figures.load_funding, "basis": figures.load_split_basis,
                        "staffing": figures.load_staffing_figures, "year": figures.plan_year}[kind]
                self._figures[key] = load(self._workspace, plan_id)
        return self._figures[key]

    def report_error(self, message: str) -> None:
        """Show ``message`` (Dutch) to the user; editors call this instead of raising."""
        self.error_reported.emit(message)

    def confirm_negative(self, count: int) -> bool:
        """Ask before negative amounts are written (corrections are rare, typos are not)."""
        if self.negative_amounts_confirmed is not None:
            return self.negative_amounts_confirmed(count)
        from PySide6.QtWidgets import QApplication, QMessageBox

        answer = QMessageBox.question(
            QApplication.activeWindow(), self.tr("Negative amount"),
            self.tr("You entered {count} negative amount(s). Is this a correction that should "
                    "lower the total?").format(count=count))
        return answer == QMessageBox.StandardButton.Yes

    def table_state(self, name: str) -> bytes | None:
        return self.settings.table_states.get(name)

    def remember_table_state(self, name: str, state) -> None:
        """Column widths of a table; written to disk when the settings are next saved."""
        self.settings.table_states[name] = bytes(state.data())

    def save_settings(self) -> None:
        self.settings_store.save(self.settings)

    def close(self) -> None:
        """Close the workspace (at quit). Safe to call twice."""
        self.undo_stack.clear()
        if self._workspace is not None:
            self._workspace.close()
            self._workspace = None

    def _remember(self, workspace) -> None:
        # A server database by its address (never with a password), a file by its path.
        self.settings.remember_file(workspace.path.address if workspace.on_server else workspace.path)
        self.save_settings()
