"""The Begroting page: the budget sheet above, the dekking and saldo below.

Structure actions (add, move, indent, delete, notes, fill right) live here as
QActions with shortcuts, each pushing one undo command through the services.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QInputDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.services import budget_edit
from app.services.budget_sheet import RowKind
from app.services.edit_errors import EditError
from app.views.budget.budget_model import FIRST_YEAR_COLUMN, LABEL, BudgetModel
from app.views.commands import (
    AddCommand,
    AddSourceCommand,
    delete_source_command,
    SetCellsCommand,
    cell_note_command,
    delete_command,
    line_fields_command,
    move_command,
)
from app.views.editor_parts import PlanPage, accessible, fit_rows, name_from_label, sheet_table
from app.views.frozen_columns import freeze_columns
from app.views.budget.funding_model import FundingModel


class BudgetEditor(PlanPage):
    def __init__(self, context, plan_id: int, read_only_text: str = "", title: str = "",
                 parent=None) -> None:
        super().__init__(context, plan_id, QCoreApplication.translate("BudgetEditor", "Budget — {plan}").format(plan=title),
                         read_only_text, parent)
        self.model = BudgetModel(context, plan_id, self)
        self.funding_model = FundingModel(context, plan_id, self)

        self.table = sheet_table(self.model, "budgetTable", context, {0: 460, 1: 70, 2: 90})
        self.funding_table = sheet_table(self.funding_model, "fundingSources", context, {0: 300, 1: 110, 2: 210})
        for view in (self.table, self.funding_table):
            view.message.connect(self.messages.show_message)
        accessible(self.table, self.tr("Budget"), self.tr(
            "Lines per year; type an amount, PM, id. or ongoing"))
        freeze_columns(self.table, LABEL + 1)  # the description stays while the years scroll
        freeze_columns(self.funding_table, 1)  # the source's name, likewise

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
        name_from_label(title, self.funding_table, self.tr(
            "Funding sources per year, then the total funding, the total budget and the balance; "
            "type an amount"))
        funding_layout.addWidget(title)
        funding_layout.addWidget(self.funding_table)
        splitter.addWidget(funding)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)

        layout = self.layout()
        layout.addWidget(self.toolbar)
        layout.addWidget(self.messages)
        layout.addWidget(splitter, 1)
        fit_rows(self.funding_table, most=16)
        self._update_actions()
        self.table.selectionModel().currentChanged.connect(lambda *_: self._update_actions())
        self.model.modelReset.connect(self._update_actions)

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

        self.add_line_action = action(self.tr("New &line"), self.add_line, "Ctrl+Return")
        self.add_group_action = action(self.tr("New &group"), self.add_group, "Ctrl+Shift+Return")
        self.toolbar.addSeparator()
        self.up_action = action(self.tr("&Up"), lambda: self.shift(-1), "Alt+Up")
        self.down_action = action(self.tr("&Down"), lambda: self.shift(+1), "Alt+Down")
        self.indent_action = action(self.tr("&Indent"), self.indent, "Alt+Right")
        self.outdent_action = action(self.tr("&Outdent"), self.outdent, "Alt+Left")
        self.toolbar.addSeparator()
        self.note_action = action(self.tr("&Note…"), self.edit_note, "Shift+F2")
        self.fill_right_action = action(self.tr("Fill &right"), self.fill_right, "Ctrl+R")
        self.toolbar.addSeparator()
        self.delete_action = action(self.tr("D&elete"), self.delete_item, "Ctrl+Delete")

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
        self.run(AddSourceCommand(self.context, self.plan_id, at, self.tr("New funding source"),
                                   self.tr("New funding source")))

    def delete_source(self, source_id: int, name: str) -> None:
        self.run(delete_source_command(self.context, self.plan_id, source_id,
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

    def focus_main(self) -> None:
        """The keyboard in the budget table once the page is shown (the window asks)."""
        self.table.setFocus()

    def chart_target(self, kind: str, key):
        """(table, row) a chart's bar stands for on this page, or None (see ChartDock)."""
        if kind == "budget_group" and self.model.sheet is not None:
            row = self.model.sheet.group_row.get(key)
            return None if row is None else (self.table, row)
        return None

    def _select(self, kind: str, item_id: int, column: int = LABEL) -> None:
        sheet = self.model.sheet
        row = (sheet.line_row if kind == "line" else sheet.group_row).get(item_id)
        if row is not None:
            self.table.setCurrentIndex(self.model.index(row, column))

    def add_line(self) -> None:
        row = self._current_row()
        workspace = self.context.workspace
        if row is None or row.kind is RowKind.TOTAL:
            group_id, index = self.model.sheet.last_group(), None
            if group_id is None:
                self.messages.show_message(self.tr("Add a group first."))
                return
        elif row.kind is RowKind.LINE:
            group_id, index = row.parent_id, budget_edit.place_of(workspace, "line", row.id).index + 1
        else:
            group_id, index = row.id, None
        command = AddCommand(self.context, self.plan_id, self.tr("New line"),
                             lambda: budget_edit.add_line(workspace, group_id, index,
                                                          self.tr("New line")), "line")
        if self.run(command):
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
        if self.run(command):
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
        if self.run(move_command(self.context, self.plan_id, kind, item_id, target, text)):
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
        self.run(delete_command(self.context, self.plan_id, kind, item_id, text))

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
                self.run(cell_note_command(self.context, self.plan_id, row.id, year, text, old))
        else:
            text, ok = QInputDialog.getMultiLineText(
                self, self.tr("Note"), self.tr("Note on {line}:").format(line=row.label), row.note)
            if ok and text.strip() != row.note:
                self.run(line_fields_command(self.context, self.plan_id, row.id,
                                              self.tr("Change note"), {"note": row.note}, note=text.strip()))

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
        self.run(SetCellsCommand(self.context, self.plan_id, changes,
                                  self.tr("Fill right from {year}").format(year=year)))
