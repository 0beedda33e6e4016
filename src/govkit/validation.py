"""What `govkit validate` checks, and how the engine's results become findings.

Three ways in, one way out: a catalog's resources, a standalone Data Package,
or one data file with a Table Schema are each turned into engine `Job`s; each
`TableResult` becomes findings (the listed issues, at the data file and row)
and tallies (everything counted but not listed).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from govkit.catalog.loader import CATALOG_DIR, Catalog, Entry
from govkit.catalog.models import Dataset, Resource
from govkit.catalog.tree import check_size, unsafe_reason
from govkit.engine.load import Table
from govkit.engine.resources import Job
from govkit.engine.rules import BY_CODE
from govkit.engine.validate import TableResult
from govkit.errors import GovkitError, InputError, Problem
from govkit.findings import Finding, Location, Tally
from govkit.yamlio import YAML_MAX_BYTES, YamlDocument, load_yaml

# Lint rules that make a resource's data impossible to check.
BLOCKING = frozenset({"GK105", "GK106", "GK107", "GK108"})


@dataclass(frozen=True)
class Target:
    """Where a job's findings point and what they are about."""

    path: str
    dataset: str | None = None
    resource: str | None = None


# -- catalog ------------------------------------------------------------------------------


def catalog_jobs(
    catalog: Catalog, root: Path, lint_findings: Iterable[Finding]
) -> dict[str, tuple[Job, Target]]:
    """A job per resource whose paths and schema passed lint, keyed `dataset/resource`."""
    blocked = {(f.dataset, f.resource) for f in lint_findings if f.code in BLOCKING}
    broken_schemas = {f.location.path for f in lint_findings if f.code in BLOCKING}
    # A resource whose schema lint refused is no table to check keys against either: the
    # foreign keys into it are left unchecked, with a note, beside the schema's own finding.
    tables = {
        f"{entry.model.id}/{resource.name}": (
            None
            if f"schemas/{resource.schema_}" in broken_schemas
            or {(entry.model.id, resource.name), (entry.model.id, None)} & blocked
            else _catalog_table(catalog, root, resource)
        )
        for entry in catalog.datasets
        for resource in entry.model.resources
    }
    jobs: dict[str, tuple[Job, Target]] = {}
    for entry in catalog.datasets:
        for resource in entry.model.resources:
            key = f"{entry.model.id}/{resource.name}"
            schema_path = f"schemas/{resource.schema_}"
            table = tables[key]
            if table is None or (entry.model.id, resource.name) in blocked:
                continue
            if schema_path in broken_schemas or (entry.model.id, None) in blocked:
                continue
            refs = _references(entry, table, tables)
            target = Target(f"{CATALOG_DIR}/{resource.path}", entry.model.id, resource.name)
            jobs[key] = (Job(key, table, refs), target)
    return jobs


def _catalog_table(catalog: Catalog, root: Path, resource: Resource) -> Table | None:
    document = catalog.table_schemas.get(resource.schema_)
    if document is None or unsafe_reason(resource.path) is not None:
        return None
    dialect = resource.dialect
    return Table(
        path=root / CATALOG_DIR / resource.path,
        root=root,
        schema=dict(document.data),
        format=resource.format.value,
        encoding=resource.encoding,
        delimiter=dialect.delimiter if dialect else ",",
        quote_char=dialect.quote_char if dialect else '"',
        header=dialect.header if dialect else True,
        bytes=resource.bytes,
        hash=resource.hash,
        persian="fa" in (tag.split("-")[0] for tag in catalog.config.model.languages),
    )


def _references(
    entry: Entry[Dataset], table: Table, tables: Mapping[str, Table | None]
) -> dict[str, Table]:
    """Tables its foreign keys name: `resource` in the same dataset, or `dataset/resource`."""
    found: dict[str, Table] = {}
    for foreign in table.schema.get("foreignKeys") or []:
        name = str((foreign.get("reference") or {}).get("resource", ""))
        if not name:
            continue
        key = name if "/" in name else f"{entry.model.id}/{name}"
        referenced = tables.get(key)
        if referenced is not None:
            found[name] = referenced
    return found


# -- standalone --------------------------------------------------------------------------


def package_jobs(descriptor_path: Path) -> dict[str, tuple[Job, Target]]:
    """Jobs for a standalone `datapackage.json` / `.yaml`, paths relative to it."""
    base = descriptor_path.parent
    package = _read_document(descriptor_path)
    document = package.data
    resources = document.get("resources")
    if not isinstance(resources, list):
        raise GovkitError(f"{descriptor_path}: a Data Package needs a `resources` list")
    tables: dict[str, Table] = {}
    for index, resource in enumerate(resources):
        if not isinstance(resource, dict):
            raise GovkitError(f"{descriptor_path}: resources[{index}] is not a mapping")
        name = str(resource.get("name", f"resource-{index + 1}"))
        tables[name] = _package_table(package, base, name, index, resource)
    jobs = {}
    for name, table in tables.items():
        refs = {
            str(fk["reference"]["resource"]): tables[str(fk["reference"]["resource"])]
            for fk in table.schema.get("foreignKeys") or []
            if str((fk.get("reference") or {}).get("resource", "")) in tables
        }
        jobs[name] = (Job(name, table, refs), Target(_shown(base, table.path), resource=name))
    return jobs


def file_job(data: Path, schema_path: Path) -> dict[str, tuple[Job, Target]]:
    """The job for `govkit validate --schema S DATA`."""
    schema = _read_schema(schema_path)
    suffix = data.suffix.lower().lstrip(".")
    fmt = {"txt": "csv", "ndjson": "jsonl"}.get(suffix, suffix or "csv")
    table = Table(path=data, schema=dict(schema), format=fmt)
    return {data.name: (Job(data.name, table, {}), Target(str(data)))}


def _package_table(
    package: YamlDocument, base: Path, name: str, index: int, resource: dict[str, Any]
) -> Table:
    descriptor = package.path
    path = resource.get("path")
    if not isinstance(path, str) or unsafe_reason(path) is not None:
        raise GovkitError(
            f"{descriptor}: resource '{name}' needs a relative `path` inside the package"
        )
    schema = resource.get("schema")
    if isinstance(schema, str):
        if unsafe_reason(schema) is not None:
            raise GovkitError(f"{descriptor}: resource '{name}' schema path leaves the package")
        schema = _read_schema(base / schema)
    elif isinstance(schema, dict):
        _refuse_broken(_inner(package, f"/resources/{index}/schema"))
    if not isinstance(schema, dict):
        raise GovkitError(f"{descriptor}: resource '{name}' has no Table Schema")
    dialect = resource.get("dialect")
    dialect = dialect if isinstance(dialect, dict) else {}
    return Table(
        path=base / path,
        root=base,
        schema=dict(schema),
        format=str(resource.get("format") or Path(path).suffix.lstrip(".") or "csv"),
        encoding=str(resource.get("encoding", "utf-8")),
        delimiter=str(dialect.get("delimiter", ",")),
        quote_char=str(dialect.get("quoteChar", '"')),
        header=bool(dialect.get("header", True)),
        bytes=resource.get("bytes") if isinstance(resource.get("bytes"), int) else None,
        hash=resource.get("hash") if isinstance(resource.get("hash"), str) else None,
    )


def _read_document(path: Path) -> YamlDocument:
    try:
        check_size(path.stat().st_size, YAML_MAX_BYTES)
        content = path.read_bytes()
    except OSError as error:
        raise GovkitError(f"{path}: cannot read: {error.strerror}") from None
    return load_yaml(content, str(path))


def _read_schema(path: Path) -> dict[str, Any]:
    document = _read_document(path)
    _refuse_broken(document)
    return document.data


def _refuse_broken(document: YamlDocument) -> None:
    """A standalone Table Schema is checked as lint checks a catalog's, before the engine
    compiles it: a list where a name should be would otherwise reach the SQL."""
    from govkit.catalog import tableschema  # noqa: PLC0415 - imports frictionless

    problems = [
        Problem(v.location.path, v.location.line, v.location.column, v.message)
        for v in tableschema.violations(document)
    ]
    if problems:
        raise InputError(problems)


def _inner(document: YamlDocument, pointer: str) -> YamlDocument:
    """The part of a document under a pointer, as a document of its own with its positions."""
    node: Any = document.data
    for token in pointer.strip("/").split("/"):
        node = node[int(token)] if isinstance(node, list) else node[token]

    def rebased(positions: Mapping[str, Any]) -> dict[str, Any]:
        return {
            key[len(pointer) :]: where
            for key, where in positions.items()
            if key == pointer or key.startswith(pointer + "/")
        }

    return YamlDocument(
        document.path, node, rebased(document.positions), rebased(document.key_positions)
    )


def _shown(base: Path, path: Path) -> str:
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return str(path)


# -- findings ----------------------------------------------------------------------------


def findings_of(result: TableResult, target: Target) -> Iterator[Finding]:
    for issue in result.listed:
        rule = BY_CODE[issue.code]
        yield Finding(
            code=rule.code,
            name=rule.name,
            severity=rule.severity,
            message=issue.message,
            location=Location(
                target.path, issue.row or 1, result.columns.get(issue.field or "", 1)
            ),
            dataset=target.dataset,
            resource=target.resource,
            field=issue.field,
            row=issue.row,
        )


def tallies_of(result: TableResult, target: Target) -> Iterator[Tally]:
    listed = Counter((issue.code, issue.field) for issue in result.listed)
    for (code, field), total in sorted(
        result.totals.items(), key=lambda item: (item[0][0], item[0][1] or "")
    ):
        rest = total - listed[(code, field)]
        if rest > 0:
            rule = BY_CODE[code]
            yield Tally(
                code,
                rule.name,
                rule.severity,
                target.path,
                rest,
                field,
                target.dataset,
                target.resource,
            )
