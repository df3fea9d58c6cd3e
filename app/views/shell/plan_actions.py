"""The tree's plan actions: adopt a plan (vaststellen) and make next year's plan from it.

Both are undoable steps (app.views.shell.plan_commands): adopting is undone by putting the
draft state back, next year's plan by removing the plan it made. The questions (date and body; how to fill the new year) are
methods of their own so tests can answer them.
"""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QMessageBox



class PlanActions(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.adopt_action = QAction(self.tr("Adopt…"), window)
        self.adopt_action.triggered.connect(self.adopt)
        self.next_year_action = QAction(self.tr("Next year's plan…"), window)
        self.next_year_action.triggered.connect(self.next_year)

    def actions_for(self, node) -> list[QAction]:
        plan = self.window._plans.get(node.plan_id)
        from app.models import PlanKind, PlanStatus

        writable = not self.window.context.read_only
        self.adopt_action.setEnabled(writable and plan is not None and plan.status is PlanStatus.DRAFT
                                     and plan.kind is not PlanKind.SCENARIO)
        self.next_year_action.setEnabled(writable and plan is not None)
        return [self.adopt_action, self.next_year_action]

    def _plan_id(self) -> int | None:
        node = self.window.current_node
        return node.plan_id if node is not None else None

    def _run(self, command) -> bool:
        from app.views.commands import execute  # with the first edit: the window opens before the domain

        refusal = execute(self.window.context, command)
        if refusal:
            from app.views.shell.opening import show_error

            show_error(self.window, refusal)
            return False
        return True  # the change (a whole plan) makes the window refresh its tree and pages

    # --- questions (tests answer them) ---------------------------------------------------------

    def ask_adoption(self) -> tuple[str, str] | None:
        dialog = QDialog(self.window)
        dialog.setWindowTitle(self.tr("Adopt the plan"))
        when = QLineEdit(date.today().strftime("%d-%m-%Y"))
        body = QLineEdit("BOJ")
        form = QFormLayout(dialog)
        form.addRow(self.tr("Adopted on"), when)
        form.addRow(self.tr("Adopted by"), body)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        form.addRow(buttons)
        return (when.text(), body.text()) if dialog.exec() == QDialog.DialogCode.Accepted else None

    def ask_next_year_fill(self):
        from app.services.next_year import NewYearFill

        dialog = QDialog(self.window)
        dialog.setWindowTitle(self.tr("Next year's plan"))
        choice = QComboBox()
        choice.addItem(self.tr("The amounts of the year before"), NewYearFill.COPY)
        choice.addItem(self.tr("Empty"), NewYearFill.EMPTY)
        choice.addItem(self.tr("id. (the same as the year before)"), NewYearFill.IDEM)
        form = QFormLayout(dialog)
        form.addRow(self.tr("The new last year holds"), choice)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        form.addRow(buttons)
        return choice.currentData() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def show_summary(self, text: str) -> None:
        QMessageBox.information(self.window, self.tr("Next year's plan"), text)

    # --- the actions -----------------------------------------------------------------------------

    def adopt(self) -> None:
        plan_id = self._plan_id()
        answer = self.ask_adoption() if plan_id is not None else None
        if answer is None:
            return
        from app.views.shell.plan_commands import adopt_command

        self._run(adopt_command(self.window.context, plan_id, answer[0], answer[1], self.tr("Adopt the plan")))

    def next_year(self) -> None:
        plan_id = self._plan_id()
        fill = self.ask_next_year_fill() if plan_id is not None else None
        if fill is None:
            return
        from app.views.shell.plan_commands import NextYearCommand

        command = NextYearCommand(self.window.context, plan_id, fill, self.tr("Next year's plan"))
        if self._run(command):
            self.show_summary(command.summary.text())
