"""Undo commands of the outline, the project form, the ambitions and the formatie, without widgets.

Each command is pushed the way the editors push it (``execute``), the file is read back
through the read services the views use (navigation tree, project form, actions, staffing
figures, allocation matrix, staffing sheet, region ambitions), then undone and redone.
The adopted plan is read-only, so every accepted edit goes into an amendment (a draft copy);
a refused command must leave the undo stack, the announced changes and the file untouched.
"""
from __future__ import annotations

import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from app.models import Allocation, Plan, PlanKind
from app.services import key_edit, project_edit, staffing_edit
from app.services.allocation_matrix import allocation_matrix
from app.services.ambitions import project_ambition_ids, region_ambitions
from app.services.figures import load_staffing_figures
from app.services.budget_sheet import load_sheet
from app.services.funding_sheet import load_funding_sheet
from app.services.key_sheet import load_key_sheet
from app.services.plan_copy import create_amendment
from app.services.progress import project_actions
from app.services.project_form import project_form
from app.services.read_models import chapter_info, navigation_tree
from app.services.staffing import AllocationDelta, staffing_figures
from app.services.staffing_edit import OFFICE, AllocationChange, ColumnKey
from app.views.changes import ChangeKind
from app.views.commands import (
    CallCommand,
    Change,
    SetSharesCommand,
    execute,
    group_fields_command,
    source_fields_command,
)
from app.views.projects.project_commands import (
    AddAmbitionCommand,
    Place,
    action_fields_command,
    add_action_command,
    add_chapter_command,
    add_goal_command,
    add_project_command,
    chapter_fields_command,
    delete_ambition_command,
    delete_item_command,
    goal_texts_command,
    move_ambition_command,
    move_item_command,
    project_ambitions_command,
    project_fields_command,
    rename_ambition_command,
)
from app.views.staffing.staffing_commands import (
    AddStaffingCommand,
    SetAllocationsCommand,
    delete_staffing_command,
    factor_command,
    person_fields_command,
    role_fields_command,
)

D = Decimal
TODAY = date(2022, 6, 1)  # the progress view's "today", so overdue flags do not depend on the clock
READ_ONLY = "Maak een wijziging aan om verder te werken."


# --- fixtures ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory) -> Path:
    from db.demo import build_demo

    path = tmp_path_factory.mktemp("commands") / "demo.planbord"
    build_demo(path).close()
    return path


@pytest.fixture
def workspace(demo_file, tmp_path):
    from app.services.workspace import open_workspace

    path = tmp_path / "work.planbord"
    shutil.copy(demo_file, path)  # a test fixture copy of a closed file, not a product feature
    ws = open_workspace(path)
    yield ws
    ws.close()


@pytest.fixture
def context(workspace, tmp_path):
    from app.views.context import ApplicationContext
    from app.views.settings import SettingsStore

    ctx = ApplicationContext(workspace, SettingsStore.at(tmp_path / "settings.ini"))
    ctx.errors, ctx.changes, ctx.reloads = [], [], []
    ctx.error_reported.connect(ctx.errors.append)
    ctx.changed.connect(ctx.changes.append)
    ctx.data_changed.connect(lambda: ctx.reloads.append(True))
    yield ctx
    ctx.undo_stack.clear()


@pytest.fixture
def adopted(workspace) -> int:
    with workspace.session() as s:
        return s.scalars(select(Plan.id).where(Plan.kind == PlanKind.PLAN)).one()


@pytest.fixture
def draft(workspace, adopted) -> int:
    return create_amendment(workspace, adopted)


# --- reading through the services ------------------------------------------------------------


def plan_node(workspace, plan_id):
    with workspace.session() as s:
        return next((r.id, p) for r in navigation_tree(s) for p in r.plans if p.id == plan_id)


def region_of(workspace, plan_id) -> int:
    return plan_node(workspace, plan_id)[0]


def outline(workspace, plan_id) -> list[tuple]:
    """The navigation tree of the plan: (depth, kind, id, number, title) in the tree's order."""
    out = []

    def walk(node, depth):
        out.append((depth, "chapter", node.id, node.number, node.title))
        for child in node.children:
            walk(child, depth + 1)
        for project in node.projects:
            out.append((depth + 1, "project", project.id, project.number, project.title))

    for chapter in plan_node(workspace, plan_id)[1].chapters:
        walk(chapter, 0)
    return out


def labels(workspace, plan_id) -> list[str]:
    """The outline as the user reads it: "3.1.2 Gecertificeerde instellingen"."""
    return [f"{number} {title}".strip() for _d, _k, _i, number, title in outline(workspace, plan_id)]


def chapters(workspace, plan_id) -> dict[str, int]:
    return {number: item_id for _d, kind, item_id, number, _t in outline(workspace, plan_id)
            if kind == "chapter"}


def projects(workspace, plan_id) -> dict[str, int]:
    """Project id by number, or by title for general work (which has no number)."""
    return {number or title: item_id for _d, kind, item_id, number, title in outline(workspace, plan_id)
            if kind == "project"}


def form(workspace, project_id):
    with workspace.session() as s:
        return project_form(s, project_id)


def actions(workspace, project_id):
    with workspace.session() as s:
        return project_actions(s, project_id, today=TODAY)


def staffing(workspace, plan_id):
    with workspace.session() as s:
        return staffing_figures(s, s.get(Plan, plan_id))


def matrix(workspace, plan_id):
    with workspace.session() as s:
        return allocation_matrix(s, s.get(Plan, plan_id))


def cell_value(workspace, plan_id, project_id, column):
    m = matrix(workspace, plan_id)
    return m.rows[m.row_index(project_id)].cells[m.column_index(column)]


def roles(workspace, plan_id) -> dict[str, int]:
    return {r.role: r.id for r in load_staffing_figures(workspace, plan_id).roles}


def ambitions(workspace, plan_id) -> list[tuple[int, str]]:
    with workspace.session() as s:
        return [(a.id, a.text) for a in region_ambitions(s, region_of(workspace, plan_id))]


def served(workspace, project_id) -> set[int]:
    with workspace.session() as s:
        return project_ambition_ids(s, project_id)


def state(workspace, plan_id) -> dict:
    """Everything of a plan's outline, projects, staffing and the region's ambitions a user sees."""
    tree = outline(workspace, plan_id)
    with workspace.session() as s:
        plan = s.get(Plan, plan_id)
        return {
            "outline": tree,
            "chapters": [chapter_info(s, item_id) for _d, kind, item_id, _n, _t in tree if kind == "chapter"],
            "projects": [(project_form(s, item_id), project_actions(s, item_id, today=TODAY))
                         for _d, kind, item_id, _n, _t in tree if kind == "project"],
            "staffing": staffing_figures(s, plan),
            "matrix": allocation_matrix(s, plan),
            "sheet": load_staffing_figures(workspace, plan_id),
            "ambitions": region_ambitions(s, plan.region_id),
        }


# --- pushing ---------------------------------------------------------------------------------


def run(context, command):
    """execute() as the editors do: accepted, pushed as one step, and its change announced."""
    before, announced = context.undo_stack.index(), len(context.changes)
    message = execute(context, command)
    assert message is None, message
    assert context.undo_stack.index() == context.undo_stack.count() == before + 1
    assert context.undo_stack.undoText() == command.text()
    assert command.text().strip()  # Bewerken > Ongedaan maken names every step
    assert len(context.changes) == announced + 1
    return command


def refused(context, command) -> str:
    """execute() refuses: a Dutch message back, nothing on the stack, nothing announced.

    (The tests compare what the file holds before and after their refusals.)"""
    count, announced, errors = context.undo_stack.count(), len(context.changes), len(context.errors)
    message = execute(context, command)
    assert message
    assert context.undo_stack.count() == count
    assert len(context.changes) == announced
    assert len(context.errors) == errors  # the editor shows the returned message, not the context
    return message


def undo(context):
    context.undo_stack.undo()
    return context.changes[-1]


def redo(context):
    context.undo_stack.redo()
    return context.changes[-1]


# --- outline: chapters and projects ----------------------------------------------------------


def test_new_project_lands_at_its_place_renumbers_and_redo_keeps_its_id(context, workspace, draft):
    """A new project at the second place is 3.1.2 and pushes the rest down; undo and redo agree."""
    before = state(workspace, draft)
    chapter = chapters(workspace, draft)["3.1"]
    command = run(context, add_project_command(context, draft, chapter, 1, "  Pleegzorg  ", "Nieuw project"))
    assert context.changes[-1] == Change(draft, ChangeKind.PROJECTS)
    new = command.new_id
    after = labels(workspace, draft)
    assert len(after) == len(before["outline"]) + 1  # added once, not again by the push's redo
    start = after.index("3.1 Kinderen en gezinnen in de meest kwetsbare omstandigheden")
    assert after[start + 1:start + 8] == [
        "3.1.1 Aanpak wachtlijsten", "3.1.2 Pleegzorg", "3.1.3 Gecertificeerde instellingen",
        "3.1.4 Intensiveren Beter Samenspel", "3.1.5 Vernieuwing JeugdzorgPlus",
        "3.1.6 Kleinschalige woonvoorzieningen", "3.2 Lerend ontwikkelen"]
    assert projects(workspace, draft)["3.1.2"] == new
    # A goal on the new project: a later step that refers to its id.
    run(context, add_goal_command(context, draft, new, "Zicht op pleeggezinnen", None, "Nieuw doel"))

    assert undo(context) == Change(draft, ChangeKind.PROJECTS)
    assert undo(context) == Change(draft, ChangeKind.PROJECTS)
    assert state(workspace, draft) == before
    assert form(workspace, new) is None
    redo(context)
    assert redo(context) == Change(draft, ChangeKind.PROJECTS)
    assert labels(workspace, draft) == after
    assert projects(workspace, draft)["3.1.2"] == new
    assert [g.text for g in form(workspace, new).goals] == ["Zicht op pleeggezinnen"]
    assert context.errors == []


def test_new_chapters_at_top_level_and_as_paragraph_renumber_everything_after_them(context, workspace, draft):
    """A chapter inserted as 3 makes "3.1.1" read "4.1.1"; a paragraph first in 4 shifts 4.1-4.4."""
    before = state(workspace, draft)
    top = run(context, add_chapter_command(context, draft, None, 2, "Jeugdbescherming", "Nieuw hoofdstuk"))
    assert context.changes[-1] == Change(draft, ChangeKind.PROJECTS)
    shown = labels(workspace, draft)
    assert shown[:4] == ["1 Inleiding", "2 Context", "3 Jeugdbescherming",
                         "4 Prioritaire activiteiten in 2022"]
    assert "4.1.1 Aanpak wachtlijsten" in shown and "3.1.1 Aanpak wachtlijsten" not in shown
    assert chapters(workspace, draft)["3"] == top.new_id

    five = chapters(workspace, draft)["5"]  # "Lopende projecten en ad-hoc ondersteuning" now
    paragraph = run(context, add_chapter_command(context, draft, five, 0, "", "Nieuwe paragraaf"))
    shown = labels(workspace, draft)
    assert shown[shown.index("5 Lopende projecten en ad-hoc ondersteuning") + 1:][:3] == [
        "5.1 Nieuw hoofdstuk", "5.2 Raakvlakken met andere wetten en regelingen", "5.2.1 Wet langdurige zorg"]
    assert {"5.3 Jeugdhulp in gezinsvormen", "5.5 Scheiding en complexe relaties"} <= set(shown)
    assert chapters(workspace, draft)["5.1"] == paragraph.new_id
    after = state(workspace, draft)

    undo(context)
    undo(context)
    assert state(workspace, draft) == before
    redo(context)
    redo(context)
    assert state(workspace, draft) == after


def test_deleting_a_chapter_takes_its_projects_and_dagdelen_and_undo_puts_all_back(context, workspace, draft):
    """Deleting 3.2 removes three projects and their 8 dagdelen; undo restores them, links and all."""
    before = state(workspace, draft)
    numbers = projects(workspace, draft)
    assert [form(workspace, numbers[n]).half_days for n in ("3.2.1", "3.2.2", "3.2.3")] == [D(3), D(2), D(3)]
    assert served(workspace, numbers["3.2.3"])  # ambitions that must come back
    run(context, delete_item_command(context, draft, "chapter", chapters(workspace, draft)["3.2"],
                                     "Hoofdstuk verwijderen"))
    assert context.changes[-1] == Change(draft, ChangeKind.PROJECTS)
    shown = labels(workspace, draft)
    assert "3.2 Maatregelen uit en t.b.v. de inkoopovereenkomsten" in shown
    assert "3.2.1 Big 5" in shown and "Lerend ontwikkelen" not in " ".join(shown)
    assert staffing(workspace, draft).allocated_half_days == D("14.0")
    assert all(form(workspace, numbers[n]) is None for n in ("3.2.1", "3.2.2", "3.2.3"))

    undo(context)
    assert state(workspace, draft) == before
    redo(context)
    assert staffing(workspace, draft).allocated_half_days == D("14.0")
    undo(context)
    assert state(workspace, draft) == before
    assert context.errors == []


def test_deleting_a_project_unlinks_its_budget_line_and_undo_links_it_again(context, workspace, draft):
    """Deleting 3.1.3 frees its 4 dagdelen and unlinks its budget line; undo restores both."""
    before = state(workspace, draft)
    project = projects(workspace, draft)["3.1.3"]
    lines = [line.id for line in form(workspace, project).budget_lines]
    assert lines and form(workspace, project).half_days == D(4)
    run(context, delete_item_command(context, draft, "project", project, "Project verwijderen"))
    assert projects(workspace, draft)["3.1.3"] != project
    assert "3.1.3 Vernieuwing JeugdzorgPlus" in labels(workspace, draft)
    assert staffing(workspace, draft).allocated_half_days == D("18.0")
    sheet = load_sheet(workspace, draft)
    assert [sheet.rows[sheet.line_row[line]].project_number for line in lines] == [""] * len(lines)

    undo(context)
    assert state(workspace, draft) == before
    sheet = load_sheet(workspace, draft)
    assert [sheet.rows[sheet.line_row[line]].project_number for line in lines] == ["3.1.3"] * len(lines)
    redo(context)
    assert form(workspace, project) is None
    undo(context)
    assert state(workspace, draft) == before


@pytest.mark.parametrize("kind", ["goal", "action"])
def test_deleting_a_goal_or_action_and_undo_puts_it_back_in_its_place(context, workspace, draft, kind):
    """The second goal/action of 3.1.1 disappears, and undo puts it back second with its id."""
    project = projects(workspace, draft)["3.1.1"]

    def listed():
        return ([(g.id, g.text) for g in form(workspace, project).goals] if kind == "goal"
                else [(a.id, a.description) for a in actions(workspace, project)])

    before, whole = listed(), state(workspace, draft)
    assert len(before) == 3
    run(context, delete_item_command(context, draft, kind, before[1][0], "Verwijderen"))
    assert context.changes[-1] == Change(draft, ChangeKind.PROJECTS)
    assert listed() == [before[0], before[2]]
    undo(context)
    assert listed() == before
    assert state(workspace, draft) == whole
    redo(context)
    assert listed() == [before[0], before[2]]


def test_new_goal_and_action_land_at_their_index_and_redo_keeps_their_ids(context, workspace, draft):
    """A goal added second and an action added first stay there through undo and redo."""
    before = state(workspace, draft)
    project = projects(workspace, draft)["3.1.1"]
    goals = [g.text for g in form(workspace, project).goals]
    old_actions = actions(workspace, project)
    goal = run(context, add_goal_command(context, draft, project, "  Wachttijd onder de norm ", 1, "Nieuw doel"))
    action = run(context, add_action_command(
        context, draft, project, "Rapportage wachtlijsten", 0, "Nieuwe actie", owner=" Programmabureau ",
        due_date="1-3-2022", status="in behandeling", today=TODAY))
    assert (context.changes[-1].plan_id, context.changes[-1].kind) == (draft, ChangeKind.PROJECTS)  # this plan's views
    assert [g.text for g in form(workspace, project).goals] == [goals[0], "Wachttijd onder de norm", *goals[1:]]
    assert form(workspace, project).goals[1].id == goal.new_id
    first = actions(workspace, project)[0]
    assert (first.id, first.description, first.owner, first.due_date, first.status.value, first.updated_on,
            first.overdue) == (action.new_id, "Rapportage wachtlijsten", "Programmabureau", date(2022, 3, 1),
                               "in behandeling", TODAY, True)
    assert actions(workspace, project)[1:] == old_actions
    after = state(workspace, draft)

    undo(context)
    assert actions(workspace, project) == old_actions
    undo(context)
    assert state(workspace, draft) == before
    redo(context)
    redo(context)
    assert state(workspace, draft) == after


def test_moving_a_chapter_into_another_renumbers_it_and_undo_puts_it_back(context, workspace, draft):
    """3.3 moved first into chapter 4 reads 4.1 (Big 5 becomes 4.1.1); undo gives back 3.3."""
    before = state(workspace, draft)
    numbers = chapters(workspace, draft)
    run(context, move_item_command(context, draft, "chapter", numbers["3.3"], Place(numbers["4"], 0),
                                   "Verplaatsen"))
    assert context.changes[-1] == Change(draft, ChangeKind.PROJECTS)
    shown = labels(workspace, draft)
    assert shown[shown.index("4 Lopende projecten en ad-hoc ondersteuning") + 1:][:4] == [
        "4.1 Maatregelen uit en t.b.v. de inkoopovereenkomsten", "4.1.1 Big 5",
        "4.1.2 Kostenbeheersing: richtinggevend kader en bestedingsruimte",
        "4.2 Raakvlakken met andere wetten en regelingen"]
    assert "3.3" not in chapters(workspace, draft)
    after = state(workspace, draft)
    undo(context)
    assert state(workspace, draft) == before
    redo(context)
    assert state(workspace, draft) == after


def test_moving_a_project_to_another_chapter_and_back_by_undo(context, workspace, draft):
    """3.1.3 moved first into 3.2 becomes 3.2.1 with its form's chapter; undo makes it 3.1.3 again."""
    before = state(workspace, draft)
    project = projects(workspace, draft)["3.1.3"]
    run(context, move_item_command(context, draft, "project", project,
                                   Place(chapters(workspace, draft)["3.2"], 0), "Verplaatsen"))
    assert form(workspace, project).number == "3.2.1"
    assert form(workspace, project).chapter_label == "3.2 Lerend ontwikkelen"
    assert projects(workspace, draft)["3.1.3"] == before["outline"][
        [row[3] for row in before["outline"]].index("3.1.4")][2]
    undo(context)
    assert state(workspace, draft) == before
    redo(context)
    assert form(workspace, project).number == "3.2.1"


@pytest.mark.parametrize("kind", ["goal", "action"])
def test_moving_a_goal_or_action_down_and_back_by_undo(context, workspace, draft, kind):
    """The first goal/action of 3.1.1 moved last; undo gives back the old order."""
    project = projects(workspace, draft)["3.1.1"]

    def order():
        return ([g.id for g in form(workspace, project).goals] if kind == "goal"
                else [a.id for a in actions(workspace, project)])

    before = order()
    run(context, move_item_command(context, draft, kind, before[0], 2, "Omlaag"))
    assert order() == [before[1], before[2], before[0]]
    assert undo(context) == Change(draft, ChangeKind.PROJECTS)
    assert order() == before
    redo(context)
    assert order() == [before[1], before[2], before[0]]


def test_project_form_fields_undo_to_their_old_values(context, workspace, draft):
    """Title, dates typed in Dutch, status, roles and dagdelen change together and undo together."""
    project = projects(workspace, draft)["3.2.3"]
    before, old = state(workspace, draft), form(workspace, project)
    assert old.stated_half_days == D(2)  # "Samen leren": 2 in the text, 3 in the staffing table
    run(context, project_fields_command(
        context, draft, project, "Projectgegevens wijzigen", title="  Samen leren en verbeteren ",
        start_date="1-2-2022", end_date="31-12-22", status="op koers", stated_half_days="3",
        contractor=" Programmabureau "))
    assert context.changes[-1] == Change(draft, ChangeKind.PROJECTS)
    new = form(workspace, project)
    assert (new.title, new.start_date, new.end_date, new.status.value, new.stated_half_days, new.contractor) == (
        "Samen leren en verbeteren", date(2022, 2, 1), date(2022, 12, 31), "op koers", D(3), "Programmabureau")
    assert "3.2.3 Samen leren en verbeteren" in labels(workspace, draft)
    undo(context)
    assert state(workspace, draft) == before
    redo(context)
    assert form(workspace, project) == new


def test_making_a_project_general_work_drops_its_number_and_undo_gives_it_back(context, workspace, draft):
    """3.1.1 marked as general work loses its number and 3.1.2 becomes 3.1.1; undo reverses it."""
    before = state(workspace, draft)
    project = projects(workspace, draft)["3.1.1"]
    run(context, project_fields_command(context, draft, project, "Algemeen", is_general=True))
    assert form(workspace, project).number == ""
    assert form(workspace, projects(workspace, draft)["3.1.1"]).title == "Gecertificeerde instellingen"
    undo(context)
    assert state(workspace, draft) == before


def test_chapter_rename_undo_and_redo(context, workspace, draft):
    """A renamed chapter shows its new title under the same number; undo brings back the old one."""
    before = state(workspace, draft)
    chapter = chapters(workspace, draft)["3.2"]
    run(context, chapter_fields_command(context, draft, chapter, "Hoofdstuk hernoemen",
                                        title=" Leren en ontwikkelen "))
    assert context.changes[-1] == Change(draft, ChangeKind.PROJECTS)
    with workspace.session() as s:
        new = chapter_info(s, chapter)
    assert (new.number, new.title) == ("3.2", "Leren en ontwikkelen")
    assert "3.2 Leren en ontwikkelen" in labels(workspace, draft)
    undo(context)
    assert state(workspace, draft) == before
    redo(context)
    with workspace.session() as s:
        assert chapter_info(s, chapter) == new


def test_chapter_text_can_be_set_through_the_command_and_undone(context, workspace, draft):
    """A chapter's text (a field named like the command's undo label) is written and undone;
    the command used to refuse it with a TypeError."""
    chapter = chapters(workspace, draft)["3.2"]
    with workspace.session() as s:
        old_text = chapter_info(s, chapter).text
    run(context, chapter_fields_command(context, draft, chapter, "Tekst wijzigen",
                                        text="Nieuwe hoofdstuktekst."))
    with workspace.session() as s:
        assert chapter_info(s, chapter).text == "Nieuwe hoofdstuktekst."
    undo(context)
    with workspace.session() as s:
        assert chapter_info(s, chapter).text == old_text


# --- several goal texts or action fields as one step -------------------------------------------


def test_pasted_goal_texts_are_one_step(context, workspace, draft):
    """Three goal texts pasted at once show together and go back together with one undo."""
    project = projects(workspace, draft)["3.1.1"]
    goals = form(workspace, project).goals
    before = state(workspace, draft)
    run(context, goal_texts_command(context, draft, [(goals[0].id, "Doel A"), (goals[2].id, " Doel C ")],
                                    "2 doelen wijzigen"))
    assert context.undo_stack.count() == 1
    assert context.changes[-1] == Change(draft, ChangeKind.PROJECTS)
    assert [g.text for g in form(workspace, project).goals] == ["Doel A", goals[1].text, "Doel C"]
    undo(context)
    assert state(workspace, draft) == before
    redo(context)
    assert [g.text for g in form(workspace, project).goals] == ["Doel A", goals[1].text, "Doel C"]


def test_a_goal_named_twice_in_one_step_ends_on_the_last_text_and_undoes_to_the_first(context, workspace, draft):
    """The same goal pasted twice shows the last text; one undo brings back the original text."""
    project = projects(workspace, draft)["3.1.1"]
    goal = form(workspace, project).goals[0]
    run(context, goal_texts_command(context, draft, [(goal.id, "eerst"), (goal.id, "daarna")], "x"))
    assert form(workspace, project).goals[0].text == "daarna"
    undo(context)
    assert form(workspace, project).goals[0].text == goal.text
    redo(context)
    assert form(workspace, project).goals[0].text == "daarna"


def test_a_goal_step_that_fails_halfway_writes_nothing(context, workspace, draft):
    """A paste whose third text is empty is refused in Dutch, and the first two are taken back."""
    project = projects(workspace, draft)["3.1.1"]
    goals = form(workspace, project).goals
    before = state(workspace, draft)
    message = refused(context, goal_texts_command(context, draft, [
        (goals[0].id, "eerst"), (goals[0].id, "daarna"), (goals[1].id, "  ")], "x"))
    assert message == "Een doel heeft een tekst nodig."
    assert [g.text for g in form(workspace, project).goals] == [g.text for g in goals]
    assert state(workspace, draft) == before


def test_action_fields_are_one_step_that_also_undoes_the_date_of_last_update(context, workspace, draft):
    """Two actions set to "behaald" show today's update date; undo restores status and date."""
    project = projects(workspace, draft)["3.1.1"]
    old = actions(workspace, project)
    before = state(workspace, draft)
    assert old[0].updated_on is None
    run(context, action_fields_command(context, draft, [
        (old[0].id, {"status": "behaald", "remark": " klaar "}),
        (old[2].id, {"owner": "Gemeente Delft", "due_date": "1-5-2022"})], "2 acties wijzigen", today=TODAY))
    assert context.undo_stack.count() == 1
    assert context.changes[-1] == Change(draft, ChangeKind.PROJECTS)
    new = actions(workspace, project)
    assert (new[0].status.value, new[0].remark, new[0].updated_on, new[0].light) == ("behaald", "klaar", TODAY,
                                                                                     "green")
    assert (new[2].owner, new[2].due_date, new[2].updated_on, new[2].overdue) == (
        "Gemeente Delft", date(2022, 5, 1), TODAY, True)
    assert new[1] == old[1]
    undo(context)
    assert actions(workspace, project) == old
    assert state(workspace, draft) == before
    redo(context)
    assert actions(workspace, project) == new


def test_an_action_step_that_fails_halfway_writes_nothing(context, workspace, draft):
    """An action change with an unknown status is refused in Dutch; the other action is untouched."""
    project = projects(workspace, draft)["3.1.1"]
    old = actions(workspace, project)
    message = refused(context, action_fields_command(context, draft, [
        (old[0].id, {"status": "behaald"}), (old[1].id, {"status": "klaar"})], "x", today=TODAY))
    assert message == "'klaar' is geen status; kies uit onbekend, in behandeling, behaald, niet behaald."
    assert actions(workspace, project) == old


# --- ambitions ---------------------------------------------------------------------------------


def test_ticking_ambitions_on_a_project_undo_and_redo(context, workspace, draft, adopted):
    """The ambitions a project serves change as ticked, for the amendment only; undo restores them."""
    project = projects(workspace, draft)["3.1.1"]
    listed = [a for a, _text in ambitions(workspace, draft)]
    old = served(workspace, project)
    adopted_project = projects(workspace, adopted)["3.1.1"]
    adopted_before = served(workspace, adopted_project)
    wanted = {listed[4], listed[0]}
    assert wanted != old
    run(context, project_ambitions_command(context, draft, project, [listed[4], listed[0]], "Ambities"))
    assert context.changes[-1] == Change(draft, ChangeKind.AMBITIONS)
    assert served(workspace, project) == wanted
    assert [c.served for c in form(workspace, project).ambitions] == [a in wanted for a in listed]
    assert served(workspace, adopted_project) == adopted_before
    assert undo(context) == Change(draft, ChangeKind.AMBITIONS)
    assert served(workspace, project) == old
    redo(context)
    assert served(workspace, project) == wanted


def test_region_ambitions_add_rename_move_undo_and_redo(context, workspace, draft):
    """The region's list: an ambition added second, renamed, moved last; each undo steps back."""
    region = region_of(workspace, draft)
    start = ambitions(workspace, draft)
    add = run(context, AddAmbitionCommand(context, region, "  Jongeren   doen mee ", 1, "Ambitie toevoegen"))
    assert context.changes[-1] == Change(None, ChangeKind.AMBITIONS)
    new = add.new_id
    added = [start[0], (new, "Jongeren doen mee"), *start[1:]]
    assert ambitions(workspace, draft) == added
    run(context, rename_ambition_command(context, new, "Jongeren praten mee", "Ambitie hernoemen"))
    assert context.changes[-1] == Change(None, ChangeKind.AMBITIONS)
    renamed = [start[0], (new, "Jongeren praten mee"), *start[1:]]
    assert ambitions(workspace, draft) == renamed
    run(context, move_ambition_command(context, new, 5, "Ambitie omlaag"))
    assert context.changes[-1] == Change(None, ChangeKind.AMBITIONS)
    moved = [*start, (new, "Jongeren praten mee")]
    assert ambitions(workspace, draft) == moved

    assert undo(context) == Change(None, ChangeKind.AMBITIONS)
    assert ambitions(workspace, draft) == renamed
    undo(context)
    assert ambitions(workspace, draft) == added
    undo(context)
    assert ambitions(workspace, draft) == start
    for _ in range(3):
        redo(context)
    assert ambitions(workspace, draft) == moved  # the same id came back, so rename and move apply


def test_deleting_an_ambition_unticks_it_and_undo_ticks_it_again(context, workspace, draft):
    """An ambition only the amendment's project serves is deleted with its tick; undo restores both."""
    region = region_of(workspace, draft)
    project = projects(workspace, draft)["3.1.1"]
    new = run(context, AddAmbitionCommand(context, region, "Jongeren doen mee", 0, "x")).new_id
    run(context, project_ambitions_command(context, draft, project, served(workspace, project) | {new}, "x"))
    with_it, ticked = ambitions(workspace, draft), served(workspace, project)
    run(context, delete_ambition_command(context, new, "Ambitie verwijderen"))
    assert context.changes[-1] == Change(None, ChangeKind.AMBITIONS)
    assert ambitions(workspace, draft) == with_it[1:]
    assert served(workspace, project) == ticked - {new}
    undo(context)
    assert ambitions(workspace, draft) == with_it
    assert served(workspace, project) == ticked
    redo(context)
    assert ambitions(workspace, draft) == with_it[1:]


def test_ambition_refusals_leave_the_list_as_it_was(context, workspace, draft, adopted):
    """An ambition of the adopted plan cannot go, nor a blank one come; the adopted ticks stay."""
    before = {plan_id: state(workspace, plan_id) for plan_id in (draft, adopted)}
    first = ambitions(workspace, draft)[0]
    message = refused(context, delete_ambition_command(context, first[0], "x"))
    assert message.startswith(f"“{first[1]}” wordt gebruikt in Uitvoeringsplan 2022")
    assert "dat is vastgesteld" in message
    message = refused(context, AddAmbitionCommand(context, region_of(workspace, draft), "   ", None, "x"))
    assert message.startswith("Een ambitie heeft een tekst nodig")
    message = refused(context, rename_ambition_command(context, first[0], "x" * 301, "x"))
    assert message == "Een ambitie is hooguit 300 tekens lang; deze heeft er 301."
    project = projects(workspace, adopted)["3.1.1"]
    message = refused(context, project_ambitions_command(context, adopted, project, [], "x"))
    assert READ_ONLY in message
    assert {plan_id: state(workspace, plan_id) for plan_id in (draft, adopted)} == before


def test_refused_outline_and_project_edits_write_nothing(context, workspace, draft, adopted):
    """Every outline/project edit of the adopted plan, and every bad value, is refused in Dutch."""
    before = {plan_id: state(workspace, plan_id) for plan_id in (draft, adopted)}
    chapter, project = chapters(workspace, adopted)["3.1"], projects(workspace, adopted)["3.1.1"]
    goal, action = form(workspace, project).goals[0].id, actions(workspace, project)[0].id
    for command in [
        add_chapter_command(context, adopted, None, 0, "x", "x"),
        add_project_command(context, adopted, chapter, 0, "x", "x"),
        add_goal_command(context, adopted, project, "x", 0, "x"),
        add_action_command(context, adopted, project, "x", 0, "x"),
        delete_item_command(context, adopted, "chapter", chapter, "x"),
        delete_item_command(context, adopted, "project", project, "x"),
        delete_item_command(context, adopted, "goal", goal, "x"),
        delete_item_command(context, adopted, "action", action, "x"),
        move_item_command(context, adopted, "chapter", chapter, Place(None, 0), "x"),
        move_item_command(context, adopted, "project", project, Place(chapter, 2), "x"),
        move_item_command(context, adopted, "goal", goal, 1, "x"),
        move_item_command(context, adopted, "action", action, 1, "x"),
        project_fields_command(context, adopted, project, "x", title="x"),
        chapter_fields_command(context, adopted, chapter, "x", title="x"),
        goal_texts_command(context, adopted, [(goal, "x")], "x"),
        action_fields_command(context, adopted, [(action, {"status": "behaald"})], "x"),
    ]:
        message = refused(context, command)
        assert message.startswith("Uitvoeringsplan 2022 Regiovisie Jeugdzorg Haaglanden is vastgesteld")
        assert message.endswith(READ_ONLY)

    numbers, project = chapters(workspace, draft), projects(workspace, draft)["3.1.1"]
    bad = [
        (project_fields_command(context, draft, project, "x", title="  "),
         "Een project heeft een titel nodig; de titel mag niet leeg zijn."),
        (project_fields_command(context, draft, project, "x", start_date="1-2-2022", end_date="31-1-2022"),
         "De einddatum (31-01-2022) ligt vóór de startdatum (01-02-2022)."),
        (project_fields_command(context, draft, project, "x", end_date="31-2-2022"),
         "'31-2-2022' is geen bestaande datum. Typ een datum als 31-12-2022."),
        (project_fields_command(context, draft, project, "x", stated_half_days="-2"),
         "Dagdelen kan niet negatief zijn: '-2'."),
        (chapter_fields_command(context, draft, numbers["3"], "x", title=" "), "Een hoofdstuk heeft een titel nodig."),
        (move_item_command(context, draft, "chapter", numbers["3"], Place(numbers["3.2"], 0), "x"),
         "Een hoofdstuk kan niet in zichzelf of in een eigen paragraaf worden gezet."),
        (move_item_command(context, draft, "project", project, Place(None, 0), "x"),
         "Een project hoort in een hoofdstuk; kies een hoofdstuk om het in te zetten."),
        (add_goal_command(context, draft, project, " ", 0, "x"), "Een doel heeft een tekst nodig."),
        (add_action_command(context, draft, project, "", 0, "x"), "Een actie heeft een omschrijving nodig."),
        (add_action_command(context, draft, project, "x", 0, "x", due_date="morgen"),
         "'morgen' is geen datum. Typ een datum als 31-12-2022."),
    ]
    for command, expected in bad:
        assert refused(context, command) == expected
    assert {plan_id: state(workspace, plan_id) for plan_id in (draft, adopted)} == before
    assert context.undo_stack.count() == 0


# --- staffing: the allocation matrix --------------------------------------------------------------


def test_an_allocation_block_is_one_step_and_announces_each_cell_written(context, workspace, draft):
    """Three cells typed as a block change the dagdelen together; undo and redo announce each cell."""
    numbers = projects(workspace, draft)
    first, third = numbers["3.1.1"], numbers["3.1.3"]
    manager = ColumnKey(capacity_id=roles(workspace, draft)["Programma-management"])
    before = state(workspace, draft)
    assert context.staffing_figures(draft) == before["staffing"]  # the cache is warm, as in the window
    run(context, SetAllocationsCommand(context, draft, [
        AllocationChange(first, OFFICE, "2,5"), AllocationChange(third, OFFICE, ""),
        AllocationChange(first, manager, D("5"))], "3 cellen wijzigen"))
    assert context.undo_stack.count() == 1
    forward = (AllocationDelta(first, OFFICE, old=None, new=D("2.5")),
               AllocationDelta(third, OFFICE, old=D("4.0"), new=None),
               AllocationDelta(first, manager, old=None, new=D("5.0")))
    assert context.changes[-1] == Change(draft, ChangeKind.STAFFING, forward)
    figures = staffing(workspace, draft)
    assert figures.allocated_half_days == D("25.5")
    by_project = {p.id: (p.half_days, p.fte) for p in figures.projects}
    assert by_project[first] == (D("7.5"), D("0.75")) and by_project[third] == (D("0"), D("0.00"))
    assert [r.allocated_half_days for r in figures.roles] == [D("5.0"), D("0"), D("0")]
    assert matrix(workspace, draft).messages == [
        "Programma-management: 5 dagdelen ingezet, capaciteit voor uitvoering 4.",
        "Er zijn 25,5 dagdelen per week ingezet, meer dan de capaciteit voor uitvoering (22)."]
    assert context.staffing_figures(draft) == figures

    change = undo(context)
    assert change == Change(draft, ChangeKind.STAFFING, tuple(
        AllocationDelta(d.project_id, d.column, old=d.new, new=d.old) for d in forward))
    assert state(workspace, draft) == before
    assert context.staffing_figures(draft) == before["staffing"]
    assert redo(context) == Change(draft, ChangeKind.STAFFING, forward)
    assert staffing(workspace, draft) == figures
    assert context.staffing_figures(draft) == figures
    assert context.errors == []


def test_a_cell_named_twice_in_a_block_keeps_the_last_value_and_undoes_once(context, workspace, draft):
    """A paste naming one cell twice shows the last value; one undo empties the cell again."""
    project = projects(workspace, draft)["3.1.1"]
    before = state(workspace, draft)
    run(context, SetAllocationsCommand(context, draft, [
        AllocationChange(project, OFFICE, "1"), AllocationChange(project, OFFICE, "2")], "2 cellen"))
    assert context.changes[-1].cells == (AllocationDelta(project, OFFICE, old=None, new=D("2.0")),)
    assert cell_value(workspace, draft, project, OFFICE) == D("2.0")
    undo(context)
    assert state(workspace, draft) == before
    redo(context)
    assert cell_value(workspace, draft, project, OFFICE) == D("2.0")


def test_a_person_cell_whose_rows_carry_a_role_makes_the_cached_figures_read_again(context, workspace, draft):
    """Imported rows of a person with a role also count for the role; the shown totals must follow."""
    project = projects(workspace, draft)["3.1.1"]
    role = roles(workspace, draft)["Programma- en projectmanagement"]
    person = run(context, AddStaffingCommand(context, draft, "person", "Nieuwe medewerker", name="Fatima",
                                             capacity_id=role, available_half_days="8")).new_id
    with workspace.transaction() as s:  # as an import writes it: the person's row names the role too
        s.add(Allocation(plan_id=draft, project_id=project, capacity_id=role, person_id=person,
                         half_days=D("2.0")))
    context.invalidate()
    column = ColumnKey(person_id=person)
    cached = context.staffing_figures(draft)
    assert {r.id: r.allocated_half_days for r in cached.roles}[role] == D("2.0")

    run(context, SetAllocationsCommand(context, draft, [AllocationChange(project, column, "3")], "Fatima"))
    assert context.changes[-1] == Change(draft, ChangeKind.STAFFING, (
        AllocationDelta(project, column, old=D("2.0"), new=D("3.0"), exact=False),))
    fresh = staffing(workspace, draft)
    assert {r.id: r.allocated_half_days for r in fresh.roles}[role] == D("3.0")
    assert {p.id: p.allocated_half_days for p in fresh.people}[person] == D("3.0")
    assert context.staffing_figures(draft) == fresh
    assert undo(context).cells == (AllocationDelta(project, column, old=D("3.0"), new=D("2.0"), exact=False),)
    assert context.staffing_figures(draft) == staffing(workspace, draft)
    assert {r.id: r.allocated_half_days for r in context.staffing_figures(draft).roles}[role] == D("2.0")

    other = projects(workspace, draft)["3.1.2"]  # a person's cell without role rows is exact
    run(context, SetAllocationsCommand(context, draft, [AllocationChange(other, column, "1")], "Fatima"))
    assert context.changes[-1].cells == (AllocationDelta(other, column, old=None, new=D("1.0")),)
    assert context.staffing_figures(draft) == staffing(workspace, draft)


# --- staffing: roles, people, the fte factor -------------------------------------------------------


def test_a_new_role_at_its_place_raises_the_capacity_and_redo_keeps_its_id(context, workspace, draft):
    """A role added second with 0,5 fte for execution adds 5 dagdelen of capacity; undo removes it."""
    before = state(workspace, draft)
    assert before["staffing"].capacity_half_days == D("22.0")
    command = run(context, AddStaffingCommand(context, draft, "role", "Nieuwe rol", role=" Beleidsadviseur ",
                                              fte="0,8", execution_fte="0,5", index=1))
    assert context.changes[-1] == Change(draft, ChangeKind.STAFFING)
    sheet = load_staffing_figures(workspace, draft)
    assert [(r.role, r.fte, r.execution_fte) for r in sheet.roles] == [
        ("Programma-management", D("1.00"), D("0.40")), ("Beleidsadviseur", D("0.80"), D("0.50")),
        ("Programma- en projectmanagement", D("1.80"), D("1.80")),
        ("Secretariële ondersteuning", D("1.00"), D("0.00"))]
    assert sheet.roles[1].id == command.new_id
    assert staffing(workspace, draft).capacity_half_days == D("27.0")
    assert [(c.label, c.available) for c in matrix(workspace, draft).columns][1] == ("Beleidsadviseur", D("5.0"))
    after = state(workspace, draft)
    undo(context)
    assert state(workspace, draft) == before
    redo(context)
    assert state(workspace, draft) == after


def test_a_new_person_and_their_dagdelen_undo_and_redo(context, workspace, draft):
    """A person with a role and 8 available dagdelen gets a column; undo removes person and cell."""
    before = state(workspace, draft)
    role = roles(workspace, draft)["Programma- en projectmanagement"]
    project = projects(workspace, draft)["3.1.1"]
    person = run(context, AddStaffingCommand(context, draft, "person", "Nieuwe medewerker", name=" Fatima ",
                                             capacity_id=role, available_half_days="8")).new_id
    assert context.changes[-1] == Change(draft, ChangeKind.STAFFING)
    sheet = load_staffing_figures(workspace, draft)
    assert [(p.id, p.name, p.role_id, p.available_half_days) for p in sheet.people] == [
        (person, "Fatima", role, D("8.0"))]
    assert (matrix(workspace, draft).columns[3].label, matrix(workspace, draft).columns[3].available) == (
        "Fatima", D("8.0"))
    run(context, SetAllocationsCommand(context, draft, [AllocationChange(project, ColumnKey(person_id=person),
                                                                         "3")], "Fatima 3"))
    after = state(workspace, draft)
    undo(context)
    undo(context)
    assert state(workspace, draft) == before
    redo(context)
    redo(context)  # the dagdelen go to the same person again
    assert state(workspace, draft) == after
    assert [p.allocated_half_days for p in load_staffing_figures(workspace, draft).people] == [D("3.0")]


def _person_with_dagdelen(workspace, draft, role, project, half_days):
    """Set-up through the services: a person of ``role`` with ``half_days`` on ``project``."""
    person = staffing_edit.add_person(workspace, draft, "Fatima", role, "8")
    staffing_edit.set_allocations(workspace, draft, [
        AllocationChange(project, ColumnKey(person_id=person), half_days),
        AllocationChange(project, ColumnKey(capacity_id=role), "2")])
    return person


def test_deleting_a_role_takes_its_dagdelen_and_undo_gives_its_people_their_role_back(context, workspace, draft):
    """Deleting a role removes its column and capacity; undo restores role, place, cells and people."""
    role = roles(workspace, draft)["Programma- en projectmanagement"]
    project = projects(workspace, draft)["3.1.1"]
    person = _person_with_dagdelen(workspace, draft, role, project, "3")
    before = state(workspace, draft)
    assert before["staffing"].allocated_half_days == D("27.0")
    run(context, delete_staffing_command(context, draft, "role", role, "Rol verwijderen"))
    assert context.changes[-1] == Change(draft, ChangeKind.STAFFING)
    sheet = load_staffing_figures(workspace, draft)
    assert [r.role for r in sheet.roles] == ["Programma-management", "Secretariële ondersteuning"]
    assert [(p.id, p.role_id, p.allocated_half_days) for p in sheet.people] == [(person, None, D("3.0"))]
    figures = staffing(workspace, draft)
    assert (figures.capacity_half_days, figures.allocated_half_days) == (D("4.0"), D("25.0"))
    undo(context)
    assert state(workspace, draft) == before
    redo(context)
    assert staffing(workspace, draft) == figures
    undo(context)
    assert state(workspace, draft) == before


def test_deleting_a_person_takes_their_dagdelen_and_undo_restores_them(context, workspace, draft):
    """Deleting a person removes their column and dagdelen; undo restores both."""
    role = roles(workspace, draft)["Programma- en projectmanagement"]
    project = projects(workspace, draft)["3.1.1"]
    person = _person_with_dagdelen(workspace, draft, role, project, "3")
    before = state(workspace, draft)
    run(context, delete_staffing_command(context, draft, "person", person, "Medewerker verwijderen"))
    assert context.changes[-1] == Change(draft, ChangeKind.STAFFING)
    assert load_staffing_figures(workspace, draft).people == []
    assert staffing(workspace, draft).allocated_half_days == D("24.0")
    assert roles(workspace, draft)["Programma- en projectmanagement"] == role  # the role stays
    undo(context)
    assert state(workspace, draft) == before
    redo(context)
    assert load_staffing_figures(workspace, draft).people == []


def test_role_and_person_fields_undo_to_their_old_values(context, workspace, draft):
    """A renamed role with more execution fte raises the capacity; a person's fields change; undo restores."""
    manager = roles(workspace, draft)["Programma-management"]
    person = staffing_edit.add_person(workspace, draft, "Fatima", manager, "8")
    before = state(workspace, draft)
    run(context, role_fields_command(context, draft, manager, "Rol wijzigen", role=" Programmamanager ",
                                     execution_fte="0,6"))
    assert context.changes[-1] == Change(draft, ChangeKind.STAFFING)
    sheet = load_staffing_figures(workspace, draft)
    assert (sheet.roles[0].role, sheet.roles[0].fte, sheet.roles[0].execution_fte) == (
        "Programmamanager", D("1.00"), D("0.60"))
    assert staffing(workspace, draft).capacity_half_days == D("24.0")
    run(context, person_fields_command(context, draft, person, "Medewerker wijzigen", name="F. de Vries",
                                       capacity_id=None, available_half_days="4,5"))
    assert context.changes[-1] == Change(draft, ChangeKind.STAFFING)
    assert [(p.name, p.role_id, p.available_half_days) for p in load_staffing_figures(workspace, draft).people] == [
        ("F. de Vries", None, D("4.5"))]
    after = state(workspace, draft)
    undo(context)
    assert load_staffing_figures(workspace, draft).people[0].name == "Fatima"
    undo(context)
    assert state(workspace, draft) == before
    redo(context)
    redo(context)
    assert state(workspace, draft) == after


def test_the_fte_factor_changes_capacity_and_fte_and_undo_restores_it(context, workspace, draft):
    """With 8 dagdelen per fte the capacity is 17,6 and 4 dagdelen are 0,50 fte; undo gives back the factor before."""
    project = projects(workspace, draft)["3.1.3"]
    before = state(workspace, draft)
    context.staffing_figures(draft)
    run(context, factor_command(context, draft, "8", "Dagdelen per fte"))
    assert context.changes[-1] == Change(draft, ChangeKind.STAFFING)
    figures = staffing(workspace, draft)
    assert (figures.half_days_per_fte, figures.capacity_half_days) == (D("8.0"), D("17.6"))
    assert {p.id: p.fte for p in figures.projects}[project] == D("0.50")
    assert context.staffing_figures(draft) == figures
    run(context, factor_command(context, draft, "9,5", "Dagdelen per fte"))
    assert staffing(workspace, draft).capacity_half_days == D("20.9")
    undo(context)  # back to 8, not to the default
    assert staffing(workspace, draft) == figures
    undo(context)
    assert state(workspace, draft) == before
    assert {p.id: p.fte for p in context.staffing_figures(draft).projects}[project] == D("0.40")
    redo(context)
    assert staffing(workspace, draft) == figures


def test_refused_staffing_edits_write_nothing(context, workspace, draft, adopted):
    """Staffing edits of the adopted plan and bad values are refused in Dutch; the file stays as it was."""
    role = roles(workspace, draft)["Programma- en projectmanagement"]
    first, third = projects(workspace, draft)["3.1.1"], projects(workspace, draft)["3.1.3"]
    person = _person_with_dagdelen(workspace, draft, role, first, "6")
    before = {plan_id: state(workspace, plan_id) for plan_id in (draft, adopted)}
    adopted_role = roles(workspace, adopted)["Programma-management"]
    adopted_project = projects(workspace, adopted)["3.1.1"]
    for command in [
        SetAllocationsCommand(context, adopted, [AllocationChange(adopted_project, OFFICE, "1")], "x"),
        AddStaffingCommand(context, adopted, "role", "x", role="x"),
        AddStaffingCommand(context, adopted, "person", "x", name="x"),
        delete_staffing_command(context, adopted, "role", adopted_role, "x"),
        role_fields_command(context, adopted, adopted_role, "x", fte="2"),
        factor_command(context, adopted, "8", "x"),
    ]:
        message = refused(context, command)
        assert message.startswith("Uitvoeringsplan 2022 Regiovisie Jeugdzorg Haaglanden is vastgesteld")
        assert message.endswith(READ_ONLY)

    bad = [
        (SetAllocationsCommand(context, draft, [AllocationChange(first, OFFICE, "1"),
                                                AllocationChange(third, OFFICE, "-1")], "x"),
         "Dagdelen kan niet negatief zijn: '-1'."),
        (SetAllocationsCommand(context, draft, [AllocationChange(first, OFFICE, "2,55")], "x"),
         "'2,55' heeft te veel decimalen; dagdelen gaat tot op één decimaal."),
        (SetAllocationsCommand(context, draft, [AllocationChange(third, ColumnKey(person_id=person), "4,5")],
                               "x"),
         "Fatima zou dan 10,5 dagdelen per week werken; een week heeft 10 dagdelen."),
        (SetAllocationsCommand(context, draft, [AllocationChange(adopted_project, OFFICE, "1")], "x"),
         "Dit project bestaat niet (meer) in dit plan."),
        (role_fields_command(context, draft, role, "x", execution_fte="2"),
         "Het deel voor uitvoering (2,0 fte) kan niet groter zijn dan de formatie (1,8 fte)."),
        (AddStaffingCommand(context, draft, "role", "x", role="  "), "Een rol heeft een naam nodig."),
        (AddStaffingCommand(context, draft, "person", "x", name="Ali", available_half_days="12"),
         "Niemand is meer dan 10 dagdelen per week beschikbaar; '12' is te veel."),
        (person_fields_command(context, draft, person, "x", capacity_id=adopted_role),
         "Deze rol hoort niet bij dit plan."),
        (factor_command(context, draft, "0", "x"), "Het aantal dagdelen per fte moet groter zijn dan 0."),
        (factor_command(context, draft, "tien", "x"), "'tien' is geen getal. Typ voor dagdelen bijvoorbeeld 2,5."),
    ]
    for command, expected in bad:
        assert refused(context, command) == expected
    assert {plan_id: state(workspace, plan_id) for plan_id in (draft, adopted)} == before
    assert context.undo_stack.count() == 0


# --- commands.py: funding source fields, group fields, the key's change ---------------------------


def test_funding_source_rename_and_note_undo_and_redo(context, workspace, draft, adopted):
    """A funding source renamed with a note keeps its amounts; undo brings back name and note."""
    before = load_funding_sheet(workspace, draft).sources
    source = before[0]
    run(context, source_fields_command(context, draft, source.id, "Dekkingsbron wijzigen",
                                       name=" Rijksbijdrage ", note="Brief van VWS"))
    assert context.changes[-1] == Change(draft, ChangeKind.FUNDING)
    row = load_funding_sheet(workspace, draft).sources[0]
    assert (row.id, row.name, row.note, row.amounts) == (source.id, "Rijksbijdrage", "Brief van VWS",
                                                         source.amounts)
    assert undo(context) == Change(draft, ChangeKind.FUNDING)
    assert load_funding_sheet(workspace, draft).sources == before
    assert redo(context) == Change(draft, ChangeKind.FUNDING)
    assert load_funding_sheet(workspace, draft).sources[0] == row

    adopted_before = load_funding_sheet(workspace, adopted).sources
    assert refused(context, source_fields_command(context, draft, source.id, "x", name="  ")) == (
        "Een dekkingsbron heeft een naam nodig.")
    assert refused(context, source_fields_command(context, adopted, adopted_before[0].id, "x",
                                                  name="x")).endswith(READ_ONLY)
    assert load_funding_sheet(workspace, draft).sources[0] == row
    assert load_funding_sheet(workspace, adopted).sources == adopted_before


def test_budget_group_rename_and_subtotal_undo_and_redo(context, workspace, draft, adopted):
    """A budget group renamed and given a printed subtotal shows both; undo restores the group."""
    sheet = load_sheet(workspace, draft)
    old = next(r for r in sheet.rows if r.label == "Beter Samenspel")
    run(context, group_fields_command(context, draft, old.id, "Groep wijzigen", name=" Beter Samenspel H10 ",
                                      shows_subtotal=not old.shows_subtotal))
    assert context.changes[-1] == Change(draft, ChangeKind.BUDGET_STRUCTURE)
    rows = load_sheet(workspace, draft).rows
    new = rows[load_sheet(workspace, draft).group_row[old.id]]
    assert (new.label, new.number, new.shows_subtotal) == ("Beter Samenspel H10", old.number,
                                                           not old.shows_subtotal)
    assert undo(context) == Change(draft, ChangeKind.BUDGET_STRUCTURE)
    assert load_sheet(workspace, draft).rows == sheet.rows
    redo(context)
    assert load_sheet(workspace, draft).rows == rows

    adopted_group = next(r.id for r in load_sheet(workspace, adopted).rows if r.label == "Beter Samenspel")
    assert refused(context, group_fields_command(context, draft, old.id, "x", name=" ")) == (
        "Een groep heeft een naam nodig.")
    assert refused(context, group_fields_command(context, adopted, adopted_group, "x",
                                                 name="x")).endswith(READ_ONLY)
    assert load_sheet(workspace, draft).rows == rows


def test_a_key_edit_is_announced_as_the_key_of_its_plan(context, workspace, draft):
    """A changed basis figure is announced as a key change of this plan, so the shown shares follow."""
    sheet = load_key_sheet(workspace, draft)
    den_haag = next(r for r in sheet.rows if r.municipality == "Den Haag")
    context.budget_contributions(draft)  # warm, as the status bar keeps it
    run(context, SetSharesCommand(context, draft, [key_edit.ShareChange(den_haag.id, None, 448300)], "Basis"))
    assert context.changes[-1] == Change(draft, ChangeKind.KEY)
    changed = load_key_sheet(workspace, draft)
    assert next(r.basis for r in changed.rows if r.id == den_haag.id) == 448300
    assert context.budget_contributions(draft)[0] == changed.contributions
    assert undo(context) == Change(draft, ChangeKind.KEY)
    assert load_key_sheet(workspace, draft).rows == sheet.rows
    assert context.budget_contributions(draft)[0] == sheet.contributions
    assert redo(context) == Change(draft, ChangeKind.KEY)


# --- commands.py: a step that fails on undo or redo -------------------------------------------------


def test_an_undo_the_file_refuses_reports_the_dutch_message_and_drops_the_step(context, workspace, draft):
    """Undoing an add whose project is gone shows the Dutch message, drops the step and reloads the views."""
    chapter = chapters(workspace, draft)["3.1"]
    first = run(context, add_project_command(context, draft, chapter, None, "Pleegzorg", "Nieuw project"))
    run(context, add_project_command(context, draft, chapter, None, "Jeugdbescherming", "Nieuw project"))
    project_edit.delete_project(workspace, first.new_id)  # gone outside the undo commands
    reloads, announced = len(context.reloads), len(context.changes)
    context.undo_stack.undo()  # the second add: fine
    assert context.errors == []
    context.undo_stack.undo()  # the first add: its project is gone
    assert context.errors == ["Dit project bestaat niet meer."]
    assert context.undo_stack.count() == 1 and context.undo_stack.index() == 0
    assert context.undo_stack.redoText() == "Nieuw project"  # the second add can still be redone
    assert len(context.reloads) == reloads + 1
    assert len(context.changes) == announced + 1  # only the good undo was announced
    context.undo_stack.redo()
    assert "3.1.6 Jeugdbescherming" in labels(workspace, draft)
    assert "Pleegzorg" not in " ".join(labels(workspace, draft))


def test_a_redo_the_file_refuses_reports_the_dutch_message_and_drops_the_step(context, workspace, draft):
    """Redoing a goal whose project was deleted meanwhile shows the Dutch message; no redo remains."""
    project = projects(workspace, draft)["3.1.1"]
    run(context, add_goal_command(context, draft, project, "Doel", None, "Nieuw doel"))
    context.undo_stack.undo()
    project_edit.delete_project(workspace, project)
    reloads, announced = len(context.reloads), len(context.changes)
    context.undo_stack.redo()
    assert context.errors == ["Dit project bestaat niet meer."]
    assert not context.undo_stack.canRedo() and context.undo_stack.count() == 0
    assert len(context.reloads) == reloads + 1 and len(context.changes) == announced


def test_a_step_that_crashes_is_reported_by_name_in_dutch_and_dropped(context, workspace, draft, planbord_qapp):
    """An unexpected failure during undo tells the user, in Dutch, which step failed; it is dropped."""
    project = projects(workspace, draft)["3.1.1"]

    def broken(_old):
        raise RuntimeError("schijf vol")

    command = CallCommand(context, draft, "projects", "Titel wijzigen",
                          do=lambda: project_edit.set_project_fields(workspace, project, title="Wachtlijsten"),
                          undo_with=broken)
    run(context, command)
    reloads, announced = len(context.reloads), len(context.changes)
    context.undo_stack.undo()
    assert context.errors == ["“Titel wijzigen” kon niet ongedaan worden gemaakt of opnieuw worden uitgevoerd; "
                              "het bestand is niet veranderd."]
    assert context.undo_stack.count() == 0 and not context.undo_stack.canRedo()
    assert len(context.reloads) == reloads + 1 and len(context.changes) == announced
    assert form(workspace, project).title == "Wachtlijsten"  # as the message says: the file is unchanged


# --- properties -----------------------------------------------------------------------------------


def quick_state(workspace, plan_id, watched) -> tuple:
    """A lighter ``state``: the outline, the formatie, the matrix and the forms of ``watched``."""
    return (outline(workspace, plan_id), load_staffing_figures(workspace, plan_id), matrix(workspace, plan_id),
            [(form(workspace, p), actions(workspace, p)) for p in watched])


def _script(context, workspace, draft) -> tuple[list, list[int]]:
    """Commands of every kind, later ones referring to rows the earlier ones made."""
    numbers, chapter = projects(workspace, draft), chapters(workspace, draft)
    first = numbers["3.1.1"]
    goal, action = form(workspace, first).goals[0].id, actions(workspace, first)[0].id
    manager = roles(workspace, draft)["Programma-management"]
    steps = [
        lambda done: add_project_command(context, draft, chapter["3.1"], 0, "Pleegzorg", "Nieuw project"),
        lambda done: SetAllocationsCommand(context, draft, [
            AllocationChange(done[0].new_id, OFFICE, "2"), AllocationChange(numbers["3.1.3"], OFFICE, None)], "cellen"),
        lambda done: add_goal_command(context, draft, done[0].new_id, "Pleeggezinnen gevonden", None, "Nieuw doel"),
        lambda done: project_fields_command(context, draft, first, "velden", title="Wachtlijsten", status="aandacht"),
        lambda done: goal_texts_command(context, draft, [(goal, "a"), (goal, "b")], "doelen"),
        lambda done: move_item_command(context, draft, "project", first, Place(chapter["4"], 0), "verplaatsen"),
        lambda done: delete_item_command(context, draft, "chapter", chapter["3.2"], "hoofdstuk weg"),
        lambda done: AddStaffingCommand(context, draft, "role", "rol", role="Adviseur", fte="1",
                                        execution_fte="1", index=0),
        lambda done: delete_staffing_command(context, draft, "role", manager, "rol weg"),
        lambda done: factor_command(context, draft, "8", "factor"),
        lambda done: project_ambitions_command(context, draft, first, [], "ambities"),
        lambda done: action_fields_command(context, draft, [(action, {"status": "behaald"})], "actie", today=TODAY),
        lambda done: delete_item_command(context, draft, "project", done[0].new_id, "project weg"),
    ]
    done = []
    for step in steps:
        done.append(run(context, step(done)))
    return done, [first, done[0].new_id]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(walk=st.lists(st.booleans(), min_size=1, max_size=30))
def test_any_walk_of_undos_and_redos_shows_the_plan_as_after_that_many_steps(context, workspace, draft, walk):
    """However the user goes back and forth, the plan shows what replaying that many steps showed."""
    if not hasattr(context, "recorded"):  # one replay for all examples: the state after each step
        commands, watched = _script(context, workspace, draft)
        context.undo_stack.setIndex(0)
        recorded = [quick_state(workspace, draft, watched)]
        for _ in commands:
            context.undo_stack.redo()
            recorded.append(quick_state(workspace, draft, watched))
        context.recorded, context.watched = recorded, watched
    recorded, watched = context.recorded, context.watched
    steps = len(recorded) - 1
    context.undo_stack.setIndex(0)
    assert quick_state(workspace, draft, watched) == recorded[0]
    for back in walk:
        (context.undo_stack.undo if back else context.undo_stack.redo)()
    assert context.undo_stack.count() == steps
    assert quick_state(workspace, draft, watched) == recorded[context.undo_stack.index()]
    context.undo_stack.setIndex(steps)
    assert quick_state(workspace, draft, watched) == recorded[steps]
    assert context.errors == []


cell_values = st.sampled_from(["", "0", "1", "2,5", "4", D("0.5"), None])
staffing_ops = st.lists(st.tuples(
    st.sampled_from(["cell", "block", "undo", "undo", "redo", "factor", "execution", "delete_project"]),
    st.integers(min_value=0, max_value=11), st.integers(min_value=0, max_value=3), cell_values),
    min_size=1, max_size=12)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=staffing_ops)
def test_cached_staffing_figures_follow_every_allocation_edit_undo_and_redo(context, workspace, adopted, ops):
    """The staffing figures the context adjusts cell by cell equal a fresh computation after any edits."""
    draft = create_amendment(workspace, adopted)
    context.undo_stack.clear()
    numbers = projects(workspace, draft)
    picks = [numbers["3.1.1"], numbers["3.1.3"], numbers["Doorlopend algemeen"]]
    role_ids = list(roles(workspace, draft).values())
    person = staffing_edit.add_person(workspace, draft, "Fatima", role_ids[1], "8")
    with workspace.transaction() as s:  # imported: the person's row also names a role
        s.add(Allocation(plan_id=draft, project_id=picks[0], capacity_id=role_ids[1], person_id=person,
                         half_days=D("1.0")))
    context.invalidate()
    columns = [OFFICE, ColumnKey(capacity_id=role_ids[0]), ColumnKey(capacity_id=role_ids[1]),
               ColumnKey(person_id=person)]
    assert context.staffing_figures(draft) == staffing(workspace, draft)
    for op, pick, column, value in ops:
        project, key = picks[pick % len(picks)], columns[column]
        command = None
        if op == "cell":
            command = SetAllocationsCommand(context, draft, [AllocationChange(project, key, value)], "cel")
        elif op == "block":
            command = SetAllocationsCommand(context, draft, [
                AllocationChange(project, key, value),
                AllocationChange(picks[(pick + 1) % len(picks)], columns[(column + 1) % 4], "1")], "blok")
        elif op == "undo":
            context.undo_stack.undo()
        elif op == "redo":
            context.undo_stack.redo()
        elif op == "factor":
            command = factor_command(context, draft, ["8", "10", "9,5"][pick % 3], "factor")
        elif op == "execution":
            command = role_fields_command(context, draft, role_ids[1], "fte", execution_fte=["1,8", "1", "0"][pick % 3])
        elif op == "delete_project":
            command = delete_item_command(context, draft, "project", project, "weg")
        if command is not None:
            execute(context, command)  # a refusal (deleted project, a full week) changes nothing
        assert context.staffing_figures(draft) == staffing(workspace, draft)
    assert context.errors == []


# --- several goals or actions at once: one transaction -------------------------------------------

def test_a_pasted_block_of_action_fields_with_one_gone_action_writes_nothing(context, workspace, draft):
    """The second action was deleted meanwhile: the whole block is refused, the first action
    keeps its owner, nothing is on the undo stack (before, the first was written and then
    compensated in Python)."""
    project = projects(workspace, draft)["3.1.1"]
    first, second = actions(workspace, project)[:2]
    project_edit.delete_action(workspace, second.id)
    before = state(workspace, draft)
    message = refused(context, action_fields_command(
        context, draft, [(first.id, {"owner": "Gemeente Delft"}), (second.id, {"owner": "Rijswijk"})],
        "2 acties wijzigen", today=TODAY))
    assert message == "Deze actie bestaat niet meer."
    assert state(workspace, draft) == before
    assert actions(workspace, project)[0].owner == first.owner


def test_a_block_naming_one_goal_twice_ends_on_the_last_text_and_one_undo_restores_it(
        context, workspace, draft):
    project = projects(workspace, draft)["3.1.1"]
    goal = form(workspace, project).goals[0]
    run(context, goal_texts_command(context, draft, [(goal.id, "Eerst dit"), (goal.id, "Dan dit")],
                                    "2 doelen wijzigen"))
    assert form(workspace, project).goals[0].text == "Dan dit"
    undo(context)
    assert form(workspace, project).goals[0].text == goal.text
    redo(context)
    assert form(workspace, project).goals[0].text == "Dan dit"


def test_goal_texts_refused_for_one_are_written_for_none(workspace, draft):
    from app.services.edit_errors import EditError

    project = projects(workspace, draft)["3.1.1"]
    goals = form(workspace, project).goals
    with pytest.raises(EditError, match="Een doel heeft een tekst nodig."):
        project_edit.set_goal_texts(workspace, [(goals[0].id, "Nieuw"), (goals[0].id, "   ")])
    assert form(workspace, project).goals[0].text == goals[0].text
