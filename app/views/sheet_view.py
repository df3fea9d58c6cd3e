"""A table that behaves like a spreadsheet, for every editor in Planbord.

Arrows, Tab/Shift+Tab and Enter move; typing starts editing and replaces the
cell; F2 edits in place; Escape cancels; Delete clears the selection; Ctrl+C
copies a rectangular selection as tab-separated text (Dutch amounts) and
Ctrl+V pastes such a block from Excel or LibreOffice.

The model does the work and the validation through a small protocol:

- ``set_texts([(row, column, text), ...]) -> str | None``: apply typed or
  pasted text as ONE undoable action, all cells or none; returns a Dutch
  message when refused (nothing written then).
- ``copy_text(index) -> str``: the text a cell copies as.
- optional ``rows_to_add(top, height) -> int``: how many rows of a block pasted at ``top``
  the model adds as new rows; they come to ``set_texts(cells, new_rows=..., after_row=...)``
  with the rest of the block, still as one action (the budget: new lines).
- optional ``copy_number(index) -> Decimal | None``: the number a cell stands for, so the
  HTML put on the clipboard beside the text gives Excel and LibreOffice numbers.

Refusals are shown in place: a tooltip at the cell and the ``message`` signal,
which the editor shows in its message bar.
"""
from __future__ import annotations

import csv
import html
import io
from decimal import Decimal

from PySide6.QtCore import (
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QGuiApplication, QKeySequence, QPainter, QPolygon
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QLineEdit,
    QStyledItemDelegate,
    QTableView,
    QToolTip,
    QWidget,
)

from app.views import theme

NOTE_ROLE = Qt.ItemDataRole.UserRole + 10  # a cell's toelichting, shown as a corner mark


class SheetDelegate(QStyledItemDelegate):
    """Plain line-edit editor; draws the note mark; lets the view seed the first key."""

    def __init__(self, view: SheetView) -> None:
        super().__init__(view)
        self.view = view

    def createEditor(self, parent, option, index):
        editor = QLineEdit(parent)
        editor.setFrame(False)
        alignment = index.data(Qt.ItemDataRole.TextAlignmentRole)
        if alignment is not None:
            editor.setAlignment(Qt.AlignmentFlag(int(alignment)))
        return editor

    def setEditorData(self, editor, index):
        # All text selected: a key that opened the editor replaces it, as in Excel.
        editor.setText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
        editor.selectAll()

    def setModelData(self, editor, model, index):
        # All writes go through the model's set_texts, which validates and makes one command.
        # Not here, while the view is committing this editor: a write that adds or removes a
        # row resets the model, which takes the editor away under the view's feet (Qt warns,
        # then crashes). The view writes it once the editor is closed (SheetView.closeEditor).
        text = editor.text()
        if text == str(index.data(Qt.ItemDataRole.EditRole) or ""):
            return
        self.view.write_after_edit(index, text)

    def paint(self, painter: QPainter, option, index) -> None:
        super().paint(painter, option, index)
        if index.row() == self.view.highlighted_row:
            # The row a chart's bar under the mouse stands for (ChartDock).
            painter.save()
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(theme.colour("row_highlight"))  # a translucent amber over the row
            painter.drawRect(option.rect)
            painter.restore()
        if index.data(NOTE_ROLE):
            rect: QRect = option.rect
            size = 7
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(theme.colour("note_mark"))
            painter.drawPolygon(QPolygon([rect.topRight() - QPoint(size, 0), rect.topRight(),
                                          rect.topRight() + QPoint(0, size)]))
            painter.restore()


ROW_HEIGHT = 26  # pixels at the system's font size; they grow with the zoom


_BASE_ROW_HEIGHT = "planbordBaseRowHeight"  # the property that marks a table as following the zoom


def row_height(view: QTableView, base: int = ROW_HEIGHT) -> int:
    """A row ``base`` pixels tall times the zoom, and never lower than a line of the view's font."""
    return max(round(base * theme.font_scale()), view.fontMetrics().height() + 8)


def rows_follow_font(view: QTableView, base: int = ROW_HEIGHT) -> None:
    """Rows ``base`` pixels tall at 100 %, growing with the zoom (``refit_rows``)."""
    view.setProperty(_BASE_ROW_HEIGHT, base)
    view.verticalHeader().setDefaultSectionSize(row_height(view, base))


def refit_rows() -> None:
    """After the application font changed (the zoom): every table's rows as tall as their
    letters need. (Walked once per zoom step, not a handler on every table's events.)"""
    for widget in QApplication.allWidgets():
        base = widget.property(_BASE_ROW_HEIGHT) if isinstance(widget, QTableView) else None
        if not base:
            continue
        height = row_height(widget, int(base))
        if height != widget.verticalHeader().defaultSectionSize():
            widget.verticalHeader().setDefaultSectionSize(height)
            if isinstance(widget, SheetView):
                widget.row_height_changed.emit()


class SheetView(QTableView):
    message = Signal(str)  # a Dutch message about the last action ("" clears it)
    row_height_changed = Signal()  # the font changed (the zoom): rows are taller or lower

    def set_highlighted_row(self, row: int | None) -> None:
        """Mark one row (or none) as the one pointed at elsewhere, e.g. a chart's bar."""
        if row == self.highlighted_row:
            return
        self.highlighted_row = row
        if row is not None:
            self.scrollTo(self.model().index(row, 0))
        self.viewport().update()
        if self.frozen is not None:
            self.frozen.update()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setItemDelegate(SheetDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        # Typing starts editing and the key goes to the editor (AnyKeyPressed); F2 edits in place.
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self._current_before_reset: tuple[int, int] | None = None
        self._pending_write: tuple[QPersistentModelIndex, str] | None = None
        self.highlighted_row: int | None = None
        self.setTabKeyNavigation(True)
        self.setWordWrap(False)
        self.setAlternatingRowColors(False)
        self.verticalHeader().setVisible(False)
        rows_follow_font(self)  # 26 pixels at 100 %, taller with the zoom
        self.horizontalHeader().setHighlightSections(False)

    # --- frozen columns: app/views/frozen_columns.py lays a view over the first columns ----

    frozen = None  # that module's FrozenColumns, once applied; it decides how to scroll

    def scrollTo(self, index, hint=QAbstractItemView.ScrollHint.EnsureVisible) -> None:  # noqa: N802 - Qt API
        # Going to a frozen column must not scroll sideways, going to another must not leave
        # it under the frozen ones.
        if self.frozen is None or not self.frozen.scroll_to(index, hint):
            super().scrollTo(index, hint)

    # --- keep the place when the model is rebuilt (a rename, a new line) -------------------

    def setModel(self, model) -> None:
        super().setModel(model)
        model.modelAboutToBeReset.connect(self._remember_current)
        model.modelReset.connect(self._restore_current)

    def _remember_current(self) -> None:
        index = self.currentIndex()
        self._current_before_reset = (index.row(), index.column()) if index.isValid() else None

    def _restore_current(self) -> None:
        if self._current_before_reset is None or self.model().rowCount() == 0:
            return
        row, column = self._current_before_reset
        row = min(row, self.model().rowCount() - 1)
        column = min(column, self.model().columnCount() - 1)
        self.setCurrentIndex(self.model().index(row, column))

    def restore_last(self) -> None:
        """Keep the place after any other view of this model has heard its reset: a view that
        shares our selection model (the frozen columns) clears the current cell in its reset,
        so ours must come after it."""
        model = self.model()
        model.modelReset.disconnect(self._restore_current)
        model.modelReset.connect(self._restore_current)

    # --- keys ----------------------------------------------------------------------------

    def keyPressEvent(self, event) -> None:
        if self.state() == QAbstractItemView.State.EditingState:
            super().keyPressEvent(event)
            return
        if event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            # Ctrl+Tab leaves the table (Tab moves between its cells): the next widget in the
            # Tab order, as QWidget would without the table's own Tab handling.
            backwards = event.key() == Qt.Key.Key_Backtab or bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            QWidget.focusNextPrevChild(self, not backwards)
            return
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
            return
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste()
            return
        key = event.key()
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not event.modifiers():
            self.clear_selection()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._move(1 if not event.modifiers() & Qt.KeyboardModifier.ShiftModifier else -1, 0)
            return
        text = event.text()
        plain = not (event.modifiers() & (Qt.KeyboardModifier.ControlModifier
                                          | Qt.KeyboardModifier.AltModifier
                                          | Qt.KeyboardModifier.MetaModifier))
        index = self.currentIndex()
        if plain and text and text.isprintable() and index.isValid() and not self._editable(index):
            self._refuse(index, self.tr("This cell is computed or read-only."))
            return
        super().keyPressEvent(event)  # a printable key opens the editor and is typed into it

    def write_after_edit(self, index: QModelIndex, text: str) -> None:
        """What an editor committed: written when the editor is closed (closeEditor), or on
        the next turn of the event loop if no close follows (never lost)."""
        self._pending_write = (QPersistentModelIndex(index), text)
        QTimer.singleShot(0, self._write_pending)

    def _write_pending(self) -> bool:
        """Write what the editor committed; False when it was refused (nothing written)."""
        pending, self._pending_write = self._pending_write, None
        if pending is None:
            return True
        index, text = pending
        if not index.isValid():
            return True
        here = self.currentIndex()
        at = (here.row(), here.column()) if here.isValid() else None
        written = self.apply_texts([(index.row(), index.column(), text)], anchor=QModelIndex(index))
        if at is not None and not self.currentIndex().isValid():
            # A reset the write caused may leave no current cell (a selection model clears it
            # after our restore): back to where the user was, so Enter and Tab can move on.
            self._current_before_reset = at
            self._restore_current()
        return written

    def closeEditor(self, editor, hint) -> None:
        # Enter commits and moves down, Tab commits and moves right, as in Excel;
        # the next cell is not opened for editing.
        Hint = QAbstractItemDelegate.EndEditHint
        super().closeEditor(editor, Hint.NoHint)
        if not self._write_pending():  # the editor is gone: now a write may reset the model
            return  # refused, as Excel does: the cursor stays on the cell the message is about
        if hint == Hint.SubmitModelCache:
            self._move(1, 0)
        elif hint == Hint.EditNextItem:
            self._move(0, 1)
        elif hint == Hint.EditPreviousItem:
            self._move(0, -1)

    def _move(self, rows: int, columns: int) -> None:
        index = self.currentIndex()
        if not index.isValid():
            return
        row = min(max(index.row() + rows, 0), self.model().rowCount() - 1)
        column = min(max(index.column() + columns, 0), self.model().columnCount() - 1)
        self.setCurrentIndex(self.model().index(row, column))

    def _editable(self, index: QModelIndex) -> bool:
        return bool(self.model().flags(index) & Qt.ItemFlag.ItemIsEditable)

    # --- actions -------------------------------------------------------------------------

    def apply_texts(self, cells: list[tuple[int, int, str]], anchor: QModelIndex | None = None) -> bool:
        error = self.model().set_texts(cells)
        if error:
            self._refuse(anchor if anchor is not None else self.currentIndex(), error)
            return False
        self.message.emit("")
        return True

    def selection_block(self) -> tuple[int, int, int, int] | None:
        """(top, left, bottom, right) of the one rectangular selection, or of the current cell."""
        ranges = self.selectionModel().selection()
        if len(ranges) > 1:
            return None
        if len(ranges) == 1:
            r = ranges[0]
            return r.top(), r.left(), r.bottom(), r.right()
        index = self.currentIndex()
        if not index.isValid():
            return None
        return index.row(), index.column(), index.row(), index.column()

    def copy_selection(self) -> str | None:
        block = self.selection_block()
        if block is None:
            self._refuse(self.currentIndex(), self.tr("Copy works on one rectangular selection."))
            return None
        top, left, bottom, right = block
        model = self.model()
        lines = ["\t".join(model.copy_text(model.index(row, column)) for column in range(left, right + 1))
                 for row in range(top, bottom + 1)]
        text = "\n".join(lines) + "\n"
        data = QMimeData()
        data.setText(text)
        data.setHtml(html_block(model, top, left, bottom, right))
        QGuiApplication.clipboard().setMimeData(data)
        self.message.emit("")
        return text

    def clear_selection(self) -> bool:
        model = self.model()
        cells = [(i.row(), i.column(), "") for i in self.selectionModel().selectedIndexes()
                 if self._editable(i)] or (
            [(self.currentIndex().row(), self.currentIndex().column(), "")]
            if self.currentIndex().isValid() and self._editable(self.currentIndex()) else [])
        if not cells:
            self._refuse(self.currentIndex(), self.tr("Nothing here can be cleared."))
            return False
        cells = [c for c in cells if str(model.index(c[0], c[1]).data(Qt.ItemDataRole.EditRole) or "")]
        if not cells:
            return True  # already empty: nothing to do, nothing to undo
        return self.apply_texts(cells)

    def paste(self, text: str | None = None) -> bool:
        if text is None:
            text = QGuiApplication.clipboard().text()
        block = parse_block(text)
        if not block:
            self._refuse(self.currentIndex(), self.tr("The clipboard is empty: copy cells first."))
            return False
        start = self.selection_block()
        if start is None:
            self._refuse(self.currentIndex(), self.tr("Paste into one rectangular selection."))
            return False
        top, left, bottom, right = start
        model = self.model()
        height, width = len(block), max(len(r) for r in block)
        if height == 1 and width == 1 and (bottom > top or right > left):
            # One value into a selection fills the selection, as in Excel.
            block = [[block[0][0]] * (right - left + 1) for _ in range(bottom - top + 1)]
            height, width = len(block), len(block[0])
        # Rows beyond the lines from ``top`` down that the model adds as new rows (the budget:
        # new lines); the others must fit over editable cells.
        grow = getattr(model, "rows_to_add", None)
        added = grow(top, height) if grow is not None and height > 1 else 0
        if top + height - added > model.rowCount() or left + width > model.columnCount():
            self._refuse(model.index(top, left), self.tr(
                "The pasted block ({rows} × {columns}) does not fit: from here there is room for "
                "{free_rows} × {free_columns}. Nothing was pasted.").format(
                rows=height, columns=width, free_rows=model.rowCount() - top,
                free_columns=model.columnCount() - left))
            return False
        cells = []
        for r, values in enumerate(block[:height - added]):
            for c, value in enumerate(values):
                index = model.index(top + r, left + c)
                if not self._editable(index):
                    self._refuse(index, self.tr(
                        "Cell {cell} is computed or read-only; nothing was pasted.").format(
                        cell=model.cell_name(index)))
                    return False
                cells.append((top + r, left + c, value))
        if added:
            new_rows = [[(left + c, value) for c, value in enumerate(values)]
                        for values in block[height - added:]]
            anchor = model.index(top, left)
            error = model.set_texts(cells, new_rows=new_rows, after_row=top + height - added - 1)
            if error:
                self._refuse(anchor, error)
                return False
            self.message.emit("")
            self.selectionModel().select(
                _range(model, top, left, min(top + height, model.rowCount()) - 1, left + width - 1),
                self.selectionModel().SelectionFlag.ClearAndSelect)
            return True
        ok = self.apply_texts(cells, anchor=model.index(top, left))
        if ok:
            selection = self.selectionModel()
            selection.select(
                _range(model, top, left, top + height - 1, left + width - 1),
                selection.SelectionFlag.ClearAndSelect)
        return ok

    def _refuse(self, index: QModelIndex, message: str) -> None:
        self.message.emit(message)
        if index is not None and index.isValid():
            rect = self.visualRect(index) if self.frozen is None else self.frozen.cell_rect(index)
            QToolTip.showText(self.viewport().mapToGlobal(rect.bottomLeft()), message, self)


def _range(model, top, left, bottom, right):
    from PySide6.QtCore import QItemSelection

    return QItemSelection(model.index(top, left), model.index(bottom, right))


def parse_block(text: str) -> list[list[str]]:
    """Tab-separated rows as Excel and LibreOffice put them on the clipboard.

    Quoted cells (with tabs or newlines inside) are honoured; the trailing
    newline Excel adds does not make an extra row.
    """
    if not text or not text.strip("\r\n"):
        return []
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.endswith("\n"):
        text = text[:-1]
    return [row for row in csv.reader(io.StringIO(text), delimiter="\t", quotechar='"')]


# Excel reads a cell's x:num (Office namespace) as its value whatever the text shows, and
# LibreOffice Calc reads sdval (its own HTML attribute) the same way; the text stays as the
# plan prints it (127.500), which a spreadsheet in another locale would misread (127,5).
_HTML_HEAD = ('<html xmlns:o="urn:schemas-microsoft-com:office:office" '
              'xmlns:x="urn:schemas-microsoft-com:office:excel">'
              '<head><meta charset="utf-8"></head><body><table>')


def html_block(model, top: int, left: int, bottom: int, right: int) -> str:
    """The block as an HTML table beside the tab-separated text: numbers as numbers (the
    model's optional ``copy_number``), everything else (markers, names) as text."""
    number_of = getattr(model, "copy_number", None)
    rows = []
    for row in range(top, bottom + 1):
        cells = []
        for column in range(left, right + 1):
            index = model.index(row, column)
            text = html.escape(model.copy_text(index))
            number = number_of(index) if number_of is not None else None
            if number is None:
                cells.append(f'<td x:str style="mso-number-format:\'\\@\'">{text}</td>' if text
                             else "<td></td>")
            else:
                plain = plain_number(number)
                cells.append(f'<td x:num="{plain}" sdval="{plain}" style="text-align:right">{text}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return _HTML_HEAD + "".join(rows) + "</table></body></html>"


def plain_number(number: Decimal) -> str:
    """127500, 127500.5, -3: the number as a spreadsheet reads it in any locale."""
    text = format(Decimal(number).normalize(), "f")
    return "0" if text in ("-0", "") else text
