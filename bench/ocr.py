"""OCR's speed and accuracy on scanned pages of the sample, against Tesseract's.

Run with ``make bench`` (or ``python bench/ocr.py --write`` in the project's venv).
Pages of the sample's 公文 PDF (set as tests/pdfs.py sets it) are scanned as
tests/scans.py scans them (200 dpi, grey paper, noise, a slight skew); each engine
reads each page, and its text is compared with the page's own text layer: character
errors (folded, spaces aside) per character, and seconds per page. targetdoc's engine
is the ``ocr`` extra (rapidocr-onnxruntime), read through ``read.ocr`` as a scanned
page is; the baseline is Debian's ``tesseract`` with ``chi_sim`` (the engine
``ocrmypdf`` drives), where it is installed (``apt-get install tesseract-ocr
tesseract-ocr-chi-sim``).
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pypdfium2 as pdfium
import regex
from rapidfuzz.distance import Levenshtein

from targetdoc import grammar
from targetdoc.read import ocr
from targetdoc.read.normalize import fold

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import pdfs  # noqa: E402
import scans  # noqa: E402

SAMPLE = ROOT / "data" / "raw" / "sanmenxia-2020.txt"
RESULTS = Path(__file__).parent / "OCR.md"
PAGES = (5, 6, 7, 30, 60)
SCANNERS = {
    "grey paper, noise, 0.6° skew": scans.Scanner(),
    "clean: white, no noise or skew": scans.Scanner(paper=255, noise=0, skew=0),
}
_SPACE = regex.compile(r"\s+")


def page_text(pdf: bytes, page: int) -> str:
    """The text layer of a page, without its page number."""
    document = pdfium.PdfDocument(pdf)
    try:
        textpage = document[page - 1].get_textpage()
        text = textpage.get_text_range()
    finally:
        document.close()
    page_number = grammar.regex("page_number").match
    return "".join(line for line in text.splitlines() if page_number(line.strip()) is None)


def errors(read: str, expected: str) -> tuple[int, int]:
    one, other = _SPACE.sub("", fold(read)), _SPACE.sub("", fold(expected))
    return int(Levenshtein.distance(one, other)), len(other)


def rapidocr_text(image: object) -> str:
    lines = ocr.image_lines(image, 1, 200)  # type: ignore[arg-type]
    return "".join(line.text for line in lines)


def tesseract_text(image: object) -> str:
    png = io.BytesIO()
    image.save(png, format="PNG")  # type: ignore[attr-defined]
    done = subprocess.run(
        ["tesseract", "stdin", "stdout", "-l", "chi_sim"],
        input=png.getvalue(),
        capture_output=True,
        check=True,
    )
    return done.stdout.decode("utf-8")


def machine() -> str:
    """The machine and its load, which the timings depend on."""
    load = os.getloadavg()[0]
    return f"{os.cpu_count()} cores, load average {load:.1f} at the start"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"write {RESULTS.name}")
    arguments = parser.parse_args()
    if not ocr.available() or pdfs.fonts_missing():
        print("bench/ocr.py: needs the ocr extra and the fonts of make system-deps")
        return
    pdf = pdfs.reportlab_pdf(SAMPLE.read_text(encoding="utf-8"), "gongwen")
    engines = {"targetdoc (rapidocr-onnxruntime)": rapidocr_text}
    if shutil.which("tesseract"):
        engines["tesseract chi_sim"] = tesseract_text
    rows = []
    ocr._engine()  # loaded once, as a run of many pages does
    for scanner_name, scanner in SCANNERS.items():
        for name, read in engines.items():
            seconds: list[float] = []
            wrong = total = 0
            for page in PAGES:
                image = scans.page_image(pdf, page, scanner)
                started = time.perf_counter()
                text = read(image)
                seconds.append(time.perf_counter() - started)
                made, out_of = errors(text, page_text(pdf, page))
                wrong, total = wrong + made, total + out_of
            median = statistics.median(seconds)
            rows.append((scanner_name, name, median, wrong / total, wrong, total))
    lines = [
        f"Pages {', '.join(map(str, PAGES))} of the sample's 公文 PDF, scanned at 200 dpi; "
        "text compared with each page's text layer (folded, spaces aside). Measured on "
        f"{machine()}.",
        "",
        "| scan | engine | seconds a page (median) | character error rate | errors / characters |",
        "| --- | --- | --- | --- | --- |",
        *(f"| {c} | {n} | {s:.2f} | {r:.2%} | {w} / {t} |" for c, n, s, r, w, t in rows),
    ]
    print("\n".join(lines))
    if arguments.write:
        RESULTS.write_text("# OCR benchmark\n\n" + "\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
