"""The mapping and preview of a budget from an Excel or CSV file (File > Import, issue 15).

The dialog shows the sheet's rows with the kind Planbord detected for each (group, line,
subtotal, total, skip: correctable in the first column) and, below, every problem the preview
finds before anything is written. The reading, detection and writing are app.io's; this module
only shows and asks (app.views.export.importing runs the import).
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

MOST_ROWS_SHOWN = 500  # the preview table; the import itself takes every row


def kind_name(kind: str) -> str:
    """A row kind of app.io.budget_import.ROW_KINDS as the user reads it."""
    translate = QCoreApplication.translate
    return {"group": translate("BudgetImportDialog", "group"), "line": translate("BudgetImportDialog", "line"),
            "subtotal": translate("BudgetImportDialog", "subtotal"),
            "total": translate("BudgetImportDialog", "total"), "skip": translate("BudgetImportDialog", "skip")}[kind]


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
        self.rows.setAccessibleName(self.tr("Rows as Planbord reads them"))
        self.rows.setAccessibleDescription(self.tr("Correct a row's kind in the first column"))
        self.problems = QListWidget()
        self.problems.setObjectName("importProblems")
        self.problems.setAccessibleName(self.tr("Problems found"))
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
        for row in range(self.rows.rowCount()):  # each kind named by the row it is for
            self.rows.cellWidget(row, 0).setAccessibleName(self.tr("Kind of row {row}").format(
                row=self.rows.verticalHeaderItem(row).text()))
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
