"""A throwaway PostgreSQL server for the tests (issue 22): ``initdb`` into a temporary folder,
``pg_ctl start`` on a free port of 127.0.0.1 (and a socket in that folder), stopped and removed
at the end, also when tests fail. Needs the server programs (Debian's postgresql:
scripts/ensure-postgresql.sh installs them for make test); without them, or as root without a
user to run the server as, :func:`start` says why (the tests skip with that reason).
"""
from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path


class ServerUnavailable(Exception):
    """Why no server could be started (the reason the PostgreSQL tests skip with)."""


def _bin(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if candidates:
        return candidates[-1]
    raise ServerUnavailable(f"{name} niet gevonden: installeer het pakket postgresql "
                            "(scripts/ensure-postgresql.sh doet dat voor make test)")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """A running throwaway server; ``url(database)`` for SQLAlchemy (psycopg 3)."""

    def __init__(self, folder: Path, port: int, user: str, run_as: str | None) -> None:
        self.folder, self.port, self.user, self._run_as = folder, port, user, run_as

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{self.user}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str, template: str | None = None) -> str:
        """A new database, empty or a copy of ``template``; its URL."""
        import psycopg

        with psycopg.connect(f"host=127.0.0.1 port={self.port} user={self.user} dbname=postgres",
                             autocommit=True) as conn:
            # A copy of the files: some 50 ms for the demo where the default (WAL_LOG, writing every
            # page to the log) takes 150-300 ms; each service test makes one.
            copy = f' TEMPLATE "{template}" STRATEGY FILE_COPY' if template else ""
            conn.execute(f'CREATE DATABASE "{name}"{copy}')
        return self.url(name)

    def drop_database(self, name: str) -> None:
        """Remove a test's database (each is about 10 MB: a run would otherwise fill the disk);
        connections a test left open are ended."""
        import psycopg

        with psycopg.connect(f"host=127.0.0.1 port={self.port} user={self.user} dbname=postgres",
                             autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        try:
            _run(self._run_as, [_bin("pg_ctl"), "-D", str(self.folder / "data"), "-m", "immediate", "stop"],
                 check=False)
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


def _run(run_as: str | None, args: list[str], check: bool = True) -> subprocess.CompletedProcess:
    if run_as is not None:  # the server refuses to run as root
        args = ["runuser", "-u", run_as, "--", *args]
    return subprocess.run(args, capture_output=True, text=True, timeout=120, check=check)


RAM_DISK = "/dev/shm"
RAM_DISK_FREE = 1 << 30  # bytes: the server's files, a few test databases at a time, the log


def _ram_disk() -> str | None:
    """A folder in memory for the server's files where there is one with room (Linux's /dev/shm;
    a container's is often 64 MB), else None (the temporary folder). Each service test makes a
    database from a template: some 20 ms in memory, 150-300 ms on a virtual machine's disk."""
    try:
        found = os.statvfs(RAM_DISK)
    except OSError:
        return None
    room = found.f_bavail * found.f_frsize
    return RAM_DISK if room >= RAM_DISK_FREE and os.access(RAM_DISK, os.W_OK) else None


def start() -> Server:
    """Start a server; raises ServerUnavailable with the reason when it cannot be done."""
    initdb, pg_ctl = _bin("initdb"), _bin("pg_ctl")
    run_as = None
    if os.geteuid() == 0:
        for candidate in ("postgres", "nobody"):
            try:
                pwd.getpwnam(candidate)
            except KeyError:
                continue
            run_as = candidate
            break
        else:
            raise ServerUnavailable("als root en zonder gebruiker postgres kan de server niet starten")
    folder = Path(tempfile.mkdtemp(prefix="planbord-pg-", dir=_ram_disk()))
    os.chmod(folder, 0o755)
    if run_as is not None:
        shutil.chown(folder, run_as)
    port = _free_port()
    user = "planbord"
    try:
        _run(run_as, [initdb, "-D", str(folder / "data"), "-U", user, "-A", "trust", "-E", "UTF8",
                      "--locale=C.UTF-8", "--no-sync"])
        options = (f"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off -c max_wal_size=128MB "
                   "-c min_wal_size=32MB")
        _run(run_as, [pg_ctl, "-D", str(folder / "data"), "-o", options, "-l", str(folder / "server.log"),
                      "-w", "-t", "60", "start"])
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as exc:
        log = folder / "server.log"
        detail = log.read_text(errors="replace")[-300:] if log.exists() else getattr(exc, "stderr", "")
        shutil.rmtree(folder, ignore_errors=True)
        raise ServerUnavailable(f"de testserver startte niet: {detail or exc}") from exc
    return Server(folder, port, user, run_as)
