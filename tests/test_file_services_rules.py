"""The file services as a user meets them: exact numbers, finding plans, amendments that copy a
plan whole, the lock next to a file, the file format's checks and refusals (each with its
Dutch message), backups and their thinning, and upgrades of older files."""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import stat
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path, PurePosixPath, PureWindowsPath

import pytest
from sqlalchemy import select, text

from app.models import (
    Action,
    ActionStatus,
    Allocation,
    AllocationKey,
    Ambition,
    BudgetCell,
    BudgetGroup,
    BudgetLine,
    Chapter,
    FixedSettlement,
    FixedSettlementAmount,
    FundingAmount,
    FundingSource,
    Goal,
    KeyMethod,
    KeyShare,
    Marker,
    Municipality,
    MunicipalitySet,
    Person,
    Plan,
    PlanKind,
    PlanStatus,
    Project,
    ProjectAmbition,
    ProjectStatus,
    Region,
    Role,
)
from app.models import numbers
from app.models.numbers import NumberError
from app.models.types import Money, ScaledDecimal
from app.services import backups, fileformat, filelock, migrations, paths
from app.services import workspace as workspace_module
from app.services.edit_errors import EditError
from app.services.errors import (
    BackupError,
    CorruptFileError,
    LockedError,
    LockLostError,
    MissingFileError,
    NeedsUpgradeError,
    NewerVersionError,
    NotPlanbordError,
    NotSqliteError,
    ReadOnlyError,
    WorkspaceError,
)
from app.services.filelock import LockInfo, lock_path, read_lock
from app.services.plan_copy import create_amendment
from app.services.plans import (
    PlanNotFound,
    find_plan,
    list_plans,
    municipality_set_codes,
    project_numbers,
)
from app.services.workspace import create_workspace, open_workspace

D = Decimal


# =============================================================================================
# Small builders
# =============================================================================================

def add_plan(ws, year: int = 2022, **fields) -> int:
    """A region "Haaglanden" (made once) with a plan of ``year``; returns the plan id."""
    with ws.transaction() as s:
        region = s.scalar(select(Region)) or Region(name="Haaglanden")
        plan = Plan(region=region, year=year, title=fields.pop("title", f"Uitvoeringsplan {year}"),
                    first_year=year - 1, last_year=year + 1, **fields)
        s.add(plan)
        s.flush()
        return plan.id


def funding_total(ws) -> Decimal:
    with ws.session() as s:
        return sum(s.scalars(select(FundingAmount.amount)), D(0))


def funding_total_of(path: Path) -> Decimal:
    """The funding total on disk, read by a fresh read-only open."""
    with open_workspace(path, read_only=True) as ws:
        return funding_total(ws)


def add_funding(ws, amount: str, year: int = 2022) -> None:
    with ws.transaction() as s:
        source = s.scalar(select(FundingSource))
        if source is None:
            plan_id = s.scalar(select(Plan.id))
            if plan_id is None:
                region = Region(name="Haaglanden")
                plan = Plan(region=region, year=2022, title="Uitvoeringsplan 2022", first_year=2021,
                            last_year=2023)
                s.add(plan)
                s.flush()
                plan_id = plan.id
            source = FundingSource(plan_id=plan_id, name="reguliere regiobegroting")
            s.add(source)
            s.flush()
        s.add(FundingAmount(source_id=source.id, year=year, amount=D(amount)))


@pytest.fixture(scope="module")
def templates(tmp_path_factory) -> dict[str, Path]:
    """Made once per module (by the code under test), then copied: an empty workspace and
    one with a plan and 1.280.000,00 of funding."""
    folder = tmp_path_factory.mktemp("templates")
    create_workspace(folder / "empty.planbord").close()
    with create_workspace(folder / "funded.planbord") as ws:
        add_funding(ws, "1280000.00")
    return {"empty": folder / "empty.planbord", "funded": folder / "funded.planbord"}


@pytest.fixture
def blank(tmp_path, templates):
    """``blank(name)``: a closed, empty workspace of that name in tmp_path."""
    def make(name: str) -> Path:
        path = tmp_path / name
        shutil.copyfile(templates["empty"], path)
        return path
    return make


@pytest.fixture
def small_file(tmp_path, templates) -> Path:
    """A closed workspace with one plan and 1.280.000,00 of funding, never opened (no backups)."""
    path = tmp_path / "plan.planbord"
    shutil.copyfile(templates["funded"], path)
    return path


# =============================================================================================
# 1. Exact numbers (app/models/numbers.py, app/models/types.py)
# =============================================================================================

def test_money_refuses_a_boolean_instead_of_counting_it_as_one_euro():
    """A checkbox value typed into an amount must be refused, never stored as € 1,00."""
    with pytest.raises(TypeError, match="bool"):
        numbers.money(True)
    with pytest.raises(TypeError, match="float"):
        numbers.money(0.5)
    with pytest.raises(TypeError, match="list"):
        numbers.money([1])


def test_money_accepts_a_string_with_spaces_around_it():
    """An amount pasted with spaces around it is the amount, with two decimals."""
    assert str(numbers.money(" 127500 ")) == "127500.00"
    assert str(numbers.money("-0.5")) == "-0.50"
    assert str(numbers.money(D("3"))) == "3.00"


@pytest.mark.parametrize("value, words", [
    ("abc", "money: 'abc' is geen getal"),
    ("NaN", "money: 'NaN' is geen eindig getal"),
    ("-Infinity", "is geen eindig getal"),
    ("1.005", "bedrag '1.005' heeft meer dan twee decimalen"),
    ("1000000000000.00", "is groter dan 999.999.999.999,99"),
    ("-1000000000000.00", "is groter dan 999.999.999.999,99"),
])
def test_money_refusals_say_why_in_dutch(value, words):
    """Each refused amount says what is wrong with it."""
    with pytest.raises(NumberError) as caught:
        numbers.money(value)
    assert words in str(caught.value)


def test_the_largest_amount_is_allowed_in_both_signs():
    """999.999.999.999,99 is the largest amount a cell holds, positive or negative."""
    assert numbers.money("999999999999.99") == D("999999999999.99")
    assert numbers.money("-999999999999.99") == D("-999999999999.99")
    with pytest.raises(NumberError):
        numbers.money("1000000000000.00")
    with pytest.raises(NumberError):
        numbers.money("-1000000000000")


def test_money_to_cents_is_whole_cents_with_the_sign():
    """On disk an amount is its number of cents, negative amounts included."""
    assert numbers.money_to_cents(D("-0.01")) == -1
    assert numbers.money_to_cents(D("127500.50")) == 12750050
    with pytest.raises(NumberError):
        numbers.money_to_cents(D("0.001"))


def test_rounding_to_euros_goes_half_away_from_zero():
    """A half euro rounds up for contributions, and a negative half rounds down (to -3)."""
    assert numbers.round_to_euros(D("2.5")) == D("3")
    assert numbers.round_to_euros(D("-2.5")) == D("-3")
    assert numbers.round_to_euros(D("2.4999")) == D("2")


def test_figures_shown_round_half_up_not_half_even():
    """0,125 fte shows as 0,13 (not 0,12), 0,25 at one place as 0,3."""
    assert str(numbers.round_half_up(D("0.125"), 2)) == "0.13"
    assert str(numbers.round_half_up(D("0.25"), 1)) == "0.3"
    assert str(numbers.round_half_up(D("2.5"), 0)) == "3"
    assert str(numbers.round_half_up(D("7"), 2)) == "7.00"


def test_dagdelen_fte_and_percentages_keep_their_own_number_of_decimals():
    """Dagdelen take one decimal, fte and percentages two; more is refused naming the kind."""
    assert str(numbers.half_days("2.5")) == "2.5"
    assert str(numbers.half_days(3)) == "3.0"
    assert str(numbers.fte("0.45")) == "0.45"
    assert str(numbers.percentage("12.5")) == "12.50"
    with pytest.raises(NumberError, match=r"dagdelen '2.25' heeft meer dan 1 decimalen"):
        numbers.half_days("2.25")
    with pytest.raises(NumberError, match=r"fte '0.125' heeft meer dan 2 decimalen"):
        numbers.fte("0.125")
    with pytest.raises(NumberError, match=r"percentage '12.345' heeft meer dan 2 decimalen"):
        numbers.percentage("12.345")
    with pytest.raises(NumberError, match=r"getal '1.5' heeft meer dan 0 decimalen"):
        numbers.fixed("1.5", 0)
    with pytest.raises(NumberError, match="dagdelen: 'veel' is geen getal"):
        numbers.half_days("veel")


def test_scaled_columns_store_whole_tenths_and_hundredths_and_read_back_exactly():
    """Dagdelen go to disk as tenths, fte and percentages as hundredths, and read back with
    their decimals (10 % reads as 10.00, not 10)."""
    tenths, hundredths, cents = ScaledDecimal(1), ScaledDecimal(2), Money()
    assert tenths.process_bind_param(D("2.5"), None) == 25
    assert hundredths.process_bind_param(D("-12.35"), None) == -1235
    assert cents.process_bind_param("1280000", None) == 128000000
    assert tenths.process_bind_param(None, None) is None
    assert str(hundredths.process_result_value(1000, None)) == "10.00"
    assert str(tenths.process_result_value(-25, None)) == "-2.5"
    assert str(cents.process_result_value(5, None)) == "0.05"
    assert hundredths.process_result_value(None, None) is None
    with pytest.raises(NumberError):
        tenths.process_bind_param(D("2.25"), None)
    with pytest.raises(NumberError):  # money refuses what fixed(…, 2) would also refuse, and more
        cents.process_bind_param(D("1000000000000"), None)
    with pytest.raises(TypeError):
        cents.process_bind_param(0.1, None)


def test_a_plan_lists_its_budget_years_and_is_read_only_only_when_adopted():
    """The 2022 plan's budget runs 2021 to 2023, both ends included; only an adopted plan is
    read-only."""
    plan = Plan(year=2022, title="P", first_year=2021, last_year=2023, status=PlanStatus.DRAFT)
    assert plan.years == [2021, 2022, 2023]
    assert not plan.is_read_only
    plan.status = PlanStatus.ADOPTED
    assert plan.is_read_only
    assert Plan(year=2022, title="P", first_year=2022, last_year=2022).years == [2022]


def test_model_defaults_as_a_new_plan_gets_them(blank):
    """A new plan is a draft of kind plan with 10 dagdelen per fte; new rows start empty."""
    with open_workspace(blank("n.planbord")) as ws:
        plan_id = add_plan(ws)
        with ws.transaction() as s:
            chapter = Chapter(plan_id=plan_id, title="H")
            s.add(chapter)
            s.flush()
            project = Project(chapter_id=chapter.id, title="P")
            s.add(project)
            s.flush()
            s.add(Action(project_id=project.id, description="A"))
            s.add(Person(plan_id=plan_id, name="Jan"))
            s.add(AllocationKey(region_id=s.get(Plan, plan_id).region_id, name="K"))
        with ws.session() as s:
            plan = s.get(Plan, plan_id)
            assert (plan.kind, plan.status, plan.adopted_by, plan.adopted_on) == (
                PlanKind.PLAN, PlanStatus.DRAFT, "", None)
            assert str(plan.half_days_per_fte) == "10.0"
            project = s.scalar(select(Project))
            assert (project.status, project.is_general, project.stated_half_days) == (
                ProjectStatus.UNKNOWN, False, None)
            assert s.scalar(select(Action)).status is ActionStatus.UNKNOWN
            assert str(s.scalar(select(Person)).available_half_days) == "0.0"
            assert s.scalar(select(AllocationKey)).method is KeyMethod.BASIS
            # enums are stored as their readable Dutch/English values
            raw = s.execute(text("SELECT kind, status FROM plan")).one()
            assert tuple(raw) == ("plan", "draft")
            assert s.execute(text("SELECT status FROM action")).scalar() == "onbekend"


def test_a_cell_holds_an_amount_or_a_marker_never_both(blank):
    """The file itself refuses a cell with both an amount and PM; markers are stored as printed."""
    from sqlalchemy.exc import IntegrityError

    with open_workspace(blank("n.planbord")) as ws:
        plan_id = add_plan(ws)
        with ws.transaction() as s:
            group = BudgetGroup(plan_id=plan_id, name="G")
            group.lines = [BudgetLine(name="L", cells=[BudgetCell(year=2022, marker=Marker.IDEM)])]
            s.add(group)
        with ws.session() as s:
            assert s.execute(text("SELECT marker FROM budget_cell")).scalar() == "id."
        with pytest.raises(IntegrityError):
            with ws.transaction() as s:
                line_id = s.scalar(select(BudgetLine.id))
                s.add(BudgetCell(line_id=line_id, year=2023, amount=D("1.00"), marker=Marker.PM))
        with pytest.raises(IntegrityError):  # dagdelen are never negative
            with ws.transaction() as s:
                chapter = Chapter(plan_id=plan_id, title="H")
                s.add(chapter)
                s.flush()
                project = Project(chapter_id=chapter.id, title="P")
                s.add(project)
                s.flush()
                s.add(Allocation(plan_id=plan_id, project_id=project.id, half_days=D("-1.0")))


# =============================================================================================
# 2. Finding plans (app/services/plans.py)
# =============================================================================================

def test_an_empty_file_says_it_has_no_plan_yet(blank):
    """The command line on an empty file says there is no plan yet."""
    with open_workspace(blank("leeg.planbord")) as ws, ws.session() as s:
        with pytest.raises(PlanNotFound) as caught:
            find_plan(s)
        assert caught.value.message == "Dit bestand bevat nog geen uitvoeringsplan."
        assert list_plans(s) == []


def test_find_plan_takes_the_base_plan_of_the_year_or_of_the_newest_year(blank):
    """Without a year the newest year's plan is meant; an amendment of that year never
    replaces its plan, even when stored first; a year with only a scenario gives that."""
    with open_workspace(blank("p.planbord")) as ws:
        first_amendment = add_plan(ws, 2023, title="Wijziging eerst", kind=PlanKind.AMENDMENT)
        plan_2023 = add_plan(ws, 2023, title="Uitvoeringsplan 2023")
        plan_2021 = add_plan(ws, 2021)
        scenario_2020 = add_plan(ws, 2020, kind=PlanKind.SCENARIO)
        with ws.session() as s:
            assert find_plan(s).id == plan_2023
            assert find_plan(s, 2023).id == plan_2023
            assert find_plan(s, 2021).id == plan_2021
            assert find_plan(s, 2020).id == scenario_2020
            assert [p.id for p in list_plans(s)] == [scenario_2020, plan_2021, first_amendment, plan_2023]
            with pytest.raises(PlanNotFound) as caught:
                find_plan(s, 2022)
            assert caught.value.message == (
                "Er is geen uitvoeringsplan voor 2022. Wel voor: 2020, 2021, 2023.")
            assert str(caught.value) == caught.value.message


def test_set_codes_and_project_numbers_are_those_of_the_plan_only(blank):
    """Typing "H8" or "3.1" finds the set of this plan's region and the project of this plan,
    never another region's or plan's, and projects without a number are not typable."""
    with open_workspace(blank("p.planbord")) as ws:
        with ws.transaction() as s:
            here, there = Region(name="Haaglanden"), Region(name="Elders")
            here.municipality_sets = [MunicipalitySet(code="H8", name="H8"),
                                      MunicipalitySet(code="H10", name="H10")]
            there.municipality_sets = [MunicipalitySet(code="X1", name="X1")]
            plan = Plan(region=here, year=2022, title="P", first_year=2022, last_year=2022)
            other = Plan(region=there, year=2022, title="Q", first_year=2022, last_year=2022)
            s.add_all([plan, other])
            s.flush()
            ours = Chapter(plan_id=plan.id, title="3", number="3")
            theirs = Chapter(plan_id=other.id, title="3", number="3")
            ours.projects = [Project(title="a", number="3.1"), Project(title="b", number="")]
            theirs.projects = [Project(title="c", number="3.2")]
            s.add_all([ours, theirs])
            s.flush()
            plan_id, other_id = plan.id, other.id
            h8, h10 = (m.id for m in here.municipality_sets)
            a_id = ours.projects[0].id
            c_id = theirs.projects[0].id
        assert municipality_set_codes(ws, plan_id) == {"H8": h8, "H10": h10}
        assert project_numbers(ws, plan_id) == {"3.1": a_id}
        assert project_numbers(ws, other_id) == {"3.2": c_id}


# =============================================================================================
# 3. Amendments and scenarios copy the plan whole (app/services/plan_copy.py)
# =============================================================================================

def rich_plan(ws) -> int:
    """An adopted plan with every kind of content, including a chapter and a budget group
    whose parent was made after them (moved): returns its id."""
    with ws.transaction() as s:
        region = Region(name="Haaglanden")
        delft, haag = Municipality(name="Delft", position=0), Municipality(name="Den Haag", position=1)
        region.municipalities = [delft, haag]
        h1 = MunicipalitySet(code="H1", name="Alleen Delft", members=[delft])
        region.municipality_sets = [h1]
        ambition = Ambition(text="Thuis opgroeien", position=0)
        region.ambitions = [ambition]
        key = AllocationKey(name="Inwoners", method=KeyMethod.PERCENTAGE, basis_label="inw.",
                            note="2021")
        key.shares = [KeyShare(municipality=delft, percentage=D("40.00"), basis=100),
                      KeyShare(municipality=haag, percentage=D("60.00"), basis=150)]
        region.allocation_keys = [key]
        plan = Plan(region=region, year=2022, title="Uitvoeringsplan 2022", first_year=2021,
                    last_year=2023, status=PlanStatus.ADOPTED, adopted_on=date(2021, 11, 11),
                    adopted_by="BOJ", half_days_per_fte=D("9.0"), allocation_key=key)
        s.add(plan)
        s.flush()
        # a sub chapter made before its parent: the parent has the higher id
        sub = Chapter(plan_id=plan.id, title="Inkoop", number="3.1", position=0, text="t")
        s.add(sub)
        s.flush()
        top = Chapter(plan_id=plan.id, title="Projecten", number="3", position=1)
        s.add(top)
        s.flush()
        sub.parent_id = top.id
        first = Project(chapter_id=sub.id, title="Inkoop", number="3.1.1", description="d",
                        sponsor_admin="wethouder", sponsor_official="ambtenaar", contractor="bureau",
                        start_date=date(2022, 1, 1), end_date=date(2022, 12, 31),
                        status=ProjectStatus.AT_RISK, stated_half_days=D("2.0"), staffing_label="inkoop")
        first.goals = [Goal(text="doel 1", position=0), Goal(text="doel 2", position=1)]
        first.actions = [Action(description="actie", owner="Jan", due_date=date(2022, 6, 1),
                                status=ActionStatus.ACHIEVED, remark="klaar",
                                updated_on=date(2022, 6, 2))]
        general = Project(chapter_id=top.id, title="Algemeen", is_general=True, position=1)
        s.add_all([first, general])
        s.flush()
        s.add(ProjectAmbition(project_id=first.id, ambition_id=ambition.id))
        role = Role(plan_id=plan.id, role="Programmamanager", fte=D("1.00"),
                        execution_fte=D("0.40"))
        s.add(role)
        s.flush()
        person = Person(plan_id=plan.id, name="Marieke", capacity_id=role.id,
                        available_half_days=D("8.0"))
        loose = Person(plan_id=plan.id, name="Piet", available_half_days=D("2.0"))
        s.add_all([person, loose])
        s.flush()
        s.add_all([
            Allocation(plan_id=plan.id, project_id=first.id, capacity_id=role.id, half_days=D("1.5")),
            Allocation(plan_id=plan.id, project_id=first.id, person_id=person.id, half_days=D("2.0")),
            Allocation(plan_id=plan.id, project_id=general.id, half_days=D("3.0")),
        ])
        child = BudgetGroup(plan_id=plan.id, name="Beter Samenspel", number="1.1", position=0)
        s.add(child)
        s.flush()
        parent = BudgetGroup(plan_id=plan.id, name="Netwerk", number="1", shows_subtotal=True,
                             municipality_set_id=h1.id)
        s.add(parent)
        s.flush()
        child.parent_id = parent.id
        child.lines = [
            BudgetLine(name="Programmabureau", position=0, project_id=first.id, note="n",
                       cells=[BudgetCell(year=2021, marker=Marker.PM, note="nog niet bekend"),
                              BudgetCell(year=2022, amount=D("127500.50"))]),
            BudgetLine(name="Losse post", position=1, municipality_set_id=h1.id,
                       cells=[BudgetCell(year=2023, marker=Marker.ONGOING)]),
        ]
        source = FundingSource(plan_id=plan.id, name="regiobegroting", note="dekking")
        source.amounts = [FundingAmount(year=2022, amount=D("1280000.00")),
                          FundingAmount(year=2023, amount=D("-5.00"))]
        settlement = FixedSettlement(plan_id=plan.id, name="GIZ", municipality_set=h1, note="vast")
        settlement.amounts = [FixedSettlementAmount(year=2022, amount=D("1000.00"))]
        s.add_all([source, settlement])
        s.flush()
        return plan.id


def plan_contents(ws, plan_id: int) -> dict:
    """Everything a plan holds, by names instead of ids, so a copy can be compared."""
    with ws.session() as s:
        chapters = {c.id: c for c in s.scalars(select(Chapter).where(Chapter.plan_id == plan_id))}
        projects = {p.id: p for p in s.scalars(select(Project).where(Project.chapter_id.in_(chapters)))}
        roles = {r.id: r for r in s.scalars(select(Role).where(Role.plan_id == plan_id))}
        people = {p.id: p for p in s.scalars(select(Person).where(Person.plan_id == plan_id))}
        groups = {g.id: g for g in s.scalars(select(BudgetGroup).where(BudgetGroup.plan_id == plan_id))}

        def name(mapping, key, attr):
            return None if key is None else getattr(mapping[key], attr)

        return {
            "chapters": sorted((c.number, c.title, c.position, c.text, name(chapters, c.parent_id, "number"))
                               for c in chapters.values()),
            "projects": sorted(
                (p.number, p.title, p.position, p.description, p.sponsor_admin, p.sponsor_official,
                 p.contractor, p.start_date, p.end_date, p.status.value, p.is_general,
                 p.stated_half_days, p.staffing_label, chapters[p.chapter_id].number,
                 tuple((g.position, g.text) for g in p.goals),
                 tuple((a.description, a.owner, a.due_date, a.status.value, a.remark, a.updated_on)
                       for a in p.actions))
                for p in projects.values()),
            "ambitions": sorted(
                (projects[pid].title, aid) for pid, aid in s.execute(
                    select(ProjectAmbition.project_id, ProjectAmbition.ambition_id)
                    .where(ProjectAmbition.project_id.in_(projects)))),
            "roles": sorted((r.role, r.fte, r.execution_fte, r.position) for r in roles.values()),
            "people": sorted((p.name, p.available_half_days, name(roles, p.capacity_id, "role"))
                             for p in people.values()),
            "allocations": sorted(
                (projects[a.project_id].title, name(roles, a.capacity_id, "role") or "",
                 name(people, a.person_id, "name") or "", a.half_days)
                for a in s.scalars(select(Allocation).where(Allocation.plan_id == plan_id))),
            "groups": sorted((g.number, g.name, g.position, g.shows_subtotal, g.municipality_set_id,
                              name(groups, g.parent_id, "number")) for g in groups.values()),
            "lines": sorted(
                (groups[line.group_id].number, line.name, line.position, line.note,
                 line.municipality_set_id, name(projects, line.project_id, "title"),
                 tuple((c.year, c.amount, c.marker, c.note) for c in line.cells))
                for line in s.scalars(select(BudgetLine).where(BudgetLine.group_id.in_(groups)))),
            "funding": sorted(
                (f.name, f.note, f.position, tuple((a.year, a.amount) for a in f.amounts))
                for f in s.scalars(select(FundingSource).where(FundingSource.plan_id == plan_id))),
            "settlements": sorted(
                (f.name, f.note, f.municipality_set_id, tuple((a.year, a.amount) for a in f.amounts))
                for f in s.scalars(select(FixedSettlement).where(FixedSettlement.plan_id == plan_id))),
        }


def test_an_amendment_is_a_draft_copy_of_everything_in_the_plan(blank):
    """Wijziging maken copies chapters, projects, staffing, budget, funding and settlements
    into a new draft that refers to the adopted plan, which stays exactly as it was."""
    with open_workspace(blank("p.planbord")) as ws:
        other_id = rich_plan(ws)  # another region's plan in the same file: never copied along
        plan_id = rich_plan(ws)
        before, other = plan_contents(ws, plan_id), plan_contents(ws, other_id)
        assert len(before["lines"]) == 2 and len(before["allocations"]) == 3  # the builder's own check
        copy_id = create_amendment(ws, plan_id)
        assert copy_id not in (plan_id, other_id)
        assert plan_contents(ws, copy_id) == before
        assert plan_contents(ws, plan_id) == before
        assert plan_contents(ws, other_id) == other
        with ws.session() as s:
            copy, source = s.get(Plan, copy_id), s.get(Plan, plan_id)
            assert copy.title == "Uitvoeringsplan 2022 (wijziging 1)"
            assert (copy.kind, copy.status, copy.adopted_on, copy.adopted_by, copy.based_on_id) == (
                PlanKind.AMENDMENT, PlanStatus.DRAFT, None, "", plan_id)
            assert not copy.is_read_only
            assert (copy.year, copy.first_year, copy.last_year, copy.half_days_per_fte,
                    copy.region_id) == (2022, 2021, 2023, D("9.0"), source.region_id)
            assert (source.status, source.adopted_by, source.title) == (
                PlanStatus.ADOPTED, "BOJ", "Uitvoeringsplan 2022")
            # the amendment edits its own copy of the key; the adopted plan keeps its own
            assert copy.allocation_key_id != source.allocation_key_id
            assert copy.allocation_key.name == "Inwoners (wijziging 1)"
            assert source.allocation_key.name == "Inwoners"
            assert sorted((k.municipality.name, k.percentage, k.basis) for k in copy.allocation_key.shares) == [
                ("Delft", D("40.00"), 100), ("Den Haag", D("60.00"), 150)]
            assert copy.allocation_key.method is KeyMethod.PERCENTAGE
            # the copy's rows are new rows, never the source's rows moved over
            source_chapters = set(s.scalars(select(Chapter.id).where(Chapter.plan_id == plan_id)))
            copy_chapters = set(s.scalars(select(Chapter.id).where(Chapter.plan_id == copy_id)))
            assert len(copy_chapters) == 2 and not source_chapters & copy_chapters


def test_amendments_and_scenarios_are_numbered_each_on_their_own(blank):
    """The second amendment is "(wijziging 2)"; a scenario counts its own "(scenario 1)"."""
    with open_workspace(blank("p.planbord")) as ws:
        plan_id = add_plan(ws)
        other_id = add_plan(ws, 2023)
        ids = [create_amendment(ws, plan_id), create_amendment(ws, plan_id),
               create_amendment(ws, plan_id, PlanKind.SCENARIO), create_amendment(ws, other_id)]
        with ws.session() as s:
            titles = [s.get(Plan, i).title for i in ids]
            kinds = [s.get(Plan, i).kind for i in ids]
            assert s.get(Plan, plan_id).allocation_key_id is None
            assert s.get(Plan, ids[0]).allocation_key_id is None  # no key: none made
            assert s.scalar(select(AllocationKey)) is None
        assert titles == ["Uitvoeringsplan 2022 (wijziging 1)", "Uitvoeringsplan 2022 (wijziging 2)",
                          "Uitvoeringsplan 2022 (scenario 1)", "Uitvoeringsplan 2023 (wijziging 1)"]
        assert kinds == [PlanKind.AMENDMENT, PlanKind.AMENDMENT, PlanKind.SCENARIO, PlanKind.AMENDMENT]


def test_an_amendment_of_a_plan_that_is_gone_is_refused(blank):
    """A plan deleted meanwhile gives a Dutch refusal and no half copy."""
    with open_workspace(blank("p.planbord")) as ws:
        add_plan(ws)
        with pytest.raises(EditError) as caught:
            create_amendment(ws, 999)
        assert caught.value.message == "Dit plan bestaat niet meer."
        with ws.session() as s:
            assert len(list_plans(s)) == 1


# =============================================================================================
# 4. The lock next to a file (app/services/filelock.py)
# =============================================================================================

def write_lock(path: Path, **fields) -> bytes:
    info = {"host": filelock._this_host(), "user": "jan", "pid": os.getpid(),
            "opened_at": datetime(2021, 11, 11, 14, 3).astimezone().isoformat(), "token": "abc"}
    info.update(fields)
    lock_path(path).write_text(json.dumps(info), encoding="utf-8")
    return lock_path(path).read_bytes()


def test_the_lock_file_says_who_has_the_file_open_and_others_may_read_it(tmp_path, monkeypatch):
    """The lock names this computer, the user and the time to the second, and is readable
    by the colleagues who need to see who has the file."""
    monkeypatch.setattr(filelock, "_this_user", lambda: "marieke")
    path = tmp_path / "plan.planbord"
    old_mask = os.umask(0o022)
    try:
        ours = filelock.acquire_lock(path)
    finally:
        os.umask(old_mask)
    assert stat.S_IMODE(lock_path(path).stat().st_mode) == 0o644
    written = json.loads(lock_path(path).read_text(encoding="utf-8"))
    assert written["host"] == filelock._this_host() and written["user"] == "marieke"
    assert written["pid"] == os.getpid() and written["token"] == ours.token
    opened = datetime.fromisoformat(written["opened_at"])
    assert opened.utcoffset() is not None and opened.microsecond == 0
    assert abs(opened - datetime.now().astimezone()) < timedelta(minutes=1)
    assert read_lock(path) == ours
    assert ours.opened == opened


def test_the_user_name_comes_from_the_environment_when_the_system_has_none(tmp_path, monkeypatch):
    """In a container without a login name the lock still names USERNAME, else USER."""
    import getpass

    def no_login():
        raise OSError("no login name")

    monkeypatch.setattr(getpass, "getuser", no_login)
    monkeypatch.setenv("USERNAME", "jan-windows")
    monkeypatch.setenv("USER", "jan-unix")
    assert filelock._this_user() == "jan-windows"
    monkeypatch.delenv("USERNAME")
    assert filelock._this_user() == "jan-unix"
    monkeypatch.delenv("USER")
    assert filelock._this_user() == ""
    path = tmp_path / "plan.planbord"
    filelock.acquire_lock(path)
    with pytest.raises(LockedError) as caught:  # the lock of an unnamed user on this computer
        filelock.acquire_lock(path)
    assert caught.value.message == "“plan.planbord” is in dit programma al geopend."


def test_a_lock_that_cannot_be_read_counts_as_a_stale_lock_of_someone_unknown(tmp_path):
    """A lock path that is a folder (or unreadable) still locks the file, holder unknown; it
    names nobody, so it is stale and may be lifted (the empty folder is removed)."""
    path = tmp_path / "plan.planbord"
    lock_path(path).mkdir()
    assert read_lock(path) == LockInfo()
    with pytest.raises(LockedError) as caught:
        filelock.acquire_lock(path)
    assert caught.value.stale is True and caught.value.can_lift is True
    assert "niet te zien door wie" in caught.value.message
    assert filelock.break_lock(path) == LockInfo()
    assert not lock_path(path).exists()
    filelock.acquire_lock(path)


def test_a_lock_folder_that_cannot_be_removed_says_so_in_dutch(tmp_path):
    path = tmp_path / "plan.planbord"
    lock_path(path).mkdir()
    (lock_path(path) / "iets").write_text("x")
    with pytest.raises(WorkspaceError) as caught:
        filelock.break_lock(path)
    assert caught.value.message.startswith(
        "De vergrendeling van “plan.planbord” kan niet worden opgeheven: ")
    assert caught.value.message.endswith("de map is niet leeg.")


def test_a_lock_with_missing_fields_or_a_numeric_string_pid_is_read_as_written(tmp_path):
    """A lock written by an older Planbord (pid as text, no token) still names its holder."""
    path = tmp_path / "plan.planbord"
    lock_path(path).write_text(json.dumps({"host": "laptop-3", "pid": "42"}), encoding="utf-8")
    assert read_lock(path) == LockInfo(host="laptop-3", user="", pid=42, opened_at="", token="")
    lock_path(path).write_text(json.dumps({"user": "jan", "opened_at": "gisteren"}), encoding="utf-8")
    holder = read_lock(path)
    assert (holder.host, holder.pid, holder.opened) == ("", 0, None)
    assert holder.describe() == "jan op een onbekende computer"


def test_a_lock_of_a_holder_without_a_usable_process_id_is_never_stale():
    """Without a process id (0, negative) or a host, nobody can tell whether the holder runs."""
    here = filelock._this_host()
    assert filelock.lock_is_stale(LockInfo(host=here, user="jan", pid=0)) is None
    assert filelock.lock_is_stale(LockInfo(host=here, user="jan", pid=-5)) is None
    assert filelock.lock_is_stale(LockInfo(host="", user="jan", pid=os.getpid())) is None
    assert filelock.lock_is_stale(LockInfo(host=here.upper(), user="jan", pid=os.getpid())) is False
    assert filelock.lock_is_stale(LockInfo(host=here, user="root", pid=1)) is False  # init runs


def test_whether_a_process_runs_here(monkeypatch):
    """Process 0 or below never runs; one we may not signal does; one that is gone does not;
    asking never sends a real signal."""
    def kill_with(error):
        def kill(pid, sig):
            assert sig == 0  # only asks, never signals
            raise error
        return kill

    with monkeypatch.context() as patched:
        patched.setattr(os, "kill", kill_with(PermissionError()))
        assert filelock.pid_alive(12345) is True
        patched.setattr(os, "kill", kill_with(OSError("other")))
        assert filelock.pid_alive(12345) is True
        patched.setattr(os, "kill", kill_with(ProcessLookupError()))
        assert filelock.pid_alive(12345) is False
    assert filelock.pid_alive(os.getpid()) is True
    assert filelock.pid_alive(1) is True  # init always runs
    assert not filelock.pid_alive(0)
    assert not filelock.pid_alive(-1)


def test_this_programs_own_lock_is_recognised_whatever_the_case_of_the_host(tmp_path):
    """A lock of this very program with the host name in other capitals says it is open here."""
    path = tmp_path / "plan.planbord"
    host = filelock._this_host()
    write_lock(path, host=host.swapcase(), pid=os.getpid(), opened_at=datetime.now().astimezone().isoformat())
    with pytest.raises(LockedError) as caught:
        filelock.acquire_lock(path)
    assert caught.value.message == "“plan.planbord” is in dit programma al geopend."
    assert caught.value.can_lift is False
    write_lock(path, host="elders", pid=os.getpid())  # same pid on another computer: not us
    with pytest.raises(LockedError) as caught:
        filelock.acquire_lock(path)
    assert caught.value.message.startswith("“plan.planbord” is al geopend door jan op elders (sinds ")


def test_a_lock_cannot_be_made_in_a_missing_folder_and_says_why(tmp_path):
    """No lock next to a file in a folder that is gone: a Dutch message with the reason."""
    path = tmp_path / "weg" / "plan.planbord"
    with pytest.raises(WorkspaceError) as caught:
        filelock.acquire_lock(path)
    assert not isinstance(caught.value, LockedError)
    assert caught.value.message == (
        "Planbord kan naast “plan.planbord” geen vergrendeling aanmaken: de map bestaat niet (meer).")
    assert caught.value.path == path


def test_a_locked_error_carries_the_holder_and_staleness_for_the_dialog():
    """The GUI offers "opheffen" from the error's holder and stale fields."""
    holder = LockInfo(host="laptop", user="jan", pid=7)
    error = LockedError("bericht", Path("x.planbord"), holder, None)
    assert (error.message, str(error), error.path, error.holder, error.stale) == (
        "bericht", "bericht", Path("x.planbord"), holder, None)
    assert WorkspaceError("kort").path is None
    assert WorkspaceError("kort").args == ("kort",)  # a traceback in the log shows the message


def test_a_workspace_names_its_file_and_mode_in_logs_and_test_reports(small_file, tmp_path):
    ws = open_workspace(small_file)
    assert repr(ws) == f"<Workspace {str(small_file)!r} read-write>"
    ws.close()
    assert repr(ws) == f"<Workspace {str(small_file)!r} read-write closed>"
    ws = open_workspace(small_file, read_only=True)
    try:
        assert repr(ws) == f"<Workspace {str(small_file)!r} read-only>"
    finally:
        ws.close()


# =============================================================================================
# 5. The file format's checks (app/services/fileformat.py)
# =============================================================================================

def planbord_bytes_file(path: Path, *, page_size: int = 4096, wal: bool = False) -> None:
    """A minimal file of ours built with plain sqlite3 (no Planbord tables)."""
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA page_size={page_size}")
    conn.execute(f"PRAGMA application_id={fileformat.APPLICATION_ID}")
    if wal:
        conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)")
    conn.execute("CREATE TABLE filler (x TEXT)")
    conn.executemany("INSERT INTO filler VALUES (?)", [("x" * 200,) for _ in range(60)])
    conn.execute("INSERT INTO alembic_version VALUES (?)", (fileformat.HEAD_REVISION,))
    conn.commit()
    conn.close()


@pytest.mark.parametrize("page_size", [512, 65536])
def test_files_with_the_smallest_and_largest_page_size_are_ours(tmp_path, page_size):
    """SQLite files with 512-byte or 64 KiB pages (stored as 1 in the header) pass the checks."""
    path = tmp_path / "plan.planbord"
    planbord_bytes_file(path, page_size=page_size)
    header = fileformat.read_header(path)
    assert header.page_size == page_size
    assert header.application_id == fileformat.APPLICATION_ID
    assert header.size_valid and header.page_count * page_size == path.stat().st_size
    assert not header.wal
    assert fileformat.check_contents(path, can_recover=False) == fileformat.HEAD_REVISION


def test_the_header_tells_a_wal_file_from_a_rollback_file(tmp_path):
    """A WAL file is recognised as such from its header bytes."""
    path = tmp_path / "plan.planbord"
    planbord_bytes_file(path, wal=True)
    assert fileformat.read_header(path).wal
    header = bytearray(path.read_bytes()[:100])
    header[18] = 2
    header[19] = 1  # read version WAL, write version legacy: not WAL
    assert not fileformat.parse_header(bytes(header)).wal
    header[18], header[19] = 1, 2
    assert not fileformat.parse_header(bytes(header)).wal


@pytest.mark.parametrize("page_size", [0, 256, 768, 3072])
def test_an_impossible_page_size_is_damage(tmp_path, page_size):
    """A header with a page size SQLite never writes means the file is damaged."""
    path = tmp_path / "plan.planbord"
    planbord_bytes_file(path)
    data = bytearray(path.read_bytes())
    data[16:18] = page_size.to_bytes(2, "big")
    path.write_bytes(bytes(data))
    with pytest.raises(CorruptFileError) as caught:
        fileformat.read_header(path)
    assert caught.value.message == "“plan.planbord” is afgebroken of beschadigd en kan niet worden geopend."


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 4096])


def test_a_file_cut_short_is_refused_only_when_nobody_is_writing_it(tmp_path):
    """A file shorter than its header says is damaged, unless a -wal or -journal next to it
    says a writer may be busy, or the header's page count is not to be trusted."""
    path = tmp_path / "plan.planbord"
    planbord_bytes_file(path)
    _truncate(path)
    with pytest.raises(CorruptFileError):
        fileformat.read_header(path)
    for suffix in ("-wal", "-journal"):
        side = fileformat.sidecar(path, suffix)
        side.write_bytes(b"")
        assert fileformat.read_header(path).page_size == 4096
        side.unlink()
    data = bytearray(path.read_bytes())
    data[24:28] = data[92:96] = (0x01000005).to_bytes(4, "big")  # a file changed 16 million times
    path.write_bytes(bytes(data))
    with pytest.raises(CorruptFileError):
        fileformat.read_header(path)
    data[28:32] = (0x01000003).to_bytes(4, "big")  # claims 64 GB of pages
    path.write_bytes(bytes(data))
    with pytest.raises(CorruptFileError):
        fileformat.read_header(path)
    data[92:96] = (0x01000006).to_bytes(4, "big")  # the page count is not valid for this change
    path.write_bytes(bytes(data))
    assert not fileformat.read_header(path).size_valid


JPEG = b"\xff\xd8\xff\xe0" + bytes(200)

WHAT_IS_IT = [
    ("png", b"\x89PNG\r\n\x1a\n" + bytes(100), "een afbeelding (PNG)"),
    ("jpeg", JPEG, "een afbeelding (JPEG)"),
    ("pdf", b"%PDF-1.7\n" + bytes(100), "een PDF-document"),
    ("zip", b"PK\x03\x04" + bytes(100), "een ZIP-bestand (bijvoorbeeld een Excel- of Word-document)"),
    ("office", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "een ouder Office-document"),
    ("text", "Boodschappen: kaas, brood\n".encode(), "een tekstbestand"),
    # judged by its start: UTF-8 right after the first 100 bytes, Latin-1 further on
    ("long text", b"x" * 100 + "\u00e9\u00e9n\n".encode() + b"caf\xe9\n", "een tekstbestand"),
    ("binary", b"\x00\x01\xfe\xfa\xfb\x80" * 30, "geen database"),
]


@pytest.mark.parametrize("content, what", [w[1:] for w in WHAT_IS_IT], ids=[w[0] for w in WHAT_IS_IT])
def test_a_file_that_is_not_ours_is_named_for_what_it_is(tmp_path, content, what):
    """Opening a picture, PDF, spreadsheet or text says what the file is instead."""
    path = tmp_path / "plan.planbord"
    path.write_bytes(content)
    with pytest.raises(NotSqliteError) as caught:
        open_workspace(path)
    assert caught.value.message == f"“plan.planbord” is geen Planbord-bestand: het is {what}."
    assert list(tmp_path.iterdir()) == [path]


@pytest.mark.parametrize("make, error, message", [
    (lambda p: p.write_bytes(b""), NotSqliteError, "“x.planbord” is leeg; het is geen Planbord-bestand."),
    (lambda p: p.write_bytes(b"SQLite format 3\x00" + bytes(83)), CorruptFileError,
     "“x.planbord” is afgebroken of beschadigd en kan niet worden geopend."),
    (lambda p: p.mkdir(), NotSqliteError, "“x.planbord” is een map, geen Planbord-bestand."),
    (lambda p: None, MissingFileError,
     "Het bestand “x.planbord” bestaat niet (meer). Misschien is het verplaatst of hernoemd."),
], ids=["empty", "99 bytes", "folder", "missing"])
def test_refusals_before_sqlite_is_involved_say_what_is_wrong(tmp_path, make, error, message):
    """Empty, cut-off, a folder, or gone: each is refused with its own Dutch message."""
    path = tmp_path / "x.planbord"
    make(path)
    with pytest.raises(error) as caught:
        open_workspace(path)
    assert caught.value.message == message and caught.value.path == path


def test_a_database_of_another_program_is_refused_by_name(tmp_path):
    """Another program's SQLite file says so, both from its header and from SQLite itself."""
    path = tmp_path / "contacten.planbord"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.commit()
    conn.close()
    message = "“contacten.planbord” is een database van een ander programma, geen Planbord-bestand."
    with pytest.raises(NotPlanbordError) as caught:
        open_workspace(path)
    assert caught.value.message == message
    with pytest.raises(NotPlanbordError) as caught:
        fileformat.check_contents(path, can_recover=True)
    assert caught.value.message == message


@pytest.mark.parametrize("error, message", [
    (PermissionError(13, "Permission denied"), "U heeft geen rechten om “x.planbord” te lezen."),
    (OSError(5, "Input/output error"), "“x.planbord” kan niet worden gelezen: de schijf gaf een "
                                       "lees- of schrijffout; controleer of de schijf of netwerkmap "
                                       "nog bereikbaar is."),
    (OSError(9999, "Weird"), "“x.planbord” kan niet worden gelezen: een fout van het "
                             "besturingssysteem (Weird)."),
])
def test_a_file_that_cannot_be_read_says_why(tmp_path, monkeypatch, error, message):
    """No read permission, or a disk error: a Dutch message, not a traceback."""
    from app.services import output_paths

    path = tmp_path / "x.planbord"
    path.write_bytes(b"anything")

    def refuse(*args, **kwargs):
        raise error

    monkeypatch.setattr(output_paths, "read_head", refuse)
    with pytest.raises(WorkspaceError) as caught:
        fileformat.read_header(path)
    assert type(caught.value) is WorkspaceError
    assert caught.value.message == message and caught.value.path == path


def test_a_file_with_two_version_rows_is_incomplete(tmp_path):
    """A file whose version record is ambiguous is refused as incomplete."""
    path = tmp_path / "plan.planbord"
    planbord_bytes_file(path)
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO alembic_version VALUES ('0001')")
    conn.commit()
    conn.close()
    with pytest.raises(CorruptFileError) as caught:
        open_workspace(path)
    assert caught.value.message == (
        "“plan.planbord” mist de gegevens over zijn versie; het is onvolledig of beschadigd.")


def hot_journal_file(source: Path) -> Path:
    """A Planbord file (rollback journal) as left by a crash in the middle of a write:
    a copy of ``source`` and its hot journal taken while the transaction was open."""
    folder = source.parent
    conn = sqlite3.connect(source, isolation_level=None)
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.execute("PRAGMA cache_size=1")
    conn.execute("BEGIN")
    for _ in range(2000):
        conn.execute("INSERT INTO region (name) VALUES (?)", ("x" * 100,))
    path = folder / "gedeeld.planbord"
    path.write_bytes(source.read_bytes())
    fileformat.sidecar(path, "-journal").write_bytes(fileformat.sidecar(source, "-journal").read_bytes())
    conn.execute("ROLLBACK")
    conn.close()
    return path


def test_a_file_left_half_written_is_repaired_only_when_it_may_be_written(small_file):
    """Read-only, a crashed write cannot be undone: a Dutch message; opened to write, the
    half-written change is rolled back and the file opens as it was before."""
    path = hot_journal_file(small_file)
    with pytest.raises(WorkspaceError) as caught:
        fileformat.check_contents(path, can_recover=False)
    assert caught.value.message == (
        "“gedeeld.planbord” is bij een eerdere onderbreking niet netjes afgesloten. "
        "Open het met schrijfrechten, dan herstelt Planbord het eerst.")
    assert fileformat.sidecar(path, "-journal").exists()
    assert fileformat.check_contents(path, can_recover=True) == fileformat.HEAD_REVISION
    assert not fileformat.sidecar(path, "-journal").exists()
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM region").fetchone() == (1,)
    conn.close()


@pytest.mark.parametrize("code, error, message", [
    ("SQLITE_BUSY", WorkspaceError, "“x.planbord” is bezet door een ander programma. Probeer het zo opnieuw."),
    ("SQLITE_LOCKED_SHAREDCACHE", WorkspaceError,
     "“x.planbord” is bezet door een ander programma. Probeer het zo opnieuw."),
    ("SQLITE_CANTOPEN", WorkspaceError,
     "“x.planbord” kan niet worden gelezen. Controleer of de schijf of netwerkmap bereikbaar is "
     "en of u er rechten op heeft."),
    ("SQLITE_IOERR_READ", WorkspaceError, "“x.planbord” kan niet worden gelezen."),
    ("SQLITE_READONLY_DIRECTORY", WorkspaceError, "“x.planbord” kan niet worden gelezen."),
    ("SQLITE_PERM", WorkspaceError, "“x.planbord” kan niet worden gelezen."),
    ("SQLITE_NOTADB", CorruptFileError, "“x.planbord” is beschadigd en kan niet worden geopend."),
    (None, CorruptFileError, "“x.planbord” is beschadigd en kan niet worden geopend."),
])
def test_sqlite_errors_on_checking_become_dutch_messages(tmp_path, monkeypatch, code, error, message):
    """Busy, unreachable, no permission or damaged: each SQLite failure gets its own message."""
    path = tmp_path / "x.planbord"
    failure = sqlite3.OperationalError("low-level text")
    if code is not None:
        failure.sqlite_errorname = code

    def fail(p):
        raise failure

    monkeypatch.setattr(fileformat, "_check_contents", fail)
    with pytest.raises(WorkspaceError) as caught:
        fileformat.check_contents(path, can_recover=True)
    assert type(caught.value) is error
    assert caught.value.message.startswith(message) and "low-level" not in caught.value.message
    assert caught.value.path == path


def test_a_file_busy_in_another_program_is_reported_as_busy(small_file, monkeypatch):
    """While another program holds the file exclusively, opening says it is busy."""
    monkeypatch.setattr(fileformat, "BUSY_TIMEOUT_MS", 0)
    path = small_file
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.execute("BEGIN EXCLUSIVE")
    conn.execute("INSERT INTO region (name) VALUES ('bezig')")
    try:
        with pytest.raises(WorkspaceError) as caught:
            open_workspace(path, read_only=True)
        assert "is bezet door een ander programma" in caught.value.message
    finally:
        conn.execute("ROLLBACK")
        conn.close()



def test_a_write_waits_for_a_busy_file_only_its_busy_timeout_then_gives_up(small_file, monkeypatch):
    """Another program holds the file: a write waits the busy timeout (here 0,2 s) and then
    fails with SQLite's 'database is locked', which the workspace turns into a Dutch message;
    it never hangs (a timeout read as milliseconds-times-thousand would wait for hours)."""
    import threading

    monkeypatch.setattr(fileformat, "BUSY_TIMEOUT_MS", 200)
    holder = sqlite3.connect(small_file, isolation_level=None)
    holder.execute("PRAGMA journal_mode=DELETE")
    holder.execute("BEGIN EXCLUSIVE")
    outcome = []

    def write():
        conn = fileformat.connect_readwrite(small_file)
        try:
            conn.execute("INSERT INTO region (name) VALUES ('ook bezig')")
        except sqlite3.OperationalError as exc:
            outcome.append(str(exc))
        finally:
            conn.close()

    try:
        worker = threading.Thread(target=write, daemon=True)
        worker.start()
        worker.join(30)
        assert not worker.is_alive(), "the write still waits for the busy file"
        assert outcome == ["database is locked"]
    finally:
        holder.execute("ROLLBACK")
        holder.close()

def test_a_refused_file_keeps_the_side_files_another_program_is_using(small_file):
    """Refusing a file another program has open must not delete that program's -wal/-shm."""
    path = small_file
    other = sqlite3.connect(path)
    other.execute("UPDATE alembic_version SET version_num='9999_nieuw'")
    other.commit()
    other.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # an empty -wal and its -shm stay while open
    other.execute("SELECT count(*) FROM region").fetchall()
    try:
        wal, shm = fileformat.sidecar(path, "-wal"), fileformat.sidecar(path, "-shm")
        assert wal.exists() and shm.exists() and wal.stat().st_size == 0
        with pytest.raises(NewerVersionError):
            open_workspace(path, read_only=True)
        assert wal.exists() and shm.exists()
        assert other.execute("SELECT version_num FROM alembic_version").fetchone() == ("9999_nieuw",)
    finally:
        other.close()


def test_uris_keep_awkward_names_and_parameters(tmp_path):
    """Names with spaces, #, ? and % reach SQLite unchanged; the mode follows the name."""
    path = tmp_path / "Plan 50% #1?.planbord"
    uri = fileformat.sqlite_uri(path, mode="ro", immutable="1")
    assert uri == "file://" + str(tmp_path).replace(" ", "%20") + "/Plan%2050%25%20%231%3F.planbord?mode=ro&immutable=1"
    assert fileformat.sqlite_uri(Path("/a:b/c.planbord")) == "file:///a:b/c.planbord"


def test_windows_paths_become_file_uris_with_three_slashes(monkeypatch):
    """On Windows C:\\Users\\jan\\plan.planbord must become file:///C:/Users/jan/plan.planbord."""

    class WindowsPath:
        def __init__(self, path):
            self.path = PureWindowsPath(path)

        def absolute(self):
            return self.path

    monkeypatch.setattr(fileformat, "Path", WindowsPath)
    assert fileformat.sqlite_uri(r"C:\Users\jan\plan.planbord", mode="rw") == \
        "file:///C:/Users/jan/plan.planbord?mode=rw"


def test_read_only_connections_use_immutable_only_for_a_quiet_wal_file_in_a_locked_folder(
        tmp_path, monkeypatch):
    """A WAL file in a folder we cannot write is read as immutable, but never while a -wal
    with content or a -journal says someone is writing, and never a rollback file."""
    wal_file, rollback_file = tmp_path / "wal.planbord", tmp_path / "rb.planbord"
    planbord_bytes_file(wal_file, wal=True)
    planbord_bytes_file(rollback_file)
    assert not fileformat.needs_immutable(wal_file)  # writable folder
    monkeypatch.setattr(fileformat, "folder_writable", lambda p: False)
    assert fileformat.needs_immutable(wal_file)
    assert not fileformat.needs_immutable(rollback_file)
    assert not fileformat.needs_immutable(tmp_path / "weg.planbord")
    short = tmp_path / "kort.planbord"
    short.write_bytes(b"SQLite format 3\x00\x10\x00\x02")  # 19 bytes
    assert not fileformat.needs_immutable(short)
    wal = fileformat.sidecar(wal_file, "-wal")
    wal.write_bytes(b"")
    assert fileformat.needs_immutable(wal_file)  # an empty -wal is nothing pending
    wal.write_bytes(b"pending")
    assert not fileformat.needs_immutable(wal_file)
    wal.unlink()
    fileformat.sidecar(wal_file, "-journal").write_bytes(b"")
    assert not fileformat.needs_immutable(wal_file)
    fileformat.sidecar(wal_file, "-journal").unlink()
    conn = fileformat.connect_readonly(wal_file)  # immutable: reads, makes no -shm
    try:
        assert conn.execute("SELECT count(*) FROM filler").fetchone() == (60,)
    finally:
        conn.close()
    assert not fileformat.sidecar(wal_file, "-shm").exists()


@pytest.mark.parametrize("read_only", [False, True])
def test_every_connection_waits_for_a_busy_file_and_guards_read_only(small_file, read_only):
    """Each connection waits five seconds for a busy file, enforces the links between rows,
    and a read-only one refuses writes even by plain SQL."""
    with open_workspace(small_file, read_only=read_only) as ws:
        with ws.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA query_only").scalar() == int(read_only)


@pytest.mark.parametrize("read_only", [False, True])
def test_an_open_file_can_be_read_from_another_thread(small_file, read_only):
    """A timer or chart thread may read the open file on a pooled connection."""
    import threading

    with open_workspace(small_file, read_only=read_only) as ws:
        assert funding_total(ws) == D("1280000.00")  # a connection now waits in the pool
        results = []
        thread = threading.Thread(target=lambda: results.append(funding_total(ws)))
        thread.start()
        thread.join()
        assert results == [D("1280000.00")]


def test_a_new_file_gets_its_name_only_when_complete_and_never_over_another(tmp_path, monkeypatch):
    """The finished file takes the chosen name; an existing file of that name is never
    replaced, also on a drive without hard links."""
    tmp, target = tmp_path / ".t.new", tmp_path / "plan.planbord"
    tmp.write_bytes(b"nieuw")
    fileformat.publish_new_file(tmp, target)
    assert target.read_bytes() == b"nieuw" and not tmp.exists()
    tmp.write_bytes(b"tweede")
    with pytest.raises(WorkspaceError) as caught:
        fileformat.publish_new_file(tmp, target)
    assert caught.value.message == "Het bestand “plan.planbord” bestaat al; kies een andere naam."
    assert caught.value.path == target
    assert target.read_bytes() == b"nieuw"

    def no_links(src, dst):
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    with pytest.raises(WorkspaceError) as caught:
        fileformat.publish_new_file(tmp, target)
    assert caught.value.message == "Het bestand “plan.planbord” bestaat al; kies een andere naam."
    assert caught.value.path == target
    assert target.read_bytes() == b"nieuw" and tmp.read_bytes() == b"tweede"
    other = tmp_path / "ander.planbord"
    fileformat.publish_new_file(tmp, other)
    assert other.read_bytes() == b"tweede" and not tmp.exists()


def test_a_workspace_can_be_created_on_a_drive_without_hard_links(tmp_path, monkeypatch):
    """FAT and some shares have no hard links: creating still works and leaves no temp file."""
    def no_links(src, dst):
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    path = tmp_path / "usb.planbord"
    with create_workspace(path) as ws:
        add_funding(ws, "2.00")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "planbord-data") == ["usb.planbord"]
    with open_workspace(path) as ws:
        assert funding_total(ws) == D("2.00")


MOUNTS = (
    "/dev/vda / ext4 rw 0 0\n"
    "garbage-line\n"
    "\n"
    "server:/export /mnt/nas ext4 rw 0 0\n"
    "server:/export /mnt/nas nfs4 rw 0 0\n"  # mounted over the first: the later one counts
    "//fs/a /mnt/tab\\011dir smb3 rw 0 0\n"
    "//fs/b /mnt/nl\\012dir smbfs2 rw 0 0\n"
    "//fs/c /mnt/back\\134slash cifs rw 0 0\n"
    "host:/ /mnt/slash/ 9p rw 0 0\n"
    "host:/ /mnt/short nfs\n"  # three fields are enough
)


@pytest.mark.parametrize("path, fs_type", [
    ("/mnt/nas/plan.planbord", "nfs4"),
    ("/mnt/nas", "nfs4"),
    ("/mnt/tab\tdir/plan.planbord", "smb3"),
    ("/mnt/nl\ndir/plan.planbord", "smbfs2"),
    ("/mnt/back\\slash/plan.planbord", "cifs"),
    ("/mnt/slash/plan.planbord", "9p"),
    ("/mnt/slashdot/plan.planbord", "ext4"),
    ("/mnt/short/plan.planbord", "nfs"),
    ("/home/plan.planbord", "ext4"),
])
def test_the_mount_holding_a_file_decides_its_file_system(path, fs_type):
    """The longest (and latest) mount point holding the file gives its type, with the
    escapes of /proc/mounts read back and broken lines skipped."""
    assert fileformat.linux_fs_type(PurePosixPath(path), MOUNTS) == fs_type


def test_a_file_without_a_matching_mount_has_no_file_system_type():
    """Without a root mount, a path outside every mount point has no type (taken as local)."""
    assert fileformat.linux_fs_type(PurePosixPath("/home/x"), "server:/e /mnt/nas nfs rw 0 0\n") == ""


def test_network_shares_are_recognised_on_linux(monkeypatch):
    """Files on NFS and on any smb-type share get the rollback journal; local files and
    paths that cannot be resolved do not."""
    monkeypatch.setattr(fileformat, "_read_proc_mounts", lambda: MOUNTS)
    monkeypatch.setattr(fileformat.sys, "platform", "linux")
    assert fileformat.is_network_path("/mnt/nas/plan.planbord")
    assert fileformat.is_network_path("/mnt/nl\ndir/plan.planbord")
    assert not fileformat.is_network_path("/home/plan.planbord")
    assert fileformat.wanted_journal_mode(Path("/mnt/nas/plan.planbord")) == "delete"
    assert fileformat.wanted_journal_mode(Path("/home/plan.planbord")) == "wal"
    assert not fileformat.is_network_path("/mnt/nas/a\0b", platform="linux")  # realpath refuses NUL
    assert not fileformat.is_network_path("/mnt/nas/plan.planbord", platform="darwin")


def test_proc_mounts_is_read_when_there(monkeypatch, tmp_path):
    """The real /proc/mounts is read as text, also with a mount point whose name is not
    UTF-8; a system without it gives no mounts."""
    text_read = fileformat._read_proc_mounts()
    assert (" / " in text_read) == Path("/proc/mounts").exists()
    real_open = open
    fake = tmp_path / "mounts"
    fake.write_bytes(b"/dev/sdb /media/caf\xe9 vfat rw 0 0\nserver:/e /mnt/nas nfs4 rw 0 0\n")

    def fake_proc(path, *args, **kwargs):
        return real_open(fake if str(path) == "/proc/mounts" else path, *args, **kwargs)

    with monkeypatch.context() as patched:
        patched.setattr(fileformat, "open", fake_proc, raising=False)
        patched.setattr(fileformat.sys, "platform", "linux")
        assert "/mnt/nas nfs4" in fileformat._read_proc_mounts()
        assert fileformat.is_network_path("/mnt/nas/plan.planbord")

    def no_proc(path, *args, **kwargs):
        if str(path) == "/proc/mounts":
            raise FileNotFoundError(path)
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(fileformat, "open", no_proc, raising=False)
    assert fileformat._read_proc_mounts() == ""


def test_a_relative_windows_path_is_local():
    """A path without a drive is local; the drive type is not even asked."""
    def never(root):
        raise AssertionError("asked")

    assert not fileformat.windows_is_remote(PureWindowsPath(r"plan.planbord"), drive_type=never)
    assert fileformat.windows_is_remote(PureWindowsPath(r"Z:\plan.planbord"), drive_type={"Z:\\": 4}.get)
    assert not fileformat.windows_is_remote(PureWindowsPath(r"C:\plan.planbord"), drive_type={"C:\\": 3}.get)


# =============================================================================================
# 6. Backups: where, when, which are kept, and their messages (app/services/backups.py)
# =============================================================================================

NOW = datetime(2022, 11, 11, 14, 3, 0)  # a Friday; its week began Monday 7 November


def put_backups(workspace_path: Path, names) -> Path:
    folder = backups.backup_folder(workspace_path)
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / name).write_bytes(b"x")
    return folder


def stamp(moment: datetime) -> str:
    return f"{moment:%Y%m%d-%H%M%S}.planbord"


def test_backups_of_a_file_reached_through_a_link_are_the_same_backups(tmp_path):
    """The backup folder is named after the file and a short hash of its real place, so a link
    to the file finds the same backups, and backups made by earlier versions are still found."""
    path = tmp_path / "Uitvoeringsplan.planbord"
    path.write_bytes(b"")
    link = tmp_path / "snelkoppeling.planbord"
    link.symlink_to(path)
    folder = backups.backup_folder(path)
    assert backups.backup_folder(link).name == "snelkoppeling-" + folder.name.split("-", 1)[1]
    assert folder.parent == paths.backups_dir()
    digest = hashlib.sha256(str(path.resolve()).encode("utf-8")).hexdigest()
    assert folder.name == f"Uitvoeringsplan-{digest[:10]}"


def test_the_backup_list_is_newest_first_and_skips_what_is_not_a_backup(tmp_path):
    """Backups of one second are ordered by their number (-10 after -9); foreign files and
    impossible dates are left out instead of breaking the list."""
    path = tmp_path / "plan.planbord"
    folder = put_backups(path, ["20221111-140300.planbord", "20221111-140300-9.planbord",
                                "20221111-140300-10.planbord", "20221110-090000.planbord",
                                "20221399-140300.planbord", "20221111-140300.planbord.bak",
                                "x20221111-140300.planbord", "notities.txt"])
    (folder / "20221111-140300-2.planbord").write_bytes(b"12345")
    entries = backups.list_backups(path)
    assert [e.path.name for e in entries] == [
        "20221111-140300-10.planbord", "20221111-140300-9.planbord", "20221111-140300-2.planbord",
        "20221111-140300.planbord", "20221110-090000.planbord"]
    assert entries[2].size == 5 and entries[2].created == datetime(2022, 11, 11, 14, 3, 0)
    assert entries[4].created == datetime(2022, 11, 10, 9, 0, 0)
    assert backups.list_backups(tmp_path / "nooit-geopend.planbord") == []
    # a copy by hand named "-1" shares its moment with the first backup of that second
    put_backups(path, ["20221110-090000-1.planbord"])
    assert {e.path.name for e in backups.list_backups(path)[-2:]} == {
        "20221110-090000.planbord", "20221110-090000-1.planbord"}


def test_thinning_keeps_each_of_the_last_fourteen_days_and_not_the_fifteenth():
    """Besides the newest ten, the newest backup of each of the last 14 days (today is day 0)
    stays; an older backup of the same week goes once it is 14 days old."""
    newest = [NOW - timedelta(minutes=i) for i in range(10)]
    day_12 = datetime(2022, 10, 30, 12, 0)  # Sunday: newest of its week
    day_13 = datetime(2022, 10, 29, 12, 0)  # kept only because of its day
    day_13_earlier = datetime(2022, 10, 29, 8, 0)  # not the newest of its day
    day_14 = datetime(2022, 10, 28, 12, 0)  # neither its day nor its week
    keep = backups.backups_to_keep(newest + [day_12, day_13, day_13_earlier, day_14], NOW)
    assert keep == set(newest) | {day_12, day_13}


def test_thinning_keeps_one_a_week_for_eight_weeks_and_not_the_ninth():
    """The newest backup of each of the last 8 weeks (Monday to Sunday, this week included)
    stays; the ninth week back keeps none."""
    newest = [NOW - timedelta(minutes=i) for i in range(10)]
    week_7 = datetime(2022, 9, 21, 12, 0)  # Wednesday of the week of Monday 19 September
    week_7_earlier = datetime(2022, 9, 19, 0, 0)
    week_8 = datetime(2022, 9, 18, 23, 59)  # Sunday of the week before
    keep = backups.backups_to_keep(newest + [week_7, week_7_earlier, week_8], NOW)
    assert keep == set(newest) | {week_7}


def test_backups_dated_after_now_do_not_take_the_place_of_todays():
    """After a clock correction, backups dated in the future are kept only as part of the
    newest ten; today's newest backup is still kept for today."""
    future = [datetime(2023, 1, 1) + timedelta(days=i) for i in range(10)]
    tomorrow = datetime(2022, 11, 12, 9, 0)  # this week, after now: this week's newest
    today = datetime(2022, 11, 11, 10, 0)
    today_earlier = datetime(2022, 11, 11, 9, 0)
    keep = backups.backups_to_keep(future + [tomorrow, today, today_earlier], NOW)
    assert keep == set(future) | {tomorrow, today}
    two_days = [datetime(2023, 1, 1) + timedelta(days=i) for i in range(11)]
    assert backups.backups_to_keep(two_days, NOW) == set(two_days[1:])


def test_eleven_backups_in_one_second_lose_only_the_first(tmp_path):
    """The newest ten means ten files, also when they share a second."""
    path = tmp_path / "plan.planbord"
    names = ["20221111-140300.planbord"] + [f"20221111-140300-{n}.planbord" for n in range(2, 12)]
    folder = put_backups(path, names)
    deleted = backups.thin_backups(path, NOW)
    assert [p.name for p in deleted] == ["20221111-140300.planbord"]
    assert sorted(p.name for p in folder.iterdir()) == sorted(names[1:])


def test_thinning_after_a_backup_counts_days_from_the_backups_own_time(small_file):
    """A backup made at a given time thins the others relative to that time: the daily
    backups of the two weeks before it all stay."""
    daily = [NOW - timedelta(days=d, hours=1) for d in range(1, 14)]
    put_backups(small_file, [stamp(t) for t in daily])
    source = fileformat.connect_readonly(small_file)
    try:
        made = backups.make_backup(source, small_file, now=NOW)
    finally:
        source.close()
    assert made.name == "20221111-140300.planbord"
    assert {e.created for e in backups.list_backups(small_file)} == set(daily) | {NOW}


def test_three_backups_in_one_second_are_numbered_and_a_return_to_older_content_is_kept(small_file):
    """Changes within one second give -2 and -3; content equal to an older (not the newest)
    backup is still backed up, content equal to the newest is not."""
    made = []
    with open_workspace(small_file) as ws:
        folder = backups.backup_folder(small_file)
        for name in os.listdir(folder):  # start from an empty folder
            (folder / name).unlink()
        for year in (2030, 2031):
            with ws.engine.connect() as conn:
                made.append(backups.make_backup(conn.connection.driver_connection, small_file, now=NOW))
            add_funding(ws, "1.00", year=year)
        with ws.transaction() as s:  # back to the content of the first backup
            for row in s.scalars(select(FundingAmount).where(FundingAmount.year >= 2030)):
                s.delete(row)
        with ws.engine.connect() as conn:
            made.append(backups.make_backup(conn.connection.driver_connection, small_file, now=NOW))
            made.append(backups.make_backup(conn.connection.driver_connection, small_file, now=NOW))
    assert [p.name if p else None for p in made] == [
        "20221111-140300.planbord", "20221111-140300-2.planbord", "20221111-140300-3.planbord", None]


def test_identical_content_gives_the_same_fingerprint_whatever_the_header_counters(tmp_path):
    """Two backups of unchanged content count as equal even when SQLite's change counter and
    version fields in the header differ; any other difference counts."""
    a = tmp_path / "a.planbord"
    planbord_bytes_file(a)
    data = bytearray(a.read_bytes())
    data[24:28] = b"\x81\x82\x83\x84"
    data[92:100] = b"\x91\x92\x93\x94\x95\x96\x97\x98"
    b = tmp_path / "b.planbord"
    b.write_bytes(bytes(data))
    assert backups.content_hash(a) == backups.content_hash(b)
    for byte in (20, 23, 28, 91, 100):  # header bytes beside the counters, and the first after the header
        data[byte] ^= 1
        b.write_bytes(bytes(data))
        assert backups.content_hash(a) != backups.content_hash(b), byte
        data[byte] ^= 1
    data[-1] ^= 1  # the last byte of the last page
    b.write_bytes(bytes(data))
    assert backups.content_hash(a) != backups.content_hash(b)


def damaged_index_file(path: Path) -> None:
    """A Planbord file whose index disagrees with its table: SQLite's quick check passes, the
    full integrity check of a backup does not."""
    with create_workspace(path) as ws:
        plan_id = add_plan(ws)
        with ws.transaction() as s:
            s.add_all(FundingSource(plan_id=plan_id, name=f"bron {i}", position=-i) for i in range(30))
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.execute("PRAGMA writable_schema=ON")
    conn.execute("UPDATE sqlite_master SET sql=replace(sql, '(plan_id)', '(position)') "
                 "WHERE name='ix_funding_source_plan_id'")
    conn.commit()
    conn.close()
    # Rebuilt over the other column, then its definition put back: the index is ours by
    # definition (opening's schema check passes), only its contents disagree with the table.
    conn = sqlite3.connect(path)
    conn.execute("REINDEX ix_funding_source_plan_id")
    conn.execute("PRAGMA writable_schema=ON")
    conn.execute("UPDATE sqlite_master SET sql=replace(sql, '(position)', '(plan_id)') "
                 "WHERE name='ix_funding_source_plan_id'")
    conn.commit()
    conn.close()


def test_a_file_whose_backup_fails_its_check_opens_and_says_so(tmp_path):
    """A file that opens but cannot be backed up intact opens anyway, with a Dutch warning
    and no damaged backup kept; a copy of it is refused."""
    path = tmp_path / "plan.planbord"
    damaged_index_file(path)
    with open_workspace(path) as ws:
        assert not ws.read_only
        assert ws.backup_error.message == (
            "De reservekopie van “plan.planbord” bleek bij controle beschadigd en is weggegooid. "
            "Het bestand zelf is mogelijk beschadigd; zet zo nodig een eerdere reservekopie terug.")
        assert ws.backup_error.path == path
    assert backups.list_backups(path) == []
    assert list(backups.backup_folder(path).iterdir()) == []
    with pytest.raises(BackupError) as caught:
        backups.copy_workspace(path, tmp_path / "kopie.planbord")
    assert caught.value.message == "“plan.planbord” is beschadigd; Planbord heeft de kopie niet gemaakt."
    assert caught.value.path == path  # the damaged file, not the copy that was never made
    with pytest.raises(BackupError) as caught:
        backups.restore_backup(path, tmp_path / "terug.planbord")
    assert caught.value.message == "“plan.planbord” is beschadigd; Planbord heeft de reservekopie niet gemaakt."
    assert not [p.name for p in tmp_path.iterdir() if "kopie" in p.name or "terug" in p.name]


def test_a_backup_that_cannot_be_written_says_so_and_leaves_no_temp_files(small_file, monkeypatch):
    """Disk full while backing up: a Dutch message, and no half-written file left behind."""
    folder = backups.backup_folder(small_file)

    def disk_full(source, target):
        Path(target).write_bytes(b"half")
        Path(str(target) + "-journal").write_bytes(b"half")
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(backups, "_snapshot", disk_full)
    source = fileformat.connect_readonly(small_file)
    try:
        with pytest.raises(BackupError) as caught:
            backups.make_backup(source, small_file)
    finally:
        source.close()
    assert caught.value.message == (
        "Planbord kon geen reservekopie maken van “plan.planbord”. Controleer of er ruimte op de "
        "schijf is.")
    assert caught.value.path == small_file
    assert list(folder.iterdir()) == []


def test_a_copy_or_restore_never_replaces_a_file_and_names_what_it_would_have_made(tmp_path, small_file):
    """Save a copy and restore refuse an existing name, each naming its own kind of file."""
    existing = tmp_path / "bestaat.planbord"
    existing.write_bytes(b"eigen werk")
    with pytest.raises(WorkspaceError) as caught:
        backups.copy_workspace(small_file, existing)
    assert caught.value.message == (
        "Het bestand “bestaat.planbord” bestaat al. Kies een nieuwe naam voor de kopie; "
        "Planbord overschrijft geen bestaand bestand.")
    assert caught.value.path == existing
    with pytest.raises(WorkspaceError) as caught:
        backups.restore_backup(small_file, existing)
    assert "Kies een nieuwe naam voor de reservekopie;" in caught.value.message
    assert existing.read_bytes() == b"eigen werk"


def test_a_copy_into_a_missing_folder_says_where_it_could_not_save(tmp_path, small_file, caplog):
    """A copy that cannot be written names the new file and the usual causes."""
    target = tmp_path / "weg" / "kopie.planbord"
    with pytest.raises(BackupError) as caught:
        backups.copy_workspace(small_file, target)
    assert caught.value.message == (
        "Planbord kon de kopie niet opslaan als “kopie.planbord”. Controleer of de map bestaat, "
        "u er mag schrijven en er ruimte op de schijf is.")
    assert caught.value.path == target
    # The log (for whoever helps the user) names both files and what the system said.
    failed = [r for r in caplog.records if r.name == backups.log.name and r.levelname == "ERROR"]
    assert len(failed) == 1
    assert failed[0].getMessage().startswith(f"copy of {small_file} to {target} failed: ")
    assert "No such file or directory" in failed[0].getMessage() or "unable to open" in failed[0].getMessage()
    with pytest.raises(BackupError) as caught:
        backups.restore_backup(small_file, target)
    assert caught.value.message.startswith("Planbord kon de reservekopie niet opslaan als")


def test_a_copy_of_a_file_from_a_newer_program_is_refused_by_name(tmp_path, small_file):
    """Copying a file this program cannot read says to update Planbord."""
    conn = sqlite3.connect(small_file)
    conn.execute("UPDATE alembic_version SET version_num='9999_nieuw'")
    conn.commit()
    conn.close()
    with pytest.raises(NewerVersionError) as caught:
        backups.copy_workspace(small_file, tmp_path / "kopie.planbord")
    assert caught.value.message == (
        "“plan.planbord” is gemaakt met een nieuwere versie van Planbord. Werk Planbord bij om "
        "het te gebruiken.")
    assert caught.value.path == small_file
    assert not (tmp_path / "kopie.planbord").exists()


# =============================================================================================
# 7. Older files: backed up, then upgraded (workspace._upgrade, migrations.py)
# =============================================================================================

def older_file(path: Path, templates, *, broken_link: bool = False) -> None:
    """A workspace as the first released Planbord wrote it (revision 0001: no ambitions)."""
    shutil.copyfile(templates["funded"], path)
    downgrade(path, "0001")  # the migrations' own way back
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=DELETE")
    if broken_link:  # rows pointing at a source that is not there
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.executemany("INSERT INTO funding_amount (source_id, year, amount) VALUES (999, ?, 1)",
                         [(year,) for year in range(2030, 2037)])
    conn.commit()
    conn.close()


def downgrade(path: Path, revision: str) -> None:
    from alembic import command
    from sqlalchemy import create_engine

    from app.services.migrations import alembic_config

    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        command.downgrade(alembic_config(conn), revision)
    engine.dispose()


def tables(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        conn.close()


def revision_of(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        conn.close()


def test_a_file_of_the_first_version_is_backed_up_and_upgraded_keeping_its_figures(tmp_path, templates):
    """Opening a 0001 file backs it up as it was, adds the ambitions and keeps every amount."""
    path = tmp_path / "oud.planbord"
    older_file(path, templates)
    with open_workspace(path) as ws:
        assert funding_total(ws) == D("1280000.00")
        with ws.transaction() as s:  # the new tables work
            region = s.scalar(select(Region))
            s.add(Ambition(region_id=region.id, text="Thuis opgroeien"))
    assert revision_of(path) == fileformat.HEAD_REVISION
    assert {"ambition", "project_ambition"} <= tables(path)
    (before,) = [e.path for e in backups.list_backups(path) if revision_of(e.path) == "0001"]
    assert "ambition" not in tables(before)
    assert backups.restore_backup(before, tmp_path / "terug.planbord").exists()  # an old backup restores


def test_a_file_of_version_0002_gets_funding_kinds_and_keeps_what_the_key_splits(tmp_path, templates):
    """Opening a 0002 file adds the funding kinds (every source the municipalities' own, as the
    key split it before), no comparison columns, and keeps every amount."""
    from app.models import FundingKind, FundingSource, Plan

    path = tmp_path / "oud.planbord"
    shutil.copyfile(templates["funded"], path)
    downgrade(path, "0002")
    assert "printed_total" not in tables(path)
    with open_workspace(path) as ws:
        assert funding_total(ws) == D("1280000.00")
        with ws.session() as s:
            assert {source.kind for source in s.scalars(select(FundingSource))} == {FundingKind.MUNICIPAL}
            assert {plan.comparison_columns for plan in s.scalars(select(Plan))} == {0}
    assert revision_of(path) == fileformat.HEAD_REVISION and "printed_total" in tables(path)


def test_an_upgrade_that_would_leave_broken_links_is_refused_and_changes_nothing(tmp_path, templates, caplog):
    """An old file with a row pointing nowhere is not upgraded: Dutch message, file as it was,
    and a backup was made first."""
    path = tmp_path / "oud.planbord"
    older_file(path, templates, broken_link=True)
    before = path.read_bytes()
    with pytest.raises(WorkspaceError) as caught:
        open_workspace(path)
    # The log (for support) says why: the first five of the seven broken rows.
    (failed,) = [r for r in caplog.records if r.getMessage() == f"upgrade of {path} failed"]
    cause = str(failed.exc_info[1])
    assert cause.startswith("foreign key violations after upgrade: [('funding_amount', ")
    assert cause.count("'funding_source'") == 5
    assert caught.value.message == (
        "“oud.planbord” kon niet worden bijgewerkt naar deze versie van Planbord; het bestand is "
        "ongewijzigd en er is een reservekopie gemaakt.")
    assert caught.value.path == path
    assert path.read_bytes() == before
    assert revision_of(path) == "0001" and "ambition" not in tables(path)
    assert len(backups.list_backups(path)) == 1
    assert not lock_path(path).exists()


def test_an_old_file_is_not_upgraded_when_no_backup_can_be_made(tmp_path, monkeypatch, templates):
    """Without a backup the upgrade does not start: the message says why and the file stays."""
    path = tmp_path / "oud.planbord"
    older_file(path, templates)
    before = path.read_bytes()
    blocker = tmp_path / "geen-map"
    blocker.write_text("")
    monkeypatch.setattr(backups, "backups_dir", lambda: blocker)
    with pytest.raises(BackupError) as caught:
        open_workspace(path)
    assert caught.value.message == (
        "Planbord kon geen reservekopie maken van “oud.planbord”. Controleer of er ruimte op de "
        "schijf is. Daarom is “oud.planbord” niet bijgewerkt naar deze versie van Planbord.")
    assert caught.value.path == path
    assert path.read_bytes() == before and revision_of(path) == "0001"
    assert not lock_path(path).exists()


def test_an_old_file_opened_read_only_says_it_needs_an_upgrade_and_why_it_cannot(tmp_path, templates):
    """Read-only, an old file cannot be upgraded: the message says so and gives the reason."""
    path = tmp_path / "oud.planbord"
    older_file(path, templates)
    before = path.read_bytes()
    with pytest.raises(NeedsUpgradeError) as caught:
        open_workspace(path, read_only=True)
    assert caught.value.message == (
        "“oud.planbord” is gemaakt met een oudere versie van Planbord en moet worden bijgewerkt, "
        "maar dat kan nu niet. U heeft “oud.planbord” alleen-lezen geopend.")
    assert path.read_bytes() == before
    assert backups.list_backups(path) == []


def test_a_file_of_a_newer_program_says_to_update_planbord(small_file):
    """A file written by a newer Planbord is refused with the advice to update."""
    conn = sqlite3.connect(small_file)
    conn.execute("UPDATE alembic_version SET version_num=?", (f"{int(fileformat.HEAD_REVISION) + 1:04d}",))
    conn.commit()
    conn.close()
    with pytest.raises(NewerVersionError) as caught:
        open_workspace(small_file)
    assert caught.value.message == (
        "“plan.planbord” is gemaakt met een nieuwere versie van Planbord. Werk Planbord bij om het "
        "te openen.")
    assert not lock_path(small_file).exists()


def test_the_program_knows_its_own_revisions_only():
    """0001 up to the head are this program's revisions; anything else was written by a newer one."""
    assert migrations.is_known_revision("0001") and migrations.is_known_revision("0002")
    assert migrations.is_known_revision(fileformat.HEAD_REVISION)
    assert not migrations.is_known_revision(f"{int(fileformat.HEAD_REVISION) + 1:04d}")
    assert not migrations.is_known_revision("abc")
    assert migrations.head_revision() == fileformat.HEAD_REVISION


def test_upgrades_work_from_a_folder_whose_name_has_a_percent_sign(tmp_path, monkeypatch, templates):
    """Installed under a folder like "Planbord 100%", the migrations are still found."""
    import db

    folder = tmp_path / "Planbord 100%" / "migrations"
    shutil.copytree(db.MIGRATIONS_DIR, folder, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(db, "MIGRATIONS_DIR", folder)
    assert migrations.is_known_revision("0001")
    path = tmp_path / "oud.planbord"
    older_file(path, templates)
    with open_workspace(path) as ws:
        assert funding_total(ws) == D("1280000.00")
    assert revision_of(path) == fileformat.HEAD_REVISION


# =============================================================================================
# 8. Opening, creating and writing a workspace (app/services/workspace.py)
# =============================================================================================

def test_a_closed_workspace_refuses_every_use_by_name(small_file):
    """After closing, reading, writing and backing up each say the file is closed."""
    ws = open_workspace(small_file)
    assert not ws.closed
    ws.close()
    assert ws.closed
    for use in (ws.session, ws.backup_if_changed, lambda: ws.transaction().__enter__()):
        with pytest.raises(WorkspaceError) as caught:
            use()
        assert caught.value.message == "“plan.planbord” is al gesloten."
        assert caught.value.path == small_file


def test_writing_a_read_only_workspace_says_nothing_was_saved_and_why(small_file):
    """A write on a file opened read-only is refused with the reason it is read-only."""
    with open_workspace(small_file, read_only=True) as ws:
        assert ws.read_only_reason == "U heeft “plan.planbord” alleen-lezen geopend."
        with pytest.raises(ReadOnlyError) as caught:
            with ws.transaction() as s:
                s.add(Region(name="Nooit"))
        assert caught.value.message == (
            "Er is niets opgeslagen. U heeft “plan.planbord” alleen-lezen geopend.")
        assert caught.value.path == small_file
    assert backups.list_backups(small_file) == []  # reading makes no backup either


def test_read_only_next_to_a_stale_or_foreign_lock(small_file):
    """Read-only next to a crashed Planbord's lock says nothing about it; next to another
    computer's lock it names the holder."""
    import subprocess
    import sys

    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    write_lock(small_file, pid=proc.pid)
    with open_workspace(small_file, read_only=True) as ws:
        assert ws.read_only_reason == "U heeft “plan.planbord” alleen-lezen geopend."
    write_lock(small_file, host="laptop-3", user="marieke", pid=4242)
    with open_workspace(small_file, read_only=True) as ws:
        assert ws.read_only_reason == (
            "U heeft “plan.planbord” alleen-lezen geopend. Het is ook geopend door marieke op "
            "laptop-3 (sinds 11-11-2021 14:03).")


@pytest.mark.parametrize("what, reason", [
    ("file_writable", "“plan.planbord” is alleen-lezen: u heeft geen schrijfrechten op het bestand."),
    ("folder_writable", "De map van “plan.planbord” is alleen-lezen, dus Planbord kan er niet in "
                        "schrijven; u kunt het bestand alleen bekijken."),
])
def test_a_file_that_cannot_be_written_opens_read_only_with_the_reason(small_file, monkeypatch, what, reason):
    """No write permission on the file or its folder: read-only, saying which."""
    monkeypatch.setattr(fileformat, what, lambda p: False)
    with open_workspace(small_file) as ws:
        assert ws.read_only and ws.read_only_reason == reason
        assert funding_total(ws) == D("1280000.00")
    assert not lock_path(small_file).exists()


def test_a_lock_broken_by_someone_else_stops_writing_and_names_them(small_file):
    """When a colleague broke our lock and took the file, our next save is refused naming
    them (user@host and time), and nothing more is written by us; closing leaves their lock."""
    ws = open_workspace(small_file)
    try:
        write_lock(small_file, host="laptop-3", user="marieke", pid=4242, token="theirs")
        with pytest.raises(LockLostError) as caught:
            add_funding(ws, "5.00")
        reason = ("“plan.planbord” is overgenomen door marieke@laptop-3 (op 11-11-2021 14:03): die "
                  "heeft de vergrendeling opgeheven. Planbord schrijft er niet meer in; het is nu "
                  "alleen-lezen. Sluit het bestand en open het opnieuw om verder te werken.")
        assert caught.value.message == "Er is niets opgeslagen. " + reason
        assert caught.value.path == small_file
        assert (caught.value.taker.user, caught.value.taker.host) == ("marieke", "laptop-3")
        assert ws.read_only and ws.read_only_reason == reason
        assert ws.lock_taken_by == caught.value.taker
        with pytest.raises(ReadOnlyError):
            add_funding(ws, "6.00")
        assert funding_total(ws) == D("1280000.00")
    finally:
        ws.close()
    assert read_lock(small_file).user == "marieke"


def test_a_removed_lock_is_never_taken_back_quietly(small_file):
    """Our lock removed (lifted by someone who has since closed the file again, or deleted
    by hand): the save is refused, the file is read-only from then on, and no lock is made."""
    ws = open_workspace(small_file)
    try:
        lock_path(small_file).unlink()
        with pytest.raises(LockLostError) as caught:
            add_funding(ws, "5.00")
        assert caught.value.message == (
            "Er is niets opgeslagen. De vergrendeling van “plan.planbord” is door een ander "
            "opgeheven: het bestand is overgenomen en kan intussen gewijzigd zijn. Planbord schrijft "
            "er niet meer in; het is nu alleen-lezen. Sluit het bestand en open het opnieuw om "
            "verder te werken.")
        assert caught.value.taker is None
        assert not lock_path(small_file).exists()
        assert ws.read_only
    finally:
        ws.close()
    assert funding_total_of(small_file) == D("1280000.00")


def test_a_lifted_lock_is_named_from_the_note_the_lifter_left(small_file):
    """The lifter closed the file again (its lock is gone), yet our next save names them,
    from the note they left; the note is removed once read."""
    ws = open_workspace(small_file)
    try:
        with pytest.raises(LockedError) as caught:
            open_workspace(small_file)
        assert caught.value.can_lift is False  # this program holds it
        other = open_workspace(small_file, break_lock=True)
        assert filelock.broken_path(small_file).exists()
        add_funding(other, "7.00", year=2030)
        other.close()
        assert not lock_path(small_file).exists()
        with pytest.raises(LockLostError) as lost:
            add_funding(ws, "5.00")
        me = f"{filelock._this_user() or 'onbekend'}@{filelock._this_host()}"
        assert f"“plan.planbord” is overgenomen door {me} (op " in lost.value.message
        assert not filelock.broken_path(small_file).exists()
    finally:
        ws.close()
    assert funding_total_of(small_file) == D("1280007.00")


def test_a_lock_that_turns_unreadable_under_us_stops_writing(small_file):
    ws = open_workspace(small_file)
    try:
        lock_path(small_file).write_bytes(b"\xff\xfe junk")
        with pytest.raises(LockLostError) as caught:
            add_funding(ws, "5.00")
        assert caught.value.taker is None and "door een ander opgeheven" in caught.value.message
    finally:
        ws.close()
    assert lock_path(small_file).read_bytes() == b"\xff\xfe junk"  # not ours: left alone


def test_a_lock_taken_while_the_edit_runs_is_caught_before_the_commit(small_file):
    """Checked at the start of every transaction and again just before it commits."""
    ws = open_workspace(small_file)
    try:
        with pytest.raises(LockLostError):
            with ws.transaction() as s:
                s.add(FundingAmount(source_id=s.scalar(select(FundingSource.id)), year=2030,
                                    amount=D("9.00")))
                write_lock(small_file, host="laptop-3", user="marieke", pid=4242, token="theirs")
        assert ws.read_only
    finally:
        ws.close()
    assert funding_total_of(small_file) == D("1280000.00")


def test_takeover_notes_are_best_effort_and_never_fail(small_file):
    """Junk in the note file is ignored; a note is only left for a holder that may run."""
    filelock.broken_path(small_file).write_bytes(b"\x00\xff")
    assert filelock.taken_over_by(small_file, "abc") is None
    filelock.broken_path(small_file).write_text("{}", encoding="utf-8")
    assert filelock.taken_over_by(small_file, "abc") is None
    filelock.broken_path(small_file).unlink()
    by = LockInfo(host="laptop-3", user="marieke", pid=1, token="t")
    filelock.note_takeover(small_file, None, by)
    filelock.note_takeover(small_file, LockInfo(), by)  # names nobody: stale
    assert not filelock.broken_path(small_file).exists()
    for n in range(filelock.MAX_NOTES + 5):
        filelock.note_takeover(small_file, LockInfo(host="elders", user="jan", pid=9, token=f"t{n}"), by)
    assert filelock.taken_over_by(small_file, "t0") is None  # the oldest were dropped
    taker = filelock.taken_over_by(small_file, f"t{filelock.MAX_NOTES + 4}")
    assert (taker.user, taker.host) == ("marieke", "laptop-3") and taker.since()
    assert filelock.taken_over_by(small_file, "") is None


def test_creating_refuses_an_existing_name_a_missing_folder_and_a_locked_folder(tmp_path, monkeypatch):
    """Each refusal of a new file names the file or folder in Dutch and leaves nothing."""
    existing = tmp_path / "bestaat.planbord"
    existing.write_text("notities")
    with pytest.raises(WorkspaceError) as caught:
        create_workspace(existing)
    assert caught.value.message == "Het bestand “bestaat.planbord” bestaat al; kies een andere naam."
    assert caught.value.path == existing
    missing = tmp_path / "nergens" / "x.planbord"
    with pytest.raises(WorkspaceError) as caught:
        create_workspace(missing)
    assert caught.value.message == f"De map “{tmp_path / 'nergens'}” bestaat niet."
    assert caught.value.path == missing
    monkeypatch.setattr(fileformat, "folder_writable", lambda p: False)
    with pytest.raises(WorkspaceError) as caught:
        create_workspace(tmp_path / "x.planbord")
    assert caught.value.message == f"U mag in de map “{tmp_path}” geen bestanden maken."
    assert caught.value.path == tmp_path / "x.planbord"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "planbord-data") == ["bestaat.planbord"]


def test_creating_next_to_a_live_lock_of_this_program_is_refused(tmp_path):
    """A lock of a running Planbord (not stale) for the new name is respected."""
    path = tmp_path / "nieuw.planbord"
    before = write_lock(path, pid=os.getpid(), user="jan", opened_at=datetime.now().astimezone().isoformat())
    with pytest.raises(LockedError):
        create_workspace(path)
    assert lock_path(path).read_bytes() == before and not path.exists()


@pytest.mark.parametrize("failure", [
    OSError(28, "No space left on device"),
    sqlite3.OperationalError("database or disk is full"),
    __import__("sqlalchemy.exc", fromlist=["OperationalError"]).OperationalError("x", {}, Exception("full")),
], ids=["os", "sqlite", "sqlalchemy"])
def test_a_file_that_cannot_be_built_leaves_nothing_behind(tmp_path, monkeypatch, failure):
    """Disk full while creating: a Dutch message, no half file, no temp or side files, no lock."""
    def half_build(path):
        path.write_bytes(b"half")
        for suffix in ("-wal", "-shm", "-journal"):
            fileformat.sidecar(path, suffix).write_bytes(b"half")
        raise failure

    monkeypatch.setattr(workspace_module, "_build_new_file", half_build)
    with pytest.raises(WorkspaceError) as caught:
        create_workspace(tmp_path / "nieuw.planbord")
    assert caught.value.message == (
        "Planbord kon “nieuw.planbord” niet aanmaken. Controleer of er ruimte op de schijf is.")
    assert caught.value.path == tmp_path / "nieuw.planbord"
    assert [p.name for p in tmp_path.iterdir() if p.name != "planbord-data"] == []


def test_a_name_taken_while_creating_is_not_overwritten_and_the_lock_is_given_up(tmp_path, monkeypatch):
    """If the chosen name appears while the new file is built, the other file stays."""
    path = tmp_path / "nieuw.planbord"
    real_build = workspace_module._build_new_file

    def build_while_someone_saves(tmp):
        real_build(tmp)
        path.write_bytes(b"van een ander")

    monkeypatch.setattr(workspace_module, "_build_new_file", build_while_someone_saves)
    with pytest.raises(WorkspaceError) as caught:
        create_workspace(path)
    assert "bestaat al" in caught.value.message
    assert path.read_bytes() == b"van een ander"
    assert [p.name for p in tmp_path.iterdir() if p.name != "planbord-data"] == ["nieuw.planbord"]


def test_a_new_file_is_ours_from_the_first_byte_and_empty(tmp_path):
    """A new file carries Planbord's mark and the current revision, holds no plan and has no
    backup yet."""
    path = tmp_path / "nieuw.planbord"
    with create_workspace(path) as ws:
        with ws.session() as s:
            assert list_plans(s) == []
    assert backups.list_backups(path) == []  # nothing to lose yet: no backup of a new file
    header = fileformat.read_header(path)
    assert header.application_id == fileformat.APPLICATION_ID
    assert revision_of(path) == fileformat.HEAD_REVISION


def test_a_write_that_sqlite_refuses_is_reported_and_nothing_is_saved(small_file):
    """A failed write (here: the database refuses it) is a WriteError with a Dutch message,
    and the file keeps what it had."""
    from app.services.errors import WriteError

    with open_workspace(small_file) as ws:
        with pytest.raises(WriteError) as caught:
            with ws.transaction() as s:
                s.add(Region(name="Half"))
                s.flush()
                s.execute(text("INSERT INTO no_such_table VALUES (1)"))
        assert caught.value.message == (
            "De wijziging in “plan.planbord” kon niet worden opgeslagen. Controleer of de schijf of "
            "netwerkmap nog bereikbaar is.")
        assert caught.value.path == small_file
        with ws.session() as s:
            assert s.scalar(select(Region.name)) == "Haaglanden"
            assert len(s.scalars(select(Region)).all()) == 1


# =============================================================================================
# 9. Where Planbord keeps its things (app/services/paths.py)
# =============================================================================================

def test_the_data_folder_is_the_users_own_unless_overridden(tmp_path, monkeypatch):
    """Without PLANBORD_DATA_DIR the backups live in the user's data folder for Planbord,
    created when first needed."""
    monkeypatch.delenv("PLANBORD_DATA_DIR")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    import platformdirs

    expected = Path(platformdirs.user_data_dir("Planbord", appauthor=False))
    assert expected.is_relative_to(tmp_path)
    assert paths.data_dir() == expected and expected.is_dir()
    assert paths.backups_dir() == expected / "backups" and (expected / "backups").is_dir()
    monkeypatch.setenv("PLANBORD_DATA_DIR", str(tmp_path / "a" / "b"))
    assert paths.backups_dir() == tmp_path / "a" / "b" / "backups"
    assert (tmp_path / "a" / "b" / "backups").is_dir()


def test_what_a_save_wrote_can_still_be_read_from_its_objects_afterwards(small_file):
    """After a save the editor still shows the saved row's values without going back to the file."""
    with open_workspace(small_file) as ws:
        assert ws.backup_error is None
        with ws.transaction() as s:
            region = Region(name="Midden-Holland")
            s.add(region)
        assert (region.name, region.id is not None) == ("Midden-Holland", True)


def test_a_file_keeps_its_journal_when_a_reader_elsewhere_blocks_the_switch(small_file):
    """A file copied from a share (rollback journal) opens normally even while another
    program reads it; it switches to WAL the next time it is free."""
    conn = sqlite3.connect(small_file)
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.close()
    reader = sqlite3.connect(small_file, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM region").fetchall()  # holds a read lock
    try:
        with open_workspace(small_file) as ws:
            assert funding_total(ws) == D("1280000.00")
            with ws.engine.connect() as c:
                assert c.exec_driver_sql("PRAGMA journal_mode").scalar() == "delete"
    finally:
        reader.execute("ROLLBACK")
        reader.close()
    with open_workspace(small_file) as ws, ws.engine.connect() as c:
        assert c.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_a_relative_name_is_the_file_in_the_current_folder(tmp_path, monkeypatch, templates):
    """"plan.planbord" on the command line means the file in the current folder, also for its
    lock and its backups after a change of folder."""
    monkeypatch.chdir(tmp_path)
    with create_workspace("nieuw.planbord") as ws:
        assert ws.path == tmp_path / "nieuw.planbord"
        assert lock_path(tmp_path / "nieuw.planbord").exists()
    shutil.copyfile(templates["funded"], tmp_path / "plan.planbord")
    with open_workspace("plan.planbord") as ws:
        assert ws.path == tmp_path / "plan.planbord"
        monkeypatch.chdir(tmp_path.parent)
    assert not lock_path(tmp_path / "plan.planbord").exists()


def test_a_copy_of_a_file_left_half_written_is_refused_and_the_file_is_left_alone(small_file, tmp_path):
    """Save a copy never repairs someone's interrupted write itself: it says so and writes nothing."""
    path = hot_journal_file(small_file)
    journal = fileformat.sidecar(path, "-journal").read_bytes()
    before = path.read_bytes()
    with pytest.raises(WorkspaceError) as caught:
        backups.copy_workspace(path, tmp_path / "kopie.planbord")
    assert "niet netjes afgesloten" in caught.value.message
    assert path.read_bytes() == before
    assert fileformat.sidecar(path, "-journal").read_bytes() == journal
    assert not (tmp_path / "kopie.planbord").exists()


def test_a_copy_that_fails_halfway_leaves_no_temp_files(small_file, tmp_path, monkeypatch):
    """Disk full while saving a copy: a Dutch message and no half-written files in the folder."""
    def disk_full(source, target):
        Path(target).write_bytes(b"half")
        Path(str(target) + "-journal").write_bytes(b"half")
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(backups, "_snapshot", disk_full)
    with pytest.raises(BackupError) as caught:
        backups.copy_workspace(small_file, tmp_path / "kopie.planbord")
    assert caught.value.message.startswith("Planbord kon de kopie niet opslaan als “kopie.planbord”.")
    assert [p.name for p in tmp_path.iterdir() if "kopie" in p.name] == []
