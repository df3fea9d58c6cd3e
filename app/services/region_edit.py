"""Edits of a region (issue 12, point 2, first services): its name and its municipality sets
(H10, H8, or any named group that shares a cost), each set ticked from the region's own
municipalities. Validated first, one transaction, returning what an undo needs.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select

from app.models import BudgetGroup, BudgetLine, Municipality, MunicipalitySet, Region
from app.services.edit_errors import EditError
from app.services.editing import existing, insert_at

MAX_NAME = 200
MAX_CODE = 40


@dataclass(frozen=True)
class SetState:
    """A set as an undo puts it back."""

    code: str
    name: str
    member_ids: tuple[int, ...]


def _clean(text: str, what: str, most: int) -> str:
    text = " ".join((text or "").split())
    if not text:
        raise EditError(f"{what} heeft een naam nodig.")
    if len(text) > most:
        raise EditError(f"{what}: “{text[:30]}…” is langer dan {most} tekens.")
    return text


def rename_region(workspace, region_id: int, name: str) -> str:
    """Returns the old name."""
    name = _clean(name, "Een regio", MAX_NAME)
    with workspace.transaction() as session:
        region = existing(session, Region, region_id, "Deze regio bestaat niet meer.")
        old, region.name = region.name, name
    return old


def _members(session, region_id: int, member_ids: Sequence[int]) -> list[Municipality]:
    if not member_ids:
        raise EditError("Een groep gemeenten heeft minstens één gemeente; vink er een of meer aan.")
    found = {m.id: m for m in session.scalars(select(Municipality).where(Municipality.id.in_(member_ids)))}
    strangers = [i for i in member_ids if i not in found or found[i].region_id != region_id]
    if strangers:
        raise EditError("Een groep bevat alleen gemeenten van de eigen regio.")
    return sorted({found[i] for i in member_ids}, key=lambda m: (m.position, m.id))


def _code(session, region_id: int, code: str, set_id: int | None) -> str:
    code = " ".join((code or "").split())
    if not code:
        raise EditError("Een groep gemeenten heeft een code nodig, bijvoorbeeld H8.")
    if len(code) > MAX_CODE:
        raise EditError(f"De code “{code[:20]}…” is langer dan {MAX_CODE} tekens.")
    clash = session.scalar(select(MunicipalitySet.id).where(
        MunicipalitySet.region_id == region_id, func.lower(MunicipalitySet.code) == code.lower(),
        MunicipalitySet.id != (set_id or 0)))
    if clash is not None:
        raise EditError(f"De regio heeft al een groep met de code {code}; kies een andere code.")
    return code


def add_municipality_set(workspace, region_id: int, code: str, name: str, member_ids: Sequence[int],
                         index: int | None = None) -> int:
    """A new set of the region's municipalities; returns its id."""
    name = _clean(name, "Een groep gemeenten", MAX_NAME)
    with workspace.transaction() as session:
        existing(session, Region, region_id, "Deze regio bestaat niet meer.")
        code = _code(session, region_id, code, None)
        members = _members(session, region_id, member_ids)
        sets = list(session.scalars(select(MunicipalitySet).where(MunicipalitySet.region_id == region_id)
                                    .order_by(MunicipalitySet.position, MunicipalitySet.id)))
        new = MunicipalitySet(region_id=region_id, code=code, name=name, members=members)
        session.add(new)
        insert_at(sets, new, index)
        session.flush()
        return new.id


def set_municipality_set(workspace, set_id: int, code: str, name: str, member_ids: Sequence[int]) -> SetState:
    """Change a set's code, name and members; returns the state before (for the undo)."""
    name = _clean(name, "Een groep gemeenten", MAX_NAME)
    with workspace.transaction() as session:
        found = existing(session, MunicipalitySet, set_id, "Deze groep gemeenten bestaat niet meer.")
        code = _code(session, found.region_id, code, set_id)
        members = _members(session, found.region_id, member_ids)
        old = SetState(found.code, found.name, tuple(m.id for m in found.members))
        found.code, found.name, found.members = code, name, members
    return old


def delete_municipality_set(workspace, set_id: int) -> None:
    """Remove a set no budget group or line shares by; a used set is refused with where it is used."""
    with workspace.transaction() as session:
        found = existing(session, MunicipalitySet, set_id, "Deze groep gemeenten bestaat niet meer.")
        users = session.scalar(select(func.count(BudgetLine.id)).where(BudgetLine.municipality_set_id == set_id))
        users += session.scalar(select(func.count(BudgetGroup.id)).where(BudgetGroup.municipality_set_id == set_id))
        if users:
            raise EditError(f"{found.code} wordt gedeeld door {users} begrotingsposten of groepen; kies daar "
                            "eerst een andere verdeling.")
        session.delete(found)
