"""The base of every table model in the editors: the sheet protocol of SheetView.

Subclasses implement rowCount/columnCount/data/headerData, ``cell_flags`` and
``set_texts``; this class turns setData into ``set_texts`` (so every write is
one validated undo command), keeps Qt's rule that the root has no flags, and gives
cells their names for messages.
"""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, Qt


class SheetModel(QAbstractTableModel):
    NAME_COLUMN = 0  # the column that names a row in messages ("'Delft' / 2022")

    def flags(self, index) -> Qt.ItemFlag:
        if not index.isValid():  # the root of a table: Qt's model rules allow no flags there
            return Qt.ItemFlag.NoItemFlags
        return self.cell_flags(index)

    def cell_flags(self, index) -> Qt.ItemFlag:
        """The flags of a cell (``index`` is valid): selectable and enabled unless overridden."""
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        return self.set_texts([(index.row(), index.column(), str(value))]) is None

    def set_texts(self, cells: list[tuple[int, int, str]]) -> str | None:
        raise NotImplementedError

    def cell_name(self, index) -> str:
        name = str(self.data(self.index(index.row(), self.NAME_COLUMN)) or "").strip()
        header = self.headerData(index.column(), Qt.Orientation.Horizontal)
        return f"'{name}' / {header}" if index.column() != self.NAME_COLUMN else f"'{name}'"

    def copy_text(self, index) -> str:
        return str(self.data(index, Qt.ItemDataRole.EditRole) or "")
