"""Frozen columns: the first columns of a SheetView stay put while the others scroll
sideways, as Excel's Freeze Panes (after Qt's "Frozen Column" example).

    freeze_columns(view, 1)

A second table view (the overlay) lies over the left part of the SheetView. It shares the
view's model and selection model and paints with a SheetDelegate of its own, so its cells look
the same (selection, note mark, a chart's highlighted row); it shows only the frozen columns,
never scrolls sideways and follows the view's vertical scroll. A thin line marks its right edge.

The overlay never takes the focus and does nothing by itself: a press, drag, double-click,
wheel or context menu on it goes to the SheetView as if made on the frozen cell there (that
column lies scrolled out of sight on the left), so selecting, editing, copying and pasting stay
the SheetView's own, across the frozen edge as before. An editor the SheetView opens on a frozen
cell is put over the overlay, where the cell is seen. The SheetView's scrollTo asks this module
how to scroll (``SheetView.frozen``): going to a frozen column never scrolls sideways, going to
another column scrolls it clear of the overlay.

When the table is too narrow to show the frozen columns and its widest other column beside
them, the overlay steps aside and the table scrolls as a whole.

Screen readers: Qt has no way to hide a widget from them, so the overlay is named after the
table ("Begroting — vaste kolommen") and described as a copy; the keyboard stays in the table.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, QPointF, QRect, Qt, QTimer
from PySide6.QtGui import QMouseEvent, QPainter
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QStyle,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from shiboken6 import isValid

from app.views import theme
from app.views.sheet_view import SheetDelegate, SheetView

LINE_WIDTH = 2  # pixels: the line at the frozen columns' right edge

_MOUSE = (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick,
          QEvent.Type.MouseMove, QEvent.Type.MouseButtonRelease)


def freeze_columns(view: SheetView, count: int) -> FrozenColumns:
    """Keep the first ``count`` columns of ``view`` in sight while the others scroll."""
    return FrozenColumns(view, count)


class _OverlayDelegate(SheetDelegate):
    """Paints a frozen cell as the SheetView paints it, with the focus frame on its current cell
    when the SheetView has the focus (the overlay never has)."""

    def initStyleOption(self, option, index) -> None:  # noqa: N802 - Qt API
        super().initStyleOption(option, index)
        if self.view.hasFocus() and index == self.view.currentIndex():
            option.state |= QStyle.StateFlag.State_HasFocus


class _ViewDelegate(SheetDelegate):
    """The SheetView's delegate: an editor of a frozen cell is opened over the overlay (the
    SheetView's own cell lies under it, or scrolled out of sight)."""

    def __init__(self, view: SheetView, frozen: FrozenColumns) -> None:
        super().__init__(view)
        self.frozen = frozen

    def createEditor(self, parent, option, index):  # noqa: N802 - Qt API
        if self.frozen.shows(index):
            parent = self.frozen.overlay.viewport()
        return super().createEditor(parent, option, index)

    def updateEditorGeometry(self, editor, option, index) -> None:  # noqa: N802 - Qt API
        if editor.parentWidget() is self.frozen.overlay.viewport():
            option = QStyleOptionViewItem(option)
            option.rect = self.frozen.overlay.visualRect(index)
        super().updateEditorGeometry(editor, option, index)


class _Overlay(QTableView):
    """The frozen columns, shown over the SheetView; it shows and never acts."""

    def __init__(self, view: SheetView) -> None:
        super().__init__(view)
        self.setObjectName(f"{view.objectName()}Frozen")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAutoScroll(False)  # the SheetView scrolls; this one follows it
        self.setTabKeyNavigation(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(view.verticalScrollMode())
        self.setSelectionMode(view.selectionMode())
        self.setSelectionBehavior(view.selectionBehavior())
        self.setWordWrap(view.wordWrap())
        self.setTextElideMode(view.textElideMode())
        self.setShowGrid(view.showGrid())
        self.setGridStyle(view.gridStyle())
        self.setAlternatingRowColors(view.alternatingRowColors())
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)  # the SheetView's menu
        self.verticalHeader().setVisible(False)
        self.setModel(view.model())
        self.setSelectionModel(view.selectionModel())
        view.restore_last()  # our reset clears the shared current cell: the SheetView's comes after
        self.setItemDelegate(_OverlayDelegate(view))
        header, theirs = self.horizontalHeader(), view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setHighlightSections(theirs.highlightSections())
        header.setTextElideMode(theirs.textElideMode())
        header.setDefaultAlignment(theirs.defaultAlignment())
        header.setSectionsClickable(theirs.sectionsClickable())
        header.setMinimumSectionSize(theirs.minimumSectionSize())
        header.setFocusPolicy(Qt.FocusPolicy.NoFocus)


class _Line(QWidget):
    """The line at the right edge of the frozen columns; the mouse goes through it (to the
    header's resize handle)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt API
        QPainter(self).fillRect(self.rect(), theme.colour("grey"))


class FrozenColumns(QObject):
    """The overlay over the first ``count`` columns of ``view`` and what keeps it in step."""

    def __init__(self, view: SheetView, count: int) -> None:
        super().__init__(view)
        self.view, self.count = view, count
        self.width = 0  # of the frozen columns, in pixels
        self.active = False  # shown (there is room for it)
        self._following = False  # the overlay's scroll bar is being set from the view's
        self._relayout_due = False
        self._copying = False  # the overlay's column is being set from the view's
        # Pixel by pixel, so the last column can scroll fully into sight beside the overlay.
        view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.overlay = _Overlay(view)
        self.line = _Line(view)
        self.overlay.hide()  # until relayout finds room for it
        self.line.hide()
        old = view.itemDelegate()
        view.setItemDelegate(_ViewDelegate(view, self))
        old.deleteLater()
        view.frozen = self

        header, theirs = self.overlay.horizontalHeader(), view.horizontalHeader()
        theirs.sectionResized.connect(self._view_column_resized)
        theirs.geometriesChanged.connect(self._schedule_relayout)
        header.sectionResized.connect(self._overlay_column_resized)
        header.sectionPressed.connect(self._heading_pressed)
        view.verticalHeader().sectionResized.connect(self._view_row_resized)
        view.row_height_changed.connect(self._follow_rows)  # the zoom
        view.verticalScrollBar().valueChanged.connect(self._follow_scroll)
        bar = self.overlay.verticalScrollBar()
        bar.valueChanged.connect(self._lead_scroll)
        bar.rangeChanged.connect(self._follow_view_scroll)
        model = view.model()
        for signal in (model.modelReset, model.layoutChanged, model.columnsInserted,
                       model.columnsRemoved):
            signal.connect(self._columns_changed)

        view.installEventFilter(self)
        view.viewport().installEventFilter(self)
        theirs.installEventFilter(self)
        self.overlay.viewport().installEventFilter(self)
        self._follow_rows()
        self._columns_changed()
        self._name()

    # --- what the SheetView asks (see its "frozen columns" hooks) ---------------------------

    def shows(self, index) -> bool:
        """Whether ``index``'s cell is seen on the overlay."""
        return self.active and index.isValid() and index.column() < self.count

    def scroll_to(self, index, hint) -> bool:
        """Scroll the view to ``index`` so its cell is seen; False when the view should as usual."""
        if not self.active or not index.isValid():
            return False
        view, bar = self.view, self.view.horizontalScrollBar()
        if index.column() < self.count:
            # The frozen cell is always in sight sideways: only the rows scroll.
            before = bar.value()
            QTableView.scrollTo(view, index, hint)
            bar.setValue(before)
            return True
        QTableView.scrollTo(view, index, hint)
        left = view.columnViewportPosition(index.column())
        if left < self.width:  # under the overlay: scroll it clear
            bar.setValue(bar.value() - (self.width - left))
        return True

    def cell_rect(self, index) -> QRect:
        """Where ``index``'s cell is seen, in the view's viewport coordinates."""
        if not self.shows(index):
            return self.view.visualRect(index)
        rect = self.overlay.visualRect(index)
        return rect.translated(self._overlay_to_view(QPoint(0, 0)))

    def update(self) -> None:
        """Repaint the frozen cells (the view repaints its own)."""
        self.overlay.viewport().update()

    # --- keeping in step -----------------------------------------------------------------

    def relayout(self) -> None:
        """Show the overlay over the frozen columns when there is room beside it for the
        widest other column; else take it away (the table scrolls as a whole)."""
        self._relayout_due = False
        view = self.view
        columns = view.model().columnCount()
        widest = max((view.columnWidth(c) for c in range(self.count, columns)
                      if not view.isColumnHidden(c)), default=0)
        self._place()
        active = self.width > 0 and view.viewport().width() - self.width >= widest
        if active != self.active:
            # An editor of a frozen cell would stay where the cell no longer shows.
            self._end_editing()
            self.active = active
            self.overlay.setVisible(active)
            self.line.setVisible(active)
        if active:
            self.overlay.raise_()
            self.line.raise_()
            self._follow_view_scroll()  # the overlay's rows start where the view's do

    def _end_editing(self) -> None:
        """Commit and close an open editor, as when it loses the focus."""
        delegate = self.view.itemDelegate()
        for viewport in (self.overlay.viewport(), self.view.viewport()):
            for editor in viewport.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
                delegate.commitData.emit(editor)
                delegate.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def _schedule_relayout(self, *_) -> None:
        # After the event at hand: a header telling of a resize must not be asked for its sizes
        # (it would lay itself out again, inside its own layout).
        if not self._relayout_due:
            self._relayout_due = True
            QTimer.singleShot(0, self, self.relayout)

    def _place(self) -> None:
        """Lay the overlay (and its line) over the frozen columns, as wide as its own columns."""
        view, overlay = self.view, self.overlay
        frozen = range(min(self.count, overlay.model().columnCount()))
        self.width = sum(overlay.columnWidth(c) for c in frozen)  # a hidden column counts 0
        viewport = view.viewport().geometry()
        header = view.horizontalHeader()
        top = viewport.top() if header.isHidden() else header.geometry().top()
        overlay.horizontalHeader().setVisible(not header.isHidden())
        overlay.horizontalHeader().setFixedHeight(header.height())  # equal rows beneath
        height = viewport.bottom() + 1 - top
        overlay.setGeometry(viewport.left(), top, self.width, height)
        self.line.setGeometry(viewport.left() + self.width - LINE_WIDTH // 2, top, LINE_WIDTH, height)

    def _columns_changed(self, *_) -> None:
        view, overlay = self.view, self.overlay
        for column in range(view.model().columnCount()):
            hidden = column >= self.count or view.isColumnHidden(column)
            overlay.setColumnHidden(column, hidden)
            if not hidden:
                self._copy_column(column, view.columnWidth(column))
        self.relayout()

    def _copy_column(self, column: int, width: int) -> None:
        """The overlay's column as wide as the view's; resizable in its header as in the view's."""
        mode = self.view.horizontalHeader().sectionResizeMode(column)
        header = self.overlay.horizontalHeader()
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive
                                    if mode == QHeaderView.ResizeMode.Interactive
                                    else QHeaderView.ResizeMode.Fixed)
        self._copying = True  # not told back to the view
        try:
            header.resizeSection(column, width)
        finally:
            self._copying = False

    def _view_column_resized(self, column: int, _old: int, new: int) -> None:
        # ``new``, not columnWidth: a stretched column tells before its header has the new
        # size. A hidden column tells 0, and is as good as hidden on the overlay.
        if column < self.count:
            self._copy_column(column, new)
            self._place()
        self._schedule_relayout()  # also for another column: the room beside the overlay

    def _overlay_column_resized(self, column: int, _old: int, new: int) -> None:
        if not self._copying and column < self.count and new > 0:
            self.view.setColumnWidth(column, new)  # the user dragged the overlay's heading

    def _heading_pressed(self, _column: int) -> None:
        self.view.setFocus(Qt.FocusReason.MouseFocusReason)  # the overlay selected the column

    def _view_row_resized(self, row: int, _old: int, new: int) -> None:
        self.overlay.setRowHeight(row, new)

    def _follow_rows(self) -> None:
        self.overlay.verticalHeader().setDefaultSectionSize(
            self.view.verticalHeader().defaultSectionSize())

    def _follow_view_scroll(self, *_) -> None:
        self._follow_scroll(self.view.verticalScrollBar().value())

    def _follow_scroll(self, value: int) -> None:
        self._following = True
        try:
            self.overlay.verticalScrollBar().setValue(value)
        finally:
            self._following = False
        # An editor over the overlay moves with the overlay's rows, which have only now moved.
        self.view.updateEditorGeometries()

    def _lead_scroll(self, value: int) -> None:
        # Not while following: a bar whose range is not yet updated clamps, and must not
        # pull the view back with it (rangeChanged sets it again).
        if not self._following:
            self.view.verticalScrollBar().setValue(value)

    def _name(self) -> None:
        """Name the overlay after the table (which is named after this module is applied)."""
        translate = QCoreApplication.translate
        name = self.view.accessibleName() or self.view.objectName()
        self.overlay.setAccessibleName(
            translate("FrozenColumns", "{table} — frozen columns").format(table=name))
        self.overlay.setAccessibleDescription(translate(
            "FrozenColumns", "A copy of the table's first columns, kept in sight while the "
            "others scroll; the keyboard works in the table itself"))

    # --- events --------------------------------------------------------------------------

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        if not (isValid(self.view) and isValid(self.overlay)):
            return False  # the table is being taken down: its parts are going
        kind = event.type()
        if watched is self.overlay.viewport():
            return self._from_overlay(event)
        if watched is self.view:
            if kind in (QEvent.Type.FocusIn, QEvent.Type.FocusOut):
                self.update()  # the focus frame on the current frozen cell
            elif kind == QEvent.Type.Show:
                self._name()
                self._schedule_relayout()
        elif kind in (QEvent.Type.Resize, QEvent.Type.Move, QEvent.Type.Show, QEvent.Type.Hide):
            self._place()  # the view's viewport or header moved or changed size
            self._schedule_relayout()
        return False

    def _from_overlay(self, event) -> bool:
        """Mouse and wheel on the overlay go to the view; True when handled here."""
        kind = event.type()
        view = self.view
        if kind == QEvent.Type.Wheel:
            QCoreApplication.sendEvent(view.viewport(), event)
            return True
        if kind == QEvent.Type.ContextMenu:
            # At the same place on screen: the overlay's and the view's viewports coincide.
            QCoreApplication.sendEvent(view.viewport(), event)
            return True
        if kind not in _MOUSE:
            return False  # hover, tooltips and painting are the overlay's own
        if kind == QEvent.Type.MouseMove and event.buttons() == Qt.MouseButton.NoButton:
            return False
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick):
            view.setFocus(Qt.FocusReason.MouseFocusReason)  # the view does all the typing
        point = event.position().toPoint()
        over_frozen = point.x() < self.width
        forwarded = QMouseEvent(kind, QPointF(self._view_position(point)), event.globalPosition(),
                                event.button(), event.buttons(), event.modifiers())
        if kind == QEvent.Type.MouseMove and over_frozen:
            # The view would scroll by the pointer's place on its own viewport, which over the
            # overlay is another column's: it scrolls to the frozen cell reached instead.
            scrolls = view.hasAutoScroll()
            view.setAutoScroll(False)
            try:
                QCoreApplication.sendEvent(view.viewport(), forwarded)
            finally:
                view.setAutoScroll(scrolls)
            view.scrollTo(view.currentIndex())
        else:
            QCoreApplication.sendEvent(view.viewport(), forwarded)
        return True

    def _overlay_to_view(self, point: QPoint) -> QPoint:
        """A point of the overlay's viewport in the view's viewport coordinates."""
        return self.view.viewport().mapFrom(self.view, self.overlay.viewport().mapTo(self.view, point))

    def _view_position(self, point: QPoint) -> QPoint:
        """Where a point of the overlay is in the view's cells: over a frozen column, on that
        column in the view (scrolled out of sight on the left); beyond, where it is."""
        mapped = self._overlay_to_view(point)
        if point.x() < self.width:
            mapped.setX(mapped.x() - self.view.horizontalHeader().offset())
        return mapped
