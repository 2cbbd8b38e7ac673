"""data/yaml/ holds the canonical output for each notice in data/raw/, and it is current.

Run with UPDATE_GOLDEN=1 (or ``make golden``) to rewrite the files, then review the
diff like code.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from targetdoc.api import parse_notice
from targetdoc.canonical import dump_yaml, load_yaml

from conftest import ROOT

RAW = sorted((ROOT / "data" / "raw").glob("*.txt"))


def test_there_is_a_notice_to_check() -> None:
    assert [path.name for path in RAW] == ["sanmenxia-2020.txt"]


@pytest.mark.parametrize("raw", RAW, ids=lambda path: path.stem)
def test_canonical_yaml_is_current(raw: Path) -> None:
    golden = ROOT / "data" / "yaml" / f"{raw.stem}.yaml"
    fresh = dump_yaml(parse_notice(raw))
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.write_text(fresh, encoding="utf-8", newline="\n")
    assert golden.read_text(encoding="utf-8") == fresh, (
        f"{golden.relative_to(ROOT)} is stale: run `make golden` and review the diff"
    )


@pytest.mark.parametrize("raw", RAW, ids=lambda path: path.stem)
def test_canonical_yaml_round_trips_byte_for_byte(raw: Path) -> None:
    golden = (ROOT / "data" / "yaml" / f"{raw.stem}.yaml").read_text(encoding="utf-8")
    assert dump_yaml(load_yaml(golden)) == golden
