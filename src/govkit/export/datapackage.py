"""`datapackage.json` of a released dataset: a Frictionless Data Package v2.

The catalog's first language gives the plain `title` and `description`; every
language is kept under `_govkit` (properties of a system's own are prefixed
`_`, as the standard asks). Contributors are the steward and the owning unit;
`version` and `created` come from the release (git), `bytes` and `hash` from
the files as written.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from govkit.catalog.models import Config, Dataset, Unit
from govkit.export.provenance import Release

PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
SPDX = "https://spdx.org/licenses/{}.html"


@dataclass(frozen=True)
class FileFacts:
    """A written file: where it is in the package, its size and sha256."""

    path: str
    bytes: int
    sha256: str


@dataclass(frozen=True)
class ReleasedResource:
    name: str
    file: FileFacts
    schema: Mapping[str, Any]
    rows: int
    title: Mapping[str, str] | None = None
    description: Mapping[str, str] | None = None


def descriptor(
    dataset: Dataset,
    resources: Sequence[ReleasedResource],
    config: Config,
    unit: Unit | None,
    release: Release,
) -> dict[str, Any]:
    """The Data Package descriptor of one dataset's released resources."""
    language = config.languages[0]
    package: dict[str, Any] = {
        "$schema": PROFILE,
        "name": dataset.id,
        "id": dataset.id,
        "title": primary(dataset.title, language),
        "description": primary(dataset.description, language),
        "version": dataset.version or release.version,
        "created": release.created,
        "contributors": contributors(dataset, config, unit),
        "resources": [_resource(r, language) for r in resources],
        "_govkit": _own(dataset, release),
    }
    if dataset.keywords:
        package["keywords"] = list(dataset.keywords)
    if dataset.license:
        package["licenses"] = [{"name": dataset.license, "path": SPDX.format(dataset.license)}]
    if config.organisation.homepage:
        package["homepage"] = config.organisation.homepage
        package["sources"] = [
            {
                "title": primary(config.organisation.name, language),
                "path": config.organisation.homepage,
            }
        ]
    return package


def primary(text: Mapping[str, str], language: str) -> str:
    """Text in the catalog's first language, or else in the first language it has."""
    return text.get(language) or next(iter(text.values()))


def contributors(dataset: Dataset, config: Config, unit: Unit | None) -> list[dict[str, Any]]:
    language = config.languages[0]
    organisation = primary(config.organisation.name, language)
    unit_name = primary(unit.name, language) if unit else dataset.unit
    return [
        {
            "title": dataset.steward.name,
            "email": dataset.steward.email,
            "roles": ["ContactPerson", "DataCurator"],
            "organization": unit_name,
        },
        {"title": unit_name, "roles": ["Producer"], "organization": organisation},
    ]


def _resource(resource: ReleasedResource, language: str) -> dict[str, Any]:
    described: dict[str, Any] = {
        "name": resource.name,
        "path": resource.file.path,
        "type": "table",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "bytes": resource.file.bytes,
        "hash": f"sha256:{resource.file.sha256}",
        "schema": resource.schema,
        "_govkit": {"rows": resource.rows},
    }
    if resource.title:
        described["title"] = primary(resource.title, language)
        described["_govkit"]["title"] = dict(resource.title)
    if resource.description:
        described["description"] = primary(resource.description, language)
        described["_govkit"]["description"] = dict(resource.description)
    return described


def _own(dataset: Dataset, release: Release) -> dict[str, Any]:
    """govkit's own properties: every language, the level, and where the release came from."""
    own: dict[str, Any] = {
        "title": dict(dataset.title),
        "description": dict(dataset.description),
        "access_level": dataset.access_level,
        "release": release.as_dict(),
    }
    if dataset.legal_basis:
        own["legal_basis"] = dataset.legal_basis.model_dump(mode="json", exclude_none=True)
    if dataset.update_frequency:
        own["update_frequency"] = dataset.update_frequency
    if dataset.temporal:
        own["temporal"] = dataset.temporal
    if dataset.spatial:
        own["spatial"] = dict(dataset.spatial)
    if dataset.last_updated:
        own["last_updated"] = dataset.last_updated.isoformat()
    return own
