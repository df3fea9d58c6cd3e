"""The demo workspace holds the Uitvoeringsplan 2022 Haaglanden as published.

The figures asserted here are typed over from chapter 6 of the published plan,
not computed from the demo data, so a slip in either shows.
"""
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run_app(*args, env_dir: Path):
    import os

    env = dict(os.environ, PLANBORD_DATA_DIR=str(env_dir))
    return subprocess.run([sys.executable, "-m", "app", *map(str, args)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def summary(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo")
    path = folder / "demo.planbord"
    made = run_app("demo", path, env_dir=folder)
    assert made.returncode == 0, made.stderr
    result = run_app("summary", path, "--plan", "2022", "--json", env_dir=folder)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return json.loads(result.stdout)


def group(summary, name):
    return next(g for g in summary["budget"]["groups"] if g["name"] == name)


def test_plan_is_the_adopted_2022_plan(summary):
    assert summary["plan"]["region"] == "Regio Haaglanden"
    assert summary["plan"]["year"] == 2022
    assert summary["plan"]["status"] == "adopted"
    assert summary["plan"]["adopted_on"] == "2021-11-11"
    assert summary["budget"]["years"] == ["2021", "2022", "2023"]


@pytest.mark.parametrize("name, published_2022", [
    ("Regionale netwerksamenwerking", "544000.00"),
    ("Aanpak Wachtlijsten", "150000.00"),
    ("Beter Samenspel", "125000.00"),
    ("Samen leren", "230000.00"),
    ("Lopende projecten en ad-hoc ondersteuning", "100000.00"),
])
def test_printed_subtotals(summary, name, published_2022):
    assert group(summary, name)["totals"]["2022"] == published_2022


def test_grand_total_funding_and_balance(summary):
    assert summary["budget"]["total"]["2022"] == "1280000.00"
    # dekking: 1.037.500 + 200.000 + 42.500
    assert summary["funding"]["total"]["2022"] == "1280000.00"
    assert summary["balance"]["2022"] == "0.00"


def test_other_years_as_published(summary):
    # 2021: 77.500 + 315.000 + 70.000 + 93.000 + 50.000 + 110.000 + 18.000 + 25.000
    #       + 165.000 + 0 + 139.000
    assert summary["budget"]["total"]["2021"] == "1062500.00"
    # 2023 holds only markers (doorlopend, id.): no amount, twelve cells left out
    assert summary["budget"]["total"]["2023"] == "0.00"
    assert summary["budget"]["markers_left_out"] == {"2021": 0, "2022": 0, "2023": 12}
    # 2021 is last year's budget, printed for comparison: never funded, split or flagged.
    assert summary["budget"]["comparison_years"] == ["2021"]
    assert "2021" not in summary["contributions"] and "2021" not in summary["contributions_basis"]
    assert not any("2021" in p for p in summary["problems"])


def test_dagdelen_22_of_22(summary):
    staffing = summary["staffing"]
    assert staffing["capacity_half_days"] == "22.0"
    assert staffing["allocated_half_days"] == "22.0"
    assert staffing["capacity_fte"] == "2.20"
    by_title = {p["title"]: p["half_days"] for p in staffing["projects"]}
    assert by_title["Intensiveren Beter Samenspel"] == "4.0"
    assert by_title["Samen leren"] == "3.0"
    assert by_title["Doorlopend algemeen"] == "4.0"
    assert by_title["Coördinatie, werkoverleg"] == "2.0"


def test_text_and_table_disagree_on_samen_leren_and_it_shows(summary):
    assert any("Samen leren" in p and "2 dagdelen" in p and "formatie 3" in p
               for p in summary["problems"])


def test_the_municipalities_fund_the_regular_regional_budget_only(summary):
    """1.280.000 minus 200.000 Transformatiefonds and 42.500 other underspend: 1.037.500, the
    reguliere regiobegroting, is what the key splits."""
    assert summary["contributions_basis"]["2022"] == {
        "budget": "1280000.00", "other_funding": "242500.00", "to_split": "1037500.00"}
    assert sum(Decimal(v) for v in summary["contributions"]["2022"].values()) == Decimal("1037500")


def test_contributions_add_up_exactly_to_each_years_total(summary):
    for year, basis in summary["contributions_basis"].items():
        parts = summary["contributions"][year]
        assert len(parts) == 10
        assert sum(Decimal(v) for v in parts.values()) == Decimal(basis["to_split"])
        assert all(Decimal(v) == Decimal(v).to_integral_value() for v in parts.values())
    # the biggest municipality pays the most
    parts_2022 = summary["contributions"]["2022"]
    assert max(parts_2022, key=lambda m: Decimal(parts_2022[m])) == "Den Haag"


def test_fixed_settlements_are_kept_apart_and_respect_h8(summary):
    fixed = summary["fixed_settlements"]["2022"]
    # 15.000 + 40.000 + 72.600 + 48.400 + 140.795
    assert sum(Decimal(v) for v in fixed.values()) == Decimal("316795")
    # Den Haag pays only the H10 lines (GIZ, Jong doet mee, Villa Pinedo), not the H8 ones
    h10_total = Decimal(15000 + 40000 + 48400)
    assert Decimal(fixed["Den Haag"]) < h10_total
    share_den_haag = Decimal(summary["contributions"]["2022"]["Den Haag"]) / Decimal("1037500")
    assert abs(Decimal(fixed["Den Haag"]) - h10_total * share_den_haag) <= 1
    assert "2023" in summary["fixed_settlements"]
    assert sum(Decimal(v) for v in summary["fixed_settlements"]["2023"].values()) == 0


def test_text_summary_is_dutch(tmp_path):
    path = tmp_path / "demo.planbord"
    assert run_app("demo", path, env_dir=tmp_path).returncode == 0
    result = run_app("summary", path, env_dir=tmp_path)
    assert result.returncode == 0
    assert "€ 1.280.000" in result.stdout
    assert "Dagdelen: 22 van 22 per week" in result.stdout
