"""Realisatie en uitputting: the realisatie-overzicht as regional programme plans print it.

Per own year of the plan (the chosen ones): the costs per group and line (Begroting, Gerealiseerd,
Verplicht, Resterend, Uitputting %, Prognose) with a subtotal under each group and the plan's
total; then the income per funding source (the dekking as budgeted against what was received);
then the saldo (received minus realised, beside the budgeted dekking minus the budget); and the
lines to look at (over budget, nearly spent early in the year, spent without a budget), listed
under the costs.

A line with a marker (PM, id., doorlopend) prints the marker as its budget and what was spent on
it, without a percentage. Every figure comes from app.services.depletion (the uitputting on the
peildatum) and the funding sheet; nothing is added up here. A plan without any booking prints the
section with one line saying so, not an empty table.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from reportlab.platypus import Paragraph

from app.formatting import format_date, format_percentage
from app.models import Plan
from app.reports import styles
from app.reports.context import MARKERS_NOTE, ReportContext, amount_text, marker_text, total_text
from app.reports.document import LANDSCAPE, Heading, start_section, with_room
from app.reports.table import RIGHT, Cell, Column, GridTable, Row
from app.reports.text import NAME_LIMIT, escape
from app.services.budget_sheet import RowKind, load_sheet
from app.services.depletion import Depletion, PlanDepletion, plan_depletion
from app.services.funding_sheet import load_funding_sheet

TITLE = "Realisatie en uitputting"
NEGATIVE = styles.LIGHTS["red"]
ZERO = Decimal("0.00")
AMOUNT_WIDTH = 66.0  # every amount column at least this wide, so the tables of a year line up
NO_BOOKINGS = ("Er is nog niets geboekt op dit plan: geen realisatie, geen verplichtingen en geen "
               "ontvangsten. Dit overzicht wordt gevuld zodra er boekingen zijn.")


def orientation(ctx: ReportContext) -> str:
    return LANDSCAPE  # six figures beside a line's description


def as_of(ctx: ReportContext) -> date:
    """The peildatum: what build_pdf was given (``as_of``), else the day of printing."""
    return getattr(ctx, "as_of", None) or ctx.today


def load_depletion(ctx: ReportContext) -> PlanDepletion | None:
    with ctx.workspace.session() as session:
        plan = session.get(Plan, ctx.plan_id)
        return None if plan is None else plan_depletion(session, plan, as_of(ctx))


def report_years(ctx: ReportContext, depletion: PlanDepletion) -> list[int]:
    """The chosen years the plan budgets itself (never a comparison column)."""
    return [y for y in ctx.own_years if y in depletion.years]


def story(ctx: ReportContext, first: bool) -> list:
    depletion = load_depletion(ctx)
    flow = start_section(TITLE, orientation(ctx), first)
    when = format_date(as_of(ctx))
    flow.append(Heading(f"{TITLE}, peildatum {when}", styles.HEADING1, toc_level=0))
    if depletion is None:
        flow.append(Paragraph("Dit plan bestaat niet meer.", styles.NOTICE))
        return flow
    if not depletion.entries:
        flow.append(Paragraph(NO_BOOKINGS, styles.NOTICE))
        return flow
    flow.append(Paragraph(
        f"Bijlage bij het {escape(ctx.plan.title, most=NAME_LIMIT)}: wat er tot en met {when} is uitgegeven "
        "(gerealiseerd) en besteld maar nog niet betaald (verplicht), tegen de begroting. Bedragen in "
        "euro's. Resterend is de begroting min gerealiseerd en verplicht; de uitputting is gerealiseerd "
        "en verplicht samen als deel van de begroting. De prognose is wat het jaar naar verwachting "
        "aan het eind heeft uitgegeven: de uitgaven tot nu toe lineair doorgetrokken, of zoals opgegeven "
        "(<i>cursief</i>). Een post met PM, id. of doorlopend heeft geen bedrag en dus geen percentage.",
        styles.SMALL))
    years = report_years(ctx, depletion)
    if not years:
        flow.append(Paragraph(only_comparison(depletion.years), styles.NOTICE))
        return flow
    sheet = load_sheet(ctx.workspace, ctx.plan_id)
    funding = load_funding_sheet(ctx.workspace, ctx.plan_id, sheet.figures)
    for year in years:
        marked = marker_groups(depletion, year)
        flow += with_room(Heading(f"Kosten {year}", styles.HEADING2, outline_level=1),
                          costs_table(ctx, sheet, depletion, year, marked))
        if marked:
            flow.append(Paragraph(MARKERS_NOTE, styles.SMALL))
        flags = [f for f in depletion.flags if f.year == year]
        if flags:  # under the costs they are about
            flow += with_room(Heading(f"Aandachtspunten {year}", styles.HEADING3),
                              *[Paragraph(escape(f.message, most=2 * NAME_LIMIT), styles.BULLET, bulletText="•")
                                for f in flags])
        flow += with_room(Heading(f"Inkomsten {year}", styles.HEADING3),
                          income_table(funding, depletion, year))
        flow += with_room(Heading(f"Saldo {year}", styles.HEADING3),
                          Paragraph("Het gerealiseerde saldo (ontvangen min gerealiseerd) met ter vergelijking "
                                    "het saldo van de begroting (begrote dekking min begroting).", styles.SMALL),
                          saldo_table(funding, depletion, year))
    return flow


def only_comparison(years) -> str:
    """Only a comparison column was chosen: nothing of it is realised in this plan."""
    return ("Van de gekozen jaren begroot dit plan er geen zelf (een vergelijkingskolom heeft geen "
            f"realisatie); kies ook {', '.join(map(str, years))}.")


def _amount_columns(*titles: str) -> list[Column]:
    return [Column(t, RIGHT, fit=True, min_width=AMOUNT_WIDTH) for t in titles]


def _amount(value: Decimal | None, **kw) -> Cell | str:
    """An amount as the other annexes print it; a negative one in red."""
    if value is not None and value < 0:
        return Cell(amount_text(value), color=NEGATIVE, **kw)
    return Cell(amount_text(value), **kw) if kw else amount_text(value)


def marker_groups(depletion: PlanDepletion, year: int) -> set[int | None]:
    """The groups (and None: the plan's total) whose budget in ``year`` leaves out a line with a
    marker: their budget is printed with †, as the budget annex prints its totals."""
    parents = {group.id: group.parent_id for group in depletion.groups}
    found: set[int | None] = set()
    for line in depletion.lines:
        if line.years[year].marker is None:
            continue
        group_id = line.group_id
        while group_id is not None and group_id not in found:
            found.add(group_id)
            group_id = parents.get(group_id)
        found.add(None)
    return found


def figure_cells(figures: Depletion, budget_text: Cell | str | None = None) -> list:
    """Begroting, Gerealiseerd, Verplicht, Resterend, Uitputting %, Prognose of one row."""
    percentage = format_percentage(figures.percentage, 1) if figures.percentage is not None else ""
    over = figures.over
    return [
        budget_text if budget_text is not None else _amount(figures.budget),
        _amount(figures.realised),
        _amount(figures.committed) if figures.committed else "",
        _amount(figures.remaining),
        Cell(percentage, color=NEGATIVE, bold=True) if over and percentage else percentage,
        _amount(figures.forecast, italic=True) if figures.typed_forecast else _amount(figures.forecast),
    ]


def costs_table(ctx: ReportContext, sheet, depletion: PlanDepletion, year: int,
                marked: set[int | None] = frozenset()) -> GridTable:
    """The lines in the budget's order under their groups, a subtotal under every group (also
    where the budget annex prints none: the realisatie of each group is what is asked), and the
    plan's total."""
    columns = [Column("Omschrijving", most=NAME_LIMIT),
               *_amount_columns("Begroting", "Gerealiseerd", "Verplicht", "Resterend"),
               Column("Uitputting", RIGHT, fit=True, min_width=54),
               *_amount_columns("Prognose\neinde jaar")]
    lines = {line.id: line.years[year] for line in depletion.lines}
    groups = {group.id: group.years[year] for group in depletion.groups}
    blank = [""] * 6
    rows: list[Row] = []
    paths: dict[int | None, tuple[int, ...]] = {None: ()}
    for sheet_row in sheet.rows:
        kind = sheet_row.kind
        if kind is RowKind.GROUP:
            label = f"{sheet_row.number}. {sheet_row.label}" if sheet_row.number else sheet_row.label
            top = sheet_row.level == 0
            parent_path = paths.get(sheet_row.parent_id, ())
            rows.append(Row([label, *blank], bold=True, indent=sheet_row.level, heading=True,
                            keep_with_next=True, background=styles.BAND if top else None,
                            space_above=6 if top and rows else 0, path=parent_path))
            paths[sheet_row.id] = parent_path + (len(rows) - 1,)
        elif kind is RowKind.LINE:
            figures = lines.get(sheet_row.id)
            if figures is None:
                continue
            cell = sheet_row.cells.get(year)
            marker = None
            if figures.marker is not None:
                written = cell.marker_text if cell is not None and cell.marker is not None else ""
                marker = Cell(marker_text(figures.marker, written), italic=True)
            label = sheet_row.label + (f" ({sheet_row.set_code})" if sheet_row.set_code else "")
            rows.append(Row([label, *figure_cells(figures, marker)], indent=sheet_row.level,
                            path=paths.get(sheet_row.parent_id, ())))
        elif kind is RowKind.SUBTOTAL:
            figures = groups.get(sheet_row.id)
            if figures is None:
                continue
            if rows:
                rows[-1].keep_with_next = True  # never alone at the top of a page
            name = sheet_row.label.removeprefix("Subtotaal ")
            budget = total_text(figures.budget, 1) if sheet_row.id in marked else None
            rows.append(Row([f"Totaal {name}", *figure_cells(figures, budget)], bold=True, indent=sheet_row.level,
                            background=styles.SUBTLE, rule_above=0.4, path=paths.get(sheet_row.id, ())))
        elif kind is RowKind.TOTAL:
            if rows:
                rows[-1].keep_with_next = True
            total = depletion.total[year]
            budget = total_text(total.budget, 1) if None in marked else None
            rows.append(Row([ctx.total_label, *figure_cells(total, budget)], bold=True,
                            rule_above=0.8, rule_below=0.6, double_below=True, space_above=4))
    return GridTable(columns, rows)


def income_table(funding, depletion: PlanDepletion, year: int) -> GridTable:
    """Each funding source: the dekking as budgeted against what was received, and the difference
    (received minus budgeted)."""
    columns = [Column("Bron van dekking", most=NAME_LIMIT),
               *_amount_columns("Begroot", "Ontvangen", "Ontvangen\nmin begroot")]
    rows = []
    budgeted_total = ZERO
    for source in funding.sources if funding is not None else []:
        budgeted = source.amounts.get(year)
        received = depletion.income_by_source.get(source.id, {}).get(year, ZERO)
        budgeted_total += budgeted or ZERO
        rows.append(Row([source.name, _amount(budgeted), _amount(received),
                         _amount(received - (budgeted or ZERO))]))
    if not rows:
        rows.append(Row(["Geen dekking opgegeven", "", "", ""], italic=True))
    received_total = depletion.income.get(year, ZERO)
    budgeted_total = funding.figures.funding.get(year, budgeted_total) if funding is not None else budgeted_total
    rows[-1].keep_with_next = True
    rows.append(Row(["Totaal inkomsten", _amount(budgeted_total), _amount(received_total),
                     _amount(received_total - budgeted_total)],
                    bold=True, rule_above=0.8, rule_below=0.6, double_below=True))
    return GridTable(columns, rows)


def saldo_table(funding, depletion: PlanDepletion, year: int) -> GridTable:
    """Income minus costs: as realised (received minus realised), beside the budget's own saldo
    (budgeted dekking minus budget) for comparison."""
    total = depletion.total[year]
    budget = total.budget if total.budget is not None else ZERO
    dekking = funding.figures.funding.get(year, ZERO) if funding is not None else ZERO
    received = depletion.income.get(year, ZERO)
    columns = [Column(""), *_amount_columns("Begroot", "Gerealiseerd")]
    rows = [Row(["Inkomsten: dekking, ontvangen", _amount(dekking), _amount(received)], keep_with_next=True),
            Row(["Kosten: begroting, gerealiseerd", _amount(budget), _amount(total.realised)],
                keep_with_next=True),
            Row(["Saldo (inkomsten min kosten)", _amount(dekking - budget), _amount(received - total.realised)],
                bold=True, rule_above=0.8, rule_below=0.6, double_below=True)]
    return GridTable(columns, rows)
