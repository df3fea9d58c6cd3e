"""Bestand > Exporteren naar Excel…: every table of the plan looked at, a sheet each.

The window asks where (its ``ask_excel_path``, a seam tests replace); the export itself is
:func:`app.io.excel_export.export_workbook`, the same code as ``python -m app export``.
Success is said in the status bar; a refusal or a failed write in a dialog, in Dutch.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication

from app.errors import UserError
from app.views.shell import opening

translate = QCoreApplication.translate
SUFFIX = ".xlsx"


def suggested_path(folder: Path, workspace_path: Path, year: int | None) -> Path:
    """Where the save dialog starts: "demo-2022.xlsx" beside the workspace."""
    stem = f"{workspace_path.stem}-{year}" if year is not None else workspace_path.stem
    return folder / f"{stem}{SUFFIX}"


def with_xlsx(path: Path) -> Path:
    """The chosen name with .xlsx added when the user typed none (or another one)."""
    return path if path.suffix.lower() == SUFFIX else path.with_name(path.name + SUFFIX)


def export_to_excel(window, plan_id: int, year: int | None) -> Path | None:
    """Ask where, write the workbook, say how it went; the path written, or None."""
    from app.io.excel_export import export_workbook
    from app.services.output_paths import os_error_text

    workspace = window.context.workspace
    chosen = window.ask_excel_path(suggested_path(workspace.path.parent, workspace.path, year))
    if chosen is None:
        return None
    path = with_xlsx(Path(chosen))
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        result = export_workbook(workspace, plan_id, path)
    except UserError as exc:
        QApplication.restoreOverrideCursor()
        opening.show_error(window, exc.message)
        return None
    except OSError as exc:  # the net under the output checks: never an English text
        QApplication.restoreOverrideCursor()
        opening.show_error(window, translate("ExcelExport", "The workbook cannot be saved ({reason}).")
                           .format(reason=os_error_text(exc)))
        return None
    QApplication.restoreOverrideCursor()
    window.statusBar().showMessage(
        translate("ExcelExport", "Exported to “{name}”: {count} sheets.").format(
            name=result.path.name, count=len(result.sheets)), 8000)
    return result.path
