"""Money and other exact numbers: floats refused, no silent rounding, exact round trip."""
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from app.formatting import format_date, format_half_days, format_money, format_percentage
from app.models import Base, BudgetCell, BudgetGroup, BudgetLine, Plan, Region
from app.models.numbers import NumberError, half_days, money, money_to_cents, round_to_euros


def test_money_refuses_float():
    with pytest.raises(TypeError):
        money(0.1)


@pytest.mark.parametrize("bad", ["1.005", "abc", "NaN", "Infinity", "1000000000000.00"])
def test_money_refuses_what_is_not_an_exact_amount(bad):
    with pytest.raises(NumberError):
        money(bad)


def test_money_accepts_int_str_and_decimal():
    assert money(127500) == Decimal("127500.00")
    assert money("77500") == Decimal("77500.00")
    assert money(Decimal("0.10")) + money(Decimal("0.20")) == Decimal("0.30")


def test_half_days_allow_one_decimal_only():
    assert half_days("2.5") == Decimal("2.5")
    with pytest.raises(NumberError):
        half_days("2.25")


def test_rounding_is_half_up_at_the_edge():
    assert round_to_euros(Decimal("0.50")) == Decimal("1")
    assert round_to_euros(Decimal("2.49")) == Decimal("2")


cents = st.integers(min_value=-99_999_999_999_999, max_value=99_999_999_999_999)


@given(cents)
def test_money_survives_the_database_exactly(value_cents):
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    amount = Decimal(value_cents).scaleb(-2)
    with Session(engine) as session:
        region = Region(name="R")
        plan = Plan(region=region, year=2022, title="P", first_year=2022, last_year=2022)
        session.add_all([region, plan])
        session.flush()
        group = BudgetGroup(plan_id=plan.id, name="G")
        line = BudgetLine(name="L")
        group.lines.append(line)
        line.cells.append(BudgetCell(year=2022, amount=money(amount)))
        session.add(group)
        session.commit()
        stored = session.execute(select(BudgetCell.amount)).scalar_one()
        raw = session.connection().exec_driver_sql("SELECT amount FROM budget_cell").scalar_one()
    assert stored == amount
    assert raw == money_to_cents(amount)  # integer cents on disk
    assert isinstance(raw, int)


def test_dutch_formatting():
    assert format_money(Decimal("1280000.00")) == "€ 1.280.000"
    assert format_money(Decimal("-1062500")) == "€ -1.062.500"
    assert format_money(Decimal("127500.50")) == "€ 127.500,50"
    assert format_half_days(Decimal("22.0")) == "22"
    assert format_half_days(Decimal("2.5")) == "2,5"
    assert format_percentage(Decimal("12.3456"), 2) == "12,35 %"
    from datetime import date

    assert format_date(date(2021, 11, 11)) == "11-11-2021"


def test_only_the_numbers_module_rounds():
    """Every rounding goes through app.models.numbers, so one rule (half up) holds for what is
    computed and what is shown: no quantize, and no rounding mode, anywhere else in app/."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "app"
    offenders = [f"{path.relative_to(root)}:{number}"
                 for path in sorted(root.rglob("*.py")) if path.name != "numbers.py"
                 for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if re.search(r"\.quantize\(|ROUND_HALF|ROUND_DOWN|ROUND_UP|ROUND_CEILING|ROUND_FLOOR", line)]
    assert offenders == []


@pytest.mark.parametrize("helper, value, rounded", [
    ("round_money", "0.125", "0.13"), ("round_money", "-0.125", "-0.13"), ("round_money", "0.124", "0.12"),
    ("round_half_days", "2.25", "2.3"), ("round_half_days", "2.35", "2.4"), ("round_half_days", "6.75", "6.8"),
    ("round_fte", "0.125", "0.13"), ("round_fte", "0.135", "0.14"), ("round_percentage", "33.335", "33.34"),
    ("round_to_euros", "0.50", "1"), ("round_to_euros", "1.50", "2"), ("round_to_euros", "-0.50", "-1"),
])
def test_each_quantity_rounds_half_up_at_its_own_precision(helper, value, rounded):
    from app.models import numbers

    assert str(getattr(numbers, helper)(Decimal(value))) == rounded


@pytest.mark.parametrize("value, places, more", [
    ("2.5", 1, False), ("2.50", 1, False), ("2.55", 1, True), ("7", 0, False), ("7.001", 2, True),
    ("-0.05", 1, True), ("-0.10", 1, False),
])
def test_a_number_has_more_places_only_when_a_digit_beyond_them_is_not_zero(value, places, more):
    from app.models.numbers import has_more_places

    assert has_more_places(Decimal(value), places) is more


@pytest.mark.parametrize("stored, read", [
    ("1280000.0000000002", "1280000"), ("0.30000000000000004", "0.3"), ("1.5E-3", "0.0015"),
    ("127500", "127500"), ("1E+3", "1000"), ("-0.125", "-0.125"), ("0", "0"),
    ("0.1234567890123456", "0.123456789012346"),  # sixteen digits: the last rounded, half up
])
def test_a_spreadsheet_number_is_read_to_fifteen_significant_digits(stored, read):
    from app.models.numbers import round_significant

    assert str(round_significant(Decimal(stored), 15)) == read
