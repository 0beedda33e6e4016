"""`dcat.jsonld`: a DCAT-AP 3.0.1 catalog in JSON-LD.

It passes DCAT-AP 3.0.1's SHACL shapes (mandatory properties, ranges and the
controlled vocabularies): access rights, frequencies, file types, languages and
licences are IRIs of the EU authority tables (govkit.export.vocabularies), and
each value node carries the class the range shapes ask for. The legislation a
dataset is published under is an IRI described in the document.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any
from urllib.parse import quote

from govkit.catalog.models import Dataset
from govkit.export.datapackage import SPDX, ReleasedResource
from govkit.export.portal import Portal, PortalDataset, legal_basis
from govkit.export.vocabularies import (
    EU_ACCESS_RIGHT,
    EU_FILE_TYPE,
    EU_FREQUENCY,
    FREQUENCIES,
    HVD_CATEGORIES,
    HVD_CATEGORY,
    HVD_LEGISLATION,
    eu_language,
    eu_licence,
)

IANA_CSV = "https://www.iana.org/assignments/media-types/text/csv"
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
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def files(portal: Portal, datasets: Sequence[PortalDataset]) -> Iterator[tuple[str, Any]]:
    yield "dcat.jsonld", dcat(portal, datasets)


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
    legislation = [_legislation(portal, dataset)] if dataset.legal_basis else []
    if dataset.hvd_category:
        legislation.append(_typed(HVD_LEGISLATION, "eli:LegalResource"))
        node["dcatap:hvdCategory"] = _hvd_category(dataset.hvd_category.value)
    if legislation:
        node["dcatap:applicableLegislation"] = legislation
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
    if item.dataset.hvd_category:
        # DCAT-AP HVD asks each distribution of a high-value dataset to cite the regulation.
        node["dcatap:applicableLegislation"] = _typed(HVD_LEGISLATION, "eli:LegalResource")
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


def _hvd_category(category: str) -> dict[str, Any]:
    code, label = HVD_CATEGORIES[category]
    return {
        "@id": HVD_CATEGORY + code,
        "@type": "skos:Concept",
        "skos:prefLabel": {"@value": label, "@language": "en"},
    }


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
