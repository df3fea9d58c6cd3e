"""What the published plan states against what Planbord computes: printed subtotals and totals,
and the dagdelen a chapter's text names. A difference is listed, in Dutch, with both figures;
the figures themselves are never replaced by the printed ones."""
from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from app.models import (
    Allocation,
    BudgetGroup,
    BudgetLine,
    Chapter,
    Plan,
    PlanStatus,
    PrintedTotal,
    Project,
    Role,
)
from app.services.budget import budget_figures
from app.services.plans import find_plan
from app.services.published_checks import printed_total_problems, published_problems
from app.services.validation import plan_problems

D = Decimal


@pytest.fixture
def workspace(ws):
    """The demo workspace, as a file and on the PostgreSQL test server (conftest ``ws``)."""
    return ws


def problems(workspace, code: str | None = None) -> list[str]:
    with workspace.session() as s:
        found = plan_problems(s, find_plan(s, 2022))
    return [p.message for p in found if code is None or p.code == code]


def line(session, name: str) -> BudgetLine:
    return session.scalars(select(BudgetLine).where(BudgetLine.name == name)).one()


def group(session, name: str) -> BudgetGroup:
    return session.scalars(select(BudgetGroup).where(BudgetGroup.name == name)).one()


def set_amount(workspace, name: str, year: int, amount: str) -> None:
    with workspace.transaction() as s:
        find_plan(s, 2022).status = PlanStatus.DRAFT  # the demo is adopted, so read-only in the app
        next(c for c in line(s, name).cells if c.year == year).amount = D(amount)


# --- the demo: every internal difference of the published plan, and no other -------------------

def test_the_demo_lists_every_difference_the_published_plan_has_within_itself(workspace):
    """Samen leren: 2 dagdelen in the text, 3 in the staffing; chapter 4: 5 dagdelen in the text,
    none in the staffing. The printed subtotals and the total agree with their lines, so none of
    them is listed; the 2021 comparison column is not flagged."""
    with workspace.session() as s:
        found = plan_problems(s, find_plan(s, 2022))
    assert [(p.code, p.message) for p in found] == [
        ("stated_half_days",
         "3.2.3 Samen leren: de hoofdstuktekst noemt 2 dagdelen per week, de formatie 3."),
        ("chapter_stated_half_days",
         "4 Lopende projecten en ad-hoc ondersteuning: de hoofdstuktekst noemt 5 dagdelen per week, "
         "de formatie 0."),
    ]


def test_the_demo_keeps_the_printed_subtotals_and_total_and_they_agree(workspace):
    with workspace.session() as s:
        plan = find_plan(s, 2022)
        figures = budget_figures(s, plan)
        names = {g.id: g.name for g in figures.groups}
        printed = {(names.get(p.group_id, "totaal"), p.year): p.amount for p in s.scalars(
            select(PrintedTotal).where(PrintedTotal.plan_id == plan.id))}
        assert printed == {
            ("Regionale netwerksamenwerking", 2022): D("544000.00"),
            ("Aanpak Wachtlijsten", 2022): D("150000.00"),
            ("Beter Samenspel", 2022): D("125000.00"),
            ("Samen leren", 2022): D("230000.00"),
            ("Lopende projecten en ad-hoc ondersteuning", 2022): D("100000.00"),
            ("totaal", 2022): D("1280000.00"),
        }
        computed = {(g.name, 2022): g.totals[2022] for g in figures.groups}
        computed[("totaal", 2022)] = figures.total[2022]
        assert all(computed[key] == amount for key, amount in printed.items())
        assert printed_total_problems(s, plan, figures) == []
        assert [p.code for p in published_problems(s, plan, figures)] == ["chapter_stated_half_days"]


# --- printed subtotals --------------------------------------------------------------------------

def test_a_subtotal_that_differs_from_its_lines_is_listed_with_both_figures_and_the_difference(workspace):
    set_amount(workspace, "onderzoeksbudget", 2022, "95000")  # Samen leren: 225.000, printed 230.000
    assert problems(workspace, "printed_subtotal") == [
        "Subtotaal 'Samen leren' 2022: de bron drukt een subtotaal van € 230.000, de posten tellen op "
        "tot € 225.000 (€ 5.000 minder). Planbord drukt het opgetelde bedrag af.",
        "Het totaal 2022: de bron drukt een totaal van € 1.280.000, de posten tellen op tot "
        "€ 1.275.000 (€ 5.000 minder). Planbord drukt het opgetelde bedrag af.",
    ]
    # The computed figures are what Planbord uses; the printed ones stay as they were.
    with workspace.session() as s:
        plan = find_plan(s, 2022)
        figures = budget_figures(s, plan)
        assert figures.group(group(s, "Samen leren").id).totals[2022] == D("225000.00")
        assert figures.total[2022] == D("1275000.00")
        assert s.scalar(select(PrintedTotal.amount).where(PrintedTotal.group_id.is_(None))) == D("1280000.00")


def test_a_numbered_group_is_named_with_its_number_and_more_is_said_as_more(workspace):
    set_amount(workspace, "Representatie, onvoorzien", 2022, "46500.50")
    messages = problems(workspace, "printed_subtotal")
    assert messages[0] == (
        "Subtotaal '1. Regionale netwerksamenwerking' 2022: de bron drukt een subtotaal van € 544.000, "
        "de posten tellen op tot € 555.500,50 (€ 11.500,50 meer). Planbord drukt het opgetelde "
        "bedrag af.")
    assert messages[1].startswith("Het totaal 2022: de bron drukt een totaal van € 1.280.000, de posten "
                                  "tellen op tot € 1.291.500,50 (€ 11.500,50 meer).")
    assert len(messages) == 2


def test_a_subtotal_of_a_group_without_a_printed_one_and_a_matching_one_are_not_listed(workspace):
    """Only a printed figure is checked: Kwetsbare gezinnen has none; a printed 2021 subtotal that
    matches its lines (a comparison column too) is not a problem, one that differs is."""
    with workspace.transaction() as s:
        plan = find_plan(s, 2022)
        s.add(PrintedTotal(plan_id=plan.id, group_id=group(s, "Aanpak Wachtlijsten").id, year=2021,
                           amount=D("50000")))
        s.add(PrintedTotal(plan_id=plan.id, group_id=group(s, "Beter Samenspel").id, year=2021,
                           amount=D("118000")))
    assert problems(workspace, "printed_subtotal") == [
        "Subtotaal 'Beter Samenspel' 2021: de bron drukt een subtotaal van € 118.000, de posten tellen op "
        "tot € 128.000 (€ 10.000 meer). Planbord drukt het opgetelde bedrag af."]


def test_a_printed_figure_for_a_year_the_budget_has_no_column_for_is_not_compared(workspace):
    with workspace.transaction() as s:
        plan = find_plan(s, 2022)
        s.add(PrintedTotal(plan_id=plan.id, year=2019, amount=D("1")))
    assert problems(workspace, "printed_subtotal") == []


def test_printed_totals_stay_with_the_plan_they_were_printed_for(workspace):
    """An amendment and next year's plan are not the published document: they get no printed
    totals, so editing them never raises a difference with a document they are not."""
    from app.services.next_year import create_next_year
    from app.services.plan_copy import create_amendment

    with workspace.session() as s:
        plan_id = find_plan(s, 2022).id
    amendment = create_amendment(workspace, plan_id)
    next_year = create_next_year(workspace, plan_id).plan_id
    with workspace.session() as s:
        for copy in (amendment, next_year):
            assert s.scalars(select(PrintedTotal).where(PrintedTotal.plan_id == copy)).all() == []
        assert len(s.scalars(select(PrintedTotal).where(PrintedTotal.plan_id == plan_id)).all()) == 6
        # The amendment keeps the chapter's statement, so its difference is still listed there.
        copy = s.get(Plan, amendment)
        assert [p.code for p in plan_problems(s, copy)] == ["stated_half_days", "chapter_stated_half_days"]


# --- a chapter's stated dagdelen ----------------------------------------------------------------

def allocate(workspace, numbers: dict[str, str]) -> None:
    with workspace.transaction() as s:
        plan = find_plan(s, 2022)
        role = s.scalars(select(Role).where(Role.plan_id == plan.id)).first()
        for number, half_days in numbers.items():
            project = s.scalars(select(Project).join(Project.chapter).where(
                Chapter.plan_id == plan.id, Project.number == number)).one()
            s.add(Allocation(plan_id=plan.id, project_id=project.id, capacity_id=role.id,
                             half_days=D(half_days)))


def test_a_chapter_counts_the_dagdelen_of_its_projects_and_of_its_paragraphs(workspace):
    allocate(workspace, {"4.2": "1.5", "4.1.1": "2"})  # 4.1.1 sits in paragraph 4.1
    assert problems(workspace, "chapter_stated_half_days") == [
        "4 Lopende projecten en ad-hoc ondersteuning: de hoofdstuktekst noemt 5 dagdelen per week, "
        "de formatie 3,5."]
    allocate(workspace, {"4.4": "1.5"})
    assert problems(workspace, "chapter_stated_half_days") == []


def test_a_paragraph_with_stated_dagdelen_is_checked_on_its_own_and_other_chapters_not_at_all(workspace):
    with workspace.transaction() as s:
        plan = find_plan(s, 2022)
        paragraph = s.scalars(select(Chapter).where(
            Chapter.plan_id == plan.id, Chapter.number == "4.1")).one()
        paragraph.stated_half_days = D("2.0")
    allocate(workspace, {"4.1.2": "2", "3.1.1": "1"})  # 3.1.1: chapter 3 names no dagdelen
    assert problems(workspace, "chapter_stated_half_days") == [
        "4 Lopende projecten en ad-hoc ondersteuning: de hoofdstuktekst noemt 5 dagdelen per week, "
        "de formatie 2."]
    with workspace.transaction() as s:
        chapter = s.scalars(select(Chapter).where(Chapter.number == "4")).one()
        chapter.stated_half_days = None
    assert problems(workspace, "chapter_stated_half_days") == []
