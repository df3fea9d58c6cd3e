"""Export a plan's tables to Excel (.xlsx, one sheet per table) or one table to CSV. No Qt.

    export_workbook(workspace, plan_id, Path("plan.xlsx"), sheets=("begroting", "dekking"))
    export_csv(workspace, plan_id, "begroting", Path("begroting.csv"))

The tables (:data:`TABLES`): ``begroting`` (groups, lines, year columns, markers as text,
notes as comments, subtotals and total as SUM formulas over the line cells), ``dekking``
(sources, who pays, saldo as a formula), ``bijdragen`` (the key and each municipality's
contribution per own year, with the basis of the split), ``formatie`` (allocation matrix,
roles, people) and ``acties`` (projects with their actions). What they hold is read through
the services (:mod:`app.io.budget_tables`, :mod:`app.io.plan_tables`); the writers
(:mod:`app.io.xlsx_writer`, :mod:`app.io.csv_writer`) only lay them out.

The output is checked before anything is read (the folder exists, it is not the workspace
itself nor any other workspace or database), written under a temporary name beside it and
renamed over it when complete (:func:`app.services.output_paths.write_atomically`). Every
refusal is an :class:`ExportError` or an OutputPathError, both UserErrors with a Dutch message.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app.errors import UserError
from app.io.table_model import Table

TABLES = ("begroting", "dekking", "bijdragen", "formatie", "acties")
XLSX, CSV = ".xlsx", ".csv"


class ExportError(UserError):
    """An export that cannot be made as asked; ``message`` says why, in Dutch."""


@dataclass(frozen=True)
class ExportResult:
    path: Path
    sheets: tuple[str, ...]  # the tables written, by key ("begroting", ...)


def parse_sheets(chosen: str | Iterable[str]) -> list[str]:
    """The tables asked for ("begroting,dekking" or a sequence), in the workbook's order."""
    parts = chosen.split(",") if isinstance(chosen, str) else list(chosen)
    wanted = [p.strip().lower() for p in parts if p.strip()]
    if not wanted:
        raise ExportError("Kies ten minste één tabel: " + ", ".join(TABLES) + ".")
    unknown = list(dict.fromkeys(w for w in wanted if w not in TABLES))
    if unknown:
        label = "Onbekende tabel" if len(unknown) == 1 else "Onbekende tabellen"
        raise ExportError(f"{label}: {', '.join(unknown)}. Kies uit: {', '.join(TABLES)}.")
    return [key for key in TABLES if key in wanted]


def export_workbook(workspace, plan_id: int, out: Path | str, sheets: str | Iterable[str] = TABLES, *,
                    today: date | None = None) -> ExportResult:
    """Write the chosen tables of the plan to ``out`` (.xlsx), one sheet each."""
    from app.io.xlsx_writer import write_workbook
    from app.services.output_paths import write_atomically

    keys = parse_sheets(sheets)
    out = checked_output(workspace, Path(out), XLSX)
    title, tables = load_tables(workspace, plan_id, keys, today=today)
    write_atomically(out, lambda tmp: write_workbook(tables, tmp, title=title),
                     inputs=[getattr(workspace, "path", None)])
    return ExportResult(out, tuple(t.key for t in tables))


def export_csv(workspace, plan_id: int, table: str, out: Path | str, *,
               today: date | None = None) -> ExportResult:
    """Write one table of the plan to ``out`` (.csv): ``;``, UTF-8 with BOM, decimal comma."""
    from app.io.csv_writer import write_csv
    from app.services.output_paths import write_atomically

    keys = parse_sheets(table)
    if len(keys) != 1:
        raise ExportError("Een CSV-bestand bevat één tabel; kies er één: " + ", ".join(TABLES) + ".")
    out = checked_output(workspace, Path(out), CSV)
    _title, tables = load_tables(workspace, plan_id, keys, today=today)
    write_atomically(out, lambda tmp: write_csv(tables[0], tmp), inputs=[getattr(workspace, "path", None)])
    return ExportResult(out, (tables[0].key,))


def checked_output(workspace, out: Path, suffix: str) -> Path:
    """Refuse, before anything is read, an output that cannot or may not be written."""
    from app.services.output_paths import check_output_path

    if out.suffix.lower() != suffix:
        kind = "een Excel-bestand" if suffix == XLSX else "een CSV-bestand"
        raise ExportError(f"Geef {kind} op, bijvoorbeeld {out.with_suffix(suffix).name}.")
    if not out.parent.is_dir():
        raise ExportError(f"De map “{out.parent}” bestaat niet; kies een andere plek voor het bestand.")
    check_output_path(out, inputs=[getattr(workspace, "path", None)])
    return out


def load_tables(workspace, plan_id: int, keys: Iterable[str], *,
                today: date | None = None) -> tuple[str, list[Table]]:
    """The plan's title and the tables ``keys`` asks for, read through the services."""
    from app.io import budget_tables, plan_tables
    from app.models import Plan
    from app.services.allocation_matrix import allocation_matrix
    from app.services.budget import budget_figures
    from app.services.budget_sheet import budget_sheet
    from app.services.funding_sheet import load_funding_sheet
    from app.services.key_sheet import load_key_sheet
    from app.services.progress import plan_actions, progress_overview
    from app.services.staffing import staffing_figures

    keys = set(keys)
    made: dict[str, Table] = {}
    with workspace.session() as session:
        plan = session.get(Plan, plan_id)
        if plan is None:
            raise ExportError("Dit plan bestaat niet meer; kies een ander plan.")
        title, comparison, own_years = plan.title, plan.comparison_years, plan.own_years
        figures = budget_figures(session, plan) if keys & {"begroting", "dekking"} else None
        budget_rows = 0
        if "begroting" in keys:
            sheet = budget_sheet(session, plan, figures)
            budget_rows = len(sheet.rows)
            made["begroting"] = budget_tables.budget_table(sheet, comparison, f"{title} – Begroting")
        if "formatie" in keys:
            made["formatie"] = plan_tables.staffing_table(
                allocation_matrix(session, plan), staffing_figures(session, plan), f"{title} – Formatie")
        if "acties" in keys:
            made["acties"] = plan_tables.actions_table(
                progress_overview(session, plan, today=today), plan_actions(session, plan, today),
                f"{title} – Acties")
    if "dekking" in keys:
        made["dekking"] = budget_tables.funding_table(
            load_funding_sheet(workspace, plan_id, figures), budget_rows - 1, f"{title} – Dekking")
    if "bijdragen" in keys:
        made["bijdragen"] = plan_tables.contributions_table(
            load_key_sheet(workspace, plan_id), own_years, f"{title} – Bijdragen per gemeente")
    return title, [made[key] for key in TABLES if key in made]
