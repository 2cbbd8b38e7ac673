"""What an outline node says: its words, its declared points, its responsible units and
its scoring rules, each from the form the grammar gives it.

Points are mentions classified by form: declared (``（N分）`` trailing, leading or in the
middle; ``分值：5分``, ``权数 10``; a 分值 cell or a line of its own), or a rule
(``扣0.5分``, ``计7分``). An entry whose points are given only as an award (``完成的记3分``)
is worth the most it awards; deductions are never its points.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from targetdoc import grammar
from targetdoc.models import Points
from targetdoc.parse.drafts import points_value, unit_names
from targetdoc.parse.outline import ROW, Node
from targetdoc.read.normalize import fold

# Closing punctuation dropped from the ends of an entry's words.
_TRAILING = ";；.。,，、:： "
_LEADING = ":：、.,，;； "
# How far from its end an entry's units may start: （牵头单位：…，配合单位：…）.
_UNITS_TAIL = 400


class Entry(NamedTuple):
    """A node's reading."""

    text: str
    points: Points | None
    responsible: list[str]
    criteria: str | None


@functools.cache
def _patterns() -> dict[str, re.Pattern[str]]:
    return {name: pattern.regex for name, pattern in grammar.patterns().items()}


def read_entry(node: Node) -> Entry:
    """A node's words without its number, points mark and units; its points and units."""
    text = node.words()
    folded = fold(text)
    patterns = _patterns()
    responsible = list(node.responsible)
    if responsible:
        responsible = [name for cell in responsible for name in (unit_names(cell) or [cell])]
    # Units close an entry: the pattern is tried on its end only (a search from every
    # bracket of a long line would take the square of its length).
    tail = max(0, len(folded) - _UNITS_TAIL)
    bracket = patterns["responsible_labelled"].search(folded, tail)
    if bracket is not None:
        names = unit_names(text[bracket.start("units") : bracket.end("units")])
        if names is not None:
            responsible = names + [name for name in responsible if name not in names]
            text, folded = _cut(text, folded, bracket.start(), bracket.end())
    points: Points | None = None
    # A table row's 分值 cell is its points; a (40分) in its words is a part's.
    mark = None if node.form == ROW and node.points_written else _declared(folded)
    if mark is not None:
        start, end, written = mark
        points = points_value(written.replace(" ", ""))
        text, folded = _cut(text, folded, start, end)
    elif node.points_written is not None:
        points = points_value(node.points_written.replace(" ", ""))
    else:
        awards = [m["points"] for m in patterns["award_rule"].finditer(folded)]
        awards += [
            m["points"] for c in node.criteria for m in patterns["award_rule"].finditer(fold(c))
        ]
        if awards:
            points = max(points_value(a.replace(" ", "")) for a in awards)
    criteria = "；".join(node.criteria) if node.criteria else None
    return Entry(text.strip(_TRAILING).lstrip(_LEADING).strip(), points, responsible, criteria)


def _declared(folded: str) -> tuple[int, int, str] | None:
    """Where the declared points stand in an entry's words, and the number: a bracket at
    the end first, else the first bracket, else a label (分值：5分, 权数 10)."""
    patterns = _patterns()
    marks = list(patterns["points_mark"].finditer(folded))
    if marks:
        trailing = marks[-1]
        if not folded[trailing.end() :].strip(_TRAILING):
            return trailing.start(), trailing.end(), trailing["points"]
        first = marks[0]
        return first.start(), first.end(), first["points"]
    label = patterns["points_labelled"].search(folded)
    if label is not None:
        return label.start(), label.end(), label["points"]
    return None


def _cut(text: str, folded: str, start: int, end: int) -> tuple[str, str]:
    """The words without ``text[start:end]`` (a mark), joined as the sentence reads."""
    before, after = text[:start].rstrip(), text[end:].lstrip()
    if before and after and before[-1] not in _TRAILING and after[0] in ":：":
        joined = before + "：" + after[1:].lstrip()
    else:
        joined = before + after
    return joined, fold(joined)
