"""Import a budget (begroting) from a sheet, as programme offices keep it in Excel. No Qt.

    grid = read_grid(path)                     # app.io.readers
    mapping = detect_budget(grid)              # header row, description column, year columns, row kinds
    preview = preview_budget(grid, mapping)    # groups, lines and every problem; nothing written
    done = apply_budget(workspace, plan_id, preview)   # one transaction into a draft's empty budget
    undo_budget(workspace, done)               # one undo step

The mapping is detected and may be corrected before the preview:

- the header row is the row (of the first 40) with the most year headers: ``2021``,
  ``"Begroting 2022"``, ``"2021 (vergelijking)"``;
- the description column is headed "Omschrijving" (or "Post", "Onderdeel", ...), else the
  column left of the years with the most text; "Nr.", "Project" and "Gemeenten" columns are
  read when present (as the export writes them);
- a row labelled "Subtotaal ..." is a subtotal, "Totaal ..." the total; a row whose year cells
  are formulas without a stored value (a workbook saved by a program that does not calculate,
  such as Planbord's own export) is a subtotal too; a row whose amounts equal the sum of the
  lines above it in its group is a subtotal; a row with a description and no amounts is a
  group, unless the sheet names its groups in its subtotal labels ("Subtotaal X") and this row
  is not one of them, or it stands right before a subtotal (then it is an empty line).

Structure: a subtotal row closes the group opened last; a group row opened while another is
open becomes its subgroup when the sheet has subtotal rows, else its sibling. Lines above the
first group go into a group "Begroting".

Year cells: numbers and Dutch amounts ("1.280.000", "1.280.000,00", "€ 127.500,-") are amounts;
PM, id. (id, idem) and doorlopend are markers; "-" and blank are empty (no amount: "-" is the
spreadsheet's way of writing nothing). Anything else is a problem and the cell stays empty.

Subtotals and the total are never imported as figures: Planbord computes them. What the sheet
typed there is kept as the printed subtotal (:class:`~app.models.PrintedTotal`) and a typed
figure that the lines do not reach is a problem in the preview (sheet, cell, typed, computed,
difference). A formula without a stored value in a subtotal or total row is not a problem (the
figure is computed anyway); in a line cell it is: the amount is unknown and the cell stays empty.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from app.errors import UserError
from app.formatting import format_money
from app.models.numbers import MAX_AMOUNT, NumberError, money
from app.services.gc_pause import gc_paused
from app.services.cell_input import EMPTY, CellValue, InputError, parse_cell

ROW_KINDS = ("group", "line", "subtotal", "total", "skip")
HEADER_SCAN = 40  # rows searched for the header
DEFAULT_GROUP = "Begroting"
NAME_MOST = 300  # as TITLE_MOST in app.services.editing

_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d|21\d\d)(?!\d)")
_DESCRIPTION_HEADERS = ("omschrijving", "begrotingspost", "post", "posten", "onderdeel", "activiteit",
                        "kostenpost", "omschrijving post")
_NUMBER_HEADERS = ("nr.", "nr", "nummer", "no.")
_PROJECT_HEADERS = ("project", "projectnummer", "project nr.")
_SET_HEADERS = ("gemeenten", "set", "gemeentenset")
# The comment the export puts on a subtotal or total (app.io.budget_tables._markers_note): never a note.
_MARKERS_NOTE = re.compile(r"Niet meegeteld: \d+ cel(?:len)? met PM, id\. of doorlopend\.")


class BudgetImportError(UserError):
    """An import that cannot be written as asked; ``message`` says why, in Dutch."""


@dataclass
class BudgetMapping:
    header_row: int  # grid row index of the header
    description_col: int
    year_cols: dict[int, int]  # column index -> year
    row_kinds: dict[int, str]  # grid row index -> one of ROW_KINDS (rows after the header)
    number_col: int | None = None
    project_col: int | None = None
    set_col: int | None = None


@dataclass(frozen=True)
class ImportProblem:
    ref: str  # the cell, "F12"
    message: str  # Dutch, naming the sheet and the cell
    sheet: str = ""


@dataclass
class PreviewGroup:
    row: int  # grid row index (-1: the group made for lines above the first group)
    name: str
    number: str = ""
    parent: int | None = None  # index in BudgetPreview.groups
    set_code: str = ""
    has_subtotal: bool = False
    printed: dict[int, Decimal] = field(default_factory=dict)  # year -> typed subtotal


@dataclass
class PreviewLine:
    row: int
    name: str
    group: int  # index in BudgetPreview.groups
    cells: dict[int, CellValue] = field(default_factory=dict)  # year -> value (empty ones left out)
    notes: dict[int, str] = field(default_factory=dict)  # year -> cell comment
    note: str = ""
    project_number: str = ""
    set_code: str = ""


@dataclass
class BudgetPreview:
    mapping: BudgetMapping
    groups: list[PreviewGroup]
    lines: list[PreviewLine]
    problems: list[ImportProblem]
    line_count: int
    years: list[int]
    sheet: str = ""
    printed_total: dict[int, Decimal] = field(default_factory=dict)  # year -> typed grand total
    total_label: str = ""


@dataclass
class BudgetImport:
    """What :func:`undo_budget` needs: the plan, the top-level groups made (the rest hangs
    below them) and the printed totals added."""

    plan_id: int
    group_ids: list[int] = field(default_factory=list)
    printed_total_ids: list[int] = field(default_factory=list)
    replaced_totals: list[dict] = field(default_factory=list)  # printed totals the import replaced
    line_count: int = 0


# --- reading cells ------------------------------------------------------------------------------

def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral_value() else str(value)
    if isinstance(value, (date, datetime)):
        return value.strftime("%d-%m-%Y")
    return str(value).strip()


def words(text: str) -> str:
    """Case and runs of spaces ignored: for comparing names and headers."""
    return " ".join(text.split()).casefold()


def header_word(value) -> str:
    """A header cell as the importers compare it: its words, without a closing colon."""
    return words(_text(value)).rstrip(":").strip()


def _year_of(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, Decimal)):
        if value == int(value) and 1950 <= int(value) <= 2199:
            return int(value)
        return None
    if isinstance(value, str):
        found = _YEAR.findall(value)
        if len(found) == 1 and len(value) <= 40:
            return int(found[0])
    return None


def _is_number(value) -> bool:
    return isinstance(value, (int, Decimal)) and not isinstance(value, bool)


@functools.lru_cache(maxsize=16384, typed=True)  # detection and preview read each cell: once is enough
def read_value(value) -> CellValue:
    """A year cell's value: an amount, a marker or empty; raises InputError (Dutch) otherwise."""
    if value is None:
        return EMPTY
    if isinstance(value, bool) or isinstance(value, (date, datetime)):
        raise InputError(f"'{_text(value)}' is geen bedrag.")
    if _is_number(value):
        amount = Decimal(value)
        try:
            return CellValue(amount=money(amount))
        except NumberError:
            pass  # which rule it breaks, in Dutch:
        if not amount.is_finite():
            raise InputError("Dit is geen bedrag.")
        if abs(amount) > MAX_AMOUNT:
            raise InputError(f"'{_text(value)}' is groter dan het maximum van € 999.999.999.999,99.")
        raise InputError(f"'{_text(value)}' heeft meer dan twee decimalen; een bedrag gaat tot op de cent.")
    text = str(value).strip()
    if text in ("", "-", "–", "—"):
        return EMPTY
    if text.endswith((",-", ",–")):  # "€ 127.500,-": whole euros
        text = text[:-2]
    return parse_cell(text)


def _amount_or_none(cell) -> Decimal | None:
    """A cell's amount if it holds one (for detection); None otherwise."""
    if cell is None or cell.value is None:
        return None
    try:
        return read_value(cell.value).amount
    except InputError:
        return None


def _cell(row, col):
    return row[col] if col is not None and 0 <= col < len(row) else None


def _note(cell) -> str:
    """A cell's comment as a note ("" without one); the export's own remark on a subtotal is none."""
    comment = cell.comment if cell is not None else None
    if not comment:  # nearly every cell: no string work
        return ""
    note = comment.strip()
    return "" if _MARKERS_NOTE.fullmatch(note) else note


def _value(row, col):
    cell = _cell(row, col)
    return None if cell is None else cell.value


def _ref(grid, row_index: int, col: int) -> str:
    cell = _cell(grid.rows[row_index], col)
    if cell is not None and cell.ref:
        return cell.ref
    from openpyxl.utils import get_column_letter
    return f"{get_column_letter(col + 1)}{row_index + 1}"


# --- detection ----------------------------------------------------------------------------------

def _header_of(values, names) -> int | None:
    for col, value in enumerate(values):
        if isinstance(value, str) and value.strip().lower() in names:
            return col
    return None


def detect_budget(grid) -> BudgetMapping:
    """The mapping as detected from the sheet's headers and rows; raises BudgetImportError (Dutch)
    when the sheet has no row with year headers."""
    with gc_paused():  # thousands of small values made: no collector passes over the whole heap
        return _detect_budget(grid)


def _detect_budget(grid) -> BudgetMapping:
    read_value.cache_clear()  # a new sheet: the cache serves one import's detection and preview
    best, best_years = None, {}
    for index, row in enumerate(grid.rows[:HEADER_SCAN]):
        years = {}
        for col, cell in enumerate(row):
            year = _year_of(cell.value)
            if year is not None and year not in years.values():
                years[col] = year
        if len(years) > len(best_years):
            best, best_years = index, years
    if best is None:
        raise BudgetImportError(
            f"Op het blad “{grid.sheet}” staat geen kopregel met jaren (zoals 2022 of "
            "“Begroting 2022”); kies een ander blad of geef de kolommen zelf aan.")
    header = [c.value for c in grid.rows[best]]
    first_year = min(best_years)
    description = _header_of(header, _DESCRIPTION_HEADERS)
    if description is None:
        counts = {}
        for col in range(first_year):
            if col in best_years:
                continue
            counts[col] = sum(1 for row in grid.rows[best + 1:]
                              if isinstance(_value(row, col), str) and _value(row, col).strip()
                              and _amount_or_none(_cell(row, col)) is None)
        description = max(counts, key=lambda c: (counts[c], -c)) if counts else 0
    mapping = BudgetMapping(best, description, dict(sorted(best_years.items())), {},
                            number_col=_header_of(header, _NUMBER_HEADERS),
                            project_col=_header_of(header, _PROJECT_HEADERS),
                            set_col=_header_of(header, _SET_HEADERS))
    mapping.row_kinds = detect_row_kinds(grid, mapping)
    return mapping


def _label(row, mapping: BudgetMapping) -> str:
    return _text(_value(row, mapping.description_col))


def _label_kind(label: str) -> str | None:
    low = label.lower()
    if low.startswith(("subtotaal", "sub-totaal", "sub totaal", "subtotal")):
        return "subtotal"
    if low.startswith(("totaal", "total", "eindtotaal", "generaal totaal")):
        return "total"
    return None


def detect_row_kinds(grid, mapping: BudgetMapping) -> dict[int, str]:
    """Each row below the header: group, line, subtotal, total or skip."""
    year_cols = list(mapping.year_cols)
    facts = []  # (index, label, has values, formula row, amounts)
    for index in range(mapping.header_row + 1, len(grid.rows)):
        row = grid.rows[index]
        cells = [_cell(row, c) for c in year_cols]
        filled = [c for c in cells if c is not None and (c.value not in (None, "") or c.formula_without_value)]
        formulas = bool(filled) and all(c.formula_without_value for c in filled)
        amounts = {mapping.year_cols[c]: _amount_or_none(_cell(row, c)) for c in year_cols}
        facts.append((index, _label(row, mapping), bool(filled), formulas, amounts))
    named = {label[len(label.split(" ")[0]):].strip().lower() for _, label, _, _, _ in facts
             if _label_kind(label) == "subtotal"}
    named.discard("")
    names_mode = any(label.lower() in named for _, label, has, _, _ in facts if label and not has)
    # For each row, the next row with a label or values (None at the end): found once, backwards.
    following_of: list = [None] * len(facts)
    upcoming = None
    for position in range(len(facts) - 1, -1, -1):
        following_of[position] = upcoming
        if facts[position][1] or facts[position][2]:
            upcoming = facts[position]
    kinds: dict[int, str] = {}
    depth = 0  # groups open (closed by a subtotal row)
    for position, (index, label, has, formulas, amounts) in enumerate(facts):
        by_label = _label_kind(label) if label else None
        if by_label:
            kinds[index] = by_label
            depth = max(depth - 1, 0) if by_label == "subtotal" else 0
        elif formulas:
            kinds[index] = "subtotal"
            depth = max(depth - 1, 0)
        elif not label and not has:
            kinds[index] = "skip"
        elif not has:
            following = following_of[position]
            closes = following is None or _label_kind(following[1]) or following[3]
            if names_mode and label.lower() in named:
                kinds[index] = "group"
            elif names_mode and depth:  # inside a group whose subtotal names it: an empty line
                kinds[index] = "line"
            else:
                kinds[index] = "line" if closes else "group"
            depth += kinds[index] == "group"
        else:
            kinds[index] = "line"
    # A row whose amounts equal the sum of the two or more lines above it in its group: a subtotal.
    zero = Decimal(0)
    open_lines, sums = 0, {}  # the lines above in the group, and their sums per year
    for index, label, has, formulas, amounts in facts:
        kind = kinds[index]
        if kind == "group" or kind in ("subtotal", "total"):
            open_lines, sums = 0, {}
        elif kind == "line" and not label and not any(a is not None for a in amounts.values()):
            kinds[index] = "skip"
        elif kind == "line":
            if open_lines >= 2 and any(a for a in amounts.values()) and all(
                    (amounts[y] or zero) == sums.get(y, zero) for y in amounts):
                kinds[index] = "subtotal"
                open_lines, sums = 0, {}
            else:
                open_lines += 1
                for year, amount in amounts.items():
                    sums[year] = sums.get(year, zero) + (amount or zero)
    return kinds


def detect_kind(grid) -> str:
    """What a sheet holds, from its headers: "begroting", "sleutel" or "acties"; raises
    BudgetImportError (Dutch) when it cannot tell."""
    for row in grid.rows[:HEADER_SCAN]:
        words = {_text(c.value).lower() for c in row if isinstance(c.value, str)}
        if words & {"actie", "acties", "inspanning", "inspanningen", "omschrijving actie"} or (
                "eigenaar" in words and "status" in words):
            return "acties"
        if "gemeente" in words and (words & {"percentage", "aandeel", "%", "inwoners", "basis",
                                             "basisgetal", "aandeel (%)"}):
            return "sleutel"
    for row in grid.rows[:HEADER_SCAN]:
        if sum(1 for c in row if _year_of(c.value) is not None) >= 1:
            return "begroting"
    raise BudgetImportError(
        f"Uit de kopregels van blad “{grid.sheet}” is niet op te maken wat het bevat. Kies zelf: "
        "begroting, sleutel of acties.")


# --- preview ------------------------------------------------------------------------------------

def _where(sheet: str, ref: str) -> str:
    return f"Blad “{sheet}”, cel {ref}"


def _difference(typed: Decimal, computed: Decimal) -> str:
    diff = typed - computed
    word = "meer" if diff > 0 else "minder"
    return f"{format_money(abs(diff))} {word}"


def _clip(text: str, most: int = NAME_MOST) -> str:
    text = " ".join(text.split())
    return text if len(text) <= most else text[:most]


def preview_budget(grid, mapping: BudgetMapping) -> BudgetPreview:
    """The budget as it would be imported, with every problem; writes nothing."""
    with gc_paused():
        return _preview_budget(grid, mapping)


def _preview_budget(grid, mapping: BudgetMapping) -> BudgetPreview:
    sheet = grid.sheet
    years = sorted(set(mapping.year_cols.values()))
    groups: list[PreviewGroup] = []
    lines: list[PreviewLine] = []
    problems: list[ImportProblem] = []
    uses_subtotals = any(k == "subtotal" for k in mapping.row_kinds.values())
    stack: list[int] = []  # open groups, outermost first
    direct_lines: dict[int, int] = {}
    printed_total: dict[int, Decimal] = {}
    total_label = ""
    typed_checks = []  # (row index, group index or None, {col: typed})

    def problem(row_index: int, col: int, message: str) -> None:
        ref = _ref(grid, row_index, col)
        problems.append(ImportProblem(ref, f"{_where(sheet, ref)}: {message}", sheet))

    for index in sorted(mapping.row_kinds):
        kind = mapping.row_kinds[index]
        if kind not in ROW_KINDS:
            raise BudgetImportError(f"Onbekende soort regel “{kind}”; kies uit {', '.join(ROW_KINDS)}.")
        if kind == "skip" or index >= len(grid.rows):
            continue
        row = grid.rows[index]
        label = _label(row, mapping)
        if kind == "group":
            while stack and direct_lines.get(stack[-1]):
                stack.pop()  # a group with lines and no subtotal ends where the next group starts
            if not uses_subtotals:
                stack.clear()
            if len(label) > NAME_MOST:
                problem(index, mapping.description_col, f"de naam is langer dan {NAME_MOST} tekens en is ingekort.")
            groups.append(PreviewGroup(index, _clip(label) or "Groep", _text(_value(row, mapping.number_col))[:20],
                                       stack[-1] if stack else None, _text(_value(row, mapping.set_col))))
            stack.append(len(groups) - 1)
        elif kind == "line":
            if not stack:
                groups.append(PreviewGroup(-1, DEFAULT_GROUP))
                stack.append(len(groups) - 1)
                problem(index, mapping.description_col,
                        f"deze post staat boven de eerste groep; hij komt in de groep “{DEFAULT_GROUP}”.")
            if len(label) > NAME_MOST:
                problem(index, mapping.description_col, f"de naam is langer dan {NAME_MOST} tekens en is ingekort.")
            line = PreviewLine(index, _clip(label) or "Post", stack[-1],
                               project_number=_text(_value(row, mapping.project_col)),
                               set_code=_text(_value(row, mapping.set_col)))
            line.note = _note(_cell(row, mapping.description_col))
            for col, year in mapping.year_cols.items():
                cell = _cell(row, col)
                if cell is None:
                    continue
                if cell.formula_without_value:
                    problem(index, col, "een formule zonder opgeslagen waarde; het bedrag is onbekend en de "
                            "cel blijft leeg. Open en bewaar het bestand in Excel, of typ het bedrag.")
                    continue
                try:
                    value = read_value(cell.value)
                except InputError as e:
                    problem(index, col, f"{e.message} De cel blijft leeg.")
                    continue
                if not value.is_empty:
                    line.cells[year] = value
                note = _note(cell)
                if note:
                    line.notes[year] = note
            lines.append(line)
            direct_lines[stack[-1]] = direct_lines.get(stack[-1], 0) + 1
        elif kind == "subtotal":
            if not stack:
                problem(index, mapping.description_col, "een subtotaal zonder groep erboven; overgeslagen.")
                continue
            group_index = stack.pop()
            groups[group_index].has_subtotal = True
            typed_checks.append((index, group_index, row))
        else:  # total
            stack.clear()
            total_label = _clip(label)
            typed_checks.append((index, None, row))

    # Typed subtotals and totals against the lines they cover.
    children: dict[int | None, list[int]] = {}
    for g_index, group in enumerate(groups):
        children.setdefault(group.parent, []).append(g_index)

    def covered(group_index: int) -> set[int]:
        found, todo = set(), [group_index]
        while todo:
            g = todo.pop()
            found.add(g)
            todo.extend(children.get(g, []))
        return found

    for index, group_index, row in typed_checks:
        scope = covered(group_index) if group_index is not None else None
        what = "subtotaal" if group_index is not None else "totaal"
        for col, year in mapping.year_cols.items():
            cell = _cell(row, col)
            if cell is None or cell.formula_without_value or cell.value in (None, ""):
                continue
            try:
                typed = read_value(cell.value).amount
            except InputError as e:
                problem(index, col, f"{e.message} Dit {what} wordt niet bewaard.")
                continue
            if typed is None:
                continue
            computed = sum((ln.cells[year].amount for ln in lines
                            if (scope is None or ln.group in scope) and year in ln.cells
                            and ln.cells[year].amount is not None), Decimal("0.00"))
            if group_index is not None:
                groups[group_index].printed[year] = typed
            else:
                printed_total[year] = typed
            if typed != computed:
                problem(index, col, f"{what} {format_money(typed)} getypt, de posten tellen op tot "
                        f"{format_money(computed)} ({_difference(typed, computed)}). Planbord rekent met "
                        f"{format_money(computed)}; het getypte bedrag wordt bewaard als gedrukt {what}.")
    return BudgetPreview(mapping, groups, lines, problems, len(lines), years, sheet, printed_total, total_label)


# --- writing ------------------------------------------------------------------------------------

EMPTY_ONLY = ("De begroting van dit plan is niet leeg. Importeer in een plan met een lege begroting: "
              "maak een nieuw conceptplan of een scenario en maak de begroting daar leeg.")


def apply_budget(workspace, plan_id: int, preview: BudgetPreview) -> BudgetImport:
    """Write the previewed budget into the plan in one transaction. Refuses (Dutch, nothing
    written) an adopted plan, a plan whose budget is not empty and years the plan does not have."""
    from sqlalchemy import func, select

    from app.models import BudgetCell, BudgetGroup, BudgetLine, MunicipalitySet, Plan, PrintedTotal, Project
    from app.models.plan import Chapter
    from app.services.bulk_insert import insert_rows
    from app.services.editing import row_values, writable_plan

    if not preview.lines and not preview.groups:
        raise BudgetImportError("Er is niets te importeren: de begroting in het bestand heeft geen posten.")
    done = BudgetImport(plan_id, line_count=len(preview.lines))
    with gc_paused(), workspace.transaction() as session:
        plan: Plan = writable_plan(session, plan_id)
        taken = session.scalar(select(func.count()).select_from(BudgetGroup).where(BudgetGroup.plan_id == plan_id))
        if taken:
            raise BudgetImportError(EMPTY_ONLY)
        outside = [y for y in preview.years if y not in plan.years]
        if outside:
            shown_years = ", ".join(str(y) for y in outside)
            raise BudgetImportError(
                f"Het bestand heeft kolommen voor {shown_years}; dit plan loopt van {plan.years[0]} tot en met "
                f"{plan.years[-1]}. Wijs die kolommen niet toe aan een jaar, of kies een ander plan.")
        sets = dict(session.execute(select(MunicipalitySet.code, MunicipalitySet.id)
                                    .where(MunicipalitySet.region_id == plan.region_id)).all())
        projects = dict(session.execute(select(Project.number, Project.id).join(Project.chapter)
                                        .where(Chapter.plan_id == plan_id, Project.number != "")).all())
        # Plain INSERTs with ids given (one writer holds the file): a 2,000-line budget in a
        # fraction of the time the ORM's unit of work takes.
        next_group = (session.scalar(select(func.max(BudgetGroup.id))) or 0) + 1
        next_line = (session.scalar(select(func.max(BudgetLine.id))) or 0) + 1
        group_ids = list(range(next_group, next_group + len(preview.groups)))
        positions: dict[tuple[str, int | None], int] = {}

        def position(parent_key) -> int:
            n = positions.get(parent_key, 0)
            positions[parent_key] = n + 1
            return n

        group_rows = []
        for number, group in enumerate(preview.groups):
            parent_id = group_ids[group.parent] if group.parent is not None else None
            group_rows.append({"id": group_ids[number], "plan_id": plan_id, "parent_id": parent_id,
                               "position": position(parent_id), "number": group.number, "name": group.name,
                               "shows_subtotal": group.has_subtotal,
                               "municipality_set_id": sets.get(group.set_code)})
        line_rows, cell_rows = [], []
        for number, line in enumerate(preview.lines):
            line_id, group_id = next_line + number, group_ids[line.group]
            line_rows.append({"id": line_id, "group_id": group_id, "position": position(group_id),
                              "name": line.name, "note": line.note, "note_number": None,
                              "project_id": projects.get(line.project_number),
                              "municipality_set_id": sets.get(line.set_code)})
            for year in sorted(set(line.cells) | set(line.notes)):
                value = line.cells.get(year, EMPTY)
                cell_rows.append({"line_id": line_id, "year": year, "amount": value.amount,
                                  "marker": value.marker, "marker_text": value.marker_text,
                                  "note": line.notes.get(year, ""), "note_number": None})
        # One executemany per table (the ORM's bulk insert drops None keys and splits the rows
        # into hundreds of batches).
        for model, rows in ((BudgetGroup, group_rows), (BudgetLine, line_rows), (BudgetCell, cell_rows)):
            if rows:
                insert_rows(session, model.__table__, list(rows[0]), rows)
        totals = [PrintedTotal(plan_id=plan_id, group_id=group_ids[g], year=y, amount=a)
                  for g, group in enumerate(preview.groups) for y, a in group.printed.items()]
        totals += [PrintedTotal(plan_id=plan_id, group_id=None, year=y, amount=a)
                   for y, a in preview.printed_total.items()]
        # A printed total left from an emptied budget gives way to the one the file types.
        for old in session.scalars(select(PrintedTotal).where(
                PrintedTotal.plan_id == plan_id, PrintedTotal.group_id.is_(None),
                PrintedTotal.year.in_(list(preview.printed_total)))):
            done.replaced_totals.append(row_values(old))
            session.delete(old)
        session.flush()
        session.add_all(totals)
        session.flush()
        done.group_ids = [group_ids[g] for g, p in enumerate(preview.groups) if p.parent is None]
        done.printed_total_ids = [t.id for t in totals if t.group_id is None]
    return done


def undo_budget(workspace, done: BudgetImport) -> None:
    """Take an import back out: its groups (with their lines, cells and printed subtotals) and
    the printed totals it added."""
    from sqlalchemy import delete

    from app.models import BudgetGroup, PrintedTotal
    from app.services.editing import writable_plan

    with workspace.transaction() as session:
        writable_plan(session, done.plan_id)
        if done.printed_total_ids:
            session.execute(delete(PrintedTotal).where(PrintedTotal.id.in_(done.printed_total_ids)))
        if done.group_ids:
            session.execute(delete(BudgetGroup).where(BudgetGroup.id.in_(done.group_ids)))
        session.add_all(PrintedTotal(**row) for row in done.replaced_totals)
