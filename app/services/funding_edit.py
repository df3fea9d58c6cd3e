"""Edit operations on the dekking: amounts per source and year, and the sources themselves.

Like the budget operations: validated first, one transaction, and returning
what an undo needs.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select

from app.formatting import format_amount
from app.models import BudgetGroup, BudgetLine, FundingAmount, FundingKind, FundingSource
from app.services.edit_errors import EditError
from app.services.editing import (
    TITLE_MOST,
    Stale,
    clean_text,
    existing,
    insert_at,
    last_per_cell,
    refuse_stale,
    set_positions,
    update_fields,
    writable_plan,
)
from app.services.kept_with import put_back, take


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


def set_funding_amounts(workspace, changes: Sequence[FundingChange],
                        expected: Sequence[FundingChange] | None = None) -> list[FundingChange]:
    """Write amounts as one action; returns the old amounts, one per cell, in the order of
    ``merged_funding_changes(changes)``. ``expected``: the amounts the user saw (an undo: what it
    wrote); where a cell holds another amount now, someone changed it meanwhile and the whole
    action is refused (ConflictError), nothing written."""
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
        # Writers of the same sources take turns (see budget_edit._lock_lines).
        session.execute(select(FundingSource.id).where(FundingSource.id.in_(list(sources))).with_for_update())
        existing = {(a.source_id, a.year): a for a in session.scalars(
            select(FundingAmount).where(FundingAmount.source_id.in_(list(sources))))}
        if expected:
            seen = {(c.source_id, c.year): c.amount for c in expected}
            stale = [(c, existing[(c.source_id, c.year)].amount if (c.source_id, c.year) in existing else None)
                     for c in changes if (c.source_id, c.year) in seen]
            stale = [(c, now) for c, now in stale if now != seen[(c.source_id, c.year)]]
            refuse_stale(session, [Stale("funding_amount", f"{c.source_id}/{c.year}",
                                         f"“{sources[c.source_id].name}” {c.year} is nu "
                                         f"{format_amount(now) or 'leeg'} "
                                         f"(u zag {format_amount(seen[(c.source_id, c.year)]) or 'leeg'})")
                                   for c, now in stale], "de dekking toont nu de nieuwe bedragen")
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


PAYER_FIELDS = {"kind", "earmark_group_id", "earmark_line_id"}


def set_source_fields(workspace, source_id: int, expected: dict | None = None, **fields) -> dict:
    """Name, note, who pays (``kind``) and what other funding is for (``earmark_group_id`` or
    ``earmark_line_id``, of the same plan; only for other funding); returns the old values.
    ``expected``: the values the user saw (an undo: what it wrote); refused (ConflictError) where
    the source holds something else now."""
    def load(session):
        source = _source(session, source_id)
        if PAYER_FIELDS & set(fields):
            _check_payer(session, source, {**{f: getattr(source, f) for f in PAYER_FIELDS}, **fields})
        return source, source.plan_id

    return update_fields(workspace, load, fields, {"name", "note"} | PAYER_FIELDS,
                         "Een dekkingsbron heeft een naam nodig.", expected, "de dekkingsbron",
                         lambda source: f"dekkingsbron “{source.name}”", "de dekking toont nu de nieuwe waarden")


def _check_payer(session, source: FundingSource, after: dict) -> None:
    if not isinstance(after["kind"], FundingKind):
        raise EditError("Kies wie deze dekking betaalt: de gemeenten (via de verdeelsleutel) of anderen.")
    if after["earmark_group_id"] is not None and after["earmark_line_id"] is not None:
        raise EditError("Bestem de dekking voor één groep of één post, niet voor beide.")
    earmarked = after["earmark_group_id"] is not None or after["earmark_line_id"] is not None
    if earmarked and after["kind"] is FundingKind.MUNICIPAL:
        raise EditError(f"“{source.name}” wordt door de gemeenten betaald en gaat over alle posten; alleen "
                        "dekking van anderen kan voor één groep of post bestemd zijn.")
    if after["earmark_group_id"] is not None:
        group = session.get(BudgetGroup, after["earmark_group_id"])
        if group is None or group.plan_id != source.plan_id:
            raise EditError("Die groep staat niet in de begroting van dit plan.")
    if after["earmark_line_id"] is not None:
        line = session.get(BudgetLine, after["earmark_line_id"])
        if line is None or line.group.plan_id != source.plan_id:
            raise EditError("Die post staat niet in de begroting van dit plan.")


def earmark_for(workspace, plan_id: int, text: str) -> dict:
    """The earmark fields for a typed group or line name ("" or "alle posten": none)."""
    wanted = " ".join((text or "").split()).casefold()
    if wanted in ("", "alle posten", "alles"):
        return {"earmark_group_id": None, "earmark_line_id": None}
    with workspace.session() as session:
        groups = session.execute(select(BudgetGroup.id, BudgetGroup.name, BudgetGroup.number)
                                 .where(BudgetGroup.plan_id == plan_id)).all()
        lines = session.execute(select(BudgetLine.id, BudgetLine.name).join(BudgetLine.group)
                                .where(BudgetGroup.plan_id == plan_id)).all()
    found = ([("group", g.id) for g in groups if wanted in (g.name.casefold(), f"{g.number}. {g.name}".casefold())]
             + [("line", ln.id) for ln in lines if ln.name.casefold() == wanted])
    if not found:
        raise EditError(f"“{text.strip()}” is geen groep of post van deze begroting. Typ de naam van een "
                        "groep of post, of laat het leeg voor alle posten.")
    if len(found) > 1:
        raise EditError(f"“{text.strip()}” is de naam van meer dan één groep of post; kies de groep, of "
                        "geef de post eerst een eigen naam.")
    kind, row_id = found[0]
    return {"earmark_group_id": row_id if kind == "group" else None,
            "earmark_line_id": row_id if kind == "line" else None}


@dataclass
class SourceSnapshot:
    index: int
    source: dict
    amounts: list[dict] = field(default_factory=list)
    kept: list = field(default_factory=list)  # the income booked on it (app.services.kept_with)


def _ordered(session, plan_id: int) -> list[FundingSource]:
    return list(session.scalars(select(FundingSource).where(FundingSource.plan_id == plan_id)
                                .order_by(FundingSource.position, FundingSource.id)))


def add_source(workspace, plan_id: int, index: int | None = None, name: str = "Nieuwe dekking") -> int:
    with workspace.transaction() as session:
        writable_plan(session, plan_id)
        sources = _ordered(session, plan_id)
        source = FundingSource(plan_id=plan_id,
                               name=clean_text(name, "De naam", TITLE_MOST) or "Nieuwe dekking")
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
             for a in source.amounts], take(session, "funding_source", [source.id]))
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
        put_back(session, snapshot.kept)
        sources = [s for s in _ordered(session, source.plan_id) if s is not source]
        insert_at(sources, source, snapshot.index)
