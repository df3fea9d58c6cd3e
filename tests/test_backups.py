"""Automatic backups: made through the backup API, only on change, thinned, restorable.

SQLite only: snapshot backups are the file's (a server keeps its own). The service tests run on
both backends (issue 22).
"""
from __future__ import annotations

import re
import sqlite3
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from app.models import FundingAmount, FundingSource, Plan, Region
from app.services import backups
from app.services.backups import (
    KEEP_DAYS,
    KEEP_NEWEST,
    KEEP_WEEKS,
    BackupEntry,
    backup_folder,
    backups_to_keep,
    copy_workspace,
    list_backups,
    make_backup,
    restore_backup,
    thin_backups,
)
from app.services.errors import BackupError, NewerVersionError, NotSqliteError
from app.services.workspace import (
    HEAD_REVISION,
    Workspace,
    WorkspaceError,
    create_workspace,
    open_workspace,
)


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    """Backups go to a temporary folder, never the user's real one."""
    folder = tmp_path / "data"
    monkeypatch.setenv("PLANBORD_DATA_DIR", str(folder))
    return folder


def add_amount(ws: Workspace, year: int, amount: str) -> None:
    with ws.transaction() as s:
        source = s.scalar(select(FundingSource))
        if source is None:
            region = Region(name="Haaglanden")
            plan = Plan(region=region, year=2022, title="Uitvoeringsplan 2022", first_year=2021,
                        last_year=2023)
            s.add(plan)
            s.flush()
            source = FundingSource(plan_id=plan.id, name="reguliere regiobegroting")
            s.add(source)
            s.flush()
        s.add(FundingAmount(source_id=source.id, year=year, amount=Decimal(amount)))


def total(ws: Workspace) -> Decimal:
    with ws.session() as s:
        return sum(s.scalars(select(FundingAmount.amount)), Decimal(0))


@pytest.fixture
def workspace_path(tmp_path) -> Path:
    path = tmp_path / "Uitvoeringsplan.planbord"
    with create_workspace(path) as ws:
        add_amount(ws, 2022, "1280000.00")
    return path


# ---------------------------------------------------------------------------
# making backups
# ---------------------------------------------------------------------------

def test_backup_on_open_and_only_when_changed(workspace_path, data_dir):
    assert list_backups(workspace_path) == []  # creating makes none: nothing to lose yet
    with open_workspace(workspace_path) as ws:
        first = list_backups(workspace_path)
        assert len(first) == 1
        assert ws.backup_if_changed() is None  # nothing changed since
    with open_workspace(workspace_path) as ws:  # reopened unchanged: still one
        assert list_backups(workspace_path) == first
        add_amount(ws, 2023, "15.50")
        new = ws.backup_if_changed()
        assert new is not None and new.exists()
        assert ws.backup_if_changed() is None
    entries = list_backups(workspace_path)
    assert [e.path for e in entries] == [new, first[0].path]  # newest first
    assert all(isinstance(e, BackupEntry) and e.size > 0 for e in entries)
    assert entries[0].created >= entries[1].created
    # where they live: the data folder, a folder per workspace named after it
    assert new.parent == backup_folder(workspace_path)
    assert new.parent.parent == data_dir / "backups"
    assert new.parent.name.startswith("Uitvoeringsplan-")
    assert re.fullmatch(r"\d{8}-\d{6}(-\d+)?\.planbord", new.name)


def test_backup_is_a_checked_database(workspace_path):
    with open_workspace(workspace_path) as ws:
        (entry,) = list_backups(workspace_path)
        conn = sqlite3.connect(f"file:{entry.path}?mode=ro", uri=True)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
            assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (HEAD_REVISION,)
            assert conn.execute("SELECT amount FROM funding_amount").fetchall() == [(128000000,)]
        finally:
            conn.close()
        assert total(ws) == Decimal("1280000.00")
    assert sorted(p.name for p in entry.path.parent.iterdir()) == [entry.path.name]  # no temp files


def test_same_name_in_two_folders_keeps_backups_apart(tmp_path):
    paths = []
    for folder in ("regio-a", "regio-b"):
        (tmp_path / folder).mkdir()
        path = tmp_path / folder / "plan.planbord"
        with create_workspace(path) as ws:
            add_amount(ws, 2022, "1.00")
        open_workspace(path).close()
        paths.append(path)
    assert backup_folder(paths[0]) != backup_folder(paths[1])
    assert len(list_backups(paths[0])) == len(list_backups(paths[1])) == 1


def test_two_changes_within_a_second(workspace_path):
    now = datetime(2022, 11, 11, 14, 3, 0)
    with open_workspace(workspace_path) as ws:
        add_amount(ws, 2030, "1.00")
        with ws.engine.connect() as conn:
            a = make_backup(conn.connection.driver_connection, workspace_path, now=now)
        add_amount(ws, 2031, "1.00")
        with ws.engine.connect() as conn:
            b = make_backup(conn.connection.driver_connection, workspace_path, now=now)
    assert a.name == "20221111-140300.planbord" and b.name == "20221111-140300-2.planbord"
    made = [e.path for e in list_backups(workspace_path) if e.created == now]
    assert made == [b, a]  # newest first


def test_damaged_backup_is_discarded(tmp_path, workspace_path):
    """A snapshot that fails integrity_check is deleted and reported, never kept."""
    broken = tmp_path / "broken.sqlite"
    conn = sqlite3.connect(broken)
    conn.execute("CREATE TABLE t (x INTEGER, y INTEGER)")
    conn.execute("CREATE INDEX t_x ON t (x)")
    conn.executemany("INSERT INTO t VALUES (?, ?)", [(i, -i) for i in range(50)])
    conn.commit()
    # Make the index disagree with its table: integrity_check reports missing index rows.
    conn.execute("PRAGMA writable_schema=ON")
    conn.execute("UPDATE sqlite_master SET sql='CREATE INDEX t_x ON t (y)' WHERE name='t_x'")
    conn.commit()
    conn.close()
    source = sqlite3.connect(broken)
    try:
        with pytest.raises(BackupError) as info:
            make_backup(source, workspace_path)
    finally:
        source.close()
    assert "beschadigd" in info.value.message
    assert list_backups(workspace_path) == []
    assert [p.name for p in backup_folder(workspace_path).iterdir()] == []


def test_backup_failure_does_not_block_opening(workspace_path, monkeypatch, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setattr(backups, "backups_dir", lambda: blocker)
    with open_workspace(workspace_path) as ws:  # opens; the failure is logged and kept
        assert not ws.read_only
        assert isinstance(ws.backup_error, BackupError)
        with pytest.raises(BackupError) as info:
            ws.backup_if_changed()
        assert "geen reservekopie" in info.value.message


def test_leftover_temp_files_are_cleaned(workspace_path):
    folder = backup_folder(workspace_path)
    folder.mkdir(parents=True)
    (folder / ".tmp-deadbeef.planbord").write_bytes(b"half")
    open_workspace(workspace_path).close()
    assert [p.name for p in folder.iterdir() if p.name.startswith(".")] == []


# ---------------------------------------------------------------------------
# restore
# ---------------------------------------------------------------------------

def test_restore_into_new_file(tmp_path, workspace_path):
    with open_workspace(workspace_path) as ws:
        add_amount(ws, 2023, "20.00")
        made = ws.backup_if_changed()
        expected = total(ws)
        add_amount(ws, 2024, "999.99")  # after the backup: not in the restored file
    restored = restore_backup(made, tmp_path / "teruggezet.planbord")
    assert restored == tmp_path / "teruggezet.planbord"
    with open_workspace(restored) as ws:
        assert total(ws) == expected == Decimal("1280020.00")
        add_amount(ws, 2025, "1.00")  # and it is an ordinary, writable workspace
    assert not [p for p in tmp_path.iterdir() if ".restore-" in p.name]


def test_restore_refuses_existing_file(tmp_path, workspace_path):
    open_workspace(workspace_path).close()
    (entry,) = list_backups(workspace_path)
    before = workspace_path.read_bytes()
    with pytest.raises(WorkspaceError) as info:
        restore_backup(entry.path, workspace_path)
    assert "bestaat al" in info.value.message
    assert workspace_path.read_bytes() == before


def test_restore_refuses_what_is_not_a_backup(tmp_path):
    bogus = tmp_path / "20221111-140300.planbord"
    bogus.write_text("geen database")
    with pytest.raises(NotSqliteError):
        restore_backup(bogus, tmp_path / "nieuw.planbord")
    assert not (tmp_path / "nieuw.planbord").exists()


def test_restore_refuses_backup_from_newer_program(tmp_path, workspace_path):
    open_workspace(workspace_path).close()
    (entry,) = list_backups(workspace_path)
    conn = sqlite3.connect(entry.path)
    conn.execute("UPDATE alembic_version SET version_num='9999_future'")
    conn.commit()
    conn.close()
    with pytest.raises(NewerVersionError) as info:
        restore_backup(entry.path, tmp_path / "nieuw.planbord")
    assert "nieuwere versie" in info.value.message
    assert not (tmp_path / "nieuw.planbord").exists()


def test_thinning_counts_same_second_backups_apart(workspace_path):
    folder = backup_folder(workspace_path)
    folder.mkdir(parents=True)
    for seq in range(1, 16):
        suffix = "" if seq == 1 else f"-{seq}"
        (folder / f"20221111-140300{suffix}.planbord").write_bytes(b"x")
    thin_backups(workspace_path, NOW)
    names = [e.path.name for e in list_backups(workspace_path)]
    assert len(names) == KEEP_NEWEST and names[0] == "20221111-140300-15.planbord"


def test_restore_into_missing_folder(tmp_path, workspace_path):
    open_workspace(workspace_path).close()
    (entry,) = list_backups(workspace_path)
    with pytest.raises(BackupError) as info:
        restore_backup(entry.path, tmp_path / "nergens" / "nieuw.planbord")
    assert "niet opslaan" in info.value.message


def test_copy_of_an_open_workspace(tmp_path, workspace_path):
    with open_workspace(workspace_path) as ws:
        add_amount(ws, 2023, "0.01")  # committed, still in the WAL: the copy must have it
        copy = copy_workspace(ws.path, tmp_path / "kopie.planbord")
        with pytest.raises(WorkspaceError):
            copy_workspace(ws.path, copy)  # never over an existing file
        expected = total(ws)
    with open_workspace(copy) as ws:
        assert total(ws) == expected == Decimal("1280000.01")


# ---------------------------------------------------------------------------
# thinning
# ---------------------------------------------------------------------------

NOW = datetime(2022, 11, 11, 14, 3, 0)  # a Friday


def test_thinning_keeps_newest_ten():
    times = [NOW - timedelta(minutes=10 * i) for i in range(25)]
    keep = backups_to_keep(times, NOW)
    assert set(times[:KEEP_NEWEST]) <= keep
    assert keep == set(times[:KEEP_NEWEST])  # all on the same day: the newest is already kept


def test_thinning_one_per_day_and_week():
    # Hourly backups for 100 days.
    times = [NOW - timedelta(hours=h) for h in range(24 * 100)]
    keep = backups_to_keep(times, NOW)
    days = {t.date() for t in keep if (NOW.date() - t.date()).days < KEEP_DAYS}
    assert len(days) == KEEP_DAYS
    for day in days:  # the newest of that day is kept
        assert max(t for t in times if t.date() == day) in keep
    weeks = {(t - timedelta(days=t.weekday())).date() for t in keep}
    assert len(weeks) == KEEP_WEEKS
    oldest_week = (NOW - timedelta(days=NOW.weekday(), weeks=KEEP_WEEKS - 1)).date()
    assert min(keep).date() >= oldest_week
    assert len(keep) <= KEEP_NEWEST + KEEP_DAYS + KEEP_WEEKS


def test_thinning_small_cases():
    assert backups_to_keep([], NOW) == set()
    old = datetime(2020, 1, 1)
    assert backups_to_keep([old], NOW) == {old}  # among the newest ten
    eleven_old = [old - timedelta(days=i) for i in range(11)]
    assert backups_to_keep(eleven_old, NOW) == set(eleven_old[:10])


moments = st.datetimes(min_value=datetime(2022, 1, 1), max_value=NOW)


@settings(max_examples=200, deadline=None)
@given(st.lists(moments, max_size=80))
def test_thinning_properties(times):
    keep = backups_to_keep(times, NOW)
    assert keep <= set(times)
    newest = sorted(set(times), reverse=True)
    assert set(newest[:KEEP_NEWEST]) <= keep
    for t in times:
        if (NOW.date() - t.date()).days < KEEP_DAYS:  # its day keeps its newest
            assert max(u for u in times if u.date() == t.date()) in keep
        week = lambda u: u.date() - timedelta(days=u.weekday())  # noqa: E731
        if (week(NOW) - week(t)).days < 7 * KEEP_WEEKS:
            assert max(u for u in times if week(u) == week(t)) in keep
    assert backups_to_keep(keep, NOW) == keep  # thinning twice changes nothing
    assert len(keep) <= KEEP_NEWEST + KEEP_DAYS + KEEP_WEEKS


def test_thin_backups_deletes_files(workspace_path):
    folder = backup_folder(workspace_path)
    folder.mkdir(parents=True)
    times = [NOW - timedelta(hours=7 * i) for i in range(300)]
    for t in times:
        (folder / f"{t:%Y%m%d-%H%M%S}.planbord").write_bytes(b"x")
    (folder / "notes.txt").write_text("not a backup: left alone")
    deleted = thin_backups(workspace_path, NOW)
    left = list_backups(workspace_path)
    assert {e.created for e in left} == backups_to_keep(times, NOW)
    assert len(deleted) + len(left) == len(times)
    assert (folder / "notes.txt").exists()


# ---------------------------------------------------------------------------
# the backup on open, made later (start-up: once the first page is painted)
# ---------------------------------------------------------------------------

def test_backup_later_waits_for_backup_on_open(workspace_path):
    with open_workspace(workspace_path, backup_later=True) as ws:
        assert list_backups(workspace_path) == []  # not while opening
        ws.backup_on_open()
        (entry,) = list_backups(workspace_path)
        ws.backup_on_open()  # once only
        assert list_backups(workspace_path) == [entry]
    with open_workspace(workspace_path) as ws:  # the default: made while opening (unchanged: none)
        assert list_backups(workspace_path) == [entry]


def test_backup_later_is_made_before_the_first_write(workspace_path, tmp_path):
    with open_workspace(workspace_path, backup_later=True) as ws:
        add_amount(ws, 2023, "15.50")  # a change before the GUI got round to the backup
        (entry,) = list_backups(workspace_path)
        ws.backup_on_open()  # already made: nothing more
        assert len(list_backups(workspace_path)) == 1
    # The backup holds the file as it was opened, without the change.
    with open_workspace(restore_backup(entry.path, tmp_path / "as-opened.planbord"), read_only=True) as old:
        assert total(old) == Decimal("1280000.00")


def test_backup_later_failure_is_kept_not_raised(workspace_path, monkeypatch, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setattr(backups, "backups_dir", lambda: blocker)
    with open_workspace(workspace_path, backup_later=True) as ws:
        assert ws.backup_error is None
        ws.backup_on_open()
        assert isinstance(ws.backup_error, BackupError)
        assert "geen reservekopie" in ws.backup_error.message
        add_amount(ws, 2023, "1.00")  # work goes on


def test_backup_later_on_a_read_only_workspace_makes_none(workspace_path):
    with open_workspace(workspace_path, read_only=True) as ws:
        ws.backup_on_open()
        assert list_backups(workspace_path) == [] and ws.backup_error is None
