"""Several editors at once for the edits tests/test_edit_conflicts_more.py does not cover (issue 22):
goal texts; role and person fields; the plan's dagdelen per fte, title and total label; cell and
line notes, a line's project and municipality set; the region's name, municipalities, municipality
sets and allocation keys. Each runs on a file and on the PostgreSQL test server (the ``ws`` fixture).

As there, jan@kantoor-pc is a second workspace on the same data: an edit of what jan changed since
it was shown is refused with a Dutch message naming it, what it is now, what was seen and who
changed it when, and nothing is written (not even to the log); an undo over jan's later change is
refused the same way; an edit of what is as it was shown is written in the editor's name."""
from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select
import test_edit_conflicts_more as more
from conflict_contract import CONTRACT
from conflict_contract import expected_or_none
from test_edit_conflicts_more import (
    BY_JAN,
    REFUSED,
    UNCHECKED,
    Kind,
    Target,
    draft,
    first_project,
    refused_over_jan,
)

from app.formatting import format_fte, format_half_days
from app.models import (
    AllocationKey,
    BudgetCell,
    BudgetGroup,
    BudgetLine,
    Chapter,
    Goal,
    Municipality,
    MunicipalitySet,
    Person,
    Plan,
    Project,
    Region,
    Role,
)
from app.services import budget_edit, key_edit, plan_edit, project_edit, region_edit, staffing_edit
from app.services.adoption import adopt_plan
from app.services.edit_errors import ConflictError, PlanReadOnlyError
from app.services.editing import shown_value

# The same fixtures: anna's and jan's workspaces (pair), anna's window context (on_screen), the clock.
amsterdam, pair, on_screen = more.amsterdam, more.pair, more.on_screen

STAFFING_SHOWS = "de formatie toont nu de nieuwe waarden"
BUDGET_SHOWS = "de begroting toont nu de nieuwe waarden"
REGION_SHOWS = "de regio toont nu de nieuwe waarden"



class Field(Kind):
    """One field of one row: ``service(ws, row id, expected dict, **{field: value})``."""

    model: type
    field: str
    adoptable = True  # a plan's row: an adopted plan refuses it

    def read(self, ws, t):
        with ws.session() as s:
            return getattr(s.get(self.model, t.row), self.field)

    def write(self, ws, t, value, expected=UNCHECKED):
        self.service(ws, t.row, None if expected is UNCHECKED else {self.field: expected}, **{self.field: value})

    def item(self, t, now, was):
        return f"{self.what} is nu {shown_value(now)} (u zag {shown_value(was)})"


# --- goals -----------------------------------------------------------------------------------------

class GoalText(Kind):
    table, shows = "goal", "het plan toont nu de nieuwe waarden"
    theirs, mine = "Doel van jan", "Doel van anna"
    adoptable = True

    def prepare(self, ws, plan):
        project, label = first_project(ws, plan)
        goal = project_edit.add_goal(ws, project, text="Tien procent minder wachttijd")
        self.seen = "Tien procent minder wachttijd"
        return Target(plan, goal, None, label)

    def read(self, ws, t):
        with ws.session() as s:
            return s.get(Goal, t.row).text

    def write(self, ws, t, value, expected=UNCHECKED):
        project_edit.set_goal_texts(ws, [(t.row, value)],
                                    None if expected is UNCHECKED else [(t.row, expected)])

    def command(self, context, t, value, seen):
        from app.views.projects.project_commands import goal_texts_command

        return goal_texts_command(context, t.plan, [(t.row, value)], "Doel", seen=[(t.row, seen)])

    def item(self, t, now, was):
        return f"De tekst van een doel van project {t.name} is nu “{now}” (u zag “{was}”)"


# --- staffing: roles, people, the factor -------------------------------------------------------------

class RoleField(Field):
    table, model, shows = "capacity", Role, STAFFING_SHOWS
    service = staticmethod(staffing_edit.set_role_fields)

    def prepare(self, ws, plan):
        role = staffing_edit.add_role(ws, plan, "Adviseur", fte="1", execution_fte="0,5")
        self.seen = self.read(ws, Target(plan, role))
        return Target(plan, role)

    def command(self, context, t, value, seen):
        from app.views.staffing.staffing_commands import role_fields_command

        return role_fields_command(context, t.plan, t.row, "Rol", {self.field: seen}, **{self.field: value})


class RoleName(RoleField):
    field, what = "role", "De naam van de rol"
    theirs, mine = "Secretaris", "Projectleider"


class RoleFte(RoleField):
    field = "fte"
    theirs, mine = Decimal("1.5"), Decimal("2.25")

    def item(self, t, now, was):
        return f"Het aantal fte van rol “Adviseur” is nu {format_fte(now)} (u zag {format_fte(was)})"


class RoleExecutionFte(RoleFte):
    field = "execution_fte"
    theirs, mine = Decimal("0.8"), Decimal("0.9")

    def item(self, t, now, was):
        return f"Het aantal fte voor uitvoering van rol “Adviseur” is nu {format_fte(now)} (u zag {format_fte(was)})"


class PersonField(Field):
    table, model, shows = "person", Person, STAFFING_SHOWS
    service = staticmethod(staffing_edit.set_person_fields)

    def prepare(self, ws, plan):
        person = staffing_edit.add_person(ws, plan, "Fatima", available_half_days="6")
        self.seen = self.read(ws, Target(plan, person))
        return Target(plan, person)

    def command(self, context, t, value, seen):
        from app.views.staffing.staffing_commands import person_fields_command

        return person_fields_command(context, t.plan, t.row, "Medewerker", {self.field: seen}, **{self.field: value})


class PersonName(PersonField):
    field, what = "name", "De naam van de medewerker"
    theirs, mine = "Fatima el Amrani", "Fatima Amrani"


class PersonAvailable(PersonField):
    field = "available_half_days"
    theirs, mine = Decimal("8"), Decimal("7.5")

    def item(self, t, now, was):
        return (f"Het aantal beschikbare dagdelen van Fatima is nu {format_half_days(now)} "
                f"(u zag {format_half_days(was)})")


class PersonRole(PersonField):
    field = "capacity_id"

    def prepare(self, ws, plan):
        target = super().prepare(ws, plan)
        self.names = {staffing_edit.add_role(ws, plan, name): name for name in ("Secretaris", "Projectleider")}
        self.theirs, self.mine = list(self.names)
        return target

    def item(self, t, now, was):
        def role(role_id):
            return "geen" if role_id is None else f"“{self.names[role_id]}”"

        return f"De rol van Fatima is nu {role(now)} (u zag {role(was)})"


class PlanField(Field):
    table, model = "plan", Plan

    def prepare(self, ws, plan):
        self.seen = self.read(ws, Target(plan, plan))
        return Target(plan, plan)


class Factor(PlanField):
    field, shows = "half_days_per_fte", STAFFING_SHOWS
    theirs, mine = Decimal("8"), Decimal("9")

    def write(self, ws, t, value, expected=UNCHECKED):
        staffing_edit.set_half_days_per_fte(ws, t.plan, value, expected_or_none(expected))

    def command(self, context, t, value, seen):
        from app.views.staffing.staffing_commands import factor_command

        return factor_command(context, t.plan, value, "Factor", seen)

    def item(self, t, now, was):
        return f"Het aantal dagdelen per fte van het plan is nu {format_half_days(now)} (u zag {format_half_days(was)})"


class PlanTitle(PlanField):
    field, what, shows = "title", "De titel van het plan", "het plan toont nu de nieuwe waarden"
    theirs, mine = "Wijziging van jan", "Wijziging van anna"

    def write(self, ws, t, value, expected=UNCHECKED):
        plan_edit.rename_plan(ws, t.plan, value, expected_or_none(expected))

    def command(self, context, t, value, seen):
        from app.views.shell.plan_commands import rename_plan_command

        return rename_plan_command(context, t.plan, value, "Titel", seen)


class TotalLabel(PlanField):
    """Read as the budget sheet shows it: "Totaal" where the plan has no label of its own."""

    field, shows = "total_label", BUDGET_SHOWS
    theirs, mine = "Totaal van jan", "Totaal van anna"

    def prepare(self, ws, plan):
        plan_edit.set_total_label(ws, plan, "")
        with ws.session() as s:
            self.title = s.get(Plan, plan).title
        return super().prepare(ws, plan)

    def read(self, ws, t):
        return super().read(ws, t) or "Totaal"

    def write(self, ws, t, value, expected=UNCHECKED):
        plan_edit.set_total_label(ws, t.plan, value, expected_or_none(expected))

    def command(self, context, t, value, seen):
        from app.views.shell.plan_commands import total_label_command

        return total_label_command(context, t.plan, value, "Label", seen)

    def item(self, t, now, was):
        return f"Het label van het totaal van plan “{self.title}” is nu “{now}” (u zag “{was}”)"


class YearColumns(PlanField):
    """(first year, last year, comparison columns): one more year for jan, two for anna."""

    shows = BUDGET_SHOWS

    def prepare(self, ws, plan):
        target = super().prepare(ws, plan)
        first, last, comparison = self.seen
        self.theirs, self.mine = (first, last + 1, comparison), (first, last + 2, comparison)
        with ws.session() as s:
            self.title = s.get(Plan, plan).title
        return target

    def read(self, ws, t):
        with ws.session() as s:
            plan = s.get(Plan, t.plan)
            return plan.first_year, plan.last_year, plan.comparison_columns

    def write(self, ws, t, value, expected=UNCHECKED):
        plan_edit.set_year_columns(ws, t.plan, *value, expected_or_none(expected))

    def command(self, context, t, value, seen):
        from app.views.shell.plan_commands import year_columns_command

        return year_columns_command(context, t.plan, *value, "Jaarkolommen", seen)

    def item(self, t, now, was):
        def years(first, last, comparison):
            return f"{first} t/m {last}" + (f", waarvan {comparison} ter vergelijking" if comparison else "")

        return f"De jaarkolommen van plan “{self.title}” zijn nu {years(*now)} (u zag {years(*was)})"


class PlanKey(PlanField):
    """The key the plan divides its costs by: two new ones of the region, one for jan, one for anna."""

    field, shows = "allocation_key_id", "de verdeelsleutel toont nu de nieuwe waarden"

    def prepare(self, ws, plan):
        from app.models import KeyMethod

        target = super().prepare(ws, plan)
        with ws.session() as s:
            found = s.get(Plan, plan)
            self.title, region = found.title, found.region_id
            self.names = {self.seen: found.allocation_key.name}
        for name in ("Sleutel van jan", "Sleutel van anna"):
            self.names[key_edit.add_key(ws, region, name, KeyMethod.PERCENTAGE)] = name
        self.theirs, self.mine = list(self.names)[1:]
        return target

    def write(self, ws, t, value, expected=UNCHECKED):
        key_edit.set_plan_key(ws, t.plan, value, None if expected is UNCHECKED else {self.field: expected})

    def command(self, context, t, value, seen):
        from app.views.region.region_commands import set_plan_key

        return set_plan_key(context, t.plan, value, "Sleutel", {self.field: seen})

    def item(self, t, now, was):
        return f"De verdeelsleutel van plan “{self.title}” is nu “{self.names[now]}” (u zag “{self.names[was]}”)"


# --- budget: notes, a line's project and set ---------------------------------------------------------

def first_line(ws, plan: int) -> BudgetLine:
    with ws.session() as s:
        return s.scalars(select(BudgetLine).join(BudgetLine.group).where(BudgetGroup.plan_id == plan)
                         .order_by(BudgetLine.id)).first()


class CellNote(Kind):
    table, shows = "budget_cell", BUDGET_SHOWS
    theirs, mine = "Volgens offerte van jan", "Volgens offerte van anna"
    adoptable = True

    def prepare(self, ws, plan):
        line = first_line(ws, plan)
        with ws.session() as s:
            self.year = s.get(Plan, plan).years[-1]
        budget_edit.set_cell_note(ws, line.id, self.year, "")
        self.seen, self.line_name = "", line.name
        return Target(plan, line.id)

    def read(self, ws, t):
        with ws.session() as s:
            return s.scalar(select(BudgetCell.note).where(BudgetCell.line_id == t.row,
                                                          BudgetCell.year == self.year)) or ""

    def write(self, ws, t, value, expected=UNCHECKED):
        budget_edit.set_cell_note(ws, t.row, self.year, value, expected_or_none(expected))

    def command(self, context, t, value, seen):
        from app.views.commands import cell_note_command

        return cell_note_command(context, t.plan, t.row, self.year, value, seen)

    def key(self, t):
        return f"{t.row}/{self.year}"

    def item(self, t, now, was):
        return f"De toelichting bij “{self.line_name}” {self.year} is nu {shown_value(now)} (u zag {shown_value(was)})"


class LineField(Field):
    table, model, shows = "budget_line", BudgetLine, BUDGET_SHOWS
    service = staticmethod(budget_edit.set_line_fields)

    def prepare(self, ws, plan):
        line = first_line(ws, plan)
        self.seen, self.line_name = getattr(line, self.field), line.name
        return Target(plan, line.id)

    def command(self, context, t, value, seen):
        from app.views.commands import line_fields_command

        return line_fields_command(context, t.plan, t.row, "Post", {self.field: seen}, **{self.field: value})


class LineNote(LineField):
    field = "note"
    theirs, mine = "Toelichting van jan", "Toelichting van anna"

    def item(self, t, now, was):
        return f"De toelichting van begrotingspost “{self.line_name}” is nu {shown_value(now)} (u zag {shown_value(was)})"


class LineProject(LineField):
    field = "project_id"

    def prepare(self, ws, plan):
        target = super().prepare(ws, plan)
        with ws.session() as s:
            projects = s.scalars(select(Project).join(Project.chapter).where(Chapter.plan_id == plan)
                                 .where(Project.number != "").order_by(Project.id)).all()
            self.names = {None: "geen", **{p.id: f"{p.number} “{p.title}”" for p in projects}}
        self.theirs, self.mine = [i for i in self.names if i is not None and i != self.seen][:2]
        return target

    def item(self, t, now, was):
        return (f"Het gekoppelde project van begrotingspost “{self.line_name}” is nu {self.names[now]} "
                f"(u zag {self.names[was]})")


class LineSet(LineField):
    field = "municipality_set_id"

    def prepare(self, ws, plan):
        target = super().prepare(ws, plan)
        with ws.session() as s:
            region = s.get(Plan, plan).region_id
            sets = s.execute(select(MunicipalitySet.id, MunicipalitySet.code)
                             .where(MunicipalitySet.region_id == region).order_by(MunicipalitySet.id)).all()
        self.codes = {None: "alle gemeenten", **dict(sets)}
        self.theirs, self.mine = [i for i in self.codes if i is not None and i != self.seen][:2]
        return target

    def item(self, t, now, was):
        return f"De verdeling van begrotingspost “{self.line_name}” is nu {self.codes[now]} (u zag {self.codes[was]})"


class GroupSet(LineSet):
    table, model = "budget_group", BudgetGroup
    service = staticmethod(budget_edit.set_group_fields)

    def prepare(self, ws, plan):
        with ws.session() as s:
            group = s.scalars(select(BudgetGroup).where(BudgetGroup.plan_id == plan).order_by(BudgetGroup.id)).first()
            self.group_name = " ".join(filter(None, ["groep", group.number, f"“{group.name}”"]))
            line = Target(plan, group.id)
        self.seen = self.read(ws, line)
        with ws.session() as s:
            sets = s.execute(select(MunicipalitySet.id, MunicipalitySet.code)
                             .where(MunicipalitySet.region_id == s.get(Plan, plan).region_id)
                             .order_by(MunicipalitySet.id)).all()
        self.codes = {None: "alle gemeenten", **dict(sets)}
        self.theirs, self.mine = [i for i in self.codes if i is not None and i != self.seen][:2]
        return line

    def command(self, context, t, value, seen):
        from app.views.commands import group_fields_command

        return group_fields_command(context, t.plan, t.row, "Groep", {self.field: seen}, **{self.field: value})

    def item(self, t, now, was):
        return f"De verdeling van {self.group_name} is nu {self.codes[now]} (u zag {self.codes[was]})"


# --- the region: its name, municipalities, sets, keys ----------------------------------------------

class RegionKind(Kind):
    in_plan = False  # the region's rows belong to no plan
    adoptable = False  # an adopted plan does not freeze a name
    shows = REGION_SHOWS


class RegionName(RegionKind):
    table = "region"
    theirs, mine = "Regio van jan", "Regio van anna"

    def prepare(self, ws, plan):
        with ws.session() as s:
            region = s.get(Plan, plan).region
            self.seen = region.name
            return Target(plan, region.id)

    def read(self, ws, t):
        with ws.session() as s:
            return s.get(Region, t.row).name

    def write(self, ws, t, value, expected=UNCHECKED):
        region_edit.rename_region(ws, t.row, value, expected_or_none(expected))

    def command(self, context, t, value, seen):
        from app.views.region import region_commands

        return region_commands.rename_region(context, t.row, value, "Regio", seen)

    def item(self, t, now, was):
        return f"De naam van de regio is nu “{now}” (u zag “{was}”)"


class MunicipalityName(RegionKind):
    table = "municipality"
    theirs, mine = "Delft-Noord", "Delft-Zuid"

    def prepare(self, ws, plan):
        with ws.session() as s:
            region = s.get(Plan, plan).region_id
            found = s.scalars(select(Municipality).where(Municipality.region_id == region)
                              .order_by(Municipality.position)).first()
            self.seen = found.name
            return Target(plan, found.id)

    def read(self, ws, t):
        with ws.session() as s:
            return s.get(Municipality, t.row).name

    def write(self, ws, t, value, expected=UNCHECKED):
        region_edit.rename_municipality(ws, t.row, value, expected_or_none(expected))

    def command(self, context, t, value, seen):
        from app.views.region import region_commands

        return region_commands.rename_municipality(context, t.row, value, seen)

    def item(self, t, now, was):
        return f"De naam van de gemeente is nu “{now}” (u zag “{was}”)"


class SetKind(RegionKind):
    table = "municipality_set"

    def prepare(self, ws, plan):
        with ws.session() as s:
            region = s.get(Plan, plan).region_id
            self.municipalities = dict(s.execute(select(Municipality.id, Municipality.name)
                                                 .where(Municipality.region_id == region)
                                                 .order_by(Municipality.position)).all())
        ids = list(self.municipalities)
        found = region_edit.add_municipality_set(ws, region, "H3", "Drie gemeenten", ids[:3])
        self.state = region_edit.SetState("H3", "Drie gemeenten", tuple(ids[:3]))
        return Target(plan, found)

    def current(self, ws, t) -> region_edit.SetState:
        with ws.session() as s:
            found = s.get(MunicipalitySet, t.row)
            return region_edit.SetState(found.code, found.name, tuple(sorted(m.id for m in found.members)))

    def write(self, ws, t, value, expected=UNCHECKED):
        new = self.changed(self.current(ws, t), value)
        seen = None if expected is UNCHECKED else self.changed(self.current(ws, t), expected)
        region_edit.set_municipality_set(ws, t.row, new.code, new.name, new.member_ids, seen)

    def command(self, context, t, value, seen):
        from app.views.region import region_commands

        new = self.changed(self.state, value)
        return region_commands.set_municipality_set(context, t.row, new.code, new.name, new.member_ids, "Groep",
                                                    self.changed(self.state, seen))


class SetCode(SetKind):
    seen, theirs, mine = "H3", "HJ", "HA"

    def changed(self, state, code):
        return region_edit.SetState(code, state.name, state.member_ids)

    def read(self, ws, t):
        return self.current(ws, t).code

    def item(self, t, now, was):
        return f"De code van de groep gemeenten is nu “{now}” (u zag “{was}”)"


class SetName(SetCode):
    seen, theirs, mine = "Drie gemeenten", "Drie van jan", "Drie van anna"

    def changed(self, state, name):
        return region_edit.SetState(state.code, name, state.member_ids)

    def read(self, ws, t):
        return self.current(ws, t).name

    def item(self, t, now, was):
        return f"De naam van de groep gemeenten is nu “{now}” (u zag “{was}”)"


class SetMembers(SetKind):
    def prepare(self, ws, plan):
        target = super().prepare(ws, plan)
        ids = list(self.municipalities)
        self.seen, self.theirs, self.mine = (tuple(sorted(ids[:n])) for n in (3, 4, 2))
        return target

    def changed(self, state, members):
        return region_edit.SetState(state.code, state.name, tuple(members))

    def read(self, ws, t):
        return self.current(ws, t).member_ids

    def item(self, t, now, was):
        def names(ids):  # in the region's order
            return ", ".join(name for i, name in self.municipalities.items() if i in ids)

        return f"De gemeenten van groep H3 zijn nu {names(now)} (u zag {names(was)})"


class KeyField(RegionKind):
    table, shows = "allocation_key", "de verdeelsleutel toont nu de nieuwe waarden"

    def prepare(self, ws, plan):
        from app.models import KeyMethod

        with ws.session() as s:
            region = s.get(Plan, plan).region_id
        key = key_edit.add_key(ws, region, "Inwoners 2023", KeyMethod.BASIS)
        self.name = "Inwoners 2023"
        self.seen = self.read(ws, Target(plan, key))
        return Target(plan, key)

    def read(self, ws, t):
        with ws.session() as s:
            return getattr(s.get(AllocationKey, t.row), self.field)


class KeyName(KeyField):
    field = "name"
    theirs, mine = "Sleutel van jan", "Sleutel van anna"

    def write(self, ws, t, value, expected=UNCHECKED):
        key_edit.rename_key(ws, t.row, value, expected_or_none(expected))

    def command(self, context, t, value, seen):
        from app.views.region import region_commands

        return region_commands.rename_key(context, t.row, value, "Sleutel", seen)

    def item(self, t, now, was):
        return f"De naam van de verdeelsleutel is nu “{now}” (u zag “{was}”)"


class KeyBasisLabel(KeyField):
    field = "basis_label"
    theirs, mine = "inwoners 1-1-2023", "inwoners 1-1-2024"

    def write(self, ws, t, value, expected=UNCHECKED):
        key_edit.set_key_fields(ws, t.row, None if expected is UNCHECKED else {self.field: expected},
                                **{self.field: value})

    def command(self, context, t, value, seen):
        from app.views.region import region_commands

        return region_commands.key_fields(context, t.row, "Sleutel", {self.field: seen}, **{self.field: value})

    def item(self, t, now, was):
        return f"Het basisgetal van verdeelsleutel “{self.name}” is nu {shown_value(now)} (u zag {shown_value(was)})"


KINDS = {kind.__name__: kind for kind in (
    GoalText, RoleName, RoleFte, RoleExecutionFte, PersonName, PersonAvailable, PersonRole, Factor, PlanTitle,
    TotalLabel, YearColumns, PlanKey, CellNote, LineNote, LineProject, LineSet, GroupSet, RegionName, MunicipalityName, SetCode, SetName,
    SetMembers,
    KeyName, KeyBasisLabel)}


@pytest.fixture(params=list(KINDS))
def kind(request) -> Kind:
    return KINDS[request.param]()


@pytest.fixture(params=[name for name, k in KINDS.items() if k.adoptable])
def plan_kind(request) -> Kind:
    """A kind whose rows are a plan's (the region's are no plan's: adopting one does not freeze them)."""
    return KINDS[request.param]()


# The contract every kind keeps (tests/conflict_contract.py), collected here for this module's kinds.
globals().update({test.__name__: test for test in CONTRACT})

# --- the tests: as tests/test_edit_conflicts_more.py's, for these kinds ------------------------------











def test_a_plan_someone_else_adopted_refuses_everyone(pair, plan_kind):
    kind = plan_kind
    mine, theirs = pair
    plan = draft(mine)
    t = kind.prepare(mine, plan)
    adopt_plan(theirs, plan, "11-11-2022", "BOJ")
    for who in (mine, theirs):
        with pytest.raises(PlanReadOnlyError) as refused:
            kind.write(who, t, kind.mine, expected=kind.seen)
        assert "is vastgesteld (BOJ 11-11-2022) en kan niet meer worden gewijzigd" in refused.value.message
    assert kind.read(mine, t) == kind.seen


def test_a_keys_method_someone_else_changed_is_refused_and_an_undo_over_it_too(pair, settings_store):
    from app.models import KeyMethod
    from app.views.commands import execute
    from app.views.context import ApplicationContext
    from app.views.region import region_commands

    mine, theirs = pair
    kind = KeyName()
    t = kind.prepare(mine, draft(mine))  # a key by basis figures
    key_edit.set_key_fields(theirs, t.row, method=KeyMethod.PERCENTAGE)
    with pytest.raises(ConflictError) as refused:
        key_edit.set_key_fields(mine, t.row, {"method": KeyMethod.BASIS}, basis_label="inwoners")
    assert refused.value.message == REFUSED.format(
        item="De methode van verdeelsleutel “Inwoners 2023” is nu percentages (u zag basisgetal)" + BY_JAN,
        shows=kind.shows)
    with mine.session() as s:
        assert s.get(AllocationKey, t.row).basis_label == ""

    context = ApplicationContext(mine, settings_store)
    reported = []
    context.error_reported.connect(reported.append)
    command = region_commands.key_fields(context, t.row, "Methode", {"method": KeyMethod.PERCENTAGE},
                                         method=KeyMethod.BASIS)
    assert execute(context, command) is None
    key_edit.set_key_fields(theirs, t.row, method=KeyMethod.PERCENTAGE)
    context.undo_stack.undo()
    assert reported == [REFUSED.format(
        item="De methode van verdeelsleutel “Inwoners 2023” is nu percentages (u zag basisgetal)" + BY_JAN,
        shows=kind.shows)]
    context.undo_stack.clear()


# --- the pages pass what they showed: typed over jan's change, refused and his shown ----------------

def test_the_roles_and_people_tables_send_what_they_showed(on_screen):
    from app.views.staffing.staffing_editor import StaffingEditor

    context, theirs, plan, make = on_screen
    role, person = RoleName(), PersonAvailable()
    r, p = role.prepare(context.workspace, plan), person.prepare(context.workspace, plan)
    page = make(StaffingEditor, plan, "", "plan")
    roles, people = page.roles_model, page.people_model
    row = next(i for i, x in enumerate(roles.sheet.roles) if x.id == r.row)
    role.write(theirs, r, role.theirs)
    refused_over_jan(roles.set_texts([(row, roles.ROLE, role.mine)]), role.item(r, role.theirs, role.seen), role.shows)
    assert roles.sheet.roles[row].role == role.theirs  # read again: jan's
    assert role.read(context.workspace, r) == role.theirs

    row = next(i for i, x in enumerate(people.sheet.people) if x.id == p.row)
    person.write(theirs, p, person.theirs)
    refused_over_jan(people.set_texts([(row, people.AVAILABLE, "7,5")]),
                     person.item(p, person.theirs, person.seen), person.shows)
    assert people.sheet.people[row].available_half_days == person.theirs


def test_the_factor_field_shows_someone_elses_factor_after_a_refusal(on_screen):
    from app.views.staffing.staffing_editor import StaffingEditor

    context, theirs, plan, make = on_screen
    factor = Factor()
    t = factor.prepare(context.workspace, plan)
    page = make(StaffingEditor, plan, "", "plan")
    factor.write(theirs, t, factor.theirs)
    page.factor.setText("9")
    page._factor_entered()
    assert page.factor.text() == format_half_days(factor.theirs)
    assert factor.read(context.workspace, t) == factor.theirs


def test_the_region_page_sends_what_it_showed(on_screen):
    from app.views.region.region_editor import RegionEditor

    context, theirs, plan, make = on_screen
    municipality, region, members = MunicipalityName(), RegionName(), SetMembers()
    m, g = municipality.prepare(context.workspace, plan), region.prepare(context.workspace, plan)
    s = members.prepare(context.workspace, plan)
    page = make(RegionEditor, g.row)
    page.reload()
    model = page.municipalities_model
    row = next(i for i, x in enumerate(model.rows()) if x.id == m.row)
    municipality.write(theirs, m, municipality.theirs)
    refused_over_jan(model.set_texts([(row, 0, municipality.mine)]),
                     municipality.item(m, municipality.theirs, municipality.seen), municipality.shows)
    assert model.rows()[row].name == municipality.theirs  # read again: jan's
    assert municipality.read(context.workspace, m) == municipality.theirs

    region.write(theirs, g, region.theirs)
    page.name.setText(region.mine)
    page._name_edited()
    refused_over_jan(page.messages.text(), region.item(g, region.theirs, region.seen), region.shows)
    assert page.name.text() == region.theirs

    members.municipalities[m.row] = municipality.theirs  # the message names them as they are now
    members.write(theirs, s, members.theirs)
    page.sets.setCurrentIndex(page.sets_model.index(
        next(i for i, x in enumerate(page.sets_model.rows()) if x.id == s.row), page.sets_model.MEMBERS))
    page.ask_set = lambda *_args: ("H3", "Drie gemeenten", list(members.mine))
    page.edit_members()
    refused_over_jan(page.messages.text(), members.item(s, members.theirs, members.seen), members.shows)
    assert members.read(context.workspace, s) == members.theirs


def test_the_budget_page_sends_the_link_set_and_total_label_it_showed(on_screen):
    from app.services.budget_sheet import RowKind
    from app.views.budget.budget_editor import BudgetEditor
    from app.views.budget.budget_model import LABEL, PROJECT, SHARED_BY

    context, theirs, plan, make = on_screen
    project, shared, label = LineProject(), LineSet(), TotalLabel()
    p, s_, t = (kind.prepare(context.workspace, plan) for kind in (project, shared, label))
    page = make(BudgetEditor, plan, "", "plan")
    model = page.model

    def row_of(kind, row_id=None):
        return next(i for i, r in enumerate(model.sheet.rows) if r.kind is kind and (row_id is None or r.id == row_id))

    with context.workspace.session() as s:
        number = s.get(Project, project.mine).number
    project.write(theirs, p, project.theirs)
    refused_over_jan(model.set_texts([(row_of(RowKind.LINE, p.row), PROJECT, number)]),
                     project.item(p, project.theirs, project.seen), project.shows)
    assert project.read(context.workspace, p) == project.theirs

    shared.write(theirs, s_, shared.theirs)
    refused_over_jan(model.set_texts([(row_of(RowKind.LINE, s_.row), SHARED_BY, shared.codes[shared.mine])]),
                     shared.item(s_, shared.theirs, shared.seen), shared.shows)
    assert model.sheet.rows[row_of(RowKind.LINE, s_.row)].set_code == shared.codes[shared.theirs]  # read again

    label.write(theirs, t, label.theirs)
    refused_over_jan(model.set_texts([(row_of(RowKind.TOTAL), LABEL, label.mine)]),
                     label.item(t, label.theirs, label.seen), label.shows)
    assert model.sheet.rows[row_of(RowKind.TOTAL)].label == label.theirs


def test_the_goals_table_sends_what_it_showed(on_screen):
    from app.views.projects.project_editor import ProjectEditor

    context, theirs, plan, make = on_screen
    goal = GoalText()
    t = goal.prepare(context.workspace, plan)
    with context.workspace.session() as s:
        project = s.get(Goal, t.row).project_id
    page = make(ProjectEditor, project, plan, title="project")
    page.show()  # a hidden page reads the file again only when shown
    page.reload()
    row = next(i for i, g in enumerate(page.goals_model.goals) if g.id == t.row)
    goal.write(theirs, t, goal.theirs)
    refused_over_jan(page.goals_model.set_texts([(row, 0, goal.mine)]), goal.item(t, goal.theirs, goal.seen),
                     goal.shows)
    assert page.goals_model.goals[row].text == goal.theirs  # read again: jan's


def test_the_key_page_sends_the_key_it_showed(on_screen):
    from app.views.budget.key_editor import KeyEditor

    context, theirs, plan, make = on_screen
    key = PlanKey()
    t = key.prepare(context.workspace, plan)
    page = make(KeyEditor, plan, "", "plan")
    key.write(theirs, t, key.theirs)
    page._key_chosen(page.key_choice.findData(key.mine))
    refused_over_jan(page.messages.text(), key.item(t, key.theirs, key.seen), key.shows)
    assert page.key_choice.currentData() == key.theirs  # read again: jan's
    assert key.read(context.workspace, t) == key.theirs
