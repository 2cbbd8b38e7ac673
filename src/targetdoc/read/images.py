"""Image files of a notice (a photo or scan: PNG, JPEG, TIFF of one or more pages), read by OCR.

Each frame is a page; OCR's lines (``ocr``) go through the PDF path's own layout, so
paragraphs, furniture and headings are read as a PDF's are. Pillow opens the file
(it comes with the ``ocr`` extra); an image too large to be a page (Pillow's
decompression-bomb limit) or with more frames than a PDF may have pages is refused.
"""

from __future__ import annotations

from collections.abc import Sequence

from targetdoc.errors import InputError
from targetdoc.read import ocr
from targetdoc.read.kinds import is_image
from targetdoc.read.layout import Page, PdfLine, paragraphs
from targetdoc.read.pdf import PdfText, max_pages
from targetdoc.read.progress import page_read


def image_text(data: bytes, path: str) -> PdfText:
    """The paragraphs of a notice's page images, or an input error saying why there are none."""
    if not ocr.available():
        raise InputError(f"an image of a notice: reading it needs OCR, `{ocr.INSTALL}`", path=path)
    import io

    from PIL import Image, ImageSequence, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(data))
        frames = getattr(image, "n_frames", 1)
        if frames > max_pages():
            raise InputError(
                f"an image of {frames:,} pages, past the limit of {max_pages():,}: refused "
                "(TARGETDOC_MAX_PDF_PAGES raises it)",
                path=path,
            )
        lines: list[PdfLine] = []
        pages: list[Page] = []
        for number, frame in enumerate(ImageSequence.Iterator(image), start=1):
            dpi = _dpi(frame.info.get("dpi"))
            frame.load()
            lines += ocr.image_lines(frame, number, dpi)
            pages.append(Page(number, frame.height * 72 / dpi))
            page_read(number, frames)
    except (Image.DecompressionBombError, UnidentifiedImageError, OSError) as error:
        raise InputError(f"not a readable image: {error}", path=path) from None
    if not any(line.text.strip() for line in lines):
        raise InputError(
            f"an image of {len(pages)} page{'s' if len(pages) != 1 else ''} on which OCR "
            "found no text",
            path=path,
        )
    return PdfText(
        paragraphs(ocr.settle_sizes(lines), pages), len(pages), tuple(range(1, len(pages) + 1))
    )


def _dpi(given: object) -> float:
    """The resolution the file states, else the one pages are rendered at."""
    if isinstance(given, tuple) and given and isinstance(given[0], int | float) and given[0] > 1:
        return float(given[0])
    return ocr.DPI


def page_pictures(data: bytes, pages: Sequence[int], *, width: int = 900) -> dict[int, bytes]:
    """JPEG pictures of a scanned notice's pages (a PDF's pages, or an image file's
    frames), ``width`` pixels wide: for a reviewer to check a record against its scan."""
    import io

    import pypdfium2 as pdfium
    from PIL import Image

    pictures: dict[int, bytes] = {}

    def kept(number: int, picture: Image.Image) -> None:
        picture = picture.convert("L")
        height = round(picture.height * width / max(picture.width, 1))
        output = io.BytesIO()
        picture.resize((width, height)).save(output, format="JPEG", quality=70)
        pictures[number] = output.getvalue()

    if is_image(data):
        image = Image.open(io.BytesIO(data))
        for number in pages:
            image.seek(number - 1)
            kept(number, image)
        return pictures
    document = pdfium.PdfDocument(data)
    try:
        for number in pages:
            page = document[number - 1]
            try:
                kept(number, page.render(scale=width / page.get_width()).to_pil())
            finally:
                page.close()
    finally:
        document.close()
    return pictures
