"""Plan references (issue 17, point 4): what --plan of the command line takes. "2022" is the
year's plan as before, "2022/wijziging-1" and "2022/scenario-1" the amendments and scenarios of
that plan in order of creation, "id:7" a plan by id; every wrong reference says what exists.

The service and the summary and import commands run on the demo as a file and on the PostgreSQL
test server (issue 22); the pdf and export names (taken from the file's name) and the check that
a refused command left the file's bytes as they were are about the file, and stay on SQLite."""
from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader
from sqlalchemy import select

from app.cli import main
from app.models import BudgetGroup, BudgetLine, Plan, PlanKind
from app.services.adoption import adopt_plan
from app.services.budget_edit import CellChange, set_cells
from app.services.cell_input import parse_cell
from app.services.plan_copy import create_amendment
from app.services.plans import PlanNotFound, find_plan, find_plan_by_reference, plan_references
from app.services.server_workspace import open_any
from app.services.workspace import open_workspace

RAISED = "Programmamanager Jeugd (40% uitvoering)"  # 127.500 in 2022 in the demo


def make_copies(ws) -> dict[str, int]:
    """Of the adopted 2022 plan (id "plan") in ``ws``: two amendments, a scenario, and a
    scenario of the first amendment, made in that order; the first amendment has RAISED at
    137.500 in 2022. Closes ``ws``; returns the ids."""
    try:
        with ws.session() as s:
            plan = find_plan(s, 2022).id
        ids = {"plan": plan, "w1": create_amendment(ws, plan)}
        ids["w2"] = create_amendment(ws, plan)
        ids["s1"] = create_amendment(ws, plan, PlanKind.SCENARIO)
        ids["w1s1"] = create_amendment(ws, ids["w1"], PlanKind.SCENARIO)
        with ws.session() as s:
            line = s.scalars(select(BudgetLine.id).join(BudgetLine.group).where(
                BudgetGroup.plan_id == ids["w1"], BudgetLine.name == RAISED)).one()
        set_cells(ws, [CellChange(line, 2022, parse_cell("137.500"))])
    finally:
        ws.close()
    return ids


@pytest.fixture
def copies(ws) -> dict[str, int]:
    """The demo (as a file, and on the PostgreSQL test server; ``ws_target`` names it) with the
    copies of :func:`make_copies`, closed again; the ids."""
    return make_copies(ws)


@pytest.fixture
def file_copies(demo_workspace) -> dict[str, int]:
    """The demo file with the copies of :func:`make_copies`, closed again; the ids."""
    return make_copies(open_workspace(demo_workspace))


def resolve(path, reference: str | None) -> int:
    ws = open_any(path, read_only=True)
    try:
        with ws.session() as s:
            return find_plan_by_reference(s, reference).id
    finally:
        ws.close()


def refusal(path, reference: str) -> str:
    ws = open_any(path, read_only=True)
    try:
        with ws.session() as s, pytest.raises(PlanNotFound) as caught:
            find_plan_by_reference(s, reference)
        return caught.value.message
    finally:
        ws.close()


def run(capsys, *args) -> tuple[int, str, str]:
    code = main([*map(str, args)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# --- the service ----------------------------------------------------------------------------

@pytest.mark.parametrize("reference, name", [
    ("2022", "plan"), (None, "plan"), ("2022/wijziging-1", "w1"), ("2022/wijziging-2", "w2"),
    ("2022/scenario-1", "s1"), ("2022/wijziging-1/scenario-1", "w1s1"),
    # case, spaces and the hyphen are forgiven: they cannot be read another way
    (" 2022 / Wijziging 2 ", "w2"), ("2022/WIJZIGING2", "w2"),
])
def test_a_reference_names_the_plan(ws_target, copies, reference, name):
    assert resolve(ws_target, reference) == copies[name]


def test_an_id_names_any_plan(ws_target, copies):
    for name, plan_id in copies.items():
        assert resolve(ws_target, f"id:{plan_id}") == plan_id
    assert resolve(ws_target, f"ID: {copies['plan']}/scenario-1") == copies["s1"]
    assert resolve(ws_target, f"id:{copies['w1']}/scenario-1") == copies["w1s1"]


def test_every_plan_has_a_reference_that_finds_it_again(ws_target, copies):
    ws = open_any(ws_target, read_only=True)
    try:
        with ws.session() as s:
            refs = plan_references(s)
            assert refs == {copies["plan"]: "2022", copies["w1"]: "2022/wijziging-1",
                            copies["w2"]: "2022/wijziging-2", copies["s1"]: "2022/scenario-1",
                            copies["w1s1"]: "2022/wijziging-1/scenario-1"}
            assert all(find_plan_by_reference(s, ref).id == plan_id for plan_id, ref in refs.items())
    finally:
        ws.close()


def test_once_an_amendment_is_adopted_the_year_names_it_and_the_original_keeps_an_id(ws_target, copies):
    ws = open_any(ws_target)
    try:
        adopt_plan(ws, copies["w1"], "15-3-2022", "BOJ")
        with ws.session() as s:
            assert find_plan_by_reference(s, "2022").id == copies["w1"] == find_plan(s, 2022).id
            # the path still starts at the plan as it was made
            assert find_plan_by_reference(s, "2022/wijziging-2").id == copies["w2"]
            refs = plan_references(s)
            assert refs[copies["w1"]] == "2022" and refs[copies["plan"]] == f"id:{copies['plan']}"
            assert find_plan_by_reference(s, refs[copies["plan"]]).id == copies["plan"]
    finally:
        ws.close()


def test_find_plan_takes_a_year_as_before_and_a_reference_as_text(ws_target, copies):
    ws = open_any(ws_target, read_only=True)
    try:
        with ws.session() as s:
            assert find_plan(s, 2022).id == find_plan(s).id == copies["plan"]
            assert find_plan(s, "2022/wijziging-1").id == copies["w1"]  # as plan_summary passes it on
            with pytest.raises(PlanNotFound) as caught:
                find_plan(s, 2030)
            assert caught.value.message == "Er is geen uitvoeringsplan voor 2030. Wel voor: 2022."
    finally:
        ws.close()


ALL = "2022, 2022/wijziging-1, 2022/wijziging-2, 2022/scenario-1, 2022/wijziging-1/scenario-1"


@pytest.mark.parametrize("reference, message", [
    ("2022/wijziging-3", "Er is geen wijziging 3 van het plan van 2022. Wel: 2022/wijziging-1, 2022/wijziging-2."),
    ("2022/wijziging-0", "Er is geen wijziging 0 van het plan van 2022. Wel: 2022/wijziging-1, 2022/wijziging-2."),
    ("2022/scenario-2", "Er is geen scenario 2 van het plan van 2022. Wel: 2022/scenario-1."),
    ("2022/wijziging-1/scenario-2", "Er is geen scenario 2 van 2022/wijziging-1. Wel: 2022/wijziging-1/scenario-1."),
    ("2022/wijziging-1/wijziging-1", "Er is geen wijziging 1 van 2022/wijziging-1: er zijn geen wijzigingen. "
                                     "Wel: 2022/wijziging-1/scenario-1."),
    ("2022/wijziging-2/scenario-1", "Er is geen scenario 1 van 2022/wijziging-2: er zijn geen wijzigingen of "
                                    "scenario's."),
    ("2023/wijziging-1", "Er is geen uitvoeringsplan voor 2023. Wel voor: 2022."),
    ("2023", "Er is geen uitvoeringsplan voor 2023. Wel voor: 2022."),
    # plain digits are a year, never an id; one that cannot be a year says how to write an id
    ("7", "Er is geen uitvoeringsplan voor 7. Wel voor: 2022. Bedoelt u het plan met id 7? Schrijf dan id:7."),
    ("id:99", f"Er is geen plan met id:99. Wel: {ALL}."),
    ("2022/wijzging-1", "“wijzging-1” is geen wijziging of scenario; schrijf bijvoorbeeld 2022/wijziging-1 of "
                        "2022/scenario-1."),
    ("vastgesteld", "“vastgesteld” is geen plan; geef een jaar (2022), een wijziging of scenario van het plan van "
                    "dat jaar (2022/wijziging-1, 2022/scenario-1) of een plan-id (id:7). Wel: " + ALL + "."),
    ("2022/", "“2022/” is geen plan; geef een jaar (2022), een wijziging of scenario van het plan van dat jaar "
              "(2022/wijziging-1, 2022/scenario-1) of een plan-id (id:7). Wel: " + ALL + "."),
    ("", "“” is geen plan; geef een jaar (2022), een wijziging of scenario van het plan van dat jaar "
         "(2022/wijziging-1, 2022/scenario-1) of een plan-id (id:7). Wel: " + ALL + "."),
    ("9" * 30, "“" + "9" * 30 + "” is geen plan; geef een jaar (2022), een wijziging of scenario van het plan "
               "van dat jaar (2022/wijziging-1, 2022/scenario-1) of een plan-id (id:7). Wel: " + ALL + "."),
    ("x" * 60, "“" + "x" * 40 + "…” is geen plan; geef een jaar (2022), een wijziging of scenario van het plan "
               "van dat jaar (2022/wijziging-1, 2022/scenario-1) of een plan-id (id:7). Wel: " + ALL + "."),
])
def test_a_wrong_reference_says_what_exists(ws_target, copies, reference, message):
    assert refusal(ws_target, reference) == message


def test_a_wrong_step_after_an_id(ws_target, copies):
    w2 = copies["w2"]
    assert refusal(ws_target, f"id:{w2}/wijziging-1") == (
        f"Er is geen wijziging 1 van plan id:{w2}: er zijn geen wijzigingen of scenario's.")


# --- the commands -----------------------------------------------------------------------------

def test_summary_of_a_plan_by_id_and_by_path(ws_target, copies, capsys):
    code, out, err = run(capsys, "summary", ws_target, "--plan", f"id:{copies['w1']}", "--json")
    assert (code, err) == (0, "")
    summary = json.loads(out)
    assert summary["plan"]["title"] == "Uitvoeringsplan 2022 Regiovisie Jeugdzorg Haaglanden (wijziging 1)"
    assert (summary["plan"]["kind"], summary["plan"]["status"]) == ("amendment", "draft")
    assert summary["budget"]["total"]["2022"] == "1290000.00"  # 1.280.000 + 10.000
    code, out, _ = run(capsys, "summary", ws_target, "--plan", "2022/wijziging-1")
    assert code == 0 and out.startswith("Uitvoeringsplan 2022 Regiovisie Jeugdzorg Haaglanden (wijziging 1) "
                                        "(Regio Haaglanden), concept\n")
    assert "€ 1.290.000" in out
    code, out, _ = run(capsys, "summary", ws_target, "--plan", "2022", "--json")
    assert code == 0 and json.loads(out)["budget"]["total"]["2022"] == "1280000.00"  # the adopted plan


@pytest.mark.parametrize("command", [["summary"], ["pdf", "--sections", "begroting"], ["export"],
                                     ["next-year"], ["diff", "--against", "2022"]])
def test_every_command_refuses_a_wrong_reference_in_dutch(demo_workspace, file_copies, capsys, tmp_path, monkeypatch,
                                                          command):
    monkeypatch.chdir(tmp_path)
    before = demo_workspace.read_bytes()
    code, out, err = run(capsys, command[0], demo_workspace, "--plan", "2022/wijziging-3", *command[1:])
    assert (code, out, err) == (1, "", "planbord: Er is geen wijziging 3 van het plan van 2022. Wel: "
                                       "2022/wijziging-1, 2022/wijziging-2.\n")
    assert demo_workspace.read_bytes() == before and not list(tmp_path.glob("demo-*"))


def test_import_into_an_amendment_by_reference(ws_target, copies, capsys, tmp_path):
    source = tmp_path / "b.xlsx"
    book = openpyxl.Workbook()
    for row in (["Omschrijving", 2022], ["Bureau", None], ["Programmamanager", 100000]):
        book.active.append(row)
    book.save(source)
    code, out, err = run(capsys, "import", ws_target, "--plan", "2022/wijziging-2", source, "--dry-run")
    assert (code, err) == (0, "")
    assert "Proefimport in “Uitvoeringsplan 2022 Regiovisie Jeugdzorg Haaglanden (wijziging 2)”" in out
    code, out, err = run(capsys, "import", ws_target, "--plan", "2022", source, "--dry-run")
    assert "Let op: een echte import wordt geweigerd." in out  # the adopted plan, as before


def test_pdf_and_export_of_an_amendment_get_a_name_of_their_own(demo_workspace, file_copies, capsys, tmp_path,
                                                                monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "pdf", demo_workspace, "--plan", "2022/wijziging-1", "--sections", "begroting")
    assert code == 0 and out.startswith(f"PDF geschreven: {Path('demo-2022-wijziging-1-begroting.pdf')} ")
    code, out, _ = run(capsys, "pdf", demo_workspace, "--plan", "2022", "--sections", "begroting")
    assert code == 0 and out.startswith(f"PDF geschreven: {Path('demo-2022-begroting.pdf')} ")
    amended = "\n".join(p.extract_text() for p in PdfReader(tmp_path / "demo-2022-wijziging-1-begroting.pdf").pages)
    adopted = "\n".join(p.extract_text() for p in PdfReader(tmp_path / "demo-2022-begroting.pdf").pages)
    assert "137.500" in amended and "137.500" not in adopted
    code, out, _ = run(capsys, "export", demo_workspace, "--plan", f"id:{file_copies['s1']}", "--sheets", "begroting")
    assert code == 0 and out == f"Excel-bestand geschreven: {Path('demo-2022-scenario-1.xlsx')} (tabblad: begroting)\n"
    code, out, _ = run(capsys, "export", demo_workspace, "--plan", f"id:{file_copies['w1']}", "--sheets", "begroting")
    assert out.startswith(f"Excel-bestand geschreven: {Path('demo-2022-wijziging-1.xlsx')} ")


def test_next_year_from_an_amendment(demo_workspace, file_copies, capsys):
    code, out, err = run(capsys, "next-year", demo_workspace, "--plan", "2022/wijziging-1")
    assert (code, err) == (0, "")
    ws = open_workspace(demo_workspace, read_only=True)
    try:
        with ws.session() as s:
            plan = find_plan(s, 2023)
            line = s.scalars(select(BudgetLine).join(BudgetLine.group).where(
                BudgetGroup.plan_id == plan.id, BudgetLine.name == RAISED)).one()
            # 2022 is the new plan's comparison column, filled from the amendment, not the adopted plan
            assert {c.year: c.amount for c in line.cells}[2022] == 137500
            assert s.get(Plan, plan.id).kind is PlanKind.PLAN
    finally:
        ws.close()
