"""Every row of a workspace, to check that "nothing was written" (or exactly what was)."""
from __future__ import annotations

import sqlite3
from pathlib import Path


def file_rows(path: Path | str) -> dict[str, list[str]]:
    """Every row of every table in the file at ``path`` (read with sqlite3, not the app), or in
    the server database a URL names (over a connection of its own)."""
    if str(path).startswith("postgresql"):
        return _server_rows(str(path))
    if not Path(path).is_file():
        raise FileNotFoundError(path)  # sqlite3 would make an empty file and find no rows
    con = sqlite3.connect(path)
    try:
        names = [r[0] for r in con.execute("select name from sqlite_master where type='table' "
                                           "and name not like 'sqlite_%'")]
        return {n: sorted(map(repr, con.execute(f'select * from "{n}"'))) for n in names}
    finally:
        con.close()


def _server_rows(url: str) -> dict[str, list[str]]:
    from sqlalchemy import create_engine, inspect, text

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            names = inspect(conn).get_table_names()
            return {n: sorted(repr(tuple(r)) for r in conn.execute(text(f'select * from "{n}"'))) for n in names}
    finally:
        engine.dispose()


def data_rows(path: Path) -> dict[str, list[str]]:
    """:func:`file_rows` but the change log's: an edit and its undo are two changes that leave the
    data as it was."""
    return {name: rows for name, rows in file_rows(path).items() if name != "change_log"}


def workspace_rows(workspace) -> dict[str, list[tuple]]:
    """Every row of every table of an open workspace, by primary key; not the change log's (an
    edit and its undo are two changes that leave the data as it was)."""
    from sqlalchemy import select

    from app.models import Base

    with workspace.session() as s:
        return {t.name: [tuple(r) for r in s.execute(select(t).order_by(*t.primary_key.columns))]
                for t in Base.metadata.sorted_tables if t.name != "change_log"}
