"""An undone delete loses nothing that hangs on what was deleted (issues 20 and 21): a budget
line's bookings and typed forecast, a group's lines' bookings, a funding source's income, an
action's status records (the action, its project, its chapter) come back with their ids."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from app.models import Action, BudgetGroup, BudgetLine, Chapter, FundingSource, Plan, PlanKind, Project
from app.models.actuals import ActualEntry, LineForecast
from app.models.moments import StatusRecord
from app.models.plan import ActionStatus
from app.services import budget_edit, funding_edit, project_edit
from app.services.actuals import EntryValues, add_entries, set_line_forecast
from app.services.moments import add_moment, record_status
from app.services.plan_copy import create_amendment

D = Decimal


@pytest.fixture
def draft(ws):
    """A draft amendment of the demo plan: as a file, and on the PostgreSQL test server."""
    with ws.session() as s:
        adopted = s.scalars(select(Plan.id).where(Plan.kind == PlanKind.PLAN)).one()
    return ws, create_amendment(ws, adopted)


def rows(ws, model) -> dict[int, tuple]:
    with ws.session() as s:
        table = model.__table__
        return {r.id: tuple(r) for r in s.execute(select(table))}


def first_line(ws, plan) -> tuple[int, int]:
    with ws.session() as s:
        return s.execute(select(BudgetLine.id, BudgetLine.group_id).join(BudgetLine.group)
                         .where(BudgetGroup.plan_id == plan).order_by(BudgetLine.id)).first()


def test_a_deleted_line_comes_back_with_its_bookings_and_forecast(draft):
    ws, plan = draft
    line, _group = first_line(ws, plan)
    add_entries(ws, plan, [EntryValues(2022, date(2022, 3, 1), D("100.00"), line_id=line, reference="F-1"),
                           EntryValues(2022, date(2022, 4, 1), D("-20.00"), line_id=line)])
    set_line_forecast(ws, line, 2022, D("5000.00"))
    entries, forecasts = rows(ws, ActualEntry), rows(ws, LineForecast)
    snapshot = budget_edit.delete_line(ws, line)
    assert rows(ws, ActualEntry) == {} and rows(ws, LineForecast) == {}
    budget_edit.restore(ws, snapshot)
    assert rows(ws, ActualEntry) == entries and rows(ws, LineForecast) == forecasts


def test_a_deleted_group_comes_back_with_its_lines_bookings(draft):
    ws, plan = draft
    line, group = first_line(ws, plan)
    add_entries(ws, plan, [EntryValues(2022, date(2022, 3, 1), D("100.00"), line_id=line)])
    entries = rows(ws, ActualEntry)
    snapshot = budget_edit.delete_group(ws, group)
    assert rows(ws, ActualEntry) == {}
    budget_edit.restore(ws, snapshot)
    assert rows(ws, ActualEntry) == entries


def test_a_deleted_funding_source_comes_back_with_its_income(draft):
    ws, plan = draft
    with ws.session() as s:
        source = s.scalars(select(FundingSource.id).where(FundingSource.plan_id == plan)).first()
    add_entries(ws, plan, [EntryValues(2022, date(2022, 6, 1), D("50000.00"), source_id=source)])
    entries = rows(ws, ActualEntry)
    snapshot = funding_edit.delete_source(ws, source)
    assert rows(ws, ActualEntry) == {}
    funding_edit.restore_source(ws, snapshot)
    assert rows(ws, ActualEntry) == entries


@pytest.mark.parametrize("what", ["action", "project", "chapter"])
def test_a_deleted_action_project_or_chapter_comes_back_with_the_status_records(draft, what):
    ws, plan = draft
    with ws.session() as s:
        action, project, chapter = s.execute(
            select(Action.id, Action.project_id, Project.chapter_id).join(Action.project).join(Project.chapter)
            .where(Chapter.plan_id == plan).order_by(Action.id)).first()
    moment = add_moment(ws, plan, date(2022, 7, 1))
    record_status(ws, action, moment, ActionStatus.ACHIEVED, "klaar", today=date(2022, 7, 2))
    records = rows(ws, StatusRecord)
    delete = {"action": project_edit.delete_action, "project": project_edit.delete_project,
              "chapter": project_edit.delete_chapter}[what]
    snapshot = delete(ws, {"action": action, "project": project, "chapter": chapter}[what])
    assert rows(ws, StatusRecord) == {}
    project_edit.restore(ws, snapshot)
    assert rows(ws, StatusRecord) == records
