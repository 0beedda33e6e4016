"""The committed JSON Schemas are exactly what the models generate, and are valid schemas."""

from __future__ import annotations

import pytest
from jsonschema import Draft202012Validator

from govkit.catalog.jsonschemas import KINDS, committed, committed_text, render


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
