"""Rows that hang on a row being deleted without being part of what its editor snapshots: the
bookings on a budget line or funding source, a line's typed forecasts, an action's status records
per reporting moment and per occurrence. The database deletes them with their row (ON DELETE CASCADE); a delete's
snapshot takes them along so its undo puts them back, ids and all: an undone delete loses nothing.
"""
from __future__ import annotations

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from app.models.actuals import ActualEntry, LineForecast
from app.models.moments import ActionOccurrence, StatusRecord

# The table of a deleted row -> (the model hanging on it, its column naming that row).
DEPENDENTS = {
    "budget_line": ((ActualEntry, "line_id"), (LineForecast, "line_id")),
    "funding_source": ((ActualEntry, "source_id"),),
    "action": ((StatusRecord, "action_id"), (ActionOccurrence, "action_id")),
}


def take(session: Session, table: str, ids) -> list[tuple[str, list[dict]]]:
    """The rows hanging on rows ``ids`` of ``table``, read before the delete takes them."""
    ids = list(ids)
    taken = []
    if not ids:
        return taken
    for model, column in DEPENDENTS[table]:
        rows = [dict(r._mapping) for r in session.execute(
            select(model.__table__).where(model.__table__.c[column].in_(ids)))]
        if rows:
            taken.append((model.__table__.name, rows))
    return taken


def put_back(session: Session, taken: list[tuple[str, list[dict]]]) -> None:
    """The rows of :func:`take` back, once the rows they hang on are back."""
    from app.models import Base

    session.flush()
    for name, rows in taken:
        session.execute(insert(Base.metadata.tables[name]), [dict(r) for r in rows])
