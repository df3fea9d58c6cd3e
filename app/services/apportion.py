"""Splitting a whole-euro total over parties, so the parts add up exactly.

The largest-remainder (Hamilton) method: everyone gets the floor of their
exact share, and the euros left over go one each to the largest remainders.
Ties go to the party listed first, so the result is deterministic.
"""
from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from fractions import Fraction
from typing import TypeVar

K = TypeVar("K", bound=Hashable)


def largest_remainder(target: int, exact: Mapping[K, Fraction], order: Sequence[K]) -> dict[K, int]:
    """Whole numbers per party, adding up to ``target``, each within 1 of ``exact``.

    ``exact`` must add up to within 0.5 of ``target`` (it is normally exactly
    the unrounded total); ``order`` lists every party once, for tie-breaking.
    """
    floors = {k: math.floor(exact[k]) for k in order}
    left_over = target - sum(floors.values())
    if not 0 <= left_over <= len(order):
        raise ValueError(f"target {target} is not the rounded sum of the shares")
    ranked = sorted(range(len(order)), key=lambda i: (-(exact[order[i]] - floors[order[i]]), i))
    for i in ranked[:left_over]:
        floors[order[i]] += 1
    return floors
