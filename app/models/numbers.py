"""Exact numbers: money, dagdelen, fte and percentages, and the one place they are rounded.

Money is Decimal in Python and integer cents on disk; floats are refused at the
door, as in beancount's ``number.py``. Rounding happens only at the edges and
always explicitly, through the helpers here, with one rule for what is computed and
what is shown alike: half up (``ROUNDING``), as a reader rounds by hand: 0,125 fte is
0,13, 2,25 dagdelen is 2,3, € 0,50 is € 1. No other module calls ``quantize``
(tests/test_numbers.py checks).

- ``round_money`` (cents), ``round_to_euros`` (contributions), ``round_half_days``
  (one decimal), ``round_fte`` and ``round_percentage`` (two decimals);
- ``money``, ``half_days``, ``fte``, ``percentage`` and ``fixed`` take a number that must
  already be exact at that precision, and refuse one that would need rounding;
  ``has_more_places`` asks that question without refusing.
"""
from __future__ import annotations

import functools
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

ROUNDING = ROUND_HALF_UP
CENT = Decimal("0.01")
EURO = Decimal("1")

# The largest amount a cell may hold (999.999.999.999,99): keeps cents within 2**53.
MAX_AMOUNT = Decimal("999999999999.99")
# Typed numbers with more digits before the decimal comma than this are refused before any
# arithmetic: Decimal's 28 digits of precision would fail on them (decimal.InvalidOperation).
MAX_INTEGER_DIGITS = 15


class NumberError(ValueError):
    """A value that cannot be an exact number of the kind asked for."""


def _to_decimal(value: object, what: str) -> Decimal:
    if isinstance(value, float):
        raise TypeError(f"{what}: float {value!r} refused; use Decimal, int or str")
    if isinstance(value, bool):
        raise TypeError(f"{what}: bool refused")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, str):
        try:
            result = Decimal(value.strip())
        except InvalidOperation:
            raise NumberError(f"{what}: {value!r} is geen getal") from None
    else:
        raise TypeError(f"{what}: {type(value).__name__} refused")
    if not result.is_finite():
        raise NumberError(f"{what}: {value!r} is geen eindig getal")
    return result


def money(value: object) -> Decimal:
    """An amount in euros as a Decimal with exactly two places.

    Accepts Decimal, int or a plain decimal string ("1280000.00"); refuses
    float. More than two decimals is an error, not a silent rounding.
    """
    amount = _to_decimal(value, "money")
    quantized = amount.quantize(CENT)
    if quantized != amount:
        raise NumberError(f"bedrag {value!r} heeft meer dan twee decimalen")
    if abs(quantized) > MAX_AMOUNT:
        raise NumberError(f"bedrag {value!r} is groter dan 999.999.999.999,99")
    return quantized


def money_from_cents(cents: int) -> Decimal:
    if isinstance(cents, (float, bool)):  # int() would cut 12.7 cents to 12 without a word
        raise TypeError(f"cents: {cents!r} refused; use int")
    return (Decimal(int(cents)) * CENT).quantize(CENT)


def money_to_cents(amount: Decimal) -> int:
    return int(money(amount) * 100)


def round_half_up(value: Decimal | int, places: int) -> Decimal:
    """``value`` rounded to ``places`` decimals by the one rule (Decimal's own default is
    half-even, which would make 0,125 fte 0,12)."""
    return Decimal(value).quantize(_step(places), rounding=ROUNDING)


def round_money(amount: Decimal) -> Decimal:
    """To the cent."""
    return round_half_up(amount, 2)


def round_to_euros(amount: Decimal) -> Decimal:
    """To whole euros: the edge where contributions are made."""
    return amount.quantize(EURO, rounding=ROUNDING)


def round_half_days(value: Decimal) -> Decimal:
    """Dagdelen per week, to one decimal."""
    return round_half_up(value, 1)


def round_fte(value: Decimal) -> Decimal:
    return round_half_up(value, 2)


def round_percentage(value: Decimal) -> Decimal:
    return round_half_up(value, 2)


def round_significant(value: Decimal, digits: int) -> Decimal:
    """``value`` to ``digits`` significant digits (half up), trailing zeros dropped and a whole
    number without an exponent: how a spreadsheet's binary number ("1280000.0000000002") is
    read back as the figure the user typed."""
    if value.is_zero():
        return Decimal(0)
    exponent = value.adjusted() - (digits - 1)
    if exponent > value.as_tuple().exponent:
        value = value.quantize(Decimal(1).scaleb(exponent), rounding=ROUND_HALF_UP)
    value = value.normalize()
    if value.as_tuple().exponent > 0 and value.adjusted() < 28:
        value = value.quantize(Decimal(1))
    return value


def has_more_places(value: Decimal, places: int) -> bool:
    """Whether ``value`` has more than ``places`` decimals that are not zero (2,50 has one)."""
    return value != value.quantize(_step(places))


def from_scaled(scaled: int, places: int) -> Decimal:
    """An integer stored with ``places`` implied decimals (cents: 2) as that Decimal.

    A whole number moved by ``places`` has exactly that exponent (0 is 0.00), so no quantize
    is needed: every amount read goes through here (half its cost was the quantize)."""
    return Decimal(int(scaled)).scaleb(-places)


@functools.lru_cache(maxsize=None)
def _step(places: int) -> Decimal:
    return Decimal(1).scaleb(-places)


def fixed(value: object, places: int, what: str = "getal") -> Decimal:
    """A Decimal with at most ``places`` decimals (dagdelen: 1, fte and % : 2)."""
    number = _to_decimal(value, what)
    if has_more_places(number, places):
        raise NumberError(f"{what} {value!r} heeft meer dan {places} decimalen")
    return number.quantize(_step(places))


def half_days(value: object) -> Decimal:
    """Dagdelen per week: one decimal."""
    return fixed(value, 1, "dagdelen")


def fte(value: object) -> Decimal:
    return fixed(value, 2, "fte")


def percentage(value: object) -> Decimal:
    return fixed(value, 2, "percentage")
