"""Several editors at once for the last edits without compare-and-set (issue 22): Realisatie
bookings and typed forecasts; the renames of ambitions; the monitor's indicator values, notes and
targets. Each runs on a file and on the PostgreSQL test server (the ``ws`` fixture).

As in tests/test_edit_conflicts_more.py, jan@kantoor-pc is a second workspace on the same data: an
edit of what jan changed since it was shown is refused with a Dutch message naming it, what it is
now, what was seen and who changed it when, and nothing is written (not even to the log); an undo
over jan's later change is refused the same way; an edit of what is as it was shown is written in
the editor's name, and an undo and redo of one's own edit pass their checks. The pages send what they
showed: typed over jan's change, the edit is refused and his value shown."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select
import test_edit_conflicts_more as more
from conflict_contract import CONTRACT
from conflict_contract import expected_or_none
from test_edit_conflicts_more import UNCHECKED, Kind, Target

from app.formatting import format_date, format_money
from app.models import Ambition, BudgetGroup, BudgetLine, Plan
from app.models.actuals import ActualEntry, LineForecast
from app.models.indicators import IndicatorTarget, IndicatorUnit, IndicatorValue
from app.services import actuals, ambitions, indicators

# The same fixtures: anna's and jan's workspaces (pair), the clock.
amsterdam, pair = more.amsterdam, more.pair

ACTUALS_SHOWS = "de realisatie toont nu de nieuwe waarden"



def first_line(ws, plan: int) -> tuple[int, str, int]:
    """(line id, its name, the plan's first own year)."""
    with ws.session() as s:
        line = s.scalars(select(BudgetLine).join(BudgetLine.group).where(BudgetGroup.plan_id == plan)
                         .order_by(BudgetGroup.position, BudgetLine.position, BudgetLine.id)).first()
        return line.id, line.name, s.get(Plan, plan).own_years[0]


# --- Realisatie: a booking's fields, a line's typed forecast -----------------------------------------

class EntryField(Kind):
    """One field of a booking on the plan's first line."""
    in_plan = False  # bookkeeping, not plan content: its log entries name no plan

    table, shows = "actual_entry", ACTUALS_SHOWS
    field: str

    def prepare(self, ws, plan):
        line, name, year = first_line(ws, plan)
        self.year = year
        (entry,) = actuals.add_entries(ws, plan, [actuals.EntryValues(
            year, date(year, 3, 1), Decimal("1000.00"), line, description="Factuur drukwerk", reference="F-1")])
        self.name = f"boeking van {format_date(date(year, 3, 1))} op “{name}”"
        self.seen = self.read(ws, Target(plan, entry))
        return Target(plan, entry, name=self.name)

    def read(self, ws, t):
        with ws.session() as s:
            return getattr(s.get(ActualEntry, t.row), self.field)

    def write(self, ws, t, value, expected=UNCHECKED):
        actuals.set_entry_fields(ws, t.row, None if expected is UNCHECKED else {self.field: expected},
                                 **{self.field: value})

    def command(self, context, t, value, seen):
        from app.views.actuals.actuals_commands import entry_fields_command

        return entry_fields_command(context, t.plan, t.row, "Boeking wijzigen", {self.field: seen},
                                    **{self.field: value})


class EntryAmount(EntryField):
    field = "amount"
    theirs, mine = Decimal("1250.00"), Decimal("1100.50")

    def item(self, t, now, was):
        return f"Het bedrag van {t.name} is nu {format_money(now)} (u zag {format_money(was)})"


class EntryDescription(EntryField):
    field = "description"
    theirs, mine = "Factuur drukwerk januari", "Factuur drukwerk (deel 1)"

    def item(self, t, now, was):
        return f"De omschrijving van de boeking is nu “{now}” (u zag “{was}”)"


class EntryReference(EntryField):
    field = "reference"
    theirs, mine = "F-2", "F-1a"

    def item(self, t, now, was):
        return f"Het kenmerk van {t.name} is nu “{now}” (u zag “{was}”)"


class EntryDate(EntryField):
    field = "booked_on"

    def prepare(self, ws, plan):
        target = super().prepare(ws, plan)
        self.theirs, self.mine = date(self.year, 4, 1), date(self.year, 5, 1)
        return target

    def item(self, t, now, was):
        # the booking is named by its date as it is now
        return (f"De datum van boeking van {format_date(now)} op “{t.name.split('“')[1][:-1]}” is nu "
                f"{format_date(now)} (u zag {format_date(was)})")


class Forecast(Kind):
    """A line's typed forecast for a year (None: none typed, the linear one shown)."""
    in_plan = False  # bookkeeping, not plan content: its log entries name no plan

    table, shows = "line_forecast", ACTUALS_SHOWS
    theirs, mine = Decimal("60000.00"), Decimal("45000.00")
    seen = None

    def prepare(self, ws, plan):
        line, name, year = first_line(ws, plan)
        self.year, self.name = year, name
        return Target(plan, line, name=name)

    def key(self, t):
        return f"{t.row}/{self.year}"

    def read(self, ws, t):
        with ws.session() as s:
            return s.scalar(select(LineForecast.amount).where(LineForecast.line_id == t.row,
                                                              LineForecast.year == self.year))

    def write(self, ws, t, value, expected=UNCHECKED):
        actuals.set_line_forecast(ws, t.row, self.year, value,
                                  None if expected is UNCHECKED else {"amount": expected})

    def command(self, context, t, value, seen):
        from app.views.actuals.actuals_commands import forecast_command

        return forecast_command(context, t.plan, t.row, self.year, value, "Prognose", seen, True)

    def item(self, t, now, was):
        def show(amount):
            return "leeg" if amount is None else format_money(amount)

        return f"De prognose van post “{self.name}” voor {self.year} is nu {show(now)} (u zag {show(was)})"


# --- ambitions: the region's list -----------------------------------------------------------------

class AmbitionText(Kind):
    in_plan = False  # the region's: its log entries belong to no plan
    table, shows = "ambition", "de lijst van ambities toont nu de nieuwe waarden"
    seen = "Minder wachttijd in de jeugdzorg"
    theirs, mine = "Kortere wachttijd in de jeugdzorg", "Geen wachtlijsten in de jeugdzorg"

    def prepare(self, ws, plan):
        with ws.session() as s:
            region = s.get(Plan, plan).region_id
        return Target(plan, ambitions.add_ambition(ws, region, self.seen))

    def read(self, ws, t):
        with ws.session() as s:
            return s.get(Ambition, t.row).text

    def write(self, ws, t, value, expected=UNCHECKED):
        ambitions.rename_ambition(ws, t.row, value, expected_or_none(expected))

    def command(self, context, t, value, seen):
        from app.views.projects.project_commands import rename_ambition_command

        return rename_ambition_command(context, t.row, value, "Ambitie hernoemen", seen)

    def item(self, t, now, was):
        return f"De tekst van de ambitie is nu “{now}” (u zag “{was}”)"


# --- the monitor: an indicator's values, notes and targets ----------------------------------------

MONITOR_SHOWS = "de monitor toont nu de nieuwe waarden"


class IndicatorKind(Kind):
    """A value of the whole in 2023 of an indicator in days (None: none)."""
    in_plan = False  # the region's monitor: its log entries belong to no plan

    shows = MONITOR_SHOWS
    year = 2023

    def prepare(self, ws, plan):
        with ws.session() as s:
            region = s.get(Plan, plan).region_id
        indicator = indicators.add_indicator(ws, region, "Wachttijd jeugdzorg", IndicatorUnit.DAYS)
        indicators.set_value(ws, indicator, self.year, Decimal("12"), note="gemiddeld")
        indicators.set_target(ws, indicator, self.year, Decimal("10"))
        return Target(plan, indicator)

    def key(self, t):
        return f"{t.row}/{self.year}" if self.table == "indicator_target" else f"{t.row}//{self.year}"

    def days(self, value):
        return "leeg" if value is None else indicators.format_value(value, IndicatorUnit.DAYS)


class IndicatorWhole(IndicatorKind):
    table = "indicator_value"
    seen, theirs, mine = Decimal("12.00"), Decimal("14.00"), None  # anna clears it

    def read(self, ws, t):
        with ws.session() as s:
            return s.scalar(select(IndicatorValue.value).where(IndicatorValue.indicator_id == t.row,
                                                               IndicatorValue.year == self.year))

    def write(self, ws, t, value, expected=UNCHECKED):
        indicators.set_value(ws, t.row, self.year, value, "", None,
                             None if expected is UNCHECKED else {"value": expected})

    def command(self, context, t, value, seen):
        from app.views.monitor import monitor_commands

        return monitor_commands.set_value(context, t.row, self.year, value, "", "Waarde", seen={"value": seen})

    def item(self, t, now, was):
        return (f"De waarde van indicator “Wachttijd jeugdzorg” in {self.year} is nu {self.days(now)} "
                f"(u zag {self.days(was)})")


class IndicatorNote(IndicatorKind):
    table = "indicator_value"
    seen, theirs, mine = "gemiddeld", "mediaan", "gemiddeld over het jaar"

    def read(self, ws, t):
        with ws.session() as s:
            return s.scalar(select(IndicatorValue.note).where(IndicatorValue.indicator_id == t.row,
                                                              IndicatorValue.year == self.year))

    def write(self, ws, t, value, expected=UNCHECKED):
        indicators.set_value(ws, t.row, self.year, Decimal("12"), "", value,
                             None if expected is UNCHECKED else {"value": Decimal("12"), "note": expected})

    def command(self, context, t, value, seen):
        from app.views.monitor import monitor_commands

        return monitor_commands.set_value(context, t.row, self.year, Decimal("12"), "", "Toelichting", note=value,
                                          seen={"value": Decimal("12"), "note": seen})

    def item(self, t, now, was):
        return (f"De toelichting bij indicator “Wachttijd jeugdzorg” in {self.year} is nu “{now}” "
                f"(u zag “{was}”)")


class IndicatorGoal(IndicatorKind):
    table = "indicator_target"
    seen, theirs, mine = Decimal("10.00"), Decimal("8.00"), Decimal("9.00")

    def read(self, ws, t):
        with ws.session() as s:
            return s.scalar(select(IndicatorTarget.value).where(IndicatorTarget.indicator_id == t.row,
                                                                IndicatorTarget.year == self.year))

    def write(self, ws, t, value, expected=UNCHECKED):
        indicators.set_target(ws, t.row, self.year, value, None if expected is UNCHECKED else {"value": expected})

    def command(self, context, t, value, seen):
        from app.views.monitor import monitor_commands

        return monitor_commands.set_target(context, t.row, self.year, value, "Streefwaarde", seen, True)

    def item(self, t, now, was):
        return (f"De streefwaarde van indicator “Wachttijd jeugdzorg” in {self.year} is nu {self.days(now)} "
                f"(u zag {self.days(was)})")


KINDS = {kind.__name__: kind for kind in (EntryAmount, EntryDescription, EntryReference, EntryDate, Forecast,
                                          AmbitionText, IndicatorWhole, IndicatorNote, IndicatorGoal)}


@pytest.fixture(params=list(KINDS))
def kind(request) -> Kind:
    return KINDS[request.param]()


# The contract every kind keeps (tests/conflict_contract.py), collected here for this module's kinds.
globals().update({test.__name__: test for test in CONTRACT})

# --- the tests: as tests/test_edit_conflicts_more.py's, for these kinds ------------------------------











# --- the pages pass what they showed: typed over jan's change, refused and his shown ----------------

on_screen = more.on_screen


def test_the_bookings_table_sends_what_it_showed(on_screen):
    from app.views.actuals.actuals_page import ActualsPage
    from app.views.actuals.entries_model import AMOUNT

    context, theirs, plan, make = on_screen
    kind = EntryAmount()
    t = kind.prepare(context.workspace, plan)
    page = make(ActualsPage, plan, "", "plan")
    model = page.model
    model.reload()
    row = model.row_of(t.row)
    kind.write(theirs, t, kind.theirs)
    more.refused_over_jan(model.set_texts([(row, AMOUNT, "1100,50")]), kind.item(t, kind.theirs, kind.seen),
                          kind.shows)
    assert model.rows[model.row_of(t.row)].amount == kind.theirs  # read again: jan's
    assert kind.read(context.workspace, t) == kind.theirs


def test_the_depletion_table_sends_the_forecast_it_showed(on_screen):
    from app.views.actuals.actuals_page import ActualsPage

    context, theirs, plan, make = on_screen
    kind = Forecast()
    t = kind.prepare(context.workspace, plan)
    page = make(ActualsPage, plan, "", "plan")
    page.set_year(kind.year)
    page.reload_depletion()
    kind.write(theirs, t, kind.theirs)  # jan types a forecast the page does not show yet
    from app.views.actuals.depletion_model import FORECAST

    model = page.depletion_model
    row = next(i for i, r in enumerate(model.rows) if r[0] == "line" and r[1].id == t.row)
    message = model.set_texts([(row, FORECAST, "45.000")])
    more.refused_over_jan(message, kind.item(t, kind.theirs, None), kind.shows)
    assert kind.read(context.workspace, t) == kind.theirs


def test_the_monitor_table_sends_what_it_showed(on_screen):
    from app.views.monitor.monitor_page import MonitorPage

    context, theirs, plan, make = on_screen
    value, goal = IndicatorWhole(), IndicatorGoal()
    t = value.prepare(context.workspace, plan)
    with context.workspace.session() as s:
        region = s.get(Plan, plan).region_id
    page = make(MonitorPage, region)
    page.choose(t.row)
    model = page.model
    value.write(theirs, t, value.theirs)
    more.refused_over_jan(model.set_texts([(model.row_of("whole"), model.column_of(value.year), "13")]),
                          value.item(t, value.theirs, value.seen), value.shows)
    assert value.read(context.workspace, t) == value.theirs
    assert model.table.whole[value.year] == value.theirs  # read again: jan's

    goal.write(theirs, t, goal.theirs)
    more.refused_over_jan(model.set_texts([(model.row_of("target"), model.column_of(goal.year), "9")]),
                          goal.item(t, goal.theirs, goal.seen), goal.shows)
    assert goal.read(context.workspace, t) == goal.theirs


def test_the_ambitions_list_sends_the_text_it_showed(on_screen):
    from app.views.projects.ambitions import AmbitionsDialog

    context, theirs, plan, make = on_screen
    kind = AmbitionText()
    t = kind.prepare(context.workspace, plan)
    with context.workspace.session() as s:
        region = s.get(Plan, plan).region_id
    dialog = make(AmbitionsDialog, region)
    dialog.select(t.row)
    kind.write(theirs, t, kind.theirs)
    assert dialog.rename(kind.mine) is False
    more.refused_over_jan(dialog.message.text(), kind.item(t, kind.theirs, kind.seen), kind.shows)
    assert dialog.list.currentItem().text() == kind.theirs  # read again: jan's
    assert kind.read(context.workspace, t) == kind.theirs
