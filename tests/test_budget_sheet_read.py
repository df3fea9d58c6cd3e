"""The budget sheet as read for the editor, the annex and the export (issue 18, point 2): a few
queries into plain columns, a line's row built when it is first asked for. Whatever the order in
which rows are read, the sheet is the one the ORM objects spell out, row for row."""
from __future__ import annotations

import random
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.models import (
    BudgetCell,
    BudgetGroup,
    BudgetLine,
    Chapter,
    Marker,
    MunicipalitySet,
    Plan,
    Project,
    Region,
)
from app.services.budget_sheet import (
    BudgetSheet,
    RowKind,
    RowPlaces,
    SheetRow,
    SheetRows,
    load_sheet,
    note_number,
)
from app.services.cell_input import EMPTY, CellValue, marker_spelling
from app.services.workspace import create_workspace

YEARS = [2025, 2026, 2027]  # the plan's; cells are also written a year either side


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    ws = create_workspace(tmp_path_factory.mktemp("sheet") / "sheet.planbord")
    with ws.transaction() as s:
        region = Region(name="Regio Proef")
        region.municipality_sets = [MunicipalitySet(code="AB", name="A en B")]
        s.add(region)
        s.flush()
        other = Plan(region=region, year=2020, title="Ouder plan", first_year=2019, last_year=2021)
        s.add(other)
        s.flush()
        chapter = Chapter(plan_id=other.id, position=0, number="1", title="Hoofdstuk")
        chapter.projects = [Project(position=i, number=f"1.{i}", title=f"Project {i}") for i in range(3)]
        s.add(chapter)
    yield ws
    ws.close()


def reference_rows(session, plan: Plan) -> list[SheetRow]:
    """The sheet the slow, obvious way: ORM objects, walked group by group."""
    groups = session.query(BudgetGroup).filter_by(plan_id=plan.id).all()
    codes = {s.id: s.code for s in session.query(MunicipalitySet)}
    numbers = {p.id: p.number for p in session.query(Project)}
    rows: list[SheetRow] = []

    def walk(group: BudgetGroup, level: int) -> None:
        rows.append(SheetRow(RowKind.GROUP, group.id, level, group.name, group.number,
                             parent_id=group.parent_id, set_code=codes.get(group.municipality_set_id, ""),
                             shows_subtotal=group.shows_subtotal))
        children = [(g.position, 0, g.id, g) for g in groups if g.parent_id == group.id]
        children += [(ln.position, 1, ln.id, ln) for ln in group.lines]
        for _position, is_line, _id, item in sorted(children, key=lambda c: c[:3]):
            if not is_line:
                walk(item, level + 1)
                continue
            cells = {c.year: c for c in item.cells if c.year in plan.years}
            rows.append(SheetRow(
                RowKind.LINE, item.id, level + 1, item.name, parent_id=group.id,
                cells={y: CellValue(c.amount, c.marker, marker_spelling(c.marker, c.marker_text))
                       if (c := cells.get(y)) else EMPTY for y in plan.years},
                cell_notes={y: c.note for y, c in cells.items() if c.note},
                note=item.note, note_number=note_number(item.note_number) if item.note else None,
                cell_note_numbers={y: c.note_number for y, c in cells.items()
                                   if c.note and note_number(c.note_number) is not None},
                project_number=numbers.get(item.project_id, ""),
                set_code=codes.get(item.municipality_set_id, "")))
        rows.append(SheetRow(RowKind.SUBTOTAL, group.id, level, f"Subtotaal {group.name}", group.number,
                             parent_id=group.parent_id, shows_subtotal=group.shows_subtotal))

    for group in sorted((g for g in groups if g.parent_id is None), key=lambda g: (g.position, g.id)):
        walk(group, 0)
    rows.append(SheetRow(RowKind.TOTAL, None, 0, plan.total_label.strip() or "Totaal"))
    return rows


texts = st.sampled_from(["", "toelichting", "zie bijlage"])
cells = st.one_of(
    st.none(),
    st.builds(lambda cents, note, number: (cents, None, "", note, number),
              st.integers(-10**11, 10**11), texts, st.sampled_from([None, 0, 2, 10_000])),
    st.builds(lambda marker, spelling, note: (None, marker, spelling, note, 1),
              st.sampled_from(list(Marker)), st.sampled_from(["", "id", "idem", "p.m.", "PM"]), texts))
groups = st.lists(st.tuples(st.integers(0, 3), st.integers(0, 2), st.booleans(), st.booleans()),
                  max_size=6)  # (parent: an earlier group's number or none, position, subtotal, AB)
lines = st.lists(st.tuples(st.integers(0, 5), st.integers(0, 2), texts, st.sampled_from([None, 1, 0, 99_999]),
                           st.sampled_from([None, 0, 2]), st.booleans(),
                           st.lists(cells, min_size=5, max_size=5)), max_size=14)


def make_plan(workspace, group_specs, line_specs, label: str) -> int:
    with workspace.transaction() as s:
        region = s.query(Region).one()
        ab = region.municipality_sets[0].id
        projects = [p.id for p in s.query(Project).order_by(Project.position)]
        plan = Plan(region=region, year=2026, title="Plan", first_year=YEARS[0], last_year=YEARS[-1],
                    total_label=label)
        s.add(plan)
        s.flush()
        made: list[BudgetGroup] = []
        for number, (parent, position, subtotal, shared) in enumerate(group_specs):
            group = BudgetGroup(plan_id=plan.id, position=position, number=str(number + 1),
                                name=f"Groep {number}", shows_subtotal=subtotal,
                                parent_id=made[parent].id if parent < len(made) else None,
                                municipality_set_id=ab if shared else None)
            s.add(group)
            s.flush()
            made.append(group)
        for number, (group, position, note, note_no, project, shared, values) in enumerate(line_specs):
            if not made:
                break
            line = BudgetLine(group_id=made[group % len(made)].id, position=position, name=f"Regel {number}",
                              note=note, note_number=note_no,
                              project_id=None if project is None else projects[project],
                              municipality_set_id=ab if shared else None)
            line.cells = [BudgetCell(year=year, amount=None if cents is None else Decimal(cents).scaleb(-2),
                                     marker=marker, marker_text=spelling, note=cell_note, note_number=cell_no)
                          for year, value in zip(range(YEARS[0] - 1, YEARS[-1] + 2), values)
                          if value is not None
                          for cents, marker, spelling, cell_note, cell_no in [value]]
            s.add(line)
        return plan.id


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(groups, lines, st.sampled_from(["", "  Totaal begroting "]), st.randoms(use_true_random=False))
def test_the_sheet_read_in_any_order_is_the_sheet_of_the_orm_objects(workspace, group_specs, line_specs,
                                                                   label, rng):
    plan_id = make_plan(workspace, group_specs, line_specs, label)
    with workspace.session() as s:
        expected = reference_rows(s, s.get(Plan, plan_id))
    sheet = load_sheet(workspace, plan_id)
    order = list(range(len(expected)))
    rng.shuffle(order)
    assert {i: sheet.rows[i] for i in order} == dict(enumerate(expected))
    assert sheet.rows == expected and list(sheet.rows) == expected
    places = RowPlaces.of(expected)
    assert (sheet.line_row, sheet.subtotal_row, sheet.group_row, sheet.parent) == (
        places.line_row, places.subtotal_row, places.group_row, places.parent)
    assert list(sheet.group_row) == list(places.group_row)  # display order
    groups_shown = [r.id for r in expected if r.kind is RowKind.GROUP]
    assert sheet.last_group() == (groups_shown[-1] if groups_shown else None)
    assert load_sheet(workspace, plan_id).amount_years() == BudgetSheet(
        plan_id, YEARS, expected, sheet.figures, False).amount_years()


def test_the_rows_are_built_when_asked_for_and_kept_as_changed():
    built = []

    def build(number):
        built.append(number)
        return SheetRow(RowKind.LINE, number, 1, f"line {number}", parent_id=7, cells={2026: EMPTY})

    heading = SheetRow(RowKind.GROUP, 7, 0, "Groep")
    rows = SheetRows([heading, 10, 11, 12, SheetRow(RowKind.TOTAL, None, 0, "Totaal")], build,
                     RowPlaces())
    assert len(rows) == 5 and built == []
    assert rows[0] is heading and rows[-2].label == "line 12" and built == [12]
    rows[1].cells[2026] = CellValue(Decimal("5.00"))
    assert rows[1].cells[2026] == CellValue(Decimal("5.00")) and built == [12, 10]
    assert [r.label for r in rows[1:3]] == ["line 10", "line 11"] and built == [12, 10, 11]
    assert [r.kind for r in rows] == [RowKind.GROUP, RowKind.LINE, RowKind.LINE, RowKind.LINE,
                                      RowKind.TOTAL]
    assert built == [12, 10, 11]  # each built once
    assert rows == list(rows) and list(reversed(rows))[0].kind is RowKind.TOTAL
    with pytest.raises(IndexError):
        rows[5]


def test_a_sheet_of_plain_rows_finds_its_rows_as_a_read_one_does():
    rows = [SheetRow(RowKind.GROUP, 3, 0, "A"), SheetRow(RowKind.LINE, 8, 1, "x", parent_id=3),
            SheetRow(RowKind.SUBTOTAL, 3, 0, "Subtotaal A"), SheetRow(RowKind.TOTAL, None, 0, "Totaal")]
    sheet = BudgetSheet(1, YEARS, rows, None, False)
    assert (sheet.line_row, sheet.group_row, sheet.subtotal_row, sheet.parent) == ({8: 1}, {3: 0}, {3: 2},
                                                                                  {3: None})
    assert sheet.last_group() == 3
    assert BudgetSheet(1, YEARS, rows[-1:], None, False).last_group() is None


def test_every_plan_of_a_shuffled_budget_reads_the_same(workspace):
    """Positions that tie, groups and lines at the same position, ids against the order."""
    rng = random.Random(18)
    specs = [(rng.randrange(4), rng.randrange(3), rng.random() < .5, rng.random() < .3) for _ in range(8)]
    line_specs = [(rng.randrange(8), rng.randrange(3), "", None, None, False,
                   [(rng.randrange(10**6), None, "", "", None), None, None, None, None]) for _ in range(60)]
    plan_id = make_plan(workspace, specs, line_specs, "")
    with workspace.session() as s:
        expected = reference_rows(s, s.get(Plan, plan_id))
    assert load_sheet(workspace, plan_id).rows == expected
