"""Checks of what the source document printed against what Planbord computes.

A plan entered from a published document keeps the document's own figures
where they are statements rather than sums: the subtotals and the grand total
as printed (:class:`~app.models.PrintedTotal`) and the dagdelen a chapter's
text names for its projects (``Chapter.stated_half_days``). Planbord never
uses them as figures: it computes every total and takes the dagdelen from the
staffing. Where the two disagree, the problems list says so, with both figures,
so the difference is seen and never silently repaired.
"""
from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.formatting import format_half_days, format_money
from app.models import Chapter, Plan, PrintedTotal, Project
from app.services.budget import BudgetFigures
from app.services.staffing import StaffingFigures, staffing_figures

if TYPE_CHECKING:
    from app.services.validation import Problem


def published_problems(session: Session, plan: Plan, budget: BudgetFigures,
                       staffing: StaffingFigures | None = None) -> list[Problem]:
    """Every printed subtotal or total that its lines do not add up to, then every chapter whose
    text names other dagdelen than the staffing gives its projects; in budget and reading order."""
    return printed_total_problems(session, plan, budget) + chapter_half_days_problems(
        session, plan, staffing)


def printed_total_problems(session: Session, plan: Plan, budget: BudgetFigures) -> list[Problem]:
    from app.services.validation import Problem  # validation imports this module

    printed: dict[int | None, dict[int, Decimal]] = defaultdict(dict)
    for group_id, year, amount in session.execute(
            select(PrintedTotal.group_id, PrintedTotal.year, PrintedTotal.amount)
            .where(PrintedTotal.plan_id == plan.id)):
        printed[group_id][year] = amount
    problems = []
    # A printed figure for a year the budget has no column for, or for a group that is not this
    # plan's, has nothing to be compared with: it is not a difference the user can act on.
    for group in budget.groups:
        label = f"{group.number}. {group.name}" if group.number else group.name
        for year, amount in sorted(printed.get(group.id, {}).items()):
            computed = group.totals.get(year)
            if computed is not None and computed != amount:
                problems.append(Problem("printed_subtotal", _message(
                    f"Subtotaal '{label}' {year}", "een subtotaal van ", amount, computed)))
    for year, amount in sorted(printed.get(None, {}).items()):
        computed = budget.total.get(year)
        if computed is not None and computed != amount:
            problems.append(Problem("printed_subtotal", _message(
                f"Het totaal {year}", "een totaal van ", amount, computed)))
    return problems


def _message(subject: str, what: str, printed: Decimal, computed: Decimal) -> str:
    difference = computed - printed
    direction = "meer" if difference > 0 else "minder"
    return (f"{subject}: de bron drukt {what}{format_money(printed)}, de posten tellen op tot "
            f"{format_money(computed)} ({format_money(abs(difference))} {direction}). "
            f"Planbord drukt het opgetelde bedrag af.")


def chapter_half_days_problems(session: Session, plan: Plan,
                               staffing: StaffingFigures | None = None) -> list[Problem]:
    from app.services.validation import Problem  # validation imports this module

    chapters = session.execute(
        select(Chapter.id, Chapter.parent_id, Chapter.number, Chapter.title, Chapter.stated_half_days)
        .where(Chapter.plan_id == plan.id).order_by(Chapter.position, Chapter.id)).all()
    if all(c.stated_half_days is None for c in chapters):
        return []
    staffing = staffing or staffing_figures(session, plan)
    children: dict[int | None, list] = defaultdict(list)
    known = {c.id for c in chapters}
    for chapter in chapters:
        children[chapter.parent_id if chapter.parent_id in known else None].append(chapter)
    in_chapter: dict[int, list[int]] = defaultdict(list)
    for project_id, chapter_id in session.execute(
            select(Project.id, Project.chapter_id).join(Project.chapter).where(Chapter.plan_id == plan.id)):
        in_chapter[chapter_id].append(project_id)
    half_days = {p.id: p.half_days for p in staffing.projects}

    def allocated(chapter_id: int, seen: set[int]) -> Decimal:
        """Dagdelen of the chapter's projects and those of its paragraphs, each counted once."""
        seen.add(chapter_id)
        total = sum((half_days.get(p, Decimal("0.0")) for p in in_chapter[chapter_id]), Decimal("0.0"))
        for child in children[chapter_id]:
            if child.id not in seen:
                total += allocated(child.id, seen)
        return total

    problems = []
    visited: set[int] = set()

    def walk(chapter) -> None:  # reading order: a chapter, then its paragraphs
        if chapter.id in visited:
            return
        visited.add(chapter.id)
        if chapter.stated_half_days is not None:
            given = allocated(chapter.id, set())
            if given != chapter.stated_half_days:
                label = f"{chapter.number} {chapter.title}".strip()
                problems.append(Problem(
                    "chapter_stated_half_days",
                    f"{label}: de hoofdstuktekst noemt {format_half_days(chapter.stated_half_days)} "
                    f"dagdelen per week, de formatie {format_half_days(given)}.",
                ))
        for child in children[chapter.id]:
            walk(child)

    for top in children[None]:
        walk(top)
    return problems
