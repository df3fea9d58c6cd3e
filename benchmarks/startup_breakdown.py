"""Where start-up's time goes: ``python -m app FILE`` from process start to ready, in phases.

    python benchmarks/startup_breakdown.py [FILE] [--runs N] [--table]   (FILE: default a new demo)
    python benchmarks/run.py --startup-breakdown [--scale N]   (the demo; above 1x the large one too)

Each run is the real program (``python -m app FILE`` with ``PLANBORD_EXIT_WHEN=ready``, as the
``startup_*_ready`` benchmarks run it) in a child process that times it from the inside: an
import hook times the first import of the big libraries, and a few functions of the start-up
path are wrapped where they are looked up (module attributes, class attributes) once their
module is imported, so the program itself carries no timing code. Every phase is reported
with its own time, wall and CPU (its nested phases taken out); what no phase covers is
"other". The clock is CLOCK_MONOTONIC (``time.perf_counter``), shared by parent and child,
so the interpreter's start (spawn to the child's first line) and its exit (ready to the
child's reaping) are measured too. The program runs as installed, its bytecode compiled
(``as_installed``). Prints one JSON line per phase (medians over the runs; ``--table``: a
Markdown table); run.py prints what ``main(ctx)`` returns.

What happens after ready (the backup of the file as it was opened, at idle) is timed once the
plan is drawn and reported apart (``after_ready``): it no longer holds up the first page.
"""
from __future__ import annotations

import json
import os
import sys
import threading
import time
from pathlib import Path

# Only these at the top: the child's own imports count as the interpreter's start.

REPO = Path(__file__).resolve().parent.parent
CHILD_FLAG = "--child"

# The phases, in the order start-up meets them.
INTERPRETER = "interpreter start (python, site, spawn)"
IMPORT_APP = "import Planbord's own modules"
IMPORT_PYSIDE = "import PySide6"
CREATE_APP = "QApplication, icon, style sheet"
TRANSLATIONS = "translations"
BUILD_WINDOW = "build the main window"
FIRST_PAINT = "show and paint the window (no file yet)"
IMPORT_SQLALCHEMY = "import SQLAlchemy"
IMPORT_MODELS = "import app.models (mapped classes)"
CONFIGURE_MAPPERS = "configure the ORM mappings"
OPEN_FILE = "open the file (header, lock, checks, engine)"
BACKUP = "backup on open (snapshot, integrity_check)"
FIRST_READ = "first read (check_readable)"
FIRST_PAGE = "first page (navigation, overview, figures)"
DRAW_PLAN = "draw the plan (paint)"
IMPORT_CHARTS = "import pyqtgraph / numpy"
IMPORT_OTHER = "import ReportLab / pandas / openpyxl"
OTHER = "other (Python and Qt between the phases)"
EXIT = "exit (tear-down, interpreter)"
READY = "total: process start to ready"
TOTAL = "total: process start to exit"
BACKUP_AFTER = "backup on open, after ready (at idle)"

PHASES = [INTERPRETER, IMPORT_APP, IMPORT_PYSIDE, CREATE_APP, TRANSLATIONS, BUILD_WINDOW, FIRST_PAINT,
          IMPORT_SQLALCHEMY, IMPORT_MODELS, CONFIGURE_MAPPERS, OPEN_FILE, BACKUP, FIRST_READ,
          FIRST_PAGE, DRAW_PLAN, IMPORT_CHARTS, IMPORT_OTHER, OTHER, READY, EXIT, TOTAL, BACKUP_AFTER]

# Imports timed: the first import of a module under one of these names (longest prefix wins).
IMPORT_GROUPS = {
    "PySide6": IMPORT_PYSIDE, "shiboken6": IMPORT_PYSIDE,
    "sqlalchemy": IMPORT_SQLALCHEMY,
    "app.models": IMPORT_MODELS,
    "app": IMPORT_APP, "db": IMPORT_APP,
    "pyqtgraph": IMPORT_CHARTS, "numpy": IMPORT_CHARTS,
    "reportlab": IMPORT_OTHER, "pandas": IMPORT_OTHER, "openpyxl": IMPORT_OTHER,
}


# --- the child: the program, timed from the inside ------------------------------------------

class _Clock:
    """Nested spans, per thread; each phase gets its own time (wall and CPU), nested spans
    taken out. CPU time is the thread's own: on a shared, busy machine it moves far less than
    the wall clock does."""

    def __init__(self) -> None:
        self.own: dict[str, list[float]] = {}  # phase -> [wall, cpu]
        self.stacks: dict[int, list[list]] = {}  # thread -> [[phase, wall, cpu, nested wall, nested cpu]]
        self.points: dict[str, float] = {}
        self.cpu_points: dict[str, float] = {}

    @property
    def stack(self) -> list[list]:
        return self.stacks.setdefault(threading.get_ident(), [])

    def enter(self, phase: str) -> None:
        self.stack.append([phase, time.perf_counter(), time.thread_time(), 0.0, 0.0])

    def leave(self) -> None:
        stack = self.stack
        phase, wall, cpu, nested_wall, nested_cpu = stack.pop()
        wall, cpu = time.perf_counter() - wall, time.thread_time() - cpu
        self._count(phase, wall - nested_wall, cpu - nested_cpu)
        if stack:
            stack[-1][3] += wall
            stack[-1][4] += cpu

    def add(self, phase: str, wall: float, cpu: float) -> None:
        """A span measured from outside a call (e.g. the event loop between two calls)."""
        self._count(phase, wall, cpu)
        if self.stack:
            self.stack[-1][3] += wall
            self.stack[-1][4] += cpu

    def _count(self, phase: str, wall: float, cpu: float) -> None:
        total = self.own.setdefault(phase, [0.0, 0.0])
        total[0] += wall
        total[1] += cpu

    def mark(self, point: str) -> None:
        self.points[point] = time.perf_counter()
        self.cpu_points[point] = time.process_time()

    def span(self, phase: str, fn):
        def timed(*args, **kwargs):
            self.enter(phase)
            try:
                return fn(*args, **kwargs)
            finally:
                self.leave()
        timed.__wrapped__ = fn
        return timed


def _import_group(name: str) -> str | None:
    best = None
    for prefix, phase in IMPORT_GROUPS.items():
        if (name == prefix or name.startswith(prefix + ".")) and (best is None or len(prefix) > len(best[0])):
            best = (prefix, phase)
    return best[1] if best else None


def _install(clock: _Clock) -> dict:
    """The import hook and the wrapped start-up functions (patched once their module is in).
    Returns the state they share (the workspace the first page showed)."""
    state = {"shown": None, "workspace": None}

    def patch_application(module) -> None:
        module.create_application = clock.span(CREATE_APP, module.create_application)
        module.open_first_workspace = _after_paint(module.open_first_workspace)
        translations = getattr(module.resources, "install_translations", None)
        if translations is not None and not hasattr(translations, "__wrapped__"):
            module.resources.install_translations = clock.span(TRANSLATIONS, translations)

    def _after_paint(fn):
        def timed(*args, **kwargs):
            if state["shown"] is not None:  # the event loop from show() to here: the first paint
                wall, cpu = state["shown"]
                clock.add(FIRST_PAINT, time.perf_counter() - wall, time.thread_time() - cpu)
                state["shown"] = None
            return fn(*args, **kwargs)
        return timed

    def patch_main_window(module) -> None:
        cls = module.MainWindow
        cls.__init__ = clock.span(BUILD_WINDOW, cls.__init__)
        original_show = cls.show

        def show(self):
            clock.enter(FIRST_PAINT)
            try:
                original_show(self)
            finally:
                clock.leave()
            state["shown"] = (time.perf_counter(), time.thread_time())
        cls.show = show

    def patch_workspace(module) -> None:
        module.open_workspace = clock.span(OPEN_FILE, module.open_workspace)
        module.Workspace.backup_if_changed = clock.span(BACKUP, module.Workspace.backup_if_changed)

    def patch_plans(module) -> None:
        module.check_readable = clock.span(FIRST_READ, module.check_readable)

    def patch_context(module) -> None:
        original = module.ApplicationContext.set_workspace

        def set_workspace(self, workspace, *args, **kwargs):
            state["workspace"] = workspace
            clock.enter(FIRST_PAGE)
            try:
                return original(self, workspace, *args, **kwargs)
            finally:
                clock.leave()
                clock.mark("page_set")
        module.ApplicationContext.set_workspace = set_workspace

    def patch_mapper(module) -> None:
        module._configure_registries = clock.span(CONFIGURE_MAPPERS, module._configure_registries)

    def patch_qt(module) -> None:
        original = module.QApplication.processEvents

        def process_events(*args):
            if "page_set" not in clock.points or "ready" in clock.points:
                return original(*args)
            clock.enter(DRAW_PLAN)  # run_gui's "the plan drawn" when PLANBORD_EXIT_WHEN=ready
            try:
                return original(*args)
            finally:
                clock.leave()
                clock.mark("ready")
        module.QApplication.processEvents = staticmethod(process_events)

    patches = {
        "app.views.shell.application": patch_application,
        "app.views.shell.main_window": patch_main_window,
        "app.services.workspace": patch_workspace,
        "app.services.plans": patch_plans,
        "app.views.context": patch_context,
        "sqlalchemy.orm.mapper": patch_mapper,
        "PySide6.QtWidgets": patch_qt,
    }
    sys.meta_path.insert(0, _TimingFinder(clock, patches))
    return state


class _TimingFinder:
    """Times the first import of the watched packages and patches modules once imported.

    A finder first on ``sys.meta_path`` is asked only about modules not imported yet, so it
    costs nothing per ``import`` statement: it finds the real spec with the finders after it
    and wraps that module's ``exec_module``."""

    def __init__(self, clock: _Clock, patches: dict) -> None:
        self.clock = clock
        self.patches = patches
        self.resolving: set[str] = set()

    def find_spec(self, name, path=None, target=None):
        phase = _import_group(name)
        timed = phase is not None and not any(entry[0] == phase for entry in self.clock.stack)
        if (not timed and name not in self.patches) or name in self.resolving:
            return None
        self.resolving.add(name)
        try:
            for finder in sys.meta_path:
                if finder is self or not hasattr(finder, "find_spec"):
                    continue
                spec = finder.find_spec(name, path, target)
                if spec is not None:
                    break
            else:
                return None
        finally:
            self.resolving.discard(name)
        loader = spec.loader
        if loader is None or isinstance(loader, type) or not hasattr(loader, "exec_module"):
            return spec
        original = loader.exec_module
        clock, patches = self.clock, self.patches

        def exec_module(module):
            if timed:
                clock.enter(phase)
            try:
                original(module)
            finally:
                if timed:
                    clock.leave()
            patch = patches.pop(name, None)
            if patch is not None:
                patch(module)  # imported in full: patched before anyone calls it

        loader.exec_module = exec_module
        return spec


def _child(path: str, out: str) -> int:
    clock = _Clock()
    clock.mark("main")
    state = _install(clock)
    os.environ["PLANBORD_EXIT_WHEN"] = "ready"
    # The ordinary start: no first page kept from an earlier run (that start is all window and
    # no data layer; startup_demo_ready times it).
    data = os.environ.get("PLANBORD_DATA_DIR")
    if data:
        Path(data, "first-page.json").unlink(missing_ok=True)
    sys.argv = [str(REPO / "app" / "__main__.py"), path]
    code = 0
    import runpy

    try:
        runpy.run_module("app", run_name="__main__", alter_sys=True)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    clock.mark("returned")
    own = {phase: list(times) for phase, times in clock.own.items()}  # start-up's, not what follows
    after = None
    workspace = state["workspace"]
    if workspace is not None and hasattr(workspace, "backup_on_open"):
        # What the program does at idle once the plan is drawn: timed here on the same file,
        # opened again (the program quit at ready, before it got there).
        from app.services.workspace import open_workspace

        later = open_workspace(path, backup_later=True)
        try:
            wall, cpu = time.perf_counter(), time.thread_time()
            later.backup_on_open()
            after = (time.perf_counter() - wall, time.thread_time() - cpu)
        finally:
            later.close()
    clock.mark("done")  # what follows is the interpreter's exit again
    Path(out).write_text(json.dumps({"own": own, "points": clock.points, "cpu_points": clock.cpu_points,
                                     "after_ready": after, "code": code}), encoding="utf-8")
    return code


# --- the parent: runs, phases, medians ------------------------------------------------------

def _one_run(path: Path, env: dict[str, str], timeout_s: float) -> dict[str, tuple[float, float]]:
    """One timed child: each phase of this run as (wall seconds, CPU seconds)."""
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory(prefix="planbord-breakdown-") as tmp:
        out = Path(tmp) / "phases.json"
        with open(Path(tmp) / "stderr.txt", "w+b") as err:
            spawned = time.perf_counter()  # perf_counter is CLOCK_MONOTONIC: the child's too
            proc = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), CHILD_FLAG, str(path), str(out)],
                                    env=env, cwd=REPO, stdin=subprocess.DEVNULL,
                                    stdout=subprocess.DEVNULL, stderr=err)
            timer = threading.Timer(timeout_s, proc.kill)  # only a hung child: it is reaped below
            timer.start()
            try:
                _pid, status, usage = os.wait4(proc.pid, 0)  # its own CPU time, to the end
            finally:
                timer.cancel()
            ended = time.perf_counter()
            proc.returncode = os.waitstatus_to_exitcode(status)
            err.seek(0)
            stderr = err.read().decode("utf-8", "replace")
        if proc.returncode != 0 or not out.exists():
            raise RuntimeError(f"start-up of {path.name} failed (exit code {proc.returncode}): "
                               f"{stderr.strip()[-400:]}")
        data = json.loads(out.read_text(encoding="utf-8"))
    points, cpu_points, own = data["points"], data["cpu_points"], data["own"]
    if "ready" not in points:
        raise RuntimeError(f"start-up of {path.name} never drew a plan (no file opened?)")
    phases = {phase: tuple(own.get(phase, (0.0, 0.0))) for phase in PHASES[1:PHASES.index(OTHER)]}
    # Only what came before ready is start-up; the exit's tear-down is reported apart.
    phases[INTERPRETER] = (points["main"] - spawned, cpu_points["main"])
    phases[READY] = (points["ready"] - spawned, cpu_points["ready"])
    named = [phases[p] for p in PHASES[:PHASES.index(OTHER)]]
    phases[OTHER] = (phases[READY][0] - sum(w for w, _ in named), phases[READY][1] - sum(c for _, c in named))
    total_cpu = usage.ru_utime + usage.ru_stime
    # The exit: from ready until run_gui returned, and from the child's last line to its end (not
    # the after-ready backup timed in between).
    phases[EXIT] = (points["returned"] - points["ready"] + ended - points["done"],
                    cpu_points["returned"] - cpu_points["ready"] + total_cpu - cpu_points["done"])
    phases[TOTAL] = (phases[READY][0] + phases[EXIT][0], phases[READY][1] + phases[EXIT][1])
    if data.get("after_ready") is not None:
        phases[BACKUP_AFTER] = tuple(data["after_ready"])
    return phases


def as_installed(env: dict[str, str], pycache: Path) -> dict[str, str]:
    """``env`` with Python's bytecode cache on, kept in ``pycache``: an installed program has its
    modules compiled (pip and the installers do it), so start-up is measured without the
    compiler; PYTHONDONTWRITEBYTECODE (set in some shells and CI) would add some 75 ms of
    compiling Planbord's own modules to every run."""
    env = dict(env)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    return env


def breakdown(path: Path, runs: int, env: dict[str, str], timeout_s: float = 60.0,
              label: str = "") -> list[dict]:
    """One warm-up run, then ``runs`` timed ones: one line per phase (medians of its wall and
    CPU time), in start-up's order."""
    import shutil
    import statistics
    import tempfile

    with tempfile.TemporaryDirectory(prefix="planbord-breakdown-") as tmp:
        copy = Path(tmp) / path.name  # the program opens it for writing: never the caller's file
        shutil.copyfile(path, copy)
        env = as_installed(env, Path(tmp) / "pycache")
        _one_run(copy, env, timeout_s)  # warm: the bytecode, the page cache, the first backup
        measured = [_one_run(copy, env, timeout_s) for _ in range(runs)]
    ready = statistics.median(m[READY][0] for m in measured)
    lines = []
    for order, phase in enumerate(PHASES, start=1):
        values = [m[phase] for m in measured if phase in m]
        if not values:
            continue
        median = statistics.median(w for w, _ in values)
        line = {"phase": phase, "order": order, "median_s": median,
                "cpu_s": statistics.median(c for _, c in values), "runs": len(values),
                "workspace": label or path.name}
        if phase not in (READY, EXIT, TOTAL, BACKUP_AFTER):
            line["share_of_ready"] = round(median / ready, 3) if ready else None
        if phase == BACKUP_AFTER:
            line["after_ready"] = True
        lines.append(line)
    return lines


def main(ctx) -> list[dict]:
    """For ``benchmarks/run.py --startup-breakdown``: the demo workspace, and at ``--scale N``
    above 1 the large one too, ``ctx.runs`` runs each. Returns the lines (run.py prints them)."""
    env = ctx.child_env()
    env.pop("PLANBORD_EXIT_WHEN", None)
    lines: list[dict] = []
    targets = []
    if getattr(ctx, "demo", None) is not None:
        targets.append(("demo", ctx.demo))
    if getattr(ctx, "scale", 1) > 1 and getattr(ctx, "large", None) is not None:
        targets.append((f"large x{ctx.scale}", ctx.large))
    if not targets:
        from benchmarks.run import BenchmarkError

        raise BenchmarkError(f"no workspace to start on: {getattr(ctx, 'demo_error', '')}")
    for label, path in targets:
        lines += breakdown(Path(path), ctx.runs, env, max(ctx.timeout_s, 60.0), label)
    return lines


def table(lines: list[dict]) -> str:
    """The lines as a Markdown table (for benchmarks/README.md)."""
    rows = ["| phase | wall ms | CPU ms | share of ready |", "|---|---:|---:|---:|"]
    for line in lines:
        share = line.get("share_of_ready")
        rows.append(f"| {line['phase']} | {line['median_s'] * 1000:.0f} | {line['cpu_s'] * 1000:.0f} | "
                    f"{'' if share is None else f'{share:.0%}'} |")
    return "\n".join(rows)


def _script(argv: list[str]) -> int:
    import argparse
    import subprocess
    import tempfile

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", nargs="?", type=Path, help="the workspace (default: a new demo workspace)")
    parser.add_argument("--runs", type=int, default=7, help="timed runs (default 7)")
    parser.add_argument("--table", action="store_true", help="a Markdown table instead of JSON lines")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="planbord-breakdown-") as tmp:
        data = Path(tmp) / "data"
        data.mkdir()
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PLANBORD_DATA_DIR=str(data))
        env.pop("PLANBORD_EXIT_WHEN", None)
        path = args.file
        if path is None:
            path = Path(tmp) / "demo.planbord"
            subprocess.run([sys.executable, "-m", "app", "demo", str(path)], env=env, cwd=REPO,
                           check=True, stdout=subprocess.DEVNULL)
        lines = breakdown(path, args.runs, env, label="demo" if args.file is None else "")
        if args.table:
            print(table(lines))
            return 0
        for line in lines:
            line = {"name": "startup_breakdown", **line}
            line["median_s"] = round(line["median_s"], 4)
            line["cpu_s"] = round(line["cpu_s"], 4)
            print(json.dumps(line, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == [CHILD_FLAG]:
        sys.path.insert(0, str(REPO))
        sys.exit(_child(sys.argv[2], sys.argv[3]))
    sys.exit(_script(sys.argv[1:]))
