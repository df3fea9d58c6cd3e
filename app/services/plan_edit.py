"""Edits of whole plans: a new empty plan, a scenario of a plan, its title, its budget's year
columns, and deleting a plan with everything in it; each returns what its undo needs.

Every refusal is an EditError (PlanReadOnlyError for an adopted plan) with a Dutch message, and
writes nothing: checked first, then one transaction per operation.
"""
from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from sqlalchemy import Table, delete, func, insert, select, update
from sqlalchemy.orm import Session, contains_eager

from app.formatting import format_date, format_money
from app.models import (
    AllocationKey,
    Base,
    BudgetCell,
    BudgetGroup,
    BudgetLine,
    FixedSettlement,
    FixedSettlementAmount,
    FundingAmount,
    FundingSource,
    Plan,
    PlanKind,
    PlanStatus,
    Region,
)
from app.services import change_log
from app.services.edit_errors import EditError, PlanReadOnlyError
from app.services.editing import (
    Stale,
    clean_text,
    existing,
    locked,
    refuse_changed,
    refuse_stale,
    row_values,
    shown_value,
    writable_plan,
)
from app.services.new_workspace import MAX_TITLE, PlanSetup, SetupError, check_plan, check_year_columns

PLAN_GONE = "Dit plan bestaat niet meer."
SHOWS = "het plan toont nu de nieuwe waarden"  # what a refused edit leaves on the page
TOTAL = "Totaal"  # the grand total's label when the plan has none of its own
_CHUNK = 500  # ids per IN (...): well below SQLite's limit on bound parameters


# --- a new plan, a scenario, the title ------------------------------------------------


def plan_years_taken(workspace, region_id: int) -> set[int]:
    """The years in which the region already has a plan (kind PLAN, not an amendment or scenario)."""
    with workspace.session() as session:
        return set(session.scalars(select(Plan.year).where(
            Plan.region_id == region_id, Plan.kind == PlanKind.PLAN)))


def _checked_setup(setup: PlanSetup) -> PlanSetup:
    try:
        return check_plan(setup)
    except SetupError as e:
        raise EditError(e.message) from None


def _check_key(session: Session, region_id: int, key_id: int | None) -> None:
    if key_id is None:
        return
    key = existing(session, AllocationKey, key_id, "Deze verdeelsleutel bestaat niet meer; kies een andere.")
    if key.region_id != region_id:
        raise EditError(f"De verdeelsleutel “{key.name}” hoort bij een andere regio; kies een sleutel "
                        "van deze regio.")


def _check_year_free(session: Session, region_id: int, year: int) -> None:
    taken = session.scalar(select(Plan.title).where(
        Plan.region_id == region_id, Plan.year == year, Plan.kind == PlanKind.PLAN))
    if taken is not None:
        raise EditError(f"Er is al een uitvoeringsplan voor {year} in deze regio (“{taken}”). Kies een "
                        "ander jaar, of maak een scenario van dat plan.")


def create_plan(workspace, region_id: int, setup: PlanSetup, key_id: int | None = None) -> int:
    """A new, empty draft plan of the region for ``setup.year``; returns its id. The undo is
    :func:`delete_plan`."""
    setup = _checked_setup(setup)
    with workspace.transaction() as session:
        existing(session, Region, region_id, "Deze regio bestaat niet meer.")
        _check_key(session, region_id, key_id)
        _check_year_free(session, region_id, setup.year)
        plan = Plan(region_id=region_id, year=setup.year, title=setup.title, kind=PlanKind.PLAN,
                    status=PlanStatus.DRAFT, first_year=setup.first_year, last_year=setup.last_year,
                    half_days_per_fte=setup.half_days_per_fte, allocation_key_id=key_id)
        session.add(plan)
        session.flush()
        return plan.id


def create_scenario(workspace, plan_id: int) -> int:
    """A draft scenario: a copy of the plan (adopted or not) that refers to it; returns its id."""
    from app.services.plan_copy import create_amendment

    return create_amendment(workspace, plan_id, kind=PlanKind.SCENARIO)


def _clean_title(title: str) -> str:
    return clean_text(title, "De titel", MAX_TITLE, collapse=True,
                      needed="Een plan heeft een titel nodig, bijvoorbeeld “Uitvoeringsplan 2023”.")


def rename_plan(workspace, plan_id: int, title: str, expected: str | None = None) -> str:
    """Give the plan a new title; returns the old one. ``expected``: the title the user saw (an
    undo: what it wrote); refused (ConflictError) when the plan has another one now."""
    title = _clean_title(title)
    seen = None if expected is None else {"title": _clean_title(expected)}
    with workspace.transaction() as session:
        plan = writable_plan(session, plan_id)
        refuse_changed(session, plan, seen, "het plan", lambda p: f"plan “{p.title}”", SHOWS)
        old, plan.title = plan.title, title
    return old


# --- the budget's year columns --------------------------------------------------------


@dataclass(frozen=True)
class YearColumns:
    """A plan's year columns before a change, and the rows the change removed (column dicts with
    their ids), as :func:`restore_year_columns` puts them back."""

    first_year: int
    last_year: int
    cells: tuple[dict, ...] = ()
    funding: tuple[dict, ...] = ()
    settlements: tuple[dict, ...] = ()
    comparison_columns: int = 0
    # (first, last, comparison) the change wrote: its undo expects them (not part of what it replaced)
    written: tuple[int, int, int] | None = field(default=None, compare=False)

    @property
    def before(self) -> tuple[int, int, int]:
        """(first, last, comparison) as they were: what the undo writes back."""
        return self.first_year, self.last_year, self.comparison_columns


def _outside(year_column, first_year: int, last_year: int):
    return (year_column < first_year) | (year_column > last_year)


def _cells_outside(session: Session, plan: Plan, first_year: int, last_year: int) -> list[BudgetCell]:
    """The plan's budget cells outside the years, in the budget's order (groups depth first)."""
    from app.services.budget import budget_structure

    group_order = {g[0]: i for i, g in enumerate(budget_structure(session, plan).groups)}
    cells = session.scalars(select(BudgetCell).join(BudgetCell.line).join(BudgetLine.group).where(
        BudgetGroup.plan_id == plan.id, _outside(BudgetCell.year, first_year, last_year))
        .options(contains_eager(BudgetCell.line)))
    return sorted(cells, key=lambda c: (group_order.get(c.line.group_id, len(group_order)),
                                        c.line.position, c.line_id, c.year))


def _funding_outside(session: Session, plan: Plan, first_year: int, last_year: int) -> list[FundingAmount]:
    return list(session.scalars(select(FundingAmount).join(FundingAmount.source).where(
        FundingSource.plan_id == plan.id, _outside(FundingAmount.year, first_year, last_year))
        .order_by(FundingSource.position, FundingSource.id, FundingAmount.year)))


def _settlements_outside(session: Session, plan: Plan, first_year: int,
                         last_year: int) -> list[FixedSettlementAmount]:
    return list(session.scalars(select(FixedSettlementAmount).join(FixedSettlementAmount.settlement).where(
        FixedSettlement.plan_id == plan.id, _outside(FixedSettlementAmount.year, first_year, last_year))
        .order_by(FixedSettlement.position, FixedSettlement.id, FixedSettlementAmount.year)))


def _cell_text(cell: BudgetCell) -> str:
    if cell.marker is not None:
        value = cell.marker.value
    elif cell.amount is not None:
        value = format_money(cell.amount)
    else:
        return "toelichting"
    return f"{value} (met toelichting)" if cell.note.strip() else value


def amounts_outside(workspace, plan_id: int, first_year: int, last_year: int) -> list[str]:
    """What setting the year columns to ``first_year``..``last_year`` would remove, one Dutch line
    per amount: budget cells (amounts, markers, notes), funding and fixed settlement amounts.
    Empty when nothing is lost."""
    check_year_columns(first_year, last_year, EditError)
    with workspace.session() as session:
        plan = existing(session, Plan, plan_id, PLAN_GONE)
        lines = [f"{c.line.name}, {c.year}: {_cell_text(c)}"
                 for c in _cells_outside(session, plan, first_year, last_year)]
        lines += [f"Dekking “{a.source.name}”, {a.year}: {format_money(a.amount)}"
                  for a in _funding_outside(session, plan, first_year, last_year)]
        lines += [f"Vaste regioverrekening “{a.settlement.name}”, {a.year}: {format_money(a.amount)}"
                  for a in _settlements_outside(session, plan, first_year, last_year)]
    return lines


def _delete_rows(session: Session, model, rows: Sequence, plan_id: int) -> tuple[dict, ...]:
    """Delete ``rows`` of ``model``; returns their column dicts for the undo."""
    values = tuple(row_values(r) for r in rows)
    ids = [v["id"] for v in values]
    for start in range(0, len(ids), _CHUNK):
        session.execute(delete(model).where(model.id.in_(ids[start:start + _CHUNK])))
    change_log.record(session, model.__tablename__, values, "verwijderd", plan_id)
    return values


def _remove_outside(session: Session, plan: Plan, first_year: int, last_year: int) -> YearColumns:
    """Set the plan's years and delete what falls outside; returns the old years and those rows."""
    old = (plan.first_year, plan.last_year)
    old_comparison = plan.comparison_columns
    cells = _delete_rows(session, BudgetCell, _cells_outside(session, plan, first_year, last_year), plan.id)
    funding = _delete_rows(session, FundingAmount, _funding_outside(session, plan, first_year, last_year), plan.id)
    settlements = _delete_rows(session, FixedSettlementAmount,
                               _settlements_outside(session, plan, first_year, last_year), plan.id)
    plan.first_year, plan.last_year = first_year, last_year
    return YearColumns(*old, cells, funding, settlements, old_comparison)


def set_year_columns(workspace, plan_id: int, first_year: int, last_year: int,
                     comparison_columns: int | None = None,
                     expected: tuple[int, int, int] | None = None) -> YearColumns:
    """Make the budget's year columns ``first_year``..``last_year`` (the plan year itself need
    not be among them), the first ``comparison_columns`` of them last year's budget shown for
    comparison (None: the years before its first year of its own stay comparison years). Amounts of
    years that drop off are deleted (:func:`amounts_outside` names them first); new years start
    empty. Returns the old years and the deleted rows. ``expected``: (first, last, comparison) as
    the user saw them (a redo: what the undo wrote); refused (ConflictError) when the plan has
    other year columns now, nothing written."""
    check_year_columns(first_year, last_year, EditError)
    count = last_year - first_year + 1
    if comparison_columns is not None and not 0 <= comparison_columns < count:
        raise EditError(f"Van {count} jaarkolommen kunnen er hoogstens {count - 1} ter vergelijking zijn: "
                        "het plan begroot minstens één jaar zelf.")
    with workspace.transaction() as session:
        plan = writable_plan(session, plan_id)
        _refuse_other_years(session, plan, expected)
        if comparison_columns is None:  # the years before the first own year stay comparison years
            own_from = plan.first_year + plan.comparison_columns
            comparison_columns = max(0, min(own_from - first_year, count - 1))
        state = _remove_outside(session, plan, first_year, last_year)
        plan.comparison_columns = comparison_columns
        return replace(state, written=(first_year, last_year, comparison_columns))


def restore_year_columns(workspace, plan_id: int, state: YearColumns,
                         expected: tuple[int, int, int] | None = None) -> None:
    """The undo of :func:`set_year_columns`: the old years, and the rows it deleted, with their ids.
    ``expected``: the year columns the change wrote (``state.written``); refused (ConflictError)
    when the plan has other ones now."""
    with workspace.transaction() as session:
        plan = writable_plan(session, plan_id)
        _refuse_other_years(session, plan, expected)
        _remove_outside(session, plan, state.first_year, state.last_year)  # none expected: undo order
        plan.comparison_columns = state.comparison_columns
        for model, rows in ((BudgetCell, state.cells), (FundingAmount, state.funding),
                            (FixedSettlementAmount, state.settlements)):
            if rows:
                session.execute(insert(model), [dict(r) for r in rows])
                change_log.record(session, model.__tablename__, rows, "nieuw", plan_id)


def _refuse_other_years(session: Session, plan: Plan, seen: tuple[int, int, int] | None) -> None:
    """ConflictError when the plan's year columns are not (first, last, comparison) ``seen``."""
    if seen is None:
        return
    locked(session, plan)
    now = (plan.first_year, plan.last_year, plan.comparison_columns)
    if now != tuple(seen):
        refuse_stale(session, [Stale("plan", str(plan.id), f"De jaarkolommen van plan “{plan.title}” zijn nu "
                                                           f"{_years_text(*now)} (u zag {_years_text(*seen)})")],
                     "de begroting toont nu de nieuwe waarden")


def _years_text(first: int, last: int, comparison: int) -> str:
    """"2021 t/m 2023, waarvan 1 ter vergelijking"."""
    return f"{first} t/m {last}" + (f", waarvan {comparison} ter vergelijking" if comparison else "")


def set_total_label(workspace, plan_id: int, label: str, expected: str | None = None) -> str:
    """The grand total's label in the annex ("Totaal Uitvoeringsprogramma 2022"; "": "Totaal");
    returns the old one. ``expected``: the label the user saw (as the sheet shows it: "Totaal" for
    none; an undo: what it wrote); refused (ConflictError) when the plan has another one now."""
    label = _clean_label(label)
    with workspace.transaction() as session:
        plan = writable_plan(session, plan_id)
        if expected is not None:
            locked(session, plan)
            _refuse_other_label(session, plan, _clean_label(expected))
        old, plan.total_label = plan.total_label, label
    return old


def _clean_label(label: str) -> str:
    return clean_text(label, "Het label van het totaal", MAX_TITLE, collapse=True)


def _refuse_other_label(session: Session, plan: Plan, seen: str) -> None:
    """Compared as the sheet shows it: no label of its own reads "Totaal"."""
    now = plan.total_label.strip() or TOTAL
    if now != (seen or TOTAL):
        refuse_stale(session, [Stale("plan", str(plan.id), f"Het label van het totaal van plan “{plan.title}” is nu "
                                                           f"{shown_value(now)} (u zag {shown_value(seen or TOTAL)})")],
                     "de begroting toont nu de nieuwe waarden")


# --- deleting a plan, and putting it back ---------------------------------------------


@dataclass(frozen=True)
class ClearedLink:
    """A row outside the deleted plan whose reference into it the database set to NULL
    (ON DELETE SET NULL), e.g. a plan's ``based_on_id``."""

    table: str
    key: tuple[tuple[str, object], ...]  # the row's primary key: (column, value) pairs
    column: str
    value: object


@dataclass(frozen=True)
class PlanSnapshot:
    """Every row a plan's deletion removed, per table in the order to insert them again (parents
    before children), and the references from elsewhere that the deletion cleared."""

    plan_id: int
    title: str
    tables: tuple[tuple[str, tuple[dict, ...]], ...]
    links_cleared: tuple[ClearedLink, ...] = ()

    @property
    def based_on_cleared(self) -> tuple[int, ...]:
        """The plans (amendments, scenarios) that were based on the deleted plan."""
        return tuple(dict(link.key)["id"] for link in self.links_cleared
                     if link.table == Plan.__tablename__ and link.column == "based_on_id")

    def rows(self, table: str) -> tuple[dict, ...]:
        return dict(self.tables).get(table, ())

    @property
    def row_count(self) -> int:
        return sum(len(rows) for _, rows in self.tables)


def _key(table: Table, row: dict) -> tuple:
    return tuple(row[c.name] for c in table.primary_key.columns)


def _referencing(parent: Table, ondelete: str) -> list[tuple[Table, object]]:
    """(table, foreign key) pairs that refer to ``parent`` with this ON DELETE action."""
    return [(table, fk) for table in Base.metadata.sorted_tables for fk in table.foreign_keys
            if fk.column.table is parent and (fk.ondelete or "").upper() == ondelete]


def _select_in(session: Session, table: Table, column, values: Iterable) -> list[dict]:
    values = sorted(set(values) - {None})
    rows: list[dict] = []
    for start in range(0, len(values), _CHUNK):
        rows += [dict(r._mapping) for r in session.execute(
            select(table).where(column.in_(values[start:start + _CHUNK])))]
    return rows


def _rows_under_plan(session: Session, plan_id: int) -> dict[Table, dict[tuple, dict]]:
    """Every row the database deletes with the plan: those reachable from it through foreign
    keys with ON DELETE CASCADE, whatever the tables (found from the metadata, not listed)."""
    plan_table = Plan.__table__
    found: dict[Table, dict[tuple, dict]] = defaultdict(dict)
    plan_rows = _select_in(session, plan_table, plan_table.c.id, [plan_id])
    found[plan_table] = {_key(plan_table, r): r for r in plan_rows}
    pending = deque([(plan_table, plan_rows)])
    while pending:
        parent, new_rows = pending.popleft()
        for table, fk in _referencing(parent, "CASCADE"):
            rows = _select_in(session, table, fk.parent, (r[fk.column.name] for r in new_rows))
            fresh = [r for r in rows if _key(table, r) not in found[table]]
            found[table].update((_key(table, r), r) for r in fresh)
            if fresh:
                pending.append((table, fresh))
    return found


def _links_cleared(session: Session, found: dict[Table, dict[tuple, dict]]) -> list[ClearedLink]:
    """References from rows that stay to rows that go, which ON DELETE SET NULL will clear."""
    links = []
    for parent, parent_rows in found.items():
        for table, fk in _referencing(parent, "SET NULL"):
            rows = _select_in(session, table, fk.parent, (r[fk.column.name] for r in parent_rows.values()))
            links += [ClearedLink(table.name, tuple((c.name, r[c.name]) for c in table.primary_key.columns),
                                  fk.parent.name, r[fk.parent.name])
                      for r in rows if _key(table, r) not in found.get(table, {})]
    return links


def _parents_first(table: Table, rows: list[dict]) -> list[dict]:
    """Rows of a table that refers to itself (chapters, budget groups), each after its parent."""
    own = [fk for fk in table.foreign_keys if fk.column.table is table]
    if not own:
        return rows
    keys = {_key(table, r) for r in rows}
    placed: set[tuple] = set()
    ordered: list[dict] = []
    pending = list(rows)
    while pending:
        ready = [r for r in pending if all(
            r[fk.parent.name] is None or (r[fk.parent.name],) not in keys or (r[fk.parent.name],) in placed
            for fk in own)]
        if not ready:  # a cycle cannot be put back row by row; the insert will say so
            ready = pending
        ordered += ready
        placed.update(_key(table, r) for r in ready)
        pending = [r for r in pending if _key(table, r) not in placed]
    return ordered


def _adopted_message(plan: Plan) -> str:
    when = f" op {format_date(plan.adopted_on)}" if plan.adopted_on else ""
    by = f" door {plan.adopted_by}" if plan.adopted_by else ""
    return (f"“{plan.title}” is vastgesteld{when}{by}; bevestig nogmaals dat u een vastgesteld plan "
            "wilt verwijderen.")


def delete_plan(workspace, plan_id: int, *, adopted_confirmed: bool = False) -> PlanSnapshot:
    """Delete the plan with everything in it (chapters, projects, staffing, budget, funding,
    fixed settlements: the database cascades); plans based on it keep existing, unlinked. Its
    region, allocation key and ambitions stay. An adopted plan only with ``adopted_confirmed``
    (PlanReadOnlyError otherwise). Returns every removed row for :func:`restore_plan`."""
    with workspace.transaction() as session:
        plan = existing(session, Plan, plan_id, PLAN_GONE)
        if plan.status is PlanStatus.ADOPTED and not adopted_confirmed:
            raise PlanReadOnlyError(_adopted_message(plan))
        found = _rows_under_plan(session, plan_id)
        snapshot = PlanSnapshot(
            plan_id, plan.title,
            tuple((t.name, tuple(_parents_first(t, list(found[t].values()))))
                  for t in Base.metadata.sorted_tables if found.get(t)),
            tuple(_links_cleared(session, found)))
        # Not logged: the plan's own entries go with it (ON DELETE CASCADE) and its undo puts every
        # row back as it was, the log's too; no edit can run into a plan that is gone.
        session.execute(delete(Plan).where(Plan.id == plan_id))
    return snapshot


def restore_plan(workspace, snapshot: PlanSnapshot) -> None:
    """The undo of :func:`delete_plan`: every row back with its own id, and the plans that were
    based on it linked to it again."""
    with workspace.transaction() as session:
        if session.get(Plan, snapshot.plan_id) is not None:
            raise EditError(f"“{snapshot.title}” staat al in het bestand; er is niets teruggezet.")
        for name, rows in snapshot.tables:
            session.execute(insert(Base.metadata.tables[name]), [dict(r) for r in rows])
        for link in snapshot.links_cleared:
            table = Base.metadata.tables[link.table]
            session.execute(update(table).where(
                *(table.c[column] == value for column, value in link.key), table.c[link.column].is_(None))
                .values({link.column: link.value}))


# --- an amendment or scenario made, and undone ------------------------------------------


@dataclass(frozen=True)
class CopySnapshot:
    """An amendment or scenario taken out by an undo: the plan, and the key copy made for it."""

    plan: PlanSnapshot
    key: object | None  # key_edit.KeySnapshot, or None when the plan had no key of its own


def delete_copy(workspace, plan_id: int) -> CopySnapshot:
    """The undo of making an amendment or scenario (plan_copy.create_amendment): the plan and
    its copy of the key go, so an undone copy leaves no key behind in the region."""
    from app.models import AllocationKey
    from app.services import key_edit

    with workspace.session() as session:
        plan = session.get(Plan, plan_id)
        key_id = plan.allocation_key_id if plan is not None else None
        users = session.scalar(select(func.count(Plan.id)).where(Plan.allocation_key_id == key_id)) if key_id else 0
        own_key = key_id is not None and users == 1 and session.get(AllocationKey, key_id) is not None
    snapshot = delete_plan(workspace, plan_id)
    return CopySnapshot(snapshot, key_edit.delete_key(workspace, key_id) if own_key else None)


def restore_copy(workspace, snapshot: CopySnapshot) -> None:
    """The redo: the key first (the plan refers to it), then the plan, with their own ids."""
    from app.services import key_edit

    if snapshot.key is not None:
        key_edit.restore_key(workspace, snapshot.key)
    restore_plan(workspace, snapshot.plan)
