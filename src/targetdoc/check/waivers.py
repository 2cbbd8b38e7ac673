"""Waivers: acknowledged findings that are shown but do not fail a run."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from targetdoc.errors import InputError
from targetdoc.findings import CODES, Finding

_KEYS = ("file", "unit", "tier", "item")


@dataclass(frozen=True)
class Waiver:
    """One acknowledged finding: its code, what it is about, and why it is accepted."""

    code: str
    reason: str
    line: int
    file: str | None = None
    unit: str | None = None
    tier: str | None = None
    item: int | None = None

    def matches(self, finding: Finding) -> bool:
        """Same code, and every field the waiver names agrees with the finding."""
        if finding.code != self.code:
            return False
        if self.file is not None and Path(finding.file).name != Path(self.file).name:
            return False
        return all(
            getattr(self, key) is None or getattr(self, key) == getattr(finding, key)
            for key in _KEYS[1:]
        )


def load_waivers(path: Path) -> list[Waiver]:
    """The waivers of a file, each with its line for stale-waiver findings."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        data: Any = YAML(typ="rt").load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror}", path=str(path)) from None
    except YAMLError as error:
        raise InputError(f"not valid YAML: {error}", path=str(path)) from None
    entries = data.get("waivers") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise InputError("expected a list under `waivers:`", path=str(path))
    return [_waiver(entry, path) for entry in entries]


def _waiver(entry: Any, path: Path) -> Waiver:
    line = entry.lc.line + 1 if hasattr(entry, "lc") else 1
    if not isinstance(entry, dict) or "code" not in entry or not entry.get("reason"):
        raise InputError("a waiver needs a code and a reason", path=str(path), line=line)
    if entry["code"] not in CODES:
        raise InputError(f"unknown code {entry['code']}", path=str(path), line=line)
    fields = {key: entry.get(key) for key in _KEYS}
    return Waiver(
        code=str(entry["code"]),
        reason=str(entry["reason"]),
        line=line,
        file=None if fields["file"] is None else str(fields["file"]),
        unit=None if fields["unit"] is None else str(fields["unit"]),
        tier=None if fields["tier"] is None else str(fields["tier"]),
        item=None if fields["item"] is None else int(fields["item"]),
    )


def apply_waivers(findings: list[Finding], waivers: list[Waiver], *, file: str) -> list[Finding]:
    """Findings with the waived ones marked, then a finding for each unused waiver."""
    used: set[int] = set()
    marked = []
    for finding in findings:
        matching = [index for index, waiver in enumerate(waivers) if waiver.matches(finding)]
        used.update(matching)
        marked.append(finding.as_waived() if matching else finding)
    stale = [
        Finding.of(
            "TD501",
            f"waiver for {waiver.code}"
            + "".join(f" {key} {getattr(waiver, key)}" for key in _KEYS if getattr(waiver, key))
            + " matches no finding",
            file=file,
            line=waiver.line,
        )
        for index, waiver in enumerate(waivers)
        if index not in used
    ]
    return marked + stale
