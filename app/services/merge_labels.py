"""The laptop copy's changes and conflicts in Dutch (issue 22): each row named as the user knows it
(“Reiskosten” 2023, project 3.1 “Jeugdhulp”), each column by its Dutch name, each value formatted
as the screens show it (€ 1.280.000, 11-11-2021). What has no name of its own falls back to the
table's Dutch name and the row's number.
"""
from __future__ import annotations

import enum
from datetime import date
from decimal import Decimal

from app.formatting import format_date, format_fte, format_half_days, format_money, format_number, format_percentage
from app.models.types import Money, ScaledDecimal
from app.services.three_way import (
    DELETED_OFFLINE,
    DELETED_ON_SERVER,
    Change,
    Conflict,
    Key,
    Merge,
    Side,
    key_text,
    references,
    table,
)

TABLE_NAMES = {
    "region": "regio", "allocation_key": "verdeelsleutel", "ambition": "ambitie", "indicator": "indicator",
    "municipality": "gemeente", "municipality_set": "gemeentenset", "indicator_target": "indicatordoel",
    "indicator_value": "indicatorwaarde", "key_share": "aandeel in een verdeelsleutel",
    "municipality_set_member": "gemeente in een set", "plan": "plan", "budget_group": "begrotingsgroep",
    "capacity": "formatie", "chapter": "hoofdstuk", "fixed_settlement": "vaste regioverrekening",
    "reporting_moment": "peilmoment", "fixed_settlement_amount": "bedrag van een vaste regioverrekening",
    "person": "medewerker", "printed_total": "gedrukt totaal", "project": "project", "action": "actie",
    "allocation": "personele inzet", "budget_line": "begrotingspost", "goal": "doel",
    "project_ambition": "ambitie bij een project", "action_occurrence": "status van een herhaalde actie",
    "budget_cell": "begrotingscel", "funding_source": "dekkingsbron", "line_forecast": "prognose",
    "status_record": "status op een peilmoment", "actual_entry": "boeking", "funding_amount": "dekkingsbedrag",
}

COLUMN_NAMES = {
    "amount": "bedrag", "marker": "markering", "marker_text": "markering zoals getypt", "note": "toelichting",
    "name": "naam", "title": "titel", "description": "omschrijving", "number": "nummer", "position": "volgorde",
    "status": "status", "owner": "eigenaar", "due_date": "uiterste datum", "due_text": "planning",
    "remark": "opmerking", "text": "tekst", "half_days": "dagdelen", "fte": "fte",
    "execution_fte": "fte voor uitvoering", "role": "rol", "sponsor_admin": "bestuurlijk opdrachtgever",
    "sponsor_official": "ambtelijk opdrachtgever", "contractor": "opdrachtnemer", "start_date": "begindatum",
    "end_date": "einddatum", "percentage": "percentage", "basis": "basisgetal", "year": "jaar",
    "adopted_on": "vastgesteld op", "adopted_by": "vastgesteld door", "group_id": "groep",
    "parent_id": "bovenliggend", "project_id": "project", "chapter_id": "hoofdstuk",
    "municipality_set_id": "gemeentenset", "stated_half_days": "genoemde dagdelen", "kind": "soort",
    "available_half_days": "beschikbare dagdelen", "capacity_id": "formatie", "person_id": "medewerker",
    "updated_on": "bijgewerkt op", "shows_subtotal": "toont subtotaal", "is_general": "algemeen",
    "value": "waarde", "member": "gemeente of organisatie", "reference": "kenmerk", "as_of": "stand op",
}

# Rows named by a column of their own.
NAMED_BY = {
    "region": "name", "allocation_key": "name", "ambition": "text", "indicator": "name", "municipality": "name",
    "municipality_set": "name", "plan": "title", "budget_group": "name", "capacity": "role",
    "fixed_settlement": "name", "reporting_moment": "name", "person": "name", "budget_line": "name",
    "goal": "text", "action": "description", "funding_source": "name", "actual_entry": "description",
}
# Rows of a year of something: named by that thing and the year ("“Reiskosten” 2023").
YEAR_OF = {
    "budget_cell": ("line_id", ""), "funding_amount": ("source_id", "dekking "),
    "fixed_settlement_amount": ("settlement_id", ""), "line_forecast": ("line_id", "prognose "),
    "indicator_value": ("indicator_id", ""), "indicator_target": ("indicator_id", "doel "),
    "printed_total": ("group_id", "gedrukt totaal "),
}
SHORT = 60  # characters of a text shown in a label


def quoted(text: str) -> str:
    text = " ".join(str(text).split())
    return f"“{text if len(text) <= SHORT else text[:SHORT - 1] + '…'}”"


class Labeller:
    """Names rows as they were when the copy was taken (what both sides may have renamed since),
    else as the server has them, else as the laptop has them (added offline)."""

    def __init__(self, merge: Merge) -> None:
        self.sides: list[Side] = [merge.base, merge.theirs, merge.mine]

    def row(self, name: str, key: Key) -> dict | None:
        return next((s.get(name, key) for s in self.sides if s.get(name, key) is not None), None)

    def label(self, name: str, key: Key) -> str:
        row = self.row(name, key)
        what = TABLE_NAMES.get(name, name)
        if row is None:
            return f"{what} {key_text(key)}"
        if name in YEAR_OF:
            column, prefix = YEAR_OF[name]
            owner = self._name_of(references(table(name))[column], row[column])
            return f"{prefix}{owner or what} {row.get('year', '')}".strip()
        if name == "project":
            return f"project {row['number']} {quoted(row['title'])}".replace("  ", " ")
        if name == "chapter":
            return f"hoofdstuk {row['number']} {quoted(row['title'])}".replace("  ", " ")
        if name in ("action", "goal"):
            project = self.row("project", row["project_id"]) or {"number": "?"}
            return f"{what} {quoted(row[NAMED_BY[name]])} van project {project['number']}".replace("  ", " ")
        if name in NAMED_BY:
            return f"{what} {quoted(row[NAMED_BY[name]])}"
        return f"{what} {key_text(key)}"

    def _name_of(self, name: str, key: Key) -> str:
        row = self.row(name, key) if key is not None else None
        if row is None or name not in NAMED_BY:
            return ""
        return quoted(row[NAMED_BY[name]])

    def value(self, name: str, column: str, value) -> str:
        """A value as the screens show it; a reference as the row it names."""
        if value is None or value == "":
            return "leeg"
        parent = references(table(name)).get(column)
        if parent is not None:
            return self.label(parent, value)
        kind = table(name).c[column].type
        if isinstance(kind, Money):
            return format_money(value)
        if isinstance(kind, ScaledDecimal):
            return _scaled(column, value)
        return _plain(value)


def _scaled(column: str, value: Decimal) -> str:
    if "half_days" in column:
        return format_half_days(value)
    if "fte" in column:
        return format_fte(value)
    if column == "percentage":
        return format_percentage(value)
    return format_number(value, 2 if value != value.to_integral_value() else 0)


def _plain(value) -> str:
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, str):
        return quoted(value)
    return str(value)


def column_name(column: str) -> str:
    return COLUMN_NAMES.get(column, column)


def describe(merge: Merge) -> None:
    """Fill in the Dutch texts of every change and conflict."""
    names = Labeller(merge)
    for change in merge.changes:
        change.text = change_text(names, change)
    for conflict in merge.conflicts:
        _describe_conflict(names, conflict)


def change_text(names: Labeller, change: Change) -> str:
    label = names.label(change.table, change.key)
    if change.kind == "nieuw":
        amount = change.values.get("amount")
        shown = f": {names.value(change.table, 'amount', amount)}" if amount is not None else ""
        return f"Nieuw: {label}{shown}"
    if change.kind == "verwijderd":
        return f"Verwijderd: {label}"
    parts = [f"{column_name(c)} {names.value(change.table, c, change.before[c])} → "
             f"{names.value(change.table, c, v)}" for c, v in change.values.items()]
    return f"{label[:1].upper()}{label[1:]}: {'; '.join(parts)}"


def _describe_conflict(names: Labeller, conflict: Conflict) -> None:
    label = names.label(conflict.table, conflict.key)
    under = len(conflict.rows) - 1
    with_rows = f" (met {under} onderliggende {'rij' if under == 1 else 'rijen'})" if under else ""
    if conflict.kind == DELETED_OFFLINE:
        conflict.label = f"{label}{with_rows}: offline verwijderd, op de server intussen gewijzigd"
        conflict.mine_text, conflict.theirs_text = "verwijderen", "houden zoals op de server"
    elif conflict.kind == DELETED_ON_SERVER:
        conflict.label = f"{label}{with_rows}: offline gewijzigd, op de server intussen verwijderd"
        conflict.mine_text, conflict.theirs_text = "terugzetten zoals offline", "verwijderd laten"
    else:
        conflict.label = f"{label}, {column_name(conflict.column)}"
        conflict.base_text = names.value(conflict.table, conflict.column, conflict.base)
        conflict.mine_text = names.value(conflict.table, conflict.column, conflict.mine)
        conflict.theirs_text = names.value(conflict.table, conflict.column, conflict.theirs)
