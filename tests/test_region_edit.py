"""A region's name, its municipalities and its municipality sets (issue 12, point 2, services): a
set of four of six, a line shared by it splits its amount over those four only; a municipality is
added where asked (with an empty share to fill in), renamed, moved, removed and put back exactly,
and stays while an adopted plan counts on it; every refusal in Dutch, and nothing written."""
from __future__ import annotations

import re
from decimal import Decimal

import pytest
from sqlalchemy import select

from app.models import (
    AllocationKey,
    BudgetGroup,
    FixedSettlement,
    FixedSettlementAmount,
    KeyMethod,
    Municipality,
    MunicipalitySet,
    Plan,
    Region,
)
from app.services import budget_edit, key_edit, region_edit
from app.services.adoption import adopt_plan
from app.services.cell_input import parse_cell
from app.services.contributions import AllocationKeyProblem, budget_contributions
from app.services.edit_errors import EditError, PlanReadOnlyError
from app.services.new_workspace import KeySetup, PlanSetup, add_region
from app.services.plan_copy import create_amendment

D = Decimal
SIX = ["Aadorp", "Beekdorp", "Cedorp", "Dijkstad", "Eemveen", "Fortmond"]


@pytest.fixture
def region(empty_ws):
    ws = empty_ws  # a file, and a database on the PostgreSQL test server
    made = add_region(ws, "Regio Proefland", SIX,
                      key=KeySetup("Meicirculaire", KeyMethod.PERCENTAGE, ["30", "20", "15", "15", "10", "10"]),
                      plan=PlanSetup(2027))
    with ws.session() as s:
        ids = {m.name: m.id for m in s.scalars(select(Municipality))}
    yield ws, made, ids
    ws.close()


@pytest.fixture
def workspace_demo(ws):
    """The demo open, as a file and on the test server: (workspace, region id, the adopted plan's id)."""
    with ws.session() as s:
        plan = s.scalars(select(Plan)).one()
        ids = plan.region_id, plan.id
    return ws, *ids


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


def test_a_municipality_of_another_region_cannot_join_a_set(region):
    ws, made, ids = region
    with ws.transaction() as s:
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
        assert s.get(Region, made.region_id).name == "Regio Proefland"


# --- municipalities (issue 12, point 2): added, renamed, moved, removed and put back ---------

def exactly(message: str) -> str:
    return f"^{re.escape(message)}$"


def on_disk(ws, region_id):
    """The region's municipalities as the file orders them: (position, name)."""
    with ws.session() as s:
        return [(m.position, m.name) for m in s.scalars(
            select(Municipality).where(Municipality.region_id == region_id).order_by(Municipality.position))]


def key_shares(ws, key_id):
    """municipality name -> (share id, percentage, basis)."""
    with ws.session() as s:
        return {sh.municipality.name: (sh.id, sh.percentage, sh.basis)
                for sh in s.get(AllocationKey, key_id).shares}


def plan_key(ws, plan_id):
    with ws.session() as s:
        return s.get(Plan, plan_id).allocation_key_id


def split_2027(ws, plan_id):
    with ws.session() as s:
        return budget_contributions(s, s.get(Plan, plan_id)).by_year[2027]


def line_of(ws, plan_id, amount, set_id=None):
    group = budget_edit.add_group(ws, plan_id, None, name="Projecten")
    line = budget_edit.add_line(ws, group, name="Post")
    if set_id is not None:
        budget_edit.set_line_fields(ws, line, municipality_set_id=set_id)
    budget_edit.set_cells(ws, [budget_edit.CellChange(line, 2027, parse_cell(amount))])
    return line


def settlement(ws, plan_id, set_id, name="GIZ licenties"):
    with ws.transaction() as s:
        s.add(FixedSettlement(plan_id=plan_id, name=name, municipality_set_id=set_id,
                              amounts=[FixedSettlementAmount(year=2027, amount=D("15000.00"))]))


def test_a_municipality_is_added_where_asked_with_an_empty_share_to_fill_in(region):
    ws, made, ids = region
    key = plan_key(ws, made.plan_id)
    new = region_edit.add_municipality(ws, made.region_id, "  Gans   dorp ", 2)
    assert on_disk(ws, made.region_id) == list(enumerate(
        ["Aadorp", "Beekdorp", "Gans dorp", "Cedorp", "Dijkstad", "Eemveen", "Fortmond"]))
    assert key_shares(ws, key)["Gans dorp"][1:] == (None, None)
    last = region_edit.add_municipality(ws, made.region_id, "Zuiderend")
    assert on_disk(ws, made.region_id)[-1] == (7, "Zuiderend")
    with ws.session() as s:
        assert s.get(Municipality, new).name == "Gans dorp" and s.get(Municipality, last).position == 7


def test_a_new_municipality_blocks_the_split_until_its_percentage_is_filled(region):
    ws, made, ids = region
    line_of(ws, made.plan_id, "100.000")
    key = plan_key(ws, made.plan_id)
    region_edit.add_municipality(ws, made.region_id, "Gansdorp")
    with pytest.raises(AllocationKeyProblem, match=exactly("Verdeelsleutel 'Meicirculaire': geen percentage "
                                                           "voor Gansdorp.")):
        split_2027(ws, made.plan_id)
    shares = key_shares(ws, key)
    key_edit.set_shares(ws, [key_edit.ShareChange(shares["Aadorp"][0], D("25.00"), None),
                             key_edit.ShareChange(shares["Gansdorp"][0], D("5.00"), None)])
    split = split_2027(ws, made.plan_id)
    assert split == {"Aadorp": D("25000.00"), "Beekdorp": D("20000.00"), "Cedorp": D("15000.00"),
                     "Dijkstad": D("15000.00"), "Eemveen": D("10000.00"), "Fortmond": D("10000.00"),
                     "Gansdorp": D("5000.00")}
    assert sum(split.values()) == D("100000.00")


def test_the_key_of_an_adopted_plan_gets_no_share_for_a_new_municipality(workspace_demo):
    ws, region_id, adopted = workspace_demo
    draft = create_amendment(ws, adopted)
    before = key_shares(ws, plan_key(ws, adopted))
    region_edit.add_municipality(ws, region_id, "Nootdorp-Oost")
    assert key_shares(ws, plan_key(ws, adopted)) == before
    assert key_shares(ws, plan_key(ws, draft))["Nootdorp-Oost"][1:] == (None, None)


@pytest.mark.parametrize("name, message", [
    ("   ", "Een gemeente heeft een naam nodig."),
    ("X" * 201, "Een gemeente: “XXXXXXXXXXXXXXXXXXXXXXXXXXXXXX…” is langer dan 200 tekens."),
    ("  aaDORP ", "De regio heeft al een gemeente “Aadorp”."),
])
def test_a_municipality_without_a_name_or_with_a_taken_one_is_not_added(region, name, message):
    ws, made, _ids = region
    before = on_disk(ws, made.region_id), key_shares(ws, plan_key(ws, made.plan_id))
    with pytest.raises(EditError, match=exactly(message)):
        region_edit.add_municipality(ws, made.region_id, name)
    assert (on_disk(ws, made.region_id), key_shares(ws, plan_key(ws, made.plan_id))) == before


def test_a_municipality_is_renamed_and_back_and_a_taken_name_refused(region):
    ws, made, ids = region
    assert region_edit.rename_municipality(ws, ids["Cedorp"], " Ce   Dorp ") == "Cedorp"
    assert on_disk(ws, made.region_id)[2] == (2, "Ce Dorp")
    assert region_edit.rename_municipality(ws, ids["Cedorp"], "ce dorp") == "Ce Dorp"  # itself: allowed
    with pytest.raises(EditError, match=exactly("De regio heeft al een gemeente “Dijkstad”.")):
        region_edit.rename_municipality(ws, ids["Cedorp"], "DIJKSTAD")
    with pytest.raises(EditError, match=exactly("Een gemeente heeft een naam nodig.")):
        region_edit.rename_municipality(ws, ids["Cedorp"], "")
    assert on_disk(ws, made.region_id)[2] == (2, "ce dorp")
    region_edit.rename_municipality(ws, ids["Cedorp"], "Cedorp")
    assert [n for _p, n in on_disk(ws, made.region_id)] == SIX


def test_a_municipality_moves_and_the_split_follows_the_new_order(region):
    ws, made, ids = region
    line_of(ws, made.plan_id, "100.000")
    assert region_edit.move_municipality(ws, ids["Fortmond"], 0) == 5
    assert on_disk(ws, made.region_id) == list(enumerate(["Fortmond", *SIX[:5]]))
    assert list(split_2027(ws, made.plan_id)) == ["Fortmond", *SIX[:5]]
    assert region_edit.move_municipality(ws, ids["Fortmond"], 5) == 0  # the undo
    assert on_disk(ws, made.region_id) == list(enumerate(SIX))
    with pytest.raises(EditError, match=exactly("Deze gemeente bestaat niet meer.")):
        region_edit.move_municipality(ws, 999, 0)


def test_the_uses_of_a_municipality_name_its_shares_sets_and_settlements(region):
    ws, made, ids = region
    four = region_edit.add_municipality_set(ws, made.region_id, "H4", "Noordelijke vier",
                                            [ids[n] for n in SIX[:4]])
    settlement(ws, made.plan_id, four)
    inhabitants = key_edit.add_key(ws, made.region_id, "Inwoners 2027", KeyMethod.BASIS, "inwoners")
    key_edit.set_shares(ws, [key_edit.ShareChange(key_shares(ws, inhabitants)["Beekdorp"][0], None, 12345)])
    assert region_edit.municipality_uses(ws, ids["Beekdorp"]) == [
        "aandeel in verdeelsleutel “Inwoners 2027”: 12.345 (inwoners)",
        "aandeel in verdeelsleutel “Meicirculaire”: 20,00 %",
        "lid van H4 (Noordelijke vier)",
        "de vaste afrekening “GIZ licenties” van “Uitvoeringsplan 2027” (via H4)",
    ]
    assert region_edit.municipality_uses(ws, ids["Fortmond"]) == [
        "aandeel in verdeelsleutel “Meicirculaire”: 10,00 %"]
    new = region_edit.add_municipality(ws, made.region_id, "Gansdorp")
    assert region_edit.municipality_uses(ws, new) == []


def test_a_removed_municipality_comes_back_exactly(region):
    ws, made, ids = region
    four = region_edit.add_municipality_set(ws, made.region_id, "H4", "Vier", [ids[n] for n in SIX[:4]])
    line_of(ws, made.plan_id, "80.000", four)
    key = plan_key(ws, made.plan_id)
    shares = key_shares(ws, key)
    snapshot = region_edit.delete_municipality(ws, ids["Cedorp"])
    assert snapshot.index == 2 and snapshot.set_ids == (four,)
    assert on_disk(ws, made.region_id) == list(enumerate(["Aadorp", "Beekdorp", "Dijkstad", "Eemveen",
                                                          "Fortmond"]))
    assert "Cedorp" not in key_shares(ws, key)
    with ws.session() as s:
        assert [m.name for m in s.get(MunicipalitySet, four).members] == ["Aadorp", "Beekdorp", "Dijkstad"]
    with pytest.raises(AllocationKeyProblem, match="telt op tot 85,00 %"):
        split_2027(ws, made.plan_id)
    region_edit.restore_municipality(ws, snapshot)
    assert on_disk(ws, made.region_id) == list(enumerate(SIX))
    assert key_shares(ws, key) == shares
    with ws.session() as s:
        assert s.get(Municipality, ids["Cedorp"]).name == "Cedorp"
        assert [m.name for m in s.get(MunicipalitySet, four).members] == SIX[:4]
    # 80.000 over the four by 30/20/15/15
    assert split_2027(ws, made.plan_id) == {"Aadorp": D("30000.00"), "Beekdorp": D("20000.00"),
                                            "Cedorp": D("15000.00"), "Dijkstad": D("15000.00"),
                                            "Eemveen": D("0.00"), "Fortmond": D("0.00")}


def test_the_last_municipality_and_a_sets_only_member_stay(region):
    ws, made, ids = region
    region_edit.add_municipality_set(ws, made.region_id, "H1", "Alleen Eemveen", [ids["Eemveen"]])
    with pytest.raises(EditError, match=exactly("H1 heeft dan geen gemeenten meer; verwijder eerst de groep of "
                                                "vink een andere gemeente aan.")):
        region_edit.delete_municipality(ws, ids["Eemveen"])
    assert on_disk(ws, made.region_id) == list(enumerate(SIX))
    alone = add_region(ws, "Eiland", ["Vlieland"])
    with ws.session() as s:
        only = s.scalars(select(Municipality.id).where(Municipality.region_id == alone.region_id)).one()
    with pytest.raises(EditError, match=exactly("Vlieland is de enige gemeente van de regio, en een regio "
                                                "heeft minstens één gemeente. Voeg eerst een andere "
                                                "gemeente toe.")):
        region_edit.delete_municipality(ws, only)
    assert on_disk(ws, alone.region_id) == [(0, "Vlieland")]


def test_a_municipality_an_adopted_key_gives_a_share_stays(region):
    ws, made, ids = region
    key = plan_key(ws, made.plan_id)
    adopt_plan(ws, made.plan_id, "11-11-2026", "BOJ")
    with pytest.raises(PlanReadOnlyError, match=exactly(
            "Aadorp kan niet worden verwijderd: het vastgestelde plan “Uitvoeringsplan 2027” geeft Aadorp een "
            "aandeel in de verdeelsleutel “Meicirculaire”. Laat de gemeente staan: een vastgesteld plan blijft "
            "zoals het is vastgesteld.")):
        region_edit.delete_municipality(ws, ids["Aadorp"])
    assert on_disk(ws, made.region_id) == list(enumerate(SIX)) and len(key_shares(ws, key)) == 6


def test_a_member_of_a_set_an_adopted_plan_shares_by_stays(empty_ws):
    ws = empty_ws
    made = add_region(ws, "Regio Zonder", SIX, plan=PlanSetup(2027))
    with ws.session() as s:
        ids = {m.name: m.id for m in s.scalars(select(Municipality))}
    aadorp, beekdorp = ids["Aadorp"], ids["Beekdorp"]
    try:
        pair = region_edit.add_municipality_set(ws, made.region_id, "H2", "Twee", [aadorp, beekdorp])
        line_of(ws, made.plan_id, "10.000", pair)
        adopt_plan(ws, made.plan_id, "11-11-2026", "BOJ")
        with pytest.raises(PlanReadOnlyError, match=exactly(
                "Aadorp kan niet worden verwijderd: Aadorp is lid van H2, waarover het vastgestelde plan "
                "“Uitvoeringsplan 2027” kosten verdeelt. Laat de gemeente staan: een vastgesteld plan blijft "
                "zoals het is vastgesteld.")):
            region_edit.delete_municipality(ws, aadorp)
        with pytest.raises(PlanReadOnlyError, match="de gemeenten van die groep blijven daarom zoals ze zijn"):
            region_edit.set_municipality_set(ws, pair, "H2", "Twee", [aadorp])
        assert region_edit.set_municipality_set(ws, pair, "HT", "Het tweetal", [beekdorp, aadorp]).code == "H2"
        with ws.session() as s:
            found = s.get(MunicipalitySet, pair)
            assert (found.code, [m.name for m in found.members]) == ("HT", ["Aadorp", "Beekdorp"])
        assert on_disk(ws, made.region_id) == list(enumerate(SIX))
        snapshot = region_edit.delete_municipality(ws, ids["Cedorp"])  # Cedorp is in no set: it may go
        assert snapshot.shares == () and snapshot.set_ids == ()
    finally:
        ws.close()


def test_a_municipality_is_not_restored_over_a_name_taken_meanwhile(region):
    ws, made, ids = region
    snapshot = region_edit.delete_municipality(ws, ids["Fortmond"])
    region_edit.add_municipality(ws, made.region_id, "FORTMOND")
    with pytest.raises(EditError, match=exactly("De regio heeft al een gemeente “FORTMOND”.")):
        region_edit.restore_municipality(ws, snapshot)
    assert [n for _p, n in on_disk(ws, made.region_id)] == [*SIX[:5], "FORTMOND"]


def test_a_deleted_set_comes_back_and_a_set_of_a_fixed_settlement_stays(region):
    ws, made, ids = region
    region_edit.add_municipality_set(ws, made.region_id, "H2", "Twee", [ids["Aadorp"], ids["Beekdorp"]])
    three = region_edit.add_municipality_set(ws, made.region_id, "H3", "Drie", [ids[n] for n in SIX[3:]])
    region_edit.add_municipality_set(ws, made.region_id, "H1", "Een", [ids["Cedorp"]])
    snapshot = region_edit.delete_municipality_set(ws, three)
    with ws.session() as s:
        sets = s.scalars(select(MunicipalitySet).order_by(MunicipalitySet.position)).all()
        assert [(x.position, x.code) for x in sets] == [(0, "H2"), (1, "H1")]
    region_edit.restore_municipality_set(ws, snapshot)
    with ws.session() as s:
        sets = s.scalars(select(MunicipalitySet).order_by(MunicipalitySet.position)).all()
        assert [(x.position, x.id, x.code) for x in sets] == [(0, sets[0].id, "H2"), (1, three, "H3"),
                                                              (2, sets[2].id, "H1")]
        assert [m.name for m in sets[1].members] == SIX[3:]
    settlement(ws, made.plan_id, three)
    with pytest.raises(EditError, match=exactly("H3 verdeelt de vaste afrekening “GIZ licenties” van "
                                                "“Uitvoeringsplan 2027”; een groep die in gebruik is, blijft "
                                                "bestaan.")):
        region_edit.delete_municipality_set(ws, three)
    with ws.session() as s:
        assert s.get(MunicipalitySet, three) is not None and s.get(Region, made.region_id) is not None
