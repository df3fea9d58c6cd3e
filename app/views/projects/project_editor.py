"""The project page: the form (number, title, description, roles, period, status), the goals
as an ordered list, the actions with their traffic lights, and the linked budget lines.

Every field is committed as ONE undo command when its editing is finished (Enter or
leaving the field), never per keystroke; a refusal (empty title, a date that is not
one, an end before the start) shows in the message bar and nothing is written. The
goals and actions are spreadsheet tables (SheetView): typing, pasting and Delete work
as everywhere, and the empty last row adds a goal or action by typing in it.
"""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, Qt
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.formatting import format_amount, format_date, format_fte, format_half_days
from app.models import ActionStatus, ProjectStatus
from app.services import progress
from app.services.edit_errors import EditError
from app.services.project_form import load_project_page
from app.views.projects import project_commands as pc
from app.views import theme, traffic_light
from app.views.projects.ambitions import AmbitionChecklist
from app.views.editor_parts import PlanPage, accessible, fit_rows, name_form_fields, sheet_table, titled
from app.views.sheet_model import SheetModel
from app.views.changes import Part, affects

DISPLAY = Qt.ItemDataRole.DisplayRole
EDIT = Qt.ItemDataRole.EditRole


# --- goals -----------------------------------------------------------------------------------

class GoalsModel(SheetModel):
    """The goals in their order, one column; the empty last row adds a goal."""

    def __init__(self, editor: ProjectEditor) -> None:
        super().__init__(editor)
        self.editor = editor
        self.goals: list = []

    def load(self, goals) -> None:
        self.beginResetModel()
        self.goals = list(goals)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.goals) + (0 if self.editor.read_only else 1)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else 1

    def headerData(self, section, orientation, role=DISPLAY):
        if orientation == Qt.Orientation.Horizontal and role == DISPLAY:
            return self.tr("Goal")
        return None

    def data(self, index, role=DISPLAY):
        if not index.isValid():
            return None
        row = index.row()
        if row >= len(self.goals):
            if role == DISPLAY:
                return self.tr("(type a new goal here)")
            if role == Qt.ItemDataRole.ForegroundRole:
                return theme.brush("disabled")
            if role == EDIT:
                return ""
            return None
        if role in (DISPLAY, EDIT):
            return f"{row + 1}. {self.goals[row].text}" if role == DISPLAY else self.goals[row].text
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.goals[row].text
        return None

    def cell_flags(self, index):
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not self.editor.read_only:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def set_texts(self, cells) -> str | None:
        if self.editor.read_only:
            return self.tr("This plan is adopted and read-only; make an amendment to change it.")
        changes, seen, new = [], [], []
        for row, _column, text in cells:
            if not text.strip():
                return self.tr("A goal needs a text; delete the goal to remove it.")
            if row < len(self.goals):
                if text.strip() != self.goals[row].text:
                    changes.append((self.goals[row].id, text))
                    seen.append((self.goals[row].id, self.goals[row].text))  # refused when changed meanwhile
            else:
                new.append(text)
        if new and changes:
            return self.tr("Change goals and add new ones in two steps.")
        if new:
            if len(new) > 1:
                return self.tr("Add one goal at a time.")
            return self.editor.add_goal(new[0])
        if not changes:
            return None
        return self.editor.command(pc.goal_texts_command(
            self.editor.context, self.editor.plan_id, changes, self.tr("Change goal"), seen))


# --- actions ---------------------------------------------------------------------------------

DESCRIPTION, OWNER, DUE, STATUS, REMARK, UPDATED = range(6)


class ActionsModel(SheetModel):
    """The actions with their traffic lights; the empty last row adds an action."""

    def __init__(self, editor: ProjectEditor) -> None:
        super().__init__(editor)
        self.editor = editor
        self.actions: list[progress.ActionRow] = []

    def load(self, actions) -> None:
        self.beginResetModel()
        self.actions = list(actions)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.actions) + (0 if self.editor.read_only else 1)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else 6

    def headerData(self, section, orientation, role=DISPLAY):
        if orientation == Qt.Orientation.Horizontal and role == DISPLAY:
            return [self.tr("Action"), self.tr("Owner"), self.tr("Due"), self.tr("Status"),
                    self.tr("Remark"), self.tr("Last update")][section]
        return None

    def _text(self, action, column: int) -> str:
        return {
            DESCRIPTION: action.description, OWNER: action.owner, DUE: action.due,
            STATUS: traffic_light.status_text(action.status), REMARK: action.remark,
            UPDATED: format_date(action.updated_on),
        }[column]

    def data(self, index, role=DISPLAY):
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if row >= len(self.actions):
            if role == DISPLAY and column == DESCRIPTION:
                return self.tr("(type a new action here)")
            if role == Qt.ItemDataRole.ForegroundRole:
                return theme.brush("disabled")
            if role == EDIT:
                return ""
            return None
        action = self.actions[row]
        if role in (DISPLAY, EDIT):
            if role == EDIT and column == STATUS:
                return action.status.value
            if role == DISPLAY and column == DUE and action.recurring:  # with its next occurrence
                return action.due_shown
            return self._text(action, column)
        if role == Qt.ItemDataRole.DecorationRole and column == STATUS:
            return traffic_light.dot(action.status)
        # Overdue is told by a triangle, the tooltip and (to a screen reader) a word, not only red.
        if action.overdue and column == DUE:
            if role == Qt.ItemDataRole.DecorationRole:
                return traffic_light.overdue_icon()
            if role == Qt.ItemDataRole.AccessibleTextRole:
                return f"{self._text(action, DUE)}, {traffic_light.overdue_text()}"
        if role == Qt.ItemDataRole.AccessibleDescriptionRole and action.overdue:
            return self.tr("Overdue: the due date has passed and the action is not achieved.")
        if role == Qt.ItemDataRole.BackgroundRole and action.overdue:
            return theme.brush("overdue_bg")
        if role == Qt.ItemDataRole.ForegroundRole and action.overdue and column == DUE:
            return theme.brush("overdue_ink")
        if role == Qt.ItemDataRole.FontRole and action.overdue and column == DUE:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            if action.overdue:
                return self.tr("Overdue: the due date has passed and the action is not achieved.")
            if column in (DESCRIPTION, REMARK):
                return self._text(action, column)
            if column == DUE and action.recurring:  # the cell may be too narrow for all of it
                return action.due_shown
        return None

    def cell_flags(self, index):
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not self.editor.read_only and index.column() != UPDATED:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def copy_text(self, index) -> str:
        if index.row() < len(self.actions) and index.column() == STATUS:
            return self.actions[index.row()].status.value
        return super().copy_text(index)

    def _value(self, column: int, text: str):
        """The field and its value for ``text`` typed in ``column``; raises EditError."""
        if column == DESCRIPTION:
            if not text.strip():
                raise EditError(self.tr("An action needs a description; delete the action to remove it."))
            return "description", text.strip()
        if column == OWNER:
            return "owner", text.strip()
        if column == DUE:  # a date or a period ("Q4 2022", "doorlopend"): read by the service
            return "due", text
        if column == STATUS:
            status = parse_status_or_blank(text)
            if status is None:
                raise EditError(self.tr(
                    "'{text}' is not a status; type behaald, in behandeling, niet behaald or "
                    "onbekend.").format(text=text.strip()))
            return "status", status
        if column == REMARK:
            return "remark", text.strip()
        raise EditError(self.tr("The date of the last update is kept by Planbord."))

    def rows_to_add(self, top: int, height: int) -> int:
        """A block pasted from the empty last row down: the rows below it are new actions too."""
        return max(0, top + height - self.rowCount()) if not self.editor.read_only else 0

    def set_texts(self, cells, new_rows=None, after_row=None) -> str | None:
        if self.editor.read_only:
            return self.tr("This plan is adopted and read-only; make an amendment to change it.")
        by_row: dict[int, dict] = {}
        # Rows pasted beyond the table: numbered on from the empty row.
        cells = list(cells) + [(len(self.actions) + 1 + number, column, text)
                               for number, row in enumerate(new_rows or ()) for column, text in row]
        several_new = len({row for row, _c, _t in cells if row >= len(self.actions)}) > 1
        for row, column, text in cells:  # everything validated before anything is written
            try:
                name, value = self._value(column, text)
            except EditError as exc:
                if several_new and row >= len(self.actions):  # which row of the pasted block
                    return self.tr("Row {row}: {message}").format(row=row - len(self.actions) + 1,
                                                                 message=exc.message)
                return exc.message
            by_row.setdefault(row, {})[name] = value
        new = {row: fields for row, fields in by_row.items() if row >= len(self.actions)}
        if new:
            if len(new) < len(by_row):
                return self.tr("Change the actions and add new ones one after the other, not in one paste.")
            if len(new) > 1:  # a block pasted below the last action: added together, one undo step
                return self.editor.add_actions([fields for _row, fields in sorted(new.items())])
            fields = next(iter(new.values()))
            if "description" not in fields:
                return self.tr("Type the description of the new action first.")
            return self.editor.add_action(**fields)
        changes, seen = [], []
        for row, fields in sorted(by_row.items()):
            action = self.actions[row]
            fields = {k: v for k, v in fields.items() if getattr(action, k) != v}
            if fields:
                changes.append((action.id, fields))
                seen.append((action.id, {k: getattr(action, k) for k in fields}))  # as shown
        if not changes:
            return None
        text = self.tr("Change status") if all(set(f) == {"status"} for _, f in changes) \
            else self.tr("Change action")
        return self.editor.command(pc.action_fields_command(
            self.editor.context, self.editor.plan_id, changes, text, today=self.editor.today, seen=seen))


def parse_status_or_blank(text: str) -> ActionStatus | None:
    """A cleared status cell means "onbekend"."""
    if not text.strip():
        return ActionStatus.UNKNOWN
    return traffic_light.parse_status(text)


# --- budget lines ----------------------------------------------------------------------------

class BudgetLinesModel(SheetModel):
    """The budget lines linked to the project, per year, with the total (read-only)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.form = None

    def load(self, form) -> None:
        self.beginResetModel()
        self.form = form
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        if parent.isValid() or self.form is None or not self.form.budget_lines:
            return 0
        return len(self.form.budget_lines) + 1

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else 1 + (len(self.form.years) if self.form is not None else 0)

    def headerData(self, section, orientation, role=DISPLAY):
        # A header restored from a wider table (or a screen reader) may ask for a year column
        # before the project is loaded or past its years: no heading there.
        years = self.form.years if self.form is not None else []
        if orientation != Qt.Orientation.Horizontal or section > len(years):
            return None
        if role == DISPLAY:
            return self.tr("Budget line") if section == 0 else str(years[section - 1])
        if role == Qt.ItemDataRole.TextAlignmentRole and section > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index, role=DISPLAY):
        if not index.isValid() or self.form is None:
            return None
        row, column = index.row(), index.column()
        lines = self.form.budget_lines
        total = row == len(lines)
        if role in (DISPLAY, EDIT):
            if column == 0:
                return self.tr("Total") if total else lines[row].name
            year = self.form.years[column - 1]
            if total:
                text = format_amount(self.form.totals[year])
                markers = self.form.markers[year]
                return text + (self.tr(" + {n} marker(s)").format(n=markers) if markers else "")
            cell = lines[row].cells.get(year)
            if cell is None:
                return ""
            return cell.marker.value if cell.marker is not None else format_amount(cell.amount)
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and total:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole and total:
            return theme.brush("group_bg")
        return None

    def set_texts(self, cells) -> str | None:
        return self.tr("The budget lines are edited on the Budget page.")


# --- the page --------------------------------------------------------------------------------

class ProjectEditor(PlanPage):
    FIELDS = ("title", "sponsor_admin", "sponsor_official", "contractor", "start_date", "end_date")

    def __init__(self, context, project_id: int, plan_id: int, read_only_text: str = "",
                 title: str = "", parent=None) -> None:
        super().__init__(context, plan_id, title, read_only_text, parent)
        self.project_id = project_id
        self.read_only = bool(read_only_text) or context.read_only
        self.today: date | None = None  # tests set a day; None is the real today
        self.form = None
        self._loaded: dict[str, str] = {}
        self._stale = False

        self.toolbar = QToolBar()
        self._build_actions()

        # The form.
        self.number = QLabel()
        self.number.setObjectName("projectNumber")
        self.number.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Choosing another chapter moves the project there (at the end); numbers follow.
        self.chapter = QComboBox()
        self.chapter.setObjectName("chapter")
        self.chapter.setMinimumContentsLength(40)
        self.chapter.activated.connect(lambda _: self.commit_chapter())
        self.half_days = QLabel()
        self.half_days.setObjectName("halfDays")
        self.half_days.setTextFormat(Qt.TextFormat.RichText)
        self.ambitions = AmbitionChecklist()
        self.ambitions.toggled.connect(self.commit_ambitions)
        self.edit_ambitions_button = QPushButton(self.tr("Edit the list…"))
        self.edit_ambitions_button.clicked.connect(self.edit_ambitions)
        self.edits: dict[str, QLineEdit] = {}
        for name in self.FIELDS:
            edit = QLineEdit()
            edit.setObjectName(name)
            edit.editingFinished.connect(lambda n=name: self.commit_field(n))
            self.edits[name] = edit
        for name in ("start_date", "end_date"):
            self.edits[name].setPlaceholderText(self.tr("dd-mm-yyyy"))
            self.edits[name].setMaximumWidth(130)
        self.description = QPlainTextEdit()
        self.description.setObjectName("description")
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(90)
        self.description.installEventFilter(self)
        self.status = QComboBox()
        self.status.setObjectName("status")
        for status in ProjectStatus:
            self.status.addItem(traffic_light.project_status_text(status), status)
        self.status.activated.connect(lambda _: self.commit_status())

        form = QFormLayout()
        form.setContentsMargins(8, 4, 8, 4)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.tr("Number"), self.number)
        form.addRow(self.tr("Chapter"), self.chapter)
        form.addRow(self.tr("Title"), self.edits["title"])
        form.addRow(self.tr("Description"), self.description)
        form.addRow(self.tr("Administrative sponsor"), self.edits["sponsor_admin"])
        form.addRow(self.tr("Official sponsor"), self.edits["sponsor_official"])
        form.addRow(self.tr("Contractor"), self.edits["contractor"])
        period = QHBoxLayout()
        period.addWidget(self.edits["start_date"])
        period.addWidget(QLabel(self.tr("to")))
        period.addWidget(self.edits["end_date"])
        period.addStretch(1)
        form.addRow(self.tr("Period"), period)
        form.addRow(self.tr("Status"), self.status)
        form.addRow(self.tr("Half-days"), self.half_days)
        ambitions = QHBoxLayout()
        ambitions.addWidget(self.ambitions, 1)
        ambitions.addWidget(self.edit_ambitions_button, 0, Qt.AlignmentFlag.AlignTop)
        form.addRow(self.tr("Ambitions served"), ambitions)
        name_form_fields(form)
        # The fields of a row of several widgets, named one by one.
        accessible(self.edits["start_date"], self.tr("Start date"), self.tr("dd-mm-yyyy"))
        accessible(self.edits["end_date"], self.tr("End date"), self.tr("dd-mm-yyyy"))
        accessible(self.ambitions, self.tr("Ambitions served"),
                   self.tr("The ambitions of the regional vision this project serves; Space ticks one"))

        # The tables.
        self.goals_model = GoalsModel(self)
        self.actions_model = ActionsModel(self)
        self.lines_model = BudgetLinesModel(self)
        self.goals_table = sheet_table(self.goals_model, "projectGoalsTable", context, {0: 900})
        self.goals_table.horizontalHeader().setStretchLastSection(True)
        self.actions_table = sheet_table(self.actions_model, "projectActionsTable", context,
                                         {DESCRIPTION: 420, OWNER: 150, DUE: 115, STATUS: 140,
                                          REMARK: 260, UPDATED: 135})
        self.lines_table = sheet_table(self.lines_model, "projectLinesTable", context, {0: 420})
        for view in (self.goals_table, self.actions_table, self.lines_table):
            view.message.connect(self.messages.show_message)
        # Named by their captions (titled below); what they hold and how to type in them:
        self.goals_table.setAccessibleDescription(self.tr(
            "The goals in their order; type in the last row to add one"))
        self.actions_table.setAccessibleDescription(self.tr(
            "The actions with owner, due date, status and remark; an overdue action has a triangle "
            "at its due date; type in the last row to add one"))
        self.lines_table.setAccessibleDescription(self.tr(
            "The budget lines of this project per year; read-only, edited on the Budget page"))
        for view in (self.goals_table, self.actions_table):
            view.selectionModel().currentChanged.connect(lambda *_: self._update_actions())
            view.model().modelReset.connect(self._update_actions)  # a due typed may make it recur
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for a in (self.add_goal_action, self.goal_up_action, self.goal_down_action, self.delete_goal_action):
            self.goals_table.addAction(a)
        for a in (self.add_action_action, self.action_up_action, self.action_down_action,
                  self.delete_action_action, self.occurrences_action):
            self.actions_table.addAction(a)
        self.lines_note = QLabel()
        self.lines_note.setProperty("tone", "note")

        content = QWidget()
        body = QVBoxLayout(content)
        body.setContentsMargins(0, 0, 8, 8)
        body.addLayout(form)
        body.addWidget(titled(self.tr("Goals"), self.goals_table))
        body.addWidget(titled(self.tr("Actions"), self.actions_table))
        body.addWidget(titled(self.tr("Budget lines linked to this project"), self.lines_table,
                              self.lines_note))
        body.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        accessible(scroll, self.tr("Project form"))

        layout = self.layout()
        layout.addWidget(self.toolbar)
        layout.addWidget(self.messages)
        layout.addWidget(scroll, 1)
        self.toolbar.setVisible(not self.read_only)
        for edit in self.edits.values():
            edit.setReadOnly(self.read_only)
        self.description.setReadOnly(self.read_only)
        self.status.setEnabled(not self.read_only)
        self.chapter.setEnabled(not self.read_only)
        # The region's list may change beside an adopted plan, but not in a file open read-only.
        self.edit_ambitions_button.setEnabled(not context.read_only)

        self.reload()
        fit_rows(self.goals_table, most=12)
        fit_rows(self.actions_table, most=16)
        fit_rows(self.lines_table, most=12)
        context.changed.connect(self._changed)
        context.data_changed.connect(self.reload)

    # --- loading ---------------------------------------------------------------------------

    def _changed(self, change) -> None:
        if affects(change, Part.PROJECT_FORM) and (change is None or change.concerns(self.plan_id)):
            if self.isVisible():
                self.reload()
            else:  # a hidden page reads the file when it is shown again, not on every edit
                self._stale = True

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        if self._stale:
            self._stale = False
            self.reload()
        super().showEvent(event)

    def reload(self) -> None:
        workspace = self.context.workspace
        if workspace is None:
            return
        form, actions = load_project_page(workspace, self.project_id, self.today)
        self.form = form
        if form is None:
            self.title.setText(self.tr("This project no longer exists."))
            self.setEnabled(False)
            return
        self.setEnabled(True)
        self.title.setText(self.tr("Project {label}").format(label=form.label))
        self.number.setText(f"<b>{form.number or self.tr('(general work, no number)')}</b>")
        self._load_chapters(form)
        self.half_days.setText(self._half_days_text(form))
        self.ambitions.load(form.ambitions, self.read_only)
        values = self._form_texts(form)
        for name, edit in self.edits.items():
            # A field the user is still typing in keeps its text unless the file changed it.
            if self._loaded.get(name) != values[name] or not edit.hasFocus():
                edit.setText(values[name])
                edit.setCursorPosition(0)
        if self._loaded.get("description") != values["description"] or not self.description.hasFocus():
            self.description.setPlainText(values["description"])
        self._loaded = values
        self.status.setCurrentIndex(self.status.findData(form.status))
        self.goals_model.load(form.goals)
        self.actions_model.load(actions)
        self.lines_model.load(form)
        self.lines_table.setVisible(bool(form.budget_lines))
        self.lines_note.setText("" if form.budget_lines else
                                self.tr("No budget lines are linked to this project."))
        self.lines_note.setVisible(not form.budget_lines)
        self._update_actions()

    def _load_chapters(self, form) -> None:
        self.chapter.clear()
        for choice in form.chapters:
            self.chapter.addItem("    " * choice.depth + choice.label, choice.id)
        self.chapter.setCurrentIndex(self.chapter.findData(form.chapter_id))

    def _half_days_text(self, form) -> str:
        """ "3 per week (0,30 fte) in the staffing table; the chapter text says 2" — the one
        number is the staffing table's, and a different number in the text shows in red."""
        text = self.tr("{half_days} per week ({fte} fte) in the staffing table").format(
            half_days=format_half_days(form.half_days), fte=format_fte(form.fte))
        if form.stated_half_days is None:
            return text
        stated = self.tr("the chapter text says {stated}").format(stated=format_half_days(form.stated_half_days))
        if form.stated_half_days != form.half_days:
            stated = f'<span style="color: {theme.hex_colour("negative")};">{stated}</span>'
        return f"{text}; {stated}"

    @staticmethod
    def _form_texts(form) -> dict[str, str]:
        return {"title": form.title, "description": form.description,
                "sponsor_admin": form.sponsor_admin, "sponsor_official": form.sponsor_official,
                "contractor": form.contractor, "start_date": format_date(form.start_date),
                "end_date": format_date(form.end_date)}

    # --- committing the form ---------------------------------------------------------------

    def _field_command_text(self, name: str) -> str:
        return {
            "title": self.tr("Change title"), "description": self.tr("Change description"),
            "sponsor_admin": self.tr("Change administrative sponsor"),
            "sponsor_official": self.tr("Change official sponsor"),
            "contractor": self.tr("Change contractor"), "start_date": self.tr("Change start date"),
            "end_date": self.tr("Change end date"), "status": self.tr("Change project status"),
        }[name]

    def commit_field(self, name: str) -> bool:
        """Write the field ``name`` as one undo command when it differs from the file."""
        if self.read_only or self.form is None:
            return False
        text = (self.description.toPlainText() if name == "description" else self.edits[name].text())
        if text.strip() == self._loaded.get(name, "").strip():
            self.messages.show_message("")
            return True
        ok = self.run(pc.project_fields_command(self.context, self.plan_id, self.project_id,
                                                self._field_command_text(name),
                                                {name: self._loaded.get(name, "")}, **{name: text}))
        widget = self.description if name == "description" else self.edits[name]
        widget.setStyleSheet("" if ok else f"border: 1px solid {theme.hex_colour('negative')};")
        return ok

    def commit_status(self) -> bool:
        status = self.status.currentData()
        if self.read_only or self.form is None or status == self.form.status:
            return True
        ok = self.run(pc.project_fields_command(self.context, self.plan_id, self.project_id,
                                                self._field_command_text("status"), {"status": self.form.status},
                                                status=status))
        if not ok:
            self.status.setCurrentIndex(self.status.findData(self.form.status))
        return ok

    def focus_main(self) -> None:
        """The keyboard in the title field once the page is shown (the window asks); nothing
        selected, so a key typed by accident does not replace the title."""
        self.edits["title"].setFocus()
        self.edits["title"].deselect()

    def focus_title(self) -> None:
        """The title field, all selected: typing replaces it (a new project, F2 in the tree)."""
        self.edits["title"].setFocus()
        self.edits["title"].selectAll()

    def commit_chapter(self) -> bool:
        """Move the project to the chosen chapter (at its end) as one undo command."""
        chapter_id = self.chapter.currentData()
        if self.read_only or self.form is None or chapter_id == self.form.chapter_id:
            return True
        from app.services.project_edit import Place

        text = self.tr("Move project to {chapter}").format(chapter=self.chapter.currentText().strip())
        ok = self.run(pc.move_item_command(self.context, self.plan_id, "project", self.project_id,
                                           Place(chapter_id, 1_000_000), text))
        if not ok:
            self.chapter.setCurrentIndex(self.chapter.findData(self.form.chapter_id))
        return ok

    def commit_ambitions(self, ambition_ids: list[int]) -> bool:
        if self.read_only or self.form is None:
            return False
        ok = self.run(pc.project_ambitions_command(self.context, self.plan_id, self.project_id,
                                                   ambition_ids, self.tr("Change ambitions served")))
        if not ok:
            self.ambitions.load(self.form.ambitions, self.read_only)
        return ok

    def edit_ambitions(self) -> None:
        if self.form is None:
            return
        from app.views.projects.ambitions import AmbitionsDialog

        dialog = AmbitionsDialog(self.context, self.form.region_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # it follows context.changed
        dialog.exec()

    def eventFilter(self, watched, event) -> bool:
        if watched is self.description and event.type() == QEvent.Type.FocusOut:
            self.commit_field("description")
        return super().eventFilter(watched, event)

    def command(self, command) -> str | None:
        """Run ``command`` for a table model: its refusal, or None."""
        from app.views.commands import execute

        message = execute(self.context, command)
        self.messages.show_message(message or "")
        return message

    # --- goals and actions -----------------------------------------------------------------

    def _build_actions(self) -> None:
        def action(text, slot, shortcut=None):
            a = QAction(text, self)
            if shortcut:
                a.setShortcut(QKeySequence(shortcut))
                a.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            a.triggered.connect(slot)
            self.toolbar.addAction(a)
            return a

        self.add_goal_action = action(self.tr("New &goal"), lambda: self.add_goal(), "Ctrl+Return")
        self.goal_up_action = action(self.tr("Goal &up"), lambda: self.shift("goal", -1), "Alt+Up")
        self.goal_down_action = action(self.tr("Goal &down"), lambda: self.shift("goal", 1), "Alt+Down")
        self.delete_goal_action = action(self.tr("Dele&te goal"), lambda: self.delete("goal"), "Ctrl+Delete")
        self.toolbar.addSeparator()
        self.add_action_action = action(self.tr("New &action"), lambda: self.add_action(), "Ctrl+Return")
        self.action_up_action = action(self.tr("Action u&p"), lambda: self.shift("action", -1), "Alt+Up")
        self.action_down_action = action(self.tr("Action do&wn"), lambda: self.shift("action", 1),
                                         "Alt+Down")
        self.delete_action_action = action(self.tr("Delete a&ction"), lambda: self.delete("action"),
                                           "Ctrl+Delete")
        # A recurring action's statuses per occurrence: progress, so on an adopted plan too.
        self.occurrences_action = action(self.tr("Occurre&nces…"), lambda: self.open_occurrences())

    def _rows(self, kind: str) -> list:
        return self.goals_model.goals if kind == "goal" else self.actions_model.actions

    def _table(self, kind: str):
        return self.goals_table if kind == "goal" else self.actions_table

    def _current(self, kind: str) -> int | None:
        index = self._table(kind).currentIndex()
        rows = self._rows(kind)
        return index.row() if index.isValid() and index.row() < len(rows) else None

    def _update_actions(self) -> None:
        editable = not self.read_only and self.form is not None
        for kind, up, down, delete in (
                ("goal", self.goal_up_action, self.goal_down_action, self.delete_goal_action),
                ("action", self.action_up_action, self.action_down_action, self.delete_action_action)):
            row = self._current(kind)
            count = len(self._rows(kind))
            up.setEnabled(editable and row is not None and row > 0)
            down.setEnabled(editable and row is not None and row < count - 1)
            delete.setEnabled(editable and row is not None)
        self.add_goal_action.setEnabled(editable)
        self.add_action_action.setEnabled(editable)
        row = self._current("action")
        self.occurrences_action.setEnabled(row is not None and self.actions_model.actions[row].recurring)

    def open_occurrences(self) -> None:
        """The current action's occurrences, each with its status and remark."""
        row = self._current("action")
        if row is None or not self.actions_model.actions[row].recurring:
            self.messages.show_message(self.tr(
                "This action does not recur. Type how often in its Due cell, e.g. “maandelijks” or "
                "“elk kwartaal tot en met 2023”."))
            return
        from app.views.projects.occurrence_dialog import OccurrencesDialog

        self.show_dialog(OccurrencesDialog(self.context, self.plan_id, self.actions_model.actions[row].id, self))

    def show_dialog(self, dialog) -> None:
        """Run a dialog of this page (a seam tests replace)."""
        dialog.exec()

    def _select(self, kind: str, item_id: int | None, column: int = 0) -> None:
        for row, item in enumerate(self._rows(kind)):
            if item.id == item_id:
                table = self._table(kind)
                table.setCurrentIndex(table.model().index(row, column))
                return

    def add_goal(self, text: str | None = None) -> str | None:
        """Add a goal after the current one (or at the end); returns a refusal or None."""
        row = self._current("goal")
        index = None if row is None else row + 1
        command = pc.add_goal_command(self.context, self.plan_id, self.project_id,
                                      text if text is not None else self.tr("New goal"), index,
                                      self.tr("New goal"))
        message = self.command(command)
        if message is None:
            self._select("goal", command.new_id)
        return message

    def add_actions(self, rows: list[dict]) -> str | None:
        """Several actions at the end, from a pasted block: one command, one undo step."""
        command = pc.AddActionsCommand(self.context, self.plan_id, self.project_id, rows,
                                       self.tr("Paste actions"))
        message = self.command(command)
        if message is None and command.new_ids:
            self._select("action", command.new_ids[0])
        return message

    def add_action(self, description: str | None = None, **fields) -> str | None:
        """Add an action at the end (from the empty row) or after the current one."""
        row = self._current("action")
        index = None if (row is None or description is not None) else row + 1
        command = pc.add_action_command(
            self.context, self.plan_id, self.project_id,
            description if description is not None else self.tr("New action"), index,
            self.tr("New action"), **fields)
        message = self.command(command)
        if message is None:
            self._select("action", command.new_id)
        return message

    def shift(self, kind: str, step: int) -> None:
        row = self._current(kind)
        if row is None or not 0 <= row + step < len(self._rows(kind)):
            self.messages.show_message(self.tr("It cannot go further that way."))
            return
        item_id = self._rows(kind)[row].id
        column = self._table(kind).currentIndex().column()
        text = self.tr("Move up") if step < 0 else self.tr("Move down")
        if self.run(pc.move_item_command(self.context, self.plan_id, kind, item_id, row + step, text)):
            self._select(kind, item_id, column)

    def delete(self, kind: str) -> None:
        row = self._current(kind)
        if row is None:
            return
        item = self._rows(kind)[row]
        name = item.text if kind == "goal" else item.description
        text = (self.tr("Delete goal “{name}”") if kind == "goal"
                else self.tr("Delete action “{name}”")).format(name=_short(name))
        if self.run(pc.delete_item_command(self.context, self.plan_id, kind, item.id, text)):
            rows = self._rows(kind)
            if rows:
                table = self._table(kind)
                table.setCurrentIndex(table.model().index(min(row, len(rows) - 1), 0))


def _short(text: str, most: int = 40) -> str:
    return text if len(text) <= most else text[:most - 1] + "…"


def confirm_delete(parent, workspace, kind: str, item_id: int) -> bool:
    """Ask before deleting a chapter or project, naming what goes with it (for the main window)."""
    from app.services.project_edit import deletion_summary

    answer = QMessageBox.question(
        parent, QCoreApplication.translate("ProjectEditor", "Delete"),
        deletion_summary(workspace, kind, item_id) + "\n\n" + QCoreApplication.translate("ProjectEditor", "This can be undone with Ctrl+Z."))
    return answer == QMessageBox.StandardButton.Yes
