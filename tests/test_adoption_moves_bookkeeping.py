"""An adopted amendment takes over the year's bookkeeping (issues 20 and 21): the realisatie on
the plan's lines and sources, typed forecasts, reporting moments and their status records move to
the amendment's copies; what the amendment has no copy of stays on the superseded plan; undoing
the adoption moves everything back."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select

from app.models import Action, BudgetGroup, BudgetLine, Chapter, FundingSource, Plan, PlanKind, Project
from app.models.actuals import ActualEntry, LineForecast
from app.models.moments import ReportingMoment, StatusRecord
from app.models.plan import ActionStatus
from app.services import budget_edit
from app.services.actuals import EntryValues, add_entries, set_line_forecast
from app.services.adoption import adopt_plan, restore_adoption
from app.services.depletion import plan_depletion
from app.services.moments import add_moment, record_status, statuses_at
from app.services.plan_copy import create_amendment

D = Decimal


def lines_of(ws, plan_id) -> list[int]:
    with ws.session() as s:
        return list(s.scalars(select(BudgetLine.id).join(BudgetLine.group).where(BudgetGroup.plan_id == plan_id)
                              .order_by(BudgetLine.id)))


def snapshot(ws):
    with ws.session() as s:
        return ({e.id: (e.line_id, e.source_id) for e in s.scalars(select(ActualEntry))},
                {f.id: f.line_id for f in s.scalars(select(LineForecast))},
                {m.id: m.plan_id for m in s.scalars(select(ReportingMoment))},
                {r.id: r.action_id for r in s.scalars(select(StatusRecord))})


def test_the_adopted_amendment_takes_the_bookkeeping_and_the_undo_gives_it_back(ws):
    with ws.session() as s:
        adopted = s.scalars(select(Plan.id).where(Plan.kind == PlanKind.PLAN)).one()
        source = s.scalars(select(FundingSource.id).where(FundingSource.plan_id == adopted)).first()
        action = s.scalars(select(Action.id).join(Action.project).join(Project.chapter)
                           .where(Chapter.plan_id == adopted).order_by(Action.id)).first()
    first, second = lines_of(ws, adopted)[:2]
    add_entries(ws, adopted, [EntryValues(2022, date(2022, 3, 1), D("1000.00"), line_id=first),
                              EntryValues(2022, date(2022, 3, 2), D("250.00"), line_id=second),
                              EntryValues(2022, date(2022, 4, 1), D("5000.00"), source_id=source)])
    set_line_forecast(ws, first, 2022, D("9000.00"))
    moment = add_moment(ws, adopted, date(2022, 7, 1), "Juli")
    record_status(ws, action, moment, ActionStatus.ACHIEVED, today=date(2022, 7, 2))
    before = snapshot(ws)

    amendment = create_amendment(ws, adopted)
    copy_of = dict(zip(lines_of(ws, adopted), lines_of(ws, amendment)))
    budget_edit.delete_line(ws, copy_of[second])  # the amendment drops the second line
    state = adopt_plan(ws, amendment, "15-06-2022", "BOJ")

    entries, forecasts, moments, records = snapshot(ws)
    with ws.session() as s:
        new_source = s.scalars(select(FundingSource.id).where(FundingSource.copied_from_id == source)).one()
        new_action = s.scalars(select(Action.id).where(Action.copied_from_id == action)).one()
        amended = plan_depletion(s, s.get(Plan, amendment), as_of=date(2022, 7, 31))
        superseded = plan_depletion(s, s.get(Plan, adopted), as_of=date(2022, 7, 31))
        at_july = statuses_at(s, s.get(Plan, amendment), moment)
    assert sorted(entries.values(), key=str) == sorted([(copy_of[first], None), (second, None), (None, new_source)],
                                                       key=str)
    assert list(forecasts.values()) == [copy_of[first]]
    assert moments == {moment: amendment}
    assert list(records.values()) == [new_action]
    assert amended.total[2022].realised == D("1000.00") and amended.income[2022] == D("5000.00")
    assert superseded.total[2022].realised == D("250.00")  # no copy of its line: it stays
    assert at_july[new_action].status is ActionStatus.ACHIEVED

    restore_adoption(ws, amendment, state)
    assert snapshot(ws) == before


def test_a_moment_on_a_day_the_amendment_has_its_own_stays(ws):
    with ws.session() as s:
        adopted = s.scalars(select(Plan.id).where(Plan.kind == PlanKind.PLAN)).one()
    moment = add_moment(ws, adopted, date(2022, 7, 1), "Juli")
    amendment = create_amendment(ws, adopted)
    own = add_moment(ws, amendment, date(2022, 7, 1), "Juli (wijziging)")
    adopt_plan(ws, amendment, "15-07-2022", "BOJ")
    with ws.session() as s:
        assert s.get(ReportingMoment, moment).plan_id == adopted
        assert s.get(ReportingMoment, own).plan_id == amendment
