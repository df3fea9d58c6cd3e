"""The laptop copy (issue 22): *Meenemen voor offline gebruik* and *Terugzetten naar server*.

:func:`check_out` copies the server's workspace (the whole region, ids kept: the bring-back finds
each row again by its id) into a new ``.planbord`` file, records where it came from (a
``checkout`` row: the address without its password, when, by whom, the plan it was taken for, a
token) and keeps the *base*: a second, untouched copy in the user's data folder
(``meegenomen/TOKEN.planbord``), so the bring-back can tell who changed what since.

:func:`plan_bring_back` compares the three (app.services.three_way) and lists, in Dutch, what
the laptop changed (to apply) and where the server changed the same thing meanwhile (a conflict,
both values side by side). :func:`bring_back` applies it as one transaction on the server, with
the user's choice per conflict; nothing is silently overwritten either way. After it the laptop
file and its base are the server's data as it now stands (new token), so bringing the same file
back again applies nothing and offline work can go on from there.
"""
from __future__ import annotations

import logging
import secrets
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from types import SimpleNamespace

from sqlalchemy import delete, insert, select, text, update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from app.models import Checkout, PlanStatus
from app.services import three_way
from app.services.addresses import is_server_url
from app.services.errors import WorkspaceError
from app.services.merge_labels import describe
from app.services.paths import data_dir
from app.services.three_way import Change, Conflict, Merge, RawRows, compared_tables, read_rows
from app.services.workspace_copy import one_moment

log = logging.getLogger(__name__)

BASES_FOLDER = "meegenomen"  # in the data folder: one base file per check-out token
CHOICES = ("mine", "theirs")
# Bookkeeping that an adopted plan takes too (realisatie, forecasts, progress): not refused there.
BOOKKEEPING = frozenset({"actual_entry", "line_forecast", "reporting_moment", "status_record",
                         "action_occurrence"})


def base_path(token: str) -> Path:
    folder = data_dir() / BASES_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{token}.planbord"


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


# --- check-out ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class CheckedOut:
    path: Path
    server: str  # the database as the user reads it (user@host/db)
    plan_title: str  # "" for the whole region
    rows: int


def check_out(server_url: str, target_file, plan_id: int | None = None) -> CheckedOut:
    """Copy the server's workspace into the new file ``target_file`` for offline use, and keep its
    base. ``plan_id``: the plan it is taken for (None: the whole region); the whole workspace is
    copied either way, ids kept."""
    from app.services.server_workspace import open_server_workspace
    from app.services.workspace import create_workspace

    if not is_server_url(server_url):
        raise WorkspaceError("Meenemen kan alleen van een database op een server (postgresql://…); een "
                             ".planbord-bestand neemt u mee door het te kopiëren.")
    with open_server_workspace(str(server_url), read_only=True) as server:
        title = _plan_title(server, plan_id)
        made = create_workspace(Path(target_file))
        try:
            rows = _fill(server, made, plan_id)
        except BaseException:
            made.close()
            made.path.unlink(missing_ok=True)  # a check-out that failed leaves no file
            raise
        return CheckedOut(made.path, server.path.name, title, rows)


def _fill(server, made, plan_id: int | None) -> int:
    """The server's rows into the new file, the record of the check-out, and the base beside it."""
    from app.services.server_workspace import who_am_i
    from app.services.workspace_copy import _copy_rows

    token = secrets.token_hex(16)
    _tables, rows = _copy_rows(server, made, tables=compared_tables())
    with made.transaction() as session:
        session.add(Checkout(server=server.path.address, database=server.path.url.database or "",
                             taken_on=_now(), taken_by=who_am_i(), plan_id=plan_id, token=token))
    made.close()
    _keep_base(made.path, token)
    return rows


def _plan_title(server, plan_id: int | None) -> str:
    from app.models import Plan

    if plan_id is None:
        return ""
    with server.session() as session:
        plan = session.get(Plan, plan_id)
        if plan is None:
            raise WorkspaceError(f"Plan {plan_id} bestaat niet in de database {server.path}.")
        return plan.title


def _keep_base(laptop: Path, token: str) -> None:
    """The untouched copy the bring-back compares with (a consistent snapshot of the file)."""
    from app.services.backups import copy_workspace

    copy_workspace(laptop, base_path(token))


# --- the reviewed step ----------------------------------------------------------------------------

@dataclass
class BringBack:
    """What bringing ``laptop`` back would do: ``changes`` (made offline, to apply) and
    ``conflicts`` (changed on both sides: choose "mine" or "theirs" per ``Conflict.id``).
    ``refusal``: a Dutch reason it cannot be done at all (an adopted plan), else ""."""

    laptop: Path
    server: str
    changes: list[Change]
    conflicts: list[Conflict]
    fingerprint: str
    refusal: str = ""

    @property
    def nothing_to_do(self) -> bool:
        return not self.changes and not self.conflicts

    def choose_all(self, choice: str) -> dict[str, str]:
        return {c.id: choice for c in self.conflicts}

    def text(self) -> str:
        """The review as the command line prints it."""
        lines = [f"Terugzetten van {self.laptop.name} naar {self.server}:"]
        if self.nothing_to_do:
            lines.append("Er is offline niets gewijzigd; er is niets terug te zetten.")
        if self.changes:
            lines.append(f"Offline gewijzigd ({len(self.changes)}):")
            lines += [f"  {c.text}" for c in self.changes]
        if self.conflicts:
            lines.append(f"Ook op de server gewijzigd ({len(self.conflicts)}), kies per regel:")
            lines += [f"  {_conflict_line(c)}" for c in self.conflicts]
        return "\n".join(lines)


def _conflict_line(conflict: Conflict) -> str:
    if conflict.base_text:
        return (f"{conflict.label}: bij meenemen {conflict.base_text}, offline {conflict.mine_text}, "
                f"op de server {conflict.theirs_text}")
    return f"{conflict.label}: offline “{conflict.mine_text}” of server “{conflict.theirs_text}”"


@dataclass(frozen=True)
class BroughtBack:
    server: str
    applied: int  # changes made offline, written
    mine: int  # conflicts decided for the offline value
    theirs: int  # conflicts decided for the server's value


def plan_bring_back(laptop_file, password: str | None = None) -> BringBack:
    """Compare the laptop file with its base and the server now; writes nothing."""
    from app.services.workspace import open_workspace

    with open_workspace(laptop_file, read_only=True) as laptop:
        record = _record(laptop)
        base, mine = _read_base(record), _read_file(laptop)
    with _open_server(record, password, read_only=True) as server:
        with one_moment(server.engine) as conn:
            theirs = read_rows(conn)
        return _review(laptop.path, server, _merge(base, mine, theirs))


def _review(laptop: Path, server, merge: Merge) -> BringBack:
    # Refused whatever is chosen: an offline change (not a conflict) in a plan adopted on the server.
    return BringBack(laptop, server.path.name, merge.changes, merge.conflicts, merge.fingerprint(),
                     _adopted_refusal(merge, merge.conflicts, {}))


def _merge(base: RawRows, mine: RawRows, theirs: RawRows) -> Merge:
    base_side = three_way.base_side(base)
    theirs_side = three_way.other_side(theirs, base_side, three_way.THEIRS)
    mine_side = three_way.other_side(mine, base_side, three_way.MINE, theirs_side)
    merge = three_way.compare(base_side, mine_side, theirs_side)
    describe(merge)
    return merge


@dataclass(frozen=True)
class TakenAlong:
    """Where a laptop copy came from, as the window says it."""

    server: str  # postgresql://user@host:port/db, without the password
    database: str
    taken_on: str
    taken_by: str


def checkout_of(workspace) -> TakenAlong | None:
    """Whether the open file is a laptop copy (made by :func:`check_out`), and of which server;
    None for any other workspace (a server database, a file of its own)."""
    if workspace is None or workspace.on_server:
        return None
    with workspace.session() as session:
        record = session.scalars(select(Checkout).order_by(Checkout.id.desc())).first()
        if record is None:
            return None
        return TakenAlong(record.server, record.database, record.taken_on, record.taken_by)


def _record(laptop) -> Checkout:
    with laptop.session() as session:
        record = session.scalars(select(Checkout).order_by(Checkout.id.desc())).first()
    if record is None:
        raise WorkspaceError(f"“{laptop.path.name}” is geen meegenomen kopie van een server (gemaakt met "
                             "Meenemen voor offline gebruik); er is niets om terug te zetten.", laptop.path)
    return record


def _read_base(record: Checkout) -> RawRows:
    from app.services.workspace import open_workspace

    path = base_path(record.token)
    if not path.exists():
        raise WorkspaceError(
            "De kopie van de gegevens zoals ze werden meegenomen is niet meer te vinden (in "
            f"{path.parent}). Zonder die kopie kan Planbord niet zien wat u en wat anderen sindsdien "
            "hebben gewijzigd, en terugzetten door alleen het bestand met de server te vergelijken zou "
            "wijzigingen van anderen ongemerkt overschrijven; dat doet Planbord niet. Er is niets teruggezet.")
    with open_workspace(path, read_only=True) as base:
        return _read_file(base)


def _read_file(workspace) -> RawRows:
    with workspace.engine.connect() as conn:
        return read_rows(conn)


def _open_server(record: Checkout, password: str | None, *, read_only: bool = False):
    from app.services.passwords import saved_password
    from app.services.server_workspace import open_server_workspace

    url = make_url(record.server)
    password = password or saved_password(record.server)
    if password:
        url = url.set(password=password)
    return open_server_workspace(url.render_as_string(hide_password=False), read_only=read_only)


# --- bringing back --------------------------------------------------------------------------------

def bring_back(laptop_file, choices: dict[str, str], password: str | None = None,
               planned: BringBack | None = None) -> BroughtBack:
    """Apply the offline changes and the chosen values on the server, in one transaction.

    Refused (a Dutch WorkspaceError, nothing written) when a conflict has no choice, when the
    server changed again since ``planned`` was made (compared inside the transaction, the tables
    locked against writers), when the file is no laptop copy or its base is gone, or when a
    change falls in a plan adopted on the server. Afterwards the laptop file and its base hold
    the server's data as it now stands."""
    from app.services.workspace import open_workspace

    with open_workspace(laptop_file) as laptop:
        record = _record(laptop)
        base, mine = _read_base(record), _read_file(laptop)
        with _open_server(record, password) as server:
            merge, now = _apply_on_server(server, base, mine, choices, planned)
            name = server.path.name
        _rebase_or_say(laptop, record, now, name)
    mine_chosen = sum(1 for c in merge.conflicts if choices[c.id] == "mine")
    return BroughtBack(name, len(merge.changes), mine_chosen, len(merge.conflicts) - mine_chosen)


def _apply_on_server(server, base: RawRows, mine: RawRows, choices, planned):
    try:
        with server.transaction() as session:
            conn = session.connection()
            _lock_against_writers(conn)
            merge = _merge(base, mine, read_rows(conn))
            _refuse_unless_as_planned(merge, planned)
            _refuse_undecided(merge, choices)
            refusal = _adopted_refusal(merge, merge.conflicts, choices)
            if refusal:
                raise WorkspaceError(refusal)
            written = three_way.apply(conn, merge, choices)
            _renumber(session, merge, written)
            _check_figures(session, merge, written)
            return merge, read_rows(conn)  # what the server holds once this commits
    except DBAPIError as exc:
        log.error("bring-back refused by the server: %s", exc)
        raise WorkspaceError("De server nam de wijzigingen niet aan; er is niets teruggezet. "
                             f"({type(exc.orig).__name__})") from None


def _lock_against_writers(conn) -> None:
    """Others may read on, not write, until this commits: what was compared stays what is written."""
    if conn.dialect.name != "postgresql":
        return
    names = ", ".join(f'"{t.name}"' for t in compared_tables())
    conn.execute(text(f"LOCK TABLE {names} IN SHARE ROW EXCLUSIVE MODE"))


def _refuse_unless_as_planned(merge: Merge, planned: BringBack | None) -> None:
    if planned is not None and planned.fingerprint != merge.fingerprint():
        raise WorkspaceError("Op de server is intussen weer iets gewijzigd sinds u de wijzigingen bekeek; er "
                             "is niets teruggezet. Bekijk het terugzetten opnieuw.")


def _refuse_undecided(merge: Merge, choices: dict[str, str]) -> None:
    known = {c.id for c in merge.conflicts}
    wrong = sorted(k for k, v in choices.items() if k not in known or v not in CHOICES)
    if wrong:
        raise WorkspaceError(f"Onbekende keuze voor {', '.join(wrong[:3])}; er is niets teruggezet. Bekijk "
                             "het terugzetten opnieuw.")
    open_ = [c for c in merge.conflicts if c.id not in choices]
    if open_:
        named = "; ".join(c.label for c in open_[:3])
        more = f" en nog {len(open_) - 3}" if len(open_) > 3 else ""
        raise WorkspaceError(f"Kies eerst per conflict de offline waarde of die van de server: {named}{more}. "
                             "Er is niets teruggezet.")


def _adopted_refusal(merge: Merge, conflicts, choices: dict[str, str]) -> str:
    """Dutch, when something to write falls in a plan that is adopted on the server (read-only
    for everyone); else ""."""
    rows = [(c.table, c.key) for c in merge.changes]
    rows += [row for c in conflicts if choices.get(c.id) == "mine" for row in c.rows]
    sides = (merge.theirs, merge.mine, merge.base)
    adopted = {}
    for name, key in rows:
        if name in BOOKKEEPING:
            continue
        plan_key = three_way.owner_plan(name, key, sides)
        plan = merge.theirs.get("plan", plan_key) if plan_key is not None else None
        if plan is not None and plan["status"] is PlanStatus.ADOPTED:
            adopted[plan_key] = plan
    if not adopted:
        return ""
    from app.services.edit_errors import read_only_message

    plans = " ".join(read_only_message(SimpleNamespace(**plan)) for plan in adopted.values())
    return f"Op de server: {plans} Er is niets teruggezet; de offline wijzigingen blijven in het bestand."


def _plans_written(session, merge: Merge, written, tables=None) -> list[int]:
    """The server's ids of the plans that rows were written to (of ``tables``: any) and that
    still exist."""
    sides = (merge.theirs, merge.mine, merge.base)
    keys = {three_way.owner_plan(name, key, sides) for name, key in written.rows
            if tables is None or name in tables} - {None}
    ids = {found[0] for found in (written.of("plan", key) for key in keys) if found is not None}
    plan = three_way.table("plan")
    return sorted(session.scalars(select(plan.c.id).where(plan.c.id.in_(ids))))  # not deleted just now


def _renumber(session, merge: Merge, written) -> None:
    """Chapter and project numbers follow the merged tree (they are never compared)."""
    from app.services.project_edit import renumber

    for plan_id in _plans_written(session, merge, written, {"chapter", "project"}):
        renumber(session, plan_id)
    session.flush()  # before the rows are read back for the laptop


def _check_figures(session, merge: Merge, written) -> None:
    """Every plan written to must still add up: its summary computes (inside the transaction)."""
    from app.services.summary import plan_summary

    here = SimpleNamespace(session=lambda: nullcontext(session))
    for plan_id in _plans_written(session, merge, written):
        try:
            plan_summary(here, f"id:{plan_id}")
        except Exception as exc:  # noqa: BLE001 - any failure: the figures do not add up, write nothing
            log.error("plan summary after bring-back failed", exc_info=True)
            raise WorkspaceError("Na het terugzetten kloppen de cijfers van een plan niet meer; er is niets "
                                 f"teruggezet. ({exc})") from None


def _rebase_or_say(laptop, record: Checkout, now: RawRows, server: str) -> None:
    """The server has it all by now: a failure here must not read as "nothing was written"."""
    try:
        _rebase(laptop, record, now)
    except Exception as exc:  # noqa: BLE001 - whatever failed, the user must know where things stand
        log.error("rebase of %s after the bring-back failed", laptop.path, exc_info=True)
        why = getattr(exc, "message", None) or type(exc).__name__
        raise WorkspaceError(f"De wijzigingen staan op de server ({server}), maar “{laptop.path.name}” kon daarna "
                             f"niet worden bijgewerkt ({why}). Zet dit bestand niet nog eens terug: neem een "
                             "nieuwe kopie mee om offline verder te werken.", laptop.path) from None


def _rebase(laptop, record: Checkout, now: RawRows) -> None:
    """The laptop file becomes the server's data as it now stands, with a new base: bringing it
    back again applies nothing, and offline work goes on from the server's ids."""
    token = secrets.token_hex(16)
    _write_base(now, token)
    with laptop.transaction() as session:
        conn = session.connection()
        _defer_foreign_keys(conn)
        for t in reversed(compared_tables()):
            conn.execute(delete(t))
        _insert_all(conn, now)
        conn.execute(update(Checkout.__table__).where(Checkout.id == record.id)
                     .values(token=token, brought_back_on=_now()))
    base_path(record.token).unlink(missing_ok=True)


def _write_base(rows: RawRows, token: str) -> None:
    from app.services.workspace import create_workspace

    with create_workspace(base_path(token)) as made, made.transaction() as session:
        _defer_foreign_keys(session.connection())
        _insert_all(session.connection(), rows)


def _defer_foreign_keys(conn) -> None:
    """Checked at the commit: a chapter may have been moved under a newer one (ids out of order)."""
    conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")


def _insert_all(conn, rows: RawRows) -> None:
    for t in compared_tables():
        chunk = [rows[t.name][pk] for pk in sorted(rows[t.name])]
        if chunk:
            conn.execute(insert(t), chunk)
