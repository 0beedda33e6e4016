"""Benchmark `govkit check` with every built-in policy pack on a generated 2,000-dataset catalog.

    python bench/bench_check.py [--runs 5] [--datasets 2000] [--catalog DIR]

Generates the catalog (bench/generate_catalog.py) into a temporary folder,
enables the six built-in packs in its govkit.yaml, and checks that `govkit
lint` finds nothing (so the policy findings are the packs' own). It then times
as subprocesses, round-robin after one untimed warm-up round:

- `govkit check --root DIR` with every built-in pack (target ≤ 3 s, issue 4);
- `govkit lint --root DIR`, the floor `check` builds on;
- `govkit check --scan`, which also scans every publishable data file.

Every run passes `--today 2026-11-28` (the generator's day, so the findings do
not drift with the calendar) and `--fail-on never`. It reports best-of-N and
median wall time, the findings per rule of one run, and a cold in-process
breakdown (a fresh interpreter calling the library with timers around stages).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from timing import expect_success, run_once

HERE = Path(__file__).resolve().parent
GENERATOR = HERE / "generate_catalog.py"
BIN = Path(sys.executable).parent
CHECK_TARGET = 3.0
TODAY = "2026-11-28"
PACKS = ("ir-foi", "access-levels", "governance", "freshness", "us-foia", "uk-foi")


def prepare(catalog: Path, datasets: int, cwd: Path) -> None:
    """Generate the catalog and enable every built-in pack in its govkit.yaml."""
    _, done = run_once(
        [sys.executable, str(GENERATOR), str(catalog), "--datasets", str(datasets)], cwd
    )
    expect_success(done, "generate_catalog.py")
    config = catalog / "govkit.yaml"
    text = re.sub(r"(?m)^policies:.*$", f"policies: [{', '.join(PACKS)}]", config.read_text())
    config.write_text(text, encoding="utf-8")


def lint_is_clean(govkit: Path, catalog: Path, cwd: Path) -> None:
    _, done = run_once([str(govkit), "lint", "--root", str(catalog), "-f", "json"], cwd)
    expect_success(done, "govkit lint")
    found = json.loads(done.stdout)["findings"]
    if found:
        raise SystemExit(f"govkit lint reported {len(found)} findings on the generated catalog")


def findings_per_rule(govkit: Path, catalog: Path, cwd: Path) -> Counter[str]:
    argv = [str(govkit), "check", "--root", str(catalog), "--today", TODAY, "-f", "json"]
    _, done = run_once([*argv, "--fail-on", "never"], cwd)
    expect_success(done, "govkit check -f json")
    return Counter(finding["code"] for finding in json.loads(done.stdout)["findings"])


def time_commands(commands: dict[str, list[str]], runs: int, cwd: Path) -> dict[str, list[float]]:
    """Round-robin, so drift in the machine's load spreads over every command alike."""
    seconds: dict[str, list[float]] = {label: [] for label in commands}
    for round_no in range(runs + 1):
        for label, argv in commands.items():
            elapsed, done = run_once(argv, cwd)
            expect_success(done, label)
            if round_no > 0:  # round 0 warms the page cache and the .pyc files
                seconds[label].append(elapsed)
    return seconds


def breakdown(catalog: Path) -> list[tuple[str, float]]:
    """Where a cold check spends its time, stage by stage (run in a fresh interpreter)."""
    stages: list[tuple[str, float]] = []
    start = time.perf_counter()
    from govkit.catalog import lint  # noqa: PLC0415
    from govkit.catalog.loader import load_catalog  # noqa: PLC0415
    from govkit.catalog.tree import FileTree  # noqa: PLC0415
    from govkit.policy import library, waivers  # noqa: PLC0415
    from govkit.policy.evaluate import evaluate  # noqa: PLC0415

    stages.append(("import govkit (catalog, policy, CEL)", time.perf_counter() - start))
    timed = time.perf_counter
    start = timed()
    loaded, findings = load_catalog(FileTree(catalog))
    stages.append(("load the catalog (YAML, JSON Schema, models)", timed() - start))
    start = timed()
    findings.extend(lint.run(loaded))
    stages.append(("lint rules", timed() - start))
    start = timed()
    packs = library.enabled_packs(loaded.tree, loaded.config)
    stages.append(("load and compile 6 packs (CEL, case probes)", timed() - start))
    start = timed()
    findings.extend(evaluate(loaded, packs, dt.date.fromisoformat(TODAY)))
    stages.append(("evaluate the packs", timed() - start))
    start = timed()
    waivers.apply_waivers(findings, waivers.NO_WAIVERS, dt.date.fromisoformat(TODAY))
    stages.append(("apply waivers", timed() - start))
    return stages


def markdown(
    timings: dict[str, list[float]], rules: Counter[str], stages: list[tuple[str, float]]
) -> str:
    lines = [
        "| command | best (s) | median (s) | target | verdict |",
        "|---|---:|---:|---|---|",
    ]
    for label, seconds in timings.items():
        best, median = min(seconds), statistics.median(seconds)
        target = CHECK_TARGET if label.startswith("govkit check --root") else None
        verdict = "—" if target is None else f"{'ok' if median <= target else '**over**'}"
        shown = f"≤ {target:g} s" if target else "—"
        lines.append(f"| `{label}` | {best:.3f} | {median:.3f} | {shown} | {verdict} |")
    counts = ", ".join(f"{code} {count}" for code, count in sorted(rules.items()))
    lines += ["", f"Findings of one run ({sum(rules.values())}): {counts}.", ""]
    lines += ["| stage (cold, in-process) | seconds |", "|---|---:|"]
    lines += [f"| {name} | {seconds:.3f} |" for name, seconds in stages]
    lines.append(f"| **total** | **{sum(s for _, s in stages):.3f}** |")
    return "\n".join(lines) + "\n"


def benchmark(args: argparse.Namespace, work: Path) -> None:
    govkit = BIN / "govkit"
    catalog: Path = args.catalog or work / "catalog"
    if args.catalog is None:
        prepare(catalog, args.datasets, work)
    lint_is_clean(govkit, catalog, work)
    common = ["--root", str(catalog), "--today", TODAY, "--fail-on", "never"]
    commands = {
        f"govkit check --root CATALOG ({args.datasets:,} datasets, 6 packs)": [
            str(govkit),
            "check",
            *common,
        ],
        "govkit lint --root CATALOG": [str(govkit), "lint", "--root", str(catalog)],
        "govkit check --scan --root CATALOG": [str(govkit), "check", "--scan", *common],
    }
    timings = time_commands(commands, args.runs, work)
    rules = findings_per_rule(govkit, catalog, work)
    _, done = run_once([sys.executable, __file__, "--breakdown", str(catalog)], work)
    expect_success(done, "breakdown")
    stages = [(name, seconds) for name, seconds in json.loads(done.stdout)]
    print(f"Date {dt.date.today().isoformat()}, {args.runs} runs after one warm-up.\n")
    print(markdown(timings, rules, stages))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per command (default 5)")
    parser.add_argument("--datasets", type=int, default=2000, help="catalog size (default 2000)")
    parser.add_argument("--catalog", type=Path, help="check this catalog instead of generating one")
    parser.add_argument("--breakdown", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.breakdown:  # the child that measures a cold library check
        print(json.dumps(breakdown(args.breakdown)))
        return 0
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    with tempfile.TemporaryDirectory(prefix="govkit-bench-") as work:
        benchmark(args, Path(work))
    return 0


if __name__ == "__main__":
    sys.exit(main())
