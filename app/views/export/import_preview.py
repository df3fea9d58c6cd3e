"""The preview of a key or an action list before it is imported: what will be written, row by
row, every problem found, and one line that sums it up. Nothing is written until Import.

The rows and texts come ready from the caller (app.io's previews, formatted); this dialog only
shows them and asks.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QListWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

MOST_ROWS_SHOWN = 500  # the import itself takes every row


class ImportPreviewDialog(QDialog):
    def __init__(self, parent, title: str, headers: list[str], rows: list[list[str]], problems: list[str],
                 summary: str, can_import: bool, figures: frozenset[int] = frozenset()) -> None:
        """``figures``: the columns that hold numbers, aligned right as in the tables."""
        super().__init__(parent)
        self.setWindowTitle(title)
        self.rows = QTableWidget(min(len(rows), MOST_ROWS_SHOWN), len(headers))
        self.rows.setObjectName("importRows")
        self.rows.setAccessibleName(self.tr("What will be imported"))
        self.rows.setHorizontalHeaderLabels(headers)
        self.rows.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for r, row in enumerate(rows[:MOST_ROWS_SHOWN]):
            for c, text in enumerate(row):
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                if c in figures:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.rows.setItem(r, c, item)
        self.rows.resizeColumnsToContents()
        self.rows.horizontalHeader().setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Stretch)
        self.problems = QListWidget()
        self.problems.setObjectName("importProblems")
        self.problems.setAccessibleName(self.tr("Problems found"))
        self.problems.setWordWrap(True)
        self.problems.addItems(problems or [self.tr("No problems found.")])
        self.summary = QLabel(summary)
        self.summary.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(self.tr("&Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(can_import)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        caption = QLabel(self.tr("What will be imported:"))
        caption.setBuddy(self.rows)
        layout.addWidget(caption)
        layout.addWidget(self.rows, 3)
        layout.addWidget(QLabel(self.tr("Problems found (nothing is written yet):")))
        layout.addWidget(self.problems, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        self.resize(900, 560)
        (self.import_button if can_import else self.buttons.button(QDialogButtonBox.StandardButton.Cancel)).setFocus()
