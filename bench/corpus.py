"""A corpus of notices made from the sample: units renamed and shuffled within their category."""

from __future__ import annotations

import random
from pathlib import Path

from targetdoc.api import parse_file

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "raw" / "sanmenxia-2020.txt"


def make_corpus(folder: Path, count: int, *, seed: int = 2020) -> list[Path]:
    """Write ``count`` notices into ``folder``; each parses to 72 units and 816 items."""
    result = parse_file(SAMPLE)
    lines = result.source.text.split("\n")
    units = result.notice.units
    generator = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    doc_number = result.notice.doc_number or ""
    for number in range(count):
        # Each notice its own doc number: the corpus database keys notices by it.
        out = [
            line.replace(doc_number, doc_number.replace("9号", f"{number + 1}号"))
            for line in lines[: units[0].span.first - 1]
        ]
        categories: dict[str, list[int]] = {}
        for index, unit in enumerate(units):
            categories.setdefault(unit.category, []).append(index)
        for indexes in categories.values():
            first = units[indexes[0]]
            previous_end = units[indexes[0] - 1].span.last if indexes[0] else first.span.first - 1
            out += lines[previous_end : first.span.first - 1]  # the category heading
            order = list(indexes)
            generator.shuffle(order)
            for index in order:
                unit = units[index]
                block = lines[unit.span.first - 1 : unit.span.last]
                out += [block[0].replace(unit.name, f"{unit.name}{number}"), *block[1:], ""]
        out += lines[units[-1].span.last :]
        path = folder / f"notice-{number:04d}.txt"
        path.write_text("\n".join(out), encoding="utf-8")
        written.append(path)
    return written
