"""The frictionless side: each case validated as `frictionless validate` would, never trusted."""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType
from typing import Any

from govkit.frictionless_safe import load
from tests.differential.cases import Case, ResourceSpec
from tests.differential.mapping import Key, from_frictionless

LIMIT_ERRORS = 100_000
FLAT = ["rowNumber", "fieldName", "type", "note"]
TABLE_SCHEMA_V2 = "https://datapackage.org/profiles/2.0/tableschema.json"
RESOURCE_V2 = "https://datapackage.org/profiles/2.0/dataresource.json"
PACKAGE_V2 = "https://datapackage.org/profiles/2.0/datapackage.json"


@dataclass(frozen=True)
class Verdict:
    """frictionless's report on a case."""

    valid: bool
    raw: dict[str, list[list[Any]]]
    """frictionless's own flattened errors by resource name: row, field, type, note."""

    def keys(self, resource: str) -> frozenset[Key]:
        """The errors of one resource in govkit's terms (UnmappedError for an unknown type)."""
        return frozenset(from_frictionless(*error) for error in self.raw[resource])


def frictionless() -> ModuleType:
    # Through govkit's loader: the current folder leaves sys.path before the import.
    return load()


def validate(case: Case) -> Verdict:
    """Validate the case's resources (as a Package when there are several)."""
    fl = frictionless()
    base = str(case.folder)
    v2 = any(spec.schema.get("$schema") == TABLE_SCHEMA_V2 for spec in case.resources)
    resources = [_descriptor(spec, v2=v2) for spec in case.resources]
    if len(resources) == 1:
        target = fl.Resource(resources[0], basepath=base)
    else:
        package: dict[str, Any] = {"resources": resources}
        if v2:
            package["$schema"] = PACKAGE_V2
        target = fl.Package(package, basepath=base)
    report = target.validate(limit_errors=LIMIT_ERRORS)
    raw: dict[str, list[list[Any]]] = {task.name: task.flatten(FLAT) for task in report.tasks}
    return Verdict(bool(report.valid), raw)


def _descriptor(spec: ResourceSpec, *, v2: bool) -> dict[str, Any]:
    """The resource as a Data Package would declare it (v2 when its Table Schema is v2)."""
    descriptor: dict[str, Any] = {
        "name": spec.name,
        # Always the CSV: a Parquet or JSON-lines case is built from it for govkit, and
        # frictionless's readers of those formats need extras govkit does not install.
        "path": spec.path,
        "schema": dict(spec.schema),
        "encoding": spec.encoding,
    }
    if v2:
        # frictionless imposes a resource's version on its schema, and v1 is the default.
        descriptor["$schema"] = RESOURCE_V2
    if spec.dialect:
        descriptor["dialect"] = dict(spec.dialect)
    if spec.bytes is not None:
        descriptor["bytes"] = spec.bytes
    if spec.hash is not None:
        descriptor["hash"] = spec.hash
    return descriptor
