"""Find in a plan (Ctrl+F): what app.services.search finds, in which order, with which labels.

On a small hand-built workspace of two plans (ids and positions in different orders, so the
plan's order is not the order of creation), and on the demo plan against the navigation tree
and the budget sheet, which the find bar's order must follow.
"""
from decimal import Decimal

import pytest

from app.models import Action, BudgetGroup, BudgetLine, Chapter, Person, Plan, Project, Region, Role
from app.services import search
from app.services.budget_sheet import RowKind, load_sheet
from app.services.read_models import load_navigation
from app.services.search import Hit, fold, query_words, search_plan


@pytest.fixture
def small(empty_ws):
    """Plan A with every kind of item; plan B with the same words and "zebra" in each item
    (a file, and a database on the PostgreSQL test server)."""
    workspace = empty_ws
    ids: dict[str, int] = {}
    with workspace.transaction() as s:
        region = Region(name="Regio Zoek")
        s.add(region)
        s.flush()
        a = Plan(region_id=region.id, year=2024, title="Plan A", first_year=2024, last_year=2024)
        b = Plan(region_id=region.id, year=2025, title="Plan B", first_year=2025, last_year=2025)
        s.add_all([a, b])
        s.flush()
        # Chapter 2 is made first: the order is the chapters' positions, not their ids.
        two = Chapter(plan_id=a.id, position=1, number="2", title="Tweede")
        one = Chapter(plan_id=a.id, position=0, number="1", title="Eerste")
        s.add_all([two, one])
        s.flush()
        section = Chapter(plan_id=a.id, parent_id=one.id, position=1, number="1.2", title="Sectie")
        s.add(section)
        s.flush()
        monitor = Project(chapter_id=two.id, position=0, number="2.1", title="Monitor",
                          description="Reële cijfers over de jeugdhulp")
        inkoop = Project(chapter_id=section.id, position=0, number="1.2.1", title="Inkoop jeugdhulp",
                         description="Nieuwe contracten")
        overgang = Project(chapter_id=one.id, position=0, number="1.1", title="Overgang naar nieuwe inkoop",
                           description="De reële kosten van de overgang")
        s.add_all([monitor, inkoop, overgang])
        s.flush()
        # Made in another order than their positions, too.
        report = Action(project_id=monitor.id, position=1, description="Rapportage opleveren",
                        owner="Programmabureau", remark="Overgang besproken")
        plan_it = Action(project_id=monitor.id, position=0, description="Overgang plannen",
                         owner="Gemeente Delft")
        contract = Action(project_id=overgang.id, position=0, description="Contract sluiten",
                          owner="Inkoopteam")
        s.add_all([report, plan_it, contract])
        manager = Role(plan_id=a.id, position=1, role="Programmamanager", fte=Decimal("1.00"),
                       execution_fte=Decimal("0.40"))
        adviser = Role(plan_id=a.id, position=0, role="Beleidsadviseur overgang", fte=Decimal("2.00"),
                       execution_fte=Decimal("2.00"))
        s.add_all([manager, adviser])
        s.flush()
        renee = Person(plan_id=a.id, position=1, name="Renée de Groot", capacity_id=manager.id)
        jan = Person(plan_id=a.id, position=0, name="Jan Overgang", capacity_id=adviser.id)
        s.add_all([renee, jan])
        g_over = BudgetGroup(plan_id=a.id, position=0, number="1", name="Overgang")
        g_mon = BudgetGroup(plan_id=a.id, position=1, number="2", name="Monitoring")
        s.add_all([g_mon, g_over])
        s.flush()
        g_sub = BudgetGroup(plan_id=a.id, parent_id=g_over.id, position=1, number="", name="Inkoop")
        s.add(g_sub)
        s.flush()
        lead = BudgetLine(group_id=g_over.id, position=2, name="Projectleiding overgang")
        real = BudgetLine(group_id=g_over.id, position=0, name="Reële kosten inhuur", note="Zie de nota")
        advice = BudgetLine(group_id=g_sub.id, position=0, name="Inkoopadvies")
        research = BudgetLine(group_id=g_mon.id, position=0, name="Onderzoek",
                              note="Het onderzoek volgt de overgang van de monitor")
        s.add_all([lead, real, advice, research])

        other = Chapter(plan_id=b.id, position=0, number="1", title="Zebra hoofdstuk")
        s.add(other)
        s.flush()
        b_project = Project(chapter_id=other.id, position=0, number="1.1", title="Overgang zebra")
        s.add(b_project)
        s.flush()
        s.add(Action(project_id=b_project.id, position=0, description="Overgang zebra actie"))
        b_role = Role(plan_id=b.id, position=0, role="Overgang zebra rol", fte=Decimal("1.00"),
                      execution_fte=Decimal("1.00"))
        s.add(b_role)
        s.add(Person(plan_id=b.id, position=0, name="Overgang Zebra"))
        b_group = BudgetGroup(plan_id=b.id, position=0, number="1", name="Overgang zebra")
        s.add(b_group)
        s.flush()
        s.add(BudgetLine(group_id=b_group.id, position=0, name="Overgang zebra post"))
        s.flush()
        for name, row in dict(a=a, b=b, monitor=monitor, inkoop=inkoop, overgang=overgang,
                              report=report, plan_it=plan_it, contract=contract, manager=manager,
                              adviser=adviser, renee=renee, jan=jan, g_over=g_over, g_mon=g_mon,
                              g_sub=g_sub, lead=lead, real=real, advice=advice, research=research,
                              b_project=b_project).items():
            ids[name] = row.id
    return workspace, ids


def keys(hits: list[Hit]) -> list[tuple[str, int]]:
    return [h.key for h in hits]


def test_every_kind_is_found_in_the_plans_order(small):
    workspace, ids = small
    hits = search_plan(workspace, ids["a"], "overgang")
    assert keys(hits) == [
        # Chapter 1 (position 0, made after chapter 2): project 1.1 and its action list...
        ("project", ids["overgang"]),
        # ... chapter 2: project 2.1's actions by position, not by id.
        ("action", ids["plan_it"]), ("action", ids["report"]),
        # The staffing: roles by position, then people by position.
        ("role", ids["adviser"]), ("person", ids["jan"]),
        # The budget as the sheet shows it: group 1, its lines by position, group 2's line.
        ("budget_group", ids["g_over"]), ("budget_line", ids["lead"]), ("budget_line", ids["research"]),
    ]
    by_key = {h.key: h for h in hits}
    assert by_key["project", ids["overgang"]].project_id == ids["overgang"]
    assert by_key["action", ids["report"]].project_id == ids["monitor"]
    assert {h.plan_id for h in hits} == {ids["a"]}


def test_labels_and_where_the_words_are(small):
    workspace, ids = small
    hits = {h.key: h for h in search_plan(workspace, ids["a"], "overgang")}
    project = hits["project", ids["overgang"]]
    assert (project.label, project.field, project.excerpt) == (
        "Project 1.1 Overgang naar nieuwe inkoop", "title", "")
    action = hits["action", ids["plan_it"]]
    assert (action.label, action.field, action.excerpt) == ("Actie bij 2.1: Overgang plannen", "description", "")
    remark = hits["action", ids["report"]]
    assert (remark.label, remark.field) == ("Actie bij 2.1: Rapportage opleveren", "remark")
    assert remark.excerpt == "opmerking: Overgang besproken"
    assert hits["role", ids["adviser"]].label == "Functie: Beleidsadviseur overgang"
    assert hits["person", ids["jan"]].label == "Medewerker: Jan Overgang"
    assert hits["budget_group", ids["g_over"]].label == "Begrotingsgroep: 1 Overgang"
    assert hits["budget_line", ids["lead"]].label == "Begrotingspost: Projectleiding overgang"
    research = hits["budget_line", ids["research"]]
    assert (research.label, research.field) == ("Begrotingspost: Onderzoek", "note")
    assert research.excerpt == "toelichting: Het onderzoek volgt de overgang van de monitor"


def test_an_unnumbered_group_and_a_match_in_a_number(small):
    workspace, ids = small
    assert [h.label for h in search_plan(workspace, ids["a"], "inkoop") if h.kind == "budget_group"] == [
        "Begrotingsgroep: Inkoop"]
    hit, = search_plan(workspace, ids["a"], "1.2.1")
    assert (hit.key, hit.field, hit.excerpt) == (("project", ids["inkoop"]), "number", "")


def test_all_words_must_occur_in_one_item(small):
    workspace, ids = small
    # "overgang" and "inkoop" together in project 1.1's title; the action "Contract sluiten"
    # of that project has neither, the budget group "Inkoop" only one.
    assert keys(search_plan(workspace, ids["a"], "overgang inkoop")) == [("project", ids["overgang"])]
    # Words may be spread over an item's fields: description and owner of one action.
    hit, = search_plan(workspace, ids["a"], "plannen delft")
    assert (hit.key, hit.field) == (("action", ids["plan_it"]), "description")  # a tie: the first field
    # In any order, a word typed twice counting once.
    assert keys(search_plan(workspace, ids["a"], "delft plannen DELFT")) == [("action", ids["plan_it"])]
    assert search_plan(workspace, ids["a"], "overgang monitor zebra") == []


def test_case_and_accents_are_ignored(small):
    workspace, ids = small
    # "reele" finds "Reële"/"reële", in a title, a description and a budget line's name.
    reele = keys(search_plan(workspace, ids["a"], "reele"))
    assert reele == [("project", ids["overgang"]), ("project", ids["monitor"]), ("budget_line", ids["real"])]
    assert keys(search_plan(workspace, ids["a"], "RÉÊLE")) == reele
    assert keys(search_plan(workspace, ids["a"], "renee")) == [("person", ids["renee"])]
    assert keys(search_plan(workspace, ids["a"], "OVERGÀNG")) == keys(search_plan(workspace, ids["a"], "overgang"))


def test_a_word_the_label_does_not_show_gets_an_excerpt_of_its_field(small):
    workspace, ids = small
    hit = next(h for h in search_plan(workspace, ids["a"], "reele") if h.key == ("project", ids["overgang"]))
    assert hit.field == "description"
    assert hit.label == "Project 1.1 Overgang naar nieuwe inkoop"
    assert hit.excerpt == "omschrijving: De reële kosten van de overgang"  # as written, accents and all
    # Both words in the label: nothing more to show.
    hit, = search_plan(workspace, ids["a"], "monitor 2.1")
    assert (hit.key, hit.excerpt) == (("project", ids["monitor"]), "")


def test_another_plans_items_are_never_found(small):
    workspace, ids = small
    assert search_plan(workspace, ids["a"], "zebra") == []
    in_b = search_plan(workspace, ids["b"], "zebra")
    assert [h.kind for h in in_b] == ["project", "action", "role", "person", "budget_group", "budget_line"]
    assert {h.plan_id for h in in_b} == {ids["b"]}
    a_keys = set(keys(search_plan(workspace, ids["a"], "overgang")))
    assert not a_keys & set(keys(search_plan(workspace, ids["b"], "overgang")))
    assert search_plan(workspace, 999, "overgang") == []  # no such plan: nothing, no error


@pytest.mark.parametrize("text", ["", "   ", "\t\n", None])
def test_an_empty_query_finds_nothing(small, text):
    workspace, ids = small
    assert search_plan(workspace, ids["a"], text) == []


def test_no_hits(small):
    workspace, ids = small
    assert search_plan(workspace, ids["a"], "xyzzy") == []


def test_a_very_long_query_is_capped_without_error(small):
    workspace, ids = small
    expected = keys(search_plan(workspace, ids["a"], "overgang"))
    assert keys(search_plan(workspace, ids["a"], "overgang " * 100_000)) == expected
    # Cut after MAX_QUERY_LENGTH characters: a word beyond it is not looked for.
    padded = "overgang" + " " * (search.MAX_QUERY_LENGTH - len("overgang")) + "zebra"
    assert keys(search_plan(workspace, ids["a"], padded)) == expected
    assert search_plan(workspace, ids["a"], "x" * 1_000_000) == []
    many = " ".join(f"w{i}" for i in range(1000))
    assert query_words(many) == [f"w{i}" for i in range(search.MAX_WORDS)]


def test_folding():
    assert fold("Reële ÜBER Straße") == "reele uber strasse"
    assert fold("ﬁets") == "fiets"  # a ligature, split by NFKD
    assert fold("plain ASCII") == "plain ascii"
    assert query_words("  Één  twee\tÉÉN ") == ["een", "twee"]


def test_excerpt_cuts_at_words_and_marks_what_is_left_out():
    text = ("Een lange toelichting waarin ergens de reële kosten van het project worden genoemd, "
            "met daarna nog veel meer tekst")
    excerpt = search._excerpt(text, "reele")
    assert excerpt.startswith("…") and excerpt.endswith("…")
    assert "reële kosten" in excerpt
    inner = excerpt.strip("…")
    assert text.find(inner) > 0  # a piece of the text as written, not cut mid-word
    assert text[text.find(inner) - 1] == " " and text[text.find(inner) + len(inner)] == " "
    assert len(inner) <= 2 * search.EXCERPT_CONTEXT + len("reële")
    assert search._excerpt("Kort", "kort") == "Kort"
    assert search._excerpt("Kort", "lang") == ""


# --- the demo plan: the order of the tree and of the budget sheet -----------------------------

def _tree_projects(chapters) -> list[int]:
    from app.services.read_models import ChapterNode

    order = []
    for chapter in chapters:
        for entry in chapter.entries:
            if isinstance(entry, ChapterNode):
                order += _tree_projects([entry])
            else:
                order.append(entry.id)
    return order


def test_demo_projects_come_in_the_navigation_trees_order(ws):
    with ws as workspace:
        plan = load_navigation(workspace)[0].plans[0]
        tree = _tree_projects(plan.chapters)
        found = [h.id for h in search_plan(workspace, plan.id, "e") if h.kind == "project"]
        assert len(found) >= 15
        assert found == [p for p in tree if p in set(found)]
        # Every project's actions right after it (or after the project, had it matched).
        hits = search_plan(workspace, plan.id, "programmabureau")
        projects = [h.project_id for h in hits if h.kind in ("project", "action")]
        assert projects == sorted(projects, key=tree.index)


def test_demo_budget_comes_in_the_sheets_order(ws):
    with ws as workspace:
        plan_id = load_navigation(workspace)[0].plans[0].id
        sheet = load_sheet(workspace, plan_id)
        rows = [("budget_group" if r.kind is RowKind.GROUP else "budget_line", r.id)
                for r in sheet.rows if r.kind in (RowKind.GROUP, RowKind.LINE)]
        found = [h.key for h in search_plan(workspace, plan_id, "e") if h.kind.startswith("budget")]
        assert len(found) >= 20
        assert found == [r for r in rows if r in set(found)]
        hit = next(h for h in search_plan(workspace, plan_id, "bijeenkomsten"))
        assert hit.label == "Begrotingspost: trainingen en bijeenkomsten"


def test_match_span_is_where_the_first_word_is_as_written():
    text = "De reële kosten van de Überbrückung"
    assert search.match_span(text, "KOSTEN reele") == (3, 8)  # the earliest of the words
    assert text[slice(*search.match_span(text, "uberbruckung"))] == "Überbrückung"
    assert search.match_span("Straße", "strasse") == (0, 6)
    assert search.match_span(text, "zebra") is None
    assert search.match_span(text, "   ") is None
