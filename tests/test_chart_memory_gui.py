"""What the charts keep in memory (issue 18): value labels painted by one item per plot (a chart of
300 groups holds no TextItem per label; the labels are where their bars end, grow with an
export's print scale, and an edit repaints only the label that changed), pixmap caches only for
the chart on screen, and pyqtgraph imported without making every Qt class."""
from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from app.services.chart_data import ComparisonSeries, Difference

ROOT = Path(__file__).resolve().parents[1]


def series(n: int, changed: int | None = None) -> ComparisonSeries:
    groups = [Difference(i, f"Groep {i}", Decimal(1000 * (i + 1) + (7 if i == changed else 0)),
                         Decimal(500 * (i + 1)) if i % 2 else Decimal(2000 * (i + 1)))
              for i in range(n)]
    total = Difference(None, "Totaal", sum((g.current for g in groups), Decimal(0)),
                       sum((g.other for g in groups), Decimal(0)))
    return ComparisonSeries(2026, 2025, False, groups, total)


@pytest.fixture
def chart(qtbot, planbord_qapp):
    from app.views.charts.comparison_chart import ComparisonChart

    widget = ComparisonChart()
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def dark_pixels(image: QImage, rect: QRectF) -> int:
    """Pixels in ``rect`` (image pixels) darker than mid grey: letters on the white chart."""
    count = 0
    for x in range(max(0, int(rect.left())), min(image.width(), int(rect.right()) + 1)):
        for y in range(max(0, int(rect.top())), min(image.height(), int(rect.bottom()) + 1)):
            if QColor(image.pixel(x, y)).lightness() < 110:
                count += 1
    return count


def label_rects_in_scene(labels) -> list[QRectF]:
    """Each label's text in scene pixels: its box without the padding on either side (where a
    bar's edge or the zero line may be)."""
    layer = labels.layer
    pad = layer.PAD + 1
    return [layer.sceneTransform().mapRect(rect).adjusted(pad, 0, -pad, 0) for rect in layer._rects()]


def test_three_hundred_labels_without_a_text_item_each(chart, qtbot):
    import pyqtgraph as pg

    chart.set_names("2026", "2025")
    chart.set_series(series(300))
    text_items = [item for item in chart.scene().items() if isinstance(item, pg.TextItem)]
    assert len(text_items) <= 2  # the message ("nothing to compare") only
    texts = chart.labels.texts()
    assert len(texts) == 300
    assert texts[0].strip() == "− € 1.000"  # 1.000 - 2.000: a minus sign, the group's difference
    assert texts[1].strip() == "+ € 1.000"  # 2.000 - 1.000


def test_labels_are_painted_where_their_bars_end(chart, qtbot):
    chart.set_names("2026", "2025")
    chart.set_series(series(4))
    qtbot.wait(50)
    image = chart.grab().toImage()
    ratio = image.devicePixelRatio()
    rects = label_rects_in_scene(chart.labels)
    assert len(rects) == 4
    view_to_widget = chart.viewportTransform()
    for rect, text in zip(rects, chart.labels.texts()):
        box = view_to_widget.mapRect(rect)
        box = QRectF(box.left() * ratio, box.top() * ratio, box.width() * ratio, box.height() * ratio)
        assert dark_pixels(image, box) > 20, text  # the letters are there
        # and nothing is written beside the text's box at the same height, far to the right
        beyond = QRectF(box.right() + 40 * ratio, box.top(), 30 * ratio, box.height())
        if beyond.right() < image.width() - 20:
            assert dark_pixels(image, beyond) < dark_pixels(image, box)


def test_an_export_draws_the_labels_at_its_print_scale(planbord_qapp, tmp_path):
    from app.views.charts.comparison_chart import ComparisonChart
    from app.views.charts.export import LOGICAL_WIDTH, write_chart

    heights = {}
    for width in (LOGICAL_WIDTH, 3 * LOGICAL_WIDTH):
        chart = ComparisonChart()
        chart.set_names("2026", "2025")
        chart.set_series(series(3))
        path = write_chart(chart, tmp_path / f"c{width}.png", width, width * 5 // 8)
        image = QImage(str(path))
        scale = width / LOGICAL_WIDTH
        rect = label_rects_in_scene(chart.labels)[0]
        box = QRectF(rect.left() * scale, rect.top() * scale, rect.width() * scale, rect.height() * scale)
        rows = [y for y in range(int(box.top()), int(box.bottom()) + 1)
                if dark_pixels(image, QRectF(box.left(), y, box.width(), 0)) > 0]
        assert rows, f"no letters in the label's box at {width} px"
        heights[width] = max(rows) - min(rows) + 1
        chart.deleteLater()
    # The letters three times as high at three times the scale (within a pixel or two of rounding).
    assert heights[3 * LOGICAL_WIDTH] == pytest.approx(3 * heights[LOGICAL_WIDTH], abs=3)


def test_an_edit_repaints_only_the_label_that_changed(chart, qtbot, monkeypatch):
    chart.set_names("2026", "2025")
    chart.set_series(series(50))
    qtbot.wait(20)
    layer = chart.labels.layer
    repainted: list = []
    monkeypatch.setattr(layer, "update", lambda *args: repainted.append(args))
    labels = chart.labels.texts()
    chart.labels.set([(x, y, text + ("!" if i == 7 else ""), anchor, *colour)
                      for i, ((x, y, text, anchor, *colour), text_before)
                      in enumerate(zip(layer.labels, labels))])
    assert len(repainted) == 1 and len(repainted[0]) == 1  # one rectangle, not the whole layer
    area = repainted[0][0]
    rects = layer._rects()
    assert area.intersects(rects[7].normalized())
    assert not area.intersects(rects[6].normalized()) and not area.intersects(rects[8].normalized())


def test_pyqtgraph_is_imported_without_making_every_qt_class(tmp_path):
    script = (
        "import PySide6.QtWidgets as W\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "import app.views.charts.base\n"
        "from app.views.charts.qtgraph import pg\n"
        "print('QCalendarWidget' in W.__dict__)\n"  # never used by a chart: not made
        "print(pg.QtWidgets.QCalendarWidget is W.QCalendarWidget)\n"  # yet pyqtgraph's mirror has it
        "print(len(dir(W)) > 150)\n"  # PySide's own listing is back
        "print(pg.QtCore.Signal is __import__('PySide6.QtCore').QtCore.Signal)\n")
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True,
                            timeout=60, env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin",
                                             "PLANBORD_DATA_DIR": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True", "True", "True"]


def test_a_scene_painted_at_twice_its_size_has_its_labels_at_twice_the_place(chart, qtbot):
    """A painter that scales the scene (print preview, PDF, an image without a pixel ratio): the
    labels follow the scale as the bars do, in place and in size."""
    chart.set_names("2026", "2025")
    chart.set_series(series(2))
    qtbot.wait(20)
    scene_rect = chart.viewportTransform().inverted()[0].mapRect(QRectF(chart.viewport().rect()))
    image = QImage(1800, 1400, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    chart.scene().render(painter, QRectF(0, 0, 1800, 1400), scene_rect)
    painter.end()
    for rect in label_rects_in_scene(chart.labels):
        box = QRectF((rect.left() - scene_rect.left()) * 2, (rect.top() - scene_rect.top()) * 2,
                     rect.width() * 2, rect.height() * 2)
        assert dark_pixels(image, box) > 80


def test_only_the_chart_on_screen_keeps_pixmaps_of_its_axes(qtbot, planbord_qapp, tmp_path, demo_workspace,
                                                           settings_store):
    from PySide6.QtWidgets import QGraphicsItem

    from app.services.workspace import open_workspace
    from app.views.charts import ChartsPanel
    from app.views.context import ApplicationContext

    context = ApplicationContext(open_workspace(demo_workspace), settings_store)
    try:
        panel = ChartsPanel(context)
        qtbot.addWidget(panel)
        panel.resize(900, 600)
        panel.show()
        qtbot.waitExposed(panel)

        def modes(chart):
            items = [axis["item"] for plot in chart.plots for axis in plot.axes.values()]
            return {item.cacheMode() for item in [*items, chart.legend, chart.title]}

        panel.show_chart("budget")
        budget = panel.current_chart()
        panel.show_chart("contributions")
        contributions = panel.current_chart()
        assert modes(contributions) == {QGraphicsItem.CacheMode.DeviceCoordinateCache}
        assert modes(budget) == {QGraphicsItem.CacheMode.NoCache}  # hidden: no pixmaps kept
        panel.show_chart("budget")
        assert modes(budget) == {QGraphicsItem.CacheMode.DeviceCoordinateCache}
        assert modes(contributions) == {QGraphicsItem.CacheMode.NoCache}
    finally:
        context.close()
