"""Backups of a shared database, as of a file (issue 22): when the window opens it (before its
first change) and while it changes, in the user's data folder, thinned by the file's rule; a
pg_dump where the tool is installed, else a .planbord file Planbord opens; a failure said in Dutch,
the work going on. Against the PostgreSQL test server."""
from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from app.services import server_backups
from app.services.budget_edit import CellChange, set_cells
from app.services.cell_input import parse_cell
from app.services.errors import BackupError
from app.services.server_backups import back_up_server, server_backup_folder, thin_server_backups
from app.services.server_workspace import open_server_workspace
from app.services.summary import plan_summary
from app.services.workspace import open_workspace
from conftest import make_draft_amendment


@pytest.fixture
def data(tmp_path, monkeypatch):
    monkeypatch.setenv("PLANBORD_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"


def _folder(workspace):
    return server_backup_folder(workspace.path.address)


def test_the_window_backs_the_database_up_before_its_first_change_and_again_only_when_changed(pg_demo, data):
    with open_server_workspace(pg_demo, backup=True) as server:
        plan, _project, _action = make_draft_amendment(server)  # the first change: backed up first
        server.wait_for_backup(60)
        [first] = sorted(_folder(server).iterdir())
        assert first.suffix == ".dump" and first.stat().st_size > 10_000
        assert server.backup_error is None
        server.backup_if_changed()  # (catches the draft if the backup ran before it was written)
        assert server.backup_if_changed() is None  # nothing changed since: no second backup
        from sqlalchemy import select

        from app.models import BudgetLine, BudgetGroup
        with server.session() as s:
            line = s.scalars(select(BudgetLine.id).join(BudgetLine.group).where(BudgetGroup.plan_id == plan)).first()
        set_cells(server, [CellChange(line, 2022, parse_cell("1.234"))])
        made = server.backup_if_changed()
        assert made is not None and made.exists()


def test_a_database_opened_by_a_service_or_read_only_makes_no_backup_of_its_own(pg_demo, data):
    with open_server_workspace(pg_demo) as server:  # the command line, the tests: no backup
        make_draft_amendment(server)
        server.wait_for_backup(60)
        assert not _folder(server).exists()
    with open_server_workspace(pg_demo, read_only=True, backup=True) as server:
        server.backup_on_open()
        assert server.backup_if_changed() is None and not _folder(server).exists()


def test_without_pg_dump_the_backup_is_a_planbord_file_with_the_same_figures(pg_demo, data, monkeypatch):
    monkeypatch.setattr(server_backups, "pg_dump_tool", lambda: None)
    with open_server_workspace(pg_demo) as server:
        made = back_up_server(server)
        figures = plan_summary(server, 2022)
    assert made.suffix == ".planbord"
    with open_workspace(made, read_only=True) as copy:
        assert plan_summary(copy, 2022) == figures


def test_a_backup_that_fails_is_said_in_dutch_and_the_work_goes_on(pg_demo, data, monkeypatch):
    monkeypatch.setattr(server_backups, "pg_dump_tool", lambda: "/bin/false")
    with open_server_workspace(pg_demo) as server:
        with pytest.raises(BackupError, match="Er kon geen reservekopie van de database .* Uw werk op de "
                                              "server is er niet door geraakt"):
            back_up_server(server)
        assert not list(_folder(server).iterdir())  # no half file
    with open_server_workspace(pg_demo, backup=True) as server:
        plan, _project, _action = make_draft_amendment(server)  # written all the same
        server.wait_for_backup(60)
        assert isinstance(server.backup_error, BackupError) and plan


def test_old_backups_are_thinned_as_a_files_are(tmp_path):
    folder = tmp_path / "db-0123456789"
    folder.mkdir()
    now = datetime(2026, 12, 7, 12, 0, 0)
    stamps = [now - timedelta(hours=h) for h in range(0, 24 * 40, 6)]  # every six hours, 40 days
    for stamp in stamps:
        (folder / f"{stamp:%Y%m%d-%H%M%S}.dump").write_bytes(b"x")
    (folder / "notes.txt").write_text("van de gebruiker")  # not ours: left alone
    deleted = thin_server_backups(folder, now)
    kept = sorted(datetime.strptime(p.stem, "%Y%m%d-%H%M%S") for p in folder.iterdir() if p.suffix == ".dump")
    assert len(kept) + len(deleted) == len(stamps) and deleted
    assert kept[-10:] == sorted(stamps)[-10:]  # the newest ten
    days = {stamp.date() for stamp in kept}
    assert all((now - timedelta(days=d)).date() in days for d in range(14))  # one a day for 14 days
    weeks = {(stamp - timedelta(days=stamp.weekday())).date() for stamp in kept}
    assert len(weeks) == len({(s - timedelta(days=s.weekday())).date() for s in stamps})  # one a week
    assert len(kept) <= 10 + 14 + 8
    assert (folder / "notes.txt").exists()  # not a backup: left alone
