"""No crash at exit: a script that builds the main window with the charts open and returns
without closing or deleting anything exits with code 0, every time (issue 18, point 7).

Left to the interpreter's exit, PySide deletes the Qt objects Python still holds in no
particular order, and pyqtgraph's graphics items called back into half-destroyed Python
objects: a segmentation fault (exit code 139) in about half the runs. The application
object (create_application) now destroys the windows in order before that. The crash was
random, so the script runs 20 times, each in a fresh process, a few at once.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = 20
AT_ONCE = 4

# Builds the window as a program or a test would, opens the Grafieken dock with its charts
# drawn, and returns: the window, its charts, the context and the open file left as they are.
LEAVE_EVERYTHING_OPEN = """
import sys
from app.views.shell.application import create_application

app = create_application([])
from app.services.workspace import open_workspace
from app.views.context import ApplicationContext
from app.views.settings import SettingsStore
from app.views.shell.main_window import MainWindow

store = SettingsStore()
context = ApplicationContext(open_workspace(sys.argv[1]), store, store.load())
window = MainWindow(context)
window.show()
window.charts.show()
panel = window.charts.ensure_panel()
app.processEvents()
chart = panel.current_chart()
assert chart is not None and chart.isVisible(), "no chart drawn"
print("charts open", type(chart).__name__, flush=True)
"""


def _run_once(script: Path, demo: Path, folder: Path) -> tuple[int, str, str]:
    folder.mkdir()
    workspace = folder / "demo.planbord"
    shutil.copyfile(demo, workspace)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PLANBORD_DATA_DIR=str(folder / "data"))
    result = subprocess.run([sys.executable, str(script), str(workspace)], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    return result.returncode, result.stdout, result.stderr


def test_main_window_with_charts_left_open_exits_cleanly(demo_template, tmp_path):
    script = tmp_path / "leave_everything_open.py"
    script.write_text(LEAVE_EVERYTHING_OPEN, encoding="utf-8")
    with ThreadPoolExecutor(AT_ONCE) as pool:
        results = list(pool.map(lambda i: _run_once(script, demo_template, tmp_path / f"run-{i}"),
                                range(RUNS)))
    codes = [code for code, _, _ in results]
    failed = [(code, err) for code, _, err in results if code != 0]
    assert codes == [0] * RUNS, (
        f"exit codes {codes} (139 is a segmentation fault); first failure:\n"
        + (failed[0][1][-1500:] if failed else ""))
    for _, out, _ in results:  # the charts really were open: a script that built none proves nothing
        assert out.startswith("charts open"), out
