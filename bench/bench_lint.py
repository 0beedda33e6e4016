"""Benchmark `govkit lint` on a generated 2,000-dataset catalog, and `govkit --help`.

    python bench/bench_lint.py [--runs 5] [--datasets 2000] [--catalog DIR]
                                [--breakdown-runs 3] [--profile]

Generates the catalog (bench/generate_catalog.py) into a temporary folder, checks
that `govkit lint` passes on it with no findings, then times as subprocesses,
round-robin after one untimed warm-up round (page cache and .pyc files warm):

- `govkit lint --root DIR` (target ≤ 2 s, DESIGN.md §6);
- `govkit --help` (target ≤ 0.2 s) against `frictionless --help`, the peer's CLI start;
- `python -c "import frictionless"`, the peer's import floor, and `python -c pass`,
  the interpreter's.

It reports best-of-N and median wall time, the peak RSS of one lint run
(`/usr/bin/time -f %M`), and a cold in-process breakdown of where lint's time
goes (a fresh interpreter calling the library with timers around its stages).
`--profile` adds a cProfile listing of the library's lint, sorted by cumulative
time. Every command runs from inside the temporary folder.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import gc
import io
import json
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from timing import expect_success, machine, run_once

HERE = Path(__file__).resolve().parent
GENERATOR = HERE / "generate_catalog.py"
BIN = Path(sys.executable).parent
GNU_TIME = Path("/usr/bin/time")
LINT_TARGET = 2.0
HELP_TARGET = 0.2

T = TypeVar("T")


@dataclass(frozen=True)
class Command:
    label: str
    argv: list[str]
    target: float | None = None


@dataclass(frozen=True)
class Timing:
    command: Command
    seconds: list[float]

    @property
    def best(self) -> float:
        return min(self.seconds)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


# --------------------------------------------------------------------------- subprocess timings


def time_commands(commands: Sequence[Command], runs: int, cwd: Path) -> list[Timing]:
    """Round-robin, so drift in the machine's load spreads over every command alike."""
    seconds: dict[str, list[float]] = {c.label: [] for c in commands}
    for round_no in range(runs + 1):
        for command in commands:
            elapsed, done = run_once(command.argv, cwd)
            expect_success(done, command.label)
            if round_no > 0:  # round 0 warms the page cache and the .pyc files
                seconds[command.label].append(elapsed)
    return [Timing(c, seconds[c.label]) for c in commands]


def peak_rss_mib(argv: Sequence[str], cwd: Path) -> float | None:
    """Peak resident set size of one run, from GNU time (None when it is not installed)."""
    if not GNU_TIME.is_file():
        return None
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as out:
        done = subprocess.run(
            [str(GNU_TIME), "-f", "%M", "-o", out.name, *argv],
            cwd=cwd,
            capture_output=True,
            check=False,
        )
        expect_success(done, "time " + " ".join(argv))
        return int(out.read().split()[-1]) / 1024


def check_clean(govkit: Path, catalog: Path, cwd: Path) -> None:
    """The benchmark only means something if lint passes the catalog with no findings."""
    _, done = run_once([str(govkit), "lint", "--root", str(catalog), "-f", "json"], cwd)
    report = json.loads(done.stdout) if done.stdout.strip() else {}
    findings = report.get("findings", [])
    if done.returncode != 0 or findings:
        for finding in findings[:20]:
            print(json.dumps(finding, ensure_ascii=False), file=sys.stderr)
        expect_success(done, "govkit lint -f json")
        raise SystemExit(f"govkit lint reported {len(findings)} findings on the generated catalog")


# --------------------------------------------------------------------------- in-process breakdown


class Stopwatch:
    """Accumulates time per stage; wrappers around library functions feed it."""

    def __init__(self) -> None:
        self.totals: dict[str, float] = {}

    def add(self, stage: str, seconds: float) -> None:
        self.totals[stage] = self.totals.get(stage, 0.0) + seconds

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.add(name, time.perf_counter() - start)

    def wrap(self, stage: str, function: Callable[..., T]) -> Callable[..., T]:
        def timed(*args: Any, **kwargs: Any) -> T:
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.add(stage, time.perf_counter() - start)

        return timed

    def patch(self, owner: object, name: str, stage: str, *, generator: bool = False) -> None:
        """Replace `owner.name` with a timed version (a generator is drained into a list)."""
        function = getattr(owner, name)
        wrap = self.wrap_generator if generator else self.wrap
        setattr(owner, name, wrap(stage, function))

    def patch_classmethod(self, owner: type, name: str, stage: str) -> None:
        function = getattr(owner, name).__func__
        setattr(owner, name, classmethod(self.wrap(stage, function)))

    def wrap_generator(self, stage: str, function: Callable[..., Any]) -> Callable[..., list[Any]]:
        def timed(*args: Any, **kwargs: Any) -> list[Any]:
            start = time.perf_counter()
            try:
                return list(function(*args, **kwargs))
            finally:
                self.add(stage, time.perf_counter() - start)

        return timed


def breakdown(catalog: Path) -> list[tuple[str, float]]:
    """Where a cold lint spends its time, stage by stage (run in a fresh interpreter)."""
    watch = Stopwatch()
    collecting = _GcClock()
    gc.callbacks.append(collecting)
    with watch.stage("import govkit.api (pydantic, jsonschema, models)"):
        from govkit import api  # noqa: PLC0415
        from govkit.catalog import lint, loader, structure  # noqa: PLC0415
        from govkit.catalog.tree import FileTree  # noqa: PLC0415
    from pydantic import BaseModel  # noqa: PLC0415

    for method in ("kind", "read", "files"):
        watch.patch(FileTree, method, "files (lstat, walk, read)")
    watch.patch(loader, "load_yaml", "YAML parsing (libyaml events, positions)")
    watch.patch(structure, "violations", "JSON Schema (jsonschema)", generator=True)
    watch.patch_classmethod(BaseModel, "model_validate", "models (pydantic)")

    start = time.perf_counter()
    loaded, findings = loader.load_catalog(FileTree(catalog))
    load_total = time.perf_counter() - start
    stages = [(name, seconds) for name, seconds in watch.totals.items()]
    watch.totals.clear()
    accounted = sum(seconds for name, seconds in stages if not name.startswith("import"))
    stages.append(("loader, other (positions, findings, bookkeeping)", load_total - accounted))

    from govkit import frictionless_safe  # noqa: PLC0415

    rows: list[tuple[str, Callable[[], object]]] = [
        ("import frictionless (first Table Schema check)", frictionless_safe.load),
        *((f"rule {r.code} {r.name}", _rule_runner(r, loaded, findings)) for r in lint.RULES),
        ("report and text rendering", lambda: _render(api, str(catalog), findings)),
        ("import typer and govkit.cli", lambda: __import__("govkit.cli")),
    ]
    for name, step in rows:
        start = time.perf_counter()
        step()
        stages.append((name, time.perf_counter() - start))
    for name, seconds in watch.totals.items():  # inside the rules: already counted there
        stages.append((f"  of which {name} (inside the rules)", seconds))
    stages.append(("  of which the garbage collector (all stages)", collecting.seconds))
    return stages


class _GcClock:
    """A `gc.callbacks` hook that adds up the time spent in collections."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self._start = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._start = time.perf_counter()
        else:
            self.seconds += time.perf_counter() - self._start


def _rule_runner(rule: Any, catalog: Any, findings: list[Any]) -> Callable[[], object]:
    return lambda: findings.extend(rule.run(catalog))


def _render(api: Any, root: str, findings: list[Any]) -> str:
    from govkit import reporters  # noqa: PLC0415
    from govkit.findings import Report  # noqa: PLC0415

    report = Report("lint", root, tuple(findings), rules=api.rule_index())
    return str(reporters.render(report, "text", color=False, quiet=False))


def run_breakdown(catalog: Path, cwd: Path, runs: int) -> list[tuple[str, float]]:
    """Each stage's median over `runs` fresh interpreters."""
    argv = [sys.executable, str(Path(__file__).resolve()), "--breakdown", str(catalog)]
    samples: dict[str, list[float]] = {}
    for _ in range(runs):
        _, done = run_once(argv, cwd)
        expect_success(done, "breakdown")
        for name, seconds in json.loads(done.stdout):
            samples.setdefault(name, []).append(seconds)
    return [(name, statistics.median(seconds)) for name, seconds in samples.items()]


def profile(catalog: Path, top: int) -> str:
    """cProfile of a cold library lint (imports included), sorted by cumulative time."""
    profiler = cProfile.Profile()
    profiler.enable()
    from govkit.catalog import lint, loader  # noqa: PLC0415
    from govkit.catalog.tree import FileTree  # noqa: PLC0415

    loaded, findings = loader.load_catalog(FileTree(catalog))
    findings.extend(lint.run(loaded))
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)
    return out.getvalue()


# --------------------------------------------------------------------------- report


def _verdict(timing: Timing) -> str:
    target = timing.command.target
    if target is None:
        return "—"
    if timing.median <= target:
        return f"ok ({timing.median / target:.0%} of target)"
    return f"**over** ({timing.median / target:.0%} of target)"


def markdown(
    timings: list[Timing],
    rss: float | None,
    stages: list[tuple[str, float]] | None,
    context: dict[str, str],
) -> str:
    by_label = {t.command.label: t for t in timings}
    lines = [
        f"Date {context['date']}, {context['machine']}, {context['runs']} runs after one warm-up.",
        f"Catalog: {context['catalog']}.",
        "",
        "| command | best (s) | median (s) | target | verdict |",
        "|---|---:|---:|---|---|",
    ]
    for timing in timings:
        target = f"≤ {timing.command.target:g} s" if timing.command.target else "—"
        lines.append(
            f"| `{timing.command.label}` | {timing.best:.3f} | {timing.median:.3f} "
            f"| {target} | {_verdict(timing)} |"
        )
    ours, peer = by_label.get("govkit --help"), by_label.get("frictionless --help")
    lines.append("")
    if ours and peer:
        lines.append(
            f"- `govkit --help` / `frictionless --help`: {ours.best / peer.best:.2f} (best), "
            f"{ours.median / peer.median:.2f} (median)"
        )
    lint = next((t for t in timings if t.command.label.startswith("govkit lint")), None)
    if lint:
        lines.append(f"- lint / target: {lint.median / LINT_TARGET:.2f} (median)")
    if rss is None:
        lines.append("- peak RSS of lint: not measured (/usr/bin/time is not installed)")
    else:
        lines.append(f"- peak RSS of lint: {rss:.0f} MiB (`/usr/bin/time -f %M`, one run)")
    if stages:
        total = sum(s for name, s in stages if not name.startswith(" "))
        lines += [
            "",
            "Cold in-process breakdown (library calls with timers in fresh interpreters):",
            "",
            "| stage | seconds | share |",
            "|---|---:|---:|",
        ]
        for name, seconds in stages:
            if name.startswith(" "):  # nested in the row above: not part of the total
                lines.append(f"| *{name.strip()}* | *{seconds:.3f}* | *({seconds / total:.0%})* |")
            else:
                lines.append(f"| {name} | {seconds:.3f} | {seconds / total:.0%} |")
        lines.append(f"| **total in-process** | **{total:.3f}** | 100% |")
        lines.append(
            "\nStages are medians over fresh interpreters; the timers add a little, so the"
            " total can exceed the CLI's wall time. The CLI adds interpreter start and exit"
            " (see `python -c pass`)."
        )
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- main


def locate(name: str) -> Path:
    found = BIN / name
    if not found.is_file():
        raise SystemExit(f"{found} not found; run with the venv's python ({name} is installed)")
    return found


def generate(catalog: Path, datasets: int, cwd: Path) -> float:
    argv = [sys.executable, str(GENERATOR), str(catalog), "--datasets", str(datasets)]
    elapsed, done = run_once(argv, cwd)
    expect_success(done, "generate_catalog.py")
    return elapsed


def describe(catalog: Path) -> str:
    files = [p for p in catalog.rglob("*") if p.is_file()]
    entries = sum(1 for p in files if p.suffix == ".yaml")
    data = sum(1 for p in files if p.suffix == ".csv")
    size = sum(p.stat().st_size for p in files)
    return f"{len(files):,} files ({entries:,} YAML, {data:,} CSV), {size / 2**20:.1f} MiB"


def benchmark(args: argparse.Namespace, work: Path) -> None:
    govkit, frictionless = locate("govkit"), locate("frictionless")
    catalog: Path = args.catalog or work / "catalog"
    if args.catalog is None:
        took = generate(catalog, args.datasets, work)
        print(f"generated {args.datasets} datasets into {catalog} in {took:.1f} s", file=sys.stderr)
    check_clean(govkit, catalog, work)
    commands = [
        Command(
            "govkit lint --root CATALOG"
            + ("" if args.catalog else f" ({args.datasets:,} datasets)"),
            [str(govkit), "lint", "--root", str(catalog)],
            LINT_TARGET,
        ),
        Command("govkit --help", [str(govkit), "--help"], HELP_TARGET),
        Command("frictionless --help", [str(frictionless), "--help"]),
        Command('python -c "import frictionless"', [sys.executable, "-c", "import frictionless"]),
        Command('python -c "pass"', [sys.executable, "-c", "pass"]),
    ]
    timings = time_commands(commands, args.runs, work)
    rss = peak_rss_mib(commands[0].argv, work)
    stages = None if args.breakdown_runs == 0 else run_breakdown(catalog, work, args.breakdown_runs)
    context = {
        "date": dt.date.today().isoformat(),
        "machine": machine(),
        "runs": str(args.runs),
        "catalog": describe(catalog),
    }
    print(markdown(timings, rss, stages, context))
    if args.profile:
        script = str(Path(__file__).resolve())
        argv = [sys.executable, script, "--profile-only", str(catalog), "--top", str(args.top)]
        _, done = run_once(argv, work)
        expect_success(done, "profile")
        print(done.stdout.decode())


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per command (default 5)")
    parser.add_argument("--datasets", type=int, default=2000, help="catalog size (default 2000)")
    parser.add_argument("--catalog", type=Path, help="lint this catalog instead of generating one")
    parser.add_argument(
        "--breakdown-runs",
        type=int,
        default=3,
        help="fresh interpreters for the in-process breakdown; 0 skips it (default 3)",
    )
    parser.add_argument("--profile", action="store_true", help="also print a cProfile listing")
    parser.add_argument("--top", type=int, default=30, help="rows of the profile (default 30)")
    parser.add_argument("--breakdown", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--profile-only", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.breakdown:  # the child that measures a cold library lint
        print(json.dumps(breakdown(args.breakdown)))
        return 0
    if args.profile_only:
        print(profile(args.profile_only, args.top))
        return 0
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    with tempfile.TemporaryDirectory(prefix="govkit-bench-") as work:
        benchmark(args, Path(work))
    return 0


if __name__ == "__main__":
    sys.exit(main())
