"""The Realisatie page (issue 20) in the real main window over the demo workspace: bookings typed
(by keyboard once) and pasted as a block from Excel, each one undo step; a refused paste writes
nothing and says why in Dutch; Delete removes bookings and undo puts them back; the uitputting
table agrees with app.services.depletion after every edit; the flags show on the page and in the
status bar; the import previews, applies as one undo step and remembers a chosen column set."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from sqlalchemy import select

from app.formatting import format_amount, format_percentage
from app.models import Plan
from app.models.actuals import ActualEntry, ActualKind
from app.services.actuals import targets
from app.services.depletion import plan_depletion
from app.views import theme
from app.views.actuals.entries_model import AMOUNT, DATE, DESCRIPTION, KIND, TARGET, YEAR
from app.views.shell.navigation import Node

D = Decimal


@pytest.fixture
def window(main_window):
    return main_window


@pytest.fixture
def page(window):
    plan_id = window.current_plan_id
    assert window.show_node(Node("actuals", plan_id, plan_id))
    page = window.current_editor()
    page.set_reference_date(date(2022, 6, 30))
    page.set_year(2022)
    return page


def plan_targets(window):
    with window.context.workspace.session() as s:
        return targets(s, s.get(Plan, window.current_plan_id))


def unique_lines(window) -> dict[str, int]:
    """Line label -> id, for labels that are plain names."""
    return {label: i for i, label in plan_targets(window).lines.items() if "›" not in label}


def bookings(window) -> dict[int, tuple]:
    with window.context.workspace.session() as s:
        return {e.id: (e.line_id, e.source_id, e.kind, e.year, e.booked_on, e.amount, e.description, e.reference)
                for e in s.scalars(select(ActualEntry))}


def depletion(window, as_of=date(2022, 6, 30)):
    with window.context.workspace.session() as s:
        return plan_depletion(s, s.get(Plan, window.current_plan_id), as_of)


def assert_table_agrees(page, window, year=2022):
    """Every line's and the total's figures in the table are the service's, as text."""
    expected = depletion(window, page.reference_date())
    model = page.depletion_model
    assert model.year == year
    shown = {}
    for row in range(model.rowCount()):
        kind, item = model.rows[row]
        key = ("total", None) if kind == "total" else (kind, item.id)
        shown[key] = [model.index(row, c).data() for c in range(1, 7)]

    def text(figures):
        budget = figures.marker.value if figures.marker is not None else format_amount(figures.budget, 2)
        return [budget, format_amount(figures.realised, 2), format_amount(figures.committed, 2),
                format_amount(figures.remaining, 2), format_percentage(figures.percentage, 1),
                format_amount(figures.forecast, 2)]

    for line in expected.lines:
        assert shown[("line", line.id)] == text(line.years[year]), line.name
    for group in expected.groups:
        assert shown[("group", group.id)] == text(group.years[year]), group.name
    assert shown[("total", None)] == text(expected.total[year])
    assert [page.flags.item(i).text() for i in range(page.flags.count())] == (
        [f.message for f in expected.flags] or ["Geen aandachtspunten: geen post boven de begroting of vroeg bijna op."])


# --- the page -------------------------------------------------------------------------------


def test_a_realisatie_page_under_every_plan_after_the_key_and_open_on_an_adopted_plan(window, page):
    model = window.navigation_model
    for plan_index in model.plan_indexes():
        children = [model.index(r, 0, plan_index).data() for r in range(model.rowCount(plan_index))]
        assert children[-2:] == ["Verdeelsleutel", "Realisatie"]
    assert page.title.text().startswith("Realisatie en uitputting — Uitvoeringsplan 2022")
    assert not page.banner.isVisible()  # the plan is adopted, but bookings are bookkeeping
    assert [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(7)] == [
        "Datum", "Jaar", "Post / bron", "Soort", "Bedrag", "Omschrijving", "Kenmerk"]
    assert [page.depletion_model.headerData(c, Qt.Orientation.Horizontal) for c in range(7)] == [
        "Post", "Begroting", "Uitgegeven", "Verplicht", "Resterend", "%", "Prognose"]
    assert page.model.rowCount() == 1 and page.model.flags(page.model.index(0, DATE)) & Qt.ItemFlag.ItemIsEditable
    assert page.model.index(0, TARGET).data() == "(nieuwe boeking: datum, post, bedrag)"
    assert_table_agrees(page, window)
    assert window.status.depletion_label.text() == ""  # no booking yet: nothing to say
    assert window.import_actuals_action.text() == "Rea&lisatie importeren…"


def test_typing_a_booking_by_keyboard_adds_it_once_complete_and_undo_takes_it_away(window, page, qtbot):
    lines = unique_lines(window)
    name = "Secretariële ondersteuning"
    view = page.table
    view.setFocus()
    view.setCurrentIndex(page.model.index(page.model.rowCount() - 1, DATE))

    def focus():
        return QApplication.focusWidget() or view

    def type_cell(text, key=Qt.Key.Key_Tab):
        """Keys as a user types them, each to the widget with the focus (the cell editor once
        open), then Tab or Enter, which commits through a queued call."""
        for char in text:
            qtbot.keyClicks(focus(), char)
        assert isinstance(focus(), QLineEdit)
        qtbot.keyClick(focus(), key)
        qtbot.waitUntil(lambda: not isinstance(QApplication.focusWidget(), QLineEdit))

    type_cell("15-03-2022")
    assert bookings(window) == {}  # a date alone is not a booking yet
    qtbot.keyClick(view, Qt.Key.Key_Tab)  # past Jaar: the date's year
    type_cell("secretari")  # part of the name (any case): the one line that holds it
    # (The list that opened is a window of its own; offscreen, nothing gives the focus back.)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(view, Qt.Key.Key_Tab)  # past Soort: realisatie
    assert view.currentIndex().column() == AMOUNT
    assert bookings(window) == {}
    type_cell("1.234,56", Qt.Key.Key_Return)
    [(entry_id, values)] = bookings(window).items()
    assert values == (lines[name], None, ActualKind.REALISED, 2022, date(2022, 3, 15), D("1234.56"), "", "")
    # Enter on the amount that completed it: on to the new row's date, for the next booking.
    assert view.currentIndex() == page.model.index(page.model.rowCount() - 1, DATE)
    row = page.model.row_of(entry_id)
    assert [page.model.index(row, c).data() for c in range(7)] == [
        "15-03-2022", "2022", name, "realisatie", "1.234,56", "", ""]
    assert page.model.index(row, AMOUNT).data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    assert window.context.undo_stack.undoText() == "Boeking toevoegen"
    assert_table_agrees(page, window)
    assert window.status.depletion_label.text() == "Besteed 2022: 0,1 %"

    # A description typed on the booking (typing opens the cell), its own step.
    view.setCurrentIndex(page.model.index(row, DESCRIPTION))
    type_cell("factuur maart", Qt.Key.Key_Return)
    assert bookings(window)[entry_id][6] == "factuur maart"
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert bookings(window)[entry_id][6] == ""
    window.undo_action.trigger()
    assert bookings(window) == {}
    assert page.model.rowCount() == 1
    assert_table_agrees(page, window)
    assert window.status.depletion_label.text() == ""


def test_a_pasted_block_adds_every_row_as_one_step_and_the_uitputting_follows(window, page):
    lines = unique_lines(window)
    sources = plan_targets(window).sources
    source_name = next(iter(sources.values()))
    over = "Representatie, onvoorzien"  # 35.000 in 2022
    block = (f"31-01-2022\tProgrammamanager Jeugd (40% uitvoering)\t10.625,00\tSalaris januari\tB-1\n"
             f"15-02-2022\t{over}\t35.000,01\tOverschrijding\tF-9\n"
             f"01-03-2022\t{source_name}\t250.000\tBijdrage\tI-1\n"
             f"02-03-2022\tSecretariële ondersteuning\t-100,50\tCreditnota\t\t2022\tverplichting\n")
    view = page.table
    view.setCurrentIndex(page.model.index(page.model.rowCount() - 1, DATE))
    assert view.paste(block)
    after = bookings(window)
    assert len(after) == 4
    stack = window.context.undo_stack
    assert stack.count() == 1 and stack.undoText() == "4 boekingen plakken"
    values = sorted(after.values(), key=lambda v: v[4])
    assert values[0] == (lines["Programmamanager Jeugd (40% uitvoering)"], None, ActualKind.REALISED, 2022,
                         date(2022, 1, 31), D("10625.00"), "Salaris januari", "B-1")
    assert values[2][:2] == (None, next(iter(sources))) and values[2][5] == D("250000.00")
    assert values[3][2] is ActualKind.COMMITTED and values[3][5] == D("-100.50")
    assert_table_agrees(page, window)

    # Over budget: the row in the warning colour with a triangle; the flag on the page and in the
    # status bar (red), its message in the tooltip.
    model = page.depletion_model
    row = model.row_of_line(lines[over])
    assert model.index(row, 0).data(Qt.ItemDataRole.BackgroundRole) == theme.brush("bad_bg")
    assert model.index(row, 5).data() == "100,0 %"
    assert model.index(row, 5).data(Qt.ItemDataRole.ForegroundRole) == theme.brush("negative")
    assert model.index(row, 0).data(Qt.ItemDataRole.DecorationRole) is not None
    assert "€ 0,01 meer uitgegeven en verplicht dan begroot" in model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)
    label = window.status.depletion_label
    assert label.text() == "Realisatie: 1 aandachtspunt(en)" and label.property("alert") is True
    assert f"{over}: in 2022 uitgegeven en verplicht € 35.000,01" in label.toolTip()
    # Choosing the flag shows its line, in its year.
    page.set_year(2023)
    page.flags.itemActivated.emit(page.flags.item(0))
    assert model.year == 2022 and page.year_choice.currentText() == "2022"
    assert page.depletion_table.currentIndex().row() == row

    stack.undo()
    assert bookings(window) == {} and page.model.rowCount() == 1
    assert_table_agrees(page, window)
    assert label.text() == "" and label.property("alert") is False
    stack.redo()
    assert bookings(window) == after  # back with the same ids
    assert_table_agrees(page, window)


def test_a_block_copied_from_the_table_itself_pastes_in_the_tables_order(window, page):
    view = page.table
    view.setCurrentIndex(page.model.index(0, DATE))
    block = "01-04-2022\t2023\tSecretariële ondersteuning\tverplichting\t500\tvooruit\tK-1\n"
    assert view.paste(block)
    [(_id, values)] = bookings(window).items()
    assert values[2:] == (ActualKind.COMMITTED, 2023, date(2022, 4, 1), D("500.00"), "vooruit", "K-1")


def test_a_refused_paste_writes_nothing_and_says_which_row_in_dutch(window, page):
    page.table.paste("31-01-2022\tSecretariële ondersteuning\t100\n")  # one booking there already
    stack = window.context.undo_stack
    before, count = bookings(window), stack.count()
    view = page.table
    cases = [
        ("01-02-2022\tSecretariële ondersteuning\t10\n02-02-2022\tBestaat niet\t20\n",
         "Rij 2: “Bestaat niet” is geen post of bron van dekking van dit plan; kies er een uit de lijst die "
         "opent terwijl u typt. Er is niets geplakt."),
        ("01-02-2022\tSecretariële ondersteuning\t10,005\n",
         "Rij 1: '10,005' heeft meer dan twee decimalen; een bedrag gaat tot op de cent. Er is niets geplakt."),
        ("31-02-2022\tSecretariële ondersteuning\t10\n", "Rij 1: '31-02-2022' is geen bestaande datum."),
        ("01-02-2022\tSecretariële ondersteuning\n",
         "Rij 1: een boeking heeft een datum, een post of bron en een bedrag nodig; ontbreekt: Bedrag. "
         "Er is niets geplakt."),
        ("01-02-2022\tSecretariële ondersteuning\t10\n01-02-2030\tSecretariële ondersteuning\t10\n",
         "Rij 2: 2030 is geen begrotingsjaar van dit plan (2022–2023); boek op een van die jaren."),
        ("01-02-2022\tondersteuning\t10\n", "past bij meer posten of bronnen"),
        ("01-02-2022\tSecretariële ondersteuning\t10\t\t\t2022\tgeleend\n",
         "Rij 1: “geleend” is geen soort boeking; typ realisatie of verplichting. Er is niets geplakt."),
    ]
    for text, message in cases:
        view.setCurrentIndex(page.model.index(page.model.rowCount() - 1, DATE))
        assert not view.paste(text)
        assert message in page.messages.text(), page.messages.text()
        assert page.messages.isVisibleTo(page)
        assert bookings(window) == before and stack.count() == count


def test_typed_cells_change_a_booking_and_wrong_text_is_refused_in_dutch(window, page):
    page.table.paste("31-01-2022\tSecretariële ondersteuning\t100\n")
    [entry_id] = bookings(window)
    model, view = page.model, page.table
    row = model.row_of(entry_id)
    assert view.apply_texts([(row, AMOUNT, "€ 1.250,50")])
    assert bookings(window)[entry_id][5] == D("1250.50")
    assert window.context.undo_stack.undoText() == "Boeking wijzigen"
    assert view.apply_texts([(row, KIND, "verplichting")])
    assert bookings(window)[entry_id][2] is ActualKind.COMMITTED
    refusals = [
        (DATE, "", "Een boeking heeft een datum nodig, bijvoorbeeld 31-03-2022; Delete verwijdert de boeking."),
        (DATE, "gisteren", "'gisteren' is geen datum."),
        (DATE, "01-01-2019", "De datum 01-01-2019 ligt ver buiten 2022"),
        (YEAR, "22", "“22” is geen jaartal; typ het begrotingsjaar, bijvoorbeeld 2022."),
        (AMOUNT, "veel", "'veel' is geen bedrag."),
        (AMOUNT, "", "Een boeking heeft een bedrag nodig; Delete verwijdert de boeking."),
        (TARGET, "", "Een boeking hoort bij een begrotingspost of bron van dekking"),
        (DESCRIPTION, "x" * 301, "De omschrijving"),
    ]
    before = bookings(window)
    for column, text, message in refusals:
        assert not view.apply_texts([(row, column, text)])
        assert message in page.messages.text(), (text, page.messages.text())
        assert bookings(window) == before
    # The new row: a wrong date is refused at once, naming the cell; the rest waits.
    draft = model.rowCount() - 1
    assert not view.apply_texts([(draft, DATE, "32-13-2022")])
    assert page.messages.text().startswith("Nieuwe boeking / Datum: '32-13-2022' is geen")
    assert view.apply_texts([(draft, TARGET, "Secretariële ondersteuning")])
    assert view.apply_texts([(draft, AMOUNT, "10")])
    assert bookings(window) == before  # no date yet
    # A date outside the plan's years: the service's refusal, and what was typed stays to correct.
    assert not view.apply_texts([(draft, DATE, "01-01-2025")])
    assert "2025 is geen begrotingsjaar van dit plan" in page.messages.text()
    assert model.index(draft, DATE).data() == "01-01-2025"
    assert not view.apply_texts([(draft, YEAR, "2023")])
    assert "De datum 01-01-2025 ligt ver buiten 2023" in page.messages.text()
    assert view.apply_texts([(draft, DATE, "02-01-2024")])  # paid in January, booked on 2023
    added = set(bookings(window)) - set(before)
    assert [bookings(window)[i][3:6] for i in added] == [(2023, date(2024, 1, 2), D("10.00"))]
    assert model.index(model.rowCount() - 1, DATE).data() == ""  # the new row is empty again


def test_delete_removes_the_selected_bookings_as_one_step_and_undo_puts_them_back(window, page, qtbot):
    page.table.paste("31-01-2022\tSecretariële ondersteuning\t100\n01-02-2022\tSecretariële ondersteuning\t200\n"
                     "02-02-2022\tSecretariële ondersteuning\t300\n")
    before = bookings(window)
    view, model = page.table, page.model
    view.selectionModel().clearSelection()
    view.setCurrentIndex(model.index(0, AMOUNT))
    view.selectionModel().select(
        QItemSelection(model.index(0, DESCRIPTION), model.index(1, DESCRIPTION)),
        view.selectionModel().SelectionFlag.ClearAndSelect)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert len(bookings(window)) == 1
    assert window.context.undo_stack.undoText() == "2 boekingen verwijderen"
    window.context.undo_stack.undo()
    assert bookings(window) == before
    # Delete on the new row empties what was typed there, and writes nothing.
    draft = model.rowCount() - 1
    view.apply_texts([(draft, DATE, "03-03-2022")])
    view.setCurrentIndex(model.index(draft, DATE))
    assert view.clear_selection()
    assert model.index(draft, DATE).data() == "" and bookings(window) == before


def test_the_reference_date_drives_the_early_flag_and_the_forecast(window, page):
    budget = depletion(window).line(unique_lines(window)["Secretariële ondersteuning"]).years[2022].budget
    page.table.paste(f"01-03-2022\tSecretariële ondersteuning\t{format_amount(budget * D('0.95'), 2)}\n")
    assert_table_agrees(page, window)
    assert "al 95,0 % van de begroting 2022" in page.flags.item(0).text()
    page.set_reference_date(date(2022, 11, 1))  # from October nearly spent is no longer early
    assert_table_agrees(page, window)
    assert page.flags.item(0).text().startswith("Geen aandachtspunten")
    page.set_year(2023)
    assert page.depletion_model.year == 2023
    assert_table_agrees(page, window, 2023)


def test_a_marker_line_shows_its_marker_and_spending_without_a_percentage(window, page):
    dep = depletion(window)
    line = next(line for line in dep.lines if line.years[2023].marker is not None)  # "id.", "doorlopend"
    label = plan_targets(window).lines[line.id]
    page.table.paste(f"01-03-2023\t{label}\t750\n")
    page.set_year(2023)
    model = page.depletion_model
    row = model.row_of_line(line.id)
    assert model.index(row, 1).data() == line.years[2023].marker.value
    assert model.index(row, 2).data() == "750,00" and model.index(row, 5).data() == ""
    assert model.index(row, 4).data() == ""  # nothing remains of no amount
    assert "geen percentage" in model.index(row, 1).data(Qt.ItemDataRole.ToolTipRole)
    assert_table_agrees(page, window, 2023)


def test_a_booking_leaves_the_budget_funding_and_key_pages_alone(window, page):
    plan_id = window.current_plan_id
    for kind in ("budget", "key"):
        window.show_node(Node(kind, plan_id, plan_id))
    budget, key = window._editors[("budget", plan_id)], window._editors[("key", plan_id)]
    resets = []
    for model in (budget.model, budget.funding_model, key.model):
        model.modelReset.connect(lambda m=model: resets.append(m))
    window.show_node(Node("actuals", plan_id, plan_id))
    page.table.paste("31-01-2022\tSecretariële ondersteuning\t100\n")
    window.context.undo_stack.undo()
    assert resets == []


def test_a_budget_cell_moves_the_uitputting_in_the_same_turn(window):
    from app.services.budget_edit import CellChange
    from app.services.cell_input import parse_cell
    from app.services.plan_copy import create_amendment
    from app.views.commands import SetCellsCommand, execute

    draft = create_amendment(window.context.workspace, window.current_plan_id)  # a budget to change
    window.context.invalidate()
    assert window.show_node(Node("actuals", draft, draft))
    page = window.current_editor()
    page.set_reference_date(date(2022, 6, 30))
    page.set_year(2022)
    page.table.paste("31-01-2022\tSecretariële ondersteuning\t100\n")
    line = unique_lines(window)["Secretariële ondersteuning"]
    change = CellChange(line, 2022, parse_cell("200"))
    assert execute(window.context, SetCellsCommand(window.context, draft, [change], "x")) is None
    assert page.depletion_model.index(page.depletion_model.row_of_line(line), 5).data() == "50,0 %"
    assert_table_agrees(page, window)


def test_a_read_only_file_has_no_new_row_and_refuses_typing(open_window, demo_workspace):
    window = open_window(demo_workspace, read_only=True)
    plan_id = window.current_plan_id
    window.show_node(Node("actuals", plan_id, plan_id))
    page = window.current_editor()
    assert page.model.rowCount() == 0
    assert page.model.set_texts([(0, DATE, "01-01-2022")]) == (
        "Dit bestand is alleen-lezen geopend; er kan geen boeking worden toegevoegd of gewijzigd.")
    assert page.model.delete_rows([0]) == "Dit bestand is alleen-lezen geopend; er kan geen boeking worden verwijderd."


# --- import ---------------------------------------------------------------------------------


def write_csv(path, rows):
    path.write_bytes(("\r\n".join(rows) + "\r\n").encode("cp1252"))
    return path


def test_an_import_is_previewed_with_its_totals_and_lands_as_one_step(window, page, tmp_path, monkeypatch):
    path = write_csv(tmp_path / "boekingen.csv", [
        "Datum;Post;Omschrijving;Factuurnummer;Bedrag;Soort",
        "31-01-2022;Secretariële ondersteuning;januari;F-1;1.000,00;",
        "28-02-2022;Secretariële ondersteuning;februari;F-2;2.000,50;realisatie",
        "15-03-2022;Secretariële ondersteuning;opdracht;O-1;5.000,00;verplichting",
    ])
    seen = {}

    def run(dialog):
        seen["title"] = dialog.windowTitle()
        seen["totals"] = dialog.totals.text()
        seen["rows"] = [[dialog.rows.item(r, c).text() for c in range(dialog.rows.columnCount())]
                        for r in range(dialog.rows.rowCount())]
        seen["choose"] = bool(dialog.pickers)
        return True

    monkeypatch.setattr(window, "ask_import_path", lambda: path)
    monkeypatch.setattr(window, "run_import_dialog", run)
    page.import_action.trigger()
    assert seen["title"] == "Realisatie importeren — boekingen" and not seen["choose"]
    assert seen["totals"].splitlines() == [
        "3 boekingen; er wordt niets geschreven tot u op Importeren klikt, en dan als één stap die u ongedaan "
        "kunt maken.",
        "2022 uitgaven: € 3.000,50 (2 boekingen)",
        "2022 verplichtingen: € 5.000,00 (1 boeking)"]
    assert seen["rows"][0] == ["2", "31-01-2022", "2022", "Secretariële ondersteuning", "realisatie", "1.000,00",
                               "januari", "F-1"]
    assert len(bookings(window)) == 3
    stack = window.context.undo_stack
    assert stack.count() == 1 and stack.undoText() == "Realisatie importeren uit boekingen.csv"
    assert "Geïmporteerd: 3 boekingen uit “boekingen.csv”." == window.statusBar().currentMessage()
    assert_table_agrees(page, window)
    stack.undo()
    assert bookings(window) == {}
    assert_table_agrees(page, window)


def test_an_import_with_a_wrong_row_shows_why_and_writes_nothing(window, page, tmp_path, monkeypatch):
    path = write_csv(tmp_path / "fout.csv", [
        "Datum;Post;Bedrag", "31-01-2022;Secretariële ondersteuning;1.000,00", "01-02-2022;Onbekend;5"])
    seen = {}

    def run(dialog):
        seen["problem"] = dialog.problem.text()
        seen["enabled"] = dialog.import_button.isEnabled()
        return True  # even if the user could: nothing to import

    monkeypatch.setattr(window, "ask_import_path", lambda: path)
    monkeypatch.setattr(window, "run_import_dialog", run)
    window.import_file()  # File > Import on the Realisatie page imports bookings
    assert seen["problem"].startswith("Rij 3 (cel B3): “Onbekend” is geen post of bron van dekking van dit plan")
    assert seen["enabled"] is False
    assert bookings(window) == {} and window.context.undo_stack.count() == 0


def test_without_a_header_the_columns_are_chosen_and_remembered(window, page, tmp_path, monkeypatch):
    path = write_csv(tmp_path / "kaal.csv", [
        "Wanneer;Wat;Hoeveel", "31-01-2022;Secretariële ondersteuning;1.000,00"])
    choices = []

    def run(dialog):
        # First guess: Datum, Post, Bedrag in A, B, C (here right); the user moves the amount.
        assert [dialog.pickers[n].currentData() for n in ("date", "target", "amount")] == [0, 1, 2]
        dialog.pickers["amount"].setCurrentIndex(dialog.pickers["amount"].findData(0))
        assert dialog.preview is None and not dialog.import_button.isEnabled()
        assert dialog.problem.text().startswith("Rij 2 (cel A2): ")  # a date is no amount
        dialog.pickers["amount"].setCurrentIndex(dialog.pickers["amount"].findData(2))
        choices.append(dialog.pickers["amount"].currentText())
        return dialog.import_button.isEnabled()

    monkeypatch.setattr(window, "ask_import_path", lambda: path)
    monkeypatch.setattr(window, "run_import_dialog", run)
    window.import_actuals_action.trigger()
    assert choices == ["C: Hoeveel"]
    assert [v[5] for v in bookings(window).values()] == [D("1000.00")]
    assert '"amount": 2' in window.context.settings.actuals_columns
    # The next file without a header starts from the columns chosen.
    from app.views.actuals.importing import remembered_columns

    assert (remembered_columns(window.context).date, remembered_columns(window.context).target) == (0, 1)


def test_an_unreadable_file_is_said_in_dutch(window, page, tmp_path, monkeypatch):
    path = tmp_path / "leeg.csv"
    path.write_bytes(b"")
    errors = []
    monkeypatch.setattr("app.views.shell.opening.show_error", lambda parent, message: errors.append(message))
    monkeypatch.setattr(window, "ask_import_path", lambda: path)
    monkeypatch.setattr(window, "run_import_dialog", lambda dialog: pytest.fail("no dialog for an empty file"))
    page.import_action.trigger()
    assert errors == ["Het bestand “leeg.csv” is leeg."] and bookings(window) == {}


def test_an_import_on_a_read_only_file_is_refused_before_a_file_is_asked(open_window, demo_workspace, monkeypatch):
    window = open_window(demo_workspace, read_only=True)
    errors = []
    monkeypatch.setattr("app.views.shell.opening.show_error", lambda parent, message: errors.append(message))
    monkeypatch.setattr(window, "ask_import_path", lambda: pytest.fail("no file asked for"))
    window.import_actuals_action.trigger()
    assert errors == ["Dit bestand is alleen-lezen geopend; er kunnen geen boekingen worden ingelezen."]
    assert window.current_node.kind == "actuals"  # File > Realisatie importeren shows the page


def test_a_cancelled_import_writes_nothing(window, page, tmp_path, monkeypatch):
    path = write_csv(tmp_path / "b.csv", ["Datum;Post;Bedrag", "31-01-2022;Secretariële ondersteuning;1,00"])
    monkeypatch.setattr(window, "ask_import_path", lambda: path)
    monkeypatch.setattr(window, "run_import_dialog", lambda dialog: False)
    page.import_action.trigger()
    assert bookings(window) == {} and window.context.undo_stack.count() == 0
    monkeypatch.setattr(window, "ask_import_path", lambda: None)  # no file chosen
    page.import_action.trigger()
    assert bookings(window) == {}


def test_the_uitputting_cannot_be_typed_in_but_a_line_s_forecast(window, page):
    view = page.depletion_table
    view.setCurrentIndex(page.depletion_model.index(1, 1))
    assert not view.paste("5")
    assert "alleen-lezen" in page.messages.text() or "berekend" in page.messages.text()
    assert page.depletion_model.set_texts([(1, 1, "5")]) == (
        "De uitputting wordt uit de boekingen berekend; typ in de boekingen hierboven. Alleen de prognose "
        "van een post kan worden getypt.")
    group_row = next(r for r, (kind, _item) in enumerate(page.depletion_model.rows) if kind == "group")
    assert page.depletion_model.set_texts([(group_row, 6, "5")]).startswith("De uitputting wordt")


def test_a_line_s_forecast_is_typed_undone_and_emptied_back_to_linear(window, page):
    model = page.depletion_model
    line_id = unique_lines(window)["Secretariële ondersteuning"]
    row = model.row_of_line(line_id)
    forecast = model.index(row, 6)
    assert forecast.flags() & Qt.ItemFlag.ItemIsEditable
    linear = depletion(window).line(line_id).years[2022].forecast
    assert model.setData(forecast, "80.000")
    figures = depletion(window).line(line_id).years[2022]
    assert figures.typed_forecast and figures.forecast == D("80000.00")
    assert_table_agrees(page, window)
    assert model.index(row, 6).data(Qt.ItemDataRole.ToolTipRole) == "Voor deze post getypt"
    window.context.undo_stack.undo()
    assert depletion(window).line(line_id).years[2022].forecast == linear
    assert_table_agrees(page, window)
    window.context.undo_stack.redo()
    assert model.setData(model.index(row, 6), "")  # empty: linear again
    assert not depletion(window).line(line_id).years[2022].typed_forecast
    assert model.set_texts([(row, 6, "twaalf")]) == "'twaalf' is geen bedrag. " + model.set_texts(
        [(row, 6, "twaalf")]).split("bedrag. ", 1)[1]
    assert not depletion(window).line(line_id).years[2022].typed_forecast  # the refusal wrote nothing
