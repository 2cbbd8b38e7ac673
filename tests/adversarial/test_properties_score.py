"""Properties over the inputs of issue 24: any workbook cell, deduction, item number,
profile or unit file name gives a result or targetdoc's own error, and the result
holds its invariants (make fuzz runs them with a long budget)."""

from __future__ import annotations

import contextlib
import io
import math
from decimal import Decimal
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from targetdoc.api import parse_notice
from targetdoc.errors import TargetdocError
from targetdoc.findings import Finding
from targetdoc.score.actuals import Deduction, read_actuals, read_deductions
from targetdoc.score.assess import assess

from conftest import NOTICES

WEB_PAGE = parse_notice(NOTICES / "web-page.txt")
NUMBER_FORMATS = ["General", "0", "0.0", "0%", "0.00%", "#,##0.00", "0.0%;[Red]-0.0%", "@"]
CELLS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    # text a worksheet can hold (XML has no control characters but tab and line ends)
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=20),
)


def _workbook(item: object, actual: object, number_format: str) -> bytes:
    """A 评分 sheet of one item row, as the office may have typed it."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "评分"
    # A unit's block as export writes it: the unit, the header row, a section row, the item.
    sheet.append(["被考核单位：市教育局"])
    sheet.append(["序号", "目标任务", "标准分值", "完成情况", "得分", "扣分", "评分依据"])
    sheet.append(["一、重点目标（500分）"])
    sheet.append([item, "新建幼儿园10所", 300, actual, None, None, None])
    sheet["D4"].number_format = number_format
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@given(CELLS, CELLS, st.sampled_from(NUMBER_FORMATS))
def test_any_workbook_cells_give_rows_or_targetdoc_s_error(
    item: object, actual: object, number_format: str
) -> None:
    with contextlib.suppress(TargetdocError):
        rows = read_actuals(_workbook(item, actual, number_format), path="a.xlsx")
        result = assess(WEB_PAGE, rows, file="a.xlsx")
        for unit in result.units:
            assert unit.score is None or 0 <= unit.score <= unit.max


@given(
    st.decimals(min_value=-(10**6), max_value=10**6, places=6, allow_nan=False).filter(
        lambda d: d != 0
    )
)
def test_a_percentage_cell_reads_as_the_percentage_it_shows(typed: Decimal) -> None:
    # A spreadsheet keeps 15 significant digits: 0.016 shown as 1.60% reads 1.6%.
    value = float(typed)
    (row,) = read_actuals(_workbook(2, value, "0.00%"), path="a.xlsx")
    assert row.actual.endswith("%")
    assert Decimal(row.actual[:-1]) == Decimal(repr(value)) * 100


@given(st.lists(st.text(max_size=12), min_size=1, max_size=5))
def test_any_deductions_never_raise_a_score_or_sink_it_below_zero(points: list[str]) -> None:
    lines = "".join(f"市教育局,事故,{p.replace(',', '').replace(chr(10), '')}\n" for p in points)
    data = ("unit,event,points\n" + lines).encode("utf-8")
    findings: list[Finding] = []
    with contextlib.suppress(TargetdocError):
        taken = read_deductions(data, path="d.csv", findings=findings)
        for deduction in taken:
            assert isinstance(deduction, Deduction)
            assert 0 <= deduction.points < 10**9
        result = assess(WEB_PAGE, [], file="a.csv", deductions=taken)
        (unit,) = result.units
        assert unit.score is None or 0 <= unit.score <= unit.max


@given(st.text(max_size=30))
def test_any_item_number_is_a_row_or_a_finding(item: str) -> None:
    text = item.replace(",", "").replace('"', "").replace("\n", "").replace("\r", "")
    data = f"unit,item,actual\n市教育局,{text},97\n".encode()
    with contextlib.suppress(TargetdocError):
        result = assess(WEB_PAGE, read_actuals(data, path="a.csv"), file="a.csv")
        assert all(finding.code.startswith("TD6") for finding in result.findings)


SCORING = st.fixed_dictionaries(
    {},
    optional={
        name: st.one_of(
            st.floats(allow_nan=True, allow_infinity=True), st.integers(-5, 5), st.text(max_size=4)
        )
        for name in ("floor", "step", "step_points", "tolerance", "tolerance_points")
    },
)


@given(SCORING, st.text(max_size=30))
def test_any_profile_loads_or_is_one_data_file_error(
    scoring: dict[str, object], regex: str
) -> None:
    import json
    import tempfile

    from targetdoc.profile import load_profile
    from targetdoc.score.scoring import Scoring

    lines = ["name: fuzzed", "scoring:", "  rule: deduction"]
    lines += [f"  {name}: {_yaml(value)}" for name, value in scoring.items()]
    lines += [
        "ignore:",
        "  noise:",
        "    doc: d",
        f"    regex: {json.dumps(regex, ensure_ascii=False)}",
        "    examples: [x]",
        "    counterexamples: [y]",
    ]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzzed.yaml"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        with contextlib.suppress(TargetdocError):
            profile = load_profile(str(path))
            scoring_rule = Scoring.of(profile.scoring)
            for number in (scoring_rule.step, scoring_rule.step_points, scoring_rule.floor):
                assert number.is_finite()
            from targetdoc.parse.choice import parse_source
            from targetdoc.read.source import Source

            parse_source(Source.from_text("城关镇\n\n1. 新增就业500人（100分）\n"), profile=profile)


def _yaml(value: object) -> str:
    import json

    if isinstance(value, float) and not math.isfinite(value):
        return ".nan" if math.isnan(value) else (".inf" if value > 0 else "-.inf")
    return json.dumps(value, ensure_ascii=False)
