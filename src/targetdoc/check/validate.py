"""``validate``: every check over notices and their canonical files, and the waivers.

Each notice (with its canonical file) is checked on its own, in a worker process
when there are several (``check_notice_files``); the reports are merged and the
waivers applied last, since a waiver may name any file.
"""

from __future__ import annotations

import contextlib
from dataclasses import replace
from pathlib import Path

from targetdoc.api import parse_file
from targetdoc.canonical import dump_yaml, load_yaml, read_canonical_text
from targetdoc.check.files import NoticeFiles, discover
from targetdoc.check.report import Report
from targetdoc.check.rollups import evaluate, load_rollups, rollup_findings
from targetdoc.check.structure import check_notice
from targetdoc.check.waivers import apply_waivers, load_waivers
from targetdoc.errors import CanonicalError, DataFileError
from targetdoc.findings import Finding
from targetdoc.i18n import N_
from targetdoc.models import Notice
from targetdoc.pool import run_all
from targetdoc.profile import AUTO, Profile, load_profile, recorded_profile

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
        result = parse_file(files.raw, profile=profile)
        fresh = result.notice
        label = str(files.raw)
        assert result.profile is not None
        report.findings += [_relabel(d, label) for d in result.findings]
        report.findings += check_notice(fresh, result.profile, file=label)
        report.findings += _rollups(files, fresh, label, report)
    if files.canonical is not None:
        loaded = _check_canonical(files, fresh, report)
        if fresh is None and loaded is not None:
            standard = _profile_of(loaded, profile)
            report.findings += check_notice(loaded, standard, file=str(files.canonical))
            fresh = loaded
    if fresh is not None:
        report.units += len(fresh.units)
        report.items += sum(1 for _ in fresh.items())
    return report


def _profile_of(notice: Notice, profile: Profile | str) -> Profile:
    """The profile to check a canonical file against: the one named, else the one that
    read it (``source.profile``), else the default."""
    if isinstance(profile, Profile):
        return profile
    if profile != AUTO:
        return load_profile(profile)
    return recorded_profile(notice.source.profile)


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
    path = files.canonical
    assert path is not None
    if not path.is_file():
        if files.raw is not None:
            report.findings.append(
                Finding.of(
                    "TD301",
                    N_("no canonical file {path}"),
                    values={"path": path},
                    file=str(files.raw),
                )
            )
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
    redumped = dump_yaml(loaded)
    if redumped != text:
        line = first_difference(text, redumped)
        report.findings.append(
            Finding.of(
                "TD302",
                N_("re-dumping the file changes this line"),
                values={},
                file=label,
                line=line,
            )
        )
    if fresh is not None:
        recorded = loaded.source.profile
        if files.raw is not None and recorded and recorded != fresh.source.profile:
            # Made with another profile than the one checked against: current if a
            # parse with its own profile gives it (a profile it names no longer may not).
            with contextlib.suppress(DataFileError):
                fresh = parse_file(files.raw, profile=recorded).notice
        expected = dump_yaml(fresh)
        if expected != text:
            line = first_difference(text, expected)
            report.findings.append(
                Finding.of(
                    "TD304",
                    N_("differs from a fresh parse of {notice}; regenerate it"),
                    values={"notice": files.raw},
                    file=label,
                    line=line,
                )
            )
    return loaded


def first_difference(old: str, new: str) -> int:
    """The 1-based number of the first line where two texts differ."""
    old_lines, new_lines = old.splitlines(), new.splitlines()
    for number, (a, b) in enumerate(zip(old_lines, new_lines, strict=False), start=1):
        if a != b:
            return number
    return min(len(old_lines), len(new_lines)) + 1
