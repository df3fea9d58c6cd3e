"""Copy lineage (issue 17): every budget group, line, funding source, project and action of an
amendment, a scenario or next year's plan remembers the row it was copied from, which is how a
comparison knows a renamed or moved line is the same line. An earmark moves to the copy's own
group or line; deleting the original clears the link instead of refusing; an undone delete keeps it."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select, text

from app.models import (
    Action,
    ActionStatus,
    BudgetGroup,
    BudgetLine,
    Chapter,
    FundingKind,
    FundingSource,
    MunicipalitySet,
    Plan,
    PlanKind,
    Project,
)
from app.services import budget_edit, funding_edit
from app.services.comparison import ADDED, RENAMED, compare_plans
from app.services.contributions import budget_contributions
from app.services.next_year import create_next_year
from app.services.plan_copy import create_amendment
from app.services.plan_edit import delete_plan, restore_plan
from test_comparison import adopted_plan, line_ids

GROUP_2 = "Prioritaire activiteiten"
EARMARKED_LINE = "projectleiding"  # 100.000 in 2022, in Aanpak Wachtlijsten under group 2
FOR_GROUP = "onderbesteding Transformatiefonds 2021"  # other funding, 200.000 in 2022
FOR_LINE = "Incidenteel aan te vullen uit overige onderbesteding 2021"  # other funding, 42.500 in 2022


def rows_of(ws, plan_id: int) -> dict[str, dict[int, tuple]]:
    """Per kind of row: id -> (copied_from_id, what identifies it to a user, the id of its parent)."""
    with ws.session() as s:
        groups = {g.id: (g.copied_from_id, g.name, g.parent_id)
                  for g in s.scalars(select(BudgetGroup).where(BudgetGroup.plan_id == plan_id))}
        lines = {ln.id: (ln.copied_from_id, ln.name, ln.group_id)
                 for ln in s.scalars(select(BudgetLine).where(BudgetLine.group_id.in_(groups)))}
        sources = {f.id: (f.copied_from_id, f.name, None)
                   for f in s.scalars(select(FundingSource).where(FundingSource.plan_id == plan_id))}
        projects = {p.id: (p.copied_from_id, f"{p.number} {p.title}", None) for p in s.scalars(
            select(Project).join(Project.chapter).where(Chapter.plan_id == plan_id))}
        actions = {a.id: (a.copied_from_id, a.description, a.project_id)
                   for a in s.scalars(select(Action).where(Action.project_id.in_(projects)))}
    return {"group": groups, "line": lines, "funding": sources, "project": projects, "action": actions}


def assert_copied_from(copy: dict, original: dict, parents: dict | None = None) -> None:
    """Each copied row points at a row of the original plan with the same name, each original
    is copied at most once, and a copy hangs under the copy of its original's parent."""
    origins = [origin for origin, _name, _parent in copy.values()]
    assert None not in origins
    assert len(set(origins)) == len(origins)
    for origin, name, parent in copy.values():
        assert origin in original
        assert name == original[origin][1]
        if parents is not None and parent is not None:
            assert parents[parent][0] == original[origin][2]


def assert_lineage(copied: dict, source: dict) -> None:
    assert_copied_from(copied["group"], source["group"], copied["group"])
    assert_copied_from(copied["line"], source["line"], copied["group"])
    assert_copied_from(copied["funding"], source["funding"])
    assert_copied_from(copied["project"], source["project"])
    assert_copied_from(copied["action"], source["action"], copied["project"])


@pytest.mark.parametrize("kind", [PlanKind.AMENDMENT, PlanKind.SCENARIO])
def test_every_row_of_an_amendment_or_scenario_points_at_the_row_it_copies(ws, kind):
    adopted = adopted_plan(ws)
    source = rows_of(ws, adopted)
    copied = rows_of(ws, create_amendment(ws, adopted, kind))
    assert {name: len(rows) for name, rows in copied.items()} == {
        "group": 13, "line": 21, "funding": 3, "project": 18, "action": 47}
    assert_lineage(copied, source)
    for name in copied:  # everything is copied
        assert {origin for origin, _n, _p in copied[name].values()} == set(source[name]), name
    assert all(origin is None for rows in source.values() for origin, _n, _p in rows.values())


def test_an_amendment_of_an_amendment_points_at_the_amendment(ws):
    adopted = adopted_plan(ws)
    first = create_amendment(ws, adopted)
    second = create_amendment(ws, first)
    assert_lineage(rows_of(ws, second), rows_of(ws, first))


def test_next_year_s_plan_points_at_the_rows_it_copies_and_only_those(ws):
    adopted = adopted_plan(ws)
    with ws.transaction() as s:  # 3.1.1 and 3.2.1 run on into 2023; one of 3.1.1's actions is achieved
        for project in s.scalars(select(Project).where(Project.number.in_(["3.1.1", "3.2.1"]))):
            project.end_date = date(2023, 6, 30)
        achieved = s.scalars(select(Action).join(Project).where(Project.number == "3.1.1")).first()
        achieved.status = ActionStatus.ACHIEVED
        achieved_id = achieved.id
    source = rows_of(ws, adopted)
    summary = create_next_year(ws, adopted)
    copied = rows_of(ws, summary.plan_id)
    assert_lineage(copied, source)
    # The budget and the funding go along whole, the lines of finished projects too.
    for name in ("group", "line", "funding"):
        assert {origin for origin, _n, _p in copied[name].values()} == set(source[name]), name
    assert summary.lines_copied == 21
    projects = sorted(name for _o, name, _p in copied["project"].values())
    assert [p for p in projects if p.strip()[0].isdigit()] == ["3.1.1 Aanpak wachtlijsten",
                                                               "3.2.1 Ontwikkeling jeugdhulpmonitor"]
    copied_actions = {origin for origin, _n, _p in copied["action"].values()}
    assert achieved_id not in copied_actions
    assert len(copied_actions) == 3 - 1 + 2  # 3.1.1's open two, 3.2.1's two


def earmark_the_adopted_plan(ws, adopted: int) -> tuple[int, int]:
    """Other funding for group 2 and for one of its lines, and group 2 shared by the H8 (without
    Den Haag), so where the earmark points changes what each municipality pays. Returns the
    group's and the line's ids. The adopted plan cannot be edited: the file holds it so."""
    with ws.transaction() as s:
        group = s.scalars(select(BudgetGroup).where(BudgetGroup.plan_id == adopted,
                                                    BudgetGroup.name == GROUP_2)).one()
        group.municipality_set_id = s.scalars(select(MunicipalitySet.id).where(MunicipalitySet.code == "H8")).one()
        line_id = line_ids(ws, adopted)[EARMARKED_LINE]
        for source in s.scalars(select(FundingSource).where(FundingSource.plan_id == adopted)):
            if source.name == FOR_GROUP:
                source.earmark_group_id = group.id
            elif source.name == FOR_LINE:
                source.earmark_line_id = line_id
            assert source.kind is (FundingKind.MUNICIPAL if source.name == "reguliere regiobegroting"
                                   else FundingKind.OTHER)
        return group.id, line_id


def contributions(ws, plan_id: int) -> dict:
    with ws.session() as s:
        return budget_contributions(s, s.get(Plan, plan_id)).by_year


def test_an_earmark_is_copied_to_the_amendment_s_own_group_and_line(ws):
    adopted = adopted_plan(ws)
    group_id, line_id = earmark_the_adopted_plan(ws, adopted)
    amendment = create_amendment(ws, adopted)
    with ws.session() as s:
        sources = {f.name: f for f in s.scalars(select(FundingSource).where(FundingSource.plan_id == amendment))}
        for_group, for_line = s.get(BudgetGroup, sources[FOR_GROUP].earmark_group_id), \
            s.get(BudgetLine, sources[FOR_LINE].earmark_line_id)
        assert (for_group.plan_id, for_group.copied_from_id, for_group.name) == (amendment, group_id, GROUP_2)
        assert (for_line.group.plan_id, for_line.copied_from_id, for_line.name) == (amendment, line_id,
                                                                                    EARMARKED_LINE)
        assert sources[FOR_GROUP].earmark_line_id is None and sources[FOR_LINE].earmark_group_id is None
    assert contributions(ws, amendment) == contributions(ws, adopted)
    totals = compare_plans(ws, adopted, amendment).totals
    assert totals.contribution_problem == ""
    assert all(p.difference == 0 for row in totals.contributions for p in row.values.values())
    # The earmarks count: without them Den Haag pays another share of 2022.
    with ws.session() as s:
        ids = [f.id for f in s.scalars(select(FundingSource).where(FundingSource.plan_id == amendment,
                                                                   FundingSource.kind == FundingKind.OTHER))]
    for source_id in ids:
        funding_edit.set_source_fields(ws, source_id, earmark_group_id=None, earmark_line_id=None)
    assert contributions(ws, amendment)[2022]["Den Haag"] != contributions(ws, adopted)[2022]["Den Haag"]


def test_deleting_the_original_line_clears_the_link_of_its_copy(ws):
    adopted = adopted_plan(ws)
    amendment = create_amendment(ws, adopted)
    original, copy = line_ids(ws, adopted)["Secretariële ondersteuning"], line_ids(ws, amendment)[
        "Secretariële ondersteuning"]
    with ws.transaction() as s:  # the adopted plan's editor refuses; the file may still lose it
        s.execute(text("DELETE FROM budget_line WHERE id = :id"), {"id": original})
    with ws.session() as s:
        kept = s.get(BudgetLine, copy)
        assert (kept.copied_from_id, kept.name, len(kept.cells)) == (None, "Secretariële ondersteuning", 3)
    # The comparison still finds it, by its group and name: nothing changed but the lost line.
    comparison = compare_plans(ws, adopted, amendment)
    assert [(line.name, line.kinds) for line in comparison.budget.changed_lines()] == [
        ("Secretariële ondersteuning", (ADDED,))]


def test_deleting_a_draft_line_clears_the_link_of_the_scenario_made_from_it(ws):
    amendment = create_amendment(ws, adopted_plan(ws))
    scenario = create_amendment(ws, amendment, PlanKind.SCENARIO)
    budget_edit.delete_line(ws, line_ids(ws, amendment)["onderzoeksbudget"])
    with ws.session() as s:
        line = s.get(BudgetLine, line_ids(ws, scenario)["onderzoeksbudget"])
        assert line.copied_from_id is None and len(line.cells) == 2


def test_deleting_the_base_plan_clears_every_link_and_its_undo_puts_them_back(ws):
    adopted = adopted_plan(ws)
    amendment = create_amendment(ws, adopted)
    linked = rows_of(ws, amendment)
    snapshot = delete_plan(ws, adopted, adopted_confirmed=True)
    unlinked = rows_of(ws, amendment)
    assert {name: len(rows) for name, rows in unlinked.items()} == {name: len(rows) for name, rows in linked.items()}
    assert all(origin is None for rows in unlinked.values() for origin, _n, _p in rows.values())
    restore_plan(ws, snapshot)
    assert rows_of(ws, amendment) == linked
    assert compare_plans(ws, adopted, amendment).budget.changed_lines() == []


def test_an_undone_delete_of_an_amendment_line_keeps_its_link(ws):
    adopted = adopted_plan(ws)
    amendment = create_amendment(ws, adopted)
    line = line_ids(ws, amendment)["Representatie, onvoorzien"]
    origin = line_ids(ws, adopted)["Representatie, onvoorzien"]
    # Renamed first, so only the link can match it after the undo.
    budget_edit.set_line_fields(ws, line, name="Representatie")
    snapshot = budget_edit.delete_line(ws, line)
    budget_edit.restore(ws, snapshot)
    with ws.session() as s:
        assert s.get(BudgetLine, line).copied_from_id == origin
    [changed] = compare_plans(ws, adopted, amendment).budget.changed_lines()
    assert (changed.name, changed.kinds) == ("Representatie", (RENAMED,))
