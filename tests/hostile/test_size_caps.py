"""Size caps are checked from a file's size, before a byte of it is read."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

from tests.conftest import run_cli
from tests.hostile.conftest import DATA, ENTRY

SPARSE = 64 * 1024 * 1024  # far above the 2 MiB cap, and nothing written to disk


def _sparse(path: Path) -> None:
    with path.open("r+b" if path.exists() else "wb") as handle:
        handle.truncate(SPARSE)


def _peak_of(*args: str) -> tuple[int, str, int]:
    tracemalloc.start()
    try:
        outcome = run_cli(*args)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return outcome.exit_code, outcome.stdout + outcome.stderr, peak


def test_a_huge_catalog_entry_is_refused_unread(catalog: Path) -> None:
    _sparse(catalog / ENTRY)

    code, output, peak = _peak_of("lint", "--root", str(catalog))

    assert code == 2, output
    assert f"{ENTRY.as_posix()}:1:1" in output
    assert "the limit is 2,097,152" in output
    assert peak < SPARSE // 4


def test_a_huge_standalone_schema_is_refused_unread(catalog: Path) -> None:
    schema = catalog / "schemas" / "budget.schema.yaml"
    _sparse(schema)

    code, output, peak = _peak_of("validate", "--schema", str(schema), str(catalog / DATA))

    assert code == 2, output
    assert "the limit is 2,097,152" in output
    assert peak < SPARSE // 4
