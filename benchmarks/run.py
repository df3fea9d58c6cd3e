"""Planbord benchmarks: prints one JSON object per line.

    python benchmarks/run.py [--quick] [--runs N] [--only NAME ...] [--scale N] [--cache DIR]
    python benchmarks/run.py --startup-breakdown [--scale N]
    python benchmarks/run.py --side-by-side ONE.jsonl TEN.jsonl

Every line has ``name``, ``scale`` and either ``median_s`` + ``runs`` (and, where
measured, ``p90_s``, ``baseline``/``ratio`` and ``peak_mb``) or ``error``. A benchmark
that fails prints its error and the others still run; the exit code is 0.
At ``--scale N`` the large workspace is N times as large and every benchmark keeps its
name: the ``scale`` key tells two runs apart, and ``--side-by-side`` prints them as one table.

To add a benchmark, write a small function that takes the :class:`Context` and
returns a dict of figures, and register it with ``@benchmark("its_name")``.
Benchmarks run in the order they are registered; one that names a
``baseline`` gets a ``ratio`` against that baseline's median from the same run.
See benchmarks/README.md for what the figures mean and the goals.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(REPO))

from benchmarks.common import edit_figures, percentile, scaled  # noqa: E402  (itself standard library only)

# Only the standard library at the top: this file is also the small measuring
# wrapper for child processes (see _measure_main). Planbord modules are imported
# where they are used.

BARE_QT = Path(__file__).resolve().parent / "bare_qt.py"

# Which benchmark each one is compared with (run too when only the first is asked for).
BASELINES = {
    "startup_demo": "startup_bare_qt", "startup_large": "startup_bare_qt",
    "startup_demo_ready": "startup_bare_qt", "startup_large_ready": "startup_bare_qt",
    "startup_demo_live": "startup_bare_qt", "startup_demo_cold": "startup_bare_qt",
    "startup_large_cold": "startup_bare_qt",
    "budget_open_large": "table_bare_qt_large", "budget_edit_to_update_large": "commit_bare_sqlite",
    "matrix_open_large": "table_bare_qt_large", "progress_open_large": "table_bare_qt_large", "matrix_edit_to_update_large": "commit_bare_sqlite",
}

# Goals (see README.md).
STARTUP_GOAL_S = 0.5
STARTUP_GOAL_RATIO = 5.0
SUMMARY_GOAL_S = 0.1  # issue 18: at 10x in process (it was 0.5 s at 1x before)
MEMORY_GOAL_MB = 200.0


@dataclass
class Context:
    quick: bool
    runs: int
    timeout_s: float
    tmp: Path
    data_dir: Path
    scale: int = 1  # the large workspace is this many times the 1x one (generate.py --scale)
    seed: int | None = None  # the generator's seed; None is its default
    cache: Path | None = None  # where generated large workspaces are kept between runs
    large: Path | None = None
    large_error: str = ""
    demo: Path | None = None
    demo_error: str = ""
    medians: dict[str, float] = field(default_factory=dict)
    editor_bench: object = None  # the window the editor benchmarks share

    def child_env(self, **extra: str) -> dict[str, str]:
        env = dict(os.environ)
        env["QT_QPA_PLATFORM"] = "offscreen"
        env["PLANBORD_DATA_DIR"] = str(self.data_dir)
        # The program as installed: its modules compiled once (pip and the installers do that),
        # not again at every start because the shell running the benchmarks sets
        # PYTHONDONTWRITEBYTECODE (that adds some 75 ms of compiling to every start-up figure).
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(self.tmp / "pycache")
        env.update(extra)
        return env


class BenchmarkError(Exception):
    """A benchmark that cannot produce its figure; the message goes into the JSON line."""


Benchmark = Callable[[Context], dict]
BENCHMARKS: list[tuple[str, Benchmark]] = []


def benchmark(name: str) -> Callable[[Benchmark], Benchmark]:
    def register(fn: Benchmark) -> Benchmark:
        BENCHMARKS.append((name, fn))
        return fn
    return register


# --- measuring helpers -------------------------------------------------------------------

@dataclass
class ChildRun:
    seconds: float
    peak_mb: float
    returncode: int
    stdout: str
    stderr: str


def _measure(args: list[str], timeout_s: float) -> dict:
    """Spawn ``args``, wait for it; wall time from spawn to exit and its own peak RSS.

    ``os.wait4`` gives the rusage of exactly this child (``ru_maxrss`` in KiB on
    Linux), unlike RUSAGE_CHILDREN which is a maximum over all children so far.
    A child still running after ``timeout_s`` is killed. The child inherits
    stdin, stdout and stderr.
    """
    started = time.perf_counter()
    proc = subprocess.Popen(args)
    lock = threading.Lock()
    exited = False
    timed_out = False

    def kill_if_running() -> None:
        nonlocal timed_out
        with lock:
            if not exited:  # not reaped yet, so the pid is still ours
                timed_out = True
                proc.kill()

    timer = threading.Timer(timeout_s, kill_if_running)
    timer.start()
    try:
        # Wait for the exit without reaping, so the timer can never kill a reused pid.
        os.waitid(os.P_PID, proc.pid, os.WEXITED | os.WNOWAIT)
        seconds = time.perf_counter() - started
        with lock:
            exited = True
    finally:
        timer.cancel()
    _pid, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return {"seconds": seconds, "peak_mb": usage.ru_maxrss / 1024,
            "returncode": proc.returncode, "timed_out": timed_out}


def _measure_main(argv: list[str]) -> int:
    """``run.py --measure-child TIMEOUT RESULT -- ARGS...``: the small measuring wrapper.

    Linux keeps a process's peak RSS across exec, and a child spawned by vfork
    (as subprocess does) starts with its parent's peak: a child of this
    benchmark process, grown large by the in-process benchmarks, would report
    that size. So children are spawned from this small wrapper, which has only
    imported the standard library, and it measures them.
    """
    timeout_s, result_path, sep, *args = argv
    assert sep == "--", argv
    result = _measure(args, float(timeout_s))
    Path(result_path).write_text(json.dumps(result), encoding="utf-8")
    return 0


def run_child(args: list[str], env: dict[str, str], timeout_s: float) -> ChildRun:
    """Run ``args`` (in the repository, with ``env``) through the measuring wrapper."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.TemporaryDirectory(prefix="planbord-measure-") as tmp:
        result_path = Path(tmp) / "result.json"
        wrapper = [sys.executable, str(Path(__file__).resolve()), "--measure-child",
                   str(timeout_s), str(result_path), "--", *args]
        try:
            subprocess.run(wrapper, env=env, cwd=REPO, stdin=subprocess.DEVNULL, stdout=out,
                           stderr=err, timeout=timeout_s + 30, check=False)
        except subprocess.TimeoutExpired as exc:
            raise BenchmarkError(f"measuring wrapper hung: {' '.join(args[1:])}") from exc
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
        try:
            result = json.loads(result_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise BenchmarkError(f"measuring wrapper failed: {stderr.strip()[-400:]}") from exc
    if result["timed_out"]:
        raise BenchmarkError(f"no exit within {timeout_s:.0f} s (killed): {' '.join(args[1:])}")
    run = ChildRun(seconds=result["seconds"], peak_mb=result["peak_mb"],
                   returncode=result["returncode"], stdout=stdout, stderr=stderr)
    if run.returncode != 0:
        tail = (run.stderr.strip() or run.stdout.strip())[-400:]
        raise BenchmarkError(f"exit code {run.returncode}: {tail}")
    return run


def time_child(ctx: Context, args: list[str], env: dict[str, str],
               check: Callable[[ChildRun], None] | None = None,
               before_each: Callable[[], None] | None = None) -> dict:
    """One untimed warm-up run (it also proves the command works), then ``ctx.runs`` timed;
    ``before_each`` runs (untimed) before every one of them."""
    def run() -> ChildRun:
        if before_each is not None:
            before_each()
        return run_child(args, env, ctx.timeout_s)

    warm = run()
    if check is not None:
        check(warm)
    runs = [run() for _ in range(ctx.runs)]
    return {
        "median_s": statistics.median(r.seconds for r in runs),
        "runs": len(runs),
        "peak_mb": max(r.peak_mb for r in runs),
    }


def _python(*args: str) -> list[str]:
    return [sys.executable, *args]


def _need_large(ctx: Context) -> Path:
    if ctx.large is None:
        raise BenchmarkError(f"no large workspace: {ctx.large_error}")
    return ctx.large


def _need_demo(ctx: Context) -> Path:
    if ctx.demo is None:
        raise BenchmarkError(f"no demo workspace: {ctx.demo_error}")
    return ctx.demo


# --- the benchmarks ----------------------------------------------------------------------

@benchmark("startup_bare_qt")
def startup_bare_qt(ctx: Context) -> dict:
    """Baseline: interpreter + PySide6 + an empty QMainWindow shown, then exit."""
    return time_child(ctx, _python(str(BARE_QT)), ctx.child_env())


def _startup(ctx: Context, path: Path, moment: str = "shown", cold: bool = False) -> dict:
    """``cold``: the first page kept at the last close is removed before each run (as after a
    change to the file by someone else), so the page waits for the data layer."""
    env = ctx.child_env(PLANBORD_EXIT_WHEN=moment)

    def forget_first_page() -> None:
        (Path(env["PLANBORD_DATA_DIR"]) / "first-page.json").unlink(missing_ok=True)

    result = time_child(ctx, _python("-m", "app", str(path)), env,
                        before_each=forget_first_page if cold else None)
    result["baseline"] = "startup_bare_qt"
    result["goal"] = (f"< {STARTUP_GOAL_S} s, < {STARTUP_GOAL_RATIO:g}x baseline, "
                      f"< {MEMORY_GOAL_MB:g} MB")
    result["meets_goal"] = (result["median_s"] < STARTUP_GOAL_S
                            and result["peak_mb"] < MEMORY_GOAL_MB)  # ratio checked in _finish
    return result


@benchmark("startup_demo")
def startup_demo(ctx: Context) -> dict:
    """`python -m app DEMO` from process start until the main window is shown."""
    return _startup(ctx, _need_demo(ctx))


@benchmark("startup_large")
def startup_large(ctx: Context) -> dict:
    """`python -m app LARGE` from process start until the main window is shown."""
    return _startup(ctx, _need_large(ctx))


READY_GOAL_S = 0.5  # issue 18: process start to the first page painted and taking keys


@benchmark("startup_demo_ready")
def startup_demo_ready(ctx: Context) -> dict:
    """`python -m app DEMO` from process start until its first page is painted and takes keys:
    the page kept at the last close (the warm-up run's), the data layer still loading behind it."""
    return _ready(_startup(ctx, _need_demo(ctx), "ready"), goal_s=READY_GOAL_S)


@benchmark("startup_demo_live")
def startup_demo_live(ctx: Context) -> dict:
    """`python -m app DEMO` from process start until the file is open and its live page drawn,
    after a kept first page (the data layer loaded on a thread behind it)."""
    return _ready(_startup(ctx, _need_demo(ctx), "live"))


@benchmark("startup_demo_cold")
def startup_demo_cold(ctx: Context) -> dict:
    """`python -m app DEMO` with no kept first page (the file changed since the last close):
    process start until the file is open and its plan drawn (what "ready" was before the kept page)."""
    return _ready(_startup(ctx, _need_demo(ctx), "ready", cold=True))


@benchmark("startup_large_ready")
def startup_large_ready(ctx: Context) -> dict:
    """`python -m app LARGE` from process start until its first page is painted and takes keys."""
    return _ready(_startup(ctx, _need_large(ctx), "ready"))


@benchmark("startup_large_cold")
def startup_large_cold(ctx: Context) -> dict:
    """`python -m app LARGE` with no kept first page: until the file is open and its plan drawn."""
    return _ready(_startup(ctx, _need_large(ctx), "ready", cold=True))


def _ready(result: dict, goal_s: float | None = None) -> dict:
    result.pop("goal", None)
    result.pop("meets_goal", None)
    if goal_s is not None:
        result["goal"] = f"< {goal_s} s"
        result["meets_goal"] = result["median_s"] < goal_s
    return result


@benchmark("summary_large")
def summary_large(ctx: Context) -> dict:
    """plan_summary(workspace, 2026) in process on the large workspace."""
    path = _need_large(ctx)
    try:
        from app.services.summary import plan_summary
        from app.services.workspace import open_workspace
    except Exception as exc:  # the service may not exist yet
        raise BenchmarkError(f"import failed: {type(exc).__name__}: {exc}") from exc
    workspace = open_workspace(path)
    try:
        timings = []
        for _ in range(ctx.runs + 1):
            started = time.perf_counter()
            summary = plan_summary(workspace, _plan_year())
            timings.append(time.perf_counter() - started)
        if not isinstance(summary, dict):
            raise BenchmarkError(f"plan_summary returned {type(summary).__name__}, not dict")
    finally:
        workspace.close()
    median = statistics.median(timings[1:])
    return {"median_s": median, "runs": ctx.runs, "first_s": timings[0],
            # The goal is on the median: a summary in a program that has the plan open (the window
            # read the same figures for its first page). The first call also compiles each of its
            # some twenty statements once per process (SQLAlchemy's cache): reported beside it.
            "goal": f"< {SUMMARY_GOAL_S} s", "meets_goal": median < SUMMARY_GOAL_S}


NEXT_YEAR_GOAL_S = 1.0


@benchmark("next_year_large")
def next_year_large(ctx: Context) -> dict:
    """create_next_year from the large workspace's newest plan, in process, on a fresh copy of
    the file each run (a region has one plan per year)."""
    import shutil

    path = _need_large(ctx)
    try:
        from app.services.next_year import create_next_year
        from app.services.plans import find_plan
        from app.services.workspace import open_workspace
    except Exception as exc:  # the service may not exist yet
        raise BenchmarkError(f"import failed: {type(exc).__name__}: {exc}") from exc
    timings, copied = [], 0
    for run in range(ctx.runs):
        copy = ctx.tmp / f"next-year-{run}.planbord"
        shutil.copyfile(path, copy)
        workspace = open_workspace(copy)
        try:
            with workspace.session() as session:
                plan_id = find_plan(session, _plan_year()).id
            started = time.perf_counter()
            summary = create_next_year(workspace, plan_id)
            timings.append(time.perf_counter() - started)
            copied = summary.lines_copied
        finally:
            workspace.close()
            copy.unlink()
    median = statistics.median(timings)
    return {"median_s": median, "runs": ctx.runs, "lines_copied": copied,
            "goal": f"< {NEXT_YEAR_GOAL_S} s", "meets_goal": median < NEXT_YEAR_GOAL_S}


@benchmark("summary_large_cli")
def summary_large_cli(ctx: Context) -> dict:
    """`python -m app summary LARGE --plan 2026 --json` as a process, start to exit."""
    path = _need_large(ctx)

    def check(run: ChildRun) -> None:
        try:
            json.loads(run.stdout)
        except ValueError as exc:
            raise BenchmarkError(f"output is not JSON ({exc}): {run.stdout[:200]!r}") from exc

    args = _python("-m", "app", "summary", str(path), "--plan", str(_plan_year()), "--json")
    return time_child(ctx, args, ctx.child_env(), check=check)


def _plan_year() -> int:
    from benchmarks.generate import LAST_PLAN_YEAR

    return LAST_PLAN_YEAR


# --- the budget editor (in process, offscreen Qt) ------------------------------------------

EDIT_GOAL_S = 0.016  # one frame
OPEN_GOAL_S = 0.3
EDITOR_EDITS = 60  # cell edits per run of budget_edit_to_update_large
BUDGET_ROWS = 2_121  # rows of the 1x large budget editor (groups, lines, subtotals, total)


class _EditorBench:
    """The real main window over a copy of the large workspace, kept for the editor benchmarks."""

    def __init__(self, ctx: Context, workspace=None) -> None:
        """``workspace``: an open workspace to use instead of a copy of the large file (the server
        benchmarks give the large workspace copied into PostgreSQL)."""
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        import shutil

        from PySide6.QtWidgets import QApplication

        self.app = QApplication.instance() or QApplication([])
        from app.services.workspace import open_workspace
        from app.views.context import ApplicationContext
        from app.views.shell.main_window import MainWindow
        from app.views.shell.navigation import Node
        from app.views.settings import SettingsStore

        if workspace is None:
            path = ctx.tmp / "large-edit.planbord"
            shutil.copy(_need_large(ctx), path)  # the edits must not touch the shared large file
            workspace = open_workspace(path)
        self.context = ApplicationContext(workspace, SettingsStore.at(ctx.tmp / "bench.ini"))
        self.context.negative_amounts_confirmed = lambda count: True
        self.window = MainWindow(self.context)
        self.window.resize(1400, 900)
        self.window.show()
        self.app.processEvents()
        plans = self.window._plans
        self.plan_id = max(plans, key=lambda i: plans[i].year)  # the newest plan is a draft
        self.Node = Node

    def show(self, kind: str) -> None:
        index = self.window.navigation_model.find(self.Node(kind, self.plan_id, self.plan_id))
        self.window.tree.setCurrentIndex(index)
        self.app.processEvents()  # laid out and painted

    def close(self) -> None:
        self.context.close()
        self.window.close()
        self.window.deleteLater()
        self.app.processEvents()


def _editor_bench(ctx: Context) -> _EditorBench:
    if getattr(ctx, "editor_bench", None) is None:
        ctx.editor_bench = _EditorBench(ctx)
    return ctx.editor_bench


@benchmark("table_bare_qt_large")
def table_bare_qt_large(ctx: Context) -> dict:
    """Baseline: a QStandardItemModel of the large budget's size (about 2,100 rows at 1x, N times
    that at --scale N; 6 columns) in a QTableView, built and painted: the floor for opening a
    table of this size in Qt."""
    bench = _editor_bench(ctx)
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QTableView

    rows = scaled(ctx, BUDGET_ROWS)
    timings = []
    for _ in range(ctx.runs):
        started = time.perf_counter()
        model = QStandardItemModel(rows, 6)
        for row in range(rows):
            for column in range(6):
                model.setItem(row, column, QStandardItem(f"{row * 7 + column:,}".replace(",", ".")))
        view = QTableView()
        view.setModel(model)
        view.resize(1000, 700)
        view.show()
        bench.app.processEvents()
        timings.append(time.perf_counter() - started)
        view.close()
        view.deleteLater()
    return {"median_s": statistics.median(timings), "runs": ctx.runs, "rows": rows}


@benchmark("budget_open_large")
def budget_open_large(ctx: Context) -> dict:
    """Navigation click on Begroting of the large plan (2,000 lines) to the editor painted."""
    bench = _editor_bench(ctx)
    timings = []
    for _ in range(ctx.runs):
        bench.window._drop_editors()
        bench.show("plan")
        started = time.perf_counter()
        bench.show("budget")
        timings.append(time.perf_counter() - started)
    median = statistics.median(timings)
    return {"median_s": median, "runs": ctx.runs, "baseline": "table_bare_qt_large",
            "goal": f"< {OPEN_GOAL_S} s", "meets_goal": median < OPEN_GOAL_S}


@benchmark("progress_open_large")
def progress_open_large(ctx: Context) -> dict:
    """The progress overview (ProgressOverview) of the large plan (200 projects): constructed,
    shown and painted, its two queries and the filters' choice lists included."""
    bench = _editor_bench(ctx)
    from app.views.projects.progress_view import ProgressOverview

    def open_once() -> float:
        started = time.perf_counter()
        view = ProgressOverview(bench.context, bench.plan_id, "", "bench")
        view.resize(1400, 900)
        view.show()
        bench.app.processEvents()  # laid out and painted
        elapsed = time.perf_counter() - started
        rows = view.model.rowCount()
        view.close()
        _delete_now(bench, view)
        bench.app.processEvents()
        if rows < scaled(ctx, 200):
            raise RuntimeError(f"the progress overview shows {rows} projects, expected {scaled(ctx, 200)} or more")
        return elapsed

    open_once()  # warm: the first one pays for imports
    timings = [open_once() for _ in range(ctx.runs)]
    median = statistics.median(timings)
    return {"median_s": median, "runs": ctx.runs, "baseline": "table_bare_qt_large",
            "goal": f"< {OPEN_GOAL_S} s", "meets_goal": median < OPEN_GOAL_S}


COMMITS = 200  # timed commits of commit_bare_sqlite: its median is the edits' baseline
COMMITS_WARM = 10  # untimed first: the WAL file created and grown, the pages in the cache


@benchmark("commit_bare_sqlite")
def commit_bare_sqlite(ctx: Context) -> dict:
    """Baseline: one UPDATE of a budget cell and its commit (WAL, synchronous=FULL), raw sqlite3.

    A commit is mostly an fsync of the WAL, so it measures the disk and whatever else is writing
    to it, not Python: 200 of them, with the spread (p10, p90, min, max) reported beside the
    median, so a ratio against it can be read for what it is (README.md)."""
    import shutil
    import sqlite3

    path = ctx.tmp / "large-bare.planbord"
    shutil.copy(_need_large(ctx), path)
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=FULL")
        cell_ids = [r[0] for r in connection.execute(
            "SELECT id FROM budget_cell WHERE marker IS NULL LIMIT ?", (COMMITS_WARM + COMMITS,))]
        if len(cell_ids) < COMMITS_WARM + COMMITS:
            raise BenchmarkError(f"only {len(cell_ids)} budget cells with an amount to update")
        timings = []
        for i, cell_id in enumerate(cell_ids):
            started = time.perf_counter()
            connection.execute("UPDATE budget_cell SET amount = ? WHERE id = ?", (100 * (i + 1), cell_id))
            connection.commit()
            if i >= COMMITS_WARM:
                timings.append(time.perf_counter() - started)
    finally:
        connection.close()
    return {"median_s": statistics.median(timings), "p10_s": percentile(timings, 0.1),
            "p90_s": percentile(timings, 0.9), "min_s": min(timings), "max_s": max(timings),
            "runs": len(timings)}


@benchmark("budget_edit_to_update_large")
def budget_edit_to_update_large(ctx: Context) -> dict:
    """setData on a year cell of the large budget to: committed, subtotals, total, funding
    saldo, contributions per municipality and status bar updated, and the window repainted.
    The Verdeelsleutel editor is open too, so its contribution tables follow every edit."""
    bench = _editor_bench(ctx)
    figures = budget_edits(bench)
    bench.close()
    ctx.editor_bench = None
    return {**figures, "baseline": "commit_bare_sqlite", "goal": f"< {EDIT_GOAL_S * 1000:g} ms",
            "meets_goal": figures["median_s"] < EDIT_GOAL_S}


def budget_edits(bench: _EditorBench) -> dict:
    """EDITOR_EDITS cell edits on the budget page (the key page open too), each timed from
    setData to the window repainted; checked against the services' figures afterwards."""
    bench.show("key")
    bench.show("budget")
    editor = bench.window.current_editor()
    model = editor.model
    from app.services.budget_sheet import RowKind
    from app.views.budget.budget_model import FIRST_YEAR_COLUMN

    lines = [r for r, row in enumerate(model.sheet.rows) if row.kind is RowKind.LINE]
    timings = []
    for i in range(EDITOR_EDITS):
        row = lines[(i * 37) % len(lines)]
        index = model.index(row, FIRST_YEAR_COLUMN + 1)
        editor.table.scrollTo(index)
        bench.app.processEvents()
        value = f"{(i + 1) * 1_000}"
        started = time.perf_counter()
        if not model.setData(index, value):
            raise BenchmarkError(f"edit {value} refused: {editor.messages.text()}")
        bench.app.processEvents()  # repaint
        timings.append(time.perf_counter() - started)
    # The figures on screen are the services' figures (a benchmark that measures a wrong
    # update would be worthless).
    from app.services.figures import load_budget_figures

    year = model.years[1]
    figures = load_budget_figures(bench.context.workspace, bench.plan_id)
    shown = model.index(len(model.sheet.rows) - 1, FIRST_YEAR_COLUMN + 1).data()
    from app.formatting import format_amount

    if format_amount(figures.total[year]) not in shown:
        raise BenchmarkError(f"total row shows {shown}, services say {figures.total[year]}")
    return edit_figures(timings)


# --- the allocation matrix (Formatie en dagdelen) -----------------------------------------

def _staffing_editor(bench: _EditorBench):
    """A StaffingEditor on the newest plan, put in the window's pages as the window would once
    its navigation opens it (the plan stays selected, so the status bar shows its figures)."""
    from app.views.staffing.staffing_editor import StaffingEditor

    editor = StaffingEditor(bench.context, bench.plan_id, "", bench.window._plans[bench.plan_id].title)
    bench.window.pages.addWidget(editor)
    bench.window.pages.setCurrentWidget(editor)
    bench.app.processEvents()  # laid out and painted
    return editor


def _drop(bench: _EditorBench, editor) -> None:
    bench.window.pages.removeWidget(editor)
    bench.window.pages.setCurrentWidget(bench.window.overview)
    _delete_now(bench, editor)


def _delete_now(bench: _EditorBench, widget) -> None:
    """Delete a widget now: processEvents() leaves deleteLater() pending, and a widget still
    alive keeps answering every edit of the benchmarks after it."""
    from PySide6.QtCore import QEvent

    widget.deleteLater()
    bench.app.processEvents()
    bench.app.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@benchmark("matrix_open_large")
def matrix_open_large(ctx: Context) -> dict:
    """The Formatie en dagdelen editor of the large plan (200 projects x 3 roles + 30 people):
    constructed, shown and painted."""
    bench = _editor_bench(ctx)
    bench.show("plan")
    _drop(bench, _staffing_editor(bench))  # warm: the first one pays for imports
    timings = []
    for _ in range(ctx.runs):
        started = time.perf_counter()
        editor = _staffing_editor(bench)
        timings.append(time.perf_counter() - started)
        _drop(bench, editor)
    median = statistics.median(timings)
    return {"median_s": median, "runs": ctx.runs, "baseline": "table_bare_qt_large",
            "goal": f"< {OPEN_GOAL_S} s", "meets_goal": median < OPEN_GOAL_S}


@benchmark("matrix_edit_to_update_large")
def matrix_edit_to_update_large(ctx: Context) -> dict:
    """setData on a cell of the large allocation matrix to: committed, the cell, its row total,
    the column totals, the grand total, the people table and the over-allocation line and
    the status bar's dagdelen updated, and the window repainted."""
    bench = _editor_bench(ctx)
    bench.show("plan")  # the status bar shows this plan's figures
    editor = _staffing_editor(bench)
    model = editor.matrix_model
    roles = [model.FIRST + i for i, c in enumerate(model.matrix.columns) if c.kind == "role"]
    rows = len(model.matrix.rows)
    timings = []
    for i in range(EDITOR_EDITS):
        index = model.index((i * 37) % rows, roles[i % len(roles)])
        editor.matrix.scrollTo(index)
        bench.app.processEvents()
        value = f"{(i % 9) + 1},5"
        started = time.perf_counter()
        if not model.setData(index, value):
            raise BenchmarkError(f"edit {value} refused: {editor.messages.text()}")
        bench.app.processEvents()  # repaint
        timings.append(time.perf_counter() - started)
    # What the screen shows is what the services compute from the file.
    from app.formatting import format_half_days
    from app.services.allocation_matrix import load_matrix

    fresh, _ = load_matrix(bench.context.workspace, bench.plan_id)
    shown = model.index(rows, model.total_column).data()
    if not shown.startswith(format_half_days(fresh.grand_total) + " "):
        raise BenchmarkError(f"grand total shows {shown}, services say {fresh.grand_total}")
    status = bench.window.status.half_days_label.text()
    if format_half_days(fresh.grand_total) not in status:
        raise BenchmarkError(f"status bar shows {status!r}, services say {fresh.grand_total}")
    _drop(bench, editor)
    figures = edit_figures(timings)
    bench.close()
    ctx.editor_bench = None
    return {**figures, "baseline": "commit_bare_sqlite", "goal": f"< {EDIT_GOAL_S * 1000:g} ms",
            "meets_goal": figures["median_s"] < EDIT_GOAL_S}


# --- setup and output --------------------------------------------------------------------

def _emit(ctx: Context, line: dict) -> None:
    """Print one JSON line, rounded, saying at which scale it was measured."""
    print(json.dumps(_rounded({**line, "scale": ctx.scale}), ensure_ascii=False), flush=True)


_KEY_ORDER = ["name", "scale", "median_s", "p90_s", "runs", "baseline", "ratio", "peak_mb"]


def _rounded(line: dict) -> dict:
    """Round the floats and put the common keys first, in a fixed order."""
    keys = [k for k in _KEY_ORDER if k in line] + [k for k in line if k not in _KEY_ORDER]
    out = {}
    for key in keys:
        value = line[key]
        if isinstance(value, float):
            value = round(value, 2 if key in ("ratio", "peak_mb") else 5 if key.endswith("_s") else 4)
        out[key] = value
    return out


def _finish(ctx: Context, name: str, result: dict) -> dict:
    line = {"name": name, **result}
    if "median_s" in line:
        ctx.medians[name] = line["median_s"]
    baseline = line.get("baseline")
    if baseline is not None:
        base = ctx.medians.get(baseline)
        if base:
            line["ratio"] = line["median_s"] / base
            if "meets_goal" in line and name.startswith("startup_"):
                line["meets_goal"] = line["meets_goal"] and line["ratio"] < STARTUP_GOAL_RATIO
        else:
            line["ratio"] = None
    return line


def _generated_from() -> str:
    """A digest of what a generated workspace depends on: generate.py and the code that defines
    and writes the file (models, services, migrations). A cached file made by other code is
    never reused: a changed schema or generator makes a new one."""
    import hashlib

    digest = hashlib.sha256()
    sources = [Path(__file__).with_name("generate.py"), *sorted((REPO / "app").glob("*.py"))]
    for folder in (REPO / "app" / "models", REPO / "app" / "services", REPO / "db"):
        sources += sorted(p for p in folder.rglob("*") if p.suffix in (".py", ".ini", ".sql"))
    for source in sources:
        digest.update(str(source.relative_to(REPO)).encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()[:12]


def cached_name(scale: int, seed: int) -> str:
    """The cache's file name for the large workspace at ``scale`` from ``seed``."""
    return f"large-x{scale}-seed{seed}-{_generated_from()}.planbord"


def _large_workspace(ctx: Context) -> dict:
    """Put the large workspace (``ctx.scale`` times, from ``ctx.seed``) at ``ctx.tmp/large.planbord``.

    Without ``--cache`` it is generated there, every run. With ``--cache DIR`` it is copied from
    ``DIR`` when a file of the same scale, seed and code is there, else generated and then kept
    there too. Benchmarks only ever see the copy in ``ctx.tmp``, so the app opening it for writing
    can never change the cached file. Returns the ``generate_large`` line."""
    import shutil

    from benchmarks.generate import DEFAULT_SEED, build_large_workspace

    seed = DEFAULT_SEED if ctx.seed is None else ctx.seed
    large = ctx.tmp / "large.planbord"
    cached = ctx.cache / cached_name(ctx.scale, seed) if ctx.cache is not None else None
    started = time.perf_counter()
    if cached is not None and cached.is_file():
        shutil.copyfile(cached, large)
        ctx.large = large
        return {"name": "generate_large", "cached": str(cached), "copy_s": time.perf_counter() - started}
    build_large_workspace(large, seed=seed, scale=ctx.scale)
    line = {"name": "generate_large", "median_s": time.perf_counter() - started, "runs": 1}
    ctx.large = large
    if cached is not None:
        ctx.cache.mkdir(parents=True, exist_ok=True)
        partial = cached.with_name(f"{cached.name}.{os.getpid()}.partial")
        shutil.copyfile(large, partial)
        os.replace(partial, cached)  # whole or not at all: an interrupted run leaves no half file
        line["cached"] = str(cached)
    return line


def _prepare(ctx: Context) -> None:
    """Build (or copy) the large workspace in process and the demo one through the app's CLI."""
    try:
        _emit(ctx, _large_workspace(ctx))
    except Exception as exc:
        ctx.large = None
        ctx.large_error = f"{type(exc).__name__}: {exc}"
        _emit(ctx, {"name": "generate_large", "error": ctx.large_error})

    demo = ctx.tmp / "demo.planbord"
    try:
        started = time.perf_counter()
        run_child(_python("-m", "app", "demo", str(demo)), ctx.child_env(), max(ctx.timeout_s, 60))
        if not demo.exists():
            raise BenchmarkError(f"`python -m app demo` made no file {demo}")
        _emit(ctx, {"name": "create_demo_cli", "median_s": time.perf_counter() - started, "runs": 1})
        ctx.demo = demo
    except Exception as exc:
        ctx.demo_error = str(exc) if isinstance(exc, BenchmarkError) else f"{type(exc).__name__}: {exc}"
        _emit(ctx, {"name": "create_demo_cli", "error": ctx.demo_error})


# Benchmarks of one feature each live in a module of their own beside this file; each has
# BENCHMARKS (a list of (name, function)) and BASELINES (name -> baseline name), run after
# the ones registered here. A module that is not there yet is skipped.
EXTENSIONS = ("benchmarks.bench_charts", "benchmarks.bench_pdf", "benchmarks.bench_verify",
              "benchmarks.bench_export", "benchmarks.bench_import", "benchmarks.bench_find",
              "benchmarks.bench_compare", "benchmarks.bench_compare_view", "benchmarks.bench_memory",
              "benchmarks.bench_progress", "benchmarks.bench_server")


def _load_extensions() -> None:
    import importlib

    for module_name in EXTENSIONS:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            continue
        BENCHMARKS.extend(module.BENCHMARKS)
        BASELINES.update(module.BASELINES)


# --startup-breakdown: where start-up's time goes (issue 18). The module is written apart and
# imported only when asked for, so the benchmarks run without it.
STARTUP_BREAKDOWN = "benchmarks.startup_breakdown"


def _startup_breakdown(ctx: Context) -> None:
    """Run ``main(ctx)`` of benchmarks/startup_breakdown.py on the prepared workspaces. What it
    returns (a dict or a list of dicts) is printed as JSON lines like the figures; what it prints
    itself is passed through."""
    import importlib

    name = "startup_breakdown"
    try:
        module = importlib.import_module(STARTUP_BREAKDOWN)
    except ModuleNotFoundError as exc:
        if exc.name == STARTUP_BREAKDOWN:
            _emit(ctx, {"name": name, "error": f"no module {STARTUP_BREAKDOWN} "
                                               f"(benchmarks/startup_breakdown.py is missing)"})
            return
        _emit(ctx, {"name": name, "error": f"import failed: {type(exc).__name__}: {exc}"})
        return
    except Exception as exc:
        _emit(ctx, {"name": name, "error": f"import failed: {type(exc).__name__}: {exc}"})
        return
    try:
        result = module.main(ctx)
    except Exception as exc:
        _emit(ctx, {"name": name, "error": str(exc) if isinstance(exc, BenchmarkError)
                    else f"{type(exc).__name__}: {exc}"})
        return
    for line in [result] if isinstance(result, dict) else (result or []):
        _emit(ctx, {"name": name, **line})


# --side-by-side: the JSON lines of two or more runs (e.g. --scale 1 and --scale 10) as one
# Markdown table, for a closing note. Benchmarks keep their names at every scale, so a figure's
# lines are found by name.

def _read_run(path: Path) -> tuple[str, dict[str, dict]]:
    """(its scale as a label, e.g. "10x"; the lines by name) of one run's output."""
    lines: dict[str, dict] = {}
    for text in Path(path).read_text(encoding="utf-8").splitlines():
        text = text.strip()
        if text.startswith("{"):
            line = json.loads(text)
            lines.setdefault(line.get("name"), line)
    scales = {line.get("scale", 1) for line in lines.values()}
    return "/".join(f"{s}x" for s in sorted(scales)) or "?", lines


def _seconds(value: float, unit_of: float | None = None) -> tuple[str, str]:
    """(number, unit) in ms below one second (of ``unit_of``, default ``value``), else in s."""
    reference = value if unit_of is None else unit_of
    if reference < 1:
        return f"{value * 1000:.3g}", "ms"
    return f"{value:.3g}", "s"


def _figure(line: dict | None) -> str:
    if line is None:
        return ""
    if "error" in line:
        return "error"
    if "median_s" in line:
        median, unit = _seconds(line["median_s"])
        if line.get("p90_s") is not None:
            p90, _ = _seconds(line["p90_s"], line["median_s"])
            return f"{median} / {p90} {unit}"
        return f"{median} {unit}"
    if "peak_mb" in line:
        return f"{line['peak_mb']:.0f} MB"
    return ""


def side_by_side(paths: list[Path]) -> str:
    """The runs' figures as a Markdown table: per run median / p90, the baseline's median per
    run and the ratio per run."""
    runs = [_read_run(path) for path in paths]
    labels = [label for label, _ in runs]
    names: list[str] = []
    for _, lines in runs:
        names += [name for name in lines if name not in names]
    each = " / ".join(labels)
    rows = [f"| figure | {' | '.join(f'{label} median / p90' for label in labels)} | baseline ({each}) "
            f"| ratio ({each}) |",
            "|---" * (len(runs) + 3) + "|"]
    for name in names:
        found = [lines.get(name) for _, lines in runs]
        base_name = next((line["baseline"] for line in found if line and line.get("baseline")), None)
        baseline = ratio = ""
        if base_name:
            medians = [lines.get(base_name, {}).get("median_s") for _, lines in runs]
            shown = [_seconds(m)[0] + " " + _seconds(m)[1] if m is not None else "-" for m in medians]
            baseline = f"{base_name} {' / '.join(shown)}"
        if base_name or any(line and line.get("ratio") is not None for line in found):
            # A ratio without a named baseline is the benchmark's own (e.g. with and without a dock).
            ratio = " / ".join(f"{line['ratio']:.1f}" if line and line.get("ratio") is not None else "-"
                               for line in found)
        rows.append(f"| {name} | {' | '.join(_figure(line) for line in found)} | {baseline} | {ratio} |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--measure-child"]:
        return _measure_main(argv[1:])
    parser = argparse.ArgumentParser(description="Planbord benchmarks (JSON lines on stdout).")
    parser.add_argument("--quick", action="store_true", help="3 runs each; done within 60 s at scale 1")
    parser.add_argument("--runs", type=int, help="timed runs per benchmark (default 7, quick 3)")
    parser.add_argument("--only", nargs="+", metavar="NAME",
                        help="run only these benchmarks (their baselines run too)")
    parser.add_argument("--scale", type=int, default=1, metavar="N",
                        help="the large workspace N times as large (generate.py --scale N); names stay")
    parser.add_argument("--seed", type=int, help="the generator's seed (default: generate.py's)")
    parser.add_argument("--cache", type=Path, metavar="DIR",
                        help="keep generated large workspaces in DIR and reuse them (by scale, seed and code)")
    parser.add_argument("--startup-breakdown", action="store_true",
                        help="print where start-up's time goes (benchmarks/startup_breakdown.py) "
                             "instead of the benchmarks")
    parser.add_argument("--side-by-side", nargs="+", type=Path, metavar="JSONL",
                        help="print the output of these runs as one Markdown table, and nothing else")
    args = parser.parse_args(argv)
    if args.side_by_side:
        print(side_by_side(args.side_by_side))
        return 0
    if args.scale < 1:
        parser.error("--scale must be 1 or more")
    runs = args.runs or (3 if args.quick else 7)
    _load_extensions()

    selected = BENCHMARKS
    if args.only:
        wanted = set(args.only)
        for name, base in BASELINES.items():
            if name in wanted:
                wanted.add(base)
        selected = [(name, fn) for name, fn in BENCHMARKS if name in wanted]

    with tempfile.TemporaryDirectory(prefix="planbord-bench-") as tmp:
        # A child's time limit grows with the workspace: it only stops a hung child.
        ctx = Context(quick=args.quick, runs=runs, timeout_s=(10.0 if args.quick else 30.0) * args.scale,
                      tmp=Path(tmp), data_dir=Path(tmp) / "data", scale=args.scale, seed=args.seed,
                      cache=args.cache)
        ctx.data_dir.mkdir()
        os.environ["PLANBORD_DATA_DIR"] = str(ctx.data_dir)  # in-process services, too
        _prepare(ctx)
        if args.startup_breakdown:
            _startup_breakdown(ctx)
            return 0
        for name, fn in selected:
            try:
                _emit(ctx, _finish(ctx, name, fn(ctx)))
            except BenchmarkError as exc:
                _emit(ctx, {"name": name, "error": str(exc)})
            except Exception as exc:  # never let one benchmark stop the others
                _emit(ctx, {"name": name, "error": f"{type(exc).__name__}: {exc}"})

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        # This process generated the large workspace and hosted the editor benchmarks' window;
        # the program's own memory is the children's peak_mb (startup_*), held to the goal.
        _emit(ctx, {"name": "peak_memory_benchmark_process", "peak_mb": peak})
    return 0


if __name__ == "__main__":
    sys.exit(main())
