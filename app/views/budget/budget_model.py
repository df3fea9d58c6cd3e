"""The budget table's item model: a thin adapter over the budget sheet service.

Rows are the sheet's rows (group headings, lines, subtotals, the total);
columns are the description, the linked project and one per plan year.
Edits become undo commands; after a cell edit only the edited cells and the
subtotals above them are refreshed, so a 2,000-line budget stays instant.
"""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont

from app.formatting import format_amount
from app.services import budget_edit
from app.services.budget_sheet import BudgetSheet, RowKind, load_sheet
from app.services.cell_input import InputError, parse_cell
from app.services.plans import municipality_set_codes, project_numbers
from app.views import theme
from app.views.sheet_model import SheetModel
from app.views.commands import (
    PasteBlockCommand,
    SetCellsCommand,
    execute,
    group_fields_command,
    line_fields_command,
)
from app.views.sheet_view import NOTE_ROLE
from app.views.changes import ChangeKind, Part

LABEL, PROJECT, SHARED_BY = 0, 1, 2
FIRST_YEAR_COLUMN = 3
INDENT = "\u2003"  # an em space per level: indentation that survives copy as plain text

ROW_KIND_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ID_ROLE = Qt.ItemDataRole.UserRole + 2

_BOLD = QFont()
_BOLD.setBold(True)
_ITALIC = QFont()
_ITALIC.setItalic(True)
_ROW_SHADES = {RowKind.GROUP: "group_bg", RowKind.SUBTOTAL: "subtotal_bg", RowKind.TOTAL: "total_bg"}


class BudgetModel(SheetModel):
    def __init__(self, context, plan_id: int, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.plan_id = plan_id
        self.sheet: BudgetSheet | None = None
        self.reload()
        context.changed.connect(self._on_change)

    # --- loading ---------------------------------------------------------------------------

    def reload(self) -> None:
        self.beginResetModel()
        self.sheet = load_sheet(self.context.workspace, self.plan_id, self.context.budget_figures(self.plan_id))
        self._project_numbers: dict[str, int] | None = None  # read when a project is first typed
        self._set_ids = municipality_set_codes(self.context.workspace, self.plan_id) if self.sheet else {}
        self.endResetModel()

    @property
    def _project_ids(self) -> dict[str, int]:
        """Project number ("3.1.3") to id, for linking a line by typing the number."""
        if self._project_numbers is None:
            self._project_numbers = project_numbers(self.context.workspace, self.plan_id) if self.sheet else {}
        return self._project_numbers

    @property
    def years(self) -> list[int]:
        return self.sheet.years if self.sheet else []

    def _comparison_realised(self) -> bool:
        return bool(self.sheet and self.sheet.figures.comparison_realised)

    @property
    def comparison_years(self) -> list[int]:
        """Last year's budget, before the plan's own years: greyed, never funded or split."""
        return self.sheet.figures.comparison_years if self.sheet else []

    @property
    def read_only(self) -> bool:
        return self.sheet is None or self.sheet.read_only or self.context.read_only

    def _on_change(self, change) -> None:
        if not change.concerns(self.plan_id) or self.sheet is None:
            return
        if change.kind is ChangeKind.CELLS:
            self._apply_cells(change.cells)
        elif change.affects(Part.BUDGET_SHEET):
            self.reload()

    def _apply_cells(self, cells) -> None:
        """Update the edited cells in place and recompute the figures of the rows above."""
        sheet = self.sheet
        touched_groups = set()
        for delta in cells:
            row, year = sheet.line_row.get(delta.line_id), delta.year
            if row is None:
                continue
            sheet.rows[row].cells[year] = delta.new
            touched_groups.update(sheet.ancestors(sheet.rows[row].parent_id))
            column = FIRST_YEAR_COLUMN + self.years.index(year)
            index = self.index(row, column)
            self.dataChanged.emit(index, index)
        sheet.figures = self.context.budget_figures(self.plan_id)
        last = self.columnCount() - 1
        for group_id in touched_groups:
            row = sheet.subtotal_row[group_id]
            self.dataChanged.emit(self.index(row, FIRST_YEAR_COLUMN), self.index(row, last))
        total = len(sheet.rows) - 1
        self.dataChanged.emit(self.index(total, FIRST_YEAR_COLUMN), self.index(total, last))

    # --- Qt model API ----------------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() or self.sheet is None else len(self.sheet.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else FIRST_YEAR_COLUMN + len(self.years)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and not 0 <= section < self.columnCount():
            return None  # a header still sized for more columns than the model has now
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section == LABEL:
                return self.tr("Description")
            if section == PROJECT:
                return self.tr("Project")
            if section == SHARED_BY:
                return self.tr("Shared by")
            year = self.years[section - FIRST_YEAR_COLUMN]
            if year not in self.comparison_years:
                return str(year)
            return (self.tr("{year} (realisation)") if self._comparison_realised() else
                    self.tr("{year} (comparison)")).format(year=year)
        if (role == Qt.ItemDataRole.ToolTipRole and section >= FIRST_YEAR_COLUMN
                and self.years[section - FIRST_YEAR_COLUMN] in self.comparison_years):
            if self._comparison_realised():
                return self.tr("What was spent last year, shown for comparison: not funded, not split over the "
                               "municipalities, not checked.")
            return self.tr("Last year's budget, shown for comparison: not funded, not split over the "
                           "municipalities, not checked.")
        if role == Qt.ItemDataRole.TextAlignmentRole and section >= FIRST_YEAR_COLUMN:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and section == SHARED_BY:
            return self.tr("The municipalities that share a line or group (e.g. H8); empty: "
                           "as the group above, or all municipalities.")
        return None

    def cell_flags(self, index):
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.read_only:
            return base
        kind = self.sheet.rows[index.row()].kind
        if kind is RowKind.LINE or (kind is RowKind.GROUP and index.column() in (LABEL, SHARED_BY)):
            return base | Qt.ItemFlag.ItemIsEditable
        if kind is RowKind.TOTAL and index.column() == LABEL:  # the total's label, as the annex prints it
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self.sheet is None:
            return None
        row = self.sheet.rows[index.row()]
        column = index.column()
        year = self.years[column - FIRST_YEAR_COLUMN] if column >= FIRST_YEAR_COLUMN else None

        if role == Qt.ItemDataRole.DisplayRole:
            if column == LABEL:
                label = f"{row.number}. {row.label}" if row.number and row.kind is RowKind.GROUP else row.label
                return INDENT * row.level + label
            text = self._text(row, column, year)
            if year is not None and self.sheet.markers_left_out(row, year):
                text = "† " + text  # PM / id. / doorlopend left out of this sum (tooltip says how many)
            return text
        if role == Qt.ItemDataRole.EditRole:
            if column == LABEL:
                return row.label
            return self._text(row, column, year)
        if role == Qt.ItemDataRole.TextAlignmentRole and year is not None:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole:
            if row.kind in (RowKind.GROUP, RowKind.SUBTOTAL, RowKind.TOTAL):
                return _BOLD
            if row.kind is RowKind.LINE and year is not None and row.cells[year].marker is not None:
                return _ITALIC
        if role == Qt.ItemDataRole.BackgroundRole:
            shade = _ROW_SHADES.get(row.kind)
            return theme.brush(shade) if shade else None  # looked up now: a palette switch repaints
        if role == Qt.ItemDataRole.ForegroundRole and year in self.comparison_years:
            return theme.brush("grey")
        if role == Qt.ItemDataRole.ForegroundRole and year is not None:
            if row.kind is RowKind.LINE:
                value = row.cells[year]
                if value.marker is not None:
                    return theme.brush("muted")
                if value.amount is not None and value.amount < 0:
                    return theme.brush("negative")
            else:
                amount = self.sheet.computed(row, year)
                if amount is not None and amount < 0:
                    return theme.brush("negative")
        if role == NOTE_ROLE:
            if row.kind is RowKind.LINE:
                return row.cell_notes.get(year, "") if year is not None else (row.note if column == LABEL else "")
            return ""
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column, year)
        if role == ROW_KIND_ROLE:
            return row.kind.value
        if role == ROW_ID_ROLE:
            return row.id
        return None

    def _text(self, row, column, year) -> str:
        if column == PROJECT:
            return row.project_number if row.kind is RowKind.LINE else ""
        if column == SHARED_BY:
            return row.set_code if row.kind in (RowKind.LINE, RowKind.GROUP) else ""
        if row.kind is RowKind.LINE:
            return row.cells[year].text()
        amount = self.sheet.computed(row, year)
        return format_amount(amount) if amount is not None else ""

    def copy_number(self, index):
        """The amount a year cell stands for (a line's own, or a subtotal's), for the HTML
        copy; None for markers, empty cells and the text columns."""
        if self.sheet is None or index.column() < FIRST_YEAR_COLUMN:
            return None
        row = self.sheet.rows[index.row()]
        year = self.years[index.column() - FIRST_YEAR_COLUMN]
        if row.kind is RowKind.LINE:
            value = row.cells[year]
            return value.amount if value.marker is None else None
        return self.sheet.computed(row, year)

    def _tooltip(self, row, column, year) -> str | None:
        parts = []
        if row.kind is RowKind.LINE:
            note = row.cell_notes.get(year) if year is not None else (row.note if column == LABEL else "")
            if note:
                parts.append(self.tr("Note: {note}").format(note=note))
        elif year is not None and row.kind in (RowKind.SUBTOTAL, RowKind.TOTAL):
            left_out = self.sheet.markers_left_out(row, year)
            if left_out:
                parts.append(self.tr("{count} cell(s) with PM, id. or doorlopend not counted").format(
                    count=left_out))
        return "\n".join(parts) or None

    def rows_to_add(self, top: int, height: int) -> int:
        """How many rows of a block pasted at ``top`` become new lines: those beyond the lines
        from ``top`` down (a block that starts on a line continues with new lines in that
        line's group rather than over the subtotal below it)."""
        if self.sheet is None or not 0 <= top < len(self.sheet.rows):
            return 0
        rows = self.sheet.rows
        run = 0
        while run < height and top + run < len(rows) and rows[top + run].kind is RowKind.LINE:
            run += 1
        return height - run if run else 0

    def set_texts(self, cells: list[tuple[int, int, str]],
                  new_rows: list[list[tuple[int, str]]] | None = None,
                  after_row: int | None = None) -> str | None:
        """Apply typed or pasted text as one undoable action; a Dutch message when refused.

        ``new_rows``: the rows of a pasted block below the last line it covers (``after_row``),
        as ``[(column, text), ...]`` each; they become new lines after that line, in its group.
        """
        if self.read_only:
            return self.tr("This plan is read-only; make an amendment to change it.")
        new_rows = new_rows or []
        if len(cells) > 1 or new_rows:
            # Delete over a block that includes descriptions clears its amounts; a description
            # cannot be empty, and projects and sets are cleared one cell at a time.
            cells = [c for c in cells if not (c[1] < FIRST_YEAR_COLUMN and not c[2].strip())] or (
                [] if new_rows else cells)
        if not cells and not new_rows:
            return self.tr("Nothing to change.")
        one = len(cells) == 1 and not new_rows
        changes = []
        names: dict[int, str] = {}  # line id -> pasted description
        for row_number, column, text in cells:
            row = self.sheet.rows[row_number]
            index = self.index(row_number, column)
            if column == LABEL and not one and row.kind is RowKind.LINE:
                names[row.id] = text
                continue
            if column in (LABEL, PROJECT, SHARED_BY):
                if not one:
                    return self.tr("Descriptions, projects and municipalities are changed one cell "
                                   "at a time ({cell}).").format(cell=self.cell_name(index))
                return self._set_text_field(row, column, text)
            if row.kind is not RowKind.LINE:
                return self.tr("Cell {cell} is computed; nothing was changed.").format(
                    cell=self.cell_name(index))
            try:
                value = parse_cell(text)
            except InputError as exc:
                return self.tr("{cell}: {problem}").format(cell=self.cell_name(index),
                                                            problem=exc.message)
            changes.append(budget_edit.CellChange(row.id, self.years[column - FIRST_YEAR_COLUMN], value))
        added = []
        for number, values in enumerate(new_rows, start=1):
            name, cells_of_row = None, {}
            for column, text in values:
                if column == LABEL:
                    name = text.strip() or None
                elif column in (PROJECT, SHARED_BY):
                    if text.strip():
                        header = self.headerData(column, Qt.Orientation.Horizontal)
                        return self.tr("Descriptions, projects and municipalities are changed one cell "
                                       "at a time ({cell}).").format(
                            cell=self.tr("new line {number} / {column}").format(number=number,
                                                                                 column=header))
                else:
                    year = self.years[column - FIRST_YEAR_COLUMN]
                    try:
                        cells_of_row[year] = parse_cell(text)
                    except InputError as exc:
                        where = self.tr("new line {number} / {year}").format(number=number, year=year)
                        return self.tr("{cell}: {problem}").format(cell=f"'{name or ''}' ({where})"
                                                                    if name else where,
                                                                    problem=exc.message)
            added.append(budget_edit.PasteRow(None, name, cells_of_row))
        values = [c.value for c in changes] + [v for r in added for v in r.cells.values()]
        negative = [v for v in values if v.amount is not None and v.amount < 0]
        if negative and not self.context.confirm_negative(len(negative)):
            return self.tr("Negative amounts not confirmed; nothing was changed.")
        if names or added:
            return self._paste_lines(changes, names, added, after_row)
        if len(changes) == 1:
            only = self.sheet.rows[self.sheet.line_row[changes[0].line_id]]
            text = self.tr("Change {line} {year}").format(line=only.label, year=changes[0].year)
        else:
            text = self.tr("Change {count} cells").format(count=len(changes))
        seen = [budget_edit.CellChange(c.line_id, c.year, self.sheet.rows[self.sheet.line_row[c.line_id]].cells[c.year])
                for c in changes]
        return execute(self.context, SetCellsCommand(self.context, self.plan_id, changes, text, seen))

    def _paste_lines(self, changes, names: dict[int, str], added, after_row: int | None) -> str | None:
        """A pasted block with descriptions, or with rows beyond the last line: one command."""
        rows: dict[int, budget_edit.PasteRow] = {}
        for line_id in list(names) + [c.line_id for c in changes]:
            if line_id not in rows:
                rows[line_id] = budget_edit.PasteRow(line_id, names.get(line_id), {})
        for change in changes:
            rows[change.line_id].cells[change.year] = change.value
        ordered = sorted(rows.values(), key=lambda r: self.sheet.line_row[r.line_id])
        group_id, index = None, None
        if added:
            last = self.sheet.rows[after_row] if after_row is not None else None
            if last is None or last.kind is not RowKind.LINE:
                group_id = self.sheet.last_group()
                if group_id is None:
                    return self.tr("Add a group first.")
            else:
                group_id = last.parent_id
                index = budget_edit.place_of(self.context.workspace, "line", last.id).index + 1
            text = self.tr("Paste {count} rows ({added} new lines)").format(
                count=len(ordered) + len(added), added=len(added))
        else:
            text = self.tr("Paste {count} rows").format(count=len(ordered))
        return execute(self.context, PasteBlockCommand(
            self.context, self.plan_id, group_id, index, ordered + added, text))

    def _set_text_field(self, row, column, text: str) -> str | None:
        text = text.strip()
        if column == SHARED_BY:
            code = next((c for c in self._set_ids if c.lower() == text.lower()), None) if text else ""
            if code is None:
                return self.tr("There is no group of municipalities '{text}'; choose one of: {codes}, "
                               "or leave it empty.").format(text=text, codes=", ".join(self._set_ids))
            set_id = self._set_ids.get(code) if code else None
            label = self.tr("Shared by {code}").format(code=code or self.tr("all"))
            seen = {"municipality_set_id": self._set_ids.get(row.set_code) if row.set_code else None}
            if row.kind is RowKind.GROUP:
                return execute(self.context, group_fields_command(
                    self.context, self.plan_id, row.id, label, seen, municipality_set_id=set_id))
            return execute(self.context, line_fields_command(
                self.context, self.plan_id, row.id, label, seen, municipality_set_id=set_id))
        if column == LABEL and row.kind is RowKind.TOTAL:
            from app.views.shell.plan_commands import total_label_command

            if text == row.label:
                return None
            return execute(self.context, total_label_command(self.context, self.plan_id, text,
                                                             self.tr("Label of the total"), row.label))
        if column == LABEL:
            if not text:
                return self.tr("A description cannot be empty.")
            if text == row.label:
                return None
            seen = {"name": row.label}  # refused when someone else renamed it meanwhile
            if row.kind is RowKind.GROUP:
                command = group_fields_command(self.context, self.plan_id, row.id,
                                               self.tr("Rename group {name}").format(name=row.label),
                                               seen, name=text)
            else:
                command = line_fields_command(self.context, self.plan_id, row.id,
                                              self.tr("Rename line {name}").format(name=row.label),
                                              seen, name=text)
            return execute(self.context, command)
        if text and text not in self._project_ids:
            known = ", ".join(sorted(self._project_ids)[:8])
            return self.tr("There is no project {number} in this plan (for example: {known}).").format(
                number=text, known=known)
        project_id = self._project_ids.get(text) if text else None
        seen = {"project_id": self._project_ids.get(row.project_number) if row.project_number else None}
        return execute(self.context, line_fields_command(
            self.context, self.plan_id, row.id,
            self.tr("Link {name} to project").format(name=row.label), seen, project_id=project_id))

