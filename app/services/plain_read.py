"""Reading many rows without a Python object per row more than needed.

SQLAlchemy's Row per row (and the ORM's object per row) is what a 20,000-line plan cannot afford
on the paths that read it whole (the budget sheet, a comparison): these take what the database
driver returns. No type conversion happens, so a select must ask for values that need none
(``type_coerce(column, BigInteger)`` for money in cents, ``String`` for an enum stored as its
value) or convert them itself.
"""
from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator


def plain_rows(connection, statement) -> list[tuple]:
    """The select's rows as the driver's tuples."""
    result = connection.execute(statement)
    try:
        return result.cursor.fetchall()
    finally:
        result.close()


def each_plain_row(connection, statement) -> Iterator[tuple]:
    """The select's rows as the driver's tuples, one at a time (the driver steps through the
    result as it is read): a row gone when the next comes, for a reader that keeps less than
    all of them."""
    result = connection.execute(statement)
    try:
        yield from result.cursor
    finally:
        result.close()


def plain_columns(connection, statement, packed: Iterable[int] = ()) -> list:
    """The select's result turned into a tuple per column: a handful of objects for the collector
    to watch, where a tuple per row would be 77,000 of them at 20,000 lines. The columns at the
    positions in ``packed`` (whole numbers, never NULL: ids, years, positions) become arrays of
    8-byte integers instead of a Python int each (28 bytes and a pointer: 3 MB at 60,000 cells)."""
    rows = plain_rows(connection, statement)
    columns: list = list(zip(*rows)) if rows else [()] * len(statement.selected_columns)
    for position in packed:
        columns[position] = array("q", columns[position])
    return columns
