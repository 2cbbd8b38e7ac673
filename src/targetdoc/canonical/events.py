"""Canonical YAML read from the C parser's events, the fast way to load a notice.

ruamel.yaml's safe loader composes a node for every scalar and hands each to its
resolver and constructor in Python: some 26,000 calls for the sample, ten times its
parse. A canonical file is plain block mappings, sequences and scalars, so this reads
the parser's events into dicts, lists and strings directly, and asks ruamel.yaml's
own rules only where a plain scalar may be something else: its implicit resolvers
(the very table the safe loader uses, by first character) decide the tag, its
constructors build the value. Anything else a YAML file may hold (tags, anchors and
aliases, complex or repeated keys, several documents, a syntax error) raises
``Unusual``, and the caller loads the text with ruamel.yaml's loader, which either
reads it as before or says what is wrong with it. Oracle: ruamel.yaml's loader on
the sample and on generated documents (``tests/test_canonical_events.py``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

__all__ = ["Unusual", "load_events"]

_STR = "tag:yaml.org,2002:str"


class Unusual(Exception):
    """A document outside the canonical shape: load it with ruamel.yaml's loader."""


def load_events(text: str, loader_class: Any) -> Any:
    """The document's plain data, as ``loader_class`` (a ruamel.yaml safe loader with
    the C parser) would construct it, or ``Unusual``."""
    from ruamel.yaml.error import YAMLError

    loader = loader_class(text)
    try:
        return _Reader(loader, _resolvers(loader_class)).document()
    except (YAMLError, ValueError, OverflowError):  # ruamel.yaml's loader says what
        raise Unusual("an error") from None
    finally:
        loader.dispose()


_INT = "tag:yaml.org,2002:int"
# The ints a canonical file writes; construct_yaml_int reads another (0x1F, 1_000, 010,
# which YAML 1.1 calls octal) its own way.
_PLAIN_INT = re.compile(r"-?(?:0|[1-9][0-9]*)")
Resolvers = dict[str, list[tuple[str, Callable[[str], Any]]]]


@functools.cache
def _resolvers(loader_class: Any) -> Resolvers:
    """The loader's implicit resolvers by first character, each with its regex's match
    (ruamel.yaml compiles them lazily, behind a proxy that every call would go through)."""
    table: dict[Any, list[tuple[str, Any]]] = loader_class.yaml_implicit_resolvers
    if None in table or loader_class.yaml_path_resolvers:
        raise Unusual("resolvers by path or for any character")
    return {first: [(tag, regexp.match) for tag, regexp in pairs] for first, pairs in table.items()}


# A mapping's pending key when it awaits one (None is a key YAML allows).
_NO_KEY: Any = object()


class _Reader:
    """One document's events into dicts, lists and scalars."""

    def __init__(self, loader: Any, resolvers: Resolvers) -> None:
        from ruamel.yaml import events
        from ruamel.yaml.nodes import ScalarNode

        self.loader, self.resolvers, self.events, self.node = loader, resolvers, events, ScalarNode
        # Each open collection, and for a dict its pending key.
        self.open: list[Any] = []
        self.keys: list[Any] = []

    def document(self) -> Any:
        """The one document's root, read to its end."""
        kinds = self.events
        stream = iter(self.loader.get_event, None)
        if [type(next(stream)), type(next(stream))] != [
            kinds.StreamStartEvent,
            kinds.DocumentStartEvent,
        ]:
            raise Unusual("not a document")
        roots: list[Any] = []
        for event in stream:
            kind = type(event)
            if kind is kinds.ScalarEvent:
                self.add(roots, self.scalar(event))
            elif kind is kinds.MappingStartEvent or kind is kinds.SequenceStartEvent:
                if event.ctag is not None or event.anchor is not None:
                    raise Unusual("a tag or an anchor")
                value: Any = {} if kind is kinds.MappingStartEvent else []
                self.add(roots, value)
                self.open.append(value)
                self.keys.append(_NO_KEY)
            elif kind is kinds.MappingEndEvent or kind is kinds.SequenceEndEvent:
                self.open.pop()
                self.keys.pop()
            elif kind is kinds.DocumentEndEvent:
                break
            else:
                raise Unusual(f"an event {kind.__name__}")  # an alias
        if len(roots) != 1 or type(next(stream)) is not kinds.StreamEndEvent:
            raise Unusual("not one document")
        return roots[0]

    def scalar(self, event: Any) -> Any:
        """A scalar's value: a string unless ruamel.yaml's rules make a plain one
        something else (a number, a date, true, null)."""
        if event.ctag is not None or event.anchor is not None:
            raise Unusual("a tag or an anchor")
        value: str = event.value
        if not event.implicit[0]:
            return value  # quoted or a block scalar: a string
        for tag, match in self.resolvers.get(value[:1], ()):
            if match(value):
                if tag == _INT and _PLAIN_INT.fullmatch(value):
                    return int(value)  # as construct_yaml_int reads 75, 0, -3
                construct = self.loader.yaml_constructors.get(tag)
                if construct is None or tag == _STR:
                    raise Unusual(f"a scalar of tag {tag}")
                node = self.node(tag, value, event.start_mark, event.end_mark)
                return construct(self.loader, node)
        return value

    def add(self, roots: list[Any], value: Any) -> None:
        """A value into the open collection: a list's next item; a dict's key, then the
        key's value; with none open, the document's root."""
        if not self.open:
            roots.append(value)
            return
        parent = self.open[-1]
        if type(parent) is list:
            parent.append(value)
            return
        key = self.keys[-1]
        if key is not _NO_KEY:
            parent[key] = value
            self.keys[-1] = _NO_KEY
        elif type(value) in (dict, list):
            raise Unusual("a collection as a key")
        elif value in parent:
            raise Unusual("a repeated key")
        else:
            self.keys[-1] = value
