"""A screen reader can name everything the keyboard reaches, and colour is never the only signal.

Every page of the demo workspace (and the docks, and the dialogs that can be opened through
their seams) is walked; every visible widget that takes the focus must have an accessible
name. Overdue actions and a balance that is off carry an icon or a word besides their red, in
what the table shows and in what Qt hands a screen reader.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QWidget,
)
from sqlalchemy import select

from app.views import traffic_light
from app.views.shell.navigation import Node

FAR_FUTURE = date(2099, 1, 1)  # every action not achieved is overdue by then
PAST = date(2000, 1, 1)  # none is
TEXT = Qt.ItemDataRole.AccessibleTextRole
DESCRIPTION = Qt.ItemDataRole.AccessibleDescriptionRole
DECORATION = Qt.ItemDataRole.DecorationRole


# --- the walk ----------------------------------------------------------------------------------


def spoken_name(widget: QWidget) -> str:
    """The name a screen reader says for ``widget``."""
    if widget.accessibleName():
        return widget.accessibleName()
    # A button's accessible interface (QAccessibleButton) reads its visible text as its name,
    # on every platform; a button without text needs an accessible name like any widget.
    if isinstance(widget, QAbstractButton):
        return widget.text().replace("&", "").strip()
    return ""


def carrier(widget: QWidget) -> QWidget:
    """The widget that carries the name for ``widget``: itself, or for Qt's own parts of a
    widget, that widget."""
    parent = widget.parentWidget()
    # A scroll area's viewport (a table's, a chart's canvas) is the view's own surface; a
    # screen reader reaches it through the view, which carries the name.
    if isinstance(parent, QAbstractScrollArea) and parent.viewport() is widget:
        return parent
    # The line edit of an editable combo box is the combo's text field: the combo's name is its.
    if isinstance(parent, QComboBox) and parent.lineEdit() is widget:
        return parent
    # Likewise a spin box's text field (Qt names it qt_spinbox_lineedit).
    if isinstance(parent, QAbstractSpinBox) and widget.objectName() == "qt_spinbox_lineedit":
        return parent
    return widget


def describe(widget: QWidget) -> str:
    chain = []
    parent = widget.parentWidget()
    while parent is not None:
        chain.append(f"{type(parent).__name__}#{parent.objectName()}")
        parent = parent.parentWidget()
    return f"{type(widget).__name__}#{widget.objectName()} in {' < '.join(chain)}"


def unnamed(top: QWidget) -> list[str]:
    """Every visible widget in ``top``'s window (``top`` included) that takes the focus (enabled
    or not) and has no accessible name."""
    found = []
    for widget in QApplication.allWidgets():
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus or not widget.isVisible():
            continue
        if not (widget is top or top.isAncestorOf(widget)):
            continue
        if not spoken_name(carrier(widget)):
            found.append(describe(widget))
    return found


def pages_of(window) -> list[Node]:
    """The region, the plan's overview and every table page of each plan, the first chapter
    and the first project of each plan."""
    nodes = [window.navigation_model.node(i) for i in window.navigation_model.walk()]
    wanted, seen_kinds = [], set()
    for node in nodes:
        if node.kind in ("project", "chapter"):
            if (node.kind, node.plan_id) in seen_kinds:
                continue
            seen_kinds.add((node.kind, node.plan_id))
        wanted.append(node)
    return wanted


def test_every_page_names_every_widget_the_keyboard_reaches(main_window, qtbot):
    window = main_window
    window.history.show()
    window.charts.show()
    qtbot.waitUntil(lambda: window.charts.panel is not None)
    pages = pages_of(window)
    kinds = {node.kind for node in pages}
    assert {"region", "plan", "chapter", "project", "progress", "staffing", "budget", "funding",
            "key"} <= kinds
    problems = {}
    for node in pages:
        assert window.show_node(node)
        QApplication.processEvents()
        for widget in unnamed(window):
            problems.setdefault(widget, node)
    panel = window.charts.panel
    from app.views.charts.panel import CHART_NAMES

    for name in CHART_NAMES:  # each chart, and the comparison's own choice
        panel.show_chart(name)
        QApplication.processEvents()
        for widget in unnamed(window):
            problems.setdefault(widget, f"chart {name}")
    assert not problems, "\n".join(f"{w}  (on {n})" for w, n in problems.items())


def test_the_key_widgets_are_named_exactly(main_window):
    window = main_window
    assert window.tree.accessibleName() == "Navigatie: regio, plannen en pagina's"
    assert window.overview.accessibleName() == "Overzicht"
    assert window.history_view.accessibleName() == "Geschiedenis van wijzigingen"
    plan_id = window.current_plan_id
    assert window.show_node(Node("budget", plan_id, plan_id))
    editor = window.current_editor()
    assert editor.table.accessibleName() == "Begroting"
    assert editor.table.accessibleDescription() == "Posten per jaar; typ een bedrag, PM, id. of doorlopend"
    assert editor.funding_table.accessibleName() == "Dekking en saldo"
    # What Qt's accessibility layer hands a screen reader, not only the widget's property.
    interface = QAccessible.queryAccessibleInterface(editor.table)
    assert interface.text(QAccessible.Text.Name) == "Begroting"
    assert window.show_node(Node("progress", plan_id, plan_id))
    assert window.current_editor().table.accessibleName() == "Voortgang per project"


def test_the_project_form_names_its_fields_after_their_labels(main_window):
    window = main_window
    project = next(window.navigation_model.node(i) for i in window.navigation_model.walk()
                   if window.navigation_model.node(i).kind == "project")
    assert window.show_node(project)
    editor = window.current_editor()
    names = {name: edit.accessibleName() for name, edit in editor.edits.items()}
    assert names == {"title": "Titel", "sponsor_admin": "Bestuurlijk opdrachtgever",
                     "sponsor_official": "Ambtelijk opdrachtgever", "contractor": "Opdrachtnemer",
                     "start_date": "Begindatum", "end_date": "Einddatum"}
    assert editor.chapter.accessibleName() == "Hoofdstuk"
    assert editor.status.accessibleName() == "Status"
    assert editor.description.accessibleName() == "Omschrijving"
    # The label is the field's buddy: its mnemonic and a screen reader's relation lead to it.
    assert [label.text() for label in editor.findChildren(QLabel)
            if label.buddy() is editor.edits["title"]] == ["Titel"]
    assert editor.actions_table.accessibleName() == "Acties"


# --- dialogs -----------------------------------------------------------------------------------


def open_modal(ask) -> tuple[list[str], dict[str, str]]:
    """Run ``ask`` (which shows a modal dialog), look at the dialog, cancel it: the unnamed
    widgets, and the accessible names of the focusable ones in their order."""
    seen: dict = {}

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, look)
            return
        seen["unnamed"] = unnamed(dialog)
        seen["names"] = [w.accessibleName() for w in dialog.findChildren(QWidget)
                         if w.isVisible() and w.focusPolicy() != Qt.FocusPolicy.NoFocus and w.accessibleName()]
        dialog.reject()

    QTimer.singleShot(0, look)
    ask()
    return seen["unnamed"], seen["names"]


def region_id(window) -> int:
    return next(window.navigation_model.node(i).id for i in window.navigation_model.walk()
                if window.navigation_model.node(i).kind == "region")


def test_the_form_dialogs_name_their_fields_after_their_labels(main_window):
    window = main_window
    missing, names = open_modal(lambda: window.plan_actions.ask_new_plan(region_id(window)))
    assert missing == []
    assert names == ["Jaar", "Titel", "Begroting van", "Begroting tot en met", "Dagdelen per fte",
                     "Verdeelsleutel"]
    missing, names = open_modal(lambda: window.plan_actions.ask_year_columns(2022, 2024))
    assert missing == [] and "Waarvan ter vergelijking" in names
    assert window.show_node(Node("region", region_id(window)))
    editor = window.current_editor()
    missing, _ = open_modal(editor.ask_key)
    assert missing == []
    missing, names = open_modal(lambda: editor.ask_set("Groep"))
    assert missing == [] and names[:2] == ["Code (bijv. H8)", "Naam"]


def test_the_file_dialogs_name_their_widgets(main_window, qtbot, tmp_path):
    from pypdf import PdfWriter

    from app.views.export.pdf_export import PdfExportDialog, PdfPreviewDialog
    from app.views.projects.ambitions import AmbitionsDialog
    from app.views.shell.backups import RestoreBackupDialog

    window = main_window
    plan_id = window.current_plan_id
    pdf = tmp_path / "leeg.pdf"
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.write(pdf)
    dialogs = [
        PdfExportDialog(window.context, plan_id, window),
        PdfPreviewDialog(pdf, "leeg.pdf", window),
        RestoreBackupDialog(window.context.workspace.path, 2022, window),
        AmbitionsDialog(window.context, region_id(window), window),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        QApplication.processEvents()
        assert unnamed(dialog) == [], type(dialog).__name__
    dialogs[0].section_boxes["voortgang"].click()  # the chapter tree in use
    assert dialogs[0].chapter_tree.accessibleName() == "Hoofdstukken"
    assert unnamed(dialogs[0]) == []
    dialogs[1].close_document()


def test_the_import_dialog_names_its_tables_and_each_rows_kind(main_window, tmp_path, monkeypatch):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in (("Omschrijving", "2022"), ("Bureau", None), ("Programmamanager", 120000)):
        sheet.append(row)
    path = tmp_path / "begroting.xlsx"
    book.save(path)
    seen = {}

    def run_dialog(dialog) -> bool:
        dialog.show()
        QApplication.processEvents()
        seen["unnamed"] = unnamed(dialog)
        seen["kinds"] = [dialog.rows.cellWidget(r, 0).accessibleName() for r in range(dialog.rows.rowCount())]
        dialog.hide()
        return False

    monkeypatch.setattr(main_window, "ask_import_path", lambda: path)
    monkeypatch.setattr(main_window, "run_import_dialog", run_dialog)
    # The demo plan is adopted, which File > Import refuses at once; the dialog is what is looked at.
    monkeypatch.setattr(main_window, "read_only_text", lambda plan_id: "")
    main_window.import_action.trigger()
    assert seen["unnamed"] == []
    assert seen["kinds"] == ["Soort van rij 2", "Soort van rij 3"]


def test_every_page_of_the_new_workspace_wizard_names_its_fields(qtbot, planbord_qapp, tmp_path):
    from app.views.shell.new_workspace_wizard import NewWorkspaceWizard

    wizard = NewWorkspaceWizard(tmp_path / "w.planbord", 2027)
    qtbot.addWidget(wizard)
    wizard.show()
    assert unnamed(wizard) == []
    assert wizard.region_page.name.accessibleName() == "Naam van de regio"
    wizard.region_page.name.setText("Regio")
    wizard.next()
    assert unnamed(wizard) == []
    wizard.municipalities_page.text.setPlainText("Aadorp\nBeekdorp")
    wizard.next()
    assert wizard.currentPage() is wizard.key_page
    assert unnamed(wizard) == []
    wizard.key_page.name.setText("K")
    wizard.key_page.values.setPlainText("60\n40")
    wizard.next()
    assert wizard.currentPage() is wizard.plan_page
    assert unnamed(wizard) == []
    assert wizard.plan_page.first.accessibleName() == "Eerste begrotingsjaar"


# --- colour is never the only signal ---------------------------------------------------------


def cell_spoken(view, row: int, column: int) -> tuple[str, str]:
    """(name, description) of a table cell as Qt's accessibility layer hands them to a screen
    reader."""
    table = QAccessible.queryAccessibleInterface(view)
    for n in range(table.childCount()):
        cell = table.child(n)
        place = cell.tableCellInterface()  # None for the headers
        if place is not None and (place.rowIndex(), place.columnIndex()) == (row, column):
            return cell.text(QAccessible.Text.Name), cell.text(QAccessible.Text.Description)
    raise AssertionError(f"no cell {row}, {column}")


def test_an_overdue_action_has_a_triangle_and_says_so(main_window):
    from app.views.projects.project_editor import DUE

    window = main_window
    project = next(window.navigation_model.node(i) for i in window.navigation_model.walk()
                   if window.navigation_model.node(i).kind == "project")
    assert window.show_node(project)
    editor = window.current_editor()
    model = editor.actions_model
    editor.today = PAST
    editor.reload()
    assert model.actions and not any(a.overdue for a in model.actions)
    on_time = model.index(0, DUE)
    assert on_time.data(DECORATION) is None and on_time.data(TEXT) is None
    editor.today = FAR_FUTURE
    editor.reload()
    late = [r for r, a in enumerate(model.actions) if a.overdue]
    assert late
    index = model.index(late[0], DUE)
    due = index.data()
    assert due and "over tijd" not in due  # the cell shows the date; copying gives the date
    assert index.data(DECORATION).cacheKey() == traffic_light.overdue_icon().cacheKey()
    assert not traffic_light.overdue_icon().isNull()
    assert index.data(TEXT) == f"{due}, over tijd"
    assert index.data(Qt.ItemDataRole.ToolTipRole) == index.data(DESCRIPTION) == (
        "Over tijd: de einddatum is verstreken en de actie is niet behaald.")
    assert cell_spoken(editor.actions_table, late[0], DUE) == (
        f"{due}, over tijd", "Over tijd: de einddatum is verstreken en de actie is niet behaald.")


def test_the_progress_table_says_its_counts_and_overdue_in_words(main_window):
    from app.models import ActionStatus
    from app.views.projects.progress_view import FIRST_STATUS, OVERDUE, STATUSES

    window = main_window
    plan_id = window.current_plan_id
    assert window.show_node(Node("progress", plan_id, plan_id))
    view = window.current_editor()
    model = view.model
    view.today = PAST
    view.refresh()
    assert not any(r.overdue for r in model.rows)
    assert all(model.index(r, OVERDUE).data(DECORATION) is None for r in range(model.rowCount()))
    view.today = FAR_FUTURE
    view.refresh()
    row = next(r for r, p in enumerate(model.rows) if p.overdue)
    late = model.rows[row]
    index = model.index(row, OVERDUE)
    assert index.data() == str(late.overdue)
    assert index.data(DECORATION).cacheKey() == traffic_light.overdue_icon().cacheKey()
    assert index.data(TEXT) == f"{late.overdue} over tijd"
    assert model.index(row, 1).data(DESCRIPTION) == (
        f"{late.overdue} actie(s) over tijd: einddatum verstreken en niet behaald.")
    column = FIRST_STATUS + STATUSES.index(ActionStatus.UNKNOWN)
    count = late.counts[ActionStatus.UNKNOWN]
    assert count and model.index(row, column).data(TEXT) == f"{count} onbekend"
    assert cell_spoken(view.table, row, OVERDUE)[0] == f"{late.overdue} over tijd"
    # A status is a word beside its dot, in the header and the filter.
    headers = [model.headerData(FIRST_STATUS + i, Qt.Orientation.Horizontal) for i in range(len(STATUSES))]
    assert headers == ["onbekend", "in behandeling", "behaald", "niet behaald"]
    assert [view.status_filter.itemText(i) for i in range(1, view.status_filter.count())] == headers


def test_the_project_statuses_are_words():
    from app.models import ProjectStatus

    texts = [traffic_light.project_status_text(s) for s in ProjectStatus]
    assert all(texts) and len(set(texts)) == len(texts)


def add_to_budget(window, amount: str) -> None:
    """Add ``amount`` to a budget cell of 2022 directly (as another program would) and tell
    the window."""
    from app.models import BudgetCell

    with window.context.workspace.transaction() as session:
        cell = next(c for c in session.scalars(select(BudgetCell).where(BudgetCell.year == 2022)
                                               .order_by(BudgetCell.id)) if c.amount)
        cell.amount += Decimal(amount)
    window.context.data_changed.emit()


def test_a_balance_that_is_off_keeps_its_sign_and_says_shortfall_or_surplus(main_window):
    from app.views.budget.funding_model import FIRST_YEAR_COLUMN
    from app.views.shell import overview

    window = main_window
    plan_id = window.current_plan_id
    assert window.show_node(Node("funding", plan_id, plan_id))
    editor = window.current_editor()
    model = editor.funding_model
    balance = model.rowCount() - 1
    column = FIRST_YEAR_COLUMN + model.sheet.years.index(2022)
    cell = model.index(balance, column)
    assert cell.data() == "0" and cell.data(DECORATION) is None and cell.data(TEXT) is None
    assert window.status.balance_label.text() == "Saldo: € 0"

    add_to_budget(window, "1")  # 1 more budget than funding
    editor = window.current_editor()  # the window rebuilds its pages from the file
    model = editor.funding_model
    cell = model.index(balance, column)
    assert cell.data() == "-1" and cell.data(Qt.ItemDataRole.EditRole) == "-1"  # as shown, as copied
    assert cell.data(Qt.ItemDataRole.ForegroundRole) is not None  # still red, and besides the red:
    assert cell.data(DECORATION).cacheKey() == traffic_light.overdue_icon().cacheKey()  # the triangle
    assert cell.data(Qt.ItemDataRole.ToolTipRole) == cell.data(TEXT) == "-1 tekort"
    assert cell_spoken(editor.funding_table, balance, column)[0] == "-1 tekort"
    assert window.status.balance_label.text() == "Saldo: € -1 tekort"
    html = overview.render(window.context, Node("plan", plan_id, plan_id)).html
    assert '<span class="alert">€ -1&nbsp;tekort</span>' in html
    # 2021 is last year's budget, shown for comparison and never funded: no word, no alert.
    assert "€ -1.062.500</td>" in html and "-1.062.500&nbsp;" not in html

    add_to_budget(window, "-11")  # now 10 less budget than funding
    cell = window.current_editor().funding_model.index(balance, column)
    assert cell.data() == "10" and cell.data(TEXT) == "10 overschot"
    assert window.status.balance_label.text() == "Saldo: € 10 overschot"
    html = overview.render(window.context, Node("plan", plan_id, plan_id)).html
    assert '<span class="alert">€ 10&nbsp;overschot</span>' in html
    assert window.show_node(Node("plan", plan_id, plan_id))
    assert "€ 10 overschot" in window.overview.toPlainText()
@pytest.mark.parametrize("text, name", [("&Sleutel:", "Sleutel"), ("Begroting &van", "Begroting van"),
                                        ("Opslaan && sluiten", "Opslaan & sluiten")])
def test_a_label_gives_its_text_without_mnemonic_or_colon(text, name):
    from app.views.editor_parts import plain_label

    assert plain_label(text) == name
