"""``python -m app pdf FILE --plan YEAR --sections ... [--out OUT.pdf]``: no screen, Dutch errors.

The annexes are written from the demo as a file and from a database on the PostgreSQL test server
(issue 22); the name taken from the file's, the refusals and the process without Qt stay on SQLite."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.cli import main

REPO = Path(__file__).resolve().parent.parent


def run(capsys, *args) -> tuple[int, str, str]:
    code = main(["pdf", *map(str, args)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def demo_target(ws, ws_target) -> str:
    """The demo, closed: the file's path, and the URL of a database on the PostgreSQL test server
    (the command takes it where a file name stands)."""
    ws.close()
    return ws_target


def test_writes_the_chosen_sections(demo_target, tmp_path, capsys):
    out = tmp_path / "bijlagen.pdf"
    code, stdout, stderr = run(capsys, demo_target, "--plan", 2022, "--sections",
                               "begroting,bijdragen,formatie,projecten,voortgang", "--out", out)
    assert (code, stderr) == (0, "")
    reader = PdfReader(out)
    assert stdout == f"PDF geschreven: {out} ({len(reader.pages)} pagina's)\n"
    text = "\n".join(page.extract_text() for page in reader.pages)
    for title in ("Inhoud", "Begroting 2022", "Bijdragen per gemeente", "Formatie en dagdelen",
                  "Projectfiches", "Voortgangsrapportage"):
        assert title in text
    assert "Totaal Uitvoeringsprogramma 2022 1.062.500 1.280.000" in text


def test_default_output_name_in_the_current_folder(demo_workspace, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, stdout, _ = run(capsys, demo_workspace, "--sections", "begroting", "--years", "2022",
                          "--project-numbers")
    assert code == 0
    out = tmp_path / "demo-2022-begroting.pdf"
    assert stdout == f"PDF geschreven: {Path('demo-2022-begroting.pdf')} (2 pagina's)\n"
    text = PdfReader(out).pages[0].extract_text()
    assert "Omschrijving Project 2022" in text and "projectleiding 3.1.1 100.000" in text


def test_chapters_by_number(demo_target, tmp_path, capsys):
    out = tmp_path / "voortgang.pdf"
    code, _, _ = run(capsys, demo_target, "--sections", "voortgang", "--chapters", "4.1",
                     "--out", out)
    assert code == 0
    text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
    assert "4.1.1 Wet langdurige zorg" in text and "3.1.1" not in text


@pytest.mark.parametrize("args, message", [
    (["--sections", "begroting,overzicht"],
     "planbord: Onbekend onderdeel: overzicht. Kies uit: wijzigingen, begroting, bijdragen, realisatie, "
     "afrekening, formatie, projecten, voortgang, monitor, grafieken.\n"),
    (["--sections", "begroting", "--plan", "2025"],
     "planbord: Er is geen uitvoeringsplan voor 2025. Wel voor: 2022.\n"),
    (["--sections", "begroting", "--years", "2022,2030"],
     "planbord: 2030 is geen jaar van deze begroting; kies uit 2021, 2022, 2023.\n"),
    (["--sections", "begroting", "--years", "volgend jaar"],
     "planbord: 'volgend jaar' is geen lijst van jaartallen, bijvoorbeeld 2022,2023.\n"),
    (["--sections", "projecten", "--chapters", "3.1,9"],
     "planbord: Hoofdstuk 9 bestaat niet in het plan van 2022; kies uit: 1, 2, 3, 3.1, 3.2, 3.3, 4, "
     "4.1, 5, 6.\n"),
    (["--sections", "grafieken"],
     "planbord: Grafieken worden met het scherm getekend; druk ze af vanuit het programma "
     "(Bestand > Afdrukken / PDF).\n"),
])
def test_wrong_choices_are_refused_in_dutch(demo_workspace, tmp_path, capsys, monkeypatch, args,
                                            message):
    monkeypatch.chdir(tmp_path)
    code, stdout, stderr = run(capsys, demo_workspace, *args)
    assert (code, stdout, stderr) == (1, "", message)
    assert not list(tmp_path.glob("*.pdf"))


def test_missing_file(tmp_path, capsys):
    code, _, stderr = run(capsys, tmp_path / "weg.planbord", "--sections", "begroting")
    assert code == 1
    assert stderr == "planbord: Het bestand “weg.planbord” bestaat niet (meer). Misschien is het " \
                     "verplaatst of hernoemd.\n"


def test_not_a_planbord_file(tmp_path, capsys):
    other = tmp_path / "notities.planbord"
    other.write_text("boodschappen: brood, kaas\n", encoding="utf-8")
    code, _, stderr = run(capsys, other, "--sections", "begroting")
    assert code == 1
    assert stderr.startswith("planbord: “notities.planbord” is geen Planbord-bestand")


def test_output_folder_missing(demo_workspace, tmp_path, capsys):
    out = tmp_path / "bestaat-niet" / "b.pdf"
    code, _, stderr = run(capsys, demo_workspace, "--sections", "begroting", "--out", out)
    assert code == 1
    assert stderr == (f"planbord: De map “{out.parent}” bestaat niet; kies een andere plek voor de "
                      "PDF.\n")


def test_output_must_be_a_pdf(demo_workspace, tmp_path, capsys):
    code, _, stderr = run(capsys, demo_workspace, "--sections", "begroting", "--out",
                          tmp_path / "b.docx")
    assert (code, stderr) == (1, "planbord: Geef een PDF-bestand op, bijvoorbeeld b.pdf.\n")


def test_sections_are_required(demo_workspace, capsys):
    with pytest.raises(SystemExit) as caught:
        main(["pdf", str(demo_workspace)])
    assert caught.value.code == 2
    assert "planbord: deze gegevens ontbreken: --sections" in capsys.readouterr().err


def test_as_a_process_without_a_screen_and_without_qt(demo_workspace, tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    out = tmp_path / "b.pdf"
    code = ("import sys, runpy; sys.argv = ['app', 'pdf', %r, '--sections', 'begroting', '--out', %r]\n"
            "try:\n    runpy.run_module('app', run_name='__main__')\n"
            "except SystemExit as e:\n    assert e.code == 0, e.code\n"
            "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt was imported'\n"
            % (str(demo_workspace), str(out)))
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert len(PdfReader(out).pages) == 2
