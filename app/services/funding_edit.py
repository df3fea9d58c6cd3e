"""Edit operations on the dekking: amounts per source and year, and the sources themselves.

Like the budget operations: validated first, one transaction, and returning
what an undo needs.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select

from app.models import FundingAmount, FundingSource
from app.services.edit_errors import EditError
from app.services.editing import (
    existing,
    insert_at,
    last_per_cell,
    set_positions,
    update_fields,
    writable_plan,
)


@dataclass(frozen=True)
class FundingChange:
    source_id: int
    year: int
    amount: Decimal | None  # None clears the cell


def merged_funding_changes(changes: Sequence[FundingChange]) -> list[FundingChange]:
    """The block as it is written: one change per cell, the last one given."""
    return last_per_cell(changes, lambda c: (c.source_id, c.year))


def _source(session, source_id: int) -> FundingSource:
    return existing(session, FundingSource, source_id, "Deze dekkingsbron bestaat niet meer.")


def set_funding_amounts(workspace, changes: Sequence[FundingChange]) -> list[FundingChange]:
    """Write amounts as one action; returns the old amounts, one per cell, in the order of
    ``merged_funding_changes(changes)``."""
    changes = merged_funding_changes(changes)
    if not changes:
        raise EditError("Er is niets om te wijzigen.")
    with workspace.transaction() as session:
        sources = {c.source_id: _source(session, c.source_id) for c in changes}
        for source in sources.values():
            plan = writable_plan(session, source.plan_id)
            for change in changes:
                if change.source_id == source.id and change.year not in plan.years:
                    raise EditError(f"{change.year} is geen jaar van dit plan.")
        existing = {(a.source_id, a.year): a for a in session.scalars(
            select(FundingAmount).where(FundingAmount.source_id.in_(list(sources))))}
        old = []
        for change in changes:
            row = existing.get((change.source_id, change.year))
            old.append(FundingChange(change.source_id, change.year, row.amount if row else None))
            if change.amount is None:
                if row is not None:
                    session.delete(row)
                    del existing[(change.source_id, change.year)]
            elif row is None:
                row = FundingAmount(source_id=change.source_id, year=change.year, amount=change.amount)
                session.add(row)
                existing[(change.source_id, change.year)] = row
            else:
                row.amount = change.amount
    return old


def set_source_fields(workspace, source_id: int, **fields) -> dict:
    def load(session):
        source = _source(session, source_id)
        return source, source.plan_id

    return update_fields(workspace, load, fields, {"name", "note"}, "Een dekkingsbron heeft een naam nodig.")


@dataclass
class SourceSnapshot:
    index: int
    source: dict
    amounts: list[dict] = field(default_factory=list)


def _ordered(session, plan_id: int) -> list[FundingSource]:
    return list(session.scalars(select(FundingSource).where(FundingSource.plan_id == plan_id)
                                .order_by(FundingSource.position, FundingSource.id)))


def add_source(workspace, plan_id: int, index: int | None = None, name: str = "Nieuwe dekking") -> int:
    with workspace.transaction() as session:
        writable_plan(session, plan_id)
        sources = _ordered(session, plan_id)
        source = FundingSource(plan_id=plan_id, name=name.strip() or "Nieuwe dekking")
        session.add(source)
        insert_at(sources, source, index)
        session.flush()
        return source.id


def delete_source(workspace, source_id: int) -> SourceSnapshot:
    with workspace.transaction() as session:
        source = _source(session, source_id)
        writable_plan(session, source.plan_id)
        sources = _ordered(session, source.plan_id)
        snapshot = SourceSnapshot(
            sources.index(source),
            {c.key: getattr(source, c.key) for c in FundingSource.__mapper__.column_attrs},
            [{c.key: getattr(a, c.key) for c in FundingAmount.__mapper__.column_attrs}
             for a in source.amounts])
        session.delete(source)
        sources.remove(source)
        set_positions(sources)
    return snapshot


def restore_source(workspace, snapshot: SourceSnapshot) -> None:
    with workspace.transaction() as session:
        writable_plan(session, snapshot.source["plan_id"])
        source = FundingSource(**snapshot.source)
        session.add(source)
        session.flush()
        session.add_all(FundingAmount(**row) for row in snapshot.amounts)
        sources = [s for s in _ordered(session, source.plan_id) if s is not source]
        insert_at(sources, source, snapshot.index)
