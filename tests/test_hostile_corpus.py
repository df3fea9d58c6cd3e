"""Every hostile or damaged file of tests/hostile_corpus.py through open, ``summary --json``,
``pdf`` and a first edit (issue 14, point 6): a Dutch message and exit code, never a traceback,
never a hang, never a figure computed from a value that failed, never a changed file.

Each case runs in a forked child of this process (the program is imported once, a case costs
milliseconds to start) that the test kills when it passes its time: a hang is a failure, not a
stuck test run.

SQLite only: the corpus is of damaged and hostile files. The service tests run on both backends
(issue 22).
"""
from __future__ import annotations

import contextlib
import hashlib
import io
import json
import multiprocessing
import os
import re
import shutil
import traceback
from pathlib import Path

import pytest

from hostile_corpus import CASES, Case, build

SECONDS_PER_CASE = 45
SECTIONS = "begroting,bijdragen,formatie,projecten,voortgang"  # every annex the command line prints
FIGURES = ("budget", "funding", "balance", "contributions_basis", "contributions", "fixed_settlements")


def digest(path: Path) -> str | None:
    """The file's bytes (and its sidecars'), or None for what is not a regular file."""
    if not path.is_file():
        return None
    h = hashlib.sha256(path.read_bytes())
    for suffix in ("-wal", "-journal"):
        side = Path(f"{path}{suffix}")
        if side.is_file():
            h.update(side.read_bytes())
    return h.hexdigest()


def cli(*argv: str) -> tuple[int, str, str]:
    from app.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(argv))
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 2
    return code, out.getvalue(), err.getvalue()


def steps(path: Path, folder: Path) -> dict:
    """What a user does with a file that arrived by e-mail: open it, look at its figures, print
    it, change something. Each step's outcome, as the user would see it."""
    from app.errors import UserError
    from app.models import Plan, PlanKind
    from app.services.plan_copy import create_amendment
    from app.services.workspace import open_workspace
    from sqlalchemy import select

    from app.services.errors import LockedError

    result: dict = {"hash_before": digest(path)}
    try:
        try:
            workspace = open_workspace(path)
        except LockedError as exc:  # a lock the program says may be lifted: the user lifts it
            if not (exc.stale or getattr(exc, "can_lift", False)):
                raise
            workspace = open_workspace(path, break_lock=True)
    except UserError as exc:
        result["open"] = {"refused": exc.message}
        workspace = None
    else:
        result["open"] = {"refused": None}
    result["summary"] = cli("summary", str(path), "--json")
    result["pdf"] = cli("pdf", str(path), "--sections", SECTIONS, "--out", str(folder / "bijlage.pdf"))
    if workspace is not None:
        try:
            with workspace.session() as session:
                adopted = session.scalars(select(Plan.id).where(Plan.kind == PlanKind.PLAN)).first()
            create_amendment(workspace, adopted)
            result["edit"] = "ok"
        except UserError as exc:
            result["edit"] = exc.message
        finally:
            workspace.close()
    result["hash_after"] = digest(path)
    return result


def child(case_name: str, template: str, folder: str, pipe) -> None:
    os.environ["PLANBORD_DATA_DIR"] = str(Path(folder) / "data")
    try:
        case = next(c for c in CASES if c.name == case_name)
        path = build(case, Path(template), Path(folder) / "file")
        pipe.send(steps(path, Path(folder)))
    except BaseException:  # noqa: BLE001 - what escaped is the finding
        pipe.send({"crash": traceback.format_exc()})
    finally:
        pipe.close()


def run(case: Case, template: Path, folder: Path) -> dict:
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=child, args=(case.name, str(template), str(folder), send))
    process.start()
    send.close()
    answer = receive.recv() if receive.poll(SECONDS_PER_CASE) else {"hang": f"over {SECONDS_PER_CASE} s"}
    if process.is_alive():
        process.kill()
    process.join(5)
    return answer


@pytest.fixture(scope="module")
def template(demo_template) -> Path:
    return demo_template


@pytest.fixture(scope="module")
def demo_figures(template, tmp_path_factory) -> dict:
    """The demo's own figures, through the same command."""
    folder = tmp_path_factory.mktemp("clean")
    path = folder / "demo.planbord"
    shutil.copyfile(template, path)
    code, out, err = cli("summary", str(path), "--json")
    assert code == 0, err
    summary = json.loads(out)
    return {key: summary[key] for key in FIGURES}


def no_traceback(text: str) -> bool:
    return "Traceback" not in text and not re.search(r"\b\w+(Error|Exception):", text)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_hostile_file_is_refused_in_dutch_or_opened_with_the_right_figures(case, template, demo_figures,
                                                                            tmp_path):
    outcome = run(case, template, tmp_path)
    assert "hang" not in outcome, f"{case.name} hangs ({outcome['hang']})"
    assert "crash" not in outcome, outcome.get("crash")
    for step in ("summary", "pdf"):
        code, out, err = outcome[step]
        assert code in (0, 1, 2), (step, code)
        assert no_traceback(out + err), (step, err[-2000:])
        if code:
            assert err.startswith("planbord: ") and len(err) > 20, (step, err)
    refused = outcome["open"]["refused"]
    if case.expect == "refuse":
        assert refused, f"{case.name} opened; it should have been refused"
        assert no_traceback(refused) and len(refused) > 20, refused
        assert outcome["summary"][0] != 0 and outcome["pdf"][0] != 0  # no figures from it
        assert outcome["hash_after"] == outcome["hash_before"], "the refused file was changed"
    else:
        assert refused is None, refused
        code, out, err = outcome["summary"]
        assert code == 0, err
        summary = json.loads(out)
        assert {key: summary[key] for key in FIGURES} == demo_figures  # every figure as the demo's
        assert outcome["pdf"][0] == 0, outcome["pdf"][2]
        assert outcome["edit"] == "ok", outcome["edit"]


def test_the_corpus_covers_the_issue():
    """At least 60 files, of every kind the issue names."""
    names = " ".join(c.name for c in CASES)
    assert len(CASES) >= 60
    for word in ("trigger", "view", "real", "text", "largest_integer", "null", "amount_and_a_marker", "fifty_million",
                 "own_parent", "cycle", "fifo", "folder", "lock", "million_characters", "unbroken", "arabic", "emoji"):
        assert word in names, word
