"""Edits of a region (issue 12, point 2, services): its name, its municipalities and its
municipality sets (H10, H8, or any named group that shares a cost), each set ticked from the
region's own municipalities. Validated first, one transaction, returning what an undo needs.

What an adopted plan was adopted with stays as it was: a municipality its key gives a share,
or that is a member of a set it shares costs by, is not removed, and such a set keeps its
members.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import func, or_, select

from app.formatting import format_number, format_percentage
from app.models import (
    AllocationKey,
    BudgetGroup,
    BudgetLine,
    FixedSettlement,
    KeyMethod,
    KeyShare,
    Municipality,
    MunicipalitySet,
    Plan,
    PlanStatus,
    Region,
)
from app.models.region import municipality_set_member
from app.services.edit_errors import EditError, PlanReadOnlyError
from app.services import change_log
from app.services.editing import (
    Stale,
    clean_text,
    existing,
    insert_at,
    locked,
    move_to,
    refuse_changed,
    refuse_stale,
    row_values,
    set_positions,
    stale_fields,
)

MAX_NAME = 200
MAX_CODE = 40
REGION_GONE = "Deze regio bestaat niet meer."
MUNICIPALITY_GONE = "Deze gemeente bestaat niet meer."
SET_GONE = "Deze groep gemeenten bestaat niet meer."
SHOWS = "de regio toont nu de nieuwe waarden"  # what a refused edit leaves on the page
KEPT = "Laat de gemeente staan: een vastgesteld plan blijft zoals het is vastgesteld."


@dataclass(frozen=True)
class SetState:
    """A set as an undo puts it back."""

    code: str
    name: str
    member_ids: tuple[int, ...]


@dataclass(frozen=True)
class SetSnapshot:
    """A deleted set, as :func:`restore_municipality_set` puts it back."""

    row: dict  # editing.row_values: id, region, position, code, name
    member_ids: tuple[int, ...]
    index: int  # among the region's sets


@dataclass(frozen=True)
class MunicipalitySnapshot:
    """A deleted municipality, as :func:`restore_municipality` puts it back."""

    municipality: dict  # editing.row_values: id, region, position, name
    shares: tuple[dict, ...]  # its key shares, ids and values included
    set_ids: tuple[int, ...]  # the sets it was a member of
    index: int  # among the region's municipalities


def clean_name(text: str, what: str, most: int) -> str:
    """``text`` with its spaces collapsed; ``what`` ("Een gemeente") names it in a refusal."""
    return clean_text(text, what, most, collapse=True, needed=f"{what} heeft een naam nodig.",
                      too_long=lambda long: f"{what}: “{long[:30]}…” is langer dan {most} tekens.")


def rename_region(workspace, region_id: int, name: str, expected: str | None = None) -> str:
    """Returns the old name. ``expected``: the name the user saw (an undo: what it wrote); refused
    (ConflictError) when the region has another one now, nothing written."""
    name = clean_name(name, "Een regio", MAX_NAME)
    seen = None if expected is None else {"name": clean_name(expected, "Een regio", MAX_NAME)}
    with workspace.transaction() as session:
        region = existing(session, Region, region_id, REGION_GONE)
        refuse_changed(session, region, seen, "de regio", lambda r: "de regio", SHOWS)
        old, region.name = region.name, name
    return old


# --- who uses a set -------------------------------------------------------------------------

def set_users(session, set_ids: Iterable[int]) -> dict[int, list[Plan]]:
    """The plans that share costs by each set (a budget line's or group's set, or a fixed
    settlement's scope), in year order; a set nobody uses is left out."""
    ids = list(set_ids)
    queries = (
        select(BudgetLine.municipality_set_id, Plan).join(BudgetGroup, BudgetGroup.id == BudgetLine.group_id)
        .join(Plan, Plan.id == BudgetGroup.plan_id).where(BudgetLine.municipality_set_id.in_(ids)),
        select(BudgetGroup.municipality_set_id, Plan).join(Plan, Plan.id == BudgetGroup.plan_id)
        .where(BudgetGroup.municipality_set_id.in_(ids)),
        select(FixedSettlement.municipality_set_id, Plan).join(Plan, Plan.id == FixedSettlement.plan_id)
        .where(FixedSettlement.municipality_set_id.in_(ids)),
    )
    found: dict[int, set[Plan]] = defaultdict(set)
    for query in queries:
        for set_id, plan in session.execute(query):
            found[set_id].add(plan)
    return {set_id: sorted(plans, key=lambda p: (p.year, p.id)) for set_id, plans in found.items()}


def _adopted_user(session, set_id: int) -> Plan | None:
    return next((p for p in set_users(session, [set_id]).get(set_id, []) if p.is_read_only), None)


# --- municipality sets ----------------------------------------------------------------------

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


def _ordered_sets(session, region_id: int) -> list[MunicipalitySet]:
    return list(session.scalars(select(MunicipalitySet).where(MunicipalitySet.region_id == region_id)
                                .order_by(MunicipalitySet.position, MunicipalitySet.id)))


def add_municipality_set(workspace, region_id: int, code: str, name: str, member_ids: Sequence[int],
                         index: int | None = None) -> int:
    """A new set of the region's municipalities; returns its id."""
    name = clean_name(name, "Een groep gemeenten", MAX_NAME)
    with workspace.transaction() as session:
        existing(session, Region, region_id, REGION_GONE)
        code = _code(session, region_id, code, None)
        members = _members(session, region_id, member_ids)
        sets = _ordered_sets(session, region_id)
        new = MunicipalitySet(region_id=region_id, code=code, name=name, members=members)
        session.add(new)
        insert_at(sets, new, index)
        session.flush()
        return new.id


def set_municipality_set(workspace, set_id: int, code: str, name: str, member_ids: Sequence[int],
                         expected: SetState | None = None) -> SetState:
    """Change a set's code, name and members; returns the state before (for the undo). The
    members of a set an adopted plan shares costs by stay as they are. ``expected``: the set as
    the user saw it (an undo: what it wrote); refused (ConflictError) where it is another now,
    nothing written."""
    name = clean_name(name, "Een groep gemeenten", MAX_NAME)
    with workspace.transaction() as session:
        found = existing(session, MunicipalitySet, set_id, SET_GONE)
        if expected is not None:
            _refuse_other_set(session, found, expected)
        code = _code(session, found.region_id, code, set_id)
        members = _members(session, found.region_id, member_ids)
        if {m.id for m in members} != {m.id for m in found.members}:
            adopted = _adopted_user(session, set_id)
            if adopted is not None:
                raise PlanReadOnlyError(
                    f"Het vastgestelde plan “{adopted.title}” verdeelt kosten over {found.code}; de gemeenten "
                    "van die groep blijven daarom zoals ze zijn. Maak een nieuwe groep voor een andere "
                    "verdeling.")
        old = SetState(found.code, found.name, tuple(m.id for m in found.members))
        found.code, found.name, found.members = code, name, members
        if {m.id for m in members} != set(old.member_ids):  # a link table: no row of the set's own changes
            change_log.record(session, "municipality_set", [{"id": set_id}], "gewijzigd: gemeenten")
    return old


def _refuse_other_set(session, found: MunicipalitySet, seen: SetState) -> None:
    """ConflictError naming what of the set is not as the user saw it: its code, name or members."""
    locked(session, found)
    stale = stale_fields(found, {"code": " ".join(seen.code.split()),
                                 "name": clean_name(seen.name, "Een groep gemeenten", MAX_NAME)},
                         "de groep gemeenten", f"groep {found.code}")
    members = {m.id for m in found.members}
    if members != set(seen.member_ids):
        stale.append(Stale("municipality_set", str(found.id),
                           f"De gemeenten van groep {found.code} zijn nu {_names(session, members)} "
                           f"(u zag {_names(session, seen.member_ids)})"))
    refuse_stale(session, stale, SHOWS)


def _names(session, municipality_ids: Iterable[int]) -> str:
    """Municipalities in the region's order, by name: "Delft, Rijswijk"; "geen" for none."""
    ids = set(municipality_ids)
    names = session.scalars(select(Municipality.name).where(Municipality.id.in_(ids))
                            .order_by(Municipality.position, Municipality.id)).all() if ids else []
    return ", ".join(names) or "geen"


def _check_unused(session, found: MunicipalitySet) -> None:
    users = session.scalar(select(func.count(BudgetLine.id)).where(BudgetLine.municipality_set_id == found.id))
    users += session.scalar(select(func.count(BudgetGroup.id)).where(BudgetGroup.municipality_set_id == found.id))
    if users:
        raise EditError(f"{found.code} wordt gedeeld door {users} begrotingsposten of groepen; kies daar "
                        "eerst een andere verdeling.")
    settled = session.execute(
        select(FixedSettlement.name, Plan.title).join(Plan, Plan.id == FixedSettlement.plan_id)
        .where(FixedSettlement.municipality_set_id == found.id)
        .order_by(Plan.year, Plan.id, FixedSettlement.position)).first()
    if settled is not None:
        raise EditError(f"{found.code} verdeelt de vaste afrekening “{settled.name}” van "
                        f"“{settled.title}”; een groep die in gebruik is, blijft bestaan.")


def delete_municipality_set(workspace, set_id: int) -> SetSnapshot:
    """Remove a set nothing shares by; a used set is refused with where it is used. Returns
    what :func:`restore_municipality_set` needs."""
    with workspace.transaction() as session:
        found = existing(session, MunicipalitySet, set_id, SET_GONE)
        _check_unused(session, found)
        sets = _ordered_sets(session, found.region_id)
        snapshot = SetSnapshot(row_values(found), tuple(m.id for m in found.members), sets.index(found))
        session.delete(found)
        sets.remove(found)
        set_positions(sets)
    return snapshot


def restore_municipality_set(workspace, snapshot: SetSnapshot) -> None:
    """Put a deleted set back: same id, place, code, name and members (the undo of
    :func:`delete_municipality_set`)."""
    row = snapshot.row
    with workspace.transaction() as session:
        existing(session, Region, row["region_id"], REGION_GONE)
        if session.get(MunicipalitySet, row["id"]) is not None:
            raise EditError(f"De groep {row['code']} bestaat al.")
        _code(session, row["region_id"], row["code"], None)
        members = _members(session, row["region_id"], snapshot.member_ids)
        sets = _ordered_sets(session, row["region_id"])
        restored = MunicipalitySet(**row, members=members)
        session.add(restored)
        insert_at(sets, restored, snapshot.index)


# --- municipalities -------------------------------------------------------------------------

def _ordered_municipalities(session, region_id: int) -> list[Municipality]:
    return list(session.scalars(select(Municipality).where(Municipality.region_id == region_id)
                                .order_by(Municipality.position, Municipality.id)))


def _check_unique(others: Iterable[Municipality], name: str) -> None:
    clash = next((m for m in others if m.name.casefold() == name.casefold()), None)
    if clash is not None:
        raise EditError(f"De regio heeft al een gemeente “{clash.name}”.")


def _open_key_ids(session, region_id: int) -> list[int]:
    """The region's keys that no adopted plan uses (those may still change)."""
    adopted = select(Plan.id).where(Plan.allocation_key_id == AllocationKey.id,
                                    Plan.status == PlanStatus.ADOPTED).exists()
    return list(session.scalars(select(AllocationKey.id).where(AllocationKey.region_id == region_id, ~adopted)
                                .order_by(AllocationKey.id)))


def add_municipality(workspace, region_id: int, name: str, index: int | None = None) -> int:
    """A new municipality at ``index`` (None: last); every key no adopted plan uses gets an
    empty share for it, to be filled in on the key page. Returns its id."""
    name = clean_name(name, "Een gemeente", MAX_NAME)
    with workspace.transaction() as session:
        existing(session, Region, region_id, REGION_GONE)
        municipalities = _ordered_municipalities(session, region_id)
        _check_unique(municipalities, name)
        new = Municipality(region_id=region_id, name=name)
        session.add(new)
        insert_at(municipalities, new, index)
        session.flush()
        session.add_all(KeyShare(key_id=key_id, municipality_id=new.id)
                        for key_id in _open_key_ids(session, region_id))
        return new.id


def rename_municipality(workspace, municipality_id: int, name: str, expected: str | None = None) -> str:
    """Returns the old name. ``expected``: as for :func:`rename_region`."""
    name = clean_name(name, "Een gemeente", MAX_NAME)
    seen = None if expected is None else {"name": clean_name(expected, "Een gemeente", MAX_NAME)}
    with workspace.transaction() as session:
        found = existing(session, Municipality, municipality_id, MUNICIPALITY_GONE)
        refuse_changed(session, found, seen, "de gemeente", lambda m: "de gemeente", SHOWS)
        _check_unique((m for m in _ordered_municipalities(session, found.region_id) if m is not found), name)
        old, found.name = found.name, name
    return old


def move_municipality(workspace, municipality_id: int, index: int) -> int:
    """Put the municipality at ``index`` of the region's order; returns its old index."""
    with workspace.transaction() as session:
        found = existing(session, Municipality, municipality_id, MUNICIPALITY_GONE)
        municipalities = _ordered_municipalities(session, found.region_id)
        return move_to(municipalities, found, index)


def _valued_shares(session, municipality_id: int) -> list[KeyShare]:
    return list(session.scalars(
        select(KeyShare).join(KeyShare.key)
        .where(KeyShare.municipality_id == municipality_id,
               or_(KeyShare.percentage.is_not(None), KeyShare.basis.is_not(None)))
        .order_by(AllocationKey.name, AllocationKey.id)))


def share_text(share: KeyShare) -> str:
    """A share's value as the key page shows it: "4,50 %" or "12.345 (inwoners)"."""
    percent_first = share.key.method is KeyMethod.PERCENTAGE
    if share.percentage is not None and (percent_first or share.basis is None):
        return format_percentage(share.percentage)
    label = share.key.basis_label.strip()
    return f"{format_number(share.basis)} ({label})" if label else format_number(share.basis)


def _sets_of(session, municipality_id: int) -> list[MunicipalitySet]:
    return list(session.scalars(
        select(MunicipalitySet)
        .join(municipality_set_member, municipality_set_member.c.set_id == MunicipalitySet.id)
        .where(municipality_set_member.c.municipality_id == municipality_id)
        .order_by(MunicipalitySet.position, MunicipalitySet.id)))


def set_label(found: MunicipalitySet) -> str:
    """"H8 (Haaglanden zonder Den Haag)"; just the name when it starts with the code."""
    return found.name if found.name.startswith(found.code) else f"{found.code} ({found.name})"


def _settlement_lines(session, sets: Sequence[MunicipalitySet]) -> list[str]:
    codes = {s.id: s.code for s in sets}
    rows = session.execute(
        select(FixedSettlement.name, FixedSettlement.municipality_set_id, Plan.title)
        .join(Plan, Plan.id == FixedSettlement.plan_id)
        .where(FixedSettlement.municipality_set_id.in_(list(codes)))
        .order_by(Plan.year, Plan.id, FixedSettlement.position, FixedSettlement.id))
    return [f"de vaste afrekening “{name}” van “{title}” (via {codes[set_id]})"
            for name, set_id, title in rows]


def use_lines(session, municipality_id: int) -> list[str]:
    """What goes with the municipality when it is removed, one Dutch line each."""
    lines = [f"aandeel in verdeelsleutel “{share.key.name}”: {share_text(share)}"
             for share in _valued_shares(session, municipality_id)]
    sets = _sets_of(session, municipality_id)
    lines += [f"lid van {set_label(found)}" for found in sets]
    return lines + _settlement_lines(session, sets)


def municipality_uses(workspace, municipality_id: int) -> list[str]:
    """What goes with the municipality when it is removed (its key shares with a value, its
    sets, the fixed settlements of those sets); empty when nothing uses it."""
    with workspace.session() as session:
        existing(session, Municipality, municipality_id, MUNICIPALITY_GONE)
        return use_lines(session, municipality_id)


def _check_adopted_shares(session, found: Municipality) -> None:
    row = session.execute(
        select(AllocationKey.name, Plan.title).join(KeyShare, KeyShare.key_id == AllocationKey.id)
        .join(Plan, Plan.allocation_key_id == AllocationKey.id)
        .where(KeyShare.municipality_id == found.id, Plan.status == PlanStatus.ADOPTED,
               or_(KeyShare.percentage.is_not(None), KeyShare.basis.is_not(None)))
        .order_by(Plan.year, Plan.id)).first()
    if row is not None:
        raise PlanReadOnlyError(f"{found.name} kan niet worden verwijderd: het vastgestelde plan “{row.title}” "
                                f"geeft {found.name} een aandeel in de verdeelsleutel “{row.name}”. {KEPT}")


def _check_sets(session, found: Municipality, sets: Sequence[MunicipalitySet]) -> None:
    for member_of in sets:
        adopted = _adopted_user(session, member_of.id)
        if adopted is not None:
            raise PlanReadOnlyError(f"{found.name} kan niet worden verwijderd: {found.name} is lid van "
                                    f"{member_of.code}, waarover het vastgestelde plan “{adopted.title}” kosten "
                                    f"verdeelt. {KEPT}")
        if [m.id for m in member_of.members] == [found.id]:
            raise EditError(f"{member_of.code} heeft dan geen gemeenten meer; verwijder eerst de groep of vink "
                            "een andere gemeente aan.")


def delete_municipality(workspace, municipality_id: int) -> MunicipalitySnapshot:
    """Remove the municipality with its key shares and set memberships; returns what
    :func:`restore_municipality` needs. Refused while an adopted plan counts on it, for the
    region's last municipality, and for a set's only member."""
    with workspace.transaction() as session:
        found = existing(session, Municipality, municipality_id, MUNICIPALITY_GONE)
        municipalities = _ordered_municipalities(session, found.region_id)
        if len(municipalities) == 1:
            raise EditError(f"{found.name} is de enige gemeente van de regio, en een regio heeft minstens één "
                            "gemeente. Voeg eerst een andere gemeente toe.")
        _check_adopted_shares(session, found)
        sets = _sets_of(session, found.id)
        _check_sets(session, found, sets)
        shares = list(session.scalars(select(KeyShare).where(KeyShare.municipality_id == found.id)
                                      .order_by(KeyShare.id)))
        snapshot = MunicipalitySnapshot(row_values(found), tuple(row_values(s) for s in shares),
                                        tuple(s.id for s in sets), municipalities.index(found))
        for member_of in sets:
            member_of.members.remove(found)
        for share in shares:
            session.delete(share)
        session.delete(found)
        municipalities.remove(found)
        set_positions(municipalities)
    return snapshot


def restore_municipality(workspace, snapshot: MunicipalitySnapshot) -> None:
    """Put a deleted municipality back: same id and place, its key shares (same ids and
    values) and its set memberships (the undo of :func:`delete_municipality`)."""
    row = snapshot.municipality
    with workspace.transaction() as session:
        existing(session, Region, row["region_id"], REGION_GONE)
        if session.get(Municipality, row["id"]) is not None:
            raise EditError(f"De gemeente {row['name']} bestaat al.")
        municipalities = _ordered_municipalities(session, row["region_id"])
        _check_unique(municipalities, row["name"])
        restored = Municipality(**row)
        session.add(restored)
        insert_at(municipalities, restored, snapshot.index)
        session.flush()
        keys = set(session.scalars(select(AllocationKey.id).where(
            AllocationKey.id.in_([s["key_id"] for s in snapshot.shares]))))
        session.add_all(KeyShare(**share) for share in snapshot.shares if share["key_id"] in keys)
        for member_of in session.scalars(select(MunicipalitySet).where(MunicipalitySet.id.in_(snapshot.set_ids))):
            member_of.members.append(restored)
