"""The plain data policy rules read: catalog entries as JSON-shaped maps.

Entries are taken as written (they already passed their JSON Schema), with
two additions so that rules need fewer `has()` guards: every list a model
defaults to empty is present (a dataset's `exemptions`, an exemption's
`fields`), and a resource's `access_level` is its effective level (its own,
or else its dataset's). Optional scalars stay absent: test them with `has()`.
Dates are `YYYY-MM-DD` strings, which compare correctly as text.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from pydantic import BaseModel

from govkit.catalog.models import Config, Dataset, Exemption, Units


def _list_keys(model: type[BaseModel]) -> tuple[str, ...]:
    """Keys (as written in YAML) of the fields that default to an empty list."""
    return tuple(
        field.alias or name
        for name, field in model.model_fields.items()
        if field.default_factory is list
    )


DATASET_LISTS = _list_keys(Dataset)
EXEMPTION_LISTS = _list_keys(Exemption)


def plain_dataset(entry: Mapping[str, Any]) -> dict[str, Any]:
    dataset = dict(entry)
    for key in DATASET_LISTS:
        dataset.setdefault(key, [])
    exemptions = dataset["exemptions"]
    if isinstance(exemptions, list):  # a test case's data is not schema-checked before this
        dataset["exemptions"] = [
            _with_lists(e, EXEMPTION_LISTS) if isinstance(e, dict) else e for e in exemptions
        ]
    return dataset


def plain_resource(resource: Mapping[str, Any], dataset: Mapping[str, Any]) -> dict[str, Any]:
    plain = dict(resource)
    plain.setdefault("access_level", dataset.get("access_level"))
    return plain


def plain_side(
    entry: Mapping[str, Any] | None, fields: Callable[[object], list[dict[str, Any]]]
) -> dict[str, Any]:
    """`before` or `after` of a change rule: the dataset as `dataset` is, each resource with its
    effective level and the `fields` of its Table Schema (`fields(schema)` reads them); `{}`
    where the dataset does not exist, so `has(after.id)` tells a removal."""
    if entry is None:
        return {}
    dataset = plain_dataset(entry)
    resources = dataset["resources"] if isinstance(dataset["resources"], list) else []
    dataset["resources"] = [
        {"fields": fields(r.get("schema")), **plain_resource(r, dataset)}
        for r in resources
        if isinstance(r, dict)
    ]
    return dataset


def plain_config(config: Config) -> dict[str, Any]:
    """govkit.yaml with its defaults, so `config.access_levels` is always the ordered list."""
    return config.model_dump(mode="json", by_alias=True, exclude_none=True)


def plain_units(units: Units | None) -> dict[str, dict[str, Any]]:
    """Each unit of catalog/units.yaml by id; a dataset of an unknown unit gets `{}`."""
    if units is None:
        return {}
    return {unit.id: unit.model_dump(mode="json", exclude_none=True) for unit in units.units}


def _with_lists(entry: Mapping[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    plain = dict(entry)
    for key in keys:
        plain.setdefault(key, [])
    return plain
