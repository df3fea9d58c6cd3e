"""The region, its municipalities, named subsets (H10, H8) and allocation keys."""
from __future__ import annotations

import enum
from decimal import Decimal

from sqlalchemy import Column, Enum, ForeignKey, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import TABLE_OPTIONS, Base
from app.models.types import ScaledDecimal


class Region(Base):
    __tablename__ = "region"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))

    municipalities: Mapped[list[Municipality]] = relationship(
        back_populates="region", order_by="Municipality.position", cascade="all, delete-orphan"
    )
    municipality_sets: Mapped[list[MunicipalitySet]] = relationship(
        back_populates="region", order_by="MunicipalitySet.position", cascade="all, delete-orphan"
    )
    allocation_keys: Mapped[list[AllocationKey]] = relationship(
        back_populates="region", cascade="all, delete-orphan"
    )
    ambitions: Mapped[list[Ambition]] = relationship(
        back_populates="region", order_by="Ambition.position", cascade="all, delete-orphan"
    )


class Ambition(Base):
    """An ambition of the regional vision (Regiovisie) that projects serve; kept per region,
    so every plan of the region, and its amendments, refer to the same list."""

    __tablename__ = "ambition"

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("region.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    text: Mapped[str] = mapped_column(String(300))

    region: Mapped[Region] = relationship(back_populates="ambitions")


class ProjectAmbition(Base):
    """A project serves an ambition (a project may serve several)."""

    __tablename__ = "project_ambition"

    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"), primary_key=True)
    ambition_id: Mapped[int] = mapped_column(
        ForeignKey("ambition.id", ondelete="CASCADE"), primary_key=True, index=True)


class Municipality(Base):
    __tablename__ = "municipality"
    __table_args__ = (UniqueConstraint("region_id", "name"), TABLE_OPTIONS)

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("region.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(default=0)
    name: Mapped[str] = mapped_column(String(200))

    region: Mapped[Region] = relationship(back_populates="municipalities")


municipality_set_member = Table(
    "municipality_set_member",
    Base.metadata,
    Column("set_id", ForeignKey("municipality_set.id", ondelete="CASCADE"), primary_key=True),
    Column("municipality_id", ForeignKey("municipality.id", ondelete="CASCADE"), primary_key=True),
)


class MunicipalitySet(Base):
    """A named group of municipalities that shares a cost, e.g. H10 or H8."""

    __tablename__ = "municipality_set"
    __table_args__ = (UniqueConstraint("region_id", "code"), TABLE_OPTIONS)

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("region.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(default=0)
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))

    region: Mapped[Region] = relationship(back_populates="municipality_sets")
    members: Mapped[list[Municipality]] = relationship(
        secondary=municipality_set_member, order_by="Municipality.position"
    )


class KeyMethod(enum.Enum):
    PERCENTAGE = "percentage"  # shares typed as percentages
    BASIS = "basis"  # shares derived from a basis figure such as population


class AllocationKey(Base):
    """A verdeelsleutel: each municipality's share of a shared cost."""

    __tablename__ = "allocation_key"

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("region.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    method: Mapped[KeyMethod] = mapped_column(
        Enum(KeyMethod, native_enum=False, length=20, values_callable=lambda e: [m.value for m in e]),
        default=KeyMethod.BASIS,
    )
    basis_label: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    # Example figures (the demo's inhabitants): every view of contributions says so.
    example: Mapped[bool] = mapped_column(default=False, server_default="0")

    region: Mapped[Region] = relationship(back_populates="allocation_keys")
    shares: Mapped[list[KeyShare]] = relationship(
        back_populates="key", cascade="all, delete-orphan", order_by="KeyShare.id"
    )


class KeyShare(Base):
    __tablename__ = "key_share"
    __table_args__ = (UniqueConstraint("key_id", "municipality_id"), TABLE_OPTIONS)

    id: Mapped[int] = mapped_column(primary_key=True)
    key_id: Mapped[int] = mapped_column(ForeignKey("allocation_key.id", ondelete="CASCADE"))
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipality.id", ondelete="CASCADE"))
    # Basis figure (e.g. inhabitants) when the key is derived from one.
    basis: Mapped[int | None] = mapped_column(default=None)
    # Percentage with two decimals when the key is typed as percentages.
    percentage: Mapped[Decimal | None] = mapped_column(ScaledDecimal(2), default=None)

    key: Mapped[AllocationKey] = relationship(back_populates="shares")
    municipality: Mapped[Municipality] = relationship()
