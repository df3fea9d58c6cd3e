"""Backups of a shared database, as a file's (issue 22): when it is opened and every ten minutes
while it changes, in the user's data folder, thinned by the same rule (newest 10, one a day for 14
days, one a week for 8 weeks). A ``pg_dump`` where the tool is installed (``.dump``, for
``pg_restore``), else a ``.planbord`` file of the database (app/services/workspace_copy.py), which
Planbord opens as it is. The server's own backups are the administrator's; these are the user's
safety net, as with a file.
"""
from __future__ import annotations

import hashlib
import logging
import os
import re
import shutil
import subprocess
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select

from app.services.backups import backups_to_keep
from app.services.errors import BackupError, WorkspaceError
from app.services.paths import backups_dir

log = logging.getLogger(__name__)

DUMP_TIMEOUT_S = 600
_STAMP = "%Y%m%d-%H%M%S"
_NAME = re.compile(r"^(\d{8}-\d{6})\.(dump|planbord)$")


def server_backup_folder(address: str) -> Path:
    """The folder with one database's backups (``address`` without a password; not created)."""
    database = address.rsplit("/", 1)[-1].split("?", 1)[0] or "planbord"
    digest = hashlib.sha256(address.encode("utf-8")).hexdigest()[:10]
    return backups_dir() / f"{database}-{digest}"


def change_mark(workspace) -> tuple:
    """What has changed on the server, cheaply: the change log's newest entry (every edit writes
    one). Equal marks: nothing to back up again."""
    from app.models import ChangeLog

    with workspace.session() as session:
        return (session.scalar(select(func.max(ChangeLog.id))),)


def back_up_server(workspace, now: datetime | None = None) -> Path:
    """A backup of the database in its folder, then the old ones thinned; BackupError (Dutch) when
    it cannot be made."""
    folder = server_backup_folder(workspace.path.address)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = (now or datetime.now()).strftime(_STAMP)
    url = workspace.engine.url
    tool = pg_dump_tool()
    try:
        if tool is not None:
            target = folder / f"{stamp}.dump"
            dump_database(url, target, tool)
        else:  # no client tools: a file of it, which Planbord itself can open
            from app.services.workspace_copy import copy_workspace

            target = folder / f"{stamp}.planbord"
            target.unlink(missing_ok=True)
            copy_workspace(url.render_as_string(hide_password=False), target)
    except (WorkspaceError, OSError) as exc:
        reason = exc.message if isinstance(exc, WorkspaceError) else str(exc)
        raise BackupError(f"Er kon geen reservekopie van de database {workspace.path} worden gemaakt "
                          f"({reason}). Uw werk op de server is er niet door geraakt.",
                          workspace.path) from None
    thin_server_backups(folder, now)
    return target


def thin_server_backups(folder: Path, now: datetime | None = None) -> list[Path]:
    """Delete the backups the thinning rule does not keep; returns what was deleted."""
    found = {}
    for child in folder.iterdir() if folder.exists() else ():
        match = _NAME.match(child.name)
        if match:
            try:
                found[child] = datetime.strptime(match.group(1), _STAMP)
            except ValueError:
                continue
    # A dump and a file of the same second count apart, so "the newest ten" means ten files.
    moments = {path: moment + timedelta(microseconds=n) for n, (path, moment) in enumerate(sorted(found.items()))}
    keep = backups_to_keep(moments.values(), now or datetime.now())
    deleted = []
    for path, moment in moments.items():
        if moment not in keep:
            try:
                path.unlink()
                deleted.append(path)
            except OSError as exc:
                log.warning("could not delete old backup %s: %s", path, exc)
    return deleted


def dump_database(url, target: Path, tool: str | None = None) -> Path:
    """``pg_dump`` of the database at ``url`` into ``target`` (custom format, for
    ``pg_restore``); WorkspaceError (Dutch) when it fails, and no half file left."""
    tool = tool or pg_dump_tool()
    if tool is None:
        raise WorkspaceError("pg_dump is niet geïnstalleerd")
    env = {**os.environ, "PGCONNECT_TIMEOUT": "10"}
    if url.password:
        env["PGPASSWORD"] = str(url.password)  # never on the command line, where others can read it
    args = [tool, "--format=custom", f"--file={target}", f"--dbname={url.database}",
            f"--host={url.host or 'localhost'}", f"--port={url.port or 5432}"]
    if url.username:
        args.append(f"--username={url.username}")
    try:
        done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=DUMP_TIMEOUT_S,
                              check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        target.unlink(missing_ok=True)
        raise WorkspaceError(str(exc)) from None
    if done.returncode != 0:
        target.unlink(missing_ok=True)
        lines = done.stderr.strip().splitlines()
        raise WorkspaceError(lines[-1] if lines else f"pg_dump stopte met code {done.returncode}")
    return target


def pg_dump_tool() -> str | None:
    """``pg_dump`` on the PATH, else the newest of Debian's versioned installs (a dump needs a
    tool at least as new as the server)."""
    found = shutil.which("pg_dump")
    if found:
        return found
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_dump"),
                      key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0)
    return str(versions[-1]) if versions else None
