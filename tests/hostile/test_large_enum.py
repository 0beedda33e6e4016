"""A large `enum` is checked as a join against its values: seconds, and the same verdicts."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.hostile.conftest import DATA

TIMES = [f"{h:02d}:{m:02d}:{s:02d}" for h in range(24) for m in range(60) for s in range(60)]


def _schema(values: list[str], kind: str) -> str:
    listed = ", ".join(json.dumps(v) for v in values)
    return (
        f"fields:\n  - {{name: programme, type: {kind}, constraints: {{enum: [{listed}]}}}}\n"
        "  - {name: approved, type: integer}\n"
    )


def _rows(root: Path) -> list[tuple[str, int]]:
    outcome = run_cli("validate", "--root", str(root), "--format", "json")
    assert outcome.exit_code in (0, 1), outcome.stderr
    return sorted((f["code"], f["row"]) for f in json.loads(outcome.stdout)["findings"])


@pytest.mark.parametrize(
    ("kind", "values", "cells"),
    [
        ("time", TIMES[:20_000], ["00:00:01", "23:59:59", "05:33:20", "bad", "5:33:20"]),
        ("string", [f"p{i}" for i in range(20_000)], ["p0", "p19999", "p20000", ""]),
    ],
)
def test_a_20000_value_enum_takes_seconds_and_agrees_with_a_small_one(
    catalog: Path, kind: str, values: list[str], cells: list[str]
) -> None:
    data = "programme,approved\n" + "".join(f"{cell},{i}\n" for i, cell in enumerate(cells))
    (catalog / DATA).write_text(data, encoding="utf-8")
    schema = catalog / "schemas" / "budget.schema.yaml"
    schema.write_text(_schema(values, kind), encoding="utf-8")

    start = time.perf_counter()
    large = _rows(catalog)
    took = time.perf_counter() - start

    # The same cells against only the values among them that are members: same verdicts.
    schema.write_text(_schema([c for c in cells if c in values], kind), encoding="utf-8")
    assert large == _rows(catalog)
    assert large  # some cell is outside the enum
    assert took < 10
