"""Named patterns loaded from ``grammars/*.yaml``, compiled once.

Patterns are data, as in reporters-db: each has a one-line doc, examples that must
match and counterexamples that must not (checked by one parametrized test).
``{{name}}`` in a regex inserts the fragment of that name.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import regex

from targetdoc.errors import TargetdocError

_FRAGMENT_REF = regex.compile(r"\{\{(\w+)\}\}")


class GrammarError(TargetdocError):
    """A grammar file that is malformed: a bug in the data, not in the input."""


@dataclass(frozen=True)
class Pattern:
    """A compiled, documented pattern with the examples that pin it down."""

    name: str
    doc: str
    regex: regex.Pattern[str]
    examples: tuple[str, ...]
    counterexamples: tuple[str, ...]


def grammar_dir() -> Traversable:
    """The grammars shipped in the package, or the repository's in a source checkout."""
    packaged = resources.files("targetdoc") / "grammars"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "grammars"


def _load_yaml(name: str) -> dict[str, Any]:
    from ruamel.yaml import YAML

    text = (grammar_dir() / name).read_text(encoding="utf-8")
    data = YAML(typ="safe", pure=True).load(text)
    if not isinstance(data, dict):
        raise GrammarError(f"grammars/{name}: expected a mapping at the top")
    return data


def _expand(source: str, fragments: dict[str, str], file: str) -> str:
    def insert(match: regex.Match[str]) -> str:
        name = match.group(1)
        if name not in fragments:
            raise GrammarError(f"grammars/{file}: unknown fragment {{{{{name}}}}}")
        return f"(?:{_expand(fragments[name], fragments, file)})"

    return str(_FRAGMENT_REF.sub(insert, source))


@functools.cache
def load(name: str = "notice.yaml") -> dict[str, Pattern]:
    """Every pattern of a grammar file, by name."""
    data = _load_yaml(name)
    fragments: dict[str, str] = data.get("fragments") or {}
    patterns: dict[str, Pattern] = {}
    for key, spec in (data.get("patterns") or {}).items():
        try:
            compiled = regex.compile(_expand(spec["regex"], fragments, name), regex.V0)
        except (KeyError, regex.error) as error:
            raise GrammarError(f"grammars/{name}: pattern {key}: {error}") from None
        patterns[key] = Pattern(
            name=key,
            doc=str(spec.get("doc", "")).strip(),
            regex=compiled,
            examples=tuple(spec.get("examples") or ()),
            counterexamples=tuple(spec.get("counterexamples") or ()),
        )
    return patterns


def pattern(name: str, file: str = "notice.yaml") -> regex.Pattern[str]:
    """The compiled regex of one named pattern."""
    return load(file)[name].regex
