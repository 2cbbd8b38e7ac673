"""Rich renderings for people at a terminal: tables, finding lines, the caret under a column.

The only module importing rich besides the commands themselves.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text

from targetdoc.findings import Code, Finding
from targetdoc.i18n import N_, _, bracketed, date_shown
from targetdoc.models import Notice, Points, TextSpan, Threshold, points_total
from targetdoc.read.normalize import display_width

if TYPE_CHECKING:
    # Only for the types: the parse command's summary needs no validation report.
    from targetdoc.check.report import Report


def summary_table(notice: Notice, output: Path) -> Table:
    """Units, items and points per category, with the notice's identity in the title."""
    issued = date_shown(notice.issued_on) if notice.issued_on else _("no date")
    table = Table(
        title=f"{notice.doc_number or notice.source.file} → {output}",
        caption=f"{notice.title or ''}{bracketed(issued)}",
    )
    table.add_column(_("category"))
    table.add_column(_("units"), justify="right")
    table.add_column(_("items"), justify="right")
    table.add_column(_("points"), justify="right")
    categories: dict[str, list[Points]] = {}
    for unit in notice.units:
        row = categories.setdefault(unit.category, [0, 0, 0])
        row[0] += 1
        row[1] += sum(1 for _ in unit.items())
        row[2] = points_total([row[2], unit.points_sum])
    for name, (units, items, points) in categories.items():
        table.add_row(name, str(units), str(items), str(points))
    total = [points_total(row[i] for row in categories.values()) for i in range(3)]
    table.add_section()
    everything = _("all ({count} city-wide targets)").format(count=len(notice.citywide_targets))
    table.add_row(everything, *(str(n) for n in total))
    return table


def thresholds_table(text: str, thresholds: list[Threshold]) -> Table:
    """The thresholds of a sentence side by side, one row per record field."""
    table = Table(title=text, title_justify="left", caption=None if thresholds else "no thresholds")
    table.add_column("field", style="bold")
    for number in range(1, len(thresholds) + 1):
        table.add_column(f"#{number}")
    for field in Threshold.model_fields:
        values = [getattr(threshold, field) for threshold in thresholds]
        cells = [_cell(value) for value in values]
        table.add_row(field, *cells)
    return table


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, TextSpan):
        return f"{value.start}-{value.end}"
    return str(value)


def findings_by_unit(report: Report) -> list[tuple[str, list[Finding]]]:
    """Findings grouped by file and unit, in the order they were found."""
    groups: dict[str, list[Finding]] = {}
    for finding in report.findings:
        key = f"{finding.file} · {finding.unit}" if finding.unit else finding.file
        groups.setdefault(key, []).append(finding)
    return list(groups.items())


_STYLES = {"error": "red", "warning": "yellow", "info": "cyan"}


def finding_line(finding: Finding) -> Text:
    """``file:line: CODE severity message``, coloured by severity, dimmed if waived."""
    style = "dim" if finding.waived else _STYLES[finding.severity]
    return Text(str(finding), style=style)


def codes_table(codes: Iterable[Code]) -> Table:
    """The finding codes: code, name, severity and meaning."""
    table = Table(title=_("finding codes"), title_justify="left")
    for column in (_("code"), _("name"), _("severity"), _("meaning")):
        table.add_column(column)
    for code in codes:
        style = _STYLES[code.severity]
        severity = Text(_(code.severity), style=style)
        table.add_row(code.code, code.name, severity, _(code.explanation))
    return table


def report_summary(report: Report, *, strict: bool) -> Table:
    """Counts of what was checked and found, and the verdict."""
    counts = report.counts()
    verdict = _("FAILED") if report.failed(strict=strict) or report.errors else _("valid")
    table = Table(title=f"targetdoc validate: {verdict}", title_justify="left")
    columns = (
        N_("files"),
        N_("units"),
        N_("items"),
        N_("errors"),
        N_("warnings"),
        N_("info"),
        N_("waived"),
    )
    for column in map(_, columns):
        table.add_column(column, justify="right")
    table.add_row(
        str(report.files),
        str(report.units),
        str(report.items),
        str(counts["error"]),
        str(counts["warning"]),
        str(counts["info"]),
        str(counts["waived"]),
    )
    return table


def rollup_table(report: Report) -> Table:
    """Each declared roll-up: total, sum of parts, share and verdict."""
    notices = sorted({Path(file).name for file, _result in report.rollups})
    title = _("roll-ups of {notices}").format(notices=", ".join(notices))
    table = Table(title=title, title_justify="left")
    table.add_column(_("target"))
    table.add_column(_("total"), justify="right")
    table.add_column(_("Σ parts"), justify="right")
    table.add_column(_("parts"), justify="right")
    table.add_column(_("share"), justify="right")
    table.add_column(_("status"))
    for _file, result in report.rollups:
        status_style = {"ok": "green", "partial": "cyan"}.get(result.status, "red")
        table.add_row(
            result.name,
            result.written(result.total),
            result.written(result.parts_sum),
            str(result.parts),
            "" if result.share is None else f"{result.share}%",
            Text(_(result.status), style=status_style),
        )
    return table


def context(source_line: str, column: int | None = None, *, width: int = 72) -> str:
    """The source line (shortened around the column) with a caret under the column."""
    text = source_line.rstrip()
    col = 1 if column is None else max(1, column)
    start = max(0, min(col - 1 - width // 2, len(text) - width))
    shown = text[start : start + width]
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + width < len(text) else ""
    caret_at = len(prefix) + display_width(shown[: col - 1 - start])
    return f"    {prefix}{shown}{suffix}\n    {' ' * caret_at}^"
