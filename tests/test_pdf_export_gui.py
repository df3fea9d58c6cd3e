"""File > Print / Export PDF: the choices dialog, the progress dialog, the preview, Save and Print.

Driven as a user would (check boxes, buttons); the file dialogs and the print dialog are
replaced, and what ends up on disk is checked.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QProgressDialog

from app.services.plans import find_plan
from app.services.workspace import open_workspace
from app.views.export.pdf_export import PdfExportDialog, PdfPreviewDialog, open_pdf_export


@pytest.fixture
def context(planbord_qapp, demo_workspace, settings_store):
    from app.views.context import ApplicationContext

    context = ApplicationContext(open_workspace(demo_workspace), settings_store)
    yield context
    context.close()


@pytest.fixture
def plan_id(context) -> int:
    with context.workspace.session() as session:
        return find_plan(session, 2022).id


@pytest.fixture
def dialog(qtbot, context, plan_id):
    dialog = PdfExportDialog(context, plan_id)
    qtbot.addWidget(dialog)
    yield dialog
    dialog.remove_temporary_files()


def click(qtbot, box) -> None:
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)


def text_of(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_the_choices_and_what_they_allow(qtbot, dialog):
    assert dialog.sections() == ["begroting"]
    assert dialog.years() == [2021, 2022, 2023]
    assert dialog.chapters() is None
    assert dialog.make_button.isEnabled()
    assert not dialog.chapters_group.isEnabled()  # only for project sheets and progress
    click(qtbot, dialog.section_boxes["begroting"])
    assert not dialog.make_button.isEnabled()
    assert dialog.message.text() == dialog.tr("Choose at least one annex.")
    click(qtbot, dialog.section_boxes["voortgang"])
    assert dialog.make_button.isEnabled() and dialog.chapters_group.isEnabled()
    assert not dialog.years_group.isEnabled()
    for item in dialog.chapter_items.values():
        if item.parent() is None:
            item.setCheckState(0, Qt.CheckState.Unchecked)
    assert dialog.chapters() == []
    assert not dialog.make_button.isEnabled()
    assert dialog.message.text() == dialog.tr("Choose at least one chapter.")


def test_build_with_sections_years_and_chapters(qtbot, dialog):
    click(qtbot, dialog.section_boxes["projecten"])
    click(qtbot, dialog.year_boxes[2021])
    click(qtbot, dialog.project_column)
    for item in dialog.chapter_items.values():
        if item.parent() is None:
            item.setCheckState(0, Qt.CheckState.Unchecked)
    by_label = {item.text(0): item for item in dialog.chapter_items.values()}
    by_label["3.2 Lerend ontwikkelen"].setCheckState(0, Qt.CheckState.Checked)
    assert dialog.chapters() == [by_label["3.2 Lerend ontwikkelen"].data(0, Qt.ItemDataRole.UserRole)]
    path = dialog.build()
    assert path is not None and path.is_file()
    text = text_of(path)
    assert "Omschrijving Project 2022 2023" in text
    assert "Totaal Uitvoeringsprogramma 2022 1.280.000\n" in text  # 2023 holds markers only: no total
    assert "3.2.3 Samen leren" in text and "3.1.1 Aanpak wachtlijsten" not in text
    assert dialog.suggested_name() == dialog.tr("Plan {year} - {what}.pdf").format(
        year=2022, what=dialog.tr("annexes"))
    folder = path.parent
    dialog.remove_temporary_files()
    assert not folder.exists()


def test_cancel_in_the_progress_dialog_stops_without_a_file(qtbot, dialog, monkeypatch):
    click(qtbot, dialog.section_boxes["projecten"])
    calls = []

    def was_canceled(self) -> bool:
        calls.append(1)
        return len(calls) > 3  # the user presses Cancel while the pages are made

    monkeypatch.setattr(QProgressDialog, "wasCanceled", was_canceled)
    assert dialog.build() is None
    assert not list(dialog._folder.glob("*.pdf"))
    assert not dialog.progress_dialog.isVisible()


def test_a_refused_choice_is_shown_in_dutch(qtbot, dialog, monkeypatch):
    from app.reports import ReportError

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))

    def refuse(*args, **kwargs):
        raise ReportError("Een gekozen hoofdstuk hoort niet (meer) bij dit plan; kies opnieuw.")

    monkeypatch.setattr("app.reports.build_pdf", refuse)
    assert dialog.build() is None
    assert shown == ["Een gekozen hoofdstuk hoort niet (meer) bij dit plan; kies opnieuw."]


def test_preview_shows_the_pages_and_saves_them(qtbot, dialog, tmp_path, monkeypatch):
    click(qtbot, dialog.section_boxes["bijdragen"])
    path = dialog.build()
    pages = len(PdfReader(path).pages)
    preview = PdfPreviewDialog(path, dialog.suggested_name(), start_folder=tmp_path)
    qtbot.addWidget(preview)
    preview.show()
    qtbot.waitExposed(preview)
    assert len(preview.page_widgets) == pages
    assert preview.pages_label.text() == preview.tr("{count} page(s)").format(count=pages)
    first = preview.page_widgets[0]
    image = preview.page_image(0, first.size())
    assert image.width() >= first.width() and not image.isNull()
    dark = sum(1 for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)
               if image.pixelColor(x, y).lightness() < 128)
    assert dark > 50  # text was drawn, the page is not blank
    width = first.width()
    preview.zoom.setCurrentIndex(preview.ZOOMS.index(150))
    assert preview.page_widgets[0].width() > width * 1.4

    target = tmp_path / "bijlage"
    asked = []

    def save_name(parent, caption, start, filter_):
        asked.append(start)
        return str(target), filter_

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    click(qtbot, preview.save_button)
    saved = tmp_path / "bijlage.pdf"
    assert saved.read_bytes() == path.read_bytes()
    assert asked == [str(tmp_path / dialog.suggested_name())]
    preview.close_document()


def test_print_sends_every_page_to_the_printer(qtbot, dialog, tmp_path, monkeypatch):
    from PySide6.QtPrintSupport import QPrinter

    path = dialog.build()
    preview = PdfPreviewDialog(path, "begroting.pdf")
    qtbot.addWidget(preview)
    printed = tmp_path / "printed.pdf"

    def printer():
        result = QPrinter(QPrinter.PrinterMode.ScreenResolution)
        result.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        result.setOutputFileName(str(printed))
        return result

    monkeypatch.setattr(preview, "make_printer", printer)
    monkeypatch.setattr(preview, "ask_print", lambda p: True)
    click(qtbot, preview.print_button)
    assert len(PdfReader(printed).pages) == len(PdfReader(path).pages) == 2
    monkeypatch.setattr(preview, "ask_print", lambda p: False)  # Cancel in the print dialog
    printed.unlink()
    assert preview.print_pages() is False and not printed.exists()
    preview.close_document()


def test_open_pdf_export_from_choice_to_saved_file(qtbot, context, plan_id, tmp_path, monkeypatch):
    made = []

    def choose(self) -> int:
        self.section_boxes["formatie"].setChecked(True)
        made.append(self)
        return QDialog.DialogCode.Accepted

    def look_and_save(self) -> int:
        made.append(self.path)
        self.save()
        return QDialog.DialogCode.Rejected  # Close

    monkeypatch.setattr(PdfExportDialog, "exec", choose)
    monkeypatch.setattr(PdfPreviewDialog, "exec", look_and_save)
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *args: (str(tmp_path / "uit.pdf"), "PDF (*.pdf)"))
    open_pdf_export(context, plan_id, None)
    text = text_of(tmp_path / "uit.pdf")
    assert "Inhoud" in text and "Begroting 2022" in text and "Formatie en dagdelen" in text
    assert not made[1].exists()  # the temporary PDF is gone after the preview closed


def test_cancelled_choice_makes_nothing(qtbot, context, plan_id, monkeypatch):
    monkeypatch.setattr(PdfExportDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    monkeypatch.setattr(PdfPreviewDialog, "exec", lambda self: pytest.fail("no preview"))
    open_pdf_export(context, plan_id, None)


def test_charts_are_drawn_and_printed(qtbot, dialog):
    for key in ("begroting", "grafieken"):
        click(qtbot, dialog.section_boxes[key])
    assert dialog.sections() == ["grafieken"]
    path = dialog.build()
    reader = PdfReader(path)
    images = [x for page in reader.pages for x in page["/Resources"].get("/XObject", {}).values()
              if x.get_object()["/Subtype"] == "/Image"]
    assert len(images) >= 3
    assert "Begroting per groep en jaar" in text_of(path)


def test_the_changes_annex_is_offered_for_an_amendment_only(qtbot, context, plan_id, dialog):
    """The adopted demo plan is based on no other plan: Wijzigingsoverzicht greyed out with its
    reason, no marking. Its amendment: offered, the budget marked by default, and both printed."""
    from app.services.budget_edit import CellChange, set_cells
    from app.services.cell_input import CellValue
    from app.services.comparison import load_plan_lines
    from app.services.plan_copy import create_amendment
    from app.models import Plan

    box = dialog.section_boxes["wijzigingen"]
    assert not box.isEnabled() and "niet van een ander plan afgeleid" in box.toolTip()
    assert dialog.mark_changes.isHidden()
    amendment = create_amendment(context.workspace, plan_id)
    with context.workspace.session() as session:
        lines = load_plan_lines(session, session.get(Plan, amendment))
    first = lines.lines[lines.order[0]]
    set_cells(context.workspace, [CellChange(first.id, 2022, CellValue(first.cells[2022].amount + 10000))])
    other = PdfExportDialog(context, amendment)
    qtbot.addWidget(other)
    try:
        assert other.section_boxes["wijzigingen"].isEnabled()
        assert other.mark_changes.isChecked() and not other.mark_changes.isHidden()
        click(qtbot, other.section_boxes["wijzigingen"])
        path = other.build()
        text = text_of(path)
        assert "Wijzigingsoverzicht" in text and "+10.000" in text
        assert "Gemarkeerd: gewijzigd ten opzichte van" in text
        click(qtbot, other.mark_changes)  # off: the budget annex as before
        assert "Gemarkeerd" not in text_of(other.build())
    finally:
        other.remove_temporary_files()


def test_the_progress_report_as_of_a_reporting_moment(qtbot, context, plan_id):
    from datetime import date

    from sqlalchemy import select

    from app.models import Action, Chapter, Project
    from app.models.plan import ActionStatus
    from app.services.moments import add_moment, record_status

    with context.workspace.session() as s:
        action = s.scalars(select(Action.id).join(Action.project).join(Project.chapter)
                           .where(Chapter.plan_id == plan_id).order_by(Action.id)).first()
    march = add_moment(context.workspace, plan_id, date(2022, 3, 1), "Maart")
    july = add_moment(context.workspace, plan_id, date(2022, 7, 1), "Juli")
    record_status(context.workspace, action, march, ActionStatus.IN_PROGRESS, today=date(2022, 3, 2))
    record_status(context.workspace, action, july, ActionStatus.ACHIEVED, today=date(2022, 7, 2))
    dialog = PdfExportDialog(context, plan_id)
    qtbot.addWidget(dialog)
    try:
        assert [dialog.moment_box.itemText(i) for i in range(dialog.moment_box.count())] == [
            "Nu (huidige status)", "Maart (stand op 01-03-2022)", "Juli (stand op 01-07-2022)"]
        assert not dialog.moment_box.isEnabled()  # only with the progress report
        click(qtbot, dialog.section_boxes["begroting"])
        click(qtbot, dialog.section_boxes["voortgang"])
        assert dialog.moment_box.isEnabled() and dialog.moment_id() is None
        dialog.moment_box.setCurrentIndex(2)
        assert dialog.moment_id() == july
        text = " ".join(text_of(dialog.build()).split())
        assert "Stand op 01-07-2022 (Juli)" in text and "Gewijzigd sinds 01-03-2022" in text
    finally:
        dialog.remove_temporary_files()


def test_without_reporting_moments_there_is_nothing_to_choose(qtbot, dialog):
    click(qtbot, dialog.section_boxes["voortgang"])
    assert dialog.moment_box.count() == 1 and not dialog.moment_box.isEnabled() and dialog.moment_id() is None
