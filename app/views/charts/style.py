"""Colours, fonts and Dutch axes of the charts.

The palette is Okabe & Ito's colour-blind safe set, in an order whose neighbours also
differ in lightness, so a stack still reads in a grey-scale print; every bar has a
thin outline, and the legend names each colour. The action statuses keep the traffic
light's hues (app.views.traffic_light) with lightness steps apart: on a projector or
in grey the green (dark), red (middle), orange (light) and grey (lightest) stay apart.

Numbers on the axes are Dutch, with thousands separators and never an SI prefix or
scientific notation: ``1.200.000``, ``2,5``.
"""
from __future__ import annotations

from decimal import Decimal
from contextlib import contextmanager
from functools import lru_cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPen

from app.formatting import format_half_days, format_money, format_number
from app.models import ActionStatus
from app.views import theme
from app.views.charts.qtgraph import pg

# The colours are the theme's (app.views.theme): light beside light editors, dark in a dark
# palette, always light in an exported file (see ``for_paper``). They are read as module
# attributes (``style.INK``) when a chart draws, so a palette switch only needs a redraw.
# Okabe-Ito, ordered so neighbours differ in lightness too (grey values of the light set):
# blue 87, orange 162, bluish green 106, yellow 213, vermillion 119, sky blue 158,
# reddish purple 151, black 0 (a light grey on a dark background).
_THEMED = {
    "PALETTE": "chart_series",
    "INK": "chart_ink",  # text and axes
    "MUTED": "chart_muted",  # secondary text
    "OUTLINE": "chart_outline",  # bar outlines
    "BACKGROUND": "chart_background",
    "HIGHLIGHT": "chart_highlight",  # the bar under the mouse: a thick outline
    "WITHIN": "chart_within",  # dagdelen within capacity / availability (light)
    "WITHIN_EDGE": "chart_within_edge",
    "OVER": "chart_over",  # over capacity / over-allocated (apart from WITHIN in grey too)
    "MORE": "chart_more",  # a comparison: more than the other budget
    "LESS": "chart_less",  # ... and less (orange: light, apart from blue in grey)
    "BALANCE_ALERT": "chart_alert",  # a saldo that is not zero, as in the editors
    "SINGLE": "chart_single",  # bars of one series
    "LINE": "chart_line",  # the funding bar across a stack, the end of a limit box
    "LIMIT_FILL": "chart_limit_fill",
    "STATED": "chart_stated",  # the dagdelen a chapter text names: a grey tick
}


def __getattr__(name: str):
    """``style.INK`` and the other colours above: the current theme's."""
    if name in _THEMED:
        return getattr(theme.current(), _THEMED[name])
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def on_dark() -> bool:
    """Whether the charts are drawn on a dark background (never in an exported file)."""
    return theme.current().dark


# The traffic light, lightness-stepped (see the module's text); the same on dark and light.
STATUS_COLOURS = {
    ActionStatus.ACHIEVED: "#146B2A",  # grey 74
    ActionStatus.NOT_ACHIEVED: "#E8594A",  # grey 130
    ActionStatus.IN_PROGRESS: "#F2B33D",  # grey 184
    ActionStatus.UNKNOWN: "#D9DDE2",  # grey 221
}


@contextmanager
def for_paper():
    """Inside: the light colours and no screen zoom, whatever the window shows (an exported
    chart goes into a printed document, on white paper)."""
    before, _paper[0] = _paper[0], True
    try:
        with theme.forced(theme.LIGHT):
            yield
    finally:
        _paper[0] = before


def colour(index: int) -> QColor:
    """The palette's colour for the ``index``-th series; past the palette's end the colours
    come round again mixed with white, then with black, so no two neighbours look alike
    and none turns white."""
    palette = theme.current().chart_series
    base = QColor(palette[index % len(palette)])
    round_ = index // len(palette)
    if not round_:
        return base
    toward, share = ((255, 0.45) if round_ % 2 else (0, 0.35))
    share = min(share * (1 + (round_ - 1) // 2 * 0.3), 0.7)
    mixed = [round(c + (toward - c) * share) for c in (base.red(), base.green(), base.blue())]
    return QColor(*mixed)


def colour_name(index: int) -> str:
    return _colour_name(index, theme.current().chart_series)


@lru_cache(maxsize=512)
def _colour_name(index: int, _palette: tuple[str, ...]) -> str:
    return colour(index).name()


def grey_value(colour_: QColor | str) -> int:
    """The colour's grey level in a grey-scale print (0 black .. 255 white)."""
    c = QColor(colour_)
    return round(0.299 * c.red() + 0.587 * c.green() + 0.114 * c.blue())


def text_colour_on(fill: QColor | str) -> str:
    """Black or white text, whichever reads on ``fill``."""
    return "#000000" if grey_value(fill) > 140 else "#ffffff"


_line_scale = 1.0


@contextmanager
def lines_scaled(factor: float):
    """Pens made inside are ``factor`` times as wide: an export painted ``factor`` times larger
    than the chart was laid out keeps its lines as heavy as on screen (pens are cosmetic:
    their width is in device pixels, which the painter's scale does not touch)."""
    global _line_scale
    before, _line_scale = _line_scale, factor
    try:
        yield
    finally:
        _line_scale = before


def pen(colour_: str | None = None, width: float = 1.0, style=Qt.PenStyle.SolidLine) -> QPen:
    """A cosmetic pen; without a colour the bars' outline colour."""
    p = pg.mkPen(colour_ if colour_ is not None else theme.current().chart_outline,
                 width=width * _line_scale, style=style)
    p.setCosmetic(True)
    return p


# --- fonts -------------------------------------------------------------------------------------

BASE_POINTS = 10.0  # tick labels and value labels at scale 1
TITLE_POINTS = 13.0
PRESENTATION_SCALE = 1.4  # letters in presentation mode (F11), on top of the zoom
_paper = [False]  # inside ``for_paper``


def screen_factor() -> float:
    """What a chart on screen multiplies its own scale (1, or larger full screen) by: the
    window's zoom (View > Zoom) and presentation mode, so its letters grow with the rest."""
    if _paper[0]:
        return 1.0
    return theme.font_scale() * (PRESENTATION_SCALE if theme.presenting() else 1.0)


def font(scale: float = 1.0, points: float = BASE_POINTS, bold: bool = False) -> QFont:
    f = QFont()
    f.setPointSizeF(points * scale)
    f.setBold(bold)
    return f


# --- numbers as text ---------------------------------------------------------------------------


def decimal_of(value: float, places: int) -> Decimal:
    """A float from the plot (a tick position) as a Decimal with ``places`` decimals."""
    return Decimal(repr(round(float(value), places)))


def money_text(value: Decimal) -> str:
    """``€ 1.280.000`` in whole euros (cents only where the amount has any)."""
    return format_money(value)


def signed_money_text(value: Decimal) -> str:
    """``+ € 25.000`` / ``− € 25.000`` / ``€ 0``, for differences."""
    if value > 0:
        return "+ " + format_money(value)
    if value < 0:
        return "− " + format_money(-value)
    return format_money(value)


def half_days_text(value: Decimal) -> str:
    return format_half_days(value)


class DutchAxis(pg.AxisItem):
    """An axis with Dutch numbers: thousands separators, decimal comma, no SI prefix.

    ``integers``: only whole-number ticks (counts of actions)."""

    def __init__(self, orientation: str, integers: bool = False, **kwargs) -> None:
        super().__init__(orientation, **kwargs)
        self.integers = integers
        self.enableAutoSIPrefix(False)

    def tickSpacing(self, minVal, maxVal, size):  # noqa: N802 - pyqtgraph API
        levels = super().tickSpacing(minVal, maxVal, size)
        if self.integers:
            levels = [(spacing, offset) for spacing, offset in levels if spacing >= 1] or [(1.0, 0.0)]
        return levels

    def tickStrings(self, values, scale, spacing):  # noqa: N802 - pyqtgraph API
        places = 0 if spacing >= 1 or self.integers else (1 if spacing >= 0.1 else 2)
        texts = []
        for value in values:
            number = decimal_of(value * scale, places)
            if number == 0:
                number = abs(number)  # never "-0"
            texts.append(format_number(number, places))
        return texts


def style_axis(axis: pg.AxisItem, scale: float, label: str | None = None) -> None:
    axis.setZValue(-200)  # below the plot's ViewBox (-100): grid lines behind the bars, not across
    ink = theme.current().chart_ink
    axis.setPen(pen(ink, 1))
    axis.setTextPen(pen(ink, 1))
    axis.setStyle(tickFont=font(scale), tickTextOffset=max(3, round(5 * scale)),
                  tickLength=max(4, round(6 * scale)))
    if isinstance(axis, DutchAxis):
        # Ticks, labels and grid lines on the round numbers only: readable from afar.
        axis.setStyle(maxTickLevel=0, maxTextLevel=0)
    if label is not None:
        axis.setLabel(label, color=ink, **{"font-size": f"{BASE_POINTS * scale:.1f}pt"})
