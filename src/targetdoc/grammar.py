"""Named patterns and lexicons loaded from ``grammars/*.yaml``, compiled once.

Patterns are data: each has a one-line doc, examples that must match and
counterexamples that must not (checked by one parametrized test). They compile with
the standard library's ``re`` (docs/performance.md); ``regex`` serves the few places
that need more. ``{{name}}`` in a regex inserts the fragment of that name; every
lexicon (a word list) is also a fragment, an alternation with the longest words first.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

from targetdoc.errors import GrammarError

_FRAGMENT_REF = re.compile(r"\{\{(\w+)\}\}")


@dataclass(frozen=True)
class Pattern:
    """A compiled, documented pattern with the examples that pin it down."""

    name: str
    doc: str
    regex: re.Pattern[str]
    examples: tuple[str, ...]
    counterexamples: tuple[str, ...]
    requires: tuple[str, ...] = ()


@dataclass(frozen=True)
class Grammar:
    """One grammar file: its patterns, its ignore rules and its lexicons."""

    file: str
    patterns: dict[str, Pattern]
    ignored: dict[str, Pattern] = field(default_factory=dict)
    lexicons: dict[str, tuple[str, ...]] = field(default_factory=dict)
    tables: dict[str, Any] = field(default_factory=dict)
    fragments: dict[str, str] = field(default_factory=dict)
    # Each pattern as written, with any fields beside its regex (an indicator's kind).
    specs: dict[str, Any] = field(default_factory=dict)

    def compile(self, section: dict[str, Any], label: str) -> dict[str, Pattern]:
        """Patterns written elsewhere (a profile's) with this grammar's fragments."""
        return _compile(section, self.fragments, label)


def grammar_dir() -> Traversable:
    """The grammars shipped inside the package (one path, in a checkout and a wheel alike)."""
    return resources.files("targetdoc") / "grammars"


def _load_yaml(name: str) -> dict[str, Any]:
    text = (grammar_dir() / name).read_text(encoding="utf-8")
    data = _safe_load(text)
    if not isinstance(data, dict):
        raise GrammarError(f"grammars/{name}: expected a mapping at the top")
    return data


def _safe_load(text: str) -> Any:
    """Plain data from YAML, by the C parser where it is installed: grammars load at
    every start of a command. ``YAML(typ="safe")`` looks for the C extension under the
    name ruamel.yaml.clib gives it, not the one ruamel.yaml.clibz does, and parsed the
    grammars in Python (docs/performance.md); ``ruamel.yaml.cyaml`` finds either."""
    try:
        from ruamel.yaml.cyaml import CSafeLoader
    except ImportError:  # no C extension (PyPy, or a platform without a wheel)
        from ruamel.yaml import YAML

        return YAML(typ="safe", pure=True).load(text)
    loader = CSafeLoader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def _where(file: str) -> str:
    """A grammar file by its place in the package; another file (a profile) as named."""
    return f"grammars/{file}" if file in GRAMMAR_FILES else file


def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


def _expand(source: str, fragments: dict[str, str], file: str) -> str:
    def insert(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in fragments:
            raise GrammarError(f"{_where(file)}: unknown fragment {{{{{name}}}}}")
        return f"(?:{_expand(fragments[name], fragments, file)})"

    return str(_FRAGMENT_REF.sub(insert, source))


def _compile(section: dict[str, Any], fragments: dict[str, str], file: str) -> dict[str, Pattern]:
    patterns: dict[str, Pattern] = {}
    for key, spec in section.items():
        try:
            compiled = re.compile(_expand(spec["regex"].strip(), fragments, file))
        except (KeyError, re.error) as error:
            raise GrammarError(f"{_where(file)}: pattern {key}: {error}") from None
        patterns[key] = Pattern(
            name=key,
            doc=str(spec.get("doc", "")).strip(),
            regex=compiled,
            examples=tuple(spec.get("examples") or ()),
            counterexamples=tuple(spec.get("counterexamples") or ()),
            requires=tuple(spec.get("requires") or ()),
        )
    return patterns


@functools.cache
def grammar(file: str = "notice.yaml") -> Grammar:
    """A grammar file, compiled."""
    data = _load_yaml(file)
    lexicons = {key: tuple(words) for key, words in (data.get("lexicons") or {}).items()}
    # A file it includes lends its fragments and lexicons (a form written once, inserted
    # by several grammars: scoring.yaml's {{scoring_clause}}).
    fragments: dict[str, str] = {}
    for other in data.get("include") or ():
        fragments.update(grammar(other).fragments)
    fragments.update({key: _alternation(words) for key, words in lexicons.items()})
    fragments.update(data.get("fragments") or {})
    tables = {
        key: value
        for key, value in data.items()
        if key not in {"include", "lexicons", "fragments", "patterns", "ignored"}
    }
    return Grammar(
        file=file,
        patterns=_compile(data.get("patterns") or {}, fragments, file),
        ignored=_compile(data.get("ignored") or {}, fragments, file),
        lexicons=lexicons,
        tables=tables,
        fragments=fragments,
        specs=dict(data.get("patterns") or {}),
    )


def patterns(file: str = "notice.yaml") -> dict[str, Pattern]:
    """Every pattern of a grammar file, by name."""
    return grammar(file).patterns


def regex(name: str, file: str = "notice.yaml") -> re.Pattern[str]:
    """The compiled regex of one named pattern."""
    return grammar(file).patterns[name].regex


GRAMMAR_FILES = (
    "notice.yaml",
    "thresholds.yaml",
    "units.yaml",
    "scoring.yaml",
    "indicators.yaml",
)


# The first characters a pattern's match can start with, read from the pattern itself,
# so that a rule's cheap pre-test is never a hand copy of its pattern (a profile that
# writes the pattern otherwise gets a pre-test of its own). None: any character.
_RANGE_LIMIT = 4096  # a class wider than this is no useful filter


def first_chars(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """The characters a match of an anchored pattern can begin with, or None when the
    pattern does not say (it may start with any character, or with nothing)."""
    from re import _parser  # type: ignore[attr-defined]

    try:
        parsed = _parser.parse(pattern.pattern, pattern.flags)
    except Exception:  # an unreadable pattern: no filter, never an error
        return None
    items = list(parsed)
    if not items or items[0][0] != _parser.AT:
        return None  # unanchored: it may match anywhere
    found = _sequence_first(items[1:], _parser)
    return frozenset(found) if found else None


def _sequence_first(items: list[Any], parser: Any) -> set[str] | None:  # noqa: PLR0911
    """First characters of a sequence: of its first element, or None where that element
    may be empty or is not a plain set of characters."""
    if not items:
        return None
    op, arg = items[0]
    if op == parser.LITERAL:
        return {chr(arg)}
    if op == parser.IN:
        return _class_chars(arg, parser)
    if op == parser.SUBPATTERN:
        return _sequence_first(list(arg[-1]), parser)
    if op == parser.BRANCH:
        chars: set[str] = set()
        for branch in arg[1]:
            first = _sequence_first(list(branch), parser)
            if first is None:
                return None
            chars |= first
        return chars
    if op in (parser.MAX_REPEAT, parser.MIN_REPEAT) and arg[0] >= 1:
        return _sequence_first(list(arg[2]), parser)
    if op == parser.ASSERT and arg[0] == 1:  # (?=[(\d]): what the line starts with
        return _sequence_first(list(arg[1]), parser)
    return None


def _class_chars(members: list[Any], parser: Any) -> set[str] | None:
    chars: set[str] = set()
    for op, arg in members:
        if op == parser.LITERAL:
            chars.add(chr(arg))
        elif op == parser.RANGE and arg[1] - arg[0] < _RANGE_LIMIT:
            chars.update(chr(code) for code in range(arg[0], arg[1] + 1))
        elif op == parser.CATEGORY and arg == parser.CATEGORY_DIGIT:
            chars.update("0123456789")
        else:
            return None  # a negated class, \s, \w: any character
    return chars


def leading_chars(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """The characters a match of an anchored pattern can begin with, optional parts
    before its first required one included ((?:地区)?生产总值 → 地, 生); None where
    the pattern does not say. ``first_chars`` gives up at an optional part, which
    keeps the parser's rule tests as they are."""
    from re import _parser  # type: ignore[attr-defined]

    try:
        parsed = _parser.parse(pattern.pattern, pattern.flags)
    except Exception:  # an unreadable pattern: no filter, never an error
        return None
    items = list(parsed)
    if not items or items[0][0] != _parser.AT:
        return None
    found = _leading(items[1:], _parser)
    return frozenset(found) if found else None


def _leading(items: list[Any], parser: Any) -> set[str] | None:  # noqa: PLR0911
    if not items:
        return None  # the pattern may match nothing here: any character may follow
    op, arg = items[0]
    rest = items[1:]
    if op == parser.LITERAL:
        return {chr(arg)}
    if op == parser.IN:
        return _class_chars(arg, parser)
    if op == parser.SUBPATTERN:
        return _leading(list(arg[-1]) + rest, parser)
    if op == parser.BRANCH:
        chars: set[str] = set()
        for branch in arg[1]:
            first = _leading(list(branch) + rest, parser)
            if first is None:
                return None
            chars |= first
        return chars
    if op in (parser.MAX_REPEAT, parser.MIN_REPEAT):
        head = _leading(list(arg[2]) + rest, parser)
        if arg[0] >= 1 or head is None:
            return head
        after = _leading(rest, parser)  # the part may be left out
        return None if after is None else head | after
    return None
