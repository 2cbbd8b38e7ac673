"""Numbers of a notice that the thresholds grammar does not explain."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from targetdoc.models import CitywideTarget, Item, Notice
from targetdoc.parse.thresholds import unexplained_digits


@dataclass(frozen=True, slots=True)
class UnexplainedNumber:
    """A digit run in a target that is neither a threshold nor ignored for a reason."""

    line: int
    where: str
    digits: str
    text: str

    def __str__(self) -> str:
        return f"{self.line}: {self.where}: {self.digits!r} in {self.text}"


def unexplained_numbers(notice: Notice) -> Iterator[UnexplainedNumber]:
    """Every unexplained digit run of the notice's targets, in document order."""
    targets: list[tuple[str, CitywideTarget | Item]] = [
        (f"city-wide target {target.number}", target) for target in notice.citywide_targets
    ]
    targets += [(f"{unit.name} item {item.number}", item) for unit, _, item in notice.items()]
    for where, target in targets:
        for run in unexplained_digits(target.text, target.thresholds):
            yield UnexplainedNumber(target.span.first, where, run.text, target.text)
