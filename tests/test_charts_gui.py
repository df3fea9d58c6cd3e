"""The Grafieken panel on the demo plan (pytest-qt, offscreen): what each chart plots is
what the services compute, the charts follow an edit, its undo and its redo without
re-creating a plot, hovering and clicking a bar name what it stands for, and the charts
export to PNG and SVG (also without any window: render_chart_to_file).

The plotted figures are read back from the pyqtgraph items (bar lengths, label texts)."""
from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QPointF, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from app.formatting import format_money
from app.models import ActionStatus, BudgetGroup, Plan, PlanKind
from app.services.budget import budget_figures
from app.services.budget_sheet import RowKind
from app.services.contributions import budget_contributions
from app.services.plan_copy import create_amendment
from app.services.progress import progress_overview
from app.services.staffing import staffing_figures

D = Decimal
ROOT = Path(__file__).resolve().parents[1]
BETER_SAMENSPEL_LINE = "externe projectleiding (toegevoegd aan programmateam)"


# --- set-up ----------------------------------------------------------------------------------


@pytest.fixture
def context(qtbot, planbord_qapp, demo_workspace, settings_store):
    from app.services.workspace import open_workspace
    from app.views.context import ApplicationContext

    ctx = ApplicationContext(open_workspace(demo_workspace), settings_store)
    ctx.negative_amounts_confirmed = lambda count: True
    yield ctx
    ctx.close()


@pytest.fixture
def adopted(context) -> int:
    with context.workspace.session() as s:
        return s.scalars(select(Plan.id).where(Plan.kind == PlanKind.PLAN)).one()


@pytest.fixture
def draft(context, adopted) -> int:
    return create_amendment(context.workspace, adopted)


@pytest.fixture
def panel(qtbot, context):
    from app.views.charts import ChartsPanel

    widget = ChartsPanel(context)
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def services(context, plan_id):
    with context.workspace.session() as s:
        plan = s.get(Plan, plan_id)
        return plan.year, budget_figures(s, plan), budget_contributions(s, plan)


def shown(panel, name: str):
    panel.show_chart(name)
    QApplication.processEvents()
    return panel.current_chart()


def approx(value) -> float:
    return pytest.approx(float(value), abs=0.005)


def assert_budget_chart_matches(chart, context, plan_id):
    year, fig, _ = services(context, plan_id)
    heights = chart.stack_heights()
    tops = [g for g in fig.groups if g.parent_id is None]
    assert len(heights) == len(tops) * len(fig.years)
    for group in tops:
        for y in fig.years:
            assert heights[(group.id, y)] == approx(group.totals[y]), (group.name, y)
    for y in fig.years:
        # The stack is as high as the total; the funding marker stands at the funding.
        assert sum(heights[(g.id, y)] for g in tops) == approx(fig.total[y])
        assert chart.funding_levels()[y] == approx(fig.funding[y])
    labels = chart.labels.texts()
    for i, y in enumerate(fig.years):
        assert format_money(fig.total[y]) in labels[i]
        assert format_money(fig.balance[y]) in labels[i]
    return fig


# --- each chart on the demo plan ---------------------------------------------------------------


def test_budget_chart_bars_are_the_group_totals(panel, context, adopted):
    panel.set_plan(adopted)
    chart = shown(panel, "budget")
    fig = assert_budget_chart_matches(chart, context, adopted)
    assert fig.total[2022] == D("1280000.00")
    labels = chart.labels.texts()
    assert "€ -1.062.500" in labels[0]  # 2021: the saldo as published, not hidden
    assert "12" in labels[2]  # 2023: the PM cells left out are counted
    assert len(chart.legend.entries) == 4  # three groups and the funding


def test_contributions_chart_adds_up_to_the_total(panel, context, adopted):
    panel.set_plan(adopted)
    chart = shown(panel, "contributions")
    _, _, contributions = services(context, adopted)
    plotted = chart.plotted()
    assert [name for name, _ in plotted][0] == "Den Haag"
    assert [w for _, w in plotted] == sorted((w for _, w in plotted), reverse=True)
    for name, width in plotted:
        assert width == approx(contributions.by_year[2022][name])
    assert sum(w for _, w in plotted) == approx(contributions.totals[2022])
    # What the municipalities fund: 1.280.000 minus 242.500 other funding.
    assert sum(contributions.by_year[2022].values()) == contributions.totals[2022] == D("1037500.00")
    texts = chart.labels.texts()
    assert texts[0].strip() == format_money(contributions.by_year[2022]["Den Haag"]) == "€ 478.960"


def test_half_days_chart_against_capacity(panel, context, adopted):
    panel.set_plan(adopted)
    chart = shown(panel, "half_days")
    with context.workspace.session() as s:
        staffing = staffing_figures(s, s.get(Plan, adopted))
    assert chart.total.plotted() == [(approx(staffing.allocated_half_days), 0.0)]
    assert chart.total.limit_widths() == [approx(staffing.capacity_half_days)]
    projects = [p for p in staffing.projects if p.half_days]
    assert chart.projects.plotted() == [(approx(p.half_days), 0.0) for p in projects]
    assert any("2" in t and "3" in t for t in chart.projects.labels.texts())  # Samen leren: 3, text 2


def test_people_chart_says_when_nobody_is_named(panel, adopted):
    panel.set_plan(adopted)
    chart = shown(panel, "people")
    assert chart.people.plotted() == []
    assert chart.message.isVisible()


def test_actions_chart_counts_per_chapter(panel, context, adopted):
    from app.views.charts import style

    panel.set_plan(adopted)
    chart = shown(panel, "actions")
    with context.workspace.session() as s:
        rows = progress_overview(s, s.get(Plan, adopted))
    plotted = chart.plotted()
    grey = style.STATUS_COLOURS[ActionStatus.UNKNOWN]
    per_chapter = {}
    for row in rows:
        per_chapter[row.chapter_id] = per_chapter.get(row.chapter_id, 0) + row.counts[ActionStatus.UNKNOWN]
    assert {k: v for (k, colour), v in plotted.items() if colour == grey} == {
        k: approx(v) for k, v in per_chapter.items() if v}
    assert sum(plotted.values()) == approx(47)


def test_comparison_chart_of_2022_against_2021(panel, context, adopted):
    panel.set_plan(adopted)
    chart = shown(panel, "comparison")
    _, fig, _ = services(context, adopted)
    assert (panel.comparison.plan_id, panel.comparison.year) == (adopted, 2021)
    tops = [g for g in fig.groups if g.parent_id is None]
    assert chart.plotted() == [(g.id, approx(g.totals[2022] - g.totals[2021])) for g in tops]
    assert "€ 217.500" in chart.title.text  # the total's difference


# --- following the edits -------------------------------------------------------------------------


def budget_editor(qtbot, context, plan_id):
    from app.views.budget.budget_editor import BudgetEditor

    editor = BudgetEditor(context, plan_id)
    qtbot.addWidget(editor)
    return editor


def cell_index(editor, line_name: str, year: int):
    from app.views.budget.budget_model import FIRST_YEAR_COLUMN

    model = editor.model
    row = next(i for i, r in enumerate(model.sheet.rows) if r.kind is RowKind.LINE and r.label == line_name)
    return model.index(row, FIRST_YEAR_COLUMN + model.years.index(year))


def test_charts_follow_an_edit_its_undo_and_redo(qtbot, panel, context, draft):
    editor = budget_editor(qtbot, context, draft)
    panel.set_plan(draft)
    budget = shown(panel, "budget")
    before = budget.stack_heights()
    _, fig, contributions = services(context, draft)
    group = next(g for g in fig.groups if g.parent_id is None and g.number == "2")

    index = cell_index(editor, BETER_SAMENSPEL_LINE, 2022)
    old = D(str(editor.model.sheet.rows[index.row()].cells[2022].amount))
    assert editor.model.setData(index, str(old + 100_000))
    assert budget.stack_heights()[(group.id, 2022)] == approx(group.totals[2022] + 100_000)
    changed = assert_budget_chart_matches(budget, context, draft)
    assert changed.balance[2022] == D("-100000.00")
    assert "€ -100.000" in budget.labels.texts()[1]  # the saldo is no longer zero

    # The comparison with the adopted plan (the default for an amendment) shows the difference.
    comparison = shown(panel, "comparison")
    assert dict(comparison.plotted())[group.id] == approx(100_000)
    contributions_chart = shown(panel, "contributions")
    assert sum(w for _, w in contributions_chart.plotted()) == approx(contributions.totals[2022] + 100_000)

    context.undo_stack.undo()
    assert dict(shown(panel, "comparison").plotted())[group.id] == approx(0)
    budget = shown(panel, "budget")  # made anew: two other charts were shown since (CHARTS_KEPT)
    assert budget.stack_heights() == before
    assert_budget_chart_matches(budget, context, draft)
    items = (budget.plot, budget.bars.item, budget.funding)

    context.undo_stack.redo()
    assert budget.stack_heights()[(group.id, 2022)] == approx(group.totals[2022] + 100_000)
    # The chart on show follows the redo in place: the same plot and the same items.
    assert (budget.plot, budget.bars.item, budget.funding) == items
    assert panel.chart("budget") is budget


def test_hidden_charts_catch_up_when_shown(qtbot, panel, context, draft):
    editor = budget_editor(qtbot, context, draft)
    panel.set_plan(draft)
    budget = shown(panel, "budget")
    shown(panel, "actions")  # the budget chart is out of sight while the cell changes
    assert editor.model.setData(cell_index(editor, BETER_SAMENSPEL_LINE, 2021), "1000")
    assert "budget" in panel._stale
    assert_budget_chart_matches(shown(panel, "budget"), context, draft)
    assert panel.chart("budget") is budget


def test_an_action_status_edit_updates_the_actions_chart(qtbot, panel, context, draft):
    from app.services.progress import project_actions
    from app.views.charts import style
    from app.views.commands import execute
    from app.views.projects.project_commands import action_fields_command

    panel.set_plan(draft)
    chart = shown(panel, "actions")
    green = style.STATUS_COLOURS[ActionStatus.ACHIEVED]

    def achieved():
        return {k: v for (k, colour), v in chart.plotted().items() if colour == green}

    assert sum(chart.plotted().values()) == approx(47) and achieved() == {}
    with context.workspace.session() as s:
        row = next(r for r in progress_overview(s, s.get(Plan, draft)) if r.total)
        action = project_actions(s, row.project_id)[0]
    command = action_fields_command(context, draft, [(action.id, {"status": ActionStatus.ACHIEVED})], "Behaald")
    assert execute(context, command) is None
    assert achieved() == {row.chapter_id: approx(1)}
    assert sum(chart.plotted().values()) == approx(47)
    context.undo_stack.undo()
    assert achieved() == {}


# --- the mouse ---------------------------------------------------------------------------------


def scene_point(chart, hit) -> QPointF:
    return hit.plot.vb.mapViewToScene(hit.rect.center())


def test_hover_shows_the_exact_amount_and_names_the_group(qtbot, panel, context, adopted):
    panel.set_plan(adopted)
    chart = shown(panel, "budget")
    _, fig, _ = services(context, adopted)
    group = next(g for g in fig.groups if g.parent_id is None and g.number == "1")
    hit = next(h for h in chart.hits if h.key == group.id and "2022" in h.tip)
    with qtbot.waitSignal(panel.item_hovered) as hovered:
        chart._mouse_moved(scene_point(chart, hit))
    assert hovered.args == ["budget_group", group.id]
    assert chart.tooltip == f"1 Regionale netwerksamenwerking\n2022: {format_money(group.totals[2022])}"
    assert chart.bars.highlighted == hit.index  # the bar under the mouse is outlined
    with qtbot.waitSignal(panel.item_hovered) as left:
        chart._mouse_moved(QPointF(2, 2))  # the title: no bar
    assert left.args == ["", None]
    assert chart.bars.highlighted is None


def test_click_on_a_bar_activates_it(qtbot, panel, adopted):
    panel.set_plan(adopted)
    chart = shown(panel, "contributions")
    hit = next(h for h in chart.hits if h.key == "Den Haag")
    where = chart.mapFromScene(scene_point(chart, hit))
    with qtbot.waitSignal(panel.item_activated) as activated:
        qtbot.mouseClick(chart.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert activated.args == ["municipality", "Den Haag"]


def test_highlight_from_the_editor(panel, context, adopted):
    panel.set_plan(adopted)
    chart = shown(panel, "budget")
    _, fig, _ = services(context, adopted)
    group = next(g for g in fig.groups if g.parent_id is None and g.number == "3")
    panel.highlight("budget_group", group.id)
    assert chart.current is not None and chart.current.key == group.id
    panel.highlight("", None)
    assert chart.bars.highlighted is None


# --- export ------------------------------------------------------------------------------------


def colours_in(image: QImage) -> set[str]:
    step = max(1, image.width() // 200)
    return {QColor(image.pixel(x, y)).name() for x in range(0, image.width(), step)
            for y in range(0, image.height(), step)}


def test_export_png_and_svg_at_print_resolution(panel, adopted, tmp_path):
    from app.views.charts import style

    panel.set_plan(adopted)
    shown(panel, "budget")
    size_before = panel.current_chart().size()
    png = panel.export_current(tmp_path / "begroting.png")
    image = QImage(str(png))
    assert (image.width(), image.height()) == (3000, 1875)
    assert round(image.dotsPerMeterX() * 0.0254) == 300
    colours = colours_in(image)
    assert style.PALETTE[0].lower() in colours and "#ffffff" in colours  # the bars are there
    svg = panel.export_current(tmp_path / "begroting.svg", 1200, 750)
    root = ET.parse(svg).getroot()
    assert root.tag.endswith("svg") and root.get("viewBox") == "0 0 1200 750"
    texts = "".join(t.text or "" for t in root.iter() if t.tag.endswith("text"))
    assert "€ 1.280.000" in texts and "2022" in texts
    assert panel.current_chart().size() == size_before  # the panel itself did not change


@pytest.mark.parametrize("name", ["budget", "contributions", "half_days", "people", "actions", "comparison",
                                  "realisation"])
def test_render_chart_to_file_without_a_window(planbord_qapp, context, adopted, tmp_path, name):
    from app.views.charts import render_chart_to_file

    visible = {id(w) for w in QApplication.topLevelWidgets() if w.isVisible()}
    path = render_chart_to_file(context, adopted, name, tmp_path / f"{name}.png", 1500, 1000)
    image = QImage(str(path))
    assert (image.width(), image.height()) == (1500, 1000)
    assert len(colours_in(image)) > 3  # more than a blank page
    assert {id(w) for w in QApplication.topLevelWidgets() if w.isVisible()} == visible
    svg = render_chart_to_file(context.workspace, adopted, name, tmp_path / f"{name}.svg", 1500, 1000)
    assert ET.parse(svg).getroot().tag.endswith("svg")


def test_render_chart_without_its_title_for_a_pdf_heading(planbord_qapp, context, adopted, tmp_path):
    from app.views.charts import render_chart_to_file

    svg = render_chart_to_file(context, adopted, "budget", tmp_path / "b.svg", 1200, 750, with_title=False)
    texts = "".join(t.text or "" for t in ET.parse(svg).getroot().iter() if t.tag.endswith("text"))
    assert "€ 1.280.000" in texts and "1 Regionale netwerksamenwerking" in texts
    with_title = render_chart_to_file(context, adopted, "budget", tmp_path / "t.svg", 1200, 750)
    titled = "".join(t.text or "" for t in ET.parse(with_title).getroot().iter() if t.tag.endswith("text"))
    assert len(titled) > len(texts)  # the title and its explanation


def test_render_chart_to_file_refuses_other_formats(planbord_qapp, context, adopted, tmp_path):
    from app.views.charts import render_chart_to_file

    with pytest.raises(ValueError):
        render_chart_to_file(context, adopted, "budget", tmp_path / "x.jpg", 100, 100)
    with pytest.raises(ValueError):
        render_chart_to_file(context, adopted, "pie", tmp_path / "x.png", 100, 100)


def test_export_from_the_menu_asks_where(panel, adopted, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    panel.set_plan(adopted)
    shown(panel, "contributions")
    assert panel.default_file_name("png") == "grafiek-bijdragen-2022.png"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "bijdragen"), ""))
    panel.export_png_action.trigger()
    assert QImage(str(tmp_path / "bijdragen.png")).width() == 3000


# --- full screen, choices, files -----------------------------------------------------------------


def test_full_screen_with_large_letters_and_back(qtbot, panel, adopted):
    panel.set_plan(adopted)
    chart = shown(panel, "budget")
    small = chart.axis.style["tickFont"].pointSizeF()
    panel.full_screen_action.trigger()
    window = panel._full_screen_window
    assert window is not None and window.isFullScreen() and panel.content.window() is window
    assert chart.axis.style["tickFont"].pointSizeF() > 1.5 * small
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not panel.full_screen and panel.content.window() is panel.window()
    assert chart.axis.style["tickFont"].pointSizeF() == small
    assert not panel.full_screen_action.isChecked()


def test_choose_what_to_compare_with(panel, context, adopted, draft):
    panel.set_plan(draft)
    chart = shown(panel, "comparison")
    assert panel.compare_box.isVisible()
    assert [(c.plan_id, c.year) for c in panel.choices] == [(draft, 2021), (adopted, 2022)]
    assert (panel.comparison.plan_id, panel.comparison.year) == (adopted, 2022)
    assert all(abs(d) < 0.005 for _, d in chart.plotted())  # a fresh copy: no differences
    panel.set_comparison(draft, 2021)
    _, fig, _ = services(context, draft)
    tops = [g for g in fig.groups if g.parent_id is None]
    assert chart.plotted() == [(g.id, approx(g.totals[2022] - g.totals[2021])) for g in tops]


def test_another_file_keeps_the_panel_working(qtbot, panel, context, adopted, tmp_path):
    from app.services.workspace import open_workspace
    from db.demo import build_demo

    panel.set_plan(adopted)
    chart = shown(panel, "budget")
    build_demo(tmp_path / "other.planbord").close()
    context.set_workspace(open_workspace(tmp_path / "other.planbord"))
    panel.set_plan(adopted)  # as the main window does after workspace_changed
    assert_budget_chart_matches(chart, context, adopted)
    panel.set_plan(None)
    assert chart.bars.heights() == []


def test_importing_the_package_does_not_import_pyqtgraph(tmp_path):
    script = ("import sys\n"
              "import app.views.charts\n"
              "print('pyqtgraph' in sys.modules)\n"
              "from app.views.charts import ChartsPanel\n"
              "print('pyqtgraph' in sys.modules)\n")
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True,
                            timeout=60, env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin",
                                             "PLANBORD_DATA_DIR": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True"]


def test_group_rename_keeps_the_chart_in_step(qtbot, panel, context, draft):
    from app.views.commands import execute, group_fields_command

    panel.set_plan(draft)
    chart = shown(panel, "budget")
    with context.workspace.session() as s:
        group_id = s.scalars(select(BudgetGroup.id).where(BudgetGroup.plan_id == draft,
                                                          BudgetGroup.number == "1")).one()
    assert execute(context, group_fields_command(context, draft, group_id, "Hernoemen", name="Netwerk")) is None
    assert chart.legend.entries[0][2] == "1 Netwerk"
    context.undo_stack.undo()
    assert chart.legend.entries[0][2] == "1 Regionale netwerksamenwerking"


def test_only_the_charts_last_shown_are_kept_and_one_shown_again_is_drawn_anew(panel, context, adopted):
    """Seven charts at a large plan hold some 20 MB: the panel keeps the one shown and the one
    before it; a chart shown again is made anew, with the same figures."""
    import shiboken6

    from app.views.charts.panel import CHARTS_KEPT

    panel.set_plan(adopted)
    first = shown(panel, "budget")
    heights = first.stack_heights()
    shown(panel, "contributions")
    assert panel.chart("budget") is first  # the one before is kept: going back is instant
    shown(panel, "half_days")
    assert len(panel.charts) == CHARTS_KEPT == 2
    assert set(panel.charts) == {"contributions", "half_days"}
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(first)  # its plots and items are freed
    again = shown(panel, "budget")
    assert again is not first and again.stack_heights() == heights
    assert panel.stack.count() == CHARTS_KEPT


def test_a_legend_of_hundreds_of_groups_shows_what_fits_and_sums_up_the_rest(planbord_qapp):
    """A budget of 400 groups: the legend shows the first groups that fit in its lines, then
    "… and N more", then the funding line; one group more would not fit."""
    from app.views.charts.base import Legend

    legend = Legend(max_lines=2)
    legend.resize(420, 80)
    groups = [("bar", "#336699", f"Groep {i}") for i in range(400)]
    funding = ("line", "#000000", "Dekking")
    legend.set_entries([*groups, funding], overflow=lambda n: f"… en nog {n} groepen", keep=1)
    shown = legend.shown
    count = len(shown) - 2
    assert 3 <= count < 400
    assert shown[:count] == groups[:count]
    assert shown[count][2] == f"… en nog {400 - count} groepen" and shown[-1] == funding
    assert len({y for _x, y in legend._places}) <= 2
    _, metrics = legend._metrics()
    line, swatch = metrics.height() + 6 * legend.scale, metrics.height()
    one_more = [*groups[:count + 1], ("bar", "#ffffff", f"… en nog {399 - count} groepen"), funding]
    assert legend._place(one_more, metrics.horizontalAdvance, 420, line, swatch)[1] > 2
