"""Variants of the sample as notices reach users, each to be read to the same records.

Run ``python tests/variants.py OUTDIR`` to write them all as files; the tests build
them in memory. Every variant keeps the sample's lines one for one, so the records'
line spans stay the same and only ``source`` may differ.
"""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Callable
from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "raw" / "sanmenxia-2020.txt"

_RULE = re.compile(r"^\s*-{3,}\s*$")
_HEADING = re.compile(r"^#+\s*")
_TAG = re.compile(r"</?sub>")
_FULL_WIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")


def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


def without_marks(text: str) -> str:
    """As pdftotext or a web page copy gives it: no #, no **, no ---, no tags."""
    lines = []
    for line in text.split("\n"):
        unmarked = "" if _RULE.match(line) else _HEADING.sub("", line)
        lines.append(_TAG.sub("", unmarked.replace("**", "")))
    return "\n".join(lines)


def full_width_digits(text: str) -> str:
    return text.translate(_FULL_WIDTH_DIGITS)


def ideographic_spaces(text: str) -> str:
    return text.replace(" ", "\u3000")


def no_break_spaces(text: str) -> str:
    return text.replace(" ", "\u00a0")


def zero_width(text: str) -> str:
    """A zero-width space after every seventh character, a BOM-like joiner on some lines."""
    out = []
    for index, char in enumerate(text):
        out.append(char)
        if index % 7 == 6 and char != "\n":
            out.append("\u200b")
    return "".join(out)


def crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


def cr(text: str) -> str:
    return text.replace("\n", "\r")


# name → bytes of the variant
ENCODED: dict[str, Callable[[str], bytes]] = {
    "gb18030": lambda text: text.encode("gb18030"),
    "gbk": lambda text: text.encode("gbk"),
    "utf-8-bom": lambda text: text.encode("utf-8-sig"),
    "utf-16": lambda text: text.encode("utf-16"),
    "crlf": lambda text: crlf(text).encode("utf-8"),
    "cr": lambda text: cr(text).encode("utf-8"),
    "crlf-gb18030": lambda text: crlf(text).encode("gb18030"),
    "plain": lambda text: without_marks(text).encode("utf-8"),
    "full-width-digits": lambda text: full_width_digits(text).encode("utf-8"),
    "ideographic-spaces": lambda text: ideographic_spaces(text).encode("utf-8"),
    "no-break-spaces": lambda text: no_break_spaces(text).encode("utf-8"),
    "zero-width": lambda text: zero_width(text).encode("utf-8"),
}


def html_page(text: str) -> bytes:
    """A government site's page: GBK-declared charset, a <p> per line."""
    from html import escape

    body = "\n".join(f"<p>{escape(line)}</p>" for line in without_marks(text).split("\n"))
    page = (
        '<!DOCTYPE html>\n<html><head><meta http-equiv="Content-Type" '
        'content="text/html; charset=gbk"><title>三门峡市人民政府</title>'
        "<style>p { margin: 0 }</style></head>\n"
        f"<body>\n{body}\n</body></html>\n"
    )
    return page.encode("gbk")


def docx_document(text: str) -> bytes:
    """A Word document with one paragraph per line, built with python-docx."""
    from docx import Document

    document = Document()
    for line in without_marks(text).split("\n"):
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def write_all(folder: Path) -> list[Path]:
    """Every variant as a file in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    text = sample_text()
    written = []
    for name, encode in ENCODED.items():
        path = folder / f"sanmenxia-2020.{name}.txt"
        path.write_bytes(encode(text))
        written.append(path)
    for suffix, build in ((".html", html_page), (".docx", docx_document)):
        path = folder / f"sanmenxia-2020{suffix}"
        path.write_bytes(build(text))
        written.append(path)
    return written


if __name__ == "__main__":
    for path in write_all(Path(sys.argv[1] if len(sys.argv) > 1 else "build/variants")):
        print(path)
