"""Data files and profiles that cost without bound or reach outside their own data
(issue 24, classes 14, 16, 18)."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from targetdoc.backtracking import nested_repeat
from targetdoc.check.rollups import load_rollups
from targetdoc.check.waivers import load_waivers
from targetdoc.cli import cli
from targetdoc.errors import DataFileError
from targetdoc.profile import load_profile
from targetdoc.score.benchmarks import load_benchmarks

from conftest import NOTICES, ROOT, every_pattern

LOADERS: dict[str, Callable[[Path], object]] = {
    "profile": lambda path: load_profile(str(path)),
    "waivers": load_waivers,
    "rollups": load_rollups,
    "benchmarks": load_benchmarks,
}


def _nested(shape: str, levels: int) -> str:
    if shape == "flow-lists":
        return "name: x\nextra: " + "[" * levels + "]" * levels + "\n"
    if shape == "flow-maps":
        return "name: x\nextra: " + "{a: " * levels + "1" + "}" * levels + "\n"
    # block mappings, each a level deeper by one space (20,000 levels pass 1 MB: refused
    # for their size before their depth)
    return "name: x\nextra:\n" + "".join(f"{' ' * (n + 1)}a:\n" for n in range(levels))


# 14. Nesting is bounded on the event stream: refused at once, at its line.


@pytest.mark.parametrize("kind", sorted(LOADERS))
@pytest.mark.parametrize("shape", ["flow-lists", "flow-maps", "block-maps"])
@pytest.mark.parametrize("levels", [21, 1000, 20000])
def test_deeply_nested_data_is_refused_at_once(
    kind: str, shape: str, levels: int, tmp_path: Path
) -> None:
    path = tmp_path / f"{kind}.yaml"
    path.write_text(_nested(shape, levels), encoding="utf-8")
    started = time.perf_counter()
    with pytest.raises(DataFileError) as refused:
        LOADERS[kind](path)
    assert time.perf_counter() - started < 3
    if shape == "block-maps" and levels == 20000:
        assert str(refused.value) == f"{path}: larger than 1,000,000 bytes"
        return
    line = 2 if shape != "block-maps" else 22
    assert str(refused.value) == (
        f"{path}:{line}: nested deeper than 20 levels: no data file needs more"
    )


def test_nesting_a_data_file_needs_is_read(tmp_path: Path) -> None:
    path = tmp_path / "city.yaml"
    path.write_text(
        "name: city\ntiers:\n  county:\n    重点目标: 500\nscoring:\n  rule: proportional\n",
        encoding="utf-8",
    )
    assert load_profile(str(path)).tiers == {"county": {"重点目标": 500}}


# 16. A profile's pattern that can backtrack without end is refused when it is loaded.

PROFILE = (
    "name: slow\npatterns:\n  unit_heading:\n    doc: a unit heading\n"
    "    regex: '{regex}'\n    examples: ['东山县政府单位']\n    counterexamples: ['东山县政府']\n"
)


@pytest.mark.parametrize(
    "regex",
    [
        "^(?:[^，。；]+)+单位$",
        "^(\\w+\\s?)+单位$",
        "^(?:(?:东|山|县)+)*政府单位$",
        "^(?:[^，]{1,3})+单位$",
        "^(?:.*?)*单位$",
        "^(?=(?:\\w+)+)东山县政府单位$",
        "^(?:[^，]+|政府)+单位$",
    ],
)
def test_a_pattern_that_can_backtrack_without_end_is_refused_at_once(
    regex: str, tmp_path: Path
) -> None:
    profile = tmp_path / "slow.yaml"
    profile.write_text(PROFILE.format(regex=regex), encoding="utf-8")
    started = time.perf_counter()
    result = CliRunner().invoke(
        cli, ["parse", str(NOTICES / "parts.txt"), "--profile", str(profile)]
    )
    assert time.perf_counter() - started < 10
    assert result.exit_code == 2
    assert result.stderr == (
        "targetdoc: error: profile slow: pattern unit_heading repeats a part that itself "
        "repeats, with nothing between them (as (?:[^，。；]+)+): matching it can take "
        "forever on a long line; repeat the part once ([^，。；]+)\n"
    )


@pytest.mark.parametrize(
    "regex",
    [
        "^单位:(?P<name>[^，]{2,30})$",
        "^(?:[^、]+、)+单位$",
        "^(?:第\\d+条)+$",
        "^(?:\\d{1,3},)+\\d+$",
        "^(?:第\\d+条|附件\\d+)+$",
        "^(?:[^()]|\\([^()]*\\))*$",
        "^(?:\\d+[a-z])+$",
        "^(?:a|ab)*c$",
        "^(?:东|山|县)+政府$",
    ],
)
def test_repetitions_that_cannot_split_a_line_are_allowed_and_quick(regex: str) -> None:
    import re

    assert not nested_repeat(regex)
    compiled = re.compile(regex)
    for char in "a(、,0东山第条附件x":
        started = time.perf_counter()
        compiled.match(char * 40 + "!")
        assert time.perf_counter() - started < 0.5, (regex, char)


def test_no_shipped_pattern_is_refused() -> None:
    from targetdoc.grammar import grammar

    for name in ("notice.yaml", "thresholds.yaml", "units.yaml"):
        loaded = grammar(name)
        assert [p.name for p in every_pattern(loaded) if nested_repeat(p.regex.pattern)] == []


# 18. A canonical file's source.profile is a name of a shipped profile, never a path.

CANONICAL = (ROOT / "data" / "yaml" / "sanmenxia-2020.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "named",
    ["/etc/passwd.yaml", "../../secret.yaml", "x.yml", "a/b", "~root", ".hidden", "c:\\x.yaml"],
)
def test_a_canonical_file_naming_a_path_for_its_profile_is_td303(
    named: str, tmp_path: Path
) -> None:
    folder = tmp_path / "data"
    (folder / "yaml").mkdir(parents=True)
    path = folder / "yaml" / "sanmenxia-2020.yaml"
    text = CANONICAL.replace("  profile: default\n", f"  profile: '{named}'\n")
    assert text != CANONICAL
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(path), "--format", "json"])
    assert result.exit_code == 1
    import json

    (finding,) = [f for f in json.loads(result.stdout)["findings"] if f["code"] == "TD303"]
    assert finding["message"] == (
        "not a valid notice: source.profile: String should match pattern "
        "'^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$'"
    )


@pytest.mark.parametrize("command", ["score", "export"])
def test_a_profile_name_the_package_does_not_ship_is_refused_not_searched(
    command: str, tmp_path: Path
) -> None:
    path = tmp_path / "notice.yaml"
    path.write_text(CANONICAL.replace("  profile: default\n", "  profile: passwd\n"), "utf-8")
    actuals = tmp_path / "a.csv"
    actuals.write_text("unit,item,actual\n义马市,1,7\n", encoding="utf-8")
    args = {
        "score": ["score", str(path), str(actuals)],
        "export": ["export", str(path), "-o", str(tmp_path / "t.db")],
    }[command]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    assert (
        "passwd: the notice was read with a profile targetdoc does not ship: name its file "
        "with --profile FILE"
    ) in result.stderr


# 13, in data files: a number too long for Python to convert is refused at its line.


@pytest.mark.parametrize(
    ("kind", "text", "line"),
    [
        ("benchmarks", "全省平均水平:\n  增速: {number}\n", 2),
        ("waivers", "waivers:\n  - code: TD201\n    item: {number}\n    reason: r\n", 3),
        ("profile", "name: city\nunit_total: {number}\n", 2),
        ("rollups", "rollups:\n  - target: 就业\n    total: {number}\n", 3),
    ],
)
@pytest.mark.parametrize(
    "number", ["9" * 5000, "-" + "1" * 4400, "1" * 200 + ".5", "0x" + "f" * 4000]
)
def test_a_number_too_long_in_a_data_file_is_refused_at_its_line(
    kind: str, text: str, line: int, number: str, tmp_path: Path
) -> None:
    path = tmp_path / f"{kind}.yaml"
    path.write_text(text.format(number=number), encoding="utf-8")
    with pytest.raises(DataFileError) as refused:
        LOADERS[kind](path)
    assert str(refused.value) == (
        f"{path}:{line}: a number of more than 100 digits: no data file needs one (write it "
        "in quotes if it is a name)"
    )
