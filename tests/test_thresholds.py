"""Thresholds from real phrases of the sample, exact and with their comparators."""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from targetdoc.check.numbers import unexplained_digits
from targetdoc.grammar import grammar
from targetdoc.models import CitywideTarget, Item, Notice
from targetdoc.parse.thresholds import (
    Ignored,
    _grammar,
    _subject,
    extract,
    ignored_spans,
    threshold_fields,
)
from targetdoc.read.normalize import fold

from conftest import may_match

D = Decimal
# (phrase, [(comparator, change, value, value_max, scale, unit, quantity), ...])
PHRASES: list[tuple[str, list[tuple[object, ...]]]] = [
    # money
    ("进出口总额完成162.46亿元", [("target", None, D("162.46"), None, "亿", "元", 16246000000)]),
    ("进出口总额完成0.35亿元", [("target", None, D("0.35"), None, "亿", "元", 35000000)]),
    (
        "实际利用省外资金430.4亿元，实际利用境外资金11.94亿美元",
        [
            ("target", None, D("430.4"), None, "亿", "元", 43040000000),
            ("target", None, D("11.94"), None, "亿", "美元", 1194000000),
        ],
    ),
    ("完成招商引资签约金额900亿元", [("target", None, 900, None, "亿", "元", 90000000000)]),
    ("落实工程维修养护资金577.25万元", [("target", None, D("577.25"), None, "万", "元", 5772500)]),
    (
        "争取上级少数民族聚居村基础设施建设扶持资金不低于60万元",
        [("at_least", None, 60, None, "万", "元", 600000)],
    ),
    ("年引进招商引资项目签约金额不低于2亿元", [("at_least", None, 2, None, "亿", "元", 200000000)]),
    (
        "完成143518移民人口8166.08万元直补资金发放工作",
        [
            ("target", None, 143518, None, None, "移民人口", 143518),
            ("target", None, D("8166.08"), None, "万", "元", 81660800),
        ],
    ),
    ("承保社会财产总额1000亿元", [("target", None, 1000, None, "亿", "元", 100000000000)]),
    ("代收车船税1200万元", [("target", None, 1200, None, "万", "元", 12000000)]),
    # persons
    ("城镇新增就业3.8万人", [("target", None, D("3.8"), None, "万", "人", 38000)]),
    ("农村贫困人口脱贫10231人", [("target", None, 10231, None, None, "人", 10231)]),
    ("完成全市剩余10231名贫困群众脱贫任务", [("target", None, 10231, None, None, "名", 10231)]),
    ("完成市级以上教师培训6000人次", [("target", None, 6000, None, None, "人次", 6000)]),
    (
        "全市完成各类职业技能培训10万人次",
        [("target", None, 10, None, "万", "人次", 100000)],
    ),
    (
        "全市城镇企业在职工养老保险参保人数达到27.42万人",
        [("at_least", None, D("27.42"), None, "万", "人", 274200)],
    ),
    ("安排社会再就业营销队伍规模780人", [("target", None, 780, None, None, "人", 780)]),
    # area, weight, energy and other measures
    ("完成造林绿化任务347450亩", [("target", None, 347450, None, None, "亩", 347450)]),
    ("完成森林抚育59万亩", [("target", None, 59, None, "万", "亩", 590000)]),
    ("种植烟叶15.77万亩", [("target", None, D("15.77"), None, "万", "亩", 157700)]),
    ("粮食产量5亿公斤以上", [("at_least", None, 5, None, "亿", "公斤", 500000000)]),
    ("收购烟叶2141万公斤", [("target", None, 2141, None, "万", "公斤", 21410000)]),
    ("化肥供应20万吨", [("target", None, 20, None, "万", "吨", 200000)]),
    ("供电量完成72亿千瓦时", [("target", None, 72, None, "亿", "千瓦时", 7200000000)]),
    ("小水电年发电量8000万千瓦时", [("target", None, 8000, None, "万", "千瓦时", 80000000)]),
    ("审批人防工程面积3万平方米", [("target", None, 3, None, "万", "平方米", 30000)]),
    ("治理水土流失面积80平方公里", [("target", None, 80, None, None, "平方公里", 80)]),
    ("完成户厕改造3.27万户", [("target", None, D("3.27"), None, "万", "户", 32700)]),
    ("销售卷烟7.45万箱", [("target", None, D("7.45"), None, "万", "箱", 74500)]),
    ("食用菌规模达到3.5亿袋", [("at_least", None, D("3.5"), None, "亿", "袋", 350000000)]),
    ("承保机动车辆92000台", [("target", None, 92000, None, None, "台", 92000)]),
    (
        "2020年家庭宽带建设一期工程完成1.5万端口建设",
        [("target", None, D("1.5"), None, "万", "端口", 15000)],
    ),
    # counts
    ("新增入库“四上”企业26个", [("target", None, 26, None, None, "个", 26)]),
    ("新建湿地公园1处", [("target", None, 1, None, None, "处", 1)]),
    ("全市新建、改扩建幼儿园10所", [("target", None, 10, None, None, "所", 10)]),
    ("全年撰写统计资料80篇", [("target", None, 80, None, None, "篇", 80)]),
    ("编辑出版《三门峡市人民政府公报》6期", [("target", None, 6, None, None, "期", 6)]),
    (
        "全年办理法律援助案件2000件，合格率达99%",
        [
            ("target", None, 2000, None, None, "件", 2000),
            ("at_least", None, 99, None, None, "%", 99),
        ],
    ),
    (
        "推进商事制度改革，确保年底新增个体工商户等新型创业实体3000家以上",
        [
            ("at_least", None, 3000, None, None, "家", 3000),
        ],
    ),
    (
        "监督工业产品20种、300批次",
        [
            ("target", None, 20, None, None, "种", 20),
            ("target", None, 300, None, None, "批次", 300),
        ],
    ),
    ("移网用户数突破25万户", [("at_least", None, 25, None, "万", "户", 250000)]),
    # percentages and percentage points
    ("税收收入占一般公共预算收入的比重达到70%", [("at_least", None, 70, None, None, "%", 70)]),
    ("高新技术产业增加值增长率达到8%", [("at_least", None, 8, None, None, "%", 8)]),
    ("储备粮“一符三专四落实”率达100%", [("at_least", None, 100, None, None, "%", 100)]),
    ("万元生产总值能耗下降2.5%", [("target", "decrease", D("2.5"), None, None, "%", D("2.5"))]),
    (
        "完成市级一般公共预算收入16.5亿元，比上年增长3.1%",
        [
            ("target", None, D("16.5"), None, "亿", "元", 1650000000),
            ("target", "increase", D("3.1"), None, None, "%", D("3.1")),
        ],
    ),
    ("全市建筑业总产值同比增长10%以上", [("at_least", "increase", 10, None, None, "%", 10)]),
    (
        "规模以上制造业增加值占生产总值比重比上年提高0.5个百分点",
        [
            ("target", "increase", D("0.5"), None, None, "个百分点", D("0.5")),
        ],
    ),
    (
        "研究与试验发展（R&D）经费投入占生产总值的比重增长0.3个百分点",
        [
            ("target", "increase", D("0.3"), None, None, "个百分点", D("0.3")),
        ],
    ),
    (
        "2020年人均综合能耗下降11%、单位建筑面积能耗下降10%",
        [
            ("target", "decrease", 11, None, None, "%", 11),
            ("target", "decrease", 10, None, None, "%", 10),
        ],
    ),
    ("贷款同比增速不低于7.5%", [("at_least", None, D("7.5"), None, None, "%", D("7.5"))]),
    ("资本充足率达到7.5%以上", [("at_least", None, D("7.5"), None, None, "%", D("7.5"))]),
    ("地面测报综合质量达到99.5%", [("at_least", None, D("99.5"), None, None, "%", D("99.5"))]),
    ("短期降水天气定性预报评分77分以上", [("at_least", None, 77, None, None, "分", 77)]),
    # at most
    ("湿地保护率不低于59%", [("at_least", None, 59, None, None, "%", 59)]),
    ("重大林业有害生物成灾率低于3.5%", [("at_most", None, D("3.5"), None, None, "%", D("3.5"))]),
    ("森林火灾受害率控制在0.9%", [("at_most", None, D("0.9"), None, None, "%", D("0.9"))]),
    ("全年游客投诉控制率0.5%以内", [("at_most", None, D("0.5"), None, None, "%", D("0.5"))]),
    ("城镇登记失业率控制在4.5%以内", [("at_most", None, D("4.5"), None, None, "%", D("4.5"))]),
    (
        "农业气象观测错情率控制在0.02%以下",
        [("at_most", None, D("0.02"), None, None, "%", D("0.02"))],
    ),
    ("通水时间压缩至3个工作日以内", [("at_most", None, 3, None, None, "工作日", 3)]),
    ("将用水用气报装环节统一压缩至3个", [("at_most", None, 3, None, None, "个", 3)]),
    ("法定传染病发病率控制在650/10万以内", [("at_most", None, 650, None, None, "/10万", 650)]),
    # approximations and ranges
    ("全市居民消费价格总水平控制在104%左右", [("approx", None, 104, None, None, "%", 104)]),
    (
        "完成50%投资额,约9000万元",
        [
            ("target", None, 50, None, None, "%", 50),
            ("approx", None, 9000, None, "万", "元", 90000000),
        ],
    ),
    ("全年引进举办各类会展活动10—15场次", [("range", None, 10, 15, None, "场次", 10)]),
    ("加强对各类媒介广告的日常监测，全年不少于2次", [("at_least", None, 2, None, None, "次", 2)]),
]


def _as_tuple(threshold: object) -> tuple[object, ...]:
    return tuple(
        getattr(threshold, field)
        for field in ("comparator", "change", "value", "value_max", "scale", "unit", "quantity")
    )


@pytest.mark.parametrize(("phrase", "expected"), PHRASES, ids=[p for p, _ in PHRASES])
def test_real_phrase(phrase: str, expected: list[tuple[object, ...]]) -> None:
    assert [_as_tuple(t) for t in extract(phrase)] == expected


def test_at_least_sixty_real_phrases() -> None:
    assert len(PHRASES) >= 60


@pytest.mark.parametrize(
    ("phrase", "benchmark", "subject"),
    [
        (
            "生产总值、人均地区生产总值、全员劳动生产率增速高于全省平均水平",
            "全省平均水平",
            "生产总值、人均地区生产总值、全员劳动生产率增速",
        ),
        ("第三产业增加值增速高于全市平均水平", "全市平均水平", "第三产业增加值增速"),
        ("第三产业增加值增速排名高于上年同期水平", "上年同期水平", "第三产业增加值增速排名"),
        ("全市商品房销售面积增速位居全省先进位次", "全省先进位次", "全市商品房销售面积增速"),
        ("全年存贷款增速不低于全省平均水平", "全省平均水平", "存贷款增速"),
    ],
)
def test_relative_benchmark(phrase: str, benchmark: str, subject: str) -> None:
    (threshold,) = extract(phrase)
    assert (threshold.comparator, threshold.value, threshold.benchmark, threshold.subject) == (
        "relative",
        None,
        benchmark,
        subject,
    )


def test_subject_text_and_span_point_into_the_phrase() -> None:
    phrase = "常住人口城镇化率比上年提高1个百分点，户籍人口城镇化率达到42.4%"
    first, second = extract(phrase)
    assert (first.subject, first.text) == ("常住人口城镇化率", "提高1个百分点")
    assert (second.subject, second.text) == ("户籍人口城镇化率", "达到42.4%")
    for threshold in (first, second):
        assert phrase[threshold.span.start : threshold.span.end] == threshold.text


def test_full_width_digits_are_read_and_spans_still_fit() -> None:
    phrase = "城镇新增就业３.８万人"
    (threshold,) = extract(phrase)
    assert threshold.value == Decimal("3.8")
    assert threshold.quantity == 38000
    assert threshold.text == "３.８万人"


@pytest.mark.parametrize(
    ("phrase", "reason"),
    [
        ("完成2020年度特种设备日常监督检查计划", "year"),
        ("以2015年能源资源消费为基数", "year"),
        ("确保破案率、嫌疑人起诉数、判决数比2019年有明显提升", "year"),
        ("99版以后业务续期率", "edition"),
        ("推进仰韶文化发现100周年暨中国考古学诞生100周年纪念活动筹备工作", "anniversary"),
        ("完成庙底沟考古遗址公园一期工程,10月份具备开园条件", "date"),
        ("组织开展“9·18”警报试鸣活动", "date"),
        ("全面推进96333电梯应急处置平台建设", "hotline"),
        ("继续实施12315“五进”工程", "hotline"),
        ("5G二期增补工程", "name"),
        ("启动市区有线网络IP—5G网络建设", "name"),
        ("完成市政府下达的地表水环境质量、空气质量优良天数、PM10及PM2.5浓度削减率目标", "name"),
        ("建成投运三门峡灵宝后地风电场110千伏送出工程", "name"),
        ("出版《三门峡统计年鉴2020》", "title"),
        ("城镇新增就业2400人（20分）", "points"),
    ],
)
def test_numbers_that_are_not_thresholds_are_ignored_with_a_reason(
    phrase: str, reason: str
) -> None:

    reasons = {span.reason for span in ignored_spans(fold(phrase))}
    assert reason in reasons
    # None of the ignored numbers is read as a threshold's value.
    ignored = {span.start for span in ignored_spans(fold(phrase))}
    assert not [
        t for t in extract(phrase) if t.comparator != "relative" and t.span.start in ignored
    ]
    assert unexplained_digits(phrase) == []


def test_points_suffix_is_not_a_threshold() -> None:
    assert [_as_tuple(t) for t in extract("城镇新增就业2400人（20分）")] == [
        ("target", None, 2400, None, None, "人", 2400)
    ]


def test_denominator_is_not_an_amount() -> None:
    (threshold,) = extract("万元生产总值能耗下降2.5%")
    assert (threshold.scale, threshold.unit, threshold.subject) == (None, "%", "万元生产总值能耗")


def test_bare_number_is_reported_by_the_audit() -> None:
    runs = unexplained_digits("完成第三批试点共7")
    assert [(run.text, run.start) for run in runs] == [("7", 8)]


def test_every_digit_of_the_sample_is_explained(notice: Notice) -> None:
    targets: list[CitywideTarget | Item] = [*notice.citywide_targets]
    targets += [i for u in notice.units for t in u.tiers for i in t.items]
    assert [
        (target.text, [run.text for run in unexplained_digits(target.text, target.thresholds)])
        for target in targets
        if unexplained_digits(target.text, target.thresholds)
    ] == []


def test_parser_fills_thresholds(notice: Notice) -> None:
    county = notice.units[0]
    jobs = county.tiers[0].items[21]
    assert jobs.text == "城镇新增就业2400人"
    assert [_as_tuple(t) for t in jobs.thresholds] == [
        ("target", None, 2400, None, None, "人", 2400)
    ]
    assert notice.citywide_targets[19].thresholds[0].quantity == 38000
    # 20 city-wide targets: 7 relative, 17 numeric (counted by hand from the notice).
    assert sum(len(target.thresholds) for target in notice.citywide_targets) == 24
    total = sum(len(i.thresholds) for u in notice.units for t in u.tiers for i in t.items)
    assert total == 501


# --- property: formatted quantities come back exactly ----------------------------------

_LEXICONS = grammar("thresholds.yaml").lexicons
_SCALES = grammar("thresholds.yaml").tables["scale_factors"]
_UNITS = [unit for unit in _LEXICONS["units"] if unit not in {"个", "分", "移民人口"}]
_COMPARATORS = [
    ("", "", "target"),
    ("达到", "", "at_least"),
    ("不低于", "", "at_least"),
    ("", "以上", "at_least"),
    ("控制在", "以内", "at_most"),
    ("", "以下", "at_most"),
    ("约", "", "approx"),
    ("控制在", "左右", "approx"),
]


@given(
    digits=st.integers(min_value=0, max_value=10**9),
    places=st.integers(min_value=0, max_value=4),
    scale=st.sampled_from([None, *_SCALES]),
    unit=st.sampled_from(_UNITS),
    comparator=st.sampled_from(_COMPARATORS),
)
def test_formatted_quantities_are_recovered_exactly(
    digits: int, places: int, scale: str | None, unit: str, comparator: tuple[str, str, str]
) -> None:
    value = Decimal(digits).scaleb(-places)
    before, after, expected = comparator
    written = format(value, "f")
    phrase = f"完成目标任务，考核指标{before}{written}{scale or ''}{unit}{after}"
    (threshold,) = extract(phrase)
    factor = Decimal(_SCALES[scale]) if scale else Decimal(1)
    assert threshold.comparator == expected
    assert threshold.value == value
    assert threshold.scale == scale
    assert threshold.unit == unit
    assert threshold.quantity == value * factor
    assert threshold.text == f"{before}{written}{scale or ''}{unit}{after}"


def _trimmed_word_by_word(phrase: str) -> str | None:
    """The subject trim by its definition: take a lexicon word (the longest that fits) or
    a separator off either end, one at a time, until none is left."""
    leading = sorted(_LEXICONS["subject_leading"], key=len, reverse=True)
    trailing = sorted(_LEXICONS["subject_trailing"], key=len, reverse=True)
    while True:
        phrase = phrase.strip(" 、,，")
        word = next((w for w in leading if phrase.startswith(w)), None)
        if word:
            phrase = phrase[len(word) :]
            continue
        word = next((w for w in trailing if phrase.endswith(w)), None)
        if not word:
            return phrase or None
        phrase = phrase[: -len(word)]


_SUBJECT_PIECES = [
    *_LEXICONS["subject_leading"],
    *_LEXICONS["subject_trailing"],
    " ",
    "、",
    ",",
    "，",
    "生产总值",
    "上年",
    "同",
    "定",
]


@given(st.lists(st.sampled_from(_SUBJECT_PIECES), max_size=8).map("".join))
def test_subject_trim_equals_trimming_word_by_word(phrase: str) -> None:
    assert _subject(phrase) == _trimmed_word_by_word(phrase)


def test_subject_trim_of_a_long_run_of_separators() -> None:
    # The value is checked here; speed is not timed. (A search for trailing words from
    # every start, as first written, made this case take minutes.)
    assert _subject("、" * 200_000 + "生产总值" + "、" * 200_000) == "生产总值"


_IGNORE_WORDS = sorted(
    {w for rule in grammar("thresholds.yaml").ignored.values() for w in rule.requires}
)


@given(
    st.lists(st.sampled_from([*_IGNORE_WORDS, "2020", "12", "x", "周"]), max_size=8).map("".join)
)
def test_ignored_contexts_are_those_of_each_rule_that_may_match(text: str) -> None:
    rules = grammar("thresholds.yaml").ignored
    by_definition = [
        Ignored(name, match.start(), match.end())
        for name, rule in rules.items()
        if may_match(rule, text)
        for match in rule.regex.finditer(text)
    ]
    assert ignored_spans(text) == sorted(by_definition, key=lambda span: span.start)


def _read_alone_and_together(texts: list[str]) -> None:
    pairs = [(text, fold(text)) for text in texts]
    together = threshold_fields(pairs)
    alone = [threshold_fields([pair])[0] for pair in pairs]
    assert together == alone


def test_texts_read_together_read_as_each_alone(notice: Notice) -> None:
    texts = [item.text for _, _, item in notice.items()] + [
        target.text for target in notice.citywide_targets
    ]
    _read_alone_and_together(list(dict.fromkeys(texts)))


def test_a_context_split_across_two_texts_is_in_neither() -> None:
    # 《 in one text and 》 in the next: joined, the title rule would hide 50%;
    # 2020 ends one text and 年 starts the next: joined, the year rule would hide 2020.
    texts = ["编制《规划", "增长50%》，完成1000万元", "全年投资2020", "年完成造林3万亩", "达到80%"]
    _read_alone_and_together(texts)
    pairs = [(text, fold(text)) for text in texts]
    values = [[fields["value"] for fields in found] for found in threshold_fields(pairs)]
    assert values == [[], [50, 1000], [], [3], [80]]


def test_a_match_that_crosses_into_the_next_text_has_both_read_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The sample's benchmarks are plain words; a pattern that allows spaces could
    # match from one text into the next, and must not.
    patterns = _grammar().patterns
    crossing = re.compile(r"(?P<word>高于)\s*(?P<benchmark>全省平均水平)")
    monkeypatch.setitem(
        patterns, "relative", dataclasses.replace(patterns["relative"], regex=crossing)
    )
    texts = ["增速高于", "全省平均水平", "增速高于 全省平均水平"]
    found = threshold_fields([(text, fold(text)) for text in texts])
    assert [[fields["benchmark"] for fields in each] for each in found] == [
        [],
        [],
        ["全省平均水平"],
    ]


@given(
    st.lists(
        st.sampled_from(
            ["《", "》", "2020", "年", "50%", "，", "完成", "3万亩", "高于全省平均水平"]
        ),
        max_size=6,
    ).map("".join)
)
def test_any_texts_read_together_read_as_each_alone(text: str) -> None:
    _read_alone_and_together([text, text[::-1], text[: len(text) // 2], text[len(text) // 2 :]])


def test_every_chinese_quantity_example_is_read_through_extract() -> None:
    """The numeral trigger comes from the lists cn_quantity is written with: no example
    of the pattern is missed by extract (出口额九千美元 was)."""
    from targetdoc import grammar as grammars

    pattern = grammars.grammar("thresholds.yaml").patterns["cn_quantity"]
    for example in pattern.examples:
        assert [t.comparator for t in extract(example)], example
    assert [(str(t.quantity), t.unit) for t in extract("出口额九千美元")] == [("9000", "美元")]


def test_scoring_rules_are_not_thresholds() -> None:
    (found,) = extract("达87%以上计7分，每低3个百分点扣0.5分")
    assert (found.comparator, str(found.value), found.unit) == ("at_least", "87", "%")
    assert extract("完成年度任务的记3分") == []
    assert [(t.comparator, str(t.value)) for t in extract("新建安置房30户及以上")] == [
        ("at_least", "30")
    ]
