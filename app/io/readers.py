"""The one reading layer every import uses: a sheet of an .xlsx or a .csv as a grid of cells. No Qt.

    names = sheet_names(Path("begroting.xlsx"))          # the worksheets, in the workbook's order
    grid = read_grid(Path("begroting.xlsx"), "Begroting")  # or the first sheet when None
    for row in grid.rows:
        for cell in row:
            cell.ref, cell.value, cell.formula_without_value

What a cell holds (:class:`SourceCell`): text (stripped), a number as ``Decimal`` (never a
float), a date (a ``datetime`` when it has a time), or ``None`` when empty. Dutch amounts in a
CSV stay text: the importers parse them with :mod:`app.services.cell_input`.

Numbers. An .xlsx stores numbers as decimal text written from binary doubles ("0.1+0.2" is
stored as ``0.30000000000000004``). The reader takes that text straight into a ``Decimal`` (no
float in between) and rounds it to 15 significant digits, the precision Excel shows and
computes with, so binary noise goes (``1280000.0000000002`` -> ``1280000``) and every figure a
person typed stays exact. It does not round to cents: which cells are money only the importer
knows (cell_input refuses more than two decimals there, with a message).

Nothing is ever evaluated. openpyxl opens the workbook with ``read_only=True`` and
``data_only=True`` (its parts, styles, sheet names and shared texts, all through defusedxml);
the chosen sheet's cells are then streamed from its XML by a plain expat reader
(:class:`_SheetReader`) that builds no tree, takes each number's stored text, keeps only the
cached value of a formula and marks a formula without one (``formula_without_value=True``,
value ``None``; openpyxl-written files have none) in the same single pass. A number whose
format shows a percentage is marked ``percent=True`` (0.125 shown as 12,5 %). A boolean is
Excel's Dutch ``WAAR``/``ONWAAR``. The default sheet is the first visible worksheet.

Comments. A cell's comment (Excel's "opmerking"/"notitie") is its ``comment``: the text runs
joined and stripped, Excel's own first line with the author's name ("Jan de Vries:" and a line
break) left out, cut at :data:`app.services.editing.TEXT_MOST` characters. The comments part
is found through the sheet's relationships and streamed through defusedxml like the shared
texts; a comment outside the cells read is left out (the grid does not grow for it), a
relationship to a part that is missing gives no comments. A sheet without relationships costs
one look-up. A CSV has no comments.

Hostile and broken files are refused with an :class:`ImportFileError` (Dutch) before or while
reading, never after, and nothing is written anywhere:

- anything but a regular file (decided by ``stat`` before any ``open``, so a FIFO does not
  hang), a missing file, a file over :data:`MAX_FILE_BYTES`, any OSError (in Dutch);
- an .xls or an encrypted/password-protected workbook (both OLE files, ``D0 CF 11 E0``), a
  file that is no zip, an .ods, an .xlsb, a Strict Open XML workbook;
- a zip bomb, decided from the zip's end record and central directory without unpacking
  anything: more than :data:`MAX_MEMBERS` members or a directory over
  :data:`MAX_DIRECTORY_BYTES`, more than :data:`MAX_UNCOMPRESSED` bytes unpacked in all, a
  member of over :data:`RATIO_FLOOR` bytes compressed more than :data:`MAX_RATIO` times, an
  XML part that openpyxl parses whole over :data:`MAX_XML_PART`, an encrypted member. Python's
  zipfile never unpacks more than the size the directory states (a member that is larger
  fails its checksum), so these caps hold;
- XML entity expansion ("billion laughs") and external entities: every XML member's first
  :data:`PROLOG_SCAN` bytes are scanned for ``<!DOCTYPE``/``<!ENTITY`` (also in UTF-16);
  behind that, openpyxl parses with defusedxml (``openpyxl.DEFUSEDXML``) and the sheet reader
  refuses any DTD itself. Shared texts are streamed with at most :data:`MAX_PENDING`
  elements held at a time;
- a sheet with more than :data:`MAX_ROWS` rows, :data:`MAX_COLUMNS` columns or
  :data:`MAX_CELLS` cells (rows x columns), counted while reading (a sheet of 1.048.576 rows
  stops at row 100.001), a cell over :data:`MAX_CELL_TEXT` characters, an empty sheet;
- a CSV in no known encoding (UTF-16 without BOM, binary junk), an empty CSV, a CSV over the
  same row and column caps.

CSV: the encoding is a BOM's (UTF-8, UTF-16, UTF-32), else UTF-8, else Windows-1252, else
latin-1; the separator is Excel's ``sep=`` first line, else sniffed among ``;``, tab and
``,``. Every field stays text, stripped; refs are Excel's (the record's number, so a quoted
line break does not shift them).
"""
from __future__ import annotations

import codecs
import csv
import io
import logging
import os
import re
import warnings
import zipfile
import zlib
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path
from xml.etree.ElementTree import ParseError

from app.errors import UserError
from app.services.gc_pause import gc_paused
from app.models.numbers import round_significant
from app.services.output_paths import kind_of, read_failed_message

log = logging.getLogger(__name__)

# ---------------------------------------------------------------------------
# Caps
# ---------------------------------------------------------------------------

MAX_ROWS = 100_000
MAX_COLUMNS = 200                 # column GR
MAX_CELLS = 1_000_000             # rows x columns of the rectangle read
MAX_FILE_BYTES = 50 * 1024 * 1024  # the file on disk (.xlsx or .csv)
MAX_UNCOMPRESSED = 100 * 1024 * 1024  # all members of an .xlsx together, unpacked
MAX_MEMBERS = 10_000
MAX_DIRECTORY_BYTES = 4 * 1024 * 1024  # the zip's central directory, read before zipfile reads it
MAX_RATIO = 100                   # unpacked / packed, for a member above RATIO_FLOOR bytes
RATIO_FLOOR = 1024 * 1024
PROLOG_SCAN = 64 * 1024           # bytes of each XML member scanned for a DTD
MAX_XML_PART = 20 * 1024 * 1024   # an XML member openpyxl parses whole (styles, workbook, rels)
MAX_PENDING = 200_000             # XML elements held at once while streaming the shared texts
MAX_SHARED_STRINGS = 2_000_000

XLSX_SUFFIXES = (".xlsx", ".xlsm")
CSV_SUFFIXES = (".csv", ".txt")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")  # a member first, or an empty archive

Value = str | Decimal | int | date | None


class ImportFileError(UserError):
    """A file that cannot be read for an import; ``message`` says why, in Dutch. Nothing was written."""


@dataclass(frozen=True, slots=True)
class SourceCell:
    ref: str                          # "B7": column letter(s) and row number, for a CSV too
    value: Value                      # str (stripped) | Decimal | date/datetime | None (empty)
    formula_without_value: bool = False  # a formula cell with no cached value (value is None)
    percent: bool = False             # a number shown as a percentage: 0.125 is shown 12,5 %
    comment: str | None = None        # the cell's comment (an .xlsx "opmerking"), stripped


@dataclass(frozen=True, slots=True)
class Grid:
    sheet: str                        # the sheet's name; for a CSV the file name without suffix
    rows: tuple[tuple[SourceCell, ...], ...]  # rectangular from A1, trailing empty rows/cols dropped

    @property
    def height(self) -> int:
        return len(self.rows)

    @property
    def width(self) -> int:
        return len(self.rows[0]) if self.rows else 0


# ---------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------

def sheet_names(path: Path | str) -> list[str]:
    """The worksheets of an .xlsx (chart sheets left out), or ``[stem]`` for a CSV."""
    path = Path(path)
    kind, data = _open_checked(path)
    if kind == "csv":
        return [path.stem]
    with data:
        return _xlsx(path, data, lambda wb: _worksheet_names(wb))


def read_grid(path: Path | str, sheet: str | None = None) -> Grid:
    """The cells of one sheet (the first worksheet when ``sheet`` is None), or of a CSV."""
    path = Path(path)
    kind, data = _open_checked(path)
    with gc_paused():
        if kind == "csv":
            return _read_csv(path, data)
        with data:
            return _xlsx(path, data, lambda wb: _read_sheet(path, wb, sheet))


# ---------------------------------------------------------------------------
# Opening: a regular file, not too large, of a kind we read
# ---------------------------------------------------------------------------

def _name(path: Path) -> str:
    return f"“{path.name}”"


def _nl(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def _mb(size: int) -> str:
    return f"{size // (1024 * 1024)} MB"


def _open_checked(path: Path) -> tuple[str, object]:
    """("xlsx", an open binary file) or ("csv", the file's bytes); refusals in Dutch."""
    suffix = path.suffix.lower()
    if suffix not in XLSX_SUFFIXES + CSV_SUFFIXES + (".xls",):
        raise ImportFileError(
            f"Planbord kan {_name(path)} niet importeren: kies een Excel-werkboek (.xlsx, .xlsm) "
            f"of een CSV-bestand (.csv, .txt).")
    try:
        info = os.stat(path)  # before any open(): a FIFO would make open() wait forever
        kind = kind_of(info.st_mode)
        if kind:
            raise ImportFileError(f"{_name(path)} is {kind}, geen bestand om te importeren.")
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
        fd = os.open(path, flags)
        handle = os.fdopen(fd, "rb")
    except FileNotFoundError:
        raise ImportFileError(f"{_name(path)} bestaat niet (meer); kies het bestand opnieuw.") from None
    except OSError as e:
        raise ImportFileError(read_failed_message(path, e)) from None
    try:
        info = os.fstat(handle.fileno())
        kind = kind_of(info.st_mode)
        if kind:  # the name was swapped between stat and open
            raise ImportFileError(f"{_name(path)} is {kind}, geen bestand om te importeren.")
        if info.st_size > MAX_FILE_BYTES:
            raise ImportFileError(
                f"{_name(path)} is groter dan {_mb(MAX_FILE_BYTES)}; Planbord leest hoogstens "
                f"{_mb(MAX_FILE_BYTES)}.")
        head = handle.read(8)
        if head.startswith(OLE_MAGIC[:4]):
            raise ImportFileError(
                f"{_name(path)} is een oud Excel-bestand (.xls) of een beveiligd werkboek; sla het "
                f"op als .xlsx zonder wachtwoord.")
        if head.startswith(ZIP_MAGICS):
            handle.seek(0)
            return "xlsx", handle
        if suffix in XLSX_SUFFIXES + (".xls",):
            raise ImportFileError(
                f"{_name(path)} is geen Excel-werkboek; sla het in Excel op als Excel-werkmap (.xlsx).")
        handle.seek(0)
        data = handle.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:  # it grew since fstat
            raise ImportFileError(
                f"{_name(path)} is groter dan {_mb(MAX_FILE_BYTES)}; Planbord leest hoogstens "
                f"{_mb(MAX_FILE_BYTES)}.")
        handle.close()
        return "csv", data
    except OSError as e:
        handle.close()
        raise ImportFileError(read_failed_message(path, e)) from None
    except BaseException:
        handle.close()
        raise


# ---------------------------------------------------------------------------
# .xlsx
# ---------------------------------------------------------------------------

def _damaged(path: Path) -> ImportFileError:
    return ImportFileError(
        f"{_name(path)} is beschadigd of geen geldig Excel-werkboek; open het in Excel en sla het "
        f"opnieuw op als .xlsx.")


def _xml_bomb(path: Path, member: str) -> ImportFileError:
    return ImportFileError(
        f"{_name(path)} bevat onveilige XML (een DTD of entiteiten in “{member}”, mogelijk een "
        f"XML-bom); Planbord leest het niet.")


def _check_zip(path: Path, archive: zipfile.ZipFile) -> None:
    """Refuse a zip bomb, an encrypted member or a zip that holds no workbook, from the directory."""
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise _too_many_members(path)
    names = {info.filename for info in infos}
    if "mimetype" in names and "content.xml" in names:
        raise ImportFileError(
            f"{_name(path)} is een OpenDocument-rekenblad (.ods); sla het op als .xlsx.")
    if "xl/workbook.bin" in names:
        raise ImportFileError(
            f"{_name(path)} is een binair Excel-werkboek (.xlsb); sla het op als .xlsx.")
    if "[Content_Types].xml" not in names:
        raise ImportFileError(
            f"{_name(path)} is geen Excel-werkboek (een zip-bestand zonder werkboek); sla het in "
            f"Excel op als Excel-werkmap (.xlsx).")
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise ImportFileError(
                f"{_name(path)} is een beveiligd werkboek; sla het op als .xlsx zonder wachtwoord.")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise _damaged(path)
        total += info.file_size
        if total > MAX_UNCOMPRESSED:
            raise ImportFileError(
                f"{_name(path)} pakt uit tot meer dan {_mb(MAX_UNCOMPRESSED)}; Planbord leest "
                f"hoogstens {_mb(MAX_UNCOMPRESSED)} uitgepakt (het kan een zip-bom zijn).")
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise ImportFileError(
                f"{_name(path)} bevat een onderdeel dat meer dan {MAX_RATIO} keer zo groot uitpakt "
                f"(“{info.filename}”); Planbord leest het niet (het kan een zip-bom zijn).")
        if info.file_size > MAX_XML_PART and _parsed_whole(info.filename):
            raise _part_too_large(path, info.filename)


def _part_too_large(path: Path, member: str) -> ImportFileError:
    return ImportFileError(
        f"{_name(path)} bevat een onderdeel van meer dan {_mb(MAX_XML_PART)} "
        f"(“{member}”); Planbord leest het niet.")


def _parsed_whole(member: str) -> bool:
    """An XML member openpyxl reads into one tree (not a sheet or the texts, which are streamed)."""
    lower = member.lower()
    if not lower.endswith((".xml", ".rels")):
        return False
    return not (lower.startswith("xl/worksheets/") and lower.count("/") == 2
                or lower.endswith("sharedstrings.xml"))


_DTD_MARKS = tuple(mark.encode(enc) for mark in ("<!DOCTYPE", "<!ENTITY")
                   for enc in ("ascii", "utf-16-le", "utf-16-be"))


def _check_xml_members(path: Path, archive: zipfile.ZipFile) -> None:
    """Refuse any XML member whose start declares a DTD or entities (no workbook needs them).

    defusedxml refuses them too, where openpyxl uses it; this scan does not depend on that."""
    for info in archive.infolist():
        lower = info.filename.lower()
        if not _scanned(lower):
            continue
        start = _scan_prolog(path, archive, info)
        if lower == "xl/workbook.xml" and b"PURL.OCLC.ORG/OOXML/SPREADSHEETML" in start:
            raise ImportFileError(
                f"{_name(path)} is opgeslagen als ‘Strict Open XML-werkblad’; sla het in Excel op "
                f"als gewone Excel-werkmap (.xlsx).")


def _scanned(lower: str) -> bool:
    """Whether :func:`_check_xml_members` scans a member (by its name, lower case)."""
    return lower.endswith(".xml") or lower.endswith(".rels") or lower.endswith(".vml")


def _scan_prolog(path: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """The member's first PROLOG_SCAN bytes, upper case; refused when they declare a DTD or entities."""
    with archive.open(info) as member:
        start = member.read(PROLOG_SCAN).upper()
    if any(mark in start for mark in _DTD_MARKS):
        raise _xml_bomb(path, info.filename)
    return start


def _xlsx(path: Path, handle, action):
    """Check the zip, open it with openpyxl (read-only, cached values) and run ``action(wb)``."""
    from defusedxml import DefusedXmlException
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            _check_directory_size(path, handle)
            try:
                archive = zipfile.ZipFile(handle)
            except (zipfile.BadZipFile, ValueError, EOFError):
                raise _damaged(path) from None
            with archive:
                _check_zip(path, archive)
                _check_xml_members(path, archive)
            handle.seek(0)
            reader = _reader_class()(handle, read_only=True, keep_vba=False, data_only=True,
                                     keep_links=False, rich_text=False)
            reader.path = path
            reader.read()
            wb = reader.wb
            try:
                return action(wb)
            finally:
                wb.close()
    except ImportFileError:
        raise
    except DefusedXmlException:
        raise _xml_bomb(path, "het werkboek") from None
    except OSError as e:
        raise ImportFileError(read_failed_message(path, e)) from None
    except (zipfile.BadZipFile, zlib.error, EOFError, ParseError, InvalidFileException, KeyError,
            ValueError, TypeError, AttributeError, IndexError, NotImplementedError, RuntimeError,
            InvalidOperation, OverflowError) as e:
        # openpyxl wraps what went wrong while loading in a ValueError: look at the cause.
        if _caused_by(e, DefusedXmlException):
            raise _xml_bomb(path, "het werkboek") from None
        log.info("Werkboek %s niet leesbaar", path.name, exc_info=True)
        raise _damaged(path) from None


def _check_directory_size(path: Path, handle) -> None:
    """Refuse a zip whose central directory alone is huge (a million members), from its end
    record, before zipfile reads the whole directory into memory."""
    end = getattr(zipfile, "_EndRecData", None)  # the standard library's own end-record reader
    if end is None:
        return
    handle.seek(0)
    record = end(handle)
    handle.seek(0)
    if record is None:
        raise _damaged(path)
    if record[zipfile._ECD_ENTRIES_TOTAL] > MAX_MEMBERS:
        raise _too_many_members(path)
    if record[zipfile._ECD_SIZE] > MAX_DIRECTORY_BYTES:
        raise _too_many_members(path)


def _too_many_members(path: Path) -> ImportFileError:
    return ImportFileError(
        f"{_name(path)} bevat meer dan {_nl(MAX_MEMBERS)} onderdelen; Planbord leest het niet "
        f"(het kan een zip-bom zijn).")


def _caused_by(error: BaseException, kind: type[BaseException]) -> bool:
    seen = 0
    while error is not None and seen < 20:
        if isinstance(error, kind):
            return True
        error, seen = error.__cause__ or error.__context__, seen + 1
    return False


def _worksheet_names(wb) -> list[str]:
    from openpyxl.chartsheet import Chartsheet

    return [ws.title for ws in wb.worksheets if not isinstance(ws, Chartsheet)]


def _find_sheet(path: Path, wb, sheet: str | None):
    names = _worksheet_names(wb)
    if sheet is None:
        if not names:
            raise ImportFileError(f"{_name(path)} heeft geen tabblad met cellen.")
        visible = [n for n in names if wb[n].sheet_state == "visible"]
        return wb[(visible or names)[0]]
    if sheet in wb.sheetnames:
        if sheet not in names:
            raise ImportFileError(
                f"Het tabblad “{sheet}” in {_name(path)} is een grafiekblad, geen tabel.")
        return wb[sheet]
    loose = [n for n in names if n.strip().casefold() == sheet.strip().casefold()]
    if len(loose) == 1:
        return wb[loose[0]]
    listed = ", ".join(f"“{n}”" for n in names) or "geen"
    raise ImportFileError(f"{_name(path)} heeft geen tabblad “{sheet}”; wel: {listed}.")


def _read_sheet(path: Path, wb, sheet: str | None) -> Grid:
    ws = _find_sheet(path, wb, sheet)
    where = f"Het tabblad “{ws.title}” in {_name(path)}"
    reader = _SheetReader(where, ws._shared_strings, epoch=wb.epoch,
                          date_styles=wb._date_formats, timedelta_styles=wb._timedelta_formats,
                          percent_styles=_percent_styles(wb))
    with wb._archive.open(ws._worksheet_path) as source:
        reader.read(source)
    if not reader.cells:
        raise ImportFileError(f"{where} is leeg.")
    rows = _rectangle(reader.cells, reader.last_row, reader.last_col)
    comments = _sheet_comments(path, wb._archive, ws._worksheet_path, reader.last_row, reader.last_col)
    if comments:
        rows = _with_comments(rows, comments)
    return Grid(ws.title, rows)


def _too_many_rows(where: str) -> ImportFileError:
    return ImportFileError(
        f"{where} heeft meer dan {_nl(MAX_ROWS)} rijen; Planbord leest hoogstens {_nl(MAX_ROWS)} rijen.")


def _too_many_columns(where: str) -> ImportFileError:
    return ImportFileError(
        f"{where} heeft meer dan {MAX_COLUMNS} kolommen; Planbord leest hoogstens {MAX_COLUMNS} "
        f"kolommen (tot en met kolom {column_letter(MAX_COLUMNS)}).")


def _too_many_cells(where: str) -> ImportFileError:
    return ImportFileError(
        f"{where} heeft meer dan {_nl(MAX_CELLS)} cellen (rijen maal kolommen); Planbord leest "
        f"hoogstens {_nl(MAX_CELLS)} cellen.")


def _rectangle(cells: dict[int, list[tuple[int, Value, bool, bool]]], height: int, width: int
               ) -> tuple[tuple[SourceCell, ...], ...]:
    letters = [column_letter(c) for c in range(1, width + 1)]
    rows = []
    for r in range(1, height + 1):
        found = {column: rest for column, *rest in cells.get(r, ())}
        rows.append(tuple(
            SourceCell(f"{letters[c - 1]}{r}", *found[c]) if c in found
            else SourceCell(f"{letters[c - 1]}{r}", None)
            for c in range(1, width + 1)))
    return tuple(rows)


_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')


def _percent_styles(wb) -> frozenset[int]:
    """The cell styles whose number format shows a percentage ("0%", "0,00 %", a custom one)."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS, BUILTIN_FORMATS_MAX_SIZE

    found = set()
    for index, style in enumerate(getattr(wb, "_cell_styles", ())):
        number_format = getattr(style, "numFmtId", 0) or 0
        if number_format < BUILTIN_FORMATS_MAX_SIZE:
            text = BUILTIN_FORMATS.get(number_format, "General")
        else:
            try:
                text = wb._number_formats[number_format - BUILTIN_FORMATS_MAX_SIZE]
            except IndexError:
                continue
        if "%" in _QUOTED.sub("", text):
            found.add(index)
    return frozenset(found)


def _too_complex(where: str) -> ImportFileError:
    return ImportFileError(
        f"{where} houdt meer dan {_nl(MAX_PENDING)} XML-elementen in één tekst; Planbord "
        f"leest het niet (het bestand is beschadigd of kwaadwillig gemaakt).")


def _elements(source, where: str):
    """defusedxml's iterparse over ``source`` as (event, element, depth), refusing more than
    MAX_PENDING elements between two calls of the returned ``release`` (which the caller makes
    after clearing what it has used), so junk cannot pile up in memory."""
    from openpyxl.xml.functions import iterparse  # defusedxml's, where installed

    state = {"pending": 0}

    def release() -> None:
        state["pending"] = 0

    def walk():
        depth = 0
        for event, element in iterparse(source, events=("start", "end")):
            if event == "start":
                depth += 1
                state["pending"] += 1
                if state["pending"] > MAX_PENDING:
                    raise _too_complex(where)
                yield event, element, depth
            else:
                yield event, element, depth
                depth -= 1

    return walk(), release


def _reader_class():
    """openpyxl's ExcelReader, reading the shared texts as a stream that keeps one at a time."""
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.xml.constants import SHARED_STRINGS

    class Reader(ExcelReader):
        path: Path

        def read_strings(self):
            part = self.package.find(SHARED_STRINGS)
            if part is not None:
                with self.archive.open(part.PartName[1:]) as source:
                    self.shared_strings = _read_strings(source, self.path)

    return Reader


def _read_strings(source, path: Path) -> list[str]:
    from openpyxl.cell.text import Text
    from openpyxl.xml.constants import SHEET_MAIN_NS

    si_tag = f"{{{SHEET_MAIN_NS}}}si"
    strings: list[str] = []
    events, release = _elements(source, f"{_name(path)}")
    root = None
    for event, element, depth in events:
        if event == "start":
            if depth == 1:
                root = element
            continue
        if depth == 2:
            if element.tag == si_tag:
                strings.append(Text.from_tree(element).content.replace("x005F_", ""))
                if len(strings) > MAX_SHARED_STRINGS:
                    raise ImportFileError(
                        f"{_name(path)} bevat meer dan {_nl(MAX_SHARED_STRINGS)} teksten; Planbord "
                        f"leest het niet.")
            root.clear()
            release()
    return strings


class _Forbidden(Exception):
    """A DTD or an entity in a sheet's XML."""


_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_SHEET_DATA, _ROW, _CELL, _VALUE, _FORMULA, _INLINE, _TEXT, _PHONETIC = (
    f"{_MAIN}}}{tag}" for tag in ("sheetData", "row", "c", "v", "f", "is", "t", "rPh"))
MAX_CELL_TEXT = 100_000  # characters in one cell (Excel itself keeps at most 32.767)
_CHUNK = 64 * 1024


class _SheetReader:
    """One worksheet's cells from its XML, streamed through expat: no tree is built, so no
    element can pile up, and reading stops at the end of the sheet's data.

    A DTD or entity declaration is refused (as defusedxml does, which openpyxl uses for the
    other parts). Numbers are taken from their text (no float); a formula without a cached
    value is told apart; the row, column and cell caps are applied as the cells come."""

    def __init__(self, where: str, strings, *, epoch, date_styles, timedelta_styles,
                 percent_styles) -> None:
        self.where, self.strings, self.epoch = where, strings, epoch
        self.date_styles, self.timedelta_styles = date_styles, timedelta_styles
        self.percent_styles = percent_styles
        self.cells: dict[int, list[tuple[int, Value, bool, bool]]] = {}
        self.last_row = self.last_col = 0
        self.row = self.column = 0
        self.in_data = self.done = False
        self.cell: dict | None = None  # the cell being read: its attributes
        self.text: list[str] | None = None  # collecting a <v> or an inline <t>
        self.text_size = 0
        self.value_text: str | None = None
        self.inline: list[str] | None = None
        self.formula = False
        self.phonetic = 0

    def read(self, source) -> None:
        from xml.parsers import expat

        parser = expat.ParserCreate(namespace_separator="}")
        parser.buffer_text = True
        parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        parser.StartDoctypeDeclHandler = self.forbid
        parser.EntityDeclHandler = self.forbid
        parser.UnparsedEntityDeclHandler = self.forbid
        parser.ExternalEntityRefHandler = self.forbid
        parser.StartElementHandler = self.start
        parser.EndElementHandler = self.end
        parser.CharacterDataHandler = self.characters
        try:
            while not self.done:
                chunk = source.read(_CHUNK)
                parser.Parse(chunk, not chunk)
                if not chunk:
                    break
        except _Forbidden:
            raise ImportFileError(
                f"{self.where} bevat onveilige XML (een DTD of entiteiten, mogelijk een XML-bom); "
                f"Planbord leest het niet.") from None
        except expat.ExpatError:
            raise ValueError("damaged sheet XML") from None

    @staticmethod
    def forbid(*_args) -> None:
        raise _Forbidden()

    def start(self, name: str, attrs: dict) -> None:
        if not self.in_data:
            self.in_data = name == _SHEET_DATA
            return
        if name == _CELL:
            ref = attrs.get("r")
            self.column = _column_of(ref) if ref else self.column + 1
            self.cell, self.value_text, self.inline, self.formula = attrs, None, None, False
            self.text_size = 0
        elif self.cell is None:
            if name == _ROW:
                number = attrs.get("r")
                self.row = _row_number(number) if number else self.row + 1
                self.column = 0
                if self.row > MAX_ROWS:
                    raise _too_many_rows(self.where)
        elif name == _VALUE:
            self.text = []
        elif name == _FORMULA:
            self.formula = True
        elif name == _INLINE:
            self.inline = []
        elif name == _PHONETIC:
            self.phonetic += 1
        elif name == _TEXT and self.inline is not None and not self.phonetic:
            self.text = self.inline  # the runs of an inline text add up

    def characters(self, data: str) -> None:
        if self.text is not None:
            self.text_size += len(data)
            if self.text_size > MAX_CELL_TEXT:
                raise ImportFileError(
                    f"{self.where} heeft in rij {_nl(self.row)} een cel van meer dan "
                    f"{_nl(MAX_CELL_TEXT)} tekens; Planbord leest het niet.")
            self.text.append(data)

    def end(self, name: str) -> None:
        if not self.in_data:
            return
        if name == _CELL:
            if self.row < 1:
                raise ValueError("a cell outside a row")
            self.finish_cell()
            self.cell = None
        elif name == _VALUE:
            if self.text is not None:
                self.value_text = "".join(self.text)
            self.text = None
        elif name == _TEXT:
            if self.text is self.inline:
                self.text = None
        elif name == _PHONETIC:
            self.phonetic -= 1
        elif name == _SHEET_DATA:
            self.in_data, self.done = False, True

    def finish_cell(self) -> None:
        attrs = self.cell
        kind = attrs.get("t", "n")
        raw = self.value_text
        formula = self.formula and (raw is None or (raw == "" and kind not in _TEXT_TYPES))
        style = int(attrs.get("s") or 0)
        value: Value = None
        if kind == "inlineStr":
            value = "".join(self.inline) if self.inline is not None else None
        elif raw:
            value = self.typed(kind, raw, style)
        value = _cell_value(value)
        if value is None and not formula:
            return
        column = self.column
        if column > MAX_COLUMNS:
            raise _too_many_columns(self.where)
        percent = style in self.percent_styles and isinstance(value, Decimal)
        row = self.row
        self.cells.setdefault(row, []).append((column, value, formula, percent))
        if row > self.last_row or column > self.last_col:
            self.last_row, self.last_col = max(self.last_row, row), max(self.last_col, column)
            if self.last_row * self.last_col > MAX_CELLS:
                raise _too_many_cells(self.where)

    def typed(self, kind: str, raw: str, style: int):
        if kind == "n":
            if style in self.date_styles:
                from openpyxl.utils.datetime import from_excel

                try:
                    return from_excel(float(raw), self.epoch,
                                      timedelta=style in self.timedelta_styles)
                except (OverflowError, ValueError):
                    pass  # out of the range of dates: the number itself
            try:
                return excel_number(raw)
            except ValueError:
                return raw
        if kind == "s":
            index = int(raw)
            if index < 0:
                raise IndexError(index)
            return self.strings[index]  # IndexError, ValueError: a damaged workbook
        if kind == "b":
            return raw.strip() in ("1", "true")
        if kind == "d":
            from openpyxl.utils.datetime import from_ISO8601

            try:
                return from_ISO8601(raw)
            except ValueError:
                return raw
        return raw  # "str" (a formula's cached text), "e" (an error such as #DEEL/0!)


_REF_LETTERS = re.compile(r"\$?([A-Za-z]{1,3})")


def _column_of(ref: str) -> int:
    match = _REF_LETTERS.match(ref)
    if match is None:
        raise ValueError(f"not a cell reference: {ref!r}")
    column = 0
    for letter in match.group(1).upper():
        column = column * 26 + ord(letter) - 64
    return column


def _row_number(text: str) -> int:
    number = float(text) if "." in text or "e" in text.lower() else int(text)
    if number != int(number) or number < 1:
        raise ValueError(f"not a row number: {text!r}")
    return int(number)


_TEXT_TYPES = ("str", "s", "inlineStr")
_FIFTEEN = 15  # significant digits Excel keeps


def excel_number(raw: str) -> Decimal:
    """A number as an .xlsx stores it ("1280000.0000000002", "1.5E-3") as a Decimal of at most
    15 significant digits, trailing zeros dropped; ValueError when it is not a finite number."""
    text = raw.strip()
    if len(text) <= _FIFTEEN and text.isascii() and text.isdigit():
        return Decimal(text)  # a whole number, as most amounts are: nothing to round
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(raw) from None
    if not number.is_finite():
        raise ValueError(raw)
    return round_significant(number, _FIFTEEN)  # Excel's own precision


def _cell_value(value) -> Value:
    """What a cell holds as the grid gives it: text stripped (empty is None), a boolean as
    Excel's Dutch WAAR/ONWAAR, a datetime at midnight as a date, a time or duration as text."""
    if value is None or isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        return "WAAR" if value else "ONWAAR"
    if isinstance(value, datetime):
        return value.date() if value.time() == time(0) else value
    if isinstance(value, date):
        return value
    if isinstance(value, (time, timedelta)):
        return str(value)
    if isinstance(value, (int, float)):
        return excel_number(repr(value))
    text = str(value).strip()
    return text or None


def column_letter(column: int) -> str:
    """1 -> "A", 27 -> "AA"."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


# ---------------------------------------------------------------------------
# Cell comments
# ---------------------------------------------------------------------------

_COMMENTS_TAG, _AUTHOR, _COMMENT, _COMMENT_TEXT, _RUN = (
    f"{{{_MAIN}}}{tag}" for tag in ("comments", "author", "comment", "text", "r"))
_T = f"{{{_MAIN}}}t"
_CELL_REF = re.compile(r"\$?([A-Za-z]{1,3})\$?([1-9][0-9]{0,6})")


def _sheet_comments(path: Path, archive: zipfile.ZipFile, sheet_member: str, height: int,
                    width: int) -> dict[tuple[int, int], str]:
    """(row, column) -> the comment's text, for the comments inside the rectangle read.

    The comments part is found through the sheet's relationships (a type ending in
    ``/comments``); a sheet without relationships costs one look-up. A relationship to a
    member that is not there gives no comments (Excel repairs such a file the same way). The
    part went through the checks every XML member gets (:func:`_check_xml_members`,
    :func:`_check_zip`); its size and prolog are checked here again for a name those checks
    do not see, and it is streamed by :func:`_elements` (defusedxml: no entities)."""
    from defusedxml import DefusedXmlException
    from openpyxl.packaging.relationship import get_dependents, get_rels_path

    rels_member = get_rels_path(sheet_member)
    try:
        archive.getinfo(rels_member)
    except KeyError:
        return {}  # no relationships: no comments
    found: dict[tuple[int, int], str] = {}
    seen: set[str] = set()
    for rel in get_dependents(archive, rels_member):
        if rel.TargetMode == "External" or not (rel.Type or "").endswith("/comments"):
            continue
        if rel.target in seen:
            continue  # each part read once, however often it is named
        seen.add(rel.target)
        try:
            info = archive.getinfo(rel.target)
        except KeyError:
            log.info("Opmerkingen %s ontbreken in %s", rel.target, path.name)
            continue
        if info.file_size > MAX_XML_PART:
            raise _part_too_large(path, info.filename)
        if not _scanned(info.filename.lower()):
            _scan_prolog(path, archive, info)
        try:
            with archive.open(info) as source:
                found.update(_read_comments(source, path, info.filename, height, width))
        except DefusedXmlException:  # a DTD further in than the prolog scan reaches
            raise _xml_bomb(path, info.filename) from None
    return found


def _read_comments(source, path: Path, member: str, height: int, width: int
                   ) -> dict[tuple[int, int], str]:
    """The comments of one comments part, streamed: each one's text runs joined, Excel's
    "Auteur:" line before it dropped, cut at the length a note may have."""
    from app.services.editing import TEXT_MOST

    found: dict[tuple[int, int], str] = {}
    authors: list[str] = []
    events, release = _elements(source, f"{_name(path)} (“{member}”)")
    holder = None  # the element at depth 2 (authors, commentList), cleared after each comment
    for event, element, depth in events:
        if event == "start":
            if depth == 1 and element.tag != _COMMENTS_TAG:
                return {}  # not a comments part
            if depth == 2:
                holder = element
            continue
        if depth != 3:
            continue
        if element.tag == _AUTHOR:
            authors.append(element.text or "")
        elif element.tag == _COMMENT:
            place = _comment_place(element.get("ref") or "", height, width)
            if place is not None:
                text = _comment_text(element, authors, TEXT_MOST)
                if text:
                    found[place] = text
        holder.clear()
        release()
    return found


def _comment_place(ref: str, height: int, width: int) -> tuple[int, int] | None:
    match = _CELL_REF.fullmatch(ref.strip())
    if match is None:
        return None
    row, column = int(match.group(2)), _column_of(match.group(1))
    if row > height or column > width:
        return None  # outside the cells read: the grid does not grow for a comment
    return row, column


def _comment_text(comment, authors: list[str], most: int) -> str:
    parts: list[str] = []
    for text in comment:
        if text.tag != _COMMENT_TEXT:
            continue
        for part in text:  # <t>, or runs <r><t>; phonetic runs (<rPh>) left out
            if part.tag == _T:
                parts.append(part.text or "")
            elif part.tag == _RUN:
                parts.extend(t.text or "" for t in part if t.tag == _T)
    joined = "".join(parts)
    try:
        index = int(comment.get("authorId") or 0)
    except ValueError:
        index = -1
    author = authors[index] if 0 <= index < len(authors) else ""
    if author and joined.startswith(f"{author}:"):
        rest = joined[len(author) + 1:]
        if not rest.strip(" ") or rest.lstrip(" ")[0] in "\r\n":
            joined = rest  # Excel's bold "Auteur:" line above the text
    return joined.strip()[:most].rstrip()


def _with_comments(rows: tuple[tuple[SourceCell, ...], ...], comments: dict[tuple[int, int], str]
                   ) -> tuple[tuple[SourceCell, ...], ...]:
    changed = list(rows)
    for (r, c), text in comments.items():
        row = changed[r - 1]
        cell = row[c - 1]
        changed[r - 1] = row[:c - 1] + (SourceCell(cell.ref, cell.value, cell.formula_without_value,
                                                   cell.percent, text),) + row[c:]
    return tuple(changed)


# ---------------------------------------------------------------------------
# .csv
# ---------------------------------------------------------------------------

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
_SEPARATORS = (";", "\t", ",")  # the order of preference on a tie
_SEP_LINE = re.compile(r"\Asep=(.)\r?\n", re.IGNORECASE)  # Excel's own "sep=;" first line
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _unknown_encoding(path: Path) -> ImportFileError:
    return ImportFileError(
        f"{_name(path)} is geen tekstbestand in een bekende tekenset (UTF-8 of Windows-1252); sla "
        f"het in Excel op als ‘CSV UTF-8 (door komma's gescheiden)’.")


def decode_text(path: Path, data: bytes) -> str:
    """The text of a CSV: a BOM decides; else UTF-8, Windows-1252, latin-1, in that order.

    No BOM and a NUL byte (UTF-16 without BOM, a binary file), or after decoding more than 1%
    control characters (and more than 3: a stray one is no reason) is refused (binary junk)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                raise _unknown_encoding(path) from None
            break
    else:
        if b"\x00" in data:
            raise _unknown_encoding(path)
        for encoding in ("utf-8", "cp1252", "latin-1"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
    text = text.lstrip("\ufeff")
    controls = len(_CONTROL.findall(text))
    if "\x00" in text or (controls > 3 and controls > len(text) / 100):
        raise _unknown_encoding(path)
    return text


def sniff_separator(text: str) -> str:
    """';', tab or ',': the one that splits the first lines into the same number (>1) of fields
    most often; ';' before tab before ',' on a tie; ';' when none splits."""
    sample = text[:64 * 1024]
    best, best_score = ";", (0, 0)
    for sep in _SEPARATORS:
        try:
            counts = [len(r) for r, _ in zip(csv.reader(io.StringIO(sample, newline=""),
                                                        delimiter=sep), range(50)) if any(r)]
        except csv.Error:
            continue
        if len(counts) > 1 and not sample.endswith(("\n", "\r")):
            counts = counts[:-1]  # the sample may cut the last line
        counts = [c for c in counts if c > 1]
        if not counts:
            continue
        mode = max(set(counts), key=lambda c: (counts.count(c), c))
        score = (counts.count(mode), mode)
        if score > best_score:
            best, best_score = sep, score
    return best


def _read_csv(path: Path, data: bytes) -> Grid:
    text = decode_text(path, data)
    sep = None
    line_offset = 0
    match = _SEP_LINE.match(text)
    if match and match.group(1) in (";", ",", "\t", "|"):
        sep, text, line_offset = match.group(1), text[match.end():], 1
    if sep is None:
        sep = sniff_separator(text)
    where = _name(path)
    cells: dict[int, list[tuple[int, Value, bool, bool]]] = {}
    last_row = last_col = 0
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    index = 0
    while True:
        line = reader.line_num + 1 + line_offset  # where the record starts, for a message
        try:
            fields = next(reader)
        except StopIteration:
            break
        except csv.Error as e:
            if "field larger than field limit" in str(e):
                raise ImportFileError(
                    f"{where} heeft op regel {line} een cel van meer dan "
                    f"{_nl(csv.field_size_limit())} tekens; Planbord leest het niet (staat er een "
                    f"aanhalingsteken dat niet wordt gesloten?).") from None
            raise ImportFileError(f"{where} is geen leesbaar CSV-bestand (fout op regel {line}).") from None
        index += 1
        if index > MAX_ROWS:
            raise _too_many_rows(where)
        kept = []
        for column, field in enumerate(fields, start=1):
            field = field.strip()
            if not field:
                continue
            if column > MAX_COLUMNS:
                raise _too_many_columns(where)
            kept.append((column, field, False, False))
            last_col = max(last_col, column)
        if kept:
            last_row = index
            if last_row * last_col > MAX_CELLS:
                raise _too_many_cells(where)
            cells[index] = kept
    if not cells:
        raise ImportFileError(f"Het bestand {where} is leeg.")
    return Grid(path.stem, _rectangle(cells, last_row, last_col))
