"""`data.json`: a US Project Open Data Metadata Schema v1.1 catalog.

Valid against the v1.1 `catalog.json` schema as GSA's validator applies it to
non-federal publishers, and against the federal one when govkit.yaml gives
`export.bureau_code` and `export.program_code`; `@context` is present, since
the schema makes it a dependency of `@type`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from govkit.export.datapackage import SPDX, ReleasedResource, primary
from govkit.export.portal import Portal, PortalDataset

POD_SCHEMA = "https://project-open-data.cio.gov/v1.1/schema"
POD_CONTEXT = f"{POD_SCHEMA}/catalog.jsonld"


def files(portal: Portal, datasets: Sequence[PortalDataset]) -> Iterator[tuple[str, Any]]:
    yield "data.json", data_json(portal, datasets)


def data_json(portal: Portal, datasets: Sequence[PortalDataset]) -> dict[str, Any]:
    return {
        "@context": POD_CONTEXT,
        "@type": "dcat:Catalog",
        "conformsTo": POD_SCHEMA,
        "describedBy": f"{POD_SCHEMA}/catalog.json",
        "dataset": [_pod_dataset(portal, item) for item in datasets],
    }


def _pod_dataset(portal: Portal, item: PortalDataset) -> dict[str, Any]:
    dataset = item.dataset
    entry: dict[str, Any] = {
        "@type": "dcat:Dataset",
        "title": primary(dataset.title, portal.language),
        "description": primary(dataset.description, portal.language),
        "keyword": list(dataset.keywords) or [dataset.unit],
        "modified": (
            dataset.last_updated.isoformat()
            if dataset.last_updated
            else portal.release.created[:10]
        ),
        "publisher": {"@type": "org:Organization", "name": portal.publisher()},
        "contactPoint": {
            "@type": "vcard:Contact",
            "fn": dataset.steward.name,
            "hasEmail": f"mailto:{dataset.steward.email}",
        },
        "identifier": dataset.id,
        "accessLevel": item.level.pod,
        "language": list(portal.config.languages),
        "describedBy": portal.url(f"{item.folder}/datapackage.json"),
        "describedByType": "application/json",
        "distribution": [_pod_distribution(portal, item, r) for r in item.resources],
    }
    settings = portal.config.export
    if settings.bureau_code:
        entry["bureauCode"] = list(settings.bureau_code)
    if settings.program_code:
        entry["programCode"] = list(settings.program_code)
    if item.level.pod != "public":
        entry["rights"] = _rights(item)
    if dataset.license:
        entry["license"] = SPDX.format(dataset.license)
    if dataset.spatial:
        entry["spatial"] = primary(dataset.spatial, portal.language)
    if dataset.temporal and ".." not in dataset.temporal:
        entry["temporal"] = dataset.temporal
    frequency = _pod_frequency(dataset.update_frequency)
    if frequency:
        entry["accrualPeriodicity"] = frequency
    return entry


def _pod_distribution(
    portal: Portal, item: PortalDataset, resource: ReleasedResource
) -> dict[str, Any]:
    shown: dict[str, Any] = {
        "@type": "dcat:Distribution",
        "downloadURL": portal.url(f"{item.folder}/{resource.file.path}"),
        "mediaType": "text/csv",
        "format": "CSV",
        "title": primary(resource.title, portal.language) if resource.title else resource.name,
        "describedBy": portal.url(f"{item.folder}/datapackage.json"),
        "describedByType": "application/json",
    }
    if resource.description:
        shown["description"] = primary(resource.description, portal.language)
    return shown


def _rights(item: PortalDataset) -> str:
    cited = [f"{e.law} art. {e.article}" for e in item.dataset.exemptions]
    basis = f" under {', '.join(cited)}" if cited else ""
    return f"Released at the '{item.dataset.access_level}' access level{basis}."[:255]


def _pod_frequency(frequency: str | None) -> str | None:
    if frequency is None:
        return None
    if frequency == "continuous":
        return "R/PT1S"
    return frequency
