"""Budget edit operations: validated first, one transaction each, exactly undoable."""
from decimal import Decimal

import pytest
from conftest import examples
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from app.models import BudgetCell, BudgetGroup, BudgetLine, Marker, Plan, PlanKind
from app.services import budget_edit as edit
from app.services.budget import budget_figures
from app.services.cell_input import EMPTY, CellValue, parse_cell
from app.services.edit_errors import EditError, PlanReadOnlyError
from app.services.plan_copy import create_amendment


@pytest.fixture
def workspace(ws):
    """The demo workspace, as a file and on the PostgreSQL test server (conftest ``ws``)."""
    return ws


@pytest.fixture
def draft(workspace):
    with workspace.session() as s:
        adopted = s.scalars(select(Plan)).one()
    return create_amendment(workspace, adopted.id)


def dump(workspace, plan_id):
    """Everything of a plan's budget a user could see, in a comparable form."""
    with workspace.session() as s:
        groups = sorted((g.id, g.parent_id, g.position, g.number, g.name, g.shows_subtotal)
                        for g in s.scalars(select(BudgetGroup).where(BudgetGroup.plan_id == plan_id)))
        ids = [g[0] for g in groups]
        lines = sorted((ln.id, ln.group_id, ln.position, ln.name, ln.note, ln.project_id)
                       for ln in s.scalars(select(BudgetLine).where(BudgetLine.group_id.in_(ids))))
        cells = sorted((c.line_id, c.year, c.amount, c.marker, c.note) for c in s.scalars(
            select(BudgetCell).where(BudgetCell.line_id.in_([ln[0] for ln in lines]))))
    return groups, lines, cells


def line_id(workspace, plan_id, name):
    with workspace.session() as s:
        return s.scalars(select(BudgetLine.id).join(BudgetLine.group).where(
            BudgetGroup.plan_id == plan_id, BudgetLine.name == name)).first()


def total(workspace, plan_id, year):
    with workspace.session() as s:
        return budget_figures(s, s.get(Plan, plan_id)).total[year]


def test_amendment_copies_the_plan_as_a_draft(workspace, draft):
    with workspace.session() as s:
        plan = s.get(Plan, draft)
        assert plan.kind is PlanKind.AMENDMENT and not plan.is_read_only
        assert plan.title.endswith("(wijziging 1)")
        assert plan.based_on.year == 2022
    assert total(workspace, draft, 2022) == Decimal("1280000.00")
    assert len(dump(workspace, draft)[2]) == 43


def test_adopted_plan_refuses_every_edit_and_writes_nothing(workspace):
    with workspace.session() as s:
        adopted = s.scalars(select(Plan)).one().id
    before = dump(workspace, adopted)
    lid = line_id(workspace, adopted, "onderzoeksbudget")
    with pytest.raises(PlanReadOnlyError) as info:
        edit.set_cells(workspace, [edit.CellChange(lid, 2022, parse_cell("75.000"))])
    assert "vastgesteld (BOJ 11-11-2021)" in info.value.message
    assert "wijziging" in info.value.message
    with pytest.raises(PlanReadOnlyError):
        edit.delete_line(workspace, lid)
    assert dump(workspace, adopted) == before


def test_beter_samenspel_25000_less(workspace, draft):
    lid = line_id(workspace, draft, "externe projectleiding (toegevoegd aan programmateam)")
    old = edit.set_cells(workspace, [edit.CellChange(lid, 2022, parse_cell("75.000"))])
    assert total(workspace, draft, 2022) == Decimal("1255000.00")
    edit.set_cells(workspace, old)
    assert total(workspace, draft, 2022) == Decimal("1280000.00")


def test_a_block_with_a_bad_year_writes_nothing(workspace, draft):
    before = dump(workspace, draft)
    lid = line_id(workspace, draft, "onderzoeksbudget")
    with pytest.raises(EditError, match="2030 is geen jaar"):
        edit.set_cells(workspace, [edit.CellChange(lid, 2022, parse_cell("1")),
                                   edit.CellChange(lid, 2030, parse_cell("2"))])
    assert dump(workspace, draft) == before


def test_note_survives_clearing_the_amount(workspace, draft):
    lid = line_id(workspace, draft, "Programmamanager Jeugd (40% uitvoering)")
    edit.set_cells(workspace, [edit.CellChange(lid, 2021, EMPTY)])
    with workspace.session() as s:
        cell = s.scalars(select(BudgetCell).where(BudgetCell.line_id == lid,
                                                  BudgetCell.year == 2021)).one()
        assert cell.amount is None and "Transformatiefonds" in cell.note


def test_a_group_cannot_go_into_itself(workspace, draft):
    with workspace.session() as s:
        top = s.scalars(select(BudgetGroup).where(BudgetGroup.plan_id == draft,
                                                  BudgetGroup.number == "2")).one()
        child = top.children[0].id
    with pytest.raises(EditError, match="in zichzelf"):
        edit.move(workspace, "group", top.id, edit.Place(child, 0))


def test_undo_of_a_delete_survives_rows_added_in_between(workspace, draft):
    """Ids are never reused: a restored row's id is still free after other rows were added."""
    with workspace.session() as s:
        group = s.scalars(select(BudgetGroup).where(BudgetGroup.plan_id == draft,
                                                    BudgetGroup.number == "3")).one().id
    before = dump(workspace, draft)
    snapshot = edit.delete_group(workspace, group)  # the plan's newest rows
    with workspace.session() as s:
        adopted = s.scalars(select(Plan).where(Plan.kind == PlanKind.PLAN)).one().id
    create_amendment(workspace, adopted)  # adds many rows, not on the undo stack
    edit.restore(workspace, snapshot)
    assert dump(workspace, draft) == before


def test_delete_group_and_restore_gives_back_everything(workspace, draft):
    before = dump(workspace, draft)
    with workspace.session() as s:
        group = s.scalars(select(BudgetGroup).where(BudgetGroup.plan_id == draft,
                                                    BudgetGroup.number == "2")).one().id
    snapshot = edit.delete_group(workspace, group)
    assert total(workspace, draft, 2022) == Decimal("644000.00")  # 1.280.000 - 636.000
    edit.restore(workspace, snapshot)
    assert dump(workspace, draft) == before


# --- any sequence of edits, undone in reverse, leaves the plan as it was ------------------

values = st.one_of(
    st.just(EMPTY),
    st.sampled_from([CellValue(marker=m) for m in Marker]),
    st.integers(min_value=-10**9, max_value=10**11).map(lambda c: CellValue(Decimal(c).scaleb(-2))),
)
operations = st.lists(st.tuples(
    st.sampled_from(["cells", "note", "rename", "add_line", "delete_line", "move_line",
                     "add_group", "delete_group"]),
    st.integers(min_value=0, max_value=10**6), st.integers(min_value=2021, max_value=2023),
    values), min_size=1, max_size=12)


def test_edits_then_the_same_number_of_undos_restore_the_plan(workspace):
    @settings(max_examples=examples(workspace, 25), deadline=None)
    @given(ops=operations)
    def check(ops):
        edits_then_undos_restore_the_plan(workspace, ops)

    check()


def edits_then_undos_restore_the_plan(workspace, ops):
    with workspace.session() as s:
        adopted = s.scalars(select(Plan).where(Plan.kind == PlanKind.PLAN)).one().id
    draft = create_amendment(workspace, adopted)  # a fresh draft per example
    before = dump(workspace, draft)
    undo = []
    for op, pick, year, value in ops:
        groups, lines, _ = dump(workspace, draft)
        if not groups:
            break  # everything deleted: nothing left to edit
        line = lines[pick % len(lines)][0] if lines else None
        group = groups[pick % len(groups)][0]
        if op == "cells" and line:
            old = edit.set_cells(workspace, [edit.CellChange(line, year, value)])
            undo.append(lambda old=old: edit.set_cells(workspace, old))
        elif op == "note" and line:
            old = edit.set_cell_note(workspace, line, year, f"toelichting {pick}")
            undo.append(lambda line=line, year=year, old=old: edit.set_cell_note(workspace, line, year, old))
        elif op == "rename" and line:
            old = edit.set_line_fields(workspace, line, name=f"post {pick}")
            undo.append(lambda line=line, old=old: edit.set_line_fields(workspace, line, **old))
        elif op == "add_line":
            new = edit.add_line(workspace, group, pick % 4)
            undo.append(lambda new=new: edit.delete_line(workspace, new))
        elif op == "delete_line" and line:
            snap = edit.delete_line(workspace, line)
            undo.append(lambda snap=snap: edit.restore(workspace, snap))
        elif op == "move_line" and line:
            was = edit.move(workspace, "line", line, edit.Place(group, pick % 3))
            undo.append(lambda line=line, was=was: edit.move(workspace, "line", line, was))
        elif op == "add_group":
            new = edit.add_group(workspace, draft, group, pick % 3)
            undo.append(lambda new=new: edit.delete_group(workspace, new))
        elif op == "delete_group" and len(groups) > 1:
            snap = edit.delete_group(workspace, group)
            undo.append(lambda snap=snap: edit.restore(workspace, snap))
    for step in reversed(undo):
        step()
    after = dump(workspace, draft)
    # positions may be renumbered by moves; order and content must be the same
    assert _ordered(after) == _ordered(before)


def _ordered(data):
    groups, lines, cells = data
    by_parent = {}
    for g in groups:
        by_parent.setdefault(("g", g[1]), []).append((g[2], 0, g[0], g[3:]))
    for ln in lines:
        by_parent.setdefault(("g", ln[1]), []).append((ln[2], 1, ln[0], ln[3:]))
    tree = {k: [item[1:] for item in sorted(v)] for k, v in by_parent.items()}
    return tree, cells


def test_indent_outdent_and_shift(workspace, draft):
    lid = line_id(workspace, draft, "Bijdrage Zuid-Holland programma JeugdzorgPlus")
    start = edit.place_of(workspace, "line", lid)
    # the group just above the line is "Beter Samenspel": indent puts it at its end
    target = edit.indented(workspace, "line", lid)
    edit.move(workspace, "line", lid, target)
    with workspace.session() as s:
        assert s.get(BudgetLine, lid).group.name == "Beter Samenspel"
    back = edit.outdented(workspace, "line", lid)
    edit.move(workspace, "line", lid, back)
    assert edit.place_of(workspace, "line", lid) == start
    assert edit.shifted(workspace, "line", lid, +1) is None  # already the last
    up = edit.shifted(workspace, "line", lid, -1)
    assert up == edit.Place(start.parent_id, start.index - 1)


def test_a_line_cannot_leave_every_group(workspace, draft):
    lid = line_id(workspace, draft, "Secretariële ondersteuning")
    assert edit.outdented(workspace, "line", lid) is None
    with pytest.raises(EditError, match="hoort in een groep"):
        edit.move(workspace, "line", lid, edit.Place(None, 0))


def test_fill_right_copies_into_later_years_and_undoes(workspace, draft):
    lid = line_id(workspace, draft, "Secretariële ondersteuning")
    old = edit.set_cells(workspace, edit.fill_right_changes(workspace, [lid], 2022))
    assert total(workspace, draft, 2023) == Decimal("70000.00")
    edit.set_cells(workspace, old)
    assert total(workspace, draft, 2023) == Decimal("0.00")
    with pytest.raises(EditError, match="geen latere jaren"):
        edit.fill_right_changes(workspace, [lid], 2023)
