"""app.services.bulk_insert writes what the ORM would (cents, markers, NULLs) and refuses what
Money refuses; app.services.gc_pause puts the collector back as it was."""
from __future__ import annotations

import gc
from decimal import Decimal

import pytest
from sqlalchemy import select, text

from app.models import BudgetCell, BudgetGroup, BudgetLine, Marker
from app.services.bulk_insert import insert_rows
from app.services.gc_pause import gc_paused
from app.services.plans import find_plan
from app.services.workspace import open_workspace


@pytest.fixture
def line_id(demo_workspace):
    ws = open_workspace(demo_workspace)
    with ws.session() as s:
        line = s.scalars(select(BudgetLine).join(BudgetGroup)
                         .where(BudgetGroup.plan_id == find_plan(s, 2022).id)).first()
        line_id = line.id
    yield ws, line_id
    ws.close()


def _cells(ws, line_id, year):
    with ws.session() as s:
        return s.scalars(select(BudgetCell).where(BudgetCell.line_id == line_id, BudgetCell.year == year)).all()


def test_rows_land_as_cents_markers_and_nulls(line_id):
    ws, line = line_id
    columns = ["line_id", "year", "amount", "marker", "marker_text", "note", "note_number"]
    rows = [{"line_id": line, "year": 2031, "amount": Decimal("1280000.50"), "marker": None,
             "marker_text": "", "note": "", "note_number": None},
            {"line_id": line, "year": 2032, "amount": None, "marker": Marker.PM,
             "marker_text": "", "note": "zie noot", "note_number": 3}]
    with ws.transaction() as s:
        assert insert_rows(s, BudgetCell.__table__, columns, rows) == 2
        raw = s.execute(text("SELECT year, amount, marker, note_number FROM budget_cell "
                             "WHERE line_id = :l AND year > 2030 ORDER BY year"), {"l": line}).all()
    assert raw[0][:2] == (2031, 128000050)  # integer cents on disk
    assert raw[0][2] is None and raw[0][3] is None
    assert raw[1][1] is None and raw[1][3] == 3
    [first], [second] = _cells(ws, line, 2031), _cells(ws, line, 2032)
    assert first.amount == Decimal("1280000.50") and first.marker is None
    assert second.amount is None and second.marker is Marker.PM and second.note == "zie noot"


def test_a_float_amount_is_refused_and_nothing_written(line_id):
    ws, line = line_id
    columns = ["line_id", "year", "amount", "marker", "marker_text", "note", "note_number"]
    rows = [{"line_id": line, "year": 2033, "amount": Decimal("1"), "marker": None, "marker_text": "",
             "note": "", "note_number": None},
            {"line_id": line, "year": 2034, "amount": 0.1, "marker": None, "marker_text": "",
             "note": "", "note_number": None}]
    with pytest.raises(TypeError, match="float"):
        with ws.transaction() as s:
            insert_rows(s, BudgetCell.__table__, columns, rows)
    assert _cells(ws, line, 2033) == [] and _cells(ws, line, 2034) == []


def test_no_rows_writes_nothing(line_id):
    ws, _ = line_id
    with ws.transaction() as s:
        assert insert_rows(s, BudgetCell.__table__, ["line_id", "year"], []) == 0


def test_gc_paused_restores_the_collector_as_it_was():
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner block leaves the outer pause alone
    assert gc.isenabled()
    with pytest.raises(RuntimeError):
        with gc_paused():
            raise RuntimeError("boom")
    assert gc.isenabled()
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()  # was off before: stays off
    finally:
        gc.enable()


def test_new_ids_never_reuse_the_id_of_a_deleted_row(line_id):
    """The newest line deleted (its snapshot waits on the undo stack): ids given to a bulk copy
    start after it, so the undo can put it back with its own id."""
    from app.services import budget_edit
    from app.services.bulk_insert import new_ids

    from app.services.plan_copy import create_amendment

    ws, _ = line_id
    with ws.session() as s:
        create_amendment(ws, find_plan(s, 2022).id)  # the adopted plan cannot lose a line; its draft can
        newest = s.scalar(select(BudgetLine.id).order_by(BudgetLine.id.desc()))
    snapshot = budget_edit.delete_line(ws, newest)
    with ws.session() as s:
        ids = new_ids(s, BudgetLine.__table__, 3)
        assert s.scalar(select(BudgetLine.id).order_by(BudgetLine.id.desc())) < newest  # gone from the table
    assert list(ids) == [newest + 1, newest + 2, newest + 3]
    budget_edit.restore(ws, snapshot)
    with ws.session() as s:
        assert s.get(BudgetLine, newest) is not None


def test_an_amendment_copied_in_bulk_gets_fresh_ids_after_a_deleted_line(demo_workspace):
    """Copying a plan gives ids after every id the tables ever had, and the copy's lines hold the
    same amounts and markers as the plan's."""
    from app.services import budget_edit
    from app.services.plan_copy import create_amendment

    ws = open_workspace(demo_workspace)
    try:
        with ws.session() as s:
            plan_id = find_plan(s, 2022).id
        draft = create_amendment(ws, plan_id)
        with ws.session() as s:
            newest = s.scalar(select(BudgetLine.id).join(BudgetGroup).where(BudgetGroup.plan_id == draft)
                              .order_by(BudgetLine.id.desc()))
        snapshot = budget_edit.delete_line(ws, newest)
        second = create_amendment(ws, plan_id)
        with ws.session() as s:
            copied = s.scalars(select(BudgetLine.id).join(BudgetGroup).where(BudgetGroup.plan_id == second)).all()
            assert min(copied) > newest
            def cells(pid):
                return sorted((line.name, c.year, c.amount, c.marker) for line in s.scalars(
                    select(BudgetLine).join(BudgetGroup).where(BudgetGroup.plan_id == pid)) for c in line.cells)
            assert cells(second) == cells(plan_id)
        budget_edit.restore(ws, snapshot)  # the undo finds its id free
    finally:
        ws.close()
