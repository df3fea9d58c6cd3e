"""The comparison view's tables (read-only): the budget lines and figures before / after /
verschil per year, and the contributions per municipality. Thin adapters of
app.services.comparison_live.LiveComparison; nothing is computed here but the row list the
"alleen wijzigingen" filter leaves."""
from __future__ import annotations


from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QFont

from app.formatting import format_amount
from app.services.comparison import FigureRow, LineComparison, cell_text
from app.services.comparison_text import signed
from app.views import theme
from app.views.sheet_model import SheetModel

translate = QCoreApplication.translate
_BOLD = QFont()
_BOLD.setBold(True)
_ITALIC = QFont()
_ITALIC.setItalic(True)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
BEFORE, AFTER, DIFFERENCE = range(3)  # the three columns of each year


def pair_text(pair, part: int, no_difference: str = "") -> str:
    """A figure's before, after or difference as a cell shows it; "—" where its plan has no such
    figure, "" where the plan has no such year."""
    if pair is None:
        return ""
    if part == DIFFERENCE:
        return signed(pair.difference) if pair.difference else no_difference
    value = pair.before if part == BEFORE else pair.after
    return format_amount(value) if value is not None else "—"


class _YearColumns(SheetModel):
    """Label columns, then before / after / verschil for each year."""

    LABELS: tuple[str, ...] = ()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.years: tuple[int, ...] = ()

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.LABELS) + 3 * len(self.years)

    def year_part(self, column: int) -> tuple[int | None, int | None]:
        """(year, BEFORE/AFTER/DIFFERENCE) of a figure column; (None, None) for a label column."""
        if column < len(self.LABELS):
            return None, None
        year, part = divmod(column - len(self.LABELS), 3)
        return self.years[year], part

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.columnCount():
            return None
        year, part = self.year_part(section)
        if role == Qt.ItemDataRole.DisplayRole:
            if year is None:
                return self.LABELS[section]
            word = (translate("ComparisonTables", "before"), translate("ComparisonTables", "after"), translate("ComparisonTables", "difference"))[part]
            return f"{year} {word}"
        if role == Qt.ItemDataRole.TextAlignmentRole and year is not None:
            return _RIGHT
        return None

    def set_texts(self, cells) -> str | None:
        return translate("ComparisonTables", "The comparison shows two plans; change the plan itself to change a figure.")


class BudgetDiffModel(_YearColumns):
    """Rows: the budget lines (every line, or the changed ones), then the group subtotals, the
    total, the funding, the saldo and what the key splits."""

    NAME_COLUMN = 1

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.LABELS = (translate("ComparisonTables", "Group"), translate("ComparisonTables", "Line"), translate("ComparisonTables", "What"))
        self.live = None
        self.only_changes = True
        self.rows: list[tuple[str, object]] = []  # ("line", row in budget.lines) or ("figure", FigureRow)
        self._line_rows: dict[int, int] = {}  # row in budget.lines -> table row

    # --- filling -------------------------------------------------------------------------------

    def show(self, live, only_changes: bool | None = None) -> None:
        self.beginResetModel()
        self.live = live
        if only_changes is not None:
            self.only_changes = only_changes
        self.years = live.budget.years if live is not None and live.budget is not None else ()
        self._fill()
        self.endResetModel()

    def _fill(self) -> None:
        self.rows = self._wanted_rows()
        self._line_rows = {index: row for row, (kind, index) in enumerate(self.rows) if kind == "line"}

    def _wanted_rows(self) -> list[tuple[str, object]]:
        live = self.live
        if live is None or live.budget is None:
            return []
        rows: list[tuple[str, object]] = [("line", index) for index, line in enumerate(live.budget.lines)
                                          if line.changed or not self.only_changes]
        totals = live.totals
        if totals is not None:
            rows += [("figure", row) for row in totals.groups if row.changed or not self.only_changes]
            rows += [("figure", row) for row in (totals.total, totals.funding, totals.saldo)]
        return rows

    @staticmethod
    def _shape(rows) -> list:
        """What the rows are, not what they hold: a figure row by its label."""
        return [(kind, item if kind == "line" else item.label) for kind, item in rows]

    def lines_changed(self, line_rows: list[int]) -> None:
        """Lines compared again after an edit, and the figures made again: repaint what changed
        (a cell typed changes one line and a few subtotals: repainting every figure would cost a
        meeting's typing its smoothness), or refill when a line or subtotal came into or went out
        of the "alleen wijzigingen" filter."""
        wanted = self._wanted_rows()
        if self._shape(wanted) != self._shape(self.rows):
            self.beginResetModel()
            self._fill()
            self.endResetModel()
            return
        old, self.rows = self.rows, wanted  # the same rows; the figure rows hold the new figures
        last = self.columnCount() - 1
        for index in line_rows:
            row = self._line_rows.get(index)
            if row is not None:
                self.dataChanged.emit(self.index(row, 0), self.index(row, last))
        first = len(self.LABELS)
        for row, ((kind, was), (_, now)) in enumerate(zip(old, wanted)):
            if kind != "figure":
                continue
            for position, year in enumerate(self.years):
                if was.values.get(year) != now.values.get(year):
                    column = first + 3 * position
                    self.dataChanged.emit(self.index(row, column), self.index(row, column + 2))

    def line_at(self, row: int) -> LineComparison | None:
        kind, item = self.rows[row]
        return self.live.budget.lines[item] if kind == "line" else None

    # --- Qt -------------------------------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        kind, item = self.rows[index.row()]
        if kind == "line":
            return self._line_data(self.live.budget.lines[item], index.column(), role)
        return self._figure_data(item, index.column(), role)

    def _line_data(self, line: LineComparison, column: int, role):
        year, part = self.year_part(column)
        change = line.cell(year) if year is not None else None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == 0:
                return " › ".join(line.group)
            if column == 1:
                return line.name
            if column == 2:
                return ", ".join(line.kinds)
            if change is None:
                return ""
            if part == DIFFERENCE:
                return signed(change.difference) if change.difference else ""
            return cell_text(change.before if part == BEFORE else change.after)
        if role == Qt.ItemDataRole.TextAlignmentRole and year is not None:
            return _RIGHT
        if role == Qt.ItemDataRole.ToolTipRole:
            if column < 3:
                return line.description() or translate("ComparisonTables", "Unchanged")
            return change.text() if change is not None else None
        if role == Qt.ItemDataRole.BackgroundRole:
            # The new value and the difference stand out; the old value is there to read.
            if change is not None and part != BEFORE and (change.changed or (part == DIFFERENCE and change.difference)):
                return theme.brush("changed_bg")
            if column == 2 and line.changed:
                return theme.brush("changed_bg")
        if role == Qt.ItemDataRole.FontRole:
            if line.after is None:
                return _ITALIC  # removed: in the older plan only
            if part == DIFFERENCE and change is not None and change.difference:
                return _BOLD
        if role == Qt.ItemDataRole.ForegroundRole:
            if line.after is None:
                return theme.brush("muted")
            if part == DIFFERENCE and change is not None and change.difference < 0:
                return theme.brush("negative")
        return None

    def _figure_data(self, figure: FigureRow, column: int, role):
        year, part = self.year_part(column)
        pair = figure.values.get(year) if year is not None else None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == 1:
                return ("    " * figure.level) + figure.label
            return pair_text(pair, part)
        if role == Qt.ItemDataRole.TextAlignmentRole and year is not None:
            return _RIGHT
        if role == Qt.ItemDataRole.FontRole:
            return _BOLD
        if role == Qt.ItemDataRole.BackgroundRole:
            if pair is not None and pair.changed and part != BEFORE:
                return theme.brush("changed_bg")
            return theme.brush("total_bg" if figure.level == 0 and figure in self._totals() else "subtotal_bg")
        if role == Qt.ItemDataRole.ForegroundRole and pair is not None and part == DIFFERENCE:
            return theme.brush("negative") if pair.difference < 0 else None
        return None

    def _totals(self) -> tuple:
        totals = self.live.totals
        return (totals.total, totals.funding, totals.saldo) if totals is not None else ()


class ContributionsDiffModel(_YearColumns):
    """Per municipality, per own year: the contribution before, after and the difference (whole
    euros), and the total that was split."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.LABELS = (translate("ComparisonTables", "Municipality"),)
        self.live = None

    def show(self, live) -> None:
        self.beginResetModel()
        self.live = live
        totals = live.totals if live is not None else None
        self.years = totals.contribution_years if totals is not None and totals.contributions else ()
        self.endResetModel()

    def figures_changed(self) -> None:
        totals = self.live.totals if self.live is not None else None
        years = totals.contribution_years if totals is not None and totals.contributions else ()
        if years != self.years or self.rowCount() != self._count():
            self.show(self.live)
            return
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))

    def _rows(self) -> list[FigureRow]:
        totals = self.live.totals if self.live is not None else None
        if totals is None or not totals.contributions:
            return []
        return [*totals.contributions, totals.to_split]

    def _count(self) -> int:
        return len(self._rows())

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() or not self.years else self._count()

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        rows = self._rows()
        if not index.isValid() or not 0 <= index.row() < len(rows):
            return None
        figure = rows[index.row()]
        total = index.row() == len(rows) - 1
        year, part = self.year_part(index.column())
        pair = figure.values.get(year) if year is not None else None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if year is None:
                return translate("ComparisonTables", "Total") if total else figure.label
            return pair_text(pair, part, no_difference="0")  # every municipality's share is read
        if role == Qt.ItemDataRole.TextAlignmentRole and year is not None:
            return _RIGHT
        if role == Qt.ItemDataRole.FontRole and (total or (part == DIFFERENCE and pair and pair.difference)):
            return _BOLD
        if role == Qt.ItemDataRole.BackgroundRole:
            if pair is not None and pair.changed and part != BEFORE:
                return theme.brush("changed_bg")
            if total:
                return theme.brush("total_bg")
        if role == Qt.ItemDataRole.ForegroundRole and pair is not None and part == DIFFERENCE:
            return theme.brush("negative") if pair.difference < 0 else None
        return None
