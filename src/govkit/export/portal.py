"""Catalog metadata for open-data portals, all from the same released metadata.

- `data.json`: US Project Open Data v1.1 (the catalog and its datasets);
- `dcat.jsonld`: a DCAT-AP 3 catalog in JSON-LD, with access rights, accrual
  periodicity, applicable legislation from `legal_basis`, and checksums;
- `ckan/DATASET.json`: a CKAN `package_create` payload per dataset.

Links point into the release folder as it will be served, from
`export.base_url` (or the organisation's homepage).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from govkit.catalog.models import AccessLevel, Config, Dataset, Unit
from govkit.export.datapackage import SPDX, ReleasedResource, primary
from govkit.export.provenance import Release

POD_SCHEMA = "https://project-open-data.cio.gov/v1.1/schema"
EU_ACCESS_RIGHT = "http://publications.europa.eu/resource/authority/access-right/"
EU_FREQUENCY = "http://publications.europa.eu/resource/authority/frequency/"
EU_FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
IANA_CSV = "https://www.iana.org/assignments/media-types/text/csv"
# govkit's ISO 8601 frequencies and their EU vocabulary terms.
_FREQUENCIES = {
    "R/P1D": "DAILY",
    "R/P1W": "WEEKLY",
    "R/P2W": "BIWEEKLY",
    "R/P1M": "MONTHLY",
    "R/P2M": "BIMONTHLY",
    "R/P3M": "QUARTERLY",
    "R/P4M": "ANNUAL_3",
    "R/P6M": "ANNUAL_2",
    "R/P1Y": "ANNUAL",
    "R/P2Y": "BIENNIAL",
    "R/P3Y": "TRIENNIAL",
    "R/PT1H": "HOURLY",
    "continuous": "CONT",
    "irregular": "IRREG",
}
_DCAT_CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "dcatap": "http://data.europa.eu/r5r/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "spdx": "http://spdx.org/rdf/terms#",
    "eli": "http://data.europa.eu/eli/ontology#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


@dataclass(frozen=True)
class PortalDataset:
    """A released dataset as the portals see it."""

    dataset: Dataset
    unit: Unit | None
    level: AccessLevel
    resources: Sequence[ReleasedResource]
    folder: str
    """The package's folder in the release (its datapackage.json and data files)."""


@dataclass(frozen=True)
class Portal:
    config: Config
    release: Release
    base_url: str

    @property
    def language(self) -> str:
        return self.config.languages[0]

    def url(self, relative: str) -> str:
        return self.base_url + quote(relative)

    def publisher(self) -> str:
        return primary(self.config.organisation.name, self.language)


# -- Project Open Data v1.1 ----------------------------------------------------------------


def data_json(portal: Portal, datasets: Sequence[PortalDataset]) -> dict[str, Any]:
    return {
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


# -- DCAT-AP 3 ------------------------------------------------------------------------------


def dcat(portal: Portal, datasets: Sequence[PortalDataset]) -> dict[str, Any]:
    config = portal.config
    return {
        "@context": _DCAT_CONTEXT,
        "@id": portal.url("dcat.jsonld"),
        "@type": "dcat:Catalog",
        "dct:title": _texts(config.organisation.name),
        "dct:description": _texts(
            {
                lang: f"{name} — open data ({portal.release.level})"
                for lang, name in config.organisation.name.items()
            }
        ),
        "dct:publisher": _agent(portal),
        "dct:modified": {"@value": portal.release.created, "@type": "xsd:dateTime"},
        "dct:language": [
            {"@id": f"http://id.loc.gov/vocabulary/iso639-1/{lang}"} for lang in config.languages
        ],
        "dcat:dataset": [_dcat_dataset(portal, item) for item in datasets],
    }


def _dcat_dataset(portal: Portal, item: PortalDataset) -> dict[str, Any]:
    dataset = item.dataset
    node: dict[str, Any] = {
        "@id": portal.url(f"{item.folder}/"),
        "@type": "dcat:Dataset",
        "dct:identifier": dataset.id,
        "dct:title": _texts(dataset.title),
        "dct:description": _texts(dataset.description),
        "dct:publisher": _agent(portal),
        "dcat:contactPoint": {
            "@type": "vcard:Kind",
            "vcard:fn": dataset.steward.name,
            "vcard:hasEmail": {"@id": f"mailto:{dataset.steward.email}"},
        },
        "dct:accessRights": {"@id": EU_ACCESS_RIGHT + item.level.eu},
        "dcat:distribution": [_dcat_distribution(portal, item, r) for r in item.resources],
    }
    if dataset.keywords:
        node["dcat:keyword"] = list(dataset.keywords)
    if dataset.update_frequency in _FREQUENCIES:
        node["dct:accrualPeriodicity"] = {
            "@id": EU_FREQUENCY + _FREQUENCIES[dataset.update_frequency]
        }
    if dataset.legal_basis:
        node["dcatap:applicableLegislation"] = _legislation(dataset)
    if dataset.spatial:
        node["dct:spatial"] = {"@type": "dct:Location", "dct:title": _texts(dataset.spatial)}
    if dataset.temporal:
        node["dct:temporal"] = _period(dataset.temporal)
    if dataset.last_updated:
        node["dct:modified"] = {"@value": dataset.last_updated.isoformat(), "@type": "xsd:date"}
    return node


def _dcat_distribution(
    portal: Portal, item: PortalDataset, resource: ReleasedResource
) -> dict[str, Any]:
    url = portal.url(f"{item.folder}/{resource.file.path}")
    node: dict[str, Any] = {
        "@id": url,
        "@type": "dcat:Distribution",
        "dcat:accessURL": {"@id": url},
        "dcat:downloadURL": {"@id": url},
        "dct:format": {"@id": EU_FILE_TYPE + "CSV"},
        "dcat:mediaType": {"@id": IANA_CSV},
        "dcat:byteSize": {"@value": str(resource.file.bytes), "@type": "xsd:nonNegativeInteger"},
        "spdx:checksum": {
            "@type": "spdx:Checksum",
            "spdx:algorithm": {"@id": "spdx:checksumAlgorithm_sha256"},
            "spdx:checksumValue": {"@value": resource.file.sha256, "@type": "xsd:hexBinary"},
        },
        "dct:conformsTo": {"@id": portal.url(f"{item.folder}/datapackage.json")},
    }
    if resource.title:
        node["dct:title"] = _texts(resource.title)
    if item.dataset.license:
        node["dct:license"] = {"@id": SPDX.format(item.dataset.license)}
    return node


def _legislation(dataset: Dataset) -> dict[str, Any]:
    assert dataset.legal_basis is not None  # noqa: S101 - the caller checked
    basis = dataset.legal_basis
    article = f" art. {basis.article}" if basis.article else ""
    return {"@type": "eli:LegalResource", "dct:identifier": f"{basis.law}{article}"}


def _period(temporal: str) -> dict[str, Any]:
    start, _, end = temporal.partition("/")
    period: dict[str, Any] = {
        "@type": "dct:PeriodOfTime",
        "dcat:startDate": {"@value": start, "@type": "xsd:date"},
    }
    if end and end != "..":
        period["dcat:endDate"] = {"@value": end, "@type": "xsd:date"}
    return period


def _agent(portal: Portal) -> dict[str, Any]:
    agent: dict[str, Any] = {
        "@type": "foaf:Agent",
        "foaf:name": _texts(portal.config.organisation.name),
    }
    if portal.config.organisation.homepage:
        agent["foaf:homepage"] = {"@id": portal.config.organisation.homepage}
    return agent


def _texts(text: Mapping[str, str]) -> list[dict[str, str]]:
    return [{"@value": value, "@language": lang} for lang, value in sorted(text.items())]


# -- CKAN ---------------------------------------------------------------------------------


def ckan_payload(portal: Portal, item: PortalDataset) -> dict[str, Any]:
    """The body of CKAN's `package_create` action for one dataset."""
    dataset = item.dataset
    extras = {
        "access_level": dataset.access_level,
        "pod_access_level": item.level.pod,
        "eu_access_right": item.level.eu,
        "release_version": portal.release.version,
        "language": ",".join(portal.config.languages),
    }
    for lang, value in dataset.title.items():
        extras[f"title_{lang}"] = value
    if dataset.update_frequency:
        extras["accrual_periodicity"] = dataset.update_frequency
    if dataset.temporal:
        extras["temporal"] = dataset.temporal
    if dataset.legal_basis:
        extras["legal_basis"] = _legislation(dataset)["dct:identifier"]
    payload: dict[str, Any] = {
        "name": dataset.id,
        "title": primary(dataset.title, portal.language),
        "notes": primary(dataset.description, portal.language),
        "owner_org": dataset.unit,
        "author": primary(item.unit.name, portal.language) if item.unit else dataset.unit,
        "maintainer": dataset.steward.name,
        "maintainer_email": dataset.steward.email,
        "version": dataset.version or portal.release.version,
        "private": False,
        "tags": [{"name": keyword} for keyword in dataset.keywords],
        "extras": [{"key": key, "value": value} for key, value in sorted(extras.items())],
        "resources": [_ckan_resource(portal, item, r) for r in item.resources],
    }
    if dataset.license:
        payload["license_id"] = dataset.license
    return payload


def _ckan_resource(
    portal: Portal, item: PortalDataset, resource: ReleasedResource
) -> dict[str, Any]:
    shown: dict[str, Any] = {
        "name": primary(resource.title, portal.language) if resource.title else resource.name,
        "url": portal.url(f"{item.folder}/{resource.file.path}"),
        "format": "CSV",
        "mimetype": "text/csv",
        "size": resource.file.bytes,
        "hash": f"sha256:{resource.file.sha256}",
    }
    if resource.description:
        shown["description"] = primary(resource.description, portal.language)
    return shown
