"""Is the office over-booked.

``HalfDaysChart``: the dagdelen allocated against the execution capacity (the part over
it in red), then per project (per chapter on a large plan) with what the chapter text says
where that differs. ``PeopleChart``: each named person's dagdelen against availability.
A limit (capacity, availability) is an outlined box behind the bar with a black end, so a
bar that fills its box is fully booked and one that runs past it is over-booked.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRectF
from PySide6.QtGui import QFontMetricsF

from app.services.chart_data import HalfDayBar, HalfDaySeries
from app.views.charts import style
from app.views.charts.base import Bars, ChartView, Hit, ValueLabels, elide, room_for_labels
from app.views.charts.qtgraph import pg

BAR_HEIGHT = 0.64
LIMIT_HEIGHT = 0.84
TICK = 0.42  # half the height of a stated-dagdelen marker


def _dd(value) -> str:
    return style.half_days_text(value)


class _Part:
    """One plot of horizontal dagdelen bars with their limits, markers and labels."""

    def __init__(self, chart: ChartView, row: int) -> None:
        self.row = row
        self.names = pg.AxisItem("left")
        self.axis = style.DutchAxis("bottom")
        self.plot = chart.add_plot(row, self.names, self.axis)
        self.plot.showGrid(x=True, alpha=0.18)
        self.limits = Bars(self.plot, z=-1)
        self.bars = Bars(self.plot)
        self.stated = pg.PlotDataItem(pen=style.pen(style.STATED, 3))
        self.stated.setZValue(6)
        self.plot.addItem(self.stated)
        self.labels = ValueLabels(self.plot, anchor=(0, 0.5))
        self.ticks: list[tuple[float, str]] = []

    def apply_style(self, scale: float) -> None:
        style.style_axis(self.names, scale)
        style.style_axis(self.axis, scale, QCoreApplication.translate("Charts", "Half-days per week"))
        self.labels.set_scale(scale)
        self.stated.setPen(style.pen(style.STATED, 3))  # (the theme may have changed)

    def clear(self) -> None:
        self.draw([], "", [], "")

    def draw(self, bars: list[HalfDayBar], kind: str, hits: list[Hit], limit_text: str,
             names_width: float = 400.0, scale: float = 1.0) -> None:
        n = len(bars)
        positions = [n - 1 - i for i in range(n)]  # the first on top
        x0, y0, widths, fills, edges, labels = [], [], [], [], [], []
        boxes = []
        stated_x, stated_y = [], []
        for bar, y in zip(bars, positions):
            allocated, over = float(bar.allocated), float(bar.over)
            within = allocated - over
            x0.append(0)
            y0.append(y - BAR_HEIGHT / 2)
            widths.append(within)
            fills.append(style.WITHIN)
            edges.append(style.WITHIN_EDGE)
            if over:
                x0.append(within)
                y0.append(y - BAR_HEIGHT / 2)
                widths.append(over)
                fills.append(style.OVER)
                edges.append(style.OVER)
            text = "  " + _dd(bar.allocated)
            if bar.limit is not None:
                boxes.append((float(bar.limit), y))
                text = "  " + QCoreApplication.translate("Charts", "{allocated} of {limit}").format(
                    allocated=_dd(bar.allocated), limit=_dd(bar.limit))
            if over:
                text += "  " + QCoreApplication.translate("Charts", "({over} too many)").format(over=_dd(bar.over))
            if bar.stated is not None:
                stated_x += [float(bar.stated)] * 2
                stated_y += [y - TICK, y + TICK]
                text += "  " + QCoreApplication.translate("Charts", "(chapter text: {value})").format(
                    value=_dd(bar.stated))
            labels.append((max(allocated, float(bar.limit or 0)), y, text, None))
            tip = f"{bar.label}\n" + QCoreApplication.translate("Charts", "{value} half-days per week").format(
                value=_dd(bar.allocated))
            if bar.limit is not None and limit_text:
                tip += "\n" + limit_text.format(value=_dd(bar.limit))
            if over:
                tip += "\n" + QCoreApplication.translate("Charts", "{over} too many").format(over=_dd(bar.over))
            if bar.stated is not None:
                tip += "\n" + QCoreApplication.translate("Charts", "the chapter text says {value}").format(
                    value=_dd(bar.stated))
            # One hit for the whole bar (both segments), highlighting its first segment.
            reach = max(allocated, float(bar.limit or 0), 1e-9)
            hits.append(Hit(self.plot, QRectF(0, y - LIMIT_HEIGHT / 2, reach, LIMIT_HEIGHT),
                            kind, bar.key, tip, self.bars, len(fills) - (2 if over else 1)))
        self.bars.set(x0, y0, widths, [BAR_HEIGHT] * len(x0), fills, edges)
        self.limits.set([0] * len(boxes), [y - LIMIT_HEIGHT / 2 for _, y in boxes], [w for w, _ in boxes],
                        [LIMIT_HEIGHT] * len(boxes), [style.LIMIT_FILL] * len(boxes), [style.LINE] * len(boxes))
        self.stated.setData(stated_x, stated_y, connect="pairs")
        self.labels.set(labels)
        self.ticks = [(y, elide(b.label, names_width, scale)) for b, y in zip(bars, positions)]
        self.names.setTicks([self.ticks, []])
        _, high = room_for_labels(self.plot, [(x, text) for x, _, text, _ in labels]
                                  + [(float(b.stated), "") for b in bars if b.stated is not None], scale=scale)
        self.plot.vb.setRange(xRange=(0, high or 1.0),
                              yRange=(-0.6, max(n, 1) - 0.4), padding=0)

    def plotted(self) -> list[tuple[float, float]]:
        """(within, over) per bar, top to bottom."""
        result = []
        for width, fill in zip(self.bars.widths(), self.bars.fills):
            if fill == style.OVER:
                result[-1] = (result[-1][0], width)
            else:
                result.append((width, 0.0))
        return result

    def limit_widths(self) -> list[float]:
        return self.limits.widths()


def _legend(stated: bool) -> list[tuple[str, str, str]]:
    entries = [("bar", style.WITHIN, QCoreApplication.translate("Charts", "Allocated")),
               ("bar", style.OVER, QCoreApplication.translate("Charts", "Over capacity or availability")),
               ("bar", style.LIMIT_FILL, QCoreApplication.translate("Charts", "Capacity or availability"))]
    if stated:
        entries.append(("tick", style.STATED,
                        QCoreApplication.translate("Charts", "Half-days named in the chapter text")))
    return entries


class HalfDaysChart(ChartView):
    """The dagdelen against the execution capacity, and per project (or chapter)."""

    name = "half_days"

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.total = _Part(self, 1)
        self.projects = _Part(self, 2)
        self.add_legend(3)
        self.ci.layout.setRowStretchFactor(2, 10)
        self.apply_style()

    def apply_style(self) -> None:
        super().apply_style()
        for part in (self.total, self.projects):
            part.apply_style(self.scale)

    def draw(self) -> None:
        series: HalfDaySeries | None = self.series
        self.hits = []
        if series is None:
            self.total.clear()
            self.projects.clear()
            self.set_title(QCoreApplication.translate("Charts", "Half-days"))
            self.legend.set_entries([])
            return
        width = self.names_width()
        self.total.draw([HalfDayBar(0, QCoreApplication.translate("Charts", "Total allocated"),
                                    series.allocated, series.capacity)], "", self.hits,
                        QCoreApplication.translate("Charts", "capacity for execution {value}"), width, self.scale)
        self.projects.draw(series.bars, "project" if series.per == "project" else "chapter", self.hits, "",
                           width, self.scale)
        _align_names(self.scale, (self.total, self.projects))
        # The totals plot is one bar high, whatever the window's height.
        height = 62 * self.scale + 34
        self.total.plot.setMinimumHeight(height)
        self.total.plot.setMaximumHeight(height)

        detail = QCoreApplication.translate("Charts", "{allocated} of {capacity} half-days per week allocated").format(
            allocated=_dd(series.allocated), capacity=_dd(series.capacity))
        if series.over:
            detail += QCoreApplication.translate("Charts", ": {over} over capacity").format(over=_dd(series.over))
        if series.without:
            what = (QCoreApplication.translate("Charts", "{count} projects without half-days not shown")
                    if series.per == "project" else
                    QCoreApplication.translate("Charts", "{count} chapters without half-days not shown"))
            detail += " · " + what.format(count=series.without)
        title = (QCoreApplication.translate("Charts", "Half-days per project against capacity")
                 if series.per == "project" else
                 QCoreApplication.translate("Charts", "Half-days per chapter against capacity"))
        self.set_title(title, detail)
        self.legend.set_entries(_legend(any(b.stated is not None for b in series.bars)))


class PeopleChart(ChartView):
    """Each named person's dagdelen against availability."""

    name = "people"

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.people = _Part(self, 1)
        self.message = pg.TextItem("", color=style.MUTED, anchor=(0.5, 0.5))
        self.people.plot.addItem(self.message, ignoreBounds=True)
        self.add_legend(2)
        self.ci.layout.setRowStretchFactor(1, 10)
        self.apply_style()

    def apply_style(self) -> None:
        super().apply_style()
        self.people.apply_style(self.scale)
        self.message.setFont(style.font(self.scale, bold=True))

    def draw(self) -> None:
        series: HalfDaySeries | None = self.series
        self.hits = []
        people = series.people if series is not None else []
        self.people.draw(people, "person", self.hits, QCoreApplication.translate("Charts", "available {value}"),
                         self.names_width(), self.scale)
        self.message.setText(QCoreApplication.translate("Charts", "No people are named in this plan's staffing"))
        self.message.setPos(0.5, 0)
        self.message.setVisible(series is not None and not people)
        for side in ("left", "bottom"):  # no empty axes under the message
            self.people.plot.showAxis(side, bool(people))
        over = [p for p in people if p.over]
        detail = ""
        if people:
            detail = (QCoreApplication.translate("Charts", "{count} of {total} people over-booked").format(
                count=len(over), total=len(people)) if over else
                QCoreApplication.translate("Charts", "nobody over-booked"))
        self.set_title(QCoreApplication.translate("Charts", "Half-days per person against availability"), detail)
        self.legend.set_entries(_legend(False) if people else [])


def _align_names(scale: float, parts) -> None:
    """The same width for the names of every part, so their bars start on one line."""
    metrics = QFontMetricsF(style.font(scale))
    longest = max((metrics.horizontalAdvance(label) for part in parts for _, label in part.ticks), default=0)
    for part in parts:
        part.names.setWidth(longest + 12 * scale + 8)
