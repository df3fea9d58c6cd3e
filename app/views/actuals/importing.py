"""Realisatie importeren: bookings from a CSV or Excel export of the financial administration
(the Realisatie page's Import…, and File > Import actuals…).

The header row is found by app.io.actuals_import; only when it is not found does the user pick the
columns (the first row is then the header), and that choice is remembered in the settings for the
next file. The dialog shows the totals per year and kind and the first rows; nothing is written
until Import, and then all of it as ONE undo step (or nothing: the first wrong row refuses the file,
named by its row and cell). The reading and checking are app.io's; this module asks and shows.
"""
from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.formatting import format_amount, format_date, format_money

translate = QCoreApplication.translate
MOST_ROWS_SHOWN = 200  # the preview table; the import takes every row
# The fields of app.io.actuals_import.ActualsColumns, as the user picks them; the first three needed.
FIELDS = ("date", "target", "amount", "year", "kind", "description", "reference")
# Where the chooser starts when nothing was chosen before: Datum, Post, Bedrag, as most exports.
FIRST_GUESS = {"date": 0, "target": 1, "amount": 2}
WHAT_ORDER = ("uitgaven", "verplichtingen", "ontvangsten")


def field_label(name: str) -> str:
    return {"date": translate("ActualsImport", "Date"), "amount": translate("ActualsImport", "Amount"),
            "target": translate("ActualsImport", "Line / source"), "year": translate("ActualsImport", "Year"),
            "kind": translate("ActualsImport", "Kind"), "description": translate("ActualsImport", "Description"),
            "reference": translate("ActualsImport", "Reference")}[name]


def remembered_columns(context):
    """The columns chosen the last time the header was not found, or None."""
    from app.io.actuals_import import ActualsColumns

    try:
        chosen = json.loads(context.settings.actuals_columns or "null")
        return ActualsColumns(**chosen) if isinstance(chosen, dict) else None
    except (TypeError, ValueError):
        return None


def remember_columns(context, columns) -> None:
    context.settings.actuals_columns = json.dumps(asdict(columns))
    context.save_settings()


class ActualsImportDialog(QDialog):
    """The preview: totals per year and kind, the first rows, the problem that refuses the file;
    when the header was not found, a choice per column (the preview follows each choice)."""

    def __init__(self, parent, context, plan_id: int, grid, choose: bool, columns=None) -> None:
        super().__init__(parent)
        self.context, self.plan_id, self.grid = context, plan_id, grid
        self.preview = None
        self.chosen = choose  # the user picks the columns (the header was not found)
        self.setWindowTitle(self.tr("Import actuals — {sheet}").format(sheet=grid.sheet))
        layout = QVBoxLayout(self)
        self.pickers: dict[str, QComboBox] = {}
        if choose:
            note = QLabel(self.tr("No header with Date, Amount and Line was found. Choose the columns (the first "
                                  "row is taken as the header); the choice is remembered for the next file."))
            note.setWordWrap(True)
            layout.addWidget(note)
            form = QFormLayout()
            headers = [str(c.value) if c.value not in (None, "") else c.ref for c in (grid.rows[0] if grid.rows else ())]
            for name in FIELDS:
                box = QComboBox()
                box.setObjectName(f"column_{name}")
                if name not in ("date", "amount", "target"):
                    box.addItem(self.tr("(not in the file)"), None)
                for index, header in enumerate(headers):
                    box.addItem(f"{_letter(index)}: {header}", index)
                wanted = getattr(columns, name, None) if columns is not None else None
                if wanted is None:
                    wanted = FIRST_GUESS.get(name)
                box.setCurrentIndex(max(0, box.findData(wanted)))
                box.currentIndexChanged.connect(lambda _i: self.refresh())
                label = QLabel(field_label(name) + ":")
                label.setBuddy(box)
                box.setAccessibleName(field_label(name))
                form.addRow(label, box)
                self.pickers[name] = box
            holder = QWidget()
            holder.setLayout(form)
            layout.addWidget(holder)
        self.totals = QLabel()
        self.totals.setObjectName("importTotals")
        self.totals.setWordWrap(True)
        self.totals.setTextFormat(Qt.TextFormat.PlainText)
        self.problem = QLabel()
        self.problem.setObjectName("importProblem")
        self.problem.setWordWrap(True)
        self.problem.setProperty("tone", "problem")
        self.rows = QTableWidget(0, 8)
        self.rows.setObjectName("importRows")
        self.rows.setAccessibleName(self.tr("What will be imported"))
        self.rows.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.rows.setHorizontalHeaderLabels([self.tr("Row"), field_label("date"), field_label("year"),
                                             field_label("target"), field_label("kind"), field_label("amount"),
                                             field_label("description"), field_label("reference")])
        self.rows.verticalHeader().setVisible(False)
        caption = QLabel(self.tr("The first rows, as they will be booked:"))
        caption.setBuddy(self.rows)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(self.tr("&Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.totals)
        layout.addWidget(self.problem)
        layout.addWidget(caption)
        layout.addWidget(self.rows, 1)
        layout.addWidget(self.buttons)
        self.resize(960, 600)
        self.columns = columns
        self.refresh()

    def picked_columns(self):
        from app.io.actuals_import import ActualsColumns

        return ActualsColumns(**{name: box.currentData() for name, box in self.pickers.items()})

    def refresh(self) -> None:
        """Preview again (with the columns chosen): the totals, the rows, or the problem."""
        from app.io.actuals_import import preview_actuals

        if self.pickers:
            self.columns = self.picked_columns()
        try:
            self.preview = preview_actuals(self.grid, self.context.workspace, self.plan_id,
                                           self.columns if self.chosen else None)
        except UserError as exc:
            self.preview = None
            self.problem.setText(exc.message)
        else:
            self.problem.setText("")
        self.problem.setVisible(bool(self.problem.text()))
        self.import_button.setEnabled(self.preview is not None)
        self._fill()

    def _fill(self) -> None:
        preview = self.preview
        if preview is None:
            self.totals.setText(self.tr("Nothing can be imported from this file as it is; nothing is written."))
            self.rows.setRowCount(0)
            return
        words = {"uitgaven": self.tr("costs spent"), "verplichtingen": self.tr("commitments"),
                 "ontvangsten": self.tr("income received")}
        lines = [self.tr("{count} bookings; nothing is written until Import, and then as one step you can "
                         "undo.").format(count=len(preview.entries))]
        totals = preview.totals()
        for year, what in sorted(totals, key=lambda k: (k[0], WHAT_ORDER.index(k[1]) if k[1] in WHAT_ORDER else 9)):
            count, total = totals[(year, what)]
            lines.append((self.tr("{year} {what}: {total} (1 booking)") if count == 1 else
                          self.tr("{year} {what}: {total} ({count} bookings)")).format(
                year=year, what=words.get(what, what), count=count, total=format_money(total, 2)))
        self.totals.setText("\n".join(lines))
        from app.services.actuals import load_targets

        found = load_targets(self.context.workspace, self.plan_id)
        shown = list(zip(preview.rows, preview.entries))[:MOST_ROWS_SHOWN]
        self.rows.setRowCount(len(shown))
        for r, (number, entry) in enumerate(shown):
            target = (found.lines.get(entry.line_id, "") if entry.line_id is not None
                      else found.sources.get(entry.source_id, "")) if found is not None else ""
            kind = (self.tr("received") if entry.source_id is not None else
                    self.tr("committed") if entry.kind.value == "verplichting" else self.tr("realised"))
            texts = [str(number), format_date(entry.booked_on), str(entry.year), target, kind,
                     format_amount(entry.amount, 2), entry.description, entry.reference]
            for c, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if c in (0, 2, 5):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.rows.setItem(r, c, item)
        self.rows.resizeColumnsToContents()
        self.rows.horizontalHeader().setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)


def _letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def import_actuals(window, context, plan_id: int, path: Path | None = None) -> bool:
    """Ask for a file (and a sheet), preview its bookings and import them as one undo step. True
    when something was imported. ``window`` is the main window (its seams ask; a test replaces
    them) or any widget (then the ordinary dialogs ask)."""
    from app.io.actuals_import import find_columns
    from app.io.readers import read_grid, sheet_names
    from app.views.actuals.actuals_commands import AddEntriesCommand
    from app.views.commands import execute
    from app.views.shell.opening import show_error

    if context.workspace is None or context.read_only:
        show_error(window, translate("ActualsImport", "This file is open read-only; no booking can be imported."))
        return False
    path = path or _ask(window, "ask_import_path")
    if path is None:
        return False
    try:
        names = sheet_names(path)
        sheet = names[0] if len(names) == 1 else _ask(window, "ask_import_sheet", path, names)
        if sheet is None:
            return False
        grid = read_grid(path, sheet)
        try:
            find_columns(grid)
            choose = False
        except UserError:
            choose = True
    except UserError as exc:
        show_error(window, exc.message)
        return False
    dialog = ActualsImportDialog(window, context, plan_id, grid, choose, remembered_columns(context) if choose else None)
    run = getattr(window, "run_import_dialog", None)
    accepted = run(dialog) if run is not None else dialog.exec() == QDialog.DialogCode.Accepted
    if not accepted or dialog.preview is None:
        return False
    command = AddEntriesCommand(context, plan_id, dialog.preview.entries,
                                translate("ActualsImport", "Import actuals from {name}").format(name=path.name))
    refusal = execute(context, command)
    if refusal:
        show_error(window, refusal)
        return False
    if choose:
        remember_columns(context, dialog.columns)
    status = getattr(window, "statusBar", None)
    if status is not None:
        status().showMessage(translate("ActualsImport", "Imported: {count} bookings from “{name}”.").format(
            count=len(command.ids), name=path.name), 8000)
    return True


def _ask(window, seam: str, *args):
    """The main window's seam (tests replace it), else the ordinary dialog."""
    from app.views.export import importing

    ask = getattr(window, seam, None)
    if ask is not None:
        return ask(*args)
    return getattr(importing, seam)(window, *args)
