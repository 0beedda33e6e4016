"""`govkit check --scan`: count every publishable resource's columns in SQL, then run GK3xx.

Only resources at a publishable level are read (at most as strict as
`export.level` in govkit.yaml): personal data in a withheld resource is
expected. Missing or unsafe data files are lint's findings and are skipped here.

Each file is loaded by the data engine (`govkit.engine.load`, as `govkit
validate` loads it: any format it reads, spilling to disk when large), and one
query counts, for every column over all its data rows, the non-empty values
and how many of them each detector recognises. Only those counts reach
Python: no value of the file ever becomes a Python object.
"""

from __future__ import annotations

import contextlib
import csv
import io
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import duckdb

from govkit.catalog.loader import CATALOG_DIR, Catalog, Entry
from govkit.catalog.models import Dataset
from govkit.catalog.tree import FileTree, Kind, Tree, unsafe_reason
from govkit.engine.load import Loaded, Note, Table, load_table
from govkit.engine.validate import IN_MEMORY_BYTES, connect
from govkit.findings import Finding
from govkit.pii.detectors import DETECTORS, SQL_MACROS
from govkit.pii.rules import (
    ColumnCounts,
    ResourceScan,
    column_field,
    judged_by_values,
    resource_not_scanned,
    schema_fields,
    untagged_personal_column,
)


def scan(catalog: Catalog) -> list[Finding]:
    with tempfile.TemporaryDirectory(prefix="govkit-") as folder:
        engine = _Engine(Path(folder))
        try:
            scans = list(publishable_scans(catalog, engine))
        finally:
            engine.close()
    return [*untagged_personal_column.run(scans), *resource_not_scanned.run(scans)]


def scan_resources(
    catalog: Catalog,
    released: Iterable[tuple[Entry[Dataset], int, frozenset[str] | None]],
    *,
    values: bool,
) -> list[Finding]:
    """GK301/GK302 on the resources a release holds: each an entry, a resource index and the
    fields released as they are (None: all). Header words and titles are always judged; the
    values only with `values` (without, no data file is opened)."""
    items = list(released)
    if values:
        with tempfile.TemporaryDirectory(prefix="govkit-") as folder:
            engine = _Engine(Path(folder))
            try:
                scans = [
                    _scan(catalog, entry, index, relative, engine)
                    for entry, index, _ in items
                    if (relative := _readable(catalog, entry, index)) is not None
                ]
            finally:
                engine.close()
    else:
        scans = [_headers_only(catalog, entry, index) for entry, index, _ in items]
    kept: dict[tuple[str | None, str | None], frozenset[str] | None] = {
        (entry.model.id, entry.model.resources[i].name): names for entry, i, names in items
    }
    found = [*untagged_personal_column.run(scans), *resource_not_scanned.run(scans)]
    return [f for f in found if _released_as_is(f, kept)]


def _readable(catalog: Catalog, entry: Entry[Dataset], index: int) -> str | None:
    resource = entry.model.resources[index]
    relative = f"{CATALOG_DIR}/{resource.path}"
    if unsafe_reason(resource.path) is None and catalog.tree.kind(relative) is Kind.FILE:
        return relative
    return None


def _headers_only(catalog: Catalog, entry: Entry[Dataset], index: int) -> ResourceScan:
    resource = entry.model.resources[index]
    schema = catalog.table_schemas.get(resource.schema_)
    columns = tuple(ColumnCounts(str(f.get("name", "")), 0, {}) for f in schema_fields(schema))
    return ResourceScan(entry, index, f"{CATALOG_DIR}/{resource.path}", schema, columns)


def _released_as_is(
    finding: Finding, kept: Mapping[tuple[str | None, str | None], frozenset[str] | None]
) -> bool:
    names = kept.get((finding.dataset, finding.resource))
    return names is None or finding.field is None or finding.field in names


def publishable_scans(catalog: Catalog, engine: _Engine) -> Iterator[ResourceScan]:
    config = catalog.config.model
    limit = config.level_rank(config.export.level)
    for entry in catalog.datasets:
        for index, resource in enumerate(entry.model.resources):
            rank = config.level_rank(resource.access_level or entry.model.access_level)
            if rank is None or limit is None or rank > limit:
                continue
            relative = f"{CATALOG_DIR}/{resource.path}"
            safe = unsafe_reason(resource.path) is None
            if safe and catalog.tree.kind(relative) is Kind.FILE:
                yield _scan(catalog, entry, index, relative, engine)


SMALL_CSV = 1 << 20


class _Engine:
    """The scan's DuckDB connections, set up as `govkit validate` sets up its own: one in
    memory shared by the files that fit there (connecting and defining the macros cost
    more than counting a small file), and one of its own, on disk, for each larger file."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self._shared: duckdb.DuckDBPyConnection | None = None

    def connection(self, size: int) -> AbstractContextManager[duckdb.DuckDBPyConnection]:
        if size > IN_MEMORY_BYTES:
            return contextlib.closing(self._connect(size))
        if self._shared is None:
            self._shared = self._connect(size)
        return contextlib.nullcontext(self._shared)

    def _connect(self, size: int) -> duckdb.DuckDBPyConnection:
        connection = connect(self.workdir, size)
        for statement in SQL_MACROS:
            connection.execute(statement)
        return connection

    def close(self) -> None:
        if self._shared is not None:
            self._shared.close()


def _scan(
    catalog: Catalog, entry: Entry[Dataset], index: int, relative: str, engine: _Engine
) -> ResourceScan:
    resource = entry.model.resources[index]
    schema = catalog.table_schemas.get(resource.schema_)
    dialect = resource.dialect
    notes: list[str] = []
    with tempfile.TemporaryDirectory(dir=engine.workdir) as folder:
        workdir = Path(folder)
        try:
            path = _local(catalog.tree, relative, workdir)
            table = Table(
                path=path,
                schema=dict(schema.data) if schema else {},
                format=resource.format.value,
                encoding=resource.encoding,
                delimiter=dialect.delimiter if dialect else ",",
                quote_char=dialect.quote_char if dialect else '"',
                header=dialect.header if dialect else True,
            )
            size = path.stat().st_size
            small = _count_small(table, schema_fields(schema)) if size <= SMALL_CSV else None
            if small is not None:
                return ResourceScan(entry, index, relative, schema, small)
            with engine.connection(size) as connection:
                try:
                    loaded = load_table(connection, table, "t", workdir, _collector(notes))
                    columns = _count(connection, loaded, schema_fields(schema)) if loaded else None
                finally:
                    connection.execute("DROP TABLE IF EXISTS t; DROP TABLE IF EXISTS t_raw")
        except (OSError, duckdb.Error) as error:
            # One unreadable file must not stop the scan: it becomes this resource's GK302.
            reason = error.strerror if isinstance(error, OSError) else str(error)
            notes.append(f"could not be read: {(reason or type(error).__name__).splitlines()[0]}")
            columns = None
    if columns is None:
        problem = "; ".join(notes) or "the data engine cannot read it"
        return ResourceScan(entry, index, relative, schema, None, problem)
    return ResourceScan(entry, index, relative, schema, columns)


def _count_small(table: Table, fields: Sequence[dict[str, Any]]) -> tuple[ColumnCounts, ...] | None:
    """The same counts for a small CSV, in Python: a catalog holds thousands of files of a
    few kilobytes, and planning the SQL for each would cost 3x more than reading it.
    None when the file is not such a CSV or is not valid in its encoding (the engine then
    reads it, and says what is wrong)."""
    if table.format not in ("csv", "tsv"):
        return None
    delimiter = "\t" if table.format == "tsv" and table.delimiter == "," else table.delimiter
    try:
        text = table.path.read_bytes().decode(table.encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    reader = csv.reader(
        io.StringIO(text.removeprefix("\ufeff")), delimiter=delimiter, quotechar=table.quote_char
    )
    try:
        rows = [record for record in reader if record]  # DuckDB skips blank lines too
    except csv.Error:
        return None
    labels: list[str | None]
    if table.header:
        labels = list(rows.pop(0)) if rows else []
    else:
        labels = [None] * max((len(record) for record in rows), default=0)
    columns = []
    for i, label in enumerate(labels):
        if not judged_by_values(column_field(fields, label, i)[1]):
            columns.append(ColumnCounts(label, 0, {}))
            continue
        present = [v for v in (r[i].strip() for r in rows if i < len(r)) if v]
        matched = {d.kind: sum(map(d.matches, present)) for d in DETECTORS}
        columns.append(ColumnCounts(label, len(present), matched))
    return tuple(columns)


def _collector(notes: list[str]) -> Note:
    return lambda _code, message, _row: notes.append(message)


def _local(tree: Tree, relative: str, workdir: Path) -> Path:
    """The file on disk; a git blob is written to `workdir` first."""
    if isinstance(tree, FileTree):
        return tree.root / relative
    copy = workdir / f"data{Path(relative).suffix}"
    copy.write_bytes(tree.read(relative))
    return copy


def _count(
    connection: duckdb.DuckDBPyConnection, loaded: Loaded, fields: Sequence[dict[str, Any]]
) -> tuple[ColumnCounts, ...]:
    """One query over every data row of the columns whose values can make them personal: per
    column, its non-empty values and how many of them each detector recognises.

    The columns are unpivoted into (column, value) rows, so the query names each detector
    once however wide the table is (planning a wide query costs more than running it)."""
    width = len(connection.execute("SELECT * EXCLUDE (extra) FROM t LIMIT 0").description or ())
    labels = [
        loaded.labels[i] if loaded.has_header and i < len(loaded.labels) else None
        for i in range(width)
    ]
    judged = [
        f"c{i}"
        for i, label in enumerate(labels)
        if judged_by_values(column_field(fields, label, i)[1])
    ]
    found: dict[str, tuple[int, ...]] = {}
    if judged:
        names = ", ".join(judged)
        detectors = "".join(f", count_if({d.sql}(v))" for d in DETECTORS)
        # Only column numbers and macro names are interpolated: no text of the file or catalog.
        query = (
            f"SELECT name, count_if(v <> ''){detectors} FROM (SELECT name, gk_strip(v) AS v "  # noqa: S608
            f"FROM (UNPIVOT (SELECT {names} FROM t WHERE rowid >= ?) ON {names} "
            "INTO NAME name VALUE v)) GROUP BY name"
        )
        for name, *counts in connection.execute(query, [loaded.first_record]).fetchall():
            found[str(name)] = tuple(int(count) for count in counts)
    columns = []
    for i, label in enumerate(labels):
        if f"c{i}" not in judged:
            columns.append(ColumnCounts(label, 0, {}))
            continue
        values, *matched = found.get(f"c{i}", (0,) * (len(DETECTORS) + 1))
        kinds = {detector.kind: count for detector, count in zip(DETECTORS, matched, strict=True)}
        columns.append(ColumnCounts(label, values, kinds))
    return tuple(columns)
