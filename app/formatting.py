"""Dutch formatting of amounts, dagdelen, percentages and dates.

The one place where numbers become text, used by views, PDFs and the
command line alike: ``€ 1.280.000``, ``2,5``, ``12,34 %``, ``11-11-2021``.
No Qt here.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal


def format_number(value: Decimal | int, places: int = 0) -> str:
    """Dutch notation with thousands separators: ``1.280.000`` or ``1.234,50``."""
    # Imported here: app.models loads SQLAlchemy, which the window must not wait for at start-up.
    from app.models.numbers import round_half_up

    rounded = round_half_up(value, places)  # ints (basis figures such as inhabitants) too; never a float
    sign = "-" if rounded < 0 else ""
    whole, _, fraction = f"{abs(rounded):,.{places}f}".partition(".")  # 1,280,000.50: grouped in C
    result = sign + whole.replace(",", ".")
    return f"{result},{fraction}" if places else result


def format_amount(value: Decimal | None, places: int | None = None) -> str:
    """An amount without the euro sign; cents shown only when there are any."""
    if value is None:
        return ""
    if places is None:
        places = 0 if value == value.to_integral_value() else 2
    return format_number(value, places)


def format_money(value: Decimal | None, places: int | None = None) -> str:
    """``€ 1.280.000``; ``€ -1.062.500`` for a negative amount."""
    if value is None:
        return ""
    return "€ " + format_amount(value, places)


def format_half_days(value: Decimal | None) -> str:
    """Dagdelen with at most one decimal: ``22`` or ``2,5``."""
    if value is None:
        return ""
    places = 0 if value == value.to_integral_value() else 1
    return format_number(value, places)


def format_fte(value: Decimal | None) -> str:
    if value is None:
        return ""
    from app.models.numbers import has_more_places

    return format_number(value, 2 if has_more_places(value, 1) else 1)


def format_percentage(value: Decimal | None, places: int = 2) -> str:
    if value is None:
        return ""
    return f"{format_number(value, places)} %"


def format_date(value: date | None) -> str:
    return value.strftime("%d-%m-%Y") if value else ""
