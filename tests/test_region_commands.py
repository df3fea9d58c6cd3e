"""The region's and the plans' undo commands without widgets: push, look at the file, undo, look
again, redo. A compound (a pasted block of names) is one step, and all or nothing."""
from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.models import KeyMethod, KeyShare, Municipality, MunicipalitySet, Plan, Region
from app.services.new_workspace import KeySetup, PlanSetup, create_region_workspace
from app.views.changes import ChangeKind
from app.views.commands import execute
from app.views.region import region_commands as rc
from app.views.shell import plan_commands as pc

SIX = ["Aadorp", "Beekdorp", "Cedorp", "Dijkstad", "Eemveen", "Fortmond"]


@pytest.fixture
def context(tmp_path: Path, planbord_qapp):
    from app.services.workspace import open_workspace
    from app.views.context import ApplicationContext
    from app.views.settings import SettingsStore

    made = create_region_workspace(
        tmp_path / "proef.planbord", "Regio Proefland", SIX,
        key=KeySetup("Meicirculaire", KeyMethod.PERCENTAGE, ["30", "20", "15", "15", "10", "10"]),
        plan=PlanSetup(2027))
    ws = open_workspace(made.path)
    ctx = ApplicationContext(ws, SettingsStore.at(tmp_path / "settings.ini"))
    ctx.made = made
    ctx.changes = []
    ctx.changed.connect(ctx.changes.append)
    yield ctx
    ctx.undo_stack.clear()
    ctx.close()


def names(ctx) -> list[str]:
    with ctx.workspace.session() as s:
        return list(s.scalars(select(Municipality.name).order_by(Municipality.position)))


def ids(ctx) -> dict[str, int]:
    with ctx.workspace.session() as s:
        return dict(s.execute(select(Municipality.name, Municipality.id)).all())


def test_renaming_two_municipalities_is_one_step_and_a_refused_one_leaves_both_names(context):
    found = ids(context)
    block = rc.compound(context, [rc.rename_municipality(context, found["Aadorp"], "Aa", "Aadorp"),
                                  rc.rename_municipality(context, found["Beekdorp"], "Bee", "Beekdorp")], "2 namen")
    assert execute(context, block) is None
    assert names(context)[:2] == ["Aa", "Bee"] and context.undo_stack.count() == 1
    assert context.changes[-1].kind is ChangeKind.REGION and context.changes[-1].plan_id is None
    context.undo_stack.undo()
    assert names(context) == SIX
    context.undo_stack.redo()
    assert names(context)[:2] == ["Aa", "Bee"]

    # The second name clashes with a third municipality: the first rename is taken back too.
    refused = rc.compound(context, [rc.rename_municipality(context, found["Cedorp"], "Ce", "Cedorp"),
                                    rc.rename_municipality(context, found["Dijkstad"], "eemveen", "Dijkstad")],
                          "2 namen")
    assert execute(context, refused) == "De regio heeft al een gemeente “Eemveen”."
    assert names(context)[2:4] == ["Cedorp", "Dijkstad"] and context.undo_stack.count() == 1


def test_a_removed_municipality_comes_back_with_its_share_and_membership_after_undo(context):
    found = ids(context)
    assert execute(context, rc.add_municipality_set(context, context.made.region_id, "H4", "Vier",
                                                    [found[n] for n in SIX[:4]], "H4")) is None
    assert execute(context, rc.delete_municipality(context, found["Beekdorp"], "weg")) is None
    with context.workspace.session() as s:
        assert s.scalar(select(func.count(KeyShare.id))) == 5
        assert [m.name for m in s.scalars(select(MunicipalitySet)).one().members] == ["Aadorp", "Cedorp", "Dijkstad"]
    context.undo_stack.undo()
    with context.workspace.session() as s:
        assert s.scalar(select(KeyShare.percentage).where(KeyShare.municipality_id == found["Beekdorp"])) == 20
        assert [m.name for m in s.scalars(select(MunicipalitySet)).one().members] == SIX[:4]
    assert names(context) == SIX
    # Undo of the group, redo of both: the same ids, so later steps still find their rows.
    context.undo_stack.undo()
    context.undo_stack.redo()
    context.undo_stack.redo()
    assert "Beekdorp" not in names(context)


def test_a_new_plan_undone_and_redone_keeps_its_id_and_a_duplicate_year_is_refused(context):
    command = pc.new_plan_command(context, context.made.region_id, PlanSetup(2028), None, "Nieuw plan")
    assert execute(context, command) is None
    plan_id = command.new_id
    context.undo_stack.undo()
    with context.workspace.session() as s:
        assert s.get(Plan, plan_id) is None
    context.undo_stack.redo()
    with context.workspace.session() as s:
        assert s.get(Plan, plan_id).year == 2028
    refused = pc.new_plan_command(context, context.made.region_id, PlanSetup(2027), None, "Nieuw plan")
    assert execute(context, refused) == ("Er is al een uitvoeringsplan voor 2027 in deze regio (“Uitvoeringsplan 2027”). "
                                         "Kies een ander jaar, of maak een scenario van dat plan.")
    assert context.undo_stack.count() == 1


def test_renaming_the_region_is_undone(context):
    assert execute(context, rc.rename_region(context, context.made.region_id, "  Regio  Nieuw ", "naam")) is None
    with context.workspace.session() as s:
        assert s.scalar(select(Region.name)) == "Regio Nieuw"
    context.undo_stack.undo()
    with context.workspace.session() as s:
        assert s.scalar(select(Region.name)) == "Regio Proefland"
    assert execute(context, rc.rename_region(context, context.made.region_id, " ", "naam")) == \
        "Een regio heeft een naam nodig."
