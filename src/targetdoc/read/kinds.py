"""What kind of file a path is (one place for every suffix set), and how much is read."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Literal

# The files a notice can come in (folders are searched for these).
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
PDF_SUFFIXES = (".pdf",)
# Page images of a scanned notice, read by OCR (the ``ocr`` extra).
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")
NOTICE_SUFFIXES = (".txt", ".docx", ".html", ".htm", ".pdf", *IMAGE_SUFFIXES)
# What an image file starts with: PNG, JPEG, TIFF (either byte order).
_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")
# Canonical files: YAML is what a data folder's yaml/ holds; JSON is the same records.
CANONICAL_YAML_SUFFIXES = (".yaml", ".yml")
CANONICAL_SUFFIXES = (*CANONICAL_YAML_SUFFIXES, ".json")

FileKind = Literal["notice", "canonical-yaml", "canonical-json"]

# Formats offices send that targetdoc does not read: what each is, and what to do.
UNREAD_FORMATS = {
    ".doc": "a Word 97-2003 document (.doc): save it as .docx or PDF first",
    ".wps": "a WPS Writer document (.wps): save it as .docx or PDF first",
    ".ofd": "an OFD document (the fixed-layout format of 电子公文): save or print it as PDF first",
    ".xls": "an Excel 97-2003 workbook (.xls): save it as .xlsx or CSV first",
    ".et": "a WPS Spreadsheets workbook (.et): save it as .xlsx or CSV first",
    ".odt": "an OpenDocument text (.odt): save it as .docx or PDF first",
    ".rtf": "a Rich Text document (.rtf): save it as .docx or PDF first",
    ".docm": "a macro-enabled Word document (.docm): save it as .docx or PDF first",
    ".dot": "a Word 97-2003 template (.dot): save it as .docx or PDF first",
    ".dotx": "a Word template (.dotx): save it as .docx or PDF first",
    ".ceb": "a CEB document (Apabi's fixed-layout format): save or print it as PDF first",
    ".xlsb": "an Excel binary workbook (.xlsb): save it as .xlsx or CSV first",
    ".ods": "an OpenDocument spreadsheet (.ods): save it as .xlsx or CSV first",
}
# A workbook (the 评分 sheet filled in) is read by score; .xlsm is the same format.
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
_OFFICE_97 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"


def is_image(data: bytes) -> bool:
    """An image file (PNG, JPEG, TIFF), by its first bytes."""
    return data.startswith(_IMAGE_MAGIC)


def unread_format(suffix: str, data: bytes) -> str | None:
    """What a file targetdoc does not read is, and what to do: by its suffix, else by its
    first bytes (an Office 97 file or an OFD archive under another name); None for a
    file to read."""
    named = UNREAD_FORMATS.get(suffix.lower())
    if named is not None:
        return named
    if data.startswith(_OFFICE_97):
        return (
            "a Word or Excel 97-2003 file (.doc, .xls), or an encrypted Office file: save "
            "it as .docx, .xlsx or PDF first"
        )
    if data.startswith(_ZIP) and b"OFD.xml" in data[:4096]:
        return UNREAD_FORMATS[".ofd"]
    return None


def skipped_files(paths: Iterable[Path]) -> list[Path]:
    """Files directly in the folders named that are of a format targetdoc does not read
    (.doc, .wps, .ofd …), so that a folder of them is not called empty."""
    return sorted(
        p
        for path in paths
        if path.is_dir()
        for p in path.iterdir()
        if p.suffix.lower() in UNREAD_FORMATS and p.is_file()
    )


# What targetdoc's own pages say of themselves, so that none is read back as a notice.
GENERATOR = "targetdoc report"
_OWN_MARK = f'<meta name="generator" content="{GENERATOR}">'.encode()


def is_own_output(path: Path) -> bool:
    """A page that targetdoc report wrote (by its name, or the mark in its head)."""
    if path.name.lower().endswith(".report.html"):
        return True
    if path.suffix.lower() not in HTML_SUFFIXES:
        return False
    try:
        with path.open("rb") as stream:
            return _OWN_MARK in stream.read(4096)
    except OSError:
        return False


def looks_like_own_page(head: str) -> bool:
    """The start of a decoded page carries targetdoc's generator mark."""
    return _OWN_MARK.decode() in head[:4096]


def file_kind(path: Path) -> FileKind:
    """A canonical YAML or JSON file by its suffix; anything else is read as a notice."""
    suffix = path.suffix.lower()
    if suffix == ".json":
        return "canonical-json"
    if suffix in CANONICAL_SUFFIXES:
        return "canonical-yaml"
    return "notice"


def notice_files(paths: Iterable[Path], *, canonical: bool = False) -> list[Path]:
    """The notices named: files as given, folders by the notices directly in them (and
    their canonical YAML and JSON files too, if ``canonical``)."""
    suffixes = NOTICE_SUFFIXES + (CANONICAL_SUFFIXES if canonical else ())
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(
                p
                for p in path.iterdir()
                if p.suffix.lower() in suffixes and p.is_file() and not is_own_output(p)
            )
        else:
            found.append(path)
    return found


def max_input_bytes() -> int:
    """The largest input read, in bytes: TARGETDOC_MAX_INPUT_MB megabytes (default 50)."""
    try:
        megabytes = float(os.environ.get("TARGETDOC_MAX_INPUT_MB", "50"))
    except ValueError:
        megabytes = 50
    return int(max(megabytes, 0.001) * 1_000_000)
