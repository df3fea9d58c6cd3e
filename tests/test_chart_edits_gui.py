"""The budget chart follows a cell edit by moving only the bars it changed (issue 18, point 2):
the groups whose totals did not change keep their series (and their plotted row), only the
edited year's stack is repainted, and what is on screen is what a whole repaint shows."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from app.models import Plan, PlanKind
from app.services.budget import budget_figures
from app.services.budget_sheet import RowKind
from app.services.plan_copy import create_amendment


@pytest.fixture
def context(qtbot, planbord_qapp, demo_workspace, settings_store):
    from app.services.workspace import open_workspace
    from app.views.context import ApplicationContext

    ctx = ApplicationContext(open_workspace(demo_workspace), settings_store)
    ctx.negative_amounts_confirmed = lambda count: True
    yield ctx
    ctx.close()


@pytest.fixture
def draft(context) -> int:
    with context.workspace.session() as s:
        adopted = s.scalars(select(Plan.id).where(Plan.kind == PlanKind.PLAN)).one()
    return create_amendment(context.workspace, adopted)


@pytest.fixture
def window(qtbot, context, draft):
    """The budget editor and the charts panel side by side in one window, as the dock has them."""
    from PySide6.QtWidgets import QHBoxLayout, QWidget

    from app.views.budget.budget_editor import BudgetEditor
    from app.views.charts import ChartsPanel

    top = QWidget()
    layout = QHBoxLayout(top)
    top.editor = BudgetEditor(context, draft)
    top.panel = ChartsPanel(context)
    layout.addWidget(top.editor, 3)
    layout.addWidget(top.panel, 2)
    qtbot.addWidget(top)
    top.resize(1300, 700)
    top.show()
    qtbot.waitExposed(top)
    top.panel.set_plan(draft)
    top.panel.show_chart("budget")
    QApplication.processEvents()
    return top


def on_screen(chart) -> np.ndarray:
    """The chart's pixels as the window shows them (the backing store, not a fresh render)."""
    viewport = chart.viewport()
    where = viewport.mapTo(viewport.window(), QPoint(0, 0))
    image = chart.screen().grabWindow(viewport.window().winId(), where.x(), where.y(),
                                      viewport.width(), viewport.height()).toImage()
    image = image.convertToFormat(QImage.Format.Format_RGBA8888)
    return np.frombuffer(image.constBits(), dtype=np.uint8).reshape(image.height(), image.width(), 4).copy()


def repainted_whole(chart) -> np.ndarray:
    chart.viewport().update()
    QApplication.processEvents()
    return on_screen(chart)


def line_cells(editor, year: int):
    model = editor.model
    column = 3 + model.years.index(year)  # FIRST_YEAR_COLUMN
    return [model.index(r, column) for r, row in enumerate(model.sheet.rows) if row.kind is RowKind.LINE]


def test_an_edit_repaints_only_its_years_stack_and_the_screen_shows_what_a_whole_repaint_shows(
        window, context, draft):
    chart = window.panel.current_chart()
    before_series = chart.series
    repainted_whole(chart)  # everything laid out and painted once
    painted = []
    update = chart.bars.item.update

    def recorded(*area):  # where the bars ask to be repainted
        painted.append(area)
        update(*area)

    chart.bars.item.update = recorded
    cells = line_cells(window.editor, 2022)
    for n, index in enumerate(cells[:6]):
        painted.clear()
        # A few thousand more or less: the plot keeps its size (round numbers), the bars move
        # (a lower stack leaves room where it stood: that too is repainted).
        amount = window.editor.model.sheet.rows[index.row()].cells[2022].amount or 0
        assert window.editor.model.setData(index, str(int(amount) + (-1) ** n * 5_000 * (n + 1)))
        QApplication.processEvents()
        shown = on_screen(chart)
        assert np.array_equal(shown, repainted_whole(chart)), f"edit {n}: the screen differs from a whole repaint"
        # Only the moved bars' area: the 2022 column (x from 1 - 0.3 to 1 + 0.3), not the others.
        assert painted and all(area for area in painted)
        for (rect,) in painted:
            assert 0.6 < rect.left() and rect.right() < 1.4, rect
    del chart.bars.item.update
    # The groups the edits did not change kept their series; the plot follows the services.
    with context.workspace.session() as s:
        figures = budget_figures(s, s.get(Plan, draft))
    heights = chart.stack_heights()
    for group in (g for g in figures.groups if g.parent_id is None):
        for year in figures.years:
            assert heights[(group.id, year)] == pytest.approx(float(group.totals[year]), abs=0.005)
    kept = {g.key for g, old in zip(chart.series.groups, before_series.groups) if g is old}
    changed = {g.key for g, old in zip(chart.series.groups, before_series.groups)
               if g.values != old.values}
    assert changed and kept == {g.key for g in before_series.groups} - changed


def test_the_highlighted_bar_follows_its_group_when_an_edit_moves_it(window, context, draft):
    chart = window.panel.current_chart()
    group = chart.series.groups[-1].key  # the top of the stack: moves with any edit below it
    chart.highlight("budget_group", group)
    assert chart.bars.highlighted is not None
    index = line_cells(window.editor, 2022)[0]
    assert window.editor.model.setData(index, "2.000.000")
    QApplication.processEvents()
    hit = chart.hit_for("budget_group", group)
    outlined = chart.bars.item._highlight[1]
    assert (outlined.top(), outlined.height()) == pytest.approx((hit.rect.top(), hit.rect.height()))
    assert np.array_equal(on_screen(chart), repainted_whole(chart))
    chart.highlight("", None)
    assert chart.bars.item._highlight is None
