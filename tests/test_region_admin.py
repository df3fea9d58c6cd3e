"""The region editor's page as plain data (issue 12, point 2): municipalities in the region's
order with how much goes with each, sets with their members in that order and whether a plan
shares by them, keys by name with the plans using them and how far they are filled in."""
from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from app.models import FixedSettlement, FixedSettlementAmount, KeyMethod, Municipality, Plan
from app.services import budget_edit, key_edit, region_edit
from app.services.adoption import adopt_plan
from app.services.new_workspace import KeySetup, PlanSetup, add_region
from app.services.region_admin import KeyRow, MunicipalityRow, RegionAdmin, SetRow, load_region_admin

FIVE = ["Aadorp", "Beekdorp", "Cedorp", "Dijkstad", "Eemveen"]


@pytest.fixture
def region(empty_ws):
    ws = empty_ws  # a file, and a database on the PostgreSQL test server
    made = add_region(ws, "Regio Beheerland", FIVE,
                      key=KeySetup("Meicirculaire", KeyMethod.PERCENTAGE, ["30", "25", "20", "15", "10"]),
                      plan=PlanSetup(2027))
    with ws.session() as s:
        ids = {m.name: m.id for m in s.scalars(select(Municipality))}
    yield ws, made, ids
    ws.close()


def test_a_new_region_shows_its_municipalities_its_key_and_no_sets(region):
    ws, made, ids = region
    admin = load_region_admin(ws, made.region_id)
    key = admin.keys[0].id
    assert admin == RegionAdmin(
        made.region_id, "Regio Beheerland",
        tuple(MunicipalityRow(ids[n], n, 1) for n in FIVE),  # each has its share in Meicirculaire
        (),
        (KeyRow(key, "Meicirculaire", KeyMethod.PERCENTAGE, "", "", ("Uitvoeringsplan 2027",), False, 5, 5),))


def test_the_page_follows_the_edits_in_the_regions_order(region):
    ws, made, ids = region
    region_edit.move_municipality(ws, ids["Eemveen"], 0)
    pair = region_edit.add_municipality_set(ws, made.region_id, "H2", "Oost", [ids["Beekdorp"], ids["Eemveen"]])
    free = region_edit.add_municipality_set(ws, made.region_id, "H3", "West", [ids[n] for n in FIVE[:3]], 0)
    group = budget_edit.add_group(ws, made.plan_id, None, name="Projecten")
    budget_edit.set_group_fields(ws, group, municipality_set_id=pair)
    inwoners = key_edit.add_key(ws, made.region_id, "inwoners", KeyMethod.BASIS, "inwoners", "CBS")
    with ws.session() as s:
        first = s.scalars(select(Plan)).one().allocation_key.shares[0].id
    key_edit.set_shares(ws, [key_edit.ShareChange(first, None, 1000)])  # Aadorp: a basis figure only
    gans = region_edit.add_municipality(ws, made.region_id, "Gansdorp")
    admin = load_region_admin(ws, made.region_id)
    assert [(m.name, m.uses) for m in admin.municipalities] == [
        ("Eemveen", 2), ("Aadorp", 2), ("Beekdorp", 3), ("Cedorp", 2), ("Dijkstad", 1), ("Gansdorp", 0)]
    assert admin.municipalities[-1].id == gans
    assert region_edit.municipality_uses(ws, ids["Aadorp"]) == ["aandeel in verdeelsleutel “Meicirculaire”: 1.000",
                                                               "lid van H3 (West)"]
    assert admin.sets == (
        SetRow(free, "H3", "West", (ids["Aadorp"], ids["Beekdorp"], ids["Cedorp"]), "Aadorp, Beekdorp, Cedorp",
               False),
        SetRow(pair, "H2", "Oost", (ids["Eemveen"], ids["Beekdorp"]), "Eemveen, Beekdorp", True))
    assert [(k.name, k.filled, k.count, k.used_by) for k in admin.keys] == [
        ("inwoners", 0, 6, ()), ("Meicirculaire", 4, 6, ("Uitvoeringsplan 2027",))]  # a percentage key
    assert (admin.keys[0].id, admin.keys[0].basis_label, admin.keys[0].note) == (inwoners, "inwoners", "CBS")
    assert [m.uses for m in admin.municipalities] == [
        len(region_edit.municipality_uses(ws, m.id)) for m in admin.municipalities]


def test_a_set_of_a_fixed_settlement_is_used_and_an_adopted_key_is_marked(region):
    ws, made, ids = region
    trio = region_edit.add_municipality_set(ws, made.region_id, "H3", "Drie", [ids[n] for n in FIVE[:3]])
    with ws.transaction() as s:
        s.add(FixedSettlement(plan_id=made.plan_id, name="GIZ licenties", municipality_set_id=trio,
                              amounts=[FixedSettlementAmount(year=2027, amount=Decimal("15000.00"))]))
    adopt_plan(ws, made.plan_id, "11-11-2026", "BOJ")
    admin = load_region_admin(ws, made.region_id)
    assert admin.sets[0].used
    assert (admin.keys[0].adopted, admin.keys[0].used_by) == (True, ("Uitvoeringsplan 2027",))
    # share, membership of H3 and the settlement through it
    assert [m.uses for m in admin.municipalities] == [3, 3, 3, 1, 1]


def test_the_demo_region_and_a_region_that_is_gone(ws):
    try:
        with ws.session() as s:
            region_id = s.scalars(select(Plan)).one().region_id
        admin = load_region_admin(ws, region_id)
        assert [m.name for m in admin.municipalities][:3] == ["Delft", "Den Haag", "Lansingerland"]
        assert [(s.code, s.used, len(s.member_ids)) for s in admin.sets] == [("H10", True, 10), ("H8", True, 8)]
        assert admin.sets[1].members.startswith("Delft, Leidschendam-Voorburg, Midden-Delfland")
        assert [(k.name, k.adopted, k.filled, k.count) for k in admin.keys] == [
            ("Verdeelsleutel naar gemeentegrootte", True, 10, 10)]
        delft = admin.municipalities[0]
        assert delft.uses == len(region_edit.municipality_uses(ws, delft.id)) == 8
        assert load_region_admin(ws, region_id + 99) is None
    finally:
        ws.close()
