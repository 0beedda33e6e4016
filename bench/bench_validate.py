"""Benchmark `govkit validate` against `frictionless validate` on a generated 1M-row table.

    python bench/bench_validate.py [--runs 3] [--rows 1000000] [--errors 0.01]
                                   [--big | --no-big] [--profile]

Generates (bench/generate_table.py) a 1M-row, 8-column CSV with a constrained Table
Schema and a copy with errors injected into 1 % of its rows, then, in one run:

1. Checks what each tool finds. govkit runs once untimed with every finding
   listed (`--max-findings` above the injected count); its (row, kind, field)
   triples must equal the injected ones. frictionless's full listing
   (`--limit-errors` above the injected count) is compared the same way.
2. Times, round-robin, as subprocesses under GNU time (`/usr/bin/time -f %M`,
   which also gives each run's peak RSS):
   - `frictionless validate --json --schema S table.csv` and
     `govkit validate --no-cache --schema S table.csv -f json` (the clean file);
   - the same two on the error copy, frictionless with `--limit-errors` large
     enough to find every error;
   - frictionless on the error copy with its default limit (it stops at 1,000
     errors).
   Every run's exit code (0 clean, 1 invalid) and error counts are checked: govkit's
   JSON counts every error (listed findings plus `unlisted` tallies) while it lists
   only 100. It reports medians, the frictionless / govkit ratio against the 20×
   target and govkit's peak RSS against 300 MB (DESIGN.md §6).
3. Scaling: govkit (and frictionless up to `--peer-max-rows`, 1M by default) on
   the clean table at 10k, 100k, 1M and, with `--big` (the default), 10M rows; the
   10M file (about 860 MB) lives in the temporary folder only while it is timed.

`--profile` adds a cProfile listing of the library (`validate_table` on the
error copy) sorted by cumulative time. Every command runs from inside the
temporary folder, which is outside any catalog.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import json
import os
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from timing import machine

HERE = Path(__file__).resolve().parent
GENERATOR = HERE / "generate_table.py"
BIN = Path(sys.executable).parent
GNU_TIME = Path("/usr/bin/time")
ROWS = 1_000_000
RATE = 0.01
SIZES = (10_000, 100_000, 1_000_000, 10_000_000)
RATIO_TARGET = 20.0
RSS_TARGET_MB = 300.0
LIMIT_ALL = 1_000_000_000
# govkit's data rules, by the kind names frictionless uses (constraint errors by constraint).
GOVKIT_KINDS = {
    "GK211": "type-error",
    "GK212": "required",
    "GK213": "unique",
    "GK214": "minimum",
    "GK215": "maximum",
    "GK216": "minLength",
    "GK217": "maxLength",
    "GK218": "pattern",
    "GK219": "enum",
    "GK220": "primary-key",
}
PRIMARY_KEY_FIELD = "id"

Triple = tuple[int, str, str]
"""(row number, error kind, field) of one error."""


@dataclass(frozen=True)
class Command:
    label: str
    argv: list[str]
    tool: str
    """`govkit` or `frictionless`: how to read its output."""
    exit_code: int
    rows: int


@dataclass(frozen=True)
class Outcome:
    """What one run of a command found."""

    valid: bool
    total: int
    by_kind: Counter[str]
    triples: frozenset[Triple] = frozenset()
    rows_read: int | None = None


@dataclass
class Timing:
    command: Command
    seconds: list[float] = field(default_factory=list)
    rss_mib: list[float] = field(default_factory=list)
    outcome: Outcome | None = None
    failure: str | None = None
    """Why the command did not give the expected exit code (the run is not repeated)."""

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def best(self) -> float:
        return min(self.seconds)

    @property
    def rss(self) -> float | None:
        return max(self.rss_mib) if self.rss_mib else None

    @property
    def found(self) -> Outcome:
        if self.outcome is None:
            raise RuntimeError(f"`{self.command.label}` has not run")
        return self.outcome


# --------------------------------------------------------------------------- running


def run_measured(
    argv: Sequence[str], cwd: Path
) -> tuple[float, float | None, subprocess.CompletedProcess[bytes]]:
    """Wall time, peak RSS in MiB (None without GNU time) and the finished process."""
    with tempfile.NamedTemporaryFile("r", suffix=".rss", dir=cwd) as out:
        wrapper = [str(GNU_TIME), "-f", "%M", "-o", out.name] if GNU_TIME.is_file() else []
        start = time.perf_counter()
        done = subprocess.run([*wrapper, *argv], cwd=cwd, capture_output=True, check=False)
        elapsed = time.perf_counter() - start
        text = out.read().split()
    rss = int(text[-1]) / 1024 if wrapper and text and text[-1].isdigit() else None
    return elapsed, rss, done


def fail(done: subprocess.CompletedProcess[bytes], message: str) -> None:
    sys.stderr.write(done.stdout.decode(errors="replace")[-3000:])
    sys.stderr.write(done.stderr.decode(errors="replace")[-3000:])
    raise SystemExit(f"{message}; the benchmark is void")


class Failed(Exception):
    """A command gave another exit code than expected (only tolerated in the scaling)."""

    def __init__(self, message: str, elapsed: float, rss: float | None) -> None:
        super().__init__(message)
        self.elapsed = elapsed
        self.rss = rss


def _why(done: subprocess.CompletedProcess[bytes]) -> str:
    """The first finding of a JSON report, else the last line of stderr."""
    try:
        findings = json.loads(done.stdout).get("findings") or [{}]
        return f"{findings[0]['code']} {findings[0]['message']}"
    except (ValueError, KeyError, AttributeError):
        lines = done.stderr.decode(errors="replace").strip().splitlines()
        return lines[-1] if lines else f"exit code {done.returncode}"


def run_command(
    command: Command, cwd: Path, *, tolerate: bool = False
) -> tuple[float, float | None, Outcome]:
    elapsed, rss, done = run_measured(command.argv, cwd)
    if done.returncode != command.exit_code:
        message = f"`{command.label}` exited with {done.returncode}, not {command.exit_code}"
        if tolerate:
            raise Failed(f"{message}: {_why(done)}", elapsed, rss)
        fail(done, message)
    try:
        report = json.loads(done.stdout)
    except ValueError:
        fail(done, f"`{command.label}` did not print JSON")
        raise
    read = govkit_outcome if command.tool == "govkit" else frictionless_outcome
    return elapsed, rss, read(report)


def time_commands(
    commands: Sequence[Command], runs: int, cwd: Path, *, tolerate: bool = False
) -> list[Timing]:
    """Round-robin, so drift in the machine's load spreads over every command alike.

    The files were just written (page cache warm) and each tool has already run once,
    so there is no warm-up round. Every run must find what the first run found. With
    `tolerate`, a command that fails is recorded as failed and not run again.
    """
    timings = [Timing(c) for c in commands]
    for round_no in range(runs):
        for timing in timings:
            if timing.failure is not None:
                continue
            try:
                elapsed, rss, outcome = run_command(timing.command, cwd, tolerate=tolerate)
            except Failed as failed:
                print(f"  {failed} (after {failed.elapsed:.2f} s)", file=sys.stderr)
                timing.failure = str(failed)
                timing.seconds.append(failed.elapsed)
                if failed.rss is not None:
                    timing.rss_mib.append(failed.rss)
                continue
            print(
                f"  round {round_no + 1}/{runs}: {timing.command.label}: {elapsed:.2f} s",
                file=sys.stderr,
            )
            if timing.outcome is not None and _counts(timing.outcome) != _counts(outcome):
                raise SystemExit(f"`{timing.command.label}` found different errors between runs")
            timing.outcome = outcome
            timing.seconds.append(elapsed)
            if rss is not None:
                timing.rss_mib.append(rss)
    return timings


def _counts(outcome: Outcome) -> tuple[bool, int, dict[str, int]]:
    return outcome.valid, outcome.total, dict(outcome.by_kind)


# --------------------------------------------------------------------------- reading reports


def govkit_outcome(report: dict[str, Any]) -> Outcome:
    """Counts from `govkit validate -f json`: listed findings plus the unlisted tallies."""
    by_kind: Counter[str] = Counter()
    triples = set()
    for finding in report.get("findings", []):
        kind = GOVKIT_KINDS.get(finding["code"], finding["name"])
        by_kind[kind] += 1
        name = finding.get("field") or (PRIMARY_KEY_FIELD if kind == "primary-key" else "")
        triples.add((int(finding.get("row") or 0), kind, name))
    for tally in report.get("unlisted", []):
        by_kind[GOVKIT_KINDS.get(tally["code"], tally["name"])] += int(tally["count"])
    errors = int(report["summary"]["error"])
    if errors != sum(by_kind.values()):
        raise SystemExit(f"govkit's summary says {errors} errors; its findings add up to more")
    return Outcome(errors == 0, errors, by_kind, frozenset(triples))


def frictionless_kind(error: dict[str, Any]) -> str:
    if error.get("type") == "constraint-error":
        found = re.match(r'constraint "(\w+)"', str(error.get("note", "")))
        if found:
            return found.group(1)
    return str(error.get("type"))


def frictionless_outcome(report: dict[str, Any]) -> Outcome:
    """Counts from `frictionless validate --json`: its listed errors, by kind."""
    by_kind: Counter[str] = Counter()
    triples = set()
    rows_read = 0
    for task in report.get("tasks", []):
        rows_read += int(task.get("stats", {}).get("rows") or 0)
        for error in task.get("errors", []):
            kind = frictionless_kind(error)
            by_kind[kind] += 1
            name = error.get("fieldName") or (PRIMARY_KEY_FIELD if kind == "primary-key" else "")
            triples.add((int(error.get("rowNumber") or 0), kind, str(name)))
    total = int(report.get("stats", {}).get("errors", sum(by_kind.values())))
    return Outcome(bool(report.get("valid")), total, by_kind, frozenset(triples), rows_read)


# --------------------------------------------------------------------------- files


@dataclass(frozen=True)
class Generated:
    """A generated table; its paths are relative to `cwd`, where every command runs
    (frictionless refuses absolute paths as unsafe unless told `--trusted`)."""

    cwd: Path
    folder: Path
    rows: int
    expected: dict[str, Any] | None

    @property
    def schema(self) -> Path:
        return self.folder / "schema.json"

    @property
    def clean(self) -> Path:
        return self.folder / "table.csv"

    @property
    def broken(self) -> Path:
        return self.folder / "table-errors.csv"

    def mib(self, path: Path | None = None) -> float:
        return (self.cwd / (path or self.clean)).stat().st_size / 2**20


def generate(folder: Path, rows: int, rate: float | None, cwd: Path) -> Generated:
    """Generate into `cwd / folder` (`folder` is relative)."""
    argv = [sys.executable, str(GENERATOR), str(folder), "--rows", str(rows), "--quiet"]
    if rate is not None:
        argv += ["--errors", str(rate)]
    start = time.perf_counter()
    done = subprocess.run(argv, cwd=cwd, capture_output=True, check=False)
    if done.returncode != 0:
        fail(done, "generate_table.py failed")
    took = time.perf_counter() - start
    print(f"generated {rows:,} rows into {folder} in {took:.1f} s", file=sys.stderr)
    expected = None
    if rate is not None:
        expected = json.loads((cwd / folder / "expected-errors.json").read_text())
    return Generated(cwd, folder, rows, expected)


def locate(name: str) -> Path:
    found = BIN / name
    if not found.is_file():
        raise SystemExit(f"{found} not found; run with the venv's python ({name} is installed)")
    return found


def govkit_command(
    data: Path, schema: Path, rows: int, *, valid: bool, label: str, max_findings: int | None = None
) -> Command:
    argv = [str(locate("govkit")), "validate", "--no-cache", "--schema", str(schema)]
    if max_findings is not None:
        argv += ["--max-findings", str(max_findings)]
    return Command(label, [*argv, str(data), "-f", "json"], "govkit", 0 if valid else 1, rows)


def frictionless_command(
    data: Path, schema: Path, rows: int, *, valid: bool, label: str, limit: int | None = None
) -> Command:
    argv = [str(locate("frictionless")), "validate", "--json", "--schema", str(schema)]
    if limit is not None:
        argv += ["--limit-errors", str(limit)]
    return Command(label, [*argv, str(data)], "frictionless", 0 if valid else 1, rows)


# --------------------------------------------------------------------------- the comparison


@dataclass
class Comparison:
    table: Generated
    timings: list[Timing]
    govkit_triples: frozenset[Triple]
    expected_triples: frozenset[Triple]

    def timing(self, label: str) -> Timing:
        return next(t for t in self.timings if t.command.label == label)


CLEAN_F = "frictionless, clean"
CLEAN_G = "govkit, clean"
ERRORS_F = "frictionless, errors, --limit-errors 10⁹"
ERRORS_G = "govkit, errors"
ERRORS_F_DEFAULT = "frictionless, errors, default limit"


def compare(table: Generated, runs: int, cwd: Path) -> Comparison:
    expected = table.expected or {}
    expected_triples = frozenset((int(r), str(k), str(f)) for r, k, f in expected["errors"])
    # Every finding listed, untimed: the rows, kinds and fields, not only the counts.
    listing = govkit_command(
        table.broken,
        table.schema,
        table.rows,
        valid=False,
        label="govkit, every finding listed",
        max_findings=len(expected_triples) + 1000,
    )
    print("checking govkit's full listing of the error copy", file=sys.stderr)
    _, _, everything = run_command(listing, cwd)
    commands = [
        frictionless_command(table.clean, table.schema, table.rows, valid=True, label=CLEAN_F),
        govkit_command(table.clean, table.schema, table.rows, valid=True, label=CLEAN_G),
        frictionless_command(
            table.broken, table.schema, table.rows, valid=False, label=ERRORS_F, limit=LIMIT_ALL
        ),
        govkit_command(table.broken, table.schema, table.rows, valid=False, label=ERRORS_G),
        frictionless_command(
            table.broken, table.schema, table.rows, valid=False, label=ERRORS_F_DEFAULT
        ),
    ]
    timings = time_commands(commands, runs, cwd)
    return Comparison(table, timings, everything.triples, expected_triples)


def _ratio_verdict(ratio: float) -> str:
    if ratio >= RATIO_TARGET:
        return f"ok ({ratio:.1f}× ≥ {RATIO_TARGET:g}×)"
    return f"**under target** ({ratio:.1f}× < {RATIO_TARGET:g}×, {ratio / RATIO_TARGET:.0%})"


def _rss_mb(mib: float | None) -> str:
    return "—" if mib is None else f"{mib:.0f} MiB ({mib * 2**20 / 1e6:.0f} MB)"


def _triples_check(name: str, found: frozenset[Triple], expected: frozenset[Triple]) -> str:
    if found == expected:
        return f"- {name}: all {len(expected):,} injected (row, kind, field) found, nothing else"
    missing = sorted(expected - found)
    extra = sorted(found - expected)
    return (
        f"- {name}: **differs** from the injected errors: {len(missing):,} missing "
        f"(first {missing[:5]}), {len(extra):,} extra (first {extra[:5]})"
    )


def comparison_markdown(result: Comparison) -> str:
    table = result.table
    expected = table.expected or {}
    lines = [
        f"Table: {table.rows:,} rows × 8 columns; `table.csv` {table.mib():.1f} MiB, "
        f"`table-errors.csv` {table.mib(table.broken):.1f} MiB with {expected['total']:,} "
        f"injected errors ({expected['rate']:.1%} of the rows).",
        "",
        "| command | verdict | errors reported | median (s) | best (s) | rows/s (median) "
        "| peak RSS |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for timing in result.timings:
        outcome = timing.found
        verdict = "valid" if outcome.valid else "invalid"
        rows = outcome.rows_read or timing.command.rows  # frictionless may stop early
        lines.append(
            f"| {timing.command.label} | {verdict} | {outcome.total:,} | {timing.median:.2f} "
            f"| {timing.best:.2f} | {rows / timing.median:,.0f} "
            f"| {_rss_mb(timing.rss)} |"
        )
    clean = result.timing(CLEAN_F).median / result.timing(CLEAN_G).median
    errors = result.timing(ERRORS_F).median / result.timing(ERRORS_G).median
    govkit_rss = max(
        (r for t in (result.timing(CLEAN_G), result.timing(ERRORS_G)) for r in t.rss_mib),
        default=None,
    )
    rss_verdict = (
        "not measured (GNU time is not installed)"
        if govkit_rss is None
        else (
            "ok"
            if govkit_rss * 2**20 <= RSS_TARGET_MB * 1e6
            else f"**over** ({govkit_rss * 2**20 / 1e6 / RSS_TARGET_MB:.0%} of the target)"
        )
    )
    lines += [
        "",
        f"- frictionless / govkit, clean file: **{clean:.1f}×** (median) — {_ratio_verdict(clean)}",
        f"- frictionless / govkit, error copy (every error found): **{errors:.1f}×** (median) — "
        f"{_ratio_verdict(errors)}",
        f"- govkit's peak RSS (largest of its timed runs): **{_rss_mb(govkit_rss)}** — target "
        f"≤ {RSS_TARGET_MB:g} MB: {rss_verdict}",
        "",
        *_kinds_markdown(result),
    ]
    return "\n".join(lines) + "\n"


def _kinds_markdown(result: Comparison) -> list[str]:
    expected = result.table.expected or {}
    injected: dict[str, int] = expected["by_kind"]
    govkit = result.timing(ERRORS_G).found
    full = result.timing(ERRORS_F).found
    default = result.timing(ERRORS_F_DEFAULT).found
    kinds = list(injected) + sorted(
        (set(govkit.by_kind) | set(full.by_kind) | set(default.by_kind)) - set(injected)
    )
    lines = [
        "Errors in the error copy, by kind:",
        "",
        "| kind | injected | govkit | frictionless (`--limit-errors 10⁹`) "
        "| frictionless (default limit) |",
        "|---|---:|---:|---:|---:|",
    ]
    for kind in kinds:
        counts = [injected.get(kind, 0), govkit.by_kind[kind], full.by_kind[kind]]
        flag = "" if len(set(counts)) == 1 else " **≠**"
        lines.append(
            f"| {kind}{flag} | {counts[0]:,} | {counts[1]:,} | {counts[2]:,} "
            f"| {default.by_kind[kind]:,} |"
        )
    lines.append(
        f"| **total** | {sum(injected.values()):,} | {govkit.total:,} | {full.total:,} "
        f"| {default.total:,} |"
    )
    rows = default.rows_read or 0
    stopped = (
        f"- With its default limit frictionless stops at {default.total:,} errors after "
        f"{rows:,} of {result.table.rows:,} rows, reports `valid: false` with "
        f"{default.total:,} as the total, and lists nothing past row "
        f"{max((t[0] for t in default.triples), default=0):,}."
        if default.total < full.total
        else "- Its default limit (1,000 errors) is not reached on this table."
    )
    lines += [
        "",
        stopped,
        _triples_check(
            "govkit (one untimed run with every finding listed)",
            result.govkit_triples,
            result.expected_triples,
        ),
        _triples_check(
            "frictionless (`--limit-errors 10⁹`)", full.triples, result.expected_triples
        ),
    ]
    return lines


# --------------------------------------------------------------------------- scaling


@dataclass
class Step:
    rows: int
    mib: float
    govkit: Timing
    peer: Timing | None


def scaling(
    args: argparse.Namespace, work: Path, comparison: Comparison, sizes: Sequence[int]
) -> list[Step]:
    steps = []
    for rows in sizes:
        if rows == comparison.table.rows:  # measured in the comparison already
            table = comparison.table
            steps.append(
                Step(rows, table.mib(), comparison.timing(CLEAN_G), comparison.timing(CLEAN_F))
            )
            continue
        folder = Path(f"rows-{rows}")
        table = generate(folder, rows, None, work)
        try:
            commands = [govkit_command(table.clean, table.schema, rows, valid=True, label="g")]
            if rows <= args.peer_max_rows:
                commands.append(
                    frictionless_command(table.clean, table.schema, rows, valid=True, label="f")
                )
            print(f"scaling: {rows:,} rows", file=sys.stderr)
            timings = time_commands(commands, args.runs, work, tolerate=True)
            steps.append(Step(rows, table.mib(), timings[0], timings[1] if commands[1:] else None))
        finally:
            shutil.rmtree(work / folder)  # the 10M file is about 860 MB
    return sorted(steps, key=lambda s: s.rows)


def scaling_markdown(steps: list[Step]) -> str:
    lines = [
        "| rows | file (MiB) | govkit median (s) | govkit rows/s | govkit × previous "
        "| govkit peak RSS | frictionless median (s) | frictionless peak RSS "
        "| frictionless / govkit |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    previous: Step | None = None
    failures = []
    for step in steps:
        ours, peer = step.govkit, step.peer
        if ours.failure is not None:
            failures.append(f"- {step.rows:,} rows: {ours.failure}")
            lines.append(
                f"| {step.rows:,} | {step.mib:.1f} | **failed** after {ours.median:.2f} | — | — "
                f"| {_rss_mb(ours.rss)} | — | — | — |"
            )
            continue
        growth = f"{ours.median / previous.govkit.median:.1f}×" if previous else "—"
        lines.append(
            f"| {step.rows:,} | {step.mib:.1f} | {ours.median:.2f} "
            f"| {step.rows / ours.median:,.0f} | {growth} | {_rss_mb(ours.rss)} "
            f"| {_seconds(peer)} | {_rss_mb(peer.rss) if peer else '—'} "
            f"| {f'{peer.median / ours.median:.1f}×' if peer and not peer.failure else '—'} |"
        )
        if peer is not None and peer.failure is not None:
            failures.append(f"- {step.rows:,} rows: {peer.failure}")
        previous = step
    if failures:
        lines += ["", "Failed runs:", "", *failures]
    return "\n".join(lines) + "\n"


def _seconds(timing: Timing | None) -> str:
    if timing is None:
        return "—"
    if timing.failure is not None:
        return f"**failed** after {timing.median:.2f}"
    return f"{timing.median:.2f}"


# --------------------------------------------------------------------------- profile


def profile(folder: Path, top: int) -> str:
    """cProfile of the library validating the error copy (imports included)."""
    profiler = cProfile.Profile()
    profiler.enable()
    from govkit.engine.load import Table  # noqa: PLC0415
    from govkit.engine.validate import validate_table  # noqa: PLC0415

    schema = json.loads((folder / "schema.json").read_text(encoding="utf-8"))
    result = validate_table(Table(folder / "table-errors.csv", schema))
    profiler.disable()
    out = io.StringIO()
    out.write(f"validate_table: {sum(result.totals.values()):,} errors in {result.rows:,} rows\n")
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)
    return out.getvalue()


# --------------------------------------------------------------------------- main


def version(argv: Sequence[str]) -> str:
    done = subprocess.run(argv, capture_output=True, text=True, check=False)
    return done.stdout.strip().splitlines()[-1] if done.stdout.strip() else "?"


def load_average() -> str:
    return " / ".join(f"{x:.2f}" for x in os.getloadavg())


def benchmark(args: argparse.Namespace, work: Path) -> None:
    versions = {
        "frictionless": version([str(locate("frictionless")), "--version"]),
        "govkit": version([sys.executable, "-c", "import govkit; print(govkit.__version__)"]),
        "duckdb": version([sys.executable, "-c", "import duckdb; print(duckdb.__version__)"]),
    }
    before = load_average()
    table = generate(Path(f"rows-{args.rows}-errors"), args.rows, args.errors, work)
    result = compare(table, args.runs, work)
    sizes = [s for s in SIZES if args.big or s < 10_000_000]
    if args.rows not in sizes:
        sizes.append(args.rows)
    steps = scaling(args, work, result, sorted(sizes))
    after = load_average()
    header = (
        f"Date {dt.date.today().isoformat()}, {machine()}; frictionless {versions['frictionless']}"
        f", govkit {versions['govkit']}, duckdb {versions['duckdb']}. {args.runs} timed runs per "
        f"command, round-robin; medians. Load average (1/5/15 min) {before} before, "
        f"{after} after.\n"
    )
    print(header)
    print("### govkit against frictionless\n")
    print(comparison_markdown(result))
    print("### Scaling (clean table)\n")
    print(scaling_markdown(steps))
    if args.profile:
        script = str(Path(__file__).resolve())
        folder = str(work / table.folder)
        argv = [sys.executable, script, "--profile-only", folder, "--top", str(args.top)]
        done = subprocess.run(argv, cwd=work, capture_output=True, check=False)
        if done.returncode != 0:
            fail(done, "the profile failed")
        print(done.stdout.decode())


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="timed runs per command (default 3)")
    parser.add_argument(
        "--rows", type=int, default=ROWS, help="rows of the compared table (default 1M)"
    )
    parser.add_argument(
        "--errors", type=float, default=RATE, help="share of rows with an error (default 0.01)"
    )
    parser.add_argument(
        "--big",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="include 10M rows in the scaling table (default on)",
    )
    parser.add_argument(
        "--peer-max-rows",
        type=int,
        default=ROWS,
        help="run frictionless in the scaling table up to this many rows (default 1M)",
    )
    parser.add_argument("--profile", action="store_true", help="also print a cProfile listing")
    parser.add_argument("--top", type=int, default=30, help="rows of the profile (default 30)")
    parser.add_argument("--profile-only", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.profile_only:
        print(profile(args.profile_only, args.top))
        return 0
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    if not 0 < args.errors <= 1:
        parser.error("--errors must be a share of the rows above 0")
    with tempfile.TemporaryDirectory(prefix="govkit-bench-") as work:
        benchmark(args, Path(work))
    return 0


if __name__ == "__main__":
    sys.exit(main())
