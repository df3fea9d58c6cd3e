"""The tables of the Formatie annex as printed: where each figure stands, in which font and colour,
the rules under the totals, and where the tables go over to the next page.

Read back with the content-stream reader of test_reports_geometry (positions to 1/100 pt) and
held against the design of the tables (text 8.5 pt on a leading of 10.5 pt, cells padded 4 pt
left and right and 2.4 pt above and below; a column of amounts is right-aligned and exactly as
wide as its widest text, its heading in bold included, plus the padding; the description column
takes what is left of the frame) and the paragraph styles of app/reports/styles.py. The
expected numbers are worked out from those figures and the font's widths, never copied from a
PDF the code made.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth
from test_reports_geometry import (
    FIRST_BASELINE,
    FRAME_HEIGHT,
    FRAME_LEFT,
    FRAME_RIGHT,
    FRAME_WIDTH,
    LEADING,
    PAD_H,
    PAD_V,
    ROW,
    SIZE,
    PdfPage,
    near,
    read_pdf,
    render,
)
from test_reports_staffing_section import (
    D,
    MATRIX,
    NOTES,
    PEOPLE,
    PROJECTS,
    ROLES,
    formatie,
    small_plan,
)

from app.models import Allocation, Chapter, Person, Plan, Project, Region, Role
from app.reports import styles
from app.reports.context import ReportContext
from app.reports.document import Heading
from app.reports.fonts import BOLD, REGULAR, register_fonts
from app.reports.sections import staffing
from app.reports.table import GridTable
from app.services.report_data import load_report_plan
from app.services.workspace import create_workspace

INK = (0.0, 0.0, 0.0)
RED = tuple(styles.LIGHTS["red"].rgb())
ACCENT = tuple(styles.ACCENT.rgb())
MUTED = tuple(styles.MUTED.rgb())
HEADER_MAX_WIDTH = 80.0  # a fit column's heading line wider than this would wrap
EXPLANATION = ("Volgens tekst: de dagdelen die de hoofdstuktekst van het plan noemt. Waar die "
               "afwijken van de formatie staan ze in rood.")


@pytest.fixture(autouse=True)
def fonts():
    """The annex fonts, for measuring texts before any PDF is made (build_pdf registers them too)."""
    register_fonts()


# --- the tables as designed -------------------------------------------------------------------

@dataclass(frozen=True)
class Col:
    title: str  # "\n" separates the lines of the heading
    right: bool = False  # amounts: right-aligned
    fit: bool = False  # as wide as its widest text plus the padding; else: what is left


def text_width(text: str, bold: bool = False) -> float:
    return stringWidth(text, BOLD if bold else REGULAR, SIZE)


def column_edges(columns: list[Col], rows: list[list[str]], bold: set[int]) -> list[tuple[float, float]]:
    """Left and right edge of each column: fit columns their widest text (the heading in bold,
    a bold row's cells in bold) plus 4 pt each side; the other columns share the rest."""
    widths: list[float | None] = []
    for index, column in enumerate(columns):
        if not column.fit:
            widths.append(None)
            continue
        lines = column.title.split("\n")
        assert all(text_width(line, True) <= HEADER_MAX_WIDTH for line in lines)  # kept whole
        texts = [text_width(line, True) for line in lines]
        texts += [text_width(row[index], k in bold) for k, row in enumerate(rows)]
        widths.append(max(texts) + 2 * PAD_H)
    flexible = widths.count(None)
    rest = (FRAME_WIDTH - sum(w for w in widths if w is not None)) / flexible
    edges = []
    left = FRAME_LEFT
    for width in widths:
        width = rest if width is None else width
        edges.append((left, left + width))
        left += width
    assert near(left, FRAME_RIGHT)
    return edges


@dataclass
class Placed:
    top: float  # of the table (its heading row)
    header_bottom: float
    bottom: float  # of its last row


def heading_run(page: PdfPage, text: str, size: float):
    found = [r for r in page.runs if r.text == text and r.size == size]
    assert len(found) == 1, (text, found)
    return found[0]


def check_table(page: PdfPage, heading: str, columns: list[Col], rows: list[list[str]], *,
                bold: set[int] = frozenset(), red: set[tuple[int, int]] = frozenset()) -> Placed:
    """The table under ``heading``: every heading line and cell at the edge of its column (the
    padding inside it: left-aligned text from the left, amounts to the right), one row height
    apart, bold in ``bold`` rows, red in the ``red`` (row, column) cells, all else in ink."""
    title = heading_run(page, heading, styles.HEADING2.fontSize)
    under = sorted((r for r in page.runs if r.size == SIZE and r.y < title.y), key=lambda r: (-r.y, r.x))
    top = under[0].y + FIRST_BASELINE  # the first line of the column headings
    header_lines = max(len(c.title.split("\n")) for c in columns)
    header_bottom = top - header_lines * LEADING - 2 * PAD_V
    edges = column_edges(columns, rows, set(bold))

    def assert_placed(run, index: int) -> None:
        left, right = edges[index]
        if columns[index].right:
            assert near(run.end, right - PAD_H), (run, columns[index], right - PAD_H)
        else:
            assert near(run.x, left + PAD_H), (run, columns[index], left + PAD_H)

    for index, column in enumerate(columns):
        for k, line in enumerate(column.title.split("\n")):
            y = top - FIRST_BASELINE - k * LEADING
            left, right = edges[index]
            run, = [r for r in under if r.text == line and near(r.y, y)  # ("(dagdelen p/w)" twice)
                    and left < r.x and r.end < right]
            assert run.font == "Bold" and run.color == INK
            assert_placed(run, index)
    for k, row in enumerate(rows):
        y = header_bottom - k * ROW - FIRST_BASELINE
        runs = sorted((r for r in under if near(r.y, y)), key=lambda r: r.x)
        filled = [i for i, text in enumerate(row) if text]
        assert [r.text for r in runs] == [row[i] for i in filled], k
        for run, index in zip(runs, filled):
            assert_placed(run, index)
            assert run.font == ("Bold" if k in bold else "Regular"), run
            assert run.color == (RED if (k, index) in red else INK), run
    bottom = header_bottom - len(rows) * ROW
    # Nothing more of the table under its last row.
    assert not [r for r in under if near(r.y, bottom - FIRST_BASELINE)]
    return Placed(top, header_bottom, bottom)


def check_rules(page: PdfPage, table: Placed, rules: list[tuple[int, str, float]]) -> None:
    """The rules across the table: the accent rule under the headings, and (row, where, width)
    with where "above" (the row's top), "below" (its bottom) or "double" (1.6 pt above that)."""
    wanted = [(table.header_bottom, 0.9, ACCENT)]
    for row, where, width in rules:
        row_top = table.header_bottom - row * ROW
        y = {"above": row_top, "below": row_top - ROW, "double": row_top - ROW + 1.6}[where]
        wanted.append((y, width, INK))
    found = [r for r in page.rules if table.bottom - 0.5 <= r.y0 <= table.top + 0.5]
    assert len(found) == len(wanted), found
    wanted.sort(key=lambda w: -w[0])
    for rule, (y, width, colour) in zip(sorted(found, key=lambda r: -r.y0), wanted):
        assert near(rule.y0, y) and near(rule.y1, y), (rule, y)
        assert near(rule.x0, FRAME_LEFT) and near(rule.x1, FRAME_RIGHT)
        assert rule.width == pytest.approx(width) and rule.color == colour, rule


# --- plans --------------------------------------------------------------------------------------

def with_data_dir(tmp_path_factory, name: str):
    folder = tmp_path_factory.mktemp(name)
    patch = pytest.MonkeyPatch()
    patch.setenv("PLANBORD_DATA_DIR", str(folder / "planbord-data"))
    return folder, patch


@pytest.fixture
def small_pages(tmp_path_factory) -> list[PdfPage]:
    """The Formatie annex of test_reports_staffing_section's small plan, printed alone.

    Printed for each test, not once per module: mutation testing links a function to the
    tests that run it, and a shared fixture runs it for the first test only."""
    folder, patch = with_data_dir(tmp_path_factory, "klein")
    try:
        ws, plan_id = small_plan(folder / "klein.planbord")
        try:
            return read_pdf(formatie(ws, plan_id, folder))
        finally:
            ws.close()
    finally:
        patch.undo()


def new_plan(session, factor: str = "10.0") -> Plan:
    plan = Plan(region=Region(name="Regio"), year=2022, title="Plan", first_year=2022,
                last_year=2022, half_days_per_fte=D(factor))
    session.add(plan)
    session.flush()
    return plan


def matrix_plan(path):
    """Two roles and a person (no office), figures chosen so the bold totals are the widest.

    Matrix:          Adviseur  Leider  Jan | Totaal
        3.1 Leren        3              6,5 |  9,5
        3.2 Monitor      2        1     6   |  9
        Totaal           5        1    12,5 | 18,5
        Beschikbaar     10        5    10   | 15
    """
    ws = create_workspace(path)
    with ws.transaction() as s:
        plan = new_plan(s)
        chapter = Chapter(plan_id=plan.id, position=0, number="3", title="Projecten")
        s.add(chapter)
        s.flush()
        leren = Project(chapter_id=chapter.id, position=0, number="3.1", title="Leren")
        monitor = Project(chapter_id=chapter.id, position=1, number="3.2", title="Monitor")
        adviser = Role(plan_id=plan.id, position=0, role="Adviseur", fte=D("1.00"),
                           execution_fte=D("1.00"))
        lead = Role(plan_id=plan.id, position=1, role="Leider", fte=D("0.50"),
                        execution_fte=D("0.50"))
        jan = Person(plan_id=plan.id, position=0, name="Jan", available_half_days=D("10.0"))
        s.add_all([leren, monitor, adviser, lead, jan])
        s.flush()
        for project, half_days, role, person in [
            (leren, "3", adviser, None), (leren, "6.5", None, jan),
            (monitor, "2", adviser, None), (monitor, "1", lead, None), (monitor, "6", None, jan),
        ]:
            s.add(Allocation(plan_id=plan.id, project_id=project.id, half_days=D(half_days),
                             capacity_id=role.id if role else None,
                             person_id=person.id if person else None))
        plan_id = plan.id
    return ws, plan_id


def one_project_plan(path, allocated: str, stated: str | None):
    """One role of 1,0 fte for execution at 10 dagdelen per fte: a capacity of 10 dagdelen;
    one project given ``allocated`` dagdelen, its chapter text naming ``stated``."""
    ws = create_workspace(path)
    with ws.transaction() as s:
        plan = new_plan(s)
        chapter = Chapter(plan_id=plan.id, position=0, number="1", title="Projecten")
        s.add(chapter)
        s.flush()
        project = Project(chapter_id=chapter.id, position=0, number="1.1", title="Enig",
                          stated_half_days=D(stated) if stated is not None else None)
        role = Role(plan_id=plan.id, position=0, role="Adviseur", fte=D("1.00"),
                        execution_fte=D("1.00"))
        s.add_all([project, role])
        s.flush()
        s.add(Allocation(plan_id=plan.id, project_id=project.id, capacity_id=role.id,
                         half_days=D(allocated)))
        plan_id = plan.id
    return ws, plan_id


def long_plan(path, roles: int, projects: int):
    """``roles`` roles "Rol 01".. of 1,0 fte; ``projects`` projects "Project 01".., each given
    1 dagdeel by each of the first two roles."""
    ws = create_workspace(path)
    with ws.transaction() as s:
        plan = new_plan(s)
        chapter = Chapter(plan_id=plan.id, position=0, number="1", title="Projecten")
        s.add(chapter)
        s.flush()
        capacities = [Role(plan_id=plan.id, position=i, role=f"Rol {i + 1:02d}", fte=D("1.00"),
                               execution_fte=D("1.00")) for i in range(roles)]
        items = [Project(chapter_id=chapter.id, position=i, number=f"1.{i + 1:02d}",
                         title=f"Project {i + 1:02d}") for i in range(projects)]
        s.add_all(capacities + items)
        s.flush()
        for project in items:
            for capacity in capacities[:2]:
                s.add(Allocation(plan_id=plan.id, project_id=project.id, capacity_id=capacity.id,
                                 half_days=D("1.0")))
        plan_id = plan.id
    return ws, plan_id


def person_plan(path, name: str):
    """One role, and one person (4 dagdelen available, none given out) called ``name``."""
    ws = create_workspace(path)
    with ws.transaction() as s:
        plan = new_plan(s)
        s.add_all([Role(plan_id=plan.id, position=0, role="Adviseur", fte=D("1.00"),
                            execution_fte=D("1.00")),
                   Person(plan_id=plan.id, position=0, name=name, available_half_days=D("4.0"))])
        plan_id = plan.id
    return ws, plan_id


def printed(tmp_path, build, *args) -> list[PdfPage]:
    ws, plan_id = build(tmp_path / "plan.planbord", *args)
    try:
        return read_pdf(formatie(ws, plan_id, tmp_path))
    finally:
        ws.close()


# --- column widths and alignment, fonts, rules ---------------------------------------------------

ROLE_COLUMNS = [Col("Rol"), Col("fte", True, True), Col("voor uitvoering\n(fte)", True, True),
                Col("capaciteit\n(dagdelen p/w)", True, True), Col("ingezet\n(dagdelen p/w)", True, True)]
PROJECT_COLUMNS = [Col("Nr.", fit=True), Col("Project"), Col("dagdelen\np/w", True, True),
                   Col("fte", True, True), Col("volgens\ntekst", True, True)]
PEOPLE_COLUMNS = [Col("Naam"), Col("beschikbaar\n(dagdelen p/w)", True, True),
                  Col("ingezet\n(dagdelen p/w)", True, True)]


def test_roles_table_amounts_fit_their_columns_and_the_bold_total_has_a_rule_above_and_a_double_rule_below(
        small_pages):
    """Formatie programmabureau: each figure column is as wide as its widest text (the bold total
    "2,8" in the fte column) plus 8 pt, figures flush right; Totaal bold between a 0.8 pt rule
    and a double 0.6 pt rule; only Adviseur's 5 of 4,5 in red."""
    page = small_pages[0]
    rows = [["Adviseur", "1,0", "0,5", "4,5", "5"],
            ["Leider", "0,8", "0,4", "3,6", "1"],
            ["Secretariaat", "1,0", "0,0", "0", "0"],
            ["Totaal", "2,8", "0,9", "8,1", ""]]
    assert text_width("2,8", True) > max(text_width("fte", True), text_width("1,0"))
    table = check_table(page, ROLES, ROLE_COLUMNS, rows, bold={3}, red={(0, 4)})
    check_rules(page, table, [(3, "above", 0.8), (3, "below", 0.6), (3, "double", 0.6)])


def test_projects_table_amounts_fit_their_columns_and_total_ingezet_is_bold_under_a_rule(small_pages):
    """Inzet per project: Nr. as wide as "Nr.", the figures flush right in columns as wide as
    their widest text; Totaal ingezet bold under a 0.8 pt rule, Capaciteit voor uitvoering
    closed by a double 0.6 pt rule; 15 of 8,1 and Leren's 5 (its text) against 5,5 in red."""
    page = small_pages[0]
    rows = [["3.1", "Leren", "5,5", "0,61", "5"],
            ["3.2", "Monitor", "6", "0,67", "6"],
            ["", "Algemeen", "3,5", "0,39", ""],
            ["", "Totaal ingezet", "15", "1,67", ""],
            ["", "Capaciteit voor uitvoering", "8,1", "0,9", ""]]
    table = check_table(page, PROJECTS, PROJECT_COLUMNS, rows, bold={3}, red={(0, 4), (3, 2)})
    check_rules(page, table, [(3, "above", 0.8), (4, "below", 0.6), (4, "double", 0.6)])


def test_people_table_amounts_fit_their_columns_without_rules(small_pages):
    """Inzet per persoon: both figure columns as wide as their heading "(dagdelen p/w)" plus
    8 pt, flush right; no totals, so no rules but the one under the headings."""
    page = small_pages[0]
    rows = [["Anna", "4", "4,5"], ["Bram", "3", "3"], ["Cees", "2", "0"]]
    table = check_table(page, PEOPLE, PEOPLE_COLUMNS, rows, red={(0, 2)})
    check_rules(page, table, [])


LONG_NAME = "Marie-Louise van den Berg-Oosterhuis (programmasecretaris)"


def test_a_long_name_keeps_to_one_line_as_the_naam_column_has_all_the_figures_leave(tmp_path):
    """The Naam column is the frame less the two figure columns (each "(dagdelen p/w)" plus
    8 pt): a name of 264 pt stays on one line, where sharing the width with "beschikbaar" would
    have wrapped it."""
    figures = text_width("(dagdelen p/w)", True) + 2 * PAD_H
    assert (FRAME_WIDTH - figures) / 2 - 2 * PAD_H < text_width(LONG_NAME) <= (
        FRAME_WIDTH - 2 * figures - 2 * PAD_H)
    page, = printed(tmp_path, person_plan, LONG_NAME)
    table = check_table(page, PEOPLE, PEOPLE_COLUMNS, [[LONG_NAME, "4", "0"]])
    check_rules(page, table, [])


def test_matrix_columns_fit_their_figures_and_the_bold_total_row_sits_between_the_rules(tmp_path):
    """The matrix: Nr. as wide as "Nr.", each role's or person's column and Totaal as wide as
    their widest text (Jan's and the grand total's bold 12,5 and 18,5), flush right; the bold
    Totaal row under a 0.8 pt rule, Beschikbaar closed by a double 0.6 pt rule."""
    pages = printed(tmp_path, matrix_plan)
    page, = [p for p in pages if [r for r in p.runs if r.text == MATRIX]]
    columns = [Col("Nr.", fit=True), Col("Project"), Col("Adviseur", True, True),
               Col("Leider", True, True), Col("Jan", True, True), Col("Totaal", True, True)]
    rows = [["3.1", "Leren", "3", "", "6,5", "9,5"],
            ["3.2", "Monitor", "2", "1", "6", "9"],
            ["", "Totaal", "5", "1", "12,5", "18,5"],
            ["", "Beschikbaar", "10", "5", "10", "15"]]
    assert text_width("12,5", True) > max(text_width("Jan", True), text_width("12,5"))
    table = check_table(page, MATRIX, columns, rows, bold={2})
    check_rules(page, table, [(2, "above", 0.8), (3, "below", 0.6), (3, "double", 0.6)])


# --- red over capacity, and the explanation of "volgens tekst" ------------------------------------

@pytest.mark.parametrize("allocated, stated, over, differs", [
    ("10", None, False, False),  # exactly the capacity: not red
    ("11", None, True, False),  # one dagdeel more: red
    ("10", "10", False, False),  # the text says what the table says: nothing to explain
    ("10", "9", False, True),
    ("11", "10", True, True),
])
def test_total_is_red_only_over_capacity_and_volgens_tekst_is_explained_only_where_it_differs(
        tmp_path, allocated, stated, over, differs):
    """Totaal ingezet is red when more than the capacity of 10 dagdelen is given out, not when it
    is exactly 10; the small-print explanation of "volgens tekst" follows the table exactly when
    a project's chapter text names other dagdelen than the table (not when the same, nor when
    it names none), and the figure that differs is red."""
    pages = printed(tmp_path, one_project_plan, allocated, stated)
    assert len(pages) == 1
    page = pages[0]
    fte = "1,0" if allocated == "10" else "1,1"
    rows = [["1.1", "Enig", allocated, fte, stated or ""],
            ["", "Totaal ingezet", allocated, fte, ""],
            ["", "Capaciteit voor uitvoering", "10", "1,0", ""]]
    red = ({(1, 2)} if over else set()) | ({(0, 4)} if differs else set())
    table = check_table(page, PROJECTS, PROJECT_COLUMNS, rows, bold={1}, red=red)
    small = sorted((r for r in page.runs if r.size == styles.SMALL.fontSize), key=lambda r: -r.y)
    if not differs:
        assert small == []
        return
    assert " ".join(r.text for r in small) == EXPLANATION
    assert all(r.font == "Regular" and r.color == MUTED and near(r.x, FRAME_LEFT) for r in small)
    assert all(r.y < table.bottom for r in small)  # under the table


# --- headings and bullets -----------------------------------------------------------------------

def test_section_starts_on_the_first_page_and_headings_and_bullets_are_in_their_styles(small_pages):
    """Printed alone, the annex starts on page 1 (no empty page before it); each table's heading is
    dark blue bold 11.5 pt at the margin, Aandachtspunten black bold 10 pt, and each point a
    bullet 2 pt in with its text after it, regular 9.5 pt, a line of 13 pt plus 2 pt apart."""
    assert len(small_pages) == 1
    page = small_pages[0]
    title = heading_run(page, staffing.TITLE, styles.HEADING1.fontSize)
    assert title.font == "Bold" and title.color == ACCENT and near(title.x, FRAME_LEFT)
    for text in (ROLES, PROJECTS, PEOPLE, MATRIX):
        run = heading_run(page, text, 11.5)
        assert run.font == "Bold" and run.color == ACCENT and near(run.x, FRAME_LEFT), run
    notes = heading_run(page, NOTES, 10)
    assert notes.font == "Bold" and notes.color == INK and near(notes.x, FRAME_LEFT)
    # ReportLab sets a bullet's text at the left indent (12 pt), or further right when the
    # bullet (at 2 pt, 10 pt: ParagraphStyle's default size) and 0.6 of its size end beyond it.
    bullet_size = styles.BULLET.bulletFontSize
    assert bullet_size == 10
    text_x = FRAME_LEFT + max(12, 2 + stringWidth("•", REGULAR, bullet_size) + 0.6 * bullet_size)
    bullets = sorted(page.find("•"), key=lambda r: -r.y)
    texts = sorted((r for r in page.runs if r.size == 9.5 and r.y < notes.y), key=lambda r: -r.y)
    assert [r.text for r in texts] == [
        "Adviseur: 5 dagdelen ingezet, capaciteit voor uitvoering 4,5.",
        "Anna is ingezet voor 4,5 dagdelen per week, beschikbaar 4.",
        "Er zijn 15 dagdelen per week ingezet, meer dan de capaciteit voor uitvoering (8,1).",
    ]
    assert len(bullets) == 3
    for bullet, text in zip(bullets, texts):
        assert near(bullet.x, FRAME_LEFT + 2) and bullet.font == "Regular" and near(bullet.y, text.y)
        assert near(text.x, text_x) and text.font == "Regular" and text.color == INK
    for text, after in zip(texts, texts[1:]):
        assert near(text.y - after.y, 13 + 2)


# --- totals never start a page on their own ------------------------------------------------------

def section_tables(ws, plan_id) -> dict[str, GridTable]:
    """The section's tables, by the heading above them."""
    register_fonts()
    plan = load_report_plan(ws, plan_id)
    ctx = ReportContext(ws, plan, list(plan.years), None, date(2022, 1, 1))
    tables: dict[str, GridTable] = {}
    heading = None
    for flowable in staffing.story(ctx, first=True):
        if isinstance(flowable, Heading):
            heading = flowable.plain
        elif isinstance(flowable, GridTable):
            tables[heading] = flowable
    return tables


def rows_per_page(header_lines: int) -> int:
    """One-line rows that fit on a page under the column headings."""
    return int((FRAME_HEIGHT - header_lines * LEADING - 2 * PAD_V) // ROW)


@pytest.mark.parametrize("heading, header_lines, totals", [
    (ROLES, 2, ["Totaal"]),
    (PROJECTS, 2, ["Totaal ingezet", "Capaciteit voor uitvoering"]),
    (MATRIX, 1, ["Totaal", "Beschikbaar"]),
])
def test_a_table_one_row_too_long_for_a_page_takes_its_last_item_over_with_the_totals(
        tmp_path, heading, header_lines, totals):
    """A table with one row more than a page holds, starting at the top of a page: not just its
    last row goes over, but the last role or project with the totals under it, so a total never
    starts a page without a row it adds up, and Capaciteit or Beschikbaar never leaves its total."""
    items = rows_per_page(header_lines) + 1 - len(totals)
    roles, projects = (items, 1) if heading == ROLES else (2, items)
    ws, plan_id = long_plan(tmp_path / "lang.planbord", roles, projects)
    try:
        table = section_tables(ws, plan_id)[heading]
    finally:
        ws.close()
    names = [f"{'Rol' if heading == ROLES else 'Project'} {i + 1:02d}" for i in range(items)] + totals
    pages = render(tmp_path, [table])
    assert len(pages) == 2
    shown = []
    for page in pages:
        runs = page.table_runs()
        headings = max(r.y for r in runs)  # ("Totaal" heads a column of the matrix too)
        shown.append([r.text for r in sorted(runs, key=lambda r: -r.y)
                      if r.text in names and r.y < headings - 1])
    assert shown == [names[:items - 1], names[items - 1:]]
