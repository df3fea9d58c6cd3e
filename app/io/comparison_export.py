"""Two plans side by side as an Excel workbook (.xlsx). No Qt.

    write_comparison_workbook(compare_plans(workspace, before_id, after_id), Path("vergelijking.xlsx"))

Three sheets, built as export tables (:mod:`app.io.table_model`) and written by
:mod:`app.io.xlsx_writer`, so formula-like text stays text and the number formats are the
other exports':

- Vergelijking: a title row, then every budget line (group, post, what happened, and per year
  "voor", "na" and "verschil"), the subtotal of every group, Totaal, Dekking, Saldo and
  "Te verdelen over de gemeenten". Markers are text; a year a plan does not have is empty.
- Bijdragen: each municipality's contribution per own year before and after, in whole euros,
  with the total and what is split; the reason instead when the contributions are missing.
- Formatie en projecten: the roles and projects whose staffing changed, and the projects and
  actions added, removed, moved or given another status.

What the plans hold is written as figures (the two plans' own totals: a group's lines differ
between the plans, so no range of this sheet adds a group up in both); the verschil is a
formula (na − voor), as the other exports write the saldo, except next to a marker, which a
spreadsheet cannot subtract: there it is Planbord's figure. The writer has no per-cell fill nor
a header below a title row, so the written file is opened once more to mark the changed cells
and freeze the header (:func:`_finish`).

The output is checked as the plan export checks it (an .xlsx name, an existing folder, never a
workspace or database) and written under a temporary name, renamed over the target when
complete (:func:`app.services.output_paths.write_atomically`).
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

from app.io.budget_tables import amount_places
from app.io.excel_export import XLSX, checked_output
from app.io.table_model import (
    Amount,
    Area,
    Column,
    Difference,
    Number,
    Ref,
    Row,
    Section,
    Sum,
    Table,
    Text,
)
from app.services.comparison import ADDED, MOVED, REMOVED, RENAMED, FigureRow, Pair, PlanComparison
from app.services.comparison_outline import STATUS

BEFORE, AFTER, DIFFERENCE = "voor", "na", "verschil"
LABEL = "label"  # the column the writer indents by a row's level
CHANGED_COLOUR = "FFF2CC"  # light yellow: a changed cell
MARKERS_NOTE = "PM, id. en doorlopend zijn geen bedragen: een verschil en de totalen tellen ze niet mee."
NO_CONTRIBUTIONS = "Er zijn geen bijdragen per gemeente om te vergelijken."
NO_STAFFING = "Geen wijzigingen in de formatie."
NO_OUTLINE = "Geen wijzigingen in projecten en acties."
_OUTLINE_KIND = {STATUS: "andere status"}  # the other kinds are Dutch words already
_HALF_DAYS, _FTE = 1, 2  # places


@dataclass
class ComparisonSheet:
    """One sheet: its table, the cells that changed, and the header that stays in view."""

    table: Table
    marked: set[tuple[int, int, int]] = field(default_factory=set)  # (section, row, column) indices
    frozen_section: int = 0  # whose header row stays in view (the writer freezes section 0's)
    frozen_columns: int = 1  # columns that stay in view


def comparison_title(comparison: PlanComparison) -> str:
    return f"{comparison.after_title} vergeleken met {comparison.before_title}"


def write_comparison_workbook(comparison: PlanComparison, path: Path) -> None:
    """Write the comparison to ``path`` (.xlsx); raises ExportError or OutputPathError (Dutch)."""
    from app.services.output_paths import write_atomically

    # No workspace is read here; any workspace or database is refused as output anyway.
    out = checked_output(None, Path(path), XLSX)
    sheets = comparison_sheets(comparison)
    write_atomically(out, lambda tmp: _write(sheets, tmp, comparison_title(comparison)))


def comparison_sheets(comparison: PlanComparison) -> list[ComparisonSheet]:
    title = comparison_title(comparison)
    return [budget_sheet(comparison, f"{title} – Vergelijking"),
            contributions_sheet(comparison, f"{title} – Bijdragen"),
            staffing_outline_sheet(comparison, f"{title} – Formatie en projecten")]


# --- cells ----------------------------------------------------------------------------------------

def _year_columns(years) -> list[Column]:
    return [Column((year, part), f"{year} {part}", 14, figures=True)
            for year in years for part in (BEFORE, AFTER, DIFFERENCE)]


def _cell(value, places: int):
    """A line's cell: an amount, a marker as text, nothing for an empty cell or a missing year."""
    if value is None or value.is_empty:
        return None
    if value.marker is not None:
        return Text(value.text(), right=True)
    return Amount(value.amount, places)


def _difference(section: int, row: int, year: int, value: Decimal, places: int) -> Difference:
    return Difference(Ref(section, row, (year, AFTER)), Ref(section, row, (year, BEFORE)), value, places)


def _pair_cells(pair: Pair | None, section: int, row: int, year: int, places: int) -> list:
    """Voor, na and verschil of a figure. The verschil stays empty for a year only one plan has
    (no change) and where neither plan has the figure (the saldo of a comparison column)."""
    if pair is None or pair.before is None and pair.after is None:
        return [None, None, None]
    return [Amount(pair.before, places) if pair.before is not None else None,
            Amount(pair.after, places) if pair.after is not None else None,
            _difference(section, row, year, pair.difference, places) if pair.in_both else None]


def _mark_years(marked: set, section: int, row: int, first: int, years, changed) -> None:
    """Mark voor, na and verschil of every year for which ``changed(year)`` holds."""
    for offset, year in enumerate(years):
        if changed(year):
            column = first + 3 * offset
            marked.update((section, row, column + i) for i in range(3))


# --- Vergelijking ---------------------------------------------------------------------------------

def budget_sheet(comparison: PlanComparison, caption: str) -> ComparisonSheet:
    """A title row (a section of its own), then the lines and the figures under one header."""
    budget, totals = comparison.budget, comparison.totals
    years = budget.years
    columns = [Column(LABEL, "Groep", 34), Column("post", "Post", 44), Column("kinds", "Wat", 18),
               *_year_columns(years), Column("detail", "Toelichting", 50)]
    first, detail = 3, len(columns) - 1
    figure_rows = [*totals.groups, totals.total, totals.funding,
                   _own_years_only(totals.saldo, budget.before.own_years, budget.after.own_years),
                   totals.to_split]
    places = amount_places([*(v.amount for line in budget.lines for c in line.cells
                              for v in (c.before, c.after) if v is not None),
                            *(v for f in figure_rows for p in f.values.values() for v in (p.before, p.after))])
    sheet = ComparisonSheet(Table("vergelijking", "Vergelijking", caption, [
        Section([Column("title", comparison_title(comparison), 34)]), Section(columns)]),
        frozen_section=1, frozen_columns=2)
    rows = sheet.table.sections[1].rows
    markers = False
    for line in budget.lines:
        index = len(rows)
        row = Row([Text(" › ".join(line.group)) if line.group else None, Text(line.name),
                   Text("; ".join(line.kinds)) if line.kinds else None])
        for change in line.cells:
            before, after = _cell(change.before, places), _cell(change.after, places)
            marker = isinstance(before, Text) or isinstance(after, Text)
            markers = markers or marker
            if change.before is None or change.after is None:
                difference = None  # a year only one plan has is no change
            elif not (isinstance(before, Amount) or isinstance(after, Amount) or change.changed):
                difference = None  # nothing to subtract: empty, as the editor leaves an empty cell
            elif marker:  # a spreadsheet cannot subtract text: the figure, markers counting as nothing
                difference = Amount(change.difference, places)
            else:
                difference = _difference(1, index, change.year, change.difference, places)
            row.cells += [before, after, difference]
        row.cells.append(Text(line.description()) if line.kinds else None)
        rows.append(row)
        _mark_years(sheet.marked, 1, index, first, years, lambda y: line.cell(y).changed)
        if line.kinds:
            sheet.marked.update((1, index, c) for c in (2, detail))
        if MOVED in line.kinds:
            sheet.marked.add((1, index, 0))
        if {ADDED, REMOVED, RENAMED} & set(line.kinds):
            sheet.marked.add((1, index, 1))
    rows.append(Row([None] * len(columns)))
    styles = [*(("subtotal", g.level, f"Subtotaal {g.label}") for g in totals.groups),
              ("total", 0, totals.total.label), ("", 0, totals.funding.label),
              ("subtotal", 0, totals.saldo.label), ("subtotal", 0, totals.to_split.label)]
    for figures, (style, level, label) in zip(figure_rows, styles):
        index = len(rows)
        row = Row([Text(label), None, None], style, level)
        for year in years:
            row.cells += _pair_cells(figures.values.get(year), 1, index, year, places)
        row.cells.append(None)
        rows.append(row)
        _mark_years(sheet.marked, 1, index, first, years,
                    lambda y: y in figures.values and figures.values[y].changed)
    if markers:
        rows.append(Row([Text(MARKERS_NOTE)] + [None] * (len(columns) - 1), "note"))
    return sheet


def _own_years_only(figures: FigureRow, before_years, after_years) -> FigureRow:
    """``figures`` without the years a plan only compares with (never funded: no saldo, as the
    plan's dekking sheet and editor show it)."""
    return replace(figures, values={
        year: replace(pair, before=pair.before if year in before_years else None,
                      after=pair.after if year in after_years else None)
        for year, pair in figures.values.items()})


# --- Bijdragen ------------------------------------------------------------------------------------

def _total(rows: list[Row]) -> Row:
    """Totaal of the municipality rows: the sum of every column that holds figures."""
    total = Row([Text("Totaal")], "total")
    for column in range(1, len(rows[0].cells)):
        figures = [row.cells[column].value for row in rows if row.cells[column] is not None]
        total.cells.append(Sum((Area(0, 0, len(rows) - 1, column, column),), sum(figures, Decimal(0)), 0)
                           if figures else None)
    return total


def contributions_sheet(comparison: PlanComparison, caption: str) -> ComparisonSheet:
    """Each municipality's contribution per own year, whole euros; the total; what is split."""
    totals = comparison.totals
    years = totals.contribution_years
    columns = [Column(LABEL, "Gemeente", 30), *_year_columns(years)]
    sheet = ComparisonSheet(Table("bijdragen", "Bijdragen", caption, [Section(columns)]))
    rows = sheet.table.sections[0].rows

    def add(figures: FigureRow, places: int, style: str = "") -> None:
        index = len(rows)
        row = Row([Text(figures.label)], style)
        for year in years:
            row.cells += _pair_cells(figures.values.get(year), 0, index, year, places)
        rows.append(row)
        _mark_years(sheet.marked, 0, index, 1, years,
                    lambda y: y in figures.values and figures.values[y].changed)

    for municipality in totals.contributions:
        add(municipality, 0)
    if rows:
        rows.append(_total(rows))
    else:
        rows.append(Row([Text(totals.contribution_problem or NO_CONTRIBUTIONS)] + [None] * (len(columns) - 1),
                        "note"))
    rows.append(Row([None] * len(columns)))
    split = totals.to_split
    add(split, amount_places([v for p in split.values.values() for v in (p.before, p.after)]), "subtotal")
    return sheet


# --- Formatie en projecten ------------------------------------------------------------------------

def staffing_outline_sheet(comparison: PlanComparison, caption: str) -> ComparisonSheet:
    staffing = Section([Column("what", "Soort", 10), Column("name", "Naam", 44), Column("unit", "Eenheid", 10),
                        Column(BEFORE, "Voor", 12, figures=True), Column(AFTER, "Na", 12, figures=True),
                        Column(DIFFERENCE, "Verschil", 12, figures=True)])
    for index, change in enumerate(comparison.staffing):
        places = _FTE if change.unit == "fte" else _HALF_DAYS
        staffing.rows.append(Row([
            Text(change.what), Text(change.label), Text(change.unit),
            Number(change.before, places) if change.before is not None else None,
            Number(change.after, places) if change.after is not None else None,
            Difference(Ref(0, index, AFTER), Ref(0, index, BEFORE), change.difference, places)]))
    if not staffing.rows:
        staffing.rows.append(Row([Text(NO_STAFFING)] + [None] * 5, "note"))
    outline = Section([Column("what", "Onderdeel", 10), Column("kind", "Wijziging", 14),
                       Column("name", "Omschrijving", 50), Column("detail", "Toelichting", 50)],
                      title="Projecten en acties")
    for change in comparison.outline:
        outline.rows.append(Row([Text("Project" if change.what == "project" else "Actie"),
                                 Text(_OUTLINE_KIND.get(change.kind, change.kind)), Text(change.label),
                                 Text(change.detail) if change.detail else None]))
    if not outline.rows:
        outline.rows.append(Row([Text(NO_OUTLINE), None, None, None], "note"))
    # Every row here is a change: nothing to mark.
    return ComparisonSheet(Table("formatie", "Formatie en projecten", caption, [staffing, outline]))


# --- writing --------------------------------------------------------------------------------------

def first_rows(table: Table) -> list[int]:
    """The sheet row (1-based) of each section's first data row, as the writer lays a table out:
    a header row per section, and between sections an empty row and the section's title."""
    found, row = [], 1
    for index, section in enumerate(table.sections):
        if index:
            row += 1 + (1 if section.title else 0)
        found.append(row + 1)
        row += 1 + len(section.rows)
    return found


def _write(sheets: list[ComparisonSheet], path: Path, title: str) -> None:
    from app.io.xlsx_writer import write_workbook

    write_workbook([s.table for s in sheets], path, title=title)
    _finish(path, sheets)


def _finish(path: Path, sheets: list[ComparisonSheet]) -> None:
    """Mark the changed cells; on a sheet with a title row, keep the header below it in view and
    show the title as a title."""
    import openpyxl
    from openpyxl.styles import Alignment, Border, Font, PatternFill
    from openpyxl.utils import get_column_letter

    fill = PatternFill("solid", fgColor=CHANGED_COLOUR)
    with open(path, "rb") as stream:  # a stream: openpyxl refuses the temporary name's ".tmp"
        workbook = openpyxl.load_workbook(stream)
    for sheet in sheets:
        worksheet = workbook[sheet.table.title]
        starts = first_rows(sheet.table)
        for section, row, column in sheet.marked:
            worksheet.cell(starts[section] + row, column + 1).fill = fill
        if sheet.frozen_section:
            header = starts[sheet.frozen_section] - 1
            worksheet.freeze_panes = f"{get_column_letter(sheet.frozen_columns + 1)}{header + 1}"
            worksheet.print_title_rows = f"{header}:{header}"
            # The title is a header cell to the writer: make it a title, on one line.
            title = worksheet["A1"]
            title.alignment, title.fill, title.border = Alignment(vertical="bottom"), PatternFill(), Border()
            title.font = Font(bold=True, size=12)
    workbook.save(path)
