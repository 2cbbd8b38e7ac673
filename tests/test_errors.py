"""Errors: one module, pickled whole across processes, and internal errors told apart."""

from __future__ import annotations

import pickle
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from targetdoc import errors, grammar
from targetdoc.cli import cli
from targetdoc.errors import (
    ActualError,
    CanonicalError,
    DataFileError,
    GrammarError,
    InputError,
    InternalError,
    OutputError,
    TargetdocError,
)
from targetdoc.parse import state

from conftest import ROOT, SAMPLE


@pytest.mark.parametrize(
    "error",
    [
        InputError("binary data", path="a/notice.txt"),
        InputError("not UTF-8", path="a/notice.txt", line=12),
        DataFileError("not a valid profile", path="p.yaml", line=3),
        CanonicalError("not a valid notice: units.0.name", path="data/yaml/x.yaml"),
        OutputError("refusing to write the output over the input", path=Path("x.txt")),
        GrammarError("grammars/notice.yaml: unknown fragment {{nope}}"),
        ActualError("'很多' is not a number"),
    ],
)
def test_an_error_pickles_with_its_type_message_and_fields(error: TargetdocError) -> None:
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error)
    assert str(copy) == str(error)
    assert vars(copy) == vars(error)


def test_every_exception_class_lives_in_the_errors_module() -> None:
    package = ROOT / "src" / "targetdoc"
    defining = sorted(
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if any(
            line.startswith("class ") and ("Error(" in line or "Exception)" in line)
            for line in path.read_text("utf-8").splitlines()
        )
    )
    # Three others, none an error a caller sees: the CLI's click exceptions are the
    # edge's own, and the emitter's Unsupported and the events reader's Unusual are
    # signals canonical/ always catches (ruamel.yaml then writes or reads the text).
    assert defining == [
        "canonical/emitter.py",
        "canonical/events.py",
        "cli/common.py",
        "errors.py",
    ]
    classes = [c for c in vars(errors).values() if isinstance(c, type)]
    assert {c.__name__ for c in classes if issubclass(c, TargetdocError)} == {
        "TargetdocError",
        "LocatedError",
        "InputError",
        "DataFileError",
        "CanonicalError",
        "ActualError",
        "OutputError",
        "InternalError",
        "GrammarError",
    }
    assert issubclass(GrammarError, InternalError)
    assert not issubclass(GrammarError, InputError)


@pytest.fixture
def broken_grammar(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The shipped notice grammar with a pattern that names a fragment nobody defined."""
    load = grammar._load_yaml

    def with_bad_fragment(name: str) -> dict[str, Any]:
        data = load(name)
        if name == "notice.yaml":
            data["patterns"]["item"]["regex"] = "{{no_such_fragment}}"
        return data

    monkeypatch.setattr(grammar, "_load_yaml", with_bad_fragment)
    grammar.grammar.cache_clear()
    state._patterns.cache_clear()
    yield
    monkeypatch.undo()
    grammar.grammar.cache_clear()
    state._patterns.cache_clear()


@pytest.mark.usefixtures("broken_grammar")
def test_a_broken_grammar_is_an_internal_error_with_its_own_exit_code() -> None:
    result = CliRunner().invoke(cli, ["parse", str(SAMPLE)])
    assert result.exit_code == 3
    assert result.stderr.splitlines() == [
        "targetdoc: internal error: grammars/notice.yaml: unknown fragment {{no_such_fragment}}",
        "This is a bug in targetdoc, not in your input: please report it.",
    ]


def test_bad_input_still_exits_2_as_input(tmp_path: Path) -> None:
    binary = tmp_path / "x.txt"
    binary.write_bytes(b"\x00\x01binary")
    result = CliRunner().invoke(cli, ["parse", str(binary)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"targetdoc: error: {binary}: ")


def test_python_dash_m_targetdoc_is_the_command_line() -> None:
    from targetdoc import __version__

    run = subprocess.run(
        [sys.executable, "-m", "targetdoc", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (run.returncode, run.stdout) == (0, f"targetdoc, version {__version__}\n")
