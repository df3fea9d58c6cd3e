"""Column types that keep exact decimals as integers on disk.

SQLite has no decimal type and SQLAlchemy's Numeric goes through floats there,
so money is stored as integer cents, dagdelen as tenths, fte and percentages as
hundredths. The same columns work unchanged on PostgreSQL (BIGINT).
"""
from __future__ import annotations

from decimal import Decimal

from sqlalchemy import BigInteger
from sqlalchemy.types import TypeDecorator

from app.models.numbers import fixed, from_scaled, money


class ScaledDecimal(TypeDecorator[Decimal]):
    """A Decimal with ``places`` decimals stored as an integer (value * 10**places)."""

    impl = BigInteger
    cache_ok = True

    def __init__(self, places: int) -> None:
        super().__init__()
        self.places = places

    def _check(self, value: object) -> Decimal:
        return fixed(value, self.places)

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        return int(self._check(value).scaleb(self.places))

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return from_scaled(value, self.places)


class Money(ScaledDecimal):
    """Euros as integer cents; refuses floats and more than two decimals."""

    cache_ok = True

    def __init__(self) -> None:
        super().__init__(2)

    def _check(self, value: object) -> Decimal:
        return money(value)


HalfDays = ScaledDecimal  # ScaledDecimal(1): dagdelen per week with one decimal
