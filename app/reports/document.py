"""The annex document: pages, running header and footer, "Pagina x van y", notes, contents.

- A4 portrait and A4 landscape page templates; a section asks for the one it
  needs (:func:`start_section`).
- Header: the region's name and the plan's title. Footer: the plan's status
  ("Vastgesteld: BOJ 11-11-2021" or "Concept, afgedrukt op …"), the section,
  and "Pagina x van y". The total is a PDF form drawn on every page and
  filled in when the document is saved, so one pass is enough.
- Footnotes reserved by tables (:meth:`AnnexDocument.reserve_notes`) are
  printed at the foot of their page.
- Section headings feed the table of contents (two passes, only when there is
  one) and the PDF's bookmarks.
- Progress is reported and cancellation checked after every flowable.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reportlab.pdfbase.pdfdoc import PDFStream, PDFZCompress
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    TableStyle,
)
from reportlab.platypus.tableofcontents import TableOfContents

from app.reports import styles
from app.reports.draw import draw_runs
from app.reports.fonts import BOLD, REGULAR, string_width
from app.reports.notes import block_height, draw_block
from app.reports.shaping import describe
from app.reports.text import NAME_LIMIT, clean, escape, fit_line
from app.services.gc_pause import gc_paused

PAGES_FORM = "planbord-page-total"
PORTRAIT, LANDSCAPE = "portrait", "landscape"


class BuildCancelled(Exception):
    """The user cancelled the export; nothing was written."""


@dataclass
class PageDecor:
    region: str
    plan_title: str
    status: str  # "Vastgesteld: BOJ 11-11-2021" or "Concept, afgedrukt op 30-11-2025"


class _AnnexCanvas(Canvas):
    """A canvas that writes the page total into the form every footer refers to, and its pages
    compressed without ASCII85 on top (ReportLab's default): that encoding only makes a PDF
    seven-bit clean, a quarter larger, and is done in pure Python (writing the 470 pages of a
    20,000-line budget took 0.3 s with it, 0.1 s without)."""

    def showPage(self):
        super().showPage()
        page = self._doc.Pages.pages[-1]
        if page.compression and not page.Contents:
            contents = PDFStream(content=page.stream, filters=[PDFZCompress])
            contents.__Comment__ = "page stream"
            page.Contents = contents  # as PDFPage.check_format would make it, less the ASCII85

    def save(self):
        if len(self._code):
            self.showPage()
        pages = self.getPageNumber() - 1
        self.beginForm(PAGES_FORM)
        self.setFillColor(styles.MUTED)
        self.setFont(REGULAR, styles.SMALL_SIZE)
        self.drawString(0, 0, f" van {pages}")
        self.endForm()
        super().save()


class SectionStart(Flowable):
    """Zero-size marker: the pages from here on belong to ``title`` (footer)."""

    _ZEROSIZE = 1

    def __init__(self, title: str) -> None:
        super().__init__()
        self.title = title
        self.width = self.height = 0

    def wrap(self, availWidth, availHeight):
        return 0, 0

    def draw(self):
        doc = getattr(self.canv, "_doctemplate", None)
        if doc is not None:
            doc.section_title = self.title


class Heading(Paragraph):
    """A heading that is a bookmark, and an entry in the contents when ``toc_level`` is set."""

    _counter = 0

    def __init__(self, text: str, style, *, toc_level: int | None = None,
                 outline_level: int | None = None) -> None:
        self.plain = clean(text, NAME_LIMIT)
        super().__init__(escape(self.plain), style)
        Heading._counter += 1
        self.key = f"h{Heading._counter}"
        self.toc_level = toc_level
        self.outline_level = toc_level if outline_level is None else outline_level

    def draw(self):
        super().draw()
        if self.outline_level is not None:
            self.canv.bookmarkHorizontal(self.key, 0, self.height)
            self.canv.addOutlineEntry(self.plain, self.key, level=self.outline_level,
                                      closed=self.outline_level > 0)


class NeedRoom(CondPageBreak):
    """A new page, unless a heading and the start of what follows it fit on this one.

    Put before a heading and its table: the heading is never left alone at the foot of
    a page, and a small table (a third of a page or less) is never split (see
    ``GridTable.room_needed``)."""

    def __init__(self, *flowables: Flowable) -> None:
        super().__init__(0)
        self._flowables = flowables

    def wrap(self, availWidth, availHeight):
        frame = self._doctemplateAttr("frame")
        frame_height = frame._height if frame is not None else availHeight
        needed = 0.0
        for flowable in self._flowables:
            if hasattr(flowable, "room_needed"):
                needed += flowable.room_needed(availWidth, frame_height)
            else:
                needed += (flowable.wrap(availWidth, availHeight)[1] + flowable.getSpaceBefore()
                           + flowable.getSpaceAfter())
        self.height = min(needed, frame_height * 0.9)
        return super().wrap(availWidth, availHeight)


def with_room(*flowables: Flowable) -> list[Flowable]:
    """``flowables`` (a heading and what follows), kept together as :class:`NeedRoom` says."""
    return [NeedRoom(*flowables), *flowables]


def start_section(title: str, orientation: str, first: bool) -> list[Flowable]:
    """A section begins on a new page of its orientation (the first one on page 1)."""
    flowables: list[Flowable] = []
    if not first:
        flowables += [NextPageTemplate(orientation), PageBreak()]
    flowables.append(SectionStart(title))
    return flowables


def contents() -> TableOfContents:
    toc = TableOfContents(dotsMinLevel=0, tableStyle=TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("FONT", (0, 0), (-1, -1), REGULAR, 10),  # not ReportLab's Helvetica, which is not embedded
    ]))
    toc.levelStyles = [styles.TOC_LEVEL0, styles.TOC_LEVEL1]
    return toc


class AnnexDocument(BaseDocTemplate):
    def __init__(self, target, decor: PageDecor, *, first: str = PORTRAIT, title: str = "",
                 subject: str = "", author: str = "",
                 progress: Callable[[float], None] | None = None,
                 cancelled: Callable[[], bool] | None = None) -> None:
        super().__init__(target, pagesize=styles.PORTRAIT, leftMargin=styles.MARGIN_LEFT,
                         rightMargin=styles.MARGIN_RIGHT, topMargin=styles.MARGIN_TOP,
                         bottomMargin=styles.MARGIN_BOTTOM, title=title, author=author,
                         subject=subject, creator="Planbord", lang="nl-NL",
                         displayDocTitle=True, initialFontName=REGULAR)
        self.decor = decor
        self.section_title = ""
        self._progress = progress
        self._cancelled = cancelled
        self._page_notes: list = []
        self._done = 0
        self._total = 1
        self._pass = 0
        self._passes = 1
        templates = [self._template(PORTRAIT, styles.PORTRAIT), self._template(LANDSCAPE, styles.LANDSCAPE)]
        if first == LANDSCAPE:
            templates.reverse()
        self.addPageTemplates(templates)

    def _template(self, name: str, size) -> PageTemplate:
        width, height = size
        frame = Frame(self.leftMargin, self.bottomMargin, width - self.leftMargin - self.rightMargin,
                      height - self.topMargin - self.bottomMargin, leftPadding=0, rightPadding=0,
                      topPadding=0, bottomPadding=0, id=name)
        return PageTemplate(id=name, frames=[frame], pagesize=size, onPage=self._begin_page,
                            onPageEnd=self._end_page)

    # --- building -----------------------------------------------------------------------------

    def build_story(self, story: list[Flowable], *, with_contents: bool) -> int:
        """Lay out and write the story; returns the number of pages.

        The collector is paused meanwhile: laying out and drawing 20,000 rows makes hundreds of
        thousands of objects, none in a cycle, and each collection they set off walked all the
        annex holds (the sheet, the rows, their lines): at 10x, 40 % of the time."""
        self._total = max(1, sum(getattr(f, "weight", 1) for f in story))
        with gc_paused():
            if with_contents:
                self._passes = 2
                self.multiBuild(story, canvasmaker=_AnnexCanvas)
            else:
                self._passes = 1
                self.build(story, canvasmaker=_AnnexCanvas)
        return self.page

    def handle_documentBegin(self):
        self._pass += 1
        self._done = 0
        self.section_title = ""
        super().handle_documentBegin()

    def afterFlowable(self, flowable):
        if isinstance(flowable, Heading) and flowable.toc_level is not None:
            self.notify("TOCEntry", (flowable.toc_level, escape(flowable.plain), self.page,
                                     flowable.key))
        self._done += getattr(flowable, "weight", 1)
        if self._cancelled is not None and self._cancelled():
            raise BuildCancelled()
        if self._progress is not None:
            passes = max(self._passes, self._pass)
            fraction = ((self._pass - 1) + min(1.0, self._done / self._total)) / passes
            # Never backwards, also when an unexpected third pass is needed.
            self._reported = max(getattr(self, "_reported", 0.0), min(fraction, 0.99))
            self._progress(self._reported)

    # --- notes at the foot of the page ----------------------------------------------------------

    def beforePage(self):
        for template in self.pageTemplates:
            for frame in template.frames:
                frame._geom()  # undo the room reserved for notes on the previous page
                frame._planbord_bottom = frame._y1p
                frame._planbord_notes = 0.0
        self._page_notes = []

    def reserve_notes(self, notes, frame, width: float) -> None:
        """Keep room at the foot of this page for ``notes`` (a table row refers to them)."""
        frame = frame or self.frame
        height = block_height(notes, width, with_separator=not self._page_notes)
        self._page_notes.extend(notes)
        frame._y1p += height
        frame._planbord_notes = getattr(frame, "_planbord_notes", 0.0) + height
        self._notes_frame = frame

    # --- header and footer ----------------------------------------------------------------------

    def _begin_page(self, canvas, doc) -> None:
        width, height = canvas._pagesize
        left, right = self.leftMargin, width - self.rightMargin
        y = height - 12 * 2.835
        canvas.saveState()
        canvas.setFillColor(styles.ACCENT)
        region_width = draw_runs(canvas, left, y, _fit(self.decor.region, BOLD, 8.5, (right - left) / 2),
                                 BOLD, 8.5)
        title = _fit(self.decor.plan_title, REGULAR, 8.5, right - left - region_width - 20)
        canvas.setFillColor(styles.MUTED)
        draw_runs(canvas, right - string_width(title, REGULAR, 8.5), y, title, REGULAR, 8.5)
        canvas.setStrokeColor(styles.ACCENT)
        canvas.setLineWidth(0.6)
        canvas.line(left, y - 5, right, y - 5)
        canvas.restoreState()

    def _end_page(self, canvas, doc) -> None:
        width, _height = canvas._pagesize
        left, right = self.leftMargin, width - self.rightMargin
        if self._page_notes:
            frame = getattr(self, "_notes_frame", None) or self.frame
            top = frame._planbord_bottom + frame._planbord_notes
            draw_block(canvas, self._page_notes, frame._x1, top, frame._width)
        y = 11 * 2.835
        size = styles.SMALL_SIZE
        canvas.saveState()
        canvas.setStrokeColor(styles.RULE)
        canvas.setLineWidth(0.4)
        canvas.line(left, y + 10, right, y + 10)
        canvas.setFillColor(styles.MUTED)
        draw_runs(canvas, left, y, self.decor.status, REGULAR, size)
        if self.section_title:
            section = _fit(self.section_title, REGULAR, size, (right - left) / 3)
            draw_runs(canvas, (left + right - string_width(section, REGULAR, size)) / 2, y, section,
                      REGULAR, size)
        # "Pagina x" ends where the form with " van y" begins (room for two digits).
        form_x = right - string_width(" van 00", REGULAR, size)
        canvas.setFont(REGULAR, size)
        canvas.drawRightString(form_x, y, f"Pagina {canvas.getPageNumber()}")
        canvas.translate(form_x, y)
        canvas.doForm(PAGES_FORM)
        canvas.restoreState()


def _fit(text: str, font: str, size: float, width: float) -> str:
    """``text`` shortened with an ellipsis to fit ``width``."""
    return fit_line(text, font, size, width)


MISSING_SHOWN = 40  # clusters named in the closing note; the rest are counted


class MissingCharacters(Flowable):
    """The closing note of an annex that printed a placeholder: which characters □ stands for.

    Its text is made when it is laid out, the last flowable of the story, from the clusters
    recorded while the pages before it were made (``found``, from
    :func:`app.reports.shaping.recording`); with none it takes no room."""

    def __init__(self, found: set[str]) -> None:
        super().__init__()
        self.found = found
        self._paragraph: Paragraph | None = None

    def _make(self) -> Paragraph | None:
        if not self.found:
            return None
        shown = sorted(self.found)
        named = "; ".join(f"{cluster} ({describe(cluster)})" for cluster in shown[:MISSING_SHOWN])
        more = len(shown) - MISSING_SHOWN
        if more > 0:
            named += f"; en {more} andere"
        return Paragraph(escape(
            "□ staat in deze bijlage voor een teken dat geen van de ingebedde lettertypen heeft; in "
            "de tekst van de PDF (kopiëren, zoeken) staat het teken zoals het is getypt: " + named + "."),
            styles.SMALL)

    def wrap(self, availWidth, availHeight):
        self._paragraph = self._make()
        if self._paragraph is None:
            self.width = self.height = 0
            return 0, 0
        self.width, self.height = self._paragraph.wrap(availWidth, availHeight)
        self.height += styles.SMALL.spaceBefore + 8
        return self.width, self.height

    def split(self, availWidth, availHeight):
        paragraph = self._make()
        return paragraph.split(availWidth, availHeight) if paragraph is not None else []

    def draw(self):
        if self._paragraph is not None:
            self._paragraph.drawOn(self.canv, 0, 0)
