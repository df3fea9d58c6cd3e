"""Sizes, colours and paragraph styles of the annexes: sober, black on white, one typeface."""
from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from app.reports.fonts import BOLD, ITALIC, REGULAR

PORTRAIT = A4
LANDSCAPE = landscape(A4)

MARGIN_LEFT = 20 * mm
MARGIN_RIGHT = 18 * mm
MARGIN_TOP = 22 * mm  # room for the running header
MARGIN_BOTTOM = 20 * mm  # room for the footer

BODY_SIZE = 9.5
BODY_LEADING = 13
TABLE_SIZE = 8.5
TABLE_LEADING = 10.5
SMALL_SIZE = 7.5
NOTE_SIZE = 7
NOTE_LEADING = 8.6

INK = colors.black
MUTED = colors.Color(0.35, 0.35, 0.35)
ACCENT = colors.Color(0.09, 0.23, 0.40)  # dark blue of headings and rules
BAND = colors.Color(0.90, 0.92, 0.95)  # background of a top-level group heading
SUBTLE = colors.Color(0.96, 0.965, 0.975)  # background of subtotal rows
RULE = colors.Color(0.55, 0.58, 0.62)

# Traffic light of an action status (app.services.progress.TRAFFIC_LIGHT names them).
LIGHTS = {
    "green": colors.Color(0.16, 0.55, 0.25),
    "orange": colors.Color(0.93, 0.56, 0.10),
    "red": colors.Color(0.80, 0.15, 0.15),
    "grey": colors.Color(0.62, 0.62, 0.62),
}


def _style(name: str, **kw) -> ParagraphStyle:
    base = dict(fontName=REGULAR, fontSize=BODY_SIZE, leading=BODY_LEADING, textColor=INK,
                alignment=TA_LEFT, bulletFontName=REGULAR)  # never a font that is not embedded
    base.update(kw)
    return ParagraphStyle(name, **base)


TITLE = _style("AnnexTitle", fontName=BOLD, fontSize=20, leading=25, textColor=ACCENT, spaceAfter=6)
SUBTITLE = _style("AnnexSubtitle", fontSize=11, leading=15, textColor=MUTED, spaceAfter=18)
HEADING1 = _style("AnnexHeading1", fontName=BOLD, fontSize=15, leading=19, textColor=ACCENT,
                  spaceAfter=8)
HEADING2 = _style("AnnexHeading2", fontName=BOLD, fontSize=11.5, leading=15, textColor=ACCENT,
                  spaceBefore=12, spaceAfter=5)
HEADING3 = _style("AnnexHeading3", fontName=BOLD, fontSize=10, leading=13, spaceBefore=8,
                  spaceAfter=3)
BODY = _style("AnnexBody", spaceAfter=6)
SMALL = _style("AnnexSmall", fontSize=SMALL_SIZE + 0.5, leading=10.5, textColor=MUTED, spaceAfter=4)
BULLET = _style("AnnexBullet", leftIndent=12, bulletIndent=2, spaceAfter=2)
NOTICE = _style("AnnexNotice", fontName=ITALIC, textColor=MUTED, spaceAfter=6)
TOC_LEVEL0 = _style("AnnexToc0", fontSize=10.5, leading=16, leftIndent=0, firstLineIndent=0)
TOC_LEVEL1 = _style("AnnexToc1", fontSize=9, leading=12, leftIndent=14, firstLineIndent=0,
                    textColor=MUTED)
