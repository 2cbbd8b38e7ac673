"""A notice from a file of either form: a raw notice is parsed, a canonical file loaded.

The words hold across the package: *read* is a file → what it holds (bytes → text in
``targetdoc.read``, a notice file of either form → its records here), *parse* is
text → records with findings, *load* is a data file → an object.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from targetdoc.errors import InputError
from targetdoc.findings import Finding
from targetdoc.models import Notice
from targetdoc.profile import AUTO, Profile, profile_for
from targetdoc.read.kinds import file_kind

if TYPE_CHECKING:
    from targetdoc.read.source import Source

__all__ = ["Reading", "parse_notice", "parse_text", "read_file", "read_notice"]


@dataclass(frozen=True)
class Reading:
    """A notice's records as read from a file, with what the parse found (a canonical
    file: nothing), its text's lines (a raw notice's only) and the profile to check it
    against."""

    notice: Notice
    file: str
    findings: tuple[Finding, ...] = ()
    source: Source | None = None
    asked: Profile | str = field(default=AUTO, repr=False)

    @functools.cached_property
    def profile(self) -> Profile:
        """The profile that read the notice; a canonical file's: the one asked for, else
        the one it records (looked up only when asked: exporting a canonical file
        needs none)."""
        return profile_for(self.notice.source.profile, self.asked)


def parse_notice(path: str | Path) -> Notice:
    """The records of a raw notice file (``parse_file`` keeps the findings too)."""
    from targetdoc.parse import parse_file

    return parse_file(path).notice


def parse_text(text: str, *, name: str = "<text>") -> Notice:
    """The records of a notice given as text; ``name`` stands in for the file name."""
    from targetdoc.parse import parse_source
    from targetdoc.read.source import Source

    return parse_source(Source.from_text(text, name=name)).notice


def read_notice(
    path: str | Path, *, profile: Profile | str = AUTO, unit: str | None = None
) -> Notice:
    """A notice's records from either form: a raw notice is parsed (``profile`` and
    ``unit`` as ``parse_file`` takes them), a canonical file loaded."""
    return read_file(path, profile=profile, unit=unit).notice


def read_file(
    path: str | Path, *, profile: Profile | str = AUTO, unit: str | None = None
) -> Reading:
    """``read_notice``, keeping what a command says besides the records: the parse's
    findings (TD103: truncated), the text's lines and the profile."""
    path = Path(path)
    kind = file_kind(path)
    if kind == "notice":
        # Here, not at the top: a canonical file needs no parser (a fifth of its load).
        from targetdoc.parse import parse_file

        result = parse_file(path, profile=profile, unit=unit)
        assert result.profile is not None
        return Reading(
            result.notice, result.source.label, result.findings, result.source, result.profile
        )
    if not path.is_file():
        what = "is a folder, not a file" if path.is_dir() else "no such file"
        raise InputError(what, path=str(path))
    # Here, not at the top: ruamel.yaml takes a fifth of a second to import, and a
    # command given raw notices (parse, diff) never loads a canonical file.
    from targetdoc.canonical import load_json, load_yaml, read_canonical_text

    text = read_canonical_text(path)
    load = load_json if kind == "canonical-json" else load_yaml
    return Reading(load(text, name=str(path)), str(path), asked=profile)
