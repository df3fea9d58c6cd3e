"""What the Realisatie page reads, as plain data from the services (app.services.actuals and
app.services.depletion), each read in a session of its own.

The services take a session and a plan; the other pages read through ``load_*(workspace,
plan_id)`` functions of their services. Until those exist for the realisatie, these three are
the only place a view of it opens a session (no query, no rule here)."""
from __future__ import annotations


def _read(workspace, plan_id: int, read):
    from app.models import Plan

    with workspace.session() as session:
        plan = session.get(Plan, plan_id)
        return None if plan is None else read(session, plan)


def load_targets(workspace, plan_id: int):
    """The plan's lines and funding sources a booking may go on (app.services.actuals.Targets)."""
    from app.services.actuals import targets

    return _read(workspace, plan_id, targets)


def load_entries(workspace, plan_id: int):
    """(Targets, [EntryRow]) of the plan, by date; None when the plan is gone."""
    from app.services.actuals import plan_entries, targets

    return _read(workspace, plan_id, lambda session, plan: (targets(session, plan), plan_entries(session, plan)))


def load_depletion(workspace, plan_id: int, as_of=None, only_with_entries: bool = False):
    """The plan's uitputting on ``as_of`` (today); None when the plan is gone, or (with
    ``only_with_entries``) when it has no booking: one count, what the status bar pays."""
    from app.services.depletion import has_entries, plan_depletion

    def read(session, plan):
        if only_with_entries and not has_entries(session, plan):
            return None
        return plan_depletion(session, plan, as_of)

    return _read(workspace, plan_id, read)
