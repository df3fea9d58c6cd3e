"""Many rows into one table in a single ``executemany``, for imports of thousands of rows.

SQLAlchemy's own executemany builds a parameter dictionary per row and runs each value through
its type's processor on the way; for a 2,000-line budget that bookkeeping costs more than SQLite's
writing. Here each column's bind processor (the same one, so Money still refuses floats and
stores cents) is fetched once and applied while the rows become tuples. The rows are dictionaries
with every column named in ``columns``; ids are given by the caller (one writer holds the file).
Only SQLite's qmark style is written by hand; another database gets SQLAlchemy's executemany.
"""
from __future__ import annotations

import operator
from collections.abc import Iterable, Sequence

from sqlalchemy import Table
from sqlalchemy.orm import Session


def insert_rows(session: Session, table: Table, columns: Sequence[str], rows: Iterable[dict]) -> int:
    """INSERT the rows' values for ``columns`` into ``table``; returns how many were written."""
    connection = session.connection()
    dialect = connection.dialect
    rows = list(rows)
    if not rows:
        return 0
    if dialect.paramstyle != "qmark":  # not SQLite: SQLAlchemy's own executemany
        session.execute(table.insert(), [{name: row[name] for name in columns} for row in rows])
        return len(rows)
    processors = [(index, process) for index, name in enumerate(columns)
                  if (process := table.c[name].type._cached_bind_processor(dialect)) is not None]
    pick = operator.itemgetter(*columns) if len(columns) > 1 else (lambda row: (row[columns[0]],))
    values = []
    for row in rows:
        value = list(pick(row))
        for index, process in processors:
            if value[index] is not None:
                value[index] = process(value[index])
        values.append(tuple(value))
    quoted = dialect.identifier_preparer
    names = ", ".join(quoted.quote(name) for name in columns)
    marks = ", ".join("?" for _ in columns)
    connection.exec_driver_sql(f"INSERT INTO {quoted.format_table(table)} ({names}) VALUES ({marks})", values)
    return len(values)


def new_ids(session: Session, table: Table, count: int) -> range | None:
    """Ids for ``count`` new rows of ``table`` that no row ever had: after the table's AUTOINCREMENT
    counter (an undo that puts a deleted row back must find its id free). None on a database other
    than SQLite: there the database hands out ids (INSERT ... RETURNING)."""
    from sqlalchemy import func, select, text

    if session.connection().dialect.name != "sqlite":
        return None
    counter = session.execute(text("SELECT seq FROM sqlite_sequence WHERE name = :name"),
                              {"name": table.name}).scalar() or 0
    highest = session.scalar(select(func.max(table.c.id))) or 0
    first = max(counter, highest) + 1
    return range(first, first + count)
