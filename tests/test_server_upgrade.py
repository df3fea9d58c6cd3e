"""An older Planbord database on a server is brought to this version when opened (issue 22): with a
pg_dump backup first, refused while someone else has it open or when opened read-only, and a failed
step leaves it as it was. The "older database" is the demo taken back one migration by Alembic."""
from __future__ import annotations

import psycopg
import pytest
from alembic import command
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.pool import NullPool

from app.models import BudgetCell
from app.services import migrations, server_upgrade
from app.services.errors import WorkspaceError
from app.services.fileformat import HEAD_REVISION
from app.services.server_workspace import open_server_workspace
from app.services.summary import plan_summary

PREVIOUS = "0007"


def _downgrade(url: str, revision: str = PREVIOUS) -> None:
    engine = create_engine(url, poolclass=NullPool)
    with engine.begin() as conn:
        command.downgrade(migrations.alembic_config(conn), revision)
    engine.dispose()


def _revision_and_indexes(server, database: str) -> tuple[str, set[str]]:
    with psycopg.connect(f"host=127.0.0.1 port={server.port} user={server.user} dbname={database}") as conn:
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        indexes = {row[0] for row in conn.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'budget_cell'")}
    return revision, indexes


@pytest.fixture
def older(pg_server, pg_demo, tmp_path, monkeypatch):
    """The demo on the server as the previous Planbord left it; backups in a folder of the test."""
    monkeypatch.setenv("PLANBORD_DATA_DIR", str(tmp_path / "data"))
    with open_server_workspace(pg_demo) as current:
        figures = plan_summary(current, 2022)
    _downgrade(pg_demo)
    database = pg_demo.rsplit("/", 1)[1]
    assert _revision_and_indexes(pg_server, database) == (PREVIOUS, _revision_and_indexes(
        pg_server, database)[1] - {"ix_budget_cell_marker"})
    return pg_demo, database, figures


def test_an_older_server_database_is_upgraded_on_opening_with_a_backup_first(pg_server, older, tmp_path):
    url, database, figures = older
    assert "ix_budget_cell_marker" not in _revision_and_indexes(pg_server, database)[1]
    with open_server_workspace(url) as upgraded:
        assert plan_summary(upgraded, 2022) == figures  # nothing of the plan changed
        with upgraded.session() as s:
            assert s.scalar(select(func.count()).select_from(BudgetCell)) > 0
    revision, indexes = _revision_and_indexes(pg_server, database)
    assert revision == HEAD_REVISION and "ix_budget_cell_marker" in indexes
    dumps = list((tmp_path / "data" / "backups").glob(f"{database}-*/*-voor-bijwerken.dump"))
    assert len(dumps) == 1 and dumps[0].stat().st_size > 10_000
    # A second opening finds nothing to do and makes no second backup.
    open_server_workspace(url).close()
    assert len(list((tmp_path / "data" / "backups").rglob("*-voor-bijwerken.dump"))) == 1


def test_the_upgrade_waits_until_nobody_else_has_the_database_open(pg_server, older):
    url, database, _ = older
    # Someone with an older Planbord still working in it: their connection names them.
    other = psycopg.connect(f"host=127.0.0.1 port={pg_server.port} user={pg_server.user} dbname={database} "
                            "application_name='Planbord jan@kantoor-pc'")
    try:
        with pytest.raises(WorkspaceError, match=(
                "is van een oudere versie van Planbord en moet worden bijgewerkt, maar jan@kantoor-pc "
                "heeft haar nu open. Vraag hen Planbord te sluiten")):
            open_server_workspace(url)
        assert _revision_and_indexes(pg_server, database)[0] == PREVIOUS
    finally:
        other.close()
    open_server_workspace(url).close()
    assert _revision_and_indexes(pg_server, database)[0] == HEAD_REVISION


def test_an_older_database_opened_read_only_is_not_upgraded(pg_server, older):
    url, database, _ = older
    with pytest.raises(WorkspaceError, match="moet worden bijgewerkt, maar u opent haar alleen-lezen"):
        open_server_workspace(url, read_only=True)
    assert _revision_and_indexes(pg_server, database)[0] == PREVIOUS


def test_a_step_that_fails_leaves_the_database_as_it_was(pg_server, older, monkeypatch):
    url, database, _ = older

    def failing(config, revision):  # the index made, then the next step fails
        conn = config.attributes["connection"]
        conn.execute(text("CREATE INDEX ix_budget_cell_marker ON budget_cell (line_id, year)"))
        raise RuntimeError("stap mislukt")

    monkeypatch.setattr(migrations.command, "upgrade", failing)
    with pytest.raises(WorkspaceError, match=r"kon niet worden bijgewerkt .*\(RuntimeError\); er is niets gewijzigd"):
        open_server_workspace(url)
    assert _revision_and_indexes(pg_server, database) == (PREVIOUS, _revision_and_indexes(
        pg_server, database)[1] - {"ix_budget_cell_marker"})


def test_no_upgrade_when_the_backup_cannot_be_made(pg_server, older, monkeypatch):
    url, database, _ = older
    monkeypatch.setattr(server_upgrade, "_pg_dump", lambda: "/bin/false")
    with pytest.raises(WorkspaceError, match="kon eerst geen reservekopie van worden gemaakt .*Er is niets gewijzigd"):
        open_server_workspace(url)
    assert _revision_and_indexes(pg_server, database)[0] == PREVIOUS


def test_without_pg_dump_the_upgrade_still_runs_in_one_transaction(pg_server, older, monkeypatch, tmp_path):
    url, database, figures = older
    monkeypatch.setattr(server_upgrade, "_pg_dump", lambda: None)
    with open_server_workspace(url) as upgraded:
        assert plan_summary(upgraded, 2022) == figures
    assert _revision_and_indexes(pg_server, database)[0] == HEAD_REVISION
    assert not list((tmp_path / "data" / "backups").rglob("*.dump"))
