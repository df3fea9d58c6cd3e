"""The uitputting table of the Realisatie page: per group (depth first) with its lines, then the
total, for one year: budget, spent, ordered, remaining, percentage and forecast, as
app.services.depletion computes them; only a line's forecast can be typed (empty: linear again). Over budget is marked in the theme's warning colours
with a triangle and a tooltip (never by colour alone); a percentage of 90 or more in red."""
from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont

from app.formatting import format_amount, format_money, format_percentage
from app.resources import icon
from app.services.cell_input import InputError, parse_amount
from app.views import theme
from app.views.sheet_model import SheetModel

NAME, BUDGET, REALISED, COMMITTED, REMAINING, PERCENTAGE, FORECAST = range(7)
WARN_PERCENTAGE = Decimal(90)
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
DISPLAY, EDIT = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole
_BOLD = QFont()
_BOLD.setBold(True)


class DepletionModel(SheetModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.depletion = None  # app.services.depletion.PlanDepletion
        self.year: int | None = None
        self.rows: list[tuple[str, object]] = []  # ("group", GroupDepletion), ("line", ...), ("total", None)
        # (year, [(line id, amount or None)]) -> a refusal or None: the page types forecasts (undoable).
        self.on_forecast = None

    def show(self, depletion, year: int | None) -> None:
        self.beginResetModel()
        self.depletion = depletion
        self.year = year if depletion is not None and year in depletion.years else None
        self.rows = []
        if depletion is not None:
            lines: dict[int, list] = {}
            for line in depletion.lines:
                lines.setdefault(line.group_id, []).append(line)
            for group in depletion.groups:
                self.rows.append(("group", group))
                self.rows += [("line", line) for line in lines.get(group.id, [])]
            self.rows.append(("total", None))
        self.endResetModel()

    def row_of_line(self, line_id: int) -> int | None:
        return next((r for r, (kind, item) in enumerate(self.rows) if kind == "line" and item.id == line_id), None)

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() or self.year is None else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else 7

    def headerData(self, section, orientation, role=DISPLAY):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < 7:
            return None
        if role == DISPLAY:
            return (self.tr("Line"), self.tr("Budget"), self.tr("Spent"), self.tr("Committed"), self.tr("Remaining"),
                    self.tr("%"), self.tr("Forecast"))[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return {PERCENTAGE: self.tr("Spent and committed as a percentage of the budget"),
                    FORECAST: self.tr("Expected spending at the year's end: linear from what was spent by the "
                                      "reference date, unless a forecast was typed for the line"),
                    REMAINING: self.tr("Budget minus spent and committed")}.get(section)
        if role == Qt.ItemDataRole.TextAlignmentRole and section != NAME:
            return RIGHT
        return None

    def figures(self, row: int):
        kind, item = self.rows[row]
        return self.depletion.total[self.year] if kind == "total" else item.years[self.year]

    def _name(self, row: int) -> str:
        kind, item = self.rows[row]
        if kind == "total":
            return self.tr("Total")
        if kind == "group":
            name = f"{item.number} {item.name}".strip() if item.number else item.name
            return "    " * item.level + name
        level = next((g.level for k, g in self.rows if k == "group" and g.id == item.group_id), 0)
        return "    " * (level + 1) + item.name

    def text(self, row: int, column: int) -> str:
        if column == NAME:
            return self._name(row)
        figures = self.figures(row)
        if column == BUDGET:
            if figures.marker is not None:
                return figures.marker.value
            return format_amount(figures.budget, 2)
        if column == PERCENTAGE:
            return format_percentage(figures.percentage, 1)
        value = {REALISED: figures.realised, COMMITTED: figures.committed, REMAINING: figures.remaining,
                 FORECAST: figures.forecast}[column]
        return format_amount(value, 2)

    def copy_number(self, index):
        if index.column() in (NAME, PERCENTAGE) or self.year is None:
            return None
        figures = self.figures(index.row())
        return {BUDGET: figures.budget, REALISED: figures.realised, COMMITTED: figures.committed,
                REMAINING: figures.remaining, FORECAST: figures.forecast}[index.column()]

    def copy_text(self, index) -> str:
        return self.text(index.row(), index.column()).strip()

    def cell_flags(self, index):
        flags = super().cell_flags(index)
        if (index.column() == FORECAST and self.year is not None and self.rows[index.row()][0] == "line"
                and self.on_forecast is not None):
            flags |= Qt.ItemFlag.ItemIsEditable  # a line's forecast may be typed (empty: linear again)
        return flags

    def set_texts(self, cells) -> str | None:
        if self.on_forecast is None or any(column != FORECAST or self.rows[row][0] != "line"
                                           for row, column, _text in cells):
            return self.tr("The depletion is computed from the bookings; type in the bookings above. Only a "
                           "line's forecast can be typed.")
        try:
            typed = [(self.rows[row][1].id, parse_amount(text) if text.strip() else None, self._typed(row))
                     for row, _column, text in cells]
        except InputError as exc:
            return exc.message
        return self.on_forecast(self.year, typed)

    def _typed(self, row: int):
        """The forecast typed for the line of ``row`` as shown (None: the linear one): what an
        edit expects, so one over someone else's forecast is refused."""
        figures = self.figures(row)
        return figures.forecast if figures.typed_forecast else None

    def data(self, index, role=DISPLAY):
        if not index.isValid() or self.year is None:
            return None
        row, column = index.row(), index.column()
        kind = self.rows[row][0]
        figures = self.figures(row)
        if role in (DISPLAY, EDIT):
            return self.text(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column != NAME:
            return RIGHT
        if role == Qt.ItemDataRole.FontRole and kind in ("group", "total"):
            return _BOLD
        if figures.over:
            if role == Qt.ItemDataRole.BackgroundRole:
                return theme.brush("bad_bg")
            if role == Qt.ItemDataRole.ForegroundRole and column in (REMAINING, PERCENTAGE):
                return theme.brush("negative")
            if role == Qt.ItemDataRole.DecorationRole and column == NAME:
                return icon("warning")
            if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleDescriptionRole):
                return self.tr("Over budget: {amount} more spent and committed than budgeted.").format(
                    amount=format_money(figures.spent - figures.budget))
        if role == Qt.ItemDataRole.BackgroundRole and kind == "group":
            return theme.brush("group_bg")
        if role == Qt.ItemDataRole.BackgroundRole and kind == "total":
            return theme.brush("total_bg")
        if (column == PERCENTAGE and figures.percentage is not None and figures.percentage >= WARN_PERCENTAGE
                and role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole)):
            return theme.brush("negative") if role == Qt.ItemDataRole.ForegroundRole else _BOLD
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == BUDGET and figures.marker is not None:
                return self.tr("{marker}: no amount budgeted, so no percentage; what was spent is shown.").format(
                    marker=figures.marker.value)
            if column == FORECAST and kind == "line" and figures.forecast is not None:
                return self.tr("Typed for this line") if figures.typed_forecast else self.tr(
                    "Linear from what was spent by the reference date")
            if column == NAME:
                return self._name(row).strip()
        return None
