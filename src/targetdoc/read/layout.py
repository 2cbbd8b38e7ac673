"""A PDF page's lines back into the notice's paragraphs.

A PDF holds visual lines, not paragraphs: every wrapped line, page number and
running header comes out as a line of its own. This module works on lines already
read off the pages (``PdfLine``: text, box, size, weight) and knows nothing of PDF:

1. drop page furniture: page numbers in the top and bottom bands, and lines standing
   at one place on more than half of the pages: in the bands if the grammar would not
   place them (running headers and footers), anywhere if set much larger than the body
   (a watermark);
2. join the rest into paragraphs. A line starts a new paragraph only where it is
   indented, or its first unbreakable piece (``（60分``, ``11.94亿``) would have
   fitted at the end of the line above, or its size, weight or font family changes,
   or more space than between lines stands above it, or the line above is centred, or
   it is centred under a body line, or it starts with a list marker (``1.``, ``（一）``,
   ``一、``); a line that starts with closing punctuation always continues.

Measures are the characters' advance boxes (a full-width ``（`` has its ink on the
right), in PDF points, ``y`` growing up the page.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import regex

from targetdoc import grammar
from targetdoc.read.normalize import fold

# Tolerances, each in one place (as pdfplumber names its own), in units of the body's
# font size where they are lengths:
# furniture lives in these fractions of the page's height, at its top and bottom;
_BAND = 0.14
# a centred line stands further in than a first-line indent of two characters, and as
# far from the right edge as from the left, within this much;
_CENTRED_INDENT = 2.5
_CENTRED_BALANCE = 0.5
# a line standing in this much from the column's left edge is indented;
_INDENT = 0.5
# a first piece fits on the line above where this much room is short of it (justified
# lines squeeze their characters);
_FIT = 0.25
# a line ending this near the column's right edge is full;
_FULL = 1.0
# sizes this far apart (in points) differ;
_SIZE_STEP = 0.5
# more space above a line than between lines, by this much, sets it apart;
_EXTRA_SPACE = 0.5
# a line repeated on more than half of the pages at one place (within this much) is
# furniture; and a line this many times the body's size, repeated so, a watermark.
_SAME_PLACE = 1.0
_WATERMARK_SIZE = 2.0
# What the grammar places: a running header or footer never matches one of these.
_PLACED = ("item", "tier_heading", "section_heading", "category_heading", "citywide_heading")
# Characters that never start a line in Chinese typesetting: a line starting with one
# continues the line above.
_CLOSING = frozenset("，。、；：？！）」』》〉】〕｝,.;:?!)]}%％’”…—·")
_OPENING = "（(【〔《〈「『“‘[{"
# What a line break cannot fall inside: a run of Latin letters, digits and signs
# (``11.94``, ``PM2.5``, ``60%``, ``PM<sub>10</sub>``, ``10—15``), in half or full width.
_UNBROKEN = regex.compile(r"[!-~０-９Ａ-Ｚａ-ｚ．％—–～]+")


@dataclass(frozen=True, slots=True)
class PdfLine:
    """One visual line of a page, as read off the PDF."""

    page: int  # 1-based
    text: str
    left: float
    right: float
    bottom: float
    top: float
    size: float  # the font size of its characters, in points
    bold: bool
    # The advance widths of its characters, in order (one per character of ``text``).
    widths: tuple[float, ...]
    # The font family of its first Chinese character ("" where it has none, or the
    # PDF does not say): 公文 sets headings apart by family (黑体, 楷体 against 仿宋).
    family: str = ""
    # Where OCR read the line (a scanned page): the characters it was unsure of, by
    # index into ``text``, with its confidence (0 to 1).
    doubts: tuple[tuple[int, float], ...] = ()

    @property
    def height(self) -> float:
        return self.top - self.bottom

    def first_piece(self) -> float:
        """The width of what the line could not have been broken inside at its start:
        opening brackets, then a run of digits and letters with the character after it
        (``（60分``, ``11.94亿``), or else one character."""
        text = self.text
        start = len(text) - len(text.lstrip(_OPENING))
        run = _UNBROKEN.match(text, start)
        end = run.end() + 1 if run else start + 1
        return sum(self.widths[: min(end, len(text))])


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of the notice: its text, the page it starts on, what sets it apart."""

    text: str
    page: int
    # How the PDF sets it apart, where it does: "bold", "centred", "larger", and
    # "typeface" (a font family other than the body's).
    style: frozenset[str]
    # OCR's doubts (``PdfLine.doubts``), by index into ``text``.
    doubts: tuple[tuple[int, float], ...] = ()


@dataclass(frozen=True, slots=True)
class Page:
    """A page's size, for the furniture bands."""

    number: int
    height: float


def paragraphs(
    lines: Sequence[PdfLine], pages: Sequence[Page], column: Column | None = None
) -> list[Paragraph]:
    """The notice's paragraphs from its pages' lines (in reading order), in the column
    measured from them unless given."""
    body = drop_furniture(lines, pages)
    if not body:
        return []
    column = column or Column.measure(body)
    found: list[Paragraph] = []
    parts: list[str] = []
    doubts: list[tuple[int, float]] = []
    length = 0
    first = body[0]
    previous: PdfLine | None = None
    for line in body:
        if previous is not None and column.starts_paragraph(previous, line, first is previous):
            found.append(_paragraph(parts, first, column, doubts))
            parts, doubts, length, first = [], [], 0, line
        part = _joined(parts, line.text)
        start = length + len(part) - len(line.text)
        doubts += [(start + index, confidence) for index, confidence in line.doubts]
        parts.append(part)
        length += len(part)
        previous = line
    found.append(_paragraph(parts, first, column, doubts))
    return found


def _paragraph(
    parts: list[str], first: PdfLine, column: Column, doubts: list[tuple[int, float]]
) -> Paragraph:
    text = "".join(parts).rstrip()
    kept = tuple((index, confidence) for index, confidence in doubts if index < len(text))
    return Paragraph(text, first.page, column.style(first), kept)


def _joined(parts: list[str], text: str) -> str:
    """A wrapped line's text as it continues the paragraph: Latin words keep a space."""
    if parts and parts[-1][-1:].isascii() and parts[-1][-1:].isalpha() and text[:1].isalpha():
        return " " + text if text[:1].isascii() else text
    return text


def drop_furniture(lines: Sequence[PdfLine], pages: Sequence[Page]) -> list[PdfLine]:
    """The lines that are not page numbers, running headers and footers, or watermarks.

    A page number is furniture in the top and bottom bands of its page. Any other line
    is furniture only where its words (digits standing for the page number) stand at
    one place on more than half of the pages, and on two at least: in the bands, if
    the grammar would not place it (a repeated ``（二）一般目标（200分）`` is text);
    anywhere, if it is set much larger than the body (a watermark across the page). A
    line much larger than the body below the top band is a watermark too.
    """
    heights = {page.number: page.height for page in pages}
    page_number = grammar.regex("page_number").match
    placed = _placed()
    sizes = Counter[float]()
    for line in lines:
        sizes[round(line.size)] += len(line.text)
    size = sizes.most_common(1)[0][0] if sizes else 0.0

    def furniture(line: PdfLine) -> bool:
        if in_band(line, heights.get(line.page, 0.0)) and line.size <= _WATERMARK_SIZE * size:
            if page_number(line.text.strip()) is not None:
                return True
            return line in repeated and not placed(fold(line.text.strip()))
        # Much larger than the body, below the top band (where a 红头 issuer stands),
        # or repeated in place: a watermark.
        return line.size > _WATERMARK_SIZE * size and (line in repeated or not top(line))

    def top(line: PdfLine) -> bool:
        return line.bottom > heights.get(line.page, 0.0) * (1 - _BAND)

    repeated = _repeated(lines, len(pages))
    return [line for line in lines if not furniture(line)]


def in_band(line: PdfLine, height: float) -> bool:
    """In the top or bottom band of a page of this height, where furniture lives."""
    return line.bottom > height * (1 - _BAND) or line.top < height * _BAND


def _placed() -> Callable[[str], bool]:
    """Whether the grammar would place a line (folded) as a heading or an item."""
    patterns = [grammar.regex(name).match for name in _PLACED]
    return lambda text: any(match(text) is not None for match in patterns)


# Headings the grammar reads from a whole line: a line of a heading's style that is one
# ends its paragraph.
_WHOLE_HEADINGS = ("category_heading", "section_heading", "citywide_heading")


def _whole_heading(text: str) -> bool:
    folded = fold(text.strip())
    return any(grammar.regex(name).match(folded) is not None for name in _WHOLE_HEADINGS)


def _repeated(lines: Sequence[PdfLine], pages: int) -> set[PdfLine]:
    """The lines whose words stand at one place on more than half of the pages."""
    if pages < 2:
        return set()
    by_shape: dict[str, list[PdfLine]] = {}
    for line in lines:
        by_shape.setdefault(_shape(line.text), []).append(line)
    found: set[PdfLine] = set()
    for same in by_shape.values():
        if len(same) < 2:
            continue
        tops = sorted(line.top for line in same)
        anchor = tops[len(tops) // 2]
        there = [line for line in same if abs(line.top - anchor) <= _SAME_PLACE * line.size]
        if 2 * len({line.page for line in there}) > pages:
            found.update(there)
    return found


def _shape(text: str) -> str:
    return regex.sub(r"\d+", "#", regex.sub(r"\s+", "", text))


@dataclass(frozen=True, slots=True)
class Column:
    """The text column the body is set in: its edges and its body size."""

    left: float
    right: float
    size: float
    # The usual space between one line's foot and the next line's head.
    gap: float = 0.0
    # The body's font family ("" where the PDF does not say).
    family: str = ""
    # The farthest any line reaches, punctuation that may hang past the edge and all
    # (0: the right edge).
    reach: float = 0.0

    @classmethod
    def measure(cls, lines: Sequence[PdfLine]) -> Column:
        """The most common size, the widest lines' edges, the usual space between lines."""
        size = Counter(round(line.size * 2) / 2 for line in lines).most_common(1)[0][0]
        body = [line for line in lines if abs(line.size - size) < 0.5] or list(lines)
        # The column's edges are where its widest lines reach: wrapped lines start at
        # the left edge (first lines may be indented), full lines end at the right one.
        # Lines of every size count: in a short notice whose paragraphs all fit on
        # one line, only a heading that fills its line may show the column's width.
        # Punctuation may hang past the right edge, so lines ending in it do not say
        # where the edge is.
        left = min(line.left for line in lines)
        flush = [line.right for line in lines if line.text.rstrip()[-1:] not in _CLOSING]
        right = max(flush or [line.right for line in lines])
        # The space between lines is measured under full lines, which wrap: where
        # paragraphs are set apart by space (and most fit on one line), the space
        # between any two lines is mostly theirs.
        pairs = [
            (above, below)
            for above, below in itertools.pairwise(body)
            if above.page == below.page and above.bottom > below.top
        ]
        # The least space found twice: a paragraph may fill its last line.
        wrapped = [(a, b) for a, b in pairs if right - a.right < _FULL * a.size] or pairs
        gaps = Counter(round(above.bottom - below.top) for above, below in wrapped)
        twice = [value for value, count in gaps.items() if count >= 2] or list(gaps)
        gap = float(min(twice)) if twice else 0.0
        families = Counter[str]()
        for line in body:
            families[line.family] += len(line.text)
        families.pop("", None)
        family = families.most_common(1)[0][0] if families else ""
        reach = max(line.right for line in lines)
        return cls(float(left), right, size, gap, family, reach)

    def centred(self, line: PdfLine) -> bool:
        """Set in the middle of the column: further in than a first-line indent of
        two characters, as far from the right edge as from the left."""
        before, after = line.left - self.left, self.right - line.right
        return (
            before > _CENTRED_INDENT * self.size
            and abs(before - after) < _CENTRED_BALANCE * self.size
        )

    def indented(self, line: PdfLine) -> bool:
        return line.left - self.left > _INDENT * line.size

    def style(self, line: PdfLine) -> frozenset[str]:
        marks = set()
        if line.bold:
            marks.add("bold")
        if self.centred(line):
            marks.add("centred")
        if line.size > self.size + _SIZE_STEP:
            marks.add("larger")
        if _families_differ(line.family, self.family):
            marks.add("typeface")
        return frozenset(marks)

    def starts_paragraph(self, above: PdfLine, line: PdfLine, above_opens: bool = True) -> bool:
        """Whether ``line`` starts a paragraph rather than continuing ``above``
        (``above_opens``: the line above is its paragraph's first)."""
        if line.text[:1] in _CLOSING:
            return False
        if self.set_apart(above, line) or self.whole_heading(above, above_opens):
            return True
        fits = line.first_piece() <= self.right - above.right + _FIT * line.size
        if self.style(above) - {"centred"} and not (self.centred(above) or self.indented(above)):
            # A flush heading (set larger, bold or in another family) runs on, wherever
            # its next line starts, only where it filled its line: onto a centred line,
            # to the column's edge; onto a flush one, as far as any line reaches, so
            # that two flush headings stay apart where the edge is uncertain.
            edge = self.right if self.centred(line) else (self.reach or self.right)
            return line.first_piece() <= edge - above.right + _FIT * line.size
        if self.centred(line):
            # A centred heading continues only on a centred line whose first piece
            # did not fit on the line above: a centred line, or the flush first line
            # of a heading that filled it. Under the wrapped line of a body paragraph
            # that ended near the edge, it is a heading of its own.
            return fits or not (self.centred(above) or (above_opens and not self.indented(above)))
        if self.centred(above):
            return True
        return self.indented(line) or _marked(line.text) or fits

    def whole_heading(self, above: PdfLine, above_opens: bool) -> bool:
        """A heading's first line that the grammar reads as a whole heading (a
        category's ``…责任目标``): it ends its paragraph even where it nearly fills its
        line, so the heading set in its style below (a unit's name) is another."""
        return above_opens and bool(self.style(above)) and _whole_heading(above.text)

    def set_apart(self, above: PdfLine, line: PdfLine) -> bool:
        """A change of size, weight or font family, or more space than between lines."""
        if abs(line.size - above.size) > _SIZE_STEP or line.bold != above.bold:
            return True
        if _families_differ(line.family, above.family):
            return True
        # Lines of a larger size stand further apart: the body's space, scaled.
        extra = above.bottom - line.top - self.gap * line.size / self.size
        return line.page == above.page and extra > _EXTRA_SPACE * line.size


def _marked(text: str) -> bool:
    """Whether a line starts with a list marker (``1.``, ``（一）``, ``一、``, ``①``,
    ``第一条``, in every form the grammar's ``outline_marker`` knows): it starts a
    paragraph. ``1.5`` is a number, not a marker."""
    return grammar.regex("outline_marker").match(fold(text)) is not None


def _families_differ(one: str, other: str) -> bool:
    """Two known font families that differ (an unknown one differs from none)."""
    return bool(one and other and one != other)
