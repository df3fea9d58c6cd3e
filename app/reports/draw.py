"""Drawing text on the canvas with the fallback font where the text font lacks a glyph."""
from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth

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


class TextWriter:
    """Many short strings in one PDF text object: what a table page is made of.

    Cheaper than ``drawString`` per cell, which opens a text object each time.
    """

    def __init__(self, canvas) -> None:
        self._text = canvas.beginText()
        self._font: tuple[str, float] | None = None
        self._color = None
        self._rise = 0.0

    def _set_font(self, font: str, size: float) -> None:
        if self._font != (font, size):
            self._text.setFont(font, size)
            self._font = (font, size)

    def color(self, color) -> None:
        if color is not self._color:
            self._text.setFillColor(color)
            self._color = color

    def put(self, x: float, y: float, text: str, font: str, size: float, rise: float = 0.0) -> None:
        if not text:
            return
        if rise != self._rise:
            self._text.setRise(rise)
            self._rise = rise
        if not needs_fallback(text):
            self._set_font(font, size)
            self._text.setTextOrigin(x, y)
            self._text.textOut(text)
            return
        for piece, name in font_runs(text, font):
            self._set_font(name, size)
            self._text.setTextOrigin(x, y)
            self._text.textOut(piece)
            x += stringWidth(piece, name, size)

    def draw(self, canvas) -> None:
        canvas.drawText(self._text)
