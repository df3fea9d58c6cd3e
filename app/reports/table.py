"""The annexes' tables: one flowable that lays out its rows itself.

A :class:`GridTable` is split over pages by row, like ReportLab's LongTable,
but with the rules a printed budget needs:

- the column headings are repeated at the top of every page;
- a group that continues on the next page gets its heading again there, marked
  "(vervolg)", so a subtotal is never the first row of a page without its
  group's heading (and a heading row, or the row before a subtotal, is kept
  with the row after it: ``keep_with_next``);
- a footnote referred to in a row is printed at the foot of the same page: the
  room for it is reserved while the rows are fitted (see :mod:`app.reports.notes`).

Cells are plain strings drawn straight onto the canvas (no Paragraph per
cell), each cleaned, measured and broken into lines once, when the table is
laid out; a split only cuts the rows where a page ends (heights are summed
beforehand), so a table is laid out in time that grows with its rows. A
20,000-line budget (450 pages) is made about as fast as a bare canvas draws
the same rows (benchmarks/bench_pdf.py). Long texts wrap; amounts never do.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from itertools import accumulate

from reportlab.platypus import Flowable

from app.reports import styles
from app.reports.draw import TextWriter
from app.reports.fonts import BOLD, BOLD_ITALIC, ITALIC, REGULAR, string_width
from app.reports.notes import SEPARATOR_HEIGHT, Note
from app.reports.text import NAME_LIMIT, TEXT_LIMIT, clean, fit_line, wrap_lines

LEFT, RIGHT, CENTER = "left", "right", "center"
PAD_H = 4.0
PAD_V = 2.4
INDENT = 10.0
NOTE_MARK_SIZE = 5.6
NOTE_MARK_RISE = 3.4
LIGHT_SPACE = 9.0  # a traffic-light dot and its space before the text
CONTINUED = " (vervolg)"
CONTINUED_LINES = 2  # a heading repeated "(vervolg)" takes at most this many lines
CONTINUED_LEVELS = 4  # and at most this many (the innermost) are repeated
HEADER_MAX_WIDTH = 80.0  # a fit column's heading wraps beyond this
FIT_SHARE = 0.5  # a fit column is at most this share of the table's width; longer texts wrap


@dataclass
class Column:
    title: str
    align: str = LEFT
    width: float | None = None  # fixed width in points
    fit: bool = False  # as wide as its widest text; never wraps (amounts, years)
    share: float = 1.0  # share of the width left over, among the columns without a width
    min_width: float = 0.0  # a fit column is at least this wide (year columns line up)
    max_width: float | None = None  # a fit column is at most this wide; longer texts wrap
    valign: str | None = None  # "top" or "bottom"; default: amounts (right) at the bottom
    most: int = TEXT_LIMIT  # characters of a cell printed; beyond: cut, "… (ingekort)" (text.py)

    @property
    def bottom(self) -> bool:
        return self.valign == "bottom" if self.valign else self.align == RIGHT


@dataclass
class Cell:
    text: str = ""
    notes: tuple[Note, ...] = ()
    italic: bool | None = None  # None: as the row
    bold: bool | None = None
    color: object = None
    light: object = None  # a colour: a traffic-light dot before the text


@dataclass(eq=False)
class Row:
    cells: list
    bold: bool = False
    italic: bool = False
    indent: int = 0  # steps of the first column's indent
    background: object = None
    rule_above: float = 0.0
    rule_below: float = 0.0
    double_below: bool = False
    keep_with_next: bool = False
    heading: bool = False
    path: tuple[int, ...] = ()  # the heading rows (indexes) this row sits under
    space_above: float = 0.0
    color: object = None
    notes: list[Note] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.notes:
            self.notes = [n for c in self.cells if isinstance(c, Cell) for n in c.notes]


_NO_CELL = Cell()  # what a column heading is drawn as: no notes, colour or light


def _font(bold: bool, italic: bool) -> str:
    if bold:
        return BOLD_ITALIC if italic else BOLD
    return ITALIC if italic else REGULAR


def _cell(value, most: int = TEXT_LIMIT) -> Cell:
    """The cell of ``value``, its text without tabs, carriage returns or control characters, and
    cut beyond ``most`` characters."""
    if isinstance(value, Cell):
        text = clean(value.text, most)
        if text == value.text:
            return value
        return Cell(text, value.notes, value.italic, value.bold, value.color, value.light)
    return Cell(clean("" if value is None else str(value), most))


def _header_lines(title: str, size: float) -> list[str]:
    """A fit column's heading: its own lines, long ones wrapped between words so the column
    stays narrow; a single word wider than that ("Programmabureau") is never cut, the column
    takes its width instead (up to its share of the table: see ``FIT_SHARE``)."""
    lines = []
    for line in clean(title, NAME_LIMIT).split("\n"):
        current = ""
        for word in line.split(" "):
            candidate = f"{current} {word}" if current else word
            if current and string_width(candidate, BOLD, size) > HEADER_MAX_WIDTH:
                lines.append(current)
                candidate = word
            current = candidate
        lines.append(current)
    return lines


def _marks(cell: Cell) -> str:
    return ",".join(str(n.number) for n in cell.notes)


def _cells_and_fonts(data: _TableData) -> tuple[list[list[Cell | None]], list[list[str | None]]]:
    """Every row's cells, cleaned and cut to their column's length (None where a row has no
    cell), and the font each is set in."""
    columns = data.columns
    count = len(columns)
    cells, fonts = [], []
    for row in data.rows:
        values = row.cells
        row_cells: list[Cell | None] = [None] * count
        row_fonts: list[str | None] = [None] * count
        for index in range(min(count, len(values))):
            value = values[index]
            if value is None:
                continue
            cell = row_cells[index] = _cell(value, columns[index].most)
            row_fonts[index] = _font(row.bold if cell.bold is None else cell.bold,
                                     row.italic if cell.italic is None else cell.italic)
        cells.append(row_cells)
        fonts.append(row_fonts)
    return cells, fonts


ROUNDING = 1e-6  # points: a width computed as a text's width may come out a hair narrower


def _heading_word(title: str, size: float) -> float:
    """The widest word of a column's heading, in bold."""
    return max((string_width(word, BOLD, size) for line in _header_lines(title, size) for word in line.split()),
               default=0.0)


def _word_floors(data: _TableData, cells, size: float, most: float) -> list[float | None]:
    """Each column's narrowest width that breaks no word (its widest word, or heading word; a
    fixed column: None): a column narrowed for room wraps between words, never inside one
    ("Programmabu reau"). A wrapping column's floor is at most ``most``."""
    floors: list[float | None] = []
    for index, column in enumerate(data.columns):
        if column.width is not None:
            floors.append(None)
            continue
        widest = max(string_width(word, BOLD, size) for line in _header_lines(column.title, size)
                     for word in (line.split() or [""]))
        for row, row_cells in zip(data.rows, cells):
            cell = row_cells[index]
            if cell is None:
                continue
            font = BOLD if row.bold or cell.bold else REGULAR
            light = LIGHT_SPACE if cell.light is not None else 0.0
            words = cell.text.split()
            if words:  # the first word sits beside the traffic light
                widest = max(widest, string_width(words[0], font, size) + light,
                             *(string_width(word, font, size) for word in words[1:]))
        floor = max(widest + 2 * PAD_H, column.min_width)
        floors.append(floor if column.fit else min(floor, most))
    return floors


def _narrowed(widths: list[float | None], floors: list[float | None], need: float) -> list[float | None]:
    """``widths`` with ``need`` points taken from the fit columns wider than their floor, in
    proportion to what each can spare; never below a floor (what cannot be spared is not taken)."""
    spare = [w - f if w is not None and f is not None and w > f else 0.0 for w, f in zip(widths, floors)]
    total = sum(spare)
    if total <= 0:
        return widths
    take = min(need, total)
    # (max: the rounding of a share must not leave a column a hair under its widest word)
    return [max(w - take * room / total, f) if room else w for w, f, room in zip(widths, floors, spare)]


class _Layout:
    """Column widths, wrapped cell lines and row heights for one available width."""

    def __init__(self, data: _TableData, width: float) -> None:
        # What it needs of the table, not the table itself: the table keeps its layouts, and a
        # reference back would make a cycle only the collector frees (the whole table's lines).
        self.rows, self.columns = data.rows, data.columns
        self.size = size = data.size
        self.leading = leading = data.leading
        self.width = width
        columns = data.columns
        cells, fonts = _cells_and_fonts(data)
        widths: list[float | None] = []
        for index, column in enumerate(columns):
            if column.width is not None:
                widths.append(column.width)
            elif column.fit:
                widest = max(string_width(line, BOLD, size)  # a heading has at least one line
                             for line in _header_lines(column.title, size))
                widest_word = widest
                for row, row_cells in zip(data.rows, cells):
                    cell = row_cells[index]
                    if cell is None:
                        continue
                    text_width = string_width(cell.text, BOLD if row.bold or cell.bold else REGULAR, size)
                    if cell.light is not None:
                        text_width += LIGHT_SPACE
                    if text_width > widest:
                        widest = text_width
                    if column.max_width is not None and text_width + 2 * PAD_H > column.max_width:
                        widest_word = max([widest_word, *(string_width(w, _font(row.bold, False), size)
                                                          for w in cell.text.split())])
                width_wanted = max(widest + 2 * PAD_H, column.min_width)
                if column.max_width is not None:  # narrower, but never so narrow that words break
                    width_wanted = min(width_wanted, max(column.max_width, widest_word + 2 * PAD_H))
                widths.append(min(width_wanted, max(width * FIT_SHARE, column.min_width)))
            else:
                widths.append(None)
        fixed = sum(w for w in widths if w is not None)
        shares = sum(c.share for c, w in zip(columns, widths) if w is None)
        # What each wrapping column needs at least: 40 pt a share, and its heading's widest word.
        least = [max(40 * c.share, _heading_word(c.title, size) + 2 * PAD_H) if w is None else 0.0
                 for c, w in zip(columns, widths)]
        reserve = sum(least)
        left_over = width - fixed
        if shares and left_over < reserve:  # too tight: the fit columns give way
            floors = _word_floors(data, cells, size, most=width / 3)
            # A wrapping column keeps its widest word whole too (a third of the page at most)...
            whole = [max(need, floor) if w is None else 0.0 for need, floor, w in zip(least, floors, widths)]
            others = sum(w if f is None else f for f, w in zip(floors, widths) if w is not None)
            if sum(whole) + others <= width:
                least = whole
            else:  # ...where the page has room for every word: else 40 pt a share, as ever
                least = [40 * c.share if w is None else 0.0 for c, w in zip(columns, widths)]
            reserve = sum(least)
            widths = _narrowed(widths, floors, fixed - (width - reserve))
            fixed = sum(w for w in widths if w is not None)
            if fixed > width - reserve:  # not enough: everything shrinks a little more
                scale = (width - reserve) / fixed if fixed else 1.0
                widths = [w * scale if w is not None else None for w in widths]
            left_over = reserve
        parts = [left_over * c.share / shares if w is None else 0.0 for c, w in zip(columns, widths)]
        if any(part < need for part, need in zip(parts, least)):  # each its least, the rest shared
            parts = [need + (left_over - reserve) * c.share / shares if w is None else 0.0
                     for c, w, need in zip(columns, widths, least)]
        self.widths = [w if w is not None else part for w, part in zip(widths, parts)]
        if not shares and fixed > width:
            scale = width / fixed
            self.widths = [w * scale for w in self.widths]
        self.x = [0.0, *accumulate(self.widths)][:-1]

        self.header_lines = [self._fit_lines(_header_lines(column.title, size), BOLD, index)
                             if column.fit else self._wrap(column.title, BOLD, index, 0, False)
                             for index, column in enumerate(columns)]
        self.header_height = (max((len(lines) for lines in self.header_lines), default=1) * leading
                              + 2 * PAD_V) if data.header else 0.0

        # Each cell once: cleaned, in its font, broken into lines; the drawing reuses them.
        self.cells: list[list[Cell | None]] = cells
        self.fonts: list[list[str | None]] = fonts
        self.lines: list[list[list[str]]] = []
        self.most: list[int] = []  # lines in each row
        heights = []
        note_heights = []
        self.inner = inner = [w - 2 * PAD_H for w in self.widths]  # each column's room for text
        self.align = [c.align for c in columns]
        self.bottom = [c.bottom for c in columns]
        # A fit column without a maximum never wraps: its lines stand as typed, cut only when
        # wider than its share of the table (a little slack: it was made as wide as they are).
        slack = [1e-6 if c.fit and c.max_width is None else 0.0 for c in columns]
        # (and every column a rounding's worth: one made exactly as wide as a word holds it)
        for row, row_cells, row_fonts in zip(data.rows, cells, fonts):
            lines_of = []
            most = 1
            for index, cell in enumerate(row_cells):
                if cell is None or not cell.text:
                    lines_of.append([])
                    continue
                text, font = cell.text, row_fonts[index]
                indent = row.indent * INDENT if index == 0 else 0.0
                if cell.light:
                    indent += LIGHT_SPACE
                if "\n" not in text and string_width(text, font, size) <= inner[index] - indent + ROUNDING + slack[index]:
                    lines_of.append([text])  # one line that fits: nearly every cell
                    continue
                lines = self._wrap(text, font, index, indent, slack[index] > 0)
                lines_of.append(lines)
                most = max(most, len(lines))
            self.lines.append(lines_of)
            self.most.append(most)
            heights.append(most * leading + 2 * PAD_V + row.space_above)
            note_heights.append(sum(n.height(width) for n in row.notes) if row.notes else 0.0)
        self.heights = heights
        self.note_heights = note_heights
        self.cum_heights = [0.0, *accumulate(heights)]
        self.cum_notes = [0.0, *accumulate(note_heights)]
        self._continued: dict[int, tuple[float, list[list[str]]]] = {}

    def _wrap(self, text: str, font: str, index: int, indent: float, fit: bool) -> list[str]:
        text = clean(text)
        if not text:
            return []
        if fit:
            return self._fit_lines(text.split("\n"), font, index, indent)
        inner = self.widths[index] - 2 * PAD_H - indent + ROUNDING
        size = self.size
        if "\n" not in text and string_width(text, font, size) <= inner:
            return [text]
        return wrap_lines(text, font, size, max(inner, 10.0))

    def _fit_lines(self, lines: list[str], font: str, index: int, indent: float = 0.0) -> list[str]:
        """A fit column's lines as they are; one wider than the column (which stops at its
        share of the table) wrapped."""
        inner = self.widths[index] - 2 * PAD_H - indent
        size = self.size
        if all(string_width(line, font, size) <= inner + 1e-6 for line in lines):
            return lines
        return [part for line in lines for part in wrap_lines(line, font, size, max(inner, 10.0))]

    def continued(self, index: int) -> tuple[float, list[list[str]]]:
        """Height and lines of heading row ``index`` repeated on a later page."""
        if index not in self._continued:
            row = self.rows[index]
            first = _cell(row.cells[0], self.columns[0].most).text
            font = _font(row.bold, True)
            lines = self._wrap(first + CONTINUED, font, 0, row.indent * INDENT, False)
            if len(lines) > CONTINUED_LINES:  # a long heading is repeated in short
                inner = self.widths[0] - 2 * PAD_H - row.indent * INDENT
                last = fit_line(" ".join(lines[CONTINUED_LINES - 1:])[:NAME_LIMIT], font, self.size,
                                inner - string_width(CONTINUED, font, self.size))
                lines = lines[:CONTINUED_LINES - 1] + [last + CONTINUED]
            height = max(1, len(lines)) * self.leading + 2 * PAD_V
            self._continued[index] = (height, [lines] + [[] for _ in row.cells[1:]])
        return self._continued[index]


class _TableData:
    def __init__(self, columns, rows, header, size, leading) -> None:
        self.columns = columns
        self.rows = rows
        self.header = header
        self.size = size
        self.leading = leading
        self._layouts: dict[float, _Layout] = {}

    def layout(self, width: float) -> _Layout:
        layout = self._layouts.get(width)
        if layout is None:
            layout = self._layouts[width] = _Layout(self, width)
        return layout


class GridTable(Flowable):
    """A table of :class:`Row` under :class:`Column` headings, split over pages by row."""

    def __init__(self, columns: list[Column], rows: list[Row], *, header: bool = True,
                 size: float = styles.TABLE_SIZE, leading: float = styles.TABLE_LEADING,
                 _data: _TableData | None = None, _start: int = 0, _end: int | None = None,
                 _prefix: tuple[int, ...] = (), _window: tuple[int, int | None] = (0, None)) -> None:
        super().__init__()
        self._data = _data or _TableData(columns, rows, header, size, leading)
        self._start = _start
        self._end = len(self._data.rows) if _end is None else _end
        self._prefix = _prefix
        # The lines of the first row shown here: (0, None) is all of it; a row taller than a
        # page is shown in pieces, (first, last) its lines on this page.
        self._window = _window
        self.spaceBefore = 0
        self.spaceAfter = 6 if self._end == len(self._data.rows) else 0

    # --- progress weight: rows in this part ---------------------------------------------------

    @property
    def weight(self) -> int:
        return self._end - self._start

    @property
    def rows(self) -> list[Row]:
        return self._data.rows[self._start:self._end]

    def _view(self, start: int, end: int, prefix: tuple[int, ...],
              window: tuple[int, int | None] = (0, None)) -> GridTable:
        return GridTable([], [], _data=self._data, _start=start, _end=end,
                         _prefix=prefix[-CONTINUED_LEVELS:], _window=window)

    # --- measuring ----------------------------------------------------------------------------

    def _page_has_notes(self) -> bool:
        frame = getattr(self, "_frame", None)
        return bool(getattr(frame, "_planbord_notes", 0.0))

    def _prefix_height(self, layout: _Layout, prefix) -> float:
        return sum(layout.continued(i)[0] for i in prefix)

    def _span(self, index: int) -> tuple[int, int | None]:
        """The lines of row ``index`` shown here: the first row may start further down (its
        top was on the page before), the last may stop early (it goes on on the next)."""
        first = self._window[0] if index == self._start else 0
        last = self._window[1] if index == self._end - 1 else None
        return first, last

    def _row_height(self, layout: _Layout, index: int) -> float:
        first, last = self._span(index)
        if first == 0 and last is None:
            return layout.heights[index]
        last = layout.most[index] if last is None else last
        space = self._data.rows[index].space_above if first == 0 else 0.0
        return (last - first) * self._data.leading + 2 * PAD_V + space

    def _rows_height(self, layout: _Layout, end: int) -> float:
        """The rows from the first to ``end`` (exclusive), each as far as it is shown here."""
        if end <= self._start:
            return 0.0
        height = layout.cum_heights[end] - layout.cum_heights[self._start]
        for index in {self._start, end - 1}:
            height += self._row_height(layout, index) - layout.heights[index]
        return height

    def _row_notes(self, layout: _Layout, index: int) -> float:
        """A row's notes go with the piece of it that is printed last."""
        return 0.0 if self._span(index)[1] is not None else layout.note_heights[index]

    def _notes_height(self, layout: _Layout, start: int, end: int) -> float:
        height = layout.cum_notes[end] - layout.cum_notes[start] if end > start else 0.0
        if end > start:
            height += self._row_notes(layout, end - 1) - layout.note_heights[end - 1]
        if height and not self._page_has_notes():
            height += SEPARATOR_HEIGHT
        return height

    def room_needed(self, availWidth, frame_height: float) -> float:
        """The height that must be free before the table starts: all of a small table
        (a third of a page or less), else its headings and first rows."""
        layout = self._data.layout(availWidth)
        start = layout.header_height + self._prefix_height(layout, self._prefix)
        whole = start + self._rows_height(layout, self._end)
        if whole <= frame_height / 3:
            return whole + self.spaceAfter
        return start + self._rows_height(layout, min(self._end, self._start + 3))

    def wrap(self, availWidth, availHeight):
        layout = self._data.layout(availWidth)
        self.width = availWidth
        self.height = (layout.header_height + self._prefix_height(layout, self._prefix)
                       + self._rows_height(layout, self._end))
        self._notes = self._notes_height(layout, self._start, self._end)
        if self.height + self._notes > availHeight + 1e-6:
            return availWidth, self.height + self._notes  # does not fit: the frame asks to split
        return availWidth, self.height

    def split(self, availWidth, availHeight):
        layout = self._data.layout(availWidth)
        rows = self._data.rows
        frame = getattr(self, "_frame", None)
        at_top = bool(getattr(frame, "_atTop", True))
        budget = availHeight - layout.header_height - self._prefix_height(layout, self._prefix)
        separator = not self._page_has_notes()
        used = 0.0
        cut = self._start
        for index in range(self._start, self._end):
            note_height = self._row_notes(layout, index)
            extra = note_height + (SEPARATOR_HEIGHT if note_height and separator else 0.0)
            if used + self._row_height(layout, index) + extra > budget + 1e-6:
                break
            used += self._row_height(layout, index) + extra
            if note_height:
                separator = False
            cut = index + 1
        if cut >= self._end:
            return [self._view(self._start, self._end, self._prefix, self._window)]
        if cut == self._start and at_top or self._taller_than_page(layout, frame, cut):
            pieces = self._split_row(layout, cut, budget - used)
            if pieces:
                return pieces
        keep = cut
        while keep > self._start + 1 and rows[keep - 1].keep_with_next:
            keep -= 1
        if keep <= self._start + 1 and rows[self._start].keep_with_next or keep == self._start:
            if not at_top:
                return []  # start on the next page instead
            keep = max(cut, self._start + 1)  # a page must hold something
        return [self._view(self._start, keep, self._prefix, (self._window[0], None)),
                self._view(keep, self._end, rows[keep].path, (0, self._window[1]))]

    def _taller_than_page(self, layout: _Layout, frame, index: int) -> bool:
        """Row ``index`` would not fit on an empty page either: no use waiting for one."""
        height = getattr(frame, "_height", None)
        if height is None:
            return False
        room = (height - frame._topPadding - frame._bottomPadding - layout.header_height
                - self._prefix_height(layout, self._data.rows[index].path))
        return self._row_height(layout, index) > room

    def _split_row(self, layout: _Layout, index: int, room: float) -> list[GridTable] | None:
        """Row ``index`` does not fit: as many of its lines as fit in ``room`` here, the rest
        on the next page (under the column headings and its headings "(vervolg)")."""
        first, last = self._span(index)
        last = layout.most[index] if last is None else last
        space = self._data.rows[index].space_above if first == 0 else 0.0
        fits = int((room - 2 * PAD_V - space + 1e-6) // self._data.leading)
        if fits < 1 or first + fits >= last:
            return None
        cut = first + fits
        head = self._window[0]
        return [self._view(self._start, index + 1, self._prefix, (head, cut)),
                self._view(index, self._end, self._data.rows[index].path,
                           (cut, self._window[1]))]

    # --- drawing ------------------------------------------------------------------------------

    def draw(self):
        canvas = self.canv
        layout = self._data.layout(self.width)
        data = self._data
        writer = TextWriter(canvas)
        writer.color(styles.INK)
        graphics: list = []
        top = self.height
        if data.header:
            top = self._draw_row(writer, graphics, layout, top, layout.header_height,
                                 layout.header_lines, None, header=True)
        for index in self._prefix:
            height, lines = layout.continued(index)
            top = self._draw_row(writer, graphics, layout, top, height, lines, data.rows[index],
                                 continued=True)
        for index in range(self._start, self._end):
            top = self._draw_row(writer, graphics, layout, top, self._row_height(layout, index),
                                 layout.lines[index], data.rows[index], window=self._span(index),
                                 index=index)
        # Backgrounds first, then rules, then the text on top of both.
        canvas.saveState()
        for kind, args in graphics:
            if kind == "band":
                color, x, y, w, h = args
                canvas.setFillColor(color)
                canvas.rect(x, y, w, h, stroke=0, fill=1)
        for kind, args in graphics:
            if kind == "rule":
                color, width, x1, y, x2 = args
                canvas.setStrokeColor(color)
                canvas.setLineWidth(width)
                canvas.line(x1, y, x2, y)
            elif kind == "dot":
                color, x, y, r = args
                canvas.setFillColor(color)
                canvas.circle(x, y, r, stroke=0, fill=1)
        canvas.restoreState()
        writer.draw(canvas)
        notes = [n for i in range(self._start, self._end) if self._span(i)[1] is None
                 for n in data.rows[i].notes]
        if notes:
            doc = getattr(canvas, "_doctemplate", None)
            if doc is not None and hasattr(doc, "reserve_notes"):
                doc.reserve_notes(notes, getattr(self, "_frame", None), self.width)

    def _draw_row(self, writer: TextWriter, graphics: list, layout: _Layout, top: float,
                  height: float, lines: list[list[str]], row: Row | None, *, header: bool = False,
                  continued: bool = False, window: tuple[int, int | None] = (0, None),
                  index: int | None = None) -> float:
        """Row ``index`` of the table (its cells and fonts as laid out), or the column headings
        (``header``), or a heading row repeated "(vervolg)" (``continued``)."""
        data = self._data
        size, leading = data.size, data.leading
        bottom = top - height
        first, last = window
        starts = first == 0 and not continued  # the row's own top is on this page
        ends = last is None  # and its bottom
        space = row.space_above if row is not None and starts else 0.0
        row_top = top - space
        if header:
            graphics.append(("rule", (styles.ACCENT, 0.9, 0, bottom, self.width)))
        else:
            if row.background is not None:
                graphics.append(("band", (row.background, 0, bottom, self.width, row_top - bottom)))
            if row.rule_above and starts:
                graphics.append(("rule", (styles.INK, row.rule_above, 0, row_top, self.width)))
            if row.rule_below and ends:
                graphics.append(("rule", (styles.INK, row.rule_below, 0, bottom, self.width)))
            if row.double_below and ends:
                graphics.append(("rule", (styles.INK, row.rule_below or 0.6, 0, bottom + 1.6, self.width)))
        cap = 0.72 * size
        most = layout.most[index] if index is not None else max((len(c) for c in lines), default=1) or 1
        last = most if last is None else last
        first_baseline = row_top - PAD_V - leading + (leading - cap) / 2
        color = styles.INK if header or row.color is None else row.color
        cells = layout.cells[index] if index is not None else None
        fonts = layout.fonts[index] if index is not None else None
        for column_index, cell_lines in enumerate(lines):
            if not cell_lines:
                continue
            if header:
                cell, font = _NO_CELL, BOLD
            elif cells is not None:
                cell, font = cells[column_index], fonts[column_index]
            else:
                cell = _cell(row.cells[column_index], data.columns[column_index].most)
                italic = row.italic or continued if cell.italic is None else cell.italic
                font = _font(row.bold if cell.bold is None else cell.bold, italic)
            x0 = layout.x[column_index] + PAD_H
            inner = layout.inner[column_index]
            if column_index == 0 and row is not None:
                x0 += row.indent * INDENT
                inner -= row.indent * INDENT
            if cell.light is not None:
                if first == 0:
                    graphics.append(("dot", (cell.light, x0 + 3.2, first_baseline + cap / 2, 3.0)))
                x0 += LIGHT_SPACE
                inner -= LIGHT_SPACE
            # Amounts stand on the row's last line (as beside a wrapped description).
            count = len(cell_lines)
            shift = most - count if layout.bottom[column_index] and not header else 0
            writer.color(cell.color or color)
            # The lines of this piece of the row (a row taller than a page is drawn in pieces).
            if first == 0 and last == most:
                low, high = 0, count  # all of it: nearly every row
            else:
                low, high = max(first - shift, 0), max(min(last - shift, count), 0)
            align = layout.align[column_index]
            for number in range(low, high):
                line = cell_lines[number]
                baseline = first_baseline - (shift + number - first) * leading
                if align == RIGHT:
                    x = x0 + inner - string_width(line, font, size)
                elif align == CENTER:
                    x = x0 + (inner - string_width(line, font, size)) / 2
                else:
                    x = x0
                writer.put(x, baseline, line, font, size)
            if cell.notes and low < high and high == count:
                # After the cell's last line. The space keeps "77.500 1" apart in the text
                # layer (copy, search, screen readers).
                end = x + string_width(line, font, size)
                writer.put(end, baseline, " " + _marks(cell), REGULAR, NOTE_MARK_SIZE,
                           rise=NOTE_MARK_RISE)
        return bottom
