"""The notice as a line index: read once, addressed by 1-based line number.

The text is scanned once into per-line forms (raw, cleaned, folded) and every rule
works on line numbers, so any record and finding can point back at the text.
"""

from __future__ import annotations

import hashlib
import itertools
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import regex

from targetdoc.errors import InputError
from targetdoc.read.containers import read_text
from targetdoc.read.normalize import clean_and_fold_lines, is_markup_only, visible

# Only CR LF, CR and LF end a line: ``str.splitlines`` would also split on form
# feeds and U+2028, and line numbers would no longer match an editor's.
_LINE_BREAK = regex.compile(r"\r\n|\r|\n")


class Line(NamedTuple):
    """One source line in its three forms (a tuple: thousands are made per notice)."""

    number: int
    raw: str
    text: str
    folded: str
    is_blank: bool  # blank and markup-only lines (``---``) belong to no record


def index_lines(raw_lines: list[str]) -> tuple[Line, ...]:
    """Clean and fold every line: the whole text at once, a few passes in all."""
    if not raw_lines:
        return ()
    texts, folded = clean_and_fold_lines("\n".join(raw_lines))
    # A thematic break (---, * * *) cleans to its marks, or to nothing.
    blank = [
        not text or (text[0] in "-*_" and is_markup_only(visible(raw)))
        for text, raw in zip(texts, raw_lines, strict=True)
    ]
    rows = zip(itertools.count(1), raw_lines, texts, folded, blank, strict=False)
    # tuple.__new__: docs/performance.md.
    return tuple(map(tuple.__new__, itertools.repeat(Line), rows))


@dataclass(frozen=True)
class Source:
    """A decoded notice with its provenance and line index."""

    name: str
    text: str
    sha256: str
    encoding: str
    lines: tuple[Line, ...] = field(repr=False)
    shown_as: str = ""  # the path as the user gave it, for messages; else the name

    @property
    def label(self) -> str:
        """How findings name this source: the path as given, else the file name."""
        return self.shown_as or self.name

    @classmethod
    def from_text(
        cls,
        text: str,
        *,
        name: str = "<text>",
        encoding: str = "utf-8",
        sha256: str = "",
        shown_as: str = "",
    ) -> Source:
        """Index a decoded text; the digest defaults to that of its UTF-8 bytes."""
        digest = sha256 or hashlib.sha256(text.encode("utf-8")).hexdigest()
        raw_lines = _LINE_BREAK.split(text) if "\r" in text else text.split("\n")
        if raw_lines and not raw_lines[-1]:
            raw_lines.pop()  # the final newline ends the last line, it opens none
        return cls(name, text, digest, encoding, index_lines(raw_lines), shown_as)

    @classmethod
    def from_bytes(
        cls, data: bytes, *, name: str, shown_as: str | None = None, suffix: str = ""
    ) -> Source:
        """Read text, a Word document or a web page in any supported encoding.

        ``name`` is recorded in the records; errors name ``shown_as`` (the path as given).
        """
        shown = shown_as or name
        text, encoding = read_text(data, suffix=suffix or Path(name).suffix, path=shown)
        digest = hashlib.sha256(data).hexdigest()
        return cls.from_text(
            text, name=name, encoding=encoding, sha256=digest, shown_as=shown_as or ""
        )

    @classmethod
    def from_path(cls, path: Path) -> Source:
        """Read a notice file; a missing or unreadable file is an input error."""
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise InputError("no such file", path=str(path)) from None
        except IsADirectoryError:
            raise InputError("is a directory, not a notice file", path=str(path)) from None
        except OSError as error:
            raise InputError(f"cannot read: {error.strerror}", path=str(path)) from None
        return cls.from_bytes(data, name=path.name, shown_as=str(path), suffix=path.suffix)

    def line(self, number: int) -> Line:
        """The line with this 1-based number."""
        return self.lines[number - 1]

    def next_content(self, number: int) -> Line | None:
        """The first non-blank line after line ``number``, if any."""
        for line in self.lines[number:]:
            if not line.is_blank:
                return line
        return None
