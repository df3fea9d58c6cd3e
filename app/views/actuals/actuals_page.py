"""The Realisatie page of a plan (issue 20): its bookings above, the uitputting of a year below,
and the lines to look at beside it.

Bookings are bookkeeping, not plan content: an adopted plan takes them (its budget stays as
adopted), so this page has no read-only banner; only a file opened read-only stops typing.

By keyboard: the bookings table is a spreadsheet (typing, F2, Tab/Enter, Ctrl+C/Ctrl+V); the
last row takes a new booking, added once it has a date, a line or source and an amount; Delete
removes the selected bookings. Every change is one undo step. The uitputting follows every
booking, budget and funding edit at once; its year and reference date are chosen above it.
"""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QComboBox,
    QCompleter,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.resources import icon
from app.views.actuals.depletion_model import NAME, DepletionModel
from app.views.actuals.entries_model import AMOUNT, DATE, DESCRIPTION, KIND, REFERENCE, TARGET, YEAR, EntriesModel
from app.views.changes import Part
from app.views.editor_parts import PlanPage, accessible, name_from_label, sheet_table, titled
from app.views.sheet_view import SheetDelegate, SheetView

translate = QCoreApplication.translate


class BookingsDelegate(SheetDelegate):
    """The sheet's line edit; in the Post / bron and Soort columns with a list that opens as
    one types (any part of a name)."""

    def createEditor(self, parent, option, index):
        editor = super().createEditor(parent, option, index)
        model = index.model()
        words = (model.target_names() if index.column() == TARGET else
                 [model.kind_text(k, False) for k in _kinds()] if index.column() == KIND else None)
        if words:
            completer = QCompleter(words, editor)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setMaxVisibleItems(12)
            editor.setCompleter(completer)
        return editor


def _kinds():
    from app.models.actuals import ActualKind

    return (ActualKind.REALISED, ActualKind.COMMITTED)


class BookingsView(SheetView):
    """A sheet whose Delete removes the selected bookings (not their cells), and which goes on
    to the new row's date after Enter on a booking just added."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._added_now = False

    def clear_selection(self) -> bool:
        rows = sorted({i.row() for i in self.selectionModel().selectedIndexes()}
                      or ({self.currentIndex().row()} if self.currentIndex().isValid() else set()))
        if not rows:
            return False
        message = self.model().delete_rows(rows)
        if message:
            self._refuse(self.currentIndex(), message)
            return False
        self.message.emit("")
        return True

    def go_to_added(self, ids: list, column: int) -> None:
        """The cursor on the booking just added (where the date sorted it), in the column typed."""
        model = self.model()
        rows = [r for r in (model.row_of(i) for i in ids) if r is not None]
        if not rows:
            return
        self._added_now = column >= 0
        self.setCurrentIndex(model.index(min(rows), column if column >= 0 else DATE))
        if column < 0:  # a pasted block: selected, as the sheet selects what it pasted
            self.scrollTo(model.index(max(rows), DATE))

    def closeEditor(self, editor, hint) -> None:
        self._added_now = False
        super().closeEditor(editor, hint)
        if self._added_now and hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:
            # Enter on the amount that completed a booking: on to the next booking.
            self.setCurrentIndex(self.model().index(self.model().rowCount() - 1, DATE))
        self._added_now = False


class ActualsPage(PlanPage):
    def __init__(self, context, plan_id: int, read_only_text: str = "", title: str = "", parent=None) -> None:
        # No banner: an adopted plan takes bookings (read_only_text is the budget's, not ours).
        super().__init__(context, plan_id,
                         translate("ActualsPage", "Actuals and depletion — {plan}").format(plan=title), "", parent)
        self.model = EntriesModel(context, plan_id, self)
        self.depletion_model = DepletionModel(self)
        self.depletion_model.on_forecast = self.type_forecasts
        self.depletion = None

        self.table = BookingsView()
        self._set_up(self.table, self.model, "actualsTable",
                     {DATE: 92, YEAR: 56, TARGET: 300, KIND: 96, AMOUNT: 110, DESCRIPTION: 220, REFERENCE: 100},
                     TARGET)
        self.table.setItemDelegate(BookingsDelegate(self.table))
        accessible(self.table, self.tr("Bookings"), self.tr(
            "Per booking its date, year, line or source, kind, amount, description and reference; type in the "
            "last row to add one, Delete removes the selected bookings"))
        self.model.added.connect(self.table.go_to_added)
        self.depletion_table = sheet_table(self.depletion_model, "depletionTable", context,
                                           {NAME: 330, 1: 104, 2: 104, 3: 104, 4: 104, 5: 76, 6: 104}, NAME)
        self.depletion_table.setAccessibleDescription(self.tr(
            "Per group and line of the chosen year: budget, spent, committed, remaining, percentage and forecast; "
            "read-only"))
        for view in (self.table, self.depletion_table):
            view.message.connect(self.messages.show_message)

        self.toolbar = QToolBar()
        self.import_action = self._action(self.tr("&Import…"), self.import_actuals, None)
        self.import_action.setToolTip(self.tr("Import bookings from a CSV or Excel export of the financial "
                                              "administration"))
        self.delete_action = self._action(self.tr("&Delete bookings"), self.delete_selected, "Ctrl+Delete")
        self.toolbar.addAction(self.import_action)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.delete_action)

        self.year_choice = QComboBox()
        self.year_choice.setObjectName("depletionYear")
        self.year_choice.activated.connect(lambda _i: self.show_depletion())
        self.as_of = QDateEdit()
        self.as_of.setObjectName("depletionAsOf")
        self.as_of.setDisplayFormat("dd-MM-yyyy")
        self.as_of.setCalendarPopup(True)
        self.as_of.setDate(QDate.currentDate())
        self.as_of.dateChanged.connect(lambda _d: self.reload_depletion())
        controls = QHBoxLayout()
        controls.setContentsMargins(8, 4, 8, 0)
        year_label = QLabel(self.tr("&Year:"))
        name_from_label(year_label, self.year_choice)
        as_of_label = QLabel(self.tr("&Reference date:"))
        name_from_label(as_of_label, self.as_of, self.tr("The date the percentages, flags and forecast are "
                                                         "computed on; today by default"))
        controls.addWidget(year_label)
        controls.addWidget(self.year_choice)
        controls.addSpacing(16)
        controls.addWidget(as_of_label)
        controls.addWidget(self.as_of)
        controls.addStretch(1)

        self.flags = QListWidget()
        self.flags.setObjectName("depletionFlags")
        self.flags.setWordWrap(True)
        self.flags.setMaximumHeight(76)  # three lines; it scrolls beyond
        self.flags.itemActivated.connect(self._flag_chosen)
        accessible(self.flags, self.tr("Points of attention"), self.tr(
            "Lines over budget, nearly spent early in the year, or spent on without a budget; Enter shows the line"))

        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.setSpacing(0)
        lower_layout.addLayout(controls)
        lower_layout.addWidget(titled(self.tr("Depletion"), self.depletion_table), 1)
        lower_layout.addWidget(titled(self.tr("Points of attention"), self.flags))

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(titled(self.tr("Bookings"), self.table))
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 2)  # the uitputting a little taller: its groups and lines
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)

        layout = self.layout()
        layout.addWidget(self.toolbar)
        layout.addWidget(self.messages)
        layout.addWidget(splitter, 1)
        context.changed.connect(self._on_change)
        self.reload_depletion()
        self.table.setCurrentIndex(self.model.index(max(self.model.rowCount() - 1, 0), DATE))

    def _set_up(self, view: SheetView, model, key: str, widths: dict[int, int], elastic: int) -> None:
        """As editor_parts.sheet_table, for a view of our own class."""
        from PySide6.QtCore import QByteArray
        from PySide6.QtWidgets import QHeaderView

        from app.views.column_fit import MOST_MINIMUM, elastic_column

        view.setObjectName(key)
        view.setModel(model)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        state = self.context.table_state(key)
        if not (state and header.restoreState(QByteArray(state))):
            for column in range(model.columnCount()):
                header.resizeSection(column, widths.get(column, 120))
        header.sectionResized.connect(lambda *_: self.context.remember_table_state(key, header.saveState()))
        view.elastic = elastic_column(view, elastic, 180, MOST_MINIMUM)

    def _action(self, text: str, slot, shortcut) -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._fit_columns()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        QTimer.singleShot(0, self._fit_columns)

    def _fit_columns(self) -> None:
        # The tables are laid out by now: their elastic columns look at the new width (their own
        # filter sees a Resize before the viewport has followed it).
        for view in (self.table, self.depletion_table):
            view.elastic._mode()

    def focus_main(self) -> None:
        """The keyboard in the bookings once the page is shown (the window asks)."""
        self.table.setFocus()

    # --- the uitputting -------------------------------------------------------------------

    def reference_date(self) -> date:
        qdate = self.as_of.date()
        return date(qdate.year(), qdate.month(), qdate.day())

    def set_reference_date(self, when: date) -> None:
        self.as_of.setDate(QDate(when.year, when.month, when.day))

    def chosen_year(self) -> int | None:
        return self.year_choice.currentData()

    def set_year(self, year: int) -> None:
        index = self.year_choice.findData(year)
        if index >= 0:
            self.year_choice.setCurrentIndex(index)
            self.show_depletion()

    def type_forecasts(self, year: int, typed: list) -> str | None:
        """Forecasts typed for lines ((line id, an amount or None: linear again, the typed forecast
        shown or None)), one undo step; refused over a forecast someone else typed meanwhile."""
        from app.views.actuals.actuals_commands import forecast_command
        from app.views.commands import CompoundCommand, execute

        text = self.tr("Type forecast")
        commands = [forecast_command(self.context, self.plan_id, line_id, year, amount, text,
                                     *([seen[0], True] if seen else []))
                    for line_id, amount, *seen in typed]
        return execute(self.context, commands[0] if len(commands) == 1 else
                       CompoundCommand(self.context, commands, text))

    def reload_depletion(self) -> None:
        """The uitputting read again (a booking, a budget or funding edit, another date)."""
        from app.services.depletion import load_depletion

        self.depletion = load_depletion(self.context.workspace, self.plan_id, self.reference_date())
        years = list(self.depletion.years) if self.depletion is not None else []
        if [self.year_choice.itemData(i) for i in range(self.year_choice.count())] != years:
            chosen = self.chosen_year()
            self.year_choice.clear()
            for year in years:
                self.year_choice.addItem(str(year), year)
            today = self.reference_date().year
            wanted = chosen if chosen in years else today if today in years else self.context.plan_year(self.plan_id)
            self.year_choice.setCurrentIndex(max(0, self.year_choice.findData(wanted)))
        self.show_depletion()
        self._show_flags()

    def show_depletion(self) -> None:
        self.depletion_model.show(self.depletion, self.chosen_year())

    def _show_flags(self) -> None:
        self.flags.clear()
        flags = self.depletion.flags if self.depletion is not None else []
        for flag in flags:
            item = QListWidgetItem(icon("warning"), flag.message)
            item.setData(Qt.ItemDataRole.UserRole, (flag.line_id, flag.year))
            self.flags.addItem(item)
        if not flags:
            item = QListWidgetItem(self.tr("No points of attention: no line over budget or nearly spent early."))
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.flags.addItem(item)

    def _flag_chosen(self, item: QListWidgetItem) -> None:
        where = item.data(Qt.ItemDataRole.UserRole)
        if not where:
            return
        line_id, year = where
        self.set_year(year)
        row = self.depletion_model.row_of_line(line_id)
        if row is not None:
            self.depletion_table.setCurrentIndex(self.depletion_model.index(row, NAME))
            self.depletion_table.setFocus()

    def _on_change(self, change) -> None:
        if change is None or change.concerns(self.plan_id) and change.affects(Part.DEPLETION):
            self.reload_depletion()

    # --- actions --------------------------------------------------------------------------

    def delete_selected(self) -> None:
        self.table.clear_selection()

    def import_actuals(self) -> None:
        from app.views.actuals.importing import import_actuals

        import_actuals(self.window(), self.context, self.plan_id)
