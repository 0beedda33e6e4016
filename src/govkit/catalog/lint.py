"""Lint rules: the catalog's cross-references, paths and Table Schema descriptors.

Each rule is a pure function of the loaded `Catalog`; it reads files only
through the catalog's tree (which never follows a symlink).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from govkit.catalog import tableschema
from govkit.catalog.loader import CATALOG_DIR, SCHEMAS_DIR, Catalog, Entry
from govkit.catalog.models import Dataset, Resource
from govkit.catalog.tree import FileTree, Kind, unsafe_reason
from govkit.findings import Finding, Severity
from govkit.rules import Violation, rule


@rule("GK102", "unknown-unit", Severity.ERROR)
def unknown_unit(catalog: Catalog) -> Iterator[Violation]:
    """A dataset names a unit that `catalog/units.yaml` does not declare.

    Ownership is how the committee knows whom to ask; an unknown unit means no
    one is accountable for the dataset.

    Fix: add the unit to `catalog/units.yaml`, or correct the dataset's `unit`.
    """
    known = catalog.unit_ids
    if known is None:
        return
    for entry in catalog.datasets:
        dataset = entry.model
        if dataset.unit not in known:
            yield entry.violation(
                "/unit",
                f"unit '{dataset.unit}' is not declared in catalog/units.yaml; "
                f"add it there or use one of: {', '.join(sorted(known))}",
                dataset=dataset.id,
            )


@rule("GK103", "duplicate-dataset-id", Severity.ERROR)
def duplicate_dataset_id(catalog: Catalog) -> Iterator[Violation]:
    """Two entries share one dataset id.

    Ids are how datasets are referenced, diffed and published; two with one id
    make every one of those ambiguous.

    Fix: give each dataset its own id (ids are stable once published, so rename
    the newer one).
    """
    first: dict[str, Entry[Dataset]] = {}
    for entry in catalog.datasets:
        dataset_id = entry.model.id
        if dataset_id in first:
            yield entry.violation(
                "/id",
                f"dataset id '{dataset_id}' is already used by {first[dataset_id].document.path}",
                dataset=dataset_id,
            )
        else:
            first[dataset_id] = entry


@rule("GK104", "duplicate-resource-name", Severity.ERROR)
def duplicate_resource_name(catalog: Catalog) -> Iterator[Violation]:
    """Two resources of one dataset share a name.

    Resource names identify files inside an exported Data Package, where they
    must be unique.

    Fix: rename one of the resources.
    """
    for entry in catalog.datasets:
        counts = Counter(r.name for r in entry.model.resources)
        seen: set[str] = set()
        for index, resource in enumerate(entry.model.resources):
            if counts[resource.name] > 1 and resource.name in seen:
                yield entry.violation(
                    f"/resources/{index}/name",
                    f"resource name '{resource.name}' is used more than once in this dataset",
                    dataset=entry.model.id,
                    resource=resource.name,
                )
            seen.add(resource.name)


@rule("GK105", "unsafe-path", Severity.ERROR)
def unsafe_path(catalog: Catalog) -> Iterator[Violation]:
    """A resource or schema path could leave the catalog root.

    govkit reads and publishes only files inside the catalog: absolute paths,
    `..`, `~`, URLs and symbolic links could make it read (and publish) any file
    on the machine, or fetch something from the network.

    Fix: write the path relative to `catalog/` (data) or `schemas/` (Table
    Schemas), and keep the file itself in the repository.
    """
    for entry, index, resource in _resources(catalog):
        for key, folder, relative in (
            ("path", CATALOG_DIR, resource.path),
            ("schema", SCHEMAS_DIR, resource.schema_),
        ):
            reason = unsafe_reason(relative)
            if reason is None and catalog.tree.kind(f"{folder}/{relative}") is Kind.SYMLINK:
                reason = "goes through a symbolic link, which govkit never follows"
            if reason is not None:
                yield entry.violation(
                    f"/resources/{index}/{key}",
                    f"{key} '{relative}' {reason}",
                    dataset=entry.model.id,
                    resource=resource.name,
                )


@rule("GK106", "missing-data-file", Severity.ERROR)
def missing_data_file(catalog: Catalog) -> Iterator[Violation]:
    """A resource's data file does not exist (or is not a regular file).

    Fix: add the file at the path given (relative to `catalog/`), or correct the path.
    """
    for entry, index, resource in _resources(catalog):
        yield from _missing(catalog, entry, index, ("path", CATALOG_DIR, resource.path))


@rule("GK107", "missing-table-schema", Severity.ERROR)
def missing_table_schema(catalog: Catalog) -> Iterator[Violation]:
    """A resource's Table Schema file does not exist.

    Fix: add the schema under `schemas/`, or correct the resource's `schema`.
    """
    for entry, index, resource in _resources(catalog):
        yield from _missing(catalog, entry, index, ("schema", SCHEMAS_DIR, resource.schema_))


@rule("GK108", "invalid-table-schema", Severity.ERROR)
def invalid_table_schema(catalog: Catalog) -> Iterator[Violation]:
    """A Table Schema is not valid.

    Checked by frictionless's descriptor validation (every field on its own,
    then the schema), plus govkit's field properties (`sensitivity`,
    `redaction`, `calendar`, `subject_role`, the `ir-*` string formats) and
    regular expressions that must compile.

    Fix: correct the schema at the position given; the Table Schema
    specification lists the field types and constraints.
    """
    for document in catalog.table_schemas.values():
        yield from tableschema.violations(document)


@rule("GK109", "looser-resource-level", Severity.ERROR)
def looser_resource_level(catalog: Catalog) -> Iterator[Violation]:
    """A resource is more open than its dataset.

    A dataset's access level is the most open any of its parts may be; a
    resource may only be stricter (a raw file `internal` beside a `public`
    aggregate), never looser, or data withheld at the dataset would leak.

    Fix: make the resource's `access_level` at least as strict as the
    dataset's, or drop it to inherit the dataset's level.
    """
    config = catalog.config.model
    for entry, index, resource in _resources(catalog):
        outer = config.level_rank(entry.model.access_level)
        inner = config.level_rank(resource.access_level or entry.model.access_level)
        if outer is not None and inner is not None and inner < outer:
            yield entry.violation(
                f"/resources/{index}/access_level",
                f"resource level '{resource.access_level}' is looser than the dataset's "
                f"'{entry.model.access_level}'; a resource may only be stricter",
                dataset=entry.model.id,
                resource=resource.name,
            )


@rule("GK110", "unknown-access-level", Severity.ERROR)
def unknown_access_level(catalog: Catalog) -> Iterator[Violation]:
    """A dataset or resource names an access level that `govkit.yaml` does not define.

    Fix: use one of the levels listed in `govkit.yaml` under `access_levels`.
    """
    config = catalog.config.model
    levels = ", ".join(level.id for level in config.access_levels)
    for entry in catalog.datasets:
        named: list[tuple[str, str, str | None]] = [
            ("/access_level", entry.model.access_level, None)
        ]
        named += [
            (f"/resources/{i}/access_level", r.access_level, r.name)
            for i, r in enumerate(entry.model.resources)
            if r.access_level is not None
        ]
        for pointer, level, resource in named:
            if config.level_rank(level) is None:
                yield entry.violation(
                    pointer,
                    f"access level '{level}' is not defined in govkit.yaml; use one of: {levels}",
                    dataset=entry.model.id,
                    resource=resource,
                )


@rule("GK113", "duplicate-unit-id", Severity.ERROR)
def duplicate_unit_id(catalog: Catalog) -> Iterator[Violation]:
    """`catalog/units.yaml` declares one unit id twice.

    Fix: merge the two declarations or give one of them another id.
    """
    if catalog.units is None:
        return
    seen: set[str] = set()
    for index, unit in enumerate(catalog.units.model.units):
        if unit.id in seen:
            yield catalog.units.violation(
                f"/units/{index}/id", f"unit '{unit.id}' is declared more than once"
            )
        seen.add(unit.id)


@rule("GK114", "entry-name-mismatch", Severity.WARNING)
def entry_name_mismatch(catalog: Catalog) -> Iterator[Violation]:
    """A dataset file is not named after its id.

    With `catalog/<unit>/<id>.yaml`, anyone can find an entry from its id and
    reviewers see at once which dataset a change touches.

    Fix: rename the file to `<id>.yaml`.
    """
    for entry in catalog.datasets:
        stem = entry.document.path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        if stem != entry.model.id:
            yield entry.violation(
                "/id",
                f"file is named '{stem}' but the dataset id is '{entry.model.id}'; "
                f"rename it to {entry.model.id}.yaml",
                dataset=entry.model.id,
            )


RULES = (
    unknown_unit,
    duplicate_dataset_id,
    duplicate_resource_name,
    unsafe_path,
    missing_data_file,
    missing_table_schema,
    invalid_table_schema,
    looser_resource_level,
    unknown_access_level,
    duplicate_unit_id,
    entry_name_mismatch,
)


def run(catalog: Catalog) -> Iterator[Finding]:
    """Every lint rule over the catalog."""
    for lint_rule in RULES:
        yield from lint_rule.run(catalog)


def _resources(catalog: Catalog) -> Iterator[tuple[Entry[Dataset], int, Resource]]:
    for entry in catalog.datasets:
        for index, resource in enumerate(entry.model.resources):
            yield entry, index, resource


def _missing(
    catalog: Catalog,
    entry: Entry[Dataset],
    index: int,
    reference: tuple[str, str, str],
) -> Iterator[Violation]:
    key, folder, relative = reference
    resource = entry.model.resources[index]
    if unsafe_reason(relative) is not None:
        return  # reported as unsafe-path; never looked up
    kind = catalog.tree.kind(f"{folder}/{relative}")
    if kind in (Kind.MISSING, Kind.DIRECTORY, Kind.OTHER):
        what = "does not exist" if kind is Kind.MISSING else f"is a {kind.value}, not a file"
        if isinstance(catalog.tree, FileTree) and catalog.tree.unseen(f"{folder}/{relative}"):
            what = "is ignored by git or inside a submodule; add it to the repository (git add)"
        yield entry.violation(
            f"/resources/{index}/{key}",
            f"{folder}/{relative} {what}",
            dataset=entry.model.id,
            resource=resource.name,
        )
