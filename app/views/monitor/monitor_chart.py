"""The chosen indicator over the years: a line of its whole (or, when it has no whole, a line per
member, at most :data:`MOST_LINES`) and its target as a dashed line. A percentage is drawn on a
percentage axis (0 to 100 %), any other unit on a Dutch axis named after the unit. The figures
come from app.services.indicators.IndicatorTable; a float only where the plot needs one."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, Qt

from app.models.indicators import Breakdown, IndicatorUnit
from app.views.charts import style
from app.views.charts.base import ChartView, nice_ceiling
from app.views.charts.qtgraph import pg

MOST_LINES = 10  # members drawn one by one; beyond this only the whole
translate = QCoreApplication.translate


@dataclass
class MonitorSeries:
    name: str
    unit: IndicatorUnit
    lines: list[tuple[str, list[tuple[int, Decimal]]]] = field(default_factory=list)  # (label, points)
    target: list[tuple[int, Decimal]] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    note: str = ""  # why nothing (or only part) is drawn


def whole_label(table) -> str:
    if table.breakdown is Breakdown.NONE:
        return table.name
    if table.additive:
        return translate("MonitorChart", "Total")
    return translate("MonitorChart", "Whole (entered)")


def monitor_series(table) -> MonitorSeries | None:
    """What the chart draws of ``table`` (None: no indicator)."""
    if table is None:
        return None
    series = MonitorSeries(table.name, table.unit, years=list(table.years))
    whole = [(y, v) for y, v in sorted(table.whole.items()) if v is not None]
    if whole:
        series.lines.append((whole_label(table), whole))
    members = [(name, sorted(values.items())) for name, values in table.members if values]
    # The members too while the whole does not cover their years (a whole entered for one year).
    covered = {y for y, _v in whole}
    if members and any(y not in covered for _n, points in members for y, _v in points):
        if len(members) <= MOST_LINES:
            series.lines += members
        elif not whole:
            series.note = translate("MonitorChart", "{count} members and no whole: type the whole to see a "
                                    "line").format(count=len(members))
    series.target = sorted(table.targets.items())
    if not series.lines and not series.target and not series.note:
        series.note = translate("MonitorChart", "No values yet")
    return series


class PercentAxis(style.DutchAxis):
    """A Dutch axis whose ticks read as percentages: "12,5 %"."""

    def tickStrings(self, values, scale, spacing):  # noqa: N802 - pyqtgraph API
        return [f"{text} %" for text in super().tickStrings(values, scale, spacing)]


def unit_label(unit: IndicatorUnit) -> str:
    """The value axis's name."""
    return {
        IndicatorUnit.NUMBER: translate("MonitorChart", "Number"),
        IndicatorUnit.CLIENTS: translate("MonitorChart", "Clients"),
        IndicatorUnit.EURO: translate("MonitorChart", "Euros"),
        IndicatorUnit.DAYS: translate("MonitorChart", "Days"),
        IndicatorUnit.PERCENTAGE: translate("MonitorChart", "Percentage"),
    }[unit]


class MonitorChart(ChartView):
    name = "monitor"

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.count_axis = style.DutchAxis("left")
        self.percent_axis = PercentAxis("left")
        self.years_axis = style.DutchAxis("bottom", integers=True)
        self.plot = self.add_plot(1, self.count_axis, self.years_axis)
        self.plot.showGrid(y=True, alpha=0.18)
        self.curves: list[pg.PlotDataItem] = []
        self.target_curve = pg.PlotDataItem(antialias=True)
        self.target_curve.setZValue(5)
        self.plot.addItem(self.target_curve)
        self.message = pg.TextItem("", color=style.MUTED, anchor=(0.5, 0.5))
        self.plot.addItem(self.message, ignoreBounds=True)
        self.add_legend(2)
        self.ci.layout.setRowStretchFactor(1, 10)
        self._unit: IndicatorUnit | None = None
        self.apply_style()

    def apply_style(self) -> None:
        super().apply_style()
        label = unit_label(self._unit) if self._unit is not None else ""
        for axis in (self.count_axis, self.percent_axis):
            style.style_axis(axis, self.scale, label)
        style.style_axis(self.years_axis, self.scale)
        self.message.setFont(style.font(self.scale, bold=True))

    def _use_axis(self, unit: IndicatorUnit | None) -> None:
        """The percentage axis for a percentage, the plain one for anything else."""
        if unit == self._unit:
            return
        self._unit = unit
        wanted = self.percent_axis if unit is IndicatorUnit.PERCENTAGE else self.count_axis
        if self.plot.getAxis("left") is not wanted:
            self.plot.setAxisItems({"left": wanted})
        self.apply_style()

    def draw(self) -> None:
        series: MonitorSeries | None = self.series
        self._use_axis(series.unit if series is not None else None)
        lines = series.lines if series is not None else []
        while len(self.curves) < len(lines):
            curve = pg.PlotDataItem(antialias=True)
            curve.setZValue(4)
            self.plot.addItem(curve)
            self.curves.append(curve)
        for number, curve in enumerate(self.curves):
            if number >= len(lines):
                curve.setData([], [])
                curve.setVisible(False)
                continue
            _label, points = lines[number]
            colour = style.colour_name(number)
            curve.setData([float(y) for y, _ in points], [float(v) for _, v in points],
                          pen=style.pen(colour, 2.5 * self.scale), symbol="o", symbolSize=7 * self.scale,
                          symbolBrush=colour, symbolPen=style.pen(colour, 1))
            curve.setVisible(True)
        target = series.target if series is not None else []
        self.target_curve.setData([float(y) for y, _ in target], [float(v) for _, v in target],
                                  pen=style.pen(style.BALANCE_ALERT, 2 * self.scale, Qt.PenStyle.DashLine),
                                  symbol="t", symbolSize=8 * self.scale, symbolBrush=style.BALANCE_ALERT,
                                  symbolPen=style.pen(style.BALANCE_ALERT, 1))
        self.target_curve.setVisible(bool(target))
        years = [y for _l, points in lines for y, _ in points] + [y for y, _ in target]
        years += series.years if series is not None else []
        low_year, high_year = (min(years), max(years)) if years else (2020, 2024)
        values = [float(v) for _l, points in lines for _y, v in points] + [float(v) for _y, v in target]
        if series is not None and series.unit is IndicatorUnit.PERCENTAGE:
            high = 100.0 if not values or max(values) > 50 else nice_ceiling(max(values) * 1.1)
        else:
            high = nice_ceiling(max(values) * 1.1) if values and max(values) > 0 else 1.0
        low = min([0.0] + values)
        self.plot.vb.setRange(xRange=(low_year - 0.4, high_year + 0.4), yRange=(low, high), padding=0)
        self.years_axis.setTicks([[(float(y), str(y)) for y in range(low_year, high_year + 1)], []])
        self.message.setText(series.note if series is not None else translate("MonitorChart", "No indicator chosen"))
        self.message.setVisible(bool(self.message.toPlainText()))
        self.message.setPos((low_year + high_year) / 2, (low + high) / 2)
        entries = [("line", style.colour_name(n), label) for n, (label, _p) in enumerate(lines)]
        if target:
            entries.append(("line", style.BALANCE_ALERT, translate("MonitorChart", "Target (dashed)")))
        self.legend.set_entries(entries)
        if series is None:
            self.set_title(translate("MonitorChart", "Monitor"))
        else:
            self.set_title(series.name, translate("MonitorChart", "Over the years, in {unit}").format(
                unit=series.unit.value))

    def plotted(self) -> dict[str, list[tuple[float, float]]]:
        """(year, value) per line as plotted, by its label; the target as "target"."""
        result = {}
        lines = self.series.lines if self.series is not None else []
        for curve, (label, _points) in zip(self.curves, lines):
            xs, ys = curve.getData()
            result[label] = list(zip(map(float, xs), map(float, ys))) if xs is not None else []
        xs, ys = self.target_curve.getData()
        if xs is not None and len(xs):
            result["target"] = list(zip(map(float, xs), map(float, ys)))
        return result
