"""The comparison view's tables (read-only): the budget lines and figures before / after /
verschil per year, and the contributions per municipality. Thin adapters of
app.services.comparison_live.LiveComparison; nothing is computed here but the row list the
"alleen wijzigingen" filter leaves."""
from __future__ import annotations

from array import array
from bisect import bisect_left

from PySide6.QtCore import QAbstractListModel, QCoreApplication, QModelIndex, Qt
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
        # The table's rows: first the lines shown (their rows in budget.lines, ascending: an array,
        # not a tuple per row, at 20,000 lines), then the figures (FigureRow).
        self.line_rows = array("i")
        self.figures: list = []

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
        self.line_rows, self.figures = self._wanted_rows()

    def _wanted_rows(self) -> tuple[array, list]:
        live = self.live
        if live is None or live.budget is None:
            return array("i"), []
        lines = live.budget.lines
        if self.only_changes:
            line_rows = array("i", (index for index, line in enumerate(lines) if line.changed))
        else:
            line_rows = array("i", range(len(lines)))
        figures = []
        totals = live.totals
        if totals is not None:
            figures = [row for row in totals.groups if row.changed or not self.only_changes]
            figures += [totals.total, totals.funding, totals.saldo]
        return line_rows, figures

    def lines_changed(self, line_rows: list[int]) -> None:
        """Lines compared again after an edit, and the figures made again: repaint what changed
        (a cell typed changes one line and a few subtotals: repainting every figure would cost a
        meeting's typing its smoothness), or refill when a line or subtotal came into or went out
        of the "alleen wijzigingen" filter."""
        wanted_lines, wanted_figures = self._wanted_rows()
        if (wanted_lines != self.line_rows
                or [row.label for row in wanted_figures] != [row.label for row in self.figures]):
            self.beginResetModel()
            self.line_rows, self.figures = wanted_lines, wanted_figures
            self.endResetModel()
            return
        old, self.figures = self.figures, wanted_figures  # the same rows, holding the new figures
        last = self.columnCount() - 1
        for index in line_rows:
            row = self.row_of_line(index)
            if row is not None:
                self.dataChanged.emit(self.index(row, 0), self.index(row, last))
        first = len(self.LABELS)
        for offset, (was, now) in enumerate(zip(old, wanted_figures)):
            row = len(self.line_rows) + offset
            for position, year in enumerate(self.years):
                if was.values.get(year) != now.values.get(year):
                    column = first + 3 * position
                    self.dataChanged.emit(self.index(row, column), self.index(row, column + 2))

    def row_of_line(self, index: int) -> int | None:
        """The table row of ``budget.lines[index]``, None when it is not shown."""
        row = bisect_left(self.line_rows, index)
        return row if row < len(self.line_rows) and self.line_rows[row] == index else None

    def line_at(self, row: int) -> LineComparison | None:
        return self.live.budget.lines[self.line_rows[row]] if 0 <= row < len(self.line_rows) else None

    # --- Qt -------------------------------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.line_rows) + len(self.figures)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, lines = index.row(), len(self.line_rows)
        if 0 <= row < lines:
            return self._line_data(self.live.budget.lines[self.line_rows[row]], index.column(), role)
        if lines <= row < lines + len(self.figures):
            return self._figure_data(self.figures[row - lines], index.column(), role)
        return None

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


class ChangesListModel(QAbstractListModel):
    """The staffing and outline changes (StaffingChange, OutlineChange), a line of text each, made
    when shown (a list widget's item per change held 10,000 texts at 2,000 projects); or a line
    saying there are none. Nothing compared: no rows."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.staffing: list | None = None
        self.outline: list | None = None

    def show(self, staffing: list | None, outline: list | None) -> None:
        if staffing is self.staffing and outline is self.outline:
            return  # the same lists: a typed budget cell changes neither
        self.beginResetModel()
        self.staffing, self.outline = staffing, outline
        self.endResetModel()

    def texts(self) -> list[str]:
        return [self.data(self.index(row)) for row in range(self.rowCount())]

    def rowCount(self, parent=QModelIndex()) -> int:
        if parent.isValid() or self.staffing is None:
            return 0
        return len(self.staffing) + len(self.outline or ()) or 1

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        staffing, outline = self.staffing or [], self.outline or []
        if not staffing and not outline:
            return translate("ComparisonDock", "No changes in staffing, projects or actions.")
        row = index.row()
        change = staffing[row] if row < len(staffing) else outline[row - len(staffing)]
        return change.text()
