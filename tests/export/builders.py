"""Small catalogs for the export tests, written into tmp_path from Python data."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml

HASH_KEY = "an-export-test-key-of-32-bytes!!"
EPOCH = "1700000000"  # 2023-11-14T22:13:20Z
ENVIRON = {"SOURCE_DATE_EPOCH": EPOCH, "GOVKIT_HASH_KEY": HASH_KEY}


def dump(data: Mapping[str, Any]) -> str:
    return yaml.safe_dump(dict(data), allow_unicode=True, sort_keys=False)


def config(policies: Sequence[str] = (), **export: Any) -> dict[str, Any]:
    document: dict[str, Any] = {
        "govkit": 1,
        "organisation": {
            "name": {"en": "Test City", "fa": "شهر آزمون"},
            "homepage": "https://data.test.example/",
        },
        "languages": ["en", "fa"],
        "policies": list(policies),
    }
    if export:
        document["export"] = export
    return document


UNITS = {
    "units": [
        {
            "id": "finance",
            "name": {"en": "Finance", "fa": "مالی"},
            "steward": {"name": "Sara Ahmadi", "email": "s.ahmadi@example.org"},
        }
    ]
}


def dataset(
    dataset_id: str,
    level: str,
    resources: Sequence[Mapping[str, Any]],
    **extra: Any,
) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "id": dataset_id,
        "title": {"en": f"Title of {dataset_id}", "fa": f"عنوان {dataset_id}"},
        "description": {"en": f"About {dataset_id}", "fa": f"درباره {dataset_id}"},
        "unit": "finance",
        "steward": {"name": "Sara Ahmadi", "email": "s.ahmadi@example.org"},
        "keywords": ["test"],
        "access_level": level,
        "license": "CC-BY-4.0",
        "update_frequency": "R/P1M",
        "temporal": "2024-03-20/2025-03-20",
        "last_updated": "2025-01-01",
    }
    entry.update(extra)
    entry["resources"] = [dict(r) for r in resources]
    return entry


def resource(dataset_id: str, name: str, level: str | None = None) -> dict[str, Any]:
    described: dict[str, Any] = {
        "name": name,
        "path": f"finance/{dataset_id}/{name}.csv",
        "schema": f"{name}.schema.yaml",
        "format": "csv",
    }
    if level is not None:
        described["access_level"] = level
    return described


def csv(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    lines = [",".join(header), *(",".join(row) for row in rows)]
    return "\n".join(lines) + "\n"


def write_catalog(
    root: Path,
    datasets: Sequence[Mapping[str, Any]],
    schemas: Mapping[str, Mapping[str, Any]],
    data: Mapping[str, str],
    settings: Mapping[str, Any] | None = None,
) -> Path:
    """A catalog root: `schemas` by resource name, `data` (CSV text) by resource name."""
    files: dict[str, str] = {
        "govkit.yaml": dump(settings or config()),
        "catalog/units.yaml": dump(UNITS),
    }
    for entry in datasets:
        files[f"catalog/finance/{entry['id']}.yaml"] = dump(entry)
        for described in entry["resources"]:
            files[f"catalog/{described['path']}"] = data[described["name"]]
    for name, schema in schemas.items():
        files[f"schemas/{name}.schema.yaml"] = dump(schema)
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    return root


# -- the catalog most tests use -----------------------------------------------------------

GRANT_FIELDS = [
    {"name": "grant_id", "type": "string", "constraints": {"required": True, "unique": True}},
    {"name": "recipient", "type": "string", "sensitivity": "personal", "redaction": "mask"},
    {
        "name": "national_id",
        "type": "string",
        "format": "ir-national-id",
        "sensitivity": "personal",
        "redaction": "hash",
    },
    {"name": "phone", "type": "string", "sensitivity": "personal"},
    {"name": "amount", "type": "integer", "constraints": {"minimum": 0}},
    {"name": "granted", "type": "string", "calendar": "jalali", "iso_date": "granted_iso"},
    {"name": "note", "type": "string"},
    {"name": "internal_code", "type": "string", "redaction": "drop"},
    {"name": "city", "type": "string"},
]
GRANT_ROWS = [
    [
        "G-1",
        "Maryam Karimi",
        "0076229645",
        "09121234567",
        "۱۲۰۰",
        "1403/12/30",
        "=SUM(A1)",
        "X-77",
        "كرج",
    ],
    [
        "G-2",
        "Reza Hosseini",
        "1583250689",
        "09351234567",
        "800",
        "1404/01/01",
        "fine",
        "X-78",
        "تهران",
    ],
    ["G-3", "-", "-", "-", "0", "", "@risk", "X-79", "شيراز"],
]


def small_catalog(root: Path, **export: Any) -> Path:
    """Four datasets: `grants` (public, every redaction), `budget` (public, with an internal
    resource), `staff` (confidential), `plan` (classified, no data)."""
    datasets = [
        dataset("grants", "public", [resource("grants", "grants-1403")]),
        dataset(
            "budget",
            "public",
            [resource("budget", "budget-1403"), resource("budget", "budget-notes", "internal")],
        ),
        dataset("staff", "confidential", [resource("staff", "staff-1403")]),
        dataset(
            "plan",
            "classified",
            [],
            exemptions=[{"law": "ir-foi", "article": "13", "classification_ref": "S-1"}],
        ),
    ]
    schemas = {
        "grants-1403": {"fields": GRANT_FIELDS, "missingValues": ["", "-"]},
        "budget-1403": {
            "fields": [
                {"name": "programme", "type": "string", "constraints": {"required": True}},
                {"name": "approved", "type": "integer"},
            ],
            "primaryKey": ["programme"],
        },
        "budget-notes": {"fields": [{"name": "note", "type": "string"}]},
        "staff-1403": {"fields": [{"name": "staff_name", "type": "string"}]},
    }
    data = {
        "grants-1403": csv([f["name"] for f in GRANT_FIELDS], GRANT_ROWS),
        "budget-1403": csv(["programme", "approved"], [["roads", "1200"], ["parks", "800"]]),
        "budget-notes": csv(["note"], [["BUDGET-NOTE-SECRET"]]),
        "staff-1403": csv(["staff_name"], [["STAFF-NAME-SECRET"]]),
    }
    return write_catalog(root, datasets, schemas, data, config(**export))
