"""The committed JSON Schemas are exactly what the models generate, and are valid schemas."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator, FormatChecker

from govkit.catalog import structure
from govkit.catalog.jsonschemas import KINDS, committed, committed_text, render
from govkit.catalog.loader import strict_model
from govkit.catalog.models import Dataset
from govkit.policy.library import BUILTIN_PACKS, builtin_folder
from govkit.yamlio import load_yaml


@pytest.mark.parametrize("kind", list(KINDS))
def test_committed_schema_matches_the_models(kind: str) -> None:
    assert committed_text(kind) == render(kind), (
        f"the {kind} JSON Schema drifted from the models; "
        "run `python -m govkit.catalog.jsonschemas --write` and review the diff"
    )


@pytest.mark.parametrize("kind", list(KINDS))
def test_committed_schema_is_a_valid_json_schema(kind: str) -> None:
    Draft202012Validator.check_schema(committed(kind))


def test_optional_keys_may_not_be_null() -> None:
    validator = Draft202012Validator(committed("dataset"))
    errors = list(validator.iter_errors({"license": None}))
    assert any(list(e.path) == ["license"] for e in errors)


def test_text_keys_must_be_language_tags() -> None:
    validator = Draft202012Validator(committed("units"))
    unit = {"units": [{"id": "finance", "name": {"English": "Finance"}}]}
    assert not validator.is_valid(unit)
    unit["units"][0]["name"] = {"en": "Finance", "fa": "مالی"}
    assert validator.is_valid(unit)


VALID_DATASET: dict[str, Any] = {
    "id": "contracts",
    "title": {"fa": "قراردادها", "en": "Contracts"},
    "description": {"en": "Contracts signed."},
    "unit": "finance",
    "steward": {"name": "Sara Ahmadi", "email": "s.ahmadi@example.org"},
    "access_level": "public",
    "legal_basis": {"law": "ir-foi", "article": "10"},
    "exemptions": [{"law": "ir-foi", "article": "14", "fields": ["national_id"]}],
    "priority": {"rent_generating": True, "oversight": "high", "public_interest": 4},
    "update_frequency": "R/P1M",
    "last_updated": "2026-10-22",
    "temporal": "2025-03-21/2026-03-20",
    "license": "CC-BY-4.0",
    "approvals": [{"ref": "1405/1", "date": "2026-01-14", "decision": "publish"}],
    "resources": [
        {"name": "c", "path": "f/c.csv", "schema": "c.yaml", "format": "csv", "bytes": 10}
    ],
}
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-5, 10**6)
    | st.floats(allow_nan=False)
    | st.sampled_from(["", "x", "2026-02-30", "2026-02-28", "public", "csv", "a@b.co", "R/P1Y"]),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(["en", "fa", "x"]), inner, max_size=2)
    ),
    max_leaves=6,
)


def _paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*path, index))
    return found


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_the_fast_path_never_accepts_what_the_json_schema_rejects(data: st.DataObject) -> None:
    document = copy.deepcopy(VALID_DATASET)
    path = data.draw(st.sampled_from(_paths(document)[1:]))
    parent = document
    for step in path[:-1]:
        parent = parent[step]
    parent[path[-1]] = data.draw(json_values)
    validator = Draft202012Validator(committed("dataset"), format_checker=FormatChecker())
    by_schema = validator.is_valid(document)
    by_model = strict_model(Dataset, document) is not None
    # The converse may fail (4.0 is a JSON Schema integer): that only costs the slow path.
    if by_model:
        assert by_schema, (path, document)


def test_the_fast_path_accepts_the_valid_dataset() -> None:
    assert strict_model(Dataset, VALID_DATASET) is not None


@pytest.mark.parametrize("pack_id", BUILTIN_PACKS)
def test_every_builtin_pack_holds_to_the_json_schema(pack_id: str) -> None:
    """`load_pack` does not check a built-in pack against the JSON Schema: this does."""
    path = builtin_folder() / f"{pack_id}.yaml"
    document = load_yaml(path.read_bytes(), str(path))
    assert list(structure.violations(document, "policy-pack")) == []
