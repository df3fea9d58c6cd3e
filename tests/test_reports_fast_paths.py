"""The annexes' fast paths print exactly what the slow ones would.

The budget annex of 20,000 lines (issue 18) takes short cuts where nearly every cell is plain:
text that needs no cleaning is passed as it is (``clean``), a one-line cell that fits is not
wrapped (``_Layout``), printable ASCII is written into the PDF without ReportLab's text object
(``TextWriter``), and the collector is paused while the pages are made. Each is held here
against the general path, on random input.
"""
from __future__ import annotations

import gc
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reportlab.pdfgen.canvas import Canvas

from app.reports import build_pdf, styles
from app.reports.draw import TextWriter
from app.reports.fonts import BOLD, ITALIC, REGULAR, register_fonts
from app.reports.table import RIGHT, Cell, Column, GridTable, Row, _cell, _font
from app.reports.text import CUT, TEXT_LIMIT, clean
from test_reports_geometry import read_pdf

# --- clean ----------------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_PRIVATE = re.compile("[\U000f0000-\U0010ffff]")


def clean_in_full(text: str | None, most: int = TEXT_LIMIT) -> str:
    """``clean`` without its short cut: every replacement, every time."""
    if not text:
        return ""
    if len(text) > most + len(CUT):
        text = text[:most + len(CUT) + 1000]
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text = _CONTROL.sub("", text)
    if not text.isascii():
        text = _PRIVATE.sub("\ufffd", text)
    if len(text) > most + len(CUT):
        text = text[:most].rstrip() + CUT
    return text


_AWKWARD = st.sampled_from(["\t", "\r", "\r\n", "\n", "\x00", "\x07", "\x1f", "\x7f", "\u00a0", "€",
                            "ë", "\u200d", "\U000f0001", "\U0010fffd", "שלום", "👍", "(", ")", "\\"])
_PLAIN = st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=80)
_TEXT = st.one_of(_PLAIN, st.lists(st.one_of(st.text(max_size=12), _AWKWARD), max_size=12).map("".join))


@settings(max_examples=400, deadline=None)
@given(_TEXT, st.integers(min_value=0, max_value=40))
def test_clean_is_the_full_cleaning(text, most):
    assert clean(text, most) == clean_in_full(text, most)
    assert clean(text) == clean_in_full(text)


# --- the layout of a table --------------------------------------------------------------------

_CELL_TEXT = st.one_of(
    st.sampled_from(["", "PM", "id.", "1.234", "-77.500", "† 2.105.045", "doorlopend"]),
    st.text(alphabet="abc defghij€ëKLM-().\n\t", max_size=60))


@st.composite
def tables(draw):
    columns = [Column("Omschrijving", most=draw(st.sampled_from([5, 40, TEXT_LIMIT]))),
               Column("Gedeeld door", fit=True, max_width=draw(st.sampled_from([None, 50.0])),
                      valign="bottom"),
               Column("2025", RIGHT, fit=True, min_width=60.0),
               Column("Opmerking", share=draw(st.sampled_from([0.5, 1.0])))]
    rows = []
    for _ in range(draw(st.integers(min_value=1, max_value=8))):
        count = draw(st.integers(min_value=0, max_value=5))
        cells = []
        for _ in range(count):
            text = draw(_CELL_TEXT)
            kind = draw(st.sampled_from(["str", "cell", "none"]))
            if kind == "str":
                cells.append(text)
            elif kind == "none":
                cells.append(None)
            else:
                cells.append(Cell(text, italic=draw(st.sampled_from([None, True, False])),
                                  bold=draw(st.sampled_from([None, True, False])),
                                  light=draw(st.sampled_from([None, styles.LIGHTS["green"]]))))
        rows.append(Row(cells, bold=draw(st.booleans()), italic=draw(st.booleans()),
                        indent=draw(st.integers(min_value=0, max_value=3))))
    return columns, rows


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables(), st.sampled_from([120.0, 300.0, 487.5]))
def test_a_cell_that_fits_on_one_line_is_laid_out_as_wrapping_would(table, width):
    register_fonts()
    columns, rows = table
    grid = GridTable(columns, rows)
    layout = grid._data.layout(width)
    for index, row in enumerate(rows):
        for column_index, column in enumerate(columns):
            value = row.cells[column_index] if column_index < len(row.cells) else None
            if value is None:
                assert layout.lines[index][column_index] == []
                assert layout.cells[index][column_index] is None
                continue
            cell = _cell(value, column.most)
            assert layout.cells[index][column_index] == cell
            font = _font(row.bold if cell.bold is None else cell.bold,
                         row.italic if cell.italic is None else cell.italic)
            assert layout.fonts[index][column_index] == font
            indent = (row.indent * 10.0 if column_index == 0 else 0.0) + (9.0 if cell.light else 0)
            wrapped = layout._wrap(cell.text, font, column_index, indent,
                                   column.fit and column.max_width is None)
            assert layout.lines[index][column_index] == wrapped
        assert layout.most[index] == max([1, *(len(lines) for lines in layout.lines[index])])


# --- text written straight into the PDF -------------------------------------------------------

_DRAWN = st.lists(st.one_of(st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126),
                                    min_size=1, max_size=20),
                            st.sampled_from(["(a) b\\c", "€ 1.280.000", "Coördinatie", "† 2.105.045",
                                             "αβγ", "✓ klaar", "שלום", "a\u00a0b"])),
                  min_size=1, max_size=8)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_DRAWN, st.sampled_from([REGULAR, BOLD, ITALIC]))
def test_text_written_directly_reads_back_as_reportlab_writes_it(tmp_path, texts, font):
    """Every run the writer puts down stands where ReportLab's own text object puts it, in the
    same font and size, and reads back as the same text."""
    register_fonts()

    def page(path, direct: bool) -> list:
        canvas = Canvas(str(path), pagesize=styles.PORTRAIT)
        if direct:
            writer = TextWriter(canvas)
            writer.color(styles.INK)
        else:
            legacy = canvas.beginText()
            legacy.setFillColor(styles.INK)
        for number, text in enumerate(texts):
            x, y = 40.5 + 3.25 * number, 700.125 - 11.5 * number
            if direct:
                writer.put(x, y, text, font, 8.5)
                writer.put(x + 200, y, "12", REGULAR, 5.6, rise=3.4)
            else:
                _legacy_put(legacy, x, y, text, font, 8.5)
                _legacy_put(legacy, x + 200, y, "12", REGULAR, 5.6, rise=3.4)
        canvas.drawText(legacy) if not direct else writer.draw(canvas)
        canvas.showPage()
        canvas.save()
        return [(r.text, round(r.x, 3), round(r.y, 3), round(r.end, 3), r.font, r.size, r.color)
                for r in read_pdf(path)[0].runs]

    assert page(tmp_path / "direct.pdf", True) == page(tmp_path / "legacy.pdf", False)


def _legacy_put(text_object, x, y, text, font, size, rise=0.0):
    """What TextWriter.put did through ReportLab's text object before it wrote the operators."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from app.reports.fonts import font_runs, needs_fallback

    text_object.setRise(rise)
    if not needs_fallback(text):
        text_object.setFont(font, size)
        text_object.setTextOrigin(x, y)
        text_object.textOut(text)
        return
    for piece, name in font_runs(text, font):
        text_object.setFont(name, size)
        text_object.setTextOrigin(x, y)
        text_object.textOut(piece)
        x += stringWidth(piece, name, size)


# --- the collector --------------------------------------------------------------------------------

def test_the_collector_runs_again_after_an_annex_and_stays_off_when_it_was(tmp_path, demo_workspace):
    from app.services.plans import find_plan
    from app.services.workspace import open_workspace

    workspace = open_workspace(demo_workspace, read_only=True)
    try:
        with workspace.session() as session:
            plan_id = find_plan(session, 2022).id
        assert gc.isenabled()
        build_pdf(workspace, plan_id, "begroting", tmp_path / "a.pdf")
        assert gc.isenabled()
        gc.disable()
        try:
            build_pdf(workspace, plan_id, "begroting", tmp_path / "b.pdf")
            assert not gc.isenabled()
        finally:
            gc.enable()
    finally:
        workspace.close()
