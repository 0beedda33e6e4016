"""JSON Schemas of govkit's own files, generated from the models and committed.

The committed copies are what govkit validates with and what `govkit schema`
prints, so editors and govkit agree on one contract. Regenerate with
`python -m govkit.catalog.jsonschemas --write`; a test fails when they drift.
"""

from __future__ import annotations

import json
import sys
from functools import cache
from importlib import resources
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from govkit.catalog import models
from govkit.plan import models as plan_models
from govkit.policy import models as policy_models

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

# file kind -> (model, schema file name)
KINDS: dict[str, tuple[type[BaseModel], str]] = {
    "config": (models.Config, "config.schema.json"),
    "units": (models.Units, "units.schema.json"),
    "dataset": (models.Dataset, "dataset.schema.json"),
    "table-schema": (models.TableSchema, "table-schema.schema.json"),
    "policy-pack": (policy_models.Pack, "policy-pack.schema.json"),
    "waivers": (policy_models.Waivers, "waivers.schema.json"),
    "obligation-pack": (plan_models.ObligationPack, "obligation-pack.schema.json"),
}


class _StrictSchema(GenerateJsonSchema):
    """Pydantic's output, tightened so the JSON Schema is as strict as the models."""

    def nullable_schema(self, schema: core_schema.NullableSchema) -> JsonSchemaValue:
        # An optional key is left out, never written as null.
        return self.generate_inner(schema["schema"])

    def dict_schema(self, schema: core_schema.DictSchema) -> JsonSchemaValue:
        result = super().dict_schema(schema)
        if "patternProperties" in result:
            result["additionalProperties"] = False
        return result

    def field_title_should_be_set(self, schema: Any) -> bool:
        return False

    def default_schema(self, schema: core_schema.WithDefaultSchema) -> JsonSchemaValue:
        result = super().default_schema(schema)
        if result.get("default", ...) is None:
            del result["default"]
        return result


def generate(kind: str) -> dict[str, Any]:
    model, file_name = KINDS[kind]
    schema = model.model_json_schema(by_alias=True, schema_generator=_StrictSchema)
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": f"https://govkit.dev/schemas/v{models.FORMAT_VERSION}/{file_name}",
        **schema,
    }


def render(kind: str) -> str:
    return json.dumps(generate(kind), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


@cache
def committed(kind: str) -> dict[str, Any]:
    """The committed schema of a file kind, as shipped in the wheel."""
    text = resources.files("govkit").joinpath("schemas", KINDS[kind][1]).read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def committed_text(kind: str) -> str:
    return resources.files("govkit").joinpath("schemas", KINDS[kind][1]).read_text("utf-8")


def _write_all() -> None:
    target = resources.files("govkit").joinpath("schemas")
    for kind, (_, file_name) in KINDS.items():
        with resources.as_file(target.joinpath(file_name)) as path:
            path.write_text(render(kind), encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1:] == ["--write"]:
        _write_all()
    else:
        sys.exit("usage: python -m govkit.catalog.jsonschemas --write")
