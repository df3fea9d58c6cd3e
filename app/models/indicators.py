"""The monitor: a region's indicators (clients per organisation, waiting times, spending per
inhabitant) with their values per year and their targets. Not budget: an indicator is never
charted as euros unless its unit is euros, never added to a saldo, and a non-additive one (unique
clients) never shows a sum."""
from __future__ import annotations

import enum
from decimal import Decimal

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import TABLE_OPTIONS, Base
from app.models.plan import _enum
from app.models.types import ScaledDecimal


class IndicatorUnit(enum.Enum):
    NUMBER = "aantal"
    CLIENTS = "cliënten"
    PERCENTAGE = "percentage"
    EURO = "euro"
    DAYS = "dagen"


class Breakdown(enum.Enum):
    NONE = "geen"  # one value per year
    MUNICIPALITY = "gemeente"
    ORGANISATION = "organisatie"


class Indicator(Base):
    __tablename__ = "indicator"
    __table_args__ = (UniqueConstraint("region_id", "name"), TABLE_OPTIONS)

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("region.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    name: Mapped[str] = mapped_column(String(200))
    unit: Mapped[IndicatorUnit] = mapped_column(_enum(IndicatorUnit), default=IndicatorUnit.NUMBER)
    # Whether values of members add up to a whole (spending: yes; unique clients: no).
    additive: Mapped[bool] = mapped_column(default=False)
    breakdown: Mapped[Breakdown] = mapped_column(_enum(Breakdown), default=Breakdown.NONE)
    source: Mapped[str] = mapped_column(String(300), default="")  # where the figures come from
    definition: Mapped[str] = mapped_column(Text, default="")  # what is counted, how


class IndicatorValue(Base):
    """A value for a year, of the whole (member "") or of a municipality or organisation."""

    __tablename__ = "indicator_value"
    __table_args__ = (UniqueConstraint("indicator_id", "year", "member"), TABLE_OPTIONS)

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicator.id", ondelete="CASCADE"), index=True)
    year: Mapped[int]
    member: Mapped[str] = mapped_column(String(200), default="")  # the municipality or organisation; "": the whole
    value: Mapped[Decimal] = mapped_column(ScaledDecimal(2))
    note: Mapped[str] = mapped_column(Text, default="")


class IndicatorTarget(Base):
    """The target (or norm) of a year, for the whole."""

    __tablename__ = "indicator_target"
    __table_args__ = (UniqueConstraint("indicator_id", "year"), TABLE_OPTIONS)

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicator.id", ondelete="CASCADE"), index=True)
    year: Mapped[int]
    value: Mapped[Decimal] = mapped_column(ScaledDecimal(2))
