"""Where the money goes and whether it is covered: the budget's top-level groups stacked per
year, the funding per year as a black bar across, the total and the saldo written above."""
from __future__ import annotations

from functools import partial

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QRectF
from PySide6.QtGui import QFontMetricsF

from app.formatting import format_money
from app.services.chart_data import BudgetSeries
from app.views.charts import style
from app.views.charts.base import Bars, ChartView, Hit, ValueLabels, escape, nice_ceiling

BAR_WIDTH = 0.6
FUNDING_WIDTH = 0.8
MAX_LEGEND_GROUPS = 16


def _tip(label: str, year: int, amount) -> str:
    return f"{label}\n{year}: {format_money(amount)}"


class BudgetChart(ChartView):
    name = "budget"

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.axis = style.DutchAxis("left")
        self.years_axis = pg.AxisItem("bottom")
        self.plot = self.add_plot(1, self.axis, self.years_axis)
        self.plot.showGrid(y=True, alpha=0.18)
        self.bars = Bars(self.plot)
        self.funding = pg.PlotDataItem(pen=style.pen("#000000", 3.5))
        self.funding.setZValue(5)
        self.plot.addItem(self.funding)
        self.labels = ValueLabels(self.plot, anchor=(0.5, 1.0))
        self._label_factor = 1.0  # labels shrink to fit a narrow panel (never below 60 %)
        self.plot.vb.sigResized.connect(self._fit_labels)
        self.add_legend(2)
        self.ci.layout.setRowStretchFactor(1, 10)
        self.apply_style()

    def apply_style(self) -> None:
        super().apply_style()
        style.style_axis(self.axis, self.scale, QCoreApplication.translate("Charts", "Amount in euros"))
        style.style_axis(self.years_axis, self.scale)
        self.labels.set_scale(self.scale * self._label_factor)

    def draw(self) -> None:
        series: BudgetSeries | None = self.series
        self.hits = []
        if series is None:
            self.bars.set([], [], [], [], [])
            self.funding.setData([], [])
            self.labels.set([])
            self.legend.set_entries([])
            self.set_title(QCoreApplication.translate("Charts", "Budget per group"))
            return
        years = series.years
        count = len(years)
        up = np.zeros(count)
        down = np.zeros(count)
        x0, y0, heights, fills = [], [], [], []
        for g, group in enumerate(series.groups):
            fill = style.colour_name(g)
            for i, year in enumerate(years):
                value = float(group.values.get(year, 0))
                if value >= 0:
                    base, up[i] = up[i], up[i] + value
                else:
                    down[i] += value
                    base = down[i]
                x0.append(i - BAR_WIDTH / 2)
                y0.append(base)
                heights.append(abs(value))
                fills.append(fill)
                tip = partial(_tip, group.label, year, group.values.get(year))
                self.hits.append(Hit(self.plot, QRectF(i - BAR_WIDTH / 2, base, BAR_WIDTH, abs(value)),
                                     "budget_group", group.key, tip, self.bars, len(fills) - 1))
        self.bars.set(x0, y0, [BAR_WIDTH] * len(x0), heights, fills)

        funding = [float(series.funding.get(y, 0)) for y in years]
        xs, ys = [], []
        for i, amount in enumerate(funding):
            xs += [i - FUNDING_WIDTH / 2, i + FUNDING_WIDTH / 2]
            ys += [amount, amount]
        self.funding.setData(xs, ys, connect="pairs")

        labels = []
        for i, year in enumerate(years):
            top = max(up[i], funding[i])
            labels.append((i, top, self._label(series, year), None))
            covered = QCoreApplication.translate("Charts", "Funding {year}: {amount}").format(
                year=year, amount=format_money(series.funding.get(year)))
            balance = QCoreApplication.translate("Charts", "Balance {year}: {amount}").format(
                year=year, amount=format_money(series.balance.get(year)))
            # The funding bar: a thin band around it can be hovered too.
            self.hits.insert(0, Hit(self.plot, QRectF(i - FUNDING_WIDTH / 2, funding[i], FUNDING_WIDTH, 0),
                                    "", year, f"{covered}\n{balance}"))
        self.labels.set(labels)

        low = float(min(down.min(initial=0), 0))
        high = max(max(up.max(initial=0), max(funding, default=0)), 1.0)
        self.plot.vb.setRange(xRange=(-0.55, count - 0.45), yRange=(low * 1.15, nice_ceiling(high * 1.2)),
                              padding=0)
        self.years_axis.setTicks([[(i, str(y)) for i, y in enumerate(years)], []])
        self._funding_hit_height()
        self._fit_labels()

        entries = [("bar", style.colour_name(g), group.label)
                   for g, group in enumerate(series.groups[:MAX_LEGEND_GROUPS])]
        hidden = len(series.groups) - MAX_LEGEND_GROUPS
        if hidden > 0:
            entries.append(("bar", "#ffffff", QCoreApplication.translate(
                "Charts", "… and {count} more groups (hover over a bar)").format(count=hidden)))
        entries.append(("line", "#000000", QCoreApplication.translate("Charts", "Funding")))
        self.legend.set_entries(entries)
        if series.plan_year in series.balance:
            detail = QCoreApplication.translate(
                "Charts", "Budget {year}: {total} · funding {funding} · balance {balance}").format(
                year=series.plan_year, total=format_money(series.totals[series.plan_year]),
                funding=format_money(series.funding[series.plan_year]),
                balance=format_money(series.balance[series.plan_year]))
        else:
            detail = ""
        self.set_title(QCoreApplication.translate("Charts", "Budget per group per year"), detail)

    def _fit_labels(self, *_args) -> None:
        """Shrink the labels above the bars when a year's slot is narrower than the widest."""
        vb = self.plot.vb
        if self.series is None or vb.width() <= 1:
            return
        slot = vb.width() / max(len(self.series.years) + 0.1, 1)
        metrics = QFontMetricsF(style.font(self.scale, bold=True))
        natural = max((metrics.horizontalAdvance(line) for item in self.labels.items if item.isVisible()
                       for line in item.textItem.toPlainText().splitlines()), default=0)
        if not natural:
            return
        factor = max(0.6, min(1.0, 0.94 * slot / natural))
        if abs(factor - self._label_factor) > 0.02:
            self._label_factor = factor
            self.labels.set_scale(self.scale * factor)

    def _funding_hit_height(self) -> None:
        # The funding line is a few pixels thick: give its hover band that height in data units.
        vb = self.plot.vb
        pixel = vb.viewPixelSize()[1] if vb.width() > 0 else 0
        for hit in self.hits:
            if hit.kind == "" and hit.rect.height() == 0 and pixel:
                hit.rect = QRectF(hit.rect.left(), hit.rect.top() - 4 * pixel, hit.rect.width(), 8 * pixel)

    def _label(self, series: BudgetSeries, year: int) -> str:
        """The total in bold, the saldo under it (red when it is not zero), the markers left out."""
        total = escape(format_money(series.totals.get(year)))
        balance = series.balance.get(year)
        colour = style.BALANCE_ALERT if balance else style.MUTED
        weight = "bold" if balance else "normal"
        saldo = escape(QCoreApplication.translate("Charts", "balance {amount}").format(
            amount=format_money(balance)))
        html = f"<b>{total}</b><br>"
        if balance:  # the funding, when it does not cover the budget exactly
            html += escape(QCoreApplication.translate("Charts", "funding {amount}").format(
                amount=format_money(series.funding.get(year)))) + "<br>"
        html += f"<span style='color:{colour}; font-weight:{weight}'>{saldo}</span>"
        markers = series.markers_left_out.get(year, 0)
        if markers:
            note = escape(QCoreApplication.translate("Charts", "excl. {count} × PM, id., continuing").format(
                count=markers))
            html += f"<br><small style='color:{style.MUTED}'>{note}</small>"
        return html

    # --- read back (tests, benchmarks) ----------------------------------------------------------

    def stack_heights(self) -> dict[tuple[object, int], float]:
        """(group key, year) -> the plotted height of that segment (negative below zero)."""
        series: BudgetSeries = self.series
        heights = self.bars.heights()
        result, n = {}, 0
        for group in series.groups:
            for year in series.years:
                sign = -1 if group.values.get(year, 0) < 0 else 1
                result[(group.key, year)] = sign * heights[n]
                n += 1
        return result

    def funding_levels(self) -> dict[int, float]:
        _, ys = self.funding.getData()
        return {year: float(ys[2 * i]) for i, year in enumerate(self.series.years)}
