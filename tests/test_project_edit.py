"""Chapter, project, goal and action edits: validated first, one transaction each, exactly undoable."""
from datetime import date
from decimal import Decimal

import pytest
from conftest import examples
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from app.models import (
    Action,
    ActionStatus,
    Allocation,
    BudgetGroup,
    BudgetLine,
    Chapter,
    Goal,
    Person,
    Plan,
    PlanKind,
    Project,
    ProjectAmbition,
    ProjectStatus,
    Role,
)
from app.services import project_edit as edit
from app.services import staffing_edit
from app.services.edit_errors import EditError, PlanReadOnlyError
from app.services.plan_copy import create_amendment

TODAY = date(2022, 6, 1)


@pytest.fixture
def workspace(ws):
    """The demo workspace, as a file and on the PostgreSQL test server (conftest ``ws``)."""
    return ws


def adopted_id(workspace) -> int:
    with workspace.session() as s:
        return s.scalars(select(Plan.id).where(Plan.kind == PlanKind.PLAN)).one()


@pytest.fixture
def draft(workspace):
    return create_amendment(workspace, adopted_id(workspace))


def plan_dump(workspace, plan_id):
    """Everything of a plan's content and staffing a user could see, in a comparable form."""
    def rows(s, model, *where):
        return [tuple(v for _k, v in sorted(_cols(o).items()))
                for o in sorted(s.scalars(select(model).where(*where)), key=lambda o: o.id)]

    with workspace.session() as s:
        plan = s.get(Plan, plan_id)
        chapters = rows(s, Chapter, Chapter.plan_id == plan_id)
        chapter_ids = [c.id for c in s.scalars(select(Chapter).where(Chapter.plan_id == plan_id))]
        projects = rows(s, Project, Project.chapter_id.in_(chapter_ids))
        project_ids = list(s.scalars(select(Project.id).where(Project.chapter_id.in_(chapter_ids))))
        return {
            "factor": plan.half_days_per_fte,
            "chapters": chapters,
            "projects": projects,
            "goals": rows(s, Goal, Goal.project_id.in_(project_ids)),
            "actions": rows(s, Action, Action.project_id.in_(project_ids)),
            "allocations": rows(s, Allocation, Allocation.plan_id == plan_id),
            "roles": rows(s, Role, Role.plan_id == plan_id),
            "people": rows(s, Person, Person.plan_id == plan_id),
            "ambitions": sorted(s.execute(select(ProjectAmbition.project_id, ProjectAmbition.ambition_id)
                                          .where(ProjectAmbition.project_id.in_(project_ids))).all()),
            "links": sorted(s.execute(select(BudgetLine.id, BudgetLine.project_id).join(
                BudgetLine.group).where(BudgetGroup.plan_id == plan_id)).all()),
        }


def _cols(obj) -> dict:
    return {c.key: getattr(obj, c.key) for c in obj.__mapper__.column_attrs}


def project_by_number(workspace, plan_id, number) -> int:
    with workspace.session() as s:
        return s.scalars(select(Project.id).join(Project.chapter).where(
            Chapter.plan_id == plan_id, Project.number == number)).one()


def chapter_by_number(workspace, plan_id, number) -> int:
    with workspace.session() as s:
        return s.scalars(select(Chapter.id).where(
            Chapter.plan_id == plan_id, Chapter.number == number)).one()


def numbers(workspace, plan_id, chapter_number) -> list[tuple[str, str]]:
    with workspace.session() as s:
        chapter = s.get(Chapter, chapter_by_number(workspace, plan_id, chapter_number))
        return [(p.number, p.title) for p in sorted(chapter.projects, key=lambda p: p.position)]


# --- dates ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("31-12-2022", date(2022, 12, 31)), ("31-12-22", date(2022, 12, 31)),
    ("1-2-2023", date(2023, 2, 1)), ("2022-12-31", date(2022, 12, 31)), ("  ", None), (None, None),
    (date(2022, 5, 1), date(2022, 5, 1)),
])
def test_parse_date_nl(text, expected):
    assert edit.parse_date_nl(text) == expected


@pytest.mark.parametrize("text, words", [("31-02-2022", "geen bestaande datum"),
                                         ("morgen", "'morgen' is geen datum"),
                                         ("12/2022", "geen datum")])
def test_parse_date_nl_refuses_with_a_dutch_message(text, words):
    with pytest.raises(EditError) as info:
        edit.parse_date_nl(text)
    assert words in info.value.message and "31-12-2022" in info.value.message


# --- numbering --------------------------------------------------------------------------------

def test_renumber_keeps_the_published_numbers(workspace, draft):
    before = plan_dump(workspace, draft)
    with workspace.transaction() as s:
        edit.renumber(s, draft)
        assert not s.dirty
    assert plan_dump(workspace, draft) == before
    assert numbers(workspace, draft, "4")[0] == ("4.2", "Jeugdhulp in gezinsvormen")  # after 4.1


def test_moving_3_1_3_into_3_2_renumbers_and_the_others_close_up(workspace, draft):
    before = plan_dump(workspace, draft)
    project = project_by_number(workspace, draft, "3.1.3")
    target = chapter_by_number(workspace, draft, "3.2")
    was = edit.move_project(workspace, project, edit.Place(target, 99))
    assert numbers(workspace, draft, "3.2")[-1] == ("3.2.4", "Intensiveren Beter Samenspel")
    assert [n for n, _ in numbers(workspace, draft, "3.1")] == ["3.1.1", "3.1.2", "3.1.3", "3.1.4"]
    assert numbers(workspace, draft, "3.1")[2][1] == "Vernieuwing JeugdzorgPlus"
    edit.move_project(workspace, project, was)
    assert plan_dump(workspace, draft) == before


def test_moving_a_chapter_renumbers_everything_below_it(workspace, draft):
    before = plan_dump(workspace, draft)
    chapter = chapter_by_number(workspace, draft, "3.2")
    was = edit.move_chapter(workspace, chapter, edit.Place(None, 0))
    assert numbers(workspace, draft, "1")[0][0] == "1.1"  # Ontwikkeling jeugdhulpmonitor
    assert numbers(workspace, draft, "4.2") == [("4.2.1", "Big 5"), (
        "4.2.2", "Kostenbeheersing: richtinggevend kader en bestedingsruimte")]  # was 3.3
    edit.move_chapter(workspace, chapter, was)
    assert plan_dump(workspace, draft) == before


def test_a_chapter_cannot_go_into_itself(workspace, draft):
    chapter = chapter_by_number(workspace, draft, "3")
    child = chapter_by_number(workspace, draft, "3.1")
    with pytest.raises(EditError, match="in zichzelf"):
        edit.move_chapter(workspace, chapter, edit.Place(child, 0))
    with pytest.raises(EditError, match="hoort in een hoofdstuk"):
        edit.move_project(workspace, project_by_number(workspace, draft, "3.1.1"), edit.Place(None, 0))


def test_add_chapter_and_project_number_themselves(workspace, draft):
    chapter = edit.add_chapter(workspace, draft, chapter_by_number(workspace, draft, "3"), 1,
                               "Nieuwe paragraaf")
    project = edit.add_project(workspace, chapter, title="Nieuw project")
    assert numbers(workspace, draft, "3.2") == [("3.2.1", "Nieuw project")]
    assert numbers(workspace, draft, "3.3")[0][0] == "3.3.1"  # the old 3.2 moved down
    general = edit.add_project(workspace, chapter, title="Algemeen", is_general=True)
    with workspace.session() as s:
        assert s.get(Project, general).number == ""
    edit.delete_project(workspace, project)
    edit.delete_project(workspace, general)
    edit.delete_chapter(workspace, chapter)
    assert numbers(workspace, draft, "3.2")[0] == ("3.2.1", "Ontwikkeling jeugdhulpmonitor")


# --- projects --------------------------------------------------------------------------------

def test_an_empty_title_is_refused_and_nothing_is_written(workspace, draft):
    project = project_by_number(workspace, draft, "3.1.1")
    before = plan_dump(workspace, draft)
    for title in ("", "   ", None):
        with pytest.raises(EditError) as info:
            edit.set_project_fields(workspace, project, title=title, description="nieuw")
        assert "titel" in info.value.message
    assert plan_dump(workspace, draft) == before


def test_end_before_start_and_bad_dates_are_refused(workspace, draft):
    project = project_by_number(workspace, draft, "3.1.1")
    before = plan_dump(workspace, draft)
    with pytest.raises(EditError, match="vóór de startdatum"):
        edit.set_project_fields(workspace, project, end_date="31-12-2021")
    with pytest.raises(EditError, match="geen bestaande datum"):
        edit.set_project_fields(workspace, project, start_date="31-02-2022")
    with pytest.raises(EditError, match="geen status"):
        edit.set_project_fields(workspace, project, status="klaar")
    assert plan_dump(workspace, draft) == before


def test_project_fields_set_and_undo(workspace, draft):
    project = project_by_number(workspace, draft, "3.1.1")
    before = plan_dump(workspace, draft)
    old = edit.set_project_fields(
        workspace, project, title=" Wachtlijsten ", description="Anders", sponsor_admin="Wethouder X",
        sponsor_official="Directeur Y", contractor="Servicebureau", start_date="1-3-2022",
        end_date=date(2022, 11, 30), status="op koers", stated_half_days="2,5")
    with workspace.session() as s:
        p = s.get(Project, project)
        assert (p.title, p.start_date, p.status, p.stated_half_days) == (
            "Wachtlijsten", date(2022, 3, 1), ProjectStatus.ON_TRACK, Decimal("2.5"))
    edit.set_project_fields(workspace, project, **old)
    assert plan_dump(workspace, draft) == before


def test_delete_project_takes_everything_and_restore_gives_it_back(workspace, draft):
    before = plan_dump(workspace, draft)
    project = project_by_number(workspace, draft, "3.1.3")  # goals, actions, 4 dagdelen, budget lines
    summary = edit.deletion_summary(workspace, "project", project)
    assert summary.startswith("Project 3.1.3 Intensiveren Beter Samenspel wordt verwijderd met")
    assert "1 doel" in summary and "1 inzetregel" in summary and "begrotingspost" in summary
    snapshot = edit.delete_project(workspace, project)
    assert snapshot.allocations and snapshot.budget_links
    after = plan_dump(workspace, draft)
    assert all(link[1] != project for link in after["links"])
    assert [n for n, _ in numbers(workspace, draft, "3.1")] == ["3.1.1", "3.1.2", "3.1.3", "3.1.4"]
    edit.restore(workspace, snapshot)
    assert plan_dump(workspace, draft) == before


def test_delete_chapter_with_paragraphs_and_restore(workspace, draft):
    before = plan_dump(workspace, draft)
    chapter = chapter_by_number(workspace, draft, "3")
    assert "3 paragrafen, 10 projecten" in edit.deletion_summary(workspace, "chapter", chapter)
    snapshot = edit.delete_chapter(workspace, chapter)
    assert len(snapshot.chapters) == 4 and len(snapshot.projects) == 10
    assert numbers(workspace, draft, "3")[0] == ("3.2", "Jeugdhulp in gezinsvormen")  # 4 became 3
    edit.restore(workspace, snapshot)
    assert plan_dump(workspace, draft) == before


def test_adopted_plan_refuses_every_edit(workspace):
    plan = adopted_id(workspace)
    before = plan_dump(workspace, plan)
    project = project_by_number(workspace, plan, "3.1.1")
    with workspace.session() as s:
        action = s.get(Project, project).actions[0].id
        goal = s.get(Project, project).goals[0].id
    attempts = [
        lambda: edit.add_chapter(workspace, plan),
        lambda: edit.set_project_fields(workspace, project, title="x"),
        lambda: edit.move_project(workspace, project, edit.Place(chapter_by_number(workspace, plan, "3.2"), 0)),
        lambda: edit.delete_project(workspace, project),
        lambda: edit.add_goal(workspace, project, "doel"),
        lambda: edit.delete_goal(workspace, goal),
        lambda: edit.set_action_fields(workspace, action, status="behaald"),
        lambda: edit.delete_chapter(workspace, chapter_by_number(workspace, plan, "3")),
    ]
    for attempt in attempts:
        with pytest.raises(PlanReadOnlyError) as info:
            attempt()
        assert "vastgesteld (BOJ 11-11-2021)" in info.value.message
    assert plan_dump(workspace, plan) == before


# --- goals and actions -------------------------------------------------------------------------

def test_goals_add_edit_reorder_delete_and_undo(workspace, draft):
    project = project_by_number(workspace, draft, "3.1.1")
    before = plan_dump(workspace, draft)
    goal = edit.add_goal(workspace, project, "Een nieuw doel", index=0)
    old_text = edit.set_goal_text(workspace, goal, "Een beter doel")
    with pytest.raises(EditError, match="tekst nodig"):
        edit.set_goal_text(workspace, goal, " ")
    old_index = edit.move_goal(workspace, goal, 2)
    with workspace.session() as s:
        assert [g.text for g in s.get(Project, project).goals][2] == "Een beter doel"
    edit.move_goal(workspace, goal, old_index)
    edit.set_goal_text(workspace, goal, old_text)
    snapshot = edit.delete_goal(workspace, goal)
    assert plan_dump(workspace, draft) == before
    edit.restore(workspace, snapshot)
    edit.delete_goal(workspace, goal)
    first = plan_dump(workspace, draft)["goals"]
    with workspace.session() as s:
        first_goal = s.get(Project, project).goals[0].id
    snapshot = edit.delete_goal(workspace, first_goal)
    edit.restore(workspace, snapshot)
    assert plan_dump(workspace, draft)["goals"] == first


def test_actions_set_fields_update_the_date_and_undo_exactly(workspace, draft):
    project = project_by_number(workspace, draft, "3.1.1")
    before = plan_dump(workspace, draft)
    action = edit.add_action(workspace, project, "Plan van aanpak schrijven", today=TODAY)
    old = edit.set_action_fields(workspace, action, today=date(2022, 6, 2), owner="Servicebureau",
                                 due_date="30-09-22", status="in behandeling", remark="loopt")
    with workspace.session() as s:
        a = s.get(Action, action)
        assert (a.owner, a.due_date, a.status, a.remark, a.updated_on) == (
            "Servicebureau", date(2022, 9, 30), ActionStatus.IN_PROGRESS, "loopt", date(2022, 6, 2))
    assert old["updated_on"] == TODAY
    edit.set_action_fields(workspace, action, **old)
    with workspace.session() as s:
        assert s.get(Action, action).updated_on == TODAY
    edit.delete_action(workspace, action)
    assert plan_dump(workspace, draft) == before


def test_bad_due_date_or_status_writes_nothing(workspace, draft):
    project = project_by_number(workspace, draft, "3.1.1")
    with workspace.session() as s:
        action = s.get(Project, project).actions[0].id
    before = plan_dump(workspace, draft)
    for bad in ("31-02-2022", "morgen"):
        with pytest.raises(EditError) as info:
            edit.set_action_fields(workspace, action, status="behaald", due_date=bad)
        assert "datum" in info.value.message
    with pytest.raises(EditError, match="kies uit onbekend, in behandeling, behaald, niet behaald"):
        edit.set_action_fields(workspace, action, status="groen")
    with pytest.raises(EditError, match="omschrijving"):
        edit.set_action_fields(workspace, action, description="")
    with pytest.raises(EditError, match="geen datum"):
        edit.add_action(workspace, project, "x", due_date="morgen")
    assert plan_dump(workspace, draft) == before


def test_action_reorder_and_delete_restore(workspace, draft):
    project = project_by_number(workspace, draft, "3.3.2")  # ten actions
    before = plan_dump(workspace, draft)
    with workspace.session() as s:
        ids = [a.id for a in s.get(Project, project).actions]
    old = edit.move_action(workspace, ids[0], 9)
    assert edit.place_of(workspace, "action", ids[0]) == edit.Place(project, 9)
    edit.move_action(workspace, ids[0], old)
    snapshot = edit.delete_action(workspace, ids[4])
    edit.restore(workspace, snapshot)
    assert plan_dump(workspace, draft) == before


# --- any sequence of edits, undone in reverse, leaves the plan as it was ------------------

operations = st.lists(st.tuples(
    st.sampled_from(["project_fields", "add_project", "move_project", "delete_project",
                     "add_chapter", "move_chapter", "delete_chapter",
                     "add_goal", "goal_text", "move_goal", "delete_goal",
                     "add_action", "action_fields", "move_action", "delete_action",
                     "allocation", "person"]),
    st.integers(min_value=0, max_value=10**6), st.integers(min_value=0, max_value=40)),
    min_size=1, max_size=10)


def test_edits_then_the_inverses_in_reverse_restore_the_plan(workspace):
    @settings(max_examples=examples(workspace, 20), deadline=None)
    @given(ops=operations)
    def check(ops):
        edits_then_inverses_restore_the_plan(workspace, ops)

    check()


def edits_then_inverses_restore_the_plan(workspace, ops):
    draft = create_amendment(workspace, adopted_id(workspace))  # a fresh draft per example
    before = plan_dump(workspace, draft)
    undo = []
    for op, pick, small in ops:
        undo += _apply(workspace, draft, op, pick, small)
    for step in reversed(undo):
        step()
    assert plan_dump(workspace, draft) == before


def _apply(ws, plan_id, op, pick, small) -> list:
    with ws.session() as s:
        chapters = list(s.scalars(select(Chapter.id).where(Chapter.plan_id == plan_id).order_by(Chapter.id)))
        projects = list(s.scalars(select(Project.id).where(Project.chapter_id.in_(chapters))
                                  .order_by(Project.id)))
        goals = list(s.scalars(select(Goal.id).where(Goal.project_id.in_(projects)).order_by(Goal.id)))
        actions = list(s.scalars(select(Action.id).where(Action.project_id.in_(projects))
                                 .order_by(Action.id)))
        roles = list(s.scalars(select(Role.id).where(Role.plan_id == plan_id)))
    if not chapters:
        return []
    chapter = chapters[pick % len(chapters)]
    project = projects[pick % len(projects)] if projects else None
    goal = goals[pick % len(goals)] if goals else None
    action = actions[pick % len(actions)] if actions else None
    if op == "project_fields" and project:
        old = edit.set_project_fields(ws, project, title=f"Titel {pick}", status=list(ProjectStatus)[
            small % 5], stated_half_days=Decimal(small).scaleb(-1), start_date=date(2022, 1 + small % 12, 1))
        return [lambda: edit.set_project_fields(ws, project, **old)]
    if op == "add_project":
        new = edit.add_project(ws, chapter, small % 5, f"Project {pick}", is_general=small % 7 == 0)
        return [lambda: edit.delete_project(ws, new)]
    if op == "move_project" and project:
        was = edit.move_project(ws, project, edit.Place(chapter, small % 6))
        return [lambda: edit.move_project(ws, project, was)]
    if op == "delete_project" and project:
        snap = edit.delete_project(ws, project)
        return [lambda: edit.restore(ws, snap)]
    if op == "add_chapter":
        parent = None if small % 3 == 0 else chapter
        new = edit.add_chapter(ws, plan_id, parent, small % 4, f"Hoofdstuk {pick}")
        return [lambda: edit.delete_chapter(ws, new)]
    if op == "move_chapter":
        target = chapters[small % len(chapters)] if small % 4 else None
        try:
            was = edit.move_chapter(ws, chapter, edit.Place(target, small % 5))
        except EditError:  # into itself: refused, nothing to undo
            return []
        return [lambda: edit.move_chapter(ws, chapter, was)]
    if op == "delete_chapter" and len(chapters) > 1:
        snap = edit.delete_chapter(ws, chapter)
        return [lambda: edit.restore(ws, snap)]
    if op == "add_goal" and project:
        new = edit.add_goal(ws, project, f"Doel {pick}", small % 4)
        return [lambda: edit.delete_goal(ws, new)]
    if op == "goal_text" and goal:
        old = edit.set_goal_text(ws, goal, f"Doel {pick}")
        return [lambda: edit.set_goal_text(ws, goal, old)]
    if op == "move_goal" and goal:
        old = edit.move_goal(ws, goal, small % 5)
        return [lambda: edit.move_goal(ws, goal, old)]
    if op == "delete_goal" and goal:
        snap = edit.delete_goal(ws, goal)
        return [lambda: edit.restore(ws, snap)]
    if op == "add_action" and project:
        new = edit.add_action(ws, project, f"Actie {pick}", small % 4, today=TODAY)
        return [lambda: edit.delete_action(ws, new)]
    if op == "action_fields" and action:
        old = edit.set_action_fields(ws, action, today=TODAY, status=list(ActionStatus)[small % 4],
                                     owner=f"Eigenaar {small}", due_date=f"{1 + small % 28}-3-2022",
                                     remark=f"opmerking {pick}")
        return [lambda: edit.set_action_fields(ws, action, **old)]
    if op == "move_action" and action:
        old = edit.move_action(ws, action, small % 5)
        return [lambda: edit.move_action(ws, action, old)]
    if op == "delete_action" and action:
        snap = edit.delete_action(ws, action)
        return [lambda: edit.restore(ws, snap)]
    if op == "allocation" and project and roles:
        column = staffing_edit.ColumnKey(capacity_id=roles[small % len(roles)]) if small % 3 \
            else staffing_edit.OFFICE
        old = staffing_edit.set_allocations(ws, plan_id, [staffing_edit.AllocationChange(
            project, column, None if small % 5 == 0 else Decimal(small).scaleb(-1))])
        return [lambda: staffing_edit.set_allocations(ws, plan_id, old)]
    if op == "person":
        person = staffing_edit.add_person(ws, plan_id, f"Medewerker {pick}", roles[0] if roles else None,
                                          Decimal(small % 11))
        steps = [lambda: staffing_edit.delete_person(ws, person)]
        if project:
            old = staffing_edit.set_allocations(ws, plan_id, [staffing_edit.AllocationChange(
                project, staffing_edit.ColumnKey(person_id=person), "2,5")])
            steps.append(lambda: staffing_edit.set_allocations(ws, plan_id, old))
        return steps
    return []
