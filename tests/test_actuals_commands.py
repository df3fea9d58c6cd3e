"""The undo steps of the Realisatie page (issue 20), without a widget: each applied through
``execute`` as the page does, the file checked, undone, checked again, redone; the change each
announces (ChangeKind.ACTUALS) follows the bookings and leaves the budget's figures alone."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from app.models import BudgetGroup, BudgetLine, FundingSource
from app.models.actuals import ActualEntry, ActualKind
from app.services.actuals import EntryValues
from app.services.plans import find_plan
from app.services.workspace import open_workspace
from app.views.actuals.actuals_commands import AddEntriesCommand, delete_entries_command, entry_fields_command
from app.views.changes import AFFECTS, Change, ChangeKind, Part
from app.views.commands import execute

D = Decimal


@pytest.fixture
def context(qapp, demo_workspace, tmp_path):
    from app.views.context import ApplicationContext
    from app.views.settings import SettingsStore

    context = ApplicationContext(open_workspace(demo_workspace), SettingsStore.at(tmp_path / "s.ini"))
    context.announced = []
    context.changed.connect(context.announced.append)
    context.errors = []
    context.error_reported.connect(context.errors.append)
    yield context
    context.close()


@pytest.fixture
def plan(context):
    with context.workspace.session() as s:
        plan = find_plan(s, 2022)
        lines = list(s.scalars(select(BudgetLine.id).join(BudgetLine.group).where(BudgetGroup.plan_id == plan.id)
                               .order_by(BudgetLine.id)))
        source = s.scalars(select(FundingSource.id).where(FundingSource.plan_id == plan.id)).first()
        return plan.id, lines, source


def bookings(context) -> dict[int, tuple]:
    with context.workspace.session() as s:
        return {e.id: (e.line_id, e.source_id, e.kind, e.year, e.booked_on, e.amount, e.description, e.reference)
                for e in s.scalars(select(ActualEntry))}


def three(plan) -> list[EntryValues]:
    _pid, lines, source = plan
    return [EntryValues(2022, date(2022, 3, 1), D("1000.00"), lines[0], description="factuur", reference="F-1"),
            EntryValues(2022, date(2022, 4, 1), D("-250.50"), lines[1], kind=ActualKind.COMMITTED),
            EntryValues(2022, date(2022, 5, 1), D("5000.00"), None, source, description="ontvangen")]


def test_added_bookings_are_one_step_undone_and_redone_with_the_same_ids(context, plan):
    pid = plan[0]
    command = AddEntriesCommand(context, pid, three(plan), "3 boekingen plakken")
    assert execute(context, command) is None
    after = bookings(context)
    assert sorted(after) == sorted(command.ids) and len(after) == 3
    assert after[command.ids[1]][2] is ActualKind.COMMITTED and after[command.ids[1]][5] == D("-250.50")
    assert context.undo_stack.count() == 1 and context.undo_stack.undoText() == "3 boekingen plakken"
    assert context.announced[-1] == Change(pid, ChangeKind.ACTUALS)
    context.undo_stack.undo()
    assert bookings(context) == {}
    assert context.announced[-1] == Change(pid, ChangeKind.ACTUALS)
    context.undo_stack.redo()
    assert bookings(context) == after  # the same ids, the same values
    assert context.errors == []


def test_a_refused_add_writes_nothing_and_is_not_on_the_stack(context, plan):
    pid, lines, _source = plan
    good = EntryValues(2022, date(2022, 3, 1), D("1.00"), lines[0])
    wrong = EntryValues(2030, date(2030, 3, 1), D("1.00"), lines[0])
    message = execute(context, AddEntriesCommand(context, pid, [good, wrong], "plakken"))
    assert message == "Rij 2: 2030 is geen begrotingsjaar van dit plan (2022–2023); boek op een van die jaren."
    assert bookings(context) == {} and context.undo_stack.count() == 0 and context.announced == []


def test_a_delete_is_undone_with_the_same_ids_and_redone(context, plan):
    pid = plan[0]
    add = AddEntriesCommand(context, pid, three(plan), "toevoegen")
    execute(context, add)
    before = bookings(context)
    assert execute(context, delete_entries_command(context, pid, add.ids[:2], "2 boekingen verwijderen")) is None
    assert set(bookings(context)) == {add.ids[2]}
    context.undo_stack.undo()
    assert bookings(context) == before
    context.undo_stack.redo()
    assert set(bookings(context)) == {add.ids[2]}
    context.undo_stack.undo()
    context.undo_stack.undo()  # the add too: what was restored goes again
    assert bookings(context) == {}
    context.undo_stack.redo()
    context.undo_stack.redo()
    assert set(bookings(context)) == {add.ids[2]}


def test_a_changed_field_is_undone_and_redone(context, plan):
    pid, lines, _source = plan
    add = AddEntriesCommand(context, pid, three(plan), "toevoegen")
    execute(context, add)
    first = add.ids[0]
    command = entry_fields_command(context, pid, first, "Boeking wijzigen", amount=D("1100.00"), line_id=lines[2],
                                   source_id=None)
    assert execute(context, command) is None
    assert bookings(context)[first][0] == lines[2] and bookings(context)[first][5] == D("1100.00")
    context.undo_stack.undo()
    assert bookings(context)[first][0] == lines[0] and bookings(context)[first][5] == D("1000.00")
    context.undo_stack.redo()
    assert bookings(context)[first][5] == D("1100.00")
    # Refused (a verplichting on a funding source): a Dutch message, the booking as it was.
    refused = entry_fields_command(context, pid, add.ids[2], "x", kind=ActualKind.COMMITTED)
    assert "Een verplichting hoort bij een post" in execute(context, refused)
    assert bookings(context)[add.ids[2]][2] is ActualKind.REALISED and context.undo_stack.count() == 2


def test_an_undo_the_file_no_longer_allows_is_reported_and_dropped(context, plan):
    pid = plan[0]
    add = AddEntriesCommand(context, pid, three(plan)[:1], "toevoegen")
    execute(context, add)
    from app.services.actuals import delete_entries

    delete_entries(context.workspace, pid, add.ids)  # gone behind the command's back
    context.undo_stack.undo()
    assert context.errors == ["Deze boeking bestaat niet meer; misschien is ze al verwijderd."]
    assert context.undo_stack.count() == 0  # obsolete: the stack never claims a step the file did not take


def test_a_booking_makes_only_the_realisatie_stale(context, plan):
    pid = plan[0]
    change = Change(pid, ChangeKind.ACTUALS)
    assert change.affects(Part.ACTUALS_SHEET) and change.affects(Part.DEPLETION)
    for part in (Part.BUDGET_SHEET, Part.FUNDING_SHEET, Part.KEY_SHEET, Part.BUDGET_FIGURES, Part.CONTRIBUTIONS,
                 Part.NAVIGATION, Part.STAFFING_SHEETS, Part.PROJECT_FORM):
        assert not change.affects(part), part
    # Budget cells, lines and sources change the uitputting (and the names the bookings show).
    assert Change(pid, ChangeKind.CELLS).affects(Part.DEPLETION)
    assert Change(pid, ChangeKind.BUDGET_STRUCTURE).affects(Part.ACTUALS_SHEET)
    assert Change(pid, ChangeKind.FUNDING).affects(Part.ACTUALS_SHEET)
    assert not Change(pid, ChangeKind.KEY).affects(Part.DEPLETION)
    assert AFFECTS[ChangeKind.PLAN] >= {Part.ACTUALS_SHEET, Part.DEPLETION}
    # The context keeps every cached figure: the budget is not read again for a booking.
    context.budget_figures(pid), context.staffing_figures(pid)
    cached = set(context._figures)
    execute(context, AddEntriesCommand(context, pid, three(plan)[:1], "toevoegen"))
    assert set(context._figures) == cached
