"""The change protocol: which cached figures and which views each kind of edit makes stale, in
one table (app.views.changes.AFFECTS) that the context and every view read."""
from __future__ import annotations

from decimal import Decimal

import pytest

from app.views.changes import AFFECTS, FIGURES, Change, ChangeKind, Part, affects

K = ChangeKind


@pytest.mark.parametrize("kind, stale, kept", [
    (K.CELLS, {Part.BUDGET_FIGURES, Part.BUDGET_SHEET, Part.CONTRIBUTIONS, Part.CHART_BUDGET},
     {Part.CELL_SUMS, Part.STRUCTURE, Part.STAFFING_SHEETS, Part.FUNDING_SHEET, Part.SETTLEMENTS}),
    # A group or line other funding is earmarked for may go: the funding follows the structure.
    (K.BUDGET_STRUCTURE, {Part.CELL_SUMS, Part.STRUCTURE, Part.SPLIT_BASIS, Part.BUDGET_SHEET,
                          Part.FUNDING_FIGURES, Part.FUNDING_SHEET},
     {Part.STAFFING_FIGURES, Part.NAVIGATION}),
    # Other funding lowers what the key splits: the contributions follow the funding.
    (K.FUNDING, {Part.FUNDING_FIGURES, Part.FUNDING_SHEET, Part.CHART_BUDGET, Part.CONTRIBUTIONS,
                 Part.CHART_CONTRIBUTIONS},
     {Part.BUDGET_SHEET, Part.CELL_SUMS, Part.SPLIT_BASIS}),
    (K.KEY, {Part.SPLIT_BASIS, Part.FIXED_CONTRIBUTIONS, Part.CONTRIBUTIONS, Part.SETTLEMENTS, Part.KEY_SHEET},
     {Part.BUDGET_SHEET, Part.FUNDING_SHEET, Part.CHART_BUDGET}),
    (K.STAFFING, {Part.STAFFING_FIGURES, Part.STAFFING_SHEETS, Part.CHART_HALF_DAYS, Part.CHART_PEOPLE},
     {Part.BUDGET_FIGURES, Part.PROGRESS, Part.NAVIGATION}),
    # A deleted project takes its allocations along: the staffing follows the outline.
    (K.PROJECTS, {Part.STAFFING_FIGURES, Part.STAFFING_SHEETS, Part.PROGRESS_ROWS, Part.NAVIGATION,
                  Part.PROGRESS, Part.CHART_ACTIONS},
     {Part.BUDGET_FIGURES, Part.CONTRIBUTIONS, Part.CHART_PEOPLE}),
    (K.AMBITIONS, {Part.AMBITION_LIST, Part.PROJECT_FORM}, FIGURES),
])
def test_each_kind_of_edit_makes_stale_what_it_changes_and_keeps_the_rest(kind, stale, kept):
    change = Change(1, kind)
    assert all(change.affects(part) for part in stale)
    assert not any(change.affects(part) for part in kept)


def test_the_plan_as_a_whole_or_an_unknown_change_makes_everything_stale():
    assert AFFECTS[K.PLAN] == frozenset(Part)
    assert all(affects(None, part) for part in Part)
    assert set(AFFECTS) == set(ChangeKind)  # every kind is in the table


def test_a_change_concerns_its_own_plan_or_every_plan_when_it_has_none():
    assert Change(4, K.KEY).concerns(4) and not Change(4, K.KEY).concerns(5)
    assert Change(None, K.AMBITIONS).concerns(5)


def test_the_context_drops_exactly_the_cached_figures_the_table_names(tmp_path, demo_workspace):
    from app.services.plans import find_plan
    from app.services.workspace import open_workspace
    from app.views.context import ApplicationContext
    from app.views.settings import SettingsStore

    context = ApplicationContext(open_workspace(demo_workspace), SettingsStore.at(tmp_path / "s.ini"))
    try:
        with context.workspace.session() as session:
            plan_id = find_plan(session, 2022).id
        context.budget_figures(plan_id), context.fixed_contributions(plan_id)
        context.staffing_figures(plan_id), context.progress_rows(plan_id), context.plan_year(plan_id)
        cached = set(context._figures)
        context.announce(Change(plan_id, K.FUNDING))
        assert cached - set(context._figures) == {("budget", plan_id), ("funding", plan_id)}
        context.announce(Change(plan_id, K.AMBITIONS))
        assert ("staffing", plan_id) in context._figures and ("year", plan_id) in context._figures
        context.announce(Change(plan_id, K.PROJECTS))
        assert ("staffing", plan_id) not in context._figures and ("progress", plan_id) not in context._figures
        assert ("sums", plan_id) in context._figures
        context.announce(Change(plan_id, K.PLAN))
        assert context._figures == {}
        assert context.staffing_figures(plan_id).half_days_per_fte == Decimal("10.0")
    finally:
        context.close()
