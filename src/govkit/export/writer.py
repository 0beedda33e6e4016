"""Write a released table: the engine reads the file, DuckDB's `COPY ... TO` writes the CSV.

Rows never pass through Python: the data file is loaded by the engine's reader
(every cell VARCHAR, the declared encoding and dialect) and the released
columns are written by one `COPY` with DuckDB's memory capped, so memory stays
flat however big the file is. Columns the schema does not declare are never
written.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from govkit.catalog.models import Resource
from govkit.engine.iranian import install_macros
from govkit.engine.load import Loaded, Table, load_table
from govkit.errors import GovkitError
from govkit.export.redaction import Column, HashKey, jalali_macro

MEMORY_LIMIT = "256MB"
_JALALI_MACRO = jalali_macro()


@dataclass(frozen=True)
class Written:
    """What was written (or, in a dry run, would be): rows and formula-like cells."""

    rows: int
    formula_cells: Mapping[str, tuple[int, int]]
    """Field name -> (count, row number of the first) for text cells that look like formulas."""


def write_table(
    table: Table,
    plan: Callable[[Mapping[str, int]], Sequence[Column]],
    target: Path | None,
    workdir: Path,
    key: HashKey | None,
) -> Written:
    """Write the columns `plan` makes (from where each field's column is) to `target` as
    UTF-8 CSV; with no target, only count rows and formula-like cells."""
    connection = _connect(workdir)
    try:
        source = _load(connection, table, workdir)
        columns = plan(source.positions)
        rows = _count(connection, source)
        formulas = _formula_cells(connection, source, columns)
        if target is not None:
            _copy(connection, source, columns, target, key)
        return Written(rows, formulas)
    finally:
        connection.close()


def table_for(resource: Resource, schema: Mapping[str, Any], path: Path) -> Table:
    """How the engine reads a resource's data file at `path`."""
    dialect = resource.dialect
    return Table(
        path=path,
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
    connection = duckdb.connect(":memory:")
    connection.execute(f"SET memory_limit='{MEMORY_LIMIT}'")
    connection.execute(f"SET temp_directory='{_sql_text(str(workdir))}'")
    # Rows are written in the order they were read, so a release is the same every time.
    connection.execute("SET preserve_insertion_order=true")
    install_macros(connection)
    connection.execute(_JALALI_MACRO)
    return connection


def _load(connection: duckdb.DuckDBPyConnection, table: Table, workdir: Path) -> _Source:
    problems: list[str] = []
    loaded = load_table(
        connection, table, "t", workdir, lambda _code, message, _row: problems.append(message)
    )
    if loaded is None:
        raise GovkitError(f"{table.path.name}: cannot be read for export: {'; '.join(problems)}")
    return _Source(loaded, positions(table, loaded.labels, loaded.has_header))


@dataclass(frozen=True)
class _Source:
    loaded: Loaded
    positions: dict[str, int]

    @property
    def rows(self) -> str:
        return f"rowid >= {self.loaded.first_record}"


def _count(connection: duckdb.DuckDBPyConnection, source: _Source) -> int:
    found = connection.execute(f"SELECT count(*) FROM t WHERE {source.rows}").fetchone()
    return int(found[0]) if found else 0


def _formula_cells(
    connection: duckdb.DuckDBPyConnection, source: _Source, columns: Sequence[Column]
) -> dict[str, tuple[int, int]]:
    checked = [column for column in columns if column.formula_check is not None]
    if not checked:
        return {}
    aggregates = ", ".join(
        f"count_if({c.formula_check}), min(rowid) FILTER (WHERE {c.formula_check})" for c in checked
    )
    found = connection.execute(f"SELECT {aggregates} FROM t WHERE {source.rows}").fetchone() or ()
    cells: dict[str, tuple[int, int]] = {}
    for index, column in enumerate(checked):
        count, first = found[2 * index], found[2 * index + 1]
        if count:
            cells[column.name] = (int(count), source.loaded.row_number(int(first)))
    return cells


def _copy(
    connection: duckdb.DuckDBPyConnection,
    source: _Source,
    columns: Sequence[Column],
    target: Path,
    key: HashKey | None,
) -> None:
    # No cell is NULL (an absent cell is written empty), so the NULL marker is never written
    # and empty strings need no quotes.
    selected = ", ".join(
        f"coalesce({column.sql}, '') AS {_identifier(column.name)}" for column in columns
    )
    query = (
        f"COPY (SELECT {selected} FROM t WHERE {source.rows}) TO '{_sql_text(str(target))}' "
        "(FORMAT csv, HEADER true, DELIMITER ',', QUOTE '\"', ESCAPE '\"', NULL '\x01', "
        "NEW_LINE '\\n')"
    )
    parameters: dict[str, Any] = key.parameters if key and "$gk_" in selected else {}
    try:
        connection.execute(query, parameters)
    except duckdb.IOException as error:
        raise OSError(f"cannot write {target.name}: {_first_line(error)}") from error


def _identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _sql_text(text: str) -> str:
    return text.replace("'", "''")


def _first_line(error: Exception) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
