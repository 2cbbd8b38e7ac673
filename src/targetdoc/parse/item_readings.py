"""Every item of a notice read at once: wording, points and thresholds.

Half of a notice's items repeat another unit's wording word for word
(完成市政府确定的优化营商环境目标任务), often with other points: the body and points
are read once per distinct wording, and the thresholds of all distinct bodies in
one pass (docs/performance.md).
"""

from __future__ import annotations

from collections.abc import Iterable

from targetdoc.models import Points, Threshold
from targetdoc.parse.drafts import ItemDraft
from targetdoc.parse.thresholds import extract_many


class ItemReadings:
    """The readings of the drafts given, by draft; items that read alike share them.

    Thresholds are validated, frozen records, so items may share them.
    """

    def __init__(self, drafts: Iterable[ItemDraft]) -> None:
        readings: dict[object, tuple[str, Points | None, int]] = {}  # by wording
        bodies: dict[str, tuple[int, str]] = {}  # each distinct body: its index, folded
        self._by_draft: dict[int, tuple[str, Points | None, int]] = {}  # by the draft's id
        for draft in drafts:
            key = self._key(draft)
            reading = readings.get(key)
            if reading is None:
                text, folded, points = draft.body()
                index = bodies.setdefault(text, (len(bodies), folded))[0]
                reading = readings[key] = (text, points, index)
            self._by_draft[id(draft)] = reading
        pairs = [(text, folded) for text, (_, folded) in bodies.items()]
        self._thresholds = extract_many(pairs)

    @staticmethod
    def _key(draft: ItemDraft) -> object:
        """The wording after the item number: items 3 and 5 of two units may read alike."""
        lines = draft.lines
        first = lines[0].text[draft.body_start :]
        return first if len(lines) == 1 else (first, *(line.text for line in lines[1:]))

    def read(self, draft: ItemDraft) -> tuple[str, Points | None, list[Threshold]]:
        """The wording, points and thresholds of a draft given to the constructor."""
        text, points, index = self._by_draft[id(draft)]
        return text, points, self._thresholds[index]
