"""The formatie tables' item models: roles, people and the allocation matrix.

Thin adapters over the plan's StaffingFigures (app.services.staffing, the context's cached
object) and the allocation matrix; every
write is one undo command from app.views.staffing.staffing_commands. After a cell edit
of the matrix only that cell, its row total and the totals rows are refreshed
(the matrix keeps its sums in step in memory), so a 200-project plan stays
instant; structural edits (roles, people, the factor) reload.
"""
from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont

from app.formatting import format_fte, format_half_days
from app.services.allocation_matrix import Matrix
from app.services.edit_errors import EditError
from app.services.staffing import to_fte
from app.services.staffing_edit import AllocationChange, parse_half_days
from app.services.allocation_matrix import load_matrix
from app.services.staffing import StaffingFigures
from app.views import theme
from app.views.changes import ChangeKind, Part
from app.views.commands import execute
from app.views.sheet_model import SheetModel
from app.views.staffing.staffing_commands import SetAllocationsCommand, person_fields_command, role_fields_command

ZERO = Decimal("0.0")
_BOLD = QFont()
_BOLD.setBold(True)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
DISPLAY, EDIT = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole


def _fte_of(half_days: Decimal | None, factor: Decimal) -> str:
    return "" if half_days is None else format_fte(to_fte(half_days, factor))


class _StaffingModel(SheetModel):
    """Roles and people: small tables over the plan's staffing figures, the context's cached
    ones (the status bar, the charts and the matrix read the same object; never changed here)."""

    def __init__(self, context, plan_id: int, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.plan_id = plan_id
        self.sheet: StaffingFigures | None = None
        self.reload()
        context.changed.connect(self._on_change)
        context.data_changed.connect(self.reload)

    def reload(self) -> None:
        self.beginResetModel()
        self.sheet = self.context.staffing_figures(self.plan_id)
        self.endResetModel()

    def _on_change(self, change) -> None:
        if change.concerns(self.plan_id) and change.affects(Part.STAFFING_SHEETS):
            self.reload()

    @property
    def read_only(self) -> bool:
        return self.sheet is None or self.sheet.read_only or self.context.read_only

    def _refused_read_only(self) -> str:
        return self.tr("This plan is read-only; make an amendment to change it.")


class RolesModel(_StaffingModel):
    """Role, fte, of which for execution, dagdelen per week (computed); a total row."""

    ROLE, FTE, EXECUTION, HALF_DAYS = range(4)

    def _on_change(self, change) -> None:
        if not (change.kind is ChangeKind.STAFFING and change.cells):  # allocation cells: not the roles
            super()._on_change(change)

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() or self.sheet is None else len(self.sheet.roles) + 1

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else 4

    def headerData(self, section, orientation, role=DISPLAY):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == DISPLAY:
            return (self.tr("Role"), self.tr("Fte"), self.tr("Of which for execution (fte)"),
                    self.tr("Half-days per week"))[section]
        if role == Qt.ItemDataRole.TextAlignmentRole and section > self.ROLE:
            return _RIGHT
        if role == Qt.ItemDataRole.ToolTipRole and section == self.HALF_DAYS:
            return self.tr("Fte for execution × the plan's half-days per fte; computed")
        return None

    def is_total(self, row: int) -> bool:
        return row == len(self.sheet.roles)

    def cell_flags(self, index):
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if (self.read_only or self.is_total(index.row()) or index.column() == self.HALF_DAYS):
            return base
        return base | Qt.ItemFlag.ItemIsEditable

    def data(self, index, role=DISPLAY):
        if not index.isValid() or self.sheet is None:
            return None
        sheet, column = self.sheet, index.column()
        total = self.is_total(index.row())
        if role in (DISPLAY, EDIT):
            if total:
                return [self.tr("Total"), format_fte(sheet.total_fte), format_fte(sheet.execution_fte),
                        format_half_days(sheet.capacity_half_days)][column]
            r = sheet.roles[index.row()]
            return [r.role, format_fte(r.fte), format_fte(r.execution_fte),
                    format_half_days(r.capacity_half_days)][column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column > self.ROLE:
            return _RIGHT
        if role == Qt.ItemDataRole.FontRole and total:
            return _BOLD
        if role == Qt.ItemDataRole.BackgroundRole:
            if total:
                return theme.brush("total_bg")
            if column == self.HALF_DAYS:
                return theme.brush("computed_bg")
        return None

    def set_texts(self, cells) -> str | None:
        if self.read_only:
            return self._refused_read_only()
        if len(cells) != 1:
            return self.tr("Roles are changed one cell at a time.")
        row, column, text = cells[0]
        index = self.index(row, column)
        if self.is_total(row) or column == self.HALF_DAYS:
            return self.tr("Cell {cell} is computed; nothing was changed.").format(cell=self.cell_name(index))
        r = self.sheet.roles[row]
        name = ("role", "fte", "execution_fte")[column]
        value = text.strip() if column == self.ROLE else text
        if column == self.ROLE and value == r.role:
            return None
        label = {self.ROLE: self.tr("Rename role {name}"), self.FTE: self.tr("Change fte of {name}"),
                 self.EXECUTION: self.tr("Change fte for execution of {name}")}[column]
        seen = {name: (r.role, r.fte, r.execution_fte)[column]}  # refused when changed meanwhile
        return execute(self.context, role_fields_command(
            self.context, self.plan_id, r.id, label.format(name=r.role), seen, **{name: value}))


class PeopleModel(_StaffingModel):
    """Name, role, available dagdelen, allocated, free; over-allocated people red."""

    NAME, ROLE, AVAILABLE, ALLOCATED, FREE = range(5)

    def _on_change(self, change) -> None:
        if (change.kind is ChangeKind.STAFFING and change.cells and change.concerns(self.plan_id)
                and self.sheet is not None):
            # Allocation cells: the context has moved its figures along (or read them again);
            # the same people, new "allocated": only the rows touched repaint.
            figures = self.context.staffing_figures(self.plan_id)
            if figures is None or [p.id for p in figures.people] != [p.id for p in self.sheet.people]:
                self.reload()
                return
            self.sheet = figures
            rows = {p.id: row for row, p in enumerate(figures.people)}
            for row in sorted({rows[d.column.person_id] for d in change.cells if d.column.person_id in rows}):
                self.dataChanged.emit(self.index(row, self.NAME), self.index(row, self.FREE))
            return
        super()._on_change(change)

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() or self.sheet is None else len(self.sheet.people)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else 5

    def headerData(self, section, orientation, role=DISPLAY):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == DISPLAY:
            return (self.tr("Name"), self.tr("Role"), self.tr("Available"), self.tr("Allocated"),
                    self.tr("Free"))[section]
        if role == Qt.ItemDataRole.TextAlignmentRole and section >= self.AVAILABLE:
            return _RIGHT
        if role == Qt.ItemDataRole.ToolTipRole and section >= self.AVAILABLE:
            return self.tr("Half-days per week")
        return None

    def cell_flags(self, index):
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.read_only or index.column() >= self.ALLOCATED:
            return base
        return base | Qt.ItemFlag.ItemIsEditable

    def over_allocated(self, row: int) -> bool:
        p = self.sheet.people[row]
        return p.allocated_half_days > p.available_half_days

    def data(self, index, role=DISPLAY):
        if not index.isValid() or self.sheet is None:
            return None
        p, column = self.sheet.people[index.row()], index.column()
        if role in (DISPLAY, EDIT):
            return [p.name, self.sheet.role_name(p.role_id), format_half_days(p.available_half_days),
                    format_half_days(p.allocated_half_days),
                    format_half_days(p.available_half_days - p.allocated_half_days)][column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= self.AVAILABLE:
            return _RIGHT
        over = self.over_allocated(index.row())
        if role == Qt.ItemDataRole.ForegroundRole and over and column in (self.NAME, self.ALLOCATED, self.FREE):
            return theme.brush("negative")
        if role == Qt.ItemDataRole.BackgroundRole:
            if over and column in (self.ALLOCATED, self.FREE):
                return theme.brush("bad_bg")
            if column >= self.ALLOCATED:
                return theme.brush("computed_bg")
        if role == Qt.ItemDataRole.ToolTipRole and over:
            return self.tr("{name} is allocated {allocated} half-days per week, available {available}.").format(
                name=p.name, allocated=format_half_days(p.allocated_half_days),
                available=format_half_days(p.available_half_days))
        return None

    def set_texts(self, cells) -> str | None:
        if self.read_only:
            return self._refused_read_only()
        if len(cells) != 1:
            return self.tr("People are changed one cell at a time.")
        row, column, text = cells[0]
        index = self.index(row, column)
        if column >= self.ALLOCATED:
            return self.tr("Cell {cell} is computed; nothing was changed.").format(cell=self.cell_name(index))
        p = self.sheet.people[row]
        if column == self.NAME:
            if text.strip() == p.name:
                return None
            return execute(self.context, person_fields_command(
                self.context, self.plan_id, p.id, self.tr("Rename {name}").format(name=p.name),
                {"name": p.name}, name=text))
        if column == self.ROLE:
            wanted = text.strip()
            role = next((r for r in self.sheet.roles if r.role.lower() == wanted.lower()), None)
            if wanted and role is None:
                return self.tr("There is no role '{text}'; choose one of: {roles}, or leave it empty.").format(
                    text=wanted, roles=", ".join(r.role for r in self.sheet.roles))
            capacity_id = role.id if role else None
            if capacity_id == p.role_id:
                return None
            return execute(self.context, person_fields_command(
                self.context, self.plan_id, p.id, self.tr("Change role of {name}").format(name=p.name),
                {"capacity_id": p.role_id}, capacity_id=capacity_id))
        return execute(self.context, person_fields_command(
            self.context, self.plan_id, p.id, self.tr("Change availability of {name}").format(name=p.name),
            {"available_half_days": p.available_half_days}, available_half_days=text))


class AllocationMatrixModel(SheetModel):
    """Projects (then general work) by roles, people and the office; dagdelen per week.

    Columns: the project, one per matrix column, Totaal, fte. Rows: the projects, then
    Totaal, fte and Beschikbaar. The grand total reads "22 van 22": allocated against the
    execution capacity. Over-allocated column totals are red with a tooltip naming who.
    """

    LABEL = 0
    FIRST = 1
    EXTRA_ROWS = 3  # Totaal, fte, Beschikbaar

    def __init__(self, context, plan_id: int, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.plan_id = plan_id
        self.matrix: Matrix | None = None
        self._read_only = True
        self._over: dict[int | None, str] = {}
        self.reload()
        context.changed.connect(self._on_change)
        context.data_changed.connect(self.reload)

    def reload(self) -> None:
        self.beginResetModel()
        loaded = load_matrix(self.context.workspace, self.plan_id)
        self.matrix, self._read_only = loaded if loaded is not None else (None, True)
        self._index_over()
        self.endResetModel()

    def _index_over(self) -> None:
        self._over = {o.column: o.message for o in self.matrix.over_allocated} if self.matrix else {}

    @property
    def read_only(self) -> bool:
        return self.matrix is None or self._read_only or self.context.read_only

    @property
    def messages(self) -> list[str]:
        return self.matrix.messages if self.matrix else []

    def _on_change(self, change) -> None:
        if not change.concerns(self.plan_id) or self.matrix is None:
            return
        if change.kind is ChangeKind.STAFFING and change.cells:
            self._apply_cells(change.cells)
        elif change.affects(Part.STAFFING_SHEETS):
            self.reload()

    def _apply_cells(self, cells) -> None:
        """Take the written cells into the matrix and repaint just them and the totals."""
        matrix = self.matrix
        total_column = self.total_column
        for delta in cells:
            matrix.set_cell(delta.project_id, delta.column, delta.new)
            row = matrix.row_index(delta.project_id)
            column = self.FIRST + matrix.column_index(delta.column)
            self.dataChanged.emit(self.index(row, column), self.index(row, column))
            self.dataChanged.emit(self.index(row, total_column), self.index(row, total_column + 1))
        self._index_over()
        first = len(matrix.rows)
        self.dataChanged.emit(self.index(first, self.FIRST), self.index(first + 1, total_column + 1))

    # --- shape ---------------------------------------------------------------------------------

    @property
    def total_column(self) -> int:
        return self.FIRST + len(self.matrix.columns)

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() or self.matrix is None else len(self.matrix.rows) + self.EXTRA_ROWS

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() or self.matrix is None else self.total_column + 2

    def _kind(self, row: int) -> str:
        n = len(self.matrix.rows)
        return "project" if row < n else ("total", "fte", "available")[row - n]

    def headerData(self, section, orientation, role=DISPLAY):
        if orientation == Qt.Orientation.Horizontal and not 0 <= section < self.columnCount():
            return None  # a header still sized for more columns than the model has now
        if orientation != Qt.Orientation.Horizontal or self.matrix is None:
            return None
        columns = self.matrix.columns
        if role == DISPLAY:
            if section == self.LABEL:
                return self.tr("Project")
            if section == self.total_column:
                return self.tr("Total")
            if section == self.total_column + 1:
                return self.tr("Fte")
            return columns[section - self.FIRST].label
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if section != self.LABEL else int(
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and self.FIRST <= section < self.total_column:
            column = columns[section - self.FIRST]
            kind = {"role": self.tr("role"), "person": self.tr("person"),
                    "office": self.tr("the office as a whole")}[column.kind]
            return f"{column.label} ({kind})"
        if role == Qt.ItemDataRole.ToolTipRole and section == self.total_column + 1:
            return self.tr("Total in fte (1 fte = {factor} half-days)").format(
                factor=format_half_days(self.matrix.half_days_per_fte))
        return None

    def cell_flags(self, index):
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if (not self.read_only and index.row() < len(self.matrix.rows)
                and self.FIRST <= index.column() < self.total_column):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    # --- data ----------------------------------------------------------------------------------

    def data(self, index, role=DISPLAY):
        if not index.isValid() or self.matrix is None:
            return None
        matrix, row, column = self.matrix, index.row(), index.column()
        kind = self._kind(row)
        cell = self.FIRST <= column < self.total_column
        if role in (DISPLAY, EDIT):
            return self._text(kind, row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column != self.LABEL:
            return _RIGHT
        over = self._over_here(kind, column)
        if role == Qt.ItemDataRole.ForegroundRole and over:
            return theme.brush("negative")
        if role == Qt.ItemDataRole.FontRole and (kind != "project" or (column == self.total_column)):
            return _BOLD
        if role == Qt.ItemDataRole.BackgroundRole:
            if over:
                return theme.brush("bad_bg")
            if kind != "project":
                return theme.brush("total_bg")
            if not cell and column != self.LABEL:
                return theme.brush("computed_bg")
            if matrix.rows[row].is_general:
                return theme.brush("general_bg")
        if role == Qt.ItemDataRole.ToolTipRole:
            if over:
                return self._over[None if column >= self.total_column else column - self.FIRST]
            if kind == "total" and cell:
                total = matrix.column_totals[column - self.FIRST]
                return self.tr("{half_days} half-days = {fte} fte").format(
                    half_days=format_half_days(total), fte=_fte_of(total, matrix.half_days_per_fte))
            if kind == "project" and column == self.LABEL:
                return self._label(matrix.rows[row])
        return None

    def _over_here(self, kind: str, column: int) -> bool:
        if kind != "total" or column == self.LABEL:
            return False
        if column >= self.total_column:
            return None in self._over
        return (column - self.FIRST) in self._over

    @staticmethod
    def _label(row) -> str:
        return row.title if row.is_general or not row.number else f"{row.number} {row.title}"

    def _text(self, kind: str, row: int, column: int) -> str:
        matrix = self.matrix
        factor = matrix.half_days_per_fte
        if column == self.LABEL:
            return {"project": lambda: self._label(matrix.rows[row]), "total": lambda: self.tr("Total"),
                    "fte": lambda: self.tr("Total in fte"),
                    "available": lambda: self.tr("Available")}[kind]()
        if kind == "project":
            r = matrix.rows[row]
            if column == self.total_column:
                return format_half_days(r.total) if r.total else ""
            if column == self.total_column + 1:
                return _fte_of(r.total, factor) if r.total else ""
            return format_half_days(r.cells[column - self.FIRST])
        if column == self.total_column:
            return {"total": lambda: self.tr("{allocated} of {capacity}").format(
                        allocated=format_half_days(matrix.grand_total),
                        capacity=format_half_days(matrix.capacity)),
                    "fte": lambda: _fte_of(matrix.grand_total, factor),
                    "available": lambda: format_half_days(matrix.capacity)}[kind]()
        if column == self.total_column + 1:
            return {"total": lambda: _fte_of(matrix.grand_total, factor), "fte": lambda: "",
                    "available": lambda: _fte_of(matrix.capacity, factor)}[kind]()
        i = column - self.FIRST
        if kind == "total":
            return format_half_days(matrix.column_totals[i])
        if kind == "fte":
            return _fte_of(matrix.column_totals[i], factor)
        return format_half_days(matrix.columns[i].available)

    # --- writing -------------------------------------------------------------------------------

    def set_texts(self, cells) -> str | None:
        """Typed, pasted or cleared dagdelen as ONE command; a Dutch message when refused."""
        if self.read_only:
            return self.tr("This plan is read-only; make an amendment to change it.")
        matrix = self.matrix
        changes, seen = [], []
        for row, column, text in cells:
            index = self.index(row, column)
            if not (row < len(matrix.rows) and self.FIRST <= column < self.total_column):
                return self.tr("Cell {cell} is computed; nothing was changed.").format(
                    cell=self.cell_name(index))
            try:
                value = parse_half_days(text)
            except EditError as exc:
                return self.tr("{cell}: {problem}").format(cell=self.cell_name(index), problem=exc.message)
            changes.append(AllocationChange(matrix.rows[row].project_id,
                                            matrix.columns[column - self.FIRST].key, value))
            # As shown: refused when someone else changed the cell meanwhile.
            seen.append(AllocationChange(matrix.rows[row].project_id, matrix.columns[column - self.FIRST].key,
                                         matrix.rows[row].cells[column - self.FIRST]))
        if not changes:
            return self.tr("Nothing to change.")
        if len(changes) == 1:
            r = matrix.rows[cells[0][0]]
            text = self.tr("Change half-days {project} / {column}").format(
                project=self._label(r), column=matrix.columns[cells[0][1] - self.FIRST].label)
        else:
            text = self.tr("Change {count} half-day cells").format(count=len(changes))
        return execute(self.context, SetAllocationsCommand(self.context, self.plan_id, changes, text, seen))
