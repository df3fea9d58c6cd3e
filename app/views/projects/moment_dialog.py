"""The small question behind "New reporting moment…": the day the statuses are as of (stand op)
and a name ("Voortgangsrapportage 1 juli 2022"; empty: "Stand op dd-mm-jjjj").

The dialog stays open when the moment is refused (a moment on that day already): the refusal
shows in red under the fields and the user picks another day or cancels."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit

from app.views.editor_parts import name_form_fields


class MomentDialog(QDialog):
    def __init__(self, parent, create: Callable[[date, str], str | None], on: date | None = None) -> None:
        """``create(on, name)`` makes the moment and returns a Dutch refusal, or None."""
        super().__init__(parent)
        self.setObjectName("momentDialog")
        self.setWindowTitle(self.tr("New reporting moment"))
        self.setMinimumWidth(460)
        self._create = create
        form = QFormLayout(self)
        intro = QLabel(self.tr("The statuses you record for this moment are as of its day; earlier "
                               "moments stay as they were."))
        intro.setWordWrap(True)
        form.addRow(intro)
        self.on = QDateEdit()
        self.on.setObjectName("momentDate")
        self.on.setDisplayFormat("dd-MM-yyyy")
        self.on.setCalendarPopup(True)
        day = on or date.today()
        self.on.setDate(QDate(day.year, day.month, day.day))
        self.name = QLineEdit()
        self.name.setObjectName("momentName")
        self.name.setMaxLength(200)
        self.name.setPlaceholderText(self.tr("e.g. Voortgangsrapportage 1 juli 2022"))
        form.addRow(self.tr("&As of:"), self.on)
        form.addRow(self.tr("&Name:"), self.name)
        self.error = QLabel()
        self.error.setObjectName("messageBar")
        self.error.setWordWrap(True)
        self.error.hide()
        form.addRow(self.error)
        name_form_fields(form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.on.setFocus()

    def day(self) -> date:
        return self.on.date().toPython()

    def accept(self) -> None:
        message = self._create(self.day(), self.name.text())
        if message:
            self.error.setText(message)
            self.error.show()
            self.adjustSize()  # room for the message's lines
            return
        super().accept()
