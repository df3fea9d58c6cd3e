"""Begroting en realisatie: per top-level group of the budget, the year's budget and what was spent
(realised) and ordered (committed) in it, side by side: the budget a light outlined bar, the spending
below it in blue with the orders after it in orange; the amounts and the depletion percentage at the
end of the bars (red when over budget). The figures are the uitputting of app.services.depletion
(app.services.chart_data.realisation_series)."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRectF
from PySide6.QtGui import QFontMetricsF

from app.formatting import format_date, format_money, format_number, format_percentage
from app.services.chart_data import RealisationBar, RealisationSeries
from app.views.charts import style
from app.views.charts.base import Bars, ChartView, Hit, ValueLabels, elide, nice_ceiling, room_for_labels
from app.views.charts.qtgraph import pg

BAR_HEIGHT = 0.36  # two bars to a group, a little space between groups
GAP = 0.02


def _spent_text(bar: RealisationBar) -> str:
    """What the spending bar (realised and ordered) adds up to, and its share of the budget; the
    split is in the tooltip (a label must stay short beside the editors)."""
    text = format_money(bar.spent)
    if bar.percentage is not None:
        text += f" ({format_percentage(bar.percentage, 1)})"
    return text


def _budget_text(bar: RealisationBar) -> str:
    text = format_money(bar.budget)
    if bar.markers:
        text = QCoreApplication.translate("Charts", "{amount} (+ {count} without an amount)").format(
            amount=text, count=bar.markers)
    return text


def _tip(bar: RealisationBar, year: int) -> str:
    lines = [bar.label, QCoreApplication.translate("Charts", "Budget {year}: {amount}").format(
        year=year, amount=format_money(bar.budget)),
        QCoreApplication.translate("Charts", "Realised: {amount}").format(amount=format_money(bar.realised))]
    if bar.committed:
        lines.append(QCoreApplication.translate("Charts", "Ordered: {amount}").format(
            amount=format_money(bar.committed)))
    if bar.markers:
        lines.append(QCoreApplication.translate("Charts", "{count} line(s) with PM, id. or ongoing: no amount").format(
            count=bar.markers))
    lines.append(QCoreApplication.translate("Charts", "Remaining: {amount}").format(
        amount=format_money(bar.budget - bar.spent)))
    if bar.percentage is not None:
        lines.append(QCoreApplication.translate("Charts", "Depletion: {percentage}").format(
            percentage=format_percentage(bar.percentage, 1)))
    return "\n".join(lines)


class _SpacedAxis(style.DutchAxis):
    """A Dutch axis whose round numbers stay apart in a narrow dock: the step grows (x2, x2.5,
    x2 ...) until the widest number fits between two ticks."""

    def tickSpacing(self, minVal, maxVal, size):  # noqa: N802 - pyqtgraph API
        levels = super().tickSpacing(minVal, maxVal, size)
        if not levels or maxVal <= minVal or size <= 0:
            return levels
        font = self.style.get("tickFont")
        metrics = QFontMetricsF(font) if font is not None else None
        spacing, offset = levels[0]
        factors = (2, 2.5, 2)
        for step in range(12):
            if spacing <= 0:
                break
            widest = max(abs(minVal), abs(maxVal)) // spacing * spacing  # the widest number shown
            needed = (metrics.horizontalAdvance(format_number(int(widest))) if metrics else 60.0) + 12
            if size * spacing / (maxVal - minVal) >= needed:
                break
            spacing *= factors[step % 3]
        return [(spacing, offset)] + list(levels[1:])


class RealisationChart(ChartView):
    name = "realisation"

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.names_axis = pg.AxisItem("left")
        self.axis = _SpacedAxis("bottom")
        self.plot = self.add_plot(1, self.names_axis, self.axis)
        self.plot.showGrid(x=True, alpha=0.18)
        self.budget_bars = Bars(self.plot)
        self.spent_bars = Bars(self.plot)
        self.labels = ValueLabels(self.plot, anchor=(0, 0.5))
        self.message = pg.TextItem("", color=style.MUTED, anchor=(0.5, 0.5))
        self.plot.addItem(self.message, ignoreBounds=True)
        self.add_legend(2)
        self.ci.layout.setRowStretchFactor(1, 10)
        self.apply_style()

    def apply_style(self) -> None:
        super().apply_style()
        style.style_axis(self.names_axis, self.scale)
        style.style_axis(self.axis, self.scale, QCoreApplication.translate("Charts", "Amount in euros"))
        self.labels.set_scale(self.scale)
        self.message.setFont(style.font(self.scale, bold=True))

    def draw(self) -> None:
        series: RealisationSeries | None = self.series
        self.hits = []
        groups = series.groups if series is not None else []
        n = len(groups)
        positions = [n - 1 - i for i in range(n)]  # the first group on top
        budget = ([], [], [])  # x0, y0, width
        spent = ([], [], [], [])  # x0, y0, width, fill
        labels = []
        for i, (bar, y) in enumerate(zip(groups, positions)):
            top, low = y + GAP, y - GAP - BAR_HEIGHT  # the budget above, the spending below
            amount = float(bar.budget)
            budget[0].append(min(0.0, amount))
            budget[1].append(top)
            budget[2].append(abs(amount))
            labels.append((max(amount, 0.0), top + BAR_HEIGHT / 2, f"  {_budget_text(bar)}", None))
            realised, committed = float(bar.realised), float(bar.committed)
            spent[0].append(min(0.0, realised))
            spent[1].append(low)
            spent[2].append(abs(realised))
            spent[3].append(style.SINGLE)
            end = realised
            if committed:
                start = max(realised, 0.0) if committed > 0 else max(realised, 0.0) + committed
                spent[0].append(start)
                spent[1].append(low)
                spent[2].append(abs(committed))
                spent[3].append(style.LESS)
                end = max(realised, 0.0) + committed
            labels.append((max(end, realised, 0.0), low + BAR_HEIGHT / 2, f"  {_spent_text(bar)}", None,
                           style.BALANCE_ALERT if bar.over and bar.percentage is not None else None))
            left, right = min(0.0, amount, realised, end), max(0.0, amount, realised, end)
            self.hits.append(Hit(self.plot, QRectF(left, low, max(right - left, 1e-9), 2 * BAR_HEIGHT + 2 * GAP),
                                 "budget_group", bar.key, _tip(bar, series.year), self.spent_bars,
                                 len(spent[0]) - (2 if committed else 1)))
        self.budget_bars.set(budget[0], budget[1], budget[2], [BAR_HEIGHT] * n, [style.LIMIT_FILL] * n,
                             [style.LINE] * n)
        self.spent_bars.set(spent[0], spent[1], spent[2], [BAR_HEIGHT] * len(spent[0]), spent[3])
        self.labels.set(labels)
        self.names_axis.setTicks([[(y, elide(b.label, self.names_width(), self.scale))
                                   for b, y in zip(groups, positions)], []])
        low_x, high_x = room_for_labels(self.plot, [(x, t) for x, _, t, *_ in labels],
                                        [(min(b.realised, b.budget, 0), "") for b in groups], self.scale)
        # In a narrow dock the labels cannot all fit: the bars keep at least half the width (a
        # label cut at the edge is whole in the tooltip).
        longest = max([x for x, *_ in labels] + [0.0])
        if longest > 0:
            high_x = min(high_x, nice_ceiling(2 * longest))
        self.plot.vb.setRange(xRange=(low_x, high_x or 1.0), yRange=(-0.6, max(n, 1) - 0.4), padding=0)
        nothing = series is None or not series.entries
        self.message.setVisible(nothing)
        self.message.setText(QCoreApplication.translate("Charts", "Nothing booked yet") if series is not None
                             else QCoreApplication.translate("Charts", "No budget"))
        self.message.setPos((low_x + (high_x or 1.0)) / 2, (max(n, 1) - 1) / 2)
        self.legend.set_entries([
            ("bar", style.LIMIT_FILL, QCoreApplication.translate("Charts", "Budget")),
            ("bar", style.SINGLE, QCoreApplication.translate("Charts", "Realised")),
            ("bar", style.LESS, QCoreApplication.translate("Charts", "Ordered (commitments)"))])
        if series is None or series.year is None:
            self.set_title(QCoreApplication.translate("Charts", "Budget and actuals per group"))
            return
        total = series.total
        title = QCoreApplication.translate("Charts", "Budget and actuals in {year}").format(year=series.year)
        if total.committed:
            detail = QCoreApplication.translate(
                "Charts", "As of {date}: realised {realised} and ordered {committed} of {budget} budgeted").format(
                date=format_date(series.as_of), realised=format_money(total.realised),
                committed=format_money(total.committed), budget=format_money(total.budget))
        else:
            detail = QCoreApplication.translate(
                "Charts", "As of {date}: realised {realised} of {budget} budgeted").format(
                date=format_date(series.as_of), realised=format_money(total.realised),
                budget=format_money(total.budget))
        if total.percentage is not None:
            detail += f" ({format_percentage(total.percentage, 1)})"
        self.set_title(title, detail)

    def plotted(self) -> list[tuple[object, float, float, float]]:
        """(group key, plotted budget, plotted realised, plotted committed) per group, top to bottom;
        a negative figure plotted to the left is given negative."""
        result = []
        budget_x0, _y, budget_widths, _h = self.budget_bars.geometry
        x0s, _y, widths, _h = self.spent_bars.geometry
        fills = self.spent_bars.fills
        index = 0
        for number, bar in enumerate(self.series.groups if self.series is not None else []):
            planned = -budget_widths[number] if budget_x0[number] < 0 else budget_widths[number]
            realised = -widths[index] if x0s[index] < 0 else widths[index]
            index += 1
            committed = 0.0
            if index < len(fills) and fills[index] == style.LESS:
                committed = widths[index] if bar.committed >= 0 else -widths[index]
                index += 1
            result.append((bar.key, float(planned), float(realised), float(committed)))
        return result
