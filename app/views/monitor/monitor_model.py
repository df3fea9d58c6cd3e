"""The table of one indicator: its members (the region's municipalities in their order, or the
organisations a-z) and the whole as rows, the years as columns, and the target (Doel) below.

The whole row of an additive indicator is its "Totaal": computed by the service (the members'
sum, or the whole where one was entered) and never typed. A non-additive indicator (unique
clients, a percentage) has a row "Geheel (ingevoerd)" that the user types and that is never a
sum. An indicator without a breakdown has one row of values.

Cells are typed in Dutch notation (``1.234,5``; a percentage as ``12,5``); each edit is one undo
command, a pasted block one undo step. An indicator per organisation has an empty row at the end
of its organisations: a name typed there adds the organisation (kept on screen until its first
value is typed); a block pasted from there adds its rows.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QFont

from app.formatting import format_number
from app.models.indicators import Breakdown
from app.models.numbers import has_more_places
from app.services.cell_input import InputError
from app.services.indicators import parse_value
from app.views import theme
from app.views.commands import execute
from app.views.monitor import monitor_commands as commands
from app.views.sheet_model import SheetModel
from app.views.sheet_view import NOTE_ROLE

NAME = 0
_BOLD = QFont()
_BOLD.setBold(True)
_ITALIC = QFont()
_ITALIC.setItalic(True)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


@dataclass(frozen=True)
class RowSpec:
    kind: str  # "member", "new" (an organisation to type), "whole", "target"
    member: str = ""  # the member's name; "" for the whole, the target and the new row


def edit_text(value: Decimal | None) -> str:
    """A value as it is typed again: Dutch, without its unit and without trailing zeros."""
    if value is None:
        return ""
    places = 0 if not has_more_places(value, 0) else 1 if not has_more_places(value, 1) else 2
    return format_number(value, places)


class MonitorModel(SheetModel):
    """The chosen indicator's table (``set_table``); ``pending`` organisations and ``extra_years``
    are shown before they hold a value."""

    members_added = Signal()  # an organisation was typed into the new row (nothing written yet)

    def __init__(self, context, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.table = None  # app.services.indicators.IndicatorTable
        self.municipalities: list[str] = []
        self.pending: list[str] = []  # organisations typed, without a value yet
        self.extra_years: set[int] = set()
        self.years: list[int] = []
        self.rows: list[RowSpec] = []

    # --- the table ---------------------------------------------------------------------------

    def set_table(self, table, municipalities: list[str]) -> None:
        if self.table is None or table is None or table.id != self.table.id:
            self.pending, self.extra_years = [], set()
        self.beginResetModel()
        self.table = table
        self.municipalities = list(municipalities)
        self._lay_out()
        self.endResetModel()

    def _lay_out(self) -> None:
        table = self.table
        if table is None:
            self.years, self.rows = [], []
            return
        self.years = sorted(set(table.years) | self.extra_years)
        stored = [name for name, _values in table.members]
        rows: list[RowSpec] = []
        if table.breakdown is Breakdown.MUNICIPALITY:
            known = {m.casefold() for m in self.municipalities}
            names = self.municipalities + [n for n in stored if n.casefold() not in known]
            rows += [RowSpec("member", n) for n in names]
        elif table.breakdown is Breakdown.ORGANISATION:
            self.pending = [p for p in self.pending if p.casefold() not in {n.casefold() for n in stored}]
            rows += [RowSpec("member", n) for n in stored + self.pending]
            rows.append(RowSpec("new"))
        rows.append(RowSpec("whole"))
        rows.append(RowSpec("target"))
        self.rows = rows

    def add_year(self, year: int) -> None:
        """An empty column for ``year`` (kept until another indicator is chosen)."""
        if self.table is None or year in self.years:
            return
        self.beginResetModel()
        self.extra_years.add(year)
        self._lay_out()
        self.endResetModel()

    def next_year(self) -> int:
        from datetime import date

        return (max(self.years) + 1) if self.years else date.today().year

    @property
    def read_only(self) -> bool:
        return self.table is None or self.context.read_only

    def row_of(self, kind: str, member: str = "") -> int | None:
        return next((i for i, r in enumerate(self.rows) if r.kind == kind and r.member == member), None)

    def column_of(self, year: int) -> int | None:
        return self.years.index(year) + 1 if year in self.years else None

    # --- Qt --------------------------------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() or self.table is None else 1 + len(self.years)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 - Qt API
        if orientation != Qt.Orientation.Horizontal or self.table is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section == NAME:
                return {Breakdown.MUNICIPALITY: self.tr("Municipality"),
                        Breakdown.ORGANISATION: self.tr("Organisation")}.get(self.table.breakdown, "")
            return str(self.years[section - 1])
        if role == Qt.ItemDataRole.TextAlignmentRole and section != NAME:
            return _RIGHT
        return None

    def whole_label(self) -> str:
        table = self.table
        if table.breakdown is Breakdown.NONE:
            return self.tr("Value")
        return self.tr("Total") if table.additive else self.tr("Whole (entered)")

    def value_at(self, row: int, column: int) -> Decimal | None:
        spec, year = self.rows[row], self.years[column - 1]
        table = self.table
        if spec.kind == "member":
            return dict(table.members).get(spec.member, {}).get(year)
        if spec.kind == "whole":
            return table.whole.get(year)
        if spec.kind == "target":
            return table.targets.get(year)
        return None

    def is_sum(self, row: int, column: int) -> bool:
        return self.rows[row].kind == "whole" and bool(self.table.whole_is_sum.get(self.years[column - 1]))

    def note_at(self, row: int, column: int) -> str:
        spec = self.rows[row]
        if spec.kind not in ("member", "whole") or column == NAME:
            return ""
        return self.table.notes.get((spec.member, self.years[column - 1]), "")

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self.table is None:
            return None
        row, column = index.row(), index.column()
        spec = self.rows[row]
        if column == NAME:
            if role == Qt.ItemDataRole.DisplayRole:
                return {"whole": self.whole_label(), "target": self.tr("Target"),
                        "new": self.tr("(type a new organisation)")}.get(spec.kind, spec.member)
            if role == Qt.ItemDataRole.EditRole:
                return spec.member
            if role == Qt.ItemDataRole.ForegroundRole and spec.kind == "new":
                return theme.brush("muted")
            if role == Qt.ItemDataRole.FontRole and spec.kind == "new":
                return _ITALIC
        else:
            value = self.value_at(row, column)
            if role == Qt.ItemDataRole.DisplayRole:
                return self.table.text(value)
            if role == Qt.ItemDataRole.EditRole:
                return "" if self.is_sum(row, column) else edit_text(value)
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return _RIGHT
            if role == NOTE_ROLE:
                return bool(self.note_at(row, column))
            if role == Qt.ItemDataRole.ToolTipRole:
                note = self.note_at(row, column)
                if self.is_sum(row, column):
                    return self.tr("The sum of the members")
                if spec.kind == "whole" and self.table.additive and value is not None:
                    return self.tr("Entered as a whole")
                return note or None
        if spec.kind in ("whole", "target"):
            if role == Qt.ItemDataRole.FontRole:
                return _BOLD if spec.kind == "whole" else _ITALIC
            if role == Qt.ItemDataRole.BackgroundRole and spec.kind == "whole":
                return theme.brush("total_bg")
        return None

    def note_target(self, index) -> tuple[str, int, Decimal, str] | None:
        """(member, year, value, note) of a cell whose value can carry a note (a typed value of a
        member or of the whole); None for a name, a sum, a target or an empty cell."""
        if self.table is None or not index.isValid() or index.column() == NAME:
            return None
        spec = self.rows[index.row()]
        value = self.value_at(index.row(), index.column())
        if spec.kind not in ("member", "whole") or value is None or self.is_sum(index.row(), index.column()):
            return None
        return spec.member, self.years[index.column() - 1], value, self.note_at(index.row(), index.column())

    def cell_flags(self, index):
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.read_only or not self._writable(index.row(), index.column()):
            return base
        return base | Qt.ItemFlag.ItemIsEditable

    def _writable(self, row: int, column: int) -> bool:
        spec = self.rows[row]
        if column == NAME:
            return spec.kind == "new" or (spec.kind == "member" and self.table.breakdown is Breakdown.ORGANISATION)
        if spec.kind == "whole":  # a Totaal is computed, never typed
            return not (self.table.additive and self.table.breakdown is not Breakdown.NONE)
        return spec.kind in ("member", "target", "new")

    def copy_number(self, index) -> Decimal | None:
        if index.column() == NAME or self.table is None:
            return None
        return self.value_at(index.row(), index.column())

    def copy_text(self, index) -> str:
        if index.column() == NAME:
            return str(self.data(index) or "") if self.rows[index.row()].kind != "new" else ""
        return edit_text(self.value_at(index.row(), index.column()))

    # --- writing ----------------------------------------------------------------------------------

    def rows_to_add(self, top: int, height: int) -> int:
        """Rows of a block pasted at ``top`` that become new organisations: those from the new row on."""
        new = self.row_of("new")
        if new is None or top > new:
            return 0
        return max(0, top + height - new)

    def set_texts(self, cells, new_rows=None, after_row=None) -> str | None:
        if self.read_only:
            return self.tr("This file is open read-only.")
        table = self.table
        names: list[tuple[int, str]] = []
        values: list[tuple[str, int, Decimal | None, str]] = []  # (member or "", year, value, what)
        targets: list[tuple[int, Decimal | None]] = []
        renames: list[tuple[str, str]] = []
        fresh: dict[int, list[tuple[int, str]]] = {}
        for row, column, text in cells:
            index = self.index(row, column)
            if not self._writable(row, column):
                return self.tr("Cell {cell} is computed or cannot be typed in.").format(cell=self.cell_name(index))
            spec = self.rows[row]
            if spec.kind == "new":  # a new organisation: its name and values together, as a new row
                fresh.setdefault(row, []).append((column, text))
                continue
            if column == NAME:
                name = " ".join(text.split())
                if name and name != spec.member:  # (Delete over a row's name leaves it)
                    renames.append((spec.member, name))
                continue
            try:
                value = parse_value(text, table.unit)
            except InputError as exc:
                return self.tr("{cell}: {problem}").format(cell=self.cell_name(index), problem=exc.message)
            year = self.years[column - 1]
            if spec.kind == "target":
                targets.append((year, value))
            else:
                values.append((spec.member, year, value, self.cell_name(index)))
        for row_cells in list(fresh.values()) + list(new_rows or ()):
            name = ""
            for column, text in row_cells:
                if column == NAME:
                    name = " ".join(text.split())
            row_values = [(column, text) for column, text in row_cells if column != NAME and text.strip()]
            if not name:
                if row_values:
                    return self.tr("A row with values needs its organisation in the first column; "
                                   "nothing was written.")
                continue
            names.append((-1, name))
            for column, text in row_values:
                if column - 1 >= len(self.years):
                    return self.tr("The pasted block is wider than the years shown; add a year first.")
                try:
                    value = parse_value(text, table.unit)
                except InputError as exc:
                    return self.tr("{cell}: {problem}").format(cell=f"'{name}' / {self.years[column - 1]}",
                                                               problem=exc.message)
                values.append((name, self.years[column - 1], value, name))
        problem = self._check_names([n for _r, n in names] + [new for _old, new in renames],
                                    [old for old, _new in renames])
        if problem:
            return problem
        built, places = self._commands(values, targets, renames)
        added = [n for _r, n in names if n]
        if not built:
            if added:  # only names: shown, written with their first value
                self.beginResetModel()
                self.pending += [n for n in added if n not in self.pending]
                self._lay_out()
                self.endResetModel()
                self.members_added.emit()
            return None
        self.pending += [n for n in added if n not in self.pending]
        if len(built) == 1:
            text = built[0].text()
        else:
            text = self.tr("Change {count} values of {name}").format(count=len(values) + len(targets),
                                                                     name=table.name)
        message = execute(self.context, commands.one_step(self.context, built, text))
        if message:
            self.pending = [p for p in self.pending if p not in added]
            message = _placed(message, places)
        return message

    def _check_names(self, new: list[str], leaving: list[str]) -> str | None:
        existing = {s.member.casefold() for s in self.rows if s.kind == "member"} - {n.casefold() for n in leaving}
        seen: set[str] = set()
        for name in new:
            if not name:
                return self.tr("An organisation needs a name.")
            if name.casefold() in existing or name.casefold() in seen:
                return self.tr("There is already an organisation “{name}” in this table.").format(name=name)
            seen.add(name.casefold())
        return None

    def stored(self, member: str, year: int):
        """The value the file held for ``member`` ("": the whole) in ``year`` as shown (None: none;
        a whole that is the members' sum is none of its own)."""
        table = self.table
        if member:
            return dict(table.members).get(member, {}).get(year)
        return None if table.whole_is_sum.get(year) else table.whole.get(year)

    def _commands(self, values, targets, renames) -> tuple[list, list[str]]:
        """The commands of an edit, and the cells of the values written together (set_values names
        a refused one by its place in that list: "Rij 3: ...", which the message turns into the cell)."""
        from app.services.indicators import ValueChange

        table, context = self.table, self.context
        changes, places = [], []
        for member, year, value, where in values:
            changes.append(ValueChange(table.id, year, value, member))
            places.append(where if member else f"{self.whole_label()} / {year}")
        members = dict(table.members)
        renamed = []
        for old, new in renames:
            stored = members.get(old, {})
            if not stored:  # only on screen: renamed there
                self.pending = [new if p == old else p for p in self.pending]
                continue
            renamed.append(self.tr("Rename {old} to {new}").format(old=old, new=new))
            for year, value in sorted(stored.items()):
                changes.append(ValueChange(table.id, year, value, new, table.notes.get((old, year), "")))
                changes.append(ValueChange(table.id, year, None, old))
                places += [f"'{new}' / {year}", f"'{old}' / {year}"]
        if renames and not changes and not targets:
            self.beginResetModel()
            self._lay_out()
            self.endResetModel()
        built = []
        if len(changes) == 1:  # one cell: its own message names it
            change = changes[0]
            text = (self.tr("Clear {cell}") if change.value is None else self.tr("Change {cell}")).format(
                cell=places[0])
            built.append(commands.set_value(context, table.id, change.year, change.value, change.member, text,
                                            seen={"value": self.stored(change.member, change.year)}))
        elif changes:
            text = renamed[0] if len(renamed) == 1 and not values else self.tr(
                "Change {count} values of {name}").format(count=len(values), name=table.name)
            built.append(commands.set_values(context, changes, text))
        for year, value in targets:
            built.append(commands.set_target(context, table.id, year, value,
                                             self.tr("Change target {year}").format(year=year),
                                             table.targets.get(year), True))
        return built, places


def _placed(message: str, places: list[str]) -> str:
    """"Rij 3: ..." of set_values as the cell it is about ("'Horizon' / 2022: ...")."""
    import re

    found = re.match(r"^Rij (\d+): (.*)$", message, re.DOTALL)
    if found is None or not 1 <= int(found.group(1)) <= len(places):
        return message
    return f"{places[int(found.group(1)) - 1]}: {found.group(2)}"
