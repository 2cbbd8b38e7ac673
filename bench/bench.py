"""targetdoc's benchmark: medians, each against a baseline measured in the same run.

Run with ``make bench`` (or ``python bench/bench.py --write`` in the project's venv).
Timings on a shared machine are noisy, so every figure is a median of repeated runs
and every target is a ratio to something measured alongside it. Where valgrind is
installed, the parse is also counted in instructions (callgrind), which the machine's
load does not change.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "raw" / "sanmenxia-2020.txt"
BIN = Path(sys.executable).parent
sys.path.insert(0, str(Path(__file__).parent))


def median_seconds(action: Callable[[], object], repeats: int) -> float:
    """The median wall time of ``repeats`` calls, after one warm-up call."""
    action()
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def alternating_medians(
    action: Callable[[], object], baseline: Callable[[], object], rounds: int, block: int
) -> tuple[float, float]:
    """Median wall times of two actions run in alternating blocks of ``block`` runs.

    The machine's load drifts over seconds: blocks in turn give both actions the
    same share of quiet and busy spells, and a block is long enough that neither
    runs straight after the other every time.
    """
    action()
    baseline()
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(rounds):
        for which, run in enumerate((action, baseline)):
            for _ in range(block):
                started = time.perf_counter()
                run()
                times[which].append(time.perf_counter() - started)
    return statistics.median(times[0]), statistics.median(times[1])


# Whole commands run with Python's bytecode cache, as an installed tool does: a
# PYTHONDONTWRITEBYTECODE in the environment would make each one compile targetdoc's
# modules again (a tenth of a second of every start).
_ENVIRONMENT = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run_command(command: list[str], *, ok: tuple[int, ...] = (0,)) -> None:
    done = subprocess.run(
        command,
        check=False,  # diff exits 1 when the notices differ: ``ok`` says what is success
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=_ENVIRONMENT,
    )
    if done.returncode not in ok:
        raise subprocess.CalledProcessError(done.returncode, command)


def parser_of(which: str, text: str) -> Callable[[], None]:
    """One parse of the text: ``targetdoc``'s (structure, thresholds, checks), or the
    baseline's (``markdown-it-py``). Only what it needs is imported."""
    if which == "markdown-it-py":
        from markdown_it import MarkdownIt

        markdown = MarkdownIt()

        def parse_markdown() -> None:
            markdown.parse(text)

        return parse_markdown

    from targetdoc.check.structure import check_notice
    from targetdoc.parse import parse_source
    from targetdoc.profile import load_profile
    from targetdoc.read.source import Source

    profile = load_profile()

    def parse() -> None:
        notice = parse_source(Source.from_text(text, name="sample.txt")).notice
        check_notice(notice, profile, file="sample.txt")

    return parse


def in_process(repeats: int) -> list[tuple[str, float, str, float]]:
    """Parse, dump and load in this process, beside markdown-it-py and PyYAML's C code."""
    import yaml

    from targetdoc.canonical import dump_yaml, load_yaml, notice_data, ruamel_text
    from targetdoc.canonical.style import for_yaml
    from targetdoc.parse import parse_source
    from targetdoc.read.source import Source

    text = SAMPLE.read_text(encoding="utf-8")
    notice = parse_source(Source.from_text(text)).notice
    data = notice_data(notice)
    written = dump_yaml(notice)

    class Dumper(yaml.CSafeDumper):  # type: ignore[misc]
        """PyYAML's C dumper, taught the one type it lacks."""

    def represent_decimal(dumper: Any, value: Decimal) -> Any:
        return dumper.represent_scalar("tag:yaml.org,2002:float", format(value, "f"))

    Dumper.add_representer(Decimal, represent_decimal)

    def pyyaml_dump() -> str:
        return str(yaml.dump(data, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=10**6))

    pyyaml_text = pyyaml_dump()
    # Each takes 10 to 20 ms: many runs cost little and steady the medians.
    parse_time, markdown_time = alternating_medians(
        parser_of("targetdoc", text), parser_of("markdown-it-py", text), rounds=6, block=repeats
    )
    dump_time = median_seconds(lambda: dump_yaml(notice), repeats)
    pyyaml_time = median_seconds(pyyaml_dump, repeats)
    ruamel_time = median_seconds(lambda: ruamel_text(for_yaml(data)), 3)
    from targetdoc.canonical.style import c_loader_in_use

    if not c_loader_in_use():
        raise SystemExit(
            "bench: canonical YAML would load with ruamel.yaml's pure-Python parser: "
            "install ruamel.yaml.clibz (or ruamel.yaml.clib) for the C parser"
        )
    load_time = median_seconds(lambda: load_yaml(written), 5)
    # Linear time: 100 × the sample as one text against 10 × the time of 10 × it.
    long_time = median_seconds(parser_of("targetdoc", text * 100), 3)
    tenfold_time = median_seconds(parser_of("targetdoc", text * 10), 5)
    pyyaml_load = median_seconds(lambda: yaml.load(pyyaml_text, Loader=yaml.CSafeLoader), 5)
    return [
        (
            "parse the sample (structure, thresholds, checks)",
            parse_time,
            "markdown-it-py parse",
            markdown_time,
        ),
        ("dump canonical YAML (fast emitter)", dump_time, "PyYAML CSafeDumper", pyyaml_time),
        (
            "ruamel.yaml's own dump of the same data",
            ruamel_time,
            "PyYAML CSafeDumper",
            pyyaml_time,
        ),
        ("load canonical YAML to records", load_time, "PyYAML CSafeLoader", pyyaml_load),
        (
            "parse 100 × the sample as one text",
            long_time,
            "10 × the parse of 10 × it",
            10 * tenfold_time,
        ),
    ]


def _probe(which: str, runs: int) -> None:
    """Parse the sample ``runs`` times after two warm-up parses (run under callgrind)."""
    parse = parser_of(which, SAMPLE.read_text(encoding="utf-8"))
    for _ in range(2 + runs):
        parse()


def instructions(runs: int = 6) -> dict[str, int] | None:
    """Instructions per parse, by callgrind: (2 + runs parses) less (2 parses), over runs."""
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        return None
    callgrind = [valgrind, "--tool=callgrind", "--callgrind-out-file=/dev/null"]
    counts: dict[str, int] = {}
    for which in ("targetdoc", "markdown-it-py"):
        totals = []
        for n in (0, runs):
            done = subprocess.run(
                [*callgrind, sys.executable, __file__, "--probe", which, str(n)],
                env={**os.environ, "PYTHONHASHSEED": "0"},  # the same count every run
                check=False,
                capture_output=True,
                text=True,
            )
            if done.returncode != 0:
                # Valgrind cannot run every machine's code (an AVX-512 instruction in a
                # compiled wheel: "unhandled instruction bytes"): no count, said so.
                print(
                    f"callgrind could not count ({which}): exit {done.returncode}", file=sys.stderr
                )
                return None
            found = re.search(r"Collected : (\d+)", done.stderr)
            if found is None:
                raise RuntimeError(f"callgrind printed no total: {done.stderr[-500:]}")
            totals.append(int(found[1]))
        counts[which] = (totals[1] - totals[0]) // runs
    return counts


def whole_process(repeats: int, folder: Path) -> list[tuple[str, float, str, float]]:
    """Wall time of whole commands, beside starting Python and doing nothing."""
    targetdoc = str(BIN / "targetdoc")
    out = folder / "out.yaml"
    nothing = median_seconds(lambda: run_command([sys.executable, "-c", "pass"]), repeats)
    parse = median_seconds(
        lambda: run_command([targetdoc, "parse", str(SAMPLE), "-o", str(out)]), repeats
    )
    helping = median_seconds(lambda: run_command([targetdoc, "--help"]), repeats)
    canonical, text = _exports(targetdoc, folder, repeats)
    return [
        ("targetdoc parse sample -o out.yaml", parse, "python -c pass", nothing),
        ("targetdoc --help", helping, "python -c pass", nothing),
        ("export -t thresholds from the canonical file", canonical, "from the text", text),
    ]


def _exports(targetdoc: str, folder: Path, repeats: int) -> tuple[float, float]:
    """A table exported from the sample's canonical file and from its text, whole
    processes, taken in turns so that the machine's load falls on both alike."""
    canonical = ROOT / "data" / "yaml" / "sanmenxia-2020.yaml"
    times: dict[Path, list[float]] = {canonical: [], SAMPLE: []}
    out = folder / "thresholds.csv"
    for turn in range(repeats + 1):
        for source, runs in times.items():
            started = time.perf_counter()
            run_command([targetdoc, "export", str(source), "-t", "thresholds", "-o", str(out)])
            if turn:  # the first turn warms the caches
                runs.append(time.perf_counter() - started)
    return statistics.median(times[canonical]), statistics.median(times[SAMPLE])


def pdf(repeats: int, folder: Path) -> list[tuple[str, float, str, float]]:
    """A PDF notice: the sample set on the 公文 page (tests/pdfs.py, reportlab), read to
    records, beside pdfplumber's text extraction alone; and as a whole process,
    beside the same notice as text."""
    import io

    import pdfplumber

    sys.path.insert(0, str(ROOT / "tests"))
    from targetdoc.api import parse_file

    import pdfs

    path = folder / "sample.pdf"
    path.write_bytes(pdfs.reportlab_pdf(SAMPLE.read_text(encoding="utf-8"), "gongwen"))
    data = path.read_bytes()
    with pdfplumber.open(io.BytesIO(data)) as document:
        pages = len(document.pages)

    def plumber() -> None:
        with pdfplumber.open(io.BytesIO(data)) as document:
            for page in document.pages:
                page.extract_text()

    ours, theirs = alternating_medians(lambda: parse_file(path), plumber, repeats, 1)
    targetdoc = str(BIN / "targetdoc")
    out = folder / "pdf-out.yaml"
    as_pdf, as_text = alternating_medians(
        lambda: run_command([targetdoc, "parse", str(path), "-o", str(out)]),
        lambda: run_command([targetdoc, "parse", str(SAMPLE), "-o", str(out)]),
        repeats,
        1,
    )
    return [
        (
            f"PDF → records, per page ({pages}-page 公文 PDF)",
            ours / pages,
            "pdfplumber extract_text, per page",
            theirs / pages,
        ),
        (
            f"targetdoc parse notice.pdf ({pages} pages), whole process",
            as_pdf,
            "the same notice as text",
            as_text,
        ),
    ]


def batch(
    count: int, repeats: int, folder: Path
) -> tuple[list[tuple[str, float, str, float]], dict[str, float]]:
    """Throughput on a generated corpus with one and two processes, and peak memory."""
    from corpus import make_corpus

    corpus = folder / "corpus"
    make_corpus(corpus, count)
    out = folder / "batch-out"
    out.mkdir()
    targetdoc = str(BIN / "targetdoc")

    def parse_all(jobs: int) -> None:
        run_command([targetdoc, "parse", str(corpus), "--out-dir", str(out), "-j", str(jobs), "-q"])

    one = median_seconds(lambda: parse_all(1), repeats)
    two = median_seconds(lambda: parse_all(2), repeats)
    database = folder / "corpus.db"

    def export_all() -> None:
        database.unlink(missing_ok=True)
        run_command([targetdoc, "export", str(corpus), "-o", str(database), "-j", "2", "-q"])

    sqlite = median_seconds(export_all, repeats)
    notices = sorted(str(path) for path in corpus.glob("*.txt"))

    def indicators_all() -> None:
        run_command([targetdoc, "indicators", *notices, "-f", "csv"])

    indicators = median_seconds(indicators_all, repeats)
    memory = {
        f"-j {jobs}": peak_rss_mib(
            [targetdoc, "parse", str(corpus), "--out-dir", str(out), "-j", str(jobs), "-q"]
        )
        for jobs in (1, 2)
    }
    rows = [
        (
            f"batch of {count} notices, -j 2 (notices/s: {count / two:.1f})",
            two,
            f"-j 1 (notices/s: {count / one:.1f})",
            one,
        ),
        (
            f"database of {count} notices, export -f sqlite -j 2",
            sqlite,
            "parse them to YAML, -j 2",
            two,
        ),
        (
            f"indicators of {count} notices, targetdoc indicators -f csv",
            indicators,
            "parse them to YAML, -j 1",
            one,
        ),
    ]
    return rows, memory


def diff_process(repeats: int, folder: Path) -> list[tuple[str, float, str, float]]:
    """targetdoc diff of the sample and a next-year version of it, as a whole process."""
    text = SAMPLE.read_text(encoding="utf-8")
    changed = text.replace("三政〔2020〕9号", "三政〔2021〕3号").replace("企业26个", "企业30个")
    following = folder / "next-year.txt"
    following.write_text(changed, encoding="utf-8")
    targetdoc = str(BIN / "targetdoc")
    nothing = median_seconds(lambda: run_command([sys.executable, "-c", "pass"]), repeats)
    different = median_seconds(
        lambda: run_command(
            [targetdoc, "diff", str(SAMPLE), str(following), "-f", "json"], ok=(1,)
        ),
        repeats,
    )
    return [("targetdoc diff of two notices, whole process", different, "python -c pass", nothing)]


def peak_rss_mib(command: list[str]) -> float:
    """The peak resident memory of the largest process a command runs (MiB)."""
    probe = (
        "import resource, subprocess, sys;"
        "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL);"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, *command], check=True, capture_output=True, text=True
    )
    return int(done.stdout.strip()) / 1024


def machine() -> str:
    cpu = "unknown processor"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    system = f"{platform.system()} {platform.machine()}"
    return f"{system}, {os.cpu_count()} cores ({cpu}), Python {platform.python_version()}"


def report(
    rows: list[tuple[str, float, str, float]],
    memory: dict[str, float],
    count: int,
    counted: dict[str, int] | None,
) -> str:
    lines = [
        "# targetdoc benchmark",
        "",
        f"- date: {datetime.date.today().isoformat()}",
        f"- machine: {machine()}",
        "- command: `make bench` (`python bench/bench.py --write`)",
        "- medians of repeated runs; each ratio is against a baseline measured in the same run",
        "",
        "| measure | median | baseline | baseline median | ratio |",
        "| --- | ---: | --- | ---: | ---: |",
    ]
    for name, value, base, base_value in rows:
        measured = f"{value * 1000:.1f} ms"
        baseline = f"{base_value * 1000:.1f} ms"
        lines.append(f"| {name} | {measured} | {base} | {baseline} | {value / base_value:.2f} |")
    if counted:
        ours, theirs = counted["targetdoc"], counted["markdown-it-py"]
        lines += [
            "",
            "| instructions per parse of the sample (callgrind) | count | ratio |",
            "| --- | ---: | ---: |",
            f"| targetdoc (structure, thresholds, checks) | {ours:,} | {ours / theirs:.2f} |",
            f"| markdown-it-py | {theirs:,} | 1.00 |",
        ]
    lines += ["", "| peak memory, largest process | MiB |", "| --- | ---: |"]
    lines += [f"| batch of {count}, {jobs} | {mib:.0f} |" for jobs, mib in memory.items()]
    lines += ["", "| target | measured | met |", "| --- | ---: | :---: |"]
    for target, measured, met in targets(rows, memory):
        lines.append(f"| {target} | {measured} | {'yes' if met else 'no'} |")
    return "\n".join(lines) + "\n"


def targets(
    rows: list[tuple[str, float, str, float]], memory: dict[str, float]
) -> list[tuple[str, str, bool]]:
    """The project's speed targets against this run's figures."""
    by_name = {name.split(" (")[0]: (value, base) for name, value, _, base in rows}
    parse, markdown = by_name["parse the sample"]
    dump, pyyaml = by_name["dump canonical YAML"]
    process, _ = by_name["targetdoc parse sample -o out.yaml"]
    helping, _ = by_name["targetdoc --help"]
    two, one = next(v for k, v in by_name.items() if k.startswith("batch"))
    long, tenfold = by_name["parse 100 × the sample as one text"]
    load, pyload = by_name["load canonical YAML to records"]
    peak = max(memory.values())
    page, plumber = next(v for k, v in by_name.items() if k.startswith("PDF → records"))
    as_pdf, as_text = next(
        v for k, v in by_name.items() if k.startswith("targetdoc parse notice.pdf")
    )
    sqlite, yaml = next(v for k, v in by_name.items() if k.startswith("database of"))
    diffing, _ = by_name["targetdoc diff of two notices, whole process"]
    lining, parsing = next(v for k, v in by_name.items() if k.startswith("indicators of"))
    from_canonical, from_text = by_name["export -t thresholds from the canonical file"]
    return [
        (
            "indicators of the corpus ≤ 1.5 × parsing it",
            f"{lining / parsing:.2f} ×",
            lining / parsing <= 1.5,
        ),
        ("diff of two notices, whole process < 0.5 s", f"{diffing:.2f} s", diffing < 0.5),
        (
            "database of the corpus ≤ 1.5 × parsing it to YAML",
            f"{sqlite / yaml:.2f} ×",
            sqlite / yaml <= 1.5,
        ),
        (
            "PDF → records ≤ 0.25 × pdfplumber's text",
            f"{page / plumber:.2f} ×",
            page / plumber <= 0.25,
        ),
        ("PDF parse, whole process ≤ 3 × text", f"{as_pdf / as_text:.2f} ×", as_pdf / as_text <= 3),
        ("parse ≤ 0.6 × markdown-it-py", f"{parse / markdown:.2f} ×", parse / markdown <= 0.6),
        ("targetdoc parse, whole process ≤ 0.35 s", f"{process:.2f} s", process <= 0.35),
        ("targetdoc --help ≤ 0.15 s", f"{helping:.2f} s", helping <= 0.15),
        ("YAML dump ≤ 1.5 × CSafeDumper", f"{dump / pyyaml:.2f} ×", dump / pyyaml <= 1.5),
        ("batch -j 2 ≥ 1.7 × -j 1 throughput", f"{one / two:.2f} ×", one / two >= 1.7),
        ("a 100 × notice ≤ 1.3 × ten 10 × ones", f"{long / tenfold:.2f} ×", long / tenfold <= 1.3),
        ("YAML load ≤ 2.5 × CSafeLoader", f"{load / pyload:.2f} ×", load / pyload <= 2.5),
        (
            "export from the canonical file ≤ 0.8 × from the text, whole process",
            f"{from_canonical / from_text:.2f} ×",
            from_canonical / from_text <= 0.8,
        ),
        ("peak memory ≤ 150 MB", f"{peak:.0f} MiB", peak * 1.048576 <= 150),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write", action="store_true", help="also write bench/RESULTS.md")
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--corpus", type=int, default=200)
    parser.add_argument("--probe", nargs=2, metavar=("WHICH", "RUNS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.probe:
        _probe(args.probe[0], int(args.probe[1]))
        return
    folder = Path(tempfile.mkdtemp(prefix="targetdoc-bench-"))
    try:
        rows = in_process(args.repeats)
        rows += whole_process(max(5, args.repeats // 2), folder)
        rows += pdf(5, folder)
        rows += diff_process(max(5, args.repeats // 2), folder)
        batch_rows, memory = batch(args.corpus, 3, folder)
        rows += batch_rows
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    text = report(rows, memory, args.corpus, instructions())
    print(text)
    if args.write:
        (ROOT / "bench" / "RESULTS.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
