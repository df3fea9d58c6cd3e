"""A block of actions pasted from Excel (issue 21, point 4): ten rows below the last action add
ten actions as one undo step, validated as a whole (one bad row: nothing added, the row named);
the command tested without widgets and in the real project page."""
from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from app.models import Action, ActionStatus, Chapter, Plan, PlanKind, Project
from app.services import project_edit
from app.services.edit_errors import EditError
from app.services.plan_copy import create_amendment
from app.services.workspace import open_workspace
from app.views.shell.navigation import Node

BLOCK = "\n".join(f"Actie {n}\tTrekker {n}\tQ{1 + n % 4} 2022\tin behandeling" for n in range(1, 11))


def draft_project(demo_workspace) -> tuple[int, int]:
    with open_workspace(demo_workspace) as workspace:
        with workspace.session() as s:
            adopted = s.scalars(select(Plan.id).where(Plan.kind == PlanKind.PLAN)).one()
        plan = create_amendment(workspace, adopted)
        with workspace.session() as s:
            project = s.scalars(select(Project.id).join(Project.chapter).where(Chapter.plan_id == plan)
                                .order_by(Project.id)).first()
    return plan, project


def actions(workspace, project_id):
    with workspace.session() as s:
        return [(a.description, a.owner, a.due_text, a.status) for a in s.scalars(
            select(Action).where(Action.project_id == project_id).order_by(Action.position))]


def test_the_service_adds_all_or_none_naming_the_row(demo_workspace):
    plan, project = draft_project(demo_workspace)
    with open_workspace(demo_workspace) as ws:
        before = actions(ws, project)
        rows = [{"description": f"Actie {n}", "due": "Q4"} for n in range(1, 4)]
        with pytest.raises(EditError, match="Rij 2: 'morgen' is geen datum of periode"):
            project_edit.add_actions(ws, project, [rows[0], {**rows[1], "due": "morgen"}, rows[2]])
        assert actions(ws, project) == before
        with pytest.raises(EditError, match="Rij 3: Een actie heeft een omschrijving nodig"):
            project_edit.add_actions(ws, project, [rows[0], rows[1], {"owner": "Piet"}])
        ids = project_edit.add_actions(ws, project, rows, today=date(2022, 5, 1))
        assert actions(ws, project)[len(before):] == [(f"Actie {n}", "", "Q4 2022", ActionStatus.UNKNOWN)
                                                    for n in range(1, 4)]
        deleted = project_edit.delete_actions(ws, ids)
        assert actions(ws, project) == before
        project_edit.restore_actions(ws, deleted)
        with ws.session() as s:
            assert sorted(s.scalars(select(Action.id).where(Action.id.in_(ids)))) == sorted(ids)


def test_ten_pasted_rows_are_ten_actions_in_one_undo_step(open_window, demo_workspace, qtbot):
    plan, project = draft_project(demo_workspace)
    window = open_window(demo_workspace)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    assert window.show_node(Node("project", project, plan))
    editor = window.current_editor()
    table = editor.actions_table
    model = table.model()
    workspace = window.context.workspace
    before = actions(workspace, project)
    table.setFocus()
    table.setCurrentIndex(model.index(model.rowCount() - 1, 0))  # the empty row
    assert table.paste(BLOCK)
    after = actions(workspace, project)
    assert len(after) == len(before) + 10
    assert after[len(before):] == [(f"Actie {n}", f"Trekker {n}", f"Q{1 + n % 4} 2022", ActionStatus.IN_PROGRESS)
                                   for n in range(1, 11)]
    assert model.index(len(before), 2).data() == "Q2 2022"  # shown as typed
    stack = window.context.undo_stack
    stack.undo()  # one step takes all ten out
    assert actions(workspace, project) == before
    stack.redo()
    assert actions(workspace, project) == after


def test_a_bad_row_in_the_block_adds_nothing_and_names_it(open_window, demo_workspace, qtbot):
    plan, project = draft_project(demo_workspace)
    window = open_window(demo_workspace)
    assert window.show_node(Node("project", project, plan))
    editor = window.current_editor()
    table = editor.actions_table
    model = table.model()
    workspace = window.context.workspace
    with workspace.session() as s:
        before = s.scalar(select(func.count(Action.id)))
    bad = BLOCK.replace("Q4 2022\tin behandeling", "morgen\tin behandeling", 1)  # row 3
    table.setCurrentIndex(model.index(model.rowCount() - 1, 0))
    assert not table.paste(bad)
    with workspace.session() as s:
        assert s.scalar(select(func.count(Action.id))) == before
    assert "Rij 3: 'morgen' is geen datum of periode" in editor.messages.text()
