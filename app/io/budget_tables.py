"""The begroting and the dekking as export tables (see :mod:`app.io.table_model`).

The begroting has a row for every row of the budget editor: group headings, lines,
a subtotal under each group and the total. Subtotals and the total are sums over the
line cells of the group (and of the groups below it), so the workbook stays live; markers
(PM, id., doorlopend) are text, which a sum leaves out, as Planbord does. The dekking
adds its sources up and takes the begroting's total from the begroting table, so its
saldo follows a change there too.
"""
from __future__ import annotations

from app.io.table_model import (
    Amount,
    Area,
    Column,
    Difference,
    Link,
    Ref,
    Row,
    Section,
    Sum,
    Table,
    Text,
)
from app.models import FundingKind
from app.services.budget_sheet import BudgetSheet, RowKind
from app.services.funding_sheet import FundingSheet

BUDGET = "begroting"
FUNDING = "dekking"
# The columns before the years, in the begroting table.
NUMBER, LABEL, PROJECT, SHARED_BY = "number", "label", "project", "set"
_ROW_STYLE = {RowKind.GROUP: "group", RowKind.LINE: "", RowKind.SUBTOTAL: "subtotal",
              RowKind.TOTAL: "total"}


def year_header(year: int, comparison_years, realised: bool = False) -> str:
    """A year column's header as the editors show it: "2021 (vergelijking)" for last year's
    budget, "2021 (realisatie)" when the column holds what was spent."""
    if year not in comparison_years:
        return str(year)
    return f"{year} (realisatie)" if realised else f"{year} (vergelijking)"


def amount_places(amounts) -> int:
    """2 when any amount has cents, else 0: one number format for a whole table."""
    return 2 if any(a is not None and a != a.to_integral_value() for a in amounts) else 0


def _year_columns(years, comparison_years, realised: bool = False) -> list[Column]:
    return [Column(y, year_header(y, comparison_years, realised), 14, figures=True) for y in years]


def _runs(indices: list[int]) -> list[tuple[int, int]]:
    """Consecutive row indices as (first, last) runs: [3, 4, 5, 8] -> [(3, 5), (8, 8)]."""
    runs: list[tuple[int, int]] = []
    for i in indices:
        if runs and runs[-1][1] == i - 1:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    return runs


def _markers_note(count: int) -> str:
    cells = "cel" if count == 1 else "cellen"
    return f"Niet meegeteld: {count} {cells} met PM, id. of doorlopend."


def budget_table(sheet: BudgetSheet, comparison_years, caption: str) -> Table:
    years = sheet.years
    columns = [Column(NUMBER, "Nr.", 6), Column(LABEL, "Omschrijving", 60), Column(PROJECT, "Project", 10),
               Column(SHARED_BY, "Gemeenten", 11),
               *_year_columns(years, comparison_years, sheet.figures.comparison_realised)]
    first_year = 4
    places = amount_places([*(c.amount for r in sheet.rows if r.kind is RowKind.LINE
                              for c in r.cells.values()),
                            *sheet.figures.total.values(),
                            *(v for g in sheet.figures.groups for v in g.totals.values())])
    filled = sheet.amount_years()
    rows: list[Row] = []
    open_groups: list[list[int]] = []  # per group being read: the row indices of its lines
    all_lines: list[int] = []
    for index, source in enumerate(sheet.rows):
        kind = source.kind
        row = Row([None] * len(columns), _ROW_STYLE[kind], source.level)
        if kind in (RowKind.GROUP, RowKind.LINE):
            row.cells[0] = Text(source.number) if source.number and kind is RowKind.GROUP else None
            row.cells[1] = Text(source.label)
            row.cells[2] = Text(source.project_number) if source.project_number else None
            row.cells[3] = Text(source.set_code) if source.set_code else None
        else:
            row.cells[1] = Text(source.label)
        if kind is RowKind.GROUP:
            open_groups.append([])
        elif kind is RowKind.LINE:
            for lines in open_groups:
                lines.append(index)
            all_lines.append(index)
            for offset, year in enumerate(years):
                value = source.cells[year]
                if value.marker is not None:
                    row.cells[first_year + offset] = Text(value.text(), right=True)
                elif value.amount is not None:
                    row.cells[first_year + offset] = Amount(value.amount, places)
                note = source.cell_notes.get(year)
                if note:
                    row.comments[first_year + offset] = note
            if source.note:
                row.comments[1] = source.note
        else:  # a subtotal closes the group it belongs to; the total covers every line
            lines = open_groups.pop() if kind is RowKind.SUBTOTAL else all_lines
            runs = _runs(lines)
            years_filled = filled.get(source.id if kind is RowKind.SUBTOTAL else None, set())
            for offset, year in enumerate(years):
                column = first_year + offset
                row.cells[column] = Sum(tuple(Area(0, a, b, column, column) for a, b in runs),
                                        sheet.computed(source, year), places,
                                        blank_zero=year not in years_filled)
                left_out = sheet.markers_left_out(source, year)
                if left_out:
                    row.comments[column] = _markers_note(left_out)
        rows.append(row)
    return Table(BUDGET, "Begroting", caption, [Section(columns, rows)])


def funding_table(funding: FundingSheet, budget_total_row: int, caption: str) -> Table:
    """The dekking; ``budget_total_row``: the index of the total row in the begroting table."""
    years, comparison = funding.years, funding.comparison_years
    columns = [Column(LABEL, "Dekking", 50), Column("payer", "Betaald door", 14),
               Column("for", "Bestemd voor", 30),
               *_year_columns(years, comparison, funding.figures.comparison_realised)]
    first_year = 3
    figures = funding.figures
    places = amount_places([*(a for s in funding.sources for a in s.amounts.values()),
                            *figures.total.values(), *figures.funding.values()])
    rows = []
    for source in funding.sources:
        municipal = source.kind is FundingKind.MUNICIPAL
        cells = [Text(source.name), Text("gemeenten" if municipal else "anderen"),
                 None if municipal else Text(source.earmark or "alle posten")]
        cells += [Amount(source.amounts[y], places) if source.amounts.get(y) is not None else None
                  for y in years]
        rows.append(Row(cells, comments={0: source.note} if source.note else {}))
    count = len(rows)
    total_row, budget_row = count, count + 1
    funded = Row([Text("Totaal dekking"), None, None], "subtotal")
    budget = Row([Text("Totaal begroting"), None, None], "subtotal")
    balance = Row([Text("Saldo (dekking − begroting)"), None, None], "total")
    for offset, year in enumerate(years):
        column = first_year + offset
        area = (Area(0, 0, count - 1, column, column),) if count else ()
        funded.cells.append(Sum(area, figures.funding[year], places))
        budget.cells.append(Link(Ref(0, budget_total_row, year, table=BUDGET), figures.total[year], places))
        if year in comparison:  # never funded: no saldo, as the editor shows it
            balance.cells.append(None)
        else:
            balance.cells.append(Difference(Ref(0, total_row, year), Ref(0, budget_row, year),
                                            figures.balance[year], places))
    rows += [funded, budget, balance]
    return Table(FUNDING, "Dekking", caption, [Section(columns, rows)])
