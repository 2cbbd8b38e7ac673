"""Loading the user's data files (profiles, waivers, roll-ups): strict, bounded, located.

One loader for every YAML file a user writes by hand, so that each is read alike:
UTF-8 only, at most ``MAX_DATA_FILE_BYTES``, no anchors or aliases (a few hundred
bytes of aliases expand to gigabytes), at most ``MAX_DEPTH`` levels deep, and
validated by a pydantic model in strict mode (``complete: "false"`` is not true,
``item: abc`` is not a number). Every problem is one ``DataFileError`` naming the
file and the line of the offending value.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

import regex
from pydantic import BaseModel, ValidationError

from targetdoc.errors import DataFileError, LocatedError

MAX_DATA_FILE_BYTES = 1_000_000
# The most digits of a number in a data file (a year, points, a benchmark: a few).
MAX_NUMBER_DIGITS = 100
# Mappings and lists inside each other: a profile needs 4, a waiver 3 (deeper nesting
# only costs: 1,000 levels took seconds, then Python's recursion limit).
MAX_DEPTH = 20
# Format characters (RLM, zero-width space …) and combining marks.
_INVISIBLE = regex.compile(r"[\p{Cf}\p{Mn}\p{Me}]")

Model = TypeVar("Model", bound=BaseModel)


@dataclass(frozen=True)
class Loaded(Generic[Model]):
    """A data file's validated content, and where each of its values stands."""

    value: Model
    tree: Any

    def line(self, *loc: int | str) -> int | None:
        """The 1-based line of the value at this path (``"waivers", 0`` is the first waiver)."""
        return _line_of(self.tree, loc)


def load_data_file(path: Path, model: type[Model], *, label: str | None = None) -> Loaded[Model]:
    """The file's content as ``model``; ``label`` names the file in messages."""
    shown = label or str(path)
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_DATA_FILE_BYTES + 1)
    except FileNotFoundError:
        raise DataFileError("no such file", path=shown) from None
    except IsADirectoryError:
        raise DataFileError("is a folder, not a file", path=shown) from None
    except OSError as error:
        raise DataFileError(f"cannot read: {error.strerror}", path=shown) from None
    if len(data) > MAX_DATA_FILE_BYTES:
        raise DataFileError(f"larger than {MAX_DATA_FILE_BYTES:,} bytes", path=shown)
    return parse_data(data, model, label=shown)


def utf8_text(data: bytes, *, label: str, error: type[LocatedError] = DataFileError) -> str:
    """A file written by hand or by us is UTF-8: else one error naming the line."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as problem:
        line = data[: problem.start].count(b"\n") + 1
        byte = data[problem.start]
        raise error(f"not UTF-8 text (byte 0x{byte:02x})", path=label, line=line) from None


def parse_data(data: bytes, model: type[Model], *, label: str) -> Loaded[Model]:
    """Bytes of a data file as ``model`` (``load_data_file`` without the reading)."""
    text = utf8_text(data, label=label).removeprefix("\ufeff")
    _refuse_invisible(text, label)
    tree = _yaml_tree(text, label)
    try:
        return Loaded(model.model_validate(_plain(tree), strict=True), tree)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "the file"
        more = f" (and {error.error_count() - 1} more)" if error.error_count() > 1 else ""
        message = f"{where}: {first['msg']}{more}"
        raise DataFileError(message, path=label, line=_line_of(tree, first["loc"])) from None


def _refuse_invisible(text: str, label: str) -> None:
    """A name with an invisible or combining character looks like another and matches none."""
    match = _INVISIBLE.search(text)
    if match is not None:
        char = match.group()
        raise DataFileError(
            f"an invisible or combining character U+{ord(char):04X} "
            f"({unicodedata.name(char, 'unnamed')}): write names as they look",
            path=label,
            line=text.count("\n", 0, match.start()) + 1,
        )


def _yaml_tree(text: str, label: str) -> Any:
    """The YAML document with line marks; anchors and aliases refused before composing."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError
    from ruamel.yaml.events import (
        AliasEvent,
        CollectionEndEvent,
        CollectionStartEvent,
        NodeEvent,
        ScalarEvent,
    )

    yaml = YAML(typ="rt")
    try:
        depth = 0
        for event in yaml.parse(text):
            line = event.start_mark.line + 1 if event.start_mark else None
            if isinstance(event, AliasEvent) or (
                isinstance(event, NodeEvent) and event.anchor is not None
            ):
                raise DataFileError(
                    "anchors and aliases (&name, *name) are not allowed in data files",
                    path=label,
                    line=line,
                )
            depth += isinstance(event, CollectionStartEvent) - isinstance(event, CollectionEndEvent)
            if depth > MAX_DEPTH:
                raise DataFileError(
                    f"nested deeper than {MAX_DEPTH} levels: no data file needs more",
                    path=label,
                    line=line,
                )
            if isinstance(event, ScalarEvent) and _long_number(event):
                raise DataFileError(
                    f"a number of more than {MAX_NUMBER_DIGITS} digits: no data file needs "
                    "one (write it in quotes if it is a name)",
                    path=label,
                    line=line,
                )
        return yaml.load(text)
    except MarkedYAMLError as error:
        mark = error.problem_mark
        line = mark.line + 1 if mark is not None else None
        raise DataFileError(f"not valid YAML: {error.problem}", path=label, line=line) from None
    except YAMLError as error:
        raise DataFileError(f"not valid YAML: {error}", path=label) from None


def _long_number(event: Any) -> bool:
    """A plain scalar that YAML would read as a number too long to convert (Python
    refuses integers of more than 4,300 digits, with a ValueError)."""
    value = str(event.value)
    return (
        event.style is None
        and len(value) > MAX_NUMBER_DIGITS
        and _NUMBERISH.match(value) is not None
    )


_NUMBERISH = regex.compile(r"[-+]?[0-9_.,:]+(?:[eE][-+]?[0-9]+)?$|0[xob][0-9a-fA-F_]+$")


def _plain(node: Any) -> Any:
    """ruamel's round-trip containers and scalars (ScalarFloat, …) as plain Python values."""
    if isinstance(node, dict):
        return {_plain(key): _plain(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_plain(value) for value in node]
    for kind in (bool, int, float, str):  # bool before int: True is an int too
        if isinstance(node, kind):
            return kind(node)
    return node


def _line_of(tree: Any, loc: Sequence[int | str]) -> int | None:
    """The 1-based line of the value at a pydantic error's location, as far as it goes."""
    line: int | None = None
    node = tree
    for key in loc:
        marks = getattr(node, "lc", None)
        try:
            if marks is not None:
                line = (marks.key(key) if isinstance(node, dict) else marks.item(key))[0] + 1
            node = node[key]
        except (KeyError, IndexError, TypeError, AttributeError):
            break
    if line is None and getattr(tree, "lc", None) is not None:
        line = tree.lc.line + 1
    return line
