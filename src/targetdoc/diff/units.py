"""Units of two notices matched by name: as written, by the alias table, or fuzzily.

Names are compared folded (full width, traditional characters). The alias table in
``grammars/units.yaml`` names one unit's other names (市发展改革委 ↔ 市发改委); a
unit that neither names nor aliases match is matched to the most similar name left
(rapidfuzz), when the similarity reaches ``FUZZY_CUTOFF``, the two are of one category,
and what differs is not another name (工行 / 交行 三门峡分行), and reported with it.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from targetdoc import grammar
from targetdoc.read.normalize import fold

# The least similarity (0–100, rapidfuzz's ratio of folded names) of a fuzzy match.
FUZZY_CUTOFF = 80.0

MatchedBy = Literal["name", "alias", "fuzzy"]


@dataclass(frozen=True)
class UnitMatch:
    """A unit of the old notice and of the new, and how they were matched; the indices
    say which unit of each notice, where a name is written twice."""

    old: str
    new: str
    by: MatchedBy
    score: float  # 100 for a name or an alias
    old_index: int = field(default=-1, compare=False)
    new_index: int = field(default=-1, compare=False)


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
    old: Sequence[str],
    new: Sequence[str],
    *,
    categories: tuple[Sequence[str | None], Sequence[str | None]] | None = None,
) -> tuple[list[UnitMatch], list[str], list[str]]:
    """Matches in the new notice's order, and the units only the old or the new has.

    A name written twice in a notice is two units, paired with the other notice's by
    position. A fuzzy match needs the same category (where ``categories`` gives both
    notices' units' categories) and names whose distinctive parts agree."""
    matched: dict[int, UnitMatch] = {}
    left = list(range(len(old)))
    for j, name in enumerate(new):
        found = next((i for i in left if fold(old[i]) == fold(name)), None)
        by: MatchedBy = "name"
        if found is None:
            found = next((i for i in left if same_unit(old[i], name)), None)
            by = "alias"
        if found is not None:
            matched[j] = UnitMatch(old[found], name, by, 100.0, found, j)
            left.remove(found)
    unmatched = [j for j in range(len(new)) if j not in matched]
    taken: set[int] = set()
    pairs = best_pairs([new[j] for j in unmatched], [old[i] for i in left], FUZZY_CUTOFF)
    for score, a, b in pairs:
        i, j = left[b], unmatched[a]
        if not _may_be_renamed(old[i], new[j]) or not _one_category(categories, i, j):
            continue
        matched[j] = UnitMatch(old[i], new[j], "fuzzy", round(score, 1), i, j)
        taken.add(i)
    ordered = [matched[j] for j in sorted(matched)]
    removed = [old[i] for i in left if i not in taken]
    added = [new[j] for j in range(len(new)) if j not in matched]
    return ordered, removed, added


def _one_category(
    categories: tuple[Sequence[str | None], Sequence[str | None]] | None, old: int, new: int
) -> bool:
    """Two units may be one unless both notices name their categories, and differently."""
    if categories is None:
        return True
    first, second = categories[0][old], categories[1][new]
    return first is None or second is None or first == second


def _may_be_renamed(old: str, new: str) -> bool:
    """Whether two similar names may be one unit renamed: what differs once their shared
    start and end are set aside (工行 / 交行 of 工行三门峡分行 and 交行三门峡分行; 移动 /
    电信 of two 分公司) must be a part added or dropped (市农业局 → 市农业农村局) or a
    rewording sharing a character (市科技局 → 市科学技术局), not another name."""
    a, b = fold(old), fold(new)
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    end = 0
    while end < min(len(a), len(b)) - start and a[-1 - end] == b[-1 - end]:
        end += 1
    rest_a, rest_b = a[start : len(a) - end], b[start : len(b) - end]
    if not rest_a or not rest_b:
        return True
    return bool(set(rest_a) & set(rest_b))


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
