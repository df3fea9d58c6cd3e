"""Command-line conventions (issue 19, point 5): ``--version`` without Qt, ``--help`` and every
argparse message in Dutch from one catalogue, the program's name as it was started."""
from __future__ import annotations

import argparse
import ast
import io
import os
import re
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from app import cli
from app.cli import argparse_catalogue, main

REPO = Path(__file__).resolve().parents[1]
# What argparse prints in English when a text is not translated.
ENGLISH = re.compile(r"usage:|positional arguments|\boptions:|show this help|error:|the following|"
                     r"unrecognized|invalid choice|expected one|not allowed|choose from|\bfile\b")


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(list(argv))
        except SystemExit as exit_:
            code = exit_.code
    return code, out.getvalue(), err.getvalue()


def process(*argv: str, tmp_path: Path, executable: list[str] | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["PLANBORD_DATA_DIR"] = str(tmp_path / "data")
    return subprocess.run([*(executable or [sys.executable, "-m", "app"]), *argv], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120)


# --- --version ---------------------------------------------------------------------------------

def test_version_prints_and_exits_0_without_qt(tmp_path):
    code = ("import sys, runpy; sys.argv = ['app', '--version']\n"
            "try:\n    runpy.run_module('app', run_name='__main__')\n"
            "except SystemExit as e:\n    code = e.code\n"
            "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt was imported'\n"
            "sys.exit(code)\n")
    done = process("-c", code, tmp_path=tmp_path, executable=[sys.executable])
    assert (done.returncode, done.stdout, done.stderr) == (0, "Planbord 0.1.0\n", "")


def test_version_is_never_taken_for_a_file_name(monkeypatch):
    def no_gui(_path):
        raise AssertionError("the GUI was started")

    monkeypatch.setattr(cli, "start_gui", no_gui)
    assert run("--version") == (0, "Planbord 0.1.0\n", "")
    assert run("--version", "x.planbord")[0] == 0


def test_the_installed_program_answers_too(tmp_path):
    script = Path(sys.executable).parent / "planbord"
    if not script.exists():
        pytest.skip("the console script is not installed")
    done = process("--version", tmp_path=tmp_path, executable=[str(script)])
    assert (done.returncode, done.stdout) == (0, "Planbord 0.1.0\n")
    done = process("--help", tmp_path=tmp_path, executable=[str(script)])
    assert done.stdout.startswith("Gebruik: planbord [BESTAND]\n")
    assert "python -m app" not in done.stdout


# --- --help ------------------------------------------------------------------------------------

@pytest.mark.parametrize("argv", [["--help"], ["-h"], *([name, "--help"] for name in cli.COMMANDS)])
def test_help_is_dutch(argv):
    code, out, err = run(*argv)
    assert (code, err) == (0, "")
    assert out.startswith("Gebruik: python -m app ")
    assert "opties:" in out and "toon deze hulp en stop" in out
    assert not ENGLISH.search(out), ENGLISH.search(out)


def test_help_lists_the_commands_and_the_gui_form():
    _code, out, _err = run("--help")
    assert "python -m app [BESTAND]" in out and "python -m app OPDRACHT [OPTIES]" in out
    assert "opdrachten:" in out and "--version" in out
    for name in cli.COMMANDS:
        assert f"\n    {name}" in out


# --- complaints: Dutch, exit 2 ----------------------------------------------------------------

@pytest.mark.parametrize("argv, first_line", [
    (["summary"], "planbord: deze gegevens ontbreken: BESTAND"),
    (["new", "x.planbord", "--municipalities", "A"], "planbord: deze gegevens ontbreken: --region"),
    (["summary", "x.planbord", "--bla"], "planbord: onbekende argumenten: --bla"),
    (["--versie"], "planbord: onbekende argumenten: --versie"),
    (["sumary", "x.planbord"], "planbord: argument OPDRACHT: ongeldige keuze: 'sumary' (kies uit 'demo', "
                               "'new', 'next-year', 'summary', 'pdf', 'clean-copy', 'export', 'import', "
                               "'actuals', 'diff', 'copy', 'meenemen', 'terugzetten')"),
    (["next-year", "x.planbord", "--plan", "2022", "--fill", "vol"],
     "planbord: argument --fill: ongeldige keuze: 'vol' (kies uit 'copy', 'empty', 'idem')"),
    (["summary", "x.planbord", "--plan"], "planbord: argument --plan: verwacht één waarde"),
    (["diff", "x.planbord", "--plan", "2022", "--against", "2021", "--json", "--out", "v.xlsx"],
     "planbord: argument --out: gaat niet samen met --json"),
    (["new", "x.planbord", "--region", "R", "--municipalities", "A", "--plan", "20x2"],
     "planbord: argument --plan: '20x2' is geen geldig jaartal"),
    (["import", "x.planbord", "--plan", "2023", "b.xlsx", "--as", "plan"],
     "planbord: argument --as: ongeldige keuze: 'plan' (kies uit 'begroting', 'sleutel', 'acties')"),
    (["a.planbord", "b.planbord"], "planbord: geef hooguit één bestand om te openen, of een opdracht: demo, "),
])
def test_every_complaint_is_dutch_with_exit_2(argv, first_line):
    code, out, err = run(*argv)
    assert (code, out) == (2, "")
    assert err.startswith(first_line)
    assert not ENGLISH.search(err), err
    if not argv[0].endswith(".planbord"):
        assert "\nGebruik: python -m app" in err  # then how to call it


def test_the_catalogue_covers_every_text_of_this_pythons_argparse():
    """Every msgid argparse asks gettext for is in the catalogue, translated: a newer Python with a
    new text shows here, not as English on a user's screen."""
    tree = ast.parse(Path(argparse.__file__).read_text(encoding="utf-8"))
    calls = [(node.func.id, [a.value for a in node.args if isinstance(a, ast.Constant)])
             for node in ast.walk(tree)
             if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "ngettext")]
    catalogue = argparse_catalogue()
    untranslated = []
    for function, texts in [*calls, ("_", ["subcommands"])]:  # add_subparsers(title=)'s default
        if function == "_" and texts and catalogue.gettext(texts[0]) == texts[0]:
            untranslated.append(texts[0])
        if function == "ngettext" and catalogue.ngettext(texts[0], texts[1], 2) == texts[1]:
            untranslated.append(texts[1])
    # One msgid reads the same in Dutch ("argument" is a Dutch word too).
    assert untranslated == ["argument %(argument_name)s: %(message)s"]
    assert catalogue.ngettext("expected %s argument", "expected %s arguments", 2) == "verwacht %s waarden"
    assert catalogue.ngettext("expected %s argument", "expected %s arguments", 1) == "verwacht %s waarde"


def test_the_dutch_does_not_leak_into_other_parsers():
    run("summary")  # Planbord's parser, in Dutch
    other = argparse.ArgumentParser(prog="ander")
    other.add_argument("x")
    assert other.format_usage() == "usage: ander [-h] x\n"
    assert "show this help message and exit" in other.format_help()
    import gettext

    assert gettext.gettext("usage: ") == "usage: "  # the gettext domain itself untouched


def test_without_its_catalogue_the_command_line_still_works(monkeypatch, tmp_path):
    import app.resources

    cli.argparse_catalogue.cache_clear()
    monkeypatch.setattr(app.resources, "resources_dir", lambda: tmp_path)
    try:
        code, _out, err = run("summary")
    finally:
        cli.argparse_catalogue.cache_clear()
    assert code == 2 and "the following arguments are required: BESTAND" in err


# --- the program's name ------------------------------------------------------------------------

@pytest.mark.parametrize("argv0, frozen, name", [
    ("/home/u/.local/bin/planbord", False, "planbord"),
    ("/opt/Planbord/Planbord", True, "Planbord"),
    ("C:\\Program Files\\Planbord\\planbord.exe", True, "planbord"),
    ("/tmp/_MEI/something", True, "planbord"),
    ("/work/main/app/__main__.py", False, "python -m app"),
])
def test_program_name(monkeypatch, argv0, frozen, name):
    monkeypatch.setattr(sys, "argv", [argv0])
    if frozen:
        monkeypatch.setattr(sys, "frozen", True, raising=False)
    else:
        monkeypatch.delattr(sys, "frozen", raising=False)
    assert cli.program_name() == name


def test_the_bundle_names_itself_in_help_and_hints(monkeypatch):
    monkeypatch.setattr(sys, "argv", ["/opt/planbord/planbord"])
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    _code, out, _err = run("--help")
    assert out.startswith("Gebruik: planbord [BESTAND]\n         planbord OPDRACHT [OPTIES]\n")
    code, _out, err = run("summary")
    assert code == 2 and "Gebruik: planbord summary [-h]" in err
