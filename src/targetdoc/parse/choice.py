"""Which profile reads a notice: the one named, or under ``auto`` the best of them.

``--profile auto`` parses the notice once for each distinct way the shipped profiles
read it (most share the grammar's, so one parse serves them all) and keeps the
profile that places the most lines; among those, the one that knows most of the
notice's tier names, and then the one that sets the fewest standards of its own
(``generic``: the notice's declared totals are the standard). The records name it in
``source.profile``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace

from targetdoc import grammar
from targetdoc.backtracking import nested_repeat
from targetdoc.errors import DataFileError, GrammarError, InputError
from targetdoc.findings import Finding
from targetdoc.i18n import N_
from targetdoc.parse.engine import ParseResult, Reading, Trace, collector_paused, parse_once
from targetdoc.profile import AUTO, Profile, load_profile, shipped_profiles
from targetdoc.read.normalize import clean_and_fold_lines, fold
from targetdoc.read.source import Source


def parse_source(
    source: Source,
    *,
    profile: str | Profile = AUTO,
    unit: str | None = None,
    trace: Trace | None = None,
) -> ParseResult:
    """The records of a source as the profile (or the best under ``auto``) reads them.

    ``unit`` names the unit a document without unit headings is (a 目标责任书).
    ``trace``, if given, sees the lines of the parse that is kept.
    """
    # Paused while the records are chosen and copied too: a collection started by
    # the copies would walk every record (docs/performance.md).
    with collector_paused():
        return _parse_source(source, profile, unit, trace)


def _parse_source(
    source: Source, profile: str | Profile, unit: str | None, trace: Trace | None
) -> ParseResult:
    if isinstance(profile, Profile) or profile != AUTO:
        chosen = load_profile(profile) if isinstance(profile, str) else profile
        result = parse_once(source, _reading(chosen, unit), trace=trace)
        return _named(result, chosen)
    candidates = shipped_profiles()
    readings: dict[tuple[tuple[str, str], ...], ParseResult | InputError] = {}
    for candidate in candidates:
        if candidate.reading not in readings:
            reading = _reading(candidate, unit)  # a shipped profile's mistake is not the input's
            try:
                readings[candidate.reading] = parse_once(source, reading)
            except InputError as error:
                readings[candidate.reading] = error
    scored = []
    for index, candidate in enumerate(candidates):
        parsed = readings[candidate.reading]
        if isinstance(parsed, ParseResult):
            scored.append((_score(parsed, candidate), -index, candidate, parsed))
    if not scored:
        failure = next(iter(readings.values()))
        assert isinstance(failure, InputError)
        raise failure
    _, _, best, result = max(scored, key=lambda entry: (entry[0], entry[1]))
    if trace is not None:
        result = parse_once(source, _reading(best, unit), trace=trace)
    result = _named(result, best)
    unexplained = _unexplained(result)
    if unexplained >= _FEW and unexplained * 20 > source.content_lines:
        result = _explained(result, unexplained, len(candidates))
    return result


# Unplaced lines that make a notice one no profile explains: at least three, and more
# than one line in twenty.
_FEW = 3


def _unexplained(result: ParseResult) -> int:
    """Unplaced lines but the web page's around the notice, which no profile places."""
    web_page = grammar.regex("web_page_text")
    source = result.source
    return sum(
        1
        for finding in result.findings
        if finding.code == "TD101"
        and finding.line is not None
        and not web_page.match(source.line(finding.line).folded)
    )


def _reading(profile: Profile, unit: str | None) -> Reading:
    """The patterns a profile writes otherwise, compiled with the grammar's fragments
    and checked against their examples (once for each profile and way of reading)."""
    key = (profile.name, profile.reading)
    compiled = _COMPILED.get(key)
    if compiled is None:
        compiled = _COMPILED[key] = _compile(profile)
    return replace(compiled, unit=unit)


# Each profile's patterns, compiled and checked, by name and reading.
_COMPILED: dict[tuple[str, tuple[tuple[str, str], ...]], Reading] = {}


def _compile(profile: Profile) -> Reading:
    notice = grammar.grammar()
    label = f"profile {profile.name}"
    unknown = sorted(set(profile.patterns) - set(notice.patterns))
    if unknown:
        raise DataFileError(
            f"replaces patterns the grammar does not have: {', '.join(unknown)}", path=label
        )
    try:
        patterns = notice.compile(
            {name: spec.model_dump() for name, spec in profile.patterns.items()}, label
        )
        ignore = notice.compile(
            {name: spec.model_dump() for name, spec in profile.ignore.items()}, label
        )
    except GrammarError as error:
        raise DataFileError(str(error), path=label) from None
    for pattern in [*patterns.values(), *ignore.values()]:
        if nested_repeat(pattern.regex.pattern):
            raise DataFileError(
                f"pattern {pattern.name} repeats a part that itself repeats, with nothing "
                "between them (as (?:[^，。；]+)+): matching it can take forever on a long "
                "line; repeat the part once ([^，。；]+)",
                path=label,
            )
        _check_examples(pattern, label)
    return Reading(
        patterns={name: pattern.regex for name, pattern in patterns.items()},
        ignore=tuple(pattern.regex for pattern in ignore.values()),
    )


def _check_examples(pattern: grammar.Pattern, label: str) -> None:
    """A profile's pattern matches each of its examples and none of its counterexamples
    (cleaned and folded as a notice's lines are), as the grammar's own must."""
    for example, wanted in [
        *((text, True) for text in pattern.examples),
        *((text, False) for text in pattern.counterexamples),
    ]:
        folded = clean_and_fold_lines(example)[1][0]
        if (pattern.regex.search(folded) is not None) != wanted:
            what = "does not match its example" if wanted else "matches its counterexample"
            raise DataFileError(f"pattern {pattern.name} {what} {example!r}", path=label)


def _score(result: ParseResult, profile: Profile) -> tuple[int, int, int]:
    """Lines placed, tier names the profile knows, and fewer standards first."""
    placed = result.source.content_lines - result.unplaced
    known = sum(
        1
        for unit in result.notice.units
        for tier in unit.tiers
        if profile.knows(unit.kind, fold(tier.name))
    )
    return placed, known, -profile.standards()


def _named(result: ParseResult, profile: Profile) -> ParseResult:
    """The result with the profile recorded in ``source.profile``."""
    source = result.notice.source.model_copy(update={"profile": profile.name})
    notice = result.notice.model_copy(update={"source": source})
    return ParseResult(notice, result.findings, result.source, profile)


@functools.cache
def _points_forms() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """How a line can give points, from the grammar, for the account of what was seen."""
    notice = grammar.grammar()
    return (
        ("（N分）", re.compile(_expand_points(notice.fragments["points"]))),
        ("（分值：N分）", re.compile(r"\(\s*分值")),
        ("（N） without 分", notice.patterns["bare_points"].regex),
    )


def _expand_points(fragment: str) -> str:
    """The points fragment without its named group, to search with anywhere."""
    return fragment.replace("(?P<points>", "(?:")


def recognised(result: ParseResult) -> str:
    """What the parser made of a notice: units, items, and the points forms it has."""
    notice = result.notice
    items = sum(1 for _ in notice.items())
    forms = [
        name
        for name, pattern in _points_forms()
        if any(pattern.search(line.folded) for line in result.source.lines)
    ]
    return (
        f"{len(notice.units)} units, {items} items, {len(notice.citywide_targets)} city-wide "
        f"targets; points written {', '.join(forms) if forms else 'nowhere'}"
    )


def _explained(result: ParseResult, unplaced: int, tried: int) -> ParseResult:
    """TD106: no profile placed every line; say which did best and what it recognised."""
    assert result.profile is not None
    finding = Finding.of(
        "TD106",
        N_(
            "{unplaced} lines fit no profile ({tried} tried; the best, {profile}, recognised "
            "{recognised}): a profile or grammar entry for this family's forms would place them"
        ),
        values={
            "unplaced": unplaced,
            "tried": tried,
            "profile": result.profile.name,
            "recognised": recognised(result),
        },
        file=result.source.label,
    )
    return ParseResult(result.notice, (*result.findings, finding), result.source, result.profile)
