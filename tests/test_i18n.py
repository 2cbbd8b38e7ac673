"""The interface in Chinese: one catalog holds every message in both languages, and
each output (findings, summaries, the report, the workbook, diff, score) speaks
Chinese when asked, while codes, JSON keys and sheet names stay as they are."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
import regex
from click.testing import CliRunner

from targetdoc.cli import cli
from targetdoc.i18n import language_from_environment

from conftest import NOTICES, ROOT, SAMPLE

CATALOG = ROOT / "src" / "targetdoc" / "locale" / "zh_CN" / "LC_MESSAGES" / "targetdoc.po"
# As `make catalog` extracts them: _(), N_(), ngettext, Finding.of's template, and
# the explanation of each finding Code.
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "of": (2,), "Code": (4,)}
_FIELD = regex.compile(r"\{(\w*)\}")


def _extracted() -> set[str | tuple[str, ...]]:
    from babel.messages.extract import extract_from_dir

    found: set[str | tuple[str, ...]] = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT / "src" / "targetdoc"),
        method_map=[("**.py", "python")],
        keywords=KEYWORDS,
    ):
        found.add(message)
    return found


def test_every_message_has_both_languages() -> None:
    from babel.messages.pofile import read_po

    with CATALOG.open("rb") as stream:
        catalog = read_po(stream)
    extracted = _extracted()
    translated = {message.id: message for message in catalog if message.id}
    assert len(extracted) > 150
    assert sorted(map(str, extracted - set(translated))) == []  # no message untranslated
    assert sorted(map(str, set(translated) - extracted)) == []  # no stale entry
    for message_id, message in translated.items():
        assert not message.fuzzy, message_id
        english = [message_id] if isinstance(message_id, str) else [str(p) for p in message_id]
        strings = message.string
        chinese = list(strings) if isinstance(strings, tuple | list) else [strings]
        assert all(isinstance(text, str) and text for text in chinese), message_id
        # Every placeholder survives translation, none is made up.
        for text in chinese:
            assert set(_FIELD.findall(str(text))) == set(_FIELD.findall(english[-1])), message_id


@pytest.mark.parametrize(
    ("environ", "language"),
    [
        ({"TARGETDOC_LANG": "zh", "LANG": "en_US.UTF-8"}, "zh"),
        ({"TARGETDOC_LANG": "en", "LC_ALL": "zh_CN.UTF-8"}, "en"),
        ({"LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, "zh"),
        ({"LC_MESSAGES": "zh_TW.UTF-8"}, "zh"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({}, "en"),
        ({"TARGETDOC_LANG": "fr", "LANG": "zh_CN.UTF-8"}, "zh"),  # an unknown name is ignored
    ],
)
def test_the_language_comes_from_the_environment(environ: dict[str, str], language: str) -> None:
    assert language_from_environment(environ) == language


def _run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


def test_validate_speaks_chinese() -> None:
    code, out, _ = _run("--lang", "zh", "validate", str(SAMPLE))
    assert code == 0
    assert (
        f"{SAMPLE}:650: TD201 错误（已豁免） 市住房城乡建设局重点目标标明 300 分，"
        "但其 5 项目标合计 500 分"
    ) in out
    assert "targetdoc validate: 通过" in out
    assert "文件 ┃ 单位 ┃ 目标 ┃ 错误 ┃ 警告 ┃ 提示 ┃ 已豁免" in out


def test_the_locale_and_the_variable_choose_chinese_without_the_option() -> None:
    _, by_locale, _ = _run(
        "validate", str(SAMPLE), env={"TARGETDOC_LANG": "", "LC_ALL": "zh_CN.UTF-8"}
    )
    _, by_variable, _ = _run("validate", str(SAMPLE), env={"TARGETDOC_LANG": "zh"})
    assert "targetdoc validate: 通过" in by_locale
    assert "targetdoc validate: 通过" in by_variable
    _, english, _ = _run("validate", str(SAMPLE), env={"TARGETDOC_LANG": "en"})
    assert "targetdoc validate: valid" in english


def test_json_keeps_its_machine_fields_in_english() -> None:
    code, out, _ = _run("--lang", "zh", "validate", str(SAMPLE), "--format", "json")
    assert code == 0
    finding = next(f for f in json.loads(out)["findings"] if f["code"] == "TD201")
    assert finding["severity"] == "error"
    # The message a waiver acknowledges, and programs read, is the English one.
    assert (
        finding["message"]
        == "市住房城乡建设局 重点目标 declares 300 points but its 5 items sum to 500"
    )


def test_the_parse_summary_speaks_chinese(tmp_path: Path) -> None:
    code, _, err = _run("--lang", "zh", "parse", str(SAMPLE), "-o", str(tmp_path / "n.yaml"))
    assert code == 0
    assert "类别" in err
    assert "全部（20 项全市目标）" in err
    # The canonical file is the same in every language.
    assert (tmp_path / "n.yaml").read_bytes() == (
        ROOT / "data/yaml/sanmenxia-2020.yaml"
    ).read_bytes()


def test_the_codes_table_speaks_chinese() -> None:
    _, out, _ = _run("--lang", "zh", "codes")
    assert "问题代码" in out
    assert "单位标题下没有目标" in out  # TD208's meaning


def test_the_report_speaks_chinese(tmp_path: Path) -> None:
    page_path = tmp_path / "r.html"
    code, _, _ = _run("--lang", "zh", "report", str(SAMPLE), "-o", str(page_path))
    assert code == 0
    page = page_path.read_text(encoding="utf-8")
    assert '<html lang="zh-CN">' in page
    assert '<span id="count-units">72 个单位</span>' in page
    assert '<span id="count-items">816 项目标</span>' in page
    assert 'placeholder="搜索单位或目标"' in page
    assert 'data-label="{count} 项目标"' in page
    # The sample's three waived findings and its partial roll-up.
    assert "<summary>发现的问题（4）</summary>" in page
    assert "<h2>原文</h2>" in page
    assert _run("--lang", "en", "report", str(SAMPLE), "-o", str(page_path))[0] == 0
    english = page_path.read_text(encoding="utf-8")
    assert '<span id="count-units">72 units</span>' in english


def test_the_workbook_speaks_chinese(tmp_path: Path) -> None:
    import openpyxl

    out = tmp_path / "w.xlsx"
    code, _, _ = _run("--lang", "zh", "export", str(SAMPLE), "-o", str(out))
    assert code == 0
    book = openpyxl.load_workbook(out)
    sheet = book["评分"]
    assert sheet["A1"].value == "义马市2020年度目标考核评分表"
    assert [cell.value for cell in sheet[3]][:4] == ["序号", "目标任务", "标准分值", "完成情况"]
    assert sheet.oddFooter.center.text == "第 &P 页，共 &N 页"
    assert book["说明"]["A5"].value == "items：每个目标一行，含分值和原文行号"
    # Every sheet in Chinese: headers and coded values (the CSV and JSON keep the keys).
    items = [[cell.value for cell in row] for row in book["items"].iter_rows(max_row=2)]
    assert items[0][:6] == ["文号", "年度", "类别", "单位", "单位类型", "层级"]
    assert items[1][4] == "县（市、区）"
    thresholds = [[c.value for c in row] for row in book["thresholds"].iter_rows(max_row=2)]
    assert thresholds[0][4:6] == ["比较方式", "变化"]
    assert thresholds[1][4] == "相对目标"
    units = [cell.value for cell in book["units"][1]]
    assert units[:5] == [
        "单位",
        "单位类型",
        "类别",
        "经济、社会发展和本职工作责任目标标明分值",
        "经济、社会发展和本职工作责任目标合计分值",
    ]


def test_diff_speaks_chinese(tmp_path: Path) -> None:
    text = SAMPLE.read_text(encoding="utf-8").replace("企业26个（30分）", "企业30个（30分）")
    following = tmp_path / "next.txt"
    following.write_text(text, encoding="utf-8")
    code, out, _ = _run("--lang", "zh", "diff", str(SAMPLE), str(following))
    assert code == 1
    assert "  ~ 3. 新增入库“四上”企业[-26-]{+30+}个 — 指标：26个 → 30个（调高，更严）\n" in out
    assert out.endswith("涉及 1 个单位共 1 处变化\n")
    _, markdown, _ = _run("--lang", "zh", "diff", str(SAMPLE), str(following), "-f", "markdown")
    assert "- **修改** 3. 新增入库“四上”企业~~26~~**30**个" in markdown
    _, data, _ = _run("--lang", "zh", "diff", str(SAMPLE), str(following), "-f", "json")
    (change,) = json.loads(data)["changes"]
    assert (change["kind"], change["thresholds"][0]["direction"]) == ("changed", "raised")


def test_score_speaks_chinese(tmp_path: Path) -> None:
    actuals = tmp_path / "a.csv"
    actuals.write_text("unit,item,actual\n市教育局,1,10;5\n市教育局,2,97%\n", encoding="utf-8")
    code, out, err = _run("--lang", "zh", "score", str(NOTICES / "web-page.txt"), str(actuals))
    assert code == 1
    assert "单位" in out
    assert "未完成" in out  # item 1: 5 of 6 public kindergartens
    assert "计分规则：完成得该目标分值；未完成或待审核得 0 分" in out
    assert err.strip() == "1 项目标待审核（状态为“待审核”）"
    _, data, _ = _run(
        "--lang", "zh", "score", str(NOTICES / "web-page.txt"), str(actuals), "-f", "json"
    )
    (unit,) = json.loads(data)["units"]
    assert [item["status"] for item in unit["items"]] == ["not_met", "met", "review"]


def test_a_finding_kept_in_english_reads_in_chinese_where_shown() -> None:
    from targetdoc.findings import Finding
    from targetdoc.i18n import N_, set_language

    finding = Finding.of(
        "TD208", N_("{unit} has no items"), values={"unit": "市教育局"}, file="n.txt", line=3
    )
    assert finding.message == "市教育局 has no items"
    set_language("zh")
    assert str(finding) == "n.txt:3: TD208 错误 市教育局 没有目标"
    assert finding.message == "市教育局 has no items"


def test_the_catalog_is_compiled_into_the_package() -> None:
    compiled = CATALOG.with_suffix(".mo")
    assert compiled.is_file()
    from babel.messages.mofile import read_mo

    with compiled.open("rb") as stream:
        catalog = read_mo(io.BytesIO(stream.read()))
    entry = catalog.get("{unit} has no items")
    assert entry is not None
    assert entry.string == "{unit} 没有目标"


def test_dates_in_chinese_output_are_written_as_a_gongwen_writes_them(tmp_path: Path) -> None:
    """2020年8月22日, not 2020-08-22: the workbook's 说明, the report, parse's summary."""
    import openpyxl

    out = tmp_path / "w.xlsx"
    assert _run("--lang", "zh", "export", str(SAMPLE), "-o", str(out))[0] == 0
    readme = openpyxl.load_workbook(out)["说明"]
    assert readme["A2"].value == "三门峡市人民政府 三政〔2020〕9号 2020年8月22日"
    page = tmp_path / "r.html"
    assert _run("--lang", "zh", "report", str(SAMPLE), "-o", str(page))[0] == 0
    assert "三政〔2020〕9号 · 三门峡市人民政府 · 2020年8月22日" in page.read_text("utf-8")
    code, _, err = _run("--lang", "zh", "parse", str(SAMPLE), "-o", str(tmp_path / "n.yaml"))
    assert code == 0
    assert "（2020年8月22日）" in "".join(err.split())  # the caption wraps
    assert "2020-08-22" not in err
    # English keeps the ISO date.
    assert _run("export", str(SAMPLE), "-o", str(tmp_path / "e.xlsx"))[0] == 0
    english = openpyxl.load_workbook(tmp_path / "e.xlsx")["说明"]
    assert english["A2"].value == "三门峡市人民政府 三政〔2020〕9号 2020-08-22"
