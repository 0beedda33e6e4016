"""Reading part of a catalog: the Subset tree and the byte-level EntryIndex."""

from __future__ import annotations

from pathlib import Path

import pytest

from govkit.catalog.loader import load_catalog
from govkit.catalog.scope import EntryIndex, Subset, is_entry
from govkit.catalog.tree import FileTree, Kind
from tests.diff.test_compare import write_catalog

BUDGET = "catalog/finance/budget.yaml"


@pytest.fixture
def tree(tmp_path: Path) -> FileTree:
    return FileTree(write_catalog(tmp_path / "catalog-root"))


def test_a_subset_lists_only_its_entries_and_reads_everything_else(tree: FileTree) -> None:
    subset = Subset(tree, {BUDGET, "catalog/services/gone.yaml"})

    catalog, findings = load_catalog(subset)

    assert findings == []
    assert [entry.model.id for entry in catalog.datasets] == ["budget"]
    assert catalog.units is not None  # units.yaml is read whatever the entries
    assert sorted(catalog.table_schemas) == ["budget.schema.yaml"]
    assert subset.files("schemas", (".yaml",)) == tree.files("schemas", (".yaml",))


def test_a_hidden_file_reads_as_missing(tree: FileTree) -> None:
    subset = Subset(tree, None, hidden={BUDGET})

    assert subset.kind(BUDGET) is Kind.MISSING
    assert BUDGET not in subset.files("catalog", (".yaml",))
    with pytest.raises(FileNotFoundError):
        subset.read(BUDGET)


def test_the_index_finds_users_of_a_schema_and_holders_of_an_id(tree: FileTree) -> None:
    index = EntryIndex(tree)

    assert index.mentioning(["budget.schema.yaml"]) == {BUDGET}
    assert index.mentioning(["services/permits/permits-1405.csv"]) == {
        "catalog/services/permits.yaml"
    }
    assert index.with_ids({"complaints", "nobody"}) == {"catalog/services/complaints.yaml"}
    assert index.mentioning([]) == set()
    assert index.with_ids(set()) == set()


@pytest.mark.parametrize(
    ("path", "entry"),
    [
        (BUDGET, True),
        ("catalog/units.yaml", False),
        ("catalog/finance/budget/budget-1405.csv", False),
        ("schemas/budget.schema.yaml", False),
        ("catalog/x.yml", True),
    ],
)
def test_is_entry(path: str, entry: bool) -> None:
    assert is_entry(path) is entry
