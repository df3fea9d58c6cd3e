"""Charts to PNG or SVG files, at print resolution, without showing a window.

The chart is laid out at a screen-like size (so fonts and bars keep their proportions)
and painted scaled onto the image, so text and lines stay sharp at 300 dpi. The PDF
annexes call :func:`render_chart_to_file`; the panel's Export uses :func:`write_chart`.
"""
from __future__ import annotations

import errno
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication

from app.services.output_paths import check_output_path, write_atomically
from app.views.charts import CHART_NAMES, source, style
from app.views.charts.qtgraph import pg

PRINT_DPI = 300
LOGICAL_WIDTH = 1200  # the width the chart is laid out at; the file is that, scaled
DEFAULT_SIZE = (3000, 1875)  # 25 x 16 cm at 300 dpi


def make_chart(name: str):
    """A new chart widget for ``name`` (not shown)."""
    from app.views.charts.actions_chart import ActionsChart
    from app.views.charts.budget_chart import BudgetChart
    from app.views.charts.comparison_chart import ComparisonChart
    from app.views.charts.contributions_chart import ContributionsChart
    from app.views.charts.half_days_chart import HalfDaysChart, PeopleChart
    from app.views.charts.realisation_chart import RealisationChart

    classes = {"budget": BudgetChart, "contributions": ContributionsChart, "half_days": HalfDaysChart, "people": PeopleChart,
               "actions": ActionsChart, "comparison": ComparisonChart, "realisation": RealisationChart}
    if name not in classes:
        raise ValueError(f"unknown chart {name!r}; choose from {', '.join(classes)}")
    return classes[name]()


def _lay_out(chart, width: float, height: float) -> None:
    """Give a chart that is not on screen its size, and let its layout and axes settle."""
    chart.resize(round(width), round(height))
    pg.GraphicsView.setRange(chart, QRectF(0, 0, width, height), padding=0, disableAutoPixel=False)
    scratch = QImage(max(1, round(width)), max(1, round(height)), QImage.Format.Format_ARGB32)
    for _ in range(3):  # the axes size themselves to their labels when first painted
        _activate_layouts(chart)
        if chart.series is not None:
            chart.draw()
        painter = QPainter(scratch)
        chart.scene().prepareForPaint()
        chart.scene().render(painter, QRectF(0, 0, width, height), QRectF(0, 0, width, height))
        painter.end()
    _activate_layouts(chart)


def _activate_layouts(chart) -> None:
    # The layouts are nested (the chart's grid, each plot's own grid with its axes); without
    # an event loop their pending size changes are applied here, outside in.
    chart.ci.layout.activate()
    for plot in chart.plots:
        plot.layout.activate()
    chart.ci.layout.activate()


def write_chart(chart, path: str | Path, width_px: int, height_px: int,
                inputs: Iterable[Path | None] = ()) -> Path:
    """Paint ``chart`` (with its series set) into a PNG or SVG file of the given pixel size.

    Never over ``inputs`` (the workspace) or any workspace: OutputPathError, in Dutch."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".png", ".svg"):
        raise ValueError(f"{path.name}: a chart is exported as .png or .svg")
    inputs = list(inputs)
    check_output_path(path, inputs=inputs)  # refused before the painting, not after
    width_px, height_px = max(1, int(width_px)), max(1, int(height_px))
    ratio = max(1.0, width_px / LOGICAL_WIDTH)
    width, height = width_px / ratio, height_px / ratio
    _lay_out(chart, width, height)
    area = QRectF(0, 0, width, height)
    chart.scene().prepareForPaint()
    buffer = QBuffer()  # painted into memory; the file is written by write_atomically below
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if suffix == ".svg":
        from PySide6.QtSvg import QSvgGenerator

        generator = QSvgGenerator()
        generator.setOutputDevice(buffer)
        generator.setSize(QSize(width_px, height_px))
        # Drawn at the laid-out size and at the screen's resolution (fonts and the bars'
        # QPictures replay at the size they were laid out at); the viewBox scales it all,
        # line widths included.
        generator.setViewBox(area)
        generator.setResolution(chart.logicalDpiX())
        generator.setTitle(chart.name)
        painter = QPainter(generator)
        painter.fillRect(area, QColor(style.BACKGROUND))
        chart.scene().render(painter, area, area, Qt.AspectRatioMode.IgnoreAspectRatio)
        painter.end()
    else:
        image = QImage(width_px, height_px, QImage.Format.Format_ARGB32)
        # Painted at the screen's resolution (fonts and the bars' QPictures keep their laid-out
        # size) with a device pixel ratio, so text, bars and line widths all scale up sharply;
        # the print resolution is set afterwards.
        screen_dots = round(chart.logicalDpiX() / 0.0254)
        image.setDotsPerMeterX(screen_dots)
        image.setDotsPerMeterY(screen_dots)
        image.fill(QColor(style.BACKGROUND))
        image.setDevicePixelRatio(ratio)
        painter = QPainter(image)
        painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
                               | QPainter.RenderHint.SmoothPixmapTransform)
        chart.scene().render(painter, QRectF(0, 0, width_px / ratio, height_px / ratio), area,
                             Qt.AspectRatioMode.IgnoreAspectRatio)
        painter.end()
        image.setDevicePixelRatio(1.0)
        # Set after painting: the resolution is what the file says to a printer, not a font size.
        dots_per_metre = round(PRINT_DPI / 0.0254)
        image.setDotsPerMeterX(dots_per_metre)
        image.setDotsPerMeterY(dots_per_metre)
        if not image.save(buffer, "PNG"):
            raise OSError(errno.ENOMEM, "the image could not be encoded")
    buffer.close()
    data = bytes(buffer.data())
    # Beside the target under a temporary name, renamed over it when complete; never over a
    # workspace, a folder or a device. Raises OutputPathError (Dutch) when it cannot be written.
    write_atomically(path, lambda tmp: tmp.write_bytes(data), inputs=inputs)
    return path


def export_chart(name: str, series, path: str | Path, width_px: int, height_px: int,
                 names: tuple[str, str] | None = None, with_title: bool = True,
                 inputs: Iterable[Path | None] = ()) -> Path:
    """Draw ``series`` as chart ``name`` on a chart that is never shown, into ``path``."""
    suffix = Path(path).suffix.lower()
    # A PNG is painted larger than laid out: its lines are widened to match (an SVG's viewBox
    # scales its lines itself).
    factor = max(1.0, int(width_px) / LOGICAL_WIDTH) if suffix == ".png" else 1.0
    # A file keeps the light colours and the normal letter size whatever the window shows (a
    # dark palette, a zoom): it goes into printed documents, on white paper.
    with style.lines_scaled(factor), style.for_paper():
        chart = make_chart(name)
        try:
            if names is not None:
                chart.set_names(*names)
            if not with_title:
                chart.hide_title()
            chart.set_series(series)
            return write_chart(chart, path, width_px, height_px, inputs)
        finally:
            chart.close()
            chart.deleteLater()


def _application() -> QApplication:
    """The running QApplication, or one on the offscreen platform (a PDF made without a window)."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(["planbord", "-platform", "offscreen"])
    return app


def render_chart_to_file(context, plan_id: int, chart_name: str, path, width_px: int = DEFAULT_SIZE[0],
                         height_px: int = DEFAULT_SIZE[1], compare_plan_id: int | None = None,
                         compare_year: int | None = None, with_title: bool = True,
                         year: int | None = None) -> Path:
    """Render one chart of a plan to ``path`` (PNG or SVG by its suffix), no window shown.

    ``context``: the ApplicationContext (its cached figures) or an open workspace.
    ``chart_name``: "budget", "contributions", "half_days", "people", "actions", "comparison" or
    "realisation" (of ``year``; None: the year of today when the plan has it, else its first year).
    For "comparison": ``compare_plan_id`` is the plan compared with (its plan year, or
    ``compare_year``); the plan itself means its previous year; None: the plan it is based on,
    else last year's plan, else its own previous year. ``with_title=False`` leaves out the
    chart's own title (and its line of explanation) for a page that prints a heading.
    """
    _application()
    figures = source.figure_source(context)
    workspace = figures.workspace
    choice = None
    if chart_name == "comparison":
        choice = source.resolve_comparison(workspace, plan_id, compare_plan_id, compare_year)
    if chart_name not in CHART_NAMES:
        raise ValueError(f"unknown chart {chart_name!r}; choose from {', '.join(CHART_NAMES)}")
    names = source.comparison_names(workspace, plan_id, choice) if chart_name == "comparison" else None
    return export_chart(chart_name, source.series_for(figures, chart_name, plan_id, choice, year=year), path,
                        width_px, height_px, names, with_title)
