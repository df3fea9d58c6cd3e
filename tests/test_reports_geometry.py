"""Where things stand on the printed annexes: positions, fonts and rules read back from the PDF.

The other report tests read the text of the pages; these read where each piece of text
stands (its start, end and baseline), in which font and size, and where the coloured
bands and the rules are, and hold them against the page as designed:

- A4 portrait (210 x 297 mm) or landscape, margins 20 mm left, 18 mm right, 22 mm top
  (room for the running header, whose baseline is 12 mm below the top edge) and 20 mm
  at the bottom (room for the footer, whose baseline is 11 mm above the bottom edge);
- the tables: text of 8.5 pt on a leading of 10.5 pt, cells padded 4 pt left and right
  and 2.4 pt above and below, the capitals of a line centred in its leading (cap height
  0.72 of the size), an indent step of 10 pt, a traffic-light dot with its space 9 pt,
  note marks 5.6 pt raised 3.4 pt; a column that fits its text is its widest text plus
  the padding (a year column at least 60 pt).

The numbers below are worked out from those design figures, never copied from a PDF the
code made. The PDF is read with pypdf's content-stream parser and a small interpreter
(:func:`read_pdf`): each text run with its position, font and colour; each filled
rectangle (a row's band); each stroked line (a rule); each filled curve (a dot).
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from pypdf.generic import ContentStream
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import PageBreak, Paragraph, Spacer

from app.reports import build_pdf, styles
from app.reports.document import (
    LANDSCAPE,
    PORTRAIT,
    AnnexDocument,
    Heading,
    PageDecor,
    SectionStart,
    start_section,
    with_room,
)
from app.reports.fonts import BOLD, BOLD_ITALIC, REGULAR, register_fonts
from app.reports.notes import Note
from app.reports.table import CENTER, RIGHT, Cell, Column, GridTable, Row
from app.reports.text import wrap_lines
from app.services.budget_sheet import RowKind, load_sheet
from app.services.plans import find_plan
from app.services.workspace import open_workspace

# --- the page as designed ---------------------------------------------------------------------

MM = 72 / 25.4
A4_SHORT, A4_LONG = 210 * MM, 297 * MM
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 20 * MM, 18 * MM, 22 * MM, 20 * MM
HEADER_BELOW_TOP = 12 * MM  # baseline of the running header, from the top edge
FOOTER_BASELINE = 11 * MM  # baseline of the footer, from the bottom edge
HEADER_SIZE, FOOTER_SIZE = 8.5, 7.5

FRAME_LEFT = MARGIN_LEFT
FRAME_RIGHT = A4_SHORT - MARGIN_RIGHT  # portrait
FRAME_WIDTH = FRAME_RIGHT - FRAME_LEFT
FRAME_TOP = A4_LONG - MARGIN_TOP  # portrait
FRAME_BOTTOM = MARGIN_BOTTOM
FRAME_HEIGHT = FRAME_TOP - FRAME_BOTTOM

# --- the tables as designed ---------------------------------------------------------------------

SIZE, LEADING = 8.5, 10.5
PAD_H, PAD_V, INDENT = 4.0, 2.4, 10.0
CAP = 0.72 * SIZE
ROW = LEADING + 2 * PAD_V  # a one-line row
FIRST_BASELINE = PAD_V + (LEADING + CAP) / 2  # below a row's top: capitals centred in the leading
LIGHT_SPACE = 9.0
NOTE_MARK_SIZE, NOTE_MARK_RISE = 5.6, 3.4
YEAR_WIDTH = 60.0
NOTE_SIZE, NOTE_LEADING, NOTE_GAP, NOTE_SEPARATOR, NOTE_NUMBER_WIDTH = 7.0, 8.6, 1.2, 9.0, 12.0

TOLERANCE = 0.01  # the PDF stores coordinates to about 1/10,000 pt; the code rounds mm to 2.835


def near(a: float, b: float, tol: float = TOLERANCE) -> bool:
    return abs(a - b) <= tol


# --- reading the PDF back ---------------------------------------------------------------------

@dataclass(frozen=True)
class Run:
    """A piece of text as drawn: ``x`` .. ``end`` along the baseline ``y`` (raised by any rise)."""
    text: str
    x: float
    y: float
    end: float
    font: str  # Regular, Bold, Italic, BoldItalic, or the fallback font's name
    size: float
    color: tuple
    seq: int  # drawing order on the page

    @property
    def width(self) -> float:
        return self.end - self.x


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    color: tuple
    seq: int
    outlined: bool = False

    @property
    def top(self) -> float:
        return self.y + self.h


@dataclass(frozen=True)
class Rule:
    x0: float
    y0: float
    x1: float
    y1: float
    width: float
    color: tuple
    seq: int


@dataclass(frozen=True)
class Blob:
    """A filled curved shape (a traffic-light dot): its bounding box."""
    x0: float
    y0: float
    x1: float
    y1: float
    color: tuple
    seq: int
    outlined: bool = False


@dataclass
class PdfPage:
    width: float
    height: float
    runs: list = field(default_factory=list)
    fonts: list = field(default_factory=list)  # (name, embedded TrueType?) of every font on the page
    rects: list = field(default_factory=list)
    rules: list = field(default_factory=list)
    blobs: list = field(default_factory=list)
    images: list = field(default_factory=list)  # Rect of each image drawn (its colour: None)

    def find(self, text: str) -> list[Run]:
        return [r for r in self.runs if r.text == text]

    def one(self, text: str) -> Run:
        found = self.find(text)
        assert len(found) == 1, (text, found)
        return found[0]

    def texts(self) -> list[str]:
        return [r.text for r in self.runs]

    def body(self) -> list[Run]:
        """The runs between the running header and the footer."""
        return [r for r in self.runs if MARGIN_BOTTOM - 1 < r.y < self.height - MARGIN_TOP + 1]

    def table_runs(self) -> list[Run]:
        return [r for r in self.body() if r.size == SIZE]

    def rules_at(self, y: float) -> list[Rule]:
        return [r for r in self.rules if near(r.y0, y) and near(r.y1, y)]


def _mul(a, b):
    a0, a1, a2, a3, a4, a5 = a
    b0, b1, b2, b3, b4, b5 = b
    return (a0 * b0 + a1 * b2, a0 * b1 + a1 * b3, a2 * b0 + a3 * b2, a2 * b1 + a3 * b3,
            a4 * b0 + a5 * b2 + b4, a4 * b1 + a5 * b3 + b5)


def _apply(m, x, y):
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


_VERA_STYLES = {"Roman": "Regular", "Bold": "Bold", "Oblique": "Italic", "BoldOblique": "BoldItalic"}


class _Font:
    def __init__(self, obj) -> None:
        base = str(obj["/BaseFont"]).lstrip("/").split("+", 1)[-1]
        family, _, style = base.partition("-")
        self.name = _VERA_STYLES.get(style, base) if family == "BitstreamVeraSans" else family
        self.first = int(obj.get("/FirstChar", 0))
        self.widths = [float(w) for w in obj.get("/Widths", [])]
        self.unicode: dict[int, str] = {}
        if "/ToUnicode" in obj:
            data = obj["/ToUnicode"].get_object().get_data().decode("latin-1")
            for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S):
                for src, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
                    self.unicode[int(src, 16)] = bytes.fromhex(dst).decode("utf-16-be")
            for block in re.findall(r"beginbfrange(.*?)endbfrange", data, re.S):
                for lo, hi, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>",
                                              block):
                    for offset, code in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                        self.unicode[code] = chr(int(dst, 16) + offset)

    def decode(self, raw: bytes) -> str:
        return "".join(self.unicode.get(b, chr(b)) for b in raw)

    def advance(self, raw: bytes, size: float) -> float:
        return sum(self.widths[b - self.first] for b in raw) * size / 1000


class _Interpreter:
    """Just the PDF operators ReportLab writes: text, rectangles, lines, curves, forms."""

    def __init__(self, reader: PdfReader, page) -> None:
        box = page.mediabox
        self.page = PdfPage(float(box.width), float(box.height))
        self.reader = reader
        self.seq = 0
        self.fonts: dict = {}
        self.pieces: list[tuple[Run, bool]] = []  # (run, continues the previous one)

    def _font(self, ref) -> _Font:
        key = getattr(ref, "idnum", id(ref))
        if key not in self.fonts:
            self.fonts[key] = _Font(ref.get_object())
        return self.fonts[key]

    def run(self, content, resources, ctm) -> None:
        resources = resources.get_object() if resources is not None else {}
        fonts = resources.get("/Font", {})
        fonts = fonts.get_object() if hasattr(fonts, "get_object") else fonts
        xobjects = resources.get("/XObject", {})
        xobjects = xobjects.get_object() if hasattr(xobjects, "get_object") else xobjects
        gs = {"ctm": ctm, "fill": (0.0,), "stroke": (0.0,), "lw": 1.0}
        stack: list[dict] = []
        tm = lm = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
        font, size, rise, leading, fresh = None, 0.0, 0.0, 0.0, True
        path: list = []
        for operands, op in ContentStream(content, self.reader).operations:
            op = op.decode() if isinstance(op, bytes) else op
            nums = [float(o) for o in operands if isinstance(o, (int, float))]
            if op == "q":
                stack.append(dict(gs))
            elif op == "Q":
                gs = stack.pop()
            elif op == "cm":
                gs["ctm"] = _mul(tuple(nums), gs["ctm"])
            elif op == "w":
                gs["lw"] = nums[0]
            elif op in ("rg", "g", "k"):
                gs["fill"] = tuple(nums)
            elif op in ("RG", "G", "K"):
                gs["stroke"] = tuple(nums)
            elif op == "BT":
                tm = lm = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
                fresh = True
            elif op == "Tm":
                tm = lm = tuple(nums)
                fresh = True
            elif op in ("Td", "TD"):
                lm = tm = _mul((1, 0, 0, 1, nums[0], nums[1]), lm)
                leading = -nums[1] if op == "TD" else leading
                fresh = True
            elif op == "TL":
                leading = nums[0]
            elif op == "T*":
                lm = tm = _mul((1, 0, 0, 1, 0, -leading), lm)
                fresh = True
            elif op == "Tf":
                font, size = self._font(fonts[operands[0]]), nums[0]
            elif op == "Ts":
                rise = nums[0]
            elif op in ("Tj", "TJ", "'", '"'):
                if op in ("'", '"'):
                    lm = tm = _mul((1, 0, 0, 1, 0, -leading), lm)
                    fresh = True
                items = operands[0] if op == "TJ" else [operands[-1]]
                for item in items:
                    if isinstance(item, (int, float)):
                        tm = _mul((1, 0, 0, 1, -float(item) / 1000 * size, 0), tm)
                        continue
                    raw = item.get_original_bytes() if hasattr(item, "get_original_bytes") else bytes(item)
                    advance = font.advance(raw, size)
                    m = _mul(tm, gs["ctm"])
                    x, y = _apply(m, 0, rise)
                    end, _ = _apply(m, advance, rise)
                    self.seq += 1
                    self.pieces.append((Run(font.decode(raw), x, y, end, font.name, size * m[0],
                                            gs["fill"], self.seq), not fresh))
                    fresh = False
                    tm = _mul((1, 0, 0, 1, advance, 0), tm)
            elif op == "m":
                path.append([_apply(gs["ctm"], *nums)])
            elif op == "l":
                path[-1].append(_apply(gs["ctm"], *nums))
            elif op == "c":
                path[-1] += [_apply(gs["ctm"], *nums[i:i + 2]) for i in (0, 2, 4)] + ["curve"]
            elif op == "re":
                x, y, w, h = nums
                (x0, y0), (x1, y1) = _apply(gs["ctm"], x, y), _apply(gs["ctm"], x + w, y + h)
                path.append(["rect", (min(x0, x1), min(y0, y1), abs(x1 - x0), abs(y1 - y0))])
            elif op in ("S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "n"):
                fill = op not in ("S", "s", "n")
                stroke = op in ("S", "s", "B", "B*", "b", "b*")
                for sub in path:
                    self.seq += 1
                    if sub[0] == "rect":
                        if fill:
                            self.page.rects.append(Rect(*sub[1], gs["fill"], self.seq, stroke))
                        continue
                    points = [p for p in sub if p != "curve"]
                    if fill and "curve" in sub:
                        xs, ys = [p[0] for p in points], [p[1] for p in points]
                        self.page.blobs.append(Blob(min(xs), min(ys), max(xs), max(ys), gs["fill"],
                                                    self.seq, stroke))
                    elif stroke:
                        for (x0, y0), (x1, y1) in zip(points, points[1:]):
                            self.page.rules.append(Rule(x0, y0, x1, y1, gs["lw"] * abs(gs["ctm"][0]),
                                                        gs["stroke"], self.seq))
                path = []
            elif op == "Do":
                xobject = xobjects[operands[0]].get_object()
                if xobject.get("/Subtype") == "/Form":
                    matrix = tuple(float(n) for n in xobject.get("/Matrix", (1, 0, 0, 1, 0, 0)))
                    self.run(xobject, xobject.get("/Resources", resources), _mul(matrix, gs["ctm"]))
                elif xobject.get("/Subtype") == "/Image":  # drawn into the unit square
                    (x0, y0), (x1, y1) = _apply(gs["ctm"], 0, 0), _apply(gs["ctm"], 1, 1)
                    self.seq += 1
                    self.page.images.append(Rect(min(x0, x1), min(y0, y1), abs(x1 - x0), abs(y1 - y0),
                                                 None, self.seq))

    def finish(self) -> PdfPage:
        runs: list[Run] = []
        for run, continues in self.pieces:
            last = runs[-1] if runs else None
            # One string split over the font's subsets (ASCII, then é, €...) is one run.
            if (continues and last and last.font == run.font and last.size == run.size
                    and near(last.end, run.x, 1e-3) and near(last.y, run.y, 1e-3)):
                runs[-1] = Run(last.text + run.text, last.x, last.y, run.end, last.font, last.size,
                               last.color, last.seq)
            else:
                runs.append(run)
        self.page.runs = runs
        return self.page


def read_pdf(path) -> list[PdfPage]:
    reader = PdfReader(path)
    pages = []
    for page in reader.pages:
        interpreter = _Interpreter(reader, page)
        interpreter.run(page.get_contents(), page["/Resources"], (1.0, 0.0, 0.0, 1.0, 0.0, 0.0))
        result = interpreter.finish()
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            embedded = (font.get("/Subtype") == "/TrueType"
                        and "/FontFile2" in font.get("/FontDescriptor", {}).get_object())
            result.fonts.append((str(font["/BaseFont"]), embedded))
        pages.append(result)
    return pages


# --- making PDFs ------------------------------------------------------------------------------

DECOR = PageDecor("Regio Proefland", "Uitvoeringsplan 2030 Proefland", "Concept, afgedrukt op 01-02-2030")
_names = itertools.count()


@pytest.fixture(autouse=True)
def fonts():
    """The annex fonts, registered before a story's paragraphs are made (build_pdf does the same)."""
    register_fonts()


def render(tmp_path, story, *, first=PORTRAIT, decor=DECOR) -> list[PdfPage]:
    """``story`` laid out by the annex document (as build_pdf does), read back."""
    out = tmp_path / f"story{next(_names)}.pdf"
    count = AnnexDocument(str(out), decor, first=first).build_story(story, with_contents=False)
    pages = read_pdf(out)
    assert count == len(pages)  # the number of pages the export reports
    return pages


def year_table(rows, years=("2030", "2031"), **kwargs) -> GridTable:
    """A description column and right-aligned year columns, as the budget annex has."""
    columns = [Column("Omschrijving"), *[Column(y, RIGHT, fit=True, min_width=YEAR_WIDTH) for y in years]]
    return GridTable(columns, rows, **kwargs)


def lines_rows(count: int, start: int = 0, **kwargs) -> list[Row]:
    return [Row([f"Post {n}", f"{n}.000", f"{n}.500"], **kwargs) for n in range(start, start + count)]


def baseline_of_row(table_top: float, index: int, header_rows: int = 1) -> float:
    """Baseline of the ``index``-th one-line body row of a table whose top is ``table_top``."""
    return table_top - (header_rows + index) * ROW - FIRST_BASELINE


def post_rows(page: PdfPage) -> list[str]:
    return [r.text for r in page.runs if r.text.startswith("Post ")]


@pytest.fixture
def demo(demo_workspace):
    workspace = open_workspace(demo_workspace, read_only=True)
    yield workspace
    workspace.close()


def plan_id(workspace) -> int:
    with workspace.session() as session:
        return find_plan(session, 2022).id


def build(workspace, tmp_path, sections: str, **kwargs):
    out = tmp_path / f"{sections.replace(',', '-')}.pdf"
    build_pdf(workspace, plan_id(workspace), sections, out, **kwargs)
    return out


TITLE = "Uitvoeringsplan 2022 Regiovisie Jeugdzorg Haaglanden"
STATUS = "Vastgesteld: BOJ 11-11-2021"


def digit_width(size: float) -> float:
    return stringWidth("0", REGULAR, size)


# --- the page: header, footer, margins ----------------------------------------------------------

def assert_cut_to_fit(printed: Run, full: str, font: str, room: float) -> None:
    """``printed`` is ``full`` cut with an ellipsis: it fits ``room``, and one letter more would not."""
    assert printed.text.endswith("…") and printed.text != full
    kept = printed.text[:-1]
    assert full.startswith(kept) and kept == kept.rstrip()
    assert printed.width <= room + TOLERANCE
    more = full[:len(kept) + 1]
    if more.endswith(" "):
        more = full[:len(kept) + 2]
    assert stringWidth(more + "…", font, printed.size) > room


def check_decor(page: PdfPage, number: int, total: int, region: str, title: str, status: str,
                section: str) -> None:
    """The running header and the footer of one page, where the design puts them."""
    left, right = MARGIN_LEFT, page.width - MARGIN_RIGHT
    head_y = page.height - HEADER_BELOW_TOP
    region_run = page.one(region)
    assert near(region_run.x, left) and near(region_run.y, head_y)
    assert region_run.font == "Bold" and region_run.size == HEADER_SIZE
    assert region_run.color == tuple(styles.ACCENT.rgb())  # dark blue
    title_run = page.one(title)
    assert near(title_run.end, right) and near(title_run.y, head_y)  # ends at the right margin
    assert title_run.font == "Regular" and title_run.size == HEADER_SIZE
    assert title_run.color == tuple(styles.MUTED.rgb())  # grey
    rule, = page.rules_at(head_y - 5)
    assert near(rule.x0, left) and near(rule.x1, right)
    assert rule.width == 0.6 and rule.color == tuple(styles.ACCENT.rgb())

    footer = [r for r in page.runs if near(r.y, FOOTER_BASELINE)]
    assert all(r.size == FOOTER_SIZE and r.font == "Regular" for r in footer)
    assert all(r.color == tuple(styles.MUTED.rgb()) for r in footer)
    status_run = next(r for r in footer if r.text == status)
    assert near(status_run.x, left)  # the plan's status at the left
    if section:
        section_run = next(r for r in footer if r.text == section)
        assert near((section_run.x + section_run.end) / 2, (left + right) / 2)  # the section, centred
    page_run = next(r for r in footer if r.text == f"Pagina {number}")
    total_run = next(r for r in footer if r.text == f" van {total}")
    assert near(page_run.end, total_run.x)  # "Pagina x van y" reads as one
    # " van y" has room for two digits before the right margin.
    assert near(total_run.end, right - (2 - len(str(total))) * digit_width(FOOTER_SIZE))
    rule, = page.rules_at(FOOTER_BASELINE + 10)
    assert near(rule.x0, left) and near(rule.x1, right)
    assert rule.width == 0.4 and rule.color == tuple(styles.RULE.rgb())
    assert len(footer) == (4 if section else 3)
    assert page.fonts and all(embedded for _name, embedded in page.fonts), page.fonts  # no Helvetica


def test_every_budget_page_has_header_footer_and_page_number_in_the_margins(demo, tmp_path):
    """The running header, the footer with "Pagina x van y" and the body keep to the A4 margins on every page."""
    pages = read_pdf(build(demo, tmp_path, "begroting"))
    assert len(pages) >= 2
    ends = set()
    for number, page in enumerate(pages, start=1):
        assert near(page.width, A4_SHORT) and near(page.height, A4_LONG)
        check_decor(page, number, len(pages), "Regio Haaglanden", TITLE, STATUS, "Begroting")
        ends.add(round(page.one(f"Pagina {number}").end, 2))
        for run in page.body():  # everything else inside the frame
            assert run.x >= MARGIN_LEFT - TOLERANCE and run.end <= FRAME_RIGHT + TOLERANCE, run
            assert FRAME_BOTTOM - TOLERANCE <= run.y <= FRAME_TOP, run
    assert len(ends) == 1  # "Pagina x" stands at the same place on every page


def test_a_page_total_of_two_digits_ends_at_the_right_margin(tmp_path):
    """With ten pages or more, "Pagina 10 van 12" ends exactly at the right margin and keeps its place."""
    story = [SectionStart("Proef")]
    for n in range(12):
        story += [Paragraph(f"Blad {n + 1}", styles.BODY), PageBreak()]
    pages = render(tmp_path, story[:-1])
    assert len(pages) == 12
    for number, page in enumerate(pages, start=1):
        check_decor(page, number, 12, DECOR.region, DECOR.plan_title, DECOR.status, "Proef")
        assert near(page.one(" van 12").end, FRAME_RIGHT)
        assert page.one(f"Blad {number}").x == pytest.approx(MARGIN_LEFT, abs=TOLERANCE)
    # "Pagina 9" and "Pagina 10" end at the same x: right-aligned.
    assert near(pages[8].one("Pagina 9").end, pages[9].one("Pagina 10").end)


def test_a_page_without_a_section_has_no_section_in_its_footer(tmp_path):
    """Before any section starts, the footer holds the status and the page number only."""
    page, = render(tmp_path, [Paragraph("Los blad", styles.BODY)])
    check_decor(page, 1, 1, DECOR.region, DECOR.plan_title, DECOR.status, "")


def test_a_long_plan_title_is_shortened_to_fit_beside_the_region(tmp_path):
    """A plan title too long for the header is cut with an ellipsis, 20 pt clear of the region's name."""
    long_title = ("Uitvoeringsplan 2030 van de Regiovisie Jeugdzorg voor de gemeenten van de "
                  "proefregio, met alle aanvullingen en wijzigingen van het voorjaar en het najaar")
    decor = PageDecor("Regio Proefland", long_title, "Concept")
    page, = render(tmp_path, [Paragraph("Tekst", styles.BODY)], decor=decor)
    head_y = A4_LONG - HEADER_BELOW_TOP
    region = page.one("Regio Proefland")
    title = next(r for r in page.runs if near(r.y, head_y) and r is not region)
    assert_cut_to_fit(title, long_title, REGULAR, FRAME_WIDTH - region.width - 20)
    assert near(title.end, FRAME_RIGHT) and title.x >= region.end + 20 - TOLERANCE


def test_a_long_region_name_takes_at_most_half_the_header(tmp_path):
    """A region name longer than half the header's width is cut with an ellipsis at the middle."""
    region = "Regio " + "Heel Lang Samenwerkingsverband " * 5
    decor = PageDecor(region, "Plan 2030", "Concept")
    page, = render(tmp_path, [Paragraph("Tekst", styles.BODY)], decor=decor)
    head_y = A4_LONG - HEADER_BELOW_TOP
    first = next(r for r in page.runs if near(r.y, head_y) and near(r.x, MARGIN_LEFT))
    assert first.font == "Bold"
    assert_cut_to_fit(first, region, BOLD, FRAME_WIDTH / 2)
    assert near(page.one("Plan 2030").end, FRAME_RIGHT)


def test_a_long_section_title_is_cut_to_a_third_of_the_footer_and_centred(tmp_path):
    """A section title wider than a third of the footer is shortened with an ellipsis and stays centred."""
    title = "Bijlage met een bijzonder lange naam die in de voettekst niet helemaal past"
    page, = render(tmp_path, [SectionStart(title), Paragraph("Tekst", styles.BODY)])
    footer = [r for r in page.runs if near(r.y, FOOTER_BASELINE)]
    section = next(r for r in footer if r.text.endswith("…"))
    assert_cut_to_fit(section, title, REGULAR, FRAME_WIDTH / 3)
    assert near((section.x + section.end) / 2, (MARGIN_LEFT + FRAME_RIGHT) / 2)


def test_a_region_name_with_an_emoji_is_set_in_pieces_that_join_up(tmp_path):
    """An emoji in the region's name is set in the fallback font without gaps, and the title keeps the room left."""
    region = "Regio 😀 Proef"
    page, = render(tmp_path, [Paragraph("Tekst", styles.BODY)], decor=PageDecor(region, "Plan", "Concept"))
    head_y = A4_LONG - HEADER_BELOW_TOP
    pieces = sorted((r for r in page.runs if near(r.y, head_y) and r.x < FRAME_RIGHT / 2), key=lambda r: r.x)
    assert [p.text for p in pieces] == ["Regio ", "😀", " Proef"]
    assert near(pieces[0].x, MARGIN_LEFT)
    assert pieces[0].font == pieces[2].font == "Bold" and pieces[1].font not in ("Bold", "Regular")
    assert near(pieces[0].end, pieces[1].x) and near(pieces[1].end, pieces[2].x)
    # A title that just fits in the room the region leaves (20 pt clear of it) is printed whole.
    room = FRAME_WIDTH - (pieces[-1].end - pieces[0].x) - 20
    words = "Uitvoeringsplan 2030 Regiovisie Jeugdzorg Proefland met de aanvullingen van het najaar en meer".split()
    title = [t for t in (" ".join(words[:k]) for k in range(1, len(words) + 1))
             if stringWidth(t, REGULAR, HEADER_SIZE) <= room - 2][-1]
    assert stringWidth(title, REGULAR, HEADER_SIZE) > room - 40  # it takes most of the room
    page, = render(tmp_path, [Paragraph("Tekst", styles.BODY)], decor=PageDecor(region, title, "Concept"))
    assert near(page.one(title).end, FRAME_RIGHT)


def test_a_region_without_a_name_leaves_the_whole_header_to_the_title(tmp_path):
    """No region name: the plan title (its line break a space) still stands at the right margin, over the rule."""
    page, = render(tmp_path, [Paragraph("Tekst", styles.BODY)], decor=PageDecor("", "Plan\n2030", "Concept"))
    head_y = A4_LONG - HEADER_BELOW_TOP
    assert [r.text for r in page.runs if near(r.y, head_y)] == ["Plan 2030"]
    assert near(page.one("Plan 2030").end, FRAME_RIGHT)
    assert len(page.rules_at(head_y - 5)) == 1


# --- landscape, sections, contents -------------------------------------------------------------

@pytest.fixture
def wide_demo(demo_workspace):
    """The demo plan with five budget years: its budget annex is printed on landscape pages."""
    workspace = open_workspace(demo_workspace)
    with workspace.transaction() as session:
        find_plan(session, 2022).last_year = 2025
    yield workspace
    workspace.close()


def test_a_budget_with_five_years_is_printed_on_landscape_pages_with_the_same_margins(wide_demo, tmp_path):
    """More than four year columns: the budget pages are A4 landscape, header, footer and table to its margins."""
    pages = read_pdf(build(wide_demo, tmp_path, "begroting"))
    assert len(pages) >= 2
    right = A4_LONG - MARGIN_RIGHT
    for number, page in enumerate(pages, start=1):
        assert near(page.width, A4_LONG) and near(page.height, A4_SHORT)  # wider than tall
        check_decor(page, number, len(pages), "Regio Haaglanden", TITLE, STATUS, "Begroting")
        for run in page.body():
            assert MARGIN_LEFT - TOLERANCE <= run.x and run.end <= right + TOLERANCE, run
            assert FRAME_BOTTOM - TOLERANCE <= run.y <= A4_SHORT - MARGIN_TOP, run
    first = pages[0]
    years = [first.one(str(y)) for y in range(2021, 2026)]
    assert near(years[-1].end, right - PAD_H)  # the last year column ends at the right margin
    assert [round(b.end - a.end, 2) for a, b in zip(years, years[1:])] == [YEAR_WIDTH] * 4
    header_rule = first.rules_at(years[0].y - (ROW - FIRST_BASELINE))
    assert [(r.x0, r.x1) for r in header_rule] == [pytest.approx((MARGIN_LEFT, right), abs=0.01)]


def test_each_section_starts_on_a_page_of_its_own_orientation_and_names_itself_in_the_footer(
        wide_demo, tmp_path):
    """Each section starts on its own pages in its orientation, named in the footer, listed and bookmarked there."""
    pages = read_pdf(build(wide_demo, tmp_path, "begroting,formatie"))
    sections = []
    for number, page in enumerate(pages, start=1):
        footer = [r for r in page.runs if near(r.y, FOOTER_BASELINE)]
        name = next(r.text for r in footer if not r.text.startswith(("Pagina", " van", "Vastgesteld")))
        check_decor(page, number, len(pages), "Regio Haaglanden", TITLE, STATUS, name)
        sections.append((name, page.width > page.height))
    assert sections[0] == ("Inhoud", False)
    budget = [i for i, (name, _) in enumerate(sections) if name == "Begroting"]
    staffing = [i for i, (name, _) in enumerate(sections) if name == "Formatie en dagdelen"]
    assert budget and staffing and budget == list(range(1, 1 + len(budget)))
    assert staffing == list(range(budget[-1] + 1, len(pages)))
    assert all(sections[i][1] for i in budget) and not any(sections[i][1] for i in staffing)
    # The headings open their first page, at the top of the frame; the contents name that page.
    for heading, index in (("Begroting 2022", budget[0]), ("Formatie en dagdelen", staffing[0])):
        page = pages[index]
        run = next(r for r in page.runs if r.text == heading and r.size == 15)
        assert near(run.x, MARGIN_LEFT) and near(run.y, page.height - MARGIN_TOP - 15)
        entry = pages[0].one(heading)
        assert near(entry.x, FRAME_LEFT)
        dots = next(r for r in pages[0].runs if near(r.y, entry.y) and r is not entry)
        assert dots.text.endswith(f" {index + 1}") and near(dots.end, FRAME_RIGHT)
    # The viewer's title bar and document properties.
    reader = PdfReader(tmp_path / "begroting-formatie.pdf")
    meta = reader.metadata
    assert (meta.title, meta.author, meta.creator) == (TITLE + " – Bijlagen", "Regio Haaglanden", "Planbord")
    assert meta.subject == "Bijlagen bij het uitvoeringsplan: begroting, formatie en dagdelen"
    assert reader.trailer["/Root"]["/Lang"] == "nl-NL"
    assert reader.trailer["/Root"]["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712 (a PDF boolean)
    # The bookmarks lead to the same pages, at the top of the heading.
    marks = [(m.title, reader.get_destination_page_number(m), float(m.left), float(m.top)) for m in reader.outline
             if not isinstance(m, list)]
    assert marks == [("Begroting 2022", budget[0], pytest.approx(MARGIN_LEFT, abs=0.01),
                      pytest.approx(A4_SHORT - MARGIN_TOP, abs=0.01)),
                     ("Formatie en dagdelen", staffing[0], pytest.approx(MARGIN_LEFT, abs=0.01),
                      pytest.approx(A4_LONG - MARGIN_TOP, abs=0.01))]


def test_a_landscape_section_between_portrait_ones_gets_landscape_pages_and_the_wider_frame(tmp_path):
    """A landscape section gets landscape pages with the wider frame, between portrait ones or as the first page."""
    story = (start_section("Een", PORTRAIT, True) + [Paragraph("Staand", styles.BODY)]
             + start_section("Twee", LANDSCAPE, False) + [year_table(lines_rows(3))]
             + start_section("Drie", PORTRAIT, False) + [Paragraph("Weer staand", styles.BODY)])
    pages = render(tmp_path, story)
    assert [(round(p.width), round(p.height)) for p in pages] == [(595, 842), (842, 595), (595, 842)]
    for number, (page, name) in enumerate(zip(pages, ("Een", "Twee", "Drie")), start=1):
        check_decor(page, number, 3, DECOR.region, DECOR.plan_title, DECOR.status, name)
    wide = pages[1]
    right = A4_LONG - MARGIN_RIGHT
    top = A4_SHORT - MARGIN_TOP
    assert near(wide.one("Omschrijving").y, top - FIRST_BASELINE)
    assert near(wide.one("2031").end, right - PAD_H) and near(wide.one("2030").end, right - PAD_H - YEAR_WIDTH)
    assert near(wide.one("Post 2").y, baseline_of_row(top, 2))
    rule, = header_rules(wide)
    assert near(rule.x0, MARGIN_LEFT) and near(rule.x1, right)
    assert near(pages[2].one("Weer staand").y, FRAME_TOP - styles.BODY_SIZE)

    pages = render(tmp_path, start_section("Twee", LANDSCAPE, True) + [year_table(lines_rows(3))],
                   first=LANDSCAPE)
    assert len(pages) == 1 and pages[0].width > pages[0].height
    assert near(pages[0].one("2031").end, right - PAD_H)


# --- the demo budget table ----------------------------------------------------------------------

AMOUNT = re.compile(r"^(† )?-?\d{1,3}(\.\d{3})*$|^(PM|id\.?|doorlopend)$")  # "id": as the plan prints it


def test_budget_amounts_end_at_their_column_edge_and_descriptions_start_at_their_indent(demo, tmp_path):
    """Budget amounts end at their year column's edge (at least 60 pt), descriptions start at their indent."""
    pages = read_pdf(build(demo, tmp_path, "begroting"))
    page = pages[0]
    sheet = load_sheet(demo, plan_id(demo))
    heads = [page.one(str(y)) for y in sheet.years]
    omschrijving = page.find("Omschrijving")[0]
    assert omschrijving.font == "Bold" and near(omschrijving.x, FRAME_LEFT + PAD_H)
    # The comparison column (2021) is headed "Begroting" over its year: the year a line lower.
    assert near(heads[0].y, omschrijving.y - LEADING) and heads[0].font == "Bold"
    begroting = next(r for r in page.find("Begroting") if r.font == "Bold")  # not the footer's
    assert near(begroting.y, omschrijving.y) and near(begroting.end, heads[0].end)
    assert all(near(h.y, omschrijving.y) and h.font == "Bold" for h in heads[1:])
    table = [r for r in page.table_runs() if r.y < omschrijving.y + 1]
    amounts = [r for r in table if AMOUNT.match(r.text) and r.x > FRAME_LEFT + FRAME_WIDTH / 2]
    assert len(amounts) > 50  # no subtotal or total in a year none of its lines has an amount
    edges = [h.end for h in heads]
    assert near(edges[-1], FRAME_RIGHT - PAD_H)
    columns: dict[int, list[Run]] = {i: [heads[i]] for i in range(len(heads))}
    for run in amounts:  # each amount ends exactly at one column's edge
        index = next((i for i, e in enumerate(edges) if near(run.end, e)), None)
        assert index is not None, run
        columns[index].append(run)
    for index in range(len(heads)):
        widest = max(r.width for r in columns[index])
        width = max(YEAR_WIDTH, widest + 2 * PAD_H)
        left_edge = edges[index] + PAD_H - width
        previous = edges[index - 1] + PAD_H if index else None
        if previous is not None:
            assert near(left_edge, previous)  # the columns touch: no gap, no overlap
        assert all(r.x >= left_edge + PAD_H - TOLERANCE for r in columns[index])
    first_left = edges[0] + PAD_H - max(YEAR_WIDTH, max(r.width for r in columns[0]) + 2 * PAD_H)
    descriptions = [r for r in table if r.x < first_left]
    assert all(r.end <= first_left - PAD_H + TOLERANCE for r in descriptions)
    # The indent: groups and lines at their level.
    levels: dict[str, set[int]] = {}
    for row in sheet.rows:
        if row.kind is RowKind.GROUP:
            levels.setdefault(f"{row.number}. {row.label}" if row.number else row.label, set()).add(row.level)
        elif row.kind is RowKind.LINE:
            levels.setdefault(row.label, set()).add(row.level)
    checked = 0
    for run in descriptions:
        if len(levels.get(run.text, ())) == 1:
            level, = levels[run.text]
            assert near(run.x, FRAME_LEFT + PAD_H + INDENT * level), run
            checked += 1
    assert checked > 20 and {round(r.x - FRAME_LEFT - PAD_H) for r in descriptions} >= {0, 10, 20, 30}


def test_budget_rows_follow_each_other_one_row_height_apart_in_bands_under_their_rules(demo, tmp_path):
    """Budget rows are one row height apart, bands hold exactly their row, rules sit on the row edges."""
    page = read_pdf(build(demo, tmp_path, "begroting"))[0]
    omschrijving = page.find("Omschrijving")[0]
    # Under the heading (15 pt on 19, 8 after) and the small print (10.5 pt leading, 4 after).
    assert near(omschrijving.y, FRAME_TOP - (19 + 8) - (10.5 + 4) - FIRST_BASELINE)
    baselines = sorted({round(r.y, 3) for r in page.table_runs() if r.y <= omschrijving.y + 0.01},
                       reverse=True)
    gaps = [round(a - b, 3) for a, b in zip(baselines, baselines[1:])]
    # The headings take two lines (the comparison column: "Begroting" over "2021").
    assert gaps[0] == LEADING
    gaps = gaps[1:]
    # One-line rows; 6 pt before each top-level group but the first, 4 pt before the total.
    assert set(gaps) <= {ROW, ROW + 6, ROW + 4}
    assert gaps.count(ROW + 4) == 1 and gaps.count(ROW + 6) == 2
    header_rule = page.rules_at(omschrijving.y + FIRST_BASELINE - ROW - LEADING)
    assert len(header_rule) == 1 and header_rule[0].width == 0.9
    bands = sorted(page.rects, key=lambda r: -r.y)
    assert len(bands) == 8
    for band in bands:
        assert near(band.x, FRAME_LEFT) and near(band.w, FRAME_WIDTH) and near(band.h, ROW)
        inside = [r for r in page.table_runs() if band.y < r.y < band.top]
        assert inside and {round(r.y, 3) for r in inside} == {round(band.top - FIRST_BASELINE, 3)}
        assert all(r.font == "Bold" and r.seq > band.seq for r in inside)  # text over its band
    groups = [b for b in bands if b.color == tuple(styles.BAND.rgb())]
    subtotals = [b for b in bands if b.color != tuple(styles.BAND.rgb())]
    assert len(groups) == 3 and len(subtotals) == 5
    for band in subtotals:  # a subtotal has a thin rule along its top
        label = next(r for r in page.table_runs() if near(r.y, band.top - FIRST_BASELINE) and r.x < 300)
        assert label.text.startswith("Subtotaal ")
        assert [r.width for r in page.rules_at(band.top)] == [0.4]
    for band in groups[1:]:  # 6 pt of white above a new top-level group
        above = min(r.y for r in page.table_runs() if r.y > band.top)
        assert near(above - (ROW - FIRST_BASELINE) - 6, band.top)
    total = page.one("Totaal Uitvoeringsprogramma 2022")  # the plan's own label
    top, bottom = total.y + FIRST_BASELINE, total.y + FIRST_BASELINE - ROW
    assert [r.width for r in page.rules_at(top)] == [0.8]
    assert [r.width for r in page.rules_at(bottom)] == [0.6]
    assert [r.width for r in page.rules_at(bottom + 1.6)] == [0.6]  # the double rule under the total
    assert all(r.font == "Bold" for r in page.table_runs() if near(r.y, total.y))


# --- a table's columns, cells and rows ------------------------------------------------------------

def header_rules(page: PdfPage) -> list[Rule]:
    return [r for r in page.rules if r.width == 0.9]


def test_cells_start_and_end_at_the_padding_of_their_columns_row_after_row(tmp_path):
    """Text starts and amounts end 4 pt inside their columns, headings bold on top, rows 15.3 pt apart."""
    page, = render(tmp_path, [year_table(lines_rows(5))])
    ends = [FRAME_RIGHT - PAD_H - YEAR_WIDTH, FRAME_RIGHT - PAD_H]
    head_y = FRAME_TOP - FIRST_BASELINE
    for text, x in (("Omschrijving", None), ("2030", ends[0]), ("2031", ends[1])):
        run = page.one(text)
        assert run.font == "Bold" and run.size == SIZE and near(run.y, head_y) and run.color == (0.0, 0.0, 0.0)
        assert near(run.end, x) if x else near(run.x, FRAME_LEFT + PAD_H)
    for n in range(5):
        y = baseline_of_row(FRAME_TOP, n)
        name, first, second = page.one(f"Post {n}"), page.one(f"{n}.000"), page.one(f"{n}.500")
        assert near(name.x, FRAME_LEFT + PAD_H) and near(name.y, y) and name.font == "Regular"
        assert near(first.end, ends[0]) and near(second.end, ends[1])
        assert near(first.y, y) and near(second.y, y) and first.font == second.font == "Regular"
    rule, = header_rules(page)  # under the headings, the width of the frame
    assert near(rule.y0, FRAME_TOP - ROW) and near(rule.x0, FRAME_LEFT) and near(rule.x1, FRAME_RIGHT)
    assert rule.color == tuple(styles.ACCENT.rgb())
    assert not page.rects and len(page.rules) == 3  # header rule, table rule, footer rule


def test_each_indent_step_starts_a_description_ten_points_further_right(tmp_path):
    """A line one level deeper in the budget starts 10 pt further right; its amounts do not move."""
    rows = [Row([f"Niveau {k}", f"{k}.100", f"{k}.200"], indent=k) for k in range(4)]
    page, = render(tmp_path, [year_table(rows)])
    for k in range(4):
        run = page.one(f"Niveau {k}")
        assert near(run.x, FRAME_LEFT + PAD_H + INDENT * k) and near(run.y, baseline_of_row(FRAME_TOP, k))
        assert near(page.one(f"{k}.100").end, FRAME_RIGHT - PAD_H - YEAR_WIDTH)
        assert near(page.one(f"{k}.200").end, FRAME_RIGHT - PAD_H)


LONG_TEXT = ("Inzet van de expertise van de werkplaats voor het gezamenlijk leren van gemeenten, "
             "aanbieders en cliënten, met bijeenkomsten per subregio, een jaarlijkse conferentie, "
             "onderzoek naar de ervaringen van jongeren en ouders en de vertaling daarvan naar het "
             "inkoopbeleid en de werkwijze van de toegang in alle tien gemeenten van de regio")


def test_a_long_description_wraps_one_leading_apart_and_its_amounts_stand_on_the_last_line(tmp_path):
    """A long description wraps within its column, lines 10.5 pt apart, amounts on its last line."""
    columns = [Column("Omschrijving"), Column("Gedeeld door", fit=True, valign="bottom"),
               Column("Code", fit=True), Column("2030", RIGHT, fit=True, min_width=YEAR_WIDTH, valign="top"),
               Column("2031", RIGHT, fit=True, min_width=YEAR_WIDTH)]
    rows = [Row([LONG_TEXT, "H8", "X1", "1.000", "2.000"], indent=2), Row(["Volgende", "H10", "X2", "3", "4"]),
            Row(["Eerste regel\nTweede regel", "", "", "5", "6"])]
    page, = render(tmp_path, [GridTable(columns, rows)])
    gedeeld, code = page.one("Gedeeld door"), page.one("Code")
    code_left = code.x - PAD_H  # left-aligned fit columns: their widest text is their heading
    assert near(gedeeld.end + 2 * PAD_H, code.x)
    x0 = FRAME_LEFT + PAD_H + 2 * INDENT
    inner = gedeeld.x - PAD_H - PAD_H - x0  # up to the next column's edge, less the padding
    lines = sorted((r for r in page.table_runs() if near(r.x, x0)), key=lambda r: -r.y)
    assert len(lines) >= 3
    assert " ".join(r.text for r in lines) == LONG_TEXT
    first_y = FRAME_TOP - ROW - FIRST_BASELINE
    for index, run in enumerate(lines):
        assert near(run.y, first_y - index * LEADING) and run.width <= inner + TOLERANCE
    for run, after in zip(lines, lines[1:]):  # as much on each line as fits
        assert stringWidth(run.text + " " + after.text.split(" ")[0], REGULAR, SIZE) > inner
    last_y = lines[-1].y
    assert near(page.one("H8").y, last_y) and near(page.one("H8").x, gedeeld.x)  # valign bottom
    assert near(page.one("X1").y, first_y) and near(page.one("X1").x, code_left + PAD_H)  # left: top
    assert near(page.one("1.000").y, first_y)  # valign top
    assert near(page.one("2.000").y, last_y) and near(page.one("2.000").end, FRAME_RIGHT - PAD_H)
    nxt = page.one("Volgende")
    assert near(nxt.y, last_y - ROW) and near(nxt.x, FRAME_LEFT + PAD_H)
    assert all(near(page.one(t).y, nxt.y) for t in ("H10", "X2", "3", "4"))
    # A line break typed in a description starts a new line, even where the text would fit.
    eerste, tweede = page.one("Eerste regel"), page.one("Tweede regel")
    assert near(eerste.y, nxt.y - ROW) and near(tweede.y, eerste.y - LEADING)
    assert near(page.one("5").y, eerste.y) and near(page.one("6").y, tweede.y)  # top- and bottom-aligned


def test_a_fit_column_is_as_wide_as_its_widest_text_in_the_font_it_is_printed_in(tmp_path):
    """A fit column is its widest text (bold, or after a dot) plus 4 pt each side: neighbours' texts 8 pt apart."""
    columns = [Column("Omschrijving"), Column("A", RIGHT, fit=True), Column("B", RIGHT, fit=True),
               Column("C", RIGHT, fit=True), Column("Status", fit=True)]
    green = styles.LIGHTS["green"]
    rows = [Row(["gewoon", "123.456.789", "1", "2", "ok"]),
            Row(["totaal", "5", "999.999.999.999", "3", "ok"], bold=True),
            Row(["vet", "6", "7", Cell("88.888.888", bold=True), Cell("in behandeling", light=green)])]
    page, = render(tmp_path, [GridTable(columns, rows)])
    a, b, c = page.one("123.456.789"), page.one("999.999.999.999"), page.one("88.888.888")
    assert b.font == "Bold" and c.font == "Bold" and a.font == "Regular"
    status = page.one("in behandeling")
    assert near(b.x - a.end, 2 * PAD_H) and near(c.x - b.end, 2 * PAD_H)
    assert near(status.x - c.end, 2 * PAD_H + LIGHT_SPACE) and near(status.end, FRAME_RIGHT - PAD_H)
    for head, widest in (("A", a), ("B", b), ("C", c)):
        assert near(page.one(head).end, widest.end)  # headings right-aligned over their amounts
    assert near(page.one("Status").x, c.end + 2 * PAD_H)  # a left-aligned heading: at the padding
    ok = page.find("ok")
    assert len(ok) == 2 and all(near(r.x, c.end + 2 * PAD_H) for r in ok)
    dot, = page.blobs
    centre_x, centre_y = (dot.x0 + dot.x1) / 2, (dot.y0 + dot.y1) / 2
    assert near(dot.x1 - dot.x0, 6) and near(dot.y1 - dot.y0, 6)  # 3 pt radius
    assert near(centre_x, c.end + 2 * PAD_H + 3.2) and dot.x1 < status.x  # in front of the text
    assert near(centre_y, status.y + CAP / 2)  # at the middle of the capitals
    assert dot.color == tuple(green.rgb()) and status.color == (0.0, 0.0, 0.0) and not dot.outlined


def test_a_fit_column_with_a_maximum_wraps_its_text_but_never_breaks_a_word(tmp_path):
    """An owner column of at most 85 pt wraps a long name over lines, but widens for a single long word."""
    long_name = "Manager van het team Jeugd en Gezin in de regio Proefland"
    columns = [Column("Inspanning"), Column("Eigenaar", fit=True, max_width=85.0),
               Column("2030", RIGHT, fit=True, min_width=YEAR_WIDTH)]
    page, = render(tmp_path, [GridTable(columns, [Row(["Actie", long_name, "1"])])])
    left = FRAME_RIGHT - YEAR_WIDTH - 85.0
    owner = sorted((r for r in page.table_runs() if near(r.x, left + PAD_H) and r.font == "Regular"),
                   key=lambda r: -r.y)
    assert len(owner) >= 2 and " ".join(r.text for r in owner) == long_name
    assert all(r.width <= 85.0 - 2 * PAD_H + TOLERANCE for r in owner)
    assert near(page.one("Eigenaar").x, left + PAD_H)
    assert near(page.one("1").y, owner[-1].y)  # the amount stands on the last line

    for word, bold in (("Programmamanagementondersteuningsfunctionaris", False), ("Projectleiderschap", False),
                       ("Projectleiderschap", True)):
        # A word wider than the column's inside (77 pt), even if narrower than the 85 pt maximum.
        assert stringWidth(word, REGULAR, SIZE) > 85.0 - 2 * PAD_H
        page, = render(tmp_path, [GridTable(columns, [Row(["Actie", word, "1"], bold=bold)])])
        run = page.one(word)  # whole, on one line: the column is as wide as the word and its padding
        assert run.font == ("Bold" if bold else "Regular")
        assert near(run.end + PAD_H, FRAME_RIGHT - YEAR_WIDTH)
        assert near(page.one("Eigenaar").x, run.x)


def test_headings_over_two_lines_make_the_heading_row_taller(tmp_path):
    """A heading with a line break, or wider than 80 pt in a fit column, takes two lines; the rows start below it."""
    columns = [Column("Rol"), Column("voor uitvoering\n(fte)", RIGHT, fit=True),
               Column("totaal\ncapaciteit in dagdelen per week", RIGHT, fit=True)]
    page, = render(tmp_path, [GridTable(columns, [Row(["Manager", "0,80", "8\n(3)"])])])
    top_y = FRAME_TOP - FIRST_BASELINE
    assert near(page.one("Rol").y, top_y)
    voor, fte = page.one("voor uitvoering"), page.one("(fte)")
    assert near(voor.y, top_y) and near(fte.y, top_y - LEADING) and near(voor.end, fte.end)
    wrapped = sorted((r for r in page.table_runs() if r.font == "Bold" and r.x > voor.end), key=lambda r: -r.y)
    assert len(wrapped) >= 3 and " ".join(r.text for r in wrapped) == "totaal capaciteit in dagdelen per week"
    for index, run in enumerate(wrapped):
        assert run.width <= 80 + TOLERANCE and near(run.y, top_y - index * LEADING)
        assert near(run.end, FRAME_RIGHT - PAD_H)
    widest = max(r.width for r in wrapped)
    assert near(voor.end, FRAME_RIGHT - widest - 2 * PAD_H - PAD_H)  # the column is as wide as its heading
    header_height = len(wrapped) * LEADING + 2 * PAD_V
    row_y = FRAME_TOP - header_height - FIRST_BASELINE
    assert near(page.one("Manager").y, row_y) and near(page.one("0,80").end, voor.end)
    # A fit cell's own line break: two lines at the column edge; the amount beside it on the last line.
    assert near(page.one("8").y, row_y) and near(page.one("(3)").y, row_y - LEADING)
    assert near(page.one("8").end, FRAME_RIGHT - PAD_H) and near(page.one("(3)").end, FRAME_RIGHT - PAD_H)
    assert near(page.one("0,80").y, row_y - LEADING)
    assert near(header_rules(page)[0].y0, FRAME_TOP - header_height)



def test_a_heading_word_wider_than_eighty_points_is_never_cut(tmp_path):
    """"Programmabureau" in bold is a little over 80 pt: the column takes its width and the word
    stays whole (it was printed as "Programmabure" / "au"); other words still wrap between them."""
    word = "Programmabureau"
    assert stringWidth(word, BOLD, SIZE) > 80
    columns = [Column("Project"), Column(word, RIGHT, fit=True),
               Column(f"{word} en nog wat", RIGHT, fit=True)]
    page, = render(tmp_path, [GridTable(columns, [Row(["Samen leren", "3", "4"])])])
    heads = [r for r in page.table_runs() if r.font == "Bold" and r.text != "Project"]
    assert [r.text for r in sorted(heads, key=lambda r: (r.x, -r.y))] == [word, word, "en nog wat"]
    first, second = sorted((r for r in heads if r.text == word), key=lambda r: r.x)
    assert near(first.width, stringWidth(word, BOLD, SIZE))
    assert near(page.one("3").end, first.end)  # the column is the word's width plus padding
    assert near(second.end, FRAME_RIGHT - PAD_H) and near(page.one("en nog wat").end, second.end)

def test_columns_without_a_width_share_what_is_left_in_proportion(tmp_path):
    """Columns with a share divide what is left 3 : 1.4; dots, blank cells and long texts keep to their column."""
    green = styles.LIGHTS["green"]
    columns = [Column("Inspanning", share=3), Column("Status", RIGHT, fit=True, min_width=YEAR_WIDTH),
               Column("Opmerking", share=1.4)]
    rows = [Row(["Actie een", Cell("klaar", light=green), "Geen"]), Row(["Actie twee", None, "Nog niets"]),
            Row(["Alleen een naam"]), Row([Cell(LONG_TEXT, light=green), "", ""]),
            Row([LONG_TEXT, "", ""], bold=True), Row(["Vet", "", Cell(LONG_TEXT, bold=True)]),
            Row(["Ingesprongen", "", LONG_TEXT], indent=2)]
    page, = render(tmp_path, [GridTable(columns, rows)])
    inspanning = (FRAME_WIDTH - YEAR_WIDTH) * 3 / 4.4
    status_left = FRAME_LEFT + inspanning
    remark_left = status_left + YEAR_WIDTH
    assert near(page.one("Status").end, remark_left - PAD_H) and near(page.one("klaar").end, remark_left - PAD_H)
    for text in ("Opmerking", "Geen", "Nog niets"):
        assert near(page.one(text).x, remark_left + PAD_H), text
    dot, first_dot = sorted(page.blobs, key=lambda b: -b.x0)
    assert near((dot.x0 + dot.x1) / 2, status_left + PAD_H + 3.2)
    assert near((first_dot.x0 + first_dot.x1) / 2, FRAME_LEFT + PAD_H + 3.2)
    assert near(page.one("Alleen een naam").y, baseline_of_row(FRAME_TOP, 2))
    assert near(page.one("Nog niets").y, baseline_of_row(FRAME_TOP, 1))
    # Long texts wrap within their column: after the dot and its space; in bold, measured in bold.
    for font, x0 in (("Regular", FRAME_LEFT + PAD_H + LIGHT_SPACE), ("Bold", FRAME_LEFT + PAD_H)):
        lines = sorted((r for r in page.table_runs() if r.font == font and near(r.x, x0) and r.y < baseline_of_row(
            FRAME_TOP, 2)), key=lambda r: -r.y)
        inner = status_left - PAD_H - x0
        assert len(lines) >= 4 and " ".join(r.text for r in lines) == LONG_TEXT
        assert all(r.width <= inner + TOLERANCE for r in lines)
        measure = BOLD if font == "Bold" else REGULAR
        for run, after in zip(lines, lines[1:]):
            assert stringWidth(run.text + " " + after.text.split(" ")[0], measure, SIZE) > inner
    # In the remarks column: a bold cell in a plain row, measured in bold; a row's indent does not narrow it.
    inner = FRAME_RIGHT - remark_left - 2 * PAD_H
    for font, row_name in (("Bold", "Vet"), ("Regular", "Ingesprongen")):
        top = page.one(row_name).y
        lines = sorted((r for r in page.table_runs() if r.font == font and near(r.x, remark_left + PAD_H)
                        and r.y <= top + TOLERANCE and r.y > top - 20 * LEADING), key=lambda r: -r.y)
        lines = lines[:next(i for i, r in enumerate(lines) if r.text.endswith("regio")) + 1]
        assert near(lines[0].y, top) and " ".join(r.text for r in lines) == LONG_TEXT
        measure = BOLD if font == "Bold" else REGULAR
        assert all(r.width <= inner + TOLERANCE for r in lines)
        for run, after in zip(lines, lines[1:]):
            assert stringWidth(run.text + " " + after.text.split(" ")[0], measure, SIZE) > inner


def test_a_centred_column_centres_its_heading_and_its_cells(tmp_path):
    """Counts in a centred column stand in the middle of the column, whatever their width."""
    columns = [Column("Project"), Column("te laat", CENTER, fit=True, min_width=YEAR_WIDTH)]
    page, = render(tmp_path, [GridTable(columns, [Row(["Een", "1"]), Row(["Twee", "123"]), Row(["Drie", "–"])])])
    middle = FRAME_RIGHT - YEAR_WIDTH / 2
    for text in ("te laat", "1", "123", "–"):
        run = page.one(text)
        assert near((run.x + run.end) / 2, middle), run


def test_a_column_of_fixed_width_pushes_the_next_one_exactly_that_far(tmp_path):
    """The labels of a project sheet take 48 mm; the values start 4 pt after it and wrap within the rest."""
    columns = [Column("", width=48 * MM), Column("")]
    rows = [Row([Cell("Omschrijving", color=styles.MUTED), LONG_TEXT]), Row(["Periode", "2030"])]
    page, = render(tmp_path, [GridTable(columns, rows, header=False)])
    label = page.one("Omschrijving")
    assert near(label.y, FRAME_TOP - FIRST_BASELINE)  # no heading row: the first row at the top
    assert label.color == tuple(styles.MUTED.rgb())
    x = FRAME_LEFT + 48 * MM + PAD_H
    values = sorted((r for r in page.table_runs() if near(r.x, x)), key=lambda r: -r.y)
    assert " ".join(r.text for r in values[:-1]) == LONG_TEXT
    assert all(r.width <= FRAME_WIDTH - 48 * MM - 2 * PAD_H + TOLERANCE for r in values)
    assert near(values[0].y, label.y) and values[-1].text == "2030"
    assert near(values[-1].y, values[-2].y - ROW)
    assert not header_rules(page)
    # Without a heading row the table is no taller than its rows: the text after it follows 6 pt below.
    page, = render(tmp_path, [GridTable(columns, rows[1:], header=False), Paragraph("Daarna", styles.BODY)])
    assert near(page.one("Daarna").y, FRAME_TOP - ROW - 6 - styles.BODY_SIZE)


def test_too_many_year_columns_shrink_so_the_description_keeps_forty_points(tmp_path):
    """Nine year columns that do not fit shrink alike so the description keeps 40 pt, its text wrapped in it."""
    years = [str(2030 + n) for n in range(9)]
    page, = render(tmp_path, [year_table([Row(["Een heel lange omschrijving", *["1"] * 9])], years=years)])
    step = (FRAME_WIDTH - 40) / 9
    for n, year in enumerate(years):
        assert near(page.one(year).end, FRAME_RIGHT - PAD_H - (8 - n) * step)
    words = sorted((r for r in page.table_runs() if near(r.x, FRAME_LEFT + PAD_H) and r.font == "Regular"),
                   key=lambda r: -r.y)
    # 40 pt less the padding: words are broken where they must be, nothing is lost; the heading too.
    heading = sorted((r for r in page.table_runs() if near(r.x, FRAME_LEFT + PAD_H) and r.font == "Bold"),
                     key=lambda r: -r.y)
    assert len(heading) >= 2 and "".join(r.text for r in heading) == "Omschrijving"
    assert all(r.width <= 40 - 2 * PAD_H + TOLERANCE for r in heading)
    header_height = len(heading) * LEADING + 2 * PAD_V
    assert near(words[0].y, FRAME_TOP - header_height - FIRST_BASELINE)
    assert len(words) >= 4 and all(r.width <= 40 - 2 * PAD_H + TOLERANCE for r in words)
    assert "".join(r.text for r in words).replace(" ", "") == "Eenheellangeomschrijving"


def test_two_description_columns_keep_forty_points_each_and_a_deep_indent_still_shows_letters(tmp_path):
    """Two shared columns keep 40 pt each beside seven year columns; a deep indent still prints letter by letter."""
    years = [str(2030 + n) for n in range(7)]  # 420 pt: 67 pt left for two columns
    columns = [Column("Omschrijving"), *[Column(y, RIGHT, fit=True, min_width=YEAR_WIDTH) for y in years],
               Column("Noot")]
    page, = render(tmp_path, [GridTable(columns, [Row(["eeee", *["1"] * 7, "x"], indent=3)])])
    step = (FRAME_WIDTH - 80) / 7
    for n, year in enumerate(years):
        assert near(page.one(year).end, FRAME_LEFT + 40 + (n + 1) * step - PAD_H)
    assert near(page.one("Noot").x, FRAME_RIGHT - 40 + PAD_H) and near(page.one("x").x, FRAME_RIGHT - 40 + PAD_H)
    letters = sorted((r for r in page.table_runs() if near(r.x, FRAME_LEFT + PAD_H + 3 * INDENT)), key=lambda r: -r.y)
    assert [r.text for r in letters] == ["e", "e", "e", "e"]
    assert [round(a.y - b.y, 2) for a, b in zip(letters, letters[1:])] == [LEADING] * 3


def test_columns_that_are_all_too_wide_shrink_to_the_frame(tmp_path):
    """Nine fit columns of 60 pt in a 487 pt frame: each takes a ninth, the last ending at the margin."""
    columns = [Column(f"K{n}", RIGHT, fit=True, min_width=YEAR_WIDTH) for n in range(9)]
    page, = render(tmp_path, [GridTable(columns, [Row([str(n) for n in range(9)])])])
    step = FRAME_WIDTH / 9
    for n in range(9):
        assert near(page.one(f"K{n}").end, FRAME_RIGHT - PAD_H - (8 - n) * step)
        assert near(page.one(str(n)).end, FRAME_RIGHT - PAD_H - (8 - n) * step)


def test_fonts_follow_the_row_and_a_cell_can_differ(tmp_path):
    """Headings and totals bold, italic rows italic, bold italic for both; a marker cell italic in a plain row."""
    rows = [Row(["gewoon", "1", Cell("PM", italic=True)]),
            Row(["vet", "2", Cell("22", bold=False)], bold=True),
            Row(["schuin", "3", Cell("33", italic=False)], italic=True),
            Row(["vetschuin", "4", "44"], bold=True, italic=True),
            Row(["cel vet", Cell("5", bold=True), "55"])]
    page, = render(tmp_path, [year_table(rows)])
    expected = {"gewoon": "Regular", "1": "Regular", "PM": "Italic", "vet": "Bold", "2": "Bold",
                "22": "Regular", "schuin": "Italic", "3": "Italic", "33": "Regular",
                "vetschuin": "BoldItalic", "4": "BoldItalic", "44": "BoldItalic",
                "cel vet": "Regular", "5": "Bold", "55": "Regular"}
    assert {t: page.one(t).font for t in expected} == expected
    for index, name in enumerate(("gewoon", "vet", "schuin", "vetschuin", "cel vet")):
        assert near(page.one(name).y, baseline_of_row(FRAME_TOP, index))


def test_coloured_cells_and_rows_keep_their_colour_and_the_next_cell_is_ink_again(tmp_path):
    """A negative amount in red does not colour the amount after it; a muted row is grey throughout."""
    red, grey = styles.LIGHTS["red"], styles.MUTED
    rows = [Row(["saldo", Cell("-1.000", color=red), "2.000"]),
            Row(["grijs", "3.000", Cell("4.000", color=red)], color=grey),
            Row(["daarna", "5.000", "6.000"])]
    page, = render(tmp_path, [year_table(rows)])
    ink = (0.0, 0.0, 0.0)
    colours = {t: page.one(t).color for t in ("saldo", "-1.000", "2.000", "grijs", "3.000", "4.000",
                                              "daarna", "5.000", "6.000", "Omschrijving")}
    assert colours == {"saldo": ink, "-1.000": tuple(red.rgb()), "2.000": ink, "grijs": tuple(grey.rgb()),
                       "3.000": tuple(grey.rgb()), "4.000": tuple(red.rgb()), "daarna": ink,
                       "5.000": ink, "6.000": ink, "Omschrijving": ink}


def test_note_marks_stand_small_and_raised_right_after_their_text_and_the_notes_at_the_foot(tmp_path):
    """Note marks stand small and raised right after their text; the notes stand at the foot, ending on the margin."""
    long_note = ("In 2020 en 2021 jaarlijks met € 50.000 aangevuld uit de reserve van de regio; vanaf 2022 "
                 "uit de reguliere regiobegroting, zoals het bestuurlijk overleg op 11 november 2021 besloot, "
                 "met een evaluatie na het eerste jaar.")
    texts = {1: long_note, 2: "Tweede toelichting.", 3: "Derde.", 4: "Vierde."}
    one, two, three, four = (Note(n, texts[n]) for n in range(1, 5))
    rows = [Row([Cell("Post met noot", notes=(one,)), Cell("1.000", notes=(two, three)), "2.000"]),
            Row([Cell(LONG_TEXT, notes=(four,)), "3.000", "4.000"])]
    page, = render(tmp_path, [year_table(rows)])
    y = baseline_of_row(FRAME_TOP, 0)
    for text, mark in (("Post met noot", " 1"), ("1.000", " 2,3")):
        run, raised = page.one(text), page.one(mark)
        assert near(raised.x, run.end) and near(raised.y, y + NOTE_MARK_RISE)
        assert raised.size == NOTE_MARK_SIZE and raised.font == "Regular" and near(run.y, y)
    assert near(page.one("2.000").y, y)  # not raised with the mark before it
    last_line = min((r for r in page.table_runs() if near(r.x, FRAME_LEFT + PAD_H) and r.y < y),
                    key=lambda r: r.y)
    mark4 = page.one(" 4")
    assert near(mark4.x, last_line.end) and near(mark4.y, last_line.y + NOTE_MARK_RISE)
    # The notes: numbered in the margin, text 12 pt further (wrapped within the frame), lines 8.6 pt apart,
    # 1.2 pt between notes, under a rule of 5 cm, the last line on the bottom margin.
    numbers = sorted((r for r in page.runs if r.size == NOTE_SIZE and near(r.x, FRAME_LEFT)), key=lambda r: -r.y)
    lines = sorted((r for r in page.runs if r.size == NOTE_SIZE and near(r.x, FRAME_LEFT + NOTE_NUMBER_WIDTH)),
                   key=lambda r: -r.y)
    assert [r.text for r in numbers] == ["1", "2", "3", "4"]
    first = len(lines) - 3
    assert first >= 2 and " ".join(r.text for r in lines[:first]) == long_note
    assert all(r.width <= FRAME_WIDTH - NOTE_NUMBER_WIDTH + TOLERANCE for r in lines)
    assert [r.text for r in lines[first:]] == [texts[2], texts[3], texts[4]]
    block_top = FRAME_BOTTOM + NOTE_SEPARATOR + len(lines) * NOTE_LEADING + 4 * NOTE_GAP
    expected, baseline = [], block_top - NOTE_SEPARATOR
    for count in (first, 1, 1, 1):
        for _ in range(count):
            baseline -= NOTE_LEADING
            expected.append(baseline + 0.5)
        baseline -= NOTE_GAP
    assert [r.y for r in lines] == [pytest.approx(e, abs=TOLERANCE) for e in expected]
    assert near(expected[-1], FRAME_BOTTOM + NOTE_GAP + 0.5)  # the block ends on the bottom margin
    starts = (0, first, first + 1, first + 2)  # each number beside its note's first line
    assert [r.y for r in numbers] == [pytest.approx(expected[i], abs=TOLERANCE) for i in starts]
    separator, = [r for r in page.rules if r.width == 0.5]
    assert near(separator.y0, block_top - 3) and near(separator.x0, FRAME_LEFT)
    assert near(separator.x1, FRAME_LEFT + 50 * MM, 0.05)  # 5 cm


def test_bands_and_rules_mark_the_edges_of_their_own_row(tmp_path):
    """Bands fill their own row below its space, rules sit on its top and bottom, a double rule under the total."""
    band, subtle = styles.BAND, styles.SUBTLE
    rows = [Row(["Groep", "", ""], bold=True, background=band),
            Row(["Regel", "1", "2"]),
            Row(["Subtotaal", "1", "2"], bold=True, background=subtle, rule_above=0.4, space_above=6),
            Row(["Totaal", "1", "2"], bold=True, rule_above=0.8, rule_below=0.6, double_below=True, space_above=4),
            Row(["Dubbel", "", ""], double_below=True),
            Row(["Onder", "", ""], rule_below=1.0)]
    page, = render(tmp_path, [year_table(rows)])
    top = FRAME_TOP - ROW  # under the headings
    tops = {}
    for name, space in (("Groep", 0), ("Regel", 0), ("Subtotaal", 6), ("Totaal", 4), ("Dubbel", 0),
                        ("Onder", 0)):
        top -= space
        assert near(page.one(name).y, top - FIRST_BASELINE), name
        tops[name] = top
        top -= ROW
    groep, sub = sorted(page.rects, key=lambda r: -r.y)
    assert groep.color == tuple(band.rgb()) and sub.color == tuple(subtle.rgb())
    assert not groep.outlined and not sub.outlined  # a background, without a frame around it
    for rect, name in ((groep, "Groep"), (sub, "Subtotaal")):
        assert near(rect.x, FRAME_LEFT) and near(rect.w, FRAME_WIDTH)
        assert near(rect.top, tops[name]) and near(rect.h, ROW)
    table_rules = sorted(((round(r.y0, 2), r.width) for r in page.rules
                          if r.width != 0.9 and FRAME_BOTTOM < r.y0 < FRAME_TOP), reverse=True)
    expected = sorted([(round(tops["Subtotaal"], 2), 0.4), (round(tops["Totaal"], 2), 0.8),
                       (round(tops["Totaal"] - ROW, 2), 0.6), (round(tops["Totaal"] - ROW + 1.6, 2), 0.6),
                       (round(tops["Dubbel"] - ROW + 1.6, 2), 0.6), (round(tops["Onder"] - ROW, 2), 1.0)],
                      reverse=True)
    assert table_rules == [pytest.approx(e, abs=0.011) for e in expected]
    assert all(near(r.x0, FRAME_LEFT) and near(r.x1, FRAME_RIGHT) for r in page.rules
               if FRAME_BOTTOM < r.y0 < FRAME_TOP)
    last_band = max(r.seq for r in page.rects)
    body_rules = [r for r in page.rules if FRAME_BOTTOM < r.y0 < FRAME_TOP]
    assert all(r.seq > last_band for r in body_rules)
    assert all(t.seq > max(r.seq for r in body_rules) for t in page.table_runs())


def test_text_the_font_lacks_is_set_in_the_fallback_font_in_pieces_that_join_up(tmp_path):
    """An emoji in a description or an amount cell: the pieces join without gaps, an amount still ends at its edge."""
    page, = render(tmp_path, [year_table([Row(["Zorg 😀 welzijn", "1.000", "✓ 2"])])])
    y = baseline_of_row(FRAME_TOP, 0)
    pieces = sorted((r for r in page.table_runs() if near(r.y, y) and r.x < FRAME_LEFT + 150),
                    key=lambda r: r.x)
    assert [p.text for p in pieces] == ["Zorg ", "😀", " welzijn"]
    assert near(pieces[0].x, FRAME_LEFT + PAD_H) and pieces[1].font not in ("Regular", "Bold")
    assert near(pieces[0].end, pieces[1].x) and near(pieces[1].end, pieces[2].x)
    right = sorted((r for r in page.table_runs() if near(r.y, y) and r.x > FRAME_RIGHT - YEAR_WIDTH),
                   key=lambda r: r.x)
    assert "".join(r.text for r in right) == "✓ 2" and near(right[-1].end, FRAME_RIGHT - PAD_H)
    assert all(near(a.end, b.x) for a, b in zip(right, right[1:]))


# --- tables over pages ------------------------------------------------------------------------

ROWS_PER_PAGE = int((FRAME_HEIGHT - ROW) // ROW)  # one-line rows under the headings of a full page


def check_headings_on_top(page: PdfPage, top: float = FRAME_TOP) -> None:
    for text, x, end in (("Omschrijving", FRAME_LEFT + PAD_H, None),
                         ("2030", None, FRAME_RIGHT - PAD_H - YEAR_WIDTH), ("2031", None, FRAME_RIGHT - PAD_H)):
        run = page.one(text)
        assert run.font == "Bold" and near(run.y, top - FIRST_BASELINE)
        assert near(run.x, x) if x else near(run.end, end)
    assert [round(r.y0, 2) for r in header_rules(page)] == [round(top - ROW, 2)]


def test_a_long_table_fills_each_page_and_repeats_its_headings_on_the_next(tmp_path):
    """A long table fills each page, repeats its column headings on the next, and loses or repeats no row."""
    pages = render(tmp_path, [SectionStart("Begroting"), year_table(lines_rows(100))])
    assert len(pages) == 3
    assert ROWS_PER_PAGE == 46  # 722.8 pt of frame: headings and 46 rows of 15.3 pt
    seen = []
    for page in pages:
        check_headings_on_top(page)
        names = post_rows(page)
        for index, name in enumerate(names):
            run = page.one(name)
            assert near(run.y, baseline_of_row(FRAME_TOP, index)) and near(run.x, FRAME_LEFT + PAD_H)
            number = int(name.split()[1])
            assert near(page.one(f"{number}.500").y, run.y)
            assert run.y - (ROW - FIRST_BASELINE) >= FRAME_BOTTOM - TOLERANCE  # the row's bottom in the frame
        seen += names
    assert [len(post_rows(p)) for p in pages] == [46, 46, 8]
    assert seen == [f"Post {n}" for n in range(100)]


def test_rows_that_fill_the_page_exactly_stay_and_half_a_point_more_goes_over(tmp_path):
    """Rows ending exactly on the bottom margin stay; half a point more and the last row goes to the next page."""
    exact = FRAME_HEIGHT - ROW - ROWS_PER_PAGE * ROW  # space above the first row so 46 rows end on the margin
    pages = render(tmp_path, [year_table([Row(["Post 0", "0.000", "0.500"], space_above=exact),
                                          *lines_rows(59, start=1)])])
    assert [len(post_rows(p)) for p in pages] == [ROWS_PER_PAGE, 60 - ROWS_PER_PAGE]
    last = pages[0].one(f"Post {ROWS_PER_PAGE - 1}")
    assert near(last.y - (ROW - FIRST_BASELINE), FRAME_BOTTOM)

    pages = render(tmp_path, [year_table([Row(["Post 0", "0.000", "0.500"], space_above=exact + 0.5),
                                          *lines_rows(59, start=1)])])
    assert [len(post_rows(p)) for p in pages] == [ROWS_PER_PAGE - 1, 61 - ROWS_PER_PAGE]
    assert post_rows(pages[1])[0] == f"Post {ROWS_PER_PAGE - 1}"


def group_rows(lines: int) -> list[Row]:
    """Group "1. Zorg" with subgroup "Jeugd" and its lines, and their subtotals (as the budget annex has)."""
    rows = [Row(["1. Zorg", "", ""], bold=True, heading=True, keep_with_next=True, background=styles.BAND,
                rule_above=0.4, space_above=6),
            Row(["Jeugd", "", ""], bold=True, indent=1, heading=True, keep_with_next=True, path=(0,))]
    rows += [Row([f"Post {n}", f"{n}.000", f"{n}.500"], indent=2, path=(0, 1)) for n in range(lines)]
    rows[-1].keep_with_next = True
    rows.append(Row(["Subtotaal Jeugd", "9.000", "9.500"], bold=True, indent=1, rule_above=0.4,
                    background=styles.SUBTLE, path=(0, 1)))
    rows.append(Row(["Totaal", "9.000", "9.500"], bold=True, rule_above=0.8))
    return rows


def test_a_group_that_goes_over_gets_its_headings_again_marked_vervolg(tmp_path):
    """A group that goes over repeats its headings in bold italic "(vervolg)", without space or rule."""
    pages = render(tmp_path, [year_table(group_rows(80))])
    first, second = pages[0], pages[1]
    # Page 1: the heading 6 pt down (its space above), its rule on its top, its band below the rule.
    top = FRAME_TOP - ROW - 6
    zorg = first.one("1. Zorg")
    assert near(zorg.y, top - FIRST_BASELINE) and zorg.font == "Bold"
    assert [r.width for r in first.rules_at(top)] == [0.4]
    band = next(r for r in first.rects if r.color == tuple(styles.BAND.rgb()))
    assert near(band.top, top) and near(band.h, ROW)
    on_first = int((FRAME_HEIGHT - ROW - 6) // ROW) - 2  # lines under the two headings
    assert post_rows(first) == [f"Post {n}" for n in range(on_first)]

    check_headings_on_top(second)
    zorg2, jeugd2 = second.one("1. Zorg (vervolg)"), second.one("Jeugd (vervolg)")
    assert zorg2.font == jeugd2.font == "BoldItalic"
    assert near(zorg2.x, FRAME_LEFT + PAD_H) and near(jeugd2.x, FRAME_LEFT + PAD_H + INDENT)
    assert near(zorg2.y, baseline_of_row(FRAME_TOP, 0)) and near(jeugd2.y, baseline_of_row(FRAME_TOP, 1))
    band2 = next(r for r in second.rects if r.color == tuple(styles.BAND.rgb()))
    assert near(band2.top, FRAME_TOP - ROW) and near(band2.h, ROW)  # its band, without the space
    assert not second.rules_at(FRAME_TOP - ROW - 6) and [r.width for r in second.rules_at(FRAME_TOP - ROW)] == [0.9]
    line = second.one(f"Post {on_first}")
    assert near(line.y, baseline_of_row(FRAME_TOP, 2)) and near(line.x, FRAME_LEFT + PAD_H + 2 * INDENT)
    assert line.font == "Regular"


def test_a_heading_that_only_just_fits_takes_two_lines_when_marked_vervolg(tmp_path):
    """A subgroup heading that only just fits wraps when marked "(vervolg)", and the rows under it move down."""
    inner = FRAME_WIDTH - 2 * YEAR_WIDTH - 2 * PAD_H - INDENT  # the description column at one indent step
    label = "Ondersteuning van kwetsbare gezinnen en jeugdigen in de regio"
    assert stringWidth(label, BOLD, SIZE) <= inner  # one line on the first page
    # Marked "(vervolg)" it no longer fits, though it would without the indent.
    assert inner < stringWidth(label + " (vervolg)", BOLD_ITALIC, SIZE) <= inner + INDENT - 0.5
    rows = [Row(["1. Zorg", "", ""], bold=True, heading=True, keep_with_next=True),
            Row([label, "", ""], bold=True, indent=1, heading=True, keep_with_next=True, path=(0,))]
    rows += [Row([f"Post {n}", f"{n}.000", f"{n}.500"], indent=2, path=(0, 1)) for n in range(60)]
    first, second = render(tmp_path, [year_table(rows)])
    assert near(first.one(label).y, baseline_of_row(FRAME_TOP, 1)) and first.one(label).font == "Bold"
    assert near(second.one("1. Zorg (vervolg)").y, baseline_of_row(FRAME_TOP, 0))
    continued = sorted((r for r in second.table_runs() if r.font == "BoldItalic" and r.x > FRAME_LEFT + PAD_H + 1),
                       key=lambda r: -r.y)
    assert len(continued) == 2 and " ".join(r.text for r in continued) == label + " (vervolg)"
    assert near(continued[0].y, baseline_of_row(FRAME_TOP, 1)) and near(continued[1].y, continued[0].y - LEADING)
    assert all(near(r.x, FRAME_LEFT + PAD_H + INDENT) and r.width <= inner + TOLERANCE for r in continued)
    after = second.one(post_rows(second)[0])
    assert near(after.y, FRAME_TOP - 2 * ROW - (2 * LEADING + 2 * PAD_V) - FIRST_BASELINE)


def test_a_subtotal_is_never_the_first_row_of_a_page(tmp_path):
    """When only the subtotal would go over, the line before it goes along, under the group's headings again."""
    on_page = int((FRAME_HEIGHT - ROW - 6) // ROW)  # rows of page 1 (the heading has 6 pt above it)
    first, second = render(tmp_path, [year_table(group_rows(on_page - 2))])  # the subtotal is the first over
    assert post_rows(first) == [f"Post {n}" for n in range(on_page - 3)]
    assert "Subtotaal Jeugd" not in first.texts()
    order = [r.text for r in sorted(second.table_runs(), key=lambda r: -r.y) if r.x < FRAME_LEFT + 100]
    assert order == ["Omschrijving", "1. Zorg (vervolg)", "Jeugd (vervolg)", f"Post {on_page - 3}",
                     "Subtotaal Jeugd", "Totaal"]
    assert near(second.one(f"Post {on_page - 3}").y, baseline_of_row(FRAME_TOP, 2))
    assert near(second.one("Subtotaal Jeugd").y, baseline_of_row(FRAME_TOP, 3))


def test_a_group_heading_is_never_the_last_row_of_a_page(tmp_path):
    """A group and subgroup heading that would end a page go to the next one, as headings, not "(vervolg)"."""
    rows = [Row(["1. Zorg", "", ""], bold=True, heading=True, keep_with_next=True)]
    rows += [Row([f"Post {n}", f"{n}.000", f"{n}.500"], indent=1, path=(0,)) for n in range(ROWS_PER_PAGE - 3)]
    g2 = len(rows)
    rows.append(Row(["2. Welzijn", "", ""], bold=True, heading=True, keep_with_next=True))
    rows.append(Row(["Sport", "", ""], bold=True, indent=1, heading=True, keep_with_next=True, path=(g2,)))
    rows += [Row([f"Post {n}", f"{n}.000", f"{n}.500"], indent=2, path=(g2, g2 + 1))
             for n in range(100, 110)]
    first, second = render(tmp_path, [year_table(rows)])
    assert "2. Welzijn" not in first.texts() and "Sport" not in first.texts()
    assert post_rows(first)[-1] == f"Post {ROWS_PER_PAGE - 4}"
    welzijn, sport = second.one("2. Welzijn"), second.one("Sport")
    assert welzijn.font == sport.font == "Bold" and not any("(vervolg)" in t for t in second.texts())
    assert near(welzijn.y, baseline_of_row(FRAME_TOP, 0)) and near(sport.y, baseline_of_row(FRAME_TOP, 1))
    assert near(sport.x, FRAME_LEFT + PAD_H + INDENT)


def test_a_table_that_can_only_start_with_its_heading_or_nothing_starts_on_the_next_page(tmp_path):
    """Headings are never left alone at the foot of a page: such a table starts on the next page instead."""
    spacer = Spacer(1, FRAME_HEIGHT - 2.5 * ROW)  # leaves the headings and one and a half rows
    heading = Row(["1. Zorg", "", ""], bold=True, heading=True, keep_with_next=True)
    pages = render(tmp_path, [spacer, year_table([heading, *lines_rows(5)])])
    assert len(pages) == 2 and "Omschrijving" not in pages[0].texts()
    check_headings_on_top(pages[1])
    assert near(pages[1].one("1. Zorg").y, baseline_of_row(FRAME_TOP, 0))

    pages = render(tmp_path, [Spacer(1, FRAME_HEIGHT - 2.5 * ROW), year_table(lines_rows(5))])
    assert post_rows(pages[0]) == ["Post 0"]
    check_headings_on_top(pages[0], FRAME_BOTTOM + 2.5 * ROW)
    check_headings_on_top(pages[1])
    assert post_rows(pages[1]) == [f"Post {n}" for n in range(1, 5)]

    pages = render(tmp_path, [Spacer(1, FRAME_HEIGHT - 1.5 * ROW), year_table(lines_rows(5))])
    assert "Omschrijving" not in pages[0].texts() and post_rows(pages[1]) == [f"Post {n}" for n in range(5)]

    # A group and its subgroup heading, and room for just those two: both go to the next page.
    sub = Row(["Jeugd", "", ""], bold=True, indent=1, heading=True, keep_with_next=True, path=(0,))
    lines = [Row([f"Post {n}", "1", "2"], indent=2, path=(0, 1)) for n in range(5)]
    pages = render(tmp_path, [Spacer(1, FRAME_HEIGHT - 3.5 * ROW), year_table([heading, sub, *lines])])
    assert len(pages) == 2 and "Omschrijving" not in pages[0].texts()
    assert near(pages[1].one("Jeugd").y, baseline_of_row(FRAME_TOP, 1))
    # Room for a heading and one line under it: they start here.
    pages = render(tmp_path, [Spacer(1, FRAME_HEIGHT - 3.5 * ROW), year_table([heading, *lines_rows(5)])])
    assert "1. Zorg" in pages[0].texts() and post_rows(pages[0]) == ["Post 0"]
    assert near(pages[0].one("Post 0").y, baseline_of_row(FRAME_BOTTOM + 3.5 * ROW, 1))


def test_notes_of_the_rows_on_a_page_stand_at_its_foot_and_the_rows_stop_above_them(tmp_path):
    """Each note stands at the foot of its row's page, the rows stop above the notes, a page takes all that fit."""
    plain = 28  # the room left for rows with notes is 19 pt over ten of them: one separator fits, not two
    rows = lines_rows(plain)
    rows += [Row([Cell(f"Post {n}", notes=(Note(n - plain + 1, f"Toelichting bij post {n}."),)), f"{n}.000",
                  f"{n}.500"]) for n in range(plain, 60)]
    pages = render(tmp_path, [year_table(rows)])
    with_note = ROW + NOTE_LEADING + NOTE_GAP
    fit = plain + int((FRAME_HEIGHT - ROW - plain * ROW - NOTE_SEPARATOR) // with_note)
    assert fit == 38
    assert [len(post_rows(p)) for p in pages] == [fit, 60 - fit]
    start = 0
    for page in pages:
        names = post_rows(page)
        numbers = [int(n.split()[1]) for n in names]
        assert numbers == list(range(start, start + len(names)))
        start += len(names)
        notes = [n for n in numbers if n >= plain]
        texts = [page.one(f"Toelichting bij post {n}.") for n in notes]
        assert [r.text for r in sorted(texts, key=lambda r: -r.y)] == [f"Toelichting bij post {n}." for n in notes]
        assert not any(t.startswith("Toelichting") and int(t.split()[3][:-1]) not in notes for t in page.texts())
        assert near(min(r.y for r in texts), FRAME_BOTTOM + NOTE_GAP + 0.5)
        block_top = FRAME_BOTTOM + NOTE_SEPARATOR + len(notes) * (NOTE_LEADING + NOTE_GAP)
        separator, = [r for r in page.rules if r.width == 0.5]
        assert near(separator.y0, block_top - 3)
        lowest = page.one(names[-1]).y - (ROW - FIRST_BASELINE)
        assert lowest >= block_top - TOLERANCE  # the rows stop above the notes
        for n in notes:  # the raised mark after the name
            mark = page.one(f" {n - plain + 1}")
            assert near(mark.x, page.one(f"Post {n}").end) and near(mark.y, page.one(f"Post {n}").y + NOTE_MARK_RISE)


def noted_rows(first: int, count: int, note_from: int) -> list[Row]:
    return [Row([Cell(f"Post {n}", notes=(Note(note_from + n - first, f"Toelichting {n}."),)), f"{n}.000",
                 f"{n}.500"]) for n in range(first, first + count)]


def test_a_table_after_one_with_notes_stops_above_those_notes_and_the_next_page_is_full_height(tmp_path):
    """A table after one with notes stops above those notes (one separator); the next page has its full height."""
    first = year_table([Row(["Post 0", "0.000", "0.500"]),
                        Row([Cell("Post 1", notes=(Note(1, "Een toelichting die op deze bladzijde hoort."),)),
                             "1.000", "1.500"])])
    second = year_table(lines_rows(20, start=100) + noted_rows(120, 60, 2))
    pages = render(tmp_path, [first, second])
    page = pages[0]
    with_note = ROW + NOTE_LEADING + NOTE_GAP
    second_top = FRAME_TOP - 3 * ROW - 6  # under the first table and its 6 pt after
    first_notes = NOTE_SEPARATOR + NOTE_LEADING + NOTE_GAP
    noted = int((second_top - FRAME_BOTTOM - first_notes - ROW - 20 * ROW) // with_note)
    assert noted == 13  # (with a second separator only 12 would fit)
    names = post_rows(page)
    assert names == ["Post 0", "Post 1"] + [f"Post {n}" for n in range(100, 120 + noted)]
    assert [round(r.y0, 2) for r in header_rules(page)] == [round(FRAME_TOP - ROW, 2), round(second_top - ROW, 2)]
    for index, name in enumerate(names[2:]):
        assert near(page.one(name).y, baseline_of_row(second_top, index))
    block_top = FRAME_BOTTOM + first_notes + noted * (NOTE_LEADING + NOTE_GAP)
    lowest = page.one(names[-1]).y - (ROW - FIRST_BASELINE)
    assert lowest >= block_top - TOLERANCE  # above the notes
    separator, = [r for r in page.rules if r.width == 0.5]  # one separator for both tables' notes
    assert near(separator.y0, block_top - 3)
    notes = sorted((r for r in page.runs if r.size == NOTE_SIZE and r.x > FRAME_LEFT + 1), key=lambda r: -r.y)
    assert [r.text for r in notes] == ["Een toelichting die op deze bladzijde hoort."] + [
        f"Toelichting {n}." for n in range(120, 120 + noted)]
    follow = pages[1]
    again = int((FRAME_HEIGHT - ROW - NOTE_SEPARATOR) // with_note)  # the whole frame again
    assert post_rows(follow) == [f"Post {n}" for n in range(120 + noted, 120 + noted + again)]
    assert "Een toelichting die op deze bladzijde hoort." not in follow.texts()
    assert len([r for r in follow.rules if r.width == 0.5]) == 1


def test_a_row_whose_note_does_not_fit_at_the_foot_goes_over_with_its_note(tmp_path):
    """Room for the rows but not for the note of the last one: that row and its note go to the next page."""
    room = 4 * ROW + NOTE_SEPARATOR  # headings and three rows, but not the last row's note
    rows = lines_rows(2) + noted_rows(2, 1, 1)
    pages = render(tmp_path, [Spacer(1, FRAME_HEIGHT - room), year_table(rows)])
    assert post_rows(pages[0]) == ["Post 0", "Post 1"] and "Toelichting 2." not in pages[0].texts()
    assert post_rows(pages[1]) == ["Post 2"] and "Toelichting 2." in pages[1].texts()

    pages = render(tmp_path, [Spacer(1, FRAME_HEIGHT - room - NOTE_LEADING - NOTE_GAP), year_table(rows)])
    assert len(pages) == 1 and post_rows(pages[0]) == ["Post 0", "Post 1", "Post 2"]
    # Half a point short for the note: the row goes over, the note never runs into the footer.
    pages = render(tmp_path, [Spacer(1, FRAME_HEIGHT - room - NOTE_LEADING - NOTE_GAP + 0.5), year_table(rows)])
    assert post_rows(pages[0]) == ["Post 0", "Post 1"] and post_rows(pages[1]) == ["Post 2"]




# --- charts ------------------------------------------------------------------------------------------

def test_charts_fill_the_width_or_two_fifths_of_the_page_centred_under_their_titles(demo, tmp_path):
    """A wide chart spans the frame; a tall one is 0,42 of the frame high (two to a page),
    centred, its aspect kept; each stands on the page of its title, right under it."""
    from PIL import Image

    wide, tall = tmp_path / "breed.png", tmp_path / "hoog.png"
    Image.new("RGB", (1000, 500), (30, 90, 160)).save(wide)
    Image.new("RGB", (400, 1000), (200, 60, 40)).save(tall)
    charts = [("Breed", wide), ("Hoog", tall), ("Nog een hoge", tall)]
    pages = read_pdf(build(demo, tmp_path, "grafieken", charts=charts))
    placed = [(page, image) for page in pages for image in page.images]
    assert len(placed) == 3
    (_, breed), (_, hoog), (_, nog) = placed
    assert near(breed.x, FRAME_LEFT) and near(breed.w, FRAME_WIDTH) and near(breed.h, FRAME_WIDTH / 2)
    for image in (hoog, nog):
        assert near(image.h, 0.42 * FRAME_HEIGHT) and near(image.w, image.h * 0.4)
        assert near(image.x + image.w / 2, FRAME_LEFT + FRAME_WIDTH / 2)
    for (page, image), (title, _path) in zip(placed, charts, strict=True):
        heading = page.one(title)  # on the same page as its chart
        # right under it: the heading's line below its baseline and its space after
        assert near(heading.y - image.top, styles.HEADING2.leading - styles.HEADING2.fontSize
                    + styles.HEADING2.spaceAfter), title
        assert image.y >= FRAME_BOTTOM - TOLERANCE


# --- a row taller than a page ---------------------------------------------------------------------

def tall_rows(lines: int, **cell) -> list[Row]:
    """Three rows, a row of ``lines`` lines ("Regel 0" ..), and "Post 9" after it."""
    text = "\n".join(f"Regel {n}" for n in range(lines))
    return [*lines_rows(3), Row([Cell(text, **cell), "7.000", "7.500"]), Row(["Post 9", "9.000", "9.500"])]


def regels(page: PdfPage) -> list[Run]:
    return [r for r in page.runs if r.text.startswith("Regel ")]


def test_a_row_taller_than_a_page_goes_on_over_the_pages_line_by_line(tmp_path):
    """A 150-line remark starts right under the rows before it, fills each page to the bottom
    margin under repeated headings, loses or repeats no line, and its amounts stand on its last line."""
    pages = render(tmp_path, [year_table(tall_rows(150))])
    assert len(pages) == 3
    first_fit = int((FRAME_HEIGHT - ROW - 3 * ROW - 2 * PAD_V) // LEADING)  # under headings and 3 rows
    page_fit = int((FRAME_HEIGHT - ROW - 2 * PAD_V) // LEADING)  # under the headings of an empty page
    assert (first_fit, page_fit) == (62, 66)
    assert [len(regels(p)) for p in pages] == [first_fit, page_fit, 150 - first_fit - page_fit]
    assert [r.text for p in pages for r in regels(p)] == [f"Regel {n}" for n in range(150)]
    for number, page in enumerate(pages):
        check_headings_on_top(page)
        rows_above = 3 if number == 0 else 0
        first = regels(page)[0]
        assert near(first.y, baseline_of_row(FRAME_TOP, rows_above)) and near(first.x, FRAME_LEFT + PAD_H)
        for above, below in itertools.pairwise(regels(page)):
            assert near(above.y - below.y, LEADING)
        bottom = regels(page)[-1].y - (ROW - FIRST_BASELINE)  # of the row's piece on this page
        assert bottom >= FRAME_BOTTOM - TOLERANCE
        if page is not pages[-1]:
            assert bottom - LEADING < FRAME_BOTTOM  # one more line would not have fitted
    last = pages[-1]
    assert pages[0].find("7.000") == [] and pages[1].find("7.000") == []
    assert near(last.one("7.000").y, last.one("Regel 149").y) and near(last.one("7.500").y, last.one("Regel 149").y)
    assert last.one("Post 9").y < last.one("Regel 149").y - LEADING
    assert post_rows(pages[0]) == ["Post 0", "Post 1", "Post 2"] and post_rows(last) == ["Post 9"]


def test_a_row_taller_than_a_page_after_other_tables_starts_where_it_stands(tmp_path):
    """Not kept whole (it cannot be): begun on the page it comes to, not after an empty page."""
    pages = render(tmp_path, [Spacer(1, FRAME_HEIGHT / 2), year_table([Row(["Regel 0\nRegel 1", "1", "2"])]),
                              year_table(tall_rows(100))])
    assert len(pages) == 3 and regels(pages[0])[0].text == "Regel 0"
    assert [r.text for p in pages for r in regels(p)] == (
        ["Regel 0", "Regel 1"] + [f"Regel {n}" for n in range(100)])



def test_the_space_above_a_row_taller_than_a_page_is_kept_only_on_its_first_page(tmp_path):
    """A row with 12 pt above it keeps that space where it starts; its continuations start right
    under the repeated headings and hold as many lines as a page without that space."""
    text = "\n".join(f"Regel {n}" for n in range(190))
    pages = render(tmp_path, [year_table([Row([text, "7.000", "7.500"], space_above=12)])])
    first_fit = int((FRAME_HEIGHT - ROW - 2 * PAD_V - 12) // LEADING)
    page_fit = int((FRAME_HEIGHT - ROW - 2 * PAD_V) // LEADING)
    assert (first_fit, page_fit) == (65, 66)
    assert [len(regels(p)) for p in pages] == [first_fit, page_fit, 190 - first_fit - page_fit]
    assert near(regels(pages[0])[0].y, baseline_of_row(FRAME_TOP, 0) - 12)
    assert all(near(regels(p)[0].y, baseline_of_row(FRAME_TOP, 0)) for p in pages[1:])


def test_the_note_of_a_row_taller_than_a_page_is_marked_and_printed_once_on_the_page_it_ends(tmp_path):
    pages = render(tmp_path, [year_table(tall_rows(120, notes=(Note(1, "Toelichting bij de lange post."),)))])
    assert len(pages) == 2
    assert "Toelichting bij de lange post." not in pages[0].texts()
    assert pages[1].texts().count("Toelichting bij de lange post.") == 1
    marks = [r for p in pages for r in p.runs if r.text.strip() == "1" and r.size == NOTE_MARK_SIZE]
    assert len(marks) == 1
    assert near(marks[0].x, pages[1].one("Regel 119").end) and near(marks[0].y, pages[1].one("Regel 119").y + NOTE_MARK_RISE)


def test_tabs_and_carriage_returns_in_a_short_cell_print_as_a_space_and_a_new_line(tmp_path):
    """What was typed in Excel or Windows: no raw tab or CR character in the PDF's text."""
    pages = render(tmp_path, [year_table([Row(["Post\tmet tab", "1\t000", "2"]),
                                          Row(["Windows\r\nregel", "3", "4"]), Row(["Oude\rMac", "5", "6"])])])
    texts = pages[0].texts()
    assert {"Post met tab", "1 000", "Windows", "regel", "Oude", "Mac"} <= set(texts)
    assert not any(c in t for t in texts for c in "\t\r")
    assert near(pages[0].one("regel").y, pages[0].one("Windows").y - LEADING)


# --- a heading and its table: never a heading alone at the foot of a page -----------------------

HEADING2_ROOM = 12 + 15 + 5  # space before, leading, space after of a section's sub-heading


def room_story(room: float, table: GridTable) -> list:
    return [Spacer(1, FRAME_HEIGHT - room), *with_room(Heading("Dekking", styles.HEADING2), table)]


def test_a_small_table_and_its_heading_go_to_the_next_page_together_when_it_does_not_fit_whole(tmp_path):
    """A table of at most a third of a page is never split: it moves with its heading, or stays whole under it."""
    rows = 13  # with its headings 214 pt: more than a quarter of the 723 pt frame, less than a third
    assert FRAME_HEIGHT / 4 < (rows + 1) * ROW <= FRAME_HEIGHT / 3
    whole = HEADING2_ROOM + (rows + 1) * ROW + 6  # heading, the headings and the rows, and the space after
    pages = render(tmp_path, room_story(whole - 5, year_table(lines_rows(rows))))
    assert len(pages) == 2 and "Dekking" not in pages[0].texts() and not post_rows(pages[0])
    heading = pages[1].one("Dekking")
    assert near(heading.y, FRAME_TOP - 11.5) and heading.font == "Bold" and heading.size == 11.5
    assert post_rows(pages[1]) == [f"Post {n}" for n in range(rows)]

    pages = render(tmp_path, room_story(whole + 1, year_table(lines_rows(rows))))
    assert len(pages) == 1 and post_rows(pages[0]) == [f"Post {n}" for n in range(rows)]
    heading = pages[0].one("Dekking")
    assert near(heading.y, FRAME_BOTTOM + whole + 1 - 12 - 11.5)
    last = pages[0].one(f"Post {rows - 1}")
    assert near(last.y, heading.y + 11.5 - 15 - 5 - ROW - FIRST_BASELINE - (rows - 1) * ROW)


def test_a_long_table_starts_under_its_heading_when_three_rows_fit(tmp_path):
    """A long table starts under its heading when three rows fit there, else both move to the next page."""
    three = HEADING2_ROOM + 4 * ROW
    pages = render(tmp_path, room_story(three + 3, year_table(lines_rows(60))))
    assert "Dekking" in pages[0].texts() and post_rows(pages[0]) == ["Post 0", "Post 1", "Post 2"]
    check_headings_on_top(pages[1])
    assert post_rows(pages[1])[0] == "Post 3"

    pages = render(tmp_path, room_story(three - 3, year_table(lines_rows(60))))
    assert "Dekking" not in pages[0].texts() and "Omschrijving" not in pages[0].texts()
    assert near(pages[1].one("Dekking").y, FRAME_TOP - 11.5)
    assert post_rows(pages[1])[0] == "Post 0"


def test_a_heading_before_a_long_text_starts_on_a_page_that_is_mostly_free(tmp_path):
    """A heading followed by more than a page of text stays where nine tenths of a page are free."""
    text = Paragraph(" ".join(["Een lange toelichting op het plan."] * 400), styles.BODY)
    story = [Spacer(1, FRAME_HEIGHT * 0.05), *with_room(Heading("Toelichting", styles.HEADING2), text)]
    pages = render(tmp_path, story)
    assert "Toelichting" in pages[0].texts() and len(pages) >= 2


def test_text_after_a_table_starts_six_points_below_its_last_row(tmp_path):
    """The space after a table: the paragraph after it starts 6 pt below the table's last row."""
    pages = render(tmp_path, [year_table(lines_rows(3)), Paragraph("Na de tabel", styles.BODY)])
    after = pages[0].one("Na de tabel")
    assert near(after.y, FRAME_TOP - 4 * ROW - 6 - styles.BODY_SIZE)
    assert near(after.x, FRAME_LEFT)

    pages = render(tmp_path, [year_table(lines_rows(60)), Paragraph("Na de tabel", styles.BODY)])
    last = pages[1].one("Post 59")
    after = pages[1].one("Na de tabel")
    assert near(after.y, last.y - (ROW - FIRST_BASELINE) - 6 - styles.BODY_SIZE)

    # Also after a part that opens with its group's headings again ("vervolg").
    pages = render(tmp_path, [year_table(group_rows(60)), Paragraph("Na de tabel", styles.BODY)])
    assert "Jeugd (vervolg)" in pages[1].texts()
    last = pages[1].one("Totaal")
    after = pages[1].one("Na de tabel")
    assert near(after.y, last.y - (ROW - FIRST_BASELINE) - 6 - styles.BODY_SIZE)


def test_a_heading_prints_markup_characters_as_typed_with_the_emoji_in_the_fallback_font(tmp_path):
    """A heading with &, <, >, an emoji or a line break prints as typed, the emoji in the fallback font."""
    page, = render(tmp_path, [Heading("Zorg & <welzijn> 😀 samen", styles.HEADING1)])
    pieces = sorted((r for r in page.body() if r.size == 15), key=lambda r: r.x)
    assert [p.text for p in pieces] == ["Zorg & <welzijn> ", "😀", " samen"]
    assert near(pieces[0].x, FRAME_LEFT) and pieces[0].font == "Bold" and pieces[1].font != "Bold"
    assert all(near(a.end, b.x, 0.05) for a, b in zip(pieces, pieces[1:]))
    # A line break typed in a heading starts a second line, one leading lower.
    page, = render(tmp_path, [Heading("Eerste regel\nTweede regel", styles.HEADING1)])
    first, second = page.one("Eerste regel"), page.one("Tweede regel")
    assert near(first.x, second.x) and near(first.y - second.y, styles.HEADING1.leading)


# --- wrapping text --------------------------------------------------------------------------------

def test_wrapping_keeps_line_breaks_and_turns_tabs_into_spaces():
    """A typed line break starts a new line, a tab prints as a space, an empty text is one empty line."""
    assert wrap_lines("eerste\r\ntweede\tderde\rvierde", REGULAR, SIZE, 300) == ["eerste", "tweede derde",
                                                                                 "vierde"]
    assert wrap_lines("", REGULAR, SIZE, 300) == [""]
    assert wrap_lines("a\n\nb", REGULAR, SIZE, 300) == ["a", "", "b"]


def test_a_line_exactly_as_wide_as_the_column_is_not_wrapped_or_broken():
    """Text exactly as wide as the column is not wrapped or broken; a letter wider than the column stands alone."""
    def w(text: str) -> float:
        return stringWidth(text, REGULAR, SIZE)

    assert wrap_lines("zorg en welzijn samen", REGULAR, SIZE, w("zorg en welzijn")) == ["zorg en welzijn", "samen"]
    assert wrap_lines("xx jeugdhulp", REGULAR, SIZE, w("jeugdhulp")) == ["xx", "jeugdhulp"]
    assert wrap_lines("jeugdhulpregio", REGULAR, SIZE, w("jeugdhulp")) == ["jeugdhulp", "regio"]
    assert wrap_lines("WMW", REGULAR, SIZE, 3.0) == ["W", "M", "W"]


words = st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyzëé€.,-WM", min_size=1, max_size=28),
                 min_size=1, max_size=30)


@settings(max_examples=150, deadline=None)
@given(words=words, width=st.floats(min_value=2, max_value=260))
def test_wrapped_lines_fit_are_as_full_as_possible_and_lose_nothing(words, width):
    """Wrapped lines fit the width, each is as full as possible, long words break where they must, nothing is lost."""
    register_fonts()
    text = " ".join(words)
    lines = wrap_lines(text, REGULAR, SIZE, width)

    def w(s: str) -> float:
        return stringWidth(s, REGULAR, SIZE)

    assert all(w(line) <= width or len(line) == 1 for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    # Walk the text: after each line, a space (a word boundary) or the middle of a word.
    position = 0
    for line, after in zip(lines, lines[1:]):
        assert text.startswith(line, position) and line == line.strip()
        position += len(line)
        if text[position] == " ":
            position += 1
            next_word = text[position:].split(" ")[0]
            assert w(line + " " + next_word) > width  # the next word did not fit
        else:
            assert w(line + text[position]) > width  # a broken word: not a letter more fits
    assert text[position:] == lines[-1]
