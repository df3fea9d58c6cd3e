"""Three rules a user runs into: a failed undo/redo leaves the history honest, the lock file
names who holds a workspace and is only removed by its own holder, and the budget annex
prints the subtotals the plan prints and marks every total that left marker cells out.

- Undo: a step whose undo or redo fails (the line was deleted, the plan adopted, the disk
  failed) is reported in Dutch and dropped from the history, so Ctrl+Z never claims a step
  the file did not take; the figures are read again from the file.
- Lock: ``<name>.planbord.lock`` is removed only by the holder whose token is in it; a
  refused open says in Dutch who holds the file and whether that program still runs.
- Annex: a subtotal row only under the groups that show one, with the right amount; a †
  on every total that left PM / id. / doorlopend cells out, explained in a footnote.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from app.models import BudgetCell, BudgetGroup, BudgetLine, Marker, Plan, PlanKind, PlanStatus, Region
from app.services import budget_edit, filelock
from app.services.budget import budget_figures
from app.services.cell_input import EMPTY, CellValue
from app.services.errors import LockedError
from app.services.filelock import LockInfo, acquire_lock, break_lock, lock_path, read_lock, release_lock

D = Decimal


# =============================================================================================
# 1. A failed undo or redo is dropped from the undo stack
# =============================================================================================


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    from db.demo import build_demo

    folder = tmp_path_factory.mktemp("undo")
    build_demo(folder / "demo.planbord").close()
    return folder / "demo.planbord"


@pytest.fixture
def workspace(demo_file, tmp_path):
    from app.services.workspace import open_workspace

    path = tmp_path / "werk.planbord"
    shutil.copy(demo_file, path)  # a copy of the closed demo file per test
    ws = open_workspace(path)
    yield ws
    ws.close()


@pytest.fixture
def context(workspace, tmp_path):
    from app.views.context import ApplicationContext
    from app.views.settings import SettingsStore

    ctx = ApplicationContext(workspace, SettingsStore.at(tmp_path / "settings.ini"))
    ctx.errors = []
    ctx.changes = []
    ctx.error_reported.connect(ctx.errors.append)
    ctx.changed.connect(ctx.changes.append)
    yield ctx
    ctx.undo_stack.clear()


@pytest.fixture
def draft(workspace) -> int:
    from app.services.plan_copy import create_amendment

    with workspace.session() as s:
        adopted = s.scalars(select(Plan.id).where(Plan.kind == PlanKind.PLAN)).one()
    return create_amendment(workspace, adopted)


def line_id(workspace, plan_id: int, name: str) -> int:
    with workspace.session() as s:
        return s.scalars(select(BudgetLine.id).join(BudgetLine.group).where(
            BudgetGroup.plan_id == plan_id, BudgetLine.name == name)).first()


def amount_in(workspace, line: int, year: int) -> Decimal | None:
    with workspace.session() as s:
        return s.scalars(select(BudgetCell.amount).where(
            BudgetCell.line_id == line, BudgetCell.year == year)).one_or_none()


def file_cells(workspace, plan_id: int) -> list[tuple]:
    """Every budget cell of the plan on disk: (line, year, amount, marker, note)."""
    with workspace.session() as s:
        return sorted((c.line_id, c.year, c.amount, c.marker, c.note) for c in s.scalars(
            select(BudgetCell).join(BudgetCell.line).join(BudgetLine.group)
            .where(BudgetGroup.plan_id == plan_id)))


def file_figures(workspace, plan_id: int):
    with workspace.session() as s:
        return budget_figures(s, s.get(Plan, plan_id))


def set_cell(context, plan_id: int, line: int, year: int, amount: str, label: str):
    from app.views.commands import SetCellsCommand, execute

    command = SetCellsCommand(context, plan_id,
                              [budget_edit.CellChange(line, year, CellValue(D(amount)))], label)
    assert execute(context, command) is None
    return command


def adopt_behind_the_stacks_back(workspace, plan_id: int) -> None:
    """Another way than the undo stack makes the plan read-only (e.g. adopted meanwhile)."""
    with workspace.transaction() as s:
        plan = s.get(Plan, plan_id)
        plan.status = PlanStatus.ADOPTED
        plan.adopted_on, plan.adopted_by = date(2022, 3, 1), "BOJ"


def test_a_failed_undo_is_dropped_from_the_history_and_reported_in_dutch(context, workspace, draft):
    """Ctrl+Z on an edit of a line deleted meanwhile must say so in Dutch, leave the file as it
    is and drop the step, so the history never claims an undo that did not happen."""
    programme = line_id(workspace, draft, "Programmamanager Jeugd (40% uitvoering)")
    research = line_id(workspace, draft, "onderzoeksbudget")
    set_cell(context, draft, programme, 2022, "120000.00", "Programmamanager wijzigen")
    set_cell(context, draft, research, 2022, "5000.00", "Onderzoek wijzigen")
    assert context.undo_stack.count() == 2
    context.budget_figures(draft)  # the status bar's figures, cached as in the window
    budget_edit.delete_line(workspace, research)  # behind the stack's back
    on_disk = file_cells(workspace, draft)
    changes_before = len(context.changes)

    context.undo_stack.undo()

    assert context.errors == ["Deze begrotingspost bestaat niet meer."]
    assert context.undo_stack.count() == 1  # the failed step is gone, the one before it stays
    assert context.undo_stack.index() == 1
    assert context.undo_stack.undoText() == "Programmamanager wijzigen"
    assert not context.undo_stack.canRedo()  # nothing to redo: the step was not undone
    assert file_cells(workspace, draft) == on_disk
    assert len(context.changes) == changes_before  # the views hear of no change that did not happen
    # The figures shown are read again from the file: without the deleted line's 5.000.
    assert context.budget_figures(draft) == file_figures(workspace, draft)
    assert context.budget_figures(draft).total[2022] == (
        D("1280000.00") - D("127500") + D("120000") - D("100000"))

    context.undo_stack.undo()  # the next Ctrl+Z undoes the step before it, as the history says
    assert amount_in(workspace, programme, 2022) == D("127500.00")
    assert context.undo_stack.count() == 1 and context.undo_stack.index() == 0
    assert context.errors == ["Deze begrotingspost bestaat niet meer."]


def test_a_failed_redo_is_dropped_and_the_file_keeps_the_undone_value(context, workspace, draft):
    """Ctrl+Y on a plan adopted meanwhile must refuse in Dutch, keep the undone value in the
    file and drop the step, so the history offers no redo it cannot do."""
    research = line_id(workspace, draft, "onderzoeksbudget")
    set_cell(context, draft, research, 2022, "5000.00", "Onderzoek wijzigen")
    context.undo_stack.undo()
    assert amount_in(workspace, research, 2022) == D("100000.00")
    assert context.undo_stack.canRedo()
    adopt_behind_the_stacks_back(workspace, draft)
    on_disk = file_cells(workspace, draft)
    changes_before = len(context.changes)

    context.undo_stack.redo()

    assert len(context.errors) == 1
    assert "is vastgesteld (BOJ 01-03-2022) en kan niet meer worden gewijzigd" in context.errors[0]
    assert context.undo_stack.count() == 0
    assert not context.undo_stack.canRedo() and not context.undo_stack.canUndo()
    assert amount_in(workspace, research, 2022) == D("100000.00")
    assert file_cells(workspace, draft) == on_disk
    assert len(context.changes) == changes_before
    assert context.budget_figures(draft).total[2022] == D("1280000.00")


def test_an_unexpected_failure_of_undo_is_reported_in_dutch_and_dropped(
        context, workspace, draft, planbord_qapp, monkeypatch):
    """A failure that is no refusal (disk gone) must still reach the user in Dutch, naming the
    step, and drop it; the file keeps the value it had."""
    research = line_id(workspace, draft, "onderzoeksbudget")
    set_cell(context, draft, research, 2022, "5000.00", "Onderzoek wijzigen")

    def disk_gone(*args, **kwargs):
        raise OSError(5, "Input/output error")

    context.budget_figures(draft)
    changes_before = len(context.changes)
    monkeypatch.setattr(budget_edit, "set_cells", disk_gone)
    context.undo_stack.undo()

    assert context.errors == ["“Onderzoek wijzigen” kon niet ongedaan worden gemaakt of opnieuw worden "
                              "uitgevoerd; het bestand is niet veranderd."]
    assert context.undo_stack.count() == 0
    assert not context.undo_stack.canRedo()
    assert amount_in(workspace, research, 2022) == D("5000.00")
    assert len(context.changes) == changes_before  # the views keep showing 5.000
    assert context.budget_figures(draft).total[2022] == D("1185000.00")


def test_a_successful_undo_stays_on_the_stack_so_redo_brings_it_back(context, workspace, draft):
    """An undo that works must keep the step for Ctrl+Y, and Ctrl+Y must write it again."""
    research = line_id(workspace, draft, "onderzoeksbudget")
    set_cell(context, draft, research, 2022, "5000.00", "Onderzoek wijzigen")
    assert context.budget_figures(draft).total[2022] == D("1185000.00")  # cached, as the status bar

    context.undo_stack.undo()
    assert amount_in(workspace, research, 2022) == D("100000.00")
    assert context.undo_stack.count() == 1 and context.undo_stack.index() == 0
    assert context.undo_stack.canRedo() and context.undo_stack.redoText() == "Onderzoek wijzigen"
    assert [(c.line_id, c.year) for c in context.changes[-1].cells] == [(research, 2022)]
    assert context.changes[-1].cells[0].new == CellValue(D("100000.00"))  # the views show 100.000 again
    assert context.budget_figures(draft).total[2022] == D("1280000.00")

    context.undo_stack.redo()
    assert amount_in(workspace, research, 2022) == D("5000.00")
    assert context.undo_stack.count() == 1 and context.undo_stack.index() == 1
    assert context.budget_figures(draft).total[2022] == D("1185000.00")
    assert context.errors == []


# =============================================================================================
# 2. The lock file next to a workspace
# =============================================================================================

OPENED = datetime(2021, 11, 11, 14, 3).astimezone()  # local time, so it prints as 14:03


def write_lock(path: Path, **fields) -> bytes:
    info = {"host": filelock._this_host(), "user": "jan", "pid": os.getpid(),
            "opened_at": OPENED.isoformat(), "token": "abc"}
    info.update(fields)
    lock_path(path).write_text(json.dumps(info), encoding="utf-8")
    return lock_path(path).read_bytes()


def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()  # reaped: no process has this id now
    return proc.pid


@pytest.fixture
def plan_path(tmp_path) -> Path:
    return tmp_path / "plan.planbord"


def test_release_leaves_a_lock_another_holder_took_over_byte_for_byte(plan_path):
    """Closing a workspace whose lock was broken and taken over must not unlock the new
    holder's file: its lock stays exactly as the new holder wrote it."""
    ours = acquire_lock(plan_path)
    break_lock(plan_path)
    theirs = acquire_lock(plan_path)  # same computer, user and program: only the token differs
    assert (theirs.host, theirs.user, theirs.pid) == (ours.host, ours.user, ours.pid)
    before = lock_path(plan_path).read_bytes()
    release_lock(plan_path, ours)
    assert lock_path(plan_path).read_bytes() == before

    # Someone on another computer took it over: also left alone.
    before = write_lock(plan_path, host="laptop-secretariaat", user="marieke", pid=4242, token="f00d")
    release_lock(plan_path, theirs)
    assert lock_path(plan_path).read_bytes() == before
    assert read_lock(plan_path).user == "marieke"


def test_release_removes_our_own_lock_so_the_file_opens_again(plan_path):
    """Closing must remove our own lock file, or the next open says the file is in use."""
    ours = acquire_lock(plan_path)
    written = json.loads(lock_path(plan_path).read_text(encoding="utf-8"))
    assert written["token"] == ours.token and written["pid"] == os.getpid()
    release_lock(plan_path, ours)
    assert not lock_path(plan_path).exists()
    release_lock(plan_path, ours)  # twice (a close after a crash report) is harmless
    again = acquire_lock(plan_path)
    assert read_lock(plan_path).token == again.token != ours.token


def test_a_lock_of_a_process_that_no_longer_runs_here_is_stale(plan_path):
    """A lock left by a crashed Planbord on this computer must name its holder and say the
    program no longer runs, so the user may break it; the lock itself stays untouched."""
    host = filelock._this_host()
    before = write_lock(plan_path, user="jan", pid=dead_pid())
    with pytest.raises(LockedError) as caught:
        acquire_lock(plan_path)
    error = caught.value
    assert error.stale is True
    assert (error.holder.user, error.holder.host) == ("jan", host)
    assert error.message == (
        f"“plan.planbord” is nog vergrendeld door Planbord van jan op {host} (sinds 11-11-2021 14:03), "
        "maar dat programma draait niet meer. U kunt de vergrendeling opheffen en het bestand openen.")
    assert lock_path(plan_path).read_bytes() == before


def test_a_lock_of_another_running_program_here_is_not_stale(plan_path):
    """A lock of another Planbord still running on this computer must say the file is open
    there, never that the program stopped."""
    host = filelock._this_host()
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    opened = datetime.now().astimezone()  # written by that process, after it started
    try:
        before = write_lock(plan_path, user="jan", pid=other.pid, opened_at=opened.isoformat())
        with pytest.raises(LockedError) as caught:
            acquire_lock(plan_path)
    finally:
        other.kill()
        other.wait()
    error = caught.value
    assert error.stale is False and error.can_lift is False
    assert error.message == (
        f"“plan.planbord” is al geopend door jan op {host} (sinds {opened:%d-%m-%Y %H:%M}). "
        "U kunt het alleen-lezen openen, of vragen het bestand eerst te sluiten.")
    assert "draait niet meer" not in error.message
    assert lock_path(plan_path).read_bytes() == before


def test_a_lock_of_this_program_says_it_is_open_here_already(plan_path):
    """Opening the same file twice in one Planbord must say it is already open in this program."""
    acquire_lock(plan_path)
    with pytest.raises(LockedError) as caught:
        acquire_lock(plan_path)
    assert caught.value.stale is False
    assert caught.value.message == "“plan.planbord” is in dit programma al geopend."


def test_a_lock_from_another_computer_cannot_be_judged_stale(plan_path):
    """A lock from another computer must name user and computer and never call itself stale,
    even when its process id is free here; it may be lifted, after a warning."""
    before = write_lock(plan_path, host="laptop-secretariaat", user="marieke", pid=dead_pid())
    with pytest.raises(LockedError) as caught:
        acquire_lock(plan_path)
    error = caught.value
    assert error.stale is None and error.can_lift is True  # cannot tell: the user decides
    assert error.message == (
        "“plan.planbord” is al geopend door marieke op laptop-secretariaat (sinds 11-11-2021 14:03). "
        "U kunt het alleen-lezen openen, of de vergrendeling opheffen als u zeker weet dat het "
        "daar niet meer open is.")
    assert lock_path(plan_path).read_bytes() == before


def test_a_host_name_in_other_capitals_is_still_this_computer(plan_path):
    """Windows writes host names in capitals: a dead lock of this computer must still be stale."""
    host = filelock._this_host()
    if host.upper() == host.lower():
        pytest.skip("this host name has no letters")
    write_lock(plan_path, host=host.swapcase(), user="jan", pid=dead_pid())
    with pytest.raises(LockedError) as caught:
        acquire_lock(plan_path)
    assert caught.value.stale is True
    assert "draait niet meer" in caught.value.message


@pytest.mark.parametrize("content", ["", "{\"host\": \"lap", "null", "[1, 2]", "{\"pid\": \"abc\"}",
                                     "\x00\x00garbage"],
                         ids=["empty", "half-written", "null", "list", "bad-pid", "garbage"])
def test_a_lock_with_garbage_content_is_locked_by_someone_unknown(plan_path, content):
    """A half-written or foreign lock file must still lock the file, say the holder is unknown,
    count as stale (it names nobody), and go away when the user breaks it."""
    lock_path(plan_path).write_text(content, encoding="utf-8")
    before = lock_path(plan_path).read_bytes()
    assert read_lock(plan_path) == LockInfo()
    with pytest.raises(LockedError) as caught:
        acquire_lock(plan_path)
    error = caught.value
    assert error.stale is True and error.can_lift is True
    assert (error.holder.user, error.holder.host) == ("", "")
    assert error.message == (
        "“plan.planbord” is vergrendeld, maar niet te zien door wie: de vergrendeling is onleesbaar "
        "(beschadigd of half geschreven). U kunt de vergrendeling opheffen en het bestand openen, of "
        "het alleen-lezen openen.")
    assert lock_path(plan_path).read_bytes() == before

    break_lock(plan_path)
    assert not lock_path(plan_path).exists()
    break_lock(plan_path)  # nothing to break: no error
    ours = acquire_lock(plan_path)
    assert read_lock(plan_path) == ours


def test_a_stranger_without_host_or_user_is_named_as_unknown(plan_path):
    """A lock with only a user or only a host must name what is known and call the rest unknown."""
    write_lock(plan_path, host="", user="marieke", pid=4242)
    with pytest.raises(LockedError) as caught:
        acquire_lock(plan_path)
    assert caught.value.stale is None
    assert ("al geopend door marieke op een onbekende computer (sinds 11-11-2021 14:03)"
            in caught.value.message)
    write_lock(plan_path, host="laptop-secretariaat", user="", opened_at="gisteren")
    with pytest.raises(LockedError) as caught:
        acquire_lock(plan_path)
    assert caught.value.message == (
        "“plan.planbord” is al geopend door een onbekende gebruiker op laptop-secretariaat. "
        "U kunt het alleen-lezen openen, of de vergrendeling opheffen als u zeker weet dat het "
        "daar niet meer open is.")
    # This computer but no process id: nothing to check, so not called stale either.
    write_lock(plan_path, user="jan", pid=0)
    with pytest.raises(LockedError) as caught:
        acquire_lock(plan_path)
    assert caught.value.stale is None
    assert "al geopend door jan op " in caught.value.message


# =============================================================================================
# 3. The budget annex: subtotals as the plan prints them, and the † on totals with markers
# =============================================================================================

MARKERS_FOOTNOTE = "† Regels met PM, id. of doorlopend hebben geen bedrag; het totaal telt ze niet mee."


@pytest.fixture
def small_plan(tmp_path):
    """A draft plan 2021-2023 with three groups:

    1. Netwerk (prints a subtotal): programmabureau 1.000 (2022) and PM (2023),
       secretariaat 234,50 (2022) and PM (2023), and the subgroup Pilots (no subtotal of
       its own): pilot Delft 300 (2022) and id. (2021).
    2. Losse posten (no subtotal): onderzoek 500 (2022) and doorlopend (2021).
    """
    from app.services.workspace import create_workspace

    ws = create_workspace(tmp_path / "klein.planbord")
    with ws.transaction() as s:
        region = Region(name="Haaglanden")
        plan = Plan(region=region, year=2022, title="Uitvoeringsplan 2022", first_year=2021, last_year=2023)
        s.add_all([region, plan])
        s.flush()
        network = BudgetGroup(plan_id=plan.id, position=0, number="1", name="Netwerk", shows_subtotal=True)
        loose = BudgetGroup(plan_id=plan.id, position=1, number="2", name="Losse posten",
                            shows_subtotal=False)
        s.add_all([network, loose])
        s.flush()
        pilots = BudgetGroup(plan_id=plan.id, parent_id=network.id, position=2, name="Pilots",
                             shows_subtotal=False)
        s.add(pilots)
        s.flush()
        office = BudgetLine(group_id=network.id, position=0, name="programmabureau")
        secretary = BudgetLine(group_id=network.id, position=1, name="secretariaat")
        pilot = BudgetLine(group_id=pilots.id, position=0, name="pilot Delft")
        research = BudgetLine(group_id=loose.id, position=0, name="onderzoek")
        s.add_all([office, secretary, pilot, research])
        s.flush()
        s.add_all([
            BudgetCell(line_id=office.id, year=2022, amount=D("1000.00")),
            BudgetCell(line_id=office.id, year=2023, marker=Marker.PM),
            BudgetCell(line_id=secretary.id, year=2022, amount=D("234.50")),
            BudgetCell(line_id=secretary.id, year=2023, marker=Marker.PM),
            BudgetCell(line_id=pilot.id, year=2022, amount=D("300.00")),
            BudgetCell(line_id=pilot.id, year=2021, marker=Marker.IDEM),
            BudgetCell(line_id=research.id, year=2022, amount=D("500.00")),
            BudgetCell(line_id=research.id, year=2021, marker=Marker.ONGOING),
        ])
        ids = {"plan": plan.id, "network": network.id, "loose": loose.id, "pilots": pilots.id,
               "office": office.id, "secretary": secretary.id, "pilot": pilot.id, "research": research.id}
    yield ws, ids
    ws.close()


def annex_lines(workspace, plan_id: int, out: Path, **options) -> list[str]:
    from app.reports import build_pdf

    build_pdf(workspace, plan_id, "begroting", out, **options)
    return [" ".join(line.split()) for page in PdfReader(out).pages
            for line in page.extract_text().splitlines()]


def test_only_groups_that_show_a_subtotal_get_a_subtotal_row(small_plan, tmp_path):
    """The annex must print a subtotal under Netwerk (with its subgroup's 300 in it) right after
    its lines, and none under Pilots or Losse posten, as the published plan does."""
    ws, ids = small_plan
    lines = annex_lines(ws, ids["plan"], tmp_path / "begroting.pdf")
    subtotals = [line for line in lines if line.startswith("Subtotaal")]
    # 2021: only id.; 2022: 1.000 + 234,50 + 300; 2023: only PM. A year in which no line has an
    # amount prints no subtotal or total (empty stays empty, as in the published plan).
    assert subtotals == ["Subtotaal Netwerk 1.534,50"]
    table = lines[lines.index("1. Netwerk"):lines.index("Totaal begroting 2022 2.034,50") + 1]
    assert table == [
        "1. Netwerk",
        "programmabureau 1.000 PM",
        "secretariaat 234,50 PM",
        "Pilots",
        "pilot Delft id. 300",
        "Subtotaal Netwerk 1.534,50",
        "2. Losse posten",
        "onderzoek doorlopend 500",
        "Totaal begroting 2022 2.034,50",
    ]


def test_a_group_set_to_show_its_subtotal_prints_it_with_its_amount(small_plan, tmp_path):
    """Switching a group's subtotal on must print it with the group's own amount, and
    switching one off must drop it from the annex."""
    ws, ids = small_plan
    budget_edit.set_group_fields(ws, ids["loose"], shows_subtotal=True)
    budget_edit.set_group_fields(ws, ids["network"], shows_subtotal=False)
    lines = annex_lines(ws, ids["plan"], tmp_path / "begroting.pdf")
    assert [line for line in lines if line.startswith("Subtotaal")] == ["Subtotaal Losse posten 500"]
    assert lines.index("Subtotaal Losse posten 500") == lines.index("onderzoek doorlopend 500") + 1

    budget_edit.set_group_fields(ws, ids["pilots"], shows_subtotal=True)
    lines = annex_lines(ws, ids["plan"], tmp_path / "begroting2.pdf")
    assert [line for line in lines if line.startswith("Subtotaal")] == [
        "Subtotaal Pilots 300", "Subtotaal Losse posten 500"]


def test_the_marker_count_is_the_number_of_marker_cells_left_out(small_plan, tmp_path):
    """Two PM cells in a group must count as 2 left out (not 0 or 1), a marker in a subgroup
    counts for the group above it, and every total that left one out carries the †."""
    ws, ids = small_plan
    figures = file_figures(ws, ids["plan"])
    assert figures.group(ids["network"]).markers_left_out == {2021: 1, 2022: 0, 2023: 2}
    assert figures.group(ids["pilots"]).markers_left_out == {2021: 1, 2022: 0, 2023: 0}
    assert figures.group(ids["loose"]).markers_left_out == {2021: 1, 2022: 0, 2023: 0}
    assert figures.markers_left_out == {2021: 2, 2022: 0, 2023: 2}
    assert figures.group(ids["network"]).totals == {2021: D("0.00"), 2022: D("1534.50"), 2023: D("0.00")}
    assert figures.total == {2021: D("0.00"), 2022: D("2034.50"), 2023: D("0.00")}

    lines = annex_lines(ws, ids["plan"], tmp_path / "begroting.pdf")
    # 2022 left nothing out: no † there, in the subtotal, the total and the funding table; 2021
    # and 2023 hold markers only, so no total is printed there and none carries a †.
    assert "Subtotaal Netwerk 1.534,50" in lines
    assert lines.count("Totaal begroting 2022 2.034,50") == 2  # budget and funding table
    assert lines.count(MARKERS_FOOTNOTE) == 0

    # A PM in the subgroup as well: three left out of Netwerk in 2023, one of them of Pilots.
    budget_edit.set_cells(ws, [budget_edit.CellChange(ids["pilot"], 2023, CellValue(marker=Marker.PM))])
    figures = file_figures(ws, ids["plan"])
    assert figures.group(ids["network"]).markers_left_out[2023] == 3
    assert figures.group(ids["pilots"]).markers_left_out[2023] == 1
    assert figures.markers_left_out[2023] == 3

    # Two PMs less in 2023: the group still left one out and keeps its †.
    budget_edit.set_cells(ws, [budget_edit.CellChange(ids["secretary"], 2023, CellValue(D("25.00"))),
                               budget_edit.CellChange(ids["pilot"], 2023, EMPTY)])
    figures = file_figures(ws, ids["plan"])
    assert figures.group(ids["network"]).markers_left_out[2023] == 1
    assert figures.markers_left_out[2023] == 1
    lines = annex_lines(ws, ids["plan"], tmp_path / "begroting2.pdf")
    assert "Subtotaal Netwerk 1.534,50 † 25" in lines
    assert lines.count(MARKERS_FOOTNOTE) == 1  # now a printed total carries the †


def test_the_summary_counts_the_marker_cells_each_total_left_out(small_plan):
    """`summary --json` must give the same counts: 2 left out of Netwerk in 2023."""
    from app.services.summary import plan_summary

    ws, ids = small_plan
    budget = plan_summary(ws, 2022)["budget"]
    by_name = {g["name"]: g["markers_left_out"] for g in budget["groups"]}
    assert by_name == {"Netwerk": {"2021": 1, "2022": 0, "2023": 2},
                       "Pilots": {"2021": 1, "2022": 0, "2023": 0},
                       "Losse posten": {"2021": 1, "2022": 0, "2023": 0}}
    assert budget["markers_left_out"] == {"2021": 2, "2022": 0, "2023": 2}


def test_without_markers_no_total_is_marked_and_no_footnote_is_printed(small_plan, tmp_path):
    """When every marker is replaced by an amount, the annex must print no † and no footnote."""
    ws, ids = small_plan
    budget_edit.set_cells(ws, [
        budget_edit.CellChange(ids["office"], 2023, CellValue(D("10.00"))),
        budget_edit.CellChange(ids["secretary"], 2023, EMPTY),
        budget_edit.CellChange(ids["pilot"], 2021, CellValue(D("7.00"))),
        budget_edit.CellChange(ids["research"], 2021, EMPTY),
    ])
    lines = annex_lines(ws, ids["plan"], tmp_path / "begroting.pdf")
    assert "Subtotaal Netwerk 7 1.534,50 10" in lines
    assert "Totaal begroting 2022 7 2.034,50 10" in lines
    assert not any("†" in line for line in lines)
    assert not any("Regels met PM" in line for line in lines)


def test_a_marker_only_in_a_year_left_out_of_the_annex_prints_no_footnote(small_plan, tmp_path):
    """The footnote explains a † on the page: with only 2022 printed (no markers there), the
    annex must not print it."""
    ws, ids = small_plan
    lines = annex_lines(ws, ids["plan"], tmp_path / "2022.pdf", years=[2022])
    assert "Subtotaal Netwerk 1.534,50" in lines
    assert "Totaal begroting 2022 2.034,50" in lines
    assert not any("Regels met PM" in line for line in lines)
