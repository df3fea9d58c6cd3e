"""What the in-process benchmark modules (bench_*.py) share: the large workspace, its last plan,
and timing a run a number of times after one untimed warm-up."""
from __future__ import annotations

import time


def need_large(ctx):
    """The large workspace's path, or BenchmarkError when it could not be generated."""
    from benchmarks.run import BenchmarkError

    if ctx.large is None:
        raise BenchmarkError(f"no large workspace: {ctx.large_error}")
    return ctx.large


def large_plan_id(workspace) -> int:
    """The id of the large workspace's last plan."""
    from app.services.plans import find_plan
    from benchmarks.generate import LAST_PLAN_YEAR

    with workspace.session() as session:
        return find_plan(session, LAST_PLAN_YEAR).id


def timed(ctx, run, least: int = 1) -> list[float]:
    """Seconds of ``max(ctx.runs, least)`` runs of ``run``, after one untimed warm-up (imports,
    caches, font registration)."""
    run()
    timings = []
    for _ in range(max(ctx.runs, least)):
        started = time.perf_counter()
        run()
        timings.append(time.perf_counter() - started)
    return timings
