"""The Formatie en dagdelen page: the fte factor, the roles, the people and the allocation matrix.

Structure actions (new/delete role or person) live here as QActions in the
toolbar and the tables' context menus, each pushing one undo command. The red
line under the message bar names everyone over-booked until it is solved.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QScrollArea,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.formatting import format_half_days
from app.views.editor_parts import MessageBar, PlanPage, accessible, fit_rows, sheet_table, titled
from app.views.frozen_columns import freeze_columns
from app.views.shell.navigation import page_title
from app.views.staffing.staffing_commands import AddStaffingCommand, delete_staffing_command, factor_command
from app.views.staffing.staffing_models import AllocationMatrixModel, PeopleModel, RolesModel
from app.views.changes import Part


class StaffingEditor(PlanPage):
    def __init__(self, context, plan_id: int, read_only_text: str = "", title: str = "",
                 parent=None) -> None:
        # Titled as its navigation item is, so the page and the tree use one name.
        super().__init__(context, plan_id, f"{page_title('staffing')} — {title}", read_only_text, parent)
        self.roles_model = RolesModel(context, plan_id, self)
        self.people_model = PeopleModel(context, plan_id, self)
        self.matrix_model = AllocationMatrixModel(context, plan_id, self)

        # Who is over-booked stays in sight until it is solved; the message bar is for the
        # last action only.
        self.problem = MessageBar()
        self.problem.setObjectName("staffingProblem")
        self.problem.setProperty("tone", "problem")  # red and bold (app/resources/planbord.qss)

        self.factor = QLineEdit()
        self.factor.setObjectName("halfDaysPerFte")
        self.factor.setFixedWidth(60)
        self.factor.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.factor.setToolTip(self.tr("How many half-days per week one fte is in this plan"))
        self.factor.editingFinished.connect(self._factor_entered)
        accessible(self.factor, self.tr("Half-days per fte"),
                   self.tr("How many half-days per week one fte is in this plan"))
        top = QHBoxLayout()
        top.setContentsMargins(8, 6, 8, 0)
        top.addWidget(QLabel(self.tr("1 fte =")))
        top.addWidget(self.factor)
        top.addWidget(QLabel(self.tr("half-days per week")))
        top.addStretch(1)

        self.roles = sheet_table(self.roles_model, "staffingRolesTable", context,
                                 {0: 170, 1: 50, 2: 120, 3: 100})
        # Its headings are two lines (fits a laptop); Qt would elide the second line as if one.
        self.roles.horizontalHeader().setTextElideMode(Qt.TextElideMode.ElideNone)
        self.people = sheet_table(self.people_model, "staffingPeopleTable", context,
                                  {0: 140, 1: 140, 2: 80, 3: 70, 4: 60})
        self.matrix = sheet_table(self.matrix_model, "allocationMatrixTable", context,
                                  self._matrix_widths())
        freeze_columns(self.matrix, 1)  # the project stays while the roles and people scroll
        self._matrix_columns = self.matrix_model.columnCount()
        self.matrix_model.modelReset.connect(self._fit_new_columns)
        for view in (self.roles, self.people, self.matrix):
            view.message.connect(self.messages.show_message)
        # Named by their captions (titled below); what they hold and how to type in them:
        self.roles.setAccessibleDescription(self.tr(
            "The roles of the staffing; type a role, its fte and the fte for execution"))
        self.people.setAccessibleDescription(self.tr(
            "The people; type a name, a role and the half-days per week available"))
        self.matrix.setAccessibleDescription(self.tr(
            "Half-days per week per project for each role or person; type a number"))

        self.toolbar = QToolBar()
        self._build_actions()
        for view, menu in ((self.roles, self._roles_menu), (self.people, self._people_menu)):
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            view.customContextMenuRequested.connect(menu)

        fit_rows(self.roles, most=12)
        fit_rows(self.people, most=12)
        fit_rows(self.matrix, most=40)
        upper = QWidget()
        upper_layout = QHBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        self.roles_note = QLabel(self.tr("Half-days per week: fte for execution × the factor above."))
        self.roles_note.setProperty("tone", "note")
        upper_layout.addWidget(titled(self.tr("Staffing (formatie)"), self.roles, self.roles_note), 5)
        self.people_note = QLabel(self.tr("Optional: name people to allocate them in the matrix."))
        self.people_note.setProperty("tone", "note")
        upper_layout.addWidget(titled(self.tr("People"), self.people, self.people_note), 5)
        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(0, 0, 6, 0)
        content_layout.addWidget(upper)
        self.matrix_note = QLabel(self.tr("Half-days per week per project; general work below the projects."))
        self.matrix_note.setProperty("tone", "note")
        content_layout.addWidget(titled(self.tr("Allocation of half-days"), self.matrix, self.matrix_note))
        content_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        accessible(scroll, page_title("staffing"))

        layout = self.layout()
        layout.addLayout(top)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.messages)
        layout.addWidget(self.problem)
        layout.addWidget(scroll, 1)

        context.changed.connect(self._on_change)
        self.matrix_model.modelReset.connect(self._sync)
        for view in (self.roles, self.people):
            view.selectionModel().currentChanged.connect(lambda *_: self._update_actions())
        self.roles_model.modelReset.connect(self._update_actions)
        self.people_model.modelReset.connect(self._update_actions)
        self._sync()

    def focus_main(self) -> None:
        """The keyboard in the allocation matrix once the page is shown (the window asks)."""
        self.matrix.setFocus()

    def chart_target(self, kind: str, key):
        """(table, row) a chart's bar stands for on this page, or None (see ChartDock)."""
        if kind == "project" and self.matrix_model.matrix is not None:
            rows = [r.project_id for r in self.matrix_model.matrix.rows]
            return (self.matrix, rows.index(key)) if key in rows else None
        if kind == "person" and self.people_model.sheet is not None:
            people = [p.id for p in self.people_model.sheet.people]
            return (self.people, people.index(key)) if key in people else None
        return None

    def _matrix_widths(self) -> dict[int, int]:
        """First-time widths: each role or person as wide as its name (within reason)."""
        model = self.matrix_model
        if model.matrix is None:
            return {0: 270}
        metrics = self.fontMetrics()
        widths = {0: 270, model.total_column: 100, model.total_column + 1: 60}
        for column in range(model.FIRST, model.total_column):
            label = model.headerData(column, Qt.Orientation.Horizontal)
            widths[column] = max(70, min(150, metrics.horizontalAdvance(label) + 24))  # long names elide (full in the tooltip)
        return widths

    def _fit_new_columns(self) -> None:
        # A role or person added or deleted shifts the columns: size them afresh (the
        # remembered widths belong to the old columns).
        count = self.matrix_model.columnCount()
        if count == self._matrix_columns:
            return
        self._matrix_columns = count
        header = self.matrix.horizontalHeader()
        widths = self._matrix_widths()
        for column in range(count):
            header.resizeSection(column, widths.get(column, 100))

    # --- keeping the page in step -------------------------------------------------------------

    def _on_change(self, change) -> None:
        if change.concerns(self.plan_id) and change.affects(Part.STAFFING_SHEETS):
            self._sync_problem()

    def _sync(self) -> None:
        model = self.matrix_model
        if model.matrix is not None:
            self.factor.setText(format_half_days(model.matrix.half_days_per_fte))
        self.factor.setReadOnly(model.read_only)
        self._sync_problem()
        self._update_actions()

    def _sync_problem(self) -> None:
        self.problem.show_message(" ".join(self.matrix_model.messages))

    def _factor_entered(self) -> None:
        matrix = self.matrix_model.matrix
        if matrix is None or self.matrix_model.read_only:
            return
        text = self.factor.text().strip()
        if text == format_half_days(matrix.half_days_per_fte):
            return
        if not self.run(factor_command(self.context, self.plan_id, text,
                                       self.tr("Change half-days per fte to {value}").format(value=text),
                                       seen=matrix.half_days_per_fte)):
            # Refused: the factor as the plan has it now (someone else's, when they changed it).
            matrix = self.matrix_model.matrix or matrix
            self.factor.setText(format_half_days(matrix.half_days_per_fte))

    # --- actions -------------------------------------------------------------------------------

    def _build_actions(self) -> None:
        # Ctrl+Return adds and Ctrl+Delete deletes in the table that has the focus (as on the
        # budget and project pages); the toolbar and the Page menu name them too.
        def action(text, slot, shortcut, table):
            a = QAction(text, self)
            a.setShortcut(QKeySequence(shortcut))
            a.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            a.triggered.connect(slot)
            table.addAction(a)
            self.toolbar.addAction(a)
            return a

        self.add_role_action = action(self.tr("New &role"), self.add_role, "Ctrl+Return", self.roles)
        self.delete_role_action = action(self.tr("&Delete role"), self.delete_role, "Ctrl+Delete", self.roles)
        self.toolbar.addSeparator()
        self.add_person_action = action(self.tr("New &person"), self.add_person, "Ctrl+Return", self.people)
        self.delete_person_action = action(self.tr("Delete p&erson"), self.delete_person, "Ctrl+Delete", self.people)

    def _update_actions(self) -> None:
        editable = not self.matrix_model.read_only
        self.add_role_action.setEnabled(editable)
        self.add_person_action.setEnabled(editable)
        self.delete_role_action.setEnabled(editable and self._current_role() is not None)
        self.delete_person_action.setEnabled(editable and self._current_person() is not None)

    def _roles_menu(self, position) -> None:
        if self.roles_model.read_only:
            return
        menu = QMenu(self)
        menu.addAction(self.add_role_action)
        menu.addAction(self.delete_role_action)
        menu.exec(self.roles.viewport().mapToGlobal(position))

    def _people_menu(self, position) -> None:
        if self.people_model.read_only:
            return
        menu = QMenu(self)
        menu.addAction(self.add_person_action)
        menu.addAction(self.delete_person_action)
        menu.exec(self.people.viewport().mapToGlobal(position))

    def _current_role(self):
        index = self.roles.currentIndex()
        sheet = self.roles_model.sheet
        if not index.isValid() or sheet is None or index.row() >= len(sheet.roles):
            return None
        return sheet.roles[index.row()]

    def _current_person(self):
        index = self.people.currentIndex()
        sheet = self.people_model.sheet
        if not index.isValid() or sheet is None or index.row() >= len(sheet.people):
            return None
        return sheet.people[index.row()]

    def add_role(self) -> None:
        current = self.roles.currentIndex()
        count = len(self.roles_model.sheet.roles)
        at = current.row() + 1 if current.isValid() and current.row() < count else None
        command = AddStaffingCommand(self.context, self.plan_id, "role", self.tr("New role"),
                                     role=self.tr("New role"), index=at)
        if self.run(command):
            row = next(i for i, r in enumerate(self.roles_model.sheet.roles) if r.id == command.new_id)
            self.roles.setCurrentIndex(self.roles_model.index(row, RolesModel.ROLE))
            self.roles.setFocus()

    def add_person(self) -> None:
        current = self.people.currentIndex()
        at = current.row() + 1 if current.isValid() else None
        command = AddStaffingCommand(self.context, self.plan_id, "person", self.tr("New person"),
                                     name=self.tr("New person"), available_half_days="0", index=at)
        if self.run(command):
            row = next(i for i, p in enumerate(self.people_model.sheet.people) if p.id == command.new_id)
            self.people.setCurrentIndex(self.people_model.index(row, PeopleModel.NAME))
            self.people.setFocus()

    def delete_role(self) -> None:
        role = self._current_role()
        if role is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Delete role"),
            self.tr("Delete the role '{name}' with its half-days in the allocation matrix? "
                    "Its people keep their own half-days.").format(name=role.role))
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.run(delete_staffing_command(self.context, self.plan_id, "role", role.id,
                                          self.tr("Delete role {name}").format(name=role.role)))

    def delete_person(self) -> None:
        person = self._current_person()
        if person is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Delete person"),
            self.tr("Delete '{name}' with their half-days in the allocation matrix?").format(
                name=person.name))
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.run(delete_staffing_command(self.context, self.plan_id, "person", person.id,
                                          self.tr("Delete {name}").format(name=person.name)))
