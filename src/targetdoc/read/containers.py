"""Notices as they reach users: plain text, Word documents, web pages, PDFs and scans.

Each reader turns a file's bytes into lines of text, one paragraph a line, and
names the encoding used (or the container: ``docx``, ``pdf``). The parser never
sees the container; a PDF's lines also know their page and how the page sets them.
"""

from __future__ import annotations

from html.parser import HTMLParser
from typing import TYPE_CHECKING, NamedTuple

from targetdoc.errors import InputError
from targetdoc.read.decode import decode
from targetdoc.read.kinds import (
    HTML_SUFFIXES,
    IMAGE_SUFFIXES,
    PDF_SUFFIXES,
    WORKBOOK_SUFFIXES,
    is_image,
    looks_like_own_page,
    unread_format,
)
from targetdoc.read.word import docx_text

if TYPE_CHECKING:
    from targetdoc.read.pdf import PdfText

_ZIP_MAGIC = b"PK\x03\x04"

_PDF_MAGIC = b"%PDF-"  # within the first kilobyte, as readers accept it
_BLOCKS = frozenset(
    {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "hr"}
    | {"table", "ul", "ol", "section", "article", "header", "footer"}
)
_SKIPPED = frozenset(("script", "style", "head", "title"))


class Text(NamedTuple):
    """A notice's text, one paragraph a line, and what its container said of the lines."""

    text: str
    encoding: str
    # A PDF's: the page each line starts on, and how the page sets it apart ("bold",
    # "centred", "larger", "typeface"). Empty for every other container.
    pages: tuple[int, ...] = ()
    styles: tuple[frozenset[str], ...] = ()
    page_count: int = 0
    # Where OCR read the notice: the pages it read, and the digits it was unsure of
    # (line, column, both 1-based, and its confidence).
    scanned: tuple[int, ...] = ()
    doubts: tuple[tuple[int, int, float], ...] = ()


def read_text(data: bytes, *, suffix: str, path: str) -> Text:
    """The notice's text and the encoding (or container) it came in."""
    unread = unread_format(suffix, data)
    if unread is not None:
        raise InputError(unread, path=path)
    if suffix.lower() in WORKBOOK_SUFFIXES:
        raise InputError(
            "a workbook, not a notice: give the notice (.txt, .docx, .html, .pdf); a 评分 "
            "workbook filled in is read by targetdoc score",
            path=path,
        )
    if data.startswith(_ZIP_MAGIC):
        return Text(docx_text(data, path), "docx")
    # A PDF's header may follow a little junk; a text that quotes one is no PDF.
    is_pdf = suffix.lower() in PDF_SUFFIXES and _PDF_MAGIC in data[:1024]
    if data.startswith(_PDF_MAGIC) or is_pdf:
        from targetdoc.read.pdf import pdf_text

        return _paged(pdf_text(data, path), "pdf")
    if suffix.lower() in IMAGE_SUFFIXES or is_image(data):
        from targetdoc.read.images import image_text

        return _paged(image_text(data, path), "image")
    text, encoding = decode(data, path=path)
    if suffix.lower() in HTML_SUFFIXES or _looks_like_html(text):
        if looks_like_own_page(text):
            raise InputError(
                "a page targetdoc report wrote, not a notice: parse the notice it shows",
                path=path,
            )
        return Text(html_text(text), encoding)
    return Text(text, encoding)


def _paged(read: PdfText, container: str) -> Text:
    """A PDF's or page images' paragraphs as the notice's lines."""
    lines = [paragraph.text for paragraph in read.paragraphs]
    return Text(
        "\n".join(lines) + "\n",
        container,
        tuple(paragraph.page for paragraph in read.paragraphs),
        tuple(paragraph.style for paragraph in read.paragraphs),
        read.pages,
        read.scanned,
        tuple(
            (number, index + 1, confidence)
            for number, paragraph in enumerate(read.paragraphs, start=1)
            for index, confidence in paragraph.doubts
        ),
    )


def _looks_like_html(text: str) -> bool:
    head = text.lstrip("\ufeff \t\r\n")[:200].lower()
    return head.startswith(("<!doctype html", "<html"))


class _TextOfHtml(HTMLParser):
    """Text of an HTML page, a line per block element (``<p>``, ``<div>``, ``<br>`` …)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.skipping = 0

    def _break(self) -> None:
        self.lines.append("".join(self.current))
        self.current = []

    def handle_starttag(self, tag: str, _attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self.skipping += 1
        elif tag in _BLOCKS:
            # Text before a block opens is a line of its own; white space between
            # blocks (the page's own line breaks) is not.
            if "".join(self.current).strip():
                self._break()
            self.current = []

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS and tag != "br" and not self.skipping:
            self._break()

    def handle_startendtag(self, tag: str, _attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self._break()

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.current.append(data.replace("\r", "").replace("\n", ""))


def html_text(page: str) -> str:
    """A web page's text, one block element a line."""
    parser = _TextOfHtml()
    parser.feed(page)
    parser.close()
    if "".join(parser.current).strip():
        parser._break()
    return "\n".join(parser.lines) + "\n"
