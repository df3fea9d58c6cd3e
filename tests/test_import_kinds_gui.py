"""File > Import detects what a sheet holds: a key goes through its own preview (the total that
is not 100,00 % and an unknown municipality named before anything is written) and lands as one
undo step; a workbook of several sheets asks which one; a sheet that is none of the three kinds
gets a Dutch message and nothing is written."""
from __future__ import annotations

from decimal import Decimal

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from app.models import AllocationKey, KeyMethod, KeyShare, Plan
from app.services.new_workspace import KeySetup, PlanSetup, create_region_workspace
from app.views.shell.navigation import Node


@pytest.fixture
def window(open_window, tmp_path):
    made = create_region_workspace(
        tmp_path / "proef.planbord", "Regio Proefland", ["Aadorp", "Beekdorp", "Cedorp"],
        key=KeySetup("Sleutel", KeyMethod.PERCENTAGE, ["50", "30", "20"]), plan=PlanSetup(2027, last_year=2028))
    window = open_window(made.path)
    assert window.show_node(Node("budget", made.plan_id, made.plan_id))
    window.plan_id = made.plan_id
    return window


def workbook(path, sheets: dict[str, list[tuple]]):
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


KEY_ROWS = [("Gemeente", "Percentage"), ("Aadorp", "49,98"), ("Beekdorp", "30"), ("Cedorp", "20"),
            ("Zeedorp", "5")]


def plan_key(window):
    with window.context.workspace.session() as s:
        plan = s.get(Plan, window.plan_id)
        key = s.get(AllocationKey, plan.allocation_key_id)
        shares = {sh.municipality.name: sh.percentage for sh in key.shares}
        return key.name, shares, s.scalar(select(func.count(AllocationKey.id)))


def test_a_key_sheet_chosen_from_a_workbook_previewed_imported_and_undone(window, tmp_path, monkeypatch):
    path = workbook(tmp_path / "sleutel.xlsx", {"Toelichting": [("Verdeelsleutel 2027",)], "Sleutel": KEY_ROWS})
    asked, seen = {}, {}

    def choose_sheet(source, names):
        asked["names"] = names
        return "Sleutel"

    def run_dialog(dialog):
        seen["title"] = dialog.windowTitle()
        seen["rows"] = [[dialog.rows.item(r, c).text() for c in range(dialog.rows.columnCount())]
                        for r in range(dialog.rows.rowCount())]
        seen["problems"] = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
        seen["summary"] = dialog.summary.text()
        return True

    monkeypatch.setattr(window, "ask_import_path", lambda: path)
    monkeypatch.setattr(window, "ask_import_sheet", choose_sheet)
    monkeypatch.setattr(window, "run_import_dialog", run_dialog)
    name_before, shares_before, keys_before = plan_key(window)
    window.import_action.trigger()

    assert asked["names"] == ["Toelichting", "Sleutel"]
    assert seen["title"] == "Verdeelsleutel importeren — Sleutel"
    assert seen["rows"] == [["Aadorp", "49,98 %"], ["Beekdorp", "30,00 %"], ["Cedorp", "20,00 %"]]
    assert any("Zeedorp" in p and "geen gemeente van deze regio" in p for p in seen["problems"])
    assert any("99,98 %" in p for p in seen["problems"])
    assert "99,98 %" in seen["summary"] and "niet 100,00 %" in seen["summary"]

    name, shares, keys = plan_key(window)
    assert keys == keys_before + 1 and name != name_before
    assert shares == {"Aadorp": Decimal("49.98"), "Beekdorp": Decimal("30.00"), "Cedorp": Decimal("20.00")}
    with window.context.workspace.session() as s:  # never a municipality added for Zeedorp
        assert s.scalar(select(func.count(KeyShare.id)).where(KeyShare.key_id.in_(
            select(AllocationKey.id).where(AllocationKey.name == name)))) == 3
    stack = window.context.undo_stack
    assert stack.count() == 1 and stack.undoText() == "Verdeelsleutel importeren uit sleutel.xlsx"
    assert "verdeelsleutel van 3 gemeenten" in window.statusBar().currentMessage()

    stack.undo()
    assert plan_key(window) == (name_before, shares_before, keys_before)
    stack.redo()
    assert plan_key(window)[1] == shares


def test_choosing_no_sheet_imports_nothing(window, tmp_path, monkeypatch):
    path = workbook(tmp_path / "twee.xlsx", {"Een": [("x",)], "Sleutel": KEY_ROWS})
    monkeypatch.setattr(window, "ask_import_path", lambda: path)
    monkeypatch.setattr(window, "ask_import_sheet", lambda source, names: None)
    monkeypatch.setattr(window, "run_import_dialog", lambda dialog: pytest.fail("no dialog after a cancel"))
    before = plan_key(window)
    window.import_action.trigger()
    assert plan_key(window) == before and window.context.undo_stack.count() == 0


def test_cancelling_the_preview_writes_nothing(window, tmp_path, monkeypatch):
    path = workbook(tmp_path / "sleutel.xlsx", {"Sleutel": KEY_ROWS})
    monkeypatch.setattr(window, "ask_import_path", lambda: path)
    monkeypatch.setattr(window, "run_import_dialog", lambda dialog: False)
    before = plan_key(window)
    window.import_action.trigger()
    assert plan_key(window) == before and window.context.undo_stack.count() == 0


def test_a_sheet_of_no_known_kind_gets_a_dutch_message(window, tmp_path, monkeypatch):
    path = workbook(tmp_path / "brief.xlsx", {"Brief": [("Geachte leden van het BOJ,",), ("Hierbij",)]})
    errors = []
    monkeypatch.setattr("app.views.shell.opening.show_error", lambda parent, message, title=None: errors.append(message))
    monkeypatch.setattr(window, "ask_import_path", lambda: path)
    before = plan_key(window)
    window.import_action.trigger()
    assert len(errors) == 1 and "Brief" in errors[0]
    assert plan_key(window) == before and window.context.undo_stack.count() == 0


def test_a_key_into_an_adopted_plan_is_refused_and_nothing_written(window, tmp_path, monkeypatch):
    from datetime import date

    from app.services.adoption import adopt_plan

    adopt_plan(window.context.workspace, window.plan_id, date(2026, 11, 12), "BOJ")
    path = workbook(tmp_path / "sleutel.xlsx", {"Sleutel": KEY_ROWS})
    errors = []
    monkeypatch.setattr("app.views.shell.opening.show_error", lambda parent, message, title=None: errors.append(message))
    monkeypatch.setattr(window, "ask_import_path", lambda: path)
    monkeypatch.setattr(window, "run_import_dialog", lambda dialog: True)
    before = plan_key(window)
    window.import_action.trigger()
    assert len(errors) == 1 and "vastgesteld" in errors[0].lower()
    assert plan_key(window) == before and window.context.undo_stack.count() == 0


def test_an_action_list_previewed_imported_and_undone(open_window, demo_workspace, tmp_path, monkeypatch):
    """The demo's projects, a draft amendment: actions by project number and title, a period kept
    as planning text, an unknown project named and not created; one undo step."""
    from datetime import date

    from app.models import Action, Chapter, Plan, PlanKind, Project
    from app.services.plan_copy import create_amendment
    from app.services.workspace import open_workspace

    with open_workspace(demo_workspace) as workspace:
        with workspace.session() as s:
            adopted = s.scalars(select(Plan.id).where(Plan.kind == PlanKind.PLAN)).one()
        draft = create_amendment(workspace, adopted)
        with workspace.session() as s:
            first = s.scalars(select(Project).join(Project.chapter).where(
                Chapter.plan_id == draft, Project.number != "").order_by(Project.number)).first()
            number, title = first.number, first.title
    window = open_window(demo_workspace)
    assert window.show_node(Node("budget", draft, draft))
    path = workbook(tmp_path / "acties.xlsx", {"Acties": [
        ("Nr.", "Project", "Actie", "Eigenaar", "Gereed op", "Status"),
        (number, None, "Evaluatie met de gemeenten", "Programmamanager", "31-12-2027", "in behandeling"),
        (None, title, "Tussenrapportage aan het BOJ", "Beleidsadviseur", "2e helft 2027", "gereed"),
        (None, "Een project dat niet bestaat", "Iets doen", None, None, None),
    ]})
    seen = {}

    def run_dialog(dialog):
        seen["rows"] = [[dialog.rows.item(r, c).text() for c in range(dialog.rows.columnCount())]
                        for r in range(dialog.rows.rowCount())]
        seen["problems"] = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
        seen["summary"] = dialog.summary.text()
        return True

    def actions():
        with window.context.workspace.session() as s:
            return [(a.description, a.owner, a.due_date, a.status.value, a.remark) for a in s.scalars(
                select(Action).join(Action.project).join(Project.chapter)
                .where(Chapter.plan_id == draft).order_by(Action.id))]

    def projects():
        with window.context.workspace.session() as s:
            return s.scalar(select(func.count(Project.id)))

    monkeypatch.setattr(window, "ask_import_path", lambda: path)
    monkeypatch.setattr(window, "run_import_dialog", run_dialog)
    before, project_count = actions(), projects()
    window.import_action.trigger()

    assert [r[1] for r in seen["rows"]] == ["Evaluatie met de gemeenten", "Tussenrapportage aan het BOJ"]
    assert seen["rows"][0][3] == "31-12-2027" and seen["rows"][1][3] == "tweede helft 2027"
    assert len(seen["problems"]) == 1
    assert "cel B4" in seen["problems"][0] and "Een project dat niet bestaat" in seen["problems"][0]
    assert seen["summary"] == ("Toe te voegen: 2 acties; al in het plan (overgeslagen): 0; "
                               "met een periode of herhaling als planning: 1.")
    after = actions()
    assert after[:len(before)] == before and len(after) == len(before) + 2
    assert after[-2] == ("Evaluatie met de gemeenten", "Programmamanager", date(2027, 12, 31), "in behandeling", "")
    assert after[-1] == ("Tussenrapportage aan het BOJ", "Beleidsadviseur", date(2027, 12, 31), "behaald", "")
    assert projects() == project_count  # never a project made for a name not in the plan
    stack = window.context.undo_stack
    assert stack.count() == 1 and stack.undoText() == "Acties importeren uit acties.xlsx"
    stack.undo()
    assert actions() == before
    stack.redo()
    assert actions() == after


def test_importing_into_an_adopted_plan_is_refused_before_a_file_is_asked(main_window, monkeypatch):
    from app.models import Plan, PlanKind

    with main_window.context.workspace.session() as s:
        adopted = s.scalars(select(Plan.id).where(Plan.kind == PlanKind.PLAN)).one()
    assert main_window.show_node(Node("budget", adopted, adopted))
    errors = []
    monkeypatch.setattr("app.views.shell.opening.show_error", lambda parent, message, title=None: errors.append(message))
    monkeypatch.setattr(main_window, "ask_import_path", lambda: pytest.fail("no file asked for an adopted plan"))
    main_window.import_action.trigger()
    assert len(errors) == 1 and errors[0].startswith("Vastgesteld") and "Maak een wijziging" in errors[0]
    assert main_window.context.undo_stack.count() == 0
