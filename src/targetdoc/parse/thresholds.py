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

import bisect
import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, NamedTuple

import regex
from pydantic import TypeAdapter

from targetdoc.grammar import Grammar, grammar
from targetdoc.models import Change, Comparator, Threshold
from targetdoc.read.normalize import fold

# How far back from a number its change and comparing words can start (控制在 is 3).
_LEAD_WINDOW = 8
_NUMBER = regex.compile(r"(?<![\d.])\d+(?:\.\d+)?")
_HAS_DIGIT = regex.compile(r"\d")


class NumeralTrigger(NamedTuple):
    """The Chinese numerals, the scales and measures a quantity in them ends with (an
    alternation), and a numeral right before one of those: cn_quantity's cheap trigger."""

    numerals: frozenset[str]
    after: str
    pattern: re.Pattern[str]


@functools.cache
def numeral_trigger() -> NumeralTrigger:
    """cn_quantity's trigger, from the lexicons its pattern is written with."""
    lexicons = _grammar().lexicons
    numerals = "".join(lexicons["cn_numerals"])
    words = sorted({*lexicons["cn_scales"], *lexicons["cn_measures"]}, key=len, reverse=True)
    after = "|".join(re.escape(word) for word in words)
    return NumeralTrigger(frozenset(numerals), after, re.compile(f"[{numerals}]\\s*(?:{after})"))


@dataclass(frozen=True, slots=True)
class Ignored:
    """A stretch of text whose digits are deliberately not a threshold, and why."""

    reason: str
    start: int
    end: int


@functools.cache
def _grammar() -> Grammar:
    return grammar("thresholds.yaml")


@functools.cache
def scale_factors() -> dict[str, Decimal]:
    """Each magnitude word (万, 亿 …) and its exact factor."""
    table = _grammar().tables["scale_factors"]
    return {word: Decimal(factor) for word, factor in table.items()}


def extract(text: str) -> list[Threshold]:
    """Every threshold in a target sentence, in the order they appear."""
    return extract_many([(text, fold(text))])[0]


def extract_many(texts: Sequence[tuple[str, str]]) -> list[list[Threshold]]:
    """The thresholds of each text (given with its folded form), validated in one pass."""
    return _threshold_lists().validate_python(threshold_fields(texts))


@functools.cache
def _threshold_lists() -> TypeAdapter[list[list[Threshold]]]:
    return TypeAdapter(list[list[Threshold]])


def threshold_fields(texts: Sequence[tuple[str, str]]) -> list[list[dict[str, Any]]]:
    """The thresholds of each text as plain data: the texts are read together.

    A notice has some 400 distinct item texts. Joined by line breaks, they are read
    with one scan per pattern instead of a dozen calls per text, and each text
    reads as it would alone: ignore rules, quantities and their lead words are
    matched within each text's bounds; a relative phrase that would cross a break
    has the texts it touches read again, each alone.
    """
    joined = _Joined.of(texts)
    found: list[list[dict[str, Any]]] = [[] for _ in texts]
    _relative(joined, found)
    has_digit = _HAS_DIGIT.search(joined.folded) is not None
    numerals = [m.start() for m in numeral_trigger().pattern.finditer(joined.folded)]
    if has_digit or numerals:
        ignored = _ignored_mask(joined)
        if has_digit:
            _quantities(joined, ignored, found)
        if numerals:
            _chinese_quantities(joined, ignored, found, numerals)
    for index in sorted(joined.redo):
        found[index] = threshold_fields([texts[index]])[0]
    clause_break = _grammar().patterns["clause_break"].regex
    breaks = [match.end() for match in clause_break.finditer(joined.folded)]
    for index, fields in enumerate(found):
        if index not in joined.redo and fields:
            _finish(joined, index, fields, breaks)
    return found


@dataclass(slots=True)
class _Joined:
    """Texts joined by line breaks, with where each starts and ends."""

    text: str
    folded: str
    starts: list[int]
    ends: list[int]
    redo: set[int]  # texts a match crossed into: read them again, alone

    @classmethod
    def of(cls, texts: Sequence[tuple[str, str]]) -> _Joined:
        starts, ends, offset = [], [], 0
        for text, _ in texts:
            starts.append(offset)
            offset += len(text)
            ends.append(offset)
            offset += 1
        return cls(
            "\n".join(text for text, _ in texts),
            "\n".join(folded for _, folded in texts),
            starts,
            ends,
            set(),
        )

    def owner(self, match: re.Match[str]) -> int | None:
        """The text a match lies in; None (and both texts to redo) if it crosses a break."""
        index = bisect.bisect_right(self.starts, match.start()) - 1
        if match.end() <= self.ends[index]:
            return index
        last = bisect.bisect_right(self.starts, match.end()) - 1
        self.redo.update(range(index, last + 1))
        return None


def _relative(joined: _Joined, found: list[list[dict[str, Any]]]) -> None:
    text = joined.text
    for match in _grammar().patterns["relative"].regex.finditer(joined.folded):
        index = joined.owner(match)
        if index is not None:
            found[index].append(
                {
                    "comparator": "relative",
                    "benchmark": text[match.start("benchmark") : match.end("benchmark")],
                    "text": text[match.start() : match.end()],
                    "span": match.span(),
                }
            )


def _ignored_mask(joined: _Joined) -> bytearray:
    """1 for each character inside an ignored context of its text, else 0."""
    mask = bytearray(len(joined.folded))
    for _, found in _ignore_plan().matches(joined):
        start, end = found.span()
        mask[start:end] = b"\x01" * (end - start)
    return mask


def _quantities(joined: _Joined, ignored: bytearray, found: list[list[dict[str, Any]]]) -> None:
    patterns = _grammar().patterns
    quantity, lead = patterns["quantity"].regex, patterns["lead"].regex
    folded, starts = joined.folded, joined.starts
    position = 0
    for number in _NUMBER.finditer(folded):
        at = number.start()
        if at < position or ignored[at]:
            continue
        index = bisect.bisect_right(starts, at) - 1
        match = quantity.match(folded, at, joined.ends[index])
        if match is None or not (match["unit"] or match["scale"] or match["bare_scale"]):
            continue
        window_start = max(starts[index], match.start() - _LEAD_WINDOW)
        before = lead.search(folded, window_start, match.start())
        start = before.start() if before else match.start()
        position = match.end()
        found[index].append(_quantity_fields(joined.text, match, before, start))


def _chinese_quantities(
    joined: _Joined, ignored: bytearray, found: list[list[dict[str, Any]]], triggers: list[int]
) -> None:
    """Quantities in Chinese numerals (九千万元), each read within its own text.

    A numeral right before a measure or scale is rare: one cheap scan finds each
    (``triggers``), and the full pattern runs only where its numeral run starts.
    """
    patterns = _grammar().patterns
    quantity, lead = patterns["cn_quantity"].regex, patterns["lead"].regex
    folded, starts = joined.folded, joined.starts
    position = 0
    for trigger in triggers:
        at = trigger
        while at > 0 and folded[at - 1] in numeral_trigger().numerals:
            at -= 1
        if at < position:
            continue
        match = quantity.match(folded, at)
        if match is None:
            continue
        position = match.end()
        index = bisect.bisect_right(starts, at) - 1
        if ignored[at] or match.end() > joined.ends[index]:
            continue
        window_start = max(starts[index], at - _LEAD_WINDOW)
        before = lead.search(folded, window_start, at)
        start = before.start() if before else at
        found[index].append(_quantity_fields(joined.text, match, before, start))


def _finish(joined: _Joined, index: int, found: list[dict[str, Any]], breaks: list[int]) -> None:
    """Order a text's thresholds, give each its subject, and make spans its own.

    ``breaks`` are the ends of every clause break in the joined texts.
    """
    if len(found) > 1:
        found.sort(key=lambda fields: fields["span"][0])
    base = joined.starts[index]
    previous_end = base
    for fields in found:
        start, stop = fields["span"]
        # The clause starts after the last break before the threshold, within its text.
        phrase_start = max(previous_end, _last_before(breaks, start, base))
        fields["subject"] = _subject(joined.text[phrase_start:start])
        fields["span"] = {"start": start - base, "end": stop - base}
        previous_end = max(previous_end, stop)


@dataclass(frozen=True, slots=True)
class _IgnorePlan:
    """The ignore rules, and one pattern that finds every word any of them requires."""

    triggers: regex.Pattern[str]
    # Each required word with the required words inside it (周年 holds 年).
    within: dict[str, frozenset[str]]
    rules: tuple[tuple[str, re.Pattern[str], frozenset[str]], ...]

    def matches(self, joined: _Joined) -> Iterator[tuple[str, re.Match[str]]]:
        """Every ignored context of the texts, with the name of its rule.

        A rule scans only the texts that have a word it requires (one scan of all texts
        finds every rule's ``requires`` words), each text within its own bounds, as
        if it stood alone: most rules apply to few texts.
        """
        having: dict[str, set[int]] = {}  # each required word: the texts that have it
        for match in self.triggers.finditer(joined.folded, overlapped=True):
            index = bisect.bisect_right(joined.starts, match.start()) - 1
            for word in self.within[match[0]]:
                having.setdefault(word, set()).add(index)
        everywhere = range(len(joined.starts))
        for name, pattern, requires in self.rules:
            texts = sorted(set().union(*(having.get(word, ()) for word in requires)))
            for index in texts if requires else everywhere:
                start, end = joined.starts[index], joined.ends[index]
                for found in pattern.finditer(joined.folded, start, end):
                    yield name, found


@functools.cache
def _ignore_plan() -> _IgnorePlan:
    ignored = _grammar().ignored
    words = {word for rule in ignored.values() for word in rule.requires}
    alternation = "|".join(regex.escape(word) for word in sorted(words, key=len, reverse=True))
    return _IgnorePlan(
        triggers=regex.compile(alternation or "(?!)"),
        within={word: frozenset(other for other in words if other in word) for word in words},
        rules=tuple((name, rule.regex, frozenset(rule.requires)) for name, rule in ignored.items()),
    )


def ignored_spans(folded: str) -> list[Ignored]:
    """Every ignored context in the (folded) text, with its reason."""
    joined = _Joined.of([(folded, folded)])
    spans = [Ignored(name, m.start(), m.end()) for name, m in _ignore_plan().matches(joined)]
    return sorted(spans, key=lambda span: span.start)


def _last_before(breaks: list[int], offset: int, default: int) -> int:
    """The last clause break at or before the offset (``default`` if none)."""
    index = bisect.bisect_right(breaks, offset)
    return breaks[index - 1] if index else default


def _quantity_fields(
    text: str, match: re.Match[str], before: re.Match[str] | None, start: int
) -> dict[str, Any]:
    written, written_max, scale, bare_scale, unit, after = match.group(
        "value", "value_max", "scale", "bare_scale", "unit", "after"
    )
    scale = scale or bare_scale
    value = number_value(written)
    if scale:
        quantity = _exact(value * scale_factors()[scale])
    else:
        quantity = value if "." not in written else _exact(value)
    change, said_before = _lead_words(before)
    said_after = _after_words().get(after) if after else None
    phrase = text[start : match.end()].rstrip()
    return {
        "comparator": _comparator(said_before, said_after, ranged=bool(written_max)),
        "change": change,
        "value": value,
        "value_max": number_value(written_max) if written_max else None,
        "scale": scale or None,
        "unit": unit or None,
        "quantity": quantity,
        "text": phrase,
        "span": (start, start + len(phrase)),
    }


_CHINESE_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
_CHINESE_DIGITS |= {"六": 6, "七": 7, "八": 8, "九": 9}
_CHINESE_UNITS = {"十": 10, "百": 100, "千": 1000}


def number_value(written: str) -> Decimal:
    """A number as written: 1,234.5 or 3.8, or in Chinese numerals (九千, 十二, 三)."""
    if written[:1].isdigit():
        return Decimal(written.replace(",", ""))
    total, digit = 0, None
    for char in written:
        if char in _CHINESE_DIGITS:
            digit = _CHINESE_DIGITS[char]
        else:  # 十, 百, 千: 十二 is 12, 二十 is 20, 三百零五 is 305
            total += (1 if digit is None else digit) * _CHINESE_UNITS[char]
            digit = None
    return Decimal(total + (digit or 0))


def _exact(value: Decimal) -> Decimal:
    """Drop trailing zeros a scale adds (162.46亿 is 16246000000, not …000.00)."""
    normal = value.normalize()
    return normal.quantize(Decimal(1)) if normal == normal.to_integral_value() else normal


_COMPARING: tuple[Comparator, ...] = ("approx", "at_least", "at_most")


@functools.cache
def _after_words() -> dict[str, Comparator]:
    """Each word that can follow a number (以上, 以内, 左右 …) and the comparator it sets."""
    lexicons = _grammar().lexicons
    return {word: name for name in _COMPARING for word in lexicons[f"{name}_after"]}


def is_ceiling(threshold: Threshold) -> bool:
    """A target to stay under: at_most, and an approx one that a ceiling word governs
    (控制在104%左右: about 104%, and not above it). The words are the grammar's."""
    if threshold.comparator == "at_most":
        return True
    if threshold.comparator != "approx":
        return False
    lexicons = _grammar().lexicons
    ceiling = (*lexicons["at_most_before"], *lexicons["at_most_after"])
    text = fold(threshold.text)
    for word in lexicons["at_least_before"]:
        if any(inner in word for inner in ceiling):
            text = text.replace(word, "")  # 不低于 is a floor, though it holds 低于
    return any(word in text for word in ceiling)


def _lead_words(before: re.Match[str] | None) -> tuple[Change | None, Comparator | None]:
    """The change (提高, 下降 …) and the comparing word (不低于, 约 …) before a number."""
    if before is None:
        return None, None
    increase, decrease, at_least, at_most, approx = before.group(
        "increase", "decrease", "at_least", "at_most", "approx"
    )
    change: Change | None = "increase" if increase else "decrease" if decrease else None
    said: Comparator | None = (
        "approx" if approx else "at_least" if at_least else "at_most" if at_most else None
    )
    return change, said


def _comparator(
    said_before: Comparator | None, said_after: Comparator | None, *, ranged: bool
) -> Comparator:
    """约 and 左右 win, then a range, then the word after the number, then the one before."""
    if said_before == "approx" or said_after == "approx":
        return "approx"
    if ranged:
        return "range"
    return said_after or said_before or "target"


def _subject(phrase: str) -> str | None:
    """The metric phrase before a threshold, trimmed of verbs (完成, 确保 …, 比上年)."""
    leading, trailing, firsts, lasts = _subject_trims()
    if phrase[:1] in firsts:
        phrase = phrase[leading.match(phrase).end() :]  # type: ignore[union-attr]
    if phrase[-1:] in lasts:
        phrase = phrase[: trailing.search(phrase).start()]  # type: ignore[union-attr]
    return phrase or None


@functools.cache
def _subject_trims() -> tuple[re.Pattern[str], regex.Pattern[str], frozenset[str], frozenset[str]]:
    """Patterns that match any run of the lexicons' leading or trailing words.

    Separators (、 and commas, in either width, and spaces) may stand between them.
    Both always match, at worst the empty string. With them, the characters a run
    can start (or end) with: a phrase that starts (ends) otherwise needs no trim.
    """
    lexicons = _grammar().lexicons
    separators = " 、,，"

    def words(name: str) -> str:
        ordered = sorted(lexicons[name], key=len, reverse=True)
        return "|".join(re.escape(word) for word in ordered)

    return (
        re.compile(f"(?:[{separators}]|{words('subject_leading')})*"),
        # Searched from the end (linear even on a long run of separators).
        regex.compile(f"(?r)(?:[{separators}]|{words('subject_trailing')})*$"),
        frozenset(separators) | {word[0] for word in lexicons["subject_leading"]},
        frozenset(separators) | {word[-1] for word in lexicons["subject_trailing"]},
    )
