"""Peak memory with everything open (issue 18, point 5): ``memory_everything_open_large``.

Loaded by run.py (``EXTENSIONS``). A fresh process (so nothing of the benchmark process counts)
opens the main window over a copy of the large workspace (at ``--scale N`` the N-times one) and
opens, one after the other and each left open: every page of the newest plan (overview, budget
and funding, key, staffing, progress, a project), the Grafieken dock with each of its charts, the
Vergelijking dock against the year before, and the find bar with a search; then it reports its
peak resident memory (ru_maxrss). Goal: under 200 MB at 1x and at 10x.

Also runnable by itself: ``python benchmarks/bench_memory.py WORKSPACE.planbord`` prints the
figure as JSON.
"""
from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

GOAL_MB = 200.0
REPO = Path(__file__).resolve().parent.parent


def _settle(app) -> None:
    """One turn of a real event loop, as between two clicks of a user: what was painted is
    painted and what was let go (deleteLater) is freed (processEvents alone frees nothing)."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(0, loop.quit)
    loop.exec()


def open_everything(path: Path) -> dict:
    """In this process: the window over ``path`` with everything open; the peak memory in MB."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import resource

    from app.views.shell.application import create_application

    app = create_application()
    from app.services.workspace import open_workspace
    from app.views.context import ApplicationContext
    from app.views.settings import SettingsStore
    from app.views.shell.main_window import MainWindow
    from app.views.shell.navigation import Node

    context = ApplicationContext(open_workspace(path), SettingsStore.at(path.with_suffix(".ini")))
    window = MainWindow(context)
    window.resize(1366, 768)
    window.show()
    _settle(app)
    plans = window._plans
    newest = max(plans, key=lambda i: (plans[i].year, i))
    pages = 0
    for kind in ("plan", "budget", "funding", "key", "staffing", "progress"):
        if window.show_node(Node(kind, newest, newest)):
            pages += 1
        _settle(app)
    with context.workspace.session() as session:
        from sqlalchemy import select

        from app.models import Chapter, Project

        project = session.scalar(select(Project.id).join(Chapter).where(Chapter.plan_id == newest)
                                 .order_by(Project.id))
    if project is not None and window.show_node(Node("project", project, newest)):
        pages += 1
    _settle(app)
    window.charts.show()
    panel = window.charts.ensure_panel()
    from app.views.charts import CHART_NAMES

    for name in CHART_NAMES:
        panel.show_chart(name)
        _settle(app)
    earlier = [i for i in plans if plans[i].region_id == plans[newest].region_id and plans[i].year < plans[newest].year]
    if earlier:
        window.open_comparison(max(earlier, key=lambda i: (plans[i].year, i)), newest)
        _settle(app)
    window.ensure_find_bar().open()
    _settle(app)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    window.close()
    context.close()  # the file's lock released, as at a quit
    return {"peak_mb": peak, "pages": pages, "charts": len(CHART_NAMES), "comparison": bool(earlier)}


def memory_everything_open_large(ctx) -> dict:
    from benchmarks.common import need_large
    from benchmarks.run import run_child

    path = ctx.tmp / "large-memory.planbord"
    shutil.copy(need_large(ctx), path)
    runs = []
    for _ in range(3 if ctx.quick else 5):
        # Through run.py's measuring wrapper: a child spawned from this (large) benchmark process
        # would start with its peak and report that.
        child = run_child([sys.executable, __file__, str(path)], ctx.child_env(), ctx.timeout_s)
        runs.append({**json.loads(child.stdout.strip().splitlines()[-1]), "peak_mb": child.peak_mb})
    peak = sorted(r["peak_mb"] for r in runs)[len(runs) // 2]
    return {"peak_mb": peak, "runs": len(runs), "pages": runs[0]["pages"], "charts": runs[0]["charts"],
            "goal": f"< {GOAL_MB:g} MB", "meets_goal": peak < GOAL_MB}


BENCHMARKS = [("memory_everything_open_large", memory_everything_open_large)]
BASELINES: dict[str, str] = {}

if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    print(json.dumps(open_everything(Path(sys.argv[1]))), flush=True)
    # A normal exit: the application tears its windows down (a crash there fails the benchmark).
