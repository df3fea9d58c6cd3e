"""Find in a plan (Ctrl+F): the projects, actions, budget groups and lines, roles and people
whose texts hold every word looked for, in the order the plan shows them.

Matching ignores case and accents ("reele" finds "reële", "overgang" finds "Overgang"): both
sides are folded (casefold, NFKD, combining marks dropped). SQLite's LIKE can do neither, so
the plan's texts are read with one query per kind and compared here; a 2,000-line budget
takes milliseconds (benchmarks/bench_find.py).

Order: the navigation tree's (chapters, sections and projects, each project followed by its
actions), then the staffing page (roles, then people), then the budget sheet (groups and
lines as the sheet shows them).
"""
from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from functools import cached_property, lru_cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Action, BudgetGroup, BudgetLine, Chapter, Person, Project, Role

# A pasted page of text is cut here: no one looks for more, and every item is compared with
# every word.
MAX_QUERY_LENGTH = 200
MAX_WORDS = 20
# Characters shown either side of the first word found, in a hit's excerpt.
EXCERPT_CONTEXT = 30

# The searched fields' Dutch names, for an excerpt ("toelichting: …").
FIELD_NAMES = {
    "number": "nummer", "title": "titel", "description": "omschrijving", "owner": "eigenaar",
    "remark": "opmerking", "name": "naam", "note": "toelichting", "role": "functie",
}


@dataclass(frozen=True)
class Hit:
    """One item found. ``id`` is the item's own id (project, action, line, group, role or
    person); ``project_id`` the project page a project or action opens on."""

    kind: str
    id: int
    plan_id: int
    field: str  # where most of the words are: "title", "description", "owner", "note", ...
    label: str  # Dutch, for the find bar: "Project 3.1.1 Aanpak wachtlijsten"
    project_id: int | None = None
    # (field, its text, a word the label does not show), for the excerpt; made only when
    # asked for, as a one-letter query finds thousands of items.
    hidden: tuple[str, str, str] | None = dataclass_field(default=None, compare=False, repr=False)

    @property
    def key(self) -> tuple[str, int]:
        return self.kind, self.id

    @cached_property
    def excerpt(self) -> str:
        """Where a word the label does not show was found: "toelichting: …de reële kosten…";
        empty when the label shows every word."""
        if self.hidden is None:
            return ""
        name, text, word = self.hidden
        return f"{FIELD_NAMES[name]}: {_excerpt(text, word)}"


# --- folding -------------------------------------------------------------------------------

@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    decomposed = unicodedata.normalize("NFKD", char.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(text: str) -> str:
    """``text`` without case or accents: "Reële Überschrift" -> "reele uberschrift"."""
    if text.isascii():
        return text.lower()  # the common case, and ASCII's casefold is lower()
    return "".join(_fold_char(c) for c in text)


def query_words(text: str) -> list[str]:
    """The folded words of a query, capped; empty for an empty or blank query."""
    words = fold((text or "")[:MAX_QUERY_LENGTH]).split()
    return list(dict.fromkeys(words))[:MAX_WORDS]  # a word typed twice is looked for once


def _find(text: str, word: str) -> tuple[int, int] | None:
    """Where folded ``word`` first occurs in ``text``: (start, end) in ``text`` as written."""
    # Fold character by character to map a place in the folded text back to the original
    # (folding one character at a time gives the same text as folding it whole).
    starts, folded = [], []
    for i, char in enumerate(text):
        part = _fold_char(char)
        starts.extend([i] * len(part))
        folded.append(part)
    at = "".join(folded).find(word) if word else -1
    if at < 0:
        return None
    return starts[at], starts[at + len(word) - 1] + 1


def match_span(text: str, query: str) -> tuple[int, int] | None:
    """The first place in ``text`` where a word of ``query`` occurs, as (start, end): where
    the find bar puts the cursor in a project's title or description. None: none occurs."""
    found = [span for w in query_words(query) if (span := _find(text, w)) is not None]
    return min(found) if found else None


def _excerpt(text: str, word: str) -> str:
    """``text`` around the first place ``word`` (folded) occurs, on one line."""
    span = _find(text, word)
    if span is None:
        return ""
    first, last = span
    begin, end = max(0, first - EXCERPT_CONTEXT), min(len(text), last + EXCERPT_CONTEXT)
    # Whole words only: a word cut at either end is left out.
    while 0 < begin < first and not text[begin - 1].isspace():
        begin += 1
    while last < end < len(text) and not text[end].isspace():
        end -= 1
    snippet = " ".join(text[begin:end].split())
    return ("…" if begin else "") + snippet + ("…" if end < len(text) else "")


def _holds(words: list[str], *texts: str) -> bool:
    """All ``words`` occur in ``texts`` taken together (folded)."""
    whole = fold("\n".join(texts))
    return all(w in whole for w in words)


def _hit(kind: str, item_id: int, plan_id: int, words, fields, label: str, shown: str,
         project_id: int | None = None) -> Hit:
    """The hit of an item whose ``fields`` ((name, text) pairs) hold all ``words``.

    Its field is the one holding the most words (ties: the earlier). ``shown`` is the part of
    the label taken from the fields; a word it does not show is given an excerpt."""
    folded = [(name, text, fold(text)) for name, text in fields if text]
    best = max(folded, key=lambda f: sum(w in f[2] for w in words))  # max keeps the first of ties
    visible = fold(shown)
    missing = next((w for w in words if w not in visible), None)
    hidden = None
    if missing is not None:
        name, text, _ = next(f for f in folded if missing in f[2])
        hidden = (name, text, missing)
    return Hit(kind, item_id, plan_id, best[0], label, project_id, hidden)


def _short(text: str, most: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= most else text[:most - 1] + "…"


# --- the plan's order ----------------------------------------------------------------------

def _tree_order(run, plan_id: int, projects) -> list:
    """The plan's projects as the navigation tree lists them (depth first; in a chapter its
    sections and projects by position, a section before a project of the same position)."""
    chapters = run(select(Chapter.id, Chapter.parent_id, Chapter.position)
                   .where(Chapter.plan_id == plan_id).order_by(Chapter.position, Chapter.id)).all()
    known = {c.id for c in chapters}
    entries: dict[int, list] = defaultdict(list)
    top = []
    for c in chapters:
        if c.parent_id is not None and c.parent_id in known:
            entries[c.parent_id].append(((c.position, 0, c.id), "chapter", c.id))
        else:
            top.append(c.id)
    for p in projects:
        entries[p.chapter_id].append(((p.position, 1, p.id), "project", p))
    ordered = []

    def walk(chapter_id: int) -> None:
        for _key, what, item in sorted(entries[chapter_id], key=lambda e: e[0]):
            if what == "chapter":
                walk(item)
            else:
                ordered.append(item)

    for chapter_id in top:
        walk(chapter_id)
    return ordered


def _budget_order(groups, lines) -> list[tuple[str, object]]:
    """("group", row) and ("line", row) as the budget sheet shows them (see budget_sheet)."""
    children: dict[int | None, list] = defaultdict(list)
    known = {g.id for g in groups}
    for g in groups:
        children[g.parent_id if g.parent_id in known else None].append(((g.position, 0, g.id), "group", g))
    for ln in lines:
        children[ln.group_id].append(((ln.position, 1, ln.id), "line", ln))
    ordered = []

    def walk(parent_id: int | None) -> None:
        for _key, what, item in sorted(children[parent_id], key=lambda e: e[0]):
            ordered.append((what, item))
            if what == "group":
                walk(item.id)

    walk(None)
    return ordered


# --- the search ----------------------------------------------------------------------------

def search_plan(workspace, plan_id: int, text: str) -> list[Hit]:
    """Every item of plan ``plan_id`` holding all words of ``text``, in the plan's order."""
    words = query_words(text)
    if not words:
        return []
    with workspace.session() as session:
        return search_session(session, plan_id, words)


def search_session(session: Session, plan_id: int, words: list[str]) -> list[Hit]:
    """The search in an open session, for folded ``words`` (see :func:`query_words`).

    One query per kind. Rows are read as plain Core rows and the items that do not match are
    dropped before they are ordered or labelled: the search runs on every pause in typing."""
    run = session.connection().execute
    hits: list[Hit] = []
    projects = run(select(Project.id, Project.chapter_id, Project.position, Project.number,
                          Project.title, Project.description)
                   .join(Project.chapter).where(Chapter.plan_id == plan_id)).all()
    actions: dict[int, list] = defaultdict(list)
    for a in run(select(Action.id, Action.project_id, Action.description, Action.owner, Action.remark)
                 .join(Action.project).join(Project.chapter).where(Chapter.plan_id == plan_id)
                 .order_by(Action.position, Action.id)).all():
        if _holds(words, a.description, a.owner, a.remark):
            actions[a.project_id].append(a)
    for p in _tree_order(run, plan_id, projects):
        if _holds(words, p.title, p.number, p.description):
            shown = f"{p.number} {p.title}".strip()
            hits.append(_hit("project", p.id, plan_id, words,
                             [("title", p.title), ("number", p.number), ("description", p.description)],
                             f"Project {shown}", shown, p.id))
        for a in actions[p.id]:
            shown = _short(a.description)
            hits.append(_hit("action", a.id, plan_id, words,
                             [("description", a.description), ("owner", a.owner), ("remark", a.remark)],
                             f"Actie bij {p.number or p.title}: {shown}", shown, p.id))

    for r in run(select(Role.id, Role.role).where(Role.plan_id == plan_id).order_by(Role.position, Role.id)):
        if _holds(words, r.role):
            hits.append(_hit("role", r.id, plan_id, words, [("role", r.role)], f"Functie: {r.role}", r.role))
    for m in run(select(Person.id, Person.name).where(Person.plan_id == plan_id)
                 .order_by(Person.position, Person.id)):
        if _holds(words, m.name):
            hits.append(_hit("person", m.id, plan_id, words, [("name", m.name)], f"Medewerker: {m.name}",
                             m.name))

    groups = run(select(BudgetGroup.id, BudgetGroup.parent_id, BudgetGroup.position, BudgetGroup.number,
                        BudgetGroup.name).where(BudgetGroup.plan_id == plan_id)).all()
    lines = [ln for ln in run(select(BudgetLine.id, BudgetLine.group_id, BudgetLine.position,
                                     BudgetLine.name, BudgetLine.note)
                              .join(BudgetLine.group).where(BudgetGroup.plan_id == plan_id)).all()
             if _holds(words, ln.name, ln.note)]
    for what, row in _budget_order(groups, lines):
        if what == "line":
            shown = _short(row.name)
            hits.append(_hit("budget_line", row.id, plan_id, words,
                             [("name", row.name), ("note", row.note)], f"Begrotingspost: {shown}", shown))
        elif _holds(words, row.name, row.number):
            shown = f"{row.number} {row.name}".strip()
            hits.append(_hit("budget_group", row.id, plan_id, words, [("name", row.name), ("number", row.number)],
                             f"Begrotingsgroep: {shown}", shown))
    return hits
