"""The region editor's page as plain data: the region's municipalities (with how much goes
with each when removed), its municipality sets (with their members and whether a plan shares
costs by them) and its allocation keys (with the plans that use them and how far they are
filled in). Read in one session; the views never see a session or a row.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select

from app.models import AllocationKey, KeyMethod, KeyShare, Municipality, MunicipalitySet, Plan, PlanStatus, Region
from app.services.region_edit import set_users, use_lines


@dataclass(frozen=True)
class MunicipalityRow:
    id: int
    name: str
    uses: int  # how many lines region_edit.municipality_uses gives


@dataclass(frozen=True)
class SetRow:
    id: int
    code: str
    name: str
    member_ids: tuple[int, ...]  # in the region's order
    members: str  # "Delft, Den Haag, …" in the region's order
    used: bool  # by a budget line or group, or a fixed settlement, of any plan


@dataclass(frozen=True)
class KeyRow:
    id: int
    name: str
    method: KeyMethod
    basis_label: str
    note: str
    used_by: tuple[str, ...]  # titles of the plans that use it, by year
    adopted: bool  # used by an adopted plan: read-only
    filled: int  # shares with a value for the key's method
    count: int  # shares


@dataclass(frozen=True)
class RegionAdmin:
    id: int
    name: str
    municipalities: tuple[MunicipalityRow, ...]  # in the region's order
    sets: tuple[SetRow, ...]  # in the region's order
    keys: tuple[KeyRow, ...]  # by name


def load_region_admin(workspace, region_id: int) -> RegionAdmin | None:
    """The region's editor page; None when the region is gone."""
    with workspace.session() as session:
        region = session.get(Region, region_id)
        if region is None:
            return None
        return RegionAdmin(region.id, region.name, _municipality_rows(session, region_id),
                           _set_rows(session, region_id), _key_rows(session, region_id))


def _municipality_rows(session, region_id: int) -> tuple[MunicipalityRow, ...]:
    municipalities = session.scalars(select(Municipality).where(Municipality.region_id == region_id)
                                     .order_by(Municipality.position, Municipality.id))
    return tuple(MunicipalityRow(m.id, m.name, len(use_lines(session, m.id))) for m in municipalities)


def _set_rows(session, region_id: int) -> tuple[SetRow, ...]:
    sets = list(session.scalars(select(MunicipalitySet).where(MunicipalitySet.region_id == region_id)
                                .order_by(MunicipalitySet.position, MunicipalitySet.id)))
    used = set_users(session, [s.id for s in sets])
    rows = []
    for found in sets:
        members = sorted(found.members, key=lambda m: (m.position, m.id))
        rows.append(SetRow(found.id, found.code, found.name, tuple(m.id for m in members),
                           ", ".join(m.name for m in members), found.id in used))
    return tuple(rows)


def _filled(share: KeyShare, method: KeyMethod) -> bool:
    return (share.percentage if method is KeyMethod.PERCENTAGE else share.basis) is not None


def _key_rows(session, region_id: int) -> tuple[KeyRow, ...]:
    keys = session.scalars(select(AllocationKey).where(AllocationKey.region_id == region_id))
    plans: dict[int, list[Plan]] = defaultdict(list)
    for plan in session.scalars(select(Plan).where(Plan.region_id == region_id).order_by(Plan.year, Plan.id)):
        plans[plan.allocation_key_id].append(plan)
    rows = [KeyRow(k.id, k.name, k.method, k.basis_label, k.note, tuple(p.title for p in plans[k.id]),
                   any(p.status is PlanStatus.ADOPTED for p in plans[k.id]),
                   sum(_filled(s, k.method) for s in k.shares), len(k.shares))
            for k in keys]
    return tuple(sorted(rows, key=lambda r: (r.name.casefold(), r.id)))
