"""Due as a date or a period, and recurring actions (issue 21, point 1): Dutch text read and
printed the same way, overdue only after the period's end, a monthly action over a year has 12
occurrences, and every text that is no period refused in Dutch saying what can be typed."""
from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.services.edit_errors import EditError
from app.services.periods import (
    ONGOING,
    Frequency,
    Period,
    PeriodKind,
    half_year,
    month,
    on,
    parse_period,
    parse_recurrence,
    quarter,
    whole_year,
)


@pytest.mark.parametrize("text, year, kind, start, end, printed", [
    ("15-11-2021", None, PeriodKind.DATE, date(2021, 11, 15), date(2021, 11, 15), "15-11-2021"),
    ("15-11-21", None, PeriodKind.DATE, date(2021, 11, 15), date(2021, 11, 15), "15-11-2021"),
    ("2021-11-15", None, PeriodKind.DATE, date(2021, 11, 15), date(2021, 11, 15), "15-11-2021"),
    ("november 2021", None, PeriodKind.MONTH, date(2021, 11, 1), date(2021, 11, 30), "november 2021"),
    ("Nov. 2021", None, PeriodKind.MONTH, date(2021, 11, 1), date(2021, 11, 30), "november 2021"),
    ("februari", 2024, PeriodKind.MONTH, date(2024, 2, 1), date(2024, 2, 29), "februari 2024"),  # a leap year
    ("11-2021", None, PeriodKind.MONTH, date(2021, 11, 1), date(2021, 11, 30), "november 2021"),
    ("half november", 2021, PeriodKind.MID_MONTH, date(2021, 11, 15), date(2021, 11, 15), "half november 2021"),
    ("medio maart 2022", None, PeriodKind.MID_MONTH, date(2022, 3, 15), date(2022, 3, 15), "half maart 2022"),
    ("Q4", 2021, PeriodKind.QUARTER, date(2021, 10, 1), date(2021, 12, 31), "Q4 2021"),
    ("q1 2022", None, PeriodKind.QUARTER, date(2022, 1, 1), date(2022, 3, 31), "Q1 2022"),
    ("2e kwartaal 2022", None, PeriodKind.QUARTER, date(2022, 4, 1), date(2022, 6, 30), "Q2 2022"),
    ("kwartaal 3", 2022, PeriodKind.QUARTER, date(2022, 7, 1), date(2022, 9, 30), "Q3 2022"),
    ("eerste helft 2022", None, PeriodKind.HALF_YEAR, date(2022, 1, 1), date(2022, 6, 30), "eerste helft 2022"),
    ("H2", 2022, PeriodKind.HALF_YEAR, date(2022, 7, 1), date(2022, 12, 31), "tweede helft 2022"),
    ("2022", None, PeriodKind.YEAR, date(2022, 1, 1), date(2022, 12, 31), "2022"),
    ("in 2023", None, PeriodKind.YEAR, date(2023, 1, 1), date(2023, 12, 31), "2023"),
    ("eind 2022", None, PeriodKind.DATE, date(2022, 12, 31), date(2022, 12, 31), "31-12-2022"),
    ("begin november", 2021, PeriodKind.DATE, date(2021, 11, 1), date(2021, 11, 1), "01-11-2021"),
])
def test_a_period_is_read_and_printed_in_dutch(text, year, kind, start, end, printed):
    period = parse_period(text, year)
    assert (period.kind, period.start, period.end, period.open_ended) == (kind, start, end, False)
    assert period.text() == printed
    assert parse_period(printed) == period  # printed as it is typed back


def test_open_ended_and_ongoing():
    assert parse_period("vanaf volgend jaar", 2021) == Period(PeriodKind.YEAR, date(2022, 1, 1), None, True)
    assert parse_period("vanaf Q1 2022").text() == "vanaf Q1 2022"
    assert parse_period("per 1-3-2022").text() == "vanaf 01-03-2022"
    assert parse_period("Doorlopend") is ONGOING and ONGOING.text() == "doorlopend"
    assert parse_period("") is None and parse_period("   ") is None and parse_period(None) is None


@pytest.mark.parametrize("period, last_day_on_time", [
    (on(date(2021, 11, 15)), date(2021, 11, 15)),
    (month(2021, 11), date(2021, 11, 30)),
    (quarter(2021, 4), date(2021, 12, 31)),
    (half_year(2022, 1), date(2022, 6, 30)),
    (whole_year(2022), date(2022, 12, 31)),
])
def test_overdue_only_after_the_period_s_end(period, last_day_on_time):
    from datetime import timedelta

    assert not period.overdue(last_day_on_time)  # the last day itself is in time
    assert period.overdue(last_day_on_time + timedelta(days=1))
    assert not period.overdue(period.start)


def test_open_ended_and_ongoing_are_never_overdue():
    assert not parse_period("vanaf Q1 2021").overdue(date(2030, 1, 1))
    assert not ONGOING.overdue(date(2030, 1, 1))


@pytest.mark.parametrize("text, year, message", [
    ("morgen", 2022, "'morgen' is geen datum of periode. Typ een datum (31-12-2022), een maand"),
    ("31-02-2022", None, "'31-02-2022' is geen bestaande datum"),
    ("Q5 2022", None, "'Q5 2022' is geen datum of periode"),
    ("november", None, "'november' noemt geen jaar. Typ het jaar erbij, bijv. “november 2022”."),
    ("Q4", None, "'Q4' noemt geen jaar"),
    ("vanaf volgend jaar", None, "welk jaar is volgend jaar"),
    ("vanaf nu", 2022, "typ vanaf wanneer"),
    ("3000", None, "het jaar 3000 ligt niet tussen 1900 en 2200"),
    ("half 2022", None, "'half 2022' is geen datum of periode"),
])
def test_what_is_no_period_is_refused_saying_what_can_be_typed(text, year, message):
    with pytest.raises(EditError) as refused:
        parse_period(text, year)
    assert message in refused.value.message


periods = st.one_of(
    st.dates(date(1950, 1, 1), date(2150, 12, 31)).map(on),
    st.tuples(st.integers(1950, 2150), st.integers(1, 12)).map(lambda t: month(*t)),
    st.tuples(st.integers(1950, 2150), st.integers(1, 4)).map(lambda t: quarter(*t)),
    st.tuples(st.integers(1950, 2150), st.integers(1, 2)).map(lambda t: half_year(*t)),
    st.integers(1950, 2150).map(whole_year),
)


@given(periods, st.booleans())
def test_every_period_reads_back_from_its_text(period, open_ended):
    if open_ended:
        period = Period(period.kind, period.start, None, True)
    assert parse_period(period.text()) == period


# --- recurring actions --------------------------------------------------------------------------------

def test_a_monthly_action_over_a_year_has_twelve_occurrences():
    recurrence = parse_recurrence("maandelijks", year=2022)
    occurrences = recurrence.occurrences()
    assert len(occurrences) == 12
    assert [p.text() for p in occurrences[:2]] == ["januari 2022", "februari 2022"]
    assert occurrences[-1].end == date(2022, 12, 31)
    assert recurrence.next_occurrence(date(2022, 5, 31)).text() == "mei 2022"
    assert recurrence.next_occurrence(date(2022, 6, 1)).text() == "juni 2022"
    assert recurrence.next_occurrence(date(2023, 1, 1)) is None


@pytest.mark.parametrize("text, year, frequency, count, first, last", [
    ("elk kwartaal", 2022, Frequency.QUARTERLY, 4, "Q1 2022", "Q4 2022"),
    ("per kwartaal vanaf april 2022 tot en met 2023", None, Frequency.QUARTERLY, 7, "Q2 2022", "Q4 2023"),
    ("halfjaarlijks vanaf 2022 t/m 2024", None, Frequency.HALF_YEARLY, 6, "eerste helft 2022", "tweede helft 2024"),
    ("jaarlijks vanaf 2021 tot 2023", None, Frequency.YEARLY, 3, "2021", "2023"),
    ("maandelijks tot en met juni", 2022, Frequency.MONTHLY, 6, "januari 2022", "juni 2022"),
    ("wekelijks van 1-1-2022 tot en met 31-1-2022", None, Frequency.WEEKLY, 5, "03-01-2022", "31-01-2022"),
])
def test_recurrences_and_their_occurrences(text, year, frequency, count, first, last):
    recurrence = parse_recurrence(text, year)
    occurrences = recurrence.occurrences()
    assert recurrence.frequency is frequency
    assert len(occurrences) == count
    assert (occurrences[0].text(), occurrences[-1].text()) == (first, last)
    assert parse_recurrence(recurrence.text()) == recurrence  # printed as it is typed back


@pytest.mark.parametrize("text, year, message", [
    ("af en toe", 2022, "'af en toe' is geen herhaling"),
    ("maandelijks", None, "vanaf wanneer"),
    ("maandelijks vanaf 2023 tot 2022", None, "ligt voor het begin"),
    ("maandelijks tot doorlopend", 2022, "“tot” heeft een eind nodig"),
    ("maandelijks soms", 2022, "na hoe vaak volgt"),
])
def test_what_is_no_recurrence_is_refused(text, year, message):
    with pytest.raises(EditError) as refused:
        parse_recurrence(text, year)
    assert message in refused.value.message


def test_monthly_then_quarterly_as_plans_of_approach_write_it():
    from app.services.periods import parse_recurrence, recurrence_label

    both = parse_recurrence("maandelijks tot en met juni 2022, daarna elk kwartaal", 2022)
    assert [p.text() for p in both.occurrences()] == [
        "januari 2022", "februari 2022", "maart 2022", "april 2022", "mei 2022", "juni 2022", "Q3 2022",
        "Q4 2022"]
    assert both.text() == "maandelijks van 01-2022 t/m 06-2022, daarna elk kwartaal van 07-2022 t/m 12-2022"
    assert parse_recurrence(both.text()) == both  # read back from what is stored, without a plan year
    assert both.last_day == date(2022, 12, 31)
    assert recurrence_label(both, date(2022, 6, 10)) == (
        "maandelijks, daarna elk kwartaal t/m 31-12-2022 · volgende: juni 2022")
    # The start of the second part says where the first ends.
    later = parse_recurrence("maandelijks; daarna elk kwartaal vanaf oktober 2022 tot en met 2023", 2022)
    assert [p.text() for p in later.occurrences()][8:] == ["september 2022", "Q4 2022", "Q1 2023", "Q2 2023",
                                                          "Q3 2023", "Q4 2023"]


@pytest.mark.parametrize("text, message", [
    ("maandelijks, daarna elk kwartaal", "zeg tot wanneer “maandelijks” geldt"),
    ("maandelijks tot juni 2022, daarna elk kwartaal vanaf mei 2022", "“daarna” begint voordat"),
    ("maandelijks tot juni 2022, daarna af en toe", "'af en toe' is geen herhaling"),
])
def test_a_recurrence_in_parts_that_cannot_be_read_is_refused_saying_why(text, message):
    from app.services.periods import parse_recurrence

    with pytest.raises(EditError, match=message):
        parse_recurrence(text, 2022)
