"""The voortgang annex at a reporting moment (issue 21, point 2), read back with pypdf: the
statuses as of the moment (carried from an earlier moment where none was recorded), the heading
"Stand op dd-mm-jjjj (naam)", and the "Gewijzigd sinds <vorig>" column with per action its change
word and per project the counts; today's annex (no moment) as before."""
from __future__ import annotations

import inspect
import re
from datetime import date

from pypdf import PdfReader
from sqlalchemy import select

from app.models import Action, ActionStatus, Chapter, Plan, Project
from app.reports import build_pdf
from app.reports import build as build_module
from app.services.moments import (
    add_moment,
    changes_since_previous,
    project_lights_at,
    record_status,
    statuses_at,
)
from app.services.plans import find_plan
from app.services.workspace import open_workspace

S = ActionStatus
DAY = date(2022, 12, 5)


def first_project(ws):
    """The plan, and the first project (in number order) with at least three actions: its number,
    title and actions (id, description) in their order."""
    with ws.session() as s:
        plan = find_plan(s, 2022)
        projects = s.execute(select(Project.id, Project.number, Project.title).join(Project.chapter)
                             .where(Chapter.plan_id == plan.id)).all()
        # In number order (3.1.1 before 3.1.2 before 4.1.1): chapter positions count among siblings
        # only, so ordering by them leaves ties the database may break either way.
        def number_order(row):
            return tuple(int(part) for part in row.number.split(".") if part.isdigit()) or (10**6,)

        for pid, number, title in sorted(projects, key=number_order):
            actions = s.execute(select(Action.id, Action.description).where(Action.project_id == pid)
                                .order_by(Action.position, Action.id)).all()
            if len(actions) >= 3:
                return plan.id, pid, f"{number} {title}".strip(), [tuple(a) for a in actions]
    raise AssertionError("no project with three actions")


def history(ws):
    plan_id, pid, label, actions = first_project(ws)
    (a, da), (b, db), (c, dc) = actions[:3]
    march = add_moment(ws, plan_id, date(2022, 3, 1), "Voortgangsrapportage 1 maart 2022")
    july = add_moment(ws, plan_id, date(2022, 7, 1), "Voortgangsrapportage 1 juli 2022")
    record_status(ws, a, march, S.IN_PROGRESS, "gestart", today=DAY)
    record_status(ws, b, march, S.IN_PROGRESS, "loopt", today=DAY)
    record_status(ws, c, march, S.ACHIEVED, today=DAY)
    record_status(ws, a, july, S.ACHIEVED, "opgeleverd in juni", today=DAY)  # behaald
    record_status(ws, b, july, S.NOT_ACHIEVED, "vertraagd", today=DAY)  # verslechterd
    # c: not recorded for July: carried (behaald, unchanged)
    return plan_id, label, (da, db, dc), (march, july)


def build_at(ws, plan_id, moment_id, out, monkeypatch, **kwargs):
    """build_pdf at a moment: with its ``moment_id`` once it takes one, else with the ReportContext
    build_pdf makes given the field (as build_pdf will set it)."""
    if "moment_id" in inspect.signature(build_pdf).parameters:
        return build_pdf(ws, plan_id, "voortgang", out, moment_id=moment_id, **kwargs).path
    made = build_module.ReportContext

    def with_moment(*args, **kw):
        ctx = made(*args, **kw)
        ctx.moment_id = moment_id
        return ctx

    monkeypatch.setattr(build_module, "ReportContext", with_moment)
    return build_pdf(ws, plan_id, "voortgang", out, **kwargs).path


def lines(path) -> list[str]:
    return [re.sub(r"\s+", " ", line).strip() for page in PdfReader(path).pages
            for line in page.extract_text().splitlines() if line.strip()]


def text_of(path) -> str:
    return " ".join(lines(path))


def row_words(text: str, start: str, end: str) -> list[str]:
    """The words of a table row: from its description (``start``) up to the next row's (``end``),
    the description itself left out (it wraps over lines the other cells share)."""
    start, end = " ".join(start.split()), " ".join(end.split()[:3])
    begin = text.index(start)
    row = text[begin:text.index(end, begin + 1)]
    return [w for w in row.split() if w not in start.split()]


def test_the_annex_at_july_prints_the_statuses_then_and_what_changed(ws, tmp_path, monkeypatch):
    plan_id, label, (da, db, dc), (march, july) = history(ws)
    out = build_at(ws, plan_id, july, tmp_path / "juli.pdf", monkeypatch, today=DAY)
    found = lines(out)
    text = " ".join(found)
    assert "Stand op 01-07-2022 (Voortgangsrapportage 1 juli 2022)" in found
    assert "Gewijzigd sinds Voortgangsrapportage 1 maart 2022" in text
    assert "Gewijzigd sinds Voortgangsrapportage 1 maart 2022 (stand op 01-03-2022)" in text
    # The project's counts in the overview: 1 verslechterd, 1 behaald (and c unchanged: not named).
    assert re.search(re.escape(label) + r" 2 – 1 – – 1 verslechterd, 1 behaald", text), text[:2000]
    # Each action with its status then, its remark then, its change word (the rows wrap: the text
    # from one action's description to the next is its row).
    with ws.session() as s:
        plan = s.get(Plan, plan_id)
        then = statuses_at(s, plan, july)
        kinds = {c.action_id: c.kind for c in changes_since_previous(s, plan, july)}
        with_actions = len(project_lights_at(s, plan, july))
    a_row = row_words(text, da, db)
    assert a_row[-6:] == ["31-12-2022", "behaald", "opgeleverd", "in", "juni", "behaald"], a_row
    b_row = row_words(text, db, dc)
    assert b_row[-5:] == ["31-12-2022", "niet", "behaald", "vertraagd", "verslechterd"], b_row
    assert "gestart" not in a_row and "loopt" not in b_row  # March's remarks, replaced in July
    c_row = row_words(text, dc, "3.1.2")
    assert c_row[-2:] == ["31-12-2022", "behaald"], c_row  # carried from March; unchanged: no word
    # The column in the overview and in every project's table of actions.
    assert text.count("Gewijzigd sinds 01-03-2022") == 1 + with_actions
    assert sorted(kinds.values()) == ["behaald", "ongewijzigd", "verslechterd"]
    assert sum(1 for at in then.values() if at.moment_id is not None) == 3


def test_the_first_moment_calls_every_reported_action_new(ws, tmp_path, monkeypatch):
    plan_id, label, (da, db, dc), (march, july) = history(ws)
    out = build_at(ws, plan_id, march, tmp_path / "maart.pdf", monkeypatch, today=DAY)
    found = lines(out)
    text = " ".join(found)
    assert "Stand op 01-03-2022 (Voortgangsrapportage 1 maart 2022)" in found
    assert "Gewijzigd (eerste peilmoment)" in text
    assert re.search(re.escape(label) + r" 1 2 – – – 3 nieuw", text), text[:2000]
    assert row_words(text, da, db)[-5:] == ["31-12-2022", "in", "behandeling", "gestart", "nieuw"]
    assert "opgeleverd in juni" not in text and "vertraagd" not in text  # July's, not yet


def test_without_a_moment_the_annex_is_as_today(ws, tmp_path):
    plan_id, _label, _d, _m = history(ws)
    text = text_of(build_pdf(ws, plan_id, "voortgang", tmp_path / "nu.pdf", today=DAY).path)
    assert "Stand op 05-12-2022." in text
    assert "Gewijzigd" not in text


def test_a_moment_of_another_plan_or_gone_is_said_on_paper(ws, tmp_path, monkeypatch):
    plan_id, _label, _d, _m = history(ws)
    out = build_at(ws, plan_id, 999999, tmp_path / "weg.pdf", monkeypatch, today=DAY)
    assert "Het gekozen peilmoment bestaat niet (meer) bij dit plan" in text_of(out)


def test_the_command_line_prints_the_voortgang_at_a_moment_and_refuses_an_unknown_one(demo_workspace, tmp_path):
    import subprocess
    import sys
    from datetime import date as day
    from pathlib import Path

    from pypdf import PdfReader
    from sqlalchemy import select

    from app.models import Action, Chapter, Plan, PlanKind, Project
    from app.models.plan import ActionStatus
    from app.services.moments import add_moment, record_status

    with open_workspace(demo_workspace) as ws:
        with ws.session() as s:
            plan = s.scalars(select(Plan.id).where(Plan.kind == PlanKind.PLAN)).one()
            action = s.scalars(select(Action.id).join(Action.project).join(Project.chapter)
                               .where(Chapter.plan_id == plan).order_by(Action.id)).first()
        march = add_moment(ws, plan, day(2022, 3, 1), "Maart")
        july = add_moment(ws, plan, day(2022, 7, 1), "Juli")
        record_status(ws, action, march, ActionStatus.IN_PROGRESS, today=day(2022, 3, 2))
        record_status(ws, action, july, ActionStatus.ACHIEVED, today=day(2022, 7, 2))
    root = Path(__file__).resolve().parents[1]
    env = {"PATH": "/usr/bin:/bin", "PLANBORD_DATA_DIR": str(tmp_path / "data"), "QT_QPA_PLATFORM": "offscreen"}
    out = tmp_path / "voortgang.pdf"
    done = subprocess.run([sys.executable, "-m", "app", "pdf", str(demo_workspace), "--plan", "2022", "--sections",
                           "voortgang", "--peilmoment", "01-07-2022", "--out", str(out)], cwd=root,
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(out).pages)
    assert "Stand op 01-07-2022 (Juli)" in text and "behaald" in text
    refused = subprocess.run([sys.executable, "-m", "app", "pdf", str(demo_workspace), "--plan", "2022", "--sections",
                              "voortgang", "--peilmoment", "02-07-2022", "--out", str(out)], cwd=root,
                             capture_output=True, text=True, env=env, timeout=120)
    assert refused.returncode == 1
    assert "geen peilmoment op 02-07-2022; peilmomenten: 01-03-2022 (Maart), 01-07-2022 (Juli)" in refused.stderr
