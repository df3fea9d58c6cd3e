"""The contract every kind of edit keeps with several editors at once (issue 22), written once:
tests/test_edit_conflicts_more.py, _rest.py and _last.py each define their kinds (a ``kind``
fixture of :class:`test_edit_conflicts_more.Kind`) and collect these tests by importing them.

Someone else is jan@kantoor-pc on a second workspace (the ``pair`` fixture). An edit of what jan
changed since it was shown is refused with a Dutch message naming it, what it is now, what was seen
and who changed it when, and nothing is written, not even to the change log; a row without log
entries names nobody; a stale command and an undo over jan's later change are refused and leave the
history; an edit of what is as shown is written and logged in the editor's name."""
from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import delete, select

from app.models import ChangeLog
from app.services import change_log
from app.services.edit_errors import ConflictError
from conftest import make_draft_amendment

ANNA, JAN = "anna@laptop-1", "jan@kantoor-pc"
AT = datetime(2022, 11, 11, 13, 5)  # UTC: 14:05 in Amsterdam, on another day than today
BY_JAN = ", gewijzigd door jan@kantoor-pc op 11-11-2022 om 14:05"
UNCHECKED = object()  # an edit without an expectation (jan's own, typed over nothing he saw)
REFUSED = "Iemand anders heeft dit intussen gewijzigd: {item}. Er is niets opgeslagen; {shows}."


def expected_or_none(expected):
    return None if expected is UNCHECKED else expected


def draft(ws) -> int:
    return make_draft_amendment(ws)[0]


def log_entries(ws) -> list[tuple]:
    with ws.session() as s:
        return s.execute(select(ChangeLog.who, ChangeLog.plan_id, ChangeLog.table_name, ChangeLog.row_key,
                                ChangeLog.description).order_by(ChangeLog.id)).all()


def _context(ws, settings_store):
    from app.views.context import ApplicationContext

    context = ApplicationContext(ws, settings_store)
    reported: list[str] = []
    context.error_reported.connect(reported.append)
    return context, reported


def test_an_edit_of_what_someone_else_changed_is_refused_naming_them_and_nothing_is_written(pair, kind):
    mine, theirs = pair
    t = kind.prepare(mine, draft(mine))
    assert kind.read(mine, t) == kind.seen
    kind.write(theirs, t, kind.theirs)  # jan, meanwhile
    logged = log_entries(mine)
    with pytest.raises(ConflictError) as refused:
        kind.write(mine, t, kind.mine, expected=kind.seen)
    assert refused.value.message == REFUSED.format(item=kind.item(t, kind.theirs, kind.seen) + BY_JAN,
                                                   shows=kind.shows)
    assert kind.read(mine, t) == kind.theirs  # jan's stands
    assert log_entries(mine) == logged  # a refused edit writes nothing, not even to the log


def test_an_edit_of_what_is_as_it_was_shown_is_written_and_logged_in_the_editors_name(pair, kind):
    mine, _theirs = pair
    plan = draft(mine)
    t = kind.prepare(mine, plan)
    kind.write(mine, t, kind.mine, expected=kind.seen)
    assert kind.read(mine, t) == kind.mine
    who, plan_id, _table, _key, description = [e for e in log_entries(mine) if e[2:4] == (kind.table, kind.key(t))][-1]
    assert (who, plan_id) == (ANNA, plan if kind.in_plan else None)
    assert description.startswith(change_log.LABELS[kind.table])


def test_a_row_without_log_entries_names_nobody(pair, kind):
    mine, theirs = pair
    t = kind.prepare(mine, draft(mine))
    kind.write(theirs, t, kind.theirs)
    with mine.transaction() as s:  # as in a file edited before the log existed
        s.execute(delete(ChangeLog))
    with pytest.raises(ConflictError) as refused:
        kind.write(mine, t, kind.mine, expected=kind.seen)
    assert refused.value.message == REFUSED.format(item=kind.item(t, kind.theirs, kind.seen), shows=kind.shows)


def test_a_stale_command_is_refused_and_not_on_the_stack(pair, kind, settings_store):
    from app.views.commands import execute

    mine, theirs = pair
    t = kind.prepare(mine, draft(mine))
    kind.write(theirs, t, kind.theirs)  # jan, after the page showed it
    context, _reported = _context(mine, settings_store)
    message = execute(context, kind.command(context, t, kind.mine, kind.seen))
    assert message == REFUSED.format(item=kind.item(t, kind.theirs, kind.seen) + BY_JAN, shows=kind.shows)
    assert kind.read(mine, t) == kind.theirs
    assert context.undo_stack.count() == 0


def test_an_undo_over_someone_elses_later_change_is_refused(pair, kind, settings_store):
    from app.views.commands import execute

    mine, theirs = pair
    t = kind.prepare(mine, draft(mine))
    context, reported = _context(mine, settings_store)
    assert execute(context, kind.command(context, t, kind.mine, kind.seen)) is None
    kind.write(theirs, t, kind.theirs)  # jan, after my edit
    context.undo_stack.undo()
    assert reported == [REFUSED.format(item=kind.item(t, kind.theirs, kind.mine) + BY_JAN, shows=kind.shows)]
    assert kind.read(mine, t) == kind.theirs  # jan's stands
    assert context.undo_stack.count() == 0  # the refused step is gone from the history
    context.undo_stack.clear()


def test_an_undo_and_redo_of_ones_own_edit_check_and_pass(pair, kind, settings_store):
    from app.views.commands import execute

    mine, _theirs = pair
    t = kind.prepare(mine, draft(mine))
    context, reported = _context(mine, settings_store)
    assert execute(context, kind.command(context, t, kind.mine, kind.seen)) is None
    context.undo_stack.undo()
    assert kind.read(mine, t) == kind.seen
    context.undo_stack.redo()
    assert kind.read(mine, t) == kind.mine
    assert reported == []
    context.undo_stack.clear()


CONTRACT = (test_an_edit_of_what_someone_else_changed_is_refused_naming_them_and_nothing_is_written,
            test_an_edit_of_what_is_as_it_was_shown_is_written_and_logged_in_the_editors_name,
            test_a_row_without_log_entries_names_nobody, test_a_stale_command_is_refused_and_not_on_the_stack,
            test_an_undo_over_someone_elses_later_change_is_refused,
            test_an_undo_and_redo_of_ones_own_edit_check_and_pass)
