"""File > Import: a budget from an Excel or CSV file into the plan looked at, through a mapping
and a preview (issue 15, point 2).

The dialog shows the sheet's rows with the kind Planbord detected for each (group, line,
subtotal, total, skip: correctable in the first column) and, below, every problem the preview
finds before anything is written. "Import" writes it as ONE undo step (ImportBudgetCommand).
The reading, detection and writing are app.io's; this module only shows and asks.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from app.views.changes import Change, ChangeKind
from app.views.commands import ServiceCommand, execute

MOST_ROWS_SHOWN = 500  # the preview table; the import itself takes every row


def kind_name(kind: str) -> str:
    """A row kind of app.io.budget_import.ROW_KINDS as the user reads it."""
    translate = QCoreApplication.translate
    return {"group": translate("BudgetImportDialog", "group"), "line": translate("BudgetImportDialog", "line"),
            "subtotal": translate("BudgetImportDialog", "subtotal"),
            "total": translate("BudgetImportDialog", "total"), "skip": translate("BudgetImportDialog", "skip")}[kind]


class ImportBudgetCommand(ServiceCommand):
    """The imported budget; undo removes every group, line and printed subtotal it added."""

    def __init__(self, context, plan_id: int, preview, text: str) -> None:
        super().__init__(context, text)
        self.plan_id, self.preview, self.done = plan_id, preview, None

    def apply(self) -> None:
        from app.io.budget_import import apply_budget

        self.done = apply_budget(self.context.workspace, self.plan_id, self.preview)

    def revert(self) -> None:
        from app.io.budget_import import undo_budget

        undo_budget(self.context.workspace, self.done)

    def change(self) -> Change:
        return Change(self.plan_id, ChangeKind.BUDGET_STRUCTURE)


class BudgetImportDialog(QDialog):
    def __init__(self, parent, grid) -> None:
        from app.io.budget_import import detect_budget

        super().__init__(parent)
        self.grid = grid
        self.mapping = detect_budget(grid)
        self.preview = None
        self.setWindowTitle(self.tr("Import a budget — {sheet}").format(sheet=grid.sheet))
        self.rows = QTableWidget()
        self.rows.setObjectName("importRows")
        self.problems = QListWidget()
        self.problems.setObjectName("importProblems")
        self.problems.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(self.tr("&Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Rows as Planbord reads them; correct a row's kind in the first column.")))
        layout.addWidget(self.rows, 3)
        layout.addWidget(QLabel(self.tr("Problems found (nothing is written yet):")))
        layout.addWidget(self.problems, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        self.resize(1000, 640)
        self._fill_rows()
        self.refresh_preview()

    def _fill_rows(self) -> None:
        from app.io.budget_import import ROW_KINDS

        shown = sorted(self.mapping.row_kinds)[:MOST_ROWS_SHOWN]
        columns = [self.mapping.description_col, *sorted(self.mapping.year_cols)]
        self.rows.setRowCount(len(shown))
        self.rows.setColumnCount(1 + len(columns))
        self.rows.setHorizontalHeaderLabels(
            [self.tr("Kind"), self.tr("Description")] + [str(self.mapping.year_cols[c]) for c in columns[1:]])
        self._row_of = []
        for row, index in enumerate(shown):
            kind = QComboBox()
            for name in ROW_KINDS:
                kind.addItem(kind_name(name), name)
            kind.setCurrentIndex(ROW_KINDS.index(self.mapping.row_kinds[index]))
            kind.currentIndexChanged.connect(lambda _i, grid_row=index, box=kind: self.set_kind(grid_row, box.currentData()))
            self.rows.setCellWidget(row, 0, kind)
            cells = self.grid.rows[index]
            for column, source in enumerate(columns, start=1):
                value = cells[source].value if source < len(cells) else None
                item = QTableWidgetItem("" if value is None else str(value))
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.rows.setItem(row, column, item)
            self._row_of.append(index)
        # The sheet's own row numbers, as the problems name the cells ("B5").
        self.rows.setVerticalHeaderLabels([
            "".join(ch for ch in self.grid.rows[i][0].ref if ch.isdigit()) if self.grid.rows[i] else str(i + 1)
            for i in self._row_of])
        self.rows.resizeColumnToContents(1)

    def set_kind(self, grid_row: int, kind: str) -> None:
        """A row's kind corrected by the user: the preview follows."""
        self.mapping.row_kinds[grid_row] = kind
        self.refresh_preview()

    def refresh_preview(self) -> None:
        from app.io.budget_import import preview_budget

        self.preview = preview_budget(self.grid, self.mapping)
        self.problems.clear()
        for problem in self.preview.problems:
            self.problems.addItem(problem.message)
        self.summary.setText(self.tr("{groups} groups and {lines} lines for the years {years}; {problems} problem(s).")
                             .format(groups=len(self.preview.groups), lines=self.preview.line_count,
                                     years=", ".join(str(y) for y in self.preview.years),
                                     problems=len(self.preview.problems)))
        self.import_button.setEnabled(self.preview.line_count > 0)


def ask_import_path(window) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(window, QCoreApplication.translate("BudgetImport", "Import"), window._start_dir(),
                                          QCoreApplication.translate("BudgetImport", "Excel or CSV (*.xlsx *.xlsm *.csv *.txt)"))
    return Path(name) if name else None


def import_budget(window, path: Path | None = None) -> bool:
    """File > Import: a budget into the plan looked at (a draft with an empty budget)."""
    from app.errors import UserError
    from app.views.shell.opening import show_error

    plan_id = window.current_plan_id
    if window.context.workspace is None or plan_id is None:
        show_error(window, QCoreApplication.translate("BudgetImport", "Open a plan first: choose it in the tree on the left."))
        return False
    path = path or window.ask_import_path()
    if path is None:
        return False
    try:
        from app.io.budget_import import detect_kind
        from app.io.readers import read_grid

        grid = read_grid(path)
        if detect_kind(grid) != "begroting":
            show_error(window, QCoreApplication.translate("BudgetImport", "“{name}” does not look like a budget (a description column and a column "
                                         "per year). Import of keys and action lists comes in a later version.")
                       .format(name=path.name))
            return False
    except UserError as exc:
        show_error(window, exc.message)
        return False
    dialog = BudgetImportDialog(window, grid)
    if not window.run_import_dialog(dialog):
        return False
    refusal = execute(window.context, ImportBudgetCommand(
        window.context, plan_id, dialog.preview, QCoreApplication.translate("BudgetImport", "Import budget from {name}").format(name=path.name)))
    if refusal:
        show_error(window, refusal)
        return False
    window.statusBar().showMessage(QCoreApplication.translate("BudgetImport", "Imported: {lines} lines from “{name}”.").format(
        lines=dialog.preview.line_count, name=path.name), 8000)
    return True
