"""The examples in docs/catalog-format.md are valid, so the docs cannot drift from the format."""

from __future__ import annotations

import re
from pathlib import Path

from govkit.catalog import structure, tableschema
from govkit.catalog.models import Dataset, Units
from govkit.yamlio import load_yaml

DOC = Path(__file__).parents[1] / "docs" / "catalog-format.md"


def yaml_blocks() -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)


def block_with(key: str) -> str:
    return next(b for b in yaml_blocks() if b.startswith(key))


def test_the_complete_dataset_example_is_valid() -> None:
    document = load_yaml(block_with("id:").encode(), "example.yaml")
    assert list(structure.violations(document, "dataset")) == []
    dataset = Dataset.model_validate(document.data)
    documented = set(re.findall(r"^(\w+):", block_with("id:"), flags=re.M))
    assert documented == set(Dataset.model_fields) - {"schema_"}, "the example uses every key"
    assert dataset.resources[0].dialect is not None


def test_the_units_example_is_valid() -> None:
    document = load_yaml(block_with("units:").encode(), "units.yaml")
    assert list(structure.violations(document, "units")) == []
    Units.model_validate(document.data)


def test_the_table_schema_example_is_valid() -> None:
    document = load_yaml(block_with("fields:").encode(), "example.schema.yaml")
    assert list(tableschema.violations(document)) == []
