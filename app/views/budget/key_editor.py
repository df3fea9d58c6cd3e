"""The Verdeelsleutel page: the key's shares with their sum, and the contributions per municipality."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from app.models import KeyMethod
from app.services import key_edit
from app.views.editor_parts import (
    MessageBar, PlanPage, accessible, fit_rows, name_from_label, sheet_table, titled)
from app.views.changes import ChangeKind
from app.views.commands import CallCommand, FieldsCommand
from app.views.budget.contributions_model import ContributionsModel, SettlementsModel
from app.views.budget.key_model import KeyModel


class KeyEditor(PlanPage):
    def __init__(self, context, plan_id: int, read_only_text: str = "", title: str = "",
                 parent=None) -> None:
        super().__init__(context, plan_id,
                         QCoreApplication.translate("KeyEditor", "Allocation key and contributions — {plan}").format(plan=title),
                         read_only_text, parent)
        self.model = KeyModel(context, plan_id, self)
        self.contributions_model = ContributionsModel(context, plan_id, "budget", self)
        self.fixed_model = ContributionsModel(context, plan_id, "fixed", self)
        self.settlements_model = SettlementsModel(context, plan_id, self)

        # The key's own problem (not 100 %) stays visible until it is solved; the message
        # bar above is for the last action only.
        self.problem = MessageBar()
        self.problem.setObjectName("keyProblem")
        self.problem.setProperty("tone", "problem")  # red and bold (app/resources/planbord.qss)

        # Which of the region's keys this plan splits its costs by.
        self.key_choice = QComboBox()
        self.key_choice.setObjectName("keyChoice")
        self.key_choice.setMinimumContentsLength(24)
        self.key_choice.activated.connect(self._key_chosen)
        # A draft whose key an adopted plan also uses cannot change its shares: one click gives
        # it a copy of its own.
        self.copy_key_button = QPushButton(self.tr("Copy to &change"))
        self.copy_key_button.setToolTip(self.tr("This key is also used by an adopted plan, which keeps it as "
                                                "adopted. Give this plan a copy of its own to change the shares."))
        self.copy_key_button.clicked.connect(self.copy_key)
        self.method = QComboBox()
        self.method.addItem(self.tr("Derived from a basis figure"), KeyMethod.BASIS)
        self.method.addItem(self.tr("Percentages"), KeyMethod.PERCENTAGE)
        self.method.activated.connect(self._method_chosen)
        self.basis_note = QLabel()
        self.basis_note.setWordWrap(True)
        self.basis_note.setProperty("tone", "note")
        top = QHBoxLayout()
        top.setContentsMargins(8, 6, 8, 0)
        key_label = QLabel(self.tr("&Key:"))
        name_from_label(key_label, self.key_choice)
        top.addWidget(key_label)
        top.addWidget(self.key_choice)
        top.addWidget(self.copy_key_button)
        top.addSpacing(16)
        shares_label = QLabel(self.tr("Shares:"))
        name_from_label(shares_label, self.method)
        top.addWidget(shares_label)
        top.addWidget(self.method)
        top.addStretch(1)

        self.table = sheet_table(self.model, "keyTable", context, {0: 220})
        self.contributions = sheet_table(self.contributions_model, "contributionsTable", context, {0: 220})
        self.fixed = sheet_table(self.fixed_model, "fixedSettlementsTable", context, {0: 220})
        self.settlements = sheet_table(self.settlements_model, "settlementsTable", context,
                                       {0: 250, 1: 80, 2: 100, 3: 100, 4: 100})
        for view in (self.table, self.contributions, self.fixed, self.settlements):
            view.message.connect(self.messages.show_message)
        # Named by their captions (titled below); what they hold and whether one types in them:
        self.table.setAccessibleDescription(self.tr(
            "The share of each municipality; type its basis figure or its percentage"))
        self.contributions.setAccessibleDescription(self.tr(
            "What each municipality contributes per year, calculated from the budget and the key"))
        self.fixed.setAccessibleDescription(self.tr("Fixed settlements per municipality per year; read-only"))
        self.settlements.setAccessibleDescription(self.tr(
            "Fixed settlements paid from local funds per year; read-only"))

        # Every table as tall as its rows, so each Totaal is in sight; the page scrolls instead.
        for view in (self.table, self.contributions, self.fixed, self.settlements):
            fit_rows(view)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        # What is split: the budget minus what others pay; and a warning for example key figures.
        self.split_note = QLabel()
        self.split_note.setObjectName("splitNote")
        self.split_note.setWordWrap(True)
        self.split_note.setProperty("tone", "strong-note")
        right_layout.addWidget(titled(self.tr("Contribution per municipality (budget)"), self.contributions,
                                      self.split_note))
        right_layout.addWidget(titled(self.tr("Fixed regional settlements per municipality"), self.fixed))
        right_layout.addWidget(titled(self.tr("Fixed regional settlements from local funds"), self.settlements))
        right_layout.addStretch(1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(titled(self.tr("Allocation key"), self.table, self.basis_note))
        left_layout.addStretch(1)
        content = QWidget()
        columns = QHBoxLayout(content)
        columns.setContentsMargins(0, 0, 6, 0)
        columns.addWidget(left, 4)
        columns.addWidget(right, 5)
        splitter = QScrollArea()
        splitter.setWidgetResizable(True)
        splitter.setFrameShape(QScrollArea.Shape.NoFrame)
        splitter.setWidget(content)
        accessible(splitter, self.tr("Allocation key and contributions"))

        layout = self.layout()
        layout.addLayout(top)
        layout.addWidget(self.messages)
        layout.addWidget(self.problem)
        layout.addWidget(splitter, 1)
        self.model.modelReset.connect(self._sync)
        self.contributions_model.modelReset.connect(self._show_split)
        self.contributions_model.dataChanged.connect(self._show_split)
        self._sync()
        self._show_split()

    def focus_main(self) -> None:
        """The keyboard in the key's shares once the page is shown (the window asks)."""
        self.table.setFocus()

    def chart_target(self, kind: str, key):
        """(table, row) a chart's bar stands for on this page, or None (see ChartDock)."""
        if kind == "municipality" and self.model.sheet is not None:
            for row, share in enumerate(self.model.sheet.rows):
                if share.municipality == key:
                    return self.table, row
        return None

    def _sync(self) -> None:
        sheet = self.model.sheet
        if sheet is None:
            return
        self.key_choice.clear()
        if sheet.key_id is None:
            self.key_choice.addItem(self.tr("(none chosen)"), None)
        for key_id, name in sheet.choices:
            self.key_choice.addItem(name, key_id)
        self.key_choice.setCurrentIndex(max(0, self.key_choice.findData(sheet.key_id)))
        self.key_choice.setEnabled(not sheet.plan_adopted and not self.context.read_only)
        self.copy_key_button.setVisible(sheet.key_id is not None and sheet.read_only and not sheet.plan_adopted
                                        and not self.context.read_only)
        self.method.setCurrentIndex(0 if sheet.method is KeyMethod.BASIS else 1)
        self.method.setEnabled(not self.model.read_only)
        self.basis_note.setText(self.tr("{key} — basis: {label}").format(key=sheet.name, label=sheet.basis_label))
        self.problem.show_message(sheet.problem)

    def _key_chosen(self, index: int) -> None:
        key_id = self.key_choice.itemData(index)
        sheet = self.model.sheet
        if sheet is None or key_id is None or key_id == sheet.key_id:
            return
        from app.views.region.region_commands import set_plan_key

        if not self.run(set_plan_key(self.context, self.plan_id, key_id, self.tr("Choose allocation key {name}").format(
                name=self.key_choice.itemText(index)), {"allocation_key_id": sheet.key_id})):
            self._sync()

    def _show_split(self, *_args) -> None:
        """“2022: budget € 1.280.000 − other funding € 242.500 = to split € 1.037.500”."""
        from app.formatting import format_money

        result = self.contributions_model.result
        lines = []
        if result is not None:
            lines = [self.tr("{year}: budget {budget} − other funding {other} = split over the municipalities "
                             "{split}").format(year=y, budget=format_money(result.budget[y], 0),
                                               other=format_money(result.other_funding[y], 0),
                                               split=format_money(result.totals[y], 0))
                     for y in sorted(result.budget) if result.other_funding.get(y)]
            if result.example:
                lines.append("<b>" + self.tr("Example figures: this key holds example figures, not the ones the "
                                             "region agreed on; replace them before the contributions are used.")
                             + "</b>")
        self.split_note.setText("<br>".join(lines))
        self.split_note.setVisible(bool(lines))

    def copy_key(self) -> None:
        """A copy of the key, named after this plan's year, chosen by this plan: one undo step."""
        sheet = self.model.sheet
        if sheet is None or sheet.key_id is None:
            return
        from app.views.commands import CompoundCommand
        from app.views.region import region_commands

        name = f"{sheet.name} ({self.context.plan_year(self.plan_id)})"
        copy = region_commands.duplicate_key(self.context, sheet.key_id, name, "")
        workspace, plan_id = self.context.workspace, self.plan_id
        choose = CallCommand(self.context, plan_id, ChangeKind.KEY, "",
                             do=lambda: key_edit.set_plan_key(workspace, plan_id, copy.new_id),
                             undo_with=lambda old: key_edit.set_plan_key(workspace, plan_id, old))
        self.run(CompoundCommand(self.context, [copy, choose],
                                 self.tr("Copy allocation key {name}").format(name=sheet.name)))

    def _method_chosen(self, index: int) -> None:
        method = self.method.itemData(index)
        sheet = self.model.sheet
        if sheet is None or sheet.key_id is None or method == sheet.method:
            return
        workspace, key_id = self.context.workspace, sheet.key_id

        def write(expected, values):
            return key_edit.set_key_fields(workspace, key_id, expected, **values)

        # ``seen``: the method shown; refused when someone else changed it meanwhile.
        if not self.run(FieldsCommand(self.context, self.plan_id, ChangeKind.KEY, self.tr("Change key method"),
                                      write, {"method": method}, {"method": sheet.method})):
            self._sync()
