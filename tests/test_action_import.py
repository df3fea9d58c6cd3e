"""Import of an action list (issue 15, point 2): the header found among the first rows, projects
matched by number or title and never made, periods kept as "Planning: ..." text, statuses read
from common words, duplicates skipped (importing a list twice adds nothing), an adopted plan
refused with nothing written, one undo, and the round trip export -> import."""
from __future__ import annotations

from datetime import date, datetime

import openpyxl
import pytest
from sqlalchemy import delete, func, select

from app.io.action_import import (
    ACTION_HEADERS,
    ActionImport,
    apply_actions,
    preview_actions,
    status_of,
    undo_actions,
)
from app.io.budget_import import BudgetImportError, detect_kind
from app.io.excel_export import export_workbook
from app.io.readers import Grid, SourceCell, read_grid
from app.models import Action, ActionStatus, Chapter, Project
from app.services.edit_errors import PlanReadOnlyError
from app.services.plan_edit import create_scenario
from app.services.plans import find_plan
from app.services.project_edit import add_project, set_action_fields
from app.services.workspace import open_workspace

TODAY = date(2022, 6, 1)
HEADER = ["Nr.", "Project", "Actie", "Eigenaar", "Gereed op", "Status", "Te laat", "Opmerking", "Bijgewerkt op"]


@pytest.fixture
def demo(demo_workspace):
    ws = open_workspace(demo_workspace)
    yield ws
    ws.close()


@pytest.fixture
def draft(demo) -> int:
    """A scenario of the demo plan: a writable copy with the same projects and actions."""
    return create_scenario(demo, plan_id_of(demo))


def plan_id_of(ws, year: int = 2022) -> int:
    with ws.session() as s:
        return find_plan(s, year).id


def workbook(path, rows, header=HEADER, above=(), sheet="Acties"):
    book = openpyxl.Workbook()
    book.active.title = sheet
    for row in above:
        book.active.append(list(row))
    book.active.append(list(header))
    for row in rows:
        book.active.append(list(row))
    book.save(path)
    return path


def counts(ws) -> tuple[int, int, int]:
    with ws.session() as s:
        return tuple(s.scalar(select(func.count()).select_from(model)) for model in (Chapter, Project, Action))


def project(ws, plan_id: int, number: str):
    with ws.session() as s:
        return s.scalars(select(Project).join(Project.chapter)
                         .where(Chapter.plan_id == plan_id, Project.number == number)).one()


def actions_by_project(ws, plan_id: int) -> dict[tuple[str, str], list[tuple]]:
    """Each project's actions (number, title) -> [(description, owner, due, status, remark)] in order."""
    with ws.session() as s:
        rows = s.execute(select(Project.number, Project.title, Action.description, Action.owner, Action.due_date,
                                Action.status, Action.remark)
                         .join(Action.project).join(Project.chapter).where(Chapter.plan_id == plan_id)
                         .order_by(Project.id, Action.position, Action.id)).all()
    found: dict[tuple[str, str], list[tuple]] = {}
    for r in rows:
        found.setdefault((r.number, r.title), []).append((r.description, r.owner, r.due_date, r.status, r.remark))
    return found


def delete_all_actions(ws, plan_id: int) -> None:
    with ws.transaction() as s:
        ids = select(Project.id).join(Project.chapter).where(Chapter.plan_id == plan_id)
        s.execute(delete(Action).where(Action.project_id.in_(ids)))


# --- preview --------------------------------------------------------------------------------

def test_preview_names_sheet_and_cell_and_never_makes_a_project(demo, draft, tmp_path):
    path = workbook(tmp_path / "lijst.xlsx", [
        ["3.1.1", "Aanpak wachtlijsten", "Nieuwe actie A", "Bureau", date(2022, 9, 30), "bezig", "ja", "", ""],
        ["", "  aanpak   WACHTLIJSTEN ", "Nieuwe actie B", "", "31-12-2022", "afgerond", None, "let op", ""],
        ["", "Atlantis", "Iets voor Atlantis", "", None, "", None, None, None],
        ["9.9", "", "Iets voor nummer 9.9", "", None, "", None, None, None],
        ["3.1.2", "Gecertificeerde instellingen", None, None, None, None, None, None, None],  # no action
        ["3.1.2", "Gecertificeerde instellingen", "Nieuwe actie C", "", "Q2 2022", "misschien", None,
         "met de GI's", None],
        ["3.1.2", "Gecertificeerde instellingen", "Nieuwe actie D", "", "31-02-2022", "", None, None, None],
        ["", "", "Actie zonder project", "", None, "", None, None, None],
    ], above=[["Actielijst 2022"], []])
    grid = read_grid(path)
    assert detect_kind(grid) == "acties"
    before = counts(demo)
    preview = preview_actions(grid, demo, draft)
    assert counts(demo) == before  # a preview writes nothing
    messages = [p.message for p in preview.problems]
    refs = [p.ref for p in preview.problems]
    assert all(p.sheet == "Acties" and p.message.startswith(f"Blad “Acties”, cel {p.ref}:")
               for p in preview.problems)
    assert "B6" in refs and any("Atlantis" in m and "Maak het project eerst aan of corrigeer de naam" in m
                                for m in messages)
    assert "A7" in refs and any("nr. 9.9" in m for m in messages)
    assert "F9" in refs and any("“misschien” is geen status" in m and "behaald" in m for m in messages)
    assert "E10" in refs and any("31-02-2022" in m and "geen bestaande datum" in m for m in messages)
    assert "C11" in refs and any("geen project" in m for m in messages)
    assert len(preview.problems) == 5
    assert preview.unknown == ["Atlantis", "nr. 9.9"]
    assert preview.periods == 1 and preview.duplicates == 0

    by_text = {a.description: a for a in preview.actions}
    assert list(by_text) == ["Nieuwe actie A", "Nieuwe actie B", "Nieuwe actie C", "Nieuwe actie D"]
    a, b, c, d = by_text.values()
    assert (a.project_number, a.due_date, a.status, a.owner, a.ref) == (
        "3.1.1", date(2022, 9, 30), ActionStatus.IN_PROGRESS, "Bureau", "C4")
    assert b.project_number == "3.1.1"  # by title: case and spaces ignored
    assert (b.due_date, b.status, b.remark) == (date(2022, 12, 31), ActionStatus.ACHIEVED, "let op")
    # A period is the due period, read in the plan's year; not a date is kept in the remark.
    assert (c.due_date, c.due_text, c.status, c.remark) == (date(2022, 6, 30), "Q2 2022", ActionStatus.UNKNOWN,
                                                            "met de GI's")
    assert (d.due_date, d.due_text, d.remark) == (None, "", "Planning: 31-02-2022")

    done = apply_actions(demo, draft, preview, today=TODAY)
    assert len(done.action_ids) == 4
    chapters, projects, actions = counts(demo)
    assert (chapters, projects) == before[:2]  # Atlantis was not made
    assert actions == before[2] + 4


def test_periods_and_recurrences_are_the_due_and_other_text_is_kept_with_a_problem(demo, draft, tmp_path):
    rows = [["3.1.1", "", f"Periode {i}", "", text, "", None, remark, None]
            for i, (text, remark) in enumerate([("Q2", None), ("2e helft 2022", "eerst het plan"),
                                                ("doorlopend", None), ("2023", None), ("maandelijks", None),
                                                ("na de zomer", "nog overleggen")])]
    rows.append(["3.1.1", "", "Met datum", "", datetime(2022, 3, 1, 12, 30), "", None, None, None])
    preview = preview_actions(read_grid(workbook(tmp_path / "p.xlsx", rows)), demo, draft)
    assert preview.periods == 5
    assert [(a.due_date, a.due_text, a.remark) for a in preview.actions] == [
        (date(2022, 6, 30), "Q2 2022", ""),  # the plan's year
        (date(2022, 12, 31), "tweede helft 2022", "eerst het plan"),
        (None, "doorlopend", ""),
        (date(2023, 12, 31), "2023", ""),
        (date(2022, 12, 31), "maandelijks van 01-2022 t/m 12-2022", ""),
        (None, "", "Planning: na de zomer; nog overleggen"),
        (date(2022, 3, 1), "", "")]
    assert [p.ref for p in preview.problems] == ["E7"]
    assert "'na de zomer' is geen datum of periode" in preview.problems[0].message
    assert "staat in de opmerking (“Planning: na de zomer”)" in preview.problems[0].message
    done = apply_actions(demo, draft, preview)
    with demo.session() as s:
        stored = [(a.due_text, a.due_date) for a in s.scalars(select(Action).where(Action.id.in_(done.action_ids))
                                                              .order_by(Action.id))]
    assert stored[0] == ("Q2 2022", date(2022, 6, 30)) and stored[4][0].startswith("maandelijks")


@pytest.mark.parametrize("word, status", [
    ("", ActionStatus.UNKNOWN), ("onbekend", ActionStatus.UNKNOWN), ("UNKNOWN", ActionStatus.UNKNOWN),
    ("in behandeling", ActionStatus.IN_PROGRESS), ("In_Progress", ActionStatus.IN_PROGRESS),
    ("loopt", ActionStatus.IN_PROGRESS), ("Bezig", ActionStatus.IN_PROGRESS), ("lopend", ActionStatus.IN_PROGRESS),
    ("behaald", ActionStatus.ACHIEVED), ("Gereed", ActionStatus.ACHIEVED), ("afgerond", ActionStatus.ACHIEVED),
    ("klaar", ActionStatus.ACHIEVED), ("niet  behaald", ActionStatus.NOT_ACHIEVED),
    ("niet gehaald", ActionStatus.NOT_ACHIEVED), ("misschien", None), ("ja", None),
])
def test_status_words(word, status):
    assert status_of(word) is status


def test_a_status_that_is_no_status_is_a_problem_and_the_action_comes_in_as_unknown(demo, draft, tmp_path):
    path = workbook(tmp_path / "s.xlsx", [["3.1.1", "", "Actie X", "", None, "half af", None, None, None],
                                          ["3.1.1", "", "Actie Y", "", None, "Niet behaald", None, None, None]])
    preview = preview_actions(read_grid(path), demo, draft)
    assert [p.ref for p in preview.problems] == ["F2"]
    assert "“half af” is geen status; kies uit onbekend, in behandeling, behaald, niet behaald" in \
        preview.problems[0].message
    assert [a.status for a in preview.actions] == [ActionStatus.UNKNOWN, ActionStatus.NOT_ACHIEVED]


def test_duplicates_are_skipped_and_counted(demo, draft, tmp_path):
    with demo.session() as s:
        first = s.scalars(select(Action.description).where(Action.project_id == project(demo, draft, "3.1.1").id)
                          .order_by(Action.position)).first()
    path = workbook(tmp_path / "d.xlsx", [
        ["3.1.1", "", first.upper(), "", None, "", None, None, None],  # the project has it already
        ["3.1.1", "", "Nieuw", "", None, "", None, None, None],
        ["3.1.1", "", " nieuw ", "", None, "", None, None, None],  # twice in the sheet
        ["3.1.2", "", "Nieuw", "", None, "", None, None, None],  # another project: not a duplicate
    ])
    preview = preview_actions(read_grid(path), demo, draft)
    assert preview.duplicates == 2 and preview.problems == []
    assert [(a.project_number, a.description) for a in preview.actions] == [("3.1.1", "Nieuw"), ("3.1.2", "Nieuw")]
    apply_actions(demo, draft, preview, today=TODAY)
    again = preview_actions(read_grid(path), demo, draft)  # the same list again adds nothing
    assert again.actions == [] and again.duplicates == 4
    with pytest.raises(BudgetImportError) as e:
        apply_actions(demo, draft, again)
    assert e.value.message.startswith("Er is niets te importeren: ")


def test_number_wins_over_title_and_a_disagreement_is_named(demo, draft, tmp_path):
    path = workbook(tmp_path / "n.xlsx", [["3.1.2", "Aanpak wachtlijsten", "Actie Z", "", None, "", None, None, None]])
    preview = preview_actions(read_grid(path), demo, draft)
    assert [a.project_number for a in preview.actions] == ["3.1.2"]
    assert [p.ref for p in preview.problems] == ["B2"]
    assert "nr. 3.1.2 heet in dit plan “Gecertificeerde instellingen”" in preview.problems[0].message


def test_a_title_twice_in_the_plan_needs_a_number(demo, draft, tmp_path):
    chapter_id = project(demo, draft, "3.1.1").chapter_id
    add_project(demo, chapter_id, title="Aanpak wachtlijsten")
    path = workbook(tmp_path / "t.xlsx", [["", "Aanpak wachtlijsten", "Actie", "", None, "", None, None, None],
                                          ["3.1.1", "Aanpak wachtlijsten", "Actie", "", None, "", None, None, None]])
    preview = preview_actions(read_grid(path), demo, draft)
    assert [p.ref for p in preview.problems] == ["B2"]
    assert "2 projecten “Aanpak wachtlijsten”" in preview.problems[0].message and "projectnummer" in \
        preview.problems[0].message
    assert [a.project_number for a in preview.actions] == ["3.1.1"]


def test_too_long_texts_are_problems_not_crashes(demo, draft, tmp_path):
    path = workbook(tmp_path / "l.xlsx", [["3.1.1", "", "Te lange eigenaar", "x" * 201, None, "", None, None, None],
                                          ["3.1.1", "", "Te lange opmerking", "", "na de zomer", "", None,
                                           "y" * 20_000, None],
                                          ["3.1.1", "", "Opmerking precies lang genoeg", "", "Q3", "", None,
                                           "z" * 20_000, None],
                                          ["3.1.1", "", "Goed", "", None, "", None, None, None]])
    preview = preview_actions(read_grid(path), demo, draft)
    assert [p.ref for p in preview.problems] == ["D2", "E3", "H3"]
    assert "De eigenaar van de actie is 201 tekens; het maximum is 200." in preview.problems[0].message
    assert ("De opmerking bij de actie is 20.023 tekens; het maximum is 20.000 (met “Planning: na de zomer; ” "
            "ervoor). Deze regel wordt niet ingelezen") in preview.problems[2].message
    # A readable period is the due, not text before the remark: 20,000 characters fit.
    assert [a.description for a in preview.actions] == ["Opmerking precies lang genoeg", "Goed"]


def test_a_sheet_without_the_headers_is_refused_in_dutch(demo, draft, tmp_path):
    path = workbook(tmp_path / "x.xlsx", [["a", "b"]], header=["Omschrijving", "Eigenaar"])
    with pytest.raises(BudgetImportError) as e:
        preview_actions(read_grid(path), demo, draft)
    message = e.value.message
    assert "geen kopregel" in message and "“Actie”" in message and "geen actielijst" in message


@pytest.mark.parametrize("header", ACTION_HEADERS)
def test_every_action_header_is_detected_as_an_action_list(header):
    grid = Grid("Blad1", ((SourceCell("A1", "Project"), SourceCell("B1", header.title())),))
    assert detect_kind(grid) == "acties"


def test_csv_with_other_header_words(demo, draft, tmp_path):
    text = ("Projectnummer;Inspanning;Trekker;Planning;Status;Toelichting\r\n"
            "3.1.1;Overleg met de GI's;Jan;1-3-2023;klaar;\r\n"
            "3.1.1;Evaluatie;Piet;eind 2023;;na de zomer\r\n")
    path = tmp_path / "acties.csv"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    preview = preview_actions(read_grid(path), demo, draft)
    assert preview.problems == [] and preview.periods == 0  # "eind 2023" is a day: 31-12-2023
    assert [(a.description, a.owner, a.due_date, a.status, a.remark) for a in preview.actions] == [
        ("Overleg met de GI's", "Jan", date(2023, 3, 1), ActionStatus.ACHIEVED, ""),
        ("Evaluatie", "Piet", date(2023, 12, 31), ActionStatus.UNKNOWN, "na de zomer")]


# --- writing, refusing and undoing ----------------------------------------------------------

def test_appended_with_positions_continuing_and_undone_exactly(demo, draft, tmp_path):
    target = project(demo, draft, "3.1.1")
    with demo.session() as s:
        old = list(s.execute(select(Action.id, Action.position).where(Action.project_id == target.id)
                             .order_by(Action.position)).all())
    path = workbook(tmp_path / "u.xlsx", [["3.1.1", "", "Een", "", None, "", None, None, None],
                                          ["3.1.1", "", "Twee", "", None, "", None, None, None]])
    before = counts(demo)
    done = apply_actions(demo, draft, preview_actions(read_grid(path), demo, draft), today=TODAY)
    assert isinstance(done, ActionImport) and done.plan_id == draft
    with demo.session() as s:
        made = list(s.execute(select(Action.description, Action.position, Action.updated_on)
                              .where(Action.id.in_(done.action_ids)).order_by(Action.position)).all())
    last = max(p for _, p in old)
    assert made == [("Een", last + 1, TODAY), ("Twee", last + 2, TODAY)]
    undo_actions(demo, done)
    assert counts(demo) == before
    with demo.session() as s:
        assert list(s.execute(select(Action.id, Action.position).where(Action.project_id == target.id)
                              .order_by(Action.position)).all()) == old


def test_an_adopted_plan_is_refused_and_nothing_written(demo, tmp_path):
    adopted = plan_id_of(demo)
    path = workbook(tmp_path / "a.xlsx", [["3.1.1", "", "Nieuwe actie", "", None, "", None, None, None]])
    preview = preview_actions(read_grid(path), demo, adopted)
    assert len(preview.actions) == 1
    before = counts(demo)
    with pytest.raises(PlanReadOnlyError) as e:
        apply_actions(demo, adopted, preview)
    assert "vastgesteld" in e.value.message
    assert counts(demo) == before


# --- round trip -----------------------------------------------------------------------------

def test_round_trip_of_the_demo_export(demo, tmp_path):
    plan_id = plan_id_of(demo)
    out = tmp_path / "acties.xlsx"
    export_workbook(demo, plan_id, out, sheets="acties")
    grid = read_grid(out)
    assert detect_kind(grid) == "acties"
    same = preview_actions(grid, demo, plan_id)  # into the same plan: all there already
    expected = actions_by_project(demo, plan_id)
    assert same.actions == [] and same.problems == []
    assert same.duplicates == sum(len(v) for v in expected.values()) > 0

    copy = create_scenario(demo, plan_id)
    delete_all_actions(demo, copy)
    assert actions_by_project(demo, copy) == {}
    preview = preview_actions(grid, demo, copy)
    assert preview.problems == [] and preview.duplicates == 0
    apply_actions(demo, copy, preview, today=TODAY)
    assert actions_by_project(demo, copy) == expected


def test_round_trip_with_every_kind_of_value(demo, tmp_path):
    copy = create_scenario(demo, plan_id_of(demo))
    with demo.session() as s:
        ids = list(s.scalars(select(Action.id).join(Action.project).join(Project.chapter)
                             .where(Chapter.plan_id == copy).order_by(Action.id)))
    statuses = list(ActionStatus)
    for n, action_id in enumerate(ids[:12]):
        set_action_fields(demo, action_id, today=TODAY, status=statuses[n % 4],
                          owner="" if n % 3 == 0 else f"Eigenaar {n}",
                          due_date=None if n % 5 == 0 else date(2022, 1 + n % 12, 1 + n),
                          remark="" if n % 2 else f"Planning: Q{1 + n % 4} 2022; regel {n}")
    expected = actions_by_project(demo, copy)
    out = tmp_path / "acties.xlsx"
    export_workbook(demo, copy, out, sheets="acties")
    delete_all_actions(demo, copy)
    preview = preview_actions(read_grid(out), demo, copy)
    assert preview.problems == [] and preview.duplicates == 0 and preview.periods == 0
    apply_actions(demo, copy, preview, today=TODAY)
    assert actions_by_project(demo, copy) == expected
    again = preview_actions(read_grid(out), demo, copy)
    assert again.actions == [] and again.duplicates == sum(len(v) for v in expected.values())
