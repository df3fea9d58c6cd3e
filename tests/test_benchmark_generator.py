"""The large benchmark workspace has the promised shape and is the same every time."""
from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.models import (
    BudgetCell,
    BudgetGroup,
    BudgetLine,
    Chapter,
    FixedSettlement,
    FundingSource,
    KeyMethod,
    Marker,
    MunicipalitySet,
    Person,
    Plan,
    PlanStatus,
    Project,
    Region,
)
from app.services.workspace import open_workspace

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # benchmarks/ is not an installed package
    sys.path.insert(0, str(REPO))

from benchmarks.generate import build_large_workspace  # noqa: E402


def _count(session, stmt) -> int:
    return session.scalar(select(func.count()).select_from(stmt.subquery()))


def _budget_dump(path: Path) -> list[tuple]:
    workspace = open_workspace(path)
    try:
        with workspace.session() as session:
            rows = session.execute(
                select(Plan.year, BudgetGroup.number, BudgetLine.name, BudgetCell.year,
                       BudgetCell.amount, BudgetCell.marker)
                .join(BudgetGroup, BudgetGroup.plan_id == Plan.id)
                .join(BudgetLine, BudgetLine.group_id == BudgetGroup.id)
                .join(BudgetCell, BudgetCell.line_id == BudgetLine.id)
            ).all()
            projects = session.execute(
                select(Project.number, Project.title, Project.stated_half_days, Project.status)
            ).all()
            people = session.execute(select(Person.name, Person.available_half_days)).all()
    finally:
        workspace.close()
    dump = [tuple(r) for r in rows] + [tuple(p) for p in projects] + [tuple(p) for p in people]
    return sorted(dump, key=repr)


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("PLANBORD_DATA_DIR", str(tmp_path / "data"))
    return tmp_path


@pytest.mark.slow
def test_large_workspace_shape_and_determinism(data_dir: Path) -> None:
    first = data_dir / "large-1.planbord"
    second = data_dir / "large-2.planbord"
    build_large_workspace(first)

    workspace = open_workspace(first)
    try:
        with workspace.session() as session:
            assert session.scalar(select(func.count()).select_from(Region)) == 1
            plans = session.scalars(select(Plan).order_by(Plan.year)).all()
            assert [p.year for p in plans] == list(range(2017, 2027))
            assert all(p.allocation_key_id is not None for p in plans)
            assert all(p.years == [p.year - 1, p.year, p.year + 1] for p in plans)
            assert [p.status for p in plans] == [PlanStatus.ADOPTED] * 9 + [PlanStatus.DRAFT]
            newest = plans[-1]

            projects = select(Project).join(Chapter).where(Chapter.plan_id == newest.id)
            assert _count(session, projects) == 200
            numbers = session.scalars(projects.with_only_columns(Project.number)).all()
            assert "3.2.7" in numbers and len(set(numbers)) == 200
            project = session.scalars(projects.where(Project.number == "3.2.7")).one()
            assert len(project.goals) == 3 and len(project.actions) == 3

            groups = select(BudgetGroup).where(BudgetGroup.plan_id == newest.id)
            assert _count(session, groups) == 40
            assert sorted(session.scalars(groups.with_only_columns(BudgetGroup.number)),
                          key=int) == [str(n) for n in range(1, 41)]
            lines = select(BudgetLine).join(BudgetGroup).where(BudgetGroup.plan_id == newest.id)
            assert _count(session, lines) == 2000
            people = select(Person).where(Person.plan_id == newest.id)
            assert _count(session, people) == 30
            assert _count(session, select(FundingSource).where(
                FundingSource.plan_id == newest.id)) >= 1
            settlements = session.scalars(
                select(FixedSettlement).where(FixedSettlement.plan_id == newest.id)).all()
            assert len(settlements) == 5
            assert {s.municipality_set.code for s in settlements} == {"H8", "H10"}

            sets = {s.code: s for s in session.scalars(select(MunicipalitySet))}
            assert len(sets["H10"].members) == 10 and len(sets["H8"].members) == 8
            key = newest.allocation_key
            assert key.method is KeyMethod.BASIS and key.basis_label == "Inwoners (indicatief)"
            assert len(key.shares) == 10 and all(isinstance(s.basis, int) for s in key.shares)

            cells = session.scalars(
                select(BudgetCell).join(BudgetLine).join(BudgetGroup)
                .where(BudgetGroup.plan_id == newest.id)).all()
            assert {c.year for c in cells} == {2025, 2026, 2027}
            markers = [c for c in cells if c.marker is not None]
            assert 0.01 * len(cells) < len(markers) < 0.06 * len(cells)
            assert {c.marker for c in markers} == set(Marker)
            amounts = [c.amount for c in cells if c.marker is None]
            assert all(isinstance(a, Decimal) and a == a.to_integral_value() for a in amounts)

            smaller = select(Project).join(Chapter).where(Chapter.plan_id == plans[0].id)
            assert _count(session, smaller) == 20
    finally:
        workspace.close()

    build_large_workspace(second)
    assert _budget_dump(first) == _budget_dump(second)
