"""Edit operations on an allocation key (verdeelsleutel).

A key used by an adopted plan is read-only: changing it would change what
the municipalities were told to pay. An amendment gets its own copy.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select

from app.models import AllocationKey, KeyMethod, KeyShare, Plan, PlanStatus
from app.formatting import format_percentage
from app.models.numbers import NumberError, percentage
from app.services.edit_errors import EditError, PlanReadOnlyError, read_only_message


@dataclass(frozen=True)
class ShareChange:
    share_id: int
    percentage: Decimal | None
    basis: int | None


def _key(session, key_id: int) -> AllocationKey:
    key = session.get(AllocationKey, key_id)
    if key is None:
        raise EditError("Deze verdeelsleutel bestaat niet meer.")
    adopted = session.scalars(select(Plan).where(Plan.allocation_key_id == key_id,
                                                 Plan.status == PlanStatus.ADOPTED)).first()
    if adopted is not None:
        raise PlanReadOnlyError(
            f"Deze verdeelsleutel hoort bij een vastgesteld plan. {read_only_message(adopted)}")
    return key


def set_shares(workspace, changes: Sequence[ShareChange]) -> list[ShareChange]:
    """Set percentages and/or basis figures; returns the old values."""
    if not changes:
        raise EditError("Er is niets om te wijzigen.")
    for change in changes:
        if change.percentage is not None:
            try:
                value = percentage(change.percentage)
            except NumberError:
                raise EditError(f"{str(change.percentage).replace('.', ',')} heeft meer dan twee decimalen; "
                                "een aandeel is een percentage met twee decimalen.") from None
            if not Decimal(0) <= value <= Decimal(100):
                raise EditError(f"Een aandeel ligt tussen 0 en 100 %, niet {format_percentage(value)}.")
        if change.basis is not None and change.basis < 0:
            raise EditError("Een basisgetal (zoals het aantal inwoners) kan niet negatief zijn.")
    with workspace.transaction() as session:
        shares = {}
        for change in changes:
            share = session.get(KeyShare, change.share_id)
            if share is None:
                raise EditError("Dit aandeel bestaat niet meer.")
            _key(session, share.key_id)
            shares[change.share_id] = share
        old = []
        for change in changes:
            share = shares[change.share_id]
            old.append(ShareChange(share.id, share.percentage, share.basis))
            share.percentage, share.basis = change.percentage, change.basis
    return old


def set_key_fields(workspace, key_id: int, **fields) -> dict:
    unknown = set(fields) - {"name", "method", "basis_label", "note"}
    if unknown:
        raise EditError(f"Onbekend veld: {', '.join(sorted(unknown))}")
    if "method" in fields and not isinstance(fields["method"], KeyMethod):
        raise EditError("Kies als methode 'percentage' of 'basisgetal'.")
    with workspace.transaction() as session:
        key = _key(session, key_id)
        old = {k: getattr(key, k) for k in fields}
        for k, v in fields.items():
            setattr(key, k, v)
    return old


def copy_key(session, key: AllocationKey, name: str) -> AllocationKey:
    """A new key with the same shares (used when an amendment is made)."""
    new = AllocationKey(region_id=key.region_id, name=name, method=key.method,
                        basis_label=key.basis_label, note=key.note)
    new.shares = [KeyShare(municipality_id=s.municipality_id, basis=s.basis, percentage=s.percentage)
                  for s in key.shares]
    session.add(new)
    session.flush()
    return new
