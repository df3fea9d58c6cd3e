"""Typing into the key table: a municipality's percentage or its basis figure (inhabitants).

What the user types ("12,5", "12,5 %", "103.700", "548 300") becomes the share or the
basis figure exactly; everything else is refused with a Dutch message that quotes the
input and says what to type instead. Blank clears the cell.
"""
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.services.cell_input import InputError, parse_percentage, parse_whole_number

NOT_A_PERCENTAGE = "'{}' is geen percentage. Typ bijvoorbeeld 12,34."
TOO_MANY_DECIMALS = "'{}' heeft meer dan twee decimalen; een aandeel heeft er hoogstens twee."
OVER_100 = "'{}' is meer dan 100 %."
NOT_A_WHOLE_NUMBER = "'{}' is geen geheel getal. Typ bijvoorbeeld 103.700."


def refusal(parse, text: str) -> str:
    with pytest.raises(InputError) as info:
        parse(text)
    assert str(info.value) == info.value.message  # the same text whichever way a caller reads it
    return info.value.message


# --- percentages ---------------------------------------------------------------------------


@pytest.mark.parametrize("text, share", [
    ("12,5", "12.50"),
    ("12,5 %", "12.50"),
    ("12,5%", "12.50"),
    ("12,5\u00a0%", "12.50"),  # a non-breaking space, as pasted from a formatted sheet
    ("  12,34  ", "12.34"),
    ("12 ,34", "12.34"),
    ("12.34", "12.34"),  # a decimal point, as Excel copies it
    ("46,17", "46.17"),
    ("7", "7.00"),
    ("0", "0.00"),
    ("0,01", "0.01"),
    ("99,99", "99.99"),
    ("100", "100.00"),
    ("100,00", "100.00"),
    ("100 %", "100.00"),
    ("12,340", "12.34"),  # a trailing zero is not a third decimal
])
def test_typed_percentage_becomes_that_share(text, share):
    """A share typed the Dutch way (comma, optional %, spaces) is stored as exactly that share."""
    value = parse_percentage(text)
    assert value == Decimal(share)
    assert str(value) == share  # hundredths, as the key table shows and the file stores them


@pytest.mark.parametrize("text", ["", "   ", "\t", " \u00a0 "])
def test_blank_percentage_clears_the_share(text):
    """Clearing a share cell (nothing but white space) leaves the share empty, not 0 %."""
    assert parse_percentage(text) is None


@pytest.mark.parametrize("text, quoted", [
    ("abc", "abc"),
    ("-5", "-5"),
    ("-0,5 %", "-0,5 %"),
    ("+5", "+5"),
    ("1000", "1000"),  # four digits before the comma can never be a share
    ("12,5,5", "12,5,5"),
    (",5", ",5"),
    ("5,", "5,"),
    ("1e2", "1e2"),
    ("12,5 procent", "12,5 procent"),
    ("  twaalf  ", "twaalf"),  # the message quotes the input without the surrounding spaces
])
def test_garbage_percentage_is_refused_with_an_example(text, quoted):
    """Text, a sign or a malformed number is refused, quoting the input and showing 12,34."""
    assert refusal(parse_percentage, text) == NOT_A_PERCENTAGE.format(quoted)


@pytest.mark.parametrize("text", ["12,345", "0,001", "33,333 %", "1.234", "100,001"])
def test_third_decimal_in_a_percentage_is_refused(text):
    """A share with more than two decimals is refused (also just above 100), never rounded."""
    assert refusal(parse_percentage, text) == TOO_MANY_DECIMALS.format(text)


@pytest.mark.parametrize("text", ["100,01", "100,5", "101", "150 %", "999"])
def test_percentage_over_100_is_refused(text):
    """A share above 100 % is refused; 100,00 itself is accepted (see above)."""
    assert refusal(parse_percentage, text) == OVER_100.format(text)


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=0, max_value=10_000), st.sampled_from(["", " %", "%"]))
def test_every_share_as_the_table_shows_it_reads_back(hundredths, suffix):
    """Any share from 0,00 to 100,00 %, typed as the table shows it, reads back unchanged."""
    text = f"{hundredths // 100},{hundredths % 100:02d}{suffix}"
    assert parse_percentage(text) == Decimal(hundredths) / 100


# --- whole numbers (basis figures such as inhabitants) ------------------------------------


@pytest.mark.parametrize("text, number", [
    ("103.700", 103_700),
    ("103700", 103_700),
    ("1.234", 1_234),
    ("1.000", 1_000),
    ("1.234.567", 1_234_567),
    ("548 300", 548_300),
    ("548\u00a0300", 548_300),
    ("  63.300 ", 63_300),
    ("0", 0),
    ("7", 7),
    ("999", 999),
    ("12.345.678.901", 12_345_678_901),
])
def test_typed_inhabitants_become_that_whole_number(text, number):
    """Inhabitants typed with or without thousands dots or spaces are stored as that number."""
    value = parse_whole_number(text)
    assert value == number
    assert type(value) is int


@pytest.mark.parametrize("text", ["", "    ", "\u00a0"])
def test_blank_basis_figure_clears_it(text):
    """Clearing a basis cell leaves the figure empty, not 0 inhabitants."""
    assert parse_whole_number(text) is None


@pytest.mark.parametrize("text, quoted", [
    ("abc", "abc"),
    ("-5", "-5"),
    ("-1.000", "-1.000"),
    ("+5", "+5"),
    ("12,5", "12,5"),
    ("103,700", "103,700"),  # a comma is a decimal comma in Dutch, not a thousands separator
    ("1.234,00", "1.234,00"),
    ("1.23", "1.23"),  # a group after a dot has exactly three digits
    ("12.3456", "12.3456"),
    ("1234.567", "1234.567"),  # at most three digits before the first dot
    (".123", ".123"),
    ("123.", "123."),
    ("1..234", "1..234"),
    ("1e3", "1e3"),
    ("  honderd ", "honderd"),
])
def test_anything_but_a_whole_number_is_refused_with_an_example(text, quoted):
    """Fractions, signs, commas, misplaced dots and words are refused, showing 103.700."""
    assert refusal(parse_whole_number, text) == NOT_A_WHOLE_NUMBER.format(quoted)


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=0, max_value=10**12), st.sampled_from([".", " ", "\u00a0", ""]))
def test_every_number_grouped_by_thousands_reads_back(number, separator):
    """Any whole number grouped by thousands (dots or spaces) or ungrouped reads back unchanged."""
    text = f"{number:,}".replace(",", separator)
    assert parse_whole_number(text) == number
