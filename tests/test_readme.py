"""Every command of the README runs as written on a fresh clone: the repository's files
copied to a new folder, each ``targetdoc`` line of its shell examples run there in order,
with the exit code the README gives it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

_BLOCK = re.compile(r"```(sh|console)\n(.*?)```", re.S)
_COMMENT = re.compile(r"\s+#\s.*$")


def readme_commands() -> list[str]:
    """The README's targetdoc commands, as written, without their comments."""
    return list(_examples())


def _examples() -> dict[str, str | None]:
    """Each command, with the output a console example shows for it (None: not shown)."""
    text = (ROOT / "README.md").read_text("utf-8")
    examples: dict[str, str | None] = {}
    for kind, block in _BLOCK.findall(text):
        if kind == "console":
            command, _, output = block.removeprefix("$ ").partition("\n")
            examples[command] = output
            continue
        for line in block.splitlines():
            command = _COMMENT.sub("", line).strip()
            if command.startswith("targetdoc ") or "| targetdoc " in command:
                examples[command] = None
    return examples


def _expected(command: str) -> int:
    """What the README says the command exits with: diff 1 (the notices differ), score 1
    (units of the sample that reported nothing), every other 0."""
    if command.startswith("targetdoc diff "):
        return 1
    if command.startswith("targetdoc score ") and "--template" not in command:
        return 1
    return 0


def _shows(stdout: str, shown: str) -> bool:
    """Whether the output ends with what the README shows of it (a title above a table
    is left out there)."""
    lines = [line.rstrip() for line in stdout.splitlines()]
    expected = [line.rstrip() for line in shown.splitlines()]
    return lines[-len(expected) :] == expected


def _fresh_clone(folder: Path) -> Path:
    """The files a clone would have: tracked, or new and not ignored."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    clone = folder / "clone"
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (clone / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, clone / name)
    return clone


def test_the_readme_names_the_commands_it_documents() -> None:
    commands = readme_commands()
    assert len(commands) >= 20
    for name in ("parse", "export", "report", "score", "diff", "validate", "thresholds"):
        assert any(c.startswith(f"targetdoc {name} ") for c in commands), name


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git to list the clone's files")
def test_every_readme_command_runs_as_written_on_a_fresh_clone(tmp_path: Path) -> None:
    clone = _fresh_clone(tmp_path)
    environment = dict(os.environ)
    environment["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{environment['PATH']}"
    environment.pop("TARGETDOC_LANG", None)
    failed = []
    for command, output in _examples().items():
        done = subprocess.run(
            ["bash", "-c", command],
            check=False,
            cwd=clone,
            env=environment,
            capture_output=True,
            text=True,
            timeout=600,
        )
        if done.returncode != _expected(command) or "Traceback" in done.stderr:
            failed.append((command, done.returncode, done.stderr[-500:]))
        elif output is not None and not _shows(done.stdout, output):
            failed.append((command, done.returncode, done.stdout))
    assert failed == []
    # What they wrote is where the README says.
    assert (clone / "build" / "report.html").is_file()
    assert len(list((clone / "letters").glob("*.docx"))) == 72
    assert sorted(p.name for p in (clone / "forms").iterdir()) == [
        "actuals.csv",
        "benchmarks.yaml",
        "deductions.csv",
    ]
