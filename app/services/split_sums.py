"""The cell sums a budget split needs, added up per year and municipality set first.

:func:`~app.services.contributions.split_budget` turns every cell sum (one per group, line set
and year: 2,400 in a 20,000-line budget) into a Fraction, lowers each by the other funding and
adds them per year and set. Without an earmark only the year and the set matter: lowering
pro rata multiplies every amount of a year by the same factor, so lowering the sum of a set's
amounts gives exactly the sum of the lowered amounts. Adding the Decimals per set first leaves
a handful of Fractions and the same contributions, to the cent.
"""
from __future__ import annotations

from app.services.budget import CellSum, FundingParts
from app.services.contributions import SplitBasis


def sums_per_split_set(sums: list[CellSum], basis: SplitBasis, funding: FundingParts) -> list[CellSum]:
    """``sums`` as few as the split allows: one per own year and set when no other funding is
    earmarked for a year the basis splits (an earmark lowers one group's lines, so then the
    sums per group are kept, unchanged)."""
    if any(earmark.year in basis.years for earmark in funding.earmarks):
        return sums
    merged: dict[tuple[int, int | None], list] = {}
    for s in sums:
        if s.year not in basis.years:
            continue
        set_id = s.set_id or basis.group_sets.get(s.group_id)  # as split_budget reads it
        entry = merged.get((s.year, set_id))
        if entry is None:
            # The first sum of the set stands for all: split_budget finds the same set from it.
            merged[(s.year, set_id)] = [s, s.amount, s.markers]
        else:
            entry[1] += s.amount
            entry[2] += s.markers
    return [CellSum(first.group_id, first.set_id, year, amount, markers)
            for (year, _set), (first, amount, markers) in merged.items()]
