"""PDF notices: the text layer read with pypdfium2, one paragraph a line.

pypdfium2 (PDFium, the PDF engine of Chromium) gives each character's box and face
(``glyphs``), and flags the spaces it made up from gaps between characters
(``FPDFText_IsGenerated``): those are dropped, so ``脱贫 10231 人`` set with
Word's spacing between Chinese and digits reads ``脱贫10231人`` again. Characters
make runs, runs on one baseline make lines, and ``layout`` puts the lines back
into paragraphs.

A page with no text layer but its page number, that shows an image (a scanned
page), is read by OCR (``ocr``, the ``ocr`` extra) into the same lines; without the
extra, the PDF is refused with the command that installs it.

Refused with one message each, before any garbage reaches the parser: a PDF with
no text at all, an encrypted file, a corrupt one, fonts without a usable
Unicode map, a page set in two columns, and a PDF bomb (too many pages,
characters or streams, or streams that expand past the input limit).
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import regex

from targetdoc import grammar
from targetdoc.errors import InputError
from targetdoc.read.glyphs import Frame, Glyph, read_glyphs, reading_angle
from targetdoc.read.kinds import max_input_bytes
from targetdoc.read.layout import Page, Paragraph, PdfLine, paragraphs
from targetdoc.read.progress import page_read

# What a notice's PDF may hold: pages (TARGETDOC_MAX_PDF_PAGES), and characters, on a
# page and in all (the sample's 80 pages hold 34,000; pages that share one content
# stream would otherwise each be read whole, for minutes).
_PAGES = 2_000
_CHARACTERS_PER_PAGE = 50_000
_CHARACTERS = 400_000
# Streams may expand to this many times the input limit, in all; at most this many
# streams are looked at.
_EXPANSION = 20
_STREAMS = 200_000
# Private use, replacement and control characters: what a font without a Unicode
# map gives. Past this share of the text, the PDF is refused.
_GARBAGE = regex.compile(r"[\p{Co}\ufffd\x00-\x08\x0b\x0c\x0e-\x1f]")
_GARBAGE_SHARE = 0.05
_STREAM = regex.compile(rb"stream\r?\n")
# A stream's dictionary names its filters within this many bytes before ``stream``.
_DICTIONARY = 2_048
_CHUNK = 65_536  # inflated this many bytes at a time
_FLATE = regex.compile(rb"/(?:FlateDecode|Fl)\b")
_HAN = regex.compile(r"\p{Han}")
# A run this many times larger or smaller than a line's is no part of it.
_SIZE_APART = 2.0
# Two columns: runs side by side on one baseline in this many rows, on either side of
# an x in the middle of the measure (not in its outer fractions) that at most this
# share of the runs cross; a page where most runs are wider than this share of the
# measure is in one column.
_COLUMN_ROWS = 8
_MIDDLE = 0.3
_CROSSING = 0.2
_WIDE = 0.6


@dataclass(frozen=True)
class PdfText:
    """A PDF's paragraphs, its page count and the pages OCR read."""

    paragraphs: list[Paragraph]
    pages: int
    scanned: tuple[int, ...] = ()


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
        scanned: list[int] = []  # the pages read by OCR
        budget = [_CHARACTERS]
        for number in range(count):
            page = document[number]
            try:
                found, height = _page_lines(page, number + 1, path, budget)
                if _is_scan(page, found):
                    scanned.append(number + 1)
                    found = _scanned_lines(page, number + 1) if ocr_available() else []
            finally:
                page.close()
            pages.append(Page(number + 1, height))
            lines += found
            page_read(number + 1, count)
    except pdfium.PdfiumError as error:
        raise InputError(f"not a readable PDF: {error}", path=path) from None
    finally:
        document.close()
    if scanned and not ocr_available():
        raise InputError(_needs_ocr(scanned, count), path=path)
    if scanned:
        lines = _settled(lines, set(scanned))
    _check_text(lines, count, path)
    return PdfText(paragraphs(lines, pages), count, tuple(scanned))


def _is_scan(page: Any, lines: list[PdfLine]) -> bool:
    """A page with no text but its page number, that shows an image (a scanned page)."""
    import pypdfium2.raw as pdfium_c

    page_number = grammar.regex("page_number").match
    if any(page_number(line.text.strip()) is None for line in lines):
        return False
    return next(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]), None) is not None


def ocr_available() -> bool:
    """Whether the ``ocr`` extra is installed (its module says)."""
    from targetdoc.read import ocr

    return ocr.available()


def _needs_ocr(scanned: list[int], pages: int) -> str:
    """Why a PDF with scanned pages is refused without the ``ocr`` extra, and what to do."""
    from targetdoc.read import ocr

    if len(scanned) == pages:
        what = f"a PDF of {pages} page{'s' if pages != 1 else ''} with no text layer (a scan)"
    else:
        listed = ", ".join(map(str, scanned[:5])) + (" …" if len(scanned) > 5 else "")
        what = f"a PDF whose page{'s' if len(scanned) > 1 else ''} {listed} of {pages} "
        what += f"{'are scans' if len(scanned) > 1 else 'is a scan'} with no text layer"
    return (
        f"{what}: reading it needs OCR, `{ocr.INSTALL}` "
        "(or run `ocrmypdf -l chi_sim notice.pdf out.pdf` first)"
    )


def _scanned_lines(page: Any, number: int) -> list[PdfLine]:
    """A scanned page's lines, read by OCR at the resolution its body size asks."""
    from targetdoc.read import ocr

    return ocr.read_page(
        lambda dpi: page.render(scale=dpi / 72).to_pil(), number, _scan_resolution(page)
    )


def _scan_resolution(page: Any) -> float | None:
    """The resolution of the largest image on a page, in dots per inch across (its
    pixels over its width on the page): rendered at it, a scan is not resampled."""
    import pypdfium2.raw as pdfium_c

    best: tuple[float, float] | None = None
    for image in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]):
        left, bottom, right, top = image.get_bounds()
        area = (right - left) * (top - bottom)
        pixels, _ = image.get_px_size()
        if right > left and (best is None or area > best[0]):
            best = (area, pixels / ((right - left) / 72))
    return best[1] if best else None


def _settled(lines: list[PdfLine], scanned: set[int]) -> list[PdfLine]:
    """The lines with OCR's sizes settled, on the text layer's body size where the
    notice has text pages, and each scanned page fitted to their column (a scanned
    page among them reads as one of them)."""
    from targetdoc.read import ocr

    read = [line for line in lines if line.page in scanned]
    text = [line for line in lines if line.page not in scanned]
    settled = ocr.settle_sizes(read, ocr.body_size(text) or None)
    fitted = iter(
        fitted
        for page in sorted(scanned)
        for fitted in ocr.fit_to_column([line for line in settled if line.page == page], text)
    )
    return [next(fitted) if line.page in scanned else line for line in lines]


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
    before PDFium inflates them; the check inflates Flate streams in bounded steps,
    reading the file in place."""
    limit = max_input_bytes() * _EXPANSION
    budget = limit
    view = memoryview(data)
    for count, start in enumerate(_STREAM.finditer(data)):
        if count >= _STREAMS:
            raise InputError(f"a PDF of more than {_STREAMS:,} streams: not a notice", path=path)
        head = max(0, start.start() - _DICTIONARY)
        head = max(head, data.rfind(b"obj", head, start.start()))
        if _FLATE.search(data, head, start.start()) is None:
            continue  # not deflated (or not a stream at all): nothing to inflate
        budget -= _inflated(view[start.end() :], budget)
        if budget < 0:
            raise InputError(
                f"a PDF whose streams expand past {limit:,} bytes: refused as a PDF bomb",
                path=path,
            )


def _inflated(stream: memoryview, budget: int) -> int:
    """How many bytes a deflated stream expands to, counting no further than just past
    ``budget``; what it gave before failing where it does not inflate."""
    inflater = zlib.decompressobj()
    total = 0
    try:
        for offset in range(0, len(stream), _CHUNK):
            pending: bytes | memoryview = stream[offset : offset + _CHUNK]
            while pending and total <= budget and not inflater.eof:
                out = len(inflater.decompress(pending, _CHUNK))
                if not out and len(inflater.unconsumed_tail) == len(pending):
                    break  # no progress: nothing more comes of it
                total += out
                pending = inflater.unconsumed_tail
            if inflater.eof or total > budget:
                break
    except zlib.error:
        pass  # not deflated after all, or corrupt: PDFium will say
    return total


def _page_lines(
    page: Any, number: int, path: str, budget: list[int]
) -> tuple[list[PdfLine], float]:
    """A page's visual lines, top to bottom, each left to right, in the direction most
    of its text runs (a page stored landscape with turned content reads upright), and
    the page's height in that direction. ``budget`` is the characters the document
    may still hold."""
    import pypdfium2.raw as pdfium_c

    textpage = page.get_textpage()
    try:
        raw = textpage.raw
        count = textpage.count_chars()
        if count > _CHARACTERS_PER_PAGE:
            raise InputError(
                f"page {number} holds {count:,} characters: not a notice's page", path=path
            )
        budget[0] -= count
        if budget[0] < 0:
            raise InputError(
                f"a PDF of more than {_CHARACTERS:,} characters (by page {number}): "
                "more text than a notice holds",
                path=path,
            )
        text = textpage.get_text_range(0, count) if count else ""
        if len(text) != count:  # characters beyond the BMP: one call each
            text = "".join(chr(pdfium_c.FPDFText_GetUnicode(raw, i)) for i in range(count))
        glyphs = list(read_glyphs(raw, text, pdfium_c))
    finally:
        textpage.close()
    frame = Frame.of_page(page.get_mediabox(), reading_angle(glyphs))
    runs = [run for run in _runs(glyphs, frame) if "".join(run.chars).strip()]
    if _gutter(runs) is not None:
        raise InputError(
            f"page {number} is set in two columns: targetdoc reads a notice set in one "
            "column (read across, its items would run together); save it in one column",
            path=path,
        )
    return list(_lines(runs, number)), frame.height


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
    family: str  # of its first Chinese character, or "" where it has none


def _runs(glyphs: list[Glyph | None], frame: Frame) -> Iterator[_Run]:
    """The runs of a page's characters that read in its direction; characters drawn at
    another angle or in a faint fill (watermarks) are left out."""
    run: _Run | None = None
    for glyph in glyphs:
        if glyph is None:
            if run is not None:
                yield run
            run = None
            continue
        if glyph.face.faint or glyph.face.angle != frame.angle:
            continue
        left, right, bottom, top = frame.box(glyph)
        face = glyph.face
        if run is None:
            run = _Run([], [], left, right, bottom, top, face.size, face.bold, "")
        elif glyph.gap and _word_space(run.chars[-1], glyph.char, left - run.right, run.size):
            run.chars.append(" ")
            run.widths.append(left - run.right)
        if not run.family and _HAN.match(glyph.char):
            run.family = face.family
        run.chars.append(glyph.char)
        run.widths.append(right - left)
        run.right = max(run.right, right)
        run.bottom = min(run.bottom, bottom)
        run.top = max(run.top, top)
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


def _gutter(runs: list[_Run]) -> float | None:
    """Where a page set in two columns parts them: an x that few runs cross, with runs
    standing beside each other, on one baseline, on either side of it in many rows.
    None for a page in one column (its full lines cross any such x)."""
    if len(runs) < 2 * _COLUMN_ROWS:
        return None
    lo, hi = min(run.left for run in runs), max(run.right for run in runs)
    wide = sum(1 for run in runs if run.right - run.left > _WIDE * (hi - lo))
    if wide > len(runs) / 2:
        return None  # most lines fill the measure: one column
    best: tuple[int, float] | None = None
    x = lo + _MIDDLE * (hi - lo)
    while x < hi - _MIDDLE * (hi - lo):
        crossing = sum(1 for run in runs if run.left < x < run.right)
        if best is None or crossing < best[0]:
            best = (crossing, x)
        x += 1.0
    if best is None or best[0] > _CROSSING * len(runs):
        return None
    gutter = best[1]
    lefts = [run for run in runs if run.right <= gutter]
    rows = sum(
        1
        for run in runs
        if run.left >= gutter and any(abs(other.top - run.top) < 0.5 * run.size for other in lefts)
    )
    return gutter if rows >= _COLUMN_ROWS else None


def _lines(runs: list[_Run], page: int) -> Iterator[PdfLine]:
    """Runs on one baseline make one line (PDFium may break a line at a subscript,
    or give a page's footer first): ordered by position, not by the text's order.
    A run of another order of size (a watermark across a line) is a line of its own."""
    runs = sorted(runs, key=lambda run: (-run.top, run.left))
    line: list[_Run] = []
    for run in runs:
        if line and (
            abs(run.top - line[0].top) > 0.5 * min(run.size, line[0].size)
            or max(run.size, line[0].size) > _SIZE_APART * min(run.size, line[0].size)
        ):
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
    # after half-width characters (``12. `` wrapped before ``科技``), layout after
    # full-width ones (``空气质量优良天数、 ``).
    text = "".join(chars)
    lead = len(text) - len(text.lstrip())
    text = text[lead:]
    widths = widths[lead:]
    if text.rstrip()[-1:] and not text.rstrip()[-1].isascii():
        text = text.rstrip()
        widths = widths[: len(text)]
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
        family=next((run.family for run in runs if run.family), ""),
    )


def _check_text(lines: list[PdfLine], pages: int, path: str) -> None:
    """Refuse a PDF with no text layer (a scan, whose only text may be its page
    numbers), or one whose text is not text."""
    page_number = grammar.regex("page_number").match
    text = [line.text for line in lines if page_number(line.text.strip()) is None]
    characters = sum(len(line) for line in text)
    if characters == 0:
        raise InputError(
            f"a PDF of {pages} page{'s' if pages != 1 else ''} with no text: no text layer, "
            "and no page image OCR found text on",
            path=path,
        )
    garbage = sum(len(_GARBAGE.findall(line)) for line in text)
    if garbage > _GARBAGE_SHARE * characters:
        raise InputError(
            f"a PDF whose fonts have no usable Unicode map: {garbage:,} of its "
            f"{characters:,} characters are private-use or unknown, so its text "
            "cannot be read (run OCR on it, or ask for the notice as text)",
            path=path,
        )
