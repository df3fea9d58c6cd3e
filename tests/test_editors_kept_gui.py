"""The window keeps the pages last shown, not every page ever opened (issue 18: at a large plan
the budget page alone holds some 20 MB): going back and forth between a few pages is instant; a
page shown again after that is made anew, reading what is in the file now."""
from __future__ import annotations

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent

from app.views.shell.main_window import EDITORS_KEPT
from app.views.shell.navigation import Node


def _deleted() -> None:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_the_pages_last_shown_are_kept_and_an_older_one_is_made_anew(main_window):
    window = main_window
    plan = window.current_plan_id
    assert EDITORS_KEPT == 3
    window.show_node(Node("budget", plan, plan))
    budget = window.current_editor()
    total = budget.model.index(budget.model.rowCount() - 1, 3).data()
    window.show_node(Node("staffing", plan, plan))
    window.show_node(Node("key", plan, plan))
    window.show_node(Node("budget", plan, plan))
    assert window.current_editor() is budget  # among the last three: the same page, instantly
    window.show_node(Node("progress", plan, plan))  # budget, staffing, key, budget, progress:
    _deleted()
    assert shiboken6.isValid(budget) and len(window._editors) == 3  # staffing went
    assert [key[0] for key in window._editors] == ["key", "budget", "progress"]
    window.show_node(Node("staffing", plan, plan))
    window.show_node(Node("actuals", plan, plan))
    _deleted()
    assert not shiboken6.isValid(budget)  # the least recently shown: freed
    assert window.pages.count() == EDITORS_KEPT + 1  # and the overview page
    window.show_node(Node("budget", plan, plan))
    again = window.current_editor()
    assert again is not budget
    assert again.model.index(again.model.rowCount() - 1, 3).data() == total


def test_the_page_on_show_is_never_dropped_and_undo_still_works(open_window, draft_file):
    """An edit on a page that was dropped since: its undo writes the file, and the page made
    anew shows the undone value."""
    from app.services.budget_sheet import RowKind
    from app.views.budget.budget_model import FIRST_YEAR_COLUMN

    path, plan, _project, _action = draft_file
    window = open_window(path)
    window.show_node(Node("budget", plan, plan))
    editor = window.current_editor()
    model = editor.model
    row = next(i for i, r in enumerate(model.sheet.rows) if r.kind is RowKind.LINE)
    index = model.index(row, FIRST_YEAR_COLUMN + 1)
    before = index.data()
    assert not model.read_only and model.setData(index, "12.345")
    assert index.data() == "12.345" != before
    for kind in ("staffing", "key", "progress", "actuals"):
        window.show_node(Node(kind, plan, plan))
        assert window.current_editor() is not None  # the page shown is always there
    _deleted()
    assert not shiboken6.isValid(editor)
    window.context.undo_stack.undo()
    window.show_node(Node("budget", plan, plan))
    made_again = window.current_editor().model
    assert made_again.index(row, FIRST_YEAR_COLUMN + 1).data() == before
