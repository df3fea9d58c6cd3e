"""The tree's plan actions: a new plan (from the region), and from a plan a scenario, next
year's plan, renaming, its year columns, adoption (vaststellen) and deleting it.

Each is one undoable step (app.views.shell.plan_commands). The questions (a plan's year and
title, date and body, how to fill the new year, a confirmation) are methods of their own, so
tests answer them.
"""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QSpinBox,
)

from app.views.editor_parts import ask, form_dialog

FIRST_YEAR, LAST_YEAR = 1900, 2200
MOST_NAMED = 12  # amounts named in a question; the rest are counted
MOST_COMPARISON = 3  # comparison columns before a plan's own years


class PlanActions(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.adopt_action = QAction(self.tr("&Adopt…"), window)
        self.adopt_action.triggered.connect(self.adopt)
        self.next_year_action = QAction(self.tr("Next &year's plan…"), window)
        self.next_year_action.triggered.connect(self.next_year)
        self.new_plan_action = QAction(self.tr("Ne&w plan…"), window)
        self.new_plan_action.triggered.connect(self.new_plan)
        self.scenario_action = QAction(self.tr("Make a &scenario"), window)
        self.scenario_action.triggered.connect(self.scenario)
        self.rename_action = QAction(self.tr("Rena&me plan…"), window)
        self.rename_action.triggered.connect(self.rename)
        self.years_action = QAction(self.tr("Year &columns…"), window)
        self.years_action.triggered.connect(self.year_columns)
        self.delete_action = QAction(self.tr("Delete p&lan…"), window)
        self.delete_action.triggered.connect(self.delete)

    def actions_for(self, node) -> list[QAction | None]:
        """The plan actions of a tree item (None: a separator); those that do not apply greyed."""
        writable = not self.window.context.read_only
        self.new_plan_action.setEnabled(writable)
        if node.kind in ("region", "monitor"):
            return [self.new_plan_action]
        plan = self.window._plans.get(node.plan_id)
        from app.models import PlanKind, PlanStatus

        draft = plan is not None and plan.status is PlanStatus.DRAFT
        self.adopt_action.setEnabled(writable and draft and plan.kind is not PlanKind.SCENARIO)
        for action in (self.next_year_action, self.scenario_action, self.delete_action):
            action.setEnabled(writable and plan is not None)
        for action in (self.rename_action, self.years_action):
            action.setEnabled(writable and draft)
        return [self.adopt_action, self.next_year_action, self.scenario_action, self.new_plan_action, None,
                self.rename_action, self.years_action, None, self.delete_action]

    def _plan_id(self) -> int | None:
        node = self.window.current_node
        return node.plan_id if node is not None else None

    def _region_id(self) -> int | None:
        node = self.window.current_node
        if node is not None and node.kind in ("region", "monitor"):
            return node.id
        plan = self.window._plans.get(self._plan_id())
        return plan.region_id if plan is not None else None

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
        dialog, form = form_dialog(self.window, self.tr("Adopt the plan"))
        when = QLineEdit(date.today().strftime("%d-%m-%Y"))
        body = QLineEdit("BOJ")
        form.addRow(self.tr("Adopted on"), when)
        form.addRow(self.tr("Adopted by"), body)
        return (when.text(), body.text()) if ask(dialog, form) else None

    def ask_next_year_fill(self):
        from app.services.next_year import NewYearFill

        dialog, form = form_dialog(self.window, self.tr("Next year's plan"))
        choice = QComboBox()
        choice.addItem(self.tr("The amounts of the year before"), NewYearFill.COPY)
        choice.addItem(self.tr("Empty"), NewYearFill.EMPTY)
        choice.addItem(self.tr("id. (the same as the year before)"), NewYearFill.IDEM)
        form.addRow(self.tr("The new last year holds"), choice)
        return choice.currentData() if ask(dialog, form) else None

    def ask_new_plan(self, region_id: int):
        """(PlanSetup, key id or None) of a new plan, or None."""
        from app.services.new_workspace import PlanSetup
        from app.services.plan_edit import plan_years_taken
        from app.services.region_admin import load_region_admin

        workspace = self.window.context.workspace
        taken = plan_years_taken(workspace, region_id)
        admin = load_region_admin(workspace, region_id)
        dialog, form = form_dialog(self.window, self.tr("New plan"))
        year = _year_box(max(taken) + 1 if taken else date.today().year + 1)
        title = QLineEdit()
        title.setPlaceholderText(self.tr("Uitvoeringsplan {year}").format(year=year.value()))
        year.valueChanged.connect(lambda y: title.setPlaceholderText(self.tr("Uitvoeringsplan {year}").format(year=y)))
        first, last = _year_box(year.value()), _year_box(year.value() + 2)
        half_days = QLineEdit("10")
        key = QComboBox()
        key.addItem(self.tr("(choose later)"), None)
        for row in admin.keys if admin is not None else ():
            key.addItem(row.name, row.id)
        key.setCurrentIndex(min(1, key.count() - 1))
        form.addRow(self.tr("&Year"), year)
        form.addRow(self.tr("&Title"), title)
        form.addRow(self.tr("Budget &from"), first)
        form.addRow(self.tr("Budget &to"), last)
        form.addRow(self.tr("&Half-days per fte"), half_days)
        form.addRow(self.tr("Allocation &key"), key)
        if not ask(dialog, form):
            return None
        return PlanSetup(year.value(), title.text(), first.value(), last.value(), half_days.text()), key.currentData()

    def ask_year_columns(self, first: int, last: int, comparison: int = 0) -> tuple[int, int, int] | None:
        """(first, last, comparison columns) of the budget, or None."""
        dialog, form = form_dialog(self.window, self.tr("Year columns"))
        first_box, last_box = _year_box(first), _year_box(last)
        comparison_box = QSpinBox()
        comparison_box.setRange(0, MOST_COMPARISON)
        comparison_box.setValue(comparison)
        comparison_box.setToolTip(self.tr("The first columns can hold last year's budget, shown and printed "
                                          "for comparison: never funded, split over the municipalities or checked."))
        form.addRow(self.tr("Budget &from"), first_box)
        form.addRow(self.tr("Budget &to"), last_box)
        form.addRow(self.tr("Of which for &comparison"), comparison_box)
        return (first_box.value(), last_box.value(), comparison_box.value()) if ask(dialog, form) else None

    def ask_text(self, title: str, label: str, text: str = "") -> str | None:
        value, ok = QInputDialog.getText(self.window, title, label, text=text)
        return value if ok else None

    def ask_confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self.window, title, text,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

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
            self._open(command.new_id)
            self.show_summary(command.summary.text())

    def new_plan(self) -> None:
        region_id = self._region_id()
        answer = self.ask_new_plan(region_id) if region_id is not None else None
        if answer is None:
            return
        from app.views.shell.plan_commands import new_plan_command

        setup, key_id = answer
        command = new_plan_command(self.window.context, region_id, setup, key_id,
                                   self.tr("New plan {year}").format(year=setup.year))
        if self._run(command):
            self._open(command.new_id)

    def scenario(self) -> None:
        plan_id = self._plan_id()
        if plan_id is None:
            return
        from app.views.shell.plan_commands import scenario_command

        command = scenario_command(self.window.context, plan_id, self.tr("Make a scenario"))
        if self._run(command):
            self._open(command.new_id)

    def rename(self) -> None:
        plan = self.window._plans.get(self._plan_id())
        if plan is None:
            return
        reason = self.window.read_only_text(plan.id)
        if reason:  # F2 on an adopted plan: no title asked that cannot be kept; say why, as for its chapters
            self.window.statusBar().showMessage(reason, 8000)
            return
        title = self.ask_text(self.tr("Rename plan"), self.tr("Title:"), plan.title)
        if title is None or title.strip() == plan.title:
            return
        from app.views.shell.plan_commands import rename_plan_command

        self._run(rename_plan_command(self.window.context, plan.id, title, self.tr("Rename plan"), plan.title))

    def year_columns(self) -> None:
        plan = self.window._plans.get(self._plan_id())
        answer = (self.ask_year_columns(plan.first_year, plan.last_year, plan.comparison_columns)
                  if plan is not None else None)
        if answer is None or answer == (plan.first_year, plan.last_year, plan.comparison_columns):
            return
        from app.services.plan_edit import amounts_outside
        from app.views.shell.plan_commands import year_columns_command

        first, last, comparison = answer
        lost = amounts_outside(self.window.context.workspace, plan.id, first, last) if first <= last else []
        if lost:
            named = "\n".join(f"• {line}" for line in lost[:MOST_NAMED])
            if len(lost) > MOST_NAMED:
                named += "\n" + self.tr("… and {count} more").format(count=len(lost) - MOST_NAMED)
            text = self.tr("Years {first}–{last} leave out these amounts, which are removed:").format(
                first=first, last=last) + "\n\n" + named + "\n\n" + self.tr("You can undo this with Ctrl+Z.")
            if not self.ask_confirm(self.tr("Year columns"), text):
                return
        self._run(year_columns_command(self.window.context, plan.id, first, last, comparison,
                                       self.tr("Year columns {first}–{last}").format(first=first, last=last),
                                       (plan.first_year, plan.last_year, plan.comparison_columns)))

    def delete(self) -> None:
        plan = self.window._plans.get(self._plan_id())
        if plan is None:
            return
        from app.models import PlanStatus

        if not self.ask_confirm(self.tr("Delete plan"), self.tr(
                "Delete “{title}” with its chapters, projects, staffing, budget and funding? You can "
                "undo this with Ctrl+Z.").format(title=plan.title)):
            return
        adopted = plan.status is PlanStatus.ADOPTED
        if adopted and not self.ask_confirm(self.tr("Delete an adopted plan"), self.tr(
                "“{title}” is adopted: it is what the councils were told. Are you sure you want to "
                "delete an adopted plan?").format(title=plan.title)):
            return
        from app.views.shell.plan_commands import delete_plan_command

        self._run(delete_plan_command(self.window.context, plan.id, adopted,
                                      self.tr("Delete plan “{title}”").format(title=plan.title)))

    def _open(self, plan_id: int) -> None:
        """Show the plan a command made, open in the tree."""
        from app.views.shell.navigation import Node

        if self.window.show_node(Node("plan", plan_id, plan_id)):
            self.window.tree.expand(self.window.tree.currentIndex())


def _year_box(value: int) -> QSpinBox:
    box = QSpinBox()
    box.setRange(FIRST_YEAR, LAST_YEAR)
    box.setGroupSeparatorShown(False)
    box.setValue(value)
    return box

