"""`ckan/DATASET.json`: the body of CKAN's `package_create` action for each dataset.

Accepted by CKAN's default package schema: tag names within its tag rule (the
keywords as written kept in the `keywords` extra when a tag had to change),
licence ids from CKAN's default register (the SPDX id in `license_spdx`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from typing import Any

from govkit.export.datapackage import ReleasedResource, primary
from govkit.export.portal import Portal, PortalDataset, legal_basis
from govkit.export.vocabularies import CKAN_LICENCES

# CKAN's tag rule (ckan/logic/validators.py `tag_name_validator`, `tag_length_validator`).
_CKAN_TAG_OUTSIDE = re.compile(r"[^\w \-.]")
_CKAN_TAG_MIN, _CKAN_TAG_MAX = 2, 100


def files(portal: Portal, datasets: Sequence[PortalDataset]) -> Iterator[tuple[str, Any]]:
    for item in datasets:
        yield f"ckan/{item.dataset.id}.json", ckan_payload(portal, item)


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
