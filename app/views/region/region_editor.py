"""The region page: its name, its municipalities, its municipality sets and its allocation keys.

Each table is a thin model (app.views.region.region_models) over one read of the region
(app.services.region_admin); every button is one undo command (region_commands). The questions
(a name, a set's members, a confirmation) are methods of their own, so tests answer them.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.models import KeyMethod
from app.services.region_admin import load_region_admin
from app.services.region_edit import SetState
from app.views.changes import Part, affects
from app.views.commands import execute
from app.views.editor_parts import (
    MessageBar, ask, form_dialog, name_from_label, ok_cancel, page_title, sheet_table, titled)
from app.views.region import region_commands as commands
from app.views.region.region_models import KeysModel, MunicipalitiesModel, SetsModel



class SetDialog(QDialog):
    """A set's code and name, and its members ticked from the region's municipalities."""

    def __init__(self, parent, title: str, municipalities, code: str = "", name: str = "",
                 checked=()) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.code = QLineEdit(code)
        self.name = QLineEdit(name)
        self.members = QListWidget()
        for municipality in municipalities:
            item = QListWidgetItem(municipality.name)
            item.setData(Qt.ItemDataRole.UserRole, municipality.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if municipality.id in checked else Qt.CheckState.Unchecked)
            self.members.addItem(item)
        self.members.setCurrentRow(0)
        form = QFormLayout(self)
        form.addRow(self.tr("&Code (e.g. H8)"), self.code)
        form.addRow(self.tr("&Name"), self.name)
        form.addRow(self.tr("&Members (Space ticks)"), self.members)
        ok_cancel(self, form)

    def answer(self) -> tuple[str, str, tuple[int, ...]]:
        ticked = tuple(self.members.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.members.count())
                       if self.members.item(i).checkState() == Qt.CheckState.Checked)
        return self.code.text(), self.name.text(), ticked


class RegionEditor(QWidget):
    def __init__(self, context, region_id: int, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.region_id = region_id
        self.admin = None
        self.title = page_title("")
        self.messages = MessageBar()
        self.name = QLineEdit()
        self.name.setObjectName("regionName")
        self.name.editingFinished.connect(self._name_edited)

        self.municipalities_model = MunicipalitiesModel(context, self)
        self.sets_model = SetsModel(context, self)
        self.keys_model = KeysModel(context, self)
        self.municipalities = sheet_table(self.municipalities_model, "regionMunicipalities", context,
                                          {0: 170, 1: 80}, least=140)
        self.sets = sheet_table(self.sets_model, "regionSets", context, {0: 60, 1: 200}, elastic=2, most=560)
        # The note takes what is left: name, method, filled in, used by and basis always show.
        # Beside the municipalities on a laptop: at most 560 px asked (with a dock open it scrolls).
        self.keys = sheet_table(self.keys_model, "regionKeys", context,
                                {0: 170, 1: 95, 2: 70, 3: 140, 4: 100}, elastic=5, least=100, most=560)
        for view in (self.municipalities, self.sets, self.keys):
            view.message.connect(self.messages.show_message)
        # Named by their captions (titled below); what they hold and how to type in them:
        self.municipalities.setAccessibleDescription(self.tr(
            "The municipalities of the region and the groups each belongs to; type a name to rename one"))
        self.sets.setAccessibleDescription(self.tr(
            "Groups of municipalities with their code, name and members; Enter on the members ticks them"))
        self.keys.setAccessibleDescription(self.tr(
            "The region's allocation keys, their method and the plans that use them"))
        self.sets.activated.connect(self._set_activated)  # a double click on the members
        self.sets.installEventFilter(self)  # Enter on the members (the table's Enter moves down)

        self.add_municipality_button = self._button(self.tr("&Add…"), self.add_municipality,
                                                    self.municipalities, QKeySequence(Qt.Key.Key_Insert))
        self.up_button = self._button(self.tr("Up"), lambda: self.move_municipality(-1), self.municipalities,
                                      QKeySequence("Ctrl+Up"))
        self.down_button = self._button(self.tr("Down"), lambda: self.move_municipality(1), self.municipalities,
                                        QKeySequence("Ctrl+Down"))
        self.remove_municipality_button = self._button(self.tr("Remove…"), self.remove_municipality,
                                                       self.municipalities, QKeySequence("Ctrl+Delete"))
        self.add_set_button = self._button(self.tr("Add &group…"), self.add_set, self.sets,
                                           QKeySequence(Qt.Key.Key_Insert))
        self.members_button = self._button(self.tr("&Tick members…"), self.edit_members, self.sets)
        self.remove_set_button = self._button(self.tr("Remove"), self.remove_set, self.sets,
                                              QKeySequence("Ctrl+Delete"))
        self.add_key_button = self._button(self.tr("&New key…"), self.add_key, self.keys,
                                           QKeySequence(Qt.Key.Key_Insert))
        self.copy_key_button = self._button(self.tr("&Copy…"), self.copy_key, self.keys)
        self.remove_key_button = self._button(self.tr("Remove…"), self.remove_key, self.keys,
                                              QKeySequence("Ctrl+Delete"))

        name_row = QHBoxLayout()
        name_row.setContentsMargins(8, 0, 8, 0)
        name_label = QLabel(self.tr("&Name of the region"))
        name_from_label(name_label, self.name)
        name_row.addWidget(name_label)
        name_row.addWidget(self.name, 1)

        left = QVBoxLayout()
        left.addWidget(titled(self.tr("Municipalities"), self.municipalities), 1)
        left.addLayout(_row(self.add_municipality_button, self.remove_municipality_button))
        left.addLayout(_row(self.up_button, self.down_button))
        key_note = QLabel(self.tr("The shares of a key are filled in on the Allocation key page of a plan "
                                  "that uses it; there each plan also chooses its key."))
        key_note.setWordWrap(True)
        key_note.setProperty("tone", "note")
        right = QVBoxLayout()
        right.addWidget(titled(self.tr("Groups of municipalities"), self.sets), 1)
        right.addLayout(_row(self.add_set_button, self.members_button, self.remove_set_button))
        right.addWidget(titled(self.tr("Allocation keys"), self.keys, key_note), 1)
        right.addLayout(_row(self.add_key_button, self.copy_key_button, self.remove_key_button))
        columns = QHBoxLayout()
        columns.setContentsMargins(8, 0, 8, 8)
        municipalities = QWidget()
        municipalities.setLayout(left)
        municipalities.setMaximumWidth(330)  # its two columns; the groups and keys take the rest
        left.setContentsMargins(0, 0, 0, 0)
        columns.addWidget(municipalities)
        columns.addLayout(right, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addWidget(self.messages)
        layout.addLayout(name_row)
        layout.addLayout(columns, 1)
        context.changed.connect(self._on_change)
        context.data_changed.connect(self.reload)
        self.reload()

    def _button(self, text: str, slot, table, shortcut: QKeySequence | None = None) -> QPushButton:
        """A button under ``table``; its shortcut works while the table has the focus."""
        button = QPushButton(text)
        button.clicked.connect(slot)
        if shortcut is not None:
            action = QAction(text, table)
            action.setShortcut(shortcut)
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(slot)
            table.addAction(action)
            button.setToolTip(shortcut.toString(QKeySequence.SequenceFormat.NativeText))
        return button

    def focus_main(self) -> None:
        """The keyboard in the municipalities once the page is shown (the window asks)."""
        self.municipalities.setFocus()

    # --- reading ------------------------------------------------------------------------------

    def reload(self) -> None:
        if self.context.workspace is None:
            return
        self.admin = load_region_admin(self.context.workspace, self.region_id)
        focus = QApplication.focusWidget()  # a table, or the name being typed in one of its cells
        places = [(view, view.currentIndex(), focus is view or view.isAncestorOf(focus))
                  for view in (self.municipalities, self.sets, self.keys)]
        for model in (self.municipalities_model, self.sets_model, self.keys_model):
            model.set_admin(self.admin)
        for view, index, focused in places:  # the cursor stays where it was (or on the last row)
            rows = view.model().rowCount()
            if rows and index.isValid():
                view.setCurrentIndex(view.model().index(min(index.row(), rows - 1), index.column()))
            if focused:  # the reset closed the cell's editor: the keyboard stays in the table
                view.setFocus()
        if self.admin is None:
            return
        self.title.setText(self.tr("Region {name}: municipalities, groups and allocation keys").format(
            name=self.admin.name))
        if not (self.name.hasFocus() and self.name.isModified()):  # not over what is being typed
            self.name.setText(self.admin.name)
        writable = not self.context.read_only
        for widget in (self.name, self.add_municipality_button, self.up_button, self.down_button,
                       self.remove_municipality_button, self.add_set_button, self.members_button,
                       self.remove_set_button, self.add_key_button, self.copy_key_button,
                       self.remove_key_button):
            widget.setEnabled(writable)

    def _on_change(self, change) -> None:
        if affects(change, Part.REGION_SHEETS):
            self.reload()

    def _current(self, view, rows):
        index = view.currentIndex()
        return rows[index.row()] if self.admin is not None and index.isValid() and index.row() < len(rows) else None

    def _run(self, command) -> bool:
        message = execute(self.context, command)
        self.messages.show_message(message or "")
        return message is None

    # --- questions (tests answer them) --------------------------------------------------------

    def ask_text(self, title: str, label: str, text: str = "") -> str | None:
        value, ok = QInputDialog.getText(self, title, label, text=text)
        return value if ok else None

    def ask_confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, title, text,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def ask_set(self, title: str, code: str = "", name: str = "", checked=()):
        """(code, name, member ids) or None."""
        dialog = SetDialog(self, title, self.admin.municipalities, code, name, checked)
        return dialog.answer() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def ask_key(self):
        """(name, method) of a new key, or None."""
        dialog, form = form_dialog(self, self.tr("New allocation key"))
        name = QLineEdit()
        method = QComboBox()
        method.addItem(self.tr("Percentages"), KeyMethod.PERCENTAGE)
        method.addItem(self.tr("Derived from a basis figure (e.g. inhabitants)"), KeyMethod.BASIS)
        form.addRow(self.tr("&Name (e.g. Inhabitants 1-1-2023)"), name)
        form.addRow(self.tr("&Shares"), method)
        return (name.text(), method.currentData()) if ask(dialog, form) else None

    # --- the region's name ----------------------------------------------------------------------

    def _name_edited(self) -> None:
        if self.admin is None or self.name.text().strip() == self.admin.name:
            return
        self.name.setModified(False)  # typed and done: the field shows the file's name from now on
        if not self._run(commands.rename_region(self.context, self.region_id, self.name.text(),
                                                self.tr("Rename the region"), self.admin.name)):
            self.name.setText(self.admin.name)

    # --- municipalities -------------------------------------------------------------------------

    def add_municipality(self) -> None:
        if self.admin is None:
            return
        name = self.ask_text(self.tr("Add municipality"), self.tr("Name of the municipality"))
        if name is None:
            return
        current = self.municipalities.currentIndex()
        index = current.row() + 1 if current.isValid() else None  # under the row looked at
        if self._run(commands.add_municipality(self.context, self.region_id, name, index,
                                               self.tr("Add municipality {name}").format(name=name.strip()))):
            self._go_to(self.municipalities, next(
                (row for row, m in enumerate(self.admin.municipalities) if m.name == " ".join(name.split())), 0))

    def move_municipality(self, step: int) -> None:
        row = self.municipalities.currentIndex().row()
        found = self._current(self.municipalities, self.admin.municipalities if self.admin else ())
        if found is None or not 0 <= row + step < len(self.admin.municipalities):
            return
        if self._run(commands.move_municipality(self.context, found.id, row + step,
                                                self.tr("Move {name}").format(name=found.name))):
            self._go_to(self.municipalities, row + step)

    def remove_municipality(self) -> None:
        found = self._current(self.municipalities, self.admin.municipalities if self.admin else ())
        if found is None:
            return
        from app.services.region_edit import municipality_uses

        uses = municipality_uses(self.context.workspace, found.id)
        text = self.tr("Remove {name} from the region?").format(name=found.name)
        if uses:
            text += "\n\n" + self.tr("With it go:") + "\n" + "\n".join(f"• {use}" for use in uses)
        text += "\n\n" + self.tr("You can undo this with Ctrl+Z.")
        if self.ask_confirm(self.tr("Remove municipality"), text):
            self._run(commands.delete_municipality(self.context, found.id,
                                                   self.tr("Remove {name}").format(name=found.name)))

    # --- sets -------------------------------------------------------------------------------------

    def add_set(self) -> None:
        if self.admin is None:
            return
        answer = self.ask_set(self.tr("New group of municipalities"))
        if answer is not None:
            code, name, members = answer
            if self._run(commands.add_municipality_set(self.context, self.region_id, code, name, members,
                                                       self.tr("Add group {code}").format(code=code.strip()))):
                self._go_to(self.sets, len(self.admin.sets) - 1)

    def _set_activated(self, index) -> None:
        if index.column() == SetsModel.MEMBERS:
            self.edit_members()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        if (watched is self.sets and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers()
                and self.sets.currentIndex().column() == SetsModel.MEMBERS):
            self.edit_members()
            return True
        return super().eventFilter(watched, event)

    def edit_members(self) -> None:
        found = self._current(self.sets, self.admin.sets if self.admin else ())
        if found is None:
            return
        answer = self.ask_set(self.tr("Members of {code}").format(code=found.code), found.code, found.name,
                              found.member_ids)
        if answer is not None:
            code, name, members = answer
            seen = SetState(found.code, found.name, tuple(found.member_ids))  # refused when changed meanwhile
            self._run(commands.set_municipality_set(self.context, found.id, code, name, members,
                                                    self.tr("Change {code}").format(code=found.code), seen))

    def remove_set(self) -> None:
        found = self._current(self.sets, self.admin.sets if self.admin else ())
        if found is not None:
            self._run(commands.delete_municipality_set(self.context, found.id,
                                                       self.tr("Remove group {code}").format(code=found.code)))

    # --- keys -------------------------------------------------------------------------------------

    def add_key(self) -> None:
        if self.admin is None:
            return
        answer = self.ask_key()
        if answer is not None:
            name, method = answer
            if self._run(commands.add_key(self.context, self.region_id, name, method,
                                          self.tr("New allocation key {name}").format(name=name.strip()))):
                self._go_to(self.keys, self._key_row(name))

    def copy_key(self) -> None:
        found = self._current(self.keys, self.admin.keys if self.admin else ())
        if found is None:
            return
        name = self.ask_text(self.tr("Copy allocation key"), self.tr("Name of the copy"),
                             self.tr("{name} (copy)").format(name=found.name))
        if name is not None and self._run(commands.duplicate_key(
                self.context, found.id, name, self.tr("Copy allocation key {name}").format(name=found.name))):
            self._go_to(self.keys, self._key_row(name))

    def remove_key(self) -> None:
        found = self._current(self.keys, self.admin.keys if self.admin else ())
        if found is None:
            return
        text = self.tr("Remove the allocation key “{name}”?").format(name=found.name)
        if found.used_by and not found.adopted:
            text += "\n\n" + self.tr("These plans then have no key until you choose one: {plans}.").format(
                plans=", ".join(found.used_by))
        if self.ask_confirm(self.tr("Remove allocation key"), text):
            self._run(commands.delete_key(self.context, found.id,
                                          self.tr("Remove allocation key {name}").format(name=found.name)))

    def _key_row(self, name: str) -> int:
        wanted = " ".join(name.split())
        return next((row for row, k in enumerate(self.admin.keys) if k.name == wanted), 0)

    def _go_to(self, view, row: int) -> None:
        if view.model().rowCount():
            view.setCurrentIndex(view.model().index(row, 0))
            view.setFocus()


def _row(*buttons) -> QHBoxLayout:
    row = QHBoxLayout()
    row.setContentsMargins(4, 0, 0, 4)
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    return row
