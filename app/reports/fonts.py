"""The annexes' fonts: embedded, with € and Dutch diacritics, on any machine after ``pip install``.

The text font is Bitstream Vera, which ReportLab ships inside its own package
(``reportlab/fonts``): no system font is assumed. Vera covers Western European
text in full (ë, é, ï, €, ‘’ “”, – —, †). A character it lacks is set in the
first font of a short chain that has it:

1. the fallback font, when one is found on the machine (DejaVu Sans on most
   Linux desktops, Segoe UI Symbol on Windows): symbols, Greek, Cyrillic,
   Hebrew, Arabic and a few emoji;
2. an emoji font with outlines, when one is found (Noto Emoji, Symbola,
   Segoe UI Emoji; a colour-bitmap-only font such as Noto Color Emoji cannot be
   embedded by ReportLab and is passed over): printed in black;
3. none has it: one placeholder, □ (from the fallback font, or the text
   font's own empty box without one), for the whole character and what joins
   it (an emoji with its skin tone, a family joined with U+200D, a flag), listed
   at the end of the annex (see :mod:`app.reports.shaping`).

Right-to-left text is ordered and shaped in :mod:`app.reports.shaping`; the
glyphs it makes (an Arabic letter's joined form, a ligature, the placeholder)
get a code of their own here (:func:`private_code`), from Unicode's
supplementary private use area, whose ToUnicode entry is the text they stand
for: the page shows the glyph, copying or searching the PDF finds the text as
typed.

Two corrections to ReportLab, both confined to what is set here:

- a character missing from a font is normally written as code 0, so the text
  layer loses it; :class:`_TextFont` gives it a code of its own that points to
  the empty-box glyph, so the text layer keeps it (a last resort: the shaping
  module replaces such characters by the placeholder before they get here);
- ReportLab writes characters beyond U+FFFF into the ToUnicode map as five hex
  digits, which PDF readers reject; :func:`_to_unicode_cmap` writes them as
  UTF-16 surrogate pairs, as the PDF standard asks, and writes the text of a
  private code as that text.
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
EMOJI = "PlanbordEmoji"

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

# Emoji fonts with outlines ReportLab can embed, looked for after the fallback font.
_EMOJI_CANDIDATES = (
    "/usr/share/fonts/truetype/noto/NotoEmoji-Regular.ttf",
    "/usr/share/fonts/noto/NotoEmoji-Regular.ttf",
    "/usr/share/fonts/google-noto-emoji/NotoEmoji-Regular.ttf",
    "/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf",
    "/usr/share/fonts/truetype/ancient-scripts/Symbola.ttf",
    "/usr/share/fonts/TTF/Symbola.ttf",
    "/usr/local/share/fonts/NotoEmoji-Regular.ttf",
    os.path.join(os.environ.get("WINDIR", r"C:\Windows"), "Fonts", "seguiemj.ttf"),
)
EMOJI_PROBE = 0x1F44D  # 👍: a font that lacks it is no emoji font

# Private codes (see the module note): U+F0000 onwards, never typed (app.reports.text.clean
# replaces any that are).
PRIVATE_START = 0xF0000
PRIVATE_END = 0x10FFFD

_lock = threading.Lock()
_registered = False
generation = 0  # counts the registrations: what is remembered about the fonts belongs to one


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


_actual: dict[int, str] = {}  # private code -> the text it stands for
_private: dict[tuple[str, int, str], int] = {}  # (font, glyph, text) -> its private code
_next_private = PRIVATE_START


def _utf16_hex(text: str) -> str:
    """``text`` as the UTF-16 (big-endian) hex digits of a ToUnicode entry; beyond U+FFFF as
    surrogate pairs."""
    return text.encode("utf-16-be", "surrogatepass").hex().upper() or "0000"


def _to_unicode_cmap(fontname, subset):
    """ReportLab's ToUnicode map, with the text of each private code and pairs beyond U+FFFF."""
    entries = ["<%02X> <%s>" % (index, _utf16_hex(_actual.get(code) or chr(code)) if code else "0000")
               for index, code in enumerate(subset)]
    return "\n".join([
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap", "/CIDSystemInfo",
        "<< /Registry (%s)" % fontname, "/Ordering (%s)" % fontname, "/Supplement 0", ">> def",
        "/CMapName /%s def" % fontname, "/CMapType 2 def", "1 begincodespacerange",
        "<00> <%02X>" % (len(subset) - 1), "endcodespacerange", "%d beginbfchar" % len(subset),
        *entries, "endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"])


def private_code(font_name: str, glyph: int, text: str, width: float) -> str:
    """A character of its own that draws ``glyph`` of ``font_name``, ``width`` (in thousandths of
    the size) wide, and stands for ``text`` in the text layer; the same one for the same three."""
    key = (font_name, glyph, text)
    code = _private.get(key)
    if code is not None:
        face = pdfmetrics.getFont(font_name).face
        if code not in face.charToGlyph:  # the fonts were registered anew (tests do)
            face.charToGlyph[code] = glyph
            face.charWidths[code] = width
        return chr(code)
    global _next_private
    with _lock:
        code = _private.get(key)
        if code is None:
            if _next_private > PRIVATE_END:  # a million glyphs: never in one process
                raise RuntimeError("no private codes left")
            code = _next_private
            _next_private += 1
            face = pdfmetrics.getFont(font_name).face
            face.charToGlyph[code] = glyph
            face.charWidths[code] = width
            _actual[code] = text
            _private[key] = code
    return chr(code)


def actual_text(char: str) -> str:
    """The text a private code stands for (the character itself for any other)."""
    return _actual.get(ord(char), char)


def register_fonts() -> None:
    """Register the annex fonts with ReportLab (once per process)."""
    global _registered, generation
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
        generation += 1
        _registered = True


def _load(name: str, candidates) -> ttfonts.TTFont | None:
    global generation
    generation += 1
    for candidate in candidates:
        if os.path.isfile(candidate):
            try:
                font = _TextFont(name, candidate)
                if name == EMOJI and (EMOJI_PROBE not in font.face.charToGlyph
                                      or "glyf" not in font.face.table):
                    continue  # no emoji, or bitmaps only
            except Exception:  # an unreadable or unsupported font file: try the next one
                continue
            pdfmetrics.registerFont(font)
            # This very object under this name: ReportLab keeps the first font registered under
            # a name, or another of the same face (a test that looks again finds another file).
            pdfmetrics._fonts[name] = font
            return font
    return None


@lru_cache(maxsize=1)
def _fallback_font() -> ttfonts.TTFont | None:
    register_fonts()
    return _load(FALLBACK, _FALLBACK_CANDIDATES)


@lru_cache(maxsize=1)
def _emoji_font() -> ttfonts.TTFont | None:
    register_fonts()
    return _load(EMOJI, _EMOJI_CANDIDATES)


@lru_cache(maxsize=1)
def _text_codes() -> frozenset[int]:
    register_fonts()
    return frozenset(c for c in pdfmetrics.getFont(REGULAR).face.charWidths if c < PRIVATE_START)


def has_glyph(char: str) -> bool:
    """Whether the text font itself draws ``char``."""
    return ord(char) in _text_codes()


def chain() -> list[tuple[str, dict]]:
    """The fonts after the text font, each with the codes it draws: fallback, then emoji."""
    fonts = []
    for font in (_fallback_font(), _emoji_font()):
        if font is not None:
            fonts.append((font.fontName, font.face.charWidths))
    return fonts


def font_runs(text: str, font: str) -> list[tuple[str, str]]:
    """``text`` (one line, as typed) as (piece, font name) runs in the order they are drawn:
    right-to-left words turned and shaped, a character no font has as the placeholder (see
    :mod:`app.reports.shaping`). Plain ASCII (nearly all text) is one run, as it is."""
    if text.isascii():
        return [(text, font)]
    return list(_shaping.runs(text, font))


def needs_fallback(text: str) -> bool:
    """Whether ``text`` is more than one run in its own font, as typed."""
    if text.isascii():
        return False
    codes = _text_codes()
    return any(ord(c) not in codes for c in text)


_widths: dict[tuple[str, str, float], float] = {}


def string_width(text: str, font: str, size: float) -> float:
    """Width of ``text`` as it will be drawn: fallback runs, shaped runs and placeholders included.

    Remembered: a budget repeats the same amounts and words, and ReportLab measures
    TrueType text in pure Python."""
    key = (text, font, size)
    width = _widths.get(key)
    if width is None:
        if not needs_fallback(text):
            width = pdfmetrics.stringWidth(text, font, size)
        else:
            width = sum(pdfmetrics.stringWidth(piece, name, size) for piece, name in font_runs(text, font))
        if len(_widths) > 100_000:
            _widths.clear()
        _widths[key] = width
    return width


from app.reports import shaping as _shaping  # noqa: E402  (it builds on the names above)
