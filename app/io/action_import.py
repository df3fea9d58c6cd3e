"""Import an action list (acties) from a sheet: per row a project, an action and optionally its
owner, due date, status and remark, as programme offices keep them in Excel. No Qt.

    preview = preview_actions(grid, workspace, plan_id)   # actions and problems; nothing written
    done = apply_actions(workspace, plan_id, preview)      # one transaction, appended per project
    undo_actions(workspace, done)                          # removes exactly those actions

The header row is the first (of :data:`~app.io.budget_import.HEADER_SCAN`) with an action column
("Actie", "Acties", "Inspanning", "Inspanningen", "Omschrijving actie") and a project column
("Project", "Projectnaam") or a number column ("Nr.", "Projectnummer"). Optional: the owner
("Eigenaar", "Trekker", "Verantwoordelijke", "Wie"), the due date ("Gereed op", "Datum",
"Deadline", "Wanneer", "Planning", "Periode"), the status ("Status") and a remark ("Opmerking",
"Toelichting"). Other columns (the export's "Projectstatus", "Te laat", "Bijgewerkt op") are
ignored. Planbord's own export (app.io.plan_tables.actions_table) reads back as it was written.

Per row:

- the project is found in the plan by its number (exact), else by its title (case and spaces
  ignored). A project that is not in the plan is a problem and the row is not read: an import
  never makes projects;
- a row without an action is skipped without a word (the export lists a project without
  actions that way);
- an action whose description the project already has (case and spaces ignored), or that stands
  twice in the sheet, is skipped and counted (:attr:`ActionPreview.duplicates`): importing the
  same list again adds nothing;
- a date (or a Dutch date text, "31-12-2022") is the due date; a period ("Q2 2022", "half
  november", "vanaf 2023", "doorlopend") or a recurrence ("maandelijks") is the action's due
  period, read in the plan's year as if typed in the action table (app.services.periods), and
  counted (:attr:`ActionPreview.periods`). A text that is neither ("na de zomer", "31-02-2022")
  is a problem saying why; the action is read without a due, the text kept in its remark as
  "Planning: <text>";
- the status is one of Planbord's ("onbekend", "in behandeling", "behaald", "niet behaald") or a
  common word for one ("afgerond", "bezig", ...); anything else is a problem and the action is
  read with status "onbekend";
- a text over Planbord's maximum length is a problem and the row is not read.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from app.io.budget_import import HEADER_SCAN, BudgetImportError, ImportProblem, header_word, words, _text
from app.models import ActionStatus, Plan
from app.services.edit_errors import EditError
from app.services.editing import NAME_MOST, TEXT_MOST, clean_text
from app.services.project_edit import due_fields

ACTION_HEADERS = ("actie", "acties", "inspanning", "inspanningen", "omschrijving actie")
PROJECT_HEADERS = ("project", "projectnaam", "projecttitel")
NUMBER_HEADERS = ("nr.", "nr", "projectnummer", "project nr.", "projectnr.")
OWNER_HEADERS = ("eigenaar", "trekker", "verantwoordelijke", "wie")
DUE_HEADERS = ("gereed op", "datum", "deadline", "wanneer", "planning", "periode")
STATUS_HEADERS = ("status",)
REMARK_HEADERS = ("opmerking", "opmerkingen", "toelichting")

PLANNING = "Planning: "

# Words an office uses for a status, beside Planbord's own (its value and its name).
STATUS_WORDS: dict[str, ActionStatus] = {
    "": ActionStatus.UNKNOWN,
    "?": ActionStatus.UNKNOWN,
    "gereed": ActionStatus.ACHIEVED,
    "afgerond": ActionStatus.ACHIEVED,
    "klaar": ActionStatus.ACHIEVED,
    "gehaald": ActionStatus.ACHIEVED,
    "gerealiseerd": ActionStatus.ACHIEVED,
    "loopt": ActionStatus.IN_PROGRESS,
    "bezig": ActionStatus.IN_PROGRESS,
    "lopend": ActionStatus.IN_PROGRESS,
    "in uitvoering": ActionStatus.IN_PROGRESS,
    "niet gehaald": ActionStatus.NOT_ACHIEVED,
    "niet gerealiseerd": ActionStatus.NOT_ACHIEVED,
}


@dataclass
class PreviewAction:
    """One action to add, as read from its row."""

    ref: str  # the action's cell, "D7"
    project_id: int
    project_number: str
    project_title: str
    description: str
    owner: str = ""
    due_date: date | None = None
    status: ActionStatus = ActionStatus.UNKNOWN
    remark: str = ""
    due_text: str = ""  # a due period or recurrence ("Q2 2022"); "": the due date itself


@dataclass
class ActionPreview:
    sheet: str
    plan_id: int
    actions: list[PreviewAction]
    problems: list[ImportProblem]
    duplicates: int = 0  # rows skipped: the project has this action already (or the sheet had it twice)
    periods: int = 0  # due cells with a period or recurrence instead of a date
    unknown: list[str] = field(default_factory=list)  # projects named in the sheet that the plan lacks


@dataclass
class ActionImport:
    """What :func:`undo_actions` needs: the plan and the actions written."""

    plan_id: int
    action_ids: list[int] = field(default_factory=list)




def _problem(sheet: str, ref: str, message: str) -> ImportProblem:
    return ImportProblem(ref, f"Blad “{sheet}”, cel {ref}: {message}", sheet)


def _find_header(grid) -> tuple[int, dict[str, int]]:
    wanted = {"action": ACTION_HEADERS, "project": PROJECT_HEADERS, "number": NUMBER_HEADERS,
              "owner": OWNER_HEADERS, "due": DUE_HEADERS, "status": STATUS_HEADERS, "remark": REMARK_HEADERS}
    for index, row in enumerate(grid.rows[:HEADER_SCAN]):
        headers_here = [header_word(c.value) for c in row]
        columns: dict[str, int] = {}
        for name, headers in wanted.items():
            for col, word in enumerate(headers_here):
                if word in headers:
                    columns[name] = col
                    break
        if "action" in columns and ("project" in columns or "number" in columns):
            return index, columns
    raise BudgetImportError(
        f"Op blad “{grid.sheet}” staat geen kopregel met een kolom “Actie” en een kolom “Project” of "
        "“Nr.”; dit is geen actielijst. Zet boven de acties een kopregel met in elk geval die kolommen.")


def status_of(text: str) -> ActionStatus | None:
    """The action status a word stands for (Planbord's value or name, or a common word); None
    when it stands for none."""
    word = words(text)
    for member in ActionStatus:
        if word in (member.value, member.name.lower(), member.name.lower().replace("_", " ")):
            return member
    return STATUS_WORDS.get(word)


def _plan_projects(session, plan_id: int):
    from sqlalchemy import select

    from app.models import Action, Chapter, Plan, Project

    if session.get(Plan, plan_id) is None:
        raise BudgetImportError("Dit plan bestaat niet meer.")
    projects = list(session.execute(
        select(Project.id, Project.number, Project.title).join(Project.chapter)
        .where(Chapter.plan_id == plan_id).order_by(Project.id)).all())
    existing: dict[int, set[str]] = {p.id: set() for p in projects}
    for project_id, description in session.execute(
            select(Action.project_id, Action.description).join(Action.project).join(Project.chapter)
            .where(Chapter.plan_id == plan_id)):
        existing[project_id].add(words(description))
    return projects, existing


def preview_actions(grid, workspace, plan_id: int) -> ActionPreview:
    """The actions the sheet would add to the plan's projects, and every problem; nothing written."""
    header, columns = _find_header(grid)
    with workspace.session() as session:
        projects, existing = _plan_projects(session, plan_id)
        year = session.get(Plan, plan_id).year  # "Q4" is Q4 of the plan's year
    by_number: dict[str, list] = {}
    by_title: dict[str, list] = {}
    for project in projects:
        if project.number:
            by_number.setdefault(project.number.strip(), []).append(project)
        by_title.setdefault(words(project.title), []).append(project)

    sheet = grid.sheet
    preview = ActionPreview(sheet, plan_id, [], [])

    def cell(row, name):
        col = columns.get(name)
        return row[col] if col is not None and col < len(row) else None

    def text_of(row, name) -> str:
        found = cell(row, name)
        return _text(found.value) if found is not None else ""

    for row in grid.rows[header + 1:]:
        action_cell = cell(row, "action")
        description = text_of(row, "action")
        if not description:
            continue  # no action in this row: a project without actions, or an empty row
        number = text_of(row, "number").rstrip(".")
        title = text_of(row, "project")
        project_cell = cell(row, "project") if title else cell(row, "number") if number else action_cell
        candidates = by_number.get(number, []) if number else []
        if not candidates and title:
            candidates = by_title.get(words(title), [])
        name = title or (f"nr. {number}" if number else "")
        if not name:
            preview.problems.append(_problem(sheet, action_cell.ref, f"bij de actie “{_short(description)}” "
                                             "staat geen project; deze regel wordt niet ingelezen. Vul het "
                                             "projectnummer of de projectnaam in."))
            continue
        if not candidates:
            if name not in preview.unknown:
                preview.unknown.append(name)
            preview.problems.append(_problem(sheet, project_cell.ref, f"project “{name}” staat niet in dit plan; "
                                             "deze regel wordt niet ingelezen (er wordt geen project "
                                             "aangemaakt). Maak het project eerst aan of corrigeer de naam."))
            continue
        if len(candidates) > 1:
            preview.problems.append(_problem(sheet, project_cell.ref, f"er zijn {len(candidates)} projecten "
                                             f"“{name}” in dit plan; deze regel wordt niet ingelezen. Vul het "
                                             "projectnummer in (kolom “Nr.”) om te zeggen welk project het is."))
            continue
        project = candidates[0]
        if number and title and words(title) != words(project.title):
            preview.problems.append(_problem(sheet, project_cell.ref, f"nr. {number} heet in dit plan "
                                             f"“{project.title}”, niet “{title}”; de actie komt bij nr. "
                                             f"{number} (het nummer telt). Klopt dat niet, corrigeer dan het "
                                             "nummer."))
        try:
            where = action_cell
            description = clean_text(description, "De omschrijving van de actie", TEXT_MOST)
            where = cell(row, "owner")
            owner = clean_text(text_of(row, "owner"), "De eigenaar van de actie", NAME_MOST)
        except EditError as exc:
            preview.problems.append(_problem(sheet, where.ref, f"{exc.message} Deze regel wordt niet "
                                             "ingelezen; maak de tekst korter."))
            continue
        remark = text_of(row, "remark")
        key = words(description)
        if key in existing[project.id]:
            preview.duplicates += 1
            continue

        due_date, due_text, period = None, "", ""
        due = cell(row, "due")
        if due is not None and due.value is not None:
            if isinstance(due.value, datetime):
                due_date = due.value.date()
            elif isinstance(due.value, date):
                due_date = due.value
            else:
                raw = _text(due.value)
                try:
                    fields = due_fields(raw, year)
                except EditError as exc:  # neither a date nor a period: kept as text
                    period = raw
                    preview.problems.append(_problem(sheet, due.ref, f"{exc.message} De actie wordt "
                                                     "ingelezen zonder planning; de tekst staat in de "
                                                     f"opmerking (“{PLANNING}{_short(raw)}”)."))
                else:
                    due_date, due_text = fields["due_date"], fields["due_text"]
                    preview.periods += bool(due_text)
        if period:
            remark = f"{PLANNING}{period}; {remark}" if remark else f"{PLANNING}{period}"
        try:
            remark = clean_text(remark, "De opmerking bij de actie", TEXT_MOST)
        except EditError as exc:
            where = cell(row, "remark") or due
            message = exc.message
            if period:  # the length counted the planning put before the remark
                message = f"{message.rstrip('.')} (met “{PLANNING}{_short(period)}; ” ervoor)."
            preview.problems.append(_problem(sheet, where.ref, f"{message} Deze regel wordt niet "
                                             "ingelezen; maak de tekst korter."))
            continue

        status = ActionStatus.UNKNOWN
        status_cell = cell(row, "status")
        if status_cell is not None:
            word = _text(status_cell.value)
            found = status_of(word)
            if found is None:
                choices = ", ".join(m.value for m in ActionStatus)
                preview.problems.append(_problem(sheet, status_cell.ref, f"“{word}” is geen status; kies uit "
                                                 f"{choices}. De actie wordt ingelezen met status "
                                                 f"“{ActionStatus.UNKNOWN.value}”."))
            else:
                status = found

        existing[project.id].add(key)
        preview.actions.append(PreviewAction(action_cell.ref, project.id, project.number, project.title,
                                             description, owner, due_date, status, remark, due_text))
    return preview


def _short(text: str, most: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= most else text[:most - 1] + "…"


def apply_actions(workspace, plan_id: int, preview: ActionPreview, today: date | None = None) -> ActionImport:
    """Append the previewed actions to their projects, in one transaction; ``updated_on`` is
    today. Refuses an adopted plan (Dutch, nothing written)."""
    from sqlalchemy import func, select

    from app.models import Action, Chapter, Project
    from app.services.editing import writable_plan

    if not preview.actions:
        raise BudgetImportError("Er is niets te importeren: geen enkele nieuwe actie bij een project van dit "
                                "plan. Staan de acties er al in, of horen ze bij projecten die het plan niet heeft?")
    today = today or date.today()
    with workspace.transaction() as session:
        writable_plan(session, plan_id)
        wanted = {a.project_id for a in preview.actions}
        found = set(session.scalars(select(Project.id).join(Project.chapter)
                                    .where(Chapter.plan_id == plan_id, Project.id.in_(wanted))))
        if found != wanted:
            raise BudgetImportError("Een project uit het voorbeeld staat niet meer in dit plan; lees het "
                                    "bestand opnieuw in.")
        next_position = dict(session.execute(
            select(Action.project_id, func.max(Action.position) + 1)
            .where(Action.project_id.in_(wanted)).group_by(Action.project_id)).all())
        made = []
        for item in preview.actions:
            position = next_position.get(item.project_id, 0)
            next_position[item.project_id] = position + 1
            action = Action(project_id=item.project_id, position=position, description=item.description,
                            owner=item.owner, due_date=item.due_date, due_text=item.due_text,
                            status=item.status, remark=item.remark,
                            updated_on=today)
            session.add(action)
            made.append(action)
        session.flush()
        return ActionImport(plan_id, [a.id for a in made])


def undo_actions(workspace, done: ActionImport) -> None:
    """Remove exactly the actions the import wrote (the ones still there)."""
    from sqlalchemy import delete

    from app.models import Action
    from app.services.editing import writable_plan

    with workspace.transaction() as session:
        writable_plan(session, done.plan_id)
        if done.action_ids:
            session.execute(delete(Action).where(Action.id.in_(done.action_ids)))
