"""The ambitions of the regional vision: ticked per project on the project form, and the
region's list edited in a small dialog. Every tick and every list edit is one undo command
(app/views/projects/project_commands.py); the widgets only show what the services return.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.views.projects import project_commands as pc
from app.views.editor_parts import MessageBar, accessible
from app.views.changes import Part, affects

ID_ROLE = Qt.ItemDataRole.UserRole


class AmbitionChecklist(QListWidget):
    """The region's ambitions with a tick at each one the project serves.

    ``toggled(ids)`` carries the full new set after the user ticks or unticks one.
    """

    toggled = Signal(list)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("projectAmbitions")
        self._loading = False
        self.itemChanged.connect(self._on_item_changed)

    def load(self, choices, read_only: bool) -> None:
        self._loading = True
        self.clear()
        for choice in choices:
            item = QListWidgetItem(choice.text)
            item.setData(ID_ROLE, choice.id)
            flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
            if not read_only:
                flags |= Qt.ItemFlag.ItemIsUserCheckable
            item.setFlags(flags)
            item.setCheckState(Qt.CheckState.Checked if choice.served else Qt.CheckState.Unchecked)
            self.addItem(item)
        # As tall as its rows: the form scrolls, the list does not.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        rows = max(1, self.count())
        row_height = self.sizeHintForRow(0)
        if row_height <= 0:
            row_height = self.fontMetrics().lineSpacing() + 4
        self.setFixedHeight(row_height * rows + 2 * self.frameWidth() + 4)
        self._loading = False

    def checked_ids(self) -> list[int]:
        return [self.item(r).data(ID_ROLE) for r in range(self.count())
                if self.item(r).checkState() == Qt.CheckState.Checked]

    def _on_item_changed(self, _item) -> None:
        if not self._loading:
            self.toggled.emit(self.checked_ids())


class AmbitionsDialog(QDialog):
    """The region's list: add, rename, move and delete, each an undo command applied at once."""

    def __init__(self, context, region_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.region_id = region_id
        self.setWindowTitle(self.tr("Ambitions of the regional vision"))
        self.resize(620, 380)
        self.list = QListWidget()
        self.list.setObjectName("regionAmbitions")
        accessible(self.list, self.tr("Ambitions of the regional vision"),
                   self.tr("Every plan of the region chooses from this list"))
        self.list.itemDoubleClicked.connect(lambda _item: self.rename())
        self.message = MessageBar()

        buttons = QVBoxLayout()
        self.add_button = self._button(self.tr("&Add…"), self.add, buttons)
        self.rename_button = self._button(self.tr("&Rename…"), self.rename, buttons)
        self.up_button = self._button(self.tr("&Up"), lambda: self.shift(-1), buttons)
        self.down_button = self._button(self.tr("Do&wn"), lambda: self.shift(1), buttons)
        self.delete_button = self._button(self.tr("&Delete"), self.delete, buttons)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addLayout(buttons)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Every plan of the region chooses from this list. "
                                        "Changes can be undone with Ctrl+Z.")))
        layout.addLayout(row, 1)
        layout.addWidget(self.message)
        layout.addWidget(close)
        self.list.currentRowChanged.connect(lambda _row: self._update_buttons())
        context.changed.connect(self._on_change)
        self.reload()

    def _button(self, text: str, slot, layout) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(slot)
        layout.addWidget(button)
        return button

    def _on_change(self, change) -> None:
        if affects(change, Part.AMBITION_LIST):
            self.reload()

    def reload(self) -> None:
        from app.services.ambitions import load_region_ambitions

        current = self.current_id()
        rows = load_region_ambitions(self.context.workspace, self.region_id)
        self.list.clear()
        for row in rows:
            item = QListWidgetItem(row.text)
            item.setData(ID_ROLE, row.id)
            self.list.addItem(item)
        self.select(current)
        self._update_buttons()

    def current_id(self) -> int | None:
        item = self.list.currentItem()
        return item.data(ID_ROLE) if item is not None else None

    def select(self, ambition_id: int | None) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(ID_ROLE) == ambition_id:
                self.list.setCurrentRow(row)
                return

    def _update_buttons(self) -> None:
        row = self.list.currentRow()
        has = row >= 0
        self.rename_button.setEnabled(has)
        self.delete_button.setEnabled(has)
        self.up_button.setEnabled(has and row > 0)
        self.down_button.setEnabled(has and row < self.list.count() - 1)

    def run(self, command) -> bool:
        from app.views.commands import execute

        refusal = execute(self.context, command)
        self.message.show_message(refusal or "")
        return refusal is None

    # Text prompts are separate methods so tests can answer them.
    def ask_text(self, title: str, text: str = "") -> str | None:
        value, ok = QInputDialog.getText(self, title, self.tr("Ambition:"), text=text)
        return value if ok else None

    def add(self, text: str | None = None) -> bool:
        text = text if text is not None else self.ask_text(self.tr("New ambition"))
        if text is None:
            return False
        row = self.list.currentRow()
        command = pc.AddAmbitionCommand(self.context, self.region_id, text,
                                        None if row < 0 else row + 1, self.tr("New ambition"))
        if self.run(command):
            self.select(command.new_id)
            return True
        return False

    def rename(self, text: str | None = None) -> bool:
        item = self.list.currentItem()
        if item is None:
            return False
        text = text if text is not None else self.ask_text(self.tr("Rename ambition"), item.text())
        if text is None or text.strip() == item.text():
            return False
        return self.run(pc.rename_ambition_command(self.context, item.data(ID_ROLE), text,
                                                   self.tr("Rename ambition"), seen=item.text()))

    def shift(self, step: int) -> bool:
        row = self.list.currentRow()
        if row < 0 or not 0 <= row + step < self.list.count():
            return False
        ambition_id = self.current_id()
        text = self.tr("Move ambition up") if step < 0 else self.tr("Move ambition down")
        if self.run(pc.move_ambition_command(self.context, ambition_id, row + step, text)):
            self.select(ambition_id)
            return True
        return False

    def delete(self) -> bool:
        item = self.list.currentItem()
        if item is None:
            return False
        return self.run(pc.delete_ambition_command(
            self.context, item.data(ID_ROLE), self.tr("Delete ambition “{name}”").format(name=item.text())))
