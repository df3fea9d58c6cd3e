"""The region's ambitions and the ones a project serves: validated, one transaction, undoable."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from app.models import Ambition, Plan, ProjectAmbition
from app.services import ambitions as amb
from app.services import project_edit
from app.services.edit_errors import EditError, PlanReadOnlyError
from app.services.plan_copy import create_amendment
from app.services.project_form import project_form
from test_project_edit import adopted_id, draft, plan_dump, project_by_number, workspace  # noqa: F401


def region_id(ws) -> int:
    with ws.session() as s:
        return s.scalars(select(Plan.region_id)).first()


def texts(ws) -> list[str]:
    with ws.session() as s:
        return [a.text for a in amb.region_ambitions(s, region_id(ws))]


def served(ws, project_id) -> list[str]:
    with ws.session() as s:
        return [a.text for a in project_form(s, project_id).ambitions if a.served]


def test_demo_has_the_five_ambitions_of_the_regiovisie(workspace):
    assert texts(workspace) == [
        "Versterken van het gewone opvoeden en opgroeien",
        "Kinderen en jongeren groeien zo thuis mogelijk op",
        "Kinderen en jongeren krijgen tijdig de best passende hulp",
        "Jeugdhulp en onderwijs werken effectief samen",
        "Kinderen en jongeren groeien op in een duurzaam veilige situatie",
    ]
    samen_leren = project_by_number(workspace, adopted_id(workspace), "3.2.3")
    assert served(workspace, samen_leren) == [
        "Versterken van het gewone opvoeden en opgroeien",
        "Kinderen en jongeren krijgen tijdig de best passende hulp"]


def test_an_amendment_serves_the_same_ambitions(workspace, draft):
    number = "3.1.3"
    assert served(workspace, project_by_number(workspace, draft, number)) == \
        served(workspace, project_by_number(workspace, adopted_id(workspace), number))


def test_ticking_ambitions_and_undo(workspace, draft):
    project = project_by_number(workspace, draft, "4.1.2")
    with workspace.session() as s:
        ids = [a.id for a in amb.region_ambitions(s, region_id(workspace))]
    old = amb.set_project_ambitions(workspace, project, [ids[0], ids[3]])
    assert served(workspace, project) == [texts(workspace)[0], texts(workspace)[3]]
    amb.set_project_ambitions(workspace, project, old)
    assert served(workspace, project) == ["Jeugdhulp en onderwijs werken effectief samen"]


def test_an_adopted_plan_keeps_its_ambitions(workspace):
    project = project_by_number(workspace, adopted_id(workspace), "4.1.2")
    before = served(workspace, project)
    with pytest.raises(PlanReadOnlyError):
        amb.set_project_ambitions(workspace, project, [])
    assert served(workspace, project) == before


def test_list_edits_are_validated_and_undoable(workspace):
    region = region_id(workspace)
    before = texts(workspace)
    for bad in ("", "   "):
        with pytest.raises(EditError, match="heeft een tekst nodig"):
            amb.add_ambition(workspace, region, bad)
    with pytest.raises(EditError, match="hooguit 300 tekens"):
        amb.add_ambition(workspace, region, "x" * 301)
    assert texts(workspace) == before

    new = amb.add_ambition(workspace, region, "  Minder  uithuisplaatsingen ", index=1)
    assert texts(workspace)[1] == "Minder uithuisplaatsingen"
    old_text = amb.rename_ambition(workspace, new, "Minder uithuisplaatsingen & <sneller>")
    assert texts(workspace)[1] == "Minder uithuisplaatsingen & <sneller>"
    old_index = amb.move_ambition(workspace, new, 5)
    assert texts(workspace)[-1] == "Minder uithuisplaatsingen & <sneller>"
    amb.move_ambition(workspace, new, old_index)
    amb.rename_ambition(workspace, new, old_text)
    snapshot = amb.delete_ambition(workspace, new)
    assert texts(workspace) == before
    amb.restore_ambition(workspace, snapshot)
    assert texts(workspace)[1] == "Minder uithuisplaatsingen"


def test_an_ambition_an_adopted_plan_uses_cannot_be_deleted(workspace):
    with workspace.session() as s:
        first = amb.region_ambitions(s, region_id(workspace))[0]
    with pytest.raises(EditError) as info:
        amb.delete_ambition(workspace, first.id)
    assert "vastgesteld" in info.value.message and "Pas de tekst aan" in info.value.message
    assert texts(workspace)[0] == first.text


def test_deleting_an_ambition_used_by_a_draft_and_undo_restores_the_links(ws):
    try:
        region = region_id(ws)
        draft_id = create_amendment(ws, adopted_id(ws))
        project = project_by_number(ws, draft_id, "4.3")
        new = amb.add_ambition(ws, region, "Nieuw")
        with ws.session() as s:
            other = amb.region_ambitions(s, region)[1]
        amb.set_project_ambitions(ws, project, [new, other.id])
        before = plan_dump(ws, draft_id)
        snapshot = amb.delete_ambition(ws, new)
        assert served(ws, project) == [other.text]  # the project's other ambition stays ticked
        with ws.session() as s:  # no link left pointing at the deleted ambition
            assert s.scalars(select(ProjectAmbition).where(ProjectAmbition.ambition_id == new)).all() == []
        amb.restore_ambition(ws, snapshot)
        assert plan_dump(ws, draft_id) == before
        assert served(ws, project) == [other.text, "Nieuw"]
    finally:
        ws.close()


def test_deleting_a_project_and_undo_keeps_its_ambitions(workspace, draft):
    project = project_by_number(workspace, draft, "3.1.3")
    before = plan_dump(workspace, draft)
    assert before["ambitions"]
    snapshot = project_edit.delete_project(workspace, project)
    with workspace.session() as s:
        assert s.scalars(select(ProjectAmbition).where(ProjectAmbition.project_id == project)).all() == []
        assert s.scalars(select(Ambition)).all()  # the region's list stays
    project_edit.restore(workspace, snapshot)
    assert plan_dump(workspace, draft) == before
