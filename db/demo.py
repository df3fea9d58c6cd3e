"""Builds the demo workspace: the real Uitvoeringsplan 2022 Haaglanden."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import (
    Action,
    Allocation,
    AllocationKey,
    Ambition,
    BudgetCell,
    BudgetGroup,
    BudgetLine,
    Chapter,
    FixedSettlement,
    FixedSettlementAmount,
    FundingAmount,
    FundingKind,
    FundingSource,
    Goal,
    KeyMethod,
    KeyShare,
    Marker,
    Municipality,
    MunicipalitySet,
    Plan,
    PlanStatus,
    PrintedTotal,
    Project,
    ProjectAmbition,
    Region,
    Role,
)
from app.models.numbers import fte, half_days, money
from db import demo_data as data

_MARKERS = {m.value: m for m in Marker} | {"id": Marker.IDEM}  # "id": as the plan prints it


def build_demo(path: Path | str):
    """Create the demo workspace at ``path`` (refuses an existing file) and return it open."""
    from app.services.workspace import create_workspace

    workspace = create_workspace(path)
    with workspace.transaction() as session:
        populate_demo(session)
    return workspace


def populate_demo(session: Session) -> Plan:
    from app.services import change_log

    change_log.unrecorded(session)  # the demo as published: nobody's edit
    region = Region(name=data.REGION)
    municipalities = {name: Municipality(name=name, position=position)
                      for position, (name, _inhabitants) in enumerate(data.MUNICIPALITIES)}
    region.municipalities = list(municipalities.values())
    sets = {}
    for position, (code, name, excluded) in enumerate(data.SETS):
        members = [m for n, m in municipalities.items() if not excluded or n not in excluded]
        sets[code] = MunicipalitySet(code=code, name=name, position=position, members=members)
    region.municipality_sets = list(sets.values())
    key = AllocationKey(name=data.KEY_NAME, method=KeyMethod.BASIS,
                        basis_label=data.KEY_BASIS_LABEL,
                        note="Indicatieve voorbeeldcijfers: vervang ze door de afgesproken cijfers.",
                        example=True)
    key.shares = [KeyShare(municipality=municipalities[name], basis=inhabitants)
                  for name, inhabitants in data.MUNICIPALITIES]
    region.allocation_keys = [key]
    region.ambitions = [Ambition(position=i, text=text) for i, text in enumerate(data.AMBITIONS)]
    session.add(region)

    p = data.PLAN
    plan = Plan(region=region, year=p["year"], title=p["title"], status=PlanStatus.ADOPTED,
                adopted_on=date.fromisoformat(p["adopted_on"]), adopted_by=p["adopted_by"],
                first_year=p["first_year"], last_year=p["last_year"],
                comparison_columns=p["comparison_columns"], total_label=p["total_label"],
                half_days_per_fte=Decimal("10.0"), allocation_key=key)
    session.add(plan)
    session.flush()

    projects: dict[str, Project] = {}
    by_label: dict[str, Project] = {}
    for position, chapter in enumerate(data.CHAPTERS):
        _add_chapter(session, plan, None, position, chapter, projects, by_label)
    _add_staffing(session, plan, by_label)
    session.flush()  # projects get their ids, which budget lines and ambitions refer to
    session.add_all(ProjectAmbition(project_id=projects[number].id, ambition_id=region.ambitions[i].id)
                    for number, indexes in data.PROJECT_AMBITIONS.items() for i in indexes)
    for position, node in enumerate(data.BUDGET):
        _add_budget_node(session, plan, None, position, node, projects, sets)
    for position, (name, amounts, municipal) in enumerate(data.FUNDING):
        source = FundingSource(plan_id=plan.id, position=position, name=name,
                               kind=FundingKind.MUNICIPAL if municipal else FundingKind.OTHER)
        source.amounts = [FundingAmount(year=y, amount=money(v)) for y, v in amounts.items()]
        session.add(source)
    for position, (name, code, amounts, note) in enumerate(data.FIXED_SETTLEMENTS):
        settlement = FixedSettlement(plan_id=plan.id, position=position, name=name,
                                     municipality_set=sets[code], note=note)
        settlement.amounts = [FixedSettlementAmount(year=y, amount=money(v))
                              for y, v in amounts.items()]
        session.add(settlement)
    session.flush()
    _add_printed_totals(session, plan)
    return plan


def _add_printed_totals(session, plan) -> None:
    groups = {g.name: g.id for g in session.scalars(select(BudgetGroup).where(BudgetGroup.plan_id == plan.id))}
    for name, amounts in data.PRINTED_SUBTOTALS.items():
        session.add_all(PrintedTotal(plan_id=plan.id, group_id=groups[name], year=y, amount=money(v))
                        for y, v in amounts.items())
    session.add_all(PrintedTotal(plan_id=plan.id, year=y, amount=money(v)) for y, v in data.PRINTED_TOTAL.items())


def _add_chapter(session, plan, parent, position, chapter, projects, by_label) -> None:
    number, title, text, children = chapter
    stated = data.CHAPTER_STATED_HALF_DAYS.get(number)
    node = Chapter(position=position, number=number, title=title, text=text,
                   stated_half_days=half_days(stated) if stated else None)
    plan.chapters.append(node)
    if parent is not None:
        parent.children.append(node)
    for child_position, child in enumerate(children):
        if isinstance(child, tuple):
            _add_chapter(session, plan, node, child_position, child, projects, by_label)
        else:
            project = _project(child_position, child)
            node.projects.append(project)
            if project.number:
                projects[project.number] = project
            if project.staffing_label:
                by_label[project.staffing_label] = project


def _project(position: int, spec: dict) -> Project:
    stated = spec.get("stated_half_days")
    project = Project(
        position=position, number=spec["number"], title=spec["title"],
        description=spec["description"], sponsor_admin=data.SPONSOR_ADMIN,
        sponsor_official=data.SPONSOR_OFFICIAL, contractor=spec.get("contractor", data.OFFICE),
        start_date=date(2022, 1, 1), end_date=date(2022, 12, 31),
        is_general=spec.get("general", False),
        stated_half_days=half_days(stated) if stated else None,
        staffing_label=spec.get("staffing_label", ""),
    )
    project.goals = [Goal(position=i, text=text) for i, text in enumerate(spec["goals"])]
    # The plan lists goals, not actions: each goal becomes an action whose status is not yet known.
    project.actions = [Action(position=i, description=text, owner=project.contractor,
                              due_date=date(2022, 12, 31)) for i, text in enumerate(spec["goals"])]
    return project


def _add_staffing(session, plan, by_label) -> None:
    for position, (role, total, execution) in enumerate(data.CAPACITY):
        session.add(Role(plan_id=plan.id, position=position, role=role, fte=fte(total),
                             execution_fte=fte(execution)))
    for label, value in data.STAFFING:
        # The table gives the office as a whole, not per role: no capacity or person is set.
        session.add(Allocation(plan_id=plan.id, project=by_label[label], half_days=half_days(value)))


def _add_budget_node(session, plan, parent, position, node, projects, sets) -> None:
    if node[0] == "group":
        _, number, name, shows_subtotal, _project_number, children = node
        group = BudgetGroup(plan_id=plan.id, position=position, number=number, name=name,
                            shows_subtotal=shows_subtotal)
        if parent is not None:
            parent.children.append(group)
        session.add(group)
        for child_position, child in enumerate(children):
            _add_budget_node(session, plan, group, child_position, child, projects, sets)
        return
    _, name, values, project_number, notes = node
    line = BudgetLine(position=position, name=name,
                      project_id=projects[project_number].id if project_number else None)
    for year, value in values.items():
        note = notes.get(year, "")
        cell = BudgetCell(year=year, note=note, note_number=data.NOTE_NUMBERS.get(note))
        if value in _MARKERS:
            cell.marker = _MARKERS[value]
            cell.marker_text = value if value != cell.marker.value else ""
        else:
            cell.amount = money(value)
        line.cells.append(cell)
    parent.lines.append(line)
