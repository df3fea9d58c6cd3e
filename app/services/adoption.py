"""Adopting a plan (vaststellen): a date and a body (BOJ, DO, ...), after which the plan is
read-only. An adopted amendment supersedes the plan it amends: that plan stays readable and is
marked as superseded, and the year's figures are the amendment's from then on.

A scenario is never adopted as such (it is a "what if"); adopt an amendment made from it.
The year's bookkeeping (realisatie, forecasts, reporting moments) moves with the figures to the
adopted amendment (app.services.bookkeeping_move); the undo moves it back.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Plan, PlanKind, PlanStatus
from app.services.edit_errors import EditError

MAX_BODY = 100  # the column's length


@dataclass(frozen=True)
class Adoption:
    """A plan's adoption state, as an undo puts it back."""

    status: PlanStatus
    adopted_on: date | None
    adopted_by: str
    moved: object = field(default=None, compare=False)  # bookkeeping moved to it (bookkeeping_move.Moved)


def adopt_plan(workspace, plan_id: int, adopted_on, adopted_by: str) -> Adoption:
    """Adopt the plan on ``adopted_on`` (a date or Dutch "11-11-2021") by ``adopted_by``;
    returns the state before, for the undo (:func:`restore_adoption`)."""
    from app.services.project_edit import parse_date_nl

    body = " ".join((adopted_by or "").split())
    if not body:
        raise EditError("Geef aan wie het plan vaststelt, bijvoorbeeld BOJ.")
    if len(body) > MAX_BODY:
        raise EditError(f"“{body[:30]}…” is langer dan {MAX_BODY} tekens.")
    when = parse_date_nl(adopted_on)
    if when is None:
        raise EditError("Geef de datum van vaststelling, bijvoorbeeld 11-11-2021.")
    if not 1900 <= when.year <= 2200:
        raise EditError(f"{when:%d-%m-%Y} ligt niet tussen 1900 en 2200.")
    with workspace.transaction() as session:
        plan = session.get(Plan, plan_id)
        if plan is None:
            raise EditError("Dit plan bestaat niet meer.")
        if plan.kind is PlanKind.SCENARIO:
            raise EditError(f"“{plan.title}” is een scenario en wordt niet vastgesteld. Maak er een "
                            "wijziging van en stel die vast.")
        if plan.status is PlanStatus.ADOPTED:
            raise EditError(f"“{plan.title}” is al vastgesteld.")
        moved = None
        if plan.kind is PlanKind.AMENDMENT and plan.based_on_id is not None:
            from app.services.bookkeeping_move import move_bookkeeping

            moved = move_bookkeeping(session, plan.based_on_id, plan.id)
        old = Adoption(plan.status, plan.adopted_on, plan.adopted_by, moved)
        plan.status, plan.adopted_on, plan.adopted_by = PlanStatus.ADOPTED, when, body
    return old


def restore_adoption(workspace, plan_id: int, state: Adoption) -> None:
    """Put the plan's adoption state back (the undo of :func:`adopt_plan`)."""
    with workspace.transaction() as session:
        plan = session.get(Plan, plan_id)
        if plan is None:
            raise EditError("Dit plan bestaat niet meer.")
        plan.status, plan.adopted_on, plan.adopted_by = state.status, state.adopted_on, state.adopted_by
        if state.moved:
            from app.services.bookkeeping_move import move_back

            move_back(session, state.moved)


def superseding(session: Session, plan_id: int) -> Plan | None:
    """The adopted amendment that supersedes this plan (the newest adopted), or None."""
    return session.scalars(select(Plan).where(
        Plan.based_on_id == plan_id, Plan.kind == PlanKind.AMENDMENT, Plan.status == PlanStatus.ADOPTED)
        .order_by(Plan.adopted_on.desc(), Plan.id.desc())).first()


def current_plan(session: Session, plan: Plan) -> Plan:
    """The plan that holds the year's figures now: the plan, or the adopted amendment that
    supersedes it (and so on, if that one was amended and adopted in turn)."""
    seen = {plan.id}
    while (newer := superseding(session, plan.id)) is not None and newer.id not in seen:
        seen.add(newer.id)
        plan = newer
    return plan

