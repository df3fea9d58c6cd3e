"""File > New workspace: a short wizard for a region of one's own.

Four pages: the region's name; its municipalities (typed one per line, or pasted as a column
from Excel); the first allocation key (percentages or basis figures, in the municipalities'
order; may be left for later); the first plan (year, title, year columns, dagdelen per fte;
may be left for later). Each page is checked by the service that will make the file
(app.services.new_workspace), whose Dutch message is shown under the page; nothing is written
until Finish, and then in one go.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.errors import UserError
from app.views.editor_parts import accessible, name_form_fields


class _Page(QWizardPage):
    """A page with a line for the service's refusal, shown instead of moving on."""

    def __init__(self, title: str, subtitle: str) -> None:
        super().__init__()
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self.problem = QLabel()
        self.problem.setObjectName("wizardProblem")
        self.problem.setWordWrap(True)
        self.problem.setProperty("tone", "alert")  # red (app/resources/planbord.qss)

    def refuse(self, message: str) -> bool:
        self.problem.setText(message)
        return False

    def accept_page(self) -> bool:
        self.problem.setText("")
        return True


class RegionPage(_Page):
    def __init__(self) -> None:
        super().__init__(self.tr("Region"), self.tr("The youth-care region this workspace is for."))
        self.name = QLineEdit()
        self.name.setObjectName("regionName")
        self.name.setPlaceholderText(self.tr("e.g. Regio Haaglanden"))
        form = QFormLayout(self)
        form.addRow(self.tr("Name of the region"), self.name)
        form.addRow(self.problem)
        name_form_fields(form)


class MunicipalitiesPage(_Page):
    def __init__(self) -> None:
        super().__init__(self.tr("Municipalities"), self.tr(
            "One per line, in the order the plan lists them; a column pasted from Excel works too."))
        self.text = QPlainTextEdit()
        self.text.setObjectName("municipalities")
        self.text.setTabChangesFocus(True)
        accessible(self.text, self.tr("Municipalities"), self.tr("One municipality per line"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.problem)


class KeyPage(_Page):
    def __init__(self) -> None:
        super().__init__(self.tr("Allocation key"), self.tr(
            "How the region's costs are split over the municipalities. You can also set it later."))
        self.later = QCheckBox(self.tr("Set the allocation key later"))
        self.later.setObjectName("keyLater")
        self.name = QLineEdit()
        self.name.setObjectName("keyName")
        self.name.setPlaceholderText(self.tr("e.g. Inwoners 1-1-2027"))
        self.percentages = QRadioButton(self.tr("Percentages"))
        self.basis = QRadioButton(self.tr("Basis figures (e.g. inhabitants)"))
        self.percentages.setChecked(True)
        methods = QButtonGroup(self)
        methods.addButton(self.percentages)
        methods.addButton(self.basis)
        self.names = QListWidget()
        self.names.setObjectName("keyMunicipalities")
        self.names.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.values = QPlainTextEdit()
        self.values.setObjectName("keyValues")
        self.values.setTabChangesFocus(True)
        self.values.setPlaceholderText(self.tr("One value per line, in the order of the municipalities"))
        accessible(self.values, self.tr("Values of the key"),
                   self.tr("One value per line, in the order of the municipalities"))
        side = QHBoxLayout()
        side.addWidget(self.names)
        side.addWidget(self.values)
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        row = QHBoxLayout()
        row.addWidget(self.percentages)
        row.addWidget(self.basis)
        row.addStretch(1)
        form.addRow(self.tr("Method"), row)
        name_form_fields(form)
        layout = QVBoxLayout(self)
        layout.addWidget(self.later)
        layout.addLayout(form)
        layout.addLayout(side)
        layout.addWidget(self.problem)
        self.later.toggled.connect(self._enable)

    def _enable(self, later: bool) -> None:
        for widget in (self.name, self.percentages, self.basis, self.values):
            widget.setEnabled(not later)


class PlanPage(_Page):
    def __init__(self, year: int) -> None:
        super().__init__(self.tr("First plan"), self.tr(
            "The implementation plan you start with. You can also add it later."))
        self.later = QCheckBox(self.tr("Add a plan later"))
        self.later.setObjectName("planLater")
        self.year = self._year(year, "planYear")
        self.first = self._year(year, "firstYear")
        self.last = self._year(year, "lastYear")
        self.title = QLineEdit()
        self.title.setObjectName("planTitle")
        self.title.setPlaceholderText(self.tr("Uitvoeringsplan {year}").format(year=year))
        self.factor = QLineEdit("10")
        self.factor.setObjectName("halfDaysPerFte")
        columns = QHBoxLayout()
        columns.addWidget(self.first)
        columns.addWidget(QLabel(self.tr("to")))
        columns.addWidget(self.last)
        columns.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("Plan year"), self.year)
        form.addRow(self.tr("Title"), self.title)
        form.addRow(self.tr("Budget years"), columns)
        form.addRow(self.tr("Half-days per fte"), self.factor)
        name_form_fields(form)
        accessible(self.first, self.tr("First budget year"))
        accessible(self.last, self.tr("Last budget year"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.later)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        self.later.toggled.connect(lambda later: [w.setEnabled(not later) for w in
                                                  (self.year, self.first, self.last, self.title, self.factor)])
        self.year.valueChanged.connect(self._follow_year)

    @staticmethod
    def _year(year: int, name: str) -> QSpinBox:
        box = QSpinBox()
        box.setObjectName(name)
        box.setRange(1900, 2200)
        box.setValue(year)
        return box

    def _follow_year(self, year: int) -> None:
        # Until the user sets other columns, the budget is the plan year's.
        self.title.setPlaceholderText(self.tr("Uitvoeringsplan {year}").format(year=year))
        if self.first.value() == self.last.value():
            self.first.setValue(year)
            self.last.setValue(year)


class NewWorkspaceWizard(QWizard):
    """The wizard; ``create(path)`` (called on Finish by the main window) makes the file."""

    def __init__(self, path: Path, year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.setObjectName("newWorkspaceWizard")
        self.setWindowTitle(self.tr("New workspace: {name}").format(name=path.name))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.region_page = RegionPage()
        self.municipalities_page = MunicipalitiesPage()
        self.key_page = KeyPage()
        self.plan_page = PlanPage(year)
        for page in (self.region_page, self.municipalities_page, self.key_page, self.plan_page):
            self.addPage(page)
        self.region_page.validatePage = self._check_region
        self.municipalities_page.validatePage = self._check_municipalities
        self.key_page.validatePage = self._check_key
        self.plan_page.validatePage = self._check_plan_and_create
        self.made = None  # the NewWorkspace, once made

    # --- what the pages hold, in the service's terms -----------------------------------------

    def municipalities(self) -> list[str]:
        from app.services.new_workspace import municipality_names

        return municipality_names(self.municipalities_page.text.toPlainText())

    def key(self):
        from app.models import KeyMethod
        from app.services.new_workspace import KeySetup, municipality_names

        page = self.key_page
        if page.later.isChecked():
            return None
        values = municipality_names(page.values.toPlainText())  # one per line, or a pasted column
        method = KeyMethod.PERCENTAGE if page.percentages.isChecked() else KeyMethod.BASIS
        return KeySetup(page.name.text(), method, values)

    def plan(self):
        from app.services.new_workspace import PlanSetup

        page = self.plan_page
        if page.later.isChecked():
            return None
        return PlanSetup(page.year.value(), page.title.text(), page.first.value(), page.last.value(),
                         page.factor.text())

    # --- checks: the service's own, before anything is written ---------------------------------

    def _check_region(self) -> bool:
        from app.services.new_workspace import check_region_name

        try:
            check_region_name(self.region_page.name.text())
        except UserError as exc:
            return self.region_page.refuse(exc.message)
        return self.region_page.accept_page()

    def _check_municipalities(self) -> bool:
        from app.services.new_workspace import check_region

        try:
            _name, names = check_region(self.region_page.name.text(), self.municipalities())
        except UserError as exc:
            return self.municipalities_page.refuse(exc.message)
        self.key_page.names.clear()
        self.key_page.names.addItems(names)
        return self.municipalities_page.accept_page()

    def _check_key(self) -> bool:
        from app.services.new_workspace import check_key

        key = self.key()
        if key is not None:
            try:
                check_key(key, self.municipalities())
            except UserError as exc:
                return self.key_page.refuse(exc.message)
        return self.key_page.accept_page()

    def _check_plan_and_create(self) -> bool:
        from app.services.new_workspace import check_plan, create_region_workspace

        plan = self.plan()
        try:
            if plan is not None:
                check_plan(plan)
            self.made = create_region_workspace(self.path, self.region_page.name.text(), self.municipalities(),
                                                key=self.key(), plan=plan)
        except UserError as exc:
            return self.plan_page.refuse(exc.message)
        return self.plan_page.accept_page()
