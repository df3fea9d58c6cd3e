"""User text on its way into the PDF: cleaned, cut, escaped for Paragraph, wrapped for tables.

Everything the user typed (names, descriptions, remarks, notes) passes through
here. :func:`escape` makes it safe for a ReportLab Paragraph, whose text is a
small markup language: ``&``, ``<`` and ``>`` print as typed, and a tag the
user typed (``<img src=...>``, ``<a href=...>``) is text, never markup, so
nothing is ever fetched. Characters the text font lacks are set in the
fallback font, right-to-left text is ordered and shaped, and a character no
font has prints as a placeholder (see :mod:`app.reports.fonts` and
:mod:`app.reports.shaping`).

**How much is printed.** Planbord refuses longer text where it is typed
(:mod:`app.services.editing`: titles and names 300 characters, descriptions,
notes and remarks 20.000), but a file made elsewhere can hold anything. So the
annexes cut what no typed text reaches, and say so with "… (ingekort)":

- names and titles (headings, table cells, the contents): ``NAME_LIMIT``,
  1.000 characters: at most some fifteen lines of a heading, so that a heading,
  a contents entry or a table row always fits on a page;
- descriptions, goals, actions, remarks and any other text: ``TEXT_LIMIT``,
  50.000 characters: all that can be typed (20.000), and what a file of an
  older version, which had no limit, may hold; about twenty pages;
- a footnote: ``NOTE_LIMIT``, 1.500 characters (some thirteen lines at the
  foot of a page): a page's notes must leave room for the rows that refer to
  them.

A word wider than its column or page (a pasted link, or a line of one letter
typed a million times) is broken where it must be, in time that grows with its
length only.
"""
from __future__ import annotations

import re
from itertools import accumulate

from reportlab.platypus import Flowable

from app.reports.bidi import base_level
from app.reports.fonts import FALLBACK, REGULAR, font_runs, needs_fallback, string_width
from app.reports.shaping import clusters, passages

NAME_LIMIT = 1_000
TEXT_LIMIT = 50_000
NOTE_LIMIT = 1_500
CUT = " …\u00a0(ingekort)"  # a word of its own; the no-break space keeps it whole
PASSAGE = 60  # characters of a right-to-left passage kept on one line in running text

# Control characters other than newline and tab have no business on paper.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# The private use planes: the annexes' own glyph codes live there (app.reports.fonts).
_PRIVATE = re.compile("[\U000f0000-\U0010ffff]")


def clean(text: str | None, most: int = TEXT_LIMIT) -> str:
    """Text without control characters; tabs become spaces, Windows newlines plain ones; longer
    than ``most`` characters: cut there, ending in "… (ingekort)". Cleaning twice changes nothing."""
    if not text:
        return ""
    if len(text) <= most + len(CUT) and text.isprintable():
        # Nearly every cell: no tab, newline, control or private-use character (none of them
        # is printable), nothing to cut; one check in C instead of four passes.
        return text
    if len(text) > most + len(CUT):
        text = text[:most + len(CUT) + 1000]  # the rest is cut anyway; clean no more than needed
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text = _CONTROL.sub("", text)
    if not text.isascii():
        text = _PRIVATE.sub("\ufffd", text)
    if len(text) > most + len(CUT):
        text = text[:most].rstrip() + CUT
    return text


def _escape_plain(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _runs_markup(line: str, font: str, glue: bool = False) -> str:
    parts = []
    for piece, name in font_runs(line, font):
        if glue:  # one word to Paragraph: never broken inside
            piece = piece.replace(" ", "\u00a0")
        piece = _escape_plain(piece)
        parts.append(f'<font face="{name}">{piece}</font>' if name != font else piece)
    return "".join(parts)


def _line_markup(line: str, font: str) -> str:
    if not needs_fallback(line):
        return _escape_plain(line)
    pieces = passages(line)
    if len(pieces) == 1 and not pieces[0][1]:
        return _runs_markup(line, font)
    # A right-to-left passage is ordered as a whole and kept on one line (Paragraph breaks lines
    # after ordering); a long one in pieces of at most PASSAGE characters, in reading order.
    parts = []
    for piece, rtl in pieces:
        if not rtl:
            parts.append(_runs_markup(piece, font))
            continue
        lead = piece[:len(piece) - len(piece.lstrip(" "))]
        trail = piece[len(piece.rstrip(" ")):]
        chunks: list[str] = []
        for word in piece.strip(" ").split(" "):
            if chunks and len(chunks[-1]) + 1 + len(word) <= PASSAGE:
                chunks[-1] += " " + word
            else:
                chunks.append(word)
        parts.append(lead + " ".join(_runs_markup(chunk, font, glue=True) for chunk in chunks) + trail)
    return "".join(parts)


_LONG_WORD = re.compile(r"[^ \n]{%d,}" % (NAME_LIMIT + 1))


def escape(text: str | None, font: str = REGULAR, most: int = TEXT_LIMIT) -> str:
    """``text`` as Paragraph markup that prints exactly what was typed (cut at ``most``; a word
    longer than ``NAME_LIMIT`` is cut too: Paragraph breaks a long word in time that grows with
    the square of its length)."""
    text = clean(text, most)
    if len(text) > NAME_LIMIT:
        text = _LONG_WORD.sub(lambda word: word.group()[:NAME_LIMIT] + CUT, text)
    return "<br/>".join(_line_markup(line, font) for line in text.split("\n"))


def _break_word(word: str, font: str, size: float, width: float) -> list[str]:
    """``word`` in pieces no wider than ``width`` (at least one cluster each), in one pass."""
    parts = clusters(word) if not word.isascii() else list(word)
    widths = list(accumulate(string_width(part, font, size) for part in parts))
    pieces = []
    start, offset = 0, 0.0
    for index, total in enumerate(widths):
        if total - offset > width and index > start:
            pieces.append("".join(parts[start:index]))
            start, offset = index, widths[index - 1]
    pieces.append("".join(parts[start:]))
    return pieces


def wrap_lines(text: str, font: str, size: float, width: float) -> list[str]:
    """``text`` broken into lines no wider than ``width`` (words kept whole where they fit)."""
    text = clean(text)
    lines: list[str] = []
    space = string_width(" ", font, size)
    for paragraph in text.split("\n"):
        if string_width(paragraph, font, size) <= width:
            lines.append(paragraph)
            continue
        current, current_width = "", 0.0
        for word in paragraph.split(" "):
            word_width = string_width(word, font, size)
            if current and current_width + space + word_width <= width + 1e-9:
                current, current_width = f"{current} {word}", current_width + space + word_width
                continue
            if current:
                lines.append(current)
            if word_width > width and len(word) > 1:
                # A word wider than the column is broken where it must be.
                pieces = _break_word(word, font, size, width)
                lines.extend(pieces[:-1])
                word = pieces[-1]
                word_width = string_width(word, font, size)
            current, current_width = word, word_width
        lines.append(current)
    return lines or [""]


def fit_line(text: str, font: str, size: float, width: float) -> str:
    """``text`` on one line, shortened with an ellipsis to fit ``width`` (found by halving: a
    title of a million characters takes twenty measurements, not a million)."""
    text = clean(text, NAME_LIMIT).replace("\n", " ")
    if string_width(text, font, size) <= width:
        return text
    low, high = 0, len(text)  # text[:low] + "…" fits; text[:high] + "…" does not
    while high - low > 1:
        middle = (low + high) // 2
        if string_width(text[:middle] + "…", font, size) <= width:
            low = middle
        else:
            high = middle
    return text[:low].rstrip() + "…"


class TextBlock(Flowable):
    """User text (a description, a goal) in a paragraph style, wrapped and drawn line by line as
    the tables are: right-to-left text is ordered per line (a paragraph that starts with a
    right-to-left letter is set against the right edge), long words break, and it splits over
    pages between lines. Only the style's font, size, leading, colour, indents, space before and
    after and bullet are used: there is no markup."""

    def __init__(self, text: str | None, style, *, bullet: str = "", most: int = TEXT_LIMIT) -> None:
        super().__init__()
        self.text = clean(text, most)
        self.style = style
        self.bullet = bullet
        self.spaceBefore = style.spaceBefore
        self.spaceAfter = style.spaceAfter
        self._lines: list[str] | None = None
        self._width = None

    def _wrap_lines(self, width: float) -> list[str]:
        if self._lines is None or self._width != width:
            style = self.style
            inner = max(width - style.leftIndent - style.rightIndent, 10.0)
            self._lines = wrap_lines(self.text, style.fontName, style.fontSize, inner)
            self._width = width
        return self._lines

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        self.height = len(self._wrap_lines(availWidth)) * self.style.leading
        return availWidth, self.height

    def split(self, availWidth, availHeight):
        lines = self._wrap_lines(availWidth)
        fits = int((availHeight + 1e-6) // self.style.leading)
        if fits < 1 or fits >= len(lines):
            return [] if fits < 1 else [self]
        head = TextBlock("", self.style, bullet=self.bullet)
        head.text, head._lines, head._width = "\n".join(lines[:fits]), lines[:fits], availWidth
        head.spaceAfter = 0
        tail = TextBlock("", self.style)
        tail.text, tail._lines, tail._width = "\n".join(lines[fits:]), lines[fits:], availWidth
        tail.spaceBefore = 0
        return [head, tail]

    def draw(self):
        from app.reports.draw import TextWriter  # one text object: a reader joins a line's runs

        style = self.style
        lines = self._wrap_lines(self.width)
        right_to_left = base_level(self.text) == 1
        left = style.leftIndent
        right = self.width - style.rightIndent
        writer = TextWriter(self.canv)
        writer.color(style.textColor)
        y = self.height - style.fontSize
        if self.bullet:
            writer.put(style.bulletIndent, y, self.bullet, style.bulletFontName or style.fontName,
                       style.bulletFontSize or style.fontSize)
        for line in lines:
            x = right - string_width(line, style.fontName, style.fontSize) if right_to_left else left
            writer.put(x, y, line, style.fontName, style.fontSize)
            y -= style.leading
        writer.draw(self.canv)


__all__ = ["CUT", "FALLBACK", "NAME_LIMIT", "NOTE_LIMIT", "TEXT_LIMIT", "TextBlock", "clean", "escape",
           "fit_line", "wrap_lines"]
