"""What the in-process benchmark modules (bench_*.py) share: the large workspace, its last plan,
its scale, and timing a run a number of times after one untimed warm-up."""
from __future__ import annotations

import math
import time


def need_large(ctx):
    """The large workspace's path, or BenchmarkError when it could not be generated."""
    from benchmarks.run import BenchmarkError

    if ctx.large is None:
        raise BenchmarkError(f"no large workspace: {ctx.large_error}")
    return ctx.large


def scale(ctx) -> int:
    """How many times the 1x large workspace ``ctx.large`` is (``run.py --scale N``)."""
    return getattr(ctx, "scale", 1)


def scaled(ctx, count: int) -> int:
    """A size of the 1x large plan (2,000 lines, 40 groups, 200 projects) at the run's scale:
    the sanity checks of a benchmark grow with the workspace instead of failing at 10x."""
    return count * scale(ctx)


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


def percentile(values, fraction: float) -> float:
    """The nearest-rank percentile: the smallest value with at least ``fraction`` of the values at
    or below it (p90 of 60 edits is the 54th fastest). No interpolation: it is a time that was
    measured."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("no values")
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def edit_figures(timings) -> dict:
    """What every edit-to-update figure reports: the median and, beside it, the p90 (one slow
    frame in ten is what a user feels while typing), over ``runs`` edits."""
    import statistics

    return {"median_s": statistics.median(timings), "p90_s": percentile(timings, 0.9), "runs": len(timings)}
