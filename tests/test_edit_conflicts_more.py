"""Several editors at once, for every editable thing (issue 22, point 2): staffing allocations, key
shares, project fields, action status, and the renames of budget groups and lines, funding sources,
chapters and projects. Each runs on a file and on the PostgreSQL test server (the ``ws`` fixture).

Someone else is a second workspace on the same file or database writing as jan@kantoor-pc. For
every kind of edit: an edit of what jan changed since it was shown is refused with a Dutch message
naming it, what it is now, what was seen, and who changed it when (from the change log), and
nothing is written; an undo over jan's later change is refused the same way; an edit of what is
as it was shown is written and logged in the editor's name; an adopted plan refuses everyone."""
from __future__ import annotations

import os
import time
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from app.models import (
    Action,
    ActionStatus,
    BudgetGroup,
    BudgetLine,
    Chapter,
    FundingSource,
    KeyShare,
    Municipality,
    Plan,
    Project,
)
from app.services import budget_edit, change_log, funding_edit, key_edit, project_edit, staffing_edit
from app.services.adoption import adopt_plan
from app.services.edit_errors import ConflictError, PlanReadOnlyError
from app.services.staffing_edit import AllocationChange, ColumnKey

from conflict_contract import ANNA, AT, BY_JAN, JAN, REFUSED, UNCHECKED, draft, log_entries  # noqa: E402
from conflict_contract import CONTRACT


@pytest.fixture
def amsterdam(monkeypatch):
    """The computer's clock in Amsterdam, and every change logged at AT."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "Europe/Amsterdam"
    time.tzset()
    monkeypatch.setattr(change_log, "now", lambda: AT)
    yield
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


def second_writer(workspace, who: str):
    """Another person's workspace on the same file or database. A file lets one Planbord write at a
    time (its lock file); here the second writes beside the first, as two people on a shared
    database do, so a file shows the same refusals."""
    if workspace.on_server:
        from app.services.server_workspace import open_server_workspace

        return open_server_workspace(workspace.engine.url.render_as_string(hide_password=False), who=who)
    from app.services.workspace import Workspace, _make_engine

    return Workspace(workspace.path, _make_engine(workspace.path, read_only=False), who=who)


@pytest.fixture
def pair(ws, amsterdam):
    """(mine, theirs): the demo workspace writing as anna, a second one on it writing as jan."""
    ws.who = ANNA
    theirs = second_writer(ws, JAN)
    yield ws, theirs
    theirs.close()


# --- the kinds of edit ------------------------------------------------------------------------

@dataclass
class Target:
    plan: int
    row: int  # the row the edit changes
    other: int | None = None  # a second id it needs (the person of an allocation)
    name: str = ""  # what the message calls it


class Kind:
    """One kind of edit: how to find what it changes in a draft, read it, write it through the
    service (``expected``: what was seen, or nothing to check), and as an undo command."""

    in_plan = True  # its log entries are the plan's (they go when the plan is deleted)
    table: str
    shows: str
    seen: object  # the value before (set by prepare)
    theirs: object
    mine: object

    def prepare(self, ws, plan: int) -> Target:
        raise NotImplementedError

    def read(self, ws, t: Target):
        raise NotImplementedError

    def write(self, ws, t: Target, value, expected=UNCHECKED) -> None:
        raise NotImplementedError

    def command(self, context, t: Target, value, seen):
        raise NotImplementedError

    def key(self, t: Target) -> str:
        return str(t.row)

    def item(self, t: Target, now, was) -> str:
        raise NotImplementedError


def first_project(ws, plan: int) -> tuple[int, str]:
    with ws.session() as s:
        project = s.scalars(select(Project).join(Project.chapter).where(Chapter.plan_id == plan, Project.number != "")
                            .order_by(Project.id)).first()
        return project.id, f"{project.number} “{project.title}”"


class Allocations(Kind):
    table, shows = "allocation", "de formatie toont nu de nieuwe waarden"
    seen, theirs, mine = Decimal("2"), Decimal("4"), Decimal("3")

    def prepare(self, ws, plan):
        project, _label = first_project(ws, plan)
        person = staffing_edit.add_person(ws, plan, "Fatima")
        staffing_edit.set_allocations(ws, plan, [AllocationChange(project, ColumnKey(person_id=person), "2")])
        with ws.session() as s:
            p = s.get(Project, project)
            return Target(plan, project, person, f"{p.number} {p.title}")

    def read(self, ws, t):
        from app.models import Allocation

        with ws.session() as s:
            return s.scalar(select(func.sum(Allocation.half_days)).where(Allocation.project_id == t.row,
                                                                         Allocation.person_id == t.other))

    def _change(self, t, value):
        return AllocationChange(t.row, ColumnKey(person_id=t.other), value)

    def write(self, ws, t, value, expected=UNCHECKED):
        staffing_edit.set_allocations(ws, t.plan, [self._change(t, value)],
                                      None if expected is UNCHECKED else [self._change(t, expected)])

    def command(self, context, t, value, seen):
        from app.views.staffing.staffing_commands import SetAllocationsCommand

        return SetAllocationsCommand(context, t.plan, [self._change(t, value)], "Dagdelen", [self._change(t, seen)])

    def key(self, t):
        return f"{t.row}/p{t.other}"

    def item(self, t, now, was):
        return f"Dagdelen van Fatima bij {t.name} is nu {now} (u zag {was})"


class Shares(Kind):
    table, shows = "key_share", "de verdeelsleutel toont nu de nieuwe waarden"
    theirs, mine = Decimal("12.5"), Decimal("13")
    in_plan = False  # a key is the region's: its log entries belong to no plan

    def prepare(self, ws, plan):
        with ws.session() as s:
            key_id = s.get(Plan, plan).allocation_key_id
            share, municipality = s.execute(select(KeyShare, Municipality.name).join(KeyShare.municipality)
                                            .where(KeyShare.key_id == key_id).order_by(KeyShare.id)).first()
            self.seen, self.basis = share.percentage, share.basis
            return Target(plan, share.id, None, f"{municipality} in “{share.key.name}”")

    def read(self, ws, t):
        with ws.session() as s:
            return s.get(KeyShare, t.row).percentage

    def _change(self, t, value):
        return key_edit.ShareChange(t.row, value, self.basis)

    def write(self, ws, t, value, expected=UNCHECKED):
        key_edit.set_shares(ws, [self._change(t, value)],
                            expected=None if expected is UNCHECKED else [self._change(t, expected)])

    def command(self, context, t, value, seen):
        from app.views.commands import SetSharesCommand

        return SetSharesCommand(context, t.plan, [self._change(t, value)], "Aandeel", [self._change(t, seen)])

    def item(self, t, now, was):
        from app.formatting import format_percentage

        return (f"Het percentage van {t.name} is nu {format_percentage(now) or 'leeg'} "
                f"(u zag {format_percentage(was) or 'leeg'})")


class Fields(Kind):
    """One field of one row, set through a service with ``expected`` and a fields command."""

    model: type
    field: str
    theirs, mine = "Naam van jan", "Naam van anna"

    def read(self, ws, t):
        with ws.session() as s:
            return getattr(s.get(self.model, t.row), self.field)

    def write(self, ws, t, value, expected=UNCHECKED):
        self.service(ws, t.row, None if expected is UNCHECKED else {self.field: expected}, **{self.field: value})

    def item(self, t, now, was):
        return f"{self.what} is nu “{now}” (u zag “{was}”)"


class GroupName(Fields):
    table, model, field, shows = "budget_group", BudgetGroup, "name", "de begroting toont nu de nieuwe waarden"
    what = "De naam van de groep"
    service = staticmethod(budget_edit.set_group_fields)

    def prepare(self, ws, plan):
        with ws.session() as s:
            group = s.scalars(select(BudgetGroup).where(BudgetGroup.plan_id == plan).order_by(BudgetGroup.id)).first()
            self.seen = group.name
            return Target(plan, group.id)

    def command(self, context, t, value, seen):
        from app.views.commands import group_fields_command

        return group_fields_command(context, t.plan, t.row, "Hernoemen", {"name": seen}, name=value)


class LineName(Fields):
    table, model, field, shows = "budget_line", BudgetLine, "name", "de begroting toont nu de nieuwe waarden"
    what = "De naam van de begrotingspost"
    service = staticmethod(budget_edit.set_line_fields)

    def prepare(self, ws, plan):
        with ws.session() as s:
            line = s.scalars(select(BudgetLine).join(BudgetLine.group).where(BudgetGroup.plan_id == plan)
                             .order_by(BudgetLine.id)).first()
            self.seen = line.name
            return Target(plan, line.id)

    def command(self, context, t, value, seen):
        from app.views.commands import line_fields_command

        return line_fields_command(context, t.plan, t.row, "Hernoemen", {"name": seen}, name=value)


class SourceName(Fields):
    table, model, field, shows = "funding_source", FundingSource, "name", "de dekking toont nu de nieuwe waarden"
    what = "De naam van de dekkingsbron"
    service = staticmethod(funding_edit.set_source_fields)

    def prepare(self, ws, plan):
        with ws.session() as s:
            source = s.scalars(select(FundingSource).where(FundingSource.plan_id == plan)
                               .order_by(FundingSource.id)).first()
            self.seen = source.name
            return Target(plan, source.id)

    def command(self, context, t, value, seen):
        from app.views.commands import source_fields_command

        return source_fields_command(context, t.plan, t.row, "Hernoemen", {"name": seen}, name=value)


class ChapterTitle(Fields):
    table, model, field, shows = "chapter", Chapter, "title", "het plan toont nu de nieuwe waarden"
    what = "De titel van het hoofdstuk"
    service = staticmethod(project_edit.set_chapter_fields)

    def prepare(self, ws, plan):
        with ws.session() as s:
            chapter = s.scalars(select(Chapter).where(Chapter.plan_id == plan).order_by(Chapter.id)).first()
            self.seen = chapter.title
            return Target(plan, chapter.id)

    def command(self, context, t, value, seen):
        from app.views.projects.project_commands import chapter_fields_command

        return chapter_fields_command(context, t.plan, t.row, "Hernoemen", seen={"title": seen}, title=value)


class ProjectTitle(Fields):
    table, model, field, shows = "project", Project, "title", "het plan toont nu de nieuwe waarden"
    what = "De titel van het project"
    service = staticmethod(project_edit.set_project_fields)

    def prepare(self, ws, plan):
        project, _label = first_project(ws, plan)
        self.seen = self.read(ws, Target(plan, project))
        return Target(plan, project)

    def command(self, context, t, value, seen):
        from app.views.projects.project_commands import project_fields_command

        return project_fields_command(context, t.plan, t.row, "Wijzigen", {self.field: seen}, **{self.field: value})


class ProjectContractor(ProjectTitle):
    field = "contractor"
    theirs, mine = "Jan BV", "Anna BV"

    def prepare(self, ws, plan):
        target = super().prepare(ws, plan)
        target.name = first_project(ws, plan)[1]
        return target

    def item(self, t, now, was):
        return f"De opdrachtnemer van project {t.name} is nu “{now}” (u zag {f'“{was}”' if was else 'leeg'})"


class ActionStatus_(Kind):
    table, shows = "action", "het plan toont nu de nieuwe waarden"
    theirs, mine = ActionStatus.ACHIEVED, ActionStatus.NOT_ACHIEVED

    def prepare(self, ws, plan):
        with ws.session() as s:
            action = s.scalars(select(Action).join(Action.project).join(Project.chapter)
                               .where(Chapter.plan_id == plan).order_by(Action.id)).first()
            self.seen = action.status
            return Target(plan, action.id, None, action.description)

    def read(self, ws, t):
        with ws.session() as s:
            return s.get(Action, t.row).status

    def write(self, ws, t, value, expected=UNCHECKED):
        project_edit.set_actions_fields(ws, [(t.row, {"status": value})],
                                        expected=None if expected is UNCHECKED else [(t.row, {"status": expected})])

    def command(self, context, t, value, seen):
        from app.views.projects.project_commands import action_fields_command

        return action_fields_command(context, t.plan, [(t.row, {"status": value})], "Status",
                                     seen=[(t.row, {"status": seen})])

    def item(self, t, now, was):
        from app.services.editing import shown_value

        return f"De status van actie {shown_value(t.name)} is nu {now.value} (u zag {was.value})"


KINDS = {kind.__name__.strip("_"): kind for kind in (
    Allocations, Shares, GroupName, LineName, SourceName, ChapterTitle, ProjectTitle, ProjectContractor, ActionStatus_)}


@pytest.fixture(params=list(KINDS))
def kind(request) -> Kind:
    return KINDS[request.param]()




# The contract every kind keeps (tests/conflict_contract.py), collected here for this module's kinds.
globals().update({test.__name__: test for test in CONTRACT})

# --- the tests ------------------------------------------------------------------------------------











def test_a_plan_someone_else_adopted_refuses_everyone(pair, kind):
    mine, theirs = pair
    plan = draft(mine)
    t = kind.prepare(mine, plan)
    adopt_plan(theirs, plan, "11-11-2022", "BOJ")
    for who in (mine, theirs):
        with pytest.raises(PlanReadOnlyError) as refused:
            kind.write(who, t, kind.mine, expected=kind.seen)
        assert "is vastgesteld (BOJ 11-11-2022) en kan niet meer worden gewijzigd" in refused.value.message
    assert kind.read(mine, t) == kind.seen


def test_the_time_of_a_change_today_is_said_without_the_day():
    from datetime import timezone

    today = datetime.now(timezone.utc).replace(hour=13, minute=5, second=0, microsecond=0, tzinfo=None)
    change = change_log.LastChange(JAN, today)
    local = today.replace(tzinfo=timezone.utc).astimezone()
    assert change_log.changed_by(change, today=local) == f", gewijzigd door {JAN} om {local:%H:%M}"
    assert change_log.changed_by(None) == ""


# --- rows that go when their value is cleared, and rows written around the ORM -----------------

def test_a_cell_someone_cleared_names_them_though_its_row_is_gone(pair):
    from app.services.budget_edit import CellChange
    from app.services.cell_input import EMPTY, parse_cell

    mine, theirs = pair
    plan = draft(mine)
    with mine.session() as s:
        line, name = s.execute(select(BudgetLine.id, BudgetLine.name).join(BudgetLine.group)
                               .where(BudgetGroup.plan_id == plan).order_by(BudgetLine.id)).first()
    budget_edit.set_cells(mine, [CellChange(line, 2022, parse_cell("5.000"))])
    budget_edit.set_cells(theirs, [CellChange(line, 2022, EMPTY)])  # jan clears it: the row is deleted
    with pytest.raises(ConflictError) as refused:
        budget_edit.set_cells(mine, [CellChange(line, 2022, parse_cell("6.000"))],
                              expected=[CellChange(line, 2022, parse_cell("5.000"))])
    assert refused.value.message == REFUSED.format(
        item=f"“{name}” 2022 is nu leeg (u zag 5.000){BY_JAN}", shows="de begroting toont nu de nieuwe waarden")


def test_allocations_deleted_around_the_orm_are_logged_in_the_writers_name(pair):
    mine, theirs = pair
    kind = Allocations()
    t = kind.prepare(mine, draft(mine))
    staffing_edit.delete_person(theirs, t.other)  # its allocations go by a Core DELETE
    entries = [e for e in log_entries(mine) if e[2] == "allocation" and e[3] == kind.key(t)]
    assert entries[-1][0] == JAN and entries[-1][1] == t.plan and entries[-1][4] == "Inzet verwijderd"


# --- the pages pass what they showed: typed over jan's change, refused and his shown ------------

@pytest.fixture
def on_screen(demo_workspace, planbord_qapp, settings_store, qtbot, amsterdam):
    """(context, theirs, plan, make): anna's window context on the demo file with a draft, jan's
    workspace beside it; ``make(Editor, *args)`` builds a page of that context."""
    from app.services.workspace import open_workspace
    from app.views.context import ApplicationContext

    context = ApplicationContext(open_workspace(demo_workspace, who=ANNA), settings_store)
    theirs = second_writer(context.workspace, JAN)
    plan = draft(context.workspace)

    def make(editor, *args, **kwargs):
        page = editor(context, *args, **kwargs)
        qtbot.addWidget(page)
        return page

    yield context, theirs, plan, make
    context.undo_stack.clear()
    theirs.close()
    context.close()


def refused_over_jan(message: str, item: str, shows: str) -> None:
    assert message == REFUSED.format(item=item + BY_JAN, shows=shows)


def test_the_matrix_sends_what_it_showed(on_screen):
    from app.views.staffing.staffing_editor import StaffingEditor

    context, theirs, plan, make = on_screen
    kind = Allocations()
    t = kind.prepare(context.workspace, plan)
    page = make(StaffingEditor, plan, "", "plan")  # kept: the page owns its models
    model = page.matrix_model
    row = next(i for i, r in enumerate(model.matrix.rows) if r.project_id == t.row)
    column = model.FIRST + next(i for i, c in enumerate(model.matrix.columns) if c.key == ColumnKey(person_id=t.other))
    kind.write(theirs, t, kind.theirs)
    refused_over_jan(model.set_texts([(row, column, "3")]), kind.item(t, kind.theirs, kind.seen), kind.shows)
    assert model.matrix.rows[row].cells[column - model.FIRST] == kind.theirs  # read again: jan's


def test_the_key_page_sends_what_it_showed(on_screen):
    from app.views.budget.key_editor import KeyEditor

    context, theirs, plan, make = on_screen
    kind = Shares()
    t = kind.prepare(context.workspace, plan)
    page = make(KeyEditor, plan, "", "plan")
    model = page.model
    row = next(i for i, r in enumerate(model.sheet.rows) if r.id == t.row)
    kind.write(theirs, t, kind.theirs)
    refused_over_jan(model.set_texts([(row, model._editable_column(), "13")]),
                     kind.item(t, kind.theirs, kind.seen), kind.shows)


def test_the_budget_page_sends_the_names_it_showed(on_screen):
    from app.services.budget_sheet import RowKind
    from app.views.budget.budget_editor import BudgetEditor
    from app.views.budget.budget_model import LABEL
    from app.views.budget.funding_model import NAME

    context, theirs, plan, make = on_screen
    page = make(BudgetEditor, plan, "", "plan")
    for kind, model, rows in ((LineName(), page.model, lambda m: [r.id if r.kind is RowKind.LINE else None
                                                                     for r in m.sheet.rows]),
                              (GroupName(), page.model, lambda m: [r.id if r.kind is RowKind.GROUP else None
                                                                      for r in m.sheet.rows]),
                              (SourceName(), page.funding_model, lambda m: [s.id for s in m.sheet.sources])):
        t = kind.prepare(context.workspace, plan)
        row = rows(model).index(t.row)
        kind.write(theirs, t, kind.theirs)
        refused_over_jan(model.set_texts([(row, LABEL if model is page.model else NAME, kind.mine)]),
                         kind.item(t, kind.theirs, kind.seen), kind.shows)
        assert kind.read(context.workspace, t) == kind.theirs


def test_the_project_page_sends_what_it_showed(on_screen):
    from app.views.projects.project_editor import STATUS, ProjectEditor

    context, theirs, plan, make = on_screen
    title, status = ProjectTitle(), ActionStatus_()
    t = title.prepare(context.workspace, plan)
    page = make(ProjectEditor, t.row, plan, title="project")
    page.reload()
    title.write(theirs, t, title.theirs)
    page.edits["title"].setText(title.mine)
    assert page.commit_field("title") is False
    refused_over_jan(page.messages.text(), title.item(t, title.theirs, title.seen), title.shows)

    with context.workspace.session() as s:
        action = s.scalars(select(Action).where(Action.project_id == t.row).order_by(Action.position)).first()
        a = Target(plan, action.id, None, action.description)
        status.seen = action.status
    page.reload()
    row = next(i for i, r in enumerate(page.actions_model.actions) if r.id == a.row)
    status.write(theirs, a, status.theirs)
    refused_over_jan(page.actions_model.set_texts([(row, STATUS, "niet behaald")]),
                     status.item(a, status.theirs, status.seen), status.shows)
