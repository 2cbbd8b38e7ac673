"""Every grammar pattern matches its examples and none of its counterexamples."""

from __future__ import annotations

import pytest

from targetdoc import grammar
from targetdoc.read.normalize import clean, fold

from conftest import every_pattern, may_match

PATTERNS = {
    f"{file}:{pattern.name}": pattern
    for file in grammar.GRAMMAR_FILES
    for pattern in every_pattern(grammar.grammar(file))
}
EXAMPLES = [(name, example) for name, pattern in PATTERNS.items() for example in pattern.examples]
COUNTEREXAMPLES = [
    (name, example) for name, pattern in PATTERNS.items() for example in pattern.counterexamples
]


def _matches(name: str, line: str) -> bool:
    # Patterns see text as the parser does: cleaned of markup, width-folded.
    return PATTERNS[name].regex.search(fold(clean(line))) is not None


@pytest.mark.parametrize(("name", "example"), EXAMPLES)
def test_example_matches(name: str, example: str) -> None:
    assert _matches(name, example)


@pytest.mark.parametrize(("name", "example"), COUNTEREXAMPLES)
def test_counterexample_does_not_match(name: str, example: str) -> None:
    assert not _matches(name, example)


def test_every_pattern_is_documented_with_examples_and_counterexamples() -> None:
    for name, pattern in PATTERNS.items():
        assert pattern.doc, name
        assert pattern.examples, name
        assert pattern.counterexamples, name


def test_examples_are_real_text_of_the_sample() -> None:
    """Line patterns' examples are whole lines of the sample, of the notices of other
    shapes in tests/notices/ or of the corpus; threshold examples are phrases of the sample."""
    from conftest import CORPUS, NOTICES, SAMPLE

    text = SAMPLE.read_text(encoding="utf-8")
    shapes = [path.read_text(encoding="utf-8") for path in sorted(NOTICES.glob("*.txt"))]
    # The development corpus: documents in the shapes of real ones (tests/corpus/).
    shapes += [path.read_text(encoding="utf-8") for path in sorted(CORPUS.glob("*/*.txt"))]
    # Threshold examples are phrases of the sample or of the corpus's documents.
    cleaned = "\n".join(clean(line) for notice in (text, *shapes) for line in notice.split("\n"))
    invented = {
        # Variants of real lines that the sample happens not to contain.
        "(10 分)；",
        "三门峡市人民政府办公室 2020年8月22日印发",
        "3. 完成省、市政府确定的重点民生实事工作任务（100分）。具体如下",
        "第12届",  # the sample writes its ordinals in Chinese numerals (第十二届)
        "1. 生产总值、人均地区生产总值、全员劳动生产率增速高于全省平均水平；",
        # Quantities in Chinese numerals, which the sample writes in digits.
        *("全年完成投资九千万元", "比上年提高三个百分点", "新增就业两万人以上", "出口额九千美元"),
        # Two items on one line: a line break the PDF's text lost.
        "1. 生产总值增速高于全省平均水平（60分）；2. 新增入库“四上”企业26个（30分）；",
        # Page furniture of a PDF's text, which the sample (already cleaned) lacks.
        *("— 3 —", "- 3 -", "－ 12 －", "第 3 页 共 40 页", "第3页", "3 / 40"),
    }
    lines = {line.strip() for notice in (text, *shapes) for line in notice.split("\n")}
    for name, example in EXAMPLES + COUNTEREXAMPLES:
        if example in invented:
            continue
        if name.startswith(("notice.yaml:", "units.yaml:")):
            assert example in lines, f"{name}: {example!r} is not a line of the sample"
        else:
            assert example in cleaned, f"{name}: {example!r} is not in the sample"


def test_fragments_compose_by_name() -> None:
    tier = grammar.regex("tier_heading")
    found = tier.match(fold("（二）一般目标（200分）"))
    assert found is not None
    assert found["ordinal"] == "二"
    assert found["name"] == "一般目标"
    assert found["points"] == "200"


def test_grammar_is_found_in_the_package_or_the_checkout() -> None:
    assert (grammar.grammar_dir() / "notice.yaml").is_file()


def test_required_words_never_hide_an_example() -> None:
    for name, pattern in PATTERNS.items():
        for example in pattern.examples:
            assert may_match(pattern, fold(clean(example))), (name, example)
