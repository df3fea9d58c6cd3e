"""PDF benchmarks: the budget annex of the large plan against a bare ReportLab table.

Loaded by run.py (``EXTENSIONS``): ``BENCHMARKS`` run after run.py's own, in order,
``BASELINES`` names each one's baseline for the ``ratio``.

- ``pdf_bare_reportlab``: the floor for this library. The rows of the large plan's
  budget table (group headings, 2,000 lines, subtotals, total; the same texts the
  annex prints), read beforehand, put in a plain ReportLab ``LongTable`` with a
  repeated header row, in the annex's embedded TrueType font, on A4, and written.
- ``pdf_budget_large``: ``build_pdf(workspace, plan, "begroting", out)`` on the large
  workspace, from the open file to the written PDF (about 50 pages): reading the
  figures, laying out (repeated headers, continued groups, notes), header, footer
  and "Pagina x van y", dekking and settlements included.

Both are in process: one untimed warm-up run (fonts, imports), then ``ctx.runs`` timed.
"""
from __future__ import annotations

import statistics

from benchmarks.common import large_plan_id, need_large, timed

PDF_GOAL_S = 1.0
PDF_GOAL_RATIO = 1.5


def _budget_rows(workspace, plan_id: int) -> list[list[str]]:
    """The budget table's rows as the annex prints them (header first)."""
    from app.reports.context import total_text
    from app.services.budget_sheet import RowKind, load_sheet

    sheet = load_sheet(workspace, plan_id)
    rows = [["Omschrijving", *[str(y) for y in sheet.years]]]
    for row in sheet.rows:
        if row.kind is RowKind.LINE:
            rows.append([row.label, *[row.cells[y].text() for y in sheet.years]])
        elif row.kind is RowKind.GROUP:
            rows.append([f"{row.number}. {row.label}" if row.number else row.label,
                         *[""] * len(sheet.years)])
        elif row.kind is RowKind.SUBTOTAL and row.shows_subtotal or row.kind is RowKind.TOTAL:
            rows.append([row.label, *[total_text(sheet.computed(row, y), sheet.markers_left_out(row, y))
                                      for y in sheet.years]])
    return rows


def pdf_bare_reportlab(ctx) -> dict:
    """Baseline: a bare LongTable of the large budget's rows, same font, written to a file."""
    from reportlab.lib.units import mm
    from reportlab.platypus import LongTable, SimpleDocTemplate, TableStyle

    from app.reports import styles
    from app.reports.fonts import BOLD, REGULAR, register_fonts
    from app.services.workspace import open_workspace

    workspace = open_workspace(need_large(ctx), read_only=True)
    try:
        rows = _budget_rows(workspace, large_plan_id(workspace))
    finally:
        workspace.close()
    register_fonts()
    out = ctx.tmp / "bare-reportlab.pdf"
    years = len(rows[0]) - 1
    width = styles.PORTRAIT[0] - styles.MARGIN_LEFT - styles.MARGIN_RIGHT
    widths = [width - years * 21 * mm] + [21 * mm] * years

    def run() -> None:
        document = SimpleDocTemplate(str(out), pagesize=styles.PORTRAIT)
        table = LongTable(rows, colWidths=widths, repeatRows=1)
        table.setStyle(TableStyle([
            ("FONT", (0, 0), (-1, -1), REGULAR, styles.TABLE_SIZE),
            ("FONT", (0, 0), (-1, 0), BOLD, styles.TABLE_SIZE),
            ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
        ]))
        document.build([table])

    timings = timed(ctx, run)
    return {"median_s": statistics.median(timings), "runs": ctx.runs, "rows": len(rows)}


def pdf_budget_large(ctx) -> dict:
    """build_pdf of the budget annex of the large plan, from the open file to the written PDF."""
    from app.reports import build_pdf
    from app.services.workspace import open_workspace
    from benchmarks.run import BenchmarkError

    workspace = open_workspace(need_large(ctx), read_only=True)
    out = ctx.tmp / "budget-large.pdf"
    try:
        plan_id = large_plan_id(workspace)
        results = []
        timings = timed(ctx, lambda: results.append(build_pdf(workspace, plan_id, "begroting", out)))
    finally:
        workspace.close()
    pages = results[-1].pages
    if pages < 20 or not out.is_file():
        raise BenchmarkError(f"the annex has {pages} pages; expected about 50")
    median = statistics.median(timings)
    base = ctx.medians.get("pdf_bare_reportlab")
    ratio = median / base if base else None
    return {"median_s": median, "runs": ctx.runs, "baseline": "pdf_bare_reportlab", "pages": pages,
            "goal": f"< {PDF_GOAL_S:g} s, < {PDF_GOAL_RATIO:g}x baseline",
            "meets_goal": median < PDF_GOAL_S and ratio is not None and ratio < PDF_GOAL_RATIO}


BENCHMARKS = [("pdf_bare_reportlab", pdf_bare_reportlab), ("pdf_budget_large", pdf_budget_large)]
BASELINES = {"pdf_budget_large": "pdf_bare_reportlab"}
