"""What a council member reads in the PDF annexes of a small plan whose figures are chosen here:
which rows, amounts, headings, notes, markers and notices each section prints, in which colour and
typeface, the project sheets and their traffic lights, the contents and bookmarks, the embedded
fonts, and how the export reports progress, refuses wrong choices and stops when cancelled."""
from __future__ import annotations

import ctypes
import functools
import shutil
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
import pytest
from pypdf import PdfReader

from app.models import (
    Action,
    ActionStatus,
    Allocation,
    AllocationKey,
    Ambition,
    BudgetCell,
    BudgetGroup,
    BudgetLine,
    Chapter,
    FixedSettlement,
    FixedSettlementAmount,
    FundingAmount,
    FundingSource,
    Goal,
    KeyMethod,
    KeyShare,
    Marker,
    Municipality,
    MunicipalitySet,
    Plan,
    PlanStatus,
    Project,
    ProjectAmbition,
    ProjectStatus,
    Region,
    Role,
)
from app.reports import BuildCancelled, ReportError, build_pdf, parse_sections
from app.services.workspace import create_workspace, open_workspace

D = Decimal
TODAY = date(2022, 6, 1)
TITLE = "Uitvoeringsplan 2022 Regio Zuid"


# --- the small plan -----------------------------------------------------------------------------

def build_small_plan(path: Path) -> dict[str, int]:
    """Regio Zuid: three municipalities, two sets, a key by inhabitants, plan 2022 (2021-2023).

    Budget (2021 / 2022 / 2023):
      1. Netwerk (subtotal)   coördinatie 1.000 / 2.000,50 (note) / PM, line note
                              correctie 0 / -500 / –          kleine post – / 0,50 / 250
      2. Projecten (no subtotal, shared by Z2)   pilot – / 3.000 / id.   (linked to 1.1.1)
           Proeftuinen (a subgroup)                proeftuin – / – / PM
      Overig (no number)      reserve – / – / doorlopend
    Dekking: regiobudget (note) 1.000 / 6.000 / –, provincie – / – / 100.
    Saldo: 0 / 1.499 / -150.
    Overige vaste regioverrekeningen: licenties (Z2, note) – / 900 / 900, platform (AA) – / 100 / –,
    bijeenkomst (all) – / 30 / –.
    """
    ws = create_workspace(path)
    ids: dict[str, int] = {}
    with ws.transaction() as s:
        region = Region(name="Regio Zuid")
        s.add(region)
        s.flush()
        aastad = Municipality(region_id=region.id, position=0, name="Aastad")
        beedorp = Municipality(region_id=region.id, position=1, name="Beedorp")
        ceeveen = Municipality(region_id=region.id, position=2, name="Ceeveen")
        s.add_all([aastad, beedorp, ceeveen])
        s.flush()
        # AA is made first (lower id) but comes second in the region's order of sets.
        only_a = MunicipalitySet(region_id=region.id, position=1, code="AA", name="Alleen Aastad",
                                 members=[aastad])
        z2 = MunicipalitySet(region_id=region.id, position=0, code="Z2", name="Z2 (zonder Ceeveen)",
                             members=[aastad, beedorp])
        unused = MunicipalitySet(region_id=region.id, position=2, code="ZZ", name="Niet gebruikt",
                                 members=[ceeveen])
        s.add_all([only_a, z2, unused])
        key = AllocationKey(region_id=region.id, name="Sleutel naar inwoners", method=KeyMethod.BASIS,
                            basis_label="Inwoners", note="Peildatum 1 januari 2021")
        s.add(key)
        s.flush()
        s.add_all([KeyShare(key_id=key.id, municipality_id=aastad.id, basis=5000),
                   KeyShare(key_id=key.id, municipality_id=beedorp.id, basis=3000),
                   KeyShare(key_id=key.id, municipality_id=ceeveen.id, basis=2000)])
        plan = Plan(region_id=region.id, year=2022, title=TITLE, first_year=2021, last_year=2023,
                    status=PlanStatus.DRAFT, allocation_key_id=key.id)
        s.add(plan)
        s.flush()
        ids["plan"] = plan.id

        # Chapters 1 (1.1, 1.2) and 2, projects in 1.1, 1.2 and 2.
        ch1 = Chapter(plan_id=plan.id, position=0, number="1", title="Uitvoering")
        ch2 = Chapter(plan_id=plan.id, position=1, number="2", title="Algemeen")
        ch3 = Chapter(plan_id=plan.id, position=2, number="3", title="Leeg")
        s.add_all([ch1, ch2, ch3])
        s.flush()
        ch11 = Chapter(plan_id=plan.id, parent_id=ch1.id, position=0, number="1.1", title="Netwerk")
        ch12 = Chapter(plan_id=plan.id, parent_id=ch1.id, position=1, number="1.2", title="Leren")
        s.add_all([ch11, ch12])
        s.flush()
        ids.update(ch1=ch1.id, ch2=ch2.id, ch3=ch3.id, ch11=ch11.id, ch12=ch12.id)
        network = Project(chapter_id=ch11.id, position=0, number="1.1.1", title="Coördinatie netwerk",
                          description="Eerste regel\nTweede regel & meer",
                          sponsor_admin="Wethouder Aastad", sponsor_official="Directeur Beedorp",
                          contractor="Programmabureau Zuid", start_date=date(2022, 1, 1),
                          end_date=date(2022, 12, 31), status=ProjectStatus.ON_TRACK,
                          stated_half_days=D("3.0"))
        learning = Project(chapter_id=ch12.id, position=0, number="1.2.1", title="Samen leren",
                           status=ProjectStatus.AT_RISK, start_date=date(2022, 3, 1))
        general = Project(chapter_id=ch2.id, position=0, number="2.1", title="Algemeen werk",
                          status=ProjectStatus.OFF_TRACK)
        done = Project(chapter_id=ch2.id, position=1, number="2.2", title="Afgerond project",
                       status=ProjectStatus.DONE, end_date=date(2021, 12, 31))
        unknown = Project(chapter_id=ch2.id, position=2, number="2.3", title="Nog onbekend")
        s.add_all([network, learning, general, done, unknown])
        s.flush()
        ids.update(network=network.id, learning=learning.id, general=general.id, done=done.id,
                   unknown=unknown.id)
        s.add_all([Goal(project_id=network.id, position=0, text="Alle partners kennen elkaar"),
                   Goal(project_id=network.id, position=1, text="Een gedeelde agenda")])
        served = Ambition(region_id=region.id, position=0, text="Jeugdigen groeien veilig op")
        other = Ambition(region_id=region.id, position=1, text="Minder wachtlijsten")
        s.add_all([served, other])
        s.flush()
        s.add(ProjectAmbition(project_id=network.id, ambition_id=served.id))
        s.add_all([
            Action(project_id=network.id, position=0, description="Startbijeenkomst houden",
                   owner="Bureau", due_date=date(2022, 3, 1), status=ActionStatus.ACHIEVED,
                   remark="Goed bezocht"),
            Action(project_id=network.id, position=1, description="Partners uitnodigen",
                   owner="Bureau", due_date=date(2022, 2, 1), status=ActionStatus.ACHIEVED),
            Action(project_id=network.id, position=2, description="Agenda vaststellen",
                   owner="Adviseur", due_date=date(2022, 5, 1), status=ActionStatus.ACHIEVED),
            Action(project_id=network.id, position=3, description="Evaluatie schrijven",
                   owner="Adviseur", due_date=date(2022, 4, 1), status=ActionStatus.IN_PROGRESS),
            Action(project_id=network.id, position=4, description="Rapport opleveren",
                   owner="Bureau", due_date=date(2022, 12, 31), status=ActionStatus.NOT_ACHIEVED),
            Action(project_id=network.id, position=5, description="Subsidie aanvragen",
                   owner="Bureau", due_date=date(2022, 1, 15), status=ActionStatus.NOT_ACHIEVED),
            Action(project_id=network.id, position=6, description="Vervolg plannen",
                   owner="", due_date=None, status=ActionStatus.UNKNOWN),
            Action(project_id=general.id, position=0, description="Jaarverslag", owner="Bureau",
                   due_date=date(2022, 5, 1), status=ActionStatus.NOT_ACHIEVED),
        ])
        role = Role(plan_id=plan.id, position=0, role="Programmamanager", fte=D("1.00"),
                        execution_fte=D("0.50"))
        s.add(role)
        s.flush()
        s.add(Allocation(plan_id=plan.id, project_id=network.id, capacity_id=role.id,
                         half_days=D("2.0")))

        # Budget.
        netwerk = BudgetGroup(plan_id=plan.id, position=0, number="1", name="Netwerk",
                              shows_subtotal=True)
        projecten = BudgetGroup(plan_id=plan.id, position=1, number="2", name="Projecten",
                                shows_subtotal=False, municipality_set_id=z2.id)
        overig = BudgetGroup(plan_id=plan.id, position=2, number="", name="Overig")
        s.add_all([netwerk, projecten, overig])
        s.flush()
        trials = BudgetGroup(plan_id=plan.id, parent_id=projecten.id, position=0, number="",
                             name="Proeftuinen")
        s.add(trials)
        s.flush()
        ids.update(netwerk=netwerk.id, projecten=projecten.id, proeftuinen=trials.id)
        lines = {
            "coordinatie": BudgetLine(group_id=netwerk.id, position=0, name="coördinatie",
                                      note="Zie besluit BOJ"),
            "correctie": BudgetLine(group_id=netwerk.id, position=1, name="correctie"),
            "klein": BudgetLine(group_id=netwerk.id, position=2, name="kleine post"),
            "pilot": BudgetLine(group_id=projecten.id, position=0, name="pilot",
                                project_id=network.id),
            "reserve": BudgetLine(group_id=overig.id, position=0, name="reserve"),
            "proeftuin": BudgetLine(group_id=trials.id, position=0, name="proeftuin"),
        }
        s.add_all(lines.values())
        s.flush()
        ids.update({name: line.id for name, line in lines.items()})
        s.add_all([
            BudgetCell(line_id=lines["coordinatie"].id, year=2021, amount=D("1000.00")),
            BudgetCell(line_id=lines["coordinatie"].id, year=2022, amount=D("2000.50"),
                       note="Inclusief indexatie"),
            BudgetCell(line_id=lines["coordinatie"].id, year=2023, marker=Marker.PM),
            BudgetCell(line_id=lines["correctie"].id, year=2021, amount=D("0.00")),
            BudgetCell(line_id=lines["correctie"].id, year=2022, amount=D("-500.00")),
            BudgetCell(line_id=lines["klein"].id, year=2022, amount=D("0.50")),
            BudgetCell(line_id=lines["klein"].id, year=2023, amount=D("250.00")),
            BudgetCell(line_id=lines["pilot"].id, year=2022, amount=D("3000.00")),
            BudgetCell(line_id=lines["pilot"].id, year=2023, marker=Marker.IDEM),
            BudgetCell(line_id=lines["reserve"].id, year=2023, marker=Marker.ONGOING),
            BudgetCell(line_id=lines["proeftuin"].id, year=2023, marker=Marker.PM),
        ])
        regio = FundingSource(plan_id=plan.id, position=0, name="regiobudget", note="Besluit 2021")
        provincie = FundingSource(plan_id=plan.id, position=1, name="provincie")
        s.add_all([regio, provincie])
        s.flush()
        s.add_all([FundingAmount(source_id=regio.id, year=2021, amount=D("1000.00")),
                   FundingAmount(source_id=regio.id, year=2022, amount=D("6000.00")),
                   FundingAmount(source_id=provincie.id, year=2023, amount=D("100.00"))])
        licences = FixedSettlement(plan_id=plan.id, position=0, name="licenties",
                                   municipality_set_id=z2.id, note="Alleen voor Z2")
        platform = FixedSettlement(plan_id=plan.id, position=1, name="platform",
                                   municipality_set_id=only_a.id)
        meeting = FixedSettlement(plan_id=plan.id, position=2, name="bijeenkomst")
        s.add_all([licences, platform, meeting])
        s.flush()
        s.add_all([FixedSettlementAmount(settlement_id=licences.id, year=2022, amount=D("900.00")),
                   FixedSettlementAmount(settlement_id=licences.id, year=2023, amount=D("900.00")),
                   FixedSettlementAmount(settlement_id=platform.id, year=2022, amount=D("100.00")),
                   FixedSettlementAmount(settlement_id=meeting.id, year=2022, amount=D("30.00"))])
    ws.close()
    return ids


@pytest.fixture(scope="module")
def small_file(tmp_path_factory) -> tuple[Path, dict[str, int]]:
    folder = tmp_path_factory.mktemp("small")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PLANBORD_DATA_DIR", str(folder / "data"))
        ids = build_small_plan(folder / "zuid.planbord")
    return folder / "zuid.planbord", ids


@pytest.fixture
def small(small_file, tmp_path):
    """A writable copy of the small plan, open; and its ids."""
    path, ids = small_file
    copy = tmp_path / "zuid.planbord"
    shutil.copyfile(path, copy)
    ws = open_workspace(copy)
    yield ws, ids
    ws.close()


@pytest.fixture
def annexes(small_file, tmp_path):
    """A factory of PDFs of the (unchanged) small plan, each made once per test; chapters are
    named by their key ("ch11"). Made inside each test, not shared between tests, so that a
    mutation tool that runs only the tests reaching a function still runs every test that
    reads what that function printed."""
    path, ids = small_file
    folder = tmp_path
    made: dict[tuple, Path] = {}

    def make(sections: str, **options) -> Path:
        key = (sections, tuple(sorted((k, repr(v)) for k, v in options.items())))
        if key not in made:
            out = folder / f"annex-{len(made)}.pdf"
            with pytest.MonkeyPatch.context() as mp:
                mp.setenv("PLANBORD_DATA_DIR", str(folder / "data"))
                ws = open_workspace(path, read_only=True)
                if "chapters" in options:  # chapters by their key in ids: "ch11"
                    options["chapters"] = [ids[name] for name in options["chapters"]]
                try:
                    build_pdf(ws, ids["plan"], sections, out, today=TODAY, **options)
                finally:
                    ws.close()
            made[key] = out
        return made[key]

    return make


# --- reading the PDF ----------------------------------------------------------------------------

def page_lines(path: Path) -> list[list[str]]:
    return [[" ".join(line.split()) for line in page.extract_text().splitlines()]
            for page in PdfReader(path).pages]


def lines_of(path: Path) -> list[str]:
    return [line for page in page_lines(path) for line in page]


@dataclass
class Run:
    """Text drawn in one colour and one typeface on one baseline, without a wide gap."""
    text: str
    page: int
    left: float
    right: float
    y: float
    color: tuple[int, int, int]
    font: str
    x: float = 0.0  # where the pen started: the first character's origin
    size: float = 0.0  # the font size in points

    @property
    def center(self) -> float:
        return (self.left + self.right) / 2

    @property
    def red(self) -> bool:
        r, g, b = self.color
        return r > 150 and g < 90 and b < 90

    @property
    def italic(self) -> bool:
        return "Oblique" in self.font or "Italic" in self.font

    @property
    def bold(self) -> bool:
        return "Bold" in self.font


def runs_of(path: Path) -> list[Run]:
    return list(_runs_of(str(path), path.stat().st_mtime_ns))


@functools.lru_cache(maxsize=8)
def _runs_of(path: str, _mtime: int) -> tuple[Run, ...]:
    document = pdfium.PdfDocument(path)
    runs: list[Run] = []
    try:
        for number, page in enumerate(document):
            textpage = page.get_textpage()
            current: Run | None = None
            for i in range(textpage.count_chars()):
                char = textpage.get_text_range(i, 1)
                if char in ("", "\r", "\n"):
                    current = None
                    continue
                left, _bottom, right, _top = textpage.get_charbox(i)
                r, g, b, a = (ctypes.c_uint() for _ in range(4))
                pdfium_raw.FPDFText_GetFillColor(textpage.raw, i, r, g, b, a)
                color = (r.value, g.value, b.value)
                x, y = ctypes.c_double(), ctypes.c_double()
                pdfium_raw.FPDFText_GetCharOrigin(textpage.raw, i, x, y)
                name = ctypes.create_string_buffer(128)
                pdfium_raw.FPDFText_GetFontInfo(textpage.raw, i, name, 128, ctypes.c_int())
                font = name.value.decode("latin-1")
                size = round(pdfium_raw.FPDFText_GetFontSize(textpage.raw, i), 2)
                if char == " ":
                    if current is not None:
                        current.text += " "
                    continue
                if (current is None or abs(current.y - y.value) > 0.5 or left - current.right > 6.0
                        or current.color != color or current.font != font or current.size != size):
                    current = Run(char, number, left, right, y.value, color, font, x.value, size)
                    runs.append(current)
                else:
                    current.text += char
                    current.right = right
    finally:
        document.close()
    for run in runs:
        run.text = run.text.strip()
    return tuple(runs)


def fonts_used(path: Path) -> dict[str, dict]:
    """Every font of every page: base name -> font dictionary."""
    found = {}
    for page in PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            found[str(font["/BaseFont"])] = font
    return found


def assert_only_embedded_fonts(path: Path) -> None:
    for name, font in fonts_used(path).items():
        assert font["/Subtype"] == "/TrueType", name
        assert "/FontFile2" in font["/FontDescriptor"].get_object(), name

GREEN, ORANGE, RED, GREY = "green", "orange", "red", "grey"


def colour_name(rgb: tuple[int, int, int]) -> str:
    r, g, b = rgb
    if max(rgb) - min(rgb) < 12:
        return GREY
    if g > r:
        return GREEN
    return ORANGE if g > 100 else RED


def lights_of(path: Path) -> list[tuple[int, str, str]]:
    """Every traffic-light dot: (page, the text just right of it, its colour)."""
    runs = runs_of(path)
    found = []
    document = pdfium.PdfDocument(str(path))
    try:
        for number, page in enumerate(document):
            for obj in page.get_objects():
                if obj.type != pdfium_raw.FPDF_PAGEOBJ_PATH:
                    continue
                left, bottom, right, top = obj.get_bounds()
                if not (4 < right - left < 8 and 4 < top - bottom < 8):
                    continue
                r, g, b, a = (ctypes.c_uint() for _ in range(4))
                pdfium_raw.FPDFPageObj_GetFillColor(obj.raw, r, g, b, a)
                middle = (top + bottom) / 2
                beside = [run for run in runs if run.page == number and 0 < run.left - right < 8
                          and 0 < middle - run.y < 6]
                assert len(beside) == 1, (number, left, middle, beside)
                found.append((number, -middle, beside[0].text,
                              colour_name((r.value, g.value, b.value))))
    finally:
        document.close()
    return [(page, text, colour) for page, _y, text, colour in sorted(found)]


def runs_with(path: Path, text: str) -> list[Run]:
    return [run for run in runs_of(path) if run.text == text]


def table_lines(lines: list[str], first: str, last: str) -> list[str]:
    """The lines from the one equal to ``first`` up to the next one equal to ``last``."""
    start = lines.index(first)
    return lines[start:lines.index(last, start) + 1]


# =============================================================================================
# Begroting
# =============================================================================================

def test_budget_annex_prints_every_line_with_its_amounts_markers_and_note_numbers(annexes):
    """The budget table must print each group, line (amounts in Dutch notation, markers as
    words, note numbers beside the text they explain), the subtotal only where the plan has one,
    and the total with a † in the year that left a marker out."""
    lines = lines_of(annexes("begroting"))
    assert lines[2:4] == ["Begroting 2022",
                          f"Bijlage bij het {TITLE}. Bedragen in euro's."]
    assert table_lines(lines, "Omschrijving 2021 2022 2023", "Totaal begroting 2022 1.000 4.501 † 250") == [
        "Omschrijving 2021 2022 2023",
        "1. Netwerk",
        "coördinatie 1 1.000 2.000,50 2 PM",
        "correctie 0 -500",
        "kleine post 0,50 250",
        # 2022: 2.000,50 - 500 + 0,50; 2023: the PM is left out of 250.
        "Subtotaal Netwerk 1.000 1.501 † 250",
        "2. Projecten",
        "Proeftuinen",
        "proeftuin PM",
        "pilot 3.000 id.",
        "Overig",
        "reserve doorlopend",
        "Totaal begroting 2022 1.000 4.501 † 250",
    ]
    assert lines.count("† Regels met PM, id. of doorlopend hebben geen bedrag; het totaal telt ze "
                       "niet mee.") == 1


def test_funding_total_and_saldo_per_year(annexes):
    """Under Dekking the annex must list each source, their total, the budget total again and
    the saldo (dekking minus begroting): 0, 1.499 and -150."""
    lines = lines_of(annexes("begroting"))
    assert table_lines(lines, "Dekking 2021 2022 2023", "Saldo (dekking min begroting) 0 1.499 -150") == [
        "Dekking 2021 2022 2023",
        "regiobudget 3 1.000 6.000",
        "provincie 100",
        "Totaal dekking 1.000 6.000 100",
        "Totaal begroting 2022 1.000 4.501 † 250",
        "Saldo (dekking min begroting) 0 1.499 -150",
    ]
    assert table_lines(lines, "Overige vaste regioverrekeningen vanuit lokale middelen",
                       "bijeenkomst 30") == [
        "Overige vaste regioverrekeningen vanuit lokale middelen",
        "Omschrijving Gedeeld door 2021 2022 2023",
        "licenties 4 Z2 900 900",
        "platform AA 100",
        "bijeenkomst 30",
    ]


def test_negative_amounts_and_a_negative_saldo_are_red_and_nothing_else_is(annexes):
    """A reader spots a negative amount by its red colour: -500 and the saldo -150 must be red,
    and 0, 0,50 and every other figure black."""
    runs = runs_of(annexes("begroting"))
    red = [run.text for run in runs if run.red]
    assert red == ["-500", "-150"]
    saldo_y = next(run.y for run in runs if run.text == "Saldo (dekking min begroting)")
    saldo = [(run.text, run.red) for run in runs if abs(run.y - saldo_y) < 0.5]
    assert saldo == [("Saldo (dekking min begroting)", False), ("0", False), ("1.499", False),
                     ("-150", True)]


def test_markers_are_italic_and_totals_and_headings_bold(annexes):
    """PM, id. and doorlopend are words, not amounts: printed in italic; group headings,
    subtotals, totals and the saldo in bold, the lines themselves upright and regular."""
    runs = runs_of(annexes("begroting"))
    italic = [run.text for run in runs if run.italic]
    assert italic == ["PM", "PM", "id.", "doorlopend"]
    bold_rows = {run.text for run in runs if run.bold}
    for label in ("1. Netwerk", "2. Projecten", "Overig", "Subtotaal Netwerk", "Totaal begroting 2022",
                  "Totaal dekking", "Saldo (dekking min begroting)"):
        assert label in bold_rows, label
    for label in ("coördinatie", "correctie", "pilot", "reserve", "regiobudget", "licenties"):
        assert label not in bold_rows, label
    # The budget total is bold in the budget table, regular where the funding table repeats it.
    totals = runs_with(annexes("begroting"), "Totaal begroting 2022")
    assert [run.bold for run in totals] == [True, False]


def test_notes_are_numbered_in_reading_order_and_printed_at_the_foot_of_the_page(annexes):
    """Each toelichting (on a line, a cell, a funding source, a settlement) gets the next number,
    raised beside what it explains, and its text at the foot of the page under that number."""
    path = annexes("begroting")
    lines = lines_of(path)
    foot = lines[lines.index("Alleen voor Z2") - 7:lines.index("Alleen voor Z2") + 1]
    assert foot == ["1", "Zie besluit BOJ", "2", "Inclusief indexatie", "3", "Besluit 2021", "4",
                    "Alleen voor Z2"]
    runs = runs_of(path)
    line_y = next(run.y for run in runs if run.text == "coördinatie")
    marks = [run for run in runs if run.text in ("1", "2") and abs(run.y - line_y) < 5]
    assert [m.text for m in marks] == ["1", "2"]
    for mark in marks:
        assert mark.y > line_y + 2  # raised above the line
    name = next(run for run in runs if run.text == "coördinatie")
    amount = next(run for run in runs if run.text == "2.000,50")
    assert name.right < marks[0].left < amount.left  # 1 after the line's name
    assert amount.right < marks[1].left  # 2 after the 2022 amount
    footer = [run for run in runs if run.text in ("Zie besluit BOJ", "Alleen voor Z2")]
    assert all(run.y < 100 for run in footer)


def test_a_note_of_only_spaces_gets_no_number(small, tmp_path):
    """A toelichting left blank (spaces, a newline) must not print an empty numbered note:
    the next real note takes number 1."""
    ws, ids = small
    with ws.transaction() as s:
        s.get(BudgetLine, ids["coordinatie"]).note = "  \n "
    out = tmp_path / "b.pdf"
    build_pdf(ws, ids["plan"], "begroting", out, today=TODAY)
    lines = lines_of(out)
    assert "coördinatie 1.000 2.000,50 1 PM" in lines
    assert "regiobudget 2 1.000 6.000" in lines
    assert lines[lines.index("Inclusief indexatie") - 1] == "1"


def test_without_funding_sources_the_annex_says_so_and_the_saldo_is_minus_the_budget(small, tmp_path):
    """No dekking entered: the table must say "Geen dekking opgegeven" in italic, total 0 and
    a saldo equal to minus the budget (red where it is below zero)."""
    ws, ids = small
    with ws.transaction() as s:
        for source in s.query(FundingSource).all():
            s.delete(source)
        for settlement in s.query(FixedSettlement).all():
            s.delete(settlement)
    out = tmp_path / "b.pdf"
    build_pdf(ws, ids["plan"], "begroting", out, today=TODAY)
    lines = lines_of(out)
    assert table_lines(lines, "Dekking 2021 2022 2023", "Saldo (dekking min begroting) -1.000 -4.501 -250") == [
        "Dekking 2021 2022 2023",
        "Geen dekking opgegeven",
        "Totaal dekking 0 0 0",
        "Totaal begroting 2022 1.000 4.501 † 250",
        "Saldo (dekking min begroting) -1.000 -4.501 -250",
    ]
    assert [run.italic for run in runs_with(out, "Geen dekking opgegeven")] == [True]
    assert {run.text for run in runs_of(out) if run.red} == {"-500", "-1.000", "-4.501", "-250"}
    # Without settlements there is no table of them.
    assert not any("Overige vaste regioverrekeningen" in line for line in lines)


def test_the_project_column_names_the_linked_project_of_each_line(annexes):
    """With the project column, a line linked to a project shows its number between the text
    and the amounts; other lines and group rows leave it empty."""
    lines = lines_of(annexes("begroting", project_column=True))
    assert table_lines(lines, "Omschrijving Project 2021 2022 2023",
                       "Totaal begroting 2022 1.000 4.501 † 250") == [
        "Omschrijving Project 2021 2022 2023",
        "1. Netwerk",
        "coördinatie 1 1.000 2.000,50 2 PM",
        "correctie 0 -500",
        "kleine post 0,50 250",
        "Subtotaal Netwerk 1.000 1.501 † 250",
        "2. Projecten",
        "Proeftuinen",
        "proeftuin PM",
        "pilot 1.1.1 3.000 id.",
        "Overig",
        "reserve doorlopend",
        "Totaal begroting 2022 1.000 4.501 † 250",
    ]
    # The funding table has no project column.
    assert "Dekking 2021 2022 2023" in lines
    # The project column is as narrow as its heading; every figure stays under its year.
    runs = [run for run in runs_of(annexes("begroting", project_column=True)) if run.page == 0]
    heading = next(run for run in runs if run.text == "Project")
    years = {run.text: run for run in runs if run.text in ("2021", "2022", "2023") and run.y == heading.y}
    assert 60 < years["2021"].right - heading.x < 100  # about 40 pt for the project, 60 for 2021
    for label, figures in (("Subtotaal Netwerk", ("1.000", "1.501", "† 250")),
                           ("Totaal begroting 2022", ("1.000", "4.501", "† 250"))):
        row = next(run for run in runs if run.text == label)
        cells = sorted((run for run in runs if abs(run.y - row.y) < 0.5 and run is not row),
                       key=lambda r: r.left)
        assert [run.text for run in cells] == list(figures)
        for run, year in zip(cells, ("2021", "2022", "2023")):
            assert run.right == pytest.approx(years[year].right, abs=1.5), (label, year)


def test_chosen_years_only_and_their_notes_and_dagger(annexes):
    """With only 2021 and 2022 chosen, the 2023 column, its markers, the † and the markers'
    footnote must all be left out; notes keep numbering from 1."""
    lines = lines_of(annexes("begroting", years=[2022, 2021]))
    assert table_lines(lines, "Omschrijving 2021 2022", "Totaal begroting 2022 1.000 4.501") == [
        "Omschrijving 2021 2022",
        "1. Netwerk",
        "coördinatie 1 1.000 2.000,50 2",
        "correctie 0 -500",
        "kleine post 0,50",
        "Subtotaal Netwerk 1.000 1.501",
        "2. Projecten",
        "Proeftuinen",
        "proeftuin",
        "pilot 3.000",
        "Overig",
        "reserve",
        "Totaal begroting 2022 1.000 4.501",
    ]
    assert "Saldo (dekking min begroting) 0 1.499" in lines
    assert not any("†" in line for line in lines)


# =============================================================================================
# Bijdragen per gemeente
# =============================================================================================

def test_contributions_per_municipality_with_basis_share_and_whole_euros(annexes):
    """Each municipality's basis, share and contribution per year (whole euros adding up to
    the budget total; pilot is shared by Aastad and Beedorp only), then the total row."""
    lines = lines_of(annexes("bijdragen"))
    assert lines[2:14] == [
        "Bijdragen per gemeente",
        "Verdeelsleutel: Sleutel naar inwoners, naar Inwoners.",
        "Toelichting: Peildatum 1 januari 2021",
        "Per jaar wordt de begroting, min de dekking die niet van de gemeenten komt (het te verdelen "
        "bedrag), over de",
        "gemeenten verdeeld naar de sleutel; een post die door een deel van de gemeenten wordt gedragen "
        "(zoals H8) alleen",
        "over die gemeenten. Bedragen in hele euro's; de bijdragen tellen precies op tot het te verdelen "
        "bedrag.",
        # What the key splits: the budget minus the funding others pay (here none).
        "Te verdelen bedrag",
        "2021 2022 2023",
        "Begroting 1.000 4.501 250",
        "Min overige dekking (niet van de gemeenten) 0 0 0",
        "Te verdelen over de gemeenten 1.000 4.501 250",
        "Bijdragen aan de begroting",
    ]
    assert table_lines(lines, "Gemeente Basis Aandeel 2021 2022 2023",
                       "Totaal 10.000 100,00 % 1.000 4.501 250") == [
        "Gemeente Basis Aandeel 2021 2022 2023",
        # 2022: 1.501 over 50/30/20 % plus pilot 3.000 over Aastad and Beedorp (5.000 : 3.000).
        "Aastad 5.000 50,00 % 500 2.626 125",
        "Beedorp 3.000 30,00 % 300 1.575 75",
        "Ceeveen 2.000 20,00 % 200 300 50",
        "Totaal 10.000 100,00 % 1.000 4.501 250",
    ]
    runs = runs_of(annexes("bijdragen"))
    assert [run.bold for run in runs if run.text == "Sleutel naar inwoners"] == [True]


def test_fixed_settlements_name_who_shares_them_and_the_split_per_municipality(annexes):
    """The overige vaste regioverrekeningen: each with the set that shares it ("alle" when the
    whole region does), the members of each set used (in the region's order of sets, an unused
    set left out), and each municipality's part per year."""
    lines = lines_of(annexes("bijdragen"))
    assert table_lines(lines, "Overige vaste regioverrekeningen", "Totaal 0 1.030 900") == [
        "Overige vaste regioverrekeningen",
        "Omschrijving Gedeeld door 2021 2022 2023",
        "licenties 1 Z2 900 900",
        "platform AA 100",
        "bijeenkomst alle 30",
        # A set whose name starts with its code is named once; another gets its name added.
        "Z2 (zonder Ceeveen): Aastad, Beedorp.",
        "AA (Alleen Aastad): Aastad.",
        "Bijdragen aan de overige vaste regioverrekeningen",
        "Gemeente 2021 2022 2023",
        # 2022: licenties 900 over 5:3, platform 100 to Aastad, bijeenkomst 30 over all three.
        "Aastad 0 678 563",
        "Beedorp 0 346 337",
        "Ceeveen 0 6 0",
        "Totaal 0 1.030 900",
    ]
    assert not any("Niet gebruikt" in line for line in lines)
    assert lines[lines.index("Alleen voor Z2") - 1] == "1"


def test_a_percentage_key_is_described_in_percentages_without_a_basis_column(small, tmp_path):
    """A key typed in percentages: "in percentages", no Basis column, the typed shares, and no
    Toelichting line when the key has no note."""
    ws, ids = small
    with ws.transaction() as s:
        key = s.get(Plan, ids["plan"]).allocation_key
        key.method = KeyMethod.PERCENTAGE
        key.note = ""
        for share, percentage in zip(sorted(key.shares, key=lambda k: k.municipality.position),
                                     ("60.00", "25.00", "15.00")):
            share.percentage = D(percentage)
    out = tmp_path / "b.pdf"
    build_pdf(ws, ids["plan"], "bijdragen", out, years=[2021], today=TODAY)
    lines = lines_of(out)
    assert "Verdeelsleutel: Sleutel naar inwoners, in percentages." in lines
    assert not any(line.startswith("Toelichting") for line in lines)
    assert table_lines(lines, "Gemeente Aandeel 2021", "Totaal 100,00 % 1.000") == [
        "Gemeente Aandeel 2021",
        "Aastad 60,00 % 600",
        "Beedorp 25,00 % 250",
        "Ceeveen 15,00 % 150",
        "Totaal 100,00 % 1.000",
    ]


def test_a_key_without_basis_label_says_basisgetal(small, tmp_path):
    """A key by basis figure without a label for it is described as "naar basisgetal"."""
    ws, ids = small
    with ws.transaction() as s:
        s.get(Plan, ids["plan"]).allocation_key.basis_label = ""
    out = tmp_path / "b.pdf"
    build_pdf(ws, ids["plan"], "bijdragen", out, today=TODAY)
    assert "Verdeelsleutel: Sleutel naar inwoners, naar basisgetal." in lines_of(out)


def test_a_key_that_does_not_make_100_percent_shows_the_problem_instead_of_figures(small, tmp_path):
    """A percentage key adding up to 95 % cannot be used: the annex must say why and print no
    contributions at all."""
    ws, ids = small
    with ws.transaction() as s:
        key = s.get(Plan, ids["plan"]).allocation_key
        key.method = KeyMethod.PERCENTAGE
        for share, percentage in zip(sorted(key.shares, key=lambda k: k.municipality.position),
                                     ("60.00", "20.00", "15.00")):
            share.percentage = D(percentage)
    out = tmp_path / "b.pdf"
    build_pdf(ws, ids["plan"], "bijdragen", out, today=TODAY)
    lines = lines_of(out)
    body = lines[lines.index("Bijdragen per gemeente"):lines.index("Concept, afgedrukt op 01-06-2022")]
    assert body[:3] == ["Bijdragen per gemeente", "Verdeelsleutel: Sleutel naar inwoners, in percentages.",
                        "Toelichting: Peildatum 1 januari 2021"]
    assert " ".join(body[3:]) == ("Verdeelsleutel 'Sleutel naar inwoners' telt op tot 95,00 % in plaats "
                                  "van 100,00 %. Pas de percentages aan; Planbord normaliseert ze niet.")
    problem = [run for run in runs_of(out) if run.text.startswith("Verdeelsleutel 'Sleutel")]
    assert problem and all(run.italic for run in problem)
    assert_only_embedded_fonts(out)


def test_a_plan_without_key_says_there_are_no_contributions(small, tmp_path):
    """Without a verdeelsleutel the section must say so in italic, print nothing else, and keep
    its own page and footer."""
    ws, ids = small
    with ws.transaction() as s:
        s.get(Plan, ids["plan"]).allocation_key_id = None
    out = tmp_path / "b.pdf"
    result = build_pdf(ws, ids["plan"], "bijdragen", out, today=TODAY)
    lines = lines_of(out)
    assert result.pages == 1
    assert lines == ["Regio Zuid", TITLE, "Bijdragen per gemeente",
                     "Dit plan heeft geen verdeelsleutel; er zijn geen bijdragen te berekenen.",
                     "Concept, afgedrukt op 01-06-2022", "Bijdragen per gemeente", "Pagina 1", "van 1"]
    notice = runs_with(out, "Dit plan heeft geen verdeelsleutel; er zijn geen bijdragen te berekenen.")
    assert [(run.italic, colour_name(run.color)) for run in notice] == [(True, GREY)]
    assert_only_embedded_fonts(out)


# =============================================================================================
# Projectfiches
# =============================================================================================

SHEET_111 = [
    "1.1.1 Coördinatie netwerk",
    "Hoofdstuk 1.1 Netwerk",
    "Bestuurlijk opdrachtgever Wethouder Aastad",
    "Ambtelijk opdrachtgever Directeur Beedorp",
    "Opdrachtnemer Programmabureau Zuid",
    "Looptijd 01-01-2022 t/m 31-12-2022",
    "Status op koers",
    "Dagdelen per week 2 (0,2 fte); de tekst van het plan noemt 3",
    "Omschrijving",
    "Eerste regel",
    "Tweede regel & meer",
    "Te bereiken doelen",
    "• Alle partners kennen elkaar",
    "• Een gedeelde agenda",
    "Draagt bij aan de ambities van de regiovisie",
    "• Jeugdigen groeien veilig op",
    "Inspanningen",
    "Inspanning Eigenaar Afgesproken Status",
    "Startbijeenkomst houden Bureau 01-03-2022 behaald",
    "Partners uitnodigen Bureau 01-02-2022 behaald",
    "Agenda vaststellen Adviseur 01-05-2022 behaald",
    "Evaluatie schrijven Adviseur 01-04-2022 (te laat) in behandeling",
    "Rapport opleveren Bureau 31-12-2022 niet behaald",
    "Subsidie aanvragen Bureau 15-01-2022 (te laat) niet behaald",
    "Vervolg plannen onbekend",
    "Gekoppelde begrotingsposten",
    "Begrotingspost 2021 2022 2023",
    "pilot 3.000 id.",
    "Totaal 0 3.000 † 0",
]


def sheet_body(page: list[str]) -> list[str]:
    """A sheet page without its running header and footer."""
    return page[2:page.index("Concept, afgedrukt op 01-06-2022")]


def test_a_project_sheet_shows_roles_period_status_dagdelen_goals_actions_and_lines(annexes):
    """The sheet of 1.1.1: who answers for it, its period, status, dagdelen (with the different
    number the plan's text names), description as typed, goals, the ambitions it serves (not the
    others), its actions, and its budget line with the total († where a marker is left out)."""
    pages = page_lines(annexes("projecten"))
    assert sheet_body(pages[0]) == ["Projectfiches", *SHEET_111]
    assert pages[0][-3:] == ["Projectfiche 1.1.1 Coördinatie netwerk", "Pagina 1", "van 5"]
    assert not any("Minder wachtlijsten" in line for page in pages for line in page)


def test_each_project_has_a_sheet_of_its_own_with_only_what_it_has(annexes):
    """One page per project in number order; a project without description, goals, actions or
    budget lines shows only its facts, with the period as far as it is known."""
    pages = page_lines(annexes("projecten"))
    assert len(pages) == 5
    assert sheet_body(pages[1]) == [
        "1.2.1 Samen leren", "Hoofdstuk 1.2 Leren", "Bestuurlijk opdrachtgever",
        "Ambtelijk opdrachtgever", "Opdrachtnemer", "Looptijd 01-03-2022", "Status aandacht nodig",
        "Dagdelen per week 0 (0,0 fte)"]
    assert sheet_body(pages[2]) == [
        "2.1 Algemeen werk", "Hoofdstuk 2 Algemeen", "Bestuurlijk opdrachtgever",
        "Ambtelijk opdrachtgever", "Opdrachtnemer", "Looptijd", "Status achter op schema",
        "Dagdelen per week 0 (0,0 fte)", "Inspanningen", "Inspanning Eigenaar Afgesproken Status",
        "Jaarverslag Bureau 01-05-2022 (te laat) niet behaald"]
    assert sheet_body(pages[3])[5:7] == ["Looptijd 31-12-2021", "Status afgerond"]
    assert sheet_body(pages[4])[:1] + sheet_body(pages[4])[6:7] == ["2.3 Nog onbekend", "Status onbekend"]
    assert [page[-3] for page in pages] == [
        "Projectfiche 1.1.1 Coördinatie netwerk", "Projectfiche 1.2.1 Samen leren",
        "Projectfiche 2.1 Algemeen werk", "Projectfiche 2.2 Afgerond project",
        "Projectfiche 2.3 Nog onbekend"]


def test_project_and_action_statuses_carry_their_traffic_lights(annexes):
    """Each status is shown with its light: op koers and afgerond green, aandacht nodig orange,
    achter op schema red, onbekend grey; actions behaald green, in behandeling orange,
    niet behaald red, onbekend grey."""
    lights = lights_of(annexes("projecten"))
    assert lights == [
        (0, "op koers", GREEN),
        (0, "behaald", GREEN), (0, "behaald", GREEN), (0, "behaald", GREEN),
        (0, "in behandeling", ORANGE), (0, "niet behaald", RED), (0, "niet behaald", RED),
        (0, "onbekend", GREY),
        (1, "aandacht nodig", ORANGE),
        (2, "achter op schema", RED), (2, "niet behaald", RED),
        (3, "afgerond", GREEN),
        (4, "onbekend", GREY),
    ]


def test_an_overdue_action_shows_its_date_in_red_with_te_laat(annexes):
    """An action past its date and not achieved: "(te laat)" after the date, in red; the other
    dates black."""
    runs = runs_of(annexes("projecten"))
    red = [run.text for run in runs if run.red]
    assert red == ["01-04-2022 (te laat)", "15-01-2022 (te laat)", "01-05-2022 (te laat)"]
    assert not any(run.red for run in runs if run.text in ("01-03-2022", "31-12-2022"))


@pytest.mark.parametrize("stated, remark", [
    (D("2.0"), ""),  # the text agrees with the staffing table
    (None, ""),  # the text names no number
    (D("2.5"), "; de tekst van het plan noemt 2,5"),
])
def test_the_dagdelen_remark_appears_only_when_the_text_names_another_number(small, tmp_path, stated,
                                                                             remark):
    """The sheet names the plan text's number of dagdelen only when it differs from the
    staffing table's."""
    ws, ids = small
    with ws.transaction() as s:
        s.get(Project, ids["network"]).stated_half_days = stated
    out = tmp_path / "p.pdf"
    build_pdf(ws, ids["plan"], "projecten", out, chapters=[ids["ch11"]], today=TODAY)
    assert f"Dagdelen per week 2 (0,2 fte){remark}" in lines_of(out)


def test_the_sheet_shows_only_the_chosen_years_of_its_budget_lines(annexes):
    """With only 2022 chosen, the linked lines' table shows 2022 alone, without a †."""
    pages = page_lines(annexes("projecten", years=[2022], chapters=["ch11"]))
    body = [line for page in pages for line in page]
    assert table_lines(body, "Gekoppelde begrotingsposten", "Totaal 3.000") == [
        "Gekoppelde begrotingsposten", "Begrotingspost 2022", "pilot 3.000", "Totaal 3.000"]


# =============================================================================================
# Voortgangsrapportage
# =============================================================================================

def test_progress_overview_counts_actions_per_status_and_overdue(annexes):
    """The overview: per project its status and how many actions are behaald, in behandeling,
    niet behaald, onbekend and te laat; a dash for none."""
    lines = lines_of(annexes("voortgang"))
    assert lines[2:5] == ["Voortgangsrapportage", "Stand op 01-06-2022.", "Overzicht"]
    assert table_lines(lines, "1.1.1 Coördinatie netwerk op koers 3 1 2 1 2",
                       "2.3 Nog onbekend onbekend – – – – –") == [
        "1.1.1 Coördinatie netwerk op koers 3 1 2 1 2",
        "1.2.1 Samen leren aandacht nodig – – – – –",
        "2.1 Algemeen werk achter op schema – – 1 – 1",
        "2.2 Afgerond project afgerond – – – – –",
        "2.3 Nog onbekend onbekend – – – – –",
    ]


def test_progress_per_project_lists_actions_with_date_status_and_remark(annexes):
    """Under each project: its status with the number of overdue actions, then its actions with
    owner, date (te laat), status and remark; a project without actions says so."""
    lines = lines_of(annexes("voortgang"))
    start = lines.index("Status van het project: op koers; 2 inspanning(en) te laat") - 1
    end = lines.index("Concept, afgedrukt op 01-06-2022")
    assert lines[start:end] == [
        "1.1.1 Coördinatie netwerk",
        "Status van het project: op koers; 2 inspanning(en) te laat",
        "Inspanning Eigenaar Afgesproken Status Opmerking",
        "Startbijeenkomst houden Bureau 01-03-2022 behaald Goed bezocht",
        "Partners uitnodigen Bureau 01-02-2022 behaald",
        "Agenda vaststellen Adviseur 01-05-2022 behaald",
        "Evaluatie schrijven Adviseur 01-04-2022 (te laat) in behandeling",
        "Rapport opleveren Bureau 31-12-2022 niet behaald",
        "Subsidie aanvragen Bureau 15-01-2022 (te laat) niet behaald",
        "Vervolg plannen onbekend",
        "1.2.1 Samen leren",
        "Status van het project: aandacht nodig",
        "Geen inspanningen vastgelegd.",
        "2.1 Algemeen werk",
        "Status van het project: achter op schema; 1 inspanning(en) te laat",
        "Inspanning Eigenaar Afgesproken Status Opmerking",
        "Jaarverslag Bureau 01-05-2022 (te laat) niet behaald",
        "2.2 Afgerond project",
        "Status van het project: afgerond",
        "Geen inspanningen vastgelegd.",
        "2.3 Nog onbekend",
        "Status van het project: onbekend",
        "Geen inspanningen vastgelegd.",
    ]


def test_progress_lights_and_red_overdue_counts(annexes):
    """In the overview every project status has its light and a count of overdue actions is
    red; the actions below carry their own lights."""
    path = annexes("voortgang")
    lights = lights_of(path)
    assert lights[:5] == [(0, "op koers", GREEN), (0, "aandacht nodig", ORANGE),
                          (0, "achter op schema", RED), (0, "afgerond", GREEN), (0, "onbekend", GREY)]
    assert [colour for _page, _text, colour in lights[5:]] == [
        GREEN, GREEN, GREEN, ORANGE, RED, RED, GREY, RED]
    runs = runs_of(path)
    overview_y = {run.y for run in runs if run.text in ("1.1.1 Coördinatie netwerk", "2.1 Algemeen werk")}
    red_in_overview = [(run.text, round(run.y)) for run in runs if run.red and run.y in overview_y]
    assert [text for text, _y in red_in_overview] == ["2", "1"]  # the "te laat" column only
    notices = [run for run in runs if run.text == "Geen inspanningen vastgelegd."]
    assert len(notices) == 3 and all(run.italic for run in notices)


def test_progress_for_chosen_chapters_names_them_and_leaves_the_rest_out(annexes):
    """With chapters 1.2 and 2 chosen (in that order), the report names them and shows only
    their projects; a chapter without projects says there are none."""
    lines = lines_of(annexes("voortgang", chapters=["ch12", "ch2"]))
    assert "Stand op 01-06-2022. Hoofdstukken: 1.2 Leren; 2 Algemeen." in lines
    assert not any("1.1.1" in line for line in lines)
    assert sum(line.startswith(("1.2.1 Samen leren", "2.1 Algemeen werk", "2.2 Afgerond",
                                "2.3 Nog onbekend")) for line in lines) == 8  # overview + heading
    empty = lines_of(annexes("voortgang", chapters=["ch3"]))
    assert empty[2:] == ["Voortgangsrapportage", "Stand op 01-06-2022. Hoofdstukken: 3 Leeg.",
                         "Er zijn geen projecten in de gekozen hoofdstukken.",
                         "Concept, afgedrukt op 01-06-2022", "Voortgangsrapportage", "Pagina 1", "van 1"]
    sheets = lines_of(annexes("projecten", chapters=["ch3"]))
    assert sheets[2:] == ["Projectfiches", "Er zijn geen projecten in de gekozen hoofdstukken.",
                          "Concept, afgedrukt op 01-06-2022", "Projectfiches", "Pagina 1", "van 1"]
    assert_only_embedded_fonts(annexes("voortgang", chapters=["ch3"]))
    assert_only_embedded_fonts(annexes("projecten", chapters=["ch3"]))


def test_a_chapter_brings_its_paragraphs_projects_along(annexes):
    """Choosing chapter 1 prints the projects of 1.1 and 1.2, not those of chapter 2."""
    lines = lines_of(annexes("projecten,voortgang", chapters=["ch1"]))
    assert "Projectfiches en voortgang voor: 1 Uitvoering." in lines
    assert "Stand op 01-06-2022. Hoofdstukken: 1 Uitvoering." in lines
    assert any(line.startswith("1.1.1 Coördinatie netwerk op koers") for line in lines)
    assert any(line.startswith("1.2.1 Samen leren aandacht nodig") for line in lines)
    assert not any("Algemeen werk" in line or "Nog onbekend" in line for line in lines)


# =============================================================================================
# Grafieken
# =============================================================================================

A4_WIDTH, A4_HEIGHT = 595.2756, 841.8898
MM = 72 / 25.4
FRAME_LEFT = 20 * MM
FRAME_WIDTH = A4_WIDTH - 20 * MM - 18 * MM  # the margins of every annex page
FRAME_HEIGHT = A4_HEIGHT - 22 * MM - 20 * MM


def images_of(path: Path) -> list[tuple[int, float, float, float, float]]:
    """Every image drawn: (page, left, bottom, width, height) in points."""
    found = []
    document = pdfium.PdfDocument(str(path))
    try:
        for number, page in enumerate(document):
            for obj in page.get_objects():
                if obj.type == pdfium_raw.FPDF_PAGEOBJ_IMAGE:
                    left, bottom, right, top = obj.get_bounds()
                    found.append((number, left, bottom, right - left, top - bottom))
    finally:
        document.close()
    return found


def png(path: Path, size: tuple[int, int], transparent: bool = False) -> Path:
    from PIL import Image

    if transparent:
        image = Image.new("RGBA", size, (0, 0, 0, 0))
        image.paste((30, 90, 160, 255), (0, 0, size[0] // 2, size[1]))
    else:
        image = Image.new("RGB", size, (30, 90, 160))
    image.save(path)
    return path


def outline_titles(path: Path) -> list:
    def walk(items):
        return [walk(item) if isinstance(item, list) else item.title for item in items]
    return walk(PdfReader(path).outline)


def test_a_wide_chart_fills_the_page_width_with_its_shape_kept(annexes, tmp_path):
    """A wide chart is scaled to the width of the text area, its height in proportion."""
    chart = png(tmp_path / "breed.png", (800, 200))
    path = annexes("grafieken", charts=[("Begroting per jaar", chart)])
    ((page, left, _bottom, width, height),) = images_of(path)
    assert page == 0
    assert left == pytest.approx(FRAME_LEFT, abs=0.05)
    assert width == pytest.approx(FRAME_WIDTH, abs=0.05)
    assert height == pytest.approx(FRAME_WIDTH / 4, abs=0.05)


def test_two_tall_charts_share_a_page_each_at_42_percent_of_its_height(annexes, tmp_path):
    """A tall chart is as high as 42 % of the text area (two to a page), its width in
    proportion, centred on the page; both charts and their titles are on page 1."""
    first = png(tmp_path / "hoog1.png", (200, 800))
    second = png(tmp_path / "hoog2.png", (200, 800))
    path = annexes("grafieken", charts=[("Formatie", first), ("Dagdelen", second)])
    images = images_of(path)
    assert len(images) == 2 and len(PdfReader(path).pages) == 1
    for _page, left, _bottom, width, height in images:
        assert height == pytest.approx(0.42 * FRAME_HEIGHT, abs=0.05)
        assert width == pytest.approx(height / 4, abs=0.05)
        assert left == pytest.approx(FRAME_LEFT + (FRAME_WIDTH - width) / 2, abs=0.05)
    (top_image, lower_image) = sorted(images, key=lambda i: -i[2])
    runs = runs_of(path)
    formatie = next(run for run in runs if run.text == "Formatie")
    dagdelen = next(run for run in runs if run.text == "Dagdelen")
    # Each title stands right above its chart.
    assert 0 < formatie.y - (top_image[2] + top_image[4]) < 20
    assert 0 < dagdelen.y - (lower_image[2] + lower_image[4]) < 20
    assert outline_titles(path) == ["Grafieken", ["Formatie", "Dagdelen"]]


def test_a_transparent_chart_keeps_its_transparency(annexes, tmp_path):
    """A chart with a transparent background must stay transparent on paper (a soft mask),
    not turn black."""
    chart = png(tmp_path / "doorzichtig.png", (400, 200), transparent=True)
    path = annexes("grafieken", charts=[("Doorzichtig", chart)])
    page = PdfReader(path).pages[0]
    images = [x.get_object() for x in page["/Resources"]["/XObject"].values()
              if x.get_object()["/Subtype"] == "/Image"]
    assert len(images) == 1 and "/SMask" in images[0]


def test_an_unreadable_chart_is_named_on_paper_and_the_next_one_still_printed(annexes, tmp_path):
    """A chart file that is not an image: its title and a notice naming the file in italic,
    and the charts after it are still printed."""
    bad = tmp_path / "kapot.png"
    bad.write_bytes(b"geen plaatje")
    good = png(tmp_path / "goed.png", (400, 200))
    path = annexes("grafieken", charts=[("Kapotte grafiek", bad), ("Goede grafiek", good)])
    lines = lines_of(path)
    assert lines[2:6] == ["Grafieken", "Kapotte grafiek",
                          "Deze grafiek kon niet worden gelezen (kapot.png).", "Goede grafiek"]
    assert len(images_of(path)) == 1
    notice = runs_with(path, "Deze grafiek kon niet worden gelezen (kapot.png).")
    assert [(run.italic, colour_name(run.color)) for run in notice] == [(True, GREY)]
    heading = runs_with(path, "Kapotte grafiek")
    assert [run.bold for run in heading] == [True]
    assert_only_embedded_fonts(path)
    assert lines[-3] == "Grafieken"  # the footer names the section


def test_without_charts_the_section_says_so(annexes):
    """No charts given: one page with the section heading and an italic notice."""
    path = annexes("grafieken")
    assert lines_of(path) == ["Regio Zuid", TITLE, "Grafieken", "Er zijn geen grafieken meegegeven.",
                              "Concept, afgedrukt op 01-06-2022", "Grafieken", "Pagina 1", "van 1"]
    notice = runs_with(path, "Er zijn geen grafieken meegegeven.")
    assert [(run.italic, colour_name(run.color)) for run in notice] == [(True, GREY)]
    heading = runs_with(path, "Grafieken")[0]
    assert heading.bold and heading.y > 700
    assert_only_embedded_fonts(path)
    assert outline_titles(path) == ["Grafieken"]


# =============================================================================================
# The whole export: choices, contents, title page, footer, orientation, progress, cancelling
# =============================================================================================

@pytest.mark.parametrize("text, keys", [
    (" Voortgang , BEGROTING ,, ", ["begroting", "voortgang"]),
    (["grafieken", "bijdragen", "bijdragen"], ["bijdragen", "grafieken"]),
    ("projecten,formatie", ["formatie", "projecten"]),
])
def test_sections_are_read_loosely_and_printed_in_their_fixed_order(text, keys):
    """Section names in any case, with spaces, twice or in another order: printed once each, in
    the fixed order begroting, bijdragen, formatie, projecten, voortgang, monitor, grafieken."""
    assert parse_sections(text) == keys


@pytest.mark.parametrize("text, message", [
    ("begroting,overzicht,bijlage",
     "Onbekende onderdelen: overzicht, bijlage. Kies uit: wijzigingen, begroting, bijdragen, realisatie, "
     "afrekening, formatie, projecten, voortgang, monitor, grafieken."),
    (" , ", "Kies ten minste één onderdeel: wijzigingen, begroting, bijdragen, realisatie, afrekening, formatie, "
            "projecten, voortgang, monitor, grafieken."),
    ([], "Kies ten minste één onderdeel: wijzigingen, begroting, bijdragen, realisatie, afrekening, formatie, "
         "projecten, voortgang, monitor, grafieken."),
])
def test_wrong_sections_are_refused_with_the_choices_named(text, message):
    """Unknown or no sections: refused in Dutch, naming what can be chosen."""
    with pytest.raises(ReportError) as caught:
        parse_sections(text)
    assert caught.value.message == message


@pytest.mark.parametrize("years, message", [
    ([2030, 2019, 2022], "2019, 2030 zijn geen jaren van deze begroting; kies uit 2021, 2022, 2023."),
    ([2024], "2024 is geen jaar van deze begroting; kies uit 2021, 2022, 2023."),
    ([], "Kies ten minste één jaar."),
])
def test_years_outside_the_plan_are_refused_in_dutch(small_file, tmp_path, years, message):
    """Years the budget does not have: refused, naming them (one or more) and the plan's years;
    no file is written."""
    path, ids = small_file
    with open_workspace(path, read_only=True) as ws:
        with pytest.raises(ReportError) as caught:
            build_pdf(ws, ids["plan"], "begroting", tmp_path / "x.pdf", years=years)
    assert caught.value.message == message
    assert list(tmp_path.iterdir()) == []


def test_a_chapter_of_another_plan_is_refused(small_file, tmp_path):
    """A chosen chapter that is not (or no longer) in the plan is refused in Dutch."""
    path, ids = small_file
    with open_workspace(path, read_only=True) as ws:
        with pytest.raises(ReportError) as caught:
            build_pdf(ws, ids["plan"], "projecten", tmp_path / "x.pdf", chapters=[ids["ch1"], 99999])
    assert caught.value.message == "Een gekozen hoofdstuk hoort niet (meer) bij dit plan; kies opnieuw."
    assert list(tmp_path.iterdir()) == []


def test_the_title_page_names_the_plan_the_contents_the_chosen_chapters_and_years(annexes):
    """A PDF of several sections opens with the plan's title, region and status, the contents
    with the page of each section and sheet, and which chapters and years were chosen."""
    path = annexes("begroting,projecten", chapters=["ch12", "ch2"], years=[2023, 2022])
    pages = page_lines(path)
    first = pages[0]
    assert first[2:4] == [TITLE, "Regio Zuid · Concept, afgedrukt op 01-06-2022"]
    assert "Projectfiches en voortgang voor: 1.2 Leren; 2 Algemeen." in first
    assert "Jaren: 2022, 2023." in first
    assert first[-4:] == ["Concept, afgedrukt op 01-06-2022", "Inhoud", "Pagina 1", f"van {len(pages)}"]
    runs = [run for run in runs_of(path) if run.page == 0]
    entries = {}
    for run in runs:
        if run.text in ("Begroting 2022", "Projectfiches", "1.2.1 Samen leren", "2.1 Algemeen werk",
                        "2.2 Afgerond project", "2.3 Nog onbekend"):
            last = max((r for r in runs if abs(r.y - run.y) < 0.5), key=lambda r: r.right)
            entries[run.text] = int(last.text.split()[-1])  # the page number after the dots
    assert entries == {"Begroting 2022": 2, "Projectfiches": 3, "1.2.1 Samen leren": 3,
                       "2.1 Algemeen werk": 4, "2.2 Afgerond project": 5, "2.3 Nog onbekend": 6}
    assert pages[1][2] == "Begroting 2022" and pages[2][2:4] == ["Projectfiches", "1.2.1 Samen leren"]
    assert outline_titles(path) == ["Begroting 2022", "Projectfiches",
                                    ["1.2.1 Samen leren", "2.1 Algemeen werk", "2.2 Afgerond project",
                                     "2.3 Nog onbekend"]]
    info = PdfReader(path).metadata
    assert info.title == f"{TITLE} – Bijlagen"
    assert info.subject == "Bijlagen bij het uitvoeringsplan: begroting, projectfiches"
    assert info.author == "Regio Zuid"
    assert_only_embedded_fonts(path)


def test_the_title_page_names_no_chapters_or_years_when_all_are_printed(annexes):
    """Without a choice of chapters and with every year, the title page names neither; chosen
    chapters are not named when no section depends on them."""
    first = page_lines(annexes("begroting,bijdragen"))[0]
    assert not any(line.startswith(("Projectfiches en voortgang voor", "Jaren")) for line in first)
    first = page_lines(annexes("begroting,bijdragen", chapters=["ch2"]))[0]
    assert not any(line.startswith("Projectfiches en voortgang voor") for line in first)
    first = page_lines(annexes("begroting,voortgang", chapters=["ch2"]))[0]
    assert "Projectfiches en voortgang voor: 2 Algemeen." in first


def test_a_single_section_has_no_title_page_and_starts_on_page_one(annexes):
    """One section: no contents, the section's own heading on page 1, its name in the PDF's
    title and in the footer of every page."""
    path = annexes("bijdragen")
    pages = page_lines(path)
    assert len(pages) == 1 and pages[0][2] == "Bijdragen per gemeente"
    assert pages[0][-3] == "Bijdragen per gemeente"
    info = PdfReader(path).metadata
    assert info.title == f"{TITLE} – Bijdragen per gemeente"
    assert info.subject == "Bijlagen bij het uitvoeringsplan: bijdragen per gemeente"
    assert outline_titles(path) == ["Bijdragen per gemeente"]
    for section, heading in (("begroting", "Begroting 2022"), ("projecten", "Projectfiches"),
                             ("voortgang", "Voortgangsrapportage")):
        assert page_lines(annexes(section))[0][2] == heading


def test_each_section_of_a_combined_pdf_starts_on_a_new_page_with_its_name_in_the_footer(annexes):
    """Sections follow each other on new pages; the footer names the section of the page."""
    pages = page_lines(annexes("begroting,bijdragen,voortgang,grafieken"))
    assert [page[2] for page in pages] == [TITLE, "Begroting 2022",
                                          "Bijdragen per gemeente", "Voortgangsrapportage", "Grafieken"]
    assert [page[-3] for page in pages] == ["Inhoud", "Begroting", "Bijdragen per gemeente",
                                            "Voortgangsrapportage", "Grafieken"]


@pytest.mark.parametrize("status, adopted_on, adopted_by, line", [
    (PlanStatus.ADOPTED, date(2021, 11, 11), "BOJ", "Vastgesteld: BOJ 11-11-2021"),
    (PlanStatus.ADOPTED, None, "BOJ", "Vastgesteld: BOJ"),
    (PlanStatus.ADOPTED, date(2021, 11, 11), "", "Vastgesteld: 11-11-2021"),
    (PlanStatus.ADOPTED, None, "", "Vastgesteld"),
    (PlanStatus.DRAFT, date(2021, 11, 11), "BOJ", "Concept, afgedrukt op 01-06-2022"),
])
def test_the_footer_says_whether_the_plan_is_adopted_and_by_whom(small, tmp_path, status, adopted_on,
                                                                 adopted_by, line):
    """Every page's footer: "Vastgesteld" with who and when as far as known, or "Concept" with
    the day it was printed."""
    ws, ids = small
    with ws.transaction() as s:
        plan = s.get(Plan, ids["plan"])
        plan.status, plan.adopted_on, plan.adopted_by = status, adopted_on, adopted_by
    out = tmp_path / "b.pdf"
    build_pdf(ws, ids["plan"], "grafieken", out, today=TODAY)
    assert lines_of(out)[-4] == line


@pytest.mark.parametrize("last_year, sections, landscape", [
    (2024, "begroting", False),  # four years fit a portrait page
    (2025, "begroting", True),
    (2024, "bijdragen", False),
    (2025, "bijdragen", True),
    (2025, "projecten", False),  # sheets are always portrait
    (2025, "voortgang", False),
    (2025, "grafieken", False),
])
def test_more_than_four_years_are_printed_on_landscape_pages(small, tmp_path, last_year, sections,
                                                             landscape):
    """A budget or contribution table with five or more years is printed landscape; four fit a
    portrait page; the other sections stay portrait."""
    ws, ids = small
    with ws.transaction() as s:
        s.get(Plan, ids["plan"]).last_year = last_year
    out = tmp_path / "b.pdf"
    build_pdf(ws, ids["plan"], sections, out, today=TODAY, chapters=[ids["ch3"]])
    for page in PdfReader(out).pages:
        assert (page.mediabox.width > page.mediabox.height) is landscape


def test_a_combined_pdf_turns_to_landscape_only_for_the_wide_section(small, tmp_path):
    """Contents portrait, the five-year budget landscape, the progress report portrait again."""
    ws, ids = small
    with ws.transaction() as s:
        s.get(Plan, ids["plan"]).last_year = 2025
    out = tmp_path / "b.pdf"
    build_pdf(ws, ids["plan"], "begroting,voortgang", out, today=TODAY, chapters=[ids["ch3"]])
    shapes = [page.mediabox.width > page.mediabox.height for page in PdfReader(out).pages]
    assert len(shapes) >= 3 and not shapes[0] and all(shapes[1:-1]) and not shapes[-1]


def test_progress_is_reported_per_section_read_then_per_page_until_done(small_file, tmp_path):
    """The progress bar: first "Gegevens lezen: …" per section (0 %, then a share of the first
    15 %), then "Pagina's opmaken" from 15 % on, never backwards, and "Klaar" at 100 %."""
    path, ids = small_file
    seen = []
    with open_workspace(path, read_only=True) as ws:
        result = build_pdf(ws, ids["plan"], "projecten,begroting", tmp_path / "p.pdf", today=TODAY,
                           progress=lambda fraction, message: seen.append((fraction, message)))
    assert seen[:2] == [(0.0, "Gegevens lezen: Begroting"), (0.075, "Gegevens lezen: Projectfiches")]
    rest = seen[2:-1]
    assert rest and all(message == "Pagina's opmaken" for _f, message in rest)
    fractions = [fraction for fraction, _m in rest]
    assert fractions == sorted(fractions) and 0.15 <= fractions[0] and fractions[-1] < 1.0
    assert fractions[-1] > 0.9
    assert seen[-1] == (1.0, "Klaar")
    assert result.sections == ["begroting", "projecten"]
    assert result.path == tmp_path / "p.pdf"
    assert result.pages == len(PdfReader(tmp_path / "p.pdf").pages) == 7


def test_cancelling_while_reading_writes_nothing_and_reports_nothing(small_file, tmp_path):
    """Cancelled before anything is laid out: the export stops, leaves no file, and the
    progress bar is not moved."""
    path, ids = small_file
    seen = []
    with open_workspace(path, read_only=True) as ws:
        with pytest.raises(BuildCancelled):
            build_pdf(ws, ids["plan"], "begroting", tmp_path / "p.pdf", today=TODAY,
                      progress=lambda f, m: seen.append(m), cancelled=lambda: True)
    assert seen == [] and list(tmp_path.iterdir()) == []


def test_cancelling_after_the_first_section_is_read_stops_before_the_second(small_file, tmp_path):
    """The cancel button is looked at before each section is read: cancelled after the first,
    the second is never read and no file is left."""
    path, ids = small_file
    seen = []
    asked = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > 1

    with open_workspace(path, read_only=True) as ws:
        with pytest.raises(BuildCancelled):
            build_pdf(ws, ids["plan"], "begroting,bijdragen", tmp_path / "p.pdf", today=TODAY,
                      progress=lambda f, m: seen.append(m), cancelled=cancelled)
    assert seen == ["Gegevens lezen: Begroting"]
    assert list(tmp_path.iterdir()) == []


def test_a_failed_export_leaves_the_earlier_file_and_no_half_file(small_file, tmp_path, monkeypatch):
    """When laying out fails halfway, the earlier PDF stays as it was and no temporary file is
    left beside it."""
    from app.errors import UserError
    from app.reports import document

    path, ids = small_file
    out = tmp_path / "bijlage.pdf"
    out.write_bytes(b"eerdere export")

    def broken(self, story, *, with_contents):
        Path(self.filename).write_bytes(b"half")
        raise OSError("schijf vol")

    monkeypatch.setattr(document.AnnexDocument, "build_story", broken)
    with open_workspace(path, read_only=True) as ws:
        with pytest.raises(UserError) as caught:  # in Dutch (app.services.output_paths)
            build_pdf(ws, ids["plan"], "begroting", out, today=TODAY)
    assert caught.value.message == ("Planbord kon “bijlage.pdf” niet opslaan: een fout van het "
                                    "besturingssysteem (schijf vol).")
    assert out.read_bytes() == b"eerdere export"
    assert [p.name for p in tmp_path.iterdir()] == ["bijlage.pdf"]


# =============================================================================================
# User text and fonts: what was typed is what is printed, in an embedded font
# =============================================================================================

FALLBACK_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
needs_dejavu = pytest.mark.skipif(not FALLBACK_FONT.is_file(),
                                  reason="DejaVu Sans (fonts-dejavu-core) is not installed")


@pytest.fixture
def fresh_fonts(monkeypatch):
    """The fonts as a new process finds them: not yet registered, no fallback chosen yet, and no
    emoji font (one installed on the machine would draw the symbols these tests expect elsewhere)."""
    from app.reports import fonts

    monkeypatch.setattr(fonts, "_registered", False)
    monkeypatch.setattr(fonts, "_EMOJI_CANDIDATES", ())
    fonts._fallback_font.cache_clear()
    fonts._emoji_font.cache_clear()
    fonts._text_codes.cache_clear()
    fonts._widths.clear()
    yield fonts
    fonts._fallback_font.cache_clear()
    fonts._emoji_font.cache_clear()
    fonts._text_codes.cache_clear()
    fonts._widths.clear()


def typed_text_annex(small, tmp_path, line_name: str, sections: str = "begroting", **fields) -> Path:
    ws, ids = small
    with ws.transaction() as s:
        s.get(BudgetLine, ids["reserve"]).name = line_name
        project = s.get(Project, ids["learning"])
        for name, value in fields.items():
            setattr(project, name, value)
    out = tmp_path / "typed.pdf"
    build_pdf(ws, ids["plan"], sections, out, today=TODAY, chapters=[ids["ch12"]])
    return out


def font_chunks(path: Path, page: int) -> list[tuple[str, str]]:
    """The page's text as drawn, piece by piece: (text, font), e.g. ("✓", "DejaVuSans")."""
    chunks = []

    def visit(text, _cm, _tm, font, _size):
        if text.strip():
            chunks.append((text.strip(), str(font.get("/BaseFont", "")).split("+")[-1] if font else ""))

    PdfReader(path).pages[page].extract_text(visitor_text=visit)
    return chunks


VERA, VERA_BOLD, DEJAVU = "BitstreamVeraSans-Roman", "BitstreamVeraSans-Bold", "DejaVuSans"


@needs_dejavu
def test_symbols_the_text_font_lacks_are_set_in_the_fallback_font(small, tmp_path, fresh_fonts):
    """A ✓ or an emoji typed in a line's name, a project's title and description must print as a
    real glyph from the fallback font, the rest (é, €) in the embedded text font, and the text
    layer must keep every character as typed."""
    out = typed_text_annex(small, tmp_path, "Zorg ✓ klaar 😀 café €", "begroting,projecten",
                           title="Leren ✓ samen", description="Doel ☃ bereikt, één")
    budget = font_chunks(out, 1)
    start = budget.index(("Zorg", VERA))
    assert budget[start:start + 6] == [("Zorg", VERA), ("✓", DEJAVU), ("klaar", VERA), ("😀", DEJAVU),
                                       ("café €", VERA), ("doorlopend", "BitstreamVeraSans-Oblique")]
    sheet = font_chunks(out, 2)
    assert ("☃", DEJAVU) in sheet and ("bereikt, één", VERA) in sheet
    assert ("1.2.1 Leren", "BitstreamVeraSans-Bold") in sheet and ("✓", DEJAVU) in sheet
    text = "\n".join(lines_of(out))
    for typed in ("Zorg ✓ klaar 😀 café € doorlopend", "1.2.1 Leren ✓ samen", "Doel ☃ bereikt, één"):
        assert typed in text
    footer = sheet.index(("Projectfiche 1.2.1 Leren", VERA))  # drawn piece by piece
    assert sheet[footer:footer + 3] == [("Projectfiche 1.2.1 Leren", VERA), ("✓", DEJAVU),
                                        ("samen", VERA)]
    assert_only_embedded_fonts(out)


@needs_dejavu
def test_a_run_of_text_switches_font_only_where_the_glyph_demands(small, tmp_path, fresh_fonts):
    """Text around a symbol stays in the text font right up to the symbol: "ab✓✓cd é" is set as
    "ab" (text font), "✓✓" (fallback), "cd é" (text font)."""
    out = typed_text_annex(small, tmp_path, "ab✓✓cd é")
    chunks = font_chunks(out, 0)
    start = chunks.index(("ab", VERA))
    assert chunks[start:start + 3] == [("ab", VERA), ("✓✓", DEJAVU), ("cd é", VERA)]


def test_a_character_no_font_has_still_reaches_the_text_layer(small, tmp_path, fresh_fonts):
    """A character no font can draw (U+E000, U+10000, U+10401) prints as the placeholder □ (from
    the fallback font, or the text font's empty box without one) and is named at the end of the
    annex (issue 14), but copying or searching the PDF still finds it as typed, also beyond U+FFFF."""
    typed = "teken \ue000 en \U00010000 en \U00010401 klaar"
    out = typed_text_annex(small, tmp_path, typed)
    lines = lines_of(out)
    assert f"{typed} doorlopend" in lines
    chunks = font_chunks(out, 0)
    start = chunks.index(("teken", VERA))
    box = DEJAVU if FALLBACK_FONT.is_file() else VERA
    assert chunks[start:start + 7] == [("teken", VERA), ("\ue000", box), ("en", VERA), ("\U00010000", box),
                                       ("en", VERA), ("\U00010401", box), ("klaar", VERA)]
    note = " ".join(lines[lines.index(next(line for line in lines if line.startswith("□ staat"))):])
    assert "\ue000 (U+E000); \U00010000 (U+10000 linear b syllable b008 a); \U00010401 (U+10401" in note
    assert_only_embedded_fonts(out)


def test_without_any_fallback_font_a_symbol_still_prints_in_the_text_font(small, tmp_path, fresh_fonts,
                                                                          monkeypatch):
    """On a machine without DejaVu or Segoe (or with only an unreadable font file), a ✓ goes into
    the text font as its empty box and stays in the text layer; nothing fails."""
    broken = tmp_path / "kapot.ttf"
    broken.write_bytes(b"geen lettertype")
    monkeypatch.setattr(fresh_fonts, "_FALLBACK_CANDIDATES", (str(tmp_path / "weg.ttf"), str(broken)))
    out = typed_text_annex(small, tmp_path, "Zorg ✓ klaar")
    assert "Zorg ✓ klaar doorlopend" in lines_of(out)
    assert ("Zorg ✓ klaar", VERA) in font_chunks(out, 0)
    assert not any(font == DEJAVU for _text, font in font_chunks(out, 0))
    assert_only_embedded_fonts(out)


@needs_dejavu
def test_an_unreadable_font_file_is_skipped_for_the_next_candidate(small, tmp_path, fresh_fonts,
                                                                   monkeypatch):
    """The fallback font is the first usable one found: a missing or broken file is passed over."""
    broken = tmp_path / "kapot.ttf"
    broken.write_bytes(b"geen lettertype")
    monkeypatch.setattr(fresh_fonts, "_FALLBACK_CANDIDATES",
                        (str(tmp_path / "weg.ttf"), str(broken), str(FALLBACK_FONT)))
    out = typed_text_annex(small, tmp_path, "Zorg ✓ klaar")
    assert ("✓", DEJAVU) in font_chunks(out, 0)


def test_a_new_process_embeds_the_text_font_shipped_with_reportlab(small, tmp_path, fresh_fonts):
    """The first export of a session registers the text font from ReportLab's own folder (no
    system font assumed): Vera regular, bold and italic are embedded."""
    out = typed_text_annex(small, tmp_path, "reserve")
    names = {name.split("+")[-1] for name in fonts_used(out)}
    assert {"BitstreamVeraSans-Roman", "BitstreamVeraSans-Bold", "BitstreamVeraSans-Oblique"} <= names
    assert_only_embedded_fonts(out)


def test_control_characters_tabs_and_windows_newlines_are_cleaned(small, tmp_path):
    """Text pasted from elsewhere: a bell character disappears, a tab becomes a space, and
    Windows or old Mac line ends become plain new lines, in titles, descriptions and notes."""
    ws, ids = small
    with ws.transaction() as s:
        s.get(BudgetLine, ids["coordinatie"]).note = "Zie\tbesluit\x1f BOJ"
    out = typed_text_annex(small, tmp_path, "reserve", "begroting,projecten",
                           title="Samen\x07 leren\tnu",
                           description="Regel één\r\nRegel twee\rRegel drie\tmet tab\x00")
    lines = lines_of(out)
    assert "Zie besluit BOJ" in lines
    start = lines.index("Omschrijving", lines.index("Hoofdstuk 1.2 Leren"))
    assert lines[lines.index("Hoofdstuk 1.2 Leren") - 1] == "1.2.1 Samen leren nu"
    assert lines[start + 1:start + 4] == ["Regel één", "Regel twee", "Regel drie met tab"]
    assert "Projectfiche 1.2.1 Samen leren nu" in lines
    assert not any(char in line for line in lines for char in "\x00\x07\x1f\t\r")


def test_typed_markup_is_printed_as_text(small, tmp_path):
    """Characters that are markup to the PDF library (&, <, >) print as typed in headings,
    descriptions and table cells."""
    out = typed_text_annex(small, tmp_path, "a < b & c > d", "begroting,projecten",
                           title="Leren <b>vet</b> & meer", description="x < y & <i>z</i>")
    text = "\n".join(lines_of(out))
    assert "a < b & c > d doorlopend" in text
    assert "1.2.1 Leren <b>vet</b> & meer" in text
    assert "x < y & <i>z</i>" in text
    title = [run for run in runs_of(out) if run.page == 2 and "<b>vet</b>" in run.text and run.y > 700]
    assert title and all(run.bold for run in title)  # the sheet's title, bold as titles are


def test_a_long_name_wraps_at_spaces_and_an_overlong_word_is_cut_within_its_column(small, tmp_path):
    """A line name wider than the description column wraps onto more lines, words kept whole,
    and a single word wider than the column is cut into pieces; nothing runs into the amounts."""
    word = "Meerjarenonderzoeksprogrammabegrotingsaanvullingsreservering" * 2
    sentence = "jaarlijkse bijdrage aan de regionale samenwerking rond veilig thuis en wonen"
    out = typed_text_annex(small, tmp_path, f"{sentence} {word}")
    runs = runs_of(out)
    year_left = min(run.left for run in runs if run.text == "2021")
    pieces = [run for run in runs if run.left < year_left and run.y < next(
        r.y for r in runs if r.text == "Overig") and run.y > next(
        r.y for r in runs if r.text == "Totaal begroting 2022")]
    assert len(pieces) >= 4
    assert all(run.right < year_left for run in pieces)
    assert " ".join(run.text for run in pieces) == f"{sentence} " + " ".join(
        piece.text for piece in pieces if not piece.text.count(" ") and piece.text in word)
    assert "".join(run.text for run in pieces if run.text in word) == word
    # Words are never cut where they fit: every piece of the sentence is whole words.
    sentence_pieces = [run.text for run in pieces if run.text not in word]
    assert " ".join(sentence_pieces) == sentence
    assert len(sentence_pieces) >= 1


def test_a_long_note_wraps_beside_its_number_within_the_page(small, tmp_path):
    """A long toelichting is printed at the foot in several lines, all starting beside its
    number (which hangs to the left) and none running past the right margin."""
    ws, ids = small
    note = " ".join(["Deze toelichting is bewust heel lang gemaakt"] * 8)
    with ws.transaction() as s:
        s.get(BudgetLine, ids["coordinatie"]).note = note
        s.get(BudgetCell, s.query(BudgetCell).filter_by(line_id=ids["coordinatie"], year=2022)
              .one().id).note = ""
    out = tmp_path / "b.pdf"
    build_pdf(ws, ids["plan"], "begroting", out, today=TODAY, years=[2022])
    runs = [run for run in runs_of(out) if run.y < 200 and run.y > 45]
    number = next(run for run in runs if run.text == "1")
    body = [run for run in runs if run.text in note and run is not number]
    assert len(body) >= 3
    assert " ".join(run.text for run in sorted(body, key=lambda r: -r.y)) == note
    assert all(run.x == pytest.approx(FRAME_LEFT + 12, abs=0.05) for run in body)  # hanging indent
    assert number.x == pytest.approx(FRAME_LEFT, abs=0.05)
    assert max(run.right for run in body) <= FRAME_LEFT + FRAME_WIDTH + 0.5
    lines = sorted((run.y for run in body), reverse=True)
    assert all(upper - lower == pytest.approx(8.6, abs=0.05) for upper, lower in zip(lines, lines[1:]))
    first = max(body, key=lambda r: r.y)
    assert abs(first.y - number.y) < 0.5  # the number stands beside the note's first line


# =============================================================================================
# Columns: figures right-aligned under their year, narrow columns hugging their figures,
# the year columns of a section's tables lined up
# =============================================================================================

def same_edge(values, tolerance: float = 1.0) -> bool:
    values = list(values)
    return bool(values) and max(values) - min(values) <= tolerance


def test_year_columns_line_up_across_the_budget_funding_and_settlement_tables(annexes):
    """The 2021, 2022 and 2023 columns of the budget, the dekking and the settlements stand at
    the same place, every figure right-aligned under its year, each column at least 60 pt wide,
    and the description column takes the rest of the width."""
    runs = [run for run in runs_of(annexes("begroting")) if run.page == 0]
    headers = {year: [run for run in runs if run.text == year and run.left > 300]
               for year in ("2021", "2022", "2023")}
    assert all(len(found) == 3 for found in headers.values())  # one per table
    rights = {}
    for year, found in headers.items():
        assert same_edge((run.right for run in found), 0.3), year
        rights[year] = found[0].right
    assert rights["2022"] - rights["2021"] >= 59.5 and rights["2023"] - rights["2022"] >= 59.5
    assert rights["2023"] == pytest.approx(FRAME_LEFT + FRAME_WIDTH - 4, abs=1)
    columns = {"2021": ["1.000", "0", "1.000", "1.000", "1.000", "1.000", "1.000", "0"],
               "2022": ["2.000,50", "-500", "0,50", "1.501", "3.000", "4.501", "6.000", "6.000",
                        "4.501", "1.499", "900", "100", "30"],
               "2023": ["PM", "250", "† 250", "id.", "PM", "doorlopend", "† 250", "100", "100", "† 250",
                        "-150", "900"]}
    for year, texts in columns.items():
        below = [run for run in runs if run.text in texts and run.y < headers[year][0].y
                 and abs(run.right - rights[year]) < 25]
        assert sorted(run.text for run in below) == sorted(texts), year
        assert same_edge([run.right for run in below] + [rights[year]], 1.5), year


def test_the_key_table_packs_basis_and_share_beside_the_years(annexes):
    """In the contributions table the basis and share figures are right-aligned and their
    columns as narrow as their widest text; the municipality column takes the rest."""
    runs = [run for run in runs_of(annexes("bijdragen")) if run.page == 0]
    top = next(run.y for run in runs if run.text == "Gemeente")
    bottom = next(run.y for run in runs if run.text == "Totaal")
    table = [run for run in runs if bottom - 0.5 <= run.y <= top + 0.5]
    basis = [run for run in table if run.text in ("Basis", "5.000", "3.000", "2.000", "10.000")]
    share = [run for run in table if run.text == "Aandeel" or run.text.endswith("%")]
    first_year = next(run for run in table if run.text == "2021")
    years = [run for run in table if run.text in ("2021", "500", "300", "200", "1.000")
             and abs(run.right - first_year.right) < 30]
    assert len(basis) == 5 and len(share) == 5 and len(years) == 5
    for column in (basis, share, years):
        assert same_edge(run.right for run in column)
    # Two paddings (4 pt each) between the widest basis figure and the widest share.
    assert min(run.left for run in share) - max(run.right for run in basis) == pytest.approx(8, abs=1.5)
    assert min(run.left for run in years) > max(run.right for run in share)
    names = [run for run in table if run.text in ("Gemeente", "Aastad", "Beedorp", "Ceeveen", "Totaal")]
    assert same_edge((run.x for run in names), 0.2)  # left-aligned
    assert min(run.left for run in basis) - max(run.right for run in names) > 150


def test_a_wrapped_name_has_its_set_and_project_on_its_last_line_beside_the_amounts(small, tmp_path):
    """When a settlement's or budget line's name wraps, the set that shares it and the linked
    project's number stand on its last line, beside the amounts, in narrow columns."""
    ws, ids = small
    long = "gezamenlijke licenties voor het registratiesysteem van alle teams in de regio"
    with ws.transaction() as s:
        s.query(FixedSettlement).filter_by(name="licenties").one().name = long
        s.get(BudgetLine, ids["pilot"]).name = long
    out = tmp_path / "b.pdf"
    build_pdf(ws, ids["plan"], "begroting,bijdragen", out, today=TODAY, project_column=True)
    runs = runs_of(out)
    for page, code, amount in ((1, "1.1.1", "3.000"), (1, "Z2", "900"), (2, "Z2", "900")):
        on_page = [run for run in runs if run.page == page]
        mark = next(run for run in on_page if run.text == code)
        figure = next(run for run in on_page if run.text == amount and abs(run.y - mark.y) < 0.5)
        first_line = [run for run in on_page if run.text.startswith("gezamenlijke")]
        assert first_line and first_line[0].y > mark.y + 5  # the name's first line is above
        assert figure.right > mark.right
    # "Gedeeld door" is as wide as its heading: the code starts where the heading starts.
    for page in (1, 2):
        on_page = [run for run in runs if run.page == page]
        heading = next(run for run in on_page if run.text == "Gedeeld door")
        first_year = min((run for run in on_page if run.text == "2021" and abs(run.y - heading.y) < 0.5),
                         key=lambda r: r.left)
        codes = [run for run in on_page if run.text in ("Z2", "AA", "alle")]
        assert codes and all(abs(run.x - heading.x) < 0.3 for run in codes)
        assert first_year.left - heading.right < 50


def test_progress_counts_are_centred_under_their_status(annexes):
    """In the overview every count (or dash) stands centred under its column's heading."""
    runs = [run for run in runs_of(annexes("voortgang")) if run.page == 0]
    header_y = next(run.y for run in runs if run.text == "Project")
    rows = [next(run.y for run in runs if run.text == name) for name in
            ("1.1.1 Coördinatie netwerk", "1.2.1 Samen leren", "2.1 Algemeen werk")]
    headings = sorted((run for run in runs if abs(run.y - header_y) < 0.5 and run.text in
                       ("behaald", "in", "niet", "onbekend", "te laat")), key=lambda r: r.left)
    assert [run.text for run in headings] == ["behaald", "in", "niet", "onbekend", "te laat"]
    for y in rows:
        counts = sorted((run for run in runs if abs(run.y - y) < 0.5 and run.left > headings[0].left - 5),
                        key=lambda r: r.left)
        assert len(counts) == 5
        for count, heading in zip(counts, headings):
            column = [r for r in runs if abs(r.center - heading.center) < 15 and header_y - 30 < r.y <= header_y]
            widest = max(column, key=lambda r: r.right - r.left)
            assert count.center == pytest.approx(widest.center, abs=1.0), (count.text, heading.text)


# =============================================================================================
# Rules, shaded rows and indents: how a reader tells groups, subtotals and totals apart
# =============================================================================================

@dataclass
class Shape:
    page: int
    bottom: float
    top: float
    left: float
    right: float
    stroke: float  # the line width of a rule; 0 for a filled band
    color: tuple[int, int, int]

    @property
    def middle(self) -> float:
        return (self.bottom + self.top) / 2


def shapes_of(path: Path) -> tuple[list[Shape], list[Shape]]:
    """The page-wide horizontal rules and the filled bands (shaded rows) of every page."""
    return _shapes_of(str(path), path.stat().st_mtime_ns)


@functools.lru_cache(maxsize=8)
def _shapes_of(path: str, _mtime: int) -> tuple[list[Shape], list[Shape]]:
    rules, bands = [], []
    document = pdfium.PdfDocument(path)
    try:
        for number, page in enumerate(document):
            for obj in page.get_objects():
                if obj.type != pdfium_raw.FPDF_PAGEOBJ_PATH:
                    continue
                left, bottom, right, top = obj.get_bounds()
                if right - left < 300:
                    continue
                width = ctypes.c_float()
                pdfium_raw.FPDFPageObj_GetStrokeWidth(obj.raw, width)
                fill, stroke = ctypes.c_int(), ctypes.c_int()
                pdfium_raw.FPDFPath_GetDrawMode(obj.raw, fill, stroke)
                r, g, b, a = (ctypes.c_uint() for _ in range(4))
                pdfium_raw.FPDFPageObj_GetFillColor(obj.raw, r, g, b, a)
                if stroke.value:
                    rules.append(Shape(number, bottom, top, left, right, round(width.value, 2),
                                       (r.value, g.value, b.value)))
                elif fill.value:
                    bands.append(Shape(number, bottom, top, left, right, 0.0, (r.value, g.value, b.value)))
    finally:
        document.close()
    return rules, bands


def row_decoration(path: Path, text: str, occurrence: int = 0, page: int = 0):
    """For the table row whose first cell reads ``text``: the rules just above it (widths), the
    rules just below it (widths), and whether it is shaded ("band", "subtle" or None)."""
    run = [r for r in runs_of(path) if r.page == page and r.text == text][occurrence]
    rules, bands = shapes_of(path)
    above = sorted(rule.stroke for rule in rules if rule.page == page and 0 < rule.middle - run.y < 11)
    below = sorted(rule.stroke for rule in rules if rule.page == page and 0 < run.y - rule.middle < 6)
    shade = [band for band in bands if band.page == page and band.bottom < run.y < band.top]
    kind = None
    if shade:
        (band,) = shade
        kind = "subtle" if min(band.color) > 240 else "band"
    return above, below, kind


def test_budget_rows_are_set_apart_by_bands_rules_and_indents(annexes):
    """Top-level groups sit on a shaded band, a subtotal on a lighter one with a thin rule
    above, the total between a rule above and a double rule below; nested groups and lines are
    indented a step further than the group they are in."""
    path = annexes("begroting")
    assert row_decoration(path, "1. Netwerk") == ([0.9], [], "band")  # under the header rule
    assert row_decoration(path, "2. Projecten") == ([], [], "band")
    assert row_decoration(path, "Overig") == ([], [], "band")
    assert row_decoration(path, "Proeftuinen") == ([], [], None)
    assert row_decoration(path, "coördinatie") == ([], [], None)
    assert row_decoration(path, "Subtotaal Netwerk") == ([0.4], [], "subtle")
    assert row_decoration(path, "Totaal begroting 2022") == ([0.8], [0.6, 0.6], None)
    assert row_decoration(path, "Totaal dekking") == ([0.4], [], None)
    assert row_decoration(path, "Totaal begroting 2022", 1) == ([], [0.8], None)  # the saldo's rule
    assert row_decoration(path, "Saldo (dekking min begroting)") == ([0.8], [0.6, 0.6], None)
    runs = {run.text: run.x for run in runs_of(path) if run.page == 0}
    step = runs["coördinatie"] - runs["1. Netwerk"]
    assert step == pytest.approx(10, abs=0.2)
    assert runs["Proeftuinen"] - runs["2. Projecten"] == pytest.approx(step, abs=0.2)
    assert runs["proeftuin"] - runs["Proeftuinen"] == pytest.approx(step, abs=0.2)
    assert runs["pilot"] == pytest.approx(runs["Proeftuinen"], abs=0.2)
    assert runs["Subtotaal Netwerk"] == pytest.approx(runs["1. Netwerk"], abs=0.2)
    assert runs["Totaal begroting 2022"] == pytest.approx(runs["1. Netwerk"], abs=0.2)
    # A little space above every top-level group but the first, and above the total.
    y: dict[str, float] = {}
    for run in runs_of(path):
        y.setdefault(run.text, run.y)  # the first of each text: the budget table's
    assert y["1. Netwerk"] - y["coördinatie"] == pytest.approx(15.3, abs=0.1)  # one row
    assert y["Omschrijving"] - y["1. Netwerk"] == pytest.approx(15.3, abs=0.1)  # none above the first
    assert y["Subtotaal Netwerk"] - y["2. Projecten"] == pytest.approx(15.3 + 6, abs=0.1)
    assert y["reserve"] - y["Totaal begroting 2022"] == pytest.approx(15.3 + 4, abs=0.1)


def test_contribution_totals_stand_between_a_rule_and_a_double_rule(annexes):
    """The total of the contributions and of the settlements' split: bold, with a rule above
    and a double rule below."""
    path = annexes("bijdragen")
    assert row_decoration(path, "Totaal", 0) == ([0.8], [0.6, 0.6], None)
    assert row_decoration(path, "Totaal", 1) == ([0.8], [0.6, 0.6], None)
    totals = runs_with(path, "Totaal")
    assert len(totals) == 2 and all(run.bold for run in totals)
    for figure in ("10.000", "100,00 %", "1.030"):
        assert all(run.bold for run in runs_with(path, figure))
    assert not any(run.bold for run in runs_with(path, "5.000"))


def test_the_sheet_total_of_linked_lines_is_bold_under_a_rule(annexes):
    """On a project sheet the total of the linked budget lines is bold under a rule."""
    path = annexes("projecten")
    assert row_decoration(path, "Totaal") == ([0.8], [], None)
    assert all(run.bold for run in runs_with(path, "Totaal"))
    assert [run.italic for run in runs_with(path, "id.")] == [True]


# =============================================================================================
# More of what each section shows
# =============================================================================================

def test_the_funding_table_has_its_own_heading(annexes):
    """Below the budget the annex starts the funding part with the heading "Dekking"."""
    lines = lines_of(annexes("begroting"))
    assert lines[lines.index("Dekking 2021 2022 2023") - 1] == "Dekking"
    heading = [run for run in runs_with(annexes("begroting"), "Dekking") if run.x < 58]
    assert len(heading) == 1 and heading[0].bold and colour_name(heading[0].color) != GREY


def test_bookmarks_list_each_project_under_its_section(annexes):
    """The PDF's bookmarks: the sheets and the progress report each list their projects."""
    assert outline_titles(annexes("projecten,voortgang", chapters=["ch2"])) == [
        "Projectfiches", ["2.1 Algemeen werk", "2.2 Afgerond project", "2.3 Nog onbekend"],
        "Voortgangsrapportage", ["2.1 Algemeen werk", "2.2 Afgerond project", "2.3 Nog onbekend"]]


def test_the_sheet_facts_are_grey_labels_with_their_values_beside_them(annexes):
    """On a sheet the fact labels are grey and their values black, the values in one column
    48 mm from the left margin."""
    path = annexes("projecten")
    runs = [run for run in runs_of(path) if run.page == 0]
    labels = [run for run in runs if run.text in ("Bestuurlijk opdrachtgever", "Ambtelijk opdrachtgever",
                                                  "Opdrachtnemer", "Looptijd", "Status",
                                                  "Dagdelen per week")
              and run.y > next(r.y for r in runs if r.text == "Omschrijving")]
    assert len(labels) == 6 and all(colour_name(run.color) == GREY for run in labels)
    values = [run for run in runs if run.text in ("Wethouder Aastad", "Directeur Beedorp",
                                                  "Programmabureau Zuid", "01-01-2022 t/m 31-12-2022")]
    assert len(values) == 4 and all(run.color == (0, 0, 0) for run in values)
    assert all(run.x == pytest.approx(FRAME_LEFT + 48 * MM + 4, abs=0.2) for run in values)
    assert all(run.x == pytest.approx(FRAME_LEFT + 4, abs=0.2) for run in labels)
    # The facts have no heading row (no rule, no empty line above them).
    assert row_decoration(path, "Bestuurlijk opdrachtgever") == ([], [], None)
    chapter = next(run for run in runs if run.text == "Hoofdstuk 1.1 Netwerk")
    assert chapter.y - labels[0].y < 20
    assert_only_embedded_fonts(path)
    assert_only_embedded_fonts(annexes("voortgang"))


def test_the_actions_table_keeps_dates_and_statuses_on_one_line_and_wraps_a_long_owner(small, tmp_path):
    """In the actions table the date and status never wrap, a long owner wraps within about
    3 cm, and the description takes the room that is left."""
    ws, ids = small
    with ws.transaction() as s:
        action = s.query(Action).filter_by(description="Jaarverslag").one()
        action.owner = "Afdeling Beleid en Strategie van de gemeente Aastad"
    out = tmp_path / "p.pdf"
    build_pdf(ws, ids["plan"], "projecten", out, chapters=[ids["ch2"]], today=TODAY)
    runs = [run for run in runs_of(out) if run.page == 0]
    date = next(run for run in runs if run.text == "01-05-2022 (te laat)")
    owner = [run for run in runs if run.left < date.left and run.left > 150 and run.y <= date.y + 0.5
             and run.y > date.y - 40]
    assert len(owner) >= 2  # wrapped
    assert " ".join(run.text for run in sorted(owner, key=lambda r: -r.y)) == \
        "Afdeling Beleid en Strategie van de gemeente Aastad"
    assert max(run.right for run in owner) - min(run.x for run in owner) <= 30 * MM - 8 + 0.5
    status = next(run for run in runs if run.text == "niet behaald")
    assert abs(status.y - date.y) < 0.5 or status.y > date.y  # on the action's first line
    description = next(run for run in runs if run.text == "Jaarverslag")
    assert description.x == pytest.approx(FRAME_LEFT + 4, abs=0.2)
    heading = {run.text: run for run in runs if run.bold and run.text in
               ("Inspanning", "Eigenaar", "Afgesproken", "Status")}
    assert heading["Eigenaar"].x == pytest.approx(min(run.x for run in owner), abs=0.2)
    assert heading["Afgesproken"].x == pytest.approx(date.x, abs=0.2)
    # The date column is exactly as wide as its longest date: the status follows 8 pt after it.
    assert status.x - date.right == pytest.approx(8 + 9, abs=1.5)  # padding and the light's room


def test_a_short_rule_separates_the_notes_from_the_text(annexes):
    """Above the notes at the foot of a page a short rule (5 cm) is drawn, once."""
    document = pdfium.PdfDocument(str(annexes("begroting")))
    try:
        rules, widths = [], []
        for obj in document[0].get_objects():
            if obj.type == pdfium_raw.FPDF_PAGEOBJ_PATH:
                left, bottom, right, top = obj.get_bounds()
                if 100 < right - left < 200:
                    rules.append((left, bottom, right, top))
                    width = ctypes.c_float()
                    pdfium_raw.FPDFPageObj_GetStrokeWidth(obj.raw, width)
                    widths.append(round(width.value, 2))
    finally:
        document.close()
    assert widths == [0.5]  # a hairline
    runs = runs_of(annexes("begroting"))
    first_note = next(run for run in runs if run.text == "Zie besluit BOJ")
    assert len(rules) == 1
    left, bottom, right, top = rules[0]
    assert right - left == pytest.approx(50 * MM, abs=1.5)
    assert left == pytest.approx(FRAME_LEFT, abs=1)
    # The rule 3 pt below the notes' top, the first note's line (8,6 pt) below 9 pt of room.
    assert (bottom + top) / 2 - first_note.y == pytest.approx(9 + 8.6 - 3 - 0.5, abs=0.2)
    # Notes end at the bottom margin: the last one's baseline 1,2 pt (the gap after a note)
    # plus 0,5 pt above it; one line (8,6 pt) plus that gap between two notes.
    numbers = sorted((run for run in runs if run.page == 0 and run.text in "1234" and run.y < 100),
                     key=lambda r: -r.y)
    assert [run.text for run in numbers] == ["1", "2", "3", "4"]
    notes = [run for run in runs if run.page == 0 and run.text in
             ("Zie besluit BOJ", "Inclusief indexatie", "Besluit 2021", "Alleen voor Z2")]
    assert all((run.size, run.color) == (7.0, (0, 0, 0)) for run in numbers + notes) and len(notes) == 4
    assert numbers[-1].y == pytest.approx(20 * MM + 1.2 + 0.5, abs=0.1)
    for upper, lower in zip(numbers, numbers[1:]):
        assert upper.y - lower.y == pytest.approx(8.6 + 1.2, abs=0.05)


def test_a_chapter_chosen_twice_is_named_once(annexes):
    """Choosing the same chapter twice prints its projects and its name once."""
    lines = lines_of(annexes("projecten,voortgang", chapters=["ch2", "ch2"]))
    assert "Projectfiches en voortgang voor: 2 Algemeen." in lines
    assert "Stand op 01-06-2022. Hoofdstukken: 2 Algemeen." in lines
    assert sum(line == "2.1 Algemeen werk" for line in lines) == 3  # contents, sheet, progress


def test_a_chapter_s_subtree_holds_its_paragraphs_and_nothing_after_them(small_file):
    """The chapters printed for a chosen chapter: itself and its paragraphs (any depth), not
    the next chapter at the same or a higher level."""
    from app.services.report_data import chapter_subtree, load_chapters

    path, ids = small_file
    with open_workspace(path, read_only=True) as ws:
        chapters = load_chapters(ws, ids["plan"])
    assert [c.label for c in chapters] == ["1 Uitvoering", "1.1 Netwerk", "1.2 Leren", "2 Algemeen",
                                           "3 Leeg"]
    assert chapter_subtree(chapters, ids["ch1"]) == {ids["ch1"], ids["ch11"], ids["ch12"]}
    assert chapter_subtree(chapters, ids["ch11"]) == {ids["ch11"]}
    assert chapter_subtree(chapters, ids["ch12"]) == {ids["ch12"]}
    assert chapter_subtree(chapters, ids["ch2"]) == {ids["ch2"]}
    assert chapter_subtree(chapters, 99999) == set()


# =============================================================================================
# Page breaks: a total is never left alone at the top of a page
# =============================================================================================

def funding_pages(small_file, tmp_path, extra: int) -> list[list[str]]:
    """The budget annex of the small plan with ``extra`` more funding sources of € 1 (2022)."""
    path, ids = small_file
    copy = tmp_path / f"bronnen-{extra}.planbord"
    shutil.copyfile(path, copy)
    with open_workspace(copy) as ws:
        with ws.transaction() as s:
            for number in range(1, extra + 1):
                source = FundingSource(plan_id=ids["plan"], position=10 + number, name=f"bron {number}")
                s.add(source)
                s.flush()
                s.add(FundingAmount(source_id=source.id, year=2022, amount=D("1.00")))
        out = tmp_path / f"bronnen-{extra}.pdf"
        build_pdf(ws, ids["plan"], "begroting", out, today=TODAY)
    return page_lines(out)


FUNDING_TOTALS = ("Totaal dekking", "Totaal begroting 2022", "Saldo (dekking min begroting)")


def test_the_funding_totals_and_saldo_move_to_the_next_page_together(small_file, tmp_path):
    """When the dekking runs over a page, its total, the budget total and the saldo are kept
    together: none of them is printed alone at the top of the next page."""
    pages = funding_pages(small_file, tmp_path, 40)
    fitting = sum(line.startswith(("regiobudget", "provincie", "bron ")) for line in pages[0])
    assert 10 < fitting < 40  # the table runs over the page
    # One or two sources fewer than fit: the totals would otherwise be split over two pages.
    for extra in (fitting - 3, fitting - 4):
        pages = funding_pages(small_file, tmp_path, extra)
        where = [[i for i, page in enumerate(pages)
                  if any(line.startswith(total) for line in page[page.index("Dekking 2021 2022 2023"):]
                         if "Dekking 2021 2022 2023" in page)]
                 for total in FUNDING_TOTALS]
        assert where == [[1], [1], [1]], extra
        second = pages[1][pages[1].index("Dekking 2021 2022 2023"):]
        assert second[1].startswith("Totaal dekking") and second[3].startswith("Saldo")
        assert pages[0][pages[0].index("Dekking 2021 2022 2023") + 1:][extra + 1].startswith(f"bron {extra}")


def contribution_pages(small_file, tmp_path, extra: int) -> list[list[str]]:
    """The contributions (2022 only) with ``extra`` more municipalities of 100 inhabitants."""
    path, ids = small_file
    copy = tmp_path / f"gemeenten-{extra}.planbord"
    shutil.copyfile(path, copy)
    with open_workspace(copy) as ws:
        with ws.transaction() as s:
            plan = s.get(Plan, ids["plan"])
            for number in range(1, extra + 1):
                town = Municipality(region_id=plan.region_id, position=10 + number,
                                    name=f"Gemeente {number:02d}")
                s.add(town)
                s.flush()
                s.add(KeyShare(key_id=plan.allocation_key_id, municipality_id=town.id, basis=100))
        out = tmp_path / f"gemeenten-{extra}.pdf"
        build_pdf(ws, ids["plan"], "bijdragen", out, today=TODAY, years=[2022])
    return page_lines(out)


@pytest.mark.parametrize("extra, total", [
    # The contributions fill page 1 up to their total (under the te verdelen bedrag table).
    (28, "Totaal 12.800 100,00 % 4.501"),
    (32, "Totaal 1.030"),  # the settlements' split fills page 2 up to its total
])
def test_a_contribution_total_is_never_alone_at_the_top_of_a_page(small_file, tmp_path, extra, total):
    """When a table of municipalities runs over a page right before its total, the last
    municipality goes to the next page with the total."""
    pages = contribution_pages(small_file, tmp_path, extra)
    (page,) = [page for page in pages if total in page]
    before = page[page.index(total) - 1]
    assert before.startswith(f"Gemeente {extra:02d} "), before
    assert pages.index(page) > 0 and page[2].startswith("Gemeente ")  # the table ran over
    previous = pages[pages.index(page) - 1]
    assert any(line.startswith(f"Gemeente {extra - 1:02d} ") for line in previous)


def test_a_sheet_title_is_smaller_than_the_section_heading(annexes):
    """The first sheet's page: the section heading at 15 pt, the project's title at 13.5 pt in
    bold, its chapter below it in small grey type."""
    runs = [run for run in runs_of(annexes("projecten")) if run.page == 0]
    section = [run for run in runs if run.text == "Projectfiches"]
    title = [run for run in runs if run.y > 600 and run.text.startswith(("1.1.1", "Coördinatie"))]
    chapter = [run for run in runs if run.text.startswith("Hoofdstuk")]
    assert [run.size for run in section] == [15.0]
    assert title and all(run.size == 13.5 and run.bold for run in title)
    assert [(run.size, colour_name(run.color)) for run in chapter] == [(8.0, GREY)]
    assert section[0].y > title[0].y > chapter[0].y


def test_the_sheet_lines_stand_under_their_years_where_the_budget_annex_has_them(annexes):
    """On a project sheet the linked lines' amounts and markers are right-aligned under their
    year, and the year columns stand exactly where the budget annex prints them."""
    sheet = [run for run in runs_of(annexes("projecten")) if run.page == 0]
    budget = [run for run in runs_of(annexes("begroting")) if run.page == 0]
    for year, texts in (("2021", ["0"]), ("2022", ["3.000", "3.000"]), ("2023", ["id.", "† 0"])):
        (heading,) = [run for run in sheet if run.text == year]
        in_budget = [run for run in budget if run.text == year and run.left > 300][0]
        assert heading.right == pytest.approx(in_budget.right, abs=0.05)
        below = [run for run in sheet if run.text in texts and heading.y - 40 < run.y < heading.y
                 and abs(run.right - heading.right) < 20]
        assert sorted(run.text for run in below) == sorted(texts)
        assert same_edge([run.right for run in below] + [heading.right], 1.5), year


def sheet_pages(small_file, tmp_path, lines: int) -> list[list[str]]:
    """The sheet of 1.1.1 with ``lines`` more budget lines linked to it (€ 10 in 2022)."""
    path, ids = small_file
    copy = tmp_path / f"regels-{lines}.planbord"
    shutil.copyfile(path, copy)
    with open_workspace(copy) as ws:
        with ws.transaction() as s:
            for number in range(1, lines + 1):
                line = BudgetLine(group_id=ids["projecten"], position=10 + number,
                                  name=f"regel {number:02d}", project_id=ids["network"])
                s.add(line)
                s.flush()
                s.add(BudgetCell(line_id=line.id, year=2022, amount=D("10.00")))
        out = tmp_path / f"regels-{lines}.pdf"
        build_pdf(ws, ids["plan"], "projecten", out, today=TODAY, chapters=[ids["ch11"]])
    return page_lines(out)


def test_the_total_of_a_sheet_s_lines_is_never_alone_on_the_next_page(small_file, tmp_path):
    """When a project's budget lines run over a page right before their total, the last line
    goes to the next page with the total."""
    pages = sheet_pages(small_file, tmp_path, 60)
    fitting = sum(line.startswith(("pilot", "regel ")) for line in pages[0])
    assert 10 < fitting < 60  # the table runs over the page
    pages = sheet_pages(small_file, tmp_path, fitting - 1)  # the lines just fill the first page
    (page,) = [page for page in pages if any(line.startswith("Totaal 0 ") for line in page)]
    total = next(line for line in page if line.startswith("Totaal 0 "))
    assert page[page.index(total) - 1] == f"regel {fitting - 1:02d} 10"
    assert pages.index(page) == 1
    assert pages[0][pages[0].index("Begrotingspost 2021 2022 2023") + fitting - 1] == f"regel {fitting - 2:02d} 10"


def test_a_nested_group_running_over_a_page_repeats_its_own_and_its_parent_s_heading(small_file,
                                                                                     tmp_path):
    """When the lines of Proeftuinen (in 2. Projecten) run over a page, the next page starts
    with both headings marked "(vervolg)", outer first, then the remaining lines."""
    path, ids = small_file
    copy = tmp_path / "proeftuinen.planbord"
    shutil.copyfile(path, copy)
    with open_workspace(copy) as ws:
        with ws.transaction() as s:
            for number in range(1, 61):
                line = BudgetLine(group_id=ids["proeftuinen"], position=10 + number,
                                  name=f"proeftuin {number:02d}")
                s.add(line)
                s.flush()
                s.add(BudgetCell(line_id=line.id, year=2022, amount=D("10.00")))
        out = tmp_path / "proeftuinen.pdf"
        build_pdf(ws, ids["plan"], "begroting", out, today=TODAY)
    pages = page_lines(out)
    second = pages[1]
    assert second[2:5] == ["Omschrijving 2021 2022 2023", "2. Projecten (vervolg)", "Proeftuinen (vervolg)"]
    assert second[5].startswith("proeftuin ") and second[5] != "proeftuin PM"
    runs = [run for run in runs_of(out) if run.page == 1]
    outer = next(run for run in runs if run.text == "2. Projecten (vervolg)")
    inner = next(run for run in runs if run.text == "Proeftuinen (vervolg)")
    assert inner.x - outer.x == pytest.approx(10, abs=0.2) and outer.italic and inner.italic


def budget_pages(small_file, tmp_path, extra: int) -> list[list[str]]:
    """The budget annex with ``extra`` more lines of € 10 (2022) in 1. Netwerk, and the
    subgroup Proeftuinen after the line pilot in 2. Projecten."""
    path, ids = small_file
    copy = tmp_path / f"netwerk-{extra}.planbord"
    shutil.copyfile(path, copy)
    with open_workspace(copy) as ws:
        with ws.transaction() as s:
            s.get(BudgetGroup, ids["proeftuinen"]).position = 5
            for number in range(1, extra + 1):
                line = BudgetLine(group_id=ids["netwerk"], position=10 + number, name=f"regel {number:02d}")
                s.add(line)
                s.flush()
                s.add(BudgetCell(line_id=line.id, year=2022, amount=D("10.00")))
        out = tmp_path / f"netwerk-{extra}.pdf"
        build_pdf(ws, ids["plan"], "begroting", out, today=TODAY)
    return page_lines(out)


def test_a_group_heading_never_ends_a_page_and_a_continued_group_names_its_parent(small_file, tmp_path):
    """A group's heading is never the last row of a page (it goes to the next page with its
    first line), and a subgroup that starts a page is preceded by its parent's heading marked
    "(vervolg)"."""
    pages = budget_pages(small_file, tmp_path, 60)
    last = [line for line in pages[0] if line.startswith("regel ")][-1]
    fitting = 4 + int(last.split()[1])  # 1. Netwerk, its three lines and the extra ones
    # The heading 2. Projecten would be the page's last row: it moves to the next page.
    pages = budget_pages(small_file, tmp_path, fitting - 6)
    first = [line for line in pages[0] if line.startswith(("regel ", "Subtotaal", "2. Projecten"))]
    assert first[-1].startswith("Subtotaal Netwerk")
    assert pages[1][2:5] == ["Omschrijving 2021 2022 2023", "2. Projecten", "pilot 3.000 id."]
    # The subgroup Proeftuinen starts the next page: its parent's heading comes along.
    pages = budget_pages(small_file, tmp_path, fitting - 7)
    assert [line for line in pages[0] if line.startswith(("Subtotaal", "2. Projecten", "pilot"))][-2:] == [
        "2. Projecten", "pilot 3.000 id."]
    assert pages[1][2:6] == ["Omschrijving 2021 2022 2023", "2. Projecten (vervolg)", "Proeftuinen",
                             "proeftuin PM"]


def test_a_note_on_a_marker_cell_is_numbered_beside_the_marker(small, tmp_path):
    """A toelichting on a PM cell is numbered beside "PM" and printed at the foot, like one on
    an amount."""
    ws, ids = small
    with ws.transaction() as s:
        s.query(BudgetCell).filter_by(line_id=ids["coordinatie"], year=2023).one().note = "Nog onbekend"
    out = tmp_path / "b.pdf"
    build_pdf(ws, ids["plan"], "begroting", out, today=TODAY)
    lines = lines_of(out)
    assert "coördinatie 1 1.000 2.000,50 2 PM 3" in lines
    assert lines[lines.index("Nog onbekend") - 1] == "3"
    assert "regiobudget 4 1.000 6.000" in lines
