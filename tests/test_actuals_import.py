"""Realisatie from an export of the financial administration (issue 20): a Dutch CSV (";",
Windows-1252, "1.234,56") of 5,000 bookings read whole, all or nothing, each refusal naming its row
and cell; the command line's actuals import / list and summary --json's actuals, depletion and
settlement."""
from __future__ import annotations

import json
import random
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.io.actuals_import import find_columns, preview_actuals, apply_actuals
from app.io.budget_import import BudgetImportError
from app.io.readers import read_grid
from app.models import BudgetGroup, BudgetLine, FundingSource
from app.models.actuals import ActualEntry, ActualKind
from app.services.actuals import delete_entries, restore_entries
from app.services.edit_errors import EditError
from app.services.plans import find_plan
from app.services.workspace import open_workspace

D = Decimal
ROOT = Path(__file__).resolve().parents[1]
HEADER = "Datum;Boekjaar;Post;Omschrijving;Factuurnummer;Bedrag;Soort"


def plan_id(ws) -> int:
    with ws.session() as s:
        return find_plan(s, 2022).id


def line_names(ws, pid) -> list[str]:
    with ws.session() as s:
        names = list(s.scalars(select(BudgetLine.name).join(BudgetLine.group).where(BudgetGroup.plan_id == pid)))
    return [n for n in names if names.count(n) == 1]


def dutch(amount: Decimal) -> str:
    """1234.56 -> "1.234,56", as a Dutch administration writes it."""
    sign = "-" if amount < 0 else ""
    whole, cents = f"{abs(amount):.2f}".split(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return f"{sign}{'.'.join(groups)},{cents}"


def write_csv(path: Path, rows: list[str]) -> Path:
    path.write_bytes(("\r\n".join([HEADER, *rows]) + "\r\n").encode("cp1252"))
    return path


def bookings(names: list[str], n: int, seed: int = 7) -> tuple[list[str], dict[str, Decimal]]:
    rng = random.Random(seed)
    rows, totals = [], {"realisatie": D(0), "verplichting": D(0)}
    for i in range(n):
        amount = D(rng.randint(-50000, 2000000)) / 100
        kind = "verplichting" if i % 10 == 0 else rng.choice(["realisatie", ""])
        totals[kind or "realisatie"] += amount
        day, month = rng.randint(1, 28), rng.randint(1, 12)
        rows.append(f"{day:02d}-{month:02d}-2022;2022;{rng.choice(names)};Factuur {i} – café;F-{i};{dutch(amount)};{kind}")
    return rows, totals


def count(ws) -> int:
    with ws.session() as s:
        return s.scalar(select(func.count(ActualEntry.id)))


def test_five_thousand_bookings_from_a_dutch_csv_in_one_go_and_out_again(ws, tmp_path):
    pid = plan_id(ws)
    rows, totals = bookings(line_names(ws, pid), 5000)
    grid = read_grid(write_csv(tmp_path / "boekingen.csv", rows))
    preview = preview_actuals(grid, ws, pid)
    assert len(preview.entries) == 5000
    assert preview.entries[0].description.endswith("– café")  # Windows-1252 read as such
    ids = apply_actuals(ws, pid, preview)
    assert len(ids) == 5000 and count(ws) == 5000
    with ws.session() as s:
        sums = dict(s.execute(select(ActualEntry.kind, func.sum(ActualEntry.amount)).group_by(ActualEntry.kind)).all())
    assert sums[ActualKind.REALISED] == totals["realisatie"]
    assert sums[ActualKind.COMMITTED] == totals["verplichting"]
    # The undo of the import takes out exactly these, its redo puts them back with their ids.
    rows_removed = delete_entries(ws, pid, ids)
    assert count(ws) == 0
    restore_entries(ws, pid, rows_removed)
    with ws.session() as s:
        assert sorted(s.scalars(select(ActualEntry.id))) == sorted(ids)


def test_an_unknown_line_refuses_the_whole_file_naming_its_row(ws, tmp_path):
    pid = plan_id(ws)
    rows, _ = bookings(line_names(ws, pid), 3000)
    rows[2716] = rows[2716].split(";")[0] + ";2022;Kantoorkatten;x;F;1.000,00;"
    grid = read_grid(write_csv(tmp_path / "boekingen.csv", rows))
    with pytest.raises(EditError) as refused:
        preview_actuals(grid, ws, pid)
    assert refused.value.message.startswith("Rij 2718 (cel C2718): “Kantoorkatten” is geen post of bron")
    assert count(ws) == 0


@pytest.mark.parametrize("row, message", [
    ("31-02-2022;2022;{line};x;F;1,00;", "Rij 2 (cel A2): '31-02-2022' is geen bestaande datum"),
    (";2022;{line};x;F;1,00;", "Rij 2 (cel A2): er staat geen datum"),
    ("01-02-2022;2022;{line};x;F;twaalf;", "Rij 2 (cel F2): 'twaalf' is geen bedrag"),
    ("01-02-2022;2022;{line};x;F;;", "Rij 2 (cel F2): er staat geen bedrag"),
    ("01-02-2022;2022;{line};x;F;1,005;", "meer dan twee decimalen"),
    ("01-02-2022;2022;{line};x;F;1,00;misschien", "Rij 2 (cel G2): “misschien” is geen soort boeking"),
    ("01-02-2022;twintig;{line};x;F;1,00;", "Rij 2 (cel B2): “twintig” is geen jaartal"),
    ("01-02-2022;2019;{line};x;F;1,00;", "Rij 2: 2019 is geen begrotingsjaar van dit plan (2022–2023)"),
    ("01-02-2022;2022;{source};x;F;1,00;verplichting", "Rij 2: Een verplichting hoort bij een post"),
])
def test_each_bad_cell_is_named_and_nothing_is_written(ws, tmp_path, row, message):
    pid = plan_id(ws)
    with ws.session() as s:
        source = s.scalars(select(FundingSource.name).where(FundingSource.plan_id == pid)).first()
    grid = read_grid(write_csv(tmp_path / "b.csv", [row.format(line=line_names(ws, pid)[0], source=source)]))
    with pytest.raises(EditError) as refused:
        preview_actuals(grid, ws, pid)
    assert message in refused.value.message
    assert count(ws) == 0


def test_a_file_without_the_three_columns_is_not_taken_for_bookings(ws, tmp_path):
    path = tmp_path / "iets.csv"
    path.write_bytes("Naam;Waarde\r\nA;1\r\n".encode("cp1252"))
    with pytest.raises(BudgetImportError, match="geen kopregel met een kolom “Datum”, een kolom “Bedrag”"):
        find_columns(read_grid(path))


def test_income_on_a_funding_source_and_a_header_lower_down(ws, tmp_path):
    pid = plan_id(ws)
    with ws.session() as s:
        source = s.scalars(select(FundingSource.name).where(FundingSource.plan_id == pid)).first()
    path = tmp_path / "b.csv"
    path.write_bytes(("Export boekingen 2022\r\n\r\n" + HEADER + "\r\n"
                      f"01-06-2022;2022;{source};ontvangen;B-1;50.000,00;\r\n").encode("cp1252"))
    preview = preview_actuals(read_grid(path), ws, pid)
    assert preview.header_row == 2 and preview.rows == [4]
    assert preview.entries[0].source_id is not None and preview.entries[0].amount == D("50000.00")
    assert preview.totals() == {(2022, "ontvangsten"): (1, D("50000.00"))}


# --- the command line -------------------------------------------------------------------------------

def run(*args: str, data: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "app", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, env={"PATH": "/usr/bin:/bin", "PLANBORD_DATA_DIR": str(data),
                                            "QT_QPA_PLATFORM": "offscreen"})


def test_the_command_line_checks_imports_lists_and_summarises(demo_workspace, tmp_path):
    ws = open_workspace(demo_workspace)
    try:
        pid = plan_id(ws)
        line = line_names(ws, pid)[0]
    finally:
        ws.close()
    csv = write_csv(tmp_path / "b.csv", [f"15-01-2022;2022;{line};Salaris;F-1;10.625,00;",
                                         f"01-05-2022;2022;{line};Opdracht;O-1;5.000,00;verplichting"])
    data = tmp_path / "data"
    dry = run("actuals", str(demo_workspace), "--plan", "2022", "import", str(csv), "--dry-run", data=data)
    assert dry.returncode == 0, dry.stderr
    assert "2022 uitgaven: 1 boeking, samen € 10.625" in dry.stdout and "er is niets geschreven" in dry.stdout
    empty = json.loads(run("summary", str(demo_workspace), "--json", data=data).stdout)
    assert empty["actuals"] == {} and empty["settlement"] == {}  # the dry run wrote nothing
    done = run("actuals", str(demo_workspace), "--plan", "2022", "import", str(csv), data=data)
    assert done.returncode == 0 and "Geïmporteerd" in done.stdout and "2 boekingen" in done.stdout
    listed = run("actuals", str(demo_workspace), "--plan", "2022", "list", data=data)
    assert "15-01-2022" in listed.stdout and "€ 10.625" in listed.stdout and "2 boekingen" in listed.stdout
    summary = json.loads(run("summary", str(demo_workspace), "--json", "--peildatum", "30-06-2022",
                             data=data).stdout)
    assert summary["actuals"]["2022"]["realised"] == "10625.00"
    assert summary["actuals"]["2022"]["committed"] == "5000.00"
    assert summary["depletion"]["as_of"] == "2022-06-30"
    assert summary["depletion"]["years"]["2022"]["realised"] == "10625.00"
    settlement = summary["settlement"]["2022"]
    shares = [D(m["share"]) for m in settlement["municipalities"].values()]
    assert sum(shares) == D(settlement["shares"]) == D("10625.00")  # no other funding received
    assert sum(D(m["difference"]) for m in settlement["municipalities"].values()) == D(settlement["difference"])


def test_the_command_line_refusals(demo_workspace, tmp_path):
    data = tmp_path / "data"
    missing = run("actuals", str(demo_workspace), "--plan", "2022", "import", data=data)
    assert missing.returncode == 2 and "geef het bestand met de boekingen" in missing.stderr
    bad_date = run("summary", str(demo_workspace), "--peildatum", "31-13-2022", data=data)
    assert bad_date.returncode == 1 and "'31-13-2022' is geen bestaande datum" in bad_date.stderr
    wrong = run("actuals", str(demo_workspace), "--plan", "2022", "opruimen", data=data)
    assert wrong.returncode == 2 and "ongeldige keuze" in wrong.stderr
