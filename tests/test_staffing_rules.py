"""Staffing rules a user sees on the formatie page: a cell of several allocations shows their
sum, an edited cell moves the figures by its change from the old value, fte has two decimals
rounded half up, and over-allocation starts just above what is available."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pytest
from sqlalchemy import select

from app.models import Allocation, Chapter, Person, Plan, Project, Region, Role
from app.services import staffing_edit as edit
from app.services.allocation_matrix import Matrix, allocation_matrix
from app.services.figures import load_staffing_figures
from app.services.project_form import project_form
from app.services.staffing import AllocationDelta, adjusted_staffing, to_fte
from app.services.staffing_edit import OFFICE, AllocationChange, ColumnKey
from app.services.summary import plan_summary
from app.services.validation import plan_problems
from app.services.workspace import create_workspace

D = Decimal


# --- a small plan ------------------------------------------------------------------------------

@dataclass
class Ids:
    plan: int
    leren: int  # 3.1 Samen leren
    monitor: int  # 3.2 Jeugdhulpmonitor
    general: int  # Doorlopend algemeen (general work)
    adviser: int  # role Beleidsadviseur: 1,0 fte, 0,5 for execution = 5 dagdelen at factor 10
    lead: int  # role Projectleider: 0,8 fte, 0,4 for execution = 4 dagdelen at factor 10
    anna: int  # person Anna de Vries, 4 dagdelen available, no role

    @property
    def adviser_column(self) -> ColumnKey:
        return ColumnKey(capacity_id=self.adviser)

    @property
    def lead_column(self) -> ColumnKey:
        return ColumnKey(capacity_id=self.lead)

    @property
    def anna_column(self) -> ColumnKey:
        return ColumnKey(person_id=self.anna)


def build_plan(path, factor: str = "10.0"):
    """A draft plan with two projects, general work, two roles and one person; no allocations."""
    ws = create_workspace(path)
    with ws.transaction() as s:
        plan = Plan(region=Region(name="Haaglanden"), year=2022, title="Uitvoeringsplan 2022",
                    first_year=2022, last_year=2022, half_days_per_fte=D(factor))
        s.add(plan)
        s.flush()
        projects_chapter = Chapter(plan_id=plan.id, position=0, number="3", title="Projecten")
        general_chapter = Chapter(plan_id=plan.id, position=1, number="4", title="Algemeen")
        s.add_all([projects_chapter, general_chapter])
        s.flush()
        leren = Project(chapter_id=projects_chapter.id, position=0, number="3.1", title="Samen leren")
        monitor = Project(chapter_id=projects_chapter.id, position=1, number="3.2",
                          title="Jeugdhulpmonitor")
        general = Project(chapter_id=general_chapter.id, position=0, number="",
                          title="Doorlopend algemeen", is_general=True)
        adviser = Role(plan_id=plan.id, position=0, role="Beleidsadviseur",
                           fte=D("1.00"), execution_fte=D("0.50"))
        lead = Role(plan_id=plan.id, position=1, role="Projectleider",
                        fte=D("0.80"), execution_fte=D("0.40"))
        anna = Person(plan_id=plan.id, position=0, name="Anna de Vries",
                      available_half_days=D("4.0"))
        s.add_all([leren, monitor, general, adviser, lead, anna])
        s.flush()
        ids = Ids(plan.id, leren.id, monitor.id, general.id, adviser.id, lead.id, anna.id)
    return ws, ids


@pytest.fixture
def small(tmp_path):
    ws, ids = build_plan(tmp_path / "klein.planbord")
    yield ws, ids
    ws.close()


def allocate(ws, ids: Ids, project: int, half_days: str, *, role: int | None = None,
             person: int | None = None) -> None:
    """One Allocation row, as imported or generated data may hold several for one cell."""
    with ws.transaction() as s:
        s.add(Allocation(plan_id=ids.plan, project_id=project, capacity_id=role, person_id=person,
                         half_days=D(half_days)))


def matrix(ws, plan_id) -> Matrix:
    with ws.session() as s:
        return allocation_matrix(s, s.get(Plan, plan_id))


def cell(m: Matrix, project_id: int, key: ColumnKey):
    return m.rows[m.row_index(project_id)].cells[m.column_index(key)]


def project_figure(figures, project_id):
    return next(p for p in figures.projects if p.id == project_id)


def form(ws, project_id):
    with ws.session() as s:
        return project_form(s, project_id)


def problem_messages(ws, plan_id) -> list[str]:
    with ws.session() as s:
        return [p.message for p in plan_problems(s, s.get(Plan, plan_id))]


def written_cells(written, replaced, old):
    """The cells as the GUI's allocation command announces them after a write (an
    AllocationDelta each), ``old`` being what set_allocations returned for the forward edit
    (its rows say whether a person's rows carry a role)."""
    exact = {(c.project_id, c.column): c.column.person_id is None
             or not any(row.get("capacity_id") for row in c.rows) for c in old}
    return tuple(AllocationDelta(c.project_id, c.column, old=edit.parse_half_days(r.value),
                                 new=edit.parse_half_days(c.value), exact=exact[(c.project_id, c.column)])
                 for c, r in zip(written, replaced, strict=True))


def apply_incrementally(m: Matrix, figures, cells):
    """What the open editor does with the written cells: no database read."""
    for delta in cells:
        m.set_cell(delta.project_id, delta.column, delta.new)
    return adjusted_staffing(figures, cells)


def assert_equals_fresh_read(ws, plan_id, m: Matrix, figures) -> None:
    fresh = matrix(ws, plan_id)
    assert [r.cells for r in m.rows] == [r.cells for r in fresh.rows]
    assert [r.total for r in m.rows] == [r.total for r in fresh.rows]
    assert m.column_totals == fresh.column_totals
    assert (m.grand_total, m.capacity) == (fresh.grand_total, fresh.capacity)
    assert [(o.column, o.message) for o in m.over_allocated] == [
        (o.column, o.message) for o in fresh.over_allocated]
    assert m == fresh
    fresh_figures = load_staffing_figures(ws, plan_id)
    assert figures is not None, "the edit fell back to a re-read where it could be adjusted"
    assert [(p.id, p.half_days, p.fte) for p in figures.projects] == [
        (p.id, p.half_days, p.fte) for p in fresh_figures.projects]
    assert [(r.id, r.allocated_half_days) for r in figures.roles] == [
        (r.id, r.allocated_half_days) for r in fresh_figures.roles]
    assert [(p.id, p.allocated_half_days) for p in figures.people] == [
        (p.id, p.allocated_half_days) for p in fresh_figures.people]
    assert (figures.allocated_half_days, figures.allocated_fte, figures.over_allocated,
            figures.over_booked) == (fresh_figures.allocated_half_days, fresh_figures.allocated_fte,
                                     fresh_figures.over_allocated, fresh_figures.over_booked)
    assert figures == fresh_figures


# --- 1. several allocations in one cell show as their sum ---------------------------------------

def test_two_allocations_of_one_role_on_a_project_show_as_their_sum(small):
    """Two rows of 2 and 3 dagdelen of one role on one project must show 5 everywhere, not 2 or 3."""
    ws, ids = small
    allocate(ws, ids, ids.leren, "2", role=ids.adviser)
    allocate(ws, ids, ids.leren, "3", role=ids.adviser)
    allocate(ws, ids, ids.monitor, "1", role=ids.adviser)

    m = matrix(ws, ids.plan)
    assert cell(m, ids.leren, ids.adviser_column) == D("5.0")
    assert m.rows[m.row_index(ids.leren)].total == D("5.0")
    assert m.column_totals[m.column_index(ids.adviser_column)] == D("6.0")
    assert m.grand_total == D("6.0")
    assert m.fte(m.rows[m.row_index(ids.leren)].total) == D("0.50")
    # the role's 6 against its 5 for execution: the sum, not one row, goes over
    assert m.messages == ["Beleidsadviseur: 6 dagdelen ingezet, capaciteit voor uitvoering 5."]

    figures = load_staffing_figures(ws, ids.plan)
    leren = project_figure(figures, ids.leren)
    assert (leren.half_days, leren.fte) == (D("5.0"), D("0.50"))
    adviser = next(r for r in figures.roles if r.id == ids.adviser)
    assert adviser.allocated_half_days == D("6.0")
    assert (figures.allocated_half_days, figures.allocated_fte) == (D("6.0"), D("0.60"))
    assert figures.over_booked == ["Beleidsadviseur"]

    shown = form(ws, ids.leren)
    assert (shown.half_days, shown.fte) == (D("5.0"), D("0.50"))
    summary_rows = {p["number"]: p for p in plan_summary(ws, 2022)["staffing"]["projects"]}
    assert (summary_rows["3.1"]["half_days"], summary_rows["3.1"]["fte"]) == ("5.0", "0.50")


def test_a_persons_rows_with_and_without_a_role_add_up_in_their_cell(small):
    """A person's allocation split over a row carrying a role and one without must show as one sum."""
    ws, ids = small
    allocate(ws, ids, ids.leren, "2", person=ids.anna, role=ids.adviser)
    allocate(ws, ids, ids.leren, "1.5", person=ids.anna)

    m = matrix(ws, ids.plan)
    assert cell(m, ids.leren, ids.anna_column) == D("3.5")
    assert m.column_totals[m.column_index(ids.anna_column)] == D("3.5")
    assert m.rows[m.row_index(ids.leren)].total == D("3.5")
    assert m.grand_total == D("3.5")

    figures = load_staffing_figures(ws, ids.plan)
    assert project_figure(figures, ids.leren).half_days == D("3.5")
    assert next(p for p in figures.people if p.id == ids.anna).allocated_half_days == D("3.5")
    sheet = load_staffing_figures(ws, ids.plan)
    assert next(p for p in sheet.people if p.id == ids.anna).allocated_half_days == D("3.5")
    assert form(ws, ids.leren).half_days == D("3.5")


# --- 2. the incremental update after a cell edit ---------------------------------------------

@pytest.mark.parametrize("rows", [["3"], ["2", "1"]], ids=["one-row", "two-rows"])
def test_editing_a_cell_of_3_to_5_moves_every_figure_by_2(small, rows):
    """A cell edited from 3 to 5 must move totals, capacity use and warnings by 2, as a re-read shows."""
    ws, ids = small
    for half_days in rows:
        allocate(ws, ids, ids.leren, half_days, role=ids.adviser)
    allocate(ws, ids, ids.monitor, "1", role=ids.adviser)
    allocate(ws, ids, ids.monitor, "2", role=ids.lead)
    allocate(ws, ids, ids.general, "2")  # the office as a whole
    m, figures = matrix(ws, ids.plan), load_staffing_figures(ws, ids.plan)  # as the editor has them
    assert cell(m, ids.leren, ids.adviser_column) == D("3.0") and m.grand_total == D("8.0")
    assert not m.over_allocated

    new = [AllocationChange(ids.leren, ids.adviser_column, "5")]
    old = edit.set_allocations(ws, ids.plan, new)
    assert [o.value for o in old] == [D("3.0")]
    adjusted = apply_incrementally(m, figures, written_cells(new, old, old))

    assert cell(m, ids.leren, ids.adviser_column) == D("5.0")
    assert m.rows[m.row_index(ids.leren)].total == D("5.0")
    assert m.column_totals[m.column_index(ids.adviser_column)] == D("6.0")
    assert m.grand_total == D("10.0")
    assert m.messages == ["Beleidsadviseur: 6 dagdelen ingezet, capaciteit voor uitvoering 5.",
                          "Er zijn 10 dagdelen per week ingezet, meer dan de capaciteit voor "
                          "uitvoering (9)."]
    assert project_figure(adjusted, ids.leren).half_days == D("5.0")
    assert project_figure(adjusted, ids.leren).fte == D("0.50")
    assert (adjusted.allocated_half_days, adjusted.over_allocated) == (D("10.0"), True)
    assert adjusted.over_booked == ["Beleidsadviseur"]
    assert_equals_fresh_read(ws, ids.plan, m, adjusted)


@pytest.mark.parametrize("typed, shown", [("0", D("0.0")), ("", None)], ids=["zero", "cleared"])
def test_editing_a_cell_of_5_down_to_nothing_takes_the_5_off_every_figure(small, typed, shown):
    """A cell of 5 set to 0 or cleared must take 5 off the totals and end the warning it caused."""
    ws, ids = small
    allocate(ws, ids, ids.leren, "5", role=ids.lead)  # 5 against the role's 4
    allocate(ws, ids, ids.monitor, "3", role=ids.lead)
    allocate(ws, ids, ids.monitor, "2", role=ids.adviser)
    m, figures = matrix(ws, ids.plan), load_staffing_figures(ws, ids.plan)
    assert m.messages == ["Projectleider: 8 dagdelen ingezet, capaciteit voor uitvoering 4.",
                          "Er zijn 10 dagdelen per week ingezet, meer dan de capaciteit voor "
                          "uitvoering (9)."]

    new = [AllocationChange(ids.leren, ids.lead_column, typed)]
    old = edit.set_allocations(ws, ids.plan, new)
    adjusted = apply_incrementally(m, figures, written_cells(new, old, old))

    assert cell(m, ids.leren, ids.lead_column) == shown
    assert m.rows[m.row_index(ids.leren)].total == D("0.0")
    assert m.column_totals[m.column_index(ids.lead_column)] == D("3.0")
    assert m.grand_total == D("5.0")
    assert m.messages == []
    leren = project_figure(adjusted, ids.leren)
    assert (leren.half_days, leren.fte) == (D("0.0"), D("0.00"))
    assert next(r for r in adjusted.roles if r.id == ids.lead).allocated_half_days == D("3.0")
    assert (adjusted.allocated_half_days, adjusted.over_booked) == (D("5.0"), [])
    assert_equals_fresh_read(ws, ids.plan, m, adjusted)


def test_pushing_a_person_over_their_dagdelen_and_back_shows_and_clears_the_warning(small):
    """Raising Anna from 3 to 5 of her 4 dagdelen must name her in Dutch; the undo must clear it."""
    ws, ids = small
    allocate(ws, ids, ids.leren, "3", person=ids.anna)
    allocate(ws, ids, ids.monitor, "1", role=ids.adviser)
    m, figures = matrix(ws, ids.plan), load_staffing_figures(ws, ids.plan)
    assert m.messages == [] and figures.over_booked == []

    new = [AllocationChange(ids.leren, ids.anna_column, "5")]
    old = edit.set_allocations(ws, ids.plan, new)
    figures = apply_incrementally(m, figures, written_cells(new, old, old))
    assert m.messages == ["Anna de Vries is ingezet voor 5 dagdelen per week, beschikbaar 4."]
    assert m.over_allocated[0].column == m.column_index(ids.anna_column)
    assert next(p for p in figures.people if p.id == ids.anna).allocated_half_days == D("5.0")
    assert figures.over_booked == ["Anna de Vries"]
    assert (figures.allocated_half_days, project_figure(figures, ids.leren).half_days) == (
        D("6.0"), D("5.0"))
    assert_equals_fresh_read(ws, ids.plan, m, figures)

    edit.set_allocations(ws, ids.plan, old)  # the undo: the old rows back, the cells announced back
    figures = apply_incrementally(m, figures, written_cells(old, new, old))
    assert m.messages == [] and figures.over_booked == []
    assert next(p for p in figures.people if p.id == ids.anna).allocated_half_days == D("3.0")
    assert (figures.allocated_half_days, project_figure(figures, ids.leren).half_days) == (
        D("4.0"), D("3.0"))
    assert_equals_fresh_read(ws, ids.plan, m, figures)


def test_a_person_cell_whose_rows_carry_a_role_makes_the_figures_be_read_again(small):
    """A person's imported rows that also count for a role must not be adjusted blindly (role total off)."""
    ws, ids = small
    allocate(ws, ids, ids.leren, "3", person=ids.anna, role=ids.adviser)
    figures = load_staffing_figures(ws, ids.plan)
    assert next(r for r in figures.roles if r.id == ids.adviser).allocated_half_days == D("3.0")
    new = [AllocationChange(ids.leren, ids.anna_column, "1")]
    old = edit.set_allocations(ws, ids.plan, new)
    assert adjusted_staffing(figures, written_cells(new, old, old)) is None
    # the re-read: the rewritten row still carries the role, whose total follows to 1, which an
    # adjustment by the person's column alone would have left at 3
    fresh = load_staffing_figures(ws, ids.plan)
    assert next(r for r in fresh.roles if r.id == ids.adviser).allocated_half_days == D("1.0")
    assert next(p for p in fresh.people if p.id == ids.anna).allocated_half_days == D("1.0")


# --- 3. fte from dagdelen: two decimals, half up -----------------------------------------------

@pytest.mark.parametrize("half_days, factor, expected", [
    ("1", "10", "0.10"),
    ("3", "9", "0.33"),
    ("7", "9", "0.78"),
    ("2.5", "8", "0.31"),
    ("1", "8", "0.13"),  # half up: half-even would show 0,12
    ("5", "8", "0.63"),
])
def test_fte_from_dagdelen_has_two_decimals_rounded_half_up(tmp_path, half_days, factor, expected):
    """The fte beside dagdelen must show two decimals, half up (1 at 8 per fte: 0,13), never 0,1."""
    assert str(to_fte(D(half_days), D(factor))) == expected
    ws, ids = build_plan(tmp_path / "fte.planbord", factor)
    try:
        m, figures = matrix(ws, ids.plan), load_staffing_figures(ws, ids.plan)
        new = [AllocationChange(ids.leren, OFFICE, half_days)]
        old = edit.set_allocations(ws, ids.plan, new)
        cells = written_cells(new, old, old)
        adjusted = adjusted_staffing(figures, cells)
        assert str(project_figure(adjusted, ids.leren).fte) == expected  # after an edit on screen

        fresh = matrix(ws, ids.plan)
        assert str(fresh.fte(fresh.rows[fresh.row_index(ids.leren)].total)) == expected
        figures = load_staffing_figures(ws, ids.plan)
        assert str(project_figure(figures, ids.leren).fte) == expected
        assert str(figures.allocated_fte) == expected
        assert str(form(ws, ids.leren).fte) == expected  # the project form
        summary_rows = {p["number"]: p for p in plan_summary(ws, 2022)["staffing"]["projects"]}
        assert summary_rows["3.1"]["fte"] == expected
        assert summary_rows["3.1"]["half_days"] == str(D(half_days).quantize(D("0.1")))
    finally:
        ws.close()


# --- 4. over-allocation starts just above what is available -----------------------------------

def over_allocation_seen(ws, ids, m_before: Matrix, column: ColumnKey, project: int, typed: str):
    """Write a cell; the messages of the edited matrix, a fresh matrix, the figures and the problems."""
    figures = load_staffing_figures(ws, ids.plan)
    new = [AllocationChange(project, column, typed)]
    old = edit.set_allocations(ws, ids.plan, new)
    adjusted = apply_incrementally(m_before, figures, written_cells(new, old, old))
    fresh_figures = load_staffing_figures(ws, ids.plan)
    return (m_before.messages, matrix(ws, ids.plan).messages, adjusted.over_booked,
            fresh_figures.over_booked, fresh_figures.over_allocated, problem_messages(ws, ids.plan))


def test_a_person_with_exactly_their_available_dagdelen_is_not_over_allocated(small):
    """Anna at exactly her 4 dagdelen must raise no warning; at 4,1 she must be named."""
    ws, ids = small
    m = matrix(ws, ids.plan)
    edited, fresh, adjusted, booked, over, problems = over_allocation_seen(
        ws, ids, m, ids.anna_column, ids.leren, "4")
    assert (edited, fresh, adjusted, booked, over) == ([], [], [], [], False)
    assert not any("Anna de Vries" in p for p in problems)

    edited, fresh, adjusted, booked, over, problems = over_allocation_seen(
        ws, ids, m, ids.anna_column, ids.leren, "4,1")
    message = "Anna de Vries is ingezet voor 4,1 dagdelen per week, beschikbaar 4."
    assert edited == fresh == [message]
    assert adjusted == booked == ["Anna de Vries"]
    assert over is False  # 4,1 of the office's 9: no overall warning
    assert message in problems


def test_a_role_with_exactly_its_execution_dagdelen_is_not_over_allocated(small):
    """Beleidsadviseur at exactly its 5 dagdelen must raise no warning; at 5,1 it must be named."""
    ws, ids = small
    allocate_first = [AllocationChange(ids.leren, ids.adviser_column, "3")]
    edit.set_allocations(ws, ids.plan, allocate_first)
    m = matrix(ws, ids.plan)
    edited, fresh, adjusted, booked, over, problems = over_allocation_seen(
        ws, ids, m, ids.adviser_column, ids.monitor, "2")  # 3 + 2 = 5
    assert (edited, fresh, adjusted, booked, over) == ([], [], [], [], False)
    assert not any("Beleidsadviseur" in p for p in problems)

    edited, fresh, adjusted, booked, over, problems = over_allocation_seen(
        ws, ids, m, ids.adviser_column, ids.monitor, "2,1")  # 5,1
    message = "Beleidsadviseur: 5,1 dagdelen ingezet, capaciteit voor uitvoering 5."
    assert edited == fresh == [message]
    assert adjusted == booked == ["Beleidsadviseur"]
    assert over is False
    assert message in problems


def test_the_office_with_exactly_its_execution_capacity_is_not_over_allocated(small):
    """9 dagdelen against 9 for execution must raise no warning; 9,1 must show the overall warning."""
    ws, ids = small
    edit.set_allocations(ws, ids.plan, [AllocationChange(ids.leren, OFFICE, "5")])
    m = matrix(ws, ids.plan)
    edited, fresh, adjusted, booked, over, problems = over_allocation_seen(
        ws, ids, m, OFFICE, ids.general, "4")
    assert (edited, fresh, adjusted, booked, over) == ([], [], [], [], False)
    assert not any("capaciteit voor uitvoering" in p for p in problems)

    edited, fresh, adjusted, booked, over, problems = over_allocation_seen(
        ws, ids, m, OFFICE, ids.general, "4,1")
    message = "Er zijn 9,1 dagdelen per week ingezet, meer dan de capaciteit voor uitvoering (9)."
    assert edited == fresh == [message]
    assert m.over_allocated[0].column is None  # the grand total, not a column
    assert (adjusted, booked, over) == ([], [], True)
    assert message in problems


def test_demo_staffing_is_22_dagdelen_of_22_and_2_2_fte(demo_workspace):
    """The published plan's 22 dagdelen for execution (2,2 fte) must be fully used and not over."""
    from app.services.workspace import open_workspace

    with open_workspace(demo_workspace) as ws:
        with ws.session() as s:
            plan_id = s.scalars(select(Plan.id).where(Plan.year == 2022)).first()
        figures = load_staffing_figures(ws, plan_id)
        m = matrix(ws, plan_id)
    assert (figures.capacity_half_days, figures.allocated_half_days) == (D("22.0"), D("22.0"))
    assert (figures.execution_fte, figures.allocated_fte) == (D("2.20"), D("2.20"))
    assert figures.over_allocated is False and figures.over_booked == []
    assert (m.grand_total, m.capacity, m.messages) == (D("22.0"), D("22.0"), [])


def test_people_added_at_the_top_come_first_in_every_staffing_figure(small):
    """The order the user gave (positions), not the order the rows were made in."""
    ws, ids = small
    before = [p.name for p in load_staffing_figures(ws, ids.plan).people]
    zara = edit.add_person(ws, ids.plan, "Zara Amrani", available_half_days="2", index=0)
    figures = load_staffing_figures(ws, ids.plan)
    assert [(p.id, p.name) for p in figures.people][0] == (zara, "Zara Amrani")
    assert [p.name for p in figures.people][1:] == before
    assert matrix(ws, ids.plan).columns[len(figures.roles)].label == "Zara Amrani"
