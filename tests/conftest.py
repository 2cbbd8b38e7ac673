"""Shared fixtures: the bundled sample, parsed once per session."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from targetdoc.api import parse_file
from targetdoc.grammar import Grammar, Pattern
from targetdoc.models import Notice, Unit
from targetdoc.parse.engine import ParseResult
from targetdoc.read.source import Source

# The tests read English unless they ask for Chinese (--lang zh), whatever the
# machine's locale says.
os.environ["TARGETDOC_LANG"] = "en"

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "raw" / "sanmenxia-2020.txt"
# Small notices of the family's other shapes, written for the tests (README: notices).
NOTICES = ROOT / "tests" / "notices"
# Documents in the shapes of real ones, with their expected records (tests/corpus/).
CORPUS = ROOT / "tests" / "corpus"


@pytest.fixture(autouse=True)
def _english_after_each_test() -> Iterator[None]:
    """A test that switches the language (a command run with --lang zh) leaves it English."""
    yield
    from targetdoc.i18n import set_language

    set_language("en")


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return SAMPLE


@pytest.fixture(scope="session")
def sample_source() -> Source:
    return Source.from_path(SAMPLE)


@pytest.fixture(scope="session")
def sample_result() -> ParseResult:
    return parse_file(SAMPLE)


@pytest.fixture(scope="session")
def notice(sample_result: ParseResult) -> Notice:
    return sample_result.notice


def unit_named(notice: Notice, name: str) -> Unit:
    """The unit of that name; fails the test if there is none."""
    matches = [unit for unit in notice.units if unit.name == name]
    assert len(matches) == 1, f"{name}: {len(matches)} units"
    return matches[0]


def sample_line(number: int) -> str:
    """A line of the sample exactly as it stands, by its 1-based number."""
    return SAMPLE.read_text(encoding="utf-8").split("\n")[number - 1]


def may_match(pattern: Pattern, text: str) -> bool:
    """The pre-test the threshold reader applies to each ignore rule (its ``requires``
    words, from one scan of all texts): False when the text lacks every word."""
    return not pattern.requires or any(word in text for word in pattern.requires)


def every_pattern(loaded: Grammar) -> list[Pattern]:
    """A grammar's patterns and ignore rules alike, for the example tests."""
    return [*loaded.patterns.values(), *loaded.ignored.values()]


# Hypothesis budgets: the default keeps `make test` quick; `make fuzz` runs the
# "fuzz" profile (HYPOTHESIS_PROFILE=fuzz) with many more examples.
def _register_hypothesis_profiles() -> None:
    import os

    from hypothesis import HealthCheck, settings

    settings.register_profile("default", max_examples=60, deadline=None)
    settings.register_profile(
        "fuzz",
        max_examples=3000,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


_register_hypothesis_profiles()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """In CI (CI=true), which installs every program the tests drive (make
    system-deps), a skipped test fails the run: nothing passes by not running."""
    import os

    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is None or os.environ.get("CI") != "true" or exitstatus != 0:
        return
    skipped = reporter.stats.get("skipped", [])
    if skipped:
        reporter.write_line(f"CI: {len(skipped)} tests skipped; CI runs every test")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
