"""The notice as a line index: read once, addressed by 1-based line number.

The text is scanned once into per-line forms (raw, cleaned, folded) and every rule
works on line numbers, so any record and finding can point back at the text.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import itertools
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import regex

from targetdoc import grammar
from targetdoc.errors import InputError
from targetdoc.read.containers import read_text
from targetdoc.read.kinds import max_input_bytes
from targetdoc.read.normalize import clean_and_fold_lines, is_markup_only, visible

# Only CR LF, CR and LF end a line: ``str.splitlines`` would also split on form
# feeds and U+2028, and line numbers would no longer match an editor's.
_LINE_BREAK = regex.compile(r"\r\n|\r|\n")
# The characters a page number line can start with (3 / 40 has its slash).
_PAGE_STARTS = frozenset("-—–~第")


class Line(NamedTuple):
    """One source line in its three forms (a tuple: thousands are made per notice)."""

    number: int
    raw: str
    text: str
    folded: str
    # Blank lines, markup-only lines (---) and page furniture (— 3 —) belong to no record.
    is_blank: bool


def index_lines(raw_lines: list[str]) -> tuple[Line, ...]:
    """Clean and fold every line: the whole text at once, a few passes in all."""
    if not raw_lines:
        return ()
    texts, folded = clean_and_fold_lines("\n".join(raw_lines))
    # A thematic break (---, * * *) cleans to its marks, or to nothing.
    page_number = grammar.regex("page_number").match
    blank = [
        not text
        or (text[0] in "-*_" and is_markup_only(visible(raw)))
        # Page furniture (— 3 —, 第3页, 3 / 40): cheap first tests, then the pattern.
        or ((fold[0] in _PAGE_STARTS or "/" in fold) and page_number(fold) is not None)
        for text, raw, fold in zip(texts, raw_lines, folded, strict=True)
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
    # A PDF's: the page each line starts on, and how the page sets it apart.
    pages: tuple[int, ...] = field(default=(), repr=False)
    styles: tuple[frozenset[str], ...] = field(default=(), repr=False)
    page_count: int = 0
    # Where OCR read the notice: its pages, and the digits it was unsure of (line,
    # column, confidence).
    scanned: tuple[int, ...] = field(default=(), repr=False)
    doubts: tuple[tuple[int, int, float], ...] = field(default=(), repr=False)

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
        pages: tuple[int, ...] = (),
        styles: tuple[frozenset[str], ...] = (),
        page_count: int = 0,
        scanned: tuple[int, ...] = (),
        doubts: tuple[tuple[int, int, float], ...] = (),
    ) -> Source:
        """Index a decoded text; the digest defaults to that of its UTF-8 bytes."""
        digest = sha256 or hashlib.sha256(text.encode("utf-8")).hexdigest()
        raw_lines = _LINE_BREAK.split(text) if "\r" in text else text.split("\n")
        if raw_lines and not raw_lines[-1]:
            raw_lines.pop()  # the final newline ends the last line, it opens none
        return cls(
            name,
            text,
            digest,
            encoding,
            index_lines(raw_lines),
            shown_as,
            pages,
            styles,
            page_count or max(pages, default=0),
            scanned,
            doubts,
        )

    @classmethod
    def from_bytes(
        cls, data: bytes, *, name: str, shown_as: str | None = None, suffix: str = ""
    ) -> Source:
        """Read text, a Word document, a web page or a PDF, in any supported encoding.

        ``name`` is recorded in the records; errors name ``shown_as`` (the path as given).
        """
        shown = shown_as or name
        read = read_text(data, suffix=suffix or Path(name).suffix, path=shown)
        return cls.from_text(
            read.text,
            name=name,
            encoding=read.encoding,
            sha256=hashlib.sha256(data).hexdigest(),
            shown_as=shown_as or "",
            pages=read.pages,
            styles=read.styles,
            page_count=read.page_count,
            scanned=read.scanned,
            doubts=read.doubts,
        )

    @classmethod
    def from_path(cls, path: Path) -> Source:
        """Read a notice file; a missing or unreadable file is an input error."""
        data = read_input(path)
        return cls.from_bytes(data, name=path.name, shown_as=str(path), suffix=path.suffix)

    def line(self, number: int) -> Line:
        """The line with this 1-based number."""
        return self.lines[number - 1]

    def page(self, number: int) -> int | None:
        """The page line ``number`` starts on, for a PDF; None for other notices."""
        return self.pages[number - 1] if 0 < number <= len(self.pages) else None

    def style(self, number: int) -> frozenset[str]:
        """How a PDF's page sets line ``number`` apart ("bold", "centred", "larger")."""
        return self.styles[number - 1] if 0 < number <= len(self.styles) else frozenset()

    def page_starts(self) -> list[int]:
        """A PDF's pages by the line each starts with (a page holding no paragraph's
        start shares its successor's): line n is on the last page whose start is at
        most n. Empty for other notices."""
        if not self.page_count:
            return []
        starts: list[int] = []
        line = 1
        for page in range(1, self.page_count + 1):
            while line <= len(self.pages) and self.pages[line - 1] < page:
                line += 1
            starts.append(line)
        return starts

    def next_content(self, number: int) -> Line | None:
        """The first non-blank line after line ``number``, if any (in logarithmic time)."""
        content = self._content
        # Line n's successors start at index n; never copy the rest of the notice,
        # or a long notice parses in quadratic time.
        found = bisect.bisect_left(content, number)
        return self.lines[content[found]] if found < len(content) else None

    @property
    def content_lines(self) -> int:
        """How many lines are not blank."""
        return len(self._content)

    @functools.cached_property
    def _content(self) -> list[int]:
        """The indices of the non-blank lines, in order."""
        return [index for index, line in enumerate(self.lines) if not line.is_blank]


def read_input(path: Path, *, what: str = "notice") -> bytes:
    """The bytes of an input file (a notice, a file of actuals), up to the input limit;
    a missing, unreadable or oversized file is an input error."""
    limit = max_input_bytes()
    try:
        with path.open("rb") as stream:
            data = stream.read(limit + 1)  # /dev/zero, or a stray video, ends here
    except FileNotFoundError:
        raise InputError("no such file", path=str(path)) from None
    except IsADirectoryError:
        raise InputError(f"is a directory, not a {what} file", path=str(path)) from None
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror}", path=str(path)) from None
    if len(data) > limit:
        raise InputError(
            f"larger than {limit:,} bytes: not a {what} (TARGETDOC_MAX_INPUT_MB raises the limit)",
            path=str(path),
        )
    return data
