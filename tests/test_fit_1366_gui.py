"""A laptop screen holds the work (issue 16, point 3): at 1366x768 with the tree at its default
width every table of every page shows all its columns, a dock never pushes the budget's year
columns out, and the window never grows by itself."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QTableView
from sqlalchemy import select

from app.models import Chapter, Plan, PlanKind, Project
from app.views.budget.budget_model import FIRST_YEAR_COLUMN
from app.views.shell.navigation import Node

SIZE = (1366, 768)


@pytest.fixture
def window(main_window, qtbot):
    main_window.resize(*SIZE)
    qtbot.waitUntil(lambda: (main_window.width(), main_window.height()) == SIZE)
    return main_window


def settle(qtbot) -> None:
    for _ in range(3):
        QApplication.processEvents()
    qtbot.wait(20)


def ids(window):
    with window.context.workspace.session() as s:
        plan = s.scalars(select(Plan.id).where(Plan.kind == PlanKind.PLAN)).one()
        project = s.scalars(select(Project.id).join(Project.chapter).where(Chapter.plan_id == plan)).first()
        region = s.get(Plan, plan).region_id
    return plan, project, region


def pages(window) -> list[Node]:
    plan, project, region = ids(window)
    return [Node(kind, plan, plan) for kind in ("budget", "key", "staffing", "progress")] + [
        Node("project", project, plan), Node("region", region, None)]


def tables(editor) -> list[QTableView]:
    """The page's tables as the user sees them (not the overlays that draw frozen columns)."""
    return [t for t in editor.findChildren(QTableView)
            if t.isVisible() and t.model() is not None and not isinstance(t.parentWidget(), QTableView)
            and t.model().columnCount() > 0]


def clipped(window, view: QTableView, columns=None) -> list[str]:
    """The columns of ``view`` not wholly on screen: cut by the table or by the window."""
    header = view.horizontalHeader()
    model = view.model()
    out = []
    for column in columns if columns is not None else range(header.count()):
        if header.isSectionHidden(column):
            continue
        left = header.sectionViewportPosition(column)
        right = left + header.sectionSize(column)
        on_window = view.viewport().mapTo(window, QPoint(right, 0)).x()
        if left < 0 or right > view.viewport().width() + 1 or on_window > window.width():
            out.append(f"{view.objectName()}: {model.headerData(column, __import__('PySide6.QtCore').QtCore.Qt.Orientation.Horizontal)}")
    return out


def test_every_page_shows_all_its_columns_with_the_tree_at_its_default_width(window, qtbot):
    assert abs(window.splitter.sizes()[0] - 320) <= 4
    problems = []
    for node in pages(window):
        assert window.show_node(node), node
        settle(qtbot)
        editor = window.current_editor()
        found = tables(editor)
        assert found, node.kind
        for view in found:
            problems += [f"{node.kind}: {p}" for p in clipped(window, view)]
    assert not problems, problems
    assert (window.width(), window.height()) == SIZE


def test_a_dock_never_pushes_the_year_columns_out_and_the_window_never_grows(window, qtbot):
    plan, _, _ = ids(window)
    window.show_node(Node("budget", plan, plan))
    window.charts.show()
    settle(qtbot)
    qtbot.waitUntil(lambda: window.charts.width() >= 280)
    budget = window.current_editor()
    years = range(FIRST_YEAR_COLUMN, budget.model.columnCount())
    assert not clipped(window, budget.table, years)
    assert budget.table.horizontalHeader().sectionSize(0) >= 180  # the descriptions stay readable
    assert window.splitter.sizes()[0] >= 180  # and so does the tree
    window.history.show()
    for node in pages(window):  # every page with both docks open: the window keeps its size
        window.show_node(node)
        settle(qtbot)
        assert (window.width(), window.height()) == SIZE, node.kind
    window.show_node(Node("budget", plan, plan))
    settle(qtbot)
    budget = window.current_editor()  # (made anew: the window keeps only its last pages)
    assert not clipped(window, budget.table, years)
