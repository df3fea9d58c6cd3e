"""Open = verify: the schema stored in a file must be the one this Planbord expects.

A ``.planbord`` file is data, never code. A trigger in it would run on the program's own
writes, a view named like a table would stand in for the table's rows, an unknown index or
column has no business there. Before anything is written, upgraded or backed up,
:func:`verify_schema` compares what ``sqlite_master`` holds (tables, their columns with
declared type, NOT NULL, default and key, their indexes and unique constraints, their
foreign keys; triggers, views and virtual tables) with what this version expects for the
file's revision, and lists every difference in Dutch.

What is expected is never written out by hand: for the current revision it is the models'
own schema (``Base.metadata`` created in an in-memory database and read back the same way);
for an older revision it is what the migrations up to that revision make, again in memory
(Alembic is imported only then). Both are built once per process.

:func:`check_file` is what opening calls: schema first, then (for a file at the current
revision) the values, through :mod:`app.services.verify_values`.
"""
from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from app.services.errors import DamagedDataError, UntrustedFileError
from app.services.fileformat import HEAD_REVISION, connect_readonly, harden

# How many problems a message names before "en N meer".
SHOWN_PROBLEMS = 3


@dataclass(frozen=True)
class ColumnShape:
    type: str  # declared type, upper case ("BIGINT", "VARCHAR(300)")
    notnull: bool
    default: str | None  # the DEFAULT clause as SQLite keeps it
    pk: int  # position in the primary key, 0 if not in it
    hidden: int  # 0 normal; 2, 3 generated columns


@dataclass(frozen=True)
class IndexShape:
    name: str | None  # None for the automatic index of a UNIQUE or PRIMARY KEY constraint
    unique: bool
    origin: str  # "c" CREATE INDEX, "u" UNIQUE constraint, "pk" PRIMARY KEY
    partial: bool
    columns: tuple  # (column name or None for an expression, descending, collation) per key


@dataclass(frozen=True)
class TableShape:
    columns: dict[str, ColumnShape]
    indexes: frozenset[IndexShape]
    foreign_keys: frozenset[tuple]  # (parent table, column, parent column, on update, on delete)
    flags: frozenset[str]  # "COLLATE", "WITHOUT ROWID": clauses our schema never has


@dataclass(frozen=True)
class Schema:
    tables: dict[str, TableShape]
    triggers: tuple[tuple[str, str], ...]  # (name, table)
    views: tuple[str, ...]
    virtual_tables: tuple[str, ...]
    unreadable: tuple[str, ...]  # tables whose description SQLite could not give


def quote(name: str) -> str:
    """An SQL identifier, safe whatever the file called it."""
    return '"' + name.replace('"', '""') + '"'


_STRING = re.compile(r"'(?:[^']|'')*'")
_FLAGS = {"COLLATE": re.compile(r"\bCOLLATE\b"), "WITHOUT ROWID": re.compile(r"\bWITHOUT\s+ROWID\b")}
_FLAG_WORDS = {"COLLATE": "een eigen sorteervolgorde (COLLATE)", "WITHOUT ROWID": "opslag zonder rowid (WITHOUT ROWID)"}


def _flags(sql: str | None) -> frozenset[str]:
    text = _STRING.sub("''", (sql or "").upper())
    return frozenset(flag for flag, pattern in _FLAGS.items() if pattern.search(text))


def _table_shape(conn: sqlite3.Connection, name: str, sql: str | None) -> TableShape:
    q = quote(name)
    columns = {
        row[1]: ColumnShape(type=(row[2] or "").upper(), notnull=bool(row[3]), default=row[4],
                            pk=int(row[5]), hidden=int(row[6]))
        for row in conn.execute(f"PRAGMA main.table_xinfo({q})")
    }
    indexes = set()
    for _seq, index, unique, origin, partial in conn.execute(f"PRAGMA main.index_list({q})"):
        keys = tuple((row[2], bool(row[3]), row[4])
                     for row in conn.execute(f"PRAGMA main.index_xinfo({quote(index)})") if row[5])
        indexes.add(IndexShape(index if origin == "c" else None, bool(unique), origin, bool(partial), keys))
    foreign_keys = frozenset((row[2], row[3], row[4], row[5], row[6])
                             for row in conn.execute(f"PRAGMA main.foreign_key_list({q})"))
    return TableShape(columns, frozenset(indexes), foreign_keys, _flags(sql))


def read_schema(conn: sqlite3.Connection) -> Schema:
    """The schema of the database behind ``conn``, described the way :func:`compare` needs."""
    tables: dict[str, TableShape] = {}
    triggers, views, virtual, unreadable = [], [], [], []
    rows = conn.execute("SELECT type, name, tbl_name, sql FROM main.sqlite_master ORDER BY type, name").fetchall()
    for kind, name, table, sql in rows:
        if kind == "trigger":
            triggers.append((name, table))
        elif kind == "view":
            views.append(name)
        elif kind == "table":
            if re.match(r"\s*CREATE\s+VIRTUAL\b", sql or "", re.IGNORECASE):
                virtual.append(name)  # never asked for its columns: that would load its module
                continue
            try:
                tables[name] = _table_shape(conn, name, sql)
            except sqlite3.DatabaseError:
                unreadable.append(name)
    return Schema(tables, tuple(triggers), tuple(views), tuple(virtual), tuple(unreadable))


# ---------------------------------------------------------------------------
# What this version expects
# ---------------------------------------------------------------------------

_expected: dict[str, Schema] = {}


def expected_schema(revision: str = HEAD_REVISION) -> Schema:
    """The schema a file at ``revision`` must have (built once per process)."""
    schema = _expected.get(revision)
    if schema is None:
        schema = _build_head() if revision == HEAD_REVISION else _build_older(revision)
        _expected[revision] = schema
    return schema


def _build_head() -> Schema:
    """The models' schema plus Alembic's version table: what create_workspace writes."""
    from sqlalchemy.dialects.sqlite import dialect
    from sqlalchemy.schema import CreateIndex, CreateTable

    from app.models import Base
    from app.services.workspace import _version_table

    # The statements create_all would run, compiled and run directly: a third of its time.
    sqlite = dialect()
    raw = sqlite3.connect(":memory:")
    try:
        for table in [*Base.metadata.sorted_tables, _version_table]:
            raw.execute(str(CreateTable(table).compile(dialect=sqlite)))
            for index in table.indexes:
                raw.execute(str(CreateIndex(index).compile(dialect=sqlite)))
        return read_schema(raw)
    finally:
        raw.close()


def _build_older(revision: str) -> Schema:
    """What the migrations up to ``revision`` make: an older file's schema, before its upgrade."""
    from alembic import command
    from sqlalchemy import create_engine
    from sqlalchemy.pool import StaticPool

    from app.services import migrations

    if not migrations.is_known_revision(revision):
        raise ValueError(f"unknown revision {revision!r}")
    raw = sqlite3.connect(":memory:")
    engine = create_engine("sqlite://", creator=lambda: raw, poolclass=StaticPool)
    try:
        with engine.begin() as conn:
            command.upgrade(migrations.alembic_config(conn), revision)
        return read_schema(raw)
    finally:
        engine.dispose()
        raw.close()


# ---------------------------------------------------------------------------
# Comparing
# ---------------------------------------------------------------------------

def _keys(columns: tuple) -> str:
    return ", ".join(str(c[0]) if c[0] is not None else "(expressie)" for c in columns)


def compare(expected: Schema, actual: Schema) -> list[str]:
    """Every difference between the two, in Dutch: what the file has that is not ours first."""
    problems = [f"trigger '{name}' op tabel '{table}'" for name, table in actual.triggers]
    problems += [f"view '{name}'" for name in actual.views]
    problems += [f"virtuele tabel '{name}'" for name in actual.virtual_tables]
    problems += [f"tabel '{name}' die niet kan worden gelezen" for name in actual.unreadable]
    problems += [f"tabel '{name}'" for name in actual.tables if name not in expected.tables]
    for name, want in expected.tables.items():
        have = actual.tables.get(name)
        if have is not None:
            problems += _compare_table(name, want, have)
    taken = set(actual.views) | set(actual.virtual_tables) | set(actual.unreadable)
    problems += [f"tabel '{name}' ontbreekt" for name in expected.tables
                 if name not in actual.tables and name not in taken]
    return problems


def _compare_table(table: str, want: TableShape, have: TableShape) -> list[str]:
    problems = [f"kolom '{c}' in tabel '{table}'" for c in have.columns if c not in want.columns]
    for column, shape in want.columns.items():
        found = have.columns.get(column)
        if found is None:
            problems.append(f"kolom '{column}' in tabel '{table}' ontbreekt")
            continue
        where = f"kolom '{column}' in tabel '{table}'"
        if found.type != shape.type:
            problems.append(f"{where} heeft type {found.type or '(geen)'} in plaats van {shape.type}")
        if found.notnull and not shape.notnull:
            problems.append(f"{where} mag niet leeg zijn; bij Planbord mag hij leeg zijn")
        if shape.notnull and not found.notnull:
            problems.append(f"{where} mag leeg zijn; bij Planbord moet hij altijd een waarde hebben")
        if found.default != shape.default:
            problems.append(f"{where} heeft een andere standaardwaarde ({found.default})")
        if found.pk != shape.pk:
            problems.append(f"{where} is anders wel of niet de primaire sleutel")
        if found.hidden != shape.hidden:
            problems.append(f"{where} is een berekende kolom")
    for flag in sorted(have.flags - want.flags):
        problems.append(f"{_FLAG_WORDS[flag]} in tabel '{table}'")
    for index in sorted(have.indexes - want.indexes, key=repr):
        same_name = [i for i in want.indexes if index.name is not None and i.name == index.name]
        if same_name:
            problems.append(f"index '{index.name}' op tabel '{table}' is anders dan verwacht")
        elif index.name is not None:
            problems.append(f"index '{index.name}' op tabel '{table}'")
        else:
            problems.append(f"uniciteitsregel op ({_keys(index.columns)}) in tabel '{table}'")
    have_names = {i.name for i in have.indexes}
    for index in sorted(want.indexes - have.indexes, key=repr):
        if index.name is None:
            problems.append(f"uniciteitsregel op ({_keys(index.columns)}) in tabel '{table}' ontbreekt")
        elif index.name not in have_names:
            problems.append(f"index '{index.name}' op tabel '{table}' ontbreekt")
    for fk in sorted(have.foreign_keys - want.foreign_keys, key=repr):
        problems.append(f"verwijzing van kolom '{fk[1]}' in tabel '{table}' naar tabel '{fk[0]}'")
    for fk in sorted(want.foreign_keys - have.foreign_keys, key=repr):
        problems.append(f"verwijzing van kolom '{fk[1]}' in tabel '{table}' naar tabel '{fk[0]}' ontbreekt")
    return problems


def verify_schema(source: Path | str | sqlite3.Connection, revision: str = HEAD_REVISION) -> list[str]:
    """The differences (Dutch, one per part) between the file's schema and the expected one for
    ``revision``; an empty list when the file has exactly our schema. Reads only."""
    expected = expected_schema(revision)
    if isinstance(source, sqlite3.Connection):
        return compare(expected, read_schema(harden(source)))
    conn = connect_readonly(Path(source))
    try:
        return compare(expected, read_schema(conn))
    finally:
        conn.close()


# ---------------------------------------------------------------------------
# On opening
# ---------------------------------------------------------------------------

def listed(problems: list[str], separator: str = ", ", *, at_least: bool = False) -> str:
    """The first few problems and how many more: "a, b, c en 4 meer" ("en minstens 4 meer"
    when the search stopped counting)."""
    shown = separator.join(problems[:SHOWN_PROBLEMS])
    more = len(problems) - SHOWN_PROBLEMS
    if more <= 0:
        return shown
    return f"{shown} en {'minstens ' if at_least else ''}{more} meer"


_REFUSED = "Het bestand is niet geopend en niet gewijzigd. U kunt een schone kopie laten maken."


def untrusted_error(path: Path, problems: list[str]) -> UntrustedFileError:
    name = f"“{path.name}”"
    if all(p.endswith(" ontbreekt") for p in problems):
        lead = f"{name} mist onderdelen die Planbord nodig heeft"
    else:
        lead = f"{name} bevat onderdelen die Planbord niet kent"
    return UntrustedFileError(f"{lead}: {listed(problems)}. {_REFUSED}", path, problems)


def damaged_error(path: Path, problems: list[str], *, limit_reached: bool = False) -> DamagedDataError:
    name = f"“{path.name}”"
    text = listed(problems, "; ", at_least=limit_reached)
    return DamagedDataError(f"{name} bevat gegevens die Planbord niet kan gebruiken: {text}. {_REFUSED}",
                            path, problems)


# How many value problems opening collects (the message names the first few).
VALUE_PROBLEM_LIMIT = 20


def check_file(path: Path, revision: str) -> None:
    """Refuse a file whose schema is not ours, or (at the current revision) whose values are
    not what the schema expects. Reads only; an older file's values are checked in its upgrade
    (app.services.migrations.upgrade), before that is committed.

    A revision this program does not know is left to the caller (a newer Planbord's file).
    """
    from app.services.fileformat import _translate

    if revision != HEAD_REVISION:
        from app.services import migrations

        if not migrations.is_known_revision(revision):
            return
    conn = connect_readonly(path)
    try:
        problems = verify_schema(conn, revision)
        if problems:
            raise untrusted_error(path, problems)
        if revision == HEAD_REVISION:
            from app.services.verify_values import value_problems

            problems = value_problems(conn, limit=VALUE_PROBLEM_LIMIT)
            if problems:
                raise damaged_error(path, problems, limit_reached=len(problems) >= VALUE_PROBLEM_LIMIT)
    except sqlite3.DatabaseError as e:
        raise _translate(e, path) from None
    finally:
        conn.close()


__all__ = ["ColumnShape", "IndexShape", "Schema", "TableShape", "check_file", "compare",
           "damaged_error", "expected_schema", "listed", "quote", "read_schema", "untrusted_error",
           "verify_schema"]
