"""Afrekening per gemeente: per own year of the plan, what each municipality paid in advance (its
contribution on the budget) against its share of the realised costs, under the same key and sets,
and the difference to pay or to get back.

The figures come from app.services.settlement (largest remainder, whole euros: the advances add up
to what the budget split, the shares to what the realisatie splits, so the differences add up to
the difference of the two). Above each table: the realised costs, the other income received and
what was split. A settlement that cannot be made (the key; other income above the costs) says why
instead of printing figures; a plan without bookings says there is nothing to settle yet.
"""
from __future__ import annotations

from decimal import Decimal

from reportlab.platypus import Paragraph

from app.models import Plan
from app.reports import styles
from app.reports.context import ReportContext, amount_text
from app.reports.document import PORTRAIT, Heading, start_section, with_room
from app.reports.sections.realisation import only_comparison
from app.reports.table import RIGHT, Cell, Column, GridTable, Row
from app.reports.text import NAME_LIMIT, escape
from app.services.actuals_summary import has_entries
from app.services.settlement import Settlement, plan_settlement

TITLE = "Afrekening per gemeente"
NEGATIVE = styles.LIGHTS["red"]
AMOUNT_WIDTH = 78.0
NO_BOOKINGS = ("Er is nog niets geboekt op dit plan: zonder gerealiseerde kosten is er nog geen afrekening "
               "te maken.")
SIGN = ("Verschil = aandeel in de realisatie min voorschot. Een positief verschil betaalt de gemeente "
        "bij; een negatief verschil (in rood, met een minteken) krijgt de gemeente terug.")


def orientation(ctx: ReportContext) -> str:
    return PORTRAIT


def load(ctx: ReportContext) -> tuple[bool, dict[int, Settlement]]:
    """(whether anything was booked, the settlement per own year)."""
    with ctx.workspace.session() as session:
        plan = session.get(Plan, ctx.plan_id)
        if plan is None:
            return False, {}
        if not has_entries(session, plan):
            return False, {}
        return True, plan_settlement(session, plan)


def story(ctx: ReportContext, first: bool) -> list:
    booked, settlements = load(ctx)
    flow = start_section(TITLE, orientation(ctx), first)
    flow.append(Heading(TITLE, styles.HEADING1, toc_level=0))
    if not booked:
        flow.append(Paragraph(NO_BOOKINGS, styles.NOTICE))
        return flow
    flow.append(Paragraph(
        "Per jaar: wat elke gemeente vooruit heeft betaald (haar bijdrage op de begroting) tegenover "
        "haar aandeel in wat werkelijk is uitgegeven. Het aandeel is de gerealiseerde kosten min de "
        "overige inkomsten die werkelijk zijn ontvangen, verdeeld met dezelfde verdeelsleutel; een "
        "post die door een deel van de gemeenten wordt gedragen (zoals H8) alleen over die gemeenten. "
        "Bedragen in hele euro's; voorschotten en aandelen tellen precies op tot hun totaal.",
        styles.SMALL))
    years = [y for y in ctx.own_years if y in settlements]
    if not years:
        flow.append(Paragraph(only_comparison(sorted(settlements)), styles.NOTICE))
    for year in years:
        settlement = settlements[year]
        heading = Heading(f"Afrekening {year}", styles.HEADING2, outline_level=1)
        if settlement.problem:
            flow += [heading, Paragraph(escape(settlement.problem, most=2 * NAME_LIMIT), styles.NOTICE)]
            continue
        flow += with_room(heading, basis_table(settlement), Paragraph(SIGN, styles.SMALL),
                          settlement_table(settlement))
    return flow


def _amount(value: Decimal, **kw) -> Cell | str:
    if value < 0:
        return Cell(amount_text(value), color=NEGATIVE, **kw)
    return Cell(amount_text(value), **kw) if kw else amount_text(value)


def basis_table(settlement: Settlement) -> GridTable:
    """What was split: the realised costs, less the other income received, is what the shares add
    up to; beside it what the advances added up to."""
    rows = [Row(["Gerealiseerde kosten", _amount(settlement.realised)], keep_with_next=True),
            Row(["Min overige inkomsten ontvangen (niet van de gemeenten)", _amount(settlement.other_income)],
                keep_with_next=True),
            Row(["Te verdelen over de gemeenten (aandelen)", _amount(settlement.to_split)], bold=True,
                rule_above=0.8, keep_with_next=True),
            Row(["Voorschotten: bijdragen op de begroting", _amount(settlement.budget_to_split)])]
    return GridTable([Column("", most=NAME_LIMIT), Column("Bedrag", RIGHT, fit=True, min_width=AMOUNT_WIDTH)],
                     rows)


def settlement_table(settlement: Settlement) -> GridTable:
    columns = [Column("Gemeente", most=NAME_LIMIT),
               Column("Voorschot\n(bijdrage op\nde begroting)", RIGHT, fit=True, min_width=AMOUNT_WIDTH),
               Column("Aandeel in de\nrealisatie", RIGHT, fit=True, min_width=AMOUNT_WIDTH),
               Column("Verschil\n(+ bijbetalen,\n− terugkrijgen)", RIGHT, fit=True, min_width=AMOUNT_WIDTH),
               Column("", fit=True)]
    rows = []
    for row in settlement.rows:
        rows.append(Row([row.municipality, _amount(row.advance), _amount(row.share), _amount(row.difference),
                         _direction(row.difference)]))
    if rows:
        rows[-1].keep_with_next = True
    rows.append(Row(["Totaal", _amount(settlement.advance_total), _amount(settlement.share_total),
                     _amount(settlement.difference_total), _direction(settlement.difference_total)],
                    bold=True, rule_above=0.8, rule_below=0.6, double_below=True))
    return GridTable(columns, rows)


def _direction(difference: Decimal) -> str:
    if difference > 0:
        return "bij te betalen"
    if difference < 0:
        return "terug te ontvangen"
    return "—"
