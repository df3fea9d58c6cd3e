"""Column widths of the annex tables when the page is tight (the voortgang's action table with a
long recurrence in Afgesproken): the columns that fit their text give way down to their widest
word, so a column wraps between words and never inside one ("Programmabu reau", "onbek end")."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.reports.fonts import register_fonts
from app.reports.table import Cell, Column, GridTable, Row

register_fonts()  # the annex's own fonts measure the words, as when a PDF is made

MM = 72 / 25.4
RECURRENCE = ("maandelijks van 01-2022 t/m 06-2022, daarna elk kwartaal van 07-2022 t/m 12-2022 "
              "(te laat)")


def action_table(due: str = RECURRENCE) -> GridTable:
    columns = [Column("Inspanning", share=2), Column("Eigenaar", fit=True, max_width=30 * MM),
               Column("Afgesproken", fit=True), Column("Status", fit=True),
               Column("Opmerking", share=1.2), Column("Wijziging", fit=True)]
    rows = [Row(["Zicht op alle langwachtenden (> 3 maanden)", "Programmabureau", due,
                 Cell("onbekend", light="#999999"), "", ""]),
            Row(["Een werkende verbrede doorbraakaanpak", "Programmabureau", "31-12-2022", "in behandeling",
                 "", "onbekend → in behandeling"])]
    return GridTable(columns, rows)


def whole_words(table: GridTable, width: float, only_fit: bool = False) -> list[str]:
    """Every printed line's words that are not words of their cell (a word broken in two);
    ``only_fit``: in the columns that fit their text only."""
    layout = table._data.layout(width)
    columns = table._data.columns
    broken = []
    for row, lines_of in zip(table.rows, layout.lines):
        for column, cell, lines in zip(columns, row.cells, lines_of):
            if only_fit and not column.fit:
                continue
            words = set((cell.text if isinstance(cell, Cell) else cell).split())
            broken += [w for line in lines for w in line.split() if w not in words]
    return broken


def test_a_long_recurrence_wraps_between_words_and_the_short_columns_stay_whole():
    table = action_table()
    width = 170 * MM  # an A4 page between its margins
    assert whole_words(table, width) == []
    layout = table._data.layout(width)
    assert sum(layout.widths) == pytest.approx(width)
    owner, due, status = layout.lines[0][1], layout.lines[0][2], layout.lines[0][3]
    assert owner == ["Programmabureau"] and status == ["onbekend"]
    assert len(due) > 1  # the long text is the one that wraps
    heading = [lines for lines in layout.header_lines]
    assert heading[4] == ["Opmerking"]  # a wrapping column keeps its heading's word whole too


def test_a_table_with_room_keeps_its_widths_as_before():
    """Nothing changes where nothing is tight: a short due date and a wide page."""
    table = action_table("31-12-2022")
    layout = table._data.layout(260 * MM)
    shares = [w for w, c in zip(layout.widths, table._data.columns) if not c.fit]
    assert shares[0] / shares[1] == pytest.approx(2 / 1.2)


@settings(max_examples=40, deadline=None)
@given(words=st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=12),
                      min_size=1, max_size=25),
       width_mm=st.integers(min_value=170, max_value=260))  # A4 upright to landscape
def test_a_column_that_fits_its_text_never_breaks_a_word_where_the_page_has_room(words, width_mm):
    """(A wrapping column keeps its words whole when the page is tight; with room to spare it
    takes its share, which a single very long word may still exceed.)"""
    table = action_table(" ".join(words))
    layout = table._data.layout(width_mm * MM)
    assert sum(layout.widths) == pytest.approx(width_mm * MM)
    assert whole_words(table, width_mm * MM, only_fit=True) == []
