"""Property tests: any text gives records or targetdoc's own error, and no line is lost."""

from __future__ import annotations

import contextlib

from hypothesis import given, settings
from hypothesis import strategies as st

from targetdoc.errors import TargetdocError
from targetdoc.parse import parse_source
from targetdoc.parse.provenance import line_owners
from targetdoc.parse.thresholds import extract
from targetdoc.read.source import Source

from variants import sample_text

SAMPLE_LINES = sample_text().split("\n")
# Characters the notice is made of, so random text reaches deep into the rules.
NOTICE_ALPHABET = st.sampled_from(
    [*sorted(set(sample_text()) - {"\n"}), "\n", "\n", "（", "）", "０", "５", "\u3000", "\u200b"]
)
# Each mutated sample is a whole parse: a quarter of the profile's budget.
_PARSES = settings(max_examples=max(10, settings().max_examples // 4))
_WIDEN = str.maketrans("0123456789()%;:", "０１２３４５６７８９（）％；：")
_NARROW = str.maketrans("０１２３４５６７８９（）％；：", "0123456789()%;:")


@given(st.text(alphabet=NOTICE_ALPHABET, max_size=2000) | st.text(max_size=500))
def test_any_text_gives_records_or_targetdoc_error(text: str) -> None:
    with contextlib.suppress(TargetdocError):
        parse_source(Source.from_text(text, name="fuzz.txt"))


@given(st.binary(max_size=2000))
def test_any_bytes_give_records_or_targetdoc_error(data: bytes) -> None:
    with contextlib.suppress(TargetdocError):
        parse_source(Source.from_bytes(data, name="fuzz.bin"))


@given(st.text(alphabet=NOTICE_ALPHABET, max_size=400) | st.text(max_size=200))
def test_thresholds_point_into_the_text(text: str) -> None:
    for threshold in extract(text):
        assert text[threshold.span.start : threshold.span.end] == threshold.text
        assert threshold.quantity is None or threshold.value is not None


_MUTATION = st.tuples(
    st.sampled_from(["drop", "duplicate", "rewrap", "widen", "narrow", "blank"]),
    st.integers(min_value=0, max_value=len(SAMPLE_LINES) - 1),
    st.integers(min_value=1, max_value=60),
)


def _mutate(lines: list[str], mutations: list[tuple[str, int, int]]) -> list[str]:
    lines = list(lines)
    for kind, position, cut in mutations:
        index = position % len(lines)
        line = lines[index]
        if kind == "drop":
            del lines[index]
        elif kind == "duplicate":
            lines.insert(index, line)
        elif kind == "rewrap":  # a page break inside the line
            lines[index : index + 1] = [line[:cut], "", line[cut:]]
        elif kind == "widen":
            lines[index] = line.translate(_WIDEN)
        elif kind == "narrow":
            lines[index] = line.translate(_NARROW)
        else:
            lines.insert(index, "")
    return lines


@_PARSES
@given(st.lists(_MUTATION, min_size=1, max_size=12))
def test_mutated_sample_places_or_reports_every_line(mutations: list[tuple[str, int, int]]) -> None:
    text = "\n".join(_mutate(SAMPLE_LINES, mutations))
    try:
        result = parse_source(Source.from_text(text, name="mutated.txt"))
    except TargetdocError:
        return
    reported = {d.line for d in result.findings if d.code in ("TD101", "TD109")}
    owners = line_owners(result.source, result.notice)
    for number, paths in owners.items():
        if number in reported:
            assert paths == [], (number, paths)
        else:
            assert len(paths) == 1, (number, result.source.line(number).raw, paths)
