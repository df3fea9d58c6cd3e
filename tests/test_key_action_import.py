"""Import of a verdeelsleutel and a budget from CSV as Dutch Excel writes it (issue 15, point 2)."""
from __future__ import annotations

from decimal import Decimal

import openpyxl
import pytest
from sqlalchemy import select

from app.io.budget_import import detect_budget, detect_kind, preview_budget
from app.io.key_import import apply_key, preview_key, undo_key
from app.io.readers import read_grid
from app.models import KeyShare, Municipality, Plan
from app.services.plan_edit import create_scenario
from app.services.plans import find_plan
from app.services.workspace import open_workspace


@pytest.fixture
def demo(demo_workspace):
    ws = open_workspace(demo_workspace)
    yield ws
    ws.close()


def municipalities(ws) -> list[str]:
    with ws.session() as s:
        return list(s.scalars(select(Municipality.name).order_by(Municipality.position)))


def key_workbook(path, rows):
    wb = openpyxl.Workbook()
    wb.active.title = "Sleutel"
    wb.active.append(["Gemeente", "Percentage"])
    for row in rows:
        wb.active.append(row)
    wb.save(path)
    return path


def test_key_of_99_98_percent_imported_and_flagged(demo, tmp_path):
    names = municipalities(demo)
    shares = [Decimal("10.00")] * (len(names) - 1)
    shares.append(Decimal("100") - sum(shares) - Decimal("0.02"))
    path = key_workbook(tmp_path / "k.xlsx", [[n, s] for n, s in zip(names, shares)] + [["Atlantis", 5]])
    grid = read_grid(path)
    assert detect_kind(grid) == "sleutel"
    with demo.session() as s:
        draft = create_scenario(demo, find_plan(s, 2022).id)
    preview = preview_key(grid, demo, draft)
    assert preview.total == Decimal("99.98")
    messages = [p.message for p in preview.problems]
    assert any("Atlantis" in m and "geen gemeente" in m for m in messages)
    assert any("99,98" in m and "niet herschaald" in m for m in messages)
    assert preview.unknown == ["Atlantis"]
    count = len(names)
    done = apply_key(demo, draft, preview)
    with demo.session() as s:
        plan = s.get(Plan, draft)
        stored = {sh.percentage for sh in s.scalars(select(KeyShare).where(KeyShare.key_id == plan.allocation_key_id))}
        assert plan.allocation_key_id == done.key_id
        assert stored == set(shares)  # not normalised
        assert len(municipalities(demo)) == count  # Atlantis never added
    undo_key(demo, done)
    with demo.session() as s:
        assert s.get(Plan, draft).allocation_key_id == done.old_key_id


def test_budget_csv_from_dutch_excel(tmp_path):
    text = ("Omschrijving;2022;2023\r\n"
            "Netwerk;;\r\n"
            "Programmamanager;€ 127.500,-;PM\r\n"
            "Secretariaat;1.280.000,00;id.\r\n"
            "Subtotaal netwerk;1.407.500;\r\n")
    path = tmp_path / "begroting.csv"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    grid = read_grid(path)
    preview = preview_budget(grid, detect_budget(grid))
    assert preview.problems == []
    assert [ln.name for ln in preview.lines] == ["Programmamanager", "Secretariaat"]
    assert preview.lines[0].cells[2022].amount == Decimal("127500.00")
    assert preview.lines[1].cells[2022].amount == Decimal("1280000.00")
    assert preview.groups[0].printed == {2022: Decimal("1407500.00")}
