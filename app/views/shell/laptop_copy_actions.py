"""Bestand > Meenemen voor offline gebruik… and Terugzetten naar server… (issue 22): the shared
database taken along into a file for the meeting, and that file's offline work brought back,
reviewed (app/views/shell/bring_back_dialog.py). The work is app/services/laptop_copy.py's; this
module asks the user and shows what happened.
"""
from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QLineEdit, QMessageBox

from app.errors import UserError
from app.views.shell.opening import file_filter, open_interactively, show_error, with_suffix

log = logging.getLogger(__name__)


class LaptopCopyActions(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.take_along_action = QAction(self.tr("Take &along for offline use…"), window)
        self.take_along_action.setStatusTip(self.tr(
            "A file of the shared database to work on without the server (in a meeting); bring it back afterwards"))
        self.take_along_action.triggered.connect(self.take_along)
        self.bring_back_action = QAction(self.tr("Brin&g back to the server…"), window)
        self.bring_back_action.setStatusTip(self.tr(
            "What you changed offline in this file, written to the server it was taken from"))
        self.bring_back_action.triggered.connect(self.bring_back)
        window.context.workspace_changed.connect(self._sync)
        self._sync()

    def _sync(self) -> None:
        workspace = self.window.context.workspace
        self.take_along_action.setEnabled(workspace is not None and workspace.on_server)
        self.bring_back_action.setEnabled(self._taken_along() is not None)

    def _taken_along(self):
        workspace = self.window.context.workspace
        if workspace is None or workspace.on_server:
            return None
        from app.services.laptop_copy import checkout_of

        try:
            return checkout_of(workspace)
        except Exception:  # noqa: BLE001 - a file that cannot say: the action stays off
            log.warning("laptop copy record not readable", exc_info=True)
            return None

    # --- taking along ------------------------------------------------------------------------------

    def take_along(self) -> None:
        window = self.window
        workspace = window.context.workspace
        if workspace is None or not workspace.on_server:
            return
        stem = self.tr("{database} offline {day}").format(database=workspace.path.stem,
                                                          day=date.today().strftime("%d-%m-%Y"))
        name, _ = QFileDialog.getSaveFileName(window, self.tr("Take along for offline use"),
                                              str(Path(window.start_dir()) / f"{stem}.planbord"), file_filter(),
                                              options=QFileDialog.Option.DontConfirmOverwrite)
        if not name:
            return
        target = with_suffix(Path(name))
        if target.exists():
            show_error(window, self.tr("“{name}” already exists; Planbord never replaces a file. Choose "
                                       "another name.").format(name=target.name))
            return
        from app.services.laptop_copy import check_out

        try:
            with _busy():
                made = check_out(workspace.path.url.render_as_string(hide_password=False), target,
                                 window.current_plan_id)
        except UserError as exc:
            show_error(window, exc.message)
            return
        answer = QMessageBox.question(window, self.tr("Taken along"), self.tr(
            "The shared database is in “{name}”. Work in it offline, then choose File > Bring back to the "
            "server; what others change meanwhile is kept apart and shown to you then. Open the file "
            "now?").format(name=made.path.name))
        if answer == QMessageBox.StandardButton.Yes:
            window.open_path(made.path)
        else:
            window.statusBar().showMessage(self.tr("Taken along in “{name}”.").format(name=made.path.name), 8000)

    # --- bringing back -----------------------------------------------------------------------------

    def bring_back(self) -> bool:
        """Review and bring back the open laptop copy; True when it was written to the server."""
        from app.services import laptop_copy

        window = self.window
        taken = self._taken_along()
        if taken is None:
            return False
        path = window.context.workspace.path
        password = None
        while True:
            try:
                with _busy():
                    plan = laptop_copy.plan_bring_back(path, password)
                break
            except UserError as exc:
                password = self.ask_password(taken.server, exc.message)
                if password is None:
                    return False
        if plan.nothing_to_do:
            QMessageBox.information(window, self.tr("Bring back to the server"), self.tr(
                "Nothing was changed offline in “{name}”; there is nothing to bring back.").format(name=path.name))
            return False
        from app.views.shell.bring_back_dialog import BringBackDialog

        dialog = BringBackDialog(window, plan)
        if not self.run_dialog(dialog):
            return False
        choices = dialog.choices()
        # The file is written too (it becomes the server's data): this window lets go of it first
        # and opens it again afterwards, whatever happened.
        window.context.workspace.close()
        try:
            with _busy():
                done = laptop_copy.bring_back(path, choices, password, planned=plan)
        except UserError as exc:
            show_error(window, exc.message)
            return False
        finally:
            reopened = open_interactively(window, path)
            if reopened is not None:
                window.context.set_workspace(reopened)
        window.statusBar().showMessage(self.tr(
            "Brought back to {server}: {applied} changes; {mine} of your values and {theirs} of the server's "
            "kept where both changed.").format(server=done.server, applied=done.applied, mine=done.mine,
                                               theirs=done.theirs), 15000)
        return True

    def run_dialog(self, dialog) -> bool:
        """Show the review; a seam tests replace."""
        return dialog.exec() == dialog.DialogCode.Accepted

    def ask_password(self, server: str, reason: str) -> str | None:
        """The server's password, asked after ``reason`` (it could not be reached without); None
        when the user cancels. A seam tests replace."""
        text, ok = QInputDialog.getText(self.window, self.tr("Bring back to the server"), self.tr(
            "{reason}\n\nPassword for {server}:").format(reason=reason, server=server),
            QLineEdit.EchoMode.Password)
        return text if ok and text else None


class _busy:
    """The wait cursor while the server works (a bring-back of a large plan takes seconds)."""

    def __enter__(self):
        from PySide6.QtCore import Qt

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)

    def __exit__(self, *exc) -> None:
        QApplication.restoreOverrideCursor()
