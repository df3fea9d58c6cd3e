"""A clean copy: the data of a refused file, row by row, in a fresh workspace. Never in place.

When opening refuses a file (a trigger or a view in it, values the schema does not expect,
a cycle), the user can still get at its data: :func:`make_clean_copy` makes a new workspace
(app.services.workspace.create_workspace) and copies into it, table by table in dependency
order, the rows of every table of the model. The source is read through a read-only
connection with ``trusted_schema=OFF``, and only the columns this version knows of the
tables this version knows: never a view, a trigger, a virtual table or an unknown column.
Nothing in the source runs, and the source is not changed.

Every row goes through the checks of opening (app.services.verify_values); a row that fails
is left out, as is a row whose parent was left out (a cell of a line left out) and every
member of a cycle. A reference the schema itself clears when its row is deleted (ON DELETE SET
NULL: a line's project, a plan's allocation key) is cleared instead when that row is left out
or does not exist, as deleting it in Planbord would. The report lists each row left out and
each row changed, with why, in Dutch.

A file of an older revision is first copied into a private temporary file, its triggers and
views dropped there, and that copy upgraded (with its broken references left for the row
checks to leave out); the clean copy is then made from the upgraded temporary copy.
"""
from __future__ import annotations

import enum
import logging
import os
import secrets
import sqlite3
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.types import TypeDecorator

from app.models import Base
from app.services.errors import NewerVersionError, WorkspaceError
from app.services.fileformat import (
    FILE_SUFFIX,
    HEAD_REVISION,
    check_contents,
    connect_readonly,
    connect_readwrite,
    harden,
    publish_new_file,
    read_header,
    sidecar,
)
from app.services.verify import quote, verify_schema
from app.services.verify_values import TREES, cycles, scan_table, value_problems

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LeftOut:
    """A row of the source left out of the clean copy (or copied with a change), and why."""

    table: str
    row: int | None
    reason: str

    def __str__(self) -> str:
        where = f"tabel {self.table}" + (f", rij {self.row}" if self.row is not None else "")
        return f"{where}: {self.reason}"


@dataclass
class CleanCopyReport:
    source: Path
    target: Path
    copied: dict[str, int] = field(default_factory=dict)  # rows per table
    left_out: list[LeftOut] = field(default_factory=list)
    changed: list[LeftOut] = field(default_factory=list)  # rows copied with a reference cleared
    not_copied: list[str] = field(default_factory=list)  # parts of the source's schema left behind
    upgraded_from: str | None = None  # the source's revision when it was older

    @property
    def copied_rows(self) -> int:
        return sum(self.copied.values())

    @property
    def left_out_rows(self) -> int:
        return len(self.left_out)

    def summary(self) -> str:
        rows = "rij" if self.copied_rows == 1 else "rijen"
        changed = f" (waarvan {len(self.changed)} aangepast)" if self.changed else ""
        return f"{self.copied_rows} {rows} overgenomen{changed}, {self.left_out_rows} weggelaten."

    def lines(self) -> list[str]:
        """The report in Dutch, as the command line prints it."""
        lines = [f"Schone kopie geschreven: {self.target}", self.summary()]
        if self.upgraded_from:
            lines.append(f"Het bestand was van een oudere versie ({self.upgraded_from}); de kopie is "
                         "bijgewerkt naar deze versie.")
        if self.not_copied:
            lines.append("Niet overgenomen uit het bestand: " + ", ".join(self.not_copied) + ".")
        if self.left_out:
            lines.append("Weggelaten rijen:")
            lines += [f"  {item}" for item in self.left_out]
        if self.changed:
            lines.append("Aangepaste rijen:")
            lines += [f"  {item}" for item in self.changed]
        return lines


def default_target(source: Path) -> Path:
    """Beside the source: "<naam> (schone kopie).planbord", numbered when that name is taken."""
    source = Path(source)
    stem = source.stem if source.suffix == FILE_SUFFIX else source.name
    n = 1
    while True:
        label = "schone kopie" if n == 1 else f"schone kopie {n}"
        candidate = source.with_name(f"{stem} ({label}){FILE_SUFFIX}")
        if not candidate.exists() and not candidate.is_symlink():
            return candidate
        n += 1


# ---------------------------------------------------------------------------
# The copy
# ---------------------------------------------------------------------------

def make_clean_copy(source: Path | str, target: Path | str) -> CleanCopyReport:
    """Copy the usable rows of ``source`` into a new workspace at ``target``; returns the report.

    Refuses (WorkspaceError, Dutch message) an existing ``target``, a source that is not a
    Planbord file or is damaged beyond SQLite's own check, and a file of a newer Planbord.
    The source is only read; a refused or failed copy leaves no file at ``target``.
    """
    source = Path(os.path.abspath(source))
    target = Path(os.path.abspath(target))
    if target.exists() or target.is_symlink():
        raise WorkspaceError(f"Het bestand “{target.name}” bestaat al; kies een andere naam voor de schone "
                             "kopie. Planbord overschrijft geen bestaand bestand.", target)
    if not target.parent.is_dir():
        raise WorkspaceError(f"De map “{target.parent}” bestaat niet; kies een andere plek voor de schone "
                             "kopie.", target)
    read_header(source)
    with _no_trace(source):
        return _make(source, target)


def _make(source: Path, target: Path) -> CleanCopyReport:
    name = f"“{source.name}”"
    revision = check_contents(source, can_recover=False)
    report = CleanCopyReport(source, target)
    if revision != HEAD_REVISION:
        from app.services import migrations

        if not migrations.is_known_revision(revision):
            raise NewerVersionError(f"{name} is gemaakt met een nieuwere versie van Planbord; daarvan kan "
                                    "deze versie geen schone kopie maken. Werk Planbord bij.", source)
        report.upgraded_from = revision
    with tempfile.TemporaryDirectory(prefix="planbord-schoon-") as folder:
        reading = source
        if revision != HEAD_REVISION:
            with _read_only(source) as conn:
                report.not_copied = verify_schema(conn, revision)
            reading = _upgraded_copy(source, Path(folder))
        with _read_only(reading) as conn:
            if revision == HEAD_REVISION:
                report.not_copied = verify_schema(conn, HEAD_REVISION)
            _build(conn, target, report)
    log.info("clean copy of %s to %s: %d rows copied, %d left out", source, target,
             report.copied_rows, report.left_out_rows)
    return report


@contextmanager
def _no_trace(path: Path):
    """Remove the empty -wal/-shm that reading a WAL file leaves, when they were not there before
    (never anything another program may be using)."""
    wal, shm = sidecar(path, "-wal"), sidecar(path, "-shm")
    existed = wal.exists() or shm.exists()
    try:
        yield
    finally:
        if not existed and not (wal.exists() and wal.stat().st_size):
            for side in (wal, shm):
                try:
                    side.unlink()
                except OSError:
                    pass


@contextmanager
def _read_only(path: Path):
    """A read-only, hardened connection."""
    conn = connect_readonly(path)
    try:
        conn.execute("PRAGMA query_only=ON")
        yield conn
    finally:
        conn.close()


def _upgraded_copy(source: Path, folder: Path) -> Path:
    """An older file, copied privately, stripped of triggers and views, and upgraded."""
    from app.services import migrations

    copy = folder / f"bron{FILE_SUFFIX}"
    with _read_only(source) as conn:
        dest = harden(sqlite3.connect(copy))
        try:
            conn.backup(dest)
            # Nothing of the file may run during the upgrade: its triggers and views go first.
            found = dest.execute("SELECT type, name FROM main.sqlite_master "
                                 "WHERE type IN ('trigger', 'view')").fetchall()
            for kind, name in found:
                dest.execute(f"DROP {'TRIGGER' if kind == 'trigger' else 'VIEW'} IF EXISTS {quote(name)}")
            dest.execute("PRAGMA journal_mode=DELETE")
            dest.commit()
        finally:
            dest.close()
    try:
        migrations.upgrade(copy, check_foreign_keys=False)
    except Exception:
        log.exception("upgrading a private copy of %s failed", source)
        raise WorkspaceError(
            f"Van “{source.name}” kan geen schone kopie worden gemaakt: het is gemaakt met een oudere versie "
            "van Planbord en de gegevens konden niet naar deze versie worden overgezet.", source) from None
    return copy


def _build(conn: sqlite3.Connection, target: Path, report: CleanCopyReport) -> None:
    """A new workspace under a temporary name beside ``target``, filled, checked, then named."""
    from app.services.workspace import create_workspace

    tmp = target.with_name(f".{target.name}.schoon-{secrets.token_hex(6)}")
    try:
        create_workspace(tmp).close()
        dest = connect_readwrite(tmp)
        try:
            dest.isolation_level = None
            dest.execute("PRAGMA foreign_keys=ON")
            dest.execute("BEGIN IMMEDIATE")
            _copy_rows(conn, dest, report)
            left = value_problems(dest, limit=5) + verify_schema(dest, HEAD_REVISION)
            if left:  # cannot happen: every row passed the same checks
                raise RuntimeError(f"clean copy still has problems: {left}")
            dest.execute("COMMIT")
        finally:
            dest.close()
        publish_new_file(tmp, target)
    except WorkspaceError:
        raise
    except (OSError, sqlite3.Error, RuntimeError) as e:
        log.exception("clean copy to %s failed", target)
        raise WorkspaceError(
            f"Planbord kon de schone kopie “{target.name}” niet maken ({type(e).__name__}). Controleer of "
            "u in de map mag schrijven en er ruimte op de schijf is.", target) from None
    finally:
        for leftover in (tmp, sidecar(tmp, "-wal"), sidecar(tmp, "-shm"), sidecar(tmp, "-journal")):
            try:
                leftover.unlink()
            except OSError:
                pass


def _source_table(conn: sqlite3.Connection, table: str) -> str | None:
    """Why ``table`` cannot be read from the source, or None when it is a plain table."""
    found = conn.execute("SELECT type, sql FROM main.sqlite_master WHERE name = ? COLLATE NOCASE "
                         "AND type IN ('table', 'view')", (table,)).fetchone()
    if found is None:
        return "ontbreekt in het bestand"
    kind, sql = found
    if kind != "table":
        return "is in het bestand een view, geen tabel"
    if (sql or "").lstrip().upper().startswith("CREATE VIRTUAL"):
        return "is in het bestand een virtuele tabel"
    return None


def _default_sql(column) -> str:
    """The value a column the source lacks gets: its model default, else NULL."""
    value = column.default.arg if column.default is not None and column.default.is_scalar else None
    if value is None and column.server_default is not None:
        value = column.server_default.arg
    if value is None:
        return "NULL"
    if isinstance(column.type, TypeDecorator):
        value = column.type.process_bind_param(value, None)
    if isinstance(value, enum.Enum):
        value = value.value
    if isinstance(value, bool):
        value = int(value)
    if isinstance(value, int):
        return str(value)
    return "'" + str(value).replace("'", "''") + "'"


def _expressions(conn: sqlite3.Connection, table) -> dict[str, str]:
    """How each expected column is read: the column itself, or a default when the source lacks it
    (or has it only as a computed column, which would be code)."""
    present = {row[1] for row in conn.execute(f"PRAGMA main.table_xinfo({quote(table.name)})") if row[6] == 0}
    return {c.name: f"t.{quote(c.name)}" if c.name in present else _default_sql(c) for c in table.columns}


def _copy_rows(conn: sqlite3.Connection, dest: sqlite3.Connection, report: CleanCopyReport) -> None:
    copied: dict[str, set] = {}
    left: dict[str, set] = {}
    for table in Base.metadata.sorted_tables:
        copied[table.name], left[table.name] = set(), set()
        why = _source_table(conn, table.name)
        if why is not None:
            report.not_copied.append(f"tabel '{table.name}' ({why})")
            report.copied[table.name] = 0
            continue
        e = _expressions(conn, table)
        problems: dict[int, list[str]] = {}
        for problem in scan_table(conn, table.name, e):
            problems.setdefault(problem.row, []).append(f"kolom {problem.column}: {problem.reason}")
        tree = TREES.get(table.name)
        if tree is not None and e[tree].startswith("t."):
            for row, ring in cycles(conn, table.name, tree).items():
                problems.setdefault(row, []).append(f"kolom {tree}: vormt een kring: " + " → ".join(map(str, ring)))
        names = [c.name for c in table.columns]
        select = ", ".join(e[n] for n in names)
        rows = conn.execute(f"SELECT t.rowid, {select} FROM main.{quote(table.name)} AS t ORDER BY t.rowid")
        insert = (f"INSERT INTO main.{quote(table.name)} ({', '.join(quote(n) for n in names)}) "
                  f"VALUES ({', '.join('?' for _ in names)})")
        # A reference the schema clears when its row goes (ON DELETE SET NULL: a line's project, a
        # plan's key) is cleared here too, and said; any other means the row cannot stay.
        references = [(i, next(iter(c.foreign_keys)).column.table.name,
                       c.nullable and next(iter(c.foreign_keys)).ondelete == "SET NULL")
                      for i, c in enumerate(table.columns) if c.foreign_keys]
        has_id = "id" in names
        id_at = names.index("id") if has_id else None

        def leave(row_id, reason: str, values) -> None:
            report.left_out.append(LeftOut(table.name, row_id, reason))
            if has_id:
                left[table.name].add(values[id_at])

        def take(row_id, values) -> None:
            if row_id in problems:
                leave(row_id, "; ".join(problems[row_id]), values)
                return
            for i, parent, clear in references:
                value = values[i]
                if value is None or value in copied[parent]:
                    continue
                gone = "is weggelaten" if value in left[parent] else "bestaat niet"
                if clear:
                    values = values[:i] + (None,) + values[i + 1:]
                    report.changed.append(LeftOut(table.name, row_id, f"kolom {names[i]}: {parent} {value} "
                                                                      f"{gone}; de verwijzing is leeggemaakt"))
                    continue
                if gone == "is weggelaten":
                    leave(row_id, f"kolom {names[i]}: hoort bij {parent} {value}, die is weggelaten", values)
                else:
                    leave(row_id, f"kolom {names[i]}: verwijst naar {parent} {value}, die niet bestaat", values)
                return
            try:
                dest.execute(insert, values)
            except sqlite3.IntegrityError as error:
                leave(row_id, _integrity_reason(error), values)
                return
            if has_id:
                copied[table.name].add(values[id_at])

        all_rows = [(row[0], row[1:]) for row in rows]
        if tree is None:
            for row_id, values in all_rows:
                take(row_id, values)
        else:
            # Rows that fail go first (cycle members among them), so their children can follow.
            for row_id, values in all_rows:
                if row_id in problems:
                    take(row_id, values)
            _parents_first([r for r in all_rows if r[0] not in problems], names.index(tree), id_at,
                           copied[table.name], left[table.name], take,
                           lambda row_id, values: leave(row_id, f"kolom {tree}: hangt onder een kring", values))
        report.copied[table.name] = len(copied[table.name]) if has_id else sum(
            1 for _ in dest.execute(f"SELECT 1 FROM main.{quote(table.name)}"))


def _parents_first(rows, parent_at: int, id_at: int, copied: set, left: set, take, give_up) -> None:
    """Take the rows of a tree so that a parent is always taken before its children."""
    known = {values[id_at] for _, values in rows}
    pending = rows
    while pending:
        waiting = []
        for row_id, values in pending:
            parent = values[parent_at]
            if parent is None or parent in copied or parent in left or parent not in known:
                take(row_id, values)
            else:
                waiting.append((row_id, values))
        if len(waiting) == len(pending):  # no row could go: what is left hangs under a cycle
            for row_id, values in waiting:
                give_up(row_id, values)
            return
        pending = waiting


def _integrity_reason(error: sqlite3.IntegrityError) -> str:
    text = str(error)
    if text.startswith("UNIQUE"):
        return "komt dubbel voor (" + text.split(":", 1)[-1].strip() + ")"
    if text.startswith("NOT NULL"):
        return "mist een verplichte waarde (" + text.split(":", 1)[-1].strip() + ")"
    if text.startswith("CHECK"):
        return "voldoet niet aan een regel van het bestand (" + text.split(":", 1)[-1].strip() + ")"
    if text.startswith("FOREIGN KEY"):
        return "verwijst naar een rij die er niet is"
    return f"kan niet worden overgenomen ({text})"
