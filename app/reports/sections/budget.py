"""Bijlage begroting: the budget table as in chapter 6 of the published plan.

Groups and lines with one column per year, markers printed as PM / id. /
doorlopend, the subtotals the plan prints and the total, then the dekking with
its total and the saldo, and the overige vaste regioverrekeningen. A
toelichting on a line or a cell is a numbered footnote on the page that
refers to it. Every figure comes from the budget sheet and the budget
services; nothing is added up here.
"""
from __future__ import annotations

from reportlab.platypus import Paragraph

from app.reports import styles
from app.reports.context import (
    MARKERS_NOTE,
    year_columns,
    ReportContext,
    amount_text,
    marker_text,
    total_text,
)
from app.reports.document import LANDSCAPE, PORTRAIT, Heading, start_section, with_room
from app.reports.table import RIGHT, Cell, Column, GridTable, Row
from app.reports.text import escape
from app.services.budget_sheet import RowKind, load_sheet
from app.services.funding_sheet import load_funding_sheet
from app.services.key_sheet import load_fixed_settlements

TITLE = "Begroting"
NEGATIVE = styles.LIGHTS["red"]


def orientation(ctx: ReportContext) -> str:
    return LANDSCAPE if ctx.wide else PORTRAIT


def story(ctx: ReportContext, first: bool) -> list:
    sheet = load_sheet(ctx.workspace, ctx.plan_id)
    funding = load_funding_sheet(ctx.workspace, ctx.plan_id, sheet.figures)
    _years, settlements = load_fixed_settlements(ctx.workspace, ctx.plan_id)
    flow = start_section(TITLE, orientation(ctx), first)
    flow.append(Heading(f"Begroting {ctx.plan.year}", styles.HEADING1, toc_level=0))
    flow.append(Paragraph(
        f"Bijlage bij het {escape(ctx.plan.title)}. Bedragen in euro's.", styles.SMALL))
    flow.append(budget_table(ctx, sheet))
    if any(sheet.figures.markers_left_out[y] for y in ctx.years):
        flow.append(Paragraph(MARKERS_NOTE, styles.SMALL))
    flow += with_room(Heading("Dekking", styles.HEADING2), funding_table(ctx, funding))
    if settlements:
        flow += with_room(Heading("Overige vaste regioverrekeningen vanuit lokale middelen",
                                  styles.HEADING2), settlements_table(ctx, settlements))
    return flow



def budget_table(ctx: ReportContext, sheet) -> GridTable:
    columns = [Column("Omschrijving")]
    if ctx.project_column:
        columns.append(Column("Project", fit=True, valign="bottom"))
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
            name = Cell(sheet_row.label, notes=_notes(ctx, sheet_row.note))
            cells = [name]
            if ctx.project_column:
                cells.append(sheet_row.project_number)
            for year in ctx.years:
                value = sheet_row.cells[year]
                note = _notes(ctx, sheet_row.cell_notes.get(year, ""))
                if value.marker is not None:
                    cells.append(Cell(marker_text(value.marker), notes=note, italic=True))
                else:
                    cells.append(Cell(amount_text(value.amount), notes=note,
                                      color=NEGATIVE if value.amount is not None and value.amount < 0
                                      else None))
            rows.append(Row(cells, indent=sheet_row.level, path=paths.get(sheet_row.parent_id, ())))
        elif kind is RowKind.SUBTOTAL:
            if not sheet_row.shows_subtotal:
                continue
            group = sheet.figures.group(sheet_row.id)
            label = sheet_row.label
            cells = [label, *extra]
            cells += [total_text(group.totals[y], group.markers_left_out[y]) for y in ctx.years]
            if rows:
                rows[-1].keep_with_next = True  # never alone at the top of a page
            rows.append(Row(cells, bold=True, indent=sheet_row.level, background=styles.SUBTLE,
                            rule_above=0.4, path=paths.get(sheet_row.id, ())))
        elif kind is RowKind.TOTAL:
            figures = sheet.figures
            cells = [f"Totaal begroting {ctx.plan.year}", *extra]
            cells += [total_text(figures.total[y], figures.markers_left_out[y]) for y in ctx.years]
            if rows:
                rows[-1].keep_with_next = True
            rows.append(Row(cells, bold=True, rule_above=0.8, rule_below=0.6, double_below=True,
                            space_above=4))
    return GridTable(columns, rows)


def funding_table(ctx: ReportContext, funding) -> GridTable:
    columns = [Column("Dekking"), *year_columns(ctx)]
    rows = []
    for source in funding.sources:
        cells = [Cell(source.name, notes=_notes(ctx, source.note))]
        cells += [amount_text(source.amounts.get(y)) for y in ctx.years]
        rows.append(Row(cells))
    if not funding.sources:
        rows.append(Row(["Geen dekking opgegeven", *[""] * len(ctx.years)], italic=True))
    figures = funding.figures
    rows.append(Row(["Totaal dekking", *[amount_text(figures.funding[y]) for y in ctx.years]],
                    bold=True, rule_above=0.4))
    rows.append(Row([f"Totaal begroting {ctx.plan.year}",
                     *[total_text(figures.total[y], figures.markers_left_out[y]) for y in ctx.years]]))
    balance = figures.balance
    rows.append(Row(["Saldo (dekking min begroting)",
                     *[Cell(amount_text(balance[y]), color=NEGATIVE if balance[y] < 0 else None)
                       for y in ctx.years]],
                    bold=True, rule_above=0.8, rule_below=0.6, double_below=True))
    rows[-2].keep_with_next = rows[-3].keep_with_next = True
    return GridTable(columns, rows)


def settlements_table(ctx: ReportContext, settlements) -> GridTable:
    columns = [Column("Omschrijving"), Column("Gedeeld door", fit=True, valign="bottom"), *year_columns(ctx)]
    rows = []
    for settlement in settlements:
        cells = [Cell(settlement.name, notes=_notes(ctx, settlement.note)), settlement.scope]
        cells += [amount_text(settlement.amounts.get(y)) for y in ctx.years]
        rows.append(Row(cells))
    return GridTable(columns, rows)


def _notes(ctx: ReportContext, text: str) -> tuple:
    note = ctx.notes.add(text)
    return (note,) if note is not None else ()
