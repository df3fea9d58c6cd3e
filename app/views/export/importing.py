"""File > Import: a budget, a key or an action list from an Excel or CSV file into the plan looked
at (issue 15, point 2). What the sheet holds is detected from its headers (app.io.budget_import.
detect_kind); a workbook of several sheets asks which one first. Each kind goes through its own
preview, listing every problem before anything is written, and lands as ONE undo step.

The reading, detection and writing are app.io's; this module asks, shows and pushes the command.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QInputDialog

from app.errors import UserError
from app.formatting import format_date, format_number, format_percentage
from app.views.commands import execute
from app.views.export.import_commands import ImportActionsCommand, ImportBudgetCommand, ImportKeyCommand


translate = QCoreApplication.translate  # lupdate reads translate("Importing", "…") calls


def ask_import_path(window) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(window, translate("Importing", "Import"), window.start_dir(),
                                          translate("Importing", "Excel or CSV (*.xlsx *.xlsm *.csv *.txt)"))
    return Path(name) if name else None


def ask_import_sheet(window, path: Path, names: list[str]) -> str | None:
    name, ok = QInputDialog.getItem(window, translate("Importing", "Import"),
                                    translate("Importing", "“{name}” has several sheets. Which one do you want to import?")
                                    .format(name=path.name), names, 0, False)
    return name if ok else None


def import_file(window, path: Path | None = None) -> bool:
    """Ask for a file (and a sheet), detect what it holds, preview and import it. True when
    something was imported."""
    from app.io.budget_import import detect_kind
    from app.io.readers import read_grid, sheet_names
    from app.views.shell.opening import show_error

    plan_id = window.current_plan_id
    if window.context.workspace is None or plan_id is None:
        show_error(window, translate("Importing", "Open a plan first: choose it in the tree on the left."))
        return False
    reason = window.read_only_text(plan_id)
    if reason:  # said before a file is chosen and previewed, not after
        show_error(window, reason)
        return False
    path = path or window.ask_import_path()
    if path is None:
        return False
    try:
        names = sheet_names(path)
        sheet = names[0] if len(names) == 1 else window.ask_import_sheet(path, names)
        if sheet is None:
            return False
        grid = read_grid(path, sheet)
        kind = detect_kind(grid)
        flow = {"begroting": _budget, "sleutel": _key, "acties": _actions}[kind]
        dialog, command, done = flow(window, plan_id, grid, path)
    except UserError as exc:
        show_error(window, exc.message)
        return False
    if not window.run_import_dialog(dialog):
        return False
    refusal = execute(window.context, command(dialog))
    if refusal:
        show_error(window, refusal)
        return False
    window.statusBar().showMessage(done(dialog), 8000)
    return True


def _budget(window, plan_id, grid, path):
    from app.views.export.import_dialog import BudgetImportDialog

    dialog = BudgetImportDialog(window, grid)
    return (dialog,
            lambda d: ImportBudgetCommand(window.context, plan_id, d.preview,
                                          translate("Importing", "Import budget from {name}").format(name=path.name)),
            lambda d: translate("Importing", "Imported: {lines} lines from “{name}”.").format(lines=d.preview.line_count,
                                                                           name=path.name))


def _key(window, plan_id, grid, path):
    from app.io.key_import import preview_key
    from app.views.export.import_preview import ImportPreviewDialog

    preview = preview_key(grid, window.context.workspace, plan_id)
    percentage = preview.method == "percentage"
    rows = [[name, format_percentage(value) if percentage else format_number(value)]
            for _id, name, value in preview.shares]
    if percentage:
        flag = "" if preview.total == 100 else translate("Importing", " (not 100,00 %: imported as it is, not rescaled)")
        summary = translate("Importing", "{count} municipalities; the percentages add up to {total}{flag}.").format(
            count=len(rows), total=format_percentage(preview.total), flag=flag)
    else:
        summary = translate("Importing", "{count} municipalities by “{basis}”; the shares follow from the figures.").format(
            count=len(rows), basis=preview.basis_label)
    summary += " " + translate("Importing", "The key becomes a new key of the region and this plan's key.")
    headers = [translate("Importing", "Municipality"), translate("Importing", "Percentage") if percentage else preview.basis_label or translate("Importing", "Basis")]
    dialog = ImportPreviewDialog(window, translate("Importing", "Import a key — {sheet}").format(sheet=grid.sheet), headers, rows,
                                 [p.message for p in preview.problems], summary, bool(rows), figures=frozenset({1}))
    dialog.preview = preview
    return (dialog,
            lambda d: ImportKeyCommand(window.context, plan_id, d.preview,
                                       translate("Importing", "Import key from {name}").format(name=path.name)),
            lambda d: translate("Importing", "Imported: a key of {count} municipalities from “{name}”.").format(
                count=len(d.preview.shares), name=path.name))


def _actions(window, plan_id, grid, path):
    from app.io.action_import import preview_actions
    from app.views.export.import_preview import ImportPreviewDialog

    preview = preview_actions(grid, window.context.workspace, plan_id)
    rows = [[row.project_title, row.description, row.owner,
             row.due_text or (format_date(row.due_date) if row.due_date else ""),
             row.status.value, row.remark] for row in preview.actions]
    summary = translate("Importing", "To add: {count} actions; already in the plan (skipped): {duplicates}; "
                        "due in a period or recurring: {periods}.").format(
        count=len(rows), duplicates=preview.duplicates, periods=preview.periods)
    headers = [translate("Importing", "Project"), translate("Importing", "Action"), translate("Importing", "Owner"), translate("Importing", "Due"), translate("Importing", "Status"), translate("Importing", "Remark")]
    dialog = ImportPreviewDialog(window, translate("Importing", "Import actions — {sheet}").format(sheet=grid.sheet), headers, rows,
                                 [p.message for p in preview.problems], summary, bool(rows))
    dialog.preview = preview
    return (dialog,
            lambda d: ImportActionsCommand(window.context, plan_id, d.preview,
                                           translate("Importing", "Import actions from {name}").format(name=path.name)),
            lambda d: translate("Importing", "Imported: {count} actions from “{name}”.").format(count=len(d.preview.actions),
                                                                             name=path.name))
