"""Drawing text on the canvas with the fallback font where the text font lacks a glyph.

``draw_runs`` draws one string (headers, footers, notes); ``TextWriter`` the many strings of a
table page, written as PDF text operators without ReportLab's text object in between.
"""
from __future__ import annotations

from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth

from app.reports.fonts import font_runs, needs_fallback


def draw_runs(canvas, x: float, y: float, text: str, font: str, size: float) -> float:
    """Draw ``text`` at (x, y); returns its width."""
    if not text:
        return 0.0
    if not needs_fallback(text):
        canvas.setFont(font, size)
        canvas.drawString(x, y, text)
        return stringWidth(text, font, size)
    start = x
    for piece, name in font_runs(text, font):
        canvas.setFont(name, size)
        canvas.drawString(x, y, piece)
        x += stringWidth(piece, name, size)
    return x - start


# A printable ASCII string as a PDF string: only these three need a backslash.
_ESCAPE_ASCII = str.maketrans({"\\": "\\\\", "(": "\\(", ")": "\\)"})
_PRINTABLE_ASCII = range(32, 127)


class _Encoder:
    """How one TrueType font writes text in one document: (subset name, PDF string) pieces.

    What ReportLab's text object does for each string (``splitString``, ``escapePDF``), done
    once per distinct string; printable ASCII, which ReportLab keeps readable under its own
    codes in the first subset (``ttfAsciiReadable``), is written as it is without looking up
    each character."""

    def __init__(self, font_name: str, doc) -> None:
        self.font = getFont(font_name)
        if not getattr(self.font, "_dynamicFont", False):
            raise TypeError(f"{font_name} is not a TrueType font; the annexes embed only those")
        self.doc = doc
        self.font.splitString(" ", doc)  # the font's subsets in this document, made now
        state = self.font.state[doc]
        self.ascii_as_is = all(state.assignments.get(code) == code for code in _PRINTABLE_ASCII)
        self.first = self.font.getSubsetInternalName(0, doc)
        self._names: dict[int, str] = {0: self.first}
        self._seen: dict[str, list[tuple[str, str]]] = {}

    def pieces(self, text: str) -> list[tuple[str, str]]:
        if self.ascii_as_is and text.isascii() and text.isprintable():
            return [(self.first, text.translate(_ESCAPE_ASCII))]
        found = self._seen.get(text)
        if found is None:
            found = self._seen[text] = [(self._name(subset), escapePDF(encoded))
                                        for subset, encoded in self.font.splitString(text, self.doc)]
        return found

    def _name(self, subset: int) -> str:
        name = self._names.get(subset)
        if name is None:
            name = self._names[subset] = self.font.getSubsetInternalName(subset, self.doc)
        return name


def _encoder(canvas, font_name: str) -> _Encoder:
    """The document's encoder of ``font_name``, kept on its canvas."""
    encoders = canvas.__dict__.setdefault("_planbord_encoders", {})
    encoder = encoders.get(font_name)
    if encoder is None:
        encoder = encoders[font_name] = _Encoder(font_name, canvas._doc)
    return encoder


class TextWriter:
    """Many short strings in one PDF text object: what a table page is made of.

    The operators are written here, as ReportLab's text object would write them (a text
    matrix, the font subset and size, the string): its ``textOut`` formats every coordinate
    and encodes every string in pure Python, which for a budget of 20,000 lines was most of
    the time the annex took. Only TrueType fonts (the annex's embedded ones) are written this
    way.
    """

    def __init__(self, canvas) -> None:
        self._canvas = canvas
        self._ops: list[str] = ["BT"]
        self._font: tuple[str, float] | None = None  # (subset name, size) in the stream
        self._color = None
        self._colors: dict[int, tuple[object, str]] = {}  # id -> (colour, its operator)
        self._rise = 0.0
        self._encoders: dict[str, _Encoder] = {}

    def color(self, color) -> None:
        if color is not self._color:
            known = self._colors.get(id(color))
            if known is None or known[0] is not color:
                known = self._colors[id(color)] = (color, _fill_operator(self._canvas, color))
            self._ops.append(known[1])
            self._color = color

    def put(self, x: float, y: float, text: str, font: str, size: float, rise: float = 0.0) -> None:
        if not text:
            return
        if rise != self._rise:
            self._ops.append(f"{fp_str(rise)} Ts")
            self._rise = rise
        encoder = self._encoder_of(font)
        if encoder.ascii_as_is and text.isascii() and text.isprintable():
            # Nearly every cell: one font, no subset to look up, as it is but for ( ) and \.
            if self._font != (encoder.first, size):
                self._ops.append(f"{encoder.first} {fp_str(size)} Tf")
                self._font = (encoder.first, size)
            self._ops.append("1 0 0 1 %.4f %.4f Tm (%s) Tj" % (x, y, text.translate(_ESCAPE_ASCII)))
            return
        if not needs_fallback(text):
            self._show(x, y, text, encoder, size)
            return
        for piece, name in font_runs(text, font):
            self._show(x, y, piece, self._encoder_of(name), size)
            x += stringWidth(piece, name, size)

    def _encoder_of(self, font: str) -> _Encoder:
        encoder = self._encoders.get(font)
        if encoder is None:
            encoder = self._encoders[font] = _encoder(self._canvas, font)
        return encoder

    def _show(self, x: float, y: float, text: str, encoder: _Encoder, size: float) -> None:
        ops = self._ops
        ops.append("1 0 0 1 %.4f %.4f Tm" % (x, y))
        for name, string in encoder.pieces(text):
            if self._font != (name, size):
                ops.append(f"{name} {fp_str(size)} Tf")
                self._font = (name, size)
            ops.append(f"({string}) Tj")

    def draw(self, canvas) -> None:
        self._ops.append("ET")
        canvas.addLiteral(" ".join(self._ops))
        self._ops = ["BT"]
        self._font = self._color = None
        self._rise = 0.0


def _fill_operator(canvas, color) -> str:
    """The operator that sets ``color`` as the fill colour, as ReportLab writes it."""
    scratch = canvas.beginText()
    before = len(scratch._code)
    scratch.setFillColor(color)
    return " ".join(scratch._code[before:])
