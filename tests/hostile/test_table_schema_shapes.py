"""Table Schemas of the wrong shape: a finding or an input error at file:line:col, never a crash."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_cli

TWO_FIELDS = "fields:\n  - {name: programme, type: string}\n  - {name: approved, type: integer}\n"
# (schema text, the file:line:col the complaint must point at)
SHAPES = {
    "schema-mapping": (TWO_FIELDS + "$schema: {a: 1}\n", ":4:"),
    "format-list": (
        "fields:\n  - {name: programme, type: string, format: [a]}\n"
        "  - {name: approved, type: integer}\n",
        ":2:",
    ),
    "constraints-list": (
        "fields:\n  - {name: programme, type: string, constraints: [a]}\n"
        "  - {name: approved, type: integer}\n",
        ":2:",
    ),
    "reference-list": (
        TWO_FIELDS + "foreignKeys:\n  - {fields: [programme], reference: [x]}\n",
        ":5:",
    ),
    "reference-fields-mapping": (
        TWO_FIELDS + "foreignKeys:\n  - {fields: [programme], reference: {fields: {a: 1}}}\n",
        ":5:",
    ),
    "foreign-keys-mapping": (TWO_FIELDS + "foreignKeys: {a: 1}\n", ":4:"),
    "primary-key-number": (TWO_FIELDS + "primaryKey: 5\n", ":4:"),
    "fields-text": ("fields: x\n", ":1:"),
    "type-list": (
        "fields:\n  - {name: programme, type: [string]}\n  - {name: approved, type: integer}\n",
        ":2:",
    ),
    "missing-values-mapping": (TWO_FIELDS + "missingValues: {a: 1}\n", ":4:"),
    "enum-mapping": (
        "fields:\n  - {name: programme, type: string, constraints: {enum: {a: 1}}}\n"
        "  - {name: approved, type: integer}\n",
        ":2:",
    ),
    "field-not-mapping": ("fields:\n  - programme\n", ":2:"),
}


def _assert_clean(outcome_exit: int, output: str, where: str) -> None:
    assert outcome_exit in (1, 2), output
    assert "Traceback" not in output, output
    assert "internal error" not in output, output
    assert f"budget.schema.yaml{where}" in output, output


@pytest.mark.parametrize("command", ["lint", "validate"])
@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_catalog_schema_of_wrong_shape(catalog: Path, command: str, shape: str) -> None:
    text, where = SHAPES[shape]
    (catalog / "schemas" / "budget.schema.yaml").write_text(text, encoding="utf-8")

    outcome = run_cli(command, "--root", str(catalog))

    _assert_clean(outcome.exit_code, outcome.stdout + outcome.stderr, where)


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_standalone_schema_of_wrong_shape(catalog: Path, shape: str) -> None:
    text, where = SHAPES[shape]
    schema = catalog / "schemas" / "budget.schema.yaml"
    schema.write_text(text, encoding="utf-8")
    data = catalog / "catalog" / "finance" / "budget" / "budget-1405.csv"

    outcome = run_cli("validate", "--schema", str(schema), str(data))

    _assert_clean(outcome.exit_code, outcome.stdout + outcome.stderr, where)


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_package_schema_of_wrong_shape(catalog: Path, shape: str) -> None:
    text, where = SHAPES[shape]
    folder = catalog / "catalog" / "finance" / "budget"
    (folder / "budget.schema.yaml").write_text(text, encoding="utf-8")
    (folder / "datapackage.yaml").write_text(
        "resources:\n  - {name: budget, path: budget-1405.csv, schema: budget.schema.yaml}\n",
        encoding="utf-8",
    )

    outcome = run_cli("validate", str(folder / "datapackage.yaml"))

    _assert_clean(outcome.exit_code, outcome.stdout + outcome.stderr, where)
