"""Numeric thresholds of a target sentence, exact and with their comparators.

``extract("一般公共预算收入增长5%以上。")`` gives one ``Threshold``: ``at_least``, change
``increase``, value 5, unit ``%``. The lexicons and patterns are in
``grammars/thresholds.yaml``; this module only combines them:

1. numbers inside an ignored context (years, dates, names, titles, points) are skipped;
2. each remaining number is read with its range end, scale, unit and after-word;
3. the words right before it give the change and the comparator;
4. the phrase from the clause start to those words is its subject.

Matching runs on the width-folded text, so spans index the text as given.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

import regex

from targetdoc.grammar import Grammar, grammar
from targetdoc.models import Change, Comparator, TextSpan, Threshold
from targetdoc.normalize import fold

# How far back from a number its change and comparing words can start (控制在 is 3).
_LEAD_WINDOW = 8
_NUMBER = regex.compile(r"(?<![\d.])\d+(?:\.\d+)?")
_DIGIT_RUN = regex.compile(r"\d+")


@dataclass(frozen=True, slots=True)
class Ignored:
    """A stretch of text whose digits are deliberately not a threshold, and why."""

    reason: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class DigitRun:
    """A run of digits that is neither in a threshold nor ignored."""

    text: str
    start: int
    end: int


@functools.cache
def _grammar() -> Grammar:
    return grammar("thresholds.yaml")


@functools.cache
def _scale_factors() -> dict[str, Decimal]:
    table = _grammar().tables["scale_factors"]
    return {word: Decimal(factor) for word, factor in table.items()}


def extract(text: str) -> list[Threshold]:
    """Every threshold in a target sentence, in the order they appear."""
    folded = fold(text)
    ignored = ignored_spans(folded)
    found = [*_relative(text, folded), *_quantities(text, folded, ignored)]
    found.sort(key=lambda threshold: threshold.span.start)
    return [
        threshold.model_copy(update={"subject": _subject(text, folded, threshold, found)})
        for threshold in found
    ]


def ignored_spans(folded: str) -> list[Ignored]:
    """Every ignored context in the (folded) text, with its reason."""
    spans = [
        Ignored(name, match.start(), match.end())
        for name, rule in _grammar().ignored.items()
        for match in rule.regex.finditer(folded)
    ]
    return sorted(spans, key=lambda span: span.start)


def unexplained_digits(text: str, thresholds: list[Threshold] | None = None) -> list[DigitRun]:
    """Digit runs in neither a threshold nor an ignored context (should be none)."""
    folded = fold(text)
    covered = [
        (t.span.start, t.span.end) for t in (extract(text) if thresholds is None else thresholds)
    ]
    covered += [(span.start, span.end) for span in ignored_spans(folded)]
    return [
        DigitRun(text[run.start() : run.end()], run.start(), run.end())
        for run in _DIGIT_RUN.finditer(folded)
        if not any(start <= run.start() and run.end() <= end for start, end in covered)
    ]


def _relative(text: str, folded: str) -> Iterator[Threshold]:
    for match in _grammar().patterns["relative"].regex.finditer(folded):
        yield Threshold(
            comparator="relative",
            benchmark=text[match.start("benchmark") : match.end("benchmark")],
            text=text[match.start() : match.end()],
            span=TextSpan(start=match.start(), end=match.end()),
        )


def _quantities(text: str, folded: str, ignored: list[Ignored]) -> Iterator[Threshold]:
    patterns = _grammar().patterns
    quantity, lead = patterns["quantity"].regex, patterns["lead"].regex
    position = 0
    for number in _NUMBER.finditer(folded):
        if number.start() < position or _inside(number.start(), ignored):
            continue
        match = quantity.match(folded, number.start())
        if match is None or not (match["unit"] or match["scale"]):
            continue
        window_start = max(0, match.start() - _LEAD_WINDOW)
        before = lead.search(folded, window_start, match.start())
        start = before.start() if before else match.start()
        position = match.end()
        yield _threshold(text, match, before, start)


def _inside(offset: int, ignored: list[Ignored]) -> bool:
    return any(span.start <= offset < span.end for span in ignored)


def _threshold(
    text: str, match: regex.Match[str], before: regex.Match[str] | None, start: int
) -> Threshold:
    value = Decimal(match["value"])
    value_max = Decimal(match["value_max"]) if match["value_max"] else None
    scale = match["scale"] or None
    factor = _scale_factors()[scale] if scale else Decimal(1)
    return Threshold(
        comparator=_comparator(match, before),
        change=_change(before),
        value=value,
        value_max=value_max,
        scale=scale,
        unit=match["unit"] or None,
        quantity=_exact(value * factor),
        text=text[start : match.end()].rstrip(),
        span=TextSpan(start=start, end=start + len(text[start : match.end()].rstrip())),
    )


def _exact(value: Decimal) -> Decimal:
    """Drop trailing zeros a scale adds (162.46亿 is 16246000000, not …000.00)."""
    normal = value.normalize()
    return normal.quantize(Decimal(1)) if normal == normal.to_integral_value() else normal


_COMPARING: tuple[Comparator, ...] = ("approx", "at_least", "at_most")


def _comparator(match: regex.Match[str], before: regex.Match[str] | None) -> Comparator:
    """约 and 左右 win, then a range, then the word after the number, then the one before."""
    lexicons = _grammar().lexicons
    after = match["after"]
    said_before = next((name for name in _COMPARING if before is not None and before[name]), None)
    said_after = next((name for name in _COMPARING if after in lexicons[f"{name}_after"]), None)
    if "approx" in (said_before, said_after):
        return "approx"
    if match["value_max"]:
        return "range"
    return said_after or said_before or "target"


def _change(before: regex.Match[str] | None) -> Change | None:
    if before is None:
        return None
    if before["increase"]:
        return "increase"
    if before["decrease"]:
        return "decrease"
    return None


def _subject(text: str, folded: str, threshold: Threshold, found: list[Threshold]) -> str | None:
    """The metric phrase before a threshold: from the clause start, trimmed of verbs."""
    end = threshold.span.start
    breaks = [m.end() for m in _grammar().patterns["clause_break"].regex.finditer(folded, 0, end)]
    starts = [*breaks, *(t.span.end for t in found if t.span.end <= end)]
    start = max(starts, default=0)
    phrase = text[start:end]
    lexicons = _grammar().lexicons
    phrase = phrase.strip(" 、,，")
    changed = True
    while changed and phrase:
        changed = False
        for word in lexicons["subject_leading"]:
            if phrase.startswith(word):
                phrase, changed = phrase[len(word) :], True
        for word in lexicons["subject_trailing"]:
            if phrase.endswith(word):
                phrase, changed = phrase[: -len(word)], True
        phrase = phrase.strip(" 、,，")
    return phrase or None
