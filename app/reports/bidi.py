"""Right-to-left text in a left-to-right document: the order in which a line's characters are drawn.

Arabic and Hebrew are typed (and stored) in logical order, first letter first;
on paper they run from right to left, while numbers and Latin words inside
them still run from left to right. This module computes that order for one
line with the Unicode Bidirectional Algorithm (UAX #9), for what a name, a
note or a description can hold:

- the paragraph's direction is that of its first strong letter (rules P2, P3):
  a name in Arabic is a right-to-left line, a Dutch name with one Arabic
  word a left-to-right one;
- the weak and neutral types are resolved as the standard says (W1-W7,
  N1-N2, I1-I2), and trailing spaces take the paragraph's level (L1);
- explicit embeddings, overrides and isolates (U+202A-U+202E,
  U+2066-U+2069) are not honoured: they are treated as neutrals. Nobody types
  them into a budget, and a pasted one can no longer turn a line around.

:func:`levels` gives each character its embedding level; :func:`visual_order`
turns runs with levels into the order they are drawn in (rule L2). Mirroring
of brackets in right-to-left runs is left to the shaper (HarfBuzz), or done by
:func:`mirror` without it.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")

_STRONG = {"L": 0, "R": 1, "AL": 1}
_NEUTRAL = {"B", "S", "WS", "ON", "LRE", "LRO", "RLE", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI", "BN"}
_MIRROR = str.maketrans("()[]{}<>«»‹›", ")(][}{><»«›‹")


def has_rtl(text: str) -> bool:
    """Whether ``text`` holds a right-to-left letter (Hebrew, Arabic, Syriac, ...) at all."""
    return any(unicodedata.bidirectional(c) in ("R", "AL") for c in text if c >= "\u0590")


def base_level(text: str) -> int:
    """1 when the first strong letter of ``text`` runs right to left, else 0 (P2, P3)."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in _STRONG:
            return _STRONG[kind]
    return 0


def levels(text: str, base: int | None = None) -> list[int]:
    """The embedding level of each character of one line: even runs left to right, odd right to left."""
    if base is None:
        base = base_level(text)
    sos = "R" if base else "L"
    types = [unicodedata.bidirectional(c) or "L" for c in text]
    count = len(types)
    # X9, simplified: formatting characters are neutrals here (see the module note).
    types = ["ON" if t in ("LRE", "LRO", "RLE", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI") else t
             for t in types]
    # W1: a non-spacing mark takes the type of the character before it.
    previous = sos
    for i, kind in enumerate(types):
        if kind == "NSM":
            types[i] = previous
        elif kind == "BN":  # a joiner (U+200D) goes with what it joins
            types[i] = previous if i else "ON"
        previous = types[i]
    # W2: European digits after Arabic letters are Arabic numbers. W3: AL is R.
    last_strong = sos
    for i, kind in enumerate(types):
        if kind in ("L", "R", "AL"):
            last_strong = kind
        elif kind == "EN" and last_strong == "AL":
            types[i] = "AN"
    types = ["R" if t == "AL" else t for t in types]
    # W4: one separator between two numbers of the same kind joins them.
    for i in range(1, count - 1):
        if types[i] == "ES" and types[i - 1] == types[i + 1] == "EN":
            types[i] = "EN"
        elif types[i] == "CS" and types[i - 1] == types[i + 1] and types[i - 1] in ("EN", "AN"):
            types[i] = types[i - 1]
    # W5: terminators (%, €) next to European digits are digits.
    i = 0
    while i < count:
        if types[i] == "ET":
            end = i
            while end < count and types[end] == "ET":
                end += 1
            if (i > 0 and types[i - 1] == "EN") or (end < count and types[end] == "EN"):
                types[i:end] = ["EN"] * (end - i)
            i = end
        else:
            i += 1
    # W6: the other separators and terminators are neutral.
    types = ["ON" if t in ("ES", "ET", "CS") else t for t in types]
    # W7: European digits after a left-to-right letter are left to right.
    last_strong = sos
    for i, kind in enumerate(types):
        if kind in ("L", "R"):
            last_strong = kind
        elif kind == "EN" and last_strong == "L":
            types[i] = "L"
    # N1, N2: neutrals between two of one direction take it; else the paragraph's.
    i = 0
    while i < count:
        if types[i] in _NEUTRAL:
            end = i
            while end < count and types[end] in _NEUTRAL:
                end += 1
            before = sos if i == 0 else ("R" if types[i - 1] in ("R", "EN", "AN") else "L")
            after = sos if end == count else ("R" if types[end] in ("R", "EN", "AN") else "L")
            types[i:end] = [before if before == after else sos] * (end - i)
            i = end
        else:
            i += 1
    # I1, I2.
    result = []
    for kind in types:
        if base % 2 == 0:
            result.append(base + (1 if kind == "R" else 2 if kind in ("AN", "EN") else 0))
        else:
            result.append(base + (1 if kind in ("L", "EN", "AN") else 0))
    # L1: spaces at the end of the line take the paragraph's level.
    original = [unicodedata.bidirectional(c) for c in text]
    for i in range(count - 1, -1, -1):
        if original[i] in _NEUTRAL and original[i] != "ON":
            result[i] = base
        else:
            break
    return result


def visual_order(items: Sequence[T], item_levels: Sequence[int]) -> list[T]:
    """``items`` (runs of one level each, in logical order) in the order they are drawn, left to
    right (rule L2): from the highest level down to the lowest odd one, every sequence at that
    level or higher is reversed. The runs themselves are turned by the shaper."""
    order = list(range(len(items)))
    if not item_levels:
        return []
    highest = max(item_levels)
    lowest_odd = min(level for level in item_levels) | 1
    current = list(item_levels)
    for level in range(highest, lowest_odd - 1, -1):
        i = 0
        while i < len(order):
            if current[i] >= level:
                end = i
                while end < len(order) and current[end] >= level:
                    end += 1
                order[i:end] = order[i:end][::-1]
                current[i:end] = current[i:end][::-1]
                i = end
            else:
                i += 1
    return [items[index] for index in order]


def mirror(text: str) -> str:
    """Brackets and quotes turned round, for a right-to-left run drawn without a shaper."""
    return text.translate(_MIRROR)
