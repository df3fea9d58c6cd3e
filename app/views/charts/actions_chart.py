"""How the work goes: the actions of each chapter's projects per traffic-light status, stacked
(achieved, in progress, not achieved, unknown), with the count written in each part."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRectF

from app.services.chart_data import ActionSeries
from app.views.charts import style
from app.views.charts.base import Bars, ChartView, Hit, ValueLabels, elide, room_for_labels
from app.views.charts.qtgraph import pg
from app.views.traffic_light import status_text

BAR_HEIGHT = 0.66


class ActionsChart(ChartView):
    name = "actions"

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.names_axis = pg.AxisItem("left")
        self.axis = style.DutchAxis("bottom", integers=True)
        self.plot = self.add_plot(1, self.names_axis, self.axis)
        self.plot.showGrid(x=True, alpha=0.18)
        self.bars = Bars(self.plot)
        self.counts = ValueLabels(self.plot, anchor=(0.5, 0.5))  # inside the parts
        self.totals = ValueLabels(self.plot, anchor=(0, 0.5))  # after each bar
        self.add_legend(2)
        self.ci.layout.setRowStretchFactor(1, 10)
        self.apply_style()

    def apply_style(self) -> None:
        super().apply_style()
        style.style_axis(self.names_axis, self.scale)
        style.style_axis(self.axis, self.scale, QCoreApplication.translate("Charts", "Number of actions"))
        self.counts.set_scale(self.scale)
        self.totals.set_scale(self.scale)

    def draw(self) -> None:
        series: ActionSeries | None = self.series
        self.hits = []
        chapters = series.chapters if series is not None else []
        statuses = series.statuses if series is not None else ()
        n = len(chapters)
        positions = [n - 1 - i for i in range(n)]
        x0, y0, widths, fills, counts, totals = [], [], [], [], [], []
        for chapter, y in zip(chapters, positions):
            left = 0
            for status in statuses:
                count = chapter.counts[status]
                if not count:
                    continue
                fill = style.STATUS_COLOURS[status]
                x0.append(left)
                y0.append(y - BAR_HEIGHT / 2)
                widths.append(count)
                fills.append(fill)
                counts.append((left + count / 2, y, str(count), None, style.text_colour_on(fill)))
                tip = chapter.label + "\n" + QCoreApplication.translate(
                    "Charts", "{status}: {count} of {total} actions").format(
                    status=status_text(status), count=count, total=chapter.total)
                self.hits.append(Hit(self.plot, QRectF(left, y - BAR_HEIGHT / 2, count, BAR_HEIGHT), "chapter",
                                     chapter.key, tip, self.bars, len(fills) - 1))
                left += count
            text = "  " + (QCoreApplication.translate("Charts", "{count} actions").format(count=chapter.total)
                           if chapter.total else QCoreApplication.translate("Charts", "no actions"))
            totals.append((left, y, text, None))
        self.bars.set(x0, y0, widths, [BAR_HEIGHT] * len(x0), fills)
        self.counts.set(counts)
        self.totals.set(totals)
        self.names_axis.setTicks([[(y, elide(c.label, self.names_width(), self.scale))
                                    for c, y in zip(chapters, positions)], []])
        _, high = room_for_labels(self.plot, [(x, text) for x, _, text, _ in totals], scale=self.scale)
        self.plot.vb.setRange(xRange=(0, high or 1.0),
                              yRange=(-0.6, max(n, 1) - 0.4), padding=0)
        self.legend.set_entries([("bar", style.STATUS_COLOURS[s],
                                  f"{status_text(s)} ({series.total(s)})") for s in statuses])
        everything = sum(c.total for c in chapters)
        self.set_title(QCoreApplication.translate("Charts", "Actions per status per chapter"),
                       QCoreApplication.translate("Charts", "{count} actions in {chapters} chapters").format(
                           count=everything, chapters=n) if series is not None else "")

    def plotted(self) -> dict[tuple[object, str], float]:
        """(chapter key, status colour) -> plotted length."""
        result = {}
        for hit, width in zip(self.hits, self.bars.widths()):
            result[(hit.key, self.bars.fills[hit.index])] = width
        return result

