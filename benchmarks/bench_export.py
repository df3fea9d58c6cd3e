"""Excel export benchmarks: the large plan's workbook against a bare openpyxl write of its cells.

Loaded by run.py (``EXTENSIONS``): ``BENCHMARKS`` run after run.py's own, in order,
``BASELINES`` names each one's baseline for the ``ratio``.

- ``xlsx_write_bare``: the floor for this library. The cells of the large plan's workbook
  (all five sheets: the 2,000-line begroting with its formulas as text, dekking, bijdragen,
  formatie, acties), read beforehand from an export, appended row by row to a plain openpyxl
  ``Workbook`` (write mode, as the export uses) and saved: no styles, number formats,
  comments, widths or page set-up.
- ``export_large``: ``export_workbook(workspace, plan, out)`` on the large workspace, from the
  open file to the renamed workbook: reading every table through the services, laying it
  out with formats, comments and formulas, writing it under a temporary name and renaming it.

Both are in process: one untimed warm-up run, then ``ctx.runs`` timed.
"""
from __future__ import annotations

import statistics

from benchmarks.common import large_plan_id, need_large, scaled, timed

EXPORT_GOAL_S = 1.0
EXPORT_GOAL_RATIO = 2.0


def _export_once(ctx):
    """The large plan's workbook, exported once (by the code under test) for its cells."""
    from app.io.excel_export import export_workbook
    from app.services.workspace import open_workspace

    path = ctx.tmp / "export-cells.xlsx"
    if not path.exists():
        with open_workspace(need_large(ctx), read_only=True) as workspace:
            export_workbook(workspace, large_plan_id(workspace), path)
    return path


def xlsx_write_bare(ctx) -> dict:
    """Baseline: the same cells appended to a plain openpyxl workbook and saved."""
    import openpyxl

    source = openpyxl.load_workbook(_export_once(ctx))
    sheets = [(ws.title, [list(row) for row in ws.iter_rows(values_only=True)]) for ws in source]
    cells = sum(len(rows) * (len(rows[0]) if rows else 0) for _, rows in sheets)
    out = ctx.tmp / "bare-openpyxl.xlsx"

    def run() -> None:
        workbook = openpyxl.Workbook()
        workbook.remove(workbook.active)
        for title, rows in sheets:
            sheet = workbook.create_sheet(title)
            for row in rows:
                sheet.append(row)
        workbook.save(out)

    timings = timed(ctx, run)
    return {"median_s": statistics.median(timings), "runs": ctx.runs, "cells": cells}


def export_large(ctx) -> dict:
    """export_workbook of the large plan (all five sheets), from the open file to the workbook."""
    import openpyxl

    from app.io.excel_export import export_workbook
    from app.services.workspace import open_workspace
    from benchmarks.run import BenchmarkError

    out = ctx.tmp / "export-large.xlsx"
    workspace = open_workspace(need_large(ctx), read_only=True)
    try:
        plan_id = large_plan_id(workspace)
        timings = timed(ctx, lambda: export_workbook(workspace, plan_id, out))
    finally:
        workspace.close()
    lines = openpyxl.load_workbook(out, read_only=True)["Begroting"].max_row
    if lines < scaled(ctx, 2_000):
        raise BenchmarkError(f"the exported begroting has {lines} rows, expected {scaled(ctx, 2_000):,} lines or more")
    median = statistics.median(timings)
    base = ctx.medians.get("xlsx_write_bare")
    return {"median_s": median, "runs": ctx.runs, "baseline": "xlsx_write_bare", "rows": lines,
            "goal": f"< {EXPORT_GOAL_S:g} s, < {EXPORT_GOAL_RATIO:g}x baseline",
            "meets_goal": median < EXPORT_GOAL_S and (base is None or median / base < EXPORT_GOAL_RATIO)}


BENCHMARKS = [("xlsx_write_bare", xlsx_write_bare), ("export_large", export_large)]
BASELINES = {"export_large": "xlsx_write_bare"}
