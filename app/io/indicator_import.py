"""Import the monitor's figures from a CSV or a sheet (issue 21, point 3). No Qt.

    preview = preview_indicators(grid, workspace, region_id)   # every row checked; nothing written
    olds = apply_indicators(workspace, preview)                 # one transaction (one undo step)
    undo_indicators(workspace, olds)                            # the undo, one transaction

The header row is the first (of :data:`~app.io.budget_import.HEADER_SCAN`) naming the columns
"Indicator", "Jaar" and "Waarde"; optional are "Gemeente" and/or "Organisatie" (empty: the
whole), "Doel" (or "Norm": the year's target) and "Toelichting" (the value's note). A row per
value:

    Indicator;Jaar;Organisatie;Waarde;Doel;Toelichting
    Unieke cliënten;2022;Horizon;131;;
    Binnen 6 weken geholpen;2022;;71,25;75;

Numbers are numbers or Dutch text ("1.234,5", "12,5 %", "€ 1.250", "14 dagen"); a percentage
typed as 12,5 (a cell formatted as a percentage, 0,125, is read as 12,5). Every row is checked
first, by the rules of app.services.indicators (the indicator must be the region's, a percentage
lies between 0 and 100, a count is not negative, a municipality must be the region's, an
indicator without a breakdown takes no member); the first problem refuses the whole file,
naming the row and the cell, and nothing is written.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from app.io.budget_import import HEADER_SCAN, BudgetImportError, header_word, words, _text
from app.io.readers import Grid
from app.models.indicators import Indicator, IndicatorUnit
from app.services.cell_input import InputError
from app.services.edit_errors import EditError
from app.services.indicators import parse_value

INDICATOR_HEADERS = ("indicator", "naam indicator", "indicatornaam")
YEAR_HEADERS = ("jaar", "peiljaar")
VALUE_HEADERS = ("waarde", "aantal", "stand")
MUNICIPALITY_HEADERS = ("gemeente",)
ORGANISATION_HEADERS = ("organisatie", "aanbieder", "zorgaanbieder")
TARGET_HEADERS = ("doel", "norm", "streefwaarde")
NOTE_HEADERS = ("toelichting", "opmerking", "notitie")


@dataclass(frozen=True)
class IndicatorColumns:
    """Which column (0-based) holds what; None: not in the file."""

    indicator: int
    year: int
    value: int
    municipality: int | None = None
    organisation: int | None = None
    target: int | None = None
    note: int | None = None


@dataclass(frozen=True)
class IndicatorRow:
    row: int  # the row's number in the file (1-based)
    indicator_id: int
    indicator: str  # its name as the region has it
    year: int
    member: str  # "" the whole, else the municipality (as the region spells it) or organisation
    value: Decimal | None  # None: the row gives only a target
    target: Decimal | None
    note: str | None  # None: no Toelichting column (a note already there is kept)


@dataclass
class IndicatorPreview:
    sheet: str
    header_row: int  # 0-based
    columns: IndicatorColumns
    rows: list[IndicatorRow] = field(default_factory=list)

    def counts(self) -> dict[str, tuple[int, int]]:
        """Per indicator (by name, in the file's order): (values, targets) the import writes."""
        result: dict[str, tuple[int, int]] = {}
        for row in self.rows:
            values, targets = result.get(row.indicator, (0, 0))
            result[row.indicator] = (values + (row.value is not None), targets + (row.target is not None))
        return result

    def changes(self) -> list:
        """The values as app.services.indicators.ValueChange, for set_values (in the file's order)."""
        from app.services.indicators import ValueChange

        return [ValueChange(r.indicator_id, r.year, r.value, r.member, r.note) for r in self.rows
                if r.value is not None]

    def targets(self) -> list[tuple[int, int, Decimal]]:
        """(indicator id, year, target) per target, once each."""
        return list(dict.fromkeys((r.indicator_id, r.year, r.target) for r in self.rows if r.target is not None))



def find_columns(grid: Grid) -> tuple[int, IndicatorColumns]:
    """The header row and the columns it names; BudgetImportError (Dutch) when there is none."""
    wanted = {"indicator": INDICATOR_HEADERS, "year": YEAR_HEADERS, "value": VALUE_HEADERS,
              "municipality": MUNICIPALITY_HEADERS, "organisation": ORGANISATION_HEADERS,
              "target": TARGET_HEADERS, "note": NOTE_HEADERS}
    for index, row in enumerate(grid.rows[:HEADER_SCAN]):
        headers_here = [header_word(c.value) for c in row]
        found: dict[str, int] = {}
        for name, headers in wanted.items():
            column = next((col for col, word in enumerate(headers_here) if word in headers and col not in found.values()),
                          None)
            if column is not None:
                found[name] = column
        if {"indicator", "year", "value"} <= found.keys():
            return index, IndicatorColumns(**found)
    raise BudgetImportError(
        f"Op blad “{grid.sheet}” staat geen kopregel met de kolommen “Indicator”, “Jaar” en “Waarde”; "
        "zet boven de cijfers een kopregel met die drie kolommen (en eventueel “Gemeente” of "
        "“Organisatie”, “Doel” en “Toelichting”).")


def read_number(cell, unit: IndicatorUnit) -> Decimal | None:
    """A cell's number in the indicator's unit; None when empty; InputError (Dutch) otherwise."""
    value = cell.value if cell is not None else None
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, Decimal)):
        raise InputError(f"'{_text(value)}' is geen getal.")
    if isinstance(value, (int, Decimal)):
        number = Decimal(value)
        if cell.percent and unit is IndicatorUnit.PERCENTAGE:
            number *= 100  # 0,125 shown as 12,5 %
        return number
    return parse_value(value, unit)


def preview_indicators(grid: Grid, workspace, region_id: int,
                       columns: IndicatorColumns | None = None) -> IndicatorPreview:
    """Every row of the file, checked against the region's indicators and the service's rules;
    the first problem refuses the file (EditError or BudgetImportError, Dutch, naming the row)."""
    from app.services.indicators import checked_member, checked_value, region_indicators

    if columns is None:
        header, columns = find_columns(grid)
    else:
        header = 0
    preview = IndicatorPreview(grid.sheet, header, columns)
    seen: dict[tuple[int, int, str], int] = {}
    targets: dict[tuple[int, int], tuple[Decimal, int]] = {}
    with workspace.session() as session:
        indicators = [session.get(Indicator, table.id) for table in region_indicators(session, region_id)]
        by_name = {words(i.name): i for i in indicators}
        for index in range(header + 1, grid.height):
            row = grid.rows[index]
            if all(cell.value in (None, "") for cell in row):
                continue
            number = index + 1

            def cell(col):
                return row[col] if col is not None and col < len(row) else None

            def where(col) -> str:
                found = cell(col)
                return f"Rij {number} (cel {found.ref}): " if found is not None else f"Rij {number}: "

            name = _text(cell(columns.indicator).value if cell(columns.indicator) else None)
            indicator = by_name.get(words(name))
            if indicator is None:
                known = ", ".join(f"“{i.name}”" for i in indicators) or "(nog geen)"
                raise EditError(f"{where(columns.indicator)}“{name or '(leeg)'}” is geen indicator van deze "
                                f"regio. De indicatoren zijn: {known}. Voeg een nieuwe eerst toe op de "
                                "pagina Monitor.")
            year = _year(cell(columns.year), where(columns.year))
            member, member_col = "", None
            for col in (columns.municipality, columns.organisation):
                if cell(col) is not None and _text(cell(col).value):
                    member = _text(cell(col).value)
                    member_col = col
                    break
            try:
                member = checked_member(session, indicator, member) if member else ""
            except EditError as exc:
                raise EditError(f"{where(member_col)}{exc.message}") from None
            value = _checked(indicator, cell(columns.value), where(columns.value), checked_value)
            target = _checked(indicator, cell(columns.target), where(columns.target), checked_value)
            if value is None and target is None:
                raise EditError(f"{where(columns.value)}er staat geen waarde (en geen doel).")
            if value is not None:
                key = (indicator.id, year, member.casefold())
                if key in seen:
                    raise EditError(f"Rij {number}: {indicator.name} {year}"
                                    f"{' ' + member if member else ''} staat ook al op rij {seen[key]}; "
                                    "laat één van de twee weg.")
                seen[key] = number
            if target is not None:
                earlier = targets.get((indicator.id, year))
                if earlier is not None and earlier[0] != target:
                    raise EditError(f"{where(columns.target)}het doel van {indicator.name} in {year} staat "
                                    f"op rij {earlier[1]} anders; een jaar heeft één doel.")
                targets[(indicator.id, year)] = (target, number)
            note = None
            if columns.note is not None:
                note = _text(cell(columns.note).value) if cell(columns.note) is not None else ""
            preview.rows.append(IndicatorRow(number, indicator.id, indicator.name, year, member, value, target,
                                             note))
    if not preview.rows:
        raise BudgetImportError(f"Op blad “{grid.sheet}” staan onder de kopregel geen waarden.")
    return preview


def _checked(indicator, cell, where: str, check) -> Decimal | None:
    try:
        number = read_number(cell, indicator.unit)
        return None if number is None else check(indicator, number)
    except InputError as exc:
        raise EditError(f"{where}{exc.message}") from None
    except EditError as exc:
        raise EditError(f"{where}{exc.message}") from None


def _year(cell, where: str) -> int:
    value = cell.value if cell is not None else None
    text = _text(value)
    if not text:
        raise EditError(f"{where}er staat geen jaar.")
    if text.isdigit() and len(text) == 4 and 1900 <= int(text) <= 2200:
        return int(text)
    raise EditError(f"{where}“{text}” is geen jaartal (typ bijvoorbeeld 2022).")


def apply_indicators(workspace, preview: IndicatorPreview) -> list[tuple]:
    """Write every value (and target) of the preview in ONE transaction (the service's set_values:
    all or none); returns what :func:`undo_indicators` needs.

    The targets go with the values, in the same transaction."""
    from app.services import indicators

    return indicators.set_values(workspace, preview.changes(), targets=preview.targets())


def undo_indicators(workspace, olds: list[tuple]) -> None:
    """Every value (and target) back as it was before :func:`apply_indicators`, in one transaction."""
    from app.services.indicators import restore_values

    restore_values(workspace, olds)
