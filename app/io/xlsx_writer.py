"""Export tables to an .xlsx workbook with openpyxl: one sheet per table.

Amounts and other figures are numeric cells with a number format (``#,##0``, ``#,##0.00``;
Excel shows them with the separators of its own locale, Dutch ones on a Dutch machine).
Sums, differences and links are formulas, so the workbook stays live; the figure Planbord
computed is what they evaluate to. User text is always a string cell: text a spreadsheet
would take for a formula (``=``, ``+``, ``-``, ``@``, tab, carriage return first) is written
as a string with Excel's quote prefix, never as a formula. Each sheet has its header row
frozen, its column widths set, the header as print title, A4 landscape, fitted to the
page width, and the plan and the table at the top of every printed page.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter, quote_sheetname

from app.io.table_model import (
    Amount,
    Area,
    Day,
    Difference,
    Link,
    Number,
    Ref,
    Sum,
    Table,
    Text,
    clean_text,
    is_formula_like,
)

AUTHOR = "Planbord"
MAX_FORMULA = 8_000  # characters; Excel's limit is 8,192
MAX_ARGUMENTS = 255  # of one function in Excel
DATE_FORMAT = "dd-mm-yyyy"
_FORMATS = {0: "#,##0", 1: "#,##0.0", 2: "#,##0.00"}
TOO_LONG_NOTE = ("Dit totaal telt te veel losse reeksen op voor één Excel-formule; het bedrag is "
                 "door Planbord berekend en verandert niet mee.")

_BOLD = Font(bold=True)
_ITALIC = Font(italic=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDE3EA")
_GROUP_FILL = PatternFill("solid", fgColor="EEF1F5")
_THIN = Side(style="thin")
_HEADER_BORDER = Border(bottom=_THIN)
_SUM_BORDER = Border(top=_THIN)
_TOTAL_BORDER = Border(top=_THIN, bottom=Side(style="double"))
_HEADER_ALIGN = Alignment(wrap_text=True, vertical="bottom")
_HEADER_ALIGN_RIGHT = Alignment(wrap_text=True, vertical="bottom", horizontal="right")
_RIGHT = Alignment(horizontal="right")
_INDENTS = [Alignment(indent=level) for level in range(16)]


@dataclass(frozen=True)
class _Placed:
    """Where a section of a table landed: its sheet, the sheet row of its first data row."""

    sheet: str
    first_row: int
    columns: dict  # column key -> 1-based column number


def write_workbook(tables: list[Table], path: Path | str, *, title: str = "") -> None:
    """Write ``tables`` to ``path`` (the caller writes to a temporary name and renames)."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    workbook.properties.creator = AUTHOR
    workbook.properties.title = clean_text(title)[:250]
    # No cached values are stored with the formulas: have Excel and LibreOffice compute them
    # on opening.
    workbook.calculation.fullCalcOnLoad = True
    placed = _layout(tables)
    for table in tables:
        _write_sheet(workbook.create_sheet(table.title), table, placed)
    workbook.save(path)


def _layout(tables: list[Table]) -> dict[tuple[str, int], _Placed]:
    """Where every section of every table goes (so a formula can name a cell of another sheet)."""
    placed = {}
    for table in tables:
        row = 1
        for index, section in enumerate(table.sections):
            if index:
                row += 1 + (1 if section.title else 0)  # an empty row, then the title
            placed[(table.key, index)] = _Placed(
                table.title, row + 1, {c.key: n for n, c in enumerate(section.columns, start=1)})
            row += 1 + len(section.rows)
    return placed


def _write_sheet(sheet, table: Table, placed: dict) -> None:
    widths: dict[int, float] = {}
    row_number = 1
    for index, section in enumerate(table.sections):
        if index:
            row_number += 1
            if section.title:
                _text(sheet.cell(row_number, 1), section.title).font = _BOLD
                row_number += 1
        for number, column in enumerate(section.columns, start=1):
            cell = sheet.cell(row_number, number)
            _text(cell, column.header)
            cell.font = _BOLD
            cell.fill = _HEADER_FILL
            cell.border = _HEADER_BORDER
            cell.alignment = _HEADER_ALIGN_RIGHT if column.figures else _HEADER_ALIGN
            widths[number] = max(widths.get(number, 0), column.width)
        row_number += 1
        where = placed[(table.key, index)]
        indent_column = next((n for n, c in enumerate(section.columns) if c.key == "label"), None)
        for row in section.rows:
            font = _BOLD if row.style in ("group", "subtotal", "total") else _ITALIC if row.style == "note" else None
            border = _TOTAL_BORDER if row.style == "total" else _SUM_BORDER if row.style == "subtotal" else None
            for number, value in enumerate(row.cells):
                if value is None and not row.style:
                    continue
                cell = sheet.cell(row_number, number + 1)
                note = row.comments.get(number)
                if value is not None:
                    note = _put(cell, value, table, index, where, placed) or note
                if note:
                    cell.comment = Comment(clean_text(note), AUTHOR, width=300, height=120)
                if font is not None:
                    cell.font = font
                if border is not None:
                    cell.border = border
                if row.style == "group":
                    cell.fill = _GROUP_FILL
                if number == indent_column and row.indent:
                    cell.alignment = _INDENTS[min(row.indent, len(_INDENTS) - 1)]
            row_number += 1
    for number, width in widths.items():
        sheet.column_dimensions[get_column_letter(number)].width = width
    _page(sheet, table)


def _page(sheet, table: Table) -> None:
    first = table.sections[0] if table.sections else None
    fixed = 2 if first and len(first.columns) > 1 and first.columns[0].key == "number" else 1
    sheet.freeze_panes = sheet.cell(2, fixed + 1)  # the header row and the description column(s)
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.oddHeader.center.text = clean_text(table.caption).replace("&", "&&")[:200]
    sheet.oddFooter.center.text = "Pagina &P van &N"


def _text(cell, text: str):
    """User text as a string cell that is never evaluated."""
    text = clean_text(text)
    cell.value = text
    if is_formula_like(text):
        cell.data_type = "s"  # openpyxl takes any text starting with "=" for a formula
        cell.quotePrefix = True  # and Excel keeps it text when the cell is edited
    return cell


def _put(cell, value, table: Table, section: int, where: _Placed, placed: dict) -> str:
    """Fill one cell; returns a note for it, if any."""
    if isinstance(value, Text):
        _text(cell, value.value)
        if value.right:
            cell.alignment = _RIGHT
        return ""
    if isinstance(value, (Amount, Number)):
        cell.value = _number(value.value)
        cell.number_format = _FORMATS[value.places]
        return ""
    if isinstance(value, Day):
        cell.value = value.value
        cell.number_format = DATE_FORMAT
        return ""
    cell.number_format = _FORMATS[value.places]
    if isinstance(value, Sum):
        if value.blank_zero:  # positive;negative;zero: nothing shown for zero
            cell.number_format = f"{_FORMATS[value.places]};-{_FORMATS[value.places]};"
        formula = _sum(value.areas, table.key, placed)
        if formula is None:  # nothing to add up, or too long for one formula
            cell.value = _number(value.value)
            return TOO_LONG_NOTE if value.areas else ""
        cell.value = formula
    elif isinstance(value, Difference):
        cell.value = f"={_address(value.minuend, table, section, placed)}-" \
                     f"{_address(value.subtrahend, table, section, placed)}"
    elif isinstance(value, Link):
        address = _address(value.ref, table, section, placed)
        cell.value = f"={address}" if address else _number(value.value)
    return ""


def _number(value: Decimal | int) -> int | Decimal:
    """Whole figures as int (the smallest, exact form in the file), others as Decimal."""
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return int(value)
    return value


def _range(area: Area, where: _Placed) -> str:
    top = f"{get_column_letter(area.left + 1)}{where.first_row + area.first}"
    if area.first == area.last and area.left == area.right:
        return top
    return f"{top}:{get_column_letter(area.right + 1)}{where.first_row + area.last}"


def _sum(areas: tuple[Area, ...], table_key: str, placed: dict) -> str | None:
    if not areas:
        return None
    parts = [_range(a, placed[(table_key, a.section)]) for a in areas]
    while len(parts) > MAX_ARGUMENTS:  # nested sums: each counts as one argument
        parts = [f"SUM({','.join(parts[i:i + MAX_ARGUMENTS])})" for i in range(0, len(parts), MAX_ARGUMENTS)]
    formula = f"=SUM({','.join(parts)})"
    return formula if len(formula) <= MAX_FORMULA else None


def _address(ref: Ref, table: Table, section: int, placed: dict) -> str:
    """A1 address of ``ref``; with the sheet's name when it is on another sheet; "" when that
    table is not in the workbook."""
    key = (ref.table or table.key, ref.section)
    target = placed.get(key)
    if target is None:
        return ""
    address = f"{get_column_letter(target.columns[ref.column])}{target.first_row + ref.row}"
    if ref.table is None or ref.table == table.key:
        return address
    return f"{quote_sheetname(target.sheet)}!{address}"
