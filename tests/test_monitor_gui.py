"""The Monitor page (issue 21, point 3; pytest-qt, offscreen) over the demo workspace: indicators
added and deleted as one undo step each; values and targets typed into the table in Dutch notation
(each one undo step), a pasted block one step; a refused value shows the service's Dutch message
and writes nothing; a non-additive indicator never shows a sum on screen, an additive one shows its
Totaal; the line chart plots exactly the values and the target and follows every edit."""
from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from app.models import Region
from app.models.indicators import Breakdown, IndicatorUnit
from app.services.indicators import add_indicator, indicator_table, set_target, set_value

D = Decimal
CLIENTS = "Unieke cliënten jeugdhulp met verblijf"
QUICK = "Jeugdigen binnen 6 weken geholpen"
SPENDING = "Uitgaven jeugdhulp"


@pytest.fixture
def context(qtbot, planbord_qapp, demo_workspace, settings_store):
    from app.services.workspace import open_workspace
    from app.views.context import ApplicationContext

    ctx = ApplicationContext(open_workspace(demo_workspace), settings_store)
    yield ctx
    ctx.close()


@pytest.fixture
def region(context) -> int:
    with context.workspace.session() as s:
        return s.scalars(select(Region.id)).one()


@pytest.fixture
def ids(context, region) -> dict[str, int]:
    ws = context.workspace
    clients = add_indicator(ws, region, CLIENTS, IndicatorUnit.CLIENTS, breakdown=Breakdown.ORGANISATION,
                            source="CBS", definition="Unieke jeugdigen per aanbieder.")
    for organisation, value in (("Horizon", 131), ("Cardea", 77)):
        set_value(ws, clients, 2022, value, organisation)
    quick = add_indicator(ws, region, QUICK, IndicatorUnit.PERCENTAGE)
    set_value(ws, quick, 2021, D("64"))
    set_value(ws, quick, 2022, D("71.25"))
    set_target(ws, quick, 2022, 75)
    spending = add_indicator(ws, region, SPENDING, IndicatorUnit.EURO, additive=True,
                             breakdown=Breakdown.MUNICIPALITY)
    set_value(ws, spending, 2022, D("1000"), "Delft")
    return {CLIENTS: clients, QUICK: quick, SPENDING: spending}


@pytest.fixture
def page(qtbot, context, region, ids):
    from app.views.monitor.monitor_page import MonitorPage

    widget = MonitorPage(context, region)
    qtbot.addWidget(widget)
    widget.resize(1200, 760)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def table(context, indicator_id):
    with context.workspace.session() as s:
        return indicator_table(s, indicator_id)


def shown(page) -> list[list[str]]:
    model = page.model
    return [[str(model.data(model.index(r, c)) or "") for c in range(model.columnCount())]
            for r in range(model.rowCount())]


def row_named(page, kind: str, member: str = "") -> int:
    row = page.model.row_of(kind, member)
    assert row is not None, (kind, member)
    return row


def type_into(qtbot, page, row: int, column: int, text: str) -> None:
    """Go to the cell and type, as a user does, each key to the widget with the focus (the first
    opens the cell's editor, the rest go into it); Enter writes and moves down. An empty text: F2
    and the old text cleared."""
    from PySide6.QtWidgets import QLineEdit

    view = page.table
    view.setFocus()
    view.setCurrentIndex(page.model.index(row, column))
    if not text:
        qtbot.keyClick(view, Qt.Key.Key_F2)
        editor = QApplication.focusWidget()
        if isinstance(editor, QLineEdit):
            editor.clear()
    for char in text:
        qtbot.keyClicks(QApplication.focusWidget(), char)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not isinstance(QApplication.focusWidget(), QLineEdit))
    QApplication.processEvents()


def paste(qtbot, page, row: int, column: int, text: str) -> None:
    QApplication.clipboard().setText(text)
    view = page.table
    view.setFocus()
    view.setCurrentIndex(page.model.index(row, column))
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()


def test_typing_a_value_and_a_target_each_is_one_undo_step(qtbot, page, context, ids):
    page.choose(ids[QUICK])
    model = page.model
    assert model.years == [2021, 2022]
    value_row, target_row = row_named(page, "whole"), row_named(page, "target")
    type_into(qtbot, page, value_row, model.column_of(2021), "62,5")
    assert table(context, ids[QUICK]).whole[2021] == D("62.50")
    assert shown(page)[value_row][model.column_of(2021)] == "62,5 %"  # in its unit
    type_into(qtbot, page, target_row, model.column_of(2021), "70 %")
    assert table(context, ids[QUICK]).targets[2021] == D("70.00")
    assert shown(page)[target_row][model.column_of(2021)] == "70,0 %"
    stack = context.undo_stack
    stack.undo()
    assert 2021 not in table(context, ids[QUICK]).targets
    stack.undo()
    assert table(context, ids[QUICK]).whole[2021] == D("64.00")
    assert shown(page)[value_row][model.column_of(2021)] == "64,0 %"
    stack.redo()
    stack.redo()
    assert table(context, ids[QUICK]).whole[2021] == D("62.50")
    assert table(context, ids[QUICK]).targets[2021] == D("70.00")


def test_a_non_additive_indicator_never_shows_a_sum(qtbot, page, context, ids):
    page.choose(ids[CLIENTS])
    model = page.model
    whole = row_named(page, "whole")
    column = model.column_of(2022)
    rows = shown(page)
    assert rows[whole][0] == model.whole_label() == model.tr("Whole (entered)")  # typed, never a Totaal
    assert rows[whole][column] == ""  # no whole entered: nothing, never 131 + 77
    assert not any("208" in cell for line in rows for cell in line)
    assert model.flags(model.index(whole, column)) & Qt.ItemFlag.ItemIsEditable  # the whole is typed
    # Another organisation, typed into the empty row, then its value: still no sum.
    type_into(qtbot, page, row_named(page, "new"), 0, "Jeugdformaat")
    type_into(qtbot, page, row_named(page, "member", "Jeugdformaat"), column, "45")
    assert dict(table(context, ids[CLIENTS]).members)["Jeugdformaat"] == {2022: D("45.00")}
    rows = shown(page)
    assert rows[row_named(page, "whole")][column] == ""
    assert not any("253" in cell for line in rows for cell in line)
    # The whole typed by hand is shown as typed.
    type_into(qtbot, page, row_named(page, "whole"), column, "230")
    assert shown(page)[row_named(page, "whole")][column] == "230"
    assert not table(context, ids[CLIENTS]).whole_is_sum[2022]


def test_an_additive_indicator_shows_its_total_computed(qtbot, page, context, ids):
    page.choose(ids[SPENDING])
    model = page.model
    column = model.column_of(2022)
    total = row_named(page, "whole")
    assert model.data(model.index(total, 0)) == model.whole_label() == model.tr("Total")
    assert not model.flags(model.index(total, column)) & Qt.ItemFlag.ItemIsEditable  # computed, never typed
    assert shown(page)[total][column] == "€ 1.000"
    names = [shown(page)[r][0] for r in range(total)]
    assert names[:3] == ["Delft", "Den Haag", "Lansingerland"]  # every municipality, the region's order
    type_into(qtbot, page, row_named(page, "member", "Zoetermeer"), column, "2.500,50")
    assert shown(page)[row_named(page, "whole")][column] == "€ 3.500,50"
    context.undo_stack.undo()
    assert shown(page)[row_named(page, "whole")][column] == "€ 1.000"


def test_a_pasted_block_is_one_undo_step(qtbot, page, context, ids):
    page.choose(ids[SPENDING])
    page.add_year()  # 2023: an empty column to paste into
    model = page.model
    assert model.years == [2022, 2023]
    before = context.undo_stack.count()
    paste(qtbot, page, row_named(page, "member", "Den Haag"), model.column_of(2022),
          "10.000\t11.000\n2.000,5\t2.100\n")
    after = table(context, ids[SPENDING])
    members = dict(after.members)
    assert members["Den Haag"] == {2022: D("10000.00"), 2023: D("11000.00")}
    assert members["Lansingerland"] == {2022: D("2000.50"), 2023: D("2100.00")}
    assert context.undo_stack.count() == before + 1
    assert shown(page)[row_named(page, "whole")][model.column_of(2023)] == "€ 13.100"
    context.undo_stack.undo()
    assert dict(table(context, ids[SPENDING]).members) == {"Delft": {2022: D("1000.00")}}
    context.undo_stack.redo()
    assert dict(table(context, ids[SPENDING]).members)["Lansingerland"][2023] == D("2100.00")


def test_pasted_rows_below_the_organisations_add_them(qtbot, page, context, ids):
    page.choose(ids[CLIENTS])
    column = page.model.column_of(2022)
    count = context.undo_stack.count()
    paste(qtbot, page, row_named(page, "new"), 0, "Jeugdformaat\t45\nPrisma\t12\n")
    members = dict(table(context, ids[CLIENTS]).members)
    assert members["Jeugdformaat"] == {2022: D("45.00")} and members["Prisma"] == {2022: D("12.00")}
    assert context.undo_stack.count() == count + 1
    assert shown(page)[row_named(page, "member", "Prisma")][column] == "12"
    context.undo_stack.undo()
    assert set(dict(table(context, ids[CLIENTS]).members)) == {"Horizon", "Cardea"}


def test_a_refused_value_shows_the_dutch_message_and_writes_nothing(qtbot, page, context, ids):
    page.choose(ids[QUICK])
    model = page.model
    column, row = model.column_of(2022), row_named(page, "whole")
    count = context.undo_stack.count()
    type_into(qtbot, page, row, column, "150")
    assert page.messages.text() == "Jeugdigen binnen 6 weken geholpen: een percentage ligt tussen 0 en 100, niet 150."
    assert page.messages.isVisible()
    assert table(context, ids[QUICK]).whole[2022] == D("71.25")
    assert shown(page)[row][column] == "71,25 %"
    assert context.undo_stack.count() == count
    # Not a number: refused by the page itself, naming the cell.
    type_into(qtbot, page, row, column, "veel")
    assert "'veel' is geen bedrag" in page.messages.text()
    # A pasted block with one refused value writes none of it.
    paste(qtbot, page, row, model.column_of(2021), "50\t101\n")
    assert page.messages.text() == (f"{model.whole_label()} / 2022: Jeugdigen binnen 6 weken geholpen: een "
                                    "percentage ligt tussen 0 en 100, niet 101.")  # the cell, not "Rij 2"
    after = table(context, ids[QUICK])
    assert after.whole == {2021: D("64.00"), 2022: D("71.25")}
    assert context.undo_stack.count() == count


def test_the_chart_plots_the_values_and_the_target_and_follows_edits(qtbot, page, context, ids):
    page.choose(ids[QUICK])
    chart = page.chart
    plotted = chart.plotted()
    assert plotted[QUICK] == [(2021.0, 64.0), (2022.0, 71.25)]
    assert plotted["target"] == [(2022.0, 75.0)]
    assert chart.plot.getAxis("left") is chart.percent_axis  # a percentage on a percentage axis
    assert chart.percent_axis.tickStrings([20.0], 1.0, 20.0) == ["20 %"]
    type_into(qtbot, page, row_named(page, "whole"), page.model.column_of(2021), "66,5")
    assert chart.plotted()[QUICK] == [(2021.0, 66.5), (2022.0, 71.25)]
    context.undo_stack.undo()
    assert chart.plotted()[QUICK] == [(2021.0, 64.0), (2022.0, 71.25)]
    # Without a whole, a line per organisation; no line of a sum.
    page.choose(ids[CLIENTS])
    plotted = chart.plotted()
    assert plotted == {"Cardea": [(2022.0, 77.0)], "Horizon": [(2022.0, 131.0)]}
    assert chart.plot.getAxis("left") is chart.count_axis


def test_the_chart_exports_to_png(page, ids, tmp_path):
    from PySide6.QtGui import QImage

    page.choose(ids[QUICK])
    out = page.export_chart(tmp_path / "monitor.png", 1200, 675)
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1200, 675)


def test_add_and_delete_an_indicator_each_one_undo_step(qtbot, page, context, ids, monkeypatch):
    monkeypatch.setattr(page, "ask_indicator", lambda: dict(
        name="  Gemiddelde   wachttijd ", unit=IndicatorUnit.DAYS, additive=False, breakdown=Breakdown.NONE,
        source="Wachttijdenmonitor", definition="Dagen van aanmelding tot start."))
    page.add_indicator()
    names = [page.indicators.item(i).text() for i in range(page.indicators.count())]
    assert names == [CLIENTS, QUICK, SPENDING, "Gemiddelde wachttijd"]
    assert page.current_table().name == "Gemiddelde wachttijd"
    assert "Wachttijdenmonitor" in page.about.text() and "Dagen van aanmelding" in page.about.text()
    type_into(qtbot, page, row_named(page, "whole"), 0, "")  # the name column of a whole: not typed
    page.add_year()
    type_into(qtbot, page, row_named(page, "whole"), 1, "14")
    assert shown(page)[row_named(page, "whole")][1] == "14 dagen"
    # A second with the same name: the service's refusal in the message bar, nothing added.
    page.add_indicator()
    assert "Er is al een indicator “Gemiddelde wachttijd”" in page.messages.text()
    assert page.indicators.count() == 4
    # Deleted after a confirmation; undo brings it back with its value.
    asked = []
    monkeypatch.setattr(page, "ask_confirm", lambda title, text: asked.append(text) or True)
    page.delete_indicator()
    assert "Gemiddelde wachttijd" in asked[0]
    assert page.indicators.count() == 3
    context.undo_stack.undo()
    assert page.indicators.count() == 4
    page.choose(page.indicators.item(3).data(Qt.ItemDataRole.UserRole))
    assert shown(page)[row_named(page, "whole")][1] == "14 dagen"


def test_a_refused_confirmation_deletes_nothing(page, ids, monkeypatch):
    monkeypatch.setattr(page, "ask_confirm", lambda title, text: False)
    page.delete_indicator()
    assert page.indicators.count() == 3


def test_a_note_on_a_value_is_one_undo_step_and_marks_the_cell(page, context, ids, monkeypatch):
    from app.views.sheet_view import NOTE_ROLE

    page.choose(ids[CLIENTS])
    model = page.model
    row, column = row_named(page, "member", "Horizon"), model.column_of(2022)
    page.table.setCurrentIndex(model.index(row, column))
    monkeypatch.setattr(page, "ask_note", lambda title, note: "Incl. crisisopvang")
    page.edit_note()
    assert table(context, ids[CLIENTS]).notes == {("Horizon", 2022): "Incl. crisisopvang"}
    assert dict(table(context, ids[CLIENTS]).members)["Horizon"][2022] == D("131.00")  # the value stays
    assert model.data(model.index(row, column), NOTE_ROLE)
    assert model.data(model.index(row, column), Qt.ItemDataRole.ToolTipRole) == "Incl. crisisopvang"
    context.undo_stack.undo()
    assert table(context, ids[CLIENTS]).notes == {}
    # An empty cell takes no note: the page says so, nothing is asked.
    page.table.setCurrentIndex(model.index(row_named(page, "whole"), column))
    monkeypatch.setattr(page, "ask_note", lambda title, note: pytest.fail("asked"))
    page.edit_note()
    assert page.messages.isVisible()


def test_renaming_an_organisation_moves_its_values_in_one_undo_step(qtbot, page, context, ids):
    page.choose(ids[CLIENTS])
    count = context.undo_stack.count()
    type_into(qtbot, page, row_named(page, "member", "Cardea"), 0, "Cardea Jeugd")
    assert dict(table(context, ids[CLIENTS]).members) == {"Cardea Jeugd": {2022: D("77.00")},
                                                         "Horizon": {2022: D("131.00")}}
    assert context.undo_stack.count() == count + 1
    # A name already in the table is refused in Dutch, nothing renamed.
    type_into(qtbot, page, row_named(page, "member", "Horizon"), 0, "cardea jeugd")
    assert "Cardea Jeugd" in page.messages.text() or "cardea jeugd" in page.messages.text()
    assert set(dict(table(context, ids[CLIENTS]).members)) == {"Cardea Jeugd", "Horizon"}
    context.undo_stack.undo()
    assert set(dict(table(context, ids[CLIENTS]).members)) == {"Cardea", "Horizon"}


def test_a_file_opened_read_only_takes_no_typing(qtbot, planbord_qapp, demo_workspace, settings_store):
    from app.services.workspace import open_workspace
    from app.views.context import ApplicationContext
    from app.views.monitor.monitor_page import MonitorPage

    ws = open_workspace(demo_workspace)
    with ws.session() as s:
        region_id = s.scalars(select(Region.id)).one()
    quick = add_indicator(ws, region_id, QUICK, IndicatorUnit.PERCENTAGE)
    set_value(ws, quick, 2022, 70)
    ws.close()
    ctx = ApplicationContext(open_workspace(demo_workspace, read_only=True), settings_store)
    try:
        page = MonitorPage(ctx, region_id)
        qtbot.addWidget(page)
        model = page.model
        index = model.index(row_named(page, "whole"), model.column_of(2022))
        assert not model.flags(index) & Qt.ItemFlag.ItemIsEditable
        assert model.set_texts([(index.row(), index.column(), "80")]) == model.tr("This file is open read-only.")
        assert not page.add_button.isEnabled() and not page.delete_button.isEnabled()
        assert shown(page)[index.row()][index.column()] == "70,0 %"
    finally:
        ctx.close()


def test_an_imported_file_is_checked_first_and_written_as_one_undo_step(page, context, ids, tmp_path, monkeypatch):
    path = tmp_path / "monitor.csv"
    path.write_bytes("\r\n".join([
        "Indicator;Jaar;Organisatie;Gemeente;Waarde;Toelichting",
        f"{CLIENTS};2023;Horizon;;140;",
        f"{SPENDING};2023;;Zoetermeer;2.500,50;jaarrekening",
    ]).encode("cp1252"))
    asked = []
    monkeypatch.setattr(page, "ask_import_path", lambda: str(path))
    monkeypatch.setattr(page, "ask_confirm", lambda title, text: asked.append(text) or True)
    count = context.undo_stack.count()
    assert page.import_values()
    assert CLIENTS in asked[0] and SPENDING in asked[0]
    assert dict(table(context, ids[CLIENTS]).members)["Horizon"] == {2022: D("131.00"), 2023: D("140.00")}
    assert table(context, ids[SPENDING]).notes == {("Zoetermeer", 2023): "jaarrekening"}
    assert context.undo_stack.count() == count + 1
    page.choose(ids[SPENDING])
    assert page.model.years == [2022, 2023]  # the page follows
    context.undo_stack.undo()
    assert 2023 not in dict(table(context, ids[CLIENTS]).members)["Horizon"]
    assert "Zoetermeer" not in dict(table(context, ids[SPENDING]).members)
    # A wrong row refuses the file, named, before anything is asked or written.
    path.write_bytes(f"Indicator;Jaar;Waarde\r\n{QUICK};2023;101\r\n".encode("cp1252"))
    asked.clear()
    assert not page.import_values()
    assert page.messages.text().startswith("Rij 2 (cel C2): Jeugdigen binnen 6 weken geholpen: een percentage")
    assert asked == [] and context.undo_stack.index() == count  # (the undone import is still there to redo)


def test_one_organisation_pasted_or_typed_in_the_new_row(qtbot, page, context, ids):
    page.choose(ids[CLIENTS])
    column = page.model.column_of(2022)
    new = row_named(page, "new")
    # A value without its organisation: refused, nothing written (never the whole's value).
    type_into(qtbot, page, new, column, "12")
    assert page.messages.text() == page.model.tr(
        "A row with values needs its organisation in the first column; nothing was written.")
    assert table(context, ids[CLIENTS]).whole == {2022: None}
    # One row pasted at the new row: the organisation with its value, one undo step.
    count = context.undo_stack.count()
    paste(qtbot, page, new, 0, "Prisma\t12\n")
    assert dict(table(context, ids[CLIENTS]).members)["Prisma"] == {2022: D("12.00")}
    assert table(context, ids[CLIENTS]).whole == {2022: None}
    assert context.undo_stack.count() == count + 1
    # Delete over an organisation's row (its name too) clears its values: no rename to nothing refused.
    view = page.table
    row = row_named(page, "member", "Prisma")
    view.setCurrentIndex(page.model.index(row, 0))
    view.selectionModel().select(view.model().index(row, 0), view.selectionModel().SelectionFlag.Select)
    view.selectionModel().select(view.model().index(row, column), view.selectionModel().SelectionFlag.Select)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert "Prisma" not in dict(table(context, ids[CLIENTS]).members)
