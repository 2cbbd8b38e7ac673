"""PDF notices: the text layer read with pypdfium2, one paragraph a line.

pypdfium2 (PDFium, the PDF engine of Chromium) gives each character's box, font
size and weight, and flags the spaces it made up from gaps between characters
(``FPDFText_IsGenerated``): those are dropped, so ``脱贫 10231 人`` set with
Word's spacing between Chinese and digits reads ``脱贫10231人`` again. The lines
are put back into paragraphs by ``layout``.

Refused with one message each, before any garbage reaches the parser: a scan
with no text layer, an encrypted file, a corrupt one, fonts without a usable
Unicode map, and a PDF bomb (too many pages or characters, or streams that
expand past the input limit).
"""

from __future__ import annotations

import ctypes
import os
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import regex

from targetdoc.errors import InputError
from targetdoc.read.kinds import max_input_bytes
from targetdoc.read.layout import Page, Paragraph, PdfLine, paragraphs

# What a notice's PDF may hold: pages (TARGETDOC_MAX_PDF_PAGES), and characters.
_PAGES = 2_000
_CHARACTERS_PER_PAGE = 50_000
# Streams may expand to this many times the input limit, in all.
_EXPANSION = 20
# Private use, replacement and control characters: what a font without a Unicode
# map gives. Past this share of the text, the PDF is refused.
_GARBAGE = regex.compile(r"[\p{Co}\ufffd\x00-\x08\x0b\x0c\x0e-\x1f]")
_GARBAGE_SHARE = 0.05
_STREAM = regex.compile(rb"stream\r?\n")
_BOLD = 600  # a font weight this heavy or heavier is bold


@dataclass(frozen=True)
class PdfText:
    """A PDF's paragraphs and its page count."""

    paragraphs: list[Paragraph]
    pages: int


def max_pages() -> int:
    """The most pages read: TARGETDOC_MAX_PDF_PAGES (default 2000)."""
    try:
        return max(1, int(os.environ.get("TARGETDOC_MAX_PDF_PAGES", _PAGES)))
    except ValueError:
        return _PAGES


def pdf_text(data: bytes, path: str) -> PdfText:
    """The paragraphs of a PDF notice, or an input error saying why there are none."""
    check_streams(data, path)
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        raise InputError(_load_failure(error), path=path) from None
    try:
        count = len(document)
        limit = max_pages()
        if count > limit:
            raise InputError(
                f"a PDF of {count:,} pages, past the limit of {limit:,}: refused "
                "(TARGETDOC_MAX_PDF_PAGES raises it)",
                path=path,
            )
        lines: list[PdfLine] = []
        pages: list[Page] = []
        for number in range(count):
            page = document[number]
            try:
                pages.append(Page(number + 1, page.get_height()))
                lines += _page_lines(page, number + 1, path)
            finally:
                page.close()
    except pdfium.PdfiumError as error:
        raise InputError(f"not a readable PDF: {error}", path=path) from None
    finally:
        document.close()
    _check_text(lines, count, path)
    return PdfText(paragraphs(lines, pages), count)


def _load_failure(error: Any) -> str:
    import pypdfium2.raw as pdfium_c

    code = getattr(error, "err_code", None)
    if code == pdfium_c.FPDF_ERR_PASSWORD:
        return "an encrypted PDF (it asks for a password): save an unprotected copy to read it"
    if code == pdfium_c.FPDF_ERR_SECURITY:
        return "a PDF under a security handler targetdoc cannot open"
    return "not a readable PDF: the file is corrupt or truncated"


def check_streams(data: bytes, path: str) -> None:
    """Refuse a PDF whose compressed streams expand past the limit (a PDF bomb),
    before PDFium inflates them; the check inflates in bounded steps."""
    budget = max_input_bytes() * _EXPANSION
    for start in _STREAM.finditer(data):
        inflater = zlib.decompressobj()
        chunk = data[start.end() : start.end() + 1_000_000]
        try:
            out = inflater.decompress(chunk, 65536)
            budget -= len(out)
            while inflater.unconsumed_tail and budget > 0 and not inflater.eof:
                out = inflater.decompress(inflater.unconsumed_tail, 65536)
                if not out:
                    break
                budget -= len(out)
        except zlib.error:
            continue  # not deflated (or not a stream at all): nothing to inflate
        if budget < 0:
            raise InputError(
                "a PDF whose streams expand past "
                f"{max_input_bytes() * _EXPANSION:,} bytes: refused as a PDF bomb",
                path=path,
            )


def _page_lines(page: Any, number: int, path: str) -> Iterator[PdfLine]:
    """A page's visual lines, top to bottom, each left to right."""
    import pypdfium2.raw as pdfium_c

    textpage = page.get_textpage()
    try:
        raw = textpage.raw
        count = textpage.count_chars()
        if count > _CHARACTERS_PER_PAGE:
            raise InputError(
                f"page {number} holds {count:,} characters: not a notice's page", path=path
            )
        text = textpage.get_text_range(0, count) if count else ""
        if len(text) != count:  # characters beyond the BMP: one call each
            text = "".join(chr(pdfium_c.FPDFText_GetUnicode(raw, i)) for i in range(count))
        runs = list(_runs(raw, text, pdfium_c))
    finally:
        textpage.close()
    yield from _lines(runs, number)


@dataclass(slots=True)
class _Run:
    """Characters PDFium put on one line, between its generated line breaks."""

    chars: list[str]
    widths: list[float]
    left: float
    right: float
    bottom: float
    top: float
    size: float
    bold: bool


def _runs(raw: Any, text: str, pdfium_c: Any) -> Iterator[_Run]:
    box = pdfium_c.FS_RECTF()
    get_box = pdfium_c.FPDFText_GetLooseCharBox
    generated = pdfium_c.FPDFText_IsGenerated
    run: _Run | None = None
    gap = False  # a space PDFium made up stands before this character
    for index, char in enumerate(text):
        if char in "\r\n":
            if run is not None:
                yield run
            run, gap = None, False
            continue
        if char == " " and generated(raw, index):
            gap = True
            continue
        get_box(raw, index, ctypes.byref(box))
        if run is None:
            size = pdfium_c.FPDFText_GetFontSize(raw, index)
            weight = pdfium_c.FPDFText_GetFontWeight(raw, index)
            run = _Run([], [], box.left, box.right, box.bottom, box.top, size, weight >= _BOLD)
        elif gap and _word_space(run.chars[-1], char, box.left - run.right, run.size):
            run.chars.append(" ")
            run.widths.append(box.left - run.right)
        gap = False
        run.chars.append(char)
        run.widths.append(box.right - box.left)
        run.right = max(run.right, box.right)
        run.bottom = min(run.bottom, box.bottom)
        run.top = max(run.top, box.top)
    if run is not None:
        yield run


def _word_space(before: str, after: str, gap: float, size: float) -> bool:
    """Whether a gap PDFium filled with a space was a space of the text: after
    half-width punctuation (``12. 科技``, ``管理, 完成``) or between Latin words, and
    wide enough. Word's and LibreOffice's spacing between Chinese and digits
    (``脱贫 10231 人``) and justification are not."""
    if gap < 0.2 * size:
        return False
    return before in ",.;:!?" or (before.isascii() and before.isalnum() and after.isascii())


def _lines(runs: list[_Run], page: int) -> Iterator[PdfLine]:
    """Runs on one baseline make one line (PDFium may break a line at a subscript,
    or give a page's footer first): ordered by position, not by the text's order."""
    runs = [run for run in runs if "".join(run.chars).strip()]
    runs.sort(key=lambda run: (-run.top, run.left))
    line: list[_Run] = []
    for run in runs:
        if line and abs(run.top - line[0].top) > 0.5 * min(run.size, line[0].size):
            yield _line(line, page)
            line = []
        line.append(run)
    if line:
        yield _line(line, page)


def _line(runs: list[_Run], page: int) -> PdfLine:
    runs.sort(key=lambda run: run.left)
    chars = [char for run in runs for char in run.chars]
    widths = [width for run in runs for width in run.widths]
    # Spaces the PDF holds at a line's start are layout; at its end they are text
    # (``12. `` wrapped before ``科技``).
    text = "".join(chars)
    lead = len(text) - len(text.lstrip())
    text = text[lead:]
    widths = widths[lead:]
    first = runs[0]
    return PdfLine(
        page=page,
        text=text,
        left=first.left,
        right=max(run.right for run in runs),
        bottom=min(run.bottom for run in runs),
        top=max(run.top for run in runs),
        size=max(run.size for run in runs),
        bold=first.bold,
        widths=tuple(widths),
    )


def _check_text(lines: list[PdfLine], pages: int, path: str) -> None:
    """Refuse a PDF with no text layer, or one whose text is not text."""
    characters = sum(len(line.text) for line in lines)
    if characters == 0:
        raise InputError(
            f"a PDF of {pages} page{'s' if pages != 1 else ''} with no text layer "
            "(a scan?): run OCR on it first, e.g. `ocrmypdf -l chi_sim notice.pdf out.pdf`",
            path=path,
        )
    garbage = sum(len(_GARBAGE.findall(line.text)) for line in lines)
    if garbage > _GARBAGE_SHARE * characters:
        raise InputError(
            f"a PDF whose fonts have no usable Unicode map: {garbage:,} of its "
            f"{characters:,} characters are private-use or unknown, so its text "
            "cannot be read (run OCR on it, or ask for the notice as text)",
            path=path,
        )
