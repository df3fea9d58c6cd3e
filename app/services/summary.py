"""The figures of one plan as plain data: what ``python -m app summary --json`` prints.

Amounts are strings with two decimals ("1280000.00"), dagdelen with one;
years are string keys, so the JSON survives any reader without float loss.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from app.formatting import format_half_days, format_money
from app.models.numbers import round_half_days, round_money
from app.services.actuals_summary import actuals_json
from app.services.budget import budget_structure, cell_sums, figures_from, funding_parts
from app.services.contributions import (
    EXAMPLE_NOTE,
    AllocationKeyProblem,
    fixed_settlement_contributions,
    split_basis,
    split_budget,
)
from app.services.depletion import has_entries
from app.services.gc_pause import gc_paused
from app.services.indicators import indicators_json
from app.services.moments import moments_json
from app.services.plans import find_plan
from app.services.split_sums import sums_per_split_set
from app.services.staffing import staffing_figures
from app.services.validation import plan_problems


def _money(value: Decimal) -> str:
    return f"{round_money(value)}"


def _half_days(value: Decimal) -> str:
    return f"{round_half_days(value)}"


def _by_year(values: dict[int, Decimal]) -> dict[str, str]:
    return {str(y): _money(v) for y, v in values.items()}


def plan_summary(workspace, year: int | str | None = None, as_of: date | None = None) -> dict:
    """All headline figures of the plan of ``year`` (a year or a plan reference such as
    "2022/wijziging-1"; default: the newest plan); the realisatie as on ``as_of`` (today)."""
    # Tens of thousands of small objects at scale, none in a cycle: a collection would only
    # walk them (a few per cent of the time at 10x, more in a program that holds much else).
    with gc_paused(), workspace.session() as session:
        plan = find_plan(session, year)
        # Each part read once, by aggregate queries: the cell sums and the dekking feed both
        # the totals and the split.
        sums = cell_sums(session, plan)
        funding = funding_parts(session, plan)
        budget = figures_from(budget_structure(session, plan), sums, funding)
        staffing = staffing_figures(session, plan)
        bookings = has_entries(session, plan)
        problems = plan_problems(session, plan, budget, staffing, bookings)
        try:
            basis = split_basis(session, plan)
            contributions = split_budget(basis, sums_per_split_set(sums, basis, funding), funding)
            fixed = fixed_settlement_contributions(session, plan, basis)
        except AllocationKeyProblem:
            contributions = fixed = None  # the key problem is already in ``problems``
        return {
            "plan": {
                "region": plan.region.name,
                "year": plan.year,
                "title": plan.title,
                "kind": plan.kind.value,
                "status": plan.status.value,
                "adopted_on": plan.adopted_on.isoformat() if plan.adopted_on else None,
                "adopted_by": plan.adopted_by or None,
            },
            "budget": {
                "years": [str(y) for y in budget.years],
                # Shown for comparison (last year's budget): never funded, split or flagged.
                "comparison_years": [str(y) for y in budget.comparison_years],
                # What the comparison columns hold: last year's budget, or what was spent (realisatie).
                "comparison_realised": budget.comparison_realised,
                "groups": [
                    {"name": g.name, "number": g.number, "level": g.level,
                     "totals": _by_year(g.totals),
                     "markers_left_out": {str(y): n for y, n in g.markers_left_out.items()}}
                    for g in budget.groups
                ],
                "total": _by_year(budget.total),
                "markers_left_out": {str(y): n for y, n in budget.markers_left_out.items()},
            },
            "funding": {"total": _by_year(budget.funding)},
            "balance": _by_year(budget.balance),
            "staffing": {
                "half_days_per_fte": _half_days(staffing.half_days_per_fte),
                "capacity_fte": _money(staffing.execution_fte),
                "capacity_half_days": _half_days(staffing.capacity_half_days),
                "allocated_half_days": _half_days(staffing.allocated_half_days),
                "allocated_fte": _money(staffing.allocated_fte),
                "projects": _projects_json(staffing.projects),
            },
            "contributions_basis": {
                str(y): {"budget": _money(budget.total[y]), "other_funding": _money(budget.other_funding[y]),
                         "to_split": _money(budget.to_split[y])} for y in budget.own_years},
            "contributions": _contributions_json(contributions),
            "contributions_note": EXAMPLE_NOTE if contributions is not None and contributions.example else None,
            "fixed_settlements": _contributions_json(fixed),
            "problems": [p.message for p in problems],
            **actuals_json(session, plan, as_of, bookings),
            "indicators": indicators_json(session, plan),
            "moments": moments_json(session, plan),
        }


def _projects_json(projects) -> list[dict]:
    """The projects with dagdelen; each value's text made once (2,000 projects share a few dozen
    values; equal values round to the same text)."""
    half_days_text, fte_text = _once(_half_days), _once(_money)
    return [{"number": p.number, "title": p.title, "general": p.is_general,
             "half_days": half_days_text(p.half_days), "fte": fte_text(p.fte)}
            for p in projects if p.half_days or p.stated_half_days is not None]


def _once(text_of):
    made: dict[Decimal, str] = {}

    def text(value: Decimal) -> str:
        found = made.get(value)
        if found is None:
            found = made[value] = text_of(value)
        return found
    return text


def _contributions_json(contributions) -> dict | None:
    if contributions is None:
        return None
    return {str(y): {name: _money(v) for name, v in parts.items()}
            for y, parts in contributions.by_year.items()}


def summary_text(summary: dict) -> str:
    """A short human-readable report of a summary, in Dutch."""
    plan = summary["plan"]
    status = "vastgesteld" if plan["status"] == "adopted" else "concept"
    lines = [f"{plan['title']} ({plan['region']}), {status}"]
    years = summary["budget"]["years"]
    lines.append("")
    lines.append(f"{'':32}" + "".join(f"{y:>16}" for y in years))

    def row(label: str, values: dict[str, str]) -> str:
        return f"{label:32}" + "".join(f"{format_money(Decimal(values[y]), 0):>16}" for y in years)

    comparison = set(summary["budget"]["comparison_years"])

    def own_row(label: str, values: dict[str, str]) -> str:  # comparison columns stay empty
        return f"{label:32}" + "".join(f"{'':>16}" if y in comparison else
                                       f"{format_money(Decimal(values[y]), 0):>16}" for y in years)

    if comparison:
        word = "(realisatie)" if summary["budget"].get("comparison_realised") else "(vergelijking)"
        lines.append(f"{'':32}" + "".join(f"{word if y in comparison else '':>16}" for y in years))
    lines.append(row("Begroting", summary["budget"]["total"]))
    lines.append(own_row("Dekking", summary["funding"]["total"]))
    lines.append(own_row("Saldo", summary["balance"]))
    basis = summary["contributions_basis"]
    if any(Decimal(v["other_funding"]) for v in basis.values()):  # else: the budget is split
        lines.append(own_row("Overige dekking", {y: v["other_funding"] for y, v in basis.items()}))
        lines.append(own_row("Te verdelen over de gemeenten", {y: v["to_split"] for y, v in basis.items()}))
    if summary["contributions_note"]:
        lines.append("")
        lines.append(summary["contributions_note"])
    staffing = summary["staffing"]
    lines.append("")
    lines.append(f"Dagdelen: {format_half_days(Decimal(staffing['allocated_half_days']))} van "
                 f"{format_half_days(Decimal(staffing['capacity_half_days']))} per week")
    if summary["problems"]:
        lines.append("")
        lines.append("Aandachtspunten:")
        lines += [f"- {p}" for p in summary["problems"]]
    return "\n".join(lines)
