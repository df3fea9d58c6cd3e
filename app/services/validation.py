"""Validation: what is wrong or inconsistent in a plan, in plain Dutch.

Planbord never repairs the figures silently; it lists every imbalance here so
the views, the status bar, the PDF and the command line can show it.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from app.formatting import format_half_days, format_money
from app.models import BudgetCell, BudgetGroup, BudgetLine, FundingKind, FundingSource, Marker, Plan
from app.services.budget import ZERO, BudgetFigures, budget_figures
from app.services.contributions import AllocationKeyProblem, key_weights
from app.services.published_checks import published_problems
from app.services.staffing import (
    StaffingFigures,
    person_over_message,
    role_over_message,
    staffing_figures,
    total_over_message,
)


@dataclass(frozen=True)
class Problem:
    code: str  # stable identifier, e.g. "balance", "key", "over_allocated"
    message: str  # Dutch, for the user
    severity: str = "warning"  # "error" blocks a figure (e.g. contributions), "warning" does not


def load_plan_problems(workspace, plan_id: int, budget: BudgetFigures | None = None,
                       staffing: StaffingFigures | None = None) -> list[Problem]:
    """The plan's problems, in a session of their own (figures already made may be passed)."""
    with workspace.session() as session:
        return plan_problems(session, session.get(Plan, plan_id), budget, staffing)


def plan_problems(session: Session, plan: Plan, budget: BudgetFigures | None = None,
                  staffing: StaffingFigures | None = None, bookings: bool | None = None) -> list[Problem]:
    """``bookings``: whether the plan has realisatie, when the caller knows (None: asked here)."""
    budget = budget or budget_figures(session, plan)
    staffing = staffing or staffing_figures(session, plan)
    problems: list[Problem] = []
    try:
        key_weights(plan.allocation_key)
    except AllocationKeyProblem as exc:
        problems.append(Problem("key", exc.message, "error"))
    problems += _balance_problems(budget, _has_municipal_source(session, plan))
    problems += _staffing_problems(staffing)
    for group in budget.groups:
        if group.shows_subtotal and group.line_count == 0:
            problems.append(Problem(
                "empty_group", f"Groep '{group.name}' heeft een subtotaal maar geen begrotingsposten."))
    problems += _marker_problems(session, plan)
    problems += published_problems(session, plan, budget, staffing)
    problems += _depletion_problems(session, plan, bookings)
    return problems


def _depletion_problems(session: Session, plan: Plan, bookings: bool | None = None) -> list[Problem]:
    """The realisatie's lines to look at today (over budget, nearly spent early in the year, spent
    without a budget); nothing to read for a plan without bookings."""
    from app.services.depletion import has_entries, plan_depletion

    if not (has_entries(session, plan) if bookings is None else bookings):
        return []
    return [Problem(f"depletion_{flag.kind}", flag.message) for flag in plan_depletion(session, plan).flags]


def _has_municipal_source(session: Session, plan: Plan) -> bool:
    """Whether the dekking names both what the municipalities pay and what others pay: then a
    saldo is said as the municipalities' part against what the key splits."""
    kinds = set(session.scalars(select(FundingSource.kind).where(FundingSource.plan_id == plan.id)))
    return kinds == {FundingKind.MUNICIPAL, FundingKind.OTHER}


def _balance_problems(budget: BudgetFigures, municipal_sources: bool) -> list[Problem]:
    """Per own year (never a comparison column): the saldo; with a source the municipalities
    pay, said as what they were asked against what the key splits (the same difference)."""
    problems = []
    for year in budget.own_years:
        balance = budget.balance[year]
        if balance == 0:
            continue
        if municipal_sources:
            problems.append(Problem(
                "municipal_funding",
                f"De gemeenten dragen in {year} {format_money(budget.municipal_funding[year])} bij in de "
                f"dekking, maar te verdelen is {format_money(budget.to_split[year])} (begroting "
                f"{format_money(budget.total[year])} min overige dekking "
                f"{format_money(budget.other_funding.get(year, ZERO))}); verschil {format_money(balance)}.",
            ))
        else:
            problems.append(Problem(
                "balance",
                f"Saldo {year} is {format_money(balance)}: dekking {format_money(budget.funding[year])} "
                f"tegenover begroting {format_money(budget.total[year])}.",
            ))
    return problems


def _staffing_problems(staffing: StaffingFigures) -> list[Problem]:
    problems = []
    if staffing.over_allocated:
        problems.append(Problem("over_allocated", total_over_message(
            staffing.allocated_half_days, staffing.capacity_half_days)))
    for role in staffing.roles:
        if role.allocated_half_days > role.capacity_half_days:
            problems.append(Problem("role_over_allocated", role_over_message(
                role.role, role.allocated_half_days, role.capacity_half_days)))
    for person in staffing.people:
        if person.allocated_half_days > person.available_half_days:
            problems.append(Problem("person_over_allocated", person_over_message(
                person.name, person.allocated_half_days, person.available_half_days)))
    for project in staffing.projects:
        if project.stated_half_days is not None and project.stated_half_days != project.half_days:
            problems.append(Problem(
                "stated_half_days",
                f"{project.number} {project.title}: de hoofdstuktekst noemt "
                f"{format_half_days(project.stated_half_days)} dagdelen per week, de formatie "
                f"{format_half_days(project.half_days)}.",
            ))
    return problems


def _marker_problems(session: Session, plan: Plan) -> list[Problem]:
    """Markers where an amount is needed, and 'id.' with no year before it to repeat.

    Reads only the marker cells (a few per cent of a budget), each with whether its line has a
    cell the year before: the database answers that, so no cell without a marker is read."""
    previous = aliased(BudgetCell)
    has_previous = (select(previous.id)
                    .where(previous.line_id == BudgetCell.line_id, previous.year == BudgetCell.year - 1)
                    .exists())
    rows = session.execute(
        select(BudgetLine.name, BudgetCell.year, BudgetCell.marker, has_previous)
        .join(BudgetCell.line).join(BudgetLine.group)
        .where(BudgetGroup.plan_id == plan.id, BudgetCell.marker.is_not(None))
        .order_by(BudgetLine.id, BudgetCell.year)
    ).all()
    plan_year, problems = plan.year, []
    for name, year, marker, previous_filled in rows:
        if year == plan_year:
            problems.append(Problem(
                "marker_in_plan_year",
                f"'{marker.value}' in {year} bij '{name}': voor het planjaar is een bedrag nodig; "
                f"totalen en bijdragen laten deze post weg.",
            ))
        elif marker is Marker.IDEM and not previous_filled:
            problems.append(Problem(
                "idem_without_previous",
                f"'id.' in {year} bij '{name}': er is geen voorgaand jaar om te herhalen.",
            ))
    return problems
