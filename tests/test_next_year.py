"""Next year's plan from this one (issue 12, "Volgend jaar"): what goes along and what is left
out, the shifted year columns and the new year's cells, contributions that add up, a plan the
copy never touches, and the refusals."""
from __future__ import annotations

import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from app.models import Action, ActionStatus, BudgetCell, BudgetLine, Marker, Plan, Project
from app.services.budget import budget_figures
from app.services.contributions import budget_contributions
from app.services.edit_errors import EditError
from app.services.next_year import NewYearFill, create_next_year
from app.services.plans import find_plan
from test_project_edit import plan_dump

D = Decimal
ROOT = Path(__file__).resolve().parent.parent


def plan_2022(ws) -> int:
    with ws.session() as s:
        return find_plan(s, 2022).id


def running_into_2023(ws, numbers: dict[str, date | None]) -> None:
    """Give projects of the 2022 plan these end dates (the demo's all end in 2022)."""
    with ws.transaction() as s:
        for project in s.scalars(select(Project)):
            if project.number in numbers:
                project.end_date = numbers[project.number]


def test_running_projects_go_along_with_their_open_actions_finished_ones_stay_behind(ws):
    source = plan_2022(ws)
    running_into_2023(ws, {"3.1.1": date(2023, 12, 31), "3.2.1": None, "3.2.3": date(2023, 1, 1),
                           "3.1.2": date(2022, 12, 31)})
    with ws.transaction() as s:  # one of 3.1.1's actions is achieved
        achieved = s.scalars(select(Action).join(Project).where(Project.number == "3.1.1")).first()
        achieved.status = ActionStatus.ACHIEVED
    before = plan_dump(ws, source)
    summary = create_next_year(ws, source)
    assert plan_dump(ws, source) == before  # the 2022 plan is untouched
    with ws.session() as s:
        new = s.get(Plan, summary.plan_id)
        assert (new.year, new.years, new.status.value, new.kind.value) == (2023, [2022, 2023, 2024], "draft",
                                                                            "plan")
        assert new.title == "Uitvoeringsplan 2023 Regiovisie Jeugdzorg Haaglanden"
        assert new.allocation_key_id == s.get(Plan, source).allocation_key_id
        numbers = sorted(p.number for p in s.scalars(select(Project).join(Project.chapter)
                                                       .where(Project.chapter.has(plan_id=new.id))))
        # 3.1.1, 3.2.1 (no end date), 3.2.3 (ends on 1-1-2023) and the general work, which goes on
        assert [n for n in numbers if n] == ["3.1.1", "3.2.1", "3.2.3"]
        assert "" in numbers
        copied = s.scalars(select(Project).where(Project.number == "3.1.1",
                                                 Project.chapter.has(plan_id=new.id))).one()
        assert achieved.description not in [a.description for a in copied.actions]
        assert all(a.status is not ActionStatus.ACHIEVED for a in copied.actions)
    assert "3.1.2 Gecertificeerde instellingen" in summary.projects_left_out
    assert summary.actions_left_out >= 1
    assert summary.text().startswith("Uitvoeringsplan 2023 Regiovisie Jeugdzorg Haaglanden is gemaakt: ")


@pytest.mark.parametrize("fill, expected", [
    (NewYearFill.COPY, (D("100000.00"), None)), (NewYearFill.EMPTY, None), (NewYearFill.IDEM, (None, Marker.IDEM)),
])
def test_the_years_shift_by_one_and_the_new_year_is_filled_as_chosen(ws, fill, expected):
    source = plan_2022(ws)
    name = "externe projectleiding (toegevoegd aan programmateam)"
    with ws.transaction() as s:  # 2023 of this line: an amount, so the copy has something to copy
        line = s.scalars(select(BudgetLine).join(BudgetLine.group).where(
            BudgetLine.name == name, BudgetLine.group.has(plan_id=source))).one()
        cell = next(c for c in line.cells if c.year == 2023)
        cell.amount, cell.marker = D("100000.00"), None
        old = {c.year: (c.amount, c.marker, c.note) for c in line.cells}
    summary = create_next_year(ws, source, fill)
    with ws.session() as s:
        line = s.scalars(select(BudgetLine).join(BudgetLine.group).where(
            BudgetLine.name == name, BudgetLine.group.has(plan_id=summary.plan_id))).one()
        cells = {c.year: (c.amount, c.marker, c.note) for c in line.cells}
    assert 2021 not in cells  # the first year dropped off
    assert {y: cells[y] for y in (2022, 2023)} == {y: old[y] for y in (2022, 2023)}  # amounts and notes kept
    assert (cells[2024][:2] if 2024 in cells else None) == expected


def test_the_new_plans_contributions_add_up_exactly(ws):
    summary = create_next_year(ws, plan_2022(ws))
    with ws.session() as s:
        plan = s.get(Plan, summary.plan_id)
        figures = budget_figures(s, plan)
        contributions = budget_contributions(s, plan)
    # 2022, this plan's first year, is the new plan's comparison column: shown, never split.
    assert (plan.comparison_years, plan.own_years) == ([2022], [2023, 2024])
    assert plan.total_label == "Totaal Uitvoeringsprogramma 2023"
    assert list(contributions.by_year) == [2023, 2024]
    for year in (2023, 2024):
        assert sum(contributions.by_year[year].values()) == contributions.totals[year]
        assert contributions.totals[year] == figures.to_split[year].quantize(D("1"))
    assert figures.total[2022] == D("1280000.00")  # the year both plans have keeps its budget


def test_a_second_plan_for_the_same_year_is_refused_and_nothing_written(ws):
    source = plan_2022(ws)
    create_next_year(ws, source)
    with ws.session() as s:
        count = len(s.scalars(select(Plan)).all())
    with pytest.raises(EditError) as refused:
        create_next_year(ws, source)
    assert refused.value.message.startswith("Er is al een uitvoeringsplan voor 2023 in deze regio: ")
    with ws.session() as s:
        assert len(s.scalars(select(Plan)).all()) == count
    with pytest.raises(EditError, match="Dit plan bestaat niet meer."):
        create_next_year(ws, source + 999)


def test_next_year_of_a_plan_in_2200_is_refused(ws):
    source = plan_2022(ws)
    with ws.transaction() as s:
        s.get(Plan, source).year = 2200
    with pytest.raises(EditError) as refused:
        create_next_year(ws, source)
    assert refused.value.message == "Een plan voor 2201 kan niet: het planjaar ligt tussen 1900 en 2200."


def test_the_command_line_writes_the_2023_draft_and_says_what_it_did(ws, ws_target, reopen, tmp_path):
    """On the file and on the server database (the command takes its URL where a file name stands)."""
    import os

    ws.close()  # the command opens the file (or database) itself
    env = {**os.environ, "PLANBORD_DATA_DIR": str(tmp_path / "data")}
    done = subprocess.run([sys.executable, "-m", "app", "next-year", ws_target, "--plan", "2022",
                           "--fill", "empty"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Uitvoeringsplan 2023 Regiovisie Jeugdzorg Haaglanden is gemaakt: ")
    again = subprocess.run([sys.executable, "-m", "app", "next-year", ws_target, "--plan", "2022"],
                           cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert again.returncode == 1 and "Er is al een uitvoeringsplan voor 2023" in again.stderr
    with reopen() as ws, ws.session() as s:
        plan = find_plan(s, 2023)
        assert s.scalars(select(BudgetCell).join(BudgetCell.line).join(BudgetLine.group).where(
            BudgetCell.year == 2024, BudgetLine.group.has(plan_id=plan.id))).all() == []


def test_next_year_from_an_amendment_is_a_plan_of_its_own_title(ws):
    from app.services.plan_copy import create_amendment

    amendment = create_amendment(ws, plan_2022(ws))
    summary = create_next_year(ws, amendment)
    assert summary.title == "Uitvoeringsplan 2023 Regiovisie Jeugdzorg Haaglanden"
