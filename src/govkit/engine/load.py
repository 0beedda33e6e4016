"""Load a data file into a DuckDB table of VARCHAR columns `c0`, `c1`, ... and `extra`.

CSV is read with every option pinned (no sniffing, nothing guessed): the
declared delimiter, quote and encoding; short rows padded with NULL, so an
absent cell differs from an empty one; cells beyond the header kept in
`extra`. Parquet and JSON are read by DuckDB and cast to text, so the same
checks apply to every format.

The file is opened first (`catalog.tree.opened`: inside its root, through no
symbolic link, a regular file) and DuckDB reads the opened descriptor's name:
it never sees the path's own characters, which its readers would take for a
glob (`*`, `?`, `[...]`, `**`) or expand (`~`).
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from govkit.catalog.tree import OpenedFile, opened
from govkit.engine import rules, source

MAX_LINE = 1 << 25  # a cell may be 32 MiB
BUFFER = 1 << 26  # DuckDB would size its buffer from the file, up to 16 x MAX_LINE
Note = Callable[[str, str, "int | None"], None]
_READERS = {
    "parquet": "read_parquet(?)",
    "jsonl": "read_json(?, format='newline_delimited')",
    "json": "read_json(?, format='array')",
}


@dataclass(frozen=True)
class Table:
    """A tabular data file and how to read it."""

    path: Path
    schema: Mapping[str, Any]
    format: str = "csv"
    encoding: str = "utf-8"
    delimiter: str = ","
    quote_char: str = '"'
    header: bool = True
    bytes: int | None = None
    hash: str | None = None
    root: Path | None = None
    """The folder `path` lies in, reached from it through no symbolic link (a catalog's root);
    None for a file named on the command line."""
    persian: bool = False
    """Its text is Persian unless a field's `language` says otherwise (a catalog whose
    languages include `fa`); elsewhere only a field with `language: fa` is."""


@dataclass(frozen=True)
class Loaded:
    labels: list[str]
    has_header: bool
    first_record: int
    """Row id of the first data record (1 when the header is row id 0)."""
    row_offset: int
    blank_records: list[int] = field(default_factory=list)
    """Record numbers (0-based, header included) of blank lines, which DuckDB skips."""
    arabic_script: bool = True
    """Whether the file may hold Arabic-script characters (False: certainly none)."""

    def row_number(self, rowid: int) -> int:
        """frictionless's row number of a row id: the header is row 1 and blank rows count."""
        number = rowid + self.row_offset
        for blank in self.blank_records:
            if blank < number:
                number += 1
        return number


def load_table(
    connection: duckdb.DuckDBPyConnection, table: Table, name: str, workdir: Path, note: Note
) -> Loaded | None:
    """Load `table` into the DuckDB table `name`; None (after a note) when it is unusable.
    OSError when the file cannot be opened (missing, a symbolic link, not a regular file)."""
    with opened(table.root, table.path) as data:
        if table.format in ("csv", "tsv"):
            return _load_csv(connection, table, data, name, workdir=workdir, note=note)
        return _load_typed(connection, table, data, name, note)


def _load_typed(
    connection: duckdb.DuckDBPyConnection, table: Table, data: OpenedFile, name: str, note: Note
) -> Loaded | None:
    reader = _READERS.get(table.format)
    if reader is None:
        note(rules.DATA_UNREADABLE.code, f"govkit cannot read the {table.format} format", None)
        return None
    if table.bytes is not None or table.hash is not None:
        algorithm = _algorithm(table, note)
        size, digest = source.digest_of(Path(data.name), algorithm or "sha256")
        _check_integrity(table, size, digest if algorithm else None, note)
    if not data.size:
        note(rules.DATA_UNREADABLE.code, "the file is empty", None)
        return None
    raw = f"{name}_raw"
    try:
        connection.execute(f"CREATE TABLE {raw} AS SELECT * FROM {reader}", [data.name])
    except duckdb.Error as error:
        message = f"not a readable {table.format} file: {_first_line(error)}"
        note(rules.DATA_UNREADABLE.code, message, None)
        return None
    labels = [str(row[0]) for row in connection.execute(f"DESCRIBE {raw}").fetchall()]
    # A typed null is a missing value, not an absent cell: write it as the first missing value.
    missing = _sql_text(str((list(table.schema.get("missingValues", [""])) or [""])[0]))
    as_text = ", ".join(
        f"coalesce(CAST({_quote(label)} AS VARCHAR), '{missing}') AS c{i}"
        for i, label in enumerate(labels)
    )
    connection.execute(
        f"CREATE TABLE {name} AS SELECT {as_text}, NULL::VARCHAR AS extra FROM {raw}"
    )
    connection.execute(f"DROP TABLE {raw}")
    # frictionless numbers an implicit header row 1 in every tabular format.
    return Loaded(labels, has_header=True, first_record=0, row_offset=2)


def _load_csv(
    connection: duckdb.DuckDBPyConnection,
    table: Table,
    data: OpenedFile,
    name: str,
    *,
    workdir: Path,
    note: Note,
) -> Loaded | None:
    prepared = _prepare_csv(table, data, workdir, note)
    if prepared is None:
        return None
    scan, reading = prepared
    if not _read_csv(connection, table, name, reading, note):
        return None
    blanks = _blank_records(connection, name, table, reading, scan)
    if not table.header:
        fields = [str(f.get("name")) for f in table.schema.get("fields", [])]
        return Loaded(fields[: reading.width], False, 0, 1, blanks, scan.arabic_script)
    header = connection.execute(f"SELECT * EXCLUDE (extra) FROM {name} WHERE rowid = 0").fetchone()
    labels = ["" if label is None else str(label) for label in header or ()]
    return Loaded(labels, True, 1, 1, blanks, scan.arabic_script)


@dataclass(frozen=True)
class Stream:
    """A data file as one query that reads it once, in order, without storing it: VARCHAR
    columns `c0`, `c1`, ... (and `extra`), data rows only."""

    relation: str
    """SQL for a FROM clause (with the opened file's name in it: no parameters)."""
    labels: list[str]
    has_header: bool


@contextlib.contextmanager
def stream_table(
    connection: duckdb.DuckDBPyConnection, table: Table, workdir: Path, note: Note
) -> Iterator[Stream | None]:
    """The file as a `Stream`, read as `load_table` reads it, held open while the block runs;
    None (after a note) when it is unusable. OSError when it cannot be opened."""
    with opened(table.root, table.path) as data:
        yield _stream(connection, table, data, workdir, note)


def _stream(
    connection: duckdb.DuckDBPyConnection,
    table: Table,
    data: OpenedFile,
    workdir: Path,
    note: Note,
) -> Stream | None:
    if table.format not in ("csv", "tsv"):
        return _stream_typed(connection, table, data, note)
    prepared = _prepare_csv(table, data, workdir, note)
    if prepared is None:
        return None
    scan, reading = prepared
    # One thread reads in order anyway, and the serial reader pads rows around quoted newlines.
    options = _csv_options(table, reading) + ", parallel=false"
    path = _sql_text(str(reading.path))
    records = f"read_csv('{path}', {options}, header=false)"
    if not table.header:
        fields = [str(f.get("name")) for f in table.schema.get("fields", [])]
        return Stream(records, fields[: reading.width], False)
    # The labels as `load_table` reads them: DuckDB's first record, blank lines skipped.
    try:
        first = connection.execute(f"SELECT * EXCLUDE (extra) FROM {records} LIMIT 1").fetchone()
    except duckdb.Error as error:
        note(rules.DATA_UNREADABLE.code, f"cannot be read as CSV: {_first_line(error)}", None)
        return None
    labels = ["" if label is None else str(label) for label in first or ()]
    # DuckDB's own header skips that record, once told of the blank lines before it (it would
    # take the first of them for the header). Not OFFSET 1: in a COPY that buffers the rows.
    skip = _blank_lines_before(scan.first_text)
    return Stream(f"read_csv('{path}', {options}, header=true, skip={skip})", labels, True)


def _blank_lines_before(text: str) -> int:
    """Empty lines at the start of the text, which DuckDB skips before the first record."""
    lines = re.split(r"\r\n|\r|\n", text)
    return next((i for i, line in enumerate(lines) if line), len(lines))


def _stream_typed(
    connection: duckdb.DuckDBPyConnection, table: Table, data: OpenedFile, note: Note
) -> Stream | None:
    reader = _READERS.get(table.format)
    if reader is None:
        note(rules.DATA_UNREADABLE.code, f"govkit cannot read the {table.format} format", None)
        return None
    try:
        described = connection.execute(f"DESCRIBE SELECT * FROM {reader}", [data.name])
        labels = [str(row[0]) for row in described.fetchall()]
    except duckdb.Error as error:
        message = f"not a readable {table.format} file: {_first_line(error)}"
        note(rules.DATA_UNREADABLE.code, message, None)
        return None
    missing = _sql_text(str((list(table.schema.get("missingValues", [""])) or [""])[0]))
    as_text = ", ".join(
        f"coalesce(CAST({_quote(label)} AS VARCHAR), '{missing}') AS c{i}"
        for i, label in enumerate(labels)
    )
    source_sql = reader.replace("?", f"'{_sql_text(data.name)}'")
    relation = f"(SELECT {as_text}, NULL::VARCHAR AS extra FROM {source_sql})"
    return Stream(relation, labels, True)


def _prepare_csv(
    table: Table, data: OpenedFile, workdir: Path, note: Note
) -> tuple[source.Scan, _Reading] | None:
    """The byte pass and the checks before DuckDB reads a CSV file."""
    delimiter = "\t" if table.format == "tsv" and table.delimiter == "," else table.delimiter
    algorithm = _algorithm(table, note)
    try:
        scan = source.scan(Path(data.name), table.encoding, workdir, algorithm)
    except LookupError as error:
        note(rules.ENCODING_ERROR.code, str(error.args[0]), None)
        return None
    _check_integrity(table, scan.size, scan.digest, note)
    if scan.size == 0:
        note(rules.DATA_UNREADABLE.code, "the file is empty; a CSV has at least a header row", None)
        return None
    if scan.compression is not None:
        message = (
            f"the file is {scan.compression}-compressed; govkit reads data files uncompressed: "
            "commit the file as it is, without compression"
        )
        note(rules.DATA_UNREADABLE.code, message, None)
        return None
    if scan.encoding_problem is not None:
        _encoding_error(table, scan.encoding_problem, note)
        return None
    if not _lines_readable(scan, note):
        return None
    fields = [str(f.get("name")) for f in table.schema.get("fields", [])]
    width = len(source.header_labels(scan.first_text, delimiter, table.quote_char))
    if not table.header:
        width = max(width, len(fields))
    if width == 0:
        note(rules.DATA_UNREADABLE.code, "the file has no header row, only blank lines", None)
        return None
    return scan, _Reading(scan.readable, delimiter, width)


def _lines_readable(scan: source.Scan, note: Note) -> bool:
    """Whether DuckDB can split the file into the lines the byte pass counted: it takes CR
    alone for no line break, and drops a last line above its limit without a word."""
    if scan.line_breaks == 0 and "\r" in scan.first_text:
        message = (
            "the lines end in a carriage return (CR) alone, as on classic Mac OS; "
            "save the file with LF or CRLF line endings"
        )
        note(rules.DATA_UNREADABLE.code, message, None)
        return False
    length, line = scan.longest_line
    if length > MAX_LINE:
        message = (
            f"line {line} is {length:,} bytes long, above the {MAX_LINE:,} bytes a line may "
            "have; the file was not checked: split the cell, or keep such data out of a CSV"
        )
        note(rules.DATA_UNREADABLE.code, message, line)
        return False
    return True


@dataclass(frozen=True)
class _Reading:
    """Where and how DuckDB reads one CSV."""

    path: Path
    delimiter: str
    width: int


def _csv_options(table: Table, reading: _Reading) -> str:
    """read_csv's options, every one pinned: nothing is sniffed or guessed."""
    columns = "".join(f"'c{i}': 'VARCHAR', " for i in range(reading.width))
    quote = _sql_text(table.quote_char)
    return (
        f"columns={{{columns}'extra': 'VARCHAR'}}, all_varchar=true, "
        f"delim='{_sql_text(reading.delimiter)}', quote='{quote}', escape='{quote}', "
        "null_padding=true, strict_mode=false, auto_detect=false, nullstr='\x01', "
        "compression='none', "
        f"max_line_size={MAX_LINE}, buffer_size={BUFFER}"
    )


def _read_csv(
    connection: duckdb.DuckDBPyConnection, table: Table, name: str, reading: _Reading, note: Note
) -> bool:
    options = _csv_options(table, reading) + ", header=false"
    # The parallel reader is faster but cannot pad short rows around quoted newlines.
    for parallel in ("true", "false"):
        try:
            connection.execute(
                f"CREATE OR REPLACE TABLE {name} AS SELECT * FROM "
                f"read_csv(?, {options}, parallel={parallel})",
                [str(reading.path)],
            )
            return True
        except duckdb.Error as error:
            if parallel == "true" and "parallel" in str(error):
                continue
            if "unicode" in str(error).lower():
                problem = source.encoding_problem(reading.path)
                if problem is not None:
                    _encoding_error(table, problem, note)
                    return False
            note(rules.DATA_UNREADABLE.code, f"cannot be read as CSV: {_first_line(error)}", None)
            return False
    return False


def _blank_records(
    connection: duckdb.DuckDBPyConnection,
    name: str,
    table: Table,
    reading: _Reading,
    scan: source.Scan,
) -> list[int]:
    """Blank records, looked for only when DuckDB's rows and the file's lines disagree."""
    found = connection.execute(f"SELECT count(*) FROM {name}").fetchone()
    if found is not None and int(found[0]) == scan.lines:
        return []
    return source.blank_records(reading.path, reading.delimiter, table.quote_char)


def _encoding_error(table: Table, problem: source.EncodingProblem, note: Note) -> None:
    message = (
        f"{problem.message} (line {problem.line}, byte {problem.byte:,}); the cells were not "
        f"checked: save the file as {table.encoding}, or declare the encoding it has"
    )
    note(rules.ENCODING_ERROR.code, message, problem.line)


def _declared_hash(table: Table) -> tuple[str, str] | None:
    """(algorithm, hex) of a declared `hash`; no prefix means md5, as the Data Package spec says."""
    if table.hash is None:
        return None
    algorithm, _, expected = table.hash.rpartition(":")
    return (algorithm or "md5").lower(), expected.lower()


def _check_integrity(table: Table, size: int, digest: str | None, note: Note) -> None:
    if table.bytes is not None and table.bytes != size:
        message = f"the file has {size:,} bytes; its resource declares {table.bytes:,}"
        note(rules.BYTE_COUNT.code, message, None)
    declared = _declared_hash(table)
    if declared is not None and digest is not None and declared[1] != digest:
        message = f"the file's {declared[0]} is {digest}; its resource declares {declared[1]}"
        note(rules.HASH_COUNT.code, message, None)


def _algorithm(table: Table, note: Note) -> str | None:
    """The declared hash's algorithm; None when none is declared or (after a note) unknown."""
    declared = _declared_hash(table)
    if declared is None:
        return None
    if declared[0] not in hashlib.algorithms_guaranteed:
        note(rules.HASH_COUNT.code, f"hash algorithm '{declared[0]}' is not known", None)
        return None
    return declared[0]


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _sql_text(text: str) -> str:
    return text.replace("'", "''")


def _first_line(error: Exception) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
