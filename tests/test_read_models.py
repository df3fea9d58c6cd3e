"""What the navigation tree and the overview headers show: regions, plans, chapters, projects.

On the demo (the real 2022 Haaglanden plan), on an amendment made from it and edited,
and on small hand-built workspaces where creation order and position order differ.
"""
from datetime import date

import pytest
from sqlalchemy import select

from app.models import (
    AllocationKey,
    Chapter,
    Municipality,
    MunicipalitySet,
    Plan,
    PlanKind,
    PlanStatus,
    Project,
    Region,
)
from app.services import project_edit
from app.services import read_models as rm
from app.services.plan_copy import create_amendment

DEMO_TITLE = "Uitvoeringsplan 2022 Regiovisie Jeugdzorg Haaglanden"
AMENDMENT_TITLE = DEMO_TITLE + " (wijziging 1)"
MUNICIPALITIES = ["Delft", "Den Haag", "Lansingerland", "Leidschendam-Voorburg", "Midden-Delfland",
                  "Pijnacker-Nootdorp", "Rijswijk", "Wassenaar", "Westland", "Zoetermeer"]

# The demo plan's outline as the tree shows it: chapters, then their sections, then projects.
DEMO_OUTLINE = [
    "1 Inleiding",
    "2 Context",
    "3 Prioritaire activiteiten in 2022",
    "  3.1 Kinderen en gezinnen in de meest kwetsbare omstandigheden",
    "    3.1.1 Aanpak wachtlijsten",
    "    3.1.2 Gecertificeerde instellingen",
    "    3.1.3 Intensiveren Beter Samenspel",
    "    3.1.4 Vernieuwing JeugdzorgPlus",
    "    3.1.5 Kleinschalige woonvoorzieningen",
    "  3.2 Lerend ontwikkelen",
    "    3.2.1 Ontwikkeling jeugdhulpmonitor",
    "    3.2.2 Reikwijdte Jeugdwet, normaliseren",
    "    3.2.3 Samen leren",
    "  3.3 Maatregelen uit en t.b.v. de inkoopovereenkomsten",
    "    3.3.1 Big 5",
    "    3.3.2 Kostenbeheersing: richtinggevend kader en bestedingsruimte",
    "4 Lopende projecten en ad-hoc ondersteuning",
    "  4.1 Raakvlakken met andere wetten en regelingen",
    "    4.1.1 Wet langdurige zorg",
    "    4.1.2 Onderwijs-Jeugdzorg",
    "    4.1.3 Bovenregionale Expertise Netwerken (BREN)",
    "  4.2 Jeugdhulp in gezinsvormen",
    "  4.3 Jeugdhulpexpertise bij de huisarts",
    "  4.4 Scheiding en complexe relaties",
    "5 Procesmatige ondersteuning",
    "  Doorlopend algemeen",
    "  Coördinatie, werkoverleg",
    "6 Begroting",
]


def outline(chapters: list[rm.ChapterNode], depth: int = 0) -> list[str]:
    """The labels of a chapter tree, indented by depth, in the order the tree shows them."""
    lines = []
    for chapter in chapters:
        lines.append("  " * depth + chapter.label)
        lines += outline(chapter.children, depth + 1)
        lines += ["  " * (depth + 1) + p.label for p in chapter.projects]
    return lines


def walk(chapters: list[rm.ChapterNode], parent: rm.ChapterNode | None = None):
    for chapter in chapters:
        yield parent, chapter
        yield from walk(chapter.children, chapter)


def tree(workspace) -> list[rm.RegionNode]:
    with workspace.session() as s:
        return rm.navigation_tree(s)


def plan_node(workspace, plan_id: int) -> rm.PlanNode:
    return next(p for r in tree(workspace) for p in r.plans if p.id == plan_id)


def chapter_id(workspace, plan_id: int, number: str) -> int:
    with workspace.session() as s:
        return s.scalars(select(Chapter.id).where(Chapter.plan_id == plan_id,
                                                  Chapter.number == number)).one()


def project_id(workspace, plan_id: int, number: str) -> int:
    with workspace.session() as s:
        return s.scalars(select(Project.id).join(Project.chapter).where(
            Chapter.plan_id == plan_id, Project.number == number)).one()


def chapter_info(workspace, chapter: int) -> rm.ChapterInfo:
    with workspace.session() as s:
        return rm.chapter_info(s, chapter)


def region_info(workspace, region_id: int):
    from app.services.region_admin import load_region_admin

    return load_region_admin(workspace, region_id)


@pytest.fixture
def demo(ws):
    """The demo workspace, as a file and on the PostgreSQL test server (conftest ``ws``)."""
    return ws


@pytest.fixture
def adopted(demo) -> int:
    with demo.session() as s:
        return s.scalars(select(Plan.id)).one()


@pytest.fixture
def amendment(demo, adopted) -> int:
    return create_amendment(demo, adopted)


# --- the navigation tree of the demo --------------------------------------------------------


def test_demo_tree_shows_the_region_and_its_adopted_2022_plan(demo, adopted):
    """The tree's top: one region, Regio Haaglanden, holding the 2022 plan adopted by the BOJ."""
    regions = tree(demo)
    assert [r.name for r in regions] == ["Regio Haaglanden"]
    [plan] = regions[0].plans
    assert (plan.id, plan.year, plan.title) == (adopted, 2022, DEMO_TITLE)
    assert plan.kind is PlanKind.PLAN
    assert plan.status is PlanStatus.ADOPTED
    assert plan.adopted_on == date(2021, 11, 11)
    assert plan.adopted_by == "BOJ"


def test_demo_tree_lists_chapters_sections_and_projects_as_published(demo):
    """Every chapter, section and project of the 2022 plan appears once, numbered, in plan order."""
    [plan] = tree(demo)[0].plans
    assert outline(plan.chapters) == DEMO_OUTLINE
    assert [c.number for c in plan.chapters] == ["1", "2", "3", "4", "5", "6"]


def test_general_work_shows_its_title_without_a_number(demo):
    """Chapter 5's general work has no number and its label is the bare title, no leading space."""
    [plan] = tree(demo)[0].plans
    chapter5 = plan.chapters[4]
    assert [(p.number, p.label) for p in chapter5.projects] == [
        ("", "Doorlopend algemeen"), ("", "Coördinatie, werkoverleg")]
    assert chapter5.children == []


def test_every_tree_item_opens_the_row_it_names(demo):
    """Clicking an item opens that very region, plan, chapter or project (ids link right)."""
    [region] = tree(demo)
    [plan] = region.plans
    seen_projects = 0
    with demo.session() as s:
        assert s.get(Region, region.id).name == region.name
        assert s.get(Plan, plan.id).title == plan.title
        for parent, node in walk(plan.chapters):
            chapter = s.get(Chapter, node.id)
            assert (chapter.number, chapter.title) == (node.number, node.title)
            assert chapter.plan_id == plan.id
            assert chapter.parent_id == (parent.id if parent else None)
            for ref in node.projects:
                project = s.get(Project, ref.id)
                assert (project.number, project.title) == (ref.number, ref.title)
                assert project.chapter_id == node.id
                seen_projects += 1
    assert seen_projects == 18


def test_demo_counts_of_chapters_and_projects(demo):
    """The tree holds the plan's 10 chapters and sections and its 18 projects, none twice."""
    [plan] = tree(demo)[0].plans
    chapters = [node for _parent, node in walk(plan.chapters)]
    projects = [p for c in chapters for p in c.projects]
    assert len(chapters) == len({c.id for c in chapters}) == 10
    assert len(projects) == len({p.id for p in projects}) == 18


# --- an amendment ---------------------------------------------------------------------------


def test_amendment_appears_as_a_draft_beside_the_adopted_plan(demo, adopted, amendment):
    """After Wijziging maken the region holds the adopted plan and, after it, the draft copy."""
    [region] = tree(demo)
    assert [p.id for p in region.plans] == [adopted, amendment]
    original, copy = region.plans
    assert (copy.year, copy.title, copy.kind, copy.status) == (
        2022, AMENDMENT_TITLE, PlanKind.AMENDMENT, PlanStatus.DRAFT)
    assert copy.adopted_on is None
    assert copy.adopted_by == ""
    assert (original.title, original.status, original.adopted_by) == (
        DEMO_TITLE, PlanStatus.ADOPTED, "BOJ")
    assert outline(copy.chapters) == DEMO_OUTLINE


def test_amendment_tree_opens_the_amendments_own_rows(demo, adopted, amendment):
    """Items under the amendment open its copies, never the adopted plan's chapters or projects."""
    original = plan_node(demo, adopted)
    copy = plan_node(demo, amendment)
    original_ids = {n.id for _p, n in walk(original.chapters)}
    original_projects = {p.id for _p, n in walk(original.chapters) for p in n.projects}
    with demo.session() as s:
        for _parent, node in walk(copy.chapters):
            assert node.id not in original_ids
            assert s.get(Chapter, node.id).plan_id == amendment
            for ref in node.projects:
                assert ref.id not in original_projects
                assert s.get(Project, ref.id).chapter.plan_id == amendment


def test_edits_in_the_amendment_renumber_its_tree_and_leave_the_adopted_plan(demo, adopted, amendment):
    """A project moved up, a chapter added in front and one at the end show renumbered."""
    samenspel = project_id(demo, amendment, "3.1.3")
    project_edit.move_project(demo, samenspel, project_edit.Place(chapter_id(demo, amendment, "3.1"), 0))
    project_edit.add_chapter(demo, amendment, index=0, title="Samenvatting")
    project_edit.add_chapter(demo, amendment, title="Evaluatie")

    copy = plan_node(demo, amendment)
    lines = outline(copy.chapters)
    assert lines[:10] == [
        "1 Samenvatting",
        "2 Inleiding",
        "3 Context",
        "4 Prioritaire activiteiten in 2022",
        "  4.1 Kinderen en gezinnen in de meest kwetsbare omstandigheden",
        "    4.1.1 Intensiveren Beter Samenspel",
        "    4.1.2 Aanpak wachtlijsten",
        "    4.1.3 Gecertificeerde instellingen",
        "    4.1.4 Vernieuwing JeugdzorgPlus",
        "    4.1.5 Kleinschalige woonvoorzieningen",
    ]
    assert lines[-2:] == ["7 Begroting", "8 Evaluatie"]
    assert len(lines) == len(DEMO_OUTLINE) + 2
    assert outline(plan_node(demo, adopted).chapters) == DEMO_OUTLINE


# --- plans and regions in small workspaces ---------------------------------------------------


@pytest.fixture
def small(empty_ws):
    """Two regions; plans created out of year order; chapters and projects out of position order
    (a file, and a database on the PostgreSQL test server)."""
    workspace = empty_ws
    ids = {}
    with workspace.transaction() as s:
        west = Region(name="Regio West")
        east = Region(name="Regio Oost")
        lonely = Region(name="Regio Zonder Plan")
        s.add_all([west, east, lonely])
        s.flush()
        # Created in the order 2023, 2022 (base), 2022 (second): shown by year, then creation.
        later = Plan(region=west, year=2023, title="Plan West 2023", first_year=2023, last_year=2023)
        base = Plan(region=west, year=2022, title="Plan West 2022", first_year=2022, last_year=2022,
                    status=PlanStatus.ADOPTED, adopted_on=date(2021, 12, 1), adopted_by="AB")
        scenario = Plan(region=west, year=2022, title="Plan West 2022 scenario", first_year=2022,
                        last_year=2022, kind=PlanKind.SCENARIO)
        other = Plan(region=east, year=2021, title="Plan Oost 2021", first_year=2021, last_year=2021)
        for plan in (later, base, scenario, other):
            s.add(plan)
            s.flush()
        # Chapters created last-first: the tree follows their positions, not their ids.
        second = Chapter(plan_id=base.id, position=1, number="2", title="Tweede")
        first = Chapter(plan_id=base.id, position=0, number="1", title="Eerste")
        s.add_all([second, first])
        s.flush()
        sub_b = Chapter(plan_id=base.id, parent_id=first.id, position=1, number="1.2", title="Sub B")
        sub_a = Chapter(plan_id=base.id, parent_id=first.id, position=0, number="1.1", title="Sub A")
        unnumbered = Chapter(plan_id=base.id, position=2, number="", title="Bijlagen")
        east_chapter = Chapter(plan_id=other.id, position=0, number="1", title="Oost hoofdstuk")
        s.add_all([sub_b, sub_a, unnumbered, east_chapter])
        s.flush()
        p_late = Project(chapter_id=sub_a.id, position=1, number="1.1.2", title="Later project")
        p_early = Project(chapter_id=sub_a.id, position=0, number="1.1.1", title="Vroeg project")
        p_east = Project(chapter_id=east_chapter.id, position=0, number="1.1", title="Oost project")
        s.add_all([p_late, p_early, p_east])
        s.flush()
        # Municipalities and sets created out of position order too.
        west.municipalities = [Municipality(name="Zandvoort", position=2),
                               Municipality(name="Alkmaar", position=0),
                               Municipality(name="Heemstede", position=1)]
        east.municipalities = [Municipality(name="Enschede", position=0)]
        s.flush()
        by_name = {m.name: m for m in west.municipalities}
        west.municipality_sets = [
            MunicipalitySet(code="Z2", name="Zonder Alkmaar", position=1,
                            members=[by_name["Zandvoort"], by_name["Heemstede"]]),
            MunicipalitySet(code="A3", name="Alle drie", position=0,
                            members=[by_name["Zandvoort"], by_name["Alkmaar"], by_name["Heemstede"]]),
        ]
        s.add_all([AllocationKey(region=west, name="Sleutel B"), AllocationKey(region=east, name="Oost"),
                   AllocationKey(region=west, name="Sleutel A")])
        s.flush()
        ids.update(west=west.id, east=east.id, lonely=lonely.id, later=later.id, base=base.id,
                   scenario=scenario.id, other=other.id, first=first.id, second=second.id,
                   sub_a=sub_a.id, sub_b=sub_b.id, unnumbered=unnumbered.id, p_early=p_early.id,
                   p_late=p_late.id, east_chapter=east_chapter.id, p_east=p_east.id)
    workspace.ids = ids
    return workspace


def test_plans_are_listed_by_year_then_in_order_of_making(small):
    """Within a region the plans come by year, same-year plans in the order they were made."""
    west = next(r for r in tree(small) if r.id == small.ids["west"])
    ids = small.ids
    assert [(p.id, p.year, p.title) for p in west.plans] == [
        (ids["base"], 2022, "Plan West 2022"),
        (ids["scenario"], 2022, "Plan West 2022 scenario"),
        (ids["later"], 2023, "Plan West 2023"),
    ]
    base, scenario, later = west.plans
    assert (base.status, base.adopted_on, base.adopted_by) == (
        PlanStatus.ADOPTED, date(2021, 12, 1), "AB")
    assert (scenario.kind, scenario.status) == (PlanKind.SCENARIO, PlanStatus.DRAFT)


def test_each_plan_sits_under_its_own_region(small):
    """Regions appear in the order made, each with only its own plans; one may have none."""
    regions = tree(small)
    assert [(r.id, r.name) for r in regions] == [
        (small.ids["west"], "Regio West"), (small.ids["east"], "Regio Oost"),
        (small.ids["lonely"], "Regio Zonder Plan")]
    assert len(regions[0].plans) == 3
    assert [p.title for p in regions[1].plans] == ["Plan Oost 2021"]
    assert regions[2].plans == []
    [east_plan] = regions[1].plans
    assert outline(east_plan.chapters) == ["1 Oost hoofdstuk", "  1.1 Oost project"]
    assert east_plan.chapters[0].projects[0].id == small.ids["p_east"]


def test_chapters_and_projects_follow_their_position_not_creation(small):
    """Chapters, sections and projects show in their positions' order, each under its parent."""
    base = plan_node(small, small.ids["base"])
    assert outline(base.chapters) == [
        "1 Eerste",
        "  1.1 Sub A",
        "    1.1.1 Vroeg project",
        "    1.1.2 Later project",
        "  1.2 Sub B",
        "2 Tweede",
        "Bijlagen",  # an unnumbered chapter shows its bare title
    ]
    ids = small.ids
    assert [c.id for c in base.chapters] == [ids["first"], ids["second"], ids["unnumbered"]]
    assert [c.id for c in base.chapters[0].children] == [ids["sub_a"], ids["sub_b"]]
    assert [p.id for p in base.chapters[0].children[0].projects] == [ids["p_early"], ids["p_late"]]


def test_an_empty_plan_shows_no_chapters(small):
    """A plan without chapters is listed with an empty outline (not another plan's chapters)."""
    assert plan_node(small, small.ids["later"]).chapters == []
    assert plan_node(small, small.ids["scenario"]).chapters == []


def test_an_empty_workspace_has_no_regions(empty_ws):
    """A new file's (or database's) tree is empty, so the window shows 'no region or plan yet'."""
    assert tree(empty_ws) == []


# --- the region page ------------------------------------------------------------------------


def test_demo_region_page_lists_municipalities_sets_and_key(demo):
    """The region page: the ten municipalities in order, H10 with all, H8 without two, the key."""
    [region] = tree(demo)
    info = region_info(demo, region.id)
    assert info.name == "Regio Haaglanden"
    assert [m.name for m in info.municipalities] == MUNICIPALITIES
    assert [(s.code, s.name) for s in info.sets] == [
        ("H10", "H10 (alle gemeenten)"), ("H8", "H8 (zonder Den Haag en Lansingerland)")]
    assert info.sets[0].members == ", ".join(MUNICIPALITIES)
    assert info.sets[1].members == ", ".join(m for m in MUNICIPALITIES if m not in ("Den Haag", "Lansingerland"))
    assert [k.name for k in info.keys] == ["Verdeelsleutel naar gemeentegrootte"]


def test_amendment_key_copy_is_listed_after_the_original_key(demo, amendment):
    """After Wijziging maken the region page lists the adopted key, then the amendment's copy."""
    [region] = tree(demo)
    assert [k.name for k in region_info(demo, region.id).keys] == [
        "Verdeelsleutel naar gemeentegrootte", "Verdeelsleutel naar gemeentegrootte (wijziging 1)"]


def test_region_page_shows_only_its_own_region_in_position_order(small):
    """A region lists its own municipalities, sets and keys only: municipalities and sets in
    their set order, keys by name."""
    west = region_info(small, small.ids["west"])
    assert west.name == "Regio West"
    assert [m.name for m in west.municipalities] == ["Alkmaar", "Heemstede", "Zandvoort"]
    assert [(s.code, s.name, s.members) for s in west.sets] == [
        ("A3", "Alle drie", "Alkmaar, Heemstede, Zandvoort"),
        ("Z2", "Zonder Alkmaar", "Heemstede, Zandvoort"),
    ]
    assert [k.name for k in west.keys] == ["Sleutel A", "Sleutel B"]
    east = region_info(small, small.ids["east"])
    assert (east.name, [m.name for m in east.municipalities], east.sets, [k.name for k in east.keys]) == (
        "Regio Oost", ["Enschede"], (), ["Oost"])
    lonely = region_info(small, small.ids["lonely"])
    assert (lonely.municipalities, lonely.sets, lonely.keys) == ((), (), ())


# --- the chapter page -----------------------------------------------------------------------


def test_chapter_3_page_lists_its_three_sections(demo, adopted):
    """Chapter 3's page: its number, title and text, sections 3.1-3.3, no projects of its own."""
    info = chapter_info(demo, chapter_id(demo, adopted, "3"))
    assert (info.plan_id, info.number, info.title) == (adopted, "3", "Prioritaire activiteiten in 2022")
    assert info.text == "Prioriteit voor kinderen en gezinnen in kwetsbare omstandigheden."
    assert [c.label for c in info.children] == [
        "3.1 Kinderen en gezinnen in de meest kwetsbare omstandigheden",
        "3.2 Lerend ontwikkelen",
        "3.3 Maatregelen uit en t.b.v. de inkoopovereenkomsten",
    ]
    assert [c.id for c in info.children] == [chapter_id(demo, adopted, n) for n in ("3.1", "3.2", "3.3")]
    assert info.projects == []


def test_section_3_1_page_lists_its_five_projects(demo, adopted):
    """Section 3.1's page lists projects 3.1.1 to 3.1.5 by number and title, linked to them."""
    info = chapter_info(demo, chapter_id(demo, adopted, "3.1"))
    assert (info.number, info.title) == ("3.1", "Kinderen en gezinnen in de meest kwetsbare omstandigheden")
    assert info.text == ""
    assert info.children == []
    assert [(p.number, p.title) for p in info.projects] == [
        ("3.1.1", "Aanpak wachtlijsten"),
        ("3.1.2", "Gecertificeerde instellingen"),
        ("3.1.3", "Intensiveren Beter Samenspel"),
        ("3.1.4", "Vernieuwing JeugdzorgPlus"),
        ("3.1.5", "Kleinschalige woonvoorzieningen"),
    ]
    assert [p.id for p in info.projects] == [
        project_id(demo, adopted, f"3.1.{n}") for n in range(1, 6)]


def test_chapter_4_page_lists_its_section_and_its_projects(demo, adopted):
    """Chapter 4 has both: section 4.1 under Sections, projects 4.2-4.4 under Projects."""
    info = chapter_info(demo, chapter_id(demo, adopted, "4"))
    assert [c.label for c in info.children] == ["4.1 Raakvlakken met andere wetten en regelingen"]
    assert [p.label for p in info.projects] == [
        "4.2 Jeugdhulp in gezinsvormen",
        "4.3 Jeugdhulpexpertise bij de huisarts",
        "4.4 Scheiding en complexe relaties",
    ]


def test_chapter_without_sections_or_projects_shows_only_its_text(demo, adopted):
    """Chapter 1 (Inleiding) has text but no sections and no projects."""
    info = chapter_info(demo, chapter_id(demo, adopted, "1"))
    assert (info.number, info.title) == ("1", "Inleiding")
    assert info.text == "Uitvoeringsplan bij de Regiovisie Jeugdzorg 2021-2026 Haaglanden."
    assert (info.children, info.projects) == ([], [])


def test_amendment_chapter_page_follows_its_edits(demo, adopted, amendment):
    """In the amendment, a section page shows the moved project first and belongs to the amendment."""
    samenspel = project_id(demo, amendment, "3.1.3")
    section = chapter_id(demo, amendment, "3.1")
    project_edit.move_project(demo, samenspel, project_edit.Place(section, 0))
    project_edit.add_chapter(demo, amendment, parent_id=chapter_id(demo, amendment, "3"), index=0,
                             title="Nieuwe paragraaf")
    info = chapter_info(demo, section)
    assert info.plan_id == amendment
    assert info.number == "3.2"
    assert [p.label for p in info.projects] == [
        "3.2.1 Intensiveren Beter Samenspel",
        "3.2.2 Aanpak wachtlijsten",
        "3.2.3 Gecertificeerde instellingen",
        "3.2.4 Vernieuwing JeugdzorgPlus",
        "3.2.5 Kleinschalige woonvoorzieningen",
    ]
    assert info.projects[0].id == samenspel
    parent = chapter_info(demo, chapter_id(demo, amendment, "3"))
    assert [c.label for c in parent.children] == [
        "3.1 Nieuwe paragraaf",
        "3.2 Kinderen en gezinnen in de meest kwetsbare omstandigheden",
        "3.3 Lerend ontwikkelen",
        "3.4 Maatregelen uit en t.b.v. de inkoopovereenkomsten",
    ]
    new_section = chapter_info(demo, parent.children[0].id)
    assert (new_section.title, new_section.children, new_section.projects) == (
        "Nieuwe paragraaf", [], [])
    # The adopted plan's section 3.1 is untouched.
    original = chapter_info(demo, chapter_id(demo, adopted, "3.1"))
    assert original.plan_id == adopted
    assert original.projects[0].label == "3.1.1 Aanpak wachtlijsten"


def test_chapter_page_orders_sections_and_projects_by_position(small):
    """A chapter page lists sections and projects in their positions' order, not creation order."""
    first = chapter_info(small, small.ids["first"])
    assert [c.label for c in first.children] == ["1.1 Sub A", "1.2 Sub B"]
    assert [c.id for c in first.children] == [small.ids["sub_a"], small.ids["sub_b"]]
    assert first.projects == []
    sub_a = chapter_info(small, small.ids["sub_a"])
    assert [(p.id, p.label) for p in sub_a.projects] == [
        (small.ids["p_early"], "1.1.1 Vroeg project"), (small.ids["p_late"], "1.1.2 Later project")]
    assert sub_a.plan_id == small.ids["base"]


# --- get_plan --------------------------------------------------------------------------------


def test_get_plan_returns_the_plan_asked_for(demo, adopted, amendment):
    """Opening a plan's page gets that plan: the adopted one or the amendment, by id."""
    with demo.session() as s:
        assert rm.get_plan(s, adopted).title == DEMO_TITLE
        assert rm.get_plan(s, amendment).title == AMENDMENT_TITLE
        assert rm.get_plan(s, amendment).status is PlanStatus.DRAFT


def test_get_plan_of_a_deleted_plan_says_so(demo):
    """A page for a plan that no longer exists fails with a clear lookup error, not a crash later."""
    with demo.session() as s, pytest.raises(LookupError, match=r"^plan 9999 not found$"):
        rm.get_plan(s, 9999)


def test_a_project_moved_above_a_section_stands_above_it_in_the_tree(ws):
    """Moving project 4.2 to the top of chapter 4 makes it 4.1; the tree must show it first,
    above the section that became 4.2 (it used to list every section before every project)."""
    from app.services import project_edit
    from app.services.plan_copy import create_amendment
    from app.services.project_edit import Place

    try:
        with ws.session() as s:
            adopted = s.scalars(select(Plan)).one()
        amendment_id = create_amendment(ws, adopted.id)
        tree = _tree_of(ws, amendment_id)
        chapter4 = next(c for c in tree.chapters if c.number == "4")
        project = next(p for p in chapter4.projects if p.number == "4.2")
        project_edit.move_project(ws, project.id, Place(chapter4.id, 0))
        chapter4 = next(c for c in _tree_of(ws, amendment_id).chapters if c.number == "4")
        assert [e.label.split(" ")[0] for e in chapter4.entries] == ["4.1", "4.2", "4.3", "4.4"]
        assert chapter4.entries[0].title == "Jeugdhulp in gezinsvormen"
        assert chapter4.entries[1].title == "Raakvlakken met andere wetten en regelingen"  # the section
        assert [p.number for p in chapter4.entries[1].entries][:1] == ["4.2.1"]
    finally:
        ws.close()


def _tree_of(ws, plan_id):
    with ws.session() as s:
        regions = rm.navigation_tree(s)
    return next(p for r in regions for p in r.plans if p.id == plan_id)
