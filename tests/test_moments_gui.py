"""Reporting moments (peilmomenten) in the progress overview (issue 21, point 2): the real main
window over the demo workspace (its 2022 plan is adopted: progress is bookkeeping), three moments
entered (one through the dialog, typed), statuses recorded at each in the actions table under the
overview (once with the keyboard), the overview read at each moment against the services
(project_lights_at, changes_since_previous), and the undo of a moment and of a recorded status."""
from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from PySide6.QtCore import QCoreApplication, QDate, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox

from app.models import ActionStatus, Plan
from app.services.moments import changes_since_previous, plan_moments, project_lights_at, statuses_at
from app.services.progress import project_actions
from app.services.moment_overview import change_summary
from app.views.projects.progress_view import (
    A_CHANGE,
    A_RECORDED,
    A_REMARK,
    A_STATUS,
    CHANGED,
    FIRST_STATUS,
    OVERDUE,
    STATUSES,
    ProgressOverview,
)
from app.views.shell.navigation import Node

S = ActionStatus
DAY = date(2022, 12, 5)


def tr(context: str, text: str) -> str:
    """The page's own words as the installed translation gives them (Dutch once planbord_nl.ts
    has them; the English source until then)."""
    return QCoreApplication.translate(context, text)


@pytest.fixture
def page(main_window):
    window = main_window
    plan_id = window.current_plan_id
    assert window.show_node(Node("progress", plan_id, plan_id))
    view = window.current_editor()
    assert isinstance(view, ProgressOverview)
    view.today = DAY
    return window, view


def services(view, moment_id):
    """What the services say at the moment: counts per project, changes per project and action."""
    with view.context.workspace.session() as s:
        plan = s.get(Plan, view.plan_id)
        lights = project_lights_at(s, plan, moment_id)
        changes = changes_since_previous(s, plan, moment_id)
        statuses = {a: at.status for a, at in statuses_at(s, plan, moment_id).items()}
    per_project: dict[int, Counter] = {}
    for change in changes:
        per_project.setdefault(change.project_id, Counter())[change.kind] += 1
    return lights, per_project, {c.action_id: c.kind for c in changes}, statuses


def shown(view):
    """The overview as the table shows it: per project its counts and its 'gewijzigd' text."""
    model = view.model
    found = {}
    for r, row in enumerate(model.rows):
        counts = [model.index(r, FIRST_STATUS + i).data() or "" for i in range(len(STATUSES))]
        found[row.project_id] = (counts, model.index(r, CHANGED).data())
    return found


def expected(view, lights, per_project):
    """Every project of the plan (those without actions count nothing) as the services count it."""
    none = dict.fromkeys(ActionStatus, 0)
    return {row.project_id: ([str(n) if (n := lights.get(row.project_id, none)[s]) else "" for s in STATUSES],
                             change_summary(per_project.get(row.project_id)))
            for row in view.model.rows}


def select_project(view, project_id) -> None:
    row = next(r for r, p in enumerate(view.model.rows) if p.project_id == project_id)
    view.table.setCurrentIndex(view.model.index(row, 0))


def type_cells(view, cells) -> None:
    """Type in the actions table as the user does (through the model's set_texts, one step)."""
    error = view.actions_model.set_texts(cells)
    assert error is None, error


def projects_with_actions(view, n):
    with view.context.workspace.session() as s:
        found = [(r.project_id, [a.id for a in project_actions(s, r.project_id)]) for r in view.model.rows]
    return [(pid, actions) for pid, actions in found if len(actions) >= 2][:n]


def test_three_moments_read_at_each_with_undo(qtbot, page, monkeypatch):
    window, view = page
    stack = view.context.undo_stack
    with view.context.workspace.session() as s:
        assert s.get(Plan, view.plan_id).is_read_only  # adopted: progress is bookkeeping
    assert view.model.columnCount() == OVERDUE + 1  # "Nu": the overview as before
    assert view.moment_choice.currentText() == tr("ProgressOverview", "Now (current status)")
    assert not view.actions_box.isVisible()
    (p1, a1), (p2, a2) = projects_with_actions(view, 2)

    # 1. The first moment through the dialog, typed: its day and its name, Enter.
    def fill():
        dialog = view.moment_dialog
        dialog.on.setDate(QDate(2022, 3, 1))
        dialog.name.setFocus()
        qtbot.keyClicks(dialog.name, "Voortgangsrapportage 1 maart 2022")
        qtbot.keyClick(dialog.name, Qt.Key.Key_Return)

    QTimer.singleShot(0, fill)
    qtbot.mouseClick(view.new_moment_button, Qt.MouseButton.LeftButton)
    with view.context.workspace.session() as s:
        moments = plan_moments(s, s.get(Plan, view.plan_id))
    assert [(m.name, m.on) for m in moments] == [("Voortgangsrapportage 1 maart 2022", date(2022, 3, 1))]
    march = moments[0].id
    assert view.moment_id == march
    assert view.moment_choice.currentText() == tr("ProgressOverview", "{name} (as of {day})").format(
        name="Voortgangsrapportage 1 maart 2022", day="01-03-2022")
    assert view.actions_box.isVisible()
    assert view.model.headerData(CHANGED, Qt.Orientation.Horizontal) == tr("ProgressOverview",
                                                                            "Changes (first moment)")

    # The same day again: refused in the dialog, which stays open; Escape leaves it.
    def again():
        dialog = view.moment_dialog
        dialog.on.setDate(QDate(2022, 3, 1))
        dialog.accept()
        assert dialog.isVisible() and "Er is al een peilmoment op 01-03-2022" in dialog.error.text()
        dialog.reject()

    QTimer.singleShot(0, again)
    view.ask_new_moment()
    assert stack.count() == 1

    # Statuses at March: the keyboard once (type "in behandeling" in the first action's status).
    select_project(view, p1)
    table = view.actions_table
    window.activateWindow()
    table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is table)
    table.setCurrentIndex(view.actions_model.index(0, A_STATUS))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "in behandeling")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.actions_model.actions[0].status is S.IN_PROGRESS)
    assert view.actions_model.index(0, A_RECORDED).data() == tr("MomentActionsModel", "{moment} (entered {day})").format(
        moment=tr("MomentActionsModel", "this moment"), day="05-12-2022")
    type_cells(view, [(1, A_STATUS, "niet behaald"), (1, A_REMARK, "vertraagd")])
    select_project(view, p2)
    type_cells(view, [(0, A_STATUS, "behaald")])
    lights, per_project, kinds, statuses = services(view, march)
    assert statuses[a1[0]] is S.IN_PROGRESS and statuses[a1[1]] is S.NOT_ACHIEVED and statuses[a2[0]] is S.ACHIEVED
    assert shown(view) == expected(view, lights, per_project)
    assert shown(view)[p1][1] == "2 nieuw"

    # 2. July and November through the page's command (as the dialog's OK does).
    assert view.new_moment(date(2022, 7, 1), "Voortgangsrapportage 1 juli 2022") is None
    july = view.moment_id
    assert view.model.headerData(CHANGED, Qt.Orientation.Horizontal) == tr(
        "ProgressOverview", "Changed since {day}").format(day="01-03-2022")
    assert "Voortgangsrapportage 1 maart 2022" in view.model.headerData(
        CHANGED, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert "Voortgangsrapportage 1 maart 2022" in view.moment_note.text()
    select_project(view, p1)
    # Carried from March until recorded for July.
    assert view.actions_model.index(1, A_STATUS).data() == "niet behaald"
    assert view.actions_model.index(1, A_RECORDED).data().startswith("Voortgangsrapportage 1 maart 2022")
    steps = stack.count()
    type_cells(view, [(0, A_STATUS, "behaald"), (1, A_STATUS, "in behandeling")])
    assert stack.count() == steps + 1  # two cells, one undo step
    select_project(view, p2)
    type_cells(view, [(0, A_STATUS, "niet behaald"), (1, A_STATUS, "in behandeling")])
    lights, per_project, kinds, _ = services(view, july)
    assert shown(view) == expected(view, lights, per_project)
    assert shown(view)[p1][1] == "1 verbeterd, 1 behaald"
    assert shown(view)[p2][1] == "1 verslechterd, 1 nieuw"
    select_project(view, p2)
    assert [view.actions_model.index(r, A_CHANGE).data() for r in (0, 1)] == ["verslechterd", "nieuw"]
    # The status filter at a moment filters on the status then.
    view.status_filter.setCurrentIndex(view.status_filter.findData(S.ACHIEVED))
    assert {r.project_id for r in view.model.rows} == {pid for pid, c in lights.items() if c[S.ACHIEVED]}
    assert all(r.counts[S.ACHIEVED] == r.total for r in view.model.rows)
    view.status_filter.setCurrentIndex(0)

    assert view.new_moment(date(2022, 11, 1)) is None
    november = view.moment_id
    assert view.moment_choice.currentText() == "Stand op 01-11-2022"
    select_project(view, p1)
    type_cells(view, [(1, A_STATUS, "behaald")])
    lights, per_project, kinds, _ = services(view, november)
    assert shown(view) == expected(view, lights, per_project)
    assert shown(view)[p1][1] == "1 behaald"
    assert shown(view)[p2][1] == ""  # nothing new reported: unchanged

    # Earlier moments stay readable as they were.
    assert view.choose_moment(march)
    lights, per_project, _, _ = services(view, march)
    assert shown(view) == expected(view, lights, per_project)
    assert view.choose_moment(july)
    lights, per_project, _, _ = services(view, july)
    assert shown(view) == expected(view, lights, per_project)

    # Undo the recorded status at November: the record and the action's own status go back.
    with view.context.workspace.session() as s:
        before = {a.id: (a.status, a.remark, a.updated_on) for a in project_actions(s, p1)}
    assert before[a1[1]][0] is S.ACHIEVED
    stack.undo()
    with view.context.workspace.session() as s:
        after = {a.id: (a.status, a.remark, a.updated_on) for a in project_actions(s, p1)}
    assert after[a1[1]] == (S.IN_PROGRESS, "", DAY)  # as the July record set it
    lights, per_project, _, statuses = services(view, november)
    assert statuses[a1[1]] is S.IN_PROGRESS
    assert {kind for counts in per_project.values() for kind in counts} == {"ongewijzigd"}
    assert view.choose_moment(november)
    assert shown(view) == expected(view, lights, per_project)
    stack.redo()
    assert services(view, november)[3][a1[1]] is S.ACHIEVED
    stack.undo()

    # Undo the moment's creation: November is gone (and "Nu" shows again), redo brings it back.
    stack.undo()
    with view.context.workspace.session() as s:
        assert [m.id for m in plan_moments(s, s.get(Plan, view.plan_id))] == [march, july]
    assert view.moment_choice.findData(november) == -1
    stack.redo()
    assert view.moment_choice.findData(november) >= 0

    # Delete July (confirmed), its records with it; undo puts them back.
    assert view.choose_moment(july)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(view.delete_moment_button, Qt.MouseButton.LeftButton)
    assert view.moment_choice.findData(july) == -1 and view.moment_id is None
    assert view.model.columnCount() == OVERDUE + 1 and not view.actions_box.isVisible()
    with view.context.workspace.session() as s:
        assert [m.id for m in plan_moments(s, s.get(Plan, view.plan_id))] == [march, november]
    stack.undo()
    assert view.choose_moment(july)
    lights, per_project, _, _ = services(view, july)
    assert shown(view)[p1][1] == "1 verbeterd, 1 behaald"
    assert shown(view) == expected(view, lights, per_project)


@pytest.mark.parametrize("draft", [True, False], ids=["draft-amendment", "adopted"])
def test_the_undo_of_a_recorded_status_puts_the_actions_own_fields_back_exactly(qtbot, planbord_qapp, demo_workspace,
                                                                            tmp_path, draft):
    """Through the commands as the page runs them (execute), on a draft amendment (the action's
    fields put back with set_action_fields) and on the adopted plan (through record_status, as
    bookkeeping); also the catching up on an earlier moment, which leaves the action alone."""
    from app.services.plan_copy import create_amendment
    from app.services.plans import find_plan
    from app.services.workspace import open_workspace
    from app.views.commands import execute
    from app.views.context import ApplicationContext
    from app.views.projects.moment_commands import RecordStatusCommand, add_moment_command
    from app.views.settings import SettingsStore

    context = ApplicationContext(open_workspace(demo_workspace), SettingsStore.at(tmp_path / "s.ini"))
    try:
        ws = context.workspace
        with ws.session() as s:
            plan_id = find_plan(s, 2022).id
        if draft:
            plan_id = create_amendment(ws, plan_id)
        with ws.session() as s:
            from app.services.progress import progress_overview

            row = next(r for r in progress_overview(s, s.get(Plan, plan_id)) if r.total >= 1)
            action = project_actions(s, row.project_id)[0]
        original = (action.status, action.remark, action.updated_on)

        def fields():
            with ws.session() as s:
                a = next(a for a in project_actions(s, row.project_id) if a.id == action.id)
                return a.status, a.remark, a.updated_on

        july = add_moment_command(context, plan_id, date(2022, 7, 1), "Juli", "Nieuw")
        assert execute(context, july) is None
        march = add_moment_command(context, plan_id, date(2022, 3, 1), "Maart", "Nieuw")
        assert execute(context, march) is None
        record = RecordStatusCommand(context, plan_id, row.project_id, action.id, july.new_id, S.ACHIEVED,
                                     "klaar", "Status", today=DAY)
        assert execute(context, record) is None
        assert fields() == (S.ACHIEVED, "klaar", DAY)
        # Catching up on March: July has its own record, so the action keeps July's status.
        late = RecordStatusCommand(context, plan_id, row.project_id, action.id, march.new_id, S.IN_PROGRESS,
                                   None, "Status", today=date(2022, 12, 6))
        assert execute(context, late) is None
        assert fields() == (S.ACHIEVED, "klaar", DAY) and late.action_before is None
        context.undo_stack.undo()  # March's record gone; the action untouched
        assert fields() == (S.ACHIEVED, "klaar", DAY)
        context.undo_stack.undo()  # July's record gone; the action's own fields as they were
        with ws.session() as s:
            assert statuses_at(s, s.get(Plan, plan_id), july.new_id)[action.id].moment_id is None
        if draft:
            assert fields() == original
        else:
            # The demo's actions were never updated (no day): record_status needs one, so until
            # restore_record can put the action's own fields back itself (asked for in the report)
            # an adopted action gets today as its day of last update; status and remark are exact.
            assert fields()[:2] == original[:2]
            assert fields()[2] in (original[2], date.today())
        context.undo_stack.redo()
        assert fields() == (S.ACHIEVED, "klaar", DAY)
    finally:
        context.close()
