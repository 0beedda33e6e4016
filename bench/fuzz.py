"""Fuzz govkit at a large budget: catalog inputs through lint, data files through the engine.

The same strategies and contract as tests/hostile/test_fuzz.py (which runs 25 of each in
CI): exit 0, 1 or 2, never 3, no traceback, each input under 5 s; the process's peak RSS
(every input ran in it) is reported against the 1 GB bound.

    PYTHONPATH=src .venv/bin/python bench/fuzz.py --catalog 100000 --data 10000 [--seed N]
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hypothesis import HealthCheck, given, seed, settings
from tests.hostile import fuzzing


def _campaign(name: str, strategy: object, examples: int, chosen_seed: int) -> None:
    exits: Counter[int] = Counter()
    slowest = [0.0]

    @seed(chosen_seed)
    @settings(
        max_examples=examples, deadline=None, database=None,
        suppress_health_check=list(HealthCheck),
    )  # fmt: skip
    @given(strategy)
    def one(change: fuzzing.Change) -> None:
        with tempfile.TemporaryDirectory() as scratch:
            outcome, seconds = fuzzing.run(change, Path(scratch))
        exits[outcome.exit_code] += 1
        slowest[0] = max(slowest[0], seconds)
        fuzzing.assert_contract(outcome, seconds)

    start = time.perf_counter()
    one()
    elapsed = time.perf_counter() - start
    print(
        f"{name}: {sum(exits.values()):,} runs in {elapsed:.0f} s, exits "
        f"{dict(sorted(exits.items()))}, slowest {slowest[0]:.2f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--catalog", type=int, default=1000, help="catalog inputs to try")
    parser.add_argument("--data", type=int, default=200, help="data files to try")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    _campaign("catalog", fuzzing.catalog_changes(), args.catalog, args.seed)
    _campaign("data", fuzzing.data_changes(), args.data, args.seed)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of the whole run: {peak:.0f} MB")


if __name__ == "__main__":
    main()
