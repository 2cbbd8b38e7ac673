"""Units of two notices matched by name: as written, by the alias table, or fuzzily.

Names are compared folded (full width, traditional characters). The alias table in
``grammars/units.yaml`` names one unit's other names (市发展改革委 ↔ 市发改委); a
unit that neither names nor aliases match is matched to the most similar name left
(rapidfuzz), when the similarity reaches ``FUZZY_CUTOFF``, and reported with it.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from targetdoc import grammar
from targetdoc.read.normalize import fold

# The least similarity (0–100, rapidfuzz's ratio of folded names) of a fuzzy match.
FUZZY_CUTOFF = 80.0

MatchedBy = Literal["name", "alias", "fuzzy"]


@dataclass(frozen=True)
class UnitMatch:
    """A unit of the old notice and of the new, and how they were matched."""

    old: str
    new: str
    by: MatchedBy
    score: float  # 100 for a name or an alias


@functools.cache
def _aliases() -> dict[str, int]:
    """Each folded name of the alias table to the number of its group."""
    groups = grammar.grammar("units.yaml").tables.get("aliases") or []
    return {fold(name): index for index, group in enumerate(groups) for name in group}


def same_unit(old: str, new: str) -> bool:
    """One unit by its name or by the alias table."""
    a, b = fold(old), fold(new)
    if a == b:
        return True
    groups = _aliases()
    return a in groups and groups.get(b) == groups[a]


def match_units(
    old: Sequence[str], new: Sequence[str]
) -> tuple[list[UnitMatch], list[str], list[str]]:
    """Matches in the new notice's order, and the units only the old or the new has."""
    matches: dict[str, UnitMatch] = {}
    left = list(old)
    for name in new:
        found = next((o for o in left if fold(o) == fold(name)), None)
        by: MatchedBy = "name"
        if found is None:
            found = next((o for o in left if same_unit(o, name)), None)
            by = "alias"
        if found is not None:
            matches[name] = UnitMatch(found, name, by, 100.0)
            left.remove(found)
    unmatched = [name for name in new if name not in matches]
    taken: set[int] = set()
    for score, i, j in best_pairs(unmatched, left, FUZZY_CUTOFF):
        matches[unmatched[i]] = UnitMatch(left[j], unmatched[i], "fuzzy", round(score, 1))
        taken.add(j)
    left = [name for j, name in enumerate(left) if j not in taken]
    ordered = [matches[name] for name in new if name in matches]
    added = [name for name in new if name not in matches]
    return ordered, left, added


def best_pairs(
    new: Sequence[str], old: Sequence[str], cutoff: float
) -> list[tuple[float, int, int]]:
    """Pairs of a new and an old text by their indices, most similar first, each text
    in one pair at most, all at least ``cutoff`` alike (rapidfuzz's ratio of the folded
    texts, 0–100). Ties go to the earlier texts."""
    if not new or not old:
        return []
    from rapidfuzz import fuzz

    folded_new, folded_old = [fold(text) for text in new], [fold(text) for text in old]
    ranked = sorted(
        (-fuzz.ratio(a, b, score_cutoff=cutoff), i, j)
        for i, a in enumerate(folded_new)
        for j, b in enumerate(folded_old)
    )
    pairs: list[tuple[float, int, int]] = []
    used_new: set[int] = set()
    used_old: set[int] = set()
    for negative, i, j in ranked:
        if -negative < cutoff or not negative:
            break
        if i not in used_new and j not in used_old:
            used_new.add(i)
            used_old.add(j)
            pairs.append((-negative, i, j))
    return pairs
