"""Issue 22, done-when: two processes edit the same plan on the server 1,000 times each, some cells
in common. Every refused edit is reported, no accepted edit is lost, and the final data equals the
replay of the accepted edits: per cell the accepted edits form one chain from the value before
(each expected what the one before it wrote), ending in the value the cell holds."""
from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from app.models import BudgetCell, BudgetGroup, BudgetLine, Plan, PlanKind
from app.services.plan_copy import create_amendment
from app.services.server_workspace import open_server_workspace

HERE = Path(__file__).resolve().parent
EDITS = 1000


def cell_values(workspace, lines) -> dict[int, str | None]:
    with workspace.session() as s:
        found = dict(s.execute(select(BudgetCell.line_id, BudgetCell.amount).where(
            BudgetCell.line_id.in_(lines), BudgetCell.year == 2022)).all())
    return {line: None if found.get(line) is None else str(found[line]) for line in lines}


def chain_end(start: str | None, accepted: list[tuple[str | None, str]]) -> str | None:
    """Follow the accepted edits of one cell from its first value; each must be used once."""
    after = {}
    for seen, written in accepted:
        assert seen not in after, f"two accepted edits over the same value {seen}: one was lost"
        after[seen] = written
    value, used = start, 0
    while value in after:
        value = after[value]
        used += 1
    assert used == len(accepted), f"{len(accepted) - used} accepted edits are not in the chain"
    return value


def normal(value: str | None) -> str | None:
    return None if value is None else str(Decimal(value).normalize())


@pytest.mark.slow
def test_two_processes_editing_the_same_cells_lose_nothing(pg_demo, tmp_path):
    workspace = open_server_workspace(pg_demo)
    try:
        with workspace.session() as s:
            adopted = s.scalars(select(Plan.id).where(Plan.kind == PlanKind.PLAN)).one()
        plan = create_amendment(workspace, adopted)
        with workspace.session() as s:
            lines = list(s.scalars(select(BudgetLine.id).join(BudgetLine.group)
                                   .where(BudgetGroup.plan_id == plan).order_by(BudgetLine.id).limit(7)))
        shared, own = lines[:3], {1: lines[3:5], 2: lines[5:7]}
        before = cell_values(workspace, lines)
        runs = []
        for who in (1, 2):
            out = tmp_path / f"editor-{who}.json"
            args = [sys.executable, str(HERE / "concurrent_editor.py"), pg_demo, str(who), str(EDITS), str(who),
                    str(out), *map(str, shared + own[who])]
            runs.append((out, subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)))
        logs = []
        for out, process in runs:
            _stdout, stderr = process.communicate(timeout=300)
            assert process.returncode == 0, stderr[-1500:]
            logs.append(json.loads(out.read_text(encoding="utf-8")))
        after = cell_values(workspace, lines)
    finally:
        workspace.close()

    assert [len(log) for log in logs] == [EDITS, EDITS]  # every edit reported, accepted or refused
    edits = [entry for log in logs for entry in log]
    refused = [e for e in edits if e[0] == "refused"]
    assert refused, "the two never got in each other's way: the test proves nothing"
    assert all(e[1] in shared for e in refused)  # only a cell the other also edits can conflict
    for line in lines:
        accepted = [(normal(seen), normal(written)) for outcome, cell, seen, written in edits
                    if outcome == "accepted" and cell == line]
        assert chain_end(normal(before[line]), accepted) == normal(after[line]), line
