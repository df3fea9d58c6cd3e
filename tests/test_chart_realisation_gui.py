"""The realisation chart (Begroting en realisatie, issue 20) in the Grafieken panel (pytest-qt,
offscreen): per top-level group the bars are the budget, the realised and the ordered amounts of
app.services.depletion; the chart follows a booking (made through the services and announced to the
context, as an undo command does) and a budget edit, without re-creating its plot; another year can
be chosen; it exports to PNG, also without a window, and is printed under Grafieken."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from app.formatting import format_money, format_percentage
from app.models import BudgetGroup, BudgetLine, Plan, PlanKind
from app.models.actuals import ActualKind
from app.services.actuals import EntryValues, add_entries
from app.services.depletion import plan_depletion
from app.services.plan_copy import create_amendment

D = Decimal
SECRETARY = "Secretariële ondersteuning"  # group 1; 2022: 70.000
MONITOR = "onderzoek, rapportages"  # group 2 (three levels down); 2022: 85.000


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
def panel(qtbot, context):
    from app.views.charts import ChartsPanel

    widget = ChartsPanel(context)
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def line_id(context, plan_id: int, name: str) -> int:
    with context.workspace.session() as s:
        return s.scalars(select(BudgetLine.id).join(BudgetLine.group)
                         .where(BudgetGroup.plan_id == plan_id, BudgetLine.name == name)).one()


def book(context, plan_id: int, name: str, amount: str, kind=ActualKind.REALISED, year: int = 2022) -> None:
    """A booking through the services, announced as the Realisatie page's undo commands do."""
    from app.views.changes import Change, ChangeKind

    add_entries(context.workspace, plan_id, [
        EntryValues(year, date(year, 5, 1), D(amount), line_id=line_id(context, plan_id, name), kind=kind)])
    context.announce(Change(plan_id, ChangeKind.ACTUALS))


def depletion(context, plan_id: int):
    with context.workspace.session() as s:
        return plan_depletion(s, s.get(Plan, plan_id))


def shown(panel):
    panel.show_chart("realisation")
    QApplication.processEvents()
    return panel.current_chart()


def approx(value) -> float:
    return pytest.approx(float(value), abs=0.005)


def assert_matches(chart, context, plan_id, year: int = 2022):
    """Every plotted bar is the group's figure of the uitputting."""
    figures = depletion(context, plan_id)
    tops = [g for g in figures.groups if g.parent_id is None]
    assert chart.series.year == year
    assert chart.plotted() == [(g.id, approx(g.years[year].budget), approx(g.years[year].realised),
                                approx(g.years[year].committed)) for g in tops]
    return figures


def test_the_bars_are_each_group_s_budget_realised_and_ordered(panel, context, draft):
    from app.views.charts import style

    book(context, draft, SECRETARY, "80000.00")  # over its 70.000
    book(context, draft, SECRETARY, "5000.00", ActualKind.COMMITTED)
    book(context, draft, MONITOR, "-2500.50")  # a credit note: a group runs left of zero
    panel.set_plan(draft)
    chart = shown(panel)
    figures = assert_matches(chart, context, draft)
    tops = [g for g in figures.groups if g.parent_id is None]
    first, second = tops[0].years[2022], tops[1].years[2022]
    assert (first.realised, first.committed, second.realised) == (D("80000.00"), D("5000.00"), D("-2500.50"))
    texts = chart.labels.texts()
    assert format_money(first.budget) in texts[0]
    assert texts[1].strip() == f"{format_money(D('85000.00'))} ({format_percentage(first.percentage, 1)})"
    tip = next(h for h in chart.hits if h.key == tops[0].id).tip  # the split in the tooltip
    assert format_money(D("80000.00")) in tip and format_money(D("5000.00")) in tip
    total = figures.total[2022]
    assert format_money(total.realised) in chart.title.text and format_money(total.budget) in chart.title.text
    assert not chart.message.isVisible()
    assert [colour for _, colour, _ in chart.legend.entries] == [style.LIMIT_FILL, style.SINGLE, style.LESS]
    assert chart.legend.entries[0][2] == "Begroting"


def test_it_follows_a_booking_and_a_budget_edit_without_re_creating_the_plot(qtbot, panel, context, draft):
    from app.views.budget.budget_editor import BudgetEditor
    from app.views.budget.budget_model import FIRST_YEAR_COLUMN
    from app.services.budget_sheet import RowKind

    panel.set_plan(draft)
    chart = shown(panel)
    items = (chart.plot, chart.budget_bars.item, chart.spent_bars.item)
    assert chart.message.isVisible()  # nothing booked yet
    assert all(realised == 0 for _, _, realised, _ in chart.plotted())
    book(context, draft, SECRETARY, "12345.67")
    assert "realisation" not in panel._stale
    assert not chart.message.isVisible()
    figures = assert_matches(chart, context, draft)
    first = next(g for g in figures.groups if g.parent_id is None)
    assert chart.plotted()[0][2] == approx("12345.67")

    # A budget cell typed in the editor (an undo command: ChangeKind.CELLS) moves the budget bar.
    editor = BudgetEditor(context, draft)
    qtbot.addWidget(editor)
    model = editor.model
    row = next(i for i, r in enumerate(model.sheet.rows) if r.kind is RowKind.LINE and r.label == SECRETARY)
    assert model.setData(model.index(row, FIRST_YEAR_COLUMN + model.years.index(2022)), "90000")
    assert chart.plotted()[0][1] == approx(first.years[2022].budget + 20000)
    assert_matches(chart, context, draft)
    context.undo_stack.undo()
    assert chart.plotted()[0][1] == approx(first.years[2022].budget)
    assert (chart.plot, chart.budget_bars.item, chart.spent_bars.item) == items
    assert panel.chart("realisation") is chart


def test_a_hidden_chart_catches_up_and_an_unrelated_change_leaves_it(panel, context, draft):
    from app.views.changes import Change, ChangeKind

    panel.set_plan(draft)
    chart = shown(panel)
    context.announce(Change(draft, ChangeKind.STAFFING))
    assert "realisation" not in panel._stale  # dagdelen are not the uitputting
    panel.show_chart("budget")
    book(context, draft, MONITOR, "4000.00")
    assert "realisation" in panel._stale
    assert shown(panel) is chart
    assert_matches(chart, context, draft)


def test_another_year_can_be_chosen(panel, context, draft):
    book(context, draft, "Programmamanager Jeugd (40% uitvoering)", "3000.00", year=2023)  # on doorlopend
    panel.set_plan(draft)
    chart = shown(panel)
    assert panel.year_box.isVisible()
    assert [panel.year_box.itemText(i) for i in range(panel.year_box.count())] == ["2022", "2023"]
    assert panel.year_box.currentText() == "2022"
    panel.year_box.setCurrentIndex(1)
    assert_matches(chart, context, draft, 2023)
    # Group 1 budgets 2023 with markers only: no amount, its four marker lines counted.
    assert chart.plotted()[0][1] == 0 and "€ 0 (+ 4 " in chart.labels.texts()[0]
    panel.show_chart("budget")
    assert not panel.year_box.isVisible()


def colours_in(image: QImage) -> set[str]:
    step = max(1, image.width() // 200)
    return {QColor(image.pixel(x, y)).name() for x in range(0, image.width(), step)
            for y in range(0, image.height(), step)}


def test_export_to_png_from_the_panel_and_without_a_window(panel, context, draft, tmp_path):
    from app.views.charts import render_chart_to_file, style

    book(context, draft, SECRETARY, "50000.00")
    panel.set_plan(draft)
    shown(panel)
    assert panel.default_file_name("png") == "grafiek-realisatie-2022.png"
    png = panel.export_current(tmp_path / "realisatie.png")
    image = QImage(str(png))
    assert (image.width(), image.height()) == (3000, 1875)
    assert QColor(style.SINGLE).name() in colours_in(image)  # the realised bar is there
    visible = {id(w) for w in QApplication.topLevelWidgets() if w.isVisible()}
    path = render_chart_to_file(context.workspace, draft, "realisation", tmp_path / "r.png", 1500, 1000, year=2022)
    assert QImage(str(path)).width() == 1500 and len(colours_in(QImage(str(path)))) > 3
    assert {id(w) for w in QApplication.topLevelWidgets() if w.isVisible()} == visible


def test_printed_under_grafieken_only_when_something_was_booked(qtbot, context, draft, monkeypatch):
    from app.views.export import pdf_export

    dialog = pdf_export.PdfExportDialog(context, draft)
    qtbot.addWidget(dialog)
    assert {"realisatie", "afrekening"} <= set(dialog.section_boxes)
    dialog._folder = __import__("pathlib").Path(__import__("tempfile").mkdtemp())
    try:
        names = [p.stem for _, p in dialog._charts(lambda *a: None, lambda: False)]
        assert "realisation" not in names
        book(context, draft, SECRETARY, "1000.00")
        made = dialog._charts(lambda *a: None, lambda: False)
        assert ("Begroting en realisatie per groep", dialog._folder / "realisation.png") in made
    finally:
        dialog.remove_temporary_files()
