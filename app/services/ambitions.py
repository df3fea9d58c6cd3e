"""The ambitions of the regional vision (kept per region) and which ones a project serves.

The list belongs to the region, so every plan of the region and its amendments share it.
Ticking an ambition on a project is an edit of that project's plan (an adopted plan
refuses); the list itself may be edited at any time, but an ambition an adopted plan's
project refers to cannot be deleted (the adopted plan must stay as it was adopted).
Every operation returns what its undo needs.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.models import Ambition, Chapter, Plan, Project, ProjectAmbition
from app.services.edit_errors import EditError
from app.services.editing import (
    clean_text,
    existing,
    insert_at,
    move_to,
    refuse_changed,
    row_values,
    set_positions,
    writable_plan,
)

GONE = "Deze ambitie bestaat niet meer."
NEEDS_TEXT = "Een ambitie heeft een tekst nodig; typ de ambitie zoals de regiovisie haar noemt."
MAX_LENGTH = 300
SHOWS = "de lijst van ambities toont nu de nieuwe waarden"


@dataclass(frozen=True)
class AmbitionRow:
    id: int
    text: str


@dataclass
class AmbitionSnapshot:
    """A deleted ambition with its place and the projects that served it, for an exact undo."""

    row: dict
    index: int
    project_ids: list[int] = field(default_factory=list)


def region_ambitions(session: Session, region_id: int) -> list[AmbitionRow]:
    return [AmbitionRow(a.id, a.text) for a in session.scalars(
        select(Ambition).where(Ambition.region_id == region_id).order_by(Ambition.position, Ambition.id))]


def project_ambition_ids(session: Session, project_id: int) -> set[int]:
    return set(session.scalars(select(ProjectAmbition.ambition_id)
                               .where(ProjectAmbition.project_id == project_id)))


def _clean(text) -> str:
    return clean_text(text, "Een ambitie", MAX_LENGTH, collapse=True, needed=NEEDS_TEXT,
                      too_long=lambda long: f"Een ambitie is hooguit {MAX_LENGTH} tekens lang; "
                                            f"deze heeft er {len(long)}.")


def _ordered(session: Session, region_id: int) -> list[Ambition]:
    return list(session.scalars(select(Ambition).where(Ambition.region_id == region_id)
                                .order_by(Ambition.position, Ambition.id)))


def set_project_ambitions(workspace, project_id: int, ambition_ids) -> list[int]:
    """The ambitions ``project_id`` serves become ``ambition_ids``; returns the old ids (sorted)."""
    wanted = set(ambition_ids)
    with workspace.transaction() as session:
        project = existing(session, Project, project_id, "Dit project bestaat niet meer.")
        chapter = session.get(Chapter, project.chapter_id)
        writable_plan(session, chapter.plan_id)
        region_id = session.get(Plan, chapter.plan_id).region_id
        known = {a.id for a in _ordered(session, region_id)}
        if wanted - known:
            raise EditError(GONE)
        old = project_ambition_ids(session, project_id)
        session.execute(delete(ProjectAmbition).where(ProjectAmbition.project_id == project_id,
                                                      ProjectAmbition.ambition_id.in_(old - wanted)))
        session.add_all(ProjectAmbition(project_id=project_id, ambition_id=a) for a in wanted - old)
    return sorted(old)


def add_ambition(workspace, region_id: int, text: str, index: int | None = None) -> int:
    text = _clean(text)
    with workspace.transaction() as session:
        items = _ordered(session, region_id)
        ambition = Ambition(region_id=region_id, text=text)
        session.add(ambition)
        insert_at(items, ambition, index)
        session.flush()
        return ambition.id


def rename_ambition(workspace, ambition_id: int, text: str, expected: str | None = None) -> str:
    """Returns the old text. ``expected``: the text the user saw (an undo: what it wrote), None:
    nothing to check; where the ambition reads otherwise now, someone changed it meanwhile:
    ConflictError with what it is now, what was seen and who changed it when; nothing is written."""
    text = _clean(text)
    with workspace.transaction() as session:
        ambition = existing(session, Ambition, ambition_id, GONE)
        refuse_changed(session, ambition, None if expected is None else {"text": " ".join(str(expected).split())},
                       "de ambitie", lambda _row: "de ambitie", SHOWS)
        old, ambition.text = ambition.text, text
    return old


def move_ambition(workspace, ambition_id: int, index: int) -> int:
    """Returns the old index."""
    with workspace.transaction() as session:
        ambition = existing(session, Ambition, ambition_id, GONE)
        items = _ordered(session, ambition.region_id)
        return move_to(items, ambition, index)


def delete_ambition(workspace, ambition_id: int) -> AmbitionSnapshot:
    with workspace.transaction() as session:
        ambition = existing(session, Ambition, ambition_id, GONE)
        users = session.execute(
            select(Project.id, Plan).join(Chapter, Chapter.id == Project.chapter_id)
            .join(Plan, Plan.id == Chapter.plan_id)
            .join(ProjectAmbition, ProjectAmbition.project_id == Project.id)
            .where(ProjectAmbition.ambition_id == ambition_id)).all()
        project_ids = sorted(project_id for project_id, _plan in users)
        adopted = sorted({plan.title for _project_id, plan in users if plan.is_read_only})
        if adopted:
            raise EditError(f"“{ambition.text}” wordt gebruikt in {', '.join(adopted)}, dat is "
                            "vastgesteld; een vastgesteld plan blijft zoals het is vastgesteld. "
                            "Pas de tekst aan in plaats van de ambitie te verwijderen.")
        items = _ordered(session, ambition.region_id)
        snapshot = AmbitionSnapshot(
            row=row_values(ambition),
            index=items.index(ambition), project_ids=project_ids)
        items.remove(ambition)  # its project links go with it (ON DELETE CASCADE)
        session.delete(ambition)
        set_positions(items)
    return snapshot


def restore_ambition(workspace, snapshot: AmbitionSnapshot) -> None:
    with workspace.transaction() as session:
        ambition = Ambition(**snapshot.row)
        session.add(ambition)
        session.flush()
        items = [a for a in _ordered(session, ambition.region_id) if a is not ambition]
        items.insert(snapshot.index, ambition)
        set_positions(items)
        session.add_all(ProjectAmbition(project_id=p, ambition_id=ambition.id) for p in snapshot.project_ids)


def load_region_ambitions(workspace, region_id: int) -> list[AmbitionRow]:
    with workspace.session() as session:
        return region_ambitions(session, region_id)
