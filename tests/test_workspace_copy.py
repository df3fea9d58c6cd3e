"""python -m app copy (issue 22): a workspace copied whole from a file to a server database and back,
every row the same; the server's ids go on after the copied ones; a target that exists is refused
and a failed copy leaves nothing behind."""
from __future__ import annotations

import sqlite3
from decimal import Decimal

import pytest
from sqlalchemy import func, inspect, select

from app.models import Base, BudgetGroup, BudgetLine, Plan
from app.services import budget_edit, workspace_copy
from app.services.errors import WorkspaceError
from app.services.server_workspace import open_server_workspace
from app.services.workspace_copy import copy_workspace


def rows_of(path) -> dict[str, list[tuple]]:
    """Every table of a workspace file, its rows in id order."""
    conn = sqlite3.connect(path)
    try:
        return {table.name: conn.execute(f'SELECT * FROM "{table.name}" ORDER BY 1').fetchall()
                for table in Base.metadata.sorted_tables}
    finally:
        conn.close()


def test_a_file_copied_to_a_server_and_back_is_the_same_row_for_row(demo_workspace, pg_server, tmp_path):
    url = pg_server.create_database("kopie_heen")
    there = copy_workspace(demo_workspace, url)
    assert there.target == "planbord@127.0.0.1/kopie_heen" and there.tables == len(Base.metadata.sorted_tables)
    back = copy_workspace(url, tmp_path / "terug.planbord")
    assert back.rows == there.rows > 250
    assert rows_of(tmp_path / "terug.planbord") == rows_of(demo_workspace)


def test_a_row_made_on_the_server_after_the_copy_gets_a_new_id(demo_workspace, pg_server):
    url = pg_server.create_database("kopie_verder")
    copy_workspace(demo_workspace, url)
    with open_server_workspace(url) as server:
        with server.session() as s:
            plan = s.scalars(select(Plan)).one()
            highest = s.scalar(select(func.max(BudgetLine.id)))
        # An adopted plan is read-only: its draft amendment takes the new line.
        from app.services.plan_copy import create_amendment

        amendment = create_amendment(server, plan.id)
        with server.session() as s:
            group = s.scalars(select(BudgetGroup.id).where(BudgetGroup.plan_id == amendment)).first()
        line = budget_edit.add_line(server, group, name="Nieuwe post")
        assert line > highest
        with server.session() as s:
            assert s.get(BudgetLine, line).name == "Nieuwe post"


def test_a_target_that_exists_is_refused_and_left_alone(demo_workspace, pg_server, pg_demo, tmp_path):
    existing = tmp_path / "bestaat.planbord"
    existing.write_bytes(b"iets van iemand anders")
    with pytest.raises(WorkspaceError, match="bestaat al; kies een andere naam"):
        copy_workspace(demo_workspace, existing)
    assert existing.read_bytes() == b"iets van iemand anders"
    with pytest.raises(WorkspaceError, match="is niet leeg"):
        copy_workspace(demo_workspace, pg_demo)
    with open_server_workspace(pg_demo) as untouched, untouched.session() as s:
        assert s.scalar(select(func.count()).select_from(Plan)) == 1


def test_a_source_that_is_not_a_workspace_is_refused_and_nothing_is_made(tmp_path):
    source = tmp_path / "boodschappen.planbord"
    source.write_text("melk, brood", encoding="utf-8")
    with pytest.raises(WorkspaceError, match="is geen Planbord-bestand: het is een tekstbestand"):
        copy_workspace(source, tmp_path / "kopie.planbord")
    assert not (tmp_path / "kopie.planbord").exists()


@pytest.mark.parametrize("to_server", [False, True])
def test_a_copy_that_fails_halfway_leaves_nothing(demo_workspace, pg_server, tmp_path, monkeypatch, to_server):
    copy_rows = workspace_copy._copy_rows

    def fail_after_writing(original, made):
        copy_rows(original, made)  # everything written (and committed) ...
        raise OSError("schijf vol")  # ... then it fails

    monkeypatch.setattr(workspace_copy, "_copy_rows", fail_after_writing)
    target = pg_server.create_database(f"half_{int(to_server)}") if to_server else tmp_path / "half.planbord"
    with pytest.raises(OSError, match="schijf vol"):
        copy_workspace(demo_workspace, target)
    if to_server:
        from sqlalchemy import create_engine

        engine = create_engine(target)
        try:
            assert inspect(engine).get_table_names() == []  # empty again: a copy can be tried again
        finally:
            engine.dispose()
    else:
        assert not target.exists() and not (tmp_path / "half.planbord.lock").exists()


def test_decimal_amounts_survive_the_copy(demo_workspace, pg_server, tmp_path):
    from app.services.summary import plan_summary
    from app.services.workspace import open_workspace

    url = pg_server.create_database("kopie_bedragen")
    copy_workspace(demo_workspace, url)
    with open_server_workspace(url) as server, open_workspace(demo_workspace, read_only=True) as file:
        assert plan_summary(server, 2022)["budget"] == plan_summary(file, 2022)["budget"]
        assert Decimal(plan_summary(server, 2022)["budget"]["total"]["2022"]) == Decimal("1280000.00")


@pytest.mark.slow
def test_the_command_line_copies_and_refuses_in_dutch(demo_workspace, pg_server, tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    address = pg_server.create_database("kopie_cli").replace("postgresql+psycopg://", "postgresql://")

    def run(*args):
        return subprocess.run([sys.executable, "-m", "app", "copy", *args], cwd=root, capture_output=True,
                              text=True, timeout=120, env={**os.environ, "PLANBORD_DATA_DIR": str(tmp_path / "d")})

    done = run(str(demo_workspace), address)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Gekopieerd naar planbord@127.0.0.1/kopie_cli: ") and "33 tabellen" in done.stdout
    again = run(str(demo_workspace), address)
    assert again.returncode == 1 and "is niet leeg" in again.stderr and "Traceback" not in again.stderr
