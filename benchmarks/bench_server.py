"""The shared office database on PostgreSQL (issue 22), over loopback.

Loaded by run.py (``EXTENSIONS``). A throwaway server (tests/pg_server.py: initdb in a temporary
folder, a free port; skipped with the reason where none can be started) gets the large workspace
(at ``--scale N`` the N-times one) through ``python -m app copy``'s service; then, in process:

- ``pg_open_large``: open the server database and draw the newest plan's page in the real main
  window (``ApplicationContext.set_workspace``), median of the runs. Goal: under 1 s.
- ``pg_edit_to_update_large``: ``budget_edit_to_update_large`` on that database: a cell typed to the
  window repainted with every figure, each edit a transaction on the server with its
  compare-and-set and its NOTIFY. Compared with the same on the file. Goal: under 16 ms.
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

OPEN_GOAL_S = 1.0
EDIT_GOAL_S = 0.016
TESTS = Path(__file__).resolve().parent.parent / "tests"


def _server(ctx):
    """The throwaway server with the large workspace in database ``large``; its URL."""
    from benchmarks.run import BenchmarkError, _need_large

    if getattr(ctx, "pg_large", None) is not None:
        return ctx.pg_large
    sys.path.insert(0, str(TESTS))  # the test suite's throwaway server
    import pg_server

    try:
        server = pg_server.start()
    except pg_server.ServerUnavailable as exc:
        raise BenchmarkError(f"no PostgreSQL server: {exc}") from exc
    url = server.create_database("large")
    from app.services.workspace_copy import copy_workspace

    copy_workspace(_need_large(ctx), url)
    ctx.pg_server, ctx.pg_large = server, url
    import atexit

    atexit.register(server.stop)
    return url


def pg_open_large(ctx) -> dict:
    from app.services.server_workspace import open_server_workspace
    from benchmarks.run import _EditorBench

    url = _server(ctx)
    bench = _EditorBench(ctx, open_server_workspace(url))
    timings = []
    try:
        for _ in range(ctx.runs):
            started = time.perf_counter()
            bench.context.set_workspace(open_server_workspace(url))  # the old one closed
            bench.app.processEvents()  # the newest plan's page drawn
            timings.append(time.perf_counter() - started)
    finally:
        bench.close()
    median = statistics.median(timings)
    return {"median_s": median, "runs": len(timings), "goal": f"< {OPEN_GOAL_S} s", "meets_goal": median < OPEN_GOAL_S}


def pg_edit_to_update_large(ctx) -> dict:
    from app.services.server_workspace import open_server_workspace
    from benchmarks.run import _EditorBench, budget_edits

    bench = _EditorBench(ctx, open_server_workspace(_server(ctx)))
    try:
        figures = budget_edits(bench)
    finally:
        bench.close()
    return {**figures, "baseline": "budget_edit_to_update_large", "goal": f"< {EDIT_GOAL_S * 1000:g} ms",
            "meets_goal": figures["median_s"] < EDIT_GOAL_S}


BENCHMARKS = [("pg_open_large", pg_open_large), ("pg_edit_to_update_large", pg_edit_to_update_large)]
BASELINES = {"pg_edit_to_update_large": "budget_edit_to_update_large"}
