"""The find bar (Edit > Find, Ctrl+F): a slim bar under the page, as in a web browser, that
finds the projects, actions, budget lines and groups, roles and people of the plan looked at
(:func:`app.services.search.search_plan`) and goes to them.

Typing searches after a short pause and shows the first hit while the focus stays in the
field, so the user can go on typing. Enter or F3 go to the next hit, Shift+Enter or Shift+F3
to the previous, round the end with a note in the status bar. Escape closes the bar and puts
the focus on the hit shown (its cell or field, ready to type in), or back where it was when
nothing was shown.
"""
from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QModelIndex, QPoint, Qt, QTimer
from PySide6.QtGui import QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSizePolicy,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.views import theme
from app.views.shell.navigation import Node

# The pause in typing after which the plan is searched.
TYPING_PAUSE_MS = 150
# How long the status bar says the search went round the end.
WRAP_MESSAGE_MS = 4000


class FindBar(QWidget):
    """The bar, put under the window's pages; hidden until Edit > Find."""

    def __init__(self, window) -> None:
        super().__init__()
        self.main_window = window  # not ``window``: QWidget.window() stays as Qt has it
        self.setObjectName("findBar")
        self.hits: list = []
        self.index = -1  # the hit shown, in ``hits``
        self._searched: tuple[str, int | None] | None = None  # (text, plan id) of ``hits``
        self._stale = False  # the file changed since: search again before moving on
        self._return_to: QWidget | None = None  # where the focus was before Ctrl+F
        self._hit_widget: QWidget | None = None  # the widget showing the hit

        self.field = QLineEdit()
        self.field.setObjectName("findField")
        self.field.setPlaceholderText(self.tr("Find in this plan…"))
        self.field.setAccessibleName(self.tr("Find in this plan"))
        self.field.setClearButtonEnabled(True)
        self.field.setMinimumWidth(260)
        self.field.setMaximumWidth(420)
        self.field.textEdited.connect(self._typed)
        self.field.installEventFilter(self)
        self._not_found = False

        self.count = QLabel()
        self.count.setObjectName("findCount")
        self.count.setMinimumWidth(self.fontMetrics().horizontalAdvance("0000 van 0000") + 8)
        self.where = QLabel()
        self.where.setObjectName("findWhere")
        self.where.setProperty("tone", "muted")
        self.where.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._where_text = ""

        self.previous_button = self._button(self.tr("Previous hit (Shift+F3)"), lambda: self.step(-1))
        self.previous_button.setArrowType(Qt.ArrowType.UpArrow)
        self.next_button = self._button(self.tr("Next hit (F3)"), lambda: self.step(1))
        self.next_button.setArrowType(Qt.ArrowType.DownArrow)
        self.close_button = self._button(self.tr("Close the find bar (Escape)"), self.close_bar)
        self.close_button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_TitleBarCloseButton))
        self.close_button.setAutoRaise(True)

        row = QHBoxLayout()
        row.setContentsMargins(8, 3, 4, 3)
        row.setSpacing(4)
        row.addWidget(self.field)
        row.addWidget(self.previous_button)
        row.addWidget(self.next_button)
        row.addWidget(self.count)
        row.addWidget(self.where, 1)
        row.addWidget(self.close_button)
        rule = QFrame()  # a line between the page and the bar, in the platform's colours
        rule.setFrameShape(QFrame.Shape.HLine)
        rule.setFrameShadow(QFrame.Shadow.Sunken)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(rule)
        layout.addLayout(row)

        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self.close_bar)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TYPING_PAUSE_MS)
        self._timer.timeout.connect(lambda: self._search(move=True))
        # After an edit the count follows, once the edit is done (the hit shown stays).
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(TYPING_PAUSE_MS)
        self._refresh_timer.timeout.connect(self._refresh)

        context = window.context
        context.changed.connect(self._file_changed)
        context.data_changed.connect(self._file_changed)
        context.workspace_changed.connect(self._file_changed)
        theme.notifier().changed.connect(self._paint_field)
        # Under the pages, as a browser's find bar sits under the page.
        window.pages.parentWidget().layout().addWidget(self)
        self.hide()

    def _button(self, tip: str, slot) -> QToolButton:
        button = QToolButton()
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a click keeps the focus in the field
        button.clicked.connect(slot)
        return button

    # --- opening and closing ---------------------------------------------------------------

    def open(self) -> None:
        """Show the bar with the focus in the field, its text selected (typing replaces it)."""
        focus = QApplication.focusWidget()
        if focus is not None and not self.isAncestorOf(focus):
            self._return_to = focus
        if not self.isVisible():
            self._hit_widget = None
            self.show()
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()
        if self.field.text().strip() and self._outdated():
            self._search(move=False)

    def close_bar(self) -> None:
        """Hide the bar; the focus goes to the hit shown, else back where it was."""
        self._timer.stop()
        self.hide()
        for widget in (self._hit_widget, self._return_to):
            if widget is not None and shiboken6.isValid(widget) and widget.isVisible():
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
                return
        self.main_window.tree.setFocus()

    # --- searching -------------------------------------------------------------------------

    def _typed(self, _text: str) -> None:
        self._timer.start()  # (again): the search waits for a pause in typing

    def _outdated(self) -> bool:
        return (self._stale or self._timer.isActive()
                or self._searched != (self.field.text(), self.main_window.current_plan_id))

    def _file_changed(self, *_args) -> None:
        self._stale = True
        if self.isVisible() and self.field.text().strip():
            self._refresh_timer.start()

    def _refresh(self) -> None:
        if self._stale and self.isVisible() and not self._timer.isActive():
            self._search(move=False)

    def _search(self, move: bool) -> bool:
        """Search the plan looked at for the field's text. The hit shown before stays the
        current one when it still matches (typing on refines); else the first. ``move``: show
        it. False when there is nothing to show."""
        self._timer.stop()
        text = self.field.text()
        plan_id = self.main_window.current_plan_id
        workspace = self.main_window.context.workspace
        shown = self.hits[self.index].key if 0 <= self.index < len(self.hits) else None
        self._searched, self._stale = (text, plan_id), False
        if not text.strip():
            self.hits, self.index = [], -1
            self._show_state("")
            return False
        if workspace is None or plan_id is None:
            self.hits, self.index = [], -1
            self._show_state(self.tr("Choose a plan in the tree first."))
            return False
        from app.services.search import search_plan  # the domain loads with the first file

        self.hits = search_plan(workspace, plan_id, text)
        keys = [h.key for h in self.hits]
        self.index = keys.index(shown) if shown in keys else (0 if self.hits else -1)
        if not self.hits:
            self._show_state(self.tr("Not found"), not_found=True)
            return False
        self._show_state()
        if move:
            self._go(self.hits[self.index])
        return True

    def step(self, delta: int) -> None:
        """The next (1) or previous (-1) hit, round the end (F3, Shift+F3, Enter)."""
        if not self.field.text().strip():
            self.open()  # F3 before anything was looked for: ask what
            return
        if self._outdated():
            # Typed but not searched yet, or another plan: show the first hit, as if the pause
            # had come. Only the file changed: search again and go on from the hit shown.
            query = (self.field.text(), self.main_window.current_plan_id)
            pending = self._timer.isActive() or self._searched != query
            if not self._search(move=pending) or pending:
                return
        count = len(self.hits)
        if not count:
            return
        target = self.index + delta
        if not 0 <= target < count:
            message = self.tr("Back at the beginning") if delta > 0 else self.tr("Back at the end")
            self.main_window.statusBar().showMessage(message, WRAP_MESSAGE_MS)
        self.index = target % count
        self._show_state()
        self._go(self.hits[self.index])

    # --- what the bar shows ----------------------------------------------------------------

    def _paint_field(self) -> None:
        """The field in the "needs attention" colour while nothing is found, else as usual
        (a palette with no role set inherits every colour, so it follows the theme)."""
        palette = QPalette()
        if self._not_found:
            palette.setColor(QPalette.ColorRole.Base, theme.colour("bad_bg"))
        self.field.setPalette(palette)

    def _show_state(self, message: str | None = None, not_found: bool = False) -> None:
        self._not_found = not_found
        self._paint_field()
        if message is not None:
            self.count.setText(message if not_found else "")
            self._set_where("" if not_found else message)
            return
        hit = self.hits[self.index]
        self.count.setText(self.tr("{n} of {m}").format(n=self.index + 1, m=len(self.hits)))
        self._set_where(f"{hit.label} — {hit.excerpt}" if hit.excerpt else hit.label)

    def _set_where(self, text: str) -> None:
        self._where_text = text
        self.where.setToolTip(text)
        self._elide()

    def _elide(self) -> None:
        width = max(0, self.where.width() - 4)
        self.where.setText(self.where.fontMetrics().elidedText(
            self._where_text, Qt.TextElideMode.ElideRight, width))

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._elide()

    def eventFilter(self, watched, event) -> bool:
        if (watched is self.field and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            self.step(-1 if shift else 1)
            return True
        return super().eventFilter(watched, event)

    # --- going to a hit --------------------------------------------------------------------

    def _go(self, hit) -> None:
        """Show ``hit`` on its page and select it. The focus stays in the field while the
        user types there; otherwise (F3 from a table) it goes to the hit."""
        keep = self.field.hasFocus()
        window = self.main_window
        if hit.kind in ("project", "action"):
            node = Node("project", hit.project_id, hit.plan_id)
        elif hit.kind in ("budget_line", "budget_group"):
            node = Node("budget", hit.plan_id, hit.plan_id)
        else:
            node = Node("staffing", hit.plan_id, hit.plan_id)
        if window.current_node != node:
            window.show_node(node)
        if window.current_node != node:  # deleted since the search
            self._stale = True
            return
        widget = self._select(window.current_editor(), hit)
        self._hit_widget = widget
        if keep and self.isVisible():
            self.field.setFocus(Qt.FocusReason.OtherFocusReason)  # opening a page may have taken it
        elif widget is not None:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def _select(self, editor, hit) -> QWidget | None:
        """Select the hit on ``editor`` (its row, or its field) and scroll it into view; the
        widget to type in."""
        if editor is None:
            return None
        if hit.kind == "project":
            return self._place_cursor(editor, hit)
        if hit.kind == "action":
            from app.views.projects.project_editor import DESCRIPTION, OWNER, REMARK

            column = {"owner": OWNER, "remark": REMARK}.get(hit.field, DESCRIPTION)
            rows = [a.id for a in editor.actions_model.actions]
            return _select_row(editor.actions_table, rows, hit.id, column)
        if hit.kind in ("budget_line", "budget_group"):
            from app.views.budget.budget_model import LABEL

            sheet = editor.model.sheet
            if sheet is None:
                return None
            row = (sheet.line_row if hit.kind == "budget_line" else sheet.group_row).get(hit.id)
            return _select_row(editor.table, None, row, LABEL)
        if hit.kind == "role":
            sheet = editor.roles_model.sheet
            rows = [r.id for r in sheet.roles] if sheet is not None else []
            return _select_row(editor.roles, rows, hit.id, editor.roles_model.ROLE)
        sheet = editor.people_model.sheet
        rows = [p.id for p in sheet.people] if sheet is not None else []
        return _select_row(editor.people, rows, hit.id, editor.people_model.NAME)


    def _place_cursor(self, editor, hit) -> QWidget:
        """The cursor at the word found in the project's title or description (no selection:
        a key typed there must not replace the word)."""
        from app.services.search import match_span

        if hit.field == "description":
            widget = editor.description
            span = match_span(widget.toPlainText(), self.field.text())
            if span is not None:
                cursor = widget.textCursor()
                cursor.setPosition(span[0])
                widget.setTextCursor(cursor)
                widget.ensureCursorVisible()
        else:
            widget = editor.edits["title"]
            span = match_span(widget.text(), self.field.text())
            widget.setCursorPosition(span[0] if span is not None else 0)
        _scroll_to(widget, widget.rect())
        return widget

    def focus_main(self) -> None:
        """F6 into the bar: the field (app.views.shell.focus_regions)."""
        self.field.setFocus(Qt.FocusReason.OtherFocusReason)
        self.field.selectAll()


def _select_row(table: QAbstractItemView, ids: list | None, wanted, column: int) -> QWidget:
    """Make the cell (row of ``wanted`` in ``ids``, or row ``wanted`` itself) current and
    scroll it into view, also within a page that scrolls as a whole."""
    row = wanted if ids is None else (ids.index(wanted) if wanted in ids else None)
    if row is None:
        return table
    index: QModelIndex = table.model().index(row, column)
    table.setCurrentIndex(index)
    table.scrollTo(index)
    _scroll_to(table.viewport(), table.visualRect(index))
    return table


def _scroll_to(widget: QWidget, rect) -> None:
    """Scroll the page's scroll area (if any) so ``rect`` of ``widget`` is in view."""
    area = widget.parentWidget()
    while area is not None and not isinstance(area, QScrollArea):
        area = area.parentWidget()
    if area is None or area.widget() is None:
        return
    top_left = widget.mapTo(area.widget(), rect.topLeft()) if widget is not area.widget() else rect.topLeft()
    centre = top_left + QPoint(rect.width() // 2, rect.height() // 2)
    area.ensureVisible(centre.x(), centre.y(), rect.width() // 2 + 20, rect.height() // 2 + 40)
