"""Findings that point at the source, like lark's errors: file, line, caret.

Library code returns lists of diagnostics and never stops at the first one; only
the CLI turns them into exit codes. Every code is registered in ``CODES`` with its
severity and a one-line explanation; codes are stable, so waivers and CI logs can
name them.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace
from typing import Literal

Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True, slots=True)
class Code:
    """A rule's stable code, short name, severity and explanation."""

    code: str
    name: str
    severity: Severity
    explanation: str


_CODES = (
    # Parsing
    Code("TD101", "unplaced-line", "error", "a non-blank source line no rule placed in a record"),
    Code(
        "TD102",
        "missing-header",
        "warning",
        "a header field (issuer, number, title, date) is missing",
    ),
    Code("TD103", "truncated", "error", "a notice with a header ends without its footer"),
    # Structure and arithmetic
    Code(
        "TD201",
        "tier-points-mismatch",
        "error",
        "a tier's declared points differ from its items' sum",
    ),
    Code(
        "TD202",
        "nonstandard-tier-points",
        "warning",
        "a tier declares points other than the profile's",
    ),
    Code("TD203", "unit-total", "warning", "a unit's items do not total the profile's points"),
    Code("TD204", "item-number-gap", "error", "item numbers in a unit skip a number"),
    Code("TD205", "item-number-duplicate", "error", "an item number repeats the one before it"),
    Code("TD206", "item-number-restart", "error", "item numbers start again inside a unit"),
    Code("TD207", "item-without-points", "error", "an item has no trailing (N分)"),
    Code("TD208", "unit-without-items", "error", "a unit heading with no items under it"),
    Code("TD209", "duplicate-unit", "error", "a unit name that appears twice in one notice"),
    Code("TD210", "unknown-tier", "warning", "a tier name the profile does not know"),
    # Canonical files
    Code("TD301", "canonical-missing", "error", "a raw notice has no canonical YAML file"),
    Code("TD302", "not-canonical", "error", "re-dumping the canonical file changes it"),
    Code("TD303", "schema", "error", "the canonical file is not a valid notice"),
    Code("TD304", "stale", "error", "the canonical file differs from a fresh parse of its notice"),
    Code("TD305", "orphan-canonical", "warning", "a canonical file without a raw notice"),
    # Roll-ups
    Code(
        "TD401", "rollup-mismatch", "error", "a decomposed target differs from the sum of its parts"
    ),
    Code("TD402", "rollup-partial", "info", "a target only partly decomposed among its parts"),
    Code(
        "TD403", "rollup-unresolved", "error", "a declared roll-up names a target that is not there"
    ),
    # Waivers
    Code("TD501", "stale-waiver", "error", "a waiver that matches no finding"),
)
CODES: dict[str, Code] = {code.code: code for code in _CODES}


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding with a stable code, located by 1-based line (and column, if known)."""

    code: str
    severity: Severity
    message: str
    file: str
    line: int | None = None
    column: int | None = None
    unit: str | None = None
    tier: str | None = None
    item: int | None = None
    waived: bool = False

    @property
    def location(self) -> str:
        """``file:line:column`` as editors and CI annotations read it."""
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    @property
    def fails(self) -> bool:
        """An unwaived error fails a run (a warning only with --strict)."""
        return self.severity == "error" and not self.waived

    def as_waived(self) -> Diagnostic:
        """The same finding, acknowledged by a waiver."""
        return replace(self, waived=True)

    def __str__(self) -> str:
        waived = " (waived)" if self.waived else ""
        return f"{self.location}: {self.code} {self.severity}{waived} {self.message}"


def finding(
    code: str,
    message: str,
    *,
    file: str,
    line: int | None = None,
    column: int | None = None,
    unit: str | None = None,
    tier: str | None = None,
    item: int | None = None,
) -> Diagnostic:
    """A diagnostic whose severity comes from the registered code."""
    return Diagnostic(code, CODES[code].severity, message, file, line, column, unit, tier, item)


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
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
