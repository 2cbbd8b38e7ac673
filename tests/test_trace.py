"""The rule trace: which rule took each line, and why none took an unplaced one."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from click.testing import CliRunner

from targetdoc import grammar
from targetdoc.cli import cli
from targetdoc.parse import TraceStep, parse_file, parse_source
from targetdoc.parse.rules import RULES
from targetdoc.read.source import Source

from conftest import NOTICES, ROOT, SAMPLE


def _stray_line_after_item_17(sample_source: Source) -> Source:
    """The sample with a stray line between 市政府办公室's last item and the next unit."""
    lines = sample_source.text.split("\n")
    assert lines[645] == "17. 完成行政服务工作目标（10分）。"
    lines.insert(647, "这是一行多余的文字")
    return Source.from_text("\n".join(lines), name="stray.txt")


def test_every_nonblank_line_of_the_sample_is_traced_to_the_rule_that_took_it(
    sample_source: Source,
) -> None:
    steps: list[TraceStep] = []
    parse_file(SAMPLE, trace=steps.append)
    assert [step.line for step in steps] == [
        line.number for line in sample_source.lines if not line.is_blank
    ]
    taken = {step.line: step.rule for step in steps}
    assert [taken[n] for n in (3, 5, 9, 67, 646, 648, 650, 652)] == [
        "header_issuer",
        "header_doc_number",
        "header_title",
        "shared_target",
        "item",
        "unit_heading",  # ## 市住房城乡建设局
        "tier_heading",  # ### （一）重点目标（300分）
        "item",
    ]
    counts = Counter(step.rule for step in steps)
    assert (counts["unit_heading"], counts["item"], counts["tier_heading"]) == (72, 836, 128)
    assert counts[None] == 0


def test_an_unplaced_line_is_traced_with_each_rule_tried_and_why(sample_source: Source) -> None:
    steps: list[TraceStep] = []
    parse_source(_stray_line_after_item_17(sample_source), trace=steps.append)
    (step,) = [step for step in steps if step.rule is None]
    assert step.line == 648
    assert step.mode == "units"
    assert step.tried == (
        ("category_heading", "not a category_heading line"),
        ("unit_heading", "the next line is neither a section or tier heading nor an item"),
        ("continuation", "item 17 already ended with its points"),
    )
    assert str(step).splitlines() == [
        "  648  units     (no rule took the line)",
        "         category_heading: not a category_heading line",
        "         unit_heading: the next line is neither a section or tier heading nor an item",
        "         continuation: item 17 already ended with its points",
    ]


def test_td101_names_the_rules_it_tried_and_the_reasons_they_gave(sample_source: Source) -> None:
    result = parse_source(_stray_line_after_item_17(sample_source))
    assert [(f.code, f.line, f.message) for f in result.findings] == [
        (
            "TD101",
            648,
            "line not placed in any record: rules tried: category_heading, unit_heading "
            "(the next line is neither a section or tier heading nor an item), "
            "continuation (item 17 already ended with its points)",
        )
    ]


def test_a_trace_changes_nothing_in_the_records(sample_source: Source) -> None:
    traced = parse_source(sample_source, trace=lambda step: None)
    assert traced.notice == parse_source(sample_source).notice


def test_parse_trace_prints_on_stderr_and_leaves_stdout_canonical() -> None:
    result = CliRunner().invoke(cli, ["parse", str(SAMPLE), "--trace"])
    assert result.exit_code == 0, result.output
    golden = (ROOT / "data" / "yaml" / "sanmenxia-2020.yaml").read_text("utf-8")
    assert result.stdout == golden
    assert "  648  units     unit_heading" in result.stderr.splitlines()
    traced = [line for line in result.stderr.splitlines() if line[:5].strip().isdigit()]
    assert len(traced) == 1094
    # After the trace, the structure line (the sample's one disagreement, waived here).
    assert result.stderr.splitlines()[-1] == (
        "1 unit's points do not add up; first: 市住房城乡建设局 line 648; run targetdoc validate"
    )


def test_trace_follows_one_notice_not_a_batch(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["parse", str(SAMPLE), str(SAMPLE), "--out-dir", str(tmp_path), "--trace"]
    )
    assert result.exit_code == 2
    assert "--trace follows one notice, not a batch" in result.stderr


def test_every_rule_has_a_unique_name_and_its_pattern_is_in_the_grammar() -> None:
    names = [rule.name for rule in RULES]
    assert len(set(names)) == len(names)
    known = grammar.patterns()
    assert all(rule.pattern in known for rule in RULES if rule.pattern is not None)
    assert names.index("item") < names.index("category_heading") < names.index("continuation")


def test_a_document_read_by_its_outline_says_so_in_the_trace() -> None:
    result = CliRunner().invoke(
        cli, ["parse", str(NOTICES / "rubric.txt"), "--trace", "-o", "/dev/null"]
    )
    steps = [line.split() for line in result.stderr.splitlines() if " outline " in line]
    assert steps[:4] == [
        ["5", "outline", "section", "党的建设工作"],
        ["5", "outline", "unit", "村级"],
        ["7", "outline", "item", "1"],
        ["9", "outline", "item", "2"],
    ]
