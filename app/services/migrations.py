"""Schema upgrades through Alembic.

Imported only when a file's revision differs from HEAD_REVISION, so a normal
start never pays for importing Alembic. The Alembic configuration is built in
code (db/alembic.ini is for developers), so a packaged app needs no ini file.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from alembic.script.revision import RevisionError
from alembic.util.exc import CommandError
from sqlalchemy import create_engine, event
from sqlalchemy.pool import NullPool

import db
from app.services.fileformat import BUSY_TIMEOUT_MS, connect_readwrite


def alembic_config(connection=None) -> Config:
    cfg = Config()
    # ConfigParser interpolates '%', which a folder name may contain.
    cfg.set_main_option("script_location", str(db.MIGRATIONS_DIR).replace("%", "%%"))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def script_directory() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    head = script_directory().get_current_head()
    assert head is not None
    return head


def is_known_revision(revision: str) -> bool:
    """Whether this program's migrations know ``revision`` (else a newer Planbord wrote it)."""
    try:
        return script_directory().get_revision(revision) is not None
    except (RevisionError, CommandError, KeyError):
        return False


def _migration_connection(path: Path) -> sqlite3.Connection:
    conn = connect_readwrite(path)
    # Our own BEGIN (below) instead of the sqlite3 module's implicit one, so the
    # DDL of all steps sits in one transaction: an upgrade applies wholly or not at all.
    conn.isolation_level = None
    # Batch migrations rebuild tables (copy, drop, rename); with foreign keys on,
    # the drop would cascade. Checked explicitly before commit instead.
    conn.execute("PRAGMA foreign_keys=OFF")
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA synchronous=FULL")
    return conn


class ValuesRefused(Exception):
    """The upgraded file's values failed the check given to :func:`upgrade`; nothing was committed."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(f"{len(problems)} value problems after upgrade: {problems[:5]}")
        self.problems = problems


def upgrade(path: Path, *, check: Callable[[sqlite3.Connection], list[str]] | None = None,
            check_foreign_keys: bool = True) -> None:
    """Upgrade the file at ``path`` to the head revision, in one transaction.

    ``check`` looks at the upgraded values before they are committed (opening passes
    app.services.verify_values.value_problems); problems raise ValuesRefused and the file stays
    as it was. ``check_foreign_keys=False`` is for a private copy whose broken references the
    caller deals with itself (the clean copy).
    """
    engine = create_engine("sqlite://", creator=lambda: _migration_connection(path), poolclass=NullPool)
    event.listen(engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN IMMEDIATE"))
    try:
        # Alembic sees the open transaction and runs every step inside it.
        with engine.begin() as conn:
            command.upgrade(alembic_config(conn), "head")
            problems = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() if check_foreign_keys else []
            if problems:
                raise RuntimeError(f"foreign key violations after upgrade: {problems[:5]}")
            if check is not None:
                found = check(conn.connection.driver_connection)
                if found:
                    raise ValuesRefused(found)
    finally:
        engine.dispose()
