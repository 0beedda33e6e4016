"""Time the personal-data scan (`govkit check --scan`'s data pass) in-process.

    python bench/bench_scan.py [--runs 5] [--table DIR]

Times, best of N after one warm-up (wall time, and CPU time summed over DuckDB's threads,
steadier on a shared machine), `govkit.pii.scan.scan` on:

- the example catalog of this repository (its largest file is about 26 KB);
- with `--table DIR` (a folder written by `bench/generate_table.py`): a one-dataset
  catalog built in a temporary folder around DIR's table.csv (1M rows: 82 MiB), its
  schema converted to YAML, the dataset public so that the scan reads it.

Whichever govkit is first on `sys.path` is timed, so the same script measures two
versions (`PYTHONPATH=OLD/src` and `PYTHONPATH=src`).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import tempfile
import time
from pathlib import Path

from govkit.catalog.loader import load_catalog
from govkit.catalog.tree import FileTree
from govkit.pii.scan import scan

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CORPUS = ROOT / "tests" / "corpus" / "base"


def table_catalog(table: Path, folder: Path) -> Path:
    root = folder / "catalog-root"
    shutil.copytree(CORPUS, root)
    data = root / "catalog" / "finance" / "budget"
    data.mkdir(parents=True, exist_ok=True)
    target = data / "budget-1405.csv"
    target.unlink(missing_ok=True)
    try:  # a hard link: a catalog's data file may not be a symlink, and a copy is slow
        os.link(table / "table.csv", target)
    except OSError:
        shutil.copyfile(table / "table.csv", target)
    schema = json.loads((table / "schema.json").read_text(encoding="utf-8"))
    schema.pop("$schema", None)
    # JSON is YAML: the schema is written as it is.
    (root / "schemas" / "budget.schema.yaml").write_text(json.dumps(schema), encoding="utf-8")
    return root


def best(root: Path, runs: int) -> str:
    """Best wall and CPU time (every DuckDB thread's) of `runs` scans, and the findings."""
    catalog, _ = load_catalog(FileTree(root))
    findings = scan(catalog)
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        findings = scan(catalog)
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return f"{min(wall):.3f} s wall, {min(cpu):.3f} s CPU, best of {runs}; {len(findings)} findings"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--table", type=Path, help="a folder written by generate_table.py")
    options = parser.parse_args()
    print(f"example catalog: {best(ROOT, options.runs)}")
    if options.table:
        with tempfile.TemporaryDirectory(prefix="govkit-bench-") as folder:
            root = table_catalog(options.table.resolve(), Path(folder))
            print(f"{options.table / 'table.csv'}: {best(root, options.runs)}")


if __name__ == "__main__":
    main()
