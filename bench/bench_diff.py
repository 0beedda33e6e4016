"""Benchmark `govkit diff` and `govkit ci --base` on a generated 2,000-dataset catalog in git.

    python bench/bench_diff.py [--runs 5] [--datasets 2000]

Generates the catalog (bench/generate_catalog.py) into a temporary folder and
commits it on `main` (authors and dates pinned), with the four packs of the
example catalog enabled so that `check` and the change rules run. Then:

- branch `ten` changes 10 files in one commit: six entries (a level loosened
  with its approval, a level tightened, a licence, a steward, a unit, a
  resource kept back), two Table Schemas (a constraint loosened, a field
  added) and two data files; `govkit diff main ten` must take at most 2 s;
- branch `one` changes one entry's metadata (its licence) in one commit;
  `govkit ci --base main` must take at most 0.5 s plus the time to validate
  that entry's data. It is timed with the result cache off (`--no-cache`, the
  data is validated) and warm (a second run; DuckDB is still imported).

Commands run as subprocesses, round-robin after one untimed warm-up round;
best-of-N and median wall time are reported. A fresh interpreter then times
`govkit ci`'s stages in process (the fastest of five interpreters for each
stage), so the data-validation share can be subtracted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from timing import expect_success, run_once

HERE = Path(__file__).resolve().parent
GENERATOR = HERE / "generate_catalog.py"
BIN = Path(sys.executable).parent
DIFF_TARGET = 2.0
CI_TARGET = 0.5
TODAY = "2026-11-28"
PACKS = ("ir-foi", "access-levels", "governance", "freshness")  # so the change rules run
PINNED = {
    "GIT_AUTHOR_NAME": "Bench",
    "GIT_AUTHOR_EMAIL": "bench@example.org",
    "GIT_COMMITTER_NAME": "Bench",
    "GIT_COMMITTER_EMAIL": "bench@example.org",
    "GIT_AUTHOR_DATE": "2026-11-01T10:00:00+03:30",
    "GIT_COMMITTER_DATE": "2026-11-01T10:00:00+03:30",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
}


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "commit.gpgsign=false", *args],
        cwd=repo,
        env={**os.environ, **PINNED},
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def edit(path: Path, pattern: str, replacement: str) -> None:
    text = path.read_text(encoding="utf-8")
    changed, count = re.subn(pattern, replacement, text, count=1, flags=re.M)
    if count != 1:
        raise SystemExit(f"{path}: no match for {pattern!r}")
    path.write_text(changed, encoding="utf-8")


def entries_at(catalog: Path, level: str, count: int) -> list[Path]:
    found = []
    for path in sorted((catalog / "catalog").rglob("*.yaml")):
        if path.name != "units.yaml" and re.search(
            rf"(?m)^access_level: {level}$", path.read_text()
        ):
            found.append(path)
        if len(found) == count:
            break
    return found


def prepare(catalog: Path, datasets: int, work: Path) -> None:
    """The catalog committed on main, and the branches `ten` and `one`."""
    _, done = run_once(
        [sys.executable, str(GENERATOR), str(catalog), "--datasets", str(datasets)], work
    )
    expect_success(done, "generate_catalog.py")
    config = catalog / "govkit.yaml"
    enabled = f"policies: [{', '.join(PACKS)}]"
    config.write_text(re.sub(r"(?m)^policies:.*$", enabled, config.read_text()), encoding="utf-8")
    git(catalog, "init", "-q", "-b", "main")
    git(catalog, "add", "-A")
    git(catalog, "commit", "-q", "-m", "the catalog")
    git(catalog, "checkout", "-q", "-b", "ten")
    change_ten_files(catalog)
    git(catalog, "commit", "-q", "-am", "ten changes")
    git(catalog, "checkout", "-q", "-b", "one", "main")
    (public,) = entries_at(catalog, "public", 1)
    edit(public, r"^license: .*$", "license: CC0-1.0")
    git(catalog, "commit", "-q", "-am", "one licence")


def change_ten_files(catalog: Path) -> None:
    internal, public = entries_at(catalog, "internal", 1), entries_at(catalog, "public", 4)
    approval = '  - {ref: "1405/300", date: 2026-11-20, decision: publish}\n'
    edit(internal[0], r"^access_level: internal$", "access_level: public")
    edit(internal[0], r"^approvals:\n", "approvals:\n" + approval)
    edit(public[0], r"^access_level: public$", "access_level: internal")
    edit(public[1], r"^license: .*$", "license: CC0-1.0")
    edit(public[2], r"^  email: .*$", "  email: new-steward@example.org")
    edit(public[3], r"^    format: csv$", "    format: csv\n    access_level: confidential")
    units = re.findall(r"(?m)^  - id: (\S+)$", (catalog / "catalog/units.yaml").read_text())
    entry = entries_at(catalog, "restricted-public", 1)[0]
    edit(entry, r"^unit: (\S+)$", f"unit: {units[-1]}")
    schemas = sorted((catalog / "schemas").glob("*.yaml"))
    bounded = next(path for path in schemas if "maxLength" in path.read_text(encoding="utf-8"))
    edit(bounded, r"maxLength: (\d+)", r"maxLength: 9\g<1>")
    schemas.remove(bounded)
    schema_text = schemas[1].read_text(encoding="utf-8")
    schemas[1].write_text(
        schema_text.replace("fields:\n", "fields:\n  - {name: note, type: string}\n", 1)
    )
    for csv in sorted((catalog / "catalog").rglob("*.csv"))[:2]:
        lines = csv.read_text(encoding="utf-8").splitlines(keepends=True)
        csv.write_text("".join([*lines, lines[-1]]), encoding="utf-8")


def time_commands(
    commands: dict[str, tuple[list[str], Path]], runs: int, cwd: Path
) -> dict[str, list[float]]:
    """Round-robin, so drift in the machine's load spreads over every command alike."""
    seconds: dict[str, list[float]] = {label: [] for label in commands}
    for round_no in range(runs + 1):
        for label, (argv, folder) in commands.items():
            elapsed, done = run_once(argv, folder)
            expect_success(done, label)
            if round_no > 0:  # round 0 warms the page cache and the .pyc files
                seconds[label].append(elapsed)
    return seconds


def breakdown(catalog: Path) -> list[tuple[str, float]]:
    """A cold `govkit ci --base main` in this interpreter, with the data stage timed apart."""
    start = time.perf_counter()
    import govkit.cli  # noqa: F401, PLC0415
    from govkit import api, pipeline  # noqa: PLC0415

    imported = time.perf_counter() - start
    spent = {"data": 0.0, "values": 0.0}

    def timed(stage: str, real: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: object, **kwargs: object) -> object:
            begin = time.perf_counter()
            try:
                return real(*args, **kwargs)
            finally:
                spent[stage] += time.perf_counter() - begin

        return run

    # The personal data of the values is judged beside validation, not inside it: each is
    # timed on its own.
    pipeline.validated = timed("data", pipeline.validated)
    judging = pipeline.Judging
    judging._personal_data = timed("values", judging._personal_data)  # type: ignore[method-assign]
    start = time.perf_counter()
    api.ci("main", root=catalog, today=dt.date.fromisoformat(TODAY), cache=None)
    total = time.perf_counter() - start
    return [
        ("import govkit (cli, api, gate: git, CEL, catalog)", imported),
        (
            "ci without data (git, scope, load, lint, packs, readiness, diff)",
            total - spent["data"] - spent["values"],
        ),
        ("personal data in the changed entry's values (DuckDB import + scan)", spent["values"]),
        ("data validation of the changed entry", spent["data"]),
    ]


def best_breakdown(one: Path, runs: int) -> list[tuple[str, float]]:
    """Each stage's fastest time over `runs` fresh interpreters: the floor, less the noise
    of a shared machine."""
    samples = []
    for _ in range(runs):
        _, done = run_once([sys.executable, __file__, "--breakdown", str(one)], one)
        expect_success(done, "breakdown")
        samples.append(json.loads(done.stdout))
    return [
        (name, min(sample[i][1] for sample in samples)) for i, (name, _) in enumerate(samples[0])
    ]


def markdown(timings: dict[str, list[float]], stages: list[tuple[str, float]]) -> str:
    lines = ["| command | best (s) | median (s) | target |", "|---|---:|---:|---|"]
    for label, seconds in timings.items():
        target = {"diff": f"≤ {DIFF_TARGET:g} s", "ci --no-cache": f"≤ {CI_TARGET:g} s + data"}
        shown = next((t for key, t in target.items() if label.startswith(f"govkit {key}")), "—")
        best, median = min(seconds), statistics.median(seconds)
        lines.append(f"| `{label}` | {best:.3f} | {median:.3f} | {shown} |")
    lines += ["", "| stage of `govkit ci` (cold, in-process, best of N) | seconds |", "|---|---:|"]
    lines += [f"| {name} | {seconds:.3f} |" for name, seconds in stages]
    lines.append(f"| **total** | **{sum(s for _, s in stages):.3f}** |")
    return "\n".join(lines) + "\n"


def benchmark(args: argparse.Namespace, work: Path) -> None:
    govkit = str(BIN / "govkit")
    catalog = work / "catalog"
    prepare(catalog, args.datasets, work)
    one = work / "one"
    git(catalog, "checkout", "-q", "ten")
    git(catalog, "worktree", "add", "-q", str(one), "one")
    common = ["--today", TODAY, "--fail-on", "never", "-f", "json"]
    commands = {
        "govkit diff main ten (10 files changed)": (
            [govkit, "diff", "main", "ten", "--root", str(catalog), *common],
            work,
        ),
        "govkit ci --no-cache --base main (1 entry changed)": (
            [govkit, "ci", "--base", "main", "--no-cache", *common],
            one,
        ),
        "govkit ci --base main, data result cached": (
            [govkit, "ci", "--base", "main", *common],
            one,
        ),
        "govkit lint --root CATALOG (the whole catalog, for scale)": (
            [govkit, "lint", "--root", str(catalog)],
            work,
        ),
    }
    report = json.loads(
        run_once(commands["govkit diff main ten (10 files changed)"][0], work)[1].stdout
    )
    codes = sorted(f["code"] for f in report["findings"])
    timings = time_commands(commands, args.runs, work)
    stages = best_breakdown(one, args.breakdown_runs)
    print(f"Date {dt.date.today().isoformat()}, {args.runs} runs after one warm-up.\n")
    print(f"Findings of `govkit diff main ten`: {', '.join(codes)}.\n")
    print(markdown(timings, stages))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per command (default 5)")
    parser.add_argument("--datasets", type=int, default=2000, help="catalog size (default 2000)")
    parser.add_argument(
        "--breakdown-runs", type=int, default=5, help="fresh interpreters timed (default 5)"
    )
    parser.add_argument("--breakdown", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.breakdown:  # the child that times a cold library ci
        os.environ.update({"GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull})
        print(json.dumps(breakdown(args.breakdown)))
        return 0
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    with tempfile.TemporaryDirectory(prefix="govkit-bench-") as work:
        benchmark(args, Path(work))
    return 0


if __name__ == "__main__":
    sys.exit(main())
