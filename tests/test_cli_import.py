"""python -m app import (issue 15): a begroting, a verdeelsleutel and an action list from Excel or
CSV into a draft plan; the preview with every problem first, --dry-run writing nothing (the file
opened read-only), Dutch refusals for the wrong kind and a missing file."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from app.cli import main
from app.models import Action, AllocationKey, Chapter, KeyShare, Municipality, Plan, Project
from app.services.new_workspace import PlanSetup
from app.services.plan_edit import create_plan
from app.services.plans import find_plan
from app.services.project_edit import add_chapter, add_project
from app.services.server_workspace import open_any
from tests.file_rows import file_rows as dump


@pytest.fixture
def workspace_2023(ws, ws_target) -> str:
    """The demo with a draft plan for 2023 (budget years 2021-2023) holding one chapter with
    two projects, 1.1 "Wachtlijsten" and 1.2 "Monitor"; closed. The file's path, or the URL of the
    database on the PostgreSQL test server (the command takes it where a file name stands)."""
    try:
        with ws.session() as s:
            region_id = find_plan(s, 2022).region_id
        plan_id = create_plan(ws, region_id, PlanSetup(2023, first_year=2021, last_year=2023))
        chapter_id = add_chapter(ws, plan_id, title="Opgaven")
        add_project(ws, chapter_id, title="Wachtlijsten")
        add_project(ws, chapter_id, title="Monitor")
    finally:
        ws.close()
    return ws_target


def file_bytes(target) -> bytes | None:
    """The bytes of a file (a dry run must leave them as they were); None for a server database,
    where the rows (``dump``) show it."""
    return Path(target).read_bytes() if Path(target).is_file() else None


def run(capsys, *args) -> tuple[int, str, str]:
    code = main(["import", *map(str, args)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def budget_workbook(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Begroting"
    for row in (["Omschrijving", 2022, 2023], ["Bureau", None, None], ["Programmamanager", 100000, "PM"],
                ["Secretariaat", 50000, "id."], ["Subtotaal Bureau", 150035, None]):
        sheet.append(row)
    book.save(path)
    return path


def municipalities(path: Path) -> list[str]:
    ws = open_any(path, read_only=True)
    try:
        with ws.session() as s:
            return list(s.scalars(select(Municipality.name).order_by(Municipality.position)))
    finally:
        ws.close()


def key_workbook(path: Path, names: list[str], short: Decimal = Decimal("0")) -> Path:
    shares = [Decimal("10.00")] * (len(names) - 1)
    shares.append(Decimal("100") - sum(shares) - short)
    book = openpyxl.Workbook()
    book.active.title = "Sleutel"
    book.active.append(["Gemeente", "Percentage"])
    for name, share in zip(names, shares):
        book.active.append([name, share])
    book.active.append(["Atlantis", 5])
    book.save(path)
    return path


def actions_csv(path: Path) -> Path:
    text = ("Nr.;Project;Actie;Eigenaar;Gereed op;Status;Opmerking\r\n"
            "1.1;Wachtlijsten;Langwachtenden in beeld;Bureau;31-12-2023;bezig;\r\n"
            ";monitor;Eerste proeve;;Q2 2023;;met data 2022\r\n"
            ";Atlantis;Iets;;;;\r\n"
            "1.2;Monitor;Tweede proeve;;;half;\r\n")
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    return path


def plan_actions(path: Path, year: int) -> list[tuple]:
    ws = open_any(path, read_only=True)
    try:
        with ws.session() as s:
            plan_id = find_plan(s, year).id
            return list(s.execute(select(Project.number, Action.description, Action.owner, Action.due_date,
                                         Action.status, Action.remark)
                                  .join(Action.project).join(Project.chapter).where(Chapter.plan_id == plan_id)
                                  .order_by(Project.number, Action.position)).all())
    finally:
        ws.close()


# --- begroting ------------------------------------------------------------------------------

def test_begroting_dry_run_writes_nothing_then_imports(workspace_2023, tmp_path, capsys):
    path = budget_workbook(tmp_path / "b.xlsx")
    before, rows = file_bytes(workspace_2023), dump(workspace_2023)
    code, out, err = run(capsys, workspace_2023, "--plan", "2023", path, "--dry-run")
    assert (code, err) == (0, "")
    assert "Begroting uit tabblad “Begroting”: 2 posten in 1 groep" in out
    assert "B5" in out and "niets geschreven" in out
    assert file_bytes(workspace_2023) == before and dump(workspace_2023) == rows

    code, out, err = run(capsys, workspace_2023, "--plan", "2023", path, "--as", "begroting")
    assert code == 0 and "Geïmporteerd in “Uitvoeringsplan 2023”: 2 posten." in out
    assert dump(workspace_2023) != rows


# --- sleutel --------------------------------------------------------------------------------

def test_sleutel_dry_run_writes_nothing_then_imports(workspace_2023, tmp_path, capsys):
    names = municipalities(workspace_2023)
    path = key_workbook(tmp_path / "k.xlsx", names, short=Decimal("0.02"))
    before, rows = file_bytes(workspace_2023), dump(workspace_2023)
    code, out, err = run(capsys, workspace_2023, "--plan", "2023", path, "--dry-run")  # detected
    assert (code, err) == (0, "")
    assert f"Verdeelsleutel uit tabblad “Sleutel”: {len(names)} gemeenten, samen 99,98 %, niet 100,00 %" in out
    assert "Onbekende gemeenten (niet ingelezen, niet toegevoegd): Atlantis." in out
    assert "cel A" in out and "“Atlantis” is geen gemeente van deze regio" in out
    assert "niets geschreven" in out
    assert file_bytes(workspace_2023) == before and dump(workspace_2023) == rows

    code, out, err = run(capsys, workspace_2023, "--plan", "2023", path, "--as", "sleutel")
    assert code == 0 and "Geïmporteerd in “Uitvoeringsplan 2023”: verdeelsleutel “Sleutel uit Sleutel”" in out
    assert "het plan gebruikt deze sleutel nu" in out
    ws = open_any(workspace_2023, read_only=True)
    try:
        with ws.session() as s:
            plan = find_plan(s, 2023)
            key = s.get(AllocationKey, plan.allocation_key_id)
            assert key.name == "Sleutel uit Sleutel"
            assert len(list(s.scalars(select(KeyShare).where(KeyShare.key_id == key.id)))) == len(names)
    finally:
        ws.close()
    assert municipalities(workspace_2023) == names  # Atlantis never added


# --- acties ---------------------------------------------------------------------------------

def test_acties_dry_run_writes_nothing_then_imports_and_again_adds_nothing(workspace_2023, tmp_path, capsys):
    path = actions_csv(tmp_path / "acties.csv")
    before, rows = file_bytes(workspace_2023), dump(workspace_2023)
    code, out, err = run(capsys, workspace_2023, "--plan", "2023", path, "--dry-run")  # detected
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == ("Actielijst uit tabblad “acties”: 3 acties in te lezen bij 2 projecten; 0 acties staan "
                        "er al in (overgeslagen); 1 actie met een periode of herhaling als planning (“Q4 2022”, "
                        "“maandelijks”).")
    assert lines[1] == "Projecten die niet in het plan staan (niet ingelezen, niet aangemaakt): Atlantis."
    assert lines[2] == "2 problemen:"
    assert lines[3].startswith("  Blad “acties”, cel B4: project “Atlantis” staat niet in dit plan")
    assert lines[4].startswith("  Blad “acties”, cel F5: “half” is geen status")
    assert lines[5] == "Proefimport in “Uitvoeringsplan 2023”: er is niets geschreven."
    assert file_bytes(workspace_2023) == before and dump(workspace_2023) == rows

    code, out, err = run(capsys, workspace_2023, "--plan", "2023", path, "--as", "acties")
    assert (code, err) == (0, "")
    assert out.splitlines()[-1] == "Geïmporteerd in “Uitvoeringsplan 2023”: 3 acties."
    found = plan_actions(workspace_2023, 2023)
    assert [(r.number, r.description, r.owner, r.due_date, r.status.value, r.remark) for r in found] == [
        ("1.1", "Langwachtenden in beeld", "Bureau", date(2023, 12, 31), "in behandeling", ""),
        ("1.2", "Eerste proeve", "", date(2023, 6, 30), "onbekend", "met data 2022"),  # Q2 2023: the due
        ("1.2", "Tweede proeve", "", None, "onbekend", "")]
    ws = open_any(workspace_2023, read_only=True)
    try:
        with ws.session() as s:
            assert s.scalar(select(Project.id).where(Project.title == "Atlantis")) is None
    finally:
        ws.close()

    rows = dump(workspace_2023)
    code, out, err = run(capsys, workspace_2023, "--plan", "2023", path)
    assert code == 1 and "0 acties in te lezen bij 0 projecten; 3 acties staan er al in" in out
    assert "Er is niets te importeren" in err
    assert dump(workspace_2023) == rows


def test_acties_into_an_adopted_plan_refused_and_nothing_written(workspace_2023, tmp_path, capsys):
    book = openpyxl.Workbook()
    book.active.append(["Nr.", "Project", "Actie"])
    book.active.append(["3.1.1", "Aanpak wachtlijsten", "Een nieuwe actie"])
    book.save(tmp_path / "a.xlsx")
    rows = dump(workspace_2023)
    code, out, err = run(capsys, workspace_2023, "--plan", "2022", tmp_path / "a.xlsx", "--as", "acties")
    assert code == 1 and "1 actie in te lezen bij 1 project" in out
    assert "vastgesteld" in err
    assert dump(workspace_2023) == rows
    # A dry run says so beforehand, instead of a clean bill that the real import then refuses.
    code, out, err = run(capsys, workspace_2023, "--plan", "2022", tmp_path / "a.xlsx", "--as", "acties", "--dry-run")
    assert code == 0 and "Let op: een echte import wordt geweigerd." in out and "vastgesteld" in out
    assert dump(workspace_2023) == rows
    code, out, err = run(capsys, workspace_2023, "--plan", "2023", tmp_path / "a.xlsx", "--as", "acties", "--dry-run")
    assert "Let op" not in out  # a draft: no warning


# --- refusals -------------------------------------------------------------------------------

def test_the_wrong_kind_is_refused_with_what_the_headers_say(workspace_2023, tmp_path, capsys):
    path = actions_csv(tmp_path / "acties.csv")
    rows = dump(workspace_2023)
    code, out, err = run(capsys, workspace_2023, "--plan", "2023", path, "--as", "sleutel")
    assert code == 1 and out == ""
    assert err.startswith("planbord: Op blad “acties” staat geen kopregel met “Gemeente”")
    assert "dit is geen verdeelsleutel" in err and "Volgens de kopregels is het een actielijst: kies --as acties" in err
    code, out, err = run(capsys, workspace_2023, "--plan", "2023", budget_workbook(tmp_path / "b.xlsx"),
                         "--as", "acties")
    assert code == 1 and "geen actielijst" in err and "kies --as begroting" in err
    assert dump(workspace_2023) == rows


def test_a_missing_source_file_gets_a_dutch_message(workspace_2023, tmp_path, capsys):
    rows = dump(workspace_2023)
    code, out, err = run(capsys, workspace_2023, "--plan", "2023", tmp_path / "weg.xlsx", "--as", "acties",
                         "--dry-run")
    assert code == 1 and out == ""
    assert err.startswith("planbord: ") and "weg.xlsx" in err and "bestaat niet" in err
    assert dump(workspace_2023) == rows


def test_an_unknown_plan_year_is_named(workspace_2023, tmp_path, capsys):
    code, out, err = run(capsys, workspace_2023, "--plan", "2031", actions_csv(tmp_path / "acties.csv"),
                         "--dry-run")
    assert code == 1 and "Er is geen uitvoeringsplan voor 2031" in err


def test_a_sheet_nobody_can_place_asks_for_as(workspace_2023, tmp_path, capsys):
    book = openpyxl.Workbook()
    book.active.append(["Naam", "Adres"])
    book.active.append(["Jan", "Straat 1"])
    book.save(tmp_path / "adressen.xlsx")
    code, out, err = run(capsys, workspace_2023, "--plan", "2023", tmp_path / "adressen.xlsx", "--dry-run")
    assert code == 1 and "niet op te maken wat het bevat" in err and "begroting, sleutel of acties" in err


def test_a_dry_run_of_each_kind_leaves_the_file_as_it_was(workspace_2023, tmp_path, capsys):
    """The three kinds in a row with --dry-run: the file's bytes stay the same."""
    before = file_bytes(workspace_2023)
    sources = [budget_workbook(tmp_path / "b.xlsx"),
               key_workbook(tmp_path / "k.xlsx", municipalities(workspace_2023)),
               actions_csv(tmp_path / "acties.csv")]
    for source in sources:
        code, out, _err = run(capsys, workspace_2023, "--plan", "2023", source, "--dry-run")
        assert code == 0 and "niets geschreven" in out
    assert file_bytes(workspace_2023) == before
    ws = open_any(workspace_2023, read_only=True)
    try:
        with ws.session() as s:
            assert s.scalar(select(Plan.allocation_key_id).where(Plan.year == 2023)) is None
    finally:
        ws.close()
