"""Comparing two plans (issue 17): an amendment of the large plan against the plan itself.

Loaded by run.py (``EXTENSIONS``). Set up once, not timed: the large workspace copied to a
file of its own, its largest plan (by budget lines: the 2,000-line 2026 plan) given an
amendment (``create_amendment``), and 100 of the amendment's lines changed through the budget
services as a user would: 70 amounts raised, 4 markers replaced, 6 lines renamed, 6 moved to
another group, 7 added (with an amount) and 7 removed.

- ``sheet_load_large``: the baseline, the floor for reading one plan: ``load_sheet`` of the
  large plan (its groups, lines and cells read, with its figures), as the budget editor opens.
- ``compare_large``: ``compare_plans(workspace, plan, amendment)`` end to end, as the command
  line, the PDF annex and the Excel sheet call it: both plans' lines, figures, contributions,
  staffing and outline read and compared. Also reported: ``load_lines_s`` (``load_plan_lines``
  of both plans) and ``budget_only_s`` (``compare_budget`` alone on lines already loaded, what
  the comparison view redoes), and ``changed_lines``, checked against the edits made: a wrong
  comparison is an error, not a figure.

Both in process: one untimed warm-up run, then ``ctx.runs`` timed (at least 5).
"""
from __future__ import annotations

import random
import shutil
import statistics
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from benchmarks.common import need_large, scaled, timed

COMPARE_GOAL_S = 0.1
SEED = 17  # which lines are edited; fixed, so every run compares the same amendment

# The 100 edited lines of the amendment, by what is done to them.
RAISED = 70  # one year's amount raised
MARKERS = 4  # a marker replaced: two by an amount, two by another marker
RENAMED = 6
MOVED = 6  # to another group
ADDED = 7  # a new line with an amount
REMOVED = 7
EDITED = RAISED + MARKERS + RENAMED + MOVED + ADDED + REMOVED
RAISE = Decimal("2500.00")
MARKER_AMOUNT = Decimal("25000.00")
NEW_LINE_AMOUNT = Decimal("12345.00")


@dataclass(frozen=True)
class Prepared:
    path: Path  # the copy holding the plan and its amendment
    base_id: int
    amendment_id: int
    lines: int  # budget lines of the base plan


_PREPARED: dict[Path, Prepared] = {}  # by the run's temporary folder


def _largest_plan(session) -> tuple[int, int]:
    """(plan id, line count) of the plan with the most budget lines."""
    from sqlalchemy import func, select

    from app.models import BudgetGroup, BudgetLine

    return session.execute(
        select(BudgetGroup.plan_id, func.count(BudgetLine.id)).join(BudgetLine.group)
        .group_by(BudgetGroup.plan_id).order_by(func.count(BudgetLine.id).desc()).limit(1)).one()


def _prepare(ctx) -> Prepared:
    """The copy with the large plan and its edited amendment, made once per benchmark run."""
    if ctx.tmp in _PREPARED:
        return _PREPARED[ctx.tmp]
    from app.services.workspace import open_workspace
    from benchmarks.run import BenchmarkError

    path = ctx.tmp / "compare-large.planbord"
    shutil.copyfile(need_large(ctx), path)
    with open_workspace(path) as workspace:
        with workspace.session() as session:
            base_id, lines = _largest_plan(session)
        if not scaled(ctx, 1_900) <= lines <= scaled(ctx, 2_100):
            raise BenchmarkError(f"the largest plan has {lines} budget lines, expected about {scaled(ctx, 2_000):,}")
        amendment_id = _make_amendment(workspace, base_id)
    _PREPARED[ctx.tmp] = Prepared(path, base_id, amendment_id, lines)
    return _PREPARED[ctx.tmp]


def _make_amendment(workspace, base_id: int) -> int:
    """An amendment of the plan with ``EDITED`` of its lines changed through the services."""
    from app.models import Marker, Plan
    from app.models.numbers import money
    from app.services.budget_edit import CellChange, add_line, delete_line, move, set_cells, set_line_fields
    from app.services.cell_input import CellValue
    from app.services.comparison import load_plan_lines
    from app.services.editing import Place
    from app.services.plan_copy import create_amendment
    from benchmarks.run import BenchmarkError

    amendment_id = create_amendment(workspace, base_id)
    with workspace.session() as session:
        plan = load_plan_lines(session, session.get(Plan, amendment_id))
    rng = random.Random(SEED)
    order = list(plan.order)
    rng.shuffle(order)
    used: set[int] = set()

    def take(count: int, wanted) -> list[tuple[int, int]]:
        """``count`` unused lines with a year whose cell ``wanted`` accepts: (line id, year)."""
        found = []
        for line_id in order:
            if len(found) == count:
                break
            if line_id in used:
                continue
            year = next((y for y in plan.years if wanted(plan.lines[line_id].cell(y))), None)
            if year is not None:
                used.add(line_id)
                found.append((line_id, year))
        if len(found) < count:
            raise BenchmarkError(f"only {len(found)} lines of the amendment fit for {count} edits")
        return found

    markers = take(MARKERS, lambda cell: cell.marker is not None)
    raised = take(RAISED, lambda cell: cell.amount is not None)
    renamed, moved, removed = (take(n, lambda cell: True) for n in (RENAMED, MOVED, REMOVED))
    groups = sorted({line.group_id for line in plan.lines.values()})

    changes = [CellChange(line_id, year, CellValue(amount=money(plan.lines[line_id].cell(year).amount + RAISE)))
               for line_id, year in raised]
    for number, (line_id, year) in enumerate(markers):
        old = plan.lines[line_id].cell(year).marker
        other = next(m for m in Marker if m is not old)
        changes.append(CellChange(line_id, year, CellValue(amount=MARKER_AMOUNT) if number % 2 == 0
                                  else CellValue(marker=other)))
    for number, group_id in enumerate(rng.sample(groups, ADDED)):
        new_id = add_line(workspace, group_id, rng.randrange(50), name=f"Nieuwe post wijziging {number + 1}")
        changes.append(CellChange(new_id, plan.years[-1], CellValue(amount=NEW_LINE_AMOUNT)))
    set_cells(workspace, changes)
    for line_id, _year in renamed:
        set_line_fields(workspace, line_id, name=f"{plan.lines[line_id].name} (herzien)")
    for line_id, _year in moved:
        target = rng.choice([g for g in groups if g != plan.lines[line_id].group_id])
        move(workspace, "line", line_id, Place(target, 0))
    for line_id, _year in removed:
        delete_line(workspace, line_id)
    return amendment_id


def _check(comparison) -> int:
    """The number of changed lines, after checking the comparison found exactly the edits made."""
    from app.services import comparison as c
    from benchmarks.run import BenchmarkError

    budget = comparison.budget
    expected = {c.ADDED: ADDED, c.REMOVED: REMOVED, c.MOVED: MOVED, c.RENAMED: RENAMED,
                c.CHANGED: RAISED + MARKERS}
    found = {kind: budget.count(kind) for kind in expected}
    changed = len(budget.changed_lines())
    if found != expected or changed != EDITED:
        raise BenchmarkError(f"the comparison found {changed} changed lines {found}, "
                             f"expected {EDITED} {expected}")
    for year in budget.years:  # the lines' differences add up to the total's
        lines = sum((line.difference(year) for line in budget.lines), Decimal(0))
        total = comparison.totals.total.values[year].difference
        if lines != total:
            raise BenchmarkError(f"{year}: the lines differ by {lines}, the total by {total}")
    return changed


def sheet_load_large(ctx) -> dict:
    """Baseline: the large plan's budget sheet with its figures, as the budget editor reads it."""
    from app.services.budget_sheet import load_sheet
    from app.services.workspace import open_workspace

    prepared = _prepare(ctx)
    with open_workspace(prepared.path, read_only=True) as workspace:
        timings = timed(ctx, lambda: load_sheet(workspace, prepared.base_id), least=5)
    return {"median_s": statistics.median(timings), "runs": len(timings), "lines": prepared.lines}


def compare_large(ctx) -> dict:
    """compare_plans of the 2,000-line plan and its amendment with 100 lines changed."""
    from app.models import Plan
    from app.services.comparison import compare_budget, compare_plans, load_plan_lines
    from app.services.workspace import open_workspace

    prepared = _prepare(ctx)
    base_id, amendment_id = prepared.base_id, prepared.amendment_id
    with open_workspace(prepared.path, read_only=True) as workspace:
        changed = _check(compare_plans(workspace, base_id, amendment_id))
        timings = timed(ctx, lambda: compare_plans(workspace, base_id, amendment_id), least=5)

        def load():
            with workspace.session() as session:
                return tuple(load_plan_lines(session, session.get(Plan, i)) for i in (base_id, amendment_id))

        loading = timed(ctx, load, least=5)
        lines = load()
        budget_only = timed(ctx, lambda: compare_budget(*lines), least=5)
    median = statistics.median(timings)
    return {"median_s": median, "runs": len(timings), "baseline": "sheet_load_large",
            "lines": prepared.lines, "changed_lines": changed,
            "load_lines_s": statistics.median(loading), "budget_only_s": statistics.median(budget_only),
            "goal": f"< {COMPARE_GOAL_S:g} s", "meets_goal": median < COMPARE_GOAL_S}


BENCHMARKS = [("sheet_load_large", sheet_load_large), ("compare_large", compare_large)]
BASELINES = {"compare_large": "sheet_load_large"}
