"""A foreign key into a resource whose schema is broken: the schema's finding, and a note."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run_cli
from tests.hostile.conftest import ENTRY


def test_a_key_into_a_resource_with_an_unknown_type_is_skipped_with_a_note(
    catalog: Path,
) -> None:
    with (catalog / ENTRY).open("a", encoding="utf-8") as entry:
        entry.write(
            "  - {name: lines, path: finance/budget/lines.csv, schema: lines.schema.yaml, "
            "format: csv}\n"
        )
    (catalog / "catalog/finance/budget/lines.csv").write_text("programme,amount\nroads,3\n")
    (catalog / "schemas/lines.schema.yaml").write_text(
        "fields:\n  - {name: programme, type: string}\n  - {name: amount, type: integer}\n"
        "foreignKeys:\n"
        "  - {fields: [programme], reference: {resource: budget-1405, fields: [programme]}}\n"
    )
    budget = catalog / "schemas/budget.schema.yaml"
    budget.write_text(budget.read_text().replace("type: string", "type: strng"))

    outcome = run_cli("validate", "--root", str(catalog), "--format", "json")

    assert outcome.exit_code == 1, outcome.stderr
    report = json.loads(outcome.stdout)
    found = sorted((f["code"], f["path"], f["line"]) for f in report["findings"])
    assert found == [
        ("GK108", "schemas/budget.schema.yaml", 2),
        ("GK221", "catalog/finance/budget/lines.csv", 1),  # the note: keys not checked
    ]
    assert "keys were not checked" in outcome.stdout
