"""The budget, dekking and verdeelsleutel edit services, as the user of the editors sees them.

Every test works on a small workspace built here (two municipalities, a draft plan of
2022-2024 with a small budget tree and three funding sources, a second draft of 2021-2022,
and an adopted plan 2021), and checks what the editor shows afterwards (the budget sheet
in its order, the cells, the sources in their order, the key's shares), the Dutch refusal
word for word, and that a refused action wrote nothing. Every expected figure is written out
by hand.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from app.models import (
    AllocationKey,
    BudgetCell,
    BudgetGroup,
    BudgetLine,
    FundingAmount,
    FundingSource,
    KeyMethod,
    KeyShare,
    Marker,
    Municipality,
    MunicipalitySet,
    Plan,
    PlanStatus,
    Region,
)
from app.services import budget_edit as edit
from app.services import funding_edit, key_edit
from app.services.budget_sheet import RowKind, load_sheet
from app.services.cell_input import (
    EMPTY,
    HINT,
    CellValue,
    InputError,
    parse_amount,
    parse_cell,
    parse_percentage,
    parse_whole_number,
)
from app.services.edit_errors import EditError, PlanReadOnlyError, read_only_message

ADOPTED_REFUSAL = ("Uitvoeringsplan 2021 is vastgesteld (BOJ 12-11-2020) en kan niet meer worden "
                   "gewijzigd. Maak een wijziging aan om verder te werken.")


def D(text: str) -> Decimal:
    return Decimal(text)


# --------------------------------------------------------------------------- the workspace

def _build(ws) -> None:
    """The small workspace every test starts from (see the module docstring)."""
    with ws.transaction() as s:
        region = Region(name="Regio Proef")
        delft = Municipality(name="Delft", position=0)
        rijswijk = Municipality(name="Rijswijk", position=1)
        region.municipalities = [delft, rijswijk]
        region.municipality_sets = [MunicipalitySet(code="R1", name="alleen Rijswijk", members=[rijswijk])]
        key = AllocationKey(name="Sleutel 2022", method=KeyMethod.PERCENTAGE, basis_label="inwoners",
                            note="vastgesteld in de BOJ")
        key.shares = [KeyShare(municipality=delft, percentage=D("60.00"), basis=103_700),
                      KeyShare(municipality=rijswijk, percentage=D("40.00"), basis=54_900)]
        old_key = AllocationKey(name="Sleutel 2021", method=KeyMethod.PERCENTAGE)
        old_key.shares = [KeyShare(municipality=delft, percentage=D("55.00")),
                          KeyShare(municipality=rijswijk, percentage=D("45.00"))]
        region.allocation_keys = [key, old_key]
        s.add(region)
        draft = Plan(region=region, year=2022, title="Uitvoeringsplan 2022", first_year=2022,
                     last_year=2024, allocation_key=key)
        other = Plan(region=region, year=2021, title="Scenario 2021", first_year=2021, last_year=2022)
        adopted = Plan(region=region, year=2021, title="Uitvoeringsplan 2021", first_year=2021,
                       last_year=2022, status=PlanStatus.ADOPTED, adopted_on=date(2020, 11, 12),
                       adopted_by="BOJ", allocation_key=old_key)
        s.add_all([draft, other, adopted])
        s.flush()

        def group(plan, position, number, name, parent=None):
            g = BudgetGroup(plan_id=plan.id, parent=parent, position=position, number=number, name=name)
            s.add(g)
            return g

        def line(g, position, name, cells=()):
            ln = BudgetLine(position=position, name=name)
            ln.cells = [BudgetCell(year=y, amount=a, marker=m, note=n) for y, a, m, n in cells]
            g.lines.append(ln)
            return ln

        personnel = group(draft, 0, "1", "Personeel")
        line(personnel, 0, "programmamanager", [(2022, D("100000.00"), None, "begroot"),
                                                (2023, D("100000.00"), None, ""),
                                                (2024, None, Marker.PM, "")])
        line(personnel, 1, "secretariaat", [(2022, D("20000.00"), None, "")])
        projects = group(draft, 1, "2", "Projecten")
        # the subgroup and the first line share position 0: the sheet shows the group first
        samenspel = group(draft, 0, "2.1", "Beter Samenspel", parent=projects)
        line(projects, 0, "onderzoek", [(2022, D("5000.00"), None, "")])
        line(projects, 1, "communicatie")
        line(samenspel, 0, "projectleiding", [(2022, D("50000.00"), None, "")])
        group(draft, 2, "3", "Overig")
        for position, (name, amount) in enumerate([("regiobegroting", "150000.00"),
                                                   ("rijksbijdrage", "20000.00"), ("provincie", None)]):
            source = FundingSource(plan_id=draft.id, position=position, name=name)
            if amount is not None:
                source.amounts = [FundingAmount(year=2022, amount=D(amount))]
            s.add(source)
        line(group(other, 0, "1", "Scenario"), 0, "pilot")
        s.add(FundingSource(plan_id=other.id, position=0, name="scenario-dekking"))
        line(group(adopted, 0, "1", "Vastgesteld"), 0, "oude post", [(2021, D("10.00"), None, "")])
        s.add(FundingSource(plan_id=adopted.id, position=0, name="oude dekking",
                            amounts=[FundingAmount(year=2021, amount=D("10.00"))]))


@pytest.fixture(scope="module")
def template(workspace_template):
    return workspace_template(_build)


@pytest.fixture
def ws(template, tmp_path):
    """A copy of the small workspace: a file, and a database on the PostgreSQL test server."""
    workspace = template.open(tmp_path)
    yield workspace
    if not workspace.closed:
        workspace.close()
    template.cleanup()


def plan_id(ws, title):
    with ws.session() as s:
        return s.scalars(select(Plan.id).where(Plan.title == title)).one()


@pytest.fixture
def draft(ws):
    return plan_id(ws, "Uitvoeringsplan 2022")


@pytest.fixture
def other(ws):
    return plan_id(ws, "Scenario 2021")


@pytest.fixture
def adopted(ws):
    return plan_id(ws, "Uitvoeringsplan 2021")


def line(ws, name):
    with ws.session() as s:
        return s.scalars(select(BudgetLine.id).where(BudgetLine.name == name)).one()


def group(ws, name):
    with ws.session() as s:
        return s.scalars(select(BudgetGroup.id).where(BudgetGroup.name == name)).one()


def outline(ws, plan):
    """The budget editor's rows top to bottom: '  ' per level, then the name (no subtotals)."""
    sheet = load_sheet(ws, plan)
    return ["  " * r.level + r.label for r in sheet.rows if r.kind in (RowKind.GROUP, RowKind.LINE)]


START = ["Personeel", "  programmamanager", "  secretariaat", "Projecten",
         "  Beter Samenspel", "    projectleiding", "  onderzoek", "  communicatie", "Overig"]


def cells(ws, plan, name):
    """The year cells of a line as the editor shows them: {year: text}, and the notes."""
    sheet = load_sheet(ws, plan)
    row = next(r for r in sheet.rows if r.kind is RowKind.LINE and r.label == name)
    return {y: v.text() for y, v in row.cells.items()}, row.cell_notes


def cell_rows(ws, line_id):
    """The cell rows stored for a line: (year, amount, marker, note)."""
    with ws.session() as s:
        return sorted((c.year, c.amount, c.marker, c.note) for c in s.scalars(
            select(BudgetCell).where(BudgetCell.line_id == line_id)))


def total(ws, plan, year):
    return load_sheet(ws, plan).figures.total[year]


def refusal(error_type, call, *args, **kwargs) -> str:
    with pytest.raises(error_type) as info:
        call(*args, **kwargs)
    assert str(info.value) == info.value.message
    return info.value.message


def test_the_start_outline_is_as_built(ws, draft):
    """The editor shows the small budget in its order: a subgroup before a line at the same position."""
    assert outline(ws, draft) == START
    assert total(ws, draft, 2022) == D("175000.00")


# --------------------------------------------------------------------------- cells

def test_typed_cells_are_stored_and_the_old_values_come_back_in_order(ws, draft):
    """Typing an amount, a marker and a new amount changes the cells; undo gets the old values."""
    pm = line(ws, "programmamanager")
    old = edit.set_cells(ws, [edit.CellChange(pm, 2022, parse_cell("75.000")),
                              edit.CellChange(pm, 2023, parse_cell("doorlopend")),
                              edit.CellChange(pm, 2024, parse_cell("12.500,50"))])
    assert old == [edit.CellChange(pm, 2022, CellValue(D("100000.00"))),
                   edit.CellChange(pm, 2023, CellValue(D("100000.00"))),
                   edit.CellChange(pm, 2024, CellValue(marker=Marker.PM))]
    assert cells(ws, draft, "programmamanager") == ({2022: "75.000", 2023: "doorlopend", 2024: "12.500,50"},
                                                   {2022: "begroot"})
    assert total(ws, draft, 2022) == D("150000.00")
    edit.set_cells(ws, old)
    assert cells(ws, draft, "programmamanager") == ({2022: "100.000", 2023: "100.000", 2024: "PM"},
                                                   {2022: "begroot"})


def test_typing_into_an_empty_cell_creates_it_and_undo_removes_it_again(ws, draft):
    """A new amount in an empty year is stored; its undo (empty) leaves no cell behind."""
    sec = line(ws, "secretariaat")
    old = edit.set_cells(ws, [edit.CellChange(sec, 2024, parse_cell("7.000"))])
    assert old == [edit.CellChange(sec, 2024, EMPTY)]
    assert cell_rows(ws, sec) == [(2022, D("20000.00"), None, ""), (2024, D("7000.00"), None, "")]
    edit.set_cells(ws, old)
    assert cell_rows(ws, sec) == [(2022, D("20000.00"), None, "")]


def test_clearing_a_cell_without_a_note_removes_it_and_a_noted_cell_keeps_its_note(ws, draft):
    """Delete on an amount clears it; a cell with a toelichting keeps the toelichting."""
    pm = line(ws, "programmamanager")
    edit.set_cells(ws, [edit.CellChange(pm, 2022, EMPTY), edit.CellChange(pm, 2023, EMPTY)])
    assert cell_rows(ws, pm) == [(2022, None, None, "begroot"), (2024, None, Marker.PM, "")]
    assert cells(ws, draft, "programmamanager")[0] == {2022: "", 2023: "", 2024: "PM"}
    assert total(ws, draft, 2022) == D("75000.00")


def test_typing_twice_into_a_new_cell_in_one_block_keeps_the_last_value(ws, draft):
    """A block that fills the same empty cell twice shows the value it ends with, in one cell."""
    sec = line(ws, "secretariaat")
    old = edit.set_cells(ws, [edit.CellChange(sec, 2023, parse_cell("1")),
                              edit.CellChange(sec, 2023, parse_cell("2"))])
    assert old == [edit.CellChange(sec, 2023, EMPTY)]  # one old value per cell: undo empties it
    assert cell_rows(ws, sec) == [(2022, D("20000.00"), None, ""), (2023, D("2.00"), None, "")]


def test_nothing_to_change_is_refused(ws):
    """An empty paste is refused in Dutch by the budget, the dekking and the key."""
    assert refusal(EditError, edit.set_cells, ws, []) == "Er is niets om te wijzigen."
    assert refusal(EditError, funding_edit.set_funding_amounts, ws, []) == "Er is niets om te wijzigen."
    assert refusal(EditError, key_edit.set_shares, ws, []) == "Er is niets om te wijzigen."


@pytest.mark.parametrize("year", [2021, 2025])
def test_a_year_just_outside_the_plan_is_refused_and_the_block_writes_nothing(ws, draft, year):
    """2021 and 2025 are not years of the plan 2022-2024: the whole block is refused."""
    pm = line(ws, "programmamanager")
    before = cell_rows(ws, pm)
    message = refusal(EditError, edit.set_cells, ws, [edit.CellChange(pm, 2022, parse_cell("1")),
                                                      edit.CellChange(pm, year, parse_cell("2"))])
    assert message == f"{year} is geen jaar van dit plan."
    assert cell_rows(ws, pm) == before


def test_the_first_and_last_year_of_the_plan_are_accepted(ws, draft):
    """2022 and 2024 are the plan's edges and take amounts."""
    sec = line(ws, "secretariaat")
    edit.set_cells(ws, [edit.CellChange(sec, 2022, parse_cell("1")), edit.CellChange(sec, 2024, parse_cell("3"))])
    assert cells(ws, draft, "secretariaat")[0] == {2022: "1", 2023: "", 2024: "3"}


def test_a_block_over_two_plans_checks_each_line_against_its_own_plan(ws, draft, other):
    """2024 is a year of one plan and 2021 of the other: a block holding both is accepted."""
    sec, pilot = line(ws, "secretariaat"), line(ws, "pilot")
    edit.set_cells(ws, [edit.CellChange(sec, 2024, parse_cell("4")), edit.CellChange(pilot, 2021, parse_cell("5"))])
    assert cells(ws, draft, "secretariaat")[0][2024] == "4"
    assert cells(ws, other, "pilot")[0] == {2021: "5", 2022: ""}
    message = refusal(EditError, edit.set_cells, ws, [edit.CellChange(pilot, 2024, parse_cell("6"))])
    assert message == "2024 is geen jaar van dit plan."


def test_cells_of_an_adopted_plan_are_refused_with_the_boj_date(ws, adopted):
    """Typing into the adopted plan says who adopted it when, and that a wijziging is needed."""
    old = line(ws, "oude post")
    assert refusal(PlanReadOnlyError, edit.set_cells, ws,
                   [edit.CellChange(old, 2021, parse_cell("1"))]) == ADOPTED_REFUSAL
    assert refusal(PlanReadOnlyError, edit.set_cell_note, ws, old, 2021, "x") == ADOPTED_REFUSAL
    assert cell_rows(ws, old) == [(2021, D("10.00"), None, "")]


def test_a_deleted_line_or_group_is_reported_gone(ws, draft):
    """Editing a line or group another action deleted says so in Dutch."""
    sec = line(ws, "secretariaat")
    edit.delete_line(ws, sec)
    gone = "Deze begrotingspost bestaat niet meer."
    assert refusal(EditError, edit.set_cells, ws, [edit.CellChange(sec, 2022, EMPTY)]) == gone
    assert refusal(EditError, edit.set_cell_note, ws, sec, 2022, "x") == gone
    assert refusal(EditError, edit.set_line_fields, ws, sec, name="x") == gone
    assert refusal(EditError, edit.place_of, ws, "line", sec) == gone
    overig = group(ws, "Overig")
    edit.delete_group(ws, overig)
    assert refusal(EditError, edit.set_group_fields, ws, overig, name="x") == "Deze groep bestaat niet meer."
    assert refusal(EditError, edit.add_line, ws, overig) == "Deze groep bestaat niet meer."
    assert refusal(EditError, edit.add_group, ws, draft, overig) == "Deze groep bestaat niet meer."
    assert refusal(EditError, edit.add_group, ws, 9999, None) == "Dit plan bestaat niet meer."


def test_fill_right_copies_the_year_into_every_later_year(ws, draft):
    """Ctrl+R from 2022 puts 2022's value into 2023 and 2024 of each selected line."""
    sec, onderzoek = line(ws, "secretariaat"), line(ws, "onderzoek")
    changes = edit.fill_right_changes(ws, [sec, onderzoek], 2022)
    assert changes == [edit.CellChange(sec, 2023, CellValue(D("20000.00"))),
                       edit.CellChange(sec, 2024, CellValue(D("20000.00"))),
                       edit.CellChange(onderzoek, 2023, CellValue(D("5000.00"))),
                       edit.CellChange(onderzoek, 2024, CellValue(D("5000.00")))]
    pm = line(ws, "programmamanager")
    assert edit.fill_right_changes(ws, [pm], 2023) == [edit.CellChange(pm, 2024, CellValue(D("100000.00")))]
    # an empty year fills the later years with empty
    assert edit.fill_right_changes(ws, [sec], 2023) == [edit.CellChange(sec, 2024, EMPTY)]


def test_fill_right_from_the_last_year_is_refused(ws, draft):
    """Ctrl+R in the last year column has nothing to fill and says so."""
    assert (refusal(EditError, edit.fill_right_changes, ws, [line(ws, "secretariaat")], 2024)
            == "Er zijn geen latere jaren om naar rechts te vullen.")


# --------------------------------------------------------------------------- notes

def test_a_note_on_an_empty_cell_is_kept_and_clearing_it_removes_the_cell(ws, draft):
    """Shift+F2 on an empty year stores the toelichting (trimmed); clearing it leaves no cell."""
    sec = line(ws, "secretariaat")
    assert edit.set_cell_note(ws, sec, 2023, "  nieuw contract  ") == ""
    assert cell_rows(ws, sec) == [(2022, D("20000.00"), None, ""), (2023, None, None, "nieuw contract")]
    assert cells(ws, draft, "secretariaat")[1] == {2023: "nieuw contract"}
    assert edit.set_cell_note(ws, sec, 2023, "   ") == "nieuw contract"
    assert cell_rows(ws, sec) == [(2022, D("20000.00"), None, "")]


def test_clearing_the_note_of_an_amount_keeps_the_amount(ws, draft):
    """Removing a toelichting does not remove the amount it explained."""
    pm = line(ws, "programmamanager")
    assert edit.set_cell_note(ws, pm, 2022, "") == "begroot"
    assert cell_rows(ws, pm)[0] == (2022, D("100000.00"), None, "")
    assert edit.set_cell_note(ws, pm, 2024, "nog onbekend") == ""
    assert cell_rows(ws, pm)[2] == (2024, None, Marker.PM, "nog onbekend")


def test_an_empty_note_on_an_empty_cell_writes_nothing(ws, draft):
    """Clearing the note of a year that has nothing stores no cell at all."""
    sec = line(ws, "secretariaat")
    assert edit.set_cell_note(ws, sec, 2024, "") == ""
    assert cell_rows(ws, sec) == [(2022, D("20000.00"), None, "")]


@pytest.mark.parametrize("year", [2021, 2025])
def test_a_note_outside_the_plan_years_is_refused(ws, draft, year):
    """A toelichting for a year the plan does not have is refused."""
    assert (refusal(EditError, edit.set_cell_note, ws, line(ws, "secretariaat"), year, "x")
            == f"{year} is geen jaar van dit plan.")


# --------------------------------------------------------------------------- fields

def test_renaming_a_line_trims_the_name_and_returns_the_old_fields(ws, draft):
    """A line renamed with spaces around shows the trimmed name; undo gets the old name and note."""
    sec = line(ws, "secretariaat")
    with ws.session() as s:
        r1 = s.scalars(select(MunicipalitySet.id)).one()
    old = edit.set_line_fields(ws, sec, name="  secretariële ondersteuning ", note="halve fte",
                               municipality_set_id=r1)
    assert old == {"name": "secretariaat", "note": "", "municipality_set_id": None}
    row = next(r for r in load_sheet(ws, draft).rows if r.id == sec and r.kind is RowKind.LINE)
    assert (row.label, row.note, row.set_code) == ("secretariële ondersteuning", "halve fte", "R1")


@pytest.mark.parametrize("name", ["", "   ", None])
def test_a_line_group_or_source_without_a_name_is_refused(ws, draft, name):
    """Clearing a name is refused with a message naming what needs one; nothing changes."""
    assert (refusal(EditError, edit.set_line_fields, ws, line(ws, "secretariaat"), name=name)
            == "Een begrotingspost heeft een naam nodig.")
    assert (refusal(EditError, edit.set_group_fields, ws, group(ws, "Overig"), name=name)
            == "Een groep heeft een naam nodig.")
    source = sources(ws, draft)[0][0]
    assert (refusal(EditError, funding_edit.set_source_fields, ws, source, name=name)
            == "Een dekkingsbron heeft een naam nodig.")
    assert outline(ws, draft) == START
    assert [n for _, n in sources(ws, draft)] == ["regiobegroting", "rijksbijdrage", "provincie"]


def test_unknown_fields_are_refused_and_named(ws, draft):
    """A field an item does not have is refused, naming the fields in alphabetical order."""
    sec, overig = line(ws, "secretariaat"), group(ws, "Overig")
    assert refusal(EditError, edit.set_line_fields, ws, sec, number="9", colour="rood") == \
        "Onbekend veld: colour, number"
    assert refusal(EditError, edit.set_group_fields, ws, overig, note="x") == "Onbekend veld: note"
    assert refusal(EditError, edit.set_group_fields, ws, overig, project_id=None) == "Onbekend veld: project_id"
    source = sources(ws, draft)[0][0]
    assert refusal(EditError, funding_edit.set_source_fields, ws, source, number="1") == "Onbekend veld: number"


def test_group_fields_change_what_the_sheet_shows(ws, draft):
    """A group's name, number, subtotal flag and Gemeenten set change; the old values come back for undo."""
    overig = group(ws, "Overig")
    with ws.session() as s:
        r1 = s.scalars(select(MunicipalitySet.id)).one()
    old = edit.set_group_fields(ws, overig, name=" Reserves ", number="4", shows_subtotal=True,
                                municipality_set_id=r1)
    assert old == {"name": "Overig", "number": "3", "shows_subtotal": False, "municipality_set_id": None}
    row = load_sheet(ws, draft).rows[load_sheet(ws, draft).group_row[overig]]
    assert (row.label, row.number, row.shows_subtotal, row.set_code) == ("Reserves", "4", True, "R1")


def test_fields_of_an_adopted_plan_are_refused(ws, adopted):
    """Renaming in the adopted plan is refused with the adopted-plan message."""
    assert refusal(PlanReadOnlyError, edit.set_line_fields, ws, line(ws, "oude post"), name="x") == ADOPTED_REFUSAL
    assert refusal(PlanReadOnlyError, edit.set_group_fields, ws, group(ws, "Vastgesteld"),
                   name="x") == ADOPTED_REFUSAL
    assert outline(ws, adopted) == ["Vastgesteld", "  oude post"]


# --------------------------------------------------------------------------- adding

@pytest.mark.parametrize("index, expected", [
    (None, ["  programmamanager", "  secretariaat", "  Nieuwe post"]),
    (0, ["  Nieuwe post", "  programmamanager", "  secretariaat"]),
    (1, ["  programmamanager", "  Nieuwe post", "  secretariaat"]),
    (2, ["  programmamanager", "  secretariaat", "  Nieuwe post"]),
    (99, ["  programmamanager", "  secretariaat", "  Nieuwe post"]),
    (-1, ["  Nieuwe post", "  programmamanager", "  secretariaat"]),
])
def test_a_new_line_goes_where_asked_within_its_group(ws, draft, index, expected):
    """Ctrl+Return puts 'Nieuwe post' at the asked row; past either end it goes to that end."""
    new = edit.add_line(ws, group(ws, "Personeel"), index)
    assert outline(ws, draft)[:4] == ["Personeel"] + expected
    assert outline(ws, draft)[4:] == START[3:]
    assert line(ws, "Nieuwe post") == new


def test_a_new_line_takes_a_trimmed_name_or_the_default(ws, draft):
    """A typed name is trimmed; a blank one becomes 'Nieuwe post'."""
    personnel = group(ws, "Personeel")
    edit.add_line(ws, personnel, name="  reiskosten ")
    edit.add_line(ws, personnel, name="   ")
    assert outline(ws, draft)[1:5] == ["  programmamanager", "  secretariaat", "  reiskosten", "  Nieuwe post"]


def test_a_new_line_keeps_a_subgroup_above_the_line_it_shared_a_position_with(ws, draft):
    """Adding a line in a group whose subgroup and line shared a position keeps the order shown."""
    edit.add_line(ws, group(ws, "Projecten"), 1, name="extra")
    assert outline(ws, draft)[3:8] == ["Projecten", "  Beter Samenspel", "    projectleiding", "  extra",
                                       "  onderzoek"]


@pytest.mark.parametrize("index, expected", [
    (None, ["Personeel", "Projecten", "Overig", "Nieuwe groep"]),
    (0, ["Nieuwe groep", "Personeel", "Projecten", "Overig"]),
    (2, ["Personeel", "Projecten", "Nieuwe groep", "Overig"]),
    (3, ["Personeel", "Projecten", "Overig", "Nieuwe groep"]),
    (50, ["Personeel", "Projecten", "Overig", "Nieuwe groep"]),
    (-1, ["Nieuwe groep", "Personeel", "Projecten", "Overig"]),
])
def test_a_new_top_group_goes_where_asked(ws, draft, index, expected):
    """Ctrl+Shift+Return adds 'Nieuwe groep' at the asked place among the top groups."""
    new = edit.add_group(ws, draft, None, index)
    assert [r for r in outline(ws, draft) if not r.startswith(" ")] == expected
    assert group(ws, "Nieuwe groep") == new


def test_a_new_subgroup_goes_among_the_lines_of_its_group(ws, draft):
    """A subgroup added at row 2 of 'Projecten' stands between its two lines, trimmed name kept."""
    edit.add_group(ws, draft, group(ws, "Projecten"), 2, name=" Pilots ")
    edit.add_group(ws, draft, group(ws, "Overig"), name="  ")
    assert outline(ws, draft)[3:] == ["Projecten", "  Beter Samenspel", "    projectleiding", "  onderzoek",
                                      "  Pilots", "  communicatie", "Overig", "  Nieuwe groep"]


def test_adding_to_an_adopted_plan_is_refused(ws, adopted):
    """Adding a line or group to the adopted plan is refused and adds nothing."""
    assert refusal(PlanReadOnlyError, edit.add_line, ws, group(ws, "Vastgesteld")) == ADOPTED_REFUSAL
    assert refusal(PlanReadOnlyError, edit.add_group, ws, adopted, None) == ADOPTED_REFUSAL
    assert outline(ws, adopted) == ["Vastgesteld", "  oude post"]


# --------------------------------------------------------------------------- deleting and restoring

def test_deleting_a_line_and_undoing_puts_it_back_with_its_cells_and_notes(ws, draft):
    """Ctrl+Delete on a line removes it and its amounts; undo puts all back in the same row."""
    pm = line(ws, "programmamanager")
    before = cell_rows(ws, pm)
    snapshot = edit.delete_line(ws, pm)
    assert snapshot.place == edit.Place(group(ws, "Personeel"), 0)
    assert snapshot.root_id == pm
    assert outline(ws, draft)[:2] == ["Personeel", "  secretariaat"]
    assert total(ws, draft, 2022) == D("75000.00")
    edit.restore(ws, snapshot)
    assert outline(ws, draft) == START
    assert line(ws, "programmamanager") == pm
    assert cell_rows(ws, pm) == before
    assert cells(ws, draft, "programmamanager")[1] == {2022: "begroot"}


def test_a_line_restored_after_its_neighbours_went_lands_at_the_end(ws, draft):
    """Undoing the delete of a last line after the line above it went puts it last, not lost."""
    snap_sec = edit.delete_line(ws, line(ws, "secretariaat"))
    assert snap_sec.place.index == 1
    edit.delete_line(ws, line(ws, "programmamanager"))
    edit.restore(ws, snap_sec)
    assert outline(ws, draft)[:3] == ["Personeel", "  secretariaat", "Projecten"]


def test_deleting_a_group_takes_everything_below_and_undo_brings_it_back(ws, draft):
    """Deleting 'Projecten' removes its subgroup and lines; undo restores all in place."""
    projects = group(ws, "Projecten")
    snapshot = edit.delete_group(ws, projects)
    assert snapshot.place == edit.Place(None, 1)
    assert snapshot.root_id == projects
    assert outline(ws, draft) == ["Personeel", "  programmamanager", "  secretariaat", "Overig"]
    assert total(ws, draft, 2022) == D("120000.00")
    with ws.session() as s:
        assert s.scalar(select(func.count(BudgetLine.id)).where(BudgetLine.name == "projectleiding")) == 0
    edit.restore(ws, snapshot)
    assert outline(ws, draft) == START
    assert total(ws, draft, 2022) == D("175000.00")
    # and the restored tree can be deleted again as a whole (its rows are real rows again)
    edit.delete_group(ws, projects)
    assert outline(ws, draft) == ["Personeel", "  programmamanager", "  secretariaat", "Overig"]


def test_deleting_a_subgroup_renumbers_what_stays(ws, draft):
    """After a subgroup is deleted the lines of its group keep their order."""
    snapshot = edit.delete_group(ws, group(ws, "Beter Samenspel"))
    assert snapshot.place == edit.Place(group(ws, "Projecten"), 0)
    edit.add_line(ws, group(ws, "Projecten"), 1, name="midden")
    assert outline(ws, draft)[3:] == ["Projecten", "  onderzoek", "  midden", "  communicatie", "Overig"]


def test_deleting_in_an_adopted_plan_is_refused(ws, adopted):
    """Ctrl+Delete in the adopted plan is refused and removes nothing."""
    assert refusal(PlanReadOnlyError, edit.delete_line, ws, line(ws, "oude post")) == ADOPTED_REFUSAL
    assert refusal(PlanReadOnlyError, edit.delete_group, ws, group(ws, "Vastgesteld")) == ADOPTED_REFUSAL
    assert outline(ws, adopted) == ["Vastgesteld", "  oude post"]


def test_undo_of_a_delete_is_refused_once_the_plan_is_adopted(ws, draft):
    """A delete cannot be undone into a plan that was adopted meanwhile: nothing comes back."""
    snap_line = edit.delete_line(ws, line(ws, "secretariaat"))
    snap_group = edit.delete_group(ws, group(ws, "Overig"))
    with ws.transaction() as s:
        plan = s.get(Plan, draft)
        plan.status, plan.adopted_on, plan.adopted_by = PlanStatus.ADOPTED, date(2021, 11, 11), "BOJ"
    message = ("Uitvoeringsplan 2022 is vastgesteld (BOJ 11-11-2021) en kan niet meer worden gewijzigd. "
               "Maak een wijziging aan om verder te werken.")
    assert refusal(PlanReadOnlyError, edit.restore, ws, snap_line) == message
    assert refusal(PlanReadOnlyError, edit.restore, ws, snap_group) == message
    assert "  secretariaat" not in outline(ws, draft) and "Overig" not in outline(ws, draft)


# --------------------------------------------------------------------------- moving

def test_moving_a_line_into_another_group_and_back(ws, draft):
    """Moving a line puts it at the asked row of the other group; undo puts it back."""
    sec = line(ws, "secretariaat")
    was = edit.move(ws, "line", sec, edit.Place(group(ws, "Projecten"), 2))
    assert was == edit.Place(group(ws, "Personeel"), 1)
    assert outline(ws, draft) == ["Personeel", "  programmamanager", "Projecten", "  Beter Samenspel",
                                  "    projectleiding", "  onderzoek", "  secretariaat", "  communicatie", "Overig"]
    edit.move(ws, "line", sec, was)
    assert outline(ws, draft) == START


@pytest.mark.parametrize("index, expected", [
    (0, ["  secretariaat", "  programmamanager"]),
    (5, ["  programmamanager", "  secretariaat"]),
    (-2, ["  secretariaat", "  programmamanager"]),
])
def test_moving_a_line_within_its_group_clamps_to_the_ends(ws, draft, index, expected):
    """Alt+Up/Down style moves: row 0 is first, a row past the end is last."""
    edit.move(ws, "line", line(ws, "secretariaat"), edit.Place(group(ws, "Personeel"), index))
    assert outline(ws, draft)[1:3] == expected


def test_moving_a_group_to_the_top_level_and_into_another_group(ws, draft):
    """A subgroup moved to the top level stands where asked; moved back it sits in its group."""
    samenspel, projects = group(ws, "Beter Samenspel"), group(ws, "Projecten")
    was = edit.move(ws, "group", samenspel, edit.Place(None, 0))
    assert was == edit.Place(projects, 0)
    assert outline(ws, draft)[:2] == ["Beter Samenspel", "  projectleiding"]
    assert outline(ws, draft)[5:] == ["Projecten", "  onderzoek", "  communicatie", "Overig"]
    edit.move(ws, "group", samenspel, edit.Place(group(ws, "Overig"), 0))
    assert outline(ws, draft)[-3:] == ["Overig", "  Beter Samenspel", "    projectleiding"]


def test_a_group_cannot_go_into_itself_or_its_own_subgroup(ws, draft):
    """Moving a group into itself or below itself is refused; the tree stays as it was."""
    projects, samenspel = group(ws, "Projecten"), group(ws, "Beter Samenspel")
    message = "Een groep kan niet in zichzelf of in een eigen subgroep worden gezet."
    assert refusal(EditError, edit.move, ws, "group", projects, edit.Place(projects, 0)) == message
    assert refusal(EditError, edit.move, ws, "group", projects, edit.Place(samenspel, 0)) == message
    assert outline(ws, draft) == START
    # a sibling's subgroup is fine
    edit.move(ws, "group", group(ws, "Personeel"), edit.Place(samenspel, 5))
    assert outline(ws, draft)[:6] == ["Projecten", "  Beter Samenspel", "    projectleiding",
                                      "    Personeel", "      programmamanager", "      secretariaat"]


def test_a_line_cannot_stand_outside_every_group(ws, draft):
    """Moving a line to the top level is refused with the reason."""
    assert (refusal(EditError, edit.move, ws, "line", line(ws, "secretariaat"), edit.Place(None, 0))
            == "Een begrotingspost hoort in een groep; kies een groep om hem in te zetten.")
    assert outline(ws, draft) == START


def test_moving_in_an_adopted_plan_is_refused(ws, adopted):
    """Moves in the adopted plan are refused."""
    assert refusal(PlanReadOnlyError, edit.move, ws, "line", line(ws, "oude post"),
                   edit.Place(group(ws, "Vastgesteld"), 0)) == ADOPTED_REFUSAL
    assert refusal(PlanReadOnlyError, edit.move, ws, "group", group(ws, "Vastgesteld"),
                   edit.Place(None, 0)) == ADOPTED_REFUSAL


def test_place_of_names_the_parent_and_the_row(ws, draft):
    """Where a line or group stands: its group and its row among groups and lines."""
    projects = group(ws, "Projecten")
    assert edit.place_of(ws, "line", line(ws, "communicatie")) == edit.Place(projects, 2)
    assert edit.place_of(ws, "line", line(ws, "onderzoek")) == edit.Place(projects, 1)
    assert edit.place_of(ws, "group", group(ws, "Beter Samenspel")) == edit.Place(projects, 0)
    assert edit.place_of(ws, "group", group(ws, "Overig")) == edit.Place(None, 2)


def test_alt_up_and_down_stop_at_the_edges(ws, draft):
    """Alt+Up on the first row and Alt+Down on the last do nothing; in between they move one row."""
    personnel, projects = group(ws, "Personeel"), group(ws, "Projecten")
    pm, sec = line(ws, "programmamanager"), line(ws, "secretariaat")
    assert edit.shifted(ws, "line", pm, -1) is None
    assert edit.shifted(ws, "line", pm, +1) == edit.Place(personnel, 1)
    assert edit.shifted(ws, "line", sec, +1) is None
    assert edit.shifted(ws, "line", sec, -1) == edit.Place(personnel, 0)
    assert edit.shifted(ws, "group", group(ws, "Overig"), +1) is None
    assert edit.shifted(ws, "group", group(ws, "Overig"), -1) == edit.Place(None, 1)
    assert edit.shifted(ws, "group", personnel, -1) is None
    assert edit.shifted(ws, "line", line(ws, "onderzoek"), -1) == edit.Place(projects, 0)


def test_indent_goes_into_the_group_just_above_at_its_end(ws, draft):
    """Alt+Right puts a line into the nearest group above it, after that group's rows."""
    samenspel = group(ws, "Beter Samenspel")
    assert edit.indented(ws, "line", line(ws, "communicatie")) == edit.Place(samenspel, 1)
    assert edit.indented(ws, "line", line(ws, "onderzoek")) == edit.Place(samenspel, 1)
    assert edit.indented(ws, "group", group(ws, "Overig")) == edit.Place(group(ws, "Projecten"), 3)
    assert edit.indented(ws, "group", group(ws, "Projecten")) == edit.Place(group(ws, "Personeel"), 2)


def test_indent_without_a_group_above_does_nothing(ws, draft):
    """Alt+Right on a first row, or below lines only, has no group to go into."""
    assert edit.indented(ws, "line", line(ws, "secretariaat")) is None
    assert edit.indented(ws, "line", line(ws, "programmamanager")) is None
    assert edit.indented(ws, "group", group(ws, "Personeel")) is None
    assert edit.indented(ws, "group", group(ws, "Beter Samenspel")) is None


def test_outdent_goes_just_below_the_group_it_leaves(ws, draft):
    """Alt+Left takes a row out of its group to the row right after that group."""
    projects = group(ws, "Projecten")
    assert edit.outdented(ws, "line", line(ws, "projectleiding")) == edit.Place(projects, 1)
    assert edit.outdented(ws, "group", group(ws, "Beter Samenspel")) == edit.Place(None, 2)


def test_outdent_stops_at_the_top_level(ws, draft):
    """A top group cannot go further out, nor a line in a top group (it would leave every group)."""
    assert edit.outdented(ws, "group", group(ws, "Projecten")) is None
    assert edit.outdented(ws, "line", line(ws, "onderzoek")) is None


# --------------------------------------------------------------------------- dekking

def sources(ws, plan):
    """The dekking rows in the order the editor shows them: (id, name)."""
    with ws.session() as s:
        return [(src.id, src.name) for src in s.scalars(select(FundingSource).where(
            FundingSource.plan_id == plan).order_by(FundingSource.position))]


def amounts(ws, source):
    with ws.session() as s:
        return {a.year: a.amount for a in s.scalars(select(FundingAmount).where(FundingAmount.source_id == source))}


def test_funding_amounts_are_set_cleared_and_returned_for_undo(ws, draft):
    """A new, a changed and a cleared dekking amount are stored; undo gets the old ones back."""
    regio, rijk, prov = (i for i, _ in sources(ws, draft))
    change = funding_edit.FundingChange
    old = funding_edit.set_funding_amounts(ws, [change(regio, 2022, D("140000.00")), change(rijk, 2022, None),
                                                change(prov, 2024, D("5000.00"))])
    assert old == [change(regio, 2022, D("150000.00")), change(rijk, 2022, D("20000.00")), change(prov, 2024, None)]
    assert (amounts(ws, regio), amounts(ws, rijk), amounts(ws, prov)) == (
        {2022: D("140000.00")}, {}, {2024: D("5000.00")})
    assert load_sheet(ws, draft).figures.funding[2022] == D("140000.00")
    funding_edit.set_funding_amounts(ws, old)
    assert (amounts(ws, regio), amounts(ws, rijk), amounts(ws, prov)) == (
        {2022: D("150000.00")}, {2022: D("20000.00")}, {})


def test_funding_typed_twice_into_a_new_cell_in_one_block_keeps_the_last(ws, draft):
    """A block that fills the same empty dekking cell twice ends with the last amount, in one row."""
    prov = sources(ws, draft)[2][0]
    change = funding_edit.FundingChange
    old = funding_edit.set_funding_amounts(ws, [change(prov, 2023, D("2.00")), change(prov, 2023, D("3.00"))])
    assert old == [change(prov, 2023, None)]  # one old value per cell: undo empties it
    assert amounts(ws, prov) == {2023: D("3.00")}


@pytest.mark.parametrize("year", [2021, 2025])
def test_funding_outside_the_plan_years_is_refused(ws, draft, year):
    """A dekking amount for a year the plan does not have refuses the whole block."""
    regio = sources(ws, draft)[0][0]
    change = funding_edit.FundingChange
    assert refusal(EditError, funding_edit.set_funding_amounts, ws,
                   [change(regio, 2022, D("1.00")), change(regio, year, D("1.00"))]) == \
        f"{year} is geen jaar van dit plan."
    assert amounts(ws, regio) == {2022: D("150000.00")}


def test_funding_over_two_plans_checks_each_against_its_own_years(ws, draft, other):
    """2024 for the 2022-2024 plan and 2021 for the 2021-2022 plan go together in one block."""
    regio, scen = sources(ws, draft)[0][0], sources(ws, other)[0][0]
    change = funding_edit.FundingChange
    funding_edit.set_funding_amounts(ws, [change(regio, 2024, D("4.00")), change(scen, 2021, D("5.00"))])
    assert amounts(ws, regio) == {2022: D("150000.00"), 2024: D("4.00")}
    assert amounts(ws, scen) == {2021: D("5.00")}


def test_funding_of_an_adopted_plan_and_a_deleted_source_are_refused(ws, draft, adopted):
    """The adopted plan's dekking is read-only; a source deleted meanwhile is reported gone."""
    change = funding_edit.FundingChange
    old_source = sources(ws, adopted)[0][0]
    assert refusal(PlanReadOnlyError, funding_edit.set_funding_amounts, ws,
                   [change(old_source, 2021, None)]) == ADOPTED_REFUSAL
    assert refusal(PlanReadOnlyError, funding_edit.set_source_fields, ws, old_source, name="x") == ADOPTED_REFUSAL
    assert refusal(PlanReadOnlyError, funding_edit.add_source, ws, adopted) == ADOPTED_REFUSAL
    assert refusal(PlanReadOnlyError, funding_edit.delete_source, ws, old_source) == ADOPTED_REFUSAL
    assert amounts(ws, old_source) == {2021: D("10.00")}
    prov = sources(ws, draft)[2][0]
    funding_edit.delete_source(ws, prov)
    gone = "Deze dekkingsbron bestaat niet meer."
    assert refusal(EditError, funding_edit.set_funding_amounts, ws, [change(prov, 2022, None)]) == gone
    assert refusal(EditError, funding_edit.set_source_fields, ws, prov, name="x") == gone
    assert refusal(EditError, funding_edit.add_source, ws, 9999) == "Dit plan bestaat niet meer."


def test_source_fields_are_trimmed_and_returned_for_undo(ws, draft):
    """Renaming a source trims the name; undo gets the old name and note."""
    regio = sources(ws, draft)[0][0]
    assert funding_edit.set_source_fields(ws, regio, name=" regionale begroting ", note="zie BOJ") == \
        {"name": "regiobegroting", "note": ""}
    with ws.session() as s:
        src = s.get(FundingSource, regio)
        assert (src.name, src.note) == ("regionale begroting", "zie BOJ")


@pytest.mark.parametrize("index, expected", [
    (None, ["regiobegroting", "rijksbijdrage", "provincie", "Nieuwe dekking"]),
    (0, ["Nieuwe dekking", "regiobegroting", "rijksbijdrage", "provincie"]),
    (1, ["regiobegroting", "Nieuwe dekking", "rijksbijdrage", "provincie"]),
    (3, ["regiobegroting", "rijksbijdrage", "provincie", "Nieuwe dekking"]),
    (9, ["regiobegroting", "rijksbijdrage", "provincie", "Nieuwe dekking"]),
    (-1, ["Nieuwe dekking", "regiobegroting", "rijksbijdrage", "provincie"]),
])
def test_a_new_source_goes_where_asked(ws, draft, index, expected):
    """A new dekking row is 'Nieuwe dekking' at the asked row, clamped to the ends."""
    new = funding_edit.add_source(ws, draft, index)
    assert [n for _, n in sources(ws, draft)] == expected
    assert dict(sources(ws, draft))[new] == "Nieuwe dekking"


def test_a_new_source_takes_a_trimmed_name_or_the_default(ws, draft):
    """A typed source name is trimmed; a blank one becomes 'Nieuwe dekking'."""
    funding_edit.add_source(ws, draft, name="  gemeente Delft ")
    funding_edit.add_source(ws, draft, name=" ")
    assert [n for _, n in sources(ws, draft)][3:] == ["gemeente Delft", "Nieuwe dekking"]


def test_deleting_a_source_and_undoing_puts_it_back_in_its_row_with_its_amounts(ws, draft):
    """Deleting 'rijksbijdrage' lowers the dekking; undo puts it back in the middle with its amount."""
    rijk = sources(ws, draft)[1][0]
    snapshot = funding_edit.delete_source(ws, rijk)
    assert snapshot.index == 1
    assert [n for _, n in sources(ws, draft)] == ["regiobegroting", "provincie"]
    assert load_sheet(ws, draft).figures.funding[2022] == D("150000.00")
    funding_edit.add_source(ws, draft, 1, name="tussen")  # the rows after it shift meanwhile
    funding_edit.restore_source(ws, snapshot)
    assert sources(ws, draft)[1] == (rijk, "rijksbijdrage")
    assert [n for _, n in sources(ws, draft)] == ["regiobegroting", "rijksbijdrage", "tussen", "provincie"]
    assert amounts(ws, rijk) == {2022: D("20000.00")}


def test_a_source_restored_after_the_others_went_lands_last(ws, draft):
    """Undoing the delete of the last source after another went puts it at the end."""
    ids = [i for i, _ in sources(ws, draft)]
    snapshot = funding_edit.delete_source(ws, ids[2])
    assert snapshot.index == 2
    funding_edit.delete_source(ws, ids[0])
    funding_edit.restore_source(ws, snapshot)
    assert [n for _, n in sources(ws, draft)] == ["rijksbijdrage", "provincie"]


def test_undoing_a_source_delete_in_a_plan_adopted_meanwhile_is_refused(ws, draft):
    """A deleted source does not come back into a plan that was adopted in between."""
    snapshot = funding_edit.delete_source(ws, sources(ws, draft)[0][0])
    with ws.transaction() as s:
        s.get(Plan, draft).status = PlanStatus.ADOPTED
    assert refusal(PlanReadOnlyError, funding_edit.restore_source, ws, snapshot) == (
        "Uitvoeringsplan 2022 is vastgesteld en kan niet meer worden gewijzigd. "
        "Maak een wijziging aan om verder te werken.")
    assert [n for _, n in sources(ws, draft)] == ["rijksbijdrage", "provincie"]


# --------------------------------------------------------------------------- verdeelsleutel

def key_of(ws, plan):
    with ws.session() as s:
        key = s.get(Plan, plan).allocation_key
        return key.id, {sh.municipality.name: sh.id for sh in key.shares}


def share_values(ws, key_id):
    with ws.session() as s:
        return {sh.municipality.name: (sh.percentage, sh.basis) for sh in s.get(AllocationKey, key_id).shares}


def test_shares_are_set_and_the_old_values_returned(ws, draft):
    """New percentages and basis figures are stored as typed; undo gets both old values."""
    key_id, ids = key_of(ws, draft)
    change = key_edit.ShareChange
    old = key_edit.set_shares(ws, [change(ids["Delft"], D("0"), 0), change(ids["Rijswijk"], D("100"), None)])
    assert old == [change(ids["Delft"], D("60.00"), 103_700), change(ids["Rijswijk"], D("40.00"), 54_900)]
    assert share_values(ws, key_id) == {"Delft": (D("0.00"), 0), "Rijswijk": (D("100.00"), None)}
    key_edit.set_shares(ws, old)
    assert share_values(ws, key_id) == {"Delft": (D("60.00"), 103_700), "Rijswijk": (D("40.00"), 54_900)}


@pytest.mark.parametrize("value, message", [
    (D("100.01"), "Een aandeel ligt tussen 0 en 100 %, niet 100,01 %."),
    (D("-0.01"), "Een aandeel ligt tussen 0 en 100 %, niet -0,01 %."),
    (D("12.345"), "12,345 heeft meer dan twee decimalen; een aandeel is een percentage met twee decimalen."),
])
def test_a_share_outside_0_to_100_or_with_three_decimals_is_refused(ws, draft, value, message):
    """Just above 100 %, just below 0 % or a third decimal is refused, and the block writes nothing."""
    key_id, ids = key_of(ws, draft)
    change = key_edit.ShareChange
    assert refusal(EditError, key_edit.set_shares, ws,
                   [change(ids["Delft"], D("50.00"), None), change(ids["Rijswijk"], value, None)]) == message
    assert share_values(ws, key_id)["Delft"] == (D("60.00"), 103_700)


def test_a_negative_basis_figure_is_refused_and_zero_accepted(ws, draft):
    """-1 inhabitants is refused with the reason; 0 is a valid basis figure."""
    key_id, ids = key_of(ws, draft)
    change = key_edit.ShareChange
    assert refusal(EditError, key_edit.set_shares, ws, [change(ids["Delft"], None, -1)]) == \
        "Een basisgetal (zoals het aantal inwoners) kan niet negatief zijn."
    assert share_values(ws, key_id)["Delft"] == (D("60.00"), 103_700)
    key_edit.set_shares(ws, [change(ids["Delft"], None, 0)])
    assert share_values(ws, key_id)["Delft"] == (None, 0)


def test_a_share_of_a_deleted_key_row_is_reported_gone(ws, draft):
    """A share row that no longer exists is refused in Dutch, and the other changes are not written."""
    key_id, ids = key_of(ws, draft)
    change = key_edit.ShareChange
    assert refusal(EditError, key_edit.set_shares, ws, [change(ids["Delft"], D("1"), 1),
                                                        change(9999, D("1"), 1)]) == "Dit aandeel bestaat niet meer."
    assert share_values(ws, key_id)["Delft"] == (D("60.00"), 103_700)


def test_the_key_of_an_adopted_plan_is_read_only(ws, adopted):
    """The adopted plan's key refuses changes, naming the adopted plan."""
    key_id, ids = key_of(ws, adopted)
    message = f"Deze verdeelsleutel hoort bij een vastgesteld plan. {ADOPTED_REFUSAL}"
    assert refusal(PlanReadOnlyError, key_edit.set_shares, ws,
                   [key_edit.ShareChange(ids["Delft"], D("50"), None)]) == message
    assert refusal(PlanReadOnlyError, key_edit.set_key_fields, ws, key_id, name="x") == message
    assert share_values(ws, key_id)["Delft"] == (D("55.00"), None)


def test_key_fields_change_and_come_back_for_undo(ws, draft):
    """The key's name, method, basis label and note change; the old values come back."""
    key_id, _ = key_of(ws, draft)
    old = key_edit.set_key_fields(ws, key_id, name="Sleutel inwoners", method=KeyMethod.BASIS,
                                  basis_label="inwoners 2021", note="")
    assert old == {"name": "Sleutel 2022", "method": KeyMethod.PERCENTAGE, "basis_label": "inwoners",
                   "note": "vastgesteld in de BOJ"}
    with ws.session() as s:
        key = s.get(AllocationKey, key_id)
        assert (key.name, key.method, key.basis_label, key.note) == (
            "Sleutel inwoners", KeyMethod.BASIS, "inwoners 2021", "")


def test_bad_key_fields_are_refused(ws, draft):
    """An unknown field, a method that is not a choice, or a deleted key is refused in Dutch."""
    key_id, _ = key_of(ws, draft)
    assert refusal(EditError, key_edit.set_key_fields, ws, key_id, region_id=1, colour="x") == \
        "Onbekend veld: colour, region_id"
    assert refusal(EditError, key_edit.set_key_fields, ws, key_id, method="basis") == \
        "Kies als methode 'percentage' of 'basisgetal'."
    assert refusal(EditError, key_edit.set_key_fields, ws, 9999, name="x") == "Deze verdeelsleutel bestaat niet meer."
    with ws.session() as s:
        assert s.get(AllocationKey, key_id).method is KeyMethod.PERCENTAGE


def test_a_copied_key_has_the_same_shares_and_settings(ws, adopted):
    """An amendment's own key holds the same method, label, note and shares as the original."""
    with ws.transaction() as s:
        original = s.get(AllocationKey, key_of(ws, plan_id(ws, "Uitvoeringsplan 2022"))[0])
        copy = key_edit.copy_key(s, original, "Sleutel 2022 (wijziging 1)")
        copy_id, original_id = copy.id, original.id
    assert copy_id != original_id
    with ws.session() as s:
        copy, original = s.get(AllocationKey, copy_id), s.get(AllocationKey, original_id)
        assert (copy.name, copy.region_id, copy.method, copy.basis_label, copy.note) == (
            "Sleutel 2022 (wijziging 1)", original.region_id, KeyMethod.PERCENTAGE, "inwoners",
            "vastgesteld in de BOJ")
    assert share_values(ws, copy_id) == {"Delft": (D("60.00"), 103_700), "Rijswijk": (D("40.00"), 54_900)}
    # the copy is a key of its own: changing it leaves the original alone
    with ws.session() as s:
        delft_copy = next(sh.id for sh in s.get(AllocationKey, copy_id).shares if sh.municipality.name == "Delft")
    key_edit.set_shares(ws, [key_edit.ShareChange(delft_copy, D("1.00"), 1)])
    assert share_values(ws, original_id)["Delft"] == (D("60.00"), 103_700)


# --------------------------------------------------------------------------- the refusal texts

def test_the_adopted_message_names_body_and_date_or_nothing_when_undated():
    """The read-only message shows '(BOJ 12-11-2020)', or no brackets at all when not dated."""
    plan = Plan(title="Uitvoeringsplan 2021", adopted_on=date(2020, 11, 12), adopted_by="BOJ")
    assert read_only_message(plan) == ADOPTED_REFUSAL
    plan.adopted_on = None
    plan.adopted_by = "BOJ"
    assert read_only_message(plan) == ("Uitvoeringsplan 2021 is vastgesteld en kan niet meer worden gewijzigd. "
                                       "Maak een wijziging aan om verder te werken.")


@pytest.mark.parametrize("body", [None, ""])
def test_the_adopted_message_without_a_body_shows_only_the_date(body):
    plan = Plan(title="Uitvoeringsplan 2021", adopted_on=date(2020, 11, 12), adopted_by=body)
    assert read_only_message(plan).startswith("Uitvoeringsplan 2021 is vastgesteld (12-11-2020) en kan")


def test_an_edit_error_carries_its_dutch_message():
    """What the status bar shows is the message the refusal was made with."""
    error = PlanReadOnlyError("Niet nu.")
    assert isinstance(error, EditError) and isinstance(error, ValueError)
    assert error.message == "Niet nu." and str(error) == "Niet nu."


# --------------------------------------------------------------------------- typing into a cell

@pytest.mark.parametrize("text, marker", [
    ("PM", Marker.PM), ("p.m.", Marker.PM), ("P.M.", Marker.PM), (" pm ", Marker.PM),
    ("id.", Marker.IDEM), ("id", Marker.IDEM), ("Idem", Marker.IDEM), ("IDEM", Marker.IDEM),
    ("doorlopend", Marker.ONGOING), ("DOORLOPEND", Marker.ONGOING),
])
def test_every_marker_word_is_understood(text, marker):
    """Each spelling of PM, id. and doorlopend, in any case, becomes that marker (kept as typed
    where the spelling differs, so the annex prints it as the source did)."""
    value = parse_cell(text)
    assert (value.amount, value.marker) == (None, marker)
    assert value.text().casefold() == " ".join(text.split()).casefold() or value.marker_text == ""


@pytest.mark.parametrize("marker, shown", [(Marker.PM, "PM"), (Marker.IDEM, "id."), (Marker.ONGOING, "doorlopend")])
def test_a_marker_cell_shows_its_word(marker, shown):
    """A marker cell shows PM, id. or doorlopend, never an amount."""
    value = CellValue(marker=marker)
    assert value.text() == shown and not value.is_empty


@pytest.mark.parametrize("value, shown", [
    (CellValue(D("1280000.00")), "1.280.000"), (CellValue(D("5.50")), "5,50"), (CellValue(D("-25000.00")), "-25.000"),
    (CellValue(D("0.00")), "0"), (EMPTY, ""),
])
def test_an_amount_cell_shows_dutch_digits(value, shown):
    """Amounts show with thousands dots and cents only when there are any; empty shows nothing."""
    assert value.text() == shown


def test_only_a_cell_without_amount_and_marker_is_empty():
    """A zero amount or a marker is content; only nothing at all is empty."""
    assert EMPTY.is_empty
    assert not CellValue(D("0.00")).is_empty
    assert not CellValue(marker=Marker.PM).is_empty


@pytest.mark.parametrize("text, amount", [
    ("1.500", "1500.00"),  # a dot before three digits groups thousands
    ("1.50", "1.50"),  # a dot before two digits is a decimal point, as Excel copies
    ("1.5", "1.50"),
    ("1,5", "1.50"),
    ("€\u00a0-2.500", "-2500.00"),
    ("-€ 2.500", "-2500.00"),
    ("€ 1 280 000", "1280000.00"),
    ("1\u00a0280\u00a0000", "1280000.00"),
    ("-999.999.999.999,99", "-999999999999.99"),
    ("12,30", "12.30"),
    ("12,300", "12.30"),  # a trailing zero is not a third decimal
])
def test_amounts_typed_the_dutch_or_excel_way(text, amount):
    """Dots, commas, spaces, euro signs and minus signs are read as the user meant them."""
    value = parse_amount(text)
    assert value == D(amount) and str(value) == amount


@pytest.mark.parametrize("text, message", [
    ("tien", f"'tien' is geen bedrag. {HINT}"),
    ("  1.2345  ", f"'1.2345' is geen bedrag. {HINT}"),
    ("1.505,555", "'1.505,555' heeft meer dan twee decimalen; een bedrag gaat tot op de cent."),
    ("0,001", "'0,001' heeft meer dan twee decimalen; een bedrag gaat tot op de cent."),
    ("1.000.000.000.000", "'1.000.000.000.000' is groter dan het maximum van € 999.999.999.999,99."),
    ("-1.000.000.000.000", "'-1.000.000.000.000' is groter dan het maximum van € 999.999.999.999,99."),
    ("+5", f"'+5' is geen bedrag. {HINT}"),
    ("--5", f"'--5' is geen bedrag. {HINT}"),
])
def test_a_bad_amount_is_refused_quoting_it_and_saying_what_to_type(text, message):
    """The refusal quotes the input (trimmed) and, for non-amounts, gives the examples to type."""
    assert refusal(InputError, parse_cell, text) == message


def test_the_hint_names_the_examples_to_type():
    """The hint after a refused amount shows the formats and the three markers."""
    assert HINT == "Typ een bedrag zoals 127.500 of € 127.500,00, of PM, id. of doorlopend."


@pytest.mark.parametrize("text", ["", " ", "\t\n"])
def test_a_blank_cell_is_empty(text):
    """Clearing a cell by typing nothing (or spaces) empties it."""
    assert parse_cell(text) == EMPTY


def test_percent_and_whole_number_accept_their_edges():
    """100 % and 0 inhabitants are accepted; 100,01 % is not."""
    assert parse_percentage("100") == D("100.00")
    assert refusal(InputError, parse_percentage, "100,01") == "'100,01' is meer dan 100 %."
    assert parse_whole_number("0") == 0


# --------------------------------------------------------------------------- places in a list

@pytest.mark.parametrize("index, order", [
    (None, ["a", "b", "c", "new"]), (0, ["new", "a", "b", "c"]), (2, ["a", "b", "new", "c"]),
    (3, ["a", "b", "c", "new"]), (99, ["a", "b", "c", "new"]), (-5, ["new", "a", "b", "c"]),
])
def test_an_item_inserted_anywhere_lands_there_and_every_position_follows_the_list(index, order):
    """One rule for every ordered list (budget, funding, outline, goals, roles, ambitions)."""
    from types import SimpleNamespace

    from app.services.editing import insert_at

    items = [SimpleNamespace(name=n, position=p) for n, p in (("a", 0), ("b", 1), ("c", 2))]
    insert_at(items, SimpleNamespace(name="new", position=None), index)
    assert [i.name for i in items] == order
    assert [i.position for i in items] == [0, 1, 2, 3]


def test_renumbering_touches_only_the_rows_whose_position_changes():
    """An untouched row is not rewritten (no needless UPDATE, no needless conflict)."""
    from app.services.editing import set_positions

    class Row:
        def __init__(self, position):
            self._position, self.writes = position, 0

        @property
        def position(self):
            return self._position

        @position.setter
        def position(self, value):
            self._position, self.writes = value, self.writes + 1

    rows = [Row(0), Row(2), Row(5)]
    set_positions(rows)
    assert [(r.position, r.writes) for r in rows] == [(0, 0), (1, 1), (2, 1)]
