"""Herhalingen: a recurring action's occurrences, each with its own status and remark.

Opened from the project page's action table ("Occurrences…") for an action whose planning is a
recurrence ("maandelijks"). One row per occurrence (januari 2022, februari 2022, …): the status is
typed or chosen as in the action table, the remark typed; each edit is one undo step (Ctrl+Z in
the dialog or the window), on an adopted plan too (progress is bookkeeping). An occurrence that
has ended unachieved is marked overdue; the next one is marked as such.
"""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QLabel, QTableView, QVBoxLayout

from app.errors import UserError
from app.formatting import format_date
from app.views import theme, traffic_light
from app.views.projects.occurrence_commands import RecordOccurrenceCommand

PERIOD, STATUS, REMARK, RECORDED = range(4)
DISPLAY, EDIT = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole


class OccurrencesModel(QAbstractTableModel):
    """Thin: rows from app.services.recurring, edits as undo commands through ``dialog.record``."""

    def __init__(self, dialog) -> None:
        super().__init__(dialog)
        self.dialog = dialog
        self.rows: list = []

    def load(self, rows: list) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else 4

    def headerData(self, section, orientation, role=DISPLAY):  # noqa: N802 - Qt API
        if orientation == Qt.Orientation.Horizontal and role == DISPLAY:
            return [self.tr("Occurrence"), self.tr("Status"), self.tr("Remark"), self.tr("Recorded")][section]
        return None

    def flags(self, index):
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in (STATUS, REMARK):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index, role=DISPLAY):
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], index.column()
        if role in (DISPLAY, EDIT):
            if column == PERIOD:
                label = row.text
                if row.upcoming and role == DISPLAY:
                    label += " " + self.tr("(next)")
                return label
            if column == STATUS:
                return row.status.value if role == EDIT else traffic_light.status_text(row.status)
            if column == REMARK:
                return row.remark
            return format_date(row.recorded_on) if row.recorded_on else ""
        if role == Qt.ItemDataRole.DecorationRole:
            if column == STATUS:
                return traffic_light.dot(row.status)
            if column == PERIOD and row.overdue:
                return traffic_light.overdue_icon()
        if row.overdue and role == Qt.ItemDataRole.BackgroundRole:
            return theme.brush("overdue_bg")
        if row.overdue and role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleDescriptionRole):
            return self.tr("Overdue: this occurrence has ended and is not achieved.")
        if row.upcoming and role == Qt.ItemDataRole.FontRole and column == PERIOD:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def setData(self, index, value, role=EDIT) -> bool:  # noqa: N802 - Qt API
        if role != EDIT or not index.isValid():
            return False
        row = self.rows[index.row()]
        text = "" if value is None else str(value)
        if index.column() == STATUS:
            from app.views.projects.project_editor import parse_status_or_blank

            status = parse_status_or_blank(text)
            if status is None:
                self.dialog.show_message(self.tr(
                    "'{text}' is not a status; type behaald, in behandeling, niet behaald or "
                    "onbekend.").format(text=text.strip()))
                return False
            return self.dialog.record(row, status, None)
        if index.column() == REMARK:
            return self.dialog.record(row, row.status, text.strip())
        return False


class OccurrencesDialog(QDialog):
    def __init__(self, context, plan_id: int, action_id: int, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("occurrencesDialog")
        self.context, self.plan_id, self.action_id = context, plan_id, action_id
        self.setMinimumSize(640, 460)
        layout = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.message = QLabel()
        self.message.setObjectName("messageBar")
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message)
        self.model = OccurrencesModel(self)
        self.table = QTableView()
        self.table.setObjectName("occurrencesTable")
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Occurrences"))
        self.table.setAccessibleDescription(self.tr(
            "Each time the action is due, with its own status and remark; type a status or a remark"))
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(REMARK, QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QTableView.EditTrigger.AnyKeyPressed | QTableView.EditTrigger.DoubleClicked
                                   | QTableView.EditTrigger.EditKeyPressed)
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAutoDefault(False)  # Enter commits a cell (and goes down), as in the tables, not Close
        close.setDefault(False)
        layout.addWidget(buttons)
        # Undo and redo here too: the window's shortcuts do not reach into a modal dialog.
        for action, keys in ((context.undo_stack.createUndoAction(self), QKeySequence.StandardKey.Undo),
                             (context.undo_stack.createRedoAction(self), QKeySequence.StandardKey.Redo)):
            action.setShortcut(keys)
            self.addAction(action)
        context.changed.connect(self._reload)
        self._reload()

    def _reload(self, _change=None) -> None:
        from app.services.recurring import load_recurring

        workspace = self.context.workspace
        if workspace is None:
            return
        current = self.table.currentIndex()
        try:
            found = load_recurring(workspace, self.action_id)
        except UserError as exc:  # the action is gone or no longer recurs (undone meanwhile)
            self.model.load([])
            self.show_message(exc.message)
            return
        self.setWindowTitle(self.tr("Occurrences: {action}").format(action=found.description))
        self.heading.setText("{}\n{}".format(found.description, self.tr("Recurs: {recurrence}").format(
            recurrence=found.recurrence.text())))
        self.model.load(found.occurrences)
        for column in (PERIOD, STATUS, RECORDED):  # "september 2022 (volgende)" on one line
            self.table.resizeColumnToContents(column)
        if current.isValid():
            self.table.setCurrentIndex(self.model.index(current.row(), current.column()))
        else:
            upcoming = next((i for i, o in enumerate(found.occurrences) if o.upcoming), 0)
            self.table.setCurrentIndex(self.model.index(upcoming, STATUS))

    def record(self, row, status, remark: str | None) -> bool:
        command = RecordOccurrenceCommand(
            self.context, self.plan_id, self.action_id, row.period.start, status, remark,
            self.tr("Status of {occurrence}").format(occurrence=row.text))
        from app.views.commands import execute

        message = execute(self.context, command)
        self.show_message(message or "")
        return message is None

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def done(self, result: int) -> None:
        self.context.changed.disconnect(self._reload)
        super().done(result)
