"""The tables an export writes, as plain data: one model, two writers (xlsx and CSV).

A :class:`Table` is one sheet (``begroting``, ``dekking``, ...): sections of rows under a
header of columns. A cell holds what it shows: text, an amount, another number, a date,
or a figure Planbord computed that the workbook keeps live as a formula (:class:`Sum`,
:class:`Difference`, :class:`Link`). Each figure carries the value the services computed:
the CSV writes that value, the xlsx writer the formula, and the tests check that one
evaluates to the other.

Also here: the one rule for user text that a spreadsheet might take for a formula
(OWASP's CSV-injection rule), and the clean-up of text a workbook cannot hold.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

# User text starting with one of these is a formula (or the start of one) to a spreadsheet.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# What one spreadsheet cell may hold (Excel's limit); longer text is cut, with an ellipsis.
MAX_CELL_TEXT = 32_767
# Control characters no XML 1.0 document may hold (openpyxl refuses them); tab, newline and
# carriage return are allowed.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def is_formula_like(text: str) -> bool:
    """Whether a spreadsheet would evaluate ``text`` typed into a cell (OWASP's rule)."""
    return text.startswith(FORMULA_STARTS)


def clean_text(text: str) -> str:
    """``text`` as a cell can hold it: control characters dropped, at most MAX_CELL_TEXT long."""
    text = _ILLEGAL.sub("", text)
    if len(text) > MAX_CELL_TEXT:
        text = text[:MAX_CELL_TEXT - 1] + "…"
    return text


# --- cells ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Text:
    """Text as the user typed it (never evaluated). ``right``: aligned as a figure (a marker)."""

    value: str
    right: bool = False


@dataclass(frozen=True)
class Amount:
    """Euros; ``places`` is 0 (whole euros) or 2."""

    value: Decimal
    places: int = 0


@dataclass(frozen=True)
class Number:
    """Another figure: dagdelen (``places`` 1), fte or a share in percent (2), a basis (0)."""

    value: Decimal | int
    places: int = 0


@dataclass(frozen=True)
class Day:
    value: date


@dataclass(frozen=True)
class Area:
    """Cells of this table: rows ``first``..``last`` of a section (indices into its rows)
    and columns ``left``..``right`` (indices into its columns), all inclusive."""

    section: int
    first: int
    last: int
    left: int
    right: int


@dataclass(frozen=True)
class Ref:
    """One cell: of this table (``table`` None) or of another one, by row index and column key."""

    section: int
    row: int
    column: object  # the column's key
    table: str | None = None


@dataclass(frozen=True)
class Sum:
    """The sum of areas of this table, as Planbord computed it (``value``)."""

    areas: tuple[Area, ...]
    value: Decimal
    places: int = 0
    kind: str = "amount"  # "amount" (euros) or "number"
    # Nothing to add up in this year yet (no line holds an amount): shown empty while it is
    # zero, as the editor and the annex leave it.
    blank_zero: bool = False


@dataclass(frozen=True)
class Difference:
    """``minuend`` minus ``subtrahend`` (cells of this table), as Planbord computed it."""

    minuend: Ref
    subtrahend: Ref
    value: Decimal
    places: int = 0


@dataclass(frozen=True)
class Link:
    """The figure of another cell, perhaps of another table; when that table is not written,
    the figure itself."""

    ref: Ref
    value: Decimal
    places: int = 0


Cell = Text | Amount | Number | Day | Sum | Difference | Link | None
FIGURES = (Sum, Difference, Link)


# --- rows, sections, tables ------------------------------------------------------------------

@dataclass(frozen=True)
class Column:
    key: object  # a year, or a name ("label"); what a Ref names the column by
    header: str
    width: float  # in characters, as Excel counts them
    figures: bool = False  # right-aligned header


@dataclass
class Row:
    cells: list[Cell]  # one per column of the section
    style: str = ""  # "", "group", "subtotal", "total" or "note"
    indent: int = 0  # of the first text cell
    comments: dict[int, str] = field(default_factory=dict)  # column index -> note


@dataclass
class Section:
    columns: list[Column]
    rows: list[Row] = field(default_factory=list)
    title: str = ""  # printed above the header of any section but the first

    def column_index(self, key: object) -> int:
        return next(i for i, c in enumerate(self.columns) if c.key == key)


@dataclass
class Table:
    key: str  # "begroting", ...
    title: str  # the sheet's name: "Begroting"
    caption: str  # printed at the top of each page: the plan and the table
    sections: list[Section]
