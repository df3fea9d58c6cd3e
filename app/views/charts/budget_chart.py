"""Where the money goes and whether it is covered: the budget's top-level groups stacked per
year, the funding per year as a black bar across (white on a dark background), the total and
the saldo written above."""
from __future__ import annotations

from functools import partial

import numpy as np
from PySide6.QtCore import QCoreApplication, QRectF
from PySide6.QtGui import QFontMetricsF

from app.formatting import format_money
from app.services.chart_data import BudgetSeries
from app.views.charts import style
from app.views.charts.base import Bars, ChartView, Hit, RichLabels, escape, nice_ceiling
from app.views.charts.qtgraph import pg

BAR_WIDTH = 0.6
FUNDING_WIDTH = 0.8


def _more_groups(count: int) -> str:
    return QCoreApplication.translate("Charts", "… and {count} more groups (hover over a bar)").format(count=count)


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
        self.bars = Bars(self.plot, by_colour=True)  # every group's bars: hundreds in a large budget
        self._rows: tuple | None = None  # (groups' keys, their totals, those as floats, the years)
        self.funding = pg.PlotDataItem(pen=style.pen(style.LINE, 3.5))
        self.funding.setZValue(5)
        self.plot.addItem(self.funding)
        self.labels = RichLabels(self.plot, anchor=(0.5, 1.0))
        self._label_factor = 1.0  # labels shrink to fit a narrow panel (never below 60 %)
        self.add_legend(2)
        self.ci.layout.setRowStretchFactor(1, 10)
        self.apply_style()

    def apply_style(self) -> None:
        super().apply_style()
        style.style_axis(self.axis, self.scale, QCoreApplication.translate("Charts", "Amount in euros"))
        style.style_axis(self.years_axis, self.scale)
        self.labels.set_scale(self.scale * self._label_factor)
        self.funding.setPen(style.pen(style.LINE, 3.5))  # (the theme may have changed)

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
        groups = series.groups
        # Per group (rows) and year (columns): positive parts stack up from zero, negative
        # ones down from it.
        values = self._values(groups, years)
        positive = np.where(values >= 0, values, 0.0)
        negative = np.where(values < 0, values, 0.0)
        above = np.cumsum(positive, axis=0)
        below = np.cumsum(negative, axis=0)
        bases = np.where(values >= 0, above - positive, below)
        up = above[-1] if len(groups) else np.zeros(count)
        down = below[-1] if len(groups) else np.zeros(count)
        x0 = np.tile(np.arange(count) - BAR_WIDTH / 2, len(groups))
        fills = self._fills(len(groups), count)
        self.bars.set(x0, bases.ravel(), np.full(x0.size, BAR_WIDTH), np.abs(values).ravel(), fills)

        funding = [float(series.funding.get(y, 0)) for y in years]
        xs, ys = [], []
        for i, amount in enumerate(funding):
            xs += [i - FUNDING_WIDTH / 2, i + FUNDING_WIDTH / 2]
            ys += [amount, amount]
        if (xs, ys) != getattr(self, "_funding_data", None):
            self._funding_data = (xs, ys)
            self.funding.setData(xs, ys, connect="pairs")
        self.labels.set([(i, max(up[i], funding[i]), self._label(series, year), None)
                         for i, year in enumerate(years)])
        # The bars the mouse can be on, made when first asked for (not on every edit).
        self.set_hits(partial(self._make_hits, series, x0, bases.ravel(), np.abs(values).ravel(), funding))

        self._fit_labels()
        low = float(min(down.min(initial=0), 0))
        tops = [max(float(up[i]), funding[i], 0.0) for i in range(count)]
        high = self._room_above(tops, low)
        ranges = ((-0.55, count - 0.45), (low * 1.15, nice_ceiling(high * 1.04)))
        if ranges != getattr(self, "_ranges", None):  # mostly the same: round numbers
            self._ranges = ranges
            self.plot.vb.setRange(xRange=ranges[0], yRange=ranges[1], padding=0)
        ticks = [[(i, str(y)) for i, y in enumerate(years)], []]
        if ticks != getattr(self, "_year_ticks", None):
            self._year_ticks = ticks
            self.years_axis.setTicks(ticks)

        # The legend anew only when the groups or the colours change (not on a cell edit).
        legend = ([group.label for group in groups], style.PALETTE, style.LINE,
                  QCoreApplication.translate("Charts", "Funding"))
        if legend != getattr(self, "_legend", None):
            self._legend = legend
            labels, _, line, funding = legend
            entries = [("bar", style.colour_name(g), label) for g, label in enumerate(labels)]
            entries.append(("line", line, funding))
            self.legend.set_entries(entries, overflow=_more_groups, keep=1)
        # A title that stays the same while figures change (no re-layout on an edit): the
        # figures themselves are written above the bars.
        if style.on_dark():  # the funding bar is white on a dark background
            detail = QCoreApplication.translate("Charts", "The top-level groups stacked; the white bar is the funding")
        else:
            detail = QCoreApplication.translate("Charts", "The top-level groups stacked; the black bar is the funding")
        self.set_title(QCoreApplication.translate("Charts", "Budget per group per year"), detail)

    def _values(self, groups, years: list[int]) -> np.ndarray:
        """Each group's totals (rows) per year (columns) as floats. An edit changes a group or
        two: the other rows are kept from the last draw (a group's totals are a new dict when
        they change, see app.services.budget.figures_after)."""
        keys = [g.key for g in groups]
        kept = self._rows
        if kept is None or kept[0] != keys or kept[2].shape != (len(groups), len(years)) or kept[3] != years:
            values = np.array([[float(g.values.get(y, 0)) for y in years] for g in groups]).reshape(
                len(groups), len(years))
        else:
            values = kept[2].copy()
            for i, (group, before) in enumerate(zip(groups, kept[1])):
                if group.values is not before and group.values != before:
                    values[i] = [float(group.values.get(y, 0)) for y in years]
        self._rows = (keys, [g.values for g in groups], values, list(years))
        return values

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

    def _room_above(self, tops: list[float], low: float) -> float:
        """The top of the axis that leaves each year's label (some lines of text, a height in
        pixels) room above its bar."""
        heights = [item.textItem.boundingRect().height() for item in self.labels.items if item.isVisible()]
        pixels = self.plot.vb.height() if self.plot.vb.height() > 50 else 400.0
        high = max(tops + [1.0])
        for _ in range(4):
            per_pixel = (high - low) / pixels
            high = max([top + h * per_pixel for top, h in zip(tops, heights)] + [high if not heights else 1.0])
        return high

    def _fills(self, groups: int, years: int) -> list[str]:
        if getattr(self, "_fill_shape", None) != (groups, years):
            self._fill_shape = (groups, years)
            self._fill_list = [style.colour_name(g) for g in range(groups) for _ in range(years)]
        return self._fill_list

    def _make_hits(self, series: BudgetSeries, x0, y0, heights, funding) -> list[Hit]:
        years = series.years
        hits = []
        # The funding bars first (the stack is drawn over them): a band a few pixels high.
        vb = self.plot.vb
        pixel = vb.viewPixelSize()[1] if vb.width() > 0 else 0.0
        for i, year in enumerate(years):
            covered = QCoreApplication.translate("Charts", "Funding {year}: {amount}").format(
                year=year, amount=format_money(series.funding.get(year)))
            balance = QCoreApplication.translate("Charts", "Balance {year}: {amount}").format(
                year=year, amount=format_money(series.balance.get(year)))
            hits.append(Hit(self.plot, QRectF(i - FUNDING_WIDTH / 2, funding[i] - 4 * pixel, FUNDING_WIDTH, 8 * pixel),
                            "", year, f"{covered}\n{balance}"))
        n = 0
        for group in series.groups:
            for year in years:
                hits.append(Hit(self.plot, QRectF(float(x0[n]), float(y0[n]), BAR_WIDTH, float(heights[n])),
                                "budget_group", group.key, partial(_tip, group.label, year, group.values.get(year)),
                                self.bars, n))
                n += 1
        return hits

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
