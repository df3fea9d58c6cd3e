"""Reporting moments (peilmomenten) and the status history of a plan's actions.

A moment ("Voortgangsrapportage 1 juli 2022", stand op 01-07-2022) collects the statuses and
remarks recorded for it. An action's status at a moment is what was recorded for that moment,
else for the latest moment before it, else "onbekend": a report of 1 juli shows the actions no one
looked at since 1 maart as they were then. What changed since the previous moment is read from
two such pictures: new (not reported before), improved, worsened, achieved (behaald now, not
then), unchanged. A record also sets the action's current status, as the editors show it,
unless a later moment has its own record for it (catching up on an earlier moment); a record keeps
the day it was entered. Progress is bookkeeping: an adopted plan takes records (its content stays as adopted).
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from app.models import Action, ActionStatus, Chapter, Plan, Project
from app.models.moments import ReportingMoment, StatusRecord
from app.services.edit_errors import EditError
from app.services.editing import clean_text, existing
from app.services.progress import TRAFFIC_LIGHT

PLAN_GONE = "Dit plan bestaat niet meer."
MOMENT_GONE = "Dit peilmoment bestaat niet meer."
ACTION_GONE = "Deze actie bestaat niet meer."
NAME_MOST = 200
# Worse to better, for "improved" and "worsened": not achieved, unknown, in progress, achieved.
RANK = {ActionStatus.NOT_ACHIEVED: 0, ActionStatus.UNKNOWN: 1, ActionStatus.IN_PROGRESS: 2,
        ActionStatus.ACHIEVED: 3}

NEW, IMPROVED, WORSENED, ACHIEVED, UNCHANGED = "nieuw", "verbeterd", "verslechterd", "behaald", "ongewijzigd"


@dataclass(frozen=True, slots=True)
class Moment:
    id: int
    name: str
    on: date


@dataclass(frozen=True, slots=True)
class StatusAt:
    """An action's status as of a moment, and where it comes from."""

    action_id: int
    status: ActionStatus
    remark: str
    moment_id: int | None  # the moment it was recorded for (None: never recorded: onbekend)
    recorded_on: date | None

    @property
    def light(self) -> str:
        return TRAFFIC_LIGHT[self.status]


@dataclass(frozen=True, slots=True)
class StatusChange:
    action_id: int
    project_id: int
    description: str
    before: ActionStatus | None  # None: not reported at the previous moment (new)
    after: ActionStatus
    kind: str  # NEW, IMPROVED, WORSENED, ACHIEVED or UNCHANGED

    def text(self) -> str:
        if self.before is None:
            return f"{self.description}: {self.after.value} (nieuw)"
        if self.kind == UNCHANGED:
            return f"{self.description}: {self.after.value}"
        return f"{self.description}: {self.before.value} → {self.after.value} ({self.kind})"


def plan_moments(session: Session, plan: Plan) -> list[Moment]:
    return [Moment(m.id, m.name, m.as_of) for m in session.scalars(
        select(ReportingMoment).where(ReportingMoment.plan_id == plan.id).order_by(ReportingMoment.as_of))]


def _plan(session: Session, plan_id: int) -> Plan:
    return existing(session, Plan, plan_id, PLAN_GONE)


def add_moment(workspace, plan_id: int, on: date, name: str = "") -> int:
    """A new reporting moment; its name defaults to "Stand op dd-mm-jjjj". Two on one day: refused."""
    if not isinstance(on, date):
        raise EditError("Een peilmoment heeft een datum nodig (stand op), bijvoorbeeld 01-07-2022.")
    with workspace.transaction() as session:
        _plan(session, plan_id)
        taken = session.scalar(select(ReportingMoment.name).where(ReportingMoment.plan_id == plan_id,
                                                                  ReportingMoment.as_of == on))
        if taken is not None:
            raise EditError(f"Er is al een peilmoment op {on:%d-%m-%Y}: “{taken}”. Kies een andere datum.")
        moment = ReportingMoment(plan_id=plan_id, as_of=on,
                                 name=clean_text(name, "De naam", NAME_MOST, collapse=True) or f"Stand op {on:%d-%m-%Y}")
        session.add(moment)
        session.flush()
        return moment.id


def delete_moment(workspace, moment_id: int) -> tuple[dict, list[dict]]:
    """Delete a moment with its records; returns them for :func:`restore_moment`."""
    with workspace.transaction() as session:
        moment = existing(session, ReportingMoment, moment_id, MOMENT_GONE)
        row = {c.key: getattr(moment, c.key) for c in ReportingMoment.__table__.c}
        table = StatusRecord.__table__
        records = [dict(r._mapping) for r in session.execute(select(table).where(table.c.moment_id == moment_id))]
        session.execute(delete(table).where(table.c.moment_id == moment_id))
        session.delete(moment)
        return row, records


def restore_moment(workspace, snapshot: tuple[dict, list[dict]]) -> None:
    row, records = snapshot
    with workspace.transaction() as session:
        _plan(session, row["plan_id"])
        session.execute(insert(ReportingMoment.__table__), [row])
        if records:
            session.execute(insert(StatusRecord.__table__), records)


def record_status(workspace, action_id: int, moment_id: int, status: ActionStatus, remark: str | None = None,
                  today: date | None = None) -> tuple | None:
    """Record an action's status (and remark) for a moment; returns the old record
    (status, remark, recorded_on) or None, for the undo (:func:`restore_record`)."""
    today = today or date.today()
    if not isinstance(status, ActionStatus):
        raise EditError("Kies een status: onbekend, in behandeling, behaald of niet behaald.")
    with workspace.transaction() as session:
        action = existing(session, Action, action_id, ACTION_GONE)
        moment = existing(session, ReportingMoment, moment_id, MOMENT_GONE)
        plan_id = session.scalar(select(Chapter.plan_id).join(Project.chapter).where(Project.id == action.project_id))
        if plan_id != moment.plan_id:
            raise EditError("Dit peilmoment hoort bij een ander plan dan deze actie.")
        record = session.scalar(select(StatusRecord).where(StatusRecord.action_id == action_id,
                                                           StatusRecord.moment_id == moment_id))
        old = (record.status, record.remark, record.recorded_on) if record is not None else None
        remark = clean_text(remark if remark is not None else (record.remark if record else ""), "De opmerking",
                            5000)
        if record is None:
            session.add(StatusRecord(action_id=action_id, moment_id=moment_id, status=status, remark=remark,
                                     recorded_on=today))
        else:
            record.status, record.remark, record.recorded_on = status, remark, today
        later = session.scalar(select(StatusRecord.id).join(ReportingMoment, ReportingMoment.id == StatusRecord.moment_id)
                               .where(StatusRecord.action_id == action_id, ReportingMoment.as_of > moment.as_of)
                               .limit(1))
        if later is None:  # no later record: this is the action's status now, as the editors show it
            action.status, action.remark, action.updated_on = status, remark, today
        return old


def action_state(workspace, action_id: int) -> tuple:
    """The action's own (status, remark, updated_on): what a record may change, for its undo."""
    with workspace.session() as session:
        action = existing(session, Action, action_id, ACTION_GONE)
        return action.status, action.remark, action.updated_on


def restore_record(workspace, action_id: int, moment_id: int, old: tuple | None,
                   action: tuple | None = None) -> None:
    """The undo of :func:`record_status`: the old record back, or none; with ``action`` (its
    :func:`action_state` before) the action's own status, remark and day of last update too, in
    the same transaction (bookkeeping: an adopted plan's actions included)."""
    with workspace.transaction() as session:
        if action is not None:
            found = existing(session, Action, action_id, ACTION_GONE)
            found.status, found.remark, found.updated_on = action
        record = session.scalar(select(StatusRecord).where(StatusRecord.action_id == action_id,
                                                           StatusRecord.moment_id == moment_id))
        if old is None:
            if record is not None:
                session.delete(record)
            return
        status, remark, recorded_on = old
        if record is None:
            session.add(StatusRecord(action_id=action_id, moment_id=moment_id, status=status, remark=remark,
                                     recorded_on=recorded_on))
        else:
            record.status, record.remark, record.recorded_on = status, remark, recorded_on


def statuses_at(session: Session, plan: Plan, moment_id: int) -> dict[int, StatusAt]:
    """Every action of the plan as of the moment: its record for it, else its latest before it."""
    moment = existing(session, ReportingMoment, moment_id, MOMENT_GONE)
    actions = session.scalars(select(Action.id).join(Action.project).join(Project.chapter)
                              .where(Chapter.plan_id == plan.id))
    # Each action's latest record up to the moment, picked by the database (one row per action,
    # not one per action per earlier moment).
    latest = (select(StatusRecord.action_id, StatusRecord.status, StatusRecord.remark, StatusRecord.moment_id,
                     StatusRecord.recorded_on,
                     func.row_number().over(partition_by=StatusRecord.action_id,
                                            order_by=ReportingMoment.as_of.desc()).label("newest"))
              .join(ReportingMoment, ReportingMoment.id == StatusRecord.moment_id)
              .where(ReportingMoment.plan_id == plan.id, ReportingMoment.as_of <= moment.as_of)).subquery()
    rows = session.execute(select(latest.c.action_id, latest.c.status, latest.c.remark, latest.c.moment_id,
                                  latest.c.recorded_on).where(latest.c.newest == 1))
    recorded = {row[0]: StatusAt(*row) for row in rows}
    never = StatusAt(0, ActionStatus.UNKNOWN, "", None, None)
    return {action_id: recorded.get(action_id) or replace(never, action_id=action_id) for action_id in actions}


def previous_moment(session: Session, plan: Plan, moment_id: int) -> Moment | None:
    moments = plan_moments(session, plan)
    index = next((i for i, m in enumerate(moments) if m.id == moment_id), None)
    if index is None:
        raise EditError(MOMENT_GONE)
    return moments[index - 1] if index > 0 else None


def changes_since_previous(session: Session, plan: Plan, moment_id: int,
                           now: dict[int, StatusAt] | None = None) -> list[StatusChange]:
    """Per action (in the plan's order): how its status at this moment compares with the previous
    moment's. The first moment compares with nothing: every reported action is new. ``now``: the
    statuses at this moment, when the caller has them already."""
    now = now if now is not None else statuses_at(session, plan, moment_id)
    before_moment = previous_moment(session, plan, moment_id)
    before = statuses_at(session, plan, before_moment.id) if before_moment is not None else {}
    actions = session.execute(
        select(Action.id, Action.project_id, Action.description).join(Action.project).join(Project.chapter)
        .where(Chapter.plan_id == plan.id).order_by(Chapter.position, Project.position, Action.position, Action.id))
    changes = []
    for action_id, project_id, description in actions:
        after = now[action_id]
        if after.moment_id is None:
            continue  # never reported: nothing to say about it
        was = before.get(action_id)
        if was is None or was.moment_id is None:
            changes.append(StatusChange(action_id, project_id, description, None, after.status, NEW))
            continue
        if after.status is ActionStatus.ACHIEVED and was.status is not ActionStatus.ACHIEVED:
            kind = ACHIEVED
        elif RANK[after.status] > RANK[was.status]:
            kind = IMPROVED
        elif RANK[after.status] < RANK[was.status]:
            kind = WORSENED
        else:
            kind = UNCHANGED
        changes.append(StatusChange(action_id, project_id, description, was.status, after.status, kind))
    return changes


def project_lights_at(session: Session, plan: Plan, moment_id: int) -> dict[int, dict[ActionStatus, int]]:
    """Per project, its actions counted per status as of the moment (the traffic light per moment)."""
    statuses = statuses_at(session, plan, moment_id)
    counts: dict[int, dict[ActionStatus, int]] = {}
    for action_id, project_id in session.execute(
            select(Action.id, Action.project_id).join(Action.project).join(Project.chapter)
            .where(Chapter.plan_id == plan.id)):
        counts.setdefault(project_id, dict.fromkeys(ActionStatus, 0))[statuses[action_id].status] += 1
    return counts


def moments_json(session: Session, plan: Plan) -> list[dict]:
    """The plan's reporting moments for ``summary --json``, by date: per moment its day, how many
    statuses were recorded for it, every action's status as of it (counted per status) and what
    changed since the previous moment (counted per kind: nieuw, verbeterd, ...)."""
    found = []
    for moment in plan_moments(session, plan):
        statuses = statuses_at(session, plan, moment.id)
        counts = dict.fromkeys((s.value for s in ActionStatus), 0)
        for at in statuses.values():
            counts[at.status.value] += 1
        changes = dict.fromkeys((NEW, IMPROVED, WORSENED, ACHIEVED, UNCHANGED), 0)
        for change in changes_since_previous(session, plan, moment.id, statuses):
            changes[change.kind] += 1
        found.append({"name": moment.name, "as_of": moment.on.isoformat(),
                      "recorded": sum(1 for at in statuses.values() if at.moment_id == moment.id),
                      "statuses": counts, "changes_since_previous": changes})
    return found
