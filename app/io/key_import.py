"""Import a verdeelsleutel (allocation key) from a sheet: municipality and percentage or basis
figure. No Qt.

    preview = preview_key(grid, workspace, plan_id)   # shares and problems; nothing written
    done = apply_key(workspace, plan_id, preview)      # a new key of the region, used by the plan
    undo_key(workspace, done)

The header row is the first with a "Gemeente" column; the value column is headed with a
percentage ("Percentage", "Aandeel", "%") or a basis figure ("Inwoners", "Basis", ...).
Unknown municipality names are listed as problems and never added to the region. A key whose
percentages do not make 100,00 % is imported as it is and flagged: never normalised.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from app.formatting import format_percentage
from app.io.budget_import import HEADER_SCAN, BudgetImportError, ImportProblem, _text
from app.services.cell_input import InputError, parse_percentage, parse_whole_number

_PERCENT = ("percentage", "aandeel", "%", "aandeel (%)", "aandeel %", "percentage (%)")
_BASIS = ("inwoners", "basis", "basisgetal", "aantal inwoners", "jeugdigen", "aantal")


@dataclass
class KeyPreview:
    sheet: str
    method: str  # "percentage" or "basis"
    basis_label: str
    shares: list[tuple[int, str, Decimal | int]]  # municipality id, name, value
    problems: list[ImportProblem]
    total: Decimal | None = None  # the percentages' sum (percentage keys)
    unknown: list[str] = field(default_factory=list)


@dataclass
class KeyImport:
    plan_id: int
    key_id: int
    old_key_id: int | None


def _problem(sheet: str, ref: str, message: str) -> ImportProblem:
    return ImportProblem(ref, f"Blad “{sheet}”, cel {ref}: {message}", sheet)


def preview_key(grid, workspace, plan_id: int) -> KeyPreview:
    from sqlalchemy import select

    from app.models import Municipality, Plan

    header = name_col = value_col = None
    method = ""
    for index, row in enumerate(grid.rows[:HEADER_SCAN]):
        words = [_text(c.value).lower() for c in row]
        if "gemeente" in words:
            name_col = words.index("gemeente")
            for col, word in enumerate(words):
                if word in _PERCENT:
                    value_col, method = col, "percentage"
                    break
                if word in _BASIS:
                    value_col, method = col, "basis"
                    break
            header = index
            break
    if header is None or value_col is None:
        raise BudgetImportError(f"Op blad “{grid.sheet}” staat geen kopregel met “Gemeente” en een kolom "
                                "“Percentage” of “Inwoners”; dit is geen verdeelsleutel.")
    with workspace.session() as session:
        plan = session.get(Plan, plan_id)
        if plan is None:
            raise BudgetImportError("Dit plan bestaat niet meer.")
        known = {m.name.strip().lower(): (m.id, m.name) for m in session.scalars(
            select(Municipality).where(Municipality.region_id == plan.region_id))}
    shares, problems, unknown, seen = [], [], [], set()
    for row in grid.rows[header + 1:]:
        name = _text(row[name_col].value) if name_col < len(row) else ""
        raw = row[value_col].value if value_col < len(row) else None
        if not name:
            continue
        if name.lower().startswith("totaal"):
            continue
        ref = row[name_col].ref
        found = known.get(name.lower())
        if found is None:
            unknown.append(name)
            problems.append(_problem(grid.sheet, ref, f"“{name}” is geen gemeente van deze regio; deze regel "
                                     "wordt niet ingelezen (er wordt geen gemeente toegevoegd)."))
            continue
        if found[0] in seen:
            problems.append(_problem(grid.sheet, ref, f"“{name}” staat er twee keer in; de tweede keer telt niet."))
            continue
        text = _text(raw)
        try:
            if method == "percentage":
                value = parse_percentage(text.replace(".", ",") if isinstance(raw, Decimal) else text)
            else:
                value = parse_whole_number(text)
        except InputError as e:
            problems.append(_problem(grid.sheet, row[value_col].ref, e.message))
            continue
        if value is None:
            continue
        seen.add(found[0])
        shares.append((found[0], found[1], value))
    total = None
    if method == "percentage":
        total = sum((v for _, _, v in shares), Decimal("0.00"))
        if total != 100:
            problems.append(ImportProblem("", f"Blad “{grid.sheet}”: de aandelen tellen op tot "
                                          f"{format_percentage(total)} in plaats van 100,00 %. De sleutel wordt zo "
                                          "ingelezen (niet herschaald); pas hem aan voordat u hem gebruikt.",
                                          grid.sheet))
    basis_label = ""
    if method == "basis":
        basis_label = _text(grid.rows[header][value_col].value)
    return KeyPreview(grid.sheet, method, basis_label, shares, problems, total, unknown)


def apply_key(workspace, plan_id: int, preview: KeyPreview) -> KeyImport:
    """A new key of the plan's region with the previewed shares, made the plan's key, in one
    transaction. Refuses an adopted plan (Dutch, nothing written)."""
    from sqlalchemy import select

    from app.models import AllocationKey, KeyMethod, KeyShare
    from app.services.editing import writable_plan

    if not preview.shares:
        raise BudgetImportError("Er is niets te importeren: geen enkele gemeente van deze regio met een aandeel.")
    with workspace.transaction() as session:
        plan = writable_plan(session, plan_id)
        names = set(session.scalars(select(AllocationKey.name).where(AllocationKey.region_id == plan.region_id)))
        base = f"Sleutel uit {preview.sheet}"[:180]
        name, n = base, 2
        while name in names:
            name, n = f"{base} ({n})", n + 1
        method = KeyMethod.PERCENTAGE if preview.method == "percentage" else KeyMethod.BASIS
        key = AllocationKey(region_id=plan.region_id, name=name, method=method, basis_label=preview.basis_label)
        session.add(key)
        session.flush()
        for municipality_id, _name, value in preview.shares:
            session.add(KeyShare(key_id=key.id, municipality_id=municipality_id,
                                 percentage=value if method is KeyMethod.PERCENTAGE else None,
                                 basis=value if method is KeyMethod.BASIS else None))
        old = plan.allocation_key_id
        plan.allocation_key_id = key.id
        session.flush()
        return KeyImport(plan_id, key.id, old)


def undo_key(workspace, done: KeyImport) -> None:
    from app.models import AllocationKey
    from app.services.editing import writable_plan

    with workspace.transaction() as session:
        plan = writable_plan(session, done.plan_id)
        plan.allocation_key_id = done.old_key_id
        session.flush()
        key = session.get(AllocationKey, done.key_id)
        if key is not None:
            session.delete(key)
