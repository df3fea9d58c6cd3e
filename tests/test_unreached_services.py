"""Service functions the GUI leans on that no other non-GUI test reaches: the overige vaste
regioverrekeningen per municipality, a plan's year, the Dutch message of a failed write, the
Windows-only checks (is the lock's process alive, is the drive a network drive), where the demo
file lives, cents to money, the budget sheet's subtotals and markers, and the staffing sheet."""
from __future__ import annotations

import ctypes
import dataclasses
import ntpath
import sqlite3
import sys
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path, PureWindowsPath
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select, text
from sqlalchemy.exc import OperationalError as SAOperationalError

from app.models import (
    Allocation,
    AllocationKey,
    Chapter,
    FixedSettlement,
    FixedSettlementAmount,
    KeyMethod,
    KeyShare,
    Municipality,
    MunicipalitySet,
    Person,
    Plan,
    PlanKind,
    PlanStatus,
    Project,
    Region,
    Role,
)
from app.models.numbers import money_from_cents, money_to_cents
from app.models.types import Money
from app.services import fileformat, filelock, paths
from app.services.budget_sheet import RowKind, load_sheet
from app.services.errors import WriteError
from app.services.figures import load_fixed_contributions, load_split_basis, load_staffing_figures, plan_year
from app.services.filelock import LockInfo
from app.services.plan_copy import create_amendment
from app.services.workspace import create_workspace, open_workspace

D = Decimal


@pytest.fixture
def demo(demo_workspace):
    ws = open_workspace(demo_workspace)
    yield ws
    ws.close()


def demo_plan(ws) -> int:
    with ws.session() as s:
        return s.scalars(select(Plan.id).where(Plan.kind == PlanKind.PLAN)).one()


# --- a small region: three municipalities, a set without Den Haag, fixed settlements -------------

def small_region(path: Path, percentages=("20", "50", "30")):
    """Delft 20 %, Den Haag 50 %, Zoetermeer 30 %; set "H2" is Delft and Zoetermeer.

    Plan 2023 (years 2022-2024): "GIZ licenties" for all (1.000 in 2022, 100 in 2023) and
    "Kenniscentrum" for H2 only (500 in 2022). Returns (workspace, plan id)."""
    ws = create_workspace(path)
    with ws.transaction() as s:
        region = Region(name="Regio Proef")
        delft, haag, zoetermeer = (Municipality(name=n, position=i)
                                   for i, n in enumerate(["Delft", "Den Haag", "Zoetermeer"]))
        region.municipalities = [delft, haag, zoetermeer]
        h10 = MunicipalitySet(code="H10", name="H10 (alle gemeenten)", position=0,
                              members=[delft, haag, zoetermeer])
        h2 = MunicipalitySet(code="H2", name="H2 (zonder Den Haag)", position=1,
                             members=[delft, zoetermeer])
        region.municipality_sets = [h10, h2]
        key = AllocationKey(name="Sleutel", method=KeyMethod.PERCENTAGE)
        key.shares = [KeyShare(municipality=m, percentage=D(p))
                      for m, p in zip([delft, haag, zoetermeer], percentages)]
        region.allocation_keys = [key]
        s.add(region)
        plan = Plan(region=region, year=2023, title="Uitvoeringsplan 2023", first_year=2022,
                    last_year=2024, allocation_key=key)
        s.add(plan)
        s.flush()
        giz = FixedSettlement(plan_id=plan.id, position=0, name="GIZ licenties", municipality_set=h10)
        giz.amounts = [FixedSettlementAmount(year=2022, amount=D("1000.00")),
                       FixedSettlementAmount(year=2023, amount=D("100.00"))]
        kenniscentrum = FixedSettlement(plan_id=plan.id, position=1, name="Kenniscentrum",
                                        municipality_set=h2, note="Den Haag betaalt zelf")
        kenniscentrum.amounts = [FixedSettlementAmount(year=2022, amount=D("500.00"))]
        s.add_all([giz, kenniscentrum])
        s.flush()
        plan_id = plan.id
    return ws, plan_id


@pytest.fixture
def region(tmp_path):
    ws, plan_id = small_region(tmp_path / "proef.planbord")
    yield ws, plan_id
    ws.close()


def euros(**parts) -> dict[str, Decimal]:
    return {name.replace("_", " "): D(f"{value}.00") for name, value in parts.items()}


def test_fixed_settlements_are_split_within_their_own_set(region):
    """H2 costs go to Delft and Zoetermeer only; costs for all to all three, by the key."""
    ws, plan_id = region
    fixed = load_fixed_contributions(ws, plan_id)
    assert fixed.municipalities == ["Delft", "Den Haag", "Zoetermeer"]
    # 2022: GIZ 1.000 as 200/500/300, Kenniscentrum 500 over 20:30 as 200/-/300.
    assert fixed.by_year[2022] == euros(Delft=400, Den_Haag=500, Zoetermeer=600)
    assert fixed.by_year[2023] == euros(Delft=20, Den_Haag=50, Zoetermeer=30)
    assert fixed.by_year[2024] == euros(Delft=0, Den_Haag=0, Zoetermeer=0)
    assert fixed.totals == {2022: D("1500.00"), 2023: D("100.00"), 2024: D("0.00")}


def test_fixed_settlements_follow_the_basis_given(region):
    """The editor passes the key it holds; the split follows that key, not the stored one."""
    ws, plan_id = region
    basis = load_split_basis(ws, plan_id)
    delft, haag, zoetermeer = basis.ids
    other = dataclasses.replace(basis, weights={delft: Fraction(1), haag: Fraction(1),
                                                zoetermeer: Fraction(3)})
    fixed = load_fixed_contributions(ws, plan_id, other)
    # GIZ 1.000 as 1:1:3 = 200/200/600; Kenniscentrum 500 as 1:3 = 125/-/375.
    assert fixed.by_year[2022] == euros(Delft=325, Den_Haag=200, Zoetermeer=975)


def test_fixed_settlements_without_a_usable_key_or_plan_give_nothing(tmp_path, region):
    """A key that does not make 100 % gives no split (the editor shows the key's problem)."""
    ws, plan_id = small_region(tmp_path / "fout.planbord", percentages=("20", "50", "20"))
    try:
        assert load_fixed_contributions(ws, plan_id) is None
    finally:
        ws.close()
    ws, plan_id = region
    assert load_fixed_contributions(ws, plan_id + 99) is None


def test_demo_fixed_settlements_keep_den_haag_and_lansingerland_out_of_h8(demo):
    """2022 plan: Den Haag and Lansingerland pay only the H10 settlements, the other eight both."""
    fixed = load_fixed_contributions(demo, demo_plan(demo))
    # 2021 is the comparison column: shown in the budget, never split.
    assert fixed.totals == {2022: D("316795.00"), 2023: D("0.00")}
    inhabitants = {"Delft": 103_700, "Den Haag": 548_300, "Lansingerland": 63_300,
                   "Leidschendam-Voorburg": 76_800, "Midden-Delfland": 19_500,
                   "Pijnacker-Nootdorp": 56_000, "Rijswijk": 55_300, "Wassenaar": 27_000,
                   "Westland": 112_500, "Zoetermeer": 125_300}
    h10_total, h8_total = 15_000 + 40_000 + 48_400, 72_600 + 140_795
    everyone = sum(inhabitants.values())
    h8 = {n: v for n, v in inhabitants.items() if n not in ("Den Haag", "Lansingerland")}
    for year in (2022,):
        for name, people in inhabitants.items():
            exact = Fraction(h10_total * people, everyone)
            if name in h8:
                exact += Fraction(h8_total * people, sum(h8.values()))
            assert abs(Fraction(fixed.by_year[year][name]) - exact) < 1, name
        assert sum(fixed.by_year[year].values()) == D("316795.00")
    assert set(fixed.by_year[2023].values()) == {D("0.00")}


def test_plan_year_is_the_year_the_plan_is_about(region, demo):
    """A plan for 2023 covering 2022-2024 is about 2023; the demo about 2022; a gone plan: none."""
    ws, plan_id = region
    assert plan_year(ws, plan_id) == 2023
    assert plan_year(ws, plan_id + 99) is None
    assert plan_year(demo, demo_plan(demo)) == 2022
    assert plan_year(demo, create_amendment(demo, demo_plan(demo))) == 2022


# --- a failed write ------------------------------------------------------------------------------

def region_name(path: Path) -> str:
    with open_workspace(path) as ws, ws.session() as s:
        return s.scalars(select(Region.name)).one()


@pytest.fixture
def small_file(tmp_path):
    path = tmp_path / "klein.planbord"
    with create_workspace(path) as ws, ws.transaction() as s:
        s.add(Region(name="Haaglanden"))
    return path


def failing_write(path: Path, prepare, fail) -> WriteError:
    """Rename the region and then make the write fail; returns the WriteError raised."""
    with open_workspace(path) as ws:
        with pytest.raises(WriteError) as info:
            with ws.transaction() as s:
                s.scalars(select(Region)).one().name = "Gewijzigd"
                s.flush()
                prepare(s)
                fail(s)
                s.flush()
        return info.value


def _big_region(s):
    s.add(Region(name="x" * 200_000))


@pytest.mark.parametrize("prepare, fail, message", [
    (lambda s: s.execute(text("PRAGMA max_page_count = 1")), _big_region,
     "De schijf is vol; de wijziging in “klein.planbord” is niet opgeslagen."),
    (lambda s: s.execute(text("PRAGMA query_only = ON")), lambda s: s.add(Region(name="Delft")),
     "“klein.planbord” kan niet worden beschreven; de wijziging is niet opgeslagen."),
    (lambda s: None, lambda s: s.execute(text("INSERT INTO geen_tabel VALUES (1)")),
     "De wijziging in “klein.planbord” kon niet worden opgeslagen. Controleer of de schijf of "
     "netwerkmap nog bereikbaar is."),
], ids=["disk-full", "read-only", "other"])
def test_a_failed_write_says_why_in_dutch_and_saves_nothing(small_file, prepare, fail, message):
    """Disk full, a file that cannot be written, another failure: each its own message, no change."""
    error = failing_write(small_file, prepare, fail)
    assert error.message == message
    assert error.path == small_file
    assert region_name(small_file) == "Haaglanden"


def test_a_write_blocked_by_another_program_says_try_again(small_file):
    """Another program holding the file's write lock: "bezet", try again; nothing saved."""
    with open_workspace(small_file) as ws:
        other = sqlite3.connect(small_file)
        other.execute("BEGIN IMMEDIATE")
        try:
            with pytest.raises(WriteError) as info:
                with ws.transaction() as s:
                    s.execute(text("PRAGMA busy_timeout = 0"))  # do not wait the usual seconds
                    s.scalars(select(Region)).one().name = "Gewijzigd"
                    s.flush()
        finally:
            other.rollback()
            other.close()
    assert info.value.message == ("“klein.planbord” is bezet door een ander programma; de "
                                  "wijziging is niet opgeslagen. Probeer het opnieuw.")
    assert region_name(small_file) == "Haaglanden"


def _sqlite_error(name: str | None) -> SAOperationalError:
    orig = sqlite3.OperationalError("mislukt")
    if name is not None:
        orig.sqlite_errorname = name
    return SAOperationalError("UPDATE region SET name=?", ("Gewijzigd",), orig)


@pytest.mark.parametrize("code, start", [
    ("SQLITE_FULL", "De schijf is vol;"),
    ("SQLITE_BUSY_SNAPSHOT", "“klein.planbord” is bezet door een ander programma;"),
    ("SQLITE_LOCKED", "“klein.planbord” is bezet door een ander programma;"),
    ("SQLITE_LOCKED_SHAREDCACHE", "“klein.planbord” is bezet door een ander programma;"),
    ("SQLITE_READONLY_DBMOVED", "“klein.planbord” kan niet worden beschreven;"),
    ("SQLITE_IOERR_WRITE", "De wijziging in “klein.planbord” kon niet worden opgeslagen."),
    ("SQLITE_FULLX", "De wijziging in “klein.planbord” kon niet worden opgeslagen."),
    ("", "De wijziging in “klein.planbord” kon niet worden opgeslagen."),
    (None, "De wijziging in “klein.planbord” kon niet worden opgeslagen."),
])
def test_each_sqlite_error_code_gets_its_message(small_file, code, start):
    """Extended codes (busy snapshot, locked shared cache, read-only moved) keep their family's text."""
    def fail(s):
        raise _sqlite_error(code)

    error = failing_write(small_file, lambda s: None, fail)
    assert error.message.startswith(start)
    assert region_name(small_file) == "Haaglanden"


# --- Windows: is the lock holder's process alive? --------------------------------------------------

class FakeKernel32:
    """kernel32 as _windows_pid_alive uses it, recording every call."""

    def __init__(self, *, handle=0x2A0, last_error=0, exit_code=259, exit_ok=True):
        self.handle, self.last_error = handle, last_error
        self.exit_code, self.exit_ok = exit_code, exit_ok
        self.opened, self.queried, self.closed, self.drives = [], [], [], []

    def OpenProcess(self, access, inherit, pid):  # noqa: N802 (the Windows name)
        self.opened.append((access, inherit, pid))
        return self.handle

    def GetExitCodeProcess(self, handle, code):  # noqa: N802
        self.queried.append(handle)
        if not self.exit_ok:
            return 0
        code._obj.value = self.exit_code  # what the kernel writes through the pointer
        return 1

    def CloseHandle(self, handle):  # noqa: N802
        self.closed.append(handle)
        return 1


@pytest.fixture
def windows(monkeypatch):
    """A factory: install a fake kernel32 behind ctypes.WinDLL and get_last_error."""
    loaded = []

    def install(kernel: FakeKernel32) -> FakeKernel32:
        def win_dll(name, use_last_error=False):
            loaded.append((name, use_last_error))
            return kernel

        monkeypatch.setattr(ctypes, "WinDLL", win_dll, raising=False)
        monkeypatch.setattr(ctypes, "get_last_error", lambda: kernel.last_error, raising=False)
        return kernel

    install.loaded = loaded
    return install


def pid_alive_on_windows(monkeypatch, pid: int) -> bool:
    with monkeypatch.context() as m:
        m.setattr(sys, "platform", "win32")
        return filelock.pid_alive(pid)


@pytest.mark.parametrize("exit_code, alive", [(259, True), (0, False), (1, False), (258, False),
                                              (260, False)])
def test_windows_process_alive_only_while_still_active(monkeypatch, windows, exit_code, alive):
    """Exit code 259 (STILL_ACTIVE) is a running process; any other code a finished one."""
    kernel = windows(FakeKernel32(exit_code=exit_code))
    assert pid_alive_on_windows(monkeypatch, 4321) is alive
    assert windows.loaded == [("kernel32", True)]
    assert kernel.opened == [(0x1000, False, 4321)]  # PROCESS_QUERY_LIMITED_INFORMATION
    assert kernel.queried == [0x2A0]
    assert kernel.closed == [0x2A0]


def test_windows_process_whose_exit_code_cannot_be_read_counts_as_alive(monkeypatch, windows):
    """When the exit code cannot be read, the lock is not taken away (alive); the handle is closed."""
    kernel = windows(FakeKernel32(exit_ok=False))
    assert pid_alive_on_windows(monkeypatch, 4321) is True
    assert kernel.closed == [0x2A0]


@pytest.mark.parametrize("last_error, alive", [(5, True), (87, False), (0, False), (6, False)])
def test_windows_process_that_cannot_be_opened(monkeypatch, windows, last_error, alive):
    """Access denied (5) means it exists, owned by someone else; otherwise (87: no such id) gone."""
    kernel = windows(FakeKernel32(handle=0, last_error=last_error))
    assert pid_alive_on_windows(monkeypatch, 4321) is alive
    assert kernel.queried == [] and kernel.closed == []


def test_windows_stale_lock_of_a_finished_planbord_on_this_computer(monkeypatch, windows):
    """A lock left by a Planbord that exited here is stale; one still running is not."""
    info = LockInfo(host=filelock._this_host(), user="jan", pid=4321, token="t")
    windows(FakeKernel32(exit_code=0))
    with monkeypatch.context() as m:
        m.setattr(sys, "platform", "win32")
        assert filelock.lock_is_stale(info) is True
    windows(FakeKernel32(exit_code=259))
    with monkeypatch.context() as m:
        m.setattr(sys, "platform", "win32")
        assert filelock.lock_is_stale(info) is False
        assert filelock.pid_alive(0) is False  # no process id: never asks the kernel
    assert windows.loaded == [("kernel32", True), ("kernel32", True)]


# --- Windows: is the drive a network drive? --------------------------------------------------------

@pytest.fixture
def drives(monkeypatch):
    """A fake ctypes.windll whose GetDriveTypeW answers per drive root, recording the roots asked."""
    types = {"C:\\": 3, "Z:\\": 4, "E:\\": 2, "D:\\": 5}  # fixed, remote, removable, cd-rom
    asked = []

    def drive_type(root):
        asked.append(root)
        return types.get(root, 1)

    windll = SimpleNamespace(kernel32=SimpleNamespace(GetDriveTypeW=drive_type))
    monkeypatch.setattr(ctypes, "windll", windll, raising=False)
    return asked


@pytest.mark.parametrize("path, remote, root", [
    (r"Z:\regio\plan.planbord", True, "Z:\\"),
    (r"C:\Users\jan\plan.planbord", False, "C:\\"),
    (r"E:\stick\plan.planbord", False, "E:\\"),
    (r"D:\plan.planbord", False, "D:\\"),
    (r"\\fs01\gedeeld\plan.planbord", True, None),  # UNC: remote without asking
])
def test_windows_mapped_network_drive_is_remote(drives, path, remote, root):
    """Only a drive Windows calls DRIVE_REMOTE (4), or a UNC path, is a network share."""
    assert fileformat.windows_is_remote(PureWindowsPath(path)) is remote
    assert drives == ([root] if root else [])


def test_windows_network_path_through_is_network_path(monkeypatch, drives):
    """On Windows a file on Z: (a mapped share) gets the rollback journal's network treatment."""
    monkeypatch.setattr(fileformat, "os", SimpleNamespace(path=ntpath))  # Windows paths on Linux
    assert fileformat.is_network_path(r"Z:\regio\plan.planbord", platform="win32") is True
    assert fileformat.is_network_path(r"C:\regio\plan.planbord", platform="win32") is False
    assert drives == ["Z:\\", "C:\\"]


def test_windows_without_kernel32_is_taken_as_local(monkeypatch):
    """If the drive type cannot be asked (no windll), the file is treated as local, not an error."""
    monkeypatch.delattr(ctypes, "windll", raising=False)
    monkeypatch.setattr(fileformat, "os", SimpleNamespace(path=ntpath))
    assert fileformat.is_network_path(r"Z:\regio\plan.planbord", platform="win32") is False


# --- where the demo lives ----------------------------------------------------------------------

def test_default_demo_path_is_the_2022_plan_in_the_data_folder(planbord_data_dir, monkeypatch, tmp_path):
    """The demo file on first start is "Uitvoeringsplan-2022-Haaglanden.planbord" in the data folder."""
    assert paths.default_demo_path() == planbord_data_dir / "Uitvoeringsplan-2022-Haaglanden.planbord"
    elsewhere = tmp_path / "nog" / "niet" / "er"
    monkeypatch.setenv("PLANBORD_DATA_DIR", str(elsewhere))
    demo = paths.default_demo_path()
    assert demo == elsewhere / "Uitvoeringsplan-2022-Haaglanden.planbord"
    assert demo.parent.is_dir()  # the folder is made, so the demo can be written there
    assert not demo.exists()


# --- cents to money ----------------------------------------------------------------------------

@pytest.mark.parametrize("cents, amount", [
    (12_750_000, "127500.00"), (7_750_000, "77500.00"), (1, "0.01"), (10, "0.10"), (0, "0.00"),
    (-1, "-0.01"), (-106_250_000, "-1062500.00"), (99_999_999_999_999, "999999999999.99"),
    (-99_999_999_999_999, "-999999999999.99"), (10**20, "1000000000000000000.00"),
])
def test_money_from_cents_gives_euros_with_two_places(cents, amount):
    """Cents on disk become euros with exactly two decimals, sign and size kept."""
    value = money_from_cents(cents)
    assert isinstance(value, Decimal)
    assert str(value) == amount
    assert value.as_tuple().exponent == -2


def test_money_from_cents_takes_what_sqlite_may_return():
    """Integer-like values (a bool-free int subclass, a numeric string) are read as cents."""
    class Cents(int):
        pass

    assert str(money_from_cents(Cents(12345))) == "123.45"
    assert str(money_from_cents("-250")) == "-2.50"
    with pytest.raises(ValueError):  # half a cent is no number of cents: not rounded away
        money_from_cents("12.5")


@pytest.mark.parametrize("cents", [12.7, 12.0, True])
def test_money_from_cents_refuses_floats_and_bools(cents):
    """12.7 cents must not quietly become € 0,12: a float is refused, as money() refuses it."""
    with pytest.raises(TypeError) as refused:
        money_from_cents(cents)
    assert str(refused.value) == f"cents: {cents!r} refused; use int"  # what the developer reads


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=-99_999_999_999_999, max_value=99_999_999_999_999))
def test_money_from_cents_is_what_the_money_column_reads(cents):
    """The same euros as the Money column gives back, and back to the same cents."""
    assert str(money_from_cents(cents)) == str(Money().process_result_value(cents, None))
    assert money_to_cents(money_from_cents(cents)) == cents


# --- the budget sheet ---------------------------------------------------------------------------

@pytest.fixture
def sheet(demo):
    return load_sheet(demo, demo_plan(demo))


def group_id(sheet, name: str) -> int:
    return next(r.id for r in sheet.rows if r.kind is RowKind.GROUP and r.label == name)


def subtotal(sheet, name: str):
    return next(r for r in sheet.rows if r.kind is RowKind.SUBTOTAL and r.label == f"Subtotaal {name}")


def test_ancestors_are_the_group_and_every_group_above(sheet):
    """An edit in "Samen leren" refreshes its subtotal and those of Lerend ontwikkelen and group 2."""
    assert sheet.ancestors(group_id(sheet, "Samen leren")) == [
        group_id(sheet, "Samen leren"), group_id(sheet, "Lerend ontwikkelen"),
        group_id(sheet, "Prioritaire activiteiten")]
    assert sheet.ancestors(group_id(sheet, "Regionale netwerksamenwerking")) == [
        group_id(sheet, "Regionale netwerksamenwerking")]
    assert sheet.ancestors(None) == []
    line = next(r for r in sheet.rows if r.kind is RowKind.LINE and r.label == "projectleiding")
    assert sheet.ancestors(line.parent_id) == [
        group_id(sheet, "Aanpak Wachtlijsten"), group_id(sheet, "Kwetsbare gezinnen"),
        group_id(sheet, "Prioritaire activiteiten")]


@pytest.mark.parametrize("group, year, amount, markers", [
    ("Regionale netwerksamenwerking", 2021, "555500.00", 0),
    ("Regionale netwerksamenwerking", 2022, "544000.00", 0),
    ("Regionale netwerksamenwerking", 2023, "0.00", 4),  # doorlopend, id., id., id.
    ("Prioritaire activiteiten", 2021, "203000.00", 0),
    ("Prioritaire activiteiten", 2022, "636000.00", 0),
    ("Prioritaire activiteiten", 2023, "0.00", 8),
    ("Samen leren", 2022, "230000.00", 0),
    ("Samen leren", 2023, "0.00", 4),
    ("Kwetsbare gezinnen", 2023, "0.00", 2),
    ("Lopende projecten en ad-hoc ondersteuning", 2021, "304000.00", 0),
    ("Lopende projecten en ad-hoc ondersteuning", 2022, "100000.00", 0),
])
def test_subtotal_rows_show_the_groups_sum_and_the_markers_left_out(sheet, group, year, amount, markers):
    """A subtotal row's figure per year and how many PM / id. / doorlopend cells it left out."""
    row = subtotal(sheet, group)
    assert sheet.computed(row, year) == D(amount)
    assert sheet.markers_left_out(row, year) == markers


def test_total_row_and_rows_without_a_computed_figure(sheet):
    """The total row: 1.062.500 / 1.280.000 / 0 with 12 markers in 2023; lines and headings none."""
    total = sheet.rows[-1]
    assert total.kind is RowKind.TOTAL
    assert [sheet.computed(total, y) for y in (2021, 2022, 2023)] == [
        D("1062500.00"), D("1280000.00"), D("0.00")]
    assert [sheet.markers_left_out(total, y) for y in (2021, 2022, 2023)] == [0, 0, 12]
    line = next(r for r in sheet.rows if r.kind is RowKind.LINE
                and r.label == "Programmamanager Jeugd (40% uitvoering)")  # 2023: doorlopend
    heading = next(r for r in sheet.rows if r.kind is RowKind.GROUP)
    for row in (line, heading):
        assert sheet.computed(row, 2022) is None
        assert sheet.markers_left_out(row, 2023) == 0


# --- the staffing sheet -------------------------------------------------------------------------

def staffing_plans(path: Path):
    """Two plans; the first (draft, 9 dagdelen per fte) with roles stored out of order, people and
    allocations; the second (adopted) with a role and a person of its own."""
    ws = create_workspace(path)
    with ws.transaction() as s:
        region = Region(name="Regio")
        plan = Plan(region=region, year=2022, title="Plan 2022", first_year=2022, last_year=2022,
                    half_days_per_fte=D("9.0"))
        other = Plan(region=region, year=2023, title="Plan 2023", first_year=2023, last_year=2023,
                     status=PlanStatus.ADOPTED, adopted_on=date(2022, 11, 10), adopted_by="BOJ")
        s.add_all([plan, other])
        s.flush()
        adviser = Role(plan_id=plan.id, position=1, role="Adviseur", fte=D("1.00"),
                           execution_fte=D("0.44"))  # 3,96 dagdelen: 4,0
        lead = Role(plan_id=plan.id, position=0, role="Leider", fte=D("0.80"),
                        execution_fte=D("0.46"))  # 4,14 dagdelen: 4,1
        secretary = Role(plan_id=plan.id, position=2, role="Secretariaat", fte=D("1.00"),
                             execution_fte=D("0.00"))
        elsewhere = Role(plan_id=other.id, position=0, role="Ander plan", fte=D("1.00"),
                             execution_fte=D("1.00"))
        s.add_all([adviser, lead, secretary, elsewhere])
        s.flush()
        bram = Person(plan_id=plan.id, position=1, name="Bram", available_half_days=D("3.0"))
        anna = Person(plan_id=plan.id, position=0, name="Anna", capacity_id=adviser.id,
                      available_half_days=D("4.0"))
        s.add_all([bram, anna, Person(plan_id=other.id, position=0, name="Cees",
                                      available_half_days=D("5.0"))])
        chapter = Chapter(plan_id=plan.id, position=0, number="1", title="Projecten")
        s.add(chapter)
        s.flush()
        one = Project(chapter_id=chapter.id, position=0, number="1.1", title="Een")
        two = Project(chapter_id=chapter.id, position=1, number="1.2", title="Twee")
        s.add_all([one, two])
        s.flush()
        s.add_all([
            Allocation(plan_id=plan.id, project_id=one.id, person_id=anna.id, half_days=D("2.5")),
            Allocation(plan_id=plan.id, project_id=two.id, person_id=anna.id,
                       capacity_id=adviser.id, half_days=D("1.0")),
            Allocation(plan_id=plan.id, project_id=two.id, capacity_id=lead.id, half_days=D("2.0")),
            Allocation(plan_id=plan.id, project_id=one.id, half_days=D("1.5")),
        ])
        ids = SimpleNamespace(plan=plan.id, other=other.id, adviser=adviser.id, lead=lead.id,
                              elsewhere=elsewhere.id)
    return ws, ids


@pytest.fixture
def staffing(tmp_path):
    ws, ids = staffing_plans(tmp_path / "formatie.planbord")
    yield ws, ids
    ws.close()


def test_staffing_sheet_roles_with_capacity_at_the_plans_factor(staffing):
    """Roles in their order with fte, and capacity = fte for execution x 9, to one decimal."""
    ws, ids = staffing
    sheet = load_staffing_figures(ws, ids.plan)
    assert sheet.half_days_per_fte == D("9.0")
    assert sheet.read_only is False
    assert [(r.role, r.fte, r.execution_fte) for r in sheet.roles] == [
        ("Leider", D("0.80"), D("0.46")), ("Adviseur", D("1.00"), D("0.44")),
        ("Secretariaat", D("1.00"), D("0.00"))]
    assert [str(r.capacity_half_days) for r in sheet.roles] == ["4.1", "4.0", "0.0"]


def test_staffing_sheet_people_with_their_role_and_dagdelen(staffing):
    """People in their order, available and allocated dagdelen (all their rows), role by name."""
    ws, ids = staffing
    sheet = load_staffing_figures(ws, ids.plan)
    assert [(p.name, p.available_half_days, p.allocated_half_days) for p in sheet.people] == [
        ("Anna", D("4.0"), D("3.5")), ("Bram", D("3.0"), D("0.0"))]
    assert [sheet.role_name(p.role_id) for p in sheet.people] == ["Adviseur", ""]
    assert sheet.role_name(ids.lead) == "Leider"
    assert sheet.role_name(ids.elsewhere) == ""  # another plan's role is not this sheet's
    assert sheet.role_name(None) == ""


def test_staffing_sheet_of_an_adopted_or_missing_plan(staffing):
    """Another plan's sheet has only its own role and person and is read-only; a gone plan none."""
    ws, ids = staffing
    sheet = load_staffing_figures(ws, ids.other)
    assert sheet.read_only is True
    assert sheet.half_days_per_fte == D("10.0")  # the default factor
    assert [r.role for r in sheet.roles] == ["Ander plan"]
    assert [str(r.capacity_half_days) for r in sheet.roles] == ["10.0"]
    assert [(p.name, p.allocated_half_days) for p in sheet.people] == [("Cees", D("0.0"))]
    assert load_staffing_figures(ws, ids.other + 99) is None


def test_staffing_sheet_of_the_demo_plan(demo):
    """2022: 0,4 + 1,8 + 0 fte for execution = 4 + 18 + 0 dagdelen; no named people; vastgesteld."""
    sheet = load_staffing_figures(demo, demo_plan(demo))
    assert sheet.read_only is True
    assert sheet.half_days_per_fte == D("10.0")
    assert [(r.role, r.fte, r.execution_fte, r.capacity_half_days) for r in sheet.roles] == [
        ("Programma-management", D("1.00"), D("0.40"), D("4.0")),
        ("Programma- en projectmanagement", D("1.80"), D("1.80"), D("18.0")),
        ("Secretariële ondersteuning", D("1.00"), D("0.00"), D("0.0"))]
    assert sum(r.capacity_half_days for r in sheet.roles) == D("22.0")
    assert sheet.people == []
    assert sheet.role_name(sheet.roles[1].id) == "Programma- en projectmanagement"
    draft = load_staffing_figures(demo, create_amendment(demo, demo_plan(demo)))
    assert draft.read_only is False
    assert [r.role for r in draft.roles] == [r.role for r in sheet.roles]


def test_capacity_at_a_half_tenth_rounds_half_up_everywhere(tmp_path):
    """0,45 fte for execution at 9 dagdelen per fte is 4,05 dagdelen: the roles table, the
    staffing figures and the matrix all show 4,1 (half-even rounding showed 4,0)."""
    from app.services.allocation_matrix import allocation_matrix
    from app.services.staffing import staffing_figures

    ws = create_workspace(tmp_path / "half.planbord")
    with ws.transaction() as s:
        plan = Plan(region=Region(name="Regio"), year=2022, title="Plan", first_year=2022,
                    last_year=2022, half_days_per_fte=D("9.0"))
        s.add(plan)
        s.flush()
        s.add(Role(plan_id=plan.id, position=0, role="Adviseur", fte=D("1.00"),
                       execution_fte=D("0.45")))
        plan_id = plan.id
    try:
        sheet = load_staffing_figures(ws, plan_id)
        assert [str(r.capacity_half_days) for r in sheet.roles] == ["4.1"]
        with ws.session() as s:
            plan = s.get(Plan, plan_id)
            figures = staffing_figures(s, plan)
            assert str(figures.capacity_half_days) == "4.1"
            assert [str(r.capacity_half_days) for r in figures.roles] == ["4.1"]
            assert str(allocation_matrix(s, plan).capacity) == "4.1"
    finally:
        ws.close()
