"""``python -m app diff FILE --plan PLAN --against PLAN [--json | --out OUT.xlsx]`` (issue 17, point 4):
an amendment of the demo against the adopted plan, in Dutch text, as JSON and as a workbook; the
file is only read; every refusal is a Dutch message with the exit code of the other commands.

The comparisons run on the demo as a file and on the PostgreSQL test server (the command takes the
database's URL where a file name stands; issue 22); the refusals, the usage errors and the workbook
written beside a file are about files and stay on SQLite."""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader
from sqlalchemy import select

from app.cli import main
from app.models import BudgetGroup, BudgetLine, Chapter, Plan, Project, Region, Role
from app.services.budget_edit import CellChange, add_line, set_cells
from app.services.cell_input import parse_cell
from app.services.new_workspace import PlanSetup
from app.services.plan_copy import create_amendment
from app.services.plan_edit import create_plan
from app.services.plans import find_plan
from app.services.project_edit import set_project_fields
from app.services.staffing_edit import set_role_fields
from app.services.server_workspace import open_any
from app.services.workspace import open_workspace

ADOPTED = "Uitvoeringsplan 2022 Regiovisie Jeugdzorg Haaglanden"
AMENDED = f"{ADOPTED} (wijziging 1)"
RAISED = "Programmamanager Jeugd (40% uitvoering)"  # 127.500 in 2022 in the demo
GROUP = "1. Regionale netwerksamenwerking"
# Each municipality's contribution in 2022 before and after: the amendment adds 35.000 to what is split.
CONTRIBUTIONS = {
    "Delft": (90586, 93642), "Den Haag": (478960, 495118), "Lansingerland": (55295, 57160),
    "Leidschendam-Voorburg": (67088, 69351), "Midden-Delfland": (17034, 17609),
    "Pijnacker-Nootdorp": (48918, 50568), "Rijswijk": (48307, 49936), "Wassenaar": (23585, 24381),
    "Westland": (98273, 101588), "Zoetermeer": (109454, 113147),
}


def amend(ws) -> None:
    """Amendment 1 of the adopted 2022 plan in ``ws``: RAISED from 127.500 to 137.500 in 2022, a
    line "Extra regiodag" added to group 1 (25.000 in 2022, PM in 2023), project 3.1.1 set to
    "achter" and the first role from 1,0 to 2,0 fte. Closes ``ws``."""
    try:
        with ws.session() as s:
            adopted = find_plan(s, 2022).id
        amendment = create_amendment(ws, adopted)
        with ws.session() as s:
            line_id, group_id = s.execute(select(BudgetLine.id, BudgetLine.group_id).join(BudgetLine.group).where(
                BudgetGroup.plan_id == amendment, BudgetLine.name == RAISED)).one()
            project = s.scalars(select(Project.id).join(Project.chapter).where(
                Chapter.plan_id == amendment, Project.number == "3.1.1")).one()
            role = s.scalars(select(Role.id).where(Role.plan_id == amendment).order_by(Role.position)).first()
        set_cells(ws, [CellChange(line_id, 2022, parse_cell("137.500"))])
        added = add_line(ws, group_id, name="Extra regiodag")
        set_cells(ws, [CellChange(added, 2022, parse_cell("25.000")), CellChange(added, 2023, parse_cell("PM"))])
        set_project_fields(ws, project, status="achter")
        set_role_fields(ws, role, fte="2")
    finally:
        ws.close()


@pytest.fixture
def amended(demo_workspace) -> Path:
    """The demo file with the amendment of :func:`amend`, closed."""
    amend(open_workspace(demo_workspace))
    return demo_workspace


@pytest.fixture
def amended_any(ws, ws_target) -> str:
    """The demo with the amendment of :func:`amend`, closed: the file, and a database on the
    PostgreSQL test server (its URL stands where the file name stands)."""
    amend(ws)
    return ws_target


def only_read(target):
    """The bytes of a file (to show the command only read it); None for a server database."""
    return Path(target).read_bytes() if Path(target).is_file() else None


def run(capsys, *args) -> tuple[int, str, str]:
    code = main(["diff", *map(str, args)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def figure(label: str, year: int, before: str, after: str, difference: str) -> str:
    return f"  {label:<30}{year:>6}{before:>16}{after:>16}{difference:>14}"


# --- text -------------------------------------------------------------------------------------

def test_the_amendment_against_the_adopted_plan(amended_any, capsys):
    before = only_read(amended_any)
    code, out, err = run(capsys, amended_any, "--plan", "2022/wijziging-1", "--against", "2022")
    assert (code, err) == (0, "")
    lines = out.split("\n")
    assert lines[:9] == [
        f"{AMENDED} vergeleken met {ADOPTED}",
        "",
        "Gewijzigde begrotingsposten (2)",
        f"  {RAISED} ({GROUP}): gewijzigd in 2022",
        "    2022: 127.500 → 137.500 (verschil +10.000)",
        f"  Extra regiodag ({GROUP}): toegevoegd",
        "    2022: leeg → 25.000 (verschil +25.000)",
        "    2023: leeg → PM",  # a marker is no amount: no verschil
        "",
    ]
    totals = lines.index(f"{'Totalen':<32}{'jaar':>6}{'voor':>16}{'na':>16}{'verschil':>14}")
    assert lines[totals + 1:totals + 9] == [
        figure("Totaal", 2021, "1.062.500", "1.062.500", "0"),  # the comparison column
        figure("", 2022, "1.280.000", "1.315.000", "+35.000"),
        figure("", 2023, "0", "0", "0"),
        figure("Dekking", 2022, "1.280.000", "1.280.000", "0"),  # own years only: 2021 is never funded
        figure("", 2023, "0", "0", "0"),
        figure("Saldo", 2022, "0", "-35.000", "-35.000"),
        figure("", 2023, "0", "0", "0"),
        "",
    ]
    start = lines.index(f"{'Bijdragen per gemeente':<32}{'jaar':>6}{'voor':>16}{'na':>16}{'verschil':>14}")
    rows = lines[start + 1:start + 21]
    expected = []
    for name, (old, new) in CONTRIBUTIONS.items():
        expected += [figure(name, 2022, f"{old:,}".replace(",", "."), f"{new:,}".replace(",", "."),
                            f"+{new - old:,}".replace(",", ".")),
                     figure("", 2023, "0", "0", "0")]
    assert rows == expected
    # what the councils pay more adds up to what the amendment adds
    assert sum(new - old for old, new in CONTRIBUTIONS.values()) == 35000
    assert lines[start + 21:] == [
        "", "Formatie en dagdelen", "  Programma-management: 1,0 → 2,0 fte",
        "", "Projecten en acties", "  Project status: 3.1.1 Aanpak wachtlijsten (onbekend → achter)", ""]
    assert only_read(amended_any) == before  # only read


def test_the_other_way_round_the_signs_turn(amended_any, capsys):
    code, out, _ = run(capsys, amended_any, "--plan", "2022", "--against", "2022/wijziging-1")
    assert code == 0
    lines = out.split("\n")
    assert lines[0] == f"{ADOPTED} vergeleken met {AMENDED}"
    assert lines[3:8] == [f"  {RAISED} ({GROUP}): gewijzigd in 2022",
                          "    2022: 137.500 → 127.500 (verschil -10.000)",
                          f"  Extra regiodag ({GROUP}): verwijderd",
                          "    2022: 25.000 → leeg (verschil -25.000)",
                          "    2023: PM → leeg"]
    assert figure("Saldo", 2022, "-35.000", "0", "+35.000") in lines
    assert figure("Den Haag", 2022, "495.118", "478.960", "-16.158") in lines


def test_no_differences(amended_any, capsys):
    code, out, err = run(capsys, amended_any, "--plan", "2022", "--against", "2022")
    assert (code, out, err) == (0, f"{ADOPTED} vergeleken met {ADOPTED}\n\nGeen verschillen.\n", "")
    # a fresh amendment is a copy: nothing differs either
    ws = open_any(amended_any)
    try:
        with ws.session() as s:
            adopted = find_plan(s, 2022).id
        create_amendment(ws, adopted)
    finally:
        ws.close()
    code, out, _ = run(capsys, amended_any, "--plan", "2022/wijziging-2", "--against", "2022")
    assert (code, out) == (0, f"{ADOPTED} (wijziging 2) vergeleken met {ADOPTED}\n\nGeen verschillen.\n")


@pytest.fixture
def keyless(ws, ws_target) -> str:
    """The demo (a file, and on the test server) with an amendment that lost its verdeelsleutel;
    nothing else changed. Closed."""
    try:
        with ws.session() as s:
            adopted = find_plan(s, 2022).id
        amendment = create_amendment(ws, adopted)
        with ws.transaction() as s:
            s.get(Plan, amendment).allocation_key_id = None
    finally:
        ws.close()
    return ws_target


NO_KEY = "Dit plan heeft geen verdeelsleutel; kies er een bij Verdeelsleutel."


def test_contributions_that_cannot_be_compared_are_said_so(keyless, capsys):
    code, out, _ = run(capsys, keyless, "--plan", "2022/wijziging-1", "--against", "2022")
    assert (code, out) == (0, f"{AMENDED} vergeleken met {ADOPTED}\n\nGeen verschillen.\n\n{NO_KEY}\n")
    ws = open_any(keyless)
    try:
        with ws.session() as s:
            role = s.scalars(select(Role.id).where(Role.plan_id == 2).order_by(Role.position)).first()
        set_role_fields(ws, role, fte="1,5")
    finally:
        ws.close()
    code, out, _ = run(capsys, keyless, "--plan", "2022/wijziging-1", "--against", "2022")
    lines = out.split("\n")
    assert lines[2] == "Geen gewijzigde begrotingsposten."
    assert "Bijdragen per gemeente" not in out
    assert lines[-8:] == [figure("Saldo", 2022, "0", "0", "0"), figure("", 2023, "0", "0", "0"),
                          "", NO_KEY, "", "Formatie en dagdelen", "  Programma-management: 1,0 → 1,5 fte", ""]
    code, out, _ = run(capsys, keyless, "--plan", "2022/wijziging-1", "--against", "2022", "--json")
    contributions = json.loads(out)["contributions"]
    assert contributions == {"years": ["2022", "2023"], "problem": NO_KEY, "municipalities": {}}


def test_a_plan_by_id(amended_any, capsys):
    code, by_path, _ = run(capsys, amended_any, "--plan", "2022/wijziging-1", "--against", "2022")
    code_id, by_id, _ = run(capsys, amended_any, "--plan", "id:2", "--against", "id:1")
    assert code == code_id == 0 and by_id == by_path


# --- JSON -------------------------------------------------------------------------------------

def test_json(amended_any, capsys):
    code, out, err = run(capsys, amended_any, "--plan", "2022/wijziging-1", "--against", "2022", "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["before"] == {"id": 1, "title": ADOPTED} and data["after"] == {"id": 2, "title": AMENDED}
    assert data["changed"] is True and data["years"] == ["2021", "2022", "2023"]
    raised, added = data["lines"]
    assert raised == {
        "name": RAISED, "group": [GROUP], "kinds": ["gewijzigd"], "description": "gewijzigd in 2022",
        "before_name": RAISED, "before_group": [GROUP],
        "years": {"2022": {"before": {"amount": "127500.00", "marker": None},
                           "after": {"amount": "137500.00", "marker": None}, "difference": "10000.00"}}}
    assert added == {
        "name": "Extra regiodag", "group": [GROUP], "kinds": ["toegevoegd"], "description": "toegevoegd",
        "before_name": None, "before_group": None,
        "years": {"2022": {"before": {"amount": None, "marker": None},
                           "after": {"amount": "25000.00", "marker": None}, "difference": "25000.00"},
                  "2023": {"before": {"amount": None, "marker": None},
                           "after": {"amount": None, "marker": "PM"}, "difference": "0.00"}}}
    totals = data["totals"]
    assert totals["budget"]["2022"] == {"before": "1280000.00", "after": "1315000.00", "difference": "35000.00"}
    assert totals["budget"]["2021"] == {"before": "1062500.00", "after": "1062500.00", "difference": "0.00"}
    assert list(totals["funding"]) == list(totals["saldo"]) == ["2022", "2023"]  # own years only
    assert totals["saldo"]["2022"] == {"before": "0.00", "after": "-35000.00", "difference": "-35000.00"}
    assert totals["to_split"]["2022"]["difference"] == "35000.00"
    assert data["groups"] == [{"label": GROUP, "level": 0, "years": {
        "2021": {"before": "555500.00", "after": "555500.00", "difference": "0.00"},
        "2022": {"before": "544000.00", "after": "579000.00", "difference": "35000.00"},
        "2023": {"before": "0.00", "after": "0.00", "difference": "0.00"}}}]
    contributions = data["contributions"]
    assert contributions["years"] == ["2022", "2023"] and contributions["problem"] is None
    assert list(contributions["municipalities"]) == list(CONTRIBUTIONS)
    for name, (old, new) in CONTRIBUTIONS.items():
        assert contributions["municipalities"][name]["2022"] == {
            "before": f"{old}.00", "after": f"{new}.00", "difference": f"{new - old}.00"}
    assert sum(Decimal(m["2022"]["difference"]) for m in contributions["municipalities"].values()) == \
        Decimal(totals["to_split"]["2022"]["difference"])
    assert data["staffing"] == [{"what": "rol", "label": "Programma-management", "unit": "fte", "before": "1.00",
                                 "after": "2.00", "difference": "1.00",
                                 "text": "Programma-management: 1,0 → 2,0 fte"}]
    assert data["outline"] == [{"what": "project", "kind": "status", "label": "3.1.1 Aanpak wachtlijsten",
                                "detail": "onbekend → achter",
                                "text": "Project status: 3.1.1 Aanpak wachtlijsten (onbekend → achter)"}]


def test_json_without_differences(amended_any, capsys):
    code, out, _ = run(capsys, amended_any, "--plan", "2022", "--against", "2022", "--json")
    data = json.loads(out)
    assert code == 0 and data["changed"] is False
    assert (data["lines"], data["groups"], data["staffing"], data["outline"]) == ([], [], [], [])


# --- refusals ---------------------------------------------------------------------------------

@pytest.mark.parametrize("args, message", [
    (["--plan", "2022/wijziging-2", "--against", "2022"],
     "planbord: Er is geen wijziging 2 van het plan van 2022. Wel: 2022/wijziging-1.\n"),
    (["--plan", "2022/wijziging-1", "--against", "2021"],
     "planbord: Er is geen uitvoeringsplan voor 2021. Wel voor: 2022.\n"),
    (["--plan", "2022/scenario-1", "--against", "2022"],
     "planbord: Er is geen scenario 1 van het plan van 2022: er zijn geen scenario's. Wel: 2022/wijziging-1.\n"),
    (["--plan", "2022", "--against", "id:9"],
     "planbord: Er is geen plan met id:9. Wel: 2022, 2022/wijziging-1.\n"),
    (["--plan", "2022", "--against", "2022", "--out", "vergelijking.csv"],
     "planbord: Geef een Excel-bestand (.xlsx) op, bijvoorbeeld vergelijking.xlsx.\n"),
])
def test_refusals(amended, capsys, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    before = amended.read_bytes()
    code, out, err = run(capsys, amended, *args)
    assert (code, out, err) == (1, "", message)
    assert amended.read_bytes() == before and not list(tmp_path.glob("vergelijking*"))


def test_plans_of_two_regions(amended_any, capsys):
    ws = open_any(amended_any)
    try:
        with ws.transaction() as s:
            region = Region(name="Regio Klein")
            s.add(region)
            s.flush()
            region_id = region.id
        create_plan(ws, region_id, PlanSetup(2023))
    finally:
        ws.close()
    code, out, err = run(capsys, amended_any, "--plan", "2023", "--against", "2022")
    assert (code, out) == (1, "")
    # the service's message (its advice after the first sentence is the service's to word)
    assert err.startswith("planbord: Alleen plannen van dezelfde regio zijn te vergelijken.") and "Traceback" not in err


def test_missing_file(tmp_path, capsys):
    code, out, err = run(capsys, tmp_path / "weg.planbord", "--plan", "2022", "--against", "2022")
    assert (code, out) == (1, "")
    assert err == "planbord: Het bestand “weg.planbord” bestaat niet (meer). Misschien is het verplaatst of " \
                  "hernoemd.\n"


def test_not_a_planbord_file(tmp_path, capsys):
    other = tmp_path / "notities.planbord"
    other.write_text("boodschappen: brood, kaas\n", encoding="utf-8")
    code, out, err = run(capsys, other, "--plan", "2022", "--against", "2022")
    assert (code, out) == (1, "")
    assert err.startswith("planbord: “notities.planbord” is geen Planbord-bestand")
    assert other.read_text(encoding="utf-8") == "boodschappen: brood, kaas\n"


@pytest.mark.parametrize("args, complaint", [
    (["--plan", "2022"], "planbord: deze gegevens ontbreken: --against"),
    (["--against", "2022"], "planbord: deze gegevens ontbreken: --plan"),
    (["--plan", "2022", "--against", "2022", "--json", "--out", "v.xlsx"],
     "planbord: argument --out: gaat niet samen met --json"),
])
def test_usage_errors(amended, capsys, args, complaint):
    with pytest.raises(SystemExit) as caught:
        main(["diff", str(amended), *args])
    assert caught.value.code == 2
    assert capsys.readouterr().err.startswith(complaint)


# --- the amendment printed --------------------------------------------------------------------

def test_pdf_of_the_amendment_holds_its_changed_figure(amended_any, capsys, tmp_path):
    out = tmp_path / "wijziging.pdf"
    code = main(["pdf", str(amended_any), "--plan", "2022/wijziging-1", "--sections", "begroting", "--out", str(out)])
    assert code == 0
    text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
    assert "137.500" in text and "Extra regiodag" in text
    assert "1.062.500 1.315.000" in text  # the amendment's grand total beside 2021's
    main(["pdf", str(amended_any), "--plan", "2022", "--sections", "begroting", "--out", str(out)])
    text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
    assert "137.500" not in text and "Extra regiodag" not in text and "1.062.500 1.280.000" in text


# --- Excel (last: app.io.comparison_export is written alongside) -------------------------------

def test_out_writes_the_comparison_workbook(amended, capsys, tmp_path):
    out = tmp_path / "vergelijking.xlsx"
    before = amended.read_bytes()
    code, stdout, err = run(capsys, amended, "--plan", "2022/wijziging-1", "--against", "2022", "--out", out)
    assert (code, stdout, err) == (0, f"Excel-bestand geschreven: {out}\n", "")
    book = openpyxl.load_workbook(out)
    values = [cell.value for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert 137500 in values and "Extra regiodag" in values
    assert amended.read_bytes() == before


def test_out_never_over_the_workspace(amended, capsys, tmp_path):
    target = amended.with_suffix(".xlsx")
    amended.rename(target)  # a workspace whose name ends in .xlsx
    before = target.read_bytes()
    code, out, err = run(capsys, target, "--plan", "2022", "--against", "2022", "--out", target)
    assert (code, out, err) == (1, "", "planbord: “demo.xlsx” is een Planbord-werkbestand; Planbord schrijft er "
                                       "niet overheen. Kies een andere naam.\n")
    assert target.read_bytes() == before
