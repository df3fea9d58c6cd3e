"""Hearing other people's changes on the shared database (issue 22): a connection of its own that
LISTENs where the server workspaces NOTIFY when they commit (app/services/server_workspace.py): on
the general channel (a change that may concern everything) and on the channel of each plan it is
told to follow. ``poll()`` never waits; the window calls it a few times a second and reads again
what another workspace changed. The connection also tells the others which plan its user has open
(its application_name). A listener that loses its connection says so once and tries again at the
next poll.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Heard:
    """What others changed since the last poll: ``everything`` (a change of the region, a plan
    made or deleted: read it all again), else the ``plans`` they changed (may be none)."""

    everything: bool = False
    plans: frozenset[int] = field(default_factory=frozenset)

    def __bool__(self) -> bool:
        return self.everything or bool(self.plans)


class ChangeListener:
    def __init__(self, workspace) -> None:
        self._workspace = workspace
        self._connection = None
        self._failing = False  # said once in the log until it works again
        self._plans: frozenset[int] = frozenset()  # whose channels it listens on
        self._shown: int | None = None  # the plan the user has open, for the others to see
        self._name = ""  # this Planbord's application_name (user@computer)

    def follow(self, plans, shown: int | None = None) -> None:
        """Listen for changes of these plans (ids); ``shown``: the plan the user looks at, which the
        others see (others_in_plan). Takes effect now, or at the next connection."""
        plans = frozenset(plans)
        if (plans, shown) == (self._plans, self._shown):
            return
        old = self._plans
        self._plans, self._shown = plans, shown
        if self._connection is not None and not self._connection.closed:
            import psycopg

            try:
                self._listen(self._connection, plans - old, old - plans)
            except psycopg.Error:
                self.close()  # connected again, with the new channels, at the next poll

    def follow_every_plan(self, shown: int | None = None) -> None:
        """Listen for changes of every plan in the database now: done before the window reads
        anything, so no change made between its reading and its listening goes unheard."""
        from sqlalchemy import select

        from app.models import Plan

        with self._workspace.session() as session:
            self.follow(session.scalars(select(Plan.id)).all(), shown)

    def _connect(self):
        import psycopg

        url = self._workspace.engine.url
        if not self._name:
            with self._workspace.engine.connect() as conn:  # the same name for the others to see
                self._name = conn.exec_driver_sql("SELECT current_setting('application_name')").scalar()
        connection = psycopg.connect(host=url.host, port=url.port, user=url.username, password=url.password,
                                     dbname=url.database, autocommit=True, connect_timeout=5,
                                     application_name=self._name)
        from app.services.server_workspace import CHANNEL

        connection.execute(f"LISTEN {CHANNEL}")
        self._listen(connection, self._plans, ())
        return connection

    def _listen(self, connection, start, stop) -> None:
        from psycopg import sql

        from app.services.server_workspace import PLAN_MARK, plan_channel

        for plan_id in stop:
            connection.execute(sql.SQL("UNLISTEN {}").format(sql.Identifier(plan_channel(plan_id))))
        for plan_id in start:
            connection.execute(sql.SQL("LISTEN {}").format(sql.Identifier(plan_channel(plan_id))))
        name = self._name if self._shown is None else f"{self._name}{PLAN_MARK}{self._shown}"
        connection.execute("SELECT set_config('application_name', %s, false)", (name[:63],))

    def poll(self) -> Heard:
        """What another workspace committed since the last poll (nothing: a false Heard)."""
        import psycopg

        from app.services.server_workspace import CHANNEL, PLAN_CHANNEL

        try:
            if self._connection is None or self._connection.closed:
                self._connection = self._connect()
            heard = [(n.channel, n.payload) for n in self._connection.notifies(timeout=0)]
        except psycopg.Error:
            if not self._failing:
                log.warning("listening for changes on %s failed", self._workspace.path, exc_info=True)
            self._failing = True
            self.close()
            return Heard()
        self._failing = False
        theirs = [channel for channel, payload in heard if payload != self._workspace.tag]
        prefix = PLAN_CHANNEL.format("")
        plans = frozenset(int(c[len(prefix):]) for c in theirs if c.startswith(prefix) and c[len(prefix):].isdigit())
        return Heard(everything=CHANNEL in theirs, plans=plans & self._plans)

    def close(self) -> None:
        if self._connection is not None:
            try:
                self._connection.close()
            except Exception:  # noqa: BLE001 - closing a broken connection
                pass
            self._connection = None
