"""Next year's plan with this year's realisatie in its comparison column (issue 20): each line's
realised bookings of the year instead of its budget (an order is not spent; nothing spent: an
empty cell), each funding source's income received, the own years copied as always, and every
header saying "realisatie"."""
from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select

from app.io.budget_tables import budget_table, funding_table
from app.models import BudgetGroup, BudgetLine, FundingSource, Plan
from app.models.actuals import ActualKind
from app.services.actuals import EntryValues, add_entries
from app.services.budget_sheet import load_sheet
from app.services.funding_sheet import load_funding_sheet
from app.services.next_year import NewYearFill, create_next_year
from app.services.plans import find_plan

D = Decimal
ROOT = Path(__file__).resolve().parents[1]


def cells(ws, plan_id: int) -> dict[str, dict[int, object]]:
    """Line name -> {year: amount or marker} of a plan."""
    with ws.session() as s:
        lines = s.scalars(select(BudgetLine).join(BudgetLine.group).where(BudgetGroup.plan_id == plan_id))
        return {line.name: {c.year: (c.amount if c.marker is None else c.marker) for c in line.cells}
                for line in lines}


def booked(ws):
    """Spent on two lines in 2022 (one twice, one order that is not spent), received on a source."""
    with ws.session() as s:
        plan = find_plan(s, 2022)
        names = {line.name: line.id for line in s.scalars(select(BudgetLine).join(BudgetLine.group)
                                                           .where(BudgetGroup.plan_id == plan.id))}
        source = s.scalars(select(FundingSource).where(FundingSource.plan_id == plan.id)
                           .order_by(FundingSource.id)).first()
        plan_id, source_id, source_name = plan.id, source.id, source.name
    first, second = sorted(names)[0], sorted(names)[1]
    add_entries(ws, plan_id, [
        EntryValues(2022, date(2022, 3, 1), D("1000.00"), line_id=names[first]),
        EntryValues(2022, date(2022, 9, 1), D("250.25"), line_id=names[first]),
        EntryValues(2022, date(2022, 9, 1), D("999.00"), line_id=names[first], kind=ActualKind.COMMITTED),
        EntryValues(2022, date(2022, 5, 1), D("-40.00"), line_id=names[second]),
        EntryValues(2023, date(2023, 1, 10), D("77.00"), line_id=names[second]),  # 2023: not a comparison year
        EntryValues(2022, date(2022, 6, 1), D("500000.00"), source_id=source_id),
    ])
    return plan_id, first, second, source_name


def test_the_comparison_column_holds_what_was_spent_and_received(ws):
    plan_id, first, second, source_name = booked(ws)
    before = cells(ws, plan_id)
    made = create_next_year(ws, plan_id, NewYearFill.COPY, comparison_realised=True)
    after = cells(ws, made.plan_id)
    with ws.session() as s:
        plan = s.get(Plan, made.plan_id)
        assert plan.comparison_realised and plan.comparison_years == [2022] and plan.own_years == [2023, 2024]
        received = {f.name: {a.year: a.amount for a in f.amounts} for f in s.scalars(
            select(FundingSource).where(FundingSource.plan_id == plan.id))}
    assert after[first][2022] == D("1250.25")  # the order is not spent
    assert after[second][2022] == D("-40.00")
    untouched = next(n for n in before if n not in (first, second) and 2022 in before[n])
    assert 2022 not in after[untouched]  # nothing spent: empty, not last year's budget
    for name in before:  # the own years as always: 2023 copied, 2024 filled from 2023
        assert after[name].get(2023) == before[name].get(2023)
    assert received[source_name][2022] == D("500000.00")
    assert all(2022 not in amounts for name, amounts in received.items() if name != source_name)


def test_the_headers_say_realisatie(ws):
    plan_id, *_ = booked(ws)
    made = create_next_year(ws, plan_id, comparison_realised=True)
    sheet = load_sheet(ws, made.plan_id)
    table = budget_table(sheet, sheet.figures.comparison_years, "Begroting")
    headers = [c.header for c in table.sections[0].columns]
    assert "2022 (realisatie)" in headers and "2023" in headers
    funding = funding_table(load_funding_sheet(ws, made.plan_id), 0, "Dekking")
    assert "2022 (realisatie)" in [c.header for c in funding.sections[0].columns]


def test_by_default_the_comparison_column_is_last_year_s_budget(ws):
    plan_id, *_ = booked(ws)
    before = cells(ws, plan_id)
    made = create_next_year(ws, plan_id)
    with ws.session() as s:
        assert not s.get(Plan, made.plan_id).comparison_realised
    after = cells(ws, made.plan_id)
    budgeted = [name for name in before if 2022 in before[name]]
    assert budgeted and all(after[name][2022] == before[name][2022] for name in budgeted)
    sheet = load_sheet(ws, made.plan_id)
    headers = [c.header for c in budget_table(sheet, sheet.figures.comparison_years, "B").sections[0].columns]
    assert "2022 (vergelijking)" in headers


def test_the_command_line_makes_it_and_the_summary_says_so(ws, ws_target, tmp_path):
    """On the file and on the server database (the commands take its URL where a file name stands)."""
    try:
        booked(ws)
    finally:
        ws.close()
    env = {"PATH": "/usr/bin:/bin", "PLANBORD_DATA_DIR": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    made = subprocess.run([sys.executable, "-m", "app", "next-year", ws_target, "--plan", "2022",
                           "--vergelijking", "realisatie"], cwd=ROOT, capture_output=True, text=True, env=env,
                          timeout=120)
    assert made.returncode == 0, made.stderr
    summary = subprocess.run([sys.executable, "-m", "app", "summary", ws_target, "--plan", "2023",
                              "--json"], cwd=ROOT, capture_output=True, text=True, env=env, timeout=120)
    budget = json.loads(summary.stdout)["budget"]
    assert budget["comparison_realised"] is True and budget["comparison_years"] == ["2022"]
    text = subprocess.run([sys.executable, "-m", "app", "summary", ws_target, "--plan", "2023"],
                          cwd=ROOT, capture_output=True, text=True, env=env, timeout=120)
    assert "(realisatie)" in text.stdout
