"""The benchmark machinery at scale (issue 18): run.py --scale N, the cached workspaces, every
line carrying its scale, the edits' p90, --startup-breakdown and the side-by-side table.
No timing is checked here (timing belongs in benchmarks/); the generator is replaced by a stub."""
from __future__ import annotations

import json
import sys
import types
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # benchmarks/ is not an installed package
    sys.path.insert(0, str(REPO))

from benchmarks import common, run  # noqa: E402


def _context(tmp_path: Path, scale: int = 1, cache: Path | None = None, seed: int | None = None) -> run.Context:
    return run.Context(quick=True, runs=1, timeout_s=10.0, tmp=tmp_path, data_dir=tmp_path / "data",
                       scale=scale, seed=seed, cache=cache)


def _lines(capsys) -> list[dict]:
    return [json.loads(text) for text in capsys.readouterr().out.splitlines() if text.strip()]


# --- the figures ----------------------------------------------------------------------------

def test_percentile_is_nearest_rank_of_what_was_measured() -> None:
    sixty = [n / 1000 for n in range(60, 0, -1)]  # unordered on purpose
    assert common.percentile(sixty, 0.9) == 0.054
    assert common.percentile(range(1, 201), 0.1) == 20
    assert common.percentile(range(1, 201), 0.9) == 180
    assert common.percentile([7.0], 0.9) == 7.0
    with pytest.raises(ValueError):
        common.percentile([], 0.5)


def test_edit_figures_report_p90_beside_the_median() -> None:
    figures = common.edit_figures([0.001] * 9 + [0.010])
    assert figures == {"median_s": 0.001, "p90_s": 0.001, "runs": 10}
    assert common.edit_figures([0.001] * 8 + [0.010] * 2)["p90_s"] == 0.010


def test_sanity_checks_grow_with_the_scale(tmp_path: Path) -> None:
    assert common.scaled(_context(tmp_path, scale=10), 2_000) == 20_000
    assert common.scaled(_context(tmp_path), 200) == 200
    assert common.scaled(types.SimpleNamespace(), 40) == 40  # a context from before --scale


def test_every_line_carries_its_scale_and_p90_beside_the_median(tmp_path: Path, capsys) -> None:
    ctx = _context(tmp_path, scale=10)
    run._emit(ctx, {"name": "x_edit", "runs": 60, "p90_s": 0.0123456, "median_s": 0.00712345})
    run._emit(ctx, {"name": "broken", "error": "no large workspace"})
    first, error = _lines(capsys)
    assert list(first)[:4] == ["name", "scale", "median_s", "p90_s"]
    assert first["scale"] == 10 and first["median_s"] == 0.00712
    assert error == {"name": "broken", "scale": 10, "error": "no large workspace"}


def test_ratio_against_the_baseline_of_the_same_run(tmp_path: Path) -> None:
    ctx = _context(tmp_path)
    run._finish(ctx, "commit_bare_sqlite", {"median_s": 0.002, "runs": 200})
    line = run._finish(ctx, "budget_edit_to_update_large",
                       {"median_s": 0.008, "p90_s": 0.012, "runs": 60, "baseline": "commit_bare_sqlite"})
    assert line["ratio"] == pytest.approx(4.0)


# --- the large workspace, generated or cached ----------------------------------------------

@pytest.fixture
def builds(monkeypatch) -> list[tuple[int, int]]:
    """A stand-in for generate.py's build_large_workspace: writes its arguments, records the call."""
    import benchmarks.generate as generate

    made: list[tuple[int, int]] = []

    def build(path, seed=generate.DEFAULT_SEED, scale=1) -> None:
        made.append((scale, seed))
        Path(path).write_text(f"scale {scale} seed {seed}", encoding="utf-8")

    monkeypatch.setattr(generate, "build_large_workspace", build)
    return made


def test_without_a_cache_the_workspace_is_generated_in_the_run(tmp_path: Path, builds) -> None:
    ctx = _context(tmp_path, scale=10)
    line = run._large_workspace(ctx)
    assert builds == [(10, run_default_seed())]
    assert ctx.large == tmp_path / "large.planbord"
    assert ctx.large.read_text(encoding="utf-8") == f"scale 10 seed {run_default_seed()}"
    assert line["name"] == "generate_large" and line["runs"] == 1 and "cached" not in line


def run_default_seed() -> int:
    from benchmarks.generate import DEFAULT_SEED

    return DEFAULT_SEED


def test_the_cache_keeps_one_file_per_scale_and_seed(tmp_path: Path, builds) -> None:
    cache = tmp_path / "cache"
    runs = [tmp_path / f"run{i}" for i in range(4)]
    for folder in runs:
        folder.mkdir()

    first = _context(runs[0], scale=10, cache=cache)
    assert "median_s" in run._large_workspace(first)
    first.large.write_text("changed by a benchmark", encoding="utf-8")  # the run's copy only

    again = _context(runs[1], scale=10, cache=cache)
    line = run._large_workspace(again)
    assert builds == [(10, run_default_seed())]  # reused, not generated again
    assert "median_s" not in line and line["cached"].endswith(".planbord")
    assert again.large == runs[1] / "large.planbord"
    assert again.large.read_text(encoding="utf-8") == f"scale 10 seed {run_default_seed()}"

    run._large_workspace(_context(runs[2], scale=1, cache=cache))
    run._large_workspace(_context(runs[3], scale=10, seed=7, cache=cache))
    assert builds == [(10, run_default_seed()), (1, run_default_seed()), (10, 7)]
    assert sorted(p.name for p in cache.iterdir()) == sorted(
        {run.cached_name(10, run_default_seed()), run.cached_name(1, run_default_seed()),
         run.cached_name(10, 7)})


def test_cached_names_say_scale_seed_and_the_code_that_made_them() -> None:
    name = run.cached_name(10, 42)
    assert name.startswith("large-x10-seed42-") and name.endswith(".planbord")
    assert run.cached_name(10, 42) == name != run.cached_name(1, 42)


# --- --startup-breakdown --------------------------------------------------------------------

def test_a_missing_startup_breakdown_is_a_json_error_line(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setattr(run, "STARTUP_BREAKDOWN", "benchmarks.no_such_breakdown_module")
    run._startup_breakdown(_context(tmp_path))
    (line,) = _lines(capsys)
    assert line["name"] == "startup_breakdown" and "missing" in line["error"]


def _fake_breakdown(monkeypatch, main) -> None:
    module = types.ModuleType("fake_startup_breakdown")
    module.main = main
    monkeypatch.setitem(sys.modules, "fake_startup_breakdown", module)
    monkeypatch.setattr(run, "STARTUP_BREAKDOWN", "fake_startup_breakdown")


def test_the_startup_breakdown_gets_the_prepared_context(tmp_path: Path, capsys, monkeypatch) -> None:
    seen = []

    def main(ctx):
        seen.append(ctx)
        return [{"name": "startup_import_sqlalchemy", "median_s": 0.31}, {"median_s": 0.08}]

    _fake_breakdown(monkeypatch, main)
    ctx = _context(tmp_path, scale=10)
    run._startup_breakdown(ctx)
    assert seen == [ctx]
    assert _lines(capsys) == [
        {"name": "startup_import_sqlalchemy", "scale": 10, "median_s": 0.31},
        {"name": "startup_breakdown", "scale": 10, "median_s": 0.08}]


def test_a_failing_startup_breakdown_is_an_error_line(tmp_path: Path, capsys, monkeypatch) -> None:
    def main(ctx):
        raise RuntimeError("no demo workspace")

    _fake_breakdown(monkeypatch, main)
    run._startup_breakdown(_context(tmp_path))
    (line,) = _lines(capsys)
    assert line == {"name": "startup_breakdown", "scale": 1, "error": "RuntimeError: no demo workspace"}


def test_the_flag_runs_the_breakdown_instead_of_the_benchmarks(tmp_path: Path, capsys, monkeypatch) -> None:
    contexts = []
    _fake_breakdown(monkeypatch, lambda ctx: contexts.append(ctx) or {"name": "startup_total", "median_s": 1.0})
    monkeypatch.setattr(run, "_prepare", lambda ctx: None)
    monkeypatch.setattr(run, "_load_extensions", lambda: None)
    monkeypatch.setattr(run, "BENCHMARKS", [("must_not_run", lambda ctx: pytest.fail("a benchmark ran"))])
    monkeypatch.setenv("PLANBORD_DATA_DIR", str(tmp_path))  # main() points it at its scratch folder
    assert run.main(["--startup-breakdown", "--scale", "3", "--quick"]) == 0
    assert _lines(capsys) == [{"name": "startup_total", "scale": 3, "median_s": 1.0}]
    (ctx,) = contexts
    assert ctx.scale == 3 and ctx.timeout_s == 30.0  # a hung child's limit grows with the scale


def test_scale_must_be_one_or_more() -> None:
    with pytest.raises(SystemExit):
        run.main(["--scale", "0"])


# --- --side-by-side -------------------------------------------------------------------------

def _run_output(path: Path, scale: int, edit: tuple[float, float], commit: float, chart_error: bool) -> Path:
    lines = [{"name": "commit_bare_sqlite", "scale": scale, "median_s": commit, "p90_s": commit * 3, "runs": 200},
             {"name": "budget_edit_to_update_large", "scale": scale, "median_s": edit[0], "p90_s": edit[1],
              "runs": 60, "baseline": "commit_bare_sqlite", "ratio": edit[0] / commit},
             {"name": "budget_open_large", "scale": scale, "median_s": 0.12 * scale, "runs": 3},
             {"name": "chart_edit_to_update_large", "scale": scale,
              **({"error": "boom"} if chart_error else {"median_s": 0.0135, "p90_s": 0.0185, "runs": 60})},
             {"name": "compare_edit_to_update_large", "scale": scale, "median_s": 0.03, "p90_s": 0.05,
              "runs": 40, "ratio": 1.5 * scale},
             {"name": "peak_memory_benchmark_process", "scale": scale, "peak_mb": 189.4}]
    path.write_text("not json: a warning on stdout\n" + "\n".join(json.dumps(line) for line in lines) + "\n",
                    encoding="utf-8")
    return path


def test_side_by_side_puts_1x_and_10x_in_one_table(tmp_path: Path, capsys) -> None:
    one = _run_output(tmp_path / "1x.jsonl", 1, (0.0068, 0.0121), 0.0005, chart_error=False)
    ten = _run_output(tmp_path / "10x.jsonl", 10, (0.0164, 0.0207), 0.0004, chart_error=True)
    assert run.main(["--side-by-side", str(one), str(ten)]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0] == ("| figure | 1x median / p90 | 10x median / p90 | baseline (1x / 10x) "
                        "| ratio (1x / 10x) |")
    rows = {row.split(" | ")[0].strip("| "): row for row in table[2:]}
    assert rows["budget_edit_to_update_large"] == (
        "| budget_edit_to_update_large | 6.8 / 12.1 ms | 16.4 / 20.7 ms "
        "| commit_bare_sqlite 0.5 ms / 0.4 ms | 13.6 / 41.0 |")
    assert rows["budget_open_large"] == "| budget_open_large | 120 ms | 1.2 s |  |  |"
    assert "| 13.5 / 18.5 ms | error |" in rows["chart_edit_to_update_large"]
    assert "| 189 MB | 189 MB |" in rows["peak_memory_benchmark_process"]
    assert rows["compare_edit_to_update_large"].endswith("| 30 / 50 ms | 30 / 50 ms |  | 1.5 / 15.0 |")
