"""What every section is built from: the workspace, the plan, the choices made, the notes."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from app.formatting import format_amount, format_date
from app.models import Marker
from app.reports.notes import NoteCounter
from app.reports.table import RIGHT, Column
from app.services.comparison import PlanComparison
from app.services.report_data import ReportPlan

DAGGER = "†"
MARKERS_NOTE = (f"{DAGGER} Regels met PM, id. of doorlopend hebben geen bedrag; "
                "het totaal telt ze niet mee.")

# Year columns are at least this wide (points), so the tables of a section line up.
YEAR_WIDTH = 60.0

# More year columns than this: the section is printed on landscape pages.
PORTRAIT_YEARS = 4


@dataclass
class ReportContext:
    workspace: object
    plan: ReportPlan
    years: list[int]
    chapters: list[int] | None  # None: all chapters
    today: date
    charts: list[tuple[str, Path]] = field(default_factory=list)
    project_column: bool = False
    notes: NoteCounter = field(default_factory=NoteCounter)
    # The plan this one was copied from (an amendment's adopted plan, a scenario's base), and
    # the two compared (app.services.comparison.PlanComparison) when a section needs it.
    base: ReportPlan | None = None
    comparison: PlanComparison | None = None
    mark_changes: bool = False  # the budget annex marks what differs from ``base``
    as_of: date | None = None  # the realisatie's peildatum (None: today)
    moment_id: int | None = None  # the voortgang annex as of this reporting moment (None: now)

    def __post_init__(self) -> None:
        # Notes the source gave no number follow the highest number it gave (footnote 22: 23).
        self.notes.reserve(self.plan.highest_note_number)

    @property
    def plan_id(self) -> int:
        return self.plan.id

    @property
    def total_label(self) -> str:
        """The grand total's label: the plan's own ("Totaal Uitvoeringsprogramma 2022"), or else
        "Totaal begroting <plan year>"."""
        return self.plan.total_label or f"Totaal begroting {self.plan.year}"

    @property
    def own_years(self) -> list[int]:
        """The chosen years the plan budgets and funds itself: no comparison column."""
        return [y for y in self.years if y not in self.plan.comparison_years]

    @property
    def wide(self) -> bool:
        return len(self.years) > PORTRAIT_YEARS

    @property
    def status_line(self) -> str:
        if self.plan.adopted:
            when = adoption_text(self.plan)
            return f"Vastgesteld: {when}" if when else "Vastgesteld"
        return f"Concept, afgedrukt op {format_date(self.today)}"

    @property
    def base_name(self) -> str:
        """The base as a sentence names it: "“Uitvoeringsplan 2022 …” (vastgesteld BOJ 11-11-2021)"."""
        if self.base is None:
            return ""
        when = adoption_text(self.base)
        state = f"vastgesteld {when}".strip() if self.base.adopted else "concept"
        return f"“{self.base.title}” ({state})"


def adoption_text(plan: ReportPlan) -> str:
    """By whom and when the plan was adopted ("BOJ 11-11-2021"); "" when it says neither."""
    return " ".join(p for p in (plan.adopted_by, format_date(plan.adopted_on)) if p)


def amount_text(amount: Decimal | None) -> str:
    """An amount as printed in a table: Dutch notation, no euro sign (the heading says so)."""
    return format_amount(amount) if amount is not None else ""


def total_text(amount: Decimal | None, markers_left_out: int = 0) -> str:
    """A computed total; marked with † when cells with a marker were left out of it."""
    text = amount_text(amount)
    return f"{DAGGER} {text}" if markers_left_out and text else text


def marker_text(marker: Marker, as_written: str = "") -> str:
    """A marker as printed: as the source wrote it ("id" without the dot), or its own value."""
    return as_written or marker.value


def year_title(ctx: ReportContext, year: int) -> str:
    """A year column's heading; a comparison column says what it is ("Begroting 2021")."""
    return f"Begroting\n{year}" if year in ctx.plan.comparison_years else str(year)


def year_columns(ctx: ReportContext, years: list[int] | None = None) -> list[Column]:
    return [Column(year_title(ctx, y), RIGHT, fit=True, min_width=YEAR_WIDTH)
            for y in (ctx.years if years is None else years)]
