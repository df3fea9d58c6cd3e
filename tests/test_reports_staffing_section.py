"""The Formatie annex read back from the PDF by position: the allocation matrix (which figure
stands in which column, row and column totals, what is available) and the people table with its
red over-allocation, for a small plan whose figures are chosen here and for the 2022 demo plan."""
from __future__ import annotations

import ctypes
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
import pytest
from sqlalchemy import select

from app.models import Allocation, Chapter, Person, Plan, Project, Region, Role
from app.reports import build_pdf
from app.services.workspace import create_workspace, open_workspace

D = Decimal
MATRIX = "Inzet per project en per rol of persoon"
PEOPLE = "Inzet per persoon"
ROLES = "Formatie programmabureau"
PROJECTS = "Inzet per project"
NOTES = "Aandachtspunten"


# --- reading the PDF by position --------------------------------------------------------------

@dataclass
class Run:
    """A piece of text drawn in one go: a cell's line, a heading, a bullet."""
    text: str
    left: float
    right: float
    y: float
    red: bool
    bold: bool
    size: float


def _runs(page) -> list[Run]:
    textpage = page.get_textpage()
    runs: list[Run] = []
    current: Run | None = None
    for i in range(textpage.count_chars()):
        char = textpage.get_text_range(i, 1)
        if char in ("", "\r", "\n"):
            current = None
            continue
        if char == " ":
            if current is not None:
                current.text += " "
            continue
        left, _bottom, right, _top = textpage.get_charbox(i)
        r, g, b, a = (ctypes.c_uint() for _ in range(4))
        pdfium_raw.FPDFText_GetFillColor(textpage.raw, i, r, g, b, a)
        red = r.value > 150 and g.value < 90 and b.value < 90
        x, y = ctypes.c_double(), ctypes.c_double()
        pdfium_raw.FPDFText_GetCharOrigin(textpage.raw, i, x, y)
        name = ctypes.create_string_buffer(128)
        pdfium_raw.FPDFText_GetFontInfo(textpage.raw, i, name, 128, ctypes.c_int())
        bold = b"Bold" in name.value
        size = round(pdfium_raw.FPDFText_GetFontSize(textpage.raw, i), 1)
        # A gap wider than a word space (cells are at least 8 pt apart) starts a new run.
        if (current is None or abs(current.y - y.value) > 0.5 or left - current.right > 6.0
                or current.red != red or current.bold != bold):
            current = Run(char, left, right, y.value, red, bold, size)
            runs.append(current)
        else:
            current.text += char
            current.right = right
    for run in runs:
        run.text = run.text.strip()
    return runs


def _lines(runs: list[Run]) -> list[list[Run]]:
    """Runs grouped by baseline, top of the page first, each line left to right."""
    lines: list[list[Run]] = []
    for run in sorted(runs, key=lambda r: (-r.y, r.left)):
        if lines and abs(lines[-1][0].y - run.y) < 0.5:
            lines[-1].append(run)
        else:
            lines.append([run])
    return lines


def _text(line: list[Run]) -> str:
    return " ".join(r.text for r in line)


def pdf_lines(path: Path) -> list[list[Run]]:
    document = pdfium.PdfDocument(str(path))
    try:
        return [line for page in document for line in _lines(_runs(page))]
    finally:
        document.close()


def plain(text: str) -> str:
    return re.sub(r"\s+", "", text)


@dataclass
class Table:
    columns: list[str]  # the headings, wrapped lines joined
    rows: list[dict[str, str]]  # column heading -> text; an empty cell is absent
    red: list[set[str]]  # per row: the columns printed in red


def table_after(path: Path, heading: str) -> Table:
    """The table under ``heading``: every cell placed in the column its edge lines up with."""
    lines = pdf_lines(path)
    start = next(i for i, line in enumerate(lines) if _text(line) == heading) + 1
    header: list[list[Run]] = []
    while all(r.bold for r in lines[start]):
        header.append(lines[start])
        start += 1
    size = lines[start][0].size
    body = []
    for line in lines[start:]:
        if any(r.size != size for r in line) or line[0].text == "•":
            break
        body.append(line)
    # A heading column: the header runs that share a right edge (wrapped headings).
    columns: list[list[Run]] = []
    for run in sorted((r for line in header for r in line), key=lambda r: -r.y):
        column = next((c for c in columns if abs(c[0].right - run.right) < 1.5), None)
        if column is None:
            columns.append([run])
        else:
            column.append(run)
    columns.sort(key=lambda c: c[0].left)
    names = [" ".join(r.text for r in c) for c in columns]
    edges = [(min(r.left for r in c), c[0].right) for c in columns]

    def column_of(run: Run) -> str:
        for name, (left, right) in zip(names, edges):
            if abs(run.left - left) < 1.5 or abs(run.right - right) < 1.5:
                return name
        raise AssertionError(f"{run.text!r} at {run.left:.1f}-{run.right:.1f} lines up with no column")

    rows: list[dict[str, str]] = []
    red: list[set[str]] = []
    previous_y = None
    for line in body:
        if previous_y is None or previous_y - line[0].y > 12:  # more than a wrapped line's leading
            rows.append({})
            red.append(set())
        previous_y = line[0].y
        for run in line:
            name = column_of(run)
            rows[-1][name] = f"{rows[-1][name]} {run.text}" if name in rows[-1] else run.text
            if run.red:
                red[-1].add(name)
    return Table(names, rows, red)


def bullets_after(path: Path, heading: str) -> list[str]:
    lines = pdf_lines(path)
    start = next(i for i, line in enumerate(lines) if _text(line) == heading) + 1
    items = []
    for line in lines[start:]:
        if line[0].text != "•":
            break
        items.append(_text(line[1:]))
    return items


def line_texts(path: Path) -> list[str]:
    return [_text(line) for line in pdf_lines(path)]


def formatie(workspace, plan_id: int, tmp_path: Path) -> Path:
    out = tmp_path / "formatie.pdf"
    build_pdf(workspace, plan_id, "formatie", out)
    return out


# --- a small plan ---------------------------------------------------------------------------

def small_plan(path: Path):
    """Factor 9 dagdelen per fte; three roles, three people, three projects with dagdelen.

    Matrix (dagdelen per week):   Adviseur Leider Anna Bram Programmabureau | Totaal
        3.1 Leren                     3              2,5                     |  5,5
        3.2 Monitor                   2        1           3                 |  6
            Algemeen (general)                       2         1,5           |  3,5
        3.3 Big 5 has nothing; Secretariaat and Cees have nothing.
    Adviseur 5 > 4,5 and Anna 4,5 > 4 are over-allocated; Bram is exactly at his 3; 15 > 8,1 in all.
    """
    ws = create_workspace(path)
    with ws.transaction() as s:
        plan = Plan(region=Region(name="Haaglanden"), year=2022, title="Uitvoeringsplan 2022",
                    first_year=2022, last_year=2022, half_days_per_fte=D("9.0"))
        s.add(plan)
        s.flush()
        projects = Chapter(plan_id=plan.id, position=0, number="3", title="Projecten")
        general = Chapter(plan_id=plan.id, position=1, number="4", title="Algemeen")
        s.add_all([projects, general])
        s.flush()
        leren = Project(chapter_id=projects.id, position=0, number="3.1", title="Leren",
                        stated_half_days=D("5.0"))
        monitor = Project(chapter_id=projects.id, position=1, number="3.2", title="Monitor",
                          stated_half_days=D("6.0"))
        idle = Project(chapter_id=projects.id, position=2, number="3.3", title="Big 5")
        algemeen = Project(chapter_id=general.id, position=0, number="", title="Algemeen",
                           is_general=True)
        adviser = Role(plan_id=plan.id, position=0, role="Adviseur", fte=D("1.00"),
                           execution_fte=D("0.50"))
        lead = Role(plan_id=plan.id, position=1, role="Leider", fte=D("0.80"),
                        execution_fte=D("0.40"))
        secretary = Role(plan_id=plan.id, position=2, role="Secretariaat", fte=D("1.00"),
                             execution_fte=D("0.00"))
        anna = Person(plan_id=plan.id, position=0, name="Anna", available_half_days=D("4.0"))
        bram = Person(plan_id=plan.id, position=1, name="Bram", available_half_days=D("3.0"))
        cees = Person(plan_id=plan.id, position=2, name="Cees", available_half_days=D("2.0"))
        s.add_all([leren, monitor, idle, algemeen, adviser, lead, secretary, anna, bram, cees])
        s.flush()
        for project, half_days, role, person in [
            (leren, "3", adviser, None), (leren, "2.5", None, anna),
            (monitor, "2", adviser, None), (monitor, "1", lead, None), (monitor, "3", None, bram),
            (algemeen, "2", None, anna), (algemeen, "1.5", None, None),
        ]:
            s.add(Allocation(plan_id=plan.id, project_id=project.id, half_days=D(half_days),
                             capacity_id=role.id if role else None,
                             person_id=person.id if person else None))
        plan_id = plan.id
    return ws, plan_id


@pytest.fixture
def small_pdf(tmp_path):
    ws, plan_id = small_plan(tmp_path / "klein.planbord")
    try:
        yield formatie(ws, plan_id, tmp_path)
    finally:
        ws.close()


def test_matrix_puts_each_persons_and_roles_dagdelen_in_their_own_column(small_pdf):
    """The matrix shows every cell under its role, person or the office, with row totals."""
    table = table_after(small_pdf, MATRIX)
    assert [plain(c) for c in table.columns] == [
        "Nr.", "Project", "Adviseur", "Leider", "Anna", "Bram", "Programmabureau", "Totaal"]
    office = table.columns[6]
    assert table.rows[:3] == [
        {"Nr.": "3.1", "Project": "Leren", "Adviseur": "3", "Anna": "2,5", "Totaal": "5,5"},
        {"Nr.": "3.2", "Project": "Monitor", "Adviseur": "2", "Leider": "1", "Bram": "3",
         "Totaal": "6"},
        {"Project": "Algemeen", "Anna": "2", office: "1,5", "Totaal": "3,5"},
    ]


def test_matrix_column_totals_and_what_is_available(small_pdf):
    """Under the projects: each column's total and grand total, then what each has available."""
    table = table_after(small_pdf, MATRIX)
    office = table.columns[6]
    assert len(table.rows) == 5
    assert table.rows[3] == {"Project": "Totaal", "Adviseur": "5", "Leider": "1", "Anna": "4,5",
                             "Bram": "3", office: "1,5", "Totaal": "15"}
    # 0,5 and 0,4 fte for execution at 9 dagdelen per fte; the office has no figure of its own.
    assert table.rows[4] == {"Project": "Beschikbaar", "Adviseur": "4,5", "Leider": "3,6",
                             "Anna": "4", "Bram": "3", "Totaal": "8,1"}


def test_matrix_leaves_out_projects_and_columns_without_dagdelen(small_pdf):
    """A project, role or person with no dagdelen takes no row or column in the matrix."""
    table = table_after(small_pdf, MATRIX)
    printed = " ".join(v for row in table.rows for v in row.values())
    assert "Big 5" not in printed
    assert not any("Secretariaat" in c or "Cees" in c for c in table.columns)
    # ... while the roles and people tables still list them.
    assert {"Rol": "Secretariaat", "fte": "1,0", "voor uitvoering (fte)": "0,0",
            "capaciteit (dagdelen p/w)": "0", "ingezet (dagdelen p/w)": "0"} in table_after(
        small_pdf, ROLES).rows
    assert {"Naam": "Cees", "beschikbaar (dagdelen p/w)": "2",
            "ingezet (dagdelen p/w)": "0"} in table_after(small_pdf, PEOPLE).rows


def test_over_allocation_is_named_under_the_matrix(small_pdf):
    """Each over-allocated role or person, and the whole office, is named with its figures."""
    assert bullets_after(small_pdf, NOTES) == [
        "Adviseur: 5 dagdelen ingezet, capaciteit voor uitvoering 4,5.",
        "Anna is ingezet voor 4,5 dagdelen per week, beschikbaar 4.",
        "Er zijn 15 dagdelen per week ingezet, meer dan de capaciteit voor uitvoering (8,1).",
    ]


def test_people_table_marks_only_the_over_allocated_person_red(small_pdf):
    """Anna (4,5 of 4) is red; Bram at exactly his 3 and Cees with none are not."""
    table = table_after(small_pdf, PEOPLE)
    assert [plain(c) for c in table.columns] == [
        "Naam", "beschikbaar(dagdelenp/w)", "ingezet(dagdelenp/w)"]
    assert table.rows == [
        {"Naam": "Anna", "beschikbaar (dagdelen p/w)": "4", "ingezet (dagdelen p/w)": "4,5"},
        {"Naam": "Bram", "beschikbaar (dagdelen p/w)": "3", "ingezet (dagdelen p/w)": "3"},
        {"Naam": "Cees", "beschikbaar (dagdelen p/w)": "2", "ingezet (dagdelen p/w)": "0"},
    ]
    assert table.red == [{"ingezet (dagdelen p/w)"}, set(), set()]


def test_roles_and_projects_tables_of_the_small_plan(small_pdf):
    """Capacity at 9 dagdelen per fte, fte beside dagdelen, and the red figures over capacity."""
    lines = line_texts(small_pdf)
    assert ("Eén fte is 9 dagdelen per week. Capaciteit voor uitvoering: 0,9 fte = 8,1 dagdelen "
            "per week; ingezet: 15 dagdelen per week.") in " ".join(lines)
    roles = table_after(small_pdf, ROLES)
    assert roles.rows[:2] == [
        {"Rol": "Adviseur", "fte": "1,0", "voor uitvoering (fte)": "0,5",
         "capaciteit (dagdelen p/w)": "4,5", "ingezet (dagdelen p/w)": "5"},
        {"Rol": "Leider", "fte": "0,8", "voor uitvoering (fte)": "0,4",
         "capaciteit (dagdelen p/w)": "3,6", "ingezet (dagdelen p/w)": "1"},
    ]
    assert roles.rows[3] == {"Rol": "Totaal", "fte": "2,8", "voor uitvoering (fte)": "0,9",
                             "capaciteit (dagdelen p/w)": "8,1"}
    assert roles.red == [{"ingezet (dagdelen p/w)"}, set(), set(), set()]
    projects = table_after(small_pdf, PROJECTS)
    assert projects.rows == [
        {"Nr.": "3.1", "Project": "Leren", "dagdelen p/w": "5,5", "fte": "0,61", "volgens tekst": "5"},
        {"Nr.": "3.2", "Project": "Monitor", "dagdelen p/w": "6", "fte": "0,67", "volgens tekst": "6"},
        {"Project": "Algemeen", "dagdelen p/w": "3,5", "fte": "0,39"},
        {"Project": "Totaal ingezet", "dagdelen p/w": "15", "fte": "1,67"},
        {"Project": "Capaciteit voor uitvoering", "dagdelen p/w": "8,1", "fte": "0,9"},
    ]
    # Leren's text says 5 where the table has 5,5; 15 dagdelen are more than 8,1.
    assert projects.red == [{"volgens tekst"}, set(), set(), {"dagdelen p/w"}, set()]


# --- when the matrix is printed ----------------------------------------------------------------

def plan_with_columns(path: Path, roles: int, *, office: bool = False):
    """One project; ``roles`` roles of 1,0 fte each given 1 dagdeel on it (and the office 1)."""
    ws = create_workspace(path)
    with ws.transaction() as s:
        plan = Plan(region=Region(name="Regio"), year=2022, title="Plan", first_year=2022,
                    last_year=2022, half_days_per_fte=D("10.0"))
        s.add(plan)
        s.flush()
        chapter = Chapter(plan_id=plan.id, position=0, number="1", title="Projecten")
        s.add(chapter)
        s.flush()
        project = Project(chapter_id=chapter.id, position=0, number="1.1", title="Enig")
        s.add(project)
        s.flush()
        for i in range(roles):
            role = Role(plan_id=plan.id, position=i, role=f"R{i + 1}", fte=D("1.00"),
                            execution_fte=D("1.00"))
            s.add(role)
            s.flush()
            s.add(Allocation(plan_id=plan.id, project_id=project.id, capacity_id=role.id,
                             half_days=D("1.0")))
        if office:
            s.add(Allocation(plan_id=plan.id, project_id=project.id, half_days=D("1.0")))
        plan_id = plan.id
    return ws, plan_id


@pytest.mark.parametrize("roles, office, printed", [
    (1, False, False),  # one column: the projects table says it all
    (1, True, True),  # a role and the office: two columns
    (2, False, True),
    (6, False, True),  # the widest matrix that fits the page
    (5, True, True),
    (7, False, False),  # wider: left to the per-person table
    (6, True, False),
])
def test_matrix_only_between_two_and_six_columns(tmp_path, roles, office, printed):
    """The matrix is printed for 2 to 6 columns with dagdelen, not for one or for more than six."""
    ws, plan_id = plan_with_columns(tmp_path / "plan.planbord", roles, office=office)
    try:
        lines = line_texts(formatie(ws, plan_id, tmp_path))
    finally:
        ws.close()
    assert (MATRIX in lines) is printed
    assert NOTES not in lines  # 1 dagdeel per role of 10: nobody is over-allocated
    if printed:
        table = table_after(tmp_path / "formatie.pdf", MATRIX)
        total = str(roles + office)
        assert table.rows[0]["Totaal"] == total
        assert table.rows[1]["Totaal"] == total


# --- the demo plan --------------------------------------------------------------------------

DEMO_PROJECT_ROWS = [  # the staffing table of chapter 5 of the 2022 plan, per project
    ("3.1.3", "Intensiveren Beter Samenspel", "4"),
    ("3.2.1", "Ontwikkeling jeugdhulpmonitor", "3"),
    ("3.2.2", "Reikwijdte Jeugdwet, normaliseren", "2"),
    ("3.2.3", "Samen leren", "3"),
    ("3.3.2", "Kostenbeheersing: richtinggevend kader en bestedingsruimte", "4"),
    ("", "Doorlopend algemeen", "4"),
]


def test_demo_has_no_matrix_or_people_table_as_the_office_has_all_dagdelen(demo_workspace, tmp_path):
    """The 2022 plan gives its 22 dagdelen to the office as a whole: no matrix, no people, no alarm."""
    ws = open_workspace(demo_workspace, read_only=True)
    try:
        with ws.session() as s:
            plan_id = s.scalars(select(Plan.id)).one()
        lines = line_texts(formatie(ws, plan_id, tmp_path))
    finally:
        ws.close()
    assert MATRIX not in lines
    assert PEOPLE not in lines
    assert NOTES not in lines
    assert "Totaal ingezet 22 2,2" in lines


def test_demo_matrix_with_the_coordination_given_to_a_role(demo_workspace, tmp_path):
    """With Coördinatie (2) given to a role, the matrix shows 2 + 20 = 22 dagdelen of 22."""
    ws = open_workspace(demo_workspace)
    try:
        with ws.transaction() as s:
            plan_id = s.scalars(select(Plan.id)).one()
            role = s.scalars(select(Role).where(
                Role.role == "Programma- en projectmanagement")).one()
            coordination = s.scalars(select(Allocation).join(Allocation.project).where(
                Project.title == "Coördinatie, werkoverleg")).one()
            coordination.capacity_id = role.id
        pdf = formatie(ws, plan_id, tmp_path)
    finally:
        ws.close()
    table = table_after(pdf, MATRIX)
    assert [plain(c) for c in table.columns] == [
        "Nr.", "Project", "Programma-enprojectmanagement", "Programmabureau", "Totaal"]
    role_column, office = table.columns[2], table.columns[3]
    expected = [{"Nr.": number, "Project": title, office: half_days, "Totaal": half_days}
                for number, title, half_days in DEMO_PROJECT_ROWS]
    for row in expected:
        if not row["Nr."]:
            del row["Nr."]
    expected.append({"Project": "Coördinatie, werkoverleg", role_column: "2", "Totaal": "2"})
    expected.append({"Project": "Totaal", role_column: "2", office: "20", "Totaal": "22"})
    # 1,80 fte for execution: 18 dagdelen; the capacity of all roles is 22.
    expected.append({"Project": "Beschikbaar", role_column: "18", "Totaal": "22"})
    assert table.rows == expected
    assert not any(table.red)
    assert NOTES not in line_texts(pdf)
