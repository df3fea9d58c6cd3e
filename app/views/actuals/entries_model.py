"""The bookings table of the Realisatie page: a thin model over app.services.actuals.

One row per booking (by date), then an empty row to type a new one. Typing in a booking's cell
changes it (one undo step); the new row collects what is typed until the booking has a date, a
post (a budget line or funding source) and an amount, and is then added as one undo step (the
year follows from the date, the kind is realisatie, unless typed). A pasted block of rows adds
them as bookings, all or none, as one undo step. Texts are read here (Dutch dates and amounts);
every rule is the service's.
"""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal

from app.errors import UserError
from app.formatting import format_amount, format_date
from app.views import theme
from app.views.changes import Part
from app.views.sheet_model import SheetModel

DATE, YEAR, TARGET, KIND, AMOUNT, DESCRIPTION, REFERENCE = range(7)
COLUMNS = 7
# The order of a block pasted on the Datum column of the new row whose second column is no year:
# the short export most administrations give (Datum, Post, Bedrag, then what else there is).
EXPORT_ORDER = (DATE, TARGET, AMOUNT, DESCRIPTION, REFERENCE, YEAR, KIND)
FIELD_OF = {DATE: "booked_on", YEAR: "year", KIND: "kind", AMOUNT: "amount", DESCRIPTION: "description",
            REFERENCE: "reference"}
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
DISPLAY, EDIT = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole


class Refused(Exception):
    """A text that cannot go into a booking's cell; ``message`` in Dutch (through tr)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _words(text: str) -> str:
    return " ".join(text.replace("›", " › ").split()).casefold()


class EntriesModel(SheetModel):
    NAME_COLUMN = TARGET
    added = Signal(list, int)  # the ids of bookings just added, and the column typed last

    def __init__(self, context, plan_id: int, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.plan_id = plan_id
        self.targets = None
        self.rows: list = []  # app.services.actuals.EntryRow, by date
        self.draft: dict[int, object] = {}  # column -> value typed in the new row
        self.draft_text: dict[int, str] = {}  # column -> the text as typed (shown)
        self.reload()
        context.changed.connect(self._on_change)

    # --- reading ------------------------------------------------------------------------

    def reload(self) -> None:
        from app.services.actuals import load_entries

        self.beginResetModel()
        loaded = load_entries(self.context.workspace, self.plan_id)
        self.targets, self.rows = loaded if loaded is not None else (None, [])
        self.endResetModel()

    def _on_change(self, change) -> None:
        if change is None or change.concerns(self.plan_id) and change.affects(Part.ACTUALS_SHEET):
            self.reload()

    @property
    def read_only(self) -> bool:
        return self.targets is None or self.context.read_only

    def row_of(self, entry_id: int) -> int | None:
        return next((r for r, row in enumerate(self.rows) if row.id == entry_id), None)

    def target_names(self) -> list[str]:
        """The lines, then the funding sources, as the Post / bron column takes them."""
        if self.targets is None:
            return []
        return [*self.targets.lines.values(), *self.targets.sources.values()]

    # --- the table ----------------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows) + (0 if self.read_only else 1)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else COLUMNS

    def headerData(self, section, orientation, role=DISPLAY):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < COLUMNS:
            return None
        if role == DISPLAY:
            return (self.tr("Date"), self.tr("Year"), self.tr("Line / source"), self.tr("Kind"), self.tr("Amount"),
                    self.tr("Description"), self.tr("Reference"))[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return {YEAR: self.tr("The budget year the booking counts in (the date's year unless typed)"),
                    TARGET: self.tr("A budget line (costs) or a funding source (income received)"),
                    KIND: self.tr("realisatie (spent or received) or verplichting (ordered, not yet paid)"),
                    REFERENCE: self.tr("Invoice or booking number")}.get(section)
        if role == Qt.ItemDataRole.TextAlignmentRole and section in (YEAR, AMOUNT):
            return RIGHT
        return None

    def kind_text(self, kind, on_source: bool) -> str:
        from app.models.actuals import ActualKind

        if on_source:
            return self.tr("received")
        return self.tr("realised") if kind is ActualKind.REALISED else self.tr("committed")

    def _text(self, row, column: int) -> str:
        return {DATE: lambda: format_date(row.booked_on), YEAR: lambda: str(row.year), TARGET: lambda: row.target,
                KIND: lambda: self.kind_text(row.kind, row.source_id is not None),
                AMOUNT: lambda: format_amount(row.amount, 2), DESCRIPTION: lambda: row.description,
                REFERENCE: lambda: row.reference}[column]()

    def data(self, index, role=DISPLAY):
        if not index.isValid():
            return None
        row_number, column = index.row(), index.column()
        if row_number >= len(self.rows):  # the new row
            if role in (DISPLAY, EDIT):
                if not self.draft_text and column == TARGET and role == DISPLAY:
                    return self.tr("(new booking: date, line, amount)")
                return self.draft_text.get(column, "")
            if role == Qt.ItemDataRole.ForegroundRole and not self.draft_text:
                return theme.brush("disabled")
            if role == Qt.ItemDataRole.TextAlignmentRole and column in (YEAR, AMOUNT):
                return RIGHT
            return None
        row = self.rows[row_number]
        if role in (DISPLAY, EDIT):
            return self._text(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (YEAR, AMOUNT):
            return RIGHT
        if role == Qt.ItemDataRole.ForegroundRole and column == AMOUNT and row.amount < 0:
            return theme.brush("negative")
        if role == Qt.ItemDataRole.ToolTipRole and column in (TARGET, DESCRIPTION):
            return self._text(row, column) or None
        return None

    def cell_flags(self, index):
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags if self.read_only else flags | Qt.ItemFlag.ItemIsEditable

    def cell_name(self, index) -> str:
        header = self.headerData(index.column(), Qt.Orientation.Horizontal)
        if index.row() >= len(self.rows):
            return self.tr("New booking / {column}").format(column=header)
        row = self.rows[index.row()]
        return f"{format_date(row.booked_on)} {row.target} / {header}"

    def copy_number(self, index):
        if index.column() == AMOUNT and index.row() < len(self.rows):
            return self.rows[index.row()].amount
        return None

    # --- reading what is typed ----------------------------------------------------------

    def parse(self, column: int, text: str):
        """The value of ``text`` in ``column`` (a date, a year, (line, source), a kind, an amount,
        a text); Refused with a Dutch message."""
        text = text.strip()
        if column == DATE:
            from app.services.project_edit import parse_date_nl

            try:
                value = parse_date_nl(text)
            except UserError as exc:
                raise Refused(exc.message) from None
            if value is None:
                raise Refused(self.tr("A booking needs a date, e.g. 31-03-2022; Delete removes the booking."))
            return value
        if column == YEAR:
            if not (text.isdigit() and len(text) == 4):
                raise Refused(self.tr("“{text}” is no year; type the budget year, e.g. 2022.").format(text=text))
            return int(text)
        if column == TARGET:
            return self.find_target(text)
        if column == KIND:
            return self.find_kind(text)
        if column == AMOUNT:
            from app.services.cell_input import parse_amount

            if not text:
                raise Refused(self.tr("A booking needs an amount; Delete removes the booking."))
            try:
                return parse_amount(text)
            except UserError as exc:
                raise Refused(exc.message) from None
        return text

    def find_target(self, text: str) -> tuple[int | None, int | None]:
        """(line id, None) or (None, source id) named by ``text``: the whole name (case and spaces
        ignored), else the one line or source whose name holds it."""
        if not text:
            raise Refused(self.tr("A booking needs a budget line or funding source; Delete removes the booking."))
        key = _words(text)
        named = [((i, None), name) for i, name in self.targets.lines.items()] + [
            ((None, i), name) for i, name in self.targets.sources.items()]
        exact = [t for t, name in named if _words(name) == key]
        if exact:
            return exact[0]
        holding = [(t, name) for t, name in named if key in _words(name)]
        if len(holding) == 1:
            return holding[0][0]
        if holding:
            names = ", ".join(f"“{name}”" for _t, name in holding[:4]) + (", …" if len(holding) > 4 else "")
            raise Refused(self.tr("“{text}” fits several lines or sources ({names}); type more of the name.").format(
                text=text, names=names))
        raise Refused(self.tr("“{text}” is no budget line or funding source of this plan; choose one from the "
                              "list that opens as you type.").format(text=text))

    def kind_words(self) -> dict[str, object]:
        from app.io.actuals_import import KIND_WORDS
        from app.models.actuals import ActualKind

        words = dict(KIND_WORDS)
        words.update({self.tr("realised").casefold(): ActualKind.REALISED,
                      self.tr("committed").casefold(): ActualKind.COMMITTED,
                      self.tr("received").casefold(): ActualKind.REALISED,
                      "r": ActualKind.REALISED, "v": ActualKind.COMMITTED})
        return words

    def find_kind(self, text: str):
        kind = self.kind_words().get(" ".join(text.split()).casefold())
        if kind is None:
            raise Refused(self.tr("“{text}” is no kind of booking; type {realised} or {committed}.").format(
                text=text, realised=self.tr("realised"), committed=self.tr("committed")))
        return kind

    def _fields(self, column: int, value) -> dict:
        if column == TARGET:
            return {"line_id": value[0], "source_id": value[1]}
        return {FIELD_OF[column]: value}

    # --- writing ------------------------------------------------------------------------

    def rows_to_add(self, top: int, height: int) -> int:
        """How many rows of a block pasted at ``top`` become new bookings: those beyond the
        bookings from ``top`` down (the new row and below)."""
        if self.read_only:
            return 0
        return min(height, max(0, height - (len(self.rows) - top)))

    def set_texts(self, cells, new_rows=None, after_row=None) -> str | None:
        """Typed or pasted text as one undo step (all cells or none); a Dutch message when refused."""
        if self.read_only:
            return self.tr("This file is open read-only; no booking can be added or changed.")
        count = len(self.rows)
        on_draft = [(column, text) for row, column, text in cells if row >= count]
        new_rows = list(new_rows or [])
        if on_draft and (len(on_draft) > 1 or new_rows):  # a pasted row on the new row
            new_rows.insert(0, on_draft)
            on_draft = []
        edits = [(row, column, text) for row, column, text in cells if row < count]
        if on_draft and not edits:
            return self.type_in_draft(*on_draft[0])
        commands = []
        try:
            if edits:
                commands += self._edit_commands(edits)
            if new_rows:
                commands.append(self._add_command(self.rows_as_entries(new_rows), len(new_rows)))
        except Refused as exc:
            return exc.message
        if not commands:
            return None
        from app.views.commands import CompoundCommand, execute

        command = commands[0] if len(commands) == 1 else CompoundCommand(
            self.context, commands, self.tr("Paste bookings"))
        message = execute(self.context, command)
        if message is None and new_rows:
            self.added.emit(list(commands[-1].ids), -1)
        return message

    def _edit_commands(self, edits) -> list:
        from app.views.actuals.actuals_commands import entry_fields_command

        by_entry: dict[int, dict] = {}
        for row_number, column, text in edits:
            index = self.index(row_number, column)
            try:
                value = self.parse(column, text)
            except Refused as exc:
                raise Refused(self.tr("{cell}: {problem}").format(cell=self.cell_name(index), problem=exc.message))
            by_entry.setdefault(self.rows[row_number].id, {}).update(self._fields(column, value))
        text = self.tr("Change booking") if len(by_entry) == 1 else self.tr("Change {count} bookings").format(
            count=len(by_entry))
        shown = {row.id: row for row in self.rows}
        return [entry_fields_command(self.context, self.plan_id, entry_id, text,
                                     {name: getattr(shown[entry_id], name) for name in fields}, **fields)
                for entry_id, fields in by_entry.items()]

    def _add_command(self, entries, count: int):
        from app.views.actuals.actuals_commands import AddEntriesCommand

        text = self.tr("Add booking") if count == 1 else self.tr("Paste {count} bookings").format(count=count)
        return AddEntriesCommand(self.context, self.plan_id, entries, text)

    def rows_as_entries(self, new_rows) -> list:
        """Pasted rows (``[(column, text), ...]`` each) as bookings; Refused naming the row. A block
        landing on the Datum column whose second column is no year is read in EXPORT_ORDER (Datum,
        Post, Bedrag, Omschrijving, Kenmerk, Jaar, Soort); else in the table's order from where it
        lands."""
        left = min((column for row in new_rows for column, _text in row), default=0)
        export = left == DATE and not any(
            text.strip().isdigit() and len(text.strip()) == 4 for row in new_rows for column, text in row
            if column == left + 1)
        entries = []
        for number, cells in enumerate(new_rows, start=1):
            values: dict[int, object] = {}
            for column, text in cells:
                where = EXPORT_ORDER[column - left] if export and column - left < len(EXPORT_ORDER) else column
                if not text.strip() and where in (YEAR, KIND, DESCRIPTION, REFERENCE):
                    continue
                try:
                    values[where] = self.parse(where, text)
                except Refused as exc:
                    raise Refused(self.tr("Row {number}: {problem} Nothing was pasted.").format(
                        number=number, problem=exc.message)) from None
            missing = [self.headerData(c, Qt.Orientation.Horizontal) for c in (DATE, TARGET, AMOUNT)
                       if c not in values]
            if missing:
                raise Refused(self.tr("Row {number}: a booking needs a date, a line or source and an amount; "
                                      "missing: {missing}. Nothing was pasted.").format(
                    number=number, missing=", ".join(missing)))
            entries.append(self.entry_values(values))
        return entries

    def entry_values(self, values: dict[int, object]):
        from app.models.actuals import ActualKind
        from app.services.actuals import EntryValues

        line_id, source_id = values[TARGET]
        return EntryValues(values.get(YEAR, values[DATE].year), values[DATE], values[AMOUNT], line_id, source_id,
                           values.get(KIND, ActualKind.REALISED), values.get(DESCRIPTION, ""),
                           values.get(REFERENCE, ""))

    def type_in_draft(self, column: int, text: str) -> str | None:
        """A cell of the new row typed: kept until the booking has a date, a post and an amount,
        then added (one undo step). A refusal keeps what was typed, to be corrected."""
        index = self.index(len(self.rows), column)
        if text.strip():
            try:
                value = self.parse(column, text)
            except Refused as exc:
                return self.tr("{cell}: {problem}").format(cell=self.cell_name(index), problem=exc.message)
            self.draft[column] = value
            self.draft_text[column] = self._draft_display(column, value, text)
        else:
            self.draft.pop(column, None)
            self.draft_text.pop(column, None)
        self.dataChanged.emit(self.index(len(self.rows), 0), self.index(len(self.rows), COLUMNS - 1))
        if not all(c in self.draft for c in (DATE, TARGET, AMOUNT)):
            return None
        from app.views.commands import execute

        command = self._add_command([self.entry_values(self.draft)], 1)
        message = execute(self.context, command)
        if message is not None:
            return message
        self.clear_draft()
        self.added.emit(list(command.ids), column)
        return None

    def _draft_display(self, column: int, value, text: str) -> str:
        if column == DATE:
            return format_date(value)
        if column == TARGET:
            return (self.targets.lines.get(value[0]) if value[0] is not None else self.targets.sources.get(value[1]))
        if column == AMOUNT:
            return format_amount(value, 2)
        if column == KIND:
            return self.kind_text(value, False)
        return text.strip()

    def clear_draft(self) -> None:
        self.draft.clear()
        self.draft_text.clear()
        if not self.read_only:
            self.dataChanged.emit(self.index(len(self.rows), 0), self.index(len(self.rows), COLUMNS - 1))

    def delete_rows(self, rows: list[int]) -> str | None:
        """Delete the bookings of ``rows`` (one undo step); the new row among them is emptied."""
        if self.read_only:
            return self.tr("This file is open read-only; no booking can be deleted.")
        if any(r >= len(self.rows) for r in rows):
            self.clear_draft()
        ids = [self.rows[r].id for r in sorted(set(rows)) if r < len(self.rows)]
        if not ids:
            return None
        from app.views.actuals.actuals_commands import delete_entries_command
        from app.views.commands import execute

        text = self.tr("Delete booking") if len(ids) == 1 else self.tr("Delete {count} bookings").format(
            count=len(ids))
        return execute(self.context, delete_entries_command(self.context, self.plan_id, ids, text))
