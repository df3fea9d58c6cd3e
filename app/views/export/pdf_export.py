"""File > Print / Export PDF: choose the annexes, build them, look at them, save or print.

:func:`open_pdf_export` is what the main window calls. The flow:

1. :class:`PdfExportDialog`: which sections (wijzigingen, begroting, bijdragen, realisatie,
   afrekening, formatie, projectfiches, voortgang, grafieken), which years and which chapters.
2. The PDF is built by ``app.reports.build_pdf`` (the same code as
   ``python -m app pdf``) into a temporary folder, with a cancellable progress
   dialog: the builder reports progress through a callback and asks whether to stop.
3. :class:`PdfPreviewDialog` shows the pages (rendered with pypdfium2: QtPdf
   is only in the 175 MB PySide6-Addons wheel) with Save and Print buttons.

The charts are drawn with Qt by app/views/charts; when that module is there, the
chosen charts are rendered to PNG files and handed to the builder.
"""
from __future__ import annotations

import logging
import shutil
import tempfile
from collections import OrderedDict
from pathlib import Path

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressDialog,
    QPushButton,
    QScrollArea,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.views.shell.opening import show_error

log = logging.getLogger(__name__)

# The section keys of app.reports, in printing order.
SECTION_KEYS = ("wijzigingen", "begroting", "bijdragen", "realisatie", "afrekening", "formatie", "projecten",
                "voortgang", "monitor", "grafieken")
CHAPTER_SECTIONS = ("projecten", "voortgang")
YEAR_SECTIONS = ("wijzigingen", "begroting", "bijdragen", "realisatie", "afrekening")

# The charts printed under Grafieken: (chart name in app.views.charts, title on paper).
# Titles are printed in the PDF, which is Dutch (like all of app/reports), so not translated.
CHARTS = (
    ("budget", "Begroting per groep en jaar"),
    ("contributions", "Bijdragen per gemeente"),
    ("half_days", "Dagdelen per project"),
    ("people", "Inzet per persoon"),
    ("actions", "Voortgang van de inspanningen"),
    ("realisation", "Begroting en realisatie per groep"),
)
CHART_SIZE = (2100, 1300)  # pixels: about 17.5 x 11 cm at 300 dpi


def open_pdf_export(context, plan_id: int, parent: QWidget | None = None) -> None:
    """File > Print / Export PDF for the plan ``plan_id``: choose, build, preview, save or print."""
    dialog = PdfExportDialog(context, plan_id, parent)
    while dialog.exec() == QDialog.DialogCode.Accepted:
        path = dialog.build()
        if path is None:
            continue  # cancelled or refused: back to the choices
        preview = PdfPreviewDialog(path, dialog.suggested_name(), parent,
                                   start_folder=_start_folder(context),
                                   workspace_path=getattr(context.workspace, "path", None))
        try:
            preview.exec()
        finally:
            preview.close_document()
            dialog.remove_temporary_files()
        return
    dialog.remove_temporary_files()


def _start_folder(context) -> Path:
    workspace = getattr(context, "workspace", None)
    path = getattr(workspace, "path", None)
    return Path(path).parent if path else Path.home()


class PdfExportDialog(QDialog):
    """The choices: sections, years, chapters; :meth:`build` makes the PDF."""

    def __init__(self, context, plan_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from app.services.report_data import load_chapters, load_report_plan

        self.context = context
        self.plan_id = plan_id
        self.plan = load_report_plan(context.workspace, plan_id)
        self.has_base = bool(self.plan and self.plan.based_on_id is not None)
        self._folder: Path | None = None
        self.setWindowTitle(self.tr("Print / Export PDF"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Choose the annexes of “{title}” to put in one PDF. With more than one "
                               "annex the PDF starts with a table of contents.").format(
            title=self.plan.title if self.plan else ""))
        intro.setWordWrap(True)
        layout.addWidget(intro)

        sections = QGroupBox(self.tr("Annexes"), self)
        grid = QGridLayout(sections)
        labels = {
            "wijzigingen": self.tr("Changes against the plan this one is based on"),
            "begroting": self.tr("Budget"),
            "bijdragen": self.tr("Contributions per municipality"),
            "realisatie": self.tr("Actuals and depletion"),
            "afrekening": self.tr("Settlement per municipality"),
            "formatie": self.tr("Staffing and half-days"),
            "projecten": self.tr("Project sheets"),
            "voortgang": self.tr("Progress report"),
            "monitor": self.tr("Monitor"),
            "grafieken": self.tr("Charts"),
        }
        self.section_boxes: dict[str, QCheckBox] = {}
        for index, key in enumerate(SECTION_KEYS):
            box = QCheckBox(labels[key], sections)
            box.setChecked(key == "begroting")
            if key == "wijzigingen" and not self.has_base:  # only an amendment or scenario has one
                box.setEnabled(False)
                box.setToolTip(self.tr("Only for an amendment or a scenario: this plan is based on no other."))
            box.toggled.connect(self._update)
            grid.addWidget(box, index % 3, index // 3)
            self.section_boxes[key] = box
        self.project_column = QCheckBox(self.tr("Budget: show the project number beside each line"),
                                        sections)
        grid.addWidget(self.project_column, 3, 0, 1, 2)
        self.mark_changes = QCheckBox(self.tr("Budget: mark what changed against the plan this one is based on"),
                                      sections)
        self.mark_changes.setChecked(self.has_base)
        self.mark_changes.setVisible(self.has_base)
        grid.addWidget(self.mark_changes, 4, 0, 1, 2)
        layout.addWidget(sections)

        years = QGroupBox(self.tr("Years (budget and contributions)"), self)
        row = QHBoxLayout(years)
        self.year_boxes: dict[int, QCheckBox] = {}
        for year in (self.plan.years if self.plan else []):
            box = QCheckBox(str(year), years)
            box.setChecked(True)
            box.toggled.connect(self._update)
            row.addWidget(box)
            self.year_boxes[year] = box
        row.addStretch(1)
        self.years_group = years
        layout.addWidget(years)

        chapters = QGroupBox(self.tr("Chapters (project sheets and progress report)"), self)
        chapter_layout = QVBoxLayout(chapters)
        self.chapter_tree = QTreeWidget(chapters)
        self.chapter_tree.setHeaderHidden(True)
        self.chapter_tree.setAccessibleName(self.tr("Chapters"))
        self.chapter_tree.setAccessibleDescription(self.tr(
            "The chapters whose project sheets and progress go in the PDF; Space ticks one"))
        self.chapter_tree.setRootIsDecorated(False)
        self.chapter_items: dict[int, QTreeWidgetItem] = {}
        parents: list[QTreeWidgetItem] = []
        for choice in load_chapters(context.workspace, plan_id):
            del parents[choice.depth:]
            parent_item = parents[-1] if parents else self.chapter_tree.invisibleRootItem()
            item = QTreeWidgetItem(parent_item, [choice.label])
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsAutoTristate)
            item.setCheckState(0, Qt.CheckState.Checked)
            item.setData(0, Qt.ItemDataRole.UserRole, choice.id)
            self.chapter_items[choice.id] = item
            parents.append(item)
        self.chapter_tree.expandAll()
        self.chapter_tree.itemChanged.connect(lambda *_: self._update())
        chapter_layout.addWidget(self.chapter_tree)
        self.chapters_group = chapters
        layout.addWidget(chapters, 1)

        # The progress report as of a reporting moment (with what changed since the one before).
        moment_row = QHBoxLayout()
        self.moment_label = QLabel(self.tr("Progress as of:"), self)
        self.moment_box = QComboBox(self)
        self.moment_box.addItem(self.tr("Now (current status)"), None)
        from app.services.moment_overview import load_moments

        for moment in load_moments(context.workspace, plan_id):
            self.moment_box.addItem(self.tr("{name} (as of {day})").format(
                name=moment.name, day=f"{moment.on:%d-%m-%Y}"), moment.id)
        self.moment_label.setBuddy(self.moment_box)
        self.moment_box.setAccessibleName(self.tr("Reporting moment of the progress report"))
        moment_row.addWidget(self.moment_label)
        moment_row.addWidget(self.moment_box, 1)
        layout.addLayout(moment_row)

        self.message = QLabel(self)
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.make_button = buttons.addButton(self.tr("Make PDF"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, 640)
        self._update()

    # --- the choices --------------------------------------------------------------------------

    def sections(self) -> list[str]:
        return [key for key, box in self.section_boxes.items() if box.isChecked() and box.isEnabled()]

    def years(self) -> list[int]:
        return [year for year, box in self.year_boxes.items() if box.isChecked()]

    def chapters(self) -> list[int] | None:
        """The chosen chapters (a chapter brings its paragraphs), or None for all of them."""
        root = self.chapter_tree.invisibleRootItem()
        tops = [root.child(i) for i in range(root.childCount())]
        if all(item.checkState(0) == Qt.CheckState.Checked for item in tops):
            return None
        chosen: list[int] = []

        def walk(item: QTreeWidgetItem) -> None:
            if item.checkState(0) == Qt.CheckState.Checked:
                chosen.append(item.data(0, Qt.ItemDataRole.UserRole))
                return
            for i in range(item.childCount()):
                walk(item.child(i))

        for item in tops:
            walk(item)
        return chosen

    def moment_id(self) -> int | None:
        """The reporting moment the progress report is printed as of (None: now)."""
        return self.moment_box.currentData() if self.moment_box.isEnabled() else None

    def _update(self) -> None:
        sections = self.sections()
        self.years_group.setEnabled(any(s in sections for s in YEAR_SECTIONS))
        self.chapters_group.setEnabled(any(s in sections for s in CHAPTER_SECTIONS))
        for widget in (self.moment_label, self.moment_box):  # a moment only where there is one to choose
            widget.setEnabled("voortgang" in sections and self.moment_box.count() > 1)
        self.project_column.setEnabled("begroting" in sections)
        self.mark_changes.setEnabled(self.has_base and "begroting" in sections)
        problem = ""
        if not sections:
            problem = self.tr("Choose at least one annex.")
        elif self.years_group.isEnabled() and not self.years():
            problem = self.tr("Choose at least one year.")
        elif self.chapters_group.isEnabled() and self.chapters() == []:
            problem = self.tr("Choose at least one chapter.")
        self.message.setText(problem)
        self.make_button.setEnabled(not problem)

    def suggested_name(self) -> str:
        sections = self.sections()
        from app.reports import SECTION_TITLES

        what = SECTION_TITLES[sections[0]].lower() if len(sections) == 1 else self.tr("annexes")
        year = self.plan.year if self.plan else ""
        return self.tr("Plan {year} - {what}.pdf").format(year=year, what=what)

    # --- building -----------------------------------------------------------------------------

    def build(self) -> Path | None:
        """Build the PDF into a temporary folder with a cancellable progress dialog.

        Returns the file, or None when the user cancelled or the choices were refused
        (then the reason has been shown)."""
        from app.errors import UserError
        from app.reports import BuildCancelled, build_pdf

        self.remove_temporary_files()
        self._folder = Path(tempfile.mkdtemp(prefix="planbord-pdf-"))
        out = self._folder / "bijlagen.pdf"
        progress = QProgressDialog(self.tr("Making the PDF…"), self.tr("Cancel"), 0, 100, self)
        progress.setWindowTitle(self.tr("Print / Export PDF"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(400)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.setValue(0)
        self.progress_dialog = progress

        def report(fraction: float, message: str) -> None:
            progress.setValue(min(100, int(fraction * 100)))
            progress.setLabelText(message)
            QApplication.processEvents()

        def cancelled() -> bool:
            QApplication.processEvents()
            return progress.wasCanceled()

        sections = self.sections()
        try:
            charts = self._charts(report, cancelled) if "grafieken" in sections else []
            build_pdf(self.context.workspace, self.plan_id, sections, out,
                      chapters=self.chapters(), years=self.years() if self.years_group.isEnabled() else None,
                      progress=report, cancelled=cancelled, charts=charts,
                      project_column=self.project_column.isChecked(),
                      mark_changes=self.mark_changes.isChecked() if self.has_base else False,
                      moment_id=self.moment_id())
        except BuildCancelled:
            return None
        except UserError as exc:  # a refused choice, or the PDF could not be written (Dutch)
            show_error(self, exc.message)
            return None
        except Exception:  # noqa: BLE001 - the user gets a message, the log the details
            log.exception("making the PDF failed")
            show_error(self, self.tr("The PDF could not be made. The details are in the log file."))
            return None
        finally:
            progress.close()
        return out

    def _charts(self, report, cancelled) -> list[tuple[str, Path]]:
        """The charts as PNG files in the temporary folder, for the Grafieken section."""
        from app.reports import BuildCancelled
        from app.views.charts.export import render_chart_to_file

        made = []
        staffing = self.context.staffing_figures(self.plan_id)
        for index, (name, title) in enumerate(CHARTS):
            if name == "people" and staffing is not None and not staffing.people:
                continue  # no named people: the chart would be empty
            if name == "realisation" and not self._has_bookings():
                continue  # nothing booked: the chart would only say so
            if cancelled():
                raise BuildCancelled()
            report(0.1 * index / len(CHARTS), self.tr("Drawing the charts…"))
            path = self._folder / f"{name}.png"
            try:
                render_chart_to_file(self.context, self.plan_id, name, path, *CHART_SIZE)
            except Exception:  # noqa: BLE001 - one chart that fails must not stop the PDF
                log.exception("chart %s could not be drawn", name)
                continue
            made.append((title, path))
        return made

    def _has_bookings(self) -> bool:
        from app.services.chart_data import has_bookings

        return has_bookings(self.context.workspace, self.plan_id)

    def remove_temporary_files(self) -> None:
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None


class _PageWidget(QWidget):
    """One page of the preview, rendered when it is first painted."""

    def __init__(self, preview: PdfPreviewDialog, index: int, size: QSize) -> None:
        super().__init__()
        self.preview = preview
        self.index = index
        self.setFixedSize(size)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.fillRect(self.rect(), Qt.GlobalColor.white)
        image = self.preview.page_image(self.index, self.size())
        if image is not None:
            painter.drawImage(self.rect(), image)
        painter.end()


class PdfPreviewDialog(QDialog):
    """The PDF's pages in a scroll area, with Save and Print."""

    ZOOMS = (50, 75, 100, 125, 150, 200)
    CACHE = 12  # rendered pages kept

    def __init__(self, path: Path, suggested_name: str, parent: QWidget | None = None,
                 start_folder: Path | None = None, workspace_path: Path | None = None) -> None:
        super().__init__(parent)
        import pypdfium2 as pdfium

        self.path = Path(path)
        self.workspace_path = workspace_path  # never saved over (nor over any other workspace)
        self.suggested = suggested_name
        self.start_folder = start_folder or Path.home()
        self.document = pdfium.PdfDocument(str(self.path))
        self.page_sizes = [self.document[i].get_size() for i in range(len(self.document))]
        self._images: OrderedDict[tuple[int, int, int], QImage] = OrderedDict()
        self.saved_to: Path | None = None
        self.setWindowTitle(self.tr("Preview: {name}").format(name=suggested_name))

        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.pages_label = QLabel(self.tr("{count} page(s)").format(count=len(self.page_sizes)), self)
        bar.addWidget(self.pages_label)
        bar.addStretch(1)
        zoom_label = QLabel(self.tr("Zoom:"), self)
        bar.addWidget(zoom_label)
        self.zoom = QComboBox(self)
        for value in self.ZOOMS:
            self.zoom.addItem(f"{value} %", value)
        self.zoom.setCurrentIndex(self.ZOOMS.index(100))
        self.zoom.currentIndexChanged.connect(self._lay_out_pages)
        zoom_label.setBuddy(self.zoom)
        self.zoom.setAccessibleName(self.tr("Zoom"))
        bar.addWidget(self.zoom)
        layout.addLayout(bar)

        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setAccessibleName(self.tr("Pages of the PDF"))
        self.scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.scroll.setObjectName("pdfPreview")  # grey around the white pages: app/resources/planbord.qss
        layout.addWidget(self.scroll, 1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.save_button = QPushButton(self.tr("Save…"), self)
        self.print_button = QPushButton(self.tr("Print…"), self)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.save_button.clicked.connect(self.save)
        self.print_button.clicked.connect(self.print_pages)
        layout.addWidget(buttons)
        self._lay_out_pages()
        self.resize(900, 1000)

    # --- pages ----------------------------------------------------------------------------------

    def _scale(self) -> float:
        """Pixels per PDF point at the chosen zoom (96 dpi at 100 %)."""
        return 96 / 72 * (self.zoom.currentData() or 100) / 100

    def _lay_out_pages(self) -> None:
        container = QWidget()
        container.setStyleSheet("background: transparent;")
        column = QVBoxLayout(container)
        column.setSpacing(12)
        column.setContentsMargins(12, 12, 12, 12)
        scale = self._scale()
        self.page_widgets = []
        for index, (width, height) in enumerate(self.page_sizes):
            page = _PageWidget(self, index, QSize(round(width * scale), round(height * scale)))
            column.addWidget(page, 0, Qt.AlignmentFlag.AlignHCenter)
            self.page_widgets.append(page)
        column.addStretch(1)
        self.scroll.setWidget(container)

    def page_image(self, index: int, size: QSize) -> QImage | None:
        """Page ``index`` rendered at ``size`` (kept for a few pages)."""
        ratio = self.devicePixelRatioF() if hasattr(self, "devicePixelRatioF") else 1.0
        key = (index, size.width(), size.height())
        image = self._images.get(key)
        if image is None:
            image = self.render_page(index, size.width() * ratio / self.page_sizes[index][0])
            if image is None:
                return None
            image.setDevicePixelRatio(ratio)
            self._images[key] = image
            while len(self._images) > self.CACHE:
                self._images.popitem(last=False)
        else:
            self._images.move_to_end(key)
        return image

    def render_page(self, index: int, scale: float) -> QImage | None:
        try:
            bitmap = self.document[index].render(scale=scale, rev_byteorder=True)
        except Exception:  # noqa: BLE001 - a page that cannot be drawn stays white
            log.exception("preview of page %d failed", index + 1)
            return None
        image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                       QImage.Format.Format_RGB888 if bitmap.n_channels == 3 else QImage.Format.Format_RGBA8888)
        return image.copy()  # own the pixels: the bitmap's buffer goes with the bitmap

    # --- save and print ---------------------------------------------------------------------------

    def ask_save_path(self) -> Path | None:
        """Where to save (a seam tests replace)."""
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save PDF"),
                                              str(self.start_folder / self.suggested),
                                              self.tr("PDF files (*.pdf)"))
        if not name:
            return None
        path = Path(name)
        return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")

    def save(self) -> Path | None:
        target = self.ask_save_path()
        if target is None:
            return None
        from app.errors import UserError
        from app.services.output_paths import write_atomically

        try:
            # Beside the target under a temporary name, renamed over it when complete: never
            # a half PDF, never over the workspace (or any workspace, or a folder or device).
            write_atomically(target, lambda tmp: shutil.copyfile(self.path, tmp),
                             inputs=[self.workspace_path])
        except UserError as exc:
            show_error(self, exc.message)
            return None
        self.saved_to = target
        self.pages_label.setText(self.tr("Saved as {path}").format(path=target))
        return target

    def make_printer(self):
        from PySide6.QtPrintSupport import QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.suggested)
        printer.setFromTo(1, len(self.page_sizes))
        return printer

    def ask_print(self, printer) -> bool:
        """The system's print dialog (a seam tests replace)."""
        from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog

        dialog = QPrintDialog(printer, self)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
        dialog.setMinMax(1, len(self.page_sizes))
        return dialog.exec() == QDialog.DialogCode.Accepted

    def print_pages(self) -> bool:
        """Print the pages chosen in the print dialog, each scaled to the paper."""
        printer = self.make_printer()
        if not self.ask_print(printer):
            return False
        first, last = printer.fromPage(), printer.toPage()
        if first == 0:  # no range chosen: all pages
            first, last = 1, len(self.page_sizes)
        dpi = min(printer.resolution(), 300)
        painter = QPainter()
        if not painter.begin(printer):
            show_error(self, self.tr("The printer cannot be used."))
            return False
        try:
            for number in range(first, last + 1):
                if number > first:
                    printer.newPage()
                image = self.render_page(number - 1, dpi / 72)
                if image is None:
                    continue
                area = painter.viewport()
                size = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(QRect(area.x(), area.y(), size.width(), size.height()), image)
                QApplication.processEvents()
        finally:
            painter.end()
        return True

    def close_document(self) -> None:
        self._images.clear()
        if self.document is not None:
            self.document.close()
            self.document = None
