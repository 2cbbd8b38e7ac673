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
from targetdoc.parse.drafts import points_value
from targetdoc.parse.outline import Node
from targetdoc.read.normalize import fold

# Closing punctuation dropped from the ends of an entry's words.
_TRAILING = ";；.。,，、:： "
_LEADING = ":：、.,，;； "


class Entry(NamedTuple):
    """A node's reading."""

    text: str
    points: Points | None
    responsible: list[str]
    criteria: str | None


@functools.cache
def _patterns() -> dict[str, re.Pattern[str]]:
    return {name: pattern.regex for name, pattern in grammar.patterns().items()}


@functools.cache
def _unit_words() -> tuple[tuple[str, ...], tuple[str, ...]]:
    lexicons = grammar.grammar().lexicons
    suffixes = tuple({*lexicons["unit_suffixes"], *lexicons["org_suffixes"]})
    return suffixes, tuple(sorted(lexicons["unit_roles"], key=len, reverse=True))


_LABEL = re.compile(
    r"(?:牵头单位|责任单位|牵头部门|责任部门|配合单位|配合部门|协办单位|参与单位|主责单位|责任主体)\s*[:：]?"
)


def unit_names(listed: str) -> list[str] | None:
    """Names of units as a bracket or a cell lists them, labels and roles set aside
    (牵头单位：市委组织部，配合单位：市国资委 → 市委组织部, 市国资委); None where a name
    is no organisation's."""
    suffixes, roles = _unit_words()
    names = []
    for part in _split(_LABEL.sub("，", listed)):
        name = part.strip(" ：:")
        role = next((word for word in roles if name.endswith(word) and name != word), None)
        bare = name[: -len(role)].strip() if role else name
        if not bare:
            continue
        folded = fold(bare)
        if not folded.startswith("各") and not any(folded.endswith(s) for s in suffixes):
            return None
        names.append(bare)
    return names or None


def _split(listed: str) -> list[str]:
    """A list split at commas, 、 and semicolons outside brackets."""
    parts, depth, start = [], 0, 0
    for index, char in enumerate(listed):
        if char in "(（〔[【":
            depth += 1
        elif char in ")）〕]】":
            depth = max(0, depth - 1)
        elif depth == 0 and char in ",，、;；/":
            parts.append(listed[start:index])
            start = index + 1
    parts.append(listed[start:])
    return [part for part in parts if part.strip()]


def read_entry(node: Node) -> Entry:
    """A node's words without its number, points mark and units; its points and units."""
    text = node.words()
    folded = fold(text)
    patterns = _patterns()
    responsible = list(node.responsible)
    if responsible:
        responsible = [name for cell in responsible for name in (unit_names(cell) or [cell])]
    bracket = patterns["responsible_labelled"].search(folded)
    if bracket is not None:
        names = unit_names(text[bracket.start("units") : bracket.end("units")])
        if names is not None:
            responsible = names + [name for name in responsible if name not in names]
            text, folded = _cut(text, folded, bracket.start(), bracket.end())
    points: Points | None = None
    mark = _declared(folded)
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
