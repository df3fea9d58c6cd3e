"""How much text goes in and how much comes out (issue 14, point 5).

- **In**: every service that stores a title, name, description, note, goal or action refuses
  text beyond its limit (titles and names 300 or their column's 200, texts 20.000) with a Dutch
  message, before anything is written; text at the limit is taken.
- **Numbers**: an amount of more than 15 digits before the comma is refused with the usual
  message instead of failing in Decimal (27 digits raised decimal.InvalidOperation), exponents
  are no amounts, and a pasted page is not repeated whole in a message.
- **Out**: a title of a million characters, or a budget line named by one unbroken word of a
  million letters (as a hostile or damaged file may hold), gives a PDF in about a second, of a
  bounded size, cut with "… (ingekort)" (app/reports/text.py says where).
"""
from __future__ import annotations

import shutil
import time
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from sqlalchemy import select

from app.models import (
    Action,
    AllocationKey,
    Base,
    BudgetGroup,
    BudgetLine,
    Chapter,
    FundingSource,
    Goal,
    KeyMethod,
    Plan,
    PlanKind,
    Project,
    Region,
    Role,
)
from app.models.numbers import MAX_AMOUNT
from app.reports import build_pdf
from app.reports.fonts import REGULAR, register_fonts, string_width
from app.reports.text import CUT, NAME_LIMIT, TEXT_LIMIT, clean, fit_line, wrap_lines
from app.services import ambitions, budget_edit, funding_edit, key_edit, plan_edit, project_edit
from app.services import region_edit, staffing_edit
from app.services.cell_input import InputError, parse_amount, parse_cell, parse_whole_number
from app.services.edit_errors import EditError
from app.services.editing import NAME_MOST, TEXT_MOST, TITLE_MOST, clean_text
from app.services.new_workspace import KeySetup, PlanSetup, SetupError, check_key, check_plan, check_region
from app.services.plan_copy import create_amendment
from app.services.workspace import open_workspace
from db.demo import build_demo

MILLION = 1_000_000


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    folder = tmp_path_factory.mktemp("limits")
    build_demo(folder / "demo.planbord").close()
    return folder / "demo.planbord"


@pytest.fixture
def ws(demo_file, tmp_path):
    path = tmp_path / "work.planbord"
    shutil.copy(demo_file, path)  # a copy of a closed file, for the test only
    workspace = open_workspace(path)
    yield workspace
    workspace.close()


def dump(workspace) -> list:
    """Every row of every table: what "nothing written" is checked against."""
    with workspace.session() as s:
        return [(table.name, sorted(repr(tuple(row)) for row in s.execute(select(table))))
                for table in Base.metadata.sorted_tables]


def ids(workspace) -> dict[str, int]:
    """A draft amendment of the demo plan (which is adopted) and a row of each kind in it."""
    with workspace.session() as s:
        adopted = s.scalars(select(Plan.id).where(Plan.kind == PlanKind.PLAN)).first()
    draft = create_amendment(workspace, adopted)
    with workspace.session() as s:
        chapter = s.scalars(select(Chapter).where(Chapter.plan_id == draft)).first()
        project = s.scalars(select(Project).join(Chapter).where(Chapter.plan_id == draft)).first()
        return {
            "plan": draft, "region": s.scalars(select(Region.id)).first(), "chapter": chapter.id,
            "project": project.id,
            "goal": s.scalars(select(Goal.id).join(Project).join(Chapter).where(Chapter.plan_id == draft)).first(),
            "action": s.scalars(select(Action.id).join(Project).join(Chapter)
                                .where(Chapter.plan_id == draft)).first(),
            "group": s.scalars(select(BudgetGroup.id).where(BudgetGroup.plan_id == draft)).first(),
            "line": s.scalars(select(BudgetLine.id).join(BudgetGroup).where(BudgetGroup.plan_id == draft)).first(),
            "source": s.scalars(select(FundingSource.id).where(FundingSource.plan_id == draft)).first(),
            "key": s.scalars(select(AllocationKey.id)).first(),
            "role": s.scalars(select(Role.id).where(Role.plan_id == draft)).first(),
            "year": s.get(Plan, draft).years[0],
        }


# --- in: every way text is stored ----------------------------------------------------------------

T, N, X = TITLE_MOST, NAME_MOST, TEXT_MOST


def long(count: int) -> str:
    return "a" * count


# (what is called, how long the text may be, the refusal for one character more)
ENTRIES = [
    ("rename plan", T, lambda w, i, t: plan_edit.rename_plan(w, i["plan"], t),
     "De titel is 301 tekens; het maximum is 300."),
    ("total label", T, lambda w, i, t: plan_edit.set_total_label(w, i["plan"], t),
     "Het label van het totaal is 301 tekens; het maximum is 300."),
    ("add chapter", T, lambda w, i, t: project_edit.add_chapter(w, i["plan"], title=t),
     "De titel van het hoofdstuk is 301 tekens; het maximum is 300."),
    ("chapter title", T, lambda w, i, t: project_edit.set_chapter_fields(w, i["chapter"], title=t),
     "De titel van het hoofdstuk is 301 tekens; het maximum is 300."),
    ("chapter text", X, lambda w, i, t: project_edit.set_chapter_fields(w, i["chapter"], text=t),
     "De tekst van het hoofdstuk is 20.001 tekens; het maximum is 20.000."),
    ("add project", T, lambda w, i, t: project_edit.add_project(w, i["chapter"], title=t),
     "De titel van het project is 301 tekens; het maximum is 300."),
    ("project title", T, lambda w, i, t: project_edit.set_project_fields(w, i["project"], title=t),
     "De titel van het project is 301 tekens; het maximum is 300."),
    ("project description", X,
     lambda w, i, t: project_edit.set_project_fields(w, i["project"], description=t),
     "De omschrijving van het project is 20.001 tekens; het maximum is 20.000."),
    ("sponsor", N, lambda w, i, t: project_edit.set_project_fields(w, i["project"], sponsor_admin=t),
     "De bestuurlijk opdrachtgever is 201 tekens; het maximum is 200."),
    ("contractor", N, lambda w, i, t: project_edit.set_project_fields(w, i["project"], contractor=t),
     "De opdrachtnemer is 201 tekens; het maximum is 200."),
    ("add goal", X, lambda w, i, t: project_edit.add_goal(w, i["project"], t),
     "Het doel is 20.001 tekens; het maximum is 20.000."),
    ("goal text", X, lambda w, i, t: project_edit.set_goal_text(w, i["goal"], t),
     "Het doel is 20.001 tekens; het maximum is 20.000."),
    ("add action", X, lambda w, i, t: project_edit.add_action(w, i["project"], t),
     "De omschrijving van de actie is 20.001 tekens; het maximum is 20.000."),
    ("action owner", N, lambda w, i, t: project_edit.set_action_fields(w, i["action"], owner=t),
     "De eigenaar van de actie is 201 tekens; het maximum is 200."),
    ("action remark", X, lambda w, i, t: project_edit.set_action_fields(w, i["action"], remark=t),
     "De opmerking bij de actie is 20.001 tekens; het maximum is 20.000."),
    ("add line", T, lambda w, i, t: budget_edit.add_line(w, i["group"], name=t),
     "De naam is 301 tekens; het maximum is 300."),
    ("line name", T, lambda w, i, t: budget_edit.set_line_fields(w, i["line"], name=t),
     "De naam is 301 tekens; het maximum is 300."),
    ("line note", X, lambda w, i, t: budget_edit.set_line_fields(w, i["line"], note=t),
     "De toelichting is 20.001 tekens; het maximum is 20.000."),
    ("cell note", X, lambda w, i, t: budget_edit.set_cell_note(w, i["line"], i["year"], t),
     "De toelichting is 20.001 tekens; het maximum is 20.000."),
    ("add group", T, lambda w, i, t: budget_edit.add_group(w, i["plan"], None, name=t),
     "De naam is 301 tekens; het maximum is 300."),
    ("group name", T, lambda w, i, t: budget_edit.set_group_fields(w, i["group"], name=t),
     "De naam is 301 tekens; het maximum is 300."),
    ("group number", 20, lambda w, i, t: budget_edit.set_group_fields(w, i["group"], number=t),
     "Het nummer is 21 tekens; het maximum is 20."),
    ("add source", T, lambda w, i, t: funding_edit.add_source(w, i["plan"], name=t),
     "De naam is 301 tekens; het maximum is 300."),
    ("source name", T, lambda w, i, t: funding_edit.set_source_fields(w, i["source"], name=t),
     "De naam is 301 tekens; het maximum is 300."),
    ("source note", X, lambda w, i, t: funding_edit.set_source_fields(w, i["source"], note=t),
     "De toelichting is 20.001 tekens; het maximum is 20.000."),
    ("key note", X, lambda w, i, t: key_edit.add_key(w, i["region"], "Nieuw", KeyMethod.PERCENTAGE, note=t),
     "De toelichting bij de verdeelsleutel is 20.001 tekens; het maximum is 20.000."),
    ("add role", N, lambda w, i, t: staffing_edit.add_role(w, i["plan"], role=t),
     "De naam van de rol is 201 tekens; het maximum is 200."),
    ("add person", N, lambda w, i, t: staffing_edit.add_person(w, i["plan"], name=t),
     "De naam van de medewerker is 201 tekens; het maximum is 200."),
    ("role name", N, lambda w, i, t: staffing_edit.set_role_fields(w, i["role"], role=t),
     "De naam van de rol is 201 tekens; het maximum is 200."),
    # These had a limit and a message of their own, kept word for word.
    ("rename region", N, lambda w, i, t: region_edit.rename_region(w, i["region"], t),
     "Een regio: “aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…” is langer dan 200 tekens."),
    ("key name", N, lambda w, i, t: key_edit.add_key(w, i["region"], t, KeyMethod.PERCENTAGE),
     "Een verdeelsleutel: “aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…” is langer dan 200 tekens."),
    ("basis label", N,
     lambda w, i, t: key_edit.add_key(w, i["region"], "Nieuw", KeyMethod.BASIS, basis_label=t),
     "Het basisgetal “aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…” is langer dan 200 tekens."),
    ("ambition", T, lambda w, i, t: ambitions.add_ambition(w, i["region"], t),
     "Een ambitie is hooguit 300 tekens lang; deze heeft er 301."),
]


@pytest.mark.parametrize("what, most, call, message", ENTRIES, ids=[e[0] for e in ENTRIES])
def test_text_beyond_its_limit_is_refused_in_dutch_and_nothing_is_written(ws, what, most, call, message):
    """One character too many: the Dutch refusal, word for word, and the file as it was."""
    known = ids(ws)
    before = dump(ws)
    with pytest.raises(EditError) as refused:
        call(ws, known, long(most + 1))
    assert refused.value.message == message
    assert dump(ws) == before


@pytest.mark.parametrize("what, most, call, message", ENTRIES, ids=[e[0] for e in ENTRIES])
def test_text_at_its_limit_is_stored_whole(ws, what, most, call, message):
    """Exactly at the limit: taken, and stored without losing a character."""
    known = ids(ws)
    call(ws, known, long(most))
    found = [value for _table, rows in dump(ws) for value in rows if "a" * most in value]
    assert found, what
    assert not [value for value in found if "a" * (most + 1) in value]


@pytest.mark.parametrize("field, most, message", [
    ("name", N, "Een verdeelsleutel: “aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…” is langer dan 200 tekens."),
    ("basis_label", N, "Het basisgetal “aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…” is langer dan 200 tekens."),
    ("note", X, "De toelichting bij de verdeelsleutel is 20.001 tekens; het maximum is 20.000."),
])
def test_a_key_s_fields_are_checked_as_when_it_was_added(ws, field, most, message):
    """The key table's cells (set_key_fields) were stored unchecked; now as add_key checks them,
    before the adopted plan's key is even looked at."""
    known = ids(ws)
    before = dump(ws)
    with pytest.raises(EditError) as refused:
        key_edit.set_key_fields(ws, known["key"], **{field: long(most + 1)})
    assert refused.value.message == message
    assert dump(ws) == before
    with pytest.raises(EditError) as refused:
        key_edit.set_key_fields(ws, known["key"], name="  ")
    assert refused.value.message == "Een verdeelsleutel heeft een naam nodig."


def test_a_pasted_megabyte_is_refused_with_a_short_message(ws):
    """A million characters pasted as a project's title: a message of one line, nothing written."""
    known = ids(ws)
    before = dump(ws)
    with pytest.raises(EditError) as refused:
        project_edit.set_project_fields(ws, known["project"], title="x" * MILLION)
    assert refused.value.message == "De titel van het project is 1.000.000 tekens; het maximum is 300."
    assert dump(ws) == before


def test_the_new_workspace_wizard_refuses_long_names_in_its_own_words():
    with pytest.raises(SetupError) as refused:
        check_region(long(201), ["Delft"])
    assert refused.value.message == "De naam van de regio is 201 tekens; het maximum is 200."
    with pytest.raises(SetupError) as refused:
        check_plan(PlanSetup(2025, title=long(301)))
    assert refused.value.message == "De titel is 301 tekens; het maximum is 300."
    with pytest.raises(SetupError) as refused:
        check_key(KeySetup(long(201), method=KeyMethod.PERCENTAGE, values=["100"]), ["Delft"])
    assert refused.value.message == "De naam van de verdeelsleutel is 201 tekens; het maximum is 200."


def test_clean_text_collapses_strips_or_keeps_as_asked():
    assert clean_text("  a \n b  ", "X", 10, collapse=True) == "a b"
    assert clean_text("  a \n b  ", "X", 10) == "a \n b"
    assert clean_text("  a ", "X", 10, strip=False) == "  a "
    with pytest.raises(EditError) as refused:
        clean_text("   ", "X", 10, needed="Geef X.")
    assert refused.value.message == "Geef X."
    assert clean_text("", "X", 10) == ""


# --- numbers ------------------------------------------------------------------------------------

TOO_LARGE = "is groter dan het maximum van € 999.999.999.999,99."


@pytest.mark.parametrize("typed, amount", [
    ("999.999.999.999,99", "999999999999.99"),
    ("-999.999.999.999,99", "-999999999999.99"),
    ("000999999999999", "999999999999.00"),  # 15 digits, within the range
    ("000.000.999.999.999.999", "999999999999.00"),
    ("0000000000000000000000000000000001", "1.00"),  # leading zeros are no digits of the amount
])
def test_amounts_up_to_the_maximum_are_taken_whatever_zeros_lead_them(typed, amount):
    assert parse_amount(typed) == Decimal(amount)


@pytest.mark.parametrize("typed", [
    "1.000.000.000.000",  # 13 digits: just over the maximum
    "100000000000000",  # 15 digits
    "999999999999999,99",
    "1" * 16,
    "-" + "9" * 16,
    "1" * 27,  # raised decimal.InvalidOperation before
    "1" * 27 + ",5",
    "1" * 400,
    "1.111.111.111.111.111.111.111.111.111",
])
def test_amounts_of_more_digits_are_refused_with_the_usual_message(typed):
    with pytest.raises(InputError) as refused:
        parse_cell(typed)
    shown = typed if len(typed) <= 40 else typed[:40] + "…"
    assert refused.value.message == f"'{shown}' {TOO_LARGE}"


@pytest.mark.parametrize("typed", ["1e30", "1E5", "1e-2", "2,5e3", "Infinity", "NaN", "-inf", "1_000",
                                   "0x10", "١e٣"])
def test_an_exponent_or_a_special_value_is_no_amount(typed):
    with pytest.raises(InputError) as refused:
        parse_amount(typed)
    assert refused.value.message.startswith(f"'{typed}' is geen bedrag.")


@settings(max_examples=300)
@given(st.text(alphabet="0123456789.,-€ e", min_size=1, max_size=80))
def test_whatever_digits_are_typed_an_amount_or_a_dutch_refusal_never_an_error(typed):
    """No decimal.InvalidOperation, no other exception: an amount within the range, or a message."""
    try:
        value = parse_amount(typed)
    except InputError as refused:
        assert refused.message.startswith("'") and len(refused.message) < 200
    else:
        assert abs(value) <= MAX_AMOUNT and value == value.quantize(Decimal("0.01"))


def test_a_basis_figure_or_an_fte_of_too_many_digits_is_refused_in_dutch():
    assert parse_whole_number("9" * 15) == int("9" * 15)
    with pytest.raises(InputError) as refused:
        parse_whole_number("9" * 16)
    assert refused.value.message == "'9999999999999999' is te groot; een basisgetal heeft hoogstens 15 cijfers."
    with pytest.raises(InputError):
        parse_whole_number("9" * 5000)  # int() refuses more than 4300 digits: never reached
    with pytest.raises(EditError) as refused:
        staffing_edit.parse_fte("1" * 30)
    assert refused.value.message == "'111111111111111111111111111111' is te groot voor fte."


# --- out: the PDF -------------------------------------------------------------------------------

ALL = "begroting,bijdragen,formatie,projecten,voortgang"


def annex(ws, tmp_path, change, sections: str = ALL):
    with ws.session() as s:
        plan_id = s.scalars(select(Plan.id).where(Plan.kind == PlanKind.PLAN)).first()
    with ws.transaction() as s:
        change(s, plan_id)
    out = tmp_path / "bijlage.pdf"
    started = time.perf_counter()
    result = build_pdf(ws, plan_id, sections, out)
    seconds = time.perf_counter() - started
    text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
    return result, seconds, out.stat().st_size, text


def test_a_title_of_a_million_characters_gives_a_pdf_in_seconds(ws, tmp_path):
    """A plan title of a million characters (a damaged or hostile file): all five sections in a
    few seconds (about 0.7 s here), a PDF of about 180 kB, the title cut on the title page, in
    the headings and the running header."""
    def change(s, plan_id):
        s.get(Plan, plan_id).title = "Titel " * (MILLION // 6)

    result, seconds, size, text = annex(ws, tmp_path, change)
    assert seconds < 15 and size < 2_000_000 and result.pages < 60
    assert "Titel Tite … (ingekort)" in " ".join(text.split())  # cut after 1.000 characters
    assert text.count("Titel") < 20 * NAME_LIMIT / 6


def test_a_line_named_by_one_unbroken_word_of_a_million_letters_gives_a_pdf_in_seconds(ws, tmp_path):
    """A budget line named "xxxx…" a million times: wrapped in its column, cut after 1.000
    characters with "… (ingekort)", the amounts and every other line still printed."""
    def change(s, plan_id):
        line = s.scalars(select(BudgetLine).where(BudgetLine.name == "onderzoeksbudget")).first()
        line.name = "x" * MILLION

    result, seconds, size, text = annex(ws, tmp_path, change)
    assert seconds < 15 and size < 2_000_000 and result.pages < 60
    assert "… (ingekort)" in text
    assert text.count("x") < 3 * NAME_LIMIT  # in the budget and on the project's sheet
    assert "cliëntervaringsonderzoek en ondersteuning oudersraad" in text


def test_everything_long_at_once_still_gives_a_bounded_pdf(ws, tmp_path):
    """Names, titles, notes, goals, descriptions and remarks of a hundred thousand characters
    (two of each kind; unbroken words, or words of a long text): a PDF all the same, in bounded
    time and size, each text cut where text.py says (here about 250 pages in some 3 s)."""
    def change(s, plan_id):
        for model, fields in ((BudgetLine, ("name", "note")), (BudgetGroup, ("name",)), (Chapter, ("title",)),
                              (Project, ("title", "sponsor_admin", "description")), (Goal, ("text",)),
                              (Action, ("description", "owner", "remark")), (Role, ("role",)),
                              (FundingSource, ("name", "note"))):
            for row in list(s.scalars(select(model).order_by(model.id)))[:2]:
                for field in fields:
                    setattr(row, field, field[0] * 100_000 if field != "description" else "woord " * 16_000)

    result, seconds, size, text = annex(ws, tmp_path, change)
    assert seconds < 60 and size < 5_000_000 and result.pages < 1000
    assert text.count("… (ingekort)") >= 10


def test_clean_cuts_once_with_a_visible_marker():
    cut = clean("a" * 5000, 1000)
    assert cut == "a" * 1000 + CUT and clean(cut, 1000) == cut
    assert clean("kort", 1000) == "kort"
    assert clean("\U000f0001 eigen code", 1000) == "\ufffd eigen code"  # never one of the PDF's own


def test_an_unbroken_word_wraps_in_one_pass():
    """A word of 40.000 letters in a column of 200 pt: broken into lines that fit, nothing lost,
    in time that grows with its length only (the old loop took minutes)."""
    register_fonts()
    word = "w" * 40_000
    started = time.perf_counter()
    lines = wrap_lines(word, REGULAR, 8.5, 200)
    assert time.perf_counter() - started < 5
    assert "".join(lines) == word
    assert all(string_width(line, REGULAR, 8.5) <= 200 for line in lines)
    assert all(string_width(line + "w", REGULAR, 8.5) > 200 for line in lines[:-1])
    assert len(lines) == pytest.approx(40_000 / len(lines[0]), abs=1)


def test_a_line_is_fitted_with_an_ellipsis_by_halving():
    register_fonts()
    started = time.perf_counter()
    fitted = fit_line("t" * MILLION, REGULAR, 8.5, 300)
    assert time.perf_counter() - started < 2
    assert fitted.endswith("…") and string_width(fitted, REGULAR, 8.5) <= 300
    assert string_width(fitted[:-1] + "t…", REGULAR, 8.5) > 300
    assert TEXT_LIMIT > 20_000  # all that can be typed is printed whole
