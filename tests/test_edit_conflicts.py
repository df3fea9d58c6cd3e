"""Two people on one shared database (issue 22, point 2, first part: budget cells). An edit of a
cell someone else changed since it was shown is refused with a Dutch message naming the cell, what
it holds now and what was seen; nothing of the action is written, and the views reload. An undo
that would overwrite someone else's later change is refused the same way."""
from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from app.models import BudgetCell, BudgetGroup, BudgetLine, Plan, PlanKind
from app.services import budget_edit
from app.services.budget_edit import CellChange
from app.services.cell_input import EMPTY, parse_cell
from app.services.edit_errors import ConflictError
from app.services.plan_copy import create_amendment


def draft_lines(workspace) -> tuple[int, list[tuple[int, str]]]:
    """A draft amendment of the demo plan and its first two lines (id, name)."""
    with workspace.session() as s:
        adopted = s.scalars(select(Plan.id).where(Plan.kind == PlanKind.PLAN)).one()
    plan = create_amendment(workspace, adopted)
    with workspace.session() as s:
        lines = s.execute(select(BudgetLine.id, BudgetLine.name).join(BudgetLine.group)
                          .where(BudgetGroup.plan_id == plan).order_by(BudgetLine.id).limit(2)).all()
    return plan, [tuple(line) for line in lines]


def amount(workspace, line_id: int, year: int = 2022):
    with workspace.session() as s:
        cell = s.scalar(select(BudgetCell).where(BudgetCell.line_id == line_id, BudgetCell.year == year))
        return None if cell is None else cell.amount


def shown(workspace, line_id: int, year: int = 2022) -> CellChange:
    """The cell as a view shows it now."""
    value = amount(workspace, line_id, year)
    return CellChange(line_id, year, EMPTY if value is None else parse_cell(str(value).replace(".", ",")))


def test_a_cell_changed_since_it_was_shown_is_refused_and_nothing_is_written(ws):
    plan, [(first, name), (second, _)] = draft_lines(ws)
    seen = [shown(ws, first), shown(ws, second)]
    budget_edit.set_cells(ws, [CellChange(first, 2022, parse_cell("12.000"))])  # someone else, meanwhile
    with pytest.raises(ConflictError) as refused:
        budget_edit.set_cells(ws, [CellChange(first, 2022, parse_cell("10.000")),
                                   CellChange(second, 2022, parse_cell("5.000"))], expected=seen)
    message = refused.value.message
    assert message.startswith("Iemand anders heeft dit intussen gewijzigd: ")
    assert f"“{name}” 2022 is nu 12.000" in message and "Er is niets opgeslagen" in message
    assert amount(ws, first) == Decimal("12000") and amount(ws, second) == seen[1].value.amount  # neither written


def test_a_cell_as_it_was_shown_is_written(ws):
    plan, [(first, _), _second] = draft_lines(ws)
    budget_edit.set_cells(ws, [CellChange(first, 2022, parse_cell("7.500"))], expected=[shown(ws, first)])
    assert amount(ws, first) == Decimal("7500")


def test_a_marker_spelled_differently_is_no_conflict(ws):
    plan, [(first, _), _second] = draft_lines(ws)
    budget_edit.set_cells(ws, [CellChange(first, 2022, parse_cell("id"))])
    seen = CellChange(first, 2022, parse_cell("id."))
    budget_edit.set_cells(ws, [CellChange(first, 2022, parse_cell("1.000"))], expected=[seen])
    assert amount(ws, first) == Decimal("1000")


# --- two people, as the undo commands see it ----------------------------------------------------


@pytest.fixture
def two_people(pg_demo, planbord_qapp, settings_store):
    """Two contexts (two people's windows) on one server database."""
    from app.services.server_workspace import open_server_workspace
    from app.views.context import ApplicationContext

    first = ApplicationContext(open_server_workspace(pg_demo), settings_store)
    second = ApplicationContext(open_server_workspace(pg_demo), settings_store)
    yield first, second
    first.close()
    second.close()


def test_an_undo_that_would_overwrite_someone_elses_later_change_is_refused(two_people):
    from app.views.commands import SetCellsCommand, execute

    mine, theirs = two_people
    plan, [(first, name), _second] = draft_lines(mine.workspace)
    assert execute(mine, SetCellsCommand(mine, plan, [CellChange(first, 2022, parse_cell("10.000"))],
                                         "Wijzig", [shown(mine.workspace, first)])) is None
    reported = []
    mine.error_reported.connect(reported.append)
    budget_edit.set_cells(theirs.workspace, [CellChange(first, 2022, parse_cell("20.000"))])
    mine.undo_stack.undo()
    assert amount(mine.workspace, first) == Decimal("20000")  # theirs stands
    assert reported and f"“{name}” 2022 is nu 20.000 (u zag 10.000)" in reported[0]
    assert mine.undo_stack.count() == 0  # the refused step is gone from the history


def test_an_edit_on_what_someone_else_changed_reloads_the_views(two_people):
    from app.views.commands import SetCellsCommand, execute

    mine, theirs = two_people
    plan, [(first, _), _second] = draft_lines(mine.workspace)
    seen = [shown(mine.workspace, first)]
    budget_edit.set_cells(theirs.workspace, [CellChange(first, 2022, parse_cell("3.000"))])
    from app.views.changes import ChangeKind

    reloads = []
    mine.changed.connect(reloads.append)
    message = execute(mine, SetCellsCommand(mine, plan, [CellChange(first, 2022, parse_cell("4.000"))],
                                            "Wijzig", seen))
    assert message is not None and "is nu 3.000" in message
    # The plan's budget read again (its page stays, with the message); not a step to undo.
    assert [(c.plan_id, c.kind) for c in reloads] == [(plan, ChangeKind.BUDGET_STRUCTURE)]
    assert mine.undo_stack.count() == 0
    assert amount(theirs.workspace, first) == Decimal("3000")


def test_typing_over_someone_elses_change_in_the_budget_says_so_and_shows_theirs(
        pg_demo, qtbot, planbord_qapp, settings_store, monkeypatch):
    """A GUI test: the window on the shared database, a cell changed by another person after the
    budget page was drawn, then typed over: refused in the page's message bar, their value shown."""
    from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox

    from app.services.server_workspace import open_server_workspace
    from app.views.budget.budget_model import FIRST_YEAR_COLUMN
    from app.views.context import ApplicationContext
    from app.views.shell.main_window import MainWindow
    from app.views.shell.navigation import Node

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    context = ApplicationContext(open_server_workspace(pg_demo), settings_store)
    other = open_server_workspace(pg_demo)  # the other person
    try:
        window = MainWindow(context)
        qtbot.addWidget(window)
        window.show()
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        plan, [(first, name), _second] = draft_lines(context.workspace)
        window.reload()
        assert window.show_node(Node("budget", plan, plan))
        editor = window.current_editor()
        model, table = editor.model, editor.table
        row = next(i for i, r in enumerate(model.sheet.rows) if getattr(r, "id", None) == first
                   and r.label == name)
        column = FIRST_YEAR_COLUMN + model.years.index(2022)
        before = model.index(row, column).data()
        budget_edit.set_cells(other, [CellChange(first, 2022, parse_cell("33.333"))])  # meanwhile
        table.setFocus()
        table.setCurrentIndex(model.index(row, column))
        qtbot.keyClick(table, "4")
        qtbot.keyClicks(QApplication.focusWidget(), "4.444")
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not isinstance(QApplication.focusWidget(), QLineEdit))
        qtbot.waitUntil(lambda: "Iemand anders heeft dit intussen gewijzigd" in editor.messages.text())
        assert f"“{name}” 2022 is nu 33.333 (u zag {before or 'leeg'})" in editor.messages.text()
        assert amount(other, first) == Decimal("33333")
        row = next(i for i, r in enumerate(editor.model.sheet.rows) if getattr(r, "id", None) == first
                   and r.label == name)
        assert editor.model.index(row, column).data() == "33.333"  # theirs, on screen
        # Refused, as in Excel: the cursor stays on the cell the message is about (Enter did not move on).
        assert (table.currentIndex().row(), table.currentIndex().column()) == (row, column)
        assert context.undo_stack.count() == 0  # the refused edit is not a step
    finally:
        other.close()
        context.close()


# --- others' changes appear -------------------------------------------------------------------


def test_a_listener_hears_another_workspaces_commit_and_not_its_own(pg_demo):
    from app.services.server_changes import ChangeListener
    from app.services.server_workspace import open_server_workspace

    mine, theirs = open_server_workspace(pg_demo), open_server_workspace(pg_demo)
    listener = ChangeListener(mine)
    try:
        assert not listener.poll()  # listening from here on
        plan, [(first, _), _second] = draft_lines(mine)  # my own writes (a plan made: everything)
        listener.follow({plan})
        assert not listener.poll()
        budget_edit.set_cells(theirs, [CellChange(first, 2022, parse_cell("1.234"))])
        heard = _heard_within(listener, 2)
        # A cell of one plan: that plan's channel, not a change of everything.
        assert heard.plans == {plan} and not heard.everything
        assert not listener.poll()  # heard once
    finally:
        listener.close()
        mine.close()
        theirs.close()


def _heard_within(listener, seconds: float):
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        heard = listener.poll()
        if heard:
            return heard
        time.sleep(0.05)
    return heard


def test_a_listener_hears_only_the_plans_it_follows_and_every_change_of_the_region(pg_demo):
    from app.models import Region
    from app.services import region_edit
    from app.services.server_changes import ChangeListener
    from app.services.server_workspace import open_server_workspace

    mine, theirs = open_server_workspace(pg_demo), open_server_workspace(pg_demo)
    listener = ChangeListener(mine)
    try:
        plan, [(first, _), _second] = draft_lines(mine)
        listener.follow(set())  # not following the draft
        assert not listener.poll()
        budget_edit.set_cells(theirs, [CellChange(first, 2022, parse_cell("4.321"))])
        assert not _heard_within(listener, 0.6)  # another plan's change: not this window's business
        listener.follow({plan})
        budget_edit.set_cells(theirs, [CellChange(first, 2022, parse_cell("4.322"))])
        assert _heard_within(listener, 2).plans == {plan}
        with theirs.session() as s:
            region_id = s.scalars(select(Region.id)).first()
        region_edit.rename_region(theirs, region_id, "Regio Haaglanden (nieuw)")  # no plan of its own
        heard = _heard_within(listener, 2)
        assert heard.everything
    finally:
        listener.close()
        mine.close()
        theirs.close()


def test_the_window_shows_another_persons_edit_within_two_seconds(pg_demo, qtbot, planbord_qapp, settings_store):
    """A GUI test: the window on the shared database, the budget page open; another person (a
    workspace of their own) types a cell; the page shows it within two seconds, with a word."""
    from app.services.server_workspace import open_server_workspace
    from app.views.budget.budget_model import FIRST_YEAR_COLUMN
    from app.views.context import ApplicationContext
    from app.views.shell.main_window import MainWindow
    from app.views.shell.navigation import Node

    context = ApplicationContext(open_server_workspace(pg_demo), settings_store)
    other = open_server_workspace(pg_demo)
    try:
        plan, [(first, name), _second] = draft_lines(context.workspace)
        window = MainWindow(context)
        qtbot.addWidget(window)
        window.show()
        assert window.show_node(Node("budget", plan, plan))

        def shown_value():
            model = window.current_editor().model
            row = next(i for i, r in enumerate(model.sheet.rows) if getattr(r, "id", None) == first)
            return model.index(row, FIRST_YEAR_COLUMN + model.years.index(2022)).data()

        assert shown_value() != "55.555"
        budget_edit.set_cells(other, [CellChange(first, 2022, parse_cell("55.555"))])
        qtbot.waitUntil(lambda: shown_value() == "55.555", timeout=2000)
        assert window.statusBar().currentMessage() == "Gewijzigd door iemand anders; de cijfers zijn bijgewerkt."
        window.close()
    finally:
        other.close()
        context.close()


# --- who else is there ------------------------------------------------------------------------


def test_who_else_has_the_database_open_is_known_and_shown(pg_demo, qtbot, planbord_qapp, settings_store):
    from app.services.server_workspace import open_server_workspace, others_present
    from app.views.context import ApplicationContext
    from app.views.shell.main_window import MainWindow

    mine = open_server_workspace(pg_demo, who="anna@laptop-1")
    assert others_present(mine) == []  # my own connections do not count
    jan = open_server_workspace(pg_demo, who="jan@kantoor-pc")
    with jan.session() as s:  # connected
        s.execute(select(Plan.id)).all()
    assert others_present(mine) == ["jan@kantoor-pc"]
    context = ApplicationContext(mine, settings_store)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    presence = window.server_watch.presence
    assert presence.isVisibleTo(window) and presence.text() == "Ook geopend door: jan@kantoor-pc"
    jan.close()
    window.server_watch.show_presence()
    assert not presence.isVisibleTo(window)  # jan is gone
    window.close()
    context.close()


def test_who_else_is_in_this_plan_is_told_from_who_has_only_the_database_open(
        pg_demo, qtbot, planbord_qapp, settings_store):
    from app.services.server_changes import ChangeListener
    from app.services.server_workspace import open_server_workspace, others_in_plan
    from app.views.context import ApplicationContext
    from app.views.shell.main_window import MainWindow
    from app.views.shell.navigation import Node

    mine = open_server_workspace(pg_demo, who="anna@laptop-1")
    plan, _lines = draft_lines(mine)
    with mine.session() as s:
        adopted = s.scalar(select(Plan.id).where(Plan.id != plan))
    jan, piet = open_server_workspace(pg_demo, who="jan@kantoor-pc"), open_server_workspace(pg_demo, who="piet@thuis")
    jan_listens, piet_listens = ChangeListener(jan), ChangeListener(piet)
    try:
        jan_listens.follow({plan, adopted}, shown=plan)  # jan looks at the draft
        piet_listens.follow({plan, adopted}, shown=adopted)  # piet at the adopted plan
        jan_listens.poll(), piet_listens.poll()  # connected
        assert others_in_plan(mine, plan) == ["jan@kantoor-pc"]
        assert others_in_plan(mine, adopted) == ["piet@thuis"]
        context = ApplicationContext(mine, settings_store)
        window = MainWindow(context)
        qtbot.addWidget(window)
        window.show()
        assert window.show_node(Node("budget", plan, plan))
        window.server_watch.show_presence()
        presence = window.server_watch.presence
        assert presence.text() == "Ook in dit plan: jan@kantoor-pc; Ook geopend door: piet@thuis"
        piet_listens.follow({plan, adopted}, shown=plan)  # piet comes over to the draft
        piet_listens.poll()
        window.server_watch.show_presence()
        assert presence.text() == "Ook in dit plan: jan@kantoor-pc, piet@thuis"
        # And anna is seen in the plan she has open (her window's listener says so).
        window.server_watch.check()
        assert others_in_plan(jan, plan) == ["anna@laptop-1", "piet@thuis"]
        window.close()
        context.close()
    finally:
        jan_listens.close()
        piet_listens.close()
        jan.close()
        piet.close()


def test_another_persons_edit_is_read_again_in_place_keeping_the_users_cell(
        pg_demo, qtbot, planbord_qapp, settings_store):
    """Someone else types in the plan I am editing: my budget page is the same page afterwards,
    with my current cell where it was, showing their value; nothing else is rebuilt."""
    from app.services.server_workspace import open_server_workspace
    from app.services.budget_sheet import RowKind
    from app.views.budget.budget_model import FIRST_YEAR_COLUMN
    from app.views.context import ApplicationContext
    from app.views.shell.main_window import MainWindow
    from app.views.shell.navigation import Node

    context = ApplicationContext(open_server_workspace(pg_demo), settings_store)
    other = open_server_workspace(pg_demo)
    try:
        plan, [(first, _name), (second, _)] = draft_lines(context.workspace)
        window = MainWindow(context)
        qtbot.addWidget(window)
        window.show()
        assert window.show_node(Node("budget", plan, plan))
        editor = window.current_editor()
        model = editor.model
        column = FIRST_YEAR_COLUMN + model.years.index(2022)
        row_of = {r.id: i for i, r in enumerate(model.sheet.rows) if r.kind is RowKind.LINE}
        editor.table.setCurrentIndex(model.index(row_of[second], column))
        budget_edit.set_cells(other, [CellChange(first, 2022, parse_cell("66.666"))])
        qtbot.waitUntil(lambda: model.index(row_of[first], column).data() == "66.666", timeout=2000)
        assert window.current_editor() is editor  # read again in place, not rebuilt
        current = editor.table.currentIndex()
        assert (current.row(), current.column()) == (row_of[second], column)
        window.close()
    finally:
        other.close()
        context.close()


# --- funding amounts, the same way ------------------------------------------------------------


def draft_source(workspace) -> tuple[int, int, str]:
    from app.models import FundingSource

    plan, _lines = draft_lines(workspace)
    with workspace.session() as s:
        source, name = s.execute(select(FundingSource.id, FundingSource.name).where(FundingSource.plan_id == plan)
                                 .order_by(FundingSource.id)).first()
    return plan, source, name


def funding_amount(workspace, source: int, year: int = 2022):
    from app.models import FundingAmount

    with workspace.session() as s:
        return s.scalar(select(FundingAmount.amount).where(FundingAmount.source_id == source,
                                                           FundingAmount.year == year))


def test_a_funding_amount_changed_since_it_was_shown_is_refused(ws):
    from app.services import funding_edit
    from app.services.funding_edit import FundingChange

    plan, source, name = draft_source(ws)
    seen = [FundingChange(source, 2022, funding_amount(ws, source))]
    funding_edit.set_funding_amounts(ws, [FundingChange(source, 2022, Decimal("900000"))])  # someone else
    with pytest.raises(ConflictError) as refused:
        funding_edit.set_funding_amounts(ws, [FundingChange(source, 2022, Decimal("1"))], expected=seen)
    assert f"“{name}” 2022 is nu 900.000" in refused.value.message
    assert "de dekking toont nu de nieuwe bedragen" in refused.value.message
    assert funding_amount(ws, source) == Decimal("900000")
    funding_edit.set_funding_amounts(ws, [FundingChange(source, 2022, Decimal("2"))],
                                     expected=[FundingChange(source, 2022, Decimal("900000"))])
    assert funding_amount(ws, source) == Decimal("2")


def test_a_funding_undo_over_someone_elses_change_is_refused(two_people):
    from app.services import funding_edit
    from app.services.funding_edit import FundingChange
    from app.views.commands import SetFundingCommand, execute

    mine, theirs = two_people
    plan, source, name = draft_source(mine.workspace)
    seen = [FundingChange(source, 2022, funding_amount(mine.workspace, source))]
    assert execute(mine, SetFundingCommand(mine, plan, [FundingChange(source, 2022, Decimal("10000"))], "Wijzig",
                                           seen)) is None
    reported = []
    mine.error_reported.connect(reported.append)
    funding_edit.set_funding_amounts(theirs.workspace, [FundingChange(source, 2022, Decimal("20000"))])
    mine.undo_stack.undo()
    assert funding_amount(mine.workspace, source) == Decimal("20000")
    assert reported and f"“{name}” 2022 is nu 20.000 (u zag 10.000)" in reported[0]


def test_a_listener_whose_server_is_gone_says_so_once_and_hears_nothing(pg_demo, caplog):
    from app.services.server_changes import ChangeListener
    from app.services.server_workspace import open_server_workspace

    workspace = open_server_workspace(pg_demo)
    listener = ChangeListener(workspace)
    try:
        workspace.engine.dispose()
        workspace.engine.url = workspace.engine.url.set(port=1)  # the server no longer answers there
        assert [bool(listener.poll()) for _ in range(3)] == [False, False, False]
        assert sum("listening for changes" in r.getMessage() for r in caplog.records) == 1
    finally:
        listener.close()
        workspace.close()
