"""Bestand > Openen van server…: the shared office database on PostgreSQL (issue 22).

Server, port, database and user, as the office's administrator gives them; the password typed
here, and kept in the system's keyring when the user asks (app/services/passwords.py), never in
Planbord's settings. The dialog stays open when the database cannot be opened: the reason shows in
red under the fields and the user corrects it or cancels.
"""
from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from PySide6.QtWidgets import QCheckBox, QDialogButtonBox, QLineEdit, QSpinBox

from app.views.editor_parts import RefusableForm


class ServerDialog(RefusableForm):
    def __init__(self, parent, connect: Callable[[dict], str | None], last_address: str = "",
                 can_remember: bool = False) -> None:
        """``connect(fields)`` opens the database and returns a Dutch refusal, or None."""
        super().__init__(parent, "serverDialog", QDialogButtonBox.StandardButton.Open)
        self.setWindowTitle(self.tr("Open from server"))
        self._connect = connect
        self.add_intro(self.tr("The shared database of the programme office on a PostgreSQL server. Ask the "
                               "administrator for these details."))
        last = urlsplit(last_address) if last_address else None
        self.host = QLineEdit(last.hostname or "" if last else "")
        self.host.setObjectName("serverHost")
        self.port = QSpinBox()
        self.port.setObjectName("serverPort")
        self.port.setRange(1, 65535)
        self.port.setValue(last.port or 5432 if last else 5432)
        self.database = QLineEdit(last.path.strip("/") if last else "")
        self.database.setObjectName("serverDatabase")
        self.user = QLineEdit(last.username or "" if last else "")
        self.user.setObjectName("serverUser")
        self.password = QLineEdit()
        self.password.setObjectName("serverPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = QCheckBox(self.tr("&Remember the password in the system's keyring"))
        self.remember.setObjectName("serverRemember")
        if not can_remember:
            self.remember.setEnabled(False)
            self.remember.setToolTip(self.tr("This computer has no keyring: the password is asked each time."))
        self.form.addRow(self.tr("&Server:"), self.host)
        self.form.addRow(self.tr("&Port:"), self.port)
        self.form.addRow(self.tr("&Database:"), self.database)
        self.form.addRow(self.tr("&User:"), self.user)
        self.form.addRow(self.tr("Pass&word:"), self.password)
        self.form.addRow(self.remember)
        self.finish()
        (self.password if self.host.text() and self.database.text() else self.host).setFocus()

    def fields(self) -> dict:
        return {"host": self.host.text().strip(), "port": self.port.value(), "database": self.database.text().strip(),
                "user": self.user.text().strip(), "password": self.password.text(),
                "remember": self.remember.isChecked()}

    def accept(self) -> None:
        fields = self.fields()
        if not fields["host"] or not fields["database"]:
            self.refuse(self.tr("Fill in the server and the database."))
            return
        message = self._connect(fields)
        if message:
            self.refuse(message)
            return
        super().accept()
