"""``targetdoc validate``: every check over notices and their canonical files.

A data root is a folder with ``raw/`` (notices) and, beside it, ``yaml/`` (their
canonical files), ``rollups/`` (roll-up declarations per notice) and
``waivers.yaml``. The repository's ``data/`` is one.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from targetdoc.api import read_notice
from targetdoc.canonical import dump_yaml, load_yaml
from targetdoc.check.rollups import RollupResult, evaluate, load_rollups, rollup_findings
from targetdoc.check.structure import check_notice
from targetdoc.check.waivers import apply_waivers, load_waivers
from targetdoc.errors import CanonicalError, InputError, TargetdocError
from targetdoc.findings import Diagnostic, finding
from targetdoc.models import Notice
from targetdoc.profile import Profile
from targetdoc.read.containers import NOTICE_SUFFIXES

CANONICAL_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Target:
    """One notice to check: its raw text, its canonical file, or both."""

    raw: Path | None
    canonical: Path | None
    root: Path | None = None

    @property
    def stem(self) -> str:
        """The notice's name without folder and extension."""
        path = self.raw or self.canonical
        assert path is not None
        return path.stem


@dataclass
class Report:
    """What validate found, ready to render."""

    findings: list[Diagnostic] = field(default_factory=list)
    rollups: list[tuple[str, RollupResult]] = field(default_factory=list)
    files: int = 0
    units: int = 0
    items: int = 0

    def counts(self) -> Counter[str]:
        """Findings by severity (unwaived), and the number waived."""
        counts: Counter[str] = Counter()
        for found in self.findings:
            counts["waived" if found.waived else found.severity] += 1
        return counts

    def failed(self, *, strict: bool = False) -> bool:
        """Unwaived errors fail; with ``strict``, unwaived warnings too."""
        failing = {"error", "warning"} if strict else {"error"}
        return any(f.severity in failing and not f.waived for f in self.findings)


def data_root(path: Path) -> Path | None:
    """The data root a folder is or a file lies in (a folder with a raw/ folder)."""
    for candidate in (path, path.parent.parent):
        if (candidate / "raw").is_dir():
            return candidate
    return None


def discover(paths: list[Path]) -> list[Target]:
    """The notices named by files and folders, each paired with its canonical file."""
    targets: list[Target] = []
    for path in paths:
        if not path.exists():
            raise InputError("no such file or folder", path=str(path))
        root = data_root(path)
        if path.is_dir() and root == path:
            targets += _targets_of_root(path)
        elif path.is_dir():
            targets += [_target_of_file(p, None) for p in sorted(path.iterdir()) if _known(p)]
        else:
            targets.append(_target_of_file(path, root))
    return targets


def _known(path: Path) -> bool:
    return path.is_file() and path.suffix.lower() in NOTICE_SUFFIXES + CANONICAL_SUFFIXES


def _targets_of_root(root: Path) -> list[Target]:
    raws = sorted(p for p in (root / "raw").iterdir() if p.suffix.lower() in NOTICE_SUFFIXES)
    targets = [Target(raw, root / "yaml" / f"{raw.stem}.yaml", root) for raw in raws]
    stems = {raw.stem for raw in raws}
    canonical_dir = root / "yaml"
    if canonical_dir.is_dir():
        targets += [
            Target(None, path, root)
            for path in sorted(canonical_dir.iterdir())
            if path.suffix in CANONICAL_SUFFIXES and path.stem not in stems
        ]
    return targets


def _target_of_file(path: Path, root: Path | None) -> Target:
    if path.suffix in CANONICAL_SUFFIXES:
        raws = [root / "raw" / f"{path.stem}{s}" for s in NOTICE_SUFFIXES] if root else []
        raw = next((p for p in raws if p.is_file()), None)
        return Target(raw, path, root)
    canonical = root / "yaml" / f"{path.stem}.yaml" if root else None
    return Target(path, canonical, root)


def validate(
    paths: list[Path], profile: Profile, *, waivers: Path | None = None, jobs: int = 1
) -> Report:
    """Check every notice and canonical file named, ``jobs`` at a time; apply the waivers."""
    from targetdoc.pool import run

    targets = discover(paths)
    report = Report()
    for outcome in run(check_target, [(target, profile) for target in targets], jobs=jobs):
        if outcome.error is not None:
            raise TargetdocError(outcome.error)  # the message already names the file
        part = outcome.result
        assert part is not None
        report.findings += part.findings
        report.rollups += part.rollups
        report.files += part.files
        report.units += part.units
        report.items += part.items
    roots = {target.root for target in targets if target.root is not None}
    waiver_files = [waivers] if waivers else [r / "waivers.yaml" for r in sorted(roots)]
    for waiver_file in waiver_files:
        if waiver_file.is_file() or waivers:
            found = load_waivers(waiver_file)
            report.findings = apply_waivers(report.findings, found, file=str(waiver_file))
    return report


def check_target(work: tuple[Target, Profile]) -> Report:
    """Every finding about one notice and its canonical file (run in a worker process)."""
    target, profile = work
    report = Report()
    fresh: Notice | None = None
    if target.raw is not None:
        report.files += 1
        result = read_notice(target.raw)
        fresh = result.notice
        label = str(target.raw)
        report.findings += [_relabel(d, label) for d in result.diagnostics]
        report.findings += check_notice(fresh, profile, file=label)
        report.findings += _rollups(target, fresh, label, report)
    if target.canonical is not None:
        loaded = _check_canonical(target, fresh, report)
        if fresh is None and loaded is not None:
            report.findings += check_notice(loaded, profile, file=str(target.canonical))
            fresh = loaded
    if fresh is not None:
        report.units += len(fresh.units)
        report.items += sum(1 for _ in fresh.items())
    return report


def _relabel(found: Diagnostic, label: str) -> Diagnostic:
    return replace(found, file=label)


def _rollups(target: Target, notice: Notice, label: str, report: Report) -> list[Diagnostic]:
    if target.root is None:
        return []
    declared = target.root / "rollups" / f"{target.stem}.yaml"
    if not declared.is_file():
        return []
    results = [evaluate(spec, notice) for spec in load_rollups(declared)]
    report.rollups += [(label, result) for result in results]
    return rollup_findings(results, file=label)


def _check_canonical(target: Target, fresh: Notice | None, report: Report) -> Notice | None:
    path = target.canonical
    assert path is not None
    if not path.is_file():
        if target.raw is not None:
            report.findings.append(
                finding("TD301", f"no canonical file {path}", file=str(target.raw))
            )
        return None
    report.files += 1
    label = str(path)
    if target.raw is None and target.root is not None:
        report.findings.append(finding("TD305", "no raw notice for this file", file=label))
    text = path.read_text(encoding="utf-8")
    try:
        loaded = load_yaml(text, name=label)
    except CanonicalError as error:
        report.findings.append(finding("TD303", error.message, file=label))
        return None
    redumped = dump_yaml(loaded)
    if redumped != text:
        line = first_difference(text, redumped)
        report.findings.append(
            finding("TD302", "re-dumping the file changes this line", file=label, line=line)
        )
    if fresh is not None:
        expected = dump_yaml(fresh)
        if expected != text:
            line = first_difference(text, expected)
            message = f"differs from a fresh parse of {target.raw}; regenerate it"
            report.findings.append(finding("TD304", message, file=label, line=line))
    return loaded


def first_difference(old: str, new: str) -> int:
    """The 1-based number of the first line where two texts differ."""
    old_lines, new_lines = old.splitlines(), new.splitlines()
    for number, (a, b) in enumerate(zip(old_lines, new_lines, strict=False), start=1):
        if a != b:
            return number
    return min(len(old_lines), len(new_lines)) + 1


def report_json(report: Report, *, strict: bool = False) -> dict[str, object]:
    """The machine report, in the shape frictionless users know."""
    counts = report.counts()
    return {
        "valid": not report.failed(strict=strict),
        "stats": {
            "errors": counts["error"],
            "warnings": counts["warning"],
            "info": counts["info"],
            "waived": counts["waived"],
            "files": report.files,
            "units": report.units,
            "items": report.items,
        },
        "findings": [
            {
                "code": found.code,
                "severity": found.severity,
                "message": found.message,
                "file": found.file,
                "line": found.line,
                "unit": found.unit,
                "tier": found.tier,
                "item": found.item,
                "waived": found.waived,
            }
            for found in report.findings
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
            for file, result in report.rollups
        ],
    }


def github_annotations(report: Report) -> list[str]:
    """GitHub Actions workflow commands, one per finding."""
    levels = {"error": "error", "warning": "warning", "info": "notice"}
    lines = []
    for found in report.findings:
        level = "notice" if found.waived else levels[found.severity]
        where = f"file={found.file}" + (f",line={found.line}" if found.line else "")
        waived = " (waived)" if found.waived else ""
        message = found.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        lines.append(f"::{level} {where},title={found.code}{waived}::{message}")
    return lines
