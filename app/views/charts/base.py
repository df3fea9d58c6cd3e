"""What every chart shares: the plot widget, bars that update in place, hover and click on a
bar, the legend, value labels, and the font scale (bigger on a projector).

A chart is built once; new figures go through ``set_series``, which moves the existing
pyqtgraph items (``setOpts``/``setData``/``setText``), so an edit never re-creates a plot
and nothing flickers.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainter, QTextOption
from PySide6.QtWidgets import QGraphicsItem, QGraphicsWidget, QSizePolicy, QToolTip

from app.views import theme
from app.views.charts import style
from app.views.charts.qtgraph import pg

PrimitiveArray = pg.Qt.internals.PrimitiveArray

# Every line and bar in these charts is horizontal or vertical: crisp without antialiasing,
# and painting is faster (text keeps its own antialiasing; the exports smooth everything).
pg.setConfigOptions(antialias=False, background=style.BACKGROUND, foreground=style.INK)


def _rounded_out(box: QRectF) -> QRectF:
    """``box`` grown on each side to a round number (:func:`nice_ceiling`) or to zero."""
    if box.isNull():
        return QRectF()

    def up(value: float) -> float:
        return nice_ceiling(value) if value > 0 else 0.0

    def down(value: float) -> float:
        return -up(-value)

    left, top, right, bottom = down(box.left()), down(box.top()), up(box.right()), up(box.bottom())
    return QRectF(left, top, right - left, bottom - top)


def _fits(data: QRectF, needed: QRectF, bounds: QRectF) -> bool:
    """Whether ``bounds`` (an item's size) may stay for bars at ``data`` (``needed``: that rounded
    out): they hold the bars and are not more than twice as large as needed."""
    if data.isNull() or bounds.isNull():
        return data.isNull() and bounds.isNull()
    return (bounds.contains(data) and bounds.width() <= 2 * needed.width()
            and bounds.height() <= 2 * needed.height())


def nice_ceiling(value: float) -> float:
    """The next round number at or above ``value`` (1, 2, 2.5, 5 x a power of ten), so an
    axis keeps its range while an edit changes a figure a little."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 1.2, 1.4, 1.6, 1.8, 2, 2.5, 3, 3.5, 4, 5, 6, 7, 8, 9, 10):
        if step * power >= value:
            return step * power
    return 10 * power


def room_for_labels(plot: pg.PlotItem, right, left=(), scale: float = 1.0) -> tuple[float, float]:
    """The x range (low, high) that keeps each bar's label inside the plot: ``right`` are
    (end of bar, label text) written after a bar, ``left`` those written before a bar that
    runs left. Labels have a size in pixels, bars in data units, so this depends on the
    plot's width; the ends are rounded (an edit rarely moves them)."""
    metrics = QFontMetricsF(style.font(scale))
    right = [(float(v), metrics.horizontalAdvance(text)) for v, text in right]
    left = [(float(v), metrics.horizontalAdvance(text)) for v, text in left]
    pixels = plot.vb.width() if plot.vb.width() > 50 else 600.0
    high = max([v for v, _ in right] + [0.0])
    low = min([v for v, _ in left] + [0.0])
    for _ in range(4):  # the range and the labels' share of it settle in a few rounds
        per_pixel = (high - low) / pixels if high > low else 0.0
        high = max([v + w * per_pixel for v, w in right] + [0.0])
        low = min([v - w * per_pixel for v, w in left] + [0.0])
    high = nice_ceiling(high * 1.04) if high > 0 else 0.0
    low = -nice_ceiling(-low * 1.04) if low < 0 else 0.0
    return low, high


def elide(text: str, pixels: float, scale: float = 1.0) -> str:
    """``text`` cut short with "…" to fit ``pixels`` (a name beside a bar; the tooltip has it all)."""
    return QFontMetricsF(style.font(scale)).elidedText(text, Qt.TextElideMode.ElideRight, pixels)


@dataclass
class Hit:
    """A bar the mouse can be on: where it is (data coordinates of ``plot``), what it stands
    for (``kind``, ``key``; kind "" for bars that stand for nothing in an editor) and the
    tooltip with the exact figure."""

    plot: pg.PlotItem
    rect: QRectF
    kind: str
    key: object
    text: object  # the tooltip, or a function that makes it (made only when hovered)
    bars: Bars | None = None
    index: int = -1

    @property
    def tip(self) -> str:
        if callable(self.text):
            self.text = self.text()
        return self.text


class _BarsByColour(pg.GraphicsObject):
    """Many bars in one item, painted a colour at a time: one ``drawRects`` per fill and edge,
    a few calls however many bars. (pyqtgraph's BarGraphItem, with a brush per bar, records
    every bar in a QPicture, again after each change, and replays it bar by bar on each paint.)
    A change repaints only where bars moved: an edit in one year, that year's stack."""

    def __init__(self) -> None:
        super().__init__()
        self._runs: list[tuple[object, QBrush, np.ndarray, PrimitiveArray]] = []
        self._rects = np.zeros((0, 4))
        self._data = QRectF()  # where the bars are
        self._bounds = QRectF()  # that, rounded out: the item's size, which a small change keeps
        self._run_of = np.zeros(0, dtype=int)
        self._highlight: tuple[object, QRectF] | None = None
        self._pen_pixels = 1.0

    def set_bars(self, rects: np.ndarray, runs) -> None:
        """``rects``: (x, y, width, height) per bar, width and height not negative; ``runs``:
        (pen, brush, indices of the bars painted with them), or None: the same as before."""
        old = self._rects
        if runs is not None:
            self._runs = [(pen, brush, np.asarray(indices, dtype=int), PrimitiveArray(QRectF, 4))
                          for pen, brush, indices in runs]
            self._run_of = np.zeros(len(rects), dtype=int)  # each bar's run
            for number, (_pen, _brush, indices, _array) in enumerate(self._runs):
                self._run_of[indices] = number
            self._pen_pixels = max([pen.widthF() for pen, *_ in self._runs] + [1.0])
        same = runs is None and old.shape == rects.shape
        moved = np.any(old != rects, axis=1) if same else None
        # Only the colours of which a bar moved (an edit: the groups above it in its year).
        for number in np.unique(self._run_of[moved]) if same else range(len(self._runs)):
            _pen, _brush, indices, array = self._runs[number]
            array.resize(len(indices))
            if len(indices):
                array.ndarray()[:] = rects[indices]
        self._rects = rects
        self._data = self._box(rects)
        bounds = _rounded_out(self._data)
        if not _fits(self._data, bounds, self._bounds):  # (seldom: the bounds keep room to change)
            self.prepareGeometryChange()
            self._bounds = bounds
            self.informViewBoundsChanged()
            self.update()
        elif not same:
            self.update()
        elif moved.any():  # only where bars were and are now
            self.update(self._box(np.vstack([old[moved], rects[moved]])).adjusted(*self._padding()))

    @staticmethod
    def _box(rects: np.ndarray) -> QRectF:
        if not len(rects):
            return QRectF()
        left, top = rects[:, 0].min(), rects[:, 1].min()
        right, bottom = (rects[:, 0] + rects[:, 2]).max(), (rects[:, 1] + rects[:, 3]).max()
        return QRectF(float(left), float(top), float(right - left), float(bottom - top))

    def _padding(self) -> tuple[float, float, float, float]:
        """Half an outline (and the highlight's) beyond the bars, in data units."""
        px, py = self.pixelVectors()
        px = 0.0 if px is None else px.length()
        py = 0.0 if py is None else py.length()
        pad = max(self._pen_pixels, 3.0) * 0.5 + 1
        return -px * pad, -py * pad, px * pad, py * pad

    def set_highlight(self, pen, index: int | None) -> None:
        old = self._highlight
        self._highlight = None if index is None else (pen, QRectF(*map(float, self._rects[index])))
        for outlined in (old, self._highlight):
            if outlined is not None:
                self.update(outlined[1].adjusted(*self._padding()))

    def dataBounds(self, ax: int, frac: float = 1.0, orthoRange=None):  # noqa: N802 - pyqtgraph API
        if self._data.isNull():
            return None, None
        if ax == 0:
            return self._data.left(), self._data.right()
        return self._data.top(), self._data.bottom()

    def pixelPadding(self) -> float:  # noqa: N802 - pyqtgraph API
        return max(self._pen_pixels, 3.0) * 0.5

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt API
        if self._bounds.isNull():
            return QRectF()
        return self._bounds.adjusted(*self._padding())

    def paint(self, painter: QPainter, *_args) -> None:
        for pen, brush, indices, array in self._runs:
            if len(indices):
                painter.setPen(pen)
                painter.setBrush(brush)
                painter.drawRects(*array.drawargs())
        if self._highlight is not None:
            pen, rect = self._highlight
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect)


class Bars:
    """Many bars in one item, each with its own fill; updated in place.

    ``by_colour``: painted a colour at a time (:class:`_BarsByColour`), for many bars that do
    not overlap (the budget's stack of every group); else one BarGraphItem, painted in order."""

    def __init__(self, plot: pg.PlotItem, z: float = 0, by_colour: bool = False) -> None:
        self.by_colour = by_colour
        if by_colour:
            self.item = _BarsByColour()
        else:
            self.item = pg.BarGraphItem(x0=np.zeros(0), y0=np.zeros(0), width=np.zeros(0),
                                        height=np.zeros(0), pen=style.pen(), brush=style.SINGLE)
        self.item.setZValue(z)
        plot.addItem(self.item)
        self._brushes: dict[str, QBrush] = {}
        self._pens: dict[tuple, object] = {}
        self.fills: list[str] = []
        self.edges: list[str] = []
        self.highlighted: int | None = None
        self.geometry = (np.zeros(0), np.zeros(0), np.zeros(0), np.zeros(0))

    def _brush(self, fill: str) -> QBrush:
        if fill not in self._brushes:
            self._brushes[fill] = QBrush(QColor(fill))
        return self._brushes[fill]

    def _pen(self, edge: str, width: float):
        if (edge, width) not in self._pens:
            self._pens[(edge, width)] = style.pen(edge, width)
        return self._pens[(edge, width)]

    def set(self, x0, y0, width, height, fills, edges=None) -> None:
        self.geometry = tuple(np.asarray(v, dtype=float) for v in (x0, y0, width, height))
        fills = list(fills)
        edges = list(edges) if edges is not None else [style.OUTLINE] * len(fills)
        x0, y0, width, height = self.geometry
        if self.by_colour:
            self._set_by_colour(fills, edges)
            return
        if fills == self.fills and edges == self.edges and fills:
            self.item.setOpts(x0=x0, y0=y0, width=width, height=height)  # the same colours: keep them
            return
        self.fills, self.edges = fills, edges
        if self.highlighted is not None and self.highlighted >= len(self.fills):
            self.highlighted = None
        if not self.fills:  # (pyqtgraph cannot take an empty list of pens)
            self.item.setOpts(x0=x0, y0=y0, width=width, height=height, brushes=None, pens=None)
            return
        self.item.setOpts(x0=x0, y0=y0, width=width, height=height,
                          brushes=[self._brush(f) for f in self.fills], pens=self._all_pens())

    def _set_by_colour(self, fills: list[str], edges: list[str]) -> None:
        x0, y0, width, height = self.geometry
        # Normalised (x, y, width, height): a bar may be given from its far end (a negative size).
        rects = np.column_stack([np.minimum(x0, x0 + width), np.minimum(y0, y0 + height),
                                 np.abs(width), np.abs(height)]) if len(x0) else np.zeros((0, 4))
        runs = None
        if fills != self.fills or edges != self.edges or not fills:
            self.fills, self.edges = fills, edges
            if self.highlighted is not None and self.highlighted >= len(fills):
                self.highlighted = None
            indices: dict[tuple[str, str], list[int]] = {}
            for i, colours in enumerate(zip(fills, edges)):
                indices.setdefault(colours, []).append(i)
            runs = [(self._pen(edge, 1.0), self._brush(fill), found) for (fill, edge), found in indices.items()]
        self.item.set_bars(rects, runs)
        if self.highlighted is not None:
            self.item.set_highlight(self._pen(style.HIGHLIGHT, 3.0), self.highlighted)

    def _all_pens(self):
        pens = [self._pen(e, 1.0) for e in self.edges]
        if self.highlighted is not None:
            pens[self.highlighted] = self._pen(style.HIGHLIGHT, 3.0)
        return pens

    def highlight(self, index: int | None) -> None:
        if index == self.highlighted:
            return
        self.highlighted = index
        if self.by_colour:
            self.item.set_highlight(self._pen(style.HIGHLIGHT, 3.0), index)
        elif self.fills:
            self.item.setOpts(pens=self._all_pens())

    def heights(self) -> list[float]:
        return list(self.geometry[3])

    def widths(self) -> list[float]:
        return list(self.geometry[2])


class Legend(QGraphicsWidget):
    """Swatches and names, flowing over as many lines as the width needs; part of the layout
    (below the plot), so it never covers a bar. At most ``max_lines`` lines: what does not
    fit is summed up by ``overflow(count)`` (the tooltips name every bar)."""

    def __init__(self, max_lines: int = 4) -> None:
        super().__init__()
        self.entries: list[tuple[str, str, str]] = []  # (shape "bar"/"line"/"tick", colour, label)
        self.shown: list[tuple[str, str, str]] = []  # the entries that fit, as painted
        self.max_lines = max_lines
        self.overflow = None
        self.keep = 0
        self.scale = 1.0
        self._places: list[tuple[float, float]] = []
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def set_entries(self, entries, overflow=None, keep: int = 0) -> None:
        """``keep``: the last entries are always shown (e.g. the funding line)."""
        entries = list(entries)
        if entries != self.entries:
            self.entries = entries
            self.overflow, self.keep = overflow, keep
            self._lay_out()
            self.update()

    def set_scale(self, scale: float) -> None:
        self.scale = scale
        self._lay_out()
        self.update()

    def _metrics(self):
        f = style.font(self.scale)
        return f, QFontMetricsF(f)

    def _place(self, entries, advance, width: float, line: float, swatch: float) -> tuple[list, int]:
        x, row, places = 0.0, 0, []
        for _shape, _colour, label in entries:
            needed = swatch + 6 * self.scale + advance(label) + 20 * self.scale
            if x > 0 and x + needed > width:
                row, x = row + 1, 0.0
            places.append((x, row * line))
            x += needed
        return places, row + 1 if entries else 0

    def _lay_out(self) -> None:
        _, metrics = self._metrics()
        # Each label measured once per layout (a budget of 400 groups measured them 160,000 times).
        widths: dict[str, float] = {}

        def advance(label: str) -> float:
            width = widths.get(label)
            if width is None:
                width = widths[label] = metrics.horizontalAdvance(label)
            return width

        line, swatch = metrics.height() + 6 * self.scale, metrics.height()
        width = self.size().width() or 600
        shown = self.entries
        places, lines = self._place(shown, advance, width, line, swatch)
        if lines > self.max_lines and self.overflow is not None:
            # As many entries as fit in max_lines with the overflow's summary: counted up from
            # none (a few lines hold a few dozen), not down from all of them.
            head, tail = self.entries[:len(self.entries) - self.keep], self.entries[len(self.entries) - self.keep:]
            shown, places = None, []
            for count in range(len(head)):
                trial = head[:count] + [("bar", style.BACKGROUND, self.overflow(len(head) - count))] + tail
                trial_places, trial_lines = self._place(trial, advance, width, line, swatch)
                if trial_lines > self.max_lines and shown is not None:
                    break
                shown, places, lines = trial, trial_places, trial_lines
        self.shown, self._places = shown, places
        height = lines * line + 4 if shown else 4
        if abs(self.minimumHeight() - height) > 0.5:
            self.setMinimumHeight(height)
            self.setMaximumHeight(height)
            self.setPreferredHeight(height)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._lay_out()

    def paint(self, painter: QPainter, *_args) -> None:
        f, metrics = self._metrics()
        painter.setFont(f)
        swatch = metrics.height() * 0.8
        for (shape, fill, label), (x, y) in zip(self.shown, self._places):
            top = y + 2 + (metrics.height() - swatch) / 2
            box = QRectF(x + 2, top, swatch, swatch)
            if shape == "bar":
                painter.setPen(style.pen(style.OUTLINE, 1))
                painter.setBrush(QColor(fill))
                painter.drawRect(box)
            elif shape == "line":
                painter.setPen(style.pen(fill, 3 * self.scale))
                painter.drawLine(QPointF(box.left(), box.center().y()), QPointF(box.right(), box.center().y()))
            else:  # a short upright tick (a marker on a horizontal bar)
                painter.setPen(style.pen(fill, 3 * self.scale))
                painter.drawLine(QPointF(box.center().x(), box.top()), QPointF(box.center().x(), box.bottom()))
            painter.setPen(QColor(style.INK))
            painter.drawText(QPointF(box.right() + 6 * self.scale, y + 2 + metrics.ascent()), label)


class _LabelLayer(pg.GraphicsObject):
    """Every plain value label of a plot, painted by one item: each text at a point in data
    units, offset by its anchor in pixels, its letters never scaled by the plot's range (as a
    TextItem with ItemIgnoresTransformations). A TextItem per label holds a QTextDocument of
    about 50 KB: the 400 group labels of a large comparison were 20 MB, this is a list."""

    PAD = 4.0  # pixels between the anchor point and the text, as a TextItem's document margin

    def __init__(self) -> None:
        super().__init__()
        self.labels: list[tuple[float, float, str, tuple[float, float], str | None]] = []
        self.font = style.font()
        self._metrics = QFontMetricsF(self.font)
        self._widths: list[float] = []
        self._bounds: QRectF | None = None

    def set_labels(self, labels: list, font) -> None:
        """(x, y, text, anchor, colour or None for the ink) per label; only what changed is
        repainted when the number of labels and the font stay."""
        same_font = font == self.font
        old, old_rects = self.labels, (self._rects() if same_font and len(labels) == len(self.labels) else None)
        self.font = font
        self._metrics = QFontMetricsF(font)
        self.labels = labels
        self._widths = [self._metrics.horizontalAdvance(text) for _x, _y, text, _a, _c in labels]
        bounds = self._bounds
        self._bounds = None
        if bounds is None or old_rects is None or not bounds.contains(self.boundingRect()):
            self.prepareGeometryChange()
            self._bounds = None
            self.update()
            return
        self._bounds = bounds  # a small change stays inside: no new geometry for the scene
        new_rects = self._rects()
        for before, after, old_rect, new_rect in zip(old, labels, old_rects, new_rects):
            if before != after:
                self.update(old_rect.united(new_rect))

    def _scene_scale(self) -> tuple[float, float]:
        """Data units per pixel, across and up (0 before the item is in a laid-out view)."""
        transform = self.sceneTransform()
        sx, sy = abs(transform.m11()), abs(transform.m22())
        return (1 / sx if sx else 0.0), (1 / sy if sy else 0.0)

    def _rects(self) -> list[QRectF]:
        """Each label's box in data units (y up)."""
        px, py = self._scene_scale()
        height = self._metrics.height()
        rects = []
        for (x, y, _text, (ax, ay), _colour), width in zip(self.labels, self._widths):
            total = width + 2 * self.PAD
            left = x - ax * total * px
            top = y + ay * height * py  # the text's top, above the point by its anchor's share
            rects.append(QRectF(left, top - height * py, total * px, height * py))
        return rects

    def viewTransformChanged(self) -> None:  # noqa: N802 - pyqtgraph API
        # The plot's range or size changed: the labels keep their pixels, so their data-unit boxes change.
        self.prepareGeometryChange()
        self._bounds = None

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt API
        if self._bounds is None:
            box = QRectF()
            for rect in self._rects():
                box = box.united(rect.normalized())
            self._bounds = box
        return self._bounds

    def paint(self, painter: QPainter, *_args) -> None:
        if not self.labels:
            return
        # Drawn in the scene's units (pixels of the layout), through what maps the scene onto
        # the device: on screen nothing, in an export its print scale, which the letters follow.
        to_scene = self.sceneTransform()
        inverse, invertible = to_scene.inverted()
        if not invertible:
            return
        painter.setTransform(inverse * painter.transform())
        painter.setFont(self.font)
        ink = QColor(style.INK)
        colours: dict[str, QColor] = {}
        ascent, height = self._metrics.ascent(), self._metrics.height()
        for (x, y, text, (ax, ay), colour), width in zip(self.labels, self._widths):
            point = to_scene.map(QPointF(x, y))
            left = point.x() - ax * (width + 2 * self.PAD) + self.PAD
            top = point.y() - ay * height
            painter.setPen(ink if colour is None else colours.setdefault(colour, QColor(colour)))
            painter.drawText(QPointF(left, top + ascent), text)


class ValueLabels:
    """A plot's plain value labels (the figure after or inside a bar), all painted by one item.
    ``set`` takes (x, y, text, anchor or None[, colour]) per label."""

    def __init__(self, plot: pg.PlotItem, anchor=(0, 0.5), z: float = 10) -> None:
        self.anchor = tuple(anchor)
        self.layer = _LabelLayer()
        self.layer.setZValue(z)
        plot.addItem(self.layer, ignoreBounds=True)
        self.scale = 1.0
        self.bold = False

    def set(self, placed) -> None:
        labels = []
        for x, y, text, anchor, *colour in placed:
            labels.append((float(x), float(y), text, self.anchor if anchor is None else tuple(anchor),
                           colour[0] if colour else None))
        self.layer.set_labels(labels, style.font(self.scale, bold=self.bold))

    def texts(self) -> list[str]:
        return [text for _x, _y, text, _a, _c in self.layer.labels]

    def set_scale(self, scale: float) -> None:
        self.scale = scale
        self.layer.set_labels(self.layer.labels, style.font(scale, bold=self.bold))


class RichLabels:
    """A pool of TextItems in one plot, for labels in HTML (several lines, centred): as many
    shown as there are figures, the rest hidden. Labels are only re-laid-out when their text
    changes. Heavier than ValueLabels (a QTextDocument each): for a handful of labels."""

    def __init__(self, plot: pg.PlotItem, anchor=(0, 0.5), z: float = 10) -> None:
        self.plot = plot
        self.anchor = anchor
        self.z = z
        self.items: list[pg.TextItem] = []
        self._texts: list[str] = []
        self.scale = 1.0
        self.bold = False

    def set(self, placed) -> None:
        """``placed``: (x, y, html or text, anchor or None) per label."""
        placed = list(placed)
        while len(self.items) < len(placed):
            item = pg.TextItem(anchor=self.anchor, color=style.INK)
            item.setZValue(self.z)
            item.setFont(style.font(self.scale, bold=self.bold))
            self.plot.addItem(item, ignoreBounds=True)
            self.items.append(item)
            self._texts.append("")
        for i, (x, y, text, anchor) in enumerate(placed):
            item = self.items[i]
            if self._texts[i] != text:
                self._texts[i] = text
                if text.startswith("<"):
                    item.setHtml(text)
                    _centre(item)
                else:
                    item.setText(text)
            if anchor is not None and tuple(item.anchor) != tuple(anchor):
                item.setAnchor(anchor)
            item.setPos(x, y)
            item.setVisible(True)
        for item in self.items[len(placed):]:
            item.setVisible(False)

    def texts(self) -> list[str]:
        return [item.textItem.toPlainText() for item in self.items if item.isVisible()]

    def set_scale(self, scale: float) -> None:
        self.scale = scale
        for i, item in enumerate(self.items):
            item.setFont(style.font(scale, bold=self.bold))
            if self._texts[i].startswith("<"):
                _centre(item)


def _centre(item: pg.TextItem) -> None:
    """Centre the lines of a label on each other (not only the block on its anchor)."""
    document = item.textItem.document()
    option = QTextOption(Qt.AlignmentFlag.AlignHCenter)
    document.setDefaultTextOption(option)
    document.setTextWidth(-1)
    document.setTextWidth(document.idealWidth())
    item.updateTextPos()


class ChartView(pg.GraphicsLayoutWidget):
    """Base of every chart: a title above, plots, a legend below.

    Signals: ``hovered(kind, key)`` when the mouse comes onto a bar (kind "" and key None when
    it leaves every bar), ``activated(kind, key)`` on a left click on a bar, and
    ``menu_requested(global position)`` on a right click (the panel offers the exports).
    """

    hovered = Signal(str, object)
    activated = Signal(str, object)
    menu_requested = Signal(QPoint)

    name = ""  # the chart's name in render_chart_to_file: "budget", "contributions", ...

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setBackground(style.BACKGROUND)
        self.ci.setContentsMargins(10, 8, 14, 8)
        self.ci.setSpacing(4)
        self.base_scale = 1.0  # the panel's: 1 beside the editors, larger full screen
        self.scale = style.screen_factor()  # times the window's zoom and presentation mode
        self._colours = theme.current()
        self.series = None
        self._hits: list[Hit] | None = []
        self._hit_maker = None
        self._cache_wanted = False  # enable_cache: pixmaps of the axes while on screen
        self.current: Hit | None = None
        self.tooltip = ""
        self.plots: list[pg.PlotItem] = []
        self.title = _Title("", justify="left", color=style.INK)
        self.ci.addItem(self.title, row=0, col=0)
        self.legend = Legend()
        self.scene().sigMouseMoved.connect(self._mouse_moved)
        self.scene().sigMouseClicked.connect(self._mouse_clicked)
        self.setMinimumSize(320, 240)
        theme.notifier().changed.connect(self.restyle)

    # --- building -----------------------------------------------------------------------------

    def add_plot(self, row: int, left: pg.AxisItem, bottom: pg.AxisItem) -> pg.PlotItem:
        plot = pg.PlotItem(axisItems={"left": left, "bottom": bottom})
        plot.setMenuEnabled(False)
        plot.hideButtons()
        plot.vb.setMouseEnabled(x=False, y=False)
        plot.vb.disableAutoRange()
        plot.vb.setDefaultPadding(0)
        for side in ("top", "right"):
            plot.hideAxis(side)
        self.ci.addItem(plot, row=row, col=0)
        self.plots.append(plot)
        plot.vb.sigResized.connect(self._plot_resized)
        return plot

    def add_legend(self, row: int) -> None:
        self.ci.addItem(self.legend, row=row, col=0)

    def enable_cache(self) -> None:
        """On screen: the axes (with their grid), the legend and the title are kept as pixmaps
        and redrawn only when they change, so an edit repaints little more than the bars.
        Only while the chart is shown: a hidden chart drops its pixmaps (about 1 MB each for a
        chart of many bars), shown again it makes them anew. (Not for exports, which are
        painted at another scale.)"""
        self._cache_wanted = True
        self._set_cache(self.isVisible())

    def _set_cache(self, on: bool) -> None:
        mode = QGraphicsItem.CacheMode.DeviceCoordinateCache if on else QGraphicsItem.CacheMode.NoCache
        for plot in self.plots:
            for axis in plot.axes.values():
                axis["item"].setCacheMode(mode)
        self.legend.setCacheMode(mode)
        self.title.setCacheMode(mode)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        if self._cache_wanted:
            self._set_cache(True)
        super().showEvent(event)

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt API
        if self._cache_wanted:
            self._set_cache(False)
        super().hideEvent(event)

    def hide_title(self) -> None:
        """No title above the plots (a PDF that prints its own heading); the space goes to them."""
        self.ci.removeItem(self.title)
        self.title.hide()

    def set_title(self, text: str, detail: str = "") -> None:
        size = f"{style.TITLE_POINTS * self.scale:.1f}pt"
        small = f"{style.BASE_POINTS * self.scale:.1f}pt"
        html = f"<span style='font-size:{size}; font-weight:bold'>{_escape(text)}</span>"
        if detail:
            html += f"<br><span style='font-size:{small}; color:{style.MUTED}'>{_escape(detail)}</span>"
        if html != getattr(self, "_title_html", None):
            self._title_html = html
            self.title.setText(html)

    # --- figures --------------------------------------------------------------------------------

    def set_series(self, series) -> None:
        """Show new figures, moving the existing items (no plot is re-created)."""
        self.series = series
        key = (self.current.kind, self.current.key) if self.current else None
        self.draw()
        if key is not None:
            self.highlight(*key)

    def draw(self) -> None:  # pragma: no cover - every chart implements it
        raise NotImplementedError

    def names_width(self) -> float:
        """How wide the names beside horizontal bars may be: about a third of the chart."""
        return max(130.0 * self.scale, 0.34 * (self.width() if self.width() > 100 else 1000))

    def _plot_resized(self, *_args) -> None:
        if self.series is not None:
            self.draw()  # the names' width and the room for labels follow the plot's size

    def set_scale(self, scale: float) -> None:
        """Font scale: 1 beside the editors, larger full-screen on a projector (times the
        window's zoom and presentation mode, ``style.screen_factor``)."""
        if scale == self.base_scale and self.scale == scale * style.screen_factor():
            return
        self.base_scale = scale
        self.scale = scale * style.screen_factor()
        self.apply_style()
        self._title_html = None
        if self.series is not None:
            self.draw()

    def close(self) -> bool:
        # pyqtgraph empties the scene on close: a later palette or zoom change must not reach it.
        if not getattr(self, "closed", False):
            theme.notifier().changed.disconnect(self.restyle)
        return super().close()

    def restyle(self) -> None:
        """The palette or the zoom changed: colours and letters anew, then the figures."""
        before, now = self._colours, theme.current()
        self._colours = now
        self.setBackground(style.BACKGROUND)
        self.title.setAttr("color", style.INK)
        # Texts made with a colour of the old set (value labels, messages) take the new one's.
        names = ("chart_ink", "chart_muted", "chart_alert")
        recolour = {QColor(getattr(before, n)).name(): getattr(now, n) for n in names}
        for item in self.scene().items():
            if isinstance(item, pg.TextItem) and item.color.name() in recolour:
                item.setColor(recolour[item.color.name()])
        self.scale = self.base_scale * style.screen_factor()
        self.apply_style()
        self._title_html = None
        if self.series is not None:
            self.draw()
        self.legend.update()

    def apply_style(self) -> None:
        self.legend.set_scale(self.scale)

    # --- the mouse ------------------------------------------------------------------------------

    @property
    def hits(self) -> list[Hit]:
        """The bars the mouse can be on (made when first asked for after a draw)."""
        if self._hits is None:
            self._hits = self._hit_maker() if self._hit_maker is not None else []
        return self._hits

    @hits.setter
    def hits(self, hits: list[Hit]) -> None:
        self._hits = hits
        self._hit_maker = None

    def set_hits(self, maker) -> None:
        """The bars' hits will be made by ``maker()`` when first needed."""
        self._hits = None
        self._hit_maker = maker

    def hit_at(self, scene_pos: QPointF) -> Hit | None:
        for hit in reversed(self.hits):  # the last drawn is on top
            vb = hit.plot.vb
            if not vb.sceneBoundingRect().contains(scene_pos):
                continue
            point = vb.mapSceneToView(scene_pos)
            if hit.rect.normalized().contains(point):
                return hit
        return None

    def hit_for(self, kind: str, key) -> Hit | None:
        return next((h for h in self.hits if h.kind == kind and h.key == key), None)

    def highlight(self, kind: str, key) -> None:
        """Outline the bar(s) of ``kind``/``key`` (e.g. the row selected in an editor)."""
        hit = self.hit_for(kind, key) if kind else None
        self._set_current(hit)

    def _set_current(self, hit: Hit | None) -> None:
        old = self.current
        if old is not None and old.bars is not None and (hit is None or hit.bars is not old.bars):
            old.bars.highlight(None)
        self.current = hit
        if hit is not None and hit.bars is not None:
            hit.bars.highlight(hit.index)

    def _mouse_moved(self, scene_pos) -> None:
        hit = self.hit_at(scene_pos)
        before = (self.current.kind, self.current.key, self.current.index) if self.current else None
        self._set_current(hit)
        self.tooltip = hit.tip if hit else ""
        if hit is not None:
            where = self.viewport().mapToGlobal(self.mapFromScene(scene_pos))
            QToolTip.showText(where, hit.tip, self.viewport())
        else:
            QToolTip.hideText()
        now = (hit.kind, hit.key, hit.index) if hit else None
        if now != before:
            self.hovered.emit(hit.kind if hit else "", hit.key if hit else None)

    def _mouse_clicked(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        hit = self.hit_at(event.scenePos())
        if hit is not None and hit.kind:
            self.activated.emit(hit.kind, hit.key)

    def contextMenuEvent(self, event) -> None:  # noqa: N802 - Qt API
        self.menu_requested.emit(event.globalPos())
        event.accept()

    def leaveEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().leaveEvent(event)
        if self.current is not None:
            self._set_current(None)
            self.tooltip = ""
            self.hovered.emit("", None)


class _Title(pg.LabelItem):
    """The chart's title; one wider than the panel (large letters: a zoom, a projector) is cut
    at the right instead of pushing the plot out of sight (pyqtgraph makes a label's width its
    minimum)."""

    def updateMin(self) -> None:  # noqa: N802 - pyqtgraph API
        super().updateMin()
        height = self._sizeHint[Qt.SizeHint.MinimumSize][1]
        self._sizeHint[Qt.SizeHint.MinimumSize] = (0, height)
        self.setMinimumWidth(0)
        self.updateGeometry()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def escape(text: str) -> str:
    return _escape(text)

