"""Realisatie and uitputting (issue 20): bookings on lines and sources, what they add up to per
line, group and plan, the depletion percentage, the forecast and the lines to look at; every
refusal in Dutch with nothing written; a delete put back with its ids."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from app.models import BudgetGroup, BudgetLine, FundingSource, Plan
from app.models.actuals import ActualEntry, ActualKind
from app.services.actuals import EntryValues, add_entries, delete_entries, plan_entries, restore_entries, set_entry_fields
from app.services.depletion import linear_forecast, plan_depletion
from app.services.edit_errors import EditError
from app.services.plans import find_plan

D = Decimal
RAISED = "Programmamanager Jeugd (40% uitvoering)"  # 2022: 127.500
SECRETARY = "Secretariële ondersteuning"


def plan_id(ws) -> int:
    with ws.session() as s:
        return find_plan(s, 2022).id


def lines(ws, pid: int) -> dict[str, int]:
    with ws.session() as s:
        return {name: i for i, name in s.execute(
            select(BudgetLine.id, BudgetLine.name).join(BudgetLine.group).where(BudgetGroup.plan_id == pid))}


def budget_of(ws, line_id: int, year: int) -> Decimal | None:
    with ws.session() as s:
        line = s.get(BudgetLine, line_id)
        return next((c.amount for c in line.cells if c.year == year), None)


def entry(line_id, amount, on=date(2022, 3, 31), kind=ActualKind.REALISED, year=2022, **kw) -> EntryValues:
    return EntryValues(year, on, D(amount), line_id=line_id, kind=kind, **kw)


def count(ws) -> int:
    with ws.session() as s:
        return s.scalar(select(func.count(ActualEntry.id)))


def three_lines(ws):
    """Bookings on three lines of the adopted 2022 plan, the third over its budget."""
    pid = plan_id(ws)
    names = lines(ws, pid)
    ids = sorted(names.values())
    a, b, c = ids[0], ids[1], ids[2]
    budget_c = budget_of(ws, c, 2022)
    add_entries(ws, pid, [
        entry(a, "10000.00", description="factuur januari", reference="F-001"),
        entry(a, "2500.50", on=date(2022, 5, 1), reference="F-002"),
        entry(a, "-500.50", on=date(2022, 5, 2), description="creditnota"),
        entry(a, "4000.00", kind=ActualKind.COMMITTED, description="opdracht"),
        entry(b, "1000.00", year=2023, on=date(2023, 2, 1)),
        entry(c, str(budget_c + D("0.01")), on=date(2022, 6, 30)),
    ])
    return pid, a, b, c, budget_c


def test_entries_add_up_per_line_group_and_plan_with_depletion_and_forecast(ws):
    pid, a, b, c, budget_c = three_lines(ws)
    with ws.session() as s:
        dep = plan_depletion(s, s.get(Plan, pid), as_of=date(2022, 6, 30))
    line_a = dep.line(a).years[2022]
    assert (line_a.realised, line_a.committed) == (D("12000.00"), D("4000.00"))
    assert line_a.budget == budget_of(ws, a, 2022)
    assert line_a.remaining == line_a.budget - D("16000.00")
    assert line_a.percentage == (D("16000") * 100 / line_a.budget).quantize(D("0.1"))
    # Linear: 12.000 in the 181 days to 30 June, over 365 days (and at least spent + ordered).
    assert line_a.forecast == max((D("12000.00") * 365 / 181).quantize(D("0.01")), D("16000.00"))
    assert dep.line(b).years[2023].realised == D("1000.00") and dep.line(b).years[2022].realised == 0
    assert dep.line(c).years[2022].over and dep.line(c).years[2022].remaining == D("-0.01")
    # The group and the plan add their lines up; the total of the year is every booking of it.
    group = dep.group(next(line.group_id for line in dep.lines if line.id == a))
    assert group.years[2022].realised >= D("12000.00")
    assert dep.total[2022].realised == D("12000.00") + budget_c + D("0.01")
    assert dep.total[2022].committed == D("4000.00")
    assert dep.total[2023].realised == D("1000.00")
    assert dep.entries == 6


def test_the_problems_name_the_line_over_budget_and_the_one_nearly_spent_early(ws):
    pid, a, b, c, budget_c = three_lines(ws)
    names = {i: n for n, i in lines(ws, pid).items()}
    # Line a nearly spent before October: 90 % of its budget booked in June.
    budget_a = budget_of(ws, a, 2022)
    add_entries(ws, pid, [entry(a, str(budget_a * D("0.9") - D("16000.00")), on=date(2022, 6, 1))])
    with ws.session() as s:
        dep = plan_depletion(s, s.get(Plan, pid), as_of=date(2022, 6, 30))
        later = plan_depletion(s, s.get(Plan, pid), as_of=date(2022, 10, 1))
    kinds = {(f.line_id, f.year): f.kind for f in dep.flags}
    assert kinds[(c, 2022)] == "over"
    assert kinds[(a, 2022)] == "early"
    over = next(f for f in dep.flags if f.line_id == c)
    assert names[c] in over.message and "€ 0,01 meer dan begroot" in over.message
    early = next(f for f in dep.flags if f.line_id == a)
    assert "90,0 %" in early.message and "30-06-2022" in early.message
    # From October nearly spent is no longer early; over budget still is.
    assert {(f.line_id, f.kind) for f in later.flags} == {(c, "over")}


def test_a_marker_line_shows_its_spending_without_a_percentage(ws):
    pid = plan_id(ws)
    with ws.session() as s:
        line_id, year, marker = next(
            (line.id, c.year, c.marker) for line in s.scalars(select(BudgetLine).join(BudgetLine.group)
                                                              .where(BudgetGroup.plan_id == pid))
            for c in line.cells if c.marker is not None and c.year in (2022, 2023))
    add_entries(ws, pid, [entry(line_id, "750.00", year=year, on=date(year, 2, 1))])
    with ws.session() as s:
        dep = plan_depletion(s, s.get(Plan, pid), as_of=date(year, 3, 1))
    figures = dep.line(line_id).years[year]
    assert figures.marker is marker and figures.budget is None
    assert figures.realised == D("750.00") and figures.percentage is None and figures.remaining is None
    assert not figures.over and not any(f.line_id == line_id for f in dep.flags)


def test_spending_on_an_empty_cell_is_flagged_as_unbudgeted(ws):
    pid = plan_id(ws)
    with ws.session() as s:
        line_id = next(line.id for line in s.scalars(select(BudgetLine).join(BudgetLine.group)
                                                     .where(BudgetGroup.plan_id == pid))
                       if not any(c.year == 2023 for c in line.cells))
    add_entries(ws, pid, [entry(line_id, "99.00", year=2023, on=date(2023, 1, 5))])
    with ws.session() as s:
        dep = plan_depletion(s, s.get(Plan, pid), as_of=date(2023, 2, 1))
    flag = next(f for f in dep.flags if f.line_id == line_id)
    assert flag.kind == "unbudgeted" and "zonder begroting" in flag.message


@pytest.mark.parametrize("as_of, expected", [
    (date(2021, 12, 31), None),  # before the year: nothing to forecast
    (date(2022, 1, 1), D("365000.00")),  # one day: 1.000 a day
    (date(2022, 7, 2), D("1985.08")),  # 183 days gone: 1.000 / 183 * 365... at least spent + ordered
    (date(2022, 12, 31), D("1000.00")),  # the year is over: what was spent
    (date(2023, 5, 1), D("1000.00")),
])
def test_the_linear_forecast_at_each_boundary(as_of, expected):
    if as_of == date(2022, 7, 2):
        expected = max((D("1000.00") * 365 / 183).quantize(D("0.01")), D("1000.00"))
    assert linear_forecast(D("1000.00"), D("0.00"), 2022, as_of) == expected


def test_the_forecast_is_never_below_what_is_spent_and_ordered():
    assert linear_forecast(D("100.00"), D("5000.00"), 2022, date(2022, 6, 30)) == D("5100.00")


def test_refusals_say_why_in_dutch_and_write_nothing(ws):
    pid = plan_id(ws)
    line = sorted(lines(ws, pid).values())[0]
    with ws.session() as s:
        source = s.scalars(select(FundingSource.id).where(FundingSource.plan_id == pid)).first()
    before = count(ws)
    cases = [
        (entry(line, "1.00", year=2021, on=date(2021, 5, 1)), "2021 is geen begrotingsjaar van dit plan (2022–2023)"),
        (entry(line, "1.00", on=date(2019, 5, 1)), "ligt ver buiten 2022"),
        (EntryValues(2022, date(2022, 1, 1), D("1.00"), source_id=source, kind=ActualKind.COMMITTED),
         "Een verplichting hoort bij een post"),
        (EntryValues(2022, date(2022, 1, 1), D("1.00")), "hoort bij één post of één bron"),
        (EntryValues(2022, date(2022, 1, 1), D("1.00"), line_id=line, source_id=source), "hoort bij één post of één bron"),
        (entry(999999, "1.00"), "hoort niet (meer) bij dit plan"),
        (entry(line, "1.005"), "meer dan twee decimalen"),
        (entry(line, "1.00", description="x" * 301), "De omschrijving"),
    ]
    for values, message in cases:
        with pytest.raises(EditError) as refused:
            add_entries(ws, pid, [entry(line, "5.00"), values])
        assert message in refused.value.message, refused.value.message
        assert refused.value.message.startswith("Rij 2: ")  # which of the bookings
    assert count(ws) == before


def test_a_line_of_another_plan_is_refused(ws):
    from app.services.plan_copy import create_amendment

    pid = plan_id(ws)
    amendment = create_amendment(ws, pid)
    other_line = sorted(lines(ws, amendment).values())[0]
    with pytest.raises(EditError, match="hoort niet"):
        add_entries(ws, pid, [entry(other_line, "1.00")])


def test_an_adopted_plan_takes_bookings_its_budget_stays_as_adopted(ws):
    pid, a, b, c, _budget = three_lines(ws)
    with ws.session() as s:
        plan = s.get(Plan, pid)
        assert plan.is_read_only
        rows = plan_entries(s, plan)
    names = {i: n for n, i in lines(ws, pid).items()}
    # By date, then as entered: 31-03 (the invoice, the order, c's... ), 01-05, 02-05, ...
    assert [(r.booked_on, r.reference) for r in rows if r.reference] == [
        (date(2022, 3, 31), "F-001"), (date(2022, 5, 1), "F-002")]
    assert [r.booked_on for r in rows] == sorted(r.booked_on for r in rows)
    assert {r.target for r in rows if r.line_id == a} == {names[a]}
    assert {r.kind for r in rows if r.line_id == a} == {ActualKind.REALISED, ActualKind.COMMITTED}


def test_a_delete_is_put_back_with_the_same_ids(ws):
    pid, a, *_ = three_lines(ws)
    with ws.session() as s:
        ids = list(s.scalars(select(ActualEntry.id).where(ActualEntry.line_id == a).order_by(ActualEntry.id)))
    rows = delete_entries(ws, pid, ids[:2])
    assert count(ws) == 4
    restore_entries(ws, pid, rows)
    with ws.session() as s:
        back = {e.id: (e.amount, e.reference) for e in s.scalars(select(ActualEntry).where(ActualEntry.id.in_(ids[:2])))}
    assert back == {ids[0]: (D("10000.00"), "F-001"), ids[1]: (D("2500.50"), "F-002")}
    with pytest.raises(EditError, match="bestaat niet meer"):
        delete_entries(ws, pid, [999999])


def test_a_field_changed_returns_the_old_value_and_is_checked(ws):
    pid, a, *_ = three_lines(ws)
    with ws.session() as s:
        first = s.scalars(select(ActualEntry.id).order_by(ActualEntry.id)).first()
    old = set_entry_fields(ws, first, amount=D("11000.00"), reference="F-001a")
    assert old == {"amount": D("10000.00"), "reference": "F-001"}
    with pytest.raises(EditError, match="geen begrotingsjaar"):
        set_entry_fields(ws, first, year=2030)
    with ws.session() as s:
        assert s.get(ActualEntry, first).amount == D("11000.00")  # the refused change wrote nothing


def test_the_plan_s_problems_list_the_lines_to_look_at_today(ws):
    from app.services.validation import plan_problems

    pid, a, b, c, budget_c = three_lines(ws)
    names = {i: n for n, i in lines(ws, pid).items()}
    with ws.session() as s:
        problems = plan_problems(s, s.get(Plan, pid))
    over = [p for p in problems if p.code == "depletion_over"]
    assert len(over) == 1 and names[c] in over[0].message and "meer dan begroot" in over[0].message


def test_a_plan_without_bookings_has_no_depletion_problems(ws):
    from app.services.validation import plan_problems

    with ws.session() as s:
        assert not [p for p in plan_problems(s, find_plan(s, 2022)) if p.code.startswith("depletion")]


def test_a_typed_forecast_replaces_the_linear_one_and_goes_back(ws):
    from app.services.actuals import set_line_forecast

    pid, a, *_ = three_lines(ws)
    assert set_line_forecast(ws, a, 2022, D("50000.00")) is None
    with ws.session() as s:
        figures = plan_depletion(s, s.get(Plan, pid), as_of=date(2022, 6, 30)).line(a).years[2022]
    assert figures.forecast == D("50000.00") and figures.typed_forecast
    assert set_line_forecast(ws, a, 2022, D("60000.00")) == D("50000.00")
    assert set_line_forecast(ws, a, 2022, None) == D("60000.00")
    with ws.session() as s:
        figures = plan_depletion(s, s.get(Plan, pid), as_of=date(2022, 6, 30)).line(a).years[2022]
    assert not figures.typed_forecast and figures.forecast == max(
        (D("12000.00") * 365 / 181).quantize(D("0.01")), D("16000.00"))
    with pytest.raises(EditError, match="geen begrotingsjaar"):
        set_line_forecast(ws, a, 2021, D("1.00"))
    with pytest.raises(EditError, match="bestaat niet meer"):
        set_line_forecast(ws, 999999, 2022, D("1.00"))


def test_a_flag_names_a_repeated_line_by_its_group(ws):
    pid = plan_id(ws)
    with ws.session() as s:
        repeated = [name for name, in s.execute(
            select(BudgetLine.name).join(BudgetLine.group).where(BudgetGroup.plan_id == pid)
            .group_by(BudgetLine.name).having(func.count(BudgetLine.id) > 1))]
        assert repeated, "the demo has a line name twice ('trainingen en bijeenkomsten')"
        line_id, group_name = s.execute(select(BudgetLine.id, BudgetGroup.name).join(BudgetLine.group)
                                        .where(BudgetGroup.plan_id == pid, BudgetLine.name == repeated[0])).first()
    add_entries(ws, pid, [entry(line_id, "99999999.00")])
    with ws.session() as s:
        flag = next(f for f in plan_depletion(s, s.get(Plan, pid), as_of=date(2022, 6, 1)).flags
                    if f.line_id == line_id)
    assert flag.message.startswith(f"{group_name} › {repeated[0]}: in 2022")


def test_the_groups_read_by_aggregates_are_the_groups_of_the_full_depletion(ws):
    from app.services.depletion import group_depletion

    pid, a, b, c, _budget = three_lines(ws)
    add_entries(ws, pid, [EntryValues(2022, date(2022, 6, 1), D("75.00"),
                                      source_id=plan_targets_source(ws, pid))])
    with ws.session() as s:
        plan = s.get(Plan, pid)
        full = plan_depletion(s, plan, as_of=date(2022, 6, 30))
        light = group_depletion(s, plan, as_of=date(2022, 6, 30))
    assert light.lines == [] and light.entries == full.entries == 7
    for whole, part in zip(full.groups, light.groups, strict=True):
        assert whole.id == part.id
        for year in full.years:
            w, p = whole.years[year], part.years[year]
            assert (w.budget, w.realised, w.committed, w.percentage) == (p.budget, p.realised, p.committed,
                                                                         p.percentage), (whole.name, year)
    for year in full.years:
        assert (full.total[year].budget, full.total[year].realised, full.total[year].committed) == (
            light.total[year].budget, light.total[year].realised, light.total[year].committed)
    assert light.income == full.income and light.income[2022] == D("75.00")
    assert light.group_markers == full.group_markers and full.group_markers  # the demo has marker lines


def plan_targets_source(ws, pid) -> int:
    with ws.session() as s:
        return s.scalars(select(FundingSource.id).where(FundingSource.plan_id == pid)).first()
