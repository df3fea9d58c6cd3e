"""Mutation testing of the domain: ``make mutation`` runs it, this prints the score.

mutmut (configured in pyproject.toml, [tool.mutmut]) seeds small bugs into app/models,
app/services, app/reports, app/formatting.py and the undo commands, one at a time, and runs
the tests that reach the changed function. A mutant the tests do not notice *survived*.

    python scripts/mutation.py run [--fresh]   mutate, test, then report (incremental)
    python scripts/mutation.py run --sample N  judge N random mutants: an estimate with its margin
    python scripts/mutation.py report          the score from the last run, and the survivors
    python scripts/mutation.py check TESTS -m MUTANTS
                                               do these test files kill these mutants? (names,
                                               globs, or a source file for its survivors)

mutmut keeps its verdicts in ``mutants/`` and re-tests only functions whose code changed;
``run`` therefore also re-tests every cached survivor, because a test added since may now
catch it. ``--fresh`` throws the cache away first (a full run: about an hour on two cores).

Equivalent mutants (a change that cannot alter behaviour), and functions mutmut cannot judge
(they run only while a module is imported), are listed with their reason in
tests/mutation_equivalents.toml and left out of the score; an entry that no longer matches
the code is reported as stale and excludes nothing.
"""
from __future__ import annotations

import argparse
import fnmatch
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tomllib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EQUIVALENTS = ROOT / "tests" / "mutation_equivalents.toml"
SURVIVORS = ROOT / "mutants" / "survivors.txt"
SAMPLE = ROOT / "mutants" / "sample.json"  # the names of the last --sample run
MUTMUT = [sys.executable, "-m", "mutmut"]

# What the issue measures, package by package; the last line is the goal's figure.
GROUPS = {
    "app/models": ("app/models/",),
    "app/services": ("app/services/",),
    "app/reports": ("app/reports/",),
    "app/formatting.py": ("app/formatting.py",),
    "undo commands": ("app/views/commands.py", "app/views/staffing/staffing_commands.py",
                      "app/views/projects/project_commands.py", "app/views/shell/plan_commands.py"),
}
GOAL_GROUPS = ("app/models", "app/services", "app/reports")
GOAL = 0.90
# Judged first by `run --sample` to have mutmut make every mutant (a small function).
BOOTSTRAP = "app.formatting.x_format_date__mutmut_*"

# mutmut's exit codes (mutmut/stats.py) folded into what the score needs.
DETECTED = {1, 3, 36, -24, 24, 152, 255, -11, -9, 37}  # killed, timeout, crash, type check
UNDETECTED = {0, 5, 33}  # survived, no test reaches it


@dataclass(frozen=True)
class Mutant:
    name: str
    path: str  # app/services/contributions.py
    exit_code: int | None


def load_results() -> list[Mutant]:
    mutants = []
    for meta in sorted((ROOT / "mutants").rglob("*.py.meta")):
        path = meta.relative_to(ROOT / "mutants").as_posix()[: -len(".meta")]
        try:
            data = json.loads(meta.read_text(encoding="utf-8"))
        except (OSError, ValueError):  # a run stopped while writing it
            print(f"{meta.relative_to(ROOT)} is onleesbaar; die mutanten tellen niet mee.", file=sys.stderr)
            continue
        for name, code in data.get("exit_code_by_key", {}).items():
            mutants.append(Mutant(name, path, code))
    return mutants


def group_of(path: str) -> str | None:
    for group, prefixes in GROUPS.items():
        if any(path == p or path.startswith(p) for p in prefixes):
            return group
    return None


def diff_of(name: str, path: str) -> str:
    from mutmut.mutation.diff_apply import get_diff_for_mutant

    return get_diff_for_mutant(name, path=path)


def mutated_lines(diff: str) -> list[str]:
    return [line[1:].strip() for line in diff.splitlines()
            if line.startswith("+") and not line.startswith("+++")]


def function_of(mutant_name: str) -> str:
    return mutant_name.rsplit("__mutmut_", 1)[0]


def load_exclusions(by_name: dict[str, Mutant]) -> tuple[dict[str, str], list[str]]:
    """Mutant name -> why it is left out ("equivalent" or "unjudged"), and the stale entries.

    ``[[equivalent]]`` names one mutant and its mutated line: the change cannot alter
    behaviour. ``[[unjudged]]`` names a function mutmut cannot judge (it runs only while a
    module is imported, before a mutant is switched on). An entry that matches nothing in
    the code as it is now is stale and excludes nothing.
    """
    if not EQUIVALENTS.exists():
        return {}, []
    data = tomllib.loads(EQUIVALENTS.read_text(encoding="utf-8"))
    excluded, stale = {}, []
    for entry in data.get("equivalent", []):
        # one mutant (mutant, line), or several with one reason (mutants = [[name, line], ...])
        pairs = entry.get("mutants") or [(entry["mutant"], entry["line"])]
        for name, line in pairs:
            mutant = by_name.get(name)
            if mutant is None or line.strip() not in mutated_lines(diff_of(mutant.name, mutant.path)):
                stale.append(name)
            else:
                excluded[mutant.name] = "equivalent"
    by_function: dict[str, list[str]] = {}
    for name in by_name:
        by_function.setdefault(function_of(name), []).append(name)
    for entry in data.get("unjudged", []):
        names = by_function.get(entry["function"], [])
        if not names:
            stale.append(entry["function"])
        for name in names:
            excluded[name] = "unjudged"
    return excluded, stale


def report(write_survivors: bool = True) -> bool:
    """Print the score per group; True when the goal is met."""
    os.chdir(ROOT)
    mutants = load_results()
    if not mutants:
        print("Nog geen resultaten: eerst `make mutation`.")
        return False
    by_name = {m.name: m for m in mutants}
    excluded, stale = load_exclusions(by_name)

    rows: dict[str, Counter] = {}
    survivors: list[Mutant] = []
    for m in mutants:
        group = group_of(m.path)
        if group is None:
            continue
        counts = rows.setdefault(group, Counter())
        if m.name in excluded:
            counts[excluded[m.name]] += 1
        elif m.exit_code in DETECTED:
            counts["detected"] += 1
        elif m.exit_code in UNDETECTED:
            counts["survived"] += 1
            survivors.append(m)
        else:
            counts["not run"] += 1

    def line(label: str, c: Counter) -> str:
        judged = c["detected"] + c["survived"]
        score = c["detected"] / judged if judged else 1.0
        return (f"{label:<24} {score:7.1%} {c['detected']:>7} {c['survived']:>8} "
                f"{c['equivalent']:>10} {c['unjudged']:>8} {c['not run']:>7}")

    print(f"{'':<24} {'score':>7} {'killed':>7} {'survived':>8} {'equivalent':>10} {'unjudged':>8} "
          f"{'not run':>7}")
    for group in GROUPS:
        if group in rows:
            print(line(group, rows[group]))
    goal = sum((rows.get(g, Counter()) for g in GOAL_GROUPS), Counter())
    print(line("models+services+reports", goal))
    judged = goal["detected"] + goal["survived"]
    met = judged > 0 and goal["detected"] / judged >= GOAL and not goal["not run"]
    estimate = sample_estimate(by_name, excluded)
    if estimate is not None:
        # The table above holds every verdict mutmut has (of several runs, some with older
        # tests); the sample is random and judged with today's tests: it estimates the whole.
        size, p, margin, frame = estimate
        print(f"\nEstimate from a random sample of {size} of the {frame} mutants of "
              f"models+services+reports, judged with today's tests: {p:.1%} ± {margin:.1%} (95 %)")
        if goal["not run"]:
            met = p >= GOAL
    if stale:
        print(f"\n{len(stale)} stale entries in {EQUIVALENTS.relative_to(ROOT)} "
              f"(the code changed; check them again): {', '.join(stale)}")
    if write_survivors:
        SURVIVORS.parent.mkdir(exist_ok=True)
        with SURVIVORS.open("w", encoding="utf-8") as out:
            for m in sorted(survivors, key=lambda m: (m.path, m.name)):
                out.write(f"# {m.name} ({'no test reaches it' if m.exit_code in (5, 33) else 'survived'})\n")
                out.write(diff_of(m.name, m.path) + "\n\n")
        print(f"\n{len(survivors)} survivors with their diffs: {SURVIVORS.relative_to(ROOT)}")
    print(f"\nGoal: {GOAL:.0%} on models+services+reports: {'met' if met else 'NOT met'}")
    return met


def sample_estimate(by_name: dict[str, Mutant], excluded: dict[str, str]):
    """(size, score, 95 % margin, frame size) of the last --sample run, or None."""
    if not SAMPLE.exists():
        return None
    names = [n for n in json.loads(SAMPLE.read_text(encoding="utf-8"))["names"]
             if n in by_name and n not in excluded]
    codes = [by_name[n].exit_code for n in names]
    killed = sum(code in DETECTED for code in codes)
    size = killed + sum(code in UNDETECTED for code in codes)
    if not size:
        return None
    p = killed / size
    frame = sum(1 for m in by_name.values() if group_of(m.path) in GOAL_GROUPS and m.name not in excluded)
    return size, p, 1.96 * math.sqrt(p * (1 - p) / size), frame


def run(fresh: bool, sample: int | None = None, seed: int = 1) -> None:
    os.chdir(ROOT)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if fresh and (ROOT / "mutants").exists():
        shutil.rmtree(ROOT / "mutants")
    if sample:
        run_sample(sample, seed)
        return
    cached = {m.name for m in load_results() if m.exit_code in UNDETECTED and group_of(m.path)}
    subprocess.run([*MUTMUT, "run"], check=True)
    # Cached survivors were judged against the tests of their day: judge them again (those
    # mutmut judged just now, because their function changed, get judged twice; few). Listed
    # equivalents are left out: no test can kill them, and a survivor costs every test.
    results = load_results()
    excluded, _stale = load_exclusions({m.name: m for m in results})
    _run_named([m.name for m in results
                if m.name in cached and m.exit_code in UNDETECTED and m.name not in excluded])


def run_sample(size: int, seed: int) -> None:
    """Judge a random sample of the measured groups' mutants with today's tests: an estimate
    in minutes where a full run takes hours. A first small run (the few mutants of one
    function) has mutmut make the mutants of any changed file (and its test map) first.
    Listed equivalents are not drawn: they are not part of the score."""
    subprocess.run([*MUTMUT, "run", BOOTSTRAP], check=True, stdout=subprocess.DEVNULL)
    results = load_results()
    excluded, _stale = load_exclusions({m.name: m for m in results})
    names = sorted(m.name for m in results if group_of(m.path) in GOAL_GROUPS and m.name not in excluded)
    chosen = random.Random(seed).sample(names, min(size, len(names)))
    SAMPLE.write_text(json.dumps({"seed": seed, "names": chosen}, indent=0), encoding="utf-8")
    _run_named(chosen)


def _run_named(names: list[str]) -> None:
    # mutmut prints every named mutant's verdict: into a log, shown only when it fails
    log = ROOT / "mutants" / "mutmut-run.log"
    for start in range(0, len(names), 500):
        with log.open("w", encoding="utf-8") as out:
            done = subprocess.run([*MUTMUT, "run", *names[start:start + 500]], stdout=out,
                                  stderr=subprocess.STDOUT)
        if done.returncode:
            print(log.read_text(encoding="utf-8", errors="replace")[-4000:], file=sys.stderr)
            raise SystemExit(f"mutmut stopped (exit {done.returncode}); its output: {log}")


def select_mutants(patterns: list[str]) -> list[Mutant]:
    """The mutants named: a mutant name or a glob of names, or a source file
    (``app/services/budget.py``) for its survivors of the last run."""
    mutants = load_results()
    chosen: dict[str, Mutant] = {}
    for pattern in patterns:
        if pattern.endswith(".py"):
            found = [m for m in mutants if m.path == pattern and m.exit_code in UNDETECTED]
        else:
            found = [m for m in mutants if fnmatch.fnmatchcase(m.name, pattern)]
        if not found:
            print(f"Geen mutanten bij {pattern!r}.", file=sys.stderr)
        chosen.update((m.name, m) for m in found)
    return sorted(chosen.values(), key=lambda m: m.name)


def check(tests: list[str], patterns: list[str]) -> int:
    """Run ``tests`` against each chosen mutant: killed or survived. For writing tests
    against survivors; mutmut's own verdicts in mutants/ are left as they are (the next
    ``make mutation`` judges the survivors again with the whole suite)."""
    os.chdir(ROOT)
    if not (ROOT / "mutants" / "app").is_dir():
        raise SystemExit("Nog geen mutanten: eerst `make mutation`.")
    chosen = select_mutants(patterns)
    paths = [str(Path(t).resolve()) for t in tests]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    alive = []
    for mutant in chosen:
        # Run from mutants/: its mutated app/ comes first on sys.path (python -m puts the
        # working folder there), and the trampolines switch on the mutant named in the env.
        done = subprocess.run([sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider",
                               *paths], cwd=ROOT / "mutants",
                              env={**env, "MUTANT_UNDER_TEST": mutant.name},
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        verdict = "killed" if done.returncode == 1 else "survived" if done.returncode == 0 \
            else f"error (pytest exit {done.returncode})"
        if done.returncode != 1:
            alive.append(mutant)
        print(f"{verdict:<10} {mutant.name}", flush=True)
    print(f"\n{len(chosen) - len(alive)} of {len(chosen)} killed by {', '.join(tests)}")
    return 0 if not alive else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    run_parser = sub.add_parser("run")
    run_parser.add_argument("--fresh", action="store_true", help="discard cached verdicts first")
    run_parser.add_argument("--sample", type=int, metavar="N",
                            help="judge N random mutants of models, services and reports only")
    run_parser.add_argument("--seed", type=int, default=1, help="the sample's random seed")
    sub.add_parser("report")
    check_parser = sub.add_parser("check", help="do these tests kill these mutants?")
    check_parser.add_argument("tests", nargs="+", help="test files (or pytest node ids)")
    check_parser.add_argument("-m", "--mutants", nargs="+", required=True,
                              help="mutant names, globs of names, or source files (their survivors)")
    args = parser.parse_args(argv)
    if args.command == "check":
        return check(args.tests, args.mutants)
    if args.command == "run":
        run(args.fresh, args.sample, args.seed)
    return 0 if report() else 1


if __name__ == "__main__":
    sys.exit(main())
