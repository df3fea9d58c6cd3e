"""The budget as a sheet: the rows of the budget table in display order.

Group headings, their lines (and subgroups) in the order the user gave them,
a subtotal under each group and the grand total at the end. The budget
editor shows this sheet; the PDF annex prints it. Figures come from
:mod:`app.services.budget`; nothing here adds money up by itself.
"""
from __future__ import annotations

import enum
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import BudgetCell, BudgetGroup, BudgetLine, MunicipalitySet, Plan, Project
from app.services.budget import BudgetFigures, budget_figures
from app.services.cell_input import EMPTY, CellValue, marker_spelling

# A footnote number the source gave a note is kept within this range; outside it (a damaged
# or hostile file) the note is numbered as if it had none.
MAX_NOTE_NUMBER = 9999


def note_number(value) -> int | None:
    """A note's given footnote number as read from the file, or None."""
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_NOTE_NUMBER:
        return value
    return None


class RowKind(enum.Enum):
    GROUP = "group"
    LINE = "line"
    SUBTOTAL = "subtotal"
    TOTAL = "total"


@dataclass
class SheetRow:
    kind: RowKind
    id: int | None  # group id (GROUP, SUBTOTAL), line id (LINE), None (TOTAL)
    level: int
    label: str
    number: str = ""
    parent_id: int | None = None  # the group a line or subgroup sits in
    cells: dict[int, CellValue] = field(default_factory=dict)  # LINE only
    cell_notes: dict[int, str] = field(default_factory=dict)  # LINE only
    note: str = ""  # the line's own toelichting
    note_number: int | None = None  # the footnote number the source gave the line's note
    cell_note_numbers: dict[int, int] = field(default_factory=dict)  # LINE only: as for a cell note
    project_number: str = ""
    set_code: str = ""  # municipality set the line or group is shared by, if not all
    shows_subtotal: bool = False  # GROUP/SUBTOTAL: the published plan prints this subtotal


@dataclass
class BudgetSheet:
    plan_id: int
    years: list[int]
    rows: list[SheetRow]
    figures: BudgetFigures
    read_only: bool

    def __post_init__(self) -> None:
        self.line_row = {r.id: i for i, r in enumerate(self.rows) if r.kind is RowKind.LINE}
        self.subtotal_row = {r.id: i for i, r in enumerate(self.rows) if r.kind is RowKind.SUBTOTAL}
        self.group_row = {r.id: i for i, r in enumerate(self.rows) if r.kind is RowKind.GROUP}
        self.parent = {r.id: r.parent_id for r in self.rows if r.kind is RowKind.GROUP}

    def ancestors(self, group_id: int | None) -> list[int]:
        """The group and every group above it."""
        chain = []
        while group_id is not None:
            chain.append(group_id)
            group_id = self.parent.get(group_id)
        return chain

    def computed(self, row: SheetRow, year: int) -> Decimal | None:
        """The figure of a subtotal or total row."""
        if row.kind is RowKind.SUBTOTAL:
            return self.figures.group(row.id).totals[year]
        if row.kind is RowKind.TOTAL:
            return self.figures.total[year]
        return None

    def markers_left_out(self, row: SheetRow, year: int) -> int:
        if row.kind is RowKind.SUBTOTAL:
            return self.figures.group(row.id).markers_left_out[year]
        if row.kind is RowKind.TOTAL:
            return self.figures.markers_left_out[year]
        return 0

    def amount_years(self) -> dict[int | None, set[int]]:
        """Per group (None: the whole budget), the years in which a line in it or below it holds
        an amount (0 included; a marker is not an amount). A subtotal or total in another
        year has nothing to add up: printed empty, as the published plan leaves it."""
        years: dict[int | None, set[int]] = defaultdict(set)
        for row in self.rows:
            if row.kind is not RowKind.LINE:
                continue
            filled = {y for y, value in row.cells.items() if value.amount is not None}
            if filled:
                for group_id in [None, *self.ancestors(row.parent_id)]:
                    years[group_id] |= filled
        return years


def budget_sheet(session: Session, plan: Plan, figures: BudgetFigures | None = None) -> BudgetSheet:
    figures = figures or budget_figures(session, plan)
    # Plain rows, not ORM objects: a 2,000-line budget opens in a fraction of the time.
    groups = session.execute(
        select(BudgetGroup.id, BudgetGroup.parent_id, BudgetGroup.position, BudgetGroup.number,
               BudgetGroup.name, BudgetGroup.shows_subtotal, BudgetGroup.municipality_set_id)
        .where(BudgetGroup.plan_id == plan.id)).all()
    lines = session.execute(
        select(BudgetLine.id, BudgetLine.group_id, BudgetLine.position, BudgetLine.name,
               BudgetLine.note, BudgetLine.note_number, BudgetLine.project_id,
               BudgetLine.municipality_set_id)
        .join(BudgetLine.group).where(BudgetGroup.plan_id == plan.id)).all()
    cells: dict[int, list] = defaultdict(list)
    for cell in session.execute(
            select(BudgetCell.line_id, BudgetCell.year, BudgetCell.amount, BudgetCell.marker,
                   BudgetCell.marker_text, BudgetCell.note, BudgetCell.note_number)
            .join(BudgetCell.line).join(BudgetLine.group).where(BudgetGroup.plan_id == plan.id)):
        cells[cell.line_id].append(cell)
    project_numbers = dict(session.execute(select(Project.id, Project.number)).all())
    set_codes = dict(session.execute(
        select(MunicipalitySet.id, MunicipalitySet.code)
        .where(MunicipalitySet.region_id == plan.region_id)).all())

    children: dict[int | None, list] = defaultdict(list)
    for g in groups:
        children[g.parent_id].append((g.position, 0, g.id, g))
    for ln in lines:
        children[ln.group_id].append((ln.position, 1, ln.id, ln))
    rows: list[SheetRow] = []
    years = plan.years

    def walk(group, level: int) -> None:
        rows.append(SheetRow(RowKind.GROUP, group.id, level, group.name, group.number,
                             parent_id=group.parent_id, set_code=set_codes.get(group.municipality_set_id, ""),
                             shows_subtotal=group.shows_subtotal))
        for _position, is_line, _id, item in sorted(children[group.id], key=lambda e: e[:3]):
            if not is_line:
                walk(item, level + 1)
                continue
            values = dict.fromkeys(years, EMPTY)
            notes = {}
            numbers = {}
            for cell in cells[item.id]:
                if cell.year in values:
                    values[cell.year] = CellValue(cell.amount, cell.marker,
                                                  marker_spelling(cell.marker, cell.marker_text))
                    if cell.note:
                        notes[cell.year] = cell.note
                        if note_number(cell.note_number) is not None:
                            numbers[cell.year] = cell.note_number
            rows.append(SheetRow(
                RowKind.LINE, item.id, level + 1, item.name, parent_id=group.id, cells=values,
                cell_notes=notes, note=item.note,
                note_number=note_number(item.note_number) if item.note else None,
                cell_note_numbers=numbers,
                project_number=project_numbers.get(item.project_id, "") if item.project_id else "",
                set_code=set_codes.get(item.municipality_set_id, "")))
        rows.append(SheetRow(RowKind.SUBTOTAL, group.id, level, f"Subtotaal {group.name}",
                             group.number, parent_id=group.parent_id,
                             shows_subtotal=group.shows_subtotal))

    for _position, _kind, _id, group in sorted(children[None], key=lambda e: e[:3]):
        walk(group, 0)
    rows.append(SheetRow(RowKind.TOTAL, None, 0, plan.total_label.strip() or "Totaal"))
    return BudgetSheet(plan.id, plan.years, rows, figures, plan.is_read_only)


def load_sheet(workspace, plan_id: int, figures: BudgetFigures | None = None) -> BudgetSheet | None:
    """The sheet of a plan, read in its own session; None when the plan is gone."""
    with workspace.session() as session:
        plan = session.get(Plan, plan_id)
        return budget_sheet(session, plan, figures) if plan is not None else None
