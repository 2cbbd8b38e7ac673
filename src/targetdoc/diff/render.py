"""A notice diff for people and programs: text by unit, Markdown (for a pull request
or an email), a side-by-side HTML page, and JSON (the shape ``NoticeDiff.as_json``).

For people, each notice is named by its 文号 and year; a changed sentence is shown once,
what was removed and added in it marked; edits that only move the year on (2020年 →
2021年) are listed apart, after the rest; text lines are wrapped with their
continuation indented under the item; remarks in Chinese lines take full-width brackets.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from html import escape
from itertools import groupby
from typing import Literal

from targetdoc.decimals import number_text
from targetdoc.diff.changes import Change, NoticeDiff, Placed, ThresholdChange
from targetdoc.diff.marks import Style, markdown_text, marked, only_the_year, wrapped
from targetdoc.diff.units import UnitMatch
from targetdoc.i18n import N_, _, bracketed, language, ngettext
from targetdoc.models import Notice

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


# Text lines are wrapped at this width (a terminal's own, when writing to one), their
# continuation indented under the item's text.
WIDTH = 100
_INDENT = 6


def render(diff: NoticeDiff, fmt: DiffFormat, *, styled: bool = False, width: int = WIDTH) -> str:
    """The diff in one of the formats; ``styled`` colours text for a terminal."""
    if fmt == "json":
        return json.dumps(diff.as_json(), ensure_ascii=False, indent=2) + "\n"
    if fmt == "markdown":
        return "\n".join(_markdown(diff)) + "\n"
    if fmt == "html":
        return _html(diff)
    return "\n".join(_text(diff, styled, width)) + "\n"


def named(notice: Notice) -> str:
    """A notice by its 文号 and year (三政〔2020〕9号（2020年度）), else its file."""
    name = notice.doc_number or notice.source.file
    if notice.year is None:
        return name
    return name + bracketed(_("year {year}").format(year=notice.year))


def heading(diff: NoticeDiff) -> str:
    return f"{named(diff.old)} → {named(diff.new)}"


def year_only(diff: NoticeDiff, change: Change) -> bool:
    """A change whose only edit moves the year of the notice on in its text."""
    if change.kind != "changed" or change.what != ("text",):
        return False
    assert change.old is not None
    assert change.new is not None
    old, new = change.old.item.text, change.new.item.text
    return only_the_year(old, new, diff.old.year, diff.new.year)


def _split(diff: NoticeDiff) -> tuple[list[Change], list[Change]]:
    """The changes to read, and those that only move the year on."""
    moved = [change for change in diff.changes if year_only(diff, change)]
    return [change for change in diff.changes if change not in moved], moved


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
    return f"（{number_text(points)}分）"


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
    return moved + bracketed(comma.join(notes)) if notes else moved


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
    if "responsible" in change.what:
        moved = (
            f"{'、'.join(change.old.item.responsible)} → {'、'.join(change.new.item.responsible)}"
        )
        found.append(_("responsible: {moved}").format(moved=moved))
    return found


def describe(change: Change, style: Style = "text") -> str:
    """One line for a change (without its kind): a changed sentence once, what was
    removed and added in it marked in the output's style."""
    plains: dict[str, Callable[[str], str]] = {"html": escape, "markdown": markdown_text}
    plain = plains.get(style, str)
    if change.kind == "added":
        assert change.new is not None
        return plain(_label(change.new))
    if change.kind == "removed":
        assert change.old is not None
        return plain(_label(change.old))
    assert change.old is not None
    assert change.new is not None
    if change.kind == "renumbered":
        moved = f"{change.old.item.number} → {change.new.item.number}"
        if change.old.tier != change.new.tier:
            moved += bracketed(f"{change.old.tier} → {change.new.tier}")
        return plain(f"{moved}: {change.new.item.text}")
    text = change.new.item.text
    text = marked(change.old.item.text, text, style) if "text" in change.what else plain(text)
    parts = [plain(part) for part in details(change)]
    said = f" — {_('; ').join(parts)}" if parts else ""
    return f"{change.new.item.number}. {text}{said}"


def _renamed(match: UnitMatch) -> str:
    how = _("alias") if match.by == "alias" else _("similar names, {score}")
    return f"{match.old} → {match.new}" + bracketed(how.format(score=f"{match.score:g}"))


def _by_unit(changes: list[Change]) -> Iterator[tuple[str, list[Change]]]:
    for unit, grouped in groupby(changes, key=lambda change: change.unit):
        yield unit, list(grouped)


YEAR_ONLY = N_("Only the year changed ({count}):")


def _text(diff: NoticeDiff, styled: bool, width: int) -> Iterator[str]:
    import click

    colours = {"added": "green", "removed": "red", "renumbered": "cyan"}
    yield heading(diff)
    for match in diff.renamed:
        yield _("unit renamed: {units}").format(units=_renamed(match))
    for name in diff.units_added:
        yield _("unit added: {unit}").format(unit=name)
    for name in diff.units_removed:
        yield _("unit removed: {unit}").format(unit=name)
    changes, moved = _split(diff)
    style: Style = "terminal" if styled else "text"
    for unit, grouped in _by_unit(changes):
        yield ""
        yield click.style(unit, bold=True) if styled else unit
        for change in grouped:
            mark = _MARKS[change.kind]
            if styled and change.kind in colours:
                mark = click.style(mark, fg=colours[change.kind])
            yield from wrapped(f"  {mark} {describe(change, style)}", width, _INDENT)
    if moved:
        yield ""
        yield _(YEAR_ONLY).format(count=len(moved))
        for change in moved:
            assert change.new is not None
            line = f"  {change.unit} {change.new.item.number}. {change.new.item.text}"
            yield from wrapped(line, width, _INDENT)
    yield ""
    yield summary(diff)


def _markdown(diff: NoticeDiff) -> Iterator[str]:
    """Markdown for a pull request or an email; every text of the notices is escaped,
    so that a notice's ``<svg onload=…>`` or ``**`` stays text."""
    yield f"# {markdown_text(heading(diff))}"
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
    changes, moved = _split(diff)
    for unit, grouped in _by_unit(changes):
        yield ""
        yield f"## {markdown_text(unit)}"
        yield ""
        for change in grouped:
            yield f"- **{_(change.kind)}** {describe(change, 'markdown')}"
    if moved:
        yield ""
        yield f"## {_(YEAR_ONLY).format(count=len(moved)).rstrip(':：')}"
        yield ""
        for change in moved:
            assert change.new is not None
            line = f"{change.unit} {change.new.item.number}. {change.new.item.text}"
            yield f"- {markdown_text(line)}"


_STYLE = """
body { font-family: system-ui, "Noto Sans CJK SC", sans-serif; margin: 2em auto; max-width: 72em; }
table { border-collapse: collapse; width: 100%; margin-bottom: 1.5em; }
td, th { border: 1px solid #ccc; padding: 4px 8px; vertical-align: top; text-align: left; }
td.kind { white-space: nowrap; width: 7em; }
tr.added td.new, tr.changed td.new { background: #e6ffec; }
tr.removed td.old, tr.changed td.old { background: #ffebe9; }
tr.renumbered td { background: #f0f6ff; }
p.details { margin: 2px 0 0; color: #555; font-size: 0.9em; }
del { background: #ffc1c0; } ins { background: #abf2bc; text-decoration: none; }
"""


def _html(diff: NoticeDiff) -> str:
    old, new = escape(named(diff.old)), escape(named(diff.new))
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
    kind = _("change")
    changes, moved = _split(diff)
    for unit, grouped in _by_unit(changes):
        rows = "".join(_html_row(change) for change in grouped)
        parts.append(
            f"<h2>{escape(unit)}</h2><table><tr><th>{kind}</th><th>{old}</th>"
            f"<th>{new}</th></tr>{rows}</table>"
        )
    if moved:
        title = escape(_(YEAR_ONLY).format(count=len(moved)).rstrip(":："))
        items = "".join(
            f"<li>{escape(change.unit)} {escape(_label(change.new))}</li>"
            for change in moved
            if change.new is not None
        )
        parts.append(f"<h2>{title}</h2><ul>{items}</ul>")
    parts.append("</body></html>\n")
    return "\n".join(parts)


def _html_row(change: Change) -> str:
    old = escape(_label(change.old)) if change.old else ""
    new = escape(_label(change.new)) if change.new else ""
    if change.kind == "changed" and change.old is not None and change.new is not None:
        if "text" in change.what:  # the sentence once, what changed in it marked
            text = marked(change.old.item.text, change.new.item.text, "html")
            new = f"{change.new.item.number}. {text}{escape(_points(change.new))}"
        new += "".join(f'<p class="details">{escape(part)}</p>' for part in details(change))
    return (
        f'<tr class="{change.kind}"><td class="kind">{_(change.kind)}</td>'
        f'<td class="old">{old}</td><td class="new">{new}</td></tr>'
    )
