"""Peilmomenten: the moments a region reports progress ("Voortgangsrapportage 1 juli 2022"), and
each action's status and remark recorded for a moment; and a recurring action's status per
occurrence ("maandelijks": its status for november 2022).

Progress bookkeeping, not plan content: an adopted plan takes records too. A record made later
for an earlier moment (catching up) keeps the day it was made (``recorded_on``)."""
from __future__ import annotations

from datetime import date

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import TABLE_OPTIONS, Base
from app.models.plan import ActionStatus, _enum


class ReportingMoment(Base):
    __tablename__ = "reporting_moment"
    __table_args__ = (UniqueConstraint("plan_id", "as_of"), TABLE_OPTIONS)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    as_of: Mapped[date]  # "stand op": the day the statuses are as of


class StatusRecord(Base):
    """An action's status and remark as of a reporting moment."""

    __tablename__ = "status_record"
    __table_args__ = (UniqueConstraint("action_id", "moment_id"), TABLE_OPTIONS)

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("action.id", ondelete="CASCADE"), index=True)
    moment_id: Mapped[int] = mapped_column(ForeignKey("reporting_moment.id", ondelete="CASCADE"), index=True)
    status: Mapped[ActionStatus] = mapped_column(_enum(ActionStatus))
    remark: Mapped[str] = mapped_column(Text, default="")
    recorded_on: Mapped[date]  # the day it was entered (later than the moment when caught up)


class ActionOccurrence(Base):
    """A recurring action's status and remark for one of its occurrences (app.services.recurring),
    named by the occurrence's first day; an occurrence without a row has status onbekend."""

    __tablename__ = "action_occurrence"
    __table_args__ = (UniqueConstraint("action_id", "period_start"), TABLE_OPTIONS)

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("action.id", ondelete="CASCADE"), index=True)
    period_start: Mapped[date]
    status: Mapped[ActionStatus] = mapped_column(_enum(ActionStatus))
    remark: Mapped[str] = mapped_column(Text, default="")
    recorded_on: Mapped[date]
