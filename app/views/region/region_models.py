"""The region editor's three tables: municipalities, municipality sets and allocation keys.

Thin SheetModels over one :class:`app.services.region_admin.RegionAdmin` that the editor
loads and hands to all three; a typed or pasted name becomes one undo command (a block of
several is one compound command), built by app.views.region.region_commands.
"""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from app.services import region_edit
from app.views import theme
from app.views.commands import execute
from app.views.region import region_commands as commands
from app.views.sheet_model import SheetModel


class RegionTableModel(SheetModel):
    """Rows from ``admin``; ``EDITABLE`` columns take typed text through ``command_for``."""

    EDITABLE: frozenset[int] = frozenset()

    def __init__(self, context, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.admin = None

    def set_admin(self, admin) -> None:
        self.beginResetModel()
        self.admin = admin
        self.endResetModel()

    def rows(self) -> tuple:
        raise NotImplementedError

    def headers(self) -> tuple[str, ...]:
        raise NotImplementedError

    def text(self, row, column: int) -> str:
        raise NotImplementedError

    def command_for(self, row, column: int, text: str):
        """The undo command writing ``text`` into the cell (its service validates it)."""
        raise NotImplementedError

    @property
    def read_only(self) -> bool:
        return self.admin is None or self.context.read_only

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() or self.admin is None else len(self.rows())

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers())

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def cell_flags(self, index):
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not self.read_only and index.column() in self.EDITABLE and self.row_editable(index.row()):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def row_editable(self, row: int) -> bool:
        return True

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self.admin is None or index.row() >= len(self.rows()):
            return None
        row = self.rows()[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self.text(row, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row, index.column())
        if role == Qt.ItemDataRole.ForegroundRole and index.column() not in self.EDITABLE:
            return theme.brush("muted")
        return None

    def tooltip(self, row, column: int) -> str | None:
        return None

    def set_texts(self, cells) -> str | None:
        if self.read_only:
            return self.tr("This file is open read-only.")
        children = []
        for row, column, text in cells:
            index = self.index(row, column)
            if row >= len(self.rows()) or not (self.cell_flags(index) & Qt.ItemFlag.ItemIsEditable):
                return self.tr("Cell {cell} cannot be changed here.").format(cell=self.cell_name(index))
            children.append(self.command_for(self.rows()[row], column, text.strip()))
        command = children[0] if len(children) == 1 else commands.compound(
            self.context, children, self.tr("Change {count} names").format(count=len(children)))
        return execute(self.context, command)


class MunicipalitiesModel(RegionTableModel):
    EDITABLE = frozenset({0})

    def headers(self):
        return (self.tr("Municipality"), self.tr("Groups"))

    def rows(self):
        return self.admin.municipalities

    def text(self, row, column):
        if column == 0:
            return row.name
        return ", ".join(s.code for s in self.admin.sets if row.id in s.member_ids)  # the groups it is in

    def tooltip(self, row, column):
        if row.uses:
            return self.tr("Removing it removes {count} entries with it (key shares, group memberships, "
                           "fixed settlements).").format(count=row.uses)
        return None

    def command_for(self, row, column, text):
        return commands.rename_municipality(self.context, row.id, text, row.name)


class SetsModel(RegionTableModel):
    """Code and name are typed; the members are ticked in a dialog (Enter on the column)."""

    EDITABLE = frozenset({0, 1})
    MEMBERS = 2

    def headers(self):
        return (self.tr("Code"), self.tr("Name"), self.tr("Members"))

    def rows(self):
        return self.admin.sets

    def text(self, row, column):
        return (row.code, row.name, row.members)[column]

    def tooltip(self, row, column):
        return row.members if column == self.MEMBERS else None

    def command_for(self, row, column, text):
        code, name = (text, row.name) if column == 0 else (row.code, text)
        seen = region_edit.SetState(row.code, row.name, tuple(row.member_ids))  # refused when changed meanwhile
        return commands.set_municipality_set(self.context, row.id, code, name, row.member_ids,
                                             self.tr("Change {code}").format(code=row.code), seen)


class KeysModel(RegionTableModel):
    """Name, basis label and note are typed; the shares are on a plan's key page."""

    EDITABLE = frozenset({0, 4, 5})
    FIELDS = {0: "name", 4: "basis_label", 5: "note"}

    def headers(self):
        return (self.tr("Allocation key"), self.tr("Method"), self.tr("Filled in"), self.tr("Used by"),
                self.tr("Basis"), self.tr("Note"))

    def rows(self):
        return self.admin.keys

    def row_editable(self, row: int) -> bool:
        return not self.rows()[row].adopted  # a key an adopted plan uses stays as it was adopted

    def text(self, row, column):
        if column == 1:
            from app.models import KeyMethod

            return self.tr("Percentages") if row.method is KeyMethod.PERCENTAGE else self.tr("Basis figure")
        if column == 2:
            return self.tr("{filled} of {count}").format(filled=row.filled, count=row.count)
        if column == 3:
            return ", ".join(row.used_by) or self.tr("no plan")
        return getattr(row, self.FIELDS[column])

    def tooltip(self, row, column):
        if row.adopted:
            return self.tr("Used by an adopted plan: copy the key to change it.")
        if column == 3:
            return ", ".join(row.used_by) or None
        return None

    def command_for(self, row, column, text):
        if column == 0:
            return commands.rename_key(self.context, row.id, text, self.tr("Rename allocation key"), row.name)
        field = self.FIELDS[column]
        return commands.key_fields(self.context, row.id, self.tr("Change allocation key {name}").format(
            name=row.name), {field: getattr(row, field)}, **{field: text})
