"""What the catalog says about its obligations: who names each item, what each entry's data
holds, when each publication is due. The rules and the plan read the same facts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from govkit.catalog.loader import Catalog, Entry
from govkit.catalog.models import DataFormat, Dataset, Status
from govkit.catalog.scope import Subset, entry_paths
from govkit.errors import InputError
from govkit.plan import period
from govkit.plan.models import Obligation
from govkit.plan.packs import Item, Obligations
from govkit.yamlio import load_yaml

OPEN_LICENCES = frozenset(
    {"CC0-1.0", "CC-BY-4.0", "CC-BY-SA-4.0", "ODbL-1.0", "ODC-By-1.0", "PDDL-1.0", "OGL-UK-3.0"}
)
MACHINE_READABLE = frozenset(DataFormat)
OPEN_FORMATS = MACHINE_READABLE - {DataFormat.xlsx}


@dataclass(frozen=True)
class Holder:
    """An entry that names an item in `fulfils`; `entry` is None for an entry outside a merge
    request's scope, read only for its `fulfils` and `status`."""

    dataset: str
    status: Status
    entry: Entry[Dataset] | None = None

    @property
    def published(self) -> bool:
        return self.status is Status.published


@dataclass(frozen=True)
class Facts:
    catalog: Catalog
    obligations: Obligations
    today: dt.date

    @cached_property
    def holders(self) -> Mapping[str, tuple[Holder, ...]]:
        """Item id -> the entries naming it, in catalog order (those outside the scope last)."""
        found: dict[str, list[Holder]] = {}
        for entry in self.catalog.datasets:
            for item_id in dict.fromkeys(entry.model.fulfils):
                holder = Holder(entry.model.id, entry.model.status, entry)
                found.setdefault(item_id, []).append(holder)
        for item_id, holder in _outside(self.catalog):
            found.setdefault(item_id, []).append(holder)
        return {item_id: tuple(holders) for item_id, holders in found.items()}

    def holders_of(self, item: Item) -> tuple[Holder, ...]:
        return self.holders.get(item.id, ())

    def rank(self, level: str) -> int:
        """A level's place in the scheme; an unknown level counts as the most open."""
        return self.catalog.config.model.level_rank(level) or 0

    def withheld(self, dataset: Dataset, item: Obligation) -> bool:
        return self.rank(dataset.access_level) > self.rank(item.target_level)

    def fields(self, dataset: Dataset) -> list[dict[str, Any]]:
        """The fields of every Table Schema the dataset's resources use, as written."""
        fields: list[dict[str, Any]] = []
        for name in dict.fromkeys(r.schema_ for r in dataset.resources):
            document = self.catalog.table_schemas.get(name)
            declared = document.data.get("fields") if document is not None else None
            if isinstance(declared, list):
                fields.extend(f for f in declared if isinstance(f, dict))
        return fields

    def missing_columns(self, dataset: Dataset, item: Obligation) -> list[str]:
        """The item's concepts that no field of the dataset holds (by name or `concept`)."""
        names = {str(f.get("name")) for f in self.fields(dataset)}
        concepts = {str(f["concept"]) for f in self.fields(dataset) if "concept" in f}
        return [
            column.concept
            for column in item.columns
            if column.concept not in concepts and not (column.accepted & names)
        ]

    def openness_gaps(self, dataset: Dataset, item: Obligation) -> list[str]:
        """What the dataset lacks of the openness the item asks for, as short phrases."""
        gaps = []
        formats = {r.format for r in dataset.resources}
        wanted = item.openness
        if wanted.machine_readable and formats - MACHINE_READABLE:
            gaps.append("a machine-readable format")
        if wanted.open_format and formats - OPEN_FORMATS:
            gaps.append("an open format (not xlsx)")
        if wanted.open_licence and dataset.license not in OPEN_LICENCES:
            gaps.append("an open licence")
        return gaps

    def due(self, dataset: Dataset, item: Obligation) -> dt.date | None:
        """When the next publication is due: last update + period + deadline; None when the
        item has no period or the entry no `last_updated`."""
        if item.period is None or dataset.last_updated is None:
            return None
        ends = period.add(dataset.last_updated, item.period)
        return period.add(ends, item.deadline) if item.deadline else ends


def _outside(catalog: Catalog) -> list[tuple[str, Holder]]:
    """The `fulfils` of the entries a merge request's scope leaves out: an obligation that no
    entry in scope fulfils may still be fulfilled by one of them."""
    tree = catalog.tree
    if not isinstance(tree, Subset) or tree.entries is None:
        return []
    found: list[tuple[str, Holder]] = []
    for path in entry_paths(tree.tree):
        if path in tree.entries:
            continue
        try:
            content = tree.tree.read(path)
        except OSError:
            continue
        if b"fulfils" not in content:
            continue
        try:
            data = load_yaml(content, path).data
        except InputError:
            continue  # broken outside the scope: the entry's own run reports it
        named, dataset_id = data.get("fulfils"), data.get("id")
        if not isinstance(named, list) or not isinstance(dataset_id, str):
            continue
        status = Status(data["status"]) if data.get("status") in set(Status) else Status.published
        found.extend((str(n), Holder(dataset_id, status)) for n in named if isinstance(n, str))
    return found
