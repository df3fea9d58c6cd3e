"""The monitor's indicators (issue 21, point 3): a value per year of the whole or per municipality
or organisation, a target; an additive indicator's whole is its members' sum, a non-additive one
never shows a sum; percentages read as percentages; every refusal in Dutch with nothing written;
summary --json's ``indicators``."""
from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from app.models import Region
from app.models.indicators import Breakdown, IndicatorUnit, IndicatorValue
from app.services.edit_errors import EditError
from app.services.indicators import (
    add_indicator,
    delete_indicator,
    format_value,
    indicator_table,
    restore_indicator,
    restore_value,
    set_target,
    set_value,
)

D = Decimal


def region(ws) -> int:
    with ws.session() as s:
        return s.scalars(select(Region.id)).one()


def table(ws, indicator_id):
    with ws.session() as s:
        return indicator_table(s, indicator_id)


def test_unique_clients_per_organisation_never_sum(ws):
    clients = add_indicator(ws, region(ws), "Unieke cliënten jeugdhulp met verblijf", IndicatorUnit.CLIENTS,
                            additive=False, breakdown=Breakdown.ORGANISATION, source="CBS")
    for organisation, y2021, y2022 in (("Horizon", 120, 131), ("Cardea", 80, 77), ("Jeugdformaat", 45, 50)):
        set_value(ws, clients, 2021, y2021, organisation)
        set_value(ws, clients, 2022, y2022, organisation)
    result = table(ws, clients)
    assert [name for name, _ in result.members] == ["Cardea", "Horizon", "Jeugdformaat"]  # a-z: no municipalities
    assert result.whole == {2021: None, 2022: None}  # a client can be with two organisations: no sum
    assert not any(result.whole_is_sum.values())
    # A whole entered by hand (counted uniquely by the source) is shown as entered.
    set_value(ws, clients, 2022, 230)
    assert table(ws, clients).whole[2022] == D("230.00") and not table(ws, clients).whole_is_sum[2022]


def test_an_additive_indicator_per_municipality_adds_its_members(ws):
    spending = add_indicator(ws, region(ws), "Uitgaven jeugdhulp", IndicatorUnit.EURO, additive=True,
                             breakdown=Breakdown.MUNICIPALITY)
    set_value(ws, spending, 2022, D("1000000.50"), "Zoetermeer")
    set_value(ws, spending, 2022, D("250000.25"), "delft")  # matched whatever the case
    set_target(ws, spending, 2022, D("1200000"))
    result = table(ws, spending)
    assert [name for name, _ in result.members] == ["Delft", "Zoetermeer"]  # the region's order
    assert result.whole[2022] == D("1250000.75") and result.whole_is_sum[2022]
    assert result.targets == {2022: D("1200000.00")}
    assert result.text(result.whole[2022]) == "€ 1.250.000,75"


@pytest.mark.parametrize("value, unit, shown", [
    (D("12.5"), IndicatorUnit.PERCENTAGE, "12,5 %"),
    (D("7.25"), IndicatorUnit.PERCENTAGE, "7,25 %"),
    (D("1234"), IndicatorUnit.CLIENTS, "1.234"),
    (D("14"), IndicatorUnit.DAYS, "14 dagen"),
    (D("1"), IndicatorUnit.DAYS, "1 dag"),
    (D("1250"), IndicatorUnit.EURO, "€ 1.250"),
])
def test_values_read_in_their_unit(value, unit, shown):
    assert format_value(value, unit) == shown


@pytest.mark.parametrize("unit, breakdown, value, member, message", [
    (IndicatorUnit.PERCENTAGE, Breakdown.NONE, D("101"), "", "een percentage ligt tussen 0 en 100"),
    (IndicatorUnit.CLIENTS, Breakdown.NONE, D("-1"), "", "een aantal is niet negatief"),
    (IndicatorUnit.NUMBER, Breakdown.NONE, D("1"), "Delft", "heeft één waarde per jaar"),
    (IndicatorUnit.NUMBER, Breakdown.MUNICIPALITY, D("1"), "Amsterdam", "“Amsterdam” is geen gemeente van deze regio"),
    (IndicatorUnit.NUMBER, Breakdown.NONE, D("1.005"), "", "decimalen"),
    (IndicatorUnit.EURO, Breakdown.NONE, D("1000000000000"), "", "groter dan het maximum"),
])
def test_refusals_in_dutch_and_nothing_written(ws, unit, breakdown, value, member, message):
    indicator = add_indicator(ws, region(ws), "Indicator", unit, breakdown=breakdown)
    with pytest.raises(EditError) as refused:
        set_value(ws, indicator, 2022, value, member)
    assert message in refused.value.message
    with ws.session() as s:
        assert not list(s.scalars(select(IndicatorValue)))


def test_definitions_refused_in_dutch(ws):
    add_indicator(ws, region(ws), "Wachttijd", IndicatorUnit.DAYS)
    with pytest.raises(EditError, match="Er is al een indicator “Wachttijd”"):
        add_indicator(ws, region(ws), "Wachttijd")
    with pytest.raises(EditError, match="Percentages tellen niet op"):
        add_indicator(ws, region(ws), "Aandeel", IndicatorUnit.PERCENTAGE, additive=True)
    with pytest.raises(EditError, match="heeft een naam nodig"):
        add_indicator(ws, region(ws), "  ")


def test_a_value_changed_and_undone_and_an_indicator_deleted_and_back(ws):
    indicator = add_indicator(ws, region(ws), "Wachttijd", IndicatorUnit.DAYS)
    assert set_value(ws, indicator, 2022, 30, note="mediaan") is None
    old = set_value(ws, indicator, 2022, 28)
    assert old == (D("30.00"), "mediaan") and table(ws, indicator).notes[("", 2022)] == "mediaan"
    restore_value(ws, indicator, 2022, "", old)
    assert table(ws, indicator).whole[2022] == D("30.00")
    snapshot = delete_indicator(ws, indicator)
    with ws.session() as s:
        assert not list(s.scalars(select(IndicatorValue)))
    restore_indicator(ws, snapshot)
    assert table(ws, indicator).whole[2022] == D("30.00")


def test_the_summary_lists_the_indicators_without_a_sum_where_none_is(ws):
    from app.services.summary import plan_summary

    try:
        clients = add_indicator(ws, region(ws), "Unieke cliënten", IndicatorUnit.CLIENTS,
                                breakdown=Breakdown.ORGANISATION)
        set_value(ws, clients, 2022, 10, "Horizon")
        set_value(ws, clients, 2022, 12, "Cardea")
        summary = plan_summary(ws, 2022)
    finally:
        ws.close()
    [entry] = summary["indicators"]
    assert entry["name"] == "Unieke cliënten" and entry["additive"] is False
    assert entry["whole"] == {"2022": None}
    assert entry["members"] == {"Cardea": {"2022": "12.00"}, "Horizon": {"2022": "10.00"}}


def test_several_values_all_or_none_naming_the_row_and_undone(ws):
    from app.services.indicators import ValueChange, restore_values, set_values

    clients = add_indicator(ws, region(ws), "Cliënten", IndicatorUnit.CLIENTS, breakdown=Breakdown.ORGANISATION)
    share = add_indicator(ws, region(ws), "Aandeel", IndicatorUnit.PERCENTAGE)
    set_value(ws, clients, 2021, 5, "Horizon")
    with pytest.raises(EditError, match="Rij 3: Aandeel: een percentage ligt tussen 0 en 100"):
        set_values(ws, [ValueChange(clients, 2022, D(10), "Horizon"), ValueChange(share, 2022, D("12.5")),
                        ValueChange(share, 2021, D(120))])
    assert table(ws, share).whole == {} and 2022 not in table(ws, clients).years  # nothing written
    olds = set_values(ws, [ValueChange(clients, 2021, D(6), "Horizon"), ValueChange(clients, 2022, D(10), "Horizon"),
                           ValueChange(share, 2022, D("12.5"))])
    assert table(ws, clients).members == [("Horizon", {2021: D("6.00"), 2022: D("10.00")})]
    restore_values(ws, olds)
    assert table(ws, clients).members == [("Horizon", {2021: D("5.00")})] and table(ws, share).whole == {}
