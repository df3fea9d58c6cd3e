"""Small builders for the verify and clean-copy tests: change a workspace the way an attacker's
(or a careless tool's) own sqlite3 would, and fingerprint a file to prove it was not changed."""
from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path


def sql(path: Path, *statements: str, checks: bool = True, foreign_keys: bool = False) -> Path:
    """Run raw statements on the file (foreign keys off, and CHECKs off when asked), then fold the
    WAL back in, so the file on disk is the whole story."""
    conn = sqlite3.connect(path)
    try:
        conn.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
        if not checks:
            conn.execute("PRAGMA ignore_check_constraints=ON")
        for statement in statements:
            conn.executescript(statement)
        conn.commit()
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return path


def edit_schema(path: Path, table: str, old: str, new: str) -> Path:
    """Change the stored CREATE TABLE text, as a hand-edited file would."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA writable_schema=ON")
        changed = conn.execute("UPDATE sqlite_master SET sql = replace(sql, ?, ?) WHERE type='table' AND name=?",
                               (old, new, table)).rowcount
        conn.commit()
    finally:
        conn.close()
    assert changed == 1, (table, old)
    return path


def null_in(path: Path, table: str, column: str, declared: str, row: int) -> Path:
    """A NULL in a NOT NULL column, the schema text left declaring NOT NULL."""
    edit_schema(path, table, f"{column} {declared} NOT NULL", f"{column} {declared}")
    sql(path, f"UPDATE {table} SET {column} = NULL WHERE id = {row}")
    return edit_schema(path, table, f"{column} {declared},", f"{column} {declared} NOT NULL,")


def digest(path: Path) -> str:
    """The file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def sidecars(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.name) and p != path)


def query(path: Path, statement: str, *args) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(statement, args).fetchall()
    finally:
        conn.close()


def downgrade(path: Path, revision: str) -> None:
    """Take a workspace back to an older revision with the migrations' own downgrade."""
    from alembic import command
    from sqlalchemy import create_engine

    from app.services.migrations import alembic_config

    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        command.downgrade(alembic_config(conn), revision)
    engine.dispose()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.close()


def rebuild(path: Path, table: str, old: str, new: str) -> Path:
    """Make ``table`` again from its CREATE text with ``old`` replaced by ``new``, keeping its rows
    (the way to drop a constraint SQLite cannot ALTER away)."""
    (ddl,) = query(path, "SELECT sql FROM sqlite_master WHERE type='table' AND name=?", table)[0]
    assert old in ddl, (table, old)
    # Its own indexes go with the old table: made again, so only the one change is found.
    indexes = [index for (index,) in query(
        path, "SELECT sql FROM sqlite_master WHERE type='index' AND tbl_name=? AND sql IS NOT NULL", table)]
    return sql(path, f"ALTER TABLE {table} RENAME TO old_{table}",
               ddl.replace(old, new),
               f"INSERT INTO {table} SELECT * FROM old_{table}",
               f"DROP TABLE old_{table}", *indexes)
