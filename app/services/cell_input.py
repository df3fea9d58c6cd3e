"""What the user types into a year cell: a Dutch amount, a marker, or nothing.

Accepted: ``127500``, ``127.500``, ``€ 127.500,00``, ``-5.000``, ``127500.50``
(a decimal point followed by one or two digits, as Excel copies it), and the
markers ``PM``, ``id.`` and ``doorlopend`` in any case. Anything else is
refused with a Dutch message that says what to type instead.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from app.errors import UserError
from app.formatting import format_amount
from app.models import Marker
from app.models.numbers import MAX_AMOUNT, has_more_places, money, percentage

_MARKER_WORDS = {
    "pm": Marker.PM,
    "p.m.": Marker.PM,
    "id.": Marker.IDEM,
    "id": Marker.IDEM,
    "idem": Marker.IDEM,
    "doorlopend": Marker.ONGOING,
}
_GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+(,\d+)?$")  # 1.280.000 or 127.500,00
_PLAIN_COMMA = re.compile(r"^\d+(,\d+)?$")  # 127500 or 127500,5
_PLAIN_POINT = re.compile(r"^\d+\.\d{1,2}$")  # 127500.50 as Excel copies it
HINT = "Typ een bedrag zoals 127.500 of € 127.500,00, of PM, id. of doorlopend."


class InputError(UserError, ValueError):
    """Input that cannot go into a cell; ``message`` says why in Dutch."""


@dataclass(frozen=True)
class CellValue:
    """The content of a year cell: an amount, a marker, or empty (both None)."""

    amount: Decimal | None = None
    marker: Marker | None = None

    @property
    def is_empty(self) -> bool:
        return self.amount is None and self.marker is None

    def text(self) -> str:
        """Dutch text as shown in a table and copied to the clipboard."""
        if self.marker is not None:
            return self.marker.value
        return format_amount(self.amount)


EMPTY = CellValue()


def parse_amount(text: str) -> Decimal:
    """A Dutch-notation amount; raises InputError with a Dutch message."""
    raw = text
    text = text.replace("€", "").replace("\u00a0", "").replace(" ", "").strip()
    negative = text.startswith("-")
    if negative:
        text = text[1:]
    if _GROUPED.match(text) or _PLAIN_COMMA.match(text):
        number = text.replace(".", "").replace(",", ".")
    elif _PLAIN_POINT.match(text):
        number = text
    else:
        raise InputError(f"'{raw.strip()}' is geen bedrag. {HINT}")
    value = Decimal(number)
    if has_more_places(value, 2):
        raise InputError(f"'{raw.strip()}' heeft meer dan twee decimalen; een bedrag gaat tot op de cent.")
    if value > MAX_AMOUNT:
        raise InputError(f"'{raw.strip()}' is groter dan het maximum van € 999.999.999.999,99.")
    value = money(value)
    return -value if negative else value


def parse_cell(text: str) -> CellValue:
    """A cell's new content from typed or pasted text."""
    stripped = text.strip()
    if not stripped:
        return EMPTY
    marker = _MARKER_WORDS.get(stripped.lower())
    if marker is not None:
        return CellValue(marker=marker)
    return CellValue(amount=parse_amount(stripped))


def parse_percentage(text: str) -> Decimal | None:
    """A share in percent with at most two decimals (``12,34`` or ``12,34 %``); blank is None."""
    raw = text.strip()
    cleaned = raw.replace("%", "").replace(" ", "").replace("\u00a0", "")
    if not cleaned:
        return None
    if not re.match(r"^\d{1,3}([.,]\d+)?$", cleaned):
        raise InputError(f"'{raw}' is geen percentage. Typ bijvoorbeeld 12,34.")
    value = Decimal(cleaned.replace(",", "."))
    if has_more_places(value, 2):
        raise InputError(f"'{raw}' heeft meer dan twee decimalen; een aandeel heeft er hoogstens twee.")
    if value > 100:
        raise InputError(f"'{raw}' is meer dan 100 %.")
    return percentage(value)


def parse_whole_number(text: str) -> int | None:
    """A basis figure such as inhabitants: a whole number, dots allowed as thousands separators."""
    raw = text.strip()
    cleaned = raw.replace(" ", "").replace("\u00a0", "")
    if not cleaned:
        return None
    if re.match(r"^\d{1,3}(\.\d{3})+$", cleaned) or re.match(r"^\d+$", cleaned):
        return int(cleaned.replace(".", ""))
    raise InputError(f"'{raw}' is geen geheel getal. Typ bijvoorbeeld 103.700.")
