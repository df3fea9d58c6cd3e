"""A recurring action's occurrences and their statuses (issue 21).

An action recurs when its planning is a recurrence ("maandelijks", "elk kwartaal vanaf april 2022
tot en met 2023": app.services.periods), typed in its due cell and kept in ``Action.due_text``.
Each occurrence (a month, a quarter, …) has a status and remark of its own, kept in
``ActionOccurrence`` under the occurrence's first day; one without a row is onbekend. An
occurrence is overdue once it has ended without being achieved. Progress bookkeeping like the
status per reporting moment: an adopted plan's actions take it too.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Action, ActionOccurrence, ActionStatus
from app.services.edit_errors import EditError
from app.services.editing import clean_text, existing
from app.services.periods import Period, Recurrence, is_recurrence, parse_recurrence

ACTION_GONE = "Deze actie bestaat niet meer."
NOT_RECURRING = ("Deze actie herhaalt zich niet. Typ bij Uiterlijk hoe vaak, bijvoorbeeld “maandelijks” of "
                 "“elk kwartaal tot en met 2023”.")


@dataclass(frozen=True, slots=True)
class Occurrence:
    period: Period
    status: ActionStatus
    remark: str
    recorded_on: date | None  # None: nothing recorded yet (onbekend)
    overdue: bool
    upcoming: bool  # the next occurrence: the first that has not ended

    @property
    def text(self) -> str:
        return self.period.text()


@dataclass(frozen=True, slots=True)
class RecurringAction:
    action_id: int
    description: str
    recurrence: Recurrence
    occurrences: list[Occurrence]

    @property
    def next(self) -> Occurrence | None:
        return next((o for o in self.occurrences if o.upcoming), None)


def recurrence_of(action: Action) -> Recurrence:
    """The action's recurrence; refused when its planning is not one."""
    if not action.due_text or not is_recurrence(action.due_text):
        raise EditError(NOT_RECURRING)
    return parse_recurrence(action.due_text)


def read_recurring(session: Session, action_id: int, today: date) -> RecurringAction:
    action = existing(session, Action, action_id, ACTION_GONE)
    recurrence = recurrence_of(action)
    kept = {row.period_start: row for row in session.scalars(
        select(ActionOccurrence).where(ActionOccurrence.action_id == action_id))}
    occurrences, upcoming_seen = [], False
    for period in recurrence.occurrences():
        row = kept.get(period.start)
        status = row.status if row is not None else ActionStatus.UNKNOWN
        upcoming = not upcoming_seen and period.end >= today
        upcoming_seen |= upcoming
        occurrences.append(Occurrence(period, status, row.remark if row is not None else "",
                                      row.recorded_on if row is not None else None,
                                      period.end < today and status is not ActionStatus.ACHIEVED, upcoming))
    return RecurringAction(action.id, action.description, recurrence, occurrences)


def load_recurring(workspace, action_id: int, today: date | None = None) -> RecurringAction:
    with workspace.session() as session:
        return read_recurring(session, action_id, today or date.today())


def record_occurrence(workspace, action_id: int, period_start: date, status: ActionStatus,
                      remark: str | None = None, today: date | None = None) -> tuple | None:
    """Record an occurrence's status (and remark); returns the old (status, remark, recorded_on)
    or None, for the undo (:func:`restore_occurrence`). A day that starts no occurrence is refused."""
    if not isinstance(status, ActionStatus):
        raise EditError("Kies een status: onbekend, in behandeling, behaald of niet behaald.")
    with workspace.transaction() as session:
        action = existing(session, Action, action_id, ACTION_GONE)
        starts = {p.start: p for p in recurrence_of(action).occurrences()}
        if period_start not in starts:
            raise EditError(f"Deze actie heeft geen keer die begint op {period_start:%d-%m-%Y}; "
                            "de herhaling is misschien gewijzigd. Kies een keer uit de lijst.")
        row = session.scalar(select(ActionOccurrence).where(ActionOccurrence.action_id == action_id,
                                                            ActionOccurrence.period_start == period_start))
        old = (row.status, row.remark, row.recorded_on) if row is not None else None
        remark = clean_text(remark if remark is not None else (row.remark if row is not None else ""),
                            "De opmerking", 5000)
        if row is None:
            session.add(ActionOccurrence(action_id=action_id, period_start=period_start, status=status,
                                         remark=remark, recorded_on=today or date.today()))
        else:
            row.status, row.remark, row.recorded_on = status, remark, today or date.today()
        return old


def restore_occurrence(workspace, action_id: int, period_start: date, old: tuple | None) -> None:
    """Put an occurrence's record back as :func:`record_occurrence` found it (None: no record)."""
    with workspace.transaction() as session:
        existing(session, Action, action_id, ACTION_GONE)
        row = session.scalar(select(ActionOccurrence).where(ActionOccurrence.action_id == action_id,
                                                            ActionOccurrence.period_start == period_start))
        if old is None:
            if row is not None:
                session.delete(row)
            return
        if row is None:
            row = ActionOccurrence(action_id=action_id, period_start=period_start)
            session.add(row)
        row.status, row.remark, row.recorded_on = old
