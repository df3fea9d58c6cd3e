"""What the municipalities pay (issue 13, point 1): the key splits the budget minus the funding
others pay; other funding earmarked for a group or line lowers only that part; the municipal
sources are checked against what is split; every refusal in Dutch."""
from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from app.models import FundingKind, FundingSource, KeyMethod, Municipality, Plan
from app.services import budget_edit, funding_edit, key_edit, region_edit
from app.services.budget import budget_figures
from app.services.cell_input import parse_cell
from app.services.contributions import AllocationKeyProblem, budget_contributions
from app.services.edit_errors import EditError
from app.services.new_workspace import KeySetup, PlanSetup, add_region
from app.services.summary import plan_summary
from app.services.validation import plan_problems
from app.services.workspace import open_workspace

D = Decimal
SIX = ["Aadorp", "Beekdorp", "Cedorp", "Dijkstad", "Eemveen", "Fortmond"]


@pytest.fixture
def region(empty_ws):
    """A made-up region: six municipalities (30/20/15/15/10/10 %), a 2027 plan with a budget of
    480.000 in three lines (one shared by the first four), funded 404.750 by the municipalities
    and 75.250 by the province."""
    ws = empty_ws  # a file, and a database on the PostgreSQL test server
    made = add_region(ws, "Regio Proefland", SIX,
                      key=KeySetup("Meicirculaire", KeyMethod.PERCENTAGE, ["30", "20", "15", "15", "10", "10"]),
                      plan=PlanSetup(2027))
    with ws.session() as s:
        ids = dict(s.execute(select(Municipality.name, Municipality.id)).all())
    four = region_edit.add_municipality_set(ws, made.region_id, "H4", "Vier", [ids[n] for n in SIX[:4]])
    bureau = budget_edit.add_group(ws, made.plan_id, None, name="Bureau")
    projects = budget_edit.add_group(ws, made.plan_id, None, name="Projecten")
    lines = {name: budget_edit.add_line(ws, group, name=name)
             for group, name in ((bureau, "Formatie"), (projects, "Wachtlijsten"), (projects, "Monitor"))}
    budget_edit.set_line_fields(ws, lines["Monitor"], municipality_set_id=four)
    budget_edit.set_cells(ws, [budget_edit.CellChange(lines[n], 2027, parse_cell(v)) for n, v in
                               (("Formatie", "300.000"), ("Wachtlijsten", "100.000"), ("Monitor", "80.000"))])
    municipal = funding_edit.add_source(ws, made.plan_id, None, "Inleg gemeenten")
    province = funding_edit.add_source(ws, made.plan_id, None, "Provincie")
    funding_edit.set_source_fields(ws, province, kind=FundingKind.OTHER)
    funding_edit.set_funding_amounts(ws, [funding_edit.FundingChange(municipal, 2027, D("404750")),
                                          funding_edit.FundingChange(province, 2027, D("75250"))])
    yield ws, made.plan_id, {"bureau": bureau, "projects": projects, **lines, "municipal": municipal,
                             "province": province}
    ws.close()


def split_2027(ws, plan_id):
    with ws.session() as s:
        return budget_contributions(s, s.get(Plan, plan_id))


def problems(ws, plan_id):
    with ws.session() as s:
        return [(p.code, p.message) for p in plan_problems(s, s.get(Plan, plan_id))]


def test_a_budget_of_480000_with_75250_other_income_splits_404750_exactly(region):
    ws, plan_id, _ = region
    result = split_2027(ws, plan_id)
    assert (result.budget[2027], result.other_funding[2027], result.totals[2027]) == (
        D("480000"), D("75250.00"), D("404750.00"))
    parts = result.by_year[2027]
    assert sum(parts.values()) == D("404750.00")
    assert all(v == v.to_integral_value() for v in parts.values())
    # Pro rata: every line lowered by 75.250 / 480.000. Eemveen pays 10 % of the lowered 400.000
    # of Formatie and Wachtlijsten, nothing of the H4 line.
    assert parts["Eemveen"] == D("33729.00")  # 10 % of 400.000 x 404.750/480.000 = 33.729,17
    assert problems(ws, plan_id) == []
    summary = plan_summary(ws, 2027)
    assert summary["contributions_basis"] == {"2027": {
        "budget": "480000.00", "other_funding": "75250.00", "to_split": "404750.00"}}


def test_other_funding_earmarked_for_a_group_lowers_only_its_lines(region):
    ws, plan_id, ids = region
    funding_edit.set_source_fields(ws, ids["province"], earmark_group_id=ids["projects"])
    parts = split_2027(ws, plan_id).by_year[2027]
    # Projecten (180.000) minus 75.250 = 104.750, split 100/180 by all six and 80/180 by H4;
    # Formatie's 300.000 untouched: Eemveen 10 % of 300.000 + 10 % of 58.194,44.
    # Exactly 35.819,44 each for Eemveen and Fortmond: whole euros, one of them rounded up.
    assert sorted([parts["Eemveen"], parts["Fortmond"]]) in ([D("35819"), D("35819")], [D("35819"), D("35820")],
                                                              [D("35820"), D("35820")])
    assert sum(parts.values()) == D("404750.00")
    # A line: the whole 75.250 off Monitor (H4 only): the two outside H4 pay only Formatie and
    # Wachtlijsten, each 10 % of 400.000.
    funding_edit.set_source_fields(ws, ids["province"], earmark_group_id=None, earmark_line_id=ids["Monitor"])
    parts = split_2027(ws, plan_id).by_year[2027]
    assert parts["Eemveen"] == parts["Fortmond"] == D("40000.00")
    assert sum(parts.values()) == D("404750.00")


def test_earmarked_funding_above_what_its_part_costs_cannot_be_split(region):
    ws, plan_id, ids = region
    funding_edit.set_source_fields(ws, ids["province"], earmark_line_id=ids["Monitor"])
    funding_edit.set_funding_amounts(ws, [funding_edit.FundingChange(ids["province"], 2027, D("80000.01"))])
    with pytest.raises(AllocationKeyProblem) as refused:
        split_2027(ws, plan_id)
    assert refused.value.message == ("De overige dekking “Provincie” voor “Monitor” is in 2027 € 80.000,01, "
                                     "meer dan die post kost (€ 80.000).")
    funding_edit.set_source_fields(ws, ids["province"], earmark_line_id=None, earmark_group_id=ids["projects"])
    funding_edit.set_funding_amounts(ws, [funding_edit.FundingChange(ids["province"], 2027, D("180000.01"))])
    with pytest.raises(AllocationKeyProblem, match="“Provincie” voor “Projecten” is in 2027 € 180.000,01, "
                                                   "meer dan die groep kost"):
        split_2027(ws, plan_id)


def test_a_municipal_source_typed_differently_from_what_is_split_is_a_problem(region):
    ws, plan_id, ids = region
    funding_edit.set_funding_amounts(ws, [funding_edit.FundingChange(ids["municipal"], 2027, D("400000"))])
    assert problems(ws, plan_id) == [("municipal_funding", (
        "De gemeenten dragen in 2027 € 400.000 bij in de dekking, maar te verdelen is € 404.750 (begroting "
        "€ 480.000 min overige dekking € 75.250); verschil € -4.750."))]
    # What is split stays the budget minus the other funding: the typed amount is not used.
    assert split_2027(ws, plan_id).totals[2027] == D("404750.00")


def test_without_other_funding_the_whole_budget_is_split_and_a_gap_is_a_saldo(region):
    ws, plan_id, ids = region
    funding_edit.set_source_fields(ws, ids["province"], kind=FundingKind.MUNICIPAL)
    assert split_2027(ws, plan_id).totals[2027] == D("480000.00")
    assert problems(ws, plan_id) == []
    funding_edit.set_funding_amounts(ws, [funding_edit.FundingChange(ids["province"], 2027, D("75000"))])
    assert problems(ws, plan_id) == [("balance", "Saldo 2027 is € -250: dekking € 479.750 tegenover "
                                                 "begroting € 480.000.")]


@pytest.mark.parametrize("fields, message", [
    ({"kind": FundingKind.MUNICIPAL, "earmark_group_id": "projects"},
     "“Provincie” wordt door de gemeenten betaald en gaat over alle posten; alleen dekking van anderen "
     "kan voor één groep of post bestemd zijn."),
    ({"earmark_group_id": "projects", "earmark_line_id": "Monitor"},
     "Bestem de dekking voor één groep of één post, niet voor beide."),
    ({"kind": "rijk"}, "Kies wie deze dekking betaalt: de gemeenten (via de verdeelsleutel) of anderen."),
    ({"earmark_group_id": 999_999}, "Die groep staat niet in de begroting van dit plan."),
    ({"earmark_line_id": 999_999}, "Die post staat niet in de begroting van dit plan."),
])
def test_a_payer_or_earmark_that_cannot_be_is_refused_and_nothing_written(region, fields, message):
    ws, plan_id, ids = region
    fields = {k: ids.get(v, v) if isinstance(v, str) and k != "kind" else v for k, v in fields.items()}
    with pytest.raises(EditError) as refused:
        funding_edit.set_source_fields(ws, ids["province"], **fields)
    assert refused.value.message == message
    with ws.session() as s:
        source = s.get(FundingSource, ids["province"])
        assert (source.kind, source.earmark_group_id, source.earmark_line_id) == (FundingKind.OTHER, None, None)


def test_an_earmark_is_typed_as_a_group_or_line_name(region):
    ws, plan_id, ids = region
    assert funding_edit.earmark_for(ws, plan_id, " projecten ") == {
        "earmark_group_id": ids["projects"], "earmark_line_id": None}
    assert funding_edit.earmark_for(ws, plan_id, "MONITOR") == {
        "earmark_group_id": None, "earmark_line_id": ids["Monitor"]}
    assert funding_edit.earmark_for(ws, plan_id, "") == {"earmark_group_id": None, "earmark_line_id": None}
    with pytest.raises(EditError, match="“Reserve” is geen groep of post van deze begroting"):
        funding_edit.earmark_for(ws, plan_id, "Reserve")
    budget_edit.add_line(ws, ids["bureau"], name="Monitor")
    with pytest.raises(EditError, match="“Monitor” is de naam van meer dan één groep of post"):
        funding_edit.earmark_for(ws, plan_id, "Monitor")


def test_a_deleted_earmarked_group_makes_its_funding_lower_every_line_again(region):
    ws, plan_id, ids = region
    funding_edit.set_source_fields(ws, ids["province"], earmark_group_id=ids["projects"])
    budget_edit.delete_group(ws, ids["projects"])
    with ws.session() as s:
        assert s.get(FundingSource, ids["province"]).earmark_group_id is None
        figures = budget_figures(s, s.get(Plan, plan_id))
    assert figures.to_split[2027] == D("300000") - D("75250")


def test_typing_a_share_of_an_example_key_makes_it_the_regions_own_and_undo_makes_it_an_example(ws):
    try:
        from app.services.plan_copy import create_amendment
        from app.services.plans import find_plan

        with ws.session() as s:
            adopted = find_plan(s, 2022).id
        draft = create_amendment(ws, adopted)
        with ws.session() as s:
            key = s.get(Plan, draft).allocation_key
            assert key.example  # the copy of example figures is an example too
            share = key.shares[0]
            change = key_edit.ShareChange(share.id, None, share.basis + 1)
        old = key_edit.set_shares(ws, [change])
        assert plan_summary(ws, 2022)["contributions_note"] is not None  # the adopted plan's key
        with ws.session() as s:
            assert not s.get(Plan, draft).allocation_key.example
        key_edit.set_shares(ws, old, old.example_keys)
        with ws.session() as s:
            assert s.get(Plan, draft).allocation_key.example
    finally:
        ws.close()


def test_the_bijdragen_annex_shows_what_is_split_and_says_when_the_key_holds_example_figures(
        demo_workspace, region, tmp_path):
    from pypdf import PdfReader

    from app.reports.build import build_pdf
    from app.services.plans import find_plan

    def text(ws, plan_id) -> str:
        out = tmp_path / f"bijdragen-{plan_id}-{id(ws)}.pdf"
        build_pdf(ws, plan_id, "bijdragen", out)
        return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(out).pages)

    demo = open_workspace(demo_workspace)
    try:
        with demo.session() as s:
            demo_plan = find_plan(s, 2022).id
        printed = text(demo, demo_plan)
    finally:
        demo.close()
    assert "Voorbeeldcijfers: de verdeelsleutel rekent met voorbeeldcijfers" in printed
    assert "Te verdelen over de gemeenten 1.037.500" in printed
    ws, plan_id, _ = region  # a key of the region's own figures: no such warning
    printed = text(ws, plan_id)
    assert "Voorbeeldcijfers" not in printed
    assert "Min overige dekking (niet van de gemeenten) 75.250" in printed
    assert "Te verdelen over de gemeenten 404.750" in printed
