"""Budget import benchmarks: the large plan's begroting read back into an empty draft, against a
bare openpyxl read of the same file.

Loaded by run.py (``EXTENSIONS``).

- ``xlsx_load_bare``: the floor for reading. ``openpyxl.load_workbook(read_only=True,
  data_only=True)`` of the exported begroting (the large plan's 2,000 lines, subtotals and
  total as SUM formulas) and every cell of it iterated: no checks, no parsing, no writing.
- ``import_budget_large``: the same file imported as the user does it: ``read_grid``
  (with the hostile-file checks), ``detect_budget``, ``preview_budget`` and ``apply_budget``
  into an empty draft plan of a copy of the large workspace, in one transaction. Between runs
  (untimed) ``undo_budget`` empties the budget again.

Both in process: one untimed warm-up run, then ``ctx.runs`` timed.
"""
from __future__ import annotations

import shutil
import statistics
import time

from benchmarks.common import need_large, scaled

IMPORT_GOAL_S = 1.0
IMPORT_GOAL_RATIO = 2.0
DRAFT_YEAR = 2040  # a year the large workspace has no plan for


def _exported(ctx):
    """The large plan's begroting, exported once by the code under test."""
    from app.io.excel_export import export_workbook
    from app.services.plans import find_plan
    from app.services.workspace import open_workspace
    from benchmarks.generate import LAST_PLAN_YEAR

    path = ctx.tmp / "import-begroting.xlsx"
    if not path.exists():
        with open_workspace(need_large(ctx), read_only=True) as workspace:
            with workspace.session() as session:
                plan_id = find_plan(session, LAST_PLAN_YEAR).id
            export_workbook(workspace, plan_id, path, sheets="begroting")
    return path


def xlsx_load_bare(ctx) -> dict:
    """Baseline: openpyxl's read-only, data-only load of the same file, every cell iterated."""
    import openpyxl

    path = _exported(ctx)
    counted = {}

    def run() -> None:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
        try:
            cells = 0
            for sheet in workbook.worksheets:
                for row in sheet.iter_rows():
                    for cell in row:
                        cells += cell.value is not None or 1
            counted["cells"] = cells
        finally:
            workbook.close()

    run()
    timings = []
    for _ in range(ctx.runs):
        started = time.perf_counter()
        run()
        timings.append(time.perf_counter() - started)
    return {"median_s": statistics.median(timings), "runs": ctx.runs, "cells": counted["cells"]}


def import_budget_large(ctx) -> dict:
    """read_grid + detect + preview + apply of the 2,000-line begroting into an empty draft."""
    from app.io.budget_import import apply_budget, detect_budget, preview_budget, undo_budget
    from app.io.readers import read_grid
    from app.models import Plan
    from app.services.new_workspace import PlanSetup
    from app.services.plan_edit import create_plan
    from app.services.plans import find_plan
    from app.services.workspace import open_workspace
    from benchmarks.generate import LAST_PLAN_YEAR
    from benchmarks.run import BenchmarkError

    path = _exported(ctx)
    copy = ctx.tmp / "import-target.planbord"
    shutil.copyfile(need_large(ctx), copy)
    workspace = open_workspace(copy)
    try:
        with workspace.session() as session:
            plan = find_plan(session, LAST_PLAN_YEAR)
            region_id, years = plan.region_id, plan.years
        draft = create_plan(workspace, region_id, PlanSetup(DRAFT_YEAR, first_year=years[0], last_year=years[-1]))
        with workspace.session() as session:
            assert session.get(Plan, draft) is not None
        result = {}

        def run():
            grid = read_grid(path, "Begroting")
            preview = preview_budget(grid, detect_budget(grid))
            result["done"] = apply_budget(workspace, draft, preview)
            result["preview"] = preview

        timings = []
        for attempt in range(ctx.runs + 1):  # the first is the warm-up
            started = time.perf_counter()
            run()
            elapsed = time.perf_counter() - started
            if attempt:
                timings.append(elapsed)
            undo_budget(workspace, result["done"])
    finally:
        workspace.close()
    preview = result["preview"]
    if preview.line_count < scaled(ctx, 2_000):
        raise BenchmarkError(f"imported {preview.line_count} lines, expected {scaled(ctx, 2_000):,} or more")
    if preview.problems:
        raise BenchmarkError(f"the export read back with {len(preview.problems)} problems: "
                             f"{preview.problems[0].message}")
    median = statistics.median(timings)
    base = ctx.medians.get("xlsx_load_bare")
    return {"median_s": median, "runs": ctx.runs, "baseline": "xlsx_load_bare", "lines": preview.line_count,
            "goal": f"< {IMPORT_GOAL_S:g} s, < {IMPORT_GOAL_RATIO:g}x baseline",
            "meets_goal": median < IMPORT_GOAL_S and (base is None or median / base < IMPORT_GOAL_RATIO)}


BENCHMARKS = [("xlsx_load_bare", xlsx_load_bare), ("import_budget_large", import_budget_large)]
BASELINES = {"import_budget_large": "xlsx_load_bare"}
