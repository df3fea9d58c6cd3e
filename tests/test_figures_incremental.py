"""The budget's figures and contributions follow a cell edit in O(change) (issue 18, point 1):
the cell sums, the changed groups' chains, the year's total and the year's split move by the
edit's exact difference (app.services.figures.LiveBudget). They must always equal the full
computation (figures_from and split_budget over every sum), to the cent and with the same
problem: random budgets (a group tree, lines with their own sets, earmarks for groups and
lines, other funding, keys with municipalities that weigh nothing), random edits, compared
after each one; and the same through the ApplicationContext on the demo plan with earmarks.
"""
from __future__ import annotations

import copy
from decimal import Decimal
from fractions import Fraction
from unittest.mock import patch

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from app.models import FundingKind, Marker, Plan, PlanKind
from app.services import budget_edit, contributions, funding_edit
from app.services.budget import (
    BudgetStructure,
    CellDelta,
    CellSum,
    CellSumTable,
    Earmark,
    FundingParts,
    figures_from,
)
from app.services.cell_input import EMPTY, CellValue
from app.services.contributions import AllocationKeyProblem, SplitBasis, split_budget
from app.services.figures import LiveBudget

D = Decimal
YEARS = [2021, 2022, 2023, 2024]  # 2021: a comparison column (never split)
OWN = YEARS[1:]
MUNICIPALITIES = [1, 2, 3, 4]
SETS = {10: [1, 2], 11: [3], 12: [2, 3, 4]}


def full(structure, table, funding, basis):
    """What the full computation gives: (figures, contributions, problem), or the exception."""
    sums = table.sums()
    figures = figures_from(structure, sums, funding)
    try:
        return figures, split_budget(basis, sums, funding), ""
    except AllocationKeyProblem as exc:
        return figures, None, exc.message
    except ArithmeticError as exc:
        return figures, None, type(exc).__name__


def live_state(live):
    return live.figures, live.contributions, live.problem


# Mostly costs, now and then a correction (negative) or an empty cell or a marker.
cents = st.one_of(st.integers(min_value=10**5, max_value=10**9), st.integers(min_value=10**5, max_value=10**9),
                  st.integers(min_value=0, max_value=10**9), st.integers(min_value=-10**6, max_value=0)
                  ).map(lambda c: D(c).scaleb(-2))
cell_values = st.one_of(st.just(EMPTY), st.sampled_from([CellValue(marker=m) for m in Marker]),
                        cents.map(CellValue), cents.map(CellValue), cents.map(CellValue))


@st.composite
def budgets(draw):
    """A random budget: (structure, lines {id: (group, own set)}, cells, funding, basis)."""
    count = draw(st.integers(min_value=1, max_value=8))
    parents = {1: None}
    for g in range(2, count + 1):
        parents[g] = draw(st.one_of(st.none(), st.integers(min_value=1, max_value=g - 1)))
    own_sets = {g: draw(st.sampled_from([None, None, 10, 11, 12])) for g in parents}
    group_sets = {}
    for g in parents:
        node = g
        while node is not None and own_sets[node] is None:
            node = parents[node]
        group_sets[g] = own_sets[node] if node is not None else None
    structure = BudgetStructure(YEARS, [(g, parents[g], str(g), f"Groep {g}", 0, True, 0) for g in parents],
                                OWN)
    line_count = draw(st.integers(min_value=1, max_value=12))
    lines = {100 + i: (draw(st.sampled_from(sorted(parents))), draw(st.sampled_from([None, None, None, 10, 11, 12])))
             for i in range(line_count)}
    cells = {(line, year): draw(cell_values) for line in lines for year in YEARS
             if draw(st.integers(min_value=0, max_value=3))}
    weights = None  # now and then a key that cannot be used; a municipality may weigh nothing
    if draw(st.integers(min_value=0, max_value=9)):
        shares = draw(st.lists(st.integers(min_value=0, max_value=500), min_size=4, max_size=4)
                      .filter(lambda w: sum(w) > 0))
        weights = {m: Fraction(v) for m, v in zip(MUNICIPALITIES, shares)}
    basis = SplitBasis(OWN, MUNICIPALITIES, {m: f"Gemeente {m}" for m in MUNICIPALITIES}, weights,
                       "" if weights is not None else "Verdeelsleutel 'Proef': de basisgetallen tellen op tot nul.",
                       SETS, group_sets, parents)
    other = {y: draw(st.sampled_from([D(0), D(0), D("0.01"), D("1000.00"), D("12345.67")])) for y in OWN}
    earmarks = []
    for _ in range(draw(st.integers(min_value=0, max_value=4))):
        year = draw(st.sampled_from(YEARS))
        amount = draw(st.sampled_from([D(0), D("0.01"), D("500.00"), D("2500.50")]))
        if draw(st.booleans()):  # a group that has lines, or the group above one
            group = lines[draw(st.sampled_from(sorted(lines)))][0]
            if draw(st.booleans()) and parents[group] is not None:
                group = parents[group]
            earmarks.append(Earmark("Provincie", year, amount, group, f"Groep {group}"))
        else:
            line = draw(st.sampled_from(sorted(lines)))
            cost = cells.get((line, year), EMPTY).amount or D("0.00")
            amount = min(amount, cost) if draw(st.integers(min_value=0, max_value=5)) else amount
            earmarks.append(Earmark("Rijk", year, amount, None, "", line, f"Post {line}", lines[line][0],
                                    lines[line][1], cost))
    funding = FundingParts({y: D(0) for y in YEARS}, {y: D(0) for y in YEARS}, other, tuple(earmarks))
    return structure, lines, cells, funding, basis


def sums_of(lines, cells) -> list[CellSum]:
    """The cell sums as the database makes them (app.services.budget.cell_sums)."""
    table = {}
    for (line, year), value in cells.items():
        group, set_id = lines[line]
        entry = table.setdefault((group, set_id, year), [D(0), 0])
        entry[0] += value.amount or D(0)
        entry[1] += value.marker is not None
    return [CellSum(g, s, y, a, m) for (g, s, y), (a, m) in table.items()]


edits = st.lists(st.tuples(st.integers(min_value=0, max_value=10**6), st.sampled_from(YEARS), cell_values,
                           st.integers(min_value=1, max_value=3)), min_size=1, max_size=15)


@settings(max_examples=300, deadline=None)
@given(budget=budgets(), steps=edits)
def test_a_live_budget_equals_the_full_computation_after_every_edit(budget, steps):
    structure, lines, cells, funding, basis = budget
    table = CellSumTable(sums_of(lines, cells))
    live = LiveBudget(structure, table, funding, basis)
    assert live_state(live) == full(structure, table, funding, basis)
    # Edits of an earmarked line make the context read the funding again (its line_amount):
    # a new LiveBudget, so here only the other lines are edited.
    earmarked = {e.line_id for e in funding.earmarks}
    editable = sorted(set(lines) - earmarked)
    if not editable:
        return
    keys = dict(lines)
    for pick, year, value, width in steps:
        block = [editable[(pick + k) % len(editable)] for k in range(width)]
        deltas = []
        for line in dict.fromkeys(block):  # a block of cells, as a paste writes them
            old = cells.get((line, year), EMPTY)
            cells[(line, year)] = value
            deltas.append(CellDelta(line, year, old, value))
        before = live_state(live)
        kept = copy.deepcopy(before)
        with patch.object(contributions, "split_budget", wraps=split_budget) as full_split:
            live.apply(table.apply(keys, deltas))
        assert live_state(live) == full(structure, table, funding, basis)
        # The edit was followed from the kept sums: the full split ran only to say a problem.
        assert not full_split.called or live.problem
        # The figures a view still holds stay as they were.
        assert before == kept
        # The table equals the sums made from the cells (a sum emptied by an edit stays as zero).
        assert nonzero(table.sums()) == nonzero(sums_of(lines, cells))


def nonzero(sums):
    return sorted((s.group_id, s.set_id or 0, s.year, s.amount, s.markers) for s in sums if s.amount or s.markers)


def test_a_group_earmark_then_an_edit_that_makes_the_group_cost_less_than_its_earmark_and_back():
    """2022: group 1 (line 100) 1.000, earmarked 600 -> 400 split 1:3; 100 is typed: the
    earmark is more than the group costs (the problem, in Dutch, as split_budget says it);
    2.000 typed: split again, 1.400 over 1:3 = 350 / 1.050."""
    structure = BudgetStructure([2022], [(1, None, "1", "Bureau", 0, True, 1)], [2022])
    basis = SplitBasis([2022], [1, 2], {1: "Aadorp", 2: "Beekdorp"}, {1: Fraction(1), 2: Fraction(3)}, "",
                       {}, {1: None}, {1: None})
    funding = FundingParts({2022: D(600)}, {2022: D(0)}, {}, (Earmark("Provincie", 2022, D("600.00"), 1, "Bureau"),))
    table = CellSumTable([CellSum(1, None, 2022, D("1000.00"), 0)])
    live = LiveBudget(structure, table, funding, basis)
    assert live.contributions.by_year[2022] == {"Aadorp": D("100.00"), "Beekdorp": D("300.00")}
    keys = {100: (1, None)}
    live.apply(table.apply(keys, [CellDelta(100, 2022, CellValue(D("1000.00")), CellValue(D("100.00")))]))
    assert live.contributions is None
    assert live.problem.startswith("De overige dekking “Provincie” voor “Bureau” is in 2022 € 600")
    assert live.figures.total[2022] == D("100.00")
    live.apply(table.apply(keys, [CellDelta(100, 2022, CellValue(D("100.00")), CellValue(D("2000.00")))]))
    assert live.problem == ""
    assert live.contributions.by_year[2022] == {"Aadorp": D("350.00"), "Beekdorp": D("1050.00")}
    assert live.contributions.totals[2022] == D("1400.00")


def test_a_marker_typed_in_a_set_whose_municipalities_weigh_nothing_is_the_same_problem():
    """Cedorp weighs nothing and set 11 is Cedorp alone: once a line of that set has a cell, even a
    PM, the split cannot share it (split_budget's message); cleared, the sum stays (as zero)."""
    structure = BudgetStructure([2022], [(1, None, "1", "Bureau", 0, True, 2)], [2022])
    basis = SplitBasis([2022], [1, 2, 3], {1: "Aadorp", 2: "Beekdorp", 3: "Cedorp"},
                       {1: Fraction(1), 2: Fraction(1), 3: Fraction(0)}, "", {11: [3]}, {1: None}, {1: None})
    funding = FundingParts({2022: D(0)}, {2022: D(0)}, {})
    table = CellSumTable([CellSum(1, None, 2022, D("1000.00"), 0)])
    live = LiveBudget(structure, table, funding, basis)
    assert live.problem == ""
    keys = {100: (1, None), 101: (1, 11)}
    live.apply(table.apply(keys, [CellDelta(101, 2022, EMPTY, CellValue(marker=Marker.PM))]))
    assert live_state(live) == full(structure, table, funding, basis)
    assert live.problem.startswith("De verdeelsleutel geeft de gemeenten van een groep samen een aandeel van nul")
    assert live.figures.markers_left_out[2022] == 1


# --- through the ApplicationContext, on the demo plan with earmarked other funding ---------------

@pytest.fixture
def workspace(demo_workspace):
    from app.services.workspace import open_workspace

    ws = open_workspace(demo_workspace)
    yield ws
    ws.close()


@pytest.fixture
def context(workspace, tmp_path):
    from app.views.context import ApplicationContext
    from app.views.settings import SettingsStore

    ctx = ApplicationContext(workspace, SettingsStore.at(tmp_path / "settings.ini"))
    ctx.negative_amounts_confirmed = lambda n: True
    yield ctx
    ctx.undo_stack.clear()


def _draft_with_earmarks(workspace):
    """An amendment of the demo plan with two more other sources: one for its first group,
    one for a line of its second group (whose own set is H8 where the demo has one)."""
    from app.services.plan_copy import create_amendment
    from app.services.plans import municipality_set_codes
    from app.models import BudgetGroup, BudgetLine

    with workspace.session() as s:
        adopted = s.scalars(select(Plan.id).where(Plan.kind == PlanKind.PLAN)).one()
    draft = create_amendment(workspace, adopted)
    with workspace.session() as s:
        groups = list(s.scalars(select(BudgetGroup.id).where(BudgetGroup.plan_id == draft)
                                .order_by(BudgetGroup.position, BudgetGroup.id)))
        lines = list(s.scalars(select(BudgetLine.id).join(BudgetLine.group)
                               .where(BudgetGroup.plan_id == draft).order_by(BudgetLine.id)))
    line = lines[len(lines) // 2]
    budget_edit.set_line_fields(workspace, line, municipality_set_id=municipality_set_codes(workspace, draft)["H8"])
    for name, earmark in (("Provincie", {"earmark_group_id": groups[0]}), ("Rijk", {"earmark_line_id": line})):
        source = funding_edit.add_source(workspace, draft, None, name)
        funding_edit.set_source_fields(workspace, source, kind=FundingKind.OTHER, **earmark)
        funding_edit.set_funding_amounts(workspace, [funding_edit.FundingChange(source, 2022, D("1000.00"))])
    return draft, lines, line


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.tuples(st.sampled_from(["cells", "block", "earmarked", "undo", "redo"]),
                                st.integers(min_value=0, max_value=10**6), st.sampled_from([2021, 2022, 2023]),
                                cell_values), min_size=1, max_size=10))
def test_the_contexts_figures_follow_cell_edits_with_earmarks_exactly(context, workspace, steps):
    from app.services.budget import budget_figures
    from app.services.contributions import budget_contributions
    from app.views.commands import SetCellsCommand, execute

    draft, lines, earmarked = _draft_with_earmarks(workspace)
    context.undo_stack.clear()
    context.budget_figures(draft)  # warm, as in the window
    for op, pick, year, value in steps:
        if op == "undo":
            context.undo_stack.undo()
        elif op == "redo":
            context.undo_stack.redo()
        else:
            chosen = {"cells": [lines[pick % len(lines)]], "earmarked": [earmarked],
                      "block": [lines[(pick + k) % len(lines)] for k in range(3)]}[op]
            execute(context, SetCellsCommand(context, draft, [budget_edit.CellChange(line, y, value)
                                                              for line in chosen for y in sorted({year, 2023})], "cel"))
        with workspace.session() as s:
            plan = s.get(Plan, draft)
            assert context.budget_figures(draft) == budget_figures(s, plan)
            try:
                fresh = budget_contributions(s, plan), ""
            except AllocationKeyProblem as exc:
                fresh = None, exc.message
        assert context.budget_contributions(draft) == fresh


def test_a_cell_edit_tells_the_figures_where_its_lines_count_so_nothing_is_read_for_them(
        context, workspace, monkeypatch):
    """The edit reads each line's group and own set while it writes (one query); the context's
    cell sums follow it, its undo and its redo with those, never asking the file again (an O(change)
    edit at 20,000 lines). The line with its own set (H8) counts in that set's sums."""
    from app.services import figures
    from app.services.budget import budget_figures
    from app.services.cell_input import parse_cell
    from app.views.commands import SetCellsCommand, execute

    draft, lines, own_set_line = _draft_with_earmarks(workspace)
    context.undo_stack.clear()
    context.budget_figures(draft)

    def no_reading(*_args):
        raise AssertionError("the line keys were read again")

    monkeypatch.setattr(figures, "load_cell_sum_keys", no_reading)
    edit = [budget_edit.CellChange(own_set_line, 2022, parse_cell("4.321")),
            budget_edit.CellChange(lines[0], 2023, parse_cell("PM"))]
    assert execute(context, SetCellsCommand(context, draft, edit, "cellen")) is None
    for step in (None, context.undo_stack.undo, context.undo_stack.redo):
        if step is not None:
            step()
        with workspace.session() as s:
            assert context.budget_figures(draft) == budget_figures(s, s.get(Plan, draft))
    keys = context._figures[("sums", draft)].line_keys
    with workspace.session() as s:
        from app.models import BudgetLine

        line = s.get(BudgetLine, own_set_line)
        assert keys[own_set_line] == (line.group_id, line.municipality_set_id) and line.municipality_set_id
