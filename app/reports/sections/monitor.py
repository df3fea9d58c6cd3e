"""Monitor: the region's indicators (issue 21, point 3), each as its table on the Monitor page.

Per indicator: its unit, whether it adds up and how it is broken down; a table of the years with a
row per municipality (the region's order) or organisation, the whole and the target (Doel); the
notes of its values; its source and definition. Every value is printed in its unit as the page
shows it (``12,5 %``, ``€ 1.250``, ``14 dagen``). An additive indicator's whole is its "Totaal"
(the members' sum the service computes, or the whole entered); a non-additive one (unique clients,
a percentage) never gets a sum: its whole is printed only where it was entered, as "Geheel
(ingevoerd)". The figures come from app.services.indicators; nothing is added up here.
"""
from __future__ import annotations

from reportlab.platypus import Paragraph

from app.models.indicators import Breakdown
from app.reports import styles
from app.reports.context import YEAR_WIDTH, ReportContext
from app.reports.document import LANDSCAPE, PORTRAIT, Heading, start_section, with_room
from app.reports.table import RIGHT, Cell, Column, GridTable, Row
from app.reports.text import NAME_LIMIT, TextBlock, escape
from app.services.indicators import IndicatorTable, region_indicators
from app.services.region_admin import load_region_admin

TITLE = "Monitor"
PORTRAIT_YEARS = 6  # more year columns in an indicator: the section is printed on landscape pages
UNITS = {"aantal": "aantal", "cliënten": "cliënten", "percentage": "percentage", "euro": "euro's",
         "dagen": "dagen"}
BREAKDOWNS = {Breakdown.NONE: "één waarde per jaar", Breakdown.MUNICIPALITY: "per gemeente",
              Breakdown.ORGANISATION: "per organisatie"}
NO_INDICATORS = ("Voor deze regio zijn nog geen indicatoren vastgelegd. Leg ze vast op de pagina Monitor "
                 "van de regio.")
INTRO = ("De indicatoren van de regio met hun waarden per jaar en hun doel. Een indicator die optelt (zoals "
         "uitgaven) heeft een totaal: de som van de gemeenten of organisaties. Een indicator die niet optelt "
         "(zoals unieke cliënten, die bij meer dan één aanbieder kunnen zijn, of een percentage) heeft "
         "nooit een som: het geheel staat er alleen als het is ingevoerd.")


def load_indicators(ctx: ReportContext) -> tuple[list[IndicatorTable], list[str]]:
    """The region's indicators in order, and its municipalities in order."""
    admin = load_region_admin(ctx.workspace, ctx.plan.region_id)
    with ctx.workspace.session() as session:
        tables = region_indicators(session, ctx.plan.region_id)
    return tables, [m.name for m in admin.municipalities] if admin is not None else []


def orientation(ctx: ReportContext) -> str:
    tables, _names = load_indicators(ctx)
    return LANDSCAPE if any(len(t.years) > PORTRAIT_YEARS for t in tables) else PORTRAIT


def story(ctx: ReportContext, first: bool) -> list:
    tables, municipalities = load_indicators(ctx)
    wide = any(len(t.years) > PORTRAIT_YEARS for t in tables)
    flow = start_section(TITLE, LANDSCAPE if wide else PORTRAIT, first)
    flow.append(Heading(TITLE, styles.HEADING1, toc_level=0))
    if not tables:
        flow.append(Paragraph(NO_INDICATORS, styles.NOTICE))
        return flow
    flow.append(Paragraph(f"{escape(ctx.plan.region, most=NAME_LIMIT)}. {INTRO}", styles.SMALL))
    for table in tables:
        flow += indicator_flow(table, municipalities)
    return flow


def kind_text(table: IndicatorTable) -> str:
    adds = "telt op (totaal is de som)" if table.additive else "telt niet op (geen som)"
    return f"Eenheid: {UNITS.get(table.unit.value, table.unit.value)} · {adds} · {BREAKDOWNS[table.breakdown]}"


def whole_label(table: IndicatorTable) -> str:
    if table.breakdown is Breakdown.NONE:
        return "Waarde"
    return "Totaal" if table.additive else "Geheel (ingevoerd)"


def member_names(table: IndicatorTable, municipalities: list[str]) -> list[str]:
    """The rows as the page shows them: every municipality in the region's order (then any other
    name a value was kept under), or the organisations a-z."""
    stored = [name for name, _values in table.members]
    if table.breakdown is Breakdown.MUNICIPALITY:
        known = {m.casefold() for m in municipalities}
        return municipalities + [n for n in stored if n.casefold() not in known]
    return stored


def indicator_flow(table: IndicatorTable, municipalities: list[str]) -> list:
    heading = Heading(table.name, styles.HEADING2, outline_level=1)
    kind = Paragraph(escape(kind_text(table)), styles.SMALL)
    if not table.years:
        body = [Paragraph("Nog geen waarden of doelen ingevoerd.", styles.NOTICE)]
    else:
        body = [values_table(table, municipalities)]
    flow = with_room(heading, kind, *body)
    notes = sorted(table.notes.items(), key=lambda item: (item[0][1], item[0][0].casefold()))
    for (member, year), note in notes:
        where = f"{year}, {member}" if member else f"{year}, {whole_label(table).lower()}"
        flow.append(TextBlock(f"{where}: {note}", styles.BULLET, bullet="•"))
    flow.append(Paragraph(f"<b>Bron:</b> {escape(table.source) or '–'}", styles.SMALL))
    if table.definition:
        flow.append(TextBlock(f"Definitie: {table.definition}", styles.SMALL))
    return flow


def values_table(table: IndicatorTable, municipalities: list[str]) -> GridTable:
    first = {Breakdown.MUNICIPALITY: "Gemeente", Breakdown.ORGANISATION: "Organisatie"}.get(table.breakdown, "")
    columns = [Column(first, most=NAME_LIMIT)]
    columns += [Column(str(y), RIGHT, fit=True, min_width=YEAR_WIDTH) for y in table.years]
    rows = []
    values = dict(table.members)
    for name in member_names(table, municipalities):
        rows.append(Row([name] + [table.text(values.get(name, {}).get(y)) for y in table.years]))
    whole = [table.whole.get(y) for y in table.years]
    # A non-additive indicator's whole only where entered (the service never sums it); a row of
    # nothing is left out rather than printed empty.
    if table.breakdown is Breakdown.NONE or table.additive or any(v is not None for v in whole):
        rows.append(Row([whole_label(table)] + [table.text(v) for v in whole],
                        bold=table.breakdown is not Breakdown.NONE, rule_above=0.6 if rows else 0.0,
                        background=styles.SUBTLE if rows else None))
    if table.targets:
        rows.append(Row([Cell("Doel")] + [table.text(table.targets.get(y)) for y in table.years], italic=True))
    return GridTable(columns, rows)
