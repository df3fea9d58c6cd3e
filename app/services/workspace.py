"""A workspace: one ``.planbord`` SQLite file holding a region and its plans.

SKELETON: the first working version. Hardening (Alembic, integrity check,
locks, backups, read-only, network shares) follows in this module.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from app.models import Base

APPLICATION_ID = 0x506C4264  # "PlBd": marks a SQLite file as ours
FILE_SUFFIX = ".planbord"


class WorkspaceError(Exception):
    """A workspace that cannot be opened or written; ``message`` is Dutch, for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _set_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()


class Workspace:
    def __init__(self, path: Path, engine: Engine, *, read_only: bool = False,
                 read_only_reason: str = "") -> None:
        self.path = path
        self.engine = engine
        self.read_only = read_only
        self.read_only_reason = read_only_reason
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    def session(self) -> Session:
        """A session for reading. Close it when done (use ``with``)."""
        return self._sessions()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One user action: committed as a whole when the block ends, else rolled back."""
        if self.read_only:
            raise WorkspaceError(
                f"Dit bestand is alleen-lezen geopend ({self.read_only_reason}); er is niets opgeslagen."
            )
        with self._sessions.begin() as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()


def _engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", _set_pragmas)
    return engine


def create_workspace(path: Path | str) -> Workspace:
    path = Path(path)
    if path.exists():
        raise WorkspaceError(f"Het bestand {path} bestaat al; kies een andere naam.")
    engine = _engine(path)
    with engine.begin() as conn:
        conn.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
        conn.exec_driver_sql("PRAGMA journal_mode=WAL")
    Base.metadata.create_all(engine)
    return Workspace(path, engine)


def open_workspace(path: Path | str, *, read_only: bool = False) -> Workspace:
    path = Path(path)
    if not path.exists():
        raise WorkspaceError(f"Het bestand {path} bestaat niet.")
    return Workspace(path, _engine(path), read_only=read_only,
                     read_only_reason="op verzoek" if read_only else "")
