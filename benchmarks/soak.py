"""Soak test: a writer killed with SIGKILL at random moments, again and again (not in make test).

    python benchmarks/soak.py --kills 1000 [--seed N] [--spawn-every 10] [--keep DIR]

A writer child opens a workspace (lifting the stale lock its killed predecessor left) and
commits numbered edits as fast as it can: edit n adds budget line "soak n" with a 2022 cell
of n, one transaction, and the child prints "committed n" only after the commit returned
(every 25 edits it also makes a backup, so some kills land in one). The parent kills it
with SIGKILL at a random moment (a fifth of the time anywhere from the start, else at a
random time after it said "opened"), then checks the file read-only before the next child
starts:

- ``PRAGMA integrity_check`` is "ok" (else an integrity failure);
- every number the child reported committed is on disk (else it is lost);
- every "soak n" line has its cell n (else half a transaction is on disk), and the numbers
  on disk are 1..k without a gap.

Most children are forked from this process after the imports (a kill then costs the open
and the edits, not Python's start-up); every ``--spawn-every``-th is a fresh interpreter,
so kills also land while importing. POSIX only (SIGKILL, fork). Prints one JSON object:
kills, committed, lost, integrity_failures, half_transactions, gaps, child_errors,
kills_after_commits, spawned, seconds, seed. Exit code 0 only when nothing was lost or
damaged.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import traceback
from decimal import Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(REPO))

GROUP_NAME = "Soak"
YEAR = 2022


# --- the writer child ---------------------------------------------------------------------------

def child_main(path: str, first: int, log_path: str) -> None:
    """Open ``path`` and commit edits first, first+1, ... until killed. Never returns."""
    out = os.open(log_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)

    def say(text: str) -> None:
        os.write(out, (text + "\n").encode("utf-8"))  # unbuffered: in the file when it returns

    try:
        from sqlalchemy import select

        from app.models import BudgetCell, BudgetGroup, BudgetLine
        from app.services.errors import LockedError
        from app.services.workspace import open_workspace

        try:
            workspace = open_workspace(path)
        except LockedError as e:
            if e.stale is not True:  # the killed predecessor's lock must be recognisably stale
                say(f"locked: {e.message}")
                os._exit(2)
            workspace = open_workspace(path, break_lock=True)
        say("opened")
        with workspace.session() as s:
            group_id = s.scalar(select(BudgetGroup.id).where(BudgetGroup.name == GROUP_NAME))
        n = first
        while True:
            with workspace.transaction() as s:
                line = BudgetLine(group_id=group_id, name=f"soak {n}", position=n)
                s.add(line)
                s.flush()
                s.add(BudgetCell(line_id=line.id, year=YEAR, amount=Decimal(n)))
            say(f"committed {n}")
            if n % 25 == 0:
                workspace.backup_if_changed()
            n += 1
    except BaseException:  # noqa: BLE001 - reported to the parent, which counts it
        say("Traceback " + traceback.format_exc().replace("\n", " | "))
        os._exit(3)


# --- the parent ---------------------------------------------------------------------------------

def make_workspace(path: Path) -> None:
    from app.models import BudgetGroup, Plan, Region
    from app.services.workspace import create_workspace

    with create_workspace(path) as ws, ws.transaction() as s:
        plan = Plan(region=Region(name="Soak"), year=YEAR, title=f"Uitvoeringsplan {YEAR}",
                    first_year=YEAR - 1, last_year=YEAR + 1)
        s.add(plan)
        s.flush()
        s.add(BudgetGroup(plan_id=plan.id, name=GROUP_NAME))


def read_state(path: Path) -> tuple[bool, dict[int, int | None]]:
    """(integrity ok, {n: cell amount in cents or None}) read without writing."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
    try:
        ok = conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        rows = conn.execute(
            "SELECT l.name, c.amount FROM budget_line l JOIN budget_group g ON g.id = l.group_id "
            "LEFT JOIN budget_cell c ON c.line_id = l.id AND c.year = ? WHERE g.name = ?",
            (YEAR, GROUP_NAME)).fetchall()
    finally:
        conn.close()
    return ok, {int(name.split()[1]): amount for name, amount in rows}


def wait_for(log: Path, word: str, timeout: float) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if word in log.read_text(encoding="utf-8", errors="replace"):
            return True
        time.sleep(0.002)
    return False


def soak(kills: int, seed: int, spawn_every: int, folder: Path) -> dict:
    rng = random.Random(seed)
    data = folder / "data"
    os.environ["PLANBORD_DATA_DIR"] = str(data)  # backups go here, never the user's folder
    path = folder / "soak.planbord"
    make_workspace(path)
    log = folder / "child.log"
    fork = multiprocessing.get_context("fork")
    reported: set[int] = set()
    half: set[int] = set()
    figures = {"kills": 0, "committed": 0, "lost": 0, "integrity_failures": 0, "half_transactions": 0,
               "gaps": 0, "child_errors": 0, "kills_after_commits": 0, "spawned": 0}
    next_number = 1
    started = time.monotonic()
    for round_ in range(kills):
        log.write_text("", encoding="utf-8")
        spawn = spawn_every > 0 and round_ % spawn_every == spawn_every - 1
        if spawn:
            child = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--child", str(path),
                                      str(next_number), str(log)],
                                     env=dict(os.environ, PYTHONPATH=str(REPO)))
            figures["spawned"] += 1
        else:
            child = fork.Process(target=child_main, args=(str(path), next_number, str(log)), daemon=True)
            child.start()
        pid = child.pid
        try:
            if rng.random() < 0.2:
                time.sleep(rng.uniform(0.0, 0.8 if spawn else 0.15))  # anywhere: starting, opening
            elif wait_for(log, "opened", 60):
                time.sleep(rng.uniform(0.0, 0.25))  # in the middle of the edits
        finally:
            os.kill(pid, signal.SIGKILL)  # no cleanup, no atexit, no flush
            if spawn:
                child.wait()
            else:
                child.join()
        figures["kills"] += 1
        output = log.read_text(encoding="utf-8", errors="replace")
        numbers = [int(line.split()[1]) for line in output.splitlines() if line.startswith("committed ")]
        if any(line.startswith(("locked", "Traceback")) for line in output.splitlines()):
            figures["child_errors"] += 1
            print(output, file=sys.stderr)
        reported.update(numbers)
        figures["kills_after_commits"] += bool(numbers)

        ok, on_disk = read_state(path)
        figures["integrity_failures"] += not ok
        figures["lost"] = len(reported - set(on_disk))
        half.update(n for n, cents in on_disk.items() if cents != n * 100)
        figures["half_transactions"] = len(half)
        figures["gaps"] += sorted(on_disk) != list(range(1, len(on_disk) + 1))
        next_number = max(on_disk, default=0) + 1
    figures["committed"] = len(reported)

    # After all that, the file opens normally (lifting the last stale lock) and holds everything.
    from app.services.workspace import open_workspace

    with open_workspace(path, break_lock=True) as ws:
        ws.backup_if_changed()
    ok, on_disk = read_state(path)
    figures["integrity_failures"] += not ok
    figures["lost"] = len(reported - set(on_disk))
    figures["seconds"] = round(time.monotonic() - started, 1)
    figures["seed"] = seed
    figures["file_mb"] = round(path.stat().st_size / 1e6, 1)
    return figures


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        child_main(argv[1], int(argv[2]), argv[3])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=100, help="how many times to kill the writer")
    parser.add_argument("--seed", type=int, default=None, help="for a run that can be repeated")
    parser.add_argument("--spawn-every", type=int, default=10,
                        help="every N-th child is a fresh interpreter (0: never)")
    parser.add_argument("--keep", type=Path, default=None, help="work in this (new) folder and keep it")
    args = parser.parse_args(argv)
    if not hasattr(signal, "SIGKILL") or not hasattr(os, "fork"):
        print(json.dumps({"error": "the soak test needs POSIX (SIGKILL and fork)"}))
        return 2
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    if args.keep is not None:
        args.keep.mkdir(parents=True, exist_ok=False)
        figures = soak(args.kills, seed, args.spawn_every, args.keep)
    else:
        with tempfile.TemporaryDirectory(prefix="planbord-soak-") as tmp:
            figures = soak(args.kills, seed, args.spawn_every, Path(tmp))
    print(json.dumps(figures))
    bad = figures["lost"] + figures["integrity_failures"] + figures["half_transactions"] + figures["gaps"]
    return 0 if bad == 0 and figures["child_errors"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
