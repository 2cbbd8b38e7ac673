"""Scanned pages and image files: OCR's text boxes as the ``PdfLine``s layout takes.

The ``ocr`` extra (``pip install targetdoc[ocr]``) brings rapidocr-onnxruntime:
PP-OCRv4's Chinese detection and recognition models inside its wheel, run on
onnxruntime's CPU build, offline (docs/ocr.md says why this engine). Each box it
finds is one line of text; boxes on one baseline make one ``PdfLine``, in PDF points
(``y`` growing up the page), so paragraphs, furniture and headings are read as the
text layer's are. OCR knows no font, weight or family: a line's size is measured
(from its characters' pitch, or its box's height where it holds few), and
``settle_sizes`` puts every line within a step of the body's at the body's size, or
a scan's noise would set every line apart. A slight skew is measured from the boxes
and turned back, so a column's left edge stays one edge down the page.

A digit read with less confidence than ``DOUBT`` is kept as a doubt on its line
(``PdfLine.doubts``): the parse makes it a finding at its item (TD110), never silent.
"""

from __future__ import annotations

import functools
import importlib.util
import math
import statistics
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import regex

from targetdoc.read.layout import Column, PdfLine, in_band

if TYPE_CHECKING:
    from PIL.Image import Image

# What ``pip install`` brings the engine with: named in every message that needs it.
INSTALL = "pip install targetdoc[ocr]"
# A digit OCR gives less confidence than this is a doubt (a finding at its item).
DOUBT = 0.9
# Pages are rendered at their scan's resolution first (else this one); where the body's
# characters come out smaller than ``_LEAST_PIXELS`` (or larger than ``_MOST_PIXELS``)
# high, once more at the resolution that sets them ``_BEST_PIXELS`` high, within the
# bounds.
DPI = 200.0
_LEAST_PIXELS = 30.0
_MOST_PIXELS = 90.0
_BEST_PIXELS = 44.0
_DPI_BOUNDS = (100.0, 400.0)
# The engine reduces a larger image to this many pixels on its long side.
_MAX_SIDE = 4000
# A line's size is its characters' pitch where it holds this many ems at least.
_PITCH_EMS = 4.0
# A scanned page among text pages is fitted to their column where it holds this many
# lines at least, and its own column is within this share of their column's width.
_FIT_LINES = 5
_FIT_WIDTH = 0.1
# Lines within this share of the body's size are set in it.
_SIZE_TOLERANCE = 0.15
# A box this many times wider than high measures the page's skew; past this many
# degrees, a skew is no slight one and is left as it is.
_LONG_BOX = 5.0
_MOST_SKEW = 5.0
_DIGITS = frozenset("0123456789０１２３４５６７８９")
# Characters OCR reads for others that a notice never holds: 丶 (a radical) for the
# enumeration comma 、; and at a line's start, a colon after an item's number for the
# full-width stop (``16：万元`` for ``16．万元``: a notice numbers no line so).
_CONFUSED = str.maketrans({"丶": "、"})
_NUMBER_COLON = regex.compile(r"^(\d{1,3})[：:](?=\p{Han})")
# and a section's number in Chinese numerals whose opening bracket OCR lost (``二）一般
# 目标`` for ``（二）一般目标``: a notice opens no line with a bracket it never opened).
_NUMERAL_CLOSED = regex.compile(r"^(?=[一二三四五六七八九十]{1,3}）)")
# OCR puts spaces between Latin characters it reads apart (``</ sub>``): a space
# stays only between two letters or digits.
_STRAY_SPACE = regex.compile(r"(?<![A-Za-z0-9]) +| +(?![A-Za-z0-9])")
# Points whose opening bracket was left alone at the end of the line above by a
# justified line (``浓度削减率目标（`` over ``40分）；``): OCR does not see a lone
# bracket, so a line opening with such points gets it back on the line above.
_BARE_NUMBER = regex.compile(r"[-—–~一\s.]*\d{1,4}[-—–~一\s.]*")
_POINTS_CLOSED = regex.compile(r"^\d+(?:\.\d+)?分[）)]")


def available() -> bool:
    """Whether the ``ocr`` extra is installed."""
    return importlib.util.find_spec("rapidocr_onnxruntime") is not None


@functools.cache
def _engine() -> Any:
    """The engine, loaded once a process (its models take a fifth of a second)."""
    from rapidocr_onnxruntime import RapidOCR

    # No angle classifier: a notice's lines are upright (a page turned whole is turned
    # back by its boxes' shape, not by this), and it costs a tenth of the time.
    return RapidOCR(max_side_len=_MAX_SIDE, use_cls=False)


@dataclass(frozen=True, slots=True)
class _Box:
    """One of OCR's text boxes, corners turned back by the page's skew (pixels, y down)."""

    text: str
    confidences: tuple[float, ...]
    left: float
    right: float
    top: float
    bottom: float

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


def read_page(
    render: Callable[[float], Image], page: int, scanned_at: float | None = None
) -> list[PdfLine]:
    """A page's lines, rendered by ``render(dpi)`` at the resolution its body size asks:
    first at the scan's own (``scanned_at``, within bounds; else ``DPI``), so that its
    pixels are not resampled; again where the body comes out too small or too large."""
    low, high = _DPI_BOUNDS
    first = min(high, max(low, scanned_at or DPI))
    lines = image_lines(render(first), page, first)
    if not lines:
        return lines
    pixels = body_size(lines) * first / 72
    if _LEAST_PIXELS <= pixels <= _MOST_PIXELS:
        return lines
    dpi = min(high, max(low, first * _BEST_PIXELS / pixels))
    return image_lines(render(dpi), page, dpi) if abs(dpi - first) > 1 else lines


def image_lines(image: Image, page: int, dpi: float) -> list[PdfLine]:
    """An image's lines in PDF points (at ``dpi``), top to bottom, sizes as measured."""
    import numpy

    # The engine's own input, as scanned: binarising (Otsu's threshold, after a median
    # filter) found more thin marks on grey noisy paper but misread more characters
    # (docs/ocr.md).
    found, _ = _engine()(numpy.asarray(image.convert("RGB")), return_word_box=True)
    height = image.height
    boxes = list(_boxes(found or [], (image.width / 2, height / 2)))
    scale = 72 / dpi
    lines = [_line(same, page, height, scale) for same in _baselines(boxes)]
    return _bracketed([line for line in lines if not _page_number(line, height * scale)])


def _page_number(line: PdfLine, height: float) -> bool:
    """A bare number in a page's top or bottom band: its page number, whose dashes
    (``- 20 -``) OCR often does not see."""
    return _BARE_NUMBER.fullmatch(line.text) is not None and in_band(line, height)


def _bracketed(lines: list[PdfLine]) -> list[PdfLine]:
    """Lines with the opening bracket of points that start a line put back at the end
    of the line above, where that line leaves no bracket open."""
    found = list(lines)
    for index in range(1, len(found)):
        above, line = found[index - 1], found[index]
        if _POINTS_CLOSED.match(line.text) is None:
            continue
        if above.text.count("（") + above.text.count("(") > above.text.count(
            "）"
        ) + above.text.count(")"):
            continue
        found[index - 1] = replace(
            above, text=above.text + "（", widths=(*above.widths, above.size)
        )
    return found


def _boxes(found: Sequence[Any], centre: tuple[float, float]) -> Iterator[_Box]:
    """OCR's boxes with text, turned back by the skew their long boxes show."""
    angle = _skew(found)
    cos, sin = math.cos(-angle), math.sin(-angle)
    cx, cy = centre
    for corners, text, _, _, _, sure in found:
        cleaned = text.translate(_CONFUSED)
        kept = _STRAY_SPACE.sub("", cleaned)
        if not kept.strip():
            continue
        # Each kept character keeps its own confidence.
        confidences = [c for c, keep in zip(sure, _kept(cleaned), strict=False) if keep]
        turned = [
            (cx + (x - cx) * cos - (y - cy) * sin, cy + (x - cx) * sin + (y - cy) * cos)
            for x, y in corners
        ]
        xs, ys = [x for x, _ in turned], [y for _, y in turned]
        yield _Box(
            kept,
            tuple(float(c) for c in confidences)[: len(kept)],
            min(xs),
            max(xs),
            min(ys),
            max(ys),
        )


def _kept(text: str) -> list[bool]:
    """Which characters of a text ``_STRAY_SPACE`` keeps."""
    keep = [True] * len(text)
    for match in _STRAY_SPACE.finditer(text):
        for index in range(match.start(), match.end()):
            keep[index] = False
    return keep


def _skew(found: Sequence[Any]) -> float:
    """The page's skew in radians (clockwise, y down): the median slope of its long boxes'
    top edges; 0 where it has none, or the slope is past a slight one."""
    slopes = []
    for corners, *_ in found:
        (x0, y0), (x1, y1) = corners[0][:2], corners[1][:2]
        height = math.dist(corners[0], corners[3])
        if x1 - x0 > _LONG_BOX * max(height, 1.0):
            slopes.append(math.atan2(y1 - y0, x1 - x0))
    if not slopes:
        return 0.0
    angle = statistics.median(slopes)
    return angle if abs(math.degrees(angle)) <= _MOST_SKEW else 0.0


def _baselines(boxes: list[_Box]) -> Iterator[list[_Box]]:
    """Boxes whose middles stand within half a box's height of each other, left to right."""
    line: list[_Box] = []
    for box in sorted(boxes, key=lambda box: (box.middle, box.left)):
        if line and abs(box.middle - line[0].middle) > 0.5 * (line[0].bottom - line[0].top):
            yield sorted(line, key=lambda box: box.left)
            line = []
        line.append(box)
    if line:
        yield sorted(line, key=lambda box: box.left)


def _ems(text: str) -> float:
    """How many ems a text is wide: full-width characters one, the rest a half."""
    return sum(0.5 if char.isascii() else 1.0 for char in text)


def _line(boxes: list[_Box], page: int, height: float, scale: float) -> PdfLine:
    """One line of boxes in PDF points; its size is measured, its height one em."""
    text = ""
    confidences: list[float] = []
    for box in boxes:
        if text and text[-1].isascii() and text[-1].isalnum() and box.text[0].isascii():
            text += " "
            confidences.append(1.0)
        text += box.text
        confidences += list(box.confidences) + [1.0] * (len(box.text) - len(box.confidences))
    text = _NUMBER_COLON.sub(r"\1．", text)  # one character for one: confidences stay
    if _NUMERAL_CLOSED.match(text):
        text, confidences = "（" + text, [1.0, *confidences]
    left, right = boxes[0].left, max(box.right for box in boxes)
    ems = _ems(text)
    tall = statistics.median(box.bottom - box.top for box in boxes)
    # A long line's pitch is its size to a few per cent; a short one's box may be
    # taller than an em (brackets) or its pitch wider (a character OCR missed), so
    # the smaller of the two.
    pitch = (right - left) / ems if ems else tall
    size = pitch if ems >= _PITCH_EMS else min(pitch, tall)
    middle = height - statistics.median(box.middle for box in boxes)
    em = size * scale
    # Each character's advance: its ems of the line's width (OCR gives no glyph boxes
    # one can trust to a point).
    unit = (right - left) * scale / ems if ems else em
    return PdfLine(
        page=page,
        text=text,
        left=left * scale,
        right=right * scale,
        bottom=middle * scale - em / 2,
        top=middle * scale + em / 2,
        size=em,
        bold=False,
        widths=tuple(unit * (0.5 if char.isascii() else 1.0) for char in text),
        doubts=tuple(
            (index, round(confidence, 2))
            for index, (char, confidence) in enumerate(zip(text, confidences, strict=True))
            if char in _DIGITS and confidence < DOUBT
        ),
    )


def body_size(lines: Sequence[PdfLine]) -> float:
    """The size most of the lines' characters are set in (to a half point)."""
    weights: dict[float, int] = {}
    for line in lines:
        size = round(line.size * 2) / 2
        weights[size] = weights.get(size, 0) + len(line.text)
    return max(weights, key=lambda size: weights[size]) if weights else 0.0


def settle_sizes(lines: Sequence[PdfLine], body: float | None = None) -> list[PdfLine]:
    """OCR's lines with sizes settled: measured sizes within a step of each other are one
    size (the middle of them, by characters), the body's where it is among them
    (``body``: the text layer's, where the notice has one); each line one em high.
    Without this, a scan's noise would set every line apart from the next."""
    body = body or _ocr_body(lines)
    sizes = {line.size for line in lines}
    settled_size: dict[float, float] = {}
    group: list[float] = []
    for size in sorted(sizes):
        if group and size > group[0] * (1 + _SIZE_TOLERANCE):
            settled_size.update(_one_size(group, lines, body))
            group = []
        group.append(size)
    if group:
        settled_size.update(_one_size(group, lines, body))
    settled = []
    for line in lines:
        size = settled_size[line.size]
        middle = (line.top + line.bottom) / 2
        settled.append(replace(line, size=size, top=middle + size / 2, bottom=middle - size / 2))
    return settled


def _one_size(group: list[float], lines: Sequence[PdfLine], body: float) -> dict[float, float]:
    """The one size of a group of measured sizes: the body's if it is among them, else
    their middle by characters, to a half point."""
    if any(abs(size - body) <= _SIZE_TOLERANCE * body for size in group):
        return dict.fromkeys(group, body)
    members = set(group)
    weighted = sorted(
        size for line in lines if line.size in members for size in [line.size] * len(line.text)
    )
    middle = round(statistics.median(weighted) * 2) / 2 if weighted else group[0]
    return dict.fromkeys(group, middle)


def _ocr_body(lines: Sequence[PdfLine]) -> float:
    """The body's size among measured sizes: the middle of those within the tolerance of
    the commonest, weighted by characters."""
    near = body_size(lines)
    sizes = sorted(
        size
        for line in lines
        if abs(line.size - near) <= _SIZE_TOLERANCE * near
        for size in [line.size] * len(line.text)
    )
    return round(statistics.median(sizes) * 2) / 2 if sizes else near


def fit_to_column(lines: Sequence[PdfLine], text: Sequence[PdfLine]) -> list[PdfLine]:
    """A scanned page's lines (of one page) moved and scaled across so that its column
    is the text pages' (``text``): OCR's boxes are not glyphs' advances, and a scan
    lies a little off, so a mixed PDF's column would otherwise be measured wider than
    either and its centred headings not centred. A page of few lines, or whose column
    is no width like theirs, is left as it is."""
    if len(lines) < _FIT_LINES or not text:
        return list(lines)
    theirs, mine = Column.measure(text), Column.measure(lines)
    width = mine.right - mine.left
    scale = (theirs.right - theirs.left) / width if width > 0 else 0.0
    if abs(scale - 1) > _FIT_WIDTH:
        return list(lines)

    def x(value: float) -> float:
        return theirs.left + (value - mine.left) * scale

    return [
        replace(
            line,
            left=x(line.left),
            right=x(line.right),
            widths=tuple(width * scale for width in line.widths),
        )
        for line in lines
    ]
