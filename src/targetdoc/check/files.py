"""Which files validate checks: notices paired with their canonical files in a data folder.

A data folder has ``raw/`` (notices) and, beside it, ``yaml/`` (their canonical
files), ``rollups/`` (roll-up declarations per notice) and ``waivers.yaml``. The
repository's ``data/`` is one.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from targetdoc.errors import InputError
from targetdoc.read.kinds import CANONICAL_YAML_SUFFIXES, NOTICE_SUFFIXES, is_own_output


@dataclass(frozen=True)
class NoticeFiles:
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


def data_root(path: Path) -> Path | None:
    """The data folder a folder is or a file lies in (a folder with a raw/ folder)."""
    for candidate in (path, path.parent.parent):
        if (candidate / "raw").is_dir():
            return candidate
    return None


def discover(paths: list[Path]) -> list[NoticeFiles]:
    """The notices named by files and folders, each paired with its canonical file."""
    found: list[NoticeFiles] = []
    for path in paths:
        if not path.exists():
            raise InputError("no such file or folder", path=str(path))
        root = data_root(path)
        if path.is_dir() and root == path:
            found += _notice_files_in_root(path)
        elif path.is_dir():
            found += [_notice_files_of(p, None) for p in sorted(path.iterdir()) if _known(p)]
        else:
            found.append(_notice_files_of(path, root))
    return found


def _known(path: Path) -> bool:
    suffix = path.suffix.lower()
    return (
        path.is_file()
        and suffix in NOTICE_SUFFIXES + CANONICAL_YAML_SUFFIXES
        and not (is_own_output(path))
    )


def _notice_files_in_root(root: Path) -> list[NoticeFiles]:
    raws = sorted(
        p
        for p in (root / "raw").iterdir()
        if p.suffix.lower() in NOTICE_SUFFIXES and not is_own_output(p)
    )
    found = [NoticeFiles(raw, root / "yaml" / f"{raw.stem}.yaml", root) for raw in raws]
    stems = {raw.stem for raw in raws}
    canonical_dir = root / "yaml"
    if canonical_dir.is_dir():
        found += [
            NoticeFiles(None, path, root)
            for path in sorted(canonical_dir.iterdir())
            if path.suffix in CANONICAL_YAML_SUFFIXES and path.stem not in stems
        ]
    return found


def _notice_files_of(path: Path, root: Path | None) -> NoticeFiles:
    if path.suffix in CANONICAL_YAML_SUFFIXES:
        raws = [root / "raw" / f"{path.stem}{s}" for s in NOTICE_SUFFIXES] if root else []
        raw = next((p for p in raws if p.is_file()), None)
        return NoticeFiles(raw, path, root)
    canonical = root / "yaml" / f"{path.stem}.yaml" if root else None
    return NoticeFiles(path, canonical, root)
