"""When an adopted amendment supersedes its plan, the year's bookkeeping goes with the figures:
the realisatie booked on the plan's lines and sources, the forecasts typed for its lines, its
reporting moments with the statuses recorded for its actions move to the amendment's copies of
them (found by ``copied_from_id``). What has no copy (a line the amendment removed) stays where it
was, on the superseded plan, readable there. The undo of the adoption moves it all back.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.models import Action, BudgetGroup, BudgetLine, Chapter, FundingSource, Project
from app.models.actuals import ActualEntry, LineForecast
from app.models.moments import ActionOccurrence, ReportingMoment, StatusRecord


@dataclass
class Moved:
    """What moved, as (row id, the id it pointed at before), per kind: the undo's list."""

    entries_on_lines: list[tuple[int, int]] = field(default_factory=list)
    entries_on_sources: list[tuple[int, int]] = field(default_factory=list)
    forecasts: list[tuple[int, int]] = field(default_factory=list)
    moments: list[tuple[int, int]] = field(default_factory=list)
    records: list[tuple[int, int]] = field(default_factory=list)
    occurrences: list[tuple[int, int]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return any((self.entries_on_lines, self.entries_on_sources, self.forecasts, self.moments, self.records,
                    self.occurrences))


def _copies(session: Session, model, in_plan, to_plan: int) -> dict[int, int]:
    """The old plan's row id -> its copy in ``to_plan`` (rows of ``model`` copied from it)."""
    return dict(session.execute(select(model.copied_from_id, model.id).where(
        model.copied_from_id.is_not(None), in_plan(to_plan))).all())


def move_bookkeeping(session: Session, from_plan: int, to_plan: int) -> Moved:
    lines = _copies(session, BudgetLine, lambda p: BudgetLine.group_id.in_(
        select(BudgetGroup.id).where(BudgetGroup.plan_id == p)), to_plan)
    sources = _copies(session, FundingSource, lambda p: FundingSource.plan_id == p, to_plan)
    actions = _copies(session, Action, lambda p: Action.project_id.in_(
        select(Project.id).join(Project.chapter).where(Chapter.plan_id == p)), to_plan)
    old_lines = select(BudgetLine.id).join(BudgetLine.group).where(BudgetGroup.plan_id == from_plan)
    moved = Moved()
    for entry_id, line_id in session.execute(select(ActualEntry.id, ActualEntry.line_id)
                                             .where(ActualEntry.line_id.in_(old_lines))).all():
        if line_id in lines:
            moved.entries_on_lines.append((entry_id, line_id))
            session.execute(update(ActualEntry).where(ActualEntry.id == entry_id).values(line_id=lines[line_id]))
    for entry_id, source_id in session.execute(
            select(ActualEntry.id, ActualEntry.source_id).join(FundingSource, FundingSource.id == ActualEntry.source_id)
            .where(FundingSource.plan_id == from_plan)).all():
        if source_id in sources:
            moved.entries_on_sources.append((entry_id, source_id))
            session.execute(update(ActualEntry).where(ActualEntry.id == entry_id)
                            .values(source_id=sources[source_id]))
    for forecast_id, line_id in session.execute(select(LineForecast.id, LineForecast.line_id)
                                                .where(LineForecast.line_id.in_(old_lines))).all():
        if line_id in lines:
            moved.forecasts.append((forecast_id, line_id))
            session.execute(update(LineForecast).where(LineForecast.id == forecast_id).values(line_id=lines[line_id]))
    taken = set(session.scalars(select(ReportingMoment.as_of).where(ReportingMoment.plan_id == to_plan)))
    moments = [moment_id for moment_id, as_of in session.execute(
        select(ReportingMoment.id, ReportingMoment.as_of).where(ReportingMoment.plan_id == from_plan))
        if as_of not in taken]  # a day the amendment has a moment of its own: that one stays
    for moment_id in moments:
        moved.moments.append((moment_id, from_plan))
    if moments:
        session.execute(update(ReportingMoment).where(ReportingMoment.id.in_(moments)).values(plan_id=to_plan))
        for record_id, action_id in session.execute(select(StatusRecord.id, StatusRecord.action_id)
                                                    .where(StatusRecord.moment_id.in_(moments))).all():
            if action_id in actions:
                moved.records.append((record_id, action_id))
                session.execute(update(StatusRecord).where(StatusRecord.id == record_id)
                                .values(action_id=actions[action_id]))
    # A recurring action's statuses per occurrence go with it (the amendment's copy had none).
    for row_id, action_id in session.execute(select(ActionOccurrence.id, ActionOccurrence.action_id)
                                             .where(ActionOccurrence.action_id.in_(list(actions)))).all():
        moved.occurrences.append((row_id, action_id))
        session.execute(update(ActionOccurrence).where(ActionOccurrence.id == row_id)
                        .values(action_id=actions[action_id]))
    return moved


def move_back(session: Session, moved: Moved) -> None:
    """The undo: every row pointed at what it pointed at before."""
    for model, column, pairs in ((ActualEntry, "line_id", moved.entries_on_lines),
                                 (ActualEntry, "source_id", moved.entries_on_sources),
                                 (LineForecast, "line_id", moved.forecasts),
                                 (ReportingMoment, "plan_id", moved.moments),
                                 (StatusRecord, "action_id", moved.records),
                                 (ActionOccurrence, "action_id", moved.occurrences)):
        for row_id, before in pairs:
            session.execute(update(model).where(model.id == row_id).values({column: before}))
