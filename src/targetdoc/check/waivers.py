"""Waivers: acknowledged findings that are shown but do not fail a run.

A waiver pins what it acknowledged: the code, the place (file, unit, tier, item)
and the finding's message, which carries its values (``declares 300 points but its
5 items sum to 500``). A finding whose values change is no longer waived, and the
waiver, matching nothing, is itself a finding (TD501) that says what changed.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator

from targetdoc.datafile import load_data_file
from targetdoc.findings import CODES, Finding
from targetdoc.i18n import N_

_PLACE = ("file", "unit", "tier", "item")


class WaiverEntry(BaseModel):
    """One entry of a waivers file, as written."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str
    message: str = Field(min_length=1)
    reason: str = Field(min_length=1)
    file: str | None = None
    unit: str | None = None
    tier: str | None = None
    item: int | None = None
    who: str | None = None
    when: datetime.date | None = None

    @field_validator("code")
    @classmethod
    def _registered(cls, code: str) -> str:
        if code not in CODES:
            raise ValueError(f"unknown code {code} (targetdoc codes lists them)")
        return code


class WaiversFile(BaseModel):
    """A waivers file: a list under ``waivers:``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    waivers: list[WaiverEntry]


@dataclass(frozen=True)
class Waiver:
    """One acknowledged finding, with the line of the waivers file it stands on."""

    entry: WaiverEntry
    line: int

    def at_place(self, finding: Finding) -> bool:
        """Same code, and every place the waiver names agrees with the finding."""
        entry = self.entry
        if finding.code != entry.code:
            return False
        if entry.file is not None and Path(finding.file).name != Path(entry.file).name:
            return False
        return all(
            getattr(entry, key) is None or getattr(entry, key) == getattr(finding, key)
            for key in _PLACE[1:]
        )

    def matches(self, finding: Finding) -> bool:
        """At its place, with the very message (so the very values) it acknowledged."""
        return self.at_place(finding) and finding.message == self.entry.message


def load_waivers(path: Path) -> list[Waiver]:
    """The waivers of a file, each with its line for stale-waiver findings."""
    loaded = load_data_file(path, WaiversFile)
    return [
        Waiver(entry, loaded.line("waivers", index) or 1)
        for index, entry in enumerate(loaded.value.waivers)
    ]


def apply_waivers(findings: list[Finding], waivers: list[Waiver], *, file: str) -> list[Finding]:
    """Findings with the waived ones marked, then a finding for each unused waiver."""
    used: set[int] = set()
    marked = []
    for finding in findings:
        matching = [index for index, waiver in enumerate(waivers) if waiver.matches(finding)]
        used.update(matching)
        marked.append(finding.as_waived() if matching else finding)
    stale = [
        _stale(waiver, findings, file) for index, waiver in enumerate(waivers) if index not in used
    ]
    return marked + stale


def _stale(waiver: Waiver, findings: list[Finding], file: str) -> Finding:
    """TD501: the waiver matches nothing; if its place has a finding now, say what it says."""
    entry = waiver.entry
    place = "".join(f" {key} {getattr(entry, key)}" for key in _PLACE if getattr(entry, key))
    changed = [finding for finding in findings if waiver.at_place(finding)]
    values = {"code": entry.code, "place": place, "acknowledged": entry.message}
    if changed:
        template = N_(
            "waiver for {code}{place} acknowledged «{acknowledged}», "
            "but the finding now reads «{now}»"
        )
        values["now"] = changed[0].message
    else:
        template = N_("waiver for {code}{place} matches no finding")
    return Finding.of("TD501", template, values=values, file=file, line=waiver.line)
