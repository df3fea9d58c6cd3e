"""Next year's plan from this one ("Volgend jaar"), the way a programme office starts its plan
each autumn.

A new draft plan for year + 1 in the same region, with the same allocation key: the chapters;
the projects still running (no end date, or one on or after 1 January of the new year; general
work always goes on) with their goals, open actions (not behaald) and ambitions; the staffing (roles, people, and the
allocations of the projects that go along); the budget groups and lines (a line of a project
left out keeps its amounts, unlinked) and the funding sources and fixed settlements. The year
columns shift by one: the years both plans have keep their cells, amounts and notes; the new
last year is filled as the user chooses (the last year's value, nothing, or "id."). The
comparison columns (the years before the new plan's own) may show what was really spent instead
of what was budgeted (``comparison_realised``): each line's realised bookings of the year, and
each funding source's income received; the plan then says so in its column headers. One
transaction; the plan it is made from is not touched.
"""
from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.models import (
    Action,
    ActionStatus,
    BudgetCell,
    BudgetGroup,
    BudgetLine,
    Chapter,
    FixedSettlement,
    FixedSettlementAmount,
    FundingAmount,
    FundingSource,
    Goal,
    Marker,
    Plan,
    PlanKind,
    PlanStatus,
    Project,
    ProjectAmbition,
)
from app.services.edit_errors import EditError
from app.services.editing import row_values
from app.services.bulk_insert import insert_rows
from app.services.plan_copy import copied_funding, copy_staffing, copy_tree, insert_copies


class NewYearFill(enum.Enum):
    """What the new last year's cells hold."""

    COPY = "copy"  # the last year's amount or marker
    EMPTY = "empty"
    IDEM = "idem"  # "id.": the same as the year before (a marker, not an amount)


@dataclass
class NextYearSummary:
    plan_id: int
    year: int
    title: str
    projects_copied: int
    projects_left_out: list[str] = field(default_factory=list)  # "3.1.1 Aanpak wachtlijsten"
    actions_copied: int = 0
    actions_left_out: int = 0  # achieved
    lines_copied: int = 0
    lines_unlinked: int = 0  # lines of a project left out: kept, without the link

    def text(self) -> str:
        """The summary a user reads after the copy, in Dutch."""
        parts = [f"{self.title} is gemaakt: {self.projects_copied} projecten, {self.actions_copied} "
                 f"open acties en {self.lines_copied} begrotingsposten overgenomen."]
        if self.projects_left_out:
            parts.append(f"Afgelopen en niet overgenomen: {', '.join(self.projects_left_out)}.")
        if self.actions_left_out:
            parts.append(f"{self.actions_left_out} behaalde acties zijn niet overgenomen.")
        if self.lines_unlinked:
            parts.append(f"{self.lines_unlinked} begrotingsposten van afgelopen projecten staan er nog, "
                         "zonder koppeling.")
        return " ".join(parts)


def _values(obj, **overrides) -> dict:
    values = row_values(obj)
    del values["id"]
    values.update(overrides)
    return values


def _title(title: str, year: int) -> str:
    """Next year's title: the year moved on, without the "(wijziging 1)" of an amendment."""
    title = re.sub(r" \((wijziging|scenario) \d+\)$", "", title)
    return title.replace(str(year), str(year + 1)) if str(year) in title else f"Uitvoeringsplan {year + 1}"


def create_next_year(workspace, plan_id: int, fill: NewYearFill = NewYearFill.COPY,
                     comparison_realised: bool = False) -> NextYearSummary:
    """Make next year's draft plan from plan ``plan_id``; returns what was copied and left out."""
    with workspace.transaction() as session:
        source = session.get(Plan, plan_id)
        if source is None:
            raise EditError("Dit plan bestaat niet meer.")
        year = source.year + 1
        if year > 2200:
            raise EditError(f"Een plan voor {year} kan niet: het planjaar ligt tussen 1900 en 2200.")
        taken = session.scalar(select(Plan.title).where(
            Plan.region_id == source.region_id, Plan.year == year, Plan.kind == PlanKind.PLAN))
        if taken is not None:
            raise EditError(f"Er is al een uitvoeringsplan voor {year} in deze regio: “{taken}”. "
                            "Maak er een wijziging van, of verwijder het eerst.")
        target = Plan(region_id=source.region_id, year=year, title=_title(source.title, source.year),
                      kind=PlanKind.PLAN, status=PlanStatus.DRAFT, first_year=source.first_year + 1,
                      last_year=source.last_year + 1, half_days_per_fte=source.half_days_per_fte,
                      allocation_key_id=source.allocation_key_id,
                      # This plan's first year becomes the new plan's comparison column, filled
                      # with its budget as the cells are copied.
                      comparison_columns=source.comparison_columns,
                      comparison_realised=comparison_realised and source.comparison_columns > 0,
                      total_label=source.total_label.replace(str(source.year), str(year)))
        session.add(target)
        session.flush()
        summary = NextYearSummary(target.id, year, target.title, 0)
        projects = _copy_outline(session, source, target, date(year, 1, 1), summary)
        copy_staffing(session, source.id, target.id, projects)
        _copy_budget(session, source, target, projects, fill, summary)
        return summary


def _copy_outline(session: Session, source: Plan, target: Plan, new_year_starts: date,
                  summary: NextYearSummary) -> dict[int, int]:
    chapters = copy_tree(session, Chapter, session.scalars(
        select(Chapter).where(Chapter.plan_id == source.id).order_by(Chapter.id)), plan_id=target.id)
    kept = []
    for project in session.scalars(select(Project).where(Project.chapter_id.in_(chapters))
                                   .order_by(Project.id)):
        if not project.is_general and project.end_date is not None and project.end_date < new_year_starts:
            summary.projects_left_out.append(f"{project.number} {project.title}".strip())
            continue
        kept.append(project)
    projects = dict(zip((p.id for p in kept), insert_copies(session, Project, [
        _values(p, chapter_id=chapters[p.chapter_id], copied_from_id=p.id) for p in kept])))
    summary.projects_copied = len(kept)
    in_plan = (Project.chapter_id == Chapter.id, Chapter.plan_id == source.id)
    insert_copies(session, Goal, [_values(g, project_id=projects[g.project_id]) for g in session.scalars(
        select(Goal).where(Goal.project_id == Project.id, *in_plan).order_by(Goal.id)) if g.project_id in projects])
    actions = [a for a in session.scalars(select(Action).where(Action.project_id == Project.id, *in_plan)
                                          .order_by(Action.id)) if a.project_id in projects]
    open_actions = [a for a in actions if a.status is not ActionStatus.ACHIEVED]
    summary.actions_left_out = len(actions) - len(open_actions)
    summary.actions_copied = len(open_actions)
    insert_copies(session, Action, [_values(a, project_id=projects[a.project_id], copied_from_id=a.id)
                                    for a in open_actions])
    links = session.execute(select(ProjectAmbition.project_id, ProjectAmbition.ambition_id)
                            .where(ProjectAmbition.project_id.in_(projects))).all()
    session.add_all(ProjectAmbition(project_id=projects[p], ambition_id=a) for p, a in links)
    return projects


def _new_last_year_cell(last: BudgetCell | None, fill: NewYearFill) -> dict | None:
    if fill is NewYearFill.EMPTY:
        return None
    if fill is NewYearFill.IDEM:
        return {"marker": Marker.IDEM}
    if last is None or (last.amount is None and last.marker is None):
        return None
    return {"amount": last.amount, "marker": last.marker,
            "marker_text": last.marker_text if last.marker is not None else ""}


def _copy_budget(session: Session, source: Plan, target: Plan, projects: dict[int, int],
                 fill: NewYearFill, summary: NextYearSummary) -> None:
    kept_years = set(source.years) & set(target.years)
    new_year, old_last = target.last_year, source.last_year
    realised = _realised(session, source, set(target.comparison_years)) if target.comparison_realised else None
    groups = copy_tree(session, BudgetGroup, session.scalars(
        select(BudgetGroup).where(BudgetGroup.plan_id == source.id).order_by(BudgetGroup.id)), plan_id=target.id)
    lines = list(session.scalars(select(BudgetLine).where(BudgetLine.group_id.in_(groups))
                                 .options(selectinload(BudgetLine.cells)).order_by(BudgetLine.id)))
    line_rows = []
    for line in lines:
        project = projects.get(line.project_id) if line.project_id is not None else None
        if line.project_id is not None and project is None:
            summary.lines_unlinked += 1
        line_rows.append(_values(line, group_id=groups[line.group_id], project_id=project,
                                 copied_from_id=line.id))
    summary.lines_copied = len(lines)
    new_ids = insert_copies(session, BudgetLine, line_rows)  # thousands of lines: one executemany
    cell_rows = []
    for line, new_id in zip(lines, new_ids, strict=True):
        cells = {c.year: c for c in line.cells}
        if realised is None:
            cell_rows += [_values(c, line_id=new_id) for y, c in cells.items() if y in kept_years]
        else:  # the comparison years: what was spent on the line (nothing spent: an empty cell)
            cell_rows += [_values(c, line_id=new_id) for y, c in cells.items()
                          if y in kept_years and y not in realised.years]
            cell_rows += [{"line_id": new_id, "year": y, "amount": amount}
                          for (line_id, y), amount in realised.lines.items() if line_id == line.id]
        filled = _new_last_year_cell(cells.get(old_last), fill)
        if filled is not None and new_year not in kept_years:
            cell_rows.append({"line_id": new_id, "year": new_year, "amount": None, "marker": None, "note": "",
                              **filled})
    # Every column in every row (a new last-year cell names only some): one executemany.
    columns = [c.key for c in BudgetCell.__table__.c if c.key != "id"]
    blank = {"amount": None, "marker": None, "note": "", "note_number": None, "marker_text": ""}
    insert_rows(session, BudgetCell.__table__, columns, [{**blank, **row} for row in cell_rows])
    line_ids = {line.id: new_id for line, new_id in zip(lines, new_ids, strict=True)}
    for funding in session.scalars(select(FundingSource).where(FundingSource.plan_id == source.id)
                                   .order_by(FundingSource.id)):
        new = FundingSource(**_values(funding, **copied_funding(funding, target.id, groups, line_ids)))
        amounts = {a.year: a.amount for a in funding.amounts}
        if realised is not None:  # the comparison years: the income received
            amounts = {y: v for y, v in amounts.items() if y not in realised.years}
            amounts.update({y: v for (source_id, y), v in realised.sources.items() if source_id == funding.id})
        new.amounts = [FundingAmount(year=y, amount=v) for y, v in amounts.items() if y in kept_years]
        if fill is NewYearFill.COPY and old_last in amounts and new_year not in kept_years:
            new.amounts.append(FundingAmount(year=new_year, amount=amounts[old_last]))
        session.add(new)
    for settlement in session.scalars(select(FixedSettlement).where(FixedSettlement.plan_id == source.id)
                                      .order_by(FixedSettlement.id)):
        new = FixedSettlement(**_values(settlement, plan_id=target.id))
        new.amounts = [FixedSettlementAmount(year=a.year, amount=a.amount) for a in settlement.amounts
                       if a.year in kept_years]
        session.add(new)


@dataclass
class _Realised:
    years: set[int]
    lines: dict[tuple[int, int], Decimal]  # (source line id, year) -> realised
    sources: dict[tuple[int, int], Decimal]  # (funding source id, year) -> received


def _realised(session: Session, source: Plan, years: set[int]) -> _Realised:
    """What was spent per line and received per source in ``years`` (the new plan's comparison
    years), from the plan's bookings (of kind realisatie: an order is not spent)."""
    from sqlalchemy import func

    from app.models.actuals import ActualEntry, ActualKind

    lines = dict(((line_id, year), amount) for line_id, year, amount in session.execute(
        select(ActualEntry.line_id, ActualEntry.year, func.sum(ActualEntry.amount))
        .join(BudgetLine, BudgetLine.id == ActualEntry.line_id).join(BudgetLine.group)
        .where(BudgetGroup.plan_id == source.id, ActualEntry.kind == ActualKind.REALISED,
               ActualEntry.year.in_(years))
        .group_by(ActualEntry.line_id, ActualEntry.year)))
    sources = dict(((source_id, year), amount) for source_id, year, amount in session.execute(
        select(ActualEntry.source_id, ActualEntry.year, func.sum(ActualEntry.amount))
        .join(FundingSource, FundingSource.id == ActualEntry.source_id)
        .where(FundingSource.plan_id == source.id, ActualEntry.year.in_(years))
        .group_by(ActualEntry.source_id, ActualEntry.year)))
    return _Realised(years, lines, sources)
