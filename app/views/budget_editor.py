"""The Begroting page: the budget sheet above, the dekking and saldo below.

Structure actions (add, move, indent, delete, notes, fill right) live here as
QActions with shortcuts, each pushing one undo command through the services.
"""
from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHeaderView,
    QInputDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
    QHBoxLayout,
)

from app.services import budget_edit
from app.services.budget_sheet import RowKind
from app.services.edit_errors import EditError
from app.views.budget_model import FIRST_YEAR_COLUMN, LABEL, BudgetModel
from app.views.commands import (
    AddCommand,
    AddSourceCommand,
    delete_source_command,
    SetCellsCommand,
    cell_note_command,
    delete_command,
    execute,
    line_fields_command,
    move_command,
)
from app.views.funding_model import FundingModel
from app.views.sheet_view import SheetView


class PlanBanner(QWidget):
    """The yellow bar over an adopted plan, with the action that makes an amendment."""

    amend_requested = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("planBanner")
        self.label = QLabel()
        self.label.setObjectName("planBannerText")
        self.label.setWordWrap(True)
        self.button = QPushButton(self.tr("Make an amendment"))
        self.button.clicked.connect(self.amend_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet("#planBanner { background: #fff4c2; border-bottom: 1px solid #e0c860; }")

    def show_for(self, text: str) -> None:
        self.label.setText(text)
        self.show()


class MessageBar(QLabel):
    """One line under the toolbar with the last refusal, in red; empty when all is well."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBar")
        self.setWordWrap(True)
        self.setStyleSheet("#messageBar { color: #b00020; padding: 2px 8px; }")
        self.hide()

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))


def page_title(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("pageTitle")
    label.setWordWrap(True)
    label.setStyleSheet("#pageTitle { font-size: 13pt; font-weight: 600; color: #1f3a5f; "
                        "padding: 8px 8px 4px 8px; }")
    return label


def sheet_table(model, settings_key: str, context, widths: dict[int, int] | None = None) -> SheetView:
    """A SheetView over ``model`` whose column widths are remembered under ``settings_key``;
    ``widths`` are the first-time widths (column -> pixels, others 120)."""
    view = SheetView()
    view.setObjectName(settings_key)
    view.setModel(model)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(False)
    state = context.table_state(settings_key)
    if not (state and header.restoreState(QByteArray(state))):
        widths = widths or {}
        for column in range(model.columnCount()):
            header.resizeSection(column, widths.get(column, 460 if column == 0 else 120))
    header.sectionResized.connect(
        lambda *_: context.remember_table_state(settings_key, header.saveState()))
    return view


class BudgetEditor(QWidget):
    amend_requested = Signal()

    def __init__(self, context, plan_id: int, read_only_text: str = "", title: str = "",
                 parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.plan_id = plan_id
        self.title = page_title(self.tr("Budget — {plan}").format(plan=title))
        self.model = BudgetModel(context, plan_id, self)
        self.funding_model = FundingModel(context, plan_id, self)

        self.banner = PlanBanner()
        self.banner.amend_requested.connect(self.amend_requested)
        self.banner.setVisible(bool(read_only_text))
        if read_only_text:
            self.banner.show_for(read_only_text)
        self.messages = MessageBar()

        self.table = sheet_table(self.model, "budgetTable", context, {0: 460, 1: 70, 2: 90})
        self.funding_table = sheet_table(self.funding_model, "fundingTable", context)
        for view in (self.table, self.funding_table):
            view.message.connect(self.messages.show_message)

        self.toolbar = QToolBar()
        self._build_actions()
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.funding_table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.funding_table.customContextMenuRequested.connect(self._funding_menu)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        funding = QWidget()
        funding_layout = QVBoxLayout(funding)
        funding_layout.setContentsMargins(0, 6, 0, 0)
        title = QLabel(self.tr("Funding and balance"))
        title.setStyleSheet("font-weight: bold; padding-left: 4px;")
        funding_layout.addWidget(title)
        funding_layout.addWidget(self.funding_table)
        splitter.addWidget(funding)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.banner)
        layout.addWidget(self.title)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.messages)
        layout.addWidget(splitter, 1)
        self._fit_funding()
        self.funding_model.modelReset.connect(self._fit_funding)
        self._update_actions()
        self.table.selectionModel().currentChanged.connect(lambda *_: self._update_actions())
        self.model.modelReset.connect(self._update_actions)

    def _fit_funding(self) -> None:
        """The dekking table shows all its rows, saldo included: an imbalance is never scrolled away."""
        view = self.funding_table
        rows = self.funding_model.rowCount()
        height = view.horizontalHeader().height() + rows * view.verticalHeader().defaultSectionSize() + 4
        view.setMinimumHeight(min(height, 420))

    # --- actions ---------------------------------------------------------------------------

    def _build_actions(self) -> None:
        def action(text, slot, shortcut=None):
            a = QAction(text, self)
            if shortcut:
                a.setShortcut(QKeySequence(shortcut))
                a.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            a.triggered.connect(slot)
            self.addAction(a)
            self.toolbar.addAction(a)
            return a

        self.add_line_action = action(self.tr("New line"), self.add_line, "Ctrl+Return")
        self.add_group_action = action(self.tr("New group"), self.add_group, "Ctrl+Shift+Return")
        self.toolbar.addSeparator()
        self.up_action = action(self.tr("Up"), lambda: self.shift(-1), "Alt+Up")
        self.down_action = action(self.tr("Down"), lambda: self.shift(+1), "Alt+Down")
        self.indent_action = action(self.tr("Indent"), self.indent, "Alt+Right")
        self.outdent_action = action(self.tr("Outdent"), self.outdent, "Alt+Left")
        self.toolbar.addSeparator()
        self.note_action = action(self.tr("Note…"), self.edit_note, "Shift+F2")
        self.fill_right_action = action(self.tr("Fill right"), self.fill_right, "Ctrl+R")
        self.toolbar.addSeparator()
        self.delete_action = action(self.tr("Delete"), self.delete_item, "Ctrl+Delete")

    def _context_menu(self, position) -> None:
        menu = QMenu(self)
        for a in (self.add_line_action, self.add_group_action, None, self.up_action, self.down_action,
                  self.indent_action, self.outdent_action, None, self.note_action,
                  self.fill_right_action, None, self.delete_action):
            menu.addSeparator() if a is None else menu.addAction(a)
        menu.exec(self.table.viewport().mapToGlobal(position))

    def _funding_menu(self, position) -> None:
        if self.funding_model.read_only:
            return
        menu = QMenu(self)
        menu.addAction(self.tr("New funding source"), self.add_source)
        index = self.funding_table.indexAt(position)
        if index.isValid() and index.row() < len(self.funding_model.sheet.sources):
            source = self.funding_model.sheet.sources[index.row()]
            menu.addAction(self.tr("Delete funding source “{name}”").format(name=source.name),
                           lambda: self.delete_source(source.id, source.name))
        menu.exec(self.funding_table.viewport().mapToGlobal(position))

    def add_source(self) -> None:
        index = self.funding_table.currentIndex()
        sources = len(self.funding_model.sheet.sources)
        at = index.row() + 1 if index.isValid() and index.row() < sources else None
        self._run(AddSourceCommand(self.context, self.plan_id, at, self.tr("New funding source"),
                                   self.tr("New funding source")))

    def delete_source(self, source_id: int, name: str) -> None:
        self._run(delete_source_command(self.context, self.plan_id, source_id,
                                        self.tr("Delete funding {name}").format(name=name)))

    def _current_row(self):
        index = self.table.currentIndex()
        if not index.isValid() or self.model.sheet is None:
            return None
        return self.model.sheet.rows[index.row()]

    def _item(self):
        """(kind, id) of the group or line under the cursor; subtotals count as their group."""
        row = self._current_row()
        if row is None or row.kind is RowKind.TOTAL:
            return None
        return ("line" if row.kind is RowKind.LINE else "group"), row.id

    def _update_actions(self) -> None:
        editable = not self.model.read_only
        item = self._item()
        for a in (self.up_action, self.down_action, self.indent_action, self.outdent_action,
                  self.delete_action):
            a.setEnabled(editable and item is not None)
        row = self._current_row()
        line = row is not None and row.kind is RowKind.LINE
        self.note_action.setEnabled(editable and line)
        self.fill_right_action.setEnabled(editable and line)
        self.add_line_action.setEnabled(editable)
        self.add_group_action.setEnabled(editable)

    def _run(self, command) -> bool:
        message = execute(self.context, command)
        self.messages.show_message(message or "")
        return message is None

    def _select(self, kind: str, item_id: int, column: int = LABEL) -> None:
        sheet = self.model.sheet
        row = (sheet.line_row if kind == "line" else sheet.group_row).get(item_id)
        if row is not None:
            self.table.setCurrentIndex(self.model.index(row, column))

    def add_line(self) -> None:
        row = self._current_row()
        workspace = self.context.workspace
        if row is None or row.kind is RowKind.TOTAL:
            groups = [r for r in self.model.sheet.rows if r.kind is RowKind.GROUP]
            if not groups:
                self.messages.show_message(self.tr("Add a group first."))
                return
            group_id, index = groups[-1].id, None
        elif row.kind is RowKind.LINE:
            group_id, index = row.parent_id, budget_edit.place_of(workspace, "line", row.id).index + 1
        else:
            group_id, index = row.id, None
        command = AddCommand(self.context, self.plan_id, self.tr("New line"),
                             lambda: budget_edit.add_line(workspace, group_id, index,
                                                          self.tr("New line")), "line")
        if self._run(command):
            self._select("line", command.new_id)

    def add_group(self) -> None:
        row = self._current_row()
        workspace = self.context.workspace
        parent_id, index = None, None
        if row is not None and row.kind in (RowKind.GROUP, RowKind.SUBTOTAL):
            parent_id = row.parent_id
            index = budget_edit.place_of(workspace, "group", row.id).index + 1
        command = AddCommand(self.context, self.plan_id, self.tr("New group"),
                             lambda: budget_edit.add_group(workspace, self.plan_id, parent_id, index,
                                                           self.tr("New group")), "group")
        if self._run(command):
            self._select("group", command.new_id)

    def _move(self, target_of, text: str) -> None:
        item = self._item()
        if item is None:
            return
        kind, item_id = item
        column = self.table.currentIndex().column()
        target = target_of(self.context.workspace, kind, item_id)
        if target is None:
            self.messages.show_message(self.tr("It cannot go further that way."))
            return
        if self._run(move_command(self.context, self.plan_id, kind, item_id, target, text)):
            self._select(kind, item_id, column)

    def shift(self, step: int) -> None:
        self._move(lambda ws, k, i: budget_edit.shifted(ws, k, i, step),
                   self.tr("Move up") if step < 0 else self.tr("Move down"))

    def indent(self) -> None:
        self._move(budget_edit.indented, self.tr("Indent"))

    def outdent(self) -> None:
        self._move(budget_edit.outdented, self.tr("Outdent"))

    def delete_item(self) -> None:
        item = self._item()
        if item is None:
            return
        kind, item_id = item
        row = self._current_row()
        if kind == "group":
            answer = QMessageBox.question(
                self, self.tr("Delete group"),
                self.tr("Delete the group '{name}' with all its lines and subgroups?").format(
                    name=row.label.removeprefix("Subtotaal ")))
            if answer != QMessageBox.StandardButton.Yes:
                return
        text = self.tr("Delete {name}").format(name=row.label)
        self._run(delete_command(self.context, self.plan_id, kind, item_id, text))

    def edit_note(self) -> None:
        row = self._current_row()
        index = self.table.currentIndex()
        if row is None or row.kind is not RowKind.LINE:
            return
        if index.column() >= FIRST_YEAR_COLUMN:
            year = self.model.years[index.column() - FIRST_YEAR_COLUMN]
            old = row.cell_notes.get(year, "")
            text, ok = QInputDialog.getMultiLineText(
                self, self.tr("Note"), self.tr("Note on {line}, {year}:").format(line=row.label, year=year), old)
            if ok and text.strip() != old:
                self._run(cell_note_command(self.context, self.plan_id, row.id, year, text))
        else:
            text, ok = QInputDialog.getMultiLineText(
                self, self.tr("Note"), self.tr("Note on {line}:").format(line=row.label), row.note)
            if ok and text.strip() != row.note:
                self._run(line_fields_command(self.context, self.plan_id, row.id,
                                              self.tr("Change note"), note=text.strip()))

    def fill_right(self) -> None:
        index = self.table.currentIndex()
        block = self.table.selection_block()
        if not index.isValid() or block is None or index.column() < FIRST_YEAR_COLUMN:
            self.messages.show_message(self.tr("Select a year cell of a line to fill right from."))
            return
        top, left, bottom, _ = block
        year = self.model.years[max(left, FIRST_YEAR_COLUMN) - FIRST_YEAR_COLUMN]
        sheet = self.model.sheet
        line_ids = [sheet.rows[r].id for r in range(top, bottom + 1) if sheet.rows[r].kind is RowKind.LINE]
        try:
            changes = budget_edit.fill_right_changes(self.context.workspace, line_ids, year)
        except EditError as exc:
            self.messages.show_message(exc.message)
            return
        self._run(SetCellsCommand(self.context, self.plan_id, changes,
                                  self.tr("Fill right from {year}").format(year=year)))
