"""The Monitor page of a region (issue 21, point 3): its indicators on the left; the chosen one's
table (values per year of each municipality or organisation and of the whole, the target below),
its source and definition, and its line chart over the years on the right.

An indicator is the region's, not a plan's: no read-only banner (only a file opened read-only
stops typing). Adding and deleting an indicator, every typed cell and every pasted block is one
undo step (app.views.monitor.monitor_commands). A non-additive indicator never shows a sum: its
whole is typed in the row "Geheel (ingevoerd)"; an additive one shows its computed "Totaal".
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.models.indicators import Breakdown, IndicatorUnit
from app.services.indicators import load_monitor
from app.views.commands import execute
from app.views.editor_parts import MessageBar, accessible, ask, form_dialog, page_title, sheet_table, titled
from app.views.monitor import monitor_commands as commands
from app.views.monitor.monitor_model import NAME, MonitorModel

translate = QCoreApplication.translate

def unit_name(unit: IndicatorUnit) -> str:
    """The unit as a sentence names it ("in cliënten")."""
    return {
        IndicatorUnit.NUMBER: translate("MonitorPage", "number"),
        IndicatorUnit.CLIENTS: translate("MonitorPage", "clients"),
        IndicatorUnit.PERCENTAGE: translate("MonitorPage", "percentage"),
        IndicatorUnit.EURO: translate("MonitorPage", "euros"),
        IndicatorUnit.DAYS: translate("MonitorPage", "days"),
    }[unit]


def breakdown_name(breakdown: Breakdown) -> str:
    return {
        Breakdown.NONE: translate("MonitorPage", "none (one value per year)"),
        Breakdown.MUNICIPALITY: translate("MonitorPage", "per municipality"),
        Breakdown.ORGANISATION: translate("MonitorPage", "per organisation"),
    }[breakdown]


class MonitorPage(QWidget):
    def __init__(self, context, region_id: int, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.region_id = region_id
        self.data = None
        self.title = page_title("")
        self.messages = MessageBar()

        self.indicators = QListWidget()
        self.indicators.setObjectName("monitorIndicators")
        self.indicators.setWordWrap(True)  # a long name on two lines rather than scrolled sideways
        self.indicators.currentRowChanged.connect(lambda _row: self._show_chosen())
        accessible(self.indicators, self.tr("Indicators"), self.tr(
            "The region's indicators; the table and chart on the right show the one chosen"))
        self.add_button = QPushButton(self.tr("&Add…"))
        self.add_button.clicked.connect(self.add_indicator)
        self.delete_button = QPushButton(self.tr("Delete…"))
        self.delete_button.clicked.connect(self.delete_indicator)
        self.import_button = QPushButton(self.tr("&Import…"))
        self.import_button.setToolTip(self.tr("Values from a CSV or Excel file with the columns Indicator, Jaar and "
                                              "Waarde (and Gemeente or Organisatie, Toelichting)"))
        self.import_button.clicked.connect(self.import_values)
        delete = QAction(self.tr("Delete indicator"), self.indicators)
        delete.setShortcut(QKeySequence(Qt.Key.Key_Delete))
        delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete.triggered.connect(self.delete_indicator)
        self.indicators.addAction(delete)

        self.model = MonitorModel(context, self)
        self.table = sheet_table(self.model, "monitorTable", context, {NAME: 200}, elastic=None)
        self.table.message.connect(self.messages.show_message)
        self.table.setAccessibleDescription(self.tr(
            "Per year the value of each member and of the whole, and the target; type a value in Dutch "
            "notation (a percentage as 12,5)"))
        self.table.setMinimumHeight(120)
        self.model.modelReset.connect(self._fit_table)
        self.table.row_height_changed.connect(self._fit_table)
        self.summary = QLabel()
        self.summary.setObjectName("monitorSummary")
        self.summary.setWordWrap(True)
        self.summary.setProperty("tone", "note")
        self.add_year_button = QPushButton(self.tr("Add &year"))
        self.add_year_button.clicked.connect(self.add_year)
        self.note_button = QPushButton(self.tr("&Note…"))
        self.note_button.setToolTip(self.tr("A note on the chosen value (where the figure comes from, what is "
                                            "special about it); shown as a mark in the corner of the cell"))
        self.note_button.clicked.connect(self.edit_note)
        self.export_button = QPushButton(self.tr("Export chart…"))
        self.export_button.clicked.connect(self.export_dialog)
        self.about = QLabel()
        self.about.setObjectName("monitorAbout")
        self.about.setWordWrap(True)
        self.about.setTextFormat(Qt.TextFormat.RichText)
        self.about.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # The chart is made when the first indicator is shown: pyqtgraph is not loaded for a
        # region without indicators (nor when the page is only passed by in the tree).
        self._chart = None
        self.chart_box = QWidget()
        self.chart_box.setMinimumHeight(240)
        chart_layout = QVBoxLayout(self.chart_box)
        chart_layout.setContentsMargins(0, 0, 0, 0)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(8, 0, 0, 8)
        left_layout.addWidget(titled(self.tr("Indicators"), self.indicators), 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        left_layout.addLayout(buttons)
        left_layout.addWidget(self.import_button, 0, Qt.AlignmentFlag.AlignLeft)

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(4, 0, 8, 4)
        top_layout.addWidget(self.summary)
        top_layout.addWidget(self.table)
        row = QHBoxLayout()
        row.addWidget(self.add_year_button)
        row.addWidget(self.note_button)
        row.addStretch(1)
        row.addWidget(self.export_button)
        top_layout.addLayout(row)
        top_layout.addWidget(self.about)
        top_layout.addStretch(1)
        accessible(self.about, self.tr("Source and definition"))
        scroll = QScrollArea()
        accessible(scroll, self.tr("The indicator's table"))
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(top)
        # The table above, the chart below: both in sight, the divider where the user drags it.
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(scroll)
        right.addWidget(self.chart_box)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 2)
        right.setChildrenCollapsible(False)
        self.right = right

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 4)
        splitter.setSizes([240, 900])
        splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addWidget(self.messages)
        layout.addWidget(splitter, 1)
        context.changed.connect(self._on_change)
        context.data_changed.connect(self.reload)
        self.reload()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if not getattr(self, "_heights_shared", False):  # sizes are known once shown
            self._heights_shared = True
            from PySide6.QtCore import QTimer

            QTimer.singleShot(0, self._share_height)

    def focus_main(self) -> None:
        """The keyboard in the table (or the list when there is no indicator yet)."""
        (self.table if self.model.table is not None else self.indicators).setFocus()

    # --- reading ------------------------------------------------------------------------------

    def reload(self) -> None:
        if self.context.workspace is None:
            return
        chosen = self.current_id()
        self.data = load_monitor(self.context.workspace, self.region_id)
        if self.data is None:
            self.title.setText(self.tr("This region no longer exists."))
            return
        self.title.setText(self.tr("Monitor of {region}").format(region=self.data.region))
        self.indicators.blockSignals(True)
        self.indicators.clear()
        for table in self.data.indicators:
            item = QListWidgetItem(table.name)
            item.setData(Qt.ItemDataRole.UserRole, table.id)
            item.setToolTip(f"{table.name}: {self._kind_text(table)}")
            self.indicators.addItem(item)
        ids = [t.id for t in self.data.indicators]
        self.indicators.setCurrentRow(ids.index(chosen) if chosen in ids else (0 if ids else -1))
        self.indicators.blockSignals(False)
        writable = not self.context.read_only
        self.add_button.setEnabled(writable)
        self.delete_button.setEnabled(writable and bool(ids))
        self.import_button.setEnabled(writable and bool(ids))
        self._show_chosen()

    def _on_change(self, change) -> None:
        if commands.concerns_monitor(change):
            self.reload()

    def current_id(self) -> int | None:
        item = self.indicators.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def current_table(self):
        chosen = self.current_id()
        if self.data is None or chosen is None:
            return None
        return next((t for t in self.data.indicators if t.id == chosen), None)

    def choose(self, indicator_id: int) -> None:
        for row in range(self.indicators.count()):
            if self.indicators.item(row).data(Qt.ItemDataRole.UserRole) == indicator_id:
                self.indicators.setCurrentRow(row)
                return

    def _show_chosen(self) -> None:
        table = self.current_table()
        changed = table is None or self.model.table is None or table.id != self.model.table.id
        here = self.table.currentIndex()
        self.model.set_table(table, self.data.municipalities if self.data is not None else [])
        if here.isValid() and self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(min(here.row(), self.model.rowCount() - 1),
                                                        min(here.column(), self.model.columnCount() - 1)))
        self.add_year_button.setEnabled(table is not None and not self.context.read_only)
        self.note_button.setEnabled(table is not None and not self.context.read_only)
        self.export_button.setEnabled(table is not None)
        for widget in (self.table, self.add_year_button, self.note_button, self.export_button, self.chart_box):
            widget.setVisible(table is not None)  # no indicator: only the line saying how to add one
        if table is None:
            self.summary.setText(self.tr("No indicators yet. Add one with “Add…”: a name, its unit, whether "
                                         "its values add up, and whether it is kept per municipality or per "
                                         "organisation."))
            self.about.setText("")
        else:
            self.summary.setText(f"<b>{_html(table.name)}</b> — {_html(self._kind_text(table))}")
            self.about.setText(self._about_text(table))
        if table is not None or self._chart is not None:
            from app.views.monitor.monitor_chart import monitor_series

            self.chart.set_series(monitor_series(table))
        if changed:
            self._share_height()

    @property
    def chart(self):
        """The line chart of the chosen indicator (made when first needed)."""
        if self._chart is None:
            from app.views.monitor.monitor_chart import MonitorChart

            self._chart = MonitorChart()
            self._chart.enable_cache()
            self.chart_box.layout().addWidget(self._chart)
        return self._chart

    def _share_height(self) -> None:
        """Another indicator: its table whole in sight when that leaves the chart its minimum, else
        the chart's minimum and the table scrolls (the user may drag the divider)."""
        total = sum(self.right.sizes())
        if total <= 0:
            return
        needed = self.right.widget(0).widget().sizeHint().height() + 4
        top = max(min(needed, total - self.chart_box.minimumHeight()), total // 3)
        self.right.setSizes([top, total - top])

    def _kind_text(self, table) -> str:
        kind = self.tr("adds up") if table.additive else self.tr("does not add up (no sum)")
        breakdown = (self.tr("one value per year") if table.breakdown is Breakdown.NONE
                     else breakdown_name(table.breakdown))
        return self.tr("in {unit}; {kind}; {breakdown}").format(unit=unit_name(table.unit), kind=kind,
                                                                breakdown=breakdown)

    def _about_text(self, table) -> str:
        source, definition = self.tr("Source"), self.tr("Definition")
        parts = [f"<b>{_html(source)}:</b> {_html(table.source) or '–'}",
                 f"<b>{_html(definition)}:</b> {_html(table.definition).replace(chr(10), '<br>') or '–'}"]
        return "<br>".join(parts)

    def _fit_table(self) -> None:
        rows = min(self.model.rowCount(), 16)
        view = self.table
        height = (view.horizontalHeader().sizeHint().height() + rows * view.verticalHeader().defaultSectionSize()
                  + 2 * view.frameWidth() + view.horizontalScrollBar().sizeHint().height())
        view.setFixedHeight(max(height, 120))
        # Widths once per indicator shown (the table is made before it has columns): the names
        # whole, each year wide enough for "€ 1.250.000,75"; a column the user widened stays.
        header = view.horizontalHeader()
        if self.model.columnCount() and header.sectionSize(NAME) < 180:
            header.resizeSection(NAME, 200)
        for column in range(1, self.model.columnCount()):
            if header.sectionSize(column) < 120:
                header.resizeSection(column, 120)

    # --- questions (tests answer them) --------------------------------------------------------

    def ask_indicator(self):
        """The new indicator's fields as a dict for the service, or None."""
        dialog, form = form_dialog(self, self.tr("New indicator"))
        name = QLineEdit()
        unit = QComboBox()
        for value in IndicatorUnit:
            unit.addItem(unit_name(value), value)
        additive = QCheckBox(self.tr("The values of the members add up to the whole"))
        breakdown = QComboBox()
        for value in Breakdown:
            breakdown.addItem(breakdown_name(value), value)
        source = QLineEdit()
        definition = QPlainTextEdit()
        definition.setTabChangesFocus(True)
        definition.setFixedHeight(80)
        unit.currentIndexChanged.connect(lambda _i: additive.setEnabled(unit.currentData() is not IndicatorUnit.PERCENTAGE))
        unit.currentIndexChanged.connect(
            lambda _i: additive.setChecked(False) if unit.currentData() is IndicatorUnit.PERCENTAGE else None)
        form.addRow(self.tr("&Name"), name)
        form.addRow(self.tr("&Unit"), unit)
        form.addRow(self.tr("Adds &up"), additive)
        form.addRow(self.tr("&Breakdown"), breakdown)
        form.addRow(self.tr("&Source"), source)
        form.addRow(self.tr("&Definition"), definition)
        if not ask(dialog, form):
            return None
        return dict(name=name.text(), unit=unit.currentData(), additive=additive.isChecked(),
                    breakdown=breakdown.currentData(), source=source.text(), definition=definition.toPlainText())

    def ask_note(self, title: str, note: str) -> str | None:
        """The note as typed, or None when cancelled."""
        from PySide6.QtWidgets import QInputDialog

        text, ok = QInputDialog.getMultiLineText(self, title, self.tr("Note"), note)
        return text if ok else None

    def ask_confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, title, text,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def ask_import_path(self) -> str:
        workspace = self.context.workspace
        folder = str(workspace.path.parent) if workspace is not None else ""
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import monitor values"), folder,
                                              self.tr("CSV or Excel (*.csv *.txt *.xlsx *.xlsm)"))
        return path

    def ask_export_path(self, start: str) -> str:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export chart"), start, self.tr("PNG image (*.png)"))
        return path

    # --- actions --------------------------------------------------------------------------------

    def _run(self, command) -> bool:
        message = execute(self.context, command)
        self.messages.show_message(message or "")
        return message is None

    def add_indicator(self) -> None:
        fields = self.ask_indicator()
        if fields is None:
            return
        command = commands.add_indicator(self.context, self.region_id,
                                         self.tr("Add indicator {name}").format(name=" ".join(fields["name"].split())),
                                         **fields)
        if self._run(command):
            self.choose(command.new_id)
            self.table.setFocus()

    def delete_indicator(self) -> None:
        table = self.current_table()
        if table is None:
            return
        count = sum(len(values) for _name, values in table.members) + sum(
            1 for y, s in table.whole_is_sum.items() if not s and table.whole.get(y) is not None)
        text = self.tr("Delete the indicator “{name}” with its {count} value(s) and {targets} target(s)?").format(
            name=table.name, count=count, targets=len(table.targets))
        text += "\n\n" + self.tr("You can undo this with Ctrl+Z.")
        if self.ask_confirm(self.tr("Delete indicator"), text):
            self._run(commands.delete_indicator(self.context, table.id,
                                                self.tr("Delete indicator {name}").format(name=table.name)))

    def import_values(self) -> bool:
        """Values from a file: every row checked first (the first problem refuses the file, named by
        its row and cell), then, after a confirmation, written in one transaction: one undo step."""
        from app.io.indicator_import import preview_indicators
        from app.io.readers import read_grid

        path = self.ask_import_path()
        if not path:
            return False
        try:
            preview = preview_indicators(read_grid(Path(path)), self.context.workspace, self.region_id)
        except UserError as exc:
            self.messages.show_message(exc.message)
            return False
        lines = [self.tr("{name}: {values} value(s), {targets} target(s)").format(
            name=name, values=values, targets=targets) for name, (values, targets) in preview.counts().items()]
        text = self.tr("Import from “{file}”?").format(file=Path(path).name) + "\n\n" + "\n".join(
            f"• {line}" for line in lines) + "\n\n" + self.tr("Values already there for the same year are replaced. "
                                                              "You can undo this with Ctrl+Z.")
        if not self.ask_confirm(self.tr("Import monitor values"), text):
            return False
        return self._run(commands.import_values(self.context, preview, self.tr("Import {file}").format(
            file=Path(path).name)))

    def edit_note(self) -> None:
        """The note on the chosen value: one undo step."""
        table = self.current_table()
        found = self.model.note_target(self.table.currentIndex())
        if table is None or found is None:
            self.messages.show_message(self.tr("Choose a cell with a typed value to give it a note."))
            return
        member, year, value, note = found
        where = f"{member or self.model.whole_label()} / {year}"
        typed = self.ask_note(self.tr("Note on {cell}").format(cell=where), note)
        if typed is None or typed == note:
            return
        self._run(commands.set_value(self.context, table.id, year, value, member,
                                     self.tr("Change note on {cell}").format(cell=where), note=typed,
                                     seen={"value": value, "note": note}))

    def add_year(self) -> None:
        year = self.model.next_year()
        self.model.add_year(year)
        column = self.model.column_of(year)
        if column is not None and self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(0, column))
            self.table.setFocus()

    def export_chart(self, path: str | Path, width_px: int = 2400, height_px: int = 1350) -> Path:
        """The chart of the chosen indicator as a PNG (at print resolution, on white)."""
        from app.views.charts import style
        from app.views.charts.export import write_chart

        from app.views.monitor.monitor_chart import MonitorChart, monitor_series

        path = Path(path)
        factor = max(1.0, width_px / 1200)
        with style.lines_scaled(factor), style.for_paper():
            chart = MonitorChart()
            try:
                chart.set_series(monitor_series(self.current_table()))
                return write_chart(chart, path, width_px, height_px,
                                   inputs=[getattr(self.context.workspace, "path", None)])
            finally:
                chart.close()
                chart.deleteLater()

    def export_dialog(self) -> Path | None:
        table = self.current_table()
        if table is None:
            return None
        workspace = self.context.workspace
        folder = workspace.path.parent if workspace is not None else Path.home()
        stem = "".join(c if c.isalnum() else "-" for c in table.name.lower()).strip("-")[:60] or "indicator"
        path = self.ask_export_path(str(folder / f"monitor-{stem}.png"))
        if not path:
            return None
        target = Path(path)
        if target.suffix.lower() != ".png":
            target = target.with_name(target.name + ".png")
        try:
            return self.export_chart(target)
        except UserError as exc:
            self.context.report_error(exc.message)
        except OSError as exc:
            self.context.report_error(self.tr("The chart could not be saved: {reason}").format(
                reason=exc.strerror or str(exc)))
        return None


def _html(text: str) -> str:
    return (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
