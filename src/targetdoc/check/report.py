"""What a validate run found: the ``Report``, and its forms for programs and for CI."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from targetdoc.check.rollups import RollupResult
from targetdoc.errors import TargetdocError
from targetdoc.findings import Finding


@dataclass
class Report:
    """What validate found, ready to render."""

    findings: list[Finding] = field(default_factory=list)
    rollups: list[tuple[str, RollupResult]] = field(default_factory=list)
    files: int = 0
    units: int = 0
    items: int = 0
    # Notices that could not be read at all (each names its file and line): exit code 2.
    errors: list[TargetdocError] = field(default_factory=list)

    def add(self, other: Report) -> None:
        """Take in another report's findings, roll-ups and counts (one notice's, say)."""
        self.findings += other.findings
        self.rollups += other.rollups
        self.files += other.files
        self.units += other.units
        self.items += other.items
        self.errors += other.errors

    def counts(self) -> Counter[str]:
        """Findings by severity (unwaived), and the number waived."""
        counts: Counter[str] = Counter()
        for finding in self.findings:
            counts["waived" if finding.waived else finding.severity] += 1
        return counts

    def failed(self, *, strict: bool = False) -> bool:
        """Unwaived errors fail; with ``strict``, unwaived warnings too."""
        failing = {"error", "warning"} if strict else {"error"}
        return any(f.severity in failing and not f.waived for f in self.findings)

    def to_json(self, *, strict: bool = False) -> dict[str, Any]:
        """The machine report: verdict, counts, findings and roll-ups (for ``json_text``)."""
        counts = self.counts()
        data = {
            "valid": not self.failed(strict=strict) and not self.errors,
            "stats": {
                "errors": counts["error"],
                "warnings": counts["warning"],
                "info": counts["info"],
                "waived": counts["waived"],
                "files": self.files,
                "units": self.units,
                "items": self.items,
            },
            "findings": [
                {
                    "code": finding.code,
                    "severity": finding.severity,
                    "message": finding.message,
                    "file": finding.file,
                    "line": finding.line,
                    "unit": finding.unit,
                    "tier": finding.tier,
                    "item": finding.item,
                    "waived": finding.waived,
                }
                for finding in self.findings
            ],
            "rollups": [
                {
                    "file": file,
                    "name": result.name,
                    "status": result.status,
                    "total": result.total,
                    "parts_sum": result.parts_sum,
                    "parts": result.parts,
                    "unit": result.unit,
                    "share": result.share,
                    "line": result.line,
                }
                for file, result in self.rollups
            ],
            "errors": [str(error) for error in self.errors],
        }
        return data

    def github_annotations(self) -> list[str]:
        """GitHub Actions workflow commands, one per finding."""
        levels = {"error": "error", "warning": "warning", "info": "notice"}
        lines = []
        for finding in self.findings:
            level = "notice" if finding.waived else levels[finding.severity]
            where = f"file={_property(finding.file)}"
            where += f",line={finding.line}" if finding.line else ""
            waived = " (waived)" if finding.waived else ""
            title = _property(f"{finding.code}{waived}")
            lines.append(f"::{level} {where},title={title}::{_data(finding.message)}")
        lines += [f"::error ::{_data(str(error))}" for error in self.errors]
        return lines


def _data(text: str) -> str:
    """A workflow command's message, escaped as GitHub's toolkit does (escapeData)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    """A workflow command's property (file=, title=), escaped as the toolkit's escapeProperty:
    a newline in a file name would start a command of its own, a comma end the property."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")
