"""Bijdrage per gemeente (read-only): per municipality per year, whole euros, adding up exactly."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont

from app.formatting import format_amount
from app.views import theme
from app.views.sheet_model import SheetModel
from app.views.changes import ChangeKind, Part

_BOLD = QFont()
_BOLD.setBold(True)


class ContributionsModel(SheetModel):
    """``which`` is "budget" (the plan's budget) or "fixed" (the fixed settlements)."""

    def __init__(self, context, plan_id: int, which: str = "budget", parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.plan_id = plan_id
        self.which = which
        self.result = None
        self.years: list[int] = []
        self.reload()
        context.changed.connect(self._on_change)

    def reload(self) -> None:
        self.beginResetModel()
        self.result = self._load()
        self.years = sorted(self.result.by_year) if self.result else []
        self.endResetModel()

    def _load(self):
        if self.which == "budget":
            return self.context.budget_contributions(self.plan_id)[0]
        return self.context.fixed_contributions(self.plan_id)

    def _on_change(self, change) -> None:
        # Fixed settlements follow only the key; the budget's contributions follow every edit.
        part = Part.SETTLEMENTS if self.which == "fixed" else Part.CONTRIBUTIONS
        if change.concerns(self.plan_id) and change.affects(part):
            if self.result is not None and self.years and change.kind is ChangeKind.CELLS:
                self._update_in_place()
            else:
                self.reload()

    def _update_in_place(self) -> None:
        """Same rows and columns, new amounts: repaint the figures, no reset (no flicker)."""
        result = self._load()
        if result is None or sorted(result.by_year) != self.years:
            self.reload()
            return
        self.result = result
        self.dataChanged.emit(self.index(0, 1), self.index(self.rowCount() - 1, self.columnCount() - 1))

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() or self.result is None else len(self.result.municipalities) + 1

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else 1 + len(self.years)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and not 0 <= section < self.columnCount():
            return None  # a header still sized for more columns than the model has now
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.tr("Municipality") if section == 0 else str(self.years[section - 1])
        if role == Qt.ItemDataRole.TextAlignmentRole and section > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self.result is None:
            return None
        total = index.row() == len(self.result.municipalities)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if index.column() == 0:
                return self.tr("Total") if total else self.result.municipalities[index.row()]
            year = self.years[index.column() - 1]
            if total:
                return format_amount(self.result.totals[year])
            return format_amount(self.result.by_year[year][self.result.municipalities[index.row()]])
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if total and role == Qt.ItemDataRole.FontRole:
            return _BOLD
        if total and role == Qt.ItemDataRole.BackgroundRole:
            return theme.brush("total_bg")
        return None

    def set_texts(self, cells) -> str | None:
        return self.tr("Contributions are computed from the budget and the key; change those instead.")


class SettlementsModel(SheetModel):
    """The fixed settlements themselves (read-only): name, scope (H8/H10) and amount per year."""

    def __init__(self, context, plan_id: int, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.plan_id = plan_id
        from app.services.key_sheet import load_fixed_settlements

        self.years, self.rows = load_fixed_settlements(context.workspace, plan_id)

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else 2 + len(self.years)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and not 0 <= section < self.columnCount():
            return None  # a header still sized for more columns than the model has now
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section == 0:
                return self.tr("Fixed settlement")
            if section == 1:
                return self.tr("Scope")
            return str(self.years[section - 2])
        if role == Qt.ItemDataRole.TextAlignmentRole and section > 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if index.column() == 0:
                return row.name
            if index.column() == 1:
                return row.scope
            amount = row.amounts.get(self.years[index.column() - 2])
            return format_amount(amount) if amount is not None else ""
        if role == Qt.ItemDataRole.ToolTipRole and row.note:
            return row.note
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def set_texts(self, cells) -> str | None:
        return self.tr("The fixed settlements are read-only here.")
