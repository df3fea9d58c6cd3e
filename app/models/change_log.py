"""Who changed what (issue 22): one row per row an edit wrote, in the edit's own transaction.

A refused edit names the person whose change it ran into ("…, gewijzigd door jan@kantoor-pc om
14:05"): the latest entry for the refused row. ``row_key`` is how a row is found again: its id,
or for a row that comes and goes with its value (a year cell, a funding amount, an allocation)
what the user knows it by (the line and year), so a cell someone cleared still names them.
A plan's entries go with the plan (ON DELETE CASCADE): they describe rows that are gone with it,
and an undone deletion puts them back with the rest of the plan."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import TABLE_OPTIONS, Base


class ChangeLog(Base):
    __tablename__ = "change_log"
    __table_args__ = (Index("ix_change_log_row", "table_name", "row_key"), TABLE_OPTIONS)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime)  # UTC, without a zone: the same on file and server
    who: Mapped[str] = mapped_column(String(120))  # user@computer
    plan_id: Mapped[int | None] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    table_name: Mapped[str] = mapped_column(String(60))
    row_id: Mapped[int | None]
    row_key: Mapped[str] = mapped_column(String(60))
    description: Mapped[str] = mapped_column(String(300))
