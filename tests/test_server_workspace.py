"""A workspace on a PostgreSQL server (issue 22, first part): the same figures as the file, and a
Dutch refusal for every database that is not one Planbord can use. Against the throwaway server of
tests/pg_server.py (skipped, with the reason, where none can be started)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import func, select

from app.models import Plan
from app.services.addresses import ServerAddress, is_server_url, workspace_target
from app.services.errors import NewerVersionError, NotPlanbordError, ReadOnlyError, WorkspaceError
from app.services.server_workspace import create_server_workspace, open_any, open_server_workspace
from app.services.summary import plan_summary
from app.services.workspace import open_workspace

ROOT = Path(__file__).resolve().parent.parent


def sql(server, database: str, statement: str) -> None:
    with psycopg.connect(f"host=127.0.0.1 port={server.port} user={server.user} dbname={database}",
                         autocommit=True) as conn:
        conn.execute(statement)


def test_the_demo_on_the_server_has_exactly_the_figures_of_the_file(pg_demo, demo_workspace):
    with open_server_workspace(pg_demo) as server, open_workspace(demo_workspace, read_only=True) as file:
        assert plan_summary(server, 2022) == plan_summary(file, 2022)
        assert server.path.name.endswith(f"127.0.0.1/{pg_demo.rsplit('/', 1)[1]}")


def test_open_any_takes_a_url_or_a_file(pg_demo, demo_workspace):
    with open_any(pg_demo.replace("postgresql+psycopg://", "postgresql://")) as server:
        assert server.on_server  # (its backups: tests/test_server_backups.py)
        with server.session() as s:
            assert s.scalar(select(func.count()).select_from(Plan)) == 1
    with open_any(demo_workspace) as file:
        assert file.path == demo_workspace


def test_a_read_only_server_workspace_writes_nothing(pg_demo):
    with open_server_workspace(pg_demo, read_only=True) as server:
        with pytest.raises(ReadOnlyError, match="alleen-lezen geopend"):
            with server.transaction():
                pass


def test_planbord_makes_its_tables_only_in_an_empty_database(pg_server, pg_demo):
    url = pg_server.create_database("leeg_1")
    create_server_workspace(url).close()
    with open_server_workspace(url) as made, made.session() as s:
        assert s.scalar(select(func.count()).select_from(Plan)) == 0
    with pytest.raises(WorkspaceError, match="is niet leeg; Planbord maakt zijn tabellen alleen in een lege"):
        create_server_workspace(pg_demo)
    with open_server_workspace(pg_demo) as untouched, untouched.session() as s:
        assert s.scalar(select(func.count()).select_from(Plan)) == 1


def test_a_database_that_is_not_planbords_is_refused(pg_server):
    empty = pg_server.create_database("leeg_2")
    with pytest.raises(NotPlanbordError, match=r"geen Planbord-database \(ze is leeg\)"):
        open_server_workspace(empty)
    other = pg_server.create_database("boekhouding")
    sql(pg_server, "boekhouding", "CREATE TABLE grootboek (id integer)")
    with pytest.raises(NotPlanbordError, match="is geen Planbord-database.$"):
        open_server_workspace(other)


def test_a_database_of_a_newer_planbord_is_refused(pg_server, pg_demo):
    sql(pg_server, pg_demo.rsplit("/", 1)[1], "UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(NewerVersionError, match="nieuwere versie van Planbord. Werk Planbord bij"):
        open_server_workspace(pg_demo)


@pytest.mark.parametrize("url, message", [
    ("postgresql://planbord@127.0.0.1:1/nergens", "kan de database planbord@127.0.0.1/nergens niet bereiken"),
    ("postgresql://planbord@[::1/kapot", "is geen geldig databaseadres"),
])
def test_an_unreachable_or_malformed_address_gets_a_dutch_message(url, message):
    with pytest.raises(WorkspaceError, match=message):
        open_server_workspace(url)


def test_addresses_are_told_from_files():
    assert is_server_url("postgresql://jan@kantoor/plan") and is_server_url(" postgres://kantoor/plan")
    assert is_server_url("postgresql+psycopg://kantoor/plan")
    assert not is_server_url("plan.planbord") and not is_server_url("C:\\plannen\\postgresql.planbord")
    assert workspace_target("postgresql://jan@kantoor/uitvoeringsplan").stem == "uitvoeringsplan"
    assert isinstance(workspace_target("postgresql://kantoor/x"), ServerAddress)
    assert workspace_target("plan.planbord") == Path("plan.planbord")


def _cli(*args: str, data: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "app", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, env={**os.environ, "PLANBORD_DATA_DIR": str(data)})


@pytest.mark.slow
def test_the_command_line_reads_a_server_database_as_it_reads_a_file(pg_demo, demo_workspace, tmp_path):
    address = pg_demo.replace("postgresql+psycopg://", "postgresql://")
    from_server = _cli("summary", address, "--plan", "2022", "--json", data=tmp_path)
    from_file = _cli("summary", str(demo_workspace), "--plan", "2022", "--json", data=tmp_path)
    assert from_server.returncode == 0, from_server.stderr
    assert from_server.stdout == from_file.stdout
    pdf = _cli("pdf", address, "--plan", "2022", "--sections", "begroting", "--out", str(tmp_path / "b.pdf"),
               data=tmp_path)
    assert pdf.returncode == 0, pdf.stderr
    assert (tmp_path / "b.pdf").read_bytes().startswith(b"%PDF")
    gone = _cli("summary", "postgresql://planbord@127.0.0.1:1/nergens", "--plan", "2022", data=tmp_path)
    assert gone.returncode == 1 and "Traceback" not in gone.stderr
    assert "kan de database planbord@127.0.0.1/nergens niet bereiken" in gone.stderr
