"""Scans of a notice for the OCR tests, made from the PDFs tests/pdfs.py sets: never committed.

A page is rendered by PDFium at a scanner's resolution and made to look scanned: a grey
paper, noise of the sensor, a slight skew (the page laid crooked on the glass), in
8-bit grey as offices scan. ``scanned_pdf`` puts such images in place of some pages of
a PDF (a mixed PDF); ``tiff`` keeps pages as one multi-page TIFF.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

import numpy
import pypdfium2 as pdfium
import regex
from PIL import Image
from rapidfuzz.distance import Levenshtein

from targetdoc.read.normalize import fold


@dataclass(frozen=True)
class Scanner:
    """How a page is scanned: resolution, paper grey, noise and skew."""

    dpi: int = 200
    paper: int = 225  # the grey of the paper, of 255
    noise: float = 14.0  # the sensor's noise, its standard deviation in grey levels
    skew: float = 0.6  # degrees, anticlockwise
    seed: int = 29


def page_image(pdf: bytes, page: int, scanner: Scanner) -> Image.Image:
    """Page ``page`` (1-based) of a PDF as a scanner gives it."""
    document = pdfium.PdfDocument(pdf)
    try:
        rendered = document[page - 1].render(scale=scanner.dpi / 72, grayscale=True)
        image = rendered.to_pil().convert("L")
    finally:
        document.close()
    ink = numpy.asarray(image, dtype=numpy.float32) / 255  # 1 for paper, 0 for ink
    grey = ink * scanner.paper
    noise = numpy.random.default_rng(scanner.seed + page).normal(0, scanner.noise, grey.shape)
    scanned = Image.fromarray(numpy.clip(grey + noise, 0, 255).astype(numpy.uint8), "L")
    return scanned.rotate(scanner.skew, resample=Image.Resampling.BICUBIC, fillcolor=scanner.paper)


def scanned_pdf(pdf: bytes, pages: Sequence[int], scanner: Scanner) -> bytes:
    """A PDF whose pages ``pages`` (1-based) are scans: an image each, no text layer."""
    images = {page: page_image(pdf, page, scanner) for page in pages}
    document = pdfium.PdfDocument(pdf)
    try:
        for page, image in images.items():
            width, height = document[page - 1].get_size()
            document.del_page(page - 1)
            new = document.new_page(width, height, index=page - 1)
            picture = pdfium.PdfImage.new(document)
            jpeg = io.BytesIO()
            image.save(jpeg, format="JPEG", quality=85, dpi=(scanner.dpi, scanner.dpi))
            jpeg.seek(0)
            picture.load_jpeg(jpeg, inline=False)
            picture.set_matrix(pdfium.PdfMatrix().scale(width, height))
            new.insert_obj(picture)
            new.gen_content()
        output = io.BytesIO()
        document.save(output)
    finally:
        document.close()
    return output.getvalue()


def tiff(pdf: bytes, pages: Sequence[int], scanner: Scanner) -> bytes:
    """Pages of a PDF scanned into one multi-page TIFF."""
    images = [page_image(pdf, page, scanner) for page in pages]
    output = io.BytesIO()
    images[0].save(
        output,
        format="TIFF",
        save_all=True,
        append_images=images[1:],
        compression="tiff_deflate",
        dpi=(scanner.dpi, scanner.dpi),
    )
    return output.getvalue()


_SPACE = regex.compile(r"\s+")


def character_errors(read: str, expected: str) -> int:
    """The edit distance between two texts, folded (full-width to half-width) and without
    spaces: what OCR cannot tell apart is not counted against it."""
    return int(Levenshtein.distance(_SPACE.sub("", fold(read)), _SPACE.sub("", fold(expected))))
