"""Hostile and damaged workspace files, made on the fly from the demo (issue 14, point 6).

No binary is stored: each case is a function that turns a copy of the demo workspace into
one damaged or hostile file with plain sqlite3 (or with the file system, for FIFOs, folders,
locks and torn files). ``CASES`` lists them all; tests/test_hostile_corpus.py runs each one
through open, ``summary --json``, ``pdf`` and a first edit.

A case says what a careful program must do with it:

- ``refuse``: opening is refused with a Dutch message and the file stays byte for byte as it
  was (a trigger, a view in a table's place, a value the schema does not expect, a cycle);
- ``open``: the file is fine for what matters (a stale or unreadable lock, long or foreign
  text): it opens, and every figure equals the demo's own.
"""
from __future__ import annotations

import os
import random
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from hostile_files import edit_schema, null_in, sql


@dataclass(frozen=True)
class Case:
    name: str
    make: Callable[[Path], Path]  # gets a copy of the demo at the path, returns the file to open
    expect: str  # "refuse" or "open"


CASES: list[Case] = []


def case(expect: str, name: str | None = None):
    def register(make):
        CASES.append(Case(name or make.__name__, make, expect))
        return make
    return register


def with_null(path: Path, table: str, column: str, declared: str) -> Path:
    """A NULL in a NOT NULL column of the first row, the schema text left as it was."""
    return null_in(path, table, column, declared, ids(path, f"SELECT min(id) FROM {table}")[0])


def ids(path: Path, query: str) -> list:
    conn = sqlite3.connect(path)
    try:
        return [row[0] for row in conn.execute(query)]
    finally:
        conn.close()


# --- the schema: code and lookalikes in the file -------------------------------------------------

@case("refuse")
def trigger_on_plan_insert_empties_the_budget(path):
    return sql(path, "CREATE TRIGGER e AFTER INSERT ON plan BEGIN DELETE FROM budget_line; END")


@case("refuse")
def trigger_on_cell_update_deletes_every_line(path):
    return sql(path, "CREATE TRIGGER f AFTER UPDATE ON budget_cell BEGIN DELETE FROM budget_line; END")


@case("refuse")
def trigger_on_alembic_version(path):
    return sql(path, "CREATE TRIGGER g AFTER UPDATE ON alembic_version BEGIN DELETE FROM funding_amount; END")


for _table in ("region", "municipality", "allocation_key", "key_share", "chapter", "project", "allocation",
               "budget_group", "funding_source", "fixed_settlement"):
    case("refuse", f"trigger_on_{_table}")(
        lambda path, t=_table: sql(path, f"CREATE TRIGGER h_{t} BEFORE DELETE ON {t} BEGIN SELECT 1; END"))


@case("refuse")
def view_named_budget_cell_doubles_every_amount(path):
    return sql(path, "ALTER TABLE budget_cell RENAME TO budget_cell_real",
               "CREATE VIEW budget_cell AS SELECT id, line_id, year, amount * 2 AS amount, marker, note, "
               "note_number, marker_text FROM budget_cell_real")


@case("refuse")
def view_named_funding_amount(path):
    return sql(path, "ALTER TABLE funding_amount RENAME TO funding_amount_real",
               "CREATE VIEW funding_amount AS SELECT id, source_id, year, amount * 10 AS amount FROM "
               "funding_amount_real")


@case("refuse")
def an_extra_view(path):
    return sql(path, "CREATE VIEW loot AS SELECT * FROM plan")


@case("refuse")
def an_extra_table(path):
    return sql(path, "CREATE TABLE evil (x TEXT)")


@case("refuse")
def an_extra_column(path):
    return sql(path, "ALTER TABLE plan ADD COLUMN evil TEXT")


@case("refuse")
def a_missing_column(path):
    return sql(path, "ALTER TABLE budget_line DROP COLUMN note")


@case("refuse")
def an_extra_index(path):
    return sql(path, "CREATE INDEX evil_index ON budget_cell(amount)")


@case("refuse")
def a_missing_index(path):
    conn = sqlite3.connect(path)
    (name,) = conn.execute("SELECT name FROM sqlite_master WHERE type='index' AND name LIKE 'ix_%' "
                           "ORDER BY name").fetchone()
    conn.close()
    return sql(path, f"DROP INDEX {name}")


@case("refuse")
def a_money_column_declared_as_real(path):
    return edit_schema(path, "budget_cell", "amount BIGINT", "amount REAL")


# --- values the schema does not expect -------------------------------------------------------------

def _first(table: str) -> str:
    return f"(SELECT min(id) FROM {table})"


@case("refuse")
def a_real_in_a_cents_column(path):
    return sql(path, f"UPDATE budget_cell SET amount = 1.5 WHERE id = {_first('budget_cell')} AND amount IS NOT NULL")


@case("refuse")
def text_in_a_cents_column(path):
    return sql(path, "UPDATE budget_cell SET amount = 'veel' WHERE amount IS NOT NULL AND id = "
                     "(SELECT min(id) FROM budget_cell WHERE amount IS NOT NULL)")


@case("refuse")
def the_largest_integer_in_a_cents_column(path):
    return sql(path, "UPDATE budget_cell SET amount = 9223372036854775807 WHERE id = "
                     "(SELECT min(id) FROM budget_cell WHERE amount IS NOT NULL)")


@case("refuse")
def a_negative_giant_amount_in_funding(path):
    return sql(path, f"UPDATE funding_amount SET amount = -9223372036854775807 WHERE id = {_first('funding_amount')}")


@case("refuse")
def a_real_in_a_funding_amount(path):
    return sql(path, f"UPDATE funding_amount SET amount = 0.25 WHERE id = {_first('funding_amount')}")


@case("refuse")
def null_in_a_required_title(path):
    return with_null(path, "plan", "title", "VARCHAR(300)")


@case("refuse")
def null_in_a_required_line_name(path):
    return with_null(path, "budget_line", "name", "VARCHAR(300)")


@case("refuse")
def null_in_a_required_year(path):
    return with_null(path, "budget_cell", "year", "INTEGER")


@case("refuse")
def a_cell_with_an_amount_and_a_marker(path):
    return sql(path, "UPDATE budget_cell SET marker = 'PM' WHERE id = "
                     "(SELECT min(id) FROM budget_cell WHERE amount IS NOT NULL)", checks=False)


@case("refuse")
def a_marker_that_does_not_exist(path):
    return sql(path, "UPDATE budget_cell SET marker = 'ongeveer' WHERE id = "
                     "(SELECT min(id) FROM budget_cell WHERE marker IS NOT NULL)")


@case("refuse")
def a_cell_year_of_fifty_million(path):
    return sql(path, f"UPDATE budget_cell SET year = 50000000 WHERE id = {_first('budget_cell')}")


@case("refuse")
def last_year_fifty_million(path):
    return sql(path, "UPDATE plan SET last_year = 50000000")


@case("refuse")
def first_year_after_last_year(path):
    return sql(path, "UPDATE plan SET first_year = 2030")


@case("refuse")
def plan_year_out_of_range(path):
    return sql(path, "UPDATE plan SET year = 1066")


@case("refuse")
def negative_comparison_columns(path):
    return sql(path, "UPDATE plan SET comparison_columns = -1")


@case("refuse")
def more_comparison_columns_than_years(path):
    return sql(path, "UPDATE plan SET comparison_columns = 99")


@case("refuse")
def a_funding_kind_that_does_not_exist(path):
    return sql(path, "UPDATE funding_source SET kind = 'belasting'")


@case("refuse")
def a_plan_status_that_does_not_exist(path):
    return sql(path, "UPDATE plan SET status = 'heilig'")


@case("refuse")
def negative_half_days(path):
    return sql(path, f"UPDATE allocation SET half_days = -40 WHERE id = {_first('allocation')}", checks=False)


@case("refuse")
def negative_fte(path):
    return sql(path, f"UPDATE capacity SET fte = -300 WHERE id = {_first('capacity')}")


@case("refuse")
def a_giant_basis_figure(path):
    return sql(path, f"UPDATE key_share SET basis = 9223372036854775807 WHERE id = {_first('key_share')}")


@case("refuse")
def a_negative_basis_figure(path):
    return sql(path, f"UPDATE key_share SET basis = -5 WHERE id = {_first('key_share')}")


@case("refuse")
def half_days_per_fte_of_zero(path):
    return sql(path, "UPDATE plan SET half_days_per_fte = 0")


# --- references and trees ---------------------------------------------------------------------------

@case("refuse")
def a_chapter_that_is_its_own_parent(path):
    return sql(path, f"UPDATE chapter SET parent_id = id WHERE id = {_first('chapter')}")


@case("refuse")
def a_cycle_of_two_chapters(path):
    first, *_, last = ids(path, "SELECT id FROM chapter WHERE parent_id IS NULL ORDER BY id")
    return sql(path, f"UPDATE chapter SET parent_id = {last} WHERE id = {first}",
               f"UPDATE chapter SET parent_id = {first} WHERE id = {last}")


@case("refuse")
def a_budget_group_that_is_its_own_parent(path):
    return sql(path, f"UPDATE budget_group SET parent_id = id WHERE id = {_first('budget_group')}")


@case("refuse")
def a_cycle_of_two_budget_groups(path):
    (child,) = ids(path, "SELECT min(id) FROM budget_group WHERE parent_id IS NOT NULL")
    return sql(path, f"UPDATE budget_group SET parent_id = {child} WHERE id = "
                     f"(SELECT parent_id FROM budget_group WHERE id = {child})")


@case("refuse")
def a_plan_based_on_itself(path):
    return sql(path, "UPDATE plan SET based_on_id = id")


@case("refuse")
def a_line_in_a_group_that_does_not_exist(path):
    return sql(path, f"UPDATE budget_line SET group_id = 999999 WHERE id = {_first('budget_line')}")


@case("refuse")
def a_share_of_a_municipality_that_does_not_exist(path):
    return sql(path, f"UPDATE key_share SET municipality_id = 424242 WHERE id = {_first('key_share')}")


@case("refuse")
def a_project_in_a_chapter_that_does_not_exist(path):
    return sql(path, f"UPDATE project SET chapter_id = 777 WHERE id = {_first('project')}")


# --- the file itself --------------------------------------------------------------------------------

@case("refuse")
def a_fifo(path):
    path.unlink()
    os.mkfifo(path)
    return path


@case("refuse")
def a_folder(path):
    path.unlink()
    path.mkdir()
    return path


@case("refuse")
def an_empty_file(path):
    path.write_bytes(b"")
    return path


@case("refuse")
def half_a_file(path):
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


@case("refuse")
def random_bytes(path):
    path.write_bytes(random.Random(14).randbytes(64 * 1024))
    return path


@case("refuse")
def a_text_file(path):
    path.write_text("Dit is geen werkbestand maar een brief.\n" * 100, encoding="utf-8")
    return path


@case("refuse")
def a_sqlite_file_of_someone_else(path):
    path.unlink()
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE klanten (naam TEXT)")
    conn.commit()
    conn.close()
    return path


@case("refuse")
def a_file_of_a_future_version(path):
    return sql(path, "UPDATE alembic_version SET version_num = '9999'")


@case("refuse")
def a_page_in_the_middle_overwritten(path):
    data = bytearray(path.read_bytes())
    page = 4096
    data[page * 3: page * 4] = bytes(random.Random(3).randbytes(page))
    path.write_bytes(bytes(data))
    return path


@case("refuse")
def a_header_that_claims_a_huge_file(path):
    data = bytearray(path.read_bytes())
    data[28:32] = (0x7FFFFFFF).to_bytes(4, "big")
    path.write_bytes(bytes(data))
    return path


@case("open")
def a_lock_file_of_junk_bytes(path):
    Path(f"{path}.lock").write_bytes(b"\xff\xfe\x00junk\x80\x81" * 50)
    return path


@case("open")
def an_empty_lock_file(path):
    Path(f"{path}.lock").write_bytes(b"")
    return path


@case("open")
def a_lock_of_a_dead_process_on_this_host(path):
    import json
    import socket

    Path(f"{path}.lock").write_text(json.dumps({
        "host": socket.gethostname(), "user": "iemand", "pid": 2 ** 22 - 7, "token": "x",
        "opened": "2020-01-01T10:00:00"}), encoding="utf-8")
    return path


# --- text ---------------------------------------------------------------------------------------------

@case("open")
def a_title_of_a_million_characters(path):
    return sql(path, "UPDATE plan SET title = (SELECT replace(hex(zeroblob(500000)), '00', 'Uitvoeringsplan '))")


@case("open")
def a_line_name_of_one_unbroken_megabyte(path):
    return sql(path, f"UPDATE budget_line SET name = (SELECT hex(zeroblob(500000))) WHERE id = "
                     f"{_first('budget_line')}")


@case("open")
def arabic_and_hebrew_names(path):
    return sql(path, "UPDATE region SET name = 'منطقة لاهاي'",
               "UPDATE budget_line SET name = 'ניהול פרויקטים' WHERE id = (SELECT min(id) FROM budget_line)")


@case("open")
def emoji_in_a_title_and_a_line(path):
    return sql(path, "UPDATE plan SET title = 'Uitvoeringsplan 2022 👨‍👩‍👧‍👦🏳️‍🌈'",
               "UPDATE budget_line SET name = 'Koffie ☕ en 🍰' WHERE id = (SELECT min(id) FROM budget_line)")


@case("open")
def markup_in_names(path):
    return sql(path, "UPDATE budget_line SET name = '<b>vet</b> & <font size=99>groot</font> <para>' "
                     "WHERE id = (SELECT min(id) FROM budget_line)",
               "UPDATE plan SET title = '<img src=\"/etc/passwd\"/> Plan'")


@case("open")
def control_characters_in_names(path):
    return sql(path, "UPDATE budget_line SET name = 'regel' || char(0) || char(7) || char(27) || '[31m rood' "
                     "WHERE id = (SELECT min(id) FROM budget_line)")


def build(case: Case, template: Path, folder: Path) -> Path:
    """The case's file in ``folder``, made from a fresh copy of ``template``."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "werk.planbord"
    shutil.copyfile(template, path)
    return case.make(path)
