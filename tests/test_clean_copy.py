"""A clean copy (issue 14, points 1 and 2): the usable rows of a refused file in a new workspace,
read without running anything in it, rows that fail the checks left out and listed. The
source is never changed; the copy opens, and a wijziging made from it keeps the budget.

SQLite only: a clean copy rescues the rows of a refused file. The service tests run on both
backends (issue 22).
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.cli import main
from app.models import BudgetCell, BudgetGroup, BudgetLine, Plan, PlanKind
from app.services import clean_copy
from app.services.clean_copy import default_target, make_clean_copy
from app.services.errors import NewerVersionError, NotSqliteError, WorkspaceError
from app.services.fileformat import HEAD_REVISION
from app.services.filelock import lock_path
from app.services.plan_copy import create_amendment
from app.services.verify import verify_schema
from app.services.workspace import open_workspace
from hostile_files import digest, downgrade, edit_schema, query, rebuild, sidecars, sql

TRIGGER_E = "CREATE TRIGGER e AFTER INSERT ON plan BEGIN DELETE FROM budget_line; END"
ALL_CENTS = 234250000  # the demo's budget cells together


def rows_in(path: Path) -> int:
    """Rows of every table of the model (what a clean copy copies)."""
    from app.models import Base

    return sum(query(path, f"SELECT count(*) FROM {t.name}")[0][0] for t in Base.metadata.sorted_tables)


def copy_of(source: Path, name: str = "schoon.planbord"):
    """A clean copy beside ``source``; the source stays byte for byte, with no side files."""
    before, around = digest(source), sidecars(source)
    target = source.with_name(name)
    report = make_clean_copy(source, target)
    assert digest(source) == before and sidecars(source) == around
    assert report.target == target and target.exists()
    assert not list(source.parent.glob(".*schoon*"))  # no temporary file left
    assert verify_schema(target) == []
    return report, target


def budget_of(workspace, plan_id: int) -> tuple[int, int]:
    """(lines, cents) of a plan's budget."""
    with workspace.session() as s:
        lines = s.scalar(select(func.count(BudgetLine.id)).join(BudgetGroup).where(BudgetGroup.plan_id == plan_id))
        cents = s.scalar(select(func.sum(BudgetCell.amount)).join(BudgetLine).join(BudgetGroup)
                         .where(BudgetGroup.plan_id == plan_id))
    return lines, int(cents * 100) if cents is not None else 0


def amendment_keeps_the_budget(target: Path) -> None:
    """*Wijziging maken* on the copy: terminates, and the amendment has the plan's whole budget."""
    with open_workspace(target) as ws:
        with ws.session() as s:
            adopted = s.scalar(select(Plan.id).where(Plan.kind == PlanKind.PLAN))
        before = budget_of(ws, adopted)
        amendment = create_amendment(ws, adopted)
        assert budget_of(ws, adopted) == before
        assert budget_of(ws, amendment) == before


# --- the cases ---------------------------------------------------------------------------

def test_the_trigger_case_copies_every_budget_line_and_no_trigger(demo_workspace):
    sql(demo_workspace, TRIGGER_E)
    report, target = copy_of(demo_workspace)
    assert report.not_copied == ["trigger 'e' op tabel 'plan'"]
    assert report.left_out == [] and report.changed == []
    assert report.copied_rows == rows_in(demo_workspace) == rows_in(target)
    assert query(target, "SELECT count(*) FROM budget_line") == [(21,)]
    assert query(target, "SELECT sum(amount) FROM budget_cell") == [(ALL_CENTS,)]
    assert query(target, "SELECT type, name FROM sqlite_master WHERE type IN ('trigger', 'view')") == []
    # The same rows under the same ids: the copy's plan is the source's plan.
    assert query(target, "SELECT id, title FROM plan") == query(demo_workspace, "SELECT id, title FROM plan")
    amendment_keeps_the_budget(target)
    assert report.lines()[:3] == [f"Schone kopie geschreven: {target}", f"{report.copied_rows} rijen overgenomen, "
                                  "0 weggelaten.", "Niet overgenomen uit het bestand: trigger 'e' op tabel 'plan'."]


def test_the_view_case_never_reads_the_view(demo_workspace):
    """budget_cell is a view doubling every amount: the copy takes nothing from it (and nothing
    from the unknown table behind it), and says so."""
    sql(demo_workspace, "ALTER TABLE budget_cell RENAME TO budget_cell_real",
        "CREATE VIEW budget_cell AS SELECT id, line_id, year, amount * 2 AS amount, marker, note, "
        "note_number, marker_text FROM budget_cell_real")
    report, target = copy_of(demo_workspace)
    assert report.not_copied == ["view 'budget_cell'", "tabel 'budget_cell_real'",
                                 "tabel 'budget_cell' (is in het bestand een view, geen tabel)"]
    assert report.copied["budget_cell"] == 0
    assert query(target, "SELECT count(*), sum(amount) FROM budget_cell") == [(0, None)]
    assert query(target, "SELECT count(*) FROM budget_line") == [(21,)]
    open_workspace(target).close()


def test_cycles_and_bad_values_are_left_out_and_listed_and_an_amendment_terminates(demo_workspace):
    """A chapter that is its own parent, two chapters in a cycle, a REAL amount, a cell with an
    amount and a marker, a line in a group that does not exist: left out, with what hangs under
    them; a line whose project was left out keeps its amounts, its project cleared."""
    sql(demo_workspace,
        "UPDATE chapter SET parent_id = id WHERE id = 1",
        "UPDATE chapter SET parent_id = 10 WHERE id = 4",  # 10 is a paragraph of 4: a cycle of two
        "UPDATE budget_cell SET amount = 1.5 WHERE id = 1",
        "UPDATE budget_cell SET marker = 'PM' WHERE id = 2",
        "UPDATE budget_line SET group_id = 999999 WHERE id = 5", checks=False)
    report, target = copy_of(demo_workspace)
    left = [str(item) for item in report.left_out]
    assert left[:3] == ["tabel chapter, rij 1: kolom parent_id: vormt een kring: 1 → 1",
                        "tabel chapter, rij 4: kolom parent_id: vormt een kring: 4 → 10 → 4",
                        "tabel chapter, rij 10: kolom parent_id: vormt een kring: 10 → 4 → 10"]
    assert "tabel project, rij 14: kolom chapter_id: hoort bij chapter 4, die is weggelaten" in left
    assert "tabel project, rij 11: kolom chapter_id: hoort bij chapter 10, die is weggelaten" in left
    assert "tabel budget_line, rij 5: kolom group_id: verwijst naar budget_group 999999, die niet bestaat" in left
    assert "tabel budget_cell, rij 13: kolom line_id: hoort bij budget_line 5, die is weggelaten" in left
    assert ("tabel budget_cell, rij 1: kolom amount: moet een geheel getal zijn, maar is een kommagetal"
            in left)
    assert ("tabel budget_cell, rij 2: kolom marker: heeft zowel een bedrag als een markering; een cel heeft "
            "er hoogstens één" in left)
    tables = [item.table for item in report.left_out]
    assert (tables.count("chapter"), tables.count("project"), tables.count("goal"), tables.count("action"),
            tables.count("project_ambition"), tables.count("budget_line"), tables.count("budget_cell")) == \
        (3, 6, 14, 14, 8, 1, 3)
    assert [str(c) for c in report.changed] == [
        "tabel budget_line, rij 17: kolom project_id: project 15 is weggelaten; de verwijzing is leeggemaakt",
        "tabel budget_line, rij 18: kolom project_id: project 14 is weggelaten; de verwijzing is leeggemaakt"]
    assert report.copied_rows + report.left_out_rows == rows_in(demo_workspace)
    assert report.summary() == (f"{report.copied_rows} rijen overgenomen (waarvan 2 aangepast), "
                                f"{report.left_out_rows} weggelaten.")
    assert query(target, "SELECT count(*) FROM chapter") == [(7,)]
    assert query(target, "SELECT project_id FROM budget_line WHERE id IN (17, 18)") == [(None,), (None,)]
    with open_workspace(target) as ws:
        with ws.session() as s:
            plan_id = s.scalar(select(Plan.id))
        lines, _ = budget_of(ws, plan_id)
        amendment = create_amendment(ws, plan_id)  # returns: no cycle left to loop on
        assert budget_of(ws, amendment) == budget_of(ws, plan_id)
    assert lines == 20


def test_a_plan_based_on_itself_is_left_out_and_a_duplicate_cell_too(demo_workspace):
    rebuild(demo_workspace, "budget_cell", ", \n\tCONSTRAINT uq_budget_cell_line_id_year UNIQUE (line_id, year)", "")
    sql(demo_workspace, "INSERT INTO budget_cell (id, line_id, year, amount, note, marker_text) "
                        "VALUES (100, 1, 2021, 5, '', '')")
    report, target = copy_of(demo_workspace)
    assert "uniciteitsregel op (line_id, year) in tabel 'budget_cell' ontbreekt" in report.not_copied
    assert [str(i) for i in report.left_out] == [
        "tabel budget_cell, rij 100: komt dubbel voor (budget_cell.line_id, budget_cell.year)"]
    sql(target, "UPDATE plan SET based_on_id = id")
    report, again = copy_of(target, "nog schoner.planbord")
    assert [str(i) for i in report.left_out][0] == "tabel plan, rij 1: kolom based_on_id: vormt een kring: 1 → 1"
    assert query(again, "SELECT count(*) FROM plan") == [(0,)]
    assert report.copied_rows == rows_in(again)


def test_a_column_the_source_lacks_gets_its_default(demo_workspace):
    sql(demo_workspace, "ALTER TABLE budget_line DROP COLUMN note")
    report, target = copy_of(demo_workspace)
    assert report.not_copied == ["kolom 'note' in tabel 'budget_line' ontbreekt"]
    assert query(target, "SELECT count(*), min(note), max(note) FROM budget_line") == [(21, "", "")]


def test_an_older_file_is_upgraded_privately_without_running_its_trigger(demo_workspace):
    """A 0002 file whose trigger would empty the funding when the upgrade writes the revision: the
    trigger is dropped from a private copy before that is upgraded; the source stays 0002."""
    downgrade(demo_workspace, "0002")
    sql(demo_workspace, "CREATE TRIGGER g AFTER UPDATE ON alembic_version BEGIN DELETE FROM funding_amount; END")
    report, target = copy_of(demo_workspace)
    assert report.upgraded_from == "0002"
    assert report.not_copied == ["trigger 'g' op tabel 'alembic_version'"]
    assert report.left_out == []
    assert query(target, "SELECT count(*) FROM funding_amount") == [(3,)]
    assert query(target, "SELECT version_num FROM alembic_version") == [(HEAD_REVISION,)]
    assert query(demo_workspace, "SELECT version_num FROM alembic_version") == [("0002",)]
    assert report.lines()[2] == ("Het bestand was van een oudere versie (0002); de kopie is bijgewerkt naar deze "
                                 "versie.")
    amendment_keeps_the_budget(target)


def test_an_older_file_that_cannot_be_upgraded_gets_no_copy(demo_workspace, tmp_path):
    downgrade(demo_workspace, "0002")
    sql(demo_workspace, "ALTER TABLE budget_cell RENAME TO weg", "CREATE VIEW budget_cell AS SELECT * FROM weg")
    before = digest(demo_workspace)
    with pytest.raises(WorkspaceError) as caught:
        make_clean_copy(demo_workspace, tmp_path / "schoon.planbord")
    assert caught.value.message == (
        "Van “demo.planbord” kan geen schone kopie worden gemaakt: het is gemaakt met een oudere versie van "
        "Planbord en de gegevens konden niet naar deze versie worden overgezet.")
    assert digest(demo_workspace) == before
    assert not (tmp_path / "schoon.planbord").exists()


# --- refusals: never in place, never over a file ---------------------------------------------------

def test_an_existing_target_is_refused_even_the_source_itself(demo_workspace, tmp_path):
    taken = tmp_path / "bezet.planbord"
    taken.write_text("van iemand anders")
    for target in (taken, demo_workspace):
        with pytest.raises(WorkspaceError) as caught:
            make_clean_copy(demo_workspace, target)
        assert caught.value.message == (f"Het bestand “{target.name}” bestaat al; kies een andere naam voor de "
                                        "schone kopie. Planbord overschrijft geen bestaand bestand.")
    assert taken.read_text() == "van iemand anders"


def test_a_target_in_a_missing_folder_is_refused(demo_workspace, tmp_path):
    with pytest.raises(WorkspaceError) as caught:
        make_clean_copy(demo_workspace, tmp_path / "nergens" / "schoon.planbord")
    assert caught.value.message == (f"De map “{tmp_path / 'nergens'}” bestaat niet; kies een andere plek voor de "
                                    "schone kopie.")


def test_a_source_that_is_not_ours_or_from_a_newer_planbord_is_refused(demo_workspace, tmp_path):
    letter = tmp_path / "brief.planbord"
    letter.write_text("Beste lezer,\n")
    with pytest.raises(NotSqliteError):
        make_clean_copy(letter, tmp_path / "a.planbord")
    sql(demo_workspace, "UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(NewerVersionError) as caught:
        make_clean_copy(demo_workspace, tmp_path / "b.planbord")
    assert caught.value.message == ("“demo.planbord” is gemaakt met een nieuwere versie van Planbord; daarvan kan "
                                    "deze versie geen schone kopie maken. Werk Planbord bij.")
    assert not (tmp_path / "a.planbord").exists() and not (tmp_path / "b.planbord").exists()


def test_a_copy_that_fails_halfway_leaves_nothing_behind(demo_workspace, monkeypatch):
    def disk_gone(conn, dest, report):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(clean_copy, "_copy_rows", disk_gone)
    before = sorted(p.name for p in demo_workspace.parent.iterdir())
    with pytest.raises(WorkspaceError) as caught:
        make_clean_copy(demo_workspace, demo_workspace.with_name("schoon.planbord"))
    assert caught.value.message == (
        "Planbord kon de schone kopie “schoon.planbord” niet maken (OperationalError). Controleer of u in de map "
        "mag schrijven en er ruimte op de schijf is.")
    assert sorted(p.name for p in demo_workspace.parent.iterdir()) == before


def test_the_default_target_is_beside_the_source_and_never_taken(tmp_path):
    source = tmp_path / "regio.planbord"
    assert default_target(source) == tmp_path / "regio (schone kopie).planbord"
    (tmp_path / "regio (schone kopie).planbord").write_text("")
    assert default_target(source) == tmp_path / "regio (schone kopie 2).planbord"


def test_the_copy_can_be_opened_and_written_at_once(demo_workspace):
    sql(demo_workspace, TRIGGER_E)
    _, target = copy_of(demo_workspace)
    with open_workspace(target) as ws:
        assert not ws.read_only
    assert not lock_path(target).exists()


# --- the command line ------------------------------------------------------------------------------

def test_the_command_prints_the_counts_and_the_rows_left_out(demo_workspace, capsys):
    sql(demo_workspace, "UPDATE chapter SET parent_id = id WHERE id = 1")
    out = demo_workspace.with_name("nieuw.planbord")
    code = main(["clean-copy", str(demo_workspace), "--out", str(out)])
    stdout, stderr = capsys.readouterr()
    total = rows_in(demo_workspace)
    assert (code, stderr) == (0, "")
    assert stdout == (f"Schone kopie geschreven: {out}\n{total - 1} rijen overgenomen, 1 weggelaten.\n"
                      "Weggelaten rijen:\n  tabel chapter, rij 1: kolom parent_id: vormt een kring: 1 → 1\n")


def test_the_command_writes_beside_the_file_by_default(demo_workspace, capsys):
    assert main(["clean-copy", str(demo_workspace)]) == 0
    assert demo_workspace.with_name("demo (schone kopie).planbord").exists()
    assert capsys.readouterr().out.startswith("Schone kopie geschreven: ")


def test_the_command_refuses_with_exit_2_and_a_dutch_message(demo_workspace, capsys):
    code = main(["clean-copy", str(demo_workspace), "--out", str(demo_workspace)])
    assert (code, capsys.readouterr().err) == (
        2, "planbord: Het bestand “demo.planbord” bestaat al; kies een andere naam voor de schone kopie. Planbord "
           "overschrijft geen bestaand bestand.\n")
    code = main(["clean-copy", str(demo_workspace), "--out", str(demo_workspace.with_name("kopie.txt"))])
    assert (code, capsys.readouterr().err) == (
        2, "planbord: Een werkbestand heeft de extensie .planbord, bijvoorbeeld kopie.planbord.\n")
    code = main(["clean-copy", str(demo_workspace.with_name("weg.planbord"))])
    assert code == 2
    assert capsys.readouterr().err.startswith("planbord: Het bestand “weg.planbord” bestaat niet (meer).")


def test_a_money_column_declared_real_gives_reals_which_are_left_out(demo_workspace):
    """A money column declared REAL hands every amount out as a REAL (SQLite converts on reading):
    no cell with an amount passes, the cells with a marker do."""
    edit_schema(demo_workspace, "budget_cell", "amount BIGINT", "amount REAL")
    report, target = copy_of(demo_workspace)
    assert report.not_copied == ["kolom 'amount' in tabel 'budget_cell' heeft type REAL in plaats van BIGINT"]
    with_amount = query(demo_workspace, "SELECT count(*) FROM budget_cell WHERE amount IS NOT NULL")[0][0]
    assert len(report.left_out) == with_amount == 31
    assert str(report.left_out[0]) == ("tabel budget_cell, rij 1: kolom amount: moet een geheel getal zijn, maar is "
                                       "een kommagetal")
    assert query(target, "SELECT count(*), count(amount) FROM budget_cell") == [(12, 0)]
