"""Renaming a chapter and changing its text from the outline, on the 2022 demo plan: what is
stored, the Dutch refusals that write nothing, and how many chapters and projects share a
parent (the numbering the outline offers for a move)."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from app.models import Chapter, Plan, PlanKind, Project
from app.services import project_edit as edit
from app.services.edit_errors import EditError, PlanReadOnlyError
from app.services.errors import ReadOnlyError
from app.services.plan_copy import create_amendment

READ_ONLY = ("Uitvoeringsplan 2022 Regiovisie Jeugdzorg Haaglanden is vastgesteld (BOJ 11-11-2021) "
             "en kan niet meer worden gewijzigd. Maak een wijziging aan om verder te werken.")


@pytest.fixture
def workspace(ws):
    """The demo workspace, as a file and on the PostgreSQL test server (conftest ``ws``)."""
    return ws


def adopted(ws) -> int:
    with ws.session() as s:
        return s.scalars(select(Plan.id).where(Plan.kind == PlanKind.PLAN)).one()


@pytest.fixture
def draft(workspace) -> int:
    """A draft amendment of the 2022 plan: the adopted plan stays beside it in the file."""
    return create_amendment(workspace, adopted(workspace))


def chapter_id(ws, plan_id: int, number: str) -> int:
    with ws.session() as s:
        return s.scalars(select(Chapter.id).where(Chapter.plan_id == plan_id,
                                                  Chapter.number == number)).one()


def project_id(ws, plan_id: int, title: str) -> int:
    with ws.session() as s:
        return s.scalars(select(Project.id).join(Project.chapter).where(
            Chapter.plan_id == plan_id, Project.title == title)).one()


def chapters(ws) -> list[tuple]:
    """Every chapter of every plan in the file, as stored."""
    with ws.session() as s:
        return [(c.id, c.plan_id, c.parent_id, c.position, c.number, c.title, c.text)
                for c in s.scalars(select(Chapter).order_by(Chapter.id))]


def stored(ws, chapter: int) -> tuple[str, str, str]:
    with ws.session() as s:
        c = s.get(Chapter, chapter)
        return c.number, c.title, c.text


# --- renaming and the text ------------------------------------------------------------------------

def test_rename_chapter_stores_the_trimmed_title_and_returns_the_old_one(workspace, draft):
    """F2 on "3.2 Lerend ontwikkelen": the new title is kept, the number and text stay."""
    chapter = chapter_id(workspace, draft, "3.2")
    _number, _title, text = stored(workspace, chapter)
    others = [c for c in chapters(workspace) if c[0] != chapter]
    assert edit.rename_chapter(workspace, chapter, "  Samen lerend ontwikkelen \n") == "Lerend ontwikkelen"
    assert stored(workspace, chapter) == ("3.2", "Samen lerend ontwikkelen", text)
    assert edit.chapter_title(workspace, chapter) == "Samen lerend ontwikkelen"
    assert [c for c in chapters(workspace) if c[0] != chapter] == others
    # Undo puts the old title back the same way.
    assert edit.rename_chapter(workspace, chapter, "Lerend ontwikkelen") == "Samen lerend ontwikkelen"
    assert edit.chapter_title(workspace, chapter) == "Lerend ontwikkelen"


def test_chapter_text_changes_alone_and_returns_the_old_text(workspace, draft):
    """Changing chapter 6's text keeps its title; the old text comes back for undo."""
    chapter = chapter_id(workspace, draft, "6")
    number, title, old_text = stored(workspace, chapter)
    assert old_text.startswith("Kaderstellende begroting voor 2022")
    assert edit.set_chapter_fields(workspace, chapter, text="Nieuwe toelichting.") == {"text": old_text}
    assert stored(workspace, chapter) == (number, title, "Nieuwe toelichting.")
    # Cleared text is stored as empty, not as nothing; the text is not trimmed.
    assert edit.set_chapter_fields(workspace, chapter, text=None) == {"text": "Nieuwe toelichting."}
    assert stored(workspace, chapter) == (number, title, "")
    edit.set_chapter_fields(workspace, chapter, text="  met spaties  ")
    assert stored(workspace, chapter)[2] == "  met spaties  "


def test_title_and_text_together_return_both_old_values(workspace, draft):
    """One edit of title and text returns both old values and stores both new ones."""
    chapter = chapter_id(workspace, draft, "1")
    old = edit.set_chapter_fields(workspace, chapter, title="Voorwoord", text="Kort.")
    assert old == {"title": "Inleiding",
                   "text": "Uitvoeringsplan bij de Regiovisie Jeugdzorg 2021-2026 Haaglanden."}
    assert stored(workspace, chapter) == ("1", "Voorwoord", "Kort.")


def test_renaming_the_draft_leaves_the_adopted_plan_alone(workspace, draft):
    """The amendment's chapter 3 is renamed; the adopted plan's chapter 3 keeps its title."""
    edit.rename_chapter(workspace, chapter_id(workspace, draft, "3"), "Prioriteiten")
    assert edit.chapter_title(workspace, chapter_id(workspace, draft, "3")) == "Prioriteiten"
    assert edit.chapter_title(workspace, chapter_id(workspace, adopted(workspace), "3")) == \
        "Prioritaire activiteiten in 2022"


@pytest.mark.parametrize("title", ["", "   ", "\n\t", None])
def test_an_empty_chapter_title_is_refused_in_dutch_and_nothing_is_written(workspace, draft, title):
    """A blank title is refused with a Dutch message; neither title nor text changes."""
    chapter = chapter_id(workspace, draft, "3.1")
    before = chapters(workspace)
    with pytest.raises(EditError) as info:
        edit.rename_chapter(workspace, chapter, title)
    assert info.value.message == "Een hoofdstuk heeft een titel nodig."
    with pytest.raises(EditError, match="Een hoofdstuk heeft een titel nodig."):
        edit.set_chapter_fields(workspace, chapter, title=title, text="Ook niet bewaard.")
    assert chapters(workspace) == before


def test_an_unknown_field_is_refused_by_name(workspace, draft):
    """Only title and text can be set; other fields are named in the refusal and nothing changes."""
    chapter = chapter_id(workspace, draft, "3.1")
    before = chapters(workspace)
    with pytest.raises(EditError) as info:
        edit.set_chapter_fields(workspace, chapter, number="9", title="Anders")
    assert info.value.message == "Onbekend veld: number"
    with pytest.raises(EditError) as info:
        edit.set_chapter_fields(workspace, chapter, position=0, number="9")
    assert info.value.message == "Onbekend veld: number, position"
    assert chapters(workspace) == before


def test_an_adopted_plan_refuses_rename_and_text_and_writes_nothing(workspace):
    """The vastgestelde 2022 plan cannot be renamed: the message says to make an amendment."""
    chapter = chapter_id(workspace, adopted(workspace), "3")
    before = chapters(workspace)
    with pytest.raises(PlanReadOnlyError) as info:
        edit.rename_chapter(workspace, chapter, "Prioriteiten")
    assert info.value.message == READ_ONLY
    with pytest.raises(PlanReadOnlyError) as info:
        edit.set_chapter_fields(workspace, chapter, text="Nieuwe tekst")
    assert info.value.message == READ_ONLY
    assert chapters(workspace) == before


def test_a_read_only_workspace_refuses_the_rename(ws, reopen):
    """A file or database opened read-only says nothing was saved and keeps the old title."""
    draft = create_amendment(ws, adopted(ws))
    chapter = chapter_id(ws, draft, "3")
    ws.close()
    with reopen(read_only=True) as read_only:
        with pytest.raises(ReadOnlyError) as info:
            edit.rename_chapter(read_only, chapter, "Prioriteiten")
        assert info.value.message.startswith("Er is niets opgeslagen.")
        assert edit.chapter_title(read_only, chapter) == "Prioritaire activiteiten in 2022"


def test_a_deleted_chapter_is_reported_and_has_no_title(workspace, draft):
    """A chapter deleted meanwhile cannot be renamed ("bestaat niet meer") and shows no title."""
    chapter = chapter_id(workspace, draft, "2")
    edit.delete_chapter(workspace, chapter)
    with pytest.raises(EditError) as info:
        edit.rename_chapter(workspace, chapter, "Context")
    assert info.value.message == "Dit hoofdstuk bestaat niet meer."
    assert edit.chapter_title(workspace, chapter) == ""


# --- siblings -------------------------------------------------------------------------------------

SIBLINGS = [  # (kind, chapter number or project title, chapters and projects under its parent)
    ("chapter", "3", 6),  # chapters 1-6 of this plan only, not the adopted plan's six as well
    ("chapter", "1", 6),
    ("chapter", "3.2", 3),  # 3.1, 3.2, 3.3
    ("chapter", "4.1", 4),  # paragraph 4.1 beside projects 4.2, 4.3 and 4.4
    ("project", "Gecertificeerde instellingen", 5),  # 3.1.1 - 3.1.5
    ("project", "Jeugdhulp in gezinsvormen", 4),  # 4.2 beside 4.1, 4.3, 4.4
    ("project", "Samen leren", 3),  # 3.2.1 - 3.2.3
    ("project", "Coördinatie, werkoverleg", 2),  # the two general activities of chapter 5
]


def test_sibling_count_counts_chapters_and_projects_under_one_parent(workspace, draft):
    """How many places a chapter or project can move to among its siblings (itself included)."""
    for kind, number_or_title, count in SIBLINGS:
        item = (chapter_id(workspace, draft, number_or_title) if kind == "chapter"
                else project_id(workspace, draft, number_or_title))
        assert edit.sibling_count(workspace, kind, item) == count, number_or_title


def test_sibling_count_follows_a_new_chapter_and_a_deleted_project(workspace, draft):
    """A new chapter at the top makes seven; a project deleted from 3.2 leaves two there."""
    edit.add_chapter(workspace, draft)
    assert edit.sibling_count(workspace, "chapter", chapter_id(workspace, draft, "3")) == 7
    assert edit.sibling_count(workspace, "chapter", chapter_id(workspace, adopted(workspace), "3")) == 6
    edit.delete_project(workspace, project_id(workspace, draft, "Samen leren"))
    assert edit.sibling_count(workspace, "project",
                              project_id(workspace, draft, "Ontwikkeling jeugdhulpmonitor")) == 2


def test_sibling_count_of_a_deleted_item_is_refused_in_dutch(workspace, draft):
    """Counting around a chapter or project deleted meanwhile says it no longer exists."""
    project = project_id(workspace, draft, "Big 5")
    edit.delete_project(workspace, project)
    with pytest.raises(EditError, match="^Dit project bestaat niet meer.$"):
        edit.sibling_count(workspace, "project", project)
    chapter = chapter_id(workspace, draft, "2")
    edit.delete_chapter(workspace, chapter)
    with pytest.raises(EditError, match="^Dit hoofdstuk bestaat niet meer.$"):
        edit.sibling_count(workspace, "chapter", chapter)
