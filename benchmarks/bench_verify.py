"""What opening's checks cost (issue 14): the schema check and the value check, apart.

Loaded by run.py (``EXTENSIONS``). In process, on a read-only connection, as
app.services.verify.check_file runs them:

- ``verify_schema_demo`` / ``verify_schema_large``: ``verify_schema`` alone (sqlite_master and
  the PRAGMAs read, compared with the expected schema). ``first_s`` is the first call of the
  process: it also builds the expected schema from the models, which start-up pays once.
- ``verify_values_demo`` / ``verify_values_large``: ``value_problems`` alone (one scan per
  table, the cycle walk, PRAGMA foreign_key_check). ``first_s`` includes building the rules.

No goal of their own: they are part of ``startup_demo`` and ``startup_large``, which keep theirs.
"""
from __future__ import annotations

import statistics
import time


def _path(ctx, which: str):
    from benchmarks.run import BenchmarkError

    path = ctx.demo if which == "demo" else ctx.large
    if path is None:
        raise BenchmarkError(f"no {which} workspace: {ctx.demo_error if which == 'demo' else ctx.large_error}")
    return path


def _timed(ctx, which: str, check) -> dict:
    from app.services import verify, verify_values
    from app.services.fileformat import connect_readonly

    conn = connect_readonly(_path(ctx, which))
    try:
        # Cold, as at start-up: the expected schema and the rules are built again.
        verify._expected.clear()
        verify_values.rules.cache_clear()
        started = time.perf_counter()
        problems = check(conn)
        first = time.perf_counter() - started
        assert problems == [], problems
        timings = []
        for _ in range(max(ctx.runs, 5)):
            started = time.perf_counter()
            check(conn)
            timings.append(time.perf_counter() - started)
    finally:
        conn.close()
    return {"median_s": statistics.median(timings), "runs": len(timings), "first_s": first}


def _schema(conn):
    from app.services.verify import verify_schema

    return verify_schema(conn)


def _values(conn):
    from app.services.verify_values import value_problems

    return value_problems(conn)


def verify_schema_demo(ctx) -> dict:
    return _timed(ctx, "demo", _schema)


def verify_schema_large(ctx) -> dict:
    return _timed(ctx, "large", _schema)


def verify_values_demo(ctx) -> dict:
    return _timed(ctx, "demo", _values)


def verify_values_large(ctx) -> dict:
    return _timed(ctx, "large", _values)


BENCHMARKS = [("verify_schema_demo", verify_schema_demo), ("verify_schema_large", verify_schema_large),
              ("verify_values_demo", verify_values_demo), ("verify_values_large", verify_values_large)]
BASELINES: dict[str, str] = {}
