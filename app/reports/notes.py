"""Footnotes: numbered through the document, printed at the foot of the page that refers to them.

A toelichting on a budget line or cell becomes a :class:`Note` with the number
the source document gave it (footnote 22 of the 2022 plan prints as 22), or
else the next number after the highest one given (:class:`NoteCounter`); the
table row that refers to it prints the number raised beside the text, and
reserves room at the foot of its page for the note itself (see
:mod:`app.reports.table` and :mod:`app.reports.document`), as the published
plan does.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from app.reports import styles
from app.reports.draw import draw_runs
from app.reports.fonts import REGULAR
from app.reports.text import NOTE_LIMIT, clean, wrap_lines

NUMBER_WIDTH = 12  # the note's number hangs in this indent
SEPARATOR_HEIGHT = 9  # the short rule above a page's notes, with its space
NOTE_GAP = 1.2  # between two notes


@dataclass(eq=False)
class Note:
    number: int
    text: str
    _lines: dict[float, list[str]] = field(default_factory=dict, repr=False)

    def lines(self, width: float) -> list[str]:
        if width not in self._lines:
            self._lines[width] = wrap_lines(self.text, REGULAR, styles.NOTE_SIZE, width - NUMBER_WIDTH)
        return self._lines[width]

    def height(self, width: float) -> float:
        return len(self.lines(width)) * styles.NOTE_LEADING + NOTE_GAP


class NoteCounter:
    """Hands out note numbers: a note keeps the number it was given; the others are numbered in
    the order they appear in the document, after the highest number given."""

    def __init__(self, highest_given: int = 0) -> None:
        self.notes: list[Note] = []
        self._last = max(highest_given, 0)

    def reserve(self, highest_given: int) -> None:
        """Number the notes without a number of their own after ``highest_given``."""
        self._last = max(self._last, highest_given)

    def add(self, text: str, number: int | None = None) -> Note | None:
        text = clean(text, NOTE_LIMIT).strip()
        if not text:
            return None
        if number is None:
            self._last += 1
            number = self._last
        else:
            self._last = max(self._last, number)
        note = Note(number, text)
        self.notes.append(note)
        return note


def block_height(notes: list[Note], width: float, with_separator: bool) -> float:
    if not notes:
        return 0.0
    return (SEPARATOR_HEIGHT if with_separator else 0.0) + sum(n.height(width) for n in notes)


def draw_block(canvas, notes: list[Note], x: float, top: float, width: float) -> None:
    """The separator and the notes, from ``top`` downwards."""
    if not notes:
        return
    canvas.saveState()
    canvas.setStrokeColor(styles.RULE)
    canvas.setLineWidth(0.5)
    y = top - 3
    canvas.line(x, y, x + min(50 * 2.835, width / 3), y)
    y = top - SEPARATOR_HEIGHT
    canvas.setFillColor(styles.INK)
    for note in notes:
        for index, line in enumerate(note.lines(width)):
            y -= styles.NOTE_LEADING
            if index == 0:
                canvas.setFont(REGULAR, styles.NOTE_SIZE)
                canvas.drawString(x, y + 0.5, str(note.number))
            draw_runs(canvas, x + NUMBER_WIDTH, y + 0.5, line, REGULAR, styles.NOTE_SIZE)
        y -= NOTE_GAP
    canvas.restoreState()
