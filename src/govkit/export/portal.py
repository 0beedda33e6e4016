"""Catalog metadata for open-data portals, all from the same released metadata.

- `data.json`: US Project Open Data v1.1 (the catalog and its datasets);
- `dcat.jsonld`: a DCAT-AP 3 catalog in JSON-LD, with access rights, accrual
  periodicity, applicable legislation from `legal_basis`, and checksums;
- `ckan/DATASET.json`: a CKAN `package_create` payload per dataset.

Links point into the release folder as it will be served, from
`export.base_url` (or the organisation's homepage).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from govkit.catalog.models import AccessLevel, Config, Dataset, Unit
from govkit.export.datapackage import SPDX, ReleasedResource, primary
from govkit.export.provenance import Release
from govkit.export.vocabularies import (
    CKAN_LICENCES,
    EU_ACCESS_RIGHT,
    EU_FILE_TYPE,
    EU_FREQUENCY,
    FREQUENCIES,
    eu_language,
    eu_licence,
)

POD_SCHEMA = "https://project-open-data.cio.gov/v1.1/schema"
POD_CONTEXT = f"{POD_SCHEMA}/catalog.jsonld"
IANA_CSV = "https://www.iana.org/assignments/media-types/text/csv"
# CKAN's tag rule (ckan/logic/validators.py `tag_name_validator`, `tag_length_validator`).
_CKAN_TAG_OUTSIDE = re.compile(r"[^\w \-.]")
_CKAN_TAG_MIN, _CKAN_TAG_MAX = 2, 100
# The SPDX checksum algorithm as DCAT-AP 3.0.1's vocabulary shapes require it (an https IRI).
SHA256 = "https://spdx.org/rdf/terms#checksumAlgorithm_sha256"
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
        "dct:language": _languages(config.languages),
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
        "dct:accessRights": _typed(EU_ACCESS_RIGHT + item.level.eu, "dct:RightsStatement"),
        "dcat:distribution": [_dcat_distribution(portal, item, r) for r in item.resources],
    }
    if dataset.keywords:
        node["dcat:keyword"] = list(dataset.keywords)
    if dataset.update_frequency in FREQUENCIES:
        frequency = EU_FREQUENCY + FREQUENCIES[dataset.update_frequency]
        node["dct:accrualPeriodicity"] = _typed(frequency, "dct:Frequency")
    if dataset.legal_basis:
        node["dcatap:applicableLegislation"] = _legislation(portal, dataset)
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
        "dct:format": _typed(EU_FILE_TYPE + "CSV", "dct:MediaTypeOrExtent"),
        "dcat:mediaType": _typed(IANA_CSV, "dct:MediaType"),
        "dcat:byteSize": {"@value": str(resource.file.bytes), "@type": "xsd:nonNegativeInteger"},
        "spdx:checksum": {
            "@type": "spdx:Checksum",
            "spdx:algorithm": _typed(SHA256, "spdx:ChecksumAlgorithm"),
            "spdx:checksumValue": {"@value": resource.file.sha256, "@type": "xsd:hexBinary"},
        },
        "dct:conformsTo": _typed(portal.url(f"{item.folder}/datapackage.json"), "dct:Standard"),
    }
    if resource.title:
        node["dct:title"] = _texts(resource.title)
    if item.dataset.license:
        node["dct:license"] = _licence(item.dataset.license)
    return node


def _legislation(portal: Portal, dataset: Dataset) -> dict[str, Any]:
    """The law cited, as an IRI (harvesters require one): a fragment of this catalog
    document, where the node is described, since a law pack names no IRI of its own."""
    identifier = legal_basis(dataset)
    fragment = quote(identifier.replace(" art. ", "/"), safe="/")
    return {
        "@id": portal.url("dcat.jsonld") + f"#legislation/{fragment}",
        "@type": "eli:LegalResource",
        "dct:identifier": identifier,
    }


def legal_basis(dataset: Dataset) -> str:
    """`ir-foi art. 10`: the law and article a dataset is published under."""
    assert dataset.legal_basis is not None  # noqa: S101 - the caller checked
    basis = dataset.legal_basis
    article = f" art. {basis.article}" if basis.article else ""
    return f"{basis.law}{article}"


def _languages(languages: Sequence[str]) -> list[dict[str, str]]:
    """The EU language table's IRIs; a language it does not hold is left out, since
    DCAT-AP allows no other vocabulary."""
    iris = [eu_language(tag) for tag in languages]
    return [_typed(iri, "dct:LinguisticSystem") for iri in iris if iri]


def _licence(spdx: str) -> dict[str, str]:
    """The EU licence table's IRI where it holds the licence, its SPDX page otherwise."""
    return _typed(eu_licence(spdx) or SPDX.format(spdx), "dct:LicenseDocument")


def _typed(iri: str, kind: str) -> dict[str, str]:
    """A node by IRI with its class, which DCAT-AP's range shapes check in the document."""
    return {"@id": iri, "@type": kind}


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
        extras["legal_basis"] = legal_basis(dataset)
    tags = _ckan_tags(dataset.keywords)
    if tags != list(dataset.keywords):
        # The keywords as written, since the tags had to change to be accepted.
        extras["keywords"] = json.dumps(list(dataset.keywords), ensure_ascii=False)
    if dataset.license and dataset.license in CKAN_LICENCES:
        extras["license_spdx"] = dataset.license
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
        "tags": [{"name": tag} for tag in tags],
        "extras": [{"key": key, "value": value} for key, value in sorted(extras.items())],
        "resources": [_ckan_resource(portal, item, r) for r in item.resources],
    }
    if dataset.license:
        payload["license_id"] = CKAN_LICENCES.get(dataset.license, dataset.license)
    return payload


def ckan_tag(keyword: str) -> str | None:
    """`keyword` as CKAN's tag rule allows it (letters, digits, space, `-`, `_`, `.`; 2 to
    100 characters): anything else, such as the zero-width non-joiner inside Persian words,
    becomes a space; None when too little is left."""
    tag = " ".join(_CKAN_TAG_OUTSIDE.sub(" ", keyword).split())[:_CKAN_TAG_MAX].strip()
    return tag if len(tag) >= _CKAN_TAG_MIN else None


def _ckan_tags(keywords: Sequence[str]) -> list[str]:
    tags: list[str] = []
    for keyword in keywords:
        tag = ckan_tag(keyword)
        if tag is not None and tag not in tags:
            tags.append(tag)
    return tags


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
