"""Declarative base with a naming convention so Alembic migrations stay stable."""
from __future__ import annotations

from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


# Ids are never reused (SQLite AUTOINCREMENT): undo puts deleted rows back with their
# own ids, which must still be free however much was added since.
TABLE_OPTIONS = {"sqlite_autoincrement": True}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    __table_args__ = TABLE_OPTIONS


def copied_from(table: str):
    """The row of another plan this row was copied from (an amendment's, a scenario's or next
    year's copy): how a comparison knows a line that was renamed or moved is still the same line.
    Cleared when that row is deleted; indexed because a delete looks for the copies."""
    from sqlalchemy import ForeignKey
    from sqlalchemy.orm import mapped_column

    return mapped_column(ForeignKey(f"{table}.id", ondelete="SET NULL"), default=None, index=True)
