"""Begroting, dekking and the overige vaste regioverrekeningen."""
from __future__ import annotations

import enum
from decimal import Decimal

from sqlalchemy import CheckConstraint, Enum, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import TABLE_OPTIONS, Base, copied_from
from app.models.types import Money


class Marker(enum.Enum):
    """A year cell that holds a word instead of an amount. Never counted as money."""

    PM = "PM"  # pro memorie: amount not yet known
    IDEM = "id."  # the same as the year before
    ONGOING = "doorlopend"  # continues


class FundingKind(enum.Enum):
    """Who pays a dekking source: the municipalities through the key, or someone else."""

    MUNICIPAL = "municipal"  # "reguliere regiobegroting", "inleg gemeenten": split by the key
    OTHER = "other"  # rijksmiddelen, a fund, underspend, a reserve: lowers what the key splits


class BudgetGroup(Base):
    """A group in the budget tree ("1. Regionale netwerksamenwerking", "Beter Samenspel")."""

    __tablename__ = "budget_group"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("budget_group.id", ondelete="CASCADE"), default=None, index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    number: Mapped[str] = mapped_column(String(20), default="")
    name: Mapped[str] = mapped_column(String(300))
    # The published plan prints a subtotal under some groups only.
    shows_subtotal: Mapped[bool] = mapped_column(default=False)
    municipality_set_id: Mapped[int | None] = mapped_column(
        ForeignKey("municipality_set.id", ondelete="SET NULL"), default=None
    )
    copied_from_id: Mapped[int | None] = copied_from("budget_group")

    parent: Mapped[BudgetGroup | None] = relationship(
        remote_side=[id], back_populates="children", foreign_keys=[parent_id])
    # The database deletes the rows below a deleted parent (ON DELETE CASCADE).
    children: Mapped[list[BudgetGroup]] = relationship(
        back_populates="parent", order_by="BudgetGroup.position", passive_deletes=True,
        foreign_keys=[parent_id]
    )
    lines: Mapped[list[BudgetLine]] = relationship(
        back_populates="group", cascade="all, delete-orphan", order_by="BudgetLine.position"
    )


class BudgetLine(Base):
    __tablename__ = "budget_line"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("budget_group.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    name: Mapped[str] = mapped_column(String(300))
    project_id: Mapped[int | None] = mapped_column(
        ForeignKey("project.id", ondelete="SET NULL"), default=None
    )
    # None: shared by the line's group set, or else by all municipalities of the region.
    municipality_set_id: Mapped[int | None] = mapped_column(
        ForeignKey("municipality_set.id", ondelete="SET NULL"), default=None
    )
    note: Mapped[str] = mapped_column(Text, default="")
    # The footnote number the source gave the line's note (None: numbered after the highest given).
    note_number: Mapped[int | None] = mapped_column(default=None)
    copied_from_id: Mapped[int | None] = copied_from("budget_line")

    group: Mapped[BudgetGroup] = relationship(back_populates="lines")
    cells: Mapped[list[BudgetCell]] = relationship(
        back_populates="line", cascade="all, delete-orphan", order_by="BudgetCell.year"
    )


class BudgetCell(Base):
    """One year of a line: an exact amount, or a marker, never both. No row: empty."""

    __tablename__ = "budget_cell"
    __table_args__ = (
        UniqueConstraint("line_id", "year"),
        CheckConstraint(
            "(amount IS NULL) OR (marker IS NULL)", name="amount_or_marker"
        ),
        # The marker cells alone (a few per cent): the problems list reads them without
        # stepping through every cell of the plan.
        Index("ix_budget_cell_marker", "line_id", "year", sqlite_where=text("marker IS NOT NULL"),
              postgresql_where=text("marker IS NOT NULL")),
        TABLE_OPTIONS,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    line_id: Mapped[int] = mapped_column(ForeignKey("budget_line.id", ondelete="CASCADE"))
    year: Mapped[int]
    amount: Mapped[Decimal | None] = mapped_column(Money(), default=None)
    marker: Mapped[Marker | None] = mapped_column(
        Enum(Marker, native_enum=False, length=20, values_callable=lambda e: [m.value for m in e]),
        default=None,
    )
    note: Mapped[str] = mapped_column(Text, default="")
    note_number: Mapped[int | None] = mapped_column(default=None)  # as for a line's note
    # The marker as the source wrote it ("id" where the plan prints no dot); "": as the marker.
    marker_text: Mapped[str] = mapped_column(String(20), default="", server_default="")

    line: Mapped[BudgetLine] = relationship(back_populates="cells")


class FundingSource(Base):
    """A source of dekking, e.g. "reguliere regiobegroting"."""

    __tablename__ = "funding_source"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    name: Mapped[str] = mapped_column(String(300))
    note: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[FundingKind] = mapped_column(
        Enum(FundingKind, native_enum=False, length=20, values_callable=lambda e: [m.value for m in e]),
        default=FundingKind.MUNICIPAL, server_default=FundingKind.MUNICIPAL.value)
    # Other funding for one group or line: it lowers that part before it is split over the
    # part's own municipalities. Neither: it lowers every line pro rata.
    earmark_group_id: Mapped[int | None] = mapped_column(
        ForeignKey("budget_group.id", ondelete="SET NULL"), default=None)
    earmark_line_id: Mapped[int | None] = mapped_column(
        ForeignKey("budget_line.id", ondelete="SET NULL"), default=None)
    copied_from_id: Mapped[int | None] = copied_from("funding_source")

    amounts: Mapped[list[FundingAmount]] = relationship(
        back_populates="source", cascade="all, delete-orphan", order_by="FundingAmount.year"
    )


class FundingAmount(Base):
    __tablename__ = "funding_amount"
    __table_args__ = (UniqueConstraint("source_id", "year"), TABLE_OPTIONS)

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("funding_source.id", ondelete="CASCADE"))
    year: Mapped[int]
    amount: Mapped[Decimal] = mapped_column(Money())

    source: Mapped[FundingSource] = relationship(back_populates="amounts")


class PrintedTotal(Base):
    """A subtotal (of a group) or the grand total (no group) as the source document printed it,
    kept beside the one Planbord computes so a difference is found, never silently used."""

    __tablename__ = "printed_total"
    __table_args__ = (UniqueConstraint("plan_id", "group_id", "year"), TABLE_OPTIONS)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    group_id: Mapped[int | None] = mapped_column(
        ForeignKey("budget_group.id", ondelete="CASCADE"), default=None, index=True)
    year: Mapped[int]
    amount: Mapped[Decimal] = mapped_column(Money())


class FixedSettlement(Base):
    """An "overige vaste regioverrekening": a cost settled from local funds, with its scope."""

    __tablename__ = "fixed_settlement"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    name: Mapped[str] = mapped_column(String(300))
    municipality_set_id: Mapped[int | None] = mapped_column(
        ForeignKey("municipality_set.id", ondelete="SET NULL"), default=None
    )
    note: Mapped[str] = mapped_column(Text, default="")

    amounts: Mapped[list[FixedSettlementAmount]] = relationship(
        back_populates="settlement", cascade="all, delete-orphan", order_by="FixedSettlementAmount.year"
    )
    municipality_set: Mapped["MunicipalitySet | None"] = relationship()  # noqa: F821


class FixedSettlementAmount(Base):
    __tablename__ = "fixed_settlement_amount"
    __table_args__ = (UniqueConstraint("settlement_id", "year"), TABLE_OPTIONS)

    id: Mapped[int] = mapped_column(primary_key=True)
    settlement_id: Mapped[int] = mapped_column(ForeignKey("fixed_settlement.id", ondelete="CASCADE"))
    year: Mapped[int]
    amount: Mapped[Decimal] = mapped_column(Money())

    settlement: Mapped[FixedSettlement] = relationship(back_populates="amounts")
