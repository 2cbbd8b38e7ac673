"""export --split unit: a file for every unit, whatever its name (issue 24, class 22)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from targetdoc.api import parse_notice
from targetdoc.canonical import dump_yaml
from targetdoc.cli import cli
from targetdoc.export.letter import unit_file_stems
from targetdoc.models import Notice, Span, Unit

from conftest import NOTICES

# Names Windows gives to devices, whatever the suffix or case.
WINDOWS_DEVICES = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{n}" for n in range(10)),
    *(f"lpt{n}" for n in range(10)),
}

HOSTILE_NAMES = [
    "CON",
    "aux",
    "NUL",
    "LPT1",
    "com9.局",
    "市/县:联合*办",
    "市_县_联合_办",  # the one above, cleaned
    "市|县?联合<办",
    "///",
    "...",
    " 城关镇. ",
    "城关镇",
    "城关镇",  # named twice (TD209)
    "办" * 300,  # 900 bytes of UTF-8
    "x" * 300,
]


def _with_units(names: list[str]) -> Notice:
    notice = parse_notice(NOTICES / "parts.txt")
    template = notice.units[0]
    units = [template.model_copy(update={"name": name}) for name in names]
    return notice.model_copy(update={"units": units})


def _unit(name: str) -> Unit:
    return Unit(name=name, kind="department", category="", tiers=[], span=Span(first=1, last=1))


def _acceptable(names: list[str], count: int) -> None:
    assert len(names) == count
    assert len(set(names)) == count
    assert len({name.lower() for name in names}) == count  # Windows and macOS ignore case
    for index, name in enumerate(names, 1):
        stem = name.rsplit(".", 1)[0]
        assert stem.split(".")[0].lower() not in WINDOWS_DEVICES, name
        assert len(f".{name}.tmp12345678".encode()) <= 255, name
        assert not any(char in name for char in '\\/:*?"<>|\x00'), name
        assert name.startswith(f"{index:02d}-")


def test_every_unit_gets_its_own_file_in_the_notice_s_order(tmp_path: Path) -> None:
    canonical = tmp_path / "notice.yaml"
    canonical.write_text(dump_yaml(_with_units(HOSTILE_NAMES)), encoding="utf-8")
    for fmt in ("docx", "xlsx"):
        out = tmp_path / fmt
        result = CliRunner().invoke(
            cli, ["export", str(canonical), "--split", "unit", "-f", fmt, "-o", str(out)]
        )
        assert result.exit_code == 0, result.output
        names = sorted(path.name for path in out.iterdir())
        _acceptable(names, len(HOSTILE_NAMES))
        assert names[:4] == [f"01-CON.{fmt}", f"02-aux.{fmt}", f"03-NUL.{fmt}", f"04-LPT1.{fmt}"]
        assert names[11:13] == [f"12-城关镇.{fmt}", f"13-城关镇.{fmt}"]
        assert names[13] == f"14-{'办' * 50}.{fmt}"  # 150 bytes of the name


@given(st.lists(st.text(max_size=120), min_size=1, max_size=12))
def test_any_names_give_distinct_safe_file_names(names: list[str]) -> None:
    stems = unit_file_stems([_unit(name) for name in names])
    _acceptable([f"{stem}.docx" for stem in stems], len(names))
