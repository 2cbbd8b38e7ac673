"""A profile: the conventions one member of the notice family follows, as data.

Profiles ship in ``targetdoc/profiles/`` and are named on the command line
(``--profile default``), or are a file of the user's (``--profile my-city.yaml``);
``--profile auto`` tries the shipped ones. A profile names its points standards
(every tier it lists for a kind of unit is required of such a unit) and may replace
line patterns of the notice grammar (a city's unit headings) and name lines to
ignore, each with examples and counterexamples as the grammar's own.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from targetdoc.datafile import load_data_file, parse_data
from targetdoc.errors import DataFileError
from targetdoc.models import PROFILE_NAME

Kind = Literal["county", "department"]


class PatternSpec(BaseModel):
    """A line pattern of a profile, documented and pinned down as the grammar's are."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    doc: str = Field(min_length=1)
    regex: str = Field(min_length=1)
    examples: list[str] = Field(min_length=1)
    counterexamples: list[str] = Field(min_length=1)


IndicatorKind = Literal["growth_rate", "level", "share", "decline", "count", "amount"]
IndicatorGroup = Literal[
    "economy", "innovation", "environment", "livelihood", "safety", "governance", "party_building"
]


class IndicatorSpec(PatternSpec):
    """An indicator of grammars/indicators.yaml, or one a profile adds: the pattern
    that names it in a threshold's phrase, and what it measures."""

    name: str = Field(min_length=1)
    kind: IndicatorKind
    measure: str = Field(min_length=1)
    group: IndicatorGroup


class ScoringSpec(BaseModel):
    """How the year-end assessment scores an item (``targetdoc score``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    # all_or_nothing: met, the points, else 0. proportional: the share of the target
    # reached × the points, capped at the points, 0 below ``floor``. deduction: the
    # points less ``step_points`` for each ``step`` (in the target's unit) short.
    rule: Literal["all_or_nothing", "proportional", "deduction"] = "all_or_nothing"
    floor: int | float = Field(default=0, ge=0, le=1, allow_inf_nan=False)
    step: int | float = Field(default=1, gt=0, allow_inf_nan=False)
    step_points: int | float = Field(default=0, ge=0, allow_inf_nan=False)
    # The share an approx amount (约20万吨) may miss by.
    tolerance: int | float = Field(default=0.05, ge=0, allow_inf_nan=False)
    # The points an approx rate (控制在104%左右: percentage points) may miss by.
    tolerance_points: int | float = Field(default=0.5, ge=0, allow_inf_nan=False)


class ProfileFile(BaseModel):
    """What a profile file holds."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(pattern=PROFILE_NAME)
    description: str = ""
    unit_total: int | None = Field(default=None, ge=0)
    tiers: dict[Kind, dict[str, int]] = {}
    # Words of a category heading that say which kind of unit it holds.
    category_kinds: dict[Kind, list[str]] = {}
    # Line patterns of grammars/notice.yaml this family writes otherwise, by name.
    patterns: dict[str, PatternSpec] = {}
    # Lines of this family that belong to no record (a recurring 附件 line, say).
    ignore: dict[str, PatternSpec] = {}
    scoring: ScoringSpec = ScoringSpec()
    # Indicators this family sets beside grammars/indicators.yaml's (or in their stead, by code).
    indicators: dict[str, IndicatorSpec] = {}


@dataclass(frozen=True)
class Profile:
    """Standard points per tier for each kind of unit, and each unit's total."""

    name: str
    unit_total: int | None
    tiers: dict[str, dict[str, int]]
    description: str = ""
    category_kinds: dict[str, tuple[str, ...]] = field(default_factory=dict)
    patterns: dict[str, PatternSpec] = field(default_factory=dict)
    ignore: dict[str, PatternSpec] = field(default_factory=dict)
    scoring: ScoringSpec = field(default_factory=ScoringSpec)
    indicators: dict[str, IndicatorSpec] = field(default_factory=dict)

    @property
    def reading(self) -> tuple[tuple[str, str], ...]:
        """What the profile changes in the reading of a notice: profiles with the same
        reading parse a notice alike, so ``--profile auto`` parses it once for them."""
        return tuple(
            sorted(
                [(f"pattern:{name}", spec.regex) for name, spec in self.patterns.items()]
                + [(f"ignore:{name}", spec.regex) for name, spec in self.ignore.items()]
            )
        )

    def standards(self) -> int:
        """How many tier standards the profile sets (a generic profile sets none)."""
        return sum(len(tiers) for tiers in self.tiers.values()) + (self.unit_total is not None)

    def standard(self, kind: str, tier: str) -> int | None:
        """The points a tier of this name should declare for this kind of unit."""
        return self.tiers.get(kind, {}).get(tier)

    def knows(self, kind: str, tier: str) -> bool:
        """Whether the profile has a standard for this tier at all."""
        return tier in self.tiers.get(kind, {})

    def required(self, kind: str) -> tuple[str, ...]:
        """The tiers a unit of this kind must have, in the profile's order."""
        return tuple(self.tiers.get(kind, {}))

    def kind_of_category(self, heading: str) -> str | None:
        """The kind of unit a category heading announces, if its words say one only."""
        kinds = {
            kind for kind, words in self.category_kinds.items() if any(w in heading for w in words)
        }
        return kinds.pop() if len(kinds) == 1 else None


AUTO = "auto"


@functools.cache
def shipped_profiles() -> tuple[Profile, ...]:
    """Every profile in targetdoc/profiles/, by name (read once: --profile auto asks
    for them at every notice)."""
    folder = resources.files("targetdoc") / "profiles"
    names = sorted(
        entry.name[: -len(".yaml")] for entry in folder.iterdir() if entry.name.endswith(".yaml")
    )
    return tuple(load_profile(name) for name in names)


def recorded_profile(name: str | None) -> Profile:
    """The profile a notice records as having read it (``source.profile``): a shipped
    one, by name, never a file (a canonical file must not make targetdoc read files of
    the machine); none recorded: the default."""
    wanted = name or "default"
    for profile in shipped_profiles():
        if profile.name == wanted:
            return profile
    raise DataFileError(
        "the notice was read with a profile targetdoc does not ship: name its file "
        "with --profile FILE",
        path=wanted,
    )


def profile_for(recorded: str | None, asked: Profile | str = AUTO) -> Profile:
    """The profile to check a notice's records against: the one asked for (a profile,
    its name or file), else under ``auto`` the one the notice records as having read it
    (``source.profile``)."""
    if isinstance(asked, Profile):
        return asked
    if asked != AUTO:
        return load_profile(asked)
    return recorded_profile(recorded)


def load_profile(name_or_path: str = "default") -> Profile:
    """A profile shipped in targetdoc/profiles/ by name, or a profile file by path."""
    path = Path(name_or_path)
    if path.suffix in {".yaml", ".yml"}:
        loaded = load_data_file(path, ProfileFile).value
    else:
        entry = resources.files("targetdoc") / "profiles" / f"{name_or_path}.yaml"
        if not entry.is_file():
            raise DataFileError("no such profile in targetdoc/profiles/", path=name_or_path)
        label = f"targetdoc/profiles/{name_or_path}.yaml"
        loaded = parse_data(entry.read_bytes(), ProfileFile, label=label).value
    return Profile(
        name=loaded.name,
        unit_total=loaded.unit_total,
        tiers={kind: dict(tiers) for kind, tiers in loaded.tiers.items()},
        description=loaded.description,
        category_kinds={kind: tuple(words) for kind, words in loaded.category_kinds.items()},
        patterns=dict(loaded.patterns),
        ignore=dict(loaded.ignore),
        scoring=loaded.scoring,
        indicators=dict(loaded.indicators),
    )
