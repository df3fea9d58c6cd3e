"""Typing into a year cell: Dutch amounts and markers in, clear refusals out."""
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.models import Marker
from app.services.cell_input import EMPTY, CellValue, InputError, parse_cell


@pytest.mark.parametrize("text, amount", [
    ("127500", "127500.00"),
    ("127.500", "127500.00"),
    ("€ 127.500,00", "127500.00"),
    ("€\u00a01.280.000", "1280000.00"),
    ("127500,5", "127500.50"),
    ("127500.50", "127500.50"),
    ("-5.000", "-5000.00"),
    ("0", "0.00"),
    ("999.999.999.999,99", "999999999999.99"),
])
def test_dutch_amounts(text, amount):
    assert parse_cell(text) == CellValue(amount=Decimal(amount))


@pytest.mark.parametrize("text, marker", [
    ("PM", Marker.PM), ("pm", Marker.PM), ("id.", Marker.IDEM), ("ID.", Marker.IDEM),
    ("Doorlopend", Marker.ONGOING),
])
def test_markers_any_case(text, marker):
    assert parse_cell(text) == CellValue(marker=marker)


@pytest.mark.parametrize("text, marker, shown", [
    ("id", Marker.IDEM, "id"), ("ID", Marker.IDEM, "id"), ("idem", Marker.IDEM, "idem"),
    ("p.m.", Marker.PM, "p.m."), ("P.M.", Marker.PM, "p.m."),
])
def test_another_spelling_of_a_marker_is_the_same_marker_shown_as_typed(text, marker, shown):
    """"id" without the dot, as the 2022 plan prints it: the same marker, shown as typed (case
    aside), and it reads back as itself when copied and pasted."""
    value = parse_cell(text)
    assert value.marker is marker and value.marker_text == shown and value.text() == shown
    assert parse_cell(value.text()) == value


def test_blank_is_empty():
    assert parse_cell("   ") is EMPTY


@pytest.mark.parametrize("text, fragment", [
    ("tekst", "is geen bedrag"),
    ("12,345,67", "is geen bedrag"),
    ("1.5.0", "is geen bedrag"),
    ("1.000.000.000.000,00", "groter dan het maximum"),
    ("12,345", "meer dan twee decimalen"),
    ("€", "is geen bedrag"),
])
def test_bad_input_is_refused_in_dutch(text, fragment):
    with pytest.raises(InputError) as info:
        parse_cell(text)
    assert fragment in info.value.message


@given(st.integers(min_value=-99_999_999_999_999, max_value=99_999_999_999_999))
def test_what_is_shown_parses_back_to_the_same_amount(cents):
    value = CellValue(amount=Decimal(cents).scaleb(-2))
    assert parse_cell(value.text()) == value
