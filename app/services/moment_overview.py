"""The progress overview at a reporting moment (peilmoment), as plain data: per project its
actions counted per status as of the moment, overdue on the moment's day, and what changed since
the previous moment; each read in a session of its own (``load_*``), as the views read. Built on
app.services.moments and app.services.progress."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date

from app.models import ActionStatus

# The change words in the order a summary says them ("3 verbeterd, 1 verslechterd, 2 behaald, 1 nieuw").
SUMMARY_ORDER = ("verbeterd", "verslechterd", "behaald", "nieuw")


@dataclass(frozen=True, slots=True)
class MomentAction:
    """An action as of a moment: its status and remark then, where they were recorded, and what
    changed since the previous moment."""

    id: int
    project_id: int
    description: str
    owner: str
    due: str
    status: ActionStatus
    remark: str
    overdue: bool  # due before the moment's day and not achieved then
    recorded_for: str  # the name of the moment it was recorded for; "": never reported
    recorded_on: date | None  # the day it was entered
    own: bool  # recorded for this very moment (not carried from an earlier one)
    change: str  # nieuw, verbeterd, verslechterd, behaald, ongewijzigd; "": not reported
    change_text: str  # the service's sentence ("X: in behandeling → behaald (behaald)")


@dataclass(frozen=True)
class MomentOverview:
    moment: object  # app.services.moments.Moment
    previous: object | None  # the moment before it (None: the first)
    rows: list  # ProgressRow per project, counted as of the moment
    changes: dict[int, Counter] = field(default_factory=dict)  # project id -> change word -> count
    actions: dict[int, list[MomentAction]] = field(default_factory=dict)  # project id -> its actions
    records: int = 0  # statuses recorded for this moment itself


def change_summary(counts: Counter | None) -> str:
    """ "3 verbeterd, 1 verslechterd, 2 behaald, 1 nieuw"; "" when nothing changed."""
    if not counts:
        return ""
    return ", ".join(f"{counts[kind]} {kind}" for kind in SUMMARY_ORDER if counts.get(kind))


def _read(workspace, plan_id: int, read):
    from app.models import Plan

    with workspace.session() as session:
        plan = session.get(Plan, plan_id)
        return None if plan is None else read(session, plan)


def load_moments(workspace, plan_id: int) -> list:
    """The plan's reporting moments by date (app.services.moments.Moment); [] when it is gone."""
    from app.services.moments import plan_moments

    return _read(workspace, plan_id, plan_moments) or []


def load_moment_overview(workspace, plan_id: int, moment_id: int, status: ActionStatus | None = None,
                         owner: str | None = None, chapter_id: int | None = None) -> MomentOverview | None:
    """The progress overview as of the moment: per project its actions counted per status then
    (filtered as the overview filters: status at the moment, owner, chapter), overdue on the
    moment's day, the changes since the previous moment, and every action as of the moment.
    None when the plan or the moment is gone."""
    from app.services import moments as ms
    from app.services.progress import plan_actions, progress_overview

    def read(session, plan):
        found = next((m for m in ms.plan_moments(session, plan) if m.id == moment_id), None)
        if found is None:
            return None
        names = {m.id: m.name for m in ms.plan_moments(session, plan)}
        previous = ms.previous_moment(session, plan, moment_id)
        statuses = ms.statuses_at(session, plan, moment_id)
        changes = {c.action_id: c for c in ms.changes_since_previous(session, plan, moment_id, statuses)}
        base = progress_overview(session, plan, owner=owner, chapter_id=chapter_id, today=found.on)
        every = plan_actions(session, plan, today=found.on)
        wanted_owner = owner.strip().lower() if owner else None
        rows, per_project, actions = [], {}, {}
        for row in base:
            shown = []
            for action in every.get(row.project_id, []):
                at = statuses[action.id]
                change = changes.get(action.id)
                shown.append(MomentAction(
                    action.id, row.project_id, action.description, action.owner, action.due, at.status,
                    at.remark, action.due_date is not None and action.due_date < found.on
                    and at.status is not ActionStatus.ACHIEVED,
                    names.get(at.moment_id, "") if at.moment_id is not None else "", at.recorded_on,
                    at.moment_id == moment_id, change.kind if change else "", change.text() if change else ""))
            actions[row.project_id] = shown
            counted = [a for a in shown if (wanted_owner is None or a.owner.strip().lower() == wanted_owner)
                       and (status is None or a.status is status)]
            counts = dict.fromkeys(ActionStatus, 0)
            for action in counted:
                counts[action.status] += 1
            if (status is not None or wanted_owner) and not counted:
                continue  # no matching action: not what the user asked for
            rows.append(replace(row, counts=counts, overdue=sum(a.overdue for a in counted)))
            per_project[row.project_id] = Counter(a.change for a in counted if a.change)
        records = sum(1 for at in statuses.values() if at.moment_id == moment_id)
        return MomentOverview(found, previous, rows, per_project, actions, records)

    return _read(workspace, plan_id, read)
