"""The HTML report: structure checked with an HTML parser, behaviour in headless Chromium."""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from targetdoc.cli import cli
from targetdoc.models import Notice

from conftest import ROOT, SAMPLE

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"


class Page(HTMLParser):
    """Every element's tag and attributes, and the text of a few elements by id."""

    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {name: value or "" for name, value in attrs}))

    def with_class(self, tag: str, name: str) -> list[dict[str, str]]:
        return [a for t, a in self.elements if t == tag and name in a.get("class", "").split()]


@pytest.fixture(scope="module")
def report_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("report") / "report.html"
    result = CliRunner().invoke(cli, ["report", str(SAMPLE), "-o", str(path)])
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture(scope="module")
def page(report_path: Path) -> Page:
    parsed = Page()
    parsed.feed(report_path.read_text(encoding="utf-8"))
    return parsed


def test_every_unit_and_item_is_on_the_page_linked_to_its_lines(page: Page, notice: Notice) -> None:
    units = page.with_class("article", "unit")
    assert [unit["data-name"] for unit in units] == [unit.name for unit in notice.units]
    items = page.with_class("li", "item")
    assert len(items) == 816
    expected = [(str(i.span.first), str(i.span.last)) for _, _, i in notice.items()]
    assert [(item["data-first"], item["data-last"]) for item in items] == expected
    line_ids = {
        attrs["id"]
        for tag, attrs in page.elements
        if tag == "div" and "line" in attrs.get("class", "")
    }
    assert len(line_ids) == 1991
    assert all(f"L{first}" in line_ids for first, _ in expected)


def test_thresholds_are_marked_and_findings_listed(page: Page) -> None:
    assert len(page.with_class("mark", "threshold")) == 501
    findings = page.with_class("tr", "finding")
    # TD201, TD202 and TD211 of 市住房城乡建设局, waived; TD402 of a partial roll-up.
    assert len(findings) == 4
    assert len(page.with_class("tr", "waived")) == 3
    charts = page.with_class("figure", "chart")
    indicators = page.with_class("figure", "indicator-chart")
    assert len(charts) - len(indicators) == 7  # the roll-ups'
    # Each indicator whose county targets compare with the city's: 11 rates and levels,
    # 5 amounts and counts (进出口, 省外资金, 境外资金, 脱贫, 城镇新增就业).
    assert len(indicators) == 16
    assert indicators[-1]["data-indicator"] == "new_urban_jobs"


def test_page_is_self_contained(report_path: Path) -> None:
    html = report_path.read_text(encoding="utf-8")
    assert '<meta charset="utf-8">' in html
    assert "<link" not in html
    assert " src=" not in html
    assert "http://" not in html
    assert "https://" not in html
    assert "<style>" in html
    assert "<script>" in html


def test_report_from_the_canonical_yaml_finds_its_notice(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    result = CliRunner().invoke(
        cli, ["report", str(ROOT / "data" / "yaml" / "sanmenxia-2020.yaml"), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert 'id="L650"' in out.read_text(encoding="utf-8")


@pytest.mark.skipif(
    shutil.which(CHROMIUM) is None or shutil.which(CHROMEDRIVER) is None,
    reason="needs Debian's chromium and chromium-driver: make system-deps",
)
def test_clicking_an_item_highlights_its_source_and_search_filters(report_path: Path) -> None:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1400,900",
    ):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        driver.get(report_path.as_uri())
        # 市科技局 item 2 spans lines 538 of the notice.
        item = driver.find_element(By.ID, "item-10-2")
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", item)
        item.click()
        WebDriverWait(driver, 5).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".line.hl"))
        highlighted = [
            e.get_attribute("id") for e in driver.find_elements(By.CSS_SELECTOR, ".line.hl")
        ]
        assert highlighted == ["L538"]
        inside = driver.execute_script(
            "var l = document.getElementById('L538').getBoundingClientRect();"
            "var s = document.getElementById('source').getBoundingClientRect();"
            "return l.top >= s.top && l.bottom <= s.bottom"
            " && l.top >= 0 && l.bottom <= innerHeight;"
        )
        assert inside is True
        assert "active" in (item.get_attribute("class") or "")
        screenshots = ROOT / "build"
        screenshots.mkdir(exist_ok=True)
        driver.save_screenshot(str(screenshots / "report-click.png"))
        search = driver.find_element(By.ID, "search")
        search.send_keys("招商引资")
        WebDriverWait(driver, 5).until(lambda d: d.find_element(By.ID, "match-count").text)
        assert driver.find_element(By.ID, "match-count").text == "34 items"
        shown = [
            u for u in driver.find_elements(By.CSS_SELECTOR, "article.unit") if u.is_displayed()
        ]
        assert len(shown) == 34
        visible_items = [
            i for i in driver.find_elements(By.CSS_SELECTOR, "li.item") if i.is_displayed()
        ]
        assert all("招商引资" in (i.text or "") for i in visible_items)
        driver.save_screenshot(str(screenshots / "report-search.png"))
    finally:
        driver.quit()


def test_report_of_a_folder_is_a_usage_error() -> None:
    result = CliRunner().invoke(cli, ["report", str(ROOT / "data")])
    assert result.exit_code == 2
    assert "is a directory" in result.stderr


def test_the_indicators_section_weighs_each_county_by_group(report_path: Path) -> None:
    html = report_path.read_text(encoding="utf-8")
    section = html[html.index('<details id="indicators">') :]
    yima = section[section.index("<tr><td>义马市</td>") :].split("</tr>")[0]
    cells = yima.replace("<td class='num'>", "|").replace("</td>", "")
    # economy, innovation, environment, livelihood, safety, governance, party building,
    # unclassified, total
    assert cells.endswith("|370|100|60|60|0|0|0|110|700")


@pytest.mark.parametrize("given", [SAMPLE, ROOT / "data" / "yaml" / "sanmenxia-2020.yaml"])
def test_the_page_shows_the_notice_as_the_chosen_profile_reads_it(given: Path) -> None:
    from targetdoc.export.html_report import build_report

    page = build_report(given, "generic")
    assert page.notice.source.profile == "generic"
    assert "TD202" not in {finding.code for finding in page.report.findings}
