"""Profiles, waivers and roll-ups written by hand: every mistake is one message with its line."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from targetdoc.check.rollups import load_rollups
from targetdoc.check.waivers import load_waivers
from targetdoc.cli import cli
from targetdoc.errors import DataFileError
from targetdoc.profile import load_profile

from conftest import ROOT

WAIVER = (
    "waivers:\n"
    "  - code: TD201\n"
    "    unit: 市林业局\n"
    "    message: 市林业局 重点目标 declares 500 points but its 2 items sum to 450\n"
    "    reason: as published\n"
)


def _file(tmp_path: Path, text: str | bytes, name: str = "data.yaml") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (
            WAIVER.replace("unit: 市林业局", "item: abc"),
            3,
            "waivers.0.item: Input should be a valid integer",
        ),
        (
            WAIVER.replace("code: TD201", "code: [TD201]"),
            2,
            "waivers.0.code: Input should be a valid string",
        ),
        (
            WAIVER.replace("code: TD201", "code: TD999"),
            2,
            "waivers.0.code: Value error, unknown code TD999",
        ),
        (WAIVER.replace("    reason: as published\n", ""), 2, "waivers.0.reason: Field required"),
        (WAIVER.replace("unit:", "unti:"), 3, "waivers.0.unti: Extra inputs are not permitted"),
        ("waivers: {code: TD201}\n", 1, "waivers: Input should be a valid list"),
        ("waivers:\n  - code: TD201\n   bad indent: x\n", 3, "not valid YAML"),
    ],
)
def test_a_bad_waiver_names_its_line(tmp_path: Path, text: str, line: int, message: str) -> None:
    with pytest.raises(DataFileError) as raised:
        load_waivers(_file(tmp_path, text))
    assert raised.value.line == line
    assert raised.value.message.startswith(message)


def test_aliases_are_refused_before_they_expand(tmp_path: Path) -> None:
    # A 452-byte billion-laughs waivers.yaml ran 42 s into MemoryError.
    laughs = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for level in range(1, 9):
        previous = chr(ord("a") + level - 1)
        name = chr(ord("a") + level)
        laughs.append(f"{name}: &{name} [*{previous}, *{previous}, *{previous}, *{previous}]")
    path = _file(tmp_path, "\n".join(laughs) + "\nwaivers: *i\n")
    with pytest.raises(DataFileError) as raised:
        load_waivers(path)
    assert raised.value.line == 1
    assert "anchors and aliases" in raised.value.message


def test_non_utf8_bytes_name_their_line(tmp_path: Path) -> None:
    path = _file(tmp_path, WAIVER.encode("utf-8").replace(b"as published", b"\xff\xfe"))
    with pytest.raises(DataFileError) as raised:
        load_waivers(path)
    assert (raised.value.line, raised.value.message) == (5, "not UTF-8 text (byte 0xff)")


def test_an_oversized_data_file_is_refused_unread(tmp_path: Path) -> None:
    path = _file(tmp_path, "# " + "x" * 1_000_001 + "\n")
    with pytest.raises(DataFileError, match="larger than 1,000,000 bytes"):
        load_waivers(path)


ROLLUP = (
    "rollups:\n"
    "  - name: 造林\n"
    "    total: {unit: 市林业局, item: 1, subject: 造林绿化任务}\n"
    "    parts: {kind: county, subject: 造林绿化任务}\n"
    "    complete: true\n"
)


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        # "false" in quotes was read as true: a string is not a boolean.
        (ROLLUP.replace("complete: true", 'complete: "false"'), 5, "rollups.0.complete"),
        (
            ROLLUP.replace("subject: 造林绿化任务}\n    parts", "subject: '造林(绿化'}\n    parts"),
            3,
            "rollups.0.total.subject: Value error, not a valid pattern",
        ),
        (ROLLUP.replace("item: 1", "item: one"), 3, "rollups.0.total.item"),
        (ROLLUP.replace("kind: county", "kind: province"), 4, "rollups.0.parts.kind"),
        (
            ROLLUP.replace("{unit: 市林业局, item: 1, ", "{"),
            3,
            "rollups.0.total: Value error, name either",
        ),
    ],
)
def test_a_bad_rollup_names_its_line(tmp_path: Path, text: str, line: int, message: str) -> None:
    with pytest.raises(DataFileError) as raised:
        load_rollups(_file(tmp_path, text))
    assert raised.value.line == line
    assert raised.value.message.startswith(message)


def test_a_bad_profile_names_its_line(tmp_path: Path) -> None:
    text = "name: other\nunit_total: 1000\ntiers:\n  department: {重点目标: six hundred}\n"
    with pytest.raises(DataFileError) as raised:
        load_profile(str(_file(tmp_path, text, "p.yaml")))
    assert raised.value.line == 4
    assert raised.value.message.startswith(
        "tiers.department.重点目标: Input should be a valid integer"
    )


def test_validate_reports_a_bad_waivers_file_without_a_traceback(tmp_path: Path) -> None:
    bad = _file(tmp_path, WAIVER.replace("unit: 市林业局", "item: abc"), "waivers.yaml")
    result = CliRunner().invoke(cli, ["validate", str(ROOT / "data"), "--waivers", str(bad)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"targetdoc: error: {bad}:3: waivers.0.item: Input should be a valid integer\n"
    )
