"""An action due in a period (issue 21, point 1), as the project page, the undo, the overview and
the annex use it: typed as Dutch text ("Q4", "november 2022", "doorlopend"), read in the plan's
year, shown and printed as typed, overdue only once the period has ended."""
from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from app.models import Action, Chapter, Plan, PlanKind, Project
from app.services import project_edit
from app.services.edit_errors import EditError
from app.services.plan_copy import create_amendment
from app.services.progress import project_actions
from app.services.workspace import open_workspace
from app.views.shell.navigation import Node


@pytest.fixture
def draft(draft_action):
    return draft_action


def stored(workspace, action_id):
    with workspace.session() as s:
        action = s.get(Action, action_id)
        return action.due_text, action.due_date


@pytest.mark.parametrize("typed, due_text, due_date", [
    ("Q4", "Q4 2022", date(2022, 12, 31)),  # the plan's year
    ("november 2022", "november 2022", date(2022, 11, 30)),
    ("half november", "half november 2022", date(2022, 11, 15)),
    ("eerste helft 2023", "eerste helft 2023", date(2023, 6, 30)),
    ("15-11-2022", "", date(2022, 11, 15)),  # a date is a date
    ("vanaf volgend jaar", "vanaf 2023", None),  # open-ended: never overdue
    ("doorlopend", "doorlopend", None),
    ("", "", None),
])
def test_a_period_typed_is_stored_as_its_text_and_its_last_day(draft, typed, due_text, due_date):
    workspace, _plan, _project, action = draft
    old = project_edit.set_action_fields(workspace, action, due=typed)
    assert stored(workspace, action) == (due_text, due_date)
    project_edit.set_action_fields(workspace, action, **old)  # the undo: as it was
    assert "due" not in old and set(old) >= {"due_text", "due_date"}


def test_overdue_is_judged_at_the_period_s_end(draft):
    workspace, _plan, project, action = draft
    project_edit.set_action_fields(workspace, action, due="Q4 2022")
    with workspace.session() as s:
        on_time = next(a for a in project_actions(s, project, today=date(2022, 12, 31)) if a.id == action)
        late = next(a for a in project_actions(s, project, today=date(2023, 1, 1)) if a.id == action)
    assert on_time.due == "Q4 2022" and not on_time.overdue
    assert late.overdue


def test_a_period_that_is_none_is_refused_in_dutch_and_nothing_changes(draft):
    workspace, _plan, _project, action = draft
    before = stored(workspace, action)
    with pytest.raises(EditError, match="'morgen' is geen datum of periode"):
        project_edit.set_action_fields(workspace, action, due="morgen")
    assert stored(workspace, action) == before


def test_a_new_action_takes_a_period(draft):
    workspace, _plan, project, _action = draft
    new = project_edit.add_action(workspace, project, "Evaluatie", due="Q2")
    assert stored(workspace, new) == ("Q2 2022", date(2022, 6, 30))


def test_typed_in_the_action_table_shown_as_typed_and_undone(open_window, demo_workspace, qtbot):
    with open_workspace(demo_workspace) as workspace:
        with workspace.session() as s:
            adopted = s.scalars(select(Plan.id).where(Plan.kind == PlanKind.PLAN)).one()
        plan = create_amendment(workspace, adopted)
        with workspace.session() as s:
            project = s.scalars(select(Project.id).join(Project.chapter).where(Chapter.plan_id == plan)
                                .order_by(Project.id)).first()
    window = open_window(demo_workspace)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    assert window.show_node(Node("project", project, plan))
    editor = window.current_editor()
    table = editor.actions_table
    table.setFocus()
    table.setCurrentIndex(table.model().index(0, 2))
    for char in "Q4":
        qtbot.keyClick(QApplication.focusWidget(), char)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.model().index(0, 2).data() == "Q4 2022")
    with window.context.workspace.session() as s:
        action = s.scalars(select(Action).where(Action.project_id == project).order_by(Action.position)).first()
        assert (action.due_text, action.due_date) == ("Q4 2022", date(2022, 12, 31))
    window.context.undo_stack.undo()
    qtbot.waitUntil(lambda: table.model().index(0, 2).data() != "Q4 2022")
    with window.context.workspace.session() as s:
        action = s.scalars(select(Action).where(Action.project_id == project).order_by(Action.position)).first()
        assert action.due_text == ""


def test_the_annex_prints_the_period_as_typed(draft, tmp_path):
    from pypdf import PdfReader

    from app.reports import build_pdf

    workspace, plan, _project, action = draft
    project_edit.set_action_fields(workspace, action, due="Q4")
    out = tmp_path / "projecten.pdf"
    build_pdf(workspace, plan, "projecten", out, today=date(2023, 1, 2))
    text = " ".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Q4 2022 (te laat)" in " ".join(text.split())
