"""Recurring actions (issue 21, point 1): a recurrence typed in the due cell ("maandelijks"),
shown with its next occurrence, and a status per occurrence that an undo puts back; overdue per
occurrence once it has ended unachieved."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from app.models import ActionOccurrence, ActionStatus
from app.services import project_edit, recurring
from app.services.edit_errors import EditError
from app.services.progress import project_actions


def occurrences(workspace, action_id, today):
    return recurring.load_recurring(workspace, action_id, today).occurrences


def shown_due(workspace, project_id, action_id, today):
    with workspace.session() as session:
        return next(a for a in project_actions(session, project_id, today) if a.id == action_id)


def test_monthly_typed_in_the_due_cell_recurs_over_the_plan_year(draft_action):
    workspace, _plan, project, action = draft_action
    project_edit.set_action_fields(workspace, action, due="maandelijks")
    found = occurrences(workspace, action, date(2022, 11, 3))
    assert [o.text for o in found][:2] == ["januari 2022", "februari 2022"]
    assert len(found) == 12 and found[-1].text == "december 2022"
    assert [o.text for o in found if o.upcoming] == ["november 2022"]
    row = shown_due(workspace, project, action, date(2022, 11, 3))
    assert row.due == "maandelijks van 01-2022 t/m 12-2022"  # as typed back, and printed
    assert row.due_shown == "maandelijks t/m 31-12-2022 · volgende: november 2022"
    assert not row.overdue  # the series runs to the end of the year
    after = shown_due(workspace, project, action, date(2023, 1, 2))
    assert after.due_shown.endswith("· afgelopen") and after.overdue


def test_a_quarterly_recurrence_with_a_start_and_an_end(draft_action):
    workspace, _plan, _project, action = draft_action
    project_edit.set_action_fields(workspace, action, due="elk kwartaal vanaf april 2022 tot en met 2023")
    found = occurrences(workspace, action, date(2022, 1, 1))
    assert [o.text for o in found] == ["Q2 2022", "Q3 2022", "Q4 2022", "Q1 2023", "Q2 2023", "Q3 2023",
                                       "Q4 2023"]


def test_each_occurrence_has_its_own_status_and_an_ended_unachieved_one_is_overdue(draft_action):
    workspace, _plan, _project, action = draft_action
    project_edit.set_action_fields(workspace, action, due="maandelijks")
    today = date(2022, 4, 10)
    assert recurring.record_occurrence(workspace, action, date(2022, 1, 1), ActionStatus.ACHIEVED,
                                       "verstuurd", today=today) is None
    recurring.record_occurrence(workspace, action, date(2022, 3, 1), ActionStatus.IN_PROGRESS, today=today)
    found = {o.text: o for o in occurrences(workspace, action, today)}
    assert (found["januari 2022"].status, found["januari 2022"].remark) == (ActionStatus.ACHIEVED, "verstuurd")
    assert not found["januari 2022"].overdue  # achieved
    assert found["februari 2022"].status is ActionStatus.UNKNOWN and found["februari 2022"].overdue
    assert found["maart 2022"].overdue  # ended, only in progress
    assert not found["april 2022"].overdue and found["april 2022"].upcoming  # not ended yet
    assert found["februari 2022"].recorded_on is None and found["maart 2022"].recorded_on == today


def test_the_undo_of_an_occurrence_s_status_puts_back_what_was_there(draft_action):
    workspace, _plan, _project, action = draft_action
    project_edit.set_action_fields(workspace, action, due="maandelijks")
    first = recurring.record_occurrence(workspace, action, date(2022, 5, 1), ActionStatus.IN_PROGRESS, "bezig",
                                        today=date(2022, 5, 2))
    second = recurring.record_occurrence(workspace, action, date(2022, 5, 1), ActionStatus.ACHIEVED,
                                         today=date(2022, 5, 20))
    assert first is None and second == (ActionStatus.IN_PROGRESS, "bezig", date(2022, 5, 2))
    may = next(o for o in occurrences(workspace, action, date(2022, 6, 1)) if o.text == "mei 2022")
    assert (may.status, may.remark) == (ActionStatus.ACHIEVED, "bezig")  # the remark kept
    recurring.restore_occurrence(workspace, action, date(2022, 5, 1), second)
    may = next(o for o in occurrences(workspace, action, date(2022, 6, 1)) if o.text == "mei 2022")
    assert (may.status, may.recorded_on) == (ActionStatus.IN_PROGRESS, date(2022, 5, 2))
    recurring.restore_occurrence(workspace, action, date(2022, 5, 1), first)
    with workspace.session() as s:
        assert s.scalar(select(func.count()).select_from(ActionOccurrence)) == 0


def test_a_day_that_starts_no_occurrence_is_refused_and_nothing_is_written(draft_action):
    workspace, _plan, _project, action = draft_action
    project_edit.set_action_fields(workspace, action, due="elk kwartaal")
    with pytest.raises(EditError, match="geen keer die begint op 01-02-2022"):
        recurring.record_occurrence(workspace, action, date(2022, 2, 1), ActionStatus.ACHIEVED)
    with workspace.session() as s:
        assert s.scalar(select(func.count()).select_from(ActionOccurrence)) == 0


def test_an_action_that_does_not_recur_has_no_occurrences(draft_action):
    workspace, _plan, _project, action = draft_action
    project_edit.set_action_fields(workspace, action, due="Q4")
    with pytest.raises(EditError, match="herhaalt zich niet"):
        recurring.load_recurring(workspace, action)
    with pytest.raises(EditError, match="herhaalt zich niet"):
        recurring.record_occurrence(workspace, action, date(2022, 10, 1), ActionStatus.ACHIEVED)


@pytest.mark.parametrize("typed, message", [
    ("maandelijks tot vanaf 2023", "“tot” heeft een eind nodig"),
    ("maandelijks van juni 2022 tot en met maart 2022", "ligt voor het begin"),
    ("elk kwartaal op dinsdag", "na hoe vaak volgt"),
])
def test_a_recurrence_that_cannot_be_read_is_refused_in_dutch_and_the_due_kept(draft_action, typed, message):
    workspace, _plan, project, action = draft_action
    project_edit.set_action_fields(workspace, action, due="Q4")
    with pytest.raises(EditError, match=message):
        project_edit.set_action_fields(workspace, action, due=typed)
    assert shown_due(workspace, project, action, date(2022, 1, 1)).due == "Q4 2022"


def test_deleting_a_recurring_action_and_undoing_it_brings_back_its_statuses(draft_action):
    workspace, _plan, _project, action = draft_action
    project_edit.set_action_fields(workspace, action, due="maandelijks")
    recurring.record_occurrence(workspace, action, date(2022, 2, 1), ActionStatus.ACHIEVED, "klaar",
                                today=date(2022, 3, 1))
    snapshot = project_edit.delete_action(workspace, action)
    with workspace.session() as s:
        assert s.scalar(select(func.count()).select_from(ActionOccurrence)) == 0
    project_edit.restore(workspace, snapshot)
    feb = next(o for o in occurrences(workspace, action, date(2022, 3, 1)) if o.text == "februari 2022")
    assert (feb.status, feb.remark) == (ActionStatus.ACHIEVED, "klaar")


def test_an_adopted_amendment_takes_the_occurrence_statuses_and_the_undo_gives_them_back(draft_action):
    from app.models import Action
    from app.services.adoption import adopt_plan, restore_adoption
    from app.services.plan_copy import create_amendment

    workspace, plan, _project, action = draft_action
    project_edit.set_action_fields(workspace, action, due="elk kwartaal")
    adopt_plan(workspace, plan, "15-01-2022", "BOJ")  # the amendment with the recurrence, adopted
    recurring.record_occurrence(workspace, action, date(2022, 1, 1), ActionStatus.ACHIEVED, "Q1 gedaan",
                                today=date(2022, 4, 1))  # progress on an adopted plan: allowed
    second = create_amendment(workspace, plan)
    state = adopt_plan(workspace, second, "15-05-2022", "BOJ")
    with workspace.session() as s:
        copy = s.scalars(select(Action.id).where(Action.copied_from_id == action)).one()
    q1 = occurrences(workspace, copy, date(2022, 5, 20))[0]
    assert (q1.text, q1.status, q1.remark) == ("Q1 2022", ActionStatus.ACHIEVED, "Q1 gedaan")
    assert occurrences(workspace, action, date(2022, 5, 20))[0].status is ActionStatus.UNKNOWN
    restore_adoption(workspace, second, state)
    assert occurrences(workspace, action, date(2022, 5, 20))[0].remark == "Q1 gedaan"


def test_monthly_then_quarterly_typed_in_the_due_cell(draft_action):
    workspace, _plan, project, action = draft_action
    project_edit.set_action_fields(workspace, action, due="maandelijks tot en met juni 2022, daarna elk kwartaal")
    found = occurrences(workspace, action, date(2022, 7, 15))
    assert [o.text for o in found][-3:] == ["juni 2022", "Q3 2022", "Q4 2022"]
    recurring.record_occurrence(workspace, action, date(2022, 7, 1), ActionStatus.IN_PROGRESS,
                                today=date(2022, 7, 15))
    assert occurrences(workspace, action, date(2022, 7, 15))[6].status is ActionStatus.IN_PROGRESS
    row = shown_due(workspace, project, action, date(2022, 7, 15))
    assert row.due_shown == "maandelijks, daarna elk kwartaal t/m 31-12-2022 · volgende: Q3 2022"
