"""Grafieken: chart images made by the caller, each under its title, scaled to the page.

Charts are drawn with Qt (app/views/charts), which this package must not import;
the caller renders them to PNG files and passes ``charts=[(title, path), …]`` to
``build_pdf``. The files are read here as bytes: nothing is ever fetched.
"""
from __future__ import annotations

import io

from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, KeepTogether, Paragraph

from app.reports import styles
from app.reports.context import ReportContext
from app.reports.document import PORTRAIT, Heading, start_section
from app.reports.text import escape

TITLE = "Grafieken"
MAX_HEIGHT_SHARE = 0.42  # two charts to a page
FRAME_HEIGHT = styles.PORTRAIT[1] - styles.MARGIN_TOP - styles.MARGIN_BOTTOM  # the charts are portrait


def orientation(ctx: ReportContext) -> str:
    return PORTRAIT


class ChartImage(Flowable):
    """An image scaled to the frame's width (or to a share of its height), aspect kept."""

    def __init__(self, data: bytes) -> None:
        super().__init__()
        self._reader = ImageReader(io.BytesIO(data))
        self._size = self._reader.getSize()

    def wrap(self, availWidth, availHeight):
        # The same size wherever it is measured: inside KeepTogether it has no frame yet.
        width, height = self._size
        scale = min(availWidth / width, FRAME_HEIGHT * MAX_HEIGHT_SHARE / height)
        self.width, self.height = width * scale, height * scale
        self.hAlign = "CENTER"
        return self.width, self.height

    def draw(self):
        self.canv.drawImage(self._reader, 0, 0, self.width, self.height, mask="auto")


def story(ctx: ReportContext, first: bool) -> list:
    flow = start_section(TITLE, orientation(ctx), first)
    flow.append(Heading(TITLE, styles.HEADING1, toc_level=0))
    if not ctx.charts:
        flow.append(Paragraph("Er zijn geen grafieken meegegeven.", styles.NOTICE))
        return flow
    for title, path in ctx.charts:
        try:
            image = ChartImage(path.read_bytes())
        except Exception:  # unreadable or not an image: say so on paper, print the rest
            flow.append(Heading(title, styles.HEADING2))
            flow.append(Paragraph(f"Deze grafiek kon niet worden gelezen ({escape(path.name)}).",
                                  styles.NOTICE))
            continue
        flow.append(KeepTogether([Heading(title, styles.HEADING2, outline_level=1), image]))
    return flow
