"""Import realisatie from an export of the financial administration (a CSV or a sheet). No Qt.

    preview = preview_actuals(grid, workspace, plan_id)   # the bookings, or why not; nothing written
    ids = apply_actuals(workspace, plan_id, preview)       # one transaction (one undo step in the GUI)

The header row is the first (of :data:`~app.io.budget_import.HEADER_SCAN`) with a date column
("Datum", "Boekdatum", "Factuurdatum"), an amount column ("Bedrag", "Bedrag incl. btw", ...)
and a column naming what it is booked on ("Post", "Begrotingspost", "Kostenplaats", "Dekking",
"Bron"). Optional: the budget year ("Jaar", "Boekjaar"; else the date's year), the kind
("Soort": realisatie, verplichting), a description ("Omschrijving") and a reference ("Kenmerk",
"Factuurnummer", "Boekstuk"). A :class:`ActualsColumns` given by the caller (the columns the user
chose once, remembered by the GUI) replaces the search.

Per row: an empty row is skipped; the post is a line of the plan by its name, or by "Groep › Post"
where names repeat (case and spaces ignored), or a funding source by its name (income received);
amounts are numbers or Dutch text ("1.234,56", "-250,00", "€ 1.000,-"); dates are dates or
Dutch text ("31-12-2022"). Any problem refuses the whole file, naming the row and the cell, and
nothing is written: half an import is worse than none.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from app.io.budget_import import HEADER_SCAN, BudgetImportError, header_word, read_value, words, _text
from app.io.readers import Grid
from app.models import Plan
from app.models.actuals import ActualKind
from app.services.actuals import EntryValues, add_entries, checked, targets
from app.services.cell_input import InputError
from app.services.edit_errors import EditError
from app.services.project_edit import parse_date_nl

DATE_HEADERS = ("datum", "boekdatum", "factuurdatum", "betaaldatum", "transactiedatum")
AMOUNT_HEADERS = ("bedrag", "bedrag (€)", "bedrag €", "bedrag incl. btw", "bedrag excl. btw", "saldo", "waarde")
TARGET_HEADERS = ("post", "begrotingspost", "kostenplaats", "kostensoort", "dekking", "bron", "bron van dekking")
YEAR_HEADERS = ("jaar", "boekjaar", "begrotingsjaar")
KIND_HEADERS = ("soort", "type", "soort boeking")
DESCRIPTION_HEADERS = ("omschrijving", "toelichting", "tekst", "crediteur", "relatie")
REFERENCE_HEADERS = ("kenmerk", "factuurnummer", "boekstuk", "boekstuknummer", "referentie", "factuur")

KIND_WORDS = {"": ActualKind.REALISED, "realisatie": ActualKind.REALISED, "gerealiseerd": ActualKind.REALISED,
              "betaald": ActualKind.REALISED, "uitgave": ActualKind.REALISED, "ontvangen": ActualKind.REALISED,
              "verplichting": ActualKind.COMMITTED, "verplicht": ActualKind.COMMITTED,
              "besteld": ActualKind.COMMITTED, "order": ActualKind.COMMITTED}


@dataclass(frozen=True)
class ActualsColumns:
    """Which column (0-based) holds what; None: not in the file."""

    date: int
    amount: int
    target: int
    year: int | None = None
    kind: int | None = None
    description: int | None = None
    reference: int | None = None


@dataclass
class ActualsPreview:
    sheet: str
    header_row: int  # 0-based
    columns: ActualsColumns
    entries: list[EntryValues] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)  # each entry's row number in the file (1-based)

    def totals(self) -> dict[tuple[int, str], tuple[int, Decimal]]:
        """(year, "uitgaven" / "verplichtingen" / "ontvangsten") -> (how many, their sum)."""
        result: dict[tuple[int, str], tuple[int, Decimal]] = {}
        for entry in self.entries:
            what = ("ontvangsten" if entry.source_id is not None else
                    "verplichtingen" if entry.kind is ActualKind.COMMITTED else "uitgaven")
            count, total = result.get((entry.year, what), (0, Decimal("0.00")))
            result[(entry.year, what)] = (count + 1, total + entry.amount)
        return result




def find_columns(grid: Grid) -> tuple[int, ActualsColumns]:
    """The header row and the columns it names; BudgetImportError (Dutch) when there is none."""
    wanted = {"date": DATE_HEADERS, "amount": AMOUNT_HEADERS, "target": TARGET_HEADERS, "year": YEAR_HEADERS,
              "kind": KIND_HEADERS, "description": DESCRIPTION_HEADERS, "reference": REFERENCE_HEADERS}
    for index, row in enumerate(grid.rows[:HEADER_SCAN]):
        headers_here = [header_word(c.value) for c in row]
        found: dict[str, int] = {}
        for name, headers in wanted.items():
            for col, word in enumerate(headers_here):
                if word in headers and col not in found.values():
                    found[name] = col
                    break
        if {"date", "amount", "target"} <= found.keys():
            return index, ActualsColumns(**found)
    raise BudgetImportError(
        f"Op blad “{grid.sheet}” staat geen kopregel met een kolom “Datum”, een kolom “Bedrag” en een kolom "
        "“Post” (of “Kostenplaats”, “Dekking”); dit lijkt geen export van boekingen. Zet boven de boekingen "
        "een kopregel met in elk geval die drie kolommen, of kies de kolommen zelf.")


def _key(text: str) -> str:
    return " ".join(text.replace("›", " › ").split()).casefold()


def preview_actuals(grid: Grid, workspace, plan_id: int, columns: ActualsColumns | None = None) -> ActualsPreview:
    """Every booking of the file, checked against the plan; the first problem refuses the file."""
    if columns is None:
        header, columns = find_columns(grid)
    else:
        header = 0
    with workspace.session() as session:
        plan = session.get(Plan, plan_id)
        if plan is None:
            raise EditError("Dit plan bestaat niet meer.")
        found = targets(session, plan)
    lines = {}
    for line_id, label in found.lines.items():  # a repeated name is labelled "Groep › Post"
        lines.setdefault(_key(label), line_id)
    sources = {_key(name): source_id for source_id, name in found.sources.items()}
    preview = ActualsPreview(grid.sheet, header, columns)
    for index in range(header + 1, grid.height):
        row = grid.rows[index]
        if all(cell.value in (None, "") for cell in row):
            continue
        number = index + 1

        def cell(col):
            return row[col] if col is not None and col < len(row) else None

        def where(col) -> str:
            ref = cell(col).ref if cell(col) is not None else f"rij {number}"
            return f"Rij {number} (cel {ref}): "

        target_text = _text(cell(columns.target).value if cell(columns.target) else None)
        key = _key(target_text)
        line_id, source_id = lines.get(key), None
        if line_id is None:
            source_id = sources.get(key)
        if line_id is None and source_id is None:
            raise EditError(f"{where(columns.target)}“{target_text or '(leeg)'}” is geen post of bron van "
                            "dekking van dit plan. Gebruik de naam zoals de begroting hem noemt (bij dubbele "
                            "namen “Groep › Post”), of voeg de post eerst toe.")
        amount = _amount(cell(columns.amount), where(columns.amount))
        booked_on = _date(cell(columns.date), where(columns.date))
        year = _year(cell(columns.year), booked_on, where(columns.year)) if columns.year is not None else booked_on.year
        kind_text = words(_text(cell(columns.kind).value)) if cell(columns.kind) is not None else ""
        kind = KIND_WORDS.get(kind_text)
        if kind is None:
            raise EditError(f"{where(columns.kind)}“{kind_text}” is geen soort boeking; gebruik “realisatie” "
                            "of “verplichting”.")
        values = EntryValues(
            year, booked_on, amount, line_id, source_id, kind,
            _text(cell(columns.description).value) if cell(columns.description) is not None else "",
            _text(cell(columns.reference).value) if cell(columns.reference) is not None else "")
        preview.entries.append(checked(values, found, f"Rij {number}: "))
        preview.rows.append(number)
    if not preview.entries:
        raise BudgetImportError(f"Op blad “{grid.sheet}” staan onder de kopregel geen boekingen.")
    return preview


def _amount(cell, where: str) -> Decimal:
    if cell is None or cell.value in (None, ""):
        raise EditError(f"{where}er staat geen bedrag.")
    try:
        value = read_value(cell.value)
    except InputError as exc:
        raise EditError(f"{where}{exc.message}") from None
    if value.amount is None:
        raise EditError(f"{where}“{_text(cell.value)}” is geen bedrag.")
    return value.amount


def _date(cell, where: str) -> date:
    value = cell.value if cell is not None else None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if value in (None, ""):
        raise EditError(f"{where}er staat geen datum.")
    try:
        parsed = parse_date_nl(_text(value))
    except EditError as exc:
        raise EditError(f"{where}{exc.message}") from None
    return parsed


def _year(cell, booked_on: date, where: str) -> int:
    value = cell.value if cell is not None else None
    if value in (None, ""):
        return booked_on.year
    text = _text(value)
    if text.isdigit() and len(text) == 4:
        return int(text)
    raise EditError(f"{where}“{text}” is geen jaartal.")


def apply_actuals(workspace, plan_id: int, preview: ActualsPreview) -> list[int]:
    """Write the previewed bookings in one transaction; their ids (an undo deletes exactly these)."""
    return add_entries(workspace, plan_id, preview.entries)
