"""Terugzetten naar server: the review before a laptop copy goes back (issue 22). What was changed
offline is listed; where someone changed the same thing on the server meanwhile, both values stand
side by side and the user ticks the one to keep, per row (or all at once). Nothing is decided for
them: Terugzetten stays disabled until every conflict has its choice.
"""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

WHAT, TAKEN, MINE, THEIRS = range(4)
CHOICE_OF_COLUMN = {MINE: "mine", THEIRS: "theirs"}


class ConflictsModel(QAbstractTableModel):
    """The conflicts of a planned bring-back (app.services.laptop_copy.BringBack), one per row: the
    offline and the server's value are check boxes, one of the two ticked per row."""

    choices_changed = Signal()

    def __init__(self, conflicts, parent=None) -> None:
        super().__init__(parent)
        self.conflicts = list(conflicts)
        self.choices: dict[str, str] = {}

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.conflicts)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else 4

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 - Qt API
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return [self.tr("What"), self.tr("When taken along"), self.tr("Yours (offline)"),
                    self.tr("On the server")][section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        conflict, column = self.conflicts[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return [conflict.label, conflict.base_text, conflict.mine_text, conflict.theirs_text][column]
        if role == Qt.ItemDataRole.CheckStateRole and column in CHOICE_OF_COLUMN:
            chosen = self.choices.get(conflict.id) == CHOICE_OF_COLUMN[column]
            return Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked
        return None

    def flags(self, index):
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in CHOICE_OF_COLUMN:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802 - Qt API
        if role != Qt.ItemDataRole.CheckStateRole or index.column() not in CHOICE_OF_COLUMN:
            return False
        if Qt.CheckState(value) != Qt.CheckState.Checked:
            return False  # a choice is changed by ticking the other value, never left empty
        self.choose(index.row(), CHOICE_OF_COLUMN[index.column()])
        return True

    def choose(self, row: int, choice: str) -> None:
        self.choices[self.conflicts[row].id] = choice
        self.dataChanged.emit(self.index(row, MINE), self.index(row, THEIRS), [Qt.ItemDataRole.CheckStateRole])
        self.choices_changed.emit()

    def choose_all(self, choice: str) -> None:
        for row in range(len(self.conflicts)):
            self.choices[self.conflicts[row].id] = choice
        if self.conflicts:
            self.dataChanged.emit(self.index(0, MINE), self.index(len(self.conflicts) - 1, THEIRS),
                                  [Qt.ItemDataRole.CheckStateRole])
        self.choices_changed.emit()

    def undecided(self) -> int:
        return sum(1 for c in self.conflicts if c.id not in self.choices)


class BringBackDialog(QDialog):
    def __init__(self, parent, plan) -> None:
        super().__init__(parent)
        self.setObjectName("bringBackDialog")
        self.setWindowTitle(self.tr("Bring back to the server"))
        self.plan = plan
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("“{file}” goes back to {server}. What you changed offline is written there "
                               "as one step.").format(file=plan.laptop.name, server=plan.server))
        intro.setWordWrap(True)
        layout.addWidget(intro)

        self.changes_label = QLabel(self.tr("Changed offline ({count}):").format(count=len(plan.changes)))
        layout.addWidget(self.changes_label)
        self.changes = QListView()
        self.changes.setObjectName("offlineChanges")
        self.changes.setModel(QStringListModel([c.text for c in plan.changes], self.changes))
        self.changes.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.changes.setAccessibleName(self.tr("Changed offline"))
        self.changes_label.setBuddy(self.changes)
        layout.addWidget(self.changes, 1)

        self.model = ConflictsModel(plan.conflicts, self)
        self.conflicts_label = QLabel(self.tr(
            "Also changed on the server meanwhile ({count}): tick the value to keep.").format(
            count=len(plan.conflicts)))
        self.conflicts_label.setWordWrap(True)
        self.table = QTableView()
        self.table.setObjectName("conflictsTable")
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Changed on both sides"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(WHAT, QHeaderView.ResizeMode.Stretch)
        for column in (TAKEN, MINE, THEIRS):  # the values side by side, whole (the tooltip too)
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setVisible(False)
        self.conflicts_label.setBuddy(self.table)
        mine_all = QPushButton(self.tr("All &mine"))
        mine_all.clicked.connect(lambda: self.model.choose_all("mine"))
        theirs_all = QPushButton(self.tr("All from the &server"))
        theirs_all.clicked.connect(lambda: self.model.choose_all("theirs"))
        choices = QHBoxLayout()
        choices.addWidget(self.conflicts_label, 1)
        choices.addWidget(mine_all)
        choices.addWidget(theirs_all)
        layout.addLayout(choices)
        layout.addWidget(self.table, 2)
        for widget in (self.conflicts_label, self.table, mine_all, theirs_all):
            widget.setVisible(bool(plan.conflicts))

        self.message = QLabel()
        self.message.setObjectName("messageBar")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.bring_back_button = self.buttons.addButton(self.tr("&Bring back"),
                                                        QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.model.choices_changed.connect(self._sync)
        self.resize(980, 560)
        self._sync()

    def _sync(self) -> None:
        left = self.model.undecided()
        if self.plan.refusal:
            self.message.setText(self.plan.refusal)
        elif left:
            self.message.setText(self.tr("Still to choose: {count} of {total}.").format(
                count=left, total=len(self.plan.conflicts)))
        else:
            self.message.setText("")
        self.message.setVisible(bool(self.message.text()))
        self.bring_back_button.setEnabled(not left and not self.plan.refusal)

    def choices(self) -> dict[str, str]:
        return dict(self.model.choices)
