"""Exact numbers: money, dagdelen, fte and percentages.

Money is Decimal in Python and integer cents on disk; floats are refused at the
door, as in beancount's ``number.py``. Rounding happens only at the edges and
always explicitly, through the helpers here.
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")
EURO = Decimal("1")
TENTH = Decimal("0.1")

# The largest amount a cell may hold (999.999.999.999,99): keeps cents within 2**53.
MAX_AMOUNT = Decimal("999999999999.99")


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


def round_to_euros(amount: Decimal) -> Decimal:
    """Round half up to whole euros: the edge where contributions are made."""
    return amount.quantize(EURO, rounding=ROUND_HALF_UP)


def round_half_up(value: Decimal, places: int) -> Decimal:
    """Round half up to ``places`` decimals: the one rounding mode of figures shown to users
    (Decimal's own default is half-even, which would show 0,125 fte as 0,12)."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def fixed(value: object, places: int, what: str = "getal") -> Decimal:
    """A Decimal with at most ``places`` decimals (dagdelen: 1, fte and % : 2)."""
    number = _to_decimal(value, what)
    step = Decimal(1).scaleb(-places)
    quantized = number.quantize(step)
    if quantized != number:
        raise NumberError(f"{what} {value!r} heeft meer dan {places} decimalen")
    return quantized


def half_days(value: object) -> Decimal:
    """Dagdelen per week: one decimal."""
    return fixed(value, 1, "dagdelen")


def fte(value: object) -> Decimal:
    return fixed(value, 2, "fte")


def percentage(value: object) -> Decimal:
    return fixed(value, 2, "percentage")
