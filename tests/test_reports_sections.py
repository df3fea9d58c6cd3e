"""The other sections of the 2022 annexes, read back from the PDF: contributions, staffing,
project sheets, progress report, charts, and the contents of a combined PDF."""
from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from app.formatting import format_amount, format_fte, format_half_days, format_number, format_percentage
from app.models import ActionStatus
from app.reports import build_pdf
from app.services.contributions import budget_contributions, fixed_settlement_contributions
from app.services.key_sheet import load_key_sheet
from app.services.plans import find_plan
from app.services.progress import project_actions
from app.services.project_form import project_form
from app.services.report_data import load_chapters, projects_in_order
from app.services.staffing import staffing_figures
from app.services.workspace import open_workspace

SECTION_STARTS = {
    "Begroting 2022": "begroting", "Bijdragen per gemeente": "bijdragen",
    "Formatie en dagdelen": "formatie", "Projectfiches": "projecten",
    "Voortgangsrapportage": "voortgang", "Grafieken": "grafieken",
}


@pytest.fixture
def demo(demo_workspace):
    workspace = open_workspace(demo_workspace, read_only=True)
    yield workspace
    workspace.close()


def plan_of(workspace):
    session = workspace.session()
    return session, find_plan(session, 2022)


def pages(path) -> list[list[str]]:
    return [[" ".join(line.split()) for line in page.extract_text().splitlines()]
            for page in PdfReader(path).pages]


def all_lines(path) -> list[str]:
    return [line for page in pages(path) for line in page]


def build(workspace, tmp_path, sections, **kwargs):
    with workspace.session() as session:
        plan_id = find_plan(session, 2022).id
    out = tmp_path / f"{sections.replace(',', '-')}.pdf"
    build_pdf(workspace, plan_id, sections, out, **kwargs)
    return out


def test_contributions_per_municipality_are_the_services_figures(demo, tmp_path):
    lines = all_lines(build(demo, tmp_path, "bijdragen"))
    session, plan = plan_of(demo)
    with session:
        contributions = budget_contributions(session, plan)
        fixed = fixed_settlement_contributions(session, plan)
    sheet = load_key_sheet(demo, plan.id)
    assert "Verdeelsleutel: Verdeelsleutel naar gemeentegrootte, naar Inwoners (indicatieve" in lines
    # 2021 is a comparison column (last year's budget): never split, so not printed here. The
    # key splits the budget minus the funding others pay, and the annex shows that sum.
    assert plan.own_years == [2022, 2023]
    assert "Begroting 1.280.000 0" in lines
    assert "Min overige dekking (niet van de gemeenten) 242.500 0" in lines
    assert "Te verdelen over de gemeenten 1.037.500 0" in lines
    assert "Gemeente Basis Aandeel 2022 2023" in lines
    for share in sheet.rows:
        row = " ".join([share.municipality, format_number(share.basis), format_percentage(share.share)]
                       + [format_amount(contributions.by_year[y][share.municipality]) for y in plan.own_years])
        assert row in lines
    assert "Delft 103.700 8,73 % 90.586 0" in lines
    assert "Totaal 1.187.700 100,00 % 1.037.500 0" in lines
    # Overige vaste regioverrekeningen: scope per settlement, the sets' members, the split.
    assert "GIZ licenties H10 15.000 15.000" in lines
    # Notes 23 and 24: after footnote 22, the highest number the plan gave (in the budget annex).
    assert "Kenniscentrum Kind en scheiding H8 24 H8 140.795 140.795" in lines
    assert any(line.startswith("H8 (zonder Den Haag en Lansingerland): Delft, Leidschendam-Voorburg")
               for line in lines)
    for name in fixed.municipalities:
        row = " ".join([name] + [format_amount(fixed.by_year[y][name]) for y in plan.own_years])
        assert row in lines
    assert "Totaal 316.795 0" in lines
    # Den Haag shares in the H10 settlements only.
    assert f"Den Haag {format_amount(fixed.by_year[2022]['Den Haag'])}" in " ".join(lines)


def test_staffing_totals_against_capacity(demo, tmp_path):
    lines = all_lines(build(demo, tmp_path, "formatie"))
    session, plan = plan_of(demo)
    with session:
        figures = staffing_figures(session, plan)
    assert ("Eén fte is 10 dagdelen per week. Capaciteit voor uitvoering: 2,2 fte = 22 dagdelen "
            "per week; ingezet:") in lines
    assert "Programma- en projectmanagement 1,8 1,8 18" in lines
    assert "Totaal 3,8 2,2 22" in lines
    shown = 0
    for project in figures.projects:
        if not project.half_days and project.stated_half_days is None:
            continue
        row = " ".join(p for p in [project.number, project.title, format_half_days(project.half_days),
                                   format_fte(project.fte), format_half_days(project.stated_half_days)]
                       if p)
        assert row in lines
        shown += 1
    assert shown == 7
    assert "3.2.3 Samen leren 3 0,3 2" in lines  # the text says 2, the staffing table 3
    assert "Totaal ingezet 22 2,2" in lines
    assert "Capaciteit voor uitvoering 22 2,2" in lines


def test_one_sheet_per_project_with_roles_goals_actions_and_budget_lines(demo, tmp_path):
    out = build(demo, tmp_path, "projecten")
    document = pages(out)
    session, plan = plan_of(demo)
    with session:
        rows = projects_in_order(session, plan)
        forms = [project_form(session, r.project_id) for r in rows]
    assert len(forms) == 18
    starts = [i for i, lines in enumerate(document) if "Bestuurlijk opdrachtgever Bestuurlijk Overleg "
              "Jeugd (BOJ)" in lines]
    assert len(starts) == len(forms)  # each project on a page of its own
    for form, start in zip(forms, starts):
        sheet = [line for page in document[start:start + 2] for line in page]
        text = " ".join(sheet)
        assert f"{form.number} {form.title}".strip() in text
        assert f"Opdrachtnemer {form.contractor}" in sheet
        for goal in form.goals:
            assert " ".join(goal.text.split()) in text
        for line in form.budget_lines:
            assert line.name in text
    beter = " ".join(document[starts[2]])
    assert "3.1.3 Intensiveren Beter Samenspel" in beter
    assert "Dagdelen per week 4 (0,4 fte)" in beter
    assert "externe projectleiding (toegevoegd aan programmateam) 110.000 100.000 doorlopend" in beter
    assert "Totaal 128.000 125.000 † 0" in beter


def test_chapter_filter_for_sheets_and_progress(demo, tmp_path):
    chapters = {c.label: c.id for c in load_chapters(demo, find_plan(demo.session(), 2022).id)}
    chosen = chapters["3.2 Lerend ontwikkelen"]
    lines = all_lines(build(demo, tmp_path, "projecten,voortgang", chapters=[chosen]))
    text = " ".join(lines)
    for label in ("3.2.1 Ontwikkeling jeugdhulpmonitor", "3.2.2 Reikwijdte Jeugdwet, normaliseren",
                  "3.2.3 Samen leren"):
        assert text.count(label) >= 3  # contents, sheet, progress
    assert "3.1.1" not in text and "4.3 Jeugdhulpexpertise" not in text
    assert "Projectfiches en voortgang voor: 3.2 Lerend ontwikkelen." in lines


def test_progress_report_lists_every_action_with_status_date_and_remark(demo_workspace, tmp_path):
    from datetime import date

    from app.models import Action

    with open_workspace(demo_workspace) as workspace:
        with workspace.transaction() as session:
            action = session.query(Action).filter(Action.description.like("Zicht op alle%")).one()
            action.status = ActionStatus.ACHIEVED
            action.remark = "Dashboard live < 1 week & gedeeld"
        out = build(workspace, tmp_path, "voortgang", today=date(2022, 6, 1))
        session, plan = plan_of(workspace)
        with session:
            rows = projects_in_order(session, plan, today=date(2022, 6, 1))
            actions = {r.project_id: project_actions(session, r.project_id, date(2022, 6, 1))
                       for r in rows}
    lines = all_lines(out)
    text = " ".join(lines)
    assert "Stand op 01-06-2022." in lines
    assert "Project Status behaald in behandeling niet behaald onbekend te laat" in text
    assert "3.1.1 Aanpak wachtlijsten onbekend 1 – – 2 –" in lines
    assert "Zicht op alle langwachtenden" in text
    assert "Programmabureau 31-12-2022 behaald" in text
    assert "Dashboard live < 1 week & gedeeld" in text or "Dashboard live < 1 week &" in text
    for project_actions_ in actions.values():
        for a in project_actions_:
            assert " ".join(a.description.split()[:3]) in text
    assert text.count("31-12-2022") == sum(len(a) for a in actions.values())
    assert "(te laat)" not in text  # 1 June 2022: nothing is overdue yet



def test_an_action_remark_longer_than_a_page_prints_whole_in_the_progress_table(demo_workspace, tmp_path):
    """A remark pasted from a long e-mail: the annex carries it over pages instead of failing."""
    from app.models import Action

    remark = " ".join(f"zin{n} van de lange opmerking." for n in range(900))
    with open_workspace(demo_workspace) as workspace:
        with workspace.transaction() as session:
            session.query(Action).filter(Action.description.like("Zicht op alle%")).one().remark = remark
        out = build(workspace, tmp_path, "voortgang")
    words = " ".join(all_lines(out)).split()
    assert [w for w in words if w.startswith("zin")] == [f"zin{n}" for n in range(900)]


def test_charts_are_printed_from_the_images_given(demo, tmp_path):
    from PIL import Image

    image = tmp_path / "begroting.png"
    Image.new("RGB", (400, 200), (30, 90, 160)).save(image)
    out = build(demo, tmp_path, "grafieken", charts=[("Begroting per jaar & groep", image)])
    reader = PdfReader(out)
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "Grafieken" in text and "Begroting per jaar & groep" in text
    xobjects = reader.pages[0]["/Resources"]["/XObject"]
    images = [x for x in xobjects.values() if x.get_object()["/Subtype"] == "/Image"]
    assert len(images) == 1 and images[0].get_object()["/Width"] == 400

    empty = tmp_path / "leeg"
    empty.mkdir()
    out = build(demo, empty, "grafieken")
    assert "Er zijn geen grafieken meegegeven." in PdfReader(out).pages[0].extract_text()


def test_unreadable_chart_is_reported_on_paper(demo, tmp_path):
    bad = tmp_path / "kapot.png"
    bad.write_bytes(b"not a png")
    out = build(demo, tmp_path, "grafieken", charts=[("Formatie", bad)])
    assert "Deze grafiek kon niet worden gelezen (kapot.png)." in PdfReader(out).pages[0].extract_text()


def test_all_sections_in_one_pdf_with_contents_and_correct_page_numbers(demo, tmp_path):
    out = build(demo, tmp_path, "begroting,bijdragen,formatie,projecten,voortgang,grafieken")
    document = pages(out)
    total = len(document)
    contents = document[0]
    assert "Inhoud" in contents
    for number, lines in enumerate(document, start=1):
        assert lines[0] == "Regio Haaglanden"
        assert f"Pagina {number}" in lines and f"van {total}" in lines
    body = contents[contents.index("Inhoud") + 1:]
    numbers = [int(m.group(1)) for line in body if (m := re.fullmatch(r"[\s.]+(\d+)", line))]
    titles = [line for line in body if not re.fullmatch(r"[\s.]+(\d+)", line)]
    titles = titles[:titles.index("Grafieken") + 1]  # then the footer
    assert len(numbers) == len(titles) == 6 + 18  # the sections, and the projects' sheets
    listed = dict(zip(titles, numbers))
    for title in SECTION_STARTS:
        page = listed[title]
        assert title in document[page - 1][:4], (title, page)
    assert "3.1.3 Intensiveren Beter Samenspel" in document[listed["3.1.3 Intensiveren Beter Samenspel"] - 1]
    # Sections come in their fixed order, each starting on a page of its own.
    firsts = [next(i for i, lines in enumerate(document) if title in lines[:4]) for title in SECTION_STARTS]
    assert firsts == sorted(firsts) and len(set(firsts)) == len(firsts)
    info = PdfReader(out).metadata
    assert info.title == "Uitvoeringsplan 2022 Regiovisie Jeugdzorg Haaglanden – Bijlagen"
