"""Hearing other people's changes on the shared database (issue 22): a connection of its own that
LISTENs on the channel every server workspace NOTIFYs when it commits (app/services/server_workspace.py).
``poll()`` never waits; the window calls it a few times a second and reads again when another
workspace wrote. A listener that loses its connection says so once and tries again at the next poll.
"""
from __future__ import annotations

import logging

log = logging.getLogger(__name__)


class ChangeListener:
    def __init__(self, workspace) -> None:
        from app.services.server_workspace import CHANNEL

        self._workspace = workspace
        self._channel = CHANNEL
        self._connection = None
        self._failing = False  # said once in the log until it works again

    def _connect(self):
        import psycopg

        url = self._workspace.engine.url
        with self._workspace.engine.connect() as conn:  # the same name for the others to see
            name = conn.exec_driver_sql("SELECT current_setting('application_name')").scalar()
        connection = psycopg.connect(host=url.host, port=url.port, user=url.username, password=url.password,
                                     dbname=url.database, autocommit=True, connect_timeout=5,
                                     application_name=name)
        connection.execute(f"LISTEN {self._channel}")
        return connection

    def poll(self) -> bool:
        """Whether another workspace committed a change since the last poll."""
        import psycopg

        try:
            if self._connection is None or self._connection.closed:
                self._connection = self._connect()
            heard = [n.payload for n in self._connection.notifies(timeout=0)]
        except psycopg.Error:
            if not self._failing:
                log.warning("listening for changes on %s failed", self._workspace.path, exc_info=True)
            self._failing = True
            self.close()
            return False
        self._failing = False
        return any(payload != self._workspace.tag for payload in heard)

    def close(self) -> None:
        if self._connection is not None:
            try:
                self._connection.close()
            except Exception:  # noqa: BLE001 - closing a broken connection
                pass
            self._connection = None
