"""A line of user text as it is drawn: in the right fonts, the right order, shaped, nothing missing.

:func:`runs` turns one line, as typed (logical order), into (piece, font) runs
in the order they are drawn, left to right:

1. **Clusters.** The line is cut into clusters: a character with the marks,
   variation selectors, skin tones, tags and U+200D-joined characters that go
   with it, and a pair of regional indicators (a flag). A cluster is set in
   the first font of the chain (text font, fallback, emoji font; see
   :mod:`app.reports.fonts`) that has all of it.
2. **Nothing missing.** A cluster no font has is drawn as one placeholder,
   □, under a private code whose text is the cluster as typed: copying or
   searching the PDF finds "👍🏽", the page shows one □ instead of two empty
   boxes, and the cluster is recorded (:func:`recording`) so the annex lists it
   (:class:`app.reports.document.MissingCharacters`).
3. **Order.** A line with a right-to-left letter gets the levels of the
   Unicode Bidirectional Algorithm (:mod:`app.reports.bidi`); its runs are
   put in visual order.
4. **Shaping.** A right-to-left run, and any run of a script whose letters
   change shape (Arabic joins its letters: initial, medial, final forms; lam
   and alef make one glyph), is shaped with HarfBuzz (``uharfbuzz``), in the
   font that draws it. The glyphs come out in visual order; a glyph that is not
   a character's own (a joined form, a ligature) is drawn under a private code
   whose text is the characters it stands for, so the text layer keeps the
   letters as typed, in logical order for any reader that orders right-to-left
   text (pypdf does). Without uharfbuzz the order is still right, but Arabic
   letters stand unjoined (their isolated forms).

Everything is remembered per (line, font), as the widths are: a budget repeats
its names on every page.
"""
from __future__ import annotations

import contextlib
import contextvars
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

from reportlab.pdfbase import pdfmetrics

from app.reports import bidi, fonts

try:  # a dependency (pyproject.toml); the order of right-to-left text does not need it
    import uharfbuzz as hb
except ImportError:  # pragma: no cover - a platform without a wheel
    hb = None

PLACEHOLDER = "\u25a1"  # □ WHITE SQUARE
ZWJ = 0x200D

# Scripts whose letters HarfBuzz must shape (joining, reordering, ligatures): Hebrew to N'Ko,
# the Indic scripts, Thai and Lao, Myanmar, Khmer, and the Arabic and Hebrew presentation forms.
_COMPLEX = ((0x0590, 0x08FF), (0x0900, 0x0DFF), (0x0E00, 0x0EFF), (0x1000, 0x109F),
            (0x1780, 0x17FF), (0xFB1D, 0xFDFF), (0xFE70, 0xFEFF))

_recorder: contextvars.ContextVar[set[str] | None] = contextvars.ContextVar("planbord_missing",
                                                                            default=None)


def record_missing() -> set[str]:
    """From now on (in this thread or task), collect in the set returned every cluster drawn as the
    placeholder; until the next call. ``build_pdf`` calls it once per annex."""
    found: set[str] = set()
    _recorder.set(found)
    return found


@contextlib.contextmanager
def recording() -> Iterator[set[str]]:
    """Collect, in the set it yields, every cluster drawn as the placeholder while it is open."""
    found: set[str] = set()
    token = _recorder.set(found)
    try:
        yield found
    finally:
        _recorder.reset(token)


def _attaches(code: int, previous: int | None) -> bool:
    """Whether character ``code`` belongs to the cluster of the character before it."""
    if previous is None:
        return False
    if previous == ZWJ:  # 👨‍👩: what a joiner joins goes with it
        return True
    if (code == ZWJ or 0xFE00 <= code <= 0xFE0F or 0x1F3FB <= code <= 0x1F3FF or 0xE0020 <= code <= 0xE007F
            or 0xE0100 <= code <= 0xE01EF):
        return True
    return unicodedata.category(chr(code)) in ("Mn", "Me")


def _flag_half(cluster: str) -> bool:
    return len(cluster) == 1 and 0x1F1E6 <= ord(cluster) <= 0x1F1FF


def clusters(text: str) -> list[str]:
    """``text`` cut into the clusters a reader sees as one character (see the module note)."""
    result: list[str] = []
    previous = None
    for char in text:
        code = ord(char)
        if result and (_attaches(code, previous) or 0x1F1E6 <= code <= 0x1F1FF and _flag_half(result[-1])):
            result[-1] += char
        else:
            result.append(char)
        previous = code
    return result


def _ignorable(code: int) -> bool:
    """Characters with nothing to draw: a joiner, a variation selector, a tag."""
    return (code in (ZWJ, 0x200C) or 0xFE00 <= code <= 0xFE0F or 0xE0020 <= code <= 0xE007F
            or 0xE0100 <= code <= 0xE01EF)


def _font_of(cluster: str, font: str) -> tuple[str | None, bool]:
    """The font that draws all of ``cluster`` (its ignorable characters may be left out), and
    whether it leaves some out; (None, False) when no font does."""
    names = [font] + [name for name, _codes in fonts.chain()]
    codes = [ord(c) for c in cluster]
    for name in names:
        face = pdfmetrics.getFont(name).face.charToGlyph
        if all(c in face or c < 32 for c in codes):
            return name, False
    for name in names:
        face = pdfmetrics.getFont(name).face.charToGlyph
        if codes[0] in face and all(c in face or _ignorable(c) for c in codes[1:]):
            return name, True
    return None, False


def _complex(text: str) -> bool:
    return any(start <= ord(c) <= end for c in text if c >= "\u0590" for start, end in _COMPLEX)


def _placeholder_font(font: str) -> str:
    """The font the placeholder is drawn in: the first of the chain that has □; else ``font``
    itself, whose empty box (glyph 0) then stands in."""
    for name in [font] + [name for name, _codes in fonts.chain()]:
        if ord(PLACEHOLDER) in pdfmetrics.getFont(name).face.charToGlyph:
            return name
    return font


def _placeholder(cluster: str, font: str) -> tuple[str, str]:
    name = _placeholder_font(font)
    face = pdfmetrics.getFont(name).face
    glyph = face.charToGlyph.get(ord(PLACEHOLDER), 0)
    width = face.charWidths.get(ord(PLACEHOLDER), face.defaultWidth)
    return fonts.private_code(name, glyph, cluster, width), name


def _cluster_code(cluster: str, font: str) -> str:
    """A cluster whose ignorable characters its font lacks: the first character's glyph, under a
    private code whose text is the whole cluster."""
    face = pdfmetrics.getFont(font).face
    code = ord(cluster[0])
    return fonts.private_code(font, face.charToGlyph[code], cluster, face.charWidths.get(code, 0))


@lru_cache(maxsize=8)
def _hb_font(font: str, generation: int):  # generation: see _generation
    data = pdfmetrics.getFont(font).face._ttf_data
    return hb.Font(hb.Face(hb.Blob(data)))


def _shape(text: str, font: str, rtl: bool) -> str:
    """``text`` (one run, one font) shaped by HarfBuzz: its glyphs in visual order, each as the
    character it draws or as a private code standing for the characters it was made from."""
    face = pdfmetrics.getFont(font).face
    shaper = _hb_font(font, fonts.generation)
    upem = shaper.face.upem
    buffer = hb.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    buffer.direction = "rtl" if rtl else "ltr"
    buffer.cluster_level = hb.BufferClusterLevel.MONOTONE_CHARACTERS
    hb.shape(shaper, buffer, {"kern": False})
    infos = buffer.glyph_infos
    positions = buffer.glyph_positions
    starts = sorted({info.cluster for info in infos})
    ends = dict(zip(starts, starts[1:] + [len(text)]))
    given: set[int] = set()
    order = range(len(infos) - 1, -1, -1) if rtl else range(len(infos))  # logical order
    pieces: dict[int, str] = {}
    for index in order:
        info = infos[index]
        start = info.cluster
        if start in given:
            chars = "\u200b"  # a second glyph of one character: nothing more to copy
        else:
            given.add(start)
            chars = text[start:ends[start]]
        glyph = info.codepoint
        width = positions[index].x_advance * 1000 / upem
        if len(chars) == 1 and face.charToGlyph.get(ord(chars)) == glyph and \
                abs(face.charWidths.get(ord(chars), -1) - width) < 0.5:
            pieces[index] = chars
        else:
            pieces[index] = fonts.private_code(font, glyph, chars, width)
    return "".join(pieces[index] for index in range(len(infos)))  # visual order


def _turn(text: str) -> str:
    """A right-to-left run without a shaper: its characters reversed, brackets mirrored."""
    return bidi.mirror("".join(reversed(clusters(text))))


_WEAK = {"WS", "ON", "CS", "ES", "ET", "EN", "AN", "NSM", "BN"}


def _passage_fonts(cells: list, font: str) -> list:
    """Spaces, digits and punctuation inside a right-to-left passage (odd level) set in the font
    of the letters around them, when it has them: one run, shaped as a whole, and one text
    operation, which a PDF reader puts back in logical order."""
    result = list(cells)
    current = None  # the font of the last right-to-left letter in this passage
    for index, (cluster, name, partial, level) in enumerate(result):
        if level % 2 == 0:
            current = None
            continue
        if unicodedata.bidirectional(cluster[0]) not in _WEAK:
            current = name if name != font else None
            continue
        if current is None:  # before the first letter: the font of the next one
            following = next((c for c in result[index + 1:] if c[3] % 2 == 1
                              and unicodedata.bidirectional(c[0][0]) not in _WEAK), None)
            candidate = following[1] if following is not None and following[1] != font else None
        else:
            candidate = current
        if name == font and candidate is not None and not partial:
            face = pdfmetrics.getFont(candidate).face.charToGlyph
            if all(ord(c) in face for c in cluster):
                result[index] = (cluster, candidate, False, level)
    return result


@lru_cache(maxsize=20_000)
def _layout(text: str, font: str, generation: int) -> tuple[tuple[tuple[str, str], ...], tuple[str, ...]]:
    parts = clusters(text)
    rtl = bidi.has_rtl(text)
    char_levels = bidi.levels(text) if rtl else None
    # (text, font, level, kind): kind "text" to draw as it is or shaped, "code" already drawn.
    items: list[list] = []
    missing: list[str] = []
    cells: list[tuple[str, str | None, bool, int]] = []
    offset = 0
    for cluster in parts:
        level = char_levels[offset] if char_levels else 0
        offset += len(cluster)
        name, partial = _font_of(cluster, font)
        cells.append((cluster, name, partial, level))
    if rtl:
        cells = _passage_fonts(cells, font)
    for cluster, name, partial, level in cells:
        if name is None:
            piece, name = _placeholder(cluster, font)
            missing.append(cluster)
            kind = "code"
        elif partial and name == font:  # a letter with a selector the text font lacks: the letter
            face = pdfmetrics.getFont(name).face.charToGlyph
            piece, kind = "".join(c for c in cluster if ord(c) in face), "text"
        elif partial:
            piece, kind = _cluster_code(cluster, name), "code"
        else:
            piece, kind = cluster, "text"
        if items and items[-1][1] == name and items[-1][2] == level and items[-1][3] == kind:
            items[-1][0].append(piece)
        else:
            items.append([[piece], name, level, kind])
    drawn = []
    for pieces, name, level, kind in items:
        odd = level % 2 == 1
        if kind == "code":
            piece = "".join(reversed(pieces) if odd else pieces)
        else:
            joined = "".join(pieces)
            # Shaped: runs of the fallback and emoji fonts (one face each) that need it; the text
            # font's (Latin, spaces, punctuation) are only turned, so that what is measured in
            # one of its four faces draws the same in the others.
            if hb is not None and name != font and (odd or _complex(joined) or chr(ZWJ) in joined):
                piece = _shape(joined, name, odd)
            else:
                piece = _turn(joined) if odd else joined
        drawn.append((piece, name))
    ordered = bidi.visual_order(drawn, [item[2] for item in items]) if rtl else drawn
    merged: list[tuple[str, str]] = []
    for piece, name in ordered:
        if merged and merged[-1][1] == name:
            merged[-1] = (merged[-1][0] + piece, name)
        elif piece:
            merged.append((piece, name))
    return tuple(merged), tuple(missing)


def _generation(font: str) -> int:
    """What the remembered layouts depend on: the fonts as now registered (tests register anew)."""
    fonts.register_fonts()
    fonts._fallback_font()
    fonts._emoji_font()
    return fonts.generation


def runs(text: str, font: str) -> tuple[tuple[str, str], ...]:
    """``text`` (one line, logical order) as (piece, font) runs in drawing order (module note)."""
    result, missing = _layout(text, font, _generation(font))
    if missing:
        found = _recorder.get()
        if found is not None:
            found.update(missing)
    return result


def passages(text: str) -> list[tuple[str, bool]]:
    """``text`` (one line) cut into (piece, right to left) in logical order, as a left-to-right
    line holds it: the right-to-left passages (with the numbers and spaces inside them) and the
    rest. Running text keeps each passage together (see app.reports.text.escape)."""
    if not bidi.has_rtl(text):
        return [(text, False)]
    pieces: list[tuple[str, bool]] = []
    for char, level in zip(text, bidi.levels(text, 0)):
        inside = level > 0
        if pieces and pieces[-1][1] == inside:
            pieces[-1] = (pieces[-1][0] + char, inside)
        else:
            pieces.append((char, inside))
    return pieces


def describe(cluster: str) -> str:
    """A cluster as the annex names it: its code points and, for one character, its name."""
    codes = " ".join(f"U+{ord(c):04X}" for c in cluster)
    if len(cluster) == 1:
        name = unicodedata.name(cluster, "")
        return f"{codes} {name.lower()}" if name else codes
    return codes
