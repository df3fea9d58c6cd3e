"""Reporting moments and the status history (issue 21, point 2): statuses recorded per moment,
earlier moments readable as they were, what changed since the previous moment (new, improved,
worsened, achieved, unchanged), catching up on an earlier moment dated as such, the traffic light
per project per moment, and the refusals in Dutch."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from app.models import Action, ActionStatus, Chapter, Plan, Project
from app.services.edit_errors import EditError
from app.services.moments import (
    ACHIEVED,
    IMPROVED,
    NEW,
    UNCHANGED,
    WORSENED,
    add_moment,
    changes_since_previous,
    delete_moment,
    plan_moments,
    project_lights_at,
    record_status,
    restore_moment,
    restore_record,
    statuses_at,
)
from app.services.plan_copy import create_amendment
from app.services.plans import find_plan

S = ActionStatus


def plan_and_actions(ws) -> tuple[int, list[int]]:
    with ws.session() as s:
        plan = find_plan(s, 2022)
        actions = list(s.scalars(select(Action.id).join(Action.project).join(Project.chapter)
                                 .where(Chapter.plan_id == plan.id).order_by(Action.id)))
        return plan.id, actions


def three_moments(ws):
    pid, (a, b, c, d, *_rest) = plan_and_actions(ws)
    march = add_moment(ws, pid, date(2022, 3, 1), "Voortgangsrapportage 1 maart 2022")
    july = add_moment(ws, pid, date(2022, 7, 1))
    november = add_moment(ws, pid, date(2022, 11, 1), "Stand november")
    day = date(2022, 3, 2)
    record_status(ws, a, march, S.IN_PROGRESS, "gestart", today=day)
    record_status(ws, b, march, S.IN_PROGRESS, today=day)
    record_status(ws, c, march, S.UNKNOWN, today=day)
    day = date(2022, 7, 3)
    record_status(ws, a, july, S.ACHIEVED, "klaar", today=day)
    record_status(ws, b, july, S.NOT_ACHIEVED, "vertraagd", today=day)
    record_status(ws, d, july, S.IN_PROGRESS, today=day)  # first reported in July
    day = date(2022, 11, 2)
    record_status(ws, b, november, S.IN_PROGRESS, today=day)
    record_status(ws, c, november, S.UNKNOWN, today=day)
    return pid, (a, b, c, d), (march, july, november)


def test_a_status_history_over_three_moments_reports_exactly_what_changed(ws):
    pid, (a, b, c, d), (march, july, november) = three_moments(ws)
    with ws.session() as s:
        plan = s.get(Plan, pid)
        assert [m.name for m in plan_moments(s, plan)] == [
            "Voortgangsrapportage 1 maart 2022", "Stand op 01-07-2022", "Stand november"]
        first = {ch.action_id: ch.kind for ch in changes_since_previous(s, plan, march)}
        second = {ch.action_id: (ch.before, ch.after, ch.kind) for ch in changes_since_previous(s, plan, july)}
        third = {ch.action_id: (ch.before, ch.after, ch.kind) for ch in changes_since_previous(s, plan, november)}
    assert first == {a: NEW, b: NEW, c: NEW}  # the first moment: every reported action is new
    assert second == {a: (S.IN_PROGRESS, S.ACHIEVED, ACHIEVED), b: (S.IN_PROGRESS, S.NOT_ACHIEVED, WORSENED),
                      c: (S.UNKNOWN, S.UNKNOWN, UNCHANGED), d: (None, S.IN_PROGRESS, NEW)}
    # November: a and d not looked at again (as they were in July), b better again, c the same.
    assert third == {a: (S.ACHIEVED, S.ACHIEVED, UNCHANGED), b: (S.NOT_ACHIEVED, S.IN_PROGRESS, IMPROVED),
                     c: (S.UNKNOWN, S.UNKNOWN, UNCHANGED), d: (S.IN_PROGRESS, S.IN_PROGRESS, UNCHANGED)}


def test_earlier_moments_stay_readable_as_they_were(ws):
    pid, (a, b, c, d), (march, july, november) = three_moments(ws)
    with ws.session() as s:
        plan = s.get(Plan, pid)
        at_march, at_july = statuses_at(s, plan, march), statuses_at(s, plan, july)
    assert (at_march[a].status, at_march[a].remark) == (S.IN_PROGRESS, "gestart")
    assert (at_july[a].status, at_july[a].remark) == (S.ACHIEVED, "klaar")
    assert at_march[d].status is S.UNKNOWN and at_march[d].moment_id is None  # not reported yet
    assert at_july[b].light == "red" and at_march[b].light == "orange"


def test_the_latest_record_is_the_action_s_status_catching_up_on_an_earlier_one_is_not(ws):
    pid, (a, b, c, d), (march, july, november) = three_moments(ws)
    with ws.session() as s:
        assert s.get(Action, b).status is S.IN_PROGRESS  # November's
        assert s.get(Action, a).status is S.ACHIEVED  # July's: no later record
    # Catching up: a status for March entered on 5 December, dated as such; the current status stays.
    old = record_status(ws, d, march, S.NOT_ACHIEVED, "alsnog ingevuld", today=date(2022, 12, 5))
    assert old is None
    with ws.session() as s:
        plan = s.get(Plan, pid)
        caught_up = statuses_at(s, plan, march)[d]
        assert caught_up.status is S.NOT_ACHIEVED and caught_up.recorded_on == date(2022, 12, 5)
        assert s.get(Action, d).status is S.IN_PROGRESS
        july_changes = {ch.action_id: ch.kind for ch in changes_since_previous(s, plan, july)}
    assert july_changes[d] == IMPROVED  # not achieved in March (caught up), in progress in July
    restore_record(ws, d, march, old)
    with ws.session() as s:
        assert statuses_at(s, s.get(Plan, pid), march)[d].moment_id is None


def test_an_adopted_plan_takes_records(ws):
    pid, (a, *_rest) = plan_and_actions(ws)
    with ws.session() as s:
        assert s.get(Plan, pid).is_read_only
    moment = add_moment(ws, pid, date(2022, 7, 1))
    record_status(ws, a, moment, S.ACHIEVED, today=date(2022, 7, 2))
    with ws.session() as s:
        assert statuses_at(s, s.get(Plan, pid), moment)[a].status is S.ACHIEVED


def test_the_traffic_light_per_project_per_moment(ws):
    pid, (a, b, c, d), (march, july, november) = three_moments(ws)
    with ws.session() as s:
        plan = s.get(Plan, pid)
        project_of = dict(s.execute(select(Action.id, Action.project_id).where(Action.id.in_([a, b, c, d]))).all())
        at_march, at_july = project_lights_at(s, plan, march), project_lights_at(s, plan, july)
    project = project_of[a]
    assert at_march[project][S.IN_PROGRESS] >= 1 and at_july[project][S.ACHIEVED] >= 1
    assert sum(sum(c.values()) for c in at_july.values()) == len(plan_and_actions(ws)[1])  # every action counted


def test_refusals_in_dutch(ws):
    pid, (a, *_rest) = plan_and_actions(ws)
    moment = add_moment(ws, pid, date(2022, 7, 1), "Juli")
    with pytest.raises(EditError, match="Er is al een peilmoment op 01-07-2022: “Juli”"):
        add_moment(ws, pid, date(2022, 7, 1))
    with pytest.raises(EditError, match="heeft een datum nodig"):
        add_moment(ws, pid, None)
    with pytest.raises(EditError, match="Kies een status"):
        record_status(ws, a, moment, "behaald")
    other = create_amendment(ws, pid)
    other_moment = add_moment(ws, other, date(2022, 7, 1))
    with pytest.raises(EditError, match="hoort bij een ander plan"):
        record_status(ws, a, other_moment, S.ACHIEVED)
    with pytest.raises(EditError, match="bestaat niet meer"):
        record_status(ws, a, 999999, S.ACHIEVED)
    with pytest.raises(EditError, match="bestaat niet meer"):
        record_status(ws, 999999, moment, S.ACHIEVED)


def test_a_deleted_moment_comes_back_with_its_records(ws):
    pid, (a, b, c, d), (march, july, november) = three_moments(ws)
    snapshot = delete_moment(ws, july)
    with ws.session() as s:
        plan = s.get(Plan, pid)
        assert [m.id for m in plan_moments(s, plan)] == [march, november]
        november_changes = {ch.action_id: ch.before for ch in changes_since_previous(s, plan, november)}
    assert november_changes[b] is S.IN_PROGRESS  # compared with March now
    restore_moment(ws, snapshot)
    with ws.session() as s:
        plan = s.get(Plan, pid)
        assert [m.id for m in plan_moments(s, plan)] == [march, july, november]
        assert statuses_at(s, plan, july)[b].remark == "vertraagd"


def test_the_summary_json_lists_the_moments_with_statuses_and_changes(ws):
    from app.services.summary import plan_summary

    pid, (a, b, c, d), _moments = three_moments(ws)
    actions = len(plan_and_actions(ws)[1])
    moments = plan_summary(ws, 2022)["moments"]
    assert [(m["name"], m["as_of"], m["recorded"]) for m in moments] == [
        ("Voortgangsrapportage 1 maart 2022", "2022-03-01", 3), ("Stand op 01-07-2022", "2022-07-01", 3),
        ("Stand november", "2022-11-01", 2)]
    july = moments[1]
    assert july["statuses"] == {"onbekend": actions - 3, "in behandeling": 1, "behaald": 1, "niet behaald": 1}
    assert july["changes_since_previous"] == {"nieuw": 1, "verbeterd": 0, "verslechterd": 1, "behaald": 1,
                                              "ongewijzigd": 1}
    assert moments[0]["changes_since_previous"]["nieuw"] == 3
