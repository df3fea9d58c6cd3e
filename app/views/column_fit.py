"""Tables that fit the page: one text column (a line's description, a municipality's name) gives
and takes the width that is left, so the figure columns are never cut off on a laptop screen or
pushed out by a dock; the table asks for the width its figure columns need and no more.

    elastic_column(view, column=0, least=180)

The column stretches (QHeaderView.Stretch) while there is room; the view's minimum width is
``least`` plus its other columns, capped at ``most`` (a table with many columns, as the staffing
matrix with many people, scrolls instead of widening the window). Where the table is narrower
than that, the column stays at ``least`` (Qt would squeeze a stretched column to a sliver) and
the other columns scroll beside it (frozen, app.views.frozen_columns).
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QAbstractItemView, QHeaderView

MOST_MINIMUM = 760  # pixels: what one table may demand of the page (a 1366 laptop, the tree, a dock)


class ElasticColumn(QObject):
    def __init__(self, view: QAbstractItemView, column: int, least: int, most: int) -> None:
        super().__init__(view)
        self.view, self.column, self.least, self.most = view, column, least, most
        header = view.horizontalHeader()
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        header.sectionResized.connect(self._on_resized)
        view.installEventFilter(self)  # a resized table: stretch, or hold at least
        model = view.model()
        for signal in (model.modelReset, model.columnsInserted, model.columnsRemoved, model.layoutChanged):
            signal.connect(self.fit)
        self.fit()

    def needed(self) -> int:
        """The width the table needs to show every column with the elastic one at its least."""
        others = self.others()
        chrome = 2 * self.view.frameWidth() + self.view.verticalScrollBar().sizeHint().width()
        if self.view.verticalHeader().isVisible():
            chrome += self.view.verticalHeader().width()
        return min(self.least + others, self.most) + chrome

    def others(self) -> int:
        header = self.view.horizontalHeader()
        return sum(header.sectionSize(c) for c in range(header.count())
                   if c != self.column and not header.isSectionHidden(c))

    def fit(self, *_args) -> None:
        self.view.setMinimumWidth(self.needed())
        self._mode()

    def _mode(self) -> None:
        header = self.view.horizontalHeader()
        if self.column >= header.count():
            return
        # (Set again each time: a restored header state may bring back an older mode.)
        stretched = header.sectionResizeMode(self.column) == QHeaderView.ResizeMode.Stretch
        if self.view.viewport().width() >= self.least + self.others():
            header.setSectionResizeMode(self.column, QHeaderView.ResizeMode.Stretch)
        elif stretched:  # from now on the user's to widen or narrow, while the table scrolls
            header.setSectionResizeMode(self.column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(self.column, self.least)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        if watched is self.view and event.type() == QEvent.Type.Resize:
            self._mode()
        return False

    def _on_resized(self, column: int, _old: int, _new: int) -> None:
        if column != self.column:  # another column widened or narrowed: the table asks anew
            self.fit()


def elastic_column(view: QAbstractItemView, column: int = 0, least: int = 180,
                   most: int = MOST_MINIMUM) -> ElasticColumn:
    return ElasticColumn(view, column, least, most)
