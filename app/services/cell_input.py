"""What the user types into a year cell: a Dutch amount, a marker, or nothing.

Accepted: ``127500``, ``127.500``, ``€ 127.500,00``, ``-5.000``, ``127500.50``
(a decimal point followed by one or two digits, as Excel copies it), and the
markers ``PM``, ``id.`` and ``doorlopend`` in any case. Anything else is
refused with a Dutch message that says what to type instead.

A marker keeps the spelling it was typed in when that is another way of writing
it (``id`` without the dot, as the 2022 plan prints it, ``idem``, ``p.m.``): the
same marker, shown and printed as typed. Case alone is not a spelling: ``pm``
is ``PM``, ``ID`` is ``id``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from app.errors import UserError
from app.formatting import format_amount
from app.models import Marker
from app.models.numbers import MAX_AMOUNT, MAX_INTEGER_DIGITS, has_more_places, money, percentage

_MARKER_WORDS = {
    "pm": Marker.PM,
    "p.m.": Marker.PM,
    "id.": Marker.IDEM,
    "id": Marker.IDEM,
    "idem": Marker.IDEM,
    "doorlopend": Marker.ONGOING,
}
# Each word as it is kept: the marker's own value, or a spelling of it in its usual case.
_SPELLINGS = {"pm": "PM", "p.m.": "p.m.", "id.": "id.", "id": "id", "idem": "idem",
              "doorlopend": "doorlopend"}
_GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+(,\d+)?$")  # 1.280.000 or 127.500,00
_PLAIN_COMMA = re.compile(r"^\d+(,\d+)?$")  # 127500 or 127500,5
_PLAIN_POINT = re.compile(r"^\d+\.\d{1,2}$")  # 127500.50 as Excel copies it
HINT = "Typ een bedrag zoals 127.500 of € 127.500,00, of PM, id. of doorlopend."
TOO_LARGE = "is groter dan het maximum van € 999.999.999.999,99."
SHOWN = 40  # characters of the typed text a message repeats


def shown(raw: str) -> str:
    """The typed text as a message repeats it: at most ``SHOWN`` characters (a pasted page
    does not become a message of a page)."""
    raw = raw.strip()
    return raw if len(raw) <= SHOWN else raw[:SHOWN] + "…"


class InputError(UserError, ValueError):
    """Input that cannot go into a cell; ``message`` says why in Dutch."""


@dataclass(frozen=True, slots=True)
class CellValue:
    """The content of a year cell: an amount, a marker, or empty (both None)."""

    amount: Decimal | None = None
    marker: Marker | None = None
    # The marker as the source wrote it ("id" where the plan prints no dot); "": as the marker.
    marker_text: str = ""

    @property
    def is_empty(self) -> bool:
        return self.amount is None and self.marker is None

    def text(self) -> str:
        """Dutch text as shown in a table, printed and copied to the clipboard."""
        if self.marker is not None:
            return self.marker_text or self.marker.value
        return format_amount(self.amount)


EMPTY = CellValue()


def marker_spelling(marker: Marker | None, text: str | None) -> str:
    """``text`` when it is another spelling of ``marker`` (``"id"`` for id.), else "".

    What a cell's marker text may be, checked wherever one is read or written: a file
    cannot make a marker print as an amount or as any other word."""
    if marker is None or not text:
        return ""
    word = text.strip().lower()
    if _MARKER_WORDS.get(word) is not marker:
        return ""
    spelling = _SPELLINGS[word]
    return "" if spelling == marker.value else spelling


def parse_amount(text: str) -> Decimal:
    """A Dutch-notation amount; raises InputError with a Dutch message.

    More than 15 digits before the decimal comma (MAX_INTEGER_DIGITS) is refused as too large
    before any arithmetic; 13 to 15 digits are refused by the maximum itself, as any amount
    above € 999.999.999.999,99. An exponent ("1e30") is no Dutch amount."""
    raw = shown(text)
    text = text.replace("€", "").replace("\u00a0", "").replace(" ", "").strip()
    negative = text.startswith("-")
    if negative:
        text = text[1:]
    if _GROUPED.match(text) or _PLAIN_COMMA.match(text):
        number = text.replace(".", "").replace(",", ".")
    elif _PLAIN_POINT.match(text):
        number = text
    else:
        raise InputError(f"'{raw}' is geen bedrag. {HINT}")
    if len(number.partition(".")[0].lstrip("0")) > MAX_INTEGER_DIGITS:
        raise InputError(f"'{raw}' {TOO_LARGE}")
    value = Decimal(number)
    if has_more_places(value, 2):
        raise InputError(f"'{raw}' heeft meer dan twee decimalen; een bedrag gaat tot op de cent.")
    if value > MAX_AMOUNT:
        raise InputError(f"'{raw}' {TOO_LARGE}")
    value = money(value)
    return -value if negative else value


def parse_cell(text: str) -> CellValue:
    """A cell's new content from typed or pasted text."""
    stripped = text.strip()
    if not stripped:
        return EMPTY
    marker = _MARKER_WORDS.get(stripped.lower())
    if marker is not None:
        return CellValue(marker=marker, marker_text=marker_spelling(marker, stripped))
    return CellValue(amount=parse_amount(stripped))


def parse_percentage(text: str) -> Decimal | None:
    """A share in percent with at most two decimals (``12,34`` or ``12,34 %``); blank is None."""
    raw = shown(text)
    cleaned = text.strip().replace("%", "").replace(" ", "").replace("\u00a0", "")
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
    """A basis figure such as inhabitants: a whole number, dots allowed as thousands separators
    (at most 15 digits)."""
    raw = shown(text)
    cleaned = text.strip().replace(" ", "").replace("\u00a0", "")
    if not cleaned:
        return None
    if re.match(r"^\d{1,3}(\.\d{3})+$", cleaned) or re.match(r"^\d+$", cleaned):
        digits = cleaned.replace(".", "")
        if len(digits.lstrip("0")) > MAX_INTEGER_DIGITS:
            raise InputError(f"'{raw}' is te groot; een basisgetal heeft hoogstens {MAX_INTEGER_DIGITS} "
                             "cijfers.")
        return int(digits)
    raise InputError(f"'{raw}' is geen geheel getal. Typ bijvoorbeeld 103.700.")
