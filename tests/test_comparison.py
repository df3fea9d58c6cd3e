"""Comparing two plans (issue 17): the budget lines that changed and how, the totals, the
funding, what the key splits and what each municipality pays more or less, line by line and
year by year; the boundaries (the same plan, the other direction, a scenario, two amendments,
next year's plan, a file without lineage, spellings of a marker) and the refusals."""
from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from types import SimpleNamespace

import pytest
from conftest import examples
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from app.models import Plan, PlanKind, Region
from app.models.numbers import round_to_euros
from app.services import budget_edit, figures
from app.services.budget_edit import CellChange
from app.services.cell_input import EMPTY, parse_cell
from app.services.comparison import (
    ADDED,
    CHANGED,
    MOVED,
    REMOVED,
    RENAMED,
    compare_plans,
    load_plan_lines,
)
from app.services.edit_errors import EditError
from app.services.editing import Place
from app.services.next_year import create_next_year
from app.services.plan_copy import create_amendment
from app.services.plan_edit import delete_plan
from app.services.plans import find_plan

D = Decimal
YEARS = (2021, 2022, 2023)  # the demo: 2021 is the comparison column, 2022 and 2023 its own years
OWN_YEARS = (2022, 2023)

RAISED = "Programmamanager Jeugd (40% uitvoering)"  # 2022: 127.500 -> 137.500
NEW_LINE = "Pilot jeugdhulp op school"  # added in group 1 with 40.000 in 2022
REMOVED_LINE = "Representatie, onvoorzien"  # 93.000 (2021), 35.000 (2022), id (2023)
MOVED_LINE = "onderzoeksbudget"  # from Samen leren to Ontwikkelen jeugdhulpmonitor
MARKER_LINE = "onderzoek, rapportages"  # 2023: doorlopend -> 25.000
GROUP_1 = "1. Regionale netwerksamenwerking"
SAMEN_LEREN = "Samen leren"
MONITOR = "Ontwikkelen jeugdhulpmonitor"


def adopted_plan(ws) -> int:
    with ws.session() as s:
        return find_plan(s, 2022).id


def plan_lines(ws, plan_id: int):
    with ws.session() as s:
        return load_plan_lines(s, s.get(Plan, plan_id))


def line_ids(ws, plan_id: int) -> dict[str, int]:
    """Line name -> id (the names this file uses occur once in the demo)."""
    lines = plan_lines(ws, plan_id)
    return {lines.lines[i].name: i for i in lines.order}


def group_ids(ws, plan_id: int) -> dict[str, int]:
    return {g.label: g.id for g in plan_lines(ws, plan_id).groups.values()}


def set_cell(ws, line_id: int, year: int, typed: str) -> None:
    budget_edit.set_cells(ws, [CellChange(line_id, year, parse_cell(typed))])


def issue_amendment(ws) -> SimpleNamespace:
    """The issue's amendment of the adopted 2022 plan: one line raised by 10.000, one added, one
    removed, one moved to another group, and one marker replaced by an amount."""
    adopted = adopted_plan(ws)
    amendment = create_amendment(ws, adopted)
    lines, groups = line_ids(ws, amendment), group_ids(ws, amendment)
    set_cell(ws, lines[RAISED], 2022, "137.500")
    added = budget_edit.add_line(ws, groups[GROUP_1], name=NEW_LINE)
    set_cell(ws, added, 2022, "40.000")
    budget_edit.delete_line(ws, lines[REMOVED_LINE])
    budget_edit.move(ws, "line", lines[MOVED_LINE], Place(groups[MONITOR], 0))
    set_cell(ws, lines[MARKER_LINE], 2023, "25.000")
    return SimpleNamespace(adopted=adopted, amendment=amendment, lines=lines, groups=groups, added=added)


def by_name(comparison) -> dict:
    return {line.name: line for line in comparison.budget.lines}


def differences(line) -> dict[int, Decimal]:
    return {cell.year: cell.difference for cell in line.cells}


def key_shares(ws, plan_id: int) -> dict[str, Fraction]:
    """Each municipality's exact share of the key (the demo's lines are all shared by the H10)."""
    basis = figures.load_split_basis(ws, plan_id)
    whole = sum(basis.weights.values())
    return {basis.names[m]: basis.weights[m] / whole for m in basis.ids}


# --- the issue's scenario ---------------------------------------------------------------------

def test_the_amendment_lists_exactly_the_five_changed_lines_with_what_happened(ws):
    made = issue_amendment(ws)
    comparison = compare_plans(ws, made.adopted, made.amendment)
    assert comparison.before_title == "Uitvoeringsplan 2022 Regiovisie Jeugdzorg Haaglanden"
    assert comparison.after_title == "Uitvoeringsplan 2022 Regiovisie Jeugdzorg Haaglanden (wijziging 1)"
    budget = comparison.budget
    assert budget.years == YEARS
    # In the amendment's order; the removed line where it stood (after Secretariële ondersteuning).
    assert [(line.name, line.kinds) for line in budget.changed_lines()] == [
        (RAISED, (CHANGED,)),
        (REMOVED_LINE, (REMOVED,)),
        (NEW_LINE, (ADDED,)),
        (MOVED_LINE, (MOVED,)),
        (MARKER_LINE, (CHANGED,)),
    ]
    assert len(budget.lines) == 22  # the demo's 21 lines, and the one added
    assert [budget.count(kind) for kind in (ADDED, REMOVED, MOVED, RENAMED, CHANGED)] == [1, 1, 1, 0, 2]
    lines = by_name(comparison)
    assert lines[REMOVED_LINE].group == (GROUP_1,)  # where it was
    assert lines[MOVED_LINE].group == ("2. Prioritaire activiteiten", "Lerend ontwikkelen", MONITOR)
    assert lines[MOVED_LINE].description() == (
        "verplaatst van 2. Prioritaire activiteiten › Lerend ontwikkelen › Samen leren "
        "naar 2. Prioritaire activiteiten › Lerend ontwikkelen › Ontwikkelen jeugdhulpmonitor")
    assert lines[RAISED].description() == "gewijzigd in 2022"
    assert lines[MARKER_LINE].description() == "gewijzigd in 2023"
    assert (lines[NEW_LINE].description(), lines[REMOVED_LINE].description()) == ("toegevoegd", "verwijderd")


def test_the_changed_cells_read_before_arrow_after_and_the_rest_as_they_are(ws):
    made = issue_amendment(ws)
    lines = by_name(compare_plans(ws, made.adopted, made.amendment))
    texts = {name: [cell.text() for cell in lines[name].cells]
             for name in (RAISED, NEW_LINE, REMOVED_LINE, MOVED_LINE, MARKER_LINE)}
    assert texts == {
        RAISED: ["77.500", "127.500 → 137.500", "doorlopend"],
        NEW_LINE: ["", "leeg → 40.000", ""],
        REMOVED_LINE: ["93.000 → leeg", "35.000 → leeg", "id → leeg"],
        MOVED_LINE: ["", "100.000", "doorlopend"],  # moved, not changed
        MARKER_LINE: ["", "85.000", "doorlopend → 25.000"],
    }
    assert [c.changed for c in lines[MARKER_LINE].cells] == [False, False, True]
    assert [c.changed for c in lines[MOVED_LINE].cells] == [False, False, False]


def test_the_differences_per_line_and_year_and_the_totals_they_add_up_to(ws):
    made = issue_amendment(ws)
    comparison = compare_plans(ws, made.adopted, made.amendment)
    lines = by_name(comparison)
    assert {name: differences(lines[name]) for name in (RAISED, NEW_LINE, REMOVED_LINE, MOVED_LINE,
                                                        MARKER_LINE)} == {
        RAISED: {2021: 0, 2022: D("10000"), 2023: 0},
        NEW_LINE: {2021: 0, 2022: D("40000"), 2023: 0},
        REMOVED_LINE: {2021: D("-93000"), 2022: D("-35000"), 2023: 0},  # "id" was no amount
        MOVED_LINE: {2021: 0, 2022: 0, 2023: 0},
        MARKER_LINE: {2021: 0, 2022: 0, 2023: D("25000")},  # doorlopend counted as nothing
    }
    totals = comparison.totals
    assert totals.years == YEARS
    for year in YEARS:
        assert totals.total.values[year].difference == sum(
            line.difference(year) for line in comparison.budget.lines)
    assert {y: (p.before, p.after, p.difference) for y, p in totals.total.values.items()} == {
        2021: (D("1062500"), D("969500"), D("-93000")),
        2022: (D("1280000"), D("1295000"), D("15000")),
        2023: (D("0"), D("25000"), D("25000")),
    }
    assert totals.total.changed
    # The funding stayed; the saldo moves by the budget's difference, the other way.
    assert not totals.funding.changed
    assert {y: p.difference for y, p in totals.funding.values.items()} == {2021: 0, 2022: 0, 2023: 0}
    # 2021 is a comparison column: never funded, so neither plan has a saldo there.
    assert (totals.saldo.values[2021].before, totals.saldo.values[2021].after) == (None, None)
    assert {y: p.difference for y, p in totals.saldo.values.items()} == {
        2021: D("0"), 2022: D("-15000"), 2023: D("-25000")}
    # The moved line takes its 100.000 from Samen leren to the monitor group.
    groups = {row.label: row for row in totals.groups}
    assert groups[SAMEN_LEREN].values[2022].difference == D("-100000")
    assert groups[MONITOR].values[2022].difference == D("100000")
    assert groups[MONITOR].values[2023].difference == D("25000")
    assert groups[GROUP_1].values[2022].difference == D("15000")
    assert not groups["3. Lopende projecten en ad-hoc ondersteuning"].changed


def test_what_the_key_splits_and_every_municipality_s_share_of_the_difference(ws):
    made = issue_amendment(ws)
    totals = compare_plans(ws, made.adopted, made.amendment).totals
    assert totals.contribution_problem == ""
    assert totals.contribution_years == OWN_YEARS  # never the comparison column
    assert {y: (p.before, p.after) for y, p in totals.to_split.values.items()} == {
        2022: (D("1037500"), D("1052500")), 2023: (D("0"), D("25000"))}
    shares = key_shares(ws, made.amendment)
    assert [row.label for row in totals.contributions] == list(shares)  # the region's ten, in order
    assert len(totals.contributions) == 10
    for year in OWN_YEARS:
        split = totals.to_split.values[year]
        whole_euros = round_to_euros(split.after) - round_to_euros(split.before)
        assert sum(row.values[year].difference for row in totals.contributions) == whole_euros
        # Other funding unchanged: the municipalities together pay the whole budget difference.
        assert whole_euros == totals.total.values[year].difference
        for row in totals.contributions:
            pair = row.values[year]
            assert pair.difference > 0, (row.label, year)  # every council pays more
            # Each side is the council's share of that side's split, to within a euro.
            for paid, whole in ((pair.before, split.before), (pair.after, split.after)):
                assert paid == paid.to_integral_value()
                assert abs(Fraction(paid) - shares[row.label] * Fraction(whole)) < 1, (row.label, year)
    den_haag = next(row for row in totals.contributions if row.label == "Den Haag")
    assert (den_haag.values[2022].before, den_haag.values[2022].after) == (D("478960"), D("485885"))


def test_a_change_of_cents_moves_the_contributions_by_the_rounded_difference(ws):
    """The contributions are whole euros: 60 cents more rounds the split total up by one euro."""
    adopted = adopted_plan(ws)
    amendment = create_amendment(ws, adopted)
    set_cell(ws, line_ids(ws, amendment)[RAISED], 2022, "127.500,60")
    totals = compare_plans(ws, adopted, amendment).totals
    assert totals.to_split.values[2022].difference == D("0.60")
    assert sum(row.values[2022].difference for row in totals.contributions) == 1
    assert [row.values[2022].difference for row in totals.contributions].count(1) == 1
    assert sum(row.values[2023].difference for row in totals.contributions) == 0


# --- boundaries -------------------------------------------------------------------------------

def test_a_plan_compared_with_itself_or_with_a_fresh_amendment_shows_no_change(ws):
    adopted = adopted_plan(ws)
    amendment = create_amendment(ws, adopted)
    for before, after in ((adopted, adopted), (adopted, amendment)):
        comparison = compare_plans(ws, before, after)
        assert len(comparison.budget.lines) == 21
        assert comparison.budget.changed_lines() == []
        totals = comparison.totals
        rows = [totals.total, totals.funding, totals.saldo, totals.to_split, *totals.groups, *totals.contributions]
        assert [row.label for row in rows if row.changed] == []
        assert all(p.difference == 0 for row in rows for p in row.values.values())
        assert not any(row.label.endswith("(verwijderd)") for row in totals.groups)
        assert (comparison.outline, comparison.staffing) == ([], [])


def test_the_other_way_round_added_and_removed_swap_and_every_sign_flips(ws):
    made = issue_amendment(ws)
    forward = compare_plans(ws, made.adopted, made.amendment)
    back = compare_plans(ws, made.amendment, made.adopted)
    assert [(line.name, line.kinds) for line in back.budget.changed_lines()] == [
        (RAISED, (CHANGED,)),
        (REMOVED_LINE, (ADDED,)),
        (NEW_LINE, (REMOVED,)),
        (MARKER_LINE, (CHANGED,)),  # in the adopted plan's order now
        (MOVED_LINE, (MOVED,)),
    ]
    lines = by_name(back)
    assert lines[RAISED].cell(2022).text() == "137.500 → 127.500"
    assert lines[MARKER_LINE].cell(2023).text() == "25.000 → doorlopend"
    assert lines[NEW_LINE].cell(2022).text() == "40.000 → leeg"
    assert lines[MOVED_LINE].group == ("2. Prioritaire activiteiten", "Lerend ontwikkelen", SAMEN_LEREN)
    ahead = by_name(forward)
    for name, line in lines.items():
        assert {y: -d for y, d in differences(line).items()} == differences(ahead[name]), name
    for year in YEARS:
        assert back.totals.total.values[year].difference == -forward.totals.total.values[year].difference
    for row, other in zip(back.totals.contributions, forward.totals.contributions, strict=True):
        assert row.label == other.label
        for year in OWN_YEARS:
            assert row.values[year].difference == -other.values[year].difference < 0


def test_a_scenario_compares_with_the_plan_it_is_based_on(ws):
    adopted = adopted_plan(ws)
    scenario = create_amendment(ws, adopted, PlanKind.SCENARIO)
    set_cell(ws, line_ids(ws, scenario)["Secretariële ondersteuning"], 2022, "82.000")
    comparison = compare_plans(ws, adopted, scenario)
    assert comparison.after_title.endswith("(scenario 1)")
    assert [(line.name, line.cell(2022).text()) for line in comparison.budget.changed_lines()] == [
        ("Secretariële ondersteuning", "70.000 → 82.000")]
    assert comparison.totals.total.values[2022].difference == D("12000")
    assert sum(row.values[2022].difference for row in comparison.totals.contributions) == D("12000")


def test_two_amendments_of_one_plan_match_through_the_line_both_were_copied_from(ws):
    adopted = adopted_plan(ws)
    first, second = create_amendment(ws, adopted), create_amendment(ws, adopted)
    set_cell(ws, line_ids(ws, first)[RAISED], 2022, "137.500")
    second_lines = line_ids(ws, second)
    set_cell(ws, second_lines[RAISED], 2022, "150.000")
    budget_edit.set_line_fields(ws, second_lines["Secretariële ondersteuning"], name="Secretariaat programmabureau")
    comparison = compare_plans(ws, first, second)
    assert comparison.before_title.endswith("(wijziging 1)") and comparison.after_title.endswith("(wijziging 2)")
    assert [(line.name, line.kinds) for line in comparison.budget.changed_lines()] == [
        (RAISED, (CHANGED,)), ("Secretariaat programmabureau", (RENAMED,))]
    assert by_name(comparison)[RAISED].cell(2022).text() == "137.500 → 150.000"
    assert comparison.totals.total.values[2022].difference == D("12500")


def test_next_year_s_plan_against_this_year_s_compares_the_years_both_have(ws):
    adopted = adopted_plan(ws)
    next_year = create_next_year(ws, adopted).plan_id
    set_cell(ws, line_ids(ws, next_year)[RAISED], 2023, "130.000")
    comparison = compare_plans(ws, adopted, next_year)
    assert comparison.budget.years == (2021, 2022, 2023, 2024)
    assert [(line.name, line.kinds) for line in comparison.budget.changed_lines()] == [(RAISED, (CHANGED,))]
    cells = {cell.year: cell for cell in by_name(comparison)[RAISED].cells}
    # 2021 is only this year's, 2024 only next year's: shown, never a change.
    assert (cells[2021].before.text(), cells[2021].after) == ("77.500", None)
    assert (cells[2024].before, cells[2024].after.text()) == (None, "doorlopend")
    assert [cells[y].changed for y in (2021, 2022, 2023, 2024)] == [False, False, True, False]
    assert [cells[y].text() for y in (2021, 2022, 2023, 2024)] == ["77.500", "127.500", "doorlopend → 130.000",
                                                                   "doorlopend"]
    # Nor a difference: 2021's 77.500 did not go away, next year's plan has no 2021 column.
    assert cells[2021].difference == cells[2024].difference == 0
    totals = comparison.totals
    assert totals.total.values[2021].after is None and totals.total.values[2024].before is None
    assert not totals.total.values[2021].changed and not totals.total.values[2024].changed
    assert totals.total.values[2021].difference == totals.saldo.values[2021].difference == 0
    assert totals.total.values[2024].difference == 0
    assert totals.total.values[2023].difference == D("130000")
    # Split years: 2022 and 2023 are this year's own years, 2023 and 2024 next year's.
    assert totals.contribution_years == (2022, 2023, 2024)
    assert (totals.to_split.values[2022].after, totals.to_split.values[2024].before) == (None, None)
    assert totals.to_split.values[2023].difference == D("130000")
    assert totals.to_split.values[2022].difference == totals.to_split.values[2024].difference == 0
    for row in totals.contributions:
        assert row.values[2022].after is None and row.values[2024].before is None
        assert row.values[2022].difference == row.values[2024].difference == 0  # not "Den Haag -478.960"
        assert row.values[2023].difference > 0
    assert sum(row.values[2023].difference for row in totals.contributions) == D("130000")


def test_a_file_without_lineage_still_matches_lines_by_group_and_description(ws):
    made = issue_amendment(ws)
    with ws.transaction() as s:
        s.execute(text("UPDATE budget_line SET copied_from_id = NULL"))
        s.execute(text("UPDATE budget_group SET copied_from_id = NULL"))
    assert all(line.origin_id is None for line in plan_lines(ws, made.amendment).lines.values())
    comparison = compare_plans(ws, made.adopted, made.amendment)
    # The same five: "trainingen en bijeenkomsten" (twice, in two groups) each finds its own,
    # and the line moved without a link is found by its name, which occurs once.
    assert [(line.name, line.kinds) for line in comparison.budget.changed_lines()] == [
        (RAISED, (CHANGED,)), (REMOVED_LINE, (REMOVED,)), (NEW_LINE, (ADDED,)), (MOVED_LINE, (MOVED,)),
        (MARKER_LINE, (CHANGED,))]
    assert comparison.totals.total.values[2022].difference == D("15000")
    # Without a link a renamed line can only be a line removed and one added.
    budget_edit.set_line_fields(ws, made.lines["Secretariële ondersteuning"], name="Secretariaat")
    kinds = {line.name: line.kinds for line in compare_plans(ws, made.adopted, made.amendment).budget.lines}
    assert (kinds["Secretariaat"], kinds["Secretariële ondersteuning"]) == ((ADDED,), (REMOVED,))


def test_a_renamed_line_with_its_link_is_renamed_not_added_and_removed(ws):
    adopted = adopted_plan(ws)
    amendment = create_amendment(ws, adopted)
    budget_edit.set_line_fields(ws, line_ids(ws, amendment)["Secretariële ondersteuning"],
                                name="Secretariaat programmabureau")
    comparison = compare_plans(ws, adopted, amendment)
    [line] = comparison.budget.changed_lines()
    assert (line.name, line.kinds) == ("Secretariaat programmabureau", (RENAMED,))
    assert line.description() == "hernoemd (was “Secretariële ondersteuning”)"
    assert all(cell.difference == 0 and not cell.changed for cell in line.cells)
    assert comparison.budget.count(ADDED) == comparison.budget.count(REMOVED) == 0


def test_another_spelling_of_the_same_marker_is_no_change(ws):
    adopted = adopted_plan(ws)
    amendment = create_amendment(ws, adopted)
    line = line_ids(ws, amendment)["Beleidscapaciteit, project-/opgavemanagement"]  # 2023: "id"
    set_cell(ws, line, 2023, "id.")
    comparison = compare_plans(ws, adopted, amendment)
    assert comparison.budget.changed_lines() == []
    cell = by_name(comparison)["Beleidscapaciteit, project-/opgavemanagement"].cell(2023)
    assert (cell.before.text(), cell.after.text(), cell.changed, cell.text()) == ("id", "id.", False, "id.")


def test_a_marker_replaced_by_another_marker_is_a_change_of_nothing_in_money(ws):
    adopted = adopted_plan(ws)
    amendment = create_amendment(ws, adopted)
    set_cell(ws, line_ids(ws, amendment)["Secretariële ondersteuning"], 2023, "PM")
    comparison = compare_plans(ws, adopted, amendment)
    [line] = comparison.budget.changed_lines()
    cell = line.cell(2023)
    assert (line.kinds, cell.changed, cell.difference, cell.text()) == ((CHANGED,), True, 0, "id → PM")
    assert not comparison.totals.total.changed
    assert all(row.values[2023].difference == 0 for row in comparison.totals.contributions)


def test_a_removed_group_shows_in_the_totals_as_removed(ws):
    adopted = adopted_plan(ws)
    amendment = create_amendment(ws, adopted)
    budget_edit.delete_group(ws, group_ids(ws, amendment)["Reikwijdte, normaliseren"])
    comparison = compare_plans(ws, adopted, amendment)
    assert [(line.name, line.kinds) for line in comparison.budget.changed_lines()] == [
        ("regionaal referentiekader o.b.v. landelijk (Juridisch)", (REMOVED,))]
    groups = {row.label: row for row in comparison.totals.groups}
    assert "Reikwijdte, normaliseren" not in groups
    gone = groups["Reikwijdte, normaliseren (verwijderd)"]
    assert {y: (p.before, p.after) for y, p in gone.values.items()} == {
        2021: (D("0"), None), 2022: (D("25000"), None), 2023: (D("0"), None)}
    assert gone.values[2022].difference == D("-25000")
    assert gone.changed  # it held 25.000 in 2022: marked in the view, kept under "alleen wijzigingen"
    assert gone.values[2022].changed and not gone.values[2021].changed
    assert groups["Lerend ontwikkelen"].values[2022].difference == D("-25000")
    assert comparison.totals.total.values[2022].difference == D("-25000")


def test_a_plan_that_is_gone_is_refused_in_dutch(ws):
    adopted = adopted_plan(ws)
    amendment = create_amendment(ws, adopted)
    delete_plan(ws, amendment)
    for before, after in ((adopted, amendment), (amendment, adopted)):
        with pytest.raises(EditError) as refused:
            compare_plans(ws, before, after)
        assert refused.value.message == "Een van de twee plannen bestaat niet meer. Kies een ander plan om mee te vergelijken."


def test_plans_of_two_regions_are_refused_in_dutch(ws):
    adopted = adopted_plan(ws)
    with ws.transaction() as s:
        elsewhere = Plan(region=Region(name="Holland Rijnland"), year=2022, title="Uitvoeringsplan 2022 Leiden",
                         first_year=2022, last_year=2023)
        s.add(elsewhere)
        s.flush()
        other = elsewhere.id
    with pytest.raises(EditError) as refused:
        compare_plans(ws, adopted, other)
    assert refused.value.message == ("Alleen plannen van dezelfde regio zijn te vergelijken. Kies een plan van "
                                     "dezelfde regio om mee te vergelijken.")


# --- a property -------------------------------------------------------------------------------

@pytest.fixture
def amendment_for_edits(ws):
    """One amendment of the demo (a file, and on the test server); each example writes its cells
    and puts them back."""
    adopted = adopted_plan(ws)
    amendment = create_amendment(ws, adopted)
    return ws, adopted, amendment, plan_lines(ws, amendment).order


CELL_TEXT = st.one_of(
    st.integers(min_value=-50_000_00, max_value=5_000_000_00).map(lambda cents: f"{Decimal(cents) / 100:.2f}"),
    st.sampled_from(["PM", "id.", "id", "doorlopend", ""]),
)


EDITS = st.lists(st.tuples(st.integers(min_value=0, max_value=20), st.sampled_from(YEARS), CELL_TEXT),
                 min_size=1, max_size=8)


def test_the_line_differences_add_up_to_the_total_difference_whatever_is_typed(amendment_for_edits):
    @settings(max_examples=examples(amendment_for_edits[0], 15), deadline=None)
    @given(edits=EDITS)
    def check(edits):
        line_differences_add_up(amendment_for_edits, edits)

    check()


def line_differences_add_up(amendment_for_edits, edits):
    workspace, adopted, amendment, order = amendment_for_edits
    changes = [CellChange(order[i], year, parse_cell(typed) if typed else EMPTY) for i, year, typed in edits]
    old = budget_edit.set_cells(workspace, changes)
    try:
        comparison = compare_plans(workspace, adopted, amendment)
        for year in YEARS:
            assert comparison.totals.total.values[year].difference == sum(
                line.difference(year) for line in comparison.budget.lines)
        for year in OWN_YEARS:  # the funding is untouched: what the key splits moves as much
            assert comparison.totals.to_split.values[year].difference == \
                comparison.totals.total.values[year].difference
        assert {line.name for line in comparison.budget.changed_lines()} <= {
            comparison.budget.after.lines[order[i]].name for i, _year, _typed in edits}
    finally:
        budget_edit.set_cells(workspace, old)
