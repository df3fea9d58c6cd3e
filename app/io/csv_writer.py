"""One export table as CSV, the way Dutch Excel opens it by a double click.

``;`` between fields, UTF-8 with a byte order mark (without it Excel reads UTF-8 as
Windows-1252), Windows line ends. Amounts and other figures with a decimal comma and no
thousands separator (``1280000``, ``1234,50``), dates as ``11-11-2021``. A computed figure
(a subtotal, the saldo) is written as the figure Planbord computed. Text a spreadsheet would
take for a formula (``=``, ``+``, ``-``, ``@``, tab, carriage return first) gets a single
quote in front, so it is shown, never evaluated (OWASP's CSV-injection rule).
A table of more than one section has an empty line and the section's title between them.
"""
from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

from app.io.table_model import (
    FIGURES,
    Amount,
    Day,
    Number,
    Sum,
    Table,
    Text,
    clean_text,
    is_formula_like,
)
from app.models.numbers import round_half_up

DELIMITER = ";"
ENCODING = "utf-8-sig"  # UTF-8 with a byte order mark


def safe_text(text: str) -> str:
    """User text for a CSV field: a quote in front of anything a spreadsheet would evaluate."""
    text = clean_text(text)
    return "'" + text if is_formula_like(text) else text


def dutch_number(value: Decimal | int, places: int) -> str:
    """``1280000``, ``1234,50``, ``-2,5``: a decimal comma, no thousands separator."""
    return f"{round_half_up(value, places):.{places}f}".replace(".", ",")


def field(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Text):
        return safe_text(value.value)
    if isinstance(value, Sum) and value.blank_zero and value.value == 0:
        return ""  # nothing to add up in this year, as the editor shows it
    if isinstance(value, (Amount, Number)) or isinstance(value, FIGURES):
        return dutch_number(value.value, value.places)
    if isinstance(value, Day):
        return value.value.strftime("%d-%m-%Y")
    raise TypeError(f"no CSV field for {value!r}")


def write_csv(table: Table, path: Path | str) -> None:
    with open(path, "w", encoding=ENCODING, newline="") as out:
        writer = csv.writer(out, delimiter=DELIMITER, lineterminator="\r\n")
        for index, section in enumerate(table.sections):
            if index:
                writer.writerow([])
                if section.title:
                    writer.writerow([safe_text(section.title)])
            writer.writerow([safe_text(c.header) for c in section.columns])
            for row in section.rows:
                writer.writerow([field(cell) for cell in row.cells])
