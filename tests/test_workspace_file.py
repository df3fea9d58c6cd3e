"""The .planbord file format: create, refuse what is not ours, read-only, locks, upgrades.

SQLite only: the file format, its locks and its upgrades. The service tests run on both backends
(issue 22).
"""
from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from decimal import Decimal
from pathlib import Path, PureWindowsPath

import pytest
from sqlalchemy import func, select, text

import db
from app.models import (
    Base,
    BudgetCell,
    BudgetGroup,
    BudgetLine,
    FundingAmount,
    FundingSource,
    Plan,
    Region,
)
from app.services import fileformat, filelock, workspace as workspace_module
from app.services.backups import list_backups
from app.services.errors import NeedsUpgradeError, ReadOnlyError
from app.services.filelock import LockInfo, lock_path, read_lock
from app.services.workspace import (
    APPLICATION_ID,
    HEAD_REVISION,
    CorruptFileError,
    LockedError,
    MissingFileError,
    NewerVersionError,
    NotPlanbordError,
    NotSqliteError,
    Workspace,
    WorkspaceError,
    create_workspace,
    lock_is_stale,
    open_workspace,
)

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    """Backups go to a temporary folder, never the user's real one."""
    folder = tmp_path / "data"
    monkeypatch.setenv("PLANBORD_DATA_DIR", str(folder))
    return folder


def fill(ws: Workspace, rows: int = 3) -> None:
    """A small plan: region, plan, a funding source with amounts, one budget cell."""
    with ws.transaction() as s:
        region = Region(name="Haaglanden")
        plan = Plan(region=region, year=2022, title="Uitvoeringsplan 2022", first_year=2021, last_year=2023)
        source = FundingSource(plan_id=0, name="reguliere regiobegroting")
        s.add_all([region, plan])
        s.flush()
        source.plan_id = plan.id
        s.add(source)
        s.flush()
        for i in range(rows):
            s.add(FundingAmount(source_id=source.id, year=2000 + i, amount=Decimal("1280000.00") + i))
        group = BudgetGroup(plan_id=plan.id, name="Regionale netwerksamenwerking")
        s.add(group)
        s.flush()
        line = BudgetLine(group_id=group.id, name="Programmabureau")
        s.add(line)
        s.flush()
        s.add(BudgetCell(line_id=line.id, year=2022, amount=Decimal("250000.00")))


def total(ws: Workspace) -> Decimal:
    with ws.session() as s:
        return sum(s.scalars(select(FundingAmount.amount)), Decimal(0))


@pytest.fixture
def filled(tmp_path) -> Path:
    path = tmp_path / "plan.planbord"
    with create_workspace(path) as ws:
        fill(ws)
    return path


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file in a folder with its bytes, to prove a refusal changed nothing."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


# ---------------------------------------------------------------------------
# create
# ---------------------------------------------------------------------------

def test_create_sets_file_format(tmp_path):
    path = tmp_path / "nieuw.planbord"
    ws = create_workspace(path)
    try:
        assert ws.path == path and not ws.read_only and ws.read_only_reason == ""
        with ws.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA application_id").scalar() == APPLICATION_ID
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
            assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalars().all() == [
                HEAD_REVISION]
        with ws.session() as s:  # every pooled connection has foreign keys on
            assert s.execute(text("PRAGMA foreign_keys")).scalar() == 1
    finally:
        ws.close()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "data") == ["nieuw.planbord"]


def test_create_refuses_existing_file(tmp_path):
    path = tmp_path / "bestaat.planbord"
    path.write_text("mijn aantekeningen")
    with pytest.raises(WorkspaceError) as info:
        create_workspace(path)
    assert "bestaat al" in info.value.message
    assert path.read_text() == "mijn aantekeningen"
    assert not lock_path(path).exists()


def test_create_in_missing_folder(tmp_path):
    with pytest.raises(WorkspaceError) as info:
        create_workspace(tmp_path / "nergens" / "x.planbord")
    assert "bestaat niet" in info.value.message


def test_head_revision_constant_matches_alembic():
    from app.services import migrations

    assert migrations.head_revision() == HEAD_REVISION


def test_create_and_open_do_not_import_alembic(tmp_path):
    script = (
        "import sys; from app.services.workspace import create_workspace, open_workspace\n"
        f"create_workspace({str(tmp_path / 'a.planbord')!r}).close()\n"
        f"open_workspace({str(tmp_path / 'a.planbord')!r}).close()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'alembic'))\n"
    )
    env = dict(os.environ, PLANBORD_DATA_DIR=str(tmp_path / "data"))
    out = subprocess.run([sys.executable, "-c", script], cwd=REPO, env=env, capture_output=True,
                         text=True, check=True)
    assert out.stdout.strip() == "[]"


def _migrated_file(path: Path) -> None:
    from app.services import migrations

    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
    conn.close()
    migrations.upgrade(path)


def _schema(path: Path) -> set[tuple[str, str]]:
    conn = sqlite3.connect(path)
    rows = conn.execute(
        "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").fetchall()
    conn.close()
    return set(rows)


def test_migrations_build_the_models_schema(tmp_path):
    """create_all + stamp (create) and the migrations (upgrade) give the same schema."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlalchemy import create_engine

    migrated = tmp_path / "migrated.planbord"
    _migrated_file(migrated)
    created = tmp_path / "created.planbord"
    create_workspace(created).close()
    assert _schema(migrated) == _schema(created)
    for path in (migrated, created):
        engine = create_engine(f"sqlite:///{path}")
        with engine.connect() as conn:
            ctx = MigrationContext.configure(conn, opts={"compare_type": True})
            assert compare_metadata(ctx, Base.metadata) == []
            assert ctx.get_current_revision() == HEAD_REVISION
        engine.dispose()
    # And such a file opens like any other.
    with open_workspace(migrated) as ws:
        fill(ws)


# ---------------------------------------------------------------------------
# refusals: clear Dutch message, file and folder untouched
# ---------------------------------------------------------------------------

def _foreign_sqlite(path: Path, wal: bool = False) -> None:
    conn = sqlite3.connect(path)
    if wal:
        conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('Jan')")
    conn.commit()
    conn.close()


def _corrupt(path: Path) -> None:
    with create_workspace(path) as ws:
        fill(ws, rows=400)
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for n in range(2, len(data) // page):  # every page after the first: garbage
        data[n * page: n * page + 64] = b"\xa5" * 64
    path.write_bytes(bytes(data))


def _truncated(path: Path) -> None:
    with create_workspace(path) as ws:
        fill(ws, rows=400)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _newer(path: Path) -> None:
    with create_workspace(path) as ws:
        fill(ws)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num='9999_from_the_future'")
    conn.commit()
    conn.close()


def _no_version(path: Path) -> None:
    with create_workspace(path) as ws:
        fill(ws)
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE alembic_version")
    conn.commit()
    conn.close()


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200)

REFUSALS = [
    ("text", lambda p: p.write_text("Dit is een boodschappenlijstje.\n"), NotSqliteError, "tekstbestand"),
    ("png", lambda p: p.write_bytes(PNG), NotSqliteError, "afbeelding"),
    ("empty", lambda p: p.write_bytes(b""), NotSqliteError, "leeg"),
    ("header only", lambda p: p.write_bytes(b"SQLite format 3\x00" + bytes(20)), CorruptFileError,
     "beschadigd"),
    ("foreign sqlite", _foreign_sqlite, NotPlanbordError, "ander programma"),
    ("foreign sqlite wal", lambda p: _foreign_sqlite(p, wal=True), NotPlanbordError, "ander programma"),
    ("corrupt", _corrupt, CorruptFileError, "beschadigd"),
    ("truncated", _truncated, CorruptFileError, "beschadigd"),
    ("newer", _newer, NewerVersionError, "nieuwere versie van Planbord"),
    ("no version", _no_version, CorruptFileError, "versie"),
]


@pytest.mark.parametrize("make, error, words", [r[1:] for r in REFUSALS], ids=[r[0] for r in REFUSALS])
def test_open_refuses_and_leaves_file_unchanged(tmp_path, make, error, words):
    folder = tmp_path / "files"
    folder.mkdir()
    path = folder / "kapot.planbord"
    make(path)
    before = snapshot(folder)
    with pytest.raises(error) as info:
        open_workspace(path)
    assert words in info.value.message
    assert "Traceback" not in info.value.message
    assert info.value.path == path
    assert snapshot(folder) == before  # same bytes, no -wal/-shm/-journal, no lock file
    # read-only is refused the same way and leaves nothing behind either
    with pytest.raises(error):
        open_workspace(path, read_only=True)
    assert snapshot(folder) == before


def test_awkward_file_names(tmp_path):
    path = tmp_path / "Plan #1 ?50% & co.planbord"
    with create_workspace(path) as ws:
        fill(ws)
    with open_workspace(path, read_only=True) as ws:
        assert total(ws) == Decimal("3840003.00")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "data")[0] == path.name


def test_open_missing_file(tmp_path):
    with pytest.raises(MissingFileError) as info:
        open_workspace(tmp_path / "weg.planbord")
    assert "bestaat niet" in info.value.message
    assert list(tmp_path.iterdir()) == []


def test_open_folder(tmp_path):
    folder = tmp_path / "map.planbord"
    folder.mkdir()
    with pytest.raises(NotSqliteError) as info:
        open_workspace(folder)
    assert "map" in info.value.message


def test_errors_print_as_their_message():
    error = NewerVersionError("Dit is de boodschap.")
    assert str(error) == "Dit is de boodschap." and error.message == str(error)


# ---------------------------------------------------------------------------
# upgrades
# ---------------------------------------------------------------------------

NEXT_REVISION = f"{int(HEAD_REVISION) + 1:04d}"
PROBE_MIGRATION = '''"""Test-only revision: adds a column and fills it."""
import sqlalchemy as sa
from alembic import op

revision = "{next}"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("region") as batch:
        batch.add_column(sa.Column("probe", sa.String(20), nullable=False, server_default="x"))
    {extra}


def downgrade():
    with op.batch_alter_table("region") as batch:
        batch.drop_column("probe")
'''


@pytest.fixture
def newer_program(tmp_path, monkeypatch):
    """Pretend this program is one version further: a copy of the migrations plus a probe."""

    def install(extra: str = "pass") -> None:
        folder = tmp_path / "migrations"
        shutil.copytree(db.MIGRATIONS_DIR, folder, ignore=shutil.ignore_patterns("__pycache__"))
        (folder / "versions" / f"{NEXT_REVISION}_probe.py").write_text(
            PROBE_MIGRATION.format(extra=extra, head=HEAD_REVISION, next=NEXT_REVISION))
        monkeypatch.setattr(db, "MIGRATIONS_DIR", folder)
        monkeypatch.setattr(workspace_module, "HEAD_REVISION", NEXT_REVISION)

    return install


def _revision(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        conn.close()


def test_older_file_is_backed_up_then_upgraded(filled, newer_program):
    newer_program()
    ws = open_workspace(filled)
    try:
        assert total(ws) == Decimal("3840003.00")  # data survives the table rebuild
        with ws.session() as s:
            assert s.execute(text("SELECT probe FROM region")).scalar() == "x"
    finally:
        ws.close()
    assert _revision(filled) == NEXT_REVISION
    backups = list_backups(filled)
    assert backups and _revision(backups[-1].path) == HEAD_REVISION  # the state before the upgrade
    conn = sqlite3.connect(filled)
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    conn.close()


def test_failed_upgrade_leaves_file_as_it_was(filled, newer_program):
    newer_program(extra='raise RuntimeError("step fails halfway")')
    with pytest.raises(WorkspaceError) as info:
        open_workspace(filled)
    assert "niet worden bijgewerkt" in info.value.message
    assert _revision(filled) == HEAD_REVISION
    conn = sqlite3.connect(filled)
    columns = [row[1] for row in conn.execute("PRAGMA table_info(region)")]
    conn.close()
    assert "probe" not in columns  # the batch rebuild was rolled back with the rest
    assert not lock_path(filled).exists()


def test_older_file_read_only_is_not_upgraded(filled, newer_program):
    newer_program()
    before = filled.read_bytes()
    with pytest.raises(NeedsUpgradeError) as info:
        open_workspace(filled, read_only=True)
    assert "oudere versie" in info.value.message
    assert filled.read_bytes() == before


def test_unknown_revision_is_newer(filled, monkeypatch):
    conn = sqlite3.connect(filled)
    conn.execute("UPDATE alembic_version SET version_num='abc123'")
    conn.commit()
    conn.close()
    with pytest.raises(NewerVersionError):
        open_workspace(filled)
    assert not lock_path(filled).exists()


# ---------------------------------------------------------------------------
# read-only
# ---------------------------------------------------------------------------

def test_read_only_on_request(filled):
    before = filled.read_bytes()
    ws = open_workspace(filled, read_only=True)
    try:
        assert ws.read_only and "alleen-lezen" in ws.read_only_reason
        assert total(ws) == Decimal("3840003.00")
        with pytest.raises(ReadOnlyError) as info:
            with ws.transaction() as s:
                s.add(Region(name="Nooit"))
        assert "niets opgeslagen" in info.value.message
        assert ws.backup_if_changed() is None
        # mode=ro underneath: even raw SQL cannot write
        with pytest.raises(Exception):
            with ws.engine.begin() as conn:
                conn.exec_driver_sql("INSERT INTO region (name) VALUES ('raw')")
    finally:
        ws.close()
    assert filled.read_bytes() == before
    assert not lock_path(filled).exists()


@pytest.mark.parametrize("what, words", [("file", "geen schrijfrechten"), ("folder", "map")])
def test_read_only_when_not_writable(filled, monkeypatch, what, words):
    # Simulated: tests often run as root, for whom chmod changes nothing.
    if what == "file":
        monkeypatch.setattr(fileformat, "file_writable", lambda p: False)
    else:
        monkeypatch.setattr(fileformat, "folder_writable", lambda p: False)
    ws = open_workspace(filled)
    try:
        assert ws.read_only and words in ws.read_only_reason
        assert total(ws) == Decimal("3840003.00")
        with pytest.raises(ReadOnlyError):
            with ws.transaction():
                pass
    finally:
        ws.close()
    assert not lock_path(filled).exists()


def _run_unprivileged(fn):
    """Run ``fn`` where file permissions apply: as is, or (as root) in a child as nobody."""
    if os.geteuid() != 0:
        return fn()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # child: everything it needs is imported already
        os.close(read_end)
        try:
            os.setgid(65534)
            os.setuid(65534)
            result = {"ok": fn()}
        except BaseException as e:  # report, never return into pytest
            result = {"error": f"{type(e).__name__}: {e}"}
        os.write(write_end, json.dumps(result).encode())
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end) as f:
        answer = json.loads(f.read() or '{"error": "no answer"}')
    os.waitpid(pid, 0)
    assert "error" not in answer, answer["error"]
    return answer["ok"]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
@pytest.mark.parametrize("lock_folder, journal", [(True, "wal"), (True, "delete"), (False, "wal")],
                         ids=["read-only folder", "read-only folder, share journal", "read-only file"])
def test_real_read_only_permissions(lock_folder, journal):
    folder = Path(tempfile.mkdtemp(prefix="planbord-ro-"))
    try:
        os.chmod(folder, 0o777)
        path = folder / "plan.planbord"
        with create_workspace(path) as ws:
            fill(ws)
        if journal != "wal":  # as made on a network share
            conn = sqlite3.connect(path)
            conn.execute(f"PRAGMA journal_mode={journal}")
            conn.close()
        if lock_folder:  # the file itself writable: only the folder stops WAL and the lock
            os.chmod(path, 0o666)
            os.chmod(folder, 0o555)
        else:
            os.chmod(path, 0o444)
        before = snapshot(folder)

        def look():
            ws = open_workspace(path)
            try:
                reason, amount = ws.read_only_reason, str(total(ws))
                try:
                    with ws.transaction() as s:
                        s.add(Region(name="Nooit"))
                    wrote = True
                except ReadOnlyError:
                    wrote = False
                return [ws.read_only, reason, amount, wrote]
            finally:
                ws.close()

        read_only, reason, amount, wrote = _run_unprivileged(look)
        assert read_only and not wrote and amount == "3840003.00"
        assert ("map" in reason) if lock_folder else ("alleen-lezen" in reason)
        after = snapshot(folder)
        assert after["plan.planbord"] == before["plan.planbord"]
        # No lock; in a writable folder SQLite may leave an empty -wal/-shm (its reader index).
        assert set(after) - set(before) <= {"plan.planbord-wal", "plan.planbord-shm"}
        assert after.get("plan.planbord-wal", b"") == b""
    finally:
        os.chmod(folder, 0o777)
        shutil.rmtree(folder)


# ---------------------------------------------------------------------------
# network shares
# ---------------------------------------------------------------------------

MOUNTS = """\
/dev/vda / ext4 rw,relatime 0 0
server:/export /mnt/nas nfs4 rw,relatime 0 0
//fs01/gedeeld /mnt/gedeeld cifs rw 0 0
/dev/vdb /mnt/nas/local\\040disk ext4 rw 0 0
user@host:/ /home/jan/remote fuse.sshfs rw 0 0
"""


@pytest.mark.parametrize("path, fs_type", [
    ("/home/jan/plan.planbord", "ext4"),
    ("/mnt/nas/plan.planbord", "nfs4"),
    ("/mnt/nasje/plan.planbord", "ext4"),  # a prefix of the name is not the mount
    ("/mnt/gedeeld/regio/plan.planbord", "cifs"),
    ("/mnt/nas/local disk/plan.planbord", "ext4"),  # a local disk mounted inside the share
    ("/home/jan/remote/plan.planbord", "fuse.sshfs"),
])
def test_linux_fs_type(path, fs_type):
    from pathlib import PurePosixPath

    assert fileformat.linux_fs_type(PurePosixPath(path), MOUNTS) == fs_type


def test_is_network_path_linux(monkeypatch):
    monkeypatch.setattr(fileformat, "_read_proc_mounts", lambda: MOUNTS)
    monkeypatch.setattr(os.path, "realpath", lambda p: str(p))
    assert fileformat.is_network_path("/mnt/nas/plan.planbord", platform="linux")
    assert fileformat.is_network_path("/mnt/gedeeld/plan.planbord", platform="linux")
    assert not fileformat.is_network_path("/home/jan/plan.planbord", platform="linux")
    assert not fileformat.is_network_path("/mnt/nas/anything", platform="darwin")


def test_windows_is_remote():
    drive_types = {"C:\\": 3, "Z:\\": 4}  # fixed disk, network drive
    remote = lambda p: fileformat.windows_is_remote(PureWindowsPath(p), drive_type=drive_types.get)  # noqa: E731
    assert remote(r"\\fs01\gedeeld\plan.planbord")
    assert remote(r"Z:\regio\plan.planbord")
    assert not remote(r"C:\Users\jan\plan.planbord")


def test_network_share_uses_rollback_journal(tmp_path, monkeypatch):
    path = tmp_path / "gedeeld.planbord"
    monkeypatch.setattr(fileformat, "is_network_path", lambda p, **kw: True)
    with create_workspace(path) as ws:
        with ws.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "delete"
        fill(ws)
    monkeypatch.setattr(fileformat, "is_network_path", lambda p, **kw: False)
    with open_workspace(path) as ws:  # copied to a local disk: back to WAL
        with ws.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    monkeypatch.setattr(fileformat, "is_network_path", lambda p, **kw: True)
    with open_workspace(path) as ws:  # and onto a share again: rollback journal
        with ws.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "delete"
        assert total(ws) == Decimal("3840003.00")


def test_hot_journal_is_recovered_on_open(tmp_path):
    """A crash mid-write in rollback mode leaves a hot journal; opening rolls it back."""
    path = tmp_path / "gedeeld.planbord"
    with create_workspace(path) as ws:
        fill(ws)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.close()
    child = (
        "import os, signal, sqlite3, sys\n"
        "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "c.execute('PRAGMA cache_size=1'); c.execute('BEGIN')\n"
        "for i in range(3000): c.execute('INSERT INTO region (name) VALUES (?)', ('x' * 100,))\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    subprocess.run([sys.executable, "-c", child, str(path)])
    assert fileformat.sidecar(path, "-journal").exists()
    with pytest.raises(WorkspaceError) as info:  # read-only cannot roll it back
        open_workspace(path, read_only=True)
    assert "niet netjes afgesloten" in info.value.message
    with open_workspace(path) as ws:
        with ws.session() as s:
            assert s.scalar(select(func.count()).select_from(Region)) == 1
        assert total(ws) == Decimal("3840003.00")


# ---------------------------------------------------------------------------
# transactions
# ---------------------------------------------------------------------------

def test_transaction_is_all_or_nothing(filled):
    with open_workspace(filled) as ws:
        with pytest.raises(ZeroDivisionError):
            with ws.transaction() as s:
                s.add(Region(name="Half"))
                s.flush()
                1 / 0
        with ws.session() as s:
            assert s.scalar(select(func.count()).select_from(Region)) == 1


def test_foreign_keys_are_enforced(filled):
    from sqlalchemy.exc import IntegrityError

    with open_workspace(filled) as ws:
        with pytest.raises(IntegrityError):
            with ws.transaction() as s:
                s.add(FundingAmount(source_id=999, year=2030, amount=Decimal(1)))


def test_closed_workspace_refuses_use(filled):
    ws = open_workspace(filled)
    ws.close()
    ws.close()  # twice is fine
    with pytest.raises(WorkspaceError):
        ws.session()


# ---------------------------------------------------------------------------
# locks
# ---------------------------------------------------------------------------

def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()  # reaped: the pid is free
    return proc.pid


def _write_lock(path: Path, **fields) -> None:
    info = {"host": filelock._this_host(), "user": "jan", "pid": os.getpid(),
            "opened_at": "2021-11-11T14:03:00+01:00", "token": "abc"}
    info.update(fields)
    lock_path(path).write_text(json.dumps(info))


def test_lock_file_written_and_released(filled):
    ws = open_workspace(filled)
    info = json.loads(lock_path(filled).read_text())
    assert {"host", "user", "pid", "opened_at"} <= info.keys()
    assert info["pid"] == os.getpid()
    ws.close()
    assert not lock_path(filled).exists()


def test_second_open_in_same_process_is_locked(filled):
    first = open_workspace(filled)
    try:
        with pytest.raises(LockedError) as info:
            open_workspace(filled)
        assert "al geopend" in info.value.message
        assert info.value.stale is False and info.value.holder.pid == os.getpid()
        with open_workspace(filled, read_only=True) as second:  # read-only anyway
            assert second.read_only and "ook geopend door" in second.read_only_reason
            assert total(second) == total(first)
        assert lock_path(filled).exists()  # the read-only open left the lock alone
        fill(first)  # the first still writes, and the reader may keep reading
    finally:
        first.close()
    with open_workspace(filled) as again:
        assert total(again) == 2 * Decimal("3840003.00")


def test_lock_from_dead_process_is_stale(filled):
    _write_lock(filled, pid=_dead_pid())
    with pytest.raises(LockedError) as info:
        open_workspace(filled)
    assert info.value.stale is True
    assert lock_is_stale(info.value.holder) is True
    assert "draait niet meer" in info.value.message and "opheffen" in info.value.message
    with open_workspace(filled, break_lock=True) as ws:
        assert not ws.read_only
        assert read_lock(filled).pid == os.getpid()


def test_lock_from_other_computer(filled):
    _write_lock(filled, host="laptop-secretariaat", user="marieke", pid=4242)
    before = lock_path(filled).read_bytes()
    with pytest.raises(LockedError) as info:
        open_workspace(filled)
    message = info.value.message
    assert "marieke" in message and "laptop-secretariaat" in message and "11-11-2021" in message
    assert info.value.stale is None  # cannot know: the GUI asks the user
    with open_workspace(filled, read_only=True) as ws:
        assert ws.read_only and "marieke" in ws.read_only_reason
    assert lock_path(filled).read_bytes() == before


def test_unreadable_lock_file(filled):
    lock_path(filled).write_text("")  # e.g. a holder that crashed while writing it
    with pytest.raises(LockedError) as info:
        open_workspace(filled)
    # Names nobody: treated as stale, so the user is offered to lift it.
    assert info.value.stale is True and info.value.can_lift is True
    assert "niet te zien door wie" in info.value.message


def test_lock_is_stale_cases():
    here = filelock._this_host()
    assert lock_is_stale(LockInfo(host=here, user="jan", pid=os.getpid())) is False
    assert lock_is_stale(LockInfo(host=here, user="jan", pid=_dead_pid())) is True
    assert lock_is_stale(LockInfo(host="elders", user="jan", pid=1)) is None
    assert lock_is_stale(LockInfo()) is True  # names nobody: junk or unreadable


def test_broken_lock_stops_the_old_holder(filled):
    first = open_workspace(filled)
    second = open_workspace(filled, break_lock=True)
    try:
        with pytest.raises(ReadOnlyError) as info:
            with first.transaction() as s:
                s.add(Region(name="Oud"))
        assert "opgeheven" in info.value.message and first.read_only
        first.close()
        assert lock_path(filled).exists()  # the old holder does not remove the new lock
        fill(second)
    finally:
        first.close()
        second.close()
    assert not lock_path(filled).exists()


def test_removed_lock_is_not_taken_back(filled):
    with open_workspace(filled) as ws:
        lock_path(filled).unlink()  # e.g. lifted by someone who has closed the file again
        with pytest.raises(ReadOnlyError) as info:
            fill(ws)  # never re-locked quietly: whoever lifted it may have written meanwhile
        assert "overgenomen" in info.value.message and "alleen-lezen" in info.value.message
        assert ws.read_only and read_lock(filled) is None
    assert not lock_path(filled).exists()


def test_create_refuses_while_someone_creates(tmp_path):
    path = tmp_path / "nieuw.planbord"
    _write_lock(path, host="elders")
    with pytest.raises(LockedError):
        create_workspace(path)
    _write_lock(path, pid=_dead_pid())  # a stale lock of a file that never came
    create_workspace(path).close()
