"""``targetdoc report``: one self-contained HTML page to review a notice at a glance.

The page inlines its CSS and JS (``assets/``), loads nothing from the network and
works from ``file://``: the notice's header, counts and validation status with
findings and roll-ups; a card per unit with tiers, items, points and thresholds;
the source text with line numbers, where clicking an item highlights its lines;
a search box; small bar charts of each roll-up across its units, and of each
indicator's county targets against the city's (``indicator_charts``).
"""

from __future__ import annotations

import base64
import functools
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from html import escape
from importlib import resources
from pathlib import Path

from targetdoc.check.files import discover
from targetdoc.check.report import Report
from targetdoc.check.rollups import RollupResult
from targetdoc.check.validate import validate
from targetdoc.export.indicator_charts import indicator_section
from targetdoc.findings import Finding
from targetdoc.i18n import N_, _, date_shown, language
from targetdoc.models import Item, Notice, Tier, Unit
from targetdoc.profile import Profile
from targetdoc.read.kinds import GENERATOR, file_kind
from targetdoc.reading import read_file


def _asset(name: str) -> str:
    return (resources.files("targetdoc.export") / "assets" / name).read_text(encoding="utf-8")


@dataclass(frozen=True)
class ReviewPage:
    """The page, with the notice, the validation it shows and what the notice's parse
    found (the command exits as ``parse`` would on it: 2 where TD103 says truncated)."""

    html: str
    notice: Notice
    report: Report
    findings: tuple[Finding, ...]


def build_report(path: Path, profile: Profile | str = "auto") -> ReviewPage:
    """The page for a notice, or for a canonical file with its notice found beside it.

    A canonical file's notice is found in its data folder (data/yaml/x.yaml →
    data/raw/x.*), so that the page can show the text; without one, no text.
    """
    raw = discover([path])[0].raw
    reading = read_file(raw if raw is not None else path, profile=profile)
    notice = reading.notice
    lines = [line.raw for line in reading.source.lines] if reading.source else None
    found = reading.findings if file_kind(path) == "notice" else ()
    scans: dict[int, bytes] = {}
    if raw is not None and reading.source is not None and reading.source.scanned:
        from targetdoc.read.images import page_pictures
        from targetdoc.read.source import read_input

        scans = page_pictures(read_input(raw), reading.source.scanned)
    report = validate([path], profile)
    return ReviewPage(html_page(notice, report, lines, scans), notice, report, found)


def html_page(
    notice: Notice,
    report: Report,
    source_lines: list[str] | None,
    scans: Mapping[int, bytes] | None = None,
) -> str:
    """The whole page as one HTML string; ``scans``: a scanned notice's pages as JPEG,
    shown in the source view at each page's start, beside the records read from it."""
    title = notice.title or notice.source.file
    search, matched = _("search units and targets"), _("{count} items")
    parts = [
        "<!doctype html>",
        f'<html lang="{"zh-CN" if language() == "zh" else "en"}"><head><meta charset="utf-8">',
        f'<meta name="generator" content="{GENERATOR}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>",
        f"<style>{_asset('report.css')}</style></head><body>",
        _header(notice, report),
        '<div class="toolbar"><input id="search" type="search" '
        f'placeholder="{escape(search)}" autocomplete="off">'
        f'<span id="match-count" data-label="{escape(matched)}"></span></div>',
        _charts(report.rollups),
        indicator_section(notice),
        '<main class="layout"><section id="units">',
        *_categories(notice, linked=source_lines is not None),
        "</section>",
        _source_view(source_lines, notice.source.page_starts, scans or {}),
        "</main>",
        f"<script>{_asset('report.js')}</script></body></html>",
    ]
    return "\n".join(parts) + "\n"


def _header(notice: Notice, report: Report) -> str:
    items = sum(1 for _found in notice.items())
    thresholds = sum(len(item.thresholds) for _unit, _tier, item in notice.items())
    failed = report.failed()
    counts = report.counts()
    issued = date_shown(notice.issued_on) if notice.issued_on else None
    meta = " · ".join(
        escape(str(part)) for part in (notice.doc_number, notice.issuer, issued) if part is not None
    )
    status = "failed" if failed else "valid"
    units_label = _("{count} units").format(count=len(notice.units))
    items_label = _("{count} items").format(count=items)
    thresholds_label = _("{count} thresholds").format(count=thresholds)
    tally = _("{error} errors, {warning} warnings, {info} info, {waived} waived").format_map(
        {key: counts[key] for key in ("error", "warning", "info", "waived")}
    )
    return "\n".join(
        [
            "<header>",
            f"<h1>{escape(notice.title or notice.source.file)}</h1>",
            f'<p class="meta">{meta}</p>',
            '<p class="counts">'
            f'<span id="count-units">{units_label}</span>'
            f'<span id="count-items">{items_label}</span>'
            f'<span id="count-thresholds">{thresholds_label}</span>'
            f'<span class="status {status}" id="status">{_(status)}</span> '
            f"<span>{tally}</span></p>",
            _findings(report),
            _rollups(report.rollups),
            "</header>",
        ]
    )


_FINDING_COLUMNS = (N_("code"), N_("severity"), N_("unit"), N_("line"), N_("message"))
_ROLLUP_COLUMNS = (N_("target"), N_("total"), N_("Σ parts"), N_("parts"), N_("share"), N_("status"))
_STATUS = (N_("failed"), N_("valid"))


def _findings(report: Report) -> str:
    if not report.findings:
        none = _("No findings.")
        return f'<p id="findings">{none}</p>'
    rows = []
    for finding in report.findings:
        line = f'<a href="#L{finding.line}">{finding.line}</a>' if finding.line else ""
        waived = _(" (waived)") if finding.waived else ""
        rows.append(
            f'<tr class="finding{" waived" if finding.waived else ""}">'
            f"<td>{escape(finding.code)}</td>"
            f'<td class="sev-{finding.severity}">{_(finding.severity)}{waived}</td>'
            f"<td>{escape(finding.unit or '')}</td><td>{line}</td>"
            f"<td>{escape(finding.text())}</td></tr>"
        )
    heads = "".join(f"<th>{_(h)}</th>" for h in _FINDING_COLUMNS)
    summary = _("Findings ({count})").format(count=len(rows))
    return (
        f"<details open><summary>{summary}</summary>"
        f'<table id="findings"><tr>{heads}</tr>' + "".join(rows) + "</table></details>"
    )


def _rollups(results: list[tuple[str, RollupResult]]) -> str:
    if not results:
        return ""
    rows = "".join(
        f"<tr><td>{escape(r.name)}</td><td class='num'>{escape(r.written(r.total))}</td>"
        f"<td class='num'>{escape(r.written(r.parts_sum))}</td><td class='num'>{r.parts}</td>"
        f"<td class='num'>{'' if r.share is None else f'{r.share}%'}</td>"
        f"<td>{escape(_(r.status))}</td></tr>"
        for _file, r in results
    )
    heads = "".join(f"<th>{_(h)}</th>" for h in _ROLLUP_COLUMNS)
    summary = _("Roll-ups")
    return (
        f'<details><summary>{summary}</summary><table id="rollups">'
        f"<tr>{heads}</tr>{rows}</table></details>"
    )


def _charts(results: list[tuple[str, RollupResult]]) -> str:
    charts = [_bar_chart(result) for _file, result in results if result.by_unit]
    return f'<section class="charts" id="charts">{"".join(charts)}</section>' if charts else ""


def _bar_chart(result: RollupResult) -> str:
    """A small horizontal bar chart of one roll-up's parts, unit by unit."""
    biggest = max((quantity for _unit, quantity in result.by_unit), default=Decimal(1)) or Decimal(
        1
    )
    row, label_width, bar_width = 16, 110, 160
    bars = []
    for index, (name, quantity) in enumerate(result.by_unit):
        width = float(quantity / biggest) * bar_width
        y = index * row
        bars.append(
            f'<text x="{label_width - 4}" y="{y + 11}" text-anchor="end">{escape(name)}</text>'
            f'<rect x="{label_width}" y="{y + 2}" width="{width:.1f}" height="{row - 5}" '
            f'fill="#0969da"><title>{escape(result.written(quantity))}</title></rect>'
            f'<text x="{label_width + width + 4:.1f}" y="{y + 11}">'
            f"{escape(result.written(quantity))}</text>"
        )
    height = row * len(result.by_unit)
    return (
        f'<figure class="chart"><h3>{escape(result.name)}</h3>'
        f'<svg width="{label_width + bar_width + 90}" height="{height}" role="img" '
        f'aria-label="{escape(result.name)}">{"".join(bars)}</svg></figure>'
    )


def _categories(notice: Notice, *, linked: bool) -> Iterator[str]:
    """Units by category; ``linked``: the source view is on the page, with its pages."""
    where = functools.partial(_where, notice) if linked else _nowhere
    category = None
    for index, unit in enumerate(notice.units):
        if unit.category != category:
            category = unit.category
            yield f"<h2>{escape(category or '')}</h2>"
        yield _unit_card(index, unit, where)


def _unit_card(index: int, unit: Unit, where: Callable[[int], str]) -> str:
    tiers = "".join(_tier(index, unit, tier, where) for tier in unit.tiers)
    clause = ""
    if unit.deduction_clause is not None:
        clause = f'<p class="clause">{escape(unit.deduction_clause.text)}</p>'
    kind = _("county") if unit.kind == "county" else _("department")
    return (
        f'<article class="unit" id="unit-{index}" data-name="{escape(unit.name)}">'
        f'<h3><a href="#L{unit.span.first}">{escape(unit.name)}</a>{where(unit.span.first)}'
        f'<span class="kind">{kind} · {unit.points_sum}分</span></h3>{tiers}{clause}</article>'
    )


def _tier(index: int, unit: Unit, tier: Tier, where: Callable[[int], str]) -> str:
    declared = tier.declared_points
    summed = tier.children_sum
    mismatch = declared is not None and declared != summed
    fill = 100 if not declared else min(100.0, summed * 100 / declared)
    items = "".join(_item(index, unit, item, where) for item in tier.items)
    sections = "".join(_tier(index, unit, inner, where) for inner in tier.tiers)
    tip = _("summed {summed} of declared {declared}").format(summed=summed, declared=declared)
    return (
        f'<section class="tier{" mismatch" if mismatch else ""}">'
        f"<h4>{escape(tier.name)} <span>{summed} / {declared if declared is not None else '?'}分"
        f'</span><span class="bar" title="{escape(tip)}">'
        f'<i style="width:{fill:.0f}%"></i></span></h4><ol class="items">{items}</ol>'
        f"{sections}</section>"
    )


def _item(index: int, unit: Unit, item: Item, where: Callable[[int], str]) -> str:
    searchable = escape(f"{unit.name} {item.text}")
    # Numbers start again in each section of a nested unit: its items go by their line.
    key = f"L{item.span.first}" if unit.nested else str(item.number)
    return (
        f'<li class="item" id="item-{index}-{key}" data-first="{item.span.first}" '
        f'data-last="{item.span.last}" data-text="{searchable}">'
        f'<a class="no" href="#L{item.span.first}">{item.number}.</a>'
        f"<span>{_marked(item)}</span>"
        f'<span class="pts">{"" if item.points is None else f"{item.points}分"}</span>'
        f"{where(item.span.first)}</li>"
    )


def _marked(item: Item) -> str:
    """The item's text with each threshold's phrase marked, its reading in the tooltip."""
    out, position = [], 0
    for threshold in sorted(item.thresholds, key=lambda t: t.span.start):
        start, end = threshold.span.start, threshold.span.end
        if start < position:
            continue
        reading = " ".join(
            str(value)
            for value in (
                threshold.comparator,
                threshold.change,
                threshold.quantity,
                threshold.unit,
                threshold.benchmark,
            )
            if value is not None
        )
        out.append(escape(item.text[position:start]))
        phrase = escape(item.text[start:end])
        out.append(f'<mark class="threshold" title="{escape(reading)}">{phrase}</mark>')
        position = end
    out.append(escape(item.text[position:]))
    return "".join(out)


def _source_view(
    lines: list[str] | None, page_starts: list[int], scans: Mapping[int, bytes]
) -> str:
    heading, missing = _("Source"), _("The notice itself was not found.")
    if lines is None:
        return f'<section id="source"><h2>{heading}</h2><p>{missing}</p></section>'
    page_label, scan_label = _("page {page}"), _("scan of page {page}")

    def scan(page: int) -> str:
        if page not in scans:
            return ""
        data = base64.b64encode(scans[page]).decode("ascii")
        alt = escape(scan_label.format(page=page))
        return f'<img class="scan" alt="{alt}" src="data:image/jpeg;base64,{data}">'

    # A PDF's page breaks, before the first line of each page (none for text).
    breaks: dict[int, list[int]] = {}
    for page, first in enumerate(page_starts, start=1):
        breaks.setdefault(first, []).append(page)
    rows = "".join(
        "".join(
            f'<div class="page" id="P{page}">{page_label.format(page=page)}{scan(page)}</div>'
            for page in breaks.get(number, ())
        )
        + f'<div class="line" id="L{number}"><span class="n">{number}</span>'
        f'<span class="t">{escape(text)}</span></div>'
        for number, text in enumerate(lines, start=1)
    )
    return f'<section id="source"><h2>{heading}</h2>{rows}</section>'


def _nowhere(line: int) -> str:
    return ""


def _where(notice: Notice, line: int) -> str:
    """A PDF record's page, as the report shows it beside the record (nothing for text)."""
    page = notice.source.page(line)
    return "" if page is None else f'<a class="page" href="#P{page}">p.{page}</a>'
