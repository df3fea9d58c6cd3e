"""The dekking table: sources with an amount per year, then the total, the budget and the saldo.

The saldo row is red when it is not zero, with its sign, a triangle and a word (shortfall,
surplus) in its tooltip and for a screen reader: an imbalance is never hidden, nor told by colour
alone.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QFont

from app.formatting import format_amount
from app.models import FundingKind
from app.resources import icon
from app.services.cell_input import InputError, parse_amount
from app.services.funding_edit import FundingChange
from app.services.funding_sheet import FundingSheet, load_funding_sheet
from app.views import theme
from app.views.sheet_model import SheetModel
from app.views.commands import SetFundingCommand, execute, source_fields_command
from app.views.changes import Part

NAME, PAID_BY, EARMARK = 0, 1, 2
FIRST_YEAR_COLUMN = 3
_BOLD = QFont()
_BOLD.setBold(True)


def balance_word(balance) -> str:
    """What a balance that is not zero is, in a word: red is never its only sign."""
    if balance < 0:
        return QCoreApplication.translate("FundingModel", "shortfall")
    return QCoreApplication.translate("FundingModel", "surplus")


class FundingModel(SheetModel):
    # rows after the sources: funding total, budget total, saldo
    EXTRA = 3

    def __init__(self, context, plan_id: int, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.plan_id = plan_id
        self.sheet: FundingSheet | None = None
        self.reload()
        context.changed.connect(self._on_change)

    def reload(self) -> None:
        self.beginResetModel()
        self.sheet = load_funding_sheet(self.context.workspace, self.plan_id,
                                        self.context.budget_figures(self.plan_id))
        self.endResetModel()

    def _on_change(self, change) -> None:
        if not change.concerns(self.plan_id):
            return
        if change.affects(Part.FUNDING_SHEET):
            self.reload()
        elif change.affects(Part.BUDGET_FIGURES):
            # The budget total and saldo rows follow the budget.
            self.sheet.figures = self.context.budget_figures(self.plan_id)
            first = len(self.sheet.sources) + 1
            self.dataChanged.emit(self.index(first, FIRST_YEAR_COLUMN),
                                  self.index(first + 1, self.columnCount() - 1))

    @property
    def read_only(self) -> bool:
        return self.sheet is None or self.sheet.read_only or self.context.read_only

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() or self.sheet is None else len(self.sheet.sources) + self.EXTRA

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() or self.sheet is None else FIRST_YEAR_COLUMN + len(self.sheet.years)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and not 0 <= section < self.columnCount():
            return None  # a header still sized for more columns than the model has now
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section < FIRST_YEAR_COLUMN:
                return (self.tr("Funding"), self.tr("Paid by"), self.tr("For"))[section]
            year = self.sheet.years[section - FIRST_YEAR_COLUMN]
            if year not in self.sheet.comparison_years:
                return str(year)
            return (self.tr("{year} (realisation)") if self.sheet.figures.comparison_realised else
                    self.tr("{year} (comparison)")).format(year=year)
        if role == Qt.ItemDataRole.ToolTipRole and section == PAID_BY:
            return self.tr("Type ‘municipalities’ for what they pay through the key (e.g. the regular regional "
                           "budget), ‘others’ for a fund, underspend or a reserve: that lowers what the key splits.")
        if role == Qt.ItemDataRole.ToolTipRole and section == EARMARK:
            return self.tr("Other funding for one group or line: type its name. Empty: it lowers every line "
                           "pro rata.")
        if role == Qt.ItemDataRole.TextAlignmentRole and section >= FIRST_YEAR_COLUMN:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _kind(self, row: int) -> str:
        n = len(self.sheet.sources)
        return "source" if row < n else ("total", "budget", "balance")[row - n]

    def cell_flags(self, index):
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.read_only or self._kind(index.row()) != "source":
            return base
        column = index.column()
        if column >= FIRST_YEAR_COLUMN and self.sheet.years[column - FIRST_YEAR_COLUMN] in self.sheet.comparison_years:
            return base  # last year's budget: shown for comparison, not funded here
        if column == EARMARK and self.sheet.sources[index.row()].kind is FundingKind.MUNICIPAL:
            return base
        return base | Qt.ItemFlag.ItemIsEditable

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self.sheet is None:
            return None
        kind = self._kind(index.row())
        column = index.column()
        year = self.sheet.years[column - FIRST_YEAR_COLUMN] if column >= FIRST_YEAR_COLUMN else None
        figures = self.sheet.figures
        comparison = year in self.sheet.comparison_years
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column in (PAID_BY, EARMARK):
                if kind != "source":
                    return ""
                source = self.sheet.sources[index.row()]
                if column == PAID_BY:
                    return self.tr("municipalities") if source.kind is FundingKind.MUNICIPAL else self.tr("others")
                if source.kind is FundingKind.MUNICIPAL:
                    return ""
                return source.earmark or (self.tr("every line") if role == Qt.ItemDataRole.DisplayRole else "")
            if kind == "balance" and comparison:
                return ""  # a comparison column is never funded: no saldo
            if column == NAME:
                return {"source": lambda: self.sheet.sources[index.row()].name,
                        "total": lambda: self.tr("Total funding"),
                        "budget": lambda: self.tr("Total budget"),
                        "balance": lambda: self.tr("Balance (funding − budget)")}[kind]()
            amount = {"source": lambda: self.sheet.sources[index.row()].amounts.get(year),
                      "total": lambda: figures.funding[year],
                      "budget": lambda: figures.total[year],
                      "balance": lambda: figures.balance[year]}[kind]()
            return format_amount(amount) if amount is not None else ""
        if (kind == "balance" and year is not None and not comparison and figures.balance[year] != 0
                and role in (Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ToolTipRole,
                             Qt.ItemDataRole.AccessibleTextRole)):
            # Red is never the only sign: a triangle beside the amount (with its minus), and the
            # word in the tooltip and for a screen reader (in the cell it would not fit a column).
            if role == Qt.ItemDataRole.DecorationRole:
                return icon("warning")
            balance = figures.balance[year]
            return f"{format_amount(balance)} {balance_word(balance)}"
        if role == Qt.ItemDataRole.TextAlignmentRole and year is not None:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and kind != "source":
            return _BOLD
        if comparison and role == Qt.ItemDataRole.ForegroundRole:
            return theme.brush("grey")
        if comparison and role == Qt.ItemDataRole.BackgroundRole:
            return theme.brush("comparison_bg")
        if kind == "balance" and year is not None and figures.balance[year] != 0:
            if role == Qt.ItemDataRole.ForegroundRole:
                return theme.brush("negative")
            if role == Qt.ItemDataRole.BackgroundRole:
                return theme.brush("bad_bg")
        if role == Qt.ItemDataRole.BackgroundRole and kind in ("total", "balance"):
            return theme.brush("total_bg")
        return None

    def set_texts(self, cells) -> str | None:
        if self.read_only:
            return self.tr("This plan is read-only; make an amendment to change it.")
        if len(cells) == 1 and cells[0][1] == NAME and self._kind(cells[0][0]) == "source":
            source = self.sheet.sources[cells[0][0]]
            name = cells[0][2].strip()
            if not name:
                return self.tr("A funding source needs a name.")
            if name == source.name:
                return None
            return execute(self.context, source_fields_command(
                self.context, self.plan_id, source.id,
                self.tr("Rename funding {name}").format(name=source.name), {"name": source.name}, name=name))
        if len(cells) == 1 and cells[0][1] in (PAID_BY, EARMARK) and self._kind(cells[0][0]) == "source":
            return self._set_payer(self.sheet.sources[cells[0][0]], cells[0][1], cells[0][2])
        changes = []
        for row, column, text in cells:
            index = self.index(row, column)
            if not (self.cell_flags(index) & Qt.ItemFlag.ItemIsEditable) or column < FIRST_YEAR_COLUMN:
                return self.tr("Cell {cell} cannot be changed here.").format(cell=self.cell_name(index))
            try:
                amount = parse_amount(text) if text.strip() else None
            except InputError as exc:
                return self.tr("{cell}: {problem}").format(cell=self.cell_name(index), problem=exc.message)
            changes.append(FundingChange(self.sheet.sources[row].id, self.sheet.years[column - FIRST_YEAR_COLUMN],
                                         amount))
        negative = [c for c in changes if c.amount is not None and c.amount < 0]
        if negative and not self.context.confirm_negative(len(negative)):
            return self.tr("Negative amounts not confirmed; nothing was changed.")
        text = (self.tr("Change funding {name} {year}").format(
            name=self.sheet.sources[cells[0][0]].name, year=changes[0].year)
            if len(changes) == 1 else self.tr("Change {count} funding cells").format(count=len(changes)))
        rows = {source.id: source for source in self.sheet.sources}
        seen = [FundingChange(c.source_id, c.year, rows[c.source_id].amounts.get(c.year)) for c in changes]
        return execute(self.context, SetFundingCommand(self.context, self.plan_id, changes, text, seen))

    def _set_payer(self, source, column: int, text: str) -> str | None:
        """Who pays the source (typed: gemeenten / anderen), or what other funding is for."""
        from app.services.edit_errors import EditError
        from app.services.funding_edit import earmark_for

        if column == PAID_BY:
            word = text.strip().casefold()
            if not word:
                return None
            if "gemeenten".startswith(word) or "municipalities".startswith(word):
                fields = {"kind": FundingKind.MUNICIPAL, "earmark_group_id": None, "earmark_line_id": None}
            elif any(w.startswith(word) for w in ("anderen", "overig", "others")):
                fields = {"kind": FundingKind.OTHER}
            else:
                return self.tr("“{text}”: type ‘gemeenten’ (they pay through the key) or ‘anderen’ "
                               "(a fund, underspend, a reserve).").format(text=text.strip())
            if fields["kind"] is source.kind:
                return None
            label = self.tr("Funding {name} paid by {payer}").format(
                name=source.name, payer=self.tr("municipalities") if fields["kind"] is FundingKind.MUNICIPAL
                else self.tr("others"))
        else:
            try:
                fields = earmark_for(self.context.workspace, self.plan_id, text)
            except EditError as exc:
                return exc.message
            label = self.tr("Funding {name} for {part}").format(
                name=source.name, part=text.strip() or self.tr("every line"))
        return execute(self.context, source_fields_command(self.context, self.plan_id, source.id, label, **fields))
