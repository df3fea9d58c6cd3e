"""The tree's plan actions (issue 12): next year's plan and adopting a plan, from the plan's
menu, each one undo step; the tree follows."""
from __future__ import annotations

from sqlalchemy import select

from app.models import Plan, PlanKind, PlanStatus
from app.services.next_year import NewYearFill
from app.views.shell.navigation import Node


def select_plan(window, plan_id: int) -> None:
    window.tree.setCurrentIndex(window.navigation_model.find(Node("plan", plan_id, plan_id)))


def tree_labels(window) -> list[str]:
    return [window.navigation_model.data(i) for i in window.navigation_model.walk()
            if window.navigation_model.node(i).kind == "plan"]


def plans(window) -> list[tuple]:
    with window.context.workspace.session() as s:
        return [(p.year, p.kind.value, p.status.value) for p in s.scalars(select(Plan).order_by(Plan.id))]


def test_next_years_plan_from_the_menu_then_adopted_and_both_undone(main_window, monkeypatch):
    window = main_window
    with window.context.workspace.session() as s:
        plan_2022 = s.scalars(select(Plan.id).where(Plan.kind == PlanKind.PLAN)).one()
    select_plan(window, plan_2022)
    menu = window.outline.context_menu(window.current_node)
    texts = [a.text().replace("&", "") for a in menu.actions() if a.text()]  # without mnemonics
    assert texts == ["Nieuw hoofdstuk…", "Vaststellen…", "Plan van volgend jaar…", "Scenario maken",
                     "Nieuw plan…", "Naam van plan wijzigen…", "Jaarkolommen…", "Plan verwijderen…"]
    assert not window.plan_actions.adopt_action.isEnabled()  # already adopted
    assert not window.plan_actions.rename_action.isEnabled() and not window.plan_actions.years_action.isEnabled()
    assert window.plan_actions.scenario_action.isEnabled() and window.plan_actions.delete_action.isEnabled()

    shown = []
    monkeypatch.setattr(window.plan_actions, "ask_next_year_fill", lambda: NewYearFill.EMPTY)
    monkeypatch.setattr(window.plan_actions, "show_summary", shown.append)
    window.plan_actions.next_year_action.trigger()
    assert plans(window) == [(2022, "plan", "adopted"), (2023, "plan", "draft")]
    assert shown and shown[0].startswith("Uitvoeringsplan 2023 Regiovisie Jeugdzorg Haaglanden is gemaakt")
    assert tree_labels(window) == ["2023 · concept", "2022 · vastgesteld 11-11-2021"]

    with window.context.workspace.session() as s:
        plan_2023 = s.scalars(select(Plan.id).where(Plan.year == 2023)).one()
    select_plan(window, plan_2023)
    window.outline.context_menu(window.current_node)
    assert window.plan_actions.adopt_action.isEnabled()
    monkeypatch.setattr(window.plan_actions, "ask_adoption", lambda: ("12-11-2022", "BOJ"))
    window.plan_actions.adopt_action.trigger()
    assert plans(window)[-1] == (2023, "plan", "adopted")
    assert tree_labels(window)[0] == "2023 · vastgesteld 12-11-2022"
    assert window.context.undo_stack.undoText() == "Plan vaststellen"

    window.context.undo_stack.undo()  # the adoption
    assert plans(window)[-1] == (2023, "plan", "draft")
    window.context.undo_stack.undo()  # next year's plan
    assert plans(window) == [(2022, "plan", "adopted")]
    assert len(tree_labels(window)) == 1
    window.context.undo_stack.redo()
    assert [p[:2] for p in plans(window)] == [(2022, "plan"), (2023, "plan")]
    with window.context.workspace.session() as s:  # redo puts the same plan back, with its own id
        assert s.scalars(select(Plan.id).where(Plan.year == 2023)).one() == plan_2023
    window.context.undo_stack.redo()
    assert plans(window)[-1] == (2023, "plan", "adopted")


def test_an_adoption_without_a_body_is_refused_in_dutch_and_nothing_changes(main_window, monkeypatch):
    window = main_window
    with window.context.workspace.session() as s:
        plan_2022 = s.scalars(select(Plan.id).where(Plan.kind == PlanKind.PLAN)).one()
    from app.services.plan_copy import create_amendment

    draft = create_amendment(window.context.workspace, plan_2022)
    window.refresh()
    select_plan(window, draft)
    errors = []
    monkeypatch.setattr("app.views.shell.opening.show_error", lambda parent, message, title=None: errors.append(message))
    monkeypatch.setattr(window.plan_actions, "ask_adoption", lambda: ("12-11-2022", " "))
    window.plan_actions.adopt_action.trigger()
    assert errors == ["Geef aan wie het plan vaststelt, bijvoorbeeld BOJ."]
    with window.context.workspace.session() as s:
        assert s.get(Plan, draft).status is PlanStatus.DRAFT
    assert window.context.undo_stack.count() == 0
