"""Write a released table: DuckDB reads the data file and writes the CSV in one pass.

Rows never pass through Python and are never stored: one `COPY (SELECT ...
FROM read_csv(...)) TO ...` reads the file as the engine does (every cell
VARCHAR, the declared encoding and dialect, nothing sniffed) and writes the
released columns, so memory stays flat however big the file is. Columns the
schema does not declare are never written.

DuckDB writes the released file itself, and the compressor reads it as it
grows (`Growing`) and deflates it while DuckDB is still writing: the two
overlap instead of following each other.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from govkit.catalog.models import Resource
from govkit.catalog.tree import opened
from govkit.engine.database import open_database
from govkit.engine.iranian import install_macros
from govkit.engine.load import Stream, Table, load_table, stream_table
from govkit.engine.validate import connect
from govkit.errors import GovkitError
from govkit.export.redaction import Column, HashKey, jalali_macro

MEMORY_LIMIT = "160MB"
CHUNK = 1 << 20
_JALALI_MACRO = jalali_macro()
_POLL = 0.01  # seconds between looks at a file that is still being written


@dataclass(frozen=True)
class Written:
    """What was written (or, in a dry run, would be): rows and formula-like cells."""

    rows: int
    formula_cells: Mapping[str, tuple[int, int]]
    """Field name -> (count, row number of the first) for text cells that look like formulas."""
    columns: Mapping[str, int] = field(default_factory=dict)
    """Field name -> its column in the source file (1-based), where findings point."""


class Growing:
    """A file that DuckDB's `COPY` is writing, read by another thread as it grows.

    DuckDB writes a CSV file front to back, so everything before the end of the file
    as it stands is final; the reader waits for more until `finish` says the writer is
    done, then reads to the end. The writer never waits for the reader (DuckDB keeps
    what it cannot write in memory, so a reader it had to wait for, such as a pipe's,
    would make it run out): a slow reader only reads later. `abandoned` tells the writer
    that the reader has stopped and nothing needs writing."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._done = threading.Event()
        self.abandoned = False

    def __iter__(self) -> Iterator[bytes]:
        while not self.path.exists():  # DuckDB creates it when the COPY starts
            if self._done.wait(_POLL):
                if not self.path.exists():
                    return
                break
        with self.path.open("rb") as reader:
            while True:
                chunk = reader.read(CHUNK)
                if chunk:
                    yield chunk
                elif self._done.is_set():
                    while chunk := reader.read(CHUNK):  # what came after the last look
                        yield chunk
                    return
                else:
                    self._done.wait(_POLL)

    def finish(self) -> None:
        """The writer is done (or failed): the reader reads to the end and stops."""
        self._done.set()

    def close(self) -> None:
        """The reader has stopped."""
        self.abandoned = True


def write_table(
    table: Table,
    plan: Callable[[Mapping[str, int]], Sequence[Column]],
    target: Growing | None,
    workdir: Path,
    key: HashKey | None,
) -> Written:
    """Write the columns `plan` makes (from where each field's column is) as UTF-8 CSV into
    `target`; with none, only count rows and formula-like cells. The target is finished
    whatever happens, so its reader never waits for a writer that has gone."""
    try:
        connection = _connect(workdir)
        try:
            with _stream(connection, table, workdir) as stream:
                found = positions(table, stream.labels, stream.has_header)
                columns = plan(found)
                formulas = _formula_cells(connection, stream, columns, table, workdir)
                if target is None:
                    rows = _count(connection, stream)
                elif target.abandoned:
                    raise OSError(f"{table.path.name}: the compressor stopped before it began")
                else:
                    rows = _copy(connection, stream, columns, target.path, key)
                return Written(rows, formulas, {name: at + 1 for name, at in found.items()})
        except duckdb.Error as error:
            # Data that validation refuses (bad bytes for the encoding, say) ends here.
            message = f"{table.path.name}: cannot be read for export: {_first_line(error)}"
            raise GovkitError(message) from error
        finally:
            connection.close()
    finally:
        if target is not None:
            target.finish()


def table_for(resource: Resource, schema: Mapping[str, Any], path: Path, root: Path) -> Table:
    """How the engine reads a resource's data file at `path`, inside `root`."""
    dialect = resource.dialect
    return Table(
        path=path,
        root=root,
        schema=dict(schema),
        format=resource.format.value,
        encoding=resource.encoding,
        delimiter=dialect.delimiter if dialect else ",",
        quote_char=dialect.quote_char if dialect else '"',
        header=dialect.header if dialect else True,
    )


def positions(table: Table, labels: Sequence[str], has_header: bool) -> dict[str, int]:
    """Which column holds each field: by position, or by label when `fieldsMatch` allows."""
    names = [str(f.get("name")) for f in table.schema.get("fields", []) if isinstance(f, dict)]
    match = str(table.schema.get("fieldsMatch", "exact"))
    if match == "exact" or not has_header:
        return {name: index for index, name in enumerate(names) if index < len(labels)}
    stripped = [label.strip() for label in labels]
    return {name: stripped.index(name) for name in names if name in stripped}


def _connect(workdir: Path) -> duckdb.DuckDBPyConnection:
    connection = open_database()
    connection.execute(f"SET memory_limit='{MEMORY_LIMIT}'")
    connection.execute(f"SET temp_directory='{_sql_text(str(workdir))}'")
    # Rows are written in the order they were read, so a release is the same every time; one
    # thread, as an ordered COPY gains little from more and the compressor uses them better.
    connection.execute("SET preserve_insertion_order=true")
    connection.execute("SET threads=1")
    install_macros(connection)
    connection.execute(_JALALI_MACRO)
    return connection


@contextlib.contextmanager
def _stream(connection: duckdb.DuckDBPyConnection, table: Table, workdir: Path) -> Iterator[Stream]:
    problems: list[str] = []

    def note(_code: str, message: str, _row: int | None) -> None:
        problems.append(message)

    with contextlib.ExitStack() as held:
        try:
            stream = held.enter_context(stream_table(connection, table, workdir, note))
        except OSError as error:
            # Not a regular file inside the root (a symbolic link, say): nothing of it is read.
            problems.append(error.strerror or type(error).__name__)
            stream = None
        if stream is None:
            reason = "; ".join(problems)
            raise GovkitError(f"{table.path.name}: cannot be read for export: {reason}")
        yield stream


def _count(connection: duckdb.DuckDBPyConnection, stream: Stream) -> int:
    counted = connection.execute(f"SELECT count(*) FROM {stream.relation}").fetchone()
    return int(counted[0]) if counted else 0


def _formula_cells(
    connection: duckdb.DuckDBPyConnection,
    stream: Stream,
    columns: Sequence[Column],
    table: Table,
    workdir: Path,
) -> dict[str, tuple[int, int]]:
    """Formula-like cells counted in one pass; where the first of each is, only when there
    are some (it takes loading the file, to number its rows as frictionless does)."""
    checked = [column for column in columns if column.formula_check is not None]
    if not checked:
        return {}
    counts = ", ".join(f"count_if({c.formula_check})" for c in checked)
    found = connection.execute(f"SELECT {counts} FROM {stream.relation}")
    counted = dict(zip(checked, found.fetchone() or (), strict=False))
    flagged = [column for column in checked if counted.get(column)]
    if not flagged:
        return {}
    firsts = _first_rows(flagged, table, workdir)
    return {c.name: (int(counted[c]), row) for c, row in zip(flagged, firsts, strict=True)}


def _first_rows(columns: Sequence[Column], table: Table, workdir: Path) -> list[int]:
    # Loaded as `govkit validate` loads it (a large file into a database file), so that row
    # numbers are the ones its findings give.
    with contextlib.closing(connect(workdir, _size(table))) as connection:
        loaded = load_table(connection, table, "t", workdir, lambda _code, _message, _row: None)
        if loaded is None:
            raise GovkitError(f"{table.path.name}: cannot be read for export")
        firsts = ", ".join(f"min(rowid) FILTER (WHERE {c.formula_check})" for c in columns)
        where = f"rowid >= {loaded.first_record}"
        found = connection.execute(f"SELECT {firsts} FROM t WHERE {where}").fetchone() or ()
    return [loaded.row_number(int(first)) for first in found]


def _size(table: Table) -> int:
    with opened(table.root, table.path) as data:
        return data.size


def _copy(
    connection: duckdb.DuckDBPyConnection,
    stream: Stream,
    columns: Sequence[Column],
    target: Path,
    key: HashKey | None,
) -> int:
    # No cell is NULL (an absent cell is written empty), so the NULL marker is never written
    # and empty strings need no quotes.
    selected = ", ".join(
        f"coalesce({column.sql}, '') AS {_identifier(column.name)}" for column in columns
    )
    query = (
        f"COPY (SELECT {selected} FROM {stream.relation}) TO '{_sql_text(str(target))}' "
        "(FORMAT csv, HEADER true, DELIMITER ',', QUOTE '\"', ESCAPE '\"', NULL '\x01', "
        "NEW_LINE '\\n', USE_TMP_FILE false)"
    )
    parameters: dict[str, Any] = key.parameters if key and "$gk_" in selected else {}
    try:
        copied = connection.execute(query, parameters)
    except duckdb.IOException as error:
        raise OSError(f"cannot write {target.name}: {_first_line(error)}") from error
    counted = copied.fetchone()
    return int(counted[0]) if counted else 0


def _identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _sql_text(text: str) -> str:
    return text.replace("'", "''")


def _first_line(error: Exception) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
