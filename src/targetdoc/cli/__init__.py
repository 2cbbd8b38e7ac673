"""The command line: arguments in, library calls, text and exit codes out.

One module per command family (``parse``, ``check``, ``numbers``, ``export``);
``common`` holds the error edge and shared options, ``console`` the rich tables,
``output`` the safe writes. Exit codes: 0 success, 1 findings that fail the
command, 2 bad input or usage, 3 an internal error. Heavy imports (pydantic,
ruamel.yaml, rich) happen inside the commands, so that ``--help`` starts fast.
"""

from __future__ import annotations

import errno
import os
import sys

import click

from targetdoc import __version__
from targetdoc.cli.check import codes, profiles, validate
from targetdoc.cli.common import DEBUG, Exit, InternalCliError, unexpected_error, utf8_streams
from targetdoc.cli.diff import diff
from targetdoc.cli.export import export, report, schema
from targetdoc.cli.indicators import indicators
from targetdoc.cli.numbers import audit_numbers, thresholds
from targetdoc.cli.parse import parse
from targetdoc.cli.score import score


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="targetdoc")
@click.option(
    "--lang",
    type=click.Choice(["zh", "en"]),
    default=None,
    help="Messages, findings, reports and workbooks in Chinese or English [default: "
    "TARGETDOC_LANG, else the locale's language (LC_ALL, LC_MESSAGES, LANG)]. Finding "
    "codes, JSON keys and sheet names stay the same.",
)
@click.option(
    "--debug",
    is_flag=True,
    help="On an internal error (a bug in targetdoc), show its traceback [or TARGETDOC_DEBUG=1].",
)
def cli(lang: str | None, debug: bool) -> None:
    """Turn target-responsibility notices (目标责任通知) into validated, structured data.

    \b
    Examples:
      targetdoc parse data/raw/sanmenxia-2020.txt -o data/yaml/sanmenxia-2020.yaml
      targetdoc parse data/raw --out-dir data/yaml -j 2
      targetdoc validate                      # data/raw and data/yaml, for CI
      targetdoc export data/yaml/sanmenxia-2020.yaml -f xlsx -o scoring.xlsx
      targetdoc report data/raw/sanmenxia-2020.txt -o report.html
      targetdoc diff data/yaml/sanmenxia-2020.yaml next-year.txt
      targetdoc indicators data/yaml/sanmenxia-2020.yaml
      targetdoc thresholds "一般公共预算收入增长5%以上。"
      targetdoc --lang zh validate
    """
    from targetdoc.i18n import CatalogMissing, language_from_environment, set_language

    DEBUG.enabled = debug
    utf8_streams()
    chosen = lang or language_from_environment()
    try:
        set_language(chosen)  # type: ignore[arg-type]
    except CatalogMissing as error:
        raise InternalCliError(str(error)) from None


for command in (
    parse,
    validate,
    codes,
    profiles,
    thresholds,
    audit_numbers,
    export,
    schema,
    report,
    score,
    diff,
    indicators,
):
    cli.add_command(command)


def main() -> None:
    """Console-script entry point; a standard output that cannot take the output is a
    message, and so is an error no command expected (exit code 3)."""
    utf8_streams()  # before --help, whose text is Chinese too
    try:
        try:
            cli(prog_name="targetdoc", standalone_mode=True)
        except OSError:
            raise  # below: standard output that cannot take the output
        except Exception as error:  # a bug: one message, never a traceback
            raise SystemExit(unexpected_error(error)) from None
        finally:
            sys.stdout.flush()  # here, not at exit, where a failure would be a traceback
    except OSError as error:
        if error.errno == errno.EPIPE:  # the reader went away (| head): nothing to say
            _silence_stdout()
            raise SystemExit(Exit.FINDINGS) from None
        _silence_stdout()
        click.echo(f"targetdoc: error: cannot write to standard output: {error.strerror}", err=True)
        raise SystemExit(Exit.BAD_INPUT) from None


def _silence_stdout() -> None:
    """Point standard output at /dev/null, so that the interpreter's own flush cannot fail."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
