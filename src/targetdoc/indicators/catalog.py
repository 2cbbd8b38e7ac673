"""The indicator catalog: grammars/indicators.yaml, with a profile's additions.

Each indicator is a pattern of the grammar (doc, regex, examples, counterexamples,
checked as every pattern is) with what it measures beside it. Loading refuses an
indicator whose fields are wrong, whose regex does not start with ``{{start}}`` (the
anchor that keeps a name inside another's from counting), or, for a profile's, whose
examples it does not match.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from targetdoc import grammar
from targetdoc.errors import DataFileError, GrammarError
from targetdoc.models import Notice
from targetdoc.profile import (
    IndicatorGroup,
    IndicatorKind,
    IndicatorSpec,
    Profile,
    recorded_profile,
)
from targetdoc.read.normalize import clean, fold

FILE = "indicators.yaml"
_ANCHOR = "{{start}}"


@dataclass(frozen=True)
class Indicator:
    """One indicator: its stable code, its statistical name, what it measures."""

    code: str
    name: str
    kind: IndicatorKind
    measure: str
    group: IndicatorGroup
    pattern: grammar.Pattern
    # The characters its name can begin with, read from its regex (the part after
    # {{start}}): a phrase holding none of them cannot name it (a cheap first test).
    first: frozenset[str] | None = None


@dataclass(frozen=True)
class Catalog:
    """Every indicator a reading knows, by code, in the catalog's order."""

    indicators: dict[str, Indicator]
    # What a phrase names, by the phrase: the units of a notice repeat the city's words.
    memo: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @functools.cached_property
    def _by_first(self) -> tuple[dict[str, tuple[int, ...]], tuple[int, ...]]:
        """The indicators (by position) each first character may begin, and those whose
        first characters their regex does not say (always tried)."""
        index: dict[str, list[int]] = {}
        always = []
        for position, indicator in enumerate(self.indicators.values()):
            if indicator.first is None:
                always.append(position)
                continue
            for char in indicator.first:
                index.setdefault(char, []).append(position)
        return {char: tuple(found) for char, found in index.items()}, tuple(always)

    @functools.cached_property
    def _in_order(self) -> tuple[Indicator, ...]:
        return tuple(self.indicators.values())

    def candidates(self, folded: str) -> list[Indicator]:
        """The indicators a phrase may name, in the catalog's order: a phrase holding no
        character a name can begin with cannot name it."""
        index, always = self._by_first
        positions = set(always)
        for char in set(folded):
            positions.update(index.get(char, ()))
        return [self._in_order[position] for position in sorted(positions)]

    def __getitem__(self, code: str) -> Indicator:
        return self.indicators[code]

    def __iter__(self) -> Iterator[Indicator]:
        return iter(self.indicators.values())


def _indicator(code: str, spec: IndicatorSpec, pattern: grammar.Pattern) -> Indicator:
    name = spec.regex.strip().removeprefix(_ANCHOR)
    try:
        anchored = grammar.grammar(FILE).compile({code: {"regex": f"^{name}"}}, FILE)[code]
    except GrammarError:  # the whole regex compiled: its name alone may not
        first = None
    else:
        first = grammar.leading_chars(anchored.regex)
    return Indicator(code, spec.name, spec.kind, spec.measure, spec.group, pattern, first)


def _specs(raw: dict[str, Any], label: str) -> dict[str, IndicatorSpec]:
    specs: dict[str, IndicatorSpec] = {}
    for code, spec in raw.items():
        try:
            specs[code] = IndicatorSpec.model_validate(spec)
        except ValidationError as error:
            problem = error.errors()[0]
            where = ".".join(str(part) for part in problem["loc"])
            raise GrammarError(f"{label}: indicator {code}: {where}: {problem['msg']}") from None
        if not specs[code].regex.strip().startswith(_ANCHOR):
            raise GrammarError(f"{label}: indicator {code}: its regex must start with {_ANCHOR}")
    return specs


@functools.cache
def shipped_catalog() -> Catalog:
    """The indicators targetdoc ships (grammars/indicators.yaml), read once."""
    loaded = grammar.grammar(FILE)
    specs = _specs(loaded.specs, f"grammars/{FILE}")
    return Catalog(
        {code: _indicator(code, spec, loaded.patterns[code]) for code, spec in specs.items()}
    )


def catalog_for(profile: Profile | None, source: str | None = None) -> Catalog:
    """The shipped catalog with a profile's indicators added (or put in place of the
    shipped one of the same code), their examples checked; a mistake names ``source``
    (the profile's file), else the profile."""
    shipped = shipped_catalog()
    if profile is None or not profile.indicators:
        return shipped
    label = source or f"profile {profile.name}"
    try:
        compiled = grammar.grammar(FILE).compile(
            {code: spec.model_dump() for code, spec in profile.indicators.items()}, label
        )
        _specs({code: spec.model_dump() for code, spec in profile.indicators.items()}, label)
    except GrammarError as error:
        raise DataFileError(str(error), path=label) from None
    added = {}
    for code, spec in profile.indicators.items():
        _check_examples(compiled[code], label)
        added[code] = _indicator(code, spec, compiled[code])
    return Catalog({**shipped.indicators, **added})


def notice_catalog(notice: Notice) -> Catalog:
    """The indicators of the profile that read the notice; a profile file's are read
    only where it is named again (``targetdoc indicators --profile FILE``)."""
    try:
        return catalog_for(recorded_profile(notice.source.profile))
    except DataFileError:
        return shipped_catalog()


def _check_examples(pattern: grammar.Pattern, label: str) -> None:
    for example, wanted in [
        *((text, True) for text in pattern.examples),
        *((text, False) for text in pattern.counterexamples),
    ]:
        if (pattern.regex.search(fold(clean(example))) is not None) != wanted:
            what = "does not match its example" if wanted else "matches its counterexample"
            raise DataFileError(f"indicator {pattern.name} {what} {example!r}", path=label)
