"""The personal-data scan: count the released columns of resources in SQL, then run GK3xx.

`scan_resources` judges exactly the resources (and of each, the fields) that a
release holds as they are: withheld or redacted fields are not judged, since
they are not published. With `values`, each data file is read; without, only the
schema's field names and titles are judged (header words), and no file is
opened, cheap enough for every `govkit check`. `scan` is `govkit check
--scan`: every resource at a publishable level (at most as strict as
`export.level` in govkit.yaml), with its values; personal data in a withheld
resource is expected. Missing or unsafe data files are lint's findings and are
skipped here.

Each file is loaded by the data engine (`govkit.engine.load`, as `govkit
validate` loads it: any format it reads, spilling to disk when large), and one
query counts, for every column over all its data rows, the non-empty values
and how many of them each detector recognises. Only those counts reach
Python: no value of the file ever becomes a Python object.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import json
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import duckdb

from govkit import __version__
from govkit.atomic import write_atomic
from govkit.catalog.loader import CATALOG_DIR, Catalog, Entry
from govkit.catalog.models import Dataset
from govkit.catalog.tree import FileTree, Kind, Tree, read_inside, unsafe_reason
from govkit.engine import source
from govkit.engine.load import Loaded, Note, Table, load_table
from govkit.engine.resources import ResultCache
from govkit.engine.validate import IN_MEMORY_BYTES, Survey, connect
from govkit.findings import Finding
from govkit.pii.detectors import DETECTORS, SQL_MACROS, Detector
from govkit.pii.rules import (
    ColumnCounts,
    ResourceScan,
    column_field,
    judged_by_values,
    resource_not_scanned,
    schema_fields,
    untagged_personal_column,
)

Released = tuple[Entry[Dataset], int, frozenset[str] | None]
"""A resource a release holds: its dataset, its index, the names of the fields released as
they are (None: every field)."""


def scan(catalog: Catalog) -> list[Finding]:
    """`govkit check --scan`: every publishable resource, every field, with its values."""
    return scan_resources(catalog, publishable_resources(catalog), values=True)


def scan_resources(
    catalog: Catalog,
    released: Iterable[Released],
    *,
    values: bool,
    cache: Path | None = None,
    counted: Counted | None = None,
) -> list[Finding]:
    """GK301 and GK302 over the released fields of the released resources: by header words
    alone without `values` (no data file opened), by header words and values with it. With
    a `cache` folder (validation's), a file's counts are kept by its content; what
    validation `counted` as it read a file is not read again."""
    if not values:
        scans = [_headers_only(catalog, *item) for item in released]
        return list(untagged_personal_column.run(scans))
    with tempfile.TemporaryDirectory(prefix="govkit-") as folder:
        engine = _Engine(Path(folder), _Counts(cache) if cache else None, counted)
        try:
            scans = list(_value_scans(catalog, released, engine))
        finally:
            engine.close()
    return [*untagged_personal_column.run(scans), *resource_not_scanned.run(scans)]


def publishable_resources(catalog: Catalog) -> Iterator[Released]:
    """Every resource at a level at most as strict as `export.level`, with all its fields."""
    config = catalog.config.model
    limit = config.level_rank(config.export.level)
    for entry in catalog.datasets:
        for index, resource in enumerate(entry.model.resources):
            rank = config.level_rank(resource.access_level or entry.model.access_level)
            if rank is not None and limit is not None and rank <= limit:
                yield entry, index, None


def _value_scans(
    catalog: Catalog, released: Iterable[Released], engine: _Engine
) -> Iterator[ResourceScan]:
    for entry, index, fields in released:
        relative = f"{CATALOG_DIR}/{entry.model.resources[index].path}"
        safe = unsafe_reason(entry.model.resources[index].path) is None
        if safe and catalog.tree.kind(relative) is Kind.FILE:
            yield _scan(catalog, entry, index, relative, engine, released=fields)


def _headers_only(
    catalog: Catalog, entry: Entry[Dataset], index: int, released: frozenset[str] | None
) -> ResourceScan:
    """The resource's declared fields as columns with no values counted: header words only."""
    resource = entry.model.resources[index]
    schema = catalog.table_schemas.get(resource.schema_)
    names = [field.get("name") for field in schema_fields(schema)]
    columns = tuple(ColumnCounts(n if isinstance(n, str) else None, 0, {}) for n in names)
    relative = f"{CATALOG_DIR}/{resource.path}"
    return ResourceScan(entry, index, relative, schema, columns, released=released)


SMALL_CSV = 1 << 20


class _Engine:
    """The scan's DuckDB connections, set up as `govkit validate` sets up its own: one in
    memory shared by the files that fit there (connecting and defining the macros cost
    more than counting a small file), and one of its own, on disk, for each larger file."""

    def __init__(
        self, workdir: Path, counts: _Counts | None = None, counted: Counted | None = None
    ) -> None:
        self.workdir = workdir
        self.counts = counts
        self.counted = counted or Counted()
        self._shared: duckdb.DuckDBPyConnection | None = None

    def connection(self, size: int) -> AbstractContextManager[duckdb.DuckDBPyConnection]:
        if size > IN_MEMORY_BYTES:
            return contextlib.closing(self._connect(size))
        if self._shared is None:
            self._shared = self._connect(size)
        return contextlib.nullcontext(self._shared)

    def _connect(self, size: int) -> duckdb.DuckDBPyConnection:
        connection = connect(self.workdir, size)
        install_scan_macros(connection)
        return connection

    def close(self) -> None:
        if self._shared is not None:
            self._shared.close()


def _scan(
    catalog: Catalog,
    entry: Entry[Dataset],
    index: int,
    relative: str,
    engine: _Engine,
    *,
    released: frozenset[str] | None,
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
                root=catalog.tree.root if isinstance(catalog.tree, FileTree) else workdir,
            )
            size = path.stat().st_size
            fields = schema_fields(schema)
            small = _count_small(table, fields, released) if size <= SMALL_CSV else None
            if small is not None:
                return ResourceScan(entry, index, relative, schema, small, released=released)
            key = engine.counts.key(table, fields, released) if engine.counts else ""
            columns = engine.counts.get(key) if engine.counts else None
            if columns is None:
                columns = engine.counted.columns.get((entry.model.id, index)) or _count_large(
                    engine, table, fields, released, notes
                )
                if engine.counts and columns is not None:
                    engine.counts.put(key, columns)
        except (OSError, duckdb.Error) as error:
            # One unreadable file must not stop the scan: it becomes this resource's GK302.
            reason = error.strerror if isinstance(error, OSError) else str(error)
            notes.append(f"could not be read: {(reason or type(error).__name__).splitlines()[0]}")
            columns = None
    if columns is None:
        problem = "; ".join(notes) or "the data engine cannot read it"
        return ResourceScan(entry, index, relative, schema, None, problem, released)
    return ResourceScan(entry, index, relative, schema, columns, released=released)


def _count_large(
    engine: _Engine,
    table: Table,
    fields: Sequence[dict[str, Any]],
    released: frozenset[str] | None,
    notes: list[str],
) -> tuple[ColumnCounts, ...] | None:
    with engine.connection(table.path.stat().st_size) as connection:
        try:
            loaded = load_table(connection, table, "t", engine.workdir, _collector(notes))
            return count_loaded(connection, loaded, fields, released) if loaded else None
        finally:
            connection.execute("DROP TABLE IF EXISTS t; DROP TABLE IF EXISTS t_raw")


class _Counts:
    """A large file's counts on disk, keyed as validation's results are: by its bytes (the
    digest remembered by path, size and time), how it is read, the fields judged and
    govkit's version. A missing or corrupt entry is a miss."""

    def __init__(self, folder: Path) -> None:
        self.results = ResultCache(folder)
        self.folder = folder / "scans"

    def key(
        self, table: Table, fields: Sequence[dict[str, Any]], released: frozenset[str] | None
    ) -> str:
        parts = {
            "govkit": __version__,
            "file": self.results.digest(table),
            "read": [table.format, table.encoding, table.delimiter, table.quote_char],
            "header": table.header,
            "fields": list(fields),
            "released": sorted(released) if released is not None else None,
        }
        encoded = json.dumps(parts, sort_keys=True, default=str).encode("utf-8")
        return hashlib.sha256(encoded).hexdigest()

    def get(self, key: str) -> tuple[ColumnCounts, ...] | None:
        try:
            stored = json.loads((self.folder / f"{key}.json").read_text("utf-8"))
            return tuple(ColumnCounts(c["label"], int(c["values"]), c["matched"]) for c in stored)
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, key: str, columns: tuple[ColumnCounts, ...]) -> None:
        stored = [{"label": c.label, "values": c.values, "matched": c.matched} for c in columns]
        with contextlib.suppress(OSError):  # a cache that cannot be written only costs time
            write_atomic(self.folder / f"{key}.json", json.dumps(stored).encode("utf-8"))


class Counted:
    """The counts of released resources taken while validation had their tables loaded
    (`survey` is the engine's hook), so that a large file is read once for both. A small
    CSV is left to the scan, which counts it faster in Python than SQL can be planned."""

    def __init__(self, catalog: Catalog | None = None, released: Iterable[Released] = ()) -> None:
        self.released = {
            f"{entry.model.id}/{entry.model.resources[index].name}": (entry, index, fields)
            for entry, index, fields in released
        }
        self.schemas = catalog.table_schemas if catalog else {}
        self.columns: dict[tuple[str, int], tuple[ColumnCounts, ...]] = {}

    def survey(self, key: str) -> Survey | None:
        """The hook for the resource `dataset/resource`; None when the release holds it not."""
        if key not in self.released:
            return None
        entry, index, fields = self.released[key]
        judged = schema_fields(self.schemas.get(entry.model.resources[index].schema_))

        def count(connection: duckdb.DuckDBPyConnection, table: Table, loaded: Loaded) -> None:
            if table.format in ("csv", "tsv") and table.path.stat().st_size <= SMALL_CSV:
                return
            try:
                install_scan_macros(connection)
                columns = count_loaded(connection, loaded, judged, fields)
            except duckdb.Error:
                return  # the scan reads the file itself, and says what is wrong
            self.columns[(entry.model.id, index)] = columns  # one key per thread: no lock

        return count


def _count_small(
    table: Table, fields: Sequence[dict[str, Any]], released: frozenset[str] | None
) -> tuple[ColumnCounts, ...] | None:
    """The same counts for a small CSV, in Python: a catalog holds thousands of files of a
    few kilobytes, and planning the SQL for each would cost 3x more than reading it.
    None when the file is not such a CSV or is not valid in its encoding (the engine then
    reads it, and says what is wrong)."""
    if table.format not in ("csv", "tsv"):
        return None
    delimiter = "\t" if table.format == "tsv" and table.delimiter == "," else table.delimiter
    try:
        text = source.decoded(read_inside(table.root, table.path), table.encoding)
    except (UnicodeError, LookupError):
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
        if not judged_by_values(column_field(fields, label, i)[1], released):
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


def install_scan_macros(connection: duckdb.DuckDBPyConnection) -> None:
    """Define the detectors' macros on a connection that has `iranian.SQL_MACROS` (as every
    connection of `govkit.engine.validate.connect` does)."""
    for statement in SQL_MACROS:
        connection.execute(statement)


# Rows a column is first judged on: a detector needs most of a column's values (80 %, or
# 50 % for names), so a random sample this large finds a personal column with certainty
# (missing half of the threshold has a chance far below 1e-100), and columns that are not
# personal, the most, are never read whole.
SAMPLE_ROWS = 20_000


def _sampled(
    connection: duckdb.DuckDBPyConnection, names: list[str], first: int
) -> dict[str, tuple[int, ...]]:
    """Counts over a random sample of the rows; none when the table is not much larger than
    the sample, or holds no value in these columns."""
    counted = connection.execute("SELECT count(*) FROM t WHERE rowid >= ?", [first]).fetchone()
    rows = int(counted[0]) if counted else 0
    return _counted(connection, names, first, sample=True) if rows > 2 * SAMPLE_ROWS else {}


def _near(counts: tuple[int, ...]) -> tuple[Detector, ...]:
    values, *matched = counts
    return tuple(
        detector
        for detector, count in zip(DETECTORS, matched, strict=True)
        if count >= detector.threshold / 2 * values
    )


def _counted(
    connection: duckdb.DuckDBPyConnection, names: list[str], first: int, *, sample: bool
) -> dict[str, tuple[int, ...]]:
    """Per column: its non-empty values and what each detector recognises, over every row
    (or a random sample of `SAMPLE_ROWS`)."""
    if not names:
        return {}
    listed = ", ".join(names)
    detectors = "".join(f", count_if({d.sql}(v))" for d in DETECTORS)
    sampled = f" USING SAMPLE reservoir({SAMPLE_ROWS} ROWS) REPEATABLE (7)" if sample else ""
    # Only column numbers, macro names and a constant are interpolated: no text of the file
    # or catalog.
    query = (
        f"SELECT name, count_if(v <> ''){detectors} FROM (SELECT name, gk_strip(v) AS v "  # noqa: S608
        f"FROM (UNPIVOT (SELECT {listed} FROM (SELECT * FROM t WHERE rowid >= ?){sampled}) "
        f"ON {listed} INTO NAME name VALUE v)) GROUP BY name"
    )
    rows = connection.execute(query, [first]).fetchall()
    return {str(name): tuple(int(count) for count in counts) for name, *counts in rows}


def _whole(
    connection: duckdb.DuckDBPyConnection,
    name: str,
    near: Sequence[Detector],
    sampled: tuple[int, ...] | None,
    first: int,
) -> tuple[int, ...]:
    """One column's counts over every row for the `near` detectors; the others keep the
    sample's counts, which reach no threshold."""
    detectors = "".join(f", count_if({d.sql}(v))" for d in near)
    query = (
        f"SELECT count_if(v <> ''){detectors} FROM (SELECT gk_strip({name}) AS v "  # noqa: S608
        "FROM t WHERE rowid >= ?)"
    )
    whole = connection.execute(query, [first]).fetchone() or (0,) * (len(near) + 1)
    values, *matched = (int(count) for count in whole)
    exact = dict(zip(near, matched, strict=True))
    kept = sampled[1:] if sampled else (0,) * len(DETECTORS)
    return (values, *(exact.get(d, count) for d, count in zip(DETECTORS, kept, strict=True)))


def count_loaded(
    connection: duckdb.DuckDBPyConnection,
    loaded: Loaded,
    fields: Sequence[dict[str, Any]],
    released: frozenset[str] | None,
) -> tuple[ColumnCounts, ...]:
    """Per column whose values can make it personal: its non-empty values and how many of them
    each detector recognises, over every data row of the columns a random sample finds near
    a detector's threshold (the others keep the sample's counts, which no detector reaches).

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
        if judged_by_values(column_field(fields, label, i)[1], released)
    ]
    first = loaded.first_record
    found = _sampled(connection, judged, first)
    if not found:
        found = _counted(connection, judged, first, sample=False)
    else:
        # Every row of the columns the sample finds near a detector's threshold, with those
        # detectors: their counts, and so the finding's, are exact.
        for name in judged:
            near = _near(found[name]) if name in found else DETECTORS
            if near:
                found[name] = _whole(connection, name, near, found.get(name), first)
    columns = []
    for i, label in enumerate(labels):
        if f"c{i}" not in judged:
            columns.append(ColumnCounts(label, 0, {}))
            continue
        values, *matched = found.get(f"c{i}", (0,) * (len(DETECTORS) + 1))
        kinds = {detector.kind: count for detector, count in zip(DETECTORS, matched, strict=True)}
        columns.append(ColumnCounts(label, values, kinds))
    return tuple(columns)
