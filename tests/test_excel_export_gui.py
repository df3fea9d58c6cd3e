"""Bestand > Exporteren naar Excel…: the save dialog (replaced), the workbook on disk, the
message in the status bar, and every failure in a Dutch dialog."""
from __future__ import annotations

import errno
from pathlib import Path

import openpyxl
import pytest

from app.io import excel_export


@pytest.fixture
def errors(monkeypatch) -> list[str]:
    shown: list[str] = []
    for where in ("app.views.shell.opening.show_error", "app.views.shell.main_window.show_error"):
        monkeypatch.setattr(where, lambda parent, message, title=None: shown.append(message))
    return shown


def choose(window, monkeypatch, path: Path | None) -> list[Path]:
    """Replace the save dialog: it answers ``path`` and remembers what it suggested."""
    suggested: list[Path] = []

    def ask(suggestion: Path) -> Path | None:
        suggested.append(suggestion)
        return path

    monkeypatch.setattr(window, "ask_excel_path", ask)
    return suggested


def test_the_menu_item_is_in_the_file_menu(main_window):
    file_menu = main_window.menuBar().actions()[0].menu()
    texts = [a.text() for a in file_menu.actions()]
    assert "Exporteren naar &Excel…" in texts
    assert texts.index("Exporteren naar &Excel…") == texts.index(main_window.pdf_action.text()) + 1


def test_export_writes_every_table_and_says_so(main_window, monkeypatch, tmp_path, errors):
    target = tmp_path / "uitvoer.xlsx"
    suggested = choose(main_window, monkeypatch, target)
    main_window.excel_action.trigger()
    assert errors == []
    assert suggested == [main_window.context.workspace.path.parent / "demo-2022.xlsx"]
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["Begroting", "Dekking", "Bijdragen", "Formatie", "Acties"]
    assert main_window.statusBar().currentMessage() == "Geëxporteerd naar “uitvoer.xlsx”: 5 tabbladen."


def test_a_name_without_xlsx_gets_it(main_window, monkeypatch, tmp_path, errors):
    choose(main_window, monkeypatch, tmp_path / "begroting 2022")
    main_window.export_excel()
    assert (tmp_path / "begroting 2022.xlsx").is_file() and errors == []


def test_cancelled_writes_nothing(main_window, monkeypatch, tmp_path, errors):
    choose(main_window, monkeypatch, None)
    before = main_window.statusBar().currentMessage()
    main_window.export_excel()
    assert errors == [] and not list(tmp_path.glob("*.xlsx"))
    assert main_window.statusBar().currentMessage() == before


def test_the_workspace_itself_is_refused(main_window, monkeypatch, tmp_path, errors):
    workspace = main_window.context.workspace.path
    link = tmp_path / "werk.xlsx"
    link.symlink_to(workspace)
    before = workspace.read_bytes()
    choose(main_window, monkeypatch, link)
    main_window.export_excel()
    assert errors == ["“werk.xlsx” is het bestand zelf waaruit Planbord leest (“demo.planbord”); Planbord "
                      "schrijft er niet overheen. Kies een andere naam."]
    assert workspace.read_bytes() == before


def test_a_missing_folder_is_refused(main_window, monkeypatch, tmp_path, errors):
    target = tmp_path / "weg" / "b.xlsx"
    choose(main_window, monkeypatch, target)
    main_window.export_excel()
    assert errors == [f"De map “{target.parent}” bestaat niet; kies een andere plek voor het bestand."]


def test_an_os_error_is_said_in_dutch(main_window, monkeypatch, tmp_path, errors):
    def refused(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(excel_export, "export_workbook", refused)
    choose(main_window, monkeypatch, tmp_path / "b.xlsx")
    main_window.export_excel()
    assert errors == ["Het Excel-bestand kan niet worden opgeslagen (u heeft geen schrijfrechten (of het "
                      "bestand is geopend in een ander programma))."]


def test_without_a_plan_it_asks_for_one(main_window, monkeypatch, errors):
    suggested = choose(main_window, monkeypatch, None)
    main_window.current_plan_id = None
    main_window.export_excel()
    assert errors == ["Open eerst een plan: kies het in de boom links."] and suggested == []
