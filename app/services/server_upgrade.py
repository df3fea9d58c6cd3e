"""An older Planbord database on a server brought to this version (issue 22).

A file is upgraded when it is opened (app/services/workspace.py); a server database the same way,
with what a shared database needs on top: nobody else may have it open (their older Planbord
would write to tables it does not know), a backup is made first with ``pg_dump`` where the tool
is installed, and every step runs in one transaction (PostgreSQL changes its schema
transactionally: a failed step leaves the database as it was). Two people opening it at the same
moment take turns: the second finds it upgraded.
"""
from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from sqlalchemy import select, text
from sqlalchemy.engine import Engine

from app.services import server_backups
from app.services.errors import WorkspaceError
from app.services.fileformat import HEAD_REVISION
from app.services.server_backups import server_backup_folder

log = logging.getLogger(__name__)

def upgrade_server_database(engine: Engine, name, others: list[str]) -> Path | None:
    """Bring the database behind ``engine`` (``name``: its ServerName) to HEAD_REVISION; ``others``:
    who else has it open (refused then). Returns the backup made first, or None where no
    ``pg_dump`` was found (the single transaction still keeps a failed upgrade from doing harm)."""
    from app.services import migrations
    from app.services.workspace import _version_table

    if others:
        raise WorkspaceError(
            f"De database {name} is van een oudere versie van Planbord en moet worden bijgewerkt, maar "
            f"{_names(others)} {'heeft' if len(others) == 1 else 'hebben'} haar nu open. Vraag hen "
            "Planbord te sluiten en probeer het opnieuw.", name)
    backup = dump_database(engine, name)
    with engine.begin() as conn:
        # The upgrade of one waits for the other's, then finds nothing left to do.
        conn.execute(text(f"LOCK TABLE {_version_table.name} IN ACCESS EXCLUSIVE MODE"))
        if conn.execute(select(_version_table.c.version_num)).scalar() == HEAD_REVISION:
            return backup
        try:
            migrations.command.upgrade(migrations.alembic_config(conn), HEAD_REVISION)
        except Exception as exc:  # noqa: BLE001 - said in Dutch; the transaction undoes every step
            log.exception("upgrade of %s failed", name)
            raise WorkspaceError(
                f"De database {name} kon niet worden bijgewerkt naar deze versie van Planbord "
                f"({type(exc).__name__}); er is niets gewijzigd.", name) from None
    log.info("server database %s upgraded to %s (backup: %s)", name, HEAD_REVISION, backup)
    return backup


def dump_database(engine: Engine, name) -> Path | None:
    """A ``pg_dump`` of the database in its backups folder before the upgrade (for ``pg_restore``);
    None where the tool is not installed. A dump that fails stops the upgrade."""
    tool = _pg_dump()
    if tool is None:
        log.warning("no pg_dump found: %s upgraded without a backup of its own", name)
        return None
    folder = server_backup_folder(name.address)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{datetime.now().strftime('%Y%m%d-%H%M%S')}-voor-bijwerken.dump"
    try:
        return server_backups.dump_database(engine.url, target, tool)
    except WorkspaceError as exc:
        raise _no_backup(name, exc.message) from None


def _no_backup(name, reason: str) -> WorkspaceError:
    return WorkspaceError(
        f"De database {name} moet worden bijgewerkt, maar er kon eerst geen reservekopie van worden "
        f"gemaakt ({reason}). Er is niets gewijzigd; vraag de beheerder van de server om hulp.", name)


def _pg_dump() -> str | None:
    return server_backups.pg_dump_tool()


def _names(people: list[str]) -> str:
    return people[0] if len(people) == 1 else f"{', '.join(people[:-1])} en {people[-1]}"
