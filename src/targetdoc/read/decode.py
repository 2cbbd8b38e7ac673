"""Bytes to text: detect the encoding, never guess silently.

Order: a byte-order mark; a charset the document declares (an HTML page's
``<meta charset>``); strict UTF-8; strict GB18030 (a superset of GBK and GB2312).
Text that decodes under none of them, or only into implausible characters, is an
input error: targetdoc never produces mojibake.
"""

from __future__ import annotations

import codecs

import regex

from targetdoc.errors import InputError
from targetdoc.read.kinds import unread_format

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_DECLARED = regex.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_-]{2,20})""", regex.I
)
# Characters a notice is made of: Han, CJK and full-width punctuation, ASCII, spaces.
_PLAUSIBLE = regex.compile(
    r"[\p{Han}\u3000-\u303f\uff00-\uffef\u2010-\u206f\x20-\x7e\t\n\r\u00a0\u00b7]"
)
# Below this share of plausible characters a decoding is taken for mojibake.
_PLAUSIBLE_SHARE = 0.97


# The encodings a declared charset may name: text encodings a notice is written in.
# Anything else (undefined, unicode_escape, rot13 …) is not a declaration to follow.
_TEXT_ENCODINGS = frozenset(
    {"utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le"}
    | {"utf-32-be", "gb18030", "gbk", "gb2312", "big5", "big5hkscs", "cp950", "hz", "ascii"}
    | {"latin-1", "iso8859-1", "cp1252", "cp936"}
)
_SURROGATE = regex.compile("[\ud800-\udfff]")


def declared_charset(data: bytes) -> str | None:
    """The text encoding an HTML page declares in its first kilobytes, if it names one."""
    match = _DECLARED.search(data[:4096])
    if match is None:
        return None
    name = match.group(1).decode("ascii").lower()
    try:
        info = codecs.lookup(name)
    except LookupError:
        return None
    return info.name if info.name in _TEXT_ENCODINGS else None


def decode(data: bytes, *, path: str, what: str = "notice") -> tuple[str, str]:
    """The text and the name of the encoding that decoded it; ``what`` the file is for
    messages (a notice, the actuals)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _checked(_strict(data, encoding, path), encoding, path), encoding
    unread = unread_format("", data)  # an Office 97 file: named, not "binary data"
    if unread is not None:
        raise InputError(unread, path=path)
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return utf16
        raise InputError(f"binary data, not a text {what} (NUL bytes)", path=path)
    declared = declared_charset(data)
    if declared is not None:
        # GBK and GB2312 pages are decoded as GB18030, their superset.
        encoding = "gb18030" if declared in {"gbk", "gb2312", "gb18030"} else declared
        return _checked(_strict(data, encoding, path), encoding, path), encoding
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        utf8_error = error
    if _looks_like_utf8(data):
        raise _decode_error(data, utf8_error, "utf-8", path)
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as error:
        raise InputError(
            "not text in UTF-8 or GB18030 (no encoding decodes it cleanly)",
            path=path,
            line=data.count(b"\n", 0, error.start) + 1,
        ) from None
    return _checked(text, "gb18030", path), "gb18030"


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text whose byte-order mark was lost: NULs beside its ASCII characters."""
    if len(data) % 2:
        return None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text and _plausible(text):
            return text, encoding
    return None


def _checked(text: str, encoding: str, path: str) -> str:
    """The text, unless the decoding gave mostly characters no notice is written in."""
    surrogate = _SURROGATE.search(text)
    if surrogate is not None:
        line = text.count("\n", 0, surrogate.start()) + 1
        raise InputError(
            f"decodes as {encoding.upper()} into a lone surrogate (U+{ord(surrogate[0]):04X}): "
            "not valid text",
            path=path,
            line=line,
        )
    if not _plausible(text):
        raise InputError(
            f"decodes as {encoding.upper()} only into unlikely characters: "
            "not a text notice in a supported encoding",
            path=path,
        )
    return text


def _strict(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise _decode_error(data, error, encoding, path) from None
    except (LookupError, UnicodeError) as error:  # a codec that decodes nothing ("undefined")
        raise InputError(f"cannot decode as {encoding}: {error}", path=path) from None


def _decode_error(data: bytes, error: UnicodeDecodeError, encoding: str, path: str) -> InputError:
    line = data.count(b"\n", 0, error.start) + 1
    byte = data[error.start]
    return InputError(
        f"not valid {encoding.upper()} (byte 0x{byte:02x} at offset {error.start})",
        path=path,
        line=line,
    )


def _looks_like_utf8(data: bytes) -> bool:
    """Broken or mixed UTF-8 rather than GB18030.

    Chinese text in UTF-8 is mostly valid three-byte sequences; GBK text reads as
    UTF-8 with about one valid three-byte sequence per 40 errors (measured on the
    sample). Many valid sequences against the errors mean UTF-8 with damage, which
    GB18030 would turn into mojibake.
    """
    text = data.decode("utf-8", errors="replace")
    errors = text.count("\ufffd")
    three_byte = sum(1 for char in text if ord(char) >= 0x800 and char != "\ufffd")
    return three_byte >= 2 and three_byte * 4 >= errors


def _plausible(text: str) -> bool:
    sample = text[:200_000]
    if not sample:
        return True
    share = len(_PLAUSIBLE.findall(sample)) / len(sample)
    return share >= _PLAUSIBLE_SHARE
