"""One figure for the office's capacity everywhere: three roles of 0,25 execution fte at 9
dagdelen per fte are 2,3 dagdelen each (2,25 rounded half up) but 6,8 together (0,75 x 9 =
6,75, rounded once), in the services, the roles table, the matrix, the status bar and the PDF.
(The roles table used to add up its rounded rows: 6,6 where everything else said 6,8.)"""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtWidgets import QStatusBar

from app.models import Allocation, Chapter, Plan, Project, Region, Role
from app.reports import build_pdf
from app.services.figures import load_staffing_figures
from app.services.allocation_matrix import load_matrix
from app.services.workspace import create_workspace

D = Decimal


def three_quarter_roles(path: Path) -> tuple[object, int]:
    ws = create_workspace(path)
    with ws.transaction() as s:
        plan = Plan(region=Region(name="Proefregio"), year=2030, title="Uitvoeringsplan 2030",
                    first_year=2030, last_year=2030, half_days_per_fte=D("9.0"))
        s.add(plan)
        s.flush()
        chapter = Chapter(plan_id=plan.id, position=0, number="1", title="Projecten")
        s.add(chapter)
        s.flush()
        project = Project(chapter_id=chapter.id, position=0, number="1.1", title="Samen leren")
        roles = [Role(plan_id=plan.id, position=i, role=name, fte=D("0.25"), execution_fte=D("0.25"))
                 for i, name in enumerate(["Adviseur", "Projectleider", "Secretariaat"])]
        s.add_all([project, *roles])
        s.flush()
        s.add(Allocation(plan_id=plan.id, project_id=project.id, capacity_id=roles[0].id, half_days=D("2.0")))
        plan_id = plan.id
    return ws, plan_id


@pytest.fixture
def plan(tmp_path):
    ws, plan_id = three_quarter_roles(tmp_path / "proef.planbord")
    yield ws, plan_id
    ws.close()


def test_the_services_round_each_role_and_the_whole_once(plan):
    ws, plan_id = plan
    figures = load_staffing_figures(ws, plan_id)
    assert [r.capacity_half_days for r in figures.roles] == [D("2.3")] * 3
    assert figures.capacity_half_days == D("6.8")
    sheet = load_staffing_figures(ws, plan_id)
    assert [r.capacity_half_days for r in sheet.roles] == [D("2.3")] * 3
    assert sheet.capacity_half_days == D("6.8")
    matrix, _read_only = load_matrix(ws, plan_id)
    assert matrix.capacity == D("6.8")
    assert [c.available for c in matrix.columns] == [D("2.3")] * 3


def test_the_roles_table_the_matrix_and_the_status_bar_show_6_8(plan, planbord_qapp, settings_store, qtbot):
    from app.views.context import ApplicationContext
    from app.views.staffing.staffing_editor import StaffingEditor
    from app.views.shell.status import StatusPanel

    ws, plan_id = plan
    context = ApplicationContext(ws, settings_store)
    editor = StaffingEditor(context, plan_id, "", "Uitvoeringsplan 2030")
    qtbot.addWidget(editor)
    roles = editor.roles_model
    total_row = len(roles.sheet.roles)
    assert roles.index(total_row, 0).data() == "Totaal"
    assert [roles.index(row, roles.HALF_DAYS).data() for row in range(total_row + 1)] == [
        "2,3", "2,3", "2,3", "6,8"]
    matrix = editor.matrix_model
    assert matrix.index(matrix.rowCount() - 1, matrix.total_column).data() == "6,8"  # beschikbaar
    # One read model: the tables show the very figures the status bar and the charts read.
    assert roles.sheet is editor.people_model.sheet is context.staffing_figures(plan_id)
    bar = QStatusBar()
    qtbot.addWidget(bar)
    panel = StatusPanel(bar, context)
    panel.refresh(ws, plan_id)
    assert panel.half_days_label.text().endswith("2 / 6,8")


def test_the_pdf_says_6_8_in_its_sentence_and_its_roles_table(plan, tmp_path):
    from test_reports_geometry import read_pdf

    ws, plan_id = plan
    out = tmp_path / "formatie.pdf"
    build_pdf(ws, plan_id, "formatie", out)
    (page,) = read_pdf(out)
    text = " ".join(page.texts())
    assert "Capaciteit voor uitvoering: 0,75 fte = 6,8 dagdelen per week" in text
    total = next(r for r in page.runs if r.text == "Totaal")
    row = [r.text for r in sorted(page.runs, key=lambda r: r.x) if abs(r.y - total.y) < 0.5]
    assert row == ["Totaal", "0,75", "0,75", "6,8"]
