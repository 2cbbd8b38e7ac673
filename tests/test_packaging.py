"""A wheel installed outside the repository carries its grammars and parses the sample."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from conftest import ROOT, SAMPLE


def test_wheel_ships_the_grammars_and_works_outside_the_checkout(tmp_path: Path) -> None:
    subprocess.run(
        [
            *(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps"),
            *("--no-build-isolation", "--wheel-dir", str(tmp_path / "dist"), str(ROOT)),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = (tmp_path / "dist").glob("targetdoc-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        assert "targetdoc/grammars/notice.yaml" in archive.namelist()
        assert "targetdoc/py.typed" in archive.namelist()
        archive.extractall(tmp_path / "site")
    script = (
        "import targetdoc, targetdoc.grammar as g;"
        f"n = targetdoc.parse_notice(r'{SAMPLE}');"
        "print(targetdoc.__file__); print(g.grammar_dir()); print(len(n.units))"
    )
    run = subprocess.run(
        [sys.executable, "-c", script],
        cwd=tmp_path,
        env={"PYTHONPATH": str(tmp_path / "site"), "PATH": "/usr/bin:/bin"},
        check=True,
        capture_output=True,
        text=True,
    )
    module, grammars, units = run.stdout.splitlines()
    assert module.startswith(str(tmp_path / "site"))
    assert grammars.startswith(str(tmp_path / "site"))
    assert units == "72"
