"""Edit operations on an allocation key (verdeelsleutel): the key itself (added, copied,
renamed, removed and put back), its shares, and which key a plan uses.

A key used by an adopted plan is read-only: changing it would change what
the municipalities were told to pay. An amendment gets its own copy.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select

from app.formatting import format_number, format_percentage
from app.models import AllocationKey, KeyMethod, KeyShare, Municipality, Plan, PlanStatus, Region
from app.models.numbers import NumberError, percentage
from app.services.edit_errors import EditError, PlanReadOnlyError, read_only_message
from app.services.editing import (
    TEXT_MOST,
    Stale,
    clean_text,
    existing,
    refuse_changed,
    refuse_stale,
    row_values,
    writable_plan,
)
from app.services.region_edit import MAX_NAME, MUNICIPALITY_GONE, REGION_GONE, clean_name

KEY_GONE = "Deze verdeelsleutel bestaat niet meer."
# The largest basis figure: opening refuses a file with a larger one (app.services.verify_values).
MAX_BASIS = 10**15 - 1


@dataclass(frozen=True)
class ShareChange:
    share_id: int
    percentage: Decimal | None
    basis: int | None


@dataclass(frozen=True)
class KeySnapshot:
    """A deleted key, as :func:`restore_key` puts it back."""

    key: dict  # editing.row_values: id, region, name, method, basis label, note
    shares: tuple[dict, ...]  # its shares, ids and values included
    plan_ids: tuple[int, ...]  # the (draft) plans that used it


def adopted_user(session, key_id: int) -> Plan | None:
    """The first adopted plan (by year) that uses the key, or None."""
    return session.scalars(select(Plan).where(Plan.allocation_key_id == key_id, Plan.status == PlanStatus.ADOPTED)
                           .order_by(Plan.year, Plan.id)).first()


def _key(session, key_id: int) -> AllocationKey:
    """The key, if it may be changed: not used by an adopted plan."""
    key = existing(session, AllocationKey, key_id, KEY_GONE)
    adopted = adopted_user(session, key_id)
    if adopted is not None:
        raise PlanReadOnlyError(
            f"Deze verdeelsleutel hoort bij een vastgesteld plan. {read_only_message(adopted)}")
    return key


def _check_own_region(key: AllocationKey, municipality: Municipality) -> None:
    if municipality.region_id != key.region_id:
        raise EditError(f"{municipality.name} hoort niet bij de regio {key.region.name}; een verdeelsleutel "
                        "verdeelt alleen over de eigen gemeenten.")


def _check_values(changes: Sequence[ShareChange]) -> None:
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
        if change.basis is not None and change.basis > MAX_BASIS:
            raise EditError("Een basisgetal (zoals het aantal inwoners) heeft hoogstens 15 cijfers.")


class SharesBefore(list):
    """The old values of the shares set, and the keys that held example figures before (typing a
    share makes a key the region's own; an undo makes it an example again)."""

    def __init__(self, changes=(), example_keys: tuple[int, ...] = ()) -> None:
        super().__init__(changes)
        self.example_keys = example_keys


def set_shares(workspace, changes: Sequence[ShareChange], example_keys: Sequence[int] = (),
               expected: Sequence[ShareChange] | None = None) -> SharesBefore:
    """Set percentages and/or basis figures; returns the old values. The keys changed hold the
    region's own figures from now on, except those in ``example_keys`` (an undo). ``expected``:
    the shares as the user saw them (an undo: what it wrote); where one holds something else now,
    someone changed it meanwhile and the whole is refused (ConflictError), nothing written."""
    if not changes:
        raise EditError("Er is niets om te wijzigen.")
    _check_values(changes)
    with workspace.transaction() as session:
        shares = {}
        for change in changes:
            share = session.get(KeyShare, change.share_id)
            if share is None:
                raise EditError("Dit aandeel bestaat niet meer.")
            _check_own_region(_key(session, share.key_id), share.municipality)
            shares[change.share_id] = share
        if expected:
            _refuse_changed_meanwhile(session, shares, expected)
        old = []
        for change in changes:
            share = shares[change.share_id]
            old.append(ShareChange(share.id, share.percentage, share.basis))
            share.percentage, share.basis = change.percentage, change.basis
        keys = {share.key for share in shares.values()}
        was_example = tuple(sorted(key.id for key in keys if key.example))
        for key in keys:
            key.example = key.id in example_keys
    return SharesBefore(old, was_example)


def _refuse_changed_meanwhile(session, shares: dict[int, KeyShare], expected: Sequence[ShareChange]) -> None:
    """ConflictError naming the shares whose percentage or basis figure is not what the user saw."""
    ids = [c.share_id for c in expected if c.share_id in shares]
    # Writers of the same shares take turns; the values are read again under the lock.
    session.execute(select(KeyShare).where(KeyShare.id.in_(ids)).with_for_update()
                    .execution_options(populate_existing=True)).all()
    stale = []
    for seen in expected:
        share = shares.get(seen.share_id)
        if share is None:
            continue
        for what, now, was, shown in (("Het percentage", share.percentage, seen.percentage, _percentage_text),
                                      ("Het basisgetal", share.basis, seen.basis, _basis_text)):
            if now != was:  # Decimal compares by value: 10 is 10,00 %
                stale.append(Stale("key_share", str(share.id),
                                   f"{what} van {share.municipality.name} in “{share.key.name}” is nu "
                                   f"{shown(now)} (u zag {shown(was)})"))
    refuse_stale(session, stale, "de verdeelsleutel toont nu de nieuwe waarden")


def _percentage_text(value) -> str:
    return "leeg" if value is None else format_percentage(value)


def _basis_text(value) -> str:
    return "leeg" if value is None else format_number(value)


def _check_method(method) -> None:
    if not isinstance(method, KeyMethod):
        raise EditError("Kies als methode 'percentage' of 'basisgetal'.")


def set_key_fields(workspace, key_id: int, expected: dict | None = None, **fields) -> dict:
    """Change a key's name, method, basis label or note; returns the old values. ``expected``: the
    values the user saw (an undo: what it wrote); refused (ConflictError) where the key holds
    something else now, nothing written."""
    fields = _key_fields(fields)
    seen = _key_fields(expected) if expected is not None else None
    with workspace.transaction() as session:
        key = _key(session, key_id)
        refuse_changed(session, key, seen, "de verdeelsleutel", lambda k: f"verdeelsleutel “{k.name}”",
                       "de verdeelsleutel toont nu de nieuwe waarden", {"method": _method_shown})
        if "name" in fields:
            _check_unique(session, key.region_id, fields["name"], key_id)
        old = {k: getattr(key, k) for k in fields}
        for k, v in fields.items():
            setattr(key, k, v)
    return old


def _key_fields(fields: dict) -> dict:
    """A key's fields as stored, each checked on its own."""
    unknown = set(fields) - {"name", "method", "basis_label", "note"}
    if unknown:
        raise EditError(f"Onbekend veld: {', '.join(sorted(unknown))}")
    values = dict(fields)
    if "method" in values:
        _check_method(values["method"])
    if "name" in values:
        values["name"] = _key_name(values["name"])
    if "basis_label" in values:
        values["basis_label"] = _basis_label(values["basis_label"])
    if "note" in values:
        values["note"] = _note(values["note"])
    return values


def _method_shown(method: KeyMethod) -> str:
    return "percentages" if method is KeyMethod.PERCENTAGE else "basisgetal"


def copy_key(session, key: AllocationKey, name: str) -> AllocationKey:
    """A new key with the same shares (used when an amendment is made)."""
    new = AllocationKey(region_id=key.region_id, name=name, method=key.method,
                        basis_label=key.basis_label, note=key.note, example=key.example)
    new.shares = [KeyShare(municipality_id=s.municipality_id, basis=s.basis, percentage=s.percentage)
                  for s in key.shares]
    session.add(new)
    session.flush()
    return new


# --- the keys of a region -------------------------------------------------------------------

def _key_name(name: str) -> str:
    return clean_name(name, "Een verdeelsleutel", MAX_NAME)


def _check_unique(session, region_id: int, name: str, key_id: int | None) -> None:
    """No other key of the region has this name, whatever its capitals."""
    names = session.scalars(select(AllocationKey.name).where(AllocationKey.region_id == region_id,
                                                             AllocationKey.id != (key_id or 0)))
    clash = next((n for n in names if n.casefold() == name.casefold()), None)
    if clash is not None:
        raise EditError(f"De regio heeft al een verdeelsleutel “{clash}”; kies een andere naam.")


def _basis_label(text: str) -> str:
    return clean_text(text, "Het basisgetal", MAX_NAME, collapse=True,
                      too_long=lambda long: f"Het basisgetal “{long[:30]}…” is langer dan {MAX_NAME} tekens.")


def _note(text: str) -> str:
    return clean_text(text, "De toelichting bij de verdeelsleutel", TEXT_MOST, strip=False)


def add_key(workspace, region_id: int, name: str, method: KeyMethod, basis_label: str = "",
            note: str = "") -> int:
    """A new key of the region with an empty share for each of its municipalities; returns its id."""
    name = _key_name(name)
    _check_method(method)
    basis_label = _basis_label(basis_label)
    note = _note(note)
    with workspace.transaction() as session:
        existing(session, Region, region_id, REGION_GONE)
        _check_unique(session, region_id, name, None)
        municipalities = session.scalars(select(Municipality.id).where(Municipality.region_id == region_id)
                                         .order_by(Municipality.position, Municipality.id))
        key = AllocationKey(region_id=region_id, name=name, method=method, basis_label=basis_label,
                            note=note or "")
        key.shares = [KeyShare(municipality_id=m) for m in municipalities]
        session.add(key)
        session.flush()
        return key.id


def duplicate_key(workspace, key_id: int, name: str) -> int:
    """A copy of the key (method, basis label, note and shares) named ``name``; a key of an
    adopted plan may be copied too. Returns the copy's id."""
    name = _key_name(name)
    with workspace.transaction() as session:
        key = existing(session, AllocationKey, key_id, KEY_GONE)
        _check_unique(session, key.region_id, name, None)
        return copy_key(session, key, name).id


def rename_key(workspace, key_id: int, name: str, expected: str | None = None) -> str:
    """Returns the old name. ``expected``: the name the user saw, as for :func:`set_key_fields`."""
    return set_key_fields(workspace, key_id, None if expected is None else {"name": expected}, name=name)["name"]


def delete_key(workspace, key_id: int) -> KeySnapshot:
    """Remove a key no adopted plan uses; the draft plans that used it have no key after.
    Returns what :func:`restore_key` needs."""
    with workspace.transaction() as session:
        key = existing(session, AllocationKey, key_id, KEY_GONE)
        adopted = adopted_user(session, key_id)
        if adopted is not None:
            raise PlanReadOnlyError(f"“{key.name}” kan niet worden verwijderd: het vastgestelde plan "
                                    f"“{adopted.title}” verdeelt zijn kosten ermee, en een vastgesteld plan "
                                    "blijft zoals het is vastgesteld.")
        plans = list(session.scalars(select(Plan).where(Plan.allocation_key_id == key_id).order_by(Plan.id)))
        snapshot = KeySnapshot(row_values(key), tuple(row_values(s) for s in key.shares),
                               tuple(p.id for p in plans))
        for plan in plans:
            plan.allocation_key_id = None
        session.delete(key)
    return snapshot


def restore_key(workspace, snapshot: KeySnapshot) -> None:
    """Put a deleted key back: same id, fields and shares, and the plans that used it use it
    again (the undo of :func:`delete_key`)."""
    row = snapshot.key
    with workspace.transaction() as session:
        existing(session, Region, row["region_id"], REGION_GONE)
        if session.get(AllocationKey, row["id"]) is not None:
            raise EditError(f"De verdeelsleutel “{row['name']}” bestaat al.")
        _check_unique(session, row["region_id"], row["name"], None)
        plans = [writable_plan(session, p) for p in snapshot.plan_ids if session.get(Plan, p) is not None]
        present = set(session.scalars(select(Municipality.id).where(
            Municipality.id.in_([s["municipality_id"] for s in snapshot.shares]))))
        session.add(AllocationKey(**row))
        session.flush()
        session.add_all(KeyShare(**s) for s in snapshot.shares if s["municipality_id"] in present)
        for plan in plans:
            plan.allocation_key_id = row["id"]


def set_plan_key(workspace, plan_id: int, key_id: int | None, expected: dict | None = None) -> int | None:
    """The plan divides its costs by this key from now on (None: no key); returns the old key's id.
    ``expected``: {"allocation_key_id": the key the user saw (None: none)}; an undo: what it wrote;
    refused (ConflictError) when the plan uses another key now, nothing written."""
    with workspace.transaction() as session:
        plan = writable_plan(session, plan_id)
        refuse_changed(session, plan, expected, "het plan", lambda p: f"plan “{p.title}”",
                       "de verdeelsleutel toont nu de nieuwe waarden",
                       {"allocation_key_id": lambda shown_id: _key_shown(session, shown_id)})
        if key_id is not None:
            key = existing(session, AllocationKey, key_id, KEY_GONE)
            if key.region_id != plan.region_id:
                raise EditError("Deze verdeelsleutel hoort bij een andere regio.")
        old, plan.allocation_key_id = plan.allocation_key_id, key_id
    return old


def _key_shown(session, key_id: int | None) -> str:
    key = session.get(AllocationKey, key_id) if key_id is not None else None
    return "geen" if key is None else f"“{key.name}”"


def add_share(workspace, key_id: int, municipality_id: int) -> int:
    """An empty share for a municipality of the key's region that has none yet; returns its id."""
    with workspace.transaction() as session:
        key = _key(session, key_id)
        municipality = existing(session, Municipality, municipality_id, MUNICIPALITY_GONE)
        _check_own_region(key, municipality)
        had = session.scalar(select(KeyShare.id).where(KeyShare.key_id == key_id,
                                                        KeyShare.municipality_id == municipality_id))
        if had is not None:
            raise EditError(f"{municipality.name} heeft al een aandeel in de verdeelsleutel “{key.name}”.")
        share = KeyShare(key_id=key_id, municipality_id=municipality_id)
        session.add(share)
        session.flush()
        return share.id


def delete_share(workspace, share_id: int) -> None:
    """Remove an empty share (the undo of :func:`add_share`); a share with a value is refused."""
    with workspace.transaction() as session:
        share = existing(session, KeyShare, share_id, "Dit aandeel bestaat niet meer.")
        _key(session, share.key_id)
        if share.percentage is not None or share.basis is not None:
            raise EditError(f"Het aandeel van {share.municipality.name} heeft een waarde; maak het eerst leeg.")
        session.delete(share)
