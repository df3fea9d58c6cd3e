"""Bijdragen per gemeente: each municipality's contribution per year, with the key and its basis,
and the overige vaste regioverrekeningen with the municipalities that share each (H8, H10).

The shares and contributions come from the contribution services (largest
remainder, whole euros adding up to the total); when the key cannot be used,
the section says why instead of printing figures.
"""
from __future__ import annotations

from reportlab.platypus import Paragraph

from app.formatting import format_number, format_percentage
from app.models import KeyMethod
from app.reports import styles
from app.reports.context import ReportContext, amount_text, year_columns
from app.reports.document import LANDSCAPE, PORTRAIT, Heading, start_section, with_room
from app.reports.table import RIGHT, Cell, Column, GridTable, Row
from app.reports.text import NAME_LIMIT, TextBlock, escape
from app.services.contributions import EXAMPLE_NOTE
from app.services.key_sheet import load_fixed_settlements, load_key_sheet
from app.services.report_data import load_set_members

TITLE = "Bijdragen per gemeente"


def orientation(ctx: ReportContext) -> str:
    return LANDSCAPE if ctx.wide else PORTRAIT


def story(ctx: ReportContext, first: bool) -> list:
    sheet = load_key_sheet(ctx.workspace, ctx.plan_id)
    _years, settlements = load_fixed_settlements(ctx.workspace, ctx.plan_id)
    flow = start_section(TITLE, orientation(ctx), first)
    flow.append(Heading(TITLE, styles.HEADING1, toc_level=0))
    if sheet is None or sheet.key_id is None:
        flow.append(Paragraph("Dit plan heeft geen verdeelsleutel; er zijn geen bijdragen te berekenen.",
                              styles.NOTICE))
        return flow
    method = ("in percentages" if sheet.method is KeyMethod.PERCENTAGE
              else f"naar {escape(sheet.basis_label or 'basisgetal')}")
    flow.append(Paragraph(f"Verdeelsleutel: <b>{escape(sheet.name, most=NAME_LIMIT)}</b>, {method}.",
                          styles.BODY))
    if sheet.note:
        flow.append(TextBlock(f"Toelichting: {sheet.note}", styles.SMALL))
    if sheet.contributions is not None and sheet.contributions.example:
        flow.append(Paragraph(f"<b>{escape(EXAMPLE_NOTE)}</b>", styles.NOTICE))
    if sheet.problem:
        flow.append(Paragraph(escape(sheet.problem), styles.NOTICE))
        return flow
    flow.append(Paragraph(
        "Per jaar wordt de begroting, min de dekking die niet van de gemeenten komt (het te "
        "verdelen bedrag), over de gemeenten verdeeld naar de sleutel; een post die door een deel "
        "van de gemeenten wordt gedragen (zoals H8) alleen over die gemeenten. Bedragen in hele "
        "euro's; de bijdragen tellen precies op tot het te verdelen bedrag.",
        styles.SMALL))
    if sheet.contributions is not None:
        flow += with_room(Heading("Te verdelen bedrag", styles.HEADING2),
                          _basis_table(ctx, sheet.contributions))
    flow += with_room(Heading("Bijdragen aan de begroting", styles.HEADING2), _key_table(ctx, sheet))
    if settlements:
        flow += with_room(Heading("Overige vaste regioverrekeningen", styles.HEADING2),
                          _settlements_table(ctx, settlements))
        flow += _scopes(ctx, {s.scope for s in settlements if s.scope})
        if sheet.fixed_settlements is not None:
            flow += with_room(Heading("Bijdragen aan de overige vaste regioverrekeningen",
                                      styles.HEADING3), _split_table(ctx, sheet.fixed_settlements))
    return flow



def _basis_table(ctx: ReportContext, contributions) -> GridTable:
    """The arithmetic of the split: the budget, minus the funding others pay, is what the key
    splits (the total of the contributions below)."""
    years = ctx.own_years
    rows = [Row(["Begroting", *[amount_text(contributions.budget.get(y)) for y in years]]),
            Row(["Min overige dekking (niet van de gemeenten)",
                 *[amount_text(contributions.other_funding.get(y)) for y in years]]),
            Row(["Te verdelen over de gemeenten", *[amount_text(contributions.totals.get(y)) for y in years]],
                bold=True, rule_above=0.8)]
    rows[0].keep_with_next = rows[1].keep_with_next = True
    return GridTable([Column(""), *year_columns(ctx, years)], rows)


def _key_table(ctx: ReportContext, sheet) -> GridTable:
    by_basis = sheet.method is KeyMethod.BASIS
    columns = [Column("Gemeente", most=NAME_LIMIT)]
    if by_basis:
        columns.append(Column("Basis", RIGHT, fit=True))
    years = ctx.own_years  # a comparison column (last year's budget) is never split
    columns += [Column("Aandeel", RIGHT, fit=True), *year_columns(ctx, years)]
    contributions = sheet.contributions
    rows = []
    for share in sheet.rows:
        cells = [share.municipality]
        if by_basis:
            cells.append(format_number(share.basis) if share.basis is not None else "")
        cells.append(format_percentage(share.share))
        cells += [amount_text(contributions.by_year.get(y, {}).get(share.municipality)) if contributions
                  else "" for y in years]
        rows.append(Row(cells))
    total = ["Totaal"]
    if by_basis:
        total.append(format_number(sheet.total_basis))
    total.append(format_percentage(sheet.total_percentage))
    total += [amount_text(contributions.totals.get(y)) if contributions else "" for y in years]
    if rows:
        rows[-1].keep_with_next = True
    rows.append(Row(total, bold=True, rule_above=0.8, rule_below=0.6, double_below=True))
    return GridTable(columns, rows)


def _settlements_table(ctx: ReportContext, settlements) -> GridTable:
    columns = [Column("Omschrijving", most=NAME_LIMIT), Column("Gedeeld door", fit=True, valign="bottom", most=NAME_LIMIT), *year_columns(ctx)]
    rows = []
    for settlement in settlements:
        note = ctx.notes.add(settlement.note)
        cells = [Cell(settlement.name, notes=(note,) if note else ()), settlement.scope or "alle"]
        cells += [amount_text(settlement.amounts.get(y)) for y in ctx.years]
        rows.append(Row(cells))
    return GridTable(columns, rows)


def _scopes(ctx: ReportContext, codes: set[str]) -> list:
    flow = []
    for members in load_set_members(ctx.workspace, ctx.plan.region_id):
        if members.code in codes:
            name = (members.name if members.name.startswith(members.code)
                    else f"{members.code} ({members.name})")
            flow.append(Paragraph(f"<b>{escape(name)}</b>: {escape(', '.join(members.members))}.",
                                  styles.SMALL))
    return flow


def _split_table(ctx: ReportContext, fixed) -> GridTable:
    years = ctx.own_years  # a comparison column is never split
    columns = [Column("Gemeente", most=NAME_LIMIT), *year_columns(ctx, years)]
    rows = [Row([name, *[amount_text(fixed.by_year.get(y, {}).get(name)) for y in years]])
            for name in fixed.municipalities]
    if rows:
        rows[-1].keep_with_next = True
    rows.append(Row(["Totaal", *[amount_text(fixed.totals.get(y)) for y in years]], bold=True,
                    rule_above=0.8, rule_below=0.6, double_below=True))
    return GridTable(columns, rows)
