"""Opening DuckDB the way every part of govkit uses it."""

from __future__ import annotations

import duckdb


def open_database(database: str = ":memory:") -> duckdb.DuckDBPyConnection:
    """A DuckDB connection (in memory, or a database file) that prints nothing."""
    connection = duckdb.connect(database)
    # DuckDB draws a progress bar on standard output for a query over two seconds, whether
    # or not it is a terminal: it would land inside a JSON or SARIF report written there.
    connection.execute("SET enable_progress_bar=false")
    return connection
