"""Patterns whose matching can take forever: a wide repetition of a part of varying
length that nothing separates, as (?:[^，。；]+)+. Profiles are written by users and
their patterns run on every line with Python's ``re``, which backtracks: such a pattern
is refused when the profile is loaded (``parse.choice``), on the parsed pattern, not by
running it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

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
