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
from collections.abc import Callable, Iterator
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

    def may_match(self, text: str) -> bool:
        """False when the text lacks every word the pattern requires (a cheap pre-test)."""
        return not self.requires or any(word in text for word in self.requires)


@dataclass(frozen=True)
class Grammar:
    """One grammar file: its patterns, its ignore rules and its lexicons."""

    file: str
    patterns: dict[str, Pattern]
    ignored: dict[str, Pattern] = field(default_factory=dict)
    lexicons: dict[str, tuple[str, ...]] = field(default_factory=dict)
    tables: dict[str, Any] = field(default_factory=dict)
    fragments: dict[str, str] = field(default_factory=dict)

    def compile(self, section: dict[str, Any], label: str) -> dict[str, Pattern]:
        """Patterns written elsewhere (a profile's) with this grammar's fragments."""
        return _compile(section, self.fragments, label)

    def all_patterns(self) -> list[Pattern]:
        """Patterns and ignore rules alike, for the example tests."""
        return [*self.patterns.values(), *self.ignored.values()]


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
    fragments: dict[str, str] = {key: _alternation(words) for key, words in lexicons.items()}
    fragments.update(data.get("fragments") or {})
    tables = {
        key: value
        for key, value in data.items()
        if key not in {"lexicons", "fragments", "patterns", "ignored"}
    }
    return Grammar(
        file=file,
        patterns=_compile(data.get("patterns") or {}, fragments, file),
        ignored=_compile(data.get("ignored") or {}, fragments, file),
        lexicons=lexicons,
        tables=tables,
        fragments=fragments,
    )


def patterns(file: str = "notice.yaml") -> dict[str, Pattern]:
    """Every pattern of a grammar file, by name."""
    return grammar(file).patterns


def regex(name: str, file: str = "notice.yaml") -> re.Pattern[str]:
    """The compiled regex of one named pattern."""
    return grammar(file).patterns[name].regex


GRAMMAR_FILES = ("notice.yaml", "thresholds.yaml", "units.yaml")


# A repetition this wide (or unbounded) of a part of varying length, with no character
# between the iterations that the varying part cannot take, can backtrack for longer than
# anyone waits: a line splits among the iterations in exponentially many ways
# ((?:[^，。；]+)+, (\w+\s?)+, (a|aa)+). (?:[^、]+、)+ is safe: each iteration ends at 、.
_WIDE_REPEAT = 50
_REPEATS = frozenset({"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"})
_GROUPS = frozenset({"SUBPATTERN", "ATOMIC_GROUP", "ASSERT", "ASSERT_NOT", "BRANCH"})
Chars = Callable[[str], bool]  # which characters a part of a pattern can take


def nested_repeat(source: str) -> bool:
    """Whether a pattern widely repeats a part of varying length that nothing separates
    (checked on patterns users write, whose cost nobody measured)."""
    import importlib

    parser = importlib.import_module("re._parser")
    return _has_nested_repeat(parser.parse(source), parser.MAXREPEAT)


def _has_nested_repeat(node: Any, unbounded: int) -> bool:
    for op, argument in node:
        if str(op) in _REPEATS:
            _low, high, body = argument
            wide = high == unbounded or high > _WIDE_REPEAT
            if wide and str(op) != "POSSESSIVE_REPEAT" and _splits(body):
                return True
            if _has_nested_repeat(body, unbounded):
                return True
        elif any(_has_nested_repeat(part, unbounded) for part in _subpatterns(argument)):
            return True
    return False


def _splits(body: Any) -> bool:
    """The body of a repetition has a part of varying length, and no character every
    iteration requires that such a part cannot take. A body that is a choice of parts
    starting differently ([^()]|\\([^()]*\\)) splits only if one of its parts does."""
    alternatives = _choice(body)
    if alternatives is not None and _disjoint([_first(alt) for alt in alternatives]):
        return any(_splits(alternative) for alternative in alternatives)
    varying = list(_varying(body))
    return bool(varying) and not _separated(body, varying)


def _choice(body: Any) -> list[Any] | None:
    """The alternatives of a body that is one choice (in a group or not), else None."""
    items = list(body)
    if len(items) != 1:
        return None
    op, argument = items[0]
    if str(op) == "BRANCH":
        return list(argument[1])
    if str(op) == "SUBPATTERN":
        return _choice(argument[-1])
    return None


def _varying(node: Any) -> Iterator[Chars]:
    """What each part of varying length can take (x+, x{1,3}, a|aa)."""
    for op, argument in node:
        name = str(op)
        if name in _REPEATS:
            low, high, inner = argument
            if high > low:
                yield _chars(inner)
            yield from _varying(inner)
        elif name == "BRANCH":
            alternatives = argument[1]
            if len({alternative.getwidth() for alternative in alternatives}) > 1:
                yield _any_of([_chars(alternative) for alternative in alternatives])
            for alternative in alternatives:
                yield from _varying(alternative)
        elif name in _GROUPS:
            for part in _subpatterns(argument):
                yield from _varying(part)


def _separated(node: Any, varying: list[Chars]) -> bool:
    """A character every way through the node requires that no varying part can take."""
    for op, argument in node:
        name = str(op)
        if name in _ONE_CHARACTER and _disjoint([_one(name, argument), _any_of(varying)]):
            return True
        if name == "SUBPATTERN" and _separated(argument[-1], varying):
            return True
        if name == "BRANCH" and all(_separated(alt, varying) for alt in argument[1]):
            return True
        if name in _REPEATS and argument[0] >= 1 and _separated(argument[2], varying):
            return True
    return False


_ONE_CHARACTER = frozenset({"LITERAL", "NOT_LITERAL", "IN", "ANY"})


def _first(node: Any) -> Chars | None:
    """Which characters a part can start with; None when that cannot be told."""
    for op, argument in node:
        name = str(op)
        if name in _ONE_CHARACTER:
            return _one(name, argument)
        if name == "SUBPATTERN":
            return _first(argument[-1])
        if name in _REPEATS and argument[0] >= 1:
            return _first(argument[2])
        if name != "AT":
            return None
    return None


def _chars(node: Any) -> Chars:
    """Which characters a part can take (erring towards any)."""
    tests: list[Chars] = []
    for op, argument in node:
        name = str(op)
        if name in _ONE_CHARACTER:
            tests.append(_one(name, argument))
        elif name in _REPEATS:
            tests.append(_chars(argument[2]))
        elif name in _GROUPS:
            tests += [_chars(part) for part in _subpatterns(argument)]
        elif name != "AT":
            return _anything  # a back reference, a conditional: anything
    return _any_of(tests)


def _anything(char: str) -> bool:
    return True


def _any_of(tests: list[Chars]) -> Chars:
    def test(char: str) -> bool:
        return any(each(char) for each in tests)

    return test


# Characters a notice's lines are made of, to tell whether two parts can take one alike:
# printable ASCII and Latin, general punctuation, CJK punctuation, ideographs, full width.
_SAMPLE_RANGES = (
    (0x09, 0x0D),
    (0x20, 0x24F),
    (0x2000, 0x206F),
    (0x3000, 0x303F),
    (0x4E00, 0x9FFF),
    (0xFF00, 0xFFEF),
)
_SAMPLE = "".join(chr(code) for first, last in _SAMPLE_RANGES for code in range(first, last + 1))


def _disjoint(tests: list[Chars | None]) -> bool:
    """No character of the sample that two of the tests both take (unknown: not disjoint)."""
    if any(test is None for test in tests):
        return False
    known = [test for test in tests if test is not None]
    return all(sum(1 for test in known if test(char)) <= 1 for char in _SAMPLE)


_CATEGORIES: dict[str, Chars] = {
    "CATEGORY_DIGIT": str.isdigit,
    "CATEGORY_SPACE": str.isspace,
    "CATEGORY_WORD": lambda char: char.isalnum() or char == "_",
}


def _one(name: str, argument: Any) -> Chars:
    """What one character's pattern (a, [^、], [0-9], \\d, .) takes."""
    if name == "LITERAL":
        return _equal(chr(argument))
    if name == "NOT_LITERAL":
        equal = _equal(chr(argument))
        return lambda char: not equal(char)
    if name == "IN":
        return _in_set(argument)
    return _anything


def _equal(wanted: str) -> Chars:
    def test(char: str) -> bool:
        return char == wanted

    return test


def _in_set(items: Any) -> Chars:
    """A character class ([^、], [0-9], \\d) as a test; what it cannot read, any."""
    negate = False
    tests: list[Chars] = []
    for op, argument in items:
        name, value = str(op), str(argument)
        if name == "NEGATE":
            negate = True
        elif name == "LITERAL":
            tests.append(_equal(chr(argument)))
        elif name == "RANGE":
            tests.append(_between(*argument))
        elif name == "CATEGORY" and value.replace("_NOT_", "_") in _CATEGORIES:
            category = _CATEGORIES[value.replace("_NOT_", "_")]
            tests.append(_not(category) if "_NOT_" in value else category)
        else:
            return _anything
    test = _any_of(tests)
    return _not(test) if negate else test


def _between(low: int, high: int) -> Chars:
    def test(char: str) -> bool:
        return low <= ord(char) <= high

    return test


def _not(test: Chars) -> Chars:
    def negated(char: str) -> bool:
        return not test(char)

    return negated


def _subpatterns(argument: Any) -> Iterator[Any]:
    """The parsed subpatterns inside an operation's argument (groups, branches, lookarounds)."""
    if hasattr(argument, "data"):  # a SubPattern
        yield argument
    elif isinstance(argument, tuple | list):
        for element in argument:
            yield from _subpatterns(element)
