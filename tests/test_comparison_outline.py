"""Comparing two plans (issue 17): the outline (projects and actions added, removed, moved to
another chapter, given another status) and the staffing (a role's fte, a project's dagdelen),
each change with the Dutch line a user reads in the comparison and the Wijzigingsoverzicht."""
from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from app.models import Action, Chapter, Project, Role
from app.services import project_edit, staffing_edit
from app.services.comparison import ADDED, MOVED, REMOVED, RENAMED, compare_plans
from app.services.comparison_outline import STATUS, OutlineChange, StaffingChange
from app.services.editing import Place
from app.services.plan_copy import create_amendment
from app.services.staffing_edit import OFFICE, AllocationChange
from test_comparison import adopted_plan

D = Decimal
NEW_ACTION = "Maandelijks wachtlijstoverleg met de aanbieders"


@pytest.fixture
def plans(ws):
    """(the adopted 2022 plan, an amendment of it)."""
    adopted = adopted_plan(ws)
    return adopted, create_amendment(ws, adopted)


def projects_of(ws, plan_id: int) -> dict[str, int]:
    """Project number -> id."""
    with ws.session() as s:
        return {p.number: p.id for p in s.scalars(
            select(Project).join(Project.chapter).where(Chapter.plan_id == plan_id))}


def chapters_of(ws, plan_id: int) -> dict[str, int]:
    with ws.session() as s:
        return {c.number: c.id for c in s.scalars(select(Chapter).where(Chapter.plan_id == plan_id))}


def first_action(ws, project_id: int) -> tuple[int, str]:
    with ws.session() as s:
        action = s.scalars(select(Action).where(Action.project_id == project_id)
                           .order_by(Action.position, Action.id)).first()
        return action.id, action.description


def role_id(ws, plan_id: int, name: str) -> int:
    with ws.session() as s:
        return s.scalars(select(Role.id).where(Role.plan_id == plan_id, Role.role == name)).one()


def test_status_actions_and_a_project_moved_to_another_chapter(ws, plans):
    adopted, amendment = plans
    projects, chapters = projects_of(ws, amendment), chapters_of(ws, amendment)
    project_edit.set_project_fields(ws, projects["3.1.1"], status="op koers")
    project_edit.add_action(ws, projects["3.1.1"], NEW_ACTION)
    gone_id, gone = first_action(ws, projects["3.1.2"])
    project_edit.delete_action(ws, gone_id)
    # 3.1.5 goes to the top of 3.2: it becomes 3.2.1 and 3.2's projects move up a number.
    project_edit.move_project(ws, projects["3.1.5"], Place(chapters["3.2"], 0))
    comparison = compare_plans(ws, adopted, amendment)
    assert comparison.outline == [
        OutlineChange("project", STATUS, "3.1.1 Aanpak wachtlijsten", "onbekend → op koers"),
        OutlineChange("project", MOVED, "3.2.1 Kleinschalige woonvoorzieningen",
                      "van 3.1 Kinderen en gezinnen in de meest kwetsbare omstandigheden naar 3.2 Lerend ontwikkelen"),
        OutlineChange("actie", ADDED, NEW_ACTION, "3.1.1 Aanpak wachtlijsten"),
        OutlineChange("actie", REMOVED, gone, "3.1.2 Gecertificeerde instellingen"),
    ]
    assert [change.text() for change in comparison.outline] == [
        "Project status: 3.1.1 Aanpak wachtlijsten (onbekend → op koers)",
        "Project verplaatst: 3.2.1 Kleinschalige woonvoorzieningen (van 3.1 Kinderen en gezinnen in de meest "
        "kwetsbare omstandigheden naar 3.2 Lerend ontwikkelen)",
        f"Actie toegevoegd: {NEW_ACTION} (3.1.1 Aanpak wachtlijsten)",
        f"Actie verwijderd: {gone} (3.1.2 Gecertificeerde instellingen)",
    ]
    # Nothing of the budget or the staffing changed with it.
    assert comparison.budget.changed_lines() == [] and comparison.staffing == []


def test_a_renamed_project_and_an_action_moved_or_given_another_status(ws, plans):
    adopted, amendment = plans
    projects = projects_of(ws, amendment)
    project_edit.set_project_fields(ws, projects["3.2.3"], title="Samen leren en onderzoeken")
    moved_id, moved = first_action(ws, projects["3.1.3"])
    with ws.transaction() as s:  # the editor has no "move to another project"; a file may hold it
        s.get(Action, moved_id).project_id = projects["3.1.4"]
    status_id, status_text = first_action(ws, projects["3.2.1"])
    project_edit.set_action_fields(ws, status_id, status="behaald")
    texts = [change.text() for change in compare_plans(ws, adopted, amendment).outline]
    assert texts == [
        "Project hernoemd: 3.2.3 Samen leren en onderzoeken (was 3.2.3 Samen leren)",
        f"Actie verplaatst: {moved} (van 3.1.3 Intensiveren Beter Samenspel naar 3.1.4 Vernieuwing JeugdzorgPlus)",
        f"Actie status: {status_text} (onbekend → behaald)",
    ]


def test_a_project_added_and_one_removed(ws, plans):
    adopted, amendment = plans
    projects, chapters = projects_of(ws, amendment), chapters_of(ws, amendment)
    project_edit.delete_project(ws, projects["4.4"])
    project_edit.add_project(ws, chapters["4"], title="Jeugdhulp en armoede")
    outline = compare_plans(ws, adopted, amendment).outline
    assert {(c.what, c.kind) for c in outline} == {("project", ADDED), ("project", REMOVED), ("actie", REMOVED)}
    texts = [c.text() for c in outline]
    assert "Project toegevoegd: 4.4 Jeugdhulp en armoede (4 Lopende projecten en ad-hoc ondersteuning)" in texts
    assert "Project verwijderd: 4.4 Scheiding en complexe relaties (4 Lopende projecten en ad-hoc ondersteuning)" \
        in texts
    # A new project in the same place is not the old one renamed: it was matched by nothing.
    assert not any(c.kind == RENAMED for c in outline)


def test_a_role_s_fte_and_a_project_s_dagdelen(ws, plans):
    adopted, amendment = plans
    projects = projects_of(ws, amendment)
    staffing_edit.set_role_fields(ws, role_id(ws, amendment, "Programma-management"), fte="1,2")
    staffing_edit.set_allocations(ws, amendment, [AllocationChange(projects["3.1.3"], OFFICE, "6")])
    staffing_edit.set_allocations(ws, amendment, [AllocationChange(projects["3.2.3"], OFFICE, "2,5")])
    comparison = compare_plans(ws, adopted, amendment)
    assert comparison.staffing == [
        StaffingChange("rol", "Programma-management", "fte", D("1.00"), D("1.20")),
        StaffingChange("project", "3.1.3 Intensiveren Beter Samenspel", "dagdelen", D("4.0"), D("6.0")),
        StaffingChange("project", "3.2.3 Samen leren", "dagdelen", D("3.0"), D("2.5")),
        StaffingChange("totaal", "Ingezet in totaal", "dagdelen", D("22.0"), D("23.5")),
    ]
    assert [change.text() for change in comparison.staffing] == [
        "Programma-management: 1,0 → 1,2 fte",
        "3.1.3 Intensiveren Beter Samenspel: 4 → 6 dagdelen",
        "3.2.3 Samen leren: 3 → 2,5 dagdelen",
        "Ingezet in totaal: 22 → 23,5 dagdelen",
    ]
    assert [change.difference for change in comparison.staffing] == [D("0.20"), D("2.0"), D("-0.5"), D("1.5")]
    assert comparison.outline == [] and comparison.budget.changed_lines() == []


def test_a_role_added_and_removed_and_a_project_s_dagdelen_cleared(ws, plans):
    adopted, amendment = plans
    projects = projects_of(ws, amendment)
    staffing_edit.delete_role(ws, role_id(ws, amendment, "Secretariële ondersteuning"))
    staffing_edit.add_role(ws, amendment, "Communicatieadviseur", fte="0,4")
    staffing_edit.set_allocations(ws, amendment, [AllocationChange(projects["3.1.3"], OFFICE, "")])
    assert [change.text() for change in compare_plans(ws, adopted, amendment).staffing] == [
        "Communicatieadviseur: — → 0,4 fte",
        "Secretariële ondersteuning: 1,0 → — fte",
        "3.1.3 Intensiveren Beter Samenspel: 4 → 0 dagdelen",
        "Ingezet in totaal: 22 → 18 dagdelen",
    ]
