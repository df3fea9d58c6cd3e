"""Largest remainder: the parts are whole euros and always add up to the total."""
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.services.apportion import largest_remainder


@given(
    total_cents=st.integers(min_value=-10**13, max_value=10**13),
    weights=st.lists(st.integers(min_value=1, max_value=10**6), min_size=1, max_size=12),
)
def test_parts_add_up_and_stay_within_one_euro(total_cents, weights):
    whole = sum(weights)
    exact = {i: Fraction(total_cents, 100) * w / whole for i, w in enumerate(weights)}
    target = round(Fraction(total_cents, 100))
    parts = largest_remainder(target, exact, list(range(len(weights))))
    assert sum(parts.values()) == target
    for i, part in parts.items():
        assert abs(part - exact[i]) < 1


def test_ties_go_to_the_first_listed():
    exact = {"a": Fraction(1, 3), "b": Fraction(1, 3), "c": Fraction(1, 3)}
    assert largest_remainder(1, exact, ["a", "b", "c"]) == {"a": 1, "b": 0, "c": 0}


def test_a_target_that_is_not_the_rounded_sum_is_refused():
    with pytest.raises(ValueError):
        largest_remainder(5, {"a": Fraction(1)}, ["a"])
