"""Compare two catalog snapshots: which datasets changed, and how, as GK5xx findings.

Datasets are paired by id; an id that changed in the same entry (the same
file, or one git saw renamed) is a rename, not a removal and an addition.
Each change points at its line on the head side, or on the base side when
what changed no longer exists at head (a removed dataset, resource or
field), and then says so. Access levels are ordered by govkit.yaml at head.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from govkit.catalog.loader import Entry
from govkit.catalog.models import Dataset, Exemption, Resource
from govkit.diff import codes
from govkit.diff.snapshot import Side
from govkit.diff.tableschema import FieldChange, compare_schemas
from govkit.findings import Finding, Location
from govkit.rules import Rule, Violation
from govkit.yamlio import YamlDocument

_USERS_SHOWN = 3


@dataclass(frozen=True)
class DatasetPair:
    """One dataset at base and at head; a side is None where the dataset does not exist."""

    before: Entry[Dataset] | None
    after: Entry[Dataset] | None

    @property
    def entry(self) -> Entry[Dataset]:
        """The head entry, or the base entry of a removed dataset: where findings point."""
        entry = self.after or self.before
        if entry is None:
            raise ValueError("a dataset pair needs a side")
        return entry

    @property
    def dataset(self) -> str:
        return self.entry.model.id

    @property
    def document(self) -> YamlDocument:
        return self.entry.document


def pair_datasets(base: Side, head: Side, renames: Mapping[str, str]) -> list[DatasetPair]:
    """Datasets of both sides paired by id, then by file for ids that changed.

    `renames` maps a head path to its base path where git saw a file renamed.
    A dataset whose file cannot be read at the other side is left unpaired: its
    change is unknown, and GK519/GK520 already say so.
    """
    before = _by_id(base)
    after = _by_id(head)
    pairs = [DatasetPair(before.pop(key), after.pop(key)) for key in sorted(before.keys() & after)]
    gone_by_path = {entry.document.path: key for key, entry in before.items()}
    for key, entry in sorted(after.items()):
        path = entry.document.path
        old_key = gone_by_path.get(renames.get(path, path))
        if old_key is not None and old_key in before:
            pairs.append(DatasetPair(before.pop(old_key), after.pop(key)))
    reverse = {old: new for new, old in renames.items()}
    for entry in before.values():
        path = entry.document.path
        if reverse.get(path, path) not in head.not_compared:
            pairs.append(DatasetPair(entry, None))
    for entry in after.values():
        path = entry.document.path
        if renames.get(path, path) not in base.not_compared:
            pairs.append(DatasetPair(None, entry))
    return sorted(pairs, key=lambda pair: pair.dataset)


def compare(base: Side, head: Side, pairs: list[DatasetPair]) -> list[Finding]:
    """Every change between the sides, as findings."""
    found = [*base.unreadable, *head.unreadable]
    comparison = _Comparison(base, head)
    for pair in pairs:
        found.extend(comparison.dataset(pair))
    found.extend(comparison.schemas(pairs))
    return found


def _by_id(side: Side) -> dict[str, Entry[Dataset]]:
    found: dict[str, Entry[Dataset]] = {}
    for entry in side.catalog.datasets:
        found.setdefault(entry.model.id, entry)  # a duplicate id is lint's GK103
    return found


@dataclass(frozen=True)
class _Comparison:
    base: Side
    head: Side

    def rank(self, level: str) -> int | None:
        ranked = self.head.catalog.config.model.level_rank(level)
        return ranked if ranked is not None else self.base.catalog.config.model.level_rank(level)

    def dataset(self, pair: DatasetPair) -> Iterator[Finding]:
        before, after = pair.before, pair.after
        if before is None and after is not None:
            yield _found(codes.DATASET_ADDED, after, "/id", _added(after.model))
        elif after is None and before is not None:
            message = (
                f"dataset '{before.model.id}' ({before.model.access_level}) removed; "
                f"it was {before.document.path} at {self.base.label}"
            )
            yield _found(codes.DATASET_REMOVED, before, "/id", message)
        elif before is not None and after is not None:
            yield from self.modified(before, after)

    def modified(self, before: Entry[Dataset], after: Entry[Dataset]) -> Iterator[Finding]:
        old, new = before.model, after.model
        if old.id != new.id:
            message = f"dataset id changed from '{old.id}' to '{new.id}'"
            yield _found(codes.DATASET_RENAMED, after, "/id", message)
        yield from self.level(after, old.access_level, new.access_level)
        yield from self.resources(before, after)
        yield from _metadata(before, after)

    def level(self, after: Entry[Dataset], old: str, new: str) -> Iterator[Finding]:
        was, now = self.rank(old), self.rank(new)
        if old == new or was is None or now is None:
            return
        rule = codes.LEVEL_LOOSENED if now < was else codes.LEVEL_TIGHTENED
        word = "loosened" if now < was else "tightened"
        message = f"access level of '{after.model.id}' {word} from {old} to {new}"
        yield _found(rule, after, "/access_level", message)

    def resources(self, before: Entry[Dataset], after: Entry[Dataset]) -> Iterator[Finding]:
        old = {r.name: (i, r) for i, r in enumerate(before.model.resources)}
        new = {r.name: (i, r) for i, r in enumerate(after.model.resources)}
        dataset = after.model.id
        for name, (index, resource) in new.items():
            pointer = f"/resources/{index}"
            if name not in old:
                message = f"resource '{name}' added to '{dataset}' ({resource.path})"
                yield _found(codes.RESOURCE_ADDED, after, pointer, message, resource=name)
                continue
            yield from self.resource_level(before, after, old[name][1], resource, pointer)
        for name, (index, resource) in old.items():
            if name not in new:
                message = (
                    f"resource '{name}' removed from '{dataset}' ({resource.path}); "
                    f"shown where it was at {self.base.label}"
                )
                rule = codes.RESOURCE_REMOVED
                yield _found(rule, before, f"/resources/{index}", message, resource=name)

    def resource_level(
        self,
        before: Entry[Dataset],
        after: Entry[Dataset],
        old: Resource,
        new: Resource,
        pointer: str,
    ) -> Iterator[Finding]:
        if old.access_level is None and new.access_level is None:
            return  # it follows its dataset, whose change is reported once
        was_level = old.access_level or before.model.access_level
        now_level = new.access_level or after.model.access_level
        was, now = self.rank(was_level), self.rank(now_level)
        if was is None or now is None or was == now:
            return
        rule = codes.RESOURCE_LOOSENED if now < was else codes.RESOURCE_TIGHTENED
        word = "more public" if now < was else "less public"
        message = f"resource '{new.name}' made {word}: {was_level} → {now_level}"
        at = f"{pointer}/access_level" if new.access_level is not None else pointer
        yield _found(rule, after, at, message, resource=new.name)

    def schemas(self, pairs: list[DatasetPair]) -> Iterator[Finding]:
        """Schema changes: of a resource that now names another schema, and of schema files
        whose content changed (once per file, naming the resources that use it)."""
        for pair in pairs:
            if pair.before is None or pair.after is None:
                continue
            old = {r.name: r for r in pair.before.model.resources}
            for resource in pair.after.model.resources:
                previous = old.get(resource.name)
                if previous is not None and previous.schema_ != resource.schema_:
                    users = [(pair.after.model.id, resource.name)]
                    intro = (
                        f"resource '{resource.name}' now uses {resource.schema_} "
                        f"instead of {previous.schema_}: "
                    )
                    yield from self.schema_changes(previous.schema_, resource.schema_, intro, users)
        for name in sorted(self.head.catalog.table_schemas):
            old_document = self.base.catalog.table_schemas.get(name)
            new_document = self.head.catalog.table_schemas[name]
            if old_document is not None and old_document.data != new_document.data:
                yield from self.schema_changes(name, name, "", self.users(name))

    def users(self, schema: str) -> list[tuple[str, str]]:
        return [
            (entry.model.id, resource.name)
            for entry in self.head.catalog.datasets
            for resource in entry.model.resources
            if resource.schema_ == schema
        ]

    def schema_changes(
        self, old: str, new: str, intro: str, users: list[tuple[str, str]]
    ) -> Iterator[Finding]:
        old_document = self.base.catalog.table_schemas.get(old)
        new_document = self.head.catalog.table_schemas.get(new)
        if old_document is None or new_document is None:
            return  # not read at one side: reported as missing or unreadable
        for change in compare_schemas(old_document.data, new_document.data):
            yield self.schema_finding(change, old_document, new_document, intro, users)

    def schema_finding(
        self,
        change: FieldChange,
        old_document: YamlDocument,
        new_document: YamlDocument,
        intro: str,
        users: list[tuple[str, str]],
    ) -> Finding:
        if change.new_pointer is not None:
            document, pointer, where = new_document, change.new_pointer, ""
        else:
            document, pointer = old_document, change.old_pointer or ""
            where = f"; shown where it was at {self.base.label}"
        position = document.locate(pointer)
        location = Location(document.path, position.line, position.column, pointer)
        used_by = "" if intro else _used_by(users)  # the intro names the one resource
        message = f"{intro}{change.detail}{used_by}{where}"
        dataset, resource = users[0] if len(users) == 1 else (None, None)
        violation = Violation(message, location, dataset, resource, change.field)
        return _schema_rule(change).finding(violation)


def _schema_rule(change: FieldChange) -> Rule[object]:
    if change.kind == "sensitivity-added":
        return codes.SENSITIVITY_ADDED
    if change.kind == "sensitivity-removed":
        return codes.SENSITIVITY_REMOVED
    return codes.SCHEMA_BREAKING if change.breaking else codes.SCHEMA_COMPATIBLE


def _used_by(users: list[tuple[str, str]]) -> str:
    if not users:
        return " (no resource uses it)"
    named = [f"{dataset}/{resource}" for dataset, resource in users[:_USERS_SHOWN]]
    more = len(users) - _USERS_SHOWN
    tail = f" and {more} more" if more > 0 else ""
    return f" (used by {', '.join(named)}{tail})"


def _added(dataset: Dataset) -> str:
    count = len(dataset.resources)
    noun = "resource" if count == 1 else "resources"
    return f"dataset '{dataset.id}' added at level {dataset.access_level} ({count} {noun})"


def _found(
    rule: Rule[object],
    entry: Entry[Dataset],
    pointer: str,
    message: str,
    *,
    resource: str | None = None,
) -> Finding:
    """A finding at `pointer` of an entry, or at its id when the key is not written there."""
    if pointer not in entry.document.positions:
        pointer = "/id"
    violation = entry.violation(
        pointer, message, key=pointer == "/id", dataset=entry.model.id, resource=resource
    )
    return rule.finding(violation)


def _metadata(before: Entry[Dataset], after: Entry[Dataset]) -> Iterator[Finding]:
    old, new = before.model, after.model
    simple: list[tuple[Rule[object], str, Any, Any, str]] = [
        (codes.LICENCE_CHANGED, "/license", old.license, new.license, "licence"),
        (codes.UNIT_CHANGED, "/unit", old.unit, new.unit, "unit"),
        (codes.STEWARD_CHANGED, "/steward", _contact(old), _contact(new), "steward"),
        (
            codes.LEGAL_BASIS_CHANGED,
            "/legal_basis",
            _basis(old),
            _basis(new),
            "legal basis",
        ),
    ]
    for rule, pointer, was, now, what in simple:
        if was != now:
            message = f"{what} of '{new.id}' changed from {was or 'none'} to {now or 'none'}"
            yield _found(rule, after, pointer, message)
    exemptions = _exemption_changes(old.exemptions, new.exemptions)
    if exemptions:
        message = f"exemptions of '{new.id}' changed: {'; '.join(exemptions)}"
        yield _found(codes.EXEMPTIONS_CHANGED, after, "/exemptions", message)


def _contact(dataset: Dataset) -> str:
    return f"{dataset.steward.name} <{dataset.steward.email}>"


def _basis(dataset: Dataset) -> str | None:
    basis = dataset.legal_basis
    if basis is None:
        return None
    return f"{basis.law} art. {basis.article}" if basis.article else basis.law


def _exemption_changes(old: list[Exemption], new: list[Exemption]) -> list[str]:
    def key(exemption: Exemption) -> str:
        return f"{exemption.law} art. {exemption.article}"

    was = {key(e): e for e in old}
    now = {key(e): e for e in new}
    changes = [f"{name} added" for name in now if name not in was]
    changes += [f"{name} removed" for name in was if name not in now]
    for name in now.keys() & was.keys():
        if now[name] != was[name]:
            parts = [
                field
                for field in Exemption.model_fields
                if getattr(now[name], field) != getattr(was[name], field)
            ]
            changes.append(f"{name} changed ({', '.join(parts)})")
    return sorted(changes)
