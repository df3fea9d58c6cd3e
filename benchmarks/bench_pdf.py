"""PDF benchmarks: the budget annex of the large plan against a direct canvas floor and LibreOffice.

Loaded by run.py (``EXTENSIONS``): ``BENCHMARKS`` run after run.py's own, in order,
``BASELINES`` names each one's baseline for the ``ratio``.

- ``pdf_canvas_floor``: the floor for ReportLab. The rows of the large plan's budget table
  (group headings, the lines, subtotals, total; the texts the annex prints), read beforehand,
  drawn straight onto a ``reportlab.pdfgen.canvas.Canvas``: a ``drawString`` per description,
  a ``drawRightString`` per figure, the column headings at the top of every page, a new page
  when the next row does not fit, in the annex's embedded TrueType font and row height, on A4,
  written to a file. Nothing is laid out: no wrapping, notes, continued headings or rules.
- ``pdf_libreoffice``: the peer. The same rows in an .xlsx (written beforehand: A4, the
  annex's margins and row height, the heading row repeated on every page), turned into a PDF
  by ``soffice --headless --convert-to pdf``, start-up of LibreOffice included (what a user of
  a spreadsheet waits for). Skipped, with a message, where ``soffice`` is not installed
  (scripts/ensure-soffice.sh installs it as root).
- ``pdf_budget_large``: ``build_pdf(workspace, plan, "begroting", out)`` on the large
  workspace, from the open file to the written PDF (48 pages at 1x, 472 at 10x): reading the
  figures, laying out (repeated headers, continued groups, notes), header, footer and
  "Pagina x van y", dekking and settlements included. Each run follows a run of the floor:
  ``paired_ratio`` (the goal) is the median of the two's ratios, so a busy machine slows both;
  ``ratio`` is against ``pdf_canvas_floor``'s own median, ``libreoffice_ratio`` against the peer.

In process, except LibreOffice: one untimed warm-up run (fonts, imports; LibreOffice's
profile), then ``ctx.runs`` timed, each reported in wall and CPU seconds (``cpu_s``).

Standalone, on a workspace file made by ``generate.py`` (e.g. the 10x one)::

    python benchmarks/bench_pdf.py WORKSPACE.planbord [--runs N] [--scale N]
"""
from __future__ import annotations

import gc
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import large_plan_id, need_large, scaled  # noqa: E402

PDF_GOAL_RATIO = 1.5  # pdf_budget_large within this many times the canvas floor
SOFFICE_TIMEOUT_S = 300


def _clocked(run, children: bool = False) -> tuple[float, float]:
    """Wall and CPU seconds of one ``run()`` (the CPU of this process, or of its children): on
    a shared machine the CPU time shows what the wall time hides.

    Every run starts with the collector emptied (untimed), so that none pays for the garbage
    the one before it left: the annex pauses the collector while it works (AnnexDocument), and
    the collection that follows would otherwise fall into the floor's next run."""
    gc.collect()
    who = resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF
    before, started = resource.getrusage(who), time.perf_counter()
    run()
    wall, after = time.perf_counter() - started, resource.getrusage(who)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def _cpu_timed(ctx, run, children: bool = False) -> tuple[list[float], list[float]]:
    """Wall and CPU seconds of ``ctx.runs`` runs, after one untimed warm-up (as ``timed``)."""
    run()
    clocks = [_clocked(run, children) for _ in range(ctx.runs)]
    return [wall for wall, _ in clocks], [cpu for _, cpu in clocks]


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


def _large_rows(ctx) -> list[list[str]]:
    """The large plan's budget rows, read once per run of the benchmarks (not timed)."""
    rows = getattr(ctx, "_pdf_rows", None)
    if rows is None:
        from app.services.workspace import open_workspace

        workspace = open_workspace(need_large(ctx), read_only=True)
        try:
            rows = _budget_rows(workspace, large_plan_id(workspace))
        finally:
            workspace.close()
        ctx._pdf_rows = rows
    return rows


def draw_canvas_floor(rows: list[list[str]], out: Path) -> int:
    """``rows`` (header first) drawn cell by cell on a bare canvas, pages as the annex's (A4,
    its margins, font, size and row height); returns the number of pages."""
    from reportlab.pdfgen.canvas import Canvas

    from app.reports import styles
    from app.reports.fonts import BOLD, REGULAR, register_fonts
    from app.reports.table import PAD_H, PAD_V

    register_fonts()
    page_width, page_height = styles.PORTRAIT
    left = styles.MARGIN_LEFT
    right = page_width - styles.MARGIN_RIGHT
    top, bottom = page_height - styles.MARGIN_TOP, styles.MARGIN_BOTTOM
    size, leading = styles.TABLE_SIZE, styles.TABLE_LEADING
    row_height = leading + 2 * PAD_V
    years = len(rows[0]) - 1
    # The right edge of each figure column (the annex's year columns are 60 points at least).
    edges = [right - PAD_H - (years - 1 - i) * 60.0 for i in range(years)]
    drop = PAD_V + leading - (leading - 0.72 * size) / 2  # row top to baseline, as the annex
    canvas = Canvas(str(out), pagesize=styles.PORTRAIT)
    pages = 0

    def heading() -> float:
        nonlocal pages
        pages += 1
        canvas.setFont(BOLD, size)
        baseline = top - drop
        canvas.drawString(left + PAD_H, baseline, rows[0][0])
        for edge, text in zip(edges, rows[0][1:]):
            canvas.drawRightString(edge, baseline, text)
        canvas.setFont(REGULAR, size)
        return top - row_height

    y = heading()
    for row in rows[1:]:
        if y - row_height < bottom:
            canvas.showPage()
            y = heading()
        baseline = y - drop
        canvas.drawString(left + PAD_H, baseline, row[0])
        for edge, text in zip(edges, row[1:]):
            if text:
                canvas.drawRightString(edge, baseline, text)
        y -= row_height
    canvas.showPage()
    canvas.save()
    return pages


def pdf_canvas_floor(ctx) -> dict:
    """Baseline: the large budget's rows drawn on a bare ReportLab canvas, written to a file."""
    rows = _large_rows(ctx)
    out = ctx.tmp / "canvas-floor.pdf"
    pages = []
    timings, cpu = _cpu_timed(ctx, lambda: pages.append(draw_canvas_floor(rows, out)))
    return {"median_s": statistics.median(timings), "runs": ctx.runs, "cpu_s": statistics.median(cpu),
            "rows": len(rows), "pages": pages[-1]}


def write_rows_xlsx(rows: list[list[str]], out: Path) -> None:
    """``rows`` in a workbook set up to print like the annex: A4 portrait, its margins and row
    height (so about as many pages), columns that fit the width, the heading row on every page, the figures
    right-aligned."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.page import PageMargins

    from app.reports import styles
    from app.reports.table import PAD_V

    book = Workbook()
    sheet = book.active
    sheet.title = "Begroting"
    right = Alignment(horizontal="right")
    bold = Font(bold=True)
    for row in rows:
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = bold
    for column in sheet.iter_cols(min_col=2, min_row=1):
        for cell in column:
            cell.alignment = right
    row_height = styles.TABLE_LEADING + 2 * PAD_V  # points
    for number in range(1, len(rows) + 1):
        sheet.row_dimensions[number].height = row_height
    sheet.column_dimensions["A"].width = 38
    for letter in "BCDEFGH"[:len(rows[0]) - 1]:
        sheet.column_dimensions[letter].width = 10
    inch = 72.0
    sheet.page_margins = PageMargins(left=styles.MARGIN_LEFT / inch, right=styles.MARGIN_RIGHT / inch,
                                     top=styles.MARGIN_TOP / inch, bottom=styles.MARGIN_BOTTOM / inch,
                                     header=0, footer=0)
    sheet.print_title_rows = "1:1"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "portrait"
    book.save(out)


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def pdf_libreoffice(ctx) -> dict:
    """Peer: LibreOffice converting the same rows from .xlsx to PDF (a process per run)."""
    from benchmarks.run import BenchmarkError

    soffice = soffice_path()
    if soffice is None:
        raise BenchmarkError("skipped: LibreOffice (soffice) is not installed; "
                             "scripts/ensure-soffice.sh installs it (as root)")
    rows = _large_rows(ctx)
    folder = ctx.tmp / "libreoffice"
    folder.mkdir(exist_ok=True)
    source = folder / "budget.xlsx"
    write_rows_xlsx(rows, source)
    # A profile of its own: never the user's, and no clash with another soffice running.
    profile = (folder / "profile").resolve().as_uri()
    args = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
            "--convert-to", "pdf", "--outdir", str(folder), str(source)]
    out = folder / "budget.pdf"

    def run() -> None:
        out.unlink(missing_ok=True)
        done = subprocess.run(args, capture_output=True, text=True, timeout=SOFFICE_TIMEOUT_S)
        if done.returncode != 0 or not out.is_file():
            raise BenchmarkError(f"soffice failed ({done.returncode}): {done.stderr.strip()[-300:]}")

    timings, cpu = _cpu_timed(ctx, run, children=True)
    return {"median_s": statistics.median(timings), "runs": ctx.runs, "cpu_s": statistics.median(cpu),
            "rows": len(rows), "pages": _pdf_pages(out)}


def _pdf_pages(path: Path) -> int | None:
    try:
        from pypdf import PdfReader
    except ImportError:
        return None
    return len(PdfReader(str(path)).pages)


def pdf_budget_large(ctx) -> dict:
    """build_pdf of the budget annex of the large plan, from the open file to the written PDF;
    each run right after a run of the canvas floor, so that the two see the same machine."""
    from app.reports import build_pdf
    from app.services.workspace import open_workspace
    from benchmarks.run import BenchmarkError

    rows = _large_rows(ctx)
    floor_out = ctx.tmp / "canvas-floor-paired.pdf"
    workspace = open_workspace(need_large(ctx), read_only=True)
    out = ctx.tmp / "budget-large.pdf"
    try:
        plan_id = large_plan_id(workspace)
        results = []

        def floor() -> None:
            draw_canvas_floor(rows, floor_out)

        def annex() -> None:
            results.append(build_pdf(workspace, plan_id, "begroting", out))

        floor(), annex()  # warm-up
        floors, annexes = [], []
        for _ in range(ctx.runs):
            floors.append(_clocked(floor))
            annexes.append(_clocked(annex))
    finally:
        workspace.close()
    pages = results[-1].pages
    if pages < scaled(ctx, 20) or not out.is_file():
        raise BenchmarkError(f"the annex has {pages} pages; expected about {scaled(ctx, 47)}")
    median = statistics.median(wall for wall, _ in annexes)
    cpu = statistics.median(cpu for _, cpu in annexes)
    # Each run against the floor run just before it: the ratio the load of the machine spares.
    paired = statistics.median(a / f for (a, _), (f, _) in zip(annexes, floors))
    peer = ctx.medians.get("pdf_libreoffice")
    return {"median_s": median, "runs": ctx.runs, "cpu_s": cpu, "baseline": "pdf_canvas_floor",
            "pages": pages, "paired_ratio": paired, "floor_paired_s": statistics.median(f for f, _ in floors),
            "cpu_ratio": cpu / statistics.median(cpu for _, cpu in floors),
            "libreoffice_ratio": median / peer if peer else None,
            "goal": f"< {PDF_GOAL_RATIO:g}x canvas floor (paired), faster than LibreOffice",
            "meets_goal": paired < PDF_GOAL_RATIO and (peer is None or median < peer)}


BENCHMARKS = [("pdf_canvas_floor", pdf_canvas_floor), ("pdf_libreoffice", pdf_libreoffice),
              ("pdf_budget_large", pdf_budget_large)]
BASELINES = {"pdf_budget_large": "pdf_canvas_floor"}


def main(argv: list[str] | None = None) -> int:
    """These three on a given workspace file, JSON lines as run.py prints them."""
    import argparse
    import json
    import tempfile
    from types import SimpleNamespace

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("workspace", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--scale", type=int, default=1, help="how many times the 1x workspace it is")
    parser.add_argument("--only", nargs="+", metavar="NAME", help="these benchmarks only")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="planbord-bench-pdf-") as tmp:
        ctx = SimpleNamespace(runs=args.runs, tmp=Path(tmp), large=args.workspace.resolve(),
                              large_error="", scale=args.scale, medians={})
        for name, fn in BENCHMARKS:
            if args.only and name not in args.only:
                continue
            try:
                line = {"name": name, "scale": args.scale, **fn(ctx)}
            except Exception as exc:  # one that fails prints why; the others still run
                line = {"name": name, "scale": args.scale, "error": f"{type(exc).__name__}: {exc}"}
            if "median_s" in line:
                ctx.medians[name] = line["median_s"]
                base = ctx.medians.get(BASELINES.get(name, ""))
                if base:
                    line["ratio"] = round(line["median_s"] / base, 2)
            print(json.dumps({k: round(v, 4) if isinstance(v, float) else v for k, v in line.items()}),
                  flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
