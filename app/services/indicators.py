"""The monitor's indicators: defined once per region, a value per year (of the whole, or per
municipality or organisation), a target per year; as tables and as plain data.

An indicator's whole in a year is the value entered for the whole; else, for an additive
indicator only, the sum of its members' values; a non-additive one (unique clients, a percentage,
days) never shows a sum: its members' values do not add up to anything meaningful. Every edit is
one transaction returning what its undo needs.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from app.formatting import format_amount, format_money, format_number, format_percentage
from app.models import Municipality, Plan, Region
from app.models.indicators import Breakdown, Indicator, IndicatorTarget, IndicatorUnit, IndicatorValue
from app.models.numbers import fixed, has_more_places
from app.services.edit_errors import EditError
from app.services.editing import Stale, clean_text, existing, refuse_stale

GONE = "Deze indicator bestaat niet meer."
NAME_MOST = 200
COUNTS = (IndicatorUnit.NUMBER, IndicatorUnit.CLIENTS, IndicatorUnit.DAYS)
LARGEST = Decimal("999999999999.99")  # as an amount: what a file may hold (verify_values)
SHOWS = "de monitor toont nu de nieuwe waarden"


def format_value(value: Decimal | None, unit: IndicatorUnit) -> str:
    """Dutch, in the indicator's unit: "12,5 %", "€ 1.250", "1.234", "14 dagen"."""
    if value is None:
        return ""
    if unit is IndicatorUnit.PERCENTAGE:
        return format_percentage(value, 2 if has_more_places(value, 1) else 1)
    if unit is IndicatorUnit.EURO:
        return format_money(value)
    if unit is IndicatorUnit.DAYS:
        return f"{format_amount(value)} {'dag' if value == 1 else 'dagen'}"
    return format_amount(value) if value != value.to_integral_value() else format_number(int(value))


def parse_value(text: str, unit: IndicatorUnit) -> Decimal | None:
    """A value as typed or read from a file (Dutch notation; the unit may be typed along: "12,5 %",
    "€ 1.250", "14 dagen"); None when blank or a dash; InputError (Dutch) otherwise."""
    from app.services.cell_input import parse_amount

    cleaned = text.strip()
    if unit is IndicatorUnit.PERCENTAGE:
        cleaned = cleaned.replace("%", "")
    elif unit is IndicatorUnit.DAYS:
        for word in ("dagen", "dag"):
            if cleaned.lower().endswith(word):
                cleaned = cleaned[:-len(word)]
                break
    cleaned = cleaned.strip()
    if cleaned in ("", "-", "–"):
        return None
    return parse_amount(cleaned)


# --- definitions ---------------------------------------------------------------------------------------

def add_indicator(workspace, region_id: int, name: str, unit: IndicatorUnit = IndicatorUnit.NUMBER,
                  additive: bool = False, breakdown: Breakdown = Breakdown.NONE, source: str = "",
                  definition: str = "") -> int:
    with workspace.transaction() as session:
        existing(session, Region, region_id, "Deze regio bestaat niet meer.")
        name = clean_text(name, "De naam van de indicator", NAME_MOST, collapse=True,
                          needed="Een indicator heeft een naam nodig.")
        if session.scalar(select(Indicator.id).where(Indicator.region_id == region_id, Indicator.name == name)):
            raise EditError(f"Er is al een indicator “{name}” in deze regio; kies een andere naam.")
        if unit is IndicatorUnit.PERCENTAGE and additive:
            raise EditError("Percentages tellen niet op: een indicator in procenten is nooit optelbaar.")
        position = len(list(session.scalars(select(Indicator.id).where(Indicator.region_id == region_id))))
        indicator = Indicator(region_id=region_id, position=position, name=name, unit=unit, additive=additive,
                              breakdown=breakdown, source=clean_text(source, "De bron", 300, collapse=True),
                              definition=clean_text(definition, "De definitie", 5000))
        session.add(indicator)
        session.flush()
        return indicator.id


def delete_indicator(workspace, indicator_id: int) -> dict:
    """Delete an indicator with its values and targets; returns them for :func:`restore_indicator`."""
    with workspace.transaction() as session:
        existing(session, Indicator, indicator_id, GONE)
        snapshot = {}
        for model in (Indicator, IndicatorValue, IndicatorTarget):
            table = model.__table__
            column = table.c.id if model is Indicator else table.c.indicator_id
            snapshot[table.name] = [dict(r._mapping) for r in session.execute(select(table).where(column == indicator_id))]
        session.execute(delete(Indicator.__table__).where(Indicator.__table__.c.id == indicator_id))
        return snapshot


def restore_indicator(workspace, snapshot: dict) -> None:
    with workspace.transaction() as session:
        for model in (Indicator, IndicatorValue, IndicatorTarget):
            rows = snapshot.get(model.__table__.name, [])
            if rows:
                session.execute(insert(model.__table__), rows)


# --- values ---------------------------------------------------------------------------------------------

def checked_value(indicator: Indicator, value) -> Decimal:
    """``value`` as stored for ``indicator``, or EditError (Dutch) by its unit's rules."""
    try:
        number = fixed(value, 2, "waarde")
    except (TypeError, ValueError) as exc:
        raise EditError(f"{indicator.name}: {exc}") from None
    if abs(number) > LARGEST:
        raise EditError(f"{indicator.name}: {format_amount(number)} is groter dan het maximum van "
                        f"{format_amount(LARGEST)}.")
    if indicator.unit is IndicatorUnit.PERCENTAGE and not Decimal(0) <= number <= Decimal(100):
        raise EditError(f"{indicator.name}: een percentage ligt tussen 0 en 100, niet {format_amount(number)}.")
    if indicator.unit in COUNTS and number < 0:
        raise EditError(f"{indicator.name}: een aantal is niet negatief ({format_amount(number)}).")
    return number


def checked_member(session: Session, indicator: Indicator, member: str) -> str:
    """``member`` as stored (a municipality in the region's spelling), or EditError (Dutch)."""
    member = clean_text(member, "De gemeente of organisatie", NAME_MOST, collapse=True)
    if not member or indicator.breakdown is Breakdown.ORGANISATION:
        return member
    if indicator.breakdown is Breakdown.NONE:
        raise EditError(f"{indicator.name} heeft één waarde per jaar, niet per gemeente of organisatie.")
    names = list(session.scalars(select(Municipality.name).where(Municipality.region_id == indicator.region_id)))
    found = next((n for n in names if n.casefold() == member.casefold()), None)
    if found is None:
        raise EditError(f"“{member}” is geen gemeente van deze regio; kies uit {', '.join(names)}.")
    return found


def set_value(workspace, indicator_id: int, year: int, value, member: str = "", note: str | None = None,
              expected: dict | None = None) -> tuple | None:
    """A value of a year (None: removed), of the whole or of a member; returns the old (value, note)
    or None, for :func:`restore_value`.

    ``expected``: what the user saw, ``{"value": the stored value or None}`` and, when it was shown,
    ``"note"``; None: nothing to check. Where the file holds something else now, someone changed it
    meanwhile: ConflictError naming the indicator, member and year, what it is now, what was seen and
    who changed it when; nothing is written."""
    with workspace.transaction() as session:
        return _set_value(session, indicator_id, year, value, member, note, expected)[3]


def _locked_row(session: Session, query, expected):
    """The row ``query`` finds, read afresh and, when something is expected, under a lock."""
    if expected is not None:
        query = query.with_for_update()
    return session.scalar(query.execution_options(populate_existing=True))


def _number(value):
    try:
        return None if value is None else fixed(value, 2, "waarde")
    except (TypeError, ValueError):
        return value


def _refuse(session: Session, table: str, key: str, what: str, now: tuple, seen: tuple, show) -> None:
    """Refuse where ``now`` differs from ``seen`` (pairs of (field name, value))."""
    stale = [Stale(table, key, f"{name} {what} is nu {show(field_name, a)} (u zag {show(field_name, b)})")
             for (field_name, name, a), (_f, _n, b) in zip(now, seen) if a != b]
    refuse_stale(session, stale, SHOWS)


def _refuse_stale_value(session: Session, indicator: Indicator, year: int, member: str, row, expected) -> None:
    if expected is None:
        return
    now = [("value", "De waarde van", row.value if row is not None else None)]
    seen = [("value", "De waarde van", _number(expected.get("value")))]
    if expected.get("note") is not None:
        now.append(("note", "De toelichting bij", row.note if row is not None else ""))
        seen.append(("note", "De toelichting bij", str(expected["note"]).strip()))

    def show(field_name, value):
        if field_name == "note":
            from app.services.editing import shown_value

            return shown_value(value)
        return "leeg" if value is None else format_value(value, indicator.unit)

    whose = f" voor {member}" if member else ""
    _refuse(session, "indicator_value", f"{indicator.id}/{member}/{year}",
            f"indicator “{indicator.name}”{whose} in {year}", tuple(now), tuple(seen), show)


def _set_value(session: Session, indicator_id: int, year: int, value, member: str, note: str | None,
               expected: dict | None = None) -> tuple:
    """(indicator id, year, member as stored, the old (value, note) or None)."""
    indicator = existing(session, Indicator, indicator_id, GONE)
    member = checked_member(session, indicator, member)
    if not 1900 <= int(year) <= 2200:
        raise EditError(f"Het jaar {year} ligt niet tussen 1900 en 2200.")
    row = _locked_row(session, select(IndicatorValue).where(
        IndicatorValue.indicator_id == indicator_id, IndicatorValue.year == year, IndicatorValue.member == member),
        expected)
    _refuse_stale_value(session, indicator, year, member, row, expected)
    old = (row.value, row.note) if row is not None else None
    if value is None:
        if row is not None:
            session.delete(row)
            session.flush()  # a value set again in the same transaction finds the row gone
        return indicator_id, year, member, old
    number = checked_value(indicator, value)
    note = clean_text(note if note is not None else (row.note if row else ""), "De toelichting", 5000)
    if row is None:
        session.add(IndicatorValue(indicator_id=indicator_id, year=year, member=member, value=number, note=note))
        session.flush()
    else:
        row.value, row.note = number, note
    return indicator_id, year, member, old


@dataclass(frozen=True, slots=True)
class ValueChange:
    """One value of an import or a pasted block: (indicator, year, member) to ``value`` (None: removed)."""

    indicator_id: int
    year: int
    value: Decimal | None
    member: str = ""
    note: str | None = None


def set_values(workspace, changes: Sequence[ValueChange],
               targets: Sequence[tuple[int, int, Decimal | None]] = ()) -> list[tuple]:
    """Several values (and targets: (indicator id, year, value or None)) in one transaction, all or
    none: the first problem is refused naming its row ("Rij 3: ..."; the targets counted after the
    values). Returns, per change, (indicator id, year, member, old (value, note) or None), and per
    target (indicator id, year, None, old target), for :func:`restore_values`."""
    olds = []
    with workspace.transaction() as session:
        for number, change in enumerate(changes, start=1):
            try:
                olds.append(_set_value(session, change.indicator_id, change.year, change.value, change.member,
                                       change.note))
            except EditError as exc:
                raise EditError(f"Rij {number}: {exc.message}") from None
        for number, (indicator_id, year, value) in enumerate(targets, start=len(changes) + 1):
            try:
                olds.append((indicator_id, year, None, _set_target(session, indicator_id, year, value)))
            except EditError as exc:
                raise EditError(f"Rij {number}: {exc.message}") from None
    return olds


def restore_values(workspace, olds: Sequence[tuple]) -> None:
    """The undo of :func:`set_values` (applied in reverse)."""
    with workspace.transaction() as session:
        for indicator_id, year, member, old in reversed(list(olds)):
            if member is None:  # a target
                _set_target(session, indicator_id, year, old)
            else:
                _set_value(session, indicator_id, year, None if old is None else old[0], member,
                           None if old is None else old[1])


def restore_value(workspace, indicator_id: int, year: int, member: str, old: tuple | None) -> None:
    set_value(workspace, indicator_id, year, None if old is None else old[0], member,
              None if old is None else old[1])


def set_target(workspace, indicator_id: int, year: int, value, expected: dict | None = None) -> Decimal | None:
    """The target of a year (None: none); returns the old one. ``expected``: ``{"value": the target
    the user saw or None}``, refused as :func:`set_value` refuses; None: nothing to check."""
    with workspace.transaction() as session:
        return _set_target(session, indicator_id, year, value, expected)


def _set_target(session: Session, indicator_id: int, year: int, value, expected: dict | None = None) -> Decimal | None:
    indicator = existing(session, Indicator, indicator_id, GONE)
    row = _locked_row(session, select(IndicatorTarget).where(IndicatorTarget.indicator_id == indicator_id,
                                                             IndicatorTarget.year == year), expected)
    old = row.value if row is not None else None
    if expected is not None:
        _refuse(session, "indicator_target", f"{indicator_id}/{year}",
                f"indicator “{indicator.name}” in {year}", (("value", "De streefwaarde van", old),),
                (("value", "De streefwaarde van", _number(expected.get("value"))),),
                lambda _f, v: "leeg" if v is None else format_value(v, indicator.unit))
    if value is None:
        if row is not None:
            session.delete(row)
            session.flush()
        return old
    number = checked_value(indicator, value)
    if row is None:
        session.add(IndicatorTarget(indicator_id=indicator_id, year=year, value=number))
        session.flush()
    else:
        row.value = number
    return old


# --- reading -------------------------------------------------------------------------------------------

@dataclass
class IndicatorTable:
    id: int
    name: str
    unit: IndicatorUnit
    additive: bool
    breakdown: Breakdown
    source: str
    definition: str
    years: list[int]
    members: list[tuple[str, dict[int, Decimal]]] = field(default_factory=list)  # in the region's / a-z order
    whole: dict[int, Decimal | None] = field(default_factory=dict)
    whole_is_sum: dict[int, bool] = field(default_factory=dict)  # True: the members added up (additive only)
    targets: dict[int, Decimal] = field(default_factory=dict)
    notes: dict[tuple[str, int], str] = field(default_factory=dict)

    def text(self, value: Decimal | None) -> str:
        return format_value(value, self.unit)


def indicator_table(session: Session, indicator_id: int) -> IndicatorTable:
    indicator = existing(session, Indicator, indicator_id, GONE)
    values = list(session.scalars(select(IndicatorValue).where(IndicatorValue.indicator_id == indicator_id)))
    targets = {t.year: t.value for t in session.scalars(
        select(IndicatorTarget).where(IndicatorTarget.indicator_id == indicator_id))}
    years = sorted({v.year for v in values} | set(targets))
    table = IndicatorTable(indicator.id, indicator.name, indicator.unit, indicator.additive, indicator.breakdown,
                           indicator.source, indicator.definition, years, targets=targets)
    by_member: dict[str, dict[int, Decimal]] = {}
    whole: dict[int, Decimal] = {}
    for v in values:
        if v.member:
            by_member.setdefault(v.member, {})[v.year] = v.value
        else:
            whole[v.year] = v.value
        if v.note:
            table.notes[(v.member, v.year)] = v.note
    order = {name: i for i, name in enumerate(session.scalars(
        select(Municipality.name).where(Municipality.region_id == indicator.region_id)
        .order_by(Municipality.position, Municipality.id)))}
    table.members = sorted(by_member.items(), key=lambda item: (order.get(item[0], len(order)), item[0].casefold()))
    for year in years:
        if year in whole:
            table.whole[year], table.whole_is_sum[year] = whole[year], False
        elif indicator.additive and any(year in m for _name, m in table.members):
            table.whole[year] = sum((m[year] for _name, m in table.members if year in m), Decimal(0))
            table.whole_is_sum[year] = True
        else:
            table.whole[year], table.whole_is_sum[year] = None, False  # never a sum of what does not add up
    return table


def region_indicators(session: Session, region_id: int) -> list[IndicatorTable]:
    return [indicator_table(session, i) for i in session.scalars(
        select(Indicator.id).where(Indicator.region_id == region_id).order_by(Indicator.position, Indicator.id))]


def indicators_json(session: Session, plan: Plan) -> list[dict]:
    """The region's indicators for ``summary --json``: values as strings, years as string keys;
    ``whole`` null where a non-additive indicator has no whole entered."""
    def text(value):
        return None if value is None else f"{value}"

    return [{"name": t.name, "unit": t.unit.value, "additive": t.additive, "breakdown": t.breakdown.value,
             "source": t.source or None,
             "whole": {str(y): text(v) for y, v in t.whole.items()},
             "whole_is_sum": {str(y): s for y, s in t.whole_is_sum.items()},
             "targets": {str(y): text(v) for y, v in t.targets.items()},
             "members": {name: {str(y): text(v) for y, v in values.items()} for name, values in t.members}}
            for t in region_indicators(session, plan.region_id)]


# --- the Monitor page's read ----------------------------------------------------------------------------


@dataclass
class MonitorData:
    region_id: int
    region: str
    municipalities: list[str]  # in the region's order
    indicators: list = field(default_factory=list)  # app.services.indicators.IndicatorTable, in order


def load_monitor(workspace, region_id: int) -> MonitorData | None:
    """The region's name, its municipalities and every indicator's table; None when it is gone."""
    from app.services.region_admin import load_region_admin

    admin = load_region_admin(workspace, region_id)
    if admin is None:
        return None
    with workspace.session() as session:
        tables = region_indicators(session, region_id)
    return MonitorData(region_id, admin.name, [m.name for m in admin.municipalities], tables)
