"""``validate``: every check over notices and their canonical files, and the waivers.

Each notice (with its canonical file) is checked on its own, in a worker process
when there are several (``check_notice_files``); the reports are merged and the
waivers applied last, since a waiver may name any file.
"""

from __future__ import annotations

import contextlib
from dataclasses import replace
from pathlib import Path

from targetdoc.canonical import dump_yaml, load_yaml, read_canonical_text
from targetdoc.check.files import NoticeFiles, discover
from targetdoc.check.report import Report
from targetdoc.check.rollups import evaluate, load_rollups, rollup_findings
from targetdoc.check.structure import check_notice, check_reading
from targetdoc.check.waivers import apply_waivers, load_waivers
from targetdoc.errors import CanonicalError, DataFileError
from targetdoc.findings import Finding
from targetdoc.i18n import N_
from targetdoc.models import Notice
from targetdoc.parse import parse_file
from targetdoc.pool import run_all
from targetdoc.profile import AUTO, Profile
from targetdoc.reading import read_file

__all__ = ["Report", "check_notice_files", "first_difference", "validate"]


def validate(
    paths: list[Path],
    profile: Profile | str = AUTO,
    *,
    waivers: Path | None = None,
    jobs: int = 1,
) -> Report:
    """Check every notice and canonical file named, ``jobs`` at a time; apply the waivers.

    ``profile`` is a profile, its name or file, or ``auto``: each notice is then checked
    against the profile that reads it best (a canonical file's ``source.profile``).
    """
    found = discover(paths)
    report = Report()
    for outcome in run_all(check_notice_files, [(files, profile) for files in found], jobs=jobs):
        if outcome.error is not None:
            report.errors.append(outcome.error)  # the others are still checked
            continue
        assert outcome.result is not None
        report.add(outcome.result)
    roots = {files.root for files in found if files.root is not None}
    waiver_files = [waivers] if waivers else [r / "waivers.yaml" for r in sorted(roots)]
    for waiver_file in waiver_files:
        if waiver_file.is_file() or waivers:
            declared = load_waivers(waiver_file)
            report.findings = apply_waivers(report.findings, declared, file=str(waiver_file))
    return report


def check_notice_files(work: tuple[NoticeFiles, Profile | str]) -> Report:
    """Every finding about one notice and its canonical file (run in a worker process)."""
    files, profile = work
    report = Report()
    fresh: Notice | None = None
    if files.raw is not None:
        report.files += 1
        reading = read_file(files.raw, profile=profile)
        fresh = reading.notice
        label = str(files.raw)
        report.findings += [_relabel(d, label) for d in check_reading(reading)]
        report.findings += _rollups(files, fresh, label, report)
    if files.canonical is not None:
        loaded = _check_canonical(files, fresh, report)
        if fresh is None and loaded is not None:
            report.findings += check_notice(loaded, profile, file=str(files.canonical))
            fresh = loaded
    if fresh is not None:
        report.units += len(fresh.units)
        report.items += sum(1 for _ in fresh.items())
    return report


def _relabel(finding: Finding, label: str) -> Finding:
    return replace(finding, file=label)


def _rollups(files: NoticeFiles, notice: Notice, label: str, report: Report) -> list[Finding]:
    if files.root is None:
        return []
    declared = files.root / "rollups" / f"{files.stem}.yaml"
    if not declared.is_file():
        return []
    results = [evaluate(spec, notice) for spec in load_rollups(declared)]
    report.rollups += [(label, result) for result in results]
    return rollup_findings(results, file=label)


def _check_canonical(files: NoticeFiles, fresh: Notice | None, report: Report) -> Notice | None:
    """The canonical file's findings (TD301 to TD305) into the report; its records,
    where they load."""
    path = files.canonical
    assert path is not None
    if not path.is_file():
        if files.raw is not None:
            report.findings.append(_missing(path, files.raw))
        return None
    report.files += 1
    label = str(path)
    if files.raw is None and files.root is not None:
        report.findings.append(
            Finding.of("TD305", N_("no raw notice for this file"), values={}, file=label)
        )
    try:
        text = read_canonical_text(path)
        loaded = load_yaml(text, name=label)
    except CanonicalError as error:
        report.findings.append(Finding.of("TD303", error.message, file=label, line=error.line))
        return None
    report.findings += _redumped(loaded, text, label)
    if fresh is not None and files.raw is not None:
        report.findings += _stale(files.raw, fresh, loaded, text, label)
    return loaded


def _missing(path: Path, raw: Path) -> Finding:
    """TD301: a raw notice without its canonical file."""
    return Finding.of("TD301", N_("no canonical file {path}"), values={"path": path}, file=str(raw))


def _redumped(loaded: Notice, text: str, label: str) -> list[Finding]:
    """TD302: the file is not in canonical form (re-dumping it changes a line)."""
    redumped = dump_yaml(loaded)
    if redumped == text:
        return []
    line = first_difference(text, redumped)
    said = N_("re-dumping the file changes this line")
    return [Finding.of("TD302", said, values={}, file=label, line=line)]


def _stale(raw: Path, fresh: Notice, loaded: Notice, text: str, label: str) -> list[Finding]:
    """TD304: the file is not what a fresh parse of its notice gives."""
    recorded = loaded.source.profile
    if recorded and recorded != fresh.source.profile:
        # Made with another profile than the one checked against: current if a
        # parse with its own profile gives it (a profile it names no longer may not).
        with contextlib.suppress(DataFileError):
            fresh = parse_file(raw, profile=recorded).notice
    expected = dump_yaml(fresh)
    if expected == text:
        return []
    line = first_difference(text, expected)
    said = N_("differs from a fresh parse of {notice}; regenerate it")
    return [Finding.of("TD304", said, values={"notice": raw}, file=label, line=line)]


def first_difference(old: str, new: str) -> int:
    """The 1-based number of the first line where two texts differ."""
    old_lines, new_lines = old.splitlines(), new.splitlines()
    for number, (a, b) in enumerate(zip(old_lines, new_lines, strict=False), start=1):
        if a != b:
            return number
    return min(len(old_lines), len(new_lines)) + 1
