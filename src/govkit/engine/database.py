"""Opening DuckDB the way every part of govkit uses it, and stopping it all at once."""

from __future__ import annotations

import contextlib
import threading
import weakref

import duckdb

_OPEN: weakref.WeakSet[duckdb.DuckDBPyConnection] = weakref.WeakSet()
_STOPPING = threading.Event()


def open_database(database: str = ":memory:") -> duckdb.DuckDBPyConnection:
    """A DuckDB connection (in memory, or a database file) that prints nothing."""
    connection = duckdb.connect(database)
    # DuckDB draws a progress bar on standard output for a query over two seconds, whether
    # or not it is a terminal: it would land inside a JSON or SARIF report written there.
    connection.execute("SET enable_progress_bar=false")
    _OPEN.add(connection)
    return connection


def interrupt_all() -> None:
    """Stop every query running in any thread (on Ctrl-C: threads that wait for one
    another would otherwise run to the end first)."""
    _STOPPING.set()
    for connection in list(_OPEN):
        with contextlib.suppress(duckdb.Error):
            connection.interrupt()


def start() -> None:
    """A new run: what an earlier interrupted one asked to stop is forgotten."""
    _STOPPING.clear()


def check_interrupted() -> None:
    """For loops over a file's bytes in worker threads, which no query interrupt reaches:
    they stop within a chunk of Ctrl-C or SIGTERM, so their thread pool can end."""
    if _STOPPING.is_set():
        raise KeyboardInterrupt
