"""The contribution split and the key rules, as a municipality and the user would notice them.

Every expected figure here is worked out by hand (or by a brute-force reference in the
test), never taken from the code under test: which municipality gets the euro that is
left over, the saldo the user is warned about, the key figures that are refused.
"""
from __future__ import annotations

import itertools
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from app.models import (
    AllocationKey,
    BudgetCell,
    BudgetGroup,
    BudgetLine,
    FundingAmount,
    FundingSource,
    KeyMethod,
    KeyShare,
    Municipality,
    Plan,
    Region,
)
from app.services import key_edit
from app.services.apportion import largest_remainder
from app.services.contributions import AllocationKeyProblem, SplitBasis, budget_contributions, split
from app.services.edit_errors import EditError
from app.services.key_sheet import load_key_sheet
from app.services.summary import plan_summary
from app.services.validation import plan_problems

KEY_NAME = "Sleutel 2022"


# --------------------------------------------------------------------------- a small workspace

def make_workspace(ws, shares, *, method=KeyMethod.PERCENTAGE, budget=None, funding=None,
                   first_year=2022, last_year=2022):
    """A region whose municipalities are ``shares`` (name, percentage or basis) in that order,
    one draft plan with one budget line (``budget``: year -> amount) and one funding source.

    The municipalities get their ids in the reverse of the region's order and the key's shares
    are stored in a third order, so a split that followed either instead of the region's
    order would show. Returns (workspace, plan id, share ids
    by municipality name)."""
    budget = {2022: "1000.00"} if budget is None else budget
    funding = dict(budget) if funding is None else funding
    with ws.transaction() as s:
        region = Region(name="Regio Proef")
        municipalities = [Municipality(name=name, position=i) for i, (name, _) in enumerate(shares)]
        region.municipalities = municipalities[::-1]  # ids in the reverse of the region's order
        key = AllocationKey(name=KEY_NAME, method=method,
                            basis_label="inwoners" if method is KeyMethod.BASIS else "")
        pairs = list(zip(municipalities, shares))
        key.shares = [
            KeyShare(municipality=m,
                     percentage=Decimal(value) if method is KeyMethod.PERCENTAGE else None,
                     basis=value if method is KeyMethod.BASIS else None)
            for m, (_, value) in pairs[1:] + pairs[:1]  # the key in yet another order
        ]
        region.allocation_keys = [key]
        s.add(region)
        plan = Plan(region=region, year=2022, title="Uitvoeringsplan 2022",
                    first_year=first_year, last_year=last_year, allocation_key=key)
        s.add(plan)
        s.flush()
        group = BudgetGroup(plan_id=plan.id, position=0, number="1", name="Regionale samenwerking")
        line = BudgetLine(position=0, name="programmabureau")
        line.cells = [BudgetCell(year=y, amount=Decimal(v)) for y, v in budget.items()]
        group.lines.append(line)
        s.add(group)
        source = FundingSource(plan_id=plan.id, position=0, name="reguliere regiobegroting")
        source.amounts = [FundingAmount(year=y, amount=Decimal(v)) for y, v in funding.items()]
        s.add(source)
        s.flush()
        plan_id = plan.id
        share_ids = {sh.municipality.name: sh.id for sh in key.shares}
    return ws, plan_id, share_ids


@pytest.fixture
def workspaces(new_workspaces):
    """A factory for small workspaces (files, and databases on the PostgreSQL test server),
    closed after the test."""

    def make(shares, **kwargs):
        return make_workspace(new_workspaces(), shares, **kwargs)

    return make


def contributions_shown(ws, plan_id, year=2022):
    """The bijdrage per gemeente as the key editor shows it (municipality -> whole euros)."""
    sheet = load_key_sheet(ws, plan_id)
    assert sheet.problem == ""
    return sheet.contributions.by_year[year]


def problems(ws, plan_id):
    with ws.session() as s:
        return plan_problems(s, s.get(Plan, plan_id))


def euros(**parts):
    return {name: Decimal(f"{v}.00") for name, v in parts.items()}


# --------------------------------------------------------------------------- 1. largest remainder

def test_extra_euro_goes_to_the_largest_remainder():
    """The euro left over goes to the party with remainder 0,7, not the first listed nor the smallest."""
    # exact: 100,2 / 200,1 / 699,7 (remainders 0,2 / 0,1 / 0,7); floors make 999 of 1000
    exact = {"A": Fraction("100.2"), "B": Fraction("200.1"), "C": Fraction("699.7")}
    parts = largest_remainder(1000, exact, ["A", "B", "C"])
    assert parts["A"] == 100
    assert parts["B"] == 200
    assert parts["C"] == 700


def test_two_extra_euros_go_to_the_two_largest_remainders():
    """Two euros left over go to the remainders 0,9 and 0,6; the 0,5 gets none."""
    # exact: 100,6 / 200,5 / 698,9; floors make 998 of 1000
    exact = {"A": Fraction("100.6"), "B": Fraction("200.5"), "C": Fraction("698.9")}
    parts = largest_remainder(1000, exact, ["A", "B", "C"])
    assert parts["A"] == 101
    assert parts["B"] == 200
    assert parts["C"] == 699


@pytest.mark.parametrize("order, winner", [(["A", "B", "C"], "B"), (["C", "B", "A"], "C"),
                                           (["A", "C", "B"], "C")])
def test_a_tie_for_the_extra_euro_goes_to_the_one_listed_first(order, winner):
    """B and C both have remainder 0,4: the euro goes to whichever of them the order lists first."""
    exact = {"A": Fraction("100.2"), "B": Fraction("200.4"), "C": Fraction("699.4")}
    parts = largest_remainder(1000, exact, order)
    expected = {"A": 100, "B": 200, "C": 699}
    expected[winner] += 1
    assert parts == expected


def test_no_euro_left_over_gives_everyone_their_floor():
    """When the exact shares are whole euros nobody gets an extra one."""
    exact = {"A": Fraction(250), "B": Fraction(750)}
    assert largest_remainder(1000, exact, ["A", "B"]) == {"A": 250, "B": 750}


def test_every_remainder_gets_a_euro_when_all_are_left_over():
    """When as many euros are left over as there are parties, every party rounds up."""
    exact = {"A": Fraction(2, 3), "B": Fraction(2, 3), "C": Fraction(5, 3)}  # floors make 1
    assert largest_remainder(4, exact, ["A", "B", "C"]) == {"A": 1, "B": 1, "C": 2}


@pytest.mark.parametrize("target", [998, 1002])
def test_a_total_the_shares_cannot_make_is_refused(target):
    """A total below the floors, or more than one euro each above them, is refused, not split."""
    exact = {"A": Fraction("100.5"), "B": Fraction("899.5")}  # floors 999
    with pytest.raises(ValueError):
        largest_remainder(target, exact, ["A", "B"])


def test_totals_just_inside_the_range_are_split():
    """The floors' sum itself and floors + number of parties are both valid totals."""
    exact = {"A": Fraction("100.5"), "B": Fraction("899.5")}  # floors 999
    assert largest_remainder(999, exact, ["A", "B"]) == {"A": 100, "B": 899}
    assert largest_remainder(1001, exact, ["A", "B"]) == {"A": 101, "B": 900}


THREE = [("Delft", None), ("Rijswijk", None), ("Zoetermeer", None)]


def key_of(*percentages):
    return [(name, p) for (name, _), p in zip(THREE, percentages)]


def test_contributions_give_the_extra_euro_to_the_largest_remainder(workspaces):
    """Of € 1.000 at 10,02 / 20,01 / 69,97 %, Zoetermeer (remainder 0,7) pays the odd euro."""
    ws, plan_id, _ = workspaces(key_of("10.02", "20.01", "69.97"))
    assert contributions_shown(ws, plan_id) == euros(Delft=100, Rijswijk=200, Zoetermeer=700)
    with ws.session() as s:
        result = budget_contributions(s, s.get(Plan, plan_id))
    assert result.municipalities == ["Delft", "Rijswijk", "Zoetermeer"]
    assert result.totals[2022] == Decimal("1000.00")


def test_contributions_give_two_extra_euros_to_the_two_largest_remainders(workspaces):
    """Of € 1.000 at 10,06 / 20,05 / 69,89 % (100,6 / 200,5 / 698,9) Delft and Zoetermeer round up."""
    ws, plan_id, _ = workspaces(key_of("10.06", "20.05", "69.89"))
    assert contributions_shown(ws, plan_id) == euros(Delft=101, Rijswijk=200, Zoetermeer=699)


def test_contributions_break_a_tie_by_the_regions_order(workspaces):
    """Rijswijk and Zoetermeer tie at 0,4: the one the region lists first pays the extra euro."""
    ws, plan_id, _ = workspaces(key_of("10.02", "20.04", "69.94"))
    assert contributions_shown(ws, plan_id) == euros(Delft=100, Rijswijk=201, Zoetermeer=699)
    ws2, plan2, _ = workspaces([("Zoetermeer", "69.94"), ("Rijswijk", "20.04"), ("Delft", "10.02")])
    assert contributions_shown(ws2, plan2) == euros(Delft=100, Rijswijk=200, Zoetermeer=700)


def test_contributions_sum_the_exact_shares_of_all_lines_before_rounding(workspaces):
    """Two lines of € 1.000,50 at 50/50 %: € 2.001 splits 1.001 / 1.000, not 1.002 / 1.000."""
    ws, plan_id, _ = workspaces([("Delft", "50.00"), ("Rijswijk", "50.00")],
                                budget={2022: "1000.50"}, funding={2022: "2001.00"})
    with ws.transaction() as s:
        line = s.scalars(select(BudgetLine)).one()
        second = BudgetLine(group_id=line.group_id, position=1, name="onderzoek")
        second.cells = [BudgetCell(year=2022, amount=Decimal("1000.50"))]
        s.add(second)
    # Rounding per line would make each line € 1.001 (500,25 each, the odd euro to Delft twice).
    # The exact shares are 1.000,50 each of € 2.001; the tie for the odd euro goes to Delft.
    assert contributions_shown(ws, plan_id) == euros(Delft=1001, Rijswijk=1000)


# --------------------------------------------------------------------------- 2. property tests

def reference_split(target, exact, order):
    """Brute force: of all ways to hand out the left-over euros, the one with the largest sum
    of remainders; among equals the one whose receivers come earliest in ``order``."""
    floors = {k: exact[k].numerator // exact[k].denominator for k in order}
    left = target - sum(floors.values())
    remainder = {k: exact[k] - floors[k] for k in order}
    best, best_sum = None, None
    # combinations() yields index sets in lexicographic order: keeping only a strictly
    # larger sum keeps the earliest-listed receivers among ties.
    for chosen in itertools.combinations(range(len(order)), left):
        total = sum((remainder[order[i]] for i in chosen), Fraction(0))
        if best_sum is None or total > best_sum:
            best, best_sum = chosen, total
    return {k: floors[k] + (1 if i in best else 0) for i, k in enumerate(order)}


def round_half_up(value: Fraction) -> int:
    """Whole euros, halves away from zero (as money is rounded in Planbord)."""
    magnitude = (abs(value) + Fraction(1, 2)).__floor__()
    return magnitude if value >= 0 else -magnitude


keys = st.lists(st.integers(min_value=0, max_value=40), min_size=2, max_size=5).filter(lambda w: sum(w) > 0)
cents = st.integers(min_value=-200_000, max_value=10_000_000)


@settings(max_examples=200, deadline=None)
@given(weights=keys, total_cents=cents)
def test_largest_remainder_properties(weights, total_cents):
    """Each part is within a euro of its exact share, the parts make the total, and the
    extra euros go to the largest remainders (ties: listed first), as a brute force says."""
    order = [f"g{i}" for i in range(len(weights))]
    total = Fraction(total_cents, 100)
    exact = {k: total * w / sum(weights) for k, w in zip(order, weights)}
    target = round_half_up(total)
    parts = largest_remainder(target, exact, order)

    assert sum(parts.values()) == target
    for k in order:
        assert abs(parts[k] - exact[k]) < 1
    floor = {k: exact[k].numerator // exact[k].denominator for k in order}
    got = [i for i, k in enumerate(order) if parts[k] == floor[k] + 1]
    missed = [i for i, k in enumerate(order) if parts[k] == floor[k]]
    assert sorted(got + missed) == list(range(len(order)))
    for g in got:
        for m in missed:
            rg, rm = exact[order[g]] - floor[order[g]], exact[order[m]] - floor[order[m]]
            assert rg > rm or (rg == rm and g < m)
    assert parts == reference_split(target, exact, order)


@settings(max_examples=150, deadline=None)
@given(weights=keys, lines=st.lists(st.tuples(cents, st.sampled_from([None, 7, 8])), min_size=1, max_size=4))
def test_contributions_match_a_brute_force_split(weights, lines):
    """Random keys of 2-5 municipalities and budgets of a few lines, shared by all of them,
    by a set of all of them (7) or by the first two (8): every municipality pays what a
    brute-force largest-remainder split of its summed exact shares says."""
    names = [f"Gemeente {i}" for i in range(len(weights))]
    ids = list(range(101, 101 + len(weights)))
    weight = dict(zip(names, weights))
    members = {None: names, 7: names, 8: names[:2]}
    assume(sum(weight[n] for n in members[8]) > 0 or all(set_id != 8 for _, set_id in lines))
    basis = SplitBasis(years=[2022], ids=ids, names=dict(zip(ids, names)),
                       weights={i: Fraction(w) for i, w in zip(ids, weights)}, problem="",
                       set_members={7: ids, 8: ids[:2]}, group_sets={})
    result = split(basis, [(2022, Decimal(c).scaleb(-2), set_id) for c, set_id in lines])

    exact = dict.fromkeys(names, Fraction(0))
    for c, set_id in lines:
        whole = sum(weight[n] for n in members[set_id])
        for n in members[set_id]:
            exact[n] += Fraction(c, 100) * weight[n] / whole
    target = round_half_up(sum((Fraction(c, 100) for c, _ in lines), Fraction(0)))
    expected = reference_split(target, exact, names)
    assert result.totals[2022] == Decimal(target)
    assert result.by_year[2022] == {n: Decimal(expected[n]) for n in names}
    assert result.municipalities == names


# --------------------------------------------------------------------------- 3. saldo

@pytest.mark.parametrize("funding_2023, message", [
    ("1250001.00", "Saldo 2023 is € 1: dekking € 1.250.001 tegenover begroting € 1.250.000."),
    ("1249999.00", "Saldo 2023 is € -1: dekking € 1.249.999 tegenover begroting € 1.250.000."),
])
def test_a_saldo_of_one_euro_either_way_is_a_problem(workspaces, funding_2023, message):
    """Funding one euro above or below the budget is listed, naming the year and the amount."""
    ws, plan_id, _ = workspaces(key_of("10.00", "20.00", "70.00"), first_year=2022, last_year=2023,
                                budget={2022: "1000.00", 2023: "1250000.00"},
                                funding={2022: "1000.00", 2023: funding_2023})
    found = [(p.code, p.message) for p in problems(ws, plan_id)]
    assert found == [("balance", message)]
    assert plan_summary(ws, 2022)["problems"] == [message]


def test_a_saldo_of_exactly_zero_is_not_a_problem(workspaces):
    """A budget fully funded in every year gives no saldo problem (nor any other)."""
    ws, plan_id, _ = workspaces(key_of("10.00", "20.00", "70.00"), first_year=2022, last_year=2023,
                                budget={2022: "1000.00", 2023: "1250000.00"},
                                funding={2022: "1000.00", 2023: "1250000.00"})
    assert problems(ws, plan_id) == []


def test_an_unfunded_year_shows_its_whole_budget_as_saldo(workspaces):
    """A year with budget but no funding at all is listed with the negative saldo and € 0 dekking."""
    ws, plan_id, _ = workspaces(key_of("10.00", "20.00", "70.00"), first_year=2021, last_year=2022,
                                budget={2021: "62500.50", 2022: "1000.00"}, funding={2022: "1000.00"})
    assert [p.message for p in problems(ws, plan_id)] == [
        "Saldo 2021 is € -62.500,50: dekking € 0 tegenover begroting € 62.500,50."]


# --------------------------------------------------------------------------- 4. basis figures

BASIS = [("Delft", 103_000), ("Rijswijk", 55_000), ("Zoetermeer", 125_000)]


def basis_on_disk(ws):
    """The basis figures as the file or the server database holds them (municipality name ->
    basis), read over a connection of its own (not the workspace's)."""
    from sqlalchemy import create_engine, text

    engine = create_engine(ws.engine.url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT m.name, k.basis FROM key_share k "
                                     "JOIN municipality m ON m.id = k.municipality_id")).all()
    finally:
        engine.dispose()
    return dict(rows)


def test_a_negative_basis_figure_is_refused_and_nothing_is_written(workspaces):
    """Typing -5 inhabitants gives a Dutch refusal and the file keeps the old figures."""
    ws, _, share_ids = workspaces(BASIS, method=KeyMethod.BASIS)
    with pytest.raises(EditError) as refused:
        key_edit.set_shares(ws, [key_edit.ShareChange(share_ids["Rijswijk"], None, -5)])
    assert refused.value.message == "Een basisgetal (zoals het aantal inwoners) kan niet negatief zijn."
    ws.close()
    assert basis_on_disk(ws) == dict(BASIS)


def test_a_batch_with_one_negative_basis_figure_writes_none_of_it(workspaces):
    """A paste of several figures of which one is negative changes no figure at all."""
    ws, _, share_ids = workspaces(BASIS, method=KeyMethod.BASIS)
    with pytest.raises(EditError, match="negatief"):
        key_edit.set_shares(ws, [key_edit.ShareChange(share_ids["Delft"], None, 104_000),
                                 key_edit.ShareChange(share_ids["Rijswijk"], None, -5)])
    ws.close()
    assert basis_on_disk(ws) == dict(BASIS)


def test_a_basis_figure_of_zero_is_accepted_and_that_municipality_pays_nothing(workspaces):
    """A basis of 0 (no clients this year) is a figure, as 0 % is a share: that municipality pays
    € 0 and the others split the whole amount; it is not refused as a negative figure is."""
    ws, plan_id, share_ids = workspaces([("Delft", 1), ("Rijswijk", 3)], method=KeyMethod.BASIS,
                                        budget={2022: "1000.00"})
    key_edit.set_shares(ws, [key_edit.ShareChange(share_ids["Delft"], None, 0)])
    assert contributions_shown(ws, plan_id) == euros(Delft=0, Rijswijk=1000)
    ws.close()
    assert basis_on_disk(ws) == {"Delft": 0, "Rijswijk": 3}


def test_a_positive_basis_figure_is_written_and_moves_the_contributions(workspaces):
    """Typing 1 inhabitant more is saved to the file and the key's figures follow it."""
    ws, plan_id, share_ids = workspaces([("Delft", 1), ("Rijswijk", 3)], method=KeyMethod.BASIS,
                                        budget={2022: "1000.00"})
    assert contributions_shown(ws, plan_id) == euros(Delft=250, Rijswijk=750)
    old = key_edit.set_shares(ws, [key_edit.ShareChange(share_ids["Delft"], None, 2)])
    assert old == [key_edit.ShareChange(share_ids["Delft"], None, 1)]
    # 2 : 3 of € 1.000 is 400 / 600
    assert contributions_shown(ws, plan_id) == euros(Delft=400, Rijswijk=600)
    sheet = load_key_sheet(ws, plan_id)
    assert [(r.municipality, r.basis, r.share) for r in sheet.rows] == [
        ("Delft", 2, Decimal("40.00")), ("Rijswijk", 3, Decimal("60.00"))]
    assert sheet.total_basis == 5
    ws.close()
    assert basis_on_disk(ws) == {"Delft": 2, "Rijswijk": 3}


# --------------------------------------------------------------------------- 5. one municipality, 100 %

def key_problem(percent):
    return (f"Verdeelsleutel '{KEY_NAME}' telt op tot {percent} in plaats van 100,00 %. "
            "Pas de percentages aan; Planbord normaliseert ze niet.")


def test_one_municipality_at_exactly_100_percent_pays_everything(workspaces):
    """A key of one municipality at 100,00 % is no problem and that municipality pays the whole budget."""
    ws, plan_id, share_ids = workspaces([("Den Haag", "100.00")], budget={2022: "1234567.00"})
    assert problems(ws, plan_id) == []
    assert contributions_shown(ws, plan_id) == {"Den Haag": Decimal("1234567.00")}
    # typing 100 again in the key editor is accepted (the upper edge of a share)
    key_edit.set_shares(ws, [key_edit.ShareChange(share_ids["Den Haag"], Decimal("100"), None)])
    assert problems(ws, plan_id) == []
    assert contributions_shown(ws, plan_id) == {"Den Haag": Decimal("1234567.00")}


def assert_key_error_shown(ws, plan_id, percent):
    message = key_problem(percent)
    assert [(p.code, p.severity, p.message) for p in problems(ws, plan_id)] == [("key", "error", message)]
    with ws.session() as s:
        with pytest.raises(AllocationKeyProblem) as raised:
            budget_contributions(s, s.get(Plan, plan_id))
    assert raised.value.message == message
    sheet = load_key_sheet(ws, plan_id)
    assert sheet.problem == message
    assert sheet.contributions is None  # never normalised into contributions
    assert [r.share for r in sheet.rows] == [None] * len(sheet.rows)
    summary = plan_summary(ws, 2022)
    assert summary["contributions"] is None
    assert summary["problems"] == [message]


def test_one_municipality_at_99_99_percent_is_an_error(workspaces):
    """A lone municipality typed at 99,99 % is an error naming 99,99 %, and no contributions are made."""
    ws, plan_id, share_ids = workspaces([("Den Haag", "100.00")])
    key_edit.set_shares(ws, [key_edit.ShareChange(share_ids["Den Haag"], Decimal("99.99"), None)])
    assert_key_error_shown(ws, plan_id, "99,99 %")


def test_one_municipality_at_100_01_percent_is_an_error(workspaces):
    """A lone municipality at 100,01 % (e.g. from an older file) is an error naming 100,01 %."""
    ws, plan_id, _ = workspaces([("Den Haag", "100.01")])
    assert_key_error_shown(ws, plan_id, "100,01 %")


def test_a_share_above_100_percent_cannot_be_typed(workspaces):
    """The key editor refuses 100,01 % for one share in Dutch and keeps 100,00 % in the file."""
    ws, plan_id, share_ids = workspaces([("Den Haag", "100.00")])
    with pytest.raises(EditError) as refused:
        key_edit.set_shares(ws, [key_edit.ShareChange(share_ids["Den Haag"], Decimal("100.01"), None)])
    assert refused.value.message.startswith("Een aandeel ligt tussen 0 en 100 %, niet 100")
    assert problems(ws, plan_id) == []


def test_shares_adding_up_to_100_01_percent_are_an_error(workspaces):
    """Two municipalities at 50,01 % and 50,00 % make 100,01 %: an error, not scaled down."""
    ws, plan_id, share_ids = workspaces([("Delft", "50.00"), ("Rijswijk", "50.00")])
    key_edit.set_shares(ws, [key_edit.ShareChange(share_ids["Delft"], Decimal("50.01"), None)])
    assert_key_error_shown(ws, plan_id, "100,01 %")


def test_a_key_problem_reads_as_its_dutch_message_wherever_it_is_printed():
    """The message is the exception's text too (logs, the command line's stderr)."""
    problem = AllocationKeyProblem("De verdeelsleutel telt op tot 99,00 %.")
    assert problem.message == str(problem) == "De verdeelsleutel telt op tot 99,00 %."
    assert problem.args == ("De verdeelsleutel telt op tot 99,00 %.",)
