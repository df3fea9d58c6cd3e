"""Values are checked where they are read: what the schema declares is not enough.

SQLite stores whatever it is given (a REAL or text in a cents column, a NULL in a column a
hand-edited schema no longer marks NOT NULL), so a file from elsewhere is checked row by row
before any figure is computed from it: types, ranges, required values, one of amount or
marker, allowed words, references that resolve and trees without cycles. Every rule is
derived from the models (``Base.metadata``) plus the bounds below, and runs as one SQL scan
per table, so opening stays quick.

:func:`value_problems` lists the first problems, each as "tabel budget_cell, rij 12, kolom
amount: …" in Dutch. The clean copy (app.services.clean_copy) runs the same per-table scan
(:func:`scan_table`) and cycle search (:func:`cycles`) without a limit and leaves those rows out.

The bounds (stored values; what they mean):

- money: integer cents within ±99.999.999.999.999 (± € 999.999.999.999,99, MAX_AMOUNT);
- years (plan year, its first and last year column, a cell's or amount's year): 1900-2200,
  as a new plan allows (app.services.new_workspace.YEARS); a plan's first year not after its
  last, at most 50 year columns, 0 up to the number of columns minus one comparison columns;
- dagdelen (an allocation, a person's availability, a stated figure): 0 up to 1000 per week,
  the most the editing services accept (app.services.staffing_edit.MAX_STAFFING_VALUE); dagdelen
  per fte more than 0 up to that same 1000;
- fte (a role's formatie and its part for execution): 0 up to 1000;
- a key's percentage 0-100 (two decimals), its basis figure 0 up to 15 digits;
- booleans 0 or 1, enum columns one of their values, dates a real YYYY-MM-DD, moments a real
  YYYY-MM-DD HH:MM:SS (with or without fractions of a second).
"""
from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from sqlalchemy import Boolean, Date, DateTime, Enum, Integer, String
from sqlalchemy.types import TypeDecorator

from app.models import Base
from app.models.numbers import MAX_AMOUNT
from app.models.types import Money, ScaledDecimal
from app.services.verify import quote

MAX_CENTS = int(MAX_AMOUNT * 100)
YEARS = (1900, 2200)
MAX_YEAR_COLUMNS = 50
MAX_HALF_DAYS = 1000  # dagdelen per week; stored in tenths
MAX_FTE = 1000  # stored in hundredths
MAX_BASIS = 10**15 - 1

# (table, column) -> (lowest, highest) stored value. Every ScaledDecimal column needs one
# (a test checks), so a new column cannot go unchecked.
RANGES: dict[tuple[str, str], tuple[int, int]] = {
    ("plan", "half_days_per_fte"): (1, MAX_HALF_DAYS * 10),
    ("chapter", "stated_half_days"): (0, MAX_HALF_DAYS * 10),
    ("project", "stated_half_days"): (0, MAX_HALF_DAYS * 10),
    ("person", "available_half_days"): (0, MAX_HALF_DAYS * 10),
    ("allocation", "half_days"): (0, MAX_HALF_DAYS * 10),
    ("capacity", "fte"): (0, MAX_FTE * 100),
    ("capacity", "execution_fte"): (0, MAX_FTE * 100),
    ("key_share", "percentage"): (0, 100 * 100),
    ("key_share", "basis"): (0, MAX_BASIS),
    # A monitor's value or target: any figure an amount could be (its unit's own rules are the
    # service's; a file is checked for what could break a reader).
    ("indicator_value", "value"): (-MAX_CENTS, MAX_CENTS),
    ("indicator_target", "value"): (-MAX_CENTS, MAX_CENTS),
}
YEAR_COLUMNS = {"year", "first_year", "last_year"}

# Trees: table -> the column naming the row above (its parent, or the plan it is based on).
TREES = {"chapter": "parent_id", "budget_group": "parent_id", "plan": "based_on_id"}
# Trees whose rows must stay within one plan (an amendment copies a plan's tree on its own).
SAME_PLAN = {"chapter": "parent_id", "budget_group": "parent_id"}

_WHAT = {"integer": "een geheel getal", "real": "een kommagetal", "text": "tekst", "blob": "binaire gegevens",
         "null": "leeg"}


@dataclass(frozen=True)
class RowProblem:
    """One value that failed, where it is."""

    table: str
    row: int | None  # the rowid (the id column where the table has one)
    column: str | None
    reason: str

    def __str__(self) -> str:
        where = [f"tabel {self.table}"]
        if self.row is not None:
            where.append(f"rij {self.row}")
        if self.column:
            where.append(f"kolom {self.column}")
        return f"{', '.join(where)}: {self.reason}"


@dataclass(frozen=True)
class Rule:
    """What one column may hold."""

    table: str
    column: str
    storage: str  # "integer" or "text"
    nullable: bool
    low: int | None = None
    high: int | None = None
    places: int = 0  # decimals of a scaled value (cents: 2), for the message
    unit: str = ""  # "bedrag", "jaar", "dagdelen", "fte", "percentage", "basisgetal"
    boolean: bool = False
    choices: tuple[str, ...] = ()
    date: bool = False
    moment: bool = False  # a date and time (the change log's ``at``)


def _unit(table: str, column: str, places: int) -> str:
    if "half_days" in column:
        return "dagdelen"
    if "fte" in column:
        return "fte"
    if column == "percentage":
        return "percentage"
    if column == "basis":
        return "basisgetal"
    return "waarde"


def _rule(table: str, column) -> Rule:
    kind = column.type
    name = column.name
    base = dict(table=table, column=name, nullable=bool(column.nullable))
    if isinstance(kind, Money):
        return Rule(storage="integer", low=-MAX_CENTS, high=MAX_CENTS, places=2, unit="bedrag", **base)
    if isinstance(kind, ScaledDecimal):
        low, high = RANGES[(table, name)]
        return Rule(storage="integer", low=low, high=high, places=kind.places,
                    unit=_unit(table, name, kind.places), **base)
    if isinstance(kind, TypeDecorator):
        raise TypeError(f"no value rule for {table}.{name} ({kind!r})")
    if isinstance(kind, Boolean):
        return Rule(storage="integer", boolean=True, **base)
    if isinstance(kind, Enum):
        return Rule(storage="text", choices=tuple(kind.enums), **base)
    if isinstance(kind, DateTime):
        return Rule(storage="text", moment=True, **base)
    if isinstance(kind, Date):
        return Rule(storage="text", date=True, **base)
    if isinstance(kind, String):
        return Rule(storage="text", **base)
    if isinstance(kind, Integer):
        if name in YEAR_COLUMNS:
            return Rule(storage="integer", low=YEARS[0], high=YEARS[1], unit="jaar", **base)
        low, high = RANGES.get((table, name), (None, None))
        return Rule(storage="integer", low=low, high=high, unit=_unit(table, name, 0), **base)
    raise TypeError(f"no value rule for {table}.{name} ({kind!r})")


@lru_cache(maxsize=1)
def rules() -> dict[str, tuple[Rule, ...]]:
    """Every column's rule, per table of the model, in the models' dependency order."""
    return {table.name: tuple(_rule(table.name, c) for c in table.columns)
            for table in Base.metadata.sorted_tables}


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _column_check(rule: Rule, e: str) -> str:
    """An SQL expression: NULL when the value ``e`` is fine, else a short code of what is wrong."""
    parts = [f"WHEN {e} IS NULL THEN {'NULL' if rule.nullable else _literal('null')}",
             f"WHEN typeof({e}) <> '{rule.storage}' THEN 'type:' || typeof({e})"]
    if rule.boolean:
        parts.append(f"WHEN {e} NOT IN (0, 1) THEN 'bool:' || {e}")
    if rule.low is not None:
        parts.append(f"WHEN {e} NOT BETWEEN {rule.low} AND {rule.high} THEN 'range:' || {e}")
    if rule.choices:
        allowed = ", ".join(_literal(c) for c in rule.choices)
        parts.append(f"WHEN {e} NOT IN ({allowed}) THEN 'enum:' || substr({e}, 1, 40)")
    if rule.date:
        # '+0 days' makes SQLite compute the day, so 2022-02-30 becomes 2022-03-02 and differs;
        # year 0 is a date to SQLite, not to Python.
        parts.append(f"WHEN {e} IS NOT date({e}, '+0 days') OR substr({e}, 1, 4) < '0001' THEN 'date:' || substr({e}, 1, 40)")
    if rule.moment:
        # As SQLAlchemy writes it: 2022-11-11 14:05:00, then .123456 or nothing. The seconds are
        # checked on their own: SQLite rounds 10.9999995 up to the next second.
        whole = f"substr({e}, 1, 19)"
        parts.append(f"WHEN {whole} IS NOT datetime({whole}, '+0 days') OR substr({e}, 1, 4) < '0001' "
                     f"OR (length({e}) <> 19 AND (length({e}) <> 26 OR substr({e}, 20, 1) <> '.' "
                     f"OR substr({e}, 21) GLOB '*[^0-9]*')) THEN 'moment:' || substr({e}, 1, 40)")
    return "CASE " + " ".join(parts) + " END"


def _row_checks(table: str, e: dict[str, str]) -> list[tuple[str, str]]:
    """Checks across the columns of one row: (column to name, SQL code expression)."""
    checks = []
    if table == "budget_cell":
        checks.append(("marker", f"CASE WHEN {e['amount']} IS NOT NULL AND {e['marker']} IS NOT NULL "
                                 "THEN 'both' END"))
    if table == "plan":
        first, last, comparison = e["first_year"], e["last_year"], e["comparison_columns"]
        years_ok = (f"typeof({first}) = 'integer' AND typeof({last}) = 'integer' "
                    f"AND {first} BETWEEN {YEARS[0]} AND {YEARS[1]} AND {last} BETWEEN {YEARS[0]} AND {YEARS[1]}")
        checks.append(("last_year", f"CASE WHEN {years_ok} THEN CASE "
                                    f"WHEN {last} < {first} THEN 'order:' || {first} || ':' || {last} "
                                    f"WHEN {last} - {first} + 1 > {MAX_YEAR_COLUMNS} "
                                    f"THEN 'span:' || {first} || ':' || {last} END END"))
        checks.append(("comparison_columns",
                       f"CASE WHEN {years_ok} AND {last} >= {first} AND typeof({comparison}) = 'integer' "
                       f"AND {comparison} NOT BETWEEN 0 AND {last} - {first} "
                       f"THEN 'comparison:' || {comparison} || ':' || ({last} - {first} + 1) END"))
    if table in SAME_PLAN:
        parent = e[SAME_PLAN[table]]
        checks.append((SAME_PLAN[table],
                       f"CASE WHEN typeof({parent}) = 'integer' AND EXISTS (SELECT 1 FROM main.{quote(table)} "
                       f"AS up WHERE up.id = {parent} AND up.plan_id IS NOT {e['plan_id']}) "
                       f"THEN 'otherplan:' || {parent} END"))
    return checks


def _dutch_number(value: int, places: int) -> str:
    """A stored integer as Dutch text: 123456789 cents -> "1.234.567,89"."""
    number = Decimal(value).scaleb(-places)
    sign = "-" if number < 0 else ""
    whole, _, fraction = f"{abs(number):.{places}f}".partition(".")
    whole = f"{int(whole):,}".replace(",", ".")
    return sign + whole + ("," + fraction if fraction else "")


def _reason(rule: Rule | None, code: str) -> str:
    kind, _, value = code.partition(":")
    if code == "type:null":  # SQLite skips "IS NULL" on a column declared NOT NULL; typeof() tells
        kind = "null"
    if kind == "null":
        return "is leeg, maar moet een waarde hebben"
    if kind == "type":
        wanted = "een geheel getal" if rule.storage == "integer" else "tekst"
        return f"moet {wanted} zijn, maar is {_WHAT.get(value, value)}"
    if kind == "bool":
        return f"moet 0 of 1 (nee of ja) zijn, maar is {value}"
    if kind == "range":
        low, high, number = rule.low, rule.high, int(value)
        if rule.unit == "jaar":
            return f"jaar {number} ligt niet tussen {low} en {high}"
        if rule.unit == "bedrag":
            limit = _dutch_number(high, 2)
            return f"bedrag {_dutch_number(number, 2)} valt buiten -{limit} tot {limit}"
        shown = _dutch_number(number, rule.places)
        return (f"{rule.unit} {shown} ligt niet tussen {_dutch_number(low, rule.places)} en "
                f"{_dutch_number(high, rule.places)}")
    if kind == "enum":
        return f"onbekende waarde '{value}'; mogelijk zijn: {', '.join(rule.choices)}"
    if kind == "date":
        return f"'{value}' is geen datum (JJJJ-MM-DD)"
    if kind == "moment":
        return f"'{value}' is geen tijdstip (JJJJ-MM-DD UU:MM:SS)"
    if kind == "both":
        return "heeft zowel een bedrag als een markering; een cel heeft er hoogstens één"
    if kind == "order":
        first, last = value.split(":")
        return f"het laatste jaar {last} ligt voor het eerste jaar {first}"
    if kind == "span":
        first, last = value.split(":")
        return (f"{int(last) - int(first) + 1} jaarkolommen ({first}-{last}); het maximum is "
                f"{MAX_YEAR_COLUMNS}")
    if kind == "comparison":
        count, columns = value.split(":")
        return (f"{count} vergelijkingskolommen bij {columns} jaarkolommen; mogelijk is 0 tot en met "
                f"{int(columns) - 1}")
    if kind == "otherplan":
        return f"verwijst naar rij {value} van een ander plan"
    return code


def scan_table(conn: sqlite3.Connection, table: str, expressions: dict[str, str] | None = None, *,
               limit: int | None = None) -> Iterator[RowProblem]:
    """The problems in one table, row by row (rowid order).

    ``expressions`` maps each column to the SQL that reads it (default: the column itself); the
    clean copy puts a default there for a column the file lacks.
    """
    table_rules = rules()[table]
    e = expressions or {r.column: f"t.{quote(r.column)}" for r in table_rules}
    checks = [(r.column, r, _column_check(r, e[r.column])) for r in table_rules]
    checks += [(column, None, sql) for column, sql in _row_checks(table, e)]
    codes = ", ".join(f"{sql} AS p{i}" for i, (_, _, sql) in enumerate(checks))
    failing = " OR ".join(f"p{i} IS NOT NULL" for i in range(len(checks)))
    query = (f"SELECT * FROM (SELECT t.rowid AS row_id, {codes} FROM main.{quote(table)} AS t) "
             f"WHERE {failing} ORDER BY row_id")
    if limit is not None:
        query += f" LIMIT {int(limit)}"
    for row_id, *found in conn.execute(query):
        for (column, rule, _), code in zip(checks, found):
            if code is not None:
                yield RowProblem(table, row_id, column, _reason(rule, code))


def cycles(conn: sqlite3.Connection, table: str, column: str) -> dict[int, list[int]]:
    """Rows of ``table`` that are (via ``column``) their own ancestor: id -> the cycle from it."""
    up = dict(conn.execute(f"SELECT id, {quote(column)} FROM main.{quote(table)} "
                           f"WHERE typeof(id) = 'integer' AND typeof({quote(column)}) = 'integer'"))
    found: dict[int, list[int]] = {}
    done: set[int] = set()
    for start in up:
        path: list[int] = []
        on_path: dict[int, int] = {}
        node = start
        while node in up and node not in done and node not in on_path:
            on_path[node] = len(path)
            path.append(node)
            node = up[node]
        if node in on_path:  # came back to a row of this walk: the rows from there form a cycle
            ring = path[on_path[node]:]
            for member in ring:
                i = ring.index(member)
                found[member] = ring[i:] + ring[:i] + [member]
        done.update(path)
    return found


def _cycle_problems(conn: sqlite3.Connection) -> Iterator[RowProblem]:
    for table, column in TREES.items():
        for row, ring in sorted(cycles(conn, table, column).items()):
            yield RowProblem(table, row, column, "vormt een kring: " + " → ".join(map(str, ring)))


def _foreign_key_problems(conn: sqlite3.Connection) -> Iterator[RowProblem]:
    columns: dict[tuple[str, int], str] = {}
    for table, row, parent, fk in conn.execute("PRAGMA main.foreign_key_check"):
        if (table, fk) not in columns:
            for entry in conn.execute(f"PRAGMA main.foreign_key_list({quote(table)})"):
                columns[(table, entry[0])] = entry[3]
        column = columns.get((table, fk))
        value = None
        if column is not None and row is not None:
            found = conn.execute(f"SELECT {quote(column)} FROM main.{quote(table)} WHERE rowid = ?",
                                 (row,)).fetchone()
            value = found[0] if found else None
        yield RowProblem(table, row, column, f"verwijst naar {parent} {value}, die niet bestaat")


def _sequence_problems(conn: sqlite3.Connection) -> Iterator[RowProblem]:
    # AUTOINCREMENT's counters: a giant or odd one makes every later insert fail.
    query = ("SELECT rowid, name FROM main.sqlite_sequence WHERE typeof(seq) <> 'integer' "
             "OR seq NOT BETWEEN 0 AND 4611686018427387904 OR typeof(name) <> 'text'")
    for row, name in conn.execute(query):
        yield RowProblem("sqlite_sequence", row, "seq", f"de teller van tabel {name} is onbruikbaar")


def all_problems(conn: sqlite3.Connection, *, limit: int | None = None) -> Iterator[RowProblem]:
    """Every problem, table by table; ``limit`` caps the rows asked per table."""
    for table in rules():
        yield from scan_table(conn, table, limit=limit)
    yield from _cycle_problems(conn)
    yield from _foreign_key_problems(conn)
    yield from _sequence_problems(conn)


def value_problems(conn: sqlite3.Connection, limit: int = 20) -> list[str]:
    """The first ``limit`` problems in the values of the file behind ``conn`` (Dutch, one per
    value); an empty list when every value is one the program can use. Reads only, and expects
    a schema already found to be ours (app.services.verify)."""
    problems = []
    for problem in all_problems(conn, limit=limit):
        problems.append(str(problem))
        if len(problems) >= limit:
            break
    return problems
