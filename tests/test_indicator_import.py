"""Importing the monitor's figures (issue 21, point 3): the preview of app.io.indicator_import.

A Dutch CSV (";" separated, Windows-1252, numbers as "1.234,5") read through the one reading layer
(app.io.readers.read_grid): every row checked against the region's indicators and the service's
rules before anything is written; a refusal names the row and the cell, in Dutch; the preview
holds exactly what the file says, in the indicators' units. Writing waits for the service's
set_values (one transaction)."""
from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from app.io.budget_import import BudgetImportError
from app.io.indicator_import import (
    IndicatorColumns,
    apply_indicators,
    find_columns,
    preview_indicators,
    read_number,
    undo_indicators,
)
from app.io.readers import SourceCell, read_grid
from app.models import Region
from app.models.indicators import Breakdown, IndicatorUnit
from app.services.edit_errors import EditError
from app.services.indicators import add_indicator, delete_indicator, indicator_table

D = Decimal
CLIENTS = "Unieke cliënten jeugdhulp met verblijf"
QUICK = "Jeugdigen binnen 6 weken geholpen"
SPENDING = "Uitgaven jeugdhulp"


@pytest.fixture
def region(ws) -> int:
    with ws.session() as s:
        region_id = s.scalars(select(Region.id)).one()
    add_indicator(ws, region_id, CLIENTS, IndicatorUnit.CLIENTS, breakdown=Breakdown.ORGANISATION)
    add_indicator(ws, region_id, QUICK, IndicatorUnit.PERCENTAGE)
    add_indicator(ws, region_id, SPENDING, IndicatorUnit.EURO, additive=True, breakdown=Breakdown.MUNICIPALITY)
    return region_id


def csv_file(tmp_path, lines: list[str], name: str = "monitor.csv"):
    path = tmp_path / name
    path.write_bytes("\r\n".join(lines).encode("cp1252"))
    return path


HEADER = "Indicator;Jaar;Gemeente;Organisatie;Waarde;Doel;Toelichting"


def test_a_dutch_csv_in_windows_1252_is_read_in_each_indicators_unit(ws, region, tmp_path):
    path = csv_file(tmp_path, [
        "Monitor jeugdhulp Haaglanden",  # a title above the header
        HEADER,
        f"{CLIENTS};2022;;Horizon;131;;incl. crisisopvang",
        f"{CLIENTS};2022;;Cardea;77;;",
        f"{QUICK};2022;;;71,25 %;75;",
        f"{QUICK};2023;;;;80;",  # a target only
        f"{SPENDING};2022;delft;;€ 1.234.567,5;;",  # the region's spelling is kept
        ";;;;;;",  # an empty row is skipped
        f"{SPENDING.upper()};2022;Zoetermeer;;1.000;;",  # a name matched whatever the case
    ])
    assert "ë".encode("cp1252") in path.read_bytes()  # really Windows-1252, not UTF-8
    preview = preview_indicators(read_grid(path), ws, region)
    assert preview.header_row == 1
    rows = [(r.row, r.indicator, r.year, r.member, r.value, r.target, r.note) for r in preview.rows]
    assert rows == [
        (3, CLIENTS, 2022, "Horizon", D("131"), None, "incl. crisisopvang"),
        (4, CLIENTS, 2022, "Cardea", D("77"), None, ""),
        (5, QUICK, 2022, "", D("71.25"), D("75.00"), ""),
        (6, QUICK, 2023, "", None, D("80.00"), ""),
        (7, SPENDING, 2022, "Delft", D("1234567.50"), None, ""),
        (9, SPENDING, 2022, "Zoetermeer", D("1000.00"), None, ""),
    ]
    assert preview.counts() == {CLIENTS: (2, 0), QUICK: (1, 2), SPENDING: (2, 0)}
    assert [t[1:] for t in preview.targets()] == [(2022, D("75.00")), (2023, D("80.00"))]
    assert [(c.year, c.member, c.value) for c in preview.changes()][:2] == [(2022, "Horizon", D("131")),
                                                                             (2022, "Cardea", D("77"))]
    assert len(preview.changes()) == 5


def test_the_preview_writes_nothing(ws, region, tmp_path):
    path = csv_file(tmp_path, [HEADER, f"{CLIENTS};2022;;Horizon;131;;"])
    preview = preview_indicators(read_grid(path), ws, region)
    with ws.session() as s:
        assert indicator_table(s, preview.rows[0].indicator_id).members == []


@pytest.mark.parametrize("line, expected", [
    (f"Wachtlijst;2022;;;12;;", "Rij 3 (cel A3): “Wachtlijst” is geen indicator van deze regio"),
    (f"{QUICK};2022;;;112,5;;", "Rij 3 (cel E3): Jeugdigen binnen 6 weken geholpen: een percentage ligt "
                                "tussen 0 en 100, niet 112,50."),
    (f"{CLIENTS};2022;;Horizon;-3;;", "Rij 3 (cel E3): Unieke cliënten jeugdhulp met verblijf: een aantal is "
                                      "niet negatief"),
    (f"{CLIENTS};2022;;Horizon;twaalf;;", "Rij 3 (cel E3): 'twaalf' is geen bedrag"),
    (f"{SPENDING};2022;Amsterdam;;100;;", "Rij 3 (cel C3): “Amsterdam” is geen gemeente van deze regio"),
    (f"{QUICK};2022;Delft;;50;;", "Rij 3 (cel C3): Jeugdigen binnen 6 weken geholpen heeft één waarde per jaar"),
    (f"{QUICK};22;;;50;;", "Rij 3 (cel B3): “22” is geen jaartal"),
    (f"{QUICK};2022;;;;;", "Rij 3 (cel E3): er staat geen waarde"),
    (f"{QUICK};2022;;;50;150;", "Rij 3 (cel F3): Jeugdigen binnen 6 weken geholpen: een percentage ligt"),
])
def test_a_refused_row_is_named_with_its_cell(ws, region, tmp_path, line, expected):
    path = csv_file(tmp_path, [HEADER, f"{CLIENTS};2021;;Horizon;120;;", line])
    with pytest.raises(EditError) as refused:
        preview_indicators(read_grid(path), ws, region)
    assert refused.value.message.startswith(expected), refused.value.message


def test_a_value_twice_and_two_targets_for_a_year_are_refused(ws, region, tmp_path):
    path = csv_file(tmp_path, [HEADER, f"{CLIENTS};2022;;Horizon;131;;", f"{CLIENTS};2022;;horizon;130;;"])
    with pytest.raises(EditError, match=r"^Rij 3: .* staat ook al op rij 2"):
        preview_indicators(read_grid(path), ws, region)
    path = csv_file(tmp_path, [HEADER, f"{QUICK};2022;;;70;75;", f"{QUICK};2022;;;;76;"], "doel.csv")
    with pytest.raises(EditError, match=r"^Rij 3 \(cel F3\): het doel van .* staat op rij 2 anders"):
        preview_indicators(read_grid(path), ws, region)


def test_a_file_without_the_header_is_refused_in_dutch(ws, region, tmp_path):
    path = csv_file(tmp_path, ["Naam;Jaar;Bedrag", f"{QUICK};2022;12"])
    with pytest.raises(BudgetImportError, match="geen kopregel met de kolommen “Indicator”, “Jaar” en “Waarde”"):
        preview_indicators(read_grid(path), ws, region)


def test_the_columns_are_found_in_any_order():
    from app.io.readers import Grid

    row = tuple(SourceCell(f"{c}1", v) for c, v in zip("ABCD", ("Toelichting", "Waarde", "Jaar", "Indicator")))
    assert find_columns(Grid("blad", (row,))) == (0, IndicatorColumns(indicator=3, year=2, value=1, note=0))


def test_an_xlsx_percentage_cell_reads_as_percent():
    assert read_number(SourceCell("B2", D("0.125"), percent=True), IndicatorUnit.PERCENTAGE) == D("12.5")
    assert read_number(SourceCell("B2", D("12.5")), IndicatorUnit.PERCENTAGE) == D("12.5")
    assert read_number(SourceCell("B2", "14 dagen"), IndicatorUnit.DAYS) == D("14.00")
    assert read_number(SourceCell("B2", None), IndicatorUnit.NUMBER) is None


def test_the_values_are_written_in_one_transaction_and_undone_in_one(ws, region, tmp_path):
    path = csv_file(tmp_path, [HEADER, f"{CLIENTS};2022;;Horizon;131;;crisis", f"{SPENDING};2022;Delft;;1.000;;"])
    preview = preview_indicators(read_grid(path), ws, region)
    olds = apply_indicators(ws, preview)
    clients, spending = preview.rows[0].indicator_id, preview.rows[1].indicator_id
    with ws.session() as s:
        assert indicator_table(s, clients).members == [("Horizon", {2022: D("131.00")})]
        assert indicator_table(s, clients).notes == {("Horizon", 2022): "crisis"}
        assert indicator_table(s, spending).whole == {2022: D("1000.00")}
    undo_indicators(ws, olds)
    with ws.session() as s:
        assert indicator_table(s, clients).members == [] and indicator_table(s, spending).members == []


def test_a_value_refused_when_written_writes_none(ws, region, tmp_path):
    path = csv_file(tmp_path, [HEADER, f"{CLIENTS};2022;;Horizon;131;;", f"{SPENDING};2022;Delft;;1.000;;"])
    preview = preview_indicators(read_grid(path), ws, region)
    delete_indicator(ws, preview.rows[1].indicator_id)  # gone between the preview and the import
    with pytest.raises(EditError, match="Rij 2: Deze indicator bestaat niet meer"):
        apply_indicators(ws, preview)
    with ws.session() as s:
        assert indicator_table(s, preview.rows[0].indicator_id).members == []  # the first row neither


def test_targets_are_written_with_the_values_or_refused_until_the_service_takes_them(ws, region, tmp_path):
    import inspect

    from app.services import indicators

    path = csv_file(tmp_path, [HEADER, f"{QUICK};2022;;;71,25;75;"])
    preview = preview_indicators(read_grid(path), ws, region)
    quick = preview.rows[0].indicator_id
    if "targets" in inspect.signature(indicators.set_values).parameters:
        undo_indicators(ws, apply_indicators(ws, preview))
    else:
        with pytest.raises(BudgetImportError, match="Doelen importeren kan nog niet"):
            apply_indicators(ws, preview)
    with ws.session() as s:  # refused (or undone): nothing of it in the file
        assert indicator_table(s, quick).whole == {} and indicator_table(s, quick).targets == {}
