"""Every item of a notice read at once: wording, points and thresholds.

Half of a notice's items repeat another unit's wording word for word
(完成市政府确定的优化营商环境目标任务), often with other points: the body and points
are read once per distinct wording, and the thresholds of all distinct bodies in
one pass (docs/performance.md).
"""

from __future__ import annotations

from collections.abc import Iterable

from targetdoc.models import Threshold
from targetdoc.parse.drafts import ItemBody, ItemDraft
from targetdoc.parse.thresholds import extract_many


class ItemReadings:
    """The readings of the drafts given, by draft; items that read alike share them.

    Thresholds are validated, frozen records, so items may share them.
    """

    def __init__(self, drafts: Iterable[ItemDraft]) -> None:
        readings: dict[object, tuple[ItemBody, int]] = {}  # by wording
        bodies: dict[str, tuple[int, str]] = {}  # each distinct body: its index, folded
        self._by_draft: dict[int, tuple[ItemBody, int]] = {}  # by the draft's id
        # Items that end with a bracketed number without 分, （20）, and that number.
        self.bare: list[tuple[ItemDraft, str]] = []
        for draft in drafts:
            key = self._key(draft)
            reading = readings.get(key)
            if reading is None:
                body = draft.body()
                index = bodies.setdefault(body.text, (len(bodies), body.folded))[0]
                reading = readings[key] = (body, index)
            self._by_draft[id(draft)] = reading
            if reading[0].bare_points is not None:
                self.bare.append((draft, reading[0].bare_points))
        pairs = [(text, folded) for text, (_, folded) in bodies.items()]
        self._thresholds = extract_many(pairs)

    @staticmethod
    def _key(draft: ItemDraft) -> object:
        """The wording after the item number: items 3 and 5 of two units may read alike."""
        lines = draft.lines
        first = lines[0].text[draft.body_start :]
        if len(lines) == 1:
            return first
        return (first, draft.own, *(line.text for line in lines[1:]))

    def read(self, draft: ItemDraft) -> tuple[ItemBody, list[Threshold]]:
        """The reading and thresholds of a draft given to the constructor."""
        body, index = self._by_draft[id(draft)]
        return body, self._thresholds[index]
