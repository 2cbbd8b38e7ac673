"""The notice's header fields, read from the lines the header rules collected."""

from __future__ import annotations

import datetime
from typing import Any

import regex

from targetdoc import grammar
from targetdoc.findings import Finding
from targetdoc.i18n import N_
from targetdoc.parse.drafts import TextDraft, span_of, to_date
from targetdoc.read.normalize import fold, split_list
from targetdoc.read.source import Line

# PDF extraction leaves a space between issuer and 关于 in the title.
_SPACE_BETWEEN_HAN = regex.compile(r"(?<=\p{Han})\s+(?=\p{Han})")


def build_header(
    fields: dict[str, str],
    lines: list[Line],
    preamble: TextDraft,
    year_sources: list[str],
    *,
    file: str,
    letter: bool = False,
) -> tuple[dict[str, Any], list[Finding]]:
    """Notice fields from the header, and a finding for each that is missing (a letter
    to one unit, 目标责任书, has a title and none of a 公文's letterhead)."""
    issued_on = _date(fields.get("issued_on"))
    title = _SPACE_BETWEEN_HAN.sub("", fields["title"]) if "title" in fields else None
    header: dict[str, Any] = {
        "issuer": fields.get("issuer"),
        "doc_number": fields.get("doc_number"),
        "title": title,
        "issued_on": issued_on,
        "year": _year([title or "", *year_sources], issued_on),
        "addressees": split_list(fields.get("addressees", "")),
        "preamble": preamble.joined()[0] if preamble.lines else None,
        "header_span": span_of(lines) if lines else None,
    }
    expected = ("title",) if letter else ("issuer", "doc_number", "title", "issued_on")
    missing = [key for key in expected if not header[key]]
    diagnostics = [Finding.of("TD102", _MISSING[key], values={}, file=file) for key in missing]
    return header, diagnostics


# TD102's message for each header field.
_MISSING = {
    "issuer": N_("header has no issuer"),
    "doc_number": N_("header has no doc number"),
    "title": N_("header has no title"),
    "issued_on": N_("header has no issued on"),
}


def _date(text: str | None) -> datetime.date | None:
    match = grammar.regex("date_line").match(text) if text else None
    return to_date(match) if match else None


def _year(texts: list[str], issued_on: datetime.date | None) -> int | None:
    """The year the targets are for: the title's 2020年度, a heading's 2020年, else the date's."""
    for text in texts:
        match = grammar.regex("year_of_targets").search(fold(text))
        if match:
            return int(match["year"])
    return issued_on.year if issued_on else None
