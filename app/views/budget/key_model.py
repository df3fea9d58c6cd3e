"""The verdeelsleutel table: municipalities with their basis figure and share, and the sum.

The sum row shows an error in red when the shares do not make 100,00 %; the
key is never normalised behind the user's back.
"""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont

from app.formatting import format_number, format_percentage
from app.models import KeyMethod
from app.services.cell_input import InputError, parse_percentage, parse_whole_number
from app.services.key_edit import ShareChange
from app.services.key_sheet import KeySheet, load_key_sheet
from app.views import theme
from app.views.sheet_model import SheetModel
from app.views.commands import SetSharesCommand, execute
from app.views.changes import Part

MUNICIPALITY, BASIS, SHARE = 0, 1, 2
_BOLD = QFont()
_BOLD.setBold(True)


class KeyModel(SheetModel):
    def __init__(self, context, plan_id: int, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.plan_id = plan_id
        self.sheet: KeySheet | None = None
        self.reload()
        context.changed.connect(self._on_change)

    def reload(self) -> None:
        self.beginResetModel()
        self.sheet = load_key_sheet(self.context.workspace, self.plan_id)
        self.endResetModel()

    def _on_change(self, change) -> None:
        if change.concerns(self.plan_id) and change.affects(Part.KEY_SHEET):
            self.reload()

    @property
    def read_only(self) -> bool:
        return self.sheet is None or self.sheet.read_only or self.context.read_only

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() or self.sheet is None else len(self.sheet.rows) + 1

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else 3

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Municipality"), self.tr("Basis"), self.tr("Share"))[section]
        if role == Qt.ItemDataRole.ToolTipRole and section == BASIS and self.sheet:
            return self.sheet.basis_label
        if role == Qt.ItemDataRole.TextAlignmentRole and section != MUNICIPALITY:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _editable_column(self) -> int:
        return BASIS if self.sheet.method is KeyMethod.BASIS else SHARE

    def cell_flags(self, index):
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if (not self.read_only and index.row() < len(self.sheet.rows)
                and index.column() == self._editable_column()):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self.sheet is None:
            return None
        total = index.row() == len(self.sheet.rows)
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if total:
                return (self.tr("Total"), format_number(self.sheet.total_basis) if self.sheet.total_basis else "",
                        format_percentage(self.sheet.total_percentage))[column]
            row = self.sheet.rows[index.row()]
            if column == MUNICIPALITY:
                return row.municipality
            if column == BASIS:
                return format_number(row.basis) if row.basis is not None else ""
            value = row.percentage if self.sheet.method is KeyMethod.PERCENTAGE else row.share
            if role == Qt.ItemDataRole.EditRole:
                return format_number(value, 2) if value is not None else ""
            return format_percentage(value) if value is not None else ""
        if role == Qt.ItemDataRole.TextAlignmentRole and column != MUNICIPALITY:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if total and role == Qt.ItemDataRole.FontRole:
            return _BOLD
        if total and role == Qt.ItemDataRole.BackgroundRole:
            return theme.brush("total_bg")
        if total and column == SHARE and self.sheet.problem:
            if role == Qt.ItemDataRole.ForegroundRole:
                return theme.brush("negative")
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.sheet.problem
        return None

    def set_texts(self, cells) -> str | None:
        if self.read_only:
            return self.tr("This key belongs to an adopted plan; make an amendment to change it.")
        changes = []
        for row, column, text in cells:
            index = self.index(row, column)
            if row >= len(self.sheet.rows) or column != self._editable_column():
                return self.tr("Cell {cell} cannot be changed here.").format(cell=self.cell_name(index))
            share = self.sheet.rows[row]
            try:
                if column == BASIS:
                    changes.append(ShareChange(share.id, share.percentage, parse_whole_number(text)))
                else:
                    changes.append(ShareChange(share.id, parse_percentage(text), share.basis))
            except InputError as exc:
                return self.tr("{cell}: {problem}").format(cell=self.cell_name(index), problem=exc.message)
        text = (self.tr("Change share of {name}").format(name=self.sheet.rows[cells[0][0]].municipality)
                if len(changes) == 1 else self.tr("Change {count} shares").format(count=len(changes)))
        # As shown: refused when someone else changed a share meanwhile.
        seen = [ShareChange(r.id, r.percentage, r.basis) for r in (self.sheet.rows[row] for row, _c, _t in cells)]
        return execute(self.context, SetSharesCommand(self.context, self.plan_id, changes, text, seen))
