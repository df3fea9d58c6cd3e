"""User text on its way into the PDF: cleaned, escaped for Paragraph, wrapped for tables.

Everything the user typed (names, descriptions, remarks, notes) passes through
here. :func:`escape` makes it safe for a ReportLab Paragraph, whose text is a
small markup language: ``&``, ``<`` and ``>`` print as typed, and a tag the
user typed (``<img src=...>``, ``<a href=...>``) is text, never markup, so
nothing is ever fetched. Characters the text font lacks are set in the
fallback font (see :mod:`app.reports.fonts`).
"""
from __future__ import annotations

import re

from app.reports.fonts import FALLBACK, REGULAR, font_runs, needs_fallback, string_width

# Control characters other than newline and tab have no business on paper.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def clean(text: str | None) -> str:
    """Text without control characters; tabs become spaces, Windows newlines plain ones."""
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return _CONTROL.sub("", text)


def _escape_plain(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def escape(text: str | None, font: str = REGULAR) -> str:
    """``text`` as Paragraph markup that prints exactly what was typed."""
    text = clean(text)
    if needs_fallback(text):
        parts = []
        for piece, name in font_runs(text, font):
            piece = _escape_plain(piece)
            parts.append(f'<font face="{FALLBACK}">{piece}</font>' if name == FALLBACK else piece)
        markup = "".join(parts)
    else:
        markup = _escape_plain(text)
    return markup.replace("\n", "<br/>")


def wrap_lines(text: str, font: str, size: float, width: float) -> list[str]:
    """``text`` broken into lines no wider than ``width`` (words kept whole where they fit)."""
    text = clean(text)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        if string_width(paragraph, font, size) <= width:
            lines.append(paragraph)
            continue
        current = ""
        for word in paragraph.split(" "):
            candidate = f"{current} {word}" if current else word
            if string_width(candidate, font, size) <= width:
                current = candidate
                continue
            if current:
                lines.append(current)
            # A word wider than the column is broken where it must be.
            while string_width(word, font, size) > width and len(word) > 1:
                cut = len(word) - 1
                while cut > 1 and string_width(word[:cut], font, size) > width:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
            current = word
        lines.append(current)
    return lines or [""]
