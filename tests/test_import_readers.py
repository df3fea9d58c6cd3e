"""The shared reading layer of every import (issue 15, point 3): app/io/readers.py.

Every hostile or broken file is built here, in the test (no stored binaries): not a zip, an
.xls and an encrypted workbook (OLE files), zip bombs (a real one of 200 MB of zeros written
through a streaming writer, a forged directory, an understated size), XML entity expansion, an
empty sheet, a sheet of 1.048.576 rows, too many columns and cells, CSVs in UTF-16 without
BOM and in binary junk. Each is refused with its Dutch message, within a few seconds. And
what is read is read right: numbers as Decimal (never a float), formulas without a cached
value marked, CSV separators and encodings found, Dutch amounts left as text.
"""
from __future__ import annotations

import errno
import io
import os
import random
import struct
import time
import zipfile
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from app.errors import UserError
from app.io import readers
from app.io.readers import (
    MAX_COLUMNS,
    MAX_ROWS,
    Grid,
    ImportFileError,
    SourceCell,
    column_letter,
    excel_number,
    read_grid,
    sheet_names,
)
from app.services.cell_input import parse_amount

LIMIT_SECONDS = 5.0
SHEET = "xl/worksheets/sheet1.xml"
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


# --- helpers ---------------------------------------------------------------------------------

def refused(path: Path, start: str, sheet: str | None = None, *, names: bool = False) -> str:
    """Read ``path`` and assert a Dutch refusal starting with ``start``, in under 5 s."""
    began = time.perf_counter()
    with pytest.raises(ImportFileError) as caught:
        sheet_names(path) if names else read_grid(path, sheet)
    elapsed = time.perf_counter() - began
    assert elapsed < LIMIT_SECONDS, f"{elapsed:.1f} s"
    message = caught.value.message
    assert isinstance(caught.value, UserError)
    assert str(caught.value) == message
    assert message.startswith(start), message
    return message


def values(grid: Grid) -> list[list[object]]:
    return [[cell.value for cell in row] for row in grid.rows]


def base_workbook(path: Path, *sheets: str) -> Path:
    """A real workbook written by openpyxl: one cell in each sheet."""
    wb = openpyxl.Workbook()
    wb.active.title = sheets[0] if sheets else "Begroting"
    for name in sheets[1:]:
        wb.create_sheet(name)
    for ws in wb.worksheets:
        ws["A1"] = "Omschrijving"
    wb.save(path)
    return path


def rezip(source: Path, target: Path, replace: dict[str, bytes | Iterable[bytes]],
          *, add: dict[str, bytes | Iterable[bytes]] | None = None) -> Path:
    """Copy a zip, with members replaced or added; an iterable of chunks is streamed in."""
    members = dict(replace)
    members.update(add or {})
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            if info.filename not in members:
                new.writestr(info, old.read(info.filename))
        for name, data in members.items():
            if isinstance(data, bytes):
                new.writestr(name, data)
            else:
                with new.open(name, "w", force_zip64=True) as out:
                    for chunk in data:
                        out.write(chunk)
    return target


def sheet_xml(rows: str, dimension: str = "A1") -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<worksheet xmlns="{MAIN_NS}"><dimension ref="{dimension}"/>'
            f'<sheetData>{rows}</sheetData></worksheet>').encode()


def workbook_with_sheet(tmp_path: Path, rows: str, name: str = "bestand.xlsx",
                        dimension: str = "A1") -> Path:
    base = base_workbook(tmp_path / "base.xlsx")
    return rezip(base, tmp_path / name, {SHEET: sheet_xml(rows, dimension)})


def patch_central_directory(path: Path, member: str, *, flag_bits: int | None = None,
                            file_size: int | None = None) -> None:
    """Forge one member's entry in the zip's central directory (what zipfile trusts)."""
    data = bytearray(path.read_bytes())
    encoded = member.encode()
    offset = data.find(b"PK\x01\x02")
    while offset != -1:
        name_length = struct.unpack_from("<H", data, offset + 28)[0]
        if bytes(data[offset + 46:offset + 46 + name_length]) == encoded:
            if flag_bits is not None:
                struct.pack_into("<H", data, offset + 8, flag_bits)
            if file_size is not None:
                struct.pack_into("<I", data, offset + 24, file_size)
            path.write_bytes(bytes(data))
            return
        offset = data.find(b"PK\x01\x02", offset + 4)
    raise AssertionError(f"{member} not in the central directory")


# --- the API as the importers use it ---------------------------------------------------------

def test_reads_an_openpyxl_workbook_as_a_rectangular_grid(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Begroting"
    ws["A1"], ws["B1"], ws["C1"] = "Omschrijving", 2025, 2026
    ws["A3"], ws["B3"], ws["C3"] = "  Jeugdhulp  ", 1_280_000, 12.5
    ws["A4"] = "   "  # only spaces: empty
    ws["B5"] = date(2025, 3, 1)
    ws["C5"] = datetime(2025, 3, 1, 14, 30)
    ws["D6"] = "=SUM(B3:C3)"  # openpyxl writes no cached value
    ws["E7"] = None
    ws["A8"] = True
    wb.create_sheet("Sleutel")["A1"] = "Gemeente"
    path = tmp_path / "begroting.xlsx"
    wb.save(path)

    assert sheet_names(path) == ["Begroting", "Sleutel"]
    grid = read_grid(path)
    assert grid.sheet == "Begroting"
    assert (grid.height, grid.width) == (8, 4)  # E7 is empty: column E dropped
    assert all(len(row) == 4 for row in grid.rows)
    assert [cell.ref for cell in grid.rows[2]] == ["A3", "B3", "C3", "D3"]
    assert values(grid)[0] == ["Omschrijving", Decimal(2025), Decimal(2026), None]
    assert values(grid)[1] == [None, None, None, None]
    assert values(grid)[2] == ["Jeugdhulp", Decimal(1_280_000), Decimal("12.5"), None]
    assert values(grid)[3] == [None] * 4
    assert grid.rows[4][1].value == date(2025, 3, 1) and type(grid.rows[4][1].value) is date
    assert grid.rows[4][2].value == datetime(2025, 3, 1, 14, 30)
    assert grid.rows[5][3] == SourceCell("D6", None, formula_without_value=True)
    assert grid.rows[7][0].value == "WAAR"
    assert not any(cell.formula_without_value for row in grid.rows for cell in row
                   if cell.ref != "D6")
    assert not any(isinstance(cell.value, float) for row in grid.rows for cell in row)
    assert read_grid(path, "Sleutel").rows == ((SourceCell("A1", "Gemeente"),),)
    assert read_grid(path, " sleutel ").sheet == "Sleutel"  # case and spaces forgiven


def test_numbers_come_as_decimal_with_binary_noise_rounded_to_15_digits(tmp_path):
    rows = ('<row r="1">'
            '<c r="A1"><v>1280000.0000000002</v></c>'
            '<c r="B1"><v>0.30000000000000004</v></c>'
            '<c r="C1" t="n"><v>127500.09999999999</v></c>'
            '<c r="D1"><v>1.5E-3</v></c>'
            '<c r="E1"><v>-0</v></c>'
            '<c r="F1"><v>12345678901234.5</v></c>'
            '<c r="G1"><v>1E+20</v></c>'
            '<c r="H1"><v>0.125</v></c>'
            '<c r="I1" t="e"><v>#DEEL/0!</v></c>'
            '</row>')
    grid = read_grid(workbook_with_sheet(tmp_path, rows))
    got = values(grid)[0]
    assert got == [Decimal("1280000"), Decimal("0.3"), Decimal("127500.1"), Decimal("0.0015"),
                   Decimal(0), Decimal("12345678901234.5"), Decimal("1E+20"), Decimal("0.125"),
                   "#DEEL/0!"]
    assert all(type(v) is Decimal for v in got[:8])
    assert str(got[0]) == "1280000" and str(got[2]) == "127500.1"
    assert str(got[6]) == "100000000000000000000"  # no exponent for the importer to trip on


@pytest.mark.parametrize("raw, expected", [
    ("1280000", "1280000"), ("1280000.0000000002", "1280000"), ("0.1", "0.1"),
    ("999999999999.99", "999999999999.99"), ("999999999999.9899", "999999999999.99"),
    ("2.675", "2.675"), ("-127500.5", "-127500.5"),
    ("1.0000000000000002E-2", "0.01"), ("123456789012345678", "123456789012346000"),
])
def test_excel_number(raw, expected):
    assert excel_number(raw) == Decimal(expected)
    assert "E" not in str(excel_number(raw))


@pytest.mark.parametrize("raw", ["NaN", "Infinity", "", "1,5", "abc"])
def test_excel_number_refuses_what_is_no_finite_number(raw):
    with pytest.raises(ValueError):
        excel_number(raw)


def test_a_percentage_cell_is_marked(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"], ws["B1"], ws["C1"] = 0.125, 0.125, 0.5
    ws["A1"].number_format = "0.00%"
    ws["C1"].number_format = '0.0" %"'  # the % is quoted text: shown as 0,5 %, the value is 0.5
    path = tmp_path / "sleutel.xlsx"
    wb.save(path)
    a1, b1, c1 = read_grid(path).rows[0]
    assert (a1.value, a1.percent) == (Decimal("0.125"), True)
    assert (b1.value, b1.percent) == (Decimal("0.125"), False)
    assert c1.percent is False


def test_formula_with_and_without_a_cached_value(tmp_path):
    rows = ('<row r="1">'
            '<c r="A1"><f>SUM(B1:C1)</f><v>5</v></c>'            # Excel: cached 5
            '<c r="B1"><f>SUM(B2)</f></c>'                       # no <v>: none cached
            '<c r="C1"><f>SUM(B2)</f><v/></c>'                   # openpyxl: an empty <v/>
            '<c r="D1" t="str"><f>IF(1,"","x")</f><v></v></c>'   # a cached empty text
            '<c r="E1" t="str"><f>"a"&amp;"b"</f><v>ab</v></c>'
            '</row>')
    (a1, b1, c1, d1, e1), = read_grid(workbook_with_sheet(tmp_path, rows)).rows
    assert a1 == SourceCell("A1", Decimal(5))
    assert b1 == SourceCell("B1", None, formula_without_value=True)
    assert c1 == SourceCell("C1", None, formula_without_value=True)
    assert d1 == SourceCell("D1", None)
    assert e1 == SourceCell("E1", "ab")


def test_a_sheet_of_only_formulas_without_values_is_not_empty(tmp_path):
    grid = read_grid(workbook_with_sheet(tmp_path, '<row r="2"><c r="B2"><f>A1</f></c></row>'))
    assert grid.rows == ((SourceCell("A1", None), SourceCell("B1", None)),
                         (SourceCell("A2", None), SourceCell("B2", None, True)))


def test_styled_empty_cells_far_out_are_no_data(tmp_path):
    rows = '<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c><c r="XFD1" s="0"/></row>'
    grid = read_grid(workbook_with_sheet(tmp_path, rows, dimension="A1:XFD1"))
    assert grid.rows == ((SourceCell("A1", "x"),),)


def with_shared_strings(tmp_path: Path, name: str, strings: bytes, rows: str) -> Path:
    """A workbook whose sheet uses a shared-strings part (openpyxl writes inline texts)."""
    base = base_workbook(tmp_path / "base.xlsx")
    with zipfile.ZipFile(base) as z:
        content_types = z.read("[Content_Types].xml").replace(
            b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                         b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
        rels = z.read("xl/_rels/workbook.xml.rels").replace(
            b"</Relationships>", b'<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/'
                                 b'officeDocument/2006/relationships/sharedStrings" '
                                 b'Target="sharedStrings.xml"/></Relationships>')
    return rezip(base, tmp_path / name, {SHEET: sheet_xml(rows), "[Content_Types].xml": content_types,
                                         "xl/_rels/workbook.xml.rels": rels},
                 add={"xl/sharedStrings.xml": strings})


def test_shared_strings_and_rows_without_numbers(tmp_path):
    strings = (f'<sst xmlns="{MAIN_NS}" count="2" uniqueCount="2"><si><t>Een</t></si>'
               f'<si><r><t xml:space="preserve"> Tw</t></r><r><t>ee </t></r></si></sst>').encode()
    rows = '<row><c t="s"><v>0</v></c><c t="s"><v>1</v></c></row><row><c><v>7</v></c></row>'
    path = with_shared_strings(tmp_path, "gedeeld.xlsx", strings, rows)
    assert values(read_grid(path)) == [["Een", "Twee"], [Decimal(7), None]]


def test_a_missing_sheet_lists_the_names(tmp_path):
    path = base_workbook(tmp_path / "plan.xlsx", "Begroting", "Sleutel 2025")
    refused(path, "“plan.xlsx” heeft geen tabblad “Acties”; wel: “Begroting”, “Sleutel 2025”.",
            "Acties")


def test_a_chart_sheet_is_no_table(tmp_path):
    from openpyxl.chart import BarChart, Reference

    wb = openpyxl.Workbook()
    wb.active.append([1])
    wb.active.append([2])
    chart = BarChart()
    chart.add_data(Reference(wb.active, min_col=1, min_row=1, max_row=2))
    wb.create_chartsheet("Grafiek").add_chart(chart)
    path = tmp_path / "grafiek.xlsx"
    wb.save(path)
    assert sheet_names(path) == ["Sheet"]
    refused(path, "Het tabblad “Grafiek” in “grafiek.xlsx” is een grafiekblad, geen tabel.", "Grafiek")


def test_an_xlsx_named_csv_is_read_as_a_workbook(tmp_path):
    path = base_workbook(tmp_path / "base.xlsx")
    renamed = tmp_path / "eigenlijk.csv"
    renamed.write_bytes(path.read_bytes())
    assert values(read_grid(renamed)) == [["Omschrijving"]]


# --- hostile and broken workbooks ------------------------------------------------------------

def test_not_a_zip(tmp_path):
    path = tmp_path / "tekst.xlsx"
    path.write_text("Omschrijving;2025\nJeugdhulp;1.280,00\n", encoding="utf-8")
    refused(path, "“tekst.xlsx” is geen Excel-werkboek; sla het in Excel op als Excel-werkmap (.xlsx).")
    refused(path, "“tekst.xlsx” is geen Excel-werkboek", names=True)
    empty = tmp_path / "leeg.xlsx"
    empty.write_bytes(b"")
    refused(empty, "“leeg.xlsx” is geen Excel-werkboek")


OLD_EXCEL = ("is een oud Excel-bestand (.xls) of een beveiligd werkboek; sla het op als .xlsx zonder "
             "wachtwoord.")


def ole_file(*stream_names: str) -> bytes:
    """The start of an OLE compound file (.xls, or an encrypted .xlsx) with directory entries."""
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHH", header, 24, 0x3E, 3, 0xFFFE)  # version, byte order
    directory = b""
    for name in ("Root Entry",) + stream_names:
        entry = bytearray(128)
        encoded = name.encode("utf-16-le") + b"\x00\x00"
        entry[:len(encoded)] = encoded
        struct.pack_into("<H", entry, 64, len(encoded))
        entry[66] = 5 if name == "Root Entry" else 2
        directory += bytes(entry)
    return bytes(header) + directory.ljust(512, b"\x00")


@pytest.mark.parametrize("name", ["oud.xls", "oud.xlsx", "oud.csv"])
def test_an_xls_binary(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(ole_file("Workbook", "\x05SummaryInformation"))
    refused(path, f"“{name}” {OLD_EXCEL}")


def test_an_encrypted_workbook_is_an_ole_file(tmp_path):
    path = tmp_path / "beveiligd.xlsx"
    path.write_bytes(ole_file("EncryptionInfo", "EncryptedPackage", "\x06DataSpaces"))
    refused(path, f"“beveiligd.xlsx” {OLD_EXCEL}")
    refused(path, f"“beveiligd.xlsx” {OLD_EXCEL}", names=True)


def test_a_zip_with_an_encrypted_member(tmp_path):
    path = base_workbook(tmp_path / "zipwachtwoord.xlsx")
    patch_central_directory(path, SHEET, flag_bits=0x1)
    refused(path, "“zipwachtwoord.xlsx” is een beveiligd werkboek; sla het op als .xlsx zonder wachtwoord.")


def zeros(megabytes: int) -> Iterator[bytes]:
    chunk = bytes(1024 * 1024)
    for _ in range(megabytes):
        yield chunk


def test_a_zip_bomb_of_200_mb_of_zeros(tmp_path):
    base = base_workbook(tmp_path / "base.xlsx")
    bomb = rezip(base, tmp_path / "bom.xlsx", {}, add={"xl/media/nullen.bin": zeros(200)})
    assert bomb.stat().st_size < 1024 * 1024  # small on disk
    refused(bomb, "“bom.xlsx” pakt uit tot meer dan 100 MB; Planbord leest hoogstens 100 MB "
                  "uitgepakt (het kan een zip-bom zijn).")
    refused(bomb, "“bom.xlsx” pakt uit tot meer dan 100 MB", names=True)


def test_a_member_compressed_too_well(tmp_path):
    base = base_workbook(tmp_path / "base.xlsx")
    bomb = rezip(base, tmp_path / "samengeperst.xlsx", {SHEET: zeros(20)})
    refused(bomb, "“samengeperst.xlsx” bevat een onderdeel dat meer dan 100 keer zo groot uitpakt "
                  "(“xl/worksheets/sheet1.xml”)")


def test_a_forged_directory_that_promises_gigabytes(tmp_path):
    path = base_workbook(tmp_path / "vervalst.xlsx")
    patch_central_directory(path, SHEET, file_size=3_000_000_000)
    refused(path, "“vervalst.xlsx” pakt uit tot meer dan 100 MB")


def test_a_forged_directory_that_understates_a_member_unpacks_no_more(tmp_path):
    # The sheet unpacks to 5 MB but the directory says 100 bytes: zipfile stops at the stated
    # size and finds the checksum wrong; the caps on the directory's sizes therefore hold.
    base = base_workbook(tmp_path / "base.xlsx")
    row = '<row r="{0}"><c r="A{0}"><v>{0}</v></c></row>'
    path = rezip(base, tmp_path / "klein.xlsx",
                 {SHEET: sheet_xml("".join(row.format(i) for i in range(1, 100_000)))})
    patch_central_directory(path, SHEET, file_size=100)
    refused(path, "“klein.xlsx” is beschadigd of geen geldig Excel-werkboek; open het in Excel en "
                  "sla het opnieuw op als .xlsx.")


def test_too_many_members(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_MEMBERS", 20)
    base = base_workbook(tmp_path / "base.xlsx")
    path = rezip(base, tmp_path / "veel.xlsx", {}, add={f"xl/media/{i}.bin": b"x" for i in range(20)})
    opened = []
    monkeypatch.setattr(readers.zipfile, "ZipFile", lambda *a, **k: opened.append(a))
    refused(path, "“veel.xlsx” bevat meer dan 20 onderdelen")
    assert opened == []  # decided from the end record, before zipfile reads the directory


def test_a_huge_central_directory(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_DIRECTORY_BYTES", 2000)
    base = base_workbook(tmp_path / "base.xlsx")
    path = rezip(base, tmp_path / "lang.xlsx", {},
                 add={f"xl/media/{'x' * 200}{i}.bin": b"x" for i in range(20)})
    refused(path, "“lang.xlsx” bevat meer dan 10.000 onderdelen")


def test_the_first_visible_sheet_is_the_default(tmp_path):
    path = base_workbook(tmp_path / "verborgen.xlsx", "Hulp", "Begroting")
    wb = openpyxl.load_workbook(path)
    wb["Hulp"].sheet_state = "hidden"
    wb.active = 1
    wb.save(path)
    assert sheet_names(path) == ["Hulp", "Begroting"]
    assert read_grid(path).sheet == "Begroting"
    assert read_grid(path, "Hulp").sheet == "Hulp"


def test_a_zip_without_a_workbook_and_an_ods(tmp_path):
    path = tmp_path / "archief.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("leesmij.txt", "hallo")
    refused(path, "“archief.xlsx” is geen Excel-werkboek (een zip-bestand zonder werkboek)")
    ods = tmp_path / "rekenblad.xlsx"
    with zipfile.ZipFile(ods, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<office:document-content/>")
    refused(ods, "“rekenblad.xlsx” is een OpenDocument-rekenblad (.ods); sla het op als .xlsx.")


@pytest.mark.parametrize("member, garbage", [
    ("xl/workbook.xml", b"<workbook"),                 # truncated XML
    (SHEET, sheet_xml("<row><c t='s'><v>99</v></c></row>")),   # no shared string 99
    (SHEET, sheet_xml("<row r='x'><c><v>1</v></c></row>")),      # a row number that is none
    (SHEET, sheet_xml("<row><c t='s'><v>-1</v></c></row>")),     # a negative text index
    (SHEET, sheet_xml("<c><v>1</v></c>")),                      # a cell outside a row
    (SHEET, sheet_xml("<row><c r='1A'><v>1</v></c></row>")),     # a reference without letters
    (SHEET, sheet_xml("<row><c><v>1</v></row>")),                # not well-formed
    ("xl/_rels/workbook.xml.rels", b"not xml at all"),
])
def test_a_damaged_workbook(tmp_path, member, garbage):
    base = base_workbook(tmp_path / "base.xlsx")
    path = rezip(base, tmp_path / "kapot.xlsx", {member: garbage})
    refused(path, "“kapot.xlsx” is beschadigd of geen geldig Excel-werkboek")


def test_a_truncated_zip(tmp_path):
    base = base_workbook(tmp_path / "base.xlsx")
    path = tmp_path / "afgebroken.xlsx"
    path.write_bytes(base.read_bytes()[:-200])
    refused(path, "“afgebroken.xlsx” is beschadigd of geen geldig Excel-werkboek")


BILLION_LAUGHS = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                  + "".join(f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i > 1 else "")) * 10}">'
                            for i in range(1, 10))
                  + ']>')


def laughs_sheet() -> bytes:
    return (BILLION_LAUGHS + f'<worksheet xmlns="{MAIN_NS}"><sheetData><row r="1"><c r="A1" '
            f't="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>').encode()


def test_defusedxml_is_what_openpyxl_parses_with():
    from defusedxml.ElementTree import iterparse as safe_iterparse
    from openpyxl.worksheet import _reader
    from openpyxl.xml import functions

    assert openpyxl.DEFUSEDXML is True
    assert _reader.iterparse is safe_iterparse
    assert functions.fromstring.__module__.startswith("defusedxml") or openpyxl.LXML


def test_billion_laughs_in_a_sheet(tmp_path):
    base = base_workbook(tmp_path / "base.xlsx")
    path = rezip(base, tmp_path / "lachen.xlsx", {SHEET: laughs_sheet()})
    message = refused(path, "“lachen.xlsx” bevat onveilige XML (een DTD of entiteiten in "
                            "“xl/worksheets/sheet1.xml”, mogelijk een XML-bom); Planbord leest het niet.")
    assert "lol" not in message


@pytest.mark.parametrize("member", [SHEET, "xl/workbook.xml"])
def test_billion_laughs_is_refused_by_defusedxml_too(tmp_path, monkeypatch, member):
    """Without the scan of the members' starts, openpyxl's defusedxml parser refuses it."""
    monkeypatch.setattr(readers, "_check_xml_members", lambda path, archive: None)
    base = base_workbook(tmp_path / "base.xlsx")
    data = laughs_sheet() if member == SHEET else (
        BILLION_LAUGHS.encode() + zipfile.ZipFile(base).read(member).split(b"?>", 1)[-1])
    path = rezip(base, tmp_path / "lachen.xlsx", {member: data})
    refused(path, "“lachen.xlsx” bevat onveilige XML")


def test_a_dtd_deep_in_a_member_in_utf16(tmp_path):
    base = base_workbook(tmp_path / "base.xlsx")
    sheet = laughs_sheet().decode().replace('<?xml version="1.0"?>',
                                            '<?xml version="1.0" encoding="UTF-16"?>')
    path = rezip(base, tmp_path / "utf16.xlsx", {SHEET: codecs_bom16() + sheet.encode("utf-16-le")})
    refused(path, "“utf16.xlsx” bevat onveilige XML")


def codecs_bom16() -> bytes:
    import codecs
    return codecs.BOM_UTF16_LE


def test_junk_elements_between_rows_do_not_pile_up(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_PENDING", 1000)
    junk = "".join(f'<x i="{i}"/>' for i in range(2100))  # each released at once: more
    # than MAX_PENDING in all is fine (numbered, so that it does not compress like a zip bomb)
    rows = f'{junk}<row r="1"><c r="A1"><v>1</v></c></row>{junk}<row r="2"><c r="A2"><v>2</v></c></row>'
    base = base_workbook(tmp_path / "base.xlsx")
    xml = sheet_xml(rows).replace(b"<sheetData>", f"{junk}<sheetData>".encode())
    path = rezip(base, tmp_path / "rommel.xlsx", {SHEET: xml})
    assert values(read_grid(path)) == [[Decimal(1)], [Decimal(2)]]


def test_an_element_flood_inside_one_row_builds_nothing(tmp_path):
    # A sheet is read by expat without a tree: 210.000 unknown elements inside a cell hold no
    # memory; they are skipped.
    rows = ('<row r="1"><c r="A1"><v>1</v>' + "".join(f'<x i="{i}"/>' for i in range(210_000))
            + "</c></row>")
    began = time.perf_counter()
    assert values(read_grid(workbook_with_sheet(tmp_path, rows, "vloed.xlsx"))) == [[Decimal(1)]]
    assert time.perf_counter() - began < LIMIT_SECONDS


def test_a_cell_of_too_much_text(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_CELL_TEXT", 10)
    many = "".join(f'<c t="inlineStr"><is><t>12345678</t></is></c><c><v>1234567</v></c>' for _ in range(5))
    assert read_grid(workbook_with_sheet(tmp_path, f"<row>{many}</row>")).width == 10  # per cell
    rows = ('<row r="3"><c r="A3" t="inlineStr"><is><r><t>12345</t></r><r><t>678901</t></r></is>'
            '</c></row>')
    refused(workbook_with_sheet(tmp_path, rows, "lang.xlsx"),
            "Het tabblad “Begroting” in “lang.xlsx” heeft in rij 3 een cel van meer dan 10 tekens")


def test_inline_text_leaves_phonetic_runs_out(tmp_path):
    rows = ('<row r="1"><c r="A1" t="inlineStr"><is><r><t>Jeugd</t></r><r><t>hulp</t></r>'
            '<rPh sb="0" eb="1"><t>YOMI</t></rPh></is></c><c r="B1" t="b"><v>0</v></c>'
            '<c r="C1" t="d"><v>2025-03-01T00:00:00</v></c><c r="D1" t="str"><v> tekst </v></c></row>')
    assert values(read_grid(workbook_with_sheet(tmp_path, rows))) == [
        ["Jeugdhulp", "ONWAAR", date(2025, 3, 1), "tekst"]]


def test_prefixed_namespace_and_cells_without_references(tmp_path):
    base = base_workbook(tmp_path / "base.xlsx")
    xml = (f'<x:worksheet xmlns:x="{MAIN_NS}"><x:sheetData><x:row><x:c><x:v>1</x:v></x:c>'
           f'<x:c/><x:c t="inlineStr"><x:is><x:t>c</x:t></x:is></x:c></x:row>'
           f'<x:row r="3"><x:c r="B3"><x:v>2</x:v></x:c></x:row></x:sheetData></x:worksheet>')
    path = rezip(base, tmp_path / "voorvoegsel.xlsx", {SHEET: xml.encode()})
    assert values(read_grid(path)) == [[Decimal(1), None, "c"], [None, None, None],
                                       [None, Decimal(2), None]]


def test_the_sheet_reader_refuses_a_dtd_by_itself(tmp_path):
    """Behind the scan of the members' starts and openpyxl's defusedxml: the streaming reader
    of the cells refuses any DTD or entity on its own."""
    reader = readers._SheetReader("Het tabblad “X”", [], epoch=None, date_styles=set(),
                                  timedelta_styles=set(), percent_styles=frozenset())
    began = time.perf_counter()
    with pytest.raises(ImportFileError) as caught:
        reader.read(io.BytesIO(laughs_sheet()))
    assert time.perf_counter() - began < 1
    assert caught.value.message.startswith("Het tabblad “X” bevat onveilige XML")
    external = (f'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
                f'<worksheet xmlns="{MAIN_NS}"><sheetData/></worksheet>').encode()
    with pytest.raises(ImportFileError):
        reader.read(io.BytesIO(external))


def test_an_element_flood_in_the_shared_texts(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_PENDING", 1000)
    flood = "".join(f'<x i="{i}"/>' for i in range(2100))
    strings = f'<sst xmlns="{MAIN_NS}"><si><t>a</t>{flood}</si></sst>'.encode()
    path = with_shared_strings(tmp_path, "teksten.xlsx", strings, '<row><c t="s"><v>0</v></c></row>')
    refused(path, "“teksten.xlsx” houdt meer dan 1.000 XML-elementen")
    # the same number of elements, each released at once, is fine
    strings = f'<sst xmlns="{MAIN_NS}"><si><t>a</t></si>{flood}</sst>'.encode()
    path = with_shared_strings(tmp_path, "veel.xlsx", strings, '<row><c t="s"><v>0</v></c></row>')
    assert values(read_grid(path)) == [["a"]]


def test_too_many_shared_texts(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_SHARED_STRINGS", 3)
    strings = (f'<sst xmlns="{MAIN_NS}">' + "<si><t>a</t></si>" * 4 + "</sst>").encode()
    path = with_shared_strings(tmp_path, "teksten.xlsx", strings, '<row><c t="s"><v>0</v></c></row>')
    refused(path, "“teksten.xlsx” bevat meer dan 3 teksten; Planbord leest het niet.")


def test_a_part_parsed_whole_over_its_cap(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_XML_PART", 1024 * 1024)
    base = base_workbook(tmp_path / "base.xlsx")
    with zipfile.ZipFile(base) as z:
        styles = z.read("xl/styles.xml")
    rng = random.Random(15)
    comment = b"<!-- " + bytes(rng.randrange(65, 91) for _ in range(1_200_000)) + b" -->"
    padded = comment + styles
    path = rezip(base, tmp_path / "stijl.xlsx", {"xl/styles.xml": padded})
    refused(path, "“stijl.xlsx” bevat een onderdeel van meer dan 1 MB (“xl/styles.xml”)")
    # a sheet is streamed: its size is capped by the rows, columns and cells, not by this
    rows = "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>' for r in range(1, 40_000))
    assert read_grid(workbook_with_sheet(tmp_path, rows, "groot.xlsx")).height == 39_999


def test_strict_open_xml_and_xlsb(tmp_path):
    base = base_workbook(tmp_path / "base.xlsx")
    with zipfile.ZipFile(base) as z:
        workbook = z.read("xl/workbook.xml")
    strict = workbook.replace(MAIN_NS.encode(), b"http://purl.oclc.org/ooxml/spreadsheetml/main")
    refused(rezip(base, tmp_path / "strikt.xlsx", {"xl/workbook.xml": strict}),
            "“strikt.xlsx” is opgeslagen als ‘Strict Open XML-werkblad’")
    refused(rezip(base, tmp_path / "binair.xlsx", {}, add={"xl/workbook.bin": b"\x83\x01"}),
            "“binair.xlsx” is een binair Excel-werkboek (.xlsb); sla het op als .xlsx.")


def test_an_empty_sheet(tmp_path):
    path = base_workbook(tmp_path / "plan.xlsx", "Begroting", "Leeg")
    wb = openpyxl.load_workbook(path)
    wb["Leeg"]["A1"] = None
    wb["Leeg"]["C3"] = "   "
    wb.save(path)
    refused(path, "Het tabblad “Leeg” in “plan.xlsx” is leeg.", "Leeg")
    only = tmp_path / "niets.xlsx"
    openpyxl.Workbook().save(only)
    refused(only, "Het tabblad “Sheet” in “niets.xlsx” is leeg.")


def million_rows() -> Iterator[bytes]:
    yield (f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN_NS}">'
           f'<dimension ref="A1:A1048576"/><sheetData>').encode()
    block = 4096
    for start in range(1, 1_048_577, block):
        yield "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>'
                      for r in range(start, min(start + block, 1_048_577))).encode()
    yield b"</sheetData></worksheet>"


def test_a_sheet_of_1048576_rows(tmp_path):
    base = base_workbook(tmp_path / "base.xlsx")
    path = rezip(base, tmp_path / "miljoen.xlsx", {SHEET: million_rows()})
    refused(path, "Het tabblad “Begroting” in “miljoen.xlsx” heeft meer dan 100.000 rijen; Planbord "
                  "leest hoogstens 100.000 rijen.")


def test_a_last_row_far_down(tmp_path):
    rows = '<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="A1048576"><v>2</v></c></row>'
    refused(workbook_with_sheet(tmp_path, rows, "ver.xlsx"), "Het tabblad “Begroting” in “ver.xlsx” "
                                                                "heeft meer dan 100.000 rijen")


def test_row_cap_is_exact(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_ROWS", 3)
    rows = "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>' for r in (1, 2, 3))
    assert read_grid(workbook_with_sheet(tmp_path, rows)).height == 3
    rows += '<row r="4"><c r="A4"><v>4</v></c></row>'
    refused(workbook_with_sheet(tmp_path, rows, "vier.xlsx"), "Het tabblad “Begroting” in “vier.xlsx” "
                                                               "heeft meer dan 3 rijen")


def test_too_many_columns(tmp_path):
    last = column_letter(MAX_COLUMNS)
    assert last == "GR"
    rows = f'<row r="1"><c r="{last}1"><v>1</v></c></row>'
    assert read_grid(workbook_with_sheet(tmp_path, rows)).width == MAX_COLUMNS
    rows = '<row r="1"><c r="XFD1"><v>1</v></c></row>'
    refused(workbook_with_sheet(tmp_path, rows, "breed.xlsx"),
            "Het tabblad “Begroting” in “breed.xlsx” heeft meer dan 200 kolommen; Planbord leest "
            "hoogstens 200 kolommen (tot en met kolom GR).")


def test_too_many_cells(tmp_path):
    rows = '<row r="1"><c r="GR1"><v>1</v></c></row><row r="5001"><c r="A5001"><v>1</v></c></row>'
    refused(workbook_with_sheet(tmp_path, rows, "vol.xlsx"),
            "Het tabblad “Begroting” in “vol.xlsx” heeft meer dan 1.000.000 cellen (rijen maal kolommen)")


# --- files that are no file, and the OS saying no --------------------------------------------

def test_a_missing_file_a_folder_a_fifo_and_a_wrong_suffix(tmp_path):
    refused(tmp_path / "weg.xlsx", "“weg.xlsx” bestaat niet (meer); kies het bestand opnieuw.")
    (tmp_path / "map.csv").mkdir()
    refused(tmp_path / "map.csv", "“map.csv” is een map, geen bestand om te importeren.")
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pijp.csv")
        refused(tmp_path / "pijp.csv", "“pijp.csv” is een FIFO (pijp), geen bestand om te importeren.")
    (tmp_path / "plan.ods").write_bytes(b"x")
    refused(tmp_path / "plan.ods", "Planbord kan “plan.ods” niet importeren: kies een Excel-werkboek "
                                   "(.xlsx, .xlsm) of een CSV-bestand (.csv, .txt).")


@pytest.mark.parametrize("code, text", [
    (errno.EACCES, "u heeft geen rechten om het te lezen"),
    (errno.EIO, "de schijf gaf een lees- of schrijffout"),
])
def test_an_os_error_is_dutch(tmp_path, monkeypatch, code, text):
    path = tmp_path / "plan.csv"
    path.write_text("a;b\n", encoding="utf-8")

    def failing_open(*args, **kwargs):
        raise OSError(code, os.strerror(code), str(path))

    monkeypatch.setattr(readers.os, "open", failing_open)
    refused(path, f"Planbord kon “plan.csv” niet lezen: {text}")


def test_a_file_over_the_size_cap(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_FILE_BYTES", 1024 * 1024)
    path = tmp_path / "groot.csv"
    path.write_bytes(b"a;b\n" * 300_000)
    refused(path, "“groot.csv” is groter dan 1 MB; Planbord leest hoogstens 1 MB.")


# --- CSV -------------------------------------------------------------------------------------

def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_csv_with_semicolons_and_a_bom(tmp_path):
    text = "Omschrijving;2025;2026\r\nJeugdhulp;1.280.000;€ 127.500,00\r\n;;\r\nPM-post;PM;id.\r\n;;\r\n"
    grid = read_grid(write(tmp_path, "begroting.csv", b"\xef\xbb\xbf" + text.encode("utf-8")))
    assert grid.sheet == "begroting"
    assert values(grid) == [["Omschrijving", "2025", "2026"],
                            ["Jeugdhulp", "1.280.000", "€ 127.500,00"],
                            [None, None, None],
                            ["PM-post", "PM", "id."]]
    assert grid.rows[3][2].ref == "C4"
    assert parse_amount(grid.rows[1][2].value) == Decimal("127500")
    assert sheet_names(tmp_path / "begroting.csv") == ["begroting"]


def test_csv_in_windows_1252_with_a_euro_amount(tmp_path):
    text = "Omschrijving;Bedrag\nCoördinatie;€ 1.280,00\nLast;“citaat”\n"
    grid = read_grid(write(tmp_path, "cp1252.csv", text.encode("cp1252")))
    assert values(grid) == [["Omschrijving", "Bedrag"], ["Coördinatie", "€ 1.280,00"],
                            ["Last", "“citaat”"]]
    assert parse_amount(grid.rows[1][1].value) == Decimal("1280.00")


def test_csv_falls_back_to_latin1_for_bytes_windows_1252_lacks(tmp_path):
    grid = read_grid(write(tmp_path, "latin.csv", b"Naam;x\nCaf\xe9\x81;1\n"))
    assert grid.rows[1][0].value == "Café\x81"


def test_csv_in_utf16_without_bom(tmp_path):
    path = write(tmp_path, "utf16.csv", "Omschrijving;2025\nJeugdhulp;1.280,00\n".encode("utf-16-le"))
    refused(path, "“utf16.csv” is geen tekstbestand in een bekende tekenset (UTF-8 of Windows-1252)")


def test_csv_in_utf16_with_a_bom_is_read(tmp_path):
    # Excel's "Unicode-tekst" is UTF-16 with a BOM and tabs.
    data = "Omschrijving\t2025\nJeugdhulp\t1.280,00\n".encode("utf-16")
    assert values(read_grid(write(tmp_path, "unicode.txt", data))) == [
        ["Omschrijving", "2025"], ["Jeugdhulp", "1.280,00"]]


def test_csv_of_binary_junk(tmp_path):
    rng = random.Random(15)
    junk = bytes(rng.randrange(1, 256) for _ in range(20_000))  # no NUL: decodes as latin-1
    refused(write(tmp_path, "junk.csv", junk),
            "“junk.csv” is geen tekstbestand in een bekende tekenset (UTF-8 of Windows-1252)")
    refused(write(tmp_path, "png.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
            "“png.csv” is geen tekstbestand in een bekende tekenset")


@pytest.mark.parametrize("sep", [";", ",", "\t"])
def test_csv_separator_is_sniffed(tmp_path, sep):
    rows = [["Omschrijving", "2025", "2026"], ["Jeugdhulp, ambulant", "1.280,00", "12,5"],
            ["Wmo", "", "7"]]
    buffer = io.StringIO()
    import csv
    csv.writer(buffer, delimiter=sep, lineterminator="\r\n").writerows(rows)
    grid = read_grid(write(tmp_path, "x.csv", buffer.getvalue().encode("utf-8")))
    assert values(grid) == [[v or None for v in row] for row in rows]


def test_csv_quoted_cells_with_line_breaks_and_excel_sep_line(tmp_path):
    data = 'sep=,\n"Omschrijving","Toelichting"\n"Jeugdhulp","regel 1\nregel 2"\n'.encode()
    grid = read_grid(write(tmp_path, "sep.csv", data))
    assert values(grid) == [["Omschrijving", "Toelichting"], ["Jeugdhulp", "regel 1\nregel 2"]]
    assert grid.rows[0][0].ref == "A1"  # Excel hides the sep= line: row 1 is the header


def test_csv_one_column_and_trailing_separators(tmp_path):
    grid = read_grid(write(tmp_path, "een.csv", b"Gemeente;;;\nAlkmaar;;;\n;;;\n\n"))
    assert values(grid) == [["Gemeente"], ["Alkmaar"]]


def test_csv_formula_text_stays_text(tmp_path):
    grid = read_grid(write(tmp_path, "f.csv", b'Titel;=HYPERLINK("http://x")\n'))
    assert grid.rows[0][1] == SourceCell("B1", '=HYPERLINK("http://x")')


def test_an_empty_csv(tmp_path):
    refused(write(tmp_path, "leeg.csv", b""), "Het bestand “leeg.csv” is leeg.")
    refused(write(tmp_path, "spaties.csv", b"\xef\xbb\xbf ; \r\n\r\n;;\r\n"),
            "Het bestand “spaties.csv” is leeg.")


def test_csv_row_and_column_caps(tmp_path):
    path = write(tmp_path, "lang.csv", b"1\n" * (MAX_ROWS + 1))
    refused(path, "“lang.csv” heeft meer dan 100.000 rijen; Planbord leest hoogstens 100.000 rijen.")
    assert read_grid(write(tmp_path, "precies.csv", b"1\n" * MAX_ROWS)).height == MAX_ROWS
    path = write(tmp_path, "breed.csv", (";" * MAX_COLUMNS + "x\n").encode())
    refused(path, "“breed.csv” heeft meer dan 200 kolommen")


def test_csv_cell_over_the_field_limit(tmp_path):
    path = write(tmp_path, "veld.csv", b'a;"' + b"x" * 200_000 + b'"\n')
    refused(path, "“veld.csv” heeft op regel 1 een cel van meer dan 131.072 tekens")
    unclosed = write(tmp_path, "open.csv", b'kop;x\na;"b\n' + b"regel;x\n" * 20_000)
    refused(unclosed, "“open.csv” heeft op regel 2 een cel van meer dan 131.072 tekens; Planbord "
                      "leest het niet (staat er een aanhalingsteken dat niet wordt gesloten?)")
