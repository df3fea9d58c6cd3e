"""A region's name and its municipality sets (issue 12, point 2, services): a set of four of six,
a line shared by it splits its amount over those four only; every refusal in Dutch."""
from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from app.models import BudgetGroup, KeyMethod, Municipality, MunicipalitySet, Plan
from app.services import budget_edit, region_edit
from app.services.cell_input import parse_cell
from app.services.contributions import budget_contributions
from app.services.edit_errors import EditError
from app.services.new_workspace import KeySetup, PlanSetup, create_region_workspace
from app.services.workspace import open_workspace

D = Decimal
SIX = ["Aadorp", "Beekdorp", "Cedorp", "Dijkstad", "Eemveen", "Fortmond"]


@pytest.fixture
def region(tmp_path):
    made = create_region_workspace(
        tmp_path / "proef.planbord", "Regio Proefland", SIX,
        key=KeySetup("Meicirculaire", KeyMethod.PERCENTAGE, ["30", "20", "15", "15", "10", "10"]),
        plan=PlanSetup(2027))
    ws = open_workspace(made.path)
    with ws.session() as s:
        ids = {m.name: m.id for m in s.scalars(select(Municipality))}
    yield ws, made, ids
    ws.close()


def test_a_set_of_four_shares_its_lines_amount_over_those_four_only(region):
    ws, made, ids = region
    four = region_edit.add_municipality_set(ws, made.region_id, "H4", "Noordelijke vier",
                                            [ids[n] for n in ("Dijkstad", "Aadorp", "Cedorp", "Beekdorp")])
    with ws.session() as s:
        found = s.get(MunicipalitySet, four)
        assert [m.name for m in found.members] == ["Aadorp", "Beekdorp", "Cedorp", "Dijkstad"]  # region order
    group = budget_edit.add_group(ws, made.plan_id, None, name="Projecten")
    everyone = budget_edit.add_line(ws, group, name="Voor allen")
    shared = budget_edit.add_line(ws, group, name="Voor de vier")
    budget_edit.set_line_fields(ws, shared, municipality_set_id=four)
    budget_edit.set_cells(ws, [budget_edit.CellChange(everyone, 2027, parse_cell("100.000")),
                               budget_edit.CellChange(shared, 2027, parse_cell("80.000"))])
    with ws.session() as s:
        split = budget_contributions(s, s.get(Plan, made.plan_id)).by_year[2027]
    # 100.000 by 30/20/15/15/10/10; 80.000 by 30/20/15/15 of 80 % (37,5/25/18,75/18,75)
    assert split == {"Aadorp": D("60000.00"), "Beekdorp": D("40000.00"), "Cedorp": D("30000.00"),
                     "Dijkstad": D("30000.00"), "Eemveen": D("10000.00"), "Fortmond": D("10000.00")}
    assert sum(split.values()) == D("180000.00")


def test_a_set_changed_and_changed_back_and_a_used_set_not_deleted(region):
    ws, made, ids = region
    four = region_edit.add_municipality_set(ws, made.region_id, "H4", "Vier", [ids[n] for n in SIX[:4]])
    old = region_edit.set_municipality_set(ws, four, "H3", "Drie", [ids[n] for n in SIX[:3]])
    assert old == region_edit.SetState("H4", "Vier", tuple(ids[n] for n in SIX[:4]))
    region_edit.set_municipality_set(ws, four, old.code, old.name, old.member_ids)
    with ws.session() as s:
        found = s.get(MunicipalitySet, four)
        assert (found.code, found.name, [m.name for m in found.members]) == ("H4", "Vier", SIX[:4])
    group = budget_edit.add_group(ws, made.plan_id, None, name="Projecten")
    budget_edit.set_group_fields(ws, group, municipality_set_id=four)
    with pytest.raises(EditError) as refused:
        region_edit.delete_municipality_set(ws, four)
    assert refused.value.message == ("H4 wordt gedeeld door 1 begrotingsposten of groepen; kies daar eerst "
                                      "een andere verdeling.")
    budget_edit.set_group_fields(ws, group, municipality_set_id=None)
    region_edit.delete_municipality_set(ws, four)
    with ws.session() as s:
        assert s.scalars(select(MunicipalitySet)).all() == [] and s.get(BudgetGroup, group) is not None


@pytest.mark.parametrize("code, name, members, message", [
    ("", "Vier", SIX[:4], "Een groep gemeenten heeft een code nodig, bijvoorbeeld H8."),
    ("H4", "  ", SIX[:4], "Een groep gemeenten heeft een naam nodig."),
    ("H4", "Vier", [], "Een groep gemeenten heeft minstens één gemeente; vink er een of meer aan."),
    ("H" * 41, "Vier", SIX[:4], "De code “HHHHHHHHHHHHHHHHHHHH…” is langer dan 40 tekens."),
    ("h2", "Twee", SIX[:2], "De regio heeft al een groep met de code h2; kies een andere code."),
])
def test_a_set_that_makes_no_sense_is_refused(region, code, name, members, message):
    ws, made, ids = region
    region_edit.add_municipality_set(ws, made.region_id, "H2", "Twee", [ids[n] for n in SIX[:2]])
    with pytest.raises(EditError) as refused:
        region_edit.add_municipality_set(ws, made.region_id, code, name, [ids[n] for n in members])
    assert refused.value.message == message
    with ws.session() as s:
        assert len(s.scalars(select(MunicipalitySet)).all()) == 1


def test_a_municipality_of_another_region_cannot_join_a_set(region, tmp_path):
    ws, made, ids = region
    with ws.transaction() as s:
        from app.models import Region

        other = Region(name="Elders")
        s.add(other)
        s.flush()
        stranger = Municipality(region_id=other.id, name="Vreemdorp", position=0)
        s.add(stranger)
        s.flush()
        stranger_id = stranger.id
    with pytest.raises(EditError) as refused:
        region_edit.add_municipality_set(ws, made.region_id, "X", "Gemengd", [ids["Aadorp"], stranger_id])
    assert refused.value.message == "Een groep bevat alleen gemeenten van de eigen regio."


def test_the_region_is_renamed_and_back_and_a_blank_name_refused(region):
    ws, made, _ids = region
    old = region_edit.rename_region(ws, made.region_id, "  Regio   Noord ")
    assert old == "Regio Proefland"
    with pytest.raises(EditError, match="Een regio heeft een naam nodig."):
        region_edit.rename_region(ws, made.region_id, " ")
    region_edit.rename_region(ws, made.region_id, old)
    with ws.session() as s:
        from app.models import Region

        assert s.get(Region, made.region_id).name == "Regio Proefland"
