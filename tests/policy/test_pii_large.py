"""A large file's personal data: judged on a random sample first, counted whole where the
sample comes near a threshold, and the counts kept by content in the cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from govkit import api
from govkit.pii import scan as scan_module
from tests.policy.packs import write
from tests.policy.test_pii import contacts_catalog

ROWS = 60_000
DATA = "catalog/finance/contacts/contacts.csv"


def national_id(seed: int) -> str:
    body = f"{seed:09d}"
    total = sum(int(digit) * (10 - i) for i, digit in enumerate(body)) % 11
    return body + str(total if total < 2 else 11 - total)


def large_contacts(root: Path, ids_from: int) -> None:
    """Rows whose `note` holds national IDs from row `ids_from` on, a plain word before."""
    contacts_catalog(root)
    write(root, "schemas/contacts.schema.yaml", "fields:\n  - {name: note, type: string}\n")
    rows = [national_id(100_000 + i) if i >= ids_from else "paid" for i in range(ROWS)]
    write(root, DATA, "note\n" + "\n".join(rows) + "\n")


def gk301(root: Path, cache: Path | None = None) -> list[str]:
    report = api.check(root, select=["GK301"], cache=cache)
    return [f.message for f in report.findings if f.resource == "contacts"]


def test_ids_hidden_after_the_first_rows_are_found_and_counted_exactly(catalog: Path) -> None:
    large_contacts(catalog, ids_from=ROWS // 10)  # the first 6,000 rows are clean

    (message,) = gk301(catalog)

    assert f"{ROWS - ROWS // 10} of {ROWS} non-empty values" in message


def test_a_column_far_below_every_threshold_is_not_flagged(catalog: Path) -> None:
    large_contacts(catalog, ids_from=ROWS - ROWS // 5)  # a fifth are IDs: not personal

    assert gk301(catalog) == []


def test_counts_are_kept_by_content(catalog: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    large_contacts(catalog, ids_from=0)
    first = gk301(catalog, cache)
    assert first
    assert list((cache / "scans").glob("*.json"))

    assert gk301(catalog, cache) == first  # from the cache
    large_contacts(catalog, ids_from=ROWS)  # new bytes: counted again
    assert gk301(catalog, cache) == []


@pytest.fixture(autouse=True)
def _by_the_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files over a megabyte are counted by the engine; these are read by it whatever their
    size, so that they sample (they are larger than twice the sample)."""
    assert scan_module.SAMPLE_ROWS * 2 < ROWS
    monkeypatch.setattr(scan_module, "SMALL_CSV", -1)
