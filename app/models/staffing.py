"""Formatie and personele inzet: roles with fte, named people, dagdelen per project."""
from __future__ import annotations

from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import TABLE_OPTIONS, Base
from app.models.types import ScaledDecimal


class Role(Base):
    """A role in the programme office with its fte and the part for execution.

    Stored in the table "capacity" (its first name): ``capacity_id`` columns refer to it.
    """

    __tablename__ = "capacity"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    role: Mapped[str] = mapped_column(String(200))
    fte: Mapped[Decimal] = mapped_column(ScaledDecimal(2))
    # "waarvan 0,4 voor uitvoering": the part of the fte counted as execution capacity.
    execution_fte: Mapped[Decimal] = mapped_column(ScaledDecimal(2))


class Person(Base):
    """A named member of staff (optional), with the dagdelen they have available."""

    __tablename__ = "person"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    name: Mapped[str] = mapped_column(String(200))
    capacity_id: Mapped[int | None] = mapped_column(
        ForeignKey("capacity.id", ondelete="SET NULL"), default=None
    )
    available_half_days: Mapped[Decimal] = mapped_column(ScaledDecimal(1), default=Decimal("0.0"))

    role: Mapped[Role | None] = relationship()


class Allocation(Base):
    """Dagdelen per week on a project (or general work), of a role, a person or the office."""

    __tablename__ = "allocation"
    __table_args__ = (CheckConstraint("half_days >= 0", name="half_days_not_negative"), TABLE_OPTIONS)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"), index=True)
    # Neither set: the programme office as a whole, as the 2022 staffing table has it.
    capacity_id: Mapped[int | None] = mapped_column(
        ForeignKey("capacity.id", ondelete="CASCADE"), default=None
    )
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), default=None
    )
    half_days: Mapped[Decimal] = mapped_column(ScaledDecimal(1))

    project: Mapped["Project"] = relationship()  # noqa: F821
    role: Mapped[Role | None] = relationship()
    person: Mapped[Person | None] = relationship()
