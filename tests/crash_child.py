"""Child process for tests/test_crash.py: commits numbered edits until it is killed.

Usage: crash_child.py WORKSPACE FIRST_NUMBER

Each edit is one ``workspace.transaction()``: it adds an ambition numbered n
(position n; a funding year could not count that far, years stay within 1900-2200)
and sets the budget cell to n, so the parent can check that every
reported commit is in the file and that no transaction is half there. It prints
"committed n" (flushed) only after the commit returned. Every 25 edits it also
makes a backup, so some kills land in the middle of one.
"""
from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import select  # noqa: E402

from app.models import Ambition, BudgetCell, Region  # noqa: E402
from app.services.workspace import LockedError, open_workspace  # noqa: E402


def main(path: str, first: int) -> int:
    try:
        ws = open_workspace(path)
    except LockedError as e:
        # The lock of the child killed before us: same computer, process gone.
        if e.stale is not True:
            print(f"locked: {e.message}", flush=True)
            return 2
        ws = open_workspace(path, break_lock=True)
    print("opened", flush=True)
    with ws.session() as s:
        region_id = s.scalar(select(Region.id))
        cell_id = s.scalar(select(BudgetCell.id))
    n = first
    while True:
        with ws.transaction() as s:
            s.add(Ambition(region_id=region_id, position=n, text=f"bewerking {n}"))
            s.get(BudgetCell, cell_id).amount = Decimal(n)
        print(f"committed {n}", flush=True)
        if n % 25 == 0:
            ws.backup_if_changed()
        n += 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2])))
