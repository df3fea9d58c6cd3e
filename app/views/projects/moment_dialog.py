"""The small question behind "New reporting moment…": the day the statuses are as of (stand op)
and a name ("Voortgangsrapportage 1 juli 2022"; empty: "Stand op dd-mm-jjjj").

The dialog stays open when the moment is refused (a moment on that day already): the refusal
shows in red under the fields and the user picks another day or cancels."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QLineEdit

from app.views.editor_parts import RefusableForm


class MomentDialog(RefusableForm):
    def __init__(self, parent, create: Callable[[date, str], str | None], on: date | None = None) -> None:
        """``create(on, name)`` makes the moment and returns a Dutch refusal, or None."""
        super().__init__(parent, "momentDialog")
        self.setWindowTitle(self.tr("New reporting moment"))
        self._create = create
        self.add_intro(self.tr("The statuses you record for this moment are as of its day; earlier "
                               "moments stay as they were."))
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
        self.form.addRow(self.tr("&As of:"), self.on)
        self.form.addRow(self.tr("&Name:"), self.name)
        self.finish()
        self.on.setFocus()

    def day(self) -> date:
        return self.on.date().toPython()

    def accept(self) -> None:
        message = self._create(self.day(), self.name.text())
        if message:
            self.refuse(message)
            return
        super().accept()
