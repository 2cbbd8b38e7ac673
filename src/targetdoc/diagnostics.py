"""Findings that point at the source, like lark's errors: file, line, caret.

Library code returns lists of diagnostics and never stops at the first one; only
the CLI turns them into exit codes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning", "info"]

# Every code the parser can report, with its severity and a one-line explanation.
PARSER_CODES: dict[str, tuple[Severity, str]] = {
    "P001": ("error", "a non-blank source line that no rule could place in a record"),
    "P002": ("warning", "a header field (issuer, document number, title, date) was not found"),
    "P003": ("warning", "an item number that does not follow the previous item of its unit"),
}


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding with a stable code, located by 1-based line (and column, if known)."""

    code: str
    severity: Severity
    message: str
    file: str
    line: int | None = None
    column: int | None = None

    @property
    def location(self) -> str:
        """``file:line:column`` as editors and CI annotations read it."""
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        return f"{self.location}: {self.code} {self.severity} {self.message}"


def parser_diagnostic(
    code: str, message: str, *, file: str, line: int | None = None, column: int | None = None
) -> Diagnostic:
    """A diagnostic whose severity comes from the parser's code table."""
    severity, _ = PARSER_CODES[code]
    return Diagnostic(code, severity, message, file, line, column)


def context(source_line: str, column: int | None = None, *, width: int = 72) -> str:
    """The source line (shortened around the column) with a caret under the column."""
    text = source_line.rstrip()
    col = 1 if column is None else max(1, column)
    start = max(0, min(col - 1 - width // 2, len(text) - width))
    shown = text[start : start + width]
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + width < len(text) else ""
    caret_at = len(prefix) + _display_width(shown[: col - 1 - start])
    return f"    {prefix}{shown}{suffix}\n    {' ' * caret_at}^"


def _display_width(text: str) -> int:
    """Columns a terminal gives the text: CJK characters take two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
