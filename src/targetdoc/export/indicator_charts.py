"""The HTML report's indicators: a small chart per indicator, each county's target
beside the city's (a line at the city's value; a county above it is escalated, 层层加码),
and for amounts and counts the counties' sum against the city's."""

from __future__ import annotations

from decimal import Decimal
from html import escape

from targetdoc.i18n import N_, _
from targetdoc.indicators.catalog import notice_catalog
from targetdoc.indicators.compare import SUMMED, Comparison, UnitStanding, compare
from targetdoc.indicators.targets import indicator_targets
from targetdoc.indicators.weights import (
    GROUP_LABELS,
    GROUPS,
    Weights,
    category_weights,
    notice_weights,
)
from targetdoc.models import Notice

_ROW, _LABEL, _BAR = 16, 110, 160


def indicator_section(notice: Notice) -> str:
    """Every indicator whose counties' targets compare with the city's, charted, and
    the points each category gives each indicator group."""
    catalog = notice_catalog(notice)
    comparisons = compare(indicator_targets(notice, catalog))
    charts = [_chart(comparison) for comparison in comparisons if _compared(comparison)]
    if not charts:
        return ""
    summary = _("Indicators: the counties against the city ({count})").format(count=len(charts))
    return (
        f'<details id="indicators"><summary>{escape(summary)}</summary>'
        f'<section class="charts">{"".join(charts)}</section>'
        f"{_weights(list(notice_weights(notice, catalog)))}</details>"
    )


def _weights(weights: list[Weights]) -> str:
    """Points by indicator group: each county, then each category in all."""
    heads = "".join(
        f"<th>{escape(_(h))}</th>" for h in (N_("unit"), *GROUP_LABELS.values(), N_("total"))
    )
    rows = [one for one in weights if one.kind == "county"] + category_weights(weights)
    body = "".join(
        f"<tr><td>{escape(one.name)}</td>"
        + "".join(f"<td class='num'>{one.points[group]}</td>" for group in GROUPS)
        + f"<td class='num'>{one.total}</td></tr>"
        for one in rows
    )
    caption = _("points by indicator group: an item's points shared among its indicators")
    return f'<table id="weights"><caption>{escape(caption)}</caption><tr>{heads}</tr>{body}</table>'


def _compared(comparison: Comparison) -> list[UnitStanding]:
    """The counties' targets of the city's form, with a value."""
    return [
        standing
        for standing in comparison.units
        if standing.target.holder == "county" and standing.difference is not None
    ]


def _chart(comparison: Comparison) -> str:
    standings = _compared(comparison)
    assert comparison.citywide is not None  # a difference needs the city's value
    city = comparison.citywide.value.value or Decimal(0)
    measure = comparison.citywide.value.measure or ""
    summed = comparison.indicator.kind in SUMMED
    values = [s.target.value.value or Decimal(0) for s in standings]
    biggest = max([*values, Decimal(0) if summed else city]) or Decimal(1)
    bars = []
    for index, (standing, value) in enumerate(zip(standings, values, strict=True)):
        width = float(value / biggest) * _BAR
        y = index * _ROW
        colour = "#cf222e" if standing.stricter else "#0969da"
        shown = escape(f"{value}{measure}")
        bars.append(
            f'<text x="{_LABEL - 4}" y="{y + 11}" text-anchor="end">'
            f"{escape(standing.target.unit or '')}</text>"
            f'<rect x="{_LABEL}" y="{y + 2}" width="{width:.1f}" height="{_ROW - 5}" '
            f'fill="{colour}"><title>{escape(str(standing.target.threshold))}</title></rect>'
            f'<text x="{_LABEL + width + 4:.1f}" y="{y + 11}">{shown}</text>'
        )
    height = _ROW * len(standings)
    if not summed:
        x = _LABEL + float(city / biggest) * _BAR
        bars.append(
            f'<line class="city" x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{height}" '
            f'stroke="#1f2328" stroke-dasharray="3 2"></line>'
        )
        note = _("city {value}; {count} counties stricter").format(
            value=f"{city}{measure}", count=sum(1 for s in standings if s.stricter)
        )
    else:
        note = _("Σ counties {total} against the city's {value}").format(
            total=f"{comparison.county_sum}{measure}", value=f"{city}{measure}"
        )
    name, code = comparison.indicator.name, comparison.indicator.code
    return (
        f'<figure class="chart indicator-chart" data-indicator="{escape(code)}">'
        f"<h3>{escape(name)}</h3>"
        f'<svg width="{_LABEL + _BAR + 90}" height="{height}" role="img" '
        f'aria-label="{escape(name)}">{"".join(bars)}</svg>'
        f"<figcaption>{escape(note)}</figcaption></figure>"
    )
