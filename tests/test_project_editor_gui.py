"""The project editor and the progress overview, built directly over a demo amendment.

pytest-qt on the offscreen platform, Dutch translation installed. Every step is checked
against what the services read from the file, and undoing everything brings the file
back to what it was.
"""
from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from app.models import ActionStatus, Chapter, Plan, PlanKind, Project
from app.services import progress, project_edit
from app.services.plan_copy import create_amendment
from app.services.project_form import project_form
from app.services.read_models import get_plan
from app.views import traffic_light
from app.views.projects.progress_view import FIRST_STATUS, OVERDUE, STATUSES, ProgressOverview
from app.views.projects.project_editor import DUE, STATUS, ProjectEditor

FAR_FUTURE = date(2099, 1, 1)
PAST = date(2000, 1, 1)


@pytest.fixture
def setup(qtbot, planbord_qapp, settings_store, demo_workspace):
    from app.services.workspace import open_workspace
    from app.views.context import ApplicationContext

    context = ApplicationContext(open_workspace(demo_workspace), settings_store)
    workspace = context.workspace
    with workspace.session() as s:
        adopted = s.scalars(select(Plan.id).where(Plan.kind == PlanKind.PLAN)).one()
    plan_id = create_amendment(workspace, adopted)
    yield context, plan_id, adopted
    context.close()


def project_id(context, plan_id: int, number: str) -> int:
    with context.workspace.session() as s:
        return s.scalars(select(Project.id).join(Project.chapter)
                         .where(Chapter.plan_id == plan_id, Project.number == number)).one()


def chapter_id(context, plan_id: int, number: str) -> int:
    with context.workspace.session() as s:
        return s.scalars(select(Chapter.id).where(Chapter.plan_id == plan_id,
                                                  Chapter.number == number)).one()


def state(context, plan_id: int):
    """Everything the editors can change, read through the services."""
    with context.workspace.session() as s:
        plan = get_plan(s, plan_id)
        rows = progress.progress_overview(s, plan, today=PAST)
        forms = [project_form(s, r.project_id) for r in rows]
        return [(f.number, f.title, f.description, f.sponsor_admin, f.sponsor_official, f.contractor,
                 f.start_date, f.end_date, f.status, [g.text for g in f.goals],
                 [(a.description, a.owner, a.due_date, a.status, a.remark)
                  for a in progress.project_actions(s, f.id, today=PAST)])
                for f in forms]


def make_editor(qtbot, context, plan_id, pid, **kw) -> ProjectEditor:
    editor = ProjectEditor(context, pid, plan_id, title="t", **kw)
    qtbot.addWidget(editor)
    editor.today = PAST
    editor.reload()
    editor.resize(1400, 900)
    editor.show()
    return editor


def type_field(editor, name: str, text: str) -> None:
    edit = editor.edits[name]
    edit.setText(text)
    edit.editingFinished.emit()


def overview(qtbot, context, plan_id, today=PAST) -> ProgressOverview:
    view = ProgressOverview(context, plan_id, title="t")
    qtbot.addWidget(view)
    view.today = today
    view.refresh()
    view.show()
    return view


def counts(view, pid):
    for row in view.model.rows:
        if row.project_id == pid:
            return [row.counts[s] for s in STATUSES], row.overdue
    return None


# --- the whole round -----------------------------------------------------------------------------

def test_add_edit_goals_actions_statuses_and_undo_all(qtbot, setup):
    context, plan_id, _ = setup
    before = state(context, plan_id)
    stack = context.undo_stack
    view = overview(qtbot, context, plan_id)

    # Add a project (through the undo commands, as the navigation's action would).
    from app.views.commands import execute
    from app.views.projects.project_commands import add_project_command

    command = add_project_command(context, plan_id, chapter_id(context, plan_id, "3.2"), None,
                                  "Nieuw project", "Nieuw project")
    assert execute(context, command) is None
    pid = command.new_id
    assert counts(view, pid) == ([0, 0, 0, 0], 0)  # the overview followed the change

    editor = make_editor(qtbot, context, plan_id, pid)
    assert editor.number.text() == "<b>3.2.4</b>"
    type_field(editor, "title", "Jeugdhulp op school")
    type_field(editor, "sponsor_admin", "Wethouder Jeugd Delft")
    type_field(editor, "sponsor_official", "DO")
    type_field(editor, "contractor", "Programmabureau")
    type_field(editor, "start_date", "1-3-2022")
    type_field(editor, "end_date", "31-12-2022")
    editor.description.setPlainText("Een beschrijving.")
    assert editor.commit_field("description")
    editor.status.setCurrentIndex(editor.status.findData(project_edit.ProjectStatus.ON_TRACK))
    editor.status.activated.emit(editor.status.currentIndex())
    assert editor.messages.text() == ""
    with context.workspace.session() as s:
        info = project_form(s, pid)
    assert (info.title, info.sponsor_admin, info.start_date, info.end_date, info.status.value,
            info.description) == ("Jeugdhulp op school", "Wethouder Jeugd Delft", date(2022, 3, 1),
                                  date(2022, 12, 31), "op koers", "Een beschrijving.")
    assert editor.title.text() == "Project 3.2.4 Jeugdhulp op school"

    # Goals: typed into the empty row, edited, moved.
    goals = editor.goals_table
    assert goals.apply_texts([(0, 0, "Eerste doel")])
    assert goals.apply_texts([(1, 0, "Tweede doel")])
    assert goals.apply_texts([(0, 0, "Eerste doel, scherper")])
    goals.setCurrentIndex(editor.goals_model.index(1, 0))
    editor.goal_up_action.trigger()
    with context.workspace.session() as s:
        assert [g.text for g in project_form(s, pid).goals] == ["Tweede doel", "Eerste doel, scherper"]
    assert editor.goals_model.index(0, 0).data() == "1. Tweede doel"

    # Actions: typed, with owner, due date and status.
    actions = editor.actions_table
    assert actions.apply_texts([(0, 0, "Gesprek met scholen")])
    assert actions.apply_texts([(0, 1, "Programmabureau"), (0, 2, "1-6-2022")])
    editor.add_action_action.trigger()
    assert len(editor.actions_model.actions) == 2
    assert actions.apply_texts([(1, 0, "Evaluatie"), (1, 2, "1-12-2022")])
    model = editor.actions_model
    assert model.index(0, STATUS).data() == "onbekend"
    assert model.index(0, STATUS).data(Qt.ItemDataRole.DecorationRole).cacheKey() == \
        traffic_light.dot(ActionStatus.UNKNOWN).cacheKey()
    assert actions.apply_texts([(0, STATUS, "Behaald")])
    assert actions.apply_texts([(1, STATUS, "in behandeling")])
    assert model.index(0, STATUS).data() == "behaald"
    assert model.index(0, STATUS).data(Qt.ItemDataRole.DecorationRole).cacheKey() == \
        traffic_light.dot(ActionStatus.ACHIEVED).cacheKey()
    assert model.index(1, STATUS).data(Qt.ItemDataRole.DecorationRole).cacheKey() == \
        traffic_light.dot(ActionStatus.IN_PROGRESS).cacheKey()
    assert counts(view, pid) == ([0, 1, 1, 0], 0)
    view.today = FAR_FUTURE
    view.refresh()
    assert counts(view, pid) == ([0, 1, 1, 0], 1)  # the achieved one is never overdue
    view.today = PAST
    view.refresh()
    # A second editor on the same project sees the same (both follow context.changed).
    with context.workspace.session() as s:
        rows = progress.project_actions(s, pid)
    assert [(r.description, r.owner, r.due_date, r.status) for r in rows] == [
        ("Gesprek met scholen", "Programmabureau", date(2022, 6, 1), ActionStatus.ACHIEVED),
        ("Evaluatie", "", date(2022, 12, 1), ActionStatus.IN_PROGRESS)]

    # Delete a goal and an action; undo brings them back.
    goals.setCurrentIndex(editor.goals_model.index(0, 0))
    editor.delete_goal_action.trigger()
    actions.setCurrentIndex(model.index(1, 0))
    editor.delete_action_action.trigger()
    assert len(editor.goals_model.goals) == 1 and len(model.actions) == 1
    stack.undo()
    stack.undo()
    assert len(editor.goals_model.goals) == 2 and len(model.actions) == 2

    # Undo everything: the file is as before, the project gone, the overview back.
    while stack.canUndo():
        stack.undo()
    assert state(context, plan_id) == before
    assert counts(view, pid) is None
    assert not editor.isEnabled()  # the page says its project no longer exists
    # And redo all of it (the two deletes included): the project is back with its own id.
    while stack.canRedo():
        stack.redo()
    assert editor.isEnabled() and counts(view, pid) == ([0, 0, 1, 0], 0)
    assert [g.text for g in editor.goals_model.goals] == ["Eerste doel, scherper"]


# --- bad input ----------------------------------------------------------------------------------

@pytest.mark.parametrize("name, text, words", [
    ("title", "   ", "titel"),
    ("start_date", "morgen", "geen datum"),
    ("end_date", "31-02-2022", "geen bestaande datum"),
    ("start_date", "1-1-2023", "vóór de startdatum"),  # after the end of 31-12-2022
])
def test_bad_form_input_is_refused_and_nothing_written(qtbot, setup, name, text, words):
    context, plan_id, _ = setup
    pid = project_id(context, plan_id, "3.2.3")
    editor = make_editor(qtbot, context, plan_id, pid)
    before = state(context, plan_id)
    count = context.undo_stack.count()
    type_field(editor, name, text)
    assert words in editor.messages.text()
    assert editor.messages.isVisibleTo(editor)
    assert state(context, plan_id) == before
    assert context.undo_stack.count() == count


@pytest.mark.parametrize("text, words", [("31-02-2022", "geen bestaande datum"),
                                         ("morgen", "geen datum")])
def test_bad_due_date_is_refused(qtbot, setup, text, words):
    context, plan_id, _ = setup
    pid = project_id(context, plan_id, "3.2.3")
    editor = make_editor(qtbot, context, plan_id, pid)
    before = state(context, plan_id)
    count = context.undo_stack.count()
    assert not editor.actions_table.apply_texts([(0, DUE, text)])
    assert words in editor.messages.text()
    assert not editor.actions_table.apply_texts([(0, STATUS, "groen")])
    assert "geen status" in editor.messages.text()
    # A paste with one bad cell writes none of it.
    assert not editor.actions_table.apply_texts([(0, 1, "Iemand"), (1, DUE, text)])
    assert state(context, plan_id) == before
    assert context.undo_stack.count() == count


def test_adopted_plan_is_read_only_with_banner(qtbot, setup):
    context, _, adopted = setup
    pid = project_id(context, adopted, "3.2.3")
    editor = make_editor(qtbot, context, adopted, pid, read_only_text="Vastgesteld")
    assert editor.banner.isVisibleTo(editor)
    assert editor.edits["title"].isReadOnly()
    assert not editor.toolbar.isVisibleTo(editor)
    assert not (editor.actions_model.flags(editor.actions_model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable)
    assert editor.actions_model.rowCount() == len(editor.actions_model.actions)  # no empty row


def test_form_shows_budget_lines_with_totals(qtbot, setup):
    context, plan_id, _ = setup
    pid = project_id(context, plan_id, "3.2.3")
    editor = make_editor(qtbot, context, plan_id, pid)
    with context.workspace.session() as s:
        form = project_form(s, pid)
    assert form.budget_lines
    model = editor.lines_model
    total_row = model.rowCount() - 1
    assert model.index(total_row, 0).data() == "Totaal"
    column = form.years.index(2022) + 1
    from app.formatting import format_amount

    assert model.index(total_row, column).data() == format_amount(form.totals[2022])


# --- the progress overview ------------------------------------------------------------------------

def test_progress_filters_overdue_and_activation(qtbot, setup):
    context, plan_id, _ = setup
    view = overview(qtbot, context, plan_id)
    all_rows = len(view.model.rows)
    assert all_rows > 10 and not any(r.overdue for r in view.model.rows)
    header = view.model.headerData(FIRST_STATUS + 2, Qt.Orientation.Horizontal)
    assert header == "behaald"
    assert view.model.headerData(FIRST_STATUS + 2, Qt.Orientation.Horizontal,
                                 Qt.ItemDataRole.DecorationRole) is not None

    # Far in the future every unachieved action is overdue, and highlighted.
    view.today = FAR_FUTURE
    view.refresh()
    late = [i for i, r in enumerate(view.model.rows) if r.overdue]
    assert late
    index = view.model.index(late[0], OVERDUE)
    assert index.data() == str(view.model.rows[late[0]].overdue)
    assert index.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert "over tijd" in view.summary.text()

    # Status filter: set one action to behaald and filter on it.
    pid = project_id(context, plan_id, "3.2.3")
    editor = make_editor(qtbot, context, plan_id, pid)
    assert editor.actions_table.apply_texts([(0, STATUS, "behaald")])
    view.status_filter.setCurrentIndex(view.status_filter.findData(ActionStatus.ACHIEVED))
    assert [r.project_id for r in view.model.rows] == [pid]
    assert counts(view, pid) == ([0, 0, 1, 0], 0)
    view.status_filter.setCurrentIndex(0)

    # Owner filter: an owner given to one action only.
    assert editor.actions_table.apply_texts([(1, 1, "Mevr. De Vries")])
    found = view.owner_filter.findData("Mevr. De Vries")
    assert found > 0  # the choice list followed the change
    view.owner_filter.setCurrentIndex(found)
    assert [r.project_id for r in view.model.rows] == [pid]
    assert sum(counts(view, pid)[0]) == 1
    view.owner_filter.setCurrentIndex(0)

    # Chapter filter: 3.2 and its projects only.
    view.chapter_filter.setCurrentIndex(view.chapter_filter.findData(chapter_id(context, plan_id, "3.2")))
    assert {r.number for r in view.model.rows} == {"3.2.1", "3.2.2", "3.2.3"}

    # Enter and double-click open the project.
    with qtbot.waitSignal(view.project_activated) as signal:
        view.table.setFocus()
        view.table.setCurrentIndex(view.model.index(2, 1))
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert signal.args == [view.model.rows[2].project_id]
    with qtbot.waitSignal(view.project_activated) as signal:
        rect = view.table.visualRect(view.model.index(0, 1))
        qtbot.mousePress(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseRelease(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert signal.args == [view.model.rows[0].project_id]


def test_past_due_date_marks_the_action_overdue(qtbot, setup):
    context, plan_id, _ = setup
    pid = project_id(context, plan_id, "3.2.3")
    editor = make_editor(qtbot, context, plan_id, pid)
    editor.today = date(2022, 6, 1)
    view = overview(qtbot, context, plan_id, today=date(2022, 6, 1))
    assert counts(view, pid)[1] == 0
    assert editor.actions_table.apply_texts([(0, DUE, "1-2-2022")])
    assert counts(view, pid)[1] == 1
    assert editor.actions_model.actions[0].overdue
    assert editor.actions_model.index(0, DUE).data(Qt.ItemDataRole.BackgroundRole) is not None
