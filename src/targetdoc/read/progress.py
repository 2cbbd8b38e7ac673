"""Pages read so far, for a progress bar: a scanned page takes OCR seconds.

The CLI listens with ``reporting(callback)`` around a parse; the PDF and image
readers call ``page_read(number, pages)`` after each page. A context variable, so
that the readers take no callback through every layer above them, and a parse with
no listener (the library's, a worker's) pays one lookup a page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

Listener = Callable[[int, int], None]  # (the page just read, the pages in all)

_LISTENER: ContextVar[Listener | None] = ContextVar("targetdoc_pages_read", default=None)


@contextmanager
def reporting(listener: Listener) -> Iterator[None]:
    """Tell ``listener`` of each page read inside the block."""
    token = _LISTENER.set(listener)
    try:
        yield
    finally:
        _LISTENER.reset(token)


def page_read(number: int, pages: int) -> None:
    """A reader has read page ``number`` of ``pages``."""
    listener = _LISTENER.get()
    if listener is not None:
        listener(number, pages)
