"""Realisatie: what was actually spent against a plan's budget lines, ordered and not yet paid
(verplichtingen), and received from its funding sources; and a forecast typed for a line.

Bookkeeping, not plan content: entries may be added to an adopted plan (the budget it was
adopted with stays as it was). An entry counts in the budget ``year`` it is booked for, which is
usually, not always, the year of its date (an invoice of December paid in January)."""
from __future__ import annotations

import enum
from datetime import date
from decimal import Decimal

from sqlalchemy import CheckConstraint, Enum, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import TABLE_OPTIONS, Base
from app.models.types import Money


class ActualKind(enum.Enum):
    REALISED = "realisatie"  # spent (a line) or received (a funding source)
    COMMITTED = "verplichting"  # ordered, not yet paid: a line only


class ActualEntry(Base):
    """One booking: on a budget line (costs) or a funding source (income), never both. Amounts
    may be negative (a credit note, a refund)."""

    __tablename__ = "actual_entry"
    __table_args__ = (
        CheckConstraint("(line_id IS NULL) <> (source_id IS NULL)", name="line_or_source"),
        CheckConstraint("source_id IS NULL OR kind = 'realisatie'", name="income_is_realised"),
        TABLE_OPTIONS,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    line_id: Mapped[int | None] = mapped_column(
        ForeignKey("budget_line.id", ondelete="CASCADE"), index=True, default=None)
    source_id: Mapped[int | None] = mapped_column(
        ForeignKey("funding_source.id", ondelete="CASCADE"), index=True, default=None)
    kind: Mapped[ActualKind] = mapped_column(
        Enum(ActualKind, native_enum=False, length=20, values_callable=lambda e: [m.value for m in e]),
        default=ActualKind.REALISED)
    year: Mapped[int]
    booked_on: Mapped[date]
    amount: Mapped[Decimal] = mapped_column(Money())
    description: Mapped[str] = mapped_column(String(300), default="")
    reference: Mapped[str] = mapped_column(String(100), default="")  # invoice or booking number


class LineForecast(Base):
    """The expected spending of a line in a year, as the user typed it (else a linear forecast)."""

    __tablename__ = "line_forecast"
    __table_args__ = (UniqueConstraint("line_id", "year"), TABLE_OPTIONS)

    id: Mapped[int] = mapped_column(primary_key=True)
    line_id: Mapped[int] = mapped_column(ForeignKey("budget_line.id", ondelete="CASCADE"), index=True)
    year: Mapped[int]
    amount: Mapped[Decimal] = mapped_column(Money())
