"""Who pays what: each municipality's contribution to the plan year's budget, largest on top,
the amount written at the end of each bar."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRectF

from app.formatting import format_money
from app.services.chart_data import ContributionSeries
from app.views.charts import style
from app.views.charts.base import Bars, ChartView, Hit, ValueLabels, elide, room_for_labels
from app.views.charts.qtgraph import pg

BAR_HEIGHT = 0.7


class ContributionsChart(ChartView):
    name = "contributions"

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.names_axis = pg.AxisItem("left")
        self.axis = style.DutchAxis("bottom")
        self.plot = self.add_plot(1, self.names_axis, self.axis)
        self.plot.showGrid(x=True, alpha=0.18)
        self.bars = Bars(self.plot)
        self.labels = ValueLabels(self.plot, anchor=(0, 0.5))
        self.message = pg.TextItem("", color=style.BALANCE_ALERT, anchor=(0.5, 0.5))
        self.plot.addItem(self.message, ignoreBounds=True)
        self.ci.layout.setRowStretchFactor(1, 10)
        self.apply_style()

    def apply_style(self) -> None:
        super().apply_style()
        style.style_axis(self.names_axis, self.scale)
        style.style_axis(self.axis, self.scale, QCoreApplication.translate("Charts", "Contribution in euros"))
        self.labels.set_scale(self.scale)
        self.message.setFont(style.font(self.scale, bold=True))

    def draw(self) -> None:
        series: ContributionSeries | None = self.series
        self.hits = []
        bars = series.bars if series is not None else []
        n = len(bars)
        positions = [n - 1 - i for i in range(n)]  # the largest on top
        self.bars.set([0] * n, [p - BAR_HEIGHT / 2 for p in positions], [float(b.value) for b in bars],
                      [BAR_HEIGHT] * n, [style.SINGLE] * n)
        total = series.total if series is not None else None
        labels = []
        for i, (bar, y) in enumerate(zip(bars, positions)):
            amount = format_money(bar.value)
            # A negative contribution (a correction) runs left, its amount before it.
            labels.append((float(bar.value), y, f"  {amount}  ", (0, 0.5) if bar.value >= 0 else (1, 0.5)))
            tip = QCoreApplication.translate("Charts", "{municipality}: {amount} of {total} in {year}").format(
                municipality=bar.label, amount=amount, total=format_money(total), year=series.year)
            self.hits.append(Hit(self.plot, QRectF(min(0.0, float(bar.value)), y - BAR_HEIGHT / 2,
                                                   abs(float(bar.value)), BAR_HEIGHT),
                                 "municipality", bar.key, tip, self.bars, i))
        self.labels.set(labels)
        self.names_axis.setTicks([[(y, elide(b.label, self.names_width(), self.scale))
                                    for b, y in zip(bars, positions)], []])
        bottom, top = room_for_labels(self.plot, [(x, t) for x, _, t, _ in labels if x >= 0],
                                      [(x, t) for x, _, t, _ in labels if x < 0], self.scale)
        top = top or 1.0
        self.plot.vb.setRange(xRange=(bottom, top), yRange=(-0.6, max(n, 1) - 0.4), padding=0)
        problem = series.problem if series is not None and not bars else ""
        self.message.setText(problem)
        self.message.setPos(top / 2, (max(n, 1) - 1) / 2)
        self.message.setVisible(bool(problem))
        title = QCoreApplication.translate("Charts", "Contribution per municipality")
        if series is not None and series.year is not None:
            title = QCoreApplication.translate("Charts", "Contribution per municipality in {year}").format(
                year=series.year)
        detail = ""
        if bars:
            detail = QCoreApplication.translate("Charts", "Total {amount}, split by the allocation key").format(
                amount=format_money(total))
        self.set_title(title, detail)

    def plotted(self) -> list[tuple[object, float]]:
        """(municipality, plotted length) from top to bottom."""
        return [(b.key, w) for b, w in zip(self.series.bars, self.bars.widths())]
