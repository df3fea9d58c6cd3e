"""A wijziging (amendment) or scenario: a draft copy of a plan that refers to it.

An adopted plan is read-only; to change it the user makes an amendment, which
copies everything of the plan (chapters, projects, staffing, budget, funding,
fixed settlements) into a new draft plan whose ``based_on`` is the original.
"""
from __future__ import annotations

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from app.models import (
    Action,
    Allocation,
    BudgetCell,
    BudgetGroup,
    BudgetLine,
    Chapter,
    FixedSettlement,
    FixedSettlementAmount,
    FundingAmount,
    FundingSource,
    Goal,
    Person,
    Plan,
    PlanKind,
    PlanStatus,
    Project,
    ProjectAmbition,
    Role,
)
from app.services import change_log
from app.services.bulk_insert import insert_rows, new_ids
from app.services.edit_errors import EditError
from app.services.editing import row_values
from app.services.key_edit import copy_key

_KIND_WORD = {PlanKind.AMENDMENT: "wijziging", PlanKind.SCENARIO: "scenario"}


def _columns(obj, **overrides) -> dict:
    """A row's values for a copy: a new id, ``overrides`` for the references that move."""
    values = row_values(obj)
    del values["id"]
    values.update(overrides)
    return values


def create_amendment(workspace, plan_id: int, kind: PlanKind = PlanKind.AMENDMENT) -> int:
    """Copy the plan into a new draft amendment (or scenario); returns the new plan's id."""
    with workspace.transaction() as session:
        source = session.get(Plan, plan_id)
        if source is None:
            raise EditError("Dit plan bestaat niet meer.")
        count = session.scalar(select(func.count(Plan.id)).where(
            Plan.based_on_id == plan_id, Plan.kind == kind)) or 0
        copy = Plan(**_columns(source, kind=kind, status=PlanStatus.DRAFT, adopted_on=None,
                               adopted_by="", based_on_id=source.id,
                               title=f"{source.title} ({_KIND_WORD[kind]} {count + 1})"))
        session.add(copy)
        session.flush()
        change_log.note_plan(session, copy.id)  # what the copy writes is logged under it
        if source.allocation_key is not None:
            # The adopted plan keeps its key untouched; the amendment edits its own copy.
            copy.allocation_key_id = copy_key(
                session, source.allocation_key,
                f"{source.allocation_key.name} ({_KIND_WORD[kind]} {count + 1})").id
        _copy_plan_contents(session, source.id, copy.id)
        return copy.id


def insert_copies(session: Session, model, rows: list[dict]) -> list[int]:
    """Insert ``rows`` (every column of ``model`` but its id) in one executemany, returning the new ids in the
    rows' order. No ORM object per row and no flush per row: a flush looks at every object the
    session holds, so flushing per copied line made copying a 20,000-line plan quadratic."""
    if not rows:
        return []
    ids = new_ids(session, model.__table__, len(rows))
    if ids is None:  # not SQLite: the database gives the ids
        return list(session.scalars(insert(model).returning(model.id, sort_by_parameter_order=True), rows))
    # Ids given (one writer holds the file): SQLAlchemy's RETURNING over many batches splices its
    # results quadratically (a 20,000-line plan took a minute).
    for row, new_id in zip(rows, ids):
        row["id"] = new_id
    insert_rows(session, model.__table__, [column.key for column in model.__table__.c], rows)
    return list(ids)


def copy_tree(session: Session, model, items, **fixed) -> dict[int, int]:
    """Copy rows that form a tree (chapters, budget groups), parents before their children (after
    moves, ids say nothing about that), a level at a time; returns old id -> new id."""
    id_map: dict[int, int] = {}
    pending = list(items)
    lineage = hasattr(model, "copied_from_id")
    while pending:
        ready = [i for i in pending if i.parent_id is None or i.parent_id in id_map]
        if not ready:  # a cycle, or a parent outside the plan: opening refuses such a file
            raise EditError("Het plan kan niet worden gekopieerd: een hoofdstuk of begrotingsgroep hangt "
                            "onder zichzelf of onder een onderdeel van een ander plan.")
        rows = [_columns(item, parent_id=id_map.get(item.parent_id), **fixed,
                         **({"copied_from_id": item.id} if lineage else {})) for item in ready]
        id_map.update(zip((item.id for item in ready), insert_copies(session, model, rows)))
        pending = [i for i in pending if i.id not in id_map]
    return id_map


def copy_staffing(session: Session, source_id: int, target_id: int, projects: dict[int, int]) -> None:
    """Copy the roles, the people and the allocations of the projects in ``projects`` (old id ->
    new id): an allocation of a project that was not copied stays behind."""
    def rows(model):
        return list(session.scalars(select(model).where(model.plan_id == source_id).order_by(model.id)))

    roles: dict[int, int] = {}
    for role in rows(Role):
        new = Role(**_columns(role, plan_id=target_id))
        session.add(new)
        session.flush()
        roles[role.id] = new.id
    people: dict[int, int] = {}
    for person in rows(Person):
        new = Person(**_columns(person, plan_id=target_id, capacity_id=roles.get(person.capacity_id)))
        session.add(new)
        session.flush()
        people[person.id] = new.id
    session.add_all(
        Allocation(**_columns(a, plan_id=target_id, project_id=projects[a.project_id],
                              capacity_id=roles.get(a.capacity_id), person_id=people.get(a.person_id)))
        for a in rows(Allocation) if a.project_id in projects)


def copied_funding(source: FundingSource, target_id: int, groups: dict[int, int],
                   lines: dict[int, int]) -> dict:
    """The references of a funding source's copy: its plan, its origin, and its earmark moved to the
    copy's own group or line (an earmark into the plan it was copied from would lower nothing)."""
    return {"plan_id": target_id, "copied_from_id": source.id,
            "earmark_group_id": groups.get(source.earmark_group_id),
            "earmark_line_id": lines.get(source.earmark_line_id)}


def _copy_plan_contents(session: Session, source_id: int, target_id: int) -> None:
    def rows(model, *where):
        return list(session.scalars(select(model).where(*where).order_by(model.id)))

    chapters = copy_tree(session, Chapter, rows(Chapter, Chapter.plan_id == source_id), plan_id=target_id)
    in_plan = Chapter.plan_id == source_id
    originals = rows(Project, Project.chapter_id == Chapter.id, in_plan)
    projects = dict(zip((p.id for p in originals), insert_copies(session, Project, [
        _columns(p, chapter_id=chapters[p.chapter_id], copied_from_id=p.id) for p in originals])))
    insert_copies(session, Goal, [_columns(g, project_id=projects[g.project_id])
                                  for g in rows(Goal, Goal.project_id == Project.id, Project.chapter_id == Chapter.id,
                                                in_plan)])
    insert_copies(session, Action, [_columns(a, project_id=projects[a.project_id], copied_from_id=a.id)
                                    for a in rows(Action, Action.project_id == Project.id,
                                                  Project.chapter_id == Chapter.id, in_plan)])
    # The ambitions are the region's: the copy serves the same ones.
    links = session.execute(select(ProjectAmbition.project_id, ProjectAmbition.ambition_id)
                            .where(ProjectAmbition.project_id == Project.id, Project.chapter_id == Chapter.id,
                                   in_plan)).all()
    session.add_all(ProjectAmbition(project_id=projects[p], ambition_id=a) for p, a in links)
    copy_staffing(session, source_id, target_id, projects)
    groups = copy_tree(session, BudgetGroup, rows(BudgetGroup, BudgetGroup.plan_id == source_id),
                       plan_id=target_id)
    in_budget = (BudgetLine.group_id == BudgetGroup.id, BudgetGroup.plan_id == source_id)
    originals = rows(BudgetLine, *in_budget)
    lines = dict(zip((line.id for line in originals), insert_copies(session, BudgetLine, [
        _columns(line, group_id=groups[line.group_id], project_id=projects.get(line.project_id),
                 copied_from_id=line.id) for line in originals])))
    # The cells as plain rows (no ORM object each: a large plan has tens of thousands).
    columns = [c for c in BudgetCell.__table__.c if c.key != "id"]
    cells = [{**cell, "line_id": lines[cell["line_id"]]} for cell in session.execute(
        select(*columns).where(BudgetCell.line_id == BudgetLine.id, *in_budget).order_by(BudgetCell.id)).mappings()]
    insert_rows(session, BudgetCell.__table__, [column.key for column in columns], cells)
    for source in rows(FundingSource, FundingSource.plan_id == source_id):
        new = FundingSource(**_columns(source, **copied_funding(source, target_id, groups, lines)))
        new.amounts = [FundingAmount(**_columns(a, source_id=None)) for a in source.amounts]
        session.add(new)
    for settlement in rows(FixedSettlement, FixedSettlement.plan_id == source_id):
        new = FixedSettlement(**_columns(settlement, plan_id=target_id))
        new.amounts = [FixedSettlementAmount(**_columns(a, settlement_id=None))
                       for a in settlement.amounts]
        session.add(new)
