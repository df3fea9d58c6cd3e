"""File > Restore a backup: the backups of the open file, newest first, with their totals.

The totals help the user pick the right moment ("before the meeting the
budget was € 1.280.000"). Each backup is opened read-only and the plan's
budget total for the plan year is taken from the budget service. A backup is
never restored over a file: the user picks a new name and the restored copy
is opened.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.formatting import format_date, format_money
from app.views.shell.opening import (
    file_filter,
    show_error,
    with_suffix,
)

log = logging.getLogger(__name__)


@dataclass
class BackupRow:
    path: Path
    created: datetime
    plan_year: int | None
    total: Decimal | None  # None: the backup could not be read, or holds no plan


def backup_rows(entries, plan_year: int | None) -> list[BackupRow]:
    """Each backup with the budget total of ``plan_year`` (else its newest plan)."""
    from app.services.figures import load_year_total
    from app.services.workspace import open_workspace

    rows = []
    for entry in entries:
        path = Path(getattr(entry, "path", entry))
        created = getattr(entry, "created", None) or datetime.fromtimestamp(path.stat().st_mtime)
        year, total = plan_year, None
        try:
            workspace = open_workspace(path, read_only=True)
            try:
                year, total = load_year_total(workspace, plan_year)
            finally:
                workspace.close()
        except UserError as exc:
            log.info("backup %s: %s", path, exc.message)
        except Exception:  # noqa: BLE001 - one unreadable backup must not hide the others
            log.exception("backup %s could not be read", path)
        rows.append(BackupRow(path, created, year, total))
    return rows


class RestoreBackupDialog(QDialog):
    def __init__(self, workspace_path: Path, plan_year: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace_path = workspace_path
        self.setWindowTitle(self.tr("Restore a backup"))
        self.resize(620, 420)
        from app.services.workspace import list_backups

        self.rows = backup_rows(list_backups(workspace_path), plan_year)

        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Backups of “{name}”, newest first. The backup you choose is restored "
                               "into a new file; the current file stays as it is.").format(
            name=workspace_path.name))
        intro.setWordWrap(True)
        layout.addWidget(intro)

        self.table = QTableWidget(len(self.rows), 2, self)
        self.table.setAccessibleName(self.tr("Backups"))
        self.table.setAccessibleDescription(self.tr(
            "When each backup was made and its budget total, newest first"))
        year_text = str(plan_year) if plan_year else ""
        self.table.setHorizontalHeaderLabels([
            self.tr("Made on"), self.tr("Budget {year}").format(year=year_text).strip()])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        for r, row in enumerate(self.rows):
            when = QTableWidgetItem(f"{format_date(row.created.date())} {row.created:%H:%M:%S}")
            if row.total is not None:
                total = QTableWidgetItem(format_money(row.total))
            else:
                total = QTableWidgetItem(self.tr("cannot be read"))
            total.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(r, 0, when)
            self.table.setItem(r, 1, total)
        if self.rows:
            self.table.selectRow(0)
        layout.addWidget(self.table, 1)
        if not self.rows:
            layout.addWidget(QLabel(self.tr("There are no backups of this file yet. Planbord makes one "
                                            "every ten minutes while the file changes.")))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = buttons.addButton(self.tr("Restore as…"),
                                                QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setEnabled(bool(self.rows))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.table.doubleClicked.connect(lambda _index: self.accept())
        layout.addWidget(buttons)

    def selected(self) -> BackupRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows else None

    def ask_target(self, row: BackupRow) -> Path | None:
        """The new file to restore into (a seam tests replace)."""
        suggestion = self.workspace_path.with_name(
            self.tr("{stem} (restored {date})").format(
                stem=self.workspace_path.stem, date=row.created.strftime("%d-%m-%Y %H.%M"))
            + self.workspace_path.suffix)
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Restore backup as"), str(suggestion),
                                              file_filter(), options=QFileDialog.Option.DontConfirmOverwrite)
        return with_suffix(Path(name)) if name else None

    def run(self) -> Path | None:
        """Show the dialog; returns the restored file, or None."""
        while self.exec() == QDialog.DialogCode.Accepted:
            row = self.selected()
            if row is None:
                return None
            target = self.ask_target(row)
            if target is None:
                continue
            restored = self.restore(row, target)
            if restored is not None:
                return restored
        return None

    def restore(self, row: BackupRow, target: Path) -> Path | None:
        """Restore ``row`` into the new file ``target``; a failure is shown, not raised."""
        try:
            from app.services.workspace import restore_backup

            return Path(restore_backup(row.path, target))
        except UserError as exc:
            show_error(self, exc.message)
        except OSError as exc:
            from app.services.output_paths import os_error_text

            show_error(self, self.tr("The backup cannot be restored ({reason}).").format(
                reason=os_error_text(exc)))
        return None
