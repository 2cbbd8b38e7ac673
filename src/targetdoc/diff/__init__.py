"""Two notices compared: units matched by name, items by their text, changes classified.

``compare(old, new)`` gives a ``NoticeDiff``: the units added, removed and renamed,
and for each unit in both, the items ``added``, ``removed``, ``changed`` (text,
points or thresholds) and ``renumbered`` (the same item under a new number or in
another tier: no change of content). ``render`` writes it for people and programs.
"""

from __future__ import annotations

from targetdoc.diff.changes import Change, NoticeDiff, ThresholdChange, compare
from targetdoc.diff.units import UnitMatch, match_units

__all__ = ["Change", "NoticeDiff", "ThresholdChange", "UnitMatch", "compare", "match_units"]
