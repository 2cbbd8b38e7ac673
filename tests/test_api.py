"""The library's whole pipeline, as the README shows it: read, check, export."""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import targetdoc
import targetdoc.api
from targetdoc import (
    check_notice,
    check_reading,
    export_bytes,
    load_json,
    load_yaml,
    read_file,
    read_notice,
)
from targetdoc.cli import cli
from targetdoc.errors import InputError

from conftest import ROOT, SAMPLE

CANONICAL = ROOT / "data" / "yaml" / "sanmenxia-2020.yaml"


def test_read_notice_reads_either_form_to_the_same_records() -> None:
    raw, canonical = read_notice(SAMPLE), read_notice(CANONICAL)
    assert raw == canonical
    item = raw.units[0].tiers[0].items[1]
    assert (raw.units[0].name, item.number, item.points, item.span.first) == ("义马市", 2, 60, 75)


def test_check_notice_finds_the_sample_s_known_points_error() -> None:
    findings = check_notice(read_notice(SAMPLE))
    assert [(f.code, f.line) for f in findings] == [
        ("TD201", 650),
        ("TD202", 650),
        ("TD211", 648),
    ]
    assert {f.file for f in findings} == {"sanmenxia-2020.txt"}
    # A canonical file is checked against the profile it records: the same findings.
    assert check_notice(read_notice(CANONICAL)) == findings


def test_check_reading_adds_what_the_parse_found(tmp_path: Path) -> None:
    truncated = tmp_path / "truncated.txt"
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    truncated.write_text("\n".join(lines[:700]) + "\n", encoding="utf-8")
    reading = read_file(truncated)
    codes = [f.code for f in check_reading(reading)]
    assert "TD103" in codes
    assert codes[: len(reading.findings)] == [f.code for f in reading.findings]
    assert reading.profile.name == "default"
    assert reading.source is not None


def test_a_canonical_reading_has_no_parse_and_the_profile_it_records() -> None:
    reading = read_file(CANONICAL)
    assert (reading.findings, reading.source, reading.profile.name) == ((), None, "default")


def test_export_bytes_writes_what_the_export_command_writes() -> None:
    data = export_bytes(read_notice(SAMPLE), "csv", "thresholds")
    head = data.decode("utf-8-sig").splitlines()[0]
    assert head.startswith("doc_number,year,unit,item_number,comparator,")
    command = CliRunner().invoke(cli, ["export", str(SAMPLE), "-t", "thresholds"])
    assert command.stdout_bytes == data


def test_read_notice_names_a_missing_file() -> None:
    with pytest.raises(InputError, match=re.escape("no such file")):
        read_notice(ROOT / "data" / "yaml" / "nowhere.yaml")


def test_the_top_level_and_targetdoc_api_offer_the_same_names() -> None:
    top = set(targetdoc.__all__) - {"__version__"}
    assert top == set(targetdoc.api.__all__)
    for name in top:
        assert getattr(targetdoc, name) is getattr(targetdoc.api, name), name


def test_the_check_is_not_shadowed_by_the_check_package() -> None:
    importlib.import_module("targetdoc.check.validate")
    assert callable(targetdoc.check_notice)


@pytest.mark.parametrize("load", [load_yaml, load_json])
def test_a_path_given_for_canonical_text_is_said_plainly(load: Callable[..., Any]) -> None:
    with pytest.raises(
        TypeError, match=r"takes the file's text, not its path: read_notice\(path\)"
    ):
        load(CANONICAL)
