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
cell): a 2,000-line budget is laid out and drawn about as fast as a bare
ReportLab table of the same rows. Long texts wrap; amounts never do.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from itertools import accumulate

from reportlab.platypus import Flowable

from app.reports import styles
from app.reports.draw import TextWriter
from app.reports.fonts import BOLD, BOLD_ITALIC, ITALIC, REGULAR, string_width
from app.reports.notes import SEPARATOR_HEIGHT, Note
from app.reports.text import wrap_lines

LEFT, RIGHT, CENTER = "left", "right", "center"
PAD_H = 4.0
PAD_V = 2.4
INDENT = 10.0
NOTE_MARK_SIZE = 5.6
NOTE_MARK_RISE = 3.4
LIGHT_SPACE = 9.0  # a traffic-light dot and its space before the text
CONTINUED = " (vervolg)"
HEADER_MAX_WIDTH = 80.0  # a fit column's heading wraps beyond this


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


def _font(bold: bool, italic: bool) -> str:
    if bold:
        return BOLD_ITALIC if italic else BOLD
    return ITALIC if italic else REGULAR


def _cell(value) -> Cell:
    if isinstance(value, Cell):
        return value
    return Cell("" if value is None else str(value))


def _header_lines(title: str, size: float) -> list[str]:
    """A fit column's heading: its own lines, long ones wrapped so the column stays narrow."""
    lines = []
    for line in title.split("\n"):
        if string_width(line, BOLD, size) > HEADER_MAX_WIDTH:
            lines += wrap_lines(line, BOLD, size, HEADER_MAX_WIDTH)
        else:
            lines.append(line)
    return lines


def _marks(cell: Cell) -> str:
    return ",".join(str(n.number) for n in cell.notes)


class _Layout:
    """Column widths, wrapped cell lines and row heights for one available width."""

    def __init__(self, data: _TableData, width: float) -> None:
        self.data = data
        self.width = width
        size, leading = data.size, data.leading
        columns = data.columns
        widths: list[float | None] = []
        for index, column in enumerate(columns):
            if column.width is not None:
                widths.append(column.width)
            elif column.fit:
                widest = max((string_width(line, BOLD, size)
                              for line in _header_lines(column.title, size)), default=0.0)
                widest_word = widest
                for row in data.rows:
                    cell = row.cells[index] if index < len(row.cells) else None
                    if cell is None:
                        continue
                    cell = _cell(cell)
                    text_width = string_width(cell.text, _font(row.bold or bool(cell.bold), False), size)
                    if cell.light is not None:
                        text_width += LIGHT_SPACE
                    widest = max(widest, text_width)
                    if column.max_width is not None and text_width + 2 * PAD_H > column.max_width:
                        widest_word = max([widest_word, *(string_width(w, _font(row.bold, False), size)
                                                          for w in cell.text.split())])
                width_wanted = max(widest + 2 * PAD_H, column.min_width)
                if column.max_width is not None:  # narrower, but never so narrow that words break
                    width_wanted = min(width_wanted, max(column.max_width, widest_word + 2 * PAD_H))
                widths.append(width_wanted)
            else:
                widths.append(None)
        fixed = sum(w for w in widths if w is not None)
        shares = sum(c.share for c, w in zip(columns, widths) if w is None)
        left_over = width - fixed
        if shares and left_over < 40 * shares:  # too tight: everything shrinks a little
            scale = (width - 40 * shares) / fixed if fixed else 1.0
            widths = [w * scale if w is not None else None for w in widths]
            left_over = 40 * shares
        self.widths = [w if w is not None else left_over * c.share / shares
                       for c, w in zip(columns, widths)]
        if not shares and fixed > width:
            scale = width / fixed
            self.widths = [w * scale for w in self.widths]
        self.x = [0.0, *accumulate(self.widths)][:-1]

        self.header_lines = [_header_lines(column.title, size) if column.fit
                             else self._wrap(column.title, BOLD, index, 0, False)
                             for index, column in enumerate(columns)]
        self.header_height = (max((len(lines) for lines in self.header_lines), default=1) * leading
                              + 2 * PAD_V) if data.header else 0.0

        self.lines: list[list[list[str]]] = []
        heights = []
        note_heights = []
        for row in data.rows:
            cells = []
            most = 1
            for index in range(len(columns)):
                value = row.cells[index] if index < len(row.cells) else None
                if value is None:
                    cells.append([])
                    continue
                cell = _cell(value)
                font = _font(row.bold if cell.bold is None else cell.bold,
                             row.italic if cell.italic is None else cell.italic)
                indent = row.indent * INDENT if index == 0 else 0.0
                lines = self._wrap(cell.text, font, index, indent + (LIGHT_SPACE if cell.light else 0),
                                   columns[index].fit and columns[index].max_width is None)
                cells.append(lines)
                most = max(most, len(lines))
            self.lines.append(cells)
            heights.append(most * leading + 2 * PAD_V + row.space_above)
            note_heights.append(sum(n.height(width) for n in row.notes))
        self.heights = heights
        self.note_heights = note_heights
        self.cum_heights = [0.0, *accumulate(heights)]
        self.cum_notes = [0.0, *accumulate(note_heights)]
        self._continued: dict[int, tuple[float, list[list[str]]]] = {}

    def _wrap(self, text: str, font: str, index: int, indent: float, fit: bool) -> list[str]:
        if not text:
            return []
        if fit:
            return text.split("\n")
        inner = self.widths[index] - 2 * PAD_H - indent
        size = self.data.size
        if "\n" not in text and string_width(text, font, size) <= inner:
            return [text]
        return wrap_lines(text, font, size, max(inner, 10.0))

    def continued(self, index: int) -> tuple[float, list[list[str]]]:
        """Height and lines of heading row ``index`` repeated on a later page."""
        if index not in self._continued:
            row = self.data.rows[index]
            first = _cell(row.cells[0]).text + CONTINUED
            lines = self._wrap(first, _font(row.bold, True), 0, row.indent * INDENT, False)
            height = max(1, len(lines)) * self.data.leading + 2 * PAD_V
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
                 _prefix: tuple[int, ...] = ()) -> None:
        super().__init__()
        self._data = _data or _TableData(columns, rows, header, size, leading)
        self._start = _start
        self._end = len(self._data.rows) if _end is None else _end
        self._prefix = _prefix
        self.spaceBefore = 0
        self.spaceAfter = 6 if self._end == len(self._data.rows) else 0

    # --- progress weight: rows in this part ---------------------------------------------------

    @property
    def weight(self) -> int:
        return self._end - self._start

    @property
    def rows(self) -> list[Row]:
        return self._data.rows[self._start:self._end]

    def _view(self, start: int, end: int, prefix: tuple[int, ...]) -> GridTable:
        return GridTable([], [], _data=self._data, _start=start, _end=end, _prefix=prefix)

    # --- measuring ----------------------------------------------------------------------------

    def _page_has_notes(self) -> bool:
        frame = getattr(self, "_frame", None)
        return bool(getattr(frame, "_planbord_notes", 0.0))

    def _prefix_height(self, layout: _Layout, prefix) -> float:
        return sum(layout.continued(i)[0] for i in prefix)

    def _notes_height(self, layout: _Layout, start: int, end: int) -> float:
        height = layout.cum_notes[end] - layout.cum_notes[start]
        if height and not self._page_has_notes():
            height += SEPARATOR_HEIGHT
        return height

    def room_needed(self, availWidth, frame_height: float) -> float:
        """The height that must be free before the table starts: all of a small table
        (a third of a page or less), else its headings and first rows."""
        layout = self._data.layout(availWidth)
        start = layout.header_height + self._prefix_height(layout, self._prefix)
        whole = start + layout.cum_heights[self._end] - layout.cum_heights[self._start]
        if whole <= frame_height / 3:
            return whole + self.spaceAfter
        first = min(self._end, self._start + 3)
        return start + layout.cum_heights[first] - layout.cum_heights[self._start]

    def wrap(self, availWidth, availHeight):
        layout = self._data.layout(availWidth)
        self._layout = layout
        self.width = availWidth
        self.height = (layout.header_height + self._prefix_height(layout, self._prefix)
                       + layout.cum_heights[self._end] - layout.cum_heights[self._start])
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
            note_height = layout.note_heights[index]
            extra = note_height + (SEPARATOR_HEIGHT if note_height and separator else 0.0)
            if used + layout.heights[index] + extra > budget + 1e-6:
                break
            used += layout.heights[index] + extra
            if note_height:
                separator = False
            cut = index + 1
        if cut >= self._end:
            return [self._view(self._start, self._end, self._prefix)]
        keep = cut
        while keep > self._start + 1 and rows[keep - 1].keep_with_next:
            keep -= 1
        if keep <= self._start + 1 and rows[self._start].keep_with_next or keep == self._start:
            if not at_top:
                return []  # start on the next page instead
            keep = max(cut, self._start + 1)  # a page must hold something
        prefix = rows[keep].path
        return [self._view(self._start, keep, self._prefix), self._view(keep, self._end, prefix)]

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
            top = self._draw_row(writer, graphics, layout, top, layout.heights[index],
                                 layout.lines[index], data.rows[index])
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
        notes = [n for i in range(self._start, self._end) for n in data.rows[i].notes]
        if notes:
            doc = getattr(canvas, "_doctemplate", None)
            if doc is not None and hasattr(doc, "reserve_notes"):
                doc.reserve_notes(notes, getattr(self, "_frame", None), self.width)

    def _draw_row(self, writer: TextWriter, graphics: list, layout: _Layout, top: float,
                  height: float, lines: list[list[str]], row: Row | None, *, header: bool = False,
                  continued: bool = False) -> float:
        data = self._data
        size, leading = data.size, data.leading
        bottom = top - height
        space = row.space_above if row is not None and not continued else 0.0
        row_top = top - space
        if header:
            graphics.append(("rule", (styles.ACCENT, 0.9, 0, bottom, self.width)))
        else:
            if row.background is not None:
                graphics.append(("band", (row.background, 0, bottom, self.width, row_top - bottom)))
            if row.rule_above and not continued:
                graphics.append(("rule", (styles.INK, row.rule_above, 0, row_top, self.width)))
            if row.rule_below:
                graphics.append(("rule", (styles.INK, row.rule_below, 0, bottom, self.width)))
            if row.double_below:
                graphics.append(("rule", (styles.INK, row.rule_below or 0.6, 0, bottom + 1.6, self.width)))
        cap = 0.72 * size
        most = max((len(cell) for cell in lines), default=1) or 1
        first_baseline = row_top - PAD_V - leading + (leading - cap) / 2
        color = styles.INK if header or row.color is None else row.color
        for index, cell_lines in enumerate(lines):
            if not cell_lines:
                continue
            column = data.columns[index]
            if header:
                cell, font = Cell(), BOLD
            else:
                value = row.cells[index]
                cell = _cell(value)
                italic = row.italic or continued if cell.italic is None else cell.italic
                font = _font(row.bold if cell.bold is None else cell.bold, italic)
            x0 = layout.x[index] + PAD_H
            inner = layout.widths[index] - 2 * PAD_H
            if index == 0 and row is not None:
                x0 += row.indent * INDENT
                inner -= row.indent * INDENT
            if cell.light is not None:
                graphics.append(("dot", (cell.light, x0 + 3.2, first_baseline + cap / 2, 3.0)))
                x0 += LIGHT_SPACE
                inner -= LIGHT_SPACE
            # Amounts stand on the row's last line (as beside a wrapped description).
            shift = most - len(cell_lines) if column.bottom and not header else 0
            writer.color(cell.color or color)
            baseline = first_baseline - shift * leading
            for line in cell_lines:
                if column.align == RIGHT:
                    x = x0 + inner - string_width(line, font, size)
                elif column.align == CENTER:
                    x = x0 + (inner - string_width(line, font, size)) / 2
                else:
                    x = x0
                writer.put(x, baseline, line, font, size)
                last_x, last_line = x, line
                baseline -= leading
            if cell.notes:
                # The space keeps "77.500 1" apart in the text layer (copy, search, screen readers).
                end = last_x + string_width(last_line, font, size)
                writer.put(end, baseline + leading, " " + _marks(cell), REGULAR, NOTE_MARK_SIZE,
                           rise=NOTE_MARK_RISE)
        return bottom
