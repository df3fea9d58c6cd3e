"""How this year compares with the last (or an amendment with the adopted plan): per top-level
group the difference, more to the right in blue, less to the left in orange; the total's
difference in the title."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRectF

from app.formatting import format_money
from app.services.chart_data import ComparisonSeries, Difference
from app.views.charts import style
from app.views.charts.base import Bars, ChartView, Hit, ValueLabels, elide, room_for_labels
from app.views.charts.qtgraph import pg

BAR_HEIGHT = 0.66


class ComparisonChart(ChartView):
    name = "comparison"

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.names_axis = pg.AxisItem("left")
        self.axis = style.DutchAxis("bottom")
        self.plot = self.add_plot(1, self.names_axis, self.axis)
        self.plot.showGrid(x=True, alpha=0.18)
        self.zero = pg.InfiniteLine(pos=0, angle=90, pen=style.pen(style.INK, 1.5))
        self.plot.addItem(self.zero, ignoreBounds=True)
        self.bars = Bars(self.plot)
        self.labels = ValueLabels(self.plot)
        self.message = pg.TextItem("", color=style.MUTED, anchor=(0.5, 0.5))
        self.plot.addItem(self.message, ignoreBounds=True)
        self.add_legend(2)
        self.ci.layout.setRowStretchFactor(1, 10)
        self.names = ("", "")  # what is compared with what, for the title and legend
        self.apply_style()

    def apply_style(self) -> None:
        super().apply_style()
        style.style_axis(self.names_axis, self.scale)
        style.style_axis(self.axis, self.scale, QCoreApplication.translate("Charts", "Difference in euros"))
        self.labels.set_scale(self.scale)
        self.message.setFont(style.font(self.scale, bold=True))

    def set_names(self, current: str, other: str) -> None:
        """How the two budgets are called: e.g. "2022" and "2021", or the plans' titles."""
        self.names = (current, other)

    def draw(self) -> None:
        series: ComparisonSeries | None = self.series
        self.hits = []
        # The groups only: the total's difference, often far larger, is in the title (on the
        # same scale it would flatten every group's bar).
        rows: list[Difference] = list(series.groups) if series is not None else []
        n = len(rows)
        positions = [n - 1 - i for i in range(n)]  # the first group on top
        current, other = self.names
        x0, y0, widths, fills, labels = [], [], [], [], []
        for i, (row, y) in enumerate(zip(rows, positions)):
            difference = float(row.difference)
            x0.append(min(0.0, difference))
            y0.append(y - BAR_HEIGHT / 2)
            widths.append(abs(difference))
            fills.append(style.MORE if difference >= 0 else style.LESS)
            anchor = (0, 0.5) if difference >= 0 else (1, 0.5)
            labels.append((difference, y, f"  {style.signed_money_text(row.difference)}  ", anchor))
            tip = "\n".join((
                row.label, f"{current}: {format_money(row.current)}", f"{other}: {format_money(row.other)}",
                QCoreApplication.translate("Charts", "difference: {difference}").format(
                    difference=style.signed_money_text(row.difference))))
            kind = "budget_group" if row.key is not None else ""
            self.hits.append(Hit(self.plot, QRectF(min(0.0, difference), y - BAR_HEIGHT / 2,
                                                   max(abs(difference), 1e-9), BAR_HEIGHT),
                                 kind, row.key, tip, self.bars, i))
        self.bars.set(x0, y0, widths, [BAR_HEIGHT] * n, fills)
        self.labels.set(labels)
        self.names_axis.setTicks([[(y, elide(r.label, self.names_width(), self.scale))
                                    for r, y in zip(rows, positions)], []])
        # Each side as far as its longest bar and its label; a side without bars a little.
        more = max((w for w, f in zip(widths, fills) if f == style.MORE), default=0.0)
        less = max((w for w, f in zip(widths, fills) if f == style.LESS), default=0.0)
        reach = max(more, less) or max(abs(float(series.total.current)) * 0.05 if series else 0.0, 1000.0)
        low, high = room_for_labels(self.plot, [(x, t) for x, _, t, a in labels if a == (0, 0.5)],
                                    [(x, t) for x, _, t, a in labels if a != (0, 0.5)], self.scale)
        high = high if more else reach * 0.3
        low = low if less else -reach * 0.3
        self.plot.vb.setRange(xRange=(low, high), yRange=(-0.6, max(n, 1) - 0.4), padding=0)
        same = series is not None and all(not r.difference for r in rows)
        self.message.setVisible(series is None or same)
        if series is None:
            self.message.setText(QCoreApplication.translate("Charts", "Nothing to compare with"))
        elif same:
            self.message.setText(QCoreApplication.translate("Charts", "No differences per group"))
        self.message.setPos((low + high) / 2, (max(n, 1) - 1) / 2)
        self.legend.set_entries([
            ("bar", style.MORE, QCoreApplication.translate("Charts", "More than in {other}").format(other=other)),
            ("bar", style.LESS, QCoreApplication.translate("Charts", "Less than in {other}").format(other=other))])
        if series is None:
            self.set_title(QCoreApplication.translate("Charts", "Comparison per group"))
            return
        title = QCoreApplication.translate("Charts", "{current} against {other}: {difference}").format(
            current=current, other=other, difference=style.signed_money_text(series.total.difference))
        detail = QCoreApplication.translate(
            "Charts", "Difference per group; total {current} {amount}, {other} {other_amount}").format(
            current=current, amount=format_money(series.total.current), other=other,
            other_amount=format_money(series.total.other))
        self.set_title(title[:1].upper() + title[1:], detail)

    def plotted(self) -> list[tuple[object, float]]:
        """(group key, plotted signed difference) per group, top to bottom."""
        return [(r.key, (-w if f == style.LESS else w))
                for r, w, f in zip(self.series.groups, self.bars.widths(), self.bars.fills)]
