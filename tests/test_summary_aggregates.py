"""The summary's aggregate reads against the plain computation, after random edits.

``plan_summary`` takes its figures from aggregate queries: cell sums per group, set and year,
only the marker cells for the marker problems, and for the split the sums added per year and
set first (app.services.split_sums). Here the same figures are computed the plain way, cell by
cell through the ORM objects, or by the full split, on a draft of the demo plan after random
cells were set to amounts, markers or nothing, lines and groups were given a set, and other
funding was changed or earmarked, so the fast reads cannot drift from what they stand for.
"""
from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from app.models import BudgetGroup, BudgetLine, FundingKind, FundingSource, Marker, MunicipalitySet, Plan
from app.models.numbers import round_money
from app.services import budget_edit, funding_edit
from app.services.budget import cell_sums, funding_parts
from app.services.cell_input import EMPTY, CellValue
from app.services.contributions import AllocationKeyProblem, budget_contributions, split_basis, split_budget
from app.services.plan_copy import create_amendment
from app.services.plans import find_plan
from app.services.split_sums import sums_per_split_set
from app.services.summary import plan_summary
from app.services.validation import plan_problems

MARKER_CODES = {"marker_in_plan_year", "idem_without_previous"}
ZERO = Decimal("0.00")


@pytest.fixture
def workspace(ws):
    """The demo workspace, as a file and on the PostgreSQL test server (conftest ``ws``)."""
    return ws


def money(value: Decimal) -> str:
    return f"{round_money(value)}"


# --- the plain computations -------------------------------------------------------------------

def plain_marker_problems(session, plan: Plan) -> list[str]:
    """Every cell of the plan read as an object; a marker in the plan year, or 'id.' on a line
    without a cell the year before (the computation the summary had before its aggregate read)."""
    cells = sorted(((line, cell) for line in plan_lines(session, plan) for cell in line.cells),
                   key=lambda lc: (lc[0].id, lc[1].year))
    filled = {(line.id, cell.year) for line, cell in cells}
    messages = []
    for line, cell in cells:
        if cell.marker is None:
            continue
        if cell.year == plan.year:
            messages.append(f"'{cell.marker.value}' in {cell.year} bij '{line.name}': voor het planjaar is "
                            f"een bedrag nodig; totalen en bijdragen laten deze post weg.")
        elif cell.marker is Marker.IDEM and (line.id, cell.year - 1) not in filled:
            messages.append(f"'id.' in {cell.year} bij '{line.name}': er is geen voorgaand jaar om te herhalen.")
    return messages


def plan_lines(session, plan: Plan) -> list[BudgetLine]:
    return list(session.scalars(select(BudgetLine).join(BudgetLine.group).where(BudgetGroup.plan_id == plan.id)))


def plain_budget(session, plan: Plan) -> dict:
    """The summary's budget part, each group's figures added cell by cell over its subtree."""
    groups = list(session.scalars(select(BudgetGroup).where(BudgetGroup.plan_id == plan.id)))
    children = defaultdict(list)
    for group in groups:
        children[group.parent_id].append(group)

    def cells(group):
        found = [cell for line in group.lines for cell in line.cells if cell.year in plan.years]
        for child in children[group.id]:
            found += cells(child)
        return found

    def figures(found) -> tuple[dict, dict]:
        return ({str(y): money(sum((c.amount for c in found if c.year == y and c.amount is not None), ZERO))
                 for y in plan.years},
                {str(y): sum(1 for c in found if c.year == y and c.marker is not None) for y in plan.years})

    shown = []

    def walk(parent_id, level):
        for group in sorted(children[parent_id], key=lambda g: (g.position, g.id)):
            totals, markers = figures(cells(group))
            shown.append({"name": group.name, "number": group.number, "level": level,
                          "totals": totals, "markers_left_out": markers})
            walk(group.id, level + 1)

    walk(None, 0)
    total, markers = figures([c for line in plan_lines(session, plan) for c in line.cells if c.year in plan.years])
    return {"groups": shown, "total": total, "markers_left_out": markers}


def full_split(session, plan: Plan) -> dict | None:
    """The contributions by the full split of every cell sum (None: a problem, as the summary)."""
    try:
        contributions = budget_contributions(session, plan)
    except AllocationKeyProblem:
        return None
    return {str(y): {name: money(v) for name, v in parts.items()} for y, parts in contributions.by_year.items()}


# --- random edits -----------------------------------------------------------------------------

amounts = st.integers(min_value=-500_000_00, max_value=2_000_000_00).map(lambda c: Decimal(c).scaleb(-2))
values = st.one_of(st.just(EMPTY), st.sampled_from([CellValue(marker=m) for m in Marker]),
                   amounts.map(lambda a: CellValue(a)))
edits = st.lists(st.one_of(
    st.tuples(st.just("cell"), st.integers(0, 10**6), st.integers(0, 2), values),
    st.tuples(st.just("note"), st.integers(0, 10**6), st.integers(0, 2), st.just(None)),
    st.tuples(st.sampled_from(["line_set", "group_set", "earmark_group", "earmark_line"]),
              st.integers(0, 10**6), st.integers(0, 2), st.just(None)),
    st.tuples(st.just("other_funding"), st.integers(0, 10**6), st.integers(0, 2),
              st.one_of(st.none(), amounts.map(abs))),
), min_size=1, max_size=14)


def apply_edit(workspace, plan_id: int, edit) -> None:
    kind, pick, year_index, value = edit
    with workspace.session() as s:
        plan = s.get(Plan, plan_id)
        year = plan.years[year_index % len(plan.years)]
        lines = sorted(line.id for line in plan_lines(s, plan))
        groups = sorted(s.scalars(select(BudgetGroup.id).where(BudgetGroup.plan_id == plan_id)))
        sets = [None] + sorted(s.scalars(select(MunicipalitySet.id).where(MunicipalitySet.region_id == plan.region_id)))
        others = sorted(s.scalars(select(FundingSource.id).where(
            FundingSource.plan_id == plan_id, FundingSource.kind == FundingKind.OTHER)))
        own_year = plan.own_years[year_index % len(plan.own_years)]
    line, group, set_id = lines[pick % len(lines)], groups[pick % len(groups)], sets[pick % len(sets)]
    source = others[pick % len(others)]
    if kind == "cell":
        budget_edit.set_cells(workspace, [budget_edit.CellChange(line, year, value)])
    elif kind == "note":  # an empty cell with a note is a cell: 'id.' the year after has one before it
        budget_edit.set_cell_note(workspace, line, year, "toelichting")
    elif kind == "line_set":
        budget_edit.set_line_fields(workspace, line, municipality_set_id=set_id)
    elif kind == "group_set":
        budget_edit.set_group_fields(workspace, group, municipality_set_id=set_id)
    elif kind == "earmark_group":
        funding_edit.set_source_fields(workspace, source, earmark_group_id=group, earmark_line_id=None)
    elif kind == "earmark_line":
        funding_edit.set_source_fields(workspace, source, earmark_group_id=None, earmark_line_id=line)
    else:
        funding_edit.set_funding_amounts(workspace, [funding_edit.FundingChange(source, own_year, value)])


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(changes=edits)
def test_summary_figures_equal_the_plain_computation_after_random_edits(workspace, changes):
    with workspace.session() as s:
        adopted = find_plan(s, 2022).id
    draft = create_amendment(workspace, adopted)  # a fresh draft per example
    for edit in changes:
        apply_edit(workspace, draft, edit)
    summary = plan_summary(workspace, f"id:{draft}")
    with workspace.session() as s:
        plan = s.get(Plan, draft)
        problems = plan_problems(s, plan)
        assert [p.message for p in problems if p.code in MARKER_CODES] == plain_marker_problems(s, plan)
        assert summary["problems"] == [p.message for p in problems]
        budget = plain_budget(s, plan)
        assert {k: summary["budget"][k] for k in budget} == budget
        assert summary["contributions"] == full_split(s, plan)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(changes=edits)
def test_split_of_the_sums_per_set_equals_the_split_of_every_sum(workspace, changes):
    """Also where the split is refused: the same problem, in the same words."""
    with workspace.session() as s:
        adopted = find_plan(s, 2022).id
    draft = create_amendment(workspace, adopted)
    for edit in changes:
        apply_edit(workspace, draft, edit)
    with workspace.session() as s:
        plan = s.get(Plan, draft)
        sums, basis, funding = cell_sums(s, plan), split_basis(s, plan), funding_parts(s, plan)

    def outcome(given_sums):
        try:
            return split_budget(basis, given_sums, funding)
        except AllocationKeyProblem as exc:
            return type(exc), exc.message

    merged = sums_per_split_set(sums, basis, funding)
    assert outcome(merged) == outcome(sums)
    if not funding.earmarks:
        assert len(merged) <= len(basis.years) * (1 + len(basis.set_members))
