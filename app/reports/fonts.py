"""The annexes' fonts: embedded, with € and Dutch diacritics, on any machine after ``pip install``.

The text font is Bitstream Vera, which ReportLab ships inside its own package
(``reportlab/fonts``): no system font is assumed. Vera covers Western European
text in full (ë, é, ï, €, ‘’ “”, – —, †). A character it lacks (an emoji, a
check mark) is set in a fallback font when one is found on the machine
(DejaVu Sans on most Linux desktops, Segoe UI Symbol on Windows); when none
has it, the character still goes into the PDF's text layer as typed (copy,
search) and shows as the font's empty box.

Two corrections to ReportLab, both confined to what is set here:

- a character missing from a font is normally written as code 0, so the text
  layer loses it; :class:`_TextFont` gives it a code of its own that points to
  the empty-box glyph, so the text layer keeps it;
- ReportLab writes characters beyond U+FFFF into the ToUnicode map as five hex
  digits, which PDF readers reject; :func:`_to_unicode_cmap` writes them as
  UTF-16 surrogate pairs, as the PDF standard asks.
"""
from __future__ import annotations

import os
import threading
from functools import lru_cache
from pathlib import Path

import reportlab
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics, ttfonts

REGULAR = "PlanbordSans"
BOLD = "PlanbordSans-Bold"
ITALIC = "PlanbordSans-Italic"
BOLD_ITALIC = "PlanbordSans-BoldItalic"
FALLBACK = "PlanbordFallback"

_VERA = {REGULAR: "Vera.ttf", BOLD: "VeraBd.ttf", ITALIC: "VeraIt.ttf", BOLD_ITALIC: "VeraBI.ttf"}

# Fonts with many symbols, looked for on the machine; the first one found is the fallback.
_FALLBACK_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
    "/usr/local/share/fonts/DejaVuSans.ttf",
    "/Library/Fonts/DejaVuSans.ttf",
    os.path.join(os.environ.get("WINDIR", r"C:\Windows"), "Fonts", "seguisym.ttf"),
    os.path.join(os.environ.get("WINDIR", r"C:\Windows"), "Fonts", "DejaVuSans.ttf"),
)

_lock = threading.Lock()
_registered = False


def reportlab_font_folder() -> Path:
    return Path(reportlab.__file__).resolve().parent / "fonts"


class _TextFont(ttfonts.TTFont):
    """A TrueType font that keeps a missing character in the text layer (see the module note)."""

    def splitString(self, text, doc, encoding="utf-8"):
        char_to_glyph = self.face.charToGlyph
        for char in text:
            code = ord(char)
            if code not in char_to_glyph and code >= 32:
                char_to_glyph[code] = 0  # the font's empty box, under a code of its own
        return super().splitString(text, doc, encoding)


def _utf16_hex(code: int) -> str:
    """A character beyond U+FFFF (an emoji) as its UTF-16 surrogate pair, in hex."""
    code -= 0x10000
    return "%04X%04X" % (0xD800 + (code >> 10), 0xDC00 + (code & 0x3FF))


_original_cmap = ttfonts.makeToUnicodeCMap


def _to_unicode_cmap(fontname, subset):
    text = _original_cmap(fontname, [c if c <= 0xFFFF else 0 for c in subset])
    if all(c <= 0xFFFF for c in subset):
        return text
    lines = text.split("\n")
    for index, code in enumerate(subset):
        if code > 0xFFFF:
            old = "<%02X> <%04X>" % (index, 0)
            lines[lines.index(old)] = "<%02X> <%s>" % (index, _utf16_hex(code))
    return "\n".join(lines)


def register_fonts() -> None:
    """Register the annex fonts with ReportLab (once per process)."""
    global _registered
    with _lock:
        if _registered:
            return
        folder = reportlab_font_folder()
        for name, filename in _VERA.items():
            pdfmetrics.registerFont(_TextFont(name, str(folder / filename)))
        pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=ITALIC,
                                      boldItalic=BOLD_ITALIC)
        for bold, italic, name in ((0, 0, REGULAR), (1, 0, BOLD), (0, 1, ITALIC), (1, 1, BOLD_ITALIC)):
            addMapping(REGULAR, bold, italic, name)
        ttfonts.makeToUnicodeCMap = _to_unicode_cmap
        _registered = True


@lru_cache(maxsize=1)
def _fallback_font() -> ttfonts.TTFont | None:
    register_fonts()
    for candidate in _FALLBACK_CANDIDATES:
        if os.path.isfile(candidate):
            try:
                font = _TextFont(FALLBACK, candidate)
            except Exception:  # an unreadable or unsupported font file: try the next one
                continue
            pdfmetrics.registerFont(font)
            return font
    return None


@lru_cache(maxsize=1)
def _text_codes() -> frozenset[int]:
    register_fonts()
    return frozenset(pdfmetrics.getFont(REGULAR).face.charWidths)


def has_glyph(char: str) -> bool:
    """Whether the text font itself draws ``char``."""
    return ord(char) in _text_codes()


def font_runs(text: str, font: str) -> list[tuple[str, str]]:
    """``text`` as (piece, font name) runs: the text font, or the fallback where it lacks a glyph.

    Plain ASCII (nearly all text) is one run without looking at each character.
    """
    if text.isascii():
        return [(text, font)]
    codes = _text_codes()
    fallback = _fallback_font()
    fallback_codes = fallback.face.charWidths if fallback is not None else {}
    runs: list[tuple[str, str]] = []
    for char in text:
        code = ord(char)
        use = font if code in codes or code < 32 or code not in fallback_codes else FALLBACK
        if runs and runs[-1][1] == use:
            runs[-1] = (runs[-1][0] + char, use)
        else:
            runs.append((char, use))
    return runs


def needs_fallback(text: str) -> bool:
    if text.isascii():
        return False
    codes = _text_codes()
    return any(ord(c) not in codes for c in text)


_widths: dict[tuple[str, str, float], float] = {}


def string_width(text: str, font: str, size: float) -> float:
    """Width of ``text`` as it will be drawn, fallback runs included.

    Remembered: a budget repeats the same amounts and words, and ReportLab measures
    TrueType text in pure Python."""
    key = (text, font, size)
    width = _widths.get(key)
    if width is None:
        if text.isascii() or not needs_fallback(text):
            width = pdfmetrics.stringWidth(text, font, size)
        else:
            width = sum(pdfmetrics.stringWidth(piece, name, size) for piece, name in font_runs(text, font))
        if len(_widths) > 100_000:
            _widths.clear()
        _widths[key] = width
    return width
