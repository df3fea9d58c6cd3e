"""Adopting a plan (issue 12, point 3): read-only after, an adopted amendment supersedes the plan
it amends (which stays readable), the year's figures are then the amendment's; refusals in Dutch."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from app.models import BudgetLine, Plan, PlanKind, PlanStatus
from app.services import budget_edit
from app.services.adoption import adopt_plan, current_plan, restore_adoption, superseding
from app.services.cell_input import parse_cell
from app.services.edit_errors import EditError, PlanReadOnlyError
from app.services.plan_copy import create_amendment
from app.services.plans import find_plan

D = Decimal
ROOT = Path(__file__).resolve().parent.parent


def adopted_2022(ws) -> int:
    with ws.session() as s:
        return s.scalars(select(Plan.id).where(Plan.kind == PlanKind.PLAN)).one()


def a_line(ws, plan_id) -> int:
    with ws.session() as s:
        return s.scalars(select(BudgetLine.id).join(BudgetLine.group).where(
            BudgetLine.name == "externe projectleiding (toegevoegd aan programmateam)",
            BudgetLine.group.has(plan_id=plan_id))).one()


def test_an_adopted_amendment_supersedes_its_plan_and_carries_the_years_figures(ws, demo_workspace, tmp_path):
    original = adopted_2022(ws)
    amendment = create_amendment(ws, original)
    budget_edit.set_cells(ws, [budget_edit.CellChange(a_line(ws, amendment), 2022, parse_cell("125.000"))])
    old = adopt_plan(ws, amendment, "15-3-2022", " BOJ ")
    assert old.status is PlanStatus.DRAFT
    with ws.session() as s:
        plan = s.get(Plan, amendment)
        assert (plan.status, plan.adopted_on, plan.adopted_by) == (PlanStatus.ADOPTED, date(2022, 3, 15), "BOJ")
        assert superseding(s, original).id == amendment
        assert current_plan(s, s.get(Plan, original)).id == amendment
        assert find_plan(s, 2022).id == amendment  # the year's plan is the adopted amendment now
        assert s.get(Plan, original).status is PlanStatus.ADOPTED  # still readable, still adopted
    with pytest.raises(PlanReadOnlyError):  # adopted: read-only
        budget_edit.set_cells(ws, [budget_edit.CellChange(a_line(ws, amendment), 2022, parse_cell("1"))])
    ws.close()
    target = getattr(ws.path, "address", None) or str(demo_workspace)  # the file, or the server database
    done = subprocess.run([sys.executable, "-m", "app", "summary", target, "--plan", "2022",
                           "--json"], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PLANBORD_DATA_DIR": str(tmp_path / "d")})
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["plan"]["title"].endswith("(wijziging 1)") and summary["plan"]["status"] == "adopted"
    assert summary["budget"]["total"]["2022"] == "1305000.00"  # 1.280.000 + 25.000


def test_undo_of_an_adoption_makes_the_draft_editable_again_and_the_plan_current(ws):
    original = adopted_2022(ws)
    amendment = create_amendment(ws, original)
    old = adopt_plan(ws, amendment, date(2022, 3, 15), "DO")
    restore_adoption(ws, amendment, old)
    with ws.session() as s:
        plan = s.get(Plan, amendment)
        assert (plan.status, plan.adopted_on, plan.adopted_by) == (PlanStatus.DRAFT, None, "")
        assert superseding(s, original) is None and find_plan(s, 2022).id == original
    budget_edit.set_cells(ws, [budget_edit.CellChange(a_line(ws, amendment), 2022, parse_cell("1"))])


def test_a_draft_amendment_does_not_supersede_anything(ws):
    original = adopted_2022(ws)
    create_amendment(ws, original)
    with ws.session() as s:
        assert superseding(s, original) is None and find_plan(s, 2022).id == original


@pytest.mark.parametrize("when, body, message", [
    ("15-3-2022", "", "Geef aan wie het plan vaststelt, bijvoorbeeld BOJ."),
    ("15-3-2022", "   ", "Geef aan wie het plan vaststelt, bijvoorbeeld BOJ."),
    ("15-3-2022", "B" * 101, "“BBBBBBBBBBBBBBBBBBBBBBBBBBBBBB…” is langer dan 100 tekens."),
    ("", "BOJ", "Geef de datum van vaststelling, bijvoorbeeld 11-11-2021."),
    (date(1899, 12, 31), "BOJ", "31-12-1899 ligt niet tussen 1900 en 2200."),
])
def test_an_adoption_without_a_proper_date_or_body_is_refused(ws, when, body, message):
    amendment = create_amendment(ws, adopted_2022(ws))
    with pytest.raises(EditError) as refused:
        adopt_plan(ws, amendment, when, body)
    assert refused.value.message == message
    with ws.session() as s:
        assert s.get(Plan, amendment).status is PlanStatus.DRAFT


def test_a_scenario_or_an_adopted_plan_cannot_be_adopted(ws):
    original = adopted_2022(ws)
    scenario = create_amendment(ws, original, PlanKind.SCENARIO)
    with pytest.raises(EditError) as refused:
        adopt_plan(ws, scenario, "1-1-2022", "BOJ")
    assert refused.value.message.endswith("is een scenario en wordt niet vastgesteld. Maak er een wijziging "
                                          "van en stel die vast.")
    with pytest.raises(EditError) as refused:
        adopt_plan(ws, original, "1-1-2022", "BOJ")
    assert refused.value.message == "“Uitvoeringsplan 2022 Regiovisie Jeugdzorg Haaglanden” is al vastgesteld."
    with pytest.raises(EditError, match="Dit plan bestaat niet meer."):
        adopt_plan(ws, original + 99, "1-1-2022", "BOJ")


def test_the_tree_marks_the_superseded_plan(ws):
    from app.services.read_models import load_navigation

    original = adopted_2022(ws)
    amendment = create_amendment(ws, original)
    adopt_plan(ws, amendment, "15-3-2022", "BOJ")
    (region,) = load_navigation(ws)
    marks = {p.id: p.superseded for p in region.plans}
    assert marks == {original: True, amendment: False}
