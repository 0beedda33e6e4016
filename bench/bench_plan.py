"""Benchmark `govkit plan` on a generated 2,000-dataset catalog.

    python bench/bench_plan.py [--runs 5] [--datasets 2000]

Generates the catalog (bench/generate_catalog.py) into a temporary folder, enables
the four built-in obligation packs in its govkit.yaml, and makes every third entry
fulfil one of their items (in turn), so the plan has holders, gaps and blocks to work
out. It then times, as subprocesses, round-robin after one untimed warm-up round:

- `govkit plan --root DIR --today 2026-11-28` (target ≤ 2 s);
- the same with `-f json --html FILE` (every rendering);
- `govkit lint --root DIR`, the floor the plan builds on (it loads the same catalog).

It reports best-of-N and median wall time and what the plan held.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
from pathlib import Path

from timing import expect_success, machine, run_once

HERE = Path(__file__).resolve().parent
GENERATOR = HERE / "generate_catalog.py"
BIN = Path(sys.executable).parent
TARGET = 2.0
TODAY = "2026-11-28"
PACKS = ("ir-foi-proactive", "odc-anti-corruption", "uk-lgtc-2015", "eu-hvd")


def prepare(catalog: Path, datasets: int, cwd: Path) -> None:
    _, done = run_once(
        [sys.executable, str(GENERATOR), str(catalog), "--datasets", str(datasets)], cwd
    )
    expect_success(done, "generate_catalog.py")
    config = catalog / "govkit.yaml"
    config.write_text(config.read_text() + f"obligations: [{', '.join(PACKS)}]\n", "utf-8")
    sys.path.insert(0, str(HERE.parent / "src"))
    from govkit.plan.packs import builtin_pack  # noqa: PLC0415

    items = [item.id for pack in PACKS if (p := builtin_pack(pack)) for item in p.model.items]
    entries = sorted(p for p in (catalog / "catalog").rglob("*.yaml") if p.name != "units.yaml")
    for number, entry in enumerate(entries[::3]):
        text = entry.read_text(encoding="utf-8")
        named = f"fulfils: [{items[number % len(items)]}]\n"
        entry.write_text(re.sub(r"(?m)^(access_level: .*\n)", rf"\1{named}", text, count=1))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--datasets", type=int, default=2000)
    args = parser.parse_args(argv)
    govkit = BIN / "govkit"
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        catalog = work / "catalog"
        prepare(catalog, args.datasets, work)
        page = work / "plan.html"
        plan = [str(govkit), "plan", "--root", str(catalog), "--today", TODAY]
        commands = {
            "govkit plan": plan,
            "govkit plan -f json --html": [*plan, "-f", "json", "--html", str(page)],
            "govkit lint": [str(govkit), "lint", "--root", str(catalog), "--fail-on", "never"],
        }
        seconds: dict[str, list[float]] = {label: [] for label in commands}
        for round_no in range(args.runs + 1):
            for label, command in commands.items():
                elapsed, done = run_once(command, work)
                expect_success(done, label)
                if round_no:
                    seconds[label].append(elapsed)
        _, done = run_once([*plan, "-f", "json"], work)
        expect_success(done, "govkit plan -f json")
        record = json.loads(done.stdout)
    print(f"{machine()}; {args.datasets} datasets, {args.runs} runs\n")
    print("| command | best (s) | median (s) | target |\n|---|---:|---:|---|")
    for label, taken in seconds.items():
        target = f"≤ {TARGET} s" if label == "govkit plan" else ""
        print(f"| `{label}` | {min(taken):.2f} | {statistics.median(taken):.2f} | {target} |")
    summary = record["summary"]
    print(f"\nplan: {summary['open']} open items, {summary['met']} met, gaps {summary['gaps']}")
    best = min(seconds["govkit plan"])
    return 0 if best <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
