"""Cleaning and width folding of notice lines.

Two layers, so records keep the notice's wording while patterns see one spelling:

* ``clean`` removes what is not wording: heading marks (``## ``), emphasis (``**``),
  inline tags (``PM<sub>2.5</sub>`` becomes ``PM2.5``), invisible characters, the
  width of digits, letters and spaces, and trailing white space. Records are built
  from cleaned text.
* ``fold`` maps every character to exactly one character (full-width digits,
  letters and brackets to ASCII, ideographic and no-break spaces to a space,
  traditional characters to simplified ones), so an offset into the folded text is
  the same offset into the cleaned text.
"""

from __future__ import annotations

import functools
import re
import unicodedata

import regex

from targetdoc.read.traditional import simplified

# Zero-width space, joiners, word joiner, soft hyphen, byte-order mark, and the
# bidirectional marks and controls (U+200E, U+200F, U+202A-U+202E, U+2066-U+2069, U+061C)
# carry no wording: two names that look alike must be alike, or waivers and roll-ups
# would not find them.
_INVISIBLE = regex.compile(
    "[\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]"
)
# Combining marks (the common blocks): composed where they can be (NFC), else noise.
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_COMBINING = regex.compile(r"\p{M}+")
# Controls (tab aside) and the line and paragraph separators are blanks in a line of text:
# YAML would read NEL (U+0085) back as a line break.
_CONTROL = regex.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
# Either of the two above; most lines have neither (stdlib re: docs/performance.md).
_HIDDEN = re.compile(_INVISIBLE.pattern + "|" + _CONTROL.pattern + f"|[{_MARKS}]")
# A line that is only a thematic break (``---``, ``***``, ``___``).
_RULE_ONLY = regex.compile(r"^\s*([-*_])(\s*\1){2,}\s*$")
# Heading marks at the start of a line, emphasis anywhere, inline HTML tags
# (PM<sub>2.5</sub> is PM2.5). Texts hold lines joined by "\n": no pattern crosses one.
_HEADING_MARKS = regex.compile(r"(?m)^(?=[# \t])[^\S\n]{0,3}#{1,6}(?=[^\S\n]|$)[^\S\n]*")
_MARKUP = regex.compile(r"\*\*|__|</?[A-Za-z][A-Za-z0-9]*[^\S\n]*/?>")
# The pinyin a converter site glosses traditional characters with, 鄉(xiāng)鎮(zhèn): no
# wording of the document (a tone mark tells a gloss from a bracketed Latin word).
_PINYIN_GLOSS = regex.compile(
    r"(?<=\p{Han})\((?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ]{1,7}\)"
)

# Spaces of every width are a space.
_SPACES = dict.fromkeys((0x3000, 0x00A0, 0x2002, 0x2003, 0x2009, 0x202F, 0x205F), " ")
# Digits and Latin letters carry no wording in their width: ３.８万人 is 3.8万人.
_DIGITS_AND_LETTERS = {
    code: chr(code - 0xFEE0)
    for start, end in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
    for code in range(start, end + 1)
}
_CLEAN_WIDTH = {**_SPACES, **_DIGITS_AND_LETTERS}
# For matching, every full-width form folds: （ → (, ； → ;, ％ → %.
_FOLD = {**{code: chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)}, **_SPACES}


# Characters beyond the Basic Multilingual Plane: a few traditional ones are.
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


@functools.cache
def _folding() -> tuple[dict[int, str], re.Pattern[str], dict[int, str]]:
    """The fold table with the traditional characters (繁體 → 简体), a scanner for the
    characters it changes in the Basic Multilingual Plane, and the table of the rest.

    The scanner is the stdlib ``re`` (docs/performance.md) over a class of BMP
    characters only, which compiles to a bitmap: one astral character in the class
    would make it a list, searched entry by entry at every character of a notice.
    Built at the first fold, so that commands which read no notice do not pay for it.
    """
    table = {**simplified(), **_FOLD}
    plane = "".join(chr(code) for code in table if code <= 0xFFFF)
    astral = {code: char for code, char in table.items() if code > 0xFFFF}
    return table, re.compile("[" + re.escape(plane) + "]"), astral


def is_markup_only(line: str) -> bool:
    """A thematic break such as ``---`` is layout, not part of any record."""
    return bool(_RULE_ONLY.match(line))


def visible(line: str) -> str:
    """The line without invisible characters, controls as spaces: what a reader sees.

    Text is composed (NFC) first, so é written as e and a combining accent stays é;
    a combining mark that composes with nothing (on a Han character) is dropped.
    """
    if _HIDDEN.search(line) is None:
        return line
    if _COMBINING.search(line) is not None:
        line = str(_COMBINING.sub("", unicodedata.normalize("NFC", line)))
    return str(_CONTROL.sub(" ", _INVISIBLE.sub("", line)))


def clean_and_fold_lines(text: str) -> tuple[list[str], list[str]]:
    """The wording of each line of a text, and each line's wording folded.

    ``text`` holds lines joined by "\n" (no other line break). Markup goes in a few
    passes over the whole text; then one search finds each foldable character the
    text has, which is folded everywhere and, if it is a wide digit, letter or
    space, cleaned too (folding keeps blanks blank, so it commutes with trimming).
    A notice uses a handful of those characters (docs/performance.md). A property
    test checks the result against cleaning and folding each line by their
    definitions.
    """
    text = visible(text)
    if "#" in text:
        text = _HEADING_MARKS.sub("", text)
    if "**" in text or "__" in text or "<" in text:
        text = str(_MARKUP.sub("", text))
    if "(" in text:
        text = str(_PINYIN_GLOSS.sub("", text))
    folded = text
    table, foldable, astral = _folding()
    match = foldable.search(folded)
    while match:  # each search resumes where the last stopped: all before it is gone
        char = match.group()
        folded = folded.replace(char, table[ord(char)])
        if ord(char) in _CLEAN_WIDTH:
            text = text.replace(char, _CLEAN_WIDTH[ord(char)])
        match = foldable.search(folded, match.start())
    if _ASTRAL.search(folded) is not None:
        folded = folded.translate(astral)
    return (
        [line.strip() for line in text.split("\n")],
        [line.strip() for line in folded.split("\n")],
    )


def fold(text: str) -> str:
    """Full-width forms to ASCII and traditional characters to simplified ones, one
    character for one, so offsets carry over."""
    return text.translate(_folding()[0])


def is_cjk(char: str) -> bool:
    """Han ideographs and CJK punctuation join without a space across a line break."""
    code = ord(char)
    return (
        0x3000 <= code <= 0x303F
        or 0x3400 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0xFF00 <= code <= 0xFFEF
        or 0x2E80 <= code <= 0x2FDF
        or 0x20000 <= code <= 0x3FFFF
        or char in "“”‘’—…·"
    )


def display_width(text: str) -> int:
    """Columns a terminal or a spreadsheet gives the text: wide (CJK) characters take two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


_LIST_SEPARATOR = regex.compile(r"[,;。]")


def split_list(text: str) -> list[str]:
    """Names listed with commas or semicolons (full or half width), as written: 、 stays inside."""
    cuts = (edge for m in _LIST_SEPARATOR.finditer(fold(text)) for edge in m.span())
    bounds = [0, *cuts, len(text)]
    parts = (text[start:end].strip() for start, end in zip(bounds[::2], bounds[1::2], strict=True))
    return [part for part in parts if part]


def join_lines(parts: list[str]) -> str:
    """Join cleaned lines broken by the PDF: no space where either side is CJK."""
    text = ""
    for part in parts:
        if not part:
            continue
        if text and not (is_cjk(text[-1]) or is_cjk(part[0])):
            text += " "
        text += part
    return text
