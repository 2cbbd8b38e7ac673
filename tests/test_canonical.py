"""Canonical YAML and JSON: deterministic, exact, safe to load, strict records."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from pydantic import ValidationError

from targetdoc.canonical import dump_json, dump_yaml, load_json, load_yaml
from targetdoc.errors import CanonicalError
from targetdoc.models import Item, Notice, Span, TextSpan, Threshold


def test_yaml_writes_chinese_unescaped_and_spans_on_one_line(notice: Notice) -> None:
    text = dump_yaml(notice)
    assert "title: 三门峡市人民政府关于印发2020年度经济社会发展目标的通知\n" in text
    assert "    span: {first: 17, last: 17}\n" in text
    assert "\\u" not in text


def test_yaml_keeps_the_models_key_order(notice: Notice) -> None:
    keys = [line.split(":")[0] for line in dump_yaml(notice).splitlines() if line[:1].isalpha()]
    # Fields added after the first schema are left out when empty (the sample has none).
    assert keys == [name for name in Notice.model_fields if name != "declared_total"]


def test_json_has_the_yaml_structure(notice: Notice) -> None:
    data = json.loads(dump_json(notice))
    assert data["doc_number"] == "三政〔2020〕9号"
    assert data["issued_on"] == "2020-08-22"
    assert data["units"][1]["tiers"][0]["items"][1]["span"] == {"first": 127, "last": 129}
    assert load_json(dump_json(notice)) == notice


def test_yaml_loads_back_to_equal_records(notice: Notice) -> None:
    assert load_yaml(dump_yaml(notice)) == notice


def test_yaml_tags_never_construct_objects() -> None:
    with pytest.raises(CanonicalError, match="not valid YAML"):
        load_yaml("issuer: !!python/object/apply:os.system ['true']\n", name="evil.yaml")


def test_yaml_that_is_not_a_notice_names_the_field() -> None:
    with pytest.raises(CanonicalError, match=r"bad\.yaml: not a valid notice: issuer"):
        load_yaml("issuer: 7\n", name="bad.yaml")


def test_records_are_strict_and_frozen() -> None:
    span = Span(first=3, last=4)
    with pytest.raises(ValidationError):
        Item(number="1", text="x", points=10, span=span)  # type: ignore[arg-type]
    item = Item(number=1, text="完成森林抚育59万亩", points=200, span=span)
    with pytest.raises(ValidationError):
        item.points = 100  # type: ignore[misc]
    with pytest.raises(ValidationError):
        Span(first=5, last=4)


def test_decimals_are_written_as_exact_numbers() -> None:
    threshold = Threshold(
        comparator="target",
        value=Decimal("0.35"),
        scale="亿",
        unit="元",
        quantity=Decimal("35000000"),
        text="0.35亿元",
        span=TextSpan(start=7, end=13),
    )
    item = Item(
        number=19,
        text="进出口总额完成0.35亿元",
        points=20,
        thresholds=[threshold],
        span=Span(first=113, last=113),
    )
    from targetdoc.canonical import json_text, yaml_text

    plain = item.model_dump(mode="python")
    assert json_text(plain["thresholds"][0]["quantity"]) == "35000000"
    assert json_text(plain["thresholds"][0]["value"]) == "0.35"

    written = yaml_text(plain)
    assert "value: 0.35\n" in written
    assert "quantity: 35000000\n" in written
    assert "    span: {start: 7, end: 13}\n" in written
