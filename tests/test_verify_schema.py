"""Open = verify (issue 14, point 1): a file whose schema is not exactly ours is refused before
anything is written, upgraded or backed up, with a Dutch message naming what is not ours; every
connection runs with trusted_schema=OFF.

SQLite only: SQLite's schema and its trusted_schema setting are checked on opening a file. The
service tests run on both backends (issue 22).
"""
from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main
from app.services import backups, fileformat, migrations, verify
from app.services import workspace as workspace_module
from app.services.errors import NeedsUpgradeError, UntrustedFileError
from app.services.filelock import lock_path
from app.services.workspace import create_workspace, open_workspace
from hostile_files import digest, downgrade, edit_schema, query, rebuild, sidecars, sql

REPO = Path(__file__).resolve().parent.parent
REFUSED = "Het bestand is niet geopend en niet gewijzigd. U kunt een schone kopie laten maken."
TRIGGER_E = "CREATE TRIGGER e AFTER INSERT ON plan BEGIN DELETE FROM budget_line; END"


def refused(path: Path, *, read_only: bool = False) -> UntrustedFileError:
    """Open ``path`` expecting the refusal; the file, its side files and its lock stay as they were."""
    before, around = digest(path), sidecars(path)
    with pytest.raises(UntrustedFileError) as caught:
        open_workspace(path, read_only=read_only)
    assert digest(path) == before
    assert sidecars(path) == around
    assert not lock_path(path).exists()
    assert backups.list_backups(path) == []
    return caught.value


# --- the file as Planbord writes it --------------------------------------------------------------

def test_the_demo_and_a_new_workspace_have_exactly_the_expected_schema(demo_workspace, tmp_path):
    assert verify.verify_schema(demo_workspace) == []
    create_workspace(tmp_path / "nieuw.planbord").close()
    assert verify.verify_schema(tmp_path / "nieuw.planbord") == []


def test_the_models_schema_is_the_one_the_migrations_make():
    """The current revision is checked against the models, an older one against the migrations:
    both must describe the same schema at the head."""
    from_migrations = verify._build_older(fileformat.HEAD_REVISION)
    assert verify.compare(verify.expected_schema(), from_migrations) == []
    assert verify.compare(from_migrations, verify.expected_schema()) == []


def test_a_file_upgraded_from_the_first_version_has_the_expected_schema(demo_workspace):
    """Columns an upgrade adds come last in the table; order does not matter, only what is there."""
    downgrade(demo_workspace, "0001")
    assert verify.verify_schema(demo_workspace, "0001") == []
    with open_workspace(demo_workspace):
        pass
    assert verify.verify_schema(demo_workspace) == []


def test_an_older_revision_is_compared_with_that_revision_not_the_newest(demo_workspace):
    downgrade(demo_workspace, "0002")
    assert verify.verify_schema(demo_workspace, "0002") == []
    assert "kolom 'marker_text' in tabel 'budget_cell' ontbreekt" in verify.verify_schema(demo_workspace)
    with pytest.raises(ValueError):
        verify.expected_schema("9999")


# --- the trigger, the view and the upgrade of the issue -----------------------------------------

def test_a_trigger_that_empties_the_budget_is_refused_and_the_file_left_as_it_was(demo_workspace):
    """The issue's trigger: on the program's own INSERT INTO plan it would delete every budget
    line. The file is refused on opening, writable or read-only, byte for byte unchanged."""
    sql(demo_workspace, TRIGGER_E)
    for read_only in (False, True):
        error = refused(demo_workspace, read_only=read_only)
        assert error.message == ("“demo.planbord” bevat onderdelen die Planbord niet kent: trigger 'e' op "
                                 f"tabel 'plan'. {REFUSED}")
        assert error.problems == ["trigger 'e' op tabel 'plan'"]
        assert error.can_clean_copy is True
        assert error.path == demo_workspace
    assert query(demo_workspace, "SELECT count(*) FROM budget_line") == [(21,)]


def test_a_trigger_on_the_version_table_of_an_older_file_is_refused_before_the_upgrade(demo_workspace):
    """A 0002 file with a trigger that fires when the upgrade writes the new revision: refused
    before the backup and the upgrade, so the trigger never runs."""
    downgrade(demo_workspace, "0002")
    sql(demo_workspace, "CREATE TRIGGER g AFTER UPDATE ON alembic_version BEGIN DELETE FROM funding_amount; END")
    error = refused(demo_workspace)
    assert error.message == ("“demo.planbord” bevat onderdelen die Planbord niet kent: trigger 'g' op tabel "
                             f"'alembic_version'. {REFUSED}")
    assert query(demo_workspace, "SELECT version_num FROM alembic_version") == [("0002",)]
    assert query(demo_workspace, "SELECT count(*) FROM funding_amount") == [(3,)]


def test_an_older_file_read_only_is_checked_before_it_is_said_to_need_an_upgrade(demo_workspace):
    downgrade(demo_workspace, "0002")
    with pytest.raises(NeedsUpgradeError):
        open_workspace(demo_workspace, read_only=True)
    sql(demo_workspace, TRIGGER_E)
    refused(demo_workspace, read_only=True)


VIEW = ("ALTER TABLE budget_cell RENAME TO budget_cell_real",
        "CREATE VIEW budget_cell AS SELECT id, line_id, year, amount * 2 AS amount, marker, note, "
        "note_number, marker_text FROM budget_cell_real")


def test_a_view_named_like_a_table_is_refused_and_summary_shows_no_doubled_totals(demo_workspace, capsys):
    sql(demo_workspace, *VIEW)
    before = digest(demo_workspace)
    error = refused(demo_workspace, read_only=True)
    message = ("“demo.planbord” bevat onderdelen die Planbord niet kent: view 'budget_cell', tabel "
               f"'budget_cell_real'. {REFUSED}")
    assert error.message == message
    code = main(["summary", str(demo_workspace), "--json"])
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert err == (f"planbord: {message}\nEen schone kopie maakt u met: python -m app clean-copy "
                   f"\"{demo_workspace}\"\n")
    assert digest(demo_workspace) == before


def test_summary_as_a_process_exits_2_with_the_dutch_message_and_no_traceback(demo_workspace):
    sql(demo_workspace, *VIEW)
    done = subprocess.run([sys.executable, "-m", "app", "summary", str(demo_workspace)], cwd=REPO,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith("planbord: “demo.planbord” bevat onderdelen die Planbord niet kent: view "
                                  "'budget_cell'")
    assert "Traceback" not in done.stderr


# --- every kind of part that is not ours -------------------------------------------------------

SCHEMA_CASES = {
    "an extra table": (["CREATE TABLE evil (x TEXT)"], ["tabel 'evil'"]),
    "an extra column": (["ALTER TABLE plan ADD COLUMN evil TEXT"], ["kolom 'evil' in tabel 'plan'"]),
    "a computed column": (["ALTER TABLE plan ADD COLUMN evil INTEGER GENERATED ALWAYS AS (id * 2) VIRTUAL"],
                          ["kolom 'evil' in tabel 'plan'"]),
    "an extra index": (["CREATE INDEX evil_index ON budget_cell(amount)"],
                       ["index 'evil_index' op tabel 'budget_cell'"]),
    "an index over other columns": (["DROP INDEX ix_chapter_plan_id",
                                     "CREATE INDEX ix_chapter_plan_id ON chapter(title)"],
                                    ["index 'ix_chapter_plan_id' op tabel 'chapter' is anders dan verwacht"]),
    "a partial index": (["DROP INDEX ix_chapter_plan_id",
                         "CREATE INDEX ix_chapter_plan_id ON chapter(plan_id) WHERE plan_id > 1"],
                        ["index 'ix_chapter_plan_id' op tabel 'chapter' is anders dan verwacht"]),
    "an extra view": (["CREATE VIEW loot AS SELECT * FROM plan"], ["view 'loot'"]),
    "two triggers": (["CREATE TRIGGER a BEFORE DELETE ON region BEGIN SELECT 1; END",
                      "CREATE TRIGGER b AFTER UPDATE ON budget_cell BEGIN DELETE FROM budget_line; END"],
                     ["trigger 'a' op tabel 'region'", "trigger 'b' op tabel 'budget_cell'"]),
}


@pytest.mark.parametrize("case", SCHEMA_CASES, ids=list(SCHEMA_CASES))
def test_each_kind_of_part_that_is_not_ours_is_named(demo_workspace, case):
    statements, problems = SCHEMA_CASES[case]
    sql(demo_workspace, *statements)
    error = refused(demo_workspace)
    assert error.problems == problems
    assert error.message == ("“demo.planbord” bevat onderdelen die Planbord niet kent: "
                             f"{', '.join(problems)}. {REFUSED}")


def test_a_virtual_table_is_named_without_loading_its_module(demo_workspace):
    sql(demo_workspace, "CREATE VIRTUAL TABLE evil USING fts5(x)")
    error = refused(demo_workspace)
    assert error.problems[0] == "virtuele tabel 'evil'"
    assert "tabel 'evil_content'" in error.problems  # its shadow tables are unknown tables


CHANGED = {
    "a money column declared REAL": (
        ("budget_cell", "amount BIGINT", "amount REAL"),
        "kolom 'amount' in tabel 'budget_cell' heeft type REAL in plaats van BIGINT"),
    "a required column that may be empty": (
        ("plan", "title VARCHAR(300) NOT NULL", "title VARCHAR(300)"),
        "kolom 'title' in tabel 'plan' mag leeg zijn; bij Planbord moet hij altijd een waarde hebben"),
    "an optional column that may not be empty": (
        ("plan", "adopted_on DATE,", "adopted_on DATE NOT NULL,"),
        "kolom 'adopted_on' in tabel 'plan' mag niet leeg zijn; bij Planbord mag hij leeg zijn"),
    "another default": (
        ("plan", "comparison_columns INTEGER DEFAULT '0'", "comparison_columns INTEGER DEFAULT '7'"),
        "kolom 'comparison_columns' in tabel 'plan' heeft een andere standaardwaarde ('7')"),
    "a collation": (
        ("plan", "title VARCHAR(300) NOT NULL", "title VARCHAR(300) COLLATE NOCASE NOT NULL"),
        "een eigen sorteervolgorde (COLLATE) in tabel 'plan'"),
}


@pytest.mark.parametrize("case", CHANGED, ids=list(CHANGED))
def test_a_column_declared_otherwise_is_named(demo_workspace, case):
    (table, old, new), problem = CHANGED[case]
    edit_schema(demo_workspace, table, old, new)
    assert refused(demo_workspace).problems == [problem]


def test_a_changed_reference_is_named_both_ways(demo_workspace):
    edit_schema(demo_workspace, "budget_line", "REFERENCES budget_group (id) ON DELETE CASCADE",
                "REFERENCES budget_group (id) ON DELETE SET NULL")
    assert refused(demo_workspace).problems == [
        "verwijzing van kolom 'group_id' in tabel 'budget_line' naar tabel 'budget_group'",
        "verwijzing van kolom 'group_id' in tabel 'budget_line' naar tabel 'budget_group' ontbreekt"]


def test_a_table_without_rowid_is_named(demo_workspace):
    rebuild(demo_workspace, "municipality_set_member", "\n)", "\n) WITHOUT ROWID")
    problems = refused(demo_workspace).problems
    assert "opslag zonder rowid (WITHOUT ROWID) in tabel 'municipality_set_member'" in problems


def test_only_missing_parts_say_the_file_lacks_what_planbord_needs(demo_workspace):
    sql(demo_workspace, "DROP INDEX ix_chapter_plan_id", "ALTER TABLE budget_line DROP COLUMN note")
    error = refused(demo_workspace)
    assert error.message == (
        "“demo.planbord” mist onderdelen die Planbord nodig heeft: kolom 'note' in tabel 'budget_line' "
        f"ontbreekt, index 'ix_chapter_plan_id' op tabel 'chapter' ontbreekt. {REFUSED}")


def test_a_missing_unique_rule_is_named(demo_workspace):
    rebuild(demo_workspace, "budget_cell", ", \n\tCONSTRAINT uq_budget_cell_line_id_year UNIQUE (line_id, year)", "")
    assert refused(demo_workspace).problems == [
        "uniciteitsregel op (line_id, year) in tabel 'budget_cell' ontbreekt"]


def test_a_missing_table_is_named(demo_workspace):
    sql(demo_workspace, "DROP TABLE goal")
    assert refused(demo_workspace).problems == ["tabel 'goal' ontbreekt"]


def test_the_message_names_the_first_three_parts_and_counts_the_rest(demo_workspace):
    sql(demo_workspace, *(f"CREATE TRIGGER t{i} BEFORE DELETE ON region BEGIN SELECT {i}; END" for i in range(5)))
    error = refused(demo_workspace)
    assert len(error.problems) == 5
    assert error.message == (
        "“demo.planbord” bevat onderdelen die Planbord niet kent: trigger 't0' op tabel 'region', trigger 't1' op "
        f"tabel 'region', trigger 't2' op tabel 'region' en 2 meer. {REFUSED}")


def test_a_refused_wal_file_keeps_no_side_files_and_a_copy_or_restore_still_works(demo_workspace, tmp_path):
    """The refusal leaves the folder as it was; 'save a copy' of such a file is a snapshot, and
    the snapshot is refused on opening too."""
    sql(demo_workspace, TRIGGER_E)
    conn = sqlite3.connect(demo_workspace)
    assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    conn.close()
    refused(demo_workspace)
    copy = backups.copy_workspace(demo_workspace, tmp_path / "kopie.planbord")
    refused(copy)


# --- trusted_schema=OFF and the defensive flag ---------------------------------------------------

def _unsafe_view_is_refused(conn: sqlite3.Connection) -> None:
    """A function the program registers may not be called from the file's schema."""
    conn.create_function("leak", 0, lambda: 42)
    with pytest.raises(sqlite3.OperationalError, match="unsafe use of leak"):
        conn.execute("SELECT * FROM uses_leak").fetchall()


@pytest.fixture
def file_with_a_view_calling_a_function(tmp_path) -> Path:
    path = tmp_path / "v.planbord"
    conn = sqlite3.connect(path)
    conn.create_function("leak", 0, lambda: 42)
    conn.execute("CREATE VIEW uses_leak AS SELECT leak() AS x")
    assert conn.execute("SELECT * FROM uses_leak").fetchall() == [(42,)]  # trusted by default
    conn.close()
    return path


def test_every_connection_distrusts_functions_in_the_schema(file_with_a_view_calling_a_function,
                                                            demo_workspace):
    path = file_with_a_view_calling_a_function
    for connect in (fileformat.connect_readonly, fileformat.connect_readwrite, migrations._migration_connection):
        conn = connect(path)
        try:
            assert conn.execute("PRAGMA trusted_schema").fetchone() == (0,)
            _unsafe_view_is_refused(conn)
        finally:
            conn.close()
    engine = workspace_module._make_engine(path, read_only=False)
    try:
        raw = engine.raw_connection()
        assert raw.driver_connection.execute("PRAGMA trusted_schema").fetchone() == (0,)
        _unsafe_view_is_refused(raw.driver_connection)
        raw.close()
    finally:
        engine.dispose()


def test_new_files_and_backups_are_written_through_hardened_connections(tmp_path, monkeypatch):
    made = []
    real = fileformat.harden

    def recording(conn):
        made.append(conn)
        return real(conn)

    monkeypatch.setattr(fileformat, "harden", recording)
    monkeypatch.setattr(backups, "harden", recording)
    with create_workspace(tmp_path / "n.planbord") as ws:
        before = len(made)
        assert ws.backup_if_changed() is not None
    assert before >= 1 and len(made) > before


def test_the_defensive_flag_is_set_where_python_offers_it(monkeypatch):
    """Python 3.11's sqlite3 has no Connection.setconfig; from 3.12 the flag is set."""
    calls = []

    class Conn:
        def execute(self, statement):
            calls.append(statement)

        def setconfig(self, op, enable):
            calls.append((op, enable))

    monkeypatch.setattr(sqlite3, "SQLITE_DBCONFIG_DEFENSIVE", 1010, raising=False)
    fileformat.harden(Conn())
    assert calls == ["PRAGMA trusted_schema=OFF", (1010, True)]
    calls.clear()
    monkeypatch.delattr(sqlite3, "SQLITE_DBCONFIG_DEFENSIVE")
    fileformat.harden(Conn())
    assert calls == ["PRAGMA trusted_schema=OFF"]
