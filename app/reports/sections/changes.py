"""Wijzigingsoverzicht: what an amendment or a scenario changes against the plan it is based on.

The changed budget lines with, per year, was / wordt / verschil; the group subtotals that
move and the totals, dekking, saldo and te verdelen bedrag before and after; each
municipality's contribution before and after; the changes in staffing and in the outline
(projects and actions). Every figure comes from app.services.comparison (``compare_plans``,
made once by build_pdf as ``ctx.comparison``); the one sum made here is the contributions'
total (see :func:`contributions_total`). Bold: changed.

Three columns a year need the width: when the years do not fit beside the names on a portrait
page the section is landscape, and when they do not fit there either they are printed as
several tables of a few years each, each repeating the names (six years side by side fit no page).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from decimal import Decimal

from reportlab.platypus import Paragraph

from app.formatting import format_fte, format_half_days
from app.reports import styles
from app.reports.context import ReportContext, amount_text, year_title
from app.reports.document import LANDSCAPE, PORTRAIT, Heading, start_section, with_room
from app.reports.fonts import BOLD, string_width
from app.reports.table import PAD_H, RIGHT, Cell, Column, GridTable, Row
from app.reports.text import NAME_LIMIT, escape
from app.services.cell_input import CellValue
from app.services.comparison import (
    CHANGED,
    KIND_ORDER,
    MOVED,
    RENAMED,
    FigureRow,
    LineComparison,
    YearChange,
    cell_text,
)

TITLE = "Wijzigingsoverzicht"
# Points kept beside the year columns for the names: a post and what happened to it; a label
# or a municipality (the totals, the contributions).
TEXT_ROOM = 260.0
LABEL_ROOM = 180.0
FIGURE_WIDTH = 44.0  # a was / wordt / verschil column is at least this wide (points)
NEGATIVE = styles.LIGHTS["red"]  # a negative amount, as in the budget annex
NO_YEAR = "—"  # the plan has no such year
YEAR_GAP = 8.0  # points between one year's three columns and the next year's


def orientation(ctx: ReportContext) -> str:
    """Portrait when every year's three columns fit beside the names on a portrait page."""
    years = shown_years(ctx)
    return PORTRAIT if sum(year_widths(ctx, years).values()) <= _room(PORTRAIT) else LANDSCAPE


def shown_years(ctx: ReportContext) -> list[int]:
    """The chosen years the comparison prints: the plans' own years, and a comparison column
    (last year's budget) only when a line in both plans changed in it: a line added or removed
    does not make last year's figures news."""
    budget = ctx.comparison.budget
    own = set(budget.before.own_years) | set(budget.after.own_years)
    changed = {cell.year for line in budget.lines if line.before is not None and line.after is not None
               for cell in line.cells if cell.changed}
    return [y for y in ctx.years if y in own or y in changed]


def _room(page: str, names: float = TEXT_ROOM) -> float:
    """The width a table's year columns may take on a page of this orientation."""
    size = styles.LANDSCAPE if page == LANDSCAPE else styles.PORTRAIT
    return size[0] - styles.MARGIN_LEFT - styles.MARGIN_RIGHT - names


def year_widths(ctx: ReportContext, years: list[int]) -> dict[int, float]:
    """The width of each year's gap and three columns: as wide as its widest heading or figure in
    any of the tables (bold, as a changed figure is printed)."""
    comparison = ctx.comparison
    texts: dict[int, list[str]] = defaultdict(list)
    for line in comparison.budget.changed_lines():
        for cell in line.cells:
            texts[cell.year] += [cell_text(cell.before), cell_text(cell.after), signed(cell.difference)]
    for row in _figure_rows(comparison.totals):
        for year, pair in row.values.items():
            texts[year] += [amount_text(pair.before), amount_text(pair.after), signed(pair.difference)]
    widths = {}
    for year in years:
        words = [*year_title(ctx, year).split("\n"), "verschil", *texts[year]]
        widest = max(string_width(word, BOLD, styles.TABLE_SIZE) for word in words)
        widths[year] = YEAR_GAP + 3 * max(FIGURE_WIDTH, widest + 2 * PAD_H)
    return widths


def year_tables(ctx: ReportContext, years: list[int], names: float = TEXT_ROOM) -> list[list[int]]:
    """The years spread over as few tables as hold them beside ``names`` points of names on this
    section's pages, as evenly as that many tables allow (six years: 3 + 3, not 4 + 2)."""
    if not years:
        return []
    widths = year_widths(ctx, years)
    room = _room(orientation(ctx), names)
    tables: list[list[int]] = []
    for year in years:
        if tables and sum(widths[y] for y in tables[-1]) + widths[year] <= room:
            tables[-1].append(year)
        else:
            tables.append([year])
    size = -(-len(years) // len(tables))
    even = [years[i:i + size] for i in range(0, len(years), size)]
    if len(even) == len(tables) and all(sum(widths[y] for y in chunk) <= room for chunk in even):
        return even
    return tables


def story(ctx: ReportContext, first: bool) -> list:
    comparison = ctx.comparison
    flow = start_section(TITLE, orientation(ctx), first)
    flow.append(Heading(TITLE, styles.HEADING1, toc_level=0))
    base = escape(ctx.base_name, most=2 * NAME_LIMIT)
    if not _anything_changed(comparison):
        flow.append(Paragraph(f"Geen wijzigingen ten opzichte van {base}.", styles.BODY))
        return flow
    flow.append(Paragraph(
        f"Wat “{escape(ctx.plan.title, most=NAME_LIMIT)}” verandert ten opzichte van {base}, het plan "
        "waarvan het is afgeleid.", styles.BODY))
    flow.append(Paragraph(
        "Per jaar: <b>was</b> (het plan waarvan dit is afgeleid), <b>wordt</b> (dit plan) en het "
        "<b>verschil</b> (wordt min was); vet is gewijzigd. Bedragen in euro's. PM, id. en doorlopend "
        "zijn geen bedragen: een verschil telt ze als niets."
        + (f" Alleen {', '.join(map(str, ctx.years))}: wijzigingen in andere jaren staan hier niet."
           if ctx.years != ctx.plan.years else ""), styles.SMALL))
    unchanged = [what for what, changes in (("de formatie", comparison.staffing),
                                            ("de projecten en acties", comparison.outline)) if not changes]
    if unchanged:
        flow.append(Paragraph(f"Geen wijzigingen in {' en in '.join(unchanged)}.", styles.SMALL))
    years = shown_years(ctx)
    flow += _lines_part(ctx, comparison.budget, years)
    if any(row.changed for row in _figure_rows(comparison.totals)):
        flow += _totals_part(ctx, comparison.totals, years)
        flow += _contributions_part(ctx, comparison.totals, years)
    else:
        flow.append(Paragraph("De totalen, de dekking en de bijdragen per gemeente veranderen niet.",
                              styles.BODY))
    flow += _staffing_part(comparison.staffing)
    flow += _outline_part(comparison.outline)
    return flow


def _anything_changed(comparison) -> bool:
    return bool(comparison.budget.changed_lines() or any(r.changed for r in _figure_rows(comparison.totals))
                or comparison.staffing or comparison.outline)


def _figure_rows(totals) -> tuple[FigureRow, ...]:
    return (*totals.groups, totals.total, totals.funding, totals.saldo, totals.to_split,
            *totals.contributions)


# --- the budget lines -----------------------------------------------------------------------------

def _lines_part(ctx: ReportContext, budget, years: list[int]) -> list:
    lines = budget.changed_lines()
    heading = Heading("Gewijzigde begrotingsposten", styles.HEADING2)
    if not lines:
        return [heading, Paragraph("Geen begrotingspost is gewijzigd.", styles.BODY)]
    tally = budget.counts()
    counts = [f"{tally[kind]} {kind}" for kind in KIND_ORDER if tally[kind]]
    lead = [heading, Paragraph(f"{len(lines)} {'post' if len(lines) == 1 else 'posten'}: "
                               f"{', '.join(counts)}.", styles.BODY)]
    chunks = year_tables(ctx, years) or [[]]
    tables = [(chunk, lines_table(ctx, shown, chunk)) for chunk in chunks
              if (shown := [line for line in lines if _in_years(line, chunk)])]
    return _part(lead, tables, len(chunks) > 1)


def _in_years(line: LineComparison, years: list[int]) -> bool:
    """A line changed only in amounts is listed with the years it changed in; an added, removed,
    moved or renamed line with every table's years."""
    return any(kind != CHANGED for kind in line.kinds) or any(
        cell.changed for cell in line.cells if cell.year in years)


def _part(lead: list, tables: list[tuple[list[int], GridTable]], several: bool) -> list:
    """A part's heading and lead text, then its tables, each under a heading naming its years
    when the years are spread over several; the lead is kept with the start of the first table,
    and a small table is never split (NeedRoom)."""
    flow: list = []
    for index, (years, table) in enumerate(tables):
        flow += with_room(*(lead if index == 0 else []), *([_years_heading(years)] if several else []),
                          table)
    return flow or lead


def _years_heading(years: list[int]) -> Heading:
    if len(years) > 2:
        text = f"{years[0]} tot en met {years[-1]}"
    else:
        text = " en ".join(map(str, years))
    return Heading(text, styles.HEADING3)


def what_text(line: LineComparison) -> str:
    """What happened to the line, short: the place it moved to is the heading above it; a marker
    that changed is named ("id → 25.000 in 2023"), since its verschil counts the marker as nothing."""
    parts = []
    for kind in line.kinds:
        if kind == MOVED:
            parts.append(f"verplaatst, was {' › '.join(line.before_group)}")
        elif kind == RENAMED:
            parts.append(f"hernoemd, was “{line.before.name}”")
        elif kind == CHANGED:
            markers = [f"{cell.text()} in {cell.year}" for cell in line.cells
                       if cell.changed and (_is_marker(cell.before) or _is_marker(cell.after))]
            parts.append("gewijzigd" + (f": {'; '.join(markers)}" if markers else ""))
        else:
            parts.append(kind)  # toegevoegd, verwijderd
    return "; ".join(parts)


def _is_marker(value: CellValue | None) -> bool:
    return value is not None and value.marker is not None


def lines_table(ctx: ReportContext, lines: list[LineComparison], years: list[int]) -> GridTable:
    """Under a heading per group (where the line is now; where it was, for a removed line)."""
    columns = [Column("Post", most=NAME_LIMIT, share=1.4), Column("Wat", most=NAME_LIMIT),
               *figure_columns(ctx, years)]
    rows: list[Row] = []
    group: tuple[str, ...] | None = None
    heading = 0
    for line in lines:
        if line.group != group:
            group = line.group
            rows.append(Row([" › ".join(group) or "Zonder groep", "", *[""] * (4 * len(years))],
                            bold=True, heading=True, keep_with_next=True, background=styles.BAND,
                            space_above=4 if rows else 0))
            heading = len(rows) - 1
        cells: list = [line.name, what_text(line)]
        for year in years:
            cells += _change_cells(line.cell(year))
        rows.append(Row(cells, path=(heading,)))
    return GridTable(columns, rows)


def figure_columns(ctx: ReportContext, years: list[int]) -> list[Column]:
    """was, wordt, verschil of each year; a narrow empty column before each year sets them apart."""
    columns = []
    for year in years:
        title = year_title(ctx, year)  # "2022", "Begroting\n2021"
        columns.append(Column("", width=YEAR_GAP))
        columns += [Column(f"{title}\n{word}", RIGHT, fit=True, min_width=FIGURE_WIDTH)
                    for word in ("was", "wordt", "verschil")]
    return columns


def _change_cells(change: YearChange | None) -> list:
    if change is None:
        return ["", "", "", ""]
    bold = change.changed
    return ["", _value_cell(change.before, False), _value_cell(change.after, bold),
            Cell(signed(change.difference), bold=bold)]


def _value_cell(value: CellValue | None, bold: bool) -> Cell:
    if value is None:
        return Cell(NO_YEAR, bold=bold)
    if value.marker is not None:
        return Cell(value.text(), italic=True, bold=bold)
    return Cell(amount_text(value.amount), bold=bold, color=_negative(value.amount))


def signed(amount: Decimal) -> str:
    """A difference: "+10.000", "-50.000"; nothing when there is none."""
    if not amount:
        return ""
    text = amount_text(amount)
    return f"+{text}" if amount > 0 else text


def _negative(amount: Decimal | None):
    return NEGATIVE if amount is not None and amount < 0 else None


# --- totals and contributions ---------------------------------------------------------------------

def _totals_part(ctx: ReportContext, totals, years: list[int]) -> list:
    lead = [Heading("Totalen", styles.HEADING2),
            Paragraph("De groepen waarvan het subtotaal verandert, en de totalen van de begroting.",
                      styles.SMALL)]
    own = set(totals.contribution_years)
    chunks = year_tables(ctx, years, LABEL_ROOM)
    return _part(lead, [(chunk, totals_table(ctx, totals, chunk, own)) for chunk in chunks], len(chunks) > 1)


def totals_table(ctx: ReportContext, totals, years: list[int], own: set[int]) -> GridTable:
    """Dekking, saldo and the te verdelen bedrag in the own years only: a comparison column is
    never funded or split (as in the budget annex)."""
    columns = [Column("", most=NAME_LIMIT), *figure_columns(ctx, years)]
    rows = [Row([row.label, *pair_cells(row, years)], indent=row.level)
            for row in totals.groups if any(row.values[y].changed for y in years if y in row.values)]
    if rows:
        rows[-1].keep_with_next = True
    rows.append(Row([ctx.total_label, *pair_cells(totals.total, years)], bold=True,
                    rule_above=0.8 if rows else 0.0, keep_with_next=True))
    rows.append(Row(["Totaal dekking", *pair_cells(totals.funding, years, own)], keep_with_next=True))
    rows.append(Row(["Saldo (dekking min begroting)", *pair_cells(totals.saldo, years, own)],
                    keep_with_next=True))
    rows.append(Row(["Te verdelen over de gemeenten", *pair_cells(totals.to_split, years, own)],
                    bold=True, rule_above=0.4, rule_below=0.6, double_below=True))
    return GridTable(columns, rows)


def pair_cells(row: FigureRow, years: list[int], only: set[int] | None = None) -> list:
    """was, wordt, verschil of each year; empty where the row has no figure that year."""
    cells: list = []
    for year in years:
        pair = row.values.get(year)
        if pair is None or (only is not None and year not in only):
            cells += ["", "", "", ""]
            continue
        bold = pair.changed  # also in a bold row: bold is changed, nothing else
        cells += ["", _amount_cell(pair.before, False), _amount_cell(pair.after, bold),
                  Cell(signed(pair.difference), bold=bold)]
    return cells


def _amount_cell(amount: Decimal | None, bold: bool) -> Cell:
    if amount is None:
        return Cell(NO_YEAR, bold=bold)
    return Cell(amount_text(amount), bold=bold, color=_negative(amount))


def _contributions_part(ctx: ReportContext, totals, years: list[int]) -> list:
    heading = Heading("Bijdragen per gemeente", styles.HEADING2)
    if totals.contribution_problem:
        return [heading, Paragraph(escape(totals.contribution_problem), styles.NOTICE)]
    chosen = [y for y in years if y in totals.contribution_years]
    if not totals.contributions or not chosen:
        return [heading, Paragraph("Er zijn geen bijdragen per gemeente te vergelijken.", styles.NOTICE)]
    lead = [heading, Paragraph(
        "Wat elke gemeente bijdraagt aan het te verdelen bedrag, in hele euro's; de bijdragen tellen "
        "op tot het totaal.", styles.SMALL)]
    chunks = year_tables(ctx, chosen, LABEL_ROOM)
    tables = [(chunk, contributions_table(ctx, totals, chunk)) for chunk in chunks]
    return _part(lead, tables, len(chunks) > 1)


def contributions_table(ctx: ReportContext, totals, years: list[int]) -> GridTable:
    columns = [Column("Gemeente", most=NAME_LIMIT), *figure_columns(ctx, years)]
    rows = [Row([row.label, *pair_cells(row, years)]) for row in totals.contributions]
    rows[-1].keep_with_next = True
    rows.append(Row(["Totaal", *pair_cells(contributions_total(totals.contributions), years)], bold=True,
                    rule_above=0.8, rule_below=0.6, double_below=True))
    return GridTable(columns, rows)


def contributions_total(rows: tuple[FigureRow, ...]) -> FigureRow:
    """The sum of the contributions, before and after: the te verdelen bedrag rounded to whole
    euros as the key split it (the largest remainder makes the parts add up to exactly that),
    so the column adds up where the te verdelen bedrag has cents."""
    values = {}
    for year in rows[0].values:
        pairs = [row.values[year] for row in rows]
        values[year] = replace(pairs[0], before=_sum(p.before for p in pairs),
                               after=_sum(p.after for p in pairs))
    return FigureRow("Totaal", 0, values)


def _sum(amounts) -> Decimal | None:
    known = [a for a in amounts if a is not None]
    return sum(known, Decimal(0)) if known else None


# --- staffing and outline -------------------------------------------------------------------------

UNITS = {"fte": ("fte", format_fte), "dagdelen": ("dagdelen p/w", format_half_days)}
WHAT = {"rol": "Rol", "project": "Project", "totaal": ""}


def _staffing_part(changes: list) -> list:
    if not changes:
        return []
    columns = [Column("Formatie en inzet", most=NAME_LIMIT), Column("was", RIGHT, fit=True),
               Column("wordt", RIGHT, fit=True), Column("verschil", RIGHT, fit=True),
               Column("eenheid", fit=True)]
    rows = []
    for change in changes:
        unit, show = UNITS.get(change.unit, (change.unit, format_half_days))
        prefix = WHAT.get(change.what, "")
        label = f"{prefix}: {change.label}" if prefix else change.label
        difference = show(change.difference) if change.difference else ""
        before = show(change.before) if change.before is not None else NO_YEAR
        rows.append(Row([label, Cell(before, bold=False),
                         Cell(show(change.after) if change.after is not None else NO_YEAR, bold=True),
                         Cell(f"+{difference}" if change.difference > 0 else difference, bold=True), unit],
                        bold=change.what == "totaal"))
    return with_room(Heading("Formatie", styles.HEADING2), GridTable(columns, rows))


def _outline_part(changes: list) -> list:
    if not changes:
        return []
    items = [Paragraph(escape(change.text(), most=2 * NAME_LIMIT), styles.BULLET, bulletText="•")
             for change in changes]
    return [*with_room(Heading("Projecten en acties", styles.HEADING2), items[0]), *items[1:]]
