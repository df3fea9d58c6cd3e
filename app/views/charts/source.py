"""Where the charts get their figures: the ApplicationContext's cached figures (so an edit
needs no database pass), or, without a context (a PDF annex from the command line), the
services directly. Also the names of the charts and of the budgets compared."""
from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

from app.models import PlanKind, PlanStatus
from app.services import chart_data, figures


def chart_title(name: str) -> str:
    return {
        "budget": QCoreApplication.translate("Charts", "Budget"),
        "contributions": QCoreApplication.translate("Charts", "Contributions"),
        "half_days": QCoreApplication.translate("Charts", "Half-days"),
        "people": QCoreApplication.translate("Charts", "People"),
        "actions": QCoreApplication.translate("Charts", "Actions"),
        "comparison": QCoreApplication.translate("Charts", "Comparison"),
        "realisation": QCoreApplication.translate("Charts", "Actuals"),
    }[name]


class WorkspaceFigures:
    """The figures the charts read, straight from the services (no ApplicationContext);
    kept until :meth:`forget`."""

    def __init__(self, workspace) -> None:
        self.workspace = workspace
        self._cache: dict = {}

    def _get(self, kind: str, plan_id: int, load):
        if (kind, plan_id) not in self._cache:
            self._cache[(kind, plan_id)] = load()
        return self._cache[(kind, plan_id)]

    def forget(self) -> None:
        self._cache.clear()

    def _budget(self, plan_id: int):
        def load():
            ws = self.workspace
            parts = (figures.load_structure(ws, plan_id), figures.load_cell_sums(ws, plan_id),
                     figures.load_funding(ws, plan_id), figures.load_split_basis(ws, plan_id))
            if any(p is None for p in parts):
                return None, None, ""
            return figures.budget_and_contributions(*parts)

        return self._get("budget", plan_id, load)

    def budget_figures(self, plan_id: int):
        return self._budget(plan_id)[0]

    def budget_contributions(self, plan_id: int):
        _, contributions, problem = self._budget(plan_id)
        return contributions, problem

    def staffing_figures(self, plan_id: int):
        return self._get("staffing", plan_id, lambda: figures.load_staffing_figures(self.workspace, plan_id))

    def plan_year(self, plan_id: int):
        return self._get("year", plan_id, lambda: figures.plan_year(self.workspace, plan_id))

    def progress_rows(self, plan_id: int):
        return self._get("progress", plan_id, lambda: chart_data.load_progress(self.workspace, plan_id))

    def plan_depletion(self, plan_id: int):
        return self._get("depletion", plan_id, lambda: chart_data.load_depletion(self.workspace, plan_id))


def figure_source(context_or_workspace):
    """An ApplicationContext as it is (its cached figures); a workspace wrapped."""
    if hasattr(context_or_workspace, "budget_figures"):
        return context_or_workspace
    return WorkspaceFigures(context_or_workspace)


def depletion_of(source, plan_id: int):
    """The plan's uitputting today: the source's own (an ApplicationContext that keeps it, or
    WorkspaceFigures), else read from its workspace."""
    if hasattr(source, "plan_depletion"):
        return source.plan_depletion(plan_id)
    return chart_data.load_depletion(source.workspace, plan_id)


def series_for(source, name: str, plan_id: int | None, comparison: chart_data.ComparisonChoice | None = None,
               previous=None, year: int | None = None):
    """The series chart ``name`` shows for the plan (None: nothing to show); ``previous``: what
    the chart shows now (what did not change is kept); ``year``: the year the realisation chart
    shows (None: see chart_data.realisation_year)."""
    if plan_id is None:
        return None
    if name == "budget":
        return chart_data.budget_series(source.budget_figures(plan_id), source.plan_year(plan_id),
                                        previous if isinstance(previous, chart_data.BudgetSeries) else None)
    if name == "contributions":
        contributions, problem = source.budget_contributions(plan_id)
        return chart_data.contribution_series(contributions, problem, source.plan_year(plan_id))
    if name == "half_days":
        staffing = source.staffing_figures(plan_id)
        # The progress rows (each project's chapter) are only needed on a plan with many projects.
        many = staffing is not None and sum(1 for p in staffing.projects if p.half_days) > chart_data.MAX_PROJECT_BARS
        return chart_data.half_day_series(staffing, source.progress_rows(plan_id) if many else None)
    if name == "people":
        return chart_data.half_day_series(source.staffing_figures(plan_id), None)
    if name == "actions":
        return chart_data.action_series(source.progress_rows(plan_id))
    if name == "comparison":
        if comparison is None:
            return None
        return chart_data.comparison_series(source.budget_figures(plan_id), source.plan_year(plan_id),
                                            source.budget_figures(comparison.plan_id), comparison.year,
                                            comparison.same_plan)
    if name == "realisation":
        return chart_data.realisation_series(depletion_of(source, plan_id), year)
    raise ValueError(f"unknown chart {name!r}")


def resolve_comparison(workspace, plan_id: int, compare_plan_id: int | None = None,
                       compare_year: int | None = None) -> chart_data.ComparisonChoice | None:
    """The budget to compare with: the given plan (its plan year, or ``compare_year``); the plan
    itself means its previous year; None means the default (see chart_data.default_comparison)."""
    if compare_plan_id is None:
        return chart_data.default_comparison(workspace, plan_id)
    choices = chart_data.comparison_choices(workspace, plan_id)
    for choice in choices:
        if choice.plan_id == compare_plan_id and (compare_year is None or choice.year == compare_year):
            return choice
    return None


def plan_name(choice: chart_data.ComparisonChoice | None) -> str:
    """A short name for a budget in a legend: "2021" (a year of the plan itself),
    "plan 2022 (adopted)", "wijziging 1"."""
    if choice is None:
        return ""
    if choice.same_plan:
        return str(choice.year)
    if choice.kind is PlanKind.PLAN:
        if choice.status is PlanStatus.ADOPTED:
            return QCoreApplication.translate("Charts", "adopted plan {year}").format(year=choice.year)
        return QCoreApplication.translate("Charts", "plan {year}").format(year=choice.year)
    found = re.search(r"\(([^()]+)\)\s*$", choice.title)
    if found:
        return f"{found.group(1)} {choice.year}"
    return (QCoreApplication.translate("Charts", "amendment {year}") if choice.kind is PlanKind.AMENDMENT
            else QCoreApplication.translate("Charts", "scenario {year}")).format(year=choice.year)


def comparison_names(workspace, plan_id: int, choice: chart_data.ComparisonChoice | None) -> tuple[str, str]:
    """(name of the plan shown, name of the budget compared with), as the legend says them."""
    if choice is None:
        return "", ""
    if choice.same_plan:
        year = figures.plan_year(workspace, plan_id)
        return str(year), str(choice.year)
    return plan_name(chart_data.describe_plan(workspace, plan_id)), plan_name(choice)


def choice_label(choice: chart_data.ComparisonChoice) -> str:
    """How a choice reads in the panel's list."""
    if choice.same_plan:
        return QCoreApplication.translate("Charts", "{year} in this plan").format(year=choice.year)
    return f"{choice.title} ({choice.year})"
