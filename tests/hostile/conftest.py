"""Builders for the hostile-input tests: the valid corpus catalog, with one thing changed."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path("catalog/finance/budget/budget-1405.csv")
ENTRY = Path("catalog/finance/budget.yaml")


def declare(root: Path, key: str, value: str) -> None:
    """Add `key: value` to the budget resource of the corpus catalog."""
    entry = root / ENTRY
    text = entry.read_text(encoding="utf-8")
    entry.write_text(text.replace("    format: csv\n", f"    format: csv\n    {key}: {value}\n"))


@pytest.fixture(autouse=True)
def _own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Results are cached by content and govkit's version: a result cached by another build
    # of the same version would hide what this one does.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
