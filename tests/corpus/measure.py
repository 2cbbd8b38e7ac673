"""How well targetdoc reads the development corpus: documents in the shapes of real ones.

Each ``tests/corpus/<shape>/<name>.txt`` has its expected records beside it
(``<name>.yaml``, written by reading the document). For each document this parses the
text and compares, per shape and overall:

- units found (an expected unit that the records hold) and named (the same name);
- items delimited (an expected item matched, in its unit, by an item whose text and
  criteria read the same: at least 90 alike once punctuation and white space are set
  aside, traditional and full-width forms folded);
- points right and responsible units right (of the matched item);
- rules right: an item whose expected record lists its scoring rules (``rules:``, each
  written ``effect [points] [per basis step] [cap N]``: ``deduct 0.2 per shortfall 1条``,
  ``award 7``, ``zero``, ``add 1 per each 1项 cap 3``) has those rules, in order;
- findings wrong (error findings the document does not call for, and called-for ones
  missing); and documents refused;
- thresholds with an indicator: of the thresholds the parse read (right or not), the
  share whose words name an indicator of grammars/indicators.yaml.

``python tests/corpus/measure.py`` prints the table (``make corpus``); ``--write``
records it in ``tests/corpus/RESULTS.md``, whose rates ``tests/test_real_shapes.py``
holds the parser to.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz
from ruamel.yaml import YAML

from targetdoc.check.structure import check_notice
from targetdoc.errors import InputError
from targetdoc.indicators.catalog import shipped_catalog
from targetdoc.indicators.reading import read_indicators
from targetdoc.models import Item, Notice, ScoringRule
from targetdoc.parse import parse_source
from targetdoc.profile import load_profile
from targetdoc.read.normalize import clean_and_fold_lines
from targetdoc.read.source import Source

CORPUS = Path(__file__).resolve().parent
RESULTS = CORPUS / "RESULTS.md"
# How alike two item texts must be to count as the same item, delimited alike.
ALIKE = 90
_NOT_WORDS = re.compile(r"[\W_]+")
RATES = (
    "units found",
    "units named",
    "items delimited",
    "points right",
    "responsible right",
    "rules right",
    "thresholds with an indicator",
)


def normal(text: str) -> str:
    """Text as compared: folded (traditional, full width), without punctuation or spaces."""
    folded = clean_and_fold_lines(text)[1]
    return _NOT_WORDS.sub("", "".join(folded))


@dataclass
class Tally:
    """Counts for one document, or a shape, or all."""

    documents: int = 0
    refused: int = 0
    units: int = 0
    units_found: int = 0
    units_named: int = 0
    items: int = 0
    delimited: int = 0
    points_right: int = 0
    responsible: int = 0
    responsible_right: int = 0
    ruled: int = 0
    rules_right: int = 0
    findings_wrong: int = 0
    # Thresholds the parse found, and those naming an indicator (grammars/indicators.yaml).
    thresholds: int = 0
    indicated: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        for name in self.__dataclass_fields__:
            if name != "misses":
                setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses += other.misses

    def rates(self) -> dict[str, float]:
        def rate(part: int, whole: int) -> float:
            return round(100 * part / whole, 1) if whole else 100.0

        return {
            "units found": rate(self.units_found, self.units),
            "units named": rate(self.units_named, self.units),
            "items delimited": rate(self.delimited, self.items),
            "points right": rate(self.points_right, self.items),
            "responsible right": rate(self.responsible_right, self.responsible),
            "rules right": rate(self.rules_right, self.ruled),
            "thresholds with an indicator": rate(self.indicated, self.thresholds),
        }


def documents() -> list[tuple[str, Path]]:
    """Each corpus document with its shape, in order."""
    return [
        (path.parent.name, path)
        for path in sorted(CORPUS.glob("*/*.txt"))
        if path.with_suffix(".yaml").exists()
    ]


def expected_of(path: Path) -> dict[str, Any]:
    data = YAML(typ="safe").load(path.with_suffix(".yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict), path
    return data


def measure(path: Path) -> Tally:
    """Parse one document and compare its records with the expected ones."""
    return compare(path, expected_of(path))


def compare(path: Path, expected: dict[str, Any]) -> Tally:
    """Parse a document and compare its records with these expected ones."""
    tally = Tally(documents=1)
    units = expected.get("units") or []
    tally.units = len(units)
    tally.items = sum(len(unit.get("items") or []) for unit in units)
    tally.responsible = sum(
        1 for unit in units for item in unit.get("items") or [] if item.get("responsible")
    )
    tally.ruled = sum(
        1 for unit in units for item in unit.get("items") or [] if item.get("rules") is not None
    )
    try:
        result = parse_source(Source.from_path(path))
    except InputError as error:
        tally.refused = 1
        tally.misses.append(f"{path.name}: refused: {error.message}")
        return tally
    notice = result.notice
    _count_indicators(tally, notice)
    for unit in units:
        _compare_unit(tally, path.name, unit, notice, single=len(units) == 1)
    called = set(expected.get("findings") or [])
    # What validate says of it: the parser's findings and the structure checks'.
    checked = check_notice(result.notice, result.profile or load_profile(), file=path.name)
    errors = {f.code for f in [*result.findings, *checked] if f.severity == "error"}
    tally.findings_wrong = len(errors ^ called)
    if errors ^ called:
        tally.misses.append(f"{path.name}: findings {sorted(errors)} against {sorted(called)}")
    return tally


def _count_indicators(tally: Tally, notice: Notice) -> None:
    """Each threshold counts once, whichever number of indicators it names."""
    catalog = shipped_catalog()
    records = [(t.text, t.thresholds) for t in notice.citywide_targets]
    records += [(item.text, item.thresholds) for _, _, item in notice.items()]
    for text, thresholds in records:
        for threshold in thresholds:
            tally.thresholds += 1
            tally.indicated += bool(read_indicators(text, threshold, catalog).indicators)


def _compare_unit(
    tally: Tally, name: str, unit: dict[str, Any], notice: Notice, *, single: bool
) -> None:
    wanted = normal(str(unit.get("name") or ""))
    found = [u for u in notice.units if normal(u.name) == wanted]
    if found:
        tally.units_found += 1
        tally.units_named += 1
    elif single and len(notice.units) == 1:
        found = list(notice.units)
        tally.units_found += 1
        tally.misses.append(
            f"{name}: unit named {notice.units[0].name!r}, not {unit.get('name')!r}"
        )
    else:
        tally.misses.append(f"{name}: unit {unit.get('name')!r} not found")
        return
    pool = [item for one in found for _, item in one.items()]
    used: set[int] = set()
    for expected in unit.get("items") or []:
        item = _match(expected, pool, used)
        text = normal(str(expected.get("text") or ""))
        if item is None:
            tally.misses.append(f"{name}: item {expected.get('number')} not delimited: {text[:24]}")
            continue
        tally.delimited += 1
        if _points(expected.get("points")) == _points(item.points):
            tally.points_right += 1
        else:
            tally.misses.append(
                f"{name}: item {expected.get('number')} points {item.points} "
                f"against {expected.get('points')}"
            )
        if expected.get("responsible"):
            if [normal(n) for n in expected["responsible"]] == [
                normal(n) for n in item.responsible
            ]:
                tally.responsible_right += 1
            else:
                tally.misses.append(
                    f"{name}: item {expected.get('number')} responsible {item.responsible}"
                )
        _compare_rules(tally, name, expected, item)


def _compare_rules(tally: Tally, name: str, expected: dict[str, Any], item: Item) -> None:
    """The item's rules against the expected ones, where its record lists them."""
    if expected.get("rules") is None:
        return
    read = [rule_summary(rule) for rule in item.rules]
    if read == list(expected["rules"]):
        tally.rules_right += 1
    else:
        tally.misses.append(f"{name}: item {expected.get('number')} rules {read}")


def rule_summary(rule: ScoringRule) -> str:
    """A rule as the expected records write it: ``deduct 0.5 per shortfall 3个百分点``."""
    parts: list[str] = [rule.effect]
    if rule.points is not None:
        parts.append(_plain(rule.points))
    if rule.per is not None:
        step = _plain(rule.step) if rule.step is not None else ""
        parts += ["per", rule.per, f"{step}{rule.step_unit or ''}"]
    if rule.cap is not None:
        parts += ["cap", _plain(rule.cap)]
    return " ".join(parts)


def _plain(value: Decimal) -> str:
    return f"{value.normalize():f}"


def _match(expected: dict[str, Any], pool: list[Item], used: set[int]) -> Item | None:
    """The unused item that reads most like the expected one, if alike enough."""
    text = normal(str(expected.get("text") or ""))
    best, score = None, 0.0
    for index, item in enumerate(pool):
        if index in used:
            continue
        ratio = fuzz.ratio(text, normal(item.text + (item.criteria or "")))
        if ratio > score:
            best, score = index, ratio
    if best is None or score < ALIKE:
        return None
    used.add(best)
    return pool[best]


def _points(value: object) -> Decimal | None:
    return None if value is None else Decimal(str(value)).normalize()


def measure_all() -> tuple[dict[str, Tally], Tally]:
    """Tallies by shape, and in all."""
    shapes: dict[str, Tally] = defaultdict(Tally)
    total = Tally()
    for shape, path in documents():
        tally = measure(path)
        shapes[shape].add(tally)
        total.add(tally)
    return dict(shapes), total


def table(shapes: dict[str, Tally], total: Tally) -> str:
    """The results as a Markdown table."""
    header = ["shape", "documents", "items", *RATES, "findings wrong", "refused"]
    rows = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for name, tally in [*sorted(shapes.items()), ("all", total)]:
        rates = tally.rates()
        cells = [name, str(tally.documents), str(tally.items)]
        cells += [f"{rates[rate]:.1f}" for rate in RATES]
        cells += [str(tally.findings_wrong), str(tally.refused)]
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)


def recorded() -> dict[str, dict[str, float]]:
    """The rates RESULTS.md records, by shape (and "all")."""
    rates: dict[str, dict[str, float]] = {}
    lines = [
        line for line in RESULTS.read_text(encoding="utf-8").splitlines() if line.startswith("|")
    ]
    header = [cell.strip() for cell in lines[0].strip("|").split("|")]
    for line in lines[2:]:
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        rates[cells[0]] = {
            rate: float(cells[header.index(rate)]) for rate in RATES if rate in header
        }
    return rates


_PREAMBLE = """# The development corpus: how well targetdoc reads it

Written by `make corpus` (`python tests/corpus/measure.py --write`); `tests/test_real_shapes.py`
fails when a rate falls below the one recorded here. The documents and what each models are in
`SOURCES.md`; the measures are explained in `measure.py`.

"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="record the rates in RESULTS.md")
    parser.add_argument("--misses", action="store_true", help="list what was missed")
    args = parser.parse_args()
    shapes, total = measure_all()
    text = table(shapes, total)
    print(text)
    if args.misses:
        print("\n".join(total.misses))
    if args.write:
        RESULTS.write_text(_PREAMBLE + text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
