"""A wheel installed outside the repository carries its data and parses the sample; the sdist
carries what its tests need."""

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
        names = archive.namelist()
        assert "targetdoc/grammars/notice.yaml" in names
        assert "targetdoc/profiles/default.yaml" in names
        assert "targetdoc/export/assets/report.css" in names
        assert "targetdoc/py.typed" in names
        # The Chinese catalog, compiled by Babel in the build (it is not committed).
        assert "targetdoc/locale/zh_CN/LC_MESSAGES/targetdoc.mo" in names
        assert not [name for name in names if name.startswith("grammars/")]
        archive.extractall(tmp_path / "site")
    script = (
        "import targetdoc, targetdoc.grammar as g;"
        f"n = targetdoc.parse_notice(r'{SAMPLE}');"
        "import targetdoc.profile as p; p.load_profile('default');"
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


def test_sdist_carries_the_schema_license_and_docs_its_tests_and_readers_need(
    tmp_path: Path,
) -> None:
    import tarfile

    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "sdist", "-d", str(tmp_path)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    (sdist,) = tmp_path.glob("targetdoc-*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    for needed in (
        "schema/notice.schema.json",
        "LICENSE",
        "CHANGELOG.md",
        "docs/architecture.md",
        "src/targetdoc/grammars/notice.yaml",
        "tests/test_golden.py",
    ):
        assert needed in names


def test_the_version_has_one_source() -> None:
    import tomllib

    import targetdoc

    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    assert "version" not in project
    assert project["dynamic"] == ["version"]
    from importlib.metadata import version

    assert version("targetdoc") == targetdoc.__version__


def test_the_pre_commit_hook_runs_a_command_the_package_installs() -> None:
    import tomllib

    from ruamel.yaml import YAML

    hooks = YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["scripts"]
    assert [(hook["id"], hook["entry"].split()[0]) for hook in hooks] == [
        ("targetdoc-validate", "targetdoc")
    ]
    assert "targetdoc" in scripts
