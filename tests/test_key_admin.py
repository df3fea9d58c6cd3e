"""The keys of a region (issue 12, point 2, services): a key is added with an empty share per
municipality, copied (also from an adopted plan), renamed, removed and put back exactly with the
plans that used it; a plan chooses its key; a missing share is added. A key an adopted plan uses
stays as it was. Every refusal in Dutch, and nothing written."""
from __future__ import annotations

import re
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from app.models import AllocationKey, KeyMethod, KeyShare, Municipality, Plan, Region
from app.services import budget_edit, key_edit, region_edit
from app.services.adoption import adopt_plan
from app.services.cell_input import parse_cell
from app.services.contributions import AllocationKeyProblem, budget_contributions
from app.services.edit_errors import EditError, PlanReadOnlyError
from app.services.new_workspace import KeySetup, PlanSetup, add_region
from app.services.plan_copy import create_amendment

D = Decimal
FOUR = ["Aadorp", "Beekdorp", "Cedorp", "Dijkstad"]
ADOPTED_TITLE = "Uitvoeringsplan 2022 Regiovisie Jeugdzorg Haaglanden"


def exactly(message: str) -> str:
    return f"^{re.escape(message)}$"


@pytest.fixture
def region(empty_ws):
    """Four municipalities, the key "Meicirculaire" (40/30/20/10) and the draft plan 2027 using it,
    with 100.000 to split in 2027."""
    ws = empty_ws  # a file, and a database on the PostgreSQL test server
    made = add_region(ws, "Regio Sleutelland", FOUR,
                      key=KeySetup("Meicirculaire", KeyMethod.PERCENTAGE, ["40", "30", "20", "10"]),
                      plan=PlanSetup(2027))
    group = budget_edit.add_group(ws, made.plan_id, None, name="Projecten")
    line = budget_edit.add_line(ws, group, name="Regionale inkoop")
    budget_edit.set_cells(ws, [budget_edit.CellChange(line, 2027, parse_cell("100.000"))])
    yield ws, made, plan_key(ws, made.plan_id)
    ws.close()


@pytest.fixture
def demo(ws):
    """The demo open, as a file and on the test server: (workspace, region id, the adopted plan's id)."""
    with ws.session() as s:
        plan = s.scalars(select(Plan)).one()
        ids = plan.region_id, plan.id
    return ws, *ids


def plan_key(ws, plan_id):
    with ws.session() as s:
        return s.get(Plan, plan_id).allocation_key_id


def keys(ws):
    """Every key in the file: name -> (id, method, basis label, note)."""
    with ws.session() as s:
        return {k.name: (k.id, k.method, k.basis_label, k.note) for k in s.scalars(select(AllocationKey))}


def shares(ws, key_id):
    """The key's shares in the region's order: (municipality, share id, percentage, basis)."""
    with ws.session() as s:
        rows = s.get(AllocationKey, key_id).shares
        return [(sh.municipality.name, sh.id, sh.percentage, sh.basis)
                for sh in sorted(rows, key=lambda sh: sh.municipality.position)]


def values(ws, key_id):
    return {name: (pct, basis) for name, _id, pct, basis in shares(ws, key_id)}


def split_2027(ws, plan_id):
    with ws.session() as s:
        return budget_contributions(s, s.get(Plan, plan_id)).by_year[2027]


def fill(ws, key_id, **by_name):
    ids = {name: share_id for name, share_id, _p, _b in shares(ws, key_id)}
    key_edit.set_shares(ws, [key_edit.ShareChange(ids[n], D(v) if isinstance(v, str) else None,
                                                  v if isinstance(v, int) else None)
                             for n, v in by_name.items()])


def municipality(ws, name):
    with ws.session() as s:
        return s.scalars(select(Municipality).where(Municipality.name == name)).one().id


def stranger(ws) -> int:
    """A municipality of another region in the same file."""
    with ws.transaction() as s:
        other = Region(name="Elders")
        s.add(other)
        s.flush()
        found = Municipality(region_id=other.id, name="Vreemdorp", position=0)
        s.add(found)
        s.flush()
        return found.id


# --- add_key ----------------------------------------------------------------------------------

def test_a_new_key_has_an_empty_share_for_every_municipality_in_their_order(region):
    ws, made, _key = region
    region_edit.move_municipality(ws, municipality(ws, "Dijkstad"), 0)
    new = key_edit.add_key(ws, made.region_id, "  Inwoners   2027 ", KeyMethod.BASIS, " inwoners ", "CBS 1-1")
    assert keys(ws)["Inwoners 2027"] == (new, KeyMethod.BASIS, "inwoners", "CBS 1-1")
    assert [(n, p, b) for n, _i, p, b in shares(ws, new)] == [
        ("Dijkstad", None, None), ("Aadorp", None, None), ("Beekdorp", None, None), ("Cedorp", None, None)]
    with ws.session() as s:  # stored in the region's order, so the key page lists them so
        assert [sh.municipality.name for sh in s.get(AllocationKey, new).shares] == ["Dijkstad", *FOUR[:3]]


@pytest.mark.parametrize("name, method, label, message", [
    (" ", KeyMethod.BASIS, "", "Een verdeelsleutel heeft een naam nodig."),
    ("S" * 201, KeyMethod.BASIS, "", "Een verdeelsleutel: “SSSSSSSSSSSSSSSSSSSSSSSSSSSSSS…” is langer dan 200 "
                                     "tekens."),
    ("MEICIRCULAIRE", KeyMethod.BASIS, "", "De regio heeft al een verdeelsleutel “Meicirculaire”; kies een "
                                           "andere naam."),
    ("Inwoners", "basis", "", "Kies als methode 'percentage' of 'basisgetal'."),
    ("Inwoners", KeyMethod.BASIS, "i" * 201, "Het basisgetal “iiiiiiiiiiiiiiiiiiiiiiiiiiiiii…” is langer dan 200 "
                                             "tekens."),
])
def test_a_key_without_a_name_or_with_a_taken_one_is_not_added(region, name, method, label, message):
    ws, made, _key = region
    before = keys(ws)
    with pytest.raises(EditError, match=exactly(message)):
        key_edit.add_key(ws, made.region_id, name, method, label)
    assert keys(ws) == before


def test_a_key_for_a_region_that_is_gone_is_refused(region):
    ws, _made, _key = region
    with pytest.raises(EditError, match=exactly("Deze regio bestaat niet meer.")):
        key_edit.add_key(ws, 999, "Inwoners", KeyMethod.BASIS)


# --- duplicate_key ----------------------------------------------------------------------------

def test_a_copy_has_the_method_label_note_and_shares_of_the_original(region):
    ws, made, key = region
    copy = key_edit.duplicate_key(ws, key, " Meicirculaire  2028 ")
    assert keys(ws)["Meicirculaire 2028"][1:] == keys(ws)["Meicirculaire"][1:]
    assert values(ws, copy) == values(ws, key)
    assert {i for _n, i, _p, _b in shares(ws, copy)}.isdisjoint({i for _n, i, _p, _b in shares(ws, key)})
    fill(ws, copy, Aadorp="35.00", Dijkstad="15.00")  # the copy changes alone
    assert values(ws, key)["Aadorp"] == (D("40.00"), None)
    with pytest.raises(EditError, match=exactly("De regio heeft al een verdeelsleutel “Meicirculaire 2028”; kies "
                                                "een andere naam.")):
        key_edit.duplicate_key(ws, key, "meicirculaire 2028")
    assert len(keys(ws)) == 2


def test_the_key_of_an_adopted_plan_may_be_copied(demo):
    ws, _region, adopted = demo
    key = plan_key(ws, adopted)
    copy = key_edit.duplicate_key(ws, key, "Inwoners 2023")
    assert values(ws, copy) == values(ws, key) and values(ws, copy)["Delft"] == (None, 103_700)
    key_edit.rename_key(ws, copy, "Inwoners 1-1-2023")  # the copy is not read-only
    assert "Inwoners 1-1-2023" in keys(ws)


# --- rename_key -------------------------------------------------------------------------------

def test_a_key_is_renamed_and_back_and_a_taken_name_refused(region):
    ws, made, key = region
    other = key_edit.add_key(ws, made.region_id, "Inwoners", KeyMethod.BASIS)
    assert key_edit.rename_key(ws, key, "  Meicirculaire   2027") == "Meicirculaire"
    assert key_edit.rename_key(ws, key, "MEICIRCULAIRE 2027") == "Meicirculaire 2027"  # itself: allowed
    with pytest.raises(EditError, match=exactly("De regio heeft al een verdeelsleutel “Inwoners”; kies een "
                                                "andere naam.")):
        key_edit.rename_key(ws, key, "inwoners")
    with pytest.raises(EditError, match=exactly("Een verdeelsleutel heeft een naam nodig.")):
        key_edit.rename_key(ws, other, "")
    assert set(keys(ws)) == {"MEICIRCULAIRE 2027", "Inwoners"}
    key_edit.rename_key(ws, key, "Meicirculaire")
    assert set(keys(ws)) == {"Meicirculaire", "Inwoners"}


def test_the_key_of_an_adopted_plan_keeps_its_name(demo):
    ws, _region, adopted = demo
    with pytest.raises(PlanReadOnlyError, match=f"^Deze verdeelsleutel hoort bij een vastgesteld plan. "
                                                f"{re.escape(ADOPTED_TITLE)} is vastgesteld"):
        key_edit.rename_key(ws, plan_key(ws, adopted), "Anders")
    assert set(keys(ws)) == {"Verdeelsleutel naar gemeentegrootte"}


# --- delete_key / restore_key ----------------------------------------------------------------

def test_a_removed_key_comes_back_with_its_shares_and_its_plans(region):
    ws, made, key = region
    second = create_amendment(ws, made.plan_id)
    key_edit.set_plan_key(ws, second, key)  # two plans use it
    before, split = shares(ws, key), split_2027(ws, made.plan_id)
    assert split == {"Aadorp": D("40000.00"), "Beekdorp": D("30000.00"), "Cedorp": D("20000.00"),
                     "Dijkstad": D("10000.00")}
    snapshot = key_edit.delete_key(ws, key)
    assert snapshot.plan_ids == (made.plan_id, second)
    assert keys(ws) == {"Meicirculaire (wijziging 1)": keys(ws)["Meicirculaire (wijziging 1)"]}
    assert plan_key(ws, made.plan_id) is None and plan_key(ws, second) is None
    with ws.session() as s:
        assert s.scalar(select(func.count(KeyShare.id)).where(KeyShare.key_id == key)) == 0
    with pytest.raises(AllocationKeyProblem, match="geen verdeelsleutel"):
        split_2027(ws, made.plan_id)
    key_edit.restore_key(ws, snapshot)
    assert keys(ws)["Meicirculaire"] == (key, KeyMethod.PERCENTAGE, "", "")
    assert shares(ws, key) == before
    assert plan_key(ws, made.plan_id) == key and plan_key(ws, second) == key
    assert split_2027(ws, made.plan_id) == split and sum(split.values()) == D("100000.00")


def test_the_key_of_an_adopted_plan_is_not_removed(demo):
    ws, _region, adopted = demo
    key = plan_key(ws, adopted)
    before = shares(ws, key)
    with pytest.raises(PlanReadOnlyError, match=exactly(
            f"“Verdeelsleutel naar gemeentegrootte” kan niet worden verwijderd: het vastgestelde plan "
            f"“{ADOPTED_TITLE}” verdeelt zijn kosten ermee, en een vastgesteld plan blijft zoals het is "
            "vastgesteld.")):
        key_edit.delete_key(ws, key)
    assert shares(ws, key) == before and plan_key(ws, adopted) == key


def test_a_key_is_not_restored_over_a_name_taken_meanwhile(region):
    ws, made, key = region
    snapshot = key_edit.delete_key(ws, key)
    key_edit.add_key(ws, made.region_id, "meicirculaire", KeyMethod.PERCENTAGE)
    with pytest.raises(EditError, match=exactly("De regio heeft al een verdeelsleutel “meicirculaire”; kies een "
                                                "andere naam.")):
        key_edit.restore_key(ws, snapshot)
    assert set(keys(ws)) == {"meicirculaire"} and plan_key(ws, made.plan_id) is None


# --- set_plan_key -----------------------------------------------------------------------------

def test_a_plan_chooses_its_key_and_back(region):
    ws, made, key = region
    even = key_edit.add_key(ws, made.region_id, "Gelijk", KeyMethod.PERCENTAGE)
    fill(ws, even, Aadorp="25.00", Beekdorp="25.00", Cedorp="25.00", Dijkstad="25.00")
    assert key_edit.set_plan_key(ws, made.plan_id, even) == key
    assert set(split_2027(ws, made.plan_id).values()) == {D("25000.00")}
    assert key_edit.set_plan_key(ws, made.plan_id, None) == even
    assert plan_key(ws, made.plan_id) is None
    key_edit.set_plan_key(ws, made.plan_id, key)
    assert split_2027(ws, made.plan_id)["Aadorp"] == D("40000.00")


def test_a_plan_is_refused_a_key_of_another_region_or_one_that_is_gone(region):
    ws, made, key = region
    stranger(ws)
    with ws.session() as s:
        elders = s.scalars(select(Region).where(Region.name == "Elders")).one().id
    foreign = key_edit.add_key(ws, elders, "Elders-sleutel", KeyMethod.BASIS)
    with pytest.raises(EditError, match=exactly("Deze verdeelsleutel hoort bij een andere regio.")):
        key_edit.set_plan_key(ws, made.plan_id, foreign)
    with pytest.raises(EditError, match=exactly("Deze verdeelsleutel bestaat niet meer.")):
        key_edit.set_plan_key(ws, made.plan_id, 999)
    assert plan_key(ws, made.plan_id) == key


def test_an_adopted_plan_keeps_its_key(region):
    ws, made, key = region
    other = key_edit.add_key(ws, made.region_id, "Inwoners", KeyMethod.BASIS)
    adopt_plan(ws, made.plan_id, "11-11-2026", "BOJ")
    with pytest.raises(PlanReadOnlyError, match=exactly(
            "Uitvoeringsplan 2027 is vastgesteld (BOJ 11-11-2026) en kan niet meer worden gewijzigd. Maak een "
            "wijziging aan om verder te werken.")):
        key_edit.set_plan_key(ws, made.plan_id, other)
    assert plan_key(ws, made.plan_id) == key


# --- add_share / delete_share / set_shares ----------------------------------------------------

def test_a_missing_share_is_added_and_blocks_the_split_until_filled(demo):
    """A municipality added after adoption has no share in the adopted key, so an amendment's
    copy of that key lacks it too: the key page adds it."""
    ws, region, adopted = demo
    new = region_edit.add_municipality(ws, region, "Nootdorp-Oost")
    draft = create_amendment(ws, adopted)
    key = plan_key(ws, draft)
    assert "Nootdorp-Oost" not in values(ws, key)
    share = key_edit.add_share(ws, key, new)
    assert values(ws, key)["Nootdorp-Oost"] == (None, None)
    with ws.session() as s:
        plan = s.get(Plan, draft)
        with pytest.raises(AllocationKeyProblem, match="geen geldig basisgetal voor Nootdorp-Oost"):
            budget_contributions(s, plan)
    key_edit.set_shares(ws, [key_edit.ShareChange(share, None, 50_000)])
    with ws.session() as s:
        split = budget_contributions(s, s.get(Plan, draft))
    assert all(sum(year.values()) == split.totals[y] for y, year in split.by_year.items())
    assert split.by_year[2022]["Nootdorp-Oost"] > 0
    with pytest.raises(EditError, match=exactly("Nootdorp-Oost heeft al een aandeel in de verdeelsleutel "
                                                "“Verdeelsleutel naar gemeentegrootte (wijziging 1)”.")):
        key_edit.add_share(ws, key, new)
    with pytest.raises(PlanReadOnlyError, match="hoort bij een vastgesteld plan"):
        key_edit.add_share(ws, plan_key(ws, adopted), new)
    assert "Nootdorp-Oost" not in values(ws, plan_key(ws, adopted))


def test_a_share_for_a_municipality_of_another_region_is_refused(region):
    ws, _made, key = region
    before = shares(ws, key)
    outsider = stranger(ws)
    with pytest.raises(EditError, match=exactly("Vreemdorp hoort niet bij de regio Regio Sleutelland; een "
                                                "verdeelsleutel verdeelt alleen over de eigen gemeenten.")):
        key_edit.add_share(ws, key, outsider)
    with ws.transaction() as s:  # as a file from elsewhere might hold it
        s.add(KeyShare(key_id=key, municipality_id=outsider))
    with ws.session() as s:
        stray = s.scalars(select(KeyShare.id).where(KeyShare.municipality_id == outsider)).one()
    first = before[0][1]
    with pytest.raises(EditError, match="^Vreemdorp hoort niet bij de regio Regio Sleutelland"):
        key_edit.set_shares(ws, [key_edit.ShareChange(first, D("45.00"), None),
                                 key_edit.ShareChange(stray, D("5.00"), None)])
    assert values(ws, key)["Aadorp"] == (D("40.00"), None) and values(ws, key)["Vreemdorp"] == (None, None)


def test_an_added_share_is_removed_again_but_a_filled_one_stays(region):
    ws, made, key = region
    new = region_edit.add_municipality(ws, made.region_id, "Eemveen")
    share = dict((n, i) for n, i, _p, _b in shares(ws, key))["Eemveen"]
    key_edit.delete_share(ws, share)
    assert "Eemveen" not in values(ws, key)
    again = key_edit.add_share(ws, key, new)
    key_edit.set_shares(ws, [key_edit.ShareChange(again, D("0.00"), None)])
    with pytest.raises(EditError, match=exactly("Het aandeel van Eemveen heeft een waarde; maak het eerst leeg.")):
        key_edit.delete_share(ws, again)
    assert values(ws, key)["Eemveen"] == (D("0.00"), None)
    assert split_2027(ws, made.plan_id)["Eemveen"] == D("0.00")
