"""The progress overview ("voortgang"): one row per project with its actions counted per
traffic-light status, overdue actions highlighted, filters by status, owner and chapter.

Double-click or Enter on a row emits ``project_activated(project_id)``; the main window
opens that project. The page follows every change to its plan (context.changed).

A reporting moment (peilmoment) chosen above the table shows the counts as of that moment, what
changed per project since the previous moment, and below the table the current project's actions
as of the moment, whose status and remark are typed there and recorded for that moment (one undo
step each). "Now" (the default) shows today's statuses.
"""
from __future__ import annotations

from collections import Counter
from datetime import date

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.formatting import format_date
from app.models import ActionStatus
from app.services import progress
from app.services import read_models as rm
from app.views import theme, traffic_light
from app.views.projects import moment_commands as mc
from app.services.moment_overview import (
    MomentOverview,
    change_summary,
    load_moment_overview,
    load_moments,
)
from app.views.sheet_model import SheetModel
from app.views.sheet_view import rows_follow_font
from app.views.editor_parts import PlanPage, accessible, name_from_label, sheet_table
from app.views.shell.navigation import page_title
from app.views.changes import Part

DISPLAY = Qt.ItemDataRole.DisplayRole
STATUSES = (ActionStatus.UNKNOWN, ActionStatus.IN_PROGRESS, ActionStatus.ACHIEVED,
            ActionStatus.NOT_ACHIEVED)
NUMBER, PROJECT, CHAPTER = range(3)
FIRST_STATUS = 3
TOTAL = FIRST_STATUS + len(STATUSES)
OVERDUE = TOTAL + 1
CHANGED = OVERDUE + 1  # only at a reporting moment: what changed since the previous one


class ProgressModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[progress.ProgressRow] = []
        # At a reporting moment: per project the change words counted, and the column's title.
        self.changes: dict | None = None
        self.changed_title = self.changed_tip = ""

    def load(self, rows, changes: dict | None = None, changed_title: str = "", changed_tip: str = "") -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.changes, self.changed_title, self.changed_tip = changes, changed_title, changed_tip
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else OVERDUE + (2 if self.changes is not None else 1)

    def changed_text(self, row) -> str:
        return change_summary(self.changes.get(row.project_id)) if self.changes is not None else ""

    def headerData(self, section, orientation, role=DISPLAY):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == DISPLAY:
            if FIRST_STATUS <= section < TOTAL:
                return traffic_light.status_text(STATUSES[section - FIRST_STATUS])
            if section == CHANGED:
                return self.changed_title
            return {NUMBER: self.tr("No."), PROJECT: self.tr("Project"), CHAPTER: self.tr("Chapter"),
                    TOTAL: self.tr("Actions"), OVERDUE: self.tr("Overdue")}[section]
        if role == Qt.ItemDataRole.ToolTipRole and section == CHANGED:
            return self.changed_tip
        if role == Qt.ItemDataRole.DecorationRole and FIRST_STATUS <= section < TOTAL:
            return traffic_light.dot(STATUSES[section - FIRST_STATUS])
        if role == Qt.ItemDataRole.ForegroundRole:
            if FIRST_STATUS <= section < TOTAL:
                return theme.brush(f"status_{STATUSES[section - FIRST_STATUS].name.lower()}")
            if section == OVERDUE:
                return theme.brush("overdue_ink")
        return None

    def data(self, index, role=DISPLAY):
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], index.column()
        if column == CHANGED:
            if role in (DISPLAY, Qt.ItemDataRole.ToolTipRole):
                return self.changed_text(row)
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == DISPLAY:
            if column == NUMBER:
                return row.number
            if column == PROJECT:
                return row.title
            if column == CHAPTER:
                return f"{row.chapter_number} {row.chapter_title}".strip()
            if column == TOTAL:
                return str(row.total)
            if column == OVERDUE:
                return str(row.overdue) if row.overdue else ""
            count = row.counts[STATUSES[column - FIRST_STATUS]]
            return str(count) if count else ""
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= FIRST_STATUS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.DecorationRole and FIRST_STATUS <= column < TOTAL:
            if row.counts[STATUSES[column - FIRST_STATUS]]:
                return traffic_light.dot(STATUSES[column - FIRST_STATUS])
        # Overdue is told by a triangle and words, not only by the red row.
        if role == Qt.ItemDataRole.DecorationRole and column == OVERDUE and row.overdue:
            return traffic_light.overdue_icon()
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._spoken(row, column)
        if role == Qt.ItemDataRole.AccessibleDescriptionRole and row.overdue:
            return self.data(index, Qt.ItemDataRole.ToolTipRole)
        if role == Qt.ItemDataRole.BackgroundRole and row.overdue:
            return theme.brush("overdue_bg")
        if role == Qt.ItemDataRole.ForegroundRole and column == OVERDUE and row.overdue:
            return theme.brush("overdue_ink")
        if role == Qt.ItemDataRole.FontRole and column == OVERDUE and row.overdue:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and row.overdue:
            if self.changes is not None:
                return self.tr("{n} action(s) overdue on the moment's day: due before it and not "
                               "achieved then.").format(n=row.overdue)
            return self.tr("{n} action(s) overdue: past the due date and not achieved.").format(
                n=row.overdue)
        if role == Qt.ItemDataRole.UserRole:
            return row.project_id
        return None

    def _spoken(self, row, column: int) -> str | None:
        """A count as a screen reader says it ("2 in behandeling", "1 over tijd"), not a bare
        number beside a coloured dot; other cells as they show."""
        if FIRST_STATUS <= column < TOTAL and row.counts[STATUSES[column - FIRST_STATUS]]:
            status = STATUSES[column - FIRST_STATUS]
            return f"{row.counts[status]} {traffic_light.status_text(status)}"
        if column == OVERDUE and row.overdue:
            return f"{row.overdue} {traffic_light.overdue_text()}"
        return None



# --- a project's actions as of a reporting moment --------------------------------------------------

A_DESCRIPTION, A_OWNER, A_DUE, A_STATUS, A_REMARK, A_RECORDED, A_CHANGE = range(7)


class MomentActionsModel(SheetModel):
    """The current project's actions as of the chosen moment. Status and remark are typed here
    and recorded for the moment (a block pasted: one undo step); the other columns are read-only."""

    def __init__(self, page: ProgressOverview) -> None:
        super().__init__(page)
        self.page = page
        self.actions: list = []
        self.changed_title = ""

    def load(self, actions, changed_title: str = "") -> None:
        self.beginResetModel()
        self.actions = list(actions)
        self.changed_title = changed_title
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.actions)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else A_CHANGE + 1

    def headerData(self, section, orientation, role=DISPLAY):
        if orientation == Qt.Orientation.Horizontal and role in (DISPLAY, Qt.ItemDataRole.ToolTipRole):
            return [self.tr("Action"), self.tr("Owner"), self.tr("Due"), self.tr("Status at the moment"),
                    self.tr("Remark"), self.tr("Recorded for"), self.changed_title][section]
        return None

    def _recorded(self, action) -> str:
        if not action.recorded_for:
            return self.tr("not reported yet")
        text = action.recorded_for if not action.own else self.tr("this moment")
        if action.recorded_on is None:
            return text
        return self.tr("{moment} (entered {day})").format(moment=text, day=format_date(action.recorded_on))

    def data(self, index, role=DISPLAY):
        if not index.isValid():
            return None
        action, column = self.actions[index.row()], index.column()
        if role == Qt.ItemDataRole.EditRole and column == A_STATUS:
            return action.status.value
        if role in (DISPLAY, Qt.ItemDataRole.EditRole):
            return {A_DESCRIPTION: action.description, A_OWNER: action.owner, A_DUE: action.due,
                    A_STATUS: traffic_light.status_text(action.status), A_REMARK: action.remark,
                    A_RECORDED: self._recorded(action),
                    A_CHANGE: action.change if action.change != "ongewijzigd" else ""}[column]
        if role == Qt.ItemDataRole.DecorationRole:
            if column == A_STATUS:
                return traffic_light.dot(action.status)
            if column == A_DUE and action.overdue:
                return traffic_light.overdue_icon()
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == A_RECORDED and not action.own:
                return theme.brush("disabled")  # carried from an earlier moment, or never reported
            if column == A_DUE and action.overdue:
                return theme.brush("overdue_ink")
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == A_CHANGE and action.change_text:
                return action.change_text
            if column in (A_DESCRIPTION, A_REMARK):
                return getattr(action, "description" if column == A_DESCRIPTION else "remark")
            if column == A_STATUS:
                return self.tr("Type behaald, in behandeling, niet behaald or onbekend: recorded for "
                               "this moment")
        if role == Qt.ItemDataRole.AccessibleTextRole and column == A_DUE and action.overdue:
            return f"{action.due}, {traffic_light.overdue_text()}"
        return None

    def cell_flags(self, index):
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in (A_STATUS, A_REMARK):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def set_texts(self, cells) -> str | None:
        by_row: dict[int, dict] = {}
        for row, column, text in cells:  # everything validated before anything is written
            if column == A_STATUS:
                status = traffic_light.parse_status(text) if text.strip() else ActionStatus.UNKNOWN
                if status is None:
                    return self.tr("'{text}' is not a status; type behaald, in behandeling, niet behaald or "
                                   "onbekend.").format(text=text.strip())
                by_row.setdefault(row, {})["status"] = status
            elif column == A_REMARK:
                by_row.setdefault(row, {})["remark"] = text.strip()
            else:
                return self.tr("Only the status and the remark are recorded for a moment.")
        records = []
        for row, fields in sorted(by_row.items()):
            action = self.actions[row]
            status = fields.get("status", action.status)
            remark = fields.get("remark")
            if action.own and status is action.status and remark in (None, action.remark):
                continue  # as recorded already
            records.append((action, status, remark))
        return self.page.record(records)

    def copy_text(self, index) -> str:
        return str(self.data(index, Qt.ItemDataRole.EditRole) or "")


class ProgressOverview(PlanPage):
    project_activated = Signal(int)

    def __init__(self, context, plan_id: int, read_only_text: str = "", title: str = "",
                 parent=None) -> None:
        super().__init__(context, plan_id, f"{page_title('progress')} — {title}", read_only_text, parent)
        self.today: date | None = None  # tests set a day; None is the real today
        self._stale = False
        self.model = ProgressModel(self)

        self.status_filter = QComboBox()
        self.status_filter.setObjectName("statusFilter")
        self.status_filter.addItem(self.tr("All statuses"), None)
        for status in STATUSES:
            self.status_filter.addItem(traffic_light.dot(status), traffic_light.status_text(status), status)
        self.status_filter.setMinimumContentsLength(10)
        self.owner_filter = QComboBox()
        self.owner_filter.setObjectName("ownerFilter")
        self.owner_filter.setMinimumContentsLength(12)
        self.chapter_filter = QComboBox()
        self.chapter_filter.setObjectName("chapterFilter")
        self.chapter_filter.setMinimumContentsLength(14)
        for combo in (self.status_filter, self.owner_filter, self.chapter_filter):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.currentIndexChanged.connect(lambda _: self.refresh())
        filters = QWidget()
        row = QHBoxLayout(filters)
        row.setContentsMargins(8, 2, 8, 4)
        for label, combo in ((self.tr("Status"), self.status_filter),
                             (self.tr("Owner"), self.owner_filter),
                             (self.tr("Chapter"), self.chapter_filter)):
            caption = QLabel(label)
            name_from_label(caption, combo)
            row.addWidget(caption)
            row.addWidget(combo)
            row.addSpacing(12)
        row.addStretch(1)
        self.summary = QLabel()
        self.summary.setProperty("tone", "muted")
        # It wraps rather than widen the page (and with it the window) on a laptop screen.
        self.summary.setWordWrap(True)
        self.summary.setMinimumWidth(120)
        row.addWidget(self.summary, 1)

        self.table = QTableView()
        self.table.setObjectName("progressTable")
        accessible(self.table, self.tr("Progress per project"), self.tr(
            "One row per project: its actions per status and how many are overdue; Enter opens the project"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        rows_follow_font(self.table, 24)  # taller with the zoom
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in {NUMBER: 55, PROJECT: 380, CHAPTER: 180}.items():
            header.resizeSection(column, width)
        for column in range(FIRST_STATUS, OVERDUE + 1):
            header.resizeSection(column, 115 if column < TOTAL else 70)
        header.setSectionResizeMode(PROJECT, QHeaderView.ResizeMode.Stretch)
        # Double-click and Enter open the project (not ``activated``: it would fire twice
        # or not at all depending on the platform's single-click setting).
        self.table.doubleClicked.connect(self._activated)
        self.table.installEventFilter(self)

        # The reporting moment: "Now" (today's statuses) or one of the plan's moments.
        self.overview_at: MomentOverview | None = None
        self.moment_choice = QComboBox()
        self.moment_choice.setObjectName("momentChoice")
        self.moment_choice.setMinimumContentsLength(18)
        self.moment_choice.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.moment_choice.setMaximumWidth(480)
        self.moment_choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.moment_choice.currentIndexChanged.connect(lambda _: self._moment_chosen())
        self.new_moment_button = QPushButton(self.tr("&New reporting moment…"))
        self.new_moment_button.setObjectName("newMoment")
        self.new_moment_button.clicked.connect(self.ask_new_moment)
        self.delete_moment_button = QPushButton(self.tr("Delete…"))
        self.delete_moment_button.setObjectName("deleteMoment")
        accessible(self.delete_moment_button, self.tr("Delete reporting moment"))
        self.delete_moment_button.setToolTip(self.tr("Delete the chosen reporting moment with the statuses "
                                                     "recorded for it (undo with Ctrl+Z)"))
        self.delete_moment_button.clicked.connect(self.delete_chosen_moment)
        self.moment_note = QLabel()
        self.moment_note.setObjectName("momentNote")
        self.moment_note.setProperty("tone", "muted")
        self.moment_note.setWordWrap(True)
        self.moment_note.setMinimumWidth(120)
        moment_row = QWidget()
        line = QHBoxLayout(moment_row)
        line.setContentsMargins(8, 0, 8, 4)
        caption = QLabel(self.tr("Reporting &moment"))
        name_from_label(caption, self.moment_choice, self.tr(
            "Now shows today's statuses; a reporting moment shows the statuses as of its day and what "
            "changed since the previous moment"))
        line.addWidget(caption)
        line.addWidget(self.moment_choice)
        line.addWidget(self.new_moment_button)
        line.addWidget(self.delete_moment_button)
        line.addStretch(1)
        self.moment_note.setContentsMargins(8, 0, 8, 4)
        self.moment_note.hide()

        # At a moment: the current project's actions as of it; status and remark typed there.
        self.actions_model = MomentActionsModel(self)
        self.actions_table = sheet_table(self.actions_model, "momentActionsTable", context,
                                         {A_DESCRIPTION: 300, A_OWNER: 100, A_DUE: 85, A_STATUS: 150,
                                          A_REMARK: 140, A_RECORDED: 225, A_CHANGE: 140}, least=200)
        self.actions_table.message.connect(self.messages.show_message)
        self.actions_caption = QLabel()
        self.actions_caption.setStyleSheet("font-weight: bold; padding-left: 4px;")
        self.actions_caption.setWordWrap(True)
        accessible(self.actions_table, self.tr("Actions at the reporting moment"), self.tr(
            "The project's actions as of the chosen moment; type a status or remark to record it for "
            "that moment"))
        self.actions_box = QWidget()
        box = QVBoxLayout(self.actions_box)
        box.setContentsMargins(0, 4, 0, 0)
        box.addWidget(self.actions_caption)
        box.addWidget(self.actions_table, 1)
        self.actions_box.hide()
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.actions_box)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)

        layout = self.layout()
        layout.addWidget(filters)
        layout.addWidget(moment_row)
        layout.addWidget(self.moment_note)
        layout.addWidget(self.messages)
        layout.addWidget(self.splitter, 1)

        self._fill_choices()
        self.refresh()
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_actions())
        context.changed.connect(self._changed)
        context.data_changed.connect(self._rebuild)

    # --- data ------------------------------------------------------------------------------

    def focus_main(self) -> None:
        """The keyboard in the projects' table once the page is shown (the window asks)."""
        self.table.setFocus()

    def _changed(self, change) -> None:
        # Only the plan's content (projects, goals, actions) changes progress: a budget cell
        # typed on another page must not re-read 200 projects.
        if change is not None and not (change.concerns(self.plan_id) and change.affects(Part.PROGRESS)):
            return
        if self.isVisible():
            self._rebuild()
        else:  # read again when shown
            self._stale = True

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        if self._stale:
            self._stale = False
            self._rebuild()
        super().showEvent(event)

    def _rebuild(self) -> None:
        self._fill_choices()
        self.refresh()

    def _fill_choices(self) -> None:
        """The owners named in the plan and its chapters; the current choices are kept."""
        workspace = self.context.workspace
        if workspace is None:
            return
        owners = progress.load_owners(workspace, self.plan_id)
        chapters = rm.load_chapter_choices(workspace, self.plan_id)
        self._set_items(self.owner_filter, self.tr("All owners"), [(o, o) for o in owners])
        self._set_items(self.chapter_filter, self.tr("All chapters"), chapters)
        self._set_items(self.moment_choice, self.tr("Now (current status)"),
                        [(m.id, self.moment_label(m)) for m in load_moments(workspace, self.plan_id)])
        self.delete_moment_button.setEnabled(self.moment_id is not None)

    def moment_label(self, moment) -> str:
        """ "Voortgangsrapportage 1 juli 2022 (stand op 01-07-2022)"; a moment named after its day
        by default ("Stand op 01-07-2022") as it is."""
        day = format_date(moment.on)
        if moment.name == f"Stand op {day}":
            return moment.name
        return self.tr("{name} (as of {day})").format(name=moment.name, day=day)

    @property
    def moment_id(self) -> int | None:
        """The chosen reporting moment; None: now."""
        return self.moment_choice.currentData()

    def choose_moment(self, moment_id: int | None) -> bool:
        index = self.moment_choice.findData(moment_id) if moment_id is not None else 0
        if index < 0:
            return False
        self.moment_choice.setCurrentIndex(index)
        return True

    def _moment_chosen(self) -> None:
        self.delete_moment_button.setEnabled(self.moment_id is not None)
        self.refresh()

    @staticmethod
    def _set_items(combo: QComboBox, everything: str, items) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, None)
        for data, label in items:
            combo.addItem(label, data)
        found = combo.findData(current) if current is not None else 0
        combo.setCurrentIndex(max(found, 0))
        combo.blockSignals(False)

    def refresh(self) -> None:
        workspace = self.context.workspace
        if workspace is None:
            return
        if self.moment_id is not None:
            self._refresh_at_moment()
            return
        self.overview_at = None
        self.moment_note.setText("")
        self.moment_note.hide()
        self.actions_box.hide()
        self.table.setColumnHidden(CHAPTER, False)
        rows = progress.load_progress_overview(
            workspace, self.plan_id, status=self.status_filter.currentData(),
            owner=self.owner_filter.currentData(), chapter_id=self.chapter_filter.currentData(),
            today=self.today)
        self.model.load(rows)
        actions = sum(r.total for r in rows)
        overdue = sum(r.overdue for r in rows)
        text = self.tr("{projects} projects, {actions} actions").format(
            projects=len(rows), actions=actions)
        if overdue:
            text += self.tr(", of which {n} overdue").format(n=overdue)
        self.summary.setText(text)

    def changed_title(self, overview: MomentOverview) -> str:
        """The title of the "changed since" columns: the previous moment by its day (the line above
        the table names it in full)."""
        if overview.previous is None:
            return self.tr("Changes (first moment)")
        return self.tr("Changed since {day}").format(day=format_date(overview.previous.on))

    def _refresh_at_moment(self) -> None:
        """The overview as of the chosen moment: counts, overdue on its day, changes per project."""
        current = self.model.rows[self.table.currentIndex().row()].project_id \
            if self.table.currentIndex().isValid() and self.model.rows else None
        overview = load_moment_overview(
            self.context.workspace, self.plan_id, self.moment_id, status=self.status_filter.currentData(),
            owner=self.owner_filter.currentData(), chapter_id=self.chapter_filter.currentData())
        if overview is None:  # deleted meanwhile: back to now
            self.choose_moment(None)
            return
        self.overview_at = overview
        title = self.changed_title(overview)
        tip = (self.tr("What changed per project since {moment}: new, improved, worsened, achieved").format(
            moment=self.moment_label(overview.previous)) if overview.previous is not None
            else self.tr("The first reporting moment: every action reported is new"))
        self.model.load(overview.rows, overview.changes, title, tip)
        # Room for what changed: the chapter is in the project's number (and in the filter).
        self.table.setColumnHidden(CHAPTER, True)
        self.table.horizontalHeader().resizeSection(CHANGED, 230)
        rows = overview.rows
        text = self.tr("{projects} projects, {actions} actions").format(
            projects=len(rows), actions=sum(r.total for r in rows))
        overdue = sum(r.overdue for r in rows)
        if overdue:
            text += self.tr(", of which {n} overdue on {day}").format(n=overdue, day=format_date(overview.moment.on))
        self.summary.setText(text)
        total = sum(overview.changes.values(), start=Counter())
        note = self.tr("As of {day}: {records} status(es) recorded for this moment.").format(
            day=format_date(overview.moment.on), records=overview.records)
        if overview.previous is not None:
            note += " " + self.tr("Since {moment}: {changes}.").format(
                moment=overview.previous.name, changes=change_summary(total) or self.tr("nothing changed"))
        self.moment_note.setText(note)
        self.moment_note.show()
        found = next((i for i, r in enumerate(rows) if r.project_id == current), 0 if rows else None)
        if found is not None:
            self.table.setCurrentIndex(self.model.index(found, NUMBER))
        self.actions_box.show()
        self._show_actions()

    def _show_actions(self) -> None:
        """The current project's actions as of the moment, under the table."""
        overview = self.overview_at
        if overview is None or self.moment_id is None:
            return
        index = self.table.currentIndex()
        row = self.model.rows[index.row()] if index.isValid() and index.row() < len(self.model.rows) else None
        actions = overview.actions.get(row.project_id, []) if row is not None else []
        self.actions_model.load(actions, self.changed_title(overview))
        if row is None:
            self.actions_caption.setText(self.tr("Choose a project above to see its actions."))
        else:
            self.actions_caption.setText(self.tr("Actions of {project} as of {moment}").format(
                project=f"{row.number} {row.title}".strip(), moment=self.moment_label(overview.moment)))

    # --- reporting moments: add, delete, record a status ------------------------------------

    def command(self, command) -> str | None:
        """Run ``command``: its refusal (also in the message bar), or None."""
        from app.views.commands import execute

        message = execute(self.context, command)
        self.messages.show_message(message or "")
        return message

    def new_moment(self, on: date, name: str = "") -> str | None:
        """Add a reporting moment (one undo step) and show the overview at it; a refusal, or None."""
        command = mc.add_moment_command(self.context, self.plan_id, on, name, self.tr("New reporting moment"))
        message = self.command(command)
        if message is None:
            self._rebuild()
            self.choose_moment(command.new_id)
        return message

    def ask_new_moment(self) -> None:
        from app.views.projects.moment_dialog import MomentDialog

        self.moment_dialog = MomentDialog(self, self.new_moment, self.today)
        self.moment_dialog.exec()
        self.moment_dialog = None

    def delete_chosen_moment(self, confirm: bool = True) -> bool:
        moment_id, overview = self.moment_id, self.overview_at
        if moment_id is None or overview is None:
            return False
        if confirm:
            answer = QMessageBox.question(
                self, self.tr("Delete reporting moment"),
                self.tr("Delete “{moment}” and the {records} status(es) recorded for it? The actions keep "
                        "their current status.").format(
                    moment=self.moment_label(overview.moment), records=overview.records)
                + "\n\n" + self.tr("This can be undone with Ctrl+Z."))
            if answer != QMessageBox.StandardButton.Yes:
                return False
        return self.command(mc.delete_moment_command(
            self.context, self.plan_id, moment_id, self.tr("Delete reporting moment"))) is None

    def record(self, records) -> str | None:
        """Record (action, status, remark or None) for the chosen moment: one undo step."""
        if not records:
            return None
        if self.moment_id is None:
            return self.tr("Choose a reporting moment first.")
        from app.views.commands import CompoundCommand

        text = self.tr("Record status")
        commands = [mc.RecordStatusCommand(self.context, self.plan_id, action.project_id, action.id,
                                           self.moment_id, status, remark, text, today=self.today)
                    for action, status, remark in records]
        return self.command(commands[0] if len(commands) == 1 else CompoundCommand(self.context, commands, text))

    def eventFilter(self, watched, event) -> bool:
        if (watched is self.table and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            self._activated(self.table.currentIndex())
            return True
        return super().eventFilter(watched, event)

    def _activated(self, index) -> None:
        if index.isValid():
            self.project_activated.emit(self.model.rows[index.row()].project_id)

