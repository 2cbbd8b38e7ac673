"""The fast emitter writes exactly what ruamel.yaml writes, and ruamel.yaml reads it back."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from targetdoc.canonical import load_yaml, notice_data, ruamel_text, yaml_text
from targetdoc.canonical.emitter import Unsupported, emit
from targetdoc.canonical.events import Unusual, load_events
from targetdoc.canonical.style import _loader_class, for_yaml, ruamel_yaml
from targetdoc.models import Notice
from targetdoc.read.normalize import clean

from conftest import ROOT


def test_sample_bytes_are_identical_to_ruamel(notice: Notice) -> None:
    marked = for_yaml(notice_data(notice))
    fast = emit(marked)
    assert fast == ruamel_text(marked)
    assert load_yaml(fast) == notice


# Strings from characters that matter to YAML's plain-scalar rules, and the notice's own.
_TRICKY = st.sampled_from(
    [
        *" -?:,[]{}#&*!|>'\"%@`.~=<+0123456789eE_xXoabnulltrueyesNoOn\t\n\r\\",
        *("\u3000", "\u00a0", "\u0085", "\u2028", "\ufeff", "（", "）", "：", "；", "万", "人"),
    ]
)
_STRINGS = st.text(alphabet=_TRICKY, max_size=12) | st.text(max_size=8)
_SCALARS = (
    _STRINGS
    | st.integers(min_value=-(10**12), max_value=10**12)
    | st.none()
    | st.booleans()
    | st.dates(min_value=datetime.date(1900, 1, 1))
    | st.decimals(allow_nan=False, allow_infinity=False, places=3, max_value=10**9, min_value=0)
)
_KEYS = st.from_regex(r"[a-z_]{1,8}", fullmatch=True) | _STRINGS
_SPANS = st.builds(lambda a, b: {"first": a, "last": b}, st.integers(1, 9999), st.integers(1, 9999))


def _documents() -> st.SearchStrategy[Any]:
    def mappings(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
        plain = st.dictionaries(_KEYS, children, max_size=4)
        return plain | st.builds(lambda d, s: {**d, "span": s}, plain, _SPANS)

    return st.recursive(
        _SCALARS,
        lambda children: mappings(children) | st.lists(mappings(children), max_size=3),
        max_leaves=20,
    )


@given(_documents())
def test_generated_documents_match_ruamel(data: Any) -> None:
    marked = for_yaml(data)
    try:
        fast = emit(marked)
    except Unsupported:
        return
    assert fast == ruamel_text(marked)


@given(_STRINGS.map(clean))
def test_every_cleaned_string_reads_back_as_itself(text: str) -> None:
    # Record text is cleaned text; ruamel.yaml itself reads a raw NEL back as a space.
    try:
        written = emit({"text": text})
    except Unsupported:
        return
    assert ruamel_yaml().load(written) == {"text": text}


def test_decimals_and_dates_in_the_canonical_form() -> None:
    data = {
        "quantity": Decimal("16246000000"),
        "value": Decimal("0.35"),
        "on": datetime.date(2020, 8, 22),
    }
    assert emit(data) == "quantity: 16246000000\nvalue: 0.35\non: 2020-08-22\n"
    assert emit(data) == ruamel_text(data)


def test_a_line_break_in_a_nested_string_is_written_by_ruamel() -> None:
    # Found by the property above: quoted, NEL continues on a line indented by nesting.
    data = {"items": [{"_": "\x85"}]}
    with pytest.raises(Unsupported):
        emit(for_yaml(data))
    assert yaml_text(data) == ruamel_text(for_yaml(data)) == "items:\n  - _: '\x85      '\n"


def _ruamel_data(text: str) -> Any:
    """Canonical YAML as ruamel.yaml's own safe loader reads it: the events reader's oracle."""
    loader = _loader_class()(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


@given(_documents())
def test_the_events_reader_reads_generated_documents_as_ruamel_does(data: Any) -> None:
    text = yaml_text(data)
    assert load_events(text, _loader_class()) == _ruamel_data(text)


def test_the_events_reader_reads_the_sample_as_ruamel_does() -> None:
    text = (ROOT / "data" / "yaml" / "sanmenxia-2020.yaml").read_text(encoding="utf-8")
    assert load_events(text, _loader_class()) == _ruamel_data(text)


@pytest.mark.parametrize(
    "text",
    [
        "a: 010\nb: 0x1F\nc: 1_000\nd: -3\ne: +4\nf: 0\n",
        "d: 2020-08-22\nn: ~\nm: null\ne:\nt: true\nf: False\nx: yes\n",
        "x: 0.35\ny: '0.35'\nz: .5\nw: -2.50\n",
        's: |\n  两行\n  文字\nq: "引号"\n',
        "k: [1, 2]\nm: {first: 75, last: 76}\n'1': a\n1.5: b\n~: c\n",
        "- a\n- [b, {c: d}]\n",
    ],
)
def test_the_events_reader_reads_every_plain_scalar_by_ruamel_s_rules(text: str) -> None:
    assert load_events(text, _loader_class()) == _ruamel_data(text)


@pytest.mark.parametrize(
    "text",
    [
        "a: &x 1\nb: *x\n",
        "a: 1\na: 2\n",
        "a: !!python/object:os.system x\n",
        "<<: {a: 1}\n",
        "--- 1\n--- 2\n",
        "? [a]\n: 1\n",
        "a: [1\n",
        "",
        "a: !!str 1\n",
    ],
)
def test_the_events_reader_hands_anything_unusual_to_ruamel(text: str) -> None:
    with pytest.raises(Unusual):
        load_events(text, _loader_class())
