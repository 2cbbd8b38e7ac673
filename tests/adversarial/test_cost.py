"""Unbounded cost: inputs whose size must not make the work grow faster than the input."""

from __future__ import annotations

from targetdoc.canonical.style import c_loader_in_use
from targetdoc.parse import parse_source
from targetdoc.parse.provenance import line_owners
from targetdoc.read.source import Source

from conftest import SAMPLE


def test_the_next_content_line_is_found_without_copying_the_rest_of_the_notice() -> None:
    # Source.next_content copied every later line on each call: 100 × the sample took
    # 10.8 s, 600 × 286 s and 3.6 GB. Now it is a lookup in one index of the content lines.
    lines = ["", "甲", "", "", "乙", "---", "— 3 —", "丙", ""]
    source = Source.from_text("\n".join(lines))
    assert [source.next_content(n) for n in range(len(lines) + 1)] == [
        source.line(2),  # before the first line
        source.line(2),
        source.line(5),
        source.line(5),
        source.line(5),
        source.line(8),  # a thematic break and a page number are no content
        source.line(8),
        source.line(8),
        None,
        None,
    ]
    assert source._content == [1, 4, 7]


def test_ten_samples_in_one_text_place_or_report_every_line() -> None:
    # The speed is measured by make bench (parse 100 × the sample); here, what it gives.
    text = SAMPLE.read_text(encoding="utf-8")
    result = parse_source(Source.from_text(text * 10))
    assert len(result.notice.units) == 72
    reported = {f.line or 0 for f in result.findings if f.code == "TD101"}
    assert min(reported) > 1988  # the first copy is the notice; the rest is reported
    owners = line_owners(result.source, result.notice)
    assert all(
        (paths == []) if number in reported else len(paths) == 1 for number, paths in owners.items()
    )


def test_canonical_yaml_loads_with_the_c_parser() -> None:
    # ruamel.yaml 0.19 looks for the old C extension's name and silently used pure
    # Python with the ruamel.yaml.clibz it installs: loading took 4 × as long.
    assert c_loader_in_use()


def test_an_endless_input_is_cut_at_the_limit_with_one_message() -> None:
    # parse /dev/zero read forever.
    from click.testing import CliRunner

    from targetdoc.cli import cli

    result = CliRunner().invoke(cli, ["parse", "/dev/zero"])
    assert result.exit_code == 2
    assert result.stderr == (
        "targetdoc: error: /dev/zero: larger than 50,000,000 bytes: not a notice "
        "(TARGETDOC_MAX_INPUT_MB raises the limit)\n"
    )
