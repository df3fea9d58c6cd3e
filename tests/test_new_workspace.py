"""A workspace of one's own (issue 12, first part): a region, its municipalities in their order,
optionally the first allocation key and the first plan, made by the service and by
`python -m app new`; every refusal in Dutch, with no file left behind."""
from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from app.models import KeyMethod, Plan
from app.services.contributions import key_percentages
from app.services.new_workspace import (
    KeySetup,
    PlanSetup,
    SetupError,
    create_region_workspace,
    municipality_names,
)
from app.services.plans import find_plan
from app.services.region_admin import load_region_admin
from app.services.workspace import WorkspaceError, open_workspace

D = Decimal
SIX = ["Aadorp", "Beekdorp", "Cedorp", "Dijkstad", "Eemveen", "Fortmond"]
ROOT = Path(__file__).resolve().parent.parent


def test_a_new_workspace_holds_the_region_its_municipalities_in_order_the_key_and_the_plan(tmp_path):
    path = tmp_path / "proefland.planbord"
    made = create_region_workspace(
        path, "  Regio   Proefland ", SIX,
        key=KeySetup("Meicirculaire 2027", KeyMethod.PERCENTAGE, ["30", "20,5", "15.5", "14", "10", "10 %"]),
        plan=PlanSetup(2027, first_year=2026, last_year=2029, half_days_per_fte="9"))
    assert made.path == path and made.municipalities == SIX
    with open_workspace(path) as ws:
        info = load_region_admin(ws, made.region_id)
        assert (info.name, [m.name for m in info.municipalities], [k.name for k in info.keys]) == (
            "Regio Proefland", SIX, ["Meicirculaire 2027"])
        with ws.session() as s:
            plan = find_plan(s, 2027)
            assert plan.id == made.plan_id
            assert (plan.title, plan.years, plan.half_days_per_fte, plan.allocation_key.name) == (
                "Uitvoeringsplan 2027", [2026, 2027, 2028, 2029], D("9.0"), "Meicirculaire 2027")
            shares = key_percentages(plan.allocation_key)  # by municipality id, in the region's order
            assert list(shares.values()) == [D("30.00"), D("20.50"), D("15.50"), D("14.00"), D("10.00"),
                                             D("10.00")]


def test_a_basis_key_takes_whole_figures_written_with_thousands_dots(tmp_path):
    made = create_region_workspace(tmp_path / "b.planbord", "Regio", ["Aadorp", "Beekdorp"],
                                   key=KeySetup("Inwoners 1-1-2027", KeyMethod.BASIS, ["12.345", 7655],
                                                basis_label="inwoners"))
    with open_workspace(made.path) as ws, ws.session() as s:
        from app.models import AllocationKey

        key = s.scalars(select(AllocationKey)).one()
        assert (key.method, key.basis_label) == (KeyMethod.BASIS, "inwoners")
        assert [(sh.municipality.name, sh.basis, sh.percentage) for sh in key.shares] == [
            ("Aadorp", 12345, None), ("Beekdorp", 7655, None)]
        assert s.scalars(select(Plan)).all() == []  # no plan asked for, none made


@pytest.mark.parametrize("region, municipalities, message", [
    ("", SIX, "Geef de regio een naam."),
    ("   ", SIX, "Geef de regio een naam."),
    ("R" * 201, SIX, "De naam van de regio is 201 tekens; het maximum is 200."),
    ("Regio", [], "Geef de gemeenten van de regio, één per regel."),
    ("Regio", ["Aadorp", "  "], "Een gemeente heeft een naam nodig; laat lege regels weg."),
    ("Regio", ["Aadorp", "Beekdorp", "AADORP"],
     "“AADORP” staat twee keer in de lijst van gemeenten; elke gemeente komt één keer voor."),
])
def test_a_region_that_cannot_be_made_is_refused_and_no_file_is_left(tmp_path, region, municipalities, message):
    path = tmp_path / "nee.planbord"
    with pytest.raises(SetupError) as refused:
        create_region_workspace(path, region, municipalities)
    assert refused.value.message == message
    assert not path.exists() and list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("key, message", [
    (KeySetup("", KeyMethod.PERCENTAGE, ["50", "50"]),
     "Geef de verdeelsleutel een naam, bijvoorbeeld “Inwoners 1-1-2022”."),
    (KeySetup("K", KeyMethod.PERCENTAGE, ["100"]),
     "De verdeelsleutel heeft 1 waarden voor 2 gemeenten; geef er één per gemeente, in dezelfde volgorde."),
    (KeySetup("K", KeyMethod.PERCENTAGE, ["50", "100,01"]),
     "“100,01” bij Beekdorp is geen percentage tussen 0 en 100 met hoogstens twee decimalen."),
    (KeySetup("K", KeyMethod.PERCENTAGE, ["50", "12,345"]),
     "“12,345” bij Beekdorp is geen percentage tussen 0 en 100 met hoogstens twee decimalen."),
    (KeySetup("K", KeyMethod.PERCENTAGE, ["veel", "50"]),
     "“veel” bij Aadorp is geen percentage tussen 0 en 100 met hoogstens twee decimalen."),
    (KeySetup("K", KeyMethod.BASIS, ["-5", "10"]), "“-5” bij Aadorp is geen heel getal van 0 of meer."),
    (KeySetup("K", KeyMethod.BASIS, ["10", "2,5"]), "“2,5” bij Beekdorp is geen heel getal van 0 of meer."),
])
def test_a_key_that_cannot_be_stored_is_refused_before_anything_is_written(tmp_path, key, message):
    path = tmp_path / "nee.planbord"
    with pytest.raises(SetupError) as refused:
        create_region_workspace(path, "Regio", ["Aadorp", "Beekdorp"], key=key)
    assert refused.value.message == message
    assert not path.exists()


@pytest.mark.parametrize("plan, message", [
    (PlanSetup(1899), "Het planjaar 1899 ligt niet tussen 1900 en 2200."),
    (PlanSetup(2201), "Het planjaar 2201 ligt niet tussen 1900 en 2200."),
    (PlanSetup(2027, first_year=1899), "Het eerste begrotingsjaar 1899 ligt niet tussen 1900 en 2200."),
    (PlanSetup(2027, first_year=2028, last_year=2026), "Het laatste begrotingsjaar (2026) ligt voor het eerste (2028)."),
    (PlanSetup(2027, first_year=2020, last_year=2030),
     "Een begroting heeft hoogstens 10 jaren; 2020–2030 zijn er 11."),
    (PlanSetup(2027, half_days_per_fte="0"), "“0” dagdelen per fte kan niet: een fte is meer dan 0 en hoogstens 10 "
                                              "dagdelen per week, met hoogstens één decimaal."),
    (PlanSetup(2027, half_days_per_fte="10,5"), "“10,5” dagdelen per fte kan niet: een fte is meer dan 0 en "
                                                 "hoogstens 10 dagdelen per week, met hoogstens één decimaal."),
    (PlanSetup(2027, half_days_per_fte="9,25"), "“9,25” dagdelen per fte kan niet: een fte is meer dan 0 en "
                                                 "hoogstens 10 dagdelen per week, met hoogstens één decimaal."),
    (PlanSetup(2027, title="T" * 301), "De titel is 301 tekens; het maximum is 300."),
])
def test_a_plan_that_cannot_be_made_is_refused_before_anything_is_written(tmp_path, plan, message):
    path = tmp_path / "nee.planbord"
    with pytest.raises(SetupError) as refused:
        create_region_workspace(path, "Regio", ["Aadorp"], plan=plan)
    assert refused.value.message == message
    assert not path.exists()


def test_the_edges_of_a_plan_are_accepted(tmp_path):
    made = create_region_workspace(tmp_path / "rand.planbord", "Regio", ["Aadorp"],
                                   plan=PlanSetup(2200, title="  Plan  ", first_year=2191, last_year=2200,
                                                  half_days_per_fte="10"))
    with open_workspace(made.path) as ws, ws.session() as s:
        plan = s.get(Plan, made.plan_id)
        assert (plan.title, plan.first_year, plan.last_year, plan.half_days_per_fte) == (
            "Plan", 2191, 2200, D("10.0"))


def test_an_existing_file_is_never_replaced(tmp_path):
    path = tmp_path / "bestaat.planbord"
    path.write_bytes(b"eigen werk")
    with pytest.raises(WorkspaceError) as refused:
        create_region_workspace(path, "Regio", ["Aadorp"])
    assert refused.value.message == "Het bestand “bestaat.planbord” bestaat al; kies een andere naam."
    assert path.read_bytes() == b"eigen werk"


@pytest.mark.parametrize("text, names", [
    ("Aadorp\nBeekdorp\n\nCedorp\n", ["Aadorp", "Beekdorp", "Cedorp"]),
    ("Aadorp\r\nBeekdorp\r\n", ["Aadorp", "Beekdorp"]),  # pasted from Excel on Windows
    ("Aadorp\tBeekdorp\tCedorp", ["Aadorp", "Beekdorp", "Cedorp"]),  # a row of cells
    ("Aadorp; Beekdorp ;;  Den   Bosch ", ["Aadorp", "Beekdorp", "Den Bosch"]),
    ("  \n\t ; ", []),
])
def test_municipalities_are_read_as_typed_or_pasted_in_their_order(text, names):
    assert municipality_names(text) == names


def run_cli(*args, tmp_path):
    import os

    env = {**os.environ, "PLANBORD_DATA_DIR": str(tmp_path / "data")}
    return subprocess.run([sys.executable, "-m", "app", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_the_command_line_makes_a_region_with_a_plan_and_refuses_in_dutch(tmp_path):
    path = tmp_path / "proefland.planbord"
    made = run_cli("new", str(path), "--region", "Regio Proefland", "--municipalities",
                   "Aadorp; Beekdorp; Cedorp", "--plan", "2027", tmp_path=tmp_path)
    assert made.returncode == 0, made.stderr
    assert made.stdout.strip() == f"Werkbestand geschreven: {path} (3 gemeenten, met een plan voor 2027)"
    summary = run_cli("summary", str(path), tmp_path=tmp_path)
    assert summary.returncode == 0 and summary.stdout.startswith("Uitvoeringsplan 2027 (Regio Proefland), concept")

    again = run_cli("new", str(path), "--region", "X", "--municipalities", "A", tmp_path=tmp_path)
    assert again.returncode == 1
    assert again.stderr.strip() == ("planbord: “proefland.planbord” is een Planbord-werkbestand; Planbord "
                                    "schrijft er niet overheen. Kies een andere naam.")
    twice = run_cli("new", str(tmp_path / "twee.planbord"), "--region", "X", "--municipalities", "A;a",
                    tmp_path=tmp_path)
    assert twice.returncode == 1 and "“a” staat twee keer" in twice.stderr
    assert not (tmp_path / "twee.planbord").exists()
    wrong = run_cli("new", str(tmp_path / "regio.txt"), "--region", "X", "--municipalities", "A",
                    tmp_path=tmp_path)
    assert wrong.returncode == 1 and "extensie .planbord" in wrong.stderr
