"""Canonical files that are not what the tool writes: a finding or one message, no traceback."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from targetdoc.canonical import dump_json, dump_yaml, json_text, load_json
from targetdoc.check.validate import validate
from targetdoc.cli import cli
from targetdoc.errors import CanonicalError
from targetdoc.parse import parse_source
from targetdoc.profile import load_profile
from targetdoc.read.source import Source

from conftest import SAMPLE

LINES = SAMPLE.read_text(encoding="utf-8").split("\n")
FORESTRY = LINES[800:821]


def test_decimals_beyond_a_float_are_written_and_read_exactly() -> None:
    # More than 17 significant digits raised "has no exact JSON number".
    value = Decimal("123456789012345.1234")
    assert json_text({"value": value}, indent=None) == '{"value": 123456789012345.1234}'
    lines = [line.replace("347450亩", "123456789012345.1234亩") for line in FORESTRY]
    notice = parse_source(Source.from_text("\n".join(lines))).notice
    threshold = notice.units[0].tiers[0].items[0].thresholds[0]
    assert threshold.value == value
    assert "123456789012345.1234" in dump_json(notice)
    assert load_json(dump_json(notice)) == notice
    result = CliRunner().invoke(cli, ["thresholds", "造林123456789012345.1234亩", "-f", "json"])
    assert json.loads(result.stdout, parse_float=Decimal)[0]["value"] == value


@pytest.mark.parametrize(
    ("replace", "by", "line", "message"),
    [
        (
            "value: 347450",
            "value: .nan",
            None,
            "not valid YAML: '.nan' is not a plain decimal number",
        ),
        (
            "value: 347450",
            "value: .inf",
            None,
            "not valid YAML: '.inf' is not a plain decimal number",
        ),
        (
            "value: 347450",
            "value: 1e5000",
            None,
            "not valid YAML: '1e5000' is not a plain decimal number",
        ),
        (
            "issued_on: null",
            "issued_on: 2020-13-45",
            None,
            "not valid YAML: month must be in 1..12",
        ),
    ],
)
def test_a_canonical_yaml_with_numbers_no_notice_holds_is_a_finding(
    tmp_path: Path, replace: str, by: str, line: int | None, message: str
) -> None:
    root = tmp_path / "data"
    (root / "raw").mkdir(parents=True)
    (root / "yaml").mkdir()
    notice = parse_source(Source.from_text("\n".join(FORESTRY), name="mini.txt")).notice
    text = dump_yaml(notice)
    assert replace in text
    broken = text.replace(replace, by, 1)
    at = broken.split("\n").index(next(x for x in broken.split("\n") if by in x)) + 1
    (root / "yaml" / "mini.yaml").write_text(broken, encoding="utf-8")
    report = validate([root / "yaml" / "mini.yaml"], load_profile())
    td303 = [(f.line, f.message) for f in report.findings if f.code == "TD303"]
    expected_line = at if "month" not in message else None
    assert td303 == [(expected_line, message)]


def test_invalid_utf8_in_a_canonical_file_is_a_finding_with_its_line(tmp_path: Path) -> None:
    notice = parse_source(Source.from_text("\n".join(FORESTRY), name="mini.txt")).notice
    data = dump_yaml(notice).encode("utf-8").replace("造林".encode(), b"\xff\xfe", 1)
    path = tmp_path / "mini.yaml"
    path.write_bytes(data)
    report = validate([path], load_profile())
    line = data[: data.index(b"\xff")].count(b"\n") + 1
    assert [(f.code, f.line, f.message) for f in report.findings] == [
        ("TD303", line, "not UTF-8 text (byte 0xff)")
    ]


@pytest.mark.parametrize("token", ["NaN", "Infinity", "-Infinity", "1e5000"])
def test_canonical_json_with_a_number_no_notice_holds_is_refused(token: str) -> None:
    notice = parse_source(Source.from_text("\n".join(FORESTRY), name="mini.txt")).notice
    text = dump_json(notice).replace('"value": 347450', f'"value": {token}', 1)
    with pytest.raises(CanonicalError, match="not valid JSON"):
        load_json(text, name="mini.json")
