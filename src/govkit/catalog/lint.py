"""Lint rules: the catalog's cross-references, paths and Table Schema descriptors.

Each rule is a pure function of the loaded `Catalog`; it reads files only
through the catalog's tree (which never follows a symlink).
"""

from __future__ import annotations

import difflib
import posixpath
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from govkit.catalog import tableschema
from govkit.catalog.datafiles import data_file
from govkit.catalog.loader import CATALOG_DIR, SCHEMAS_DIR, Catalog, Entry
from govkit.catalog.models import Dataset, Exemption, Resource
from govkit.catalog.tree import FileTree, Kind, Tree, unsafe_reason
from govkit.findings import Finding, Location, Severity
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


@rule("GK120", "unknown-exemption-field", Severity.ERROR)
def unknown_exemption_field(catalog: Catalog) -> Iterator[Violation]:
    """An exemption names a field that none of the resources it covers has.

    Export withholds the fields an exemption names, by their exact names; a
    misspelt name (`Amount` for `amount`) withholds nothing, and the field the
    exemption meant to protect would be published.

    Fix: write the field's name as its Table Schema spells it (names are
    case-sensitive), or remove it from the exemption.
    """
    for entry in catalog.datasets:
        dataset = entry.model
        for index, exemption in enumerate(dataset.exemptions):
            known = _exempted_fields(catalog, dataset, exemption)
            if known is None:
                continue  # a schema that cannot be read is reported on its own
            for position, name in enumerate(exemption.fields):
                if name not in known:
                    yield entry.violation(
                        f"/exemptions/{index}/fields/{position}",
                        f"exemption ({exemption.law} art. {exemption.article}) names field "
                        f"'{name}', which no resource it covers has{_did_you_mean(name, known)}; "
                        "nothing would be withheld by this name",
                        dataset=dataset.id,
                        field=name,
                    )


@rule("GK121", "unknown-exemption-resource", Severity.ERROR)
def unknown_exemption_resource(catalog: Catalog) -> Iterator[Violation]:
    """An exemption names a resource that its dataset does not have.

    Export withholds the resources an exemption names; a name that matches no
    resource withholds nothing, and what the exemption meant to protect would
    be published.

    Fix: write the resource's `name` as the dataset lists it, or remove it
    from the exemption.
    """
    for entry in catalog.datasets:
        dataset = entry.model
        known = [resource.name for resource in dataset.resources]
        for index, exemption in enumerate(dataset.exemptions if known else ()):
            for position, name in enumerate(exemption.resources):
                if name not in known:
                    yield entry.violation(
                        f"/exemptions/{index}/resources/{position}",
                        f"exemption ({exemption.law} art. {exemption.article}) names resource "
                        f"'{name}', which '{dataset.id}' does not have"
                        f"{_did_you_mean(name, known)}; nothing would be withheld by this name",
                        dataset=dataset.id,
                        resource=name,
                    )


@rule("GK122", "shared-data-file", Severity.ERROR)
def shared_data_file(catalog: Catalog) -> Iterator[Violation]:
    """Two resources at different access levels name one data file.

    One file cannot be both withheld and released: at the level of the more
    open resource, the stricter one's rows would be published under another
    entry (often with a schema without its `sensitivity` tags). Export
    withholds both, and refuses the release.

    Fix: give the resources their own files (an aggregate or a redacted copy
    for the open one), or one access level.
    """
    config = catalog.config.model
    by_file: dict[str, list[tuple[int, Entry[Dataset], int, str]]] = {}
    for entry, index, resource in _resources(catalog):
        level = resource.access_level or entry.model.access_level
        rank = config.level_rank(level)
        if unsafe_reason(resource.path) is None and rank is not None:
            by_file.setdefault(data_file(resource.path), []).append((rank, entry, index, level))
    for sharing in by_file.values():
        _, strict, strict_index, strict_level = max(sharing, key=lambda shared: shared[0])
        name = strict.model.resources[strict_index].name
        for rank, entry, index, level in sharing:
            if rank == config.level_rank(strict_level):
                continue
            resource = entry.model.resources[index]
            yield entry.violation(
                f"/resources/{index}/path",
                f"{CATALOG_DIR}/{resource.path} is also the data file of "
                f"'{strict.model.id}/{name}' ({strict.document.path}), which is "
                f"'{strict_level}' where this one is '{level}'; give each its own file, or "
                "one access level",
                dataset=entry.model.id,
                resource=resource.name,
            )


@rule("GK123", "suspicious-missing-value", Severity.WARNING)
def suspicious_missing_value(catalog: Catalog) -> Iterator[Violation]:
    """A Table Schema lists a real-looking value as missing, beside sensitive fields.

    `missingValues` are tokens that say "no value": `""`, `-`, `NA`, `n/a`,
    `نامعلوم`. A name or a number listed there (a steward's way to hide a few
    rows from validation) would say who or what was hidden. Export redacts
    every non-empty cell of a masked or hashed field and never releases such a
    value in a schema, but the list is itself the record of personal data.

    Fix: list only "no value" tokens; correct or remove the rows instead.
    """
    for document in catalog.table_schemas.values():
        for pointer, value in _suspicious_missing_values(document.data):
            at = document.locate(pointer)
            yield Violation(
                f"missing value '{value}' looks like a value, not a token that says 'no "
                "value', in a schema with personal or redacted fields; list only tokens "
                "such as '', '-' or 'NA'",
                Location(document.path, at.line, at.column, pointer),
            )


@rule("GK124", "unsafe-export-out", Severity.ERROR)
def unsafe_export_out(catalog: Catalog) -> Iterator[Violation]:
    """`export.out` in `govkit.yaml` leaves the catalog root, or lies in its content.

    An export replaces its whole destination. A destination written in the
    catalog's own configuration is accepted from whoever can change that file
    in a merge request, so it must be a folder inside the root (`dist/public`):
    not absolute, no `..` or `~`, no symbolic link on the way, and not the root
    itself or a folder under `catalog/`, `schemas/`, `policies/` or `.git/`.
    A plain `govkit export` would otherwise replace a folder elsewhere on the
    machine that runs it.

    Fix: write a folder inside the root, such as `dist/public`; or give the
    destination on the command line (`govkit export --out DIR`), which may be
    anywhere.
    """
    out = catalog.config.model.export.out
    reason = export_out_reason(out, catalog.tree)
    if reason is not None:
        yield catalog.config.violation("/export/out", f"export.out '{out}' {reason}; {OUT_FIX}")


OUT_FIX = "write a folder inside the catalog root, such as dist/public, or give --out DIR on "
OUT_FIX += "the command line"


def export_out_reason(out: str, tree: Tree) -> str | None:
    """Why `export.out` from govkit.yaml may not be used, or None; `tree` is where symbolic
    links are looked for."""
    reason = unsafe_reason(out)
    if reason is not None:
        return reason.split(";")[0]  # without its advice, which is for data paths
    folder = posixpath.normpath(out)
    if folder == ".":
        return "is the catalog root itself; an export replaces its whole destination"
    top = folder.split("/", 1)[0]
    if top in (CATALOG_DIR, SCHEMAS_DIR, "policies", ".git"):
        return f"is inside {top}/, which holds the catalog's own files"
    if tree.kind(folder) is Kind.SYMLINK:
        return "goes through a symbolic link, which govkit never follows"
    return None


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
    unknown_exemption_field,
    unknown_exemption_resource,
    shared_data_file,
    suspicious_missing_value,
    unsafe_export_out,
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


def _exempted_fields(catalog: Catalog, dataset: Dataset, exemption: Exemption) -> list[str] | None:
    """The field names of the resources `exemption` covers; None when it covers none (a
    dataset without data yet) or a schema is unreadable."""
    covered = [
        r for r in dataset.resources if r.name in exemption.resources or not exemption.resources
    ]
    names: list[str] = []
    for resource in covered:
        schema = catalog.table_schemas.get(resource.schema_)
        if schema is None:
            return None
        names += [str(spec.get("name")) for spec in _field_specs(schema.data)]
    return names if covered else None


def _did_you_mean(name: str, known: Sequence[str]) -> str:
    same = [candidate for candidate in known if candidate.casefold() == name.casefold()]
    close = same or difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def _suspicious_missing_values(schema: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    """(pointer, value) of each missing value that is not a placeholder, in a schema with a
    sensitive or redacted field."""
    fields = list(_field_specs(schema))
    sensitive = any(
        spec.get("redaction") is not None or spec.get("sensitivity") not in (None, "none")
        for spec in fields
    )
    if not sensitive:
        return
    lists = [("/missingValues", schema.get("missingValues"))]
    lists += [
        (f"/fields/{position}/missingValues", spec.get("missingValues"))
        for position, spec in enumerate(schema.get("fields") or [])
        if isinstance(spec, dict)
    ]
    for base, values in lists:
        for index, value in enumerate(values if isinstance(values, list) else []):
            if isinstance(value, str) and not tableschema.is_placeholder(value):
                yield f"{base}/{index}", value


def _field_specs(schema: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
    listed = schema.get("fields")
    yield from (
        (spec for spec in listed if isinstance(spec, dict)) if isinstance(listed, list) else ()
    )
