"""Rules of the plan's outline, projects, goals, actions, progress overview, project form and the
region's ambitions, as a user sees them: numbers after every move, what a delete takes with it
and gives back, each refusal in Dutch, each boundary of a date or an overdue action."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from app.models import (
    Action,
    ActionStatus,
    Allocation,
    Ambition,
    BudgetCell,
    BudgetGroup,
    BudgetLine,
    Chapter,
    Goal,
    Marker,
    Plan,
    PlanStatus,
    Project,
    ProjectAmbition,
    ProjectStatus,
    Region,
    Role,
)
from app.services import ambitions as amb
from app.services import project_edit as edit
from app.services.edit_errors import EditError, PlanReadOnlyError
from app.services.progress import (
    TRAFFIC_LIGHT,
    owners,
    progress_overview,
    project_actions,
)
from app.services.project_form import chapter_choices, project_form

D = Decimal
TODAY = date(2022, 6, 1)
HINT = "Typ een datum als 31-12-2022."


# --- a small region with an adopted plan and a draft ------------------------------------------

@dataclass
class Ids:
    region: int
    other_region: int
    adopted: int  # Uitvoeringsplan 2021, vastgesteld by the BOJ
    old_chapter: int  # 1 Terugblik (adopted plan)
    old_project: int  # 1.1 Oud project (adopted plan), serves "gewoon"
    old_goal: int
    old_action: int  # owner "Oud team"
    draft: int  # Uitvoeringsplan 2022, years 2022-2023
    intro: int  # 1 Inleiding
    projects: int  # 2 Projecten
    youth: int  # 2.1 Jeugdhulp (a paragraph of 2)
    leren: int  # 2.1.1 Samen leren: 2 goals, 3 actions, 1 allocation, 2 budget lines, serves "thuis"
    monitor: int  # 2.1.2 Jeugdhulpmonitor: nothing attached
    wacht: int  # 2.2 Wachtlijsten: 1 goal, 1 action
    general: int  # Doorlopend algemeen (general work, no number) in 2
    closing: int  # 3 Algemeen (empty)
    goals: list[int]  # of Samen leren
    actions: list[int]  # of Samen leren
    wacht_goal: int
    wacht_action: int
    gewoon: int  # ambitions of the region, in their order
    thuis: int
    hulp: int
    elsewhere: int  # an ambition of another region
    line_leren: int
    line_evaluatie: int
    line_los: int


def _build(ws) -> Ids:
    with ws.transaction() as s:
        region, other = Region(name="Haaglanden"), Region(name="Hollands Midden")
        s.add_all([region, other])
        s.flush()
        gewoon = Ambition(region_id=region.id, position=0, text="Versterken van het gewone opvoeden")
        thuis = Ambition(region_id=region.id, position=1, text="Zo thuis mogelijk opgroeien")
        hulp = Ambition(region_id=region.id, position=2, text="Tijdig de best passende hulp")
        elsewhere = Ambition(region_id=other.id, position=0, text="Ambitie van elders")
        adopted = Plan(region_id=region.id, year=2021, title="Uitvoeringsplan 2021", first_year=2021,
                       last_year=2021, status=PlanStatus.ADOPTED, adopted_on=date(2020, 11, 12),
                       adopted_by="BOJ")
        draft = Plan(region_id=region.id, year=2022, title="Uitvoeringsplan 2022", first_year=2022,
                     last_year=2023)
        s.add_all([gewoon, thuis, hulp, elsewhere, adopted, draft])
        s.flush()
        old_chapter = Chapter(plan_id=adopted.id, position=0, number="1", title="Terugblik")
        intro = Chapter(plan_id=draft.id, position=0, number="1", title="Inleiding")
        projects = Chapter(plan_id=draft.id, position=1, number="2", title="Projecten")
        closing = Chapter(plan_id=draft.id, position=2, number="3", title="Algemeen")
        s.add_all([old_chapter, intro, projects, closing])
        s.flush()
        youth = Chapter(plan_id=draft.id, parent_id=projects.id, position=0, number="2.1",
                        title="Jeugdhulp")
        old_project = Project(chapter_id=old_chapter.id, position=0, number="1.1", title="Oud project")
        wacht = Project(chapter_id=projects.id, position=1, number="2.2", title="Wachtlijsten")
        general = Project(chapter_id=projects.id, position=2, number="", title="Doorlopend algemeen",
                          is_general=True)
        s.add_all([youth, old_project, wacht, general])
        s.flush()
        leren = Project(chapter_id=youth.id, position=0, number="2.1.1", title="Samen leren",
                        stated_half_days=D("2.0"))
        monitor = Project(chapter_id=youth.id, position=1, number="2.1.2", title="Jeugdhulpmonitor")
        s.add_all([leren, monitor])
        s.flush()
        goals = [Goal(project_id=leren.id, position=i, text=t)
                 for i, t in enumerate(["Eerste doel", "Tweede doel"])]
        actions = [Action(project_id=leren.id, position=0, description="Plan schrijven",
                          owner="Servicebureau", due_date=date(2022, 3, 1)),
                   Action(project_id=leren.id, position=1, description="Bijeenkomst", owner="regio"),
                   Action(project_id=leren.id, position=2, description="Evaluatie")]
        old_goal = Goal(project_id=old_project.id, position=0, text="Oud doel")
        old_action = Action(project_id=old_project.id, position=0, description="Oude actie",
                            owner="Oud team", due_date=date(2021, 1, 1))
        wacht_goal = Goal(project_id=wacht.id, position=0, text="Kortere wachtlijsten")
        wacht_action = Action(project_id=wacht.id, position=0, description="Wachtlijst meten")
        role = Role(plan_id=draft.id, position=0, role="Beleidsadviseur", fte=D("1.00"),
                        execution_fte=D("0.50"))
        group = BudgetGroup(plan_id=draft.id, position=0, name="Projecten")
        s.add_all([*goals, *actions, old_goal, old_action, wacht_goal, wacht_action, role, group])
        s.flush()
        s.add_all([Allocation(plan_id=draft.id, project_id=leren.id, capacity_id=role.id,
                              half_days=D("2.5")),
                   ProjectAmbition(project_id=leren.id, ambition_id=thuis.id),
                   ProjectAmbition(project_id=old_project.id, ambition_id=gewoon.id)])
        line_leren = BudgetLine(group_id=group.id, position=0, name="Samen leren", project_id=leren.id)
        line_evaluatie = BudgetLine(group_id=group.id, position=1, name="Evaluatie", project_id=leren.id)
        line_los = BudgetLine(group_id=group.id, position=2, name="Los", project_id=wacht.id)
        s.add_all([line_leren, line_evaluatie, line_los])
        s.flush()
        s.add_all([
            BudgetCell(line_id=line_leren.id, year=2022, amount=D("10000.00")),
            BudgetCell(line_id=line_leren.id, year=2023, marker=Marker.PM),
            BudgetCell(line_id=line_evaluatie.id, year=2022, amount=D("2500.50")),
            BudgetCell(line_id=line_evaluatie.id, year=2023, amount=D("-1000.00")),
            BudgetCell(line_id=line_los.id, year=2022, amount=D("99.00")),
        ])
        s.flush()
        ids = Ids(region.id, other.id, adopted.id, old_chapter.id, old_project.id, old_goal.id,
                  old_action.id, draft.id, intro.id,
                  projects.id, youth.id, leren.id, monitor.id, wacht.id, general.id, closing.id,
                  [g.id for g in goals], [a.id for a in actions], wacht_goal.id, wacht_action.id,
                  gewoon.id, thuis.id, hulp.id, elsewhere.id, line_leren.id, line_evaluatie.id,
                  line_los.id)
    return ids


@pytest.fixture(scope="module")
def template(workspace_template):
    return workspace_template(_build)


@pytest.fixture
def small(template, tmp_path):
    """A copy of the small workspace and its ids: a file, and a database on the PostgreSQL test server."""
    ws = template.open(tmp_path)
    yield ws, template.built
    if not ws.closed:
        ws.close()
    template.cleanup()


# --- what a user sees ----------------------------------------------------------------------------

def outline(ws, plan_id) -> list[str]:
    """The outline tree as the navigation shows it: "number title", indented by depth."""
    with ws.session() as s:
        chapters = list(s.scalars(select(Chapter).where(Chapter.plan_id == plan_id)))
        projects = list(s.scalars(select(Project).join(Project.chapter).where(Chapter.plan_id == plan_id)))
    out = []

    def walk(parent_id, depth):
        items = [c for c in chapters if c.parent_id == parent_id]
        if parent_id is not None:
            items += [p for p in projects if p.chapter_id == parent_id]
        positions = [i.position for i in items]
        assert sorted(positions) == list(range(len(items))), "positions must be 0..n-1"
        for item in sorted(items, key=lambda i: i.position):
            out.append("  " * depth + f"{item.number} {item.title}".strip())
            if isinstance(item, Chapter):
                walk(item.id, depth + 1)

    walk(None, 0)
    return out


DRAFT_OUTLINE = [
    "1 Inleiding",
    "2 Projecten",
    "  2.1 Jeugdhulp",
    "    2.1.1 Samen leren",
    "    2.1.2 Jeugdhulpmonitor",
    "  2.2 Wachtlijsten",
    "  Doorlopend algemeen",
    "3 Algemeen",
]


def goal_texts(ws, project_id) -> list[str]:
    with ws.session() as s:
        goals = s.scalars(select(Goal).where(Goal.project_id == project_id)).all()
        assert sorted(g.position for g in goals) == list(range(len(goals)))
        return [g.text for g in sorted(goals, key=lambda g: g.position)]


def action_texts(ws, project_id) -> list[str]:
    with ws.session() as s:
        actions = s.scalars(select(Action).where(Action.project_id == project_id)).all()
        assert sorted(a.position for a in actions) == list(range(len(actions)))
        return [a.description for a in sorted(actions, key=lambda a: a.position)]


def get(ws, model, row_id):
    with ws.session() as s:
        row = s.get(model, row_id)
        if row is not None:
            s.expunge(row)
        return row


def refusal(call, *args, **kwargs) -> str:
    with pytest.raises(EditError) as info:
        call(*args, **kwargs)
    return info.value.message


def links(ws) -> list[tuple[str, str | None]]:
    """Each budget line with the project it is linked to (title), as the budget shows it."""
    with ws.session() as s:
        rows = s.execute(select(BudgetLine.name, Project.title)
                         .outerjoin(Project, Project.id == BudgetLine.project_id)
                         .order_by(BudgetLine.position)).all()
    return [tuple(r) for r in rows]


def ambitions_served(ws, project_id) -> set[int]:
    with ws.session() as s:
        return set(s.scalars(select(ProjectAmbition.ambition_id)
                             .where(ProjectAmbition.project_id == project_id)))


def allocations_of(ws, project_id) -> list[Decimal]:
    with ws.session() as s:
        return list(s.scalars(select(Allocation.half_days).where(Allocation.project_id == project_id)))


# --- dates as a user types them -------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("31/12/2022", date(2022, 12, 31)),
    ("31.12.2022", date(2022, 12, 31)),
    (" 5-6-2022 ", date(2022, 6, 5)),
    ("05-06-2022", date(2022, 6, 5)),
    ("1-2-23", date(2023, 2, 1)),
    ("1-2-99", date(2099, 2, 1)),
    ("2022-3-5", date(2022, 3, 5)),
])
def test_dutch_dates_with_any_separator_and_short_years_are_read_day_first(text, expected):
    """A due date typed with slashes, dots or a two-digit year would land on the wrong day."""
    assert edit.parse_date_nl(text) == expected


@pytest.mark.parametrize("text", ["1-2-023", "131-12-2022", "31-12-20222", "x31-12-2022",
                                  "31-12-2022x", "31--12-2022", "2022-12-31-1", "12", 2022])
def test_text_that_is_no_date_is_refused_with_the_hint(text):
    """Malformed dates would be stored as nonsense or crash instead of a Dutch refusal."""
    assert refusal(edit.parse_date_nl, text) == f"'{str(text).strip()}' is geen datum. {HINT}"


@pytest.mark.parametrize("text", ["29-02-2022", "2022-02-30", "1-13-2022"])
def test_a_date_that_does_not_exist_is_refused_with_the_hint(text):
    """A 29 February in a non-leap year would crash instead of a Dutch refusal."""
    assert refusal(edit.parse_date_nl, text) == f"'{text}' is geen bestaande datum. {HINT}"


def test_leap_day_is_a_date():
    """29 February 2024 must be accepted as a due date."""
    assert edit.parse_date_nl("29-2-2024") == date(2024, 2, 29)


# --- items that are gone ----------------------------------------------------------------------------

def test_edits_of_deleted_items_name_what_is_gone(small):
    """Editing an item another undo removed must say in Dutch which kind of item is gone."""
    ws, ids = small
    assert refusal(edit.move_chapter, ws, 9999, edit.Place(None, 0)) == "Dit hoofdstuk bestaat niet meer."
    assert refusal(edit.set_project_fields, ws, 9999, title="x") == "Dit project bestaat niet meer."
    assert refusal(edit.set_goal_text, ws, 9999, "x") == "Dit doel bestaat niet meer."
    assert refusal(edit.set_action_fields, ws, 9999, owner="x") == "Deze actie bestaat niet meer."
    assert refusal(edit.add_project, ws, 9999) == "Dit hoofdstuk bestaat niet meer."
    assert refusal(edit.add_goal, ws, 9999) == "Dit project bestaat niet meer."
    assert refusal(edit.move_project, ws, ids.leren, edit.Place(9999, 0)) == \
        "Dit hoofdstuk bestaat niet meer."
    assert outline(ws, ids.draft) == DRAFT_OUTLINE


# --- numbering ------------------------------------------------------------------------------------

def test_renumber_numbers_the_outline_and_skips_general_work(small):
    """After numbers went stale, renumber gives 1, 2, 2.1, 2.1.1 ... and general work no number."""
    ws, ids = small
    with ws.transaction() as s:
        for model in (Chapter, Project):
            for row in s.scalars(select(model)):
                row.number = "?"
    with ws.transaction() as s:
        edit.renumber(s, ids.draft)
    assert outline(ws, ids.draft) == DRAFT_OUTLINE
    assert get(ws, Chapter, ids.old_chapter).number == "?"  # another plan keeps its numbers
    assert get(ws, Project, ids.old_project).number == "?"


def test_a_general_project_before_others_does_not_take_a_number(small):
    """General work placed first must not push the next project to number 2."""
    ws, ids = small
    edit.move_project(ws, ids.general, edit.Place(ids.projects, 0))
    assert outline(ws, ids.draft)[1:7] == [
        "2 Projecten", "  Doorlopend algemeen", "  2.1 Jeugdhulp", "    2.1.1 Samen leren",
        "    2.1.2 Jeugdhulpmonitor", "  2.2 Wachtlijsten"]


def test_a_chapter_and_a_project_on_the_same_position_put_the_chapter_first(small):
    """With equal positions (old files), a paragraph is numbered before a project."""
    ws, ids = small
    with ws.transaction() as s:
        s.get(Project, ids.wacht).position = 0
        s.get(Project, ids.general).position = 0
        s.get(Chapter, ids.youth).position = 0
    with ws.transaction() as s:
        edit.renumber(s, ids.draft)
    assert get(ws, Chapter, ids.youth).number == "2.1"
    assert get(ws, Project, ids.wacht).number == "2.2"
    assert get(ws, Project, ids.leren).number == "2.1.1"


# --- chapters ----------------------------------------------------------------------------------------

def test_a_new_chapter_lands_at_its_index_and_the_rest_renumber(small):
    """A new chapter at index 1 becomes 2; the old 2 and 3 move to 3 and 4 with their projects."""
    ws, ids = small
    new = edit.add_chapter(ws, ids.draft, None, 1, "  Visie  ")
    assert outline(ws, ids.draft) == [
        "1 Inleiding", "2 Visie", "3 Projecten", "  3.1 Jeugdhulp", "    3.1.1 Samen leren",
        "    3.1.2 Jeugdhulpmonitor", "  3.2 Wachtlijsten", "  Doorlopend algemeen", "4 Algemeen"]
    assert get(ws, Chapter, new).title == "Visie"
    assert outline(ws, ids.adopted) == ["1 Terugblik", "  1.1 Oud project"]


@pytest.mark.parametrize("index, expected", [
    (None, ["1 Inleiding", "2 Projecten", "3 Algemeen", "4 Nieuw hoofdstuk"]),
    (99, ["1 Inleiding", "2 Projecten", "3 Algemeen", "4 Nieuw hoofdstuk"]),
    (-5, ["1 Nieuw hoofdstuk", "2 Inleiding", "3 Projecten", "4 Algemeen"]),
    (-1, ["1 Nieuw hoofdstuk", "2 Inleiding", "3 Projecten", "4 Algemeen"]),
    (0, ["1 Nieuw hoofdstuk", "2 Inleiding", "3 Projecten", "4 Algemeen"]),
    (3, ["1 Inleiding", "2 Projecten", "3 Algemeen", "4 Nieuw hoofdstuk"]),
    (2, ["1 Inleiding", "2 Projecten", "3 Nieuw hoofdstuk", "4 Algemeen"]),
])
def test_a_new_chapter_without_a_title_is_named_and_its_index_is_kept_in_range(small, index, expected):
    """No index, or one past the end, appends; a negative index puts the chapter first."""
    ws, ids = small
    edit.add_chapter(ws, ids.draft, index=index, title="   ")
    assert [line for line in outline(ws, ids.draft) if not line.startswith(" ")] == expected


def test_a_new_paragraph_counts_with_the_projects_of_its_chapter(small):
    """A paragraph added after 2.1 becomes 2.2 and Wachtlijsten moves to 2.3."""
    ws, ids = small
    edit.add_chapter(ws, ids.draft, ids.projects, 1)
    assert outline(ws, ids.draft)[5:8] == ["  2.2 Nieuw hoofdstuk", "  2.3 Wachtlijsten",
                                           "  Doorlopend algemeen"]


def test_a_chapter_of_another_plan_cannot_be_a_parent(small):
    """Adding a paragraph under the adopted plan's chapter must be refused, writing nothing."""
    ws, ids = small
    assert refusal(edit.add_chapter, ws, ids.draft, ids.old_chapter) == \
        "Dit hoofdstuk hoort niet bij dit plan."
    assert outline(ws, ids.draft) == DRAFT_OUTLINE
    assert outline(ws, ids.adopted) == ["1 Terugblik", "  1.1 Oud project"]


def test_moving_a_chapter_returns_where_it_was_and_undo_puts_it_back(small):
    """Moving 2.1 to the top level makes it 3 and 2.2 becomes 2.1; the old place undoes it."""
    ws, ids = small
    was = edit.move_chapter(ws, ids.youth, edit.Place(None, 2))
    assert was == edit.Place(ids.projects, 0)
    assert outline(ws, ids.draft) == [
        "1 Inleiding", "2 Projecten", "  2.1 Wachtlijsten", "  Doorlopend algemeen", "3 Jeugdhulp",
        "  3.1 Samen leren", "  3.2 Jeugdhulpmonitor", "4 Algemeen"]
    assert edit.place_of(ws, "chapter", ids.youth) == edit.Place(None, 2)
    assert edit.move_chapter(ws, ids.youth, was) == edit.Place(None, 2)
    assert outline(ws, ids.draft) == DRAFT_OUTLINE


def test_a_chapter_cannot_go_below_its_own_paragraph_or_into_another_plan(small):
    """A chapter moved into its own grandchild or another plan must be refused, nothing written."""
    ws, ids = small
    deeper = edit.add_chapter(ws, ids.draft, ids.youth, 0, "Dieper")
    before = outline(ws, ids.draft)
    for target in (ids.projects, ids.youth, deeper):
        assert refusal(edit.move_chapter, ws, ids.projects, edit.Place(target, 0)) == (
            "Een hoofdstuk kan niet in zichzelf of in een eigen paragraaf worden gezet.")
    assert refusal(edit.move_chapter, ws, ids.youth, edit.Place(ids.old_chapter, 0)) == \
        "Een hoofdstuk kan niet naar een ander plan worden verplaatst."
    assert outline(ws, ids.draft) == before
    edit.move_chapter(ws, deeper, edit.Place(ids.intro, 0))  # a sibling's child is fine
    assert outline(ws, ids.draft)[:2] == ["1 Inleiding", "  1.1 Dieper"]


def test_deleting_a_chapter_takes_its_tree_and_undo_gives_it_back_in_place(small):
    """Deleting 2 takes 2.1 and four projects with their goals, actions, staffing and links."""
    ws, ids = small
    snapshot = edit.delete_chapter(ws, ids.projects)
    assert snapshot.place == edit.Place(None, 1)
    assert snapshot.root_id == ids.projects
    assert [c["title"] for c in snapshot.chapters] == ["Projecten", "Jeugdhulp"]  # parents first
    assert outline(ws, ids.draft) == ["1 Inleiding", "2 Algemeen"]
    for model, row in [(Project, ids.leren), (Project, ids.general), (Goal, ids.goals[0]),
                       (Action, ids.wacht_action), (Chapter, ids.youth)]:
        assert get(ws, model, row) is None
    assert allocations_of(ws, ids.leren) == [] and ambitions_served(ws, ids.leren) == set()
    assert links(ws) == [("Samen leren", None), ("Evaluatie", None), ("Los", None)]
    edit.restore(ws, snapshot)
    assert outline(ws, ids.draft) == DRAFT_OUTLINE
    assert goal_texts(ws, ids.leren) == ["Eerste doel", "Tweede doel"]
    assert action_texts(ws, ids.wacht) == ["Wachtlijst meten"]
    assert allocations_of(ws, ids.leren) == [D("2.5")]
    assert ambitions_served(ws, ids.leren) == {ids.thuis}
    assert links(ws) == [("Samen leren", "Samen leren"), ("Evaluatie", "Samen leren"),
                         ("Los", "Wachtlijsten")]


def test_deleting_a_nested_chapter_tree_keeps_every_level_for_undo(small):
    """A chapter with paragraphs two levels deep must come back whole after undo."""
    ws, ids = small
    deeper = edit.add_chapter(ws, ids.draft, ids.youth, 0, "Dieper")
    second = edit.add_chapter(ws, ids.draft, ids.projects, 1, "Tweede")
    deepest = edit.add_chapter(ws, ids.draft, deeper, 0, "Diepst")
    before = outline(ws, ids.draft)
    snapshot = edit.delete_chapter(ws, ids.projects)
    assert [c["title"] for c in snapshot.chapters] == ["Projecten", "Jeugdhulp", "Tweede", "Dieper",
                                                       "Diepst"]
    for chapter in (deeper, second, deepest):
        assert get(ws, Chapter, chapter) is None
    edit.restore(ws, snapshot)
    assert outline(ws, ids.draft) == before


def test_deleting_a_paragraph_closes_up_the_numbers_of_its_siblings(small):
    """After deleting 2.1, Wachtlijsten is 2.1 again; undo makes it 2.2."""
    ws, ids = small
    snapshot = edit.delete_chapter(ws, ids.youth)
    assert snapshot.place == edit.Place(ids.projects, 0)
    assert outline(ws, ids.draft) == ["1 Inleiding", "2 Projecten", "  2.1 Wachtlijsten",
                                      "  Doorlopend algemeen", "3 Algemeen"]
    edit.restore(ws, snapshot)
    assert outline(ws, ids.draft) == DRAFT_OUTLINE


# --- projects --------------------------------------------------------------------------------------

def test_a_new_project_at_an_index_numbers_itself_and_pushes_the_rest_down(small):
    """A project added at index 1 of chapter 2 becomes 2.2; Wachtlijsten becomes 2.3."""
    ws, ids = small
    new = edit.add_project(ws, ids.projects, 1, "  Nieuwe aanpak ")
    assert outline(ws, ids.draft)[5:7] == ["  2.2 Nieuwe aanpak", "  2.3 Wachtlijsten"]
    project = get(ws, Project, new)
    assert (project.title, project.is_general) == ("Nieuwe aanpak", False)


def test_a_new_project_without_title_is_named_and_appended(small):
    """A project added without index goes last; a blank title gives "Nieuw project"."""
    ws, ids = small
    edit.add_project(ws, ids.intro, title=" ")
    edit.add_project(ws, ids.intro)
    edit.add_project(ws, ids.intro, 0, "Algemeen werk", is_general=True)
    assert outline(ws, ids.draft)[:4] == ["1 Inleiding", "  Algemeen werk", "  1.1 Nieuw project",
                                          "  1.2 Nieuw project"]


def test_every_project_field_is_cleaned_before_it_is_stored(small):
    """Names are trimmed, blank text becomes empty, dates and dagdelen are read as Dutch."""
    ws, ids = small
    old = edit.set_project_fields(
        ws, ids.monitor, title="  Monitor  ", description=None, sponsor_admin=" Wethouder ",
        sponsor_official="  ", contractor=" GGD ", staffing_label=" Monitor (inzet) ",
        start_date="1-2-2022", end_date="2022-12-31", status=" Op Koers ", stated_half_days="1,5")
    project = get(ws, Project, ids.monitor)
    assert (project.title, project.description, project.sponsor_admin, project.sponsor_official,
            project.contractor, project.staffing_label) == (
        "Monitor", "", "Wethouder", "", "GGD", "Monitor (inzet)")
    assert (project.start_date, project.end_date, project.status, project.stated_half_days) == (
        date(2022, 2, 1), date(2022, 12, 31), ProjectStatus.ON_TRACK, D("1.5"))
    assert old == {"title": "Jeugdhulpmonitor", "description": "", "sponsor_admin": "",
                   "sponsor_official": "", "contractor": "", "staffing_label": "",
                   "start_date": None, "end_date": None, "status": ProjectStatus.UNKNOWN,
                   "stated_half_days": None}


@pytest.mark.parametrize("typed, status", [
    ("aandacht", ProjectStatus.AT_RISK), ("AT_RISK", ProjectStatus.AT_RISK),
    ("off_track", ProjectStatus.OFF_TRACK), ("Afgerond", ProjectStatus.DONE),
    (ProjectStatus.ON_TRACK, ProjectStatus.ON_TRACK)])
def test_a_project_status_is_read_from_its_dutch_word_or_its_name(small, typed, status):
    """A status typed or pasted in either spelling must be stored as that status."""
    ws, ids = small
    edit.set_project_fields(ws, ids.monitor, status=typed)
    assert get(ws, Project, ids.monitor).status is status


def test_an_unknown_status_lists_the_choices(small):
    """A wrong status must name the five Dutch choices and change nothing."""
    ws, ids = small
    assert refusal(edit.set_project_fields, ws, ids.monitor, status="klaar") == (
        "'klaar' is geen status; kies uit onbekend, op koers, aandacht, achter, afgerond.")
    assert refusal(edit.set_action_fields, ws, ids.actions[0], status="op koers") == (
        "'op koers' is geen status; kies uit onbekend, in behandeling, behaald, niet behaald.")


def test_unknown_fields_are_named_and_refused(small):
    """A field the form does not have must be refused, naming the fields in order."""
    ws, ids = small
    wrong = dict(zeta=1, alpha=2, mu=3, kappa=4, beta=5)
    assert refusal(edit.set_project_fields, ws, ids.monitor, title="x", **wrong) == \
        "Onbekend veld: alpha, beta, kappa, mu, zeta"
    assert refusal(edit.set_action_fields, ws, ids.actions[0], owner="x", **wrong) == \
        "Onbekend veld: alpha, beta, kappa, mu, zeta"
    assert get(ws, Project, ids.monitor).title == "Jeugdhulpmonitor"


def test_an_end_date_on_the_start_date_is_allowed_and_one_day_before_is_refused(small):
    """The period may be one day; an end before the start must be refused with both dates."""
    ws, ids = small
    edit.set_project_fields(ws, ids.monitor, start_date="1-3-2022")
    edit.set_project_fields(ws, ids.monitor, end_date="1-3-2022")
    assert get(ws, Project, ids.monitor).end_date == date(2022, 3, 1)
    assert refusal(edit.set_project_fields, ws, ids.monitor, end_date="28-2-2022") == (
        "De einddatum (28-02-2022) ligt vóór de startdatum (01-03-2022).")
    assert refusal(edit.set_project_fields, ws, ids.monitor, start_date="2-3-2022") == (
        "De einddatum (01-03-2022) ligt vóór de startdatum (02-03-2022).")
    edit.set_project_fields(ws, ids.monitor, start_date=None, end_date="1-1-2022")
    project = get(ws, Project, ids.monitor)
    assert (project.start_date, project.end_date) == (None, date(2022, 1, 1))


def test_making_a_project_general_work_renumbers_the_chapter(small):
    """Marking 2.1.1 as general work frees its number: Jeugdhulpmonitor becomes 2.1.1."""
    ws, ids = small
    old = edit.set_project_fields(ws, ids.leren, is_general=2)
    assert old == {"is_general": False}
    assert get(ws, Project, ids.leren).is_general is True
    assert outline(ws, ids.draft)[3:5] == ["    Samen leren", "    2.1.1 Jeugdhulpmonitor"]
    edit.set_project_fields(ws, ids.leren, is_general=None)  # an empty value means: not general
    assert get(ws, Project, ids.leren).is_general is False
    assert outline(ws, ids.draft) == DRAFT_OUTLINE


def test_moving_a_project_to_another_chapter_and_back(small):
    """2.1.1 moved to the end of 3 becomes 3.1; 2.1.2 closes up to 2.1.1; undo restores both."""
    ws, ids = small
    was = edit.move_project(ws, ids.leren, edit.Place(ids.closing, 5))
    assert was == edit.Place(ids.youth, 0)
    assert outline(ws, ids.draft)[3] == "    2.1.1 Jeugdhulpmonitor"
    assert outline(ws, ids.draft)[-2:] == ["3 Algemeen", "  3.1 Samen leren"]
    assert edit.place_of(ws, "project", ids.leren) == edit.Place(ids.closing, 0)
    edit.move_project(ws, ids.leren, was)
    assert outline(ws, ids.draft) == DRAFT_OUTLINE


def test_a_project_cannot_leave_its_plan_or_the_chapters(small):
    """A project moved to the top level or into the adopted plan must be refused."""
    ws, ids = small
    assert refusal(edit.move_project, ws, ids.leren, edit.Place(None, 0)) == (
        "Een project hoort in een hoofdstuk; kies een hoofdstuk om het in te zetten.")
    assert refusal(edit.move_project, ws, ids.leren, edit.Place(ids.old_chapter, 0)) == (
        "Een project kan niet naar een ander plan worden verplaatst.")
    assert outline(ws, ids.draft) == DRAFT_OUTLINE


def test_deleting_a_project_unlinks_its_budget_lines_and_undo_relinks_them(small):
    """Budget lines stay, without the link; staffing, ambitions, goals and actions go and return."""
    ws, ids = small
    snapshot = edit.delete_project(ws, ids.leren)
    assert snapshot.place == edit.Place(ids.youth, 0) and snapshot.root_id == ids.leren
    assert outline(ws, ids.draft)[2:4] == ["  2.1 Jeugdhulp", "    2.1.1 Jeugdhulpmonitor"]
    assert links(ws) == [("Samen leren", None), ("Evaluatie", None), ("Los", "Wachtlijsten")]
    assert allocations_of(ws, ids.leren) == [] and ambitions_served(ws, ids.leren) == set()
    assert get(ws, Goal, ids.goals[1]) is None and get(ws, Action, ids.actions[2]) is None
    edit.restore(ws, snapshot)
    assert outline(ws, ids.draft) == DRAFT_OUTLINE
    assert links(ws)[:2] == [("Samen leren", "Samen leren"), ("Evaluatie", "Samen leren")]
    assert allocations_of(ws, ids.leren) == [D("2.5")]
    assert ambitions_served(ws, ids.leren) == {ids.thuis}
    assert goal_texts(ws, ids.leren) == ["Eerste doel", "Tweede doel"]
    assert action_texts(ws, ids.leren) == ["Plan schrijven", "Bijeenkomst", "Evaluatie"]


def test_undoing_a_project_delete_leaves_out_an_ambition_deleted_since(small):
    """An ambition removed from the region's list meanwhile must not come back as a dead link."""
    ws, ids = small
    snapshot = edit.delete_project(ws, ids.leren)
    amb.delete_ambition(ws, ids.thuis)
    edit.restore(ws, snapshot)
    assert ambitions_served(ws, ids.leren) == set()
    assert outline(ws, ids.draft) == DRAFT_OUTLINE


def test_undoing_a_delete_in_a_plan_adopted_since_is_refused(small):
    """A delete cannot be undone into a plan that was adopted meanwhile: nothing is written."""
    ws, ids = small
    project = edit.delete_project(ws, ids.monitor)
    goal = edit.delete_goal(ws, ids.goals[0])
    chapter = edit.delete_chapter(ws, ids.closing)
    with ws.transaction() as s:
        s.get(Plan, ids.draft).status = PlanStatus.ADOPTED
    for snapshot in (project, goal, chapter):
        with pytest.raises(PlanReadOnlyError):
            edit.restore(ws, snapshot)
    assert get(ws, Project, ids.monitor) is None and get(ws, Goal, ids.goals[0]) is None
    assert get(ws, Chapter, ids.closing) is None


def test_the_place_of_each_kind_of_item(small):
    """Redo of a move needs where a chapter, project, goal or action stands now."""
    ws, ids = small
    assert edit.place_of(ws, "chapter", ids.closing) == edit.Place(None, 2)
    assert edit.place_of(ws, "chapter", ids.youth) == edit.Place(ids.projects, 0)
    assert edit.place_of(ws, "project", ids.general) == edit.Place(ids.projects, 2)
    assert edit.place_of(ws, "goal", ids.goals[1]) == edit.Place(ids.leren, 1)
    assert edit.place_of(ws, "action", ids.actions[2]) == edit.Place(ids.leren, 2)


# --- what a delete takes with it ---------------------------------------------------------------------

def test_the_confirmation_names_everything_a_chapter_delete_takes(small):
    """The question before a delete must count paragraphs, projects, goals, actions and staffing."""
    ws, ids = small
    assert edit.deletion_summary(ws, "chapter", ids.projects) == (
        "Hoofdstuk 2 Projecten wordt verwijderd met 1 paragraaf, 4 projecten, 3 doelen, 4 acties "
        "en 1 inzetregel; 3 begrotingsposten blijven bestaan, zonder koppeling.")
    assert edit.deletion_summary(ws, "chapter", ids.youth) == (
        "Hoofdstuk 2.1 Jeugdhulp wordt verwijderd met 2 projecten, 2 doelen, 3 acties en "
        "1 inzetregel; 2 begrotingsposten blijven bestaan, zonder koppeling.")
    assert edit.deletion_summary(ws, "chapter", ids.closing) == "Hoofdstuk 3 Algemeen wordt verwijderd."
    with ws.transaction() as s:  # a chapter without a number: no double space where it would be
        s.get(Chapter, ids.closing).number = ""
    assert edit.deletion_summary(ws, "chapter", ids.closing) == "Hoofdstuk Algemeen wordt verwijderd."


def test_the_confirmation_of_a_project_delete_in_singular_and_plural(small):
    """One goal/action/line reads singular; a project with nothing reads just "wordt verwijderd"."""
    ws, ids = small
    assert edit.deletion_summary(ws, "project", ids.wacht) == (
        "Project 2.2 Wachtlijsten wordt verwijderd met 1 doel en 1 actie; "
        "1 begrotingspost blijft bestaan, zonder koppeling.")
    assert edit.deletion_summary(ws, "project", ids.leren) == (
        "Project 2.1.1 Samen leren wordt verwijderd met 2 doelen, 3 acties en 1 inzetregel; "
        "2 begrotingsposten blijven bestaan, zonder koppeling.")
    assert edit.deletion_summary(ws, "project", ids.general) == \
        "Project Doorlopend algemeen wordt verwijderd."
    edit.add_chapter(ws, ids.draft, ids.youth, 0)
    edit.add_chapter(ws, ids.draft, ids.youth, 0)
    edit.add_goal(ws, ids.monitor, "Eén doel")
    assert edit.deletion_summary(ws, "chapter", ids.youth) == (
        "Hoofdstuk 2.1 Jeugdhulp wordt verwijderd met 2 paragrafen, 2 projecten, 3 doelen, 3 acties "
        "en 1 inzetregel; 2 begrotingsposten blijven bestaan, zonder koppeling.")
    with ws.transaction() as s:
        s.add(Allocation(plan_id=ids.draft, project_id=ids.monitor, half_days=D("1.0")))
    assert edit.deletion_summary(ws, "project", ids.monitor) == (  # after the two new paragraphs
        "Project 2.1.4 Jeugdhulpmonitor wordt verwijderd met 1 doel en 1 inzetregel.")
    with ws.transaction() as s:
        s.add(Allocation(plan_id=ids.draft, project_id=ids.monitor, half_days=D("0.5")))
    assert edit.deletion_summary(ws, "project", ids.monitor).endswith(
        "wordt verwijderd met 1 doel en 2 inzetregels.")
    edit.add_project(ws, ids.closing, title="Enig project")
    assert edit.deletion_summary(ws, "chapter", ids.closing) == \
        "Hoofdstuk 3 Algemeen wordt verwijderd met 1 project."


# --- goals -----------------------------------------------------------------------------------------

def test_goals_are_trimmed_placed_at_their_index_and_need_text(small):
    """A new goal lands where asked (clamped); blank text is refused in Dutch."""
    ws, ids = small
    edit.add_goal(ws, ids.leren, "  Midden  ", 1)
    edit.add_goal(ws, ids.leren, "Vooraan", -3)
    edit.add_goal(ws, ids.leren, "Achteraan", 99)
    edit.add_goal(ws, ids.leren)
    assert goal_texts(ws, ids.leren) == ["Vooraan", "Eerste doel", "Midden", "Tweede doel",
                                         "Achteraan", "Nieuw doel"]
    for blank in ("", "  ", None):
        assert refusal(edit.add_goal, ws, ids.leren, blank) == "Een doel heeft een tekst nodig."
        assert refusal(edit.set_goal_text, ws, ids.goals[0], blank) == "Een doel heeft een tekst nodig."
    assert edit.set_goal_text(ws, ids.goals[0], "  Beter doel ") == "Eerste doel"
    assert goal_texts(ws, ids.leren)[1] == "Beter doel"


def test_moving_a_goal_returns_its_old_index_and_clamps_the_new_one(small):
    """A goal moved past the end goes last; the returned index undoes the move."""
    ws, ids = small
    third = edit.add_goal(ws, ids.leren, "Derde doel")
    assert edit.move_goal(ws, ids.goals[0], 10) == 0
    assert goal_texts(ws, ids.leren) == ["Tweede doel", "Derde doel", "Eerste doel"]
    assert edit.move_goal(ws, third, -1) == 1
    assert goal_texts(ws, ids.leren) == ["Derde doel", "Tweede doel", "Eerste doel"]
    assert edit.move_goal(ws, ids.goals[0], 1) == 2
    assert goal_texts(ws, ids.leren) == ["Derde doel", "Eerste doel", "Tweede doel"]


def test_deleting_a_goal_closes_up_and_undo_puts_it_back_in_place(small):
    """The deleted goal's place is kept, so undo puts the first goal first again."""
    ws, ids = small
    snapshot = edit.delete_goal(ws, ids.goals[0])
    assert (snapshot.kind, snapshot.place, snapshot.root_id) == ("goal", edit.Place(ids.leren, 0),
                                                                 ids.goals[0])
    assert goal_texts(ws, ids.leren) == ["Tweede doel"]
    edit.restore(ws, snapshot)
    assert goal_texts(ws, ids.leren) == ["Eerste doel", "Tweede doel"]


# --- actions ---------------------------------------------------------------------------------------

def test_a_new_action_is_cleaned_dated_today_and_placed(small):
    """A new action keeps owner, due date and status, trimmed, and is dated the day of entry."""
    ws, ids = small
    new = edit.add_action(ws, ids.leren, "  Rapport  ", 1, today=TODAY, owner=" GGD ",
                          due_date="30-9-22", status="in behandeling", remark=" ok ")
    action = get(ws, Action, new)
    assert (action.description, action.owner, action.due_date, action.status, action.remark,
            action.updated_on) == ("Rapport", "GGD", date(2022, 9, 30), ActionStatus.IN_PROGRESS,
                                   "ok", TODAY)
    assert action_texts(ws, ids.leren) == ["Plan schrijven", "Rapport", "Bijeenkomst", "Evaluatie"]
    plain = get(ws, Action, edit.add_action(ws, ids.leren, owner=None))
    assert (plain.description, plain.owner, plain.status, plain.updated_on) == (
        "Nieuwe actie", "", ActionStatus.UNKNOWN, date.today())
    assert action_texts(ws, ids.leren)[-1] == "Nieuwe actie"
    for blank in ("", " ", None):
        assert refusal(edit.add_action, ws, ids.leren, blank) == "Een actie heeft een omschrijving nodig."


def test_an_action_edit_sets_the_update_date_and_returns_what_undoes_it(small):
    """Each change dates the action today (or the date given); the old values include that date."""
    ws, ids = small
    old = edit.set_action_fields(ws, ids.actions[1], today=TODAY, owner="  ", remark=None,
                                 due_date="", description=" Slotbijeenkomst ")
    assert old == {"owner": "regio", "remark": "", "due_date": None, "description": "Bijeenkomst",
                   "updated_on": None}
    action = get(ws, Action, ids.actions[1])
    assert (action.owner, action.remark, action.description, action.updated_on) == (
        "", "", "Slotbijeenkomst", TODAY)
    edit.set_action_fields(ws, ids.actions[1], status="behaald")
    assert get(ws, Action, ids.actions[1]).updated_on == date.today()
    edit.set_action_fields(ws, ids.actions[1], updated_on=date(2022, 1, 5), today=TODAY)
    assert get(ws, Action, ids.actions[1]).updated_on == date(2022, 1, 5)


def test_moving_and_deleting_actions_keep_the_order_for_undo(small):
    """Moving returns the old index; a deleted action comes back at its own place."""
    ws, ids = small
    assert edit.move_action(ws, ids.actions[2], 0) == 2
    assert action_texts(ws, ids.leren) == ["Evaluatie", "Plan schrijven", "Bijeenkomst"]
    snapshot = edit.delete_action(ws, ids.actions[0])
    assert (snapshot.kind, snapshot.place, snapshot.root_id) == ("action", edit.Place(ids.leren, 1),
                                                                 ids.actions[0])
    assert action_texts(ws, ids.leren) == ["Evaluatie", "Bijeenkomst"]
    edit.restore(ws, snapshot)
    assert action_texts(ws, ids.leren) == ["Evaluatie", "Plan schrijven", "Bijeenkomst"]
    assert get(ws, Action, ids.actions[0]).owner == "Servicebureau"


# --- the adopted plan --------------------------------------------------------------------------------

def test_the_adopted_plan_refuses_outline_and_list_edits(small):
    """Nothing of an adopted plan may change: each edit says it is vastgesteld."""
    ws, ids = small
    attempts = [
        lambda: edit.add_project(ws, ids.old_chapter),
        lambda: edit.move_chapter(ws, ids.old_chapter, edit.Place(None, 0)),
        lambda: edit.add_action(ws, ids.old_project, "x"),
        lambda: edit.delete_project(ws, ids.old_project),
        lambda: edit.delete_chapter(ws, ids.old_chapter),
        lambda: edit.set_goal_text(ws, ids.old_goal, "x"),
        lambda: edit.move_goal(ws, ids.old_goal, 0),
        lambda: edit.delete_goal(ws, ids.old_goal),
        lambda: edit.set_action_fields(ws, ids.old_action, owner="x"),
        lambda: edit.move_action(ws, ids.old_action, 0),
        lambda: edit.delete_action(ws, ids.old_action),
        lambda: amb.set_project_ambitions(ws, ids.old_project, []),
    ]
    for attempt in attempts:
        with pytest.raises(PlanReadOnlyError) as info:
            attempt()
        assert info.value.message == (
            "Uitvoeringsplan 2021 is vastgesteld (BOJ 12-11-2020) en kan niet meer worden gewijzigd. "
            "Maak een wijziging aan om verder te werken.")
    assert outline(ws, ids.adopted) == ["1 Terugblik", "  1.1 Oud project"]
    assert ambitions_served(ws, ids.old_project) == {ids.gewoon}


# --- the progress overview -------------------------------------------------------------------------

def overview(ws, plan_id, **filters):
    with ws.session() as s:
        return progress_overview(s, s.get(Plan, plan_id), **filters)


def lights(ws, project_id, today=TODAY):
    with ws.session() as s:
        return project_actions(s, project_id, today=today)


def test_each_status_has_its_traffic_light():
    """Grey, orange, green and red must belong to onbekend, in behandeling, behaald, niet behaald."""
    assert TRAFFIC_LIGHT == {ActionStatus.UNKNOWN: "grey", ActionStatus.IN_PROGRESS: "orange",
                             ActionStatus.ACHIEVED: "green", ActionStatus.NOT_ACHIEVED: "red"}


def test_the_overview_has_a_row_per_project_of_the_plan_with_its_chapter(small):
    """Every project of this plan only, in number order, general work last, zero counts shown."""
    ws, ids = small
    rows = overview(ws, ids.draft, today=TODAY)
    assert [(r.number, r.title, r.is_general, r.chapter_number, r.chapter_title) for r in rows] == [
        ("2.1.1", "Samen leren", False, "2.1", "Jeugdhulp"),
        ("2.1.2", "Jeugdhulpmonitor", False, "2.1", "Jeugdhulp"),
        ("2.2", "Wachtlijsten", False, "2", "Projecten"),
        ("", "Doorlopend algemeen", True, "2", "Projecten")]
    leren = rows[0]
    assert (leren.project_id, leren.chapter_id, leren.status) == (ids.leren, ids.youth,
                                                                  ProjectStatus.UNKNOWN)
    assert leren.counts == {ActionStatus.UNKNOWN: 3, ActionStatus.IN_PROGRESS: 0,
                            ActionStatus.ACHIEVED: 0, ActionStatus.NOT_ACHIEVED: 0}
    assert (leren.total, leren.overdue) == (3, 1)  # Plan schrijven was due 1-3-2022
    assert rows[1].counts == dict.fromkeys(ActionStatus, 0) and rows[1].total == 0


def test_projects_sort_by_number_as_numbers_and_general_work_by_chapter(small):
    """3.10 comes after 3.9 (not after 3.1); general work is last, in chapter order."""
    ws, ids = small
    for n in range(10):
        edit.add_project(ws, ids.closing, title=f"Project {n + 1}")
    edit.add_project(ws, ids.intro, title="Algemeen inleiding", is_general=True)
    edit.add_project(ws, ids.closing, 0, title="Algemeen slot", is_general=True)
    edit.add_project(ws, ids.projects, 0, title="Algemeen vooraan", is_general=True)
    edit.add_project(ws, ids.intro, title="Inleidend project")  # 1.1, in a chapter at position 0
    rows = overview(ws, ids.draft, today=TODAY)
    assert [r.number for r in rows] == ["1.1", "2.1.1", "2.1.2", "2.2"] \
        + [f"3.{n}" for n in range(1, 11)] + ["", "", "", ""]
    assert [r.title for r in rows[-4:]] == ["Algemeen inleiding", "Algemeen vooraan",
                                           "Doorlopend algemeen", "Algemeen slot"]


def test_an_action_is_overdue_from_the_day_after_its_due_date_unless_achieved(small):
    """Due today is not yet late; due yesterday is, unless behaald; no due date is never late."""
    ws, ids = small
    first, second, third = ids.actions
    edit.set_action_fields(ws, second, due_date=TODAY, status="in behandeling")
    edit.set_action_fields(ws, third, due_date="31-5-2022", status="behaald")
    edit.set_action_fields(ws, ids.wacht_action, due_date="31-5-2022", status="niet behaald")
    rows = {r.project_id: r for r in overview(ws, ids.draft, today=TODAY)}
    assert (rows[ids.leren].overdue, rows[ids.wacht].overdue) == (1, 1)
    assert [a.overdue for a in lights(ws, ids.leren)] == [True, False, False]
    later = date(2022, 6, 2)
    assert overview(ws, ids.draft, today=later)[0].overdue == 2
    assert [a.overdue for a in lights(ws, ids.leren, later)] == [True, True, False]
    assert [a.overdue for a in lights(ws, ids.wacht)] == [True]
    assert overview(ws, ids.draft, today=date(2022, 3, 1))[0].overdue == 0
    assert [a.overdue for a in lights(ws, ids.leren, date(2022, 3, 1))] == [False, False, False]


def test_overdue_is_judged_against_the_real_today_when_no_day_is_given(small):
    """Actions long past due are red today, those due far ahead are not."""
    ws, ids = small
    edit.set_action_fields(ws, ids.actions[1], due_date="1-1-2999")
    with ws.session() as s:
        assert [a.overdue for a in project_actions(s, ids.leren)] == [True, False, False]
        assert progress_overview(s, s.get(Plan, ids.draft))[0].overdue == 1


def test_the_actions_of_a_project_show_every_field_with_their_light(small):
    """The traffic-light view lists the actions in their order with owner, date and remark."""
    ws, ids = small
    edit.set_action_fields(ws, ids.actions[0], today=TODAY, status="behaald", remark="klaar")
    edit.set_action_fields(ws, ids.actions[1], today=TODAY, status="in behandeling")
    edit.set_action_fields(ws, ids.actions[2], today=TODAY, status="niet behaald")
    edit.move_action(ws, ids.actions[2], 0)
    rows = lights(ws, ids.leren)
    assert [(a.id, a.description, a.owner, a.due_date, a.status, a.remark, a.updated_on, a.light)
            for a in rows] == [
        (ids.actions[2], "Evaluatie", "", None, ActionStatus.NOT_ACHIEVED, "", TODAY, "red"),
        (ids.actions[0], "Plan schrijven", "Servicebureau", date(2022, 3, 1), ActionStatus.ACHIEVED,
         "klaar", TODAY, "green"),
        (ids.actions[1], "Bijeenkomst", "regio", None, ActionStatus.IN_PROGRESS, "", TODAY, "orange")]
    assert [a.overdue for a in rows] == [False, False, False]  # the late one was achieved
    assert lights(ws, ids.monitor) == []


def test_filters_on_actions_keep_only_projects_with_matching_actions(small):
    """Filtering on a status or an owner counts only those actions and drops empty projects."""
    ws, ids = small
    edit.set_action_fields(ws, ids.actions[1], status="behaald")
    edit.set_action_fields(ws, ids.wacht_action, status="behaald", owner="Regio")
    achieved = overview(ws, ids.draft, status=ActionStatus.ACHIEVED, today=TODAY)
    assert [(r.number, r.total, r.counts[ActionStatus.ACHIEVED]) for r in achieved] == [
        ("2.1.1", 1, 1), ("2.2", 1, 1)]
    regio = overview(ws, ids.draft, owner="  REGIO ", today=TODAY)
    assert [(r.number, r.total) for r in regio] == [("2.1.1", 1), ("2.2", 1)]
    late = overview(ws, ids.draft, owner="servicebureau", today=TODAY)
    assert [(r.number, r.total, r.overdue) for r in late] == [("2.1.1", 1, 1)]
    assert overview(ws, ids.draft, owner="niemand", today=TODAY) == []
    assert len(overview(ws, ids.draft, owner="", today=TODAY)) == 4  # no filter
    both = overview(ws, ids.draft, status=ActionStatus.UNKNOWN, owner="regio", today=TODAY)
    assert both == []


def test_a_project_status_filter_keeps_projects_without_actions(small):
    """Filtering on the project's status shows those projects, even without actions."""
    ws, ids = small
    edit.set_project_fields(ws, ids.monitor, status="aandacht")
    rows = overview(ws, ids.draft, status=ProjectStatus.AT_RISK, today=TODAY)
    assert [(r.number, r.status, r.total) for r in rows] == [("2.1.2", ProjectStatus.AT_RISK, 0)]


def test_a_chapter_filter_takes_its_paragraphs_at_every_depth(small):
    """Filtering on chapter 2 shows the projects of 2.1 and of a paragraph below it too."""
    ws, ids = small
    deeper = edit.add_chapter(ws, ids.draft, ids.youth, 0, "Dieper")
    edit.add_project(ws, deeper, title="Diep project")
    rows = overview(ws, ids.draft, chapter_id=ids.projects, today=TODAY)
    assert [r.title for r in rows] == ["Diep project", "Samen leren", "Jeugdhulpmonitor", "Wachtlijsten",
                                       "Doorlopend algemeen"]
    assert [r.title for r in overview(ws, ids.draft, chapter_id=deeper)] == ["Diep project"]
    assert overview(ws, ids.draft, chapter_id=ids.intro) == []


def test_the_owner_choices_are_this_plans_names_once_in_alphabetical_order(small):
    """The owner filter lists each name once, case-insensitively sorted, without blanks."""
    ws, ids = small
    edit.set_action_fields(ws, ids.actions[2], owner="GGD")
    edit.set_action_fields(ws, ids.wacht_action, owner="regio")
    edit.add_action(ws, ids.monitor, "Zonder eigenaar")
    with ws.session() as s:
        assert owners(s, s.get(Plan, ids.draft)) == ["GGD", "regio", "Servicebureau"]
        assert owners(s, s.get(Plan, ids.adopted)) == ["Oud team"]


# --- the project form -----------------------------------------------------------------------------

def form(ws, project_id):
    with ws.session() as s:
        return project_form(s, project_id)


def test_the_project_form_shows_the_projects_fields_goals_and_staffing(small):
    """The form must show the project's own figures: label, chapter, goals, dagdelen and fte."""
    ws, ids = small
    edit.set_project_fields(ws, ids.leren, description="Leren van casussen", sponsor_admin="Wethouder",
                            sponsor_official="Directeur", contractor="Servicebureau",
                            start_date="1-1-2022", end_date="31-12-2022", status="achter")
    f = form(ws, ids.leren)
    assert (f.id, f.plan_id, f.chapter_id, f.region_id) == (ids.leren, ids.draft, ids.youth, ids.region)
    assert (f.label, f.number, f.title, f.chapter_label) == (
        "2.1.1 Samen leren", "2.1.1", "Samen leren", "2.1 Jeugdhulp")
    assert (f.description, f.sponsor_admin, f.sponsor_official, f.contractor) == (
        "Leren van casussen", "Wethouder", "Directeur", "Servicebureau")
    assert (f.start_date, f.end_date, f.status, f.is_general) == (
        date(2022, 1, 1), date(2022, 12, 31), ProjectStatus.OFF_TRACK, False)
    assert [(g.id, g.text) for g in f.goals] == [(ids.goals[0], "Eerste doel"), (ids.goals[1], "Tweede doel")]
    assert (f.half_days, f.fte, f.stated_half_days) == (D("2.5"), D("0.25"), D("2.0"))
    assert form(ws, ids.general).label == "Doorlopend algemeen"


def test_the_project_form_totals_its_budget_lines_per_year_and_counts_markers(small):
    """Per year the linked lines' amounts add up; a PM cell is counted, not added."""
    ws, ids = small
    f = form(ws, ids.leren)
    assert f.years == [2022, 2023]
    assert [line.name for line in f.budget_lines] == ["Samen leren", "Evaluatie"]
    assert f.totals == {2022: D("12500.50"), 2023: D("-1000.00")}
    assert f.markers == {2022: 0, 2023: 1}
    with ws.transaction() as s:
        s.add(BudgetCell(line_id=ids.line_los, year=2024, amount=D("7.00")))  # outside the columns
        s.add(BudgetCell(line_id=ids.line_los, year=2023, marker=Marker.IDEM))
        group = s.get(BudgetLine, ids.line_los).group_id
        later = BudgetLine(group_id=group, position=3, name="Nazorg", project_id=ids.wacht)
        ongoing = BudgetLine(group_id=group, position=4, name="Reserve", project_id=ids.wacht)
        s.add_all([later, ongoing])
        s.flush()
        s.add(BudgetCell(line_id=later.id, year=2023, amount=D("50.00")))  # nothing in 2022
        s.add(BudgetCell(line_id=ongoing.id, year=2023, marker=Marker.ONGOING))
    wacht = form(ws, ids.wacht)
    assert (wacht.totals, wacht.markers) == ({2022: D("99.00"), 2023: D("50.00")}, {2022: 0, 2023: 2})
    empty = form(ws, ids.monitor)
    assert (empty.totals, empty.markers, empty.budget_lines) == ({2022: 0, 2023: 0}, {2022: 0, 2023: 0}, [])
    assert (empty.half_days, empty.fte, empty.stated_half_days, empty.goals) == (0, 0, None, [])


def test_the_project_form_ticks_the_ambitions_the_project_serves(small):
    """The form lists the region's ambitions in order (not another region's), ticked if served."""
    ws, ids = small
    amb.set_project_ambitions(ws, ids.leren, [ids.hulp, ids.thuis])
    assert [(a.id, a.text, a.served) for a in form(ws, ids.leren).ambitions] == [
        (ids.gewoon, "Versterken van het gewone opvoeden", False),
        (ids.thuis, "Zo thuis mogelijk opgroeien", True),
        (ids.hulp, "Tijdig de best passende hulp", True)]


def test_the_form_of_a_deleted_project_is_none(small):
    """After a delete (or an undone add) the form closes instead of showing a stale project."""
    ws, ids = small
    edit.delete_project(ws, ids.monitor)
    assert form(ws, ids.monitor) is None


def test_the_chapter_choices_follow_the_outline_with_their_depth(small):
    """A project can move to any chapter of its plan; the list is in reading order, indented."""
    ws, ids = small
    deeper = edit.add_chapter(ws, ids.draft, ids.youth, 0, "Dieper")
    edit.move_chapter(ws, ids.closing, edit.Place(None, 0))
    with ws.session() as s:
        choices = chapter_choices(s, ids.draft)
    assert [(c.id, c.label, c.depth) for c in choices] == [
        (ids.closing, "1 Algemeen", 0), (ids.intro, "2 Inleiding", 0), (ids.projects, "3 Projecten", 0),
        (ids.youth, "3.1 Jeugdhulp", 1), (deeper, "3.1.1 Dieper", 2)]
    assert [c.label for c in form(ws, ids.leren).chapters] == [c.label for c in choices]


# --- the region's ambitions -----------------------------------------------------------------------

def ambition_texts(ws, region_id) -> list[str]:
    with ws.session() as s:
        rows = amb.region_ambitions(s, region_id)
        positions = s.scalars(select(Ambition.position).where(Ambition.region_id == region_id)
                              .order_by(Ambition.position)).all()
    assert positions == list(range(len(rows)))
    return [a.text for a in rows]


REGION = ["Versterken van het gewone opvoeden", "Zo thuis mogelijk opgroeien",
          "Tijdig de best passende hulp"]


def test_ticking_ambitions_keeps_the_others_and_returns_the_old_ones_sorted(small):
    """Ticking and unticking changes exactly those links; the old ids undo it."""
    ws, ids = small
    assert amb.set_project_ambitions(ws, ids.leren, [ids.hulp, ids.gewoon, ids.thuis]) == [ids.thuis]
    assert ambitions_served(ws, ids.leren) == {ids.gewoon, ids.thuis, ids.hulp}
    assert amb.set_project_ambitions(ws, ids.leren, (ids.thuis,)) == sorted([ids.gewoon, ids.thuis, ids.hulp])
    assert ambitions_served(ws, ids.leren) == {ids.thuis}
    assert amb.set_project_ambitions(ws, ids.monitor, []) == []
    assert ambitions_served(ws, ids.old_project) == {ids.gewoon}  # another project keeps its own


def test_an_ambition_of_another_region_or_deleted_cannot_be_ticked(small):
    """Ticking an ambition not in the region's list must be refused and write nothing."""
    ws, ids = small
    for wrong in (ids.elsewhere, 9999):
        assert refusal(amb.set_project_ambitions, ws, ids.leren, [ids.gewoon, wrong]) == \
            "Deze ambitie bestaat niet meer."
    assert ambitions_served(ws, ids.leren) == {ids.thuis}
    assert refusal(amb.set_project_ambitions, ws, 9999, []) == "Dit project bestaat niet meer."


def test_an_ambition_text_is_tidied_and_limited_to_300_characters(small):
    """Spaces and line breaks collapse; 300 characters fit, 301 are refused with the count."""
    ws, ids = small
    new = amb.add_ambition(ws, ids.region, "  Minder \n uithuisplaatsingen\t ")
    assert ambition_texts(ws, ids.region)[-1] == "Minder uithuisplaatsingen"
    longest = "x" * 300
    assert amb.rename_ambition(ws, new, f"  {longest}   ") == "Minder uithuisplaatsingen"
    assert ambition_texts(ws, ids.region)[-1] == longest
    assert refusal(amb.rename_ambition, ws, new, "x" * 301) == \
        "Een ambitie is hooguit 300 tekens lang; deze heeft er 301."
    assert refusal(amb.add_ambition, ws, ids.region, "a  " * 150 + "b") == \
        "Een ambitie is hooguit 300 tekens lang; deze heeft er 301."
    for blank in ("", " \n ", None):
        assert refusal(amb.add_ambition, ws, ids.region, blank) == (
            "Een ambitie heeft een tekst nodig; typ de ambitie zoals de regiovisie haar noemt.")
        assert refusal(amb.rename_ambition, ws, new, blank).startswith("Een ambitie heeft een tekst nodig")
    assert refusal(amb.rename_ambition, ws, 9999, "x") == "Deze ambitie bestaat niet meer."
    assert ambition_texts(ws, ids.region)[-1] == longest


@pytest.mark.parametrize("index, position", [(None, 3), (99, 3), (3, 3), (1, 1), (0, 0), (-1, 0), (-2, 0)])
def test_a_new_ambition_lands_at_its_index_kept_in_range(small, index, position):
    """A new ambition goes where asked; past the end it is last, before the start it is first."""
    ws, ids = small
    amb.add_ambition(ws, ids.region, "Nieuw", index=index)
    expected = list(REGION)
    expected.insert(position, "Nieuw")
    assert ambition_texts(ws, ids.region) == expected
    assert ambition_texts(ws, ids.other_region) == ["Ambitie van elders"]


def test_moving_an_ambition_returns_its_old_index_and_clamps(small):
    """An ambition moved past the end goes last; the returned index moves it back."""
    ws, ids = small
    assert amb.move_ambition(ws, ids.gewoon, 10) == 0
    assert ambition_texts(ws, ids.region) == REGION[1:] + REGION[:1]
    assert amb.move_ambition(ws, ids.hulp, -1) == 1
    assert ambition_texts(ws, ids.region) == [REGION[2], REGION[1], REGION[0]]
    assert amb.move_ambition(ws, ids.gewoon, 1) == 2
    assert ambition_texts(ws, ids.region) == [REGION[2], REGION[0], REGION[1]]
    assert refusal(amb.move_ambition, ws, 9999, 0) == "Deze ambitie bestaat niet meer."


def test_deleting_an_ambition_used_by_drafts_and_undo_restores_place_and_links(small):
    """A draft's use does not block a delete; undo puts it back at its place with its projects."""
    ws, ids = small
    amb.set_project_ambitions(ws, ids.wacht, [ids.thuis])
    snapshot = amb.delete_ambition(ws, ids.thuis)
    assert (snapshot.index, snapshot.project_ids) == (1, sorted([ids.leren, ids.wacht]))
    assert ambition_texts(ws, ids.region) == [REGION[0], REGION[2]]
    assert ambitions_served(ws, ids.leren) == set() == ambitions_served(ws, ids.wacht)
    assert ambitions_served(ws, ids.old_project) == {ids.gewoon}  # other links stay
    amb.restore_ambition(ws, snapshot)
    assert ambition_texts(ws, ids.region) == REGION
    assert ambitions_served(ws, ids.leren) == {ids.thuis} == ambitions_served(ws, ids.wacht)
    assert refusal(amb.delete_ambition, ws, 9999) == "Deze ambitie bestaat niet meer."


def test_an_ambition_an_adopted_plan_uses_names_those_plans_and_stays(small):
    """Deleting an ambition of adopted plans is refused, naming each adopted plan once."""
    ws, ids = small
    amb.set_project_ambitions(ws, ids.leren, [ids.gewoon])
    amb.set_project_ambitions(ws, ids.wacht, [ids.gewoon])
    message = (
        "“Versterken van het gewone opvoeden” wordt gebruikt in {}, dat is vastgesteld; een "
        "vastgesteld plan blijft zoals het is vastgesteld. Pas de tekst aan in plaats van de "
        "ambitie te verwijderen.")
    assert refusal(amb.delete_ambition, ws, ids.gewoon) == message.format("Uitvoeringsplan 2021")
    with ws.transaction() as s:
        s.get(Plan, ids.draft).status = PlanStatus.ADOPTED
        s.get(Plan, ids.draft).title = "Uitvoeringsplan 2020"  # sorts before 2021
    assert refusal(amb.delete_ambition, ws, ids.gewoon) == message.format(
        "Uitvoeringsplan 2020, Uitvoeringsplan 2021")
    assert ambition_texts(ws, ids.region) == REGION
    assert ambitions_served(ws, ids.old_project) == {ids.gewoon}
    assert ambitions_served(ws, ids.leren) == {ids.gewoon}


def test_deleting_an_unused_ambition_and_undo_at_the_end(small):
    """An unused last ambition goes without links and comes back last."""
    ws, ids = small
    snapshot = amb.delete_ambition(ws, ids.hulp)
    assert (snapshot.index, snapshot.project_ids, snapshot.row["text"]) == (
        2, [], "Tijdig de best passende hulp")
    assert ambition_texts(ws, ids.region) == REGION[:2]
    amb.restore_ambition(ws, snapshot)
    assert ambition_texts(ws, ids.region) == REGION
    with ws.session() as s:
        assert s.get(Ambition, ids.hulp).region_id == ids.region
