"""A workspace copied whole between a file and a server, either way (issue 22,
``python -m app copy SOURCE TARGET``): moving to the shared office database, or a file of it to
keep or mail.

Every row of every table, ids and all, in one read of the source (a consistent picture) and one
transaction on the target, which must be new: a file that does not exist yet, or an empty server
database. Tables are written parents first, rows in id order (a copied plan points at an older
one). On PostgreSQL the id sequences are moved past the copied ids, so the next row gets a new
one. Afterwards the two are compared table by table (row counts); a difference is an error and
nothing is kept.
"""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, insert, select, text

from app.models import Base
from app.services.addresses import is_server_url
from app.services.errors import WorkspaceError

BATCH = 2000


@dataclass(frozen=True)
class CopyResult:
    target: str  # the file or database written, as the user reads it
    tables: int
    rows: int


def copy_workspace(source, target) -> CopyResult:
    """Copy the workspace at ``source`` (file or URL) to ``target`` (a new file, or an empty server
    database). Refused in Dutch when the target exists or is not empty; nothing half-written is kept."""
    from app.services.server_workspace import create_server_workspace, open_any

    original = open_any(source, read_only=True)
    try:
        if is_server_url(target):
            made = create_server_workspace(str(target))
        else:
            from app.services.workspace import create_workspace

            made = create_workspace(Path(target))
        try:
            tables, rows = _copy_rows(original, made)
        except BaseException:
            made.close()
            _forget(made, target)
            raise
        made.close()
    finally:
        original.close()
    return CopyResult(str(made.path), tables, rows)


def _copy_rows(original, made, tables=None) -> tuple[int, int]:
    """Every row of ``tables`` (default: all, parents before the tables that point at them)."""
    tables = Base.metadata.sorted_tables if tables is None else tables
    counts: dict[str, int] = {}
    with one_moment(original.engine) as source:
        with made.transaction() as session:
            target = session.connection()
            for table in tables:
                order = list(table.primary_key.columns)
                result = source.execution_options(stream_results=True).execute(select(table).order_by(*order))
                written = 0
                for chunk in result.mappings().partitions(BATCH):
                    target.execute(insert(table), [dict(row) for row in chunk])
                    written += len(chunk)
                counts[table.name] = written
            if target.dialect.name == "postgresql":
                _move_sequences(target, tables)
            for table in tables:
                there = target.execute(select(func.count()).select_from(table)).scalar()
                if there != counts[table.name]:
                    raise WorkspaceError(f"De kopie is niet gelijk aan het origineel (tabel {table.name}: "
                                         f"{counts[table.name]} rijen gelezen, {there} geschreven); er is "
                                         "niets bewaard.")
    return len(tables), sum(counts.values())


@contextmanager
def one_moment(engine):
    """A connection in a transaction whose reads all see the database as of one moment (a
    consistent picture while others write): PostgreSQL's default would give each table its own."""
    with engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            connection.execution_options(isolation_level="REPEATABLE READ")
        with connection.begin():
            yield connection


def _move_sequences(connection, tables) -> None:
    """Each id sequence past the ids copied in (else the next row would get a copied id)."""
    for table in tables:
        if "id" not in table.c or not table.c.id.autoincrement:
            continue
        connection.execute(text(
            f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
            f"COALESCE((SELECT MAX(id) FROM \"{table.name}\"), 0) + 1, false)"))


def _forget(made, target) -> None:
    """A copy that failed is not kept: the new file goes; a server database is emptied."""
    if is_server_url(target):
        from sqlalchemy import MetaData

        engine = made.engine
        with engine.begin() as conn:
            tables = MetaData()
            tables.reflect(conn)
            tables.drop_all(conn)
        engine.dispose()
        return
    Path(target).unlink(missing_ok=True)
