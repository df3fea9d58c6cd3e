"""Opening a refused file in the GUI: the Dutch reason, the offer of a clean copy, a save dialog
for it, the copy opened and its report shown. The dialogs sit behind seams the tests answer."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from app.services.clean_copy import CleanCopyReport, LeftOut
from app.services.errors import UntrustedFileError
from app.views.shell import opening
from hostile_files import digest, sql

TRIGGER_E = "CREATE TRIGGER e AFTER INSERT ON plan BEGIN DELETE FROM budget_line; END"


@pytest.fixture
def hostile(demo_workspace) -> Path:
    sql(demo_workspace, TRIGGER_E)
    return demo_workspace


@pytest.fixture
def seams(monkeypatch, tmp_path):
    """The three dialogs answered: yes to the clean copy, this target, and the report captured;
    message boxes captured too."""
    said: dict = {"asked": [], "targets": [], "reports": [], "errors": []}
    said["answer"] = True
    said["target"] = tmp_path / "schoon.planbord"

    def ask(parent, error):
        said["asked"].append(error)
        return said["answer"]

    def target(parent, default):
        said["targets"].append(default)
        return said["target"]

    monkeypatch.setattr(opening, "ask_clean_copy", ask)
    monkeypatch.setattr(opening, "ask_clean_copy_target", target)
    monkeypatch.setattr(opening, "show_clean_copy_report", lambda parent, report: said["reports"].append(report))
    monkeypatch.setattr(opening, "show_error", lambda parent, message, title=None: said["errors"].append(message))
    return said


def test_a_refused_file_is_offered_as_a_clean_copy_that_opens(planbord_qapp, hostile, seams):
    before = digest(hostile)
    workspace = opening.open_interactively(None, hostile)
    try:
        assert workspace is not None and workspace.path == seams["target"] and not workspace.read_only
        (error,) = seams["asked"]
        assert isinstance(error, UntrustedFileError)
        assert error.message.startswith("“demo.planbord” bevat onderdelen die Planbord niet kent: trigger 'e'")
        assert seams["targets"] == [hostile.with_name("demo (schone kopie).planbord")]
        (report,) = seams["reports"]
        assert report.target == seams["target"] and report.left_out_rows == 0 and report.copied_rows > 300
        assert seams["errors"] == []
    finally:
        if workspace is not None:
            workspace.close()
    assert digest(hostile) == before


def test_declining_the_clean_copy_makes_nothing(planbord_qapp, hostile, seams):
    seams["answer"] = False
    assert opening.open_interactively(None, hostile) is None
    assert len(seams["asked"]) == 1 and seams["targets"] == [] and seams["reports"] == []
    assert not seams["target"].exists()


def test_cancelling_the_save_dialog_makes_nothing(planbord_qapp, hostile, seams):
    seams["target"] = None
    assert opening.open_interactively(None, hostile) is None
    assert seams["reports"] == [] and seams["errors"] == []
    assert not hostile.with_name("demo (schone kopie).planbord").exists()


def test_a_bare_name_gets_the_planbord_extension(planbord_qapp, hostile, seams, tmp_path):
    seams["target"] = tmp_path / "zonder"
    workspace = opening.open_interactively(None, hostile)
    try:
        assert workspace.path == tmp_path / "zonder.planbord"
    finally:
        workspace.close()


def test_an_existing_target_is_refused_with_the_dutch_message(planbord_qapp, hostile, seams):
    seams["target"].write_text("van iemand anders")
    assert opening.open_interactively(None, hostile) is None
    assert seams["errors"] == ["Het bestand “schoon.planbord” bestaat al; kies een andere naam voor de schone "
                               "kopie. Planbord overschrijft geen bestaand bestand."]
    assert seams["target"].read_text() == "van iemand anders"


def test_an_unexpected_failure_is_a_dutch_message_not_a_crash(planbord_qapp, hostile, seams, monkeypatch):
    from app.services import clean_copy

    def broken(source, target):
        raise KeyError("stuk")

    monkeypatch.setattr(clean_copy, "make_clean_copy", broken)
    assert opening.open_interactively(None, hostile) is None
    assert seams["errors"] == ["“demo.planbord” kan niet worden geopend door een onverwachte fout (KeyError)."]


def test_a_refusal_without_a_clean_copy_is_only_shown(planbord_qapp, tmp_path, seams):
    letter = tmp_path / "brief.planbord"
    letter.write_text("Beste lezer,\n")
    assert opening.open_interactively(None, letter) is None
    assert seams["asked"] == [] and len(seams["errors"]) == 1


# --- the dialogs themselves ------------------------------------------------------------------------

def _error() -> UntrustedFileError:
    return UntrustedFileError("“x.planbord” bevat onderdelen die Planbord niet kent: trigger 'e' op tabel 'plan'.",
                              Path("x.planbord"), ["trigger 'e' op tabel 'plan'"])


def test_the_question_gives_the_reason_and_offers_the_copy_in_dutch(planbord_qapp):
    box, make = opening.clean_copy_question(None, _error())
    assert box.text() == _error().message
    assert box.windowTitle() == "Bestand niet geopend"
    assert make.text() == "Schone kopie maken…"
    assert [b.text() for b in box.buttons()] == ["Schone kopie maken…", "Annuleren"]
    assert box.informativeText().startswith("Een schone kopie is een nieuw bestand met alleen de gegevens")
    box.deleteLater()


@pytest.mark.parametrize("button, wanted", [(0, True), (1, False)])
def test_asking_returns_which_button_was_pressed(planbord_qapp, button, wanted):
    def press():
        box = QApplication.activeModalWidget()
        box.buttons()[button].click()

    QTimer.singleShot(0, press)
    assert opening.ask_clean_copy(None, _error()) is wanted


def test_the_save_dialog_answer_becomes_a_path(planbord_qapp, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QFileDialog

    asked = []

    def save(parent, title, start, filters, options=None):
        asked.append((title, start))
        return (str(tmp_path / "kopie.planbord"), filters)

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save)
    assert opening.ask_clean_copy_target(None, tmp_path / "x (schone kopie).planbord") == tmp_path / "kopie.planbord"
    assert asked == [("Schone kopie opslaan als", str(tmp_path / "x (schone kopie).planbord"))]
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    assert opening.ask_clean_copy_target(None, tmp_path / "x.planbord") is None


def _report(left: int) -> CleanCopyReport:
    report = CleanCopyReport(Path("/m/x.planbord"), Path("/m/x (schone kopie).planbord"), copied={"plan": 300})
    report.left_out = [LeftOut("chapter", i, "kolom parent_id: vormt een kring") for i in range(1, left + 1)]
    return report


def test_the_report_says_what_was_copied_and_left_out(planbord_qapp):
    box = opening.clean_copy_report_box(None, _report(7))
    assert box.text() == "De schone kopie “x (schone kopie).planbord” is geopend: 300 rijen overgenomen, 7 weggelaten."
    lines = box.informativeText().split("\n")
    assert lines[0] == "Weggelaten:"
    assert lines[1] == "tabel chapter, rij 1: kolom parent_id: vormt een kring"
    assert lines[-1] == "en nog 2 (zie de details)"
    assert "tabel chapter, rij 7: kolom parent_id: vormt een kring" in box.detailedText()
    box.deleteLater()
    box = opening.clean_copy_report_box(None, _report(0))
    assert box.informativeText() == "Er zijn geen rijen weggelaten."
    box.deleteLater()


def test_showing_the_report_waits_for_ok(planbord_qapp):
    QTimer.singleShot(0, lambda: QApplication.activeModalWidget().button(QMessageBox.StandardButton.Ok).click())
    opening.show_clean_copy_report(None, _report(1))


def test_the_main_window_opens_the_clean_copy_of_a_refused_file(main_window, copy_demo, seams, tmp_path):
    other = sql(copy_demo(tmp_path / "ander.planbord"), TRIGGER_E)
    seams["target"] = tmp_path / "ander schoon.planbord"
    assert main_window.open_path(other)
    assert main_window.windowTitle() == "Planbord — ander schoon.planbord"
    assert main_window.context.workspace.path == seams["target"]
