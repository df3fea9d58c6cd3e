"""Values are checked where they are read (issue 14, point 2): a file whose values the schema does
not expect is refused with the first problems named (table, row, column), before any figure is
computed from them, and the file is left as it was.

SQLite only: the values of a hostile or damaged file are checked where a file is read. The
service tests run on both backends (issue 22).
"""
from __future__ import annotations

import sqlite3
from decimal import Decimal
from types import SimpleNamespace

import pytest
from sqlalchemy import Column, MetaData, Table
from sqlalchemy.types import TypeDecorator, Integer

from app.cli import main
from app.models import Base
from app.models.types import ScaledDecimal
from app.services import backups, verify_values
from app.services.edit_errors import EditError
from app.services.errors import DamagedDataError
from app.services.filelock import lock_path
from app.services.plan_copy import copy_tree
from app.services.workspace import open_workspace
from hostile_files import digest, downgrade, null_in, query, sidecars, sql

REFUSED = "Het bestand is niet geopend en niet gewijzigd. U kunt een schone kopie laten maken."
LEAD = "“demo.planbord” bevat gegevens die Planbord niet kan gebruiken: "


def refused(path, *, read_only: bool = False) -> DamagedDataError:
    before, around = digest(path), sidecars(path)
    with pytest.raises(DamagedDataError) as caught:
        open_workspace(path, read_only=read_only)
    assert digest(path) == before and sidecars(path) == around
    assert not lock_path(path).exists()
    assert backups.list_backups(path) == []
    assert caught.value.can_clean_copy is True
    return caught.value


def test_the_demo_has_no_value_problems(demo_workspace):
    conn = sqlite3.connect(demo_workspace)
    try:
        assert verify_values.value_problems(conn) == []
    finally:
        conn.close()


# The values and their neighbours: statements on the demo, and the one problem each gives.
CASES = {
    "a REAL in a cents column": (
        ["UPDATE budget_cell SET amount = 1.5 WHERE id = 1"],
        "tabel budget_cell, rij 1, kolom amount: moet een geheel getal zijn, maar is een kommagetal"),
    "text in a cents column": (
        ["UPDATE budget_cell SET amount = 'veel' WHERE id = 1"],
        "tabel budget_cell, rij 1, kolom amount: moet een geheel getal zijn, maar is tekst"),
    "2^63-1 cents": (
        ["UPDATE budget_cell SET amount = 9223372036854775807 WHERE id = 1"],
        "tabel budget_cell, rij 1, kolom amount: bedrag 92.233.720.368.547.758,07 valt buiten "
        "-999.999.999.999,99 tot 999.999.999.999,99"),
    "a giant negative funding amount": (
        ["UPDATE funding_amount SET amount = -9223372036854775807 WHERE id = 1"],
        "tabel funding_amount, rij 1, kolom amount: bedrag -92.233.720.368.547.758,07 valt buiten "
        "-999.999.999.999,99 tot 999.999.999.999,99"),
    "one cent over the largest amount": (
        ["UPDATE printed_total SET amount = 100000000000000 WHERE id = 1"],
        "tabel printed_total, rij 1, kolom amount: bedrag 1.000.000.000.000,00 valt buiten "
        "-999.999.999.999,99 tot 999.999.999.999,99"),
    "a cell with an amount and a marker": (
        ["UPDATE budget_cell SET marker = 'PM' WHERE id = 1"],
        "tabel budget_cell, rij 1, kolom marker: heeft zowel een bedrag als een markering; een cel heeft er "
        "hoogstens één"),
    "a cell year of fifty million": (
        ["UPDATE budget_cell SET year = 50000000 WHERE id = 1"],
        "tabel budget_cell, rij 1, kolom year: jaar 50000000 ligt niet tussen 1900 en 2200"),
    "last_year fifty million": (
        ["UPDATE plan SET last_year = 50000000"],
        "tabel plan, rij 1, kolom last_year: jaar 50000000 ligt niet tussen 1900 en 2200"),
    "seventy-four year columns": (
        ["UPDATE plan SET first_year = 1950"],
        "tabel plan, rij 1, kolom last_year: 74 jaarkolommen (1950-2023); het maximum is 50"),
    "the first year after the last": (
        ["UPDATE plan SET first_year = 2030"],
        "tabel plan, rij 1, kolom last_year: het laatste jaar 2023 ligt voor het eerste jaar 2030"),
    "as many comparison columns as years": (
        ["UPDATE plan SET comparison_columns = 3"],
        "tabel plan, rij 1, kolom comparison_columns: 3 vergelijkingskolommen bij 3 jaarkolommen; mogelijk "
        "is 0 tot en met 2"),
    "negative comparison columns": (
        ["UPDATE plan SET comparison_columns = -1"],
        "tabel plan, rij 1, kolom comparison_columns: -1 vergelijkingskolommen bij 3 jaarkolommen; mogelijk "
        "is 0 tot en met 2"),
    "a marker that does not exist": (
        ["UPDATE budget_cell SET marker = 'ongeveer' WHERE id = 3"],
        "tabel budget_cell, rij 3, kolom marker: onbekende waarde 'ongeveer'; mogelijk zijn: PM, id., "
        "doorlopend"),
    "a plan status that does not exist": (
        ["UPDATE plan SET status = 'heilig'"],
        "tabel plan, rij 1, kolom status: onbekende waarde 'heilig'; mogelijk zijn: draft, adopted"),
    "a date that does not exist": (
        ["UPDATE plan SET adopted_on = '2022-02-30'"],
        "tabel plan, rij 1, kolom adopted_on: '2022-02-30' is geen datum (JJJJ-MM-DD)"),
    "a date of year 0": (
        ["UPDATE plan SET adopted_on = '0000-01-01'"],
        "tabel plan, rij 1, kolom adopted_on: '0000-01-01' is geen datum (JJJJ-MM-DD)"),
    "a moment that does not exist": (
        ["INSERT INTO change_log (id, at, who, plan_id, table_name, row_id, row_key, description) "
         "VALUES (1, '2022-02-30 14:05:00.000000', 'jan@kantoor-pc', 1, 'plan', 1, '1', 'Plan gewijzigd')"],
        "tabel change_log, rij 1, kolom at: '2022-02-30 14:05:00.000000' is geen tijdstip (JJJJ-MM-DD UU:MM:SS)"),
    "a moment with letters in its fraction": (
        ["INSERT INTO change_log (id, at, who, plan_id, table_name, row_id, row_key, description) "
         "VALUES (1, '2022-11-11 14:05:00.12x456', 'jan@kantoor-pc', 1, 'plan', 1, '1', 'Plan gewijzigd')"],
        "tabel change_log, rij 1, kolom at: '2022-11-11 14:05:00.12x456' is geen tijdstip (JJJJ-MM-DD UU:MM:SS)"),
    "a yes/no of 2": (
        ["UPDATE budget_group SET shows_subtotal = 2 WHERE id = 1"],
        "tabel budget_group, rij 1, kolom shows_subtotal: moet 0 of 1 (nee of ja) zijn, maar is 2"),
    "dagdelen over the bound": (
        ["UPDATE allocation SET half_days = 10001 WHERE id = 1"],
        "tabel allocation, rij 1, kolom half_days: dagdelen 1.000,1 ligt niet tussen 0,0 en 1.000,0"),
    "negative fte": (
        ["UPDATE capacity SET fte = -300 WHERE id = 1"],
        "tabel capacity, rij 1, kolom fte: fte -3,00 ligt niet tussen 0,00 en 1.000,00"),
    "a giant basis figure": (
        ["UPDATE key_share SET basis = 9223372036854775807 WHERE id = 1"],
        "tabel key_share, rij 1, kolom basis: basisgetal 9.223.372.036.854.775.807 ligt niet tussen 0 en "
        "999.999.999.999.999"),
    "a percentage over 100": (
        ["UPDATE key_share SET percentage = 10001 WHERE id = 1"],
        "tabel key_share, rij 1, kolom percentage: percentage 100,01 ligt niet tussen 0,00 en 100,00"),
    "zero dagdelen per fte": (
        ["UPDATE plan SET half_days_per_fte = 0"],
        "tabel plan, rij 1, kolom half_days_per_fte: dagdelen 0,0 ligt niet tussen 0,1 en 1.000,0"),
    "bytes for a name": (
        ["UPDATE region SET name = x'00ff'"],
        "tabel region, rij 1, kolom name: moet tekst zijn, maar is binaire gegevens"),
    "a line in a group that does not exist": (
        ["UPDATE budget_line SET group_id = 999999 WHERE id = 1"],
        "tabel budget_line, rij 1, kolom group_id: verwijst naar budget_group 999999, die niet bestaat"),
    "a chapter that is its own parent": (
        ["UPDATE chapter SET parent_id = id WHERE id = 1"],
        "tabel chapter, rij 1, kolom parent_id: vormt een kring: 1 → 1"),
    "a plan based on itself": (
        ["UPDATE plan SET based_on_id = id"],
        "tabel plan, rij 1, kolom based_on_id: vormt een kring: 1 → 1"),
    "a chapter under a chapter of another plan": (
        ["INSERT INTO plan (id, region_id, year, title, kind, status, adopted_by, first_year, last_year, "
         "half_days_per_fte, comparison_columns, total_label) VALUES (2, 1, 2023, 'Ander', 'plan', 'draft', "
         "'', 2023, 2023, 100, 0, '')",
         "INSERT INTO chapter (id, plan_id, parent_id, position, number, title, text) "
         "VALUES (50, 2, 3, 0, '9', 'Vreemd', '')"],
        "tabel chapter, rij 50, kolom parent_id: verwijst naar rij 3 van een ander plan"),
    "a counter that makes every insert fail": (
        ["UPDATE sqlite_sequence SET seq = 9223372036854775807 WHERE name = 'plan'"],
        "tabel sqlite_sequence, rij 6, kolom seq: de teller van tabel plan is onbruikbaar"),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_a_value_the_schema_does_not_expect_is_refused_by_table_row_and_column(demo_workspace, case):
    statements, problem = CASES[case]
    sql(demo_workspace, *statements, checks=False)
    error = refused(demo_workspace)
    assert error.problems == [problem]
    assert error.message == f"{LEAD}{problem}. {REFUSED}"


@pytest.mark.parametrize("moment", ["2022-11-11 14:05:59.999999", "2022-11-11 14:05:00.000000", "2022-11-11 14:05:00"])
def test_a_moment_as_sqlalchemy_writes_it_is_no_problem(demo_workspace, moment):
    """Also in the last microsecond of a second, which SQLite's datetime() rounds up."""
    sql(demo_workspace, "INSERT INTO change_log (id, at, who, plan_id, table_name, row_id, row_key, description) "
                        f"VALUES (1, '{moment}', 'jan@kantoor-pc', 1, 'plan', 1, '1', 'Plan gewijzigd')")
    open_workspace(demo_workspace).close()


def test_a_cycle_of_two_chapters_names_both(demo_workspace):
    sql(demo_workspace, "UPDATE chapter SET parent_id = 6 WHERE id = 1", "UPDATE chapter SET parent_id = 1 WHERE id = 6")
    assert refused(demo_workspace).problems == [
        "tabel chapter, rij 1, kolom parent_id: vormt een kring: 1 → 6 → 1",
        "tabel chapter, rij 6, kolom parent_id: vormt een kring: 6 → 1 → 6"]


def test_a_cycle_of_two_budget_groups_is_refused(demo_workspace):
    sql(demo_workspace, "UPDATE budget_group SET parent_id = 4 WHERE id = 2")
    assert refused(demo_workspace).problems == [
        "tabel budget_group, rij 2, kolom parent_id: vormt een kring: 2 → 4 → 2",
        "tabel budget_group, rij 4, kolom parent_id: vormt een kring: 4 → 2 → 4"]


def test_null_in_a_required_column_is_a_value_problem_not_damage(demo_workspace):
    """SQLite's quick check reports it too; it is a value, so it is named and a clean copy offered."""
    null_in(demo_workspace, "plan", "title", "VARCHAR(300)", 1)
    error = refused(demo_workspace, read_only=True)
    assert error.problems == ["tabel plan, rij 1, kolom title: is leeg, maar moet een waarde hebben"]


def test_refused_read_only_too_and_summary_exits_2_without_figures(demo_workspace, capsys):
    sql(demo_workspace, "UPDATE budget_cell SET amount = 1.5 WHERE id = 1")
    refused(demo_workspace, read_only=True)
    code = main(["summary", str(demo_workspace), "--json"])
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert err.startswith(f"planbord: {LEAD}tabel budget_cell, rij 1, kolom amount: moet een geheel getal zijn")


def test_many_problems_name_the_first_three_and_count_the_rest(demo_workspace):
    sql(demo_workspace, "UPDATE budget_cell SET amount = 0.5 WHERE id IN (1, 2, 4, 5, 7)")
    error = refused(demo_workspace)
    assert len(error.problems) == 5
    assert error.message == (
        f"{LEAD}tabel budget_cell, rij 1, kolom amount: moet een geheel getal zijn, maar is een kommagetal; "
        "tabel budget_cell, rij 2, kolom amount: moet een geheel getal zijn, maar is een kommagetal; "
        "tabel budget_cell, rij 4, kolom amount: moet een geheel getal zijn, maar is een kommagetal en 2 meer. "
        f"{REFUSED}")


def test_the_search_stops_at_its_limit_and_says_so(demo_workspace):
    sql(demo_workspace, "UPDATE budget_cell SET amount = 0.5 WHERE amount IS NOT NULL")
    error = refused(demo_workspace)
    assert len(error.problems) == 20
    assert "kommagetal en minstens 17 meer. " in error.message
    conn = sqlite3.connect(demo_workspace)
    assert len(verify_values.value_problems(conn, limit=3)) == 3
    conn.close()


def test_an_older_file_with_a_bad_value_is_refused_and_its_upgrade_rolled_back(demo_workspace):
    """Values of an older file are checked inside its upgrade: refused, nothing committed."""
    downgrade(demo_workspace, "0002")
    sql(demo_workspace, "UPDATE budget_cell SET amount = 1.5 WHERE id = 1")
    before = digest(demo_workspace)
    with pytest.raises(DamagedDataError) as caught:
        open_workspace(demo_workspace)
    assert caught.value.message == (f"{LEAD}tabel budget_cell, rij 1, kolom amount: moet een geheel getal "
                                    f"zijn, maar is een kommagetal. {REFUSED}")
    assert digest(demo_workspace) == before
    assert query(demo_workspace, "SELECT version_num FROM alembic_version") == [("0002",)]
    assert not lock_path(demo_workspace).exists()


# --- the rules themselves -------------------------------------------------------------------------

def test_every_column_of_the_model_has_a_rule_and_every_scaled_one_a_bound():
    rules = verify_values.rules()
    assert set(rules) == {t.name for t in Base.metadata.sorted_tables}
    for table in Base.metadata.sorted_tables:
        assert [r.column for r in rules[table.name]] == [c.name for c in table.columns]
        for column, rule in zip(table.columns, rules[table.name]):
            if isinstance(column.type, ScaledDecimal):
                assert rule.low is not None and rule.high is not None, column


def test_a_column_type_without_a_rule_is_an_error_for_the_developer():
    class Odd(TypeDecorator):
        impl = Integer
        cache_ok = True

    table = Table("odd", MetaData(), Column("x", Odd()))
    with pytest.raises(TypeError, match="no value rule for odd.x"):
        verify_values._rule("odd", table.c.x)


def test_the_bounds_are_those_the_editing_services_keep_to():
    from app.services import key_edit, staffing_edit

    assert staffing_edit.MAX_STAFFING_VALUE == verify_values.MAX_HALF_DAYS == verify_values.MAX_FTE
    assert key_edit.MAX_BASIS == verify_values.MAX_BASIS
    from app.services.new_workspace import YEARS

    assert (YEARS.start, YEARS.stop - 1) == verify_values.YEARS


def test_dagdelen_and_fte_over_the_bound_are_refused_when_typed():
    from app.services.staffing_edit import parse_fte, parse_half_days

    assert parse_half_days("1000") == Decimal("1000.0")
    with pytest.raises(EditError, match="^Dagdelen gaat tot hoogstens 1000; '1000,5' is te veel.$"):
        parse_half_days("1000,5")
    with pytest.raises(EditError, match="^Fte gaat tot hoogstens 1000; '2000' is te veel.$"):
        parse_fte("2000")


def test_a_basis_figure_of_sixteen_digits_is_refused_when_typed(demo_workspace):
    from app.services.key_edit import ShareChange, set_shares

    with open_workspace(demo_workspace) as ws:
        (share,) = query(demo_workspace, "SELECT min(id) FROM key_share")[0]
        with pytest.raises(EditError, match="^Een basisgetal .zoals het aantal inwoners. heeft hoogstens 15 "
                                            "cijfers.$"):
            set_shares(ws, [ShareChange(share, None, 10**15)])


def test_cycles_are_found_with_their_members_and_not_the_rows_hanging_under_them():
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, up INTEGER)")
    conn.executemany("INSERT INTO t VALUES (?, ?)",
                     [(1, 1), (2, 3), (3, 2), (4, 2), (5, None), (6, 5), (7, 99), (8, 'x')])
    assert verify_values.cycles(conn, "t", "up") == {1: [1, 1], 2: [2, 3, 2], 3: [3, 2, 3]}


def test_copying_a_tree_with_a_cycle_stops_with_a_message_instead_of_looping():
    """Defence in depth: an amendment of a plan whose chapters form a cycle (opening refuses
    such a file) is refused instead of looping forever."""
    items = [SimpleNamespace(id=1, parent_id=2), SimpleNamespace(id=2, parent_id=1)]
    with pytest.raises(EditError, match="^Het plan kan niet worden gekopieerd: een hoofdstuk of "
                                        "begrotingsgroep hangt onder zichzelf"):
        copy_tree(None, None, items)
