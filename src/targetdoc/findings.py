"""Findings: coded problems that point at the source by file, line and column.

Library code returns lists of findings and never stops at the first one; only the
CLI turns them into exit codes. Every code is registered in ``CODES`` with its
name, severity and a one-line explanation; codes are stable (an interface: see
CHANGELOG.md), so waivers and CI logs can name them. The ranges: 1xx parsing,
2xx structure and points, 3xx canonical files, 4xx roll-ups, 5xx waivers, 6xx actuals
of the assessment, 7xx indicators.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Literal

from targetdoc.i18n import N_, _

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
    Code(
        "TD104",
        "items-on-one-line",
        "error",
        "a second numbered item starts on an item's line, after its points",
    ),
    Code(
        "TD105",
        "number-without-fen",
        "warning",
        "an item ends with a bracketed number without 分, （20）, not read as points",
    ),
    Code(
        "TD106",
        "no-profile-fits",
        "info",
        "no profile placed every line: what the best one recognised",
    ),
    Code(
        "TD107",
        "entries-in-no-unit",
        "error",
        "numbered entries with points that the reading placed in no unit's targets",
    ),
    Code(
        "TD108",
        "nothing-read",
        "error",
        "a document from which no target was read, or most numbered lines were left",
    ),
    Code(
        "TD109",
        "web-page-text",
        "info",
        "a line of the web page around the document (navigation, site notes), in no record",
    ),
    Code(
        "TD110",
        "ocr-doubtful-digit",
        "warning",
        "a digit OCR read from a scanned page with low confidence: check it against the scan",
    ),
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
    Code(
        "TD211",
        "declared-total",
        "warning",
        "a unit's declared tier points do not add up to the profile's total",
    ),
    Code("TD212", "missing-tier", "error", "a unit lacks a tier its profile requires"),
    Code(
        "TD213",
        "kind-against-category",
        "error",
        "a unit's kind (county or department) differs from the rest of its category",
    ),
    Code("TD214", "tier-without-points", "error", "a tier heading that declares no points"),
    Code(
        "TD215",
        "document-total",
        "warning",
        "a unit's items do not add up to the total the document declares (总分100分)",
    ),
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
    # Actuals of the assessment (targetdoc score)
    Code(
        "TD601", "actual-unknown-unit", "error", "a row of actuals names a unit the notice has not"
    ),
    Code(
        "TD602", "actual-unknown-item", "error", "a row of actuals names an item its unit has not"
    ),
    Code(
        "TD603",
        "actual-unreadable",
        "error",
        "a reported actual that is not a number, is in a unit of another kind, or has more "
        "values than the item has targets",
    ),
    Code("TD604", "actual-repeated", "error", "a second row of actuals for the same item"),
    Code(
        "TD605",
        "actual-ambiguous-item",
        "error",
        "a row of actuals names an item number that several sections of its unit have",
    ),
    # Indicators (targetdoc indicators)
    Code(
        "TD701",
        "indicator-ambiguous",
        "warning",
        "a threshold's words fit two indicators at one place: neither is taken",
    ),
)
CODES: dict[str, Code] = {code.code: code for code in _CODES}
# The severities as a message shows them (the catalog translates them).
SEVERITY_WORDS = (N_("error"), N_("warning"), N_("info"))


@dataclass(frozen=True, slots=True)
class Finding:
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
    # The message as a template and its values, so that it can be shown in another
    # language; ``message`` is it in English, what waivers and JSON read.
    template: str = ""
    values: tuple[tuple[str, str], ...] = ()

    @property
    def location(self) -> str:
        """``file:line:column`` as editors and CI annotations read it."""
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    @classmethod
    def of(
        cls,
        code: str,
        message: str,
        *,
        file: str,
        line: int | None = None,
        column: int | None = None,
        unit: str | None = None,
        tier: str | None = None,
        item: int | None = None,
        values: Mapping[str, object] | None = None,
    ) -> Finding:
        """A finding whose severity comes from the registered code. With ``values``, the
        message is a template (``{unit} has no items``) filled in with them."""
        if values is None:
            return cls(code, CODES[code].severity, message, file, line, column, unit, tier, item)
        filled = tuple((name, str(value)) for name, value in values.items())
        return cls(
            code,
            CODES[code].severity,
            message.format_map(dict(filled)),
            file,
            line,
            column,
            unit,
            tier,
            item,
            template=message,
            values=filled,
        )

    def text(self) -> str:
        """The message in the interface's language."""
        if not self.template:
            return self.message
        return _(self.template).format_map(dict(self.values))

    def as_waived(self) -> Finding:
        """The same finding, acknowledged by a waiver."""
        return replace(self, waived=True)

    def __str__(self) -> str:
        waived = _(" (waived)") if self.waived else ""
        return f"{self.location}: {self.code} {_(self.severity)}{waived} {self.text()}"


def codes_markdown() -> str:
    """The registry as a Markdown table (the README's list is this text, kept current by a test)."""
    rows = [
        f"| {code.code} | `{code.name}` | {code.severity} | {code.explanation} |"
        for code in CODES.values()
    ]
    return (
        "\n".join(["| code | name | severity | meaning |", "| --- | --- | --- | --- |", *rows])
        + "\n"
    )
