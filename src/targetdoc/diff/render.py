"""A notice diff for people and programs: text by unit, Markdown (for a pull request
or an email), a side-by-side HTML page, and JSON (the shape ``NoticeDiff.as_json``)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from html import escape
from itertools import groupby
from typing import Literal

from targetdoc.diff.changes import Change, NoticeDiff, Placed, ThresholdChange
from targetdoc.diff.units import UnitMatch
from targetdoc.i18n import N_, _, language, ngettext

DiffFormat = Literal["text", "json", "markdown", "html"]
FORMATS: tuple[DiffFormat, ...] = ("text", "json", "markdown", "html")

_MARKS = {"added": "+", "removed": "-", "changed": "~", "renumbered": "↕"}
# The kinds of change and the directions, as the text shows them (the catalog
# translates them).
WORDS = (
    N_("added"),
    N_("removed"),
    N_("changed"),
    N_("renumbered"),
    N_("raised"),
    N_("lowered"),
)


def render(diff: NoticeDiff, fmt: DiffFormat, *, styled: bool = False) -> str:
    """The diff in one of the formats; ``styled`` colours text for a terminal."""
    if fmt == "json":
        return json.dumps(diff.as_json(), ensure_ascii=False, indent=2) + "\n"
    if fmt == "markdown":
        return "\n".join(_markdown(diff)) + "\n"
    if fmt == "html":
        return _html(diff)
    return "\n".join(_text(diff, styled)) + "\n"


def summary(diff: NoticeDiff) -> str:
    """``8 changes in 4 units; 2 units renamed``, or ``no changes``."""
    if diff.same:
        return _("no changes")
    units = len({change.unit for change in diff.changes})
    changes = len(diff.changes)
    where = ngettext("in {count} unit", "in {count} units", units).format(count=units)
    said = ngettext("{count} change {where}", "{count} changes {where}", changes)
    parts = [said.format(count=changes, where=where)] if changes else []
    for count, what in (
        (
            len(diff.renamed),
            ngettext("{count} unit renamed", "{count} units renamed", len(diff.renamed)),
        ),
        (
            len(diff.units_added),
            ngettext("{count} unit added", "{count} units added", len(diff.units_added)),
        ),
        (
            len(diff.units_removed),
            ngettext("{count} unit removed", "{count} units removed", len(diff.units_removed)),
        ),
    ):
        if count:
            parts.append(what.format(count=count))
    return _("; ").join(parts)


def _points(placed: Placed) -> str:
    points = placed.item.points
    if points is None:
        return ""
    shown = format(points.normalize(), "f") if isinstance(points, Decimal) else str(points)
    return f"（{shown}分）"


def _label(placed: Placed) -> str:
    """An item as the notice writes it: ``3. 新增入库“四上”企业26个（30分）``."""
    return f"{placed.item.number}. {placed.item.text}{_points(placed)}"


def _threshold(change: ThresholdChange) -> str:
    if change.old is None:
        return _("new {threshold}").format(threshold=change.new)
    if change.new is None:
        return _("dropped {threshold}").format(threshold=change.old)
    moved = f"{change.old} → {change.new}"
    notes: list[str] = []
    if change.direction and change.direction != "changed":
        notes.append(_(change.direction))
    if change.stricter:
        notes.append(_("stricter") if change.stricter == "new" else _("looser"))
    comma = _(", ")
    return f"{moved} ({comma.join(notes)})" if notes else moved


def details(change: Change) -> list[str]:
    """What a changed item changed, each part labelled."""
    assert change.old is not None
    assert change.new is not None
    found = []
    if "points" in change.what:
        moved = f"{_points(change.old)[1:-1]} → {_points(change.new)[1:-1]}"
        found.append(_("points: {moved}").format(moved=moved))
    if change.thresholds:
        moved = _("; ").join(map(_threshold, change.thresholds))
        found.append(_("thresholds: {moved}").format(moved=moved))
    if "text" in change.what and not change.thresholds:
        found.append(_("was: {text}").format(text=change.old.item.text))
    if "responsible" in change.what:
        moved = (
            f"{'、'.join(change.old.item.responsible)} → {'、'.join(change.new.item.responsible)}"
        )
        found.append(_("responsible: {moved}").format(moved=moved))
    return found


def describe(change: Change) -> str:
    """One line for a change (without its kind)."""
    if change.kind == "added":
        assert change.new is not None
        return _label(change.new)
    if change.kind == "removed":
        assert change.old is not None
        return _label(change.old)
    assert change.old is not None
    assert change.new is not None
    if change.kind == "renumbered":
        moved = f"{change.old.item.number} → {change.new.item.number}"
        if change.old.tier != change.new.tier:
            moved += f" ({change.old.tier} → {change.new.tier})"
        return f"{moved}: {change.new.item.text}"
    parts = _("; ").join(details(change))
    return f"{change.new.item.number}. {change.new.item.text} — {parts}"


def _renamed(match: UnitMatch) -> str:
    how = _("alias") if match.by == "alias" else _("similar names, {score}")
    return f"{match.old} → {match.new} ({how.format(score=f'{match.score:g}')})"


def _by_unit(diff: NoticeDiff) -> Iterator[tuple[str, list[Change]]]:
    for unit, changes in groupby(diff.changes, key=lambda change: change.unit):
        yield unit, list(changes)


def _text(diff: NoticeDiff, styled: bool) -> Iterator[str]:
    import click

    colours = {"added": "green", "removed": "red", "changed": "yellow", "renumbered": "cyan"}
    yield f"{diff.old.source.file} → {diff.new.source.file}"
    for match in diff.renamed:
        yield _("unit renamed: {units}").format(units=_renamed(match))
    for name in diff.units_added:
        yield _("unit added: {unit}").format(unit=name)
    for name in diff.units_removed:
        yield _("unit removed: {unit}").format(unit=name)
    for unit, changes in _by_unit(diff):
        yield ""
        yield click.style(unit, bold=True) if styled else unit
        for change in changes:
            line = f"  {_MARKS[change.kind]} {describe(change)}"
            yield click.style(line, fg=colours[change.kind]) if styled else line
    yield ""
    yield summary(diff)


def _markdown(diff: NoticeDiff) -> Iterator[str]:
    """Markdown for a pull request or an email; every text of the notices is escaped,
    so that a notice's ``<svg onload=…>`` or ``**`` stays text."""
    old, new = markdown_text(diff.old.source.file), markdown_text(diff.new.source.file)
    yield f"# {old} → {new}"
    yield ""
    stop, renamed, added, removed = _("."), _("renamed"), _("added"), _("removed")
    yield f"{markdown_text(summary(diff))}{stop}"
    units = [f"- {renamed}: {markdown_text(_renamed(match))}" for match in diff.renamed]
    units += [f"- {added}: {markdown_text(name)}" for name in diff.units_added]
    units += [f"- {removed}: {markdown_text(name)}" for name in diff.units_removed]
    if units:
        yield ""
        yield _("Units:")
        yield ""
        yield from units
    for unit, changes in _by_unit(diff):
        yield ""
        yield f"## {markdown_text(unit)}"
        yield ""
        for change in changes:
            yield f"- **{_(change.kind)}** {markdown_text(describe(change))}"


# ASCII marks that Markdown (CommonMark, GitHub's) may read as markup inside a line
# (code, emphasis, links and images, tables, strike-through, mentions): each is written
# with a backslash, which CommonMark allows before any ASCII punctuation. A line's
# start is always targetdoc's own (#, -), so block marks need none.
_MARKDOWN_MARKS = frozenset("\\`*_[]|~@")
_HTML_MARKS = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def markdown_text(text: str) -> str:
    """Text that renders as itself in Markdown: HTML's marks as entities, Markdown's
    backslashed, and line breaks as spaces (one line stays one list item)."""
    out = []
    for char in " ".join(text.splitlines()):
        if char in _HTML_MARKS:
            out.append(_HTML_MARKS[char])
        elif char in _MARKDOWN_MARKS:
            out.append("\\" + char)
        else:
            out.append(char)
    return "".join(out)


_STYLE = """
body { font-family: system-ui, "Noto Sans CJK SC", sans-serif; margin: 2em auto; max-width: 72em; }
table { border-collapse: collapse; width: 100%; margin-bottom: 1.5em; }
td, th { border: 1px solid #ccc; padding: 4px 8px; vertical-align: top; text-align: left; }
td.kind { white-space: nowrap; width: 7em; }
tr.added td.new, tr.changed td.new { background: #e6ffec; }
tr.removed td.old, tr.changed td.old { background: #ffebe9; }
tr.renumbered td { background: #f0f6ff; }
p.details { margin: 2px 0 0; color: #555; font-size: 0.9em; }
"""


def _html(diff: NoticeDiff) -> str:
    old, new = escape(diff.old.source.file), escape(diff.new.source.file)
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{"zh-CN" if language() == "zh" else "en"}"><head><meta charset="utf-8">',
        '<meta name="generator" content="targetdoc diff">',
        f"<title>{old} → {new}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{old} → {new}</h1><p>{escape(summary(diff))}</p>",
    ]
    renamed, added, removed = _("renamed"), _("added"), _("removed")
    units = [f"<li>{renamed}: {escape(_renamed(match))}</li>" for match in diff.renamed]
    units += [f"<li>{added}: {escape(name)}</li>" for name in diff.units_added]
    units += [f"<li>{removed}: {escape(name)}</li>" for name in diff.units_removed]
    if units:
        parts.append(f"<ul>{''.join(units)}</ul>")
    heading = _("change")
    for unit, changes in _by_unit(diff):
        rows = "".join(_html_row(change) for change in changes)
        parts.append(
            f"<h2>{escape(unit)}</h2><table><tr><th>{heading}</th><th>{old}</th>"
            f"<th>{new}</th></tr>{rows}</table>"
        )
    parts.append("</body></html>\n")
    return "\n".join(parts)


def _html_row(change: Change) -> str:
    old = escape(_label(change.old)) if change.old else ""
    new = escape(_label(change.new)) if change.new else ""
    if change.kind == "changed":
        new += "".join(f'<p class="details">{escape(part)}</p>' for part in details(change))
    return (
        f'<tr class="{change.kind}"><td class="kind">{_(change.kind)}</td>'
        f'<td class="old">{old}</td><td class="new">{new}</td></tr>'
    )
