"""A PDF page's characters with their faces, and the direction its text runs.

For each character PDFium gives a box in page space; once per text object, the
font's name, weight and size, the fill and the angle (``Face``). A font's family is
its name without subset tag and style (公文 sets headings apart by family: 黑体,
楷体 against 仿宋); bold comes from the weight or the name. A page is read in the
direction most of its characters run (``Frame``), so a page stored landscape with
turned content reads upright; characters at another angle, or in a faint fill, are
a watermark's.
"""

from __future__ import annotations

import ctypes
import functools
import math
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import regex

_BOLD = 600  # a font weight this heavy or heavier is bold
_BOLD_NAME = regex.compile(r"(?i)bold|black|heavy|(?<![a-z])demi|[-,]B$")
# What follows a font's family in its name: a style, a subset or encoding number.
_STYLE_SUFFIX = regex.compile(
    r"(?i)(?:[-,_ ]?(?:bold|black|heavy|semibold|demibold|demi|medium|regular|light"
    r"|italic|oblique|PSMT|MT)|[-,_ ](?:[BR]|\d+))+$"
)
# Text set in a fill this light (every channel at least this of 255) or this
# transparent (alpha at most) is a watermark's.
_FAINT_CHANNEL = 170
_FAINT_ALPHA = 128
# A character turned this many degrees off the page's direction is turned.
_ANGLE_TOLERANCE = 2


@dataclass(frozen=True, slots=True)
class Face:
    """How one text object sets its characters."""

    family: str  # the font's name without subset tag or style: "fangsong_gb2312"
    bold: bool
    size: float
    angle: int | None  # PDFium's, degrees clockwise from the x axis: 0, 90, 180, 270
    faint: bool  # a light or transparent fill: a watermark's


@dataclass(frozen=True, slots=True)
class Glyph:
    """A character of the text layer with its box in page space; None marks a line break."""

    char: str
    left: float
    right: float
    bottom: float
    top: float
    face: Face
    gap: bool  # PDFium made up a space before it


def read_glyphs(raw: Any, text: str, pdfium_c: Any) -> Iterator[Glyph | None]:
    box = pdfium_c.FS_RECTF()
    box_ref = ctypes.byref(box)
    get_box = pdfium_c.FPDFText_GetLooseCharBox
    generated = pdfium_c.FPDFText_IsGenerated
    # The text object's address, as a plain int: one face per object.
    text_object = _address_of(pdfium_c.FPDFText_GetTextObject)
    faces = _Faces(raw, pdfium_c)
    gap = False
    last, face = -1, None
    for index, char in enumerate(text):
        if char in "\r\n":
            yield None
            gap = False
            continue
        if char == " " and generated(raw, index):
            gap = True
            continue
        key = text_object(raw, index) or 0
        if key != last or face is None:
            last, face = key, faces.of(key, index)
        get_box(raw, index, box_ref)
        yield Glyph(char, box.left, box.right, box.bottom, box.top, face, gap)
        gap = False


def _address_of(function: Any) -> Any:
    """A PDFium function returning a pointer, as one returning its address."""
    prototype = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)
    return ctypes.cast(function, prototype)


class _Faces:
    """The faces of a page's text objects, each read once, with buffers reused."""

    def __init__(self, raw: Any, pdfium_c: Any) -> None:
        self.raw, self.pdfium_c = raw, pdfium_c
        self.by_object: dict[int, Face] = {}
        self.name = ctypes.create_string_buffer(256)
        self.channels = [ctypes.c_uint() for _ in range(4)]
        self.channel_refs = [ctypes.byref(channel) for channel in self.channels]

    def of(self, text_object: int, index: int) -> Face:
        face = self.by_object.get(text_object)
        if face is None:
            face = self.by_object[text_object] = self._read(index)
        return face

    def _read(self, index: int) -> Face:
        raw, pdfium_c = self.raw, self.pdfium_c
        pdfium_c.FPDFText_GetFontInfo(raw, index, self.name, 256, None)
        family, bold_name = font_family(self.name.value.decode("latin-1"))
        weight = pdfium_c.FPDFText_GetFontWeight(raw, index)
        known = pdfium_c.FPDFText_GetFillColor(raw, index, *self.channel_refs)
        red, green, blue, alpha = (channel.value for channel in self.channels)
        light = min(red, green, blue) >= _FAINT_CHANNEL or alpha <= _FAINT_ALPHA
        angle = _square(round(math.degrees(pdfium_c.FPDFText_GetCharAngle(raw, index))) % 360)
        size = pdfium_c.FPDFText_GetFontSize(raw, index)
        return Face(family, bold_name or weight >= _BOLD, size, angle, bool(known) and light)


@functools.cache
def font_family(name: str) -> tuple[str, bool]:
    """A font's family and whether its name says bold: ``ABCDEF+SimHei`` is
    ``simhei``; ``NotoSerifCJKsc-Bold`` is ``notoserifcjksc``, bold."""
    name = name.split("+", 1)[-1]
    bold = _BOLD_NAME.search(name) is not None
    return _STYLE_SUFFIX.sub("", name).lower(), bold


def reading_angle(glyphs: list[Glyph | None]) -> int:
    """The direction most of a page's characters run in, a multiple of 90 degrees."""
    angles = Counter(
        glyph.face.angle
        for glyph in glyphs
        if glyph is not None and not glyph.face.faint and glyph.face.angle is not None
    )
    return angles.most_common(1)[0][0] if angles else 0


def _square(angle: int) -> int | None:
    """The multiple of 90 degrees an angle is, within the tolerance, else None."""
    nearest = round(angle / 90) * 90 % 360
    off = min(abs(angle - nearest), 360 - abs(angle - nearest))
    return nearest if off <= _ANGLE_TOLERANCE else None


@dataclass(frozen=True, slots=True)
class Frame:
    """Page space turned so that the page's text runs left to right, bottom up, with
    the origin at the page's lower left corner."""

    angle: int
    left: float
    bottom: float
    width: float  # of the page as stored (unturned)
    page_height: float

    @classmethod
    def of_page(cls, mediabox: tuple[float, float, float, float], angle: int) -> Frame:
        left, bottom, right, top = mediabox
        return cls(angle, left, bottom, right - left, top - bottom)

    @property
    def height(self) -> float:
        """The turned page's height, for the furniture bands."""
        return self.width if self.angle in (90, 270) else self.page_height

    def box(self, glyph: Glyph) -> tuple[float, float, float, float]:
        """left, right, bottom, top of a glyph in the turned frame."""
        x0, x1 = glyph.left - self.left, glyph.right - self.left
        y0, y1 = glyph.bottom - self.bottom, glyph.top - self.bottom
        if self.angle == 270:  # runs up the stored page (turned 90° anticlockwise)
            return y0, y1, self.width - x1, self.width - x0
        if self.angle == 180:
            return self.width - x1, self.width - x0, self.page_height - y1, self.page_height - y0
        if self.angle == 90:  # runs down the stored page
            return self.page_height - y1, self.page_height - y0, x0, x1
        return x0, x1, y0, y1
