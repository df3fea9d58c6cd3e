"""Bijlage begroting: the budget table as in chapter 6 of the published plan.

Groups and lines with one column per year (a comparison column headed
"Begroting 2021"), markers printed as the source wrote them (PM, id. or "id",
doorlopend), the subtotals the plan prints and the total under the plan's own
label, then the dekking with its total and the saldo, and the overige vaste
regioverrekeningen. A toelichting on a line or a cell is a footnote on the page
that refers to it, under the number the source gave it. A subtotal or total in
a year in which none of its lines holds an amount is left empty, as in the
plan, not printed as 0; the saldo of a comparison column is never printed (it
is not funded). Every figure comes from the budget sheet and the budget
services; nothing is added up here.

The budget of an amendment or a scenario can mark what differs from the plan it is based on
(``ctx.mark_changes``, from the comparison build_pdf made): a changed amount or marker bold,
its line on a light fill, a new, moved or renamed line named so after its description, and a
one-line legend above the table. A plan without a base prints exactly as it always did.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.lib import colors
from reportlab.platypus import Paragraph

from app.reports import styles
from app.reports.context import (
    DAGGER,
    MARKERS_NOTE,
    ReportContext,
    amount_text,
    marker_text,
    total_text,
    year_columns,
)
from app.reports.document import LANDSCAPE, PORTRAIT, Heading, start_section, with_room
from app.reports.table import Cell, Column, GridTable, Row
from app.reports.text import NAME_LIMIT, escape
from app.services.budget_sheet import RowKind, load_sheet
from app.services.comparison import ADDED, MOVED, REMOVED, RENAMED
from app.services.funding_sheet import load_funding_sheet
from app.services.gc_pause import gc_paused
from app.services.key_sheet import load_fixed_settlements

TITLE = "Begroting"
NEGATIVE = styles.LIGHTS["red"]
MARKED = colors.Color(1.0, 0.95, 0.72)  # a light marker-pen yellow: a line that changed
# What a marked line's description is followed by, for each kind of change (in this order).
LINE_TAGS = {ADDED: "nieuw", MOVED: "verplaatst", RENAMED: "hernoemd"}


@dataclass
class Marks:
    """What the budget annex marks: the changed cells (line id, year), the lines that changed at
    all, the words after a line's description, and how many lines were removed."""

    cells: set[tuple[int, int]] = field(default_factory=set)
    lines: set[int] = field(default_factory=set)
    tags: dict[int, str] = field(default_factory=dict)
    removed: int = 0

    @property
    def empty(self) -> bool:
        return not self.lines and not self.removed


def budget_marks(ctx: ReportContext) -> Marks | None:
    """The marks of ``ctx.comparison``'s budget; None when the annex marks nothing."""
    if not ctx.mark_changes or ctx.comparison is None:
        return None
    marks = Marks()
    for line in ctx.comparison.budget.changed_lines():
        if REMOVED in line.kinds:
            marks.removed += 1
            continue
        line_id = line.after.id
        marks.lines.add(line_id)
        marks.cells |= {(line_id, cell.year) for cell in line.cells if cell.changed}
        tags = [LINE_TAGS[kind] for kind in line.kinds if kind in LINE_TAGS]
        if tags:
            marks.tags[line_id] = ", ".join(tags)
    return marks


def legend(ctx: ReportContext, marks: Marks) -> str:
    """The legend above a marked budget table (Paragraph markup)."""
    base = escape(ctx.base_name, most=2 * NAME_LIMIT)
    if marks.empty:
        return f"Geen post of bedrag gewijzigd ten opzichte van {base}."
    text = (f"Gemarkeerd: gewijzigd ten opzichte van {base}. Een gewijzigde post staat op een licht "
            "vlak, met het gewijzigde bedrag <b>vet</b>; achter een nieuwe, verplaatste of hernoemde "
            "post staat dat tussen haakjes.")
    if marks.removed:
        posts = "post is" if marks.removed == 1 else "posten zijn"
        text += f" {marks.removed} {posts} vervallen; zie het Wijzigingsoverzicht."
    return text


def orientation(ctx: ReportContext) -> str:
    return LANDSCAPE if ctx.wide else PORTRAIT


def story(ctx: ReportContext, first: bool) -> list:
    with gc_paused():  # tens of thousands of rows and cells, none in a cycle (see build_story)
        return _story(ctx, first)


def _story(ctx: ReportContext, first: bool) -> list:
    sheet = load_sheet(ctx.workspace, ctx.plan_id)
    funding = load_funding_sheet(ctx.workspace, ctx.plan_id, sheet.figures)
    _years, settlements = load_fixed_settlements(ctx.workspace, ctx.plan_id)
    flow = start_section(TITLE, orientation(ctx), first)
    flow.append(Heading(f"Begroting {ctx.plan.year}", styles.HEADING1, toc_level=0))
    flow.append(Paragraph(
        f"Bijlage bij het {escape(ctx.plan.title, most=NAME_LIMIT)}. Bedragen in euro's.", styles.SMALL))
    marks = budget_marks(ctx)
    if marks is not None:
        flow.append(Paragraph(legend(ctx, marks), styles.SMALL))
    totals = total_texts(ctx, sheet)
    flow.append(budget_table(ctx, sheet, totals, marks))
    if any(text.startswith(DAGGER) for texts in totals.values() for text in texts):
        flow.append(Paragraph(MARKERS_NOTE, styles.SMALL))
    flow += with_room(Heading("Dekking", styles.HEADING2), funding_table(ctx, funding, totals[None]))
    if settlements:
        flow += with_room(Heading("Overige vaste regioverrekeningen vanuit lokale middelen",
                                  styles.HEADING2), settlements_table(ctx, settlements))
    return flow



def total_texts(ctx: ReportContext, sheet) -> dict[int | None, list[str]]:
    """The printed figures of each subtotal the plan shows (by group id) and of the grand total
    (None), per chosen year: "" where none of the lines below holds an amount that year."""
    filled = sheet.amount_years()
    figures = sheet.figures
    texts = {None: [total_text(figures.total[y], figures.markers_left_out[y]) if y in filled[None]
                    else "" for y in ctx.years]}
    for row in sheet.rows:
        if row.kind is RowKind.SUBTOTAL and row.shows_subtotal:
            group = figures.group(row.id)
            texts[row.id] = [total_text(group.totals[y], group.markers_left_out[y]) if y in filled[row.id]
                             else "" for y in ctx.years]
    return texts


def budget_table(ctx: ReportContext, sheet, totals: dict[int | None, list[str]] | None = None,
                 marks: Marks | None = None) -> GridTable:
    totals = total_texts(ctx, sheet) if totals is None else totals
    marks = marks or Marks()
    columns = [Column("Omschrijving", most=NAME_LIMIT)]
    if ctx.project_column:
        columns.append(Column("Project", fit=True, valign="bottom", most=NAME_LIMIT))
    columns += year_columns(ctx)
    rows: list[Row] = []
    heading_index: dict[int, int] = {}  # group id -> index of its heading row
    paths: dict[int | None, tuple[int, ...]] = {None: ()}  # group id -> heading rows it sits in
    extra = [""] if ctx.project_column else []
    for sheet_row in sheet.rows:
        kind = sheet_row.kind
        if kind is RowKind.GROUP:
            label = (f"{sheet_row.number}. {sheet_row.label}" if sheet_row.number
                     else sheet_row.label)
            parent_path = paths.get(sheet_row.parent_id, ())
            top = sheet_row.level == 0
            rows.append(Row([label, *extra, *[""] * len(ctx.years)], bold=True,
                            indent=sheet_row.level, heading=True, keep_with_next=True,
                            background=styles.BAND if top else None,
                            space_above=6 if top and rows else 0, path=parent_path))
            heading_index[sheet_row.id] = len(rows) - 1
            paths[sheet_row.id] = parent_path + (len(rows) - 1,)
        elif kind is RowKind.LINE:
            label = sheet_row.label
            line_id = sheet_row.id
            if line_id in marks.tags:
                label = f"{label} ({marks.tags[line_id]})"
            # A plain string where a cell has nothing but its text: the table makes it a Cell
            # as it would be made here (20,000 lines: 80,000 cells, nearly all plain).
            notes = _notes(ctx, sheet_row.note, sheet_row.note_number) if sheet_row.note else ()
            cells = [Cell(label, notes=notes) if notes else label]
            if ctx.project_column:
                cells.append(sheet_row.project_number)
            values, cell_notes = sheet_row.cells, sheet_row.cell_notes
            for year in ctx.years:
                value = values[year]
                note_text = cell_notes.get(year, "")
                note = (_notes(ctx, note_text, sheet_row.cell_note_numbers.get(year)) if note_text
                        else ())
                bold = True if marks.cells and (line_id, year) in marks.cells else None
                if value.marker is not None:
                    cells.append(Cell(marker_text(value.marker, value.marker_text), notes=note, italic=True,
                                      bold=bold))
                    continue
                amount = value.amount
                negative = amount is not None and amount < 0
                if note or bold or negative:
                    cells.append(Cell(amount_text(amount), notes=note, bold=bold,
                                      color=NEGATIVE if negative else None))
                else:
                    cells.append(amount_text(amount))
            rows.append(Row(cells, indent=sheet_row.level, path=paths.get(sheet_row.parent_id, ()),
                            background=MARKED if line_id in marks.lines else None))
        elif kind is RowKind.SUBTOTAL:
            if not sheet_row.shows_subtotal:
                continue
            cells = [sheet_row.label, *extra, *totals[sheet_row.id]]
            if rows:
                rows[-1].keep_with_next = True  # never alone at the top of a page
            rows.append(Row(cells, bold=True, indent=sheet_row.level, background=styles.SUBTLE,
                            rule_above=0.4, path=paths.get(sheet_row.id, ())))
        elif kind is RowKind.TOTAL:
            cells = [ctx.total_label, *extra, *totals[None]]
            if rows:
                rows[-1].keep_with_next = True
            rows.append(Row(cells, bold=True, rule_above=0.8, rule_below=0.6, double_below=True,
                            space_above=4))
    return GridTable(columns, rows)


def funding_table(ctx: ReportContext, funding, budget_totals: list[str]) -> GridTable:
    """The dekking: each source, their total, the budget's total (``budget_totals``, as the budget
    table prints it) and the saldo. A year without any amount stays empty; so does the saldo of
    a comparison column, which nothing funds. Elsewhere the saldo is printed, 0 included."""
    columns = [Column("Dekking", most=NAME_LIMIT), *year_columns(ctx)]
    rows = []
    for source in funding.sources:
        cells = [Cell(source.name, notes=_notes(ctx, source.note))]
        cells += [amount_text(source.amounts.get(y)) for y in ctx.years]
        rows.append(Row(cells))
    if not funding.sources:
        rows.append(Row(["Geen dekking opgegeven", *[""] * len(ctx.years)], italic=True))
    figures = funding.figures
    funded = {y for y in ctx.years if any(s.amounts.get(y) is not None for s in funding.sources)}
    budgeted = {y for y, text in zip(ctx.years, budget_totals) if text}
    # The saldo of each own year that has anything to balance; the funding total beside it
    # (0 included, so the sum reads), and wherever a source has an amount.
    balanced = {y for y in ctx.own_years if y in funded or y in budgeted}
    rows.append(Row(["Totaal dekking", *[amount_text(figures.funding[y]) if y in funded | balanced
                                         else "" for y in ctx.years]],
                    bold=True, rule_above=0.4))
    rows.append(Row([ctx.total_label, *budget_totals]))
    balance = figures.balance
    rows.append(Row(["Saldo (dekking min begroting)",
                     *[Cell(amount_text(balance[y]), color=NEGATIVE if balance[y] < 0 else None)
                       if y in balanced else "" for y in ctx.years]],
                    bold=True, rule_above=0.8, rule_below=0.6, double_below=True))
    rows[-2].keep_with_next = rows[-3].keep_with_next = True
    return GridTable(columns, rows)


def settlements_table(ctx: ReportContext, settlements) -> GridTable:
    columns = [Column("Omschrijving", most=NAME_LIMIT), Column("Gedeeld door", fit=True, valign="bottom", most=NAME_LIMIT), *year_columns(ctx)]
    rows = []
    for settlement in settlements:
        cells = [Cell(settlement.name, notes=_notes(ctx, settlement.note)), settlement.scope]
        cells += [amount_text(settlement.amounts.get(y)) for y in ctx.years]
        rows.append(Row(cells))
    return GridTable(columns, rows)


def _notes(ctx: ReportContext, text: str, number: int | None = None) -> tuple:
    note = ctx.notes.add(text, number)
    return (note,) if note is not None else ()
