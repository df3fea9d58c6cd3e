"""Automatic backups of workspaces, in the user's data folder.

Each workspace gets its own folder ``backups_dir()/<stem>-<hash of its path>``
(two files with the same name in different folders stay apart), holding
``YYYYmmdd-HHMMSS.planbord`` snapshots. Snapshots go through SQLite's backup
API, never a file copy: a copy of a live WAL database can miss committed pages
or catch a half-written one. A snapshot equal to the newest one is discarded,
and old ones are thinned (newest 10, one a day for 14 days, one a week for 8 weeks).
"""
from __future__ import annotations

import hashlib
import logging
import os
import re
import secrets
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from app.services.errors import BackupError, NewerVersionError, WorkspaceError
from app.services.fileformat import (
    FILE_SUFFIX,
    HEAD_REVISION,
    check_contents,
    connect_readonly,
    harden,
    no_trace_if_refused,
    publish_new_file,
    read_header,
)
from app.services.paths import backups_dir

log = logging.getLogger(__name__)

KEEP_NEWEST = 10
KEEP_DAYS = 14
KEEP_WEEKS = 8
# How often a GUI should call Workspace.backup_if_changed() while a file is open.
BACKUP_INTERVAL_SECONDS = 10 * 60

_NAME = re.compile(r"^(\d{8}-\d{6})(?:-(\d+))?" + re.escape(FILE_SUFFIX) + "$")
_STAMP = "%Y%m%d-%H%M%S"


@dataclass(frozen=True)
class BackupEntry:
    path: Path
    created: datetime  # local time, from the file name
    size: int  # bytes


def backup_folder(workspace_path: Path | str) -> Path:
    """The folder with the backups of one workspace (not created here)."""
    absolute = os.path.normcase(os.path.realpath(workspace_path))
    digest = hashlib.sha256(absolute.encode("utf-8")).hexdigest()[:10]
    return backups_dir() / f"{Path(workspace_path).stem}-{digest}"


def list_backups(workspace_path: Path | str) -> list[BackupEntry]:
    """The backups of a workspace, newest first."""
    folder = backup_folder(workspace_path)
    entries = []
    try:
        children = list(folder.iterdir())
    except FileNotFoundError:
        return []
    for child in children:
        match = _NAME.match(child.name)
        if not match:
            continue
        try:
            created = datetime.strptime(match.group(1), _STAMP)
            size = child.stat().st_size
        except (ValueError, OSError):
            continue
        entries.append((created, int(match.group(2) or 1), BackupEntry(child, created, size)))
    entries.sort(key=lambda e: (e[0], e[1]), reverse=True)
    return [entry for _, _, entry in entries]


def backups_to_keep(times: Iterable[datetime], now: datetime) -> set[datetime]:
    """Which backup times survive thinning: a pure function, so it is easy to test.

    Keeps the newest KEEP_NEWEST, the newest of each of the last KEEP_DAYS
    calendar days (today included) and the newest of each of the last
    KEEP_WEEKS weeks (Monday to Sunday, this week included).
    """
    ordered = sorted(set(times), reverse=True)
    keep = set(ordered[:KEEP_NEWEST])
    today = now.date()
    this_week = today - timedelta(days=today.weekday())
    days_seen: set = set()
    weeks_seen: set = set()
    for moment in ordered:  # newest first: the first one met in a bucket is its newest
        day = moment.date()
        if 0 <= (today - day).days < KEEP_DAYS and day not in days_seen:
            days_seen.add(day)
            keep.add(moment)
        week = day - timedelta(days=day.weekday())
        if 0 <= (this_week - week).days // 7 < KEEP_WEEKS and week not in weeks_seen:
            weeks_seen.add(week)
            keep.add(moment)
    return keep


def thin_backups(workspace_path: Path | str, now: datetime | None = None) -> list[Path]:
    """Delete the backups thinning does not keep; returns what was deleted."""
    entries = list_backups(workspace_path)
    # "-2", "-3" backups of the same second count as a microsecond apart, so that
    # "the newest ten" means ten files.
    moments = {}
    for entry in entries:
        match = _NAME.match(entry.path.name)
        seq = int(match.group(2) or 1) if match else 1
        moments[entry.path] = entry.created + timedelta(microseconds=seq - 1)
    keep = backups_to_keep(moments.values(), now or datetime.now())
    deleted = []
    for entry in entries:
        if moments[entry.path] not in keep:
            try:
                entry.path.unlink()
                deleted.append(entry.path)
            except OSError as e:
                log.warning("could not delete old backup %s: %s", entry.path, e)
    return deleted


def content_hash(path: Path) -> str:
    """A hash of a database file that ignores header counters a backup may bump."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        head = bytearray(f.read(100))
        # 24-27 change counter, 92-95 version-valid-for, 96-99 SQLite version.
        head[24:28] = b"\0\0\0\0"
        head[92:100] = b"\0" * 8
        digest.update(head)
        for block in iter(lambda: f.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def _snapshot(source: sqlite3.Connection, target: Path) -> None:
    """Copy ``source`` into the new file ``target`` through the backup API and verify it."""
    dest = harden(sqlite3.connect(target))
    try:
        source.backup(dest)  # all pages in one step: one consistent snapshot
        # A backup is a plain file at rest: no -wal/-shm beside it when it is read later.
        dest.execute("PRAGMA journal_mode=DELETE")
        result = dest.execute("PRAGMA integrity_check").fetchall()
    finally:
        dest.close()
    if result != [("ok",)]:
        raise BackupError("integrity_check: " + "; ".join(str(r[0]) for r in result[:5]))


def _remove_leftovers(folder: Path) -> None:
    """Temporary files of a backup that was cut short (crash, power cut)."""
    # Only the lock holder backs a workspace up, so no other writer uses this folder.
    for leftover in folder.glob(".tmp-*"):
        try:
            leftover.unlink()
        except OSError:
            pass


def make_backup(source: sqlite3.Connection, workspace_path: Path | str, *,
                now: datetime | None = None) -> Path | None:
    """Back up the database behind ``source`` unless it equals the newest backup.

    Returns the new backup's path, or None when nothing changed. Raises
    BackupError (Dutch message) when it cannot be written or fails its check.
    """
    workspace_path = Path(workspace_path)
    name = f"“{workspace_path.name}”"
    folder = backup_folder(workspace_path)
    tmp = folder / f".tmp-{secrets.token_hex(6)}{FILE_SUFFIX}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _remove_leftovers(folder)
        try:
            _snapshot(source, tmp)
        except BackupError as e:
            log.error("backup of %s failed its check: %s", workspace_path, e)
            raise BackupError(
                f"De reservekopie van {name} bleek bij controle beschadigd en is weggegooid. "
                "Het bestand zelf is mogelijk beschadigd; zet zo nodig een eerdere reservekopie terug.",
                workspace_path) from None
        existing = list_backups(workspace_path)
        if existing and content_hash(existing[0].path) == content_hash(tmp):
            return None
        now = now or datetime.now()
        stamp = now.strftime(_STAMP)
        final = folder / f"{stamp}{FILE_SUFFIX}"
        n = 1
        while final.exists():
            n += 1
            final = folder / f"{stamp}-{n}{FILE_SUFFIX}"
        os.replace(tmp, final)
    except (OSError, sqlite3.Error) as e:
        log.error("backup of %s failed: %s", workspace_path, e)
        raise BackupError(
            f"Planbord kon geen reservekopie maken van {name}. Controleer of er ruimte op de schijf is.",
            workspace_path) from None
    finally:
        for leftover in (tmp, tmp.with_name(tmp.name + "-journal")):
            try:
                leftover.unlink()
            except OSError:
                pass
    thin_backups(workspace_path, now)
    return final


def restore_backup(backup_path: Path | str, new_path: Path | str) -> Path:
    """Restore a backup into a NEW file (never over an existing one); returns its path.

    The result opens with open_workspace, which also upgrades an older backup.
    """
    return _copy_to_new_file(Path(backup_path), Path(new_path), restoring=True)


def copy_workspace(source_path: Path | str, new_path: Path | str) -> Path:
    """"Save a copy": a consistent snapshot of a (possibly open) workspace into a NEW file."""
    return _copy_to_new_file(Path(source_path), Path(new_path), restoring=False)


def _copy_to_new_file(source_path: Path, new_path: Path, *, restoring: bool) -> Path:
    what = "de reservekopie" if restoring else "de kopie"
    if new_path.exists():
        raise WorkspaceError(
            f"Het bestand “{new_path.name}” bestaat al. Kies een nieuwe naam voor {what}; "
            "Planbord overschrijft geen bestaand bestand.", new_path)
    read_header(source_path)  # refuses what is not a Planbord file
    with no_trace_if_refused(source_path):
        revision = check_contents(source_path, can_recover=False)
    if revision != HEAD_REVISION:
        from app.services import migrations  # only for a file from another version

        if not migrations.is_known_revision(revision):
            raise NewerVersionError(
                f"“{source_path.name}” is gemaakt met een nieuwere versie van Planbord. Werk "
                "Planbord bij om het te gebruiken.", source_path)
    tmp = new_path.with_name(f".{new_path.name}.copy-{secrets.token_hex(6)}")
    try:
        source = connect_readonly(source_path)
        try:
            _snapshot(source, tmp)
        finally:
            source.close()
        publish_new_file(tmp, new_path)
    except BackupError:
        raise BackupError(
            f"“{source_path.name}” is beschadigd; Planbord heeft {what} niet gemaakt.",
            source_path) from None
    except (OSError, sqlite3.Error) as e:
        log.error("copy of %s to %s failed: %s", source_path, new_path, e)
        raise BackupError(
            f"Planbord kon {what} niet opslaan als “{new_path.name}”. Controleer of de map "
            "bestaat, u er mag schrijven en er ruimte op de schijf is.", new_path) from None
    finally:
        for leftover in (tmp, tmp.with_name(tmp.name + "-journal")):
            try:
                leftover.unlink()
            except OSError:
                pass
    return new_path
