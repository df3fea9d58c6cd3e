"""One of the two people in tests/test_concurrent_edits.py: ``python tests/concurrent_editor.py URL
WHO EDITS SEED OUT LINE...`` reads a cell, then writes a value of its own over what it saw
(budget_edit.set_cells with ``expected``), EDITS times; every edit's outcome (accepted or refused,
the cell, the value seen, the value written) goes to OUT as JSON."""
from __future__ import annotations

import json
import random
import sys
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import select  # noqa: E402

from app.models import BudgetCell  # noqa: E402
from app.services import budget_edit  # noqa: E402
from app.services.budget_edit import CellChange  # noqa: E402
from app.services.cell_input import EMPTY, CellValue  # noqa: E402
from app.services.edit_errors import ConflictError  # noqa: E402
from app.services.server_workspace import open_server_workspace  # noqa: E402

YEAR = 2022


def main(url: str, who: int, edits: int, seed: int, out: str, *lines: str) -> int:
    workspace = open_server_workspace(url)
    rng = random.Random(seed)
    line_ids = [int(line) for line in lines]
    log = []
    try:
        for number in range(edits):
            line = rng.choice(line_ids)
            with workspace.session() as session:
                seen = session.scalar(select(BudgetCell.amount).where(BudgetCell.line_id == line,
                                                                      BudgetCell.year == YEAR))
            value = Decimal(who * 1_000_000 + number)
            shown = EMPTY if seen is None else CellValue(amount=seen)
            try:
                budget_edit.set_cells(workspace, [CellChange(line, YEAR, CellValue(amount=value))],
                                      expected=[CellChange(line, YEAR, shown)])
                outcome = "accepted"
            except ConflictError:
                outcome = "refused"
            log.append([outcome, line, None if seen is None else str(seen), str(value)])
    finally:
        workspace.close()
    Path(out).write_text(json.dumps(log), encoding="utf-8")
    return 0


if __name__ == "__main__":
    url, who, edits, seed, out, *lines = sys.argv[1:]
    sys.exit(main(url, int(who), int(edits), int(seed), out, *lines))
