"""The progress overview ("voortgang"): one row per project with its actions counted per
traffic-light status, overdue actions highlighted, filters by status, owner and chapter.

Double-click or Enter on a row emits ``project_activated(project_id)``; the main window
opens that project. The page follows every change to its plan (context.changed).
"""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QWidget,
)

from app.models import ActionStatus
from app.services import progress
from app.services import read_models as rm
from app.views import theme, traffic_light
from app.views.sheet_view import rows_follow_font
from app.views.editor_parts import PlanPage, accessible, name_from_label
from app.views.shell.navigation import page_title
from app.views.changes import Part

DISPLAY = Qt.ItemDataRole.DisplayRole
STATUSES = (ActionStatus.UNKNOWN, ActionStatus.IN_PROGRESS, ActionStatus.ACHIEVED,
            ActionStatus.NOT_ACHIEVED)
NUMBER, PROJECT, CHAPTER = range(3)
FIRST_STATUS = 3
TOTAL = FIRST_STATUS + len(STATUSES)
OVERDUE = TOTAL + 1


class ProgressModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[progress.ProgressRow] = []

    def load(self, rows) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else OVERDUE + 1

    def headerData(self, section, orientation, role=DISPLAY):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == DISPLAY:
            if FIRST_STATUS <= section < TOTAL:
                return traffic_light.status_text(STATUSES[section - FIRST_STATUS])
            return {NUMBER: self.tr("No."), PROJECT: self.tr("Project"), CHAPTER: self.tr("Chapter"),
                    TOTAL: self.tr("Actions"), OVERDUE: self.tr("Overdue")}[section]
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

        layout = self.layout()
        layout.addWidget(filters)
        layout.addWidget(self.messages)
        layout.addWidget(self.table, 1)

        self._fill_choices()
        self.refresh()
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

    def eventFilter(self, watched, event) -> bool:
        if (watched is self.table and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            self._activated(self.table.currentIndex())
            return True
        return super().eventFilter(watched, event)

    def _activated(self, index) -> None:
        if index.isValid():
            self.project_activated.emit(self.model.rows[index.row()].project_id)

