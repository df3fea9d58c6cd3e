"""Formatie edits and the allocation matrix: Dutch refusals that write nothing, exact undo, speed."""
from decimal import Decimal

import pytest
from sqlalchemy import select

from app.models import Allocation, Person, Plan, PlanKind, Project, Role
from app.services import staffing_edit as edit
from app.services.allocation_matrix import allocation_matrix
from app.services.edit_errors import EditError, PlanReadOnlyError
from app.services.plan_copy import create_amendment
from app.services.staffing_edit import OFFICE, AllocationChange, ColumnKey
from test_project_edit import plan_dump, project_by_number

STAFFING_TABLE = {  # chapter 5 of the 2022 plan: dagdelen per week of the office
    "Beter Samenspel": Decimal("4"), "Reikwijdte, normaliseren": Decimal("2"),
    "Jeugdhulpmonitor": Decimal("3"), "Samen leren": Decimal("3"),
    "Beleidsinzet inkoop": Decimal("4"), "Doorlopend algemeen": Decimal("4"),
    "Coördinatie, werkoverleg": Decimal("2"),
}


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


def matrix(workspace, plan_id):
    with workspace.session() as s:
        return allocation_matrix(s, s.get(Plan, plan_id))


def role_id(workspace, plan_id, name):
    with workspace.session() as s:
        return s.scalars(select(Role.id).where(Role.plan_id == plan_id,
                                                   Role.role == name)).one()


# --- parsing ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [("2,5", Decimal("2.5")), ("3", Decimal("3.0")),
                                            ("2.5", Decimal("2.5")), (" ", None), ("0", Decimal("0.0")),
                                            (Decimal("4"), Decimal("4.0"))])
def test_parse_half_days(text, expected):
    assert edit.parse_half_days(text) == expected


@pytest.mark.parametrize("text, words", [("-1", "niet negatief"), ("veel", "'veel' is geen getal"),
                                         ("2,55", "te veel decimalen"), ("1.000,5", "geen getal")])
def test_parse_half_days_refuses_in_dutch(text, words):
    with pytest.raises(EditError, match=words):
        edit.parse_half_days(text)


# --- the matrix -----------------------------------------------------------------------------

def test_demo_matrix_shows_22_of_22_with_the_seven_rows_of_the_staffing_table(workspace):
    m = matrix(workspace, adopted_id(workspace))
    assert (m.grand_total, m.capacity) == (Decimal("22.0"), Decimal("22.0"))
    assert not m.over_allocated
    assert [c.kind for c in m.columns] == ["role", "role", "role", "office"]
    assert [c.available for c in m.columns] == [Decimal("4.0"), Decimal("18.0"), Decimal("0.0"), None]
    with workspace.session() as s:
        labels = dict(s.execute(select(Project.id, Project.staffing_label)).all())
    filled = {labels[r.project_id]: r.total for r in m.rows if r.total}
    assert filled == STAFFING_TABLE
    assert [r.title for r in m.rows[-2:]] == ["Doorlopend algemeen", "Coördinatie, werkoverleg"]
    assert all(r.is_general for r in m.rows[-2:]) and m.rows[0].number == "3.1.1"
    assert m.column_totals[-1] == Decimal("22.0") and m.fte(m.grand_total) == Decimal("2.20")


def test_set_cell_keeps_the_totals_and_warnings_in_step(workspace, draft):
    m = matrix(workspace, draft)
    project = project_by_number(workspace, draft, "3.1.1")
    role = role_id(workspace, draft, "Programma-management")
    edit.set_allocations(workspace, draft, [AllocationChange(project, ColumnKey(capacity_id=role), "5")])
    m.set_cell(project, ColumnKey(capacity_id=role), Decimal("5.0"))
    fresh = matrix(workspace, draft)
    assert (m.grand_total, m.column_totals, [r.total for r in m.rows]) == (
        fresh.grand_total, fresh.column_totals, [r.total for r in fresh.rows])
    assert m.messages == fresh.messages == [
        "Programma-management: 5 dagdelen ingezet, capaciteit voor uitvoering 4.",
        "Er zijn 27 dagdelen per week ingezet, meer dan de capaciteit voor uitvoering (22)."]


@pytest.mark.slow
def test_large_matrix_holds_every_allocation(tmp_path_factory):
    """The large workspace's matrix: 200 projects, 30 people, the grand total of every row.
    (Its speed is benchmarks/run.py's matrix_open_large, not a timed test.)"""
    from benchmarks.generate import build_large_workspace

    from app.services.workspace import open_workspace

    path = tmp_path_factory.mktemp("large") / "large.planbord"
    build_large_workspace(path)
    with open_workspace(path) as ws, ws.session() as s:
        plan = s.scalars(select(Plan).order_by(Plan.year.desc())).first()
        m = allocation_matrix(s, plan)
        direct = sum(s.scalars(select(Allocation.half_days).where(Allocation.plan_id == plan.id)))
    assert len(m.rows) == 200 and sum(c.kind == "person" for c in m.columns) == 30
    assert m.grand_total == direct


# --- allocation cells ------------------------------------------------------------------------

def test_type_paste_and_undo_a_block(workspace, draft):
    before = plan_dump(workspace, draft)
    a, b = project_by_number(workspace, draft, "3.1.1"), project_by_number(workspace, draft, "3.1.3")
    role = ColumnKey(capacity_id=role_id(workspace, draft, "Programma- en projectmanagement"))
    block = [AllocationChange(a, role, "2,5"), AllocationChange(a, OFFICE, "1"),
             AllocationChange(b, role, "1,5"), AllocationChange(b, OFFICE, "")]  # "" clears the 4
    old = edit.set_allocations(workspace, draft, block)
    assert [o.value for o in old] == [None, None, None, Decimal("4.0")]
    m = matrix(workspace, draft)
    assert m.grand_total == Decimal("23.0")  # 22 + 2,5 + 1 + 1,5 - 4
    edit.set_allocations(workspace, draft, old)
    assert plan_dump(workspace, draft) == before


@pytest.mark.parametrize("text, words", [("-2", "niet negatief"), ("twee", "geen getal"),
                                         ("1,25", "te veel decimalen")])
def test_bad_dagdelen_in_a_block_write_nothing(workspace, draft, text, words):
    before = plan_dump(workspace, draft)
    a = project_by_number(workspace, draft, "3.1.1")
    with pytest.raises(EditError, match=words):
        edit.set_allocations(workspace, draft, [AllocationChange(a, OFFICE, "3"),
                                                AllocationChange(a + 1, OFFICE, text)])
    assert plan_dump(workspace, draft) == before


def test_more_than_ten_dagdelen_for_a_person_is_refused_naming_the_total(workspace, draft):
    person = edit.add_person(workspace, draft, "Fatima Bakker", None, "10")
    column = ColumnKey(person_id=person)
    a, b = project_by_number(workspace, draft, "3.1.1"), project_by_number(workspace, draft, "3.2.1")
    edit.set_allocations(workspace, draft, [AllocationChange(a, column, "6")])
    before = plan_dump(workspace, draft)
    with pytest.raises(EditError) as info:
        edit.set_allocations(workspace, draft, [AllocationChange(b, column, "4,5")])
    assert info.value.message == ("Fatima Bakker zou dan 10,5 dagdelen per week werken; "
                                  "een week heeft 10 dagdelen.")
    assert plan_dump(workspace, draft) == before
    # lowering one cell while raising another in the same block is fine
    edit.set_allocations(workspace, draft, [AllocationChange(a, column, "2"),
                                            AllocationChange(b, column, "8")])


def test_over_availability_is_a_warning_not_a_refusal(workspace, draft):
    person = edit.add_person(workspace, draft, "Bram de Vries", None, "4")
    project = project_by_number(workspace, draft, "3.1.1")
    edit.set_allocations(workspace, draft, [AllocationChange(project, ColumnKey(person_id=person), "6")])
    assert "Bram de Vries is ingezet voor 6 dagdelen per week, beschikbaar 4." in matrix(
        workspace, draft).messages


def test_cells_of_another_plan_and_adopted_plans_are_refused(workspace, draft):
    adopted = adopted_id(workspace)
    before = plan_dump(workspace, adopted)
    own = project_by_number(workspace, adopted, "3.1.1")
    with pytest.raises(PlanReadOnlyError, match="vastgesteld"):
        edit.set_allocations(workspace, adopted, [AllocationChange(own, OFFICE, "1")])
    with pytest.raises(EditError, match="bestaat niet"):
        edit.set_allocations(workspace, draft, [AllocationChange(own, OFFICE, "1")])
    for attempt in (lambda: edit.add_role(workspace, adopted),
                    lambda: edit.add_person(workspace, adopted),
                    lambda: edit.set_half_days_per_fte(workspace, adopted, "8"),
                    lambda: edit.delete_role(workspace, role_id(workspace, adopted, "Programma-management"))):
        with pytest.raises(PlanReadOnlyError):
            attempt()
    assert plan_dump(workspace, adopted) == before


# --- roles, people, factor -----------------------------------------------------------------------

def test_roles_add_set_delete_restore(workspace, draft):
    before = plan_dump(workspace, draft)
    new = edit.add_role(workspace, draft, "Data-analist", "0,8", "0,5", index=0)
    assert matrix(workspace, draft).columns[0].available == Decimal("5.0")
    with pytest.raises(EditError, match=r"uitvoering \(0,9 fte\) kan niet groter zijn dan de formatie"):
        edit.set_role_fields(workspace, new, execution_fte="0,9")
    with pytest.raises(EditError, match="naam nodig"):
        edit.set_role_fields(workspace, new, role=" ")
    old = edit.set_role_fields(workspace, new, fte="1", execution_fte="1")
    edit.set_role_fields(workspace, new, **old)
    edit.delete_role(workspace, new)
    assert plan_dump(workspace, draft) == before

    role = role_id(workspace, draft, "Programma- en projectmanagement")
    person = edit.add_person(workspace, draft, "Eva Smit", role, "8")
    project = project_by_number(workspace, draft, "3.1.1")
    edit.set_allocations(workspace, draft, [AllocationChange(project, ColumnKey(capacity_id=role), "3")])
    middle = plan_dump(workspace, draft)
    snapshot = edit.delete_role(workspace, role)
    with workspace.session() as s:
        assert s.get(Person, person).capacity_id is None
    edit.restore(workspace, snapshot)
    assert plan_dump(workspace, draft) == middle


def test_people_add_set_delete_restore(workspace, draft):
    person = edit.add_person(workspace, draft, "Anna Jansen", None, "8")
    project = project_by_number(workspace, draft, "3.2.1")
    edit.set_allocations(workspace, draft, [AllocationChange(project, ColumnKey(person_id=person), "2,5")])
    before = plan_dump(workspace, draft)
    with pytest.raises(EditError, match="meer dan 10 dagdelen"):
        edit.set_person_fields(workspace, person, available_half_days="10,5")
    with pytest.raises(EditError, match="naam nodig"):
        edit.set_person_fields(workspace, person, name="")
    assert plan_dump(workspace, draft) == before
    old = edit.set_person_fields(workspace, person, name="Anna de Boer", available_half_days="9",
                                 capacity_id=role_id(workspace, draft, "Programma-management"))
    edit.set_person_fields(workspace, person, **old)
    snapshot = edit.delete_person(workspace, person)
    assert matrix(workspace, draft).grand_total == Decimal("22.0")
    edit.restore(workspace, snapshot)
    assert plan_dump(workspace, draft) == before


def test_the_factor_is_positive_with_one_decimal(workspace, draft):
    before = plan_dump(workspace, draft)
    for bad, words in (("0", "groter zijn dan 0"), ("-8", "niet negatief"), ("8,25", "decimalen")):
        with pytest.raises(EditError, match=words):
            edit.set_half_days_per_fte(workspace, draft, bad)
    assert plan_dump(workspace, draft) == before
    old = edit.set_half_days_per_fte(workspace, draft, "8")
    assert matrix(workspace, draft).capacity == Decimal("17.6")
    edit.set_half_days_per_fte(workspace, draft, old)
    assert plan_dump(workspace, draft) == before
