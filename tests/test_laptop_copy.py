"""The laptop copy (issue 22 point 3): a server's workspace checked out into a .planbord file,
edited offline, and brought back as one reviewed step; where the server changed the same cells
meanwhile the user sees both values and chooses per cell; nothing is silently overwritten either
way. Against the PostgreSQL test server (skipped with the reason where none can be started)."""
from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from app.cli import main
from app.models import Action, BudgetCell, BudgetGroup, BudgetLine, Checkout, Plan, Project
from app.services import laptop_copy
from app.services.adoption import adopt_plan
from app.services.budget_edit import CellChange, add_line, delete_line, set_cells
from app.services.cell_input import CellValue
from app.services.errors import WorkspaceError
from app.services.laptop_copy import base_path, bring_back, check_out, plan_bring_back
from app.services.project_edit import add_action, add_project, set_action_fields, set_project_fields
from app.services.server_workspace import open_server_workspace
from app.services.summary import plan_summary
from app.services.workspace import open_workspace
from conftest import make_draft_amendment
from file_rows import workspace_rows


def euros(amount: int) -> CellValue:
    return CellValue(Decimal(amount))


@pytest.fixture
def server(pg_demo):
    """(url, plan id, project id, action id, year, line ids): the demo on the server with a
    draft amendment (the demo plan itself is adopted: read-only), five of its lines that have an
    amount in ``year``."""
    with open_server_workspace(pg_demo) as ws:
        plan, project, action = make_draft_amendment(ws)
        with ws.session() as s:
            year = s.get(Plan, plan).years[1]
            lines = s.scalars(select(BudgetLine.id).join(BudgetLine.group).join(BudgetCell)
                              .where(BudgetGroup.plan_id == plan, BudgetCell.year == year,
                                     BudgetCell.amount.is_not(None)).order_by(BudgetLine.id)).all()
    return pg_demo, plan, project, action, year, lines[:5]


@pytest.fixture
def laptop(server, tmp_path):
    url, plan, *_ = server
    path = tmp_path / "vergadering.planbord"
    check_out(url, path, plan)
    return path


def cells(workspace, year, lines) -> dict[int, Decimal | None]:
    with workspace.session() as s:
        found = dict(s.execute(select(BudgetCell.line_id, BudgetCell.amount)
                               .where(BudgetCell.year == year, BudgetCell.line_id.in_(lines))).all())
    return {line: found.get(line) for line in lines}


def on_server(url, edit):
    with open_server_workspace(url) as ws:
        return edit(ws)


def offline(path, edit):
    with open_workspace(path) as ws:
        return edit(ws)


def server_rows(url):
    return on_server(url, workspace_rows)


def set_year(ws, year, values: dict[int, int]) -> None:
    set_cells(ws, [CellChange(line, year, euros(amount)) for line, amount in values.items()])


# --- the done-when scenario ----------------------------------------------------------------------

def test_check_out_edit_both_sides_resolve_and_find_exactly_the_chosen_values(server, laptop):
    url, plan, project, action, year, (a, b, c, d, e) = server
    original = offline(laptop, lambda ws: cells(ws, year, [a, e]))
    offline(laptop, lambda ws: (set_year(ws, year, {a: 1001, b: 2002, c: 3003, e: 5005}),
                                set_project_fields(ws, project, title="Titel uit de vergadering"),
                                set_action_fields(ws, action, description="Offline omschreven")))
    on_server(url, lambda ws: (set_year(ws, year, {a: 1111, b: 2002, d: 4444, e: 5555}),
                               set_action_fields(ws, action, description="Op de server omschreven")))

    review = plan_bring_back(laptop)

    assert not review.refusal
    by_label = {c.id: c for c in review.conflicts}
    assert set(by_label) == {f"budget_cell:{cell}:amount" for cell in cell_ids(url, year, [a, e])} | {
        f"action:{action}:description"}
    amount_a = next(c for c in review.conflicts if c.column == "amount" and c.mine == Decimal(1001))
    assert (amount_a.base, amount_a.mine, amount_a.theirs) == (original[a], 1001, 1111)
    assert (amount_a.mine_text, amount_a.theirs_text) == ("€ 1.001", "€ 1.111")
    assert amount_a.label.startswith("“") and f"{year}, bedrag" in amount_a.label
    described = next(c for c in review.conflicts if c.table == "action")
    assert (described.mine_text, described.theirs_text) == ("“Offline omschreven”", "“Op de server omschreven”")
    # Changed offline only: to apply; the same on both sides (b): nothing; d: the server's, kept.
    texts = [ch.text for ch in review.changes]
    assert any("€ 3.003" in t for t in texts) and any("Titel uit de vergadering" in t for t in texts)
    assert not any("2.002" in t for t in texts) and len(review.changes) == 2

    amount_e = next(c for c in review.conflicts if c.column == "amount" and c.mine == Decimal(5005))
    done = bring_back(laptop, {amount_a.id: "mine", amount_e.id: "theirs", described.id: "mine"},
                      planned=review)

    assert (done.applied, done.mine, done.theirs) == (2, 2, 1)
    assert on_server(url, lambda ws: cells(ws, year, [a, b, c, d, e])) == {
        a: Decimal(1001), b: Decimal(2002), c: Decimal(3003), d: Decimal(4444), e: Decimal(5555)}
    with open_server_workspace(url) as ws, ws.session() as s:
        assert s.get(Project, project).title == "Titel uit de vergadering"
        assert s.get(Action, action).description == "Offline omschreven"
    on_server(url, lambda ws: plan_summary(ws, f"id:{plan}"))  # the figures still compute


def cell_ids(url, year, lines) -> list[int]:
    with open_server_workspace(url) as ws, ws.session() as s:
        return list(s.scalars(select(BudgetCell.id).where(BudgetCell.year == year, BudgetCell.line_id.in_(lines))))


def test_a_second_bring_back_applies_nothing_and_the_file_is_the_server_now(server, laptop):
    url, plan, project, action, year, (a, b, *_rest) = server
    offline(laptop, lambda ws: set_year(ws, year, {a: 777}))
    on_server(url, lambda ws: set_year(ws, year, {b: 888}))
    with open_workspace(laptop, read_only=True) as ws, ws.session() as s:
        first_token = s.scalars(select(Checkout.token)).one()

    bring_back(laptop, {})

    again = plan_bring_back(laptop)
    assert again.nothing_to_do and again.changes == [] and again.conflicts == []
    assert offline(laptop, lambda ws: cells(ws, year, [a, b])) == {a: Decimal(777), b: Decimal(888)}
    with open_workspace(laptop, read_only=True) as ws, ws.session() as s:
        record = s.scalars(select(Checkout)).one()
    assert record.token != first_token and record.brought_back_on
    assert base_path(record.token).exists() and not base_path(first_token).exists()
    kept = server_rows(url)
    assert bring_back(laptop, {}).applied == 0
    assert server_rows(url) == kept


# --- rows added and deleted ----------------------------------------------------------------------

def test_a_line_added_offline_gets_a_new_id_and_its_cells_follow(server, laptop):
    url, plan, project, action, year, (a, *_rest) = server
    with open_server_workspace(url) as ws, ws.session() as s:
        group = s.get(BudgetLine, a).group_id

    def add_offline(ws):
        line = add_line(ws, group, name="Vergaderkosten (offline)")
        set_year(ws, year, {line: 1234})
        return line

    mine = offline(laptop, add_offline)
    theirs = on_server(url, lambda ws: add_line(ws, group, name="Op de server erbij"))
    assert mine == theirs  # both made the next id: two different lines

    review = plan_bring_back(laptop)
    assert review.conflicts == []
    assert [c.text for c in review.changes] == ["Nieuw: begrotingspost “Vergaderkosten (offline)”",
                                                f"Nieuw: “Vergaderkosten (offline)” {year}: € 1.234"]
    bring_back(laptop, {}, planned=review)

    with open_server_workspace(url) as ws, ws.session() as s:
        lines = {line.name: line for line in s.scalars(select(BudgetLine).where(BudgetLine.group_id == group))}
        added = lines["Vergaderkosten (offline)"]
        assert added.id != mine and lines["Op de server erbij"].id == theirs
        assert [(cell.year, cell.amount) for cell in added.cells] == [(year, Decimal(1234))]


def test_a_project_and_its_action_added_offline_beside_one_added_on_the_server(server, laptop):
    url, plan, project, action, year, _lines = server
    with open_server_workspace(url) as ws, ws.session() as s:
        chapter = s.get(Project, project).chapter_id

    def add_offline(ws):
        made = add_project(ws, chapter, title="Offline project")
        return made, add_action(ws, made, description="Offline actie")

    mine, mine_action = offline(laptop, add_offline)
    on_server(url, lambda ws: add_project(ws, chapter, title="Serverproject"))

    review = plan_bring_back(laptop)
    assert review.conflicts == []  # the numbers both sides gave follow the tree: never compared
    bring_back(laptop, {}, planned=review)

    with open_server_workspace(url) as ws, ws.session() as s:
        projects = {p.title: p for p in s.scalars(select(Project).where(Project.chapter_id == chapter))}
        added = projects["Offline project"]
        assert added.id != mine and [a.description for a in added.actions] == ["Offline actie"]
        numbers = [p.number for p in projects.values() if p.number]
        assert len(numbers) == len(set(numbers)) and "Serverproject" in projects  # renumbered as one tree


def test_project_numbers_follow_the_merged_tree_and_never_conflict(server, laptop):
    url, plan, project, action, year, _lines = server
    with open_server_workspace(url) as ws, ws.session() as s:
        chapter = s.get(Project, project).chapter_id
        siblings = s.scalars(select(Project.id).where(Project.chapter_id == chapter)
                             .order_by(Project.position)).all()
        first = s.get(Project, siblings[0])
        first_name = f"Project {first.number} “{first.title}”"
    assert len(siblings) >= 2
    # Offline the first becomes general work (no number: the others move up); on the server a
    # project comes first (the others move down): every number changed on both sides.
    offline(laptop, lambda ws: set_project_fields(ws, siblings[0], is_general=True))
    on_server(url, lambda ws: add_project(ws, chapter, index=0, title="Vooraan"))

    review = plan_bring_back(laptop)
    assert review.conflicts == [] and [c.text for c in review.changes] == [f"{first_name}: algemeen nee → ja"]
    bring_back(laptop, {}, planned=review)

    with open_server_workspace(url) as ws, ws.session() as s:
        numbers = [p.number for p in s.scalars(select(Project).where(Project.chapter_id == chapter)
                                               .order_by(Project.position, Project.id))]
    prefix = numbers[0].rsplit(".", 1)[0]
    assert numbers == [f"{prefix}.1", "", *(f"{prefix}.{n}" for n in range(2, len(siblings) + 1))]


def test_a_cell_cleared_and_typed_again_offline_is_the_same_cell(server, laptop):
    url, plan, project, action, year, (a, *_rest) = server
    offline(laptop, lambda ws: (set_cells(ws, [CellChange(a, year, CellValue())]), set_year(ws, year, {a: 99})))
    (cell,) = cell_ids(url, year, [a])

    review = plan_bring_back(laptop)
    assert [c.kind for c in review.changes] == ["gewijzigd"] and review.conflicts == []
    bring_back(laptop, {}, planned=review)
    assert cell_ids(url, year, [a]) == [cell] and on_server(url, lambda ws: cells(ws, year, [a])) == {a: 99}


def test_an_empty_cell_typed_on_both_sides_is_one_conflict(server, laptop):
    url, plan, project, action, year, (a, *_rest) = server
    on_server(url, lambda ws: set_cells(ws, [CellChange(a, year, CellValue())]))  # empty on the server
    offline(laptop, lambda ws: set_cells(ws, [CellChange(a, year, CellValue())]))  # and offline
    laptop_again = laptop.with_name("tweede.planbord")
    check_out(url, laptop_again, plan)  # taken with the cell empty
    offline(laptop_again, lambda ws: set_year(ws, year, {a: 10}))
    on_server(url, lambda ws: set_year(ws, year, {a: 20}))

    review = plan_bring_back(laptop_again)
    (conflict,) = review.conflicts
    assert (conflict.base_text, conflict.mine_text, conflict.theirs_text) == ("leeg", "€ 10", "€ 20")
    bring_back(laptop_again, {conflict.id: "mine"}, planned=review)
    assert on_server(url, lambda ws: cells(ws, year, [a])) == {a: Decimal(10)}
    assert len(cell_ids(url, year, [a])) == 1


def test_a_line_deleted_offline_goes_with_its_cells(server, laptop):
    url, plan, project, action, year, (a, b, *_rest) = server
    offline(laptop, lambda ws: delete_line(ws, a))

    review = plan_bring_back(laptop)
    assert review.conflicts == []
    assert review.changes[-1].text.startswith("Verwijderd: begrotingspost “")
    bring_back(laptop, {}, planned=review)

    with open_server_workspace(url) as ws, ws.session() as s:
        assert s.get(BudgetLine, a) is None and s.get(BudgetLine, b) is not None
        assert s.scalars(select(BudgetCell).where(BudgetCell.line_id == a)).all() == []


@pytest.mark.parametrize("choice", ["mine", "theirs"])
def test_deleted_offline_but_changed_on_the_server_is_asked_for_the_whole_line(server, laptop, choice):
    url, plan, project, action, year, (a, *_rest) = server
    offline(laptop, lambda ws: delete_line(ws, a))
    on_server(url, lambda ws: set_year(ws, year, {a: 4321}))

    review = plan_bring_back(laptop)
    (conflict,) = review.conflicts
    assert conflict.id == f"budget_line:{a}:verwijderd" and len(conflict.rows) > 1
    assert "offline verwijderd, op de server intussen gewijzigd" in conflict.label
    assert (conflict.mine_text, conflict.theirs_text) == ("verwijderen", "houden zoals op de server")
    bring_back(laptop, {conflict.id: choice}, planned=review)

    with open_server_workspace(url) as ws, ws.session() as s:
        assert (s.get(BudgetLine, a) is None) == (choice == "mine")
    if choice == "theirs":
        assert on_server(url, lambda ws: cells(ws, year, [a])) == {a: Decimal(4321)}


@pytest.mark.parametrize("choice", ["mine", "theirs"])
def test_changed_offline_but_deleted_on_the_server_comes_back_only_when_chosen(server, laptop, choice):
    url, plan, project, action, year, (a, *_rest) = server
    offline(laptop, lambda ws: set_year(ws, year, {a: 2468}))
    on_server(url, lambda ws: delete_line(ws, a))

    review = plan_bring_back(laptop)
    (conflict,) = review.conflicts
    assert conflict.id == f"budget_line:{a}:hersteld"
    assert "offline gewijzigd, op de server intussen verwijderd" in conflict.label
    bring_back(laptop, {conflict.id: choice}, planned=review)

    restored = on_server(url, lambda ws: cells(ws, year, [a]))
    assert restored == ({a: Decimal(2468)} if choice == "mine" else {a: None})


# --- refusals: a Dutch message, the server unchanged ---------------------------------------------

def test_an_undecided_conflict_is_refused(server, laptop):
    url, plan, project, action, year, (a, b, *_rest) = server
    offline(laptop, lambda ws: set_year(ws, year, {a: 1, b: 2}))
    on_server(url, lambda ws: set_year(ws, year, {a: 3}))
    kept = server_rows(url)
    with pytest.raises(WorkspaceError, match="Kies eerst per conflict de offline waarde of die van de server: "
                                             "“.*” .*, bedrag. Er is niets teruggezet."):
        bring_back(laptop, {})
    assert server_rows(url) == kept


def test_a_server_changed_again_after_the_review_is_refused(server, laptop):
    url, plan, project, action, year, (a, *_rest) = server
    offline(laptop, lambda ws: set_year(ws, year, {a: 1}))
    on_server(url, lambda ws: set_year(ws, year, {a: 3}))
    review = plan_bring_back(laptop)
    on_server(url, lambda ws: set_year(ws, year, {a: 5}))  # the value the user chose against moved on
    kept = server_rows(url)
    with pytest.raises(WorkspaceError, match="Op de server is intussen weer iets gewijzigd"):
        bring_back(laptop, review.choose_all("theirs"), planned=review)
    assert server_rows(url) == kept


def test_figures_that_no_longer_compute_after_applying_are_refused(server, laptop, monkeypatch):
    url, plan, project, action, year, (a, *_rest) = server
    offline(laptop, lambda ws: set_year(ws, year, {a: 1}))
    kept = server_rows(url)
    seen = []

    def broken(workspace, reference):
        seen.append(reference)
        with workspace.session() as s:  # inside the bring-back's transaction: the new value shows
            seen.append(s.scalars(select(BudgetCell.amount).where(BudgetCell.line_id == a,
                                                                  BudgetCell.year == year)).one())
        raise ZeroDivisionError("deling door nul")

    monkeypatch.setattr(laptop_copy, "plan_summary", broken, raising=False)
    monkeypatch.setattr("app.services.summary.plan_summary", broken)
    with pytest.raises(WorkspaceError, match="Na het terugzetten kloppen de cijfers van een plan niet meer; er "
                                             "is niets teruggezet"):
        bring_back(laptop, {})
    assert seen == [f"id:{plan}", Decimal(1)]
    assert server_rows(url) == kept


def test_a_file_that_cannot_be_brought_up_to_date_afterwards_says_the_server_has_it(server, laptop, monkeypatch):
    url, plan, project, action, year, (a, *_rest) = server
    offline(laptop, lambda ws: set_year(ws, year, {a: 42}))

    def full(rows, token):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(laptop_copy, "_write_base", full)
    with pytest.raises(WorkspaceError, match=r"De wijzigingen staan op de server \(planbord@.*\), maar "
                                             "“vergadering.planbord” kon daarna niet worden bijgewerkt.*Zet dit "
                                             "bestand niet nog eens terug"):
        bring_back(laptop, {})
    assert on_server(url, lambda ws: cells(ws, year, [a])) == {a: Decimal(42)}


def test_a_file_that_is_no_laptop_copy_is_refused(demo_workspace):
    with pytest.raises(WorkspaceError, match="is geen meegenomen kopie van een server"):
        plan_bring_back(demo_workspace)
    with pytest.raises(WorkspaceError, match="is geen meegenomen kopie van een server"):
        bring_back(demo_workspace, {})


def test_without_its_base_a_two_way_bring_back_is_not_offered(server, laptop):
    url, plan, project, action, year, (a, *_rest) = server
    offline(laptop, lambda ws: set_year(ws, year, {a: 1}))
    with open_workspace(laptop, read_only=True) as ws, ws.session() as s:
        base_path(s.scalars(select(Checkout.token)).one()).unlink()
    kept = server_rows(url)
    with pytest.raises(WorkspaceError, match="niet meer te vinden.*zou wijzigingen van anderen ongemerkt "
                                             "overschrijven; dat doet Planbord niet"):
        bring_back(laptop, {})
    assert server_rows(url) == kept


def test_a_plan_adopted_on_the_server_meanwhile_is_refused(server, laptop):
    url, plan, project, action, year, (a, *_rest) = server
    offline(laptop, lambda ws: set_year(ws, year, {a: 1}))
    on_server(url, lambda ws: adopt_plan(ws, plan, "01-02-2022", "BOJ"))
    kept = server_rows(url)

    review = plan_bring_back(laptop)
    assert "is vastgesteld (BOJ 01-02-2022) en kan niet meer worden gewijzigd" in review.refusal
    with pytest.raises(WorkspaceError, match=r"Op de server: .* is vastgesteld \(BOJ 01-02-2022\).*Er is niets "
                                             "teruggezet"):
        bring_back(laptop, {}, planned=review)
    assert server_rows(url) == kept


def test_check_out_keeps_no_password_and_refuses_a_file(pg_server, server, tmp_path, demo_workspace):
    url, plan, *_ = server
    with_password = url.replace("@", ":geheim-wachtwoord@", 1)
    path = tmp_path / "mee.planbord"
    check_out(with_password, path)
    with open_workspace(path, read_only=True) as ws, ws.session() as s:
        record = s.scalars(select(Checkout)).one()
    assert "geheim" not in record.server and record.plan_id is None and record.taken_by
    assert b"geheim" not in path.read_bytes() and b"geheim" not in base_path(record.token).read_bytes()
    with pytest.raises(WorkspaceError, match="Meenemen kan alleen van een database op een server"):
        check_out(str(demo_workspace), tmp_path / "ook.planbord")
    assert not (tmp_path / "ook.planbord").exists()


# --- the command line ----------------------------------------------------------------------------

def run(capsys, *args) -> tuple[int, str, str]:
    code = main([*map(str, args)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_the_command_line_takes_a_copy_and_brings_it_back_once_decided(server, tmp_path, capsys):
    url, plan, project, action, year, (a, b, *_rest) = server
    path = tmp_path / "bord.planbord"

    code, out, err = run(capsys, "meenemen", url, path, "--plan", f"id:{plan}")
    assert code == 0 and "Meegenomen van planbord@127.0.0.1/" in out and "(met de rest van de regio)" in out

    offline(path, lambda ws: set_year(ws, year, {a: 111, b: 222}))
    on_server(url, lambda ws: set_year(ws, year, {a: 333}))
    kept = server_rows(url)
    code, out, err = run(capsys, "terugzetten", path)
    assert code == 1 and "Ook op de server gewijzigd (1), kies per regel:" in out
    assert "offline € 111, op de server € 333" in out and "€ 222" in out
    assert "1 conflict is nog niet beslist; er is niets teruggezet. Kies met --kies-mijn" in err
    assert server_rows(url) == kept

    code, out, err = run(capsys, "terugzetten", path, "--kies-mijn")
    assert code == 0 and "Teruggezet naar planbord@127.0.0.1/" in out and "1 keer de offline waarde" in out
    assert on_server(url, lambda ws: cells(ws, year, [a, b])) == {a: Decimal(111), b: Decimal(222)}

    code, out, err = run(capsys, "terugzetten", path, "--kies-server")
    assert code == 0 and "Er is offline niets gewijzigd" in out


def test_the_command_line_refuses_in_dutch(server, tmp_path, capsys, demo_workspace):
    code, out, err = run(capsys, "terugzetten", demo_workspace)
    assert code == 1 and err.startswith("planbord: “demo.planbord” is geen meegenomen kopie")
    code, out, err = run(capsys, "meenemen", server[0], tmp_path / "bord.txt")
    assert code == 1 and "extensie .planbord" in err
