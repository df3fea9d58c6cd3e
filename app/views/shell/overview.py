"""The read-only overview page of the selected navigation item, as simple HTML.

Figures come from the context's cache (the same numbers the status bar and the
editors show), facts and rows from :mod:`app.services.read_models` and the problems
from :mod:`app.services.validation`, all as plain data; this module only lays them out. Every
piece of user text goes through ``html.escape``; amounts and dates through
:mod:`app.formatting`, so the screen says exactly what the PDF and CLI say.
"""
from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import QCoreApplication

from app.formatting import (
    format_date,
    format_fte,
    format_half_days,
    format_money,
)
from app.models import PlanKind, PlanStatus
from app.services import read_models as rm
from app.services.budget import BudgetFigures
from app.services.validation import load_plan_problems
from app.views.shell.navigation import Node

translate = QCoreApplication.translate

# The page's CSS (Qt's rich-text subset of CSS 2.1) is app/resources/overview.css, filled with the
# theme's colours and sizes (app.views.theme.overview_css) and set on the browser by the window.

DAGGER = "\u2020"  # marks a total that leaves marker cells (PM, id., doorlopend) out


@dataclass
class Page:
    title: str
    html: str


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def render(context, node: Node) -> Page:
    """The overview page of ``node``, from ``context`` (its workspace and cached figures)."""
    if node.kind == "empty":
        title = translate("Overview", "Empty workspace")
        body = _p(translate("Overview", "This file holds no region or plan yet. Set up a region "
                                        "with File > New workspace, or open another file with "
                                        "File > Open."))
        return _page(title, "", body)
    if node.kind == "chapter":
        return _chapter_page(context, rm.load_chapter_info(context.workspace, node.id))
    if node.kind == "plan":
        return _plan_page(context, rm.load_plan_info(context.workspace, node.plan_id))
    # Projects and the plan's tables open their editors (app/views/shell/main_window.py).
    raise ValueError(f"unknown navigation node {node!r}")


# --- building blocks ---------------------------------------------------------------------


def _page(title: str, subtitle: str, body: str, banner: str = "") -> Page:
    parts = [f"<html><head><title>{esc(title)}</title></head><body>"]
    if banner:
        parts.append(banner)
    parts.append(f"<h1>{esc(title)}</h1>")
    if subtitle:
        parts.append(f'<p class="sub">{subtitle}</p>')
    parts.append(body)
    parts.append("</body></html>")
    return Page(title, "".join(parts))


def _p(text: str, cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return f"<p{attr}>{esc(text)}</p>"


def _paragraphs(text: str) -> str:
    """User text with its blank lines as paragraph breaks."""
    blocks = [b.strip() for b in text.split("\n\n") if b.strip()]
    return "".join(f"<p>{esc(b).replace(chr(10), '<br>')}</p>" for b in blocks)


def _h2(text: str) -> str:
    return f"<h2>{esc(text)}</h2>"


def _facts(rows: Iterable[tuple[str, str]]) -> str:
    """A two-column label/value table; values are already HTML."""
    body = "".join(f'<tr><td class="label">{esc(label)}</td><td>{value}</td></tr>'
                   for label, value in rows)
    return f'<table class="facts" cellspacing="0" cellpadding="0">{body}</table>'


# Number columns get one fixed width, so the pieces of a long table (see _table) line up.
NUM_COLUMN_PX = 128
# Qt lays out a table in time that grows faster than its row count: a budget of
# 2,000 lines as one table takes seconds, in pieces of this size a fraction of one.
ROWS_PER_TABLE = 120


def _th(text: str, num: bool = False) -> str:
    if num:
        return f'<th class="num" align="right" width="{NUM_COLUMN_PX}">{esc(text)}</th>'
    return f'<th align="left">{esc(text)}</th>'


def _td(content: str, num: bool = False, indent: int = 0, cls: str = "") -> str:
    """A cell; ``content`` is HTML. Numbers right-aligned and never wrapped."""
    classes = " ".join(c for c in ("num" if num else "", cls) if c)
    attrs = f' class="{classes}"' if classes else ""
    if num:
        attrs += f' align="right" width="{NUM_COLUMN_PX}"'
    # Indented with spaces: an inline padding style would replace the stylesheet's cell
    # rules (border, background) in Qt's rich text.
    return f"<td{attrs}>{'&nbsp;' * 5 * indent}{content}</td>"


def _table(header: list[str], rows: list[str], numeric_from: int = 1) -> str:
    """A grid table; a long one as consecutive pieces that look like one table."""
    head = "<tr>" + "".join(_th(h, i >= numeric_from) for i, h in enumerate(header)) + "</tr>"
    pieces = [rows[i:i + ROWS_PER_TABLE] for i in range(0, len(rows), ROWS_PER_TABLE)] or [[]]
    return "".join(
        f'<table class="grid" cellspacing="0" cellpadding="0" width="100%">'
        f"{head if n == 0 else ''}{''.join(piece)}</table>"
        for n, piece in enumerate(pieces))


def _label_row(label: str, cells: str, cls: str = "") -> str:
    """A table row: ``label`` (plain text) then ``cells`` (HTML of the other cells)."""
    attr = f' class="{cls}"' if cls else ""
    return f"<tr{attr}>{_td(esc(label))}{cells}</tr>"


def _money(value: Decimal | None) -> str:
    return esc(format_money(value))


def _balance(value: Decimal, own_year: bool = True) -> str:
    """The saldo; flagged when it is not zero in a year the plan must fund (a comparison
    column is last year's budget, never funded here: shown plainly, as the Dekking page does)."""
    text = _money(value)
    if value == 0 or not own_year:
        return text
    # Red is never the only sign: the minus and a word (shortfall, surplus) say it too.
    from app.views.budget.funding_model import balance_word

    return f'<span class="alert">{text}&nbsp;{esc(balance_word(value))}</span>'


def _adopted_banner(plan: rm.PlanInfo) -> str:
    """ "Vastgesteld: BOJ 11-11-2021 — alleen-lezen" above every page of an adopted plan."""
    if plan.status is not PlanStatus.ADOPTED:
        return ""
    body = " ".join(p for p in (plan.adopted_by, format_date(plan.adopted_on)) if p)
    text = translate("Overview", "Adopted: {body} — read-only").format(body=body).replace("  ", " ")
    return (f'<table width="100%" cellspacing="0" cellpadding="6" style="margin-bottom: 10px"><tr>'
            f'<td class="adopted">{esc(text)}</td></tr></table>')


def _plan_subtitle(plan: rm.PlanInfo) -> str:
    return esc(plan.title)


# --- plan --------------------------------------------------------------------------------


def _plan_page(context, plan: rm.PlanInfo) -> Page:
    budget = context.budget_figures(plan.id)
    staffing = context.staffing_figures(plan.id)
    problems = load_plan_problems(context.workspace, plan.id, budget, staffing)

    if plan.status is PlanStatus.ADOPTED:
        status = translate("Overview", "adopted by {body} on {date}").format(
            body=plan.adopted_by or "?", date=format_date(plan.adopted_on) or "?")
    else:
        status = translate("Overview", "draft")
    kinds = {PlanKind.PLAN: translate("Overview", "implementation plan"),
             PlanKind.AMENDMENT: translate("Overview", "amendment"),
             PlanKind.SCENARIO: translate("Overview", "scenario")}
    facts = [
        (translate("Overview", "Status"), esc(status)),
        (translate("Overview", "Kind"), esc(kinds[plan.kind])),
        (translate("Overview", "Plan year"), esc(str(plan.year))),
        (translate("Overview", "Budget years"), esc(f"{plan.first_year}–{plan.last_year}")),
        (translate("Overview", "Half-days per fte"), esc(format_half_days(plan.half_days_per_fte))),
    ]
    if plan.key_name is not None:
        facts.append((translate("Overview", "Allocation key"), esc(plan.key_name)))
    body = [_facts(facts), _h2(translate("Overview", "Figures"))]
    body.append(_year_totals_table(budget))
    body.append(_h2(translate("Overview", "Half-days")))
    text = translate("Overview", "{allocated} of {capacity} half-days per week allocated "
                                 "({fte} fte for execution).").format(
        allocated=format_half_days(staffing.allocated_half_days),
        capacity=format_half_days(staffing.capacity_half_days),
        fte=format_fte(staffing.execution_fte))
    body.append(_p(text, "alert" if staffing.over_allocated else ""))
    body.append(_h2(translate("Overview", "Points of attention")))
    if problems:
        items = "".join(
            f'<li><span class="{"alert" if p.severity == "error" else ""}">{esc(p.message)}</span></li>'
            for p in problems)
        body.append(f"<ul>{items}</ul>")
    else:
        body.append(_p(translate("Overview", "No points of attention: the figures agree."), "ok"))
    return _page(plan.title, esc(plan.region_name), "".join(body), _adopted_banner(plan))


def _year_totals_table(budget: BudgetFigures) -> str:
    years = budget.years
    header = [""] + [str(y) for y in years]
    rows = [
        _label_row(translate("Overview", "Budget"), "".join(
            _td(_total_cell(budget.total[y], budget.markers_left_out[y]), True) for y in years)),
        _label_row(translate("Overview", "Funding"), "".join(
            _td(_money(budget.funding[y]), True) for y in years)),
        _label_row(translate("Overview", "Balance"), "".join(
            _td(_balance(budget.balance[y], y in budget.own_years), True) for y in years), "total"),
    ]
    table = _table(header, rows)
    if any(budget.markers_left_out.values()):
        table += _markers_note()
    return table


def _total_cell(amount: Decimal, markers: int) -> str:
    text = _money(amount)
    # The mark goes before the amount, so right-aligned amounts keep one right edge.
    return f'<span class="muted">{DAGGER}</span>&nbsp;{text}' if markers else text


def _markers_note() -> str:
    return _p(DAGGER + " " + translate(
        "Overview", "Lines marked PM, id. or ongoing have no amount; the total leaves them out."),
        "note")


# --- chapter and project ------------------------------------------------------------------


def _chapter_page(context, info: rm.ChapterInfo) -> Page:
    plan = rm.load_plan_info(context.workspace, info.plan_id)
    title = f"{info.number} {info.title}".strip()
    body = [_paragraphs(info.text) if info.text else ""]
    if info.children:
        body.append(_h2(translate("Overview", "Sections")))
        body.append("<ul>" + "".join(f"<li>{esc(c.label)}</li>" for c in info.children) + "</ul>")
    if info.projects:
        staffing = {p.id: p for p in context.staffing_figures(plan.id).projects}
        rows = []
        for project in info.projects:
            s = staffing.get(project.id)
            rows.append(f"<tr>{_td(esc(project.number))}{_td(esc(project.title))}"
                        f"{_td(esc(format_half_days(s.half_days)) if s and s.half_days else '', True)}</tr>")
        body.append(_h2(translate("Overview", "Projects")))
        body.append(_table([translate("Overview", "No."), translate("Overview", "Project"),
                            translate("Overview", "Half-days per week")], rows, numeric_from=2))
    return _page(title, _plan_subtitle(plan), "".join(body), _adopted_banner(plan))
