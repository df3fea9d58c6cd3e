"""Find in a plan (Ctrl+F, issue 16): the search the find bar runs on every pause in typing.

Loaded by run.py (``EXTENSIONS``). In process, on the large workspace's 2026 plan (200 projects
with 600 actions, 3 roles, 30 people, 40 groups of 50 budget lines):

- ``find_bare_like``: the floor. One raw sqlite3 ``LIKE '%word%'`` query per searched table
  (projects, actions, roles, people, budget groups, budget lines, joined to the plan as the
  service does), ids only: no accents folded, no order, no labels.
- ``find_large``: ``app.services.search.search_plan(workspace, plan, QUERY)`` as the bar calls
  it: every text of the plan read, folded (case and accents) and matched, hits in the plan's
  order with their labels. Also reported: ``one_letter_s``, the median for a one-letter query
  that matches nearly everything (the first key typed), and ``hits``.

Both: one untimed warm-up run, then ``ctx.runs`` timed (at least 5).
"""
from __future__ import annotations

import sqlite3
import statistics

from benchmarks.common import need_large, timed

FIND_GOAL_S = 0.1
QUERY = "inkoop"  # in 20 project titles of the large plan
ONE_LETTER = "e"

# The searched tables as the service reads them, each with the plan's id as its parameter.
_BARE_QUERIES = (
    "SELECT p.id FROM project p JOIN chapter c ON c.id = p.chapter_id WHERE c.plan_id = :plan "
    "AND (p.number LIKE :word OR p.title LIKE :word OR p.description LIKE :word)",
    "SELECT a.id FROM action a JOIN project p ON p.id = a.project_id JOIN chapter c ON c.id = p.chapter_id "
    "WHERE c.plan_id = :plan AND (a.description LIKE :word OR a.owner LIKE :word OR a.remark LIKE :word)",
    "SELECT id FROM capacity WHERE plan_id = :plan AND role LIKE :word",
    "SELECT id FROM person WHERE plan_id = :plan AND name LIKE :word",
    "SELECT id FROM budget_group WHERE plan_id = :plan AND (number LIKE :word OR name LIKE :word)",
    "SELECT l.id FROM budget_line l JOIN budget_group g ON g.id = l.group_id WHERE g.plan_id = :plan "
    "AND (l.name LIKE :word OR l.note LIKE :word)",
)


def _plan_id(path) -> int:
    from benchmarks.generate import LAST_PLAN_YEAR

    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return connection.execute("SELECT id FROM plan WHERE year = ?", (LAST_PLAN_YEAR,)).fetchone()[0]
    finally:
        connection.close()


def find_bare_like(ctx) -> dict:
    """Baseline: a bare LIKE query over the same tables, raw sqlite3, ids only."""
    path = need_large(ctx)
    plan_id = _plan_id(path)
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    found = {}
    try:
        def run() -> None:
            params = {"plan": plan_id, "word": f"%{QUERY}%"}
            found["ids"] = sum(len(connection.execute(sql, params).fetchall()) for sql in _BARE_QUERIES)

        timings = timed(ctx, least=5, run=run)
    finally:
        connection.close()
    return {"median_s": statistics.median(timings), "runs": len(timings), "hits": found["ids"]}


def find_large(ctx) -> dict:
    """search_plan on the 2,000-line plan, as the find bar runs it while the user types."""
    from app.services.search import search_plan
    from app.services.workspace import open_workspace
    from benchmarks.run import BenchmarkError

    path = need_large(ctx)
    plan_id = _plan_id(path)
    workspace = open_workspace(path, read_only=True)
    found = {}
    try:
        timings = timed(ctx, least=5, run=lambda: found.__setitem__("hits", search_plan(workspace, plan_id, QUERY)))
        letter = timed(ctx, least=5, run=lambda: found.__setitem__("letter", search_plan(workspace, plan_id, ONE_LETTER)))
    finally:
        workspace.close()
    hits = found["hits"]
    if not hits or any(QUERY not in h.label.lower() and QUERY not in h.excerpt.lower() for h in hits):
        raise BenchmarkError(f"{len(hits)} hits for {QUERY!r}, not all showing it")
    median, one_letter = statistics.median(timings), statistics.median(letter)
    return {"median_s": median, "runs": len(timings), "baseline": "find_bare_like", "hits": len(hits),
            "one_letter_s": one_letter, "one_letter_hits": len(found["letter"]),
            "goal": f"< {FIND_GOAL_S:g} s (also one letter)",
            "meets_goal": max(median, one_letter) < FIND_GOAL_S}


BENCHMARKS = [("find_bare_like", find_bare_like), ("find_large", find_large)]
BASELINES = {"find_large": "find_bare_like"}
