"""The progress overview: counts per traffic-light status, overdue actions, filters."""
from datetime import date

import pytest
from sqlalchemy import select

from app.models import ActionStatus, Plan, PlanKind, Project, ProjectStatus
from app.services import project_edit as edit
from app.services.plan_copy import create_amendment
from app.services.progress import owners, progress_overview, project_actions
from test_project_edit import chapter_by_number, project_by_number


@pytest.fixture
def workspace(ws):
    """The demo workspace, as a file and on the PostgreSQL test server (conftest ``ws``)."""
    return ws


@pytest.fixture
def draft(workspace):
    with workspace.session() as s:
        adopted = s.scalars(select(Plan.id).where(Plan.kind == PlanKind.PLAN)).one()
    return create_amendment(workspace, adopted)


def overview(workspace, plan_id, **filters):
    with workspace.session() as s:
        return progress_overview(s, s.get(Plan, plan_id), **filters)


def test_demo_overview_one_row_per_project_all_unknown(workspace, draft):
    rows = overview(workspace, draft, today=date(2022, 6, 1))
    assert len(rows) == 18 and [r.number for r in rows[:3]] == ["3.1.1", "3.1.2", "3.1.3"]
    assert rows[-1].is_general and rows[-1].total == 0
    first = rows[0]
    assert first.counts[ActionStatus.UNKNOWN] == first.total == 3 and first.overdue == 0
    assert first.chapter_number == "3.1"
    # after the due date (31-12-2022) every action not achieved is overdue
    assert overview(workspace, draft, today=date(2023, 1, 2))[0].overdue == 3


def test_status_changes_show_in_counts_and_overdue(workspace, draft):
    project = project_by_number(workspace, draft, "3.1.1")
    with workspace.session() as s:
        ids = [a.id for a in s.get(Project, project).actions]
    edit.set_action_fields(workspace, ids[0], status="behaald", due_date="1-3-2022")
    edit.set_action_fields(workspace, ids[1], status="niet behaald", due_date="1-3-2022")
    edit.set_action_fields(workspace, ids[2], status="in behandeling", owner="Servicebureau")
    row = overview(workspace, draft, today=date(2022, 6, 1))[0]
    assert row.counts == {ActionStatus.UNKNOWN: 0, ActionStatus.IN_PROGRESS: 1,
                          ActionStatus.ACHIEVED: 1, ActionStatus.NOT_ACHIEVED: 1}
    assert row.overdue == 1  # the achieved one is not overdue
    actions = project_actions_of(workspace, project)
    assert [a.light for a in actions] == ["green", "red", "orange"]
    assert [a.overdue for a in actions] == [False, True, False]

    behaald = overview(workspace, draft, status=ActionStatus.ACHIEVED)
    assert [(r.number, r.total) for r in behaald] == [("3.1.1", 1)]
    by_owner = overview(workspace, draft, owner="servicebureau ")
    assert [(r.number, r.total) for r in by_owner] == [("3.1.1", 1)]
    with workspace.session() as s:
        assert "Servicebureau" in owners(s, s.get(Plan, draft))


def project_actions_of(workspace, project_id):
    with workspace.session() as s:
        return project_actions(s, project_id, today=date(2022, 6, 1))


def test_filter_by_chapter_includes_its_paragraphs(workspace, draft):
    rows = overview(workspace, draft, chapter_id=chapter_by_number(workspace, draft, "4"))
    assert [r.number for r in rows] == ["4.1.1", "4.1.2", "4.1.3", "4.2", "4.3", "4.4"]
    rows = overview(workspace, draft, chapter_id=chapter_by_number(workspace, draft, "3.2"))
    assert [r.number for r in rows] == ["3.2.1", "3.2.2", "3.2.3"]


def test_filter_by_project_status(workspace, draft):
    project = project_by_number(workspace, draft, "4.3")
    edit.set_project_fields(workspace, project, status=ProjectStatus.AT_RISK)
    assert [r.number for r in overview(workspace, draft, status=ProjectStatus.AT_RISK)] == ["4.3"]


@pytest.mark.slow
def test_large_overview_has_every_project(tmp_path_factory):
    """(Its speed is benchmarks/run.py's progress_open_large, not a timed test.)"""
    from benchmarks.generate import build_large_workspace

    from app.services.workspace import open_workspace

    path = tmp_path_factory.mktemp("large-progress") / "large.planbord"
    build_large_workspace(path)
    with open_workspace(path) as ws, ws.session() as s:
        plan = s.scalars(select(Plan).order_by(Plan.year.desc())).first()
        rows = progress_overview(s, plan)
    assert len(rows) == 200
