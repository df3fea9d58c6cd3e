"""Every item model of the views passes Qt's model tester (pytest-qt's qtmodeltester): row and
column counts, parents, indexes, headers and data roles keep Qt's rules, on the adopted demo
plan (read-only) and on an amendment of it (editable), before and after an edit."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from app.models import Plan, PlanKind
from app.services.plan_copy import create_amendment
from app.services.read_models import navigation_tree


@pytest.fixture
def keep():
    """Widgets kept alive until after the model tester has let go of their models (a fixture
    asked for first is torn down last)."""
    widgets = []
    yield widgets
    widgets.clear()


@pytest.fixture
def context(demo_workspace, planbord_qapp, settings_store):
    from app.services.workspace import open_workspace
    from app.views.context import ApplicationContext

    context = ApplicationContext(open_workspace(demo_workspace), settings_store)
    yield context
    context.close()


@pytest.fixture(params=["adopted", "amendment"])
def plan_id(request, context) -> int:
    with context.workspace.session() as s:
        adopted = s.scalars(select(Plan.id).where(Plan.kind == PlanKind.PLAN)).one()
    return adopted if request.param == "adopted" else create_amendment(context.workspace, adopted)


def first_project(context, plan_id) -> int:
    with context.workspace.session() as s:
        plan = next(p for r in navigation_tree(s) for p in r.plans if p.id == plan_id)
    def walk(chapters):
        for chapter in chapters:
            if chapter.projects:
                return chapter.projects[0].id
            found = walk(chapter.children)
            if found:
                return found
        return None
    return walk(plan.chapters)


def models_of(context, plan_id, qtbot) -> dict[str, object]:
    from app.views.budget.budget_editor import BudgetEditor
    from app.views.budget.key_editor import KeyEditor
    from app.views.projects.progress_view import ProgressOverview
    from app.views.projects.project_editor import ProjectEditor
    from app.views.staffing.staffing_editor import StaffingEditor

    budget = BudgetEditor(context, plan_id, "", "plan")
    key = KeyEditor(context, plan_id, "", "plan")
    staffing = StaffingEditor(context, plan_id, "", "plan")
    progress = ProgressOverview(context, plan_id, "", "plan")
    project = ProjectEditor(context, first_project(context, plan_id), plan_id, title="project")
    for widget in (budget, key, staffing, progress, project):
        qtbot.addWidget(widget)
    progress.refresh()
    project.reload()
    models = {
        "budget": budget.model, "funding": budget.funding_model, "key": key.model,
        "contributions": key.contributions_model, "fixed": key.fixed_model,
        "settlements": key.settlements_model, "roles": staffing.roles_model,
        "people": staffing.people_model, "matrix": staffing.matrix_model, "progress": progress.model,
        "goals": project.goals_model, "actions": project.actions_model, "lines": project.lines_model,
    }
    return models, (budget, key, staffing, progress, project)  # the editors own the models: keep them


MODELS = ["budget", "funding", "key", "contributions", "fixed", "settlements", "roles", "people",
          "matrix", "progress", "goals", "actions", "lines"]


@pytest.mark.parametrize("name", MODELS)
def test_each_sheet_model_keeps_qts_rules(keep, context, plan_id, qtbot, qtmodeltester, name):
    models, editors = models_of(context, plan_id, qtbot)
    keep.extend(editors)
    model = models[name]
    assert model.rowCount() > 0 or name in ("lines", "fixed", "settlements", "people")
    qtmodeltester.check(model, force_py=True)


def test_the_navigation_tree_keeps_qts_rules(keep, context, qtmodeltester):
    from app.views.shell.navigation import NavigationModel

    model = NavigationModel()
    keep.append(model)
    with context.workspace.session() as s:
        model.rebuild(navigation_tree(s))
    assert model.rowCount() == 1
    qtmodeltester.check(model, force_py=True)


def test_the_budget_model_keeps_qts_rules_through_an_edit_and_its_undo(keep, context, qtbot, qtmodeltester):
    from app.views.budget.budget_editor import BudgetEditor

    with context.workspace.session() as s:
        adopted = s.scalars(select(Plan.id).where(Plan.kind == PlanKind.PLAN)).one()
    draft = create_amendment(context.workspace, adopted)
    editor = BudgetEditor(context, draft, "", "plan")
    qtbot.addWidget(editor)
    keep.append(editor)
    model = editor.model
    qtmodeltester.check(model, force_py=True)  # the tester stays connected and checks each change
    row = next(r for r in range(model.rowCount()) if model.flags(model.index(r, model.columnCount() - 1))
               & model.flags(model.index(r, model.columnCount() - 1)).ItemIsEditable)
    assert model.setData(model.index(row, model.columnCount() - 1), "12.345")
    context.undo_stack.undo()
    context.undo_stack.redo()
