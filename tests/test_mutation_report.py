"""scripts/mutation.py: the score it prints is what the cached verdicts say, excluded mutants
are left out only while their entry still matches the code, and a stale entry is named."""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "mutation.py"


@pytest.fixture
def mutation(tmp_path, monkeypatch):
    spec = importlib.util.spec_from_file_location("mutation_script", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "mutation_script", module)  # dataclasses look it up
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "ROOT", tmp_path)
    monkeypatch.setattr(module, "EQUIVALENTS", tmp_path / "equivalents.toml")
    monkeypatch.setattr(module, "SURVIVORS", tmp_path / "mutants" / "survivors.txt")
    monkeypatch.setattr(module, "SAMPLE", tmp_path / "mutants" / "sample.json")
    diffs = {}
    monkeypatch.setattr(module, "diff_of", lambda name, path: diffs.get(name, ""))
    module.diffs = diffs
    return module


def write_meta(root: Path, path: str, verdicts: dict) -> None:
    meta = root / "mutants" / (path + ".meta")
    meta.parent.mkdir(parents=True, exist_ok=True)
    meta.write_text(json.dumps({"exit_code_by_key": verdicts}), encoding="utf-8")


def test_score_counts_killed_timeouts_and_survivors_per_package(mutation, tmp_path, capsys):
    """9 killed (one by a timeout) and 1 survivor in the services is 90,0 %; a views file outside
    the measured groups does not count; a survivor is written to survivors.txt with its diff."""
    verdicts = {f"app.services.a.x_f__mutmut_{i}": 1 for i in range(8)}
    verdicts["app.services.a.x_f__mutmut_8"] = 36  # timeout: the bug hung a test, it was seen
    verdicts["app.services.a.x_f__mutmut_9"] = 0
    write_meta(tmp_path, "app/services/a.py", verdicts)
    write_meta(tmp_path, "app/views/shell/main_window.py", {"app.views.shell.main_window.x_g__mutmut_1": 0})
    mutation.diffs["app.services.a.x_f__mutmut_9"] = "-    return a < b\n+    return a <= b"
    assert mutation.report() is True
    out = capsys.readouterr().out
    services = next(line for line in out.splitlines() if line.startswith("app/services"))
    assert services.split()[1:4] == ["90.0%", "9", "1"]
    assert "Goal: 90% on models+services+reports: met" in out
    survivors = (tmp_path / "mutants" / "survivors.txt").read_text(encoding="utf-8")
    assert "app.services.a.x_f__mutmut_9 (survived)" in survivors and "+    return a <= b" in survivors
    assert "main_window" not in survivors


def test_a_mutant_no_test_reaches_counts_as_a_survivor(mutation, tmp_path, capsys):
    """Exit code 33 (no test reaches the function) is not a kill: 1 of 2 is 50 %, goal not met."""
    write_meta(tmp_path, "app/models/m.py", {"app.models.m.x_h__mutmut_1": 1,
                                             "app.models.m.x_h__mutmut_2": 33})
    assert mutation.report() is False
    out = capsys.readouterr().out
    assert next(line for line in out.splitlines() if line.startswith("app/models")).split()[1] == "50.0%"
    assert "NOT met" in out


def test_equivalent_counts_only_while_its_line_matches(mutation, tmp_path, capsys):
    """A listed equivalent is left out while `mutmut show` still prints its line; once the code
    changed (another line under that name) the entry is stale, named, and the mutant counts."""
    write_meta(tmp_path, "app/reports/r.py", {"app.reports.r.x_k__mutmut_1": 1,
                                              "app.reports.r.x_k__mutmut_2": 0})
    (tmp_path / "equivalents.toml").write_text(
        '[[equivalent]]\nmutant = "app.reports.r.x_k__mutmut_2"\nline = "x = y or 0"\n'
        'reason = "y is never 0"\n', encoding="utf-8")
    mutation.diffs["app.reports.r.x_k__mutmut_2"] = "-    x = y or 1\n+    x = y or 0"
    assert mutation.report() is True
    out = capsys.readouterr().out
    assert next(line for line in out.splitlines() if line.startswith("app/reports")).split()[1:5] == [
        "100.0%", "1", "0", "1"]
    mutation.diffs["app.reports.r.x_k__mutmut_2"] = "-    x = y or 1\n+    x = None"
    assert mutation.report() is False
    out = capsys.readouterr().out
    assert "stale" in out and "app.reports.r.x_k__mutmut_2" in out



def test_several_equivalents_share_one_reason_and_each_line_is_checked(mutation, tmp_path, capsys):
    write_meta(tmp_path, "app/services/h.py", {f"app.services.h.x_f__mutmut_{i}": 0 for i in (1, 2, 3)})
    (tmp_path / "equivalents.toml").write_text(
        '[[equivalent]]\nreason = "only ever compared with itself"\nmutants = [\n'
        '  ["app.services.h.x_f__mutmut_1", "h = read(None)"],\n'
        '  ["app.services.h.x_f__mutmut_2", "h = read(101)"],\n]\n', encoding="utf-8")
    mutation.diffs.update({"app.services.h.x_f__mutmut_1": "-h = read(100)\n+h = read(None)",
                           "app.services.h.x_f__mutmut_2": "-h = read(100)\n+h = read(99)"})
    assert mutation.report() is False
    out = capsys.readouterr().out
    # 1 matches its line: left out; 2 shows another line now: stale, and counts; 3 was never listed
    assert next(line for line in out.splitlines() if line.startswith("app/services")).split()[1:5] == [
        "0.0%", "0", "2", "1"]
    assert "1 stale entries" in out and "app.services.h.x_f__mutmut_2" in out

def test_unjudged_function_leaves_out_all_its_mutants(mutation, tmp_path, capsys):
    """An [[unjudged]] function excludes each of its mutants, and no other function's."""
    write_meta(tmp_path, "app/models/types.py", {
        "app.models.types.xǁMoneyǁ__init____mutmut_1": 0,
        "app.models.types.xǁMoneyǁ__init____mutmut_2": 0,
        "app.models.types.xǁMoneyǁ_check__mutmut_1": 1})
    (tmp_path / "equivalents.toml").write_text(
        '[[unjudged]]\nfunction = "app.models.types.xǁMoneyǁ__init__"\nreason = "import time"\n',
        encoding="utf-8")
    assert mutation.report() is True
    out = capsys.readouterr().out
    assert next(line for line in out.splitlines() if line.startswith("app/models")).split()[1:6] == [
        "100.0%", "1", "0", "0", "2"]


def test_a_sample_prints_its_estimate_with_the_margin(mutation, tmp_path, capsys):
    """Of the 10 sampled mutants 8 are killed: 80,0 % ± 24,8 % (95 %) over a frame of 15, the
    other verdicts (older runs) do not count in it, and below 90 % the goal is not met."""
    verdicts = {f"app.services.s.x_f__mutmut_{i}": 1 for i in range(8)}
    verdicts.update({f"app.services.s.x_f__mutmut_{i}": 0 for i in range(8, 10)})
    verdicts.update({f"app.services.s.x_f__mutmut_{i}": None for i in range(10, 13)})
    verdicts.update({f"app.services.s.x_f__mutmut_{i}": 0 for i in range(13, 15)})  # not sampled
    write_meta(tmp_path, "app/services/s.py", verdicts)
    (tmp_path / "mutants" / "sample.json").write_text(json.dumps(
        {"seed": 3, "names": [f"app.services.s.x_f__mutmut_{i}" for i in range(13)]}), encoding="utf-8")
    assert mutation.report() is False
    out = capsys.readouterr().out
    assert ("Estimate from a random sample of 10 of the 15 mutants of models+services+reports, judged "
            "with today's tests: 80.0% ± 24.8% (95 %)") in out


def test_a_sample_at_the_goal_meets_it_while_mutants_are_left_unjudged(mutation, tmp_path, capsys):
    verdicts = {f"app.models.m.x_g__mutmut_{i}": 1 for i in range(9)}
    verdicts.update({"app.models.m.x_g__mutmut_9": 0, "app.models.m.x_g__mutmut_10": None})
    write_meta(tmp_path, "app/models/m.py", verdicts)
    (tmp_path / "mutants" / "sample.json").write_text(json.dumps(
        {"seed": 1, "names": [f"app.models.m.x_g__mutmut_{i}" for i in range(10)]}), encoding="utf-8")
    assert mutation.report() is True
    assert "90.0% ± 18.6% (95 %)" in capsys.readouterr().out


def test_a_sample_draws_from_todays_mutants_leaving_out_equivalents(mutation, tmp_path, monkeypatch):
    write_meta(tmp_path, "app/services/a.py", {f"app.services.a.x_f__mutmut_{i}": 0 for i in range(1, 6)})
    write_meta(tmp_path, "app/views/w.py", {"app.views.w.x_g__mutmut_1": 0})
    (tmp_path / "equivalents.toml").write_text(
        '[[equivalent]]\nmutant = "app.services.a.x_f__mutmut_2"\nline = "x = 1"\nreason = "r"\n',
        encoding="utf-8")
    mutation.diffs["app.services.a.x_f__mutmut_2"] = "-x = 0\n+x = 1"
    bootstraps, named = [], []
    monkeypatch.setattr(mutation.subprocess, "run", lambda command, **kw: bootstraps.append(command))
    monkeypatch.setattr(mutation, "_run_named", named.extend)
    mutation.run_sample(10, seed=5)
    assert bootstraps == [[*mutation.MUTMUT, "run", mutation.BOOTSTRAP]]  # changed files re-made first
    assert sorted(named) == [f"app.services.a.x_f__mutmut_{i}" for i in (1, 3, 4, 5)]
    saved = json.loads((tmp_path / "mutants" / "sample.json").read_text(encoding="utf-8"))
    assert saved["seed"] == 5 and sorted(saved["names"]) == sorted(named)


def test_check_selects_by_name_glob_or_a_files_survivors(mutation, tmp_path, capsys):
    write_meta(tmp_path, "app/services/a.py", {"app.services.a.x_f__mutmut_1": 1,
                                               "app.services.a.x_f__mutmut_2": 0,
                                               "app.services.a.x_g__mutmut_1": 33})
    write_meta(tmp_path, "app/services/b.py", {"app.services.b.x_h__mutmut_1": 0})
    names = lambda patterns: [m.name for m in mutation.select_mutants(patterns)]  # noqa: E731
    assert names(["app/services/a.py"]) == ["app.services.a.x_f__mutmut_2", "app.services.a.x_g__mutmut_1"]
    assert names(["app.services.a.x_f__*"]) == ["app.services.a.x_f__mutmut_1", "app.services.a.x_f__mutmut_2"]
    assert names(["app.services.b.x_h__mutmut_1", "app/services/b.py"]) == ["app.services.b.x_h__mutmut_1"]
    assert names(["app/services/c.py"]) == []
    assert "Geen mutanten bij 'app/services/c.py'." in capsys.readouterr().err


def test_check_runs_the_tests_under_each_mutant_and_a_failing_test_kills_it(mutation, tmp_path, monkeypatch,
                                                                            capsys):
    (tmp_path / "mutants" / "app").mkdir(parents=True)
    write_meta(tmp_path, "app/services/a.py", {"app.services.a.x_f__mutmut_1": 0,
                                               "app.services.a.x_f__mutmut_2": 0,
                                               "app.services.a.x_f__mutmut_3": 0})
    runs = []

    def fake_run(command, cwd, env, **kwargs):
        runs.append((env["MUTANT_UNDER_TEST"], cwd, command[-1]))
        code = {"app.services.a.x_f__mutmut_1": 1, "app.services.a.x_f__mutmut_2": 0}.get(
            env["MUTANT_UNDER_TEST"], 2)
        return type("Done", (), {"returncode": code})()

    monkeypatch.setattr(mutation.subprocess, "run", fake_run)
    assert mutation.check(["tests/test_x.py"], ["app/services/a.py"]) == 1
    out = capsys.readouterr().out
    assert "killed     app.services.a.x_f__mutmut_1" in out
    assert "survived   app.services.a.x_f__mutmut_2" in out
    assert "error (pytest exit 2) app.services.a.x_f__mutmut_3" in out  # a broken test kills nothing
    assert "1 of 3 killed by tests/test_x.py" in out
    assert [r[0] for r in runs] == [f"app.services.a.x_f__mutmut_{i}" for i in (1, 2, 3)]
    assert all(cwd == tmp_path / "mutants" and path.endswith("tests/test_x.py") for _, cwd, path in runs)


def test_a_run_judges_again_only_the_cached_survivors_not_listed_as_equivalent(mutation, tmp_path,
                                                                              monkeypatch):
    write_meta(tmp_path, "app/services/a.py", {"app.services.a.x_f__mutmut_1": 0,
                                               "app.services.a.x_f__mutmut_2": 0,
                                               "app.services.a.x_f__mutmut_3": 1})
    write_meta(tmp_path, "app/views/w.py", {"app.views.w.x_g__mutmut_1": 0})  # not measured
    (tmp_path / "equivalents.toml").write_text(
        '[[equivalent]]\nmutant = "app.services.a.x_f__mutmut_2"\nline = "x = 1"\nreason = "r"\n',
        encoding="utf-8")
    mutation.diffs["app.services.a.x_f__mutmut_2"] = "-x = 0\n+x = 1"
    mutmut_runs, named = [], []
    monkeypatch.setattr(mutation.subprocess, "run", lambda command, **kw: mutmut_runs.append(command))
    monkeypatch.setattr(mutation, "_run_named", named.extend)
    mutation.run(fresh=False)
    assert mutmut_runs == [[*mutation.MUTMUT, "run"]]
    assert named == ["app.services.a.x_f__mutmut_1"]
